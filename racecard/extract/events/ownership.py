"""Acquisitions and rights returns: who comes to own a company or a drug, and who gives rights back."""

from __future__ import annotations

import re
from typing import Any

from racecard.extract.events.context import Doc, Ref, Sent
from racecard.extract.events.deals import PAYS_BEFORE, deal_status, parties_of
from racecard.extract.events.found import Cand, date_near, drugs_near, semicolon_part, signed_date
from racecard.extract.events.roles import after_prep, before_prep, clause_end, object_of, possessor, subject_of
from racecard.extract.events.rx import Trigger
from racecard.extract.events.terms import deal_value
from racecard.extract.events.territory import territory_in
from racecard.extract.events.triggers import deals as T
from racecard.model import EntityKind, Status

__all__ = ["acquisitions", "rights_returns"]

_SALE = re.compile(r"sel+s?|sold|selling", re.I)


def _rx(parts: list[str]) -> Trigger:
    return Trigger(parts)


_ACQ, _ACQ_PASSIVE = _rx(T.ACQUIRE), re.compile(T.ACQUIRE_PASSIVE, re.I)
_BACK_TO, _BACK_FROM = _rx(T.RIGHTS_BACK_TO_SUBJECT), _rx(T.RIGHTS_BACK_FROM_SUBJECT)
_TERMINATION = re.compile(T.TERMINATION_NOUN, re.I)
_WHICH_IT = re.compile(r",\s*which\s+(?:it|they)\s+(?:(?:is|are|was|were|has|had|will|agreed\s+to)\s+)?$", re.I)
_WHOSE = re.compile(r",\s*whose\s+(?:[\w$.,-]+\s+){0,3}?$", re.I)
_IT_AFTER = re.compile(r"\s+(?:it|they)\s+(?:had\s+)?(?:completed|closed|finalized|agreed|announced|struck)\b")
_ACQ_NOUN = re.compile(r"(?:takeover|acquisition|buyout|purchase|merger)\b", re.I)


_SHARES_BOUGHT = re.compile(
    r"\s*(?!all\b)(?![,;])(?:[\w$.,]+\s+){0,5}?(?:worth\s+of\s+)?(?:[\w&.'’-]+\s+){0,2}?(?:shares|stock|stake|equity)\b(?!\s+of\s+all)",
    re.I,
)


