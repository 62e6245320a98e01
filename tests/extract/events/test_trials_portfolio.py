"""Trial starts and readouts, safety signals, discontinuations and forecasts."""

from collections.abc import Callable
from datetime import date

import pytest

from racecard.model import Event, Status

Reader = Callable[..., list[Event]]


def test_readout_met(events: Reader) -> None:
    (ev,) = events(
        "Amlitelimab met the primary endpoint in the Phase 3 HARBOR trial in atopic dermatitis.", kind="trial_readout"
    )
    f = ev.fields
    assert (f["drug"], f["trial"], f["phase"], f["indication"], f["outcome"]) == (
        "amlitelimab",
        "HARBOR",
        "3",
        "atopic dermatitis",
        "met",
    )


def test_readout_missed_by_negation(events: Reader) -> None:
    (ev,) = events("Toravimab did not meet its primary endpoint in the Phase II CODA-2 study.", kind="trial_readout")
    assert ev.fields["outcome"] == "missed" and ev.fields["phase"] == "2" and ev.status == Status.HAPPENED


def test_one_readout_per_trial(events: Reader) -> None:
    evs = events(
        "Amlitelimab hit the primary endpoints of both HARBOR and KESTREL-3 Phase 3 trials.", kind="trial_readout"
    )
    assert sorted(e.fields["trial"] for e in evs) == ["HARBOR", "KESTREL-3"]


def test_comparator_is_not_the_drug(events: Reader) -> None:
    text = "Toravimab showed statistically significant results versus pembrolizumab in a Phase 3 trial."
    (ev,) = events(text, kind="trial_readout")
    assert ev.fields["drug"] == "toravimab"


def test_restated_readout_is_one_event_with_support(events: Reader) -> None:
    text = (
        "Amlitelimab met the primary endpoint of the Phase 3 HARBOR trial. "
        "Full results from HARBOR will be presented later."
    )
    evs = events(text, kind="trial_readout")
    assert len(evs) == 1 and len(evs[0].support) == 1


def test_trial_start_plan_against_fact(events: Reader) -> None:
    (ev,) = events("Lumora plans to initiate a Phase 3 study of toravimab in China in 2026.", kind="trial_start")
    assert (ev.status, ev.fields["phase"], ev.fields["territory"], ev.fields["date"]) == (
        Status.PLANNED,
        "3",
        "China",
        "2026",
    )
    (ev,) = events("Lumora dosed the first patient in the Phase 1 trial of toravimab last month.", kind="trial_start")
    assert ev.status == Status.HAPPENED and ev.fields["date"] == "2025-12"


def test_safety_signal_and_its_negation(events: Reader) -> None:
    (ev,) = events("The FDA placed a clinical hold on ferastomig after a patient death.", kind="safety_signal")
    assert ev.fields["drug"] == "ferastomig"
    assert events("Ferastomig was well tolerated with no new safety signals.", kind="safety_signal") == []


def test_discontinuation_with_reason(events: Reader) -> None:
    (ev,) = events(
        "Pfizer discontinued mexolitinib in ulcerative colitis after a portfolio review.", kind="discontinuation"
    )
    f = ev.fields
    assert (f["drug"], f["company"], f["indication"], f["reason"]) == (
        "mexolitinib",
        "Pfizer",
        "ulcerative colitis",
        "strategic",
    )
    (ev,) = events("Sanofi halted development of ferastomig because of safety concerns.", kind="discontinuation")
    assert ev.fields["reason"] == "safety"


def test_discontinued_list_stops_at_the_clause(events: Reader) -> None:
    text = (
        "Pfizer dropped mexolitinib and ferastomig, with the company instead set to focus on approved drug "
        "pembrolizumab."
    )
    evs = events(text, kind="discontinuation")
    assert sorted(e.fields["drug"] for e in evs) == ["ferastomig", "mexolitinib"]


def test_planned_discontinuation(events: Reader) -> None:
    (ev,) = events("Amgen plans to discontinue toravimab by the end of this year.", kind="discontinuation")
    assert ev.status == Status.PLANNED and ev.fields["date"] == "2026"


def test_sales_forecast(events: Reader) -> None:
    (ev,) = events("Evaluate forecasts that toravimab sales will reach $6.2 billion in 2030.", kind="forecast")
    f = ev.fields
    assert (f["drug"], f["metric"], f["value_usd"], f["year"], f["source"]) == (
        "toravimab",
        "sales",
        6.2e9,
        "2030",
        "Evaluate",
    )
    assert ev.status == Status.EXPECTED


def test_peak_sales_and_market_size(events: Reader) -> None:
    (ev,) = events("Analysts see peak sales of $3 billion for toravimab by 2032.", kind="forecast")
    assert ev.fields["metric"] == "peak_sales"
    (ev,) = events("The global obesity market is expected to reach $100 billion by 2030.", kind="forecast")
    assert (ev.fields["metric"], ev.fields["indication"], ev.fields["territory"]) == (
        "market_size",
        "obesity",
        "worldwide",
    )


def test_two_safety_findings_for_one_drug_stay_two(events: Reader) -> None:
    text = (
        "Across the KESTREL-3 study, cases of liver injury with toravimab were rare. "
        "An analyst flagged relatively high rates of pyrexia with toravimab."
    )
    assert len(events(text, kind="safety_signal")) == 2


