"""One event per fact: restatements merged, deal terms attached, the best sentence kept as evidence."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from racecard.extract.events.found import Cand
from racecard.extract.events.territory import AGENCY_TERRITORY
from racecard.model import Event, Evidence, Status

__all__ = ["merge"]

ROLE_FIELDS = {"licensor", "licensee", "from", "to", "acquirer", "acquired"}
TERM_FIELDS = ("upfront_usd", "milestones_usd", "total_usd", "royalties", "value_text")
Key = tuple[Any, ...]
RANK = {Status.HAPPENED: 0, Status.FAILED: 1, Status.PLANNED: 2, Status.EXPECTED: 3}


def _key(c: Cand) -> Key:
    f = c.fields
    if c.type == "acquisition":
        return (c.type, f.get("acquirer"), f.get("acquired"))
    if c.type == "license" and not f.get("drug"):
        return (c.type, None, frozenset((f.get("licensor"), f.get("licensee"))))
    if c.type == "rights_return" and not f.get("drug"):
        return (c.type, None, frozenset((f.get("from"), f.get("to"))))
    if c.type == "forecast":
        return (c.type, f.get("drug") or f.get("indication"), f.get("metric"), f.get("year"))
    if c.type in ("trial_readout", "trial_start"):  # unnamed trials of different phases are different trials
        return (c.type, f.get("drug"), f.get("trial") or (f"phase {f['phase']}" if f.get("phase") else None))
    if c.type == "safety_signal":  # findings in different trials, or none named, are different findings
        return (c.type, f.get("drug"), f.get("trial") or f"sentence {c.sent.index}")
    if c.type == "advisory_opinion":  # a negative opinion and, on re-examination, a positive one: two opinions
        return (c.type, f.get("drug"), f.get("indication"), f.get("outcome"), f.get("agency"))
    if c.type in ("approval", "rejection", "regulatory_submission", "designation"):
        return (c.type, f.get("drug"), f.get("indication"), f.get("designation"))
    return (c.type, f.get("drug"))


def _join_nearest(groups: dict[Key, list[Cand]], key: Key, kin: list[Key]) -> None:
    """Move ``key``'s readings into the kin reading told nearest before them (else nearest after)."""
    at = min(c.sent.index for c in groups[key])
    def distance(k: Key) -> tuple[int, int]:  # before it first, nearest first; then after it, nearest first
        return min((0, at - c.sent.index) if c.sent.index <= at else (1, c.sent.index - at) for c in groups[k])

    nearest = min(kin, key=distance)
    groups[nearest].extend(groups.pop(key))


def _fold_phases(groups: dict[Key, list[Cand]]) -> None:
    """An unnamed trial of a phase is a named trial of the same drug and phase, where the story names one."""
    for key in list(groups):
        if key[0] not in ("trial_readout", "trial_start") or not str(key[2] or "").startswith("phase "):
            continue
        phase = str(key[2])[6:]
        kin = [
            k
            for k in groups
            if k[:2] == key[:2]
            and k[2] is not None
            and not str(k[2]).startswith("phase ")
            and {c.fields["phase"] for c in groups[k] if c.fields.get("phase")} <= {phase}  # same or untold
        ]
        kin = [k for k in kin if _compatible(groups[key], groups[k])]
        if kin:  # the named trial told nearest before it
            _join_nearest(groups, key, kin)


def _fold_loose(groups: dict[Key, list[Cand]]) -> None:
    """A reading missing a distinguishing field joins the one fuller reading of the same drug, if unique."""
    _fold_phases(groups)
    for key in list(groups):
        if not isinstance(key, tuple) or len(key) < 3 or key[2] is not None or key[1] is None:
            continue
        kin = [
            k
            for k in groups
            if k != key
            and isinstance(k, tuple)
            and k[:2] == key[:2]
            and len(k) == len(key)
            and (len(k) < 4 or k[3] == key[3])
        ]
        kin = [k for k in kin if _compatible(groups[key], groups[k])]
        if kin:  # a restatement ("This BTD was granted …") belongs to the reading just before it
            _join_nearest(groups, key, kin)


