"""The dashboard's JSON API, the page's offline assets, the write token and the report.

The test store holds hand-built events that mirror the system of actors in the seed article
(who backs whom in Libya, who opposes Turkey, who calls for a ceasefire), each with its own
sentence, so the network, the timeline, the map and the evidence can all be checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

import eventwire.store as st  # noqa: E402
from eventwire.errors import ConfigError  # noqa: E402
from eventwire.pipeline import CodedDocument  # noqa: E402
from eventwire.records import Actor, Document, Event, Evidence, Location  # noqa: E402
from eventwire.web import create_app, write_report  # noqa: E402
from eventwire.web.page import STATIC, script_json  # noqa: E402

from conftest import postgres_schema  # noqa: E402

TOKEN = "s3cret-token"


def _actor(name: str, country: str, id_: str, sector: str | None = None, text: str | None = None) -> Actor:
    return Actor(name=name, text=text or name, country=country, sector=sector, id=id_,
                 type="country" if sector is None else "organisation", resolution="exact")


A = {
    "TUR": _actor("Turkey", "TUR", "Q43"),
    "RUS": _actor("Russia", "RUS", "Q159"),
    "ARE": _actor("United Arab Emirates", "ARE", "Q878", text="the United Arab Emirates"),
    "JOR": _actor("Jordan", "JOR", "Q810"),
    "EGY": _actor("Egypt", "EGY", "Q79"),
    "FRA": _actor("France", "FRA", "Q142"),
    "GRC": _actor("Greece", "GRC", "Q41"),
    "CYP": _actor("Cyprus", "CYP", "Q229"),
    "DEU": _actor("Germany", "DEU", "Q183"),
    "UN": _actor("United Nations", "", "Q1065", sector="IGO"),
    "GNA": _actor("Government of National Accord", "LBY", "gna", sector="GOV", text="GNA"),
    "LNA": _actor("Libyan National Army", "LBY", "lna", sector="MIL", text="LNA"),
}
TRIPOLI = Location("Tripoli", "LBY", 32.89, 13.19, "2210247")
BENGHAZI = Location("Benghazi", "LBY", 32.12, 20.07, "88319")
ANKARA = Location("Ankara", "TUR", 39.93, 32.86, "323786")
BERLIN = Location("Berlin", "DEU", 52.52, 13.40, "2950159")

# (sentence, trigger, type, cameo, quad, goldstein, sources, targets, date, place)
SEED_SYSTEM = [
    ("Turkey backs the GNA in Tripoli and will send military advisers.", "backs", "SUPPORT", "051", 2, 3.4,
     ["TUR"], ["GNA"], "2020-01-05", TRIPOLI),
    ("Russia sent military contractors to fight alongside the LNA near Tripoli.", "sent", "AID", "070", 2, 7.0,
     ["RUS"], ["LNA"], "2020-01-05", TRIPOLI),
    ("The United Arab Emirates supports the LNA with drones in Benghazi.", "supports", "AID", "070", 2, 7.0,
     ["ARE"], ["LNA"], "2020-01-06", BENGHAZI),
    ("Jordan backs the LNA in the east of Libya.", "backs", "SUPPORT", "051", 2, 3.4,
     ["JOR"], ["LNA"], "2020-01-06", BENGHAZI),
    ("Egypt has backed the LNA in Benghazi for years.", "backed", "SUPPORT", "051", 2, 3.4,
     ["EGY"], ["LNA"], "2020-01-06", BENGHAZI),
    ("France rejected the Turkish plan for Libya on Wednesday.", "rejected", "REJECT", "120", 3, -4.0,
     ["FRA"], ["TUR"], "2020-01-08", ANKARA),
    ("Egypt accused Turkey of meddling in Libya.", "accused", "ACCUSE", "112", 3, -2.0,
     ["EGY"], ["TUR"], "2020-01-08", ANKARA),
    ("Greece rejected the deal that Turkey signed.", "rejected", "REJECT", "120", 3, -4.0,
     ["GRC"], ["TUR"], "2020-01-08", ANKARA),
    ("Cyprus accused Turkey of breaking the arms embargo.", "accused", "ACCUSE", "112", 3, -2.0,
     ["CYP"], ["TUR"], "2020-01-08", ANKARA),
    ("The United Nations asked the GNA and the LNA for a ceasefire in Tripoli.", "asked", "REQUEST", "090", 1, -0.1,
     ["UN"], ["GNA", "LNA"], "2020-01-07", TRIPOLI),
    ("Germany called on the LNA to agree to a ceasefire in Berlin.", "called on", "REQUEST", "090", 1, -0.1,
     ["DEU"], ["LNA"], "2020-01-07", BERLIN),
]


def seed_coded(doc_id: str = "seedlike", url: str = "https://example.org/libya") -> CodedDocument:
    """The SEED_SYSTEM sentences as one article with one coded event per sentence."""
    text = " ".join(s[0] for s in SEED_SYSTEM)
    doc = Document(id=doc_id, text=text, published=date(2020, 1, 8), title="Powers take sides in Libya", url=url)
    events = []
    for i, (sentence, trigger, etype, cameo, quad, gold, src, tgt, day, place) in enumerate(SEED_SYSTEM):
        start = text.index(sentence)
        t = start + sentence.index(trigger)
        events.append(Event(
            event_id=f"{doc_id}-{i}", doc_id=doc_id, event_type=etype, mode=None, context=(), cameo=cameo,
            quad_class=quad, goldstein=gold, source=tuple(A[k] for k in src), target=tuple(A[k] for k in tgt),
            status="asserted", reported_by=None, date=day, date_precision="day", location=place,
            evidence=Evidence(sentence, start, start + len(sentence), trigger, t, t + len(trigger)),
            confidence=0.9, date_source="text",
        ))
    return CodedDocument(doc, tuple(events))


def build_seed_store(path: Path) -> str:
    url = str(path)
    with st.open(url) as store:
        store.add(seed_coded())
    return url


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed-like store in a DuckDB file, or in a new PostgreSQL schema."""
    if request.param == "duckdb":
        yield build_seed_store(tmp_path_factory.mktemp("web") / "seed.duckdb")
        return
    with postgres_schema("ew_web") as url:
        with st.open(url) as store:
            store.add(seed_coded())
        yield url


