"""Licences, acquisitions and rights returns, with roles read from the sentence's structure."""

from __future__ import annotations

import re
from typing import Any

from racecard.extract.events import triggers
from racecard.extract.events.context import Doc, Ref, Sent
from racecard.extract.events.found import Cand, coordinated, date_near, drugs_near, partners_of, semicolon_part
from racecard.extract.events.roles import after_prep, before_prep, object_of, possessor, subject_of
from racecard.extract.events.rx import Trigger
from racecard.extract.events.status import status_of
from racecard.extract.events.terms import deal_terms
from racecard.extract.events.territory import deal_territory, territory_in
from racecard.extract.events.triggers import deals as T
from racecard.model import EntityKind, Status

__all__ = ["PAYS_BEFORE", "deal_status", "licences", "parties_of", "terms_only"]

assert triggers  # the vocabulary package


def _rx(parts: list[str]) -> Trigger:
    return Trigger(parts)


_IN, _OUT, _NEUTRAL = _rx(T.LICENSE_IN), _rx(T.LICENSE_OUT), _rx(T.LICENSE_NEUTRAL)
_PAYER, _PAYEE, _HOLDER = (
    re.compile(rf"^\.?[\s,]*(?:\([^)]*\)\s*)?(?:{x})", re.I) for x in (T.PAYER, T.PAYEE, T.RIGHTS_HOLDER)
)
_GRANT_OBJECT = re.compile(r"licen[cs]e|rights|options?\b", re.I)
_PAYER_OBJ, _DISCOVERER = re.compile(T.PAYER_OBJECT, re.I), re.compile(T.DISCOVERER, re.I)
_ASSET_NOUN = (
    r"(?:(?:an?|its|their|the|up\s+to|[\w.'’-]+)\s+){0,5}(?:candidates?|programs?|programmes?|assets?|molecules?|"
    r"antibod(?:y|ies)|platform|portfolio|compounds?|therapies|products?|ADCs|conjugates|bispecifics)"
)
_ASSET = re.compile(rf"(?:for|to|on|of|licen[cs]e)\s+({_ASSET_NOUN})", re.I)
_PAID_FOR = re.compile(rf"\bupfront\s+for\s+({_ASSET_NOUN})", re.I)  # "$175 million upfront for seven ADCs"
_HELD_OPTION = re.compile(
    r"(?<!exercised\s)(?<!exercise\s)(?:\b(?:an|the|its|their)\s+)?(?:option|right)s?\s+(?:to\s+)?$"
    # "to evaluate opportunities to in-license or acquire new programs": a search, not a deal
    r"|\b(?:opportunit(?:y|ies)|ways|ability|appetite|openness|looking|seeking|hopes?)\s+to\s+$",
    re.I,
)
_TO_BUY = re.compile(
    r"\s+(?:to\s+(?:acquire|buy|purchase|merge)|for\s+(?:the\s+|its\s+)?(?:acquisition|purchase|sale|merger|takeover))",
    re.I,
)
_FIRM_DEAL = re.compile(r"licen|agreement|deal|pact|option|alliance|strategic|co-develop|jointly", re.I)


_PLAN_VERB = re.compile(
    r"\b(?:plans?|planning|intends?|aims?|seeks?|seeking|expects?\s+to|considering|talks|exploring|weighing|could|may|might)\b",
    re.I,
)


_UNDONE = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,5}?(?:was|were|has\s+been|had\s+been|is\s+being|have\s+been)\s+"
    r"(?:terminated|abandoned|called\s+off|blocked|withdrawn|scrapped|cancell?ed|rejected)",
    re.I,
)


def deal_status(sent: Sent, pos: int, end: int) -> Status:
    if _UNDONE.search(sent.text[end : end + 80]):
        return Status.FAILED  # "the acquisition of X was terminated"
    st = status_of(sent.text, pos, end)
    if st == Status.PLANNED and not _PLAN_VERB.search(sent.text[max(0, pos - 80) : pos]):
        return Status.HAPPENED  # "Bristol will co-develop …": what the parties do under a signed deal
    if (
        st == Status.PLANNED
        and re.search(
            r"\b(?:agreement|agreed|agrees|definitive|deal|transaction|pact|collaboration)\b", sent.text, re.I
        )
        and not re.search(r"\b(?:plans?|intends?|considering|talks)\b", sent.text[max(0, pos - 60) : pos], re.I)
    ):
        return Status.HAPPENED  # "will acquire" under a signed agreement: the deal is the fact
    return st


