"""Same-event evidence and value conflicts (checker/rules/evidence.py), with must-not-fire cases.

Frames are scored by spelling here (identical frames 10σ, others 0σ), so the rules are tested
apart from any embedder; the real embedder is exercised end to end elsewhere.
"""

from __future__ import annotations

import pytest

from checker.records import Article, Channel, Claim, Pair
from checker.rules.evidence import claim_facts, frame, pair_evidence

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1, article=Article(id="a", text=''))
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1, article=Article(id="b", text=''))


def by_spelling(x: str, y: str) -> float:
    return 10.0 if x == y else 0.0


def across(
    a: str, la: str, b: str, lb: str, z: float = 3.0, frame_z=by_spelling,
    found_by: tuple[Channel, ...] = (Channel.NEIGHBOURS,), **extra,
):
    """The evidence of two claims, each in its own language, with a stand-in frame scorer."""
    settings = {"min_frame_z": 3.0, "name_z": 3.0, "max_ratio": 5.0, **extra}
    return pair_evidence(
        Pair(A, B, 0.9, found_by, z=z), claim_facts(a, la), claim_facts(b, lb), frame_z, 2.5,
        **settings,
    )


def evidence(a: str, b: str, z: float = 3.0, language: str = "en", **extra):
    return across(a, language, b, language, z=z, **extra)


def kinds(found) -> list[str]:
    return [c.kind for c in found.conflicts]


def test_frame_leaves_the_numbers_out() -> None:
    facts = claim_facts("Police found 12 parcel bombs in the depot on Monday.", "en")
    [count] = [v for v in facts.values if v.kind == "count"]
    assert "12" not in frame(facts, count) and "parcel" in frame(facts, count)


def test_a_count_meets_its_own_thing_not_the_neighbouring_one() -> None:
    found = evidence(
        "Russland griff mit sechs Raketen und 145 Drohnen an.",
        "Russland griff mit sechs Raketen und 45 Drohnen an.",
        language="de",
    )
    assert kinds(found) == ["number"]
    assert "145" in found.conflicts[0].text and "45" in found.conflicts[0].text
    assert "6" not in found.conflicts[0].text.replace("45", "")


def test_overlapping_bounds_do_not_conflict() -> None:
    assert not evidence(
        "At least 50 people were killed in the attack.", "50 people were killed in the attack."
    ).conflicts


def test_same_value_stated_too_blocks_a_conflict() -> None:
    """Each side states the toll and the injured; the injured agree, the toll does not."""
    found = evidence(
        "The attack left 49 dead and 53 injured, officials said.",
        "The attack left 50 dead and 53 injured, officials said.",
    )
    assert kinds(found) == ["number"] and "49" in found.conflicts[0].text
    assert any(r.startswith("same value") for r in found.reasons)


def test_figures_far_apart_are_two_figures() -> None:
    assert not evidence(
        "Democrats won 63 seats in the election.", "Democrats won 6 seats in the election."
    ).conflicts


def test_different_people_numbers_are_not_compared() -> None:
    """Two people's tenures: numbers of different subjects never conflict."""
    assert not evidence(
        "Frank Osei served for more than three months as adviser.",
        "Laura Brenner served for barely six months as adviser.",
    ).conflicts


def test_part_and_total_never_conflict() -> None:
    assert not evidence(
        "Insgesamt wurden 50 Menschen verletzt.", "Davon wurden 12 Menschen verletzt.",
        language="de",
    ).conflicts


def test_tally_with_one_count_in_common_is_one_vote() -> None:
    """348-77 vs 348 to 78 is one vote counted differently, whatever the wording around it."""
    found = evidence("The House voted 348-77 to override.", "The chamber backed it 348 to 78.")
    assert kinds(found) == ["number"]
    assert not evidence(
        "The Senate voted 97-1 to override.", "The chamber backed it 348 to 77."
    ).conflicts


def test_dates_need_similar_claims_and_one_date_each() -> None:
    same = (
        "The senator has chaired the farm committee since 2002.",
        "The senator has chaired the farm committee since 2003.",
    )
    assert kinds(evidence(*same, z=3.0)) == ["date"]
    assert not evidence(*same, z=1.0).conflicts  # not told alike: maybe two happenings
    several = evidence(
        "The law of 1976 was changed after the attacks of 2001.",
        "The law of 1976 was changed after the attacks of 2002.",
    )
    assert not several.conflicts  # which date belongs to which happening is not known