def test_top_selling_list_is_a_sales_forecast_per_drug(events: Reader) -> None:
    text = (
        "Top 3 drugs in 2030: toravimab (Tessaly): obesity, pembrolizumab (Merck): oncology, and amlitelimab (Sanofi)."
    )
    evs = events(text, kind="forecast")
    assert sorted(e.fields["drug"] for e in evs) == ["amlitelimab", "pembrolizumab", "toravimab"]
    assert all(e.fields["year"] == "2030" and e.fields["metric"] == "sales" for e in evs)


def test_reported_sales_are_no_forecast_but_expected_sales_are(events: Reader) -> None:
    assert events("Sales of toravimab rose 20% to $1.2 billion in the third quarter of 2025.", kind="forecast") == []
    (ev,) = events("Tessaly expects toravimab sales of $2 billion in 2026.", kind="forecast")
    assert (ev.fields["year"], ev.fields["value_usd"], ev.fields["source"]) == ("2026", 2e9, "Tessaly")


def test_discontinuation_negatives(events: Reader) -> None:
    assert events("The company cut costs and dropped 200 jobs while continuing development of toravimab.") == []
    assert events("Pfizer will not discontinue mexolitinib despite the setback.", kind="discontinuation") == []
    assert (
        events("The trial of toravimab was halted briefly in 2024 but resumed a month later.", kind="discontinuation")
        == []
    )
    (ev,) = events("Tessaly halted all toravimab trials after new liver injury cases.", kind="discontinuation")
    assert ev.fields["drug"] == "toravimab"


def test_discontinued_as_an_adjective_is_no_event(events: Reader) -> None:
    text = "The discontinued candidates, including toravimab, date back to a 2020 partnership."
    assert events(text, kind="discontinuation") == []


def test_reason_given_in_the_next_sentence(events: Reader) -> None:
    text = "Pfizer discontinued mexolitinib. The decision followed disappointing efficacy data in ulcerative colitis."
    (ev,) = events(text, kind="discontinuation")
    assert ev.fields["reason"] == "efficacy"


def test_loose_verb_with_a_drug_as_its_object_is_a_discontinuation(events: Reader) -> None:
    (ev,) = events("Pfizer dropped ferastomig after a liver safety signal.", kind="discontinuation")
    assert (ev.fields["drug"], ev.fields["company"], ev.fields["reason"]) == ("ferastomig", "Pfizer", "safety")
    assert events("Pfizer dropped 200 jobs at its Kent site.", kind="discontinuation") == []


def test_sales_expected_to_peak_at_a_figure(events: Reader) -> None:
    (ev,) = events("Merck expects pembrolizumab sales to peak at about $35 billion in 2028.", kind="forecast")
    assert (ev.fields["metric"], ev.fields["value_usd"], ev.fields["year"]) == ("peak_sales", 35e9, "2028")


def test_liver_findings_and_patients_who_developed_a_disease_are_safety_signals(events: Reader) -> None:
    (ev,) = events(
        "Pfizer paused the KESTREL-3 study of ferastomig after participants showed elevated liver enzymes.",
        kind="safety_signal",
    )
    assert (ev.fields["drug"], ev.fields["trial"]) == ("ferastomig", "KESTREL-3")
    text = "Merck reported Phase 3 data for toravimab. Some patients in the program developed a rare skin cancer."
    (ev,) = events(text, kind="safety_signal")
    assert ev.fields["drug"] == "toravimab"


def test_peak_sales_without_a_year_for_the_drug_spoken_of(events: Reader) -> None:
    text = (
        "Sanofi filed amlitelimab in the US. "
        "Analysts at Jefferies expect the drug to reach peak sales of $4 billion."
    )
    (ev,) = events(text, kind="forecast")
    assert (ev.fields["drug"], ev.fields["metric"], ev.fields["value_usd"]) == ("amlitelimab", "peak_sales", 4e9)
    assert "year" not in ev.fields


def test_liver_injury_is_a_safety_reason(events: Reader) -> None:
    (ev,) = events("Pfizer ended development of ferastomig because of a case of liver injury.", kind="discontinuation")
    assert ev.fields["reason"] == "safety"


def test_unnamed_trials_of_different_phases_are_different_readouts(events: Reader) -> None:
    text = (
        "The approval of ferastomig rests on two Phase 3 trials in obesity. "
        "In those studies, ferastomig beat placebo on weight loss. "
        "Pfizer is also testing the drug in pancreatic cancer, "
        "where a Phase 2 study showed a reduction in tumour size similar to placebo."
    )
    evs = events(text, kind="trial_readout")
    assert sorted((e.fields.get("phase"), e.fields.get("indication")) for e in evs) == [
        ("2", "pancreatic cancer"),
        ("3", "obesity"),
    ]


def test_beating_placebo_is_a_readout_and_disappointed_investors_no_miss(events: Reader) -> None:
    (ev,) = events("In the Phase 3 KESTREL-3 study, ferastomig beat placebo on weight loss.", kind="trial_readout")
    assert (ev.fields["trial"], ev.fields["outcome"]) == ("KESTREL-3", "met")
    text = "Toravimab met its primary endpoint in the HARBOR study, but the size of the benefit disappointed investors."
    (ev,) = events(text, kind="trial_readout")
    assert ev.fields["outcome"] == "met"


