"""Sentence embeddings for pairing: the ``Embedder`` protocol and a sentence-transformers one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from checker.modelload import load_failed, locate, pick_device, quiet_loading


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    model_id: str

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded lazily, so a fully cached run never loads it.

    ``prompt`` is a prompt name the model defines (``"query"``) or a literal prefix
    (``"query: "``). Left as None, the model's own ``query`` prompt is used when it has one,
    because E5-style models embed noticeably worse without it.
    """

    def __init__(
        self, model_name_or_path: str, prompt: str | None = None, device: str | None = None
    ) -> None:
        self.spec = model_name_or_path
        self.prompt = prompt
        self.device = device
        self.model_id = model_name_or_path
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            name, where = locate("embedding", self.spec)
            try:
                from sentence_transformers import SentenceTransformer

                with quiet_loading():
                    self._model = SentenceTransformer(name, device=pick_device(self.device))
                if self._model.device.type == "cuda":
                    self._model.half()  # fp16 on GPU: same neighbours, half the memory traffic
            except Exception as exc:
                raise load_failed("embedding", self.spec, where, exc) from exc
        return self._model

    def _prompt_kwargs(self, model: Any) -> dict[str, str]:
        prompts = getattr(model, "prompts", None) or {}
        if self.prompt is None:
            return {"prompt_name": "query"} if prompts.get("query") else {}
        if self.prompt in prompts:
            return {"prompt_name": self.prompt}
        return {"prompt": self.prompt} if self.prompt else {}

    @property
    def dimension(self) -> int:
        model = self._load()
        getter = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        return int(getter())

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """``(len(texts), dim)`` float32 unit vectors; ``(0, dim)`` for no texts."""
        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
            **self._prompt_kwargs(model),
        )
        return np.asarray(vectors, dtype=np.float32)
