"""Integrity checks for the hand-edited lexicon tables in racecard/lexicon/curated/.

The tables are read with a small parser written here (not the lexicon builder), so a
broken table fails these tests whatever the builder does with it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

CURATED = Path(__file__).resolve().parents[2] / "racecard" / "lexicon" / "curated"

HEADERS: dict[str, list[str]] = {
    "companies": ["name", "aliases", "tickers", "country", "parent", "renamed_to", "renamed_on", "note"],
    "assets": ["name", "codes", "brands", "synonyms", "originator", "targets", "modality", "class", "note"],
    "targets": ["name", "aliases", "genes", "note"],
    "indications": ["name", "aliases", "abbreviations", "context", "note"],
    "agencies": ["name", "aliases", "territory"],
    "territories": ["name", "aliases", "members"],
}
LIST_COLUMNS = {"aliases", "tickers", "codes", "brands", "synonyms", "targets", "genes", "abbreviations", "context",
                "members"}
MODALITIES = {"small molecule", "antibody", "bispecific antibody", "ADC", "peptide", "protein", "cell therapy",
              "gene therapy", "gene editing", "siRNA", "antisense", "mRNA", "vaccine", "radiopharmaceutical", "other"}

# ISO 3166-1 alpha-2, officially assigned codes.
ISO_ALPHA2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")

Row = dict[str, str]


def read_table(name: str) -> list[Row]:
    """Parse one curated TSV the way FORMAT.md defines it, failing on any malformed line."""
    path = CURATED / f"{name}.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    assert header == HEADERS[name], f"{path.name}: header {header} != {HEADERS[name]}"
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == len(header), f"{path.name} data line {number}: {len(cells)} cells: {line!r}"
        for column, cell in zip(header, cells, strict=True):
            assert cell == cell.strip(), f"{path.name} line {number}: stray space in {column}: {cell!r}"
            if column in LIST_COLUMNS and cell:
                items = cell.split("|")
                assert all(i and i == i.strip() for i in items), f"{path.name} line {number}: bad list {cell!r}"
                assert len(items) == len(set(items)), f"{path.name} line {number}: repeated item in {cell!r}"
        rows.append(dict(zip(header, cells, strict=True)))
    assert rows[0]["name"], f"{path.name}: first row has no name"
    return rows


def items(row: Row, column: str) -> list[str]:
    return row[column].split("|") if row[column] else []


def duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


@pytest.fixture(scope="module")
def companies() -> list[Row]:
    return read_table("companies")


def test_companies_are_many_and_named_once(companies: list[Row]) -> None:
    names = [r["name"] for r in companies]
    assert all(names), "companies.tsv: a row without a name"
    assert not duplicates(names)
    assert len(names) >= 300


def test_company_surface_forms_are_unambiguous(companies: list[Row]) -> None:
    """No alias or ticker may point at two companies, nor shadow another company's name."""
    owner: dict[str, set[str]] = defaultdict(set)
    for row in companies:
        for form in [row["name"], *items(row, "aliases"), *items(row, "tickers")]:
            owner[form].add(row["name"])
    clashes = {form: sorted(names) for form, names in owner.items() if len(names) > 1}
    assert not clashes


def test_company_references_resolve(companies: list[Row]) -> None:
    names = {r["name"] for r in companies}
    for row in companies:
        for column in ("parent", "renamed_to"):
            assert not row[column] or row[column] in names, f"{row['name']}: unknown {column} {row[column]!r}"
        assert row["parent"] != row["name"] and row["renamed_to"] != row["name"]
        assert bool(row["renamed_on"]) <= bool(row["renamed_to"]), f"{row['name']}: renamed_on without renamed_to"
        assert not row["renamed_on"] or ISO_DATE.fullmatch(row["renamed_on"]), row["renamed_on"]


def test_company_countries_are_iso_alpha2(companies: list[Row]) -> None:
    bad = {r["name"]: r["country"] for r in companies if r["country"] and r["country"] not in ISO_ALPHA2}
    assert not bad


def test_parent_chains_end(companies: list[Row]) -> None:
    parent = {r["name"]: r["parent"] for r in companies if r["parent"]}
    for start in parent:
        seen = {start}
        node = parent[start]
        while node in parent:
            assert node not in seen, f"companies.tsv: parent cycle through {start}"
            seen.add(node)
            node = parent[node]


@pytest.mark.parametrize(
    ("form", "name"),
    [("MSD", "Merck"), ("Merck KGaA, Darmstadt, Germany", "Merck KGaA"), ("Seattle Genetics", "Seagen"),
     ("Kyowa Hakko Kirin", "Kyowa Kirin"), ("BMS", "Bristol Myers Squibb"), ("9926.HK", "Akeso")],
)
def test_known_company_forms(companies: list[Row], form: str, name: str) -> None:
    found = [r["name"] for r in companies if form in (r["name"], *items(r, "aliases"), *items(r, "tickers"))]
    assert found == [name]
