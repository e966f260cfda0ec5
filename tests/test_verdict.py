from checker.config import Config
from checker.records import Article, Claim, NliScores, Pair
from checker.rules.evidence import Evidence
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1, article=Article(id="a", text=''))
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1, article=Article(id="b", text=''))
CONFIG = Config()


def scores(ent: float, neu: float, con: float) -> NliScores:
    return NliScores(ent, neu, con)


def pair(z: float = 1.0) -> Pair:
    return Pair(a=A, b=B, similarity=0.9, z=z)


SAME_EVENT = Evidence(same_event=0.9, reasons=("test",))


def test_contradiction_needs_both_directions() -> None:
    both = decide(
        pair(z=3.0), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG, evidence=SAME_EVENT
    )
    assert both.label == CONTRADICTION and both.confidence == 0.7 and both.kind == "nli"
    one = decide(pair(), scores(0.05, 0.05, 0.9), scores(0.1, 0.8, 0.1), CONFIG)
    assert one.label == NEUTRAL
    assert any("one direction only" in r for r in one.reasons)


def test_agreement_from_either_direction() -> None:
    verdict = decide(
        pair(), scores(0.1, 0.8, 0.1), scores(0.85, 0.1, 0.05), CONFIG, evidence=SAME_EVENT
    )
    assert verdict.label == AGREEMENT and verdict.confidence == 0.85
    assert any("b entails a" in r for r in verdict.reasons)


def test_near_paraphrase_agreement_only_without_contradiction() -> None:
    calm = decide(
        pair(z=4.0), scores(0.1, 0.8, 0.1), scores(0.1, 0.6, 0.3), CONFIG, evidence=SAME_EVENT
    )
    assert calm.label == AGREEMENT
    assert any("near-paraphrase" in r for r in calm.reasons)
    assert (
        decide(pair(z=2.0), scores(0.1, 0.8, 0.1), scores(0.1, 0.6, 0.3), CONFIG).label == NEUTRAL
    )
    clash = decide(
        pair(z=4.0), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG, evidence=SAME_EVENT
    )
    assert clash.label == CONTRADICTION


def test_nli_contradiction_below_the_same_event_level_is_not_flagged() -> None:
    """Unrelated sentences of one story: NLI says contradiction both ways, nothing else links."""
    loose = Evidence(same_event=0.3, reasons=("similarity 0.5σ",))
    verdict = decide(pair(), scores(0.05, 0.05, 0.9), scores(0.05, 0.06, 0.89), CONFIG, None,
                     None, loose)
    assert verdict.label == NEUTRAL and verdict.kind == ""
    assert any("not flagged" in r for r in verdict.reasons)
    assert any(r.startswith("same event 0.30") for r in verdict.reasons)


def test_one_way_contradiction_blocks_agreement() -> None:
    """Entailment or a near-paraphrase one way never outvotes a strong contradiction the other."""
    verdict = decide(pair(z=5.0), scores(0.9, 0.05, 0.05), scores(0.02, 0.08, 0.9), CONFIG)
    assert verdict.label == NEUTRAL
    assert any("one direction only" in r for r in verdict.reasons)


def test_thresholds_are_configurable() -> None:
    strict = Config(entailment_threshold=0.9)
    verdict = decide(pair(), scores(0.85, 0.1, 0.05), scores(0.85, 0.1, 0.05), strict)
    assert verdict.label == NEUTRAL


def test_reasons_show_both_directions() -> None:
    verdict = decide(pair(), scores(0.1, 0.2, 0.7), scores(0.2, 0.3, 0.5), CONFIG)
    assert verdict.reasons[0] == (
        "NLI a→b ent 0.10 / neu 0.20 / con 0.70; b→a ent 0.20 / neu 0.30 / con 0.50"
    )


def test_same_value_of_the_same_thing_is_an_agreement_nli_may_miss() -> None:
    told_alike = Evidence(same_event=0.8, reasons=("test",), same_values=("53 injured",))
    verdict = decide(pair(), scores(0.1, 0.8, 0.1), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                     told_alike)
    assert verdict.label == AGREEMENT and verdict.confidence == 0.64
    assert any("same value of the same thing: 53 injured" in r for r in verdict.reasons)
    loose = Evidence(same_event=0.3, reasons=("test",), same_values=("53 injured",))
    assert decide(pair(), scores(0.1, 0.8, 0.1), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                  loose).label == NEUTRAL
    clash = decide(pair(), scores(0.1, 0.1, 0.8), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                   told_alike)
    assert clash.label == NEUTRAL  # a strong one-way contradiction outvotes it


