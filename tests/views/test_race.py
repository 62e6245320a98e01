"""The race board on a hand-built KRAS G12C store: ranking, stages, rights, origin, as-of."""

from __future__ import annotations

from datetime import date

import pytest

from racecard.errors import InputError, NotFoundError
from racecard.store import Store
from racecard.views.race import RaceBoard, race


def _board(store: Store, **kw: object) -> RaceBoard:
    with store.begin() as conn:
        return race(conn=conn, target="KRAS G12C", **kw)  # type: ignore[arg-type]


def test_china_board_ranks_domestic_approvals_first(kras: Store) -> None:
    board = _board(kras, market="China")
    # the in-licensed pair has no stage in China; sotorasib got further elsewhere (approved in the US)
    assert [r.asset for r in board.rows] == ["fulzerasib", "garsorasib", "glecirasib", "sotorasib", "adagrasib"]
    rows = {r.asset: r for r in board.rows}
    assert rows["fulzerasib"].first_approved and not rows["garsorasib"].first_approved
    assert (rows["fulzerasib"].stage, rows["fulzerasib"].stage_date) == ("approved", date(2024, 8, 20))
    assert (rows["glecirasib"].stage, rows["glecirasib"].stage_date) == ("filed", date(2024, 5, 6))
    assert rows["sotorasib"].stage == "unknown"  # neither a trial naming no country nor the US approval counts
    assert rows["adagrasib"].elsewhere == "phase 3 global 2022-01-01"
    assert rows["sotorasib"].elsewhere is not None and "rejected US 2023-12-26" in rows["sotorasib"].elsewhere


def test_china_board_rights_and_origin(kras: Store) -> None:
    rows = {r.asset: r for r in _board(kras, market="China").rows}
    assert (rows["sotorasib"].holder, rows["sotorasib"].holder_since) == ("BeiGene", date(2019, 10, 31))
    # a Greater China licence covers China
    assert (rows["adagrasib"].holder, rows["adagrasib"].origin) == ("Zai Lab", "in-licensed")
    assert (rows["fulzerasib"].holder, rows["fulzerasib"].origin) == ("Innovent", "home-grown")
    assert rows["fulzerasib"].originator == "GenFleet" and rows["fulzerasib"].originator_country == "CN"
    assert rows["garsorasib"].stage == "approved"  # filed with the NMPA but no territory: placed in China
    assert rows["fulzerasib"].facts == 3


def test_as_of_hides_later_facts(kras: Store) -> None:
    board = _board(kras, market="China", as_of=date(2023, 6, 30))
    rows = {r.asset: r for r in board.rows}
    assert "glecirasib" not in rows and "garsorasib" not in rows  # nothing published on them yet
    assert rows["fulzerasib"].stage == "unknown" and not any(r.first_approved for r in board.rows)
    assert board.rows[0].asset == "sotorasib"
    assert rows["sotorasib"].elsewhere == "approved US 2021-05-28"  # the CRL came later


def test_worldwide_board_marks_rejection_and_follows_takeover(kras: Store) -> None:
    rows = {r.asset: r for r in _board(kras).rows}
    assert rows["sotorasib"].first_approved and rows["sotorasib"].stage_date == date(2021, 5, 28)
    assert any(m.startswith("rejected") for m in rows["sotorasib"].marks)
    assert (rows["adagrasib"].holder, rows["adagrasib"].holder_since) == ("Bristol Myers Squibb", date(2024, 1, 23))
    us = _board(kras, market="US")
    assert us.rows[0].asset == "sotorasib" and len(us.rows) == 5  # every asset is on the board
    rows = {r.asset: r for r in us.rows}
    assert rows["sotorasib"].origin == "home-grown" and rows["fulzerasib"].origin == "in-licensed"
    assert (rows["fulzerasib"].stage, rows["fulzerasib"].facts) == ("unknown", 0)
    assert rows["fulzerasib"].elsewhere == "approved China 2024-08-20"


def test_next_milestone_and_other_target(kras: Store) -> None:
    with kras.begin() as conn:
        board = race(conn=conn, target="OX40", market="US")
    [row] = board.rows
    assert row.asset == "rocatinlimab" and row.holder == "Kyowa Kirin" and row.holder_since == date(2026, 1, 30)
    assert row.next_milestone is not None and "filing" in row.next_milestone and "2026-H1" in row.next_milestone
    with kras.begin() as conn:
        before = race(conn=conn, target="OX40", market="US", as_of=date(2025, 1, 1))
        japan = race(conn=conn, target="OX40", market="Japan", as_of=date(2025, 1, 1))
    assert before.rows[0].holder == "Amgen" and before.rows[0].next_milestone is None
    assert japan.rows[0].holder == "Kyowa Kirin"  # carved out of the licence


def test_unknown_target_and_empty_target(kras: Store) -> None:
    with kras.begin() as conn:
        with pytest.raises(NotFoundError, match="KRAS G13C"):
            race(conn=conn, target="KRAS G13C")
        with pytest.raises(InputError):
            race(conn=conn, target="  ")


def test_indication_keeps_only_assets_seen_in_it(kras: Store) -> None:
    board = _board(kras, indication="non-small cell lung cancer", market="US")
    assert board.indication == "non-small cell lung cancer"
    assert [(r.asset, r.stage) for r in board.rows] == [("sotorasib", "approved")]
    with kras.begin() as conn:
        ox40 = race(conn=conn, target="OX40", indication="atopic dermatitis")
        assert [r.asset for r in ox40.rows] == ["rocatinlimab"] and ox40.rows[0].stage == "phase 3"
        with pytest.raises(NotFoundError, match="psoriasis"):
            race(conn=conn, target="OX40", indication="psoriasis")


def _approval_of(store: Store, drug: str) -> int:
    from sqlalchemy import select

    from racecard.store.schema import entities, events, roles

    with store.begin() as conn:
        return int(
            conn.execute(
                select(events.c.id)
                .join(roles, roles.c.event_id == events.c.id)
                .join(entities, entities.c.id == roles.c.entity_id)
                .where(events.c.type == "approval", roles.c.role == "drug", entities.c.name == drug)
            ).scalars().first()
        )


def test_a_rejected_fact_leaves_the_board_until_reviewed_again(kras: Store) -> None:
    from racecard.store.reviews import review

    event_id = _approval_of(kras, "fulzerasib")
    with kras.begin() as conn:
        review(conn, event_id, "reject", by="analyst", note="wrong drug")
    rows = {r.asset: r for r in _board(kras, market="China").rows}
    assert rows["fulzerasib"].stage != "approved" and rows["garsorasib"].first_approved
    with kras.begin() as conn:
        review(conn, event_id, "confirm", by="analyst", note="checked the press release")
    rows = {r.asset: r for r in _board(kras, market="China").rows}
    assert rows["fulzerasib"].stage == "approved" and rows["fulzerasib"].first_approved


def test_a_corrected_date_moves_the_fact_on_the_board(kras: Store) -> None:
    from racecard.store.reviews import review

    event_id = _approval_of(kras, "garsorasib")
    with kras.begin() as conn:
        review(conn, event_id, "correct", by="analyst", fields={"date": "2024-07"}, note="per the NMPA notice")
    rows = {r.asset: r for r in _board(kras, market="China").rows}
    assert rows["garsorasib"].stage_date == date(2024, 7, 1)
    assert rows["garsorasib"].first_approved and not rows["fulzerasib"].first_approved  # now approved first
