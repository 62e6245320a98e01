"""Development stages from facts, and where a fact holds.

The stage an event shows: a trial start or readout its phase, a regulatory submission
(or an advisory opinion, or a priority review) *filed*, an approval *approved*.
Rejections and discontinuations do not lower the stage; they mark it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import IntEnum
from functools import lru_cache

from racecard.views.facts import Fact
from racecard.views.markets import event_markets

__all__ = ["GLOBAL_TYPES", "MARK_TYPES", "PLANNABLE", "Stage", "phase_stage", "placed", "planned_stage",
           "stage_from", "stage_of"]


class Stage(IntEnum):
    """How far an asset has come, in order; the label is what boards print."""

    PRECLINICAL = 0
    PHASE_1 = 10
    PHASE_1_2 = 15
    PHASE_2 = 20
    PHASE_2_3 = 25
    PHASE_3 = 30
    FILED = 40
    APPROVED = 50

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: Mapping[Stage, str] = {
    Stage.PRECLINICAL: "preclinical",
    Stage.PHASE_1: "phase 1",
    Stage.PHASE_1_2: "phase 1/2",
    Stage.PHASE_2: "phase 2",
    Stage.PHASE_2_3: "phase 2/3",
    Stage.PHASE_3: "phase 3",
    Stage.FILED: "filed",
    Stage.APPROVED: "approved",
}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "3"}
_PHASE = re.compile(r"^(?:phase\s*)?([0-4]|i{1,3}|iv)(?:\s*[/-]\s*([1-4]|i{1,3}))?[ab]?$")
_PHASES: Mapping[str, Stage] = {
    "0": Stage.PRECLINICAL,
    "1": Stage.PHASE_1,
    "1/2": Stage.PHASE_1_2,
    "2": Stage.PHASE_2,
    "2/3": Stage.PHASE_2_3,
    "3": Stage.PHASE_3,
    "4": Stage.APPROVED,
}
# Types whose facts, with no territory or agency, hold in every market: a company stops a
# drug everywhere. A trial that names no country gives no stage in any one market (boards
# show it as progress "elsewhere", globally); regulatory facts always need a market.
GLOBAL_TYPES = frozenset({"discontinuation", "safety_signal"})
MARK_TYPES = frozenset({"rejection", "discontinuation"})
PLANNABLE = frozenset({"regulatory_submission", "approval", "trial_start", "trial_readout"})


@lru_cache(maxsize=256)
def _phase(text: str) -> Stage | None:
    if text in ("preclinical", "pre-clinical", "discovery", "ind-enabling"):
        return Stage.PRECLINICAL
    match = _PHASE.match(text)
    if match is None:
        return None
    low, high = (_ROMAN.get(p, p) if p else None for p in match.groups())
    return _PHASES.get(f"{low}/{high}" if high else str(low))


def phase_stage(value: object) -> Stage | None:
    """The stage a stated phase means ("2", "Phase III", "1/2", "preclinical")."""
    if value is None:
        return None
    return _phase(" ".join(str(value).casefold().split()))


def stage_of(fact: Fact) -> Stage | None:
    """The stage a fact shows the asset reached (only facts that happened count)."""
    if fact.status != "happened":
        return None
    return planned_stage(fact)


def planned_stage(fact: Fact) -> Stage | None:
    """The stage a fact is about, whatever its status."""
    return stage_from(fact.type, fact.fields.get("phase"), fact.fields.get("designation"))


def stage_from(type_: str, phase: object, designation: object) -> Stage | None:
    """The stage an event of this type (with this phase or designation) is about."""
    return _stage_from(type_, None if phase is None else str(phase), None if designation is None else str(designation))


@lru_cache(maxsize=1024)
def _stage_from(type_: str, phase: str | None, designation: str | None) -> Stage | None:
    if type_ in ("trial_start", "trial_readout"):
        return phase_stage(phase)
    if type_ in ("regulatory_submission", "advisory_opinion"):
        return Stage.FILED
    if type_ == "designation" and str(designation or "") == "priority_review":
        return Stage.FILED
    if type_ == "approval":
        return Stage.APPROVED
    return None  # a rejection marks a stage; alone it is too often a misread "not approved"


def placed(fact: Fact) -> str | None:
    """Where a fact holds: its territory, else its agency's market, else None (unplaced)."""
    return event_markets(fact.one("territory"), fact.one("agency"))
