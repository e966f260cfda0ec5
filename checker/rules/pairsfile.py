"""The pairs file of ``checker compare --file`` and ``score_pairs``: JSON lines, one pair each.

A library function, so a caller scoring its own pair set reads it the way the command does;
every problem is a ``UsageError`` naming the file and the line.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.records import PairInput

PAIR_FIELDS = ("claim_a", "claim_b", "language_a", "language_b", "published_a", "published_b")


def pair_record(record: Any, where: str, defaults: dict[str, str]) -> PairInput:
    """One line of a pairs file; ``defaults`` fill the language/published fields it leaves out."""
    if not isinstance(record, dict):
        raise UsageError(f"{where}: not a JSON object")
    fields: dict[str, str] = {}
    for key in PAIR_FIELDS:
        value = record.get(key) or defaults.get(key, "")
        if not isinstance(value, str):
            raise UsageError(f"{where}: {key} must be a string")
        fields[key] = value
    for key in ("claim_a", "claim_b"):
        if not fields[key].strip():
            raise UsageError(f"{where}: {key} is missing or empty")
    z = record.get("z")
    if z is not None and (
        isinstance(z, bool) or not isinstance(z, int | float) or not math.isfinite(z)
    ):
        raise UsageError(f"{where}: z must be a finite number")
    return PairInput(**fields, z=z)


def read_pairs(path: Path, defaults: dict[str, str]) -> list[PairInput]:
    """The pairs of a JSON-lines file, one object a line; blank lines are skipped."""
    pairs = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read as UTF-8 text ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        pairs.append(pair_record(record, f"{path}:{number}", defaults))
    if not pairs:
        raise UsageError(f"{path}: no pairs")
    return pairs
