"""The whole entity reading over sentences written for these tests."""

from __future__ import annotations

import pytest

from racecard.errors import InputError
from racecard.extract.files import reading_json
from racecard.extract.pipeline import read
from racecard.lexicon import Lexicon


def _entities(lex: Lexicon, text: str, **meta: str) -> dict[str, dict[str, list[str]]]:
    data = reading_json(read(text, lexicon=lex, **meta))
    return {k: {e["name"]: e["mentions"] for e in data[k]} for k in ("drugs", "companies", "targets",
                                                                      "indications", "trials")}


def test_defined_alias_merges_code_into_inn_and_propagates(lex: Lexicon) -> None:
    text = ("GenFleet Therapeutics licensed GFH925 (fulzerasib) to Innovent Biologics, Inc. in 2021. "
            "Innovent later filed GFH925 in China.")
    ents = _entities(lex, text)
    assert ents["drugs"] == {"fulzerasib": ["GFH925", "fulzerasib"]}
    assert set(ents["companies"]) == {"GenFleet", "Innovent"}


def test_company_legal_name_and_ticker(lex: Lexicon) -> None:
    text = "Kyowa Kirin Co., Ltd. (KYKOY) and Amgen Inc. (NASDAQ: AMGN) ended the pact. KYKOY fell."
    companies = _entities(lex, text)["companies"]
    assert companies["Kyowa Kirin"] == ["Kyowa Kirin Co., Ltd.", "KYKOY"]
    assert companies["Amgen"] == ["Amgen Inc.", "AMGN"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Patients with AD had less itch and clearer skin.", "atopic dermatitis"),
        ("Patients with AD showed slower cognitive decline and less amyloid.", "Alzheimer's disease"),
    ],
)
def test_ambiguous_abbreviation_takes_its_context(lex: Lexicon, sentence: str, expected: str) -> None:
    assert list(_entities(lex, sentence)["indications"]) == [expected]


def test_ambiguous_abbreviation_without_context_is_left_out(lex: Lexicon) -> None:
    assert _entities(lex, "The AD market grew.")["indications"] == {}


def test_new_inns_codes_trials_and_furniture(lex: Lexicon) -> None:
    text = (
        "In the Phase 3 ROCKET programme, including the ASCEND study, rocatinlimab met its endpoints.\n"
        "Shanghai Zeta Biopharma said its HRS-7535 and zongertinib entered the COAST 1 and COAST 2 trials.\n"
        "Read more:\n- Omega Therapeutics raises cash\n"
    )
    ents = _entities(lex, text)
    assert set(ents["drugs"]) == {"rocatinlimab", "HRS-7535", "zongertinib"}
    assert set(ents["trials"]) == {"ROCKET", "ASCEND", "COAST 1", "COAST 2"}
    assert set(ents["companies"]) == {"Shanghai Zeta"}


def test_filer_from_definition(lex: Lexicon) -> None:
    text = ('Zai Lab Limited (the "Company") reports. The Company licensed adagrasib from Mirati Therapeutics. '
            "The Company paid $65 million.")
    companies = _entities(lex, text)["companies"]
    assert companies["Zai Lab"] == ["Zai Lab Limited", "Company"]


def test_filer_from_filing_title(lex: Lexicon) -> None:
    text = "The Group recognised revenue from the Krazati collaboration."
    companies = _entities(lex, text, title="Zai Lab 10-Q (Q1 2023) licences note")["companies"]
    assert companies == {"Zai Lab": ["Group"]}


def test_impossible_published_date_is_an_input_error(lex: Lexicon) -> None:
    with pytest.raises(InputError, match="impossible"):
        read("Amgen.", lexicon=lex, published="2026-02-30")


def test_company_shapes_stay_on_their_line_and_skip_heading_capitals(lex: Lexicon) -> None:
    text = "EX-99.1 PRESS RELEASE\n\nNuvora Therapeutics will file.\nFORM 10-Q Halden Pharma Inc. reported."
    companies = _entities(lex, text)["companies"]
    assert companies == {"Nuvora": ["Nuvora Therapeutics"], "Halden": ["Halden Pharma Inc."]}


def test_a_year_before_a_company_name_is_not_part_of_it(lex: Lexicon) -> None:
    text = "In 2022 Nuvora Therapeutics licensed a drug. By 2024 Halden Pharma Inc. had bought it."
    assert _entities(lex, text)["companies"] == {"Nuvora": ["Nuvora Therapeutics"], "Halden": ["Halden Pharma Inc."]}