def test_a_signal_below_the_gate_leaves_nli_to_its_own_gate() -> None:
    """A number conflict under same_event_min does not let an NLI contradiction skip the
    stricter NLI-alone gate."""
    from checker.records import Conflict

    below = Evidence(
        same_event=0.5, reasons=("test",), conflicts=(Conflict("number", "12 vs 14"),)
    )
    verdict = decide(pair(z=3.0), scores(0.05, 0.05, 0.9), scores(0.05, 0.05, 0.9), CONFIG,
                     None, None, below)
    assert verdict.label == NEUTRAL and verdict.kind == ""
    assert any("not flagged" in r and "number conflict" in r for r in verdict.reasons)


# --- the rule table ---------------------------------------------------------------------------

import itertools  # noqa: E402

import pytest  # noqa: E402

from checker.records import ClaimSignals, Label, Verdict  # noqa: E402
from checker.rules.evidence import (  # noqa: E402
    claim_facts,
    clashing,
    counted_alike,
    measures_differ,
    pair_evidence,
)
from checker.rules.verdict import RULES, gate_setting, passes_gate  # noqa: E402

ENTAIL = scores(0.9, 0.05, 0.05)


def _evidence(p: Pair, a: str, b: str, language: str) -> Evidence:
    """Value frames matched by spelling of the words around them (no embedder here)."""
    return pair_evidence(
        p, claim_facts(a, language), claim_facts(b, language),
        lambda x, y: 10.0 if x == y else 0.0, 2.5, min_frame_z=3.0,
    )


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("de", "Es gab 12 Tote bei dem Unglück.", "Es gab 14 Tote bei dem Unglück."),
        ("en", "The storm destroyed 40 houses in the valley.",
         "The storm destroyed 60 houses in the valley."),
        ("es", "La policía detuvo a 8 sospechosos en la ciudad.",
         "La policía detuvo a 11 sospechosos en la ciudad."),
        ("fr", "La police a arrêté 8 suspects dans la ville.",
         "La police a arrêté 11 suspects dans la ville."),
    ],
)
def test_a_value_conflict_is_never_an_agreement(language: str, a: str, b: str) -> None:
    """Entailment both ways (what a weak NLI model says of near-identical sentences) and a
    stated value conflict: a contradiction on the same event, held back (neutral, the reason
    says so) below the gate, never an agreement either way."""
    close, far = Pair(A, B, 0.98, z=5.0), Pair(A, B, 0.8, z=0.3)
    flagged = decide(close, ENTAIL, ENTAIL, CONFIG, evidence=_evidence(close, a, b, language))
    assert flagged.label == CONTRADICTION and flagged.kind == "number"
    held = decide(far, ENTAIL, ENTAIL, CONFIG, evidence=_evidence(far, a, b, language))
    assert held.label == NEUTRAL and held.candidate == "number"
    assert any("number conflict" in r and "not flagged" in r for r in held.reasons)


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("de", "Es gab 12 Tote bei dem Unglück.", "Es gab 12 Tote bei dem Unglück."),
        ("en", "The storm destroyed 40 houses.", "The storm destroyed about 40 houses."),
    ],
)
def test_must_not_fire_same_value(language: str, a: str, b: str) -> None:
    close = Pair(A, B, 0.98, z=5.0)
    verdict = decide(close, ENTAIL, ENTAIL, CONFIG, evidence=_evidence(close, a, b, language))
    assert verdict.label == AGREEMENT and not verdict.candidate


def test_nli_contradiction_at_different_times_is_not_flagged() -> None:
    monday = ClaimSignals(times=("monday",))
    friday = ClaimSignals(times=("friday",))
    clash = scores(0.05, 0.05, 0.9)
    verdict = decide(pair(z=4.0), clash, clash, CONFIG, monday, friday, SAME_EVENT)
    assert verdict.label == NEUTRAL and verdict.kind == ""
    assert any("different times" in r and "not flagged" in r for r in verdict.reasons)
    same_day = decide(pair(z=4.0), clash, clash, CONFIG, monday, monday, SAME_EVENT)
    assert same_day.label == CONTRADICTION and same_day.kind == "nli"


