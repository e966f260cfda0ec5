"""Natural-language inference over claim pairs: the ``NliScorer`` protocol and a transformers one.

Scores always come back in the canonical column order :data:`LABELS`, mapped from the model's
own ``config.id2label``; models disagree on label order, and a silent mix-up would turn every
contradiction into an agreement.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from checker.engine.deberta import RelativeWindow, window_relative_positions
from checker.engine.modelload import (
    announce_loading,
    batch_items,
    gc_held,
    load_failed,
    load_tokenizer,
    locate,
    pick_device,
    quiet_loading,
    resolve_dtype,
)
from checker.engine.modelref import ModelRef, as_ref
from checker.errors import ModelLoadError
from checker.progress import progress

LABELS = ("entailment", "neutral", "contradiction")
ENTAILMENT, NEUTRAL, CONTRADICTION = range(3)
# Token budget per batch = batch_size × TOKENS_PER_ITEM; short pairs may fill up to
# MAX_ITEMS_FACTOR × batch_size rows.
TOKENS_PER_ITEM = 96
MAX_ITEMS_FACTOR = 4
# How bf16 is applied: "weights" casts the model (measured ~3x fp32 at the same XNLI accuracy),
# "autocast" keeps fp32 weights and runs matmuls in bf16 (slower, closer to fp32).
NLI_BF16_MODE = "weights"


class NliScorer(Protocol):
    """Anything that scores (premise, hypothesis) pairs as ``(n, 3)`` probabilities."""

    model_id: str

    def score(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 0,
        show_progress: bool = False,
    ) -> np.ndarray: ...


def label_columns(id2label: dict[Any, str]) -> list[int]:
    """For each canonical label, the model's output index, read from ``config.id2label``."""
    found: dict[str, int] = {}
    for index, name in id2label.items():
        key = str(name).strip().lower()
        for label in LABELS:
            if key.startswith(label[:6]):
                found[label] = int(index)
    missing = [label for label in LABELS if label not in found]
    if missing:
        raise ModelLoadError(
            f"NLI model labels {sorted(map(str, id2label.values()))} lack {', '.join(missing)}; "
            "a 3-way entailment/neutral/contradiction model is needed"
        )
    return [found[label] for label in LABELS]


def usable_length(wanted: int, tokenizer: Any, config: Any) -> int:
    """``wanted`` capped by what the tokenizer and the position embeddings can take."""
    limits = [wanted]
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and tokenizer_limit < 100_000:
        limits.append(tokenizer_limit)
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        # RoBERTa-style models reserve padding_idx + 1 positions
        offset = getattr(config, "pad_token_id", 0) or 0
        limits.append(
            positions - offset - 1 if config.model_type in {"roberta", "xlm-roberta"} else positions
        )
    return min(limits)


