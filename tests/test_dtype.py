"""bf16 where the CPU has it: dtype resolution, refusal, cache identity, and a light start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.config import Config, load_config
from checker.engine import modelload
from checker.engine.embedding import SentenceTransformerEmbedder
from checker.engine.modelload import bf16_unit, resolve_dtype
from checker.engine.nli import TransformersNliScorer
from checker.errors import UsageError
from checker.pipeline import build_embedder, build_scorer

from .conftest import EXAMPLES, REPO

AMX = {"fpu", "avx512f", "avx512_bf16", "amx_tile", "amx_bf16"}
AVX512_BF16 = {"fpu", "avx512f", "avx512_bf16"}
AVX2 = {"fpu", "avx", "avx2"}


@pytest.fixture
def bf16_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend to be a CPU machine with AMX, whatever this machine is."""
    monkeypatch.setattr(modelload, "cpu_flags", lambda: frozenset(AMX))
    monkeypatch.setattr(modelload, "device_type", lambda device: device or "cpu")


@pytest.fixture
def plain_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend to be a CPU machine without a bf16 unit."""
    monkeypatch.setattr(modelload, "cpu_flags", lambda: frozenset(AVX2))
    monkeypatch.setattr(modelload, "device_type", lambda device: device or "cpu")


def test_auto_is_bf16_only_on_a_cpu_with_a_bf16_unit() -> None:
    assert bf16_unit(AMX) == "AMX-BF16" and bf16_unit(AVX512_BF16) == "AVX512-BF16"
    assert bf16_unit(AVX2) is None
    assert resolve_dtype("auto", "cpu", AMX) == ("bf16", "CPU has AMX-BF16")
    assert resolve_dtype("auto", "cpu", AVX512_BF16) == ("bf16", "CPU has AVX512-BF16")
    assert resolve_dtype("auto", "cpu", AVX2)[0] == "fp32"
    assert resolve_dtype("auto", "cpu", AMX, bf16_on_cpu=False)[0] == "fp32"
    assert resolve_dtype("auto", "cuda", AVX2, cuda_bf16=True) == ("bf16", "CUDA with bf16")
    assert resolve_dtype("auto", "cuda", AVX2, cuda_bf16=False) == ("fp16", "CUDA without bf16")
    assert resolve_dtype("fp16", "cuda", AVX2, cuda_bf16=True) == ("fp16", "set")
    # an explicit choice is kept, bf16 even where it would only be emulated
    assert resolve_dtype("fp32", "cpu", AMX) == ("fp32", "set")
    assert resolve_dtype("bf16", "cpu", AVX2) == ("bf16", "set")


def test_fp16_on_cpu_is_refused_before_any_model_loads() -> None:
    with pytest.raises(UsageError, match="needs a CUDA device"):
        resolve_dtype("fp16", "cpu", AMX)
    # a model that does not exist: loading it would raise ModelLoadError, not UsageError
    with pytest.raises(UsageError, match="fp16"):
        TransformersNliScorer("nobody/no-such-nli", device="cpu", dtype="fp16")
    with pytest.raises(UsageError, match="fp16"):
        SentenceTransformerEmbedder("nobody/no-such-embedder", device="cpu", dtype="fp16")
    for command in (
        ["report", str(EXAMPLES), "-o", "unused.csv"],
        ["compare", "a b c d", "e f g h"],
        ["eval", "nli", str(REPO / "pyproject.toml")],
    ):
        result = CliRunner().invoke(
            cli,
            [*command, "--dtype", "fp16", "--device", "cpu", "--nli-model", "nobody/no-such"],
        )
        assert result.exit_code == 2, (command, result.output)
        assert "needs a CUDA device" in result.stderr


def test_dtype_setting_is_validated(tmp_path: Path) -> None:
    assert Config().dtype == "auto"
    with pytest.raises(UsageError, match=r"'dtype'.*not one of"):
        Config(dtype="fp8")
    path = tmp_path / "c.toml"
    path.write_text('dtype = "int4"\n')
    with pytest.raises(UsageError, match="dtype"):
        load_config(path)
    path.write_text("dtype = 16\n")
    with pytest.raises(UsageError, match="dtype"):
        load_config(path)
    path.write_text('dtype = "bf16"\n')
    assert load_config(path).dtype == "bf16"


def test_dtype_is_part_of_the_cache_identity(
    tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path, bf16_cpu: None
) -> None:
    base = Config(
        embed_model=str(tiny_embed_model),
        nli_model=str(tiny_nli_model),
        cache_path=str(tmp_path / "c.db"),
    )
    fp32, bf16, auto = (base.replace(dtype=d) for d in ("fp32", "bf16", "auto"))
    assert build_scorer(fp32).identity != build_scorer(bf16).identity
    assert build_embedder(fp32).identity != build_embedder(bf16).identity
    # auto is stored as what it resolves to, so it shares entries with that explicit choice
    assert build_scorer(auto).identity == build_scorer(bf16).identity
    assert build_embedder(auto).identity == build_embedder(bf16).identity


def test_tiny_models_run_in_bf16_and_return_float32(
    tiny_embed_model: Path, tiny_nli_model: Path
) -> None:
    pairs = [("trump hat telefoniert", "putin hat telefoniert"), ("a", "b c d e")]
    scorer = TransformersNliScorer(str(tiny_nli_model), device="cpu", dtype="bf16")
    probs = scorer.score(pairs)
    assert scorer._load()[0].dtype.is_floating_point and str(scorer._load()[0].dtype).endswith(
        "bfloat16"
    )
    assert probs.dtype == np.float32 and probs.shape == (2, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    fp32 = TransformersNliScorer(str(tiny_nli_model), device="cpu", dtype="fp32").score(pairs)
    assert np.abs(probs - fp32).max() < 0.05

    embedder = SentenceTransformerEmbedder(str(tiny_embed_model), device="cpu", dtype="bf16")
    vectors = embedder.embed(["trump hat mit putin telefoniert", "der kreml"])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_plain_transformers_embedder_matches_sentence_transformers(tiny_embed_model: Path) -> None:
    from sentence_transformers import SentenceTransformer

    texts = ["trump hat mit putin telefoniert", "  der kreml ", "ukraine " * 40, "x"]
    ours = SentenceTransformerEmbedder(str(tiny_embed_model), device="cpu", dtype="fp32")
    assert isinstance(ours._load(), tuple)  # the plain transformers path, not the fallback
    reference = SentenceTransformer(str(tiny_embed_model), device="cpu")
    for prompt, kwargs in ((None, {"prompt_name": "query"}), ("", {}), ("passage: ", {})):
        ours.prompt = prompt
        if prompt:
            kwargs = {"prompt": prompt}
        expected = reference.encode(texts, normalize_embeddings=True, batch_size=2, **kwargs)
        got = ours.embed(texts, batch_size=3)
        assert np.abs((got * expected).sum(axis=1) - 1).max() < 1e-5


def test_models_command_shows_the_dtype(plain_cpu: None) -> None:
    result = CliRunner().invoke(cli, ["models"])
    assert result.exit_code == 0, result.output
    assert "nli: fp32 (CPU has no AMX-BF16 or AVX512-BF16; setting auto)" in result.stdout
    assert "batch      32 items (auto on cpu; setting 0)" in result.stdout


def test_models_command_shows_bf16(bf16_cpu: None) -> None:
    result = CliRunner().invoke(cli, ["models"])
    assert result.exit_code == 0, result.output
    assert "nli: bf16 (CPU has AMX-BF16; setting auto)" in result.stdout
    assert "embedding: bf16 (CPU has AMX-BF16; setting auto)" in result.stdout


def test_importing_the_cli_loads_no_model_library() -> None:
    code = (
        "import sys, checker.cli\n"
        "heavy = ['sentence_transformers', 'sklearn', 'torch', 'transformers', 'sympy', 'ray']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_batch_size_zero_is_the_devices_default() -> None:
    from checker.config import Config
    from checker.engine.modelload import AUTO_BATCH, batch_items

    assert Config().batch_size == 0
    assert batch_items(0, "cpu") == AUTO_BATCH["cpu"] == 32
    assert batch_items(0, "cuda") == AUTO_BATCH["cuda"] == 256
    assert batch_items(0, "cuda:1") == 256
    assert batch_items(0, "mps") == 32
    assert batch_items(7, "cuda") == 7  # a set size is kept everywhere


def test_auto_batch_on_cpu_batches_as_32(tiny_nli_model: Path, tiny_embed_model: Path) -> None:
    """0 (auto) on CPU is exactly the 32 every earlier run used: same batches, same scores."""
    from checker.engine.embedding import SentenceTransformerEmbedder as Embedder

    pairs = [("putin " * n, "trump " * (9 - n)) for n in range(1, 9)] * 12
    scorer = TransformersNliScorer(str(tiny_nli_model), device="cpu")
    assert [b.tolist() for b in scorer.plan(pairs)] == [b.tolist() for b in scorer.plan(pairs, 32)]
    assert (scorer.score(pairs) == scorer.score(pairs, 32)).all()
    texts = [("kreml " * n).strip() for n in range(1, 80)]
    embedder = Embedder(str(tiny_embed_model), device="cpu")
    assert [b.tolist() for b in embedder.plan(texts)] == [
        b.tolist() for b in embedder.plan(texts, 32)
    ]
    assert len(embedder.plan(texts)) == 3


def test_cuda_is_probed_without_importing_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached re-run on a GPU machine needs only the dtype from this, and importing torch to
    learn it took 4 s there: the driver's GPU list and torch's files answer instead."""
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    # as in a fresh process: torch not imported (seen through modelload's own ``sys`` only,
    # so nothing else in this process loses torch)
    monkeypatch.setattr(modelload, "sys", SimpleNamespace(modules={}, platform=sys.platform))
    probe = modelload.cuda_probe
    cases = [
        ((9.0,), True, (True, True)),  # H200
        ((8.0, 8.6), True, (True, True)),
        ((7.5,), True, (True, False)),  # Turing: no bf16, so fp16
        ((), True, (False, False)),  # driver, no GPU listed
        ((9.0,), False, (False, False)),  # CPU build of torch on a GPU machine
        (None, False, (False, False)),
        (None, True, None),  # no nvidia-smi: only torch can tell
        ((9.0,), None, None),  # torch not found
    ]
    for caps, built, expected in cases:
        monkeypatch.setattr(modelload, "nvidia_compute_caps", lambda caps=caps: caps)
        monkeypatch.setattr(modelload, "torch_has_cuda", lambda built=built: built)
        assert probe() == expected, (caps, built)
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")
    assert probe() == (False, False)
    import torch

    # once torch is imported it is asked directly (here: a CPU build, whatever the driver says)
    monkeypatch.setattr(modelload.sys, "modules", {"torch": torch})
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    usable = torch.cuda.is_available()
    assert probe() == (usable, bool(usable and torch.cuda.is_bf16_supported()))
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    monkeypatch.setattr(modelload, "cuda_probe", lambda: (True, False))
    assert resolve_dtype("auto", "cuda", AVX2) == ("fp16", "CUDA without bf16")
    monkeypatch.setattr(modelload, "cuda_probe", lambda: (True, True))
    assert resolve_dtype("auto", "cuda", AVX2) == ("bf16", "CUDA with bf16")


def test_torch_build_is_read_from_its_files() -> None:
    import importlib.util

    spec = importlib.util.find_spec("torch")
    assert spec is not None and spec.submodule_search_locations
    libs = [p.name for f in spec.submodule_search_locations for p in (Path(f) / "lib").glob("*")]
    assert modelload.torch_has_cuda() == any(n.startswith("libtorch_cuda") for n in libs)
