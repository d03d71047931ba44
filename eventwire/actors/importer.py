"""User actor files: read CAMEO/PETRARCH `.actors` dictionaries, and install files for later runs.

A PETRARCH actor dictionary lists one actor per block:

    GEORGE_W_BUSH_  [USAGOV 20010120-20090120]  [USAELI]   # a comment
    +BUSH_
    +GEORGE_BUSH_
        [USAELI >20090120]

The first line names the actor (underscores for spaces), `+` lines add aliases, and each
bracketed code may carry dates: `start-end`, `>start` (from) or `<end` (until). An undated code
is the actor's base country and sector.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

from eventwire.actors.kb import ACTOR_SUFFIXES, default_user_dir, read_actor_file
from eventwire.actors.schema import SECTORS, ActorEntry, ActorFile, Role
from eventwire.errors import DataFileError

_CODE = re.compile(r"\[\s*([A-Z]{3,})\s*([<>]?\s*\d{8})?\s*(?:-\s*(\d{8}))?\s*\]")


def _ymd(text: str, path: Path, line: int) -> date:
    try:
        return datetime.strptime(text.strip(" <>"), "%Y%m%d").date()
    except ValueError as e:
        raise DataFileError(f"{path}:{line}: date {text!r} is not YYYYMMDD") from e


def _split(code: str) -> tuple[str | None, str | None]:
    """USAGOV -> (USA, GOV); IGOUNO -> (None, IGO); a bare ISO3 -> (it, None)."""
    if code.startswith("IGO"):
        return None, "IGO"
    country, rest = code[:3], code[3:6]
    return country, rest if rest in SECTORS else None


def _name(raw: str) -> str:
    return " ".join(raw.strip().strip("_").replace("_", " ").split()).title()


def _slug(name: str) -> str:
    return "petrarch." + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


class _Block:
    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.aliases: list[str] = []
        self.base: str | None = None
        self.roles: list[Role] = []

    def add_codes(self, text: str, path: Path, line: int) -> None:
        for m in _CODE.finditer(text):
            code, first, second = m.group(1), m.group(2), m.group(3)
            country, sector = _split(code)
            if first is None:
                self.base = self.base or code
                continue
            start = end = None
            if first.lstrip().startswith("<"):
                end = _ymd(first, path, line)
            else:
                start = _ymd(first, path, line)
                end = _ymd(second, path, line) if second else None
            if start and end and start > end:
                raise DataFileError(f"{path}:{line}: the dates in [{m.group(0)}] end before they start")
            self.roles.append(Role(code, country, sector, start, end))

    def entry(self, path: Path) -> ActorEntry:
        code = self.base or (self.roles[0].title if self.roles else None)
        country, sector = _split(code) if code else (None, None)
        kind = "person" if self.roles else ("igo" if sector == "IGO" else "organisation")
        return ActorEntry(
            id=_slug(self.name), name=self.name, type=kind, country=country, sector=sector,
            cameo_code=code, aliases=tuple(dict.fromkeys(self.aliases)), roles=tuple(self.roles),
            source=path.name,
        )


def read_petrarch(path: Path) -> ActorFile:
    """Read a CAMEO/PETRARCH .actors dictionary into knowledge-base entries."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError as e:
        raise DataFileError(f"actor file {path} does not exist; check the path") from e
    blocks: list[_Block] = []
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        body = line.strip()
        if body.startswith("+"):
            if not blocks:
                raise DataFileError(f"{path}:{number}: an alias line (+) comes before any actor")
            alias, _, codes = body[1:].partition("[")
            blocks[-1].aliases.append(_name(alias))
            blocks[-1].add_codes("[" + codes if codes else "", path, number)
        elif body.startswith("["):
            if not blocks:
                raise DataFileError(f"{path}:{number}: a code line comes before any actor")
            blocks[-1].add_codes(body, path, number)
        else:
            name, _, codes = body.partition("[")
            if not name.strip():
                raise DataFileError(f"{path}:{number}: no actor name before the code")
            block = _Block(_name(name), number)
            block.add_codes("[" + codes if codes else "", path, number)
            blocks.append(block)
    entries = []
    for b in blocks:
        if b.base is None and not b.roles:
            raise DataFileError(f"{path}:{b.line}: {b.name} has no [CODE]; add one such as [USAGOV]")
        entries.append(b.entry(path))
    return ActorFile(path, tuple(entries), (), {})


def install_actor_file(path: Path, user_dir: Path | None = None) -> Path:
    """Check an actor file (YAML or .actors) and copy it into the user's actor folder.

    KnowledgeBase.load() reads that folder after the bundled data, so the file's entries
    replace bundled ones with the same id. Returns the installed path.
    """
    path = Path(path)
    if path.suffix not in ACTOR_SUFFIXES:
        raise DataFileError(f"{path}: actor files end in .yaml, .yml or .actors; rename it")
    parsed = read_actor_file(path)
    if not parsed.entries and not parsed.roles:
        raise DataFileError(f"{path}: no actors found; see eventwire/data/actors/README.md for the format")
    folder = user_dir or default_user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    shutil.copyfile(path, target)
    return target
