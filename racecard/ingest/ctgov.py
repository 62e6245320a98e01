"""ClinicalTrials.gov API v2 study records: trial entities and structured facts, no NLP.

A record (or each record of a search page's ``studies``) becomes a document whose text is
a short rendering of the record — one labelled line per field, then the summary — and a
ready :class:`~racecard.model.Reading` of it: the trial, its sponsor, drugs,
conditions and countries as entities with mentions, and a ``trial_start`` event per
drug whose evidence is the lines it was taken from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from racecard.errors import InputError
from racecard.ingest.base import Parsed, Result, Skip, decode, parse_date, read_bytes
from racecard.model import Document, Entity, EntityKind, Event, Evidence, Mention, Reading, Status

__all__ = ["EXTRACTOR", "looks_like_ctgov", "next_page", "process_file", "process_str"]

KIND = "ctgov"
EXTRACTOR = "ctgov-v1"
SOURCE = "ClinicalTrials.gov"
_NCT = re.compile(r"^NCT\d{8}$")
_DRUG_TYPES = frozenset({"DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"})
_PLANNED = frozenset({"NOT_YET_RECRUITING", "WITHDRAWN"})
_SUFFIX = re.compile(
    r"[,\s]+(?:Co\.,?\s*Ltd\.?|Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|plc|PLC|GmbH|AG|"
    r"S\.?A\.?|N\.?V\.?|B\.?V\.?|K\.?K\.?|SE|A/S|AB|Pty|S\.p\.A\.)$"
)


def looks_like_ctgov(data: Any) -> bool:
    """Whether parsed JSON is a CT.gov v2 study or a search page of studies."""
    if isinstance(data, Mapping):
        return "protocolSection" in data or isinstance(data.get("studies"), list)
    return isinstance(data, list) and bool(data) and isinstance(data[0], Mapping) and "protocolSection" in data[0]


def company_name(name: str) -> str:
    """A sponsor's name without its legal suffixes ("Tocagen Inc." → "Tocagen")."""
    previous = None
    while previous != name:
        previous, name = name, _SUFFIX.sub("", name).strip()
    return name or previous or ""


def _phase(phases: Sequence[str]) -> str | None:
    numbers = sorted({p.replace("EARLY_", "").removeprefix("PHASE") for p in phases if "PHASE" in p})
    return "/".join(numbers) if numbers else None


