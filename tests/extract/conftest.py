"""A small in-memory lexicon for the reading tests (no packaged data needed)."""

from __future__ import annotations

import pytest

from racecard.lexicon import Lexicon, Term, TermStatus
from racecard.model import EntityKind as K


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return Lexicon.of(
        [
            ("drug", "sotorasib", "sotorasib"),
            Term(K.DRUG, "sotorasib", "Lumakras", TermStatus.BRAND),
            Term(K.DRUG, "sotorasib", "AMG 510", TermStatus.CODE, cased=True),
            ("drug", "adagrasib", "adagrasib"),
            Term(K.DRUG, "adagrasib", "Krazati", TermStatus.BRAND),
            ("drug", "fulzerasib", "fulzerasib"),
            ("drug", "rocatinlimab", "rocatinlimab"),
            Term(K.DRUG, "rocatinlimab", "KHK4083", TermStatus.CODE, cased=True),
            ("company", "Amgen", "Amgen"),
            Term(K.COMPANY, "Amgen", "AMGN", TermStatus.TICKER, cased=True),
            ("company", "Kyowa Kirin", "Kyowa Kirin"),
            ("company", "Zai Lab", "Zai Lab"),
            ("company", "Mirati", "Mirati Therapeutics"),
            ("company", "Mirati", "Mirati"),
            ("target", "OX40", "OX40"),
            Term(K.TARGET, "KRAS G12C", "KRAS G12C", TermStatus.NAME, cased=True),
            ("indication", "atopic dermatitis", "atopic dermatitis"),
            ("indication", "Alzheimer's disease", "Alzheimer's disease"),
            ("indication", "non-small cell lung cancer", "non-small cell lung cancer"),
            Term(K.INDICATION, "non-small cell lung cancer", "NSCLC", TermStatus.ABBREVIATION, cased=True),
            Term(K.INDICATION, "atopic dermatitis", "AD", TermStatus.ABBREVIATION, cased=True),
            Term(K.INDICATION, "Alzheimer's disease", "AD", TermStatus.ABBREVIATION, cased=True),
            ("indication", "ovarian cancer", "ovarian cancer"),
        ],
        attributes={
            ("indication", "atopic dermatitis"): {"context": ["skin", "eczema", "itch"]},
            ("indication", "Alzheimer's disease"): {"context": ["dementia", "amyloid", "cognitive"]},
            ("drug", "sotorasib"): {"targets": ["KRAS G12C"], "modality": "small molecule"},
        },
    )