def test_a_ligand_naming_a_receptor_is_not_a_drug() -> None:
    small = Lexicon.of([("drug", "adenosine", "adenosine"), ("drug", "fulzerasib", "fulzerasib")])
    text = "Gilead dropped an adenosine A2a/A2b receptor antagonist but kept fulzerasib and adenosine."
    starts = [m.start for m in read(text, lexicon=small).mentions if m.name == "adenosine"]
    assert starts == [text.rindex("adenosine")]  # the ligand before "receptor" is not read as the drug


def test_an_amino_acid_naming_a_kinase_is_not_a_drug() -> None:
    small = Lexicon.of([("drug", "tyrosine", "tyrosine"), ("drug", "fulzerasib", "fulzerasib")])
    text = "Fulzerasib is given after a tyrosine kinase inhibitor fails."
    assert [m.name for m in read(text, lexicon=small).mentions] == ["fulzerasib"]


def test_a_new_inn_gets_the_class_its_stem_names(lex: Lexicon) -> None:
    data = reading_json(read("Zeta Bio dosed the first patient with zanzerasib and quarimenib.", lexicon=lex))
    drugs = {d["name"]: d for d in data["drugs"]}
    assert drugs["zanzerasib"]["class"] == "RAS inhibitor"
    assert drugs["quarimenib"]["modality"] == "small molecule" and "menin" in drugs["quarimenib"]["class"]


def test_trial_names_with_two_parts_and_no_phase_numerals() -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    text = "Lumora said the KESTREL-BTC-02 trial read out, and a Phase III trial of its other drug began."
    names = [f.name for f in trials(text, [Span(0, len(text))])]
    assert names == ["KESTREL-BTC-02"]  # "III" of "a Phase III trial" is no trial name


def test_a_trial_name_keeps_no_phase_numeral_and_no_cut_word() -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    text = "The drug met its goal in the Phase III KESTREL-2 study."
    assert [f.name for f in trials(text, [Span(0, len(text))])] == ["KESTREL-2"]
    # a name cut by the edge of the stretch searched is no name ("KESTREL-32" of "KESTREL-324")
    text = "In the Phase 3 study, KESTREL-324 read out."
    cut = text.index("KESTREL-324") + len("KESTREL-32")
    assert [f.name for f in trials(text, [Span(0, cut)])] == []
    assert [f.name for f in trials(text, [Span(0, len(text))])] == ["KESTREL-324"]


def test_a_trial_name_after_a_describing_word_or_before_one() -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    text = "The data package included the integrated KESTREL study; its HARBOR outcomes trial showed a benefit."
    assert [f.name for f in trials(text, [Span(0, len(text))])] == ["KESTREL", "HARBOR"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The approval rests on the Phase 3 KeSTREL-V1 and KeSTREL-V2 trials.", ["KeSTREL-V1", "KeSTREL-V2"]),
        ("It rests on three Phase 3 studies: HArbor 1 and HArbor 2, which tested it alone.", ["HArbor 1", "HArbor 2"]),
        ("Merck said that CODA, the first of two Phase 3 trials of the drug, missed its goal.", ["CODA"]),
        ("The filing rests on KE-STREL6, a multicenter, single-arm pivotal Phase 2 study.", ["KE-STREL6"]),
        ("Lumora Begins Global Phase 2b KESTREL Study of Its LRRK2 Inhibitor", ["KESTREL"]),
        ("It plans to start a Phase 3 outcomes study, KESTREL-CM, of its drug early next year.", ["KESTREL-CM"]),
    ],
)
def test_trial_names_of_mixed_case_in_a_list_after_a_colon_or_before_an_apposition(text: str, names: list[str]) -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    assert [f.name for f in trials(text, [Span(0, len(text))])] == names


def test_new_conjugate_inns_keep_their_payload_word() -> None:
    from racecard.extract import rules

    assert rules.inn_second_word("sunirine") and rules.inn_second_word("brengitecan")
    assert rules.inn_second_word("rilsodotin") and not rules.inn_second_word("irinotecan")
    assert not rules.inn_second_word("patients")


def test_unknown_companies_by_where_they_stand(lex: Lexicon) -> None:
    text = (
        "Amgen will pay Velorant $40 million upfront for an in vivo CAR-T platform. "
        "Velorant said the deal validates its work. Amgen also agreed to acquire Quillon for $300 million. "
        "Brisa, a Boston biotech focused on RNA, and Shanghai-based biotech Tiannuo raised money. "
        "In May, the company paid Tuesday $5 fees to the FDA."
    )
    companies = _entities(lex, text)["companies"]
    assert set(companies) == {"Amgen", "Velorant", "Quillon", "Brisa", "Tiannuo"}
    assert companies["Velorant"] == ["Velorant"] and len(companies) == 5


