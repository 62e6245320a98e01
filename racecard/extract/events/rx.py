"""Fast trigger patterns: matched case-sensitively on lower-cased text.

Python's regular-expression engine skips ahead quickly only when a pattern opens with plain
literal characters; ``re.IGNORECASE`` and a leading ``\\b`` both switch that off, and the
trigger vocabularies are long alternations run on every gated sentence. A :class:`Trigger`
compiles its pattern in lower case without the flag, searches the lower-cased sentence
(same length, so offsets hold), and checks the word boundary itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Trigger", "lower_pattern", "lower_text"]

_LEADING_BOUNDARY = re.compile(r"^(?:\\b)+")


def lower_text(text: str) -> str:
    """``text`` in lower case, always of the same length (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def lower_pattern(pattern: str) -> str:
    """A pattern's literal letters in lower case; escapes (``\\S``, ``\\W``, ``\\B``) and group names kept."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            end = pattern.index(">", i)
            out.append(pattern[i : end + 1])
            i = end + 1
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


class Trigger:
    """An alternation of trigger patterns, each matching at the start of a word, case-insensitively."""

    __slots__ = ("_rx", "pattern")

    def __init__(self, parts: list[str] | str) -> None:
        items = [parts] if isinstance(parts, str) else parts
        self.pattern = "|".join(f"(?:{_LEADING_BOUNDARY.sub('', p)})" for p in items)
        self._rx = re.compile(lower_pattern(self.pattern))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        low = lower_text(text)
        end = len(low) if endpos is None else endpos
        at = pos
        while at <= end:
            m = self._rx.search(low, at, end)
            if m is None:
                return
            if m.start() > 0 and low[m.start() - 1].isalnum():
                at = m.start() + 1  # not at a word start: look again just after it
                continue
            yield m
            at = max(m.end(), m.start() + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)
