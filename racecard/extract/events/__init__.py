"""Reading events: every fact an analyst records from an article, in the corpus schema.

``find_events(draft)`` runs last in the pipeline, on mentions that already carry their
canonical names. Each sentence that holds a trigger of an event family is read by that
family (deals, regulatory, trials, portfolio); restatements are then merged into one
event per fact, whose evidence is its best sentence (quote == text[start:end]).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from racecard.extract.events.context import Doc
from racecard.extract.events.deals import acquisitions, is_dealish, licences, rights_returns, terms_only
from racecard.extract.events.found import Cand
from racecard.extract.events.merge import merge
from racecard.extract.events.portfolio import discontinuations, forecasts
from racecard.extract.events.regulatory import regulatory
from racecard.extract.events.trials import trial_events
from racecard.model import Event

if TYPE_CHECKING:
    from racecard.extract.pipeline import Draft

__all__ = ["find_events", "read_events"]

_MONEYISH = re.compile(r"[$€£¥]|\b(?:USD|RMB|EUR|acqui\w*|buy\w*|bought|purchas\w*|takeover|merg\w*|upfront|milestone)", re.I)


def read_events(doc: Doc) -> list[Event]:
    """Every event of a prepared document."""
    cands: list[Cand] = []
    for sent in doc.sents:
        if not sent.mentions and not sent.refs:
            continue
        if is_dealish(sent.text) or _MONEYISH.search(sent.text):
            acq, acq_spans = acquisitions(doc, sent)
            back, back_spans = rights_returns(doc, sent)
            lic = licences(doc, sent, acq_spans + back_spans)
            cands += acq + back + lic
            if not lic:
                cands += terms_only(doc, sent)
        cands += regulatory(doc, sent)
        cands += trial_events(doc, sent)
        cands += discontinuations(doc, sent)
        cands += forecasts(doc, sent)
    return merge(cands, doc.id)


def find_events(draft: Draft) -> list[Event]:
    """The pipeline's last stage: the events of a drafted reading."""
    d = draft.doc
    doc = Doc.build(d.text, d.id, d.published, d.title or "", draft.lexicon, draft.sentences, list(draft.mentions))
    return read_events(doc)