def test_bound_dates_clash_beside_a_value_stated_alike() -> None:
    """Claims less alike as a whole: a date bound to its happening by its words clashes when
    something else is stated alike beside it, one date each; without that anchor only a
    once-only happening of one thing does (an opening, a building: test_once_events)."""
    cases = [
        ("en", "The 320-metre bridge was opened in 1974.",
         "The 320-metre bridge was opened in 1976."),
        ("de", "Die 320 Meter lange Brücke wurde 1974 eröffnet.",
         "Die 320 Meter lange Brücke wurde 1976 eröffnet."),
        ("nl", "De brug van 320 meter werd in 1974 geopend.",
         "De brug van 320 meter werd in 1976 geopend."),
        ("it", "Il ponte di 320 metri fu inaugurato nel 1974.",
         "Il ponte di 320 metri fu inaugurato nel 1976."),
    ]
    for language, a, b in cases:
        assert kinds(evidence(a, b, z=1.0, language=language, date_z=4.0)) == ["date"], language
    # must not fire: nothing else stated alike, only the dates' words, and two things
    # opened (one thing's opening dated twice is one happening: test_once_events)
    assert not evidence(
        "The bridge was opened in 1974.", "The museum was opened in 1976.", z=1.0, date_z=4.0
    ).conflicts
    # must not fire: the same bridge, other happenings (the frames do not bind the dates)
    assert not evidence(
        "The 320-metre bridge was opened in 1974.",
        "The 320-metre bridge was closed in 2019.",
        z=1.0,
        date_z=4.0,
    ).conflicts
    # must not fire: two openings on a side, which one is whose is not known
    assert "date" not in kinds(evidence(
        "The 320-metre bridge was opened in 1974.",
        "The 320-metre bridge was opened in 1976 and its new span was opened in 2001.",
        z=1.0,
        date_z=4.0,
    ))


def test_two_things_counted_in_the_same_order_are_one_account() -> None:
    lined = across(
        "Nove persone sono morte e 23 sono rimaste ferite.", "it",
        "Zeven mensen kwamen om het leven en 25 mensen raakten gewond.", "nl", z=2.0,
    )
    assert any(r.startswith("both count dead, injured") for r in lined.reasons)
    also = across(
        "Siedem osób zginęło, a 25 zostało rannych.", "pl",
        "Morreram nove pessoas e 23 ficaram feridas.", "pt", z=2.0,
    )
    assert any(r.startswith("both count dead, injured") for r in also.reasons)
    plain = across(
        "Nove persone sono morte e 23 sono rimaste ferite.", "it",
        "Zeven mensen kwamen om het leven.", "nl", z=2.0,
    )
    assert lined.same_event > plain.same_event
    # must not fire: one thing each, or the things in another order
    one = evidence("Nine people died in the fire.", "Seven people died in the fire.", z=2.0)
    assert not any(r.startswith("both count") for r in one.reasons)
    swapped = across(
        "23 people were injured and nine died.", "en",
        "Sieben Menschen starben, 25 wurden verletzt.", "de", z=2.0,
    )
    assert not any(r.startswith("both count") for r in swapped.reasons)


def test_a_range_and_a_day_inside_it_do_not_conflict() -> None:
    assert not evidence(
        "The hunt permits cover January 2016 to December 2018.",
        "The hunt permits cover March 2017.",
    ).conflicts


def test_name_in_the_same_slot_conflicts_but_two_people_named_together_do_not() -> None:
    slot = (
        "Councillor Maria Keller won the vote for deputy mayor against Tom Brandt.",
        "Councillor Anna Keller won the vote for deputy mayor against Tom Brandt.",
    )
    assert kinds(evidence(*slot, z=3.5)) == ["name"]
    assert not evidence(*slot, z=1.0).conflicts
    couple = evidence(
        "Peter Lindqvist and his wife Karin Lindqvist were charged on Tuesday.",
        "Karin Lindqvist was charged together with her husband.",
        z=3.5,
    )
    assert "name" not in kinds(couple)


def test_a_conflict_does_not_vouch_for_itself() -> None:
    """The same-event score rests on similarity and shared anchors, not on the conflict."""
    found = evidence(
        "Police found 12 parcel bombs in the depot.", "Police found 14 parcel bombs in the depot.",
        z=0.0,
    )
    assert found.same_event == 0.0 and kinds(found) == ["number"]


def test_paragraph_match_weighs_most() -> None:
    pair = Pair(A, B, 0.9, found_by=(Channel.PARAGRAPH_B,), z=0.0)
    found = pair_evidence(pair, claim_facts("x"), claim_facts("y"), by_spelling, 2.5)
    assert found.same_event == 0.5 and "paragraph matched" in found.reasons


def test_a_year_next_to_a_count_is_no_count() -> None:
    found = evidence(
        "Im Jahr 2025 griff Russland mit Drohnen an.",
        "Russland griff mit 45 Drohnen an.",
        language="de",
    )
    assert not found.conflicts


def test_a_figure_of_another_year_is_another_figure() -> None:
    """'She lost 43 votes in 2010' does not contradict 'more than 60 voted against her' told
    of now: one side dates its figure to another year than its article's."""
    pair = Pair(A, B, 0.9, z=3.0)
    now = claim_facts("More than 60 members voted against her in the caucus.", "en", "2016-11-30")
    then = claim_facts("In 2010 she lost just 43 votes in the caucus.", "en", "2016-11-30")
    settings = {"min_frame_z": 0.0, "max_ratio": 5.0}
    assert not pair_evidence(pair, now, then, by_spelling, 2.5, **settings).conflicts
    this_year = claim_facts("In 2016 she lost just 43 votes in the caucus.", "en", "2016-11-30")
    assert pair_evidence(pair, now, this_year, by_spelling, 2.5, **settings).conflicts


