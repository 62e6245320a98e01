"""Licences, acquisitions and rights returns: roles from structure, not word order."""

from collections.abc import Callable
from datetime import date

import pytest

from racecard.extract.pipeline import read
from racecard.lexicon import Lexicon
from racecard.model import Event, Status

Reader = Callable[..., list[Event]]


def one(evs: list, **want: object) -> dict:
    hits = [e for e in evs if all(e.fields.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, [dict(e.fields) for e in evs]
    return dict(hits[0].fields) | {"_status": hits[0].status}


def test_in_licence_from(events: Reader) -> None:
    evs = events("Zai Lab in-licenses zelnorasib from Mirati for Greater China.", kind="license")
    f = one(evs, drug="zelnorasib")
    assert (f["licensor"], f["licensee"], f["territory"]) == ("Mirati", "Zai Lab", "Greater China")


def test_granted_an_exclusive_licence(events: Reader) -> None:
    evs = events(
        "Under the agreement, Hansoh Pharma has granted Merck an exclusive global license to develop quilveranib.",
        kind="license",
    )
    f = one(evs, drug="quilveranib")
    assert (f["licensor"], f["licensee"], f["territory"]) == ("Hansoh", "Merck", "worldwide")


def test_reversed_word_order_keeps_roles(events: Reader) -> None:
    evs = events("Merck licensed quilveranib to Lumora Bio in 2021 for Asia.", kind="license")
    f = one(evs, drug="quilveranib")
    assert (f["licensor"], f["licensee"], f["date"]) == ("Merck", "Lumora Bio", "2021")


def test_neutral_deal_roles_from_payment(events: Reader) -> None:
    text = (
        "Tessaly and Lumora Bio entered into a licence agreement for toravimab. "
        "Tessaly will pay Lumora Bio $60 million upfront and up to $900 million in milestones."
    )
    f = one(events(text, kind="license"), drug="toravimab")
    assert (f["licensor"], f["licensee"]) == ("Lumora Bio", "Tessaly")
    assert f["upfront_usd"] == 60e6 and f["milestones_usd"] == 900e6


def test_terms_in_later_sentence_join_the_deal(events: Reader) -> None:
    text = (
        "Jacobio has struck an out-licensing deal with AstraZeneca for zelnorasib. "
        "Jacobio will receive an upfront payment of $100 million. "
        "The company is also eligible for up to $1.9 billion in milestone payments."
    )
    evs = events(text, kind="license")
    assert len(evs) == 1
    f = dict(evs[0].fields)
    assert (f["licensor"], f["licensee"], f["upfront_usd"], f["milestones_usd"]) == (
        "Jacobio",
        "AstraZeneca",
        100e6,
        1.9e9,
    )
    assert len(evs[0].support) >= 1


def test_unnamed_assets_keyed_by_parties(events: Reader) -> None:
    evs = events(
        "Lumora Bio has granted Tessaly exclusive options to four preclinical antibody candidates.", kind="license"
    )
    f = one(evs, licensor="Lumora Bio")
    assert f["licensee"] == "Tessaly" and "drug" not in f and "candidates" in f["asset"]


def test_acquisition_active_and_passive(events: Reader) -> None:
    f = one(
        events("Pfizer completed its $43 billion acquisition of Seagen in 2023.", kind="acquisition"), acquirer="Pfizer"
    )
    assert (f["acquired"], f["value_usd"], f["date"]) == ("Seagen", 43e9, "2023")
    f = one(events("Mirati was acquired by Amgen last year for $4.8 billion.", kind="acquisition"), acquirer="Amgen")
    assert f["acquired"] == "Mirati" and f["date"] == "2025"


def test_acquisition_said_it_would_buy_is_an_agreed_deal(events: Reader) -> None:
    evs = events("Novartis said it would buy Tessaly for $2.1 billion in cash.", kind="acquisition")
    assert evs[0].status == Status.HAPPENED


def test_acquisition_considered_is_expected_not_happened(events: Reader) -> None:
    evs = events("Novartis is reportedly in talks to acquire Tessaly.", kind="acquisition")
    assert evs and evs[0].status == Status.EXPECTED


def test_acquiring_rights_is_not_an_acquisition(events: Reader) -> None:
    evs = events("Zai Lab acquired the rights to zelnorasib from Mirati.")
    assert [e.type for e in evs] == ["license"]


def test_rights_return_regains_from(events: Reader) -> None:
    evs = events("Kyowa Kirin regains global rights to rocatinlimab from Amgen.", kind="rights_return")
    f = one(evs, drug="rocatinlimab")
    assert (f["from"], f["to"], f["territory"]) == ("Amgen", "Kyowa Kirin", "worldwide")


def test_rights_return_hand_back_takes_parties_from_the_licence(events: Reader) -> None:
    text = "In 2022 Coherus in-licensed toravimab from Junshi. Coherus has now handed the drug back after weak data."
    f = one(events(text, kind="rights_return"), drug="toravimab")
    assert (f["from"], f["to"]) == ("Coherus", "Junshi")


@pytest.mark.parametrize(
    "text",
    [
        "Amgen pays Hansoh $90 million upfront to take back Asian rights to toravimab.",
        "Amgen will pay Hansoh $90 million to reclaim development and commercialization rights to toravimab in Japan.",
        "Amgen is buying back the Chinese rights to toravimab from Hansoh.",
    ],
)
def test_buying_rights_back_is_a_hand_back_by_the_party_paid(events: Reader, text: str) -> None:
    evs = events(text)
    assert [e.type for e in evs] == ["rights_return"]
    assert (evs[0].fields["from"], evs[0].fields["to"], evs[0].fields["drug"]) == ("Hansoh", "Amgen", "toravimab")


def test_contract_clause_is_no_event(events: Reader) -> None:
    assert (
        events(
            "Zai Lab has the right to terminate the license agreement with Mirati at any time.", kind="rights_return"
        )
        == []
    )


def test_held_option_is_no_licence_but_exercising_it_is(events: Reader) -> None:
    assert events("Tessaly has an option to license zelnorasib from Lumora Bio.", kind="license") == []
    (ev,) = events("Tessaly exercised its option to license zelnorasib from Lumora Bio.", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"]) == ("Lumora Bio", "Tessaly")


def test_endpoint_without_a_trial_word_is_a_readout(events: Reader) -> None:
    (ev,) = events("Toravimab met its primary endpoint, Tessaly said.", kind="trial_readout")
    assert ev.fields["outcome"] == "met"


def test_a_sale_is_an_acquisition_by_the_buyer(events: Reader) -> None:
    (ev,) = events("Tessaly agreed to sell itself to Novartis for $2 billion.", kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["value_usd"]) == ("Novartis", "Tessaly", 2e9)
    (ev,) = events("Lumora Bio sold toravimab to Merck for $300 million in 2024.", kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["date"]) == ("Merck", "toravimab", "2024")
    assert events("Merck sold 2 million shares to Tessaly.", kind="acquisition") == []


def test_later_sentences_complete_the_deal_named_before(events: Reader) -> None:
    text = (
        "Tessaly will license two obesity candidates from Lumora Bio in a deal worth up to $1 billion. "
        "The licence grants Tessaly global rights, with territorial exclusions for Taiwan, Hong Kong, Macau "
        "and mainland China. Lumora Bio already received two milestone payments of $5 million. "
        "Tessaly also agreed to pay development milestones of up to $900 million."
    )
    (ev,) = events(text, kind="license")
    f = ev.fields
    assert (f["licensor"], f["licensee"], f["territory"]) == ("Lumora Bio", "Tessaly", "ex-Greater China")
    assert f["milestones_usd"] == 900e6 and f["total_usd"] == 1e9


def test_unnamed_programme_licensed_from_a_partner(events: Reader) -> None:
    evs = events(
        "Tessaly paid $65 million upfront to license a preclinical Nav1.8 programme from Lumora Bio.", kind="license"
    )
    (ev,) = evs
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["upfront_usd"]) == ("Lumora Bio", "Tessaly", 65e6)
    assert "Nav1.8" in str(ev.fields["asset"])


def test_rights_sold_on_are_a_licence_out(events: Reader) -> None:
    (ev,) = events("Tessaly sold its rights to toravimab to Merck in 2023.", kind="license")
    assert (ev.fields["drug"], ev.fields["licensor"], ev.fields["licensee"], ev.fields["date"]) == (
        "toravimab",
        "Tessaly",
        "Merck",
        "2023",
    )


def test_a_takeover_price_is_not_a_later_licence_s_terms(events: Reader) -> None:
    text = (
        "Novartis agreed to buy Seagen for EUR 68 per share, valuing the company at about EUR 2.7 billion. "
        "Seagen had earlier licensed toravimab to Lumora Bio for China."
    )
    (lic,) = events(text, kind="license")
    assert not {"value_text", "total_usd", "upfront_usd", "date"} & set(lic.fields)  # nor today's date
    (acq,) = events(text, kind="acquisition")
    assert "2.7" in str(acq.fields["value_text"])


def test_a_deal_told_as_earlier_takes_no_publication_date(events: Reader) -> None:
    (ev,) = events("Tessaly previously sold its rights to toravimab to Merck.", kind="license")
    assert "date" not in ev.fields
    (now,) = events("Tessaly sold its rights to toravimab to Merck.", kind="license")
    assert now.fields["date"] == "2026-01-30"


def test_a_filing_s_opening_date_dates_its_deal_across_legal_suffixes(events: Reader) -> None:
    text = (
        'On March 3, 2025, Tessaly, Inc. (the "Company") entered into a License Agreement with Lumora Bio Co., '
        'Ltd. ("Lumora"), pursuant to which Lumora granted the Company an exclusive license to develop toravimab.'
    )
    (ev,) = events(text, published=date(2025, 3, 5), kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["date"]) == ("Lumora Bio", "Tessaly", "2025-03-03")


def test_hand_back_of_a_long_named_drug_and_a_date_of_the_partnership(events: Reader) -> None:
    text = (
        "Amgen is handing the OX40 antibody rocatinlimab back to Kyowa Kirin, "
        "ending a partnership the two companies struck in 2021."
    )
    (ev,) = events(text, kind="rights_return")
    assert (ev.fields["from"], ev.fields["to"], ev.fields["date"]) == ("Amgen", "Kyowa Kirin", "2026-01-30")


def test_a_drug_of_another_clause_is_not_the_one_handed_back(events: Reader) -> None:
    text = (
        "Merck's pembrolizumab wins EU nod; Zai Lab returns rights to Mirati drug\n\n"
        "Zai Lab said it will hand back the Greater China rights to adagrasib, "
        "the cancer drug it licensed from Mirati in 2021."
    )
    evs = events(text, kind="rights_return")
    got = [(e.fields.get("drug"), e.fields["from"], e.fields["to"]) for e in evs]
    assert got == [("adagrasib", "Zai Lab", "Mirati")]
    assert evs[0].fields["date"] != "2021"  # the year the drug was licensed, not handed back


def test_payment_by_a_company_written_with_and_co(events: Reader) -> None:
    (ev,) = events("Merck & Co. paid Lumora Bio $112 million upfront for toravimab.", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["upfront_usd"]) == ("Lumora Bio", "Merck", 112e6)
    assert ev.fields["date"] == "2026-01-30"  # the news of a lead sentence is the day's


def test_entered_into_a_collaboration_is_a_licence(events: Reader) -> None:
    (ev,) = events(
        "Merck and Lumora Bio entered into a collaboration for toravimab worth up to $940 million, "
        "including $280 million upfront.",
        kind="license",
    )
    assert (ev.fields["drug"], ev.fields["total_usd"], ev.fields["upfront_usd"]) == ("toravimab", 940e6, 280e6)


def test_the_company_which_it_is_acquiring(events: Reader) -> None:
    text = "Merck will gain rights to toravimab from Seagen, which it is acquiring for up to $950 million."
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["value_usd"]) == ("Merck", "Seagen", 950e6)


def test_rights_the_licensor_retains_are_excluded(events: Reader) -> None:
    text = (
        "Under the agreement, Merck obtains rights to develop toravimab worldwide, "
        "while Lumora Bio retains rights in Greater China."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensee"], ev.fields["territory"]) == ("Merck", "ex-Greater China")


def test_an_agreement_to_acquire_is_no_licence(events: Reader) -> None:
    text = "Novartis signed an agreement to acquire Seagen for up to $5.2 billion, including a contingent value right."
    assert events(text, kind="license") == []
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"]) == ("Novartis", "Seagen")


def test_a_completed_tender_offer_is_the_takeover(events: Reader) -> None:
    text = "Pfizer completed its tender offer for Seagen, acquiring about 90% of the shares."
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.status) == ("Pfizer", "Seagen", Status.HAPPENED)


def test_the_other_party_of_an_ended_licence_gets_the_rights_back(events: Reader) -> None:
    text = "Merck notified Lumora Bio that it would end their licence agreement for toravimab."
    (ev,) = events(text, kind="rights_return")
    assert (ev.fields["drug"], ev.fields["from"], ev.fields["to"]) == ("toravimab", "Merck", "Lumora Bio")


def test_a_headline_payment_for_a_drug_is_a_licence(events: Reader) -> None:
    (ev,) = events("Merck pays Lumora Bio $112M for oral candidate toravimab", kind="license")
    assert (ev.fields["drug"], ev.fields["licensor"], ev.fields["licensee"]) == ("toravimab", "Lumora Bio", "Merck")
    assert events("Merck paid Seagen shareholders $229 per share in cash.", kind="license") == []


def test_headline_verbs_of_taking_rights(events: Reader) -> None:
    (ev,) = events("Merck nabs China rights to Lumora Bio's toravimab in $50M deal", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["territory"]) == ("Lumora Bio", "Merck", "China")


def test_a_licence_bought_is_a_noun_and_the_payer_is_the_licensee(events: Reader) -> None:
    text = (
        "Novartis will pay Lumora Bio $150 million upfront for an exclusive license to its degrader programmes, "
        "with up to $2.1 billion in milestones."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["upfront_usd"]) == ("Lumora Bio", "Novartis", 150e6)


def test_spaced_codes_of_seven_digits_are_drugs() -> None:
    from racecard.extract.patterns import codes
    from racecard.model import Span

    text = "Boehringer develops BI 1015550 while FY 2025 and ISO 9001 are no drugs."
    assert [f.name for f in codes(text, [Span(0, len(text))])] == ["BI 1015550"]


def test_a_list_of_drugs_licensed_out(events: Reader) -> None:
    evs = events("Merck licensed sotorasib, adagrasib and glecirasib to Lumora Bio.", kind="license")
    assert sorted(e.fields["drug"] for e in evs) == ["adagrasib", "glecirasib", "sotorasib"]
    assert {(e.fields["licensor"], e.fields["licensee"]) for e in evs} == {("Merck", "Lumora Bio")}
    royalties = events("Merck licensed sotorasib and agreed to pay royalties to Lumora Bio.", kind="license")
    assert not [e for e in royalties if e.fields.get("licensee") == "Lumora Bio"]  # no list of drugs, no licence to it


def test_the_deal_a_drug_is_sold_under(events: Reader) -> None:
    text = "Lumora Bio will commercialize toravimab in China under its 2021 agreement with Merck."
    (ev,) = events(text, kind="license")
    assert (ev.fields["drug"], ev.fields["licensor"], ev.fields["licensee"]) == ("toravimab", "Merck", "Lumora Bio")
    assert (ev.fields["territory"], ev.fields["date"]) == ("China", "2021")


def test_a_hand_back_ends_where_another_company_opens_a_clause(events: Reader) -> None:
    text = (
        "Novartis said it has returned the rights to toravimab to its discovery partner after a strategic review, "
        "and Pfizer won US approval for mexolitinib."
    )
    (ev,) = events(text, kind="rights_return")
    assert ev.fields["drug"] == "toravimab" and ev.fields["from"] == "Novartis"
    assert "to" not in ev.fields and "territory" not in ev.fields


def test_it_licensed_rights_in_listed_places_to_a_partner(events: Reader) -> None:
    text = (
        "Lumora Bio said toravimab beat placebo in a Phase 2 study. Lumora Bio keeps the rights to the drug in "
        "Greater China. In March 2023 it licensed rights in the United States, Europe and Japan to Pfizer for "
        "$120 million upfront, in a deal worth up to $900 million including milestones."
    )
    (ev,) = events(text, kind="license")
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"]) == ("toravimab", "Lumora Bio", "Pfizer")
    assert (f["territory"], f["date"]) == ("US, EU and Japan", "2023-03")
    assert (f["upfront_usd"], f["total_usd"]) == (120e6, 900e6)


def test_a_development_agreement_for_a_list_of_drugs_with_terms_and_a_carve_out_told_after(events: Reader) -> None:
    text = (
        "In August 2024, Pfizer obtained exclusive global rights to toravimab from Lumora Bio for an upfront "
        "payment of $70 million. In October 2023, Merck and Jacobio entered into a global development and "
        "commercialization agreement for three candidates: zelnorasib (ZN-1), glecirasib (GC-2) and quilveranib "
        "(QV-3). The companies will jointly develop and commercialize the candidates worldwide except in Japan, "
        "where Jacobio retains exclusive rights. Merck paid $1.0 billion upfront; Jacobio is eligible for up to "
        "$2.5 billion per candidate in milestones."
    )
    evs = {e.fields["drug"]: e.fields for e in events(text, kind="license")}
    assert set(evs) == {"toravimab", "zelnorasib", "glecirasib", "quilveranib"}
    assert evs["toravimab"]["upfront_usd"] == 70e6 and "milestones_usd" not in evs["toravimab"]
    for drug in ("zelnorasib", "glecirasib", "quilveranib"):
        f = evs[drug]
        assert (f["licensor"], f["licensee"], f["territory"], f["date"]) == ("Jacobio", "Merck", "ex-Japan", "2023-10")
        assert (f["upfront_usd"], f["milestones_usd"]) == (1e9, 2.5e9)


def test_a_company_known_by_another_name_abroad_carves_out_no_territory(events: Reader) -> None:
    text = (
        "Merck, known as MSD outside of the United States and Canada, and Hansoh today announced an exclusive "
        "global license agreement for toravimab."
    )
    (ev,) = events(text, kind="license")
    assert ev.fields["territory"] == "worldwide"


def test_a_takeover_told_on_a_weekday_is_dated_that_day(events: Reader) -> None:
    text = "Pfizer has agreed to acquire Seagen for $229 per share in cash, the New York drugmaker said on Sunday."
    (ev,) = events(text, kind="acquisition")
    assert ev.fields["date"] == "2026-01-25"  # published Friday 30 January 2026


def test_an_ex_china_headline_the_four_places_and_terms_after_with(events: Reader) -> None:
    text = (
        "Lumora Bio grants Pfizer ex-China rights to toravimab\n"
        "Pfizer will obtain exclusive worldwide rights to toravimab, excluding mainland China, Hong Kong, Macau and "
        "Taiwan, where Lumora Bio will retain rights. In October 2023, Lumora Bio licensed mexolitinib to Pfizer, "
        "receiving $85 million upfront with up to $1.485 billion in potential milestones. A further $20 million "
        "milestone is tied to Phase 1 results."
    )
    evs = {e.fields["drug"]: e.fields for e in events(text, kind="license")}
    assert evs["toravimab"]["territory"] == "ex-Greater China"
    assert (evs["mexolitinib"]["upfront_usd"], evs["mexolitinib"]["milestones_usd"]) == (85e6, 1.485e9)
    assert events(text, kind="trial_readout") == []


def test_a_briefing_s_headline_list_a_hand_back_of_an_older_deal_and_a_designation_of_the_non_comparator(
    events: Reader,
) -> None:
    text = (
        "Briefing: Sanofi hands back rights, Pfizer buys Seagen, Amgen wins EU nod\n"
        "Sanofi has ended its 2022 collaboration with Jacobio and returned worldwide rights to glecirasib, Jacobio "
        "said on Wednesday. Zai Lab dosed the first patient in a Phase 3 trial comparing its antibody toravimab with "
        "pembrolizumab in obesity. The FDA granted the drug Fast Track designation earlier this year."
    )
    (deal,) = events(text, kind="acquisition")
    assert (deal.fields["acquirer"], deal.fields["acquired"]) == ("Pfizer", "Seagen")
    (back,) = events(text, kind="rights_return")
    assert back.fields["date"] == "2026-01-28"  # the Wednesday it was told, not the 2022 of the deal
    (fast,) = events(text, kind="designation")
    assert (fast.fields["drug"], fast.fields["date"]) == ("toravimab", "2026")


def test_the_drug_a_partner_commercializes_under_a_collaboration_agreement(events: Reader) -> None:
    text = (
        "Pfizer leads global development and commercialization of toravimab and shares profits with Lumora Bio "
        "under an amended collaboration agreement signed in 2021."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["drug"], ev.fields["date"]) == ("toravimab", "2021")


def test_a_filing_s_we_licences_and_the_rights_we_returned(events: Reader) -> None:
    text = (
        "In May 2021, Zai Lab entered into a license agreement with Mirati, pursuant to which Mirati granted us "
        "the exclusive right to develop and commercialize adagrasib in mainland China, Hong Kong, Macau and "
        "Taiwan. In April 2020, Zai Lab entered into a strategic collaboration with Amgen for sotorasib in "
        "Greater China; in 2023 Zai Lab and Amgen agreed to terminate the collaboration, and Zai Lab returned "
        "our rights to sotorasib to Amgen."
    )
    (lic,) = [e for e in events(text, kind="license") if e.fields["drug"] == "adagrasib"]
    assert lic.fields["territory"] == "Greater China"  # "granted us" names no US
    (back,) = events(text, kind="rights_return")
    assert (back.fields["drug"], back.fields["to"], back.fields["date"]) == ("sotorasib", "Amgen", "2023")


def test_a_headline_s_two_stories_keep_their_own_parties(events: Reader) -> None:
    text = (
        "Hansoh's toravimab gets NMPA nod; Lumora Bio out-licenses quilveranib\n"
        "Lumora Bio said on Monday it had granted Pfizer exclusive rights to quilveranib outside Greater China."
    )
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["territory"]) == (
        "Lumora Bio",
        "Pfizer",
        "ex-Greater China",
    )


