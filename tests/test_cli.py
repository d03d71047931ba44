"""The command line, run as a user runs it (typer's CliRunner, or a subprocess for import costs).

Exit codes: 0 done, 1 a missing extra or service, 2 bad input with nothing usable. Errors are
one line on stderr that names the input; never a traceback.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()

SHORT_NEWS = "Turkey sent troops to Libya on Sunday, officials said."
# The fields `eventwire code` writes for every event, as documented in Event.to_dict.
EVENT_FIELDS = {
    "event_id", "doc_id", "event_type", "mode", "context", "cameo", "quad_class", "goldstein", "source",
    "target", "status", "reported_by", "date", "date_precision", "location", "evidence", "confidence",
}
EVIDENCE_FIELDS = {"sentence", "start", "end", "trigger"}
SMALL_CORPUS = [
    {"id": "s1", "date": "2020-01-08", "text": "Turkey sent troops to Libya on Sunday, officials said. "
                                              "Egypt condemned Turkey over the deployment."},
    {"id": "s2", "date": "2020-01-09", "text": "Russia and Turkey called on Libya's warring parties to "
                                              "declare a ceasefire on Wednesday."},
    {"id": "s3", "date": "2020-01-10", "text": "Forces loyal to Khalifa Haftar shelled the airport in "
                                              "Tripoli on Thursday."},
]


def run(*args: str, stdin: str | bytes | None = None):
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- eventwire code ---------------------------------------------------------------------------

def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _binary(p: Path) -> None:
    p.write_bytes(bytes(range(256)) * 40)


def _huge(p: Path) -> None:
    line = b"The army said it attacked rebel positions near the border on Monday.\n"
    with p.open("wb") as f:
        for _ in range(20_000_000 // len(line) + 1):
            f.write(line)


def _not_utf8(p: Path) -> None:
    # 0x81 and 0x8d are undefined in Windows-1252 as well, so no fallback can read this.
    p.write_bytes(b"Rebels \x81\x8d attacked the town \x90 on Monday.")


def _html_no_body(p: Path) -> None:
    p.write_text("<!doctype html><html><head><title>Breaking</title></head><body><script>x=1</script></body></html>")


@pytest.mark.parametrize(("name", "make", "says"), [
    ("empty.txt", _empty, "empty"),
    ("image.txt", _binary, "binary"),
    ("huge.txt", _huge, "bytes"),
    ("latin.txt", _not_utf8, "UTF-8"),
    ("page.html", _html_no_body, "no body text"),
])
def test_code_refuses_bad_input_in_one_line(tmp_path, name, make, says):
    path = tmp_path / name
    make(path)
    result = run("code", str(path), "--date", "2020-01-08")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = error_lines(result)
    assert len(lines) == 1, lines
    assert name in lines[0] and says in lines[0]


def test_code_says_when_no_input_was_readable(tmp_path):
    _empty(tmp_path / "a.txt")
    _binary(tmp_path / "b.txt")
    result = run("code", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.exit_code == 2
    lines = error_lines(result)
    assert any("a.txt" in line for line in lines) and any("b.txt" in line for line in lines)
    assert "none of the 2 inputs" in lines[-1]


def test_code_jsonl_batch_reports_bad_records_and_codes_the_rest(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "r1", "text": SHORT_NEWS, "date": "2020-01-08"}),
        '{"id": "r2", "text": broken',
        json.dumps({"id": "r3", "text": "   "}),
        json.dumps({"id": "r4", "text": "Egypt accused Turkey of meddling in Libya.", "date": "2020-01-08"}),
    ]) + "\n", encoding="utf-8")
    result = run("code", str(path))
    assert result.exit_code == 0
    docs = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert docs == {"r1", "r4"}
    errors = error_lines(result)
    assert any("batch.jsonl:2" in line for line in errors)
    assert any("batch.jsonl:3" in line for line in errors)


def test_code_jsonl_lines_carry_the_documented_fields(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(SHORT_NEWS, encoding="utf-8")
    result = run("code", str(path), "--date", "2020-01-08", "--format", "jsonl")
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events
    for event in events:
        assert EVENT_FIELDS <= set(event)
        assert EVIDENCE_FIELDS <= set(event["evidence"])
        assert event["doc_id"] == "news"
    sent = next(e for e in events if e["event_type"] == "MOBILIZE")
    assert [a["country"] for a in sent["source"]] == ["TUR"]
    assert sent["date"] == "2020-01-05"  # "on Sunday" before Wednesday 8 January 2020


def test_code_table_and_standard_input():
    result = run("code", "--date", "2020-01-08", "--format", "table", stdin=SHORT_NEWS)
    assert result.exit_code == 0
    assert "MOBILIZE" in result.stdout and "Turkey" in result.stdout


def test_code_reads_jsonl_from_standard_input():
    stdin = json.dumps({"id": "piped", "text": SHORT_NEWS, "date": "2020-01-08"}) + "\n"
    result = run("code", stdin=stdin)
    assert result.exit_code == 0
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"piped"}


def test_code_with_empty_standard_input_is_bad_input():
    result = run("code", stdin="")
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1


@pytest.mark.parametrize("value", ["2020-13-01", "yesterday", "08/01/2020", "2020-02-30"])
def test_code_rejects_a_bad_date(value):
    result = run("code", "--date", value, stdin=SHORT_NEWS)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr and value in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["code", "--format", "xml"], ["query", "--format", "xml"]])
def test_unknown_format_is_bad_input(tmp_path, args):
    result = run(*args, "--db", str(tmp_path / "s.duckdb")) if args[0] == "query" else run(*args, stdin=SHORT_NEWS)
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_library_errors_are_one_line_not_tracebacks(tmp_path):
    result = run("code", "--config", str(tmp_path / "missing.toml"), stdin=SHORT_NEWS)
    assert result.exit_code == 2
    assert error_lines(result) == [f"error: settings file {tmp_path / 'missing.toml'} does not exist; check the path"]


@pytest.mark.parametrize("command", [["query"], ["relations"], ["export", "--format", "csv", "--out", "x.csv"],
                                     ["report", "--out", "r.html"]])
def test_reading_a_store_that_is_not_there_is_bad_input(tmp_path, command):
    db = tmp_path / "typo.duckdb"
    result = run(*command, "--db", str(db))
    assert result.exit_code == 2
    assert error_lines(result) == [f"error: there is no event store at {db}; fill one with "
                                   f"`eventwire ingest FILES --db {db}`, or pass the right --db"]
    assert not db.exists()


def test_unreachable_postgresql_is_a_missing_service():
    result = run("query", "--db", "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 1 and "PostgreSQL" in lines[0]


# -- eventwire ingest and query ---------------------------------------------------------------

@pytest.fixture()
def seed_folder(tmp_path, seed_text) -> Path:
    """The seed article twice under two names, and once more under another headline."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_text, encoding="utf-8")
    (folder / "b.txt").write_text(seed_text, encoding="utf-8")
    body = seed_text.split("\n", 1)[1]
    (folder / "c.txt").write_text("Russia and Turkey call for truce in Libya\n" + body, encoding="utf-8")
    return folder


