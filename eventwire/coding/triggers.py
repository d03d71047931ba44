"""Find event triggers: lexicon entries matched against the dependency parse of a sentence.

A lexicon entry is a short lemma sequence with one head word ("take control", "carry out air
strike", "^talk between"). The head must match a token's lemma and part of speech; every other
word must be found near the head in its parse tree (a particle, an object, a compound, a
preposition). When several entries share a head, the most specific one that matches wins, so
"strike deal" beats "strike", and a head whose entries all need words that are absent is no
trigger at all ("send" alone is not an event; "send troops" is).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# Clause boundaries: words below these belong to another predication, not to this trigger.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "conj", "acl"})
MAX_DEPTH = 3


class Entry(Protocol):
    """What the matcher needs of a lexicon entry (eventwire.coding.ontology.LexiconEntry)."""

    words: tuple[str, ...]
    head: int
    pos: str
    event_type: str
    weight: float
    requires_object: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    token: Token  # the head token
    entry: Entry
    tokens: tuple[Token, ...]  # every token the entry's words matched, head included

    @property
    def start(self) -> int:
        return min(t.i for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.i for t in self.tokens) + 1

    def text(self) -> str:
        """The trigger as written: the matched words in sentence order."""
        return " ".join(t.text for t in sorted(self.tokens, key=lambda t: t.i))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _neighbourhood(head: Token) -> list[tuple[Token, int, bool]]:
    """Tokens near `head` in the tree, with their depth, not crossing into other clauses.

    The flag marks an antecedent: the noun a relative clause describes, which stands before
    the verb although it is its object ("the deal Turkey struck"). Besides the parse's own
    relative clauses, a verb with no object right after a name ("a deal Turkey struck") is
    read as a reduced relative clause, which the small parser often gets wrong.
    """
    found: list[tuple[Token, int, bool]] = []
    frontier = [(head, 0)]
    while frontier:
        tok, depth = frontier.pop()
        if depth >= MAX_DEPTH:
            continue
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "conj" and child.pos_ in NOUN_TAGS):
                continue
            # A passive subject stands before its verb ("sanctions were imposed on X").
            found.append((child, depth + 1, depth == 0 and child.dep_ == "nsubjpass"))
            frontier.append((child, depth + 1))
    if head.pos_ != "VERB":
        return found
    if head.dep_ in {"relcl", "acl"} and head.head.i != head.i:
        found.append((head.head, 1, True))
    elif not any(c.dep_ in {"dobj", "nsubjpass"} for c in head.children):
        i = head.i - 1
        while i > head.sent.start and head.doc[i].pos_ == "PROPN":
            i -= 1
        if i < head.i - 1 and head.doc[i].pos_ == "NOUN":
            found.append((head.doc[i], 1, True))
    return found


class TriggerIndex:
    """Lexicon entries indexed by (head lemma, part of speech) for fast lookup per token."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in entries:
            index[(e.words[e.head], e.pos)].append(e)
        # Most specific first: more words, then higher weight.
        self._index = {k: sorted(v, key=lambda e: (-len(e.words), -e.weight)) for k, v in index.items()}

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def candidates(self, token: Token) -> Sequence[Entry]:
        if token.pos_ in VERB_TAGS:
            pos = "verb"
        elif token.pos_ in NOUN_TAGS:
            pos = "noun"
        else:
            return ()
        return self._index.get((_lemma(token), pos), ())

    def match_token(self, token: Token) -> TriggerMatch | None:
        entries = self.candidates(token)
        if not entries:
            return None
        near: list[tuple[Token, int, bool]] | None = None
        for entry in entries:
            if entry.requires_object and not _object_lemmas(token) & set(entry.requires_object):
                continue
            if len(entry.words) == 1:
                return TriggerMatch(token, entry, (token,))
            if near is None:
                near = _neighbourhood(token)
            matched = _match_words(token, entry, near)
            if matched is not None:
                return TriggerMatch(token, entry, matched)
        return None

    def find(self, sent: Span) -> list[TriggerMatch]:
        """All triggers in a sentence, with tokens used by a longer match not reused."""
        matches = [m for tok in sent if (m := self.match_token(tok)) is not None]
        matches.sort(key=lambda m: -len(m.tokens))
        used: set[int] = set()
        kept: list[TriggerMatch] = []
        for m in matches:
            if m.token.i in used:
                continue
            kept.append(m)
            used.update(t.i for t in m.tokens)
        kept.sort(key=lambda m: m.token.i)
        return kept


def _object_lemmas(head: Token) -> set[str]:
    """Lemmas of the head's objects ("release prisoners", "the prisoners were released")."""
    objs = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass", "attr", "dative"}]
    objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
    if head.dep_ in {"relcl", "acl"}:
        objs.append(head.head)
    return {_lemma(o) for o in objs}


def _dated_preposition(tok: Token) -> bool:
    """ "called his counterpart on Monday": a preposition whose object is a date is not the
    particle of a phrasal trigger ("called on")."""
    return tok.pos_ == "ADP" and any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in tok.children)


def _match_words(head: Token, entry: Entry, near: list[tuple[Token, int, bool]]) -> tuple[Token, ...] | None:
    """Each non-head word of the entry must be a distinct nearby token with that lemma, on the
    same side of the head as in the entry ("carried out strikes", "air strikes"), except an
    antecedent object, which English puts before its verb."""
    chosen: list[Token] = [head]
    taken = {head.i}
    for k, word in enumerate(entry.words):
        if k == entry.head:
            continue
        after = k > entry.head
        best: Token | None = None
        best_depth = MAX_DEPTH + 1
        for tok, depth, antecedent in near:
            if tok.i in taken or depth >= best_depth:
                continue
            if not antecedent and (tok.i > head.i) != after:
                continue
            if (_lemma(tok) == word or tok.lower_ == word) and not _dated_preposition(tok):
                best, best_depth = tok, depth
        if best is None:
            return None
        chosen.append(best)
        taken.add(best.i)
    return tuple(chosen)