def _widen_indications(cands: list[Cand]) -> None:
    """ "lung cancer" in a headline and "non-small cell lung cancer" in the text are one indication:
    a short name takes the one fuller name of the same drug's events that ends with it."""
    by_drug: dict[tuple[str, Any], set[str]] = {}
    for c in cands:
        if c.fields.get("indication"):
            by_drug.setdefault((c.type, c.fields.get("drug")), set()).add(c.fields["indication"])
    for c in cands:
        ind = c.fields.get("indication")
        if not ind:
            continue
        wider = [
            o
            for o in by_drug.get((c.type, c.fields.get("drug")), ())
            if o != ind and (o.endswith(" " + ind) or o.startswith(ind + " of "))  # "anemia" of "anemia of CKD"
        ]
        if len(wider) == 1:
            c.fields["indication"] = wider[0]


def _compatible(a: list[Cand], b: list[Cand]) -> bool:
    """Whether two readings can be one fact: no field both give differently, the same kind of status."""
    planned = {Status.PLANNED, Status.EXPECTED}
    told, fuller = {x.status in planned for x in a}, {y.status in planned for y in b}
    if len(told) != 1 or not told <= fuller:  # a loose reading told one way joins a fact told that way (too)
        return False
    for f in ("territory", "phase", "indication", "date"):
        va = {c.fields[f] for c in a if c.fields.get(f)}
        vb = {c.fields[f] for c in b if c.fields.get(f)}
        if va and vb and not va & vb and f != "date":
            return False
    return True


def _fill_regulatory(events: list[Event]) -> list[Event]:
    """A decision missing its agency, territory or indication takes the one its drug's other decisions agree on."""
    kinds = ("approval", "rejection", "regulatory_submission", "designation", "advisory_opinion")
    out = []
    for ev in events:
        if ev.type in kinds and ev.fields.get("drug"):
            fields = dict(ev.fields)
            for f in ("agency", "territory", "indication"):
                if fields.get(f):
                    continue
                seen = {
                    o.fields[f]
                    for o in events
                    if o is not ev
                    and o.type in kinds
                    and o.fields.get("drug") == fields["drug"]
                    and o.fields.get(f)
                    and (f != "agency" or o.type != "advisory_opinion")
                }
                if not seen and f == "indication":  # no decision says: the one use all the drug's other facts name
                    seen = {o.fields[f] for o in events if o.fields.get("drug") == fields["drug"] and o.fields.get(f)}
                if len(seen) == 1:
                    value = seen.pop()
                    if f == "agency" and fields.get("territory") and AGENCY_TERRITORY.get(value) != fields["territory"]:
                        continue  # another decision's regulator, in another territory
                    if f == "territory" and fields.get("agency") and AGENCY_TERRITORY.get(fields["agency"]) != value:
                        continue
                    fields[f] = value
            ev = Event(ev.type, ev.status, fields, ev.evidence, ev.support)
        out.append(ev)
    return out


_BACKGROUND = re.compile(r"\b(?:previously|earlier|already|originally|first\s+(?:approved|granted)|prior)\b", re.I)
_SPLIT_BY_DATE = ("approval", "rejection", "designation", "advisory_opinion", "discontinuation", "rights_return")


def _explicit_date(c: Cand) -> str | None:
    """The candidate's date when the sentence writes it (not the publication date a lead defaulted to)."""
    value = c.fields.get("date")
    written = {f.value for f in c.sent.dates or []}
    if c.type != "license":  # the day news was told dates that news, not a deal it names in passing
        written |= c.sent.memo.get("told", set())
    return value if value and value in written else None


