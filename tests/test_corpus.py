"""The corpus run: batches, skipping stored documents, failures, worker processes, and a
resume after kill -9.

A small rule-based stand-in for the coder (`fake_coder`) makes events from sentences of the
form "Turkey accused Russia on 2020-01-05." so these tests exercise the run, not the coder.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

import eventwire.store as ew_store
from eventwire.config import Settings
from eventwire.corpus import IngestProgress, ingest
from eventwire.errors import NoDocuments
from eventwire.pipeline import CodedDocument
from eventwire.records import Actor, Document, Event, Evidence

REPO = Path(__file__).resolve().parent.parent
ACTORS = {
    "Turkey": ("TUR", "Q43"), "Russia": ("RUS", "Q159"), "Egypt": ("EGY", "Q79"),
    "Libya": ("LBY", "Q1016"), "Tunisia": ("TUN", "Q948"), "Algeria": ("ALG", "Q262"),
}
VERBS = {"accused": ("ACCUSE", "112", 3, -2.0), "attacked": ("ASSAULT", "190", 4, -10.0),
         "met": ("CONSULT", "040", 1, 1.0), "aided": ("AID", "070", 2, 7.0)}
PATTERN = re.compile(r"(\w+) (accused|attacked|met|aided) (\w+) on (\d{4}-\d\d-\d\d)\.")


def fake_coder(docs: Iterable[Document], settings: Settings) -> Iterable[CodedDocument]:
    for doc in docs:
        if "BOOM" in doc.text:
            raise RuntimeError("the coder choked on this article")
        events = []
        for n, m in enumerate(PATTERN.finditer(doc.text)):
            src, verb, tgt, day = m.groups()
            etype, cameo, quad, goldstein = VERBS[verb]
            actor = lambda name: Actor(name, name, country=ACTORS[name][0], sector="GOV",  # noqa: E731
                                       id=ACTORS[name][1], resolution="exact")
            events.append(Event(
                event_id=f"{doc.id}-{n}", doc_id=doc.id, event_type=etype, mode=None, context=(),
                cameo=cameo, quad_class=quad, goldstein=goldstein, source=(actor(src),),
                target=(actor(tgt),), status="asserted", reported_by=None, date=day,
                date_precision="day", location=None,
                evidence=Evidence(m.group(0), m.start(), m.end(), verb), confidence=0.9,
            ))
        yield CodedDocument(doc, tuple(events))


def slow_fake_coder(docs: Iterable[Document], settings: Settings) -> Iterable[CodedDocument]:
    import time

    for item in fake_coder(docs, settings):
        time.sleep(0.02)
        yield item


def write_corpus(folder: Path, n: int, distinct: int) -> None:
    """`n` articles about `distinct` events; article i reports event i % distinct in its own words."""
    names, verbs = list(ACTORS), list(VERBS)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = i % distinct
        src, tgt = names[k % 6], names[(k // 6 + k + 1) % 6]
        if src == tgt:
            tgt = names[(k + 1) % 6]
        day = date(2020, 1 + k // 28 % 12, 1 + k % 28).isoformat()
        lead = ["Officials said that", "Witnesses reported that", "A statement confirmed that"][i // distinct % 3]
        (folder / f"art{i:04d}.txt").write_text(
            f"{lead} the situation was tense.\n\n{src} {verbs[k % 4]} {tgt} on {day}.\n\n"
            f"Article number {i} ends here.\n", encoding="utf-8")


def counts(url: str) -> tuple[int, int, int]:
    from eventwire.store.backend import connect

    db = connect(url)
    try:
        return tuple(db.fetchone(f"SELECT count(*) FROM {t}")[0] for t in ("documents", "events", "mentions"))
    finally:
        db.close()


def test_ingest_then_run_again_adds_nothing(tmp_path):
    write_corpus(tmp_path / "news", 30, 10)
    seen: list[IngestProgress] = []
    settings = Settings(batch_size=8)
    with ew_store.open(str(tmp_path / "s.duckdb")) as store:
        first = ingest([tmp_path / "news"], store, settings, coder=fake_coder, progress=seen.append)
        again = ingest([tmp_path / "news"], store, settings, coder=fake_coder)
        assert store.events(limit=1000)["num_articles"].tolist() == [3] * 10
    assert (first.read, first.added, first.skipped, first.events, first.mentions) == (30, 30, 0, 10, 30)
    assert first.merged == 20 and first.errors == ()
    assert (again.read, again.added, again.skipped, again.events, again.mentions) == (30, 0, 30, 0, 0)
    assert len(seen) == 4 and seen[-1].read == 30 and seen[-1].articles_per_s > 0
    assert counts(str(tmp_path / "s.duckdb")) == (30, 10, 30)


def test_a_failing_article_is_counted_not_fatal(tmp_path):
    write_corpus(tmp_path / "news", 6, 6)
    (tmp_path / "news" / "art0002.txt").write_text("Reporters saw it. BOOM went the coder.\n")
    (tmp_path / "news" / "empty.txt").write_text("   \n")
    with ew_store.open(str(tmp_path / "s.duckdb")) as store:
        summary = ingest([tmp_path / "news"], store, Settings(batch_size=4), coder=fake_coder)
        assert store.count_documents() == 5
    sources = sorted(Path(s).name for s, _ in summary.errors)
    assert sources == ["art0002.txt", "empty.txt"]
    assert any("choked" in message for _, message in summary.errors)
    assert (summary.read, summary.added) == (6, 5)


def test_nothing_readable_raises(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with ew_store.open(str(tmp_path / "s.duckdb")) as store, pytest.raises(NoDocuments):
        ingest([tmp_path / "empty.txt"], store, Settings(), coder=fake_coder)


@pytest.mark.slow
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_worker_processes(tmp_path, start_method):
    write_corpus(tmp_path / "news", 40, 20)
    with ew_store.open(str(tmp_path / "s.duckdb")) as store:
        summary = ingest([tmp_path / "news"], store, Settings(batch_size=5, processes=2),
                         coder=fake_coder, start_method=start_method)
    assert (summary.added, summary.events, summary.mentions) == (40, 20, 40)
    assert counts(str(tmp_path / "s.duckdb")) == (40, 20, 40)


RUNNER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    import eventwire.store as ew_store
    from eventwire.config import Settings
    from eventwire.corpus import ingest
    from test_corpus import slow_fake_coder

    def report(p):
        print("batch", p.read, p.added, flush=True)

    with ew_store.open(sys.argv[2]) as store:
        s = ingest([sys.argv[1]], store, Settings(batch_size=20), coder=slow_fake_coder, progress=report)
    print("done", s.read, s.added, s.skipped, flush=True)
""")


