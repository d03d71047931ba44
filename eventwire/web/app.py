"""The FastAPI application behind `eventwire serve`: the page, its static files, the API,
and, only when a write token is configured, POST /api/ingest."""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

import eventwire
from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.web import models as m
from eventwire.web.api import StoreGate, router
from eventwire.web.page import STATIC, served_page
from eventwire.web.report import open_read_only

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


def _readable(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence per bad parameter."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        given = err.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts)


def _ingest_route(app: FastAPI, token: str, settings: Settings) -> None:
    coder: list = []  # built on the first write, then kept
    coding_lock = threading.Lock()

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if not authorization:
            raise HTTPException(401, "writing needs the write token: send 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(403, "the write token is wrong")

    @app.post("/api/ingest", response_model=m.IngestResult, dependencies=[Depends(authorised)],
              summary="Code documents and add their events to the store (needs the write token)",
              responses={401: {"model": m.ApiError}, 403: {"model": m.ApiError}, 422: {"model": m.ApiError}})
    def ingest(request: Request, body: list[m.IngestDocument] | m.IngestDocument) -> m.IngestResult:
        from eventwire.ingest import read_text_document
        from eventwire.pipeline import code_documents

        given = body if isinstance(body, list) else [body]
        try:
            # the same checks as files get: empty, too large, not English
            docs = [read_text_document(d.text, doc_id=d.id, published=d.published, title=d.title, url=d.url,
                                       source=f"api:{d.id}", max_chars=settings.max_chars) for d in given]
        except InputError as e:
            raise HTTPException(422, str(e)) from e
        # one coder for the app, used by one request at a time: spaCy pipelines are not thread-safe
        with coding_lock:
            if not coder:
                from eventwire.coding.coder import Coder

                coder.append(Coder(settings))
            coded = list(code_documents(docs, settings, coder=coder[0]))
        with request.app.state.gate.use() as store:
            store.add_many(coded)
            # a report that joined an event already stored lives under that event's id
            ids = [ev.event_id for c in coded for ev in c.events if store.event(ev.event_id) is not None]
        reports = sum(len(c.events) for c in coded)
        log.info("ingested %d document(s), %d event report(s) over the API", len(docs), reports)
        return m.IngestResult(documents=len(docs), events=reports, event_ids=ids)


def create_app(store_url: str, *, write_token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The dashboard and its API over the store at `store_url` (a DuckDB path or a
    postgresql:// URL). Read-only unless `write_token` is given, which enables POST /api/ingest."""
    import eventwire.store as st

    store = st.open(store_url, read_only=False) if write_token else open_read_only(st, store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # FastAPI's /docs and /redoc pages load their scripts from a CDN, which breaks the
    # promise that nothing leaves the machine; the schema stays at /openapi.json.
    app = FastAPI(title="eventwire", version=eventwire.__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political events coded from news (PLOVER/CAMEO), with the evidence behind each.")
    app.state.gate = StoreGate(store)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _readable(exc)})

    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, exc: EventwireError) -> JSONResponse:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    page = served_page()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return page

    if write_token:
        _ingest_route(app, write_token, settings or Settings())
    return app


def serve(store_url: str, host: str = LOOPBACK, port: int = 8000, write_token: str | None = None,
          settings: Settings | None = None) -> None:
    """Run the dashboard with uvicorn until interrupted. Binds to 127.0.0.1 unless told otherwise."""
    import uvicorn

    if host != LOOPBACK and write_token:
        log.warning("serving with a write token on %s: anyone who can reach it and has the token can write", host)
    uvicorn.run(create_app(store_url, write_token=write_token, settings=settings), host=host, port=port,
                log_level="info")