def _split_background(groups: dict[Key, list[Cand]], published: date | None) -> None:
    """An earlier decision restated as background ("was previously approved in May 2023") is a fact of
    its own, apart from the news of the article."""
    for key in [k for k in groups if k[0] in _SPLIT_BY_DATE]:
        cands = groups[key]
        old = []
        for c in cands:
            when = _explicit_date(c)
            if when is None:
                continue
            stale = published is not None and when[:7] < (published.replace(day=1) - timedelta(days=60)).isoformat()[:7]
            if stale or (published is None and _BACKGROUND.search(c.sent.text)):
                old.append(c)
        rest = [c for c in cands if c not in old]
        if old and not rest:  # all told as past: the first date told stays, other months are decisions of their own
            first = _explicit_date(old[0]) or ""
            rest = [c for c in old if _same_time(_explicit_date(c) or "", first)]
            rest += [c for c in cands if c not in old]
            old = [c for c in old if c not in rest]
        whens = list(dict.fromkeys(_explicit_date(c) for c in old))
        if (
            old
            and rest
            and len(whens) == 1
            and not any(c.fields.get("date") for c in rest)
            and min(c.sent.index for c in rest) > min(c.sent.index for c in old)
        ):
            continue  # "At the time of the US decision, …": a later, undated mention of the decision told with its date
        if old and rest:
            groups[key] = rest
            for when in whens:
                groups[(*key, when)] = [c for c in old if _explicit_date(c) == when]


def _same_time(a: str, b: str) -> bool:
    """Whether two dates can name one time: one a prefix of the other ("2023-06" and "2023-06-12")."""
    return a[:7].startswith(b[:7]) or b[:7].startswith(a[:7])


_BY_PLACE = ("approval", "rejection", "regulatory_submission", "designation", "advisory_opinion")


def _split_by(groups: dict[Key, list[Cand]], keys: list[Key], field: str) -> None:
    """Readings of one key that give ``field`` different values are different facts; a reading without the
    field stays with the first value."""
    for key in keys:
        cands = groups[key]
        values = list(dict.fromkeys(c.fields[field] for c in cands if c.fields.get(field)))
        for value in values[1:]:
            groups[(*key, value)] = [c for c in cands if c.fields.get(field) == value]
        if len(values) > 1:
            groups[key] = [c for c in cands if c.fields.get(field) in (None, values[0])]


def _split_places(groups: dict[Key, list[Cand]]) -> None:
    """Decisions on one drug by regulators of different territories ("the FDA approved it in 2023; the MHRA
    in August") are different facts."""
    _split_by(groups, [k for k in groups if k[0] in _BY_PLACE], "territory")


def _split_unnamed_trials(groups: dict[Key, list[Cand]]) -> None:
    """Unnamed trials of one drug and phase in different indications ("Phase 3 in LSR is planned; Phase 3 trials
    in DPN are under way") are different trials."""
    keys = [k for k in groups if k[0] in ("trial_readout", "trial_start") and not _named_trial(k)]
    _split_by(groups, keys, "indication")


def _named_trial(key: Key) -> bool:
    return key[2] is not None and not str(key[2]).startswith("phase ")


def _parties(cs: list[Cand]) -> frozenset[str]:
    roles = ("from", "to") if cs and cs[0].type == "rights_return" else ("licensor", "licensee")
    return frozenset(v for c in cs for v in (c.fields.get(roles[0]), c.fields.get(roles[1])) if v)


