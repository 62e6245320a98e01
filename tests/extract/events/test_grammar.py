"""Grammar the event reader must get right on sentences it has never seen: voice, clauses,
negation, conditions, anaphora and deadlines."""

from collections.abc import Callable
from datetime import date

import pytest

from racecard.extract.events.places import country_of
from racecard.model import Event, Status

Reader = Callable[..., list[Event]]


def test_passive_out_licence(events: Reader) -> None:
    (ev,) = events("Toravimab was licensed to Tessaly by Lumora Bio in 2022.", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["date"]) == ("Lumora Bio", "Tessaly", "2022")


def test_licence_in_a_relative_clause(events: Reader) -> None:
    (ev,) = events(
        "Lumora Bio has entered into an agreement with Tessaly under which Tessaly will receive "
        "exclusive rights to toravimab in the US.",
        kind="license",
    )
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["territory"]) == ("Lumora Bio", "Tessaly", "US")
    assert ev.status == Status.HAPPENED


def test_payer_is_licensee_and_owner_is_licensor(events: Reader) -> None:
    (ev,) = events("Boehringer Ingelheim will pay $50 million upfront to license Lumora's toravimab.", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["upfront_usd"]) == (
        "Lumora Bio",
        "Boehringer Ingelheim",
        50e6,
    )


def test_terminated_acquisition_failed(events: Reader) -> None:
    (ev,) = events(
        "Tessaly said the acquisition of Lumora Bio was terminated after regulators objected.", kind="acquisition"
    )
    assert ev.status == Status.FAILED


def test_recommended_against_is_negative(events: Reader) -> None:
    (ev,) = events("The CHMP recommended against approval of toravimab.", kind="advisory_opinion")
    assert ev.fields["outcome"] == "negative"


def test_not_filing_is_no_rejection(events: Reader) -> None:
    evs = events("The company did not file for approval of toravimab in Europe.")
    assert [e.type for e in evs] == ["regulatory_submission"] and evs[0].status == Status.FAILED


def test_pdufa_date_is_an_expected_approval_not_a_filing_date(events: Reader) -> None:
    evs = events("The FDA accepted Amgen's BLA for toravimab, with a PDUFA date of June 5, 2026.")
    by_type = {e.type: e for e in evs}
    assert by_type["approval"].status == Status.EXPECTED and by_type["approval"].fields["date"] == "2026-06-05"
    assert by_type["regulatory_submission"].fields.get("date") != "2026-06-05"


def test_prior_treatments_are_not_approved_drugs(events: Reader) -> None:
    text = (
        "The FDA approved toravimab in NSCLC. "
        "The drug has been approved for patients who received prior adagrasib- and glecirasib-based therapy."
    )
    evs = events(text, kind="approval")
    assert [e.fields["drug"] for e in evs] == ["toravimab"]


def test_anaphoric_study_takes_the_drug_named_before(events: Reader) -> None:
    text = (
        "Tessaly tested toravimab in the Phase 3 KESTREL-3 study in obesity. "
        "The study met neither of its co-primary endpoints."
    )
    (ev,) = events(text, kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["outcome"]) == ("toravimab", "missed")


def test_regained_after_other_party_terminated(events: Reader) -> None:
    (ev,) = events(
        "Amgen regained the rights to toravimab after Tessaly terminated the agreement.", kind="rights_return"
    )
    assert (ev.fields["from"], ev.fields["to"]) == ("Tessaly", "Amgen")


def test_deaths_are_a_safety_signal(events: Reader) -> None:
    (ev,) = events("Tessaly paused the CODA-2 trial of toravimab after two deaths.", kind="safety_signal")
    assert ev.fields["trial"] == "CODA-2"


def test_past_sales_are_no_forecast(events: Reader) -> None:
    assert events("Sales of toravimab reached $1.2 billion in 2025.", kind="forecast") == []


def test_trial_territory_after_a_full_stop_abbreviation(events: Reader) -> None:
    (ev,) = events("Tessaly has initiated a Phase 2b trial of toravimab in the U.S.", kind="trial_start")
    assert ev.fields["territory"] == "US" and ev.fields["phase"] == "2"


def test_relative_clause_antecedent_is_acquired(events: Reader) -> None:
    (ev,) = events("Krazati was developed by Mirati, which was acquired by Amgen last year.", kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["date"]) == ("Amgen", "Mirati", "2025")


def test_earlier_approval_stays_a_fact_of_its_own(events: Reader) -> None:
    text = (
        "The NMPA approved glecirasib for NSCLC this week. "
        "Glecirasib was previously approved in China in May 2023 for a narrower NSCLC population."
    )
    evs = events(text, kind="approval")
    assert sorted(str(e.fields.get("date")) for e in evs) == ["2023-05", "2026-01-30"]