@pytest.fixture(scope="module")
def client(store_url: str):
    with TestClient(create_app(store_url)) as c:
        yield c


def edges(client: TestClient, **params: str) -> dict[tuple[str, str], dict]:
    r = client.get("/api/relations", params=params)
    assert r.status_code == 200, r.text
    return {(e["source_name"], e["target_name"]): e for e in r.json()}


# --- the seed's system of actors shows as network edges -----------------------------------

@pytest.mark.parametrize("source, target, kind", [
    ("Turkey", "Government of National Accord", "cooperation"),
    ("Russia", "Libyan National Army", "cooperation"),
    ("United Arab Emirates", "Libyan National Army", "cooperation"),
    ("Jordan", "Libyan National Army", "cooperation"),
    ("Egypt", "Libyan National Army", "cooperation"),
    ("France", "Turkey", "conflict"),
    ("Egypt", "Turkey", "conflict"),
    ("Greece", "Turkey", "conflict"),
    ("Cyprus", "Turkey", "conflict"),
    ("United Nations", "Government of National Accord", "cooperation"),
    ("Germany", "Libyan National Army", "cooperation"),
])
def test_relations_show_the_seed_system(client: TestClient, source: str, target: str, kind: str) -> None:
    e = edges(client)[(source, target)]
    other = "conflict" if kind == "cooperation" else "cooperation"
    assert e["events"] == 1 and e[kind] == 1 and e[other] == 0


def test_relations_have_no_reversed_edges(client: TestClient) -> None:
    assert ("Government of National Accord", "Turkey") not in edges(client)


def test_relations_limit_keeps_the_busiest(client: TestClient) -> None:
    top = client.get("/api/relations", params={"limit": 1}).json()
    assert len(top) == 1 and top[0]["events"] == max(e["events"] for e in edges(client).values())


# --- events: filters and pages -------------------------------------------------------------

@pytest.mark.parametrize("params, expected", [
    ({}, 11),
    ({"type": ["REJECT", "ACCUSE"]}, 4),
    ({"type": "reject,accuse"}, 4),
    ({"quad": 3}, 4),
    ({"actor": "Q43"}, 5),
    ({"actor": "turkey"}, 5),
    ({"source": "Q43"}, 1),
    ({"target": "Q43"}, 4),
    ({"target": "lna"}, 6),
    ({"since": "2020-01-07"}, 6),
    ({"since": "2020-01-06", "until": "2020-01-06"}, 3),
    ({"country": "LBY"}, 6),
    ({"country": "lby"}, 6),
    ({"near": "32.9,13.2,50"}, 3),
    ({"text": "ceasefire"}, 2),
    ({"text": "nothing like this"}, 0),
])
def test_event_filters(client: TestClient, params: dict, expected: int) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == expected and len(body["items"]) == expected