def _combine(cands: list[Cand]) -> Event:
    ranked = sorted(cands, key=lambda c: (-c.score, RANK[c.status], c.sent.index))
    best = ranked[0]
    status = best.status
    if best.type in ("license", "acquisition", "rights_return") and any(c.status == Status.HAPPENED for c in cands):
        status = Status.HAPPENED  # a deal stated as done anywhere is done
    fields: dict[str, Any] = {}
    for c in ranked:
        for k, v in c.fields.items():
            if v in (None, "", []):
                continue
            if k in ROLE_FIELDS and k in fields:
                continue
            fields.setdefault(k, v)
    if best.fields.get("_agency_default"):  # "approved in Japan" in the headline; "Japan's MHLW approved" below
        named = [c.fields["agency"] for c in ranked if c.fields.get("agency") and not c.fields.get("_agency_default")
                 and c.fields.get("territory") == fields.get("territory")]  # fmt: skip
        if named:
            fields["agency"] = named[0]
    for key in ("milestones_usd", "total_usd"):  # the headline "up to" figure, not an instalment already paid
        figures = [c.fields[key] for c in ranked if isinstance(c.fields.get(key), (int, float))]
        if figures:
            fields[key] = max(figures)
    carved = [c.fields["territory"] for c in ranked if str(c.fields.get("territory", "")).startswith("ex-")]
    if carved and fields.get("territory") == "worldwide":  # "worldwide except in Japan", told in another sentence
        fields["territory"] = carved[0]
    if fields.get("territory") == "ex-China" and "ex-Greater China" in carved:  # a headline's "ex-China" rights,
        fields["territory"] = "ex-Greater China"  # the text's four places
    # a date the text writes beats the publication date a lead sentence defaulted to
    written = [d for d in (_explicit_date(c) for c in ranked) if d]
    if written and not _explicit_date(best):
        fields["date"] = written[0]
    when = str(fields.get("date") or "")
    finer = [d for d in written if len(d) > len(when) and d.startswith(when) and when]
    if finer:  # "2025" in one sentence, "Saturday, March 8" of that year in another: the day
        fields["date"] = max(finer, key=len)
    doc_id = best.sent.text and best.fields.get("_doc", "")
    fields = {  # working notes ("_doc") are no schema fields; whole dollar amounts print as integers
        k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in fields.items() if not k.startswith("_")
    }
    sents = list(dict.fromkeys(c.sent.index for c in ranked))
    by_index = {c.sent.index: c.sent for c in ranked}
    evidences = [
        Evidence(
            document=str(doc_id),
            start=by_index[i].start,
            end=by_index[i].end,
            quote=by_index[i].text,
            extractor="racecard-events",
        )
        for i in sents
    ]
    return Event(best.type, status, fields, evidences[0], tuple(evidences[1:]))


def _months_apart(a: str, b: str) -> int:
    """Months between two dates of at least a month's precision; 0 when either is a bare year."""
    if len(a) < 7 or len(b) < 7 or not (a[5:7].isdigit() and b[5:7].isdigit()):
        return 0 if a[:4] == b[:4] else 12
    return abs((int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7])))


def _other_deal(terms: Cand, deal: list[Cand]) -> bool:
    """Whether deal terms tell another deal than ``deal``: dated a season or more apart (an upfront paid the
    month after signing is that deal's), a deal of named assets, or another upfront."""
    when = _explicit_date(terms)
    dates = [d for d in (_explicit_date(c) for c in deal) if d]
    if when and dates and all(_months_apart(when, d) > 3 for d in dates):
        return True
    if terms.fields.get("asset") and all(c.fields.get("drug") for c in deal):
        return True
    paid = terms.fields.get("upfront_usd")
    upfronts = [c.fields["upfront_usd"] for c in deal if c.fields.get("upfront_usd")]
    return bool(paid and upfronts and paid not in upfronts)


