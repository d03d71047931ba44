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
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from eventwire.config import DEFAULT_DB, DEFAULT_MODEL, Settings
from eventwire.errors import EventwireError, MissingExtra, ModelNotFound

# How sure a knowledge-base lookup must be before a name the user gives becomes an actor id.
RESOLVED = frozenset({"exact", "partial", "fuzzy"})
# Errors that mean "install something or start a service" (exit 1); every other
# EventwireError is bad input (exit 2).
MISSING = (MissingExtra, ModelNotFound)


class _Commands(TyperGroup):
    """The command tree; an EventwireError from any command is one line on stderr, never a traceback."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except EventwireError as e:
            raise _fail(str(e), 1 if isinstance(e, MISSING) else 2) from e


app = typer.Typer(help="eventwire: news text to political event data (PLOVER/CAMEO), offline.",
                  cls=_Commands, no_args_is_help=True, add_completion=False)
actors_app = typer.Typer(help="Inspect and extend the actor knowledge base.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score the coder against a gold standard.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(evaluate_app, name="evaluate")

out = Console()  # tables; plain lines go through _say, which never wraps them
err = Console(stderr=True)

DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none.")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help=f"spaCy pipeline to use (default {DEFAULT_MODEL}).")]
DbOpt = Annotated[str, typer.Option("--db", help="DuckDB file or postgresql:// URL.")]
MaxCharsOpt = Annotated[Optional[int], typer.Option("--max-chars", min=1, help="Refuse documents longer than this many characters (default 2,000,000).")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Settings file (TOML, with an eventwire table).")]


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


def _error(message: str, label: str = "[red]error:[/red]") -> None:
    """One line on stderr, however long; library messages are plain text, not markup."""
    err.print(f"{label} {escape(' '.join(message.split()))}", highlight=False, soft_wrap=True)


def _say(message: str) -> None:
    """One plain line on stdout (paths and ids may hold "[", which is not markup here)."""
    out.print(escape(message), highlight=False, soft_wrap=True)


def _fail(message: str, code: int) -> typer.Exit:
    _error(message)
    return typer.Exit(code)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    # The ingest command reports every input and article the run skipped, once, at the end.
    logging.getLogger("eventwire.corpus").setLevel(logging.INFO if verbose else logging.ERROR)


@app.command()
def code(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=".txt, .html, .jsonl or feed files; none reads standard input.")] = None,
    date_: DateOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    model: ModelOpt = None,
    max_chars: MaxCharsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code articles into PLOVER events and print them."""
    from eventwire.ingest import ReadProblem, iter_documents, read_stdin
    from eventwire.pipeline import code_documents

    if fmt not in {"jsonl", "table"}:
        raise typer.BadParameter("use jsonl or table", param_hint="--format")
    published = _parse_date(date_)
    settings = _settings(config, model=model, max_chars=max_chars)
    items = (read_stdin(sys.stdin.buffer, default_published=published, max_chars=settings.max_chars)
             if not paths else iter_documents(paths, default_published=published, max_chars=settings.max_chars))
    problems: list[str] = []

    def documents():
        for item in items:
            if isinstance(item, ReadProblem):
                problems.append(str(item.error))
                _error(problems[-1])
                continue
            yield item

    table = _events_table() if fmt == "table" else None
    coded_docs = 0
    try:
        for coded in code_documents(documents(), settings):
            if coded.error:
                problems.append(coded.error)
                _error(f"{coded.document.source or coded.document.id}: {coded.error}")
                continue
            coded_docs += 1
            for event in coded.events:
                if table is None:
                    sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                else:
                    _table_row(table, event)
    except MISSING as e:
        raise _fail(str(e), 1) from e
    if table is not None:
        out.print(table)
    if coded_docs == 0:
        # One unreadable input has already said why in its own line.
        if len(problems) == 1:
            raise typer.Exit(2)
        raise _fail(f"none of the {len(problems)} inputs could be read" if problems else
                    "no input: give files, or pipe text to standard input", 2)


def _events_table() -> Table:
    t = Table(show_lines=False)
    for col in ("type", "cameo", "source", "target", "status", "date", "place", "trigger"):
        t.add_column(col)
    return t


def _table_row(table: Table, event) -> None:
    def names(actors) -> str:
        return ", ".join(f"{a.name} ({a.country or '-'} {a.sector or '-'})" for a in actors) or "-"

    cells = (event.event_type, event.cameo, names(event.source), names(event.target), event.status,
             str(event.date or "-"), event.location.name if event.location else "-", event.evidence.trigger)
    table.add_row(*map(escape, cells))


