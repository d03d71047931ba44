"""The gazetteer (look-ups with context, curated tables, data checks) and event locations."""

from __future__ import annotations

import csv
import logging

import pytest

from eventwire.places import Gazetteer, locate_event, normalise
from eventwire.places.gazetteer import DATA_DIR, PRECISIONS


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "hints", "expected_name", "country", "precision"),
    [
        # the same name in several countries: context decides, else the larger place
        ("Tripoli", (), "Tripoli", "LBY", "city"),
        ("Tripoli", ("LBN",), "Tripoli", "LBN", "city"),
        ("Tripoli", ("TUR", "LBY"), "Tripoli", "LBY", "city"),
        ("Homs", (), "Homs", "SYR", "city"),
        ("Homs", ("LBY",), "Al Khums", "LBY", "city"),
        ("Donetsk", (), "Donetsk", "UKR", "city"),
        ("Paris", ("USA",), "Paris", "FRA", "city"),  # Paris, Texas is too small to win on context
        ("London", ("CAN",), "London", "GBR", "city"),
        ("Birmingham", ("USA",), "Birmingham", "USA", "city"),
        ("Georgia", (), "Georgia", "GEO", "country"),
        ("Georgia", ("USA",), "Georgia", "USA", "region"),
        ("Lebanon", ("USA",), "Lebanon", "LBN", "country"),  # a country beats a same-named town
        ("Rafah", (), "Rafaḩ", "PSE", "city"),
        ("Washington", (), "Washington", "USA", "city"),
        ("Valencia", (), "Valencia", "VEN", "city"),
        ("Valencia", ("ESP",), "Valencia", "ESP", "city"),
        # spellings and alternate names
        ("Kiev", (), "Kyiv", "UKR", "city"),
        ("Sana'a", (), "Sanaa", "YEM", "city"),
        ("Misrata", (), "Misratah", "LBY", "city"),
        ("Afrin", (), "‘Afrīn", "SYR", "city"),
        ("Jenin", (), "Janīn", "PSE", "city"),
        ("SIRTE", (), "Sirte", "LBY", "city"),
        # countries and their short names
        ("Libya", (), "Libya", "LBY", "country"),
        ("U.S.", (), "United States", "USA", "country"),
        ("Britain", (), "United Kingdom", "GBR", "country"),
        ("the Netherlands", (), "The Netherlands", "NLD", "country"),
        ("Ivory Coast", (), "Ivory Coast", "CIV", "country"),
        ("DR Congo", (), "Democratic Republic of the Congo", "COD", "country"),
        ("Jordan", (), "Jordan", "JOR", "country"),
        # first-level divisions
        ("Idlib province", (), "Idlib province", "SYR", "region"),
        ("Anbar province", (), "Anbar", "IRQ", "region"),
        ("Donetsk region", (), "Donetsk Oblast", "UKR", "region"),
        ("Balochistan", (), "Balochistan", "PAK", "region"),
        ("Texas", (), "Texas", "USA", "region"),
        # curated places that lists of cities miss
        ("Mitiga airport", (), "Mitiga airport", "LBY", "point"),
        ("Ben Gurion airport", (), "Ben Gurion airport", "ISR", "point"),
        ("Kabul airport", (), "Hamid Karzai International Airport", "AFG", "point"),
        ("Al Udeid", (), "Al Udeid air base", "QAT", "point"),
        ("Incirlik air base", (), "Incirlik air base", "TUR", "point"),
        ("Hmeimim", (), "Hmeimim air base", "SYR", "point"),
        ("Rafah crossing", (), "Rafah crossing", "PSE", "point"),
        ("Kerem Shalom", (), "Kerem Shalom crossing", "ISR", "point"),
        ("Bab al-Hawa", (), "Bab al-Hawa crossing", "SYR", "point"),
        ("Donbass", (), "Donbas", "UKR", "region"),
        ("Crimea", (), "Crimea", "UKR", "region"),
        ("Kurdistan region", (), "Kurdistan region", "IRQ", "region"),
        ("Darfur", (), "Darfur", "SDN", "region"),
        ("Tigray", (), "Tigray", "ETH", "region"),
        ("the Gaza Strip", (), "Gaza Strip", "PSE", "region"),
        ("West Bank", (), "West Bank", "PSE", "region"),
        ("Golan Heights", (), "Golan Heights", "SYR", "region"),
        ("Kashmir", (), "Kashmir", "IND", "region"),
        ("Red Sea", (), "Red Sea", None, "region"),
        ("Strait of Hormuz", (), "Strait of Hormuz", None, "region"),
        ("the South China Sea", (), "South China Sea", None, "region"),
        ("Mediterranean", (), "Mediterranean Sea", None, "region"),
        ("Gulf of Aden", (), "Gulf of Aden", None, "region"),
        ("Bab el-Mandeb", (), "Bab el-Mandeb", None, "region"),
        ("Black Sea", (), "Black Sea", None, "region"),
        ("Sahel", (), "Sahel", None, "region"),
    ],
)
def test_lookup(gaz, name, hints, expected_name, country, precision):
    loc = gaz.lookup(name, hints)
    assert loc is not None
    assert (loc.name, loc.country, loc.precision, loc.text) == (expected_name, country, precision, name)
    assert loc.geonameid and (loc.geonameid.isdigit() or loc.geonameid.startswith("curated:"))
    assert loc.lat is not None and loc.lon is not None


