"""Territories as plain words: "Greater China", "ex-China", "worldwide", "US", "EU", "Japan" …

Exclusions are read before inclusions: "global rights excluding mainland China, Hong
Kong, Macau and Taiwan" is ex-Greater China, "outside China" is ex-China, "global" alone
is worldwide. Agencies imply their territory (FDA → US, NMPA → China).
"""

from __future__ import annotations

import re

__all__ = ["AGENCY_TERRITORY", "agencies_in", "agency_in", "deal_territory", "territory_in"]

_GC_PART = (
    r"(?:(?:the\s+)?(?:mainland\s+)?China(?:\s+mainland)?|(?:the\s+)?Chinese\s+mainland|"
    r"Hong\s+Kong(?:\s+SAR)?|Maca[ou](?:\s+SAR)?|Taiwan)"
)
_GREATER = rf"(?:Greater\s+China|{_GC_PART}(?:\s*(?:\([^)]*\))?\s*(?:,\s*and|,|and)\s+{_GC_PART}){{3}})"
_PLACES: tuple[tuple[str, str], ...] = (
    ("Greater China", _GREATER),
    ("China", r"(?:mainland\s+)?China|Chinese\s+mainland|the\s+PRC"),
    ("US and Canada", r"(?:the\s+)?(?:U\.S\.|US|United\s+States)\s+and\s+Canada"),
    ("US", r"(?:the\s+)?(?:U\.S\.|US|USA|United\s+States)(?!\s+and\s+Canada)"),
    ("EU", r"(?:the\s+)?(?:EU|European\s+Union|Europe)"),
    ("Japan", r"Japan"),
    ("South Korea", r"(?:South\s+)?Korea"),
    ("Asia", r"Asia(?:-Pacific)?"),
    ("UK", r"(?:the\s+)?(?:UK|U\.K\.|United\s+Kingdom|Britain)"),
    ("7MM", r"(?:the\s+)?(?:7MM|seven\s+major\s+markets)"),
    ("Canada", r"Canada"),
    ("India", r"India"),
    ("Taiwan", r"Taiwan"),
    ("Hong Kong", r"Hong\s+Kong(?!\s+(?:Stock|Exchange|[Ll]isted|[Tt]rading|shares))"),  # not the exchange
    ("Singapore", r"Singapore"),
    ("Australia", r"Australia"),
    ("Switzerland", r"Switzerland"),
    ("Brazil", r"Brazil"),
)
_PLACE_RX = "|".join(f"(?P<p{i}>{rx})" for i, (_, rx) in enumerate(_PLACES))
_EXCL = re.compile(
    rf"\b(?:ex-?\s*|excluding\s+|except(?:\s+for|\s+in)?\s+|outside\s+(?:of\s+)?(?:the\s+)?|other\s+than\s+|"
    rf"(?:territorial\s+)?exclusions?\s+(?:for|of)\s+|"
    rf"rest\s+of\s+(?:the\s+)?world\s+(?:excluding|outside)\s+)(?:{_PLACE_RX})",
    re.I,
)
_WORLD = re.compile(r"\b(?:global(?:ly)?|worldwide|world-wide|all\s+territories|rest\s+of\s+(?:the\s+)?world)\b", re.I)
# a place as the owner of a named company is no territory ("China's Akeso", "Japan's Takeda")
_IN = re.compile(rf"(?<![\w-])(?:{_PLACE_RX})(?![\w$-])(?!['’]s\s+(?-i:[A-Z]))", re.I)  # not "US$625M": a currency
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")

