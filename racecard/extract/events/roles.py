"""Roles from a sentence's structure around a trigger: subject, object, and prepositional parties.

Positions are relative to the sentence. "Subject" is the company reference closest
before the trigger in its clause that is not itself governed by a preposition
("from Amgen", "with Merck", "by Pfizer"); "object" is the first one after the trigger
that is not; :func:`after_prep` finds the party a preposition introduces ("from
Mirati", "to Coherus", "by AbbVie").
"""

from __future__ import annotations

import re
from functools import lru_cache

from racecard.extract.events.context import Ref, Sent
from racecard.extract.events.status import clause_before

__all__ = ["after_prep", "before_prep", "clause_end", "object_of", "possessor", "subject_of"]

_PREP_BEFORE = re.compile(
    r"\b(?:from|with|to|by|of|for|between|and|than|like|versus|vs\.?|including|as)\s+(?:its\s+|the\s+|partner\s+|rival\s+)?$",
    re.I,
)
_ALIAS_BEFORE = re.compile(r"[(“\"]\s*$")  # a defined alias: ("Deciphera")


@lru_cache(maxsize=64)
def _after_rx(preps: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{preps})\s+(?:its\s+|the\s+|partner\s+|[A-Z][a-z]+(?:'s|’s)\s+|[\w-]+-based\s+|[A-Z][a-z]+\s+)?$", re.I
    )


@lru_cache(maxsize=64)
def _before_rx(preps: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{preps})\s+(?:its\s+|the\s+|[\w-]+-based\s+|[A-Z][a-z]+\s+)?$", re.I)


_RELATIVE = re.compile(r",\s*(?:which|who)\s+$", re.I)


def _governed(sent: Sent, ref: Ref) -> bool:
    before = sent.text[max(0, ref.start - 24) : ref.start]
    return _PREP_BEFORE.search(before) is not None or _ALIAS_BEFORE.search(before) is not None


_LISTED_CLAUSES = re.compile(r"[,:|]\s+(?!and\b)")


def subject_of(sent: Sent, pos: int, *, skip: tuple[str, ...] = ()) -> Ref | None:
    """The company acting at the trigger ``pos``: the closest ungoverned reference before it in its clause."""
    clause_start = pos - len(clause_before(sent.text, pos, 160))
    relative = _RELATIVE.search(sent.text[max(0, clause_start - 16) : clause_start])
    if relative:  # "Mirati, which was acquired by …": the antecedent is the subject
        ante = [r for r in sent.refs if r.end <= clause_start and r.name not in skip]
        if ante and clause_start - ante[-1].end <= 30:
            return ante[-1]
    cands = [
        r
        for r in sent.refs
        if clause_start <= r.start
        and r.end <= pos
        and r.name not in skip
        and sent.text[r.end : r.end + 2] not in ("'s", "’s")
    ]  # "the company's subsidiary X": X acts
    free = [r for r in cands if not _governed(sent, r)]
    if len(free) > 1 and pos - free[-1].end <= 15 and _LISTED_CLAUSES.search(sent.text, free[0].end, free[-1].start):
        return free[-1]  # a headline's list of news ("Sanofi hands back rights, Lilly buys Verve"): the nearest
    for r in free:  # the clause's first free name: "3SBio and its subsidiaries X and Y will grant …"
        return r
    # a headline or lead often opens with the subject before a comma or a dateline
    before = [r for r in sent.refs if r.end <= pos and r.name not in skip and not _governed(sent, r)]
    return before[0] if before else None


def object_of(sent: Sent, pos: int, *, limit: int = 80, skip: tuple[str, ...] = ()) -> Ref | None:
    """The first ungoverned company reference after ``pos`` (within ``limit`` characters)."""
    for r in sent.refs:
        if pos <= r.start <= pos + limit and r.name not in skip and not _governed(sent, r):
            return r
    return None


def after_prep(sent: Sent, pos: int, preps: str, *, limit: int = 120, skip: tuple[str, ...] = ()) -> Ref | None:
    """The company introduced by one of ``preps`` (a regex alternation) after ``pos``."""
    rx = _after_rx(preps)
    for r in sent.refs:
        if (
            pos <= r.start <= pos + limit
            and r.name not in skip
            and rx.search(sent.text[max(0, r.start - 30) : r.start])
        ):
            return r
    return None


def before_prep(sent: Sent, pos: int, preps: str, *, limit: int = 120, skip: tuple[str, ...] = ()) -> Ref | None:
    """The company introduced by one of ``preps`` before ``pos`` ("from Amgen, Kyowa Kirin regains …")."""
    rx = _before_rx(preps)
    for r in reversed(sent.refs):
        if pos - limit <= r.start < pos and r.name not in skip and rx.search(sent.text[max(0, r.start - 30) : r.start]):
            return r
    return None


_NEXT_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s+(?:the\s+)?", re.I)


def clause_end(sent: Sent, pos: int) -> int:
    """Where the clause holding ``pos`` ends: at a semicolon, or where ", and" opens a clause of another
    company ("… returned iscalimab to its partner, and Bayer won US approval …")."""
    for m in _NEXT_CLAUSE.finditer(sent.text, pos):
        if m.group(0) == ";" or any(r.start == m.end() for r in sent.refs):
            return m.start()
    return len(sent.text)


def possessor(sent: Sent, pos: int, *, window: int = 40) -> Ref | None:
    """A company written as the owner just before ``pos``: "CSPC's weight-loss candidates"."""
    for r in reversed(sent.refs):
        if r.end <= pos and pos - r.end <= window and sent.text[r.end : r.end + 2] in ("'s", "’s", "' ", "’ "):
            return r
    return None
