"""Throughput of `eventwire code` against bare spaCy parsing of the same texts, on one core.

    python bench/throughput.py [--repeat N]

Texts: the bundled sample corpus (and the shared seed article where present), repeated N times.
Reports articles/s and sentences/s for both, and eventwire's overhead on top of the parse.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from eventwire.config import Settings  # noqa: E402
from eventwire.ingest import iter_documents, sample_paths  # noqa: E402
from eventwire.nlp import load_pipeline  # noqa: E402
from eventwire.pipeline import code_documents  # noqa: E402
from eventwire.records import Document  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "libya-ceasefire.txt"


def corpus(repeat: int) -> list[Document]:
    docs = [d for d in iter_documents(sample_paths()) if isinstance(d, Document)]
    if SEED.exists():
        docs.append(Document(id="seed", text=SEED.read_text(encoding="utf-8")))
    return [Document(id=f"{d.id}-{k}", text=d.text, published=d.published) for k in range(repeat) for d in docs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docs = corpus(args.repeat)
    settings = Settings()
    nlp = load_pipeline(settings.model)
    list(code_documents(docs[:2], settings))  # load the knowledge once, outside the timings

    t0 = time.perf_counter()
    sentences = sum(len(list(d.sents)) for d in nlp.pipe((d.text for d in docs), batch_size=settings.batch_size))
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = sum(len(c.events) for c in code_documents(docs, settings))
    full_s = time.perf_counter() - t0

    result = {
        "articles": len(docs), "sentences": sentences, "events": events,
        "spacy_articles_per_s": round(len(docs) / parse_s, 1),
        "spacy_sentences_per_s": round(sentences / parse_s, 1),
        "eventwire_articles_per_s": round(len(docs) / full_s, 1),
        "eventwire_sentences_per_s": round(sentences / full_s, 1),
        "overhead_pct": round(100 * (full_s - parse_s) / parse_s, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
