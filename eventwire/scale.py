"""Scale out on Dask when one machine is not enough: the corpus run, with the coding on workers.

    ingest_on_dask(paths, store, settings, scheduler="tcp://head:8786")
      1. read     documents, in this process                                (eventwire.ingest)
      2. skip     the documents the store already holds, before coding      (Store.present)
      3. code     partitions of `partition_size` documents on Dask workers  (code_on_dask)
      4. store    in this process, one transaction per batch: one writer    (Store.add_many)

`scheduler` is "synchronous" (this thread; for debugging), "threads", "processes" (a local
cluster of worker processes, `settings.processes` of them, all cores when that is 0 or 1)
or the tcp:// address of a running cluster (`dask scheduler` and `dask worker ADDRESS` on
machines where eventwire is installed). A `distributed.Client` may be passed instead.

Each worker process loads the spaCy pipeline and the coder's knowledge once and keeps them
for every partition it codes. At most two partitions per worker thread are in flight, and
results come back in input order, so this process's memory does not grow with the corpus.
Like `eventwire.corpus.ingest`, a stopped run is resumed by running it again.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from eventwire.config import Settings
from eventwire.corpus import (
    CodedBatch,
    IngestProgress,
    IngestSummary,
    Tally,
    code_batch,
    new_batches,
    store_batch,
    worker_count,
)
from eventwire.errors import ConfigError, MissingExtra, NoDocuments
from eventwire.pipeline import CodedDocument, code_documents
from eventwire.records import Document
from eventwire.store import Store

if TYPE_CHECKING:
    from distributed import Client

    from eventwire.coding.coder import Coder

log = logging.getLogger(__name__)

LOCAL_SCHEDULERS = ("synchronous", "threads")
SCHEDULERS = (*LOCAL_SCHEDULERS, "processes")
T = TypeVar("T")


def code_on_dask(
    docs: Iterable[Document],
    settings: Settings,
    *,
    client: "Client | None" = None,
    scheduler: str | None = None,
    partition_size: int = 200,
) -> Iterator[CodedDocument]:
    """Code documents on Dask, yielding one `CodedDocument` per input, in input order.

    A document whose parse fails is logged and left out, as in `eventwire.corpus`. The
    scheduler is checked, and a missing dask reported, when this is called, not when the
    first result is asked for.
    """
    plan = _plan(client, scheduler, partition_size)
    return (item for outcome in _coded_partitions(docs, settings, plan, client, partition_size)
            for item in outcome.coded)


def ingest_on_dask(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    default_published: date | None = None,
    scheduler: str | None = None,
    partition_size: int = 200,
    progress: Callable[[IngestProgress], None] | None = None,
    client: "Client | None" = None,
) -> IngestSummary:
    """`eventwire.corpus.ingest`, with the coding done on Dask; safe to run again after a stop."""
    from eventwire.ingest import iter_documents

    plan = _plan(client, scheduler, partition_size)
    tally = Tally()
    # 1. read  2. skip
    stream = iter_documents(paths, default_published=default_published, max_chars=settings.max_chars)
    fresh = (doc for batch in new_batches(stream, store, settings.batch_size, tally) for doc in batch)
    # 3. code
    for outcome in _coded_partitions(fresh, settings, plan, client, partition_size):
        tally.errors.extend(outcome.errors)
        # 4. store
        for batch in _chunks(iter(outcome.coded), settings.batch_size):
            tally.result += store_batch(store, batch, tally)
        if progress is not None:
            progress(tally.progress())
    if tally.read == 0:
        problems = "; ".join(message for _, message in tally.errors[:3]) or "check the paths and file types"
        raise NoDocuments(f"no document could be read from {', '.join(map(str, paths))}: {problems}")
    summary = tally.summary()
    log.info("ingest on dask (%s): %d read, %d added, %d skipped, %d errors in %.1fs", plan,
             summary.read, summary.added, summary.skipped, len(summary.errors), summary.elapsed)
    return summary


def _plan(client: "Client | None", scheduler: str | None, partition_size: int) -> str:
    """Which scheduler to use: one of SCHEDULERS, an address, or "client"; fails before any work."""
    _need("dask", "to code on a Dask cluster")
    if partition_size < 1:
        raise ConfigError(f"partition_size must be at least 1, not {partition_size}")
    if client is not None:
        if scheduler is not None:
            raise ConfigError("pass a Dask client or a scheduler, not both")
        return "client"
    plan = scheduler or "processes"
    if plan not in SCHEDULERS and "://" not in plan:
        raise ConfigError(f"unknown Dask scheduler {plan!r}: use {', '.join(SCHEDULERS)} or a "
                          "scheduler address such as tcp://127.0.0.1:8786")
    if plan not in LOCAL_SCHEDULERS:
        _need("distributed", "to start or reach a Dask cluster")
    return plan


def _need(module: str, purpose: str) -> None:
    try:
        __import__(module)
    except ImportError as e:
        raise MissingExtra(module, "dask", purpose) from e


def _coded_partitions(docs: Iterable[Document], settings: Settings, plan: str,
                      client: "Client | None", partition_size: int) -> Iterator[CodedBatch]:
    items = iter(docs)
    if plan in LOCAL_SCHEDULERS:
        threads = 1 if plan == "synchronous" else (os.cpu_count() or 1)
        for window in _chunks(items, 2 * threads * partition_size):
            yield from _compute_locally(window, settings, plan, partition_size)
        return
    with _connect(plan, client, settings) as connected:
        yield from _compute_on_cluster(items, settings, connected, partition_size)


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _partitioned(docs: list[Document], settings: Settings, partition_size: int) -> list:
    """One dask Delayed per partition of `docs`; each computes to a one-item list of `CodedBatch`."""
    import dask.bag as db

    bag = db.from_sequence(docs, partition_size=partition_size)
    return bag.map_partitions(_code_partition, settings).to_delayed()


def _compute_locally(window: list[Document], settings: Settings, scheduler: str,
                     partition_size: int) -> Iterator[CodedBatch]:
    import dask

    for part in dask.compute(*_partitioned(window, settings, partition_size), scheduler=scheduler):
        yield from part


@contextmanager
def _connect(plan: str, client: "Client | None", settings: Settings) -> Iterator["Client"]:
    """The given client, a client of the cluster at an address, or a new local cluster."""
    from distributed import Client, LocalCluster

    if client is not None:
        yield client
        return
    if plan != "processes":
        log.info("connecting to the Dask scheduler at %s", plan)
        with Client(plan) as remote:
            yield remote
        return
    # A one-worker cluster gains nothing over eventwire.corpus, so the default 1 means all cores.
    workers = worker_count(0 if settings.processes == 1 else settings.processes)
    # The scheduler always serves HTTP (8787 by default); any free port keeps clusters apart.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as local:
        log.info("started a local Dask cluster of %d worker processes; dashboard %s",
                 workers, local.dashboard_link)
        yield local


def _compute_on_cluster(items: Iterator[Document], settings: Settings, client: "Client",
                        partition_size: int) -> Iterator[CodedBatch]:
    """Partitions in flight on the cluster, two per worker thread at most, yielded in order:
    each window is sent before the one before it is collected, so workers never wait on us."""
    slots = max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    try:
        for window in _chunks(items, slots * partition_size):
            pending.extend(client.compute(_partitioned(window, settings, partition_size)))
            while len(pending) > slots:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if pending:
            client.cancel(list(pending))


def _code_partition(docs: Iterable[Document], settings: Settings) -> list[CodedBatch]:
    """Runs on a worker: one partition, coded with that worker's cached coder."""
    return [code_batch(list(docs), settings, _code_with_cached_coder)]


def _code_with_cached_coder(docs: Iterable[Document], settings: Settings) -> Iterator[CodedDocument]:
    return code_documents(docs, settings, coder=_coder_for(pickle.dumps(settings)))


@lru_cache(maxsize=4)
def _coder_for(settings_pickle: bytes) -> "Coder":
    """The coder for these settings, built once per worker process (the spaCy pipeline is
    cached by eventwire.nlp.load_pipeline). Keyed by the pickled settings because `Settings`
    holds a dict and cannot be hashed; a key that differs only costs one more load."""
    from eventwire.coding.coder import Coder
    from eventwire.nlp import load_pipeline

    settings = pickle.loads(settings_pickle)
    log.info("loading the coder and %s in process %d", settings.model, os.getpid())
    load_pipeline(settings.model)
    return Coder(settings)
