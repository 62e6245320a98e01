"""Submissions, designations, advisory opinions, approvals and rejections."""

from collections.abc import Callable
from datetime import date

from racecard.extract.pipeline import read
from racecard.lexicon import Lexicon
from racecard.model import Event, Status

Reader = Callable[..., list[Event]]


def one(evs: list[Event], **want: object) -> dict:
    hits = [e for e in evs if all(e.fields.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, [dict(e.fields) for e in evs]
    return dict(hits[0].fields)


def test_approval_with_agency_territory_indication(events: Reader) -> None:
    (ev,) = events("The FDA approved Krazati for colorectal cancer on Friday.", kind="approval")
    assert ev.fields["drug"] == "adagrasib"
    assert (ev.fields["agency"], ev.fields["territory"], ev.fields["indication"]) == ("FDA", "US", "colorectal cancer")
    assert ev.fields["date"] == "2026-01-30" and ev.status == Status.HAPPENED


def test_approval_in_china_implies_nmpa(events: Reader) -> None:
    (ev,) = events("Glecirasib was approved in China in May 2024 for NSCLC.", kind="approval")
    assert (ev.fields["agency"], ev.fields["territory"], ev.fields["date"]) == ("NMPA", "China", "2024-05")


def test_negated_approval_is_a_rejection(events: Reader) -> None:
    evs = events("The FDA did not approve sotorasib for NSCLC.")
    assert [e.type for e in evs] == ["rejection"]


def test_complete_response_letter(events: Reader) -> None:
    (ev,) = events("Amgen received a complete response letter from the FDA for Lumakras.", kind="rejection")
    assert ev.fields["drug"] == "sotorasib" and ev.fields["agency"] == "FDA"


def test_conditions_and_approved_drugs_are_not_approvals(events: Reader) -> None:
    assert events("Lumora is eligible for milestones upon approval of toravimab in the US.", kind="approval") == []
    assert events("The pivotal study of glecirasib was approved by the CDE in July 2023.", kind="approval") == []
    assert events("Toravimab joins approved drugs such as pembrolizumab in the clinic.", kind="approval") == []


def test_planned_submission(events: Reader) -> None:
    (ev,) = events(
        "Sanofi plans to submit a BLA for amlitelimab in atopic dermatitis in H2 2026.", kind="regulatory_submission"
    )
    assert ev.status == Status.PLANNED and ev.fields["date"] == "2026-H2"


def test_filed_submissions_for_listed_drugs(events: Reader) -> None:
    evs = events(
        "New drug applications have been filed in China for adagrasib and glecirasib.", kind="regulatory_submission"
    )
    assert sorted(e.fields["drug"] for e in evs) == ["adagrasib", "glecirasib"]
    assert all(e.fields["territory"] == "China" for e in evs)


def test_designations(events: Reader) -> None:
    (ev,) = events(
        "The CDE granted Breakthrough Therapy Designation to glecirasib for pancreatic cancer.", kind="designation"
    )
    assert (ev.fields["designation"], ev.fields["agency"], ev.fields["indication"]) == (
        "breakthrough",
        "NMPA",
        "pancreatic cancer",
    )
    (ev,) = events("Toravimab received Fast Track designation from the FDA.", kind="designation")
    assert ev.fields["designation"] == "fast_track"
    assert events("Toravimab is ready for prime time.", kind="designation") == []


def test_advisory_vote_against(events: Reader) -> None:
    text = "An FDA advisory committee voted 10-2 against sotorasib's trial design in NSCLC."
    (ev,) = events(text, published=date(2023, 10, 6), kind="advisory_opinion")
    assert (ev.fields["outcome"], ev.fields["agency"]) == ("negative", "FDA advisory committee")


def test_chmp_positive_opinion(events: Reader) -> None:
    (ev,) = events("The CHMP adopted a positive opinion recommending approval of amlitelimab.", kind="advisory_opinion")
    assert (ev.fields["outcome"], ev.fields["agency"], ev.fields["territory"]) == ("positive", "CHMP", "EU")


def test_approved_as_an_adjective_is_no_approval(events: Reader) -> None:
    assert events("Patients were selected with an FDA-approved test before receiving toravimab.", kind="approval") == []
    assert events("The approved dose of toravimab is 960 mg.", kind="approval") == []
    (ev,) = events("The FDA approved toravimab for obesity.", kind="approval")
    assert ev.fields["agency"] == "FDA"


def test_refuse_to_file_and_prime(events: Reader) -> None:
    (ev,) = events("The FDA issued a refuse-to-file letter for toravimab.", kind="rejection")
    assert ev.fields["agency"] == "FDA"
    (ev,) = events("Toravimab was granted PRIME status by the EMA for obesity.", kind="designation")
    assert (ev.fields["designation"], ev.fields["agency"]) == ("prime", "EMA")
    assert events("Tessaly applied for Breakthrough Therapy Designation for toravimab.", kind="designation") == []


def test_submission_named_by_its_agency(events: Reader) -> None:
    (ev,) = events(
        "Lumora Bio's pipeline includes ferastomig, which the company expects to submit to the FDA in 2027.",
        kind="regulatory_submission",
    )
    assert (ev.fields["drug"], ev.fields["agency"], ev.fields["date"], ev.status) == (
        "ferastomig",
        "FDA",
        "2027",
        Status.PLANNED,
    )


def test_planned_filing_carries_the_drug_of_the_sentence_before(events: Reader) -> None:
    text = (
        "Tessaly and Merck also discussed pembrolizumab. Quilveranib is in a Phase 3 trial in China. "
        "Lumora Bio plans to file for approval with the NMPA in 2027."
    )
    (ev,) = events(text, kind="regulatory_submission")
    assert (ev.fields["drug"], ev.fields["agency"], ev.status) == ("quilveranib", "NMPA", Status.PLANNED)


def test_first_approval_worldwide_is_the_same_approval(events: Reader) -> None:
    text = (
        "China's NMPA approved quilveranib for pancreatic cancer on Monday. "
        "It is the first approval for quilveranib worldwide."
    )
    (ev,) = events(text, kind="approval")
    assert (ev.fields["agency"], ev.fields["territory"]) == ("NMPA", "China")


def test_the_new_drug_application_of_a_named_drug_was_accepted(events: Reader) -> None:
    text = (
        "Lumora Bio announced that the new drug application of quilveranib was accepted by the NMPA "
        "and was included in the priority review process."
    )
    (sub,) = events(text, kind="regulatory_submission")
    assert (sub.fields["drug"], sub.fields["agency"], sub.status) == ("quilveranib", "NMPA", Status.HAPPENED)
    (des,) = events(text, kind="designation")
    assert des.fields["designation"] == "priority_review"


def test_a_designation_only_one_regulator_grants_names_it(events: Reader) -> None:
    text = "Lumora Bio received Fast Track designation for quilveranib in pancreatic cancer."
    (ev,) = events(text, kind="designation")
    assert (ev.fields["designation"], ev.fields["agency"], ev.fields["territory"]) == ("fast_track", "FDA", "US")


def test_a_country_that_approves_is_its_regulator(events: Reader) -> None:
    (ev,) = events("China approves Lumora Bio's quilveranib, the first in its class", kind="approval")
    assert (ev.fields["drug"], ev.fields["agency"], ev.fields["territory"]) == ("quilveranib", "NMPA", "China")


def test_a_country_that_oks_a_drug_approves_it(events: Reader) -> None:
    (ev,) = events("Japan OKs Lumora Bio's quilveranib for pancreatic cancer", kind="approval")
    assert (ev.fields["agency"], ev.fields["territory"]) == ("PMDA", "Japan")


def test_an_approval_in_a_clause_of_its_own_takes_that_clause_drug(events: Reader) -> None:
    text = (
        "Novartis said it had handed toravimab back to its partner after a review, and Pfizer won US approval for "
        "mexolitinib in ulcerative colitis."
    )
    (ev,) = events(text, kind="approval")
    assert (ev.fields["drug"], ev.fields["indication"]) == ("mexolitinib", "ulcerative colitis")


def test_an_accepted_application_named_by_its_owner_and_the_decision_it_awaits(events: Reader) -> None:
    text = (
        "The FDA granted Breakthrough Therapy designation to quilveranib in pancreatic cancer, and accepted Boehringer "
        "Ingelheim's new drug application under priority review, with a decision expected in the third quarter."
    )
    evs = events(text)
    kinds = {(e.type, e.fields.get("designation"), e.status) for e in evs}
    assert ("regulatory_submission", None, Status.HAPPENED) in kinds
    assert ("designation", "breakthrough", Status.HAPPENED) in kinds
    (expected,) = [e for e in evs if e.type == "approval"]
    assert (expected.status, expected.fields["date"]) == (Status.EXPECTED, "2026-Q3")
    # the decision's quarter dates the decision, not the designation
    assert all(e.fields.get("date") != "2026-Q3" for e in evs if e.type == "designation")


def test_a_plan_to_file_is_for_the_story_s_drug_not_its_comparator(events: Reader) -> None:
    text = (
        "Zai Lab said toravimab beat pembrolizumab in the KESTREL-3 study. Toravimab is given monthly. "
        "Toravimab extended survival versus pembrolizumab, and the margin over pembrolizumab grew with time. "
        "Zai Lab said it will file a new drug application with the NMPA."
    )
    (ev,) = events(text, kind="regulatory_submission")
    assert (ev.fields["drug"], ev.fields["agency"], ev.status) == ("toravimab", "NMPA", Status.PLANNED)


def test_designations_listed_with_one_noun_and_a_review_that_implies_a_filing(events: Reader) -> None:
    text = (
        "The FDA had granted quilveranib Breakthrough Therapy and Orphan Drug designations for pancreatic cancer "
        "and reviewed the new drug application under Priority Review."
    )
    evs = events(text)
    assert {e.fields.get("designation") for e in evs if e.type == "designation"} == {
        "breakthrough",
        "orphan",
        "priority_review",
    }
    (sub,) = [e for e in evs if e.type == "regulatory_submission"]
    assert (sub.fields["drug"], sub.status) == ("quilveranib", Status.HAPPENED)
    (ev,) = events("A marketing application for toravimab remains under EMA review.", kind="regulatory_submission")
    assert ev.fields["agency"] == "EMA" and ev.status == Status.HAPPENED


def test_two_decisions_in_clauses_of_their_own(events: Reader) -> None:
    text = (
        "The FDA approved Pfizer's mexolitinib for ulcerative colitis in 2022, and in 2023 cleared both Amgen's "
        "Lumakras (sotorasib) and quilveranib, from Jacobio, for pancreatic cancer."
    )
    evs = {e.fields["drug"]: e.fields for e in events(text, kind="approval")}
    assert set(evs) == {"mexolitinib", "sotorasib", "quilveranib"}
    assert (evs["mexolitinib"]["indication"], evs["mexolitinib"]["date"]) == ("ulcerative colitis", "2022")
    assert (evs["sotorasib"]["indication"], evs["sotorasib"]["date"]) == ("pancreatic cancer", "2023")
    assert evs["quilveranib"]["indication"] == "pancreatic cancer"


def test_a_decision_in_two_indications_is_two_facts(events: Reader) -> None:
    text = (
        "The FDA issued complete response letters for toravimab in relapsed obesity (OB) and in refractory "
        "pancreatic cancer. Toravimab is also under review by the European Medicines Agency in both obesity "
        "and pancreatic cancer."
    )
    rejected = {e.fields["indication"] for e in events(text, kind="rejection")}
    filed = {e.fields["indication"] for e in events(text, kind="regulatory_submission")}
    assert rejected == filed == {"obesity", "pancreatic cancer"}


def test_a_generic_accelerated_approval_is_no_decision(events: Reader) -> None:
    text = "Amgen said regulators want confirmatory studies for accelerated approvals of drugs such as toravimab."
    assert events(text, kind="approval") == []


def test_news_told_on_a_weekday_is_dated_that_day(events: Reader) -> None:
    (ev,) = events("Pfizer said on Monday that the FDA had issued a complete response letter for mexolitinib.")
    assert ev.fields["date"] == "2026-01-26"  # published Friday 30 January 2026
    (ev,) = events("Pfizer said the FDA issued a complete response letter for mexolitinib.")
    assert ev.fields["date"] == "2026-01-30"


def test_a_drug_described_by_its_class_and_put_forward_for_a_use(events: Reader) -> None:
    text = (
        "Amgen said the KESTREL-3 trial of toravimab missed. The M1/M4 muscarinic agonist was approved by the "
        "FDA for obesity in September 2024. Amgen plans to submit the small molecule for pancreatic cancer by "
        "the end of this year."
    )
    (approval,) = events(text, kind="approval")
    assert (approval.fields["drug"], approval.fields["date"]) == ("toravimab", "2024-09")
    (filing,) = events(text, kind="regulatory_submission")
    f = filing.fields
    assert (f["drug"], f["indication"], f["date"]) == ("toravimab", "pancreatic cancer", "2026")
    assert filing.status == Status.PLANNED


def test_a_chmp_story_its_restatements_and_other_regulators(events: Reader) -> None:
    text = (
        "Sanofi said on Thursday that the European Medicines Agency's human medicines committee, the CHMP, has "
        "recommended approval of amlitelimab for atopic dermatitis, reversing the negative opinion it adopted in "
        "July. The positive opinion, issued after a re-examination, covers adults with atopic dermatitis. "
        "Amlitelimab is sold in the United States, where the FDA granted approval in July 2025. In the United "
        "Kingdom the MHRA approved it in October for the population the CHMP has now endorsed. Sanofi leads the "
        "drug's development and regulatory submissions worldwide. Pfizer's rival toravimab, approved by the FDA "
        "in May and sold in the U.S. as Torvy, is still under review in the European Union."
    )
    evs = events(text)
    (opinion,) = [e for e in evs if e.type == "advisory_opinion"]
    assert (opinion.fields["agency"], opinion.fields["outcome"]) == ("CHMP", "positive")
    assert opinion.fields["date"] == "2026-01-29"  # the Thursday it was told, not the July it reversed
    approvals = {(e.fields["drug"], e.fields["agency"], e.fields["date"]) for e in evs if e.type == "approval"}
    assert approvals == {
        ("amlitelimab", "FDA", "2025-07"),
        ("amlitelimab", "MHRA", "2025-10"),
        ("toravimab", "FDA", "2025-05"),
    }
    (filing,) = [e for e in evs if e.type == "regulatory_submission"]
    assert (filing.fields["drug"], filing.fields["agency"], filing.fields.get("date")) == ("toravimab", "EMA", None)


def test_a_china_approval_story_s_filing_designations_and_plans(events: Reader) -> None:
    text = (
        "China's NMPA has approved Jacobio's glecirasib for non-small cell lung cancer. Jacobio took rights for "
        "mainland China, Hong Kong, Macau and Taiwan in 2021, won breakthrough therapy designation in January 2023 "
        "and filed in May. The NMPA accepted Jacobio's new drug application in June and placed it under priority "
        "review. Glecirasib had earlier received fast track designations from both China's Center for Drug "
        "Evaluation (CDE) and the U.S. Food and Drug Administration. Jacobio plans to seek U.S. approval on the "
        "strength of its global HARBOR study. A rival dropped its plan, announced in March, to seek EU approval "
        "this year."
    )
    evs = events(text)
    designations = {
        (e.fields["designation"], e.fields["agency"], e.fields.get("date")) for e in evs if e.type == "designation"
    }
    assert designations == {
        ("breakthrough", "NMPA", "2023-01"),
        ("priority_review", "NMPA", "2025-06"),
        ("fast_track", "NMPA", None),
        ("fast_track", "FDA", None),
    }
    filings = {(e.fields["agency"], e.status) for e in evs if e.type == "regulatory_submission"}
    assert ("FDA", Status.PLANNED) in filings and ("EMA", Status.FAILED) in filings
    assert all(e.fields["drug"] == "glecirasib" for e in evs)


def test_an_opinion_press_release_with_its_trials_decision_and_us_history(events: Reader) -> None:
    text = (
        "Amgen today announced that the CHMP has adopted a positive opinion recommending approval of toravimab for "
        "pancreatic cancer. The European Commission will review the recommendation, and a final decision on "
        "marketing authorization in the European Union is expected in the coming months. The opinion rests on two "
        "Phase 3 trials. HARBOR evaluated toravimab plus chemotherapy, and CODA-2 evaluated toravimab alone. Both "
        "studies met their primary endpoint. In the United States, the FDA issued a complete response letter in "
        "January 2025; Amgen has since resubmitted its Biologics License Application."
    )
    evs = events(text)
    assert {e.fields.get("trial") for e in evs if e.type == "trial_readout"} == {"HARBOR", "CODA-2"}
    (expected,) = [e for e in evs if e.type == "approval"]
    assert (expected.status, expected.fields["agency"]) == (Status.EXPECTED, "EMA")
    (rejection,) = [e for e in evs if e.type == "rejection"]
    assert (rejection.fields["drug"], rejection.fields["date"]) == ("toravimab", "2025-01")
    (filing,) = [e for e in evs if e.type == "regulatory_submission"]
    assert (filing.fields["agency"], filing.status) == ("FDA", Status.HAPPENED)


def test_an_accelerated_approval_feature_with_its_trial_label_and_deadline(events: Reader) -> None:
    text = (
        "Thursday's U.S. approval of Amgen's toravimab felt like a milestone to oncologists. The Food and Drug "
        "Administration on Thursday granted accelerated approval to toravimab for pancreatic cancer. The agency "
        "acted a month ahead of its June 12 target date under a priority review. In the Phase 2 KESTREL-3 study, "
        "40% of patients given the higher dose responded. The label carries a boxed warning for cytokine release "
        "syndrome."
    )
    evs = events(text)
    (approval,) = [e for e in evs if e.type == "approval"]
    assert (approval.fields["drug"], approval.fields["date"]) == ("toravimab", "2026-01-29")
    (review,) = [e for e in evs if e.type == "designation"]
    assert review.fields.get("date") != "2025-06-12"  # the deadline dates no designation
    (readout,) = [e for e in evs if e.type == "trial_readout"]
    assert (readout.fields["trial"], readout.fields["drug"], readout.fields["outcome"]) == (
        "KESTREL-3",
        "toravimab",
        "reported",
    )
    (signal,) = [e for e in evs if e.type == "safety_signal"]
    assert signal.fields["drug"] == "toravimab"


def test_a_rejection_story_with_its_panel_partners_and_other_markets() -> None:
    lexicon = Lexicon.of(
        [
            ("drug", "roxadustat", "roxadustat"),
            ("drug", "erythropoietin", "erythropoietin"),
            ("company", "FibroGen", "FibroGen"),
            ("company", "AstraZeneca", "AstraZeneca"),
            ("indication", "anemia of chronic kidney disease", "anemia of chronic kidney disease"),
            ("indication", "anemia of chronic kidney disease", "anemia of CKD"),
        ],
        {("drug", "roxadustat"): {"originator": "FibroGen"}},
    )
    text = (
        "The FDA has declined to approve FibroGen's roxadustat for anemia of chronic kidney disease, the company "
        "said. An FDA advisory committee voted 13-1 against approval in July. Roxadustat is an oral inhibitor that "
        "makes the body produce its own erythropoietin. FibroGen will talk to AstraZeneca, which has co-developed "
        "the drug in the U.S. and China under a 2013 agreement. Roxadustat is already approved for anemia of CKD "
        "in China and Japan. The CHMP recommended approval in June, and a decision from the European Commission is "
        "expected by the end of August."
    )
    evs = read(text, lexicon=lexicon, published=date(2021, 8, 11), id="t").events
    opinions = {(e.fields["agency"], e.fields["outcome"]) for e in evs if e.type == "advisory_opinion"}
    assert opinions == {("FDA advisory committee", "negative"), ("CHMP", "positive")}
    approvals = {(e.fields["agency"], e.status, e.fields.get("date")) for e in evs if e.type == "approval"}
    assert approvals == {
        ("NMPA", Status.HAPPENED, None),
        ("PMDA", Status.HAPPENED, None),
        ("European Commission", Status.EXPECTED, "2021-08"),  # the body the text names
    }
    (deal,) = [e for e in evs if e.type == "license"]
    assert (deal.fields["drug"], deal.fields["licensor"], deal.fields["licensee"]) == (
        "roxadustat",
        "FibroGen",
        "AstraZeneca",
    )


def test_a_committee_that_rejects_gives_an_opinion_and_a_second_regulator_clears_the_same_drug(events: Reader) -> None:
    text = (
        "EU drug regulator's committee rejects Sanofi's amlitelimab\n"
        "The FDA approved amlitelimab in July 2025 for atopic dermatitis, and Britain's Medicines and Healthcare "
        "products Regulatory Agency cleared it in October 2025. In the Phase 3 HARBOR-ALZ 2 trial, it slowed "
        "decline by 35% compared with placebo."
    )
    evs = events(text)
    (opinion,) = [e for e in evs if e.type == "advisory_opinion"]
    assert (opinion.fields["agency"], opinion.fields["outcome"]) == ("CHMP", "negative")
    assert [e for e in evs if e.type == "rejection"] == []
    assert {(e.fields["agency"], e.fields["date"]) for e in evs if e.type == "approval"} == {
        ("FDA", "2025-07"),
        ("MHRA", "2025-10"),
    }
    (readout,) = [e for e in evs if e.type == "trial_readout"]
    assert readout.fields["trial"] == "HARBOR-ALZ 2"


def test_a_breakthrough_beside_prime_from_the_ema_is_the_fda_s(events: Reader) -> None:
    text = (
        "The FDA accepted Amgen's application for toravimab. Toravimab has breakthrough therapy designation for "
        "obesity and PRIME status from the European Medicines Agency."
    )
    designations = {e.fields["designation"]: e.fields["agency"] for e in events(text, kind="designation")}
    assert designations == {"breakthrough": "FDA", "prime": "EMA"}


def test_another_product_described_by_its_use_and_a_headline_s_other_story(events: Reader) -> None:
    text = (
        "Japan approves Pfizer's mexolitinib; Amgen hands back rights to toravimab\n"
        "Amgen said it would return global rights to toravimab after deciding not to advance the programme into "
        "Phase 3. The company also received a refusal to file letter from the FDA for its obesity vaccine "
        "application earlier this year."
    )
    evs = events(text)
    assert [e for e in evs if e.type == "rejection"] == []  # its obesity vaccine is not toravimab
    (back,) = [e for e in evs if e.type == "rights_return"]
    assert "to" not in back.fields  # Pfizer belongs to the headline's other story
    assert all(e.status == Status.FAILED for e in evs if e.type == "trial_start")


def test_a_plan_to_submit_a_named_drug_for_accelerated_approval(events: Reader) -> None:
    text = "Boehringer Ingelheim expects to submit toravimab for accelerated approval in the US by the end of the year."
    (ev,) = events(text, kind="regulatory_submission")
    assert (ev.fields["drug"], ev.fields["agency"], ev.status, ev.fields["date"]) == (
        "toravimab",
        "FDA",
        Status.PLANNED,
        "2026",
    )


def test_approved_in_a_list_of_places_is_a_decision_by_each_regulator_and_a_state_is_undated(events: Reader) -> None:
    evs = events("Rocatinlimab is already approved in the United States, the EU and Japan.", kind="approval")
    assert sorted((e.fields["territory"], e.fields["agency"]) for e in evs) == [
        ("EU", "EMA"), ("Japan", "PMDA"), ("US", "FDA")
    ]
    assert all("date" not in e.fields for e in evs)
    (now,) = events("Rocatinlimab is now approved in China.", kind="approval")
    assert now.fields["date"] == "2026-01-30"


def test_each_place_of_a_sentence_keeps_its_own_decision_and_date(events: Reader) -> None:
    text = (
        "Toravimab is approved in the United States, where the FDA granted accelerated approval in March 2024 and "
        "full approval on May 2, 2025, and in Japan, where it was cleared by the Ministry of Health, Labour and "
        "Welfare in October 2025."
    )
    evs = events(text, kind="approval")
    assert sorted((e.fields["territory"], e.fields.get("date")) for e in evs) == [
        ("Japan", "2025-10"), ("US", "2024-03")
    ]


def test_a_second_regulator_authorizing_it_is_a_second_decision_dated_in_its_own_clause(events: Reader) -> None:
    text = (
        "Toravimab is also approved in China, and Britain's Medicines and Healthcare products Regulatory Agency "
        "(MHRA) authorized it in August 2025."
    )
    evs = events(text, kind="approval")
    assert sorted((e.fields["territory"], e.fields.get("date")) for e in evs) == [("China", None), ("UK", "2025-08")]
    assert events("The board authorized a buyback of shares after toravimab sales rose.", kind="approval") == []


def test_went_on_to_approve_is_an_approval_and_declined_to_approve_a_rejection(events: Reader) -> None:
    (ev,) = events("The FDA went on to approve toravimab, as Torvio, on July 2.", published=date(2024, 8, 12))
    assert (ev.type, ev.fields["agency"], ev.fields["date"]) == ("approval", "FDA", "2024-07-02")
    assert [e.type for e in events("The FDA declined to approve toravimab.")] == ["rejection"]
    assert events("Shareholders voted to approve the merger of Pfizer and Seagen.") == []


def test_the_agency_is_the_regulator_the_story_names(events: Reader) -> None:
    text = (
        "The FDA held a panel on toravimab. The application for toravimab, which the agency accepted for priority "
        "review in February, rests on two studies."
    )
    (ev,) = events(text, kind="designation")
    assert (ev.fields["agency"], ev.fields["territory"], ev.fields["designation"]) == ("FDA", "US", "priority_review")


def test_a_label_broadened_a_year_later_is_a_second_approval(events: Reader) -> None:
    text = (
        "The FDA granted Torvio (toravimab) accelerated approval in June 2023 for children aged 4 and 5. "
        "A year later, in June 2024, the agency broadened the label to patients aged 4 and older."
    )
    evs = events(text, published=date(2025, 6, 16), kind="approval")
    assert sorted(e.fields["date"] for e in evs) == ["2023-06", "2024-06"]
    assert {e.fields["drug"] for e in evs} == {"toravimab"}
    # one approval told twice, as a month and as a day, stays one
    text = "The FDA approved toravimab in June 2023. The approval of toravimab on June 12, 2023 was a first."
    assert len(events(text, published=date(2025, 6, 16), kind="approval")) == 1


def test_approved_for_one_indication_and_later_for_another_is_two_approvals(events: Reader) -> None:
    text = (
        "Torvio (toravimab) won accelerated FDA approval in 2020 for non-small cell lung cancer and later for "
        "colorectal cancer."
    )
    evs = events(text, kind="approval")
    assert sorted((e.fields["indication"], e.fields.get("date")) for e in evs) == [
        ("colorectal cancer", None), ("non-small cell lung cancer", "2020")
    ]


def test_an_approval_s_combination_partners_and_comparators_are_not_approved(events: Reader) -> None:
    text = (
        "The application for Torvio (toravimab), in combination with adagrasib and glecirasib for non-small cell "
        "lung cancer, has been approved by the NMPA. Later in 2022 it was approved, in combination with sotorasib, "
        "for colorectal "
        "cancer."
    )
    evs = events(text, published=date(2023, 1, 17), kind="approval")
    assert {e.fields["drug"] for e in evs} == {"toravimab"} and len(evs) == 2
    # a rival named as such can still be the drug approved
    text = "The failure removes a potential competitor for Lumakras, which gained FDA approval in 2021."
    (ev,) = events(text, kind="approval")
    assert ev.fields["drug"] == "sotorasib"


def test_a_trial_s_comparator_is_not_the_drug_it_tests(events: Reader) -> None:
    text = (
        "The FDA approved toravimab, the most direct challenge yet to Lumakras (sotorasib). Approval rests on the "
        "HARBOR study, in which toravimab cut the risk of death by 30% versus sotorasib."
    )
    assert {e.fields["drug"] for e in events(text) if e.type in ("approval", "trial_readout")} == {"toravimab"}


def test_a_refusal_to_file_and_a_later_letter_are_two_rejections_each_dated(events: Reader) -> None:
    text = (
        "The FDA refused to file the application for toravimab in 2016, and after an FDA advisory committee voted "
        "10-1 against the drug in 2017, the agency rejected it with a complete response letter later that year."
    )
    evs = events(text, published=date(2024, 1, 29))
    assert sorted(e.fields["date"] for e in evs if e.type == "rejection") == ["2016", "2017"]
    (panel,) = [e for e in evs if e.type == "advisory_opinion"]
    assert (panel.fields["outcome"], panel.fields["date"]) == ("negative", "2017")
    (one,) = events("The FDA issued a complete response letter rejecting toravimab on Friday.", kind="rejection")
    assert one.fields["date"] == "2026-01-30"


def test_a_negative_opinion_and_a_positive_one_on_re_examination_are_two_opinions(events: Reader) -> None:
    text = (
        "The CHMP adopted a positive opinion recommending approval of toravimab. The recommendation followed a "
        "re-examination. In July 2025, the CHMP had adopted a negative opinion on the original toravimab application."
    )
    evs = events(text, kind="advisory_opinion")
    assert sorted((e.fields["outcome"], e.fields.get("date")) for e in evs) == [
        ("negative", "2025-07"), ("positive", "2026-01-30")
    ]


def test_asia_pacific_regulators_decide_and_review_each_in_its_place(events: Reader) -> None:
    text = (
        "Singapore has also cleared toravimab in the same setting, while applications filed by Junshi in Hong Kong, "
        "South Korea and Taiwan remain under review."
    )
    evs = events(text)
    assert [(e.fields["territory"], e.fields["agency"]) for e in evs if e.type == "approval"] == [("Singapore", "HSA")]
    filed = sorted((e.fields["territory"], e.fields["agency"]) for e in evs if e.type == "regulatory_submission")
    assert filed == [("Hong Kong", "Hong Kong DoH"), ("South Korea", "MFDS"), ("Taiwan", "TFDA")]


def test_the_approval_resting_on_trials_stopped_early_for_efficacy_is_no_new_approval(events: Reader) -> None:
    text = (
        "The FDA approved toravimab on Tuesday. The approval rests on the Phase 3 KESTREL-3 and HARBOR trials, "
        "both stopped early for efficacy in November 2022."
    )
    evs = events(text, published=date(2025, 3, 29))
    assert [(e.fields["date"]) for e in evs if e.type == "approval"] == ["2025-03-25"]
    reads = sorted((e.fields["trial"], e.fields["outcome"], e.fields["date"]) for e in evs if e.type == "trial_readout")
    assert reads == [("HARBOR", "met", "2022-11"), ("KESTREL-3", "met", "2022-11")]


def test_pursuing_approvals_is_a_planned_filing(events: Reader) -> None:
    found = events("Amgen plans to pursue approval of toravimab in Europe and Japan.", kind="regulatory_submission")
    assert sorted((e.status, e.fields["territory"]) for e in found) == [
        (Status.PLANNED, "EU"), (Status.PLANNED, "Japan")
    ]
    assert events("Amgen plans to pursue approval of toravimab in Europe and Japan.", kind="approval") == []


def test_a_designation_granted_by_two_regulators_at_two_dates_is_two(events: Reader) -> None:
    text = (
        "Toravimab was also granted orphan-drug designation by the U.S. FDA in April 2022 and by the European "
        "Commission in December 2022."
    )
    evs = events(text, published=date(2023, 1, 17), kind="designation")
    assert sorted((e.fields["agency"], e.fields["date"]) for e in evs) == [("EMA", "2022-12"), ("FDA", "2022-04")]


def test_the_application_granted_priority_review_is_the_drug_s(events: Reader) -> None:
    text = "The FDA has accepted the NDA for toravimab. The application was granted priority review."
    (ev,) = events(text, kind="designation")
    assert (ev.fields["drug"], ev.fields["designation"]) == ("toravimab", "priority_review")


def test_the_committee_is_the_one_named_last_and_its_two_opinions_stay_apart(events: Reader) -> None:
    text = (
        "The FDA's advisory committee voted 10-1 against toravimab in 2017. In January, the CHMP upheld on "
        "re-examination its negative opinion on toravimab. The committee first issued its negative opinion in "
        "September 2023. The Commission usually follows the CHMP's advice, which would strip toravimab of the only "
        "approval it has."
    )
    evs = events(text, published=date(2024, 1, 29))
    opinions = sorted((e.fields["agency"], e.fields.get("date", "")) for e in evs if e.type == "advisory_opinion")
    assert [a for a, _ in opinions] == ["CHMP", "CHMP", "FDA advisory committee"]
    assert ("CHMP", "2023-09") in opinions
    assert [e for e in evs if e.type == "approval"] == []


def test_a_decision_naming_no_use_takes_the_one_use_the_drug_s_other_facts_name(events: Reader) -> None:
    text = (
        "The Phase 3 HARBOR trial of toravimab in colorectal cancer met its primary endpoint. "
        "The FDA approved toravimab in June 2024."
    )
    (ev,) = events(text, kind="approval")
    assert ev.fields["indication"] == "colorectal cancer"


def test_a_priority_review_voucher_is_no_priority_review(events: Reader) -> None:
    (ev,) = events("Junshi got a Rare Pediatric Disease Priority Review Voucher for toravimab.", kind="designation")
    assert ev.fields["designation"] == "other"
    (ev,) = events("The FDA granted toravimab priority review.", kind="designation")
    assert ev.fields["designation"] == "priority_review"


def test_filings_told_as_planned_after_their_noun_and_one_to_each_regulator(events: Reader) -> None:
    text = (
        "A Marketing Authorization Application for toravimab to the European Medicines Agency and an NDA to the "
        "Japan Pharmaceuticals and Medical Devices Agency are likewise planned to be submitted during 2023."
    )
    evs = events(text, published=date(2023, 1, 23), kind="regulatory_submission")
    assert sorted((e.fields["agency"], e.status, e.fields["date"]) for e in evs) == [
        ("EMA", Status.PLANNED, "2023"), ("PMDA", Status.PLANNED, "2023")
    ]
    (ev,) = events("A filing for toravimab in Japan is expected in 2027.", kind="regulatory_submission")
    assert ev.status == Status.PLANNED


def test_that_drug_is_the_last_one_named_and_a_payer_approves_nothing(events: Reader) -> None:
    text = (
        "The FDA approved rocatinlimab on Thursday. Its path differs from that of Amgen's older antibody, "
        "amlitelimab. That drug won a disputed accelerated approval in June 2021 but never sold after the Centers "
        "for Medicare & Medicaid Services limited coverage."
    )
    evs = events(text, published=date(2023, 7, 7), kind="approval")
    old = one(evs, drug="amlitelimab")
    assert (old["agency"], old["territory"], old["date"]) == ("FDA", "US", "2021-06")
    assert one(evs, drug="rocatinlimab")["date"] == "2023-07-06"


def test_a_regulator_named_in_the_body_beats_the_place_of_the_headline(events: Reader) -> None:
    text = (
        "Sanofi's amlitelimab approved in Japan for atopic dermatitis\n\n"
        "TOKYO, March 26, 2024 -- Sanofi today announced that Japan's Ministry of Health, Labour and Welfare "
        "has approved amlitelimab for atopic dermatitis."
    )
    f = one(events(text, published=date(2024, 3, 26), kind="approval"), drug="amlitelimab")
    assert (f["agency"], f["territory"]) == ("MHLW", "Japan")


def test_a_request_turned_down_and_the_filing_of_the_company_just_told(events: Reader) -> None:
    text = (
        "The FDA approved rocatinlimab for atopic dermatitis on Thursday. Rocatinlimab is the first of its class. "
        "In May, Sanofi said its antibody amlitelimab cut itch in a Phase 3 trial. The FDA turned down Sanofi's "
        "request for accelerated approval of amlitelimab in January. Sanofi has since completed its filing for "
        "traditional approval."
    )
    evs = events(text, published=date(2023, 7, 7))
    rejected = one([e for e in evs if e.type == "rejection"], drug="amlitelimab")
    assert (rejected["agency"], rejected["date"]) == ("FDA", "2023-01")
    filed = [e for e in evs if e.type == "regulatory_submission"]
    assert [e.fields["drug"] for e in filed] == ["amlitelimab"]  # Sanofi's drug, not the story's rocatinlimab


def test_filings_told_clause_by_clause_are_one_per_regulator(events: Reader) -> None:
    text = (
        "Amgen intends to apply for approval of rocatinlimab in the US, and to file for approval in Japan and "
        "Europe, by the end of March 2027. Sanofi filed for approval of amlitelimab in Japan and in the European "
        "Union in January, and it has started a submission in China."
    )
    filed = events(text, published=date(2026, 9, 1), kind="regulatory_submission")
    got = {(e.fields["drug"], e.fields.get("territory"), e.status) for e in filed}
    assert got == {
        ("rocatinlimab", "US", Status.PLANNED),
        ("rocatinlimab", "Japan", Status.PLANNED),
        ("rocatinlimab", "EU", Status.PLANNED),
        ("amlitelimab", "Japan", Status.HAPPENED),
        ("amlitelimab", "EU", Status.HAPPENED),
        ("amlitelimab", "China", Status.HAPPENED),
    }


def test_decisions_told_in_passing_in_a_story(events: Reader) -> None:
    text = (
        "The FDA approved amlitelimab for atopic dermatitis on Friday. Sanofi's first attempt ended last October, "
        "when the FDA issued a complete response letter over a plant inspection. The European Commission signed "
        "off on amlitelimab in November 2023. Pfizer's ferastomig, cleared last month for obesity, is awaiting an "
        "FDA decision in atopic dermatitis."
    )
    evs = events(text, published=date(2024, 9, 16))
    crl = one([e for e in evs if e.type == "rejection"], drug="amlitelimab")
    assert (crl["agency"], crl["date"]) == ("FDA", "2023-10")
    eu = one([e for e in evs if e.type == "approval"], territory="EU")
    assert (eu["drug"], eu["agency"], eu["date"]) == ("amlitelimab", "European Commission", "2023-11")
    cleared = one([e for e in evs if e.type == "approval"], drug="ferastomig")
    assert (cleared["indication"], cleared["date"]) == ("obesity", "2024-08")
    pending = one([e for e in evs if e.type == "regulatory_submission"], drug="ferastomig")
    assert pending["indication"] == "atopic dermatitis" and "date" not in pending


def test_a_condition_is_still_no_decision() -> None:
    import re

    from racecard.extract.events.triggers import regulatory as T

    conditional = re.compile(T.CONDITIONAL, re.I)
    assert conditional.search("a payment due when approved ")
    assert conditional.search("a milestone once the FDA approves ")
    assert not conditional.search("the bid ended last October, when the FDA issued a ")


def test_a_story_of_decisions_in_four_places(events: Reader) -> None:
    text = (
        "In July 2024, the CHMP issued a negative opinion on amlitelimab. Sanofi asked for a re-examination, and in "
        "November the committee reversed course, recommending approval in a narrower population. Britain's MHRA "
        "had already approved the drug in August 2024. In the US, the FDA granted amlitelimab accelerated approval "
        "in January 2023 and converted it to a traditional approval that July. Its rival rocatinlimab, approved "
        "by the FDA in July 2024, is still under review at the EMA."
    )
    evs = events(text, published=date(2025, 4, 17))
    opinions = sorted((e.fields["outcome"], e.fields["date"]) for e in evs if e.type == "advisory_opinion")
    assert opinions == [("negative", "2024-07"), ("positive", "2024-11")]
    ours = [e for e in evs if e.type == "approval" and e.fields["drug"] == "amlitelimab"]
    approvals = sorted((e.fields["agency"], e.fields["date"]) for e in ours)
    assert approvals == [("FDA", "2023-01"), ("FDA", "2023-07"), ("MHRA", "2024-08")]
    review = one([e for e in evs if e.type == "regulatory_submission"], drug="rocatinlimab")
    assert (review["agency"], review["territory"]) == ("EMA", "EU")


def test_becoming_the_first_drug_approved_is_a_decision(events: Reader) -> None:
    text = "Sanofi's amlitelimab, which in September 2022 became the first OX40 drug approved by the FDA, leads."
    f = one(events(text, kind="approval"), drug="amlitelimab")
    assert (f["agency"], f["date"]) == ("FDA", "2022-09")
    assert events("Amlitelimab could be the first OX40 drug approved in Japan.", kind="approval") == []


def test_what_a_designation_allows_is_no_filing(events: Reader) -> None:
    text = (
        "Sanofi received fast track designation for amlitelimab on Tuesday. Amlitelimab blocks OX40 ligand. The "
        "designation is meant to speed review, and it allows sponsors to submit sections of a marketing application "
        "on a rolling basis."
    )
    assert events(text, kind="regulatory_submission") == []


def test_two_regulators_in_two_clauses_each_decide_their_own(events: Reader) -> None:
    text = (
        "Amlitelimab treats atopic dermatitis. Japan became the first country to approve the drug in March, and the "
        "European Commission signed off in September."
    )
    evs = events(text, published=date(2024, 10, 21), kind="approval")
    got = sorted((e.fields["territory"], e.fields["agency"], e.fields["date"]) for e in evs)
    assert got == [("EU", "European Commission", "2024-09"), ("Japan", "PMDA", "2024-03")]


def test_the_story_s_drug_is_named_in_most_sentences_not_most_often(events: Reader) -> None:
    text = (
        "FDA rejects Sanofi's amlitelimab. Sanofi said amlitelimab met its goals. Amlitelimab is an antibody. "
        "Rivals include Amgen's Lumakras (sotorasib). The agency had accepted the application for priority review "
        "in September. An application remains under review in the European Union."
    )
    evs = events(text, published=date(2024, 3, 26))
    filed = {(e.fields["drug"], e.fields.get("territory")) for e in evs if e.type == "regulatory_submission"}
    assert filed == {("amlitelimab", "US"), ("amlitelimab", "EU")}


def test_a_company_it_is_no_drug_subject(events: Reader) -> None:
    text = (
        "Sanofi's amlitelimab failed a trial. Amlitelimab is an antibody. Amlitelimab may return. Pfizer's other "
        "drug is ferastomig, which is developed for obesity. Pfizer has said it plans to file a Biologics License "
        "Application with the FDA for ferastomig in 2026."
    )
    (ev,) = events(text, published=date(2025, 10, 27), kind="regulatory_submission")
    assert (ev.fields["drug"], ev.status, ev.fields["date"]) == ("ferastomig", Status.PLANNED, "2026")


def test_the_regulator_is_the_one_just_named(events: Reader) -> None:
    text = (
        "The National Medical Products Administration on Tuesday granted conditional approval to glecirasib. "
        "The regulator accepted the new drug application in May 2020 and put it on a priority review track. "
        "Rival sotorasib won FDA approval in 2021, and the FDA later cleared adagrasib, then the FDA cleared more."
    )
    evs = events(text, published=date(2021, 6, 23))
    filed = one([e for e in evs if e.type == "regulatory_submission"], drug="glecirasib")
    assert (filed["agency"], filed["territory"], filed["date"]) == ("NMPA", "China", "2020-05")


def test_a_conditional_authorization_issued_in_the_same_month(events: Reader) -> None:
    text = (
        "Amlitelimab treats atopic dermatitis. The FDA granted amlitelimab accelerated approval in August 2020. "
        "Amlitelimab was the first OX40 drug. The European Commission issued a conditional marketing "
        "authorization for amlitelimab in the same month."
    )
    eu = one(events(text, published=date(2022, 11, 22), kind="approval"), territory="EU")
    assert (eu["agency"], eu["date"]) == ("European Commission", "2020-08")


def test_decisions_on_the_story_s_drug_told_without_its_name(events: Reader) -> None:
    text = (
        "Roche hands amlitelimab back to Sanofi. Sanofi will take amlitelimab forward alone. Amlitelimab won FDA "
        "accelerated approval in September 2020 for atopic dermatitis. The atopic dermatitis indication was "
        "converted to a regular approval in August 2022. In Europe, the Swiss pharma secured a conditional "
        "marketing authorization for atopic dermatitis in November 2021. Analysts like amlitelimab. At the time of "
        "the US decision, Sanofi pledged a confirmatory study of the drug before approving it widely."
    )
    evs = events(text, published=date(2023, 2, 23), kind="approval")
    assert sorted(e.fields["date"] for e in evs) == ["2020-09", "2021-11", "2022-08"]  # no undated restatement
    assert one(evs, date="2021-11")["territory"] == "EU"
    assert (one(evs, date="2022-08")["agency"], one(evs, date="2022-08")["territory"]) == ("FDA", "US")  # converted


def test_what_would_have_been_approved_was_not(events: Reader) -> None:
    text = "Amlitelimab would have been the first oral medicine cleared in the US for use alongside insulin."
    assert events(text, kind="approval") == []


def test_a_drug_on_a_market_since_a_year_was_approved_there_that_year(events: Reader) -> None:
    text = "Sanofi's amlitelimab, on the US market for atopic dermatitis since 2017, remains the standard."
    f = one(events(text, published=date(2024, 9, 16), kind="approval"), drug="amlitelimab")
    assert (f["agency"], f["territory"], f["date"], f["indication"]) == ("FDA", "US", "2017", "atopic dermatitis")


def test_full_approval_in_a_clause_of_its_own_is_a_second_decision(events: Reader) -> None:
    text = "Toravimab received US accelerated approval in May 2021, and in March 2024 the FDA granted it full approval."
    evs = events(text, kind="approval")
    assert sorted(e.fields["date"] for e in evs) == ["2021-05", "2024-03"]
    assert {e.fields["drug"] for e in evs} == {"toravimab"}


def test_drugs_approved_together_with_it_are_its_partners(events: Reader) -> None:
    text = (
        "Toravimab won US accelerated approval in 2021, and in March 2024 the FDA granted it full approval "
        "together with sotorasib and adagrasib."
    )
    evs = events(text, kind="approval")
    assert {e.fields["drug"] for e in evs} == {"toravimab"}


def test_a_story_of_one_disease_gives_it_to_every_decision(events: Reader) -> None:
    text = (
        "Toravimab won FDA approval for NSCLC on Friday. Toravimab is Lumora Bio's first drug. "
        "Rival sotorasib was approved by the FDA in May 2021."
    )
    rival = one(events(text, kind="approval"), drug="sotorasib")
    assert rival["indication"] == "non-small cell lung cancer"


def test_each_designation_keeps_its_own_granter(events: Reader) -> None:
    text = (
        "Toravimab was granted Breakthrough Therapy Designation by the U.S. Food and Drug Administration in "
        "February 2023 and PRIME designation by the European Medicines Agency for melanoma."
    )
    got = {(e.fields["designation"], e.fields["agency"]) for e in events(text, kind="designation")}
    assert got == {("breakthrough", "FDA"), ("prime", "EMA")}
