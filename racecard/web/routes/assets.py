"""The asset dossier: names, rights timeline per territory, every event with its sources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection, select

from racecard.store.schema import evidence
from racecard.views.asset import Dossier, asset
from racecard.web.charts import dossier_chart
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.params import TEXT, AsOf, NamePath
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import connection

router = APIRouter()
AssetName = Annotated[str, Path(min_length=1, max_length=200, pattern=TEXT, examples=["fulzerasib"])]
Conn = Annotated[Connection, Depends(connection)]


def fact_links(conn: Connection, pairs: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], int]:
    """(document id, quote) → the id of the event whose evidence it is, to link a source to its sentence.

    The dossier's sources carry the document and the quote but not the event; this finds it.
    """
    wanted = {(d, q) for d, q in pairs if q}
    docs = sorted({d for d, _ in wanted})
    out: dict[tuple[str, str], int] = {}
    for i in range(0, len(docs), 500):
        query = select(evidence.c.document_id, evidence.c.quote, evidence.c.event_id).where(
            evidence.c.document_id.in_(docs[i : i + 500])
        ).order_by(evidence.c.primary.desc(), evidence.c.id)
        for r in conn.execute(query).all():
            if (r.document_id, r.quote) in wanted:
                out.setdefault((r.document_id, r.quote), r.event_id)
    return out


def quote_links(conn: Connection, quotes: Iterable[str]) -> dict[str, tuple[str, int]]:
    """quote → (document id, event id) of a fact with that evidence, for views that give only the quote."""
    wanted = sorted(set(quotes))
    out: dict[str, tuple[str, int]] = {}
    for i in range(0, len(wanted), 500):
        query = select(evidence.c.quote, evidence.c.document_id, evidence.c.event_id).where(
            evidence.c.quote.in_(wanted[i : i + 500])
        ).order_by(evidence.c.primary.desc(), evidence.c.id)
        for r in conn.execute(query).all():
            out.setdefault(r.quote, (r.document_id, r.event_id))
    return out


@router.get("/api/v1/assets/{name}", response_model=Dossier, responses=ERROR_RESPONSES, tags=["assets"])
def asset_json(request: Request, conn: Conn, name: AssetName, as_of: AsOf = None) -> Response:
    """Everything known about one drug, by any of its names or codes, as of a date."""
    return json_twin(request, ("asset", name, as_of), Dossier, lambda: asset(conn=conn, name=name, as_of=as_of))


@router.get("/assets/{name}", response_class=HTMLResponse, include_in_schema=False)
def asset_page(request: Request, conn: Conn, name: NamePath, as_of: AsOf = None) -> HTMLResponse:
    dossier = cached(request, ("asset", name, as_of), lambda: asset(conn=conn, name=name, as_of=as_of))
    links = fact_links(conn, ((s.document_id, s.quote) for e in dossier.events for s in e.sources))
    return page(request, "asset.html", d=dossier, chart=dossier_chart(dossier), links=links, as_of=as_of)