def test_single_asset_article_lends_its_drug_to_a_bare_plan(events: Reader) -> None:
    text = (
        "Tessaly licensed quilveranib from Lumora Bio. Quilveranib is in Phase 1 in China. "
        "Tessaly plans to begin Phase 1 trials outside of China in 2027."
    )
    starts = events(text, kind="trial_start")
    planned = [e for e in starts if e.status == Status.PLANNED]
    assert planned and planned[0].fields["drug"] == "quilveranib" and planned[0].fields["territory"] == "ex-China"


def test_licensing_the_rights_to_a_drug_is_taking_them_in(events: Reader) -> None:
    text = (
        "Zai Lab has licensed the Greater China rights to adagrasib, developed by Mirati, days after the FDA "
        "cleared the rival drug Lumakras (sotorasib)."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["drug"], ev.fields["licensor"], ev.fields["licensee"]) == ("adagrasib", "Mirati", "Zai Lab")


def test_name_before_a_takeover_noun_is_the_company_bought(events: Reader) -> None:
    (ev,) = events("Pfizer closes $43 billion Seagen takeover, inheriting its cancer drugs.", kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["value_usd"]) == ("Pfizer", "Seagen", 43e9)


def test_a_drug_bought_with_a_company_yields_the_company(events: Reader) -> None:
    text = "Sanofi acquired amlitelimab with its 2021 purchase of Tessaly for $1.1 billion upfront."
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquired"], ev.fields["value_usd"]) == ("Tessaly", 1.1e9)


def test_not_approved_is_a_status_not_a_rejection(events: Reader) -> None:
    assert (
        events("Adagrasib is not approved in China, where Zai Lab is responsible for the filing.", kind="rejection")
        == []
    )
    (ev,) = events("The FDA declined to approve toravimab.", kind="rejection")
    assert ev.fields["agency"] == "FDA"


def test_the_month_may_is_no_modal(events: Reader) -> None:
    (ev,) = events("Lumakras stays on the market under its May 2021 accelerated approval.", kind="approval")
    assert ev.status == Status.HAPPENED and ev.fields["date"] == "2021-05"


def test_month_of_that_year(events: Reader) -> None:
    text = (
        "Amgen first looked at toravimab in 2021. "
        "In June of that year Amgen paid $400 million upfront to co-develop toravimab with Tessaly."
    )
    (ev,) = events(text, kind="license")
    assert ev.fields["date"] == "2021-06"


def test_forecast_takes_the_value_after_its_verb_and_no_unrelated_year(events: Reader) -> None:
    text = (
        "Sanofi bought Tessaly for $1.1 billion, and has projected peak sales of more than $5 billion for amlitelimab "
        "as it prepares for the loss of Dupixent's patent protection in 2031."
    )
    (ev,) = events(text, kind="forecast")
    assert (ev.fields["drug"], ev.fields["metric"], ev.fields["value_usd"]) == ("amlitelimab", "peak_sales", 5e9)
    assert "year" not in ev.fields


def test_a_product_launch_is_no_trial_start(events: Reader) -> None:
    text = "Lumakras is launching in the US, and Sanofi is running Phase 3 trials of amlitelimab."
    assert [e.fields["drug"] for e in events(text, kind="trial_start")] != ["sotorasib"]


def test_headline_and_body_name_one_approval(events: Reader) -> None:
    text = (
        "FDA approves Krazati in lung cancer. "
        "The FDA has granted accelerated approval to Krazati for non-small cell lung cancer on Friday."
    )
    (ev,) = events(text, kind="approval")
    assert ev.fields["indication"] == "non-small cell lung cancer" and len(ev.support) == 1


def test_buying_a_stake_is_no_acquisition(events: Reader) -> None:
    assert events("Amgen is buying a 20.5% stake in Tessaly for $2.7 billion.", kind="acquisition") == []


def test_approval_following_an_opinion_yields_both_with_their_own_dates(events: Reader) -> None:
    text = (
        "The European Commission has approved amlitelimab for atopic dermatitis, "
        "following a positive CHMP opinion in November."
    )
    by_type = {e.type: e for e in events(text)}
    assert by_type["advisory_opinion"].fields["outcome"] == "positive"
    assert by_type["advisory_opinion"].fields["date"] == "2025-11"
    assert by_type["approval"].fields["date"] == "2026-01-30"


