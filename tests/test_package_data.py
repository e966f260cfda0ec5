"""Every data file the package reads ships in the wheel: each file under checker/data matches a
``[tool.setuptools.package-data]`` pattern. The per-language reference text once did not, and
a wheel grouped no two articles into one story (the centred band had no sentences)."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_packaged() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["checker"]
    package = ROOT / "checker"
    files = [p.relative_to(package).as_posix() for p in (package / "data").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    assert files
    def packaged(name: str) -> bool:
        path = PurePosixPath(name)  # glob patterns, whole path: as many parts as the pattern
        return any(
            path.match(pattern) and len(path.parts) == len(PurePosixPath(pattern).parts)
            for pattern in patterns
        )

    missing = [f for f in files if not packaged(f)]
    assert not missing, f"not in the wheel: {missing}"
