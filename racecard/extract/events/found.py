"""What an event family finds in one sentence, and the helpers every family shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from racecard.extract import rules
from racecard.extract.events.context import Doc, Sent
from racecard.extract.events.dates import COUNT_WORDS, COUNTS, MONTHS, Found, find_dates
from racecard.model import EntityKind, Mention, Status

__all__ = [
    "IT_NEXT",
    "Cand",
    "clause_indication",
    "coordinated",
    "coordinated_indications",
    "date_near",
    "drugs_near",
    "indication_near",
    "later_clause_drugs",
    "others_indications",
    "partners_of",
    "phase_in",
    "rivals_of",
    "semicolon_part",
    "signed_date",
    "trial_near",
]


@dataclass(slots=True)
class Cand:
    """One event read from one sentence: ``score`` ranks its evidence when restatements merge."""

    type: str
    status: Status
    fields: dict[str, Any]
    sent: Sent
    pos: int
    score: float = 1.0


_PHASE = re.compile(
    r"\bphase\s*(?P<a>I{1,3}V?|[1-4])(?P<ab>[ab])?(?:\s*(?:/|-|and|or)\s*(?P<b>I{1,3}|[1-4])[ab]?)?\b", re.I
)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def phases_in(text: str) -> list[tuple[int, str]]:
    """Every trial phase written in ``text``, with where: ("Phase III" → "3", "Phase 1/2" → "1/2")."""
    out = []
    for m in _PHASE.finditer(text):
        a = _ROMAN.get(m.group("a").lower(), m.group("a"))
        b = m.group("b")
        out.append((m.start(), f"{a}/{_ROMAN.get(b.lower(), b)}" if b else a))
    return out


def semicolon_part(text: str, pos: int) -> tuple[int, int]:
    """The part of ``text`` between the semicolons around ``pos`` ("X wins EU nod; Y returns rights to Z"): a
    headline's or a list's items are told apart there."""
    hi = text.find(";", pos)
    return text.rfind(";", 0, pos) + 1, len(text) if hi < 0 else hi


def phase_in(text: str, pos: int = 0) -> str | None:
    """The trial phase written nearest ``pos``."""
    found = phases_in(text)
    return min(found, key=lambda f: abs(f[0] - pos))[1] if found else None


def date_near(
    doc: Doc,
    sent: Sent,
    pos: int,
    *,
    default_published: bool = False,
    said_day: bool = False,
    deal_years: bool = True,
) -> str | None:
    """The date phrase of the sentence closest to ``pos``; the published date for a lead sentence's news
    (``default_published``); the day the news was told ("said on April 14 it had discontinued …") with
    ``default_published`` or ``said_day``."""
    if sent.dates is None:  # deadlines and the day a statement was made date no event of the sentence
        sent.dates = [
            f
            for f in find_dates(sent.text, doc.published)
            if not _DEADLINE.search(sent.text[max(0, f.start - 30) : f.start])
            and not _SAID_ON.search(sent.text[max(0, f.start - 20) : f.start])
            and not _DEADLINE_AFTER.match(sent.text, f.end)
        ]
        sent.dates += _months_of_that_year(doc, sent)
    found = [f for f in sent.dates if not _aside(sent, f.start, pos)]
    if not deal_years:  # "ended its 2022 collaboration", "the agreement signed in January 2021": the deal's date
        found = [
            f
            for f in found
            if not _DEAL_YEAR.match(sent.text, f.start) and not _signed_on(sent.text, f.start)
        ]
    if found:
        # the nearest phrase, after the trigger rather than before, a full date rather than a bare year,
        # in the trigger's own clause rather than across a clause boundary
        ranked = []
        for f in found:
            lo, hi = sorted((f.end if f.end <= pos else f.start, pos))  # not the date's own stop ("Nov. 7")
            # "bought into the class in June 2021, when it in-licensed EOS-448": the when-clause shares that time
            crossing = any(
                not (f.start < pos and _WHEN.fullmatch(b.group(0))) for b in _DATE_BREAK.finditer(sent.text, lo, hi)
            )
            ranked.append((crossing, abs(f.start - pos) + (0 if f.start >= pos else 15) - 4 * len(f.value), f.value))
        best = min(ranked)
        if not best[0]:
            return _in_told_year(doc, sent, found, str(best[2]))
        return _published_default(doc, sent, pos, default_published, said_day)  # the only dates: other clauses
    that_year = _THAT_YEAR.search(sent.text)
    told = _date_before(doc, sent, 0, _stated) if that_year else None  # "in June of that year": the year named last
    if that_year and told:
        month = that_year.group("mon") or that_year.group("that")
        return f"{told.value[:4]}-{MONTHS[month.lower()[:3]]:02d}" if month else told.value[:4]
    return _published_default(doc, sent, pos, default_published, said_day)


def _stated(f: Found) -> bool:
    return not f.relative


def _of_a_month(f: Found) -> bool:
    return len(f.value) >= 7


def _date_before(doc: Doc, sent: Sent, at: int, keep: Callable[[Found], bool], back: int = 3) -> Found | None:
    """The last date phrase ``keep`` accepts, told before ``at`` in the sentence, else in the ``back`` sentences
    before it."""
    here: list[Found] = [f for f in sent.dates or [] if f.end <= at and keep(f)]
    if here:
        return here[-1]
    earlier = (f for s in reversed(doc.sents[max(0, sent.index - back) : sent.index])
               for f in reversed(find_dates(s.text, doc.published)))  # fmt: skip
    return next((f for f in earlier if keep(f)), None)


def _months_of_that_year(doc: Doc, sent: Sent) -> list[Found]:
    """"… in January 2023 and converted it to a full approval that July", "… in the same month": a month of the
    year (or the month) told just before, in the sentence or the ones before it, as a date of its own."""
    out = []
    for m in _THAT_YEAR.finditer(sent.text):
        month = m.group("mon") or m.group("that")
        if m.group("same"):
            told = _date_before(doc, sent, m.start(), _of_a_month, back=2)
            if told:
                out.append(Found(m.start(), m.end(), told.value[:7], False))
        elif month:
            told = _date_before(doc, sent, m.start(), _stated)
            if told:
                out.append(Found(m.start(), m.end(), f"{told.value[:4]}-{MONTHS[month.lower()[:3]]:02d}", False))
    return out


_PARENS = re.compile(r"\([^()]*\)")


def _aside(sent: Sent, at: int, pos: int) -> bool:
    """Whether ``at`` lies in a parenthesis that does not hold ``pos`` ("originally granted to Shire (integrated
    with Takeda in 2019)": that year dates the aside, not the fact)."""
    if "(" not in sent.text:
        return False
    if "parens" not in sent.memo:
        sent.memo["parens"] = [(m.start(), m.end()) for m in _PARENS.finditer(sent.text)]
    return any(a < at < b and not a < pos < b for a, b in sent.memo["parens"])