def test_a_quoted_name_is_no_person_in_a_slot() -> None:
    """A nickname or character in quotation marks ("do a ‘Frank Castello’") is not a rival
    for the slot another claim fills with a person."""
    quoted = evidence(
        "He told the witness to “do a ‘Frank Castello’” before the committee.",
        "He told the witness to do what Frankie Gallo did before the committee.",
        z=3.5,
    )
    assert "name" not in kinds(quoted)
    plain = evidence(
        "He told the witness to do what Frank Castello did before the committee.",
        "He told the witness to do what Frank Gallo did before the committee.",
        z=3.5,
    )
    assert "name" in kinds(plain)


def test_a_list_of_people_has_no_one_slot() -> None:
    """Must not fire: two lists of the wounded sharing a first name ("David") name different
    people, in several languages; a family name with another given name still clashes in a
    list, and two claims naming one or two people keep the first-name rule."""
    lists = [
        ("en", "Among the wounded were David Bailey, Crystal Griner and Anna Lind.",
         "Among the wounded were David Kessler, Crystal Griner and Anna Lind."),
        ("de", "Verletzt wurden David Bailey, Crystal Griner und Anna Lind.",
         "Verletzt wurden David Kessler, Crystal Griner und Anna Lind."),
        ("nl", "Gewond raakten David Bailey, Crystal Griner en Anna Lind.",
         "Gewond raakten David Kessler, Crystal Griner en Anna Lind."),
        ("it", "Tra i feriti David Bailey, Crystal Griner e Anna Lind.",
         "Tra i feriti David Kessler, Crystal Griner e Anna Lind."),
    ]
    for language, a, b in lists:
        assert "name" not in kinds(evidence(a, b, z=3.5, language=language)), language
    family = evidence(
        "Among the wounded were Tom Keller, Crystal Griner and Anna Lind.",
        "Among the wounded were Maria Keller, Crystal Griner and Anna Lind.",
        z=3.5,
    )
    assert "name" in kinds(family)
    slot = evidence(
        "The first to be hit was David Bailey, the police said.",
        "The first to be hit was David Kessler, the police said.",
        z=3.5,
    )
    assert "name" in kinds(slot)


def test_a_persons_age_meets_that_persons_age_in_any_language() -> None:
    """An age beside a name is that person's, whatever the words around it: the same person's
    ages are one value (a conflict when they differ, the same value when not), even where the
    frames differ and the claims are not alike (z 1.0). Must not fire: different people's ages
    never meet, and an age without a person beside it still needs its frame matched."""
    pairs = [
        ("James Hodgkinson, 66, of Belleville opened fire.", "en",
         "De 67-jarige James Hodgkinson uit Belleville opende het vuur.", "nl"),
        ("Roger Stone, 66, was taken into custody.", "en",
         "Roger Stone (67) wurde festgenommen.", "de"),
        ("Il tiratore, James Hodgkinson, 66 anni, è morto.", "it",
         "O atirador James Hodgkinson, 67 anos, morreu.", "pt"),
    ]
    for a, la, b, lb in pairs:
        assert kinds(across(a, la, b, lb, z=1.0)) == ["number"], (a, b)
        same = across(a, la, b.replace("67", "66"), lb, z=1.0)
        assert not same.conflicts and same.same_values, (a, b)
    two_people = evidence(
        "Steve Scalise, 51, was shot in the hip.", "James Hodgkinson, 66, was shot dead.", z=4.0
    )
    assert "number" not in kinds(two_people)
    nobody = evidence("The 66-year-old was shot dead.", "James Hodgkinson, 67, was shot dead.")
    assert "number" not in kinds(nobody)


def test_a_figure_the_other_claim_states_too_meets_no_other_figure() -> None:
    """Must not fire "7 vs 25": frames reaching across the clause can match the dead of one
    claim with the injured of the other, but the other claim states 7 too. A real conflict
    beside it is kept (9 vs 7, with 23 on both sides)."""
    hurt = {"ranne", "gewond", "hurt", "verletzt", "ferite"}

    def everything_alike(x: str, y: str) -> float:
        """The injured words reach into the dead figure's frame: 7 meets 25, not 7."""
        return 10.0 if hurt & set(x.lower().split()) and hurt & set(y.lower().split()) else 0.0

    def found(a: str, la: str, b: str, lb: str) -> list[str]:
        return [c.text for c in across(a, la, b, lb, frame_z=everything_alike).conflicts]

    assert not any(
        "7" in t and "25" in t
        for t in found("Zginęło siedem osób, a 23 zostały ranne.", "pl",
                       "Zeven mensen kwamen om en 25 mensen raakten gewond.", "nl")
    )
    assert not any(
        "7" in t and "25" in t
        for t in found("Seven people died and 23 were hurt.", "en",
                       "Sieben Menschen starben, 25 wurden verletzt.", "de")
    )
    assert any(
        "9" in t and "7" in t
        for t in found("Nove persone sono morte e 23 sono rimaste ferite.", "it",
                       "Seven people died and 23 were hurt.", "en")
    )


