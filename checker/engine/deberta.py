"""DeBERTa-v2/v3 models with their relative-position table cut to what each batch can reach.

DeBERTa's disentangled attention scores every token against a table of relative positions.
transformers' DeBERTa-v2 code (which the default NLI model, mDeBERTa-v3, runs) always uses the
whole table, ``2 × pos_ebd_size`` = 512 rows for mDeBERTa-v3. It projects all of it in every
layer, copies the projection once per sequence in the batch (``repeat``), multiplies every query
and key against all 512 rows, and then gathers the few it needs. A pair of news claims is 40–120
tokens long, and relative positions within it stay inside ±(length − 1). For such batches most
of the attention's work and memory traffic is spent on rows no token can reach. (DeBERTa v1's
code sizes this span from the sequence length; v2's does not.)

:func:`window_relative_positions` makes each forward pass use only the rows the batch can
reach. The arithmetic is the same: every score is the same dot product over the same head
dimension, read from the same row of the same table. On a random model of mDeBERTa-v3-base's
shape (``benchmarks/deberta_window.py``) the logits were bit-identical, in fp32 and in bf16.
Because this reaches into transformers' internals, it is only installed on a model that has
the expected parts. A probe batch is then run with and without the window, and the window is
kept only when both give the same logits. Otherwise the model is left as it was.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

# the probe's length: short, so the cut pass is cheap, and well inside any real model's table
PROBE_LENGTH = 24
# largest change allowed, relative to the largest logit: the window changes no arithmetic (the
# logits were bit-identical where measured); this is slack for kernels that block by shape
PROBE_TOLERANCE = 1e-5


class RelativeWindow:
    """A forward pre-hook that sizes the relative-position span of one DeBERTa-v2 encoder.

    For a batch of length ``L``, the encoder's own relative positions (with its own log
    buckets) are read once per length, and the span ``w`` is one more than the largest of
    them. Each attention module gets ``pos_ebd_size = w``, and the encoder hands out the rows
    ``[S - w, S + w)`` of its full (layer-normed) table, where ``S`` is the model's own span.
    Row ``S + r`` of the full table is thus row ``w + r`` of the cut one, and an index that
    the attention computes as ``r + w`` reads the same row it reads as ``r + S`` uncut.
    """

    def __init__(self, encoder: Any, attentions: list[Any]) -> None:
        self.encoder = encoder
        self.attentions = attentions
        self.span = int(attentions[0].pos_ebd_size)
        self.enabled = True
        self._full_table = encoder.get_rel_embedding  # the bound method, as the class has it
        self._spans: dict[int, int] = {}
        self.width = self.span

    def span_for(self, length: int) -> int:
        """The span a batch of ``length`` tokens needs: its largest relative position + 1."""
        if length not in self._spans:
            import torch

            probe = torch.empty(1, length, 1, device=self.encoder.rel_embeddings.weight.device)
            positions = self.encoder.get_rel_pos(probe)
            reach = int(positions.abs().max()) + 1 if positions is not None else self.span
            self._spans[length] = min(self.span, reach)
        return self._spans[length]

    def table(self) -> Any:
        """The encoder's table, cut to the current span (replaces ``get_rel_embedding``)."""
        full = self._full_table()
        if full is None or self.width >= self.span:
            return full
        return full[self.span - self.width : self.span + self.width]

    def set_width(self, width: int) -> None:
        self.width = width
        for attention in self.attentions:
            attention.pos_ebd_size = width

    def __call__(self, module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Before each forward pass: the span this batch's length needs (or the full one)."""
        tokens = kwargs.get("input_ids")
        if tokens is None:
            tokens = kwargs.get("inputs_embeds")
        if tokens is None and args:
            tokens = args[0]
        length = tokens.shape[1] if tokens is not None and tokens.dim() >= 2 else 0
        self.set_width(self.span_for(length) if self.enabled and length else self.span)


def _parts(model: Any) -> tuple[Any, Any, list[Any]] | None:
    """The base model, its encoder and its attention modules, if they look as expected."""
    if getattr(getattr(model, "config", None), "model_type", "") != "deberta-v2":
        return None
    base = getattr(model, "base_model", None)
    encoder = getattr(base, "encoder", None)
    if encoder is None or not getattr(encoder, "relative_attention", False):
        return None
    needed = ("get_rel_embedding", "get_rel_pos", "rel_embeddings")
    if not all(hasattr(encoder, name) for name in needed):
        return None
    attentions = [
        m for m in base.modules() if hasattr(m, "pos_ebd_size") and hasattr(m, "pos_att_type")
    ]
    if not attentions or len({int(m.pos_ebd_size) for m in attentions}) != 1:
        return None
    return base, encoder, attentions


def _probe_logits(model: Any) -> Any:
    """Logits of one probe sequence, as the model is now (on its device, in its dtype)."""
    import torch

    vocab = int(model.config.vocab_size)
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(5, max(6, vocab), (1, PROBE_LENGTH), generator=generator)
    device = next(model.parameters()).device
    with torch.inference_mode():
        out = model(input_ids=ids.to(device), attention_mask=torch.ones_like(ids).to(device))
    return (out.logits if hasattr(out, "logits") else out[0]).float().cpu()


def window_relative_positions(model: Any) -> RelativeWindow | None:
    """Install the window on a DeBERTa-v2 ``model`` (in eval mode) if it is exact there.

    The probe runs on the model's device and in its dtype, as it will be used: two forward
    passes of one short sequence, 0.3–0.5 s for mDeBERTa-v3-base in bf16 on two cores (1 s in
    fp32), against the seconds the cut saves on any real run. Returns the installed window, or
    None for any other model, or where the window did not give the same probe logits (the
    model is then left as it was).
    """
    parts = _parts(model)
    if parts is None:
        return None
    base, encoder, attentions = parts
    window = RelativeWindow(encoder, attentions)
    handle = None
    try:
        if window.span_for(PROBE_LENGTH) >= window.span:
            raise ValueError(f"a {PROBE_LENGTH}-token probe already reaches the whole table")
        before = _probe_logits(model)
        encoder.get_rel_embedding = window.table
        handle = base.register_forward_pre_hook(window, with_kwargs=True)
        after = _probe_logits(model)
        scale = max(1.0, float(before.abs().max()))
        if (after - before).abs().max() <= PROBE_TOLERANCE * scale:
            window.set_width(window.span)
            return window
        why = "it changed the probe's logits"
    except Exception as exc:  # transformers changed under us: run the model as it comes
        why = f"{type(exc).__name__}: {exc}"
    if handle is not None:
        handle.remove()
    encoder.__dict__.pop("get_rel_embedding", None)
    window.set_width(window.span)
    log.info("relative-position window left off: %s", why)
    return None
