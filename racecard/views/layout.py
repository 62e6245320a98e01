"""How each view's result is laid out as table sections for the text renderers."""

from __future__ import annotations

from racecard.views.race import RaceBoard
from racecard.views.render import Table, cell

__all__ = ["race_tables"]


def _title(what: str, board_market: str | None, indication: str | None, as_of: object) -> str:
    parts = [what]
    if indication:
        parts.append(f"in {indication}")
    parts.append(f"× {board_market}" if board_market else "(all markets)")
    if as_of:
        parts.append(f"as of {cell(as_of)}")
    return " ".join(parts)


def race_tables(board: RaceBoard) -> list[Table]:
    rows = []
    for r in board.rows:
        stage = r.stage + (" ★ first approved" if r.first_approved else "")
        if r.marks:
            stage += " — " + "; ".join(r.marks)
        rows.append(
            (
                str(r.rank),
                r.asset,
                stage,
                cell(r.stage_date),
                " ".join(p for p in (cell(r.holder), f"(since {cell(r.holder_since)})" if r.holder_since else "") if p),
                " ".join(p for p in (cell(r.originator), f"({r.originator_country})" if r.originator_country else "")
                         if p),
                cell(r.origin),
                cell(r.next_milestone),
                cell(r.elsewhere),
                str(r.facts),
            )
        )
    notes = ("★ marks the first asset approved in this market.",) if any(r.first_approved for r in board.rows) else ()
    if not board.rows:
        notes = (f"No asset on {board.target} has a fact in this market yet.",)
    return [
        Table(
            _title(f"Race: {board.target}", board.market, board.indication, board.as_of),
            ("#", "asset", "stage", "since", "rights holder", "originator", "origin", "next milestone",
             "elsewhere", "facts"),
            tuple(rows),
            notes,
        )
    ]