def test_a_name_in_one_slot_of_one_account_told_by_its_structure() -> None:
    """Across languages two accounts of one warning rarely reach name_z, but a claim whose
    paragraph chose the other, with a value of the same thing stated alike, is one account:
    another given name there is a name conflict. Must not fire without the paragraph (unless
    both hold one office), nor for different people who are no rivals for the slot."""
    def alike(x: str, y: str) -> float:
        return 10.0

    def names_clash(a: str, la: str, b: str, lb: str, channel: Channel) -> bool:
        ev = across(a, la, b, lb, z=2.0, frame_z=alike, found_by=(channel,), date_z=4.0)
        return "name" in kinds(ev)

    pavel = "O engenheiro Pavel Dolan tinha alertado a cidade para fissuras no pilar em 2021."
    marek = "Engineer Marek Dolan had warned the city about cracks in the main pillar in 2021."
    assert names_clash(pavel, "pt", marek, "en", Channel.PARAGRAPH_A)
    # without the paragraph, only the office they are both named in makes it one slot
    assert names_clash(pavel, "pt", marek, "en", Channel.NEIGHBOURS)
    unnamed = pavel.replace("O engenheiro ", ""), marek.replace("Engineer ", "")
    assert names_clash(unnamed[0], "pt", unnamed[1], "en", Channel.PARAGRAPH_A)
    assert not names_clash(unnamed[0], "pt", unnamed[1], "en", Channel.NEIGHBOURS)
    varga = "Mayor Helena Varga had warned the city about cracks in the main pillar in 2021."
    assert not names_clash(pavel, "pt", varga, "en", Channel.PARAGRAPH_A)
    ilse = "L'ingegnere Marek Dolan e la moglie Ilse Dolan avevano segnalato le crepe nel 2021."
    assert not names_clash(ilse, "it", marek, "en", Channel.PARAGRAPH_B)


def test_the_dead_meet_the_dead_across_languages_never_the_injured() -> None:
    """Frames that match nothing (0σ) and claims alike as a whole: counts of the same thing
    (the dead, by each language's words) are compared, the dead never with the injured."""
    def nothing_alike(x: str, y: str) -> float:
        return 0.0

    def conflicts(a: str, la: str, b: str, lb: str) -> list[str]:
        return [c.text for c in across(a, la, b, lb, frame_z=nothing_alike).conflicts]

    found = conflicts("Nove persone sono morte nel crollo.", "it",
                      "Zeven mensen kwamen om het leven bij de instorting.", "nl")
    assert len(found) == 1 and "9" in found[0] and "7" in found[0]
    assert not conflicts("Nove persone sono morte nel crollo.", "it",
                         "Bij de instorting raakten 7 mensen gewond.", "nl")
    assert not conflicts("The council has 31 members.", "en", "Der Rat hat 29 Mitglieder.", "de")


def test_tolls_of_the_same_thing_in_one_range_vouch_for_one_toll() -> None:
    """Two counts of the injured (or the dead), by each language's words, are one toll told
    twice when they are in one range: an anchor of the same event. Far apart, or of different
    things, they vouch for nothing."""
    def toll(a: str, la: str, b: str, lb: str) -> bool:
        found = across(a, la, b, lb, z=1.5)
        return any(r.endswith("counted on both sides") for r in found.reasons)

    assert toll("Rannych zostało 12 osób.", "pl", "Another 17 people were injured.", "en")
    assert toll("I feriti sono 13.", "it", "31 Fahrgäste wurden verletzt.", "de")
    assert toll("Quatre ouvriers sont morts.", "fr", "Murieron cinco obreros.", "es")
    plain = across("Police found 12 parcel bombs.", "en", "Die Polizei fand 17 Paketbomben.",
                   "de", z=1.5)
    anchored = across("Rannych zostało 12 osób.", "pl", "Another 17 people were injured.", "en",
                      z=1.5)
    assert anchored.same_event > plain.same_event
    # must not fire: another event's toll far from this one, the dead against the injured,
    # and counts of nothing named
    assert not toll("Der Anschlag in San Bernardino tötete 14 Menschen.", "de",
                    "El ataque dejó 50 muertos.", "es")
    assert not toll("Zeven mensen kwamen om het leven.", "nl", "Nove persone sono rimaste ferite.",
                    "it")
    assert not toll("Police found 12 parcel bombs.", "en", "Die Polizei fand 17 Paketbomben.",
                    "de")