def test_agreement_needs_the_same_event() -> None:
    loose = Evidence(same_event=0.3, reasons=("similarity 0.5σ",))
    verdict = decide(pair(), scores(0.9, 0.05, 0.05), scores(0.9, 0.05, 0.05), CONFIG,
                     evidence=loose)
    assert verdict.label == NEUTRAL
    assert any("agreement needs same event" in r for r in verdict.reasons)
    off = Config(same_event_min_agreement=0.0)
    assert decide(pair(), ENTAIL, ENTAIL, off, evidence=loose).label == AGREEMENT


def test_one_gate_function() -> None:
    assert gate_setting("nli") == "same_event_min_nli"
    assert gate_setting("number") == gate_setting("certainty") == "same_event_min"
    assert gate_setting(AGREEMENT) == "same_event_min_agreement"
    assert passes_gate("number", 0.6, CONFIG) and not passes_gate("nli", 0.6, CONFIG)
    assert [r.__name__ for r in RULES][:2] == ["conflict", "conflict_held_back"]
    assert RULES[-1].__name__ == "neutral"


def test_no_label_contradicts_its_reasons() -> None:
    """Over a grid of NLI readings, similarities, same-event levels, value conflicts and
    times: an agreement never carries a conflict, a contradiction never "not flagged" or
    "different events" for its own kind, a neutral row never a kind."""
    readings = [scores(0.9, 0.05, 0.05), scores(0.05, 0.05, 0.9), scores(0.1, 0.8, 0.1),
                scores(0.4, 0.1, 0.5)]
    texts = [("Es gab 12 Tote.", "Es gab 14 Tote."), ("Es gab 12 Tote.", "Es gab 12 Tote."),
             ("Der Zug kam an.", "Der Zug fuhr ab.")]
    times = [ClaimSignals(), ClaimSignals(times=("monday",))]
    for f, b, z, (ta, tb), sa in itertools.product(readings, readings, (0.2, 2.6, 4.0), texts,
                                                   times):
        p = Pair(A, B, 0.9, z=z)
        v = decide(p, f, b, CONFIG, sa, ClaimSignals(times=("friday",)),
                   _evidence(p, ta, tb, "de"))
        assert isinstance(v.label, Label)
        if v.label == AGREEMENT:
            assert not any("conflict:" in r for r in v.reasons), v.reasons
        if v.label == CONTRADICTION:
            assert v.kind
            assert not any("probably different events" in r for r in v.reasons), v.reasons
            assert not any(r.startswith(f"{v.kind} conflict") and "not flagged" in r
                           for r in v.reasons), v.reasons
        if v.label == NEUTRAL:
            assert not v.kind and not v.conflicts


def _entailed_unmatched(la: str, a: str, lb: str, b: str) -> Verdict:
    """The verdict of two close claims that entail each other, their value frames unmatched."""
    p = Pair(A, B, 0.98, z=5.0)
    evidence = pair_evidence(
        p, claim_facts(a, la), claim_facts(b, lb), lambda x, y: 0.0, 2.5,
        min_frame_z=3.0, max_ratio=5.0,
    )
    return decide(p, ENTAIL, ENTAIL, CONFIG, evidence=evidence)


