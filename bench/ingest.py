"""Ingest throughput and memory: a synthetic corpus through `eventwire.corpus.ingest`.

    python bench/ingest.py                       # N=1000, DuckDB and PostgreSQL
    python bench/ingest.py --n 1000 10000 --stores duckdb
    python bench/ingest.py --processes 2 --pg-url postgresql://root@127.0.0.1:5432/test

Each (store, N) run happens in a fresh child process, so its peak resident memory is its
own. The corpus is built from templates x actors x verbs x dates x places, so articles are
varied but comparable from run to run (a fixed random seed). Prints a table; this is a
script, not library code.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ACTORS = [
    "Turkey", "Russia", "Egypt", "the United Nations", "the European Union", "France", "Italy",
    "the United States", "Libyan National Army forces", "the Government of National Accord",
    "Iranian officials", "Israeli troops", "Hamas", "the Syrian army", "Kurdish fighters",
    "Ukrainian forces", "the Chinese foreign ministry", "Indian police", "Pakistani militants",
    "Nigerian soldiers", "Boko Haram", "the African Union", "German Chancellor Angela Merkel",
    "President Vladimir Putin", "President Recep Tayyip Erdogan",
]
VERBS = [
    ("attacked", "{s} attacked {t} {where} {when}."),
    ("accused", "{s} accused {t} of violating the ceasefire {when}."),
    ("met", "{s} met {t} {where} {when} to discuss the crisis."),
    ("condemned", "{s} condemned {t} over the killings {when}."),
    ("agreed", "{s} agreed with {t} {when} to hold new talks."),
    ("threatened", "{s} threatened {t} with sanctions {when}."),
    ("shelled", "{s} shelled positions held by {t} {where} {when}."),
    ("sent aid", "{s} sent humanitarian aid to {t} {when}."),
    ("arrested", "{s} arrested supporters of {t} {where} {when}."),
    ("called on", "{s} called on {t} {when} to release the prisoners."),
]
PLACES = ["in Tripoli", "in Damascus", "near Aleppo", "in Cairo", "in Moscow", "in Ankara",
          "in Kyiv", "in Gaza", "in Baghdad", "in Lagos", "in Kabul", "in Geneva", "in Berlin"]
WHENS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
         "on Saturday", "yesterday"]
FILLER = [
    "The statement was carried by the state news agency.",
    "Officials did not respond to requests for comment.",
    "Diplomats said the situation remained tense.",
    "Residents described hearing explosions through the night.",
    "Analysts said the move could complicate negotiations.",
]


def build_corpus(n: int, path: Path, seed: int = 7) -> None:
    """Write `n` synthetic articles as JSON Lines; about a third retell an earlier story."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            sentences = []
            published = start + timedelta(days=rng.randrange(365))
            for _ in range(rng.randint(2, 4)):
                s, t = rng.sample(ACTORS, 2)
                _, template = rng.choice(VERBS)
                line = template.format(s=s, t=t, where=rng.choice(PLACES), when=rng.choice(WHENS))
                sentences.append(line[0].upper() + line[1:])
                sentences.append(rng.choice(FILLER))
            record = {"id": f"bench-{i:06d}", "text": " ".join(sentences), "date": published.isoformat(),
                      "title": sentences[0][:60], "url": f"https://outlet{i % 17}.example/story/{i}"}
            out.write(json.dumps(record) + "\n")


def run_one(store_kind: str, corpus: Path, workdir: Path, pg_url: str, processes: int, batch: int) -> dict:
    """One ingest in this process; returns its figures."""
    import eventwire.store as ew_store
    from eventwire.config import Settings
    from eventwire.corpus import ingest

    schema = None
    if store_kind == "duckdb":
        url = str(workdir / f"bench-{uuid.uuid4().hex[:8]}.duckdb")
    else:
        import psycopg

        schema = f"ew_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        url = f"{pg_url}{'&' if '?' in pg_url else '?'}options=-csearch_path%3D{schema}"
    try:
        settings = Settings(processes=processes, batch_size=batch)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        with ew_store.open(url) as store:
            summary = ingest([corpus], store, settings)
            stored_events = store.count_events()
        elapsed = time.perf_counter() - t0
    finally:
        if schema:
            with psycopg.connect(pg_url, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "store": store_kind, "read": summary.read, "added": summary.added,
        "mentions": summary.mentions, "events": stored_events, "errors": len(summary.errors),
        "seconds": round(elapsed, 2), "articles_per_s": round(summary.read / elapsed, 1),
        "events_per_s": round(summary.mentions / elapsed, 1),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_mb": round(rss_before / 1024, 1), "worker_rss_mb": round(children / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--stores", default="duckdb,postgres")
    parser.add_argument("--pg-url", default="postgresql://root@127.0.0.1:5432/test")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", nargs=2, metavar=("STORE", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = run_one(args.child[0], Path(args.child[1]), Path(args.workdir), args.pg_url,
                         args.processes, args.batch_size)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        workdir = Path(tmp)
        print(f"{'store':9} {'N':>6} {'events':>7} {'mentions':>8} {'s':>7} {'art/s':>7} "
              f"{'ev/s':>7} {'RSS MB':>7} {'pre MB':>7}")
        for n in args.n:
            corpus = workdir / f"corpus-{n}.jsonl"
            build_corpus(n, corpus)
            for kind in args.stores.split(","):
                done = subprocess.run(
                    [sys.executable, __file__, "--child", kind, str(corpus), "--workdir", tmp,
                     "--pg-url", args.pg_url, "--processes", str(args.processes),
                     "--batch-size", str(args.batch_size)],
                    capture_output=True, text=True,
                )
                if done.returncode != 0:
                    print(f"{kind:9} {n:>6} failed: {done.stderr.strip().splitlines()[-1:]}")
                    continue
                r = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"{kind:9} {n:>6} {r['events']:>7} {r['mentions']:>8} {r['seconds']:>7} "
                      f"{r['articles_per_s']:>7} {r['events_per_s']:>7} {r['rss_mb']:>7} "
                      f"{r['rss_before_mb']:>7}")


if __name__ == "__main__":
    main()
