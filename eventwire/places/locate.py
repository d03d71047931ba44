"""The place of one event: the gazetteer name tied to the event's trigger in its sentence.

A sentence often names several places; only one is where the event happened. A place counts
when the dependency path from it reaches the trigger (or the clause whose subject or object
the trigger is) through a locative preposition ("talks in Istanbul", "around Mitiga airport",
"sent troops to Libya") or as the trigger's object ("took control of Sirte", "captured
Mosul"), passing at most one other noun on the way ("held talks with Haftar in Rome").

Never a place: a subject ("Turkey and Russia urged ..."), a possessor ("Libya's alliances"), a
modifier of another noun ("Tripoli-based", "a Libya ceasefire"), a topic ("talks on Libya"), a
dateline, an actor the coder already used, or a country as the bare object of the trigger
(that is the target). When one place sits inside another ("Mitiga airport in Tripoli",
"Tripoli, Lebanon"), the inner one is the location and the outer one's country guides it.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.places.gazetteer import MAX_NAME_WORDS, Gazetteer, Place
from eventwire.records import Location

if TYPE_CHECKING:  # spaCy is only needed by the caller; importing it costs most of a second
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

# Prepositions that say where something happened, and how sure that reading is.
STRONG_LOCATIVE = frozenset({"in", "at", "near", "around", "inside", "outside", "across",
                             "throughout", "within", "off", "along", "outskirts"})
WEAK_LOCATIVE = frozenset({"into", "to", "toward", "towards", "through", "from", "onto", "across",
                           "beyond", "via"})
# "an attack on Tripoli", "the offensive against Sirte": the object is the place, unless it is
# a country, which is then the target ("sanctions on Iran", "talks on Libya").
TARGET_PREPOSITIONS = frozenset({"on", "against", "upon"})
# "of" introduces a place after these nouns only ("the outskirts of Tripoli", "control of Sirte").
AREA_NOUNS = frozenset({
    "control", "capture", "seizure", "siege", "fall", "recapture", "liberation", "occupation",
    "outskirts", "suburbs", "suburb", "centre", "center", "heart", "streets", "city", "town",
    "village", "port", "coast", "area", "areas", "region", "province", "part", "parts",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "border", "outskirt", "districts",
    "district", "neighbourhood", "neighborhood", "vicinity", "shores", "waters", "skies",
})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "npadvmod", "quantmod"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
NOMINAL_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj"})
PASSABLE_DEPS = frozenset({"conj", "appos"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
DATELINE_MARKS = frozenset({"(", "-", "–", "—", ":"})
MAX_NOUN_HOPS = 1
TIME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
})
PRECISION_RANK = {"point": 0, "city": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # doc token indices, end exclusive
    end: int
    text: str
    place: Place  # the best reading without context, used to judge countries and precision


def find_mentions(sent: Span, gaz: Gazetteer, actor_tokens: Collection[int] = ()) -> list[Mention]:
    """Longest gazetteer names in the sentence that start with a capitalised word, less those
    that are words of the event's actors."""
    return [m for m in _sentence_mentions(sent, gaz)
            if not any(i in actor_tokens for i in range(m.start, m.end))]


def _sentence_mentions(sent: Span, gaz: Gazetteer) -> list[Mention]:
    """All place mentions of one sentence, found once and kept on the Doc: every event of the
    sentence asks for them, and the scan is the costly part of locating an event."""
    key = ("eventwire.places", sent.start, sent.end, id(gaz))
    cached = sent.doc.user_data.get(key)
    if cached is not None:
        return cached
    doc = sent.doc
    ents = list(sent.ents)
    found: list[Mention] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if not _may_start(tok, gaz):
            i += 1
            continue
        for j in range(min(sent.end, i + MAX_NAME_WORDS), i, -1):
            span = doc[i:j]
            if not span[-1].is_alpha or not gaz.knows(span.text):
                continue
            place = gaz.resolve(span.text)
            if place and _acceptable(span, sent, ents):
                found.append(Mention(i, j, span.text, place))
            i = j - 1
            break
        i += 1
    sent.doc.user_data[key] = found
    return found


