"""The deal table: merged reports, terms, filters, hand-backs and the summary."""

from __future__ import annotations

from datetime import date

import pytest

from racecard.errors import ConfigError, NotFoundError
from racecard.store import Store
from racecard.views.deals import DealTable, deals

from .conftest import add, fact


def _deals(store: Store, **kw: object) -> DealTable:
    with store.begin() as conn:
        return deals(conn=conn, **kw)  # type: ignore[arg-type]


def test_all_deals_with_terms_and_summary(kras: Store) -> None:
    table = _deals(kras)
    assert [(d.asset, d.buyer) for d in table.deals][:3] == [
        ("sotorasib", "BeiGene"), ("adagrasib", "Zai Lab"), ("rocatinlimab", "Amgen")
    ]
    takeover = next(d for d in table.deals if d.type == "acquisition")
    assert (takeover.seller, takeover.buyer, takeover.total_usd) == ("Mirati", "Bristol Myers Squibb", 4.8e9)
    s = table.summary
    assert s.count == 6 and s.median_upfront_usd == pytest.approx(232.5e6)
    assert s.total_milestones_usd == pytest.approx(273e6 + 850e6) and s.handed_back == 1
    roca = next(d for d in table.deals if d.asset == "rocatinlimab")
    assert roca.handed_back == date(2026, 1, 30)


def test_greater_china_licences_since_2021(kras: Store) -> None:
    table = _deals(kras, territory="Greater China", since=date(2021, 1, 1))
    assert {d.asset for d in table.deals} == {"adagrasib", "fulzerasib", "garsorasib", "rocatinlimab"}
    assert all(d.type == "license" for d in table.deals)  # a takeover is not a licence for a territory
    china = {c.territory: c for c in table.summary.comparables}
    assert china["Greater China"].deals == 2 and china["Greater China"].median_upfront_usd == 65e6


def test_party_phase_and_as_of_filters(kras: Store) -> None:
    assert [d.asset for d in _deals(kras, party="Kyowa Kirin").deals] == ["rocatinlimab"]
    assert _deals(kras, as_of=date(2025, 12, 31), party="Amgen").summary.handed_back == 0
    with pytest.raises(NotFoundError):
        _deals(kras, party="Nobody Pharma")
    with pytest.raises(ConfigError, match="phase"):
        _deals(kras, phase="seven")


def test_same_deal_in_two_documents_is_one_row_with_fullest_terms(store: Store) -> None:
    add(
        store,
        fact("Alpha licenses zetamab to Beta for Japan.", "2022-03-01",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "territory": "Japan",
                          "date": "2022-02-28"})),
        fact("Beta paid $30m upfront for zetamab, which had finished phase 2.", "2022-03-05",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "territory": "Japan",
                          "upfront_usd": 30_000_000})),
        fact("Zetamab's phase 2 trial met its goal.", "2021-12-01",
             ("trial_readout", {"drug": "zetamab", "phase": "2", "outcome": "met", "date": "2021-11-30"})),
    )
    [deal] = _deals(store).deals
    assert (deal.upfront_usd, deal.sources, deal.date, deal.phase) == (30e6, 2, date(2022, 2, 28), "phase 2")
    assert [d.asset for d in _deals(store, phase="2").deals] == ["zetamab"]
    assert _deals(store, phase="3").deals == ()


def test_a_deal_retold_without_its_territory_is_still_one_row(store: Store) -> None:
    add(
        store,
        fact("Alpha licenses zetamab to Beta for Japan.", "2022-03-01",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "territory": "Japan",
                          "date": "2022-02-28"})),
        fact("Beta, which took zetamab from Alpha in March, dosed a patient.", "2022-06-01",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "date": "2022-03"})),
        # Beta's later deal for the US is a deal of its own
        fact("Alpha licenses zetamab to Beta for the US.", "2024-05-01",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "territory": "US",
                          "date": "2024-04-30"})),
    )
    table = _deals(store)
    assert sorted((d.territory, d.sources) for d in table.deals) == [("Japan", 2), ("US", 1)]


def test_a_report_that_names_no_asset_joins_the_named_deal_of_the_same_two_companies(store: Store) -> None:
    add(
        store,
        fact("Alpha licenses zetamab to Beta for $400m upfront.", "2021-06-02",
             ("license", {"drug": "zetamab", "licensor": "Alpha", "licensee": "Beta", "upfront_usd": 400_000_000,
                          "date": "2021-06-01"})),
        fact("Beta's 2021 deal with Alpha cost $400m upfront.", "2024-01-10",
             ("license", {"licensor": "Alpha", "licensee": "Beta", "upfront_usd": 400_000_000, "date": "2021"})),
        fact("Gamma licensed a platform to Delta in 2021.", "2024-01-11",
             ("license", {"licensor": "Gamma", "licensee": "Delta", "date": "2021"})),
    )
    rows = sorted((d.asset or "", d.seller, d.sources) for d in _deals(store).deals)
    assert rows == [("", "Gamma", 1), ("zetamab", "Alpha", 2)]
