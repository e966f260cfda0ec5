"""What embedding and NLI model loading share: quiet loading, device choice, one error message."""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from checker.engine.modelref import ModelRef
from checker.errors import ModelLoadError, UsageError

log = logging.getLogger("checker")
# "loading the … model": shown by the CLI unless -q (its own level), before the seconds a cold
# model takes to load, so a run never sits silent without saying why.
loading_log = logging.getLogger("checker.loading")


def announce_loading(model: object, kind: str) -> None:
    """Say, once per model object, that it is about to load (or, behind the cache, to run for
    the first time). The cache wrapper and the model itself both ask: whichever comes first
    speaks, so the line shows with and without the cache, never twice."""
    if getattr(model, "announced", False):
        return
    with contextlib.suppress(AttributeError):  # a frozen or slotted fake: say it every time
        model.announced = True  # type: ignore[attr-defined]
    ref = getattr(model, "ref", None)
    model_id = str(getattr(model, "model_id", "") or getattr(ref, "spec", ""))
    path = str(getattr(ref, "path", "") or "")
    where = f" ({path})" if path and path != model_id else ""
    loading_log.info("Loading the %s model %s%s …", kind, model_id, where)


HUB_PROBE_SECONDS = 3.0


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """Silence library chatter (load reports, retries, weight bars) users cannot act on."""
    from huggingface_hub.utils import logging as hub_logging
    from transformers.utils import logging as hf_logging

    previous = hf_logging.get_verbosity()
    hub_previous = hub_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    hub_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(previous)
        hub_logging.set_verbosity(hub_previous)
        hf_logging.enable_progress_bar()


@contextlib.contextmanager
def gc_held() -> Iterator[None]:
    """No cyclic garbage collection while a model loads; what it loaded is frozen after.

    Importing torch and transformers and loading a model creates about a million objects
    that live as long as the process. The collector re-scans them again and again while they
    pile up, and once more at interpreter exit: the cold seed report took 10.2-11.5 s with
    that and 8.0-8.6 s without (benchmarks/README.md). ``gc.freeze`` moves them into the
    permanent generation, so later collections, the exit one included, skip them; anything
    created afterwards is collected as usual. Nested uses leave the collector as the
    outermost one found it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_tokenizer(source: str) -> Any:
    """The tokenizer of the model at ``source`` (a folder, or a hub id still to download).

    A folder with a ``tokenizer.json`` (local models and cached hub snapshots) is read by
    transformers' generic ``TokenizersBackend``, which loads that file as it is. The
    model-specific class ``AutoTokenizer`` picks (XLM-R's, say) rebuilds the same tokenizer
    from the file's vocabulary, parsing it twice: 0.4 s instead of 0.1 s for a 250k-token
    vocabulary, paid once per model and run. The file is what the model was published with
    (and what transformers 4 read). On the shared XLM-R models the two give the same ids for
    any text without trailing blanks, where the file adds a final "▁" token and the class
    does not; both models' callers strip their texts (tests/test_models.py compares them).
    Without the file the model's own class is used.
    """
    from transformers import AutoTokenizer

    try:
        from transformers import TokenizersBackend  # transformers 5
    except ImportError:  # transformers 4 reads tokenizer.json as it is already
        return AutoTokenizer.from_pretrained(source)
    if (Path(source) / "tokenizer.json").is_file():
        return TokenizersBackend.from_pretrained(source)
    return AutoTokenizer.from_pretrained(source)


def _hub_reachable() -> bool:
    """A quick TCP probe of the Hub, so an offline run fails in seconds, not after retries."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co").hostname or ""
    try:
        with socket.create_connection((host, 443), timeout=HUB_PROBE_SECONDS):
            return True
    except OSError:
        return False


def hub_source(name: str) -> str:
    """Where to load a hub model from: its cached snapshot if any, else the id (downloaded).

    Raises OSError when the model is neither cached nor reachable.
    """
    from huggingface_hub import snapshot_download

    try:
        return snapshot_download(name, local_files_only=True)
    except Exception:
        pass
    if not _hub_reachable():
        raise OSError("not in the local Hugging Face cache and the Hub is unreachable")
    return name


# /proc/cpuinfo flags of CPUs that compute bf16 natively, best first, with the name users see.
BF16_FLAGS = (("amx_bf16", "AMX-BF16"), ("avx512_bf16", "AVX512-BF16"))
# Where no bf16 unit is reported, bf16 is emulated and slower than fp32: "auto" means fp32 there.


