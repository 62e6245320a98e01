"""One error envelope for every JSON error, and an error page for every HTML one.

    {"ok": false, "error": "no drug known as 'X'", "errors": ["…"], "status": 404}

Racecard's own errors carry their HTTP status (``RacecardError.status``); a request
that fails validation is a 422 listing each bad parameter; anything unexpected is a
500 that says no more than that (the details go to the log, never to the client).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from racecard.errors import RacecardError

__all__ = ["ERROR_RESPONSES", "ErrorBody", "error_body", "install"]

log = logging.getLogger("racecard.web")


class ErrorBody(BaseModel):
    """The body of every JSON error."""

    ok: Literal[False] = False
    error: str
    errors: list[str]
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
    500: {"model": ErrorBody, "description": "Server error"},
}


def error_body(message: str, status: int, errors: Sequence[str] = ()) -> dict[str, Any]:
    return {"ok": False, "error": message, "errors": list(errors) or [message], "status": status}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _respond(request: Request, message: str, status: int, errors: Sequence[str] = (),
             headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(message, status, errors), status_code=status, headers=headers)
    templates = request.app.state.templates
    page: Response = templates.TemplateResponse(
        request, "error.html", {"message": message, "errors": list(errors), "status": status},
        status_code=status, headers=headers,
    )
    return page


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


async def _racecard_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RacecardError)
    if exc.status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return _respond(request, str(exc), exc.status)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [f"{_field(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    return _respond(request, errors[0] if len(errors) == 1 else f"{len(errors)} invalid parameters", 422, errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no page at {request.url.path}"
    return _respond(request, message, exc.status_code, headers=dict(exc.headers or {}) or None)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return _respond(request, "internal error; the server log has the details", 500)


def install(app: FastAPI) -> None:
    """Route every error through the envelope (JSON) or the error page (HTML)."""
    app.add_exception_handler(RacecardError, _racecard_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