@pytest.fixture()
def seed_store(seed_folder, tmp_path) -> str:
    db = str(tmp_path / "seed.duckdb")
    result = run("ingest", str(seed_folder), "--db", db, "--date", "2020-01-08", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 articles read: 3 added")
    return db


def _headline(seed_text: str) -> str:
    return seed_text.split("\n", 1)[0].strip()


@pytest.mark.slow
def test_ingest_copies_are_mentions_of_one_set_of_events(seed_store, seed_text):
    """Issue 5: every event of the two copies has a report from each of the three articles;
    only the headline, which the near-copy does not share, may give fewer."""
    import eventwire

    with eventwire.open(seed_store, read_only=True) as store:
        stored = list(store.iter_events())
    from_copies = [e for e in stored if any(m.doc_id == "a" for m in e.mentions)]
    assert len(from_copies) >= 20
    for event in from_copies:
        docs = sorted(m.doc_id for m in event.mentions)
        if event.mentions[0].evidence.sentence == _headline(seed_text):
            assert docs == ["a", "b"]
        else:
            assert (event.num_mentions, docs) == (3, ["a", "b", "c"]), event.mentions[0].evidence


@pytest.mark.slow
def test_ingest_near_copy_adds_no_events_outside_its_headline(seed_store):
    """The near-copy's body is the copies' body, so it codes no event of its own there. (The
    resolver gives bare role nouns, "troops", the article's dominant country, which a headline
    can shift; such an actor must not make a body event the copies lack.)"""
    import eventwire

    with eventwire.open(seed_store, read_only=True) as store:
        only_c = [e for e in store.iter_events() if {m.doc_id for m in e.mentions} == {"c"}]
    assert [e.mentions[0].evidence.sentence for e in only_c
            if not e.mentions[0].evidence.sentence.startswith("Russia and Turkey call")] == []


@pytest.mark.slow
def test_query_by_actor_lists_the_sirte_event(seed_store):
    result = run("query", "--db", seed_store, "--actor", "LNA", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    sirte = [r for r in rows if r["trigger"] == "took control"]
    assert len(sirte) == 1
    event = sirte[0]
    assert event["event_type"] == "COERCE"
    assert event["date"].startswith("2020-01-06")
    assert "Sirte" in (event["target_names"] or "") or event["location_name"] == "Sirte"
    assert event["num_mentions"] == 3
    table = run("query", "--db", seed_store, "--actor", "LNA")
    assert table.exit_code == 0 and f"events ({len(rows)})" in table.stdout


@pytest.mark.slow
def test_ingest_again_stores_nothing_twice(seed_store, seed_folder):
    result = run("ingest", str(seed_folder), "--db", seed_store, "--date", "2020-01-08", "-j", "1")
    assert result.exit_code == 0
    assert result.stdout.startswith("3 articles read: 0 added, 3 already stored")


def _truncated_gzip(p: Path) -> None:
    p.write_bytes(gzip.compress(("Turkey sent troops to Libya. " * 200).encode())[:60])


def _broken_json(p: Path) -> None:
    p.write_text('{"id": "x1", "text": "Egypt accused Turkey of meddling in Libya."\n', encoding="utf-8")


def _empty_feed(p: Path) -> None:
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>')


MALFORMED = [("story.txt.gz", _truncated_gzip, "gzip"), ("wire.jsonl", _broken_json, "JSON"),
             ("feed.rss", _empty_feed, "no items"), ("zero.txt", _empty, "empty")]


def test_ingest_names_each_malformed_input_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, make, _ in MALFORMED:
        make(folder / name)
    good = write_jsonl(tmp_path / "good.jsonl", SMALL_CORPUS[:1])
    result = run("ingest", str(folder), str(good), "--db", str(tmp_path / "s.duckdb"), "-j", "1")
    assert result.exit_code == 0
    errors = error_lines(result)
    for name, _, says in MALFORMED:
        assert any(name in line and says in line for line in errors), (name, errors)
    assert all(line.startswith("skipped ") for line in errors)
    assert "1 articles read: 1 added" in result.stdout
    assert f"{len(MALFORMED)} errors" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder, so a chmod 000 folder is not refused")
def test_ingest_names_an_unreadable_folder_and_goes_on(tmp_path):
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    good = write_jsonl(tmp_path / "good.jsonl", SMALL_CORPUS[:1])
    locked.chmod(0)
    try:
        result = run("ingest", str(tmp_path / "in"), str(good), "--db", str(tmp_path / "s.duckdb"), "-j", "1")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 0
    assert error_lines(result) == [f"skipped {locked}: permission denied; make it readable (chmod) or run as a user "
                                   "who can read it"]
    assert "1 articles read: 1 added" in result.stdout


def test_ingest_with_nothing_usable_is_bad_input(tmp_path):
    _empty(tmp_path / "zero.txt")
    _broken_json(tmp_path / "wire.jsonl")
    result = run("ingest", str(tmp_path / "zero.txt"), str(tmp_path / "wire.jsonl"),
                 "--db", str(tmp_path / "s.duckdb"), "-j", "1")
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1
    assert "zero.txt" in lines[0] and "wire.jsonl" in lines[0]


def test_ingest_missing_path_is_bad_input(tmp_path):
    result = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "s.duckdb"), "-j", "1")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "does not exist" in result.stderr


