"""Racecard: open-source biopharma competitive intelligence.

Read the news, record every fact with the sentence it came from, and show who is
winning each race::

    import racecard
    reading = racecard.read("Amgen handed rocatinlimab back to Kyowa Kirin.", published="2026-01-30")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "read"]

if TYPE_CHECKING:
    from racecard.model import Reading


def read(text: str, **metadata: Any) -> Reading:
    """Read one text: every entity and event it asserts, with evidence.

    Keyword arguments are the document's metadata: ``published`` (a date or ISO
    string; relative dates in the text resolve against it), ``url``, ``title``,
    ``source``, ``id``.
    """
    from racecard.extract.pipeline import read as _read

    return _read(text, **metadata)
