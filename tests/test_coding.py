"""The coder on single sentences written for these tests: type, dyad and status."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.evaluate import actor_code, main_event
from eventwire.pipeline import CodedDocument, code_documents
from eventwire.records import Document, Event

PUB = date(2021, 6, 16)


@pytest.fixture(scope="module")
def code(nlp):
    cache: dict[str, tuple[Event, ...]] = {}

    def run(text: str) -> tuple[Event, ...]:
        if text not in cache:
            coded: CodedDocument = next(code_documents([Document(id="t", text=text, published=PUB)]))
            cache[text] = coded.events
        return cache[text]

    return run


def codes(actors) -> set[str]:
    return {c for a in actors if (c := actor_code(a))}


# sentence, main event type, source codes, target codes (empty set: not checked)
MAIN_EVENTS = [
    ("Turkey and Russia urged Libya's warring parties to declare a ceasefire.", "REQUEST", {"TUR", "RUS"}, {"LBY"}),
    ("The European Union imposed sanctions on Belarus on Monday.", "SANCTION", {"IGO"}, {"BLR"}),
    ("Israeli troops arrested two Palestinian activists in Hebron.", "COERCE", {"ISR"}, {"PSE"}),
    ("Egypt accused Ethiopia of endangering its water supply.", "ACCUSE", {"EGY"}, {"ETH"}),
    ("Iran rejected the proposal put forward by France.", "REJECT", {"IRN"}, set()),
    ("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow.", "CONSULT", {"CHN"}, {"RUS"}),
    ("Japan will send humanitarian aid to Turkey after the earthquake.", "AID", {"JPN"}, {"TUR"}),
    ("Thousands of protesters marched through Khartoum demanding civilian rule.", "PROTEST", {"SDN"}, set()),
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT", {"RUS"}, {"UKR"}),
    ("The United States praised Qatar for its mediation.", "SUPPORT", {"USA"}, {"QAT"}),
    ("North Korea threatened to strike US bases in Guam.", "THREATEN", {"PRK"}, {"USA"}),
    ("Germany expelled two Russian diplomats on Tuesday.", "SANCTION", {"DEU"}, {"RUS"}),
    ("India and Pakistan agreed to a ceasefire along the Line of Control.", "AGREE", {"IND", "PAK"}, set()),
    ("Ukraine asked Germany for more air defence systems.", "REQUEST", {"UKR"}, {"DEU"}),
    ("The Taliban seized control of Kandahar.", "COERCE", {"AFG"}, set()),
    ("Ethiopian troops withdrew from the disputed border town.", "RETREAT", {"ETH"}, set()),
    # PLOVER codes releasing prisoners and restoring relations as RETREAT and SUPPORT.
    ("Colombia's government released 40 rebel prisoners.", "RETREAT", {"COL"}, set()),
    ("Saudi Arabia deployed troops to the Yemeni border.", "MOBILIZE", {"SAU"}, set()),
    ("Kenya and Somalia will restore diplomatic relations.", "SUPPORT", {"KEN", "SOM"}, set()),
    ("Hamas fighters fired rockets at Israel.", "ASSAULT", {"PSE"}, {"ISR"}),
    ("Poland was criticised by the European Commission over judicial reforms.", "ACCUSE", {"IGO"}, {"POL"}),
    ("Brazil called on Venezuela to hold free elections.", "REQUEST", {"BRA"}, {"VEN"}),
    ("Egypt said on Sunday that Israel must withdraw its troops from Rafah.", "REQUEST", {"EGY"}, {"ISR"}),
    ("Kenya will send 1,000 police officers to Haiti, the interior minister said.", "MOBILIZE", {"KEN"}, {"HTI"}),
    # "US" is the United States, not the pronoun "us"
    ("The US rejected the proposal put forward by Russia.", "REJECT", {"USA"}, set()),
    # a role or group takes its country from a modifier of the phrase
    ("Doctors from two French charities delivered medicine to the hospital in Aleppo.", "AID", {"FRA"}, set()),
    ("U.N. peacekeepers evacuated wounded civilians from the besieged town.", "AID", {"IGO"}, set()),
    # a people is coded by where it lives
    ("Ethnic Serbs in northern Kosovo blocked roads to protest the new licence plates.", "PROTEST", {"XKX"}, set()),
    # coercion in a place falls on its people when no one else is named
    ("Police imposed a curfew in Kandy on Monday.", "COERCE", {"LKA"}, {"LKA"}),
    # "issued a statement demanding ...": the issuer demands
    ("Hamas issued a statement demanding that Israel free the detainees.", "REQUEST", {"PSE"}, {"ISR"}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,etype,src,tgt", MAIN_EVENTS)
def test_main_event(code, text, etype, src, tgt):
    main = main_event(code(text))
    assert main is not None, f"no event in {text!r}"
    assert main.event_type == etype
    assert codes(main.source) & src, [a.text for a in main.source]
    if tgt:
        assert codes(main.target) & tgt, [a.text for a in main.target]


STATUSES = [
    ("Turkey will send troops to Libya.", "MOBILIZE", "intended"),
    ("Turkey plans to send troops to Libya.", "MOBILIZE", "intended"),
    ("Russia did not attack the convoy, the ministry said.", "ASSAULT", "negated"),
    ("Rebels allegedly killed twelve villagers near Beni.", "ASSAULT", "alleged"),
    ("The United Nations urged Ethiopia to withdraw its forces from Tigray.", "RETREAT", "requested"),
    ("Egypt condemned the attack on Tuesday.", "ACCUSE", "asserted"),
    ("Egypt said Israel must withdraw its troops from Rafah.", "RETREAT", "requested"),
    ("Houthi rebels said they would release the hostages on Friday.", "RETREAT", "intended"),
    ("Japan is ready to provide emergency aid to the flood victims.", "AID", "intended"),
    ("No hospitals were hit during the overnight strikes on Kharkiv, the mayor said.", "ASSAULT", "negated"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,cameo", [
    ("Turkey will send troops to Libya.", "138"),  # an announced deployment is a threat of force
    ("Japan will send humanitarian aid to Turkey.", "033"),  # an announced gift is an intent to aid
])
def test_intended_acts_carry_cameo_intent_codes(code, text, cameo):
    assert main_event(code(text)).cameo == cameo


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Russia refused to withdraw its troops from the occupied region.",
    "Hungary will not accept the migrant quota, the prime minister said.",
    "Armenia and Azerbaijan failed to reach an agreement in Geneva.",
])
def test_refusals_are_rejections(code, text):
    assert "REJECT" in {e.event_type for e in code(text)}


@pytest.mark.slow
@pytest.mark.parametrize("text,etype,status", STATUSES)
def test_status(code, text, etype, status):
    events = [e for e in code(text) if e.event_type == etype]
    assert events, f"no {etype} in {text!r}: {[e.event_type for e in code(text)]}"
    assert events[0].status == status


NO_EVENTS = [
    "Speaking to reporters in Geneva, the envoy said the talks were useful.",
    "The weather in Cairo was mild on Sunday.",
    "Oil prices rose two percent in early trading.",
    "The museum will reopen next spring after renovations.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_EVENTS)
def test_plain_statements_are_not_events(code, text):
    assert code(text) == ()


@pytest.mark.slow
def test_reporter_and_evidence(code):
    text = "Turkey will send troops to Libya, President Tayyip Erdogan said on Thursday."
    events = [e for e in code(text) if e.event_type == "MOBILIZE"]
    assert events
    ev = events[0]
    assert ev.reported_by is not None and ev.reported_by.country == "TUR"
    assert text[ev.evidence.trigger_start:ev.evidence.trigger_end] == ev.evidence.trigger
    assert ev.evidence.sentence == text


@pytest.mark.slow
def test_a_warning_of_a_future_act_is_a_threat(code):
    assert main_event(code("Iran warned that it would respond to any Israeli attack.")).event_type == "THREATEN"


@pytest.mark.slow
def test_a_dateline_is_neither_trigger_nor_actor(code):
    events = code("WASHINGTON, March 26 (Reuters) - The United States imposed sanctions on Iran on Tuesday.")
    assert [e.event_type for e in events] == ["SANCTION"]
    assert codes(events[0].source) == {"USA"}


@pytest.mark.slow
@pytest.mark.parametrize("text,country", [
    ("Turkish police detained twenty journalists in a dawn raid.", "TUR"),
    ("Kenyan lawmakers approved the finance bill despite protests.", "KEN"),
])
def test_a_domestic_event_is_placed_in_its_country(code, text, country):
    event = main_event(code(text))
    assert event.location is not None
    assert (event.location.country, event.location.precision) == (country, "country")


@pytest.mark.slow
def test_an_event_between_two_countries_has_no_guessed_place(code):
    assert main_event(code("Egypt and Qatar urged Israel to accept the truce.")).location is None


@pytest.mark.slow
@pytest.mark.parametrize("text,etype,target,place", [
    ("Pakistan refused to deploy peacekeepers in Somalia.", "REJECT", "SOM", None),
    ("Thousands of Syrians sought refuge in Turkey last year.", "REQUEST", "TUR", "TUR"),
])
def test_a_place_an_act_is_aimed_at_is_its_last_resort_target(code, text, etype, target, place):
    event = main_event(code(text))
    assert event.event_type == etype
    assert target in codes(event.target)
    if place:
        assert event.location is not None and event.location.country == place


@pytest.mark.slow
def test_a_reported_act_without_its_own_date_takes_the_reports(code):
    # PUB is Wednesday 2021-06-16; the report is dated Monday
    event = main_event(code("Ukraine said on Monday it had shot down eleven Russian drones."))
    assert (event.date, event.date_source) == ("2021-06-14", "text")