def _in_told_year(doc: Doc, sent: Sent, found: list[Found], value: str) -> str:
    """A month and day without a year in the year the story just told ("Autumn 2023 brought two more moves. On
    October 4, Sanofi …" in a 2025 story): that year, not the one before publication."""
    f = next((f for f in found if f.value == value), None)
    if f is None or f.kind != "md" or doc.published is None or value[:4] != str(doc.published.year - 1):
        return value  # only a day put back a year for falling after publication is a guess the story can correct
    for s in reversed(doc.sents[max(0, sent.index - 2) : sent.index + 1]):
        years = [
            int(x.value[:4])
            for x in find_dates(s.text if s is not sent else sent.text[: f.start], doc.published)
            if not x.relative and len(x.value) == 4
        ]
        if years:
            year = years[-1]
            if doc.published.year - 3 <= year < int(value[:4]):
                return f"{year}{value[4:]}"
            return value
    return value


def _published_default(doc: Doc, sent: Sent, pos: int, wanted: bool, said_day: bool = False) -> str | None:
    """The publication date for news a lead sentence tells without a date of its own ("today's"), unless
    its clause tells of an earlier time; the day the news was told ("Regeneron said on Monday that the FDA
    had issued …") where the sentence gives it."""
    if not (wanted or said_day) or doc.published is None:
        return None
    if "said_on" not in sent.memo:  # the days the sentence says its news was told, read once
        sent.memo["said_on"] = [
            f.value
            for f in find_dates(sent.text, doc.published)
            if f.relative and len(f.value) == 10 and _SAID_ON.search(sent.text[max(0, f.start - 20) : f.start])
        ]
    told = sent.memo["said_on"]
    word = _WORD.match(sent.text, pos)
    before = _SINCE_THEN.search(sent.text[max(0, pos - 70) : word.end() if word else pos])
    if before:  # "said on Tuesday it is halting trials, barely a month after regaining rights": an earlier fact
        return _back_from(str(told[-1]), before) if told else None
    if told and not _LONG_BEFORE.search(sent.text, 0, pos):  # "said on Monday that the FDA had issued …"
        sent.memo.setdefault("told", set()).add(str(told[-1]))  # a date the text writes, as merging weighs it
        return str(told[-1])
    if _told_before(sent, pos) or not wanted:
        return None
    return doc.published.isoformat() if sent.index < 5 else None


