"""Sentences as character spans, skipping page furniture.

A rule-based splitter tuned for news and filings: it breaks at line ends and after
``.``, ``!`` or ``?`` followed by a space and a capital, a digit or a quote (or with no space
before a capitalised word, where a scrape ran two paragraphs together), unless the full stop
closes an abbreviation ("Co.", "Inc.", "U.S.", "Dr.", "Jan.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from racecard.model import Span

__all__ = ["sentences"]

ABBREVIATIONS = frozenset(
    """inc co corp ltd llc plc bv nv sa ag dr mr mrs ms prof st no nos vs approx est
    jan feb mar apr jun jul aug sep sept oct nov dec fig figs e.g i.e etc al u.s u.k
    ph.d m.d mg ml kg dept gov sr jr mt ft op cit ed eds vol pp p resp""".split()
)

_LINE = re.compile(r"[^\n]+")
# after a full stop: a space and a capital, or (paragraphs a scrape ran together, "guidance).The") none
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|(?P<glued>[A-Z][a-z]))")
_GLUED_AFTER = frozenset("abcdefghijklmnopqrstuvwxyz)]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower()
    if word in ABBREVIATIONS:
        return True
    # single capital initials ("J. Smith") and dotted acronyms ("U.S.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _split_line(text: str, start: int, end: int, out: list[Span]) -> None:
    begin = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group("glued") and (m.start() == 0 or text[m.start() - 1] not in _GLUED_AFTER):
            continue  # "U.S.Food" is no glued paragraph: only a word or a bracket closes one
        if _is_abbreviation(text, m.start()):
            continue
        stop = m.end()
        if stop - begin > 1:
            out.append(_trim(text, begin, stop))
        begin = stop
    if end > begin:
        out.append(_trim(text, begin, end))


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentences(text: str, skip: Sequence[Span] = ()) -> tuple[Span, ...]:
    """The sentences of ``text`` outside the ``skip`` spans (furniture), in order."""
    out: list[Span] = []
    for m in _LINE.finditer(text):
        line = Span(m.start(), m.end())
        if any(s.contains(line) for s in skip):
            continue
        _split_line(text, m.start(), m.end(), out)
    return tuple(s for s in out if s.end > s.start)