def test_one_toll_told_differently_passes_the_gate_at_modest_similarity() -> None:
    """One toll disagreed on (by each language's own words, in one range) is the shape of two
    accounts of one event, blind to the words a weak embedder fails to match: like lined-up
    figures it weighs more than a name or a value shared, enough for the gate (0.6) at 1σ.
    Another event's toll far apart, or a count of nothing named, stays on similarity alone."""
    gate = 0.6
    cases = [
        ("Vier Menschen kamen ums Leben.", "de", "Sette persone sono morte.", "it"),
        ("Há ainda 15 desaparecidos.", "pt", "Twelve people are still missing.", "en"),
        ("Rannych zostało 12 osób.", "pl", "Another 17 people were injured.", "en"),
        ("Zatrzymano 5 osób.", "pl", "La policía detuvo a 8 personas.", "es"),
    ]
    for a, la, b, lb in cases:
        found = across(a, la, b, lb, z=1.0)
        assert found.same_event >= gate and kinds(found) == ["number"], (a, b, found.reasons)
    # must not fire: far apart (another event's toll), different things, nothing named
    for a, la, b, lb in [
        ("Der Anschlag in San Bernardino tötete 14 Menschen.", "de", "El ataque dejó 50 muertos.",
         "es"),
        ("Zeven mensen kwamen om het leven.", "nl", "Nove persone sono rimaste ferite.", "it"),
        ("Police found 12 parcel bombs.", "en", "Die Polizei fand 17 Paketbomben.", "de"),
    ]:
        assert across(a, la, b, lb, z=1.0).same_event < gate, (a, b)


def test_none_of_a_thing_against_the_thing_told_as_happened() -> None:
    """"Nobody was charged" and "X was charged": one proposition denied and asserted, in any
    two languages; not where the other side hedges or negates it, or tells another thing."""
    def denied(a: str, la: str, b: str, lb: str) -> list[str]:
        return [c.text for c in across(a, la, b, lb).conflicts]

    assert denied("No one has been charged so far.", "en",
                  "L'ingegnere è stato accusato di negligenza.", "it") == [
        "0 charged so far vs accusato"]
    assert denied("Policja zatrzymała kierownika zmiany.", "pl",
                  "Niemand wurde festgenommen.", "de") == ["zatrzymała vs 0 festgenommen"]
    assert denied("Ninguém foi acusado até agora.", "pt", "De machinist is aangeklaagd.", "nl")
    # must not fire
    assert not denied("No one has been charged so far.", "en", "He may be charged soon.", "en")
    assert not denied("Nadie fue detenido.", "es", "La police n'a arrêté personne.", "fr")
    assert not denied("Nobody was injured.", "en", "Police arrested the manager.", "en")


def test_different_people_in_one_office_are_a_name_conflict_across_languages() -> None:
    """One office held by different people on each side ("Ingenieur Marek Dolan", "O
    engenheiro Pavel Dolan") is one slot however little else the claims share (z 1.0, under
    the name_z of 3.0). Held by rival names (the same last name with another given name, or
    the same given name with another last name) it weighs like one toll told twice, so the
    pair passes the same-event gate with the name conflict; holders sharing no name only name
    the office on both sides (an ordinary anchor: holders change)."""
    from checker.config import Config

    gate = Config().same_event_min
    cases = [
        ("des Wahlkampfteams von Trumps Rivalin Hillary Trump, die gehackt wurden", "de",
         "the campaign of Trump's Democratic rival, Hillary Clinton, in the summer", "en"),
        ("Chief engineer Sofia Marr warned the council in May.", "en",
         "Hlavní inženýr Tomáš Marr varoval radu v květnu.", "cs"),
        ("La portavoz Marta Gil negó los hechos.", "es",
         "La portavoce Giulia Gil ha smentito.", "it"),
        ("Burgemeester Anouk de Wit sloot de scholen.", "nl",
         "Bürgermeisterin Anouk Weiss schloss die Schulen.", "de"),
        # a defendant's lawyer, a title between the office and the name
        ("Son avocat, Me Anton Bremm, a dénoncé une décision politique.", "fr",
         "Její právník Oskar Bremm rozhodnutí označil za politické.", "cs"),
        ("Adwokat Daria Kessner zapowiedziała apelację.", "pl",
         "Zijn advocate Daria Kestner kondigde hoger beroep aan.", "nl"),
    ]
    for a, la, b, lb in cases:
        found = across(a, la, b, lb, z=1.0)
        assert kinds(found) == ["name"], (a, b, found.reasons)
        assert any("held by rival names" in r for r in found.reasons), found.reasons
        assert found.same_event >= gate, (a, b, found.same_event)
    # holders sharing no name: no conflict, and the office alone stays under the gate
    found = across("Il suo avvocato, Daria Kessner, ha annunciato ricorso.", "it",
                   "Jej adwokat Tomasz Wilk zapowiedział apelację.", "pl", z=1.0)
    assert kinds(found) == [] and found.same_event < gate, found.reasons
    assert any(r.endswith("named on both sides") for r in found.reasons), found.reasons
    # must not fire: different offices, an office on one side only, the same person in it
    for a, la, b, lb in [
        ("Chief engineer Sofia Marr warned the council.", "en",
         "Der Bürgermeister Tomáš Marr warnte den Rat.", "de"),
        ("Chief engineer Sofia Marr warned the council.", "en",
         "Tomáš Marr varoval radu.", "cs"),
        ("Chief engineer Sofia Marr warned the council.", "en",
         "L'ingegnere capo Sofia Marr aveva avvertito il consiglio.", "it"),
        # the same lawyer, with and without a title; a lawyer against a prosecutor
        ("Son avocat, Me Anton Bremm, a dénoncé une décision politique.", "fr",
         "Her lawyer, Anton Bremm, called the decision political.", "en"),
        ("Der Anwalt Dr. Peter Kurz kündigte Berufung an.", "de",
         "Il procuratore Paolo Kurz ha annunciato ricorso.", "it"),
    ]:
        assert "name" not in kinds(across(a, la, b, lb, z=1.0)), (a, b)


