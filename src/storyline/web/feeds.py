"""Following feeds in the web app: the `/feeds` page (status of each feed, a form to follow one, "poll now",
"stop following"), `GET/POST /api/feeds`, and the server's own poller: a thread that runs the watcher's due
polls while the server runs (`lifespan`, or `start_feed_thread` for a caller that manages it itself).

Every write goes through `security.form_writer` (forms) or `security.api_writer` (API). Polling happens in
threads of its own, each with its own store, so readers never wait for it (SQLite WAL; one transaction per
article).
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from storyline.errors import StorylineError
from storyline.ingest.watch import (
    DEFAULT_INTERVAL_S,
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    PollResult,
    Watcher,
    follow,
    utc_now,
)
from storyline.present.report import safe_url
from storyline.store import Store
from storyline.store.feeds import Feed
from storyline.web.render import library, page
from storyline.web.security import api_writer, form_writer

log = logging.getLogger(__name__)
router = APIRouter()

# The intervals the form offers (seconds, label): from the shortest polite one to once a day.
INTERVAL_CHOICES = ((5 * 60, "5 minutes"), (15 * 60, "15 minutes"), (30 * 60, "30 minutes"), (3600, "hour"),
                    (3 * 3600, "3 hours"), (6 * 3600, "6 hours"), (24 * 3600, "day"))
# Stopping the server waits this long for a poll in progress: a page fetch or an analysis batch takes seconds;
# past that the thread is abandoned (a daemon), and an unfinished article's transaction simply rolls back.
STOP_WAIT_S = 10.0
# After an unexpected error of the poll loop itself (the store unreadable for a while), wait before resuming
# rather than spinning on the error.
RESTART_WAIT_S = 60.0


# -- the server's poller ----------------------------------------------------------------------------------------
class FeedPoller:
    """A daemon thread that polls the due feeds of the store at `db_path` until `stop()`."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="storyline-feeds", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Look for due feeds now (a feed was just followed, or "poll now" asked)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(STOP_WAIT_S)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with Store(self.db_path) as store:
                    watcher = Watcher(store)
                    watcher.wake = self._wake
                    try:
                        watcher.run(self._stop, _log_result)
                    finally:
                        watcher.close()
            except Exception:  # the loop itself failed (not one feed): say so, wait, resume
                log.exception("the feed poller failed; resuming in %g s", RESTART_WAIT_S)
                self._stop.wait(RESTART_WAIT_S)


def _log_result(result: PollResult) -> None:
    log.log(logging.WARNING if result.error else logging.INFO, "%s", result.line())


def start_feed_thread(app: FastAPI) -> Callable[[], None]:
    """Start polling the followed feeds of the app's store in a thread; returns the function that stops it."""
    poller = FeedPoller(app.state.library.db_path)
    app.state.feed_poller = poller
    poller.start()
    return poller.stop


def poller_lock(db_path: Path) -> IO[bytes] | None:
    """The right to poll the store's feeds: an exclusive lock on a file beside the store, held while the
    returned file is open; None when another process (another server worker, `storyline watch`... ) has it."""
    handle = open(db_path.with_name(db_path.name + ".feeds.lock"), "ab")  # noqa: SIM115 (held for the server's life)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The app's lifespan: the feed poller runs while the server does, unless `app.state.watch_feeds` is False;
    of several server processes on one store (`serve --workers N`), one polls."""
    lock = poller_lock(app.state.library.db_path) if getattr(app.state, "watch_feeds", True) else None
    stop = start_feed_thread(app) if lock is not None else None
    try:
        yield
    finally:
        if stop is not None:
            stop()
        if lock is not None:
            lock.close()


_polling: set[str] = set()  # feeds polled right now by "poll now" threads (one poll per feed at a time)
_polling_lock = threading.Lock()


def _wake_poller(request: Request) -> bool:
    """Have the server's poller look for due feeds now; False when it does not run."""
    poller: FeedPoller | None = getattr(request.app.state, "feed_poller", None)
    if poller is None or not poller.running:
        return False
    poller.wake()
    return True


def _poll_soon(request: Request, url: str) -> None:
    """Poll `url` now: by the server's poller when it runs, else in a thread of its own."""
    if _wake_poller(request):
        return
    with _polling_lock:
        if url in _polling:
            return
        _polling.add(url)
    threading.Thread(target=_poll_one, args=(library(request).db_path, url), name="storyline-poll",
                     daemon=True).start()


def _poll_one(db_path: Path, url: str) -> None:
    try:
        with Store(db_path) as store:
            feed = store.get_feed(url)
            if feed is not None:
                watcher = Watcher(store)
                try:
                    _log_result(watcher.poll(feed))
                finally:
                    watcher.close()
    except Exception:
        log.exception("polling %s failed", url)
    finally:
        with _polling_lock:
            _polling.discard(url)


