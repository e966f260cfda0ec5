"""What embedding and NLI model loading share: quiet loading, device choice, one error message."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import warnings
from collections.abc import Iterator
from urllib.parse import urlparse

from checker.config import resolve_model
from checker.errors import ModelLoadError

log = logging.getLogger("checker")


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


def pick_device(device: str | None) -> str:
    """``device`` if given, else CUDA when present, else CPU with one thread per core."""
    import torch

    if device:
        return device
    if torch.cuda.is_available():
        return "cuda"
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    return "cpu"


def locate(kind: str, spec: str) -> tuple[str, str]:
    """Resolve ``spec`` to a loadable path or hub id and say where it comes from.

    Raises ModelLoadError at once when a hub model is neither cached nor reachable.
    """
    name, where = resolve_model(spec)
    if where == "hub":
        try:
            name = hub_source(name)
        except OSError as exc:
            raise load_failed(kind, spec, where, exc) from None
    log.debug("%s model %s -> %s (%s)", kind, spec, name, where)
    return name, where


def load_failed(kind: str, spec: str, where: str, exc: BaseException) -> ModelLoadError:
    """The one message for a model that cannot be had, saying how to point at a local copy."""
    env = "CHECKER_EMBED_MODEL" if kind == "embedding" else "CHECKER_NLI_MODEL"
    flag = "--embed-model" if kind == "embedding" else "--nli-model"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if where == "hub":
        hint = (
            f"it is not a local folder and could not be fetched from the Hugging Face Hub "
            f"({detail[:160]}); download it where there is network, or pass {flag} PATH / "
            f"set {env} to a local model folder"
        )
    else:
        hint = f"the folder is not a usable {kind} model ({detail[:200]})"
    return ModelLoadError(f"cannot load {kind} model {spec!r}: {hint}")
