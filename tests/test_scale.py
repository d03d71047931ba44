"""Coding on Dask: the same events as one process, in order, streamed; the pipeline loaded
once per worker; the corpus run resumable; a kind message when dask is missing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from itertools import count, islice

import pytest

import eventwire.store as ew_store
from eventwire import scale
from eventwire.config import Settings
from eventwire.corpus import ingest
from eventwire.errors import ConfigError, MissingExtra
from eventwire.pipeline import code_documents
from eventwire.records import Document
from eventwire.scale import code_on_dask, ingest_on_dask

ARTICLES = [
    "Turkish troops shelled Kurdish positions near the border on Monday.",
    "The Egyptian foreign minister met his Russian counterpart in Cairo on Tuesday.",
    "Police arrested dozens of protesters in Khartoum after the rally.",
    "France condemned the missile strike and urged both sides to show restraint.",
    "Rebels attacked an army convoy outside Goma, killing four soldiers.",
    "Germany pledged 50 million euros in humanitarian aid to Yemen.",
    "The weather in Lisbon was mild and sunny all week.",
    "Iran accused Israel of sabotaging its nuclear facility at Natanz.",
]
PUBLISHED = date(2021, 4, 12)


def documents() -> list[Document]:
    return [Document(f"a{i}", text, published=PUBLISHED) for i, text in enumerate(ARTICLES)]


def fingerprint(coded) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(c.document.id, [(e.event_id, e.event_type) for e in c.events]) for c in coded]


@pytest.fixture(scope="module")
def reference(nlp) -> list[tuple[str, list[tuple[str, str]]]]:
    found = fingerprint(code_documents(documents(), Settings()))
    assert sum(len(events) for _, events in found) >= 4, "the sentences should code to events"
    return found


@pytest.fixture(scope="module")
def cluster_client():
    pytest.importorskip("dask", reason="dask is not installed: pip install 'eventwire[dask]'")
    distributed = pytest.importorskip("distributed", reason="distributed is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture
def needs_dask():
    pytest.importorskip("dask", reason="dask is not installed: pip install 'eventwire[dask]'")


@pytest.mark.parametrize("scheduler, partition_size", [
    ("synchronous", 3),
    ("synchronous", 200),
    ("threads", 2),
])
def test_local_schedulers_code_as_one_process(needs_dask, reference, scheduler, partition_size):
    coded = code_on_dask(documents(), Settings(), scheduler=scheduler, partition_size=partition_size)
    assert fingerprint(coded) == reference


@pytest.mark.parametrize("partition_size", [1, 3])
def test_cluster_codes_as_one_process(reference, cluster_client, partition_size):
    coded = code_on_dask(documents(), Settings(), client=cluster_client, partition_size=partition_size)
    assert fingerprint(coded) == reference


def test_pipeline_loaded_once_per_worker(cluster_client):
    def calls() -> dict[str, tuple[int, int]]:
        return cluster_client.run(lambda: (scale._coder_for.cache_info().hits, scale._coder_for.cache_info().misses))

    before = calls()
    list(code_on_dask(documents(), Settings(), client=cluster_client, partition_size=1))
    after = calls()
    partitions = sum(hits + misses for hits, misses in after.values()) - sum(h + m for h, m in before.values())
    assert partitions == len(ARTICLES)
    assert all(misses <= 1 for _, misses in after.values()), after


def endless(prefix: str) -> Iterator[Document]:
    for i in count():
        yield Document(f"{prefix}{i}", f"Protesters marched through the capital on day {i}.", published=PUBLISHED)


@pytest.mark.parametrize("where", ["synchronous", "cluster"])
def test_results_stream_from_an_endless_input(needs_dask, nlp, request, where):
    target = ({"client": request.getfixturevalue("cluster_client")} if where == "cluster"
              else {"scheduler": "synchronous"})
    stream = code_on_dask(endless("e"), Settings(), partition_size=2, **target)
    assert [c.document.id for c in islice(stream, 5)] == ["e0", "e1", "e2", "e3", "e4"]
    stream.close()


def write_jsonl(path, texts) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"j{i}", "date": PUBLISHED.isoformat(), "text": text}) + "\n")


@pytest.mark.parametrize("scheduler", [
    "synchronous",
    pytest.param("processes", marks=pytest.mark.slow),
])
def test_ingest_then_run_again_adds_nothing(needs_dask, nlp, tmp_path, scheduler):
    if scheduler == "processes":
        pytest.importorskip("distributed", reason="distributed is not installed")
    write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    settings = Settings(batch_size=3, processes=2)
    with ew_store.open(str(tmp_path / "one.duckdb")) as store:
        expected = ingest([tmp_path / "news.jsonl"], store, settings)
    with ew_store.open(str(tmp_path / "dask.duckdb")) as store:
        first = ingest_on_dask([tmp_path / "news.jsonl"], store, settings, scheduler=scheduler, partition_size=3)
        events = store.count_events()
        again = ingest_on_dask([tmp_path / "news.jsonl"], store, settings, scheduler=scheduler)
        assert store.count_events() == events == expected.events
    assert (first.read, first.added, first.skipped, first.mentions) == (8, 8, 0, expected.mentions)
    assert first.errors == () and first.mentions > 0
    assert (again.read, again.added, again.skipped, again.events, again.mentions) == (8, 0, 8, 0, 0)


def test_an_interrupted_ingest_resumes(needs_dask, nlp, tmp_path):
    write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    settings = Settings(batch_size=2)

    def stop_after_first_partition(progress) -> None:
        raise KeyboardInterrupt

    with ew_store.open(str(tmp_path / "s.duckdb")) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_on_dask([tmp_path / "news.jsonl"], store, settings, scheduler="synchronous",
                           partition_size=3, progress=stop_after_first_partition)
        assert store.count_documents() == 3
        rest = ingest_on_dask([tmp_path / "news.jsonl"], store, settings, scheduler="synchronous", partition_size=3)
        assert store.count_documents() == len(ARTICLES)
    assert (rest.read, rest.added, rest.skipped) == (8, 5, 3)


@pytest.mark.parametrize("call", ["code", "ingest"])
def test_missing_dask_says_how_to_install(monkeypatch, tmp_path, call):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(MissingExtra, match=r"^dask is not installed.*: pip install 'eventwire\[dask\]'$"):
        if call == "code":
            code_on_dask(documents(), Settings(), scheduler="synchronous")
        else:
            with ew_store.open(str(tmp_path / "s.duckdb")) as store:
                ingest_on_dask([tmp_path], store, Settings(), scheduler="synchronous")


def test_missing_distributed_is_needed_for_a_cluster_only(needs_dask, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtra, match=r"^distributed is not installed.*'eventwire\[dask\]'"):
        code_on_dask(documents(), Settings(), scheduler="processes")
    assert code_on_dask([], Settings(), scheduler="synchronous") is not None


@pytest.mark.parametrize("options, message", [
    ({"scheduler": "gpu"}, "unknown Dask scheduler 'gpu'"),
    ({"scheduler": "process"}, "use synchronous, threads, processes or a scheduler address"),
    ({"scheduler": "synchronous", "partition_size": 0}, "partition_size must be at least 1"),
    ({"scheduler": "threads", "client": object()}, "not both"),
])
def test_bad_options_fail_before_any_work(needs_dask, options, message):
    with pytest.raises(ConfigError, match=message):
        code_on_dask(documents(), Settings(), **options)
