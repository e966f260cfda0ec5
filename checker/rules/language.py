"""The language layer: one registry, one loader, one merge rule, one code normalisation.

Every rule (claims, values, names, signals) reads its words and flags from a :class:`Language`,
never from a code string compared in code. A language is a folder ``<code>/`` holding up to
five TOML files, each optional:

* ``language.toml`` — ``name`` and ``[flags]`` (date order, capitalised months, ordinal dot…);
* ``values.toml``, ``cues.toml``, ``names.toml``, ``claims.toml`` — the words each rule reads
  (layouts in ``checker/data/lang/README.md``).

The built-in folders are ``checker/data/lang/<code>/``; ``checker/data/lang/all/`` holds what
holds in every language (name particles, hypocorisms, picture-credit words) and the flags of the
*unknown* language. Users add or extend languages with folders of their own, listed in the
environment variable ``CHECKER_LANGUAGE_DIRS`` (``os.pathsep``-separated; each holds
``<code>/`` folders): adding a language is adding a folder, no code change.

Codes are normalised one way everywhere (:func:`normalise`): ``de-DE``, ``DE`` and ``de_AT``
are ``de``. A code with no folder is the *unknown* language (code ``""``): its data is every
known language's merged, so a claim in an unexpected language is still read with every word
list, and its flags are those of ``all/language.toml``.

One merge rule (:func:`merge`), used for the unknown language, for a user folder extending a
built-in language and for user cue files: lists of words concatenate (duplicates dropped, first
occurrence kept), mappings merge key by key recursively, and anything else (a number, a flag, a
list that is a value such as ``[24, 99]``) keeps the first reading.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from checker.errors import UsageError

ENV_LANGUAGE_DIRS = "CHECKER_LANGUAGE_DIRS"
COMMON = "all"  # the folder of what holds in every language
PARTS = ("values", "cues", "names", "claims")
UNKNOWN = ""  # the code of the unknown language: every language merged
_CODE = re.compile(r"^[a-z]{2,3}$")


def normalise(code: str | None) -> str:
    """``de-DE``, ``DE``, ``de_AT``, `` de `` → ``de``; empty or malformed → ``""``.

    Only the primary subtag counts: a region never changes how numbers, months or cue words
    are read in this tool, and one spelling of a code must never read as another language.
    """
    primary = re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]
    return primary if _CODE.match(primary) else UNKNOWN


# the punctuation that ends a clause, in every language this tool reads
_CLAUSE_MARK = re.compile(r"[.;:,!?]")


def clause_before(text: str, end: int, start: int = 0) -> str:
    """The words of ``end``'s clause before it, back to the last punctuation mark (or
    ``start``): what a cue or a count is read with ("Peskow hatte früher schon … abgestritten",
    "Zginęło siedem osób")."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start, end)]
    return text[marks[-1] if marks else start : end]


def clause_after(text: str, start: int, end: int | None = None) -> str:
    """The words of ``start``'s clause after it, up to the next punctuation mark (or ``end``)."""
    stop = len(text) if end is None else end
    mark = _CLAUSE_MARK.search(text, start, stop)
    return text[start : mark.start() if mark else stop]


def clause_span(
    text: str, start: int, end: int, low: int = 0, high: int | None = None
) -> tuple[int, int]:
    """Where the clause holding ``text[start:end]`` begins and ends: back to the last
    punctuation mark (or ``low``), on to the next one (or ``high``)."""
    return start - len(clause_before(text, start, low)), end + len(clause_after(text, end, high))