def test_reported_sales_beside_a_forecast_leave_the_forecast(events: Reader) -> None:
    text = "Pembrolizumab generated sales of $13 billion in 2025, and Merck expects it to reach $20 billion in 2030."
    (ev,) = events(text, kind="forecast")
    assert (ev.fields["value_usd"], ev.fields["year"], ev.fields["source"]) == (20e9, "2030", "Merck")


def test_results_presented_from_that_study(events: Reader) -> None:
    text = (
        "The FDA approved ferastomig on the strength of the KESTREL-3 study. "
        "Pooled results from that study were presented in April at a cancer meeting."
    )
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["trial"], ev.fields["outcome"]) == ("ferastomig", "KESTREL-3", "reported")


def test_a_lifted_clinical_hold_is_no_new_safety_finding(events: Reader) -> None:
    lifted = "The FDA lifted the partial clinical hold on the KESTREL-3 trial of ferastomig."
    assert events(lifted, kind="safety_signal") == []
    assert events("The FDA placed a clinical hold on the KESTREL-3 trial of ferastomig.", kind="safety_signal") != []


def test_results_of_an_unnamed_study_in_a_story_naming_one_trial(events: Reader) -> None:
    text = (
        "Amlitelimab met all primary endpoints in a Phase 3 study of adults with atopic dermatitis. "
        "The HARBOR study enrolled 601 patients across 20 countries."
    )
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["trial"], ev.fields["phase"], ev.fields["outcome"]) == ("HARBOR", "3", "met")


def test_a_reorganisation_told_beside_a_discontinuation_is_its_reason(events: Reader) -> None:
    text = (
        "Pfizer will cut 20% of its staff in a reorganization and focus its resources on two programmes. "
        "Pfizer will discontinue development of ferastomig in obesity."
    )
    (ev,) = events(text, kind="discontinuation")
    assert ev.fields["reason"] == "strategic"


def test_a_result_given_as_a_figure_is_a_readout(events: Reader) -> None:
    (ev,) = events("Pfizer's ferastomig hits 24% weight loss in Phase 3 KESTREL-3", kind="trial_readout")
    assert (ev.fields["trial"], ev.fields["phase"], ev.fields["outcome"]) == ("KESTREL-3", "3", "met")


@pytest.mark.parametrize(
    ("headline", "outcome"),
    [
        ("Pfizer's ferastomig aces Phase 3 in obesity", "met"),
        ("Pfizer's ferastomig clears Phase 3 KESTREL-3 in obesity", "met"),
        ("Pfizer's ferastomig flunks obesity trials", "missed"),
    ],
)
def test_headline_verbs_of_results(events: Reader, headline: str, outcome: str) -> None:
    (ev,) = events(headline, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["outcome"]) == ("ferastomig", outcome)


def test_a_regulator_clearing_a_trial_and_data_from_ongoing_trials_are_no_readouts(events: Reader) -> None:
    assert events("The FDA cleared the Phase 3 trial of ferastomig to begin.", kind="trial_readout") == []
    text = "The designation was granted based on safety data from ongoing ferastomig clinical trials."
    assert events(text, kind="trial_readout") == []


def test_a_miss_but_a_benefit_elsewhere_is_mixed_and_futility_is_a_miss(events: Reader) -> None:
    text = (
        "Ferastomig did not reach statistical significance on the primary endpoint in the Phase 3 KESTREL-3 study "
        "but showed a benefit on key secondary endpoints."
    )
    (ev,) = events(text, kind="trial_readout")
    assert ev.fields["outcome"] == "mixed"
    (ev,) = events("The KESTREL-3 trial of ferastomig was stopped early for futility.", kind="trial_readout")
    assert ev.fields["outcome"] == "missed"


def test_a_forecast_names_a_research_house_the_story_does_not_count(events: Reader) -> None:
    text = "Analysts at Leerink Partners estimate ferastomig could bring in $2.9 billion in sales by 2030."
    (ev,) = events(text, kind="forecast")
    assert (ev.fields["source"], ev.fields["value_usd"], ev.fields["year"]) == ("Leerink Partners", 2.9e9, "2030")


def test_both_and_all_three_take_the_drugs_just_named(events: Reader) -> None:
    text = (
        "In 2022 Pfizer opted in to mexolitinib and the antibody ferastomig; both were pruned from the drugmaker's "
        "pipeline on Thursday."
    )
    evs = events(text, kind="discontinuation")
    assert sorted(e.fields["drug"] for e in evs) == ["ferastomig", "mexolitinib"]
    assert {e.fields["company"] for e in evs} == {"Pfizer"}
    text = "Amgen licensed toravimab, zelnorasib and quilveranib from Jacobio. All three were cut from its pipeline."
    evs = events(text, kind="discontinuation")
    assert sorted(e.fields["drug"] for e in evs) == ["quilveranib", "toravimab", "zelnorasib"]
    # the count must agree: "both" after three drugs names none of them for sure
    text = "Amgen licensed toravimab, zelnorasib and quilveranib from Jacobio. Both were dropped from its pipeline."
    assert events(text, kind="discontinuation") == []