# -- export, relations, demo ------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("small")
    db = str(tmp / "small.duckdb")
    result = run("ingest", str(write_jsonl(tmp / "corpus.jsonl", SMALL_CORPUS)), "--db", db, "-j", "1")
    assert result.exit_code == 0, result.output
    return db


def _read_export(fmt: str, path: Path) -> int:
    """Rows (or graph nodes) in an export file."""
    import pandas as pd

    if fmt == "parquet":
        return len(pd.read_parquet(path))
    if fmt == "graphml":
        import networkx as nx

        return nx.read_graphml(path).number_of_nodes()
    if fmt == "plover":
        return len([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])
    if fmt == "gdelt":
        return len(path.read_text(encoding="utf-8").splitlines())
    return len(pd.read_csv(path))


@pytest.mark.parametrize(("fmt", "name"), [("gdelt", "events.tsv"), ("plover", "events.jsonl"),
                                           ("csv", "events.csv"), ("parquet", "events.parquet"),
                                           ("graphml", "actors.graphml")])
def test_export_each_format(small_store, tmp_path, fmt, name):
    out = tmp_path / name
    result = run("export", "--format", fmt, "--out", str(out), "--db", small_store)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {out}"
    assert _read_export(fmt, out) >= 2


def test_export_unknown_format_is_one_line(small_store, tmp_path):
    result = run("export", "--format", "xml", "--out", str(tmp_path / "x.xml"), "--db", small_store)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and "xml" in lines[0] and "gdelt" in lines[0]


