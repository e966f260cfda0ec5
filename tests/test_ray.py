"""``--engine ray``: the same report, byte for byte, as the local engine, on a 2-worker cluster.

One local Ray cluster (2 CPUs, so a pool of 2 workers) serves the whole module and is shut
down at its end; each run starts and stops its own pool of actors on it.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.config import Config, load_config
from checker.engine.embedding import SentenceTransformerEmbedder
from checker.engine.nli import TransformersNliScorer
from checker.engine.rayengine import RayWorkers, task_groups
from checker.errors import UsageError
from checker.pipeline import build_embedder, build_scorer, check
from checker.report.output import save_report
from checker.report.table import to_frame
from checker.rules.findings import findings, findings_frame

from .conftest import EXAMPLES, REPO, SHARED_EMBED, SHARED_NLI, _bert_config, _tokenizer

XNLI = REPO.parent / "shared" / "data" / "xnli-de"
CLAIMS = [
    "Trump und Putin hatten anderthalb Stunden miteinander telefoniert.",
    "Der Kreml wollte das Gespräch weder bestätigen noch dementieren.",
    "kurz",
    "Die Ukraine meldete in der Nacht 112 Drohnen und sieben Raketen aus Russland.",
    "putin hat telefoniert",
    "  der kreml  ",
    "ukraine " * 30,
] * 5


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """A local cluster with 2 CPUs for the module; runs join it and leave it running."""
    ray = pytest.importorskip("ray", reason="ray not installed (optional extra checker[ray])")
    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.ERROR,
    )
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def random_nli_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny NLI model whose scores vary with the input (``tiny_nli_model``'s do not), so
    batching differences would show."""
    import torch
    from transformers import BertForSequenceClassification

    torch.manual_seed(1)
    out = tmp_path_factory.mktemp("random-nli")
    tokenizer = _tokenizer(out)
    config = _bert_config(
        len(tokenizer),
        num_labels=3,
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )
    BertForSequenceClassification(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def _scaling_articles(count: int) -> list:
    """``count`` synthetic articles of benchmarks/scaling.py, from the shared German XNLI."""
    if not XNLI.is_dir():
        pytest.skip(f"XNLI data not found at {XNLI}")
    spec = importlib.util.spec_from_file_location("scaling", REPO / "benchmarks" / "scaling.py")
    assert spec is not None and spec.loader is not None
    scaling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaling)
    rows = [row for name in ("train.tsv", "dev.tsv") for row in scaling.read_xnli(XNLI / name)]
    articles, _ = scaling.corpus(rows, count, filler=2)
    return articles


def _written(report, path: Path) -> tuple[bytes, bytes]:
    """The report's CSV and findings CSV, as the CLI writes them (neutral rows included)."""
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    save_report(frame, path, findings=findings_frame(findings(report.verdicts)))
    return path.read_bytes(), path.with_name(f"{path.stem}-findings.csv").read_bytes()


# -- without a cluster: the batching argument the engine rests on ------------------------------


def test_whole_batches_embedded_apart_give_the_same_bytes(tiny_embed_model: Path) -> None:
    for dtype in ("fp32", "bf16"):
        embedder = SentenceTransformerEmbedder(str(tiny_embed_model), device="cpu", dtype=dtype)
        whole = embedder.embed(CLAIMS, batch_size=4)
        groups = task_groups(embedder.plan(CLAIMS, 4), workers=2)
        assert len(groups) > 2 and sorted(np.concatenate(groups)) == list(range(len(CLAIMS)))
        apart = np.zeros_like(whole)
        for rows in groups:
            apart[rows] = embedder.embed([CLAIMS[i] for i in rows], batch_size=4)
        assert whole.tobytes() == apart.tobytes(), dtype


def test_whole_batches_scored_apart_give_the_same_bytes(random_nli_model: Path) -> None:
    pairs = [(a, b) for a in CLAIMS[:7] for b in CLAIMS[:7] if a != b]
    for dtype in ("fp32", "bf16"):
        scorer = TransformersNliScorer(str(random_nli_model), device="cpu", dtype=dtype)
        whole = scorer.score(pairs, batch_size=2)
        groups = task_groups(scorer.plan(pairs, 2), workers=2)
        assert len(groups) > 2
        apart = np.zeros_like(whole)
        for rows in groups:
            apart[rows] = scorer.score([pairs[i] for i in rows], batch_size=2)
        assert whole.tobytes() == apart.tobytes(), dtype
        assert scorer._loaded is not None and len(np.unique(whole[:, 0])) > 5


def test_task_groups_are_whole_batches_in_order() -> None:
    order = (7, 3, 5, 1, 0, 2, 6, 4)
    batches = [np.array([i]) for i in order]
    one = [g.tolist() for g in task_groups(batches, workers=1)]
    assert one == [[7, 3], [5, 1], [0, 2], [6, 4]]  # about 4 tasks per worker
    assert [g.tolist() for g in task_groups(batches, workers=2)] == [[i] for i in order]
    pair = [np.array([4, 2]), np.array([0])]
    assert [g.tolist() for g in task_groups(pair, workers=8)] == [[4, 2], [0]]  # never split
    assert task_groups([], workers=2) == []


def test_engine_is_validated_before_any_model() -> None:
    with pytest.raises(UsageError, match="'engine' = 'gpu' is not one of: local, ray"):
        Config(engine="gpu")


