"""Regulatory events: submissions, designations, advisory opinions, approvals and rejections."""

from __future__ import annotations

import re
from typing import Any

from racecard.extract.events.context import Doc, Sent
from racecard.extract.events.dates import find_dates
from racecard.extract.events.found import (
    IT_NEXT,
    Cand,
    clause_indication,
    coordinated,
    coordinated_indications,
    date_near,
    drugs_near,
    indication_near,
    partners_of,
)
from racecard.extract.events.rx import Trigger
from racecard.extract.events.status import clause_before, negated, status_of
from racecard.extract.events.territory import AGENCY_TERRITORY, agencies_in, agency_in, territory_in
from racecard.extract.events.triggers import regulatory as T
from racecard.model import EntityKind, Status

__all__ = ["regulatory"]


def _rx(parts: list[str]) -> Trigger:
    return Trigger(parts)


_APPROVAL, _NOT_APPROVAL, _REJECTION = _rx(T.APPROVAL), re.compile(T.NOT_APPROVAL, re.I), _rx(T.REJECTION)
_SUBMISSION, _ADVISORY = _rx(T.SUBMISSION), _rx(T.ADVISORY)
_DESIGNATION = re.compile("|".join(f"(?P<{k}>{v})" for k, v in T.DESIGNATIONS.items()), re.I)
_ADV_NEG, _ADV_POS = re.compile(T.ADVISORY_NEGATIVE, re.I), re.compile(T.ADVISORY_POSITIVE, re.I)
_VOTE = re.compile(
    r"(\d+)\s*(?:-|to|–)\s*(\d+)(?:\s*(?:,\s*)?(?:with\s+\d+\s+abstain\w*\s*,?\s*)?(?:\w+\s+){0,8}?(against|in\s+favou?r))?",
    re.I,
)
_CONDITIONAL = re.compile(T.CONDITIONAL, re.I)
_PDUFA = re.compile(T.PDUFA, re.I)
_DECIDED = re.compile(r"approv(?:ed|es)\b", re.I)
_DECLINED = re.compile(
    r"\b(?:did\s+not|didn't|declined\s+to|refused\s+to|will\s+not|won't|would\s+not)\s+(?:\w+\s+)?$", re.I
)
_MODIFIED = re.compile(r"-(?:\s|based|containing|pretreated|refractory|naive|resistant)", re.I)
_ANAPHOR_SUBJECT = re.compile(
    r"\b(?:the|this|its)\s+(?:\w+\s+){0,2}?(?:drug|therapy|treatment|medicine|candidate|antibody|inhibitor|combination|regimen)\b"
    r"(?!\s+(?:application|approval|submission|filing|master|license|licence|administration|evaluation))"  # not "the
    # new drug application", not "the Food and Drug Administration"
    r"|^\s*It\b"
    # "Later in 2022 it was approved, in combination with carboplatin, for …": the drug told before, not its partners
    r"|\bit\s+(?:was|has\s+been|had\s+been|is|were)\s+(?:also\s+|then\s+|later\s+|conditionally\s+)?(?:approved|cleared|"
    r"authori[sz]ed)\b",
    re.I,
)
_NEVER_APPROVAL = re.compile(T.NEVER_APPROVAL, re.I)
_LISTED = re.compile(r"including\s+(?:the\s+|its\s+|all\s+)?$", re.I)
_NOT_A_FILING = re.compile(
    r"BTD|breakthrough|designation|fast\s+track|orphan|IND\b|in\s+(?:a|its|the)\s+(?:regulatory\s+|stock\s+exchange\s+)?filing",
    re.I,
)
_MONEY_TERMS = re.compile(  # a contract's terms ("a $50 million regulatory milestone"), not "a milestone for patients"
    r"milestone\s+payments?|(?:regulatory|development|commercial|sales|approval)[- ](?:based\s+)?milestones?"
    r"|milestones?\s+(?:payments?|of\s+(?:up\s+to\s+)?(?:US)?\$)|in\s+milestones|\$[\d.,]+\s*(?:[mb]n?|million|billion)?"
    r"\s+milestone|upfront|up-front|royalt|per\s+share|contingent\s+value",
    re.I,
)
_REG_CONTEXT = re.compile(
    r"FDA|EMA|NMPA|CDE|PMDA|MHRA|regulator|agency|authorit|Commission|Health\s+Canada|market|label|indication|treat|patients|approval|in\s+(?:the\s+)?(?:US|U\.S\.|United\s+States|China|Japan|Europe|EU)"
    r"|\b(?:China|Japan|Europe|EU|US|U\.S\.|UK|Canada|Korea|Taiwan|India|Australia)(?:['’]s)?\s+(?:regulators?\s+)?"
    r"(?:approves|approved|clears|cleared|green-?lights|OKs)\b",  # "China approves Innovent's …": a country decides
    re.I,
)


def _regulatory_context(sent: Sent) -> bool:
    """Whether a sentence speaks of regulators or of treating patients (not of approving a budget)."""
    return bool(_REG_CONTEXT.search(sent.text) or sent.of(EntityKind.INDICATION) or agency_in(sent.text))


