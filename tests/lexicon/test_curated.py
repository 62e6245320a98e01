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


@pytest.fixture(scope="module")
def targets() -> list[Row]:
    return read_table("targets")


@pytest.fixture(scope="module")
def assets() -> list[Row]:
    return read_table("assets")


def forms(row: Row, columns: tuple[str, ...]) -> list[str]:
    return [row["name"], *(item for column in columns for item in items(row, column))]


def claims(rows: list[Row], columns: tuple[str, ...]) -> dict[str, set[str]]:
    """Map each case-folded surface form to the canonical names that claim it."""
    owner: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in forms(row, columns):
            owner[form.casefold()].add(row["name"])
    return owner


def test_targets_named_once_with_unambiguous_forms(targets: list[Row]) -> None:
    assert not duplicates([r["name"] for r in targets])
    clashes = {f: sorted(n) for f, n in claims(targets, ("aliases",)).items() if len(n) > 1}
    assert not clashes
    assert len(targets) >= 150


def test_target_genes_look_like_hgnc_symbols(targets: list[Row]) -> None:
    symbol = re.compile(r"[A-Z][A-Z0-9-]*")
    bad = {r["name"]: g for r in targets for g in items(r, "genes") if not symbol.fullmatch(g)}
    assert not bad


def test_assets_named_once_with_unambiguous_forms(assets: list[Row]) -> None:
    names = [r["name"] for r in assets]
    assert all(names) and not duplicates(names)
    clashes = {f: sorted(n) for f, n in claims(assets, ("codes", "brands", "synonyms")).items() if len(n) > 1}
    assert not clashes
    assert len(assets) >= 300


def test_asset_references_resolve(assets: list[Row], companies: list[Row], targets: list[Row]) -> None:
    company_names = {r["name"] for r in companies}
    target_names = {r["name"] for r in targets}
    for row in assets:
        assert not row["originator"] or row["originator"] in company_names, f"{row['name']}: {row['originator']!r}"
        unknown = [t for t in items(row, "targets") if t not in target_names]
        assert not unknown, f"{row['name']}: targets not in targets.tsv: {unknown}"
        assert not row["modality"] or row["modality"] in MODALITIES, f"{row['name']}: modality {row['modality']!r}"


def test_asset_forms_do_not_name_companies(assets: list[Row], companies: list[Row]) -> None:
    company_forms = set(claims(companies, ("aliases", "tickers")))
    shared = sorted(f for f in claims(assets, ("codes", "brands", "synonyms")) if f in company_forms)
    assert not shared


def test_inn_names_are_lower_case(assets: list[Row]) -> None:
    """A canonical name that is neither a brand nor a code must be written in lower case."""
    for row in assets:
        name = row["name"]
        if name in items(row, "brands") or name in items(row, "codes") or any(ch.isdigit() for ch in name):
            continue
        assert name == name.lower() or name.startswith(("CagriSema", "IcoSema")), name


@pytest.mark.parametrize(
    ("form", "name"),
    [("AMG 510", "sotorasib"), ("Krazati", "adagrasib"), ("KHK4083", "rocatinlimab"), ("SAR445229", "amlitelimab"),
     ("GBR 830", "telazorlimab"), ("AK112", "ivonescimab"), ("BNT327", "pumitamig"), ("KarXT", "Cobenfy"),
     ("NTLA-2002", "lonvoguran ziclumeran"), ("Zepbound", "tirzepatide"), ("IBI351", "fulzerasib")],
)
def test_known_asset_forms(assets: list[Row], form: str, name: str) -> None:
    found = [r["name"] for r in assets if form in forms(r, ("codes", "brands", "synonyms"))]
    assert found == [name]


@pytest.fixture(scope="module")
def indications() -> list[Row]:
    return read_table("indications")


@pytest.fixture(scope="module")
def territories() -> list[Row]:
    return read_table("territories")


@pytest.fixture(scope="module")
def agencies() -> list[Row]:
    return read_table("agencies")


# Abbreviations with a common other meaning: every row that uses one must say how to confirm it.
AMBIGUOUS_ABBREVIATIONS = {"AD", "MS", "PD", "CD", "HS", "PN", "UC", "RA", "MM", "ALL", "AS", "BP", "AA", "MG", "DM"}


