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
from eventwire.dedupe import content_hash
from eventwire.ingest.checks import ReadProblem
from eventwire.ingest.text import read_text_document

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"


def sample_paths(include_formats: bool = False) -> list[Path]:
    """The bundled demo corpus for `eventwire demo`: samples/corpus.jsonl.

    With `include_formats`, also samples/formats/: three of the same stories as .txt, .html
    and .rss, under the same ids as in the JSONL, to exercise every reader.
    """
    paths = [SAMPLES_DIR / "corpus.jsonl"]
    if include_formats:
        paths += sorted(p for p in (SAMPLES_DIR / "formats").iterdir() if p.is_file() and not p.name.startswith("."))
    return paths


__all__ = ["ReadProblem", "content_hash", "iter_documents", "read_stdin", "read_text_document", "sample_paths"]