@evaluate_app.command("plover-gsr")
def evaluate_gsr_cmd(
    path: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.txt (JSON array).")],
    model: ModelOpt = None,
    details: Annotated[bool, typer.Option("--details", help="Show every sentence the coder got wrong.")] = False,
) -> None:
    """Score the coder on the PLOVER gold-standard records."""
    _evaluate_sentences(path, model, details, "PLOVER GSR")


@evaluate_app.command("sentences")
def evaluate_sentences_cmd(
    path: Annotated[Optional[Path], typer.Argument(
        help="A gold file in the PLOVER GSR format; default: eventwire's own 320 held-out sentences.")] = None,
    model: ModelOpt = None,
    details: Annotated[bool, typer.Option("--details", help="Show every sentence the coder got wrong.")] = False,
) -> None:
    """Score the coder on gold sentences in the PLOVER GSR format (eventwire's own set by default)."""
    from eventwire.evaluate import OWN_GOLD

    _evaluate_sentences(path or OWN_GOLD, model, details, "gold sentences")


@evaluate_app.command("articles")
def evaluate_articles_cmd(
    path: Annotated[Optional[Path], typer.Argument(
        help="Gold articles (JSON Lines with their events); default: eventwire's own 12 annotated articles.")] = None,
    model: ModelOpt = None,
) -> None:
    """Score the coder on whole articles: event precision, recall, dyads, dates, places, status."""
    from eventwire.evaluate_articles import OWN_ARTICLES, evaluate_articles

    score = evaluate_articles(path or OWN_ARTICLES, _settings(None, model=model))
    _say(score.summary())


def _evaluate_sentences(path: Path, model: str | None, details: bool, title: str) -> None:
    from eventwire.evaluate import evaluate_gsr

    score, results = evaluate_gsr(path, _settings(None, model=model))
    t = Table(title=f"{title} by gold type")
    for col in ("type", "right", "total"):
        t.add_column(col)
    for etype, (right, total) in score.by_type.items():
        t.add_row(etype, str(right), str(total))
    out.print(t)
    if details:
        for r in results:
            if not r.dyad_ok:
                got = f"{r.main.event_type} {r.main.evidence.trigger!r}" if r.main else "-"
                out.print(f"[dim]{escape(r.gold.id)}[/dim] " + escape(f"gold={r.gold.event_type} got={got}: {r.gold.text}"),
                          highlight=False, soft_wrap=True)
    _say(score.summary())


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name as it appears in text.")],
    date_: Annotated[Optional[str], typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")] = None,
) -> None:
    """Show what a name resolves to, and why."""
    from eventwire.actors import KnowledgeBase

    result = KnowledgeBase.load().lookup(name, on=_parse_date(date_))
    if result.actor is None:
        _say(f"{name!r}: not resolved ({result.why})")
        raise typer.Exit(2)
    a = result.actor
    _say(f"{name!r} -> {a.name} [{a.id}] country={a.country} sector={a.sector} cameo={a.cameo_code} "
         f"({a.resolution}): {result.why}")


@actors_app.command("add")
def actors_add(path: Annotated[Path, typer.Argument(help="An actor YAML file or PETRARCH .actors dictionary.")]) -> None:
    """Validate an actor file and add it to your knowledge base (later files override by id)."""
    from eventwire.actors import install_actor_file

    try:
        dest = install_actor_file(path)
    except EventwireError as e:
        raise _fail(str(e), 2) from e
    _say(f"added {path} as {dest}")


def _filter(actor=None, source=None, target=None, types=None, since=None, until=None, country=None,
            near=None, km=50.0, text=None):
    from eventwire.store import EventFilter

    near_point = None
    if near:
        near_point = _near(near, km)
    return EventFilter(actor=_actor_key(actor), source=_actor_key(source), target=_actor_key(target),
                       event_type=tuple(t.upper() for t in (types or ())),
                       since=_parse_date(since, "--since"), until=_parse_date(until, "--until"),
                       country=country.upper() if country else None, near=near_point, text=text)


def _actor_key(value: str | None) -> str | None:
    """What the store matches for an actor the user names: an ISO3 country or a code as
    written, else the knowledge base's id for a name or alias ("LNA", "Haftar")."""
    if not value:
        return None
    from eventwire.actors import KnowledgeBase

    kb = KnowledgeBase.load()
    if kb.country(value.upper()) is not None:
        return value
    found = kb.lookup(value).actor
    return found.id if found is not None and found.id and found.resolution in RESOLVED else value