_LONG_BEFORE = re.compile(r"\b(?:previously|earlier|formerly|originally|in\s+(?:19|20)\d\d)\b", re.I)
# "(barely a month) after regaining", "two years since licensing": the trigger tells of a time before the news
_SINCE_THEN = re.compile(
    rf"(?:\b(?P<n>{COUNT_WORDS})\s+(?P<unit>day|week|month|year)s?\s+)?"
    r"\b(?:after|since|following)\s+(?:(?:its|their|his|her|first|initially|originally)\s+)?\w+ing\b[^.;,]*$",
    re.I,
)
_WORD = re.compile(r"\w*")
# "stopped developing it", "MHRA authorized it": the verb's object is the drug told before
IT_NEXT = re.compile(r"\s+(?:it|them)\b")


def _back_from(told: str, since: re.Match[str]) -> str | None:
    """The day told, less the time the text says passed since ("a month after" → the month before), at the
    precision the text gives: a year's count dates the year, a month's the month; without a count, no date."""
    if not since.group("n"):
        return None
    n = COUNTS.get(since.group("n").lower()) or int(since.group("n"))
    year, month, day = (int(x) for x in told[:10].split("-"))
    unit = since.group("unit").lower()
    if unit == "year":
        return str(year - n)
    if unit == "month":
        months = year * 12 + month - 1 - n
        return f"{months // 12}-{months % 12 + 1:02d}"
    back = date(year, month, day) - timedelta(days=n * (7 if unit == "week" else 1))
    return back.isoformat()


_EARLIER = re.compile(
    r"\b(?:previously|earlier|formerly|originally|already|had\s+(?:\w+\s+)?(?:\w+ed|sold|paid|bought|won|got|made|"
    r"struck|signed))\b[^.;]*$",
    re.I,
)


def _told_before(sent: Sent, pos: int) -> bool:
    """Whether the clause tells of an earlier time ("previously sold", "had paid"): not today's news."""
    return _EARLIER.search(sent.text[max(0, pos - 60) : pos + 12]) is not None


def _near(ms: list[Mention], pos: int) -> list[Mention]:
    return sorted(ms, key=lambda m: abs(m.start - pos))