def test_research_codes_near_trial_words_are_drugs_not_trials() -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    text = "We initiated a Phase 2 trial of ARC-101 and stopped the ARC-202 study; KEYNOTE-189 and ARC-9 read out."
    names = {f.name for f in trials(text, [Span(0, len(text))])}
    assert names == {"KEYNOTE-189", "ARC-9"}


def test_a_target_named_only_as_a_class_of_other_drugs_is_not_the_story_s(lex: Lexicon) -> None:
    text = (
        "Amgen's rocatinlimab targets OX40; it may be used with calcineurin inhibitors or after OX40 antibodies "
        "failed. KRAS G12C inhibitors were not tested."
    )
    targets = set(_entities(lex, text)["targets"])
    assert "OX40" in targets  # a target of the story's own drug stays, whatever else names it
    assert "calcineurin" not in {t.lower() for t in targets} and "KRAS G12C" not in targets


def test_drugs_named_as_the_base_of_earlier_treatment_are_not_the_story_s(lex: Lexicon) -> None:
    text = (
        "Patients had received adagrasib-based or sotorasib-, and fulzerasib-containing regimens; "
        "rocatinlimab was given."
    )
    assert set(_entities(lex, text)["drugs"]) == {"rocatinlimab"}


def test_a_brand_given_in_words_is_the_drug_s_alias() -> None:
    small = Lexicon.of([("drug", "elinzanetant", "elinzanetant")])
    text = "Bayer won approval for elinzanetant, branded Lynkuet, on Friday. Lynkuet launches in November."
    forms = sorted((m.text, m.name) for m in read(text, lexicon=small).mentions)
    assert forms == [("Lynkuet", "elinzanetant"), ("Lynkuet", "elinzanetant"), ("elinzanetant", "elinzanetant")]


def test_a_trial_s_protocol_code_is_not_a_drug() -> None:
    small = Lexicon.of([("drug", "ivonescimab", "ivonescimab")])
    text = "The HARMONi-A trial (AK112-301) and the HARMONi-2 study (AK112-303) tested ivonescimab."
    by_kind = sorted((m.kind.value, m.text, m.name) for m in read(text, lexicon=small).mentions)
    assert by_kind == [
        ("drug", "ivonescimab", "ivonescimab"),
        ("trial", "AK112-301", "HARMONi-A"),
        ("trial", "AK112-303", "HARMONi-2"),
        ("trial", "HARMONi-2", "HARMONi-2"),
        ("trial", "HARMONi-A", "HARMONi-A"),
    ]


def test_a_bispecific_s_targets_written_with_an_x() -> None:
    small = Lexicon.of([("target", "CD20", "CD20"), ("target", "CD3", "CD3"), ("target", "BCMA", "BCMA")])
    text = "Odronextamab is a CD20xCD3 bispecific antibody; teclistamab is a BCMA×CD3 bispecific."
    found = [(m.text, m.kind.value) for m in read(text, lexicon=small).mentions if m.kind.value == "target"]
    assert found == [("CD20", "target"), ("CD3", "target"), ("BCMA", "target"), ("CD3", "target")]


def test_a_class_word_beside_several_of_its_kinds_and_a_drug_s_harm_are_no_indications() -> None:
    small = Lexicon.of(
        [
            ("indication", "follicular lymphoma", "follicular lymphoma"),
            ("indication", "mantle cell lymphoma", "mantle cell lymphoma"),
            ("indication", "lymphoma", "lymphoma"),
            ("indication", "drug-induced liver injury", "drug-induced liver injury"),
        ]
    )
    text = (
        "A lymphoma drug was approved in follicular lymphoma and mantle cell lymphoma. One patient had "
        "drug-induced liver injury."
    )
    names = {m.name for m in read(text, lexicon=small).mentions}
    assert names == {"follicular lymphoma", "mantle cell lymphoma"}


