"""How each view's result is laid out as table sections for the text renderers."""

from __future__ import annotations

from collections.abc import Sequence

from racecard.views.asset import Dossier
from racecard.views.deals import DealTable
from racecard.views.demo import ArticleRead
from racecard.views.describe import money
from racecard.views.digest import Digest
from racecard.views.race import RaceBoard
from racecard.views.related import RelatedStories
from racecard.views.render import Table, cell

__all__ = ["asset_tables", "deal_tables", "digest_tables", "digest_title", "race_tables", "related_tables"]


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


def deal_tables(t: DealTable) -> list[Table]:
    filters = [f"territory {t.territory}" if t.territory else "", f"since {cell(t.since)}" if t.since else "",
               f"party {t.party}" if t.party else "", t.phase or "",
               f"as of {cell(t.as_of)}" if t.as_of else ""]
    title = "Deals" + (" (" + ", ".join(f for f in filters if f) + ")" if any(filters) else "")
    raw = tuple(
        (d.stated_date or d.date, "licence" if d.type == "license" else d.type, d.asset, d.seller, d.buyer, d.territory,
         d.upfront_usd, d.milestones_usd, d.total_usd, d.phase, d.handed_back, d.sources)
        for d in t.deals
    )
    rows = tuple(
        tuple(cell(money(v)) if i in (6, 7, 8) and v is not None else cell(v) for i, v in enumerate(r)) for r in raw
    )
    s = t.summary
    summary = (
        ("deals", str(s.count)),
        ("median upfront", cell(money(s.median_upfront_usd))),
        ("total milestones", cell(money(s.total_milestones_usd)) if s.total_milestones_usd else ""),
        ("handed back since", str(s.handed_back)),
    )
    comparables = tuple(
        (c.phase, c.territory, str(c.deals), cell(money(c.median_upfront_usd))) for c in s.comparables
    )
    return [
        Table(title, ("date", "type", "asset", "licensor / acquired", "licensee / acquirer", "territory", "upfront",
                      "milestones", "total", "phase at deal", "handed back", "sources"), rows, raw=raw),
        Table("Summary", ("measure", "value"), summary),
        Table("Comparables: median upfront by phase and territory", ("phase", "territory", "deals", "median upfront"),
              comparables),
    ]


def digest_tables(d: Digest) -> list[Table]:
    facts = tuple(
        (cell(f.date), cell(f.published), ", ".join(f.assets), f.type + ("" if f.status == "happened" else
                                                                       f" ({f.status})"),
         f.summary, cell(f.source), cell(f.quote))
        for f in d.facts
    )
    changes = tuple(
        (c.target, c.market or "all markets", c.asset, cell(c.before), cell(c.after), c.change) for c in d.changes
    )
    return [
        Table(f"New facts since {cell(d.since)}", ("date", "published", "assets", "type", "what", "source", "quote"),
              facts),
        Table("Race positions that changed", ("target", "market", "asset", "before", "now", "change"), changes),
    ]


def digest_title(d: Digest) -> str:
    watched = ", ".join([*d.watch.targets, *d.watch.assets, *d.watch.companies])
    return f"Racecard digest since {cell(d.since)}" + (f": {watched}" if watched else "") + (
        f" (as of {cell(d.as_of)})" if d.as_of else "")


def related_tables(r: RelatedStories) -> list[Table]:
    rows = tuple(
        (f"{s.score:.2f}", s.document_id, cell(s.title), cell(s.published), str(s.shared_facts),
         ", ".join(s.shared_entities[:8]) + (" …" if len(s.shared_entities) > 8 else ""), cell(s.url))
        for s in r.stories
    )
    title = f"Related to {r.title or r.document_id}" + (f" as of {cell(r.as_of)}" if r.as_of else "")
    return [Table(title, ("score", "document", "title", "published", "shared facts", "shared entities", "url"), rows)]


def read_tables(articles: Sequence[ArticleRead]) -> list[Table]:
    """What the reader found in each article: drugs, companies, targets, indications, facts."""
    kinds = ("drug", "company", "target", "indication")
    rows = tuple(
        (cell(a.published), a.title, *("; ".join(a.entities.get(k, ())) for k in kinds), str(a.facts))
        for a in articles
    )
    columns = ("published", "article", "drugs", "companies", "targets", "indications", "facts")
    return [Table("What was read", columns, rows)]
