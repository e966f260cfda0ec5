"""Loading code exercised with tiny random models built in a temp dir (no network)."""

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from checker.engine.embedding import SentenceTransformerEmbedder
from checker.engine.modelref import ModelRef, resolve
from checker.engine.nli import ENTAILMENT, TransformersNliScorer, label_columns
from checker.errors import ModelLoadError


def test_embed_shapes_and_norms(tiny_embed_model: Path) -> None:
    embedder = SentenceTransformerEmbedder(str(tiny_embed_model))
    vectors = embedder.embed(["trump hat mit putin telefoniert", "der kreml", "ukraine"])
    assert vectors.shape == (3, 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, 16)


def test_embed_uses_model_query_prompt(tiny_embed_model: Path) -> None:
    texts = ["trump hat mit putin telefoniert"]
    default = SentenceTransformerEmbedder(str(tiny_embed_model)).embed(texts)
    named = SentenceTransformerEmbedder(str(tiny_embed_model), prompt="query").embed(texts)
    literal = SentenceTransformerEmbedder(str(tiny_embed_model), prompt="query: ").embed(texts)
    bare = SentenceTransformerEmbedder(str(tiny_embed_model), prompt="").embed(texts)
    assert np.allclose(default, named, atol=1e-6) and np.allclose(default, literal, atol=1e-6)
    assert not np.allclose(default, bare, atol=1e-4)


def test_embed_order_is_kept_across_batches(tiny_embed_model: Path) -> None:
    embedder = SentenceTransformerEmbedder(str(tiny_embed_model))
    texts = [("putin " * n).strip() for n in (5, 1, 9, 2, 7)]
    batched = embedder.embed(texts, batch_size=2)
    single = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(batched, single, atol=1e-5)


def test_nli_maps_labels_through_id2label(tiny_nli_model: Path) -> None:
    scorer = TransformersNliScorer(str(tiny_nli_model))
    probs = scorer.score([("trump hat telefoniert", "putin hat telefoniert")] * 3)
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    # the tiny model's bias favours its index 2, which its config calls ENTAILMENT
    assert (probs.argmax(axis=1) == ENTAILMENT).all()
    assert scorer.score([]).shape == (0, 3)


def test_nli_truncates_long_inputs_and_keeps_order(tiny_nli_model: Path) -> None:
    scorer = TransformersNliScorer(str(tiny_nli_model), max_length=32)
    pairs = [("kreml " * 500, "trump"), ("a", "b"), ("putin hat " * 3, "telefonat")]
    batched = scorer.score(pairs, batch_size=2)
    single = np.vstack([scorer.score([p]) for p in pairs])
    assert np.allclose(batched, single, atol=1e-5)


def test_label_columns_rejects_two_way_models() -> None:
    assert label_columns({0: "entailment", 1: "neutral", 2: "contradiction"}) == [0, 1, 2]
    assert label_columns({"0": "CONTRADICTION", "1": "Neutral", "2": "entail"}) == [2, 1, 0]
    with pytest.raises(ModelLoadError, match="lack"):
        label_columns({0: "entailment", 1: "not_entailment"})


def test_missing_hub_model_fails_fast_with_hint() -> None:
    embedder = SentenceTransformerEmbedder("nobody/no-such-model-xyz")
    with pytest.raises(ModelLoadError, match="CHECKER_EMBED_MODEL"):
        embedder.embed(["x"])
    scorer = TransformersNliScorer("nobody/no-such-nli-xyz")
    with pytest.raises(ModelLoadError, match="--nli-model PATH"):
        scorer.score([("a", "b")])


