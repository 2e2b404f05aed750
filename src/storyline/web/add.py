"""Adding articles: the `/add` page (upload files, paste text, fetch a URL), the progress page of each
submission's background job (`/jobs/{id}`), and the same in the JSON API (`/api/articles`, `/api/uploads`,
`/api/jobs/{id}`). Every write goes through `security.form_writer` (forms) or `security.api_writer` (API).
Following a feed is the `/feeds` page's business.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from storyline.errors import Code, StorylineError
from storyline.ingest.fetch import fetch, is_feed, page_document
from storyline.ingest_job import Outcome
from storyline.records import RawDocument, SourceMeta
from storyline.settings import Settings
from storyline.store import Store
from storyline.web import jobs, submit
from storyline.web.render import library, page
from storyline.web.security import api_writer, form_writer
from storyline.web.submit import Refused

router = APIRouter()
# An API article waits this long for a running upload job to finish its writes before answering 503: long
# enough for a page or two of articles, short of a client's usual 60 s timeout.
API_WAIT_SECONDS = 30
# Fetch failures that are the other server's fault (unreachable, an HTTP error) rather than the request's.
UPSTREAM_CODES = frozenset({Code.FETCH_FAILED.value, Code.HTTP_STATUS.value})
_ATTACH = threading.Lock()


def registry(request: Request) -> jobs.Registry:
    """The app's job registry (made on first use)."""
    state = request.app.state
    with _ATTACH:
        if not hasattr(state, "jobs"):
            state.jobs = jobs.Registry()
    return state.jobs  # type: ignore[no-any-return]


def _start(request: Request, label: str, read: jobs.Reader, cleanup: Path | None = None) -> jobs.Job:
    job = registry(request).new(label)
    jobs.run(job, library(request).db_path, read, cleanup=cleanup)
    return job


def _uploads(files: Sequence[UploadFile | str]) -> list[submit.Upload]:
    return [submit.Upload(f.filename or "", f.size if f.size is not None else _size(f), f.file)
            for f in files if not isinstance(f, str)]


def _size(upload: UploadFile) -> int:
    upload.file.seek(0, 2)
    size = upload.file.tell()
    upload.file.seek(0)
    return size


def _start_upload(request: Request, files: Sequence[UploadFile | str]) -> jobs.Job:
    chosen = submit.check_uploads(_uploads(files))
    folder, paths = submit.save_uploads(chosen)
    names = ", ".join(submit.safe_name(u.name) for u in chosen[:3]) + (", …" if len(chosen) > 3 else "")
    label = f"{len(chosen)} file{'s' if len(chosen) != 1 else ''}: {names}"
    return _start(request, label, jobs.read_paths(paths, folder), cleanup=folder)