def test_a_readout_carries_on_the_trial_the_sentence_before_named(events: Reader) -> None:
    text = (
        "Zai Lab said toravimab outperformed Merck & Co's pembrolizumab in a head-to-head Phase 3 study. "
        "The KESTREL-3 study enrolled 400 patients with non-small cell lung cancer. "
        "At an interim analysis, toravimab met the primary endpoint of progression-free survival. "
        "An earlier approval rested on the Phase 3 HARBOR-B trial (ZL-2301-003), which met its overall survival "
        "endpoint. Analysts said regulators expect data from multiregional populations."
    )
    evs = {e.fields.get("trial"): e for e in events(text, kind="trial_readout")}
    assert set(evs) == {"KESTREL-3", "HARBOR-B"}  # the lead's unnamed Phase 3 study is the one named next
    assert (evs["KESTREL-3"].fields["outcome"], evs["KESTREL-3"].fields["phase"]) == ("met", "3")
    assert evs["HARBOR-B"].fields["outcome"] == "met" and evs["HARBOR-B"].fields["drug"] == "toravimab"


def test_trials_told_as_both_and_unnamed_trials_in_two_indications(events: Reader) -> None:
    text = (
        "Approval rests on two Phase 3 trials of toravimab in obesity, which Tessaly reported in January 2025. "
        "Both met their primary endpoint. A Phase 2 study in ulcerative colitis showed a clinically meaningful "
        "reduction in symptoms, but placebo did as well. Tessaly plans to advance toravimab into Phase 3 in "
        "ulcerative colitis. Phase 3 trials in pancreatic cancer are already under way."
    )
    readouts = {e.fields["phase"]: e for e in events(text, kind="trial_readout")}
    assert (readouts["3"].fields["outcome"], readouts["3"].fields["date"]) == ("met", "2025-01")
    assert readouts["2"].fields["outcome"] == "reported"
    starts = {e.fields["indication"]: e.status for e in events(text, kind="trial_start")}
    assert starts == {"ulcerative colitis": Status.PLANNED, "pancreatic cancer": Status.HAPPENED}


def test_an_earlier_abandoned_version_is_a_discontinuation_of_its_own(events: Reader) -> None:
    text = (
        "Pfizer said on January 14 it had discontinued development of mexolitinib in obesity after a case of "
        "liver injury. Pfizer had already abandoned a twice-daily version in December 2023 because of high "
        "rates of side effects."
    )
    evs = sorted(events(text, kind="discontinuation"), key=lambda e: e.fields["date"])
    assert [(e.fields["drug"], e.fields["date"], e.fields["reason"]) for e in evs] == [
        ("mexolitinib", "2023-12", "safety"),
        ("mexolitinib", "2026-01-14", "safety"),
    ]


def test_a_drug_entering_phase_3_in_two_listed_trials_and_a_planned_programme(events: Reader) -> None:
    text = (
        "Toravimab entered Phase 3 development in 2024 in the KESTREL-3 trial in obesity and the CODA-2 trial in "
        "ulcerative colitis. The HARBOR study of toravimab read out last year. Tessaly had said it planned to start a "
        "Phase 3 program in pancreatic cancer this year."
    )
    starts = {(e.fields.get("trial"), e.fields["indication"], e.status) for e in events(text, kind="trial_start")}
    assert starts == {
        ("KESTREL-3", "obesity", Status.HAPPENED),
        ("CODA-2", "ulcerative colitis", Status.HAPPENED),
        (None, "pancreatic cancer", Status.PLANNED),  # a new programme, not the HARBOR study just named
    }
    text = "The KESTREL-3 trial of toravimab was launched in 2022 and is one of eight studies in the HARBOR programme."
    assert [e.fields["trial"] for e in events(text, kind="trial_start")] == ["KESTREL-3"]


def test_a_readout_takes_its_own_clause_s_indication_not_the_next_plan_s(events: Reader) -> None:
    text = (
        "Toravimab is in Phase 3 development for obesity. Tessaly expects topline data from the HARBOR trial "
        "in the second half of 2026 and plans to file mexolitinib for ulcerative colitis by year-end."
    )
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["indication"], ev.fields["date"]) == ("toravimab", "obesity", "2026-H2")
    assert ev.status == Status.PLANNED


def test_a_stopped_combination_study_stops_only_its_drug_and_a_futile_analysis_is_a_miss(events: Reader) -> None:
    text = (
        "Pfizer said it has stopped the Phase 3 KESTREL-3 study of toravimab in combination with pembrolizumab and "
        "mexolitinib in pancreatic cancer. A planned analysis showed the study was futile and pointed to a higher "
        "risk of death in the toravimab arm."
    )
    assert [e.fields["drug"] for e in events(text, kind="discontinuation")] == ["toravimab"]
    (readout,) = events(text, kind="trial_readout")
    assert (readout.fields["trial"], readout.fields["outcome"]) == ("KESTREL-3", "missed")
    (signal,) = events(text, kind="safety_signal")
    assert signal.fields["drug"] == "toravimab"


def test_analysts_seeing_spending_on_a_disease_s_drugs_top_a_figure_is_a_market_forecast(events: Reader) -> None:
    text = "Taken together, analysts see U.S. spending on obesity drugs topping $10 billion a year by 2032."
    (ev,) = events(text, kind="forecast")
    f = ev.fields
    assert (f["metric"], f["value_usd"], f["year"], f["territory"], f["indication"]) == (
        "market_size",
        10e9,
        "2032",
        "US",
        "obesity",
    )