def test_a_share_purchase_and_the_licence_spoken_of_again_are_no_new_deals(events: Reader) -> None:
    text = (
        "Lumora Bio granted Pfizer exclusive rights to toravimab outside China. Separately, Pfizer will buy "
        "$100 million worth of Lumora Bio shares. For Pfizer, the licence adds a potential successor to Merck's "
        "pembrolizumab."
    )
    assert events(text, kind="acquisition") == []
    assert [e.fields["drug"] for e in events(text, kind="license")] == ["toravimab"]


def test_rights_held_by_a_second_partner_are_a_second_licence() -> None:
    lexicon = Lexicon.of(
        [
            ("drug", "sotorasib", "sotorasib"),
            ("company", "Amgen", "Amgen"),
            ("company", "Pfizer", "Pfizer"),
            ("company", "Zai Lab", "Zai Lab"),
        ],
        {("drug", "sotorasib"): {"originator": "Amgen"}},
    )
    text = (
        "Amgen is talking to Pfizer, which has co-developed sotorasib in the U.S. and China under a 2013 agreement. "
        "Zai Lab holds the rights to develop and commercialize sotorasib in Japan. Amgen holds global rights to "
        "sotorasib elsewhere."
    )
    evs = read(text, lexicon=lexicon, published=date(2026, 1, 30), id="t").events
    deals = {e.fields["licensee"]: e.fields for e in evs if e.type == "license"}
    assert set(deals) == {"Pfizer", "Zai Lab"}  # Amgen holding its own drug's rights is no licence
    assert (deals["Zai Lab"]["licensor"], deals["Zai Lab"]["territory"]) == ("Amgen", "Japan")


