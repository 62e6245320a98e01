"""Entities the lexicon does not know, recognised by their shape.

Research codes (``HRS-7535``), NCT numbers and trial acronyms, new INNs by their stem
(``-rasib``, ``-limab``), new companies by the shape of their name ("X Therapeutics",
"X Pharmaceutical Co., Ltd."), and tickers. Each finder is a pure function from text
and the regions of text to read to :class:`Found` items; the pipeline decides what to keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from racecard.extract import rules
from racecard.extract.matcher import fold
from racecard.model import EntityKind, Span

__all__ = [
    "Found",
    "codes",
    "company_contexts",
    "company_shapes",
    "inn_stems",
    "ncts",
    "strip_company_suffix",
    "tickers",
    "trials",
]


@dataclass(frozen=True, slots=True)
class Found:
    """A stretch of text recognised by shape: its kind, the canonical name and why."""

    start: int
    end: int
    kind: EntityKind
    name: str
    how: str


def _in(regions: Sequence[Span], start: int) -> bool:
    return any(s.start <= start < s.end for s in regions)


_MUTATION = re.compile(r"[ACDEFGHIKLMNPQRSTVWY]\d{2,4}[ACDEFGHIKLMNPQRSTVWY*]")


def codes(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    """Research codes: AMG 510, MRTX849, HRS-7535, JAB-23E73, PF-07054894."""
    for s in regions:
        for m in rules.CODE.finditer(text, s.start, s.end):
            code = m.group("code")
            if rules.CODE_STOP.match(code):
                continue
            if " " in code and not rules.SPACED_CODE.match(code):
                continue
            if sum(ch.isdigit() for ch in code) < 3:
                continue
            if _MUTATION.fullmatch(code):
                continue  # "exon 21 L858R substitution", "V600E": an amino-acid change, not a drug
            yield Found(m.start("code"), m.end("code"), EntityKind.DRUG, code, "code-pattern")


def ncts(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    """ClinicalTrials.gov identifiers."""
    if "NCT" not in text:
        return
    for s in regions:
        for m in rules.NCT.finditer(text, s.start, s.end):
            yield Found(m.start(), m.end(), EntityKind.TRIAL, m.group(), "nct")


_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|/)\s*")


def _trial_names(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for part in _SPLIT_NAMES.split(text[start:end]):
        idx = text.find(part, pos, end)
        if part and idx >= 0:
            yield idx, idx + len(part)
            pos = idx + len(part)


_CODE_LIKE = re.compile(r"^[A-Z]{2,4}-\d{3,}[A-Za-z]?$")


def _plausible_trial(name: str) -> bool:
    words = name.replace("-", " ").split()
    if not words or words[0].lower() in rules.NOT_TRIALS:
        return False
    head = words[0].rstrip("+")
    if len(head) == 2 and head.isupper() and len(words) > 1 and words[1].isalnum():
        head += words[1]  # "WU-KONG6": a short first part joined to the next
    if head.istitle() and len(words) > 2 and words[1].isupper() and len(words[1]) >= 3 and words[2].isdigit():
        return True  # "Beamion LUNG-1": a brand word before a numbered name
    if head.islower():
        return (len(head) >= 4 and name.endswith("+")) or False
    upper = sum(ch.isupper() for ch in head)
    return upper >= 2 and len(head) >= 3 and not head.isdigit()


def _trial_windows(text: str, region: Span) -> Iterator[tuple[re.Pattern[str], int, int]]:
    """Where each trial pattern can match: only near a trial word, a phase word or an NCT number."""
    for m in rules.TRIAL_CUE.finditer(text, region.start, region.end):
        cue = m.group().lower()
        if cue.startswith("nct"):
            yield rules.TRIAL_NCT, max(region.start, m.start() - 60), m.end()
        elif cue[0] in "pcr" and not cue.startswith(("program", "readout", "cohort")):
            yield rules.TRIAL_AFTER, m.start(), min(region.end, m.end() + 90)
        else:
            yield rules.TRIAL_BEFORE, max(region.start, m.start() - 120), m.end()
            yield rules.TRIAL_APPOSED, max(region.start, m.start() - 80), m.end()
            yield rules.TRIAL_APPOSITION, m.start(), min(region.end, m.end() + 60)
        yield rules.TRIAL_NUMBERED, max(region.start, m.start() - 150), min(region.end, m.end() + 150)


def _subject_windows(text: str, region: Span) -> Iterator[tuple[re.Pattern[str], int, int]]:
    """Where a trial can stand as the subject of a trial's verb ("SPOTLIGHT evaluated …"): the word before it."""
    for m in rules.TRIAL_SUBJECT_VERB.finditer(text, region.start, region.end):
        if m.start() > 0 and text[m.start() - 1] == " ":
            start = max(region.start, text.rfind(" ", region.start, m.start() - 1) + 1)
            if text[start : start + 1].isupper():
                yield rules.TRIAL_SUBJECT, start, m.start()