@pytest.mark.parametrize(
    ("la", "a", "lb", "b"),
    [
        ("en", "She is a 21-year veteran of the agency.", "it",
         "È una veterana dell'agenzia con 22 anni di carriera."),
        ("de", "Die Steuer steigt um 3 Prozent.", "fr", "La taxe augmente de 4 pour cent."),
        ("en", "The museum has 40 paintings by the artist.", "en",
         "The museum holds 45 paintings by the artist."),
        # one count each, one of them with its words before the number
        ("it", "Dodici persone sono morte nell'incendio.", "it",
         "Il bilancio delle vittime è salito a 15."),
    ],
)
def test_an_agreement_never_stands_on_differing_values(la: str, a: str, lb: str, b: str) -> None:
    """Entailment both ways, the claims close, the frames of the values not matched (so no
    conflict is flagged): values measured alike that differ still keep it from being an
    agreement."""
    verdict = _entailed_unmatched(la, a, lb, b)
    assert verdict.label == NEUTRAL
    assert any(r.startswith("values differ:") for r in verdict.reasons)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("She is a 21-year veteran of the agency.", "She served the agency for 21 years."),
        ("The museum has 40 paintings by the artist.", "The museum has about 40 paintings."),
        # far apart: two different figures, not one reported twice
        ("The museum has 40 paintings and 900 visitors a day.", "It has 40 paintings."),
        # one count each, the same
        ("Twelve people died in the fire.", "The death toll rose to 12."),
    ],
)
def test_must_not_fire_values_alike(a: str, b: str) -> None:
    assert _entailed_unmatched("en", a, "en", b).label == AGREEMENT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“We will not give up on this city,” the mayor said on Monday.",
         "The mayor added: “Nobody here will ever forget what happened tonight.”"),
        ("„Wir werden diese Stadt nicht aufgeben“, sagte die Bürgermeisterin.",
         "„Niemand hier wird diese Nacht jemals vergessen“, fügte sie hinzu."),
        ("« Nous n'abandonnerons jamais cette ville », a déclaré la maire.",
         "« Personne ici n'oubliera jamais cette nuit », a-t-elle ajouté."),
        ("«Non abbandoneremo mai questa città», ha detto la sindaca.",
         "«Nessuno qui dimenticherà mai questa notte», ha aggiunto."),
    ],
)
def test_two_quotations_are_two_sayings_not_a_clash(a: str, b: str) -> None:
    """Must not fire: NLI reading two quotations as contradictory is no disagreement between
    outlets; one quotation against a plain statement still is, and so is a value conflict
    inside quotations."""
    from checker.rules.signals import quotes

    assert quotes(a) and quotes(b)
    qa = Claim(id="a#0", article_id="a", text=a, start=0, end=1, article=A.article)
    qb = Claim(id="b#0", article_id="b", text=b, start=0, end=1, article=B.article)
    clash = scores(0.05, 0.05, 0.9)
    both = decide(Pair(qa, qb, 0.9, z=4.0), clash, clash, CONFIG, evidence=SAME_EVENT)
    assert both.label == NEUTRAL and any("quote what was said" in r for r in both.reasons)
    plain = Claim(id="b#0", article_id="b", text="The mayor left the city on Monday.", start=0,
                  end=1, article=B.article)
    one = decide(Pair(qa, plain, 0.9, z=4.0), clash, clash, CONFIG, evidence=SAME_EVENT)
    assert one.label == CONTRADICTION


def test_a_quoted_term_is_no_quotation() -> None:
    from checker.rules.signals import quotes

    assert not quotes("He called it an “act of terror” on Sunday.")
    assert not quotes("Sie sprach von „Verrat“ und ging.")
    assert not quotes("It's the mayor's 'worst day' in office.")
    assert quotes("He said: \"This is the worst day of my life.\"")


@pytest.mark.parametrize(
    ("la", "a", "lb", "b"),
    [
        # the same length, another year
        ("it", "Il ponte, lungo 320 metri, era stato inaugurato nel 1974.", "nl",
         "De brug van 320 meter werd in 1976 geopend."),
        # the same year, another person in the slot
        ("pt", "O engenheiro Pavel Dolan alertou a cidade em 2021.", "en",
         "Engineer Marek Dolan warned the city in 2021."),
        # the same figures, another day
        ("en", "The council approved the budget on Thursday by 31 votes to 12.", "de",
         "Der Rat billigte den Haushalt am Freitag mit 31 zu 12 Stimmen."),
    ],
)
def test_a_shared_value_is_no_agreement_where_the_day_or_the_person_differs(
    la: str, a: str, lb: str, b: str
) -> None:
    """Must not fire as agreement: one value alike does not make two claims one statement
    when the one date each states, or the person in the slot, differs; at low similarity
    (z 1.0) and with the frames unmatched, so no conflict is flagged either."""
    p = Pair(A, B, 0.9, z=1.0)
    evidence = pair_evidence(
        p, claim_facts(a, la), claim_facts(b, lb), lambda x, y: 10.0, 2.5,
        min_frame_z=3.0, max_ratio=5.0,
    )
    sure = Evidence(
        same_event=0.9, reasons=("test",), same_values=evidence.same_values or ("x",),
        differing=evidence.differing, clashing=evidence.clashing,
    )
    calm = scores(0.1, 0.8, 0.1)
    verdict = decide(p, calm, calm, CONFIG, evidence=sure)
    assert verdict.label == NEUTRAL and evidence.clashing
    assert any("not shown as agreement" in r for r in verdict.reasons)
    plain = Evidence(same_event=0.9, reasons=("test",), same_values=("x",))
    assert decide(p, calm, calm, CONFIG, evidence=plain).label == AGREEMENT


