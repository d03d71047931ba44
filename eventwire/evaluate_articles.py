"""Score the coder on whole articles: which of an article's events it finds, and how many it invents.

The sentence-level evaluator (`eventwire.evaluate`) asks whether a sentence's headline event is
right. Users read articles, so this one codes each gold article as a Document and pairs
predicted with gold events one to one:

- a pair needs the same PLOVER type and either the same sentence or overlapping trigger words,
  except that a prediction on the trigger words of a gold event of another type (a miscoded
  event) does not pair with a different gold event by sharing its sentence;
- among the candidate pairs, the best are taken first (overlapping trigger, right dyad, right
  status, same sentence, then nearest triggers), and each event is used at most once;
- event precision and recall count pairs; dyad precision and recall count pairs whose source
  and target codes overlap the gold ones wherever the gold gives them (`actor_code`);
- date, place-country and status accuracy are measured over the pairs whose gold gives a value.

Types compare as coded (an announced act keeps its own type with status "intended"), unlike the
PLOVER GSR, which files announced acts under AGREE or THREATEN.

The gold file is JSON Lines, one article a line; eventwire/data/eval/ARTICLES.md describes it.
A gold event names its sentence by index (as `split_sentences` numbers them) or by a short quote.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.config import Settings
from eventwire.errors import EvaluationError
from eventwire.evaluate import actor_code
from eventwire.pipeline import code_documents
from eventwire.records import PLOVER_TYPES, STATUSES, Actor, Document, Event

# eventwire's own annotated articles (data/eval/ARTICLES.md).
OWN_ARTICLES = Path(__file__).resolve().parent / "data" / "eval" / "articles-gold.jsonl"
log = logging.getLogger(__name__)

CODE = re.compile(r"[A-Z]{3}")
GOLD_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
# Words ending in a full stop that do not end a sentence in wire copy.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "prof",
    "st", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e",
})
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“A-Z0-9])|\n\s*\n")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event_type: str
    source: frozenset[str]
    target: frozenset[str]
    trigger: str
    sentence: int  # index into the article's sentences
    sentence_span: tuple[int, int]  # character offsets in the text
    trigger_span: tuple[int, int]
    date: str | None
    place_country: str | None
    status: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    published: date
    title: str
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    gold: GoldEvent
    predicted: Event
    dyad_ok: bool
    date_ok: bool | None  # None where the gold gives no date
    place_ok: bool | None
    status_ok: bool


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: GoldArticle
    pairs: tuple[Pair, ...]
    missed: tuple[GoldEvent, ...]
    extra: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class TypeCount:
    gold: int
    predicted: int
    matched: int


@dataclass(frozen=True, slots=True)
class ArticleScore:
    articles: int
    gold_events: int
    predicted_events: int
    matched: int
    precision: float
    recall: float
    f1: float
    dyad_precision: float
    dyad_recall: float
    date_accuracy: float
    place_accuracy: float
    status_accuracy: float
    by_type: dict[str, TypeCount] = field(default_factory=dict)
    results: tuple[ArticleResult, ...] = field(default=(), compare=False, repr=False)
    name: str = "articles"

    def summary(self) -> str:
        return (f"{self.name}: articles={self.articles} gold={self.gold_events} "
                f"predicted={self.predicted_events} precision={self.precision:.3f} "
                f"recall={self.recall:.3f} f1={self.f1:.3f} dyad_p={self.dyad_precision:.3f} "
                f"dyad_r={self.dyad_recall:.3f} date={self.date_accuracy:.3f} "
                f"place={self.place_accuracy:.3f} status={self.status_accuracy:.3f}")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text, by punctuation and a list of abbreviations.

    Gold sentence indices count these spans, so a gold file does not depend on a parser.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[start:m.start()])
        if m.group().startswith(".") and word:
            last = word.group(1).lower().lstrip("(\"“")
            if last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fail(where: str, problem: str) -> EvaluationError:
    return EvaluationError(f"{where}: {problem}; fix the gold file (see eventwire/data/eval/ARTICLES.md)")


def _codes(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(c, str) and CODE.fullmatch(c) for c in value):
        raise _fail(where, f"actor codes must be a list of ISO 3166 alpha-3 codes or IGO/NGO, not {value!r}")
    return frozenset(value)


def _gold_event(raw: Any, text: str, spans: list[tuple[int, int]], where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise _fail(where, "an event must be a JSON object")
    etype = raw.get("type")
    if etype not in PLOVER_TYPES:
        raise _fail(where, f"type {etype!r} is not one of the 16 PLOVER categories")
    status = raw.get("status", "asserted")
    if status not in STATUSES:
        raise _fail(where, f"status {status!r} is not one of {', '.join(STATUSES)}")
    ref = raw.get("sentence")
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not 0 <= ref < len(spans):
            raise _fail(where, f"sentence {ref} is out of range (the article has {len(spans)})")
        index = ref
    elif isinstance(ref, str) and ref and ref in text:
        at = text.index(ref)
        index = next(k for k, (s, e) in enumerate(spans) if s <= at < e)
    else:
        raise _fail(where, f"sentence {ref!r} is neither a sentence index nor a quote from the text")
    s, e = spans[index]
    trigger = raw.get("trigger")
    at = text.lower().find(str(trigger).lower(), s, e) if isinstance(trigger, str) and trigger else -1
    if at < 0:
        raise _fail(where, f"trigger {trigger!r} does not occur in sentence {index}: {text[s:e]!r}")
    when = raw.get("date")
    if when is not None and not (isinstance(when, str) and GOLD_DATE.fullmatch(when)):
        raise _fail(where, f"date {when!r} must be YYYY-MM-DD, YYYY-MM or null")
    place = raw.get("place_country")
    if place is not None and not (isinstance(place, str) and CODE.fullmatch(place)):
        raise _fail(where, f"place_country {place!r} must be an ISO 3166 alpha-3 code or null")
    return GoldEvent(etype, _codes(raw.get("source"), where), _codes(raw.get("target", []), where),
                     trigger, index, (s, e), (at, at + len(trigger)), when, place, status)


def _article(line: str, where: str) -> GoldArticle:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise _fail(where, f"not valid JSON ({e})") from e
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw.get("id"):
        raise _fail(where, "each line must be an object with an id and a text")
    try:
        published = date.fromisoformat(raw.get("published", ""))
    except (TypeError, ValueError) as e:
        raise _fail(where, f"published {raw.get('published')!r} must be YYYY-MM-DD") from e
    text = raw["text"]
    spans = split_sentences(text)
    events = raw.get("events")
    if not isinstance(events, list):
        raise _fail(where, "events must be a list")
    gold = tuple(_gold_event(ev, text, spans, f"{where} event {k}") for k, ev in enumerate(events))
    return GoldArticle(str(raw["id"]), published, str(raw.get("title", "")), text, gold)


def read_articles(path: str | Path) -> list[GoldArticle]:
    """The gold articles of a JSON Lines file; every problem names its line and event."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise EvaluationError(f"gold article file {p} does not exist; pass the path to a JSON Lines "
                              "file such as eventwire/data/eval/articles-gold.jsonl") from e
    articles = [_article(line, f"{p}:{n}") for n, line in enumerate(lines, 1) if line.strip()]
    if not articles:
        raise EvaluationError(f"gold article file {p} holds no articles")
    ids = Counter(a.id for a in articles)
    if repeated := sorted(i for i, n in ids.items() if n > 1):
        raise EvaluationError(f"gold article file {p} repeats the id(s) {', '.join(repeated)}")
    return articles


