"""Page furniture: the parts of a scraped page that are not the article.

Paywall prompts, subscription pitches, ads, share links, navigation and "More from …" /
"Read more" teaser lists name companies and drugs that the article does not talk
about. :func:`furniture` finds them as character spans of the text, which stays as it
is (so every offset into it remains valid); readers skip what falls inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick

from racecard.model import Span

__all__ = ["furniture", "is_furniture"]

# A line that is furniture by itself.
_LINE = re.compile(
    r"""^\W{0,3}(?:
        (?:share|tweet|email|print|linkedin|facebook|twitter|wechat|whatsapp|copy\ link)(?:\W+\w+){0,3}
      | advertisement | sponsored(?:\ content)? | ad
      | (?:sign\ (?:up|in)|log\ ?in|register|subscribe|become\ a\ (?:free\ )?subscriber)\b.{0,120}
      | .{0,120}\b(?:subscri(?:be|ber|ption)s?|paywall|register(?:ed)?\ (?:for\ free|users)|free\ trial
            |try\ (?:now|before\ you\ buy)|unlock\ (?:this|powerful)|premium\ at|newsletters?
            |already\ a\ (?:member|subscriber)|cookie|sign\ up\ (?:to|for)|in\ your\ inbox)\b.*
      | sponsored\s*:.*
      | (?:also\ read|read\ (?:more|also|next)|see\ also|more\ from\ \w+|further\ reading
            |more\ (?:press\ releases|news|stories|headlines|articles|coverage)
            |(?:related|recommended)(?:\ (?:news|stories|articles|reading|content|coverage))?)\s*:\s*\S.*
      | (?:copyright|©).* | .*\ball\ rights\ reserved\b.*
      | published\ first\ on\b.*
      | .{0,80}\bshares\ going\?\s*
      | elevate\ your\ investing.*
      | (?:related|recommended|trending|popular|latest)(?:\ (?:news|stories|articles|posts|content|reading))?
      | (?:tags?|topics?|filed\ under|categories)\s*:.*
    )\W{0,3}$""",
    re.IGNORECASE | re.VERBOSE,
)

# A paywall gate: the article is cut here and all that follows is the publisher's pitch.
_GATE = re.compile(
    r"\b(?:continue\ reading|register\ for\ free|unlock\ this\ article|to\ read\ (?:the|this)\ full"
    r"|subscribe\ to\ (?:read|continue)|become\ a\ (?:free\ )?subscriber)\b",
    re.IGNORECASE,
)

# A line that opens a list of teasers: it and the short lines after it are furniture.
_TEASER_HEAD = re.compile(
    r"""^\W{0,3}(?:read\ (?:more|next|also)|more\ (?:from|on|news|stories|in)|also\ read|see\ also
        |you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested)|related(?:\ \w+){0,2}
        |recommended(?:\ \w+){0,2}|further\ reading|most\ (?:read|popular)|trending(?:\ \w+){0,2}
        |latest(?:\ \w+){0,2}|top\ stories)\b[^.!?]{0,120}?(?::|$)""",
    re.IGNORECASE | re.VERBOSE,
)
# A cross-reference inside a sentence: "(see – Spotlight On: …)", "(Read more: …)".
_INLINE = re.compile(r"\((?:see|read\ (?:more|also)|related|also\ read)\b[^()\n]{0,240}\)", re.IGNORECASE)
# Words without which a line cannot be furniture, found in one pass over the text.
_CUES = (
    "share", "tweet", "email", "e-mail", "print", "linkedin", "facebook", "twitter", "wechat", "whatsapp",
    "copy link", "advert", "sponsor", "sign up", "sign in", "login", "log in", "regist", "subscri", "paywall",
    "trial", "try ", "unlock", "premium", "newsletter", "already a", "cookie", "published first", "going?",
    "elevate", "related", "recommended", "trending", "popular", "latest", "tag", "topic", "filed under",
    "categor", "read", "more from", "more on", "more news", "more stories", "more in", "more press", "more headlines",
    "more articles", "more coverage", "see also", "you may",
    "you might", "top stories", "copyright", "\u00a9", "rights reserved", "continue", "forward-looking",
    "forward looking", "disclosure notice",
)  # fmt: skip
# Legal boilerplate: the safe-harbour paragraph restates the story's plans as risks ("statements about the potential
# approval of X"), and names laws ("the Private Securities Litigation Reform Act of 1995"), not news.
_BOILERPLATE = re.compile(
    r"^\W{0,3}(?:disclosure\s+notice\s*:|(?:this|the)\s+(?:[\w-]+\s+){0,6}?(?:contains?|includes?|may\s+contain)\s+"
    r"(?:certain\s+)?[\"“]?forward[- ]looking\s+statements)",
    re.IGNORECASE,
)
_BOILERPLATE_HEAD = re.compile(
    r"^\W{0,3}(?:cautionary\s+(?:note|statement)s?\s+(?:regarding|concerning|about)\s+)?forward[- ]looking\s+"
    r"statements?\W{0,3}$",
    re.IGNORECASE,
)
_BOILERPLATE_MAX = 4000
# A byline: "By Fierce Pharma staff | Aug 16, 2022", "By Jane Doe and John Roe" (names a writer, not a company)
_BYLINE = re.compile(
    r"^By\s+(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*(?:\s+(?:staff|[Rr]eporters?|[Ee]ditors?|and\s+[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*)?))?\s*(?:[|·•,]\s*.{0,80})?$"
)
# A masthead: "Fierce Pharma | Oct 21, 2024", "Fierce Biotech | Sep 20, 2023 | By Fierce Biotech staff": the
# publication's name before the date (a company-shaped name that is no company of the story)
_MASTHEAD = re.compile(
    r"^(?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*\s*[|·•]\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|By\s)"
)
_SHORT_LINE = 24  # a line this short is always looked at ("Ad", "Share", "Related")


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for cue in _CUES:
        automaton.add_word(cue, len(cue))
    automaton.make_automaton()
    return automaton


def _cue_positions(text: str) -> list[int]:
    return [end for end, _ in _cue_automaton().iter(text.lower())]


_LIST_ITEM = re.compile(r"^\s*(?:[-•*·▪►>]|\d+[.)])\s+")
_TEASER_MAX = 180  # a teaser headline is short; prose after the list ends it
_LINE_MAX = 500  # a longer line is a paragraph of prose, whatever words it holds ("a subscription model")


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield start, start + len(body), body
        start += len(line)


def is_furniture(line: str) -> bool:
    """Whether one line, on its own, is page furniture."""
    stripped = line.strip()
    if not stripped:
        return False
    return bool(_LINE.match(stripped)) or bool(_TEASER_HEAD.match(stripped) and ":" in stripped[-2:])


def _is_teaser(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _TEASER_MAX:
        return False
    if _LIST_ITEM.match(stripped):
        return True
    # a headline: no closing full stop, not a sentence of prose
    return not stripped.endswith((".", "”", '"')) and len(stripped.split()) <= 20


def furniture(text: str) -> tuple[Span, ...]:
    """The spans of ``text`` that are page furniture, in order: whole lines, and inline cross-references."""
    spans: list[Span] = []
    in_teasers = after_head = False
    cues = _cue_positions(text)
    next_cue = 0
    for start, end, line in _lines(text):
        while next_cue < len(cues) and cues[next_cue] < start:
            next_cue += 1
        has_cue = next_cue < len(cues) and cues[next_cue] < end
        stripped = line.strip()
        if in_teasers:
            if not stripped:
                continue
            if _is_teaser(line):
                spans.append(Span(start, end))
                continue
            in_teasers = False
        if after_head and stripped:  # the paragraph under a "Forward-Looking Statements" heading
            after_head = False
            if len(stripped) <= _BOILERPLATE_MAX and "statement" in stripped.lower():
                spans.append(Span(start, end))
                continue
        if len(stripped) <= 160 and (_BYLINE.match(stripped) or _MASTHEAD.match(stripped)):
            spans.append(Span(start, end))
            continue
        if not stripped or not (has_cue or len(stripped) <= _SHORT_LINE):
            continue
        if len(stripped) <= _BOILERPLATE_MAX and _BOILERPLATE.match(stripped):
            spans.append(Span(start, end))
            continue
        if _BOILERPLATE_HEAD.match(stripped):
            spans.append(Span(start, end))
            after_head = True
            continue
        if len(stripped) <= 400 and _GATE.search(stripped):
            spans.append(Span(start, len(text)))
            break
        if _TEASER_HEAD.match(stripped) and len(stripped) <= _TEASER_MAX and (
            stripped.endswith(":") or len(stripped.split()) <= 6
        ):
            spans.append(Span(start, end))
            in_teasers = True
        elif len(stripped) <= _LINE_MAX and (
            _LINE.match(stripped) or (_LIST_ITEM.match(stripped) and _LINE.match(_LIST_ITEM.sub("", stripped)))
        ):
            spans.append(Span(start, end))
    lines = list(spans)
    for m in _INLINE.finditer(text):
        if not any(s.start <= m.start() < s.end for s in lines):
            spans.append(Span(m.start(), m.end()))
    return tuple(sorted(spans, key=lambda s: s.start))
