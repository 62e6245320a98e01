"""Rendering a page, and answering a view's JSON twin, through the view cache."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter

from racecard.web.cache import ViewCache

__all__ = ["cached", "json_twin", "page"]

T = TypeVar("T")
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context)
    return response


def cached(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """A view's result from the app's cache (computed on a miss)."""
    cache: ViewCache = request.app.state.cache
    return cache.get(key, compute)


def json_twin(request: Request, key: Hashable, kind: Any, compute: Callable[[], Any]) -> Response:
    """The view's result as JSON (encoded once per store generation), in the shape of ``kind``."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    body = cached(request, ("json", key), lambda: adapter.dump_json(cached(request, key, compute)))
    return Response(body, media_type="application/json")
