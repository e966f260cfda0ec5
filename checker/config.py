"""Defaults, environment variables and config files: the one place for thresholds and model ids.

Precedence, lowest to highest: built-in defaults < config file < environment < explicit overrides
(the CLI's options). Thresholds are model-dependent, so every one of them is a setting here and
none is hidden in a stage.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from checker.errors import InputError, UsageError

DEFAULT_EMBED_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
DEFAULT_NLI_MODEL = "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"

ENV_EMBED_MODEL = "CHECKER_EMBED_MODEL"
ENV_NLI_MODEL = "CHECKER_NLI_MODEL"
ENV_MODELS_DIR = "CHECKER_MODELS_DIR"
ENV_CONFIG = "CHECKER_CONFIG"
ENV_CACHE_DIR = "CHECKER_CACHE_DIR"


@dataclass(frozen=True)
class Config:
    """Every knob of a run. Frozen so one run cannot change another's settings."""

    embed_model: str = DEFAULT_EMBED_MODEL
    nli_model: str = DEFAULT_NLI_MODEL
    # Prompt name or literal prefix for the embedder. None: use the model's own "query" prompt
    # when it defines one (E5 models need it), else none.
    embed_prompt: str | None = None
    device: str | None = None
    # Number format both models run in: auto (bf16 on CUDA where supported, else fp16; bf16
    # on a CPU with AMX or AVX512-BF16, else fp32), fp32, bf16 or fp16 (CUDA only). Part of
    # the cache identity. 2-3x faster NLI at the same accuracy (benchmarks/README.md);
    # refused values fail early.
    dtype: str = "auto"
    # Items per model batch; 0 (auto): 32 on CPU, 256 on CUDA (measured on an H200, 256 ran
    # NLI about 2x and embedding 3.5-5x faster than 32; on CPU larger batches gain nothing).
    batch_size: int = 0
    # Claims
    min_words: int = 4
    # Engineering limit: a sentence longer than this many characters is split into pieces at
    # whitespace (with a warning), and a claim given to `compare` is cut there, so every stage
    # stays bounded on any input. 1,500: ten times a long news sentence.
    max_claim_chars: int = 1500
    # Stories (checker/rules/stories.py): claims are paired only within a story. Articles published
    # more than story_max_days apart are different stories; otherwise they are one story when
    # their shared facts are story_z σ above the unrelated band, or, across languages,
    # story_name_z σ with story_min_names capitalised names in common. Scores are taken on
    # claims centred on their languages' means, against the band of centred reference
    # sentences (centring.language_space): raw vectors put each language in its own region.
    # Chosen on the 8 dev stories and the 23 own stories in one run, with their dates and with
    # every date removed (no date gate): with dates no story split or merged (raw vectors at
    # 3.75/2.0/2.75 split one); undated 6 splits and 11 merges (raw: 13 and 13). The three
    # held-out stories were not looked at. one_story: treat all inputs as one story.
    one_story: bool = False
    story_z: float = 6.0
    story_name_z: float = 4.0
    story_min_names: int = 2
    # With one shared name fewer (a single name at the default of 2), the content must be
    # this close: names shared across stories of one beat are common.
    story_fewer_names_z: float = 5.0
    story_max_days: int = 7
    # An article is not in the story of an article published more than this many days before
    # the latest day it states (what an undated article tells dates it). Lenient on purpose (a
    # year): an article may mention a coming date.
    story_stated_days: int = 366
    # A story's own cross-article baseline sits this many σ above the unrelated band (tuned on
    # the dev stories: 0.23-0.84, median 0.7); where a story has too few pairs for a baseline of
    # its own, and for a pair given alone (compare), z is measured against that. It was
    # story_z (3.75) before: a near-verbatim lone pair then scored only 2.55 σ.
    story_baseline_z: float = 0.7
    # Pairing: each claim's top_k neighbours in other articles whose cosine similarity is at
    # least min_similarity and at least `min_similarity_z` standard deviations above the mean
    # similarity of the run's cross-article pairs. The relative floor keeps one setting
    # meaningful across embedders whose cosines live in very different bands.
    # 5, not fewer: contradicting claims are less similar than paraphrases, and on the scaling
    # benchmark (benchmarks/README.md) top-3 missed a quarter of planted pairs at 1,000 articles.
    top_k: int = 5
    # Each claim's paragraph is also matched against other articles' claims (its best
    # `paragraph_k`), so a terse sentence meets the claim about the same event.
    paragraph_k: int = 1
    # Candidate slots per other article: each claim's article_k best matches in *every* other
    # article of its story (above the floor) are candidates too, so neighbours in the claim's
    # own language cannot crowd out the other languages' accounts of the same event.
    article_k: int = 1
    # Two claims that are each other's best match in their two articles are candidates from
    # mutual_z σ above their languages' cross-article baseline (not min_similarity_z): a short
    # claim in a short article, weakly linked across languages, may sit below the floor while
    # nothing in either article comes closer. inf: never.
    mutual_z: float = 0.0
    # Pair on embeddings with each language's mean (from reference text shipped per language,
    # never from the input) subtracted: multilingual embedders offset each language.
    centre_languages: bool = True
    # Measure a pair's z against cross-article pairs of the same two languages (when the story
    # has enough of them), not against the whole story's mix of language pairs.
    language_baselines: bool = True
    # Measure a pair given alone (compare, score_pairs) against the unrelated band of its own
    # two languages (their offset, from the parallel reference text shipped per language): one
    # band for all languages reads a German–English account of one event as chance and two
    # Spanish sentences on a topic as strong (checker/rules/centring.py). Measured on the dev
    # gold pairs given alone: agreements found 16 -> 32 of 61, contradictions 10 of 36 both ways.
    language_bands: bool = True
    min_similarity: float = 0.0
    min_similarity_z: float = 1.0
    # A story of at least this many claims searches neighbours with faiss (the optional extra
    # `checker[faiss]`; exact search, same pairs as numpy) when it is installed; 0: always.
    # 20,000: below it either search takes seconds (timings in benchmarks/README.md).
    faiss_min_claims: int = 20_000
    # Also pair claims of one story whose counted values have matching frames (frame_z):
    # disagreeing outlets word the rest differently, so neighbours alone miss them.
    value_pairs: bool = True
    # Two claims of different articles that are each other's nearest claim stating a like
    # measure (a duration, a share, a sum or a vote's tally of one kind and unit), looking among
    # the measure_k claims most similar to each in the other's article, are one account of that
    # measure: "Le ricerche sono durate 30 ore" and "Die Rettungskräfte suchten 36 Stunden lang"
    # share nothing else a small embedder links. Own stories: facts 149 → 154/224, flag
    # precision 0.92 both, agreement precision 0.91 → 0.92 (1: 153, 5: 155, 0.92 both); the
    # eight dev stories unchanged. 0: never.
    measure_k: int = 3
    # NLI
    nli_max_length: int = 256
    # Verdict
    # Entailment in one direction is enough for agreement, so it must be confident: a shaky
    # one-way "entailment" is what small NLI models give unrelated sentences.
    entailment_threshold: float = 0.7
    contradiction_threshold: float = 0.6
    # Which NLI direction a contradiction rests on: both (the weaker of a→b and b→a must reach
    # contradiction_threshold), premise (the direction whose premise is the longer claim), or
    # either (the stronger).
    contradiction_direction: str = "both"
    # NLI's reading of a pair is used only where the model reads both claims' languages: each
    # language's mean entailment between its reference sentences and their English versions
    # (checker/rules/reading.py) must reach this. The stand-in reads German 0.43 and the other
    # languages 0.05-0.19; on the dev stories any level between 0.19 and 0.43 gives one result
    # (all 11 stories: agreement precision 0.92 -> 0.97, no contradiction lost). 0 turns it off.
    nli_min_reading: float = 0.3
    # A pair this many standard deviations above its story's similarity baseline, with no
    # contradiction seen by NLI, counts as agreement even when NLI says neutral: small NLI
    # models miss paraphrases that carry extra detail, embedders do not. 3.0, not 3.5: a
    # story's own baseline is higher than a run-wide one (dev stories: 3.0 finds 15 of 61 gold
    # agreements with none judged wrong, 3.5 finds 9, 2.5 finds 25 but flags 515 rows).
    paraphrase_z: float = 3.0
    # Signals: a certainty conflict or a number mismatch makes a contradiction only between
    # claims about the same event: paired through the paragraph, or this similar (in σ).
    same_event_z: float = 2.5
    # Same-event gate (checker/rules/evidence.py): no contradiction below same_event_min; one that
    # rests on NLI alone needs same_event_min_nli, because small NLI models call unrelated
    # sentences contradictory. Two values are of the same thing when the words around them
    # ("Polizei stellte … Paketbomben sicher", "police found … parcel bombs") are frame_z σ
    # above the embedder's unrelated band. A different name in the same slot needs the claims
    # name_z σ similar.
    same_event_min: float = 0.6
    same_event_min_nli: float = 0.8
    # An agreement from NLI entailment or a near-paraphrase needs this same-event level too:
    # two sentences about a story's topic do not confirm each other. 0 turns it off.
    same_event_min_agreement: float = 0.6
    frame_z: float = 3.0
    # Which date meets which: the words around two dates (verb, event, actor) this many σ alike
    # bind them (a day to a month, each date of a sentence to its own); else the dates must be
    # stated alike (day with day, year with year). Either way two dates clash only when the
    # claims as a whole are same_event_z similar: "announced on Thursday a delay" and
    # "announced on Friday a plan" are bound by their words, yet two announcements.
    date_frame_z: float = 4.0
    name_z: float = 3.0
    # Two claims quoting two different people they name: the quotations this many σ alike
    # (above the embedder's unrelated band) are one saying given to two people, an
    # attribution conflict. Dev and own stories: one quotation translated or repeated sat at
    # 6.0-7.1σ, two people's different sayings on one topic reached 4.3σ (4.0 flagged two of
    # them). inf: never.
    saying_z: float = 5.5
    # Claims told alike (same_event_z) each holding one measure of a kind (one share, one sum,
    # one duration, one vote's tally): the two are one figure told twice when their frames are
    # this many σ alike, below frame_z: in long sentences the words either side of a value (a
    # name, "in October warning that") match poorly even where the claims tell one thing.
    # 0: no less alike than unrelated text, as account_frame_z (own stories: 1.5 → 0 found 3
    # more facts, flag precision 0.92 both; the eight dev stories unchanged). inf: never.
    sole_frame_z: float = 0.0
    # The same for claims that are one account by their articles' structure (each the other's
    # best match in its article, and a paragraph chose the other), however unlike the claims
    # are as a whole: the one measure of a kind each holds is one figure told twice when their
    # frames are at least this many σ alike. 0: no less alike than unrelated text (own
    # stories: 7 more facts, no wrong flag; -100 found one more and one wrong). inf: never.
    account_frame_z: float = 0.0
    # Two figures more than this factor apart are taken for two different figures, not one
    # figure reported differently (49 vs 50 dead conflict; 63 votes vs 6 seats do not).
    max_value_ratio: float = 5.0
    # A finding (one row per disagreement) also lists outlets outside its flagged pairs that
    # state one of its values, when the words around the value are this many σ like those of
    # a claim already in it: the value itself is evidence too, so this is below frame_z.
    finding_join_z: float = 1.5
    # Both claims state the same value of the same thing (same frame) and are about the same
    # event: an agreement even where NLI says neutral, at same_event × this confidence.
    value_agreement_confidence: float = 0.8
    certainty_conflict_confidence: float = 0.7
    value_conflict_confidence: float = 0.75
    # Claims about different times are probably different events: contradiction confidence
    # is multiplied by this.
    time_penalty: float = 0.5
    # Extra cue files (TOML, same format as checker/data/cues/de.toml) merged into the built-in
    # cue lists.
    cue_files: tuple[str, ...] = ()
    include_neutral: bool = False
    # Cache of embeddings and NLI scores (checker/engine/store.py): an SQLite file; empty means
    # $CHECKER_CACHE_DIR/cache.sqlite3, else the platform's user cache folder.
    cache_path: str = ""
    use_cache: bool = True
    # Where the models run (checker/engine/rayengine.py): "local" in this process, or "ray": a pool
    # of Ray workers, each loading the models once, sent only what the cache misses, the
    # batches this process would form (so the report is byte-identical). ray_address joins a
    # cluster ("HEAD:6379"); empty: $RAY_ADDRESS, else a local cluster is started for the run.
    # ray_workers: pool size; 0: one per GPU when the cluster has GPUs, else one per N CPUs,
    # N the threads a local run uses here (each CPU worker runs N threads, as a local run
    # does: some kernels sum in another order with other thread counts).
    engine: str = "local"
    ray_address: str = ""
    ray_workers: int = 0

    # --- ClaimReview of a JSONL report (checker/report/jsonl.py, ReviewSource checks them) ---
    # Who publishes the reviews (schema.org author: an Organization's name and url), each
    # review's own page (an http(s) URL template naming {pair_id} or {finding_id}) and its
    # datePublished (YYYY-MM-DD; empty: the day the report is written). Environment:
    # CHECKER_REVIEW_AUTHOR, CHECKER_REVIEW_AUTHOR_URL, CHECKER_REVIEW_URL, CHECKER_REVIEW_DATE.
    review_author: str = ""
    review_author_url: str = ""
    review_url: str = ""
    review_date: str = ""

    def __post_init__(self) -> None:
        """Refuse a value outside its range now, before minutes of model work (see LIMITS)."""
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue  # a wrong type is _coerce's to report, for file values
            if not (low <= value <= high):  # also refuses NaN
                raise UsageError(
                    f"setting {name!r} = {value!r} is out of range: {_range(low, high)}"
                )
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            if isinstance(value, str) and value not in allowed:
                raise UsageError(
                    f"setting {name!r} = {value!r} is not one of: {', '.join(allowed)}"
                )
        if self.engine == "ray" and importlib.util.find_spec("ray") is None:
            raise UsageError(
                "setting 'engine' = 'ray' needs Ray, which is not installed: "
                "pip install 'checker[ray]'"
            )

    def replace(self, **changes: Any) -> Config:
        """Return a copy with ``changes`` applied; ``None`` values mean "leave as is"."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise UsageError(f"unknown setting(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


# Allowed range of every numeric setting, both ends included (NaN is in none): the one table
# to extend when a numeric setting is added.
LIMITS: dict[str, tuple[float, float]] = {
    "batch_size": (0, 65_536),
    "story_stated_days": (0, 1_000_000),
    "story_baseline_z": (-100.0, 100.0),
    "story_z": (-100.0, 100.0),
    "story_name_z": (-100.0, 100.0),
    "story_min_names": (0, 1_000),
    "story_fewer_names_z": (-100.0, 100.0),
    "story_max_days": (0, 100_000),
    "max_claim_chars": (100, 1_000_000),
    "min_words": (1, 1_000),
    "top_k": (1, 10_000),
    "paragraph_k": (0, 10_000),
    "article_k": (0, 10_000),
    "measure_k": (0, 10_000),
    "mutual_z": (-100.0, float("inf")),
    "min_similarity": (-1.0, 1.0),
    "min_similarity_z": (-100.0, 100.0),
    "faiss_min_claims": (0, 10**12),
    "nli_max_length": (1, 1_000_000),
    "entailment_threshold": (0.0, 1.0),
    "contradiction_threshold": (0.0, 1.0),
    "nli_min_reading": (0.0, 1.0),
    "paraphrase_z": (-100.0, 100.0),
    "same_event_z": (-100.0, 100.0),
    "same_event_min": (0.0, 1.0),
    "same_event_min_agreement": (0.0, 1.0),
    "same_event_min_nli": (0.0, 1.0),
    "frame_z": (-100.0, 100.0),
    "date_frame_z": (-100.0, 100.0),
    "sole_frame_z": (-100.0, 100.0),
    "account_frame_z": (-100.0, float("inf")),
    "name_z": (-100.0, 100.0),
    "saying_z": (-100.0, float("inf")),
    "max_value_ratio": (1.0, 1e12),
    "finding_join_z": (-100.0, 100.0),
    "value_agreement_confidence": (0.0, 1.0),
    "certainty_conflict_confidence": (0.0, 1.0),
    "value_conflict_confidence": (0.0, 1.0),
    "time_penalty": (0.0, 1.0),
    "ray_workers": (0, 100_000),
}
# Allowed values of every text setting with a fixed set of values.
CHOICES: dict[str, tuple[str, ...]] = {
    "dtype": ("auto", "fp32", "bf16", "fp16"),
    "contradiction_direction": ("both", "premise", "either"),
    "engine": ("local", "ray"),
}
MAX_CONFIG_BYTES = 2**20


def _range(low: float, high: float) -> str:
    return f"allowed {low:,} to {high:,}"


def _coerce(name: str, value: Any) -> Any:
    """Check a config-file value against the field's default type, so typos fail early."""
    default = getattr(Config(), name)
    if default is None or value is None:
        return value
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is tuple and isinstance(value, list):
        return tuple(str(v) for v in value)
    if expected is tuple and not isinstance(value, tuple):
        raise UsageError(f"setting {name!r} must be a list, got {value!r}")
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise UsageError(f"setting {name!r} must be {expected.__name__}, got {value!r}")
    return value


