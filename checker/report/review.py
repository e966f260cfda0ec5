"""What a reviewer typed into a ``review`` cell, read as ``right``, ``wrong`` or ``unsure``.

Reviewers type what comes to hand: ``✓``, ``ja``, ``falsch``, ``?``, ``OK``, ``TRUE`` (Excel's
own boolean). The report never rewrites their cell (it is their record, and a note such as
"stimmt nicht ganz" must survive), so the text is normalised only when it is *used*: counting
reviews, exporting confirmed rows (``--format jsonl``). Text that is none of the known words is
kept as typed and reported, so a reviewer learns which cells the tool could not read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

RIGHT, WRONG, UNSURE = "right", "wrong", "unsure"
STATES = (RIGHT, WRONG, UNSURE)
# The drop-down offered in XLSX; any other text stays allowed (see xlsx.py).
CHOICES = ",".join(STATES)

_WORDS = {
    RIGHT: (
        "right", "✓", "✔", "☑", "✅", "👍", "yes", "y", "ja", "j", "richtig", "stimmt", "correct",
        "true", "wahr", "ok", "okay", "confirmed", "bestätigt", "korrekt", "oui", "vrai", "sí",
        "si", "correcto",
    ),
    WRONG: (
        "wrong", "✗", "✘", "❌", "✕", "👎", "no", "n", "nein", "falsch", "stimmt nicht",
        "incorrect", "false", "not ok", "nicht ok", "non", "faux", "incorrecto", "unwahr",
    ),
    UNSURE: (
        "unsure", "?", "not sure", "unknown", "don't know", "maybe", "unclear", "unsicher",
        "unklar", "vielleicht", "weiß nicht", "keine ahnung", "ungewiss",
    ),
}
SYNONYMS: dict[str, str] = {word: state for state, words in _WORDS.items() for word in words}
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[.!]+$")  # "OK." and "falsch!" mean the same as without


def _key(text: object) -> str:
    """Case, surrounding and repeated spaces, and a closing ``.``/``!`` carry no meaning."""
    if text is None:
        return ""
    key = _SPACES.sub(" ", str(text)).strip().casefold()
    key = _TRAILING.sub("", key).strip()
    if key and set(key) == {"?"}:  # "??" is as unsure as "?"
        return "?"
    return key


def normalise_review(text: object) -> str:
    """``right``, ``wrong`` or ``unsure`` for a known word, ``""`` for a blank or unknown cell.

    Unknown text is not guessed at ("stimmt nicht ganz" is neither yes nor no); use
    :func:`unrecognised` to tell the reviewer about it.
    """
    return SYNONYMS.get(_key(text), "")


def unrecognised(texts: Iterable[object]) -> list[str]:
    """The distinct non-blank cells that are none of the known words, as typed, first seen first."""
    seen = dict.fromkeys(
        str(t).strip() for t in texts if _key(t) and normalise_review(t) == ""
    )
    return list(seen)


def review_counts(texts: Iterable[object]) -> dict[str, int]:
    """How many cells read as each state, plus ``other`` for unknown text (blanks not counted)."""
    counts = Counter(normalise_review(t) or ("other" if _key(t) else "") for t in texts)
    return {state: counts[state] for state in (*STATES, "other")}
