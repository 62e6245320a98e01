"""Fetching URLs (httpx) with an injectable transport, so tests never touch the network."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from racecard.errors import InputError
from racecard.ingest.base import MAX_BYTES

__all__ = ["Fetched", "fetch", "is_url"]

TIMEOUT = 30.0
USER_AGENT = "racecard (+https://github.com/racecard) httpx"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: its final URL, bytes, content type and when it was fetched."""

    url: str
    data: bytes
    content_type: str
    fetched: datetime


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, transport: httpx.BaseTransport | None = None, limit: int = MAX_BYTES) -> Fetched:
    """GET one URL, following redirects; an HTTP or network failure is an InputError naming the URL."""
    # SEC EDGAR asks for a contact in the User-Agent: set RACECARD_USER_AGENT to yours.
    headers = {"User-Agent": os.environ.get("RACECARD_USER_AGENT", USER_AGENT)}
    try:
        with (
            httpx.Client(transport=transport, timeout=TIMEOUT, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}", source=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(f"response is larger than {limit:,} bytes", source=url)
                chunks.append(chunk)
            return Fetched(
                str(response.url), b"".join(chunks), response.headers.get("content-type", ""), datetime.now(UTC)
            )
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch: {exc}", source=url) from exc
