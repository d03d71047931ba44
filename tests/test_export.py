"""Exports, each parsed back: GDELT TSV, PLOVER JSON Lines, CSV, Parquet, GraphML."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from eventwire.errors import ConfigError
from eventwire.export import FORMATS, GDELT_COLUMNS, export, global_event_id
from eventwire.store import EventFilter
from test_store import ANKARA, GNA, LNA, PROTESTERS, RUS, TUR, coded, make_event, store, store_url  # noqa: F401


@pytest.fixture
def filled(store):  # noqa: F811 - the fixture imported above
    store.add_many([
        coded("a", make_event("a"), url="https://agency.example/a"),
        coded("a2", make_event("a2", sentence="GNA positions came under LNA fire.", trigger="fire"),
              url="https://paper.example/a2", published=date(2020, 1, 9)),
        coded("b", make_event("b", event_type="CONSULT", source=(TUR,), target=(RUS,), quad=1,
                              goldstein=1.0, cameo="040", day="2020-01-08", place=ANKARA,
                              sentence="Erdogan met Putin in Ankara\tto discuss Libya.", trigger="met")),
        coded("c", make_event("c", event_type="PROTEST", source=(PROTESTERS,), target=(), quad=3,
                              goldstein=-6.5, cameo="141", day=None, precision=None, place=None,
                              sentence="Protesters marched.", trigger="marched")),
    ])
    return store


def test_gdelt_has_61_columns_in_codebook_order(filled):
    out = io.StringIO()
    assert export(filled, EventFilter(), "gdelt", out) == 3
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[26:29] == ("EventCode", "EventBaseCode", "EventRootCode")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert all(len(r) == 61 for r in rows)
    by_id = {int(r[0]): dict(zip(GDELT_COLUMNS, r)) for r in rows}
    lna = by_id[global_event_id("a-e1")]
    assert (lna["Day"], lna["MonthYear"], lna["Year"]) == ("20200106", "202001", "2020")
    assert (lna["Actor1Code"], lna["Actor1Name"], lna["Actor1CountryCode"]) == ("LBYMIL", "LIBYAN NATIONAL ARMY", "LBY")
    assert (lna["Actor2Code"], lna["EventCode"], lna["EventRootCode"], lna["QuadClass"]) == ("LBYGOV", "195", "19", "4")
    assert (lna["NumMentions"], lna["NumArticles"], lna["NumSources"]) == ("2", "2", "2")
    assert (lna["ActionGeo_Type"], lna["ActionGeo_CountryCode"], lna["ActionGeo_FullName"]) == ("4", "LY", "Tripoli")
    assert float(lna["ActionGeo_Lat"]) == pytest.approx(32.8872, abs=1e-4)
    assert lna["DATEADDED"] == "20200108000000" and lna["SOURCEURL"] == "https://agency.example/a"
    undated = by_id[global_event_id("c-e1")]
    assert undated["Day"] == "20200108" and undated["Actor2Code"] == "" and undated["ActionGeo_Type"] == "0"


def test_global_event_id_is_a_stable_integer():
    assert global_event_id("a-e1") == global_event_id("a-e1") != global_event_id("a-e2")
    assert 0 < global_event_id("x") < 2**53


def test_plover_jsonl(filled, tmp_path):
    path = tmp_path / "events.jsonl"
    export(filled, EventFilter(), "plover", path)
    records = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {"a-e1", "b-e1", "c-e1"}
    lna = records["a-e1"]
    assert (lna["event"], lna["date"], lna["status"], lna["eventText"]) == ("ASSAULT", "2020-01-06", "asserted", "shelled")
    assert lna["source"][0] == {"actorText": LNA.text, "name": LNA.name, "code": "LBY", "sector": "MIL",
                                "id": None, "cameo": "LBYMIL", "type": "armed_group", "resolution": "exact"}
    assert lna["target"][0]["id"] == GNA.id and lna["location"]["name"] == "Tripoli"
    assert [m["doc_id"] for m in lna["mentions"]] == ["a", "a2"]
    assert lna["mentions"][1]["text"] == "GNA positions came under LNA fire."
    assert records["c-e1"]["target"] == [] and records["c-e1"]["date"] is None


def test_csv_round_trip(filled, tmp_path):
    path = tmp_path / "events.csv"
    assert export(filled, EventFilter(event_type=("ASSAULT", "CONSULT")), "csv", path) == 2
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["event_id"] for r in rows] == ["b-e1", "a-e1"]
    assert rows[0]["sentence"] == "Erdogan met Putin in Ankara\tto discuss Libya."
    assert rows[1]["num_mentions"] == "2" and rows[1]["source_keys"] == "LBY:MIL"


def test_csv_of_nothing_has_a_header(filled):
    out = io.StringIO()
    assert export(filled, EventFilter(actor="nobody"), "csv", out) == 0
    assert out.getvalue().startswith("event_id,event_type,")


def test_parquet_round_trip(filled, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert export(filled, EventFilter(), "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and table.column_names[:3] == ["event_id", "event_type", "mode"]
    frame = table.to_pandas().set_index("event_id")
    assert frame.loc["a-e1", "num_mentions"] == 2 and frame.loc["a-e1", "date"] == date(2020, 1, 6)
    assert table.column("target_names").null_count == 1


def test_graphml_round_trip(filled, tmp_path):
    import networkx as nx

    path = tmp_path / "actors.graphml"
    export(filled, EventFilter(), "graphml", path)
    graph = nx.read_graphml(path)
    assert graph.is_directed()
    assert set(graph.nodes) == {"LBY:MIL", "Q21041490", "Q43", "Q159", "protesters"}
    assert graph.nodes["Q43"]["label"] == "Turkey" and graph.nodes["Q43"]["country"] == "TUR"
    edge = graph.edges["LBY:MIL", "Q21041490"]
    assert (edge["events"], edge["mentions"], edge["conflict"], edge["cooperation"]) == (1, 2, 1, 0)
    assert edge["mean_goldstein"] == pytest.approx(-10.0)


@pytest.mark.parametrize("fmt, out, message", [
    ("xml", "x.xml", "choose one of"),
    ("parquet", io.StringIO(), "file path"),
])
def test_bad_requests(filled, fmt, out, message):
    with pytest.raises(ConfigError, match=message):
        export(filled, EventFilter(), fmt, out)
    assert "parquet" in FORMATS
