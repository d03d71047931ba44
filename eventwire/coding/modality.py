"""Status of an event (asserted, intended, requested, negated, hypothetical, alleged) and who
reported it, from the words around the trigger.

Grammar words (modals, negators, conditional markers) are constants here; the open classes
(verbs of intention, asking, saying, alleging, refusing) are data, in data/cues.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

import yaml
from spacy.tokens import Token

from eventwire.coding.arguments import subject_of
from eventwire.coding.ontology import DATA_DIR
from eventwire.errors import DataFileError

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "can", "should", "must", "ca"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
CONDITION_MARKERS = frozenset({"if", "unless", "whether", "lest"})
# "X must / should / ought to / needs to / has to do Y", reported from someone: a demand.
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
OBLIGATION_VERBS = frozenset({"need", "have"})
CUES_FILE = DATA_DIR / "cues.yaml"


@dataclass(frozen=True, slots=True)
class Cues:
    """The open word classes of data/cues.yaml, as sets."""

    intend_verbs: frozenset[str]
    intend_adjectives: frozenset[str]
    request_verbs: frozenset[str]
    allege_verbs: frozenset[str]
    allege_adverbs: frozenset[str]
    allege_adjectives: frozenset[str]
    say_verbs: frozenset[str]
    announce_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    warning_verbs: frozenset[str]


@cache
def cues() -> Cues:
    try:
        raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
        return Cues(**{f.name: frozenset(str(w).lower() for w in raw[f.name]) for f in fields(Cues)})
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise DataFileError(f"{CUES_FILE}: {e}; reinstall eventwire or fix the file") from e


@dataclass(frozen=True, slots=True)
class Modality:
    status: str
    reporter: Token | None  # the subject of the verb of saying that frames the event
    cue: str | None  # the word that decided the status, for evidence


def _aux_lemmas(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}} | {
        c.lemma_.lower() for c in verb.children if c.dep_ in {"aux", "auxpass"}
    }


def _negated(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in {"det", "advmod"} and c.lower_ in NEGATORS):
            return c.text
        if c.dep_ in {"nsubj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return "no"  # "No storage sites were hit"
    return None


def _clause_verb(trigger: Token) -> Token:
    """The verb whose clause carries the trigger's status (a noun trigger defers to its verb)."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return trigger


def status_of(trigger: Token, *, is_noun: bool) -> Modality:
    """Decide the status from negation, modals, the governing verb and any verb of saying."""
    reporter = find_reporter(trigger)
    if is_noun:
        neg = _negated(trigger)
        if neg:
            return Modality("negated", reporter, neg)
        for c in trigger.children:
            if c.dep_ == "amod" and c.lower_ in cues().allege_adjectives:
                return Modality("alleged", reporter, c.text)
            if c.dep_ == "amod" and c.lower_ in cues().intend_adjectives:
                return Modality("intended", reporter, c.text)
        verb = _clause_verb(trigger)
        if verb.i == trigger.i:
            return Modality("asserted", reporter, None)
        if trigger.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in cues().request_verbs:
            return Modality("requested", reporter, verb.text)
        if trigger.dep_ == "dobj":
            # "will extend the curfew", "said it would tighten the blockade": the act is announced
            aux = _aux_lemmas(verb)
            if aux & FUTURE_AUX or ("would" in aux and _reported(verb)):
                return Modality("intended", reporter, next(iter(aux & (FUTURE_AUX | {"would"}))))
        inner = _verb_status(verb, framing_only=True)
        return Modality(inner[0], reporter, inner[1])
    status, cue = _verb_status(trigger, framing_only=False)
    return Modality(status, reporter, cue)


def _verb_status(verb: Token, *, framing_only: bool) -> tuple[str, str | None]:
    neg = _negated(verb)
    if neg:
        return "negated", neg
    aux = _aux_lemmas(verb)
    if not framing_only:
        if aux & FUTURE_AUX:
            return "intended", next(iter(aux & FUTURE_AUX))
        if "would" in aux and _reported(verb):  # "said they would boycott": future in the past
            return "intended", "would"
        if aux & OBLIGATION_AUX and _reported(verb):  # "said Israel must withdraw": asked of it
            return "requested", next(iter(aux & OBLIGATION_AUX))
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS), None)
        if mark is not None:
            return "hypothetical", mark.text
        if aux & CONDITIONAL_AUX:
            return "hypothetical", next(iter(aux & CONDITIONAL_AUX))
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in cues().allege_adverbs:
            return "alleged", c.text
    # The verb that governs this clause: "plans to attack", "urged X to declare", "claimed Y attacked".
    if verb.dep_ in {"xcomp", "ccomp", "pcomp", "advcl"} and verb.head.i != verb.i:
        gov = verb.head
        if gov.dep_ == "prep":  # "accused X of attacking"
            gov = gov.head
        lemma = gov.lemma_.lower()
        if gov.pos_ == "ADJ" and lemma in cues().intend_verbs:  # "was due to see"
            return "intended", gov.text
        if verb.dep_ == "xcomp" and lemma in cues().request_verbs and _has_object(gov):
            return "requested", gov.text
        if verb.dep_ in {"ccomp", "pcomp"} and lemma in cues().request_verbs - {"tell", "want", "need"}:
            return "requested", gov.text
        if lemma in cues().allege_verbs and not _negated(gov):
            return "alleged", gov.text
        if verb.dep_ == "xcomp" and lemma in cues().intend_verbs:
            return "intended", gov.text
        if verb.dep_ == "xcomp" and lemma in {"be", "go"} and "going" in {t.lower_ for t in gov.subtree}:
            return "intended", "going to"
        if gov.lemma_.lower() in cues().refusal_verbs:
            return "negated", gov.lemma_.lower()
    return "asserted", None


def _reported(verb: Token) -> bool:
    """Whether the clause is the content of a verb of saying ("X said Y would ...")."""
    tok = verb
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        dep, tok = tok.dep_, tok.head
        if dep == "ccomp" and tok.lemma_.lower() in cues().say_verbs | cues().announce_verbs:
            return True
        if dep not in {"conj", "ccomp"}:
            return False
    return False


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ == "on") for c in verb.children)


def find_reporter(trigger: Token) -> Token | None:
    """The subject of a verb of saying that frames the trigger's clause, if any.

    Climbs from the trigger to the root: "Turkey said it will send troops",
    "..., their statement said", "said German Foreign Minister Heiko Maas".
    """
    verb = reporting_verb(trigger)
    return subject_of(verb) if verb is not None else None


def reporting_verb(trigger: Token) -> Token | None:
    """The verb of saying whose content clause holds the trigger ("said on Friday it had ...")."""
    tok = trigger
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        dep, tok = tok.dep_, tok.head
        if dep in {"ccomp", "parataxis"} and tok.lemma_.lower() in cues().say_verbs:
            return tok
        if dep in {"advcl", "relcl", "acl"}:  # "..., while X did Y": the frame stops here
            return None
    return None


def obligation(verb: Token) -> Token | None:
    """The modal that makes a reported clause a demand, if any: "said China must drop
    barriers", "'we need to enter a political process,' said Maas". Returns the modal word."""
    if verb.pos_ not in {"VERB", "AUX"} or not _reported(verb):
        return None
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX:
            return c
    if verb.lemma_.lower() in OBLIGATION_VERBS and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children):
        return verb
    return None