# Settings in sections, one per stage, each setting marked by where its value comes from:
#   tuned   chosen on data (the dev stories, XNLI-de): change it only with a measurement
#   fitted  what `checker calibrate` fits on reviewed rows
#   limit   an engineering limit (time, memory, input size)
#   choice  the user's choice (models, devices, formats, what to show)
# A config file may group its settings under these section names ([pairing], [verdict] …,
# or [checker.pairing]); a setting name is the same in every place (file, option, library).
SECTIONS: dict[str, dict[str, str]] = {
    "models": {
        "embed_model": "choice", "nli_model": "choice", "embed_prompt": "choice",
        "device": "choice", "dtype": "choice", "batch_size": "limit", "nli_max_length": "limit",
    },
    "claims": {"min_words": "tuned", "max_claim_chars": "limit", "cue_files": "choice"},
    "stories": {
        "one_story": "choice", "story_z": "tuned", "story_name_z": "tuned",
        "story_min_names": "tuned", "story_fewer_names_z": "tuned", "story_max_days": "tuned",
        "story_stated_days": "tuned",
        "story_baseline_z": "tuned",
    },
    "pairing": {
        "top_k": "tuned", "paragraph_k": "tuned", "article_k": "tuned", "mutual_z": "tuned",
        "centre_languages": "tuned", "language_baselines": "tuned", "language_bands": "tuned",
        "min_similarity": "tuned",
        "min_similarity_z": "tuned", "faiss_min_claims": "limit", "value_pairs": "tuned",
        "measure_k": "tuned",
    },
    "evidence": {
        "same_event_z": "tuned", "frame_z": "tuned", "date_frame_z": "tuned", "name_z": "tuned",
        "saying_z": "tuned",
        "sole_frame_z": "tuned", "account_frame_z": "tuned",
        "max_value_ratio": "tuned",
    },
    "verdict": {
        "entailment_threshold": "tuned", "contradiction_threshold": "tuned",
        "contradiction_direction": "tuned", "nli_min_reading": "tuned", "paraphrase_z": "tuned",
        "same_event_min": "fitted", "same_event_min_nli": "fitted",
        "same_event_min_agreement": "tuned", "value_agreement_confidence": "tuned",
        "certainty_conflict_confidence": "tuned", "value_conflict_confidence": "tuned",
        "time_penalty": "tuned",
    },
    "findings": {"finding_join_z": "tuned"},
    "report": {
        "include_neutral": "choice", "review_author": "choice", "review_author_url": "choice",
        "review_url": "choice", "review_date": "choice",
    },
    "engine": {
        "cache_path": "choice", "use_cache": "choice", "engine": "choice",
        "ray_address": "choice", "ray_workers": "limit",
    },
}


