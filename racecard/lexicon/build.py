"""Compile the lexicon from the open sources and the curated tables (FORMAT.md).

    python -m racecard.lexicon.build --data ../shared/data [--out racecard/lexicon/data]

Reads every source folder under ``--data``, filters noisy forms (see ``*_form_ok`` in the
``sources_*`` modules), merges records of the same thing, lets the curated tables in
``racecard/lexicon/curated`` win, and writes ``terms.tsv.gz``, ``entities.jsonl.gz`` and
``stems.tsv`` sorted and gzipped with mtime 0, so that rebuilding gives identical bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from racecard.errors import RacecardError
from racecard.lexicon import sources_companies as companies
from racecard.lexicon import sources_diseases as diseases
from racecard.lexicon import sources_drugs as drugs
from racecard.lexicon import sources_targets as targets
from racecard.lexicon.sources_common import (
    NEWS_ACRONYMS,
    Concept,
    Form,
    is_code,
    key,
    read_csv,
    require,
    split_list,
)
from racecard.lexicon.sources_curated import read_curated, read_stems, read_stopwords
from racecard.lexicon.sources_merge import KIND_ORDER, Entity, merge, resolve_conflicts

HERE = Path(__file__).resolve().parent
TERM_COLUMNS = ("kind", "name", "text", "status", "source", "cased")
STEM_COLUMNS = ("stem", "position", "meaning", "modality")


@dataclass(slots=True)
class BuildReport:
    """What a build read, kept and wrote."""

    forms_read: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, source)
    forms_kept: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: Counter[tuple[str, str]] = field(default_factory=Counter)  # written (kind, source)
    entities: Counter[str] = field(default_factory=Counter)
    dropped: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_text(self) -> str:
        lines = [f"built in {self.seconds:.1f} s"]
        lines += [f"  {name}: {size:,} bytes" for name, size in sorted(self.files.items())]
        lines.append("entities: " + ", ".join(f"{k} {n:,}" for k, n in sorted(self.entities.items())))
        lines.append("forms read -> passed filters -> terms written, by kind and source:")
        for ks in sorted(self.forms_read):
            lines.append(f"  {ks[0]:<10} {ks[1]:<9} {self.forms_read[ks]:>8,} -> {self.forms_kept[ks]:>8,}"
                         f" -> {self.rows[ks]:>8,}")
        lines.append("conflicts dropped: " + ", ".join(f"{k} {n:,}" for k, n in sorted(self.dropped.items())))
        return "\n".join(lines)


def _filter(concepts: Iterable[Concept], ok: Callable[[Form], bool], report: BuildReport,
            concept_ok: Callable[[Concept], bool] | None = None) -> list[Concept]:
    out = []
    for c in concepts:
        if concept_ok is not None and c.source != "curated" and not concept_ok(c):
            for f in c.forms:
                report.forms_read[(c.kind, f.source)] += 1
            continue
        kept = []
        for f in c.forms:
            report.forms_read[(c.kind, f.source)] += 1
            if f.source == "curated" or (key(f.text) not in NEWS_ACRONYMS and ok(f)):
                kept.append(f)
                report.forms_kept[(c.kind, f.source)] += 1
        c.forms = kept
        out.append(c)
    return out


def build(data: Path, out: Path, curated: Path | None = None) -> BuildReport:
    """Build the compiled lexicon from ``data`` (the shared data folder) into ``out``."""
    t0 = time.perf_counter()
    curated = curated or HERE / "curated"
    require(data)
    report = BuildReport()
    stop = read_stopwords(curated)
    cur = list(read_curated(curated))
    terms = companies.legal_terms(data)

    company_concepts = [*cur_of(cur, "company"), *companies.read_index(data, terms), *companies.read_sec(data, terms)]
    company_keys = {key(f.text) for c in company_concepts for f in c.forms if f.status != "ticker"}
    genes = targets.read_hgnc(data)
    gene_keys = {key(s) for s in genes}
    gene_keys.update(key(a) for g in genes.values() for a in g.aliases if len(a) <= 5)

    medicines = drugs.medicine_names(data)
    support: dict[str, set[str]] = defaultdict(set)  # brand/synonym key -> sources that give it

    def drug_ok(f: Form) -> bool:
        k = key(f.text)
        return k not in stop and k not in company_keys and k not in gene_keys and drugs.drug_form_ok(
            f.text, f.status, medicine=k in medicines, corroborated=len(support.get(k, ())) >= 2)

    drugbank_syn = {
        s.casefold() for row in read_csv(require(data / "drugbank-open-vocabulary" / "drugbank_vocabulary.csv.gz"))
        for s in split_list(row.get("Synonyms", ""), " | ")
    }
    suffixes = drug_suffixes(read_stems(data, curated))
    open_drugs = [*drugs.read_drugbank(data), *drugs.read_ncit(data), *drugs.read_dner(data, drugbank_syn)]
    known = {c.name.casefold() for c in open_drugs}
    drug_concepts = [
        *cur_of(cur, "drug"), *open_drugs, *drugs.read_chembl(data, suffixes, known),
        *drugs.read_mesh_drugs(data, suffixes),
    ]
    for c in drug_concepts:
        for f in c.forms:
            if f.status in ("brand", "synonym"):
                support[key(f.text)].add(f.source)
    target_concepts = [*cur_of(cur, "target"), *targets.read_targets(data, genes)]
    indication_concepts = [
        *cur_of(cur, "indication"), *diseases.read_mondo(data), *diseases.read_doid(data),
        *diseases.read_efo(data), *diseases.read_mesh_diseases(data), *diseases.read_mner(data),
    ]

    entities: list[Entity] = []
    def drug_concept_ok(c: Concept) -> bool:
        # a record whose own name is a common word ("banana", "water", "Today") is not a drug
        k = key(c.name)
        return not (k in stop or k in company_keys or drugs.is_common(c.name, "name", medicine=k in medicines)
                    or drugs.is_class_or_regimen(c.name))

    entities += merge(_filter(drug_concepts, drug_ok, report, drug_concept_ok), "drug")
    entities += merge(_filter(target_concepts, lambda f: targets.target_form_ok(f.text, f.status), report), "target")
    def indication_concept_ok(c: Concept) -> bool:
        # the ontology roots ("disease", "disorder") name no indication
        return key(c.name) not in diseases.GENERIC or key(c.name) in diseases.GENERIC_NAMES_KEPT

    merged = merge(_filter(indication_concepts, lambda f: diseases.indication_form_ok(f.text, f.status),
                           report, indication_concept_ok), "indication")
    # symptoms and findings from MeSH ("body weight", "signs and symptoms") only when an ontology
    # or the curated table also has them as a disease
    entities += [e for e in merged if not all(c.attrs.get("weak") for c in e.members)]
    entities += merge(_filter(company_concepts, lambda f: key(f.text) not in stop and (
        f.status == "ticker" or len(f.text) >= 3), report), "company")
    for kind in ("agency", "territory"):
        entities += merge(_filter(cur_of(cur, kind), lambda f: True, report), kind)

    report.dropped = resolve_conflicts(entities)
    entities = [e for e in entities if e.forms]
    _dedupe_names(entities)
    stems = read_stems(data, curated)
    _set_attrs(entities, stems, targets.mab_targets(data, genes))

    out.mkdir(parents=True, exist_ok=True)
    rows = sorted(
        (e.kind, e.name, f.text, f.status, f.source, "1" if f.cased else "0")
        for e in entities for f in e.forms.values()
    )
    for r in rows:
        report.rows[(r[0], r[4])] += 1
    report.entities = Counter(e.kind for e in entities)
    _write_gz(out / "terms.tsv.gz", _tsv(TERM_COLUMNS, rows))
    objs = sorted(((e.kind, e.name, _json(e)) for e in entities), key=lambda t: (KIND_ORDER.index(t[0]), t[1]))
    _write_gz(out / "entities.jsonl.gz", "".join(o + "\n" for _, _, o in objs))
    (out / "stems.tsv").write_text(_tsv(STEM_COLUMNS, stems), encoding="utf-8")
    report.files = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    report.seconds = time.perf_counter() - t0
    return report


def drug_suffixes(stems: list[tuple[str, str, str, str]]) -> tuple[str, ...]:
    """INN suffix stems specific enough to mark a word as a drug name: four letters or more
    ("-tinib", "-mycin"), plus the three-letter biologic stems; not "-ine", "-ase", "-one"."""
    short = {"mab", "cel", "vec", "tug", "mig", "vir"}
    bare = {s.lstrip("-") for s, pos, _m, _mod in stems if pos == "suffix" and s.startswith("-")}
    return tuple(sorted(b for b in bare if len(b) >= 4 or b in short))


def cur_of(concepts: list[Concept], kind: str) -> list[Concept]:
    return [c for c in concepts if c.kind == kind]


def _dedupe_names(entities: list[Entity]) -> None:
    """Two entities of one kind may not share a canonical name.

    Namesakes are one substance or disease kept apart by their sources' ids (irinotecan under two
    DrugBank records, a salt and its base): they become one entity, the stronger keeping its place,
    so that the text "irinotecan" and the brand "Camptosar" both read as "irinotecan", never as
    "irinotecan [chembl:…]". Forms are already each owned by one entity, so the union is clean.
    """
    seen: dict[tuple[str, str], Entity] = {}
    gone: set[int] = set()
    for e in sorted(entities, key=lambda e: (not e.curated, key(e.name) not in e.forms, -len(e.forms), e.name)):
        kept = seen.get((e.kind, e.name))
        if kept is None:
            seen[(e.kind, e.name)] = e
            continue
        kept.members.extend(e.members)
        for k, f in e.forms.items():
            kept.forms.setdefault(k, f)
        gone.add(id(e))
    entities[:] = [e for e in entities if id(e) not in gone]


def _stem_modality(stems: list[tuple[str, str, str, str]]) -> Callable[[str], str]:
    """A function giving the modality an INN's stem implies ("-mab" antibody), longest stem first;
    for two-word INNs the second word counts first ("... vedotin" is an ADC)."""
    ends = sorted(((s.lstrip("-"), mod) for s, pos, _m, mod in stems if pos == "suffix" and mod),
                  key=lambda t: -len(t[0]))

    def guess(name: str) -> str:
        if is_code(name):
            return ""
        for word in reversed(name.casefold().split()):
            for stem, mod in ends:
                if word.endswith(stem) and len(word) > len(stem) + 2:
                    return mod
        return ""

    return guess


def _set_attrs(entities: list[Entity], stems: list[tuple[str, str, str, str]],
               mab_genes: dict[str, list[str]]) -> None:
    modality_of = _stem_modality(stems)
    gene_to_target: dict[str, str] = {}
    for e in entities:
        if e.kind == "target":
            for c in e.members:
                for g in c.attrs.get("genes", []):
                    if c.source != "famplex":
                        gene_to_target.setdefault(g, e.name)
    node_to_name = {i: e.name for e in entities if e.kind == "indication" for c in e.members for i in c.ids}
    for e in entities:
        a: dict[str, Any] = {}
        ids: dict[str, set[str]] = {}
        for c in sorted(e.members, key=lambda c: c.source != "curated"):
            for k, v in c.attrs.items():
                if k == "ids":
                    for ns, val in v.items():
                        vals = val if isinstance(val, list) else [val]
                        ids.setdefault(ns, set()).update(str(x) for x in vals)
                elif k == "parent_ids":
                    parents = {node_to_name[p.upper()] for p in v if p.upper() in node_to_name}
                    a.setdefault("parents", set()).update(parents - {e.name})
                elif k in ("curated", "weak"):
                    continue
                elif k not in a:
                    a[k] = v
        if ids:
            a["ids"] = {ns: sorted(v) for ns, v in sorted(ids.items())}
        if "parents" in a:
            a["parents"] = sorted(a["parents"])
            if not a["parents"]:
                del a["parents"]
        if e.kind == "drug":
            for status, attr in (("code", "codes"), ("brand", "brands")):
                found = sorted({f.text for f in e.forms.values() if f.status == status})
                if found and attr not in a:
                    a[attr] = found
            if "targets" not in a and key(e.name) in mab_genes:
                a["targets"] = mab_genes[key(e.name)]  # the therapeutic-mab table
            if "targets" in a:
                a["targets"] = sorted({gene_to_target.get(t, t) for t in a["targets"]})
            if "modality" not in a and modality_of(e.name):
                a["modality"] = modality_of(e.name)
        if e.kind == "company" and "tickers" not in a:
            found = sorted({f.text for f in e.forms.values() if f.status == "ticker"})
            if found:
                a["tickers"] = found
        e.attrs = a


def _json(e: Entity) -> str:
    return json.dumps({"kind": e.kind, "name": e.name, "attrs": e.attrs}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def _tsv(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(columns) + "\n")
    for r in rows:
        buf.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) + "\n")
    return buf.getvalue()


def _write_gz(path: Path, text: str) -> None:
    """Gzip with mtime 0 and no file name in the header, so equal input gives equal bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m racecard.lexicon.build", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared open-data folder (../shared/data)")
    p.add_argument("--out", type=Path, default=HERE / "data", help="output folder (racecard/lexicon/data)")
    p.add_argument("--curated", type=Path, default=None, help="curated tables (racecard/lexicon/curated)")
    args = p.parse_args(argv)
    try:
        report = build(args.data, args.out, args.curated)
    except RacecardError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(report.as_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
