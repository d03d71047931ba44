"""Event dates: the date expression tied to the event's trigger, resolved against the
publication date, with its precision.

"LNA took control of Sirte on Monday" in an article of Wednesday 2020-01-08 is dated
2020-01-06. Rules, all relative to the publication date:
- a weekday is the most recent such day on or before publication (the publication's own
  weekday is the publication day); "last Monday" is strictly before it;
- "yesterday", "today", "N days/weeks/months/years ago";
- "last week", "this week" (week precision, dated by the week's Monday), "last month",
  "earlier this month", "this year", "last year";
- a month without a year is its latest occurrence on or before publication ("in November"
  of a January article is last November); a day of a month without a year likewise, unless it
  falls within the next 90 days, which makes it a future date ("on Feb. 3");
- "since 2014" is dated 2014 (the start), years and "March 2019" as written.
Not event dates: future expressions ("next month", "in the coming weeks", "tomorrow"),
deadlines ("by March", "until June"), durations ("for two years"), and dates that modify
another noun or clause than the trigger's ("a 2014 agreement", a relative clause).

Without a tied expression the event takes the publication date (source "publication"); with
neither, the value is None (source "none"). Dates are never invented.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from eventwire.records import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None,
    "few": None, "a few": None,
}
FUTURE_WORDS = re.compile(
    r"\b(next|coming|upcoming|tomorrow|later this|later in|from now|following|ahead|soon)\b"
)
DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before", "within", "for", "ahead"})
START_PREPOSITIONS = frozenset({"since", "from"})
FUTURE_DAY_WINDOW = timedelta(days=90)  # "on Feb. 3" in a January article is ahead, not last year
# Dependency labels by which a date belongs to a noun ("a 2014 agreement", "Monday's attack").
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "quantmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
NOMINAL_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
MAX_NOUN_HOPS = 1

_LEAD = re.compile(r"^(?:the|on|in|at|during|of|as of|earlier|late|early|mid|around|about)\s+")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"^({_MONTH_NAMES})\.? (\d{{1,2}})(?:,? (\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^(\d{{1,2}}) ({_MONTH_NAMES})\.?(?:,? (\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^({_MONTH_NAMES})\.?(?:,? (\d{{4}}))?$")
_YEAR = re.compile(r"^(\d{4})$")
_AGO = re.compile(r"^(\d+|[a-z]+(?: few)?) (day|week|month|year)s? ago$")
_WEEKDAY = re.compile(rf"^(last |this |this past |past )?({'|'.join(WEEKDAYS)})(?:'s)?"
                      r"(?: (?:morning|afternoon|evening|night))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _clean(text: str) -> str:
    t = text.replace("’", "'").replace("\u00a0", " ").lower().strip(" .,;:'\"()")
    t = re.sub(r"\s+", " ", t)
    t = _ORDINAL.sub(r"\1", t)
    t = re.sub(r"^(?:on|in|at|during|as of)\s+", "", t)
    return t


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _day(d: date, text: str) -> EventDate:
    return EventDate(d.isoformat(), "day", "text", text)


def _month(year: int, month: int, text: str) -> EventDate:
    return EventDate(f"{year:04d}-{month:02d}", "month", "text", text)


def _year(year: int, text: str) -> EventDate:
    return EventDate(f"{year:04d}", "year", "text", text)


def parse_date_expression(text: str, published: date | None) -> EventDate | None:
    """Resolve one date expression against the publication date; None when it is not the date
    of a past event (future, deadline, duration) or cannot be resolved."""
    if not text or not text.strip():
        return None
    original = text.strip()
    t = _clean(original)
    first = t.split(" ", 1)[0]
    if first in DEADLINE_PREPOSITIONS or FUTURE_WORDS.search(t):
        return None
    if first in START_PREPOSITIONS:
        t = t.split(" ", 1)[1] if " " in t else ""
    t = _LEAD.sub("", t)
    t = _LEAD.sub("", t)  # "in early March", "on the morning of"
    result = _absolute(t, original, published)
    if result is None and published is not None:
        result = _relative(t, original, published)
    known_form = any(r.match(t) for r in (_ISO, _YEAR, _MONTH_DAY, _DAY_MONTH, _MONTH_YEAR))
    if result is None and published is not None and not known_form and _looks_like_date(t):
        result = _dateparser(t, original, published)
    if result is not None and published is not None and _after(result, published):
        return None
    return result


def _absolute(t: str, text: str, published: date | None) -> EventDate | None:
    if m := _ISO.match(t):
        try:
            return _day(date(int(m[1]), int(m[2]), int(m[3])), text)
        except ValueError:
            return None
    if m := _YEAR.match(t):
        return _year(int(m[1]), text)
    m = _MONTH_DAY.match(t)
    day_match = (m[1], m[2], m[3]) if m else None
    if day_match is None and (m := _DAY_MONTH.match(t)):
        day_match = (m[2], m[1], m[3])
    if day_match:
        month, day, year = MONTHS[day_match[0]], int(day_match[1]), day_match[2]
        if year:
            try:
                return _day(date(int(year), month, day), text)
            except ValueError:
                return None
        if published is None:
            return None
        return _latest_day(month, day, text, published)
    if (m := _MONTH_YEAR.match(t)) and m[2]:
        return _month(int(m[2]), MONTHS[m[1]], text)
    return None


def _latest_day(month: int, day: int, text: str, published: date) -> EventDate | None:
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return None
    if candidate > published:
        if candidate - published <= FUTURE_DAY_WINDOW:
            return None
        try:
            candidate = date(published.year - 1, month, day)
        except ValueError:
            return None
    return _day(candidate, text)


def _relative(t: str, text: str, pub: date) -> EventDate | None:
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "now"):
        return _day(pub, text)
    if t in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return _day(pub - timedelta(days=1), text)
    if m := _WEEKDAY.match(t):
        back = (pub.weekday() - WEEKDAYS.index(m[2])) % 7
        if m[1] and m[1].strip() in ("last",) and back == 0:
            back = 7
        return _day(pub - timedelta(days=back), text)
    if m := _AGO.match(t):
        n = int(m[1]) if m[1].isdigit() else NUMBERS.get(m[1])
        unit = m[2]
        if n is None:
            return None
        if unit == "day":
            return _day(pub - timedelta(days=n), text)
        if unit == "week":
            return EventDate(_monday(pub - timedelta(weeks=n)).isoformat(), "week", "text", text)
        if unit == "month":
            return _month(*_shift_months(pub, -n), text)
        return _year(pub.year - n, text)
    if t in ("last week", "past week", "the past week", "previous week"):
        return EventDate(_monday(pub - timedelta(weeks=1)).isoformat(), "week", "text", text)
    if t in ("this week", "this past week"):
        return EventDate(_monday(pub).isoformat(), "week", "text", text)
    if t in ("weekend", "this weekend", "last weekend", "past weekend"):
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if t == "last weekend" and pub.weekday() >= 5:
            saturday -= timedelta(weeks=1)
        return EventDate(_monday(saturday).isoformat(), "week", "text", text)
    if t in ("this month", "last month", "past month", "previous month"):
        return _month(*_shift_months(pub, 0 if t == "this month" else -1), text)
    if t in ("this year", "last year", "past year", "previous year"):
        return _year(pub.year - (t != "this year"), text)
    if m := _MONTH_YEAR.match(t):
        month = MONTHS[m[1]]
        year = pub.year if month <= pub.month else pub.year - 1
        return _month(year, month, text)
    return None


def _looks_like_date(t: str) -> bool:
    return bool(re.search(r"\d", t)) and bool(re.search(rf"\b({_MONTH_NAMES})\b|\d+[/.]\d+", t))


def _dateparser(t: str, text: str, pub: date) -> EventDate | None:
    """Last resort for other written forms ("5/1/2020", "January the 5th, 2020")."""
    from dateparser.date import DateDataParser  # slow import, needed for rare forms only

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": False,
    })
    found = parser.get_date_data(t)
    if found is None or found.date_obj is None:
        return None
    d = found.date_obj.date()
    period = found.period or "day"
    if period == "year":
        return _year(d.year, text)
    if period == "month":
        return _month(d.year, d.month, text)
    if period == "week":
        return EventDate(_monday(d).isoformat(), "week", "text", text)
    return _day(d, text)


def _after(value: EventDate, published: date) -> bool:
    """Whether the expression's whole period starts after publication."""
    if value.value is None:
        return False
    parts = [int(p) for p in value.value.split("-")]
    start = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return start > published