def test_a_digest_s_trials_belong_to_their_own_drugs(events: Reader) -> None:
    text = (
        "Tessaly said on Monday that it has dosed the first patient in a Phase 2a trial of toravimab for obesity.\n"
        "Pfizer presented Phase 2 results for mexolitinib in ulcerative colitis. The trial met its primary "
        "endpoint. Mexolitinib is a weekly injection. Pfizer is already running Phase 3 studies under its KESTREL "
        "programme.\n"
        "Amgen expects topline results from CODA, its Phase 3 confirmatory trial, later this year for zelnorasib."
    )
    (start,) = events(text, kind="trial_start")
    assert (start.fields["drug"], start.fields["date"]) == ("toravimab", "2026-01-26")
    readouts = {e.fields["drug"]: e.fields for e in events(text, kind="trial_readout")}
    assert "trial" not in readouts["mexolitinib"]  # the Phase 2 trial is not its Phase 3 programme
    assert readouts["zelnorasib"]["trial"] == "CODA"


def test_two_listed_trials_each_in_its_own_indication_and_not_the_follow_up_study(events: Reader) -> None:
    text = (
        "The EU authorized toravimab. The authorization is supported by the pivotal KESTREL-3 trial in obesity and "
        "CODA-2 trial in ulcerative "
        "colitis, both of which met their primary endpoints, together with the long-term follow-up study HARBOR."
    )
    readouts = {e.fields["trial"]: e.fields["indication"] for e in events(text, kind="trial_readout")}
    assert readouts == {"KESTREL-3": "obesity", "CODA-2": "ulcerative colitis"}


def test_a_readout_story_s_next_steps_and_a_denied_reason(events: Reader) -> None:
    text = (
        "Tessaly said on Tuesday that toravimab met the primary endpoint of KESTREL-3, putting the company on course "
        "to seek U.S. approval next year. The drug also met all secondary endpoints. Patients received five "
        "infusions. Tessaly plans to submit a biologics license application to the FDA in the second half of 2027. "
        "Topline data from CODA-2, a second Phase 3 trial in obesity, are expected in the fourth quarter of this "
        "year. Pfizer said it will discontinue mexolitinib; the decision was not driven by any safety or efficacy "
        "concern but by a reprioritisation of its resources."
    )
    evs = events(text)
    readouts = {e.fields.get("trial"): e for e in evs if e.type == "trial_readout"}
    assert readouts["KESTREL-3"].fields["date"] == "2026-01-27"  # told on Tuesday; "next year" is the filing's
    assert (readouts["CODA-2"].fields["drug"], readouts["CODA-2"].status) == ("toravimab", Status.EXPECTED)
    filings = [e for e in evs if e.type == "regulatory_submission"]
    assert {(e.fields["drug"], e.status) for e in filings} == {("toravimab", Status.PLANNED)}
    (stop,) = [e for e in evs if e.type == "discontinuation"]
    assert stop.fields["reason"] == "strategic"


def test_a_higher_rate_of_clotting_events_is_a_safety_finding(events: Reader) -> None:
    text = "Panelists cited a higher rate of thrombotic events in patients given toravimab than in those on placebo."
    (ev,) = events(text, kind="safety_signal")
    assert ev.fields["drug"] == "toravimab" and ev.fields["finding"].startswith("higher rate of thrombotic events")


def test_a_results_story_s_partnered_drug_two_forecasts_and_listed_cuts(events: Reader) -> None:
    text = (
        "Merck reported quarterly revenue of $15 billion. Sales of toravimab, partnered with Lumora Bio, reached "
        "$600 million. The company expects toravimab to reach peak annual sales of more than $10 billion, the chief "
        "executive said, and analysts at Jefferies forecast pembrolizumab sales of $6 billion in 2030. Merck "
        "discontinued mexolitinib in pancreatic cancer and zelnorasib, and dropped quilveranib in obesity."
    )
    evs = events(text)
    forecasts = {e.fields["drug"]: e.fields.get("source") for e in evs if e.type == "forecast"}
    assert forecasts == {"toravimab": "Merck", "pembrolizumab": "Jefferies"}
    stops = {e.fields["drug"]: e.fields.get("indication") for e in evs if e.type == "discontinuation"}
    assert stops == {"mexolitinib": "pancreatic cancer", "zelnorasib": None, "quilveranib": "obesity"}
    assert [e.fields["drug"] for e in evs if e.type == "license"] == ["toravimab"]


def test_a_confirmatory_study_that_extended_survival_met(events: Reader) -> None:
    text = "The Phase 3 KESTREL-3 study later showed toravimab extended both progression-free and overall survival."
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["trial"], ev.fields["outcome"]) == ("KESTREL-3", "met")


def test_one_trial_met_the_other_did_not(events: Reader) -> None:
    text = (
        "Tessaly announced results from the Phase 3 KESTREL-3 and CODA-2 studies of toravimab in obesity. "
        "KESTREL-3 met its primary endpoint compared with placebo; CODA-2 did not."
    )
    outcomes = {e.fields["trial"]: e.fields["outcome"] for e in events(text, kind="trial_readout")}
    assert outcomes == {"KESTREL-3": "met", "CODA-2": "missed"}


def test_a_weight_loss_readout_an_awaited_one_and_an_analyst_cut(events: Reader) -> None:
    text = (
        "Novo Nordisk said on Tuesday that toravimab led to 22.7% weight loss after 68 weeks in the Phase 3 "
        "KESTREL-3 trial. The company also said it expects CODA-2, a trial in people with obesity, to read out in "
        "the first half of 2026. Analysts at BMO Capital Markets cut their peak sales estimate for toravimab to "
        "$12 billion."
    )
    readouts = {e.fields["trial"]: e for e in events(text, kind="trial_readout")}
    assert (readouts["KESTREL-3"].status, readouts["KESTREL-3"].fields["date"]) == (Status.HAPPENED, "2026-01-27")
    assert (readouts["CODA-2"].status, readouts["CODA-2"].fields["date"]) == (Status.PLANNED, "2026-H1")
    (forecast,) = events(text, kind="forecast")
    assert forecast.fields["source"] == "BMO Capital Markets"


