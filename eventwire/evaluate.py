"""Score the coder against a gold standard: the PLOVER gold-standard records (GSR).

The GSR (Open Event Data Alliance, CC BY-SA 4.0) codes one event per sentence in PLOVER 0.5b1;
older category names are mapped to the 16 POLECAT categories. Scores:
- type: the sentence's main predicted event has the gold type;
- dyad: type right, and the predicted source and target share a country code (or IGO/NGO)
  with the gold ones wherever the gold gives them;
- precision: predicted events whose type is the gold type of their sentence, over all;
- recall_any: sentences where any predicted event has the gold type.

PLOVER 0.5b1, like CAMEO, has no status field: an announced act is coded by what announcing it
is, an expression of intent to cooperate (AGREE) or a threat (THREATEN). eventwire keeps the
act's type with status "intended" and gives such events the matching CAMEO intent or threat
code, so the comparison uses the PLOVER category of that code (`gold_view`).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventwire.coding.ontology import Ontology
from eventwire.config import Settings
from eventwire.errors import EvaluationError
from eventwire.pipeline import code_documents
from eventwire.records import Actor, Document, Event

log = logging.getLogger(__name__)

# eventwire's own held-out sentences, written apart from the coder's rules (data/eval/README.md).
OWN_GOLD = Path(__file__).resolve().parent / "data" / "eval" / "ewgold-sentences.json"
# PLOVER 0.5b1 names that POLECAT later folded into other categories.
GSR_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
ROLE_CODES = frozenset({"IGO", "NGO"})
# An act only asked for or imagined is not the headline when the asking is itself an event.
SECONDARY = frozenset({"requested", "hypothetical"})


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    event_type: str
    source: frozenset[str]
    target: frozenset[str]


@dataclass(frozen=True, slots=True)
class SentenceResult:
    gold: GoldRecord
    predicted: tuple[Event, ...]
    main: Event | None
    type_ok: bool
    dyad_ok: bool


@dataclass(frozen=True, slots=True)
class Score:
    n: int
    type_accuracy: float
    dyad_accuracy: float
    precision: float
    recall_any: float
    predicted_events: int
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)  # gold type -> (right, total)
    name: str = "plover-gsr"

    def summary(self) -> str:
        return (f"{self.name}: n={self.n} type={self.type_accuracy:.3f} dyad={self.dyad_accuracy:.3f} "
                f"precision={self.precision:.3f} recall_any={self.recall_any:.3f} "
                f"events={self.predicted_events}")


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(str(a.get("code")).upper() for a in actors if isinstance(a, dict) and a.get("code"))


def read_gsr(path: str | Path) -> list[GoldRecord]:
    """The coded sentences of a PLOVER GSR file (a JSON array); the DOCUMENT header is skipped."""
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise EvaluationError(f"gold-standard file {p} does not exist; pass the path to PLOVER_GSR_CAMEO.txt") from e
    except json.JSONDecodeError as e:
        raise EvaluationError(f"gold-standard file {p} is not valid JSON: {e}") from e
    records: list[GoldRecord] = []
    for k, r in enumerate(raw):
        if not isinstance(r, dict) or r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        etype = GSR_TYPE_MAP.get(r["event"], r["event"])
        # One id occurs twice with different sentences: the position keeps them apart.
        records.append(GoldRecord(f"{r.get('id', 'gsr')}#{k}", r["text"], etype,
                                  _codes(r.get("source")), _codes(r.get("target"))))
    if not records:
        raise EvaluationError(f"gold-standard file {p} holds no coded sentences")
    return records


def actor_code(actor: Actor) -> str | None:
    """The code the GSR compares: the country, or IGO/NGO for bodies without one."""
    if actor.country:
        return actor.country
    if actor.sector in ROLE_CODES:
        return actor.sector
    return None


def main_event(events: Sequence[Event]) -> Event | None:
    """The sentence's headline event: the one highest in the parse, then the most confident."""
    if not events:
        return None
    return min(events, key=lambda e: (e.provenance.depth + 2 * e.provenance.subordinate,
                                      e.status in SECONDARY, -e.confidence,
                                      e.evidence.trigger_start or 0))


def gold_view(event: Event) -> str:
    """The event's category as PLOVER 0.5b1 codes it: an intended act by its CAMEO code."""
    if event.status == "intended":
        plover = Ontology.load().cameo(event.cameo).plover_type
        if plover:
            return plover
    return event.event_type


def _overlaps(pred: Sequence[Actor], gold: frozenset[str]) -> bool:
    if not gold:
        return True
    return bool({c for a in pred if (c := actor_code(a))} & gold)


def evaluate_gsr(path: str | Path, settings: Settings = Settings()) -> tuple[Score, list[SentenceResult]]:
    gold = read_gsr(path)
    docs = [Document(id=g.id, text=g.text) for g in gold]
    results: list[SentenceResult] = []
    for g, coded in zip(gold, code_documents(docs, settings), strict=True):
        main = main_event(coded.events)
        type_ok = main is not None and gold_view(main) == g.event_type
        dyad_ok = type_ok and main is not None and _overlaps(main.source, g.source) and _overlaps(main.target, g.target)
        results.append(SentenceResult(g, coded.events, main, type_ok, dyad_ok))
    name = "plover-gsr" if "PLOVER_GSR" in Path(path).name else Path(path).stem
    return replace(score(results), name=name), results


def score(results: Sequence[SentenceResult]) -> Score:
    n = len(results)
    predicted = sum(len(r.predicted) for r in results)
    right = sum(sum(gold_view(e) == r.gold.event_type for e in r.predicted) for r in results)
    totals: Counter[str] = Counter(r.gold.event_type for r in results)
    hits: Counter[str] = Counter(r.gold.event_type for r in results if r.type_ok)
    return Score(
        n=n,
        type_accuracy=sum(r.type_ok for r in results) / n if n else 0.0,
        dyad_accuracy=sum(r.dyad_ok for r in results) / n if n else 0.0,
        precision=right / predicted if predicted else 0.0,
        recall_any=sum(any(gold_view(e) == r.gold.event_type for e in r.predicted) for r in results) / n if n else 0.0,
        predicted_events=predicted,
        by_type={t: (hits[t], totals[t]) for t in sorted(totals)},
    )
