from datetime import date

import pytest

from racecard.extract.events.dates import find_dates, resolve

PUB = date(2026, 1, 30)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal closed on January 12, 2026.", "2026-01-12"),
        ("It was signed 3 March 2024 in Basel.", "2024-03-03"),
        ("The licence dates from June 2021.", "2021-06"),
        ("Data are due in H1 2026.", "2026-H1"),
        ("Data are due in the second half of 2027.", "2027-H2"),
        ("Results came in the fourth quarter of 2024.", "2024-Q4"),
        ("The filing is planned for Q3 2025.", "2025-Q3"),
        ("The deal was announced on Friday.", "2026-01-30"),
        ("The deal was announced on Monday.", "2026-01-26"),
        ("Launch is expected by the end of this year.", "2026"),
        ("The company said so last month.", "2025-12"),
        ("The trial started last year.", "2025"),
        ("The results arrive in the fourth quarter.", "2026-Q4"),
        ("The split is due by mid-2026.", "2026"),
        ("A filing is planned by year-end.", "2026"),
        ("Sales grew in the third quarter of fiscal year 2025.", "2025-Q3"),
        ("Topline data come in the first quarter of next year.", "2027-Q1"),
        ("Revenue rose in 4Q25.", "2025-Q4"),
        ("Just two months ago the regulator cleared it.", "2025-11"),
        ("The trial began a year ago.", "2025"),
        ("The company filed ten days ago.", "2026-01-20"),
        ("It was dosed three weeks ago.", "2026-01"),
        ("Data are due in 2H26.", "2026-H2"),
        ("The agreement is dated 3/5/2025.", "2025-03-05"),
        ("The congress runs January 7-11, 2026 in Orlando.", "2026-01-07"),
        ("The drug was approved in 2019.", "2019"),
        ("The company said today that it will file.", "2026-01-30"),
        ("The panel met in October.", "2025-10"),
        ("The regulator approved it last week.", "2026-01"),
        ("Data come next week.", "2026-02"),
    ],
)
def test_resolves_against_published(text: str, expected: str) -> None:
    assert resolve(text, PUB) == expected


def test_relative_dates_need_a_published_date() -> None:
    assert resolve("The deal was announced on Friday.", None) is None
    assert resolve("The deal was announced in June 2021.", None) == "2021-06"


def test_weekday_before_an_explicit_date_defers_to_it() -> None:
    found = find_dates("presented on Saturday, March 8, 2025 at the meeting", PUB)
    assert [f.value for f in found] == ["2025-03-08"]


def test_numbers_and_may_are_not_dates() -> None:
    assert resolve("Sales rose 12.5% to $2,024 million and may rise further.", PUB) is None


def test_a_day_later_in_the_month_of_publication_is_this_year() -> None:
    assert resolve("The data were presented on Saturday, March 8.", date(2025, 3, 1)) == "2025-03-08"
    assert resolve("The deal closed on April 15.", date(2025, 3, 12)) == "2024-04-15"


def test_a_day_told_as_a_start_or_deadline_is_the_next_one() -> None:
    assert resolve("The return takes effect effective June 30.", date(2025, 3, 1)) == "2025-06-30"
    assert resolve("Rights stay with Merck until January 2.", date(2025, 3, 1)) == "2026-01-02"
    assert resolve("The termination takes effect on January 20.", date(2025, 9, 22)) == "2026-01-20"
    assert resolve("The deal closed on June 30.", date(2025, 3, 1)) == "2024-06-30"
