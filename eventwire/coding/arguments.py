"""Who did it and to whom: source and target tokens of a trigger, read off the dependency parse.

Rules of English syntax, not of any one sentence:
- active voice: the subject is the source, the object (or a named preposition) the target;
- passive voice: the "by" agent is the source, the passive subject the target;
- a verb with no subject of its own borrows one: a conjoined verb from the first verb
  ("Turkey backs the GNA and said ..."), an infinitive from its controller, which is the
  object when there is one ("urged the parties to declare") and the subject otherwise
  ("agreed to send"), a relative clause from the noun it modifies;
- nominal triggers take their source from a possessor ("Haftar's offensive"), an actor
  modifier ("Israeli air strikes"), a "by" phrase, or the subject of the verb that governs
  them ("held talks", "stressed their opposition");
- coordination spreads an argument over every conjunct ("Turkey and Russia urged").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.triggers import TriggerMatch

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# Children that end a noun phrase: other clauses, coordination, and loose attachments.
PHRASE_STOP_DEPS = frozenset(
    {"relcl", "acl", "advcl", "conj", "cc", "prep", "punct", "appos", "ccomp", "xcomp", "parataxis", "dep"}
)


@dataclass(frozen=True, slots=True)
class Arguments:
    source: tuple[Token, ...]
    target: tuple[Token, ...]
    passive: bool


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def conjuncts(token: Token) -> list[Token]:
    """The token and every nominal conjunct coordinated with it, in order."""
    out = [token]
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        if c.pos_ in NOMINAL:
            out.append(c)
            stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(prep: Token) -> Token | None:
    obj = _child(prep, {"pobj", "pcomp"})
    if obj is not None and obj.pos_ == "ADP":  # "from behind X", "including from X"
        return _pobj(obj)
    return obj


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, borrowed from the clause it hangs on when it has none."""
    subj = _child(verb, {"nsubj", "csubj"})
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subj
    if depth > 4 or verb.head.i == verb.i:
        return None
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head, depth + 1)
    if verb.dep_ == "xcomp":
        obj = _child(head, {"dobj"})
        return obj if obj is not None else subject_of(head, depth + 1)
    if verb.dep_ == "relcl" and head.pos_ in NOMINAL:
        return head
    if verb.dep_ == "acomp":  # "Japan is ready to provide": the subject of the copula
        return subject_of(head, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "to" and c.dep_ == "aux"
                                                           for c in verb.children)):
        return subject_of(head, depth + 1)  # "..., killing five soldiers", "... to protest X"
    if verb.dep_ in {"pcomp", "acl"} and verb.tag_ == "VBG":
        own = _child(verb, {"nsubj"})
        if own is not None or verb.dep_ != "acl" or head.dep_ not in {"dobj", "attr"}:
            return own
        # "issued a statement demanding ...": the one who issued the statement
        return subject_of(head.head, depth + 1) if head.head.pos_ in {"VERB", "AUX"} else None
    return None


def _prep_objects(tokens: Sequence[Token], prep_lemma: str) -> Iterator[Token]:
    for tok in tokens:
        for c in tok.children:
            if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == prep_lemma:
                obj = _pobj(c)
                if obj is not None and obj.ent_type_ not in NOT_ACTOR_ENTS:
                    yield obj


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = _pobj(c)
            if obj is not None:
                return obj
    return None


