"""The merge rule, without a store."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import dedupe
from eventwire.dedupe import MergeKey
from eventwire.records import Actor, Document


def key(event_id="e1", doc="a", *, event_type="ASSAULT", status="asserted", source=("LBY:MIL",),
        target=("Q21041490",), day=date(2020, 1, 6), precision="day", country="LBY",
        sentence="Haftar's forces shelled Tripoli.") -> MergeKey:
    return MergeKey(event_id, event_type, status, tuple(source), tuple(target), day, precision,
                    country, frozenset({dedupe.sentence_hash(sentence)}), frozenset({doc}))


@pytest.mark.parametrize("actor, expected", [
    (Actor("Turkey", "Ankara", country="TUR", sector="GOV", id="Q43"), "Q43"),
    (Actor("Libyan army", "the Libyan army", country="LBY", sector="MIL"), "LBY:MIL"),
    (Actor("Libyans", "Libyans", country="LBY"), "LBY"),
    (Actor("Wagner Group ", "Wagner"), "wagner group"),
])
def test_actor_key(actor, expected):
    assert dedupe.actor_key(actor) == expected


@pytest.mark.parametrize("value, precision, expected", [
    ("2020-01-08", "day", (date(2020, 1, 8), "day")),
    ("2020-01-06", "week", (date(2020, 1, 6), "week")),
    ("2020-01", None, (date(2020, 1, 1), "month")),
    ("2020", "year", (date(2020, 1, 1), "year")),
    ("2020-02-30", "day", (None, None)),
    (None, None, (None, None)),
])
def test_parse_date(value, precision, expected):
    assert dedupe.parse_date(value, precision) == expected


@pytest.mark.parametrize("a, pa, b, pb, expected", [
    (date(2020, 1, 6), "day", date(2020, 1, 7), "day", True),
    (date(2020, 1, 6), "day", date(2020, 1, 8), "day", False),
    (date(2020, 1, 6), "week", date(2020, 1, 12), "day", True),
    (date(2020, 1, 6), "week", date(2020, 1, 14), "day", False),
    (date(2020, 1, 1), "month", date(2020, 1, 31), "day", True),
    (date(2020, 1, 1), "month", date(2020, 2, 1), "day", False),
    (date(2020, 1, 1), "year", date(2020, 12, 31), "day", True),
    (None, None, date(2020, 1, 6), "day", False),
])
def test_dates_match(a, pa, b, pb, expected):
    assert dedupe.dates_match(a, pa, b, pb) is expected
    assert dedupe.dates_match(b, pb, a, pa) is expected


@pytest.mark.parametrize("new, expected", [
    (key("e2", "b", sentence="The LNA attacked the GNA."), True),
    (key("e2", "a", sentence="The LNA attacked the GNA."), False),  # same article
    (key("e2", "b", event_type="COERCE", sentence="LNA besieged GNA."), True),
    (key("e2", "b", event_type="PROTEST", sentence="LNA protested."), False),
    (key("e2", "b", status="negated", sentence="The LNA denied attacking."), False),
    (key("e2", "b", source=("RUS:MIL", "LBY:MIL"), sentence="LNA and Russians hit the GNA."), True),
    (key("e2", "b", target=(), sentence="The LNA fired."), False),
    (key("e2", "b", country=None, sentence="The LNA attacked the GNA."), True),
    (key("e2", "b", country="TUN", sentence="The LNA attacked the GNA."), False),
    (key("e2", "b", day=None, precision=None, sentence="The LNA attacked the GNA."), False),
    (key("e2", "b", day=None, precision=None), True),  # identical sentence: a syndicated copy
])
def test_same_event(new, expected):
    assert dedupe.same_event(new, key()) is expected


@pytest.mark.parametrize("stored, precision", [
    (date(2020, 3, 3), "day"), (date(2020, 3, 17), "day"), (date(2020, 3, 1), "month"),
    (date(2020, 1, 1), "year"),
])
def test_candidate_dates_cover_every_match(stored, precision):
    d = date(2020, 3, 10)
    assert dedupe.dates_match(d, "day", stored, "week" if precision == "day" else precision)
    assert stored in dedupe.candidate_dates(d)
    assert date(2020, 3, 18) not in dedupe.candidate_dates(d)


def test_best_match_prefers_identical_sentence_then_nearest_date():
    old_near = key("e1", "a", day=date(2020, 1, 6), sentence="LNA struck GNA.")
    old_far = key("e0", "c", day=date(2020, 1, 5), sentence="LNA hit GNA.")
    new = key("e9", "b", day=date(2020, 1, 6), sentence="LNA pounded GNA.")
    assert dedupe.best_match(new, [old_far, old_near]) == old_near
    copy = key("e9", "b", day=date(2020, 1, 5), sentence="LNA struck GNA.")
    assert dedupe.best_match(copy, [old_far, old_near]) == old_near
    assert dedupe.best_match(key("e9", "b", event_type="AGREE"), [old_near]) is None


def test_absorb_unions_evidence_and_refines_date():
    old = key(day=date(2020, 1, 1), precision="month", country=None)
    new = key("e2", "b", source=("RUS:MIL",), day=date(2020, 1, 6), sentence="Russians shelled Tripoli.")
    merged = dedupe.absorb(old, new)
    assert merged.event_id == "e1"
    assert merged.source_keys == ("LBY:MIL", "RUS:MIL")
    assert (merged.date, merged.precision, merged.country) == (date(2020, 1, 6), "day", "LBY")
    assert merged.doc_ids == {"a", "b"} and len(merged.sentences) == 2


@pytest.mark.parametrize("doc, expected", [
    (Document("1", "x", url="https://www.reuters.com/world/a"), "reuters.com"),
    (Document("2", "x", source="feeds/bbc.jsonl:12"), "feeds/bbc.jsonl"),
    (Document("3", "x"), "3"),
])
def test_origin(doc, expected):
    assert dedupe.origin(doc) == expected


def test_content_hash_ignores_layout():
    assert dedupe.content_hash("Troops  withdrew.\n") == dedupe.content_hash("Troops withdrew.")
    assert dedupe.content_hash("Troops withdrew.") != dedupe.content_hash("Troops advanced.")
