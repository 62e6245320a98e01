"""SEC EDGAR filings (8-K, 10-Q, 10-K, 6-K and their amendments).

Two shapes are read: the full submission text (``<SEC-DOCUMENT>`` with an
``<SEC-HEADER>`` and one ``<DOCUMENT>`` per file), and a filing's main HTML document
on its own (the filer then comes from the inline-XBRL cover page or the "exact name of
registrant" line). One document per filing: the form and each exhibit become sections
(``8-K``, ``Item 1.01 …``, ``EX-99.1 …``) of its text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from racecard.errors import InputError
from racecard.ingest.base import Parsed, Result, Skip, decode, html_to_text, parse_date, read_bytes
from racecard.model import Document

__all__ = ["FORMS", "looks_like_filing", "process_file", "process_str"]

KIND = "edgar"
FORMS = ("8-K", "10-Q", "10-K", "6-K")
SOURCE = "SEC EDGAR"

_HEADER = re.compile(r"<SEC-HEADER>(.*?)</SEC-HEADER>", re.DOTALL | re.IGNORECASE)
_FIELD = re.compile(r"^\s*([A-Z][A-Z0-9 ()-]+?):[ \t]*(.*?)\s*$", re.MULTILINE)
_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*?)\s*$", re.MULTILINE | re.IGNORECASE)
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL | re.IGNORECASE)
_ITEM = re.compile(r"^[ \t]*(Item[ \t]+\d+[A-C]?(?:\.\d{2})?)\.?[ \t]*(.{0,150}?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_SKIP_TYPES = re.compile(r"^(GRAPHIC|ZIP|EXCEL|PDF|XML|JSON|EX-101|EX-104|FILINGSUMMARY)", re.IGNORECASE)
_IX_NAME = re.compile(r"<ix:nonNumeric[^>]*name=\"dei:EntityRegistrantName\"[^>]*>(.*?)</ix:nonNumeric>", re.I | re.S)
_IX_TYPE = re.compile(r"<ix:nonNumeric[^>]*name=\"dei:DocumentType\"[^>]*>(.*?)</ix:nonNumeric>", re.I | re.S)
_FORM_LINE = re.compile(r"^\s*FORM\s+(\d{1,2}-[KQ](?:/A)?)\s*$", re.MULTILINE | re.IGNORECASE)
_REGISTRANT = re.compile(r"([^\n]+)\n[^\n]*\(Exact name of registrant", re.IGNORECASE)
_REPORT_DATE = re.compile(r"Date of Report[^:]*:\s*([A-Z][a-z]+ \d{1,2}, \d{4})", re.IGNORECASE)


def looks_like_filing(head: str) -> bool:
    """Whether the start of a text is an EDGAR submission or a filing's cover page."""
    start = head[:20000]
    if "<SEC-DOCUMENT>" in start or "<SEC-HEADER>" in start or "dei:DocumentType" in start:
        return True
    upper = start.upper()
    return "SECURITIES AND EXCHANGE COMMISSION" in upper and bool(_FORM_LINE.search(html_to_text(start)))


def _form_ok(form: str) -> bool:
    return form.upper().removesuffix("/A") in FORMS


