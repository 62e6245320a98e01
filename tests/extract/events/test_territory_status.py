from collections.abc import Callable

import pytest

from racecard.extract.events.status import status_of
from racecard.extract.events.territory import agency_in, deal_territory, territory_in
from racecard.model import Event, Status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an exclusive global license", "worldwide"),
        ("worldwide rights outside China", "ex-China"),
        ("global rights excluding mainland China, Hong Kong, Macau and Taiwan", "ex-Greater China"),
        ("rights in Taiwan, Hong Kong, Macau and mainland China", "Greater China"),
        ("commercial rights in Greater China", "Greater China"),
        ("rights in the U.S. and Canada", "US and Canada"),
        ("rights in Japan", "Japan"),
        ("rights outside of the United States", "ex-US"),
        ("rights for the United States, Canada, Europe and Japan", "US, Canada, EU and Japan"),
        ("rights in Japan and South Korea, with trials run in China", "Japan and South Korea"),
        ("China's Akeso licensed its antibody for Japan", "Japan"),
        ("Japan's Takeda licensed the drug", None),
        ("China's approval of the drug", "China"),
    ],
)
def test_territories(text: str, expected: str | None) -> None:
    assert territory_in(text) == expected


def test_lower_case_us_is_a_pronoun() -> None:
    assert territory_in("let us know") is None


def test_deal_territory_ignores_where_trials_run() -> None:
    text = "Tessaly licensed the drug, now in Phase 1 trials in China, with rights outside China."
    assert deal_territory(text) == "ex-China"


def test_agencies() -> None:
    assert agency_in("granted by the CDE of the NMPA") == ("NMPA", 15)
    found = agency_in("The FDA's Oncologic Drugs Advisory Committee voted")
    assert found is not None and found[0] == "FDA advisory committee"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Sanofi plans to submit the application this year.", "submit", Status.PLANNED),
        ("Amgen will start a Phase 3 trial.", "start", Status.PLANNED),
        ("The deal is expected to close in the third quarter.", "close", Status.EXPECTED),
        ("Analysts say Merck could acquire the biotech.", "acquire", Status.EXPECTED),
        ("Pfizer is reportedly eyeing a deal.", "deal", Status.EXPECTED),
        ("The merger failed to win clearance.", "clearance", Status.FAILED),
        ("Pfizer acquired Seagen in 2023.", "acquired", Status.HAPPENED),
        ("Approval is expected next year.", "Approval", Status.EXPECTED),
    ],
)
def test_status(text: str, trigger: str, expected: Status) -> None:
    pos = text.index(trigger)
    assert status_of(text, pos, pos + len(trigger)) == expected


def test_the_four_places_listed_one_by_one_are_greater_china() -> None:
    listed = (
        "In January 2024 Lumora entered into an exclusive license agreement with Merck, under which Lumora "
        "granted Merck the rights to develop and commercialize toravimab and its follow-on compounds "
        "in mainland China, Hong Kong, Macau and Taiwan."
    )
    assert deal_territory(listed) == "Greater China"
    assert territory_in("global rights outside mainland China, Hong Kong, Macau and Taiwan") == "ex-Greater China"
    assert deal_territory("Lumora granted Merck the rights in China and Japan.") == "China and Japan"


def test_a_company_expecting_data_plans_it(events: Callable[..., list[Event]]) -> None:
    text = (
        "Lumora Bio initiated a Phase 2 trial of toravimab in 2024 "
        "and expects topline data in the first half of 2025."
    )
    (ev,) = events(text, kind="trial_readout")
    assert (ev.status, ev.fields["date"]) == (Status.PLANNED, "2025-H1")


def test_china_less_hong_kong_taiwan_and_macao_is_mainland_china_and_an_exchange_is_no_place() -> None:
    from racecard.extract.events.territory import deal_territory, territory_in

    text = "the development and commercialization rights in China, excluding Hong Kong, Taiwan and Macao, of its drugs"
    assert deal_territory(text) == "China" and territory_in(text) == "China"
    assert territory_in("Junshi, which trades on the Hong Kong Stock Exchange, licensed its drug.") is None
    assert territory_in("rights in Hong Kong and Singapore") == "Hong Kong and Singapore"
