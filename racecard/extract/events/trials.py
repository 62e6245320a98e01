"""Trial events: starts, readouts (met / missed / mixed / reported) and safety signals."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from racecard.extract.events.context import Doc, Sent
from racecard.extract.events.dates import find_dates
from racecard.extract.events.found import (
    Cand,
    clause_indication,
    date_near,
    drugs_near,
    indication_near,
    later_clause_drugs,
    others_indications,
    partners_of,
    phase_in,
    phases_in,
    rivals_of,
    semicolon_part,
    trial_near,
)
from racecard.extract.events.rx import Trigger
from racecard.extract.events.status import CLAUSE_BREAK, clause_before, negated, status_of
from racecard.extract.events.territory import agency_in, territory_in
from racecard.extract.events.triggers import trials as T
from racecard.model import EntityKind, Status

__all__ = ["trial_events"]


def _rx(parts: list[str]) -> Trigger:
    return Trigger(parts)


_START, _TRIAL_WORD, _READOUT, _SAFETY = _rx(T.START), re.compile(T.TRIAL_WORD, re.I), _rx(T.READOUT), _rx(T.SAFETY)
_START_PLANNED = re.compile(T.START_PLANNED, re.I)
_NO_TRIAL = re.compile(r"\s*(?:no|none\s+of\s+the|neither)\s", re.I)
_MEASURE = re.compile(T.CLINICAL_MEASURE, re.I)
_TRIAL_ANAPHOR = re.compile(r"\b(?:that|this|the)\s+(?:same\s+)?(?:study|trial)\b", re.I)
_CONDITIONAL = re.compile(T.CONDITIONAL, re.I)
_NO_SAFETY = re.compile(  # "no safety signal", "lifted the partial clinical hold": no finding now
    r"\b(?:no|not|without|never|nor|lift(?:s|ed|ing)?|remov(?:es|ed|ing)|resolv(?:es|ed|ing))\s+(?:\w+\s+){0,3}$", re.I
)
_MISSED, _MET, _MIXED = re.compile(T.MISSED, re.I), re.compile(T.MET, re.I), re.compile(T.MIXED, re.I)


def _indication(doc: Doc, sent: Sent, pos: int, drug: str, trial: str | None) -> str | None:
    elsewhere = others_indications(sent, pos)  # "… data from HARBOR in 2026 and plans to file X in DMD"
    ind = clause_indication(sent, pos) or (None if elsewhere else indication_near(sent, pos))
    if ind:
        return ind
    for s in sorted(doc.sents, key=lambda s: abs(s.index - sent.index))[:12]:
        if elsewhere and s is sent:
            continue
        if (trial and trial in s.names(EntityKind.TRIAL)) or drug in s.names(EntityKind.DRUG):
            inds = s.names(EntityKind.INDICATION)
            if inds:
                return inds[0]
    return None


def _phase_of(doc: Doc, trial: str) -> str | None:
    """The phase the story writes right before a trial's name ("the global Phase II CELIA trial")."""
    for s in doc.sents:
        for t in s.of(EntityKind.TRIAL):
            if t.name == trial:
                at = t.start - s.start
                found = [p for _, p in phases_in(s.text[max(0, at - 30) : at])]
                if found:
                    return found[-1]
    return None


def _outcome(text: str) -> str:
    missed, met = _MISSED.search(text), _MET.search(text)
    if _MIXED.search(text) and not (missed and met):
        return "mixed"  # told as mixed ("the results were mixed", "missed … but showed a benefit on …")
    if _MIXED.search(text) or (missed and met and not re.search(r"fail\w*\s+to\s+(?:meet|achieve|hit)", text, re.I)):
        return "mixed" if missed and met and abs(missed.start() - met.start()) > 12 else ("missed" if missed else "met")
    if missed:
        return "missed"
    if met:
        return "met"
    return "reported"


