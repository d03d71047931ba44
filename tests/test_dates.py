"""Event dates: text-level resolution and the choice of the expression tied to the trigger."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.dates import event_date, parse_date_expression
from eventwire.records import EventDate

WED = date(2020, 1, 8)  # a Wednesday, the seed article's publication day
SUN = date(2023, 10, 8)  # a Sunday
MON = date(2024, 3, 4)  # a Monday
LEAP = date(2024, 3, 1)  # a Friday after 29 February


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        # weekdays: the latest such day on or before publication, the publication's own included
        ("Monday", WED, "2020-01-06", "day"),
        ("on Monday", WED, "2020-01-06", "day"),
        ("Tuesday", WED, "2020-01-07", "day"),
        ("Wednesday", WED, "2020-01-08", "day"),
        ("Thursday", WED, "2020-01-02", "day"),
        ("Sunday", WED, "2020-01-05", "day"),
        ("last Wednesday", WED, "2020-01-01", "day"),
        ("last Monday", WED, "2020-01-06", "day"),
        ("Monday night", WED, "2020-01-06", "day"),
        ("Sunday", SUN, "2023-10-08", "day"),
        ("Saturday", SUN, "2023-10-07", "day"),
        ("Monday", SUN, "2023-10-02", "day"),
        ("Friday", MON, "2024-03-01", "day"),
        ("Monday", MON, "2024-03-04", "day"),
        ("Tuesday", date(2020, 1, 1), "2019-12-31", "day"),  # across the year end
        # yesterday, today, N ago
        ("yesterday", WED, "2020-01-07", "day"),
        ("yesterday", date(2021, 1, 1), "2020-12-31", "day"),
        ("yesterday", LEAP, "2024-02-29", "day"),
        ("today", WED, "2020-01-08", "day"),
        ("two days ago", WED, "2020-01-06", "day"),
        ("10 days ago", WED, "2019-12-29", "day"),
        ("a week ago", WED, "2019-12-30", "week"),
        ("three months ago", WED, "2019-10", "month"),
        ("two years ago", WED, "2018", "year"),
        # weeks, months, years relative to publication
        ("last week", WED, "2019-12-30", "week"),
        ("this week", WED, "2020-01-06", "week"),
        ("earlier this week", WED, "2020-01-06", "week"),
        ("last month", WED, "2019-12", "month"),
        ("last month", date(2020, 3, 15), "2020-02", "month"),
        ("earlier this month", WED, "2020-01", "month"),
        ("this month", date(2022, 7, 20), "2022-07", "month"),
        ("this year", WED, "2020", "year"),
        ("earlier this year", date(2022, 5, 2), "2022", "year"),
        ("last year", WED, "2019", "year"),
        ("late last year", WED, "2019", "year"),
        # months without a year: the latest such month on or before publication
        ("in November", WED, "2019-11", "month"),
        ("November", WED, "2019-11", "month"),
        ("January", WED, "2020-01", "month"),
        ("in early March", date(2022, 3, 20), "2022-03", "month"),
        ("December", date(2021, 12, 31), "2021-12", "month"),
        ("in March", date(2021, 2, 10), "2020-03", "month"),
        # days of a month
        ("on Jan. 5", WED, "2020-01-05", "day"),
        ("Jan. 5", WED, "2020-01-05", "day"),
        ("Dec. 28", WED, "2019-12-28", "day"),
        ("Nov. 30", WED, "2019-11-30", "day"),
        ("5 January", WED, "2020-01-05", "day"),
        ("January 5th", WED, "2020-01-05", "day"),
        ("Sept. 11", WED, "2019-09-11", "day"),
        ("Feb. 29", LEAP, "2024-02-29", "day"),
        # absolute dates and years
        ("March 5, 2019", WED, "2019-03-05", "day"),
        ("5 March 2019", WED, "2019-03-05", "day"),
        ("2019-12-24", WED, "2019-12-24", "day"),
        ("March 2019", WED, "2019-03", "month"),
        ("2014", WED, "2014", "year"),
        ("in 2011", WED, "2011", "year"),
        ("since 2014", WED, "2014", "year"),
        ("since November", WED, "2019-11", "month"),
        ("12/24/2019", WED, "2019-12-24", "day"),
    ],
)
def test_resolves_past_expressions(text, published, value, precision):
    got = parse_date_expression(text, published)
    assert got == EventDate(value, precision, "text", text)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("next month", WED),
        ("next week", WED),
        ("tomorrow", WED),
        ("the coming weeks", WED),
        ("in the coming days", WED),
        ("later this month", WED),
        ("the upcoming year", WED),
        ("by March", WED),
        ("until June", WED),
        ("for two years", WED),
        ("two years", WED),
        ("decades", WED),
        ("Feb. 3", WED),  # within weeks ahead: a future date, not last February
        ("2021", WED),
        ("March 2020", WED),
        ("", WED),
        # relative expressions need a publication date
        ("Monday", None),
        ("last week", None),
        ("in November", None),
        ("yesterday", None),
    ],
)
def test_rejects_expressions_that_are_not_past_event_dates(text, published):
    assert parse_date_expression(text, published) is None


def test_absolute_dates_need_no_publication_date():
    assert parse_date_expression("March 5, 2019", None) == EventDate("2019-03-05", "day", "text", "March 5, 2019")
    assert parse_date_expression("2014", None) == EventDate("2014", "year", "text", "2014")


_PARSES: dict[str, object] = {}


@pytest.fixture
def parse(nlp):
    def run(text: str):
        if text not in _PARSES:
            _PARSES[text] = nlp(text)
        return _PARSES[text]

    return run


def _trigger(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "trigger", "published", "value", "precision", "source"),
    [
        ("Rebels seized the town on Monday after heavy fighting.", "seized", WED, "2020-01-06", "day", "text"),
        ("The ministry said on Tuesday that troops had left.", "said", WED, "2020-01-07", "day", "text"),
        ("The president met the envoy yesterday in the capital.", "met", WED, "2020-01-07", "day", "text"),
        ("Police arrested 40 protesters on Jan. 5.", "arrested", WED, "2020-01-05", "day", "text"),
        ("The two countries signed a trade pact last month.", "signed", WED, "2019-12", "month", "text"),
        ("Protesters marched through the capital two days ago.", "marched", WED, "2020-01-06", "day", "text"),
        ("The army has occupied the valley since 2014.", "occupied", WED, "2014", "year", "text"),
        ("Both sides violated a 2014 agreement on Tuesday.", "violated", WED, "2020-01-07", "day", "text"),
        # a date that belongs to another word is not the event's date
        ("Both sides violated a 2014 agreement.", "violated", WED, "2020-01-08", "day", "publication"),
        ("The rebels must withdraw by March, the envoy said.", "withdraw", WED, "2020-01-08", "day", "publication"),
        ("The minister condemned the attack, which killed ten people on Sunday.", "condemned", WED,
         "2020-01-08", "day", "publication"),
        ("The summit will be held in Berlin next month.", "held", WED, "2020-01-08", "day", "publication"),
        ("Officials said the talks would resume in the coming weeks.", "said", WED, "2020-01-08", "day", "publication"),
        ("The army shelled the city.", "shelled", WED, "2020-01-08", "day", "publication"),
        ("The army shelled the city.", "shelled", None, None, None, "none"),
        ("The army shelled the city on Monday.", "shelled", None, None, None, "none"),
        ("The army shelled the city on March 5, 2019.", "shelled", None, "2019-03-05", "day", "text"),
    ],
)
def test_event_date_from_trigger(parse, sentence, trigger, published, value, precision, source):
    doc = parse(sentence)
    got = event_date(doc[:], _trigger(doc, trigger), published)
    assert (got.value, got.precision, got.source) == (value, precision, source)


@pytest.mark.parametrize(
    ("anchor", "trigger", "value", "precision", "source"),
    [
        ("Haftar’s LNA took control of Sirte", "took", "2020-01-06", "day", "text"),
        ("The GNA on Wednesday welcomed", "welcomed", "2020-01-08", "day", "text"),
        ("a maritime deal Turkey struck", "struck", "2019-11", "month", "text"),
        ("He hoped a long-planned summit", "held", "2020-01-08", "day", "publication"),
        ("Mitiga airport in Tripoli, closed last week", "closed", "2019-12-30", "week", "text"),
        ("Libya has been divided since 2014", "divided", "2014", "year", "text"),
    ],
)
def test_seed_article_dates(nlp, seed_text, anchor, trigger, value, precision, source):
    doc = parse_seed(nlp, seed_text)
    sent = next(s for s in doc.sents if anchor in s.text)
    trig = next(t for t in sent if t.text == trigger)
    got = event_date(sent, trig, WED)
    assert (got.value, got.precision, got.source) == (value, precision, source)


def parse_seed(nlp, text: str):
    key = "seed:" + text[:40]
    if key not in _PARSES:
        _PARSES[key] = nlp(text)
    return _PARSES[key]
