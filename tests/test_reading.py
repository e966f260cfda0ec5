"""Which languages the NLI model reads (checker/rules/reading.py), and what a verdict does with a
pair it does not read: NLI's answer is not used, values, names and certainty still decide."""

from __future__ import annotations

import numpy as np
import pytest

from checker.config import Config
from checker.records import Article, Claim, NliScores, Pair
from checker.rules import language as languages
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.reading import Reading, measure_reading
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide

from .conftest import SHARED_NLI, needs_shared_models


def _reads(*codes: str):
    """A stand-in NLI model that entails a translation pair only in languages ``codes``."""
    known = {s: c for c in languages.known_codes() for s in languages.get(c).reference}
    calls: list[int] = []

    def score(pairs: list[tuple[str, str]]) -> np.ndarray:
        calls.append(len(pairs))
        rows = []
        for premise, hypothesis in pairs:
            read = {known.get(premise), known.get(hypothesis)} <= set(codes)
            rows.append([0.9, 0.05, 0.05] if read else [0.1, 0.3, 0.6])
        return np.array(rows)

    return score, calls


def test_reading_is_measured_on_translated_reference_sentences() -> None:
    score, calls = _reads("en", "de", "es")
    reading = measure_reading(score, ["de", "it", "es-MX", "pl", "", "xx"], 0.3)
    assert reading.scores["de"] == pytest.approx(0.9)
    assert reading.scores["es"] == pytest.approx(0.9)
    assert reading.scores["it"] == pytest.approx(0.1)
    assert "pl" in reading.scores and "xx" not in reading.scores and "" not in reading.scores
    assert len(calls) == 1  # one batch of NLI calls for every language
    assert reading.unread("de", "en") == "" and reading.unread("es", "de") == ""
    why = reading.unread("it", "en")
    assert why.startswith("NLI does not read it") and "0.10 < 0.30" in why
    assert "it/pl" in reading.unread("it", "pl")
    # a language without reference text cannot be measured: taken as read
    assert reading.unread("xx", "en") == "" and reading.unread("", "de") == ""


def test_reading_off_measures_nothing() -> None:
    score, calls = _reads("en")
    reading = measure_reading(score, ["de", "it"], 0.0)
    assert reading == Reading() and not calls
    assert reading.unread("it", "pl") == ""


A = Claim(id="a#0", article_id="a", text="A", start=0, end=1, article=Article(id="a", text=""))
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1, article=Article(id="b", text=""))
ENTAIL = NliScores(0.92, 0.05, 0.03)
CONTRA = NliScores(0.03, 0.05, 0.92)
UNREAD = "NLI does not read it (entailment of translated reference sentences: it 0.10 < 0.30)"


def test_an_unread_pair_is_not_judged_by_nli() -> None:
    config = Config()
    close = Pair(A, B, 0.97, z=5.0)  # a near-paraphrase by the embedder, told by NLI too
    assert decide(close, ENTAIL, ENTAIL, config).label == AGREEMENT
    unread = decide(close, ENTAIL, ENTAIL, config, unread=UNREAD)
    assert unread.label == NEUTRAL and UNREAD in unread.reasons
    # an NLI contradiction alone, on claims naming the same two people (one event)
    a_text = "Marco Rossi ha incontrato Anna Bianchi a Roma."
    b_text = "Marco Rossi non ha mai incontrato Anna Bianchi."
    evidence = pair_evidence(
        close, claim_facts(a_text, "it"), claim_facts(b_text, "it"), lambda x, y: 0.0, 2.5
    )
    assert decide(close, CONTRA, CONTRA, config, evidence=evidence).label == CONTRADICTION
    told = decide(close, CONTRA, CONTRA, config, evidence=evidence, unread=UNREAD)
    assert told.label == NEUTRAL and UNREAD in told.reasons


@pytest.mark.parametrize(
    ("language", "a_text", "b_text"),
    [
        ("it", "Tre persone sono morte nello scontro.", "Due persone sono morte nello scontro."),
        ("nl", "Drie mensen kwamen om bij de botsing.", "Twee mensen kwamen om bij de botsing."),
        ("pl", "W zderzeniu zginęły trzy osoby.", "W zderzeniu zginęły dwie osoby."),
    ],
)
def test_values_still_decide_an_unread_pair(language: str, a_text: str, b_text: str) -> None:
    close = Pair(A, B, 0.95, z=5.0)
    evidence = pair_evidence(
        close, claim_facts(a_text, language), claim_facts(b_text, language),
        lambda x, y: 10.0 if x == y else 0.0, 2.5, min_frame_z=3.0,
    )
    verdict = decide(close, ENTAIL, ENTAIL, Config(), evidence=evidence, unread=UNREAD)
    assert verdict.label == CONTRADICTION and verdict.kind == "number", verdict.reasons


@needs_shared_models
def test_the_stand_in_reads_german_and_english_only() -> None:
    """The offline stand-in is trained on German and English (its README): measured, German
    reads and the languages it was not trained on do not, at the default level."""
    from checker.engine.nli import TransformersNliScorer

    scorer = TransformersNliScorer(str(SHARED_NLI), "cpu", 256, "fp32")
    reading = measure_reading(
        lambda pairs: scorer.score(pairs, 32), ["en", "de", "it", "nl", "pl"],
        Config().nli_min_reading,
    )
    assert reading.unread("de", "en") == "", reading.scores
    for code in ("it", "nl", "pl"):
        assert reading.unread(code, "en"), reading.scores