def _trial_fields(doc: Doc, sent: Sent, pos: int, *, carried: bool = True) -> tuple[list[str], dict[str, Any]]:
    trial = trial_near(sent, pos) or _trial_referred(doc, sent)
    elsewhere = later_clause_drugs(sent, pos)  # "… data from HARBOR in 2026 and plans to file X for …"
    partners = partners_of(sent)
    drugs = [d for d in drugs_near(sent, pos, main=True) if d not in elsewhere and d not in partners]
    if not drugs and ";" in sent.text:  # "running a Phase 3 trial of X in MDS; the first patient was dosed in April"
        lo, hi = semicolon_part(sent.text, pos)
        if not any(lo <= m.start - sent.start < hi for m in sent.of(EntityKind.DRUG)):
            rivals = rivals_of(sent)
            drugs = list(dict.fromkeys(m.name for m in sent.of(EntityKind.DRUG) if m.name not in rivals))[:1]
    if not drugs:
        tested = doc.trial_drug(sent, trial)
        d = (tested if tested not in elsewhere else None) or doc.recent_drug(sent, need_anaphor=trial is None)
        d = d or doc.main_drug()
        drugs = [d] if d else []
    if trial is None and drugs and carried:  # results of the trial just told; a start is of a new one
        trial = _trial_carried(doc, sent, drugs[0])
    fields: dict[str, Any] = {}
    if trial:
        fields["trial"] = trial
    phase = phase_in(sent.text, pos) or _phase_referred(doc, sent)
    if phase:
        fields["phase"] = phase
    return drugs, fields


_STUDIES_ANAPHOR = re.compile(
    r"\b(?:those|these|the|both|that|this)\s+(?:two\s+|three\s+|same\s+)?(?:stud(?:y|ies)|trials?)\b"
    r"|^(?:Both|Neither|Each|All\s+(?:two|three|four)|They)\s+(?:of\s+them\s+)?(?:met|missed|failed|showed|hit|achieved"
    r"|reached|succeeded|improved|reduced|demonstrated)\b",  # "Both met their primary endpoint": the trials just told
    re.I,
)


def _phase_referred(doc: Doc, sent: Sent) -> str | None:
    """The phase of the trials "those studies" points back to, when the sentence before states one."""
    if sent.index == 0 or not _STUDIES_ANAPHOR.search(sent.text):
        return None
    phases = {value for _, value in phases_in(doc.sents[sent.index - 1].text)}
    return phases.pop() if len(phases) == 1 else None


_BOTH_STUDIES = re.compile(
    r"\b(?:[Bb]oth|[Tt]he\s+two|[Tt]hese\s+two|[Tt]hose\s+two)\s+(?:[\w-]+\s+)?(?:studies|trials)\b"
    r"|\b(?:expects?|expected)\s+both\s+to\s+read\s*out\b"  # "The company expects both to read out next year"
)


def _both_referred(doc: Doc, sent: Sent) -> list[str | None]:
    """The trials "both studies met …" points back to: those the sentence before names, when it names several."""
    if sent.index == 0 or not _BOTH_STUDIES.search(sent.text):
        return []
    names = list(dict.fromkeys(doc.sents[sent.index - 1].names(EntityKind.TRIAL)))
    return list(names) if len(names) > 1 else []


def _date_referred(doc: Doc, sent: Sent) -> str | None:
    """When the trials "both met …" points back to were reported: the one date the sentence before writes."""
    if sent.index == 0 or not _STUDIES_ANAPHOR.search(sent.text):
        return None
    before = doc.sents[sent.index - 1]
    dates = {f.value for f in find_dates(before.text, doc.published)}
    return dates.pop() if len(dates) == 1 else None


def _trial_referred(doc: Doc, sent: Sent) -> str | None:
    """The trial "that study" or "the trial" points back to: the last one named just before."""
    if not _TRIAL_ANAPHOR.search(sent.text):
        return None
    for s in reversed(doc.sents[max(0, sent.index - 2) : sent.index]):
        trials = s.names(EntityKind.TRIAL)
        if trials:
            return trials[-1] if len(trials) == 1 else None
    return None


_TRIAL_AND = re.compile(r"[^.;]{0,70}?\b(?:and|or)\s+(?:the\s+|a\s+)?")
_NOT_A_LIST = re.compile(r"\b(?:is|are|was|were|has|have|of|program|programme)\b", re.I)


