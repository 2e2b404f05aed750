"""Background ingest jobs of the web app: a bounded in-memory registry and the thread that runs each job.

A job reads its inputs (saved uploads, a URL, a pasted document) through the same functions as `storyline
ingest` (`ingest_job`), in a thread with its own Store connection; SQLite's WAL mode lets the pages read
meanwhile. Progress is kept on the job and shown by `/jobs/{id}` and `/api/jobs/{id}`. Jobs run one at a
time (WRITE_LOCK): the store has one writer, and a second concurrent ingest would only wait on SQLite's lock
and reload the story index after each of the other's commits. Jobs are forgotten when the server stops.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from storyline.ingest import read_inputs
from storyline.ingest_job import IngestReport, Outcome, ingest_documents
from storyline.records import IngestItem, RawDocument
from storyline.settings import Settings
from storyline.store import Store

# Jobs kept in memory: each holds its outcomes (a WARC may hold thousands, a few hundred bytes each); the
# last 50 cover any one user's recent submissions while bounding what a busy server keeps.
MAX_JOBS = 50
# Outcomes kept per status and listed on a job's page: the counts stay exact beyond it; a page listing
# thousands of rows is unreadable, and `storyline ingest` is the tool for such batches.
MAX_LISTED = 500

State = Literal["queued", "running", "done", "failed"]
# One writer at a time: see the module docstring. Also taken by the API's synchronous article writes.
WRITE_LOCK = threading.Lock()


@dataclass
class Job:
    """One submission and its progress. Updated by its thread; read through `view()` (under the lock)."""

    id: str
    label: str
    state: State = "queued"
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"stored": 0, "already": 0, "failed": 0})
    outcomes: dict[str, list[Outcome]] = field(default_factory=lambda: {"stored": [], "already": [], "failed": []})
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, outcome: Outcome) -> None:
        with self._lock:
            self.counts[outcome.status] += 1
            if len(self.outcomes[outcome.status]) < MAX_LISTED:
                self.outcomes[outcome.status].append(outcome)

    def set_state(self, state: State, error: str | None = None) -> None:
        with self._lock:
            self.state, self.error = state, error
            if state in ("done", "failed"):
                self.finished = time.time()

    @property
    def finished_running(self) -> bool:
        return self.state in ("done", "failed")

    def view(self) -> dict[str, Any]:
        """A consistent copy: id, label, state, error, counts (+ read), outcomes by status, seconds."""
        with self._lock:
            counts = dict(self.counts)
            return {"id": self.id, "label": self.label, "state": self.state, "error": self.error,
                    "done": self.finished_running, "counts": {**counts, "read": sum(counts.values())},
                    "outcomes": {k: list(v) for k, v in self.outcomes.items()},
                    "seconds": round((self.finished or time.time()) - self.created, 1)}


class Registry:
    """The last MAX_JOBS jobs by id (oldest dropped first); thread-safe."""

    def __init__(self, size: int = MAX_JOBS) -> None:
        self.size = size
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, label: str) -> Job:
        job = Job(id=secrets.token_hex(8), label=label)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.size:
                self._jobs.popitem(last=False)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)


Reader = Callable[[], Iterable[IngestItem]]


def run(job: Job, db_path: Path, read: Reader, cleanup: Path | None = None,
        settings: Settings | None = None) -> threading.Thread:
    """Start `job` in a daemon thread: ingest what `read()` yields into the store at `db_path`, then remove
    the `cleanup` directory (saved uploads). A crash marks the job failed; what was stored stays stored."""

    def work() -> None:
        try:
            try:
                with WRITE_LOCK:
                    job.set_state("running")
                    ingest(db_path, read(), settings or Settings(), job.record)
            finally:
                if cleanup is not None:
                    shutil.rmtree(cleanup, ignore_errors=True)
        except Exception as exc:  # storyline's own bug: shown on the job page instead of lost in a thread
            job.set_state("failed", f"{type(exc).__name__}: {exc}")
        else:
            job.set_state("done")

    thread = threading.Thread(target=work, name=f"storyline-job-{job.id}", daemon=True)
    thread.start()
    return thread


def ingest(db_path: Path, items: Iterable[IngestItem], settings: Settings,
           progress: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest `items` into the store at `db_path` through a connection of this thread."""
    with Store(db_path) as store:
        return ingest_documents(store, items, settings, progress=progress)


def read_paths(paths: list[Path], folder: Path) -> Reader:
    """Read saved uploads; their source ids name the uploaded file, not the temporary folder it sits in."""
    prefix = str(folder) + os.sep  # each upload sits in its own numbered folder under it: FOLDER/3/name.txt

    def relabel(value: str) -> str:
        if not value.startswith(prefix):
            return value  # a record id or a WARC record's URI
        return value.removeprefix(prefix).partition(os.sep)[2] or value

    def read() -> Iterable[IngestItem]:
        for item in read_inputs([str(p) for p in paths]):
            yield replace(item, source_id=relabel(item.source_id))

    return read


def read_url(url: str) -> Reader:
    return lambda: read_inputs([url])


def read_document(doc: RawDocument) -> Reader:
    return lambda: [doc]

