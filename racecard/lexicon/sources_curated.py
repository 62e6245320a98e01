"""The hand-edited tables in ``curated/`` (FORMAT.md) and the INN stem lists.

Every curated table is optional: a table that does not exist yet contributes nothing. A table
that exists must have the columns FORMAT.md names, or the build stops with an InputError.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from racecard.errors import InputError
from racecard.lexicon.sources_common import (
    Concept,
    clean_text,
    is_code,
    looks_abbreviation,
    n_words,
    read_tsv,
    require,
    split_list,
    zipf,
)
from racecard.lexicon.sources_targets import is_cased, variants

COLUMNS = {
    "companies": ["name", "aliases", "tickers", "country", "parent", "renamed_to", "renamed_on", "note"],
    "assets": ["name", "codes", "brands", "synonyms", "originator", "targets", "modality", "class", "note"],
    "targets": ["name", "aliases", "genes", "note"],
    "indications": ["name", "aliases", "abbreviations", "context", "note"],
    "agencies": ["name", "aliases", "territory"],
    "territories": ["name", "aliases", "members"],
}
KINDS = {"companies": "company", "assets": "drug", "targets": "target", "indications": "indication",
         "agencies": "agency", "territories": "territory"}


def _rows(path: Path, table: str) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    needed = COLUMNS[table]
    first = True
    for row in read_tsv(path):
        if first:
            missing = [c for c in needed if c not in row and c != "note"]
            if missing:
                raise InputError(f"curated table lacks column(s) {', '.join(missing)}; "
                                 f"expected {' '.join(needed)} (FORMAT.md)", source=str(path))
            first = False
        if row.get("name", "").strip():
            yield {k: (v or "").strip() for k, v in row.items() if k}


def _alias_cased(text: str, kind: str) -> bool:
    if kind == "target":
        return is_cased(text)
    if is_code(text) or looks_abbreviation(text) or len(text) <= 4:
        return True
    return kind in ("company", "drug") and n_words(text) == 1 and zipf(text) > 3.0


def read_curated(curated: Path) -> Iterator[Concept]:
    """Curated concepts of every kind; their forms have source ``curated``."""
    for table, kind in KINDS.items():
        for row in _rows(curated / f"{table}.tsv", table):
            name = clean_text(row["name"])
            c = Concept(kind, name, "curated", quality=0)
            c.attrs["curated"] = True
            # curated/README.md: a note with "ambiguous:" marks a name or alias that is also a
            # common word or phrase ("Day One", "Beam"): its one- and two-word forms match cased
            ambiguous = "ambiguous:" in row.get("note", "")
            c.add(name, "curated", cased=(ambiguous and n_words(name) <= 2) or (
                _alias_cased(name, kind) if kind != "indication" else False))
            for a in split_list(row.get("aliases", "")) + split_list(row.get("synonyms", "")):
                forms = variants(a) if kind == "target" else [a]
                for v in forms:
                    c.add(v, "curated", cased=(ambiguous and n_words(v) <= 2) or _alias_cased(v, kind))
            if kind == "target":
                for v in variants(name)[1:]:
                    c.add(v, "curated", cased=is_cased(v))
            for code in split_list(row.get("codes", "")):
                c.add(code, "code", cased=True)
            for brand in split_list(row.get("brands", "")):
                c.add(brand, "brand")
            for t in split_list(row.get("tickers", "")):
                c.add(t, "ticker", cased=True)
                c.ids.add("ticker:" + t)
            for ab in split_list(row.get("abbreviations", "")):
                c.add(ab, "abbreviation", cased=True)
            _curated_attrs(c, row, table)
            yield c


def _curated_attrs(c: Concept, row: dict[str, str], table: str) -> None:
    a = c.attrs
    if table == "companies":
        for k in ("country", "parent", "renamed_to", "renamed_on", "note"):
            if row.get(k):
                a[k] = row[k]
        if row.get("tickers"):
            a["tickers"] = split_list(row["tickers"])
    elif table == "assets":
        for k in ("originator", "modality", "class"):
            if row.get(k):
                a[k] = row[k]
        for k in ("targets", "codes", "brands"):
            if row.get(k):
                a[k] = split_list(row[k])
    elif table == "targets":
        if row.get("genes"):
            a["genes"] = split_list(row["genes"])
            c.ids.update("hgnc:" + g for g in a["genes"])
    elif table == "indications":
        if row.get("abbreviations"):
            a["abbreviations"] = split_list(row["abbreviations"])
        if row.get("context"):
            a["context"] = split_list(row["context"])
    elif table == "agencies":
        if row.get("territory"):
            a["territory"] = row["territory"]
    elif table == "territories" and row.get("members"):
        a["members"] = split_list(row["members"])


def read_stopwords(curated: Path) -> set[str]:
    """Casefolded forms never to match as a drug or company; empty when the file is absent."""
    path = curated / "stopwords.txt"
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        return {ln.strip().casefold() for ln in fh if ln.strip() and not ln.startswith("#")}


# ---------------------------------------------------------------------------------------------
# INN stems

_MODALITY = {
    "-mab": "antibody", "-tug": "antibody", "-bart": "antibody", "-ment": "antibody",
    "-mig": "bispecific antibody", "-cept": "protein", "-fusp": "protein", "-ase": "protein",
    "-siran": "siRNA", "-rsen": "antisense", "-virsen": "antisense", "-gene": "gene therapy",
    "-vec": "gene therapy", "-cel": "cell therapy", "-leucel": "cell therapy",
    "-cabtagene": "cell therapy", "-tide": "peptide", "-glutide": "peptide", "-relin": "peptide",
    "-relix": "small molecule", "-tinib": "small molecule", "-ciclib": "small molecule",
    "-rasib": "small molecule", "-parib": "small molecule", "-lisib": "small molecule",
    "-rafenib": "small molecule", "-metinib": "small molecule", "-zomib": "small molecule",
    "-glipron": "small molecule", "-gliflozin": "small molecule", "-gliptin": "small molecule",
    "-platin": "small molecule", "-degib": "small molecule", "-dostat": "small molecule",
    "-ertinib": "small molecule", "-brutinib": "small molecule", "-citinib": "small molecule",
    "-anib": "small molecule", "-sertib": "small molecule",
    "-poetin": "protein", "-grastim": "protein", "-kin": "protein", "-kinra": "protein",
    "-ermin": "protein", "-cog": "protein", "-plase": "protein", "-teplase": "protein",
}
_ADC_WORDS = frozenset({"vedotin", "mafodotin", "deruxtecan", "govitecan", "emtansine", "ravtansine",
                        "soravtansine", "tesirine", "ozogamicin"})


def read_stems(data: Path, curated: Path) -> list[tuple[str, str, str, str]]:
    """Rows (stem, position, meaning, modality), sorted and unique by (stem, position)."""
    folder = data / "inn-stems"
    out: dict[tuple[str, str], tuple[str, str]] = {}

    def put(stem: str, meaning: str, position: str | None = None, modality: str = "",
            override: bool = False) -> None:
        stem = stem.strip()
        if not stem or (stem.endswith("-") and not stem.startswith("-")):
            return  # prefixes ("cef-") are not in the format
        pos = position or ("infix" if stem.startswith("-") and stem.endswith("-") else "suffix")
        bare = stem.strip("-")
        modality = modality or _MODALITY.get(stem, "ADC" if bare in _ADC_WORDS else "")
        if not modality and stem in mab_infixes:
            modality = "antibody"
        if not stem.startswith("-") and bare in _ADC_WORDS | {"pegol"}:
            stem = bare
        if override or (stem, pos) not in out:
            out[(stem, pos)] = (clean_text(meaning), modality)

    mab_infixes: set[str] = set()
    for row in read_tsv(require(folder / "mab_infixes.tsv")):
        mab_infixes.add(row["infix"].strip())
    for row in read_tsv(require(folder / "who_inn_stems_2018.tsv")):
        put(row["stem"], row["definition"].strip('"'))
    for row in read_tsv(require(folder / "inn_stems_supplement_unverified.tsv")):
        for stem in split_list(row["stem"]):
            pos = "infix" if row["kind"] == "infix" else "suffix"
            put(stem if stem.startswith("-") or row["kind"] == "second word" else "-" + stem,
                row["meaning"], pos)
    for row in read_tsv(require(folder / "mab_infixes.tsv")):
        stem = row["infix"].strip()
        put(stem, row["meaning"], "infix" if stem.endswith("-") else "suffix")
    extra = curated / "stems.tsv"
    if extra.exists():
        for row in read_tsv(extra):
            put(row.get("stem", ""), row.get("meaning", ""), row.get("position") or None,
                (row.get("modality") or "").strip(), override=True)  # curated wins
    return sorted((s, p, m, mod) for (s, p), (m, mod) in out.items())