def _terms(doc: Doc, sent: Sent) -> dict[str, Any]:
    if "terms" not in sent.memo:
        sent.memo["terms"] = deal_terms(sent.text, thousands=doc.thousands)
    return dict(sent.memo["terms"])


def _territory(sent: Sent) -> str | None:
    if "territory" not in sent.memo:
        sent.memo["territory"] = deal_territory(sent.text)
    value = sent.memo["territory"]
    return str(value) if value else None


def parties_of(sent: Sent) -> list[Ref]:
    seen: dict[str, Ref] = {}
    for r in sent.refs:
        seen.setdefault(r.name, r)
    return list(seen.values())


_TO_DRUG = re.compile(r"rights\s+to$|\bto$", re.I)


def _to_party(sent: Sent, pos: int) -> Ref | None:
    """The company a drug's rights go to, right after it: "rights to toravimab to Lumora Bio"."""
    for m in sent.of(EntityKind.DRUG):
        if 0 <= m.start - sent.start - pos <= 6:
            return after_prep(sent, m.end - sent.start, "to", limit=40)
    return None


def _drug_list(sent: Sent, m: re.Match[str]) -> bool:
    """Whether the listed stretch of a match is drug names joined by commas and "and", nothing else."""
    start, end = m.span("listed")
    rest = sent.text[start:end]
    for d in sent.of(EntityKind.DRUG):
        a, b = d.start - sent.start - start, d.end - sent.start - start
        if a >= 0 and b <= len(rest):
            rest = rest[:a] + " " * (b - a) + rest[b:]
    return re.fullmatch(r"[\s,]*(?:(?:and|,)[\s,]*)*", rest) is not None


def _drug_at(sent: Sent, pos: int) -> bool:
    """Whether a drug is named right after ``pos`` ("… rights to adagrasib")."""
    return any(0 <= m.start - sent.start - pos <= 6 for m in sent.of(EntityKind.DRUG))


def _owners(sent: Sent, drugs: list[str]) -> set[str]:
    """The companies written as owners of the given drugs ("Amgen's sotorasib")."""
    owners = set()
    for m in sent.of(EntityKind.DRUG):
        if m.name in drugs:
            own = possessor(sent, m.start - sent.start, window=30)
            if own:
                owners.add(own.name)
    return owners


def _cue_roles(doc: Doc, sent: Sent, drugs: list[str]) -> tuple[str | None, str | None, float]:
    """(licensor, licensee, strength) from payments, rights held and possession."""
    licensor = licensee = None
    strength = 0.0
    for r in sent.refs:
        after = sent.text[r.end : r.end + 60]
        before = sent.text[max(0, r.start - 40) : r.start]
        if _PAYEE.match(after):
            licensor, strength = licensor or r.name, 0.8
        elif _PAYER.match(after) or _HOLDER.match(after) or _HANDS_MONEY.match(after):
            licensee, strength = licensee or r.name, 0.8
        elif _PAYER_OBJ.search(before[-12:]) or PAYS_BEFORE.search(before) or (
            _HANDED.search(before) and _MONEY_NEXT.match(after)
        ):
            licensor, strength = licensor or r.name, 0.8
        elif _DISCOVERER.search(before):
            licensor, strength = licensor or r.name, max(strength, 0.6)
    for d in drugs:
        for m in sent.of(EntityKind.DRUG):
            if m.name == d:
                own = possessor(sent, m.start - sent.start, window=30)
                if own and not licensor and own.name != licensee:
                    licensor, strength = own.name, max(strength, 0.7)
        origin = str(doc.lexicon.attrs(EntityKind.DRUG, d).get("originator") or "")
        if origin and not licensor and origin != licensee and (EntityKind.COMPANY, origin) in doc.counts:
            licensor, strength = origin, max(strength, 0.6)
    return licensor, licensee, strength


