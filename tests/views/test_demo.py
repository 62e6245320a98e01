"""`racecard demo` end to end on the demo corpus: the KRAS G12C China race and the rocatinlimab dossier.

This reads the 20 demo articles with the real reader, so it checks what the views make of
real extraction. It needs the packaged lexicon with the curated assets (targets, originators).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from racecard.model import EntityKind
from racecard.views.demo import ARTICLES, DemoRun, demo
from racecard.views.profile import lexicon_attrs


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    if "KRAS G12C" not in (lexicon_attrs(EntityKind.DRUG, "fulzerasib").get("targets") or []):
        pytest.skip("the packaged lexicon lacks the curated assets (run `make lexicon`)")
    folder: Path = tmp_path_factory.mktemp("demo")
    return demo(url=f"sqlite:///{folder / 'demo.db'}")


def test_demo_reads_every_article(run: DemoRun) -> None:
    assert run.documents == len(list(ARTICLES.glob("*.txt"))) and not run.failed and run.facts > 0


def test_demo_lists_what_it_read_in_each_article(run: DemoRun) -> None:
    assert len(run.read) == run.documents
    assert [a.published for a in run.read] == sorted(a.published for a in run.read if a.published)
    approval = next(a for a in run.read if "Dupert" in a.title)
    assert "fulzerasib" in approval.entities["drug"] and "Innovent" in approval.entities["company"]
    assert approval.facts > 0


def test_kras_china_board_domestic_first(run: DemoRun) -> None:
    rows = {r.asset: r for r in run.board.rows}
    order = [r.asset for r in run.board.rows]
    assert {"fulzerasib", "garsorasib", "glecirasib", "sotorasib", "adagrasib"} <= set(order)
    assert order.index("fulzerasib") < order.index("garsorasib") < order.index("glecirasib")
    assert order.index("glecirasib") < order.index("sotorasib") < order.index("adagrasib")
    assert rows["fulzerasib"].first_approved and rows["fulzerasib"].stage == "approved"
    assert rows["fulzerasib"].stage_date is not None and rows["fulzerasib"].stage_date.year == 2024
    assert rows["garsorasib"].stage == "approved" and rows["glecirasib"].stage == "filed"
    for name in ("fulzerasib", "garsorasib", "glecirasib"):
        assert rows[name].origin == "home-grown", name
    for name in ("sotorasib", "adagrasib"):
        assert rows[name].origin == "in-licensed" and rows[name].stage != "approved", name
    assert rows["sotorasib"].elsewhere is not None and "approved US" in rows["sotorasib"].elsewhere


def test_kras_china_board_mid_2023_is_before_the_domestic_approvals(run: DemoRun) -> None:
    assert run.board_before.as_of == date(2023, 6, 30)
    assert not any(r.first_approved or r.stage == "approved" for r in run.board_before.rows)
    assert "fulzerasib" not in {r.asset for r in run.board_before.rows}


def test_rocatinlimab_licence_and_return(run: DemoRun) -> None:
    d = run.dossier
    assert d.name == "rocatinlimab" and "KHK4083" in d.names and d.originator == "Kyowa Kirin"
    moves = [(m.date.year if m.date else None, m.kind, m.holder) for m in d.rights]
    assert (2021, "licence", "Amgen") in moves
    assert any(year == 2026 and holder == "Kyowa Kirin" and kind == "hand-back" for year, kind, holder in moves)
    assert [h.holder for h in d.holders if h.territory == "worldwide"] == ["Kyowa Kirin"]
