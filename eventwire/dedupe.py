"""When two reports describe the same real-world event: the merge rule, free of any store.

News agencies syndicate, and one clash is reported by dozens of outlets; GDELT counts each
as a mention of one event. eventwire does the same. Two coded events are one real-world
event when all of these hold:

1. their PLOVER types are the same, or in one family that coders confuse (`TYPE_FAMILIES`);
2. their statuses agree (a denial is not the act; an "alleged" act may be the act);
3. their actor keys overlap on the source side and on the target side (or a side is empty
   in both);
4. their dates fall in one window whose width follows the coarser precision (day: one day
   either way; week: seven days; month: the same month; year: the same year); an event with
   no date merges only through an identical evidence sentence;
5. their places are compatible: the same country, or one of them has none.

An identical evidence sentence (a syndicated copy) is the strongest sign and is enough on
its own, given 1 and 2. Two events from one article never merge: the coder kept them apart.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import urlsplit

from eventwire.records import Actor, Document, Event

# Types a coder may give to one act depending on wording ("shelled" vs "besieged").
TYPE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"COOPERATE", "AID"}),
    frozenset({"CONCEDE", "RETREAT"}),
)

# Statuses that can describe one act; any other pair must be equal.
_COMPATIBLE_STATUS = frozenset({"asserted", "alleged"})

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def type_family(event_type: str) -> frozenset[str]:
    for family in TYPE_FAMILIES:
        if event_type in family:
            return family
    return frozenset({event_type})


def actor_key(actor: Actor) -> str:
    """The actor's id; else COUNTRY:SECTOR (or COUNTRY) when the country is known; else
    the lower-cased name."""
    if actor.id:
        return actor.id
    if actor.country:
        return f"{actor.country}:{actor.sector}" if actor.sector else actor.country
    return actor.name.strip().lower()


def unique_actors(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors with repeated keys dropped, first one kept."""
    seen: set[str] = set()
    kept = []
    for a in actors:
        k = actor_key(a)
        if k not in seen:
            seen.add(k)
            kept.append(a)
    return tuple(kept)


def sentence_hash(sentence: str) -> str:
    """md5 hex of the UTF-8 sentence; the store computes the same in SQL when migrating."""
    return hashlib.md5(sentence.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """A hash of the article text that ignores whitespace layout."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def origin(doc: Document) -> str:
    """Where a report comes from, for counting distinct sources: the URL's host without
    "www.", else the file it was read from (without a :line suffix), else its id."""
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    if doc.source:
        return re.sub(r":\d+$", "", doc.source)
    return doc.id


def parse_date(value: str | None, precision: str | None) -> tuple[date | None, str | None]:
    """An event date string (YYYY-MM-DD, YYYY-MM or YYYY) as a date and its precision;
    a month or a year is stored as its first day."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), precision or "day"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        return date(int(parts[0]), 1, 1), "year"
    except ValueError:
        return None, None


@dataclass(frozen=True, slots=True)
class MergeKey:
    """What the merge rule looks at, for a newly coded event or a stored one."""

    event_id: str
    event_type: str
    status: str
    source_keys: tuple[str, ...]
    target_keys: tuple[str, ...]
    date: date | None
    precision: str | None
    country: str | None
    sentences: frozenset[str]  # sentence hashes
    doc_ids: frozenset[str]


def key_of(event: Event) -> MergeKey:
    d, precision = parse_date(event.date, event.date_precision)
    return MergeKey(
        event_id=event.event_id,
        event_type=event.event_type,
        status=event.status,
        source_keys=tuple(actor_key(a) for a in unique_actors(event.source)),
        target_keys=tuple(actor_key(a) for a in unique_actors(event.target)),
        date=d,
        precision=precision,
        country=event.location.country if event.location else None,
        sentences=frozenset({sentence_hash(event.evidence.sentence)}),
        doc_ids=frozenset({event.doc_id}),
    )


def _coarser(a: str | None, b: str | None) -> str:
    return max(a or "day", b or "day", key=lambda p: _PRECISION_RANK.get(p, 0))


def dates_match(a: date | None, pa: str | None, b: date | None, pb: str | None) -> bool:
    if a is None or b is None:
        return False
    precision = _coarser(pa, pb)
    if precision == "day":
        return abs((a - b).days) <= 1
    if precision == "week":
        return abs((a - b).days) <= 7
    if precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a.year == b.year


def candidate_dates(d: date) -> set[date]:
    """Stored dates that could match `d` at some precision: the days within a week of it,
    and the first day of its month and of its year (how months and years are stored)."""
    days = {d + timedelta(days=k) for k in range(-7, 8)}
    return days | {date(d.year, d.month, 1), date(d.year, 1, 1)}


def _sides_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a and not b:
        return True
    return bool(set(a) & set(b))


def same_event(new: MergeKey, old: MergeKey) -> bool:
    """True when `new` and `old` describe one real-world event (see the module docstring)."""
    if new.doc_ids & old.doc_ids:
        return False
    if old.event_type not in type_family(new.event_type):
        return False
    if new.status != old.status and not {new.status, old.status} <= _COMPATIBLE_STATUS:
        return False
    if new.sentences & old.sentences:
        return True
    if not (new.source_keys or new.target_keys):
        return False
    if not (_sides_overlap(new.source_keys, old.source_keys)
            and _sides_overlap(new.target_keys, old.target_keys)):
        return False
    if not dates_match(new.date, new.precision, old.date, old.precision):
        return False
    return new.country is None or old.country is None or new.country == old.country


def best_match(new: MergeKey, candidates: list[MergeKey]) -> MergeKey | None:
    """The stored event `new` should join, or None. Prefers an identical sentence, then the
    nearest date, then the most shared actors, then the oldest event id."""

    def rank(old: MergeKey) -> tuple[int, int, int, str]:
        shared = len(set(new.source_keys) & set(old.source_keys)) + len(
            set(new.target_keys) & set(old.target_keys)
        )
        distance = abs((new.date - old.date).days) if new.date and old.date else 10_000
        return (0 if new.sentences & old.sentences else 1, distance, -shared, old.event_id)

    matches = [old for old in candidates if same_event(new, old)]
    return min(matches, key=rank) if matches else None


def absorb(old: MergeKey, new: MergeKey) -> MergeKey:
    """The stored event after `new` joined it: actor keys and evidence are unions, and a
    finer date replaces a coarser one (a later report often gives the exact day)."""
    d, precision = old.date, old.precision
    if new.date is not None and (
        d is None or _PRECISION_RANK.get(new.precision or "day", 0)
        < _PRECISION_RANK.get(precision or "day", 0)
    ):
        d, precision = new.date, new.precision
    return replace(
        old,
        source_keys=old.source_keys + tuple(k for k in new.source_keys if k not in old.source_keys),
        target_keys=old.target_keys + tuple(k for k in new.target_keys if k not in old.target_keys),
        date=d,
        precision=precision,
        country=old.country or new.country,
        sentences=old.sentences | new.sentences,
        doc_ids=old.doc_ids | new.doc_ids,
    )