def test_trial_names_of_other_shapes_and_a_trial_s_short_name() -> None:
    small = Lexicon.of([("drug", "sunvozertinib", "sunvozertinib"), ("drug", "zolbetuximab", "zolbetuximab")])
    text = (
        "Approval of sunvozertinib rested on the WU-KONG6 study; the Phase 3 WU-KONG28 trial is confirmatory. "
        "SPOTLIGHT evaluated zolbetuximab plus chemotherapy. The MAESTRO-NASH OUTCOMES trial continues. "
        "The ROCKET-HORIZON trial read out; HORIZON enrolled 726 adults."
    )
    trials = sorted({(m.text, m.name) for m in read(text, lexicon=small).mentions if m.kind.value == "trial"})
    assert trials == [
        ("HORIZON", "ROCKET-HORIZON"),
        ("MAESTRO-NASH OUTCOMES", "MAESTRO-NASH OUTCOMES"),
        ("ROCKET-HORIZON", "ROCKET-HORIZON"),
        ("SPOTLIGHT", "SPOTLIGHT"),
        ("WU-KONG28", "WU-KONG28"),
        ("WU-KONG6", "WU-KONG6"),
    ]


def test_harms_of_a_treatment_and_a_short_name_of_the_story_s_indication() -> None:
    small = Lexicon.of(
        [
            ("indication", "small cell lung cancer", "small cell lung cancer"),
            ("indication", "lung cancer", "lung cancer"),
            ("indication", "cytokine release syndrome", "cytokine release syndrome"),
            ("indication", "adverse reactions", "adverse reactions"),
        ]
    )
    text = (
        "Lung cancer doctors welcomed the approval in small cell lung cancer. Cytokine release syndrome was the "
        "most common of the adverse reactions."
    )
    assert {m.name for m in read(text, lexicon=small).mentions} == {"small cell lung cancer"}


def test_a_disease_known_by_another_name_is_one_indication() -> None:
    small = Lexicon.of(
        [
            ("indication", "fatty liver disease", "fatty liver disease"),
            ("indication", "metabolic dysfunction-associated steatohepatitis", "MASH"),
        ]
    )
    text = "It is the first drug for the fatty liver disease known as MASH. MASH affects millions."
    names = {m.name for m in read(text, lexicon=small).mentions}
    assert names == {"metabolic dysfunction-associated steatohepatitis"}


def test_a_code_with_an_underscore_and_a_sponsored_line(lex: Lexicon) -> None:
    text = (
        "Insilico dosed the first patient with INS018_055 in a Phase 2a trial.\n"
        "Sponsored: How Moderna and BioNTech are rethinking manufacturing\n"
        "Enjoying the brief? Sign up to get it in your inbox every Friday."
    )
    found = _entities(lex, text)
    assert "INS018_055" in found["drugs"] and "Moderna" not in found["companies"]


def test_umbrella_disease_classes_and_an_amino_acid_before_protease_are_not_read() -> None:
    small = Lexicon.of(
        [
            ("indication", "respiratory system disorder", "respiratory diseases"),
            ("indication", "liver disorder", "liver diseases"),
            ("indication", "chronic obstructive pulmonary disease", "COPD"),
            ("drug", "serine", "serine"),
        ]
    )
    text = "The COPD drug joins a field of respiratory diseases and liver diseases. It blocks a serine protease."
    assert {m.name for m in read(text, lexicon=small).mentions} == {"chronic obstructive pulmonary disease"}


def test_a_brand_word_before_a_numbered_trial_name_is_part_of_it() -> None:
    small = Lexicon.of([("drug", "zongertinib", "zongertinib")])
    text = "The Beamion LUNG-1 trial of zongertinib showed an objective response rate of 71%."
    assert [m.text for m in read(text, lexicon=small).mentions if m.kind.value == "trial"] == ["Beamion LUNG-1"]


def test_a_harm_and_a_stage_of_another_disease_are_not_indications() -> None:
    from racecard.lexicon import Lexicon

    names = ["Duchenne muscular dystrophy", "acute liver failure", "mild cognitive impairment", "dementia",
             "Alzheimer's disease"]
    small = Lexicon.of([("indication", n, n) for n in names])
    text = (
        "The gene therapy for Duchenne muscular dystrophy is under review after a second patient died of acute "
        "liver failure. Its antibody is approved for mild cognitive impairment and mild dementia due to Alzheimer's "
        "disease."
    )
    assert set(_entities(small, text)["indications"]) == {"Duchenne muscular dystrophy", "Alzheimer's disease"}


def test_a_disease_the_participants_are_without_is_not_an_indication() -> None:
    from racecard.lexicon import Lexicon

    small = Lexicon.of([("indication", "diabetes", "diabetes"), ("indication", "obesity", "obesity")])
    text = "In the obesity study, participants without diabetes lost weight."
    assert set(_entities(small, text)["indications"]) == {"obesity"}


