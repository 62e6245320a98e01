"""Company concepts from SEC EDGAR tickers and index constituents, pharma/biotech only.

SEC titles carry no industry code, so a company is kept when its name marks it as pharma or
biotech; index constituents are kept when their industry list does. Legal suffixes (cleanco
terms plus a few Asian forms) are stripped to make the short name, the canonical form.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from racecard.errors import InputError
from racecard.lexicon.sources_common import Concept, clean_text, n_words, require, zipf

PHARMA_NAME = re.compile(
    r"pharm|therapeutic|\bbio|biosciences|medicines|oncology|genetics|genomics|vaccin|immun|"
    r"\bgene\b|\brx\b|life sciences|antibod|cell therap|biolog|\bthera",
    re.IGNORECASE,
)
PHARMA_INDUSTRY = re.compile(r"pharma|biotech|biolog", re.IGNORECASE)
_EXTRA_SUFFIXES = ("co., ltd.", "co. ltd.", "co.,ltd.", "k.k.", "holdings", "holding", "group", "/de/",
                   "/de", "\\de\\", "/md/", "/new/", "/nv/", "and", "&", "the", "-", ",")
_SMALL_WORDS = frozenset({"and", "of", "the", "de", "for", "&"})


def _load_json(path: Path) -> Any:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return json.load(fh)
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read JSON: {e}", source=str(path)) from e


def legal_terms(data: Path) -> list[str]:
    """cleanco legal-form terms plus the Asian and holding forms cleanco lacks, longest first."""
    raw = _load_json(require(data / "company-legal-suffixes" / "cleanco_legal_terms.json"))
    terms: set[str] = set(_EXTRA_SUFFIXES)
    for group in ("terms_by_type", "terms_by_country"):
        for items in raw.get(group, {}).values():
            terms.update(t.strip().casefold() for t in items if t.strip())
    terms.update({t.rstrip(".") for t in terms if t.endswith(".") and len(t.rstrip(".")) > 1})
    return sorted(terms, key=lambda t: (-len(t), t))


def strip_legal(name: str, terms: list[str]) -> str:
    """"Kyowa Kirin Co., Ltd." → "Kyowa Kirin"; "AMGEN INC" → "AMGEN". Never strips to nothing."""
    cur = clean_text(name)
    changed = True
    while changed:
        changed = False
        low = cur.casefold().rstrip(" ,.")
        for t in terms:
            if low.endswith(t) and len(low) > len(t):
                before = low[: -len(t)]
                if t[0].isalnum() and before[-1:].isalnum():
                    continue  # only whole words
                rest = cur[: len(before)].rstrip(" ,.&-")
                if rest and n_words(rest) >= 1 and rest.casefold() not in _SMALL_WORDS:
                    cur, changed = rest, True
                    break
    return cur


def nice_case(name: str) -> str:
    """Title-case an all-capitals SEC title: "BRISTOL MYERS SQUIBB" → "Bristol Myers Squibb";
    words of up to three letters stay capitals ("PTC Therapeutics")."""
    if any(c.islower() for c in name):
        return name
    words = []
    for w in name.split():
        if w.casefold() in _SMALL_WORDS:
            words.append(w.casefold())
        elif len(w) <= 3 or not any(c in "AEIOUY" for c in w):
            words.append(w)
        else:
            words.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(words)


def ticker_ok(t: str) -> bool:
    """Tickers of 3+ characters that are not English words (BEAM, FATE and TECH are)."""
    base = t.split(".")[0]
    return len(t) >= 3 and not (base.isalpha() and zipf(base) > 3.0)


def name_cased(name: str) -> bool:
    """A one-word company name that is also an English word ("Vertex") matches with exact case."""
    return n_words(name) == 1 and zipf(name) > 3.0


def _company(name: str, full: str, source: str, tickers: list[str], quality: int) -> Concept:
    c = Concept("company", name, source, quality=quality)
    c.add(name, "name", cased=name_cased(name))
    if full != name:
        c.add(full, "synonym")
    kept = sorted({t for t in tickers if ticker_ok(t)})
    for t in kept:
        c.add(t, "ticker", cased=True)
        c.ids.add("ticker:" + t)
    if kept:
        c.attrs["tickers"] = kept
    return c


def read_index(data: Path, terms: list[str]) -> Iterator[Concept]:
    """Index constituents whose industries mark them pharma/biotech, with their home tickers."""
    for row in _load_json(require(data / "index-constituents-pharma" / "pytickersymbols_pharma_biotech.json")):
        if not any(PHARMA_INDUSTRY.search(i) for i in row.get("industries") or []):
            continue
        full = clean_text(re.sub(r"\(.*?\)", "", row["name"]))
        tickers = [row["symbol"]] if row.get("symbol") else []
        for s in row.get("symbols") or []:
            y = s.get("yahoo") or ""
            if y and not y.endswith(".F") and not re.match(r"^0\w{3}\.L$", y):
                tickers.append(y)
        c = _company(strip_legal(full, terms), full, "index", tickers, 20)
        if row.get("isins"):
            c.attrs["ids"] = {"isin": sorted(row["isins"])}
        yield c


def read_sec(data: Path, terms: list[str]) -> Iterator[Concept]:
    """SEC EDGAR issuers whose name marks them pharma/biotech, grouped by CIK."""
    folder = data / "sec-company-tickers"
    by_cik: dict[int, tuple[str, list[str]]] = {}
    raw = _load_json(require(folder / "company_tickers.json.gz"))
    rows = [(r["cik_str"], r["title"], r["ticker"]) for r in raw.values()]
    ex = _load_json(require(folder / "company_tickers_exchange.json.gz"))
    rows += [(r[0], r[1], r[2]) for r in ex["data"]]
    for cik, title, ticker in rows:
        if not PHARMA_NAME.search(title) or re.search(r"\bacquisition", title, re.IGNORECASE):
            continue  # not pharma by name, or a blank-cheque (SPAC) shell
        _title, tick = by_cik.setdefault(int(cik), (title, []))
        if ticker and ticker not in tick:
            tick.append(ticker)
    shorts = {cik: nice_case(strip_legal(clean_text(re.sub(r"\(.*?\)", "", t)), terms))
              for cik, (t, _) in by_cik.items()}
    counts = Counter(s.casefold() for s in shorts.values())
    for cik in sorted(by_cik):
        title, tickers = by_cik[cik]
        full = nice_case(clean_text(title))
        short = shorts[cik] if counts[shorts[cik].casefold()] == 1 else full
        c = _company(short, full, "sec", tickers, 30)
        c.ids.add(f"cik:{cik}")
        c.attrs["ids"] = {"cik": cik}
        yield c