def test_the_same_happening_binds_dates_in_any_words() -> None:
    """An opening dated on both sides by each language's own words is one happening, though
    the frames around the dates match nothing (0σ): beside a value stated alike (the
    320-metre bridge, whose frames do match) the years clash, and an opening is once-only
    (test_once_events), so one bridge's needs no such value; another thing's opening never
    meets it. An opening never meets a collapse or a building."""
    def metres(x: str, y: str) -> float:
        return 10.0 if all("metr" in f.lower() or "meter" in f.lower() for f in (x, y)) else 0.0

    def dated(a: str, la: str, b: str, lb: str) -> list[str]:
        return kinds(across(a, la, b, lb, z=1.0, frame_z=metres, date_z=4.0))

    assert dated("Il ponte, lungo 320 metri, fu poi inaugurato nel 1974.", "it",
                 "De brug, 320 meter lang, werd pas in 1976 geopend.", "nl") == ["date"]
    assert dated("The bridge, 320 metres long, was finally opened in 1974.", "en",
                 "Most o długości 320 metrów został otwarty dopiero w 1976 roku.", "pl") == ["date"]
    assert dated("Der Damm ist 320 Meter lang und wurde erst im Jahr 1962 gebaut.", "de",
                 "La diga è lunga 320 metri ed è stata costruita solo nel 1966.", "it") == ["date"]
    # must not fire: other happenings, or no value stated alike beside the dates
    assert dated("Il ponte, lungo 320 metri, fu poi inaugurato nel 1974.", "it",
                 "De brug, 320 meter lang, is pas in 1976 ingestort.", "nl") == []
    assert dated("The bridge, 320 metres long, was finally opened in 1974.", "en",
                 "Most o długości 320 metrów został zbudowany dopiero w 1976 roku.", "pl") == []
    # one thing's opening needs no value beside it (test_once_events); another thing's does
    assert dated("The bridge was finally opened in 1974.", "en",
                 "De brug werd pas in 1976 geopend.", "nl") == ["date"]
    assert dated("The bridge was finally opened in 1974.", "en",
                 "Het museum werd pas in 1976 geopend.", "nl") == []


def test_amounts_of_one_thing_meet_across_languages_never_another_thing() -> None:
    """Two amounts of the damage (or one budget) meet whatever words the frames share (0σ
    here), and in one range they are one estimate disagreed on: an anchor, like a toll. The
    damage never meets a budget; far apart, no anchor."""
    def found(a: str, la: str, b: str, lb: str):
        return across(a, la, b, lb, z=1.0, frame_z=lambda x, y: 0.0)

    damage = found("Škody se odhadují na 50 milionů eur.", "cs",
                   "The regional government put the damage at €30 million.", "en")
    assert kinds(damage) == ["money"] and damage.same_event >= 0.6, damage.reasons
    assert any(r.endswith("stated on both sides") for r in damage.reasons)
    budget = found("Объём бюджета составляет 4,5 миллиарда евро.", "ru",
                   "Il bilancio ammonta a 4,2 miliardi di euro.", "it")
    assert kinds(budget) == ["money"], budget.reasons
    # must not fire: the damage against a budget, and amounts of nothing named
    assert not found("Der Schaden wird auf 30 Millionen Euro geschätzt.", "de",
                     "El presupuesto asciende a 40 millones de euros.", "es").conflicts
    assert not found("The company paid €30 million for the site.", "en",
                     "La empresa pagó 40 millones de euros.", "es").conflicts
    far = found("Der Schaden wird auf 30 Millionen Euro geschätzt.", "de",
                "Los daños se estiman en 90 millones de euros.", "es")
    assert not any(r.endswith("on both sides") for r in far.reasons)


def test_an_office_bears_an_age_when_no_name_does() -> None:
    """With no name beside either age, an office one person holds bears it: the driver's age
    meets the driver's in any language (frames 0σ here), never the mayor's."""
    driver = across("Il macchinista, di 45 anni, è rimasto ferito.", "it",
                    "Der 54-jährige Lokführer wurde leicht verletzt.", "de", z=2.0,
                    frame_z=lambda x, y: 0.0)
    assert kinds(driver) == ["number"], driver.reasons
    # must not fire: different offices, or one side with no office (the frames decide: 0σ)
    assert not across("Il macchinista, di 45 anni, è rimasto ferito.", "it",
                      "Der 54-jährige Bürgermeister trat zurück.", "de", z=2.0,
                      frame_z=lambda x, y: 10.0).conflicts
    assert not across("Il macchinista, di 45 anni, è rimasto ferito.", "it",
                      "Ein 54-jähriger Fahrgast wurde leicht verletzt.", "de", z=2.0,
                      frame_z=lambda x, y: 0.0).conflicts


