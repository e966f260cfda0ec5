"""The SQLite cache: hits skip the model, misses fill it, a new model starts afresh, and a broken
cache file only costs a warning."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from checker.config import Config
from checker.engine.modelref import resolve
from checker.engine.store import (
    CachedEmbedder,
    CachedScorer,
    Store,
    cache_identity,
    default_cache_path,
)
from checker.pipeline import build_embedder, build_scorer, check
from checker.records import Article
from checker.rules.articles import load_articles

from .conftest import EXAMPLES
from .fakes import HashEmbedder, RuleScorer


class RecordingEmbedder(HashEmbedder):
    """HashEmbedder that remembers which texts it was asked for."""

    def __init__(self, model_id: str = "fake-hash-embedder") -> None:
        super().__init__()
        self.model_id = model_id
        self.asked: list[str] = []

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        self.asked.extend(texts)
        return super().embed(texts, batch_size, show_progress)


def always(label: str):
    return lambda premise, hypothesis: label


TEXTS = ["Putin spoke with Trump", "The Kremlin denied it", "Putin spoke with Trump"]


def test_embedding_hit_does_not_call_the_model(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = RecordingEmbedder()
    cold = CachedEmbedder(first, Store(path)).embed(TEXTS)
    assert first.asked == TEXTS[:2]  # duplicates embedded once
    assert cold.dtype == np.float32 and cold.shape == (3, 64)
    np.testing.assert_array_equal(cold, HashEmbedder().embed(TEXTS))

    second = RecordingEmbedder()
    wrapper = CachedEmbedder(second, Store(path))
    warm = wrapper.embed(TEXTS)
    assert second.calls == 0 and (wrapper.hits, wrapper.misses) == (3, 0)
    np.testing.assert_array_equal(warm, cold)
    assert wrapper.embed([]).shape == (0, 64) and second.calls == 0


def test_embedding_miss_asks_only_for_new_texts(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    inner = RecordingEmbedder()
    wrapper = CachedEmbedder(inner, store)
    wrapper.embed(TEXTS[:1])
    out = wrapper.embed(["A new sentence here", TEXTS[0]])
    assert inner.asked == [TEXTS[0], "A new sentence here"]
    np.testing.assert_array_equal(out, HashEmbedder().embed(["A new sentence here", TEXTS[0]]))


def test_other_model_is_recomputed(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    CachedEmbedder(RecordingEmbedder("model-one"), store).embed(TEXTS)
    other = RecordingEmbedder("model-two")
    CachedEmbedder(other, store).embed(TEXTS)
    assert other.asked == TEXTS[:2]


def test_local_model_identity_follows_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    weights = folder / "model.safetensors"
    weights.write_bytes(b"12345")
    (folder / "README.md").write_text("about")
    before = resolve(str(folder)).identity
    assert str(folder.resolve()) in before
    (folder / "README.md").write_text("about, edited")
    assert resolve(str(folder)).identity == before  # docs do not change outputs
    weights.write_bytes(b"123456")
    assert resolve(str(folder)).identity != before
    ref = resolve(str(folder))
    assert cache_identity(ref, "prompt", "query: ") != cache_identity(ref)
    assert resolve("org/some-hub-model").identity == "hub:org/some-hub-model"


def test_cache_identity_is_the_one_existing_caches_were_written_under(tmp_path: Path) -> None:
    """The key format predates ModelRef (store.model_identity wrote it): a change would orphan
    every stored entry, so it is pinned here byte for byte."""
    folder = tmp_path / "models" / "model"
    stamp = 1_700_000_000_000_000_000
    for name, data in {
        "model.safetensors": b"12345",
        "1_Pooling/config.json": b"{}",
        "README.md": b"about",
        ".cache/partial": b"x",
        "weights.lock": b"",
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        os.utime(folder / name, ns=(stamp, stamp))
    files = (
        f"local:{folder.resolve()}\n1_Pooling/config.json:2:{stamp}\nmodel.safetensors:5:{stamp}"
    )
    config = Config(
        embed_model=str(folder),
        nli_model=str(folder),
        device="cpu",
        dtype="fp32",
        cache_path=str(tmp_path / "c.db"),
    )
    assert resolve(str(folder)).identity == files
    assert build_embedder(config).identity == f"{files}\n'prompt'\nNone\n'dtype'\n'fp32'"
    assert build_scorer(config).identity == f"{files}\n'max_length'\n256\n'dtype'\n'fp32'"
    # found by name under the models folder: the same folder, so the same entries
    by_name = resolve("org/model", {"CHECKER_MODELS_DIR": str(tmp_path / "models")})
    assert (by_name.path, by_name.where, by_name.identity) == (str(folder), "local", files)
    hub = config.replace(embed_model="org/hub-model", nli_model="org/hub-model")
    assert build_embedder(hub).identity == "hub:org/hub-model\n'prompt'\nNone\n'dtype'\n'fp32'"
    assert build_scorer(hub).identity == "hub:org/hub-model\n'max_length'\n256\n'dtype'\n'fp32'"


def test_a_run_resolves_each_model_once(
    tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache identity and the loaders read one ModelRef: no second lookup that could find
    another folder (or a changed one) between keying the cache and loading the model."""
    from checker.engine import modelref

    original = modelref.resolve
    calls: Counter[str] = Counter()

    def counting(spec: str, env: Mapping[str, str] | None = None) -> modelref.ModelRef:
        calls[spec] += 1
        return original(spec, env)

    for name, module in list(sys.modules.items()):  # wherever it was imported into
        if name.startswith("checker") and getattr(module, "resolve", None) is original:
            monkeypatch.setattr(module, "resolve", counting)
    articles = [
        Article(id="a", language="en", text="Trump and Putin spoke on the phone for an hour."),
        Article(id="b", language="en", text="Trump and Putin did not speak on the phone."),
    ]
    config = Config(
        embed_model=str(tiny_embed_model),
        nli_model=str(tiny_nli_model),
        cache_path=str(tmp_path / "c.sqlite3"),
        one_story=True,
    )
    report = check(articles, config)
    assert report.nli_calls > 0  # both models were built and used, not only the embedder
    assert calls == {str(tiny_embed_model): 1, str(tiny_nli_model): 1}


