"""The event coder: one parsed document in, PLOVER events with actors, status and evidence out.

`Coder.code()` is the per-document flow; each step is a function in this package:
triggers (lexicon over the parse), arguments (syntax), actors (the knowledge base),
modality (status and reporter), dates and places (their own stages).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from eventwire.actors import ActorResolver, DocumentActors, KnowledgeBase
from eventwire.actors.text import fold
from eventwire.coding.arguments import (
    NOT_ACTOR_ENTS,
    Arguments,
    distribute_of,
    find_arguments,
    is_descriptive,
    is_locative,
    left_subject,
    nearby_mentions,
    phrase_text,
    phrase_tokens,
    search_root,
    subject_of,
)
from eventwire.coding.modality import Modality, cues, find_reporter, obligation, reporting_verb, status_of
from eventwire.coding.ontology import LexiconEntry, Ontology, load_lexicon, status_codes
from eventwire.coding.triggers import TriggerIndex, TriggerMatch
from eventwire.config import Settings
from eventwire.dates import event_date
from eventwire.ingest.dateline import find_dateline
from eventwire.places import Gazetteer, locate_event
from eventwire.records import Actor, Document, Event, Evidence, Location, Provenance

log = logging.getLogger(__name__)

# The pseudo-trigger of a reported obligation: CAMEO 10, "demand", with no more specific mode.
DEMAND_ENTRY = LexiconEntry(
    words=("must",), head=0, pos="verb", event_type="REQUEST", cameo="100", mode=None, context=(),
    target=("subject",), source=("none",), negated_type=None, weight=0.7, requires_object=(),
)
# Acts aimed at a place when no one else is named: "deployed troops in Iraq", "sought refuge in
# Germany", "threatened attacks in Israel", "ended mediation in Tripoli".
AIMED_AT_PLACES = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "THREATEN", "PROTEST", "REJECT",
                             "SANCTION", "REQUEST"})
# Sectors of armed forces, which often act outside their own country.
ARMED = frozenset({"MIL", "REB", "UAF"})
# Acts that fall on a place's people when no one else is named as their target.
PLACE_TARGETS = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "THREATEN", "PROTEST"})
PROPER_ENTS = frozenset({"GPE", "ORG", "PERSON", "NORP", "FAC", "LOC"})
PRONOUNS = frozenset({
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers", "theirs",
})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
# Event types whose coordinated subject acts on itself: "Turkey and Russia held talks".
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# An act of force is data even when the text does not say who did it.
ACTORLESS_OK = frozenset({"ASSAULT"})
STATUS_CONFIDENCE = {
    "asserted": 1.0, "negated": 0.9, "intended": 0.85, "requested": 0.8, "alleged": 0.85,
    "hypothetical": 0.6,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event before dates and places: the trigger, its actors and its status."""

    match: TriggerMatch
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    actor_tokens: frozenset[int]
    modality: Modality
    reported_by: Actor | None


