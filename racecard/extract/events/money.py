"""Money in a sentence: "$65 million upfront", "up to $1.9bn", "US$5.3B", "€500m", "$20,000 (in thousands)".

Amounts in US dollars become plain numbers; any other currency keeps its amount and
currency as text (``value_text``), since the schema converts only what the article converts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from racecard.extract.events.rx import lower_pattern, lower_text

__all__ = ["Money", "find_money"]

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mm": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12,
}  # fmt: skip
DOLLARS = {"$", "us$", "usd", "us $", "u.s.$", "dollars", "us dollars", "u.s. dollars"}
CURRENCY_WORDS = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY",
    "yen": "JPY", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "chf": "CHF", "krw": "KRW", "won": "KRW",
    "hk$": "HKD", "hkd": "HKD", "a$": "AUD", "c$": "CAD", "cad": "CAD", "aud": "AUD", "inr": "INR", "rs": "INR",
}  # fmt: skip

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*|-)(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn|tn|mm|[mbkt])\b"
_PRE = r"(?P<cur>US\s?\$|U\.S\.\s?\$|HK\$|A\$|C\$|\$|€|£|¥|USD|EUR|GBP|JPY|RMB|CNY|CHF|KRW|HKD|CAD|AUD|INR|Rs\.?)"
_POST = r"(?P<curw>(?:US |U\.S\. )?dollars|euros?|yuan|yen|won|pounds|RMB|USD|EUR|CNY)"
_SCALE2 = _SCALE.replace("scale", "scale2")
_POST2 = _POST.replace("curw", "curw2")
# Searched on the lower-cased text with lower-cased patterns (quicker than IGNORECASE; offsets hold).
_RX = re.compile(
    lower_pattern(
        rf"{_PRE}\s?{_NUM}(?:{_SCALE})?(?:\s+{_POST})?"
        rf"|(?<![\w$€£¥.])(?P<num2>\d+(?:\.\d+)?)(?:{_SCALE2})\s+{_POST2}"
    )
)
_CURRENCY_WORD = re.compile(
    lower_pattern(r"USD|EUR|GBP|JPY|RMB|CNY|CHF|KRW|HKD|CAD|AUD|INR|Rs\b|dollar|euro|yuan|yen|won\b|pound")
)
_THOUSANDS = re.compile(r"\(?\bin thousands\b", re.I)


@dataclass(frozen=True, slots=True)
class Money:
    """A money phrase at ``start:end`` of the searched text."""

    start: int
    end: int
    text: str
    amount: float
    currency: str
    scaled: bool = True  # written with a scale word ("million") or read "(in thousands)"

    @property
    def usd(self) -> float | None:
        return self.amount if self.currency == "USD" else None


def _currency(symbol: str) -> str:
    s = " ".join(symbol.lower().split())
    if s in DOLLARS or s.replace(" ", "") in DOLLARS or (s.endswith("dollars") and "hk" not in s):
        return "USD"
    return CURRENCY_WORDS.get(s, CURRENCY_WORDS.get(s.rstrip("s"), s.upper()))


def find_money(text: str, *, thousands: bool | None = None) -> list[Money]:
    """Every money phrase in ``text``; ``thousands`` scales bare figures (a filing's "(in thousands)")."""
    low = lower_text(text)
    if not any(c in text for c in "$€£¥") and not _CURRENCY_WORD.search(low):
        return []
    if thousands is None:
        thousands = bool(_THOUSANDS.search(text))
    out: list[Money] = []
    for m in _RX.finditer(low):
        num = m.group("num") or m.group("num2")
        scale = m.group("scale") or m.group("scale2")
        cur = m.group("cur") or m.group("curw") or m.group("curw2") or "$"
        exact = Decimal(num.replace(",", ""))  # "$4.1 billion" is 4,100,000,000, not 4099999999.9999995
        if scale:
            exact *= Decimal(int(SCALES[scale.lower()]))
        elif thousands:
            exact *= 1000
        elif (
            m.group("cur")
            and exact < 1000
            and re.match(r"\s+per\s+share|\s*/\s*share|\s+a\s+share", text[m.end() :], re.I) is None
        ):
            continue  # "$320" with no scale is a unit price or a typo, not a deal value
        shown = text[m.start() : m.end()]  # the article's own spelling, not the lower-cased copy
        out.append(Money(m.start(), m.end(), shown, float(exact), _currency(cur), bool(scale) or thousands))
    return out
