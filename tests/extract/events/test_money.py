import pytest

from racecard.extract.events.money import find_money
from racecard.extract.events.terms import deal_terms, deal_value


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$65 million upfront", 65e6, "USD"),
        ("up to $1.9bn", 1.9e9, "USD"),
        ("US$5.3B in total", 5.3e9, "USD"),
        ("a $200-million investment", 200e6, "USD"),
        ("€500 million", 500e6, "EUR"),
        ("RMB 1.2 billion", 1.2e9, "CNY"),
        ("300 million euros", 300e6, "EUR"),
        ("$1.6tn", 1.6e12, "USD"),
    ],
)
def test_amounts(text: str, amount: float, currency: str) -> None:
    (m,) = find_money(text)
    assert m.amount == pytest.approx(amount)
    assert m.currency == currency


def test_in_thousands_scales_bare_figures() -> None:
    (m,) = find_money("an upfront fee of $20,000 (in thousands)")
    assert m.amount == 20_000_000


def test_bare_small_figure_is_no_deal_value() -> None:
    assert find_money("it costs $320 plus fees") == []


def test_upfront_milestones_and_total_are_told_apart() -> None:
    terms = deal_terms(
        "Lumora will receive $80 million upfront and up to $1.2 billion in development and sales milestones, "
        "in a deal worth up to $1.28 billion, plus tiered royalties."
    )
    assert terms["upfront_usd"] == 80e6
    assert terms["milestones_usd"] == 1.2e9
    assert terms["total_usd"] == 1.28e9
    assert "royalt" in terms["royalties"]


def test_milestone_amounts_add_up() -> None:
    terms = deal_terms(
        "Tessaly pays $1 billion now, up to $2 billion in R&D milestones and $3 billion in sales milestones."
    )
    assert terms["milestones_usd"] == 5e9


def test_equity_and_share_prices_are_not_terms() -> None:
    terms = deal_terms("Tessaly also made a $50 million equity investment in Lumora.")
    assert "upfront_usd" not in terms and "total_usd" not in terms


def test_non_dollar_terms_keep_their_text() -> None:
    terms = deal_terms("Lumora receives an upfront payment of €40 million.")
    assert "upfront_usd" not in terms
    assert "€40 million" in terms["value_text"]


def test_acquisition_value_skips_per_share_price() -> None:
    value = deal_value("Novartis will pay $72.00 per share in cash, or about $12 billion in all.", 0)
    assert value["value_usd"] == 12e9


@pytest.mark.parametrize(
    ("text", "whole"),
    [("worth up to $4.1 billion", 4_100_000_000), ("$1.15bn", 1_150_000_000), ("US$0.3 million", 300_000)],
)
def test_decimal_amounts_are_exact_dollars(text: str, whole: int) -> None:
    (m,) = find_money(text)
    assert m.amount == whole  # exact, not 4099999999.9999995


def test_an_amount_given_in_dollars_too_is_read_in_dollars() -> None:
    terms = deal_terms("Lumora will receive an upfront payment of RMB 500 million (about $70 million).")
    assert terms == {"upfront_usd": 70e6}
    terms = deal_terms(
        "Lumora gets RMB 500 million upfront and up to RMB 2 billion (approximately $280 million) in milestones."
    )
    assert terms["milestones_usd"] == 280e6 and terms["value_text"] == "upfront: RMB 500 million"


def test_a_figure_including_milestones_is_the_total() -> None:
    terms = deal_terms("for $300 million upfront, in a deal worth up to $2.1 billion including milestones")
    assert terms == {"upfront_usd": 300e6, "total_usd": 2.1e9}


def test_a_reimbursement_of_costs_is_no_deal_value() -> None:
    terms = deal_terms("Sobi also agreed to reimburse us for up to $80.0 million of development costs.")
    assert "total_usd" not in terms


def test_an_upfront_word_after_one_amount_is_no_cue_for_the_next() -> None:
    from racecard.extract.events.terms import deal_terms

    terms = deal_terms("In 2019 Amgen paid $1.35 billion upfront in a deal worth up to $6.9 billion for it.")
    assert (terms["upfront_usd"], terms["total_usd"]) == (1.35e9, 6.9e9)
    terms = deal_terms("Amgen paid $80 million in milestones, and up to $2 billion overall, for the drug.")
    assert (terms["milestones_usd"], terms["total_usd"]) == (80e6, 2e9)