def test_a_toll_is_compared_whichever_claim_reads_first() -> None:
    """"49 dead and 53 injured" against "50 dead and scores of others injured": the vague
    "scores of injured" takes in 49, but the injured are not the dead, so 49 dead still meets
    50 dead, whichever claim the pair reads first. In several languages."""
    for a, la, b, lb in (
        ("El tiroteo dejó 49 muertos y 53 heridos.", "es",
         "The shooting left 50 people dead and scores of others injured.", "en"),
        ("La sparatoria ha fatto 49 morti e 53 feriti.", "it",
         "Bei der Schießerei starben 50 Menschen, Dutzende wurden verletzt.", "de"),
    ):
        for x, lx, y, ly in ((a, la, b, lb), (b, lb, a, la)):
            found = across(x, lx, y, ly, frame_z=lambda p, q: 0.0)
            assert kinds(found) == ["number"], (x, y, found)
            assert "49" in found.conflicts[0].text and "50" in found.conflicts[0].text
    # must not fire: the same toll on both sides beside the vague other count
    assert not across("El tiroteo dejó 50 muertos y 53 heridos.", "es",
                      "The shooting left 50 people dead and scores of others injured.", "en",
                      frame_z=lambda p, q: 0.0).conflicts


def test_evidence_does_not_depend_on_which_claim_reads_first() -> None:
    """One person named on one side ("Hunter") is one person shared with "Duncan Hunter and
    Margaret Hunter", whichever claim reads first; a value with no like partner differs
    either way; a vote told in counts on one side ("97 senators, one against") is that vote
    whichever side states the other chamber's tally."""
    cases = [
        ("en", "Hunter faces a 48-page indictment.", "en",
         "Duncan Hunter and Margaret Hunter face a 47-page indictment."),
        ("de", "Hunter droht eine Anklage von 48 Seiten.", "en",
         "Duncan Hunter and Margaret Hunter face a 47-page indictment."),
        ("en", "Democrats named 12 Russian intelligence officers.", "en",
         "Senator Kane and 18 members named 12 Russian intelligence officers."),
        ("de", "Der Senat stimmte am Mittwoch mit 97 zu 1 Stimmen dagegen.", "de",
         "97 Senatoren stimmten dafür, einer dagegen; im Repräsentantenhaus stand es 348 zu 77."),
    ]
    for la, a, lb, b in cases:
        one = across(a, la, b, lb, z=3.2)
        other = across(b, lb, a, la, z=3.2)
        assert one.same_event == other.same_event, (a, b)
        assert kinds(one) == kinds(other), (a, b, one.conflicts, other.conflicts)
        assert bool(one.differing) == bool(other.differing), (a, b)
    # the vote told in counts meets no other chamber's tally, either way
    la, a, lb, b = cases[3]
    assert kinds(across(a, la, b, lb, z=3.2)) == kinds(across(b, lb, a, la, z=3.2)) == []


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Among the injured were two police officers.", "en",
         "Five people were injured in the attack.", "en"),
        ("Unter den Verletzten sind zwei Polizisten.", "de",
         "Fünf Menschen wurden bei dem Angriff verletzt.", "de"),
        ("Gli altri due feriti sono agenti.", "it",
         "Vijf mensen raakten gewond bij de aanval.", "nl"),
        ("Wśród rannych są dwaj policjanci.", "pl",
         "Five people were injured in the attack.", "en"),
        ("Los otros dos heridos son agentes.", "es",
         "Cinq personnes ont été blessées dans l'attaque.", "fr"),
    ],
)
def test_a_part_of_a_toll_never_meets_the_whole_of_it(a: str, la: str, b: str, lb: str) -> None:
    """Two of the injured (the rest, or those among them) against five injured in all: two
    true statements, no conflict and no differing value, either way round."""
    for x, lx, y, ly in ((a, la, b, lb), (b, lb, a, la)):
        found = across(x, lx, y, ly, z=3.0)
        assert kinds(found) == [] and found.differing == (), (x, y)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Among the injured were two police officers.", "en",
         "Among the injured were three police officers.", "en"),
        ("Tra i feriti ci sono due agenti.", "it", "Tra i feriti ci sono tre agenti.", "it"),
        ("Six people were injured in the attack.", "en",
         "Vijf mensen raakten gewond bij de aanval.", "nl"),
    ],
)
def test_parts_meet_parts_and_wholes_meet_wholes(a: str, la: str, b: str, lb: str) -> None:
    """Must still fire: the same part counted differently, the whole toll counted
    differently."""
    assert kinds(across(a, la, b, lb, z=3.0)) == ["number"]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Governor Lena Marsh, who took office in 2019, declared a day of mourning.", "en",
         "Gouverneurin Lena Marsh, seit ihrem Amtsantritt 2018 im Amt, ordnete Staatstrauer an.",
         "de"),
        ("Gouverneur Lena Marsh, die in 2018 aantrad, riep een dag van rouw uit.", "nl",
         "Губернатор Лена Марш, вступившая в должность в 2019 году, объявила день траура.", "ru"),
        ("Il sindaco Paolo Renzi, nato nel 1961, ha parlato ai giornalisti.", "it",
         "Burmistrz Paolo Renzi, urodzony w 1963 roku, rozmawiał z dziennikarzami.", "pl"),
    ],
)
def test_one_persons_once_only_happening_binds_its_dates(a: str, la: str, b: str, lb: str) -> None:
    """Taking office and being born happen to one person once: the same person's years clash
    though the claims are not alike as a whole (z 1.5) and nothing else is stated alike."""
    assert kinds(across(a, la, b, lb, z=1.5, frame_z=lambda x, y: 0.0)) == ["date"]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # two people's taking office
        ("Governor Lena Marsh, who took office in 2019, declared a day of mourning.", "en",
         "Gouverneur Karl Voss, seit seinem Amtsantritt 2018 im Amt, ordnete Staatstrauer an.",
         "de"),
        # one person opening two things: openings are no once-only happening
        ("Mayor Anna Berg opened the bridge in 1974.", "en",
         "Mayor Anna Berg opened the museum in 1976.", "en"),
        # a birth against taking office
        ("Governor Lena Marsh, who was born in 1961, declared a day of mourning.", "en",
         "Gouverneurin Lena Marsh, seit ihrem Amtsantritt 2018 im Amt, ordnete Staatstrauer an.",
         "de"),
    ],
)
def test_must_not_fire_other_people_things_or_happenings(a: str, la: str, b: str, lb: str) -> None:
    assert kinds(across(a, la, b, lb, z=1.5, frame_z=lambda x, y: 0.0)) == []