@pytest.mark.parametrize(
    "name",
    ["Turkish", "Russian", "Libyan", "Italians", "the Kremlin", "White House", "Haftar", "Putin",
     "Erdogan", "Monday", "Hamas", "Taliban", "Kurdish", "", "   ", "Tripoli-based"],
)
def test_not_places(gaz, name):
    assert gaz.lookup(name) is None


def test_city_coordinates_and_admin1(gaz):
    sirte = gaz.lookup("Sirte")
    assert sirte.geonameid == "2210554" and sirte.admin1 == "Sirte"
    assert sirte.lat == pytest.approx(31.2, abs=0.1) and sirte.lon == pytest.approx(16.6, abs=0.1)
    assert gaz.lookup("Kramatorsk").admin1 == "Donetsk Oblast"
    assert gaz.lookup("Houston").admin1 == "Texas"


def test_normalise_folds_spelling_noise():
    assert normalise("Sana’a") == normalise("Sanaa") == "sanaa"
    assert normalise("the Gaza Strip") == "gaza strip"
    assert normalise("Libya’s") == "libya"
    assert normalise("Bab al-Hawa") == "bab al hawa"


def test_curated_table_is_well_formed():
    with (DATA_DIR / "curated.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 60
    slugs = [r["slug"] for r in rows]
    assert len(set(slugs)) == len(slugs)
    for r in rows:
        assert r["precision"] in PRECISIONS, r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert not r["country"] or len(r["country"]) == 3, r


def test_every_admin1_seat_is_found(caplog):
    from eventwire.places.gazetteer import _load

    _load.cache_clear()
    with caplog.at_level(logging.WARNING, logger="eventwire.places.gazetteer"):
        Gazetteer.load()
    assert not [r.message for r in caplog.records if "seat" in r.message]


@pytest.mark.slow
def test_shipped_index_is_up_to_date():
    from eventwire.places.build import INDEX_PATH, build_index, encode

    assert encode(build_index()) == INDEX_PATH.read_bytes(), "run python -m eventwire.places.build"
    assert INDEX_PATH.stat().st_size < 5_000_000


_PARSES: dict[str, object] = {}


def _parse(nlp, text: str):
    if text not in _PARSES:
        _PARSES[text] = nlp(text)
    return _PARSES[text]


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor_countries", "expected"),
    [
        ("Rebels captured Mosul after a week of fighting.", "captured", (), ("Mosul", "IRQ")),
        ("Government forces retook control of Sirte.", "retook", (), ("Sirte", "LBY")),
        ("The two leaders held talks in Istanbul.", "held", (), ("Istanbul", "TUR")),
        ("In Cairo, the ministers stressed their opposition to the deal.", "stressed", (), ("Cairo", "EGY")),
        ("Clashes erupted in Tripoli on Friday.", "erupted", ("LBN",), ("Tripoli", "LBN")),
        ("Clashes erupted in Tripoli on Friday.", "erupted", ("LBY",), ("Tripoli", "LBY")),
        ("Clashes erupted in Tripoli, Lebanon, on Friday.", "erupted", (), ("Tripoli", "LBN")),
        ("Turkey sent troops to Libya.", "sent", (), ("Libya", "LBY")),
        ("Protesters gathered in Tahrir Square in Cairo.", "gathered", (), ("Tahrir Square", "EGY")),
        ("Israeli troops raided Jenin in the occupied West Bank.", "raided", (), ("Janīn", "PSE")),
        ("Houthi forces fired missiles at ships in the Red Sea.", "fired", (), ("Red Sea", None)),
        ("Russian forces shelled Kharkiv overnight.", "shelled", (), ("Kharkiv", "UKR")),
        ("The Turkish army shelled positions near Afrin.", "shelled", (), ("‘Afrīn", "SYR")),
        ("A drone struck a base near Al Udeid.", "struck", (), ("Al Udeid air base", "QAT")),
        ("Aid trucks entered Gaza through the Rafah crossing.", "entered", (), ("Gaza", "PSE")),
        ("Iran seized a tanker in the Strait of Hormuz.", "seized", (), ("Strait of Hormuz", None)),
        ("Fighting intensified around Tripoli and Sirte.", "intensified", (), ("Tripoli", "LBY")),
        ("Separatists attacked a checkpoint in Donbas.", "attacked", (), ("Donbas", "UKR")),
        ("Troops withdrew from Idlib province.", "withdrew", (), ("Idlib province", "SYR")),
        ("The militia launched an offensive against Benghazi.", "offensive", (), ("Benghazi", "LBY")),
        ("Merkel met Putin at the Kremlin in Moscow.", "met", (), ("Moscow", "RUS")),
    ],
)
def test_locate_event(nlp, gaz, sentence, trigger, actor_countries, expected):
    doc = _parse(nlp, sentence)
    trig = next(t for t in doc if t.text == trigger)
    loc = locate_event(doc[:], trig, gaz, actor_countries=actor_countries)
    assert loc is not None and (loc.name, loc.country) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Turkey and Russia urged Libya’s warring parties to declare a ceasefire.", "urged"),
        ("Militants attacked Turkey.", "attacked"),  # a country as the object is the target
        ("The ministers held talks on Libya.", "held"),  # a topic, not a place
        ("The Tripoli-based government rejected the offer.", "rejected"),
        ("He hoped a summit on Libya would be held in Berlin.", "hoped"),  # Berlin is the summit's
        ("TRIPOLI (Reuters) - Fighters shelled the port.", "shelled"),  # a dateline
        ("Michael Jordan visited the White House.", "visited"),
        ("Jordan said the talks had failed.", "said"),
        ("Turkish officials condemned the strike.", "condemned"),
        ("The Kremlin denied the report.", "denied"),
        ("The army shelled the city.", "shelled"),
        ("Egypt backed the plan.", "backed"),
        ("The ministers met in March.", "met"),
    ],
)
def test_no_location(nlp, gaz, sentence, trigger):
    doc = _parse(nlp, sentence)
    trig = next(t for t in doc if t.text == trigger)
    assert locate_event(doc[:], trig, gaz) is None