def test_a_race_story_s_partner_territory_hand_back_and_accepted_filing(events: Reader) -> None:
    text = (
        "Jacobio's glecirasib, whose new drug application was accepted with priority review in May, is expected to "
        "follow, as is Lumora Bio's quilveranib, partnered with Hansoh in mainland China. Pfizer returned its China "
        "rights to sotorasib to Amgen earlier this year."
    )
    evs = events(text)
    (filing,) = [e for e in evs if e.type == "regulatory_submission"]
    assert filing.status == Status.HAPPENED  # accepted in May; only the approval is awaited
    (deal,) = [e for e in evs if e.type == "license"]
    assert (deal.fields["drug"], deal.fields["licensee"]) == ("quilveranib", "Hansoh")
    assert deal.fields["territory"] == "China"
    (back,) = [e for e in evs if e.type == "rights_return"]
    assert (back.fields["from"], back.fields["to"], back.fields["territory"]) == ("Pfizer", "Amgen", "China")


@pytest.mark.parametrize(
    ("text", "acquired"),
    [
        ("Amgen bought the lung cancer pill Lumakras (sotorasib) from Mirati in 2019 for $13.4 billion.", "sotorasib"),
        ("Pfizer agreed to buy Lumora Bio's oral inhibitor QLV-101 for $4 billion upfront.", "quilveranib"),
        # a company bought with its drug: the company is what was bought
        ("Pfizer agreed to buy Seagen, the maker of toravimab, for $43 billion.", "Seagen"),
        ("Pfizer agreed to buy Seagen and its drug toravimab for $43 billion.", "Seagen"),
    ],
)
def test_an_asset_purchase_buys_the_drug(events: Reader, text: str, acquired: str) -> None:
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"]) == ("Amgen" if "Amgen" in text else "Pfizer", acquired)


