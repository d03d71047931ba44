"""Coding throughput: one process (`code_documents`) against a local Dask cluster (`code_on_dask`).

    python bench/scale.py                          # 25 copies of the sample corpus, 2 workers
    python bench/scale.py --copies 50 --workers 2 --partition-size 100

The corpus is N copies of the bundled sample corpus (eventwire.ingest.sample_paths()), each
copy under its own ids. Loading the pipeline is timed apart from coding: the one process
loads it before its clock starts, and the cluster's workers load theirs (through one small
warm-up partition each) before the Dask clock starts, so the figures compare coding alone.
The events of both runs must match. Prints a table; this is a script, not library code.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from eventwire.config import Settings
from eventwire.ingest import iter_documents, sample_paths
from eventwire.pipeline import code_documents
from eventwire.records import Document
from eventwire.scale import code_on_dask


def corpus(copies: int) -> list[Document]:
    base = [d for d in iter_documents(sample_paths()) if isinstance(d, Document)]
    return [replace(d, id=f"{d.id}#{k}") for k in range(copies) for d in base]


def fingerprint(coded) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    return [(c.document.id, tuple((e.event_id, e.event_type) for e in c.events)) for c in coded]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=50)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from eventwire.nlp import load_pipeline

    docs = corpus(args.copies)
    settings = Settings()
    rows = []

    t0 = time.perf_counter()
    load_pipeline(settings.model)
    load_single = time.perf_counter() - t0
    t0 = time.perf_counter()
    single = fingerprint(code_documents(docs, settings))
    rows.append(("one process", load_single, time.perf_counter() - t0))

    t0 = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        list(code_on_dask(docs[: args.workers], settings, client=client, partition_size=1))
        start = time.perf_counter() - t0
        t0 = time.perf_counter()
        spread = fingerprint(code_on_dask(docs, settings, client=client, partition_size=args.partition_size))
        rows.append((f"dask, {args.workers} workers", start, time.perf_counter() - t0))

    if spread != single:
        raise SystemExit("the Dask run coded different events from the single process")
    events = sum(len(e) for _, e in single)
    print(f"{len(docs)} articles ({args.copies} copies of the sample corpus), {events} events, "
          f"partitions of {args.partition_size}")
    print(f"{'run':18} {'start s':>8} {'code s':>8} {'art/s':>7} {'ev/s':>7}")
    for name, start_s, code_s in rows:
        print(f"{name:18} {start_s:8.1f} {code_s:8.1f} {len(docs) / code_s:7.1f} {events / code_s:7.1f}")


if __name__ == "__main__":
    main()