def _follow(request: Request, url: str, outlet: str | None, interval_s: int | None) -> tuple[Feed, bool]:
    """Follow `url` (http(s) only: the server never reads its own files for a visitor); (feed, newly followed)."""
    with library(request).store() as store:
        new = store.get_feed(url.strip()) is None
        feed = follow(store, url, outlet, interval_s)
    _wake_poller(request)  # due at once: the poller (when the server runs one) polls it now
    return feed, new


# -- pages ------------------------------------------------------------------------------------------------------
def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def _every(seconds: int) -> str:
    for value, label in INTERVAL_CHOICES:
        if value == seconds:
            return label if label[0].isdigit() else f"1 {label}"
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def feed_row(feed: Feed) -> dict[str, Any]:
    """What the `/feeds` table shows of a feed."""
    status = "failing" if feed.failures else ("ok" if feed.last_ok else "waiting for its first poll")
    return {"url": feed.url, "href": safe_url(feed.url), "outlet": feed.outlet or "", "every": _every(feed.interval_s),
            "status": status, "last_polled": _when(feed.last_polled), "last_ok": _when(feed.last_ok),
            "failures": feed.failures, "last_error": feed.last_error or "", "next_poll": _when(feed.next_poll),
            "articles_added": feed.articles_added}


def _feeds_page(request: Request, status: int = 200, error: str | None = None, **values: str) -> HTMLResponse:
    with library(request).store() as store:
        feeds = store.list_feeds()
    return page(request, "feeds.html.j2", status=status, rows=[feed_row(f) for f in feeds], error=error,
                values={"url": "", "outlet": "", "interval": str(DEFAULT_INTERVAL_S), **values},
                choices=INTERVAL_CHOICES, now=_when(utc_now()))


@router.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
def feeds_page(request: Request) -> HTMLResponse:
    return _feeds_page(request)


@router.post("/feeds", dependencies=[Depends(form_writer)], include_in_schema=False)
def follow_form(request: Request, url: Annotated[str, Form()] = "", outlet: Annotated[str, Form()] = "",
                interval: Annotated[str, Form()] = "") -> Response:
    values = {"url": url, "outlet": outlet, "interval": interval}
    if not url.strip():
        return _feeds_page(request, 400, "Give the address of the feed to follow.", **values)
    if interval.strip() and not interval.strip().isdigit():
        return _feeds_page(request, 400, f"The interval is a number of seconds, not {interval!r}.", **values)
    try:
        _follow(request, url, outlet, int(interval) if interval.strip() else None)
    except StorylineError as exc:
        return _feeds_page(request, 400, f"{exc.reason} ({exc.code.value})", **values)
    return RedirectResponse("/feeds", status_code=303)


@router.post("/feeds/poll", dependencies=[Depends(form_writer)], include_in_schema=False)
def poll_form(request: Request, url: Annotated[str, Form()] = "") -> Response:
    with library(request).store() as store:
        if not store.schedule_feed(url, utc_now()):
            raise HTTPException(404, "this feed is not followed")
    _poll_soon(request, url)
    return RedirectResponse("/feeds", status_code=303)


@router.post("/feeds/unfollow", dependencies=[Depends(form_writer)], include_in_schema=False)
def unfollow_form(request: Request, url: Annotated[str, Form()] = "") -> Response:
    with library(request).store() as store:
        if not store.unfollow_feed(url):
            raise HTTPException(404, "this feed is not followed")
    return RedirectResponse("/feeds", status_code=303)


# -- API --------------------------------------------------------------------------------------------------------
class FeedIn(BaseModel):
    url: str = Field(description="The feed's http(s) address.", max_length=2000)
    outlet: str | None = Field(default=None, description="Outlet of its articles (default: the feed's title).",
                               max_length=200)
    interval: int | None = Field(default=None, ge=MIN_INTERVAL_S, le=MAX_INTERVAL_S,
                                 description=f"Seconds between polls (default {DEFAULT_INTERVAL_S}).")


@router.get("/api/feeds", tags=["feeds"])
def api_feeds(request: Request) -> dict[str, Any]:
    """The followed feeds with their polling state (last poll, last success, failures, next poll...)."""
    with library(request).store() as store:
        return {"feeds": [f.to_dict() for f in store.list_feeds()]}


@router.post("/api/feeds", tags=["feeds"], dependencies=[Depends(api_writer)], status_code=201)
def api_follow(request: Request, body: FeedIn) -> Response:
    """Follow a feed (polled at once, then every `interval` seconds); 200 when it was already followed."""
    try:
        feed, new = _follow(request, body.url, body.outlet, body.interval)
    except StorylineError as exc:
        raise HTTPException(400, f"[{exc.code.value}] {exc.reason}") from exc
    return JSONResponse({"feed": feed.to_dict()}, status_code=201 if new else 200)