def _items(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Sections for the "Item N.NN" headings of a form's text (each runs to the next one)."""
    marks = [(m.start(), f"{m.group(1)} {m.group(2)}".strip()) for m in _ITEM.finditer(text)]
    out = []
    for n, (start, name) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(text)
        out.append((" ".join(name.split()).rstrip("."), offset + start, offset + len(text[:end].rstrip())))
    return out


def _compose(
    filer: str, form: str, filed: date | None, parts: list[tuple[str, str]]
) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The filing's text (a heading, then each part under its name) and its sections."""
    head = f"{filer} — Form {form}" + (f", filed {filed.isoformat()}" if filed else "")
    chunks = [head]
    sections: list[tuple[str, int, int]] = []
    pos = len(head)
    for name, body in parts:
        chunks.append(f"\n\n{name}\n\n")
        pos += len(name) + 4
        sections.append((name, pos, pos + len(body)))
        if name.upper().startswith(form.upper().removesuffix("/A")):
            sections.extend(_items(body, pos))
        chunks.append(body)
        pos += len(body)
    return "".join(chunks), tuple(sections)


def _submission(raw: str, origin: str, url: str | None) -> Result:
    header = _HEADER.search(raw)
    if header is None:
        return Result(skipped=[Skip(origin, "EDGAR submission without an <SEC-HEADER>")])
    fields: dict[str, str] = {}
    for m in _FIELD.finditer(header.group(1)):
        fields.setdefault(m.group(1).strip().upper(), m.group(2))
    form = fields.get("CONFORMED SUBMISSION TYPE", "")
    filer = fields.get("COMPANY CONFORMED NAME", "")
    if not form or not filer:
        return Result(skipped=[Skip(origin, "EDGAR header names no form type or no filer (COMPANY CONFORMED NAME)")])
    if not _form_ok(form):
        return Result(skipped=[Skip(origin, f"form {form} is not read (only {', '.join(FORMS)})", failed=False)])
    filed = parse_date(_compact_date(fields.get("FILED AS OF DATE", "")))
    parts: list[tuple[str, str]] = []
    result = Result()
    for n, block in enumerate(_DOCUMENT.findall(raw), 1):
        tags = {m.group(1).upper(): m.group(2) for m in _TAG.finditer(block)}
        kind = tags.get("TYPE", "").strip()
        body = _TEXT.search(block)
        if not kind or body is None:
            result.skipped.append(Skip(f"{origin}#document-{n}", "filing document without <TYPE> or <TEXT>"))
            continue
        if _SKIP_TYPES.match(kind):
            continue
        content = body.group(1)
        text = html_to_text(content) if re.search(r"<(html|body|p|div|table)\b", content[:5000], re.I) else content
        text = text.strip()
        if text:
            description = tags.get("DESCRIPTION", "").strip()
            parts.append((f"{kind} {description}".strip() if description.upper() != kind.upper() else kind, text))
    if not parts:
        result.skipped.append(Skip(origin, f"{form} filing by {filer} has no readable documents"))
        return result
    text, sections = _compose(filer, form, filed, parts)
    cik = fields.get("CENTRAL INDEX KEY", "").lstrip("0")
    accession = fields.get("ACCESSION NUMBER", "")
    if url is None and cik and accession:
        url = f"https://www.sec.gov/Archives/edgar/data/{cik}/{accession.replace('-', '')}/{accession}.txt"
    doc = Document(text=text, url=url, title=f"{filer} {form}", published=filed, source=SOURCE)
    result.documents.append(Parsed(doc, KIND, origin, sections))
    return result


def _compact_date(value: str) -> str:
    value = value.strip()
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if re.fullmatch(r"\d{8}", value) else value


def _single_html(raw: str, origin: str, url: str | None) -> Result:
    text = html_to_text(raw)
    ix_type, ix_name = _IX_TYPE.search(raw), _IX_NAME.search(raw)
    form_line = _FORM_LINE.search(text)
    form = html_to_text(ix_type.group(1)) if ix_type else (form_line.group(1).upper() if form_line else "")
    if not form:
        return Result(skipped=[Skip(origin, "filing names no form type (FORM 8-K, 10-Q …)")])
    if not _form_ok(form):
        return Result(skipped=[Skip(origin, f"form {form} is not read (only {', '.join(FORMS)})", failed=False)])
    registrant = _REGISTRANT.search(text)
    filer = html_to_text(ix_name.group(1)) if ix_name else (registrant.group(1).strip() if registrant else "")
    if not filer:
        return Result(skipped=[Skip(origin, f"{form} filing does not name its registrant")])
    reported = _REPORT_DATE.search(text)
    filed = None
    if reported:
        from datetime import datetime

        try:
            filed = datetime.strptime(reported.group(1), "%B %d, %Y").date()
        except ValueError:
            filed = None
    body, sections = _compose(filer, form, filed, [(form, text)])
    doc = Document(text=body, url=url, title=f"{filer} {form}", published=filed, source=SOURCE)
    return Result(documents=[Parsed(doc, KIND, origin, sections)])


def process_str(raw: str, *, origin: str, url: str | None = None) -> Result:
    """The filing in a full submission text or a filing's HTML document."""
    try:
        if "<SEC-DOCUMENT>" in raw[:2000] or "<SEC-HEADER>" in raw[:20000]:
            return _submission(raw, origin, url)
        return _single_html(raw, origin, url)
    except (ValueError, TypeError) as exc:
        return Result(skipped=[Skip(origin, f"unreadable filing: {exc}")])


def process_file(path: Path) -> Result:
    """The filing in one file."""
    try:
        raw = decode(read_bytes(path), str(path), html=True)
    except InputError as exc:
        return Result(skipped=[Skip(str(path), exc.message)])
    return process_str(raw, origin=str(path))