def test_scores_hit_and_miss(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    pairs = [("a", "b"), ("b", "a"), ("a", "b")]
    first = RuleScorer(always("contradiction"))
    cold = CachedScorer(first, Store(path)).score(pairs)
    assert first.seen == pairs[:2] and cold.shape == (3, 3)
    assert cold[:, 2].tolist() == pytest.approx([0.9] * 3)

    second = RuleScorer(always("entailment"))  # would answer differently if asked
    warm = CachedScorer(second, Store(path)).score([*pairs, ("a", "c")])
    assert second.seen == [("a", "c")]
    np.testing.assert_array_equal(warm[:3], cold)
    assert warm[3, 0] == pytest.approx(0.9)
    assert CachedScorer(second, Store(path)).score([]).shape == (0, 3)


def test_pair_key_keeps_premise_and_hypothesis_apart(tmp_path: Path) -> None:
    inner = RuleScorer(lambda p, h: "entailment" if p == "ab" else "neutral")
    scorer = CachedScorer(inner, Store(tmp_path / "c.sqlite3"))
    scorer.score([("ab", "c")])
    out = scorer.score([("a", "bc")])
    assert inner.seen == [("ab", "c"), ("a", "bc")] and out[0, 1] == pytest.approx(0.9)


def test_corrupt_cache_warns_and_continues(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an sqlite database " * 200)
    inner = RecordingEmbedder()
    wrapper = CachedEmbedder(inner, Store(path))
    with caplog.at_level(logging.WARNING, logger="checker"):
        out = wrapper.embed(TEXTS)
        wrapper.embed(TEXTS)
    np.testing.assert_array_equal(out, HashEmbedder().embed(TEXTS))
    assert inner.calls == 2
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unusable" in warnings[0].getMessage()
    assert str(path) in warnings[0].getMessage()


def test_unwritable_cache_location_warns_and_continues(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    scorer = CachedScorer(RuleScorer(always("neutral")), Store(blocker / "c.sqlite3"))
    with caplog.at_level(logging.WARNING, logger="checker"):
        out = scorer.score([("a", "b")])
    assert out[0, 1] == pytest.approx(0.9)
    assert "unusable" in caplog.text


def test_failing_writes_keep_the_hits(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    store = Store(path)
    CachedEmbedder(HashEmbedder(), store).embed(TEXTS[:1])
    store.close()
    with sqlite3.connect(path) as db:  # every later write fails, as on a full disk
        db.execute(
            "CREATE TRIGGER full BEFORE INSERT ON embeddings_v1 "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    inner = RecordingEmbedder()
    with caplog.at_level(logging.WARNING, logger="checker"):
        out = CachedEmbedder(inner, Store(path)).embed(TEXTS)
    np.testing.assert_array_equal(out, HashEmbedder().embed(TEXTS))
    assert inner.asked == [TEXTS[1]] and "disk full" in caplog.text


def test_default_location_follows_env(tmp_path: Path) -> None:
    assert default_cache_path({"CHECKER_CACHE_DIR": str(tmp_path)}) == tmp_path / "cache.sqlite3"
    assert default_cache_path().parent == Path(os.environ["CHECKER_CACHE_DIR"])
    assert default_cache_path({}).name == "cache.sqlite3"


def test_config_switches_the_cache(tmp_path: Path) -> None:
    on = Config(embed_model="x/embed", nli_model="x/nli", cache_path=str(tmp_path / "c.db"))
    assert isinstance(build_embedder(on), CachedEmbedder)
    assert isinstance(build_scorer(on), CachedScorer)
    assert build_embedder(on).store.path == tmp_path / "c.db"
    off = on.replace(use_cache=False)
    assert not isinstance(build_embedder(off), CachedEmbedder)
    assert not isinstance(build_scorer(off), CachedScorer)


def test_warm_run_loads_no_model(
    tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path
) -> None:
    from checker.rules.articles import load_articles

    articles: list[Article] = load_articles([EXAMPLES])
    config = Config(
        embed_model=str(tiny_embed_model),
        nli_model=str(tiny_nli_model),
        cache_path=str(tmp_path / "c.sqlite3"),
    )
    cold = check(articles, config)
    embedder, scorer = build_embedder(config), build_scorer(config)
    warm = check(articles, config, embedder=embedder, scorer=scorer)
    assert embedder.inner._model is None and scorer.inner._loaded is None  # type: ignore[attr-defined]
    assert embedder.misses == scorer.misses == 0  # type: ignore[attr-defined]
    assert [(v.pair, v.label, v.forward, v.backward) for v in warm.verdicts] == [
        (v.pair, v.label, v.forward, v.backward) for v in cold.verdicts
    ]


def test_cli_cache_options(tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    models = ["--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model)]
    report = ["report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "-q", *models]
    cache = tmp_path / "mine.sqlite3"
    result = CliRunner().invoke(cli, [*report, "--cache", str(cache)])
    assert result.exit_code == 0, result.stderr
    assert cache.exists() and not default_cache_path().exists()
    result = CliRunner().invoke(cli, [*report, "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert not default_cache_path().exists()
    result = CliRunner().invoke(cli, report)
    assert result.exit_code == 0 and default_cache_path().exists()


def test_adding_an_article_scores_only_new_pairs(tmp_path: Path) -> None:
    """A corpus grows by one article: every pair scored before is a hit, only new ones cost."""
    store_path = tmp_path / "c.sqlite3"
    articles = [
        Article(id=name, language="en", text=text)
        for name, text in (
            (
                "a",
                "Trump and Putin spoke on the phone for ninety minutes. Drones hit Sumy overnight.",
            ),
            ("b", "Trump and Putin did not speak on the phone. Drones hit the region of Sumy."),
            ("c", "Trump and Putin talked by phone for an hour. Drones struck Sumy at night."),
        )
    ]
    config = Config(top_k=2, one_story=True)
    first = RuleScorer(always("neutral"))
    before = check(
        articles[:2], config, embedder=HashEmbedder(), scorer=CachedScorer(first, Store(store_path))
    )
    second = RuleScorer(always("neutral"))
    after = check(
        articles, config, embedder=HashEmbedder(), scorer=CachedScorer(second, Store(store_path))
    )
    assert before.verdicts and first.seen
    assert not set(second.seen) & set(first.seen)  # nothing scored twice
    old = {(v.pair.a.text, v.pair.b.text) for v in before.verdicts}
    kept = [v for v in after.verdicts if (v.pair.a.text, v.pair.b.text) in old]
    assert kept  # the old pairs are still there, answered from the cache
    assert any(v.pair.b.article_id == "c" for v in after.verdicts)


def _damage(path: Path, table: str, column: str, blob: bytes) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (blob,))


@pytest.mark.parametrize(
    "blob",
    [np.full(64, np.nan, dtype="<f4").tobytes(), b"\x00" * 255],
    ids=["nan", "truncated"],
)
def test_damaged_vectors_are_misses_and_overwritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, blob: bytes
) -> None:
    path = tmp_path / "c.sqlite3"
    CachedEmbedder(HashEmbedder(), Store(path)).embed(TEXTS)
    _damage(path, "embeddings_v1", "vector", blob)
    inner = RecordingEmbedder()
    with caplog.at_level(logging.WARNING, logger="checker"):
        out = CachedEmbedder(inner, Store(path)).embed(TEXTS)
    np.testing.assert_array_equal(out, HashEmbedder().embed(TEXTS))
    assert inner.asked == TEXTS[:2]
    assert [r.getMessage() for r in caplog.records] == [
        f"cache {path} has damaged entries (NaN or wrong length); recomputing them"
    ]
    again = RecordingEmbedder()
    CachedEmbedder(again, Store(path)).embed(TEXTS)
    assert again.calls == 0  # overwritten with good vectors


def test_damaged_scores_are_misses(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    CachedScorer(RuleScorer(always("neutral")), Store(path)).score([("a", "b")])
    _damage(path, "nli_v1", "probs", np.full(3, np.nan, dtype="<f4").tobytes())
    inner = RuleScorer(always("contradiction"))
    with caplog.at_level(logging.WARNING, logger="checker"):
        out = CachedScorer(inner, Store(path)).score([("a", "b")])
    assert inner.seen == [("a", "b")] and out[0, 2] == pytest.approx(0.9)
    assert caplog.text.count("damaged entries") == 1


def test_one_warning_for_both_models(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The embedder and the scorer each hold a Store on the same broken file: one warning."""
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an sqlite database " * 200)
    articles = load_articles([EXAMPLES])
    embedder = CachedEmbedder(HashEmbedder(), Store(path))
    scorer = CachedScorer(RuleScorer(always("neutral")), Store(path))
    with caplog.at_level(logging.WARNING, logger="checker"):
        check(articles, Config(), embedder=embedder, scorer=scorer)
    assert caplog.text.count("is unusable") == 1


def test_read_only_cache_is_read_not_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    writer = Store(path)
    CachedEmbedder(HashEmbedder(), writer).embed(TEXTS[:1])
    writer.close()
    del writer
    # As root, chmod does not stop writes; ask the store's own question instead.
    monkeypatch.setattr("checker.engine.store._writable", lambda _path: False)
    inner = RecordingEmbedder()
    store = Store(path)
    with caplog.at_level(logging.WARNING, logger="checker"):
        CachedEmbedder(inner, store).embed(TEXTS)
        CachedScorer(RuleScorer(always("neutral")), Store(path)).score([("a", "b")])
    assert store.read_only and not store.broken
    assert inner.asked == [TEXTS[1]]  # the stored entry was used
    assert [r.getMessage() for r in caplog.records] == [
        f"cache {path} is read-only; using its entries, new ones are not saved"
    ]
    monkeypatch.undo()
    del store
    later = RecordingEmbedder()
    CachedEmbedder(later, Store(path)).embed(TEXTS)
    assert later.asked == [TEXTS[1]]  # nothing was saved while read-only


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_read_only_file_really(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    CachedEmbedder(HashEmbedder(), Store(path)).embed(TEXTS[:1])
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        inner = RecordingEmbedder()
        with caplog.at_level(logging.WARNING, logger="checker"):
            CachedEmbedder(inner, Store(path)).embed(TEXTS)
        assert inner.asked == [TEXTS[1]] and "read-only" in caplog.text
    finally:
        tmp_path.chmod(0o755)
