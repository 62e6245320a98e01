"""The reader with the packaged lexicon, on sentences written for these tests (issue #2)."""

from __future__ import annotations

import pytest

import racecard
from racecard.extract.files import reading_json


def _names(text: str, **meta: str) -> dict[str, dict[str, list[str]]]:
    data = reading_json(racecard.read(text, **meta))
    return {k: {e["name"]: e["mentions"] for e in data[k]} for k in ("drugs", "companies", "targets",
                                                                      "indications", "trials")}


@pytest.mark.parametrize("code", ["AMG 510", "AMG-510", "AMG510"])
def test_code_spellings_ground_to_the_inn(code: str) -> None:
    assert list(_names(f"Amgen tested {code} in lung cancer.")["drugs"]) == ["sotorasib"]


def test_brands_codes_and_inns_are_one_drug_with_its_target() -> None:
    text = ("Innovent said IBI351 (fulzerasib), sold as Dupert, met its goal in KRAS G12C-mutated "
            "non-small cell lung cancer (NSCLC). Lumakras and Krazati were approved earlier.")
    data = reading_json(racecard.read(text))
    drugs = {d["name"]: d for d in data["drugs"]}
    assert set(drugs) == {"fulzerasib", "sotorasib", "adagrasib"}
    assert set(drugs["fulzerasib"]["mentions"]) == {"IBI351", "fulzerasib", "Dupert"}
    assert "KRAS G12C" in drugs["fulzerasib"]["targets"]
    assert {t["name"] for t in data["targets"]} == {"KRAS G12C"}
    assert {i["name"] for i in data["indications"]} == {"non-small cell lung cancer"}


def test_company_legal_names_tickers_and_descriptions() -> None:
    text = ("Kyowa Kirin Co., Ltd. (TSE: 4151) and Amgen Inc. (NASDAQ: AMGN) ended their pact. "
            "Zai Lab and Bristol Myers Squibb were not involved; BMS declined to comment.")
    companies = _names(text)["companies"]
    assert set(companies) == {"Kyowa Kirin", "Amgen", "Zai Lab", "Bristol Myers Squibb"}
    assert "AMGN" in companies["Amgen"] and "BMS" in companies["Bristol Myers Squibb"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The antibody eased itch and skin lesions in AD.", "atopic dermatitis"),
        ("The antibody slowed cognitive decline and cleared amyloid plaques in AD.", "Alzheimer's disease"),
    ],
)
def test_ad_is_read_by_its_context(sentence: str, expected: str) -> None:
    assert list(_names(sentence)["indications"]) == [expected]


def test_new_names_by_shape() -> None:
    text = ("Shanghai Qilun Biotherapeutics said its KRAS G12C inhibitor quenderasib (QL-4471) "
            "entered the Phase 2 HELIOS-3 study (NCT01234567).")
    names = _names(text)
    assert "quenderasib" in names["drugs"] and "QL-4471" in names["drugs"]["quenderasib"]
    assert "Shanghai Qilun" in names["companies"]
    assert set(names["trials"]) == {"HELIOS-3"}
    assert "NCT01234567" in names["trials"]["HELIOS-3"]


def test_furniture_names_are_not_the_articles() -> None:
    text = ("Jacobio filed glecirasib in China.\n"
            "Read more:\n- Pfizer buys a gene therapy start-up\n- Novartis trims its pipeline\n")
    assert set(_names(text)["companies"]) == {"Jacobio"}
