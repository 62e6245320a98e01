"""The race board: target × indication × market as of a date, with pickers and a stage chart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection, select

from racecard.store.schema import entities
from racecard.views.race import RaceBoard, race
from racecard.web.charts import race_chart
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.params import TEXT, AsOf, OptName
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import connection

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Target = Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT, examples=["KRAS G12C"])]
MARKETS = ("China", "US", "Japan", "EU", "UK", "South Korea", "Taiwan", "Greater China", "7MM")


def _names(conn: Connection, kind: str, limit: int = 2000) -> list[str]:
    query = select(entities.c.name).where(entities.c.kind == kind, entities.c.merged_into.is_(None))
    return sorted(r[0] for r in conn.execute(query.order_by(entities.c.name).limit(limit)).all())


@router.get("/api/v1/race", response_model=RaceBoard, responses=ERROR_RESPONSES, tags=["race"])
def race_json(request: Request, conn: Conn, target: Target, indication: OptName = None, market: OptName = None,
              as_of: AsOf = None) -> Response:
    """Every asset on a target (or drug class), ranked by its furthest stage in a market, as of a date."""
    return json_twin(request, ("race", target, indication, market, as_of), RaceBoard,
                     lambda: race(conn=conn, target=target, indication=indication, market=market, as_of=as_of))


@router.get("/race", response_class=HTMLResponse, include_in_schema=False)
def race_page(request: Request, conn: Conn, target: OptName = None, indication: OptName = None,
              market: OptName = None, as_of: AsOf = None) -> HTMLResponse:
    board = cached(request, ("race", target, indication, market, as_of), lambda: race(
        conn=conn, target=target, indication=indication, market=market, as_of=as_of)) if target else None
    return page(request, "race.html", board=board, chart=race_chart(board) if board else None,
                target=target or "", indication=indication or "", market=market or "", as_of=as_of,
                targets=cached(request, ("names", "target"), lambda: _names(conn, "target")),
                indications=cached(request, ("names", "indication"), lambda: _names(conn, "indication")),
                markets=MARKETS)
