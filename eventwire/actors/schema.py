"""The records of the actor knowledge base and the checks that build them from data files.

An actor file is YAML with any of three top-level lists:

    countries:  one state each: iso3, name, aliases, adj (demonym adjectives), people (plural
                nouns for its people), seats (capitals and seats of power used as metonyms)
    actors:     organisations, armed groups, parties, media and people, each with an id,
                a type, a country and a sector, aliases, and dated roles for people
    roles:      role nouns grouped by sector ("army" -> MIL, "officials" -> GOV)

See eventwire/data/actors/README.md for the field list and the sector conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.errors import DataFileError

# CAMEO-style sector codes. The first group is the core list; the rest are the finer CAMEO
# codes that event data users expect to keep.
SECTORS: dict[str, str] = {
    "GOV": "government, executive, diplomats",
    "MIL": "state armed forces",
    "REB": "armed movement fighting a state, or armed force outside the recognised government",
    "OPP": "legal political opposition",
    "IGO": "intergovernmental organisation",
    "NGO": "non-governmental organisation",
    "JUD": "judiciary and prosecutors",
    "LEG": "legislature",
    "BUS": "business",
    "MED": "media",
    "CVL": "civilians, the public, protesters",
    "EDU": "education, students",
    "REL": "religious",
    "PTY": "political party",
    "COP": "police and internal security",
    "SPY": "intelligence services",
    "UAF": "armed force aligned with no state: mercenaries, private military contractors",
    "ELI": "elites and former office holders",
    "REF": "refugees and displaced people",
    "LAB": "labour, trade unions, workers",
    "AGR": "agriculture, farmers",
    "HLH": "health",
    "CRM": "criminals",
    "SEP": "authorities of a breakaway state not recognised by its parent state",
    "ENV": "environmental groups",
    "HRI": "human rights groups",
}
TYPES: tuple[str, ...] = (
    "country", "breakaway_state", "organisation", "igo", "armed_group", "person", "party",
    "media", "role",
)
ROLE_KINDS: tuple[str, ...] = ("person", "people", "body")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^(Q[1-9][0-9]*|[a-z0-9][a-z0-9_.-]*)$")


@dataclass(frozen=True, slots=True)
class Role:
    """An office or status held between two dates; `end` is exclusive (the handover day)."""

    title: str
    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def describe(self) -> str:
        span = f"{self.start or ''}..{self.end or ''}"
        return f"{self.title} ({self.country or 'no country'} {self.sector or '-'}) {span}"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    cameo_code: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    ambiguous: tuple[str, ...] = ()  # aliases knowingly shared with actors of other countries
    plural: bool = False  # referred to as "they": the Houthis, the Taliban
    adj: tuple[str, ...] = ()  # countries only: demonym adjectives ("Turkish")
    people: tuple[str, ...] = ()  # countries only: plural nouns for the people ("Turks")
    seats: tuple[str, ...] = ()  # countries only: capitals and seats of power ("the Kremlin")
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class RoleNoun:
    """A generic noun that names an actor by its role: "army", "foreign minister"."""

    words: str
    sector: str | None
    kind: str  # person (he/she), people (they), body (it)


@dataclass(frozen=True, slots=True)
class ActorFile:
    path: Path
    entries: tuple[ActorEntry, ...]
    roles: tuple[RoleNoun, ...]
    modifiers: dict[str, str]  # "opposition" -> OPP: a modifier that overrides a role's sector


def _fail(path: Path, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{path}: {where}: {problem}; fix the entry or remove it")


def _date(value: Any, path: Path, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _fail(path, where, f"date {value!r} is not YYYY-MM-DD")


def _strings(value: Any, path: Path, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"{field} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _iso3(value: Any, path: Path, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO3.match(value):
        raise _fail(path, where, f"country {value!r} is not an ISO 3166 alpha-3 code such as TUR")
    return value


def _sector(value: Any, path: Path, where: str) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise _fail(path, where, f"sector {value!r} is not one of {' '.join(SECTORS)}")
    return str(value)


def _role(raw: Any, country: str | None, path: Path, where: str) -> Role:
    if not isinstance(raw, dict) or "title" not in raw:
        raise _fail(path, where, "each role needs at least a title")
    role = Role(
        title=str(raw["title"]),
        country=_iso3(raw.get("country", country), path, where),
        sector=_sector(raw.get("sector", "GOV"), path, where),
        start=_date(raw.get("start"), path, where),
        end=_date(raw.get("end"), path, where),
    )
    if role.start and role.end and role.start > role.end:
        raise _fail(path, where, f"role {role.title!r} ends ({role.end}) before it starts ({role.start})")
    return role


def cameo(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return sector if sector == "IGO" else None
    return country + (sector or "")


def country_entry(raw: Any, path: Path) -> ActorEntry:
    if not isinstance(raw, dict) or "iso3" not in raw or "name" not in raw:
        raise _fail(path, repr(raw)[:60], "a country needs iso3 and name")
    iso3 = _iso3(raw["iso3"], path, raw["name"])
    where = f"country {iso3}"
    unknown = set(raw) - {"iso3", "id", "name", "aliases", "adj", "people", "seats", "ambiguous", "type", "sector"}
    if unknown:
        raise _fail(path, where, f"unknown field(s) {sorted(unknown)}")
    kind = raw.get("type", "country")
    sector = _sector(raw.get("sector", "GOV"), path, where)
    return ActorEntry(
        id=str(raw.get("id") or iso3.lower()),
        name=str(raw["name"]),
        type=kind,
        country=iso3,
        sector=sector,
        cameo_code=cameo(iso3, sector),
        aliases=_strings(raw.get("aliases"), path, where, "aliases"),
        ambiguous=_strings(raw.get("ambiguous"), path, where, "ambiguous"),
        adj=_strings(raw.get("adj"), path, where, "adj"),
        people=_strings(raw.get("people"), path, where, "people"),
        seats=_strings(raw.get("seats"), path, where, "seats"),
        plural=False,
        source=path.name,
    )


_ACTOR_FIELDS = {"id", "name", "type", "country", "sector", "cameo_code", "aliases", "roles", "ambiguous", "plural"}


def actor_entry(raw: Any, path: Path) -> ActorEntry:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
        raise _fail(path, repr(raw)[:60], "an actor needs id and name")
    where = f"actor {raw['id']}"
    unknown = set(raw) - _ACTOR_FIELDS
    if unknown:
        raise _fail(path, where, f"unknown field(s) {sorted(unknown)}")
    ident = str(raw["id"])
    if not _ID.match(ident):
        raise _fail(path, where, "id must be a Wikidata QID (Q123) or a lower-case slug")
    kind = raw.get("type", "organisation")
    if kind not in TYPES:
        raise _fail(path, where, f"type {kind!r} is not one of {', '.join(TYPES)}")
    country = _iso3(raw.get("country"), path, where)
    sector = _sector(raw.get("sector"), path, where)
    roles = raw.get("roles") or []
    if not isinstance(roles, list):
        raise _fail(path, where, "roles must be a list")
    return ActorEntry(
        id=ident,
        name=str(raw["name"]),
        type=kind,
        country=country,
        sector=sector,
        cameo_code=raw.get("cameo_code") or cameo(country, sector),
        aliases=_strings(raw.get("aliases"), path, where, "aliases"),
        roles=tuple(_role(r, country, path, where) for r in roles),
        ambiguous=_strings(raw.get("ambiguous"), path, where, "ambiguous"),
        plural=bool(raw.get("plural", False)),
        source=path.name,
    )


def role_nouns(raw: Any, path: Path) -> tuple[list[RoleNoun], dict[str, str]]:
    """`roles:` is a list of groups {sector, person: [...], people: [...], body: [...]},
    plus groups {modifier: [...], sector} whose words override the sector of the head noun."""
    nouns: list[RoleNoun] = []
    modifiers: dict[str, str] = {}
    if not isinstance(raw, list):
        raise _fail(path, "roles", "must be a list of groups")
    for group in raw:
        if not isinstance(group, dict) or "sector" not in group:
            raise _fail(path, "roles", f"group {repr(group)[:60]} needs a sector (null allowed)")
        sector = _sector(group["sector"], path, "roles")
        for word in _strings(group.get("modifier"), path, "roles", "modifier"):
            if sector is None:
                raise _fail(path, "roles", f"modifier {word!r} needs a sector")
            modifiers[word] = sector
        for kind in ROLE_KINDS:
            for word in _strings(group.get(kind), path, "roles", kind):
                nouns.append(RoleNoun(word, sector, kind))
    return nouns, modifiers


def parse_document(data: Any, path: Path) -> ActorFile:
    """Build an ActorFile from parsed YAML, raising DataFileError on the first bad entry."""
    if data is None:
        data = {}
    if not isinstance(data, dict) or not set(data) <= {"countries", "actors", "roles"}:
        raise DataFileError(
            f"{path}: an actor file is a mapping with the lists countries:, actors: or roles:"
        )
    entries = [country_entry(r, path) for r in data.get("countries") or []]
    entries += [actor_entry(r, path) for r in data.get("actors") or []]
    nouns, modifiers = role_nouns(data.get("roles") or [], path)
    return ActorFile(path, tuple(entries), tuple(nouns), modifiers)