@pytest.mark.slow
def test_resume_after_kill_9(tmp_path):
    write_corpus(tmp_path / "news", 300, 100)
    script = tmp_path / "run.py"
    script.write_text(RUNNER.format(tests=str(REPO / "tests")))
    db = str(tmp_path / "s.duckdb")
    command = [sys.executable, str(script), str(tmp_path / "news"), db]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    lines = []
    for line in proc.stdout:  # kill after three committed batches, in the middle of a fourth
        lines.append(line)
        if len(lines) == 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done_before = counts(db)[0]
    assert 60 <= done_before < 300
    finished = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert finished.returncode == 0, finished.stderr
    read, added, skipped = map(int, finished.stdout.split("done")[1].split())
    assert (read, added + skipped) == (300, 300) and skipped == done_before
    assert counts(db) == (300, 100, 300)
    with ew_store.open(db) as store:
        frame = store.events(limit=1000)
        assert frame["num_articles"].tolist() == [3] * 100
        assert store.documents(limit=1000)["id"].is_unique


@pytest.mark.slow
def test_real_coder_output_is_stored_whole(tmp_path, seed_text):
    """The seed article through the real coder: every coded event is a stored mention."""
    from eventwire.pipeline import code_documents

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "seed.txt").write_text(seed_text, encoding="utf-8")
    settings = Settings()
    with ew_store.open(str(tmp_path / "s.duckdb")) as store:
        summary = ingest([tmp_path / "news"], store, settings, default_published=date(2020, 1, 8))
        doc = Document("seed", seed_text, published=date(2020, 1, 8))
        coded_events = next(iter(code_documents([doc], settings))).events
        assert summary.mentions == len(coded_events) and summary.errors == ()
        assert store.count_events() == summary.events <= summary.mentions
        if coded_events:
            stored = store.event(store.events(limit=1)["event_id"].item())
            assert stored.mentions[0].evidence.sentence in seed_text


def test_a_document_the_coder_fails_on_is_counted_as_an_error(tmp_path, monkeypatch):
    from eventwire.coding.coder import Coder
    from eventwire.config import Settings
    from eventwire.corpus import code_batch
    from eventwire.records import Document

    def broken(self, document, parsed):
        raise RuntimeError("a rule tripped")

    monkeypatch.setattr(Coder, "code", broken)
    result = code_batch([Document(id="x", text="Chile criticised Peru.", source="x.txt")], Settings())
    assert result.coded == ()
    assert result.errors and "a rule tripped" in result.errors[0][1]
