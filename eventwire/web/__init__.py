"""The web dashboard: `eventwire serve` (FastAPI + one offline page) and `eventwire report`
(the same page as a single self-contained HTML file).

    app = create_app("events.duckdb")                  # read-only JSON API and page
    serve("events.duckdb", port=8000)                   # uvicorn on 127.0.0.1
    write_report("events.duckdb", Path("libya.html"), country="LBY", since=None, until=None)

Layout: api.py (routes and filter parsing), models.py (response shapes), app.py (the app,
the write token, uvicorn), page.py (the HTML), report.py, outlines.py (map shapes),
static/ (the page's own JS and CSS), templates/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.errors import MissingExtra

if TYPE_CHECKING:
    from eventwire.web.app import create_app, serve
    from eventwire.web.report import write_report

__all__ = ["create_app", "serve", "write_report"]


def __getattr__(name: str) -> Any:
    # FastAPI and uvicorn are an optional extra; import them only when the web is used.
    if name in ("create_app", "serve"):
        try:
            from eventwire.web import app
        except ModuleNotFoundError as e:
            if e.name in ("fastapi", "uvicorn", "starlette"):
                raise MissingExtra(e.name, "web", "for the dashboard") from e
            raise
        return getattr(app, name)
    if name == "write_report":
        from eventwire.web.report import write_report

        return write_report
    raise AttributeError(f"module 'eventwire.web' has no attribute {name!r}")
