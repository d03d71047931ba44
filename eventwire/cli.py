"""The command line: thin typer commands over library functions. Only this module prints.

Exit codes: 0 done, 1 a needed extra or service is missing, 2 bad input (nothing usable).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from eventwire.config import DEFAULT_DB, DEFAULT_MODEL, Settings
from eventwire.errors import EventwireError, MissingExtra, NoDocuments

app = typer.Typer(help="eventwire: news text to political event data (PLOVER/CAMEO), offline.",
                  no_args_is_help=True, add_completion=False)
actors_app = typer.Typer(help="Inspect and extend the actor knowledge base.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score the coder against a gold standard.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(evaluate_app, name="evaluate")

out = Console()
err = Console(stderr=True)

DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none.")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help=f"spaCy pipeline to use (default {DEFAULT_MODEL}).")]
DbOpt = Annotated[str, typer.Option("--db", help="DuckDB file or postgresql:// URL.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Settings file (TOML, [eventwire] table).")]


def _parse_date(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint=option) from None


def _settings(config: Path | None, **overrides: object) -> Settings:
    base = Settings.from_file(config) if config else Settings()
    return base.with_overrides(**overrides)


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def code(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=".txt, .html, .jsonl or feed files; none reads standard input.")] = None,
    date_: DateOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code articles into PLOVER events and print them."""
    from eventwire.ingest import ReadProblem, iter_documents, read_stdin
    from eventwire.pipeline import code_documents

    if fmt not in {"jsonl", "table"}:
        raise typer.BadParameter("use jsonl or table", param_hint="--format")
    published = _parse_date(date_)
    settings = _settings(config, model=model)
    items = (read_stdin(sys.stdin.buffer, default_published=published, max_chars=settings.max_chars)
             if not paths else iter_documents(paths, default_published=published, max_chars=settings.max_chars))
    problems: list[str] = []

    def documents():
        for item in items:
            if isinstance(item, ReadProblem):
                problems.append(str(item.error))
                err.print(f"[red]error:[/red] {problems[-1]}", highlight=False)
                continue
            yield item

    table = _events_table() if fmt == "table" else None
    coded_docs = 0
    try:
        for coded in code_documents(documents(), settings):
            coded_docs += 1
            for event in coded.events:
                if table is None:
                    sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                else:
                    _table_row(table, event)
    except EventwireError as e:
        raise _fail(str(e), 1) from e
    if table is not None:
        out.print(table)
    if coded_docs == 0:
        raise _fail("no document could be read" if problems else "no input", 2)


def _events_table() -> Table:
    t = Table(show_lines=False)
    for col in ("type", "cameo", "source", "target", "status", "date", "place", "trigger"):
        t.add_column(col)
    return t


def _table_row(table: Table, event) -> None:
    def names(actors) -> str:
        return ", ".join(f"{a.name} ({a.country or '-'} {a.sector or '-'})" for a in actors) or "-"

    table.add_row(event.event_type, event.cameo, names(event.source), names(event.target), event.status,
                  event.date or "-", event.location.name if event.location else "-", event.evidence.trigger)


@evaluate_app.command("plover-gsr")
def evaluate_gsr_cmd(
    path: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.txt (JSON array).")],
    model: ModelOpt = None,
    details: Annotated[bool, typer.Option("--details", help="Show every sentence the coder got wrong.")] = False,
) -> None:
    """Score the coder on the PLOVER gold-standard records."""
    from eventwire.evaluate import evaluate_gsr

    try:
        score, results = evaluate_gsr(path, _settings(None, model=model))
    except EventwireError as e:
        raise _fail(str(e), 2) from e
    t = Table(title="PLOVER GSR by gold type")
    for col in ("type", "right", "total"):
        t.add_column(col)
    for etype, (right, total) in score.by_type.items():
        t.add_row(etype, str(right), str(total))
    out.print(t)
    if details:
        for r in results:
            if not r.dyad_ok:
                got = f"{r.main.event_type} {r.main.evidence.trigger!r}" if r.main else "-"
                out.print(f"[dim]{r.gold.id}[/dim] gold={r.gold.event_type} got={got}: {r.gold.text}", highlight=False)
    out.print(score.summary(), highlight=False)


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name as it appears in text.")],
    date_: Annotated[Optional[str], typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")] = None,
) -> None:
    """Show what a name resolves to, and why."""
    from eventwire.actors import KnowledgeBase

    result = KnowledgeBase.load().lookup(name, on=_parse_date(date_))
    if result.actor is None:
        out.print(f"{name!r}: not resolved ({result.why})", highlight=False)
        raise typer.Exit(1)
    a = result.actor
    out.print(f"{name!r} -> {a.name} [{a.id}] country={a.country} sector={a.sector} cameo={a.cameo_code} "
              f"({a.resolution}): {result.why}", highlight=False)


@actors_app.command("add")
def actors_add(path: Annotated[Path, typer.Argument(help="An actor YAML file or PETRARCH .actors dictionary.")]) -> None:
    """Validate an actor file and add it to your knowledge base (later files override by id)."""
    from eventwire.actors import install_actor_file

    try:
        dest = install_actor_file(path)
    except EventwireError as e:
        raise _fail(str(e), 2) from e
    out.print(f"added {path} as {dest}", highlight=False)


def run() -> None:  # pragma: no cover - console entry point alias
    app()


__all__ = ["app", "MissingExtra", "NoDocuments", "DEFAULT_DB"]