def merge(tables: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge tables in order; see the module docstring for the one rule."""
    merged: dict[str, Any] = {}
    for table in tables:
        for key, value in table.items():
            if key not in merged:
                merged[key] = _copy(value)
            elif isinstance(value, Mapping) and isinstance(merged[key], dict):
                merged[key] = merge([merged[key], value])
            elif _words(value) and _words(merged[key]):
                merged[key] = list(dict.fromkeys([*merged[key], *value]))
    return merged


def _words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    return list(value) if isinstance(value, list) else value


@dataclass(frozen=True, eq=False)
class Language:
    """One language's words and flags; handed to every rule instead of a code string.

    Compared and hashed by identity: the registry hands out one object per code and folder
    list, so rules may cache what they compile from it.
    """

    code: str
    name: str
    flags: Mapping[str, Any]
    parts: Mapping[str, Mapping[str, Any]]
    common: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # ``reference.txt``: sentences on unrelated everyday topics, the same topics in every
    # language, from which pairing learns where the embedder puts the language (never from
    # the input); empty for the unknown language
    reference: tuple[str, ...] = ()
    # ``[detect] words`` of language.toml: its most frequent short words (guess_by_words)
    detect_words: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return self.code != UNKNOWN

    def data(self, part: str) -> Mapping[str, Any]:
        """The language's table for one rule (``values``, ``cues``, ``names``, ``claims``)."""
        return self.parts.get(part, {})

    def shared(self, part: str) -> Mapping[str, Any]:
        """What holds in every language for one rule (``all/<part>.toml``)."""
        return self.common.get(part, {})

    def flag(self, name: str, default: Any = False) -> Any:
        return self.flags.get(name, default)

    def reading(self, part: str) -> Language:
        """The language a rule reads ``part`` from: this one when it has that part, else the
        unknown language (every language's words merged)."""
        return self if self.data(part) else get(UNKNOWN)

    def __repr__(self) -> str:
        return f"Language({self.code or 'unknown'!r})"


def _read(folder: Traversable | Path, name: str) -> dict[str, Any]:
    path = folder / f"{name}.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LanguageDataError(f"{path}: {error}") from error


class LanguageDataError(UsageError):
    """A language data file or folder that cannot be read: names it and what is wrong (a
    usage error: the run stops with one line, before any model loads)."""


def _reference(folders: Iterable[Traversable | Path]) -> tuple[str, ...]:
    """The sentences of ``reference.txt`` files ('topic | sentence' lines, # comments)."""
    found: list[str] = []
    for folder in folders:
        path = folder / "reference.txt"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                found.append(line.split("|", 1)[-1].strip())
    return tuple(dict.fromkeys(s for s in found if s))


def _builtin_root() -> Traversable:
    return resources.files("checker") / "data" / "lang"


def user_dirs() -> tuple[str, ...]:
    """The folders of ``CHECKER_LANGUAGE_DIRS``, in order."""
    raw = os.environ.get(ENV_LANGUAGE_DIRS, "")
    return tuple(p for p in raw.split(os.pathsep) if p.strip())


def check_user_dirs() -> None:
    """Read every language now, so a missing folder or a broken file in
    ``CHECKER_LANGUAGE_DIRS`` fails in a second with its name, not after the models ran."""
    for folder in user_dirs():
        if not Path(folder).is_dir():
            raise LanguageDataError(f"{ENV_LANGUAGE_DIRS}: {folder} is not a folder")
    _registry(user_dirs())


def _folders(root: Traversable | Path) -> dict[str, Traversable | Path]:
    if not root.is_dir():
        return {}
    return {
        normalise(p.name): p
        for p in sorted(root.iterdir(), key=lambda p: p.name)
        if p.is_dir() and normalise(p.name) and p.name != COMMON
    }


@lru_cache(maxsize=8)
def _registry(dirs: tuple[str, ...]) -> dict[str, Language]:
    """Every language of the built-in folder and of ``dirs``, plus the unknown one."""
    roots: list[Traversable | Path] = [_builtin_root(), *(Path(d) for d in dirs)]
    common_parts = merge_parts([r / COMMON for r in roots if (r / COMMON).is_dir()])
    found: dict[str, list[Traversable | Path]] = {}
    for root in roots:
        for code, folder in _folders(root).items():
            found.setdefault(code, []).append(folder)
    common_meta = merge(_read(r / COMMON, "language") for r in roots if (r / COMMON).is_dir())
    order = [c for c in common_meta.get("merge_order", []) if c in found]
    order += sorted(c for c in found if c not in order)
    languages: dict[str, Language] = {}
    for code in order:
        meta = merge(_read(f, "language") for f in found[code])
        languages[code] = Language(
            code=code,
            name=str(meta.get("name", code)),
            flags=dict(meta.get("flags", {})),
            parts=merge_parts(found[code]),
            common=common_parts,
            reference=_reference(found[code]),
            detect_words=frozenset(
                str(w).casefold() for w in meta.get("detect", {}).get("words", [])
            ),
        )
    languages[UNKNOWN] = Language(
        code=UNKNOWN,
        name="unknown (every language merged)",
        flags=dict(common_meta.get("flags", {})),
        parts={
            part: merge(languages[c].data(part) for c in order) for part in PARTS
        },
        common=common_parts,
    )
    return languages


def merge_parts(folders: Iterable[Traversable | Path]) -> dict[str, dict[str, Any]]:
    """Each rule's table read from ``folders`` in order and merged."""
    folders = list(folders)
    return {part: merge(_read(f, part) for f in folders) for part in PARTS}


def known_codes() -> tuple[str, ...]:
    """The codes with data, in merge order (built-in and ``CHECKER_LANGUAGE_DIRS``)."""
    return tuple(c for c in _registry(user_dirs()) if c != UNKNOWN)


def get(language: str | Language | None) -> Language:
    """The :class:`Language` for a code (any spelling) or the object itself.

    A code with no data is the unknown language, the same fallback in every stage.
    """
    if isinstance(language, Language):
        return language
    registry = _registry(user_dirs())
    return registry.get(normalise(language), registry[UNKNOWN])


_TOKENS = re.compile(r"[^\W\d_]+")
GUESS_MIN_SCORE = 1.0  # at least this much word evidence (a word in one language counts 1)
GUESS_MARGIN = 2.0  # and this many times the next language's


@lru_cache(maxsize=8)
def _word_owners(dirs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each ``[detect]`` word and the languages listing it, built once per language set."""
    owners: dict[str, list[str]] = {}
    for code, lang in _registry(dirs).items():
        for word in lang.detect_words:
            owners.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def guess_by_words(text: str) -> str:
    """The known language whose most frequent short words (``[detect] words``) the text uses
    most, or ``""`` when the words do not decide. For short texts, where a statistical
    detector reads "Es gab 12 Tote." as Portuguese.

    A word counts 1 divided by the number of languages listing it ("die" is German and
    Dutch: ½ each), so shared words cannot decide on their own. The best language needs
    ``GUESS_MIN_SCORE`` and ``GUESS_MARGIN`` times the runner-up's score.
    """
    owners = _word_owners(user_dirs())
    scores = dict.fromkeys(sorted({c for codes in owners.values() for c in codes}), 0.0)
    for token in _TOKENS.findall(text.casefold()):
        for code in owners.get(token, ()):
            scores[code] += 1.0 / len(owners[token])
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < GUESS_MIN_SCORE:
        return UNKNOWN
    if len(ranked) > 1 and ranked[0][1] < GUESS_MARGIN * ranked[1][1]:
        return UNKNOWN
    return ranked[0][0]