def token_batches(lengths: Sequence[int], budget: int, max_items: int) -> list[np.ndarray]:
    """Group indices longest-first so each padded batch holds at most ``budget`` tokens.

    Sorting by length keeps padding small; a token budget instead of a fixed count lets many
    short pairs share a batch while long pairs do not blow up memory or latency.
    """
    order = np.argsort([-n for n in lengths], kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        longest = max(1, lengths[order[start]])
        size = max(1, min(max_items, budget // longest))
        batches.append(order[start : start + size])
        start += size
    return batches


class TransformersNliScorer:
    """A sequence-classification cross-encoder, loaded lazily, scored in token-budget batches.

    ``dtype`` is ``auto``, ``fp32``, ``bf16`` or ``fp16`` (see
    :func:`checker.engine.modelload.resolve_dtype`), resolved at once so a refused one (fp16 on CPU)
    fails before any model loads; the resolved one is ``self.dtype``. bf16 casts the weights
    (not autocast): on the XNLI-de dev set that was faster at the same accuracy
    (benchmarks/README.md). Probabilities are computed and returned in float32 either way.
    ``model`` is a :class:`~checker.engine.modelref.ModelRef`, or a hub id / path resolved here.
    """

    def __init__(
        self,
        model: ModelRef | str,
        device: str | None = None,
        max_length: int = 256,
        dtype: str = "auto",
    ) -> None:
        self.ref = as_ref(model)
        self.model_id = self.ref.spec
        self.device = device
        self.max_length = max_length
        self.dtype, self.dtype_reason = resolve_dtype(dtype, device)
        self.bf16_mode = NLI_BF16_MODE
        self._tokenizer: tuple[str, Any] | None = None  # (what to load from, tokenizer)
        self._loaded: tuple[Any, list[int]] | None = None  # (model, label columns)
        self._max_tokens = max_length
        self.window: RelativeWindow | None = None  # DeBERTa-v2's span cut per batch, once loaded

    def _located(self) -> tuple[str, Any]:
        """What to load the model from, and its tokenizer; read once, without the weights
        (the tokenizer and the model's config), so batches can be planned where the model is
        not loaded (see :meth:`plan`)."""
        if self._tokenizer is None:
            name = locate("NLI", self.ref)
            try:
                with gc_held(), quiet_loading():
                    from transformers import AutoConfig

                    tokenizer = load_tokenizer(name)
                    config = AutoConfig.from_pretrained(name)
            except Exception as exc:
                raise load_failed("NLI", self.ref, exc) from exc
            self._max_tokens = usable_length(self.max_length, tokenizer, config)
            self._tokenizer = (name, tokenizer)
        return self._tokenizer

    def _tokenize(self, pairs: Sequence[tuple[str, str]]) -> Any:
        """``pairs`` tokenized as the model reads them: stripped, truncated, not padded.

        Stripped as the embedder strips its texts: trailing blanks mean nothing, and the
        tokenizer file and the model's class read them differently (see
        :func:`checker.engine.modelload.load_tokenizer`).
        """
        _, tokenizer = self._located()
        return tokenizer(
            [p.strip() for p, _ in pairs],
            [h.strip() for _, h in pairs],
            truncation=True,
            max_length=self._max_tokens,
        )

    def _load(self) -> tuple[Any, list[int]]:
        if self._loaded is None:
            announce_loading(self, "NLI")
            name, _ = self._located()
            try:
                with gc_held(), quiet_loading():
                    from transformers import AutoModelForSequenceClassification

                    model = AutoModelForSequenceClassification.from_pretrained(name)
            except Exception as exc:
                raise load_failed("NLI", self.ref, exc) from exc
            columns = label_columns(model.config.id2label)
            from checker.engine.modelload import torch_dtype

            autocast = self.dtype == "bf16" and self.bf16_mode == "autocast"
            weights = torch_dtype("fp32" if autocast else self.dtype)
            model.to(pick_device(self.device), dtype=weights).eval()
            self.window = window_relative_positions(model)
            self._loaded = (model, columns)
        return self._loaded

    def plan(self, pairs: Sequence[tuple[str, str]], batch_size: int = 0) -> list[np.ndarray]:
        """The batches ``score`` runs ``pairs`` in (indices, longest first), read without
        loading the model.

        Scores depend on which pairs share a batch (padding; up to 2e-3 in bf16 on the seed
        claims), so whoever splits one ``score`` call across workers splits it here to get the
        same scores. Any run of consecutive batches, scored alone, is batched the same way
        again: it is already longest first, and each batch is cut by its own longest pair.
        """
        if not pairs:
            return []
        return self._batches(self._tokenize(pairs), batch_size)

    def _batches(self, encoded: Any, batch_size: int) -> list[np.ndarray]:
        lengths = [len(ids) for ids in encoded["input_ids"]]
        items = batch_items(batch_size, self.device)
        return token_batches(lengths, items * TOKENS_PER_ITEM, MAX_ITEMS_FACTOR * items)

    def score(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 0,
        show_progress: bool = False,
    ) -> np.ndarray:
        """Probabilities ``(len(pairs), 3)`` in :data:`LABELS` order; ``(0, 3)`` for no pairs."""
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        import torch

        model, columns = self._load()
        _, tokenizer = self._located()
        encoded = self._tokenize(pairs)
        batches = self._batches(encoded, batch_size)
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        autocast: Any = contextlib.nullcontext()
        if self.dtype == "bf16" and self.bf16_mode == "autocast":
            autocast = torch.autocast(model.device.type, dtype=torch.bfloat16)
        with torch.inference_mode(), autocast:
            for index in progress(
                batches, total=len(batches), desc="NLI", silent=not show_progress
            ):
                batch = tokenizer.pad(
                    {key: [encoded[key][i] for i in index] for key in encoded},
                    return_tensors="pt",
                ).to(model.device)
                probs = model(**batch).logits.float().softmax(-1).cpu().numpy()
                out[index] = probs[:, columns]
        return out
