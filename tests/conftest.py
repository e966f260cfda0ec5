"""Shared fixtures: tiny random models built offline in seconds, and the shared real models."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_MODELS = REPO.parent / "shared" / "models"
SHARED_EMBED = SHARED_MODELS / "embed-me5-small"
SHARED_NLI = SHARED_MODELS / "nli-me5-small"
EXAMPLES = REPO / "examples"

WORDS = (
    "trump putin selenskyj kreml peskow telefonat gespräch waffenruhe ukraine russland "
    "hat haben hatten mit und der die das ein eine nicht weder noch bestätigen dementieren "
    "the and spoke call phone kremlin confirm deny hour hours stunden drohnen raketen"
).split()

needs_shared_models = pytest.mark.skipif(
    not (SHARED_EMBED.is_dir() and SHARED_NLI.is_dir()),
    reason=f"shared offline models not found at {SHARED_MODELS}",
)


def _tokenizer(folder: Path):
    from transformers import BertTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list("abcdefghijklmnopqrstuvwxyzäöüß0123456789.,;:!?\"'„“()-")
    vocab = specials + chars + [f"##{c}" for c in chars] + WORDS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)), encoding="utf-8")
    # read back from the folder: transformers 5 ignores ``vocab_file=`` (every word was [UNK])
    tokenizer = BertTokenizerFast.from_pretrained(str(folder), do_lower_case=True)
    assert len(tokenizer) > len(specials), "the tiny vocabulary was not read"
    return tokenizer


def _bert_config(vocab_size: int, **extra):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        **extra,
    )


@pytest.fixture(scope="session")
def tiny_embed_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sentence-transformers folder (random BERT, mean pooling, normalise, query prompt)."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertModel

    torch.manual_seed(0)
    base = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = _tokenizer(base)
    BertModel(_bert_config(len(tokenizer))).save_pretrained(base)
    tokenizer.save_pretrained(base)
    transformer = models.Transformer(str(base), max_seq_length=64)
    pooling = models.Pooling(16, "mean")
    model = SentenceTransformer(
        modules=[transformer, pooling, models.Normalize()], prompts={"query": "query: "}
    )
    out = tmp_path_factory.mktemp("tiny-embed")
    model.save(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_nli_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random 3-way classifier whose label order is NOT entailment/neutral/contradiction.

    Its classifier bias makes ``entailment`` (index 2 here) win on every input, so tests can
    check that scores are mapped through ``config.id2label``.
    """
    import torch
    from transformers import BertForSequenceClassification

    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-nli")
    tokenizer = _tokenizer(out)
    config = _bert_config(
        len(tokenizer),
        num_labels=3,
        id2label={0: "CONTRADICTION", 1: "neutral", 2: "ENTAILMENT"},
        label2id={"CONTRADICTION": 0, "neutral": 1, "ENTAILMENT": 2},
    )
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, 1.0, 3.0]))
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(autouse=True)
def _no_model_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests choose their models explicitly; the developer's environment must not leak in.

    Each test also gets its own empty cache folder, so no test reads or writes the user's real
    cache and no test sees another's cached scores.
    """
    for name in (
        "CHECKER_EMBED_MODEL",
        "CHECKER_NLI_MODEL",
        "CHECKER_CONFIG",
        "CHECKER_MODELS_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    logging.getLogger("checker").propagate = True
