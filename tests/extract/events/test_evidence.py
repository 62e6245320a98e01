"""Every event `racecard extract` prints carries evidence whose quote is exactly the text at its span."""

from __future__ import annotations

from pathlib import Path

import pytest

from racecard.extract.files import extract_files, reading_json

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "racecard" / "demo" / "articles"
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def _check(paths: list[Path]) -> int:
    seen = 0
    for result in extract_files(paths):
        assert result.reading is not None, result.error
        text = result.reading.document.text
        for ev in reading_json(result.reading)["events"]:
            evidence = ev["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"], (result.path, ev)
            assert evidence["quote"].strip(), (result.path, ev)
            seen += 1
    return seen


def test_demo_articles_events_quote_their_spans() -> None:
    paths = sorted(DEMO.glob("*.txt"))
    assert paths, "the packaged demo corpus is missing"
    assert _check(paths) > len(paths)  # the demo stories are full of deals, readouts and decisions


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev not present")
def test_dev_corpus_events_quote_their_spans() -> None:
    assert _check(sorted(DEV.glob("*.txt"))) > 0
