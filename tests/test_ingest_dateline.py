"""Wire datelines and metadata date strings (eventwire/ingest/dateline.py)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.ingest.dateline import find_dateline, parse_date_value


@pytest.mark.parametrize(
    ("text", "place", "month", "day", "year", "agency"),
    [
        ("TRIPOLI, Jan 8 (Reuters) - Libya's eastern forces said on Wednesday", "TRIPOLI", 1, 8, None, "Reuters"),
        ("ISTANBUL (AP) — Jan. 8, 2020 — Turkey and Russia called for a truce.", "ISTANBUL", 1, 8, 2020, "AP"),
        ("CAIRO, 8 January 2020: Egypt's foreign minister met his Libyan counterpart.", "CAIRO", 1, 8, 2020, None),
        ("KYIV, Ukraine, Feb 24 (Reuters) - Russian forces attacked.", "KYIV, Ukraine", 2, 24, None, "Reuters"),
        ("WASHINGTON, Sept. 15 — Israel signed agreements with the UAE.", "WASHINGTON", 9, 15, None, None),
        ("BEIRUT, Jan 8, 2020 (AFP) - Lebanon's president said", "BEIRUT", 1, 8, 2020, "AFP"),
        ("ADDIS ABABA, Nov 2 -- The government said", "ADDIS ABABA", 11, 2, None, None),
        ("Leaders meet in Berlin\n\nBERLIN, 19 January 2020: World leaders agreed", "BERLIN", 1, 19, 2020, None),
    ],
)
def test_datelines_are_found(text, place, month, day, year, agency):
    d = find_dateline(text)
    assert d is not None
    assert (d.place, d.month, d.day, d.year, d.agency) == (place, month, day, year, agency)


@pytest.mark.parametrize(
    "text",
    [
        "Turkey and Russia push for Libya ceasefire\n\nTurkey and Russia urged Libya's warring parties",
        "THE UN SAID ON Jan 3 - that it would send an envoy.",  # capitals but no comma or agency
        "On Jan. 8, Iran fired missiles at two bases.",
        "BERLIN, Febtember 3 — no such month.",
        "TRIPOLI, Jan 40 (Reuters) - no such day.",
    ],
)
def test_text_without_a_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("TRIPOLI, Jan 8 (Reuters) - x", date(2020, 1, 8), date(2020, 1, 8)),
        ("TRIPOLI, Jan 8 (Reuters) - x", None, None),  # no year source: never invent one
        ("WASHINGTON, Dec. 30 — x", date(2020, 1, 2), date(2019, 12, 30)),  # the nearest year
        ("ISTANBUL (AP) — Jan. 8, 2020 — x", None, date(2020, 1, 8)),
        ("ISTANBUL (AP) — Jan. 8, 2020 — x", date(2023, 5, 1), date(2020, 1, 8)),  # its own year wins
        ("MOSCOW, Feb 29 — x", date(2021, 3, 1), date(2020, 2, 29)),  # the only leap year in reach
    ],
)
def test_dateline_years(text, hint, expected):
    d = find_dateline(text)
    assert d is not None
    assert d.resolve(hint) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-08", date(2020, 1, 8)),
        ("2020-01-08T23:30:00-05:00", date(2020, 1, 8)),  # the publisher's local date, not UTC
        ("2020-01-08 10:00", date(2020, 1, 8)),
        ("20200108", date(2020, 1, 8)),
        ("Wed, 08 Jan 2020 10:00:00 GMT", date(2020, 1, 8)),
        ("January 8, 2020", date(2020, 1, 8)),
        ("8 January 2020", date(2020, 1, 8)),
        ("Wednesday, Jan. 8, 2020", date(2020, 1, 8)),
        ("Jan 8", None),  # no year
        ("2020-02-30", None),
        ("yesterday", None),
        ("", None),
        (20200108, None),
    ],
)
def test_parse_date_value(value, expected):
    assert parse_date_value(value) == expected