def test_looking_for_deals_is_no_deal(events: Reader) -> None:
    text = "Pfizer will advance toravimab, and evaluate opportunities to in-license or acquire new programs."
    assert events(text, kind="license") == [] and events(text, kind="acquisition") == []


def test_a_licence_across_a_long_apposition_and_a_carve_out_told_after_it(events: Reader) -> None:
    text = (
        "Merck on Wednesday licensed QLV-101, a B7-H3-targeted antibody-drug conjugate carrying a topoisomerase "
        "inhibitor payload, from Hansoh Pharma. Merck gets exclusive worldwide rights excluding mainland China, "
        "Hong Kong, Macau and Taiwan, where Hansoh keeps the asset. Hansoh will receive $185 million upfront."
    )
    (ev,) = events(text, published=date(2023, 12, 21), kind="license")
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"]) == ("quilveranib", "Hansoh", "Merck")
    assert (f["territory"], f["upfront_usd"]) == ("ex-Greater China", 185_000_000)


def test_hand_backs_told_as_torn_up_deals_returned_antibodies_and_rights_got_back(events: Reader) -> None:
    text = (
        "Sanofi said on Tuesday that the two companies had agreed to terminate the license agreement signed in "
        "January 2021, and that Junshi has regained global rights to toravimab. In July, the companies tore up an "
        "option deal for Junshi's antibody zelnorasib; Junshi got those rights back as well. It is not the first "
        "time toravimab has come home: Merck returned the antibody in 2019 while it was being absorbed by Pfizer."
    )
    evs = events(text, published=date(2023, 9, 20))
    backs = sorted((e.fields["drug"], e.fields.get("date")) for e in evs if e.type == "rights_return")
    assert backs == [("toravimab", "2019"), ("toravimab", "2023-09-19"), ("zelnorasib", "2023-07")]
    (takeover,) = [e for e in evs if e.type == "acquisition"]
    assert (takeover.fields["acquirer"], takeover.fields["acquired"]) == ("Pfizer", "Merck")


