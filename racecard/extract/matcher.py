"""Lexicon matching with an Aho-Corasick automaton over case-folded text.

Every surface form of the lexicon is a key of one automaton, folded (lower case,
dashes and quotes made ASCII, length kept so offsets stay valid). A hit counts only
at word boundaries, and a ``cased`` form (a ticker, a gene symbol, an abbreviation)
only where the text has its exact case. Research codes match in their spacing
variants (AMG 510 = AMG-510 = AMG510).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from racecard.lexicon import Term, TermStatus
from racecard.model import EntityKind

__all__ = ["Candidate", "Hit", "Matcher", "code_variants", "fold"]

_FOLD = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00ae": " ", "\u2122": " ",
    }
)  # fmt: skip
_CODE_SPLIT = re.compile(r"^([A-Za-z]{1,8})[- ]?(\d[\w-]*)$")
_PLURAL_KINDS = (EntityKind.INDICATION,)


def fold(text: str) -> str:
    """Lower case with ASCII dashes, quotes and spaces; always the same length as ``text``."""
    out = text.translate(_FOLD).lower()
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in zip(text.translate(_FOLD), (x.lower() for x in text), strict=True))


def code_variants(code: str) -> set[str]:
    """A research code as news writes it: with a space, a hyphen or nothing after its letters."""
    m = _CODE_SPLIT.match(code.strip())
    if not m or not any(ch.isdigit() for ch in code):
        return {code}
    letters, rest = m.groups()
    return {f"{letters}{rest}", f"{letters}-{rest}", f"{letters} {rest}"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity a matched stretch of text may refer to."""

    kind: EntityKind
    name: str
    status: TermStatus
    source: str
    form: str
    cased: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A stretch of text and every lexicon entity its form can name."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class Matcher:
    """Finds every lexicon form in a text, longest non-overlapping first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        table: dict[str, dict[tuple[EntityKind, str, str], Candidate]] = {}
        for term in terms:
            forms = {term.text}
            if term.status in (TermStatus.CODE, TermStatus.NAME, TermStatus.CURATED, TermStatus.SYNONYM):
                if any(ch.isdigit() for ch in term.text) and len(term.text) >= 4:
                    forms = code_variants(term.text)
            for form in forms:
                key = fold(form).strip()
                if len(key) < 2:
                    continue
                cand = Candidate(term.kind, term.name, term.status, term.source, form, term.cased)
                slot = table.setdefault(key, {})
                ident = (term.kind, term.name, form)
                if ident not in slot or slot[ident].status > cand.status:
                    slot[ident] = cand
        self._automaton = ahocorasick.Automaton()
        for key, cands in table.items():
            self._automaton.add_word(key, (len(key), tuple(cands.values())))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def _raw_hits(self, text: str, folded: str) -> Iterator[Hit]:
        n = len(text)
        for last, (length, cands) in self._automaton.iter(folded):
            end = last + 1
            start = end - length
            if start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(folded[start]):
                continue
            if end < n and _is_word_char(folded[end]) and _is_word_char(folded[end - 1]):
                if not (folded[end] == "s" and (end + 1 == n or not _is_word_char(folded[end + 1]))):
                    continue
                cands = tuple(c for c in cands if c.kind in _PLURAL_KINDS)
                if not cands:
                    continue
                end += 1
            surface = text[start:end].translate(_FOLD)
            kept = tuple(c for c in cands if not c.cased or surface.rstrip("s") == c.form.translate(_FOLD)
                         or surface == c.form.translate(_FOLD))
            if kept:
                yield Hit(start, end, kept)

    def hits(self, text: str, folded: str | None = None) -> list[Hit]:
        """Non-overlapping hits in text order: the longest wins, then the best-status form."""
        if self.size == 0:
            return []
        found = list(self._raw_hits(text, folded if folded is not None else fold(text)))
        found.sort(key=lambda h: (-(h.end - h.start), min(c.status for c in h.candidates), h.start))
        taken: list[Hit] = []
        occupied = bytearray(len(text) + 1)
        for hit in found:
            if any(occupied[hit.start : hit.end]):
                continue
            occupied[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            taken.append(hit)
        taken.sort(key=lambda h: h.start)
        return taken
