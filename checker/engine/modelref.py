"""A model spec resolved once: what the user gave, what loaders open, and its cache identity.

A run used to look a model up twice (once for the cache identity, once when loading), and the
two lookups could disagree if a folder appeared in between. :func:`resolve` is now the one
place that maps a spec to a folder or a hub id; the embedder, the NLI scorer, the cache
wrappers and ``checker models`` all read the same :class:`ModelRef`.

Resolving touches only the file system (a few ``stat`` calls), never the network or a model
library: a fully cached run resolves its models without loading them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from checker.config import ENV_MODELS_DIR

Where = Literal["local", "hub"]

# Files that describe a model folder but do not change its outputs.
_IGNORED_SUFFIXES = (".md", ".txt.lock", ".lock")


@dataclass(frozen=True)
class ModelRef:
    """One model, resolved. Frozen: the identity must match the folder that gets loaded.

    ``spec`` is what the user gave (for messages); ``path`` is what loaders open (a local
    folder, or the hub id, fetched or read from the Hugging Face cache when loading);
    ``where`` says which; ``identity`` changes whenever the model's outputs may change (see
    :func:`folder_identity`), so cache entries of a replaced model are never reused.
    """

    spec: str
    path: str
    where: Where
    identity: str


def models_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where local model folders are looked up by name (``./models`` unless overridden)."""
    env = os.environ if env is None else env
    return Path(env.get(ENV_MODELS_DIR) or "models")


def find_folder(spec: str, env: Mapping[str, str] | None = None) -> Path | None:
    """The local folder ``spec`` names, or None when it is left to the Hub.

    ``spec`` itself when it is a folder; else under the models directory by its full id, by
    the id with ``/`` written ``--``, or by its last segment.
    """
    direct = Path(spec).expanduser()
    if direct.is_dir():
        return direct
    base = models_dir(env)
    for candidate in (base / spec, base / spec.replace("/", "--"), base / spec.split("/")[-1]):
        if candidate.is_dir():
            return candidate
    return None


def folder_identity(folder: Path) -> str:
    """The folder's resolved path, then the size and modification time of each file in it.

    Weights, config and tokenizer files count, so retraining or replacing a model in place
    invalidates its cache entries; hidden files and docs (``_IGNORED_SUFFIXES``) do not. The
    format is the cache's key, unchanged since caches were introduced: changing it would
    orphan every stored entry.
    """
    folder = folder.resolve()
    parts = [f"local:{folder}"]
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(p.startswith(".") for p in relative.parts) or not path.is_file():
            continue
        if path.name.endswith(_IGNORED_SUFFIXES):
            continue
        stat = path.stat()
        parts.append(f"{relative.as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def resolve(spec: str, env: Mapping[str, str] | None = None) -> ModelRef:
    """The one lookup of a model spec (hub id or path); see :class:`ModelRef`.

    ``env`` supplies ``CHECKER_MODELS_DIR`` (default: the process environment).
    """
    folder = find_folder(spec, env)
    if folder is None:
        return ModelRef(spec, spec, "hub", f"hub:{spec}")
    return ModelRef(spec, str(folder), "local", folder_identity(folder))


def as_ref(model: ModelRef | str) -> ModelRef:
    """``model`` if already resolved, else :func:`resolve` it: for constructors that also take
    a plain spec, so users and tests can pass a string."""
    return model if isinstance(model, ModelRef) else resolve(model)