def _listed_trials(sent: Sent) -> list[str]:
    """The trials a sentence lists together ("in the ATLAS-UC trial in UC and the ARES-CD trial in Crohn's"),
    not a trial and the programme it belongs to."""
    ms = sent.of(EntityKind.TRIAL)
    out = [ms[0].name] if ms else []
    for a, b in pairwise(ms):
        gap = sent.text[a.end - sent.start : b.start - sent.start]
        if b.name == a.name or not _TRIAL_AND.fullmatch(gap) or _NOT_A_LIST.search(gap):
            break
        out.append(b.name)
    return list(dict.fromkeys(out))


_OWN_MISS = re.compile(r"\s*(?:did\s+not|didn['’]t|failed|missed|fell\s+short)\b", re.I)
_OWN_MET = re.compile(r"\s*(?:met|achieved|hit|succeeded)\b", re.I)


def _trial_outcome(sent: Sent, trial: str) -> str | None:
    """The outcome told right after a trial's own name ("OAKS met its primary endpoint; DERBY did not")."""
    for t in sent.of(EntityKind.TRIAL):
        if t.name == trial:
            if _OWN_MISS.match(sent.text, t.end - sent.start):
                return "missed"
            if _OWN_MET.match(sent.text, t.end - sent.start):
                return "met"
    return None


def _trial_indication(sent: Sent, trial: str) -> str | None:
    """The indication written right after a trial's name ("the ARES-CD trial in Crohn's disease")."""
    at = next((t.end for t in sent.of(EntityKind.TRIAL) if t.name == trial), None)
    if at is None:
        return None
    after = [i for i in sent.of(EntityKind.INDICATION) if 0 <= i.start - at <= 30]
    return after[0].name if after else None


def _trial_carried(doc: Doc, sent: Sent, drug: str) -> str | None:
    """The trial the sentence before is about, carried on ("The HARMONi-2 study enrolled … . Ivonescimab met the
    primary endpoint …"): it names exactly one trial, and no other drug than this one."""
    if sent.index == 0 or sent.of(EntityKind.TRIAL):
        return None
    before = doc.sents[sent.index - 1]
    trials = before.names(EntityKind.TRIAL)
    if len(trials) != 1 or set(before.names(EntityKind.DRUG)) - {drug}:
        return None
    return trials[0] if doc.trial_drug(sent, trials[0]) in (drug, None) else None


# "running a Phase 3 trial of X; the first patient was dosed in April": the trial the sentence told
_UNDER_WAY = re.compile(
    r"(?:currently|now|already|also)\s|(?:is|are)\s+(?:\w+\s+)?(?:enrolling|recruiting|dosing|under\s*way|ongoing)",
    re.I,
)
# "That trial, the Phase 3 X study of Y …, is already enrolling patients": the subject is the trial
_FIRST_DOSED = re.compile(
    r"first\s+(?:patient|participant|subject)s?\b|(?:is|are)\s+(?:\w+\s+)?(?:enrolling|recruiting|dosing)", re.I
)


def _tied_trial_word(text: str, start: int, end: int) -> bool:
    """Whether a trial word belongs to the start verb's clause ("initiated a Phase 3 trial", "the study began")."""
    for w in _TRIAL_WORD.finditer(text, max(0, start - 60), end + 80):
        lo, hi = (w.end(), start) if w.start() < start else (end, w.start())
        if not CLAUSE_BREAK.search(text, lo, hi):
            return True
    return False


_LABEL_WARNING = re.compile(r"boxed\s+warning", re.I)
_DATA_OF = re.compile(r"(?:results|data|findings)\s+(?:from|of)\s+(?:the\s+|a\s+|its\s+)?", re.I)
_STUDIED = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|phase|cohorts?|arms?|patients|participants|[A-Z][A-Z0-9]{2,}|[A-Z][a-z]*-?\d+|\w+(?:mab|nib|"
    r"rasib|tinib|cept|tide|stat|parib|ciclib|lisib))\b"
)
_ONGOING = re.compile(r"\s*(?:the\s+|its\s+)?ongoing\b", re.I)
_WHEN_DONE = re.compile(r"\b(?:when|once)\s", re.I)
_PAST = re.compile(r"\w+ed\b", re.I)
_HEAD_TO_HEAD = re.compile(r"(?:beat|beats|bested|outperform(?:s|ed)?|trounced|topped)\b", re.I)