def acquisitions(doc: Doc, sent: Sent) -> tuple[list[Cand], list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    text = sent.text
    readings: list[Cand] = []
    for m in _ACQ.finditer(text):
        pos = m.start()
        if _SHARES_BOUGHT.match(text, m.end()):
            continue  # "will buy $100 million worth of 3SBio shares": an equity investment, not a takeover
        passive = _ACQ_PASSIVE.search(text, max(0, pos - 25), m.end() + 40)
        acquirer = acquired = None
        compound = [r for r in sent.refs if 0 <= pos - r.end <= 2] if _ACQ_NOUN.match(m.group(0)) else []
        aside = _ASIDE_MERGER.search(text, max(0, pos - 3), pos + 1)
        named = [r for r in sent.refs if aside and 0 <= aside.start() - r.end <= 1] if aside else []
        sold_whole = m.group(0).lower().startswith("its")  # "before its $21 billion sale to AbbVie": undated background
        whose = _WHOSE.search(text, max(0, pos - 12), pos) if _ACQ_NOUN.match(m.group(0)) else None
        before = [r for r in sent.refs if whose and r.end <= whose.start()]
        if whose and before and _IT_AFTER.match(text, m.end()):
            # "… inherited from Biohaven, whose takeover it completed in October 2022": it bought Biohaven
            acquired = before[-1].name
            acquirer = next((r.name for r in reversed(before[:-1]) if r.name != acquired), None)
        elif named and _MERGED.match(m.group(0)):  # "Shire (integrated with Takeda in 2019)": Shire went into Takeda
            into = after_prep(sent, pos, "with|into", limit=len(m.group(0)) + 30)
            acquirer, acquired = (into.name if into else None), named[-1].name
        elif sold_whole:  # "Pharmacyclics, the maker of X, before its $21 billion sale
            buyer = after_prep(sent, pos, "to", limit=len(m.group(0)) + 40)  # to AbbVie"
            seller = next((r for r in reversed(sent.refs) if r.end <= pos and r.how == "name"), None)
            acquirer, acquired = (buyer.name if buyer else None), (seller.name if seller else None)
        elif _SALE.match(m.group(0)):  # "Tessaly agreed to sell itself to Novartis", "sold its drug X to Y"
            seller = subject_of(sent, pos)
            buyer = after_prep(sent, pos, "to", limit=len(m.group(0)) + 40)
            drugs = [d for d in sent.of(EntityKind.DRUG) if pos <= d.start - sent.start < m.end()]
            acquired = drugs[0].name if drugs else (seller.name if seller else None)
            acquirer = buyer.name if buyer else None
        elif compound:  # "closes $4.8 billion Mirati takeover": the name before the noun is the one bought
            buyer = possessor(sent, compound[0].start, window=40) or subject_of(sent, compound[0].start)
            acquirer, acquired = (buyer.name if buyer else None), compound[0].name
        elif passive and passive.start() <= m.end() + 5:
            by = after_prep(sent, passive.start(), "by|of", limit=60)
            sub = subject_of(sent, pos) or before_prep(sent, pos, "of", limit=60)
            acquirer, acquired = (by.name if by else None), (sub.name if sub else None)
        else:
            own = possessor(sent, pos, window=25)
            sub = own or subject_of(sent, pos)
            word = m.group(0).lower()
            # "Takeda's largest single-asset purchase": the noun, with nothing bought named
            bare_noun = word == "purchase" and not _TO_VERB.search(text, 0, pos) and not _OF.match(text, m.end())
            if word.startswith(("pa", "add")):  # "agreed to pay $1.9 billion for Five Prime", "added RayzeBio for"
                obj = next((r for r in sent.refs if pos < r.start <= m.end() + 3), None)
            elif bare_noun:
                obj = None
            else:
                obj = object_of(sent, m.end() - 3, limit=60) or after_prep(
                    sent, pos, "for" if word.startswith("tender") else "of|with|into", limit=60
                )  # "its tender offer for Metsera"
            # a verb buys the drug named after it; "Takeda's largest single-asset purchase … came after Sotyktu" no
            asset = _bought_asset(sent, m.end()) if _BUYS.match(word) or _TO_VERB.search(text, 0, pos) else None
            if asset:
                obj = None  # "bought the psoriasis pill Otezla from Celgene": the drug is what was bought
            acquirer, acquired = (sub.name if sub else None), (asset or (obj.name if obj else None))
            which = _WHICH_IT.search(text, max(0, pos - 40), pos)
            if which:  # "… from Biotheus, which it is acquiring": "it" buys the company before "which"
                before = [r for r in sent.refs if r.how == "name" and 0 <= which.start() - r.end <= 3]
                buyers = [r for r in sent.refs if r.how == "pronoun" and which.start() <= r.start < pos]
                if before and buyers:
                    acquirer, acquired = buyers[0].name, before[-1].name
            if acquired is None and not bare_noun:
                drugs = [d for d in sent.of(EntityKind.DRUG) if 0 <= d.start - sent.start - m.end() <= 30]
                acquired = drugs[0].name if drugs else None
        if not acquirer or not acquired or acquirer == acquired:
            continue
        if (_MERGED.match(m.group(0)) or "merger" in m.group(0).lower()) and not named:
            acquirer, acquired = (acquired, acquirer) if _bigger(doc, acquired, acquirer) else (acquirer, acquired)
        spans.append((max(0, pos - 10), m.end() + 60))
        fields: dict[str, Any] = {
            "acquirer": acquirer,
            "acquired": acquired,
            **deal_value(text, pos, thousands=doc.thousands),
        }
        date = date_near(doc, sent, pos, default_published=not sold_whole)
        if date:
            fields["date"] = date
        status = deal_status(sent, pos, m.end())
        if status == Status.PLANNED and not re.search(
            r"\b(?:plans?|intends?|considering|talks|exploring|bid|offer|weighing)\b", text, re.I
        ):
            status = Status.HAPPENED  # "said it would buy": an agreed deal
        readings.append(Cand("acquisition", status, fields, sent, pos, 1.0))
    # "acquired the drug with its purchase of Kymab": the company bought is the fact; another buyer's deal
    # in the same sentence ("since it bought Otezla from Celgene, …; in March Amgen also agreed to pay …") is another
    if not readings:
        return [], spans
    buyer = readings[0].fields["acquirer"]
    same = [c for c in readings if c.fields["acquirer"] == buyer]
    companies = [c for c in same if (EntityKind.COMPANY, c.fields["acquired"]) in doc.counts]
    first = (companies or same)[:1]
    others = [c for c in readings if buyer not in (c.fields["acquirer"], c.fields["acquired"])][:1]
    for c in others:  # the price told once belongs to the first deal
        if c.fields.get("value_usd") == first[0].fields.get("value_usd"):
            c.fields.pop("value_usd", None)
    return first + others, spans


_ASIDE_MERGER = re.compile(r"\s?\(\s*")  # "Shire (merged with Takeda in 2019)": an aside opening on the merger
_MERGED = re.compile(r"(?:merg\w*|integrated)\s+(?:with|into)", re.I)
_ASSET_GAP = re.compile(r"[^,;:]{0,90}")
_BUYS = re.compile(r"(?:buy|buys|bought|buying|acquire[ds]?|acquiring|purchase[ds]|purchasing)\b")
_TO_VERB = re.compile(r"\bto\s+$")
_OF = re.compile(r"\s+of\b")


def _bought_asset(sent: Sent, end: int) -> str | None:
    """The drug an asset purchase buys: the first name after the verb a drug ("bought the pill Otezla (apremilast)
    from Celgene"), or a drug of the company named first ("buy Nimbus Therapeutics' TYK2 inhibitor NDI-034858")."""
    drug = next((d for d in sent.of(EntityKind.DRUG) if 0 <= d.start - sent.start - end <= 90), None)
    if drug is None:
        return None
    at = drug.start - sent.start
    if not _ASSET_GAP.fullmatch(sent.text, end, at):
        return None
    between = [r for r in sent.refs if end <= r.start < at]
    owned = all(sent.text[r.end : r.end + 2] in ("'s", "’s", "' ", "’ ") for r in between)
    return drug.name if owned and len(between) <= 1 else None


def _coordinated(sent: Sent, ref: Ref) -> bool:
    """Whether a subject is one of two joined by "and" ("X and Y terminated")."""
    for r in sent.refs:
        if r is ref or r.name == ref.name:
            continue
        gap = sent.text[min(r.end, ref.end) : max(r.start, ref.start)]
        if re.fullmatch(r"(?:\s*\([^)]*\))*\s*(?:[,.]?\s*(?:Inc|Ltd|Co|Corp|AG|SA|plc)\.?,?\s*)*(?:and|&)\s*", gap):
            return True
    return False


def _bigger(doc: Doc, a: str, b: str) -> bool:
    return doc.counts[(EntityKind.COMPANY, a)] > doc.counts[(EntityKind.COMPANY, b)]


_TO_TAKE = re.compile(r"[^.;]{0,80}\bto\s+$")


def _paid_to_give_back(sent: Sent, pos: int) -> Ref | None:
    """The company paid to give rights back: "Gilead pays Everest $280M upfront to take back Asian rights"."""
    for r in sent.refs:
        if r.end <= pos and PAYS_BEFORE.search(sent.text, max(0, r.start - 12), r.start) and _TO_TAKE.fullmatch(
            sent.text, r.end, pos
        ):
            return r
    return None


def rights_returns(doc: Doc, sent: Sent) -> tuple[list[Cand], list[tuple[int, int]]]:
    out: list[Cand] = []
    spans: list[tuple[int, int]] = []
    text = sent.text
    found = (
        [(m, "to") for m in _BACK_TO.finditer(text)]
        + [(m, "from") for m in _BACK_FROM.finditer(text)]
        + [(m, "noun") for m in _TERMINATION.finditer(text)]
    )
    for m, how in sorted(found, key=lambda x: x[0].start()):
        pos = m.start()
        if (
            how == "to"
            and not re.search(r"rights|licen|control|program|asset", text[pos : pos + 90], re.I)
            and not re.search(r"rights|licen", m.group(0), re.I)
        ):
            continue
        sub = subject_of(sent, pos)
        giver = taker = None
        end = clause_end(sent, m.end())
        if how == "to":
            taker = sub.name if sub else None
            paid = _paid_to_give_back(sent, pos)
            src = after_prep(sent, pos, "from|after|as|when", skip=(taker or "",)) or before_prep(
                sent, pos, "from|after", skip=(taker or "",)
            ) or paid
            giver = src.name if src else None
            if paid:  # the payment buys the rights back: it is no licence's term
                spans.append((max(0, paid.start - 40), pos))
        elif how == "from":
            giver = sub.name if sub else None
            if sub and _coordinated(sent, sub):
                giver = None  # "Kyowa Kirin and Amgen terminated …": who hands back is read from the licence
            dest = after_prep(sent, pos, "to|with|from", skip=(giver or "",))
            taker = dest.name if dest else None
            lo = semicolon_part(text, pos)[0]  # a headline's other story ("X approves Y's drug; Z hands back …")
            others = {r.name for r in parties_of(sent) if lo <= r.start < end} - {giver}
            if giver and taker is None and len(others) == 1:
                taker = others.pop()  # "BMS notified Agenus it would end their licence": the one other party
        else:
            parties = [r.name for r in parties_of(sent)]
            if len(parties) >= 2:  # a guess the licence of the drug overrides (see merge)
                giver, taker = parties[1], parties[0]
        if re.search(
            r"\b(?:right|option|may|can|could|might|entitled)\s+(?:to\s+)?$", text[max(0, pos - 20) : pos], re.I
        ):
            continue  # "has the right to terminate": a clause of the contract, not an event
        later = {d.name for d in sent.of(EntityKind.DRUG) if d.start - sent.start >= end} - {
            d.name for d in sent.of(EntityKind.DRUG) if d.start - sent.start < end
        }  # named only in the next company's clause
        drugs = [d for d in drugs_near(sent, pos, main=True) if d not in later]
        if not drugs:
            back = doc.recent_drug(sent)
            drugs = [back] if back else []
        if not drugs and not (giver and taker):
            continue
        spans.append((max(0, pos - 5), m.end() + 80))
        fields: dict[str, Any] = {"from": giver, "to": taker}
        terr = territory_in(text[pos:end])
        if terr:
            fields["territory"] = terr
        date = date_near(doc, sent, pos, default_published=True, deal_years=False)
        if date:
            fields["date"] = date
        fields = {k: v for k, v in fields.items() if v}
        status = deal_status(sent, pos, m.end())
        picks: list[str | None] = list(drugs[:3]) or [None]
        signed = signed_date(doc, sent) if giver and taker else None
        for d in picks:
            f = dict(fields)
            if d:
                f["drug"] = d
            if how == "noun":
                f["_weak_roles"] = True
            out.append(Cand("rights_return", status, f, sent, pos, 1.0 if how != "noun" else 0.6))
            if signed and d:  # "terminating the licence agreement the two signed in September 2020": that licence
                deal = {"drug": d, "licensor": taker, "licensee": giver, "date": signed}
                out.append(Cand("license", Status.HAPPENED, deal, sent, pos, 0.4))
        break
    return out, spans
