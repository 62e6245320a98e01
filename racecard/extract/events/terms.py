"""Deal terms from one sentence: which money is upfront, which milestones, which the headline total."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from racecard.extract.events.money import Money, find_money
from racecard.extract.events.triggers import deals as T

__all__ = ["deal_terms", "deal_value", "royalties_in"]

_UPFRONT = re.compile(T.UPFRONT, re.I)
_MILESTONE = re.compile(T.MILESTONE, re.I)
_TOTAL = re.compile(T.TOTAL, re.I)
_EQUITY = re.compile(T.EQUITY, re.I)
_IMMEDIATE = re.compile(r"^\s*(?:immediately|at\s+signing|on\s+signing|in\s+cash\s+up\s*front)", re.I)
_LEFT_CLIP = re.compile(
    r";|,|\.\s|\band\b(?!\s+(?:commercial|regulatory|sales|development|approval)\b)|\b(?:with|plus)\b", re.I
)
_RIGHT_CLIP = re.compile(
    r";|\.\s|,\s+(?:and|which|while|with|plus)\b|\s+plus\s|"
    r"\s+and\s+(?:is|are|was|were|will|has|have|had|two|three|a|an|the|up|may|could|also|certain)\b",
    re.I,
)
_SALES_BEFORE = re.compile(r"(?:sales|revenues?|peak|market)\s+(?:\w+\s+){0,3}$", re.I)
_OTHER_PAYMENT = re.compile(r"^\s*(?:more\s+)?in\s+(?:[\w-]+\s+){0,3}payments\b", re.I)
_DEAL_NOUN = re.compile(
    r"\s*(?:\w+\s+){0,2}(?:deal|agreement|pact|licen[cs]e|partnership|collaboration|transaction)", re.I
)
_ROYALTY = re.compile(
    r"(?:(?:tiered|double-digit|single-digit|low|mid|high|teens?|percent|%|royalty-bearing|up\s+to|\d+%?)[\s,-]+){0,5}"
    r"royalt(?:y|ies)(?:\s+(?:on|of|based\s+on)\s+(?:\w+\s+){0,5}sales)?",
    re.I,
)


def _closest(rx: re.Pattern[str], text: str, *, from_end: bool) -> int | None:
    hits = [m for m in rx.finditer(text)]
    if not hits:
        return None
    return len(text) - hits[-1].end() if from_end else hits[0].start()


def deal_terms(text: str, *, thousands: bool = False) -> dict[str, Any]:
    """``upfront_usd``, ``milestones_usd``, ``total_usd`` (and ``value_text`` for other currencies)."""
    money = _converted(find_money(text, thousands=thousands or None), text)
    out: dict[str, Any] = {}
    milestones = 0.0
    others: list[str] = []
    for i, m in enumerate(money):
        left = text[money[i - 1].end if i else max(0, m.start - 60) : m.start]
        if i:  # "$1.35 billion upfront in a deal worth up to $6.9 billion": that cue is the amount before's
            left = _PREVIOUS_CUE.sub(" ", left)
        left = left[-60:]
        right = text[m.end : money[i + 1].start if i + 1 < len(money) else m.end + 80][:80]
        if _EQUITY.search(left[-25:]) or _EQUITY.search(right[:22]):
            continue
        amount = m.amount * 1e3 if not m.scaled and 1e3 <= m.amount < 1e6 else m.amount  # a filing's table unit
        if amount < 1e5:
            continue
        label = _label(left, right)
        if label is None:
            continue
        if m.usd is None:
            others.append(f"{label}: {m.text}")
            continue
        if label == "milestones":
            milestones += amount
        else:
            out.setdefault(f"{label}_usd", amount)
    if milestones:
        out["milestones_usd"] = milestones
    if others:
        out["value_text"] = "; ".join(others)
    royalty = royalties_in(text)
    if royalty:
        out["royalties"] = royalty
    return out


_IN_DOLLARS = re.compile(r"\s*\(\s*(?:about|approximately|approx\.?|around|roughly|some|nearly|or|~|c\.)?\s*$", re.I)


def _converted(money: list[Money], text: str) -> list[Money]:
    """"RMB 500 million (about $70 million)": the article's own dollar figure stands for the amount,
    and the phrase runs to the closing parenthesis, so that its cues ("upfront") are read past it."""
    out: list[Money] = []
    skip = False
    for i, m in enumerate(money):
        if skip:
            skip = False
            continue
        nxt = money[i + 1] if i + 1 < len(money) else None
        if m.usd is None and nxt is not None and nxt.usd is not None and _IN_DOLLARS.fullmatch(text[m.end : nxt.start]):
            close = text.find(")", nxt.end, nxt.end + 3)
            end = close + 1 if close >= 0 else nxt.end
            out.append(replace(nxt, start=m.start, end=end, text=text[m.start : end]))
            skip = True
        else:
            out.append(m)
    return out


_PREVIOUS_CUE = re.compile(
    rf"^\s*(?:in\s+)?(?:cash\s+)?(?:{T.UPFRONT})(?:\s+(?:cash\s+)?payments?)?|^\s*in\s+(?:[\w-]+\s+){{0,3}}milestones?",
    re.I,
)
_INCLUDING = re.compile(r"\s*,?\s*(?:including|inclusive\s+of|counting)\b", re.I)


def _label(left: str, right: str) -> str | None:
    """What an amount is, from the cues of its own phrase: the text to the last "and" before it
    and up to the next clause after it ("$112 million upfront", "up to $1.9 billion in milestones")."""
    if _IMMEDIATE.match(right):
        return "upfront"
    if _INCLUDING.match(right):
        return "total"  # "up to $5 billion including milestones": the milestones are inside the figure
    cut = [m.end() for m in _LEFT_CLIP.finditer(left)]
    left = left[cut[-1] :] if cut else left
    stop = _RIGHT_CLIP.search(right)
    right = right[: stop.start()] if stop else right
    on_right = (
        (_closest(_UPFRONT, right, from_end=False), "upfront"),
        (_closest(_MILESTONE, right, from_end=False), "milestones"),
    )
    on_left = (
        (_closest(_UPFRONT, left, from_end=True), "upfront"),
        (_closest(_MILESTONE, left, from_end=True), "milestones"),
    )
    cues = [(d, 0, lab) for d, lab in on_right if d is not None and d <= 40]
    cues += [(d, 1, lab) for d, lab in on_left if d is not None and d <= (35 if lab == "upfront" else 50)]
    if cues:  # the head of the phrase: an upfront or milestone word beats "up to" and "worth"
        return min(cues)[2]
    if _OTHER_PAYMENT.search(right):
        return None  # "$2 billion in anniversary payments": neither upfront, milestone nor the headline total
    total = _closest(_TOTAL, left, from_end=True)
    if (total is not None and total <= 40) or _DEAL_NOUN.match(right):
        return "total"
    return None


def royalties_in(text: str) -> str | None:
    if "royalt" not in text.lower():
        return None
    m = _ROYALTY.search(text)
    return " ".join(m.group(0).split()) if m else None


def deal_value(text: str, pos: int, *, thousands: bool = False) -> dict[str, Any]:
    """An acquisition's value: the largest dollar figure that is not per share (else the text)."""
    money = [
        m
        for m in find_money(text, thousands=thousands or None)
        if -120 <= m.start - pos <= 260 and not _SALES_BEFORE.search(text[max(0, m.start - 25) : m.start])
    ]
    usd = [
        m
        for m in money
        if m.usd is not None
        and m.amount >= 1e6
        and not re.match(r"\s*(?:per|a|/)\s*share", text[m.end : m.end + 12], re.I)
        and not _EQUITY.search(text[m.end : m.end + 16].replace("premium", ""))
    ]
    out: dict[str, Any] = {}
    if usd:
        out["value_usd"] = max(m.amount for m in usd)
    elif money:
        out["value_text"] = "; ".join(m.text for m in money)
    return out