def test_an_owner_place_a_byline_and_a_mutation_are_no_part_of_a_name() -> None:
    from racecard.lexicon import Lexicon

    small = Lexicon.of([("company", "Novo Nordisk", "Novo Nordisk"), ("target", "EGFR", "EGFR")])
    text = (
        "By Pharma Wire staff | Aug 16, 2022\n\n"
        "Novo Nordisk bought the drug from Singapore's Kestrel Biosciences. Tumours carry the EGFR exon 21 L858R "
        "substitution."
    )
    ents = _entities(small, text)
    assert set(ents["companies"]) == {"Novo Nordisk", "Kestrel"}
    assert "drugs" not in ents or "L858R" not in ents["drugs"]


def test_the_rest_of_a_class_and_a_side_effect_are_not_indications_but_other_named_cancers_are() -> None:
    from racecard.lexicon import Lexicon

    names = ["major depressive disorder", "psychiatric disorders", "HER2-positive cancer", "paronychia", "obesity"]
    small = Lexicon.of([("indication", n, n) for n in names] + [("indication", "HER2-positive cancer",
                                                                  "HER2-positive cancers")])
    text = (
        "The drug is developed for major depressive disorder and other psychiatric disorders. Rash and paronychia "
        "were common in the obesity study. The ADC is still explored in other HER2-positive cancers."
    )
    assert set(_entities(small, text)["indications"]) == {
        "major depressive disorder", "obesity", "HER2-positive cancer"
    }


def test_trials_of_one_programme_share_the_name_before_the_hyphen() -> None:
    from racecard.extract.patterns import trials
    from racecard.model import Span

    text = (
        "The filing rests on two Phase 2 studies: KESTREL-PanSolid03, across tumour types; and KESTREL-Lung02, "
        "in lung cancer. Earlier, KESTREL-GI01 enrolled gastric patients."
    )
    names = sorted({f.name for f in trials(text, [Span(0, len(text))])})
    assert names == ["KESTREL-GI01", "KESTREL-Lung02", "KESTREL-PanSolid03"]


def test_a_company_named_in_full_is_named_again_by_its_first_word(lex: Lexicon) -> None:
    text = (
        "Amgen paid Velorant-Biotech $40 million upfront in 2023. A year later, Amgen handed Velorant another "
        "$20 million. Tessaly Therapeutics was paid too; Tessaly Capital, a fund, paid nothing."
    )
    companies = _entities(lex, text)["companies"]
    assert sorted(companies["Velorant-Biotech"]) == ["Velorant", "Velorant-Biotech"]
    # a first word that goes on into another name ("Tessaly Capital") is that other name's, not this company's
    assert companies["Tessaly"] == ["Tessaly Therapeutics"]


@pytest.fixture(scope="module")
def harms_lex() -> Lexicon:
    return Lexicon.of(
        [
            ("drug", "velotamab", "velotamab"),
            ("drug", "bortezomib", "bortezomib"),
            ("drug", "dexamethasone", "dexamethasone"),
            ("indication", "multiple myeloma", "multiple myeloma"),
            ("indication", "interstitial lung disease", "interstitial lung disease"),
            ("indication", "keratopathy", "keratopathy"),
            ("indication", "stomatitis", "stomatitis"),
            ("indication", "alopecia", "alopecia"),
        ]
    )


def test_harms_listed_as_side_effects_are_no_indications(harms_lex: Lexicon) -> None:
    text = (
        "Velotamab is approved in multiple myeloma. The most common adverse reactions included nausea, stomatitis "
        "and alopecia. Interstitial lung disease was reported in 4.1% of patients, and reviewers questioned its "
        "safety, citing high rates of keratopathy."
    )
    assert set(_entities(harms_lex, text)["indications"]) == {"multiple myeloma"}


def test_a_disease_named_as_a_use_and_as_a_harm_stays(harms_lex: Lexicon) -> None:
    text = (
        "Rivals are testing drugs in interstitial lung disease. Velotamab's label carries warnings for interstitial "
        "lung disease."
    )
    assert "interstitial lung disease" in _entities(harms_lex, text)["indications"]


def test_a_regimen_acronym_is_no_alias_of_its_last_drug(harms_lex: Lexicon) -> None:
    text = "The trial tested velotamab combined with bortezomib and dexamethasone (VBd) in multiple myeloma."
    drugs = _entities(harms_lex, text)["drugs"]
    assert drugs["dexamethasone"] == ["dexamethasone"]
