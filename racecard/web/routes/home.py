"""Home (latest facts, counts) and search over assets, companies, targets and indications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from racecard.web.errors import ERROR_RESPONSES
from racecard.web.home import Home, SearchResults, latest, search
from racecard.web.params import OptName
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import connection

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Limit = Annotated[int, Query(ge=1, le=200, description="How many facts.")]


@router.get("/api/v1/home", response_model=Home, responses=ERROR_RESPONSES, tags=["home"])
def home_json(request: Request, conn: Conn, limit: Limit = 25) -> Response:
    """Counts of documents and facts, and the latest facts."""
    return json_twin(request, ("home", limit), Home, lambda: latest(conn, limit))


@router.get("/api/v1/search", response_model=SearchResults, responses=ERROR_RESPONSES, tags=["home"])
def search_json(request: Request, conn: Conn, q: Annotated[str, Query(min_length=1, max_length=100)]) -> Response:
    """Assets, companies, targets and indications whose name or alias contains ``q``."""
    return json_twin(request, ("search", q), SearchResults, lambda: search(conn, q))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, conn: Conn, q: OptName = None) -> HTMLResponse:
    results = cached(request, ("search", q), lambda: search(conn, q)) if q and q.strip() else None
    home = cached(request, ("home", 25), lambda: latest(conn, 25))
    return page(request, "home.html", home=home, results=results, q=q or "")
