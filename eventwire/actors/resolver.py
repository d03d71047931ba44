"""Noun phrase -> Actor, with a per-article memory for partial names and pronouns.

A phrase is read the way English builds noun phrases: the head is on the right ("Libyan
National Army", "Sudan's army", "Prime Minister Giuseppe Conte"), and what stands before it
(a demonym, a country, a capital, a possessive) or after it ("of France", "in Darfur") says
whose it is. The resolver
  1. cleans the phrase: curly quotes, "pro-X"/"X-backed" modifiers, a parenthetical acronym;
  2. tries the whole phrase, then the acronym, as a known name;
  3. splits off "X of/in/from Y" and "X's Y";
  4. cuts the rest into segments (known names, demonyms, role nouns, sector modifiers,
     capitalised unknown words) by longest match, and reads the rightmost as the head;
  5. builds the Actor from the head: a known actor at the document date, a role noun with the
     country of its modifier (or of the article), or an unknown name kept as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from rapidfuzz import fuzz, process

from eventwire.actors import text as tx
from eventwire.actors.kb import KnowledgeBase, cameo
from eventwire.actors.schema import ActorEntry, RoleNoun
from eventwire.records import Actor

_DROP_MODIFIERS = re.compile(
    r"\b(?:pro|anti)-[\w.]+|[\w.]+-(?:based|backed|allied|aligned|supported|sponsored|funded|"
    r"held|controlled|occupied|leaning|linked|affiliated|run|dominated)\b",
    re.IGNORECASE,
)
_LED = re.compile(r"-led\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)?")
_PREPOSITIONS = ("of", "in", "from", "for")
# A parenthetical that restates the name as an acronym: "(GNA)", "(M23)", "(SPLM-N)".
_ACRONYM_LIKE = re.compile(r"^[A-Z][A-Za-z0-9./&-]*[A-Z0-9]$")
# Lower-case particles that belong inside personal names ("Osama bin Laden", "Ursula von der Leyen").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "del", "der", "van", "von", "le", "la", "du", "dos", "ben"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_IT_PRONOUNS = frozenset({"it", "its", "itself"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_GROUP_NOUNS = frozenset({"group", "militia", "movement", "organisation", "organization", "faction",
                          "alliance", "coalition", "rebels", "militants", "insurgents", "party"})
_COUNTRY_NOUNS = frozenset({"country", "government", "state", "kingdom", "republic", "nation",
                            "regime", "authorities", "administration", "emirate"})
_ORG_TYPES = frozenset({"organisation", "igo", "armed_group", "party", "media"})


@dataclass(frozen=True, slots=True)
class _Segment:
    kind: str  # name | surname | demonym | role | modifier | proper | word
    words: tuple[str, ...]  # written tokens
    ids: tuple[str, ...] = ()  # name / surname: candidate actor ids; demonym: the country id
    noun: RoleNoun | None = None
    sector: str | None = None  # modifier
    plural: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class _Mention:
    actor: Actor
    kind: str  # person | plural | country | org | group | body | other
    tick: int
    words: tuple[str, ...]  # the folded tokens of the actor's name, for partial matches


class ActorResolver:
    """Resolves noun phrases against one knowledge base; make one DocumentActors per article."""

    def __init__(self, kb: KnowledgeBase, fuzzy_threshold: int = 90) -> None:
        self.kb = kb
        self.fuzzy_threshold = fuzzy_threshold

    def for_document(self, published: date | datetime | None = None) -> "DocumentActors":
        if isinstance(published, datetime):
            published = published.date()
        return DocumentActors(self, published)


class DocumentActors:
    """The actors of one article: resolves phrases at the article's date and remembers them."""

    def __init__(self, resolver: ActorResolver, published: date | None) -> None:
        self.kb = resolver.kb
        self.threshold = resolver.fuzzy_threshold
        self.published = published
        self._mentions: list[_Mention] = []
        self._groups: list[tuple[int, tuple[Actor, ...]]] = []
        self._countries: Counter[str] = Counter()
        self._tick = 0

    # -- public API ------------------------------------------------------------------------

    def resolve(self, phrase: str, *, is_proper: bool = False) -> Actor | None:
        return self.explain(phrase, is_proper=is_proper)[0]

    def explain(self, phrase: str, *, is_proper: bool = False) -> tuple[Actor | None, str]:
        """`resolve` with the reason, as a sentence for `eventwire actors lookup`."""
        actor, why, kind = self._phrase(phrase.strip(), is_proper)
        if actor is not None and actor.resolution == "role" and actor.country is None and actor.id is None \
                and actor.sector != "IGO":
            home = self.dominant_country()
            if home:
                name = actor.name if actor.type == "person" else f"{self.kb.country_name(home)} {actor.name}"
                actor = replace(actor, name=name, country=home, cameo_code=cameo(home, actor.sector))
                why += f"; country {home} from the article's main country"
        if actor is not None:
            self._remember(actor, kind)
        return actor, why

    def note_group(self, actors: Sequence[Actor]) -> None:
        """Record the actors of one argument ("Turkey and Russia") for later "they"."""
        group = tuple(a for a in actors if a is not None)
        if group:
            self._tick += 1
            self._groups.append((self._tick, group))

    def resolve_reference(self, text: str) -> tuple[Actor, ...]:
        """Pronouns and definite descriptions -> earlier actors of the article, or ()."""
        toks = [t.lower() for t in tx.tokens(text) if t.lower() not in ("the", "this", "that", "these", "those")]
        if not toks:
            return ()
        first, last = toks[0], toks[-1]
        found: tuple[Actor, ...] = ()
        if first in _PLURAL_PRONOUNS:
            found = self._latest_plural()
        elif first in _IT_PRONOUNS:
            found = self._latest({"country", "org", "group", "body"})
        elif first in _PERSON_PRONOUNS:
            found = self._latest({"person"})
        elif len(toks) == 1 and last in _COUNTRY_NOUNS:
            found = self._latest_country(last)
        elif len(toks) == 1 and last in _GROUP_NOUNS:
            found = self._latest({"group", "org"} if last.startswith("organi") else {"group"})
        return tuple(replace(a, text=text, resolution="coreference") for a in found)

    def dominant_country(self) -> str | None:
        """The article's country when one clearly leads (twice the next), else None."""
        ranked = self._countries.most_common(2)
        if not ranked:
            return None
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0]
        return None

    # -- memory ----------------------------------------------------------------------------

    def _remember(self, actor: Actor, kind: str) -> None:
        self._tick += 1
        words = tuple(t.lower() for t in tx.tokens(actor.name) if t != "'s")
        self._mentions.append(_Mention(actor, kind, self._tick, words))
        if actor.country and actor.resolution != "coreference":
            self._countries[actor.country] += 1

    def _latest(self, kinds: set[str]) -> tuple[Actor, ...]:
        for m in reversed(self._mentions):
            # A group named in the plural ("the Houthis") is still "the group".
            plural_group = m.kind == "plural" and "group" in kinds and m.actor.type in _ORG_TYPES
            if m.kind in kinds or plural_group:
                return (m.actor,)
        return ()

    def _latest_plural(self) -> tuple[Actor, ...]:
        group = next(((t, g) for t, g in reversed(self._groups) if len(g) > 1), None)
        single = next((m for m in reversed(self._mentions) if m.kind == "plural"), None)
        if group and (single is None or group[0] > single.tick):
            return group[1]
        return (single.actor,) if single else ()

    def _latest_country(self, noun: str) -> tuple[Actor, ...]:
        for m in reversed(self._mentions):
            if m.actor.country and m.kind in ("country", "body"):
                entry = self.kb.country(m.actor.country)
                if entry is None:
                    return (m.actor,)
                actor, _ = self.kb.actor(entry, noun, "coreference", self.published)
                return (actor,)
        return ()

    def _partial(self, words: Sequence[str]) -> Actor | None:
        """A remembered person or organisation whose longer name contains these words."""
        want = [tx.key_token(w).lower() for w in words]
        for m in reversed(self._mentions):
            if m.kind not in ("person", "org", "group", "other"):
                continue
            if len(want) < len(m.words) and all(w in m.words for w in want):
                return m.actor
        return None

    # -- phrase analysis -------------------------------------------------------------------

    def _phrase(self, phrase: str, is_proper: bool) -> tuple[Actor | None, str, str]:
        clean = _LED.sub(" ", _DROP_MODIFIERS.sub(" ", tx.fold(phrase)))
        paren = _PAREN.search(clean)
        outer = _PAREN.sub(" ", clean) if paren else clean
        words = [w for w in tx.raw_tokens(outer)]
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if not words:
            return None, f"{phrase!r} holds no words", "other"
        # 2. the whole phrase, then the parenthetical acronym, as a known name
        whole = self._named(words, phrase, whole=True)
        if whole:
            return whole
        if paren and _ACRONYM_LIKE.match(paren.group(1).strip()):
            inner = self._named(tx.raw_tokens(paren.group(1)), phrase, whole=True)
            if inner:
                return inner
        # "the rebel Kurdistan Workers' Party": a known name at the head, after loose modifiers
        if not any(w.lower() in _PREPOSITIONS for w in words):
            for i in range(1, len(words)):
                if tx.is_capitalised(words[i - 1]):
                    break  # "Northern Ireland" is not Ireland: only lower-case words are loose
                tail = self._named(words[i:], phrase, whole=False)
                if tail:
                    return tail
        return self._structure(words, phrase, is_proper)

    def _named(self, words: Sequence[str], text: str, whole: bool) -> tuple[Actor, str, str] | None:
        k = " ".join(tx.key_token(w) for w in words)
        ids = self.kb.names.get(k)
        if not ids or not any(tx.is_capitalised(w) or w.isdigit() for w in words):
            return None
        entry = self._choose(ids)
        remembered = self._partial(words) if entry.type == "person" else None
        if remembered is not None and remembered.id == entry.id:
            return replace(remembered, text=text, resolution="partial"), \
                f"{text!r} is a shorter mention of {remembered.name} named earlier", "person"
        exact = text.strip() in self.kb.exact and entry.id in self.kb.exact[text.strip()]
        return self._from_entry(entry, text, "exact" if exact and whole else "normalised", k)

    def _choose(self, ids: Sequence[str]) -> ActorEntry:
        """Several actors share a name: prefer one named earlier, then one in office, then the
        article's country, then the first in the data."""
        entries = [self.kb.entries[i] for i in ids]
        if len(entries) == 1:
            return entries[0]
        seen = {m.actor.id for m in self._mentions}
        for e in entries:
            if e.id in seen:
                return e
        if self.published:
            active = [e for e in entries if any(r.active(self.published) for r in e.roles)]
            if active:
                return active[0]
        home = self.dominant_country()
        return next((e for e in entries if e.country == home), entries[0])

    def _from_entry(self, entry: ActorEntry, text: str, resolution: str, k: str) -> tuple[Actor, str, str]:
        actor, st = self.kb.actor(entry, text, resolution, self.published)
        how = "a seat of power of" if k in self.kb.seat_keys else "a name of"
        why = f"{text!r} is {how} {entry.name} ({entry.id}, {entry.type}, {entry.source})"
        if st.note:
            why += f"; {st.note}"
        return actor, why, _kind_of(entry)

    def _structure(self, words: list[str], text: str, is_proper: bool) -> tuple[Actor | None, str, str]:
        # 3. "X of Y", then "X's Y"
        lowered = [w.lower() for w in words]
        prep = next((i for i, w in enumerate(lowered) if w in _PREPOSITIONS and 0 < i < len(words) - 1), None)
        if prep is not None:
            left, right = words[:prep], words[prep + 1:]
            actor, why, kind = self._structure(left, text, False)
            if actor is None:
                return self._structure(right, text, is_proper)
            if actor.country is None and actor.type in ("role", "person") and actor.resolution == "role":
                owner = self._owner(right)
                if owner is not None:
                    actor = self._with_owner(actor, owner)
                    why += f"; its country comes from {' '.join(right)!r}"
            return actor, why, kind
        if "'s" in words:
            cut = len(words) - 1 - words[::-1].index("'s")
            owner_words, head_words = words[:cut], words[cut + 1:]
            if not head_words:
                return self._structure(owner_words, text, is_proper)
            return self._segments(head_words, text, is_proper, owner_words)
        return self._segments(words, text, is_proper, [])

    def _owner(self, words: Sequence[str]) -> Actor | None:
        """The actor a modifier names ("Sudan" in "Sudan's army"), resolved without memory."""
        if not words:
            return None
        actor, _, _ = self._segments(list(words), " ".join(words), False, [])
        return actor

    def _with_owner(self, actor: Actor, owner: Actor) -> Actor:
        if owner.type in _ORG_TYPES and owner.country is None:
            return replace(owner, text=actor.text, resolution="role")
        name = actor.name if actor.type == "person" else f"{self.kb.country_name(owner.country)} {actor.name}"
        return replace(actor, name=name, country=owner.country, cameo_code=cameo(owner.country, actor.sector))

    # 4. segmentation by longest match
    def _segment(self, words: Sequence[str]) -> list[_Segment]:
        kb, out, i, n = self.kb, [], 0, len(words)
        keys = [tx.key_token(w) for w in words]
        while i < n:
            seg = None
            for j in range(min(n, i + kb.max_span), i, -1):
                k = " ".join(keys[i:j])
                span = tuple(words[i:j])
                capital = any(tx.is_capitalised(w) or w.isdigit() for w in span)
                if capital and k in kb.names:
                    seg = _Segment("name", span, tuple(kb.names[k]))
                elif capital and k in kb.demonyms:
                    country_id, plural = kb.demonyms[k]
                    seg = _Segment("demonym", span, (country_id,), plural=plural)
                elif k.lower() in kb.role_nouns:
                    noun = kb.role_nouns[k.lower()]
                    seg = _Segment("role", span, noun=noun, plural=noun.kind == "people")
                elif j == i + 1 and capital and k in kb.surnames:
                    seg = _Segment("surname", span, tuple(kb.surnames[k]))
                elif j == i + 1 and k.lower() in kb.modifiers:
                    seg = _Segment("modifier", span, sector=kb.modifiers[k.lower()])
                if seg:
                    break
            if seg is None:
                w = words[i]
                proper = tx.is_capitalised(w) and w.lower() not in ("the", "a", "an")
                particle = w.lower() in _PARTICLES and i + 1 < n and tx.is_capitalised(words[i + 1])
                if (proper or particle) and out and out[-1].kind == "proper":
                    out[-1] = _Segment("proper", out[-1].words + (w,))
                    i += 1
                    continue
                seg = _Segment("proper" if proper else "word", (w,))
            # A capitalised institution noun right after an unknown proper word is part of a
            # name ("Homeland Union"); a capitalised title is not ("Investment Minister Tran").
            if (seg.kind == "role" and seg.noun and seg.noun.kind != "person" and out
                    and out[-1].kind == "proper" and tx.is_capitalised(seg.words[0])):
                out[-1] = _Segment("proper", out[-1].words + seg.words)
                i += len(seg.words)
                continue
            out.append(seg)
            i += len(seg.words)
        return out

    def _segments(self, words: list[str], text: str, is_proper: bool, owner_words: Sequence[str]) -> tuple[Actor | None, str, str]:
        segs = self._segment(words)
        while segs and segs[-1].kind == "word" and segs[-1].words[0].lower().endswith(("ing", "ed")):
            segs.pop()
        meaningful = [i for i, s in enumerate(segs) if s.kind != "word"]
        if not meaningful:
            return None, f"{text!r} names no actor", "other"
        h = meaningful[-1]
        if h < len(segs) - 1 and not is_proper:
            return None, f"{text!r} is about {segs[-1].text!r}, which is not an actor", "other"
        head, before = segs[h], segs[:h]
        if head.kind == "modifier" and head.words[0].lower() in self.kb.role_nouns:
            head = _Segment("role", head.words, noun=self.kb.role_nouns[head.words[0].lower()])
        owner = self._owner(owner_words) if owner_words else None
        if head.kind == "name":
            return self._named_head(head, text)
        if head.kind == "surname":
            return self._surname_head(head, before, text, is_proper, owner)
        if head.kind == "demonym":
            entry = self.kb.entries[head.ids[0]]
            actor, _ = self.kb.actor(entry, text, "normalised", self.published)
            actor = replace(actor, sector=None, cameo_code=entry.country)
            return actor, f"{head.text!r} is a demonym of {entry.name}", "plural" if head.plural else "country"
        if head.kind == "role":
            return self._role_head(head, before, text, owner)
        if head.kind == "modifier":
            return None, f"{text!r} has only the modifier {head.text!r}", "other"
        return self._proper_head(head, before, text, is_proper, owner)

    def _named_head(self, head: _Segment, text: str) -> tuple[Actor, str, str]:
        entry = self._choose(head.ids)
        if entry.type == "person":
            remembered = self._partial(head.words)
            if remembered is not None and remembered.id == entry.id:
                return replace(remembered, text=text, resolution="partial"), \
                    f"{head.text!r} is a shorter mention of {remembered.name} named earlier", "person"
        return self._from_entry(entry, text, "normalised", tx.key(head.text))

    def _surname_head(self, head: _Segment, before: list[_Segment], text: str, is_proper: bool, owner: Actor | None) -> tuple[Actor | None, str, str]:
        if before and before[-1].kind == "proper":
            # "Chris Brown" is not Gordon Brown: a given name that none of the candidates bears
            # makes this someone else.
            given = {tx.key_token(w) for w in before[-1].words}
            if not any(given <= self._name_tokens(self.kb.entries[i]) for i in head.ids):
                whole = _Segment("proper", before[-1].words + head.words)
                return self._proper_head(whole, before[:-1], text, is_proper, owner)
        remembered = self._partial(head.words)
        if remembered is not None:
            return replace(remembered, text=text, resolution="partial"), \
                f"{head.text!r} is a shorter mention of {remembered.name} named earlier", "person"
        entries = [self.kb.entries[i] for i in head.ids]
        if self.published and len(entries) > 1:
            entries = [e for e in entries if any(r.active(self.published) for r in e.roles)] or entries
        if len(entries) == 1:
            actor, why, kind = self._from_entry(entries[0], text, "partial", "")
            return actor, f"{head.text!r} is the surname of {entries[0].name}; " + why, kind
        return self._proper_head(_Segment("proper", head.words), before, text, is_proper, owner)

    @staticmethod
    def _name_tokens(entry: ActorEntry) -> set[str]:
        return {t for name in (entry.name, *entry.aliases) for t in tx.tokens(name)}

    def _modifiers(self, before: list[_Segment]) -> tuple[Actor | None, str | None]:
        """The owner named before a head and any sector modifier. A state (demonym, country,
        capital) wins over an organisation or person ("Serbian Labour Minister" is Serbian)."""
        states: list[Actor] = []
        others: list[Actor] = []
        sector: str | None = None
        for seg in reversed(before):
            if seg.kind == "modifier" and sector is None:
                sector = seg.sector
            elif seg.kind == "role" and sector is None and seg.words[-1].lower() in self.kb.modifiers:
                sector = self.kb.modifiers[seg.words[-1].lower()]
            elif seg.kind == "demonym":
                entry = self.kb.entries[seg.ids[0]]
                states.append(self.kb.actor(entry, seg.text, "normalised", self.published)[0])
            elif seg.kind in ("name", "surname"):
                entry = self._choose(seg.ids)
                actor = self.kb.actor(entry, seg.text, "normalised", self.published)[0]
                (states if entry.type == "country" else others).append(actor)
        owner = states[0] if states else (others[0] if others else None)
        return owner, sector

    def _role_head(self, head: _Segment, before: list[_Segment], text: str, owner: Actor | None) -> tuple[Actor, str, str]:
        noun = head.noun
        assert noun is not None
        named, sector_mod = self._modifiers(before)
        owner = named or owner
        sector = sector_mod or noun.sector
        kind = {"person": "person", "people": "plural", "body": "body"}[noun.kind]
        if owner is not None and owner.type in _ORG_TYPES:
            return replace(owner, text=text, resolution="role"), \
                f"{head.text!r} of {owner.name} stands for the organisation", "plural" if kind == "plural" else "org"
        country = owner.country if owner else None
        source = f"from {owner.text!r}" if owner else "not in the phrase"
        name = f"{self.kb.country_name(country)} {noun.words}" if country else noun.words
        actor = Actor(name=name, text=text, country=country, sector=sector, id=None,
                      cameo_code=cameo(country, sector), type="role", resolution="role")
        return actor, f"role noun {noun.words!r} -> {sector or 'no sector'}; country {country or '-'} {source}", kind

    def _proper_head(self, head: _Segment, before: list[_Segment], text: str, is_proper: bool, owner: Actor | None) -> tuple[Actor | None, str, str]:
        remembered = self._partial(head.words)
        if remembered is not None:
            kind = "person" if remembered.type == "person" else "org"
            return replace(remembered, text=text, resolution="partial"), \
                f"{head.text!r} is a shorter mention of {remembered.name} named earlier", kind
        k = tx.key(head.text)
        if len(k) >= 5:
            hit = process.extractOne(k, self.kb.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.threshold)
            if hit:
                entry = self._choose(self.kb.names.get(hit[0]) or self.kb.surnames[hit[0]])
                actor, why, kind = self._from_entry(entry, text, "fuzzy", hit[0])
                return actor, f"{head.text!r} is close ({hit[1]:.0f}) to {hit[0]!r}: " + why, kind
        named, sector_mod = self._modifiers(before)
        owner = named or owner
        title = next((s for s in reversed(before) if s.kind == "role" and s.noun and s.noun.kind == "person"), None)
        country = owner.country if owner else None
        if title is not None and title.noun is not None:
            sector = sector_mod or title.noun.sector
            if owner is not None and owner.type in _ORG_TYPES:
                sector = owner.sector
                country = owner.country
            actor = Actor(name=head.text, text=text, country=country, sector=sector, id=None,
                          cameo_code=cameo(country, sector), type="person", resolution="role")
            return actor, f"unknown name {head.text!r} with the title {title.text!r} -> {sector}", "person"
        if not is_proper:
            return None, f"{head.text!r} is not in the knowledge base", "other"
        actor = Actor(name=head.text, text=text, country=country, sector=sector_mod, id=None,
                      cameo_code=cameo(country, sector_mod), type=None, resolution="unresolved")
        return actor, f"{head.text!r} is not in the knowledge base; kept as written", "other"


def _kind_of(entry: ActorEntry) -> str:
    if entry.type == "person":
        return "person"
    if entry.plural:
        return "plural"
    if entry.type in ("country", "breakaway_state"):
        return "country"
    if entry.type in ("armed_group", "party"):
        return "group"
    return "org"