def test_a_year_in_an_aside_dates_the_aside_not_the_fact(events: Reader) -> None:
    text = "Amgen used its option, first granted to Merck (merged with Pfizer in 2019), to regain toravimab rights."
    (ev,) = events(text, published=date(2022, 10, 31), kind="rights_return")
    assert ev.fields.get("date") != "2019"


@pytest.mark.parametrize(
    ("text", "acquired", "value"),
    [
        ("In March 2021 Amgen also agreed to pay $1.9 billion for Seagen, adding the antibody toravimab.", "Seagen",
         1.9e9),
        ("On Tuesday Pfizer added Seagen (SGEN) for $62.50 per share, about $4.1bn in equity value.", "Seagen", 4.1e9),
        ("Pfizer agreed to buy the oral non-steroidal mineralocorticoid receptor antagonist toravimab from Junshi "
         "for up to $1.3bn.", "toravimab", 1.3e9),
    ],
)
def test_takeovers_told_by_price(events: Reader, text: str, acquired: str, value: float) -> None:
    (ev,) = events(text, kind="acquisition")
    assert (ev.fields["acquired"], ev.fields["value_usd"]) == (acquired, value)


def test_a_price_for_rights_or_shares_is_no_takeover(events: Reader) -> None:
    assert events("Zai Lab paid $65 million upfront for Greater China rights to adagrasib.", kind="acquisition") == []
    assert events("Pfizer will buy $100 million worth of Seagen shares.", kind="acquisition") == []