def event_date(sent: Span, trigger: Token, published: date | None) -> EventDate:
    """The date of the event whose trigger is `trigger`, from the date expressions of its
    sentence; else the publication date; else an EventDate with value None."""
    best: tuple[int, int, EventDate] | None = None
    for start, end in _expressions(sent):
        found = _read(sent, start, end, trigger, published)
        if found is not None and (best is None or found[:2] < best[:2]):
            best = found
    if best is not None:
        return best[2]
    if published is not None:
        return EventDate(published.isoformat(), "day", "publication", None)
    return EventDate(None, None, "none", None)


def _read(sent: Span, start: int, end: int, trigger: Token,
          published: date | None) -> tuple[int, int, EventDate] | None:
    """(noun hops, start, date) of the expression, or of its longest tail that reads as a date:
    the small model sometimes swallows nearby words into a DATE ("the capital two days ago")."""
    doc = sent.doc
    for first in range(start, end):
        span = doc[first:end]
        if not any(t.is_alpha or t.is_digit for t in span):
            break
        tie = _tie(span, trigger)
        if tie is None:
            continue
        hops, prep = tie
        text = f"{prep} {span.text}" if prep in START_PREPOSITIONS | DEADLINE_PREPOSITIONS else span.text
        parsed = parse_date_expression(text, published)
        if parsed is not None:
            return hops, first, parsed
        if prep in DEADLINE_PREPOSITIONS or FUTURE_WORDS.search(text.lower()):
            log.debug("date %r tied to %r is not a past event date", text, trigger.text)
            return None
    return None