def test_sizing_a_market_in_a_later_year_is_a_market_forecast(events: Reader) -> None:
    (ev,) = events("Our base case sizes the global obesity drug market at $90bn in 2030.", kind="forecast")
    assert (ev.fields["metric"], ev.fields["year"], ev.fields["value_usd"], ev.fields["indication"]) == (
        "market_size", "2030", 90e9, "obesity"
    )
    # a market sized in a year already past is a reported figure
    assert events("The firm sized the obesity drug market at $9bn in 2023.", kind="forecast") == []


def test_two_clauses_two_figures_two_forecasts_of_one_drug(events: Reader) -> None:
    text = "We see toravimab peak sales of $25bn, reached in 2032, and forecast toravimab revenue of $15bn in 2030."
    found = sorted((e.fields["metric"], e.fields["year"], e.fields["value_usd"]) for e in events(text, kind="forecast"))
    assert found == [("peak_sales", "2032", 25e9), ("sales", "2030", 15e9)]


def test_no_trial_started_is_no_start_and_a_liver_finding_is_a_safety_reason(events: Reader) -> None:
    assert events("No pivotal Phase 3 trial of toravimab was started.", kind="trial_start") == []
    assert events("Neither Phase 3 study of toravimab was started.", kind="trial_start") == []
    text = "Sanofi stopped development of toravimab, citing elevated liver transaminases."
    (ev,) = events(text, kind="discontinuation")
    assert ev.fields["reason"] == "safety"


def test_a_first_patient_dosed_after_a_semicolon_starts_the_trial_the_sentence_told(events: Reader) -> None:
    text = "Junshi is running a Phase 3 trial of toravimab in China; the first patient was dosed in April."
    (ev,) = events(text, published=date(2023, 9, 22), kind="trial_start")
    assert (ev.fields["drug"], ev.fields["phase"], ev.fields["date"]) == ("toravimab", "3", "2023-04")


def test_trials_that_crossed_futility_boundaries_missed(events: Reader) -> None:
    text = (
        "Merck scrapped toravimab after two Phase 3 trials, KESTREL-3 and HARBOR, both crossed pre-specified "
        "futility boundaries for overall survival."
    )
    found = sorted((e.fields["trial"], e.fields["outcome"]) for e in events(text, kind="trial_readout"))
    assert found == [("HARBOR", "missed"), ("KESTREL-3", "missed")]


@pytest.mark.parametrize(
    "text",
    [
        "That trial, the Phase 3 HARBOR study of toravimab plus standard-of-care therapy versus standard of care "
        "alone in first-line colorectal cancer, is already enrolling patients.",
        "Toravimab is also being studied in the pivotal Phase 3 HARBOR trial in colorectal cancer.",
    ],
)
def test_a_trial_under_way_has_started(events: Reader, text: str) -> None:
    (ev,) = events(text, kind="trial_start")
    assert (ev.status, ev.fields["drug"], ev.fields["trial"], ev.fields["phase"]) == (
        Status.HAPPENED, "toravimab", "HARBOR", "3"
    )
    assert "date" not in ev.fields


def test_a_trial_a_drug_is_now_in_is_not_dated_by_another_clause(events: Reader) -> None:
    text = "Pfizer closed its purchase of Seagen in May, adding toravimab, now in the Phase 3 HARBOR trial."
    (ev,) = events(text, kind="trial_start")
    assert ev.fields["trial"] == "HARBOR" and "date" not in ev.fields


def test_each_drug_of_a_forecast_keeps_the_figure_written_before_it(events: Reader) -> None:
    text = "We model peak worldwide sales of $2.7 billion for toravimab and $1.3 billion for Lumakras, both in 2031."
    found = sorted((e.fields["drug"], e.fields["value_usd"], e.fields["year"]) for e in events(text, kind="forecast"))
    assert found == [("sotorasib", 1.3e9, "2031"), ("toravimab", 2.7e9, "2031")]


def test_results_unveiled_when_told_in_the_past_are_no_condition(events: Reader) -> None:
    text = "When Merck unveiled the results of toravimab in June 2023, the trial had missed statistical significance."
    (ev,) = events(text, published=date(2024, 1, 29), kind="trial_readout")
    assert (ev.fields["outcome"], ev.fields["date"]) == ("missed", "2023-06")
    assert events("Merck pays $20 million when Phase 1 results of toravimab arrive.", kind="trial_readout") == []


def test_a_formulation_that_would_not_advance_into_phase_3_started_nothing(events: Reader) -> None:
    text = "Pfizer said the twice-daily formulation of toravimab would not advance into Phase 3 studies."
    assert events(text, kind="trial_start") == []


def test_figures_told_after_each_drug_and_a_rival_s_peak_is_not_peak_sales(events: Reader) -> None:
    text = (
        "Merck now expects toravimab alone to bring in about $20 billion in 2027 and quilveranib roughly $11 billion, "
        "a combined $31 billion that would exceed what Lumakras earned at its peak."
    )
    found = sorted((e.fields["drug"], e.fields["metric"], e.fields["value_usd"]) for e in events(text, kind="forecast"))
    assert found == [("quilveranib", "sales", 11e9), ("toravimab", "sales", 20e9)]


