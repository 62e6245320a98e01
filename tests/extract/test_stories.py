"""Whole stories, written for these tests from public facts, read with the packaged lexicon.

Each story mixes the news of the day with background (an earlier deal, an earlier filing), a
quote, a stock move and an analyst's forecast, as real coverage does; the assertions are the
facts an analyst would record, and what must not be recorded.
"""

from __future__ import annotations

from typing import Any

import racecard
from racecard.model import Status


def _events(text: str, published: str, title: str | None = None) -> list[tuple[str, Status, dict[str, Any]]]:
    reading = racecard.read(text, published=published, title=title)
    for ev in reading.events:
        assert ev.evidence is not None and text[ev.evidence.start : ev.evidence.end] == ev.evidence.quote
    return [(e.type, e.status, dict(e.fields)) for e in reading.events]


def _one(evs: list[tuple[str, Status, dict[str, Any]]], kind: str, **want: Any) -> tuple[Status, dict[str, Any]]:
    hits = [(s, f) for t, s, f in evs if t == kind and all(f.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, [e for e in evs if e[0] == kind]
    return hits[0]


def test_a_hand_back_story() -> None:
    text = (
        "Kyowa Kirin takes back rocatinlimab as Amgen walks away\n\n"
        "Amgen is handing the OX40 antibody rocatinlimab back to Kyowa Kirin, ending a partnership the two "
        "companies struck in 2021. Amgen paid $400 million upfront at the time.\n\n"
        "The drug met its co-primary endpoints in the Phase 3 ROCKET-Horizon study in atopic dermatitis, "
        "but the size of the benefit disappointed investors. Some patients in the program developed "
        "Kaposi's sarcoma.\n\n"
        "GlobalData had forecast rocatinlimab sales of $1.7 billion in 2033."
    )
    evs = _events(text, "2026-01-30")
    status, back = _one(evs, "rights_return", drug="rocatinlimab")
    assert (back["from"], back["to"], back["date"], status) == ("Amgen", "Kyowa Kirin", "2026-01-30", Status.HAPPENED)
    _, readout = _one(evs, "trial_readout", drug="rocatinlimab")
    assert (readout["trial"], readout["phase"], readout["outcome"]) == ("ROCKET-Horizon", "3", "met")
    _one(evs, "safety_signal", drug="rocatinlimab")
    status, forecast = _one(evs, "forecast", drug="rocatinlimab")
    assert (forecast["value_usd"], forecast["year"], status) == (1.7e9, "2033", Status.EXPECTED)


def test_an_approval_story_with_two_trial_programmes() -> None:
    text = (
        "The FDA on Thursday approved Vertex Pharmaceuticals' suzetrigine, to be sold as Journavx, for "
        "moderate-to-severe acute pain in adults.\n\n"
        "The NaV1.8 inhibitor was cleared based on two Phase 3 trials in patients recovering from surgery. "
        "In those studies, suzetrigine beat placebo.\n\n"
        '"This is a historic milestone," the chief executive said. Shares rose 3% in premarket trading.\n\n'
        "Vertex is also testing the drug in painful lumbosacral radiculopathy, where a Phase 2 study showed a "
        "reduction in pain similar to placebo. The company plans to start a Phase 3 trial in diabetic "
        "peripheral neuropathy later this year."
    )
    evs = _events(text, "2025-01-31")
    _, approval = _one(evs, "approval", drug="suzetrigine")
    assert (approval["agency"], approval["date"]) == ("FDA", "2025-01-30")  # "on Thursday"
    assert {f.get("phase") for t, _, f in evs if t == "trial_readout"} == {"2", "3"}
    status, start = _one(evs, "trial_start", drug="suzetrigine")
    assert (start["phase"], start["date"], status) == ("3", "2025", Status.PLANNED)


def test_a_quarterly_filing_story() -> None:
    text = (
        "Collaboration and License Agreements\n\n"
        "In January 2024, we entered into an exclusive license agreement with Lumen Pharma Co., Ltd. "
        '("Lumen"), under which we granted Lumen the rights to develop and commercialize ARC-101 in mainland '
        "China, Hong Kong, Macau and Taiwan. We received an upfront payment of $12.0 million in February 2024 "
        "and are eligible to receive up to $95.0 million in development and sales milestones.\n\n"
        "In March 2024, the FDA granted Fast Track designation to ARC-101 for idiopathic pulmonary fibrosis.\n\n"
        "We initiated a Phase 2b clinical trial of ARC-101 in the second quarter of 2024 and expect topline data "
        "in the first half of 2025. In June 2024, we discontinued development of ARC-202 following an internal "
        "portfolio review."
    )
    evs = _events(text, "2024-08-08", title="Arcadia Biosciences, Inc. 10-Q")
    _, lic = _one(evs, "license", drug="ARC-101")
    assert (lic["licensor"], lic["licensee"], lic["territory"]) == ("Arcadia Biosciences", "Lumen", "Greater China")
    assert (lic["upfront_usd"], lic["milestones_usd"], lic["date"]) == (12e6, 95e6, "2024-01")
    _, designation = _one(evs, "designation", drug="ARC-101")
    assert (designation["designation"], designation["date"]) == ("fast_track", "2024-03")
    status, readout = _one(evs, "trial_readout", drug="ARC-101")
    assert (readout["date"], status) == ("2025-H1", Status.PLANNED)
    _, stop = _one(evs, "discontinuation", drug="ARC-202")
    assert (stop["reason"], stop["date"]) == ("strategic", "2024-06")
    reading = racecard.read(text, published="2024-08-08", title="Arcadia Biosciences, Inc. 10-Q")
    assert not [e for e in reading.entities if e.kind.value == "trial"]  # ARC-101 is the drug, not a trial
