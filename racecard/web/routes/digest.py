"""The digest (new facts and race moves since a date) and related stories for a document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from racecard.errors import ConfigError
from racecard.views.digest import Digest, Watchlist, digest
from racecard.views.related import RelatedStories, related
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.params import TEXT, AsOf, NamePath
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.routes.assets import quote_links
from racecard.web.settings import connection

router = APIRouter()
DocId = Annotated[str, Path(min_length=1, max_length=200, pattern=TEXT, examples=["kras-07"])]
Conn = Annotated[Connection, Depends(connection)]
Names = Annotated[list[str], Query(max_length=20, description="Repeat the parameter for several.")]
SinceDay = Annotated[dt.date | None, Query(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31),
                                           description="Facts published after this date (default: 7 days ago).")]


def _check(values: list[str]) -> tuple[str, ...]:
    for v in values:
        if not v.strip() or len(v) > 200 or any(ord(c) < 32 for c in v):
            raise ConfigError(f"{v[:40]!r} is not a usable name", field="watch")
    return tuple(values)


def _digest(request: Request, conn: Connection, since: dt.date | None, as_of: dt.date | None, targets: list[str],
            assets: list[str], companies: list[str], markets: list[str]) -> tuple[tuple[object, ...], Digest]:
    start = since or (as_of or dt.date.today()) - dt.timedelta(days=7)
    watch = Watchlist(_check(targets), _check(assets), _check(companies), _check(markets))
    key = ("digest", start, as_of, watch)
    return key, cached(request, key, lambda: digest(conn=conn, since=start, watch=watch, as_of=as_of))


@router.get("/api/v1/digest", response_model=Digest, responses=ERROR_RESPONSES, tags=["digest"])
def digest_json(request: Request, conn: Conn, since: SinceDay = None, as_of: AsOf = None,
                target: Names = [], asset: Names = [], company: Names = [],  # noqa: B006
                market: Names = []) -> Response:  # noqa: B006
    """Facts new since a date for a watchlist (targets, assets, companies, markets), and race moves."""
    key, news = _digest(request, conn, since, as_of, target, asset, company, market)
    return json_twin(request, key, Digest, lambda: news)


@router.get("/digest", response_class=HTMLResponse, include_in_schema=False)
def digest_page(request: Request, conn: Conn, since: SinceDay = None, as_of: AsOf = None, target: Names = [],  # noqa: B006
                asset: Names = [], company: Names = [], market: Names = []) -> HTMLResponse:  # noqa: B006
    def split(values: list[str]) -> list[str]:
        return [p.strip() for v in values for p in v.split(",") if p.strip()]

    _, news = _digest(request, conn, since, as_of, split(target), split(asset), split(company), split(market))
    links = quote_links(conn, [f.quote for f in news.facts if f.quote])
    return page(request, "digest.html", news=news, links=links, target=", ".join(target), asset=", ".join(asset),
                company=", ".join(company), market=", ".join(market))


@router.get("/api/v1/documents/{document_id}/related", response_model=RelatedStories, responses=ERROR_RESPONSES,
            tags=["documents"])
def related_json(request: Request, conn: Conn, document_id: DocId, limit: Annotated[int, Query(ge=1, le=100)] = 10,
                 as_of: AsOf = None) -> Response:
    """The stories sharing the most entities and facts with a document."""
    return json_twin(request, ("related", document_id, limit, as_of), RelatedStories,
                     lambda: related(conn=conn, document=document_id, limit=limit, as_of=as_of))


@router.get("/documents/{document_id}/related", response_class=HTMLResponse, include_in_schema=False)
def related_page(request: Request, conn: Conn, document_id: NamePath,
                 limit: Annotated[int, Query(ge=1, le=100)] = 10, as_of: AsOf = None) -> HTMLResponse:
    r = cached(request, ("related", document_id, limit, as_of),
               lambda: related(conn=conn, document=document_id, limit=limit, as_of=as_of))
    return page(request, "related.html", r=r)