class _Writer:
    """Builds the rendered text and remembers where each value landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.lines: dict[str, tuple[int, int]] = {}
        self.spans: list[tuple[int, int, str]] = []

    def line(self, label: str, values: Sequence[str], sep: str = "; ") -> None:
        values = [v for v in values if v]
        if not values:
            return
        start = self.pos
        self._put(f"{label}: ")
        for n, value in enumerate(values):
            if n:
                self._put(sep)
            self.spans.append((self.pos, self.pos + len(value), label))
            self._put(value)
        self.lines[label] = (start, self.pos)
        self._put("\n")

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _study(study: Mapping[str, Any], origin: str) -> Parsed:
    proto = study.get("protocolSection")
    if not isinstance(proto, Mapping):
        raise InputError("no protocolSection", source=origin)
    ident = proto.get("identificationModule") or {}
    nct = str(ident.get("nctId") or "")
    if not _NCT.match(nct):
        raise InputError(f"identificationModule.nctId {nct!r} is not an NCT number", source=origin)
    status = proto.get("statusModule") or {}
    design = proto.get("designModule") or {}
    sponsor_mod = proto.get("sponsorCollaboratorsModule") or {}
    lead = str((sponsor_mod.get("leadSponsor") or {}).get("name") or "")
    conditions = [str(c) for c in (proto.get("conditionsModule") or {}).get("conditions") or ()]
    interventions = [i for i in (proto.get("armsInterventionsModule") or {}).get("interventions") or () if i]
    drugs = [i for i in interventions if str(i.get("type") or "DRUG").upper() in _DRUG_TYPES and i.get("name")]
    locations = (proto.get("contactsLocationsModule") or {}).get("locations") or ()
    countries = list(dict.fromkeys(str(loc["country"]) for loc in locations if loc.get("country")))
    phase = _phase([str(p) for p in design.get("phases") or ()])
    start = str((status.get("startDateStruct") or {}).get("date") or "")
    completion = str((status.get("completionDateStruct") or {}).get("date") or "")
    overall = str(status.get("overallStatus") or "")
    acronym = str(ident.get("acronym") or "")
    title = str(ident.get("briefTitle") or ident.get("officialTitle") or nct)

    w = _Writer()
    w.line("Trial", [nct, acronym])
    w.line("Title", [title])
    w.line("Status", [overall.replace("_", " ").lower()])
    w.line("Phase", [phase or ""])
    w.line("Study type", [str(design.get("studyType") or "").lower()])
    w.line("Sponsor", [lead])
    w.line("Conditions", conditions)
    w.line("Interventions", [str(i["name"]) for i in drugs])
    w.line("Countries", countries)
    w.line("Start date", [start])
    w.line("Completion date", [completion])
    summary = str((proto.get("descriptionModule") or {}).get("briefSummary") or "")
    text = w.text() + (f"\n{summary}\n" if summary else "")

    trial = acronym or nct
    kinds = {
        "Trial": EntityKind.TRIAL,
        "Sponsor": EntityKind.COMPANY,
        "Conditions": EntityKind.INDICATION,
        "Interventions": EntityKind.DRUG,
        "Countries": EntityKind.TERRITORY,
    }
    names: dict[tuple[str, str], str] = {}
    mentions = []
    for s, e, label in w.spans:
        if label not in kinds:
            continue
        surface = text[s:e]
        kind = kinds[label]
        name = {
            EntityKind.TRIAL: trial,
            EntityKind.COMPANY: company_name(surface),
            EntityKind.INDICATION: surface.lower(),
        }.get(kind, surface)
        names[(label, surface)] = name
        mentions.append(Mention(s, e, surface, kind, name, "ctgov"))
    entities = [
        Entity(
            EntityKind.TRIAL,
            trial,
            tuple(a for a in (nct, acronym) if a and a != trial),
            {
                "nct": nct,
                "title": title,
                "phase": phase,
                "status": overall,
                "sponsor": company_name(lead) or None,
                "conditions": [c.lower() for c in conditions],
                "interventions": [str(i["name"]) for i in drugs],
                "countries": countries,
                "start": start or None,
                "completion": completion or None,
            },
        ),
    ]
    if lead:
        entities.append(Entity(EntityKind.COMPANY, company_name(lead), (lead,)))
    entities += [Entity(EntityKind.INDICATION, c.lower(), (c,)) for c in conditions]
    entities += [Entity(EntityKind.TERRITORY, c) for c in countries]
    entities += [
        Entity(EntityKind.DRUG, str(i["name"]), tuple(str(o) for o in i.get("otherNames") or ()), {"trials": [trial]})
        for i in drugs
    ]
    doc = Document(
        text=text,
        url=f"https://clinicaltrials.gov/study/{nct}",
        title=title,
        published=parse_date((status.get("lastUpdatePostDateStruct") or {}).get("date")),
        source=SOURCE,
    )
    quote_lines = [w.lines[k] for k in ("Trial", "Phase", "Start date") if k in w.lines]
    events = []
    if start:
        first, last = quote_lines[0][0], quote_lines[-1][1]
        planned = (status.get("startDateStruct") or {}).get("type") == "ESTIMATED" or overall in _PLANNED
        drug_names: list[str | None] = [str(i["name"]) for i in drugs]
        for drug in drug_names or [None]:
            fields: dict[str, Any] = {
                "trial": trial,
                "phase": phase,
                "indication": [c.lower() for c in conditions],
                "territory": countries,
                "sponsor": company_name(lead) or None,
                "date": start,
                "completion": completion or None,
                "nct": nct,
            }
            if drug:
                fields["drug"] = drug
            events.append(
                Event(
                    "trial_start",
                    Status.PLANNED if planned else Status.HAPPENED,
                    {k: v for k, v in fields.items() if v},
                    Evidence(doc.id, first, last, text[first:last], EXTRACTOR),
                )
            )
    reading = Reading(doc, mentions=tuple(mentions), entities=tuple(entities), events=tuple(events))
    return Parsed(doc, KIND, origin, reading=reading)


def next_page(url: str, data: bytes) -> str | None:
    """The URL of the next page of a CT.gov API search (its ``nextPageToken``), if any."""
    if b"nextPageToken" not in data[-4096:] and b"nextPageToken" not in data[:4096]:
        return None
    try:
        token = json.loads(data).get("nextPageToken")
    except (ValueError, AttributeError):
        return None
    if not isinstance(token, str) or not token:
        return None
    return str(httpx.URL(url).copy_set_param("pageToken", token))


def process_data(data: Any, *, origin: str) -> Result:
    """Documents for a parsed study record or search page."""
    studies = data.get("studies") if isinstance(data, Mapping) and "studies" in data else None
    if studies is None:
        studies = data if isinstance(data, list) else [data]
        labels = [origin] if not isinstance(data, list) else [f"{origin}#study-{n}" for n in range(1, len(data) + 1)]
    elif not isinstance(studies, list):
        return Result(skipped=[Skip(origin, "'studies' is not a list")])
    else:
        labels = [f"{origin}#study-{n}" for n in range(1, len(studies) + 1)]
    result = Result()
    if not studies:
        result.skipped.append(Skip(origin, "no studies in the search page", failed=False))
    for label, study in zip(labels, studies, strict=True):
        try:
            if not isinstance(study, Mapping):
                raise InputError("a study is not a JSON object", source=label)
            result.documents.append(_study(study, label))
        except InputError as exc:
            result.skipped.append(Skip(label, exc.message))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            result.skipped.append(Skip(label, f"malformed study record: {exc!r}"))
    return result


def process_str(raw: str, *, origin: str) -> Result:
    """Documents for a study record or search page in JSON text."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Result(skipped=[Skip(origin, f"malformed JSON: {exc}")])
    if not looks_like_ctgov(data):
        return Result(skipped=[Skip(origin, "JSON is not a ClinicalTrials.gov v2 study or search page")])
    return process_data(data, origin=origin)


def process_file(path: Path) -> Result:
    """Documents for a study record or search page in a JSON file."""
    try:
        raw = decode(read_bytes(path), str(path))
    except InputError as exc:
        return Result(skipped=[Skip(str(path), exc.message)])
    return process_str(raw, origin=str(path))