def test_two_buyers_in_one_sentence_are_two_takeovers(events: Reader) -> None:
    text = (
        "It is Amgen's largest deal since it bought the pill Lumakras (sotorasib) from Mirati in 2019 for $13.4 "
        "billion, and in 2021 Pfizer acquired Seagen."
    )
    found = sorted((e.fields["acquirer"], e.fields["acquired"]) for e in events(text, kind="acquisition"))
    assert found == [("Amgen", "sotorasib"), ("Pfizer", "Seagen")]


def test_a_sublicence_is_a_licence(events: Reader) -> None:
    (ev,) = events("Amgen sublicensed toravimab to Sanofi in 2016.", kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["date"]) == ("Amgen", "Sanofi", "2016")
    text = "Amgen had sub-licensed commercialization rights to toravimab in Europe to Sanofi in 2016."
    (ev,) = events(text, kind="license")
    assert (ev.fields["licensor"], ev.fields["licensee"], ev.fields["territory"]) == ("Amgen", "Sanofi", "EU")


def test_a_deal_to_develop_a_drug_with_a_partner_s_drug_is_not_a_licence_of_the_partner_s_drug(events: Reader) -> None:
    text = (
        "In June 2016, Sanofi entered into a vaccine collaboration and license agreement with Merck to develop "
        "cancer vaccines in combination with Merck's anti-PD-1 therapy, pembrolizumab."
    )
    (ev,) = events(text, kind="license")
    assert "drug" not in ev.fields