_RIGHTS_WORD = re.compile(r"\brights\b", re.I)
# "Merck handed Kelun $175 million upfront": a payment, the giver and the paid
_HANDS_MONEY = re.compile(r"\s+hand(?:s|ed|ing)\s+(?:[\w&.'’-]+\s+){1,3}(?:US)?\$", re.I)
_HANDED = re.compile(r"\bhand(?:s|ed|ing)\s+$", re.I)
_MONEY_NEXT = re.compile(r"\s+(?:US)?\$\s?\d")
PAYS_BEFORE = re.compile(r"\b(?:pay|pays|paid|paying)\s+$", re.I)  # "will pay Everest …": the company paid
_OTHER_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s")
_IF = re.compile(r"\b(?:if|should|once|upon|unless|whether)\b[^.;]*$", re.I)  # "If Gilead exercises its option"
_RIGHTS_HELD = re.compile(
    r"\b(?:gets?|getting|got|has|have|holds?|receives?|obtains?|keeps?|retains?)\s+(?:[\w-]+\s+){0,3}?rights\b"
    r"|\bthe\s+rights\s+are\s+(?:worldwide|global)",  # "The rights are worldwide, except in Japan"
    re.I
)
_RIGHTS_VERB = re.compile(
    r"\b(?:commerciali[sz]\w*|sells?|selling|sold|markets|marketing|marketed|develops?|developing|co-develop\w*"
    r"|launch\w*|distribut\w*|manufactur\w*)\b",
    re.I,
)
_IN_PLACE_AFTER = re.compile(r"\s*(?:[\w&.'’-]+\s+){0,5}?(?:in|for)\s+(?:the\s+)?(?:mainland\s+)?[A-Z]")
_HOLDS = re.compile(r"(?:holds?|held)\b", re.I)
_TOLD_DEAL = re.compile(
    r"\s+(?:adds|gives|brings|makes|marks|expands|extends|is|was|will|could|would|has|had|comes|follows|also)\b", re.I
)
_LICENCE_NOUN = re.compile(r"\b(?:an?|the|its|their|exclusive|global|worldwide|non-exclusive)\s+$", re.I)


_PAYING = re.compile(r"\b(?:paying|paid|pays|pay)\s+(?:about\s+|roughly\s+)?(?:US)?\$")
_OWNED_ASSETS = re.compile(rf"['’]s\s+{_ASSET_NOUN}", re.I)


_COUNTED = re.compile(rf"\b(?:two|three|four|five|six|2|3|4|5|6)\s+(?:of\s+)?{_ASSET_NOUN}", re.I)
_THE_LISTED = re.compile(
    r"^(?:The|These|Those|All)\s+(?:two|three|four|five|six|\d)\s+(?:[\w-]+\s+)?(?:candidates|assets|programs|"
    r"programmes|ADCs|drugs|antibodies|molecules|medicines|therapies|conjugates)\s+(?:are|include)\b"
)


def _listed_next(doc: Doc, sent: Sent) -> list[str]:
    """The drugs the next sentence lists as a deal's counted assets ("The three candidates are A, B and C")."""
    nxt = doc.sents[sent.index + 1] if sent.index + 1 < len(doc.sents) else None
    if nxt is None or not _THE_LISTED.match(nxt.text):
        return []
    return list(dict.fromkeys(nxt.names(EntityKind.DRUG)))


def _asset_owner(sent: Sent, pos: int) -> str | None:
    """The company whose unnamed assets a deal covers, after the trigger ("covering three of Daiichi's ADCs")."""
    for r in sent.refs:
        if r.start >= pos and _OWNED_ASSETS.match(sent.text, r.end):
            return r.name
    return None