def _merged(windows: Iterator[tuple[re.Pattern[str], int, int]]) -> list[tuple[re.Pattern[str], int, int]]:
    """Each pattern's overlapping windows joined, so that no stretch of text is scanned twice by one pattern."""
    by_pattern: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for pattern, start, end in windows:
        by_pattern.setdefault(pattern, []).append((start, end))
    out: list[tuple[re.Pattern[str], int, int]] = []
    for pattern, spans in by_pattern.items():
        spans.sort()
        lo, hi = spans[0]
        for start, end in spans[1:]:
            if start <= hi:
                hi = max(hi, end)
            else:
                out.append((pattern, lo, hi))
                lo, hi = start, end
        out.append((pattern, lo, hi))
    return sorted(out, key=lambda w: w[1])


def trials(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    """Trial acronyms in trial contexts: "the ROCKET trial", "Phase 3 SHORE", "X (NCT…)"; of two readings of one
    stretch the longer ("Beamion LUNG-1" over "LUNG-1")."""
    found = sorted(_trial_readings(text, regions), key=lambda f: (f.start, -(f.end - f.start)))
    taken = 0
    for f in found:
        if f.start >= taken:  # a reading inside one already taken is its part
            yield f
            taken = max(taken, f.end)


_TITLE_TRIAL_WORD = re.compile(r" (?:Study|Studies|Trial|Trials|Program|Programme)$")
# "Phase III FRESCO-2": the phase's numeral is no part of the name
_ROMAN_PHASES = frozenset({"I", "II", "III", "IV", "Ib", "IIa", "IIb", "IIIa", "IIIb", "I/II", "II/III"})


def _trial_readings(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    seen: set[str] = set()
    done: set[tuple[int, int]] = {(m.start(), m.end()) for m in rules.DATELINE.finditer(text)}
    datelines = [Span(a, b) for a, b in done]
    for s in regions:
        for pattern, start, end in [*_merged(_trial_windows(text, s)), *_subject_windows(text, s)]:
            for m in pattern.finditer(text, start, end):
                g = "names" if m.group("names") is not None else "listed"  # the apposition's list form
                for a, b in _trial_names(text, m.start(g), m.end(g)):
                    while True:  # drop leading words that are not names ("the ASCEND")
                        first = text[a:b].split(" ", 1)
                        if len(first) == 2 and (
                            first[0].lower() in rules.NOT_TRIALS
                            or first[0] in _ROMAN_PHASES
                            or (first[0].islower() and first[1][:1].isupper())  # "the integrated ROSALIA study"
                        ):
                            a += len(first[0]) + 1
                        else:
                            break
                    tail = _TITLE_TRIAL_WORD.search(text, a, b)  # a headline's "Phase 2b LUMA Study": LUMA
                    if tail and tail.start() > a:
                        b = tail.start()
                    name = text[a:b]
                    if (b < len(text) and text[b].isalnum()) or (a > 0 and text[a - 1].isalnum()):
                        continue  # a window's edge cut a word ("SAGE-324" read as "SAGE-32")
                    if pattern is rules.TRIAL_NUMBERED and name.split("-")[0].upper() in rules.NOT_TRIAL_PREFIX:
                        continue
                    if _CODE_LIKE.match(name):
                        continue  # "ARC-101", "JAB-3312": a research code, the drug, not its trial
                    if any(d.start <= a < d.end for d in datelines):
                        continue
                    if (a, b) not in done and _plausible_trial(name):
                        done.add((a, b))
                        seen.add(name)
                        yield Found(a, b, EntityKind.TRIAL, name, "trial-context")
        # lower-case trial brands coordinated with a recognised one ("evoke and evoke+ trials")
    yield from _siblings(text, regions, seen, done)
    for name in list(seen):
        if name.endswith("+") and name[:-1].islower():
            base = name[:-1]
            for m in re.finditer(rf"(?<![\w-]){re.escape(base)}(?![\w+-])", text):
                if _in(regions, m.start()):
                    yield Found(m.start(), m.end(), EntityKind.TRIAL, base, "trial-context")


_FAMILY = re.compile(r"^([A-Z]{4,})-[A-Za-z\d]")


def _siblings(text: str, regions: Sequence[Span], seen: set[str], done: set[tuple[int, int]]) -> Iterator[Found]:
    """Trials of one programme share its name before the hyphen: once "DESTINY-PanTumor02" is a trial, so are
    "DESTINY-Lung01" and "DESTINY-CRC02" in the same list, wherever the trial words are."""
    families = {m.group(1) for m in map(_FAMILY.match, seen) if m}
    for family in sorted(families):
        sibling = rf"(?<![\w-]){family}-(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?|[A-Z]{{2,}})?\d{{1,3}}(?![\w-])"
        for m in re.finditer(sibling, text):
            if (m.start(), m.end()) not in done and _in(regions, m.start()):
                done.add((m.start(), m.end()))
                yield Found(m.start(), m.end(), EntityKind.TRIAL, m.group(0), "trial-context")


_SECOND = re.compile(r"\s+([a-z]{4,})\b")


@lru_cache(maxsize=8)
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    ends = "|".join(re.escape(x) for x in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])([A-Za-z][a-z]{{2,}}?(?:{ends}))(?![\w-])")


@lru_cache(maxsize=8)
def _stem_automaton(stems: tuple[str, ...]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for stem in stems:
        auto.add_word(stem.lower(), len(stem))
    auto.make_automaton()
    return auto


def _stem_word_starts(text: str, stems: tuple[str, ...]) -> list[int]:
    """Where the words ending in a stem begin: the only places the stem pattern can match, found with
    one Aho-Corasick pass instead of trying the pattern at every letter."""
    starts: set[int] = set()
    n = len(text)
    for last, size in _stem_automaton(stems).iter(text.lower() if text.isascii() else fold(text)):
        end = last + 1
        if end < n and (text[end].isalnum() or text[end] in "_-"):
            continue  # the stem does not end the word
        at = end - size
        while at > 0 and text[at - 1].isalpha():
            at -= 1
        starts.add(at)
    return sorted(starts)


def inn_stems(text: str, regions: Sequence[Span], stems: dict[str, tuple[str, str]]) -> Iterator[Found]:
    """Unknown words built like INNs: sotorasib-like names ending in a drug-class stem."""
    pattern = _stem_pattern(tuple(stems))
    ordered = sorted(stems, key=len, reverse=True)
    starts = _stem_word_starts(text, tuple(stems))
    for s in regions:
        found = (pattern.match(text, at, s.end) for at in starts if s.start <= at < s.end)
        for m in (x for x in found if x is not None):
            low = m.group(1).lower()
            if low in rules.NOT_INN or rules.inn_second_word(low):
                continue
            stem = next(x for x in ordered if low.endswith(x))
            minimum = 8 if len(stem) <= 4 else 7
            if len(low) < minimum or len(low) - len(stem) < 3:
                continue
            end = m.end(1)
            second = _SECOND.match(text, end)
            if second and rules.inn_second_word(second.group(1).lower()):
                end = second.end(1)
            name = text[m.start(1) : end].lower()
            yield Found(m.start(1), end, EntityKind.DRUG, name, "inn-stem")


_LEGAL_TAIL = re.compile(rules.LEGAL_SUFFIX + r"\s*$")
_SUFFIX_WORDS = re.compile(rf"\s+(?:{rules.COMPANY_SUFFIX_WORDS})(?:\s+\([A-Z][a-z]+\))?\s*$")


def strip_company_suffix(name: str) -> str:
    """A company's short name: legal and sector suffixes removed ("Metsera, Inc." → "Metsera")."""
    short = name.strip()
    for _ in range(3):
        new = _LEGAL_TAIL.sub("", short)
        new = _SUFFIX_WORDS.sub("", new).strip().rstrip(",")
        if new == short or not new:
            break
        short = new
    return short or name


_SHOUTED = re.compile(r"^(?:[A-Z]{4,}|[A-Z0-9]+-[A-Z0-9.]+)$")


def company_shapes(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    """Company names by their shape: capitalised words then a sector or legal suffix."""
    for s in regions:
        for m in rules.COMPANY_SHAPE.finditer(text, s.start, s.end):
            words = m.group("name").split()
            # drop generic leading words ("The", "Chinese") and keep the proper-name tail
            while words and (
                words[0].lower().strip(".,") in rules.GENERIC_NAME_WORDS
                or words[0].strip(".,").isdigit()  # "In 2022 Acme Therapeutics": a year is no part of a name
                or (_SHOUTED.match(words[0]) and any(not w.isupper() for w in words[1:]))
                or (len(words) > 1 and words[0].endswith(("'s", "’s")) and words[0][:-2] in rules.OWNER_PLACES)
            ):  # "The", "Chinese"; a heading's capitals before a name ("PRESS RELEASE Nuvora"); "Singapore's KBP"
                words = words[1:]
            if not words or any(w.lower() in rules.GENERIC_NAME_WORDS for w in words[-1:]):
                continue
            if not any(ch.isupper() or ch.isdigit() for ch in words[0][:1]):
                continue
            start = m.start("name") + m.group("name").find(words[0])
            end = m.end()
            short = strip_company_suffix(text[start:end])
            if len(short) < 2 or short.lower() in rules.GENERIC_NAME_WORDS:
                continue
            yield Found(start, end, EntityKind.COMPANY, short, "company-shape")


def company_contexts(text: str, regions: Sequence[Span]) -> Iterator[Found]:
    """Companies the lexicon lacks, by where they stand: paid, bought or described as a biotech."""
    matches: list[re.Match[str]] = []
    at = text.find("$")
    while at >= 0:  # "will pay Kelonia $40 million", "acquire Gracell for $1.2bn"
        m = rules.COMPANY_BEFORE_DOLLAR.search(text, max(0, at - 90), at)
        if m:
            matches.append(m)
        at = text.find("$", at + 1)
    low = text.lower()
    seen: set[int] = set()
    for noun in rules.COMPANY_NOUNS:  # "Kelonia, a Boston biotech", "Boston-based biotech Kelonia"
        at = low.find(noun)
        while at >= 0:
            for m in rules.COMPANY_DESCRIBED.finditer(text, max(0, at - 80), min(len(text), at + 60)):
                if m.start() not in seen:
                    seen.add(m.start())
                    matches.append(m)
            at = low.find(noun, at + 1)
    for m in matches:
        group = "name" if m.group("name") else "name2"
        start, end = m.start(group), m.end(group)
        if not _in(regions, start) or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")):
            continue  # outside the text read, or the tail of a longer word the window cut
        name = m.group(group)
        if any(w.lower().strip(".,") in rules.GENERIC_NAME_WORDS for w in name.split()) or len(name) < 3:
            continue
        if name.isupper() and len(name) <= 4:
            continue  # "pay FDA …", tickers and agencies: not a company name by itself
        yield Found(start, end, EntityKind.COMPANY, name, "company-context")


def tickers(text: str) -> Iterator[tuple[int, int, int]]:
    """Exchange tickers in parentheses: (start, end, position of the parenthesis)."""
    for m in rules.EXCHANGE_TICKER.finditer(text):
        for group in ("ticker", "ticker2"):
            if m.group(group):
                yield m.start(group), m.end(group), m.start()
