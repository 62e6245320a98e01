"""The company page: portfolio (own, in-licensed), deals in and out, hand-backs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from racecard.web.company import CompanyPage, company_page
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.params import TEXT, AsOf, NamePath
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import connection

router = APIRouter()
CompanyName = Annotated[str, Path(min_length=1, max_length=200, pattern=TEXT, examples=["Amgen"])]
Conn = Annotated[Connection, Depends(connection)]


@router.get("/api/v1/companies/{name}", response_model=CompanyPage, responses=ERROR_RESPONSES, tags=["companies"])
def company_json(request: Request, conn: Conn, name: CompanyName, as_of: AsOf = None) -> Response:
    """A company's portfolio, its deals in and out, and the rights handed back to or by it."""
    return json_twin(request, ("company", name, as_of), CompanyPage, lambda: company_page(conn, name, as_of))


@router.get("/companies/{name}", response_class=HTMLResponse, include_in_schema=False)
def company_html(request: Request, conn: Conn, name: NamePath, as_of: AsOf = None) -> HTMLResponse:
    c = cached(request, ("company", name, as_of), lambda: company_page(conn, name, as_of))
    return page(request, "company.html", c=c, as_of=as_of)