def test_actor_tokens_are_never_the_place(nlp, gaz):
    doc = _parse(nlp, "Rebels captured Mosul after a week of fighting.")
    trig = next(t for t in doc if t.text == "captured")
    mosul = next(t for t in doc if t.text == "Mosul")
    assert locate_event(doc[:], trig, gaz, actor_tokens={mosul.i}) is None


@pytest.mark.parametrize(
    ("anchor", "trigger", "name", "country"),
    [
        ("Haftar’s LNA took control of Sirte", "took", "Sirte", "LBY"),
        ("bombardment could be heard around Mitiga", "bombardment", "Mitiga airport", "LBY"),
        ("After talks between presidents", "talks", "Istanbul", "TUR"),
        ("In Cairo, the foreign ministers", "stressed", "Cairo", "EGY"),
        ("Conte held talks with Haftar in Rome", "held", "Rome", "ITA"),
    ],
)
def test_seed_article_places(nlp, gaz, seed_text, anchor, trigger, name, country):
    doc = _parse(nlp, seed_text)
    sent = next(s for s in doc.sents if anchor in s.text)
    trig = next(t for t in sent if t.text == trigger)
    loc = locate_event(sent, trig, gaz, doc_countries=("LBY",))
    assert loc is not None and (loc.name, loc.country) == (name, country)
    assert loc.lat is not None and loc.lon is not None
    if name == "Sirte":
        assert (round(loc.lat, 1), round(loc.lon, 1)) == (31.2, 16.6)


def test_seed_turkey_and_russia_urged_has_no_location(nlp, gaz, seed_text):
    doc = _parse(nlp, seed_text)
    sent = next(s for s in doc.sents if "urged Libya’s warring parties" in s.text)
    trig = next(t for t in sent if t.text == "urged")
    assert locate_event(sent, trig, gaz) is None