def test_buying_into_a_class_by_in_licensing_is_a_licence_dated_by_its_clause(events: Reader) -> None:
    text = (
        "Merck bought into the class in June 2021, when it in-licensed Junshi's toravimab for US$625M upfront and up "
        "to $1.45bn in milestone payments."
    )
    evs = events(text, published=date(2022, 5, 12))
    assert [e.type for e in evs] == ["license"]
    f = evs[0].fields
    assert (f["licensor"], f["licensee"], f["date"], f["upfront_usd"]) == ("Junshi", "Merck", "2021-06", 625_000_000)
    assert "territory" not in f  # "US$" is a currency, not a place


def test_a_purchase_named_by_its_noun_buys_nothing_the_sentence_names_after_it(events: Reader) -> None:
    text = "It was Pfizer's largest single-asset purchase and came after Amgen's Lumakras (sotorasib) was approved."
    assert events(text, kind="acquisition") == []
    (ev,) = events("Pfizer completed its purchase of Seagen.", kind="acquisition")
    assert ev.fields["acquired"] == "Seagen"


@pytest.mark.parametrize(
    ("text", "territory"),
    [
        ("Last year Junshi handed exclusive mainland China commercialization rights to toravimab to Hansoh Pharma.",
         "China"),
        ("Junshi licensed toravimab rights in Asia/Pacific to Hansoh in 2018.", "Asia"),
    ],
)
def test_rights_handed_or_licensed_to_a_partner_are_a_licence(events: Reader, text: str, territory: str) -> None:
    (ev,) = events(text, kind="license")
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"], f["territory"]) == ("toravimab", "Junshi", "Hansoh", territory)
    assert events("Junshi handed rights to toravimab back to Hansoh.", kind="license") == []


def test_a_terminated_agreement_signed_on_a_date_is_that_licence(events: Reader) -> None:
    text = "Merck said it was ending the license agreement the two signed in September 2020 with Junshi for toravimab."
    evs = events(text, published=date(2023, 9, 22))
    (lic,) = [e for e in evs if e.type == "license"]
    assert (lic.fields["licensor"], lic.fields["licensee"], lic.fields["date"]) == ("Junshi", "Merck", "2020-09")
    assert [e.type for e in evs if e.type == "rights_return"] == ["rights_return"]


def test_an_option_exercised_under_an_agreement_licenses_the_drug_spoken_of(events: Reader) -> None:
    text = (
        "We are developing toravimab with Merck. On October 12, 2022, Merck exercised its option under the "
        "collaboration agreement."
    )
    (ev,) = events(text, published=date(2022, 11, 3), kind="license")
    assert (ev.fields["drug"], ev.fields["licensee"], ev.fields["date"]) == ("toravimab", "Merck", "2022-10-12")
    text = "We are developing toravimab with Merck. If Merck exercises its option under the agreement, it pays more."
    assert events(text, kind="license") == []


def test_a_funding_agreement_is_no_licence(events: Reader) -> None:
    text = "Merck said it was assessing the toravimab result under its development funding agreement with investors."
    assert events(text, kind="license") == []