AGENCY_TERRITORY = {
    "FDA": "US", "EMA": "EU", "European Commission": "EU", "CHMP": "EU", "NMPA": "China", "PMDA": "Japan",
    "MHLW": "Japan", "MHRA": "UK", "Health Canada": "Canada", "TGA": "Australia", "MFDS": "South Korea",
    "FDA advisory committee": "US", "Swissmedic": "Switzerland", "CDSCO": "India", "TFDA": "Taiwan",
    "Hong Kong DoH": "Hong Kong", "HSA": "Singapore", "ANVISA": "Brazil",
}  # fmt: skip
_AGENCIES: tuple[tuple[str, str], ...] = (
    (
        "FDA advisory committee",
        r"(?:FDA(?:'s)?\s+)?(?:\w+\s+){0,3}[Aa]dvisory\s+[Cc]ommittee|ODAC|adcomm?|[Aa]dvisory\s+panel|FDA\s+panel"
        r"|FDA\s+advisers|panel\s+of\s+(?:outside\s+)?(?:experts|advisers|advisors)",
    ),
    ("CHMP", r"CHMP|Committee\s+for\s+Medicinal\s+Products\s+for\s+Human\s+Use"),
    ("FDA", r"(?:U\.S\.\s+|US\s+)?FDA|Food\s+and\s+Drug\s+Administration"),
    ("EMA", r"EMA|European\s+Medicines\s+Agency"),
    ("European Commission", r"European\s+Commission|\bEC\b"),
    (
        "NMPA",
        r"NMPA|CDE|National\s+Medical\s+Products\s+Administration|Center\s+for\s+Drug\s+Evaluation|China's\s+drug\s+regulator",
    ),
    ("PMDA", r"PMDA|Pharmaceuticals\s+and\s+Medical\s+Devices\s+Agency"),
    ("MHLW", r"MHLW|Ministry\s+of\s+Health,\s+Labou?r\s+and\s+Welfare"),
    ("MHRA", r"MHRA|Medicines\s+and\s+Healthcare\s+products\s+Regulatory\s+Agency"),
    ("Health Canada", r"Health\s+Canada"),
    ("TGA", r"TGA"),
    ("MFDS", r"MFDS"),
)
_AGENCY_RX = re.compile("|".join(rf"(?P<a{i}>\b(?:{rx})\b)" for i, (_, rx) in enumerate(_AGENCIES)))


def _place(m: re.Match[str]) -> str:
    for i, (name, _) in enumerate(_PLACES):
        if m.group(f"p{i}"):
            return name
    return m.group(0)


def _cased_ok(m: re.Match[str]) -> bool:
    word = m.group(0).strip()
    last = word.split()[-1]
    if last in ("us", "Us"):
        return False  # "granted us the exclusive right": the pronoun
    return last.upper() != last or last in ("US", "EU", "UK", "PRC", "USA", "U.S.", "U.K.", "7MM") or len(last) > 3


def _greater_china(places: list[str]) -> list[str]:
    """"mainland China, Hong Kong, Macau and Taiwan" listed one by one is Greater China."""
    parts = {"China", "Hong Kong", "Macau", "Taiwan"}
    if "China" in places and len(parts & set(places)) >= 3:
        return ["Greater China"] + [p for p in places if p not in parts]
    return places


_CHINA_BEFORE = re.compile(r"\bChina\s*,?\s*(?:\(\s*)?$")


def _mainland(text: str, excl: re.Match[str]) -> bool:
    """ "in China, excluding Hong Kong, Taiwan and Macao": mainland China, not the world outside Hong Kong."""
    return _place(excl) in ("Hong Kong", "Taiwan") and _CHINA_BEFORE.search(text, 0, excl.start()) is not None
_KNOWN_AS = re.compile(r"\bknown\s+as\s+[\w&.-]+\s*$", re.I)


def _exclusions(text: str) -> list[re.Match[str]]:
    """Carve-outs ("outside China"), less a name's boilerplate ("Merck, known as MSD outside of the United States")."""
    return [m for m in _EXCL.finditer(text) if _cased_ok(m) and not _KNOWN_AS.search(text, 0, m.start())]


def territory_in(text: str) -> str | None:
    """The territory a deal or decision sentence names, as plain words, or None."""
    excl = _exclusions(text)
    if excl and _mainland(text, excl[0]):
        return "China"
    if excl:
        if _place(excl[0]) == "China":  # "outside mainland China, Hong Kong, Macau and Taiwan"
            listed = _greater_china([_place(p) for p in _IN.finditer(text, excl[0].start(), excl[0].end() + 60)])
            if listed[:1] == ["Greater China"]:
                return "ex-Greater China"
        return "ex-" + _place(excl[0])
    places = [m for m in _IN.finditer(text) if _cased_ok(m) and (m.group(0).split()[-1] not in ("us", "Us"))]
    listed = _greater_china([_place(p) for p in places])
    if listed[:1] == ["Greater China"] and not _WORLD.search(text):
        return "Greater China"
    if _WORLD.search(text) and not any(
        text[max(0, p.start() - 12) : p.start()].lower().rstrip().endswith(("in", "for")) and _place(p) != "Asia"
        for p in places[:1]
    ):
        return "worldwide"
    if places:
        return _listing(text, places)
    return None