def test_engine_ray_without_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'checker\[ray\]'"):
        load_config(engine="ray")
    result = CliRunner().invoke(cli, ["report", str(EXAMPLES), "--engine", "ray"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: setting 'engine' = 'ray' needs Ray, which is not installed: "
        "pip install 'checker[ray]'"
    ]


def test_an_unreachable_cluster_is_one_error_line(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="ray not installed (optional extra checker[ray])")
    assert not ray.is_initialized()  # else the run would join that cluster, not probe
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    args = ["report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "-q", "--no-cache"]
    args += ["--engine", "ray", "--ray-address", f"127.0.0.1:{port}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: cannot reach the Ray cluster at 127.0.0.1:{port}")


# -- on the 2-worker cluster ------------------------------------------------------------------


def test_seeds_report_is_byte_identical(ray_cluster: None, tmp_path: Path) -> None:
    if not (SHARED_EMBED.is_dir() and SHARED_NLI.is_dir()):
        pytest.skip(f"shared offline models not found at {SHARED_EMBED.parent}")
    models = ["--embed-model", str(SHARED_EMBED), "--nli-model", str(SHARED_NLI)]
    written = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.csv"
        args = ["report", str(EXAMPLES), "-o", str(out), "--all", "-q", "--no-cache", *models]
        result = CliRunner().invoke(cli, [*args, "--engine", engine, "--ray-workers", "2"])
        assert result.exit_code == 0, result.stderr
        written[engine] = out.read_bytes(), (tmp_path / f"{engine}-findings.csv").read_bytes()
    assert written["ray"] == written["local"]
    assert written["local"][0].count(b"\n") > 50  # every scored pair, neutral ones too


# fp32 is the sharper test here: with workers on 1 thread instead of the driver's 2, the tiny
# embedder's fp32 vectors moved by 3e-8 and every z-score with them (bf16 did not move).
@pytest.mark.parametrize("dtype", ["auto", "fp32"])
def test_100_scaling_articles_are_byte_identical(
    ray_cluster: None,
    tmp_path: Path,
    tiny_embed_model: Path,
    random_nli_model: Path,
    dtype: str,
) -> None:
    articles = _scaling_articles(100)
    config = Config(
        embed_model=str(tiny_embed_model),
        nli_model=str(random_nli_model),
        dtype=dtype,
        use_cache=False,
        one_story=True,  # random vectors tell no stories apart: one story, so pairs are found
    )
    local = check(articles, config)
    with RayWorkers(workers=2) as workers:
        ray_config = config.replace(engine="ray", ray_workers=2)
        embedder, scorer = build_embedder(ray_config, workers), build_scorer(ray_config, workers)
        remote = check(articles, ray_config, embedder=embedder, scorer=scorer)
        assert len(set(workers.pids())) == 2
        assert sorted(workers.tasks) == [0, 1]  # both workers did part of the work
    assert local.nli_calls > 1000 and len(local.verdicts) > 500
    assert remote.verdicts == local.verdicts  # every score exactly, not only to 3 decimals
    assert _written(remote, tmp_path / "ray.csv") == _written(local, tmp_path / "local.csv")


def test_only_cache_misses_go_to_the_workers(
    ray_cluster: None, tmp_path: Path, tiny_embed_model: Path, random_nli_model: Path
) -> None:
    """A cache holding part of the work: the same report as a local run from the same cache
    (not as a cold run: misses are batched among themselves, in either engine)."""
    articles = _scaling_articles(20)
    config = Config(
        embed_model=str(tiny_embed_model), nli_model=str(random_nli_model), one_story=True
    )
    local = config.replace(cache_path=str(tmp_path / "local.sqlite3"))
    remote = config.replace(cache_path=str(tmp_path / "ray.sqlite3"), engine="ray")
    check(articles[:10], local)
    check(articles[:10], remote)  # part of the work in each cache
    expected = check(articles, local)
    with RayWorkers() as workers:
        embedder, scorer = build_embedder(remote, workers), build_scorer(remote, workers)
        again = check(articles, remote, embedder=embedder, scorer=scorer)
        assert embedder.hits > 0 and scorer.hits > 0  # type: ignore[attr-defined]
        # the misses went to the workers, each once, and nothing else
        assert workers.sent == {"embed": embedder.misses, "score": scorer.misses}  # type: ignore[attr-defined]
    assert again.verdicts == expected.verdicts
    with RayWorkers() as workers:
        embedder, scorer = build_embedder(remote, workers), build_scorer(remote, workers)
        cached = check(articles, remote, embedder=embedder, scorer=scorer)
        assert workers.sent == {} and workers._actors == []  # all hits: no worker started
    assert cached.verdicts == expected.verdicts


def test_a_model_that_cannot_load_is_one_error_line(ray_cluster: None, tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_text("not a model")
    article = EXAMPLES / "afp-trump-putin-selenskyj-calls.txt"
    args = ["report", str(article), str(EXAMPLES / "kremlin-neither-confirm-nor-deny.txt")]
    args += ["-o", str(tmp_path / "r.csv"), "-q", "--no-cache", "--engine", "ray"]
    result = CliRunner().invoke(cli, [*args, "--embed-model", str(tmp_path)])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: cannot load embedding model") and "not a usable" in line