_REGULATOR_OF = {
    "US": "FDA", "China": "NMPA", "Japan": "PMDA", "EU": "EMA", "UK": "MHRA", "Canada": "Health Canada",
    "South Korea": "MFDS", "Taiwan": "TFDA", "Hong Kong": "Hong Kong DoH", "Singapore": "HSA", "Australia": "TGA",
    "Switzerland": "Swissmedic", "India": "CDSCO", "Brazil": "ANVISA",
}  # fmt: skip


_COMMITTEE_OF = {"CHMP": "EMA", "FDA advisory committee": "FDA"}
_SAME_REGULATOR = {"CDE": "NMPA", "MHLW": "PMDA", "European Commission": "EMA"}


def _agency_mention(doc: Doc, sent: Sent, pos: int, hi: int | None = None) -> tuple[str, str] | None:
    """A regulator the lexicon recognised in the sentence before ``hi`` (nearest the trigger), with its territory."""
    found = sorted(
        (m for m in sent.of(EntityKind.AGENCY) if m.name not in _PAYERS and (hi is None or m.start - sent.start < hi)),
        key=lambda m: abs(m.start - sent.start - pos),
    )
    if not found:
        return None
    return _regulator(doc, found[0].name)


def _regulator(doc: Doc, name: str) -> tuple[str, str]:
    """A recognised agency as the regulator that decides, with its territory."""
    territory = str(doc.lexicon.attrs(EntityKind.AGENCY, name).get("territory") or AGENCY_TERRITORY.get(name, ""))
    return _SAME_REGULATOR.get(name, name), territory


# "is already approved in the US": a standing state the story does not date (unlike "is now approved")
_LATER_FOR = re.compile(
    r"\b(?:and|,)\s+(?:was\s+|were\s+)?(?:later|subsequently|since|then)\s+(?:(?:also\s+)?(?:approved|cleared|"
    r"authori[sz]ed)\s+)?(?:for|in|to\s+treat)\s+",
    re.I,
)
_GROUNDS_OF = re.compile(
    r"(?:\s+of\s+[\w-]+)?\s+(?:rests|rested|is\s+based|was\s+based|is\s+supported|was\s+supported|builds|was\s+built)"
    r"\b",
    re.I,
)
_THE_NOUN = re.compile(r"(?:^|\b(?:The|the|This|this|Today['’]s|today['’]s)\s+)$")
_DUE_LATER = re.compile(
    r"[^.;,]{0,140}?\b(?:is|are)\s+(?:(?:likewise|also|now|currently)\s+)?(?:planned|scheduled|slated|due|expected|"
    r"anticipated|set)\b",
    re.I,
)
_AND_ANOTHER = re.compile(
    r"(?:\([^)]*\)\s*)?\s+and\s+(?:an?\s+)?(?:s?NDA|s?BLA|MAA|[\w\s]{0,40}?[Aa]pplication)\s+to\s+(?:the\s+)?", re.I
)
_BY_AGENCY = re.compile(r"\w+\s+by\s+(?:the\s+|its\s+)?")
_IS_APPROVED = re.compile(r"\b(?:is|are|remains?)\s+(?:(?:already|also|currently|still|both|widely)\s+)?$", re.I)


# "the agency", or a pathway of the story's regulator ("won a disputed accelerated approval in June 2021")
_THE_AGENCY = re.compile(r"\b(?:[Tt]he|[Tt]hat)\s+(?:agency|regulator)\b|\baccelerated\s+(?:approval|pathway)\b")


def _the_agency(doc: Doc, sent: Sent) -> tuple[str, str] | None:
    """The regulator "the agency" stands for: the one named in the sentences just before, else the one the story
    names most ("The NMPA granted … The regulator accepted the application in May 2020")."""
    if not _THE_AGENCY.search(sent.text):
        return None
    for s in reversed(doc.sents[max(0, sent.index - 3) : sent.index]):
        told = [m.name for m in s.of(EntityKind.AGENCY) if m.name not in _PAYERS]
        if told:
            return _regulator(doc, told[-1])
    named = [n for (k, n), _ in doc.counts.most_common() if k == EntityKind.AGENCY and n not in _PAYERS]
    if not named:  # agencies the lexicon does not list: the first the text names
        first = agency_in(doc.text[: sent.start])
        named = [first[0]] if first else []
    return _regulator(doc, named[0]) if named else None


def _places_of(listed: str) -> list[str]:
    """The places of a listing territory ("US, EU and Japan")."""
    return [p for p in re.split(r",\s*|\s+and\s+", listed) if p]


# "the designation allows sponsors to submit sections of an application on a rolling basis": what a scheme permits
_ALLOWS_TO = re.compile(r"\b(?:allows?|allowing|enables?|enabling|lets|permits?)\s+(?:\w+\s+){0,3}?to\s+$", re.I)
_AND_TO = re.compile(r",\s+and\s+to\s+$")
_AND_IN = re.compile(r"\s+and\s+in\s+")
# "The lung cancer indication was converted to a regular approval in August 2022"
_CONVERTED = re.compile(r"\bconver(?:ted|ts|sion)\b[^.;]{0,60}?\b(?:regular|full|traditional)\s+approval", re.I)
_LABEL_SUBJECT = re.compile(r"\s*(?:The|Its)\s+(?:[\w-]+\s+){0,3}?(?:indication|label)\s+(?:was|has\s+been)\s+")
_PAYERS = frozenset({"CMS", "NHSA", "NICE"})  # coverage and price, not marketing authorisation