_COMPARED = re.compile(
    r"(?:versus|vs\.?|compared\s+(?:with|to)|than|over|against|relative\s+to|like|rival|rivals|competitor|competitors|"
    # "in combination with Merck's anti-PD-1 therapy, KEYTRUDA"
    r"plus|with|alongside|combination\s+with|combined\s+with)\s+(?:[\w'’-]+\s+){0,3}?(?:[\w'’-]+,\s+)?$",
    re.I,
)
_DATE_BREAK = re.compile(
    r";|(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bCorp)(?<!\bNo)(?<!\bvs)(?<!\bU\.S)\.\s+(?=[A-Z\d\u201c\x22])"  # not "Inc. ("
    r"|,\s*(?:and\s+)?(?:but|while|whereas|which|who|following|after|before|when|ending|marking|bringing|capping)\s"
    rf"|,\s*(?:(?:just|barely|only|some|about|nearly|almost|roughly)\s+)?(?:{COUNT_WORDS})\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:after|since|following|before)\s"  # ", barely a month after regaining"
    r"|\s(?:while|whereas)\s"
    # "… on July 6, 2023, and in Japan, where it was approved in September"; ", and Britain's MHRA authorized it …"
    r"|,\s+(?:and|but)\s+(?:in|by)\s|,\s+and\s+(?=[A-Z])"
    r"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:it|they|which|that)\s"  # ", the drug it licensed in 2021"
    r"|,\s+(?:said|says|added|noted)\b"
    r"|,\s+(?:reversing|overturning|replacing|despite)\s"  # "…, reversing the negative opinion it adopted in July"
    # "met the primary endpoint of THRIVE, putting the biotech on course to seek approval next year"
    r"|,\s+(?:putting|setting|paving|making|giving|bringing|leaving|positioning)\s"
    r"|\swhen\s+(?:it|they|the\s+\w+)\s"  # "the study the FDA required when it granted approval in June 2021"
    # "took rights in September 2021, won breakthrough designations in January 2023": another verb, another date
    r"|,\s+(?:and\s+)?(?:won|received|got|gained|secured|filed|obtained|launched|submitted|began|started)\s"
    r"|,?\s+and\s+(?:\w+\s+)?(?:plans?|expects?|intends?|aims?|will|is|was|has|had|said|says)\s"
)
_WHEN = re.compile(r",\s*(?:and\s+)?when\s")
# "its June 12 target date": a deadline
_DEADLINE_AFTER = re.compile(r"\s+(?:PDUFA|target\s+action|action|target|goal)\s+date\b", re.I)
_DEAL_YEAR = re.compile(
    r"(?:\w+\s+)?(?:19|20)\d\d\s+(?:[\w-]+\s+)?(?:collaboration|agreement|deal|licen[cs]e|partnership|pact|alliance)"
)
# "the collaboration and license agreement signed in January 2021", "…, concluded in November 2011": when the deal
# was made, not when it ended
_SIGNED = re.compile(
    r"\b(?:signed|struck|inked|concluded|entered\s+into|forged)\s+(?:in|on|back\s+in)\s+$", re.I
)
_DEAL_NOUN = re.compile(r"\b(?:agreement|deal|pact|collaboration|partnership|licen[cs]e|alliance)\b", re.I)


def signed_date(doc: Doc, sent: Sent) -> str | None:
    """The day a deal the sentence names was signed ("terminating the agreement the two signed in September 2020")."""
    return next((f.value for f in find_dates(sent.text, doc.published) if _signed_on(sent.text, f.start)), None)


def _signed_on(text: str, at: int) -> bool:
    """Whether the date at ``at`` is the day a deal the sentence names was signed."""
    return _SIGNED.search(text, max(0, at - 30), at) is not None and _DEAL_NOUN.search(text, 0, at) is not None


_SAID_ON = re.compile(r"\b(?:said|says|told\s+\w+)\s+(?:on\s+)?$", re.I)
_THAT_YEAR = re.compile(
    r"\b(?:(?:in\s+)?(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?:of\s+)?)?(?:that|the\s+same)\s+year\b"
    # "In May 2022, … That December, …": the month of the year just told
    r"|\b[Tt]hat\s+(?P<that>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(?:in\s+)?the\s+same\s+(?P<same>month)\b"  # "the Commission followed in the same month"
)
_DEADLINE = re.compile(
    r"(?:PDUFA|action|goal)\s+date(?:\s+(?:of|is|set\s+for))?\s*$|\bdate\s+of\s*$"
    r"|\bdecision\s+(?:is\s+)?(?:expected|anticipated|due|slated|scheduled)\s+(?:in|by|on|for)\s+(?:the\s+)?$",
    re.I,
)
_MODIFIER = re.compile(rf"-(?:\s|{rules.PRIOR_THERAPY}|like)", re.I)
_COORD = re.compile(
    r"^[)\]]?(?:\s*\([^)]*\))?(?:[^.;()]{0,80}?)(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s+or\s+)(?:the\s+)?"
    r"(?:[\w/-]+\s+){0,4}$",  # "Columvi (glofitamab) and Epkinly": the brand's parenthesis closes first
    re.I,
)
_NOT_COORD = re.compile(r"\b(?:plus|with|combination|versus|vs|compared|than|like|such\s+as|including|over)\b", re.I)


