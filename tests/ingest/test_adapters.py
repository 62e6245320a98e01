"""Each source adapter: documents found, metadata kept, bad items skipped with reasons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from racecard.ingest import ctgov, edgar, feed, html, sources, text
from racecard.ingest.base import html_to_text
from racecard.model import EntityKind, Status

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parents[2].parent / "shared" / "data" / "ctgov-samples"


def test_text_file_keeps_text_exactly_and_reads_sidecar() -> None:
    path = DATA / "articles" / "001.txt"
    result = text.process_file(path)
    [parsed] = result.documents
    assert parsed.document.text == path.read_text(encoding="utf-8")
    assert parsed.document.published == date(2025, 3, 3)
    assert parsed.document.url == "https://news.example.org/nuvora-calder"
    assert parsed.document.source == "Example Pharma News"


def test_text_without_sidecar_takes_first_line_as_title() -> None:
    [parsed] = text.process_file(DATA / "articles" / "002.txt").documents
    assert parsed.document.title == "Halden Therapeutics starts Phase 2 study of HTX-101"
    assert parsed.document.published is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty"), ("binary.txt", "binary"), ("bad_utf8.txt", "UTF-8"), ("missing.txt", "cannot read")],
)
def test_bad_text_files_are_skipped_with_a_reason(name: str, reason: str) -> None:
    result = text.process_file(DATA / name)
    assert result.documents == []
    [skip] = result.skipped
    assert skip.source.endswith(name) and reason in skip.reason and skip.failed


def test_huge_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    result = sources.process(sources.Job(str(big), path=str(big)), limit=1000)
    assert "too large" in result.skipped[0].reason


def test_malformed_sidecar_names_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "007.txt").write_text("Some article text here.")
    (tmp_path / "007.meta.json").write_text("{not json")
    [skip] = text.process_file(tmp_path / "007.txt").skipped
    assert "007.meta.json" in skip.reason or "007" in skip.source
    assert "malformed" in skip.reason


def test_html_main_text_and_metadata() -> None:
    [parsed] = html.process_file(DATA / "articles" / "003.html").documents
    doc = parsed.document
    assert "hand back its rights" in doc.text and "Terms of use" not in doc.text and "Deals" not in doc.text
    assert doc.published == date(2026, 1, 30)
    assert doc.source == "Example Biotech Daily"
    assert doc.url == "https://daily.example.com/kyowa-rocatinlimab"


def test_rss_entries_become_documents_and_empty_entry_is_skipped() -> None:
    result = feed.process_file(DATA / "feed.xml")
    assert [p.document.url for p in result.documents] == [
        "https://wire.example.net/calder-phase3",
        "https://wire.example.net/rocatinlimab",
    ]
    first = result.documents[0].document
    assert first.published == date(2025, 3, 18) and first.source == "Example Deals Wire"
    assert first.text.startswith("Calder Pharma takes fulzerasib into Phase 3\n\nCalder Pharma started")
    assert "<p>" not in first.text
    [skip] = result.skipped
    assert skip.source.endswith("feed.xml#entry-3") and "neither title nor text" in skip.reason


def test_atom_feed() -> None:
    [parsed] = feed.process_file(DATA / "atom.xml").documents
    assert parsed.document.published == date(2025, 5, 1)
    assert "German sites" in parsed.document.text


@pytest.mark.parametrize("payload", [b"not a feed at all", b"<?xml version='1.0'?><rss><channel></channel></rss>"])
def test_malformed_or_empty_feed_is_one_failure(payload: bytes) -> None:
    result = feed.process_str(payload, origin="x.xml")
    assert result.documents == [] and len(result.skipped) == 1 and result.skipped[0].source == "x.xml"


def test_edgar_submission_filer_items_and_exhibits() -> None:
    [parsed] = edgar.process_file(DATA / "edgar_8k.txt").documents
    doc = parsed.document
    assert doc.title == "NUVORA BIO, INC. 8-K"
    assert doc.published == date(2025, 3, 4)
    assert doc.url is not None and doc.url.endswith("0001999999-25-000123.txt")
    names = [name for name, _, _ in parsed.sections]
    assert names == [
        "8-K",
        "Item 1.01 Entry into a Material Definitive Agreement",
        "Item 9.01 Financial Statements and Exhibits",
        "EX-99.1 PRESS RELEASE",
    ]
    for name, start, end in parsed.sections:
        assert doc.text[start:end].strip()
        if name.startswith("Item"):
            assert doc.text[start:end].startswith(name.split()[0])
    item = next(s for s in parsed.sections if s[0].startswith("Item 1.01"))
    assert "upfront payment of $50 million" in doc.text[item[1] : item[2]]
    assert "begin 644" not in doc.text  # the graphic is not text


def test_edgar_html_filing_from_inline_xbrl_cover() -> None:
    [parsed] = edgar.process_file(DATA / "edgar_10q.htm").documents
    assert parsed.document.title == "Halden Therapeutics Corp. 10-Q"
    assert parsed.document.text.count("10-Q") == 3  # heading, section name, cover page: not the hidden XBRL
    assert [s[0] for s in parsed.sections][1:] == [
        "Item 2. Management's Discussion and Analysis of Financial Condition and Results of Operations".replace(
            "Item 2.", "Item 2"
        ),
        "Item 1A Risk Factors",
    ]


def test_edgar_other_forms_skipped_on_purpose_and_broken_filing_fails() -> None:
    [s1] = edgar.process_file(DATA / "edgar_s1.txt").skipped
    assert "form S-1 is not read" in s1.reason and not s1.failed
    [broken] = edgar.process_file(DATA / "edgar_broken.txt").skipped
    assert broken.failed and "no form type or no filer" in broken.reason


def test_ctgov_study_becomes_trial_entities_and_facts() -> None:
    [parsed] = ctgov.process_file(DATA / "ctgov_study.json").documents
    reading = parsed.reading
    assert reading is not None
    text = parsed.document.text
    for m in reading.mentions:
        assert text[m.start : m.end] == m.text
    [trial] = reading.entities_of(EntityKind.TRIAL)
    assert trial.name == "HALO-2" and "NCT09990001" in trial.aliases
    assert trial.attributes["phase"] == "2" and trial.attributes["sponsor"] == "Halden Therapeutics"
    assert trial.attributes["countries"] == ["United States", "Germany"]
    drugs = {e.name for e in reading.entities_of(EntityKind.DRUG)}
    assert drugs == {"HTX-101", "Placebo"}  # the behavioural intervention is not a drug
    starts = [e for e in reading.events if e.fields.get("drug") == "HTX-101"]
    [start] = starts
    assert start.status == Status.HAPPENED and start.fields["date"] == "2025-04-15"
    assert start.evidence is not None and text[start.evidence.start : start.evidence.end] == start.evidence.quote
    assert parsed.document.url == "https://clinicaltrials.gov/study/NCT09990001"
    assert parsed.document.published == date(2025, 5, 2)


def test_ctgov_search_page_reads_good_studies_and_names_bad_ones() -> None:
    result = ctgov.process_file(DATA / "ctgov_search_bad.json")
    [good] = result.documents
    assert good.reading is not None
    [event] = good.reading.events
    assert event.status == Status.PLANNED and event.fields["phase"] == "1/2"
    assert event.fields["sponsor"] == "Calder Pharma"
    reasons = {s.source.rsplit("#", 1)[1]: s.reason for s in result.skipped}
    assert set(reasons) == {"study-2", "study-3", "study-4"}
    assert "NCT number" in reasons["study-2"] and "protocolSection" in reasons["study-3"]


def test_ctgov_truncated_json_is_one_failure() -> None:
    [skip] = ctgov.process_file(DATA / "ctgov_truncated.json").skipped
    assert "malformed JSON" in skip.reason


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/ctgov-samples is not beside the repository")
def test_shared_ctgov_samples_have_phases_and_sponsors() -> None:
    trials = []
    for path in sorted(SAMPLES.glob("*.json")):
        result = ctgov.process_file(path)
        assert result.skipped == []
        trials += [t for p in result.documents if p.reading for t in p.reading.entities_of(EntityKind.TRIAL)]
    assert len({t.name for t in trials}) >= 5
    assert all(t.attributes["sponsor"] for t in trials)
    assert any(t.attributes["phase"] == "3" for t in trials)
    assert any(t.attributes["countries"] for t in trials)


def test_sniffing_picks_the_adapter_by_content(tmp_path: Path) -> None:
    disguised = tmp_path / "filing.txt"
    disguised.write_bytes((DATA / "edgar_8k.txt").read_bytes())
    [parsed] = sources.process(sources.Job(str(disguised), path=str(disguised))).documents
    assert parsed.kind == "edgar"
    feed_as_txt = tmp_path / "feed.txt"
    feed_as_txt.write_bytes((DATA / "feed.xml").read_bytes())
    assert {p.kind for p in sources.process(sources.Job(str(feed_as_txt), path=str(feed_as_txt))).documents} == {"feed"}


def test_directory_walk_leaves_sidecars_to_their_files() -> None:
    jobs = list(sources.expand([DATA / "articles", DATA / "nope"]))
    origins = [getattr(j, "origin", None) or j.source for j in jobs]  # type: ignore[union-attr]
    assert [Path(o).name for o in origins] == ["001.txt", "002.txt", "003.html", "nope"]


def test_html_to_text_blocks_and_hidden_parts() -> None:
    out = html_to_text(
        "<div><p>One</p><p style='display: none'>Hidden</p><script>x()</script><p>Two&nbsp;words</p></div>"
    )
    assert out == "One\n\nTwo words"


def test_feed_in_its_declared_encoding(tmp_path: Path) -> None:
    latin = tmp_path / "latin.xml"
    body = (
        "<?xml version='1.0' encoding='ISO-8859-1'?><rss version='2.0'><channel><title>Revue</title>"
        "<item><title>Société Générale de Biotech licence fulzerasib</title><link>https://x.example/1</link>"
        "<description>Accord signé à Genève.</description></item></channel></rss>"
    )
    latin.write_bytes(body.encode("latin-1"))
    [parsed] = sources.process(sources.Job(str(latin), path=str(latin))).documents
    assert parsed.kind == "feed" and "Société" in parsed.document.text and "signé à Genève" in parsed.document.text
