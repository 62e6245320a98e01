"""The FastAPI app: pages, their JSON twins under ``/api/v1``, static assets, one error envelope."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from racecard.errors import ConfigError
from racecard.store import Store
from racecard.views.describe import money
from racecard.web import errors
from racecard.web.cache import ViewCache
from racecard.web.settings import Settings

__all__ = ["PACKAGE", "create_app", "plotly_js"]

PACKAGE = Path(__file__).resolve().parent
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", _CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (no inline script) and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, sending)


class DropEmptyParams:
    """Pages only: a form's empty field (``?indication=&as_of=``) means "not given", not an invalid value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") and not scope["path"].startswith("/api/"):
            pairs = scope["query_string"].split(b"&")
            kept = b"&".join(p for p in pairs if p and not p.endswith(b"="))
            if len(kept) != len(scope["query_string"]):
                scope = {**scope, "query_string": kept}
        await self.app(scope, receive, send)


def plotly_js() -> Path:
    """Plotly's JavaScript, as shipped inside the ``plotly`` Python package."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise ConfigError(f"plotly.min.js is missing from the plotly package ({path}); reinstall plotly")
    return path


def _query(base: str, **params: Any) -> str:
    kept = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in params.items() if v not in (None, "")}
    return f"{base}?{urlencode(kept)}" if kept else base


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda v: quote(str(v), safe="")
    env.filters["money"] = lambda v: money(v) or ""
    env.filters["day"] = lambda v: v.isoformat() if isinstance(v, dt.date) else (v or "")
    env.globals["query"] = _query
    return Jinja2Templates(env=env)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.cache.close()
    app.state.store.close()  # pooled connections (PostgreSQL) closed at shutdown


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for one store (``settings.database``, else ``$RACECARD_DB``)."""
    from racecard.web.routes import ROUTERS

    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Racecard",
        version="1",
        summary="Biopharma competitive intelligence: race boards, dossiers, deals, digests, forecasts.",
        description="Every page of the dashboard has a JSON twin here, from the same view function. "
        'Errors are `{"ok": false, "error", "errors", "status"}`. Reviews need `Authorization: Bearer TOKEN` '
        "(make one with `racecard token create NAME`).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = Store(settings.database, schema=settings.schema)
    app.state.templates = _templates()
    app.state.cache = ViewCache(app.state.store.engine)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    plotly = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def _plotly() -> FileResponse:
        return FileResponse(plotly, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(SecurityHeaders)
    return app