def test_past_payment_for_a_drug_is_a_licence(events: Reader) -> None:
    (ev,) = events("Merck had paid Lumora Bio $150 million upfront for ferastomig in 2023.", kind="license")
    f = ev.fields
    assert (f["licensor"], f["licensee"], f["upfront_usd"], f["date"]) == ("Lumora Bio", "Merck", 150e6, "2023")


def test_advisory_vote_beside_a_noun_approval_is_no_approval(events: Reader) -> None:
    text = (
        "An FDA panel dealt a blow to Amgen's effort to turn the accelerated approval of Lumakras into a full one, "
        "voting 10 to 2 that the trial could not be reliably interpreted."
    )
    evs = events(text)
    assert [e.type for e in evs] == ["advisory_opinion"] and evs[0].fields["outcome"] == "negative"


def test_listed_filings_are_no_submission_but_a_plan_is(events: Reader) -> None:
    text = (
        "Kyowa Kirin will regain control of the programme, including regulatory filings, "
        "and still plans a regulatory submission for rocatinlimab in the first half of 2026."
    )
    (ev,) = events(text, kind="regulatory_submission")
    assert ev.status == Status.PLANNED and ev.fields["date"] == "2026-H1"


def test_scrapped_plan_is_failed(events: Reader) -> None:
    text = "The move scraps the plan to seek FDA approval for rocatinlimab in the first half of this year."
    (ev,) = events(text, kind="regulatory_submission")
    assert ev.status == Status.FAILED


def test_regulators_decisions_are_expected_not_planned(events: Reader) -> None:
    (ev,) = events(
        "Tessaly will receive FDA approval for toravimab next year, its chief executive said.", kind="approval"
    )
    assert ev.status == Status.EXPECTED and ev.fields["date"] == "2027"


def test_reported_response_rate_is_a_readout(events: Reader) -> None:
    (ev,) = events("Toravimab achieved a 38% overall response rate in previously treated NSCLC.", kind="trial_readout")
    assert (ev.fields["drug"], ev.fields["outcome"]) == ("toravimab", "reported")


def test_we_in_a_filing_is_the_filer_named_in_its_title(evlex: object) -> None:
    from racecard.extract.pipeline import read

    text = (
        "In March 2024, we entered into a license agreement with Lumora Bio, pursuant to which we granted "
        "Lumora Bio an exclusive license to develop and commercialize toravimab in Greater China."
    )
    reading = read(text, lexicon=evlex, published="2024-05-01", title="Tessaly 10-Q (Q1 2024)")
    (ev,) = [e for e in reading.events if e.type == "license"]
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["date"]) == ("Tessaly", "Lumora Bio", "2024-03")


def test_rights_to_a_drug_given_to_a_company(events: Reader) -> None:
    (ev,) = events(
        "Under a deal signed in 2019, Amgen licensed Chinese rights to toravimab to Lumora Bio.", kind="license"
    )
    f = ev.fields
    assert (f["licensor"], f["licensee"], f["territory"], f["date"]) == ("Amgen", "Lumora Bio", "China", "2019")


def test_withdrawn_application_is_a_failed_submission_with_the_agency_not_its_committee(events: Reader) -> None:
    text = (
        "Tessaly withdrew its marketing application for toravimab in the EU "
        "after the CHMP signalled a negative opinion."
    )
    by_type = {e.type: e for e in events(text)}
    sub = by_type["regulatory_submission"]
    assert sub.status == Status.FAILED and sub.fields["agency"] == "EMA"
    assert by_type["advisory_opinion"].fields["outcome"] == "negative"


def test_stopped_trial_for_futility(events: Reader) -> None:
    text = (
        "Sanofi said on Monday it had stopped the Phase 2 trial of amlitelimab in asthma after an interim analysis "
        "showed the drug was unlikely to meet its main goal."
    )
    by_type = {e.type: e for e in events(text)}
    assert by_type["discontinuation"].fields["reason"] == "efficacy"
    assert by_type["trial_readout"].fields["outcome"] == "missed"


def test_described_company_resolves_by_nationality(events: Reader) -> None:
    text = (
        "Amgen and Kyowa Kirin have ended their alliance on rocatinlimab. "
        "The Japanese drugmaker regained global rights to the drug from Amgen."
    )
    (ev,) = events(text, kind="rights_return")
    assert (ev.fields["to"], ev.fields["from"], ev.fields["territory"]) == ("Kyowa Kirin", "Amgen", "worldwide")