def section(config: Config, name: str) -> dict[str, Any]:
    """One section's settings and their values: what its stage reads."""
    return {key: getattr(config, key) for key in SECTIONS[name]}


def _flatten_sections(data: dict[str, Any], path: str | os.PathLike[str]) -> dict[str, Any]:
    """Settings given under section tables ([pairing] top_k = 5) as flat settings, each in its
    own section only, and never twice."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, dict):
            for name, setting in value.items():
                if name not in SECTIONS[key]:
                    where = next((s for s, keys in SECTIONS.items() if name in keys), None)
                    hint = f" (it is in [{where}])" if where else ""
                    raise UsageError(
                        f"config file {path}: [{key}] has no setting {name!r}{hint}"
                    )
                if name in flat or name in data:
                    raise UsageError(f"config file {path}: {name!r} is given twice")
                flat[name] = setting
        else:
            if key in flat:
                raise UsageError(f"config file {path}: {key!r} is given twice")
            flat[key] = value
    return flat


def read_config_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The settings in a TOML file: at top level or under ``[checker]``, never both, and in
    either place optionally grouped by section (``[pairing]``, ``[checker.verdict]``).

    Raises UsageError naming the file and the offending key: a typo or a misplaced table must
    fail before any model loads, not be ignored.
    """
    from checker.rules.articles import read_regular_file

    if not Path(path).exists():
        raise UsageError(f"config file not found: {path}")
    try:
        data = tomllib.loads(read_regular_file(Path(path), MAX_CONFIG_BYTES).decode("utf-8"))
    except InputError as exc:
        raise UsageError(f"config file {exc}") from None
    except RecursionError:
        raise UsageError(f"cannot read config file {path}: nested too deeply") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read config file {path}: {exc}") from None
    if isinstance(data.get("checker"), dict):
        outside = sorted(k for k in data if k != "checker")
        if outside:
            raise UsageError(f"config file {path}: {outside[0]!r} is outside [checker]")
        data = data["checker"]
    data = _flatten_sections(data, path)
    known = {f.name for f in fields(Config)}
    for key, value in data.items():
        if key not in known:
            raise UsageError(f"config file {path}: unknown setting {key!r}")
        if isinstance(value, dict):
            raise UsageError(f"config file {path}: {key!r} must be a value, not a table")
    return {k: _coerce(k, v) for k, v in data.items()}