@pytest.mark.parametrize(
    ("la", "a", "lb", "b"),
    [
        ("en", "Twelve people died in the fire.", "en", "The death toll rose to 15."),
        ("de", "Zwölf Menschen starben bei dem Brand.", "de", "Die Zahl der Toten stieg auf 15."),
        ("es", "Doce personas murieron en el incendio.", "es",
         "El número de muertos ascendió a 15."),
        ("it", "Nove persone sono morte nel crollo.", "nl",
         "Zeven mensen kwamen om het leven bij de instorting."),
    ],
)
def test_a_toll_told_two_ways_is_a_number_conflict(la: str, a: str, lb: str, b: str) -> None:
    """The dead by each language's words, frames unmatched: a number conflict, never an
    agreement."""
    verdict = _entailed_unmatched(la, a, lb, b)
    assert verdict.label == CONTRADICTION and verdict.kind == "number"


def _paraphrased(la: str, a: str, lb: str, b: str, nli: NliScores) -> Verdict:
    """The verdict of two close claims (a near-paraphrase by similarity) with NLI ``nli``
    both ways, their value frames unmatched."""
    p = Pair(A, B, 0.95, z=4.0)
    evidence = pair_evidence(
        p, claim_facts(a, la), claim_facts(b, lb), lambda x, y: 0.0, 2.5, min_frame_z=3.0,
    )
    return decide(p, nli, nli, CONFIG, evidence=evidence)


CALM = scores(0.05, 0.8, 0.15)  # no entailment, no contradiction: a near-paraphrase at 4σ


@pytest.mark.parametrize(
    ("la", "a", "lb", "b"),
    [
        ("en", "Six people, including two guards and an aide, were injured in the attack.",
         "en", "The gunman injured a senator, a guard and an aide before police shot him."),
        ("it", "Cinque persone sono rimaste ferite nell'incendio della fabbrica.",
         "it", "Nell'incendio della fabbrica è rimasto ferito anche il custode."),
        ("de", "Bei dem Unfall wurden sieben Menschen verletzt.",
         "en", "Passengers were injured when the bus left the road."),
        ("pl", "W wypadku zginęły cztery osoby.",
         "es", "En el accidente murieron pasajeros del autobús."),
    ],
)
def test_a_near_paraphrase_does_not_vouch_for_a_count_one_side_states(
    la: str, a: str, lb: str, b: str
) -> None:
    """One claim says how many were hurt, the other tells of the hurt with no count: the
    similarity that makes a near-paraphrase is blind to how many, so no agreement; entailment
    read by NLI still makes one."""
    verdict = _paraphrased(la, a, lb, b, CALM)
    assert verdict.label == NEUTRAL, verdict.reasons
    assert any("does not vouch" in r for r in verdict.reasons), verdict.reasons
    assert _paraphrased(la, a, lb, b, ENTAIL).label == AGREEMENT


@pytest.mark.parametrize(
    ("la", "a", "lb", "b"),
    [
        # both count the hurt, alike
        ("en", "Six people were injured in the attack.", "it",
         "Sei persone sono rimaste ferite nell'attacco."),
        # the other side tells of something else
        ("en", "Six people were injured in the attack.", "en",
         "The gunman was arrested after the attack."),
        # no count at all
        ("de", "Bei dem Unfall wurden Menschen verletzt.", "en",
         "Passengers were injured when the bus left the road."),
        # the count is another thing's: six guards watched, the hurt are not counted
        ("en", "Six guards, including two officers, watched the hall.", "en",
         "Guests were injured in the hall."),
    ],
)
def test_must_not_fire_count_on_one_side(la: str, a: str, lb: str, b: str) -> None:
    assert _paraphrased(la, a, lb, b, CALM).label == AGREEMENT



def _alike_words(*groups: set[str]):
    """A stand-in scorer: 10σ for texts equal or in one group (counted words an embedder
    matches across languages), 0 otherwise."""
    def score(x: str, y: str) -> float:
        return 10.0 if x == y or any({x, y} <= g for g in groups) else 0.0
    return score


