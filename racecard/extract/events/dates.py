"""Dates in a sentence, resolved against the document's published date.

Each result is an ISO string as precise as the text allows: ``2026-01-30``, ``2026-01``,
``2026-Q3``, ``2026-H1`` or ``2026``. Relative phrases ("on Friday", "last month", "by the
end of this year", "in the fourth quarter") need the published date; without it they give
nothing rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from racecard.extract.events.rx import lower_pattern, lower_text

__all__ = ["COUNTS", "COUNT_WORDS", "Found", "find_dates", "resolve"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
# a count of time written as a word or a number ("a month", "two years", "10 days")
COUNT_WORDS = "|".join(sorted(COUNTS, key=len, reverse=True)) + r"|\d{1,2}"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("mdy", rf"\b{_MON}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?(?:,\s*|\s+){_YEAR}\b"),
    ("dmy", rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,)?\s+{_YEAR}\b"),
    ("md", rf"\b{_MON}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?!\s*%)(?!\.\d)"),
    ("my", rf"\b{_MON}(?:,)?\s+(?:of\s+)?{_YEAR}\b"),
    (
        "half",
        r"\b(?:(?P<h>H[12])|(?P<hw>first|second|1st|2nd)[\s-]+half)(?:\s+of)?(?:\s+|\s*')(?P<year>(?:19|20)?\d\d)\b",
    ),
    (
        "quarter",
        r"\b(?:(?P<q>Q[1-4])|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter)"
        r"(?:\s+of)?(?:\s+(?:fiscal\s+(?:year\s+)?)?|\s*')(?P<year>(?:19|20)?\d\d)\b",
    ),
    ("half_compact", r"\b(?P<n>[12])H\s*'?(?P<year>(?:19|20)?\d\d)\b"),  # "2H25", "1H 2026"
    ("quarter_compact", r"\b(?P<n>[1-4])Q\s*'?(?P<year>(?:19|20)?\d\d)\b"),  # "4Q24"
    ("num", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d)\b"),  # "3/5/2025"
    (
        "year_end",
        r"\b(?:by\s+|at\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+(?P<which>this|next|last|the)\s+year|year[- ]end)\b",
    ),
    (
        "rel_quarter_of",  # "the first quarter of next year"
        r"\b(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter\s+of\s+(?P<which>this|next|last|the)\s+year\b",
    ),
    ("rel_half", r"\b(?:the\s+)?(?P<hw>first|second)\s+half\s+of\s+(?P<which>this|next|last|the)\s+year\b"),
    (
        "rel_quarter",
        r"\b(?:the\s+|this\s+)?(?P<qw>first|second|third|fourth)\s+quarter\b"
        r"(?!\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d)",
    ),
    (  # "two months ago", "a year ago"
        "ago",
        rf"\b(?:just\s+|only\s+|some\s+|about\s+|nearly\s+)?(?P<n>{COUNT_WORDS})\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    ),
    ("rel_year", r"\b(?P<which>last|this|next|previous|past)\s+year\b"),
    ("rel_month", r"\b(?P<late>late\s+|early\s+)?(?P<which>last|this|next|previous|past)\s+month\b"),
    ("rel_week", r"\b(?P<which>last|next|previous|past)\s+week\b"),  # "this week" is the story's own: its date
    (
        "month_only",
        rf"\b(?:in|since|during|from|until|by|through|last|this|end\s+of)\s+{_MON}\b(?!\s*[0-3]?\d\b)(?!,?\s*(?:19|20)\d\d)(?!\s+(?:of\s+)?(?:that|the\s+same)\s+year)",
    ),
    (
        "weekday",
        r"\b(?:on\s+|last\s+|this\s+|earlier\s+this\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    ),
    ("today", r"\b(?:today|tonight|this\s+morning)\b"),
    ("yesterday", r"\byesterday\b"),
    (
        "year",
        r"\b(?:(?:in|since|by|during|from|of|until|through|for|early|late|mid|end of|fiscal(?: year)?)\s+|mid-)"
        r"(?P<year>(?:19|20)\d\d)\b",
    ),
    ("bare_year", r"(?<![\d$.,-])\b(?P<year>(?:19|20)\d\d)\b(?![\d%.,-])"),
)
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_GATES: dict[str, tuple[str, ...]] = {  # lower-case substrings without which a pattern cannot match
    "iso": ("-",), "mdy": _MONTH_WORDS, "dmy": _MONTH_WORDS, "md": _MONTH_WORDS, "my": _MONTH_WORDS,
    "half": ("h1", "h2", "half"), "quarter": ("q1", "q2", "q3", "q4", "quarter"), "year_end": ("end",),
    "half_compact": ("1h", "2h"), "quarter_compact": ("1q", "2q", "3q", "4q"), "num": ("/",),
    "rel_quarter_of": ("quarter",),
    "rel_half": ("half",), "rel_quarter": ("quarter",), "rel_year": ("year",), "rel_month": ("month",),
    "rel_week": ("week",), "ago": ("ago",),
    "month_only": _MONTH_WORDS, "weekday": ("day",), "today": ("today", "tonight", "this morning"),
    "yesterday": ("yesterday",), "year": ("19", "20"), "bare_year": ("19", "20"),
}  # fmt: skip
_ALL_GATES = frozenset(g for gates in _GATES.values() for g in gates)
# Searched on the lower-cased text with lower-cased patterns: the engine is quicker without IGNORECASE.
_RXS = [
    (i, name, re.compile(lower_pattern(f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})")), _GATES[name])
    for i, (name, rx) in enumerate(_PATTERNS)
]


@dataclass(frozen=True, slots=True)
class Found:
    """A date phrase at ``start:end`` (relative to the searched text) and its ISO value."""

    start: int
    end: int
    value: str
    relative: bool
    kind: str = ""  # the pattern that read it ("md": a month and day without a year)


def _g(m: re.Match[str], kind: str, name: str) -> str | None:
    return m.group(f"{kind}_{name}")


def _year(text: str | None, pub: date | None) -> int | None:
    if text is None:
        return pub.year if pub else None
    y = int(text)
    return y + 2000 if y < 100 else y


def _month_shift(pub: date, months: int) -> tuple[int, int]:
    total = pub.year * 12 + pub.month - 1 + months
    return total // 12, total % 12 + 1


def _one(kind: str, m: re.Match[str], pub: date | None) -> tuple[str | None, bool]:
    def g(name: str) -> str | None:
        return _g(m, kind, name)

    if kind == "iso":
        return f"{g('y')}-{g('m')}-{g('d')}", False
    if kind in ("mdy", "dmy"):
        mon = MONTHS[str(g("mon")).lower()[:3]]
        return f"{g('year')}-{mon:02d}-{int(str(g('day'))):02d}", False
    if kind == "md":
        mon = MONTHS[str(g("mon")).lower()[:3]]
        if pub is None:
            return None, True
        # a day after publication is last year's, unless it falls in the month of publication (an
        # upcoming date, or a story dated by its month only) or the story is from the year's end
        later = (mon, int(str(g("day")))) > (pub.month, pub.day) and mon != pub.month
        year = pub.year - 1 if later and pub.month < 11 else pub.year
        return f"{year}-{mon:02d}-{int(str(g('day'))):02d}", True
    if kind == "my":
        return f"{g('year')}-{MONTHS[str(g('mon')).lower()[:3]]:02d}", False
    if kind == "half":
        half = (g("h") or "").upper() or ("H1" if ORDINAL[str(g("hw")).lower()] == 1 else "H2")
        return f"{_year(g('year'), pub)}-{half}", False
    if kind == "quarter":
        q = (g("q") or "").upper() or f"Q{ORDINAL[str(g('qw')).lower()]}"
        return f"{_year(g('year'), pub)}-{q}", False
    if kind in ("half_compact", "quarter_compact"):
        return f"{_year(g('year'), pub)}-{'H' if kind == 'half_compact' else 'Q'}{g('n')}", False
    if kind == "num":
        return f"{g('year')}-{int(str(g('m'))):02d}-{int(str(g('d'))):02d}", False
    if kind in ("year", "bare_year"):
        return str(g("year")), False
    if pub is None:
        return None, True
    shifted = ("year_end", "rel_half", "rel_year", "rel_month", "rel_week", "rel_quarter_of")
    which = (g("which") or "").lower() if kind in shifted else ""
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(which, 0)
    if kind == "year_end":
        return f"{pub.year + shift}", True
    if kind == "rel_half":
        return f"{pub.year + shift}-H{1 if str(g('hw')).lower() == 'first' else 2}", True
    if kind == "rel_quarter":
        return f"{pub.year}-Q{ORDINAL[str(g('qw')).lower()]}", True
    if kind == "rel_quarter_of":
        return f"{pub.year + shift}-Q{ORDINAL[str(g('qw')).lower()]}", True
    if kind == "rel_year":
        return f"{pub.year + shift}", True
    if kind == "rel_month":
        y, mo = _month_shift(pub, shift)
        return f"{y}-{mo:02d}", True
    if kind == "ago":  # a count of days dates the day; of weeks or months, the month; of years, the year
        n = COUNTS.get(str(g("n")).lower()) or int(str(g("n")))
        unit = str(g("unit")).lower()
        if unit == "year":
            return f"{pub.year - n}", True
        if unit == "month":
            y, mo = _month_shift(pub, -n)
            return f"{y}-{mo:02d}", True
        day = (pub - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        return (day[:7] if unit == "week" else day), True
    if kind == "rel_week":  # a week names no day: its month
        return (pub + timedelta(days=7 * shift)).isoformat()[:7], True
    if kind == "month_only":
        mon = MONTHS[str(g("mon")).lower()[:3]]
        return f"{pub.year if mon <= pub.month else pub.year - 1}-{mon:02d}", True
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS[str(g("wd")).lower()]) % 7
        return (pub - timedelta(days=back)).isoformat(), True
    if kind == "today":
        return pub.isoformat(), True
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), True
    return str(g("year")), False


_LAW = re.compile(r"\bact\s+of\s+$")
_UPCOMING = re.compile(
    r"\b(?:effective(?:\s+as\s+of)?|takes?\s+effect|will\s+take\s+effect|until|starting|beginning|"
    r"no\s+later\s+than|on\s+or\s+before)\s*(?:on\s+)?$"
)


def _upcoming(value: str, published: date) -> str:
    """A month and day told as a deadline or a start: its first date on or after publication."""
    when = date.fromisoformat(value)
    for year in (published.year, published.year + 1):
        try:
            later = when.replace(year=year)
        except ValueError:  # 29 February of a common year
            continue
        if later >= published:
            return later.isoformat()
    return value


def find_dates(text: str, published: date | None) -> list[Found]:
    """Every date phrase in ``text`` that can be resolved, in order."""
    low = lower_text(text)  # the same length as text: offsets hold
    present = {g for g in _ALL_GATES if g in low}  # each cue looked for once, not once per pattern
    hits: list[tuple[int, int, re.Match[str]]] = []
    for i, _name, rx, gate in _RXS:
        if not present.isdisjoint(gate):
            hits.extend((m.start(), i, m) for m in rx.finditer(low))
    hits.sort(key=lambda h: (h[0], h[1]))
    chosen: list[re.Match[str]] = []
    end = -1
    for start, _, m in hits:  # leftmost first, the earlier pattern winning a tie: as one alternation would
        if start >= end:
            chosen.append(m)
            end = m.end()
    out: list[Found] = []
    for m in chosen:
        kind = str(m.lastgroup)
        if kind == "month_only" and str(_g(m, kind, "mon")).lower() in ("may", "march"):
            after = text[m.end() : m.end() + 1]
            if not after or after.isalpha():
                continue
        if kind in ("year", "bare_year") and _LAW.search(low, max(0, m.start() - 12), m.start(f"{kind}_year")):
            continue  # "the Private Securities Litigation Reform Act of 1995": a law's name, not a date
        value, relative = _one(kind, m, published)
        cue = _UPCOMING.search(low, max(0, m.start() - 40), m.start()) if kind == "md" else None
        if value is not None and cue is not None and published is not None:
            value = _upcoming(value, published)  # "effective June 30", "until May 1": the next one
        if value is not None:
            out.append(Found(m.start(), m.end(), value, relative, kind))
    # "Saturday, March 8": the weekday only names the date that follows it
    return [
        f
        for i, f in enumerate(out)
        if not (
            (i + 1 < len(out) and f.relative and out[i + 1].start - f.end <= 3 and not out[i + 1].relative)
            or (i + 1 < len(out) and f.relative and out[i + 1].start - f.end <= 3 and "-" in out[i + 1].value[5:])
        )
    ]


def resolve(text: str, published: date | None) -> str | None:
    """The first date phrase of ``text`` as ISO, or None."""
    found = find_dates(text, published)
    return found[0].value if found else None
