"""Date expressions resolved against the publication date (extract.dates)."""
from __future__ import annotations

import pytest

from extract.dates import needs_publication_date, resolve
from extract.model import DATE, G_YEAR, G_YEAR_MONTH

PUB = "2022-06-14"


# ---------------------------------------------------------------- dates

DATE_CASES = [
    ("Friday", PUB, ("2022-06-10", DATE)),
    ("on Friday", PUB, ("2022-06-10", DATE)),
    ("Tuesday", PUB, ("2022-06-14", DATE)),      # the publication day itself
    ("Saturday", "2022-06-12", ("2022-06-11", DATE)),
    ("Friday (KST)", PUB, ("2022-06-10", DATE)),
    ("Friday", None, None),                      # a weekday without a publication date is not placed
    ("June 5", PUB, ("2022-06-05", DATE)),
    ("June 20", PUB, ("2021-06-20", DATE)),      # after the publication date -> the year before
    ("June 5", None, None),                      # no year to anchor it: no year-less --06-05
    ("August 24 (KST)", None, None),
    ("June 5, 2021", PUB, ("2021-06-05", DATE)),
    ("March 4, 1998", None, ("1998-03-04", DATE)),
    ("4 March 1998", None, ("1998-03-04", DATE)),
    ("Sept. 19, 2018", None, ("2018-09-19", DATE)),
    ("last month", PUB, ("2022-05", G_YEAR_MONTH)),
    ("last month", "2022-01-20", ("2021-12", G_YEAR_MONTH)),
    ("last month", None, None),
    ("in 2019", PUB, ("2019", G_YEAR)),
    ("2019", None, ("2019", G_YEAR)),
    ("November 2016", None, ("2016-11", G_YEAR_MONTH)),
    ("in November 2016", PUB, ("2016-11", G_YEAR_MONTH)),
    ("November 2016 after years of talks", None, ("2016-11", G_YEAR_MONTH)),
    ("March", PUB, ("2022-03", G_YEAR_MONTH)),
    ("November", PUB, ("2021-11", G_YEAR_MONTH)),  # a month after the publication month -> last year
    ("March", None, None),
    ("yesterday", "2022-06-01", ("2022-05-31", DATE)),
    ("yesterday", None, None),
    ("today", PUB, ("2022-06-14", DATE)),
    ("last year", PUB, ("2021", G_YEAR)),
    ("this year", PUB, ("2022", G_YEAR)),
    ("2021-02-03", None, ("2021-02-03", DATE)),
    ("2021-02-30", None, None),
    # periods and future spans are not dates of an event
    ("three years", PUB, None),
    ("the 1990s", PUB, None),
    ("next month", PUB, None),
    ("5 days ago", PUB, None),
    ("the coming days", PUB, None),
    ("the same year", PUB, None),  # resolved by the agreement rule from its anchor, not here
]


@pytest.mark.parametrize("text, pubdate, expected", DATE_CASES)
def test_resolve(text, pubdate, expected):
    assert resolve(text, pubdate) == expected


@pytest.mark.parametrize("text, expected", [
    ("June 5", True), ("Friday", True), ("yesterday", True), ("last month", True), ("March", True),
    ("June 5, 2021", False), ("2019", False), ("the same year", False), ("three years", False),
])
def test_needs_publication_date(text, expected):
    assert needs_publication_date(text) is expected
