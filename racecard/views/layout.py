"""How each view's result is laid out as table sections for the text renderers."""

from __future__ import annotations

from racecard.views.asset import Dossier
from racecard.views.race import RaceBoard
from racecard.views.render import Table, cell

__all__ = ["asset_tables", "race_tables"]


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


def asset_tables(d: Dossier) -> list[Table]:
    identity = (
        ("name", d.name),
        ("names and codes", "; ".join(d.names)),
        ("targets", "; ".join(d.targets)),
        ("modality", cell(d.modality)),
        ("class", cell(d.drug_class)),
        ("originator", " ".join(p for p in (cell(d.originator), f"({d.originator_country})"
                                              if d.originator_country else "") if p)),
    )
    title = f"Asset: {d.name}" + (f" as of {cell(d.as_of)}" if d.as_of else "")
    rights = tuple(
        (cell(m.date), m.kind, "(company)" if m.territory == "company" else m.territory or "the asset",
         cell(m.previous), cell(m.holder))
        for m in d.rights
    )
    holders = tuple((h.territory, cell(h.holder), cell(h.since)) for h in d.holders)
    events = tuple(
        (
            e.stated_date or cell(e.date),
            e.type + ("" if e.status == "happened" else f" ({e.status})"),
            e.summary,
            e.sources[0].title or e.sources[0].document_id if e.sources else "",
            (e.sources[0].quote or "") if e.sources else "",
            str(len(e.sources)),
        )
        for e in d.events
    )
    return [
        Table(title, ("field", "value"), identity),
        Table("Rights timeline", ("date", "move", "territory", "from", "to"), rights),
        Table("Rights now", ("territory", "holder", "since"), holders),
        Table("Events", ("date", "type", "what", "source", "quote", "sources"), events),
    ]