def locate_event(
    sent: Span,
    trigger: Token,
    gaz: Gazetteer,
    *,
    actor_countries: Sequence[str] = (),
    doc_countries: Sequence[str] = (),
    actor_tokens: Collection[int] = (),
) -> Location | None:
    """The location of the event whose trigger is `trigger`, or None when no place is tied."""
    mentions = find_mentions(sent, gaz, actor_tokens)
    if not mentions:
        return None
    by_token = {t: m for m in mentions for t in range(m.start, m.end)}
    containers: dict[int, Mention] = {}
    best: tuple[tuple[int, int, int], Mention] | None = None
    for m in mentions:
        if m.start <= trigger.i < m.end:
            continue
        cost = _tie(m, trigger, by_token, containers)
        if cost is None:
            continue
        key = (cost, PRECISION_RANK.get(m.place.precision, 3), m.start)
        if best is None or key < best[0]:
            best = (key, m)
    if best is None:
        return None
    mention = best[1]
    hints: list[str] = []
    outer = containers.get(mention.start)
    if outer is not None and outer.place.country:
        hints.append(outer.place.country)
    hints += [c for c in (*actor_countries, *doc_countries) if c and c not in hints]
    place = gaz.resolve(mention.text, hints) or mention.place
    log.debug("event %r located at %s (%s)", trigger.text, place.name, place.geonameid)
    return place.location(text=mention.text)


def _may_start(tok: Token, gaz: Gazetteer) -> bool:
    return bool(tok.text[:1].isupper() and tok.pos_ not in ("DET", "PRON") and gaz.could_start(tok.text))


def _acceptable(span: Span, sent: Span, ents: Sequence[Span]) -> bool:
    if span[0].lower_ in CALENDAR_WORDS:
        return False  # "in March" is a month before it is a town in Cambridgeshire
    for ent in ents:
        if ent.label_ in TIME_LABELS and ent.start < span.end and span.start < ent.end:
            return False
        inside = ent.start <= span.start and span.end <= ent.end
        larger = (ent.end - ent.start) > len(span)
        # "Michael Jordan", "the Bank of Tripoli": part of a longer name of something else.
        if inside and larger and ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC"):
            return False
    if span.start == sent.start or (span.start - sent.start <= 1 and sent[0].pos_ == "SPACE"):
        after = span.doc[span.end] if span.end < len(span.doc) else None
        # Datelines: "TRIPOLI (Reuters) -", "CAIRO —".
        if (span.text.isupper() and len(span.text) > 3) or (after is not None and after.text in DATELINE_MARKS):
            return False
    return True


def _tie(m: Mention, trigger: Token, by_token: dict[int, Mention],
         containers: dict[int, Mention]) -> int | None:
    """The cost of the mention's path to the trigger, or None when it does not reach it.
    Records in `containers` (keyed by the inner mention's start) a place this one contains."""
    doc = trigger.doc
    child = doc[m.start:m.end].root
    prep: str | None = None
    prep_head: Token | None = None
    hops = 0
    while True:
        head = child.head
        if head.i == child.i:
            return None
        dep = child.dep_
        if head.i in by_token and by_token[head.i] is not m:
            # Reaching another place: this one contains it ("airport in Tripoli", "Tripoli,
            # Libya") or is listed with it ("Tripoli and Sirte"); the other one decides.
            if dep == "appos" or prep in STRONG_LOCATIVE:
                containers.setdefault(by_token[head.i].start, m)
            return None
        if dep in SUBJECT_DEPS and head.pos_ in VERBAL:
            return None
        if head.i == trigger.i or (
            head.pos_ in VERBAL and trigger.head.i == head.i
            and trigger.dep_ in NOMINAL_ARG_DEPS and trigger.pos_ in NOMINAL
        ):
            return _judge(m, dep, prep, prep_head, hops)
        if head.pos_ in ("ADP", "SCONJ") or dep in ("pobj", "pcomp"):
            if prep is None:
                prep, prep_head = head.lower_, head.head
            child = head
            continue
        if dep in PASSABLE_DEPS:
            child = head
            continue
        if head.pos_ in VERBAL or head.pos_ == "ADJ":
            return None
        if dep in MODIFIER_DEPS:
            return None
        hops += 1
        if hops > MAX_NOUN_HOPS:
            return None
        child = head


def _judge(m: Mention, dep: str, prep: str | None, prep_head: Token | None, hops: int) -> int | None:
    is_country = m.place.precision == "country"
    if prep is None:
        # A bare object: "captured Mosul" is a place, "attacked Turkey" is a target.
        if dep in OBJECT_DEPS and hops == 0 and not is_country:
            return 0
        return None
    if prep in STRONG_LOCATIVE:
        return hops * 2
    if prep in WEAK_LOCATIVE:
        return 1 + hops * 2 + (prep == "from")
    if prep in TARGET_PREPOSITIONS and not is_country:
        return 2 + hops * 2
    if prep == "of" and prep_head is not None and (
        prep_head.pos_ in VERBAL or prep_head.lower_ in AREA_NOUNS
    ):
        return 1 + hops * 2
    return None
