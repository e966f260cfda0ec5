"""Sentence embeddings for pairing: the ``Embedder`` protocol and a sentence-transformers one.

A sentence-transformers model folder (``modules.json``: Transformer, Pooling, optional
Normalize) is run with plain transformers: ``import sentence_transformers`` alone costs about
2.6 s and 440 MiB (it pulls in scikit-learn and sympy, which checker never uses), and for this
layout the result is the same to 3e-7 cosine (benchmarks/README.md). Any other layout (Dense
layers, other pooling modes) falls back to sentence-transformers itself.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from checker.engine.modelload import (
    announce_loading,
    batch_items,
    device_type,
    gc_held,
    load_failed,
    load_tokenizer,
    locate,
    pick_device,
    quiet_loading,
    resolve_dtype,
)
from checker.engine.modelref import ModelRef, as_ref

# Whether "auto" runs the embedder in bf16 on a CPU with a bf16 unit, and how. On the dev
# stories (benchmarks/README.md) bf16 *weights* kept only ~94 % of each claim's top-5
# cross-article neighbours, below the 98 % bar; autocast (fp32 weights, bf16 matmuls, fp32
# pooling) kept ~99 % at about twice fp32's speed, so autocast it is.
EMBED_BF16_ON_CPU = True
EMBED_BF16_MODE = "autocast"  # or "weights"

_MODULE_KINDS = {"Transformer": "transformer", "Pooling": "pooling", "Normalize": "normalize"}


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    model_id: str

    def embed(
        self, texts: Sequence[str], batch_size: int = 0, show_progress: bool = False
    ) -> np.ndarray: ...


@dataclass(frozen=True)
class Layout:
    """What a sentence-transformers folder asks of its Transformer and Pooling modules."""

    pooling: str = "mean"  # "mean" or "cls"
    max_seq_length: int | None = None
    do_lower_case: bool = False
    prompts: dict[str, str] = field(default_factory=dict)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def read_layout(folder: Path) -> Layout | None:
    """The folder's sentence-transformers layout, or None when plain transformers cannot run it.

    Supported: Transformer at the folder root, one Pooling (mean or CLS, prompt tokens
    included), optional Normalize; a folder without ``modules.json`` is a bare transformers
    model, which sentence-transformers runs with mean pooling too. Anything else returns None,
    and the caller uses sentence-transformers.
    """
    if not (folder / "config.json").is_file():
        return None
    modules = _json(folder / "modules.json")
    pooling = "mean"
    if modules is not None:
        kinds = [_MODULE_KINDS.get(str(m.get("type", "")).rsplit(".", 1)[-1]) for m in modules]
        if kinds not in (["transformer", "pooling"], ["transformer", "pooling", "normalize"]):
            return None
        if modules[0].get("path", "") not in ("", "."):
            return None
        pool = _json(folder / modules[1]["path"] / "config.json") or {}
        if isinstance(pool.get("pooling_mode"), str):  # sentence-transformers 6 format
            modes = [f"pooling_mode_{pool['pooling_mode']}"]
        else:
            modes = [k for k, v in pool.items() if k.startswith("pooling_mode") and v]
        if modes in (["pooling_mode_mean_tokens"], ["pooling_mode_mean"]):
            pooling = "mean"
        elif modes in (["pooling_mode_cls_token"], ["pooling_mode_cls"]):
            pooling = "cls"
        else:
            return None
        if pool.get("include_prompt", True) is not True:
            return None
    bert = _json(folder / "sentence_bert_config.json") or {}
    task = bert.get("transformer_task", "feature-extraction")
    output = bert.get("modality_config", {}).get("text", {}).get("method_output_name")
    if task != "feature-extraction" or output not in (None, "last_hidden_state"):
        return None
    st = _json(folder / "config_sentence_transformers.json") or {}
    prompts = {str(k): str(v) for k, v in (st.get("prompts") or {}).items()}
    return Layout(pooling, bert.get("max_seq_length"), bool(bert.get("do_lower_case")), prompts)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded lazily, so a fully cached run never loads it.

    ``prompt`` is a prompt name the model defines (``"query"``) or a literal prefix
    (``"query: "``). Left as None, the model's own ``query`` prompt is used when it has one,
    because E5-style models embed noticeably worse without it. ``dtype`` is ``auto``,
    ``fp32``, ``bf16`` or ``fp16`` (see :func:`checker.engine.modelload.resolve_dtype`); the
    resolved one is in ``self.dtype`` and goes into the cache identity. ``model`` is a
    :class:`~checker.engine.modelref.ModelRef`, or a hub id / path resolved here.
    """

    def __init__(
        self,
        model: ModelRef | str,
        prompt: str | None = None,
        device: str | None = None,
        dtype: str = "auto",
    ) -> None:
        self.ref = as_ref(model)
        self.prompt = prompt
        self.device = device
        self.model_id = self.ref.spec
        # resolved now, so fp16 on CPU fails before any model loads
        self.dtype, self.dtype_reason = resolve_dtype(
            dtype, device, bf16_on_cpu=EMBED_BF16_ON_CPU
        )
        self.bf16_mode = EMBED_BF16_MODE
        self._model: Any = None  # a SentenceTransformer (fallback) or (tokenizer, model, layout)
        self._where: tuple[str, Layout | None] | None = None

    def _located(self) -> tuple[str, Layout | None]:
        """What to load from, and its layout (None: sentence-transformers runs it); read once,
        from the folder's small JSON files, so batches can be planned without the weights."""
        if self._where is None:
            name = locate("embedding", self.ref)
            try:
                layout = read_layout(Path(name)) if Path(name).is_dir() else None
            except Exception as exc:
                raise load_failed("embedding", self.ref, exc) from exc
            self._where = (name, layout)
        return self._where

    def _load(self) -> Any:
        if self._model is None:
            announce_loading(self, "embedding")
            name, layout = self._located()
            try:
                from checker.engine.modelload import torch_dtype

                with gc_held(), quiet_loading():
                    if layout is None:
                        from sentence_transformers import SentenceTransformer

                        model = SentenceTransformer(name, device=pick_device(self.device))
                    else:
                        from transformers import AutoModel

                        tokenizer = load_tokenizer(name)
                        network = AutoModel.from_pretrained(name)
                        network.to(pick_device(self.device)).eval()
                autocast = self.dtype == "bf16" and self.bf16_mode == "autocast"
                model_dtype = torch_dtype("fp32" if autocast else self.dtype)
                if layout is None:
                    model.to(model_dtype)
                    self._model = model
                else:
                    network.to(model_dtype)
                    self._model = (tokenizer, network, layout)
            except Exception as exc:
                raise load_failed("embedding", self.ref, exc) from exc
        return self._model

    def _prompts(self) -> dict[str, str]:
        model = self._load()
        if isinstance(model, tuple):
            return model[2].prompts
        return getattr(model, "prompts", None) or {}

    def _prompt_kwargs(self, prompts: dict[str, str]) -> dict[str, str]:
        if self.prompt is None:
            return {"prompt_name": "query"} if prompts.get("query") else {}
        if self.prompt in prompts:
            return {"prompt_name": self.prompt}
        return {"prompt": self.prompt} if self.prompt else {}

    def _prefix(self, prompts: dict[str, str]) -> str:
        kwargs = self._prompt_kwargs(prompts)
        if "prompt_name" in kwargs:
            return prompts[kwargs["prompt_name"]]
        return kwargs.get("prompt", "")

    @property
    def dimension(self) -> int:
        model = self._load()
        if isinstance(model, tuple):
            return int(model[1].config.hidden_size)
        getter = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        return int(getter())

    def _prepared(self, texts: Sequence[str], layout: Layout) -> list[str]:
        """The texts as the model reads them: prompt prefix, stripped, lower-cased if asked."""
        prefix = self._prefix(layout.prompts)
        prepared = [(prefix + text).strip() for text in texts]
        return [text.lower() for text in prepared] if layout.do_lower_case else prepared

    def plan(self, texts: Sequence[str], batch_size: int = 0) -> list[np.ndarray]:
        """The batches ``embed`` runs ``texts`` in (indices, longest first), read without
        loading the model.

        Vectors depend on which texts share a batch (padding; up to 6e-4 in bf16 on the seed
        claims), so whoever splits one ``embed`` call across workers splits it here to get the
        same vectors. Any run of consecutive batches, embedded alone, is batched the same way
        again (already longest first, the stable sort keeps it). A layout run by
        sentence-transformers is one batch: its batching is its own.
        """
        if not texts:
            return []
        _, layout = self._located()
        if layout is None:
            return [np.arange(len(texts))]
        return length_batches(self._prepared(texts, layout), batch_items(batch_size, self.device))

    def embed(
        self, texts: Sequence[str], batch_size: int = 0, show_progress: bool = False
    ) -> np.ndarray:
        """``(len(texts), dim)`` float32 unit vectors; ``(0, dim)`` for no texts."""
        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        batch_size = batch_items(batch_size, self.device)
        with self._autocast():
            if isinstance(model, tuple):
                return self._encode(model, list(texts), batch_size, show_progress)
            vectors = model.encode(
                list(texts),
                batch_size=batch_size,
                show_progress_bar=show_progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
                **self._prompt_kwargs(model.prompts or {}),
            )
        return np.asarray(vectors, dtype=np.float32)

    def _autocast(self) -> contextlib.AbstractContextManager[Any]:
        """bf16 autocast when that is the mode, else nothing (weights carry the dtype)."""
        if self.dtype != "bf16" or self.bf16_mode != "autocast":
            return contextlib.nullcontext()
        import torch

        device = "cuda" if device_type(self.device) == "cuda" else "cpu"
        return torch.autocast(device, dtype=torch.bfloat16)

    def _encode(
        self,
        loaded: tuple[Any, Any, Layout],
        texts: list[str],
        batch_size: int,
        show_progress: bool,
    ) -> np.ndarray:
        """What ``SentenceTransformer.encode`` does for this layout, pooled in float32.

        Same steps in the same order: prompt prefix, strip, optional lower-casing, batches of
        similar length (longest first), truncation at ``max_seq_length``, masked mean (or CLS)
        pooling, L2 normalisation.
        """
        import torch

        from checker.progress import progress

        tokenizer, network, layout = loaded
        prepared = self._prepared(texts, layout)
        max_length = layout.max_seq_length or _default_max_length(tokenizer, network.config)
        batches = length_batches(prepared, batch_size)
        out = np.zeros((len(texts), int(network.config.hidden_size)), dtype=np.float32)
        with torch.inference_mode():
            for index in progress(
                batches, total=len(batches), desc="Embedding", silent=not show_progress
            ):
                batch = tokenizer(
                    [prepared[i] for i in index],
                    padding=True,
                    truncation="longest_first",
                    max_length=max_length,
                    return_tensors="pt",
                ).to(network.device)
                tokens = network(**batch)[0].float()
                if layout.pooling == "cls":
                    pooled = tokens[:, 0]
                else:
                    mask = batch["attention_mask"].unsqueeze(-1).float()
                    pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[index] = pooled.cpu().numpy()
        return out


def length_batches(texts: Sequence[str], batch_size: int) -> list[np.ndarray]:
    """Indices of ``texts`` longest first (stable), cut every ``batch_size``: little padding."""
    order = np.argsort([-len(text) for text in texts], kind="stable")
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def _default_max_length(tokenizer: Any, config: Any) -> int | None:
    """sentence-transformers' default without ``max_seq_length``: the smaller model limit."""
    limits = [
        value
        for value in (
            getattr(config, "max_position_embeddings", None),
            getattr(tokenizer, "model_max_length", None),
        )
        if isinstance(value, int) and value < 100_000
    ]
    return min(limits) if limits else None
