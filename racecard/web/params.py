"""Validated request parameters shared by the routers: names, dates, limits."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Query

__all__ = ["TEXT", "AsOf", "Name", "NamePath", "OptName", "Since"]

# Printable text without control characters; long enough for any drug, company or target name.
TEXT = r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$"
_MIN, _MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

Name = Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT)]
OptName = Annotated[str | None, Query(min_length=1, max_length=200, pattern=TEXT)]
NamePath = Annotated[str, Path(min_length=1, max_length=200, pattern=TEXT)]
AsOf = Annotated[dt.date | None, Query(ge=_MIN, le=_MAX, description="Only facts published on or before this date.")]
Since = Annotated[dt.date | None, Query(ge=_MIN, le=_MAX)]