def merge(cands: list[Cand], doc_id: str, published: date | None = None) -> list[Event]:
    terms = [c for c in cands if c.type == "_terms"]
    _widen_indications(cands)
    groups: dict[Key, list[Cand]] = {}
    for c in cands:
        if c.type != "_terms":
            c.fields["_doc"] = doc_id
            groups.setdefault(_key(c), []).append(c)
    _fold_loose(groups)
    _split_unnamed_trials(groups)
    _split_places(groups)
    # a programme ended in two uses ("ending the psoriasis trial and a study in psoriatic arthritis") is two facts
    _split_by(groups, [k for k in groups if k[0] == "discontinuation"], "indication")
    # one drug licensed to two partners ("AstraZeneca in the US and China; Astellas holds rights in Japan") is two deals
    _split_by(groups, [k for k in groups if k[0] == "license" and k[1] is not None], "licensee")
    _split_background(groups, published)
    # a drug-less licence (or hand-back) between the parties of a drug's is that one restated
    for key in [k for k in groups if isinstance(k, tuple) and k[0] in ("license", "rights_return") and k[1] is None]:
        parties = key[2]
        kin = [
            k
            for k, cs in groups.items()
            if k[0] == key[0] and k[1] is not None and _parties(cs) and _parties(cs) <= parties
        ]
        if kin:
            for k in kin:
                groups[k].extend(
                    Cand(
                        c.type,
                        c.status,
                        {f: v for f, v in c.fields.items() if f != "asset"},
                        c.sent,
                        c.pos,
                        c.score * 0.5,
                    )
                    for c in groups[key]
                )
            del groups[key]
    licences = [k for k in groups if k[0] == "license"]
    # a rights return without a party takes it from the licence of the same drug
    for k, cs in groups.items():
        if k[0] == "rights_return" and k[1] is not None:
            lic = next((groups[x] for x in licences if x[1] == k[1]), None)
            if lic:
                lor = next((c.fields["licensor"] for c in lic if c.fields.get("licensor")), None)
                lee = next((c.fields["licensee"] for c in lic if c.fields.get("licensee")), None)
                for c in cs:
                    if c.fields.pop("_weak_roles", False) and lee and lor:
                        c.fields["from"], c.fields["to"] = lee, lor  # the licence says who gives back to whom
                    if lee and lee != c.fields.get("to"):
                        c.fields.setdefault("from", lee)
                    if lor and lor != c.fields.get("from"):
                        c.fields.setdefault("to", lor)
    for t in sorted(terms, key=lambda c: not c.fields.get("drug")):  # a licence read from terms first, then its terms
        licences = [k for k in groups if k[0] == "license"]
        target = [k for k in licences if t.fields.get("drug") and k[1] == t.fields["drug"]]
        if not target and not t.fields.get("drug"):  # terms naming another drug are another deal
            parties = {t.fields.get("licensor"), t.fields.get("licensee")} - {None}
            target = [
                k
                for k in licences
                if parties <= {groups[k][0].fields.get("licensor"), groups[k][0].fields.get("licensee")}
                and (parties or min(c.sent.index for c in groups[k]) <= t.sent.index)
            ]  # terms that name nobody describe a deal already named, not one told later
        # terms dated apart from a deal, or paying another upfront, are another deal ("That December, Merck handed
        # Kelun $175 million upfront for seven preclinical ADCs" after its May licence of a named drug)
        target = [k for k in target if not _other_deal(t, groups[k])]
        if len(target) > 1 and len({groups[k][0].sent.index for k in target}) > 1:
            before = [k for k in target if min(c.sent.index for c in groups[k]) <= t.sent.index]
            if before:  # terms describe the deal named last before them (every drug it names)
                latest = max(min(c.sent.index for c in groups[k]) for k in before)
                target = [k for k in before if min(c.sent.index for c in groups[k]) == latest]
        if len(target) == 1 or (target and len({groups[k][0].sent.index for k in target}) == 1):
            for k in target:
                t.fields["_doc"] = doc_id
                groups[k].append(
                    Cand(
                        "license",
                        groups[k][0].status,
                        {f: v for f, v in t.fields.items() if f not in ("drug",)},
                        t.sent,
                        t.pos,
                        0.1,
                    )
                )
        elif not target and (t.fields.get("drug") or t.fields.get("asset")) and t.fields.get("licensor") and (
            t.fields.get("licensee")
        ):
            # "Coherus paying Junshi $35 million upfront" for a named drug (or named assets) is itself a licence
            t.fields["_doc"] = doc_id
            made = Cand("license", Status.HAPPENED, dict(t.fields), t.sent, t.pos, 0.6)
            groups[_key(made)] = [made]
    return _fill_regulatory([_combine(cs) for cs in groups.values()])