def rivals_of(sent: Sent, mentions: list[Mention] | None = None) -> set[str]:
    """The drugs of ``mentions`` (all the sentence's by default) named as comparators, rivals or partners
    ("versus docetaxel", "in combination with venetoclax and azacitidine")."""
    return {
        m.name
        for m in (sent.of(EntityKind.DRUG) if mentions is None else mentions)
        if _COMPARED.search(sent.text[max(0, m.start - sent.start - 40) : m.start - sent.start])
    }


_PARTNER = re.compile(
    r"(?:combination\s+with|combined\s+with|together\s+with|plus|versus|vs\.?|compared\s+(?:with|to)|alongside)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:[\w'’-]+,\s+)?"
    r"(?:(?:such\s+as|including)\s+(?:[\w-]+/)?)?$",  # "with current standards of care, including venetoclax/"
    re.I,
)


def partners_of(sent: Sent) -> set[str]:
    """The drugs named as another's combination partner or comparator, with those listed beside them ("in
    combination with carboplatin and etoposide", "with Merck's anti-PD-1 therapy, KEYTRUDA", "versus osimertinib")
    — never a rival named as such ("a competitor for Cobenfy, which gained approval"). Read once per sentence."""
    if "partners" not in sent.memo:
        found = {
            m.name
            for m in sent.of(EntityKind.DRUG)
            if _PARTNER.search(sent.text, max(0, m.start - sent.start - 60), m.start - sent.start)
        }
        sent.memo["partners"] = found | {d for f in found for d in coordinated(sent, f)}
    return set(sent.memo["partners"])


def drugs_near(sent: Sent, pos: int, *, main: bool = False) -> list[str]:
    """Drug names of the sentence, the closest to ``pos`` first; ``main`` drops comparators and partners."""
    rel = pos + sent.start
    ms = _near(sent.of(EntityKind.DRUG), rel)
    if ";" in sent.text:  # "X wins EU nod; Y returns rights to Z's drug": a drug of one clause is not the other's
        lo, hi = semicolon_part(sent.text, pos)
        ms = [m for m in ms if lo <= m.start - sent.start < hi]
    if main:  # a drug named once as a comparator or rival is one in all its mentions ("rival Lumakras (sotorasib)")
        rivals = rivals_of(sent, ms)
        ms = [m for m in ms if m.name not in rivals]
    ms = [  # "Olumiant-like", "sotorasib-treated", "in the post-Tagrisso setting": the drug names a setting
        m
        for m in ms
        if not _MODIFIER.match(sent.text, m.end - sent.start)
        and not sent.text[max(0, m.start - sent.start - 5) : m.start - sent.start].lower().endswith(("post-", "pre-"))
    ]
    return list(dict.fromkeys(m.name for m in ms))


Same = Callable[[Mention, Mention, str], bool]
Joins = Callable[[str, Mention], bool]


def _listed_with(sent: Sent, kind: EntityKind, first: str, same: Same, joins: Joins) -> list[str]:
    """``first`` and the names of ``kind`` listed right after it: a mention ``same`` as the one before (an alias
    in parentheses) is passed over, one whose gap ``joins`` the list is added, anything else ends it."""
    ms = sent.of(kind)
    start = next((i for i, m in enumerate(ms) if m.name == first), None)
    if start is None:
        return [first]
    out, prev = [first], ms[start]
    for m in ms[start + 1 :]:
        gap = sent.text[prev.end - sent.start : m.start - sent.start]
        if same(prev, m, gap):
            prev = m
            continue
        if m.name == prev.name or not joins(gap, m):
            break
        out.append(m.name)
        prev = m
    return list(dict.fromkeys(out))