PASSENGERS = _alike_words({"passeggeri", "Passagiere", "passagiers", "passengers"})


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Il traghetto, costruito nel 1987, trasportava 86 passeggeri.", "it",
         "Die 1987 gebaute Fähre hatte 68 Passagiere an Bord.", "de"),
        ("The ferry, built in 1987, was carrying 86 passengers.", "en",
         "De in 1987 gebouwde veerboot had 68 passagiers aan boord.", "nl"),
    ],
)
def test_counts_of_things_named_alike_keep_a_shared_value_from_agreeing(
    a: str, la: str, b: str, lb: str
) -> None:
    """86 passengers against 68, the counted words matched (not the frames around them):
    whatever else the claims share (the year the ferry was built), they do not tell one thing
    alike. Either way round."""
    for x, lx, y, ly in ((a, la, b, lb), (b, lb, a, la)):
        found = counted_alike(claim_facts(x, lx), claim_facts(y, ly), PASSENGERS, 3.0, 5.0)
        assert len(found) == 1 and "86" in found[0] and "68" in found[0], found


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # counted words the embedder does not match: other things
        ("The indictment names 12 relatives.", "en", "The indictment details 40 instances.", "en"),
        # the same count, or the differing one stated alike too
        ("Il traghetto trasportava 86 passeggeri.", "it", "Die Fähre hatte 86 Passagiere.", "de"),
        ("Il traghetto trasportava 86 passeggeri.", "it",
         "Die Fähre hatte 86 Passagiere, nicht 68 Passagiere, wie zuerst gemeldet.", "de"),
        # far apart: another count altogether
        ("Il traghetto trasportava 86 passeggeri.", "it", "Die Fähre hatte 8 Passagiere.", "de"),
    ],
)
def test_must_not_fire_other_things_or_the_same_count(a: str, la: str, b: str, lb: str) -> None:
    assert counted_alike(claim_facts(a, la), claim_facts(b, lb), PASSENGERS, 3.0, 5.0) == ()


def test_the_same_figures_in_order_with_one_differing_clash_however_small() -> None:
    """"86 passengers and five crew" vs "68 … fünf": the shared five is too common to flag a
    conflict on (parallel_figures' DISTINCT_FIGURE), enough to deny an agreement. Must not
    fire: both figures alike, or nothing shared."""
    nl = claim_facts("Aan boord waren 86 passagiers en vijf bemanningsleden.", "nl")
    de = claim_facts("Die Fähre hatte 68 Passagiere und fünf Besatzungsmitglieder an Bord.", "de")
    same = claim_facts("Die Fähre hatte 86 Passagiere und fünf Besatzungsmitglieder an Bord.", "de")
    other = claim_facts("Die Fähre hatte 68 Passagiere und sieben Besatzungsmitglieder.", "de")
    assert any("86" in c and "68" in c for c in clashing(nl, de))
    assert any("86" in c and "68" in c for c in clashing(de, nl))
    assert clashing(nl, same) == () and clashing(nl, other) == ()


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "told"),
    [
        ("El exalcalde fue condenado el martes a ocho años de prisión.", "es",
         "L'ancien maire a été condamné mardi à six ans de prison.", "fr", ("8", "6")),
        ("Der Bürgermeister soll 3,2 Millionen Euro veruntreut haben.", "de",
         "Il sindaco avrebbe sottratto 2,3 milioni di euro.", "it", ("3.2", "2.3")),
        ("Около 40% денег удалось вернуть.", "ru",
         "Podařilo se vrátit 45 % peněz.", "cs", ("40", "45")),
        ("Burmistrz Paweł Nowak, 61 lat, został zatrzymany.", "pl",
         "O presidente da câmara Paweł Nowak, de 63 anos, foi detido.", "pt", ("61", "63")),
    ],
)
def test_a_measure_told_differently_keeps_the_claims_from_agreeing(
    a: str, la: str, b: str, lb: str, told: tuple[str, str]
) -> None:
    """A prison term, a sum, a share, one person's age: their unit says what they measure,
    so two of them that cannot both hold keep a day (or anything else) told alike from making
    an agreement. Either way round."""
    for x, lx, y, ly in ((a, la, b, lb), (b, lb, a, la)):
        (found,) = measures_differ(claim_facts(x, lx), claim_facts(y, ly), 5.0)
        assert all(t in found for t in told), found


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # two people's ages
        ("The 76-year-old Pelosi vowed to fight on.", "en",
         "Tim Ryan, a 43-year-old congressman, lost to Pelosi.", "en"),
        # counts (of relatives, of instances) are no measure
        ("The indictment names 12 relatives.", "en", "The indictment details 40 instances.", "en"),
        # the same term; a term far apart (a past case's)
        ("Il a été condamné à six ans de prison.", "fr", "Fue condenado a seis años de cárcel.",
         "es"),
        ("Il a été condamné à six ans de prison.", "fr",
         "En 1990 fue condenado a cuarenta años de cárcel.", "es"),
    ],
)
def test_must_not_fire_other_peoples_ages_counts_or_the_same_measure(
    a: str, la: str, b: str, lb: str
) -> None:
    assert measures_differ(claim_facts(a, la), claim_facts(b, lb), 5.0) == ()