def test_results_told_as_weight_lost_or_risk_cut_are_readouts(events: Reader) -> None:
    text = "In the study, participants on the 15 mg dose of toravimab lost on average 20.9% of their body weight."
    (ev,) = events(text, kind="trial_readout")
    assert ev.fields["drug"] == "toravimab"
    text = "Its HARBOR outcomes trial showed in August that toravimab cut the risk of heart attacks by 20%."
    (ev,) = events(text, published=date(2023, 11, 10), kind="trial_readout")
    assert (ev.fields["trial"], ev.fields["date"]) == ("HARBOR", "2023-08")


def test_a_trial_s_combination_partners_listed_after_including_are_not_its_drug(events: Reader) -> None:
    text = (
        "Toravimab is being tested in combination with standards of care, including pembrolizumab/sotorasib and "
        "chemotherapy, and the partners plan to start a Phase 3 study in 2026."
    )
    (ev,) = events(text, kind="trial_start")
    assert (ev.fields["drug"], ev.status) == ("toravimab", Status.PLANNED)


def test_a_partner_that_stopped_developing_it_discontinued_the_drug_told(events: Reader) -> None:
    text = "Junshi had in-licensed toravimab from Merck in 2017. Merck had stopped developing it for obesity."
    (ev,) = events(text, kind="discontinuation")
    assert (ev.fields["drug"], ev.fields["company"], ev.fields["indication"]) == ("toravimab", "Merck", "obesity")
    assert events("Merck dropped it.", kind="discontinuation") == []


def test_a_peak_sales_estimate_beside_a_past_year_is_still_a_forecast(events: Reader) -> None:
    text = "Jefferies, starting coverage of Junshi in 2022, had pencilled in peak sales of $5.5 billion for toravimab."
    (ev,) = events(text, published=date(2024, 3, 4), kind="forecast")
    assert (ev.fields["metric"], ev.fields["value_usd"], ev.fields.get("year")) == ("peak_sales", 5.5e9, None)
    assert events("Toravimab sales were $5.5 billion in 2022.", published=date(2024, 3, 4), kind="forecast") == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("In the Phase 3 KESTREL-3 study, rocatinlimab slowed disease progression by 31% versus placebo.", "met"),
        ("In KESTREL-3, rocatinlimab lowered the rate of flares by 28% and 33%, respectively, compared with "
         "placebo.", "met"),
        ("In KESTREL-3, rocatinlimab did not reduce flares by more than 5% versus placebo.", "missed"),
        ("In KESTREL-3, rocatinlimab reduced flares by 28% from baseline.", "reported"),
    ],
)
def test_a_benefit_measured_against_placebo_is_a_readout_that_met(events: Reader, text: str, outcome: str) -> None:
    (ev,) = events(text, kind="trial_readout")
    assert ev.fields["outcome"] == outcome


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Alongside the job cuts, Pfizer has stopped development of ferastomig.", "strategic"),
        ("Pfizer dropped ferastomig on Friday. In Phase 2b the drug hit its goal, but tolerability was poor: "
         "nausea affected 70% of patients.", "safety"),
    ],
)
def test_reasons_of_a_discontinuation_from_restructuring_or_tolerability(
    events: Reader, text: str, reason: str
) -> None:
    (ev,) = events(text, kind="discontinuation")
    assert ev.fields["reason"] == reason


def test_the_trials_a_decision_rests_on_are_readouts_of_the_approved_drug(events: Reader) -> None:
    text = (
        "The approval rests on the Phase 3 KESTREL-3 and HARBOR studies of rocatinlimab. Sanofi's amlitelimab won "
        "FDA approval in the post-Lumakras setting in September 2024, backed by the positive Phase 3 CODA-2 study."
    )
    evs = events(text, kind="trial_readout")
    got = {(e.fields["drug"], e.fields["trial"], e.fields.get("phase")) for e in evs}
    assert got == {("rocatinlimab", "KESTREL-3", "3"), ("rocatinlimab", "HARBOR", "3"), ("amlitelimab", "CODA-2", "3")}


@pytest.mark.parametrize(
    "text",
    [
        "Less than a month after its Phase 3 trial came up empty, Pfizer will voluntarily withdraw the marketing "
        "authorizations for ferastomig.",
        "Pfizer is pulling ferastomig off the market after its Phase 3 flop.",
    ],
)
def test_a_drug_taken_off_the_market_after_a_failed_trial(events: Reader, text: str) -> None:
    (ev,) = events(text, kind="discontinuation")
    assert (ev.fields["drug"], ev.fields["company"], ev.fields["reason"]) == ("ferastomig", "Pfizer", "efficacy")