def test_relations_by_country(small_store):
    result = run("relations", "--db", small_store, "--country", "LBY")
    assert result.exit_code == 0
    assert "relations (" in result.stdout and "Turkey" in result.stdout


def test_query_filters_by_type_and_dates(small_store):
    result = run("query", "--db", small_store, "--type", "mobilize", "--since", "2020-01-01",
                 "--until", "2020-01-31", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) >= 2 and all("MOBILIZE" in line for line in lines[1:])


@pytest.mark.slow
def test_demo_runs(tmp_path):
    db = tmp_path / "demo.duckdb"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "top events" in result.stdout and "actor relations" in result.stdout
    assert db.exists()


# -- the package's front door -----------------------------------------------------------------

def test_package_reexports_open_and_code_text(tmp_path):
    import eventwire

    events = eventwire.code_text(SHORT_NEWS, published=date(2020, 1, 8))
    assert [e.event_type for e in events] == ["MOBILIZE"]
    with eventwire.open(str(tmp_path / "s.duckdb")) as store:
        assert store.count_events() == 0
        assert len(store.events()) == 0
    assert open is __builtins__["open"] if isinstance(__builtins__, dict) else open is __builtins__.open


def test_import_is_light():
    code = ("import sys, eventwire; heavy = [m for m in ('spacy', 'duckdb', 'psycopg', 'pandas', "
            "'eventwire.store', 'eventwire.coding') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_console_script_prints_no_traceback(tmp_path):
    exe = shutil.which("eventwire", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the eventwire console script is not installed next to this Python")
    (tmp_path / "empty.txt").write_bytes(b"")
    done = subprocess.run([exe, "code", str(tmp_path / "empty.txt")], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {tmp_path / 'empty.txt'}: is empty or only whitespace; nothing to code"]


@pytest.mark.slow
def test_ingest_on_dask_in_process(tmp_path):
    pytest.importorskip("dask")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "date": "2023-04-16", "text":
        "The Sudanese army launched air strikes on Rapid Support Forces positions in Khartoum."}) + "\n")
    db = tmp_path / "d.duckdb"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--dask", "synchronous"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    bad = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--dask", "carrier-pigeon"])
    assert bad.exit_code == 2