def _near(place: str, km: float) -> tuple[float, float, float]:
    """A place name from the gazetteer, or "lat,lon"."""
    parts = place.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1]), km
        except ValueError:
            pass
    from eventwire.places import Gazetteer

    loc = Gazetteer.load().lookup(place)
    if loc is None or loc.lat is None or loc.lon is None:
        raise typer.BadParameter(f"{place!r} is not in the gazetteer; give a known place or LAT,LON", param_hint="--near")
    return loc.lat, loc.lon, km


def _is_server(db: str) -> bool:
    return db.startswith(("postgresql:", "postgres:"))


def _require_store(db: str) -> None:
    if not _is_server(db) and db != ":memory:" and not Path(db).expanduser().exists():
        raise _fail(f"there is no event store at {db}; fill one with `eventwire ingest FILES --db {db}`, "
                    "or pass the right --db", 2)


def _open_store(db: str, *, must_exist: bool = True):
    """The store at `db`; commands that only read refuse a DuckDB file that is not there, so
    that a mistyped path is an error, not an empty answer."""
    from eventwire.errors import StoreError
    from eventwire.store import open as open_store

    if must_exist:
        _require_store(db)
    try:
        return open_store(db)
    except MISSING as e:
        raise _fail(str(e), 1) from e
    except StoreError as e:
        # A server that cannot be reached is a missing service; a bad file is bad input.
        raise _fail(str(e), 1 if _is_server(db) else 2) from e


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders (recursive), globs, .gz, .txt, .html, .jsonl, RSS/Atom.")],
    db: Annotated[Optional[str], typer.Option("--db", help=f"DuckDB file or postgresql:// URL (default {DEFAULT_DB}).")] = None,
    date_: DateOpt = None,
    processes: Annotated[Optional[int], typer.Option("--processes", "-j", help="Worker processes; 0 = all cores (the default without --config).")] = None,
    model: ModelOpt = None,
    max_chars: MaxCharsOpt = None,
    config: ConfigOpt = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", help="Code on Dask: 'processes' (a local cluster), 'threads', or a tcp:// scheduler address.")] = None,
) -> None:
    """Code articles and add their events to the store, merging duplicate reports."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventwire.corpus import ingest as run_ingest

    if processes is None and config is None:
        processes = 0
    settings = _settings(config, model=model, db=db, processes=processes, max_chars=max_chars)
    published = _parse_date(date_)
    with _open_store(settings.db, must_exist=False) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                            TimeElapsedColumn(), console=err, transient=True,
                                            disable=not err.is_terminal) as bar:
        task = bar.add_task("starting")

        def progress(p) -> None:
            bar.update(task, description=(
                f"{p.read} articles ({p.articles_per_s:.1f}/s), {p.mentions} event reports "
                f"({p.events_per_s:.1f}/s), {p.errors} errors"))

        try:
            if dask:
                from eventwire.scale import ingest_on_dask

                summary = ingest_on_dask(paths, store, settings, default_published=published,
                                         scheduler=dask, progress=progress)
            else:
                summary = run_ingest(paths, store, settings, default_published=published, progress=progress)
        except MISSING as e:
            raise _fail(str(e), 1) from e
        except EventwireError as e:
            raise _fail(str(e), 2) from e
    for _, message in summary.errors:
        _error(message, "[yellow]skipped[/yellow]")
    _say(_describe(summary))
    if summary.added == 0 and summary.skipped == 0:
        raise typer.Exit(2)


def _describe(summary) -> str:
    return (f"{summary.read} articles read: {summary.added} added, {summary.skipped} already stored, "
            f"{len(summary.errors)} errors; {summary.mentions} event reports, {summary.events} new events, "
            f"{summary.merged} merged into known events; {summary.elapsed:.1f} s "
            f"({summary.articles_per_s:.1f} articles/s)")


@app.command()
def query(
    db: DbOpt = DEFAULT_DB,
    actor: Annotated[Optional[str], typer.Option(help="Actor as source or target: id, name, ISO3 or CAMEO code.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source actor.")] = None,
    target: Annotated[Optional[str], typer.Option(help="Target actor.")] = None,
    type_: Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER type; repeat for several.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day, YYYY-MM-DD.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO3 of the event's place (for an actor's country use --actor ISO3).")] = None,
    near: Annotated[Optional[str], typer.Option(help="A place name or LAT,LON.")] = None,
    km: Annotated[float, typer.Option(help="Radius for --near.")] = 50.0,
    text: Annotated[Optional[str], typer.Option(help="Words in the evidence sentence.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Find events in the store."""
    if fmt not in {"table", "jsonl", "csv"}:
        raise typer.BadParameter("use table, jsonl or csv", param_hint="--format")
    f = _filter(actor, source, target, type_, since, until, country, near, km, text)
    with _open_store(db) as store:
        frame = store.events(f, limit=limit)
    if fmt == "jsonl":
        sys.stdout.write(frame.to_json(orient="records", lines=True, date_format="iso", force_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    else:
        _print_frame(frame, ["date", "event_type", "source_names", "target_names", "status",
                             "location_name", "num_mentions", "trigger"], "events")


def _print_frame(frame, columns: list[str], title: str) -> None:
    t = Table(title=f"{title} ({len(frame)})")
    cols = [c for c in columns if c in frame.columns]
    for c in cols:
        t.add_column(c)
    for row in frame[cols].itertuples(index=False):
        t.add_row(*("" if v is None or v != v else escape(str(v)) for v in row))
    out.print(t)


@app.command()
def relations(
    db: DbOpt = DEFAULT_DB,
    country: Annotated[Optional[str], typer.Option(help="Only dyads touching this ISO3.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Who acts on whom: counts and mean Goldstein per directed dyad, cooperation vs conflict."""
    with _open_store(db) as store:
        frame = store.relations(_filter(actor=country, since=since, until=until))
    if country:  # an event touching the country may hold other dyads too
        c = country.upper()
        frame = frame[(frame["source_country"] == c) | (frame["target_country"] == c)]
    _print_frame(frame, ["source_name", "target_name", "events", "mean_goldstein", "cooperation", "conflict"],
                 "relations")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="gdelt, plover, csv, parquet or graphml.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOpt = DEFAULT_DB,
    country: Annotated[Optional[str], typer.Option(help="ISO3 of the event's place.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Export events: GDELT 2.0 layout, PLOVER JSON, CSV, Parquet, or the actor network as GraphML."""
    from eventwire.export import export as run_export

    with _open_store(db) as store:
        run_export(store, _filter(country=country, since=since, until=until), fmt, out_path)
    _say(f"wrote {out_path}")


@app.command()
def demo(db: DbOpt = "eventwire-demo.duckdb") -> None:
    """Code the bundled sample corpus into a store and show what happened."""
    from eventwire.corpus import ingest as run_ingest
    from eventwire.ingest import sample_paths

    settings = Settings(db=db)
    with _open_store(db, must_exist=False) as store:
        summary = run_ingest(sample_paths(), store, settings)
        _say(_describe(summary))
        _print_frame(store.events(limit=15), ["date", "event_type", "source_names", "target_names",
                                              "location_name", "num_mentions", "trigger"], "top events")
        _print_frame(store.relations().head(15), ["source_name", "target_name", "events", "mean_goldstein",
                                                  "cooperation", "conflict"], "actor relations")
        _print_frame(store.timeseries(interval="month"), ["period", "quad_class", "events"], "timeline")
    _say(f"store: {db}  (try: eventwire query --db {db} --actor RUS ; eventwire serve --db {db})")


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless others must reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    write_token: Annotated[Optional[str], typer.Option("--write-token", envvar="EVENTWIRE_WRITE_TOKEN",
                                                       help="Enable POST /api/ingest for holders of this token.")] = None,
) -> None:
    """Serve the dashboard and JSON API over a store."""
    try:
        from eventwire.web import serve as run_serve
    except ImportError as e:
        raise _fail(str(MissingExtra("fastapi", "web", "for the dashboard")), 1) from e
    _require_store(db)
    run_serve(db, host=host, port=port, write_token=write_token)


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    db: DbOpt = DEFAULT_DB,
    country: Annotated[Optional[str], typer.Option(help="ISO3 of the country.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Write a single self-contained HTML report of one country and period."""
    try:
        from eventwire.web import write_report
    except ImportError as e:
        raise _fail(str(MissingExtra("fastapi", "web", "for reports")), 1) from e
    _require_store(db)
    path = write_report(db, out_path, country=country.upper() if country else None,
                        since=_parse_date(since, "--since"), until=_parse_date(until, "--until"))
    _say(f"wrote {path}")


__all__ = ["app"]
