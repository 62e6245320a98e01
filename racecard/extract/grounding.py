"""Grounding within a document: aliases the text defines, ambiguous forms, the filer.

- "IBI351 (fulzerasib)", "Kyowa Kirin Co., Ltd. (KYKOY)", "atopic dermatitis (AD)",
  "(Nasdaq: AMGN)": the form in parentheses is another name of the entity before it;
  the two become one entity, and the new form is recognised everywhere in the document.
  A drug's brand given in words ("elinzanetant, branded Lynkuet") is defined the same way.
- An ambiguous form (AD: atopic dermatitis or Alzheimer's disease) takes the reading
  the document supports: a full name used elsewhere, then words around it.
- In a filing, "the Company" / "the Group" is the filer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from racecard.extract import rules
from racecard.extract.matcher import Hit
from racecard.lexicon import TermStatus
from racecard.model import EntityKind, Mention, Span

__all__ = ["Names", "better", "choose", "define_aliases", "filer_mentions", "occurrences", "trial_codes"]

# How strongly a way of recognising a name grounds it; lower wins a merge.
HOW_RANK = {"lexicon": 0, "defined-alias": 2, "inn-stem": 3, "company-shape": 3, "company-context": 3,
            "company-head": 4, "trial-context": 3, "nct": 4, "code-pattern": 4, "ticker": 5, "filer": 6}


def _rank(how: str) -> int:
    return HOW_RANK.get(how.split(":", 1)[0], 5)


@dataclass(slots=True)
class Names:
    """Union of names within one document: merged names point at the one that wins."""

    parent: dict[tuple[EntityKind, str], str] = field(default_factory=dict)

    def find(self, kind: EntityKind, name: str) -> str:
        seen = set()
        while (kind, name) in self.parent and name not in seen:
            seen.add(name)
            name = self.parent[(kind, name)]
        return name

    def merge(self, kind: EntityKind, keep: str, other: str) -> None:
        a, b = self.find(kind, keep), self.find(kind, other)
        if a != b:
            self.parent[(kind, b)] = a


def better(a: Mention, b: Mention) -> bool:
    """Whether mention ``a``'s name should win over ``b``'s when the two are merged."""
    ra, rb = _rank(a.how), _rank(b.how)
    if ra != rb:
        return ra < rb
    if a.kind == EntityKind.DRUG:  # an INN (a plain word) beats a code or a brand
        a_inn, b_inn = a.name.islower() and a.name.isalpha(), b.name.islower() and b.name.isalpha()
        if a_inn != b_inn:
            return a_inn
    return len(a.name) >= len(b.name)


_PAREN = re.compile(r"\s*\(\s*(?:formerly\s+|also\s+known\s+as\s+|a\.k\.a\.\s+|or\s+)?[“\"]?"
                    r"(?P<inner>[^()“”\"]{1,60}?)[”\"]?\s*\)")
# "elinzanetant, branded Lynkuet", "sold as Kisunla", "under the brand name Krazati": a drug's brand
_BRANDED = re.compile(
    r",?\s+(?:(?:which\s+will\s+be\s+|to\s+be\s+|now\s+)?(?:branded|marketed\s+as|sold\s+as)"
    r"|under\s+the\s+(?:brand|trade)\s+name)\s+(?P<inner>[A-Z][A-Za-z0-9-]{2,30})\b"
)
_KNOWN_AS = re.compile(r",?\s+(?:known\s+as|also\s+called|now\s+called|called)\s+(?:the\s+)?")
_LEGAL = re.compile(rules.LEGAL_SUFFIX)
_TRIAL_GAP = re.compile(r"(?:\s+(?:[Pp]hase\s+\S+\s+)?(?:trial|study|programme|program))")
_ALIAS_FORM = re.compile(r"^[A-Za-z0-9][\w .&'’+-]{0,40}$")
_SAME_KIND_NEEDED = (EntityKind.DRUG, EntityKind.COMPANY, EntityKind.INDICATION, EntityKind.TARGET,
                     EntityKind.TRIAL)


def define_aliases(text: str, mentions: Sequence[Mention], names: Names) -> list[Mention]:
    """Merge "X (Y)" pairs; return new mentions for forms the text defines (Y unknown before)."""
    by_start = {m.start: m for m in mentions}
    added: list[Mention] = []
    for m in mentions:
        if m.kind not in _SAME_KIND_NEEDED:
            continue
        gap = (_LEGAL if m.kind == EntityKind.COMPANY else _TRIAL_GAP).match(text, m.end)
        p = _PAREN.match(text, gap.end() if gap else m.end)
        if not p and m.kind == EntityKind.DRUG:
            p = _BRANDED.match(text, m.end)
        if not p and m.kind == EntityKind.INDICATION:  # "the fatty liver disease known as MASH": the name it goes by
            known = _KNOWN_AS.match(text, m.end)
            named = by_start.get(known.end()) if known else None
            if named is not None and named.kind == m.kind and named.name != m.name:
                names.merge(m.kind, named.name, m.name)
            continue
        if not p:
            continue
        a, b = p.start("inner"), p.end("inner")
        inner = by_start.get(a)
        if inner is not None and inner.end <= b + 1:
            if inner.kind == m.kind and inner.end >= b - 1:
                keep, other = (m, inner) if better(m, inner) else (inner, m)
                names.merge(m.kind, keep.name, other.name)
            continue
        if any(x.start < b and a < x.end for x in mentions):
            continue
        form = text[a:b].strip()
        if not _ALIAS_FORM.match(form) or form.lower() in rules.NOT_TRIALS:
            continue
        if m.kind in (EntityKind.COMPANY, EntityKind.INDICATION) and not _abbreviates(form, m.text):
            continue
        if m.kind == EntityKind.DRUG and not (any(ch.isdigit() for ch in form) or form[:1].isupper()):
            continue
        if m.kind == EntityKind.DRUG and form.isalpha() and _regimen_end(text, m, mentions):
            continue  # "belantamab with bortezomib and dexamethasone (BVd)": the regimen's name, not the last drug's
        added.append(Mention(a, a + len(form), form, m.kind, m.name, "defined-alias", 0.9))
    return added


_LISTED_WITH = re.compile(r"(?:\s*(?:,|\+|/|\b(?:and|plus|with|combined|in\s+combination)\b))+\s*")


def _regimen_end(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether drug ``m`` closes a list of drugs given together ("A plus B", "A combined with B and C")."""
    return any(
        x.kind == EntityKind.DRUG and m.start - 40 <= x.end <= m.start and _LISTED_WITH.fullmatch(text, x.end, m.start)
        for x in mentions
    )


