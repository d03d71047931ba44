"""Every error eventwire raises on purpose. Messages say what went wrong and how to fix it.

    EventwireError
    ├── ConfigError            bad settings file or option value
    ├── ModelNotFound          no usable spaCy pipeline
    ├── MissingExtra           an optional dependency (dask, fastapi, psycopg) is not installed
    ├── DataFileError          a bundled or user data file (actors, lexicon, places) is invalid
    ├── InputError             one document cannot be read; the batch goes on without it
    │   ├── EmptyDocument
    │   ├── BinaryDocument
    │   ├── DocumentTooLarge
    │   ├── EncodingError
    │   ├── NotEnglish
    │   └── MalformedRecord    a bad JSONL line, a broken feed, a truncated gzip
    ├── NoDocuments            nothing at all could be read from the given paths
    ├── StoreError             the event store cannot be opened, migrated or written
    └── EvaluationError        a gold-standard file is missing or unreadable
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of all eventwire errors."""


class ConfigError(EventwireError):
    pass


class ModelNotFound(EventwireError):
    pass


class MissingExtra(EventwireError):
    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{package} is not installed, and it is needed {purpose}: "
            f"pip install 'eventwire[{extra}]'"
        )
        self.package = package
        self.extra = extra


class DataFileError(EventwireError):
    pass


class InputError(EventwireError):
    """One document could not be read. `source` names the file or record."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class EmptyDocument(InputError):
    pass


class BinaryDocument(InputError):
    pass


class DocumentTooLarge(InputError):
    pass


class EncodingError(InputError):
    pass


class NotEnglish(InputError):
    pass


class MalformedRecord(InputError):
    pass


class NoDocuments(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class EvaluationError(EventwireError):
    pass