def licences(doc: Doc, sent: Sent, blocked: list[tuple[int, int]]) -> list[Cand]:
    out: list[Cand] = []
    text = sent.text
    matches: list[tuple[re.Match[str], str]] = sorted(
        [(m, "in") for m in _IN.finditer(text)]
        + [(m, "out") for m in _OUT.finditer(text)]
        + [(m, "neutral") for m in _NEUTRAL.finditer(text)],
        key=lambda x: (x[1] == "neutral", x[0].start()),
    )
    granted = [
        m.end()
        for m, how in matches
        if how == "out"
        and m.group(0).lower().startswith("grant")
        and _GRANT_OBJECT.search(text[m.end() : m.end() + 120])
    ]
    for m, how in matches:
        pos = m.start()
        if any(a <= pos < b for a, b in blocked):
            continue
        if how == "out" and m.groupdict().get("listed") and not _drug_list(sent, m):
            continue  # "licensed X and agreed to pay royalties to Y": no list of drugs, no licence to Y
        noun = m.group(0).lower().startswith("licen") and _LICENCE_NOUN.search(text, max(0, pos - 30), pos)
        if noun and _TOLD_DEAL.match(text, m.start() + len("licence")):
            continue  # "the licence adds a potential successor to Keytruda": the deal told already, no new one
        if how == "out" and noun:
            how = "neutral"  # "pays Monte Rosa $150 million for an exclusive license to its programs": a noun
        if how == "out" and any(g < pos <= g + 90 for g in granted):
            continue  # "X granted Y an exclusive licence to …": one grant, read from "granted"
        if _HELD_OPTION.search(text[max(0, pos - 40) : pos]):
            continue  # "has an option to license": a right held, not a deal made
        if how == "neutral" and _TO_BUY.match(text, m.end()):
            continue  # "signed an agreement to acquire Akero": a takeover, read as one
        if (
            how == "out"
            and m.group(0).lower().startswith("grant")
            and not _GRANT_OBJECT.search(text[m.end() : m.end() + 120])
        ):
            continue
        near = drugs_near(sent, pos, main=True)
        drugs = coordinated(sent, near[0]) if near else []
        if how == "neutral":
            partners = partners_of(sent)  # "to develop vaccines in combination with Merck's therapy, KEYTRUDA"
            drugs = [
                d.name
                for d in sent.of(EntityKind.DRUG)
                if d.name not in partners
                and (
                    0 <= (at := d.start - sent.start) - pos <= 140
                    or (possessor(sent, at, window=40) is not None and at > pos - 60)  # "Sanofi's X"
                )
                # not a rival's drug in another clause ("…, and challengers such as Innovent's IBI351 close in")
                and not _OTHER_CLAUSE.search(text, min(pos, at), max(pos, at))
            ]
            if drugs:  # "for three ADC candidates: A (HER3-DXd), B (I-DXd) and C (R-DXd)": the list runs on
                drugs += coordinated(sent, drugs[-1])[1:]
            drugs = list(dict.fromkeys(drugs))
            if not drugs:  # "sells X in China under its deal with Y", "leads commercialization of X … under an
                drugs = [  # amended collaboration agreement": the drug those rights are exercised on
                    d.name
                    for d in sent.of(EntityKind.DRUG)
                    if d.end - sent.start <= pos
                    and _RIGHTS_VERB.search(text, max(0, d.start - sent.start - 40), d.start - sent.start)
                ][-1:]
        licensor = licensee = None
        score = 0.3
        if how == "in":
            sub = subject_of(sent, pos)
            src = after_prep(sent, pos, "from") or (possessor(sent, pos + 80) if drugs else None)
            licensee, licensor = (sub.name if sub else None), (src.name if src else None)
            score = 1.0
            exercised = "option" in m.group(0).lower() and not _IF.search(text, max(0, pos - 50), pos)
            if not drugs and licensee and (_RIGHTS_WORD.search(m.group(0)) or exercised):
                # "Innovent took exclusive rights to it in 2021", "Merck exercised its option under the PCV
                # Agreement": the rights to the drug just spoken of
                earlier = doc.recent_drug(sent, need_anaphor=False)
                drugs = [earlier] if earlier else []
            if drugs and licensor is None:  # an in-licence names no licensor: the drug's originator
                origin = doc.lexicon.attrs(EntityKind.DRUG, drugs[0]).get("originator")
                licensor = str(origin) if origin and origin != licensee else None
            if _HOLDS.match(m.group(0)) and (licensor is None or not drugs):
                continue  # "Amgen holds global rights to sotorasib": its own drug, or no licensor to hold it from
        elif how == "out" and _TO_DRUG.search(m.group(0)) and _drug_at(sent, m.end()) and not _to_party(sent, m.end()):
            # "Zai Lab has licensed the rights to adagrasib, developed by Mirati": rights *to a drug*
            sub = subject_of(sent, pos)
            src = after_prep(sent, pos, "from") or possessor(sent, m.end() + 60)
            licensee, licensor = (sub.name if sub else None), (src.name if src else None)
            score = 0.9
        elif how == "out":
            sub = subject_of(sent, pos)
            if m.group(0).lower().startswith("grant"):  # "granted Y a licence to its antibodies": Y is the licensee
                obj = object_of(sent, m.end(), limit=40) or _to_party(sent, m.end()) or after_prep(sent, pos, "to")
            else:
                obj = _to_party(sent, m.end()) or object_of(sent, m.end(), limit=40) or after_prep(sent, pos, "to")
            licensor, licensee = (sub.name if sub else None), (obj.name if obj else None)
            score = 1.0
            if not drugs and licensor and _RIGHTS_WORD.search(text, pos, m.end() + 12):
                # "In 2022 it licensed rights in the US to Summit": the rights to the drug just spoken of
                earlier = doc.recent_drug(sent, need_anaphor=False)
                drugs = [earlier] if earlier else []
        if how == "neutral" and not drugs:  # "the conjugate Enhertu, partnered with Daiichi": the drug just before
            drugs = [d.name for d in sent.of(EntityKind.DRUG) if 0 <= pos - (d.end - sent.start) <= 4]
        if how == "neutral" and not drugs and doc.refers_back(sent):  # "co-developed the drug under a 2013 deal"
            earlier = doc.recent_drug(sent)
            drugs = [earlier] if earlier else []
        listing = None
        if not drugs and _COUNTED.search(text, pos):  # "covering three ADCs. The three candidates are A, B and C"
            drugs = _listed_next(doc, sent)
            listing = doc.sents[sent.index + 1] if drugs else None
        if how == "neutral" and len(_owners(sent, drugs)) >= 2:
            continue  # "A's X and B's Y, partnered with C and D": who licensed what is not said
        cue_lor, cue_lee, strength = _cue_roles(doc, sent, drugs)
        if how == "neutral" and cue_lor and not cue_lee:
            partner = after_prep(sent, pos, "with", skip=(cue_lor,))
            cue_lee = partner.name if partner else None
        if licensor is None and licensee is None:
            licensor, licensee, score = cue_lor, cue_lee, strength or 0.3
        licensor = licensor or (cue_lor if cue_lor != licensee else None)
        licensee = licensee or (cue_lee if cue_lee != licensor else None)
        if licensor is None or licensee is None:
            lo, hi = semicolon_part(text, pos)  # the trigger's part of a headline's list
            parties = [r.name for r in parties_of(sent) if r.name not in (licensor, licensee) and lo <= r.start < hi]
            if how == "neutral" and licensor is None and licensee is None and len(parties) >= 2:
                sub = subject_of(sent, pos)
                partner = after_prep(sent, pos, "with") or before_prep(sent, pos, "with")
                owner = None if drugs else _asset_owner(sent, pos)
                if owner and owner in parties:  # "a collaboration covering three of Daiichi's ADCs": Daiichi's
                    licensor, licensee = owner, next(p for p in parties if p != owner)
                elif sub and partner and sub.name != partner.name:
                    licensee, licensor = sub.name, partner.name
                else:
                    licensee, licensor = parties[0], parties[1]
                licensor, licensee = _by_territory(doc, sent, licensor, licensee)
                score = 0.2
            elif licensor is None and licensee is None and len(parties) == 1 and _PAYING.search(text):
                licensee = parties[0]  # "Pfizer bought into the franchise, paying $150 million … for rights to X"
            elif licensor is None and parties:
                licensor = parties[0] if parties[0] != licensee else None
            elif licensee is None and parties:
                licensee = parties[0] if parties[0] != licensor else None
        if how == "neutral" and drugs and score < 1.0:  # roles guessed: the drug's originator gives its rights out
            origin = doc.lexicon.attrs(EntityKind.DRUG, drugs[0]).get("originator")
            if origin and origin in (licensor, licensee) and origin != licensor:
                licensor, licensee = origin, licensor
            elif origin and licensee and not licensor and origin != licensee and (EntityKind.COMPANY, origin) in (
                doc.counts
            ):
                licensor = str(origin)  # the story names the drug's maker: it granted the rights
        if licensor == licensee:
            licensor = None
        fields: dict[str, Any] = {"licensor": licensor, "licensee": licensee}
        fields.update(_terms(doc, sent))
        terr = _territory(sent)
        if terr is None and how == "neutral":  # "partnered with Chia Tai Tianqing in mainland China"
            place = territory_in(text[m.end() : m.end() + 50])
            terr = place if place and place != "worldwide" and _IN_PLACE_AFTER.match(text, m.end()) else None
        if terr:
            fields["territory"] = terr
        date = date_near(doc, sent, pos, default_published=True)
        if date:
            fields["date"] = date
        status = deal_status(sent, pos, m.end())
        fields = {k: v for k, v in fields.items() if v is not None}
        if drugs:
            for d in drugs:
                out.append(Cand("license", status, {"drug": d, **fields}, sent, pos, score))
                if listing is not None:  # the sentence that names the drug supports the deal's
                    out.append(Cand("license", status, {"drug": d}, listing, 0, score * 0.5))
        elif (
            licensor
            and licensee
            and (how != "neutral" or _FIRM_DEAL.search(m.group(0)) or "upfront_usd" in fields or "total_usd" in fields)
        ):
            asset = _ASSET.search(text, pos)
            if asset:
                fields["asset"] = " ".join(asset.group(1).split())
            out.append(Cand("license", status, fields, sent, pos, score * 0.9))
        elif how != "neutral" and (licensor or licensee) and fields.get("territory"):
            # "The licence grants AstraZeneca global rights …": terms of a deal named elsewhere
            partial = {k: v for k, v in fields.items() if k in ("licensor", "licensee", "territory")}
            out.append(Cand("_terms", status, partial, sent, pos, 0.4))
        if out:
            break  # one licence reading per sentence; restatements merge later
    return out


