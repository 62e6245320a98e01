"""Markets and territories: which stated territory covers which market.

A market is a plain name ("China", "US", "Japan", "EU", …). A territory as an event
states it ("Greater China", "mainland China", "worldwide", "ex-China", "US and Canada",
"worldwide except Japan") covers a market when the market is one of its members and
not carved out. An event with no territory but an agency ("NMPA", "FDA advisory
committee") is placed in the agency's market.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "AGENCY_MARKETS",
    "COUNTRY_MARKETS",
    "carve_outs",
    "covers",
    "event_markets",
    "label",
    "market_key",
    "members",
]

# Canonical market keys (lower case) and the spellings that name them.
_SYNONYMS: Mapping[str, str] = {
    "china": "china",
    "mainland china": "china",
    "prc": "china",
    "people's republic of china": "china",
    "the people's republic of china": "china",
    "chinese mainland": "china",
    "us": "us",
    "u.s.": "us",
    "usa": "us",
    "u.s.a.": "us",
    "united states": "us",
    "the united states": "us",
    "united states of america": "us",
    "america": "us",
    "japan": "japan",
    "eu": "eu",
    "europe": "eu",
    "european union": "eu",
    "the eu": "eu",
    "uk": "uk",
    "united kingdom": "uk",
    "the uk": "uk",
    "britain": "uk",
    "great britain": "uk",
    "hong kong": "hong kong",
    "macau": "macau",
    "macao": "macau",
    "taiwan": "taiwan",
    "canada": "canada",
    "korea": "south korea",
    "south korea": "south korea",
    "australia": "australia",
    "germany": "germany",
    "france": "france",
    "italy": "italy",
    "spain": "spain",
}
# Regions: the markets they include (a region is also a market of its own).
_REGIONS: Mapping[str, frozenset[str]] = {
    "greater china": frozenset({"china", "hong kong", "macau", "taiwan"}),
    "eu": frozenset({"eu", "germany", "france", "italy", "spain"}),
    "eu5": frozenset({"eu", "germany", "france", "italy", "spain", "uk"}),
    "7mm": frozenset({"us", "japan", "eu", "germany", "france", "italy", "spain", "uk"}),
    "north america": frozenset({"us", "canada"}),
    "asia": frozenset({"china", "hong kong", "macau", "taiwan", "japan", "south korea"}),
}
_WORLD = frozenset({"worldwide", "global", "world", "globally", "ww", "rest of world", "all territories"})
# ISO 3166 alpha-2 codes of headquarters countries → the market that country is in.
COUNTRY_MARKETS: Mapping[str, str] = {
    "CN": "china",
    "US": "us",
    "JP": "japan",
    "GB": "uk",
    "HK": "hong kong",
    "MO": "macau",
    "TW": "taiwan",
    "CA": "canada",
    "KR": "south korea",
    "AU": "australia",
    "DE": "germany",
    "FR": "france",
    "IT": "italy",
    "ES": "spain",
    **{code: "eu" for code in ("AT", "BE", "DK", "FI", "IE", "NL", "PT", "SE", "PL", "CZ", "HU", "GR", "LU")},
}
# Agencies → the market they decide for.
AGENCY_MARKETS: Mapping[str, str] = {
    "fda": "us",
    "us fda": "us",
    "fda advisory committee": "us",
    "odac": "us",
    "nmpa": "china",
    "cde": "china",
    "china nmpa": "china",
    "ema": "eu",
    "chmp": "eu",
    "european commission": "eu",
    "ec": "eu",
    "pmda": "japan",
    "mhlw": "japan",
    "mhra": "uk",
    "health canada": "canada",
    "tga": "australia",
    "mfds": "south korea",
}
_EXCEPT = re.compile(r"^(?:(?:worldwide|global|all)\s+)?(?:ex-|ex\s+|outside(?:\s+of)?\s+|excluding\s+|except\s+)(.+)$")
_WORLD_EXCEPT = re.compile(r"^(?:worldwide|global|globally)\s*(?:,\s*)?(?:except|excluding|ex-|ex|outside)\s+(.+)$")
_SPLIT = re.compile(r"\s*(?:,|\band\b|&|/|\+)\s*")


@lru_cache(maxsize=4096)
def _clean(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split()).strip(" .;")


@lru_cache(maxsize=4096)
def market_key(name: str) -> str:
    """The canonical key of a market or region name ("Mainland China" → "china")."""
    t = _clean(name)
    return _SYNONYMS.get(t, t)


@lru_cache(maxsize=4096)
def members(name: str) -> frozenset[str]:
    """The markets a single (not compound) territory name includes."""
    key = market_key(name)
    return _REGIONS.get(key, frozenset()) | {key}


@lru_cache(maxsize=4096)
def _covered(territory: str) -> tuple[bool, frozenset[str], frozenset[str]]:
    """(everything?, included markets, carved-out markets) for a stated territory."""
    t = _clean(territory)
    if t in _WORLD:
        return True, frozenset(), frozenset()
    match = _WORLD_EXCEPT.match(t) or _EXCEPT.match(t)
    if match:
        out: set[str] = set()
        for part in _SPLIT.split(match.group(1)):
            if part:
                out |= members(part)
        return True, frozenset(), frozenset(out)
    included: set[str] = set()
    for part in _SPLIT.split(t):
        if part:
            included |= members(part)
    return False, frozenset(included), frozenset()


@lru_cache(maxsize=4096)
def carve_outs(territory: str) -> tuple[str, ...]:
    """The markets carved out of a worldwide territory, as written ("worldwide except Japan" → ["Japan"])."""
    t = " ".join(territory.split())
    match = _WORLD_EXCEPT.match(t.casefold()) or _EXCEPT.match(t.casefold())
    if match is None:
        return ()
    start = match.start(1)
    return tuple(p for p in _SPLIT.split(t[start:]) if p)


@lru_cache(maxsize=4096)
def covers(territory: str | None, market: str | None) -> bool:
    """Whether rights or a fact stated for ``territory`` hold in ``market``.

    No market means every market (a worldwide board); no territory covers only the
    worldwide board, so callers decide what an unplaced fact means.
    """
    if market is None:
        return True
    if territory is None or not territory.strip():
        return False
    want = market_key(market)
    everything, included, carved = _covered(territory)
    wanted = members(want)
    if everything:
        if want in carved:
            return False
        return not wanted <= carved if want in _REGIONS else not wanted & carved
    if want in included:
        return True
    return want in _REGIONS and bool(wanted & included)  # a region is touched by any member


_DISPLAY: Mapping[str, str] = {
    "china": "China", "us": "US", "japan": "Japan", "eu": "EU", "uk": "UK", "hong kong": "Hong Kong",
    "macau": "Macau", "taiwan": "Taiwan", "canada": "Canada", "south korea": "South Korea",
    "australia": "Australia", "greater china": "Greater China", "7mm": "7MM", "eu5": "EU5",
    "north america": "North America", "asia": "Asia",
}


def _names(markets: frozenset[str]) -> str:
    for region, inside in _REGIONS.items():
        if markets in (inside | {region}, inside):
            return _DISPLAY.get(region, region)
    inner = {m for m in markets if not any(m in _REGIONS.get(r, ()) for r in markets if r != m)}
    return ", ".join(sorted(_DISPLAY.get(m, m) for m in inner))


@lru_cache(maxsize=4096)
def label(territory: str | None) -> str:
    """A territory in one canonical spelling, for grouping ("mainland China, Hong Kong, Macau and
    Taiwan" → "Greater China", "ex-US" → "worldwide ex-US")."""
    if territory is None or not territory.strip():
        return "worldwide"
    everything, included, carved = _covered(territory)
    if everything:
        return "worldwide" + (f" ex-{_names(carved)}" if carved else "")
    return _names(included) or territory


@lru_cache(maxsize=4096)
def event_markets(territory: str | None, agency: str | None) -> str | None:
    """The territory an event is placed in: its own, else its agency's market, else None."""
    if territory and territory.strip():
        return territory
    if agency and agency.strip():
        return AGENCY_MARKETS.get(_clean(agency))
    return None
