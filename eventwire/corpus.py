"""The corpus run behind `eventwire ingest PATH... [--db URL]`: read, code, store, in batches.

    ingest(paths, store, settings)
      1. read     documents from files, folders and globs               (eventwire.ingest)
      2. skip     the documents the store already holds, before coding  (Store.present)
      3. code     each batch, on all cores when settings.processes != 1 (eventwire.pipeline)
      4. store    each batch in one transaction, merging reports        (Store.add_many)

Because a batch is committed whole or not at all and stored documents are skipped before
coding, a run that is interrupted (Ctrl-C, kill -9, a crash) is resumed by running it
again: nothing is lost and nothing is counted twice. One article that fails to read, code
or store is logged and counted; the run goes on.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import NoDocuments
from eventwire.pipeline import CodedDocument, code_documents
from eventwire.records import Document
from eventwire.store import AddResult, Store

log = logging.getLogger(__name__)

# Codes an iterable of documents; `code_documents` unless a caller brings its own coder.
# It must be a module-level function so that worker processes can import it.
CodeFn = Callable[[Iterable[Document], Settings], Iterable[CodedDocument]]


class _Rates:
    """Throughput, for records with `read`, `mentions` and `elapsed`."""

    __slots__ = ()
    read: int
    mentions: int
    elapsed: float

    @property
    def articles_per_s(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def events_per_s(self) -> float:
        return self.mentions / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class IngestProgress(_Rates):
    """Where a run stands, after each batch."""

    read: int  # documents read so far
    added: int  # stored
    skipped: int  # already in the store
    events: int  # new real-world events
    mentions: int  # reports of events stored
    errors: int
    elapsed: float  # seconds


@dataclass(frozen=True, slots=True)
class IngestSummary(_Rates):
    """The result of a whole run."""

    read: int
    added: int
    skipped: int
    events: int
    merged: int  # coded events that joined an existing real-world event
    mentions: int
    errors: tuple[tuple[str, str], ...]  # (source, message) per failed input or article
    elapsed: float


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """What a worker sends back for one batch."""

    coded: tuple[CodedDocument, ...]
    errors: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class Tally:
    started: float = field(default_factory=time.perf_counter)
    read: int = 0
    skipped: int = 0
    result: AddResult = field(default_factory=AddResult)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def progress(self) -> IngestProgress:
        r = self.result
        return IngestProgress(self.read, r.documents + r.replaced, self.skipped + r.skipped,
                              r.events, r.mentions, len(self.errors), time.perf_counter() - self.started)

    def summary(self) -> IngestSummary:
        r = self.result
        return IngestSummary(self.read, r.documents + r.replaced, self.skipped + r.skipped, r.events,
                             r.merged, r.mentions, tuple(self.errors), time.perf_counter() - self.started)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    default_published: date | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    coder: CodeFn = code_documents,
    start_method: str | None = None,
) -> IngestSummary:
    """Read, code and store every document under `paths`; safe to run again after a stop.

    `start_method` ("fork", "spawn", "forkserver") picks how worker processes start; the
    platform's default when None.
    """
    from eventwire.ingest import iter_documents

    tally = Tally()
    # 1. read  2. skip
    stream = iter_documents(paths, default_published=default_published, max_chars=settings.max_chars)
    batches = new_batches(stream, store, settings.batch_size, tally)
    # 3. code
    workers = worker_count(settings.processes)
    coded = (_code_in_process(batches, settings, coder) if workers == 1
             else _code_in_pool(batches, settings, coder, workers, start_method))
    # 4. store
    for outcome in coded:
        tally.errors.extend(outcome.errors)
        tally.result += store_batch(store, outcome.coded, tally)
        if progress is not None:
            progress(tally.progress())
    if tally.read == 0:
        problems = "; ".join(message for _, message in tally.errors[:3])
        raise NoDocuments(
            f"no document could be read from {', '.join(map(str, paths))}"
            + (f": {problems}" if problems else "; check the paths and file types")
        )
    summary = tally.summary()
    log.info("ingest: %d read, %d added, %d skipped, %d new events, %d mentions, %d errors in %.1fs",
             summary.read, summary.added, summary.skipped, summary.events, summary.mentions,
             len(summary.errors), summary.elapsed)
    return summary


def worker_count(processes: int) -> int:
    return (os.cpu_count() or 1) if processes == 0 else max(1, processes)


def new_batches(stream: Iterable[object], store: Store, size: int, tally: Tally) -> Iterator[list[Document]]:
    """Batches of documents the store does not hold yet; read problems go to the tally."""
    from eventwire.ingest import ReadProblem

    items = iter(stream)
    while chunk := list(islice(items, max(1, size))):
        docs = []
        for item in chunk:
            if isinstance(item, ReadProblem):
                log.warning("cannot read %s", item.message)
                tally.errors.append((item.source, item.message))
            elif isinstance(item, Document):
                docs.append(item)
        tally.read += len(docs)
        known = store.present(docs)
        tally.skipped += len(known)
        fresh = [d for d in docs if d.id not in known]
        yield fresh


def code_batch(docs: Sequence[Document], settings: Settings, coder: CodeFn = code_documents) -> CodedBatch:
    """Code one batch; if the batch fails, code its documents one by one so that only the
    failing article is lost."""
    if not docs:
        return CodedBatch((), ())
    try:
        coded = tuple(coder(docs, settings))
        return CodedBatch(tuple(c for c in coded if c.error is None),
                      tuple((c.document.source or c.document.id, c.error) for c in coded if c.error))
    except Exception:  # noqa: BLE001 - retried per document below, where it is reported
        log.warning("a batch of %d documents failed; coding them one at a time", len(docs))
    coded, errors = [], []
    for doc in docs:
        try:
            for c in coder([doc], settings):
                if c.error:
                    errors.append((doc.source or doc.id, c.error))
                else:
                    coded.append(c)
        except Exception as e:  # noqa: BLE001 - one article's failure is counted, not fatal
            log.exception("coding failed for %s", doc.source or doc.id)
            errors.append((doc.source or doc.id, f"coding failed: {type(e).__name__}: {e}"))
    return CodedBatch(tuple(coded), tuple(errors))


def _code_in_process(batches: Iterable[list[Document]], settings: Settings, coder: CodeFn) -> Iterator[CodedBatch]:
    for batch in batches:
        yield code_batch(batch, settings, coder)


def _warm(settings: Settings, coder: CodeFn) -> None:
    """Load the pipeline once per worker, before its first batch."""
    list(coder([], settings))


def _code_in_pool(batches: Iterable[list[Document]], settings: Settings, coder: CodeFn,
                  workers: int, start_method: str | None) -> Iterator[CodedBatch]:
    """Batches coded by `workers` processes, yielded in input order. At most two batches
    per worker are in flight, so memory does not grow with the corpus."""
    import multiprocessing

    context = multiprocessing.get_context(start_method)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(settings, coder))
    pending: deque[Future[CodedBatch]] = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(code_batch, batch, settings, coder))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)


def store_batch(store: Store, coded: Sequence[CodedDocument], tally: Tally) -> AddResult:
    """One transaction for the batch; if it fails, each document in its own, so that only
    the failing article is lost."""
    if not coded:
        return AddResult()
    try:
        return store.add_many(coded)
    except Exception:  # noqa: BLE001 - retried per document below, where it is reported
        log.warning("storing a batch of %d documents failed; storing them one at a time", len(coded))
    result = AddResult()
    for item in coded:
        try:
            result += store.add(item)
        except Exception as e:  # noqa: BLE001 - one article's failure is counted, not fatal
            log.exception("storing %s failed", item.document.source or item.document.id)
            tally.errors.append((item.document.source or item.document.id,
                                 f"storing failed: {type(e).__name__}: {e}"))
    return result
