"""Typed records passed between stages. Every stage takes and returns these, never bare dicts.

`Event.to_dict()` gives the JSON shape of `eventwire code --format jsonl`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

Status = Literal["asserted", "intended", "requested", "negated", "hypothetical", "alleged"]
STATUSES: tuple[str, ...] = ("asserted", "intended", "requested", "negated", "hypothetical", "alleged")

# How an actor was resolved, so an analyst can audit it.
RESOLUTIONS: tuple[str, ...] = (
    "exact",        # an alias in the knowledge base, as written
    "normalised",   # an alias after case, accent, punctuation or possessive folding
    "fuzzy",        # rapidfuzz match above the threshold
    "role",         # a role noun (army, minister) with its country from a modifier or context
    "partial",      # a later short mention of a person named in full earlier (Haftar)
    "coreference",  # a pronoun or definite description pointing to an earlier actor
    "place",        # a named place standing for its people, coded by its country (gazetteer)
    "unresolved",   # kept with its text and whatever the context gave
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article. `id` is the JSONL id, else the file's stem; `published` may be unknown."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from: a path, a path:line, "<stdin>"
    published_from: str | None = None  # "option", "field", "html-meta", "dateline", ...


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # canonical name, or the text itself when unresolved
    text: str  # the words in the article
    country: str | None = None  # ISO 3166 alpha-3 (plus a few codes such as XKX for Kosovo)
    sector: str | None = None  # GOV MIL REB IGO NGO OPP CVL MED BUS JUD LEG PTY REL EDU ...
    id: str | None = None  # Wikidata QID where known, else a stable slug
    cameo_code: str | None = None  # e.g. TURGOV
    type: str | None = None  # country, organisation, armed_group, person, party, media, role
    resolution: str = "unresolved"  # one of RESOLUTIONS

    @property
    def resolved(self) -> bool:
        return self.resolution != "unresolved"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    geonameid: str | None  # a GeoNames id, or "curated:<slug>" for the curated table
    admin1: str | None = None
    precision: str = "city"  # point, city, region, country
    text: str | None = None  # the words in the article

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str | None  # day, week, month, year
    source: str  # "text" (from a date expression), "publication", or "none"
    text: str | None = None  # the date expression, when there was one


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int  # character offsets of the sentence in the document text
    end: int
    trigger: str
    trigger_start: int | None = None  # character offsets of the trigger in the document text
    trigger_end: int | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the trigger stood in its sentence's parse; picks a sentence's headline event."""

    depth: int = 0  # steps from the trigger to the sentence root
    subordinate: bool = False  # inside a background clause with its own subject
    token: int | None = None  # the trigger's token index in the parsed document
    status_cue: str | None = None  # the word that decided the status ("will", "refused")


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    event_type: str  # one of PLOVER_TYPES
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    status: str
    reported_by: Actor | None
    date: str | None
    date_precision: str | None
    location: Location | None
    evidence: Evidence
    confidence: float
    date_source: str = "none"
    provenance: Provenance = field(default_factory=Provenance, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of `eventwire code --format jsonl`."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "status": self.status,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "location": self.location.to_dict() if self.location else None,
            "evidence": asdict(self.evidence),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        def actor(a: dict[str, Any] | None) -> Actor | None:
            return Actor(**a) if a else None

        return cls(
            event_id=d["event_id"],
            doc_id=d["doc_id"],
            event_type=d["event_type"],
            mode=d.get("mode"),
            context=tuple(d.get("context") or ()),
            cameo=d["cameo"],
            quad_class=int(d["quad_class"]),
            goldstein=float(d["goldstein"]),
            source=tuple(Actor(**a) for a in d.get("source") or ()),
            target=tuple(Actor(**a) for a in d.get("target") or ()),
            status=d["status"],
            reported_by=actor(d.get("reported_by")),
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            location=Location(**d["location"]) if d.get("location") else None,
            evidence=Evidence(**d["evidence"]),
            confidence=float(d["confidence"]),
            date_source=d.get("date_source", "none"),
        )
