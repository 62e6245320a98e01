"""Shared pieces of the lexicon build: the concept record, file readers and form filters.

Each ``sources_*`` module turns one family of open sources into :class:`Concept` records
(one per source record: a DrugBank drug, a MONDO disease, an HGNC gene ...). ``build.py``
merges concepts that share an identifier or a name, lets the curated tables override them,
resolves texts claimed twice and writes the compiled files described in ``FORMAT.md``.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from racecard.errors import InputError

csv.field_size_limit(1 << 30)

#: Status of a surface form, best first (FORMAT.md).
STATUSES = ("curated", "name", "brand", "code", "ticker", "synonym", "abbreviation")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

#: Source priority used to break ties and choose canonical names, best first.
SOURCES = (
    "curated", "drugbank", "chembl", "ncit", "dner",
    "hgnc", "famplex", "mondo", "doid", "efo", "mesh", "mner", "index", "sec",
)
SOURCE_RANK = {s: i for i, s in enumerate(SOURCES)}


#: Acronyms of the pharma news trade that open sources also list as a gene, ticker, drug or
#: disease ("BTD" biotinidase / Breakthrough Therapy Designation, "CRL" a ticker / Complete
#: Response Letter). No open-data form may be one of these; curated rows may.
NEWS_ACRONYMS = frozenset(
    """btd nda snda bla sbla ind maa pdufa eua odd crl orr pfs dor dcr teae sae trae efs dfs mrd qol
    hrqol kol ipo ceo cfo cmo cso coo cbo ir pr r&d m&a nice cms asco esmo aacr ash easd aan eular aad
    ats ers esc aha acc isth wclc sabcs jpm sec nyse nasdaq etf eps gaap ebitda usd eur rmb cny jpy gbp
    chf adr ads hkex sse star tse ira pbm cdmo cro cmo cmc gmp api adc tce car-t mab lnp aav sirna aso
    protac bite til tcr moa poc fih sad mad rct ae aes sop kpi phase""".split()
)


@dataclass(frozen=True, slots=True)
class Form:
    """One surface form proposed by a source for a concept."""

    text: str
    status: str
    source: str
    cased: bool


@dataclass(slots=True)
class Concept:
    """One source record: a candidate canonical name, its forms, ids and attributes.

    ``ids`` are namespaced identifiers (``"chembl:CHEMBL123"``) used to merge records of the
    same thing across sources; ``links`` are identifiers of *other* records this one points to
    (an xref) and merge only when the link is unambiguous.
    """

    kind: str
    name: str
    source: str
    forms: list[Form] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)
    #: lower is better when choosing the canonical name of a merged group
    quality: int = 50

    def add(self, text: str, status: str, *, cased: bool = False, source: str | None = None) -> None:
        text = clean_text(text)
        if text:
            self.forms.append(Form(text, status, source or self.source, cased))


# ---------------------------------------------------------------------------------------------
# Readers


def open_text(path: Path) -> io.TextIOBase:
    """Open a plain or gzip text file as UTF-8, raising InputError naming the file."""
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
        return open(path, encoding="utf-8", newline="")
    except OSError as e:
        raise InputError(f"cannot open source file: {e}", source=str(path)) from e


def read_tsv(path: Path, *, header: bool = True, columns: list[str] | None = None) -> Iterator[dict[str, str]]:
    """Yield rows of a TSV (optionally gzip) as dicts. Lines starting with ``#`` are skipped.

    Files without a header row need ``columns``. Missing trailing cells become ``""``.
    """
    with open_text(path) as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        names = columns
        for row in reader:
            if names is None:
                if not header:
                    raise InputError("a header-less TSV needs column names", source=str(path))
                names = [c.strip() for c in row]
                continue
            if len(row) < len(names):
                row = row + [""] * (len(names) - len(row))
            yield dict(zip(names, row, strict=False))
        if names is None and header:
            raise InputError("empty TSV file (no header row)", source=str(path))


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Yield rows of a CSV with a header row (optionally gzip)."""
    with open_text(path) as fh:
        yield from csv.DictReader(fh)


def split_list(cell: str, sep: str = "|") -> list[str]:
    """Split a list-valued cell, dropping empty items."""
    return [x.strip() for x in cell.split(sep) if x.strip()]


def require(path: Path) -> Path:
    """Return ``path`` if it exists, else raise InputError naming it."""
    if not path.exists():
        raise InputError("source file not found; is --data the shared data folder?", source=str(path))
    return path


# ---------------------------------------------------------------------------------------------
# Text shape and filters

_SPACE = re.compile(r"\s+")
_BAD_CHARS = re.compile(r"[<>{}\[\]=;&|\"@#$%*^~\\_]")
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+(?:[- /.][A-Za-z0-9]+){0,2}$")
_CODE_LETTERS = re.compile(r"^[A-Z]{1,6}[- ]?\d{2,7}[A-Z]{0,2}(?:[- ]\d+[A-Z]?)?$")


def clean_text(text: str) -> str:
    """Unicode-normalise, strip and collapse whitespace."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def key(text: str) -> str:
    """The comparison key of a surface form (case- and space-insensitive)."""
    return _SPACE.sub(" ", text.casefold()).strip()


def fold_accents(text: str) -> str:
    """Drop accents: ``Cétuximab`` → ``Cetuximab``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def has_bad_chars(text: str) -> bool:
    """True for forms with markup, list separators or other characters no name contains."""
    return bool(_BAD_CHARS.search(text))


def is_numeric(text: str) -> bool:
    """True for forms made only of digits and punctuation ("1018", "12-34")."""
    return not any(c.isalpha() for c in text)


def is_code(text: str) -> bool:
    """True for research-code shapes: letters and digits, at most three parts ("AMG 510",
    "MRTX849", "SB-203580", "D-1553", "JNJ-4528"), not plain words or numbers."""
    if len(text) < 4 or len(text) > 16 or not text[0].isalpha():
        return False  # "4G7DS2Q64Y" (a UNII), "280M931": registry numbers start with a digit
    if not _CODE.match(text):
        return False
    if not re.search(r"\d\d", text):
        return False  # "H1N1", "A1B2": a strain or a locus, not a compound number
    letters = sum(c.isalpha() for c in text)
    return letters >= 1 and (text.upper() == text or bool(_CODE_LETTERS.match(text.upper())))


@lru_cache(maxsize=400_000)
def zipf(text: str) -> float:
    """English word frequency on the Zipf scale (0 = unknown, 3 = about once per million words).
    Forms with digits are symbols or codes, not words: 0 (wordfreq would score "PD-1" as "pd")."""
    import wordfreq  # build-time only (dev extra)

    if any(c.isdigit() for c in text):
        return 0.0
    return float(wordfreq.zipf_frequency(text.casefold(), "en"))


def n_words(text: str) -> int:
    return len(text.split())


def has_lower(text: str) -> bool:
    return any(c.islower() for c in text)


def looks_abbreviation(text: str) -> bool:
    """Short forms written with capitals inside ("NSCLC", "EoE", "IgAN", "HER2+")."""
    if n_words(text) > 1 or len(text) > 7:
        return False
    return sum(c.isupper() for c in text[1:]) >= 1 or not has_lower(text)
