"""Which stated territory covers which market."""

from __future__ import annotations

import pytest

from racecard.views.markets import carve_outs, covers, event_markets, label


@pytest.mark.parametrize(
    ("territory", "market", "expected"),
    [
        ("China", "China", True),
        ("mainland China", "China", True),
        ("Greater China", "China", True),
        ("mainland China, Hong Kong, Macau and Taiwan", "China", True),
        ("Hong Kong", "China", False),
        ("China", "Greater China", True),
        ("worldwide", "China", True),
        ("worldwide except Japan", "Japan", False),
        ("worldwide except Japan", "US", True),
        ("ex-China", "China", False),
        ("ex-Greater China", "China", False),
        ("ex-China", "Japan", True),
        ("US and Canada", "US", True),
        ("7MM", "Japan", True),
        ("7MM", "China", False),
        ("US", "China", False),
        (None, "China", False),
        (None, None, True),
    ],
)
def test_covers(territory: str | None, market: str | None, expected: bool) -> None:
    assert covers(territory, market) is expected


def test_agency_places_an_event_and_labels_group_spellings() -> None:
    assert event_markets(None, "NMPA") == "china" and event_markets(None, "FDA advisory committee") == "us"
    assert event_markets("Japan", "FDA") == "Japan" and event_markets(None, None) is None
    assert label("mainland China, Hong Kong, Macau and Taiwan") == label("Greater China") == "Greater China"
    assert label("ex-US") == "worldwide ex-US" and label(None) == "worldwide"
    assert carve_outs("worldwide except Japan") == ("Japan",) and carve_outs("China") == ()
