from __future__ import annotations

from racecard.ingest.clean import furniture, is_furniture


def _removed(text: str) -> list[str]:
    return [text[s.start : s.end] for s in furniture(text)]


def test_teaser_list_after_read_more_is_furniture() -> None:
    text = (
        "Acme Bio licensed a drug to Zeta Pharma on Monday.\n"
        "Read More on ZETA:\n"
        "- Zeta shares climb after upbeat guidance\n"
        "- Omega Therapeutics names a new chief executive\n"
        "\n"
        "The deal includes an upfront payment of $20 million and further milestones.\n"
    )
    removed = _removed(text)
    assert removed[0] == "Read More on ZETA:"
    assert "- Omega Therapeutics names a new chief executive" in removed
    assert not any("upfront payment" in r for r in removed)


def test_paywall_gate_cuts_the_rest() -> None:
    text = "Real news sentence here.\nThis story is for members: register for free to continue reading.\nPitch line\n"
    removed = _removed(text)
    assert len(removed) == 1 and removed[0].startswith("This story") and removed[0].endswith("Pitch line\n")


def test_single_furniture_lines() -> None:
    for line in ("Share", "Share - WeChat", "Advertisement", "Also read: markets today",
                 "Subscribe to get our newsletter by email.", "• Is ACME stock a buy? Where are ACME shares going?",
                 "Related reading: Biotech IPOs return | Hengrui's licensing push", "Related: Pfizer cuts jobs",
                 "More press releases: Takeda reports results | Otsuka names a CFO"):
        assert is_furniture(line), line
    for line in ("Amgen shares rose 3% after the readout.", "Related to the deal, Zai Lab paid $65 million."):
        assert not is_furniture(line), line


def test_a_paragraph_of_prose_is_never_a_furniture_line() -> None:
    from racecard.ingest.clean import furniture

    prose = (
        "Subscription-style pricing, the company said, would let states pay a fixed fee for unlimited access to "
        + "the hepatitis C cure, and Lumora Bio expects the model to spread to other curative therapies. " * 5
    )
    assert furniture(prose) == ()
    assert furniture("Subscribe to our newsletter for daily biotech news.") != ()


def test_a_closing_list_of_other_press_releases_is_furniture() -> None:
    from racecard.ingest.clean import furniture

    text = "Astellas won an opinion.\n\nMore press releases: Takeda reports results | Otsuka names a CFO\n"
    (span,) = furniture(text)
    assert text[span.start : span.end].startswith("More press releases")


def test_the_safe_harbour_paragraph_is_boilerplate_but_prose_about_statements_is_not() -> None:
    text = (
        "Acme Bio licensed velumab to Zeta Pharma on Monday.\n\n"
        "Forward-Looking Statements\n"
        "Statements about the expected approval of velumab in Europe are subject to risks and uncertainties.\n\n"
        "This press release contains forward-looking statements within the meaning of the Private Securities "
        "Litigation Reform Act of 1995, including statements about a licence of velumab to Omega.\n\n"
        "DISCLOSURE NOTICE: The information in this release is as of March 3, 2025.\n\n"
        "Zeta said its statement on the trial would follow next week.\n"
    )
    removed = _removed(text)
    assert removed[0] == "Forward-Looking Statements" and removed[1].startswith("Statements about the expected")
    assert removed[2].startswith("This press release contains") and removed[3].startswith("DISCLOSURE NOTICE")
    assert len(removed) == 4


def test_a_law_s_year_dates_nothing() -> None:
    from datetime import date

    from racecard.extract.events.dates import find_dates

    found = find_dates("Under the Inflation Reduction Act of 2022, prices fall in 2026.", date(2025, 1, 1))
    assert [f.value for f in found] == ["2026"]


def test_a_masthead_naming_the_publication_before_the_date_is_furniture() -> None:
    from racecard.ingest.clean import furniture

    text = "Acme Pharma | Oct 21, 2024\n\nAcme Pharma said on Monday that its drug met its goal.\n"
    spans = furniture(text)
    assert [text[s.start : s.end].strip() for s in spans] == ["Acme Pharma | Oct 21, 2024"]
