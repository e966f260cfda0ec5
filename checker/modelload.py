"""What embedding and NLI model loading share: quiet loading, device choice, one error message."""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator

from checker.config import resolve_model
from checker.errors import ModelLoadError

log = logging.getLogger("checker")


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """Silence library chatter (load reports, weight-loading bars) that users cannot act on."""
    from transformers.utils import logging as hf_logging

    previous = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(previous)
        hf_logging.enable_progress_bar()


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
    """Resolve ``spec`` to a path or hub id, logging where it comes from."""
    name, where = resolve_model(spec)
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