def _trigger_span(event: Event) -> tuple[int, int]:
    ev = event.evidence
    if ev.trigger_start is not None and ev.trigger_end is not None:
        return ev.trigger_start, ev.trigger_end
    return ev.start, ev.start


def _touches(predicted: tuple[int, int], gold: tuple[int, int]) -> bool:
    start, end = predicted
    return start < gold[1] and gold[0] < max(end, start + 1)


def _overlaps(actors: Sequence[Actor], gold: frozenset[str]) -> bool:
    return not gold or bool({c for a in actors if (c := actor_code(a))} & gold)


def _pair(gold: GoldEvent, event: Event) -> Pair:
    dyad = _overlaps(event.source, gold.source) and _overlaps(event.target, gold.target)
    date_ok = None if gold.date is None else (event.date or "")[:len(gold.date)] == gold.date
    place = event.location.country if event.location else None
    place_ok = None if gold.place_country is None else place == gold.place_country
    return Pair(gold, event, dyad, date_ok, place_ok, event.status == gold.status)


def match_article(article: GoldArticle, predicted: Sequence[Event]) -> ArticleResult:
    """Pair gold and predicted events one to one, best candidates first."""
    candidates: list[tuple[tuple[float, ...], int, int, Pair]] = []
    for p, event in enumerate(predicted):
        span = _trigger_span(event)
        # A prediction on the words of a gold event of another type is that event, miscoded:
        # it may not pair with a neighbour of its own type by sharing the sentence.
        miscoded = any(_touches(span, g.trigger_span) for g in article.events if g.event_type != event.event_type)
        for g, gold in enumerate(article.events):
            if event.event_type != gold.event_type:
                continue
            same_trigger = _touches(span, gold.trigger_span)
            same_sentence = gold.sentence_span[0] <= span[0] < gold.sentence_span[1] and not miscoded
            if not (same_trigger or same_sentence):
                continue
            pair = _pair(gold, event)
            rank = (same_trigger, pair.dyad_ok, pair.status_ok, same_sentence, -abs(span[0] - gold.trigger_span[0]))
            candidates.append((rank, g, p, pair))
    candidates.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, Pair]] = []
    for _, g, p, pair in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, pair))
    pairs.sort(key=lambda item: item[0])
    return ArticleResult(
        article,
        tuple(pair for _, pair in pairs),
        tuple(e for k, e in enumerate(article.events) if k not in used_gold),
        tuple(e for k, e in enumerate(predicted) if k not in used_pred),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score_articles(results: Sequence[ArticleResult], name: str = "articles") -> ArticleScore:
    pairs = [p for r in results for p in r.pairs]
    gold_n = sum(len(r.article.events) for r in results)
    pred_n = sum(len(r.pairs) + len(r.extra) for r in results)
    precision, recall = _ratio(len(pairs), pred_n), _ratio(len(pairs), gold_n)
    dyads = sum(p.dyad_ok for p in pairs)
    dated = [p.date_ok for p in pairs if p.date_ok is not None]
    placed = [p.place_ok for p in pairs if p.place_ok is not None]
    gold_types = Counter(g.event_type for r in results for g in r.article.events)
    pred_types = Counter(e.event_type for r in results for e in (*(p.predicted for p in r.pairs), *r.extra))
    hit_types = Counter(p.gold.event_type for p in pairs)
    return ArticleScore(
        articles=len(results),
        gold_events=gold_n,
        predicted_events=pred_n,
        matched=len(pairs),
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        dyad_precision=_ratio(dyads, pred_n),
        dyad_recall=_ratio(dyads, gold_n),
        date_accuracy=_ratio(sum(dated), len(dated)),
        place_accuracy=_ratio(sum(placed), len(placed)),
        status_accuracy=_ratio(sum(p.status_ok for p in pairs), len(pairs)),
        by_type={t: TypeCount(gold_types[t], pred_types[t], hit_types[t])
                 for t in PLOVER_TYPES if gold_types[t] or pred_types[t]},
        results=tuple(results),
        name=name,
    )


def evaluate_articles(path: str | Path, settings: Settings = Settings()) -> ArticleScore:
    """Code every gold article with the pipeline and score its events against the gold ones."""
    articles = read_articles(path)
    docs = [Document(id=a.id, text=a.text, published=a.published, title=a.title) for a in articles]
    results = [match_article(a, coded.events)
               for a, coded in zip(articles, code_documents(docs, settings), strict=True)]
    scored = score_articles(results, name=Path(path).stem)
    log.info("%s", scored.summary())
    return scored