def test_described_company_resolves_by_home_town(events: Reader) -> None:
    # two US companies in the story: the one named last is the "Rahway, NJ-based drugmaker"
    text = (
        "Pfizer has stayed away from Chinese assets this year. Merck has not. "
        "The Rahway, NJ-based drugmaker said Tuesday it has taken an exclusive license to quilveranib from Hansoh."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensee"], ev.fields["licensor"]) == ("Merck", "Hansoh")


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Japanese", "JP"),
        ("Rahway, NJ-based", "US"),
        ("Thousand Oaks, Calif.-based", "US"),
        ("South San Francisco-based", "US"),
        ("New Jersey", "US"),
        ("Shanghai", "CN"),
        ("Suzhou, China-based", "CN"),
        ("Basel-based", "CH"),
        ("Cambridge", ""),
        ("Big Pharma", ""),
    ],
)
def test_country_of_a_description(place: str, country: str) -> None:
    assert country_of(place) == country


def test_the_company_is_the_company_named_before(events: Reader) -> None:
    text = "Pfizer reviewed its pipeline in January. The company discontinued mexolitinib in ulcerative colitis."
    (ev,) = events(text, kind="discontinuation")
    assert ev.fields["company"] == "Pfizer"


def test_ready_to_start_is_a_plan(events: Reader) -> None:
    (ev,) = events("Toravimab is ready to start Phase 3 testing in obesity.", kind="trial_start")
    assert ev.status == Status.PLANNED


def test_a_date_of_another_verb_is_not_the_events_date(events: Reader) -> None:
    text = (
        "Kyowa Kirin will regain control of the global rocatinlimab programme from Amgen, "
        "and still plans a regulatory submission in the first half of 2026."
    )
    returns = events(text, kind="rights_return")
    assert returns and returns[0].fields.get("date") != "2026-H1"


def test_the_day_something_was_said_is_not_the_deals_date(events: Reader) -> None:
    text = (
        "Amgen first licensed rocatinlimab from Kyowa Kirin in June 2021. "
        "Kyowa Kirin said on Wednesday that it had licensed rocatinlimab to Amgen for $400 million upfront."
    )
    (ev,) = events(text, kind="license")
    assert ev.fields["date"] == "2021-06"


def test_money_prints_as_whole_numbers(events: Reader) -> None:
    (ev,) = events("Pfizer completed its $43 billion acquisition of Seagen in 2023.", kind="acquisition")
    assert ev.fields["value_usd"] == 43_000_000_000 and isinstance(ev.fields["value_usd"], int)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # the hand-back came a month before the day the halt was told: its month, not the day told
        (
            "Kyowa Kirin said on Wednesday it is halting all trials of rocatinlimab in atopic dermatitis, barely a "
            "month after regaining full rights to the drug from Amgen.",
            "rights_return",
            "2025-12",
        ),
        (
            "Zai Lab said on Monday it will launch adagrasib in China, two years after licensing it from Mirati.",
            "license",
            "2024",
        ),
        # no count of time: the earlier fact has no date the sentence gives
        (
            "Zai Lab said on Monday it will launch adagrasib in China after licensing the drug from Mirati.",
            "license",
            None,
        ),
        # a dated main clause does not date the fact of its "a month after" phrase
        (
            "Kyowa Kirin on January 27 halted all trials of rocatinlimab, a month after regaining rights to the drug "
            "from Amgen.",
            "rights_return",
            None,
        ),
    ],
)
def test_a_fact_told_as_after_an_earlier_one_is_dated_before_it(
    events: Reader, text: str, kind: str, expected: str | None
) -> None:
    found = events(text, published=date(2026, 1, 30), kind=kind)
    assert found and all(e.fields.get("date") == expected for e in found)


def test_the_day_told_still_dates_the_news_itself(events: Reader) -> None:
    (ev,) = events(
        "Kyowa Kirin said on Tuesday it regained full rights to rocatinlimab from Amgen.", kind="rights_return"
    )
    assert ev.fields["date"] == "2026-01-27"


def test_a_day_without_a_year_takes_the_year_the_story_just_told(events: Reader) -> None:
    text = (
        "Autumn 2023 brought two more moves. On October 4, Sanofi paid Junshi $500 million upfront to co-develop "
        "toravimab. On October 23, Pfizer bought Seagen for $7.1 billion."
    )
    evs = events(text, published=date(2025, 2, 10))
    assert sorted(e.fields["date"] for e in evs) == ["2023-10-04", "2023-10-23"]
    # a day before publication stays in its year, whatever year the story told before
    text = "Sales rose in 2024. On January 3, Sanofi paid Junshi $500 million upfront to co-develop toravimab."
    (ev,) = events(text, published=date(2025, 4, 10), kind="license")
    assert ev.fields["date"] == "2025-01-03"
