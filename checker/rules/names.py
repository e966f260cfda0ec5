"""Person names: find them in a sentence, tell variants of one person from rivals.

Outlets spell one person many ways ("Selenskyj", "Zelensky", "Zelenskyy"; "Mr. Assange",
"Julian Assange"; "John G. Roberts Jr.", "John Roberts") and sometimes get a name wrong
("Hillary Trump" for Hillary Clinton). A contradiction checker must call the first kind the same
person and flag the second, without a model: these are pure functions over words.

Extraction is a heuristic over capitalised runs, with stop lists kept as language data in
``checker/data/lang/<code>/names.toml`` (weekdays and months come from the language's
``values.toml``, speech verbs from its ``cues.toml``; particles, suffixes and hypocorisms from
``lang/all/names.toml``; see ``checker.rules.language``):

* a run of two or more capitalised words (particles such as "van", "de", "bin" inside) is a
  name once titles/roles before it are stripped, unless a word is a stop word, a known
  non-person word, an institution ("White House") or place head ("Elkins Park"), or the run
  follows a preposition of place ("in Elkins");
* a lone capitalised word needs evidence: a title before it ("Mr. Assange", "Präsident Obama"),
  a speech verb right before or after it ("Peskow sagte", "said Leavitt") with no article in
  front ("the Kremlin said" is not a person), or a longer name in the same text with that last
  name ("Donald Trump ... Trump").

Precision limits: there is no gazetteer, so two-word places and organisations missing from the
lists ("Elkins Park" is caught by its head, "Tim Hortons" is not) read as names, and a lone name
without a title or speech verb is missed. German capitalises every noun, which is why lone words
need evidence in every language.

Matching is transliteration-tolerant: last names are compared on a phonetic key (accents
stripped, w→v, z→s, j→y, sch→sh, doubled letters collapsed, a final i→y), falling back to the
same consonant skeleton within two edits (Gorbatschow/Gorbachev). This is stricter than a plain
similarity ratio: "Trump" and "Tump" (an outlet's typo) or "Hunter" and "Hunger" differ in a
consonant and stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from checker.rules import language as languages
from checker.rules.language import Language

SPEECH_WINDOW = 80  # characters either side of a name searched for a speech verb
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w’'\-]*\.?")
_POSSESSIVE = re.compile(r"[’']s?$")
# Cyrillic in the common journalistic romanisation, so "Питер Стржок" meets "Peter Strzok" and
# "Владимир Путин" meets "Vladimir Putin" (the phonetic key then absorbs the rest: zh ~ z)
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
     "ye", "g", "u"],
    strict=True,
))
_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", **_CYRILLIC}
)
_KEY_RULES = (
    ("zh", "z"),
    ("kh", "h"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("z", "s"),
    ("ij", "y"),
    ("iy", "y"),
    ("j", "y"),
    ("ou", "u"),
    ("ie", "i"),  # Dutch and German "ie" is the "i" other languages write: Piet ~ Пит
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")
# never the first particle: German "von"/"der" are mostly prepositions and articles ("Trump von
# den Stufen"), so "von der Leyen" is missed; "van der Berg" and "de la Cruz" are kept
_ARTICLE_PARTICLES = frozenset({"der", "den", "das", "la", "le", "el", "y", "zu", "von", "vom"})
MAX_EDITS = 2  # transliteration slack on the phonetic key, when the consonants agree
MIN_SKELETON = 3  # "Biden"/"Boden" (bdn) is the shortest pair the fallback will join


@dataclass(frozen=True)
class Name:
    """One person name as found in a text; offsets exclude titles before it."""

    text: str
    start: int
    end: int
    tokens: tuple[str, ...]  # normalised: casefolded, accents stripped, titles and suffix removed
    first: str  # first given name or initial, "" when only a last name is written
    last: str  # last name with its particles: "van der bellen"
    given: tuple[str, ...] = ()  # all given names and initials: ("john", "g")
    title: str = ""  # normalised title or role right before the name: "mr", "sprecherin"
    suffix: str = ""  # "jr", "sr", "iii"
    # the office right before the name, one key in every language ("Chief engineer", "L'ingegnere
    # capo", "Hlavní inženýr": chief_engineer), "" when none: a names.toml [offices] key
    office: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Stop lists and tables for one language (or all merged)."""

    titles: frozenset[str]
    role_suffixes: tuple[str, ...]
    pronouns: frozenset[str]
    stops: frozenset[str]  # function words, weekdays, months, pronouns
    place_prepositions: frozenset[str]
    case_endings: frozenset[str]
    place_heads: frozenset[str]
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    nonperson: frozenset[str]
    noun_suffixes: tuple[str, ...]
    particles: frozenset[str]
    suffixes: frozenset[str]
    # a woman's form of a family name: (man's ending, woman's ending), accents folded
    feminine: tuple[tuple[str, str], ...]
    # a family name declined as an adjective: (nominative ending, other case's ending)
    declined: tuple[tuple[str, str], ...]
    short_endings: frozenset[str]  # one-letter case endings
    fleeting: frozenset[str]  # vowels dropped before a case ending
    speech_before: re.Pattern[str] | None  # a speech verb ending the text before a name
    speech_after: re.Pattern[str] | None  # a speech verb opening the text after a name
    hypocorisms: dict[str, frozenset[int]]
    offices: re.Pattern[str] | None = None  # an [offices] phrase (folded text)


