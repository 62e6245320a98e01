"""The document page (text with every mention and fact highlighted) and analyst reviews of facts.

Reviews are the only writes: ``POST /api/v1/facts/{id}/reviews`` with
``Authorization: Bearer TOKEN``, or the review form on the page (token in the form).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, select

from racecard.errors import ConfigError, InputError, NotFoundError, RacecardError
from racecard.store.reviews import Review, review, reviews_of
from racecard.store.schema import events
from racecard.web.document import DocumentPage, document_page
from racecard.web.errors import ERROR_RESPONSES, ErrorBody
from racecard.web.highlight import highlight
from racecard.web.params import TEXT, NamePath
from racecard.web.routes._page import cached, json_twin, page
from racecard.web.settings import Settings, connection, settings, store
from racecard.web.tokens import verify_token

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
FactId = Annotated[int, Path(ge=1, le=2**62, examples=[1])]
DocId = Annotated[str, Path(min_length=1, max_length=200, pattern=TEXT, examples=["kras-07"])]
bearer = HTTPBearer(auto_error=False, description="A token from `racecard token create NAME`.")
Scalar = str | int | float | bool | None
_FIELD = r"^[a-z][a-z_]{0,39}$"


class Unauthorized(RacecardError):
    """A write without a valid token."""

    status = 401


class ReviewIn(BaseModel):
    """An analyst's decision on a fact; a correction carries the corrected fields."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "correct", "reject"]
    fields: dict[Annotated[str, Field(pattern=_FIELD)], Annotated[Scalar, Field()]] | None = Field(
        default=None, max_length=30)
    note: str | None = Field(default=None, max_length=2000)


class ReviewOut(BaseModel):
    id: int
    event_id: int
    action: str
    by: str
    at: dt.datetime
    fields: dict[str, Any] | None
    note: str | None


def _out(r: Review) -> ReviewOut:
    return ReviewOut(id=r.id, event_id=r.event_id, action=str(r.action), by=r.by, at=r.at,
                     fields=dict(r.fields) if r.fields else None, note=r.note)


def _analyst(token: str | None, conf: Settings) -> str:
    name = verify_token(token or "", path=conf.tokens)
    if name is None:
        raise Unauthorized("a review needs a valid token: Authorization: Bearer TOKEN "
                           "(make one with `racecard token create NAME`)")
    return name


def _save(request: Request, event_id: int, body: ReviewIn, by: str) -> ReviewOut:
    with store(request).begin() as conn:
        new = review(conn, event_id, body.action, by=by, fields=body.fields, note=body.note)
        saved = next(r for r in reviews_of(conn, event_id) if r.id == new)
    request.app.state.cache.clear()
    return _out(saved)


@router.get("/api/v1/documents/{document_id}", response_model=DocumentPage, responses=ERROR_RESPONSES,
            tags=["documents"])
def document_json(request: Request, conn: Conn, document_id: DocId) -> Response:
    """A stored document: its text, every mention and every fact with its evidence span and review."""
    return json_twin(request, ("document", document_id), DocumentPage, lambda: document_page(conn, document_id))


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document_html(request: Request, conn: Conn, document_id: NamePath) -> HTMLResponse:
    doc = cached(request, ("document", document_id), lambda: document_page(conn, document_id))
    return page(request, "document.html", doc=doc, text=highlight(doc.text, doc.mentions, doc.facts))


@router.get("/api/v1/facts/{event_id}/reviews", response_model=list[ReviewOut], responses=ERROR_RESPONSES,
            tags=["reviews"])
def reviews_json(conn: Conn, event_id: FactId) -> list[ReviewOut]:
    """Every analyst review of a fact, oldest first."""
    if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
        raise NotFoundError(f"no fact with id {event_id}")
    return [_out(r) for r in reviews_of(conn, event_id)]


@router.post("/api/v1/facts/{event_id}/reviews", response_model=ReviewOut, status_code=201, tags=["reviews"],
             responses={**ERROR_RESPONSES, 401: {"model": ErrorBody, "description": "No valid token"}})
def review_json(request: Request, event_id: FactId, body: ReviewIn,
                conf: Annotated[Settings, Depends(settings)],
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> ReviewOut:
    """Confirm, correct or reject a fact; needs ``Authorization: Bearer TOKEN``."""
    by = _analyst(credentials.credentials if credentials else None, conf)
    return _save(request, event_id, body, by)


def _corrections(text: str) -> dict[str, Scalar] | None:
    """``key = value`` lines from the review form."""
    out: dict[str, Scalar] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ConfigError(f"write corrections as key = value, one per line (got {line.strip()[:40]!r})",
                              field="fields")
        out[key.strip()] = value.strip()
    return out or None


@router.post("/facts/{event_id}/review", include_in_schema=False)
async def review_form(request: Request, event_id: FactId,
                      conf: Annotated[Settings, Depends(settings)]) -> RedirectResponse:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise InputError("send the review form as application/x-www-form-urlencoded")
    raw = await request.body()
    if len(raw) > 20_000:
        raise InputError("the review form is too large")
    form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10).items()}
    by = _analyst(form.get("token"), conf)
    try:
        body = ReviewIn(action=form.get("action", ""), note=form.get("note") or None,  # type: ignore[arg-type]
                        fields=_corrections(form.get("fields", "")))
    except ValueError as exc:
        raise ConfigError(str(exc).splitlines()[0], field="review") from exc
    _save(request, event_id, body, by)
    with store(request).engine.connect() as conn:
        doc = conn.execute(select(events.c.document_id).where(events.c.id == event_id)).scalar_one()
    return RedirectResponse(f"/documents/{doc}?reviewed={event_id}#fact-{event_id}", status_code=303)
