"""The actor knowledge base: bundled YAML files plus the user's own, indexed by folded name.

`KnowledgeBase.load()` reads eventwire/data/actors/*.yaml, then the user's actor folder
($EVENTWIRE_HOME/actors, else ~/.config/eventwire/actors), then any `extra` files (YAML or
PETRARCH .actors). Later files replace earlier entries with the same id. Loads are cached per
set of files and modification times, so building many resolvers costs one parse.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from eventwire.actors import text as tx
from eventwire.actors.schema import ActorEntry, ActorFile, Role, RoleNoun, cameo, parse_document
from eventwire.errors import DataFileError
from eventwire.records import Actor

log = logging.getLogger(__name__)

ACTOR_SUFFIXES = (".yaml", ".yml", ".actors")
# Arabic articles dropped to make a second key: "Fayez al-Serraj" is also "Fayez Serraj".
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Sectors whose holders become "former officials" (ELI) once the role has ended.
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO"})


def default_user_dir() -> Path:
    home = os.environ.get("EVENTWIRE_HOME")
    if home:
        return Path(home) / "actors"
    return Path.home() / ".config" / "eventwire" / "actors"


def bundled_files() -> list[Path]:
    folder = resources.files("eventwire") / "data" / "actors"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def read_actor_file(path: Path) -> ActorFile:
    """Parse one YAML or PETRARCH .actors file; DataFileError says what to fix."""
    if path.suffix == ".actors":
        from eventwire.actors.importer import read_petrarch

        return read_petrarch(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError as e:
        raise DataFileError(f"actor file {path} does not exist; check the path") from e
    except yaml.YAMLError as e:
        raise DataFileError(f"{path} is not valid YAML: {e}") from e
    return parse_document(data, path)


@dataclass(frozen=True, slots=True)
class ActorState:
    """What an actor is on a date: the country and sector of the role it then holds."""

    country: str | None
    sector: str | None
    role: Role | None
    note: str


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer of `eventwire actors lookup`: the actor (or None) and why."""

    actor: Actor | None
    why: str


def state_on(entry: ActorEntry, on: date | None, text: str = "") -> ActorState:
    """The role an actor holds on `on`. Without a date: the role whose title the mention uses
    ("U.N. Secretary-General Kofi Annan"), else the current (open-ended) role."""
    if not entry.roles:
        return ActorState(entry.country, entry.sector, None, "")
    if on is None:
        titled = [r for r in entry.roles if _names_title(text, r.title)]
        if titled:
            r = titled[0]
            return ActorState(r.country, r.sector, r, f"the mention's title names {r.describe()} (no document date)")
        current = [r for r in entry.roles if r.end is None]
        if current:
            r = current[0]
            return ActorState(r.country, r.sector, r, f"current role {r.describe()} (no document date)")
        active: list[Role] = []
        on_text = "today"
        ended = list(entry.roles)
    else:
        active = [r for r in entry.roles if r.active(on)]
        on_text = on.isoformat()
        ended = [r for r in entry.roles if r.end is not None and r.end <= on]
    if active:
        r = active[0]
        return ActorState(r.country, r.sector, r, f"role on {on_text}: {r.describe()}")
    if entry.type == "person" and any(r.sector in _OFFICE_SECTORS for r in ended):
        last = max(ended, key=lambda r: r.end or date.min)
        return ActorState(
            last.country or entry.country, "ELI", None,
            f"no role on {on_text}; former {last.title} until {last.end}",
        )
    return ActorState(entry.country, entry.sector, None, f"no dated role on {on_text}; base sector")


_TITLE_NOISE = frozenset({"of", "the", "for", "and", "un", "u.n.", "deputy", "acting"})


def _names_title(text: str, title: str) -> bool:
    """Whether a mention carries a role's title: every main word of "UN Secretary-General"
    appears in "U.N. Secretary-General Kofi Annan"."""
    if not text:
        return False
    words = set(tx.tokens(text))
    main = [w for w in tx.tokens(title) if w.lower() not in _TITLE_NOISE]
    return bool(main) and all(w in words for w in main)


