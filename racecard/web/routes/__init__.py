"""Routers, one per resource; each serves a page and its JSON twin from the same function."""

from __future__ import annotations

from fastapi import APIRouter

from racecard.web.routes import apidocs, assets, companies, deals, digest, documents, forecast, home, race

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    home.router, race.router, assets.router, companies.router, deals.router, documents.router, digest.router,
    forecast.router, apidocs.router,
)
