"""The whole pipeline on the reference article: the events an analyst expects, with their
actors, dates, places and evidence (issue 2's acceptance list). Skips where ../shared is absent."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.evaluate import actor_code
from eventwire.pipeline import code_documents, code_text
from eventwire.records import PLOVER_TYPES, STATUSES, Document, Event

PUBLISHED = date(2020, 1, 8)


@pytest.fixture(scope="module")
def seed_events(seed_text, nlp) -> list[Event]:
    return list(next(code_documents([Document(id="libya-ceasefire", text=seed_text, published=PUBLISHED)])).events)


def codes(actors) -> set[str]:
    return {c for a in actors if (c := actor_code(a))}


def find(events, types, source, target=frozenset(), trigger=None):
    """Events of one of `types` whose source covers `source` and target covers `target`."""
    return [e for e in events
            if e.event_type in types and source <= codes(e.source) and target <= codes(e.target)
            and (trigger is None or trigger in e.evidence.trigger)]


# (what the analyst reads, types, source codes, target codes, trigger words)
EXPECTED = [
    ("Turkey and Russia urge Libya's warring parties to declare a ceasefire", {"REQUEST"}, {"TUR", "RUS"}, {"LBY"}, "urged"),
    ("Turkey backs the GNA / Serraj", {"SUPPORT", "AID"}, {"TUR"}, {"LBY"}, None),
    ("Russian contractors work alongside the LNA", {"COOPERATE", "AID", "SUPPORT"}, {"RUS"}, {"LBY"}, None),
    ("Erdogan and Putin hold talks", {"CONSULT"}, {"TUR", "RUS"}, set(), "talks"),
    ("the GNA welcomes a call to talks", {"SUPPORT"}, {"LBY"}, set(), "welcomed"),
    ("the UN urges Libyan parties to respond", {"REQUEST"}, {"IGO"}, {"LBY"}, "urged"),
    ("the LNA takes Sirte", {"COERCE"}, {"LBY"}, {"LBY"}, "took control"),
    ("bombardment near Mitiga airport", {"ASSAULT"}, set(), set(), "bombardment"),
    ("UAE, Jordan and Egypt support the LNA", {"SUPPORT", "AID"}, {"ARE", "JOR", "EGY"}, {"LBY"}, None),
    ("France, Egypt, Greece and Cyprus oppose Turkey", {"REJECT", "ACCUSE"}, {"FRA", "EGY", "GRC", "CYP"}, {"TUR"}, None),
    ("the Turkey-GNA maritime deal", {"AGREE", "SUPPORT", "COOPERATE"}, {"TUR"}, {"LBY"}, "struck"),
    ("Maas calls for a ceasefire and an arms embargo", {"REQUEST"}, {"DEU"}, set(), None),
    ("Conte holds talks with Haftar", {"CONSULT"}, {"ITA"}, {"LBY"}, "talks"),
]


@pytest.mark.slow
@pytest.mark.parametrize("label,types,source,target,trigger", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_seed_events_found(seed_events, label, types, source, target, trigger):
    assert find(seed_events, types, source, target, trigger), label


@pytest.mark.slow
@pytest.mark.parametrize("trigger,when,precision,place,country", [
    ("took control", "2020-01-06", "day", "Sirte", "LBY"),
    ("bombardment", "2020-01-08", "day", "Mitiga", "LBY"),
    ("talks between", "2020-01-08", "day", "Istanbul", "TUR"),
    ("opposition", "2020-01-08", "day", "Cairo", "EGY"),
    ("held talks", "2020-01-08", "day", "Rome", "ITA"),
    ("struck", "2019-11", "month", None, None),
])
def test_seed_dates_and_places(seed_events, trigger, when, precision, place, country):
    (event,) = [e for e in seed_events if trigger in e.evidence.trigger][:1]
    assert (event.date, event.date_precision) == (when, precision)
    if place is not None:
        assert event.location is not None and place in event.location.name
        assert event.location.country == country and event.location.lat is not None


@pytest.mark.slow
def test_seed_statuses_and_reporters(seed_events):
    send = [e for e in seed_events if "send" in e.evidence.trigger]
    assert send and send[0].status == "intended" and codes(send[0].source) == {"TUR"}
    maas = [e for e in seed_events if codes(e.source) == {"DEU"}]
    assert maas and maas[0].status == "asserted"


@pytest.mark.slow
def test_every_seed_event_is_well_formed(seed_events, seed_text):
    assert len(seed_events) >= 13
    for e in seed_events:
        assert e.event_type in PLOVER_TYPES and e.status in STATUSES
        assert 1 <= e.quad_class <= 4 and -10 <= e.goldstein <= 10
        assert seed_text[e.evidence.start:e.evidence.end] == e.evidence.sentence
        assert seed_text[e.evidence.trigger_start:e.evidence.trigger_end].split()[0] == e.evidence.trigger.split()[0]
        assert e.source or e.target or e.event_type == "ASSAULT"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The foreign minister said the talks were useful.",
    "Oil prices rose after the announcement.",
    "The weather in Tripoli was mild on Sunday.",
])
def test_statements_without_action_are_not_events(nlp, text):
    assert code_text(text, published=PUBLISHED) == []


@pytest.mark.slow
def test_events_round_trip_through_json(seed_events):
    import json

    for e in seed_events:
        again = Event.from_dict(json.loads(json.dumps(e.to_dict())))
        assert again.to_dict() == e.to_dict()