# --- normalisation ---------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Casefold, strip accents and a possessive, drop a trailing dot: "Sánchez’s" → sanchez.
    Cached: the same few names are folded over and over when every pair of them is compared."""
    word = _POSSESSIVE.sub("", word.strip().rstrip("."))
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def phonetic_key(word: str) -> str:
    """A spelling-tolerant key: Selenskyj, Zelensky, Zelenskyy and Zelenski all give selensky."""
    key = "".join(c for c in fold(word) if c.isalnum())
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    key = _DOUBLE.sub(r"\1", key)
    return key[:-1] + "y" if len(key) > 3 and key.endswith("i") else key


def _edits(a: str, b: str) -> int:
    """Levenshtein distance; names are short, so the plain table is fast enough."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _skeleton(key: str) -> str:
    """A phonetic key's first letter and the consonants after it: Trump, Trampa → trmp."""
    return key[:1] + _VOWELS.sub("", key[1:])


def spelling_key(word: str) -> str:
    """What the spellings of one name across languages and grammatical cases share: the
    consonant skeleton of its phonetic key ("Trump", "Trumpa", "Трампа" → trmp; "Müller",
    "Mueller", "Мюллер" → mlr), or the phonetic key itself when the skeleton is shorter than
    ``MIN_SKELETON`` ("Iowa"). Coarser than :func:`_same_word`, which it never splits: two
    words that are one name always share it, so it can index names without comparing all."""
    key = phonetic_key(word)
    skeleton = _skeleton(key)
    return skeleton if len(skeleton) >= MIN_SKELETON else key


MAX_CASE_ENDING = 3  # the longest case ending in all/names.toml, in letters
MIN_DECLINED_STEM = 4  # letters a name keeps before a one-letter case ending ("Strzok-a")


def _declined(base: str, form: str) -> bool:
    """Whether ``form`` is ``base`` with a case ending (``all/names.toml case_endings``, folded:
    Czech "Dorianem Kellem", Polish "Kowalskiem", Russian "Андало"'s "-ом") on a stem of at
    least ``MIN_SURNAME_STEM`` letters, or a one-letter ending (``short_case_endings``:
    "Strzoka", "Nováka") on a stem of ``MIN_DECLINED_STEM``; the stem may drop a fleeting
    vowel (``fleeting_vowels``: "Karel" / "Karla", "Marek" / "Markem"). One person's name in
    another case."""
    if not 0 <= len(form) - len(base) <= MAX_CASE_ENDING:  # before folding: most pairs end here
        return False
    base, form = fold(base), fold(form)
    lex = lexicon()
    stems = [base]
    if len(base) > 2 and base[-2] in lex.fleeting and not _VOWELS.match(base[-1]):
        stems.append(base[:-2] + base[-1])
    for stem in stems:
        if len(stem) < MIN_SURNAME_STEM or not form.startswith(stem):
            continue
        ending = form[len(stem):]
        if ending in lex.case_endings or (
            ending in lex.short_endings and len(stem) >= MIN_DECLINED_STEM
        ):
            return True
    return False


