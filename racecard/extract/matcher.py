"""Lexicon matching with an Aho-Corasick automaton over case-folded text.

Every surface form of the lexicon is a key of one automaton, folded (lower case,
dashes and quotes made ASCII, length kept so offsets stay valid). A hit counts only
at word boundaries, and a ``cased`` form (a ticker, a gene symbol, an abbreviation)
only where the text has its exact case. Research codes match in their spacing
variants (AMG 510 = AMG-510 = AMG510).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

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
_DIGIT = re.compile(r"\d")
_NONWORD = re.compile(r"[^\w ]")  # spaces stay spaces: only punctuation needs replacing


def _weight(hit: Hit) -> tuple[int, int]:
    """Which of two overlapping hits to keep: the longer, then the one with the better status."""
    return hit.end - hit.start, -hit.candidates[0].status


def _same_case(surface: str, form: str) -> bool:
    """A cased form matches only with its own case (a plural "s" aside): "AD", not "ad".

    A symbol with digits also matches in the mixed case news uses for it ("A2a" for "A2A",
    "Bcl-2" for "BCL-2"), as long as its first character agrees: no word is spelt like that.
    """
    if surface == form or (surface[:-1] == form and surface[-1:] == "s"):
        return True
    return _DIGIT.search(form) is not None and surface[:1] == form[:1] and surface.upper() == form.upper()


_SPECIAL = re.compile("[" + "".join(chr(c) for c in _FOLD) + "]")


def fold(text: str) -> str:
    """Lower case with ASCII dashes, quotes and spaces; always the same length as ``text``."""
    if not text.isascii():
        text = _SPECIAL.sub(lambda m: m.group().translate(_FOLD), text)
    out = text.lower()
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in zip(text, (x.lower() for x in text), strict=True))


def code_variants(code: str) -> set[str]:
    """A research code as news writes it: with a space, a hyphen or nothing after its letters."""
    m = _CODE_SPLIT.match(code.strip())
    if not m or not any(ch.isdigit() for ch in code):
        return {code}
    letters, rest = m.groups()
    return {f"{letters}{rest}", f"{letters}-{rest}", f"{letters} {rest}"}


class Candidate(NamedTuple):
    """One entity a matched stretch of text may refer to."""

    kind: EntityKind
    name: str
    status: TermStatus
    source: str
    form: str
    cased: bool


class Hit(NamedTuple):
    """A stretch of text and every lexicon entity its form can name."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


class Matcher:
    """Finds every lexicon form in a text, longest non-overlapping first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: the collector would only slow the build
        try:
            self._build(terms)
        finally:
            if enabled:
                gc.enable()

    def _build(self, terms: Iterable[Term]) -> None:
        table: dict[str, dict[tuple[EntityKind, str, str], Candidate]] = {}
        code_like = (TermStatus.CODE, TermStatus.NAME, TermStatus.CURATED, TermStatus.SYNONYM)
        digit = _DIGIT.search
        for term in terms:
            text = term.text
            forms = code_variants(text) if term.status in code_like and len(text) >= 4 and digit(text) else (text,)
            for form in forms:
                core = _NONWORD.sub(" ", form.translate(_FOLD).lower()).strip()
                if len(core) < 2:
                    continue
                keys = (core, core + "s") if term.kind in _PLURAL_KINDS and core[-1] != "s" else (core,)
                for key in keys:
                    slot = table.get(key)
                    if slot is None:
                        slot = table[key] = {}
                    ident = (term.kind, term.name, form)
                    old = slot.get(ident)
                    if old is None or old.status > term.status:
                        slot[ident] = Candidate(term.kind, term.name, term.status, term.source, form, term.cased)
        self._automaton = ahocorasick.Automaton()
        add = self._automaton.add_word
        for key, cands in table.items():
            values = tuple(sorted(cands.values(), key=lambda c: c.status))
            add(f" {key} ", (len(key), values, any(c.cased for c in values)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def _raw_hits(self, text: str, folded: str) -> Iterator[Hit]:
        # Keys are padded with spaces and the text has every non-word character made a
        # space, so the automaton only reports whole words: no boundary checks needed.
        padded = " " + _NONWORD.sub(" ", folded) + " "
        for last, (length, cands, cased) in self._automaton.iter(padded):
            end = last - 1  # the text index after the key's last character
            start = end - length
            if cased:
                surface = _NONWORD.sub(" ", text[start:end].translate(_FOLD))
                cands = tuple(
                    c for c in cands if not c.cased or _same_case(surface, _NONWORD.sub(" ", c.form.translate(_FOLD)))
                )
                if not cands:
                    continue
            yield Hit(start, end, cands)

    def all_hits(self, text: str) -> list[Hit]:
        """Every hit, overlapping ones included ("HER2" inside "HER2-positive cancer")."""
        return list(self._raw_hits(text, fold(text))) if self.size else []

    def hits(self, text: str, folded: str | None = None) -> list[Hit]:
        """Non-overlapping hits in text order: the longest wins, then the best-status form."""
        if self.size == 0:
            return []
        found = sorted(
            self._raw_hits(text, folded if folded is not None else fold(text)),
            key=lambda h: (h.start, h.start - h.end, h.candidates[0].status),
        )
        taken: list[Hit] = []
        for hit in found:  # in text order; of two overlapping hits the longer (then better) one stays
            if taken and hit.start < taken[-1].end:
                if _weight(hit) > _weight(taken[-1]):
                    taken[-1] = hit
                continue
            taken.append(hit)
        return taken