_HOME = {
    "China": "CN",
    "Greater China": "CN",
    "Japan": "JP",
    "South Korea": "KR",
    "US": "US",
    "Taiwan": "TW",
    "India": "IN",
}


def _by_territory(doc: Doc, sent: Sent, licensor: str, licensee: str) -> tuple[str, str]:
    """With no grammatical cue, a party based in the licensed territory is the licensee; one based
    in the excluded territory ("ex-China") is the licensor."""
    terr = _territory(sent)
    if not terr or terr == "worldwide":
        return licensor, licensee
    home = _HOME.get(terr.removeprefix("ex-"))
    if home is None:
        return licensor, licensee
    a, b = doc.country(licensor), doc.country(licensee)
    inside = terr.startswith("ex-")
    if (a == home) != (b == home):
        want_licensor = licensor if (a == home) == inside else licensee
        return want_licensor, (licensee if want_licensor == licensor else licensor)
    return licensor, licensee


def terms_only(doc: Doc, sent: Sent) -> list[Cand]:
    """A sentence of deal terms without a deal verb ("Hansoh will receive $112 million upfront")."""
    terms = dict(_terms(doc, sent))
    terr = _territory(sent)
    if not any(k in terms for k in ("upfront_usd", "milestones_usd", "total_usd", "value_text")):
        if terr and terr.startswith("ex-") and (_RIGHTS_VERB.search(sent.text) or _RIGHTS_HELD.search(sent.text)):
            # "will jointly develop and commercialize the candidates worldwide except in Japan": the deal's carve-out;
            # "GSK gets exclusive worldwide rights excluding mainland China, Hong Kong, Macau and Taiwan"
            return [Cand("_terms", Status.HAPPENED, {"territory": terr}, sent, 0, 0.3)]
        return []
    if terr:
        terms["territory"] = terr
    lor, lee, strength = _cue_roles(doc, sent, drugs_near(sent, 0))
    fields: dict[str, Any] = {**terms}
    if lor:
        fields["licensor"] = lor
    if lee:
        fields["licensee"] = lee
    drugs = drugs_near(sent, 0)
    if drugs:
        fields["drug"] = drugs[0]
    elif lor and lee and "upfront_usd" in terms:
        asset = _PAID_FOR.search(sent.text)  # "Merck handed Kelun $175 million upfront for seven preclinical ADCs"
        if asset:
            fields["asset"] = " ".join(asset.group(1).split())
    date = date_near(doc, sent, 0, default_published=True)
    if date:
        fields["date"] = date
    return [Cand("_terms", Status.HAPPENED, fields, sent, 0, 0.5 + strength / 2)]
