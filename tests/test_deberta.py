"""The relative-position window on DeBERTa-v2 models: the same logits, less of the table."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from checker.engine.deberta import RelativeWindow, window_relative_positions  # noqa: E402
from checker.engine.nli import TransformersNliScorer  # noqa: E402


def _deberta(**shape):
    """A small random DeBERTa-v2 classifier, in eval mode."""
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification

    settings = {
        "vocab_size": 200,
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "intermediate_size": 64,
        "max_position_embeddings": 128,
        "type_vocab_size": 0,
        "relative_attention": True,
        "position_buckets": 64,
        "max_relative_positions": -1,
        "pos_att_type": ["p2c", "c2p"],
        "share_att_key": True,
        "norm_rel_ebd": "layer_norm",
        "position_biased_input": False,
        "num_labels": 3,
        # weights large enough that positions move the logits, as in a trained model: with
        # the default 0.02, reading the wrong row of the table changes them by ~1e-6
        "initializer_range": 0.5,
    }
    settings.update(shape)
    torch.manual_seed(0)
    return DebertaV2ForSequenceClassification(DebertaV2Config(**settings)).eval()


def _batch(length: int, rows: int = 3) -> dict[str, object]:
    generator = torch.Generator().manual_seed(length)
    ids = torch.randint(5, 200, (rows, length), generator=generator)
    mask = torch.ones_like(ids)
    mask[-1, length // 2 :] = 0  # one padded row
    return {"input_ids": ids, "attention_mask": mask}


def _logits(model, batch) -> torch.Tensor:
    with torch.inference_mode():
        return model(**batch).logits


SHAPES = {
    "log buckets, shared keys": {},
    "separate position projections": {"share_att_key": False},
    "content-to-position only": {"pos_att_type": ["c2p"]},
    "no buckets": {"position_buckets": -1},
}


@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
def test_window_gives_the_same_logits_and_uses_less_of_the_table(shape: str) -> None:
    model = _deberta(**SHAPES[shape])
    # lengths inside the exact region, past it (log buckets), and at the table's full reach
    batches = [_batch(n) for n in (3, 17, 45, 100, 128)]
    before = [_logits(model, b) for b in batches]
    window = window_relative_positions(model)
    assert isinstance(window, RelativeWindow)
    attentions = window.attentions
    full = window.span
    for batch, expected in zip(batches, before, strict=True):
        got = _logits(model, batch)
        length = batch["input_ids"].shape[1]
        assert torch.allclose(got, expected, atol=1e-5, rtol=1e-5), (shape, length)
        # the span the batch can reach, no more: and the whole table where it reaches it all
        assert all(a.pos_ebd_size == window.width for a in attentions)
        positions = model.base_model.encoder.get_rel_pos(torch.empty(1, length, 1))
        assert window.width == min(full, int(positions.abs().max()) + 1)
    assert window.span_for(3) == 3 < full


def test_turned_off_it_uses_the_whole_table() -> None:
    model = _deberta()
    window = window_relative_positions(model)
    assert window is not None
    window.enabled = False
    _logits(model, _batch(10))
    assert window.width == window.span
    assert window.table().shape[0] == 2 * window.span


def test_other_models_are_left_alone(tiny_nli_model: Path) -> None:
    from transformers import AutoModelForSequenceClassification

    bert = AutoModelForSequenceClassification.from_pretrained(tiny_nli_model).eval()
    assert window_relative_positions(bert) is None
    assert not bert._forward_pre_hooks
    no_relative = _deberta(relative_attention=False, position_biased_input=True)
    assert window_relative_positions(no_relative) is None


def test_a_window_that_changes_the_logits_is_taken_off_again(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """If transformers ever reads the table differently, the probe sees it and the model runs
    as it comes."""
    model = _deberta()
    expected = _logits(model, _batch(20))

    def shifted(self: RelativeWindow):  # one row off: what a changed indexing would do
        full = self._full_table()
        if self.width >= self.span:
            return full
        return full[self.span - self.width + 1 : self.span + self.width + 1]

    monkeypatch.setattr(RelativeWindow, "table", shifted)
    with caplog.at_level(logging.INFO, logger="checker.engine.deberta"):
        assert window_relative_positions(model) is None
    assert "left off" in caplog.text
    encoder = model.base_model.encoder
    assert "get_rel_embedding" not in encoder.__dict__
    assert not model.base_model._forward_pre_hooks
    assert {m.pos_ebd_size for m in model.modules() if hasattr(m, "pos_att_type")} == {64}
    assert torch.equal(_logits(model, _batch(20)), expected)


def _deberta_folder(tokenizer_from: Path, folder: Path) -> Path:
    """A tiny DeBERTa-v2 NLI model folder, with the tiny BERT model's tokenizer."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_from)
    model = _deberta(
        vocab_size=max(200, len(tokenizer)),
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_the_nli_scorer_windows_a_deberta_model_with_the_same_scores(
    tiny_nli_model: Path, tmp_path: Path
) -> None:
    folder = _deberta_folder(tiny_nli_model, tmp_path / "tiny-deberta")
    pairs = [
        ("trump und putin hatten ein telefonat", "der kreml will das weder bestätigen"),
        ("the call", "the kremlin did not confirm the phone call and spoke of drohnen"),
        ("waffenruhe", "ukraine"),
    ]
    scorer = TransformersNliScorer(str(folder), device="cpu", dtype="fp32")
    windowed = scorer.score(pairs)
    assert scorer.window is not None
    assert scorer.window.width < scorer.window.span  # the last batch used a cut table
    scorer.window.enabled = False
    whole = scorer.score(pairs)
    assert abs(windowed - whole).max() <= 1e-5


def test_eval_nli_says_when_the_table_is_cut(tiny_nli_model: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    tsv = tmp_path / "dev.tsv"
    tsv.write_text("trump und putin\tdas telefonat\tneutral\n", encoding="utf-8")
    folder = _deberta_folder(tiny_nli_model, tmp_path / "tiny-deberta")
    line = "relative positions: each batch uses only the rows of the table it can reach (of 128"
    for model, shown in ((folder, True), (tiny_nli_model, False)):
        args = ["eval", "nli", str(tsv), "--nli-model", str(model), "--dtype", "fp32", "-q"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert (line in result.output) is shown