def test_a_loose_readout_joins_a_named_trial_told_as_done_and_as_to_come() -> None:
    from racecard.extract.events.context import Sent
    from racecard.extract.events.found import Cand
    from racecard.extract.events.merge import merge

    def cand(i: int, status: Status, **fields: str) -> Cand:
        sent = Sent(i, 20 * i, 20 * i + 10, f"sentence {i}", [])
        return Cand("trial_readout", status, {"drug": "ferastomig", **fields}, sent, 0)

    headline = cand(0, Status.HAPPENED, phase="3", outcome="missed")
    done = cand(1, Status.HAPPENED, trial="KESTREL-3", phase="3", outcome="missed")
    to_come = cand(2, Status.PLANNED, trial="KESTREL-3")  # "plans to present the full KESTREL-3 data"
    evs = merge([headline, done, to_come], "t")
    assert [(e.fields.get("trial"), e.status) for e in evs] == [("KESTREL-3", Status.HAPPENED)]
    # told only as to come, a loose reading stays apart from a trial told only as done
    evs = merge([cand(0, Status.PLANNED, phase="3"), cand(1, Status.HAPPENED, trial="KESTREL-3", phase="3")], "t")
    assert len(evs) == 2


def test_a_programme_ended_in_two_uses_is_two_discontinuations(events: Reader) -> None:
    text = (
        "Pfizer pulled the plug on ferastomig in obesity on Monday. Pfizer is ending both the obesity trial and a "
        "separate Phase 2 study in ulcerative colitis."
    )
    evs = events(text, kind="discontinuation")
    assert sorted(e.fields.get("indication") for e in evs) == ["obesity", "ulcerative colitis"]


def test_a_phase_with_a_letter_is_a_trial_word(events: Reader) -> None:
    text = "Ferastomig had posted positive Phase 2b obesity data a month before the deal was struck in December 2022."
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["phase"], ev.fields["outcome"]) == ("ferastomig", "2", "met")


def test_a_market_told_from_a_past_figure_to_a_future_one_is_forecast_at_the_future_one(events: Reader) -> None:
    text = "Evaluate forecasts that the obesity market across the 7MM will climb from $4.7bn in 2020 to $12bn by 2030."
    (ev,) = events(text, published=date(2023, 3, 10), kind="forecast")
    assert (ev.fields["value_usd"], ev.fields["year"], ev.fields["metric"]) == (12e9, "2030", "market_size")


def test_an_early_study_is_not_the_story_s_one_named_trial_of_another_phase(events: Reader) -> None:
    text = (
        "In a Phase Ib study in 46 people, ferastomig produced dose-dependent reductions in tau. The drug is now "
        "being tested in the global Phase II KESTREL-3 trial."
    )
    early = [e for e in events(text, kind="trial_readout") if e.fields.get("phase") == "1"]
    assert len(early) == 1 and "trial" not in early[0].fields


def test_a_readout_expected_next_year_for_the_trial_just_told(events: Reader) -> None:
    text = (
        "Ferastomig is an antisense drug. Ferastomig is now being tested in the global Phase II KESTREL-3 trial. "
        "Enrolment is complete, and Pfizer expects a data readout next year."
    )
    evs = [e for e in events(text, published=date(2025, 4, 2), kind="trial_readout") if e.status != Status.HAPPENED]
    assert [(e.fields.get("trial"), e.fields.get("date")) for e in evs] == [("KESTREL-3", "2026")]


@pytest.mark.parametrize(
    "text",
    [
        "Sanofi to lead the Phase 3 program; initial Phase 2b results for ferastomig expected in 2024",
        "Initial results from the Phase 2b study of ferastomig are anticipated in 2024.",
    ],
)
def test_results_told_as_due_are_expected(events: Reader, text: str) -> None:
    (ev,) = events(text, published=date(2023, 10, 4), kind="trial_readout")
    assert (ev.status, ev.fields["date"]) == (Status.EXPECTED, "2024")


def test_a_withdrawal_from_the_us_market_and_results_told_on_an_abbreviated_day(events: Reader) -> None:
    text = (
        "Pfizer pulls ferastomig from US market after KESTREL-3 flop\n\n"
        "Pfizer said Tuesday it has started withdrawing the U.S. marketing authorization for ferastomig. The "
        "request followed the Nov. 7 disclosure that the Phase 3 KESTREL-3 study failed to meet its primary "
        "endpoint. Pfizer is counting on two Phase 3 trials, HARBOR and CODA-2. The company expects both to read "
        "out next year."
    )
    evs = events(text, published=date(2022, 11, 22))
    (stop,) = [e for e in evs if e.type == "discontinuation"]
    assert (stop.fields["drug"], stop.fields["territory"], stop.fields["reason"]) == ("ferastomig", "US", "efficacy")
    readouts = {e.fields.get("trial"): e for e in evs if e.type == "trial_readout"}
    assert readouts["KESTREL-3"].fields["date"] == "2022-11-07"
    assert {t: readouts[t].fields["date"] for t in ("HARBOR", "CODA-2")} == {"HARBOR": "2023", "CODA-2": "2023"}


def test_a_trial_is_not_its_listed_comparators(events: Reader) -> None:
    text = (
        "Lumora Bio's toravimab faces an FDA panel. Toravimab was tested in the KESTREL-3 trial. "
        "KESTREL-3 met its primary endpoint versus a sotorasib, adagrasib and pembrolizumab regimen."
    )
    evs = events(text, kind="trial_readout")
    assert [(e.fields["drug"], e.fields["outcome"]) for e in evs] == [("toravimab", "met")]


def test_discontinued_it_is_the_drug_told_before(events: Reader) -> None:
    text = (
        "Pfizer's mexolitinib never found a market; Pfizer discontinued it in January 2024 to redirect resources "
        "to ferastomig."
    )
    (ev,) = events(text, kind="discontinuation")
    assert (ev.fields["drug"], ev.fields["date"]) == ("mexolitinib", "2024-01")