def check_cue_files(paths: tuple[str, ...]) -> None:
    """Read every user cue file now: a missing or broken one must fail before any model loads
    (they are otherwise read only after the NLI model has run)."""
    from checker.rules.articles import read_regular_file
    from checker.rules.signals import load_cues

    for path in paths:
        try:
            read_regular_file(Path(path), MAX_CONFIG_BYTES)
        except InputError as exc:
            raise UsageError(f"cue file {exc} (setting 'cue_files')") from None
        try:
            load_cues("", (path,))
        except Exception as exc:  # whatever the file holds: bad TOML, wrong layout, bad pattern
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UsageError(
                f"cue file {path} is not usable (setting 'cue_files'): {message}"
            ) from None


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Config:
    """Build the effective configuration: defaults, then file, then environment, then overrides.

    The config file is TOML with the settings at top level or under ``[checker]``; its path comes
    from ``path`` or ``$CHECKER_CONFIG``. Every setting is checked here (types, ranges, cue
    files), so a bad one fails in a second, before any model loads.
    """
    env = os.environ if env is None else env
    config = Config()
    path = path or env.get(ENV_CONFIG)
    if path:
        config = config.replace(**read_config_file(path))
    config = config.replace(
        embed_model=env.get(ENV_EMBED_MODEL) or None,
        nli_model=env.get(ENV_NLI_MODEL) or None,
    )
    config = config.replace(**overrides)
    check_cue_files(config.cue_files)
    from checker.rules.language import check_user_dirs

    check_user_dirs()
    return config
