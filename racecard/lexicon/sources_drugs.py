"""Drug concepts from DrugBank open vocabulary, ChEMBL, NCIt (pharmOncoX), fastdatascience
dner and MeSH supplementary records.

Every reader yields one :class:`Concept` per source record with all its forms; filtering of
noisy forms happens in :func:`drug_form_ok`, shared by all readers so that it can be measured.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

from racecard.lexicon.sources_common import (
    Concept,
    has_bad_chars,
    is_code,
    is_numeric,
    looks_abbreviation,
    n_words,
    read_csv,
    read_tsv,
    require,
    split_list,
    zipf,
)

#: Salt, ester and hydrate words: "imatinib mesylate" is imatinib.
SALT_WORDS = frozenset(
    """hydrochloride dihydrochloride trihydrochloride hydrobromide hcl hbr mesylate mesilate dimesylate
    maleate tartrate bitartrate citrate sulfate sulphate bisulfate phosphate diphosphate acetate succinate
    fumarate hemifumarate besylate besilate tosylate tosilate sodium disodium potassium dipotassium calcium
    magnesium hydrate monohydrate dihydrate trihydrate hemihydrate sesquihydrate anhydrous nitrate lactate
    malate gluconate tromethamine meglumine dimeglumine hyclate propionate dipropionate valerate butyrate
    benzoate palmitate pamoate stearate decanoate enanthate cypionate edisylate napsylate xinafoate camsylate
    esylate oxalate bromide chloride iodide trifluoroacetate salt base free hemisulfate
    hemitartrate lysinate arginine olamine diethylamine ditosylate monohydrobromide dicaprate dimaleate
    monohydrochloride hydrogen tetrahydrate pentahydrate hexahydrate heptahydrate""".split()
)
#: Words that make a name a description rather than a name ("KRAS G12C Inhibitor D-1553").
DESCRIPTIVE = frozenset(
    """inhibitor inhibitors antibody antibodies agonist antagonist vaccine conjugate monoclonal bispecific
    modulator degrader compound agent analog analogue derivative protein peptide ligand blocker activator
    antagonists agonists oral formulation liposomal liposome extract cells cell product therapy
    radiolabeled radioconjugate immunotoxin fusion recombinant human humanized fully anti agents drugs
    autologous allogeneic regimen t-cells micelles nanoparticles nanoparticle cream tablet tablets
    injection solution gel ointment capsule capsules patch spray topical vaccines blockers products
    preparation preparations supplement supplements""".split()
)
_CHEM = re.compile(
    r"(methyl|ethyl|propyl|butyl|phenyl|benz|chloro|fluoro|bromo|iodo|hydroxy|amino|carboxy|oxo-|"
    r"guanid|sulfon|phosph|acetyl|salicyl|pyrid|pyrimid|piperaz|quinol|indol|imidaz|thiaz|oxaz|azepin|"
    r"purin|steroid|androst|pregn|estra|cholest|glyc|ribo|nucleo|amide\b|amine\b|ic acid|ous acid)",
    re.IGNORECASE,
)
_STEREO = re.compile(
    r"(^|[\s(])(?:\d+[a-z]?(?:,\d+[a-z]?)*-|[RSEZDL]-[a-z]|N-|N,N|cis-|trans-|alpha-|beta-|\(\+\)|\(-\))"
)
_LANG_ENDINGS = ("um", "o", "a", "e")
#: Catalogue and database numbers that sources list as synonyms: vendor ids (AKOS, HY-, NCGC...),
#: KEGG (D00586), Wikidata (Q27236788), DrugBank (DB04839), NSC numbers and molecular formulas.
_CATALOGUE = re.compile(
    r"^(?:AKOS|NCGC|BDBM|SMR|MLS|HMS|EX-A|ZINC|SCHEMBL|CHEMBL|MFCD|AC1|BSPBIO|KBIO|SPBIO|SPECTRUM|DTXSID|"
    r"DTXCID|EINECS|HSDB|GTPL|BCPP|MCULE|MOLPORT|NSC|SDCCG|UNII|BIDD|CTK|LMST|MEGXP|DSSTOX|CCRIS|CHEBI|ALBB|"
    r"AMOT|ARONIS|GLXC|MAYBRIDGE|CID|PRESTWICK|OPREA|IDI1|KUC|SBI)[- ]?\d"
    r"|^CS-W\d|^HY-\d{5,}|^FT-\d{6,}|^CCG-\d{5,}|^[CDGJMQ]\d{5,}$|^DB\d{5}$|^C\d+H\d+|^[A-Za-z]+[- ]?000\d"
)
_CLASS_PLURAL = re.compile(r"(ates|ides|ines|ants|ics|ors|oids|ins|ives|ers|ents|ols|ones)$")


def drug_form_ok(text: str, status: str, *, medicine: bool = False, corroborated: bool = False) -> bool:
    """Whether a drug surface form is precise enough to match in news text.

    Drops 1-3 character forms, plain numbers, long or punctuated systematic names, stereo and
    locant descriptors, markup, non-ASCII spellings, chemical-morpheme synonyms and common English
    words (a stricter frequency bar for synonyms and brands than for INN names).
    """
    if len(text) < 4 or is_numeric(text) or has_bad_chars(text):
        return False
    if not text.isascii():
        return False
    if any(c in text for c in "(),:/") or " - " in text or n_words(text) > 4:
        return False
    if _STEREO.search(text):
        return False
    code = is_code(text)
    if code and _CATALOGUE.match(text.upper() if text.isupper() else text):
        return False
    if n_words(text) > 1 and text.split()[-1].casefold() in SALT_WORDS:
        return False  # "imatinib mesylate": the salt of a drug named on its own
    if not code and (text[0].isdigit() or (n_words(text) > 1 and any(is_code(w) for w in text.split()))):
        return False  # "14c asp8273", "probody bms-986288", "0.4 ch3oh"
    if not code and ("." in text or (n_words(text) > 1 and text.split()[-1].isdigit())):
        return False  # "Procarbazine.HCl", "Aluline 100": a salt or a strength
    if not code and status != "name" and n_words(text) > 1 and any(len(w) == 1 for w in text.split()):
        return False  # "wt-1 ricin a", "Rinderon A"
    if not code and status == "synonym" and (len(text) < 6 or looks_abbreviation(text)):
        return False  # "APAP", "CERA", "mIBG", "Azan": abbreviations and short foreign brands
    if not code and any(c.isdigit() for c in text) and (n_words(text) == 1 or len(text) <= 8):
        return False  # "mc-1", "nm-3", "rb 2": short lab names, not codes
    if not code and len(text) <= 6 and ("-" in text or " " in text):
        return False
    if not code and n_words(text) > 1 and any(w.casefold() in DESCRIPTIVE for w in text.split()):
        return False
    if status in ("synonym", "brand") and not code and _CHEM.search(text):
        return False
    return code or not is_common(text, status, medicine=medicine, corroborated=corroborated)


def is_common(text: str, status: str, *, medicine: bool = False, corroborated: bool = False) -> bool:
    """Common English: a frequent word or phrase, or a phrase of only common words ("red bell
    pepper", "carbon dioxide"). The bar is Zipf 3.0 (about once per million words), raised for a
    name that MedlinePlus or the NHS lists as a medicine ("insulin", "aspirin") and for a brand
    or synonym that two sources give ("Viagra"), so that "Palin" or "Roundup" (one source) go."""
    words = text.split()
    if len(words) > 1 and all(zipf(w) > 3.0 or len(w) <= 2 for w in words):
        return True
    if status in ("name", "curated"):
        return zipf(text) > (4.2 if medicine else 3.0)
    return zipf(text) > (3.5 if corroborated else 3.0)


def is_class_or_regimen(name: str) -> bool:
    """Records that are not one drug: a class ("selective estrogen receptor modulators"), a
    regimen or combination ("caf regimen", "a/b/c"), a procedure or a description."""
    words = name.casefold().split()
    if "/" in name or (len(words) > 1 and _CLASS_PLURAL.search(words[-1])):
        return True
    if any(w.endswith(("therapy", "therapies")) for w in words):
        return True  # "immunotherapy", "cancer immunotherapy"
    return len(words) > 1 and not is_code(name) and any(
        w in DESCRIPTIVE or w in ("radiotherapy", "chemoradiotherapy", "surgery", "treatment") for w in words)


def strip_salt(name: str) -> str:
    """Drop trailing salt/ester/hydrate words: "Imatinib Mesylate" → "Imatinib"."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in SALT_WORDS:
        words.pop()
    return " ".join(words)


def canonical_drug_name(name: str) -> str:
    """A source's preferred name as a canonical: INN-like names in lower case, codes as written,
    and descriptive NCIt names ("KRAS G12C Inhibitor D-1553") reduced to their code."""
    name = strip_salt(name.strip())
    words = name.split()
    if len(words) > 1 and any(w.casefold() in DESCRIPTIVE for w in words):
        codes = [w for w in words if is_code(w)]
        if codes:
            return codes[-1]
    if is_code(name):
        return name
    return name.lower()


def _form_status(text: str) -> str:
    return "code" if is_code(text) else "synonym"


def _add_forms(c: Concept, texts: Iterable[str]) -> None:
    for t in texts:
        if is_language_variant(t, c.name):
            continue
        st = _form_status(t)
        if st == "code" and t == t.lower():
            t = t.upper()  # a code only seen lower-cased ("abbv453") is written in capitals
        c.add(t, st, cased=st == "code")


def read_drugbank(data: Path) -> Iterator[Concept]:
    """DrugBank open vocabulary: common name (canonical) and synonyms; ids DrugBank, UNII, CAS."""
    path = require(data / "drugbank-open-vocabulary" / "drugbank_vocabulary.csv.gz")
    for row in read_csv(path):
        common = row["Common name"].strip()
        if not common:
            continue
        name = canonical_drug_name(common)
        c = Concept("drug", name, "drugbank", quality=10)
        c.ids.add("drugbank:" + row["DrugBank ID"])
        if row.get("UNII"):
            c.ids.add("unii:" + row["UNII"])
        c.attrs["ids"] = {"drugbank": row["DrugBank ID"]}
        c.add(name, "name", cased=is_code(name))
        _add_forms(c, split_list(row.get("Synonyms", ""), " | "))
        yield c


#: Second words of two-word INNs: "trastuzumab deruxtecan", "darbepoetin alfa", "certolizumab pegol".
SECOND_WORDS = ("alfa", "beta", "gamma", "pegol", "dotin", "tecan", "tansine", "tesirine", "ozogamicin",
                "leucel", "vec", "sudotox", "pasudotox", "aritox", "tiuxetan", "glutide")


def inn_like(name: str, suffixes: tuple[str, ...]) -> bool:
    """A plain word of 7+ letters ending in an INN stem, alone or with an INN second word
    ("... vedotin", "... alfa"); not "cholesterol reductase" or "lynamicin g"."""
    words = name.casefold().split()
    if not words or not words[0].isalpha() or len(words[0]) < 7 or not words[0].endswith(suffixes):
        return False
    return len(words) == 1 or (len(words) == 2 and words[1].endswith(SECOND_WORDS))


def read_chembl(data: Path, suffixes: tuple[str, ...], known: set[str]) -> Iterator[Concept]:
    """ChEMBL compound preferred names (upper case in the source). ChEMBL names every compound
    published with activity data (natural products, reagents), so a name is taken only when it is
    a research code, ends in an INN stem, or is a drug name another source knows."""
    path = require(data / "chembl-names" / "chembl36_compound_names.tsv.gz")
    for row in read_tsv(path):
        raw = row["name"].strip()
        if not raw:
            continue
        name = canonical_drug_name(raw)
        if not (is_code(name) or inn_like(name, suffixes) or name.casefold() in known):
            continue
        c = Concept("drug", name, "chembl", quality=20)
        c.ids.add("chembl:" + row["identifier"])
        c.attrs["ids"] = {"chembl": row["identifier"]}
        c.add(name, "code" if is_code(name) else "name", cased=is_code(name))
        yield c


#: NCIt concepts with more aliases than this carry vendor catalogue dumps (hydrocortisone: 405).
MANY_ALIASES = 60
_NCIT_TYPES = {
    "small molecule": "small molecule", "antibody": "antibody", "protein": "protein",
    "oligonucleotide": "antisense", "cell": "cell therapy", "gene": "gene therapy",
    "antibody drug conjugate": "ADC", "enzyme": "protein",
}


def read_ncit(data: Path) -> Iterator[Concept]:
    """NCIt drug concepts (pharmOncoX): aliases incl. research codes, ChEMBL links, and for
    targeted anticancer drugs their HGNC targets and drug type."""
    folder = data / "pharmoncox-ncit"
    aliases: dict[str, list[str]] = defaultdict(list)
    chembl: dict[str, str] = {}
    for row in read_tsv(require(folder / "ncit_oncology_drug_synonyms_2022.tsv.gz")):
        disp = row["nci_concept_display_name"].strip()
        if not disp:
            continue
        aliases[disp].append(row["alias"])
        if row.get("molecule_chembl_id"):
            chembl.setdefault(disp, row["molecule_chembl_id"])
    extra: dict[str, dict[str, str]] = {}
    for row in read_tsv(require(folder / "oncology_drugs_2022.tsv.gz")):
        disp = row["nci_concept_display_name"].strip()
        if disp:
            extra[disp] = row
            aliases[disp].extend(split_list(row.get("nci_concept_synonym_all", "")))
    for disp in sorted(aliases):
        name = canonical_drug_name(disp)
        c = Concept("drug", name, "ncit", quality=30)
        c.ids.add("ncit:" + disp)
        ids: dict[str, str] = {}
        if disp in chembl:  # a link, not an identity: some pharmOncoX ChEMBL ids are wrong
            c.links.add("chembl:" + chembl[disp])
            ids["chembl"] = chembl[disp]
        row = extra.get(disp, {})
        if row.get("nci_t"):
            ids["ncit"] = row["nci_t"]
        c.attrs["ids"] = ids
        targets = split_list(row.get("target_symbol", ""))
        if targets:
            c.attrs["targets"] = sorted(set(targets))
        modality = _NCIT_TYPES.get(row.get("drug_type", "").strip().casefold())
        if modality:
            c.attrs["modality"] = modality
        c.add(name, "code" if is_code(name) else "name", cased=is_code(name))
        forms = aliases[disp]
        # the alias column repeats each alias lower-cased: keep the original-case one
        cased_keys = {f.casefold() for f in forms if f != f.lower()}
        forms = [f for f in forms if f != f.lower() or f.casefold() not in cased_keys]
        if len(forms) > MANY_ALIASES and not is_code(name):
            # an old drug with ChEMBL's dump of vendor and registry numbers: its names and brands
            # are kept, its "codes" are catalogue numbers nobody writes in the news
            forms = [f for f in forms if not is_code(f)]
        _add_forms(c, forms)
        yield c


_NON_DRUG_TREES = ("D08", "D12", "D13", "D23", "D05", "D09", "D10", "D27", "D01", "D02", "D03", "D04")


def medicine_names(data: Path) -> set[str]:
    """Casefolded names of the dner drugs that MedlinePlus or the NHS website describe."""
    path = require(data / "dner-fastdatascience" / "dner_drugs.tsv.gz")
    return {r["canonical_lc"].casefold() for r in read_tsv(path) if r.get("medline_plus_id") or r.get("nhs_url")}


def read_dner(data: Path, drugbank_synonyms: set[str]) -> Iterator[Concept]:
    """fastdatascience dner dictionary: the main brand-name source. A variant that DrugBank does
    not list as a synonym and that is one plain word is taken as a brand ("lumakras")."""
    folder = data / "dner-fastdatascience"
    variants: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in read_tsv(require(folder / "dner_variants.tsv.gz")):
        variants[row["canonical_lc"]].append((row["variant_lc"], row.get("is_brand", "")))
    for row in read_tsv(require(folder / "dner_drugs.tsv.gz")):
        canon = row["canonical_lc"]
        trees = split_list(row.get("mesh_tree", ""))
        if not row.get("drugbank_id") and trees and all(t.startswith(_NON_DRUG_TREES) for t in trees):
            continue  # proteins, enzymes, nucleic acids: MeSH headings, not drugs
        raw = re.sub(r"\s*\[.*?\]", "", row["name"] or canon)
        if "," in raw:
            continue  # "acetaminophen, butalbital, and caffeine": a combination product
        name = canonical_drug_name(raw)
        c = Concept("drug", name, "dner", quality=40)
        if row.get("drugbank_id"):
            c.ids.add("drugbank:" + row["drugbank_id"])
        # dner's mesh_id is often a pharmacological-action heading shared by many drugs
        # (insulin and acetohexamide: D007004 Hypoglycemic Agents), so it is not a merge key
        c.add(name, "code" if is_code(name) else "name", cased=is_code(name))
        stem = name.casefold()
        for variant, is_brand in variants.get(canon, []):
            v = variant.strip()
            if not v or v == canon:
                continue
            if is_code(v.upper()) and any(ch.isdigit() for ch in v):
                c.add(v.upper(), "code", cased=True)
                continue
            plain = v.replace("-", "").isalpha() and n_words(v) == 1
            brand = is_brand == "True" or (
                is_brand != "False" and plain and v not in drugbank_synonyms and stem not in v)
            if is_brand != "True" and _CLASS_PLURAL.search(v):
                continue  # "antifolates", "monoterpenoids": a class, not a name of this drug
            if brand:
                c.add(v[:1].upper() + v[1:], "brand")
            elif not is_language_variant(v, stem) and all(len(w) >= 4 for w in v.split()):
                c.add(v, "synonym")  # not "voltaren xr", "uno vit": product lines and fragments
        yield c


def is_language_variant(form: str, name: str) -> bool:
    """"Cetuximabum", "Ceforanido", "Sulfamethizol": the INN with another language's ending
    (same stem, at most three letters differ at the end), or with a hyphenated suffix."""
    f, n = form.casefold(), name.casefold()
    if f == n or n_words(f) != n_words(n):
        return False
    if f.startswith(n) and (f[len(n):] in _LANG_ENDINGS or f[len(n):].startswith("-")):
        return True
    common = 0
    for a, b in zip(f, n, strict=False):
        if a != b:
            break
        common += 1
    if common >= 5 and common >= max(len(f), len(n)) - 3:
        return True
    # "Fosfomicina", "Etambutolo": one word spelled the way another language spells it
    return n_words(f) == 1 and min(len(f), len(n)) >= 6 and SequenceMatcher(None, f, n).ratio() >= 0.8


def read_mesh_drugs(data: Path, suffixes: tuple[str, ...]) -> Iterator[Concept]:
    """MeSH supplementary records that are clearly drugs: the name ends in a WHO INN stem (one
    or two words, e.g. "trastuzumab deruxtecan") or is a research code; a code-named record
    brings its codes only (its other entry terms are chemical names). The other ~290k records
    (research chemicals, proteins, plant extracts) are left out."""
    path = require(data / "mesh" / "mesh_supplementary.tsv.gz")
    for row in read_tsv(path, header=False, columns=["id", "name", "entry_terms", "mapped"]):
        raw = row["name"].strip()
        code_named = is_code(raw)
        if not code_named and not inn_like(raw, suffixes):
            continue
        name = canonical_drug_name(raw)
        c = Concept("drug", name, "mesh", quality=50)
        c.ids.add("mesh:" + row["id"])
        c.attrs["ids"] = {"mesh": row["id"]}
        c.add(name, "code" if code_named else "name", cased=code_named)
        terms = split_list(row["entry_terms"])
        _add_forms(c, [t for t in terms if is_code(t)] if code_named else terms)
        yield c
