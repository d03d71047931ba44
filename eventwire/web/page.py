"""The dashboard's one HTML page, either linking its scripts (served) or inlining them (report)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATE = HERE / "templates" / "page.html"
SCRIPTS = ("core.js", "views.js", "panels.js")
STYLES = ("app.css",)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>", no "<!--", no U+2028."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _fill(title: str, head: str, scripts: str) -> str:
    page = TEMPLATE.read_text(encoding="utf-8")
    return page.replace("__TITLE__", html.escape(title)).replace("__HEAD__", head).replace("__SCRIPTS__", scripts)


def served_page(title: str = "eventwire") -> str:
    """The page for `eventwire serve`: scripts and styles come from /static, nothing from outside."""
    head = "\n".join(f'<link rel="stylesheet" href="static/{name}">' for name in STYLES)
    scripts = "\n".join(f'<script src="static/{name}"></script>' for name in SCRIPTS)
    return _fill(title, head, scripts)


def inline_page(title: str, data_json: str) -> str:
    """A self-contained page: styles, scripts and the data (already script-safe JSON) inline."""
    css = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in STYLES)
    head = f"<style>\n{css}\n</style>"
    code = "\n".join((STATIC / name).read_text(encoding="utf-8").replace("</script", "<\\/script") for name in SCRIPTS)
    scripts = f"<script>window.EVENTWIRE_REPORT = {data_json};</script>\n<script>\n{code}\n</script>"
    return _fill(title, head, scripts)
