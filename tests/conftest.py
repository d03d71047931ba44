"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "libya-ceasefire.txt"
GSR = SHARED / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
PG_URL = os.environ.get("EVENTWIRE_TEST_POSTGRES", "postgresql://root@127.0.0.1:5432/test")


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A store URL on the test server, in a new schema dropped afterwards; skips where the
    server or psycopg is missing."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (eventwire[postgres])")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as e:
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {e}")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the shared seed article is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
