"""The one place where DuckDB and PostgreSQL differ: connecting, placeholders, bulk inserts
and transactions. Every SQL statement elsewhere is written once, with `?` placeholders.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from eventwire.errors import MissingExtra, StoreError

log = logging.getLogger(__name__)

Params = Sequence[Any]


class Backend(ABC):
    """A connection to one store. Statements use `?` placeholders; values always travel as
    parameters, never inside the SQL text."""

    url: str

    def __init__(self) -> None:
        self._depth = 0

    @abstractmethod
    def _run(self, sql: str, params: Params) -> Any:
        """Execute and return a cursor-like object with fetchall() and description."""

    @abstractmethod
    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once, the fastest way the engine offers."""

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def execute(self, sql: str, params: Params = ()) -> None:
        self._run(sql, params)

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return list(self._run(sql, params).fetchall())

    def fetchone(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def frame(self, sql: str, params: Params = ()) -> pd.DataFrame:
        """The result as a DataFrame; both engines give the same Python types per column."""
        cursor = self._run(sql, params)
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)

    def table_exists(self, name: str) -> bool:
        row = self.fetchone(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = ? AND table_schema = current_schema()",
            (name,),
        )
        return bool(row and row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()


class DuckDBBackend(Backend):
    def __init__(self, path: str, read_only: bool = False) -> None:
        super().__init__()
        import duckdb

        self.url = path
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(Path(path).expanduser()) if path != ":memory:" else path,
                                       read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(
                f"cannot open the DuckDB store {path}: {e}. If another eventwire process is "
                "writing to it, wait for it to finish or use a PostgreSQL store for concurrent use"
            ) from e

    def _run(self, sql: str, params: Params) -> Any:
        return self._con.execute(sql, list(params))

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        import pyarrow as pa

        # A registered Arrow table inserts in one statement; executemany is row by row.
        data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        self._con.register("_eventwire_rows", data)
        try:
            cols = ", ".join(columns)
            self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _eventwire_rows")
        finally:
            self._con.unregister("_eventwire_rows")

    def _begin(self) -> None:
        self._con.begin()

    def _commit(self) -> None:
        self._con.commit()

    def _rollback(self) -> None:
        self._con.rollback()

    def close(self) -> None:
        self._con.close()


class PostgresBackend(Backend):
    # Serialises writers, so that two ingest runs cannot create the same event twice.
    _WRITE_LOCK = 7_362_453_001

    def __init__(self, url: str, read_only: bool = False) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as e:
            raise MissingExtra("psycopg", "postgres", "to use a PostgreSQL store") from e
        self.url = url
        try:
            self._con = psycopg.connect(url, autocommit=True)
            if read_only:
                self._con.execute("SET default_transaction_read_only = on")
        except psycopg.Error as e:
            raise StoreError(
                f"cannot connect to the PostgreSQL store {redact(url)}: {e}. Check that the server "
                "is running and that the URL names an existing database and user"
            ) from e

    def _run(self, sql: str, params: Params) -> Any:
        # Our SQL has no literal % or ? in it; psycopg wants %s placeholders.
        return self._con.execute(sql.replace("%", "%%").replace("?", "%s"), list(params))

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self._con.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _begin(self) -> None:
        self._con.execute("BEGIN")
        self._con.execute("SELECT pg_advisory_xact_lock(%s)", (self._WRITE_LOCK,))

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        self._con.execute("ROLLBACK")

    def close(self) -> None:
        self._con.close()


_PASSWORD = re.compile(r"(://[^:/@]+:)[^@]*@")


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return _PASSWORD.sub(r"\1***@", url)


def connect(url: str, read_only: bool = False) -> Backend:
    """A backend for `url`: postgresql:// (or postgres://) URLs go to PostgreSQL, anything
    else is a DuckDB file path (":memory:" for a throwaway store)."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url, read_only=read_only)
    return DuckDBBackend(url.removeprefix("duckdb://"), read_only=read_only)