def coordinated(sent: Sent, first: str) -> list[str]:
    """``first`` and the drugs listed with it ("filed for Kyprolis … and Blincyto"), in order; not a prior
    treatment ("oxaliplatin-based chemotherapy")."""
    return _listed_with(
        sent,
        EntityKind.DRUG,
        first,
        lambda a, b, gap: b.name == a.name or (gap.strip() in ("(", ")", "") and len(gap) < 3),
        lambda gap, m: not _MODIFIER.match(sent.text, m.end - sent.start)
        and bool(_COORD.match(gap))
        and not _NOT_COORD.search(gap),
    )


_IND_COORD = re.compile(
    r"\)?\s*(?:\([^)]*\)\s*)?(?:,\s*and\s+|,\s*|\s+and\s+|\s+as\s+well\s+as\s+)(?:in\s+|for\s+)?(?:(?:relapsed|"
    r"refractory|or|and|previously|treated|untreated|advanced|metastatic|adults?|patients|with|first-line|"
    r"second-line)[\s,/-]+)*",
    re.I,
)


def coordinated_indications(sent: Sent, first: str) -> list[str]:
    """``first`` and the indications listed with it ("in relapsed follicular lymphoma and in relapsed DLBCL")."""
    return _listed_with(
        sent,
        EntityKind.INDICATION,
        first,
        lambda a, b, gap: b.name == a.name and len(gap) <= 3,  # "follicular lymphoma (FL)": one name twice
        lambda gap, m: bool(_IND_COORD.fullmatch(gap)),
    )


# Where one clause of a sentence ends and another, with its own verb, begins.
_NEXT_CLAUSE = re.compile(
    r";|,\s+(?:and|but|while)\s+|\s+and\s+(?:then\s+|also\s+)?(?:plans?|expects?|intends?|aims?|will|is|was|has|had)\s"
)


def _clause_bounds(sent: Sent, pos: int) -> tuple[int, int] | None:
    """The trigger's own clause, where the sentence has several."""
    lo = max((m.end() for m in _NEXT_CLAUSE.finditer(sent.text, 0, pos)), default=0)
    nxt = _NEXT_CLAUSE.search(sent.text, pos)
    hi = nxt.start() if nxt else len(sent.text)
    return None if lo == 0 and hi == len(sent.text) else (lo, hi)


def clause_indication(sent: Sent, pos: int) -> str | None:
    """The indication of the trigger's own clause, closest to it, where the sentence has several clauses
    ("approved X for FL in 2022, and in 2023 cleared Y for DLBCL"; "expects data from HARBOR in 2026 and plans
    to file Z in DMD")."""
    bounds = _clause_bounds(sent, pos)
    if bounds is None:
        return None
    inside = [i for i in sent.of(EntityKind.INDICATION) if bounds[0] <= i.start - sent.start < bounds[1]]
    return min(inside, key=lambda i: abs(i.start - sent.start - pos)).name if inside else None


def others_indications(sent: Sent, pos: int) -> bool:
    """Whether every indication of the sentence stands in another clause than the trigger's."""
    bounds = _clause_bounds(sent, pos)
    inds = sent.of(EntityKind.INDICATION)
    return bounds is not None and bool(inds) and clause_indication(sent, pos) is None


def later_clause_drugs(sent: Sent, pos: int) -> set[str]:
    """The drugs named only in clauses after the trigger's ("… data from HARBOR in 2026 and plans to file X"); a
    drug of a clause before it may be the topic both share ("initiated a trial of X and expects data in 2025")."""
    bounds = _clause_bounds(sent, pos)
    if bounds is None:
        return set()
    ms = sent.of(EntityKind.DRUG)
    before = {m.name for m in ms if m.start - sent.start < bounds[1]}
    return {m.name for m in ms} - before


def indication_near(sent: Sent, pos: int) -> str | None:
    ms = _near(sent.of(EntityKind.INDICATION), pos + sent.start)
    return ms[0].name if ms else None


def trial_near(sent: Sent, pos: int) -> str | None:
    """The trial named closest to ``pos`` in its part of the sentence (not across a semicolon)."""
    lo, hi = semicolon_part(sent.text, pos)
    ms = [m for m in _near(sent.of(EntityKind.TRIAL), pos + sent.start) if lo <= m.start - sent.start < hi]
    return ms[0].name if ms else None
