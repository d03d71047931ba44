"""Publication dates from metadata strings and from wire datelines at the head of a story.

A dateline is the "TRIPOLI, Jan 8 (Reuters) -" that opens a wire report. Without a year in it,
the year comes from a hint (the caller's default date, or a modified-date in the file's own
metadata); without a hint the date stays unknown, because guessing a year is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = r"(?P<month>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "Jan. 8, 2020", "Jan 8", "8 January 2020", "January 8th"
_MONTH_DAY = rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
_DAY_MONTH = rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"
_WRITTEN_DATE = re.compile(rf"^(?:[A-Za-z]+,?\s+)?(?:{_MONTH_DAY}|{_DAY_MONTH.replace('?P<', '?P<d_')})\s*$", re.I)

_PLACE = r"[A-Z][A-Z'’.\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z'’.\- ]{1,30}?)?"
_AGENCY = r"\((?P<agencyN>[^()\n]{1,40})\)"
_DASH = r"(?:--|[-—–:])"
_DATE_PART = rf"(?:{_MONTH_DAY}|{_DAY_MONTH.replace('?P<', '?P<d_')})"
# PLACE[, region] [(Agency) —] DATE [(Agency)] [—|:|-]
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})\s*(?:{_AGENCY.replace('N', '1')}\s*{_DASH}?\s*,?|,)\s*{_DATE_PART}\s*,?\s*"
    rf"(?:{_AGENCY.replace('N', '2')})?\s*{_DASH}",
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    month: int
    day: int
    year: int | None
    agency: str | None
    text: str  # the dateline as written

    def resolve(self, year_hint: date | None) -> date | None:
        """The full date: its own year, else the year that puts it nearest the hint, else None."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if year_hint is None:
            return None
        candidates = [_safe_date(y, self.month, self.day) for y in (year_hint.year - 1, year_hint.year, year_hint.year + 1)]
        valid = [c for c in candidates if c is not None]
        return min(valid, key=lambda c: abs((c - year_hint).days)) if valid else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _parts(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year) from either of the two date-part spellings."""
    for prefix in ("", "d_"):
        month_word = m.group(f"{prefix}month")
        if month_word:
            month = _month_number(month_word)
            if month is None:
                return None
            year = m.group(f"{prefix}year")
            return month, int(m.group(f"{prefix}day")), int(year) if year else None
    return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening `text` (or its second paragraph, after a headline), if any."""
    head = text.lstrip()[:400]
    candidates = [head]
    first_break = head.find("\n")
    if first_break != -1:
        candidates.append(head[first_break:].lstrip())
    for chunk in candidates:
        m = _DATELINE.match(chunk)
        if m:
            parts = _parts(m)
            if parts is None:
                continue
            month, day, year = parts
            if not 1 <= day <= 31:
                continue
            agency = m.group("agency1") or m.group("agency2")
            place = m.group("place").strip().rstrip(",")
            return Dateline(place, month, day, year, agency.strip() if agency else None, m.group(0).strip())
    return None


def parse_date_value(value: object) -> date | None:
    """A date from a metadata string: ISO 8601, RFC 2822, or "January 8, 2020"; else None.

    A timestamp keeps the calendar date written in it (the publisher's local date), not UTC.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    iso = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:$|[T ])", s)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    compact = re.match(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:$|T)", s)
    if compact:
        return _safe_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    m = _WRITTEN_DATE.match(s)
    if m:
        parts = _parts(m)
        if parts and parts[2] is not None:
            return _safe_date(parts[2], parts[0], parts[1])
    return None