def test_resolve_looks_in_the_folder_then_the_models_folder_then_the_hub(tmp_path: Path) -> None:
    env = {"CHECKER_MODELS_DIR": str(tmp_path)}
    for folder in ("org/full", "full", "org--dashed", "last"):
        (tmp_path / folder).mkdir(parents=True)
    assert resolve("org/full", env).path == str(tmp_path / "org" / "full")  # full id first
    assert resolve("org/dashed", env).path == str(tmp_path / "org--dashed")
    assert resolve("other/last", env).path == str(tmp_path / "last")
    assert resolve(str(tmp_path / "full"), env).where == "local"
    assert resolve("nobody/none", env) == ModelRef(
        "nobody/none", "nobody/none", "hub", "hub:nobody/none"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolve("org/full", env).path = "elsewhere"  # type: ignore[misc]


def test_models_take_a_ref_or_a_spec(tiny_embed_model: Path, tiny_nli_model: Path) -> None:
    ref = resolve(str(tiny_nli_model))
    assert TransformersNliScorer(ref).ref is ref
    assert TransformersNliScorer(str(tiny_nli_model)).ref == ref
    embedder = SentenceTransformerEmbedder(str(tiny_embed_model))
    assert embedder.ref == resolve(str(tiny_embed_model)) and embedder.model_id == embedder.ref.spec


def test_folder_that_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_text("not a model")
    with pytest.raises(ModelLoadError, match="not a usable NLI model"):
        TransformersNliScorer(str(tmp_path)).score([("a", "b")])


def test_token_batches_respect_budget_and_cover_all() -> None:
    from checker.engine.nli import token_batches

    lengths = [5, 120, 30, 30, 7, 64, 3, 200]
    batches = token_batches(lengths, budget=256, max_items=4)
    assert sorted(int(i) for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 4
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 256
    assert [lengths[i] for i in batches[0]] == [200]  # longest first, alone


PAIRS = [  # as the scorer passes them: stripped (trailing blanks are read differently)
    (
        "Trump und Putin sprachen anderthalb Stunden.",
        "Der Kreml konnte das Telefonat  weder bestätigen\nnoch dementieren.",
    ),
    (("kreml " * 300).strip(), "trump hat mit putin telefoniert"),
    ("The Kremlin denied the call.", "Putin spoke to Trump for 90 minutes on Tuesday, 12 March."),
]


def _tokenizer_folders(tiny_nli_model: Path) -> list[Path]:
    from tests.conftest import SHARED_EMBED, SHARED_NLI

    return [tiny_nli_model] + [p for p in (SHARED_NLI, SHARED_EMBED) if p.is_dir()]


def test_tokenizer_json_tokenizes_like_the_model_class(tiny_nli_model: Path) -> None:
    """The fast path (the folder's tokenizer.json, read as is) must give the ids, masks and
    padding the model-specific class gives, truncated pairs included; on the shared models
    when they are there (XLM-R's 250k vocabulary), always on the tiny BERT."""
    from transformers import AutoTokenizer, TokenizersBackend

    from checker.engine.modelload import load_tokenizer

    premises, hypotheses = [p for p, _ in PAIRS], [h for _, h in PAIRS]
    for folder in _tokenizer_folders(tiny_nli_model):
        fast, reference = load_tokenizer(str(folder)), AutoTokenizer.from_pretrained(folder)
        assert type(fast) is TokenizersBackend, folder
        for length in (16, 64, 256):
            ours = fast(premises, hypotheses, truncation=True, max_length=length)
            theirs = reference(premises, hypotheses, truncation=True, max_length=length)
            assert ours["input_ids"] == theirs["input_ids"], (folder, length)
            assert ours["attention_mask"] == theirs["attention_mask"], (folder, length)
            padded, padded_ref = fast.pad(ours), reference.pad(theirs)
            assert padded["input_ids"] == padded_ref["input_ids"], (folder, length)
        assert fast(premises)["input_ids"] == reference(premises)["input_ids"], folder
        assert fast.model_max_length == reference.model_max_length, folder


def test_nli_reads_trailing_blanks_as_nothing(tiny_nli_model: Path) -> None:
    scorer = TransformersNliScorer(str(tiny_nli_model))
    assert np.array_equal(
        scorer.score([(p + " ", h + " \n") for p, h in PAIRS]), scorer.score(PAIRS)
    )


def test_folder_without_tokenizer_json_uses_the_model_class(
    tiny_nli_model: Path, tmp_path: Path
) -> None:
    import shutil

    from transformers import TokenizersBackend

    from checker.engine.modelload import load_tokenizer

    folder = tmp_path / "no-json"
    shutil.copytree(tiny_nli_model, folder)
    (folder / "tokenizer.json").unlink()
    tokenizer = load_tokenizer(str(folder))  # built from vocab.txt by the model's class
    assert type(tokenizer) is not TokenizersBackend
    assert tokenizer(*PAIRS[0])["input_ids"][0] == tokenizer.cls_token_id


def test_gc_held_pauses_collection_and_freezes_what_was_loaded() -> None:
    import gc

    from checker.engine.modelload import gc_held

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with gc_held():
            assert not gc.isenabled()
            loaded = [[i] for i in range(1000)]  # long-lived objects, as a model's
            with gc_held():  # nested: the outer one decides when collection resumes
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(loaded)
        with pytest.raises(RuntimeError), gc_held():
            raise RuntimeError("a load that fails")
        assert gc.isenabled()
        gc.disable()
        with gc_held():
            pass
        assert not gc.isenabled()  # a caller that had collection off keeps it off
    finally:
        gc.enable()
        gc.unfreeze()