@functools.cache
def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags from /proc/cpuinfo (Linux); empty where there is none.

    Read once per process: the answer cannot change, and reading it costs no torch import, so a
    fully cached run (which resolves the dtype for its cache identity) stays light.
    """
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in {"flags", "Features"}:
            return frozenset(value.split())
    return frozenset()


@functools.cache
def _torch_capability() -> str:
    """torch's CPU kernel level (``AVX512``, ``AMX``...), the fallback where /proc is absent."""
    try:
        import torch

        return str(torch.backends.cpu.get_cpu_capability())
    except Exception:
        return ""


def bf16_unit(flags: Iterable[str] | None = None) -> str | None:
    """The CPU's native bf16 unit (``"AMX-BF16"``, ``"AVX512-BF16"``), or None.

    ``flags`` are /proc/cpuinfo-style flags, injectable for tests; by default this machine's.
    Without /proc/cpuinfo, torch's reported capability is used when it names AMX or BF16.
    """
    if flags is None:
        flags = cpu_flags()
        if not flags:
            capability = _torch_capability().upper()
            if "AMX" in capability:
                return "AMX-BF16"
            return "AVX512-BF16" if "BF16" in capability else None
    present = set(flags)
    for flag, name in BF16_FLAGS:
        if flag in present:
            return name
    return None


def device_type(device: str | None) -> str:
    """``"cuda"`` or ``"cpu"`` (or the given device's type) without importing torch if possible.

    With no NVIDIA driver on Linux, CUDA cannot be available, so the answer needs no torch
    import (about a second); only where a driver may exist is torch asked.
    """
    if device:
        return device.split(":")[0]
    if sys.platform == "linux" and not Path("/proc/driver/nvidia").exists():
        return "cpu"
    return "cuda" if cuda_state()[0] else "cpu"


