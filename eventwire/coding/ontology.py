"""The CAMEO and PLOVER tables and the trigger lexicon, loaded once and checked.

The knowledge lives in eventwire/data: cameo.csv (every CAMEO code with its Goldstein value
and PLOVER equivalent), plover.yaml (the 16 categories, their modes and the contexts) and
lexicon/<category>.yaml (the trigger words). This module turns them into frozen records and
refuses bad data with a DataFileError that names the file, the entry and the fix.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import DataFileError

log = logging.getLogger(__name__)

DATA_DIR = Path(str(files("eventwire") / "data"))
CAMEO_FILE = DATA_DIR / "cameo.csv"
PLOVER_FILE = DATA_DIR / "plover.yaml"
LEXICON_DIR = DATA_DIR / "lexicon"

PREPOSITIONS = frozenset(
    "on with against to for from into between at toward of over in about upon among behind near along alongside around outside inside across by through within".split()
)
# "subject" as a target and "object" as a source serve hosting verbs ("X hosted Y": Y visits X).
TARGET_SLOTS = frozenset({"object", "subject", "possessor", "compound", "none"}) | PREPOSITIONS
# For a noun trigger, "subject" is the subject of the verb that governs it ("X launched strikes");
# "between"/"among" put every party of a two-sided event in the source ("clashes between X and Y").
SOURCE_SLOTS = frozenset(
    {"subject", "agent", "object", "possessor", "compound", "by", "between", "among", "of", "from",
     "none"}
)
ENTRY_KEYS = frozenset(
    "words pos cameo target source mode context weight negated_type requires_object note".split()
)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class PloverMode:
    name: str
    meaning: str
    cameo: str


@dataclass(frozen=True, slots=True)
class PloverCategory:
    name: str
    definition: str
    quad_class: int
    score: float
    modes: tuple[str, ...]
    default_cameo: str


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    words: tuple[str, ...]  # lemmas, in sentence order
    head: int  # index in `words` of the token the trigger is anchored on
    pos: str  # "verb" or "noun"
    event_type: str
    cameo: str
    mode: str | None
    context: tuple[str, ...]
    target: tuple[str, ...]  # slots to look for the target in, best first
    source: tuple[str, ...]
    negated_type: str | None  # the category a negated trigger becomes; None drops it
    weight: float
    requires_object: tuple[str, ...]  # lemmas the object must have for the trigger to count
    note: str | None = None


class Ontology:
    """CAMEO codes and PLOVER categories; build it with `Ontology.load()`."""

    def __init__(
        self,
        codes: dict[str, CameoCode],
        categories: dict[str, PloverCategory],
        modes: dict[tuple[str, str], PloverMode],
        contexts: tuple[str, ...],
    ) -> None:
        self._codes = codes
        self._categories = categories
        self._modes = modes
        self.contexts = contexts

    @classmethod
    def load(cls) -> Ontology:
        return _load_ontology()

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self._categories)

    @property
    def codes(self) -> tuple[CameoCode, ...]:
        return tuple(self._codes.values())

    def cameo(self, code: str) -> CameoCode:
        try:
            return self._codes[code]
        except KeyError:
            raise ValueError(
                f"unknown CAMEO code {code!r}; codes are strings with leading zeros "
                f"(e.g. '042'), listed in {CAMEO_FILE}"
            ) from None

    def category(self, name: str) -> PloverCategory:
        try:
            return self._categories[name.upper()]
        except KeyError:
            raise ValueError(
                f"unknown PLOVER category {name!r}; use one of {', '.join(self._categories)}"
            ) from None

    def mode(self, plover_type: str, mode: str) -> PloverMode:
        category = self.category(plover_type)
        try:
            return self._modes[(category.name, mode)]
        except KeyError:
            known = ", ".join(category.modes) or "none"
            raise ValueError(
                f"{category.name} has no mode {mode!r} (its modes: {known})"
            ) from None

    def default_cameo(self, plover_type: str, mode: str | None = None) -> CameoCode:
        """The CAMEO code for an event known only by its category (and perhaps its mode)."""
        if mode:
            return self.cameo(self.mode(plover_type, mode).cameo)
        return self.cameo(self.category(plover_type).default_cameo)


def _fail(path: Path, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{path}: {where}: {problem}")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML 1.1 reads bare on/off/yes/no as booleans; lexicon slots need "on" as a word."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"{path}: cannot be read as YAML ({e}); fix the syntax") from e


def _read_codes(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise DataFileError(f"{path}: cannot be read ({e}); reinstall eventwire") from e
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        where = f"line {line} (code {code!r})"
        if not (code.isdigit() and 2 <= len(code) <= 4) or code in codes:
            raise _fail(path, where, "codes must be unique strings of 2-4 digits")
        try:
            entry = CameoCode(
                code=code,
                name=row["name"].strip(),
                root=row["root"].strip(),
                quad_class=int(row["quad_class"]),
                goldstein=float(row["goldstein"]),
                plover_type=row["plover_type"].strip() or None,
                plover_mode=row["plover_mode"].strip() or None,
            )
        except (KeyError, AttributeError, ValueError) as e:
            raise _fail(path, where, f"bad or missing column ({e})") from e
        if entry.root != code[:2] or not 1 <= int(entry.root) <= 20:
            raise _fail(path, where, f"root must be the first two digits, {code[:2]!r}")
        if entry.quad_class not in (1, 2, 3, 4) or not -10 <= entry.goldstein <= 10:
            raise _fail(path, where, "quad_class must be 1-4 and goldstein within -10..10")
        codes[code] = entry
    return codes


def _read_plover(path: Path, codes: dict[str, CameoCode]) -> Ontology:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not data.get("categories") or not data.get("contexts"):
        raise DataFileError(f"{path}: needs top-level 'categories' and 'contexts' lists")
    categories: dict[str, PloverCategory] = {}
    modes: dict[tuple[str, str], PloverMode] = {}
    for item in data["categories"]:
        name = str(item.get("name", ""))
        try:
            mode_items = item.get("modes") or []
            category = PloverCategory(
                name=name,
                definition=str(item["definition"]).strip(),
                quad_class=int(item["quad_class"]),
                score=float(item["score"]),
                modes=tuple(str(m["name"]) for m in mode_items),
                default_cameo=str(item["default_cameo"]),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise _fail(path, f"category {name!r}", f"missing or bad field ({e})") from e
        if not name.isupper() or name in categories:
            raise _fail(path, f"category {name!r}", "names are unique and upper case")
        for m in mode_items:
            mode = PloverMode(str(m["name"]), str(m.get("meaning", "")), str(m.get("cameo", "")))
            if mode.cameo not in codes:
                raise _fail(path, f"{name} mode {mode.name}", f"unknown CAMEO {mode.cameo!r}")
            if codes[mode.cameo].plover_type != name and not m.get("note"):
                raise _fail(path, f"{name} mode {mode.name}",
                            f"CAMEO {mode.cameo} maps to {codes[mode.cameo].plover_type}; "
                            "pick a code of this category or explain with a note")
            modes[(name, mode.name)] = mode
        if category.default_cameo not in codes:
            raise _fail(path, f"category {name}", f"unknown default CAMEO {category.default_cameo!r}")
        categories[name] = category
    contexts = tuple(str(c["name"]) for c in data["contexts"])
    for code in codes.values():
        if code.plover_type is None:
            if code.plover_mode:
                raise _fail(CAMEO_FILE, f"code {code.code}", "a mode needs a plover_type")
            continue
        if code.plover_type not in categories:
            raise _fail(CAMEO_FILE, f"code {code.code}", f"unknown type {code.plover_type!r}")
        if code.plover_mode and (code.plover_type, code.plover_mode) not in modes:
            raise _fail(CAMEO_FILE, f"code {code.code}",
                        f"{code.plover_type} has no mode {code.plover_mode!r} in {path.name}")
    return Ontology(codes, categories, modes, contexts)


@cache
def _load_ontology() -> Ontology:
    ontology = _read_plover(PLOVER_FILE, _read_codes(CAMEO_FILE))
    log.debug("loaded %d CAMEO codes and %d PLOVER categories",
              len(ontology.codes), len(ontology.categories))
    return ontology


def _slots(value: Any, allowed: frozenset[str], default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    items = (value,) if isinstance(value, str) else tuple(value)
    bad = [s for s in items if s not in allowed]
    if bad:
        raise ValueError(f"unknown slot(s) {bad}; use {', '.join(sorted(allowed))}")
    return tuple(items)


def _entry(raw: dict[str, Any], category: str, ontology: Ontology) -> LexiconEntry:
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {sorted(unknown)}")
    pos = raw.get("pos")
    if pos not in ("verb", "noun"):
        raise ValueError("pos must be 'verb' or 'noun'")
    tokens = str(raw["words"]).split()
    marked = [i for i, t in enumerate(tokens) if t.startswith("^")]
    if not tokens or len(marked) > 1:
        raise ValueError("words needs at least one lemma and at most one ^head mark")
    head = marked[0] if marked else (0 if pos == "verb" else len(tokens) - 1)
    words = tuple(t.lstrip("^").lower() for t in tokens)
    code = ontology.cameo(str(raw["cameo"]))
    if code.plover_type != category and not raw.get("note"):
        raise ValueError(f"CAMEO {code.code} maps to {code.plover_type}, not {category}; "
                         "use a code of this category or explain the choice in a 'note'")
    mode = raw.get("mode")
    if mode is not None:
        ontology.mode(category, mode)
    context = tuple(raw.get("context") or ())
    missing = [c for c in context if c not in ontology.contexts]
    if missing:
        raise ValueError(f"unknown context(s) {missing}")
    negated = raw.get("negated_type")
    if negated is not None:
        negated = ontology.category(negated).name
    weight = float(raw.get("weight", 1.0))
    if not 0 < weight <= 1:
        raise ValueError("weight must be in (0, 1]")
    verb = pos == "verb"
    return LexiconEntry(
        words=words,
        head=head,
        pos=pos,
        event_type=category,
        cameo=code.code,
        mode=mode,
        context=context,
        target=_slots(raw.get("target"), TARGET_SLOTS, ("object",) if verb else ("of", "possessor")),
        source=_slots(raw.get("source"), SOURCE_SLOTS,
                      ("subject",) if verb else ("subject", "possessor", "compound", "by")),
        negated_type=negated,
        weight=weight,
        requires_object=tuple(str(w).lower() for w in raw.get("requires_object") or ()),
        note=raw.get("note"),
    )


def _read_lexicon_file(path: Path, ontology: Ontology) -> Iterable[LexiconEntry]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DataFileError(f"{path}: needs 'category' and an 'entries' list")
    try:
        category = ontology.category(str(data.get("category"))).name
    except ValueError as e:
        raise DataFileError(f"{path}: {e}") from e
    for number, raw in enumerate(data["entries"], start=1):
        try:
            yield _entry(raw, category, ontology)
        except (ValueError, KeyError, TypeError) as e:
            label = raw.get("words") if isinstance(raw, dict) else raw
            raise _fail(path, f"entry {number} ({label!r})", str(e)) from e


def load_lexicon(extra: Sequence[Path] = ()) -> tuple[LexiconEntry, ...]:
    """Every trigger in the bundled lexicon, then those in `extra` files (which may add but
    not repeat a (words, pos) pair)."""
    return _load_lexicon(tuple(Path(p) for p in extra))


@cache
def _load_lexicon(extra: tuple[Path, ...]) -> tuple[LexiconEntry, ...]:
    ontology = Ontology.load()
    paths = sorted(LEXICON_DIR.glob("*.yaml")) + list(extra)
    if not paths:
        raise DataFileError(f"{LEXICON_DIR}: no lexicon files; reinstall eventwire")
    entries: list[LexiconEntry] = []
    seen: dict[tuple[tuple[str, ...], str], Path] = {}
    for path in paths:
        for entry in _read_lexicon_file(path, ontology):
            key = (entry.words, entry.pos)
            if key in seen:
                raise DataFileError(
                    f"{path}: {' '.join(entry.words)!r} ({entry.pos}) is already defined in "
                    f"{seen[key]}; keep one entry and use requires_object to split senses"
                )
            seen[key] = path
            entries.append(entry)
    log.debug("loaded %d lexicon entries from %d files", len(entries), len(paths))
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class StatusCodes:
    """How CAMEO codes an act that is announced or refused rather than done (data/status-codes.csv).

    CAMEO has no status field: "will send troops" is a threat of force (138), "will send aid"
    an intent to give aid (033), "refused to withdraw" a refusal to give way (124). eventwire
    keeps the act's PLOVER type with status "intended" for announcements, codes refusals as
    REJECT, and uses these codes so GDELT/ICEWS users get the CAMEO they expect.
    """

    intent: dict[str, CameoCode]
    refusal: dict[str, CameoCode]


@cache
def status_codes() -> StatusCodes:
    ontology = Ontology.load()
    path = DATA_DIR / "status-codes.csv"
    intent: dict[str, CameoCode] = {}
    refusal: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                ontology.category(row["event_type"])
                intent[row["event_type"]] = ontology.cameo(row["intent_cameo"])
                if row["refusal_cameo"]:
                    refusal[row["event_type"]] = ontology.cameo(row["refusal_cameo"])
            except (KeyError, ValueError) as e:
                raise DataFileError(f"{path}: row {row}: {e}") from e
    return StatusCodes(intent, refusal)