def _place(sent: Sent, pos: int, doc: Doc | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agency = None
    phrase = _OWN_PHRASE.match(sent.text, pos)  # "is still under review in the European Union": its own place
    adjective = _PLACE_ADJ.search(phrase.group(0)) if phrase else None  # "plans to seek U.S. approval"
    if adjective:
        place = _ADJ_PLACES[adjective.group(1)]
        return {"agency": _REGULATOR_OF[place], "territory": place, "_agency_default": True}
    for prep in _PLACE_PREP.finditer(phrase.group(0) if phrase else ""):
        after = prep.group("after")
        found = agency_in(after)
        if found and found[1] == 0:
            agency = found
            break
        own = territory_in(after)
        if own and " and " in own and _IN_PLACE.match(after) and all(p in _REGULATOR_OF for p in _places_of(own)):
            return {"territory": own}  # "to file for approval in Japan and Europe": each regulator's, told by _make
        if own and own != "worldwide" and own in _REGULATOR_OF and _IN_PLACE.match(after):
            start = (phrase.start() if phrase else pos) + prep.start("after")
            # "approved in the US, the EU and Japan", "filed in Japan and in the European Union"
            listed = territory_in(_AND_IN.sub(" and ", sent.text[start : start + 80]))
            if (
                listed
                and listed.startswith((own + ",", own + " and "))
                and all(p in _REGULATOR_OF for p in _places_of(listed))
            ):
                return {"territory": listed}  # a decision by each regulator, told apart by _make
            return {"agency": _REGULATOR_OF[own], "territory": own, "_agency_default": True}
    if agency is None:  # "approved by the Ministry of Health, Labour and Welfare": the agency after "by"
        by = _BY_AGENCY.match(sent.text, pos)
        found = agency_in(sent.text[by.end() : by.end() + 80]) if by else None
        agency = found if found and found[1] == 0 else None
    if agency is None:  # the regulator of the decision's own clause ("…, and Britain's MHRA cleared it")
        lo = max((m.end() for m in _CLAUSE_AFTER.finditer(sent.text, 0, pos)), default=0)
        before = [(n, at) for n, at in agencies_in(sent.text[lo : pos + 8])]  # the trigger may open with "Agency"
        agency = before[-1] if before and lo > 0 else None
        own = territory_in(sent.text[lo:pos]) if lo > 0 and agency is None else None
        if own in _REGULATOR_OF:  # "…, and in Japan, where it was approved in September"
            return {"agency": _REGULATOR_OF[str(own)], "territory": own, "_agency_default": True}
    if agency and agency[0] in _PAYERS:  # "after CMS restricted coverage": who pays decides no approval
        agency = None
    # the trigger's own clause: "Japan became the first to approve it in March, and the European Commission signed
    # off in September": the Commission decided the second, not the first
    nxt = _CLAUSE_AFTER.search(sent.text, pos)
    hi = min(pos + 160, nxt.start()) if nxt else pos + 160
    agency = agency or next(
        (a for a in agencies_in(sent.text[max(0, pos - 200) : hi]) if a[0] not in _PAYERS), None
    )
    if agency is None and doc is not None:
        known = _agency_mention(doc, sent, pos, hi) or _the_agency(doc, sent)
        if known:
            out["agency"], out["territory"] = known
    if agency:
        out["agency"] = agency[0]  # the body the text names: the Commission grants, Japan's ministry approves
        out["territory"] = AGENCY_TERRITORY.get(agency[0], "")
    terr = territory_in(sent.text[max(0, pos - 80) : min(pos + 120, hi)])
    if terr == "Greater China":  # the four places of a licence listed beside the decision: China's regulator decides
        terr = "China"
    if terr and terr != "worldwide" and not out.get("territory"):
        out["territory"] = terr
        if terr in _REGULATOR_OF and "agency" not in out:
            out["agency"], out["_agency_default"] = _REGULATOR_OF[terr], True
    if terr == "worldwide" and not out:
        out["territory"] = "worldwide"
    return {k: v for k, v in out.items() if v}


def _make(
    doc: Doc,
    sent: Sent,
    kind: str,
    pos: int,
    end: int,
    status: Status,
    extra: dict[str, Any],
    score: float = 1.0,
    *,
    told: str | None = None,
    carried: str | None = None,
) -> list[Cand]:
    """The events of one trigger; ``told`` is the drug an "it" after the trigger stands for, ``carried`` the drug
    of a clause this one continues ("to apply in the US, and to file in Japan")."""
    if status == Status.PLANNED and kind in ("approval", "rejection", "designation", "advisory_opinion"):
        status = Status.EXPECTED  # a company plans its filings; regulators' decisions can only be expected
    if _CONDITIONAL.search(sent.text[max(0, pos - 40) : pos]) or _MONEY_TERMS.search(sent.text):
        return []  # "upon approval", "regulatory milestones": a term of a contract, not an event
    drugs = _subject_drugs(sent, pos) or ([told] if told and IT_NEXT.match(sent.text, end) else [])
    if not drugs and carried:
        drugs = [carried]
    if not drugs:
        trial = next((t.name for t in sent.of(EntityKind.TRIAL)), None)
        back = (  # "on the strength of its global WU-KONG1 study": the trial's drug, not the last one named
            doc.trial_drug(sent, trial) if trial else doc.recent_drug(sent, need_anaphor=kind != "advisory_opinion")
        )
        if back is None and (
            (status in (Status.PLANNED, Status.EXPECTED) and kind != "rejection") or kind == "advisory_opinion"
        ):
            back = doc.actor_drug(sent) or doc.main_drug()  # "the company intends to file in 2028": its drug
            if back is None and kind == "regulatory_submission":
                back = doc.previous_drug(sent)  # "X is in Phase 3. Its maker plans to file in 2026."
            if back is None and kind == "regulatory_submission" and not sent.of(EntityKind.DRUG):
                back = doc.recent_drug(sent, need_anaphor=False)  # the drug the story last spoke of
        if (
            back is None
            and kind == "approval"
            and not sent.of(EntityKind.DRUG)
            and doc.main_drug(strong=True)
            and (_LABEL_SUBJECT.match(sent.text) or _place(sent, pos).get("territory") not in (None, "worldwide"))
        ):  # "The lung cancer indication was converted to a regular approval", "In Europe, the Swiss pharma secured a
            back = doc.main_drug()  # conditional marketing authorization": a decision on the story's drug
        if back is None and kind in _MAIN_DRUG_KINDS and not sent.of(EntityKind.DRUG):
            # "The NMPA accepted Dizal's application and placed it under priority review"
            back = doc.actor_drug(sent) or doc.main_drug()
        if back and _described_other(doc, sent, back):
            back = None  # "a refusal to file letter for its dengue vaccine": another product of the company
        drugs = [back] if back else []
    if not drugs:
        return []
    drugs = coordinated(sent, drugs[0]) if kind in ("regulatory_submission", "approval") else drugs[:1]
    fields: dict[str, Any] = {**_place(sent, pos, doc), **extra}
    if kind == "approval" and not fields.get("territory") and _CONVERTED.search(sent.text):
        fields["agency"], fields["territory"] = "FDA", "US"  # only the FDA converts an accelerated approval so
    if kind != "regulatory_submission" and fields.get("territory") == "worldwide":
        del fields["territory"]  # "the first approval worldwide": no regulator decides for the world
    if kind != "advisory_opinion" and fields.get("agency") in _COMMITTEE_OF:
        fields["agency"] = _COMMITTEE_OF[fields["agency"]]  # a committee advises; its agency decides
    ind = clause_indication(sent, pos) or indication_near(sent, pos)
    inds: list[str | None] = list(coordinated_indications(sent, ind)) if ind else [None]
    state = kind == "approval" and _IS_APPROVED.search(sent.text, max(0, pos - 30), pos) is not None
    date = date_near(doc, sent, pos, default_published=status == Status.HAPPENED and not state)
    if date:
        fields["date"] = date
    places: list[dict[str, str]] = [{}]
    listed = str(fields.get("territory") or "")
    if kind != "advisory_opinion" and " and " in listed and "agency" not in fields:  # "approved in China and Japan"
        parts = _places_of(listed)
        if all(p in _REGULATOR_OF for p in parts):  # a decision by each regulator
            places = [{"territory": p, "agency": _REGULATOR_OF[p]} for p in parts]
    # a decision in two indications is two facts ("letters for X in FL and in DLBCL")
    out = [
        Cand(kind, status, {"drug": d, **fields, **place, **({"indication": i} if i else {})}, sent, pos, score)
        for d in drugs
        for i in inds
        for place in places
    ]
    later = _LATER_FOR.search(sent.text, end) if kind == "approval" else None
    if later:  # "approved in 2020 for NSCLC and later (cleared) for thyroid cancer": a second decision, undated
        after = [i.name for i in sent.of(EntityKind.INDICATION) if i.start - sent.start >= later.end()][:1]
        fields.pop("date", None)
        out += [Cand(kind, status, {"drug": d, **fields, "indication": i}, sent, later.start(), score)
                for d in drugs[:1] for i in after if i not in inds]
    return out


_COMMITTEE_SUBJECT = re.compile(
    r"\b(?:committee|panel|advisers|advisors|CHMP|ODAC|adcomm?)(?:['’]s)?\s+(?:\w+\s+){0,2}$", re.I
)
_BARE_COMMITTEE = re.compile(
    r"CHMP|Committee\s+for\s+Medicinal\s+Products|advisory\s+(?:committee|panel)|ODAC|adcomm?", re.I
)
_DESCRIBED_BY = re.compile(
    r"\b(?:population|patients|group|indication|label|use|dose|regimen)\s+(?:that\s+|which\s+)?(?:the\s+)?$", re.I
)
# "Eisai leads lecanemab's development and regulatory submissions": who does the filings, not a filing
_IN_CHARGE = re.compile(
    r"\b(?:leads?|led|responsible\s+for|handles?|handled|oversees?|overseeing|manages?|in\s+charge\s+of)\s+"
    r"[^.;,]{0,60}$",
    re.I,
)
_FROM_BOTH = re.compile(r"\s*(?:[\w-]+\s+){0,6}?(?:from|by)\s+(?:both\s+)?(?P<list>[^;]{4,160})")
_WHEN_AFTER = re.compile(r"[^,;]{0,30}?\b(?:in|on)\s+")


def _granters(doc: Doc, text: str, end: int) -> list[tuple[str, str | None]]:
    """The regulators a designation is said to come from, when it names several ("from both China's CDE and the
    U.S. FDA", "by the U.S. FDA in April 2022 and by the European Commission in December 2022"), each with the
    date written after it."""
    m = _FROM_BOTH.match(text, end)
    if m is None:
        return []
    other = _DESIGNATION.search(text, end, m.end())  # "BTD by the FDA in February and PRIME by the EMA": the
    listed = text[m.start("list") : other.start() if other else m.end()]  # EMA grants the other designation
    if " and " not in listed:
        return []
    out: dict[str, str | None] = {}
    for name, at in agencies_in(listed):
        agency = _SAME_REGULATOR.get(name, name)
        if agency not in AGENCY_TERRITORY or agency in out:
            continue
        after = m.start("list") + at
        dated = _WHEN_AFTER.match(text, after + len(name))  # "by the U.S. FDA in April 2022"
        told = find_dates(text[dated.end() : dated.end() + 25], doc.published) if dated else []
        out[agency] = told[0].value if told else None
    return list(out.items())


def _described_other(doc: Doc, sent: Sent, drug: str) -> bool:
    """Whether the sentence describes its product by a use the story never gives ``drug`` ("its dengue vaccine
    application" after a story of a cell therapy)."""
    told = {i for s in doc.sents if drug in s.names(EntityKind.DRUG) for i in s.names(EntityKind.INDICATION)}
    for m in _PRODUCT_OF.finditer(sent.text):
        inside = {i.name for i in sent.of(EntityKind.INDICATION) if m.start() <= i.start - sent.start < m.end()}
        if inside and not inside & told:
            return True
    return False


_PRODUCT_OF = re.compile(
    r"\b(?:its|the|their)\s+(?:[\w-]+\s+){1,3}?(?:vaccine|drug|therapy|treatment|candidate|antibody|medicine)\b", re.I
)
_CHINA_STORY = re.compile(r"\b(?:NMPA|CDE|China|Chinese)\b")
_MAIN_DRUG_KINDS = ("designation", "regulatory_submission", "rejection")
_PLAN_TO = re.compile(r"\b(?:plan|plans|bid|effort|intention|decision|aim|goal|hopes?)\b[^.;]{0,50}\bto\s+$", re.I)
_ABANDONED = re.compile(
    r"\b(?:scraps?|scrapped|abandon(?:s|ed)?|drops?|dropped|shelve[sd]?|cancel(?:s|led|ed)?|end(?:s|ed)?)\s+"
    r"(?:\w+\s+){0,2}(?:plan|plans|bid|effort)\b",
    re.I,
)
_PLACE_ADJ = re.compile(
    r"^\S+\s+(?:\w+\s+)?(U\.S\.|US|EU|European|Chinese|Japanese)\s+(?:marketing\s+|regulatory\s+)?(?:approval|filing|"
    r"submission|authori[sz]ation)"
)
_ADJ_PLACES = {"U.S.": "US", "US": "US", "EU": "EU", "European": "EU", "Chinese": "China", "Japanese": "Japan"}
# each preposition's phrase, overlapping: "filed by Everest in Hong Kong" has "Everest …" and "Hong Kong"
_PLACE_PREP = re.compile(r"\b(?:in|by|with|to|from|before|at)\s+(?:the\s+)?(?=(?P<after>\S.{0,40}))")
_IN_PLACE = re.compile(
    r"(?:U\.S\.|US|USA|United\s+States|EU|European\s+Union|Europe|China|Japan|UK|U\.K\.|United\s+Kingdom|Canada"
    r"|South\s+Korea|Korea|Taiwan|Hong\s+Kong|Singapore|Australia|Switzerland|India|Brazil)\b"
)
_OWN_PHRASE = re.compile(r"[^,;:()]{1,90}")
_COMMITTEE = {True: ("CHMP", "EU"), False: ("FDA advisory committee", "US")}  # whose advisers, by European-ness
_EUROPEAN = frozenset({"CHMP", "EMA", "European Commission"})
# an opinion that names no committee, in a story about the CHMP and no FDA panel: the CHMP's
_LAST_COMMITTEE = re.compile(
    r"\b(?P<eu>CHMP|Committee\s+for\s+Medicinal\s+Products|European\s+Medicines\s+Agency)\b"
    r"|\b(?:[Aa]dvisory\s+(?:[Cc]ommittee|panel)|ODAC|adcomm?|FDA\s+panel)\b"
)


def _european_committee(doc: Doc, sent: Sent) -> bool:
    """Whose committee "the committee" is: the one the story named last before it (a CHMP story may also recall an
    FDA panel), else the story's."""
    named = list(_LAST_COMMITTEE.finditer(doc.text, 0, sent.start))
    if named:
        return named[-1].group("eu") is not None
    return _CHMP_STORY.search(doc.text) is not None


_CHMP_STORY = re.compile(
    r"^(?=[\s\S]*\b(?:CHMP|Committee\s+for\s+Medicinal\s+Products|European\s+Medicines\s+Agency)\b)"
    r"(?![\s\S]*\b(?:[Aa]dvisory\s+(?:[Cc]ommittee|panel)|ODAC|adcomm?|FDA\s+panel)\b)"
)
_AND_THEN = re.compile(r",\s+(?:and|but|while|whereas)\s+$")
_AND_ADVERBIAL = re.compile(r",\s+(?:and|but|while)\s+(?:in|on|by|then|later|also|last|this|earlier|since)\b", re.I)


def _subject_drugs(sent: Sent, pos: int) -> list[str]:
    """The drug a decision is about: the closest before the trigger in its clause ("Cobenfy, which
    gained FDA approval"), else the closest after it ("approved Krazati")."""
    other_clause = max(  # ", and Bayer won US approval for …": a drug before it is another clause's
        (
            c.start - sent.start
            for c in sent.of(EntityKind.COMPANY)
            if c.start - sent.start <= pos and _AND_THEN.search(sent.text, 0, c.start - sent.start)
        ),
        default=-1,
    )
    for m in _AND_ADVERBIAL.finditer(sent.text, 0, pos):  # "…, and in 2023 cleared X": the verb's own clause
        other_clause = max(other_clause, m.start())
    before = [
        m
        for m in sent.of(EntityKind.DRUG)
        if other_clause < m.end - sent.start <= pos
        and not re.search(r"[;]|\.\s", sent.text[m.end - sent.start : pos])
        and not _MODIFIED.match(sent.text, m.end - sent.start)
    ]
    partners = partners_of(sent)  # "HANSIZHUANG, in combination with carboplatin and etoposide, … has been approved"
    own = [m for m in before if m.name not in partners]
    if own:
        first = own[-1].name
        return [first] + [d for d in drugs_near(sent, pos) if d != first and d not in partners]
    if before:
        first = before[-1].name
        return [first] + [d for d in drugs_near(sent, pos) if d != first]
    clause_start = pos - len(clause_before(sent.text, pos))
    anaphor = _ANAPHOR_SUBJECT.search(sent.text[clause_start : pos + 20])  # sees "drug application" whole
    company_it = anaphor is not None and any(  # "Intellia has said it plans to file …": "it" is the company
        r.how == "pronoun" and r.start <= clause_start + anaphor.start() < r.end for r in sent.refs
    )
    if anaphor and anaphor.start() < pos - clause_start and not company_it:
        return []  # "The drug has been approved for patients …": the subject is a drug named earlier
    return [d for d in drugs_near(sent, pos) if d not in partners]  # not "… versus osimertinib"


_ONE_REGULATOR = re.compile(
    r"(?P<fda>fast[- ]track|regenerative\s+medicine\s+advanced\s+therapy|\bRMAT\b|rare\s+pediatric)"
    r"|(?P<ema>(?-i:\bPRIME\b)|priority\s+medicines)|(?P<pmda>SAKIGAKE)",
    re.I,
)
_ONE_REGULATOR_OF = {"fda": ("FDA", "US"), "ema": ("EMA", "EU"), "pmda": ("PMDA", "Japan")}
ALL = frozenset({"approval", "rejection", "regulatory_submission", "designation", "advisory_opinion"})


def regulatory(doc: Doc, sent: Sent, tags: frozenset[str] = ALL) -> list[Cand]:
    text = sent.text
    out: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for m in _DESIGNATION.finditer(text) if "designation" in tags else ():
        kind = str(m.lastgroup)
        if re.search(
            r"\b(?:seek|apply|applied|request|eligible)\w*\s+(?:for\s+)?$",
            text[max(0, m.start() - 30) : m.start()],
            re.I,
        ):
            continue
        got = _make(
            doc, sent, "designation", m.start(), m.end(), status_of(text, m.start(), m.end()), {"designation": kind}
        )
        owner = _ONE_REGULATOR.search(m.group(0))
        for c in got:  # a designation only one regulator grants names it ("Fast Track", "RMAT", "PRIME")
            if owner:
                c.fields["agency"], c.fields["territory"] = _ONE_REGULATOR_OF[owner.lastgroup or ""]
            elif kind == "breakthrough" and c.fields.get("agency") in ("EMA", "CHMP"):
                # "breakthrough therapy designation … and PRIME status from the EMA": Europe grants no BTD
                chinese = _CHINA_STORY.search(doc.text) is not None and "FDA" not in doc.text
                c.fields["agency"], c.fields["territory"] = ("NMPA", "China") if chinese else ("FDA", "US")
        granters = _granters(doc, text, m.end())
        if len(granters) > 1:  # "designations from both China's CDE and the U.S. FDA": one from each
            got = [
                Cand(
                    c.type,
                    c.status,
                    {**c.fields, "agency": a, "territory": AGENCY_TERRITORY[a], **({"date": when} if when else {})},
                    c.sent,
                    c.pos,
                )
                for c in got
                for a, when in granters
            ]
        out += got
        taken.append((m.start(), m.end()))
    for m in _ADVISORY.finditer(text) if "advisory_opinion" in tags else ():
        if _BARE_COMMITTEE.fullmatch(m.group(0)) and _DESCRIBED_BY.search(text, 0, m.start()):
            continue  # "the MHRA approved it for the population the CHMP has now endorsed": the opinion told before
        window = text[max(0, m.start() - 40) : m.start() + 220]
        neg, pos_ = _ADV_NEG.search(window), _ADV_POS.search(window)
        outcome = None
        vote = _VOTE.search(window)
        if vote:
            a, b = int(vote.group(1)), int(vote.group(2))
            side = (vote.group(3) or "").lower()
            outcome = "negative" if (side == "against") == (a > b) and side else ("positive" if a > b else "negative")
            if not side:
                outcome = "negative" if neg and not pos_ else ("positive" if a > b else "negative")
                if re.search(
                    r"\bthat\b[^.;]{0,80}?\b(?:not|cannot|can't|could\s+not|unable|failed|insufficient)\b",
                    window[vote.end() : vote.end() + 120],
                    re.I,
                ):
                    outcome = "negative" if a > b else "positive"  # the majority backed a negative finding
        elif neg or pos_:
            strong = re.search(r"recommend\w*\s+against|not\s+recommend|voted\s+against", window, re.I)
            outcome = "negative" if strong or (neg and (not pos_ or neg.start() < pos_.start())) else "positive"
        if outcome is None:
            continue
        agency = agency_in(text[max(0, m.start() - 60) : m.end() + 40])
        european = (agency[0] in _EUROPEAN) if agency else _european_committee(doc, sent)
        extra: dict[str, Any] = {"outcome": outcome, "agency": _COMMITTEE[european][0]}
        got = _make(doc, sent, "advisory_opinion", m.start(), m.end(), Status.HAPPENED, extra)
        for c in got:
            c.fields["agency"], c.fields["territory"] = _COMMITTEE[european]
        out += got
        taken.append((m.start(), m.end() + 60))
        break
    rejected = False
    for m in _REJECTION.finditer(text) if "rejection" in tags else ():
        if not _regulatory_context(sent):
            continue
        status = status_of(text, m.start(), m.end(), failure_means_failed=False)
        if _COMMITTEE_SUBJECT.search(text, max(0, m.start() - 60), m.start()):
            # "EU drug regulator's committee rejects Kisunla": advisers recommend against; they decide nothing
            european = _CHMP_STORY.search(doc.text) is not None or "EU" in text[: m.start()]
            extra = {"outcome": "negative", "agency": _COMMITTEE[european][0]}
            got = _make(doc, sent, "advisory_opinion", m.start(), m.end(), Status.HAPPENED, extra)
            for c in got:
                c.fields["agency"], c.fields["territory"] = _COMMITTEE[european]
            out += got
            taken.append((m.start(), m.end()))
            break
        if rejected and not _CLAUSE_AFTER.search(text, taken[-1][1], m.start()):
            continue  # "issued a complete response letter rejecting …": one decision told twice
        told = next((c.fields["drug"] for c in reversed(out) if c.type == "rejection"), None)
        got = _make(doc, sent, "rejection", m.start(), m.end(), status, {}, told=told)
        out += got
        taken.append((m.start(), m.end()))
        if rejected or not got:
            break  # at most two: "refused to file in 2016, and … rejected it with a complete response letter"
        rejected = True
    filed: set[tuple[str, str]] = set()  # (drug, territory) filed in the sentence so far
    for m in _SUBMISSION.finditer(text) if "regulatory_submission" in tags else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        if filed and not _CLAUSE_AFTER.search(text, taken[-1][1], m.start()):
            continue  # one filing told twice ("submitted a BLA … the submission includes …")
        if (
            re.match(r"(?:submit|fil)\w*\s+(?:\w+\s+){0,3}?IND\b", m.group(0), re.I)
            or _NOT_A_FILING.search(text[max(0, m.start() - 25) : m.end() + 5])
            or _LISTED.search(text[max(0, m.start() - 20) : m.start()])
            or _IN_CHARGE.search(text[max(0, m.start() - 70) : m.start()])
            or _ALLOWS_TO.search(text[max(0, m.start() - 50) : m.start()])
        ):
            continue  # an IND opens a trial; a designation request or a disclosure filing is no marketing submission
        status = status_of(text, m.start(), m.end())
        if status == Status.EXPECTED:
            status = Status.PLANNED  # a filing is the company's act: one to come is planned, not expected
        if m.group(0).startswith("withdr"):
            status = Status.FAILED  # a withdrawn application
        elif status == Status.HAPPENED and _PLAN_TO.search(text, max(0, m.start() - 90), m.start()):
            # "scraps the plan, announced in January, to seek FDA approval": a plan, and here an abandoned one
            status = Status.FAILED if _ABANDONED.search(text, max(0, m.start() - 90), m.start()) else Status.PLANNED
        elif status == Status.HAPPENED and _DUE_LATER.match(text, m.end()):
            status = Status.PLANNED  # "an NDA … is planned to be submitted in 2024", "a filing … is expected in 2025"
        first = next((c for c in reversed(out) if c.type == "regulatory_submission"), None)
        if filed and first and _AND_TO.search(text, taken[-1][1], m.start()):
            status = first.status  # "intends to apply in the US, and to file in Japan": the same intent
        carried = first.fields["drug"] if filed and first else None
        got = _make(doc, sent, "regulatory_submission", m.start(), m.end(), status, {}, 0.9, carried=carried)
        if filed:  # "applied in the US, and to file in Japan and Europe": a filing of its own clause, elsewhere
            got = [c for c in got if (c.fields["drug"], c.fields.get("territory", "")) not in filed]
            if not got or not all(c.fields.get("territory") for c in got):
                break
        if "review" in m.group(0).lower() or "awaiting" in m.group(0).lower():
            # "is still under review", "is awaiting an FDA decision in X": a state, dated only by what follows it,
            # for the use named right after it
            own = _OWN_PHRASE.match(text, m.start())
            when = next((f.value for f in find_dates(own.group(0) if own else "", doc.published)), None)
            after = [i.name for i in sent.of(EntityKind.INDICATION) if 0 <= i.start - sent.start - m.end() <= 12]
            for c in got:
                c.fields.pop("date", None)
                if when:
                    c.fields["date"] = when
                if after:
                    c.fields["indication"] = after[0]
        out += got
        taken.append((m.start(), m.end()))
        second = _AND_ANOTHER.search(text, m.end())  # "an MAA to the EMA and an NDA to the PMDA": a filing to each
        agency = agency_in(text[second.end() : second.end() + 80]) if second else None
        if second and agency and agency[1] <= 10 and all(c.fields.get("agency") != agency[0] for c in got):
            regulator, place = _regulator(doc, agency[0])
            place_of = {"agency": regulator, "territory": place}
            out += [Cand(c.type, c.status, {**c.fields, **place_of}, c.sent, second.start(), 0.9) for c in got[:1]]
            break
        filed |= {(c.fields["drug"], c.fields.get("territory", "")) for c in got}
        if not got:
            break
    pdufa = _PDUFA.search(text)
    if pdufa and "approval" not in {c.type for c in out}:  # a PDUFA date is when approval is expected
        when = next((f.value for f in find_dates(text[pdufa.end() : pdufa.end() + 40], doc.published)), None)
        got = _make(
            doc, sent, "approval", pdufa.start(), pdufa.end(), Status.EXPECTED, {"date": when} if when else {}, 0.6
        )
        for c in got:
            if when:
                c.fields["date"] = when
        out += got
    if rejected:
        return out
    advised = any(c.type == "advisory_opinion" for c in out)
    done: dict[tuple[str, str], str] = {}  # (drug, territory) decided in the sentence so far, and when
    last = 0
    for m in _APPROVAL.finditer(text) if "approval" in tags or "rejection" in tags else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        ctx = text[max(0, m.start() - 45) : m.end() + 30]
        if _NEVER_APPROVAL.search(text[max(0, m.start() - 140) : m.end()]):
            continue
        if _NOT_APPROVAL.search(ctx) and not re.search(
            r"(?:was|were|has\s+been|have\s+been|is|got|received?|grants?|granted|wins?|won|secured?|obtain\w*|"
            r"had|has|have)\s+(?:\w+\s+){0,2}$",  # "the MHRA had already approved the drug"
            text[max(0, m.start() - 30) : m.start()],
            re.I,
        ):
            continue
        if not _regulatory_context(sent):
            continue
        if re.match(
            r"approv\w*\s+(?:a|an|the)?\s*(?:\w+\s+){0,2}(?:deal|agreement|merger|acquisition|transaction|budget|plan|shareholders?)",
            text[m.start() :],
            re.I,
        ):
            continue
        if advised and not _DECIDED.match(text, m.start()):
            continue  # beside an advisory vote, "the accelerated approval of X" is no decision
        if _GROUNDS_OF.match(text, m.end()) and _THE_NOUN.search(text, max(0, m.start() - 20), m.start()):
            continue  # "The approval rests on the EAGLE trials, stopped in November 2022": the decision told before
        status = status_of(text, m.start(), m.end())
        if negated(text, m.start()) and status != Status.PLANNED:
            if _DECLINED.search(clause_before(text, m.start(), 60)) and agency_in(text):
                out += _make(doc, sent, "rejection", m.start(), m.end(), Status.HAPPENED, {}, 0.7)
            break  # "is not approved in China" states a status, not a decision
        told = next((c.fields["drug"] for c in reversed(out) if c.type == "approval"), None)
        # "…, and the European Commission signed off in September": the drug of the decision just told
        carried = told if done and _CLAUSE_AFTER.search(text, last, m.start()) else None
        made = _make(doc, sent, "approval", m.start(), m.end(), status, {}, 1.0, told=told, carried=carried)
        got = [c for c in made if (c.fields["drug"], c.fields.get("territory", "")) not in done]
        redated = [  # "granted it accelerated approval in January 2023 and converted it to a full approval that July"
            c for c in made if (key := (c.fields["drug"], c.fields.get("territory", ""))) in done
            and _another_month(c.fields.get("date"), done[key])
        ]
        own_clause = _CLAUSE_AFTER.search(text, last, m.start()) or _AND_VERB.search(text, last, m.start())
        if done and redated and not got and own_clause:
            got = redated  # "…, and in March 2024 the FDA granted it full approval": the same drug decided again
        if done and made and not got:
            continue  # the decision told again ("approved in the US, where the FDA granted accelerated approval")
        if done and (not got or not own_clause):
            break  # a second decision only in a clause of its own, for other drugs or places
        out += got
        done |= {(c.fields["drug"], c.fields.get("territory", "")): str(c.fields.get("date") or "") for c in got}
        last = m.end()
        if not got:
            break
    return out


_AND_VERB = re.compile(r"\s+and\s+(?:then\s+|later\s+)?(?:converted|granted|expanded|extended|approved)\s")


def _another_month(when: object, before: str) -> bool:
    """Whether a decision dated ``when`` is told for another month than one dated ``before`` in the sentence."""
    return bool(when and before and len(str(when)) >= 7 and len(before) >= 7 and str(when)[:7] != before[:7])


_CLAUSE_AFTER = re.compile(r";|,\s+(?:and|but|while)\s+")
