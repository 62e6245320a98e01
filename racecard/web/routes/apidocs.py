"""A plain page documenting the API from its OpenAPI spec (Swagger UI would load from a CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from racecard.web.routes._page import page

router = APIRouter()


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or "",
                       "type": p.get("schema", {}).get("type") or " | ".join(
                           str(a.get("type") or a.get("format") or "") for a in p.get("schema", {}).get("anyOf", []))}
                      for p in op.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "parameters": params,
                        "body": "requestBody" in op, "responses": sorted(op.get("responses", {}))})
    return out


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    return page(request, "apidocs.html", info=request.app.openapi()["info"],
                operations=_operations(request.app.openapi()))
