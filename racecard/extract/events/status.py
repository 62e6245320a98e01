"""Status from the grammar around a trigger: happened, planned, expected or failed.

"plans to submit", "will start", "intends to" → planned (the company says it will);
"is expected to", "could", "may", "eyeing", "reportedly", "in talks" → expected (others
expect it, or a timing forecast); "failed to", "did not", "was blocked" → failed.
The cue must sit in the trigger's own clause, before it (or just after for passives:
"approval is expected").
"""

from __future__ import annotations

import re

from racecard.model import Status

__all__ = ["CLAUSE_BREAK", "clause_before", "negated", "status_of"]

_PLANNED = re.compile(
    r"\b(?:plans?|planned|planning|intends?|intending|aims?|aiming|seeks?|seeking|prepares?|preparing|"
    r"to\s+(?:begin|start|initiate|launch|file|submit|seek)|is\s+set\s+to|are\s+set\s+to|set\s+to|will|shall|"
    r"(?:is|are)\s+(?:going|scheduled|slated|on\s+track|poised)\s+to|on\s+(?:course|track)\s+to|"
    r"(?:expects?|anticipates?)\s+to|(?:expects?|anticipates?)(?=\s+(?:[\w-]+\s+){0,2}$)|(?:is|are)\s+to|would|agreed\s+to\s+(?:pay|make)|upcoming|planned|"
    r"(?:expects?|anticipates?)(?=\s[^.;]{0,100}\bto\s*$)|"  # "expects REDEFINE 2, a trial in …, to read out"
    r"intention\s+to|next\s+step|goal\s+(?:is|of)|looks?\s+to|hopes?\s+to|targets?\s+(?:to|a|an)|"
    r"could\s+begin|as\s+early\s+as|ready\s+to|prepared\s+to|poised\s+to|due\s+to\s+(?:read|report|start|begin|complete|be\s+(?:filed|submitted)))\b",
    re.I,
)
_DUE_TO = re.compile(r"\b(?:due|scheduled|slated|set|expected)\s+to\s*$", re.I)
_DUE_WHAT = re.compile(r"(?:read|report|start|begin|complete|be\s+(?:filed|submitted))", re.I)
_EXPECTED = re.compile(
    r"\b(?:(?:is|are|was|were|be)\s+(?:widely\s+)?(?:expected|anticipated|projected|forecast|predicted|"
    r"likely|unlikely|poised|rumou?red|reported)\s+to|could|might|(?-i:may)(?!\s+\d)|eyeing|eyes|reportedly|"
    r"in\s+(?:advanced\s+|early\s+|exclusive\s+)?talks|(?:is|are)\s+said\s+to|according\s+to\s+(?:people|sources|"
    r"a\s+person|reports?|media)|people\s+familiar|sources\s+(?:said|say)|considering|weighing|exploring|"
    r"potential(?:ly)?|possible|would\s+be|if\s+approved|pending|expected|anticipated|forecasts?|projects?|"
    r"predicts?|estimates?)\b",
    re.I,
)
_FAILED = re.compile(
    r"\b(?:failed\s+to|fails\s+to|did\s+not|didn't|does\s+not|doesn't|was\s+not|were\s+not|has\s+not|"
    r"have\s+not|never|no\s+longer|could\s+not|couldn't|unable\s+to|was\s+blocked|were\s+blocked|"
    r"will\s+not|won't|would\s+not|decided\s+not\s+to|deciding\s+not\s+to|declined\s+to|chose\s+not\s+to|"
    r"abandoned|called\s+off|collapsed|fell\s+through|walked\s+away\s+from|scrapped|terminated|withdr(?:ew|awn|aws)|"
    r"(?:scraps?|scrapping|abandons?|abandoning|drops?|dropping|shelves|cancels?)\s+(?:\w+\s+){0,2}plans?)\b",
    re.I,
)
_NEG = re.compile(r"\b(?:not|no|never|n't|without|neither|nor|failed\s+to|fails\s+to|fail\s+to)\b", re.I)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s*(?:and|but|while|whereas|which|who|after|before|as|although|following|including|"
    r"when)\s|(?<![A-Z][a-z])(?<!\b[A-Z])(?<!Inc)(?<!Ltd)(?<!Corp)(?<!vs)\.\s|\.(?=[A-Z])"
    r"|\s(?:but|while|whereas|when|after|because|since|although)\s"
    r"|\b(?:said|says|announced|announces|stated|noted|disclosed|reported|added)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"|\b(?:under|pursuant\s+to|by|through|in)\s+which\s|\bwhereby\s"
)


CLAUSE_BREAK = _CLAUSE_BREAK


def clause_before(text: str, pos: int, limit: int = 90) -> str:
    """The text of the trigger's clause that precedes ``pos`` (at most ``limit`` characters)."""
    window = text[max(0, pos - limit) : pos]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.end()
    return window[cut:]


def negated(text: str, pos: int, limit: int = 40) -> bool:
    """Whether the trigger at ``pos`` is negated in its own clause ("did not approve")."""
    return _NEG.search(clause_before(text, pos, limit)) is not None


# "Topline data from THRIVE-2, a second Phase 3 trial enrolling patients with chronic TED, are expected in Q4"
_FINITE = re.compile(r"\b(?:was|were|is|are|has|have|had)\b", re.I)
_LATER_DUE = re.compile(
    r"(?:(?!\b(?:was|were|is|are|has|have|had)\b)[^.;]){0,110}?,\s+(?:is|are)\s+(?:expected|anticipated|due)\b", re.I
)  # not "whose application was accepted in May, is expected to follow": that clause has its own verb


# "initial Phase 2b results expected in 2024", "results from the Phase 2b study are anticipated in 2024"
_DUE_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,6}?(?:(?:is|are)\s+)?(?:expected|anticipated|due)\s+(?:in|by|later|next|this|during|at|"
    r"around|before|mid|early|late)\b",
    re.I,
)


def status_of(text: str, pos: int, end: int | None = None, *, failure_means_failed: bool = True) -> Status:
    """The status of an event whose trigger sits at ``text[pos:end]``."""
    before = clause_before(text, pos)
    after = text[end if end is not None else pos : (end if end is not None else pos) + 40]
    if failure_means_failed and _FAILED.search(before):
        return Status.FAILED
    if _DUE_TO.search(before) and _DUE_WHAT.match(text, pos):
        return Status.EXPECTED  # "a trial due to read out this year": the trigger itself is scheduled
    planned = [m.end() for m in _PLANNED.finditer(before)]
    expected = [m.end() for m in _EXPECTED.finditer(before)]
    if (
        re.match(r"\s*(?:is|are|was|were)\s+(?:expected|anticipated|planned|slated|scheduled)", after, re.I)
        or _DUE_AFTER.match(text, end if end is not None else pos)
        or (
            _LATER_DUE.match(text, end if end is not None else pos)
            and not _FINITE.search(before + text[pos : end if end is not None else pos])
        )
    ):
        return (
            Status.EXPECTED
            if not re.match(r"\s*(?:is|are)\s+(?:planned|slated|scheduled)", after, re.I)
            else Status.PLANNED
        )
    if planned and (not expected or planned[-1] >= expected[-1]):
        return Status.PLANNED
    if expected:
        return Status.EXPECTED
    return Status.HAPPENED