def _governor(noun: Token) -> Token | None:
    """The verb a nominal trigger is an argument of ("held talks", "stressed opposition")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "conj"} and tok.head.i != tok.i:
            if tok.head.pos_ in {"VERB", "AUX"}:
                return tok.head
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"VERB", "AUX"}:
            return tok.head.head
        return None
    return None


def find_arguments(match: TriggerMatch) -> Arguments:
    """Source and target heads (before spreading over conjuncts) for one trigger."""
    head = match.token
    entry = match.entry
    tokens = match.tokens
    if entry.pos == "verb":
        passive = is_passive(head)
        source = _verb_role(head, tokens, entry.source or ("subject",), passive, is_source=True)
        target = _verb_role(head, tokens, entry.target or ("object",), passive, is_source=False)
    else:
        passive = False
        source = _noun_role(head, tokens, entry.source or ("possessor", "compound", "by", "subject"))
        target = _noun_role(head, tokens, entry.target or ("none",))
    if source and target and source[0].i == target[0].i:
        target = ()
    return Arguments(tuple(source), tuple(target), passive)


def _verb_role(verb: Token, tokens: Sequence[Token], spec: Sequence[str], passive: bool,
               *, is_source: bool) -> list[Token]:
    for where in spec:
        found: list[Token] = []
        if where == "none":
            return []
        if where == "subject":
            subj = _agent(verb) if passive else subject_of(verb)
            if subj is None and passive and is_source:
                continue
            found = [subj] if subj is not None else []
        elif where == "agent":
            a = _agent(verb)
            found = [a] if a is not None else []
        elif where == "object":
            if passive:
                obj = _child(verb, {"nsubjpass"})
            else:
                obj = next((c for t in tokens for c in t.children
                            if c.dep_ in OBJECT_DEPS and c not in tokens), None)
                if obj is None and verb.dep_ == "relcl" and verb.head.pos_ in NOMINAL and verb.head not in tokens:
                    obj = verb.head
                if obj is None and not is_source:
                    # "demanded that the US cancel the sale": the one asked is the clause's subject
                    clause = _child(verb, {"ccomp"})
                    obj = _child(clause, {"nsubj", "nsubjpass"}) if clause is not None else None
            found = [obj] if obj is not None else []
        elif where == "between":
            found = list(_prep_objects(tokens, "between"))
        elif where in {"possessor", "compound"}:
            # "expelled two Russian diplomats", "froze Iran's assets": the actor modifies the object
            found = [c for t in tokens[1:] for c in t.children if _modifier_actor(c, where)]
        else:
            found = list(_prep_objects(tokens, where))
        if found := _outside(found, tokens):
            return found
    return []


def _outside(found: list[Token], tokens: Sequence[Token]) -> list[Token]:
    """The first found word that is not part of the trigger itself."""
    return [t for t in found if t not in tokens][:1]


def _modifier_actor(tok: Token, where: str) -> bool:
    if where == "possessor":
        return tok.dep_ == "poss"
    return tok.dep_ in {"compound", "amod", "nmod"} and (
        tok.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or tok.pos_ == "PROPN")


def _noun_role(noun: Token, tokens: Sequence[Token], spec: Sequence[str]) -> list[Token]:
    for where in spec:
        found: list[Token] = []
        if where == "none":
            return []
        if where == "possessor":
            found = [c for c in noun.children if c.dep_ == "poss"]
            if found and found[0].pos_ == "PRON":  # "X stressed their opposition": their = X
                gov = _governor(noun)
                subj = subject_of(gov) if gov is not None and noun.dep_ not in SUBJECT_DEPS else None
                if subj is not None:
                    found = [subj]
        elif where == "compound":
            found = [c for c in noun.children
                     if c.dep_ in {"compound", "amod", "nmod"} and c not in tokens
                     and (c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or c.pos_ == "PROPN")]
        elif where in {"by", "agent"}:
            found = list(_prep_objects(tokens, "by"))
        elif where == "subject":
            gov = _governor(noun)
            if gov is not None and noun.dep_ not in {"nsubj", "nsubjpass"}:
                subj = subject_of(gov)
                found = [subj] if subj is not None else []
        elif where == "object":
            found = list(_prep_objects(tokens, "of"))
        else:
            found = list(_prep_objects(tokens, where))
        if found := _outside(found, tokens):
            return found
    return []


def phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase headed by `token`, without clauses, conjuncts or loose attachments.

    Keeps determiners, modifiers, possessors, compounds and one "of" phrase ("the foreign
    ministers of France"), and a parenthetical acronym ("Libyan National Army (LNA)").
    """
    out = [token]
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "of" and token.pos_ == "NOUN":
            obj = _pobj(c)
            if obj is not None:
                out.append(c)
                out.extend(phrase_tokens(obj))
            continue
        if c.dep_ == "appos" and c.text.isupper() and len(c.text) <= 8:
            out.append(c)
            continue
        if c.dep_ in PHRASE_STOP_DEPS or c.is_space:
            continue
        out.extend(t for t in c.subtree if not t.is_space)
    return sorted(set(out), key=lambda t: t.i)


