"""The evaluator: reading gold files, mapping old PLOVER names, scoring, and the CI floor."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from eventwire.errors import EvaluationError
from eventwire.evaluate import OWN_GOLD as EWGOLD
from eventwire.evaluate import GSR_TYPE_MAP, SentenceResult, actor_code, evaluate_gsr, read_gsr, score
from eventwire.records import Actor

from conftest import GSR

ALL_FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text())
FLOORS = ALL_FLOORS["plover_gsr"]


def _gold_file(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "gsr.json"
    header = {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"}
    path.write_text(json.dumps([header, *records]), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new", sorted(GSR_TYPE_MAP.items()))
def test_old_category_names_are_mapped(tmp_path, old, new):
    path = _gold_file(tmp_path, [{"id": "a", "event": old, "text": "Chile criticised Peru.",
                                  "source": [{"code": "CHL"}], "target": [{"code": "PER"}]}])
    (record,) = read_gsr(path)
    assert record.event_type == new
    assert record.source == {"CHL"} and record.target == {"PER"}


def test_empty_target_is_no_constraint(tmp_path):
    path = _gold_file(tmp_path, [{"id": "a", "event": "AGREE", "text": "Chile and Peru agreed.",
                                  "source": [{"code": "CHL"}, {"code": "PER"}], "target": ""}])
    assert read_gsr(path)[0].target == frozenset()


@pytest.mark.parametrize("content,problem", [
    (None, "does not exist"),
    ("not json", "not valid JSON"),
    ("[]", "no coded sentences"),
])
def test_bad_gold_files(tmp_path, content, problem):
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(EvaluationError, match=problem):
        read_gsr(path)


@pytest.mark.parametrize("actor,code", [
    (Actor(name="Chile", text="Chile", country="CHL", sector="GOV"), "CHL"),
    (Actor(name="United Nations", text="UN", sector="IGO"), "IGO"),
    (Actor(name="Amnesty International", text="Amnesty", sector="NGO"), "NGO"),
    (Actor(name="rebels", text="rebels", sector="REB"), None),
])
def test_actor_code(actor, code):
    assert actor_code(actor) == code


def test_score_of_nothing_is_zero(tmp_path):
    gold = read_gsr(_gold_file(tmp_path, [{"id": "a", "event": "ACCUSE", "text": "Chile criticised Peru."}]))
    s = score([SentenceResult(gold[0], (), None, False, False)])
    assert (s.type_accuracy, s.dyad_accuracy, s.precision, s.recall_any) == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.slow
def test_plover_gsr_floor():
    if not GSR.exists():
        pytest.skip(f"the PLOVER GSR is not at {GSR}")
    s, results = evaluate_gsr(GSR)
    assert s.n == 322
    assert s.type_accuracy >= FLOORS["type_accuracy"], s.summary()
    assert s.dyad_accuracy >= FLOORS["dyad_accuracy"], s.summary()
    assert s.precision >= FLOORS["precision"], s.summary()


@pytest.mark.slow
def test_own_gold_sentences_floor():
    floors = ALL_FLOORS["ewgold"]
    s, _ = evaluate_gsr(EWGOLD)
    assert s.n >= 300
    assert s.type_accuracy >= floors["type_accuracy"], s.summary()
    assert s.dyad_accuracy >= floors["dyad_accuracy"], s.summary()
    assert s.precision >= floors["precision"], s.summary()