def _expressions(sent: Span) -> list[tuple[int, int]]:
    """DATE entities, plus weekday and "yesterday" words the entity recogniser missed. Found
    once per sentence and kept on the Doc, since every event of the sentence asks."""
    key = ("eventwire.dates", sent.start, sent.end)
    cached = sent.doc.user_data.get(key)
    if cached is not None:
        return cached
    found = [(e.start, e.end) for e in sent.ents if e.label_ == "DATE"]
    covered = {i for s, e in found for i in range(s, e)}
    for tok in sent:
        if tok.i not in covered and tok.lower_ in (*WEEKDAYS, "yesterday", "today"):
            found.append((tok.i, tok.i + 1))
    sent.doc.user_data[key] = found
    return found


def _tie(span: Span, trigger: Token) -> tuple[int, str | None] | None:
    """(noun hops, governing preposition) when the expression is tied to the trigger."""
    if span.start <= trigger.i < span.end:
        return None
    child = span.root
    prep: str | None = None
    hops = 0
    while True:
        head = child.head
        if head.i == child.i:
            return None
        dep = child.dep_
        if head.i == trigger.i or (
            head.pos_ in VERBAL and trigger.head.i == head.i
            and trigger.dep_ in NOMINAL_ARG_DEPS and trigger.pos_ in NOMINAL
        ):
            if dep in NOUN_MODIFIER_DEPS and head.pos_ not in VERBAL and head.i != trigger.i:
                return None
            return hops, prep
        if head.pos_ in ("ADP", "SCONJ") or dep in ("pobj", "pcomp"):
            if prep is None:
                prep = head.lower_
            child = head
            continue
        if dep in ("conj", "appos"):
            child = head
            continue
        if head.pos_ in VERBAL or head.pos_ == "ADJ" or dep in NOUN_MODIFIER_DEPS or dep in SUBJECT_DEPS:
            return None
        hops += 1
        if hops > MAX_NOUN_HOPS:
            return None
        child = head