def trial_codes(text: str, mentions: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Protocol codes a trial is given in parentheses ("the HARMONi-2 study (AK112-303)"), read as drug
    codes by their shape: (the drug mention to drop, the trial mention to put in its place)."""
    by_start = {m.start: m for m in mentions}
    out: list[tuple[Mention, Mention]] = []
    for m in mentions:
        if m.kind != EntityKind.TRIAL:
            continue
        gap = _TRIAL_GAP.match(text, m.end)
        p = _PAREN.match(text, gap.end() if gap else m.end)
        inner = by_start.get(p.start("inner")) if p else None
        if p and inner and inner.kind == EntityKind.DRUG and inner.how == "code-pattern" and inner.end >= p.end(1):
            out.append((inner, replace(inner, kind=EntityKind.TRIAL, name=m.name, how="defined-alias")))
    return out


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can stand for ``long``: initials in order, a ticker, or the first word."""
    s = re.sub(r"[^A-Za-z0-9]", "", short)
    if not s:
        return False
    if s.isupper() and len(s) <= 6:
        letters = iter(long.upper())
        return all(ch in letters for ch in s) or len(s) >= 3
    return long.lower().startswith(short.lower()) or short.lower() in long.lower()


def occurrences(
    text: str, form: str, sentences: Sequence[Span], occupied: bytearray, *, whole: bool = False
) -> Iterable[Span]:
    """Every free occurrence of ``form`` at word boundaries inside the sentences; ``whole`` also keeps it from
    being the head of a hyphenated name (a trial "DESTINY" is not the start of "DESTINY-Lung01")."""
    flags = 0 if any(ch.isupper() for ch in form) else re.IGNORECASE
    after = r"(?![\w]|-\w)" if whole else r"(?![\w])"
    for m in re.finditer(rf"(?<![\w]){re.escape(form)}{after}", text, flags):
        if any(occupied[m.start() : m.end()]):
            continue
        if any(s.start <= m.start() and m.end() <= s.end for s in sentences):
            yield Span(m.start(), m.end())


SHORT_ABBREVIATION = 3  # "AD", "FL", "MS": too short to trust without support from the text


def needs_support(hit: Hit) -> bool:
    """Whether a hit is a short abbreviation that the document must support to count."""
    return hit.end - hit.start <= SHORT_ABBREVIATION and all(
        c.status == TermStatus.ABBREVIATION for c in hit.candidates
    )


def choose(
    hit: Hit, text: str, known: set[tuple[EntityKind, str]], context: dict[str, list[str]]
) -> tuple[EntityKind, str, str] | None:
    """The reading of an ambiguous hit the document supports, or None when it cannot tell."""
    cands = sorted(hit.candidates, key=lambda c: c.status)
    readings = {(c.kind, c.name) for c in cands}
    if len(readings) == 1 and not needs_support(hit):
        c = cands[0]
        return c.kind, c.name, f"lexicon:{c.status.name.lower()}:{c.source}"
    supported = [c for c in cands if (c.kind, c.name) in known]
    if len({(c.kind, c.name) for c in supported}) == 1:
        c = supported[0]
        return c.kind, c.name, f"lexicon:{c.status.name.lower()}:{c.source}"
    window = text[max(0, hit.start - 300) : hit.end + 300].lower()
    scored = []
    for c in cands:
        words = context.get(c.name, [])
        score = sum(1 for w in words if re.search(rf"\b{re.escape(w.lower())}", window))
        scored.append((score, c))
    scored.sort(key=lambda sc: (-sc[0], sc[1].status))
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        c = scored[0][1]
        return c.kind, c.name, f"lexicon:{c.status.name.lower()}:{c.source}+context"
    if needs_support(hit):
        return None
    best = cands[0]
    rivals = [c for c in cands if c.status == best.status and (c.kind, c.name) != (best.kind, best.name)]
    if not rivals and best.status.name not in ("ABBREVIATION",):
        return best.kind, best.name, f"lexicon:{best.status.name.lower()}:{best.source}"
    return None


def filer_mentions(
    text: str,
    title: str,
    title_companies: Sequence[str],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    occupied: bytearray,
) -> list[Mention]:
    """Mentions of "the Company" / "the Group" resolved to the filer, where the document says who it is.

    The filer is the company a definition such as ``Zai Lab Limited (the "Company")``
    names, or else the first company in the title of a filing ("Zai Lab 10-Q …").
    """
    companies = [m for m in mentions if m.kind == EntityKind.COMPANY]
    filer: str | None = None
    words: set[str] = set()
    for d in rules.FILER_DEFINITION.finditer(text):
        before = [m for m in companies if m.end <= d.start() and d.start() - m.end <= 80]
        if before:
            filer = before[-1].name
            words.add(d.group("word"))
    if filer is None and title and rules.FILING_TITLE.search(title) and title_companies:
        filer = title_companies[0]
        words = {"Company", "Group"}
    if filer is None:
        return []
    out: list[Mention] = []
    for m in rules.FILER_REFERENCE.finditer(text):
        if m.group("word") not in words or any(occupied[m.start("word") : m.end("word")]):
            continue
        if any(s.start <= m.start() < s.end for s in sentences):
            out.append(Mention(m.start("word"), m.end("word"), m.group("word"), EntityKind.COMPANY, filer, "filer"))
    return out
