"""Discontinuations (with their reason) and forecasts (sales, peak sales, market size)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from racecard.extract.events.context import Doc, Ref, Sent
from racecard.extract.events.found import IT_NEXT, Cand, coordinated, date_near, drugs_near, rivals_of
from racecard.extract.events.money import Money, find_money
from racecard.extract.events.roles import subject_of
from racecard.extract.events.rx import Trigger
from racecard.extract.events.status import clause_before, negated, status_of
from racecard.extract.events.territory import territory_in
from racecard.extract.events.triggers import portfolio as T
from racecard.model import EntityKind, Mention, Status

__all__ = ["discontinuations", "forecasts"]

_LIST_END = re.compile(T.LIST_END, re.I)
_DISC = Trigger(T.DISCONTINUE)
_REASONS = [(k, re.compile(v, re.I)) for k, v in T.REASONS.items()]
_FORECAST = Trigger(T.FORECAST)
_YEAR = re.compile(
    r"\b(?:in|by|through|for|of)\s+(?:the\s+year\s+)?((?:20)\d\d)\b"
    r"|\b((?:20)\d\d)\s+(?:(?:global|worldwide|annual|peak|net|total|US|U\.S\.|China|EU|7MM)\s+)*"
    r"(?:sales|revenues?|forecast)",
    re.I,
)
_FORWARD = re.compile(T.FORWARD, re.I)
_ADJECTIVE = re.compile(r"\b(?:the|these|those|its|their|other|two|three|several)\s+$", re.I)
_BECAUSE = re.compile(
    r"\b(?:decision|move|because|due\s+to|reason|result\s+of|follow(?:s|ed|ing)|after|prioriti[sz]\w*|review|data|"
    r"fail\w*|lack\s+of|concerns?|focus\w*|reorgani[sz]\w*|restructur\w*|tolerab\w*)\b",
    re.I,
)
# "anemia candidate PF-07940369": the drug's own indication
_MODIFIES = re.compile(r"\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}")
_RESUMED = re.compile(r"\b(?:resum\w+|restart\w*|lifted|reinstat\w+)\b", re.I)
_LOOSE_VERB = re.compile(r"(?:drop|cut|halt|ax|scrap|ditch|shelv|pull|end|stop|sw)", re.I)
_PIPELINE_OBJECT = re.compile(
    r"\b(?:development|program|programme|trials?|stud(?:y|ies)|candidates?|assets?|drugs?|molecules?|"
    r"projects?|plans?|work|pipeline|portfolio|[A-Z]{1,5}-?\d{2,}|\w+(?:mab|nib|rasib|tinib|cept|lisib|parib)\b)",
    re.I,
)
_STATED_REASON = re.compile(r"\b(?:for|due\s+to|citing|on)\s+(?:\w+\s+){0,3}?(?:reasons?|grounds|concerns?)\b", re.I)
_SOURCE_NAMED = re.compile(
    r"(?:according\s+to|(?:[Aa]nalysts?|[Cc]onsultants?|[Rr]esearchers?)\s+(?:at|from|with))\s+"
    r"(?P<src>[A-Z][\w&.-]*(?:\s+(?:[A-Z][\w&.-]*|&))*)"
    r"|^(?:[\w-]+\s+){0,2}?(?P<src2>[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,2})\s+(?:forecasts?|estimates?|projects?|predicts?)\b"
)
_TOP_LIST = re.compile(r"top\s+(?:\d+|three|five|ten)\s", re.I)
_OWNER_OF_OTHER = re.compile(r"['’]s\s+(?!(?:\w+\s+)?(?:sales|revenues?|peak|market))", re.I)


# "was not driven by any safety or efficacy concern but by …": reasons denied are none
_DENIED_REASON = re.compile(
    r"\b(?:not|no)\s+(?:(?:driven|caused|prompted|motivated)\s+by|due\s+to|because\s+of|related\s+to|linked\s+to)?\s*"
    r"(?:any\s+)?(?:[\w-]+\s+){0,2}?(?:(?:or|and)\s+(?:[\w-]+\s+){0,2}?)?(?:concerns?|issues?|reasons?|signals?)\b",
    re.I,
)


def _reason(text: str) -> str | None:
    text = _DENIED_REASON.sub(" ", text)
    stated = _STATED_REASON.search(text)  # "for strategic reasons" says it outright
    if stated:
        text = stated.group(0)
    for name, rx in _REASONS:
        if rx.search(text):
            return name
    return None


def _without_diseases(sent: Sent) -> str:
    """The sentence with its indications blanked: "heart failure" is no failure of the drug."""
    text = sent.text
    for i in sent.of(EntityKind.INDICATION):
        a, b = i.start - sent.start, i.end - sent.start
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _nearby_reason(doc: Doc, sent: Sent) -> str | None:
    """A reason given in the sentence just before or after ("The decision follows a strategic review.")."""
    for s in doc.sents[sent.index + 1 : sent.index + 2] + doc.sents[max(0, sent.index - 1) : sent.index]:
        if _BECAUSE.search(s.text):
            found = _reason(s.text)
            if found:
                return found
    return None


_PLURAL_SUBJECT = re.compile(
    r"\b(?:(?P<both>both)|all\s+(?P<all>two|three|four|five|of\s+them)|the\s+(?P<the>two|three|four|five|pair)"
    r"|(?P<they>they|these|those))(?:\s+(?:drugs?|candidates?|assets?|programs?|programmes?|molecules?|compounds?))?"
    r"\s+(?:(?:were|are|have|has|had|was|will|would)\s+)?(?:(?:been|be|now|also|since)\s+)*$",
    re.I,
)
_COUNTS = {"both": 2, "two": 2, "pair": 2, "three": 3, "four": 4, "five": 5}


def _listed_before(doc: Doc, sent: Sent, subject: str, clause_start: int) -> list[str]:
    """The drugs a plural subject ("both were pruned", "all three were dropped") refers back to: those of the
    clause before it in the sentence, else of the sentence before, when their number is the one it says."""
    m = _PLURAL_SUBJECT.search(subject)
    if m is None:
        return []
    word = (m.group("both") or m.group("all") or m.group("the") or "").lower()
    want = _COUNTS.get(word)
    here = [d.name for d in sent.of(EntityKind.DRUG) if d.end - sent.start <= clause_start]
    before = doc.sents[sent.index - 1].names(EntityKind.DRUG) if sent.index > 0 else []
    for names in (here, before):
        names = list(dict.fromkeys(names))
        if len(names) >= 2 and (want is None or len(names) == want):
            return names
    return []




_IT_OBJECT = re.compile(r"\s+it\b")


def discontinuations(doc: Doc, sent: Sent) -> list[Cand]:
    text = sent.text
    m = _DISC.search(text)
    if m is None:
        return []
    if re.search(r"\b(?:shares?|stock|price|sales|revenue)\b", text[max(0, m.start() - 30) : m.start()], re.I):
        return []
    if _ADJECTIVE.search(text[max(0, m.start() - 12) : m.start()]):
        return []  # "the discontinued candidates": a description, not the news
    if negated(text, m.start()) or _RESUMED.search(text, m.end()):
        return []  # "will not discontinue", "halted briefly but resumed"
    if (
        _LOOSE_VERB.match(m.group(0))
        and not m.group(0).lower().endswith(("pipeline", "portfolio", "market"))  # "cut from its pipeline" says what
        and not _PIPELINE_OBJECT.search(text[m.end() : m.end() + 60])
        and not any(0 <= d.start - sent.start - m.end() <= 60 for d in sent.of(EntityKind.DRUG))
        and not (IT_NEXT.match(text, m.end()) and doc.recent_drug(sent))  # "stopped developing it": the drug told
    ):
        return []  # "dropped 200 jobs": a generic verb needs a drug or a programme as its object
    clause_start = m.start() - len(clause_before(text, m.start(), 200))
    after = _LIST_END.search(text, m.end())
    clause_end = after.start() if after else len(text)
    in_clause = [d for d in sent.of(EntityKind.DRUG) if clause_start <= d.start - sent.start < clause_end]
    partners = rivals_of(sent)  # "the study of X in combination with venetoclax and azacitidine": X alone stops
    drugs = [d for d in drugs_near(sent, m.start()) if d in {x.name for x in in_clause} and d not in partners]
    if _IT_OBJECT.match(text, m.end()):  # "Biogen discontinued it in 2024 to redirect resources to Leqembi": "it" is
        told = [d.name for d in sent.of(EntityKind.DRUG) if d.end - sent.start <= m.start() and d.name not in partners]
        back = told[-1] if told else doc.recent_drug(sent, need_anaphor=False)  # the drug told before, not after
        drugs = [back] if back else drugs
    listed = [] if drugs else _listed_before(doc, sent, text[clause_start : m.start()], clause_start)
    if listed:
        drugs = listed
    elif not drugs:
        trial = next((t.name for t in sent.of(EntityKind.TRIAL)), None)
        back = doc.trial_drug(sent, trial) or doc.recent_drug(sent)
        drugs = [back] if back else []
    if not drugs:
        return []
    if len(drugs) > 1 and not listed:  # a list of culled candidates: every drug in the trigger's clause
        list_end = _LIST_END.search(text[m.end() :])
        limit = m.end() + (list_end.start() if list_end else len(text))
        drugs = [d.name for d in sent.of(EntityKind.DRUG) if d.start - sent.start < limit and d.name not in partners]
        drugs = list(dict.fromkeys(drugs))
    sub = subject_of(sent, m.start())
    company = sub.name if sub else (doc.companies()[0] if doc.companies() else None)
    status = status_of(text, m.start(), m.end(), failure_means_failed=False)
    reason = _reason(_without_diseases(sent)) or _nearby_reason(doc, sent)
    out: list[Cand] = []
    for d in drugs:
        fields: dict[str, Any] = {"drug": d}
        if company:
            fields["company"] = company
        mention = next((x for x in sent.of(EntityKind.DRUG) if x.name == d), None)
        at = mention.end if mention else m.end() + sent.start
        # in a list ("AZD5305 in prostate cancer and AZD0901, and … tozorakimab in AD") a drug's indication comes
        # before the next drug of the list
        upto = min((x.start for x in sent.of(EntityKind.DRUG) if x.start >= at and x.name != d), default=None)
        head = min((x.start for x in sent.of(EntityKind.DRUG) if x.name in drugs), default=at)  # shared before the list
        inds = sorted(
            (
                i
                for i in sent.of(EntityKind.INDICATION)
                if clause_start <= i.start - sent.start < clause_end
                and (
                    len(drugs) == 1
                    or i.start < head
                    or (i.start >= at and (upto is None or i.start < upto))
                    or _MODIFIES.fullmatch(text, i.end - sent.start, (mention.start if mention else at) - sent.start)
                )
            ),
            key=lambda i: (i.start < at - 1, abs(i.start - at)),
        )
        if inds:
            fields["indication"] = inds[0].name
        if reason:
            fields["reason"] = reason
        terr = territory_in(text)
        if terr and terr != "worldwide":
            fields["territory"] = terr
        date = date_near(doc, sent, m.start(), said_day=True)
        if date:
            fields["date"] = date
        out.append(Cand("discontinuation", status, fields, sent, m.start(), 0.8))
    return out


_RISE_TO = re.compile(r"\bto\s+(?:about\s+|roughly\s+|nearly\s+|more\s+than\s+)?(?:US)?\$")


def _near_after(items: list[tuple[int, str]], pos: int, ahead: int, behind: int) -> str | None:
    """The item closest after ``pos`` (within ``ahead``), else closest before it (within ``behind``)."""
    after = [(at - pos, v) for at, v in items if 0 <= at - pos <= ahead]
    before = [(pos - at, v) for at, v in items if 0 < pos - at <= behind]
    return min(after)[1] if after else (min(before)[1] if before else None)


# "The company expects X to reach $10 billion, the CEO said, and analysts at Jefferies forecast Y sales of …"
# clauses that give their own figure: ", and Merck expects …", ", and forecast combined revenue of …", "; …"
_FORECAST_SPLIT = re.compile(
    r",\s+and\s+(?=analysts|[A-Z]|(?:forecasts?|expects?|sees?|projects?|predicts?|estimates?|models?)\s)|;\s+"
)


def forecasts(doc: Doc, sent: Sent) -> list[Cand]:
    """The forecasts of a sentence, one reading per clause that gives its own figure."""
    bounds = [0, *(m.end() for m in _FORECAST_SPLIT.finditer(sent.text)), len(sent.text)]
    parts = [(a, b) for a, b in pairwise(bounds) if "$" in sent.text[a:b]]
    own = [any(a <= d.start - sent.start < b for d in sent.of(EntityKind.DRUG)) for a, b in parts]
    if len(parts) < 2 or not all(own):  # "X made $13bn in 2025, and Merck expects it to reach …": one drug, one read
        return _forecasts(doc, sent)
    out: list[Cand] = []
    for lo, hi in parts:
        part = Sent(
            sent.index,
            sent.start + lo,
            sent.start + hi,
            sent.text[lo:hi],
            [m for m in sent.mentions if lo <= m.start - sent.start < hi],
            [Ref(r.start - lo, r.end - lo, r.name, r.how) for r in sent.refs if lo <= r.start < hi],
            sent.low[lo:hi],
        )
        for c in _forecasts(doc, part):
            c.sent, c.pos = sent, c.pos + lo  # the evidence is the whole sentence
            out.append(c)
    return out


# peak sales, not a rival's peak ("a combined $31 billion that would exceed what Humira earned at its peak")
_PEAK = re.compile(
    r"\bpeak(?:-year)?[\s-]+(?:(?:year|annual|global|worldwide|u\.?s\.?|net|product)[\s-]+)*(?:sales|revenues?)"
    r"|\b(?:sales|revenues?)\s+(?:\w+\s+){0,3}?peak|\bpeak(?:s|ing)?\s+at\b|\bto\s+peak\b"
)
_DRUG_THEN = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:[\w-]+\s+){0,6}?(?:about|roughly|around|nearly|some)?\s*", re.I)
_FOR_DRUG = re.compile(r"\s*(?:in\s+[\w-]+\s+)?(?:for|from)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


def _figure_per_drug(sent: Sent, money: list[Money], drugs: list[Mention]) -> dict[str, float]:
    """Each drug with the figure written just before it ("$2.7 billion for Rybrevant and $1.3 billion for …")."""
    out: dict[str, float] = {}
    for d in drugs:
        at = d.start - sent.start
        before = [x for x in money if x.end <= at and _FOR_DRUG.fullmatch(sent.text, x.end, at)]
        if before and d.name not in out:
            out[d.name] = float(before[-1].amount)
    if len(out) > 1:
        return out
    # "Skyrizi alone to bring in about $20 billion in 2027 and Rinvoq roughly $11 billion": each figure after its drug
    out = {}
    starts = sorted(d.start - sent.start for d in drugs)
    for d in drugs:
        at = d.end - sent.start
        nxt = next((s for s in starts if s > at), len(sent.text))
        after = [x for x in money if at <= x.start < nxt and _DRUG_THEN.fullmatch(sent.text, at, x.start)]
        if after and d.name not in out:
            out[d.name] = float(after[0].amount)
    return out if len(out) > 1 and len(set(out.values())) == len(out) else {}


def _future_year(doc: Doc, text: str) -> bool:
    """Whether the text dates its figure after the story ("sizes the market at $90bn in 2030"): a forecast."""
    if doc.published is None:
        return False
    return any(int(y.group(1) or y.group(2)) > doc.published.year for y in _YEAR.finditer(text))


def _forecasts(doc: Doc, sent: Sent) -> list[Cand]:
    text = sent.text
    triggers = list(_FORECAST.finditer(text))
    if not triggers or not (_FORWARD.search(text) or _future_year(doc, text)):
        return []
    first_drug = next((d.start - sent.start for d in sent.of(EntityKind.DRUG)), None)
    if first_drug is not None:
        triggers.sort(key=lambda t: abs(t.start() - first_drug))
    money = [x for x in find_money(text) if x.usd is not None and x.amount >= 1e7]
    years = [(y.start(), y.group(1) or y.group(2)) for y in _YEAR.finditer(text)]
    past = doc.published.year - 1 if doc.published else 0
    for m in triggers:  # "sales of $13bn in 2024, and Sanofi expects it to reach $20bn in 2030": the forward one
        value = _near_after([(x.start, str(x.amount)) for x in money], m.start(), 90, 60)
        anchor = next((x.start for x in money if str(x.amount) == value), m.start())
        year = _near_after(years, anchor, 60, 60)
        if year is not None and int(year) <= past:  # "will climb from $4.7bn in 2020 to $12bn by 2030": the goal
            to = _RISE_TO.search(text, anchor)
            goal = next((x for x in money if to and x.start >= to.end() - 1 and x.start - to.end() < 4), None)
            goal_year = _near_after(years, goal.start, 40, 0) if goal else None
            if goal and goal_year and int(goal_year) > past:
                value, year = str(goal.amount), goal_year
        if year is None or int(year) > past:
            break
    low = text.lower()
    drug_ms = [d for d in sent.of(EntityKind.DRUG) if not _OWNER_OF_OTHER.match(text, d.end - sent.start)]
    metric = (
        "peak_sales"
        if _PEAK.search(low)
        else ("market_size" if re.search(r"\bmarket\b|industry|spending\s+on", low) and not drug_ms else "sales")
    )
    if year is None and metric != "peak_sales":
        return []  # a sales figure without a year is no forecast
    if year and doc.published and int(year) <= doc.published.year - 1:
        if metric != "peak_sales":
            return []  # a past year's sales are reported, not forecast
        year = None  # "initiating coverage in 2022, had pencilled in peak sales of $5.5 billion": the note's year
    fields: dict[str, Any] = {"metric": metric}
    if year:
        fields["year"] = year
    if value:
        fields["value_usd"] = float(value)
    terr = territory_in(text)
    fields["territory"] = terr or "worldwide"
    src = subject_of(sent, m.start()) or next(
        (r for r in sent.refs if re.search(T.FORECAST_SOURCE_WORDS, text[max(0, r.start - 15) : r.end + 25], re.I)),
        None,
    )
    if src:
        fields["source"] = src.name
    else:  # a research house the story does not count among its companies ("analysts at Leerink Partners")
        named = _SOURCE_NAMED.search(text)
        if named:
            fields["source"] = named.group("src") or named.group("src2")
    out: list[Cand] = []
    if metric == "market_size":
        inds = [i.name for i in sent.of(EntityKind.INDICATION)]
        if inds:
            fields["indication"] = inds[0]
        if "value_usd" in fields:
            out.append(Cand("forecast", Status.EXPECTED, fields, sent, m.start(), 0.8))
        return out
    if not drug_ms:  # "analysts expect the drug to reach peak sales of $10 billion": the drug spoken of
        back = doc.recent_drug(sent) if "value_usd" in fields else None
        if back:
            out.append(Cand("forecast", Status.EXPECTED, {"drug": back, **fields}, sent, m.start(), 0.7))
        return out
    paired = _figure_per_drug(sent, money, drug_ms)
    if len(paired) > 1:  # "peak sales of $2.7 billion for Rybrevant and $1.3 billion for Lazcluze": each its figure
        last = max(x.end for x in money)
        when = fields.get("year") or next((y for at, y in years if 0 <= at - last <= 60), None)  # "both in 2031"
        for d, figure in paired.items():
            f = {**fields, "value_usd": figure, **({"year": when} if when else {})}
            out.append(Cand("forecast", Status.EXPECTED, {"drug": d, **f}, sent, m.start(), 0.8))
        return out
    if _TOP_LIST.match(m.group(0)):  # "Top 3 drugs in 2028: Keytruda …, Dupixent … and Ozempic …"
        listed = list(dict.fromkeys(d.name for d in drug_ms if d.start - sent.start > m.start()))
    else:
        listed = coordinated(sent, min(drug_ms, key=lambda d: abs(d.start - sent.start - m.start())).name)
    for d in listed[:10]:
        out.append(Cand("forecast", Status.EXPECTED, {"drug": d, **fields}, sent, m.start(), 0.8))
    return out