def trial_events(doc: Doc, sent: Sent, tags: frozenset[str] = frozenset({"trial", "safety_signal"})) -> list[Cand]:
    text = sent.text
    out: list[Cand] = []
    has_trial = "trial" in tags and (bool(sent.of(EntityKind.TRIAL)) or bool(_TRIAL_WORD.search(text)))
    m = _READOUT.search(text) if has_trial else None
    measure = None if m or "measure" not in tags else _MEASURE.search(text)
    if measure and (drugs_near(sent, measure.start(), main=True) or sent.of(EntityKind.TRIAL)):
        m = measure  # "LY3537982 achieved a 38% overall response rate": results, whether or not a trial is named
    cleared = m is not None and m.group(0).lower().startswith("clear")  # "amlitelimab clears Phase 3"
    if m is not None and cleared and agency_in(text[: m.start()]):
        m = None  # "the FDA cleared the Phase 3 trial": a regulator lets a trial start, no result
    if m and _DATA_OF.fullmatch(m.group(0)) and not _STUDIED.search(text, m.end(), m.end() + 60):
        m = None  # "the FDA expects data from multiregional populations": data of no trial or drug named
    cond = _CONDITIONAL.search(text[max(0, m.start() - 40) : m.start()]) if m else None
    if m and cond and not (_WHEN_DONE.match(cond.group(0)) and _PAST.match(m.group(0))):
        m = None  # "a $20 million milestone tied to Phase 1 results": a term of a contract (but "when PTC unveiled
        # the results in June 2023, the trial had missed": a time told, not a condition)
    if m and (has_trial or m is measure):
        drugs, fields = _trial_fields(doc, sent, m.start())
        if _HEAD_TO_HEAD.match(m.group(0)):  # "X beat Keytruda in …": the readout is X's, not the comparator's
            before = [d.name for d in sent.of(EntityKind.DRUG) if d.end - sent.start <= m.start()]
            drugs = before[-1:] or drugs
        outcome = "met" if cleared else _outcome(text[max(0, m.start() - 80) : m.end() + 120])
        ongoing = outcome == "reported" and _ONGOING.match(text, m.end())
        if drugs and not ongoing:  # "data from ongoing clinical trials" support another decision: no readout
            if "trial" not in fields:  # results of "a Phase 3 study" in a story that names one trial: that one
                sole = doc.sole_trial(drugs[0])
                written = _phase_of(doc, sole) if sole else None
                if sole and (written is None or fields.get("phase") in (None, written)):
                    fields["trial"] = sole  # (not "a Phase Ib study" beside "the Phase II CELIA trial")
            fields["outcome"] = outcome
            ind = _indication(doc, sent, m.start(), drugs[0], fields.get("trial"))
            if ind:
                fields["indication"] = ind
            status = status_of(text, m.start(), m.end(), failure_means_failed=False)
            if fields["outcome"] != "reported":
                status = Status.HAPPENED  # an outcome is reported only once it is known
            date = date_near(doc, sent, m.start()) or _date_referred(doc, sent)
            if date is None:  # results told "on Friday" date from that day; results awaited do not
                done = status == Status.HAPPENED
                date = date_near(doc, sent, m.start(), default_published=fields["outcome"] != "reported", said_day=done)
            if date:
                fields["date"] = date
            score = 1.0 if fields["outcome"] != "reported" else 0.7
            lo, hi = semicolon_part(text, m.start())  # its part of the sentence
            part = [t for t in sent.of(EntityKind.TRIAL) if lo <= t.start - sent.start < hi]
            listed = _listed_trials(sent)
            # "CLIMB-111 in TDT and CLIMB-121 in SCD, both of which met …, together with the follow-up CLIMB-131"
            named: list[str | None] = list(
                dict.fromkeys(t.name for t in part if len(listed) < 2 or t.name in listed)
            )
            trials = named or _both_referred(doc, sent) or [fields.get("trial")]
            for t in trials:  # "SHORE and COAST 2 met …": one readout per trial
                f = dict(fields)
                if t:
                    f["trial"] = t
                    own_outcome = _trial_outcome(sent, t) if len(trials) > 1 else None
                    if own_outcome:  # "OAKS met its primary endpoint; DERBY did not"
                        f["outcome"] = own_outcome
                    own = _trial_indication(sent, t) if len(trials) > 1 else None
                    if own:
                        f["indication"] = own
                out.append(Cand("trial_readout", status, {"drug": drugs[0], **f}, sent, m.start(), score))
            for other in sent.names(EntityKind.TRIAL):  # "…; DERBY did not": a trial told in the clause after
                told = _trial_outcome(sent, other) if other not in trials else None
                if told:
                    f = {**fields, "trial": other, "outcome": told}
                    out.append(Cand("trial_readout", Status.HAPPENED, {"drug": drugs[0], **f}, sent, m.start(), score))
    s = _START.search(text) if has_trial else None
    if s and _CONDITIONAL.search(text[max(0, s.start() - 40) : s.start()]):
        s = None  # "upon the initiation of a Phase 3 trial": a payment condition
    if s and _NO_TRIAL.match(clause_before(text, s.start(), 120)):
        s = None  # "No pivotal Phase 3 trial of that formulation was started": none began
    if (
        s
        and has_trial
        and not re.match(r"start(?:ed|s)?\s+(?:to|with)|begin\w*\s+to", s.group(0) + text[s.end() : s.end() + 4], re.I)
    ):
        drugs, fields = _trial_fields(doc, sent, s.start(), carried=False)
        first_dosed = _FIRST_DOSED.match(s.group(0)) and _TRIAL_WORD.search(text, 0, s.start())
        if drugs and (_tied_trial_word(text, s.start(), s.end()) or first_dosed):
            ind = indication_near(sent, s.start())
            if ind:
                fields["indication"] = ind
            terr = territory_in(text[s.start() :])
            if terr and terr != "worldwide":
                fields["territory"] = terr
            status = status_of(text, s.start(), s.end())
            tried = not (status == Status.FAILED and negated(text, s.start()))  # "would not advance into Phase 3"
            if _START_PLANNED.search(text):
                status = Status.PLANNED
            # "said on Monday that it has dosed the first patient": a start done is dated the day it was told
            date = date_near(doc, sent, s.start(), said_day=status == Status.HAPPENED)
            if date and not _UNDER_WAY.match(s.group(0)):  # "now in the Phase 3 RAINIER trial": a state, not dated
                fields["date"] = date
            several: list[str | None] = list(_listed_trials(sent))
            starts = (several if len(several) > 1 else [fields.get("trial")]) if tried else []
            for t in starts:  # "in the ATLAS-UC trial … and the ARES-CD"
                f = dict(fields)
                if t:
                    f["trial"] = t
                    ind = _trial_indication(sent, t)
                    if ind and len(several) > 1:
                        f["indication"] = ind
                out.append(Cand("trial_start", status, {"drug": drugs[0], **f}, sent, s.start(), 0.8))
    hit = _SAFETY.search(text) if "safety_signal" in tags else None
    if hit and not _NO_SAFETY.search(text[max(0, hit.start() - 30) : hit.start()]):
        drugs = drugs_near(sent, hit.start())
        if not drugs:  # "Some patients in the programme developed …": the drug spoken of
            back = doc.recent_drug(sent)
            if back is None and _LABEL_WARNING.match(hit.group(0)) and not sent.of(EntityKind.DRUG):
                back = doc.main_drug()  # "The label carries a boxed warning for …": the story's drug's label
            drugs = [back] if back else []
        if drugs:
            finding: dict[str, Any] = {"finding": " ".join(text[hit.start() : hit.start() + 140].split())}
            trial = trial_near(sent, hit.start())
            if trial:
                finding["trial"] = trial
            out.append(Cand("safety_signal", Status.HAPPENED, {"drug": drugs[0], **finding}, sent, hit.start(), 0.8))
    return out