def _listing(text: str, places: list[re.Match[str]]) -> str:
    """The first place, with the places listed right after it ("the United States, Canada, Europe and Japan"
    → "US, Canada, EU and Japan")."""
    run = [places[0]]
    for p in places[1:]:
        if not _LISTED.fullmatch(text, run[-1].end(), p.start()):
            break
        run.append(p)
    names = list(dict.fromkeys(_place(p) for p in run))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_RIGHTS = re.compile(
    r"\b(?:rights?|licen[cs]\w*|commerciali[sz]\w*|develop\w*|market(?:s|ing)?|sell|territor\w*|promot\w*)\b", re.I
)


_ADJ_RIGHTS = re.compile(
    r"\b(?P<adj>Chinese|Japanese|European|U\.S\.|US|American|Korean|Taiwanese|Indian|Canadian)\s+"
    r"(?:commercial(?:i[sz]ation)?\s+|development\s+|marketing\s+)?(?:rights|licen[cs]e)"
)
_ADJ_PLACE = {"Chinese": "China", "Japanese": "Japan", "European": "EU", "U.S.": "US", "US": "US", "American": "US",
              "Korean": "South Korea", "Taiwanese": "Taiwan", "Indian": "India", "Canadian": "Canada"}  # fmt: skip


_RETAINED = re.compile(
    r"\b(?:retain(?:s|ed|ing)?|keep(?:s|ing)?|kept)\s+(?:all\s+|the\s+|its\s+|full\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"rights?\s+(?:in|for|to|within|across)\s+",
    re.I,
)


def deal_territory(text: str) -> str | None:
    """The territory of the rights a deal sentence grants: read only near rights words."""
    for kept in _RETAINED.finditer(text):  # "… while InnoCare retains rights in Greater China": all but that
        place = next((p for p in _IN.finditer(text, kept.end(), kept.end() + 40) if _cased_ok(p)), None)
        if place is not None and place.start() - kept.end() <= 4:
            return "ex-" + _place(place)
    excluded = _exclusions(text)
    if excluded and _mainland(text, excluded[0]):
        return "China"
    if excluded and _RIGHTS.search(text):  # "global rights … outside the Chinese mainland"
        return territory_in(text[excluded[0].start() :]) or "ex-" + _place(excluded[0])
    adj = _ADJ_RIGHTS.search(text)
    if adj:
        return _ADJ_PLACE[adj.group("adj")]
    if _greater_china([_place(p) for p in _IN.finditer(text) if _cased_ok(p)])[:1] == ["Greater China"]:
        return "Greater China"  # the four places listed one by one, however far from "rights"
    for m in _RIGHTS.finditer(text):
        found = territory_in(text[max(0, m.start() - 30) : m.end() + 160])
        if found:
            return found
    return None


_AGENCY_WORDS = (
    "FDA", "EMA", "NMPA", "CDE", "PMDA", "MHLW", "MHRA", "Health Canada", "TGA", "MFDS", "CHMP", "Commission",
    "Committee", "committee", "Administration", "Agency", "Evaluation", "regulator", "dvis", "panel", "ODAC", "adcom",
    "EC", "Ministry",
)  # fmt: skip


def agencies_in(text: str) -> list[tuple[str, int]]:
    """Every regulator named in ``text`` and where, in order."""
    if not any(w in text for w in _AGENCY_WORDS):
        return []
    out = []
    for m in _AGENCY_RX.finditer(text):
        name = next(n for i, (n, _) in enumerate(_AGENCIES) if m.group(f"a{i}"))
        out.append((name, m.start()))
    return out


def agency_in(text: str) -> tuple[str, int] | None:
    """The first regulator named in ``text`` and where, or None."""
    if not any(w in text for w in _AGENCY_WORDS):
        return None
    m = _AGENCY_RX.search(text)
    if m is None:
        return None
    for i, (name, _) in enumerate(_AGENCIES):
        if m.group(f"a{i}"):
            return name, m.start()
    return None
