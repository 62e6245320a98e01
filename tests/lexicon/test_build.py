"""The lexicon build: filtering and canonicalisation on a tiny synthetic data folder, and sanity
checks on the committed compiled data."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from racecard.errors import InputError
from racecard.lexicon.build import build

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
COMPILED = REPO / "racecard" / "lexicon" / "data"


def _tsv(path: Path, header: list[str] | None, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join("\t".join(r) + "\n" for r in ([header] if header else []) + rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")


def _json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(obj).encode()
    path.write_bytes(gzip.compress(raw) if path.suffix == ".gz" else raw)


def make_data(root: Path) -> Path:
    """A small folder shaped like ../shared/data, with deliberate noise in it."""
    d = root / "data"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["DrugBank ID", "Accession Numbers", "Common name", "CAS", "UNII", "Synonyms", "Standard InChI Key"])
    w.writerow(["DB15569", "", "Sotorasib", "", "U1", "AMG-510 | Sotorasibum | Today", ""])
    w.writerow(["DB00619", "", "Imatinib", "", "U2", "Imatinibum | STI-571", ""])
    w.writerow(["DB09999", "", "Banana", "", "U3", "Musa fruit", ""])
    w.writerow(["DB08888", "", "Amgenol", "", "U4", "Amgen", ""])
    w.writerow(["DB00378", "", "Dydrogesterone", "", "U5", "", ""])
    w.writerow(["DB01024", "", "Mycophenolic acid", "", "U6", "", ""])
    w.writerow(["DB09035", "", "Nivolumab", "", "U7", "", ""])
    p = d / "drugbank-open-vocabulary" / "drugbank_vocabulary.csv.gz"
    p.parent.mkdir(parents=True)
    p.write_bytes(gzip.compress(buf.getvalue().encode()))
    _tsv(d / "chembl-names" / "chembl36_compound_names.tsv.gz", ["identifier", "name"],
         [["CHEMBL1", "SOTORASIB"], ["CHEMBL2", "GARSORASIB"], ["CHEMBL3", "MELIASENIN I"], ["CHEMBL4", "SB-203580"],
          ["CHEMBL103", "DYDROGESTERONE"]])
    _tsv(d / "chembl-names" / "chembl36_targets.tsv.gz",
         ["target_chembl_id", "name", "target_type", "uniprot", "taxon", "synonyms"],
         [["CHEMBL9", "Catalase", "single-protein", "P04040", "NCBITaxon:9606", ""],
          ["CHEMBL8", "ZZ-type 3", "single-protein", "Q8IYH5", "NCBITaxon:9606", ""]])
    ncit = d / "pharmoncox-ncit"
    _tsv(ncit / "ncit_oncology_drug_synonyms_2022.tsv.gz", ["alias", "nci_concept_display_name", "molecule_chembl_id"],
         [["AMG 510", "Sotorasib", "CHEMBL1"], ["amg 510", "Sotorasib", "CHEMBL1"], ["Focus", "Sotorasib", "CHEMBL1"],
          ["Gleevec", "Imatinib Mesylate", ""], ["D-1553", "KRAS G12C Inhibitor D-1553", ""],
          # a bad upstream join: NCIt "Mycophenolic Acid" with the ChEMBL id of another drug
          ["Mycophenolic Acid", "Mycophenolic Acid", "CHEMBL103"], ["MPA-1234", "Mycophenolic Acid", "CHEMBL103"],
          ["Immunotherapy", "Immunotherapy", ""], ["IMT-9000", "Immunotherapy", ""]])
    cols = ["drug_name", "nci_concept_display_name", "nci_t", "molecule_chembl_id", "drug_type", "drug_action_type",
            "target_symbol", "target_uniprot_id", "drug_max_phase_indication", "drug_max_ct_phase",
            "drug_year_first_approval", "nci_concept_synonym_all", "fda_epc_category", "monoclonal_antibody",
            "kinase_inhibitor", "immune_checkpoint_inhibitor", "nci_concept_definition"]
    row = dict.fromkeys(cols, "")
    row.update(drug_name="SOTORASIB", nci_concept_display_name="Sotorasib", nci_t="C1", molecule_chembl_id="CHEMBL1",
               drug_type="Small molecule", target_symbol="KRAS")
    _tsv(ncit / "oncology_drugs_2022.tsv.gz", cols, [[row[c] for c in cols]])
    _tsv(ncit / "oncology_drug_targets_by_gene_2022.tsv.gz",
         ["symbol", "ensembl_gene_id", "genename", "nci_concept_display_name", "molecule_chembl_id"],
         [["KRAS", "E1", "KRAS proto-oncogene", "Sotorasib", "CHEMBL1"], ["PDCD1", "E2", "pd1", "X", ""],
          ["BTD", "E3", "biotinidase", "Y", ""]])
    dner = d / "dner-fastdatascience"
    _tsv(dner / "dner_drugs.tsv.gz", ["canonical_lc", "name", "drugbank_id", "mesh_id", "mesh_tree", "medline_plus_id",
                                      "nhs_url", "wikipedia_url", "formula", "synonyms"],
         [["sotorasib", "Sotorasib", "DB15569", "", "", "", "", "", "", ""]])
    _tsv(dner / "dner_variants.tsv.gz", ["variant_lc", "canonical_lc", "is_brand"],
         [["lumakras", "sotorasib", ""], ["vital", "sotorasib", ""], ["antifolates", "sotorasib", ""]])
    _tsv(d / "mesh" / "mesh_supplementary.tsv.gz", None,
         [["C1", "KHK4083", "KHK-4083|anti-OX40 antibody KHK4083", "D1"], ["C2", "tiliroside", "", "D2"],
          ["C3", "rocatinlimab", "", "D3"]])
    _tsv(d / "mesh" / "mesh_descriptors.tsv.gz", None,
         [["D002289", "Carcinoma, Non-Small-Cell Lung", "Non-Small Cell Lung Cancer|NSCLC", "C04.1", ""],
          ["D000001", "Calcimycin", "", "D02.1", ""], ["D001835", "Body Weight", "", "C23.888.144|G07.1", ""]])
    hg = ["HGNC ID", "Approved symbol", "Approved name", "Status", "Alias symbols", "NCBI Gene ID(supplied by NCBI)",
          "UniProt ID(supplied by UniProt)", "Mouse genome database ID(supplied by MGI)",
          "Rat genome database ID(supplied by RGD)", "Previous symbols", "Ensembl gene ID", "Locus type", "Enzyme IDs"]
    genes = [["HGNC:1", "KRAS", "KRAS proto-oncogene, GTPase", "Approved", "KRAS1, WAS", "", "P01116", "", "", "", "",
              "", ""],
             ["HGNC:2", "PDCD1", "programmed cell death 1", "Approved", "PD-1, CD279", "", "Q15116", "", "", "", "",
              "", ""],
             ["HGNC:3", "CAT", "catalase", "Approved", "", "", "P04040", "", "", "", "", "", ""],
             ["HGNC:4", "ZZZ3", "zinc finger ZZ-type containing 3", "Approved", "ZZ3X", "", "Q8IYH5", "", "", "", "",
              "", ""],
             ["HGNC:5", "ABCD9", "made-up gene 9", "Approved", "", "", "Q99999", "", "", "", "", "", ""],
             ["HGNC:6", "BTD", "biotinidase", "Approved", "", "", "P43251", "", "", "", "", "", ""]]
    _tsv(d / "hgnc" / "hgnc_entries.tsv.gz", hg, genes)
    (d / "famplex").mkdir()
    (d / "famplex" / "grounding_map.csv").write_text("RAS,FPLX,RAS,,,,\nPD1,HGNC,PDCD1,,,,\n", encoding="utf-8")
    (d / "famplex" / "relations.csv").write_text("HGNC,KRAS,isa,FPLX,RAS\n", encoding="utf-8")
    stems = d / "inn-stems"
    _tsv(stems / "therapeutic_mabs_wikipedia.tsv", ["name", "brand", "type", "source", "target", "approved", "use"],
         [["Nivolumab", "Opdivo", "mab", "human", "PD-1", "Y", "cancer"]])
    _tsv(stems / "mab_infixes.tsv", ["infix", "meaning"], [["-lim-", "immunomodulating"]])
    _tsv(stems / "who_inn_stems_2018.tsv", ["stem", "definition"], [["-mab", "monoclonal antibodies"],
                                                                      ["-tinib", "tyrosine kinase inhibitors"]])
    supplement = ["stem", "kind", "meaning", "example_inns", "confidence", "note"]
    _tsv(stems / "inn_stems_supplement_unverified.tsv", supplement,
         [["-rasib", "suffix", "RAS inhibitors", "sotorasib", "high", ""]])
    obo = ["id", "name", "synonyms", "xrefs", "is_a", "part_of", "alt_ids"]
    _tsv(d / "mondo" / "mondo_terms.tsv.gz", obo,
         [["MONDO:0000001", "disease", "disorder", "", "", "", ""],
          ["MONDO:0005233", "non-small cell lung carcinoma", "non-small cell lung cancer|NSCLC|disease",
           "DOID:3908|MESH:D002289", "MONDO:0000001", "", ""],
          ["MONDO:0007540", "multiple endocrine neoplasia type 1", "men 1|Still disease|Wermer syndrome|papa",
           "", "MONDO:0000001", "", ""]])
    _tsv(d / "disease-ontology" / "doid_terms.tsv.gz", obo,
         [["DOID:3908", "lung non-small cell carcinoma", "", "MESH:D002289", "", "", ""]])
    _tsv(d / "efo" / "efo_terms.tsv.gz", obo, [["EFO:0000408", "disease", "", "", "", "", ""]])
    mner = d / "mner-fastdatascience"
    _tsv(mner / "mner_diseases.tsv.gz", ["canonical_lc", "mesh_id", "mesh_tree", "name"],
         [["carcinoma, non-small-cell lung", "D018288", "C04.1", "Carcinoma, Non-Small-Cell Lung"]])
    _tsv(mner / "mner_disease_variants.tsv.gz", ["variant_lc", "canonical_lc"],
         [["non-small cell lung cancers", "carcinoma, non-small-cell lung"],
          ["avoidance of healthcare", "carcinoma, non-small-cell lung"]])
    sec = d / "sec-company-tickers"
    _json(sec / "company_tickers.json.gz", {
        "0": {"cik_str": 318154, "ticker": "ACMX", "title": "ACME THERAPEUTICS INC"},
        "1": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
        "2": {"cik_str": 1745999, "ticker": "BEAM", "title": "Beam Therapeutics Inc."}})
    _json(sec / "company_tickers_exchange.json.gz", {"fields": ["cik", "name", "ticker", "exchange"], "data": []})
    _json(d / "index-constituents-pharma" / "pytickersymbols_pharma_biotech.json", [
        {"name": "Amgen", "symbol": "AMGN", "industries": ["Biotechnology"], "symbols": [], "isins": []},
        {"name": "Apple Inc.", "symbol": "AAPL", "industries": ["Technology"], "symbols": [], "isins": []},
        {"name": "Kyowa Kirin Co., Ltd.", "symbol": "4151.T", "industries": ["Pharmaceuticals"],
         "symbols": [{"yahoo": "4151.T"}], "isins": []}])
    _json(d / "company-legal-suffixes" / "cleanco_legal_terms.json",
          {"terms_by_type": {"Corporation": ["inc", "inc.", "co."], "Limited": ["ltd", "ltd."]},
           "terms_by_country": {}})
    return d


def make_curated(root: Path, assets: bool = True) -> Path:
    cur = root / "curated"
    cur.mkdir(parents=True, exist_ok=True)
    if assets:
        _tsv(cur / "assets.tsv", ["name", "codes", "brands", "synonyms", "originator", "targets", "modality", "class",
                                  "note"],
             [["rocatinlimab", "KHK4083|AMG 451", "", "", "Kyowa Kirin", "OX40", "antibody", "anti-OX40 antibody", ""]])
        _tsv(cur / "companies.tsv", ["name", "aliases", "tickers", "country", "parent", "renamed_to", "renamed_on",
                                     "note"],
             [["Day One", "Day One Biopharmaceuticals|Day One Biopharmaceuticals, Inc.", "DAWN", "US", "", "", "",
               "ambiguous: English phrase"]])
        _tsv(cur / "indications.tsv", ["name", "aliases", "abbreviations", "context", "note"],
             [["non-small cell lung cancer", "", "NSCLC", "", ""]])
    (cur / "stopwords.txt").write_text("# never a drug\nsotorasibum-x\ngleevec\n", encoding="utf-8")
    _tsv(cur / "stems.tsv", ["stem", "position", "meaning", "modality"],
         [["-menib", "suffix", "menin inhibitors", "small molecule"], ["-tinib", "suffix", "kinase inhibitors", "x"]])
    return cur


def read_terms(out: Path) -> list[dict[str, str]]:
    with gzip.open(out / "terms.tsv.gz", "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def by_text(rows: list[dict[str, str]]) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in rows:
        out[r["text"].casefold()].append((r["kind"], r["name"], r["status"]))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("lex")
    data, cur = make_data(root), make_curated(root)
    out = root / "out"
    build(data, out, cur)
    return data, cur, out


def test_drug_forms_filtered_and_canonicalised(built: tuple[Path, Path, Path]) -> None:
    terms = by_text(read_terms(built[2]))
    assert terms["sotorasib"] == [("drug", "sotorasib", "name")]
    assert terms["lumakras"] == [("drug", "sotorasib", "brand")]  # a brand maps to its INN
    # a research code is kept, in one spelling (the matcher makes the spacing/hyphen variants)
    spellings = [t for t in terms if t.replace(" ", "").replace("-", "") == "amg510"]
    assert len(spellings) == 1 and terms[spellings[0]] == [("drug", "sotorasib", "code")]
    assert "today" not in terms and "focus" not in terms and "vital" not in terms  # common English
    assert "antifolates" not in terms  # a class word, not a brand
    assert "sotorasibum" not in terms  # a Latin spelling of the INN
    assert terms["imatinib"] == [("drug", "imatinib", "name")]  # "Imatinib Mesylate" is imatinib
    assert "gleevec" not in terms  # curated stopword
    assert "banana" not in terms and "musa fruit" not in terms  # a record named by a common word
    assert ("drug", "amgenol", "synonym") not in terms.get("amgen", [])  # a company name is not a drug
    assert terms["garsorasib"] == [("drug", "garsorasib", "name")]  # ChEMBL name with an INN stem
    assert "meliasenin i" not in terms  # ChEMBL natural product: no stem, no other source
    assert terms["d-1553"] == [("drug", "D-1553", "code")]  # descriptive NCIt name reduced to its code


def test_bad_upstream_links_and_non_drugs(built: tuple[Path, Path, Path]) -> None:
    terms = by_text(read_terms(built[2]))
    assert terms["dydrogesterone"] == [("drug", "dydrogesterone", "name")]
    assert terms["mycophenolic acid"] == [("drug", "mycophenolic acid", "name")]  # not merged via ChEMBL
    assert terms["mpa-1234"] == [("drug", "mycophenolic acid", "code")]
    assert "immunotherapy" not in terms and "imt-9000" not in terms  # a therapy, not a drug
    assert "btd" not in terms  # a gene symbol that is a news acronym (breakthrough therapy designation)
    assert "body weight" not in terms  # a MeSH finding no ontology calls a disease


def test_curated_asset_absorbs_open_records(built: tuple[Path, Path, Path]) -> None:
    terms = by_text(read_terms(built[2]))
    assert terms["khk4083"] == [("drug", "rocatinlimab", "code")]
    assert terms["rocatinlimab"][0][:2] == ("drug", "rocatinlimab")
    with gzip.open(built[2] / "entities.jsonl.gz", "rt", encoding="utf-8") as fh:
        ents = {(o["kind"], o["name"]): o["attrs"] for o in map(json.loads, fh)}
    assert ents[("drug", "rocatinlimab")]["class"] == "anti-OX40 antibody"
    assert ents[("drug", "sotorasib")]["targets"] == ["KRAS"]
    assert ents[("drug", "sotorasib")]["brands"] == ["Lumakras"]
    assert ents[("drug", "sotorasib")]["modality"] == "small molecule"  # NCIt drug type
    assert ents[("drug", "garsorasib")]["modality"] == "small molecule"  # from the -rasib stem
    assert "modality" not in ents[("drug", "D-1553")]
    assert ents[("company", "Amgen")]["tickers"] == ["AMGN"]
    assert ents[("drug", "nivolumab")]["targets"] == ["PD-1"]  # mab table target, canonical target name
    assert ents[("drug", "nivolumab")]["modality"] == "antibody"  # -mab stem


def test_targets_only_drug_targets_and_no_word_aliases(built: tuple[Path, Path, Path]) -> None:
    rows = read_terms(built[2])
    terms = by_text(rows)
    assert ("target", "KRAS", "name") in terms["kras"]
    assert "was" not in terms  # HGNC alias that is an English word
    assert "abcd9" not in terms  # a gene no drug source names as a target
    assert terms["zzz3"] == [("target", "ZZZ3", "name")]  # ChEMBL-only target: approved symbol only
    assert "zz3x" not in terms
    assert "cat" not in terms  # ... unless the symbol is an English word
    assert {t[1] for t in terms["pd-1"]} == {"PD-1"} and {t[1] for t in terms["pd1"]} == {"PD-1"}
    assert all(r["cased"] == "1" for r in rows if r["kind"] == "target" and r["text"] in ("KRAS", "PD-1", "ZZZ3"))


def test_indications_and_companies(built: tuple[Path, Path, Path]) -> None:
    terms = by_text(read_terms(built[2]))
    assert "disease" not in terms and "disorder" not in terms
    assert terms["nsclc"] == [("indication", "non-small cell lung cancer", "abbreviation")]  # from curated only
    assert terms["non-small cell lung carcinoma"][0][:2] == ("indication", "non-small cell lung cancer")
    assert "avoidance of healthcare" not in terms  # a loose mner variant
    assert terms["wermer syndrome"] == [("indication", "multiple endocrine neoplasia type 1", "synonym")]
    for prose in ("men 1", "still disease", "papa"):  # synonyms that read as ordinary words
        assert prose not in terms, prose
    assert terms["amgen"] == [("company", "Amgen", "name")]
    assert terms["amgn"] == [("company", "Amgen", "ticker")]
    assert "apple" not in terms and "aapl" not in terms  # not pharma
    assert terms["acme therapeutics"] == [("company", "Acme Therapeutics", "name")]
    assert terms["acmx"] == [("company", "Acme Therapeutics", "ticker")]
    assert "beam" not in terms  # a ticker that is an English word
    assert terms["kyowa kirin"] == [("company", "Kyowa Kirin", "name")]  # legal suffix stripped
    cased = {r["text"]: r["cased"] for r in read_terms(built[2]) if r["name"] == "Day One"}
    assert cased == {"Day One": "1", "Day One Biopharmaceuticals": "0", "Day One Biopharmaceuticals, Inc.": "0",
                     "DAWN": "1"}  # "ambiguous:" note: short forms match with exact case
    assert ("company", "Kyowa Kirin", "ticker") in terms["4151.t"]


def test_stems_from_who_supplement_and_curated(built: tuple[Path, Path, Path]) -> None:
    with open(built[2] / "stems.tsv", encoding="utf-8") as fh:
        stems = {(r["stem"], r["position"]): r for r in csv.DictReader(fh, delimiter="\t")}
    assert stems[("-mab", "suffix")]["modality"] == "antibody"
    assert stems[("-lim-", "infix")]["modality"] == "antibody"
    assert stems[("-rasib", "suffix")]["meaning"] == "RAS inhibitors"
    assert stems[("-menib", "suffix")]["modality"] == "small molecule"  # curated supplement
    assert stems[("-tinib", "suffix")]["meaning"] == "kinase inhibitors"  # curated overrides WHO


def test_rebuild_gives_identical_bytes(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, cur, out = built
    build(data, tmp_path / "again", cur)
    for name in ("terms.tsv.gz", "entities.jsonl.gz", "stems.tsv"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_missing_curated_tables_are_tolerated(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    cur = make_curated(tmp_path, assets=False)
    build(built[0], tmp_path / "out", cur)
    terms = by_text(read_terms(tmp_path / "out"))
    assert "nsclc" not in terms  # no curated abbreviations without the table
    assert terms["khk4083"] == [("drug", "KHK4083", "code")]


def test_curated_table_with_wrong_columns_is_an_input_error(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    cur = tmp_path / "curated"
    _tsv(cur / "targets.tsv", ["name", "synonyms"], [["OX40", "CD134"]])
    with pytest.raises(InputError, match=r"targets\.tsv.*aliases"):
        build(built[0], tmp_path / "out", cur)


# ---------------------------------------------------------------------------------------------
# The committed compiled data


@pytest.fixture(scope="module")
def compiled() -> list[dict[str, str]]:
    if not SHARED.exists():
        pytest.skip("../shared/data is absent: the committed lexicon is checked only next to its sources")
    return read_terms(COMPILED)


def _code_owners(terms: dict[str, list[tuple[str, str, str]]], code: str) -> set[str]:
    """Drug names owning any spelling of a code ("AMG 510", "AMG-510", "AMG510")."""
    norm = code.casefold().replace(" ", "").replace("-", "")
    return {t[1] for k, v in terms.items() if k.replace(" ", "").replace("-", "") == norm for t in v
            if t[0] == "drug"}


def test_committed_drugs(compiled: list[dict[str, str]]) -> None:
    terms = by_text(compiled)
    for text in ("sotorasib", "lumakras"):
        assert {t[1] for t in terms[text] if t[0] == "drug"} == {"sotorasib"}, text
    assert _code_owners(terms, "AMG 510") == {"sotorasib"}
    assert _code_owners(terms, "MRTX849") == {"adagrasib"}
    for text in ("today", "focus", "vital", "water", "banana"):
        assert not [t for t in terms.get(text, []) if t[0] == "drug"], text


def test_committed_rules_hold(compiled: list[dict[str, str]]) -> None:
    short = [r["text"] for r in compiled if r["source"] != "curated" and len(r["text"]) < 3]
    assert not short
    open_abbrevs = [r for r in compiled if r["kind"] == "indication" and r["status"] == "abbreviation"
                    and r["source"] != "curated"]
    assert not open_abbrevs
    claims: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in compiled:
        if r["source"] != "curated":
            claims[r["text"].casefold()].add((r["kind"], r["name"]))
    assert not {k: v for k, v in claims.items() if len(v) > 1}
    assert len(compiled) < 400_000


def test_committed_names_carry_no_source_suffix(compiled: list[dict[str, str]]) -> None:
    """Namesakes kept apart by their sources' ids are one entity: "irinotecan", never "irinotecan [chembl:…]"."""
    suffixed = {r["name"] for r in compiled if re.search(r" \[(?:chembl|drugbank|ncit|mesh|doid|mondo):", r["name"])}
    assert not suffixed, sorted(suffixed)[:10]
    terms = by_text(compiled)
    assert {t[1] for t in terms["irinotecan"] if t[0] == "drug"} == {"irinotecan"}
    assert {t[1] for t in terms["camptosar"] if t[0] == "drug"} == {"irinotecan"}


def test_namesakes_become_one_entity() -> None:
    from racecard.lexicon.build import _dedupe_names
    from racecard.lexicon.sources_common import Concept, Form
    from racecard.lexicon.sources_merge import Entity

    base = Entity("drug", "irinotecan", [Concept("drug", "irinotecan", "chembl", ids={"chembl:CHEMBL481"})],
                  {"irinotecan": Form("irinotecan", "name", "chembl", False)})
    brand = Entity("drug", "irinotecan", [Concept("drug", "irinotecan", "dner", ids={"drugbank:DB05482"})],
                   {"camptosar": Form("Camptosar", "brand", "dner", False),
                    "cpt 11": Form("CPT 11", "code", "dner", True)})
    other = Entity("indication", "irinotecan", [], {"x": Form("x", "name", "doid", False)})
    entities = [brand, base, other]
    _dedupe_names(entities)
    assert [e.kind for e in entities] == ["drug", "indication"]
    (drug,) = [e for e in entities if e.kind == "drug"]
    assert drug.name == "irinotecan" and set(drug.forms) == {"irinotecan", "camptosar", "cpt 11"}
    assert {i for c in drug.members for i in c.ids} == {"chembl:CHEMBL481", "drugbank:DB05482"}
