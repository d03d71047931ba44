"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "libya-ceasefire.txt"
GSR = SHARED / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the shared seed article is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