def test_a_measure_bound_by_its_frames_clashes_but_vouches_for_nothing() -> None:
    """A share, an amount or a duration says by its unit what it measures, so frames the
    embedder matches bind it though the claims are not alike as a whole (z 1.5): 13% against
    30% is a conflict. The same measure bound that way is no "same value" anchor: two claims
    unlike as a whole do not agree because a frame matched. Must not fire: frames unmatched."""
    def frames_alike(x: str, y: str) -> float:
        return 10.0 if ("produzione" in x or "Output" in x) and (
            "produzione" in y or "Output" in y
        ) else 0.0

    differ = across("La produzione è calata del 13% l'anno scorso.", "it",
                    "Output fell by 30% last year.", "en", z=1.5, frame_z=frames_alike)
    assert kinds(differ) == ["number"]
    alike = across("La produzione è calata del 30% l'anno scorso.", "it",
                   "Output fell by 30% last year.", "en", z=1.5, frame_z=frames_alike)
    assert kinds(alike) == [] and alike.same_values == ()
    unmatched = across("La produzione è calata del 13% l'anno scorso.", "it",
                       "Output fell by 30% last year.", "en", z=1.5, frame_z=lambda x, y: 0.0)
    assert kinds(unmatched) == []


def test_years_on_both_sides_none_alike_deny_an_agreement() -> None:
    """"First met in 2018" against "first met in 2019 and signed a pact in 2021": which year
    is whose is not known, so no date conflict, but the two never tell one thing alike."""
    from checker.rules.evidence import clashing

    a = claim_facts("Lissner und Tarnavsky waren sich erstmals 2018 in Brenholm begegnet.", "de")
    b = claim_facts("Лисснер и Тарнавский впервые встретились в 2019 году в Бренхольме, а в "
                    "2021 году подписали пакт.", "ru")
    assert [c for c in clashing(a, b) if c.startswith("years differ")]
    # must not fire: a year in common
    c = claim_facts("Они впервые встретились в 2018 году, а в 2021 году подписали пакт.", "ru")
    assert not clashing(a, c)


def test_a_lone_last_name_is_the_full_name_its_claim_writes() -> None:
    """"Mirrin said" after "TRF chief executive Halvard Mirrin" is Halvard Mirrin again: it does
    not name the other side's Harald Mirrin, so the two given names still clash."""
    cases = [
        ("TRF chief executive Halvard Mirrin apologised, and Mirrin said the firm would pay.",
         "en",
         "TRF-Chef Harald Mirrin entschuldigte sich; die Firma zahle, sagte Mirrin.", "de"),
        ("Il sindaco Paolo Neri ha chiuso le scuole; Neri ha parlato di emergenza.", "it",
         "Le maire Pietro Neri a fermé les écoles, a déclaré Neri.", "fr"),
    ]
    for a, la, b, lb in cases:
        found = across(a, la, b, lb, z=4.0)
        assert kinds(found) == ["name"], (a, b, found.reasons)
    # must not fire: the other side names both people; a lone last name alone; the same person
    for a, la, b, lb in [
        ("Duncan Hunter and his wife Margaret Hunter were charged, Hunter's lawyer said.", "en",
         "Margaret Hunter pleaded not guilty, Hunter's lawyer said.", "en"),
        ("Hunter said he would fight the charges.", "en",
         "Margaret Hunter pleaded not guilty, Hunter said.", "en"),
        ("TRF chief executive Halvard Mirrin apologised, and Mirrin said the firm would pay.",
         "en",
         "TRF-Chef Halvard Mirrin entschuldigte sich; die Firma zahle, sagte Mirrin.", "de"),
    ]:
        assert "name" not in kinds(across(a, la, b, lb, z=4.0)), (a, b)