def phrase_text(tokens: Sequence[Token]) -> str:
    """The phrase as written. Punctuation inside a name ("al-Serraj") is kept; words left out
    of the phrase (a clause in the middle) are skipped."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    chosen = {t.i for t in tokens}
    parts: list[str] = []
    for i in range(tokens[0].i, tokens[-1].i + 1):
        tok = doc[i]
        inner_punct = tok.is_punct and tok.text in "-‐–'’." and i - 1 in chosen and i + 1 in chosen
        if i in chosen or inner_punct:
            parts.append(tok.text_with_ws if (i + 1 in chosen or (i + 1 < len(doc) and doc[i + 1].is_punct
                                                                     and i + 2 in chosen)) else tok.text + " ")
    return "".join(parts).strip(" ,")


def distribute_of(token: Token) -> list[tuple[Token, str]]:
    """Phrases for an argument, one per conjunct, spreading "ministers of A, B and C" over A, B, C."""
    out: list[tuple[Token, str]] = []
    for conj in conjuncts(token):
        toks = phrase_tokens(conj)
        text = phrase_text(toks)
        out.append((conj, text))
        of_obj = next((_pobj(c) for c in conj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if conj.pos_ == "NOUN" and of_obj is not None:
            base = phrase_text(phrase_tokens(of_obj))
            for other in conjuncts(of_obj)[1:]:
                out.append((other, text.replace(base, phrase_text(phrase_tokens(other)), 1) if base else text))
    return out


NAME_INNER_DEPS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "flat", "punct"})


def left_subject(verb: Token) -> list[Token]:
    """The noun phrase(s) right before a verb, for when the parse gives it no usable subject.

    English puts the subject just left of its verb; the small parser sometimes hangs it
    elsewhere ("After talks in Istanbul, Turkey and Russia called ..." parsed with "talks" as
    subject). Walks left over adverbs, then over a coordination of names.
    """
    sent, doc = verb.sent, verb.doc
    i = verb.i - 1
    while i >= sent.start and doc[i].pos_ in {"ADV", "AUX", "PART"}:
        i -= 1
    heads: list[Token] = []
    while i >= sent.start:
        tok = doc[i]
        if tok.pos_ not in {"PROPN", "NOUN"} or tok.dep_ == "pobj":
            break
        heads.append(tok)
        i -= 1
        while i >= sent.start and doc[i].dep_ in NAME_INNER_DEPS and doc[i].lower_ not in {",", "and"}:
            i -= 1
        if i >= sent.start and doc[i].lower_ in {"and", ","}:
            i -= 1
            if i >= sent.start and doc[i].lower_ in {"and", ","}:
                i -= 1
            continue
        break
    return heads[::-1]


ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def nearby_mentions(head: Token, exclude: set[int], skip: set[int] = frozenset(),
                    *, places: bool = False) -> list[Token]:
    """Actor-like words in the trigger's own phrase, nearest first: the fallback target when
    no slot of the entry is filled ("agreed to provide aid for Romania", "granted asylum to
    Panamanian officers"). Words of the source, and the source's own phrase, are excluded.
    With `places`, places after a locative preposition count too, after every other word."""
    blocked = set(exclude)
    for i in exclude:
        blocked.update(t.i for t in head.doc[i].subtree)
    seen: list[tuple[int, int, Token]] = []
    frontier = [(head, 0)]
    while frontier:
        tok, depth = frontier.pop()
        for child in tok.children:
            if child.i in blocked or child.dep_ in {"punct", "cc"} or (
                    tok.i == head.i and child.dep_ in SUBJECT_DEPS):
                continue
            if (child.dep_ in {"advcl", "relcl", "parataxis"} or (depth > 0 and child.dep_ in {"ccomp", "pcomp"})) \
                    and any(g.dep_ in SUBJECT_DEPS for g in child.children) and not _conditional(child):
                continue  # another clause with its own subject, unless it is the condition of the act
            if depth < 6:
                frontier.append((child, depth + 1))
            if child.i in skip or child.ent_type_ in NOT_ACTOR_ENTS:
                continue
            if is_locative(child):
                if places:
                    seen.append((depth + 100, child.i, child))
                continue
            if child.pos_ == "PROPN" or child.ent_type_ in ACTOR_ENTS or (
                    child.pos_ == "NOUN" and any(g.ent_type_ in ACTOR_ENTS for g in child.children
                                                 if g.dep_ in {"amod", "compound"})):
                seen.append((depth, child.i, child))
    return [t for _, _, t in sorted(seen)]


def _conditional(clause: Token) -> bool:
    """"... unless Israel rescinds", "if the United States goes ahead": whose conduct a threat or
    an offer is conditioned on is the party it is aimed at."""
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children)


def search_root(match: TriggerMatch) -> Token:
    """Where to look for a missing target: a nominal trigger's light verb ("staged a hunger
    strike to protest X", "launched an offensive against Y") covers the whole predicate."""
    head = match.token
    if match.entry.pos == "noun" and head.dep_ in {"dobj", "attr"} and head.head.pos_ == "VERB":
        return head.head
    return head


LOCATIVE_PREPS = frozenset({"in", "at", "through", "near", "across", "around", "outside", "inside",
                            "along", "within", "throughout", "into", "from"})
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def is_locative(tok: Token) -> bool:
    """A place named after a locative preposition is where something happened, not to whom."""
    return ((tok.ent_type_ in {"GPE", "LOC", "FAC"} or tok.pos_ == "PROPN") and tok.dep_ == "pobj"
            and tok.head.lower_ in LOCATIVE_PREPS)


def is_descriptive(verb: Token) -> bool:
    """A participle used as a description, not a report of an act: "the internationally
    recognised government", "a long-planned summit". Kept when an agent is named ("forces
    backed by Iran"), since that is a relation worth recording."""
    if verb.pos_ != "VERB" or any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.tag_ == "VBN" and is_descriptive(verb.head):
        return True  # "Tripoli-based, internationally recognised government"
    if verb.tag_ != "VBN":
        return False
    if _agent(verb) is not None:
        return False
    return verb.dep_ in {"amod", "acl", "conj", "advcl"} and not (
        verb.dep_ == "conj" and any(c.dep_ in {"aux", "auxpass"} for c in verb.head.children))
