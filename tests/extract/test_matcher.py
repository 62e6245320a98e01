from __future__ import annotations

from racecard.extract.matcher import Matcher, code_variants, fold
from racecard.lexicon import Term, TermStatus
from racecard.model import EntityKind as K


def test_fold_keeps_length_and_makes_dashes_ascii() -> None:
    text = "KRAS\u2013G12C and Alzheimer\u2019s \u0130stanbul"
    assert len(fold(text)) == len(text)
    assert fold("A\u2011B\u2019s") == "a-b's"


def test_code_variants() -> None:
    assert code_variants("AMG 510") == {"AMG510", "AMG-510", "AMG 510"}
    assert code_variants("sotorasib") == {"sotorasib"}


def _names(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.candidates[0].name) for h in matcher.hits(text)]


def test_word_boundaries_longest_match_and_case() -> None:
    m = Matcher(
        [
            Term(K.DRUG, "sotorasib", "AMG 510", TermStatus.CODE, cased=True),
            Term(K.COMPANY, "Amgen", "Amgen"),
            Term(K.COMPANY, "Amgen", "AMGN", TermStatus.TICKER, cased=True),
            Term(K.INDICATION, "lung cancer", "lung cancer"),
            Term(K.INDICATION, "non-small cell lung cancer", "non-small cell lung cancer"),
        ]
    )
    text = "Amgen's AMG-510 (amgn) in non\u2011small cell lung cancers; Amgenix is not Amgen; AMGN rose."
    assert _names(m, text) == [
        ("Amgen", "Amgen"),
        ("AMG-510", "sotorasib"),
        ("non\u2011small cell lung cancers", "non-small cell lung cancer"),
        ("Amgen", "Amgen"),
        ("AMGN", "Amgen"),
    ]


def test_plural_only_for_indications() -> None:
    m = Matcher([Term(K.DRUG, "insulin", "insulin"), Term(K.INDICATION, "tumor", "solid tumor")])
    assert _names(m, "insulins and solid tumors") == [("solid tumors", "tumor")]


def test_symbols_with_digits_match_in_mixed_case_but_words_do_not() -> None:
    m = Matcher(
        [
            Term(K.TARGET, "A2AR", "A2A", TermStatus.NAME, cased=True),
            Term(K.TARGET, "BCL2", "BCL-2", TermStatus.NAME, cased=True),
            Term(K.TARGET, "MET", "MET", TermStatus.NAME, cased=True),
        ]
    )
    text = "An A2a antagonist and a Bcl-2 inhibitor Met its goal; a2a and MET too."
    assert _names(m, text) == [("A2a", "A2AR"), ("Bcl-2", "BCL2"), ("MET", "MET")]
