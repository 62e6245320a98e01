"""Sentences the first event reader got wrong, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from racecard.extract.pipeline import read
from racecard.lexicon import Lexicon
from racecard.model import EntityKind, Event

Reader = Callable[..., list[Event]]


def test_payment_for_rights_is_a_licence_with_the_payer_as_licensee(events: Reader) -> None:
    text = ("Novartis will pay Hansoh Pharma $80 million upfront, with up to $1.2 billion in milestones, "
            "for worldwide rights outside China to mexolitinib.")
    (ev,) = events(text, kind="license")
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"]) == ("mexolitinib", "Hansoh", "Novartis")
    assert f["territory"] == "ex-China"
    assert (f["upfront_usd"], f["milestones_usd"]) == (80_000_000, 1_200_000_000)


def test_a_licence_application_is_a_filing_not_a_deal(events: Reader) -> None:
    text = "Merck said the FDA accepted its biologics license application for toravimab to treat obesity."
    assert events(text, kind="license") == []


def test_a_stated_reason_beats_a_disease_name(events: Reader) -> None:
    (ev,) = events("Pfizer discontinued quilveranib in ulcerative colitis failure cases for strategic reasons.",
                   kind="discontinuation")
    assert ev.fields["reason"] == "strategic"


def test_year_before_sales_is_the_forecast_year(events: Reader) -> None:
    text = "Evaluate forecasts toravimab will generate 2031 global sales of $2.4bn in obesity."
    (ev,) = events(text, kind="forecast")
    assert (ev.fields["drug"], ev.fields["year"], ev.fields["value_usd"]) == ("toravimab", "2031", 2_400_000_000)
    assert ev.fields["source"] == "Evaluate"


def test_a_head_to_head_win_is_the_winners_readout(events: Reader) -> None:
    text = "Jacobio said mexolitinib beat pembrolizumab in the KESTREL-3 study in NSCLC."
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["trial"], ev.fields["outcome"]) == ("mexolitinib", "KESTREL-3", "met")


def test_rights_taken_to_the_drug_just_named_come_from_its_originator(evlex: Lexicon) -> None:
    lex = Lexicon(list(evlex.terms), dict(evlex.attributes), list(evlex.stems), dict(evlex.raw_attributes))
    lex.attributes[(EntityKind.DRUG, "quilveranib")] = {"originator": "Hansoh"}
    text = ("Quilveranib came out of Hansoh Pharma's labs. "
            "Jacobio took exclusive rights to it for mainland China, Hong Kong, Macau and Taiwan in March 2022.")
    (ev,) = [e for e in read(text, lexicon=lex, published="2024-01-05").events if e.type == "license"]
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"]) == ("quilveranib", "Hansoh", "Jacobio")
    assert (f["territory"], f["date"]) == ("Greater China", "2022-03")


def test_a_readout_due_later_is_expected_not_reported(events: Reader) -> None:
    (ev,) = events("A mid-stage obesity trial of toravimab is due to read out later this year.", kind="trial_readout")
    assert ev.status.value == "expected"


def test_granted_a_licence_names_the_grantee_even_after_a_long_name(events: Reader) -> None:
    text = ("Shares of Junshi rose after its unit Hansoh Pharma granted Lumora Bio Holdings Co. (HKEX: 9999) "
            "an exclusive worldwide licence to its toravimab.")
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"]) == ("Hansoh", "Lumora Bio")