def test_indications_named_once_with_unambiguous_aliases(indications: list[Row]) -> None:
    assert not duplicates([r["name"] for r in indications])
    clashes = {f: sorted(n) for f, n in claims(indications, ("aliases",)).items() if len(n) > 1}
    assert not clashes
    assert len(indications) >= 200


def test_shared_or_ambiguous_abbreviations_have_context(indications: list[Row]) -> None:
    users: dict[str, list[str]] = defaultdict(list)
    for row in indications:
        for abbreviation in items(row, "abbreviations"):
            users[abbreviation].append(row["name"])
    needing = {a for a, names in users.items() if len(names) > 1} | (AMBIGUOUS_ABBREVIATIONS & set(users))
    assert set(users) >= AMBIGUOUS_ABBREVIATIONS, sorted(AMBIGUOUS_ABBREVIATIONS - set(users))
    without = sorted((a, r["name"]) for r in indications for a in items(r, "abbreviations")
                     if a in needing and not r["context"])
    assert not without


def test_indication_names_are_not_title_case(indications: list[Row]) -> None:
    """Names are plain lower-case words; only proper names and symbols keep capitals ("Crohn's disease")."""
    for row in indications:
        words = [w for w in row["name"].split(" ") if w.isalpha()]
        assert len(words) < 2 or not all(w[0].isupper() for w in words), row["name"]


def test_territory_members_and_agency_territories_resolve(territories: list[Row], agencies: list[Row]) -> None:
    names = {r["name"] for r in territories}
    assert not duplicates([r["name"] for r in territories])
    assert not {f: n for f, n in claims(territories, ("aliases",)).items() if len(n) > 1}
    for row in territories:
        unknown = [m for m in items(row, "members") if m not in names or m == row["name"]]
        assert not unknown, f"{row['name']}: bad members {unknown}"
    assert not duplicates([r["name"] for r in agencies])
    assert not {f: n for f, n in claims(agencies, ("aliases",)).items() if len(n) > 1}
    for row in agencies:
        assert row["territory"] in names, f"{row['name']}: territory {row['territory']!r}"


def test_greater_china_and_7mm_membership(territories: list[Row]) -> None:
    members = {r["name"]: set(items(r, "members")) for r in territories}
    assert members["Greater China"] == {"China", "Hong Kong", "Macau", "Taiwan"}
    assert members["7MM"] == {"US", "Japan", "France", "Germany", "Italy", "Spain", "UK"}
    assert members["EU5"] < members["7MM"]


def test_stopwords_do_not_block_curated_names(companies: list[Row], assets: list[Row]) -> None:
    lines = (CURATED / "stopwords.txt").read_text(encoding="utf-8").split("\n")
    words = [ln for ln in lines if ln and not ln.startswith("#")]
    assert len(words) >= 100
    assert all(w == w.strip() for w in words)
    assert not duplicates([w.casefold() for w in words])
    curated = set(claims(companies, ("aliases", "tickers"))) | set(claims(assets, ("codes", "brands", "synonyms")))
    blocked = sorted(w for w in words if w.casefold() in curated)
    assert not blocked


def test_curated_stems_match_their_examples() -> None:
    lines = [ln for ln in (CURATED / "stems.tsv").read_text(encoding="utf-8").split("\n")
             if ln and not ln.startswith("#")]
    assert lines[0].split("\t") == ["stem", "position", "meaning", "modality"]
    stems = [ln.split("\t") for ln in lines[1:]]
    assert stems and all(len(s) == 4 for s in stems)
    assert not duplicates([s[0] for s in stems])
    for stem, position, meaning, modality in stems:
        assert stem.startswith("-") and position in ("suffix", "infix") and modality in MODALITIES, stem
        examples = re.findall(r"\(([^)]*)\)", meaning)
        assert examples, f"{stem}: meaning names no example INNs"
        names = [n.strip() for n in examples[-1].split(",")]
        assert len(names) >= 2 and all(n.endswith(stem.strip("-")) for n in names), (stem, names)
