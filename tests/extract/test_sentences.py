from __future__ import annotations

from racecard.extract.sentences import sentences
from racecard.model import Span


def _texts(text: str, skip: tuple[Span, ...] = ()) -> list[str]:
    return [s.of(text) for s in sentences(text, skip)]


def test_splits_after_full_stops_but_not_abbreviations() -> None:
    text = "Kyowa Kirin Co., Ltd. and Amgen Inc. ended the deal. The U.S. FDA had a view. Dr. Smith spoke!"
    assert _texts(text) == [
        "Kyowa Kirin Co., Ltd. and Amgen Inc. ended the deal.",
        "The U.S. FDA had a view.",
        "Dr. Smith spoke!",
    ]


def test_lines_are_boundaries_and_skipped_spans_vanish() -> None:
    text = "Headline without stop\nFirst sentence. Second one.\nShare this"
    skip = (Span(text.index("Share"), len(text)),)
    assert _texts(text, skip) == ["Headline without stop", "First sentence.", "Second one."]


def test_offsets_point_into_the_text() -> None:
    text = "  A drug.   Another drug.  "
    for s in sentences(text):
        assert text[s.start : s.end] == s.of(text)
        assert not s.of(text)[0].isspace()


def test_paragraphs_run_together_by_a_scrape_still_split() -> None:
    text = "Sales rose (see our story).The drug was filed in May.Approval followed in 2024 at Amgen Inc.Later on"
    assert _texts(text) == [
        "Sales rose (see our story).",
        "The drug was filed in May.",
        "Approval followed in 2024 at Amgen Inc.Later on",
    ]