class Coder:
    """Holds the loaded knowledge (lexicon, ontology, actors, gazetteer); codes parsed documents."""

    def __init__(
        self,
        settings: Settings = Settings(),
        *,
        lexicon: Sequence[LexiconEntry] | None = None,
        resolver: ActorResolver | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.settings = settings
        self.ontology = Ontology.load()
        self.triggers = TriggerIndex(lexicon if lexicon is not None else load_lexicon())
        self.resolver = resolver or ActorResolver(
            KnowledgeBase.load(extra=settings.actor_files), fuzzy_threshold=settings.fuzzy_threshold
        )
        self.gazetteer = gazetteer or Gazetteer.load()

    def code(self, document: Document, parsed: Doc) -> list[Event]:
        """Every event in one parsed document, in text order."""
        actors = self.resolver.for_document(document.published)
        # A wire dateline ("KYIV, July 23 (Reuters) -") names where the story was filed, not who
        # acted: its words are neither triggers ("March") nor actors.
        parsed.user_data[DATELINE_KEY] = _dateline_end(document.text)
        doc_countries: list[str] = []
        seen: set[str] = set()
        events: list[Event] = []
        for sent in parsed.sents:
            self._remember_entities(sent, actors, doc_countries, seen)
            first = len(events)
            # triggers: lexicon matches, less nouns that are the content of a verb trigger and
            # participles used as descriptions
            matches = [m for m in self.triggers.find(sent) if not _in_dateline(m.token)]
            verb_heads = {m.token.i for m in matches if m.entry.pos == "verb"}
            for match in matches:
                if match.entry.pos == "noun" and not _stands_alone(match.token, verb_heads):
                    continue
                if match.entry.pos == "verb" and is_descriptive(match.token):
                    continue
                # actors and status, then dates, places and the CAMEO code
                cand = self._candidate(match, actors)
                if cand is None:
                    continue
                events.append(self._event(document, sent, cand, doc_countries))
            # demands made in reported speech ("X said Y must ...") have no lexicon trigger
            for cand in self._demands(sent, actors):
                events.append(self._event(document, sent, cand, doc_countries))
            events[first:] = _one_per_act(events[first:], sent)
        return [e for e in events if e.confidence >= self.settings.min_confidence]

    # -- steps ---------------------------------------------------------------------------

    def _demands(self, sent: Span, actors: DocumentActors) -> list[Candidate]:
        """REQUEST events from reported obligations: the speaker demands the act of the clause's
        subject ("Washington said Beijing must drop the tariffs")."""
        out: list[Candidate] = []
        for verb in sent:
            modal = obligation(verb)
            if modal is None:
                continue
            reporter = find_reporter(verb)
            speakers, _ = self._actors_for(reporter, actors, None) if reporter is not None else ((), set())
            if not speakers:
                continue
            subj = subject_of(verb)
            target: tuple[Actor, ...] = ()
            used: set[int] = set()
            if subj is not None and not _first_person(subj):
                target, used = self._actors_for(subj, actors, speakers[0])
                target = tuple(a for a in target if a not in speakers)
            tokens = (verb,) if modal.i == verb.i else (verb, modal)
            out.append(Candidate(TriggerMatch(verb, DEMAND_ENTRY, tokens), speakers, target,
                                 frozenset(used), Modality("asserted", None, modal.text), None))
        return out

    def _remember_entities(self, sent: Span, actors: DocumentActors, doc_countries: list[str],
                           seen: set[str]) -> None:
        """Resolve every named entity once, so that later short names and pronouns can point back."""
        for ent in sent.ents:
            if ent.label_ not in PROPER_ENTS or ent.text in seen:
                continue
            seen.add(ent.text)
            actor = actors.resolve(ent.text, is_proper=True)
            if actor is not None and actor.country and actor.country not in doc_countries:
                doc_countries.append(actor.country)

    def _candidate(self, match: TriggerMatch, actors: DocumentActors) -> Candidate | None:
        args: Arguments = find_arguments(match)
        modality = status_of(match.token, is_noun=match.entry.pos == "noun")
        reported_by = self._actors_for(modality.reporter, actors, None)[0] if modality.reporter is not None else ()
        reporter = reported_by[0] if reported_by else None
        source, src_tokens = self._resolve_all(args.source, actors, reporter)
        if not source and match.entry.pos == "verb" and not args.passive and "subject" in match.entry.source:
            source, src_tokens = self._resolve_names(left_subject(match.token), actors)
        target, tgt_tokens = self._resolve_all(args.target, actors, reporter)
        if not target:
            target, tgt_tokens = self._first_actor(
                nearby_mentions(search_root(match), src_tokens, {t.i for t in match.tokens},
                                places=match.entry.event_type in AIMED_AT_PLACES), actors, source)
        if not any(_informative(a) for a in (*source, *target)) and match.entry.event_type not in ACTORLESS_OK:
            return None
        if match.entry.event_type == "CONSULT" and match.entry.weight < 1 and len(source) < 2 \
                and not any(_informative(a) for a in target):
            return None  # a meeting has two sides; "speaking to reporters" is no consultation
        if not target and len(source) > 1 and match.entry.event_type in RECIPROCAL:
            target = source
        else:
            target = tuple(a for a in target if not any(_same_actor(a, b) for b in source))
        return Candidate(match, source, target, frozenset(src_tokens | tgt_tokens), modality, reporter)

    def _resolve_all(self, heads: Sequence[Token], actors: DocumentActors,
                     reporter: Actor | None) -> tuple[tuple[Actor, ...], set[int]]:
        found: list[Actor] = []
        used: set[int] = set()
        for head in heads:
            group, toks = self._actors_for(head, actors, reporter)
            if group:
                actors.note_group(group)
            for a in group:
                if not any(_same_actor(a, b) for b in found):
                    found.append(a)
            used |= toks
        return tuple(found), used

    def _first_actor(self, tokens: Sequence[Token], actors: DocumentActors,
                     source: Sequence[Actor]) -> tuple[tuple[Actor, ...], set[int]]:
        for tok in tokens:
            actor = self._resolve_token(tok, phrase_text(phrase_tokens(tok)), actors)
            if actor is not None and _informative(actor) and not any(_same_actor(actor, b) for b in source):
                return (actor,), {tok.i}
        return (), set()

    def _resolve_names(self, heads: Sequence[Token], actors: DocumentActors) -> tuple[tuple[Actor, ...], set[int]]:
        found = [(h, a) for h in heads if (a := self._resolve_token(h, phrase_text(phrase_tokens(h)), actors))]
        group = tuple(a for _, a in found)
        if group:
            actors.note_group(group)
        return group, {h.i for h, _ in found}

    def _actors_for(self, head: Token, actors: DocumentActors,
                    reporter: Actor | None) -> tuple[tuple[Actor, ...], set[int]]:
        """Actors named by one argument head, spread over its conjuncts."""
        if _in_dateline(head):
            return (), set()
        if _first_person(head):
            return ((reporter,) if reporter else ()), {head.i}
        if _pronoun(head):
            return actors.resolve_reference(head.text), {head.i}
        out: list[Actor] = []
        used: set[int] = set()
        for tok, text in distribute_of(head):
            actor = self._resolve_token(tok, text, actors)
            if actor is not None:
                out.append(actor)
                used.add(tok.i)
        return tuple(out), used

    def _resolve_token(self, tok: Token, text: str, actors: DocumentActors, depth: int = 0) -> Actor | None:
        """The actor a noun phrase names. When the phrase itself names none with a country,
        its modifiers may: "U.N. helicopters", "doctors from American aid groups", "thousands
        of Iraqi Kurds", "Kenzo Oshima, the UN relief coordinator", "security forces in Guinea"."""
        if tok.ent_type_ in NOT_ACTOR_ENTS:
            return None
        proper = tok.pos_ == "PROPN" or tok.ent_type_ in PROPER_ENTS
        ent = _entity_of(tok)
        if ent is not None and ent.text not in text:
            text = ent.text  # the parse split a name ("Great | Britain"); the entity keeps it whole
        actor = actors.resolve(text, is_proper=proper)
        if actor is not None and actor.type == "country" and tok.tag_ in {"NNS", "NNPS"}:
            # "ethnic Albanians in south Serbia": a people is coded by where it lives
            home = self._residence(tok, actors)
            if home is not None and home != actor.country:
                return Actor(name=f"{actor.name} people", text=text, country=home, sector="CVL",
                             type="role", resolution="role", cameo_code=f"{home}CVL")
        if actor is not None and (actor.country or actor.sector in {"IGO", "NGO"}):
            return actor
        if proper and (actor is None or not actor.resolved):
            # A named place as an actor ("took control of Sirte"): CAMEO codes a city by its
            # country, as civilians (CVL).
            name = ent.text if ent is not None else text
            place = self.gazetteer.lookup(name)
            if place is not None and place.country and place.precision != "country" and (
                    tok.ent_type_ in {"GPE", "LOC", "FAC"} or _same_name(place.name, name)):
                return Actor(name=place.name, text=text, country=place.country, sector="CVL",
                             id=place.geonameid, type="place", resolution="place")
        if depth < 2:
            for mod in _affiliations(tok):
                if _pronoun(mod):
                    refs = actors.resolve_reference(mod.text)
                    found = refs[0] if len(refs) == 1 else None
                else:
                    found = self._resolve_token(mod, phrase_text(phrase_tokens(mod)), actors, depth + 1)
                if found is not None and (found.country or found.sector in {"IGO", "NGO"}):
                    # "Turkey's decision", "Oshima, the UN coordinator": the modifier is the actor;
                    # "Doctors from French charities": the phrase's own actor, placed by it
                    if actor is None or (mod.dep_ in {"poss", "appos"} and actor.type != "role"):
                        return found
                    return _with_affiliation(actor, found)
        return actor

    def _home_country(self, cand: Candidate) -> Location | None:
        """A domestic event happens in its country ("Turkish police detained Turkish journalists"),
        at country precision. Acts of armed forces are left out: they often act abroad."""
        actors = [a for a in (*cand.source, *cand.target) if a.country or a.sector in {"IGO", "NGO"}]
        countries = {a.country for a in actors}
        if not actors or len(countries) != 1 or None in countries or any(a.sector in ARMED for a in cand.source):
            return None
        (country,) = countries
        name = self.resolver.kb.country_name(country)
        place = self.gazetteer.lookup(name, [country]) if name else None
        if place is None or place.country != country or place.precision != "country":
            return None
        return replace(place, text=None)

    def _residence(self, people: Token, actors: DocumentActors) -> str | None:
        for c in people.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "of", "from"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is None or obj.pos_ != "PROPN":
                    continue
                found = actors.resolve(phrase_text(phrase_tokens(obj)), is_proper=True)
                if found is not None and found.country:
                    return found.country
                place = self.gazetteer.lookup(obj.text)
                if place is not None and place.country:
                    return place.country
        return None

    def _event(self, document: Document, sent: Span, cand: Candidate, doc_countries: list[str]) -> Event:
        match = cand.match
        entry = match.entry
        code = self.ontology.cameo(entry.cameo)
        event_type, status = entry.event_type, cand.modality.status
        if event_type == "ACCUSE" and _warns_of_action(match.token):
            # "warned that the army would respond": a warning of a future act is a threat
            event_type, code = "THREATEN", self.ontology.default_cameo("THREATEN")
        if status == "intended":
            code = status_codes().intent.get(event_type, code)
        elif status == "negated":
            # "refused to withdraw", "did not accept the plan": a refusal is itself an act
            refusal = status_codes().refusal.get(event_type)
            if cand.modality.cue in cues().refusal_verbs and refusal is not None:
                event_type, status, code = "REJECT", "asserted", refusal
            elif entry.negated_type:
                event_type, status = entry.negated_type, "asserted"
                code = self.ontology.default_cameo(event_type)
        # 4. when and where, from the trigger's own sentence
        when = event_date(sent, match.token, document.published)
        if when.source == "publication" and (said := reporting_verb(match.token)) is not None:
            # "Russia said on Friday it had shot down drones": dated no later than the report
            reported = event_date(sent, said, document.published)
            if reported.source == "text":
                when = reported
        actor_countries = [a.country for a in (*cand.source, *cand.target) if a.country]
        where = locate_event(sent, match.token, self.gazetteer, actor_countries=actor_countries,
                             doc_countries=doc_countries,
                             actor_tokens={i for i in cand.actor_tokens if not is_locative(sent.doc[i])})
        if where is None:
            # "took control of Sirte": the place acted on is where it happened
            place = next((a for a in cand.target if a.resolution == "place"), None)
            where = self.gazetteer.lookup(place.name, [place.country] if place.country else ()) if place else None
        if where is None:
            where = self._home_country(cand)
        source, target = cand.source, cand.target
        if where is not None and where.country:
            # "Police fired tear gas in Nairobi": a bare role acts in the country where it acts
            country_name = self.resolver.kb.country_name(where.country)
            source = tuple(_placed(a, where.country, country_name) for a in source)
            target = tuple(_placed(a, where.country, country_name) for a in target)
        if not target and event_type in PLACE_TARGETS and where is not None and where.country:
            # A curfew, a blockade, a riot or shelling "in X" falls on the people of X.
            target = (Actor(name=where.name, text=where.text or where.name, country=where.country,
                            sector="CVL", id=where.geonameid, type="place", resolution="place"),)
        trig_start = sent.doc[match.start].idx
        last = sent.doc[match.end - 1]
        trig_end = last.idx + len(last.text)
        text = sent.text
        evidence = Evidence(
            sentence=text.strip(),
            start=sent.start_char + (len(text) - len(text.lstrip())),
            end=sent.start_char + len(text.rstrip()),
            trigger=match.text(),
            trigger_start=trig_start,
            trigger_end=trig_end,
        )
        return Event(
            event_id=_event_id(document.id, trig_start, entry.event_type),
            doc_id=document.id,
            event_type=event_type,
            mode=entry.mode if event_type == entry.event_type else None,
            context=entry.context,
            cameo=code.code,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            source=source,
            target=target,
            status=status,
            reported_by=cand.reported_by,
            date=when.value,
            date_precision=when.precision,
            date_source=when.source,
            location=where,
            evidence=evidence,
            confidence=_confidence(cand),
            provenance=Provenance(depth=_depth(match.token), subordinate=_subordinate(match.token),
                                  token=match.token.i, status_cue=cand.modality.cue),
        )


def _entity_of(tok: Token) -> Span | None:
    if tok.ent_iob_ == "O" or tok.ent_type_ not in PROPER_ENTS:
        return None
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    return tok.doc[start:end]


AFFILIATION_PREPS = frozenset({"of", "from", "in", "for"})


def _affiliations(tok: Token) -> list[Token]:
    """Words that may say whose a phrase is: a possessor, an actor-like modifier, an
    apposition, or the object of "of", "from" or "in"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ == "PRON":
            continue  # "its partners": taken last, below
        if c.dep_ == "poss":
            out.insert(0, c)
        elif c.dep_ in {"compound", "amod", "nmod"} and (c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE", "ORG"}):
            out.append(c)
        elif c.dep_ == "compound":  # "U.N. mediator Diego Cordovez": the title's own modifier
            out.extend(g for g in c.children if g.dep_ in {"compound", "amod", "nmod"}
                       and (g.pos_ == "PROPN" or g.ent_type_ in {"NORP", "GPE", "ORG"}))
        elif c.dep_ == "appos":
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                out.append(obj)
    out.extend(c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON")
    return out


def _with_affiliation(actor: Actor, found: Actor) -> Actor:
    """A role or unknown name placed in the country (or IGO) of its modifier."""
    return Actor(name=actor.name if actor.resolved else actor.text, text=actor.text,
                 country=found.country, sector=actor.sector or found.sector, id=actor.id,
                 cameo_code=(found.country or "") + (actor.sector or found.sector or "") or None,
                 type=actor.type, resolution="role")


def _placed(actor: Actor, country: str, country_name: str) -> Actor:
    if actor.type != "role" or actor.country:
        return actor
    return replace(actor, name=f"{country_name} {actor.name}", country=country,
                   cameo_code=f"{country}{actor.sector or ''}")


DATELINE_KEY = "eventwire.dateline_end"


def _dateline_end(text: str) -> int:
    line = find_dateline(text)
    if line is None:
        return 0
    at = text.find(line.text)
    return at + len(line.text) if at >= 0 else 0


def _in_dateline(tok: Token) -> bool:
    return tok.idx < tok.doc.user_data.get(DATELINE_KEY, 0)


def _warns_of_action(verb: Token) -> bool:
    if verb.lemma_.lower() not in cues().warning_verbs:
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    return clause is not None and any(
        c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "shall"} for c in clause.children)


def _same_name(a: str, b: str) -> bool:
    """A gazetteer answer that is the name itself, not one of its many alternate spellings."""
    return fold(a).lower().strip() == fold(b.removeprefix("the ").removeprefix("The ")).lower().strip()


def _first_person(tok: Token) -> bool:
    """ "we", "us" as pronouns; "US" is the United States."""
    return tok.lower_ in FIRST_PERSON and not tok.text.isupper() or (tok.text == "I" and tok.pos_ == "PRON")


def _pronoun(tok: Token) -> bool:
    return (tok.pos_ == "PRON" or tok.lower_ in PRONOUNS) and not (tok.text.isupper() and len(tok.text) > 1)


def _one_per_act(events: list[Event], sent: Span) -> list[Event]:
    """One event per act in a sentence: "refused to recognise" gives REJECT once, from the
    word highest in the parse, not once for "refused" and once for the refused "recognise".
    Acts side by side ("clashed and carried out air strikes") stay apart."""
    def key(e: Event) -> tuple:
        return (e.event_type, tuple(sorted(a.name for a in e.source)), tuple(sorted(a.name for a in e.target)))

    doc = sent.doc
    dropped: set[int] = set()
    for a in events:
        for b in events:
            if a is b or id(a) in dropped or key(a) != key(b):
                continue
            upper, lower = doc[a.provenance.token], doc[b.provenance.token]
            if upper.i != lower.i and upper in lower.ancestors and upper.i not in {c.i for c in lower.conjuncts}:
                dropped.add(id(b))
    return [e for e in events if id(e) not in dropped]


def _same_actor(a: Actor, b: Actor) -> bool:
    """Two mentions of one actor ("Turkey's decision", "the deal Turkey struck")."""
    if a.id and b.id:
        return a.id == b.id
    return a.name == b.name and a.country == b.country and a.sector == b.sector


def _informative(actor: Actor) -> bool:
    """An actor worth an event: anything but a bare role with no country ("the government",
    "warring factions"), which says nothing about who acted."""
    return bool(actor.country or actor.id or actor.sector in {"IGO", "NGO"} or actor.type != "role")


# Ways a noun trigger can hang below another word without being an event of its own.
CONTENT_DEPS = frozenset({"dobj", "pobj", "prep", "compound", "conj", "amod", "nmod", "appos", "attr"})


def _stands_alone(noun: Token, verb_heads: set[int]) -> bool:
    """False for a noun that is the content of a verb trigger ("called for a ceasefire"), a
    predicate ("is an attack on ..."), or a description ("see it as a threat")."""
    if noun.dep_ == "attr" or (noun.dep_ == "pobj" and noun.head.lower_ == "as"):
        return False
    tok = noun
    for _ in range(4):
        if tok.dep_ not in CONTENT_DEPS or tok.head.i == tok.i:
            return True
        tok = tok.head
        if tok.i in verb_heads:
            return False
    return True


def _event_id(doc_id: str, offset: int, event_type: str) -> str:
    return hashlib.sha1(f"{doc_id}\x1f{offset}\x1f{event_type}".encode()).hexdigest()[:16]


def _subordinate(token: Token) -> bool:
    """Whether the trigger sits in a background clause ("after X shot down a jet", "who overran it")."""
    return any(t.dep_ in {"advcl", "relcl", "acl"} and any(c.dep_ == "mark" or c.dep_ == "nsubj" for c in t.children)
               for t in [token, *token.ancestors])


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _confidence(cand: Candidate) -> float:
    score = 0.4 * cand.match.entry.weight
    score += 0.3 if cand.source else 0.0
    score += 0.2 if cand.target else 0.1
    score += 0.1 if all(a.resolved for a in (*cand.source, *cand.target)) else 0.0
    return round(min(1.0, score) * STATUS_CONFIDENCE.get(cand.modality.status, 0.7), 3)