def test_events_are_paginated(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 11
    assert len(first["items"]) == len(second["items"]) == 4
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    assert [e["date"] for e in first["items"]] == sorted((e["date"] for e in first["items"]), reverse=True)


def test_event_row_carries_its_evidence(client: TestClient) -> None:
    row = client.get("/api/events", params={"source": "Q43"}).json()["items"][0]
    assert row["sentence"].startswith("Turkey backs the GNA")
    assert row["sentence"][row["trigger_start"]:row["trigger_end"]] == "backs"
    assert row["source"] == [{"key": "Q43", "name": "Turkey", "country": "TUR"}]
    assert row["target"][0]["key"] == "gna" and row["url"] == "https://example.org/libya"


def test_event_detail_lists_mentions(client: TestClient) -> None:
    event_id = client.get("/api/events", params={"source": "Q1065"}).json()["items"][0]["event_id"]
    detail = client.get(f"/api/events/{event_id}").json()
    assert [t["name"] for t in detail["target"]] == ["Government of National Accord", "Libyan National Army"]
    (mention,) = detail["mentions"]
    assert mention["sentence"][mention["trigger_start"]:mention["trigger_end"]] == "asked"
    assert "GNA" in mention["actor_texts"] and mention["url"] == "https://example.org/libya"


def test_unknown_event_is_404(client: TestClient) -> None:
    r = client.get("/api/events/no-such-event")
    assert r.status_code == 404 and "no-such-event" in r.json()["detail"]


# --- actors, timeseries, places --------------------------------------------------------------

def test_actors_are_ranked_by_activity(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 3}).json()
    assert [a["name"] for a in actors[:2]] == ["Libyan National Army", "Turkey"]
    assert actors[0]["as_target"] == 6 and len(actors) == 3


def test_actor_profile_shows_friends_and_foes(client: TestClient) -> None:
    prof = client.get("/api/actors/Q43").json()
    partners = {p["name"]: p for p in prof["partners"]}
    assert partners["Government of National Accord"]["cooperation"] == 1
    assert partners["Government of National Accord"]["outgoing"] == 1
    assert {n for n, p in partners.items() if p["conflict"]} == {"France", "Egypt", "Greece", "Cyprus"}
    assert prof["actor"]["events"] == 5
    assert sum(i["events"] for i in prof["timeline"]["items"]) == 5


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get("/api/actors/Q000").status_code == 404


@pytest.mark.parametrize("interval, periods", [("day", 4), ("week", 2), ("month", 1)])
def test_timeseries(client: TestClient, interval: str, periods: int) -> None:
    body = client.get("/api/timeseries", params={"interval": interval}).json()
    assert body["interval"] == interval
    assert len({i["period"] for i in body["items"]}) == periods
    assert sum(i["events"] for i in body["items"]) == 11


def test_places(client: TestClient) -> None:
    places = {p["name"]: p["events"] for p in client.get("/api/places").json()}
    assert places == {"Tripoli": 3, "Benghazi": 3, "Ankara": 4, "Berlin": 1}


# --- bad parameters: a 422 whose detail says what to send ----------------------------------

@pytest.mark.parametrize("path, params, words", [
    ("/api/events", {"since": "2020-13-01"}, "since"),
    ("/api/events", {"until": "yesterday"}, "until"),
    ("/api/events", {"since": "2020-02-01", "until": "2020-01-01"}, "swap"),
    ("/api/events", {"type": "FLY"}, "PLOVER"),
    ("/api/relations", {"type": ["SUPPORT", "HUG"]}, "HUG"),
    ("/api/events", {"limit": 501}, "limit"),
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/events", {"near": "32.9,13.2"}, "LAT,LON,KM"),
    ("/api/events", {"near": "north,13.2,5"}, "LAT,LON,KM"),
    ("/api/places", {"near": "95,13.2,5"}, "range"),
    ("/api/events", {"quad": 5}, "quad"),
    ("/api/timeseries", {"interval": "year"}, "interval"),
    ("/api/actors", {"country": "LIBYA"}, "country"),
])
def test_bad_parameters(client: TestClient, path: str, params: dict, words: str) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], str) and words in r.json()["detail"]


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{key}", "/api/relations",
              "/api/timeseries", "/api/places"):
        assert p in paths
    assert "/api/ingest" not in paths
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load from a CDN