@functools.cache
def nvidia_compute_caps() -> tuple[float, ...] | None:
    """Compute capabilities of the GPUs the NVIDIA driver lists, from ``nvidia-smi``; None
    where it cannot be asked (no nvidia-smi, an old driver, an error)."""
    exe = shutil.which("nvidia-smi")
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, "--query-gpu=compute_cap", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=15,
        )
        return tuple(float(line) for line in done.stdout.split()) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def torch_has_cuda() -> bool | None:
    """Whether the installed torch is a CUDA build (it ships ``libtorch_cuda``), read from its
    files without importing it; None where torch is not found."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return None
    return any(
        any((Path(folder) / "lib").glob("libtorch_cuda*"))
        for folder in spec.submodule_search_locations
    )


def _torch_cuda() -> tuple[bool, bool]:
    """(CUDA usable, bf16 on it) as torch says (imports torch)."""
    import torch

    usable = torch.cuda.is_available()
    return usable, bool(usable and torch.cuda.is_bf16_supported())


def cuda_state() -> tuple[bool, bool]:
    """(CUDA usable, every GPU has bf16): :func:`cuda_probe`, else torch asked."""
    probe = cuda_probe()
    return probe if probe is not None else _torch_cuda()


def cuda_probe() -> tuple[bool, bool] | None:
    """(CUDA usable, every GPU has bf16) without importing torch, or None when only torch can
    tell.

    On a GPU machine, importing torch to ask took 4.0 s, which made a fully cached re-run
    6.5-7 s there (it needs the dtype for the cache identity and nothing else from torch).
    The driver's GPU list (``nvidia-smi``), torch's own files (a CUDA build or not) and
    ``CUDA_VISIBLE_DEVICES`` answer the same question; bf16 needs compute capability 8.0
    (Ampere) or newer. Once torch is imported it is asked directly.
    """
    if "torch" in sys.modules:
        return _torch_cuda()
    if os.environ.get("CUDA_VISIBLE_DEVICES", "unset").strip() in ("", "-1"):
        return False, False
    built = torch_has_cuda()
    if built is False:
        return False, False  # a CPU build of torch never runs on a GPU
    caps = nvidia_compute_caps()
    if caps is None or built is None:
        return None
    usable = bool(caps)
    return usable, usable and all(cap >= 8.0 for cap in caps)


def resolve_dtype(
    requested: str,
    device: str | None,
    flags: Iterable[str] | None = None,
    *,
    bf16_on_cpu: bool = True,
    cuda_bf16: bool | None = None,
) -> tuple[str, str]:
    """The dtype a model runs in (``fp32``, ``bf16``, ``fp16``) and why, for ``checker models``.

    ``auto``: on CUDA, bf16 where the GPU supports it (``cuda_bf16``; :func:`cuda_state`
    when None), else fp16: on an H200 bf16 ran as fast as fp16 or faster for both models
    (benchmarks/model_throughput.py), its accuracy is the one measured on CPU, and it has
    fp32's range, so no fp16 overflow. On a CPU with a native bf16 unit (AMX or AVX512-BF16)
    bf16, 2-3x faster NLI at the same XNLI accuracy (benchmarks/README.md); fp32 on other
    CPUs, which would only emulate bf16, and for a model whose caller passes
    ``bf16_on_cpu=False``. ``fp16`` is refused on CPU (UsageError, before any model loads):
    torch's CPU fp16 kernels are slow or missing.
    """
    kind = device_type(device)
    if requested == "fp16" and kind == "cpu":
        raise UsageError(
            "setting 'dtype' = 'fp16' needs a CUDA device; on CPU use auto, fp32 or bf16"
        )
    if requested != "auto":
        return requested, "set"
    if kind == "cuda":
        if cuda_bf16 is None:
            cuda_bf16 = cuda_state()[1]
        return ("bf16", "CUDA with bf16") if cuda_bf16 else ("fp16", "CUDA without bf16")
    if kind != "cpu":
        return "fp32", f"device {kind}"
    unit = bf16_unit(flags)
    if unit and bf16_on_cpu:
        return "bf16", f"CPU has {unit}"
    if unit:
        return "fp32", f"auto keeps this model in fp32; --dtype bf16 would use the {unit}"
    return "fp32", "CPU has no AMX-BF16 or AVX512-BF16"


# Items per batch when the setting is 0 (auto), by device: on an H200, 256 ran NLI about 2x
# and embedding 3.5-5x faster than 32 (benchmarks/model_throughput.py); on CPU a larger batch
# gains nothing and holds more memory.
AUTO_BATCH = {"cpu": 32, "cuda": 256}


def batch_items(batch_size: int, device: str | None) -> int:
    """``batch_size``, or for 0 (auto) the default of ``device`` (32 on anything but CUDA)."""
    if batch_size > 0:
        return batch_size
    return AUTO_BATCH.get(device_type(device), AUTO_BATCH["cpu"])


def torch_dtype(name: str) -> Any:
    """The torch dtype for ``fp32``/``bf16``/``fp16`` (imports torch: call when loading)."""
    import torch

    return {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[name]


def pick_device(device: str | None) -> str:
    """``device`` if given, else CUDA when present, else CPU with one thread per core."""
    import torch

    if device:
        return device
    if torch.cuda.is_available():
        return "cuda"
    torch.set_num_threads(cpu_threads(None))
    return "cpu"


def cpu_threads(device: str | None) -> int:
    """The torch threads a model runs with on CPU here: one per CPU this process may use when
    the device is left to :func:`pick_device`, else torch's current setting.

    Ray workers run with the driver's count (checker/engine/rayengine.py): some CPU kernels sum in
    another order with another thread count, and the report must not change by a bit.
    """
    if device is None:
        return max(1, len(os.sched_getaffinity(0)))
    import torch

    return int(torch.get_num_threads())


def locate(kind: str, ref: ModelRef) -> str:
    """What to load ``ref`` from: its folder, or a hub model's cached snapshot (else its id).

    Not a second lookup of the spec (that is :func:`checker.engine.modelref.resolve`'s alone): only
    the hub cache / network check, done here because a fully cached run never needs it. Raises
    ModelLoadError at once when a hub model is neither cached nor reachable, before any
    loading library retries for minutes.
    """
    source = ref.path
    if ref.where == "hub":
        try:
            source = hub_source(ref.path)
        except OSError as exc:
            raise load_failed(kind, ref, exc) from None
    log.debug("%s model %s -> %s (%s)", kind, ref.spec, source, ref.where)
    return source


def load_failed(kind: str, ref: ModelRef, exc: BaseException) -> ModelLoadError:
    """The one message for a model that cannot be had, saying how to point at a local copy."""
    env = "CHECKER_EMBED_MODEL" if kind == "embedding" else "CHECKER_NLI_MODEL"
    flag = "--embed-model" if kind == "embedding" else "--nli-model"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if ref.where == "hub":
        hint = (
            f"it is not a local folder and could not be fetched from the Hugging Face Hub "
            f"({detail[:160]}); download it where there is network, or pass {flag} PATH / "
            f"set {env} to a local model folder"
        )
    else:
        hint = f"the folder is not a usable {kind} model ({detail[:200]})"
    return ModelLoadError(f"cannot load {kind} model {ref.spec!r}: {hint}")
