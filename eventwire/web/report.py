"""`eventwire report`: the dashboard for one country and period as one HTML file.

The file holds the page's scripts and styles, the country outlines and the matching events,
all inline, so it opens from a mail attachment with no server and no internet. The page's
views then aggregate the inlined events in the browser (static/core.js, localSource).
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.web import models as m
from eventwire.web.outlines import outlines_json
from eventwire.web.page import inline_page, script_json

log = logging.getLogger(__name__)

# A report is meant to be mailed; past this many events the file grows past a few MB.
MAX_REPORT_EVENTS = 20_000


def open_read_only(st: Any, url: str) -> Any:
    """Open a store for reading. A missing DuckDB file is created first, so a fresh store
    reads as empty rather than failing."""
    if not url.startswith(("postgresql://", "postgres://")):
        path = Path(url.removeprefix("duckdb://"))
        if not path.exists():
            st.open(url).close()
    return st.open(url, read_only=True)


def report_data(store: Any, *, country: str | None, since: date | None, until: date | None,
                max_events: int = MAX_REPORT_EVENTS) -> dict[str, Any]:
    """What the report's page needs: the matching events as table rows, newest first."""
    import eventwire.store as st

    f = st.EventFilter(country=country.upper() if country else None, since=since, until=until)
    total = store.count_events(f)
    if total > max_events:
        log.warning("%d events match; the report keeps the newest %d (narrow the period to keep all)",
                    total, max_events)
    rows = [m.event_row(r).model_dump(exclude_none=True) for r in m.rows(store.events(f, limit=max_events))]
    return {
        "fixed": {"country": f.country, "since": since.isoformat() if since else None,
                  "until": until.isoformat() if until else None},
        "total": total,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "events": rows,
    }


def write_report(store_url: str, out: Path, *, country: str | None = None, since: date | None = None,
                 until: date | None = None) -> Path:
    """Write the self-contained dashboard for `country` (ISO3 of the event's place) between
    `since` and `until` (inclusive) to `out`, and return its path."""
    import eventwire.store as st

    if since and until and since > until:
        raise ConfigError(f"the period starts ({since}) after it ends ({until}); swap --since and --until")
    with open_read_only(st, store_url) as store:
        data = report_data(store, country=country, since=since, until=until)
    data["outlines"] = json.loads(outlines_json())
    span = f"{since or 'start'} to {until or 'now'}"
    title = f"eventwire report: {data['fixed']['country'] or 'all countries'}, {span}"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(inline_page(title, script_json(data)), encoding="utf-8")
    log.info("wrote %s: %d events, %d bytes", out, len(data["events"]), out.stat().st_size)
    return out