class KnowledgeBase:
    """Every known actor, indexed by folded names, demonyms, seats, surnames and role nouns."""

    def __init__(self, files: Sequence[ActorFile]) -> None:
        entries: dict[str, ActorEntry] = {}
        self.role_nouns: dict[str, RoleNoun] = {}
        self.modifiers: dict[str, str] = {}
        for f in files:
            for e in f.entries:
                if e.id in entries and entries[e.id].source != e.source:
                    log.debug("actor %s from %s replaces the one from %s", e.id, e.source, entries[e.id].source)
                entries[e.id] = e
            for noun in f.roles:
                self.role_nouns[tx.key(noun.words)] = noun
            self.modifiers.update({tx.key(w): s for w, s in f.modifiers.items()})
        self.entries = entries
        self.files = tuple(f.path for f in files)
        self.names: dict[str, list[str]] = {}
        self.exact: dict[str, list[str]] = {}
        self.demonyms: dict[str, tuple[str, bool]] = {}  # key -> (country entry id, plural)
        self.surnames: dict[str, list[str]] = {}
        self.seat_keys: set[str] = set()
        self.by_country: dict[str, ActorEntry] = {}
        for e in entries.values():
            self._index(e)
        spans = [*self.names, *self.demonyms, *self.role_nouns]
        self.max_span = max((k.count(" ") + 1 for k in spans), default=1)
        self.fuzzy_keys = [k for k in dict.fromkeys([*self.names, *self.surnames]) if len(k) >= 5 and k.upper() != k]

    def _add(self, index: dict[str, list[str]], k: str, ident: str) -> None:
        ids = index.setdefault(k, [])
        if ident not in ids:
            ids.append(ident)

    def _index(self, e: ActorEntry) -> None:
        if e.type == "country" and e.country:
            self.by_country.setdefault(e.country, e)
        for name in (*e.names, *e.seats):
            self._add(self.exact, name, e.id)
            k = tx.key(name)
            self._add(self.names, k, e.id)
            toks = k.split()
            bare = [t for i, t in enumerate(toks) if not (t in _ARTICLES and 0 < i < len(toks) - 1)]
            if len(bare) != len(toks):
                self._add(self.names, " ".join(bare), e.id)
            if e.type == "person" and len(toks) > 1:
                last = [t for t in toks if t not in _NAME_SUFFIXES][-1]
                self._add(self.surnames, last, e.id)
        self.seat_keys.update(tx.key(s) for s in e.seats)
        for word in e.adj:
            self.demonyms.setdefault(tx.key(word), (e.id, False))
        for word in e.people:
            self.demonyms.setdefault(tx.key(word), (e.id, True))

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        extra: Iterable[Path | str] = (),
        *,
        user_dir: Path | None = None,
        include_user: bool = True,
    ) -> "KnowledgeBase":
        """Bundled data, then the user's actor folder, then `extra`; cached per file set."""
        paths = bundled_files()
        if include_user:
            folder = user_dir or default_user_dir()
            if folder.is_dir():
                paths += sorted(p for p in folder.iterdir() if p.suffix in ACTOR_SUFFIXES)
        for p in extra:
            p = Path(p)
            if not p.exists():
                raise DataFileError(f"actor file {p} does not exist; check the path given as an actor file")
            paths.append(p)
        stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths)
        return _load(stamp)

    # -- queries ---------------------------------------------------------------------------

    def entry(self, ident: str) -> ActorEntry | None:
        return self.entries.get(ident)

    def country(self, iso3: str | None) -> ActorEntry | None:
        return self.by_country.get(iso3) if iso3 else None

    def country_name(self, iso3: str | None) -> str | None:
        e = self.country(iso3)
        return e.name if e else iso3

    def actor(self, e: ActorEntry, text: str, resolution: str, on: date | None) -> tuple[Actor, ActorState]:
        st = state_on(e, on, text)
        code = e.cameo_code if not e.roles and e.cameo_code else cameo(st.country, st.sector)
        actor = Actor(
            name=e.name, text=text, country=st.country, sector=st.sector, id=e.id,
            cameo_code=code, type=e.type, resolution=resolution,
        )
        return actor, st

    @property
    def alias_count(self) -> int:
        return len(self.names) + len(self.demonyms)

    def lookup(self, name: str, on: date | None = None) -> Lookup:
        """Resolve one name or noun phrase as of `on`, with the reason, for the CLI."""
        from eventwire.actors.resolver import ActorResolver

        actor, why = ActorResolver(self).for_document(on).explain(name, is_proper=True)
        return Lookup(actor, why)


@lru_cache(maxsize=8)
def _load(stamp: tuple[tuple[str, int], ...]) -> KnowledgeBase:
    files = [read_actor_file(Path(p)) for p, _ in stamp]
    kb = KnowledgeBase(files)
    log.debug("loaded %d actors from %d files", len(kb.entries), len(files))
    return kb