# -- pages ------------------------------------------------------------------------------------------------------
def _add_page(request: Request, status: int = 200, error: str | None = None, form: str | None = None,
              **values: str) -> HTMLResponse:
    return page(request, "add.html.j2", status=status, error=error, form=form, values=values,
                max_files=submit.MAX_UPLOAD_FILES, max_file_mb=submit.MAX_UPLOAD_FILE_BYTES // 2**20)


@router.get("/add", response_class=HTMLResponse, include_in_schema=False)
def add_page(request: Request) -> HTMLResponse:
    return _add_page(request)


@router.post("/add/files", dependencies=[Depends(form_writer)], include_in_schema=False)
def add_files(request: Request, files: Annotated[list[UploadFile | str], File()] = []) -> Response:  # noqa: B006
    """`str` items: a form sent without a chosen file carries an empty part, which arrives as an empty string."""
    try:
        job = _start_upload(request, files)
    except Refused as exc:
        return _add_page(request, exc.status, exc.message, "files")
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/add/text", dependencies=[Depends(form_writer)], include_in_schema=False)
def add_text(request: Request, text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
             outlet: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
             url: Annotated[str, Form()] = "") -> Response:
    try:
        doc = submit.pasted(text, title, outlet, published, url)
    except Refused as exc:
        return _add_page(request, exc.status, exc.message, "text", text=text, title=title, outlet=outlet,
                         published=published, url=url)
    job = _start(request, f"pasted text: {doc.meta.title or doc.body.strip()[:60]}", jobs.read_document(doc))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/add/url", dependencies=[Depends(form_writer)], include_in_schema=False)
def add_url(request: Request, url: Annotated[str, Form()] = "") -> Response:
    try:
        address = submit.page_url(url)
    except Refused as exc:
        return _add_page(request, exc.status, exc.message, "url", fetch_url=url)
    job = _start(request, address, jobs.read_url(address))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _job(request: Request, job_id: str) -> jobs.Job:
    job = registry(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no such job (the server keeps the last {jobs.MAX_JOBS} jobs until it stops)")
    return job


def _article(outcome: Outcome, store: Store | None, titles: dict[str, str | None]) -> dict[str, Any]:
    """An outcome's article, with its story once the job is done (`store` given)."""
    item: dict[str, Any] = {"id": outcome.article_id, "source_id": outcome.source_id, "title": outcome.title}
    if store is not None and outcome.article_id is not None:
        story_id = store.story_of(outcome.article_id)
        if story_id is not None and story_id not in titles:
            story = store.get_story(story_id)
            titles[story_id] = story["title"] if story else None
        item.update(story_id=story_id, story_title=titles.get(story_id) if story_id else None)
    return item


def job_record(request: Request, job: jobs.Job) -> dict[str, Any]:
    """The job's progress; once done, its articles with the story each joined."""
    view = job.view()
    outcomes = view.pop("outcomes")
    failures = [{"source_id": o.source_id, "code": o.failure.code, "reason": o.failure.reason}
                for o in outcomes["failed"] if o.failure is not None]
    titles: dict[str, str | None] = {}
    if not view["done"]:
        return {**view, "stored": [_article(o, None, titles) for o in outcomes["stored"]],
                "already": [_article(o, None, titles) for o in outcomes["already"]], "failed": failures}
    with library(request).store() as store:
        return {**view, "stored": [_article(o, store, titles) for o in outcomes["stored"]],
                "already": [_article(o, store, titles) for o in outcomes["already"]], "failed": failures}


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    return page(request, "job.html.j2", job=job_record(request, _job(request, job_id)), listed=jobs.MAX_LISTED)


# -- API --------------------------------------------------------------------------------------------------------
class NewArticle(BaseModel):
    """An article to add: its text (with optional metadata), or only the `url` of a page to fetch."""

    text: str | None = Field(None, description="The article's text. Without it, `url` is fetched.")
    title: str | None = Field(None, description="Its headline.")
    outlet: str | None = Field(None, description="Who published it.")
    published: str | None = Field(None, description="Publication date, ISO 8601 (2022-01-28).")
    url: str | None = Field(None, description="Where it was published; fetched when no `text` is given.")


class AddedArticle(BaseModel):
    id: str = Field(description="The article's id.")
    story_id: str | None = Field(description="The story it joined.")
    new: bool = Field(description="False when the article was already stored.")
    title: str | None = None


class StartedJob(BaseModel):
    job: str = Field(description="The job's id: follow its progress at `/api/jobs/{job}`.")
    url: str
    page: str = Field(description="The job's progress page.")


def _fetched(given: NewArticle) -> RawDocument:
    address = submit.page_url(given.url)
    meta = SourceMeta(title=given.title, outlet=given.outlet, published=given.published)
    try:
        fetched = fetch(address, Settings())
        if is_feed(fetched):
            raise Refused(f"{address} is a feed: follow it on /feeds, or POST its entries one by one.", 422)
        return page_document(fetched, address, meta)
    except StorylineError as exc:
        status = 502 if exc.code.value in UPSTREAM_CODES else 422
        raise Refused(f"{exc.source}: [{exc.code.value}] {exc.reason}", status) from exc


@router.post("/api/articles", status_code=201, response_model=AddedArticle, tags=["add"],
             dependencies=[Depends(api_writer)])
def api_add_article(request: Request, given: NewArticle) -> AddedArticle:
    """Add one article, synchronously: its `text` (with optional `title`, `outlet`, `published`, `url`), or
    the page at `url` when no text is given. Answers with the article's id, the story it joined and whether it
    was new (an article already stored answers `new: false`). 422 says what is wrong with the input; 502 that
    the page could not be fetched; 503 that an upload job is busy writing (retry shortly)."""
    try:
        if given.text is None and given.url is None:
            raise Refused("Give the article's `text`, or the `url` of a page to fetch.")
        if given.text is None:
            doc = _fetched(given)
        else:
            doc = submit.pasted(given.text, given.title, given.outlet, given.published, given.url)
    except Refused as exc:
        raise HTTPException(422 if exc.status == 400 else exc.status, exc.message) from exc
    outcomes: list[Outcome] = []
    if not jobs.WRITE_LOCK.acquire(timeout=API_WAIT_SECONDS):
        raise HTTPException(503, "an upload is being stored: retry in a minute")
    try:
        jobs.ingest(library(request).db_path, [doc], Settings(), outcomes.append)
    finally:
        jobs.WRITE_LOCK.release()
    outcome = outcomes[0]
    if outcome.failure is not None or outcome.article_id is None:
        raise HTTPException(422, outcome.failure.line() if outcome.failure else "the article was not stored")
    with library(request).store() as store:
        story_id = store.story_of(outcome.article_id)
    return AddedArticle(id=outcome.article_id, story_id=story_id, new=outcome.status == "stored",
                        title=outcome.title)


UPLOAD_HELP = (f"Add the articles in uploaded files (.txt, .html, .jsonl/.json/.csv exports, .warc(.gz), RSS/Atom "
               f"feed files) in a background job; answers 202 with the job's id. At most {submit.MAX_UPLOAD_FILES} "
               f"files (400 beyond), of {submit.MAX_UPLOAD_FILE_BYTES // 2**20} MB each (413 beyond).")


@router.post("/api/uploads", status_code=202, response_model=StartedJob, tags=["add"], description=UPLOAD_HELP,
             dependencies=[Depends(api_writer)])
def api_upload(request: Request, files: Annotated[list[UploadFile], File(
        description="Files of any kind `storyline ingest` reads.")]) -> StartedJob:
    """Upload files to add in a background job."""
    try:
        job = _start_upload(request, files)
    except Refused as exc:
        raise HTTPException(exc.status, exc.message) from exc
    return StartedJob(job=job.id, url=f"/api/jobs/{job.id}", page=f"/jobs/{job.id}")


@router.get("/api/jobs/{job_id}", tags=["add"])
def api_job(request: Request, job_id: str) -> dict[str, Any]:
    """A job's progress: `state` (queued, running, done, failed), `counts` (read, stored, already, failed),
    the articles stored and already stored (with their `story_id` once done) and each failure's input, code and
    reason. Jobs live in memory: the last few are kept until the server stops."""
    return job_record(request, _job(request, job_id))
