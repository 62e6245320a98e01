"""Reading events: every fact an analyst records from an article, in the corpus schema.

``find_events(draft)`` runs last in the pipeline, on mentions that already carry their
canonical names. Each sentence that holds a trigger of an event family is read by that
family (deals, regulatory, trials, portfolio); restatements are then merged into one
event per fact, whose evidence is its best sentence (quote == text[start:end]).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from racecard.extract.events.context import Doc
from racecard.extract.events.deals import licences, terms_only
from racecard.extract.events.found import Cand
from racecard.extract.events.gates import tags_of
from racecard.extract.events.merge import merge
from racecard.extract.events.ownership import acquisitions, rights_returns
from racecard.extract.events.portfolio import discontinuations, forecasts
from racecard.extract.events.regulatory import regulatory
from racecard.extract.events.trials import trial_events
from racecard.model import EntityKind, Event

if TYPE_CHECKING:
    from racecard.extract.pipeline import Draft

__all__ = ["find_events", "read_events"]

_DEALS = frozenset({"license", "acquisition", "rights_return"})
_REGULATORY = frozenset({"approval", "rejection", "regulatory_submission", "designation", "advisory_opinion"})
_NEEDS_ROLES = frozenset({"license", "acquisition", "rights_return", "terms", "discontinuation", "forecast"})
_TRIALS = frozenset({"trial", "safety_signal", "measure"})


def read_events(doc: Doc) -> list[Event]:
    """Every event of a prepared document."""
    cands: list[Cand] = []
    for sent in doc.sents:
        tags = tags_of(sent.low)
        if any(m.kind == EntityKind.TRIAL for m in sent.mentions):
            tags = tags | {"trial"}
        anaphoric = not sent.mentions and (doc.refers_back(sent) or doc.main_drug() is not None)
        if not tags or (not sent.mentions and "terms" not in tags and not anaphoric):
            continue
        if tags & _NEEDS_ROLES:
            doc.with_refs(sent)  # company references are resolved only where roles are read
        lic: list[Cand] = []
        acq: list[Cand] = []
        back: list[Cand] = []
        if tags & _DEALS:
            acq, acq_spans = acquisitions(doc, sent) if "acquisition" in tags else ([], [])
            back, back_spans = rights_returns(doc, sent) if "rights_return" in tags else ([], [])
            lic = licences(doc, sent, acq_spans + back_spans) if "license" in tags else []
            cands += acq + back + lic
        if "terms" in tags and not lic and not acq and not back:  # a takeover's or a buy-back's price: no licence
            cands += terms_only(doc, sent)
        if not sent.mentions and not anaphoric:
            continue
        if tags & _REGULATORY:
            cands += regulatory(doc, sent, tags)
        if tags & _TRIALS:
            cands += trial_events(doc, sent, tags)
        if "discontinuation" in tags:
            cands += discontinuations(doc, sent)
        if "forecast" in tags and ("20" in sent.low or "peak" in sent.low):  # a year, or peak sales
            cands += forecasts(doc, sent)
    return _sole_indication(doc, merge(cands, doc.id, doc.published))


_OF_A_USE = frozenset(_REGULATORY | {"trial_readout", "trial_start", "discontinuation"})


def _sole_indication(doc: Doc, events: list[Event]) -> list[Event]:
    """A story that names one disease only is about it: a decision or trial whose sentences name none is in it."""
    named = {m.name for s in doc.sents for m in s.of(EntityKind.INDICATION)}
    if len(named) != 1:
        return events
    (sole,) = named
    return [
        replace(ev, fields={**ev.fields, "indication": sole})
        if ev.type in _OF_A_USE and ev.fields.get("drug") and not ev.fields.get("indication")
        else ev
        for ev in events
    ]


def find_events(draft: Draft) -> list[Event]:
    """The pipeline's last stage: the events of a drafted reading."""
    d = draft.doc
    title = d.title or ""
    in_title = tuple(
        c.name for hit in draft.matcher.hits(title) for c in hit.candidates[:1] if c.kind == EntityKind.COMPANY
    )
    doc = Doc.build(d.text, d.id, d.published, title, draft.lexicon, draft.sentences, list(draft.mentions), in_title)
    return read_events(doc)
