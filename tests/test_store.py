"""The event store, run over DuckDB and PostgreSQL with the same tests.

Events are built by hand (`make_event`) so the store is tested apart from the coder.
Other store-backed test modules import `store`, `store_url`, `make_event` and `coded` from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import eventwire.store as ew_store
from eventwire.pipeline import CodedDocument
from eventwire.records import Actor, Document, Event, Evidence, Location
from eventwire.store import EventFilter
from eventwire.store.backend import connect
from eventwire.store.migrate import create, schema_version

from conftest import postgres_schema


TUR = Actor("Turkey", "Turkey", country="TUR", sector="GOV", id="Q43", cameo_code="TURGOV",
            type="country", resolution="exact")
RUS = Actor("Russia", "Moscow", country="RUS", sector="GOV", id="Q159", cameo_code="RUSGOV",
            type="country", resolution="normalised")
LNA = Actor("Libyan National Army", "Haftar's forces", country="LBY", sector="MIL",
            cameo_code="LBYMIL", type="armed_group", resolution="exact")
GNA = Actor("Government of National Accord", "the Tripoli government", country="LBY", sector="GOV",
            id="Q21041490", cameo_code="LBYGOV", type="organisation", resolution="exact")
PROTESTERS = Actor("protesters", "protesters")
TRIPOLI = Location("Tripoli", "LBY", 32.8872, 13.1913, "2210247")
MOSCOW = Location("Moscow", "RUS", 55.7558, 37.6173, "524901")
ANKARA = Location("Ankara", "TUR", 39.9334, 32.8597, "323786")


def make_event(doc_id: str, n: int = 1, *, event_type: str = "ASSAULT", source=(LNA,), target=(GNA,),
               day: str | None = "2020-01-06", precision: str | None = "day", place=TRIPOLI,
               sentence: str = "Haftar's forces shelled the Tripoli government's positions.",
               trigger: str = "shelled", status: str = "asserted", quad: int = 4,
               goldstein: float = -10.0, cameo: str = "195", start: int = 0) -> Event:
    t0 = sentence.find(trigger)
    return Event(
        event_id=f"{doc_id}-e{n}", doc_id=doc_id, event_type=event_type, mode=None, context=(),
        cameo=cameo, quad_class=quad, goldstein=goldstein, source=tuple(source), target=tuple(target),
        status=status, reported_by=None, date=day, date_precision=precision, location=place,
        evidence=Evidence(sentence, start, start + len(sentence), trigger,
                          start + t0 if t0 >= 0 else None, start + t0 + len(trigger) if t0 >= 0 else None),
        confidence=0.8,
    )


def coded(doc_id: str, *events: Event, text: str | None = None, url: str | None = None,
          published: date | None = date(2020, 1, 8), title: str | None = None) -> CodedDocument:
    body = text if text is not None else " ".join(e.evidence.sentence for e in events) or doc_id
    doc = Document(doc_id, body, published=published, title=title or f"Report {doc_id}",
                   url=url if url is not None else f"https://news{doc_id}.example/{doc_id}",
                   source=f"{doc_id}.txt")
    return CodedDocument(doc, tuple(events))


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path):
    """A fresh, empty store location: a DuckDB file, or a new PostgreSQL schema."""
    if request.param == "duckdb":
        yield str(tmp_path / "events.duckdb")
        return
    with postgres_schema("ew_test") as url:
        yield url


@pytest.fixture
def store(store_url):
    with ew_store.open(store_url) as s:
        yield s


def ids(frame) -> set[str]:
    return set(frame["event_id"])


def test_add_and_read_back(store):
    result = store.add(coded("a", make_event("a")))
    assert (result.documents, result.events, result.mentions, result.merged) == (1, 1, 1, 0)
    frame = store.events()
    assert len(frame) == store.count_events() == 1
    row = frame.iloc[0]
    assert row["event_id"] == "a-e1"
    assert row["source_names"] == "Libyan National Army"
    assert row["source_keys"] == "LBY:MIL"
    assert row["target_keys"] == "Q21041490"
    assert row["date"] == date(2020, 1, 6)
    assert row["trigger"] == "shelled" and row["sentence"].startswith("Haftar's forces")
    assert row["url"] == "https://newsa.example/a"
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (1, 1, 1)
    stored = store.event("a-e1")
    assert stored is not None and stored.source == (LNA,) and stored.target == (GNA,)
    assert stored.location == TRIPOLI and stored.first_seen.date() == date(2020, 1, 8)
    assert store.event("missing") is None


def test_events_columns_are_the_documented_ones(store):
    from eventwire.store.query import EVENT_FRAME_COLUMNS

    assert tuple(store.events().columns) == EVENT_FRAME_COLUMNS
    store.add(coded("a", make_event("a")))
    assert tuple(store.events().columns) == EVENT_FRAME_COLUMNS


def test_re_adding_a_document_adds_nothing(store):
    doc = coded("a", make_event("a"))
    store.add(doc)
    again = store.add(doc)
    assert (again.documents, again.skipped, again.mentions) == (0, 1, 0)
    same_url = coded("a-copy", make_event("a-copy"), text=doc.document.text, url=doc.document.url)
    assert store.add(same_url).skipped == 1
    assert store.count_documents() == 1
    assert store.events()["num_mentions"].tolist() == [1]
    assert store.present([doc.document, same_url.document]) == {"a", "a-copy"}


def test_syndicated_copy_becomes_a_mention(store):
    first = coded("a", make_event("a"), url="https://agency.example/1")
    copy = coded("b", make_event("b"), text=first.document.text, url="https://paper.example/2",
                 published=date(2020, 1, 9))
    store.add(first)
    result = store.add(copy)
    assert (result.documents, result.events, result.merged) == (1, 0, 1)
    row = store.events().iloc[0]
    assert store.count_events() == 1
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (2, 2, 2)
    stored = store.event(row["event_id"])
    assert [m.doc_id for m in stored.mentions] == ["a", "b"]
    assert all(m.evidence.trigger == "shelled" for m in stored.mentions)
    assert stored.first_seen.date() == date(2020, 1, 8) and stored.last_seen.date() == date(2020, 1, 9)


MERGES = [
    # (second report's changes, merged?)
    (dict(sentence="The LNA attacked GNA troops on Monday.", trigger="attacked"), True),
    (dict(sentence="LNA troops besieged the GNA.", trigger="besieged", event_type="COERCE"), True),
    (dict(sentence="The LNA bombed GNA positions.", trigger="bombed", day="2020-01-07"), True),
    (dict(sentence="The LNA bombed GNA positions.", trigger="bombed", day="2020-01-09"), False),
    (dict(sentence="The LNA struck the GNA in January.", trigger="struck", day="2020-01",
          precision="month"), True),
    (dict(sentence="The LNA struck the GNA.", trigger="struck", day=None, precision=None), False),
    (dict(sentence="The LNA struck the GNA.", trigger="struck", place=None), True),
    (dict(sentence="The LNA struck the GNA.", trigger="struck", place=MOSCOW), False),
    (dict(sentence="The LNA did not attack the GNA.", trigger="attack", status="negated"), False),
    (dict(sentence="The LNA allegedly attacked the GNA.", trigger="attacked", status="alleged"), True),
    (dict(sentence="Russia shelled the GNA.", trigger="shelled", source=(RUS,)), False),
    (dict(sentence="The LNA and Russia shelled the GNA.", trigger="shelled", source=(LNA, RUS)), True),
    (dict(sentence="The LNA accused the GNA.", trigger="accused", event_type="ACCUSE"), False),
]


@pytest.mark.parametrize("changes, merged", MERGES)
def test_reports_of_one_event_merge(store, changes, merged):
    store.add(coded("a", make_event("a")))
    store.add(coded("b", make_event("b", **changes)))
    assert store.count_events() == (1 if merged else 2)
    if merged:
        stored = store.event("a-e1")
        assert stored.num_articles == 2 and len(stored.mentions) == 2
        assert {m.evidence.sentence for m in stored.mentions} == {
            make_event("a").evidence.sentence, changes["sentence"]}


def test_merge_keeps_new_actors_and_finer_date(store):
    store.add(coded("a", make_event("a", day="2020-01", precision="month", place=None)))
    store.add(coded("b", make_event("b", source=(LNA, RUS), sentence="LNA and Russian jets hit the GNA.",
                                     trigger="hit", day="2020-01-06")))
    stored = store.event("a-e1")
    assert [a.name for a in stored.source] == ["Libyan National Army", "Russia"]
    assert (stored.date, stored.date_precision) == (date(2020, 1, 6), "day")
    assert stored.location == TRIPOLI


def test_events_in_one_batch_merge_with_each_other(store):
    result = store.add_many([
        coded("a", make_event("a")),
        coded("b", make_event("b", sentence="GNA positions came under LNA fire.", trigger="fire")),
    ])
    assert (result.documents, result.events, result.merged) == (2, 1, 1)
    assert store.event("a-e1").num_mentions == 2


def test_two_events_of_one_article_stay_apart(store):
    store.add(coded("a", make_event("a", 1), make_event("a", 2, sentence="The LNA hit the GNA again.",
                                                       trigger="hit", start=80)))
    assert store.count_events() == 2


def test_changed_document_replaces_the_old_version(store):
    store.add(coded("a", make_event("a")))
    new = coded("a", make_event("a", event_type="ACCUSE", sentence="The GNA accused the LNA.",
                                trigger="accused", source=(GNA,), target=(LNA,), quad=3, cameo="112"))
    result = store.add(new)
    assert result.replaced == 1
    frame = store.events()
    assert frame["event_type"].tolist() == ["ACCUSE"] and store.count_documents() == 1


def test_a_failing_batch_stores_nothing(store):
    bad = make_event("b")
    bad = Event(**{**{f: getattr(bad, f) for f in bad.__slots__ if f != "provenance"},
                   "evidence": Evidence(None, 0, 1, "x")})  # type: ignore[arg-type]
    with pytest.raises(AttributeError):  # the second document breaks after the first is written
        store.add_many([coded("a", make_event("a")), coded("b", bad, text="b text")])
    assert store.count_documents() == 0 and store.count_events() == 0


@pytest.fixture
def filled(store):
    store.add_many([
        coded("a", make_event("a")),
        coded("b", make_event("b", event_type="CONSULT", source=(TUR,), target=(RUS,), quad=1,
                              goldstein=1.0, cameo="040", day="2020-01-08", place=ANKARA,
                              sentence="Erdogan met Putin in Ankara to discuss Libya.", trigger="met")),
        coded("c", make_event("c", event_type="PROTEST", source=(PROTESTERS,), target=(), quad=3,
                              goldstein=-6.5, cameo="141", day="2019-12-20", place=MOSCOW,
                              sentence="Protesters marched through Moscow's 100% central square.",
                              trigger="marched")),
        coded("d", make_event("d", event_type="ACCUSE", source=(RUS,), target=(TUR,), quad=3,
                              goldstein=-2.0, cameo="112", day=None, precision=None, place=None,
                              sentence="Moscow accused Ankara of arming militias.", trigger="accused")),
    ])
    return store


FILTERS = [
    (EventFilter(), {"a-e1", "b-e1", "c-e1", "d-e1"}),
    (EventFilter(actor="Q43"), {"b-e1", "d-e1"}),
    (EventFilter(actor="turkey"), {"b-e1", "d-e1"}),
    (EventFilter(actor="LBY"), {"a-e1"}),
    (EventFilter(actor="rusgov"), {"b-e1", "d-e1"}),
    (EventFilter(actor="LBY:MIL"), {"a-e1"}),
    (EventFilter(source="RUS"), {"d-e1"}),
    (EventFilter(target="RUS"), {"b-e1"}),
    (EventFilter(actor="protesters"), {"c-e1"}),
    (EventFilter(event_type=("consult", "PROTEST")), {"b-e1", "c-e1"}),
    (EventFilter(quad_class=(3, 4)), {"a-e1", "c-e1", "d-e1"}),
    (EventFilter(since=date(2020, 1, 1)), {"a-e1", "b-e1"}),
    (EventFilter(until=date(2020, 1, 6)), {"a-e1", "c-e1"}),
    (EventFilter(country="rus"), {"c-e1"}),
    (EventFilter(near=(32.9, 13.2, 50.0)), {"a-e1"}),
    (EventFilter(near=(36.0, 30.0, 600.0)), {"b-e1"}),
    (EventFilter(text="ARMING"), {"d-e1"}),
    (EventFilter(text="100%"), {"c-e1"}),
    (EventFilter(text="'; DROP TABLE events; --"), set()),
    (EventFilter(actor="Turkey' OR '1'='1"), set()),
    (EventFilter(actor="TUR", event_type=("ACCUSE",)), {"d-e1"}),
]


@pytest.mark.parametrize("f, expected", FILTERS)
def test_filters(filled, f, expected):
    assert ids(filled.events(f)) == expected
    assert filled.count_events(f) == len(expected)
    assert filled.count_events() == 4


def test_paging_is_stable(filled):
    pages = [filled.events(limit=1, offset=i)["event_id"].item() for i in range(4)]
    assert pages == filled.events()["event_id"].tolist()
    assert pages[0] == "b-e1" and pages[-1] == "d-e1"  # newest first, undated last


def test_relations(filled):
    frame = filled.relations()
    rows = {(r.source_key, r.target_key): r for r in frame.itertuples()}
    assert set(rows) == {("LBY:MIL", "Q21041490"), ("Q43", "Q159"), ("Q159", "Q43")}
    tur_rus = rows[("Q43", "Q159")]
    assert (tur_rus.source_name, tur_rus.target_country, tur_rus.events, tur_rus.mentions) == (
        "Turkey", "RUS", 1, 1)
    assert (tur_rus.cooperation, tur_rus.conflict, tur_rus.mean_goldstein) == (1, 0, 1.0)
    assert rows[("Q159", "Q43")].conflict == 1
    assert len(filled.relations(EventFilter(quad_class=(1,)))) == 1


def test_actors(filled):
    frame = filled.actors().set_index("actor_key")
    assert frame.loc["Q43", "events"] == 2
    assert (frame.loc["Q159", "as_source"], frame.loc["Q159", "as_target"]) == (1, 1)
    assert frame.loc["protesters", "name"] == "protesters"
    assert frame.loc["Q43", "mean_goldstein"] == pytest.approx(-0.5)
    assert len(filled.actors(limit=2)) == 2


@pytest.mark.parametrize("interval, periods", [
    ("day", [date(2019, 12, 20), date(2020, 1, 6), date(2020, 1, 8)]),
    ("week", [date(2019, 12, 16), date(2020, 1, 6)]),
    ("month", [date(2019, 12, 1), date(2020, 1, 1)]),
])
def test_timeseries(filled, interval, periods):
    frame = filled.timeseries(interval=interval)
    assert sorted(set(frame["period"])) == periods
    assert frame["events"].sum() == 3  # the undated event is left out


def test_timeseries_rejects_unknown_interval(filled):
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="day, week, month"):
        filled.timeseries(interval="decade")


def test_places_and_documents(filled):
    places = filled.places()
    assert set(places["name"]) == {"Tripoli", "Ankara", "Moscow"}
    assert places.set_index("name").loc["Tripoli", "lat"] == pytest.approx(32.8872)
    docs = filled.documents(limit=10, offset=0)
    assert set(docs["id"]) == {"a", "b", "c", "d"} and docs["mentions"].tolist() == [1, 1, 1, 1]


def test_v1_store_is_migrated(store_url):
    db = connect(store_url)
    create(db, version=1)
    db.execute("INSERT INTO mentions (event_id, doc_id, coded_id, sentence) VALUES (?, ?, ?, ?)",
               ("e1", "d1", "e1", "The army withdrew."))
    assert schema_version(db) == 1
    db.close()
    assert ew_store.migrate(store_url) == ew_store.SCHEMA_VERSION
    db = connect(store_url)
    from eventwire.dedupe import sentence_hash

    assert db.fetchone("SELECT sentence_hash FROM mentions")[0] == sentence_hash("The army withdrew.")
    assert schema_version(db) == 2
    db.close()


def test_newer_store_is_refused(store_url):
    from eventwire.errors import StoreError

    with ew_store.open(store_url) as s:
        s._db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="upgrade eventwire"):
        ew_store.open(store_url)


def test_relations_of_a_joint_act_are_the_pair_not_loops(store):
    met = make_event("d9", event_type="CONSULT", source=(TUR, RUS), target=(TUR, RUS), cameo="040",
                     quad=1, goldstein=1.0, sentence="Turkey and Russia held talks.", trigger="held talks")
    store.add(coded("d9", met))
    pairs = {(r.source_key, r.target_key) for r in store.relations().itertuples()}
    assert pairs == {("Q43", "Q159"), ("Q159", "Q43")}


def test_two_first_opens_at_once_make_one_store(store_url):
    from concurrent.futures import ThreadPoolExecutor

    def open_and_close(_):
        with ew_store.open(store_url) as s:
            return s.schema_version

    if not store_url.startswith("postgresql"):
        pytest.skip("a DuckDB file has one writing process at a time")
    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(open_and_close, range(4)))
    assert len(set(versions)) == 1
