"""Reading documents: text, HTML, JSON Lines and RSS/Atom files (plain or gzipped), folders,
globs and standard input, each turned into an `eventwire.records.Document`.

    from eventwire.ingest import iter_documents
    for item in iter_documents(["news/"], default_published=date(2020, 1, 8)):
        ...  # a Document, or a ReadProblem for one input that could not be read

One bad file or record never stops a batch: it is a `ReadProblem` carrying an `InputError`.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest.batch import iter_documents, read_stdin
from eventwire.ingest.checks import ReadProblem, content_hash
from eventwire.ingest.text import read_text_document

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_SUFFIXES = (".jsonl", ".txt", ".html", ".rss")


def sample_paths() -> list[Path]:
    """The bundled demo corpus (`eventwire demo`): corpus.jsonl plus a few stories as .txt/.html/.rss.

    A few stories appear in two formats under the same id, to exercise the readers and the
    store's de-duplication.
    """
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix in SAMPLE_SUFFIXES and p.is_file())


__all__ = ["ReadProblem", "content_hash", "iter_documents", "read_stdin", "read_text_document", "sample_paths"]