# --- the page works offline ----------------------------------------------------------------

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""", re.I)


def test_page_loads_only_its_own_assets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assets = re.findall(r'(?:src|href)="(static/[^"]+)"', page.text)
    assert {"static/core.js", "static/views.js", "static/panels.js", "static/app.css"} <= set(assets)
    assert not EXTERNAL.search(page.text)
    for asset in assets:
        r = client.get("/" + asset)
        assert r.status_code == 200 and not EXTERNAL.search(r.text), asset


def test_outlines_are_served(client: TestClient) -> None:
    world = client.get("/static/world.json").json()
    by_iso = {c["iso3"]: c for c in world["countries"]}
    assert len(by_iso) > 150 and {"LBY", "TUR", "FRA", "NOR"} <= set(by_iso)
    assert by_iso["LBY"]["d"].startswith("M")


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "a\u2028b", "<!-- x"])
def test_inline_json_cannot_close_its_script(value: str) -> None:
    text = script_json({"v": value})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text


def test_static_folder_has_no_external_reference() -> None:
    for f in STATIC.glob("*.[jc]s*"):
        if f.suffix in (".js", ".css"):
            assert not EXTERNAL.search(f.read_text(encoding="utf-8")), f


# --- writing: only with a token -------------------------------------------------------------

DOC = {"id": "api-1", "text": "Egypt accused Turkey of sending mercenaries to Libya.", "published": "2020-01-09",
       "title": "Cairo and Ankara", "url": "https://example.org/cairo"}


def test_read_only_app_has_no_ingest(client: TestClient) -> None:
    assert client.post("/api/ingest", json=DOC).status_code in (404, 405)


@pytest.fixture()
def writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An app with a write token, whose coder is a stand-in that codes one known event."""
    import eventwire.pipeline

    def fake_coder(docs, settings=None, *, coder=None):
        for doc in docs:
            ev = seed_coded(doc_id=doc.id).events[6]
            yield CodedDocument(doc, (ev,))

    monkeypatch.setattr(eventwire.pipeline, "code_documents", fake_coder)
    url = build_seed_store(tmp_path / "w.duckdb")
    with TestClient(create_app(url, write_token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 403),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ({"Authorization": f"Basic {TOKEN}"}, 403),
])
def test_ingest_refuses_without_the_right_token(writable: TestClient, headers: dict, status: int) -> None:
    r = writable.post("/api/ingest", json=DOC, headers=headers)
    assert r.status_code == status
    assert writable.get("/api/events").json()["total"] == 11


def test_ingest_with_the_right_token_adds_events(writable: TestClient) -> None:
    r = writable.post("/api/ingest", json=[DOC], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.json()["documents"] == 1 and r.json()["events"] == 1
    assert writable.get("/api/events", params={"text": "meddling"}).json()["total"] >= 1
    assert writable.get("/api/events").json()["total"] in (11, 12)  # the same event may merge


def test_ingest_rejects_a_bad_document(writable: TestClient) -> None:
    r = writable.post("/api/ingest", json={"id": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and "text" in r.json()["detail"]


@pytest.mark.slow
def test_ingesting_the_seed_article_draws_its_network(tmp_path: Path, seed_text: str) -> None:
    """The real coder over the seed article: the backers and the opponents show as edges."""
    with TestClient(create_app(str(tmp_path / "s.duckdb"), write_token=TOKEN)) as c:
        doc = {"id": "seed", "text": seed_text, "published": "2020-01-08", "title": "Libya ceasefire"}
        r = c.post("/api/ingest", json=doc, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        rels = c.get("/api/relations").json()

    def edge(source_country: str, target: str, kind: str) -> bool:
        return any(e["source_country"] == source_country and target in (e["target_name"], e["target_country"])
                   and e[kind] > 0 for e in rels)

    assert edge("TUR", "Government of National Accord", "cooperation")
    for backer in ("ARE", "JOR", "EGY", "RUS"):
        assert edge(backer, "Libyan National Army", "cooperation"), backer
    for opponent in ("FRA", "EGY", "GRC", "CYP"):
        assert edge(opponent, "TUR", "conflict"), opponent


# --- the report --------------------------------------------------------------------------------

def test_report_is_self_contained(store_url: str, tmp_path: Path) -> None:
    out = write_report(store_url, tmp_path / "r" / "libya.html", country="LBY", since=date(2020, 1, 1),
                       until=date(2020, 1, 31))
    page = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page.replace('"url":"https://example.org/libya"', ""))
    assert "window.EVENTWIRE_REPORT" in page and '"iso3":"LBY"' in page
    assert page.count('"event_id":') == 6  # the six events placed in Libya
    assert "France rejected" not in page


def test_report_refuses_a_reversed_period(store_url: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="swap"):
        write_report(store_url, tmp_path / "x.html", country=None, since=date(2020, 2, 1), until=date(2020, 1, 1))


def test_ingest_refuses_an_empty_document(writable):
    r = writable.post("/api/ingest", json={"id": "blank", "text": "   "},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    assert "blank" in r.text