def _same_word(a: str, b: str) -> bool:
    """Same key, or same consonants within ``MAX_EDITS``: Gorbatschow ~ Gorbachev."""
    ka, kb = phonetic_key(a), phonetic_key(b)
    if not ka or not kb:
        return False
    if ka == kb or _declined(a, b) or _declined(b, a):
        return True
    return (
        _skeleton(ka) == _skeleton(kb)
        and len(_skeleton(ka)) >= MIN_SKELETON
        and _edits(ka, kb) <= MAX_EDITS
    )


# --- language data ---------------------------------------------------------------------------


def _words(tables: Iterable[dict[str, Any]], key: str) -> frozenset[str]:
    return frozenset(fold(w) for table in tables for w in table.get(key, []))


def _endings(table: dict[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    """A table of [one ending, the ending that replaces it] pairs, folded."""
    return tuple((fold(one), fold(other)) for one, other in table.get(key, []))


def _verb_pattern(verbs: Iterable[str], template: str) -> re.Pattern[str] | None:
    words = sorted({" ".join(fold(v).split()) for v in verbs if v.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(template.format(alternatives))


def lexicon(language: str | Language | None = "") -> Lexicon:
    """The lists for ``language``; every language's merged when it has no names data."""
    return _lexicon(languages.get(language))


@lru_cache(maxsize=32)
def _lexicon(lang: Language) -> Lexicon:
    own = lang.reading("names")
    tables = [own.data("names")]
    common = lang.shared("names")
    dates = [own.data("values").get("dates", {})]
    calendar = frozenset(
        fold(w) for d in dates for k in ("months", "weekdays") for w in d.get(k, {})
    )
    verbs = [v for t in tables for v in t.get("speech_verbs", [])]
    verbs += own.data("cues").get("attribution", {}).get("verbs", [])
    pronouns = _words(tables, "pronouns")
    groups: dict[str, set[int]] = {}
    for index, group in enumerate(common.get("hypocorisms", {}).get("groups", [])):
        for name in group:
            groups.setdefault(phonetic_key(name), set()).add(index)
    return Lexicon(
        # an office of one word is stripped like a title ("Hoofdingenieur Tomas Hruby")
        titles=_words(tables, "titles") | _words(tables, "professions") | frozenset(
            fold(p) for t in tables for ps in t.get("offices", {}).values() for p in ps
            if len(p.split()) == 1
        ),
        role_suffixes=tuple(sorted(_words(tables, "role_suffixes"), key=len, reverse=True)),
        pronouns=pronouns,
        stops=_words(tables, "function_words") | pronouns | calendar,
        place_prepositions=_words(tables, "place_prepositions"),
        # and the heads names keep untranslated in any language ("stade Brannock Park")
        place_heads=_words([*tables, common], "place_heads"),
        org_heads=_words([*tables, common], "org_heads"),
        org_suffixes=tuple(_words(tables, "org_suffixes")),
        nonperson=_words(tables, "nonperson"),
        noun_suffixes=tuple(_words(tables, "noun_suffixes")),
        particles=_words([common], "particles"),
        suffixes=_words([common], "suffixes"),
        case_endings=_words([common], "case_endings"),
        feminine=_endings(common, "feminine_surnames"),
        declined=_endings(common, "declined_surnames"),
        short_endings=_words([common], "short_case_endings"),
        fleeting=_words([common], "fleeting_vowels"),
        speech_before=_verb_pattern(verbs, r"(?<![\w-])(?:{})\s*$"),
        speech_after=_verb_pattern(verbs, r"^\s*(?:{})(?![\w-])"),
        hypocorisms={k: frozenset(v) for k, v in groups.items()},
        offices=_office_pattern(languages.merge(t.get("offices", {}) for t in tables)),
    )


def _office_pattern(offices: dict[str, Any]) -> re.Pattern[str] | None:
    """One regex for a language's [offices], a named group per key (``o_`` + key), matched on
    folded text: whole phrases (a compound ending with one counts: "Kreml-Sprecher")."""
    # folded a character at a time, like the text (``_offices``): "инженер" must read the
    # same in both, whatever several letters a transliteration would make of "ж"
    phrases = {
        (" ".join(_fold_chars(p).split()), key)
        for key, words in offices.items() if key.isidentifier()
        for p in words if p.strip()
    }
    if not phrases:
        return None
    # one group per phrase, longest first across keys: "ingegnere capo" before "ingegnere"
    ordered = sorted(phrases, key=lambda pk: (-len(pk[0]), pk))
    spaced = r"\s+"
    groups = [
        f"(?P<o{n}_{key}>{spaced.join(map(re.escape, phrase.split()))})"
        for n, (phrase, key) in enumerate(ordered)
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


def _fold_chars(text: str) -> str:
    """``text`` folded a character at a time (``_fold_char``): offsets stay the text's own."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    """One character as ``fold`` reads it (lower case, no accent), or itself lower-cased when
    folding would make it several ("ß")."""
    folded = "".join(
        x for x in unicodedata.normalize("NFKD", c.casefold().translate(_EXTRA))
        if not unicodedata.combining(x)
    )
    return folded if len(folded) == 1 else c.lower()[:1] or c


def offices_in(text: str, language: str | Language | None = "") -> tuple[tuple[int, int, str], ...]:
    """Every [offices] phrase in ``text`` as (start, end, key), in reading order: the office
    before a name ("Chief engineer Tomas Hruby") and the one beside an age with no name
    ("Der 54-jährige Lokführer")."""
    return _offices(text, lexicon(language))


def _offices(text: str, lex: Lexicon) -> tuple[tuple[int, int, str], ...]:
    if lex.offices is None:
        return ()
    folded = _fold_chars(text)  # one character each: offsets line up
    return tuple(
        (m.start(), m.end(), (m.lastgroup or "_").split("_", 1)[1])
        for m in lex.offices.finditer(folded)
    )


def _office(
    text: str, start: int, found: Sequence[tuple[int, int, str]], lex: Lexicon
) -> str:
    """The key of the office phrase standing right before ``start`` (a comma or colon, or
    titles, between allowed: "Son avocat, Me Anton Bremm", "Anwalt Dr. Peter Kurz"), "" when
    none."""
    for _, end, key in found:
        if end > start:
            continue
        between = [w.strip(".").lower() for w in text[end:start].replace(",", " ").split()]
        if all(w in lex.titles or w == ":" for w in between):
            return key
    return ""


# --- classifying words -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    raw: str  # as written, without a sentence-final full stop
    norm: str
    start: int
    end: int


def _words_of(text: str, lex: Lexicon) -> list[_Word]:
    """Words with offsets; a full stop stays only on initials and known abbreviations."""
    found = []
    for match in _WORD.finditer(text):
        raw, start = match.group(0), match.start()
        norm = fold(raw)
        keeps_dot = len(norm) == 1 or "." in raw[:-1] or norm in lex.titles | lex.suffixes
        if raw.endswith(".") and not keeps_dot:
            raw = raw[:-1]
        found.append(_Word(raw, norm, start, start + len(raw)))
    return found


def _is_capitalised(word: _Word) -> bool:
    """Capitalised, or an "al-"/"bin-" prefix before a capital; acronyms ("FBI") are not."""
    raw = _POSSESSIVE.sub("", word.raw).rstrip(".")
    if "-" in raw and raw.split("-", 1)[0].lower() in ("al", "el", "bin", "ibn"):
        raw = raw.split("-", 1)[1]
    letters = [c for c in raw if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    return len(letters) == 1 or not all(c.isupper() for c in letters)


def _is_noun(word: _Word, lex: Lexicon) -> bool:
    """A German common noun by its ending: "Infrastrukturprojekte", "Regierung"."""
    return any(word.norm.endswith(s) and len(word.norm) > len(s) + 3 for s in lex.noun_suffixes)


def _is_title(word: _Word, lex: Lexicon, first: bool) -> bool:
    """A title or role: "Mr.", "Senator", "Kreml-Sprecher", "Außenminister"."""
    norm = word.norm
    if len(norm) == 1:  # "M." is a French title only before a name, else an initial
        return first and norm in lex.titles and word.raw.endswith(".")
    # "Kreml-Sprecher": the last part; "L'ingegnere", "dell'avvocato": after an elided article
    last_part = re.split(r"['’]", norm.rsplit("-", 1)[-1], maxsplit=1)[-1]
    if norm in lex.titles or last_part in lex.titles:
        return True
    return any(last_part.endswith(s) and len(last_part) > len(s) for s in lex.role_suffixes)


def _is_institution(norm: str, lex: Lexicon) -> bool:
    last_part = norm.rsplit("-", 1)[-1]
    if norm in lex.org_heads or last_part in lex.org_heads:
        return True
    return any(last_part.endswith(s) and len(last_part) > len(s) + 2 for s in lex.org_suffixes)


def _is_place(norm: str, lex: Lexicon) -> bool:
    return norm in lex.place_heads


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    return not text[left.end : right.start].strip()


def _name_like(word: _Word, lex: Lexicon) -> bool:
    return _is_capitalised(word) and word.norm not in lex.stops and not _is_noun(word, lex)


def _runs(text: str, words: list[_Word], lex: Lexicon) -> list[tuple[int, int]]:
    """Index ranges of capitalised runs: adjacent capitalised words, particles inside them."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _name_like(words[i], lex):
            i += 1
            continue
        j = i + 1
        while j < len(words) and _adjacent(text, words[j - 1], words[j]):
            if _name_like(words[j], lex):
                j += 1
                continue
            k = j  # particles, then a capitalised word: "van der Berg", not "Angehörige der Opfer"
            if words[j].norm in _ARTICLE_PARTICLES:
                break
            while k < len(words) and words[k].norm in lex.particles and words[k].raw.islower():
                k += 1
            if k == j or k == len(words):
                break
            adjacent = all(_adjacent(text, words[m - 1], words[m]) for m in range(j, k + 1))
            if adjacent and _name_like(words[k], lex):
                j = k + 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _split_title(run: Sequence[_Word], lex: Lexicon) -> tuple[str, list[_Word]]:
    """Strip everything up to the last title or role: "Trumps Sprecherin Sarah Sanders"."""
    cut = -1
    for index, word in enumerate(run):
        if _is_title(word, lex, index == 0):
            cut = index
    title = run[cut].norm.rsplit("-", 1)[-1] if cut >= 0 else ""
    return title, list(run[cut + 1 :])


def _build(text: str, words: list[_Word], title: str, lex: Lexicon) -> Name | None:
    suffix, end = "", words[-1].end if words else 0
    if len(words) > 1 and words[-1].norm in lex.suffixes:
        suffix, words = words[-1].norm, words[:-1]
    while words and words[0].norm in lex.particles and len(words) > 1 and words[0].raw.islower():
        words = words[1:]
    if not words:
        return None
    tokens = tuple(w.norm for w in words)
    last_start = len(words) - 1
    while last_start > 0 and words[last_start - 1].norm in lex.particles:
        last_start -= 1
    given = tokens[:last_start]
    if not suffix:
        end = words[-1].start + len(_POSSESSIVE.sub("", words[-1].raw))
    return Name(
        text=text[words[0].start : end],
        start=words[0].start,
        end=end,
        tokens=tokens,
        first=given[0] if given else "",
        last=" ".join(tokens[last_start:]),
        given=given,
        title=title,
        suffix=suffix,
    )


def _not_a_person(words: Sequence[_Word], lex: Lexicon) -> bool:
    """Any word that is never part of a person's name; lower-case particles ("der") are fine."""
    return any(
        w.norm in lex.nonperson
        or w.norm in lex.stops
        or _is_institution(w.norm, lex)
        or _is_place(w.norm, lex)
        for w in words
        if not (w.norm in lex.particles and w.raw.islower())
    )


def _after_place_preposition(text: str, words: list[_Word], index: int, lex: Lexicon) -> bool:
    if index == 0 or not _adjacent(text, words[index - 1], words[index]):
        return False
    before = words[index - 1]
    return before.norm in lex.place_prepositions and before.raw[:1].islower()


def _speech_adjacent(text: str, words: list[_Word], lo: int, hi: int, lex: Lexicon) -> bool:
    """A speech verb right before or after the words ``lo..hi``, with no article before them."""
    # only the words next to the name matter: a window, not the whole text before and after
    # it, keeps a long claim linear (every capitalised word asks)
    start, end = words[lo].start, words[hi - 1].end
    head = fold(text[max(0, start - SPEECH_WINDOW) : start])
    tail = fold(text[end : end + SPEECH_WINDOW])
    if lo > 0 and _adjacent(text, words[lo - 1], words[lo]) and words[lo - 1].norm in lex.stops:
        before_is_verb = lex.speech_before and lex.speech_before.search(head)
        if not before_is_verb:
            return False
    return bool(
        (lex.speech_before and lex.speech_before.search(head))
        or (lex.speech_after and lex.speech_after.search(tail))
    )


def person_names(
    text: str, language: str | Language | None = "", known: frozenset[str] = frozenset()
) -> tuple[Name, ...]:
    """Person names in ``text`` in reading order (see the module docstring for the rules).

    ``known``: last names (``last_name_keys``) the text's article writes in full elsewhere:
    evidence for a lone word as good as a full name in the same sentence ("Roger Stone …"
    earlier, "Stone, 66, was arrested" here)."""
    lex = lexicon(language)
    words = _words_of(text, lex)
    offices = _offices(text, lex)
    found: list[Name] = []
    lone: list[tuple[Name, bool]] = []  # single words, with whether a speech verb backs them
    for lo, hi in _runs(text, words, lex):
        title, rest = _split_title(words[lo:hi], lex)
        if not rest or _not_a_person(rest, lex):
            continue
        first = hi - len(rest)
        if not title and first > 0 and _is_title(words[first - 1], lex, False):
            title = words[first - 1].norm  # lower-case office: "le président Macron"
        if not title and _after_place_preposition(text, words, first, lex):
            continue
        name = _build(text, rest, title, lex)
        if name is None:
            continue
        name = replace(name, office=_office(text, name.start, offices, lex))
        if len(name.tokens) > 1 or title:
            found.append(name)
        else:
            lone.append((name, _speech_adjacent(text, words, first, hi, lex)))
    backed = last_name_keys(found) | known
    found += [n for n, spoken in lone if spoken or phonetic_key(n.last) in backed]
    return tuple(sorted(found, key=lambda n: n.start))


def last_name_keys(found: Iterable[Name]) -> frozenset[str]:
    """The last names of names written in full or with a title ("Roger Stone", "Mr. Stone"),
    as keys: what makes a lone "Stone" a name wherever it stands in the same article."""
    return frozenset(
        phonetic_key(n.last.split()[-1]) for n in found if n.last and (len(n.tokens) > 1 or n.title)
    )


def parse_name(text: str, language: str | Language | None = "") -> Name | None:
    """The name in a string known to name someone ("Kreml-Sprecher Dmitri Peskow", "Kremlin").

    Lenient: no evidence is needed for a lone word; the last capitalised run wins, so roles and
    articles before it fall away. ``None`` when no capitalised word is left.
    """
    lex = lexicon(language)
    words = _words_of(text, lex)
    for lo, hi in reversed(_runs(text, words, lex)):
        title, rest = _split_title(words[lo:hi], lex)
        name = _build(text, rest or list(words[lo:hi]), title, lex)
        if name is not None:
            return name
    return None


# --- comparing names -------------------------------------------------------------------------


def _last_word(name: Name) -> str:
    return name.last.split()[-1] if name.last else ""


MIN_SURNAME_STEM = 3  # letters a family name keeps before its woman's ending ("Nov-ák")


def same_last_name(a: Name, b: Name) -> bool:
    """Last names agree up to transliteration and accents (Selenskyj ~ Zelensky), or one is
    the woman's form of the other (``all/names.toml feminine_surnames``: "Ruiz" in Spanish,
    "Ruizová" in Czech)."""
    x, y = _last_word(a), _last_word(b)
    lex = lexicon()
    return _same_word(x, y) or any(
        _ending_swapped(one, other, table)
        for table in (lex.feminine, lex.declined)
        for one, other in ((x, y), (y, x))
    )


def _ending_swapped(base: str, form: str, table: Sequence[tuple[str, str]]) -> bool:
    """Whether ``form`` is ``base``'s family name with one ending of ``table`` swapped for
    the other: a woman's form ("Ruiz" / "Ruizová"), a case of a name declined as an
    adjective ("Tarnavský" / "Tarnavského")."""
    base, form = fold(base), fold(form)
    for its, replaced in table:
        if not (base.endswith(its) and form.endswith(replaced)):
            continue
        stem = base[: len(base) - len(its)]
        if len(stem) >= MIN_SURNAME_STEM and _same_word(stem, form[: len(form) - len(replaced)]):
            return True
    return False


MIN_CLIPPED = 3  # the shortest clipped given name taken for a short form: "Dan", "Ben"
_PET_ENDINGS = "ky"  # a clipped name's added last letter: "Zack" (Zachary), "Andy" (Andrew)


def _clipped(a: str, b: str) -> bool:
    """One given name is a clipped form of the other, which no list of short forms holds
    whole: "Zack" / "Zachary", "Matt" / "Matthew", "Chris" / "Christopher". The shorter (less
    a pet-name ending) of at least ``MIN_CLIPPED`` letters opens the longer; "Linda" and
    "Loretta", or "Mark" and "Mary" (as long as each other), stay apart."""
    short, long = sorted((fold(a), fold(b)), key=len)
    if len(short) >= len(long):
        return False
    if len(short) > MIN_CLIPPED and short[-1] in _PET_ENDINGS:
        short = short[:-1]
    return len(short) >= MIN_CLIPPED and long.startswith(short)


def _given_match(a: str, b: str, lex: Lexicon) -> bool:
    """An initial matches a name with that letter; else same key, hypocorism group, spelling
    or a clipped form."""
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    groups_a = lex.hypocorisms.get(phonetic_key(a), frozenset())
    return (
        bool(groups_a & lex.hypocorisms.get(phonetic_key(b), frozenset()))
        or _same_word(a, b)
        or _clipped(a, b)
    )


def given_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """The shorter list of given names fits in order into the longer one; a missing list fits.

    "Cyril Alexander" ⊇ "Alexander"; "John G." ⊇ "John"; "Andy" ~ "Andrew"; "Linda T." and
    "Loretta" do not fit.
    """
    if not a or not b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    lex = lexicon()
    position = 0
    for name in short:
        while position < len(long) and not _given_match(name, long[position], lex):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def same_person(a: Name, b: Name) -> bool:
    """Same last name (transliteration-tolerant) and compatible given names."""
    return same_last_name(a, b) and given_compatible(a.given, b.given)


def name_conflict(a: Name, b: Name) -> bool:
    """Two different people who look like rivals for one slot, so an outlet may have erred.

    Rule: not the same person, and either the same last name with incompatible given names
    (Loretta vs Linda T. Sánchez) or the same full first name with another last name (Hillary
    Trump vs Hillary Clinton). Names sharing nothing ("Trump" vs "Clinton") are merely different
    people, not a conflict. The caller decides whether both fill the same role.
    """
    if same_person(a, b):
        return False
    if same_last_name(a, b):
        return bool(a.given and b.given)
    firsts = a.first, b.first
    return all(len(f) > 1 for f in firsts) and _given_match(*firsts, lexicon())


# --- speakers --------------------------------------------------------------------------------


def speaker_name(candidate: str, language: str | Language | None = "") -> str:
    """``candidate`` cleaned for use as a speaker, or "" when it cannot be one.

    People and institutions ("Kreml", "White House", "Reuters") may speak; weekdays, months,
    pronouns ("We", "My"), time phrases ("Am Sonntag"), bare titles ("Mr") and places
    ("Elkins Park") may not. Leading stop words fall away: "Yesterday Trump" → "Trump".
    """
    lex = lexicon(language)
    words = _words_of(candidate, lex)
    while words and words[0].norm in lex.stops:
        words = words[1:]
    if not words or any(w.norm in lex.stops for w in words):
        return ""
    if all(_is_title(w, lex, i == 0) for i, w in enumerate(words)):
        return ""
    if _is_place(words[-1].norm, lex):
        return ""
    return candidate[words[0].start : words[-1].end]


def speaker_key(name: str) -> str:
    """Compare speakers by the phonetic key of the last name: "Kreml-Sprecher Dmitri Peskow" and
    "Dmitry Peskov" both give peskov."""
    parsed = parse_name(name) if name else None
    if parsed is None:
        return fold(name.split()[-1]) if name.split() else ""
    return phonetic_key(_last_word(parsed))


def same_speaker(a: str, b: str) -> bool:
    """One speaker under two spellings: same last name key and no rival first names."""
    if speaker_key(a) == speaker_key(b):
        pa, pb = parse_name(a), parse_name(b)
        return not (pa and pb and name_conflict(pa, pb))
    pa, pb = parse_name(a), parse_name(b)
    return bool(pa and pb and same_person(pa, pb))
