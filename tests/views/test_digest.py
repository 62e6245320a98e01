"""The digest: new facts for a watchlist since a date, and race positions that moved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from racecard.errors import ConfigError, InputError
from racecard.store import Store
from racecard.views.digest import Watchlist, digest, load_watchlist

from .conftest import add, fact


def test_new_facts_and_moves_for_a_watched_target(kras: Store) -> None:
    with kras.begin() as conn:
        news = digest(conn=conn, since=date(2024, 6, 1), watch=Watchlist(targets=("KRAS G12C",), markets=("China",)))
    assert [(f.assets, f.type) for f in news.facts] == [(("fulzerasib",), "approval"), (("garsorasib",), "approval")]
    assert news.facts[0].quote and "Dupert" in news.facts[0].quote
    moves = {c.asset: c for c in news.changes}
    assert set(moves) == {"fulzerasib", "garsorasib"}
    assert "filed → approved" in moves["fulzerasib"].change and "first approved" in moves["fulzerasib"].change
    assert "first approved" not in moves["garsorasib"].change


def test_as_of_bounds_the_digest_and_companies_are_watched(kras: Store) -> None:
    with kras.begin() as conn:
        news = digest(conn=conn, since=date(2024, 6, 1), as_of=date(2024, 9, 30),
                      watch=Watchlist(companies=("Kyowa Kirin",)))
        assert news.facts == ()  # the hand-back is later, and the readout names no company
        later = digest(conn=conn, since=date(2025, 1, 1), watch=Watchlist(companies=("Kyowa Kirin",)))
        assert [f.type for f in later.facts] == ["rights_return"]
        with pytest.raises(ConfigError):
            digest(conn=conn, since=date(2025, 1, 1), as_of=date(2024, 1, 1))


def test_without_a_watchlist_everything_new_is_listed(kras: Store) -> None:
    with kras.begin() as conn:
        news = digest(conn=conn, since=date(2025, 1, 1))
    assert {f.type for f in news.facts} == {"rights_return", "regulatory_submission"}
    # the worldwide board: still phase 3, and the worldwide holder never changed (the licence carved out Japan)
    assert news.changes == ()


def test_watchlist_files(tmp_path: Path) -> None:
    good = tmp_path / "watch.yaml"
    good.write_text("targets: [KRAS G12C]\nassets: [rocatinlimab]\nmarkets: [China]\n", encoding="utf-8")
    assert load_watchlist(good) == Watchlist(("KRAS G12C",), ("rocatinlimab",), (), ("China",))
    js = tmp_path / "watch.json"
    js.write_text('{"companies": ["Amgen"]}', encoding="utf-8")
    assert load_watchlist(js).companies == ("Amgen",)
    bad = tmp_path / "bad.yaml"
    bad.write_text("target: [KRAS G12C]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="target"):
        load_watchlist(bad)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.json"):
        load_watchlist(broken)


def test_a_fact_restated_after_the_date_is_not_news(kras: Store) -> None:
    add(kras, fact("Looking back: Zai Lab took Greater China rights to adagrasib from Mirati.", "2024-07-01",
                   ("license", {"drug": "adagrasib", "licensor": "Mirati", "licensee": "Zai Lab",
                                "territory": "Greater China", "date": "2021"})))
    with kras.begin() as conn:
        news = digest(conn=conn, since=date(2024, 6, 1), watch=Watchlist(assets=("adagrasib",)))
    assert news.facts == ()