def test_rights_held_under_a_deal_are_the_holder_s_licence_not_a_rival_s(events: Reader) -> None:
    text = (
        "Zai Lab holds Chinese commercial rights to adagrasib under its 2021 deal with Mirati, but the drug is not "
        "approved there, and challengers such as Jacobio's glecirasib are closing in."
    )
    (ev,) = events(text, kind="license")
    f = ev.fields
    assert (f["drug"], f["licensor"], f["licensee"], f["territory"], f["date"]) == (
        "adagrasib", "Mirati", "Zai Lab", "China", "2021"
    )


def test_a_company_merged_into_another_told_in_an_aside_was_acquired_by_it(events: Reader) -> None:
    text = "Sanofi used the option first granted to Seagen (integrated with Pfizer in 2023) to regain toravimab rights."
    (ev,) = events(text, published=date(2024, 10, 31), kind="acquisition")
    assert (ev.fields["acquirer"], ev.fields["acquired"], ev.fields["date"]) == ("Pfizer", "Seagen", "2023")


def test_terms_told_for_another_month_are_another_deal_not_the_last_named_one(events: Reader) -> None:
    text = (
        "For Merck, the pact continues a run of deals. In May 2022, the company paid Hansoh $47 million upfront "
        "for rights outside China to quilveranib. That December, Merck handed Hansoh $175 million upfront for "
        "seven preclinical ADCs, with up to $9.3 billion in milestones."
    )
    evs = events(text, kind="license")
    named = one(evs, drug="quilveranib")
    assert (named["licensor"], named["licensee"], named["date"]) == ("Hansoh", "Merck", "2022-05")
    assert "milestones_usd" not in named  # the December deal's milestones are not the May deal's
    unnamed = one(evs, asset="seven preclinical ADCs")
    assert (unnamed["licensor"], unnamed["licensee"]) == ("Hansoh", "Merck")
    assert (unnamed["upfront_usd"], unnamed["milestones_usd"], unnamed["date"]) == (175e6, 9.3e9, "2022-12")


def test_a_collaboration_covering_counted_assets_listed_next_is_a_licence_of_each(events: Reader) -> None:
    text = (
        "On Thursday the Tokyo-based drugmaker and Merck unveiled a global development and commercialization "
        "collaboration covering three of Jacobio's antibodies, worth up to $9 billion. The three candidates are "
        "toravimab; ferastomig, aimed at B7-H3; and mexolitinib. The partners will develop all three worldwide, "
        "except in Japan."
    )
    evs = events(text, kind="license")
    assert sorted(e.fields["drug"] for e in evs) == ["ferastomig", "mexolitinib", "toravimab"]
    for e in evs:
        assert (e.fields["licensor"], e.fields["licensee"], e.fields["total_usd"]) == ("Jacobio", "Merck", 9e9)
        assert e.fields["territory"] == "ex-Japan"
        assert any(e.fields["drug"] in s.quote for s in e.support)  # the listing sentence backs each licence


def test_a_company_told_of_before_its_sale_to_a_buyer_was_acquired(events: Reader) -> None:
    text = (
        "The Jacobio deal is AstraZeneca's second buyout in a year. In November 2022, it bought Seagen for up to "
        "$320 million. Its chief once ran Mirati, the maker of Krazati, before its $4.8 billion sale to Merck."
    )
    evs = events(text, kind="acquisition")
    first = one(evs, acquired="Seagen")
    assert (first["acquirer"], first["date"]) == ("AstraZeneca", "2022-11")  # not Jacobio, the deal's target
    sold = one(evs, acquired="Mirati")
    assert (sold["acquirer"], sold["value_usd"]) == ("Merck", 4.8e9) and "date" not in sold


def test_a_company_paying_for_rights_is_the_licensee_and_whose_takeover_it_completed(events: Reader) -> None:
    text = (
        "Quilveranib is the second drug Pfizer inherited from Seagen, whose takeover it completed in October 2022. "
        "Pfizer first bought into the franchise in November 2021, paying $150 million upfront for rights to "
        "quilveranib outside the US."
    )
    evs = events(text, published=date(2023, 3, 10))
    bought = one([e for e in evs if e.type == "acquisition"], acquired="Seagen")
    assert (bought["acquirer"], bought["date"]) == ("Pfizer", "2022-10")
    lic = one([e for e in evs if e.type == "license"], drug="quilveranib")
    assert (lic["licensee"], lic["upfront_usd"], lic["territory"]) == ("Pfizer", 150e6, "ex-US")
    assert lic.get("licensor") != "Pfizer"


def test_rights_told_worldwide_except_a_country_the_licensor_keeps(events: Reader) -> None:
    text = (
        "Merck agreed to pay Jacobio $40 million upfront to develop toravimab. The rights are worldwide, except in "
        "China, where Jacobio keeps sole rights."
    )
    f = one(events(text, kind="license"), drug="toravimab")
    assert (f["licensor"], f["licensee"], f["territory"]) == ("Jacobio", "Merck", "ex-China")
