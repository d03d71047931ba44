"""Gazetteer start-up time, memory and look-up rate.

    python bench/gazetteer.py [--runs 5]

Start-up is measured cold, in fresh interpreter processes (import + Gazetteer.load()); memory
as the tracemalloc peak of the load and as the process's resident-set growth. Targets: start-up
under 0.5 s, memory under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

PROBE = r"""
import json, resource, time, tracemalloc
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
tracemalloc.start()
from eventwire.places import Gazetteer
gaz = Gazetteer.load()
elapsed = time.perf_counter() - t0
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"startup_s": elapsed, "tracemalloc_peak_mb": peak / 2**20,
                  "rss_growth_mb": (rss1 - rss0) / 1024, "rss_mb": rss1 / 1024, "places": len(gaz)}))
"""

PROBE_UNTRACED = r"""
import json, resource, time
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from eventwire.places import Gazetteer
gaz = Gazetteer.load()
elapsed = time.perf_counter() - t0
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"startup_s": elapsed, "rss_growth_mb": (rss1 - rss0) / 1024, "rss_mb": rss1 / 1024}))
"""

NAMES = ["Tripoli", "Sirte", "Istanbul", "Cairo", "Rome", "Berlin", "Kiev", "Mitiga airport",
         "Gaza Strip", "Strait of Hormuz", "Georgia", "Paris", "Turkish", "Haftar", "Idlib province",
         "Donetsk region", "Washington", "Misrata", "U.S.", "Red Sea"]


def run(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    untraced = [run(PROBE_UNTRACED) for _ in range(args.runs)]
    cold = [r["startup_s"] for r in untraced]
    mem = run(PROBE)

    from eventwire.places import Gazetteer

    gaz = Gazetteer.load()
    hints = [(), ("LBY",), ("USA", "LBN")]
    n = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        for name in NAMES:
            gaz.lookup(name, hints[n % 3])
            n += 1
    rate = n / (time.perf_counter() - t0)

    print(f"places indexed        {mem['places']:,}")
    print(f"cold start-up (s)     median {statistics.median(cold):.3f}  min {min(cold):.3f}  "
          f"max {max(cold):.3f}  ({args.runs} fresh processes, import + load)")
    print(f"memory (MB)           tracemalloc peak {mem['tracemalloc_peak_mb']:.1f}  "
          f"RSS growth {untraced[-1]['rss_growth_mb']:.1f}  process RSS {untraced[-1]['rss_mb']:.1f} "
          "(RSS without tracemalloc)")
    print(f"look-ups per second   {rate:,.0f}")


if __name__ == "__main__":
    main()
