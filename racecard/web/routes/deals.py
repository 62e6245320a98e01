"""The deal table: filters, summary with comparables, and a chart of values by year and territory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from racecard.views.deals import DealTable, deals
from racecard.web.charts import deals_chart
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.params import AsOf, OptName, Since
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import connection

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Phase = Annotated[str | None, Query(pattern=r"^(preclinical|1|1/2|2|2/3|3)$", description="Phase when signed.")]


@router.get("/api/v1/deals", response_model=DealTable, responses=ERROR_RESPONSES, tags=["deals"])
def deals_json(request: Request, conn: Conn, territory: OptName = None, since: Since = None,
               party: OptName = None, phase: Phase = None, as_of: AsOf = None) -> Response:
    """Licences and acquisitions with their terms, a summary and comparables."""
    return json_twin(request, ("deals", territory, since, party, phase, as_of), DealTable, lambda: deals(
        conn=conn, territory=territory, since=since, party=party, phase=phase, as_of=as_of))


@router.get("/deals", response_class=HTMLResponse, include_in_schema=False)
def deals_page(request: Request, conn: Conn, territory: OptName = None, since: Since = None, party: OptName = None,
               phase: Phase = None, as_of: AsOf = None) -> HTMLResponse:
    table = cached(request, ("deals", territory, since, party, phase, as_of), lambda: deals(
        conn=conn, territory=territory, since=since, party=party, phase=phase, as_of=as_of))
    return page(request, "deals.html", t=table, chart=deals_chart(table), territory=territory or "",
                since=since, party=party or "", phase=phase or "", as_of=as_of)
