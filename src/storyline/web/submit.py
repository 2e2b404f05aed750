"""What a submission of the `/add` page or the API may be: uploads checked and saved to a temporary folder,
pasted text made a document, a URL checked. Anything wrong is `Refused` as a whole, with a message saying what
to fix, before anything is stored; what is wrong with one item of an accepted upload is a failure of its job.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.clean.dates import normalise_date
from storyline.ingest import is_url
from storyline.records import RawDocument, SourceMeta
from storyline.settings import Settings

# Files in one upload: a hand-picked set of saved pages or exports. A folder of thousands of files belongs to
# `storyline ingest DIR`, which needs no temporary copy; the cap also bounds the temporary files of one request.
MAX_UPLOAD_FILES = 200
# One uploaded file: an export or WARC of a few thousand articles is well under 25 MB; half the request limit
# (security.MAX_BODY_BYTES) leaves room for the other files of the upload. Single articles (.txt, .html) are
# further held to Settings.max_document_bytes by the readers, as for `storyline ingest`.
MAX_UPLOAD_FILE_BYTES = 25 * 1024 * 1024
# A saved file's name: the upload's own name (its suffix says its kind) without anything a path could use.
MAX_NAME_CHARS = 120
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


class Refused(ValueError):
    """A submission refused as a whole (nothing stored): the message for the user, and the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the web layer hands it over: its name, size and contents."""

    name: str
    size: int
    file: BinaryIO


def check_uploads(uploads: list[Upload]) -> list[Upload]:
    """The uploads that hold a file (a form sent without a file carries an empty one), or Refused."""
    chosen = [u for u in uploads if u.name or u.size]
    if not chosen:
        raise Refused("Choose at least one file to upload.")
    if len(chosen) > MAX_UPLOAD_FILES:
        raise Refused(f"{len(chosen)} files are more than the {MAX_UPLOAD_FILES} one upload may hold: upload them "
                      "in parts, or use `storyline ingest FOLDER` for a whole folder.")
    for upload in chosen:
        if upload.size > MAX_UPLOAD_FILE_BYTES:
            raise Refused(f"{upload.name or 'a file'} is {upload.size / 2**20:.1f} MB; one file may have at most "
                          f"{MAX_UPLOAD_FILE_BYTES // 2**20} MB (use `storyline ingest` for larger ones).", 413)
    return chosen


def safe_name(name: str) -> str:
    """The file name of an upload without its folders or any character a path or a shell would read."""
    base = _UNSAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return base[-MAX_NAME_CHARS:] or "upload"


def save_uploads(uploads: list[Upload]) -> tuple[Path, list[Path]]:
    """Copy uploads to a new temporary folder (each in its own numbered subfolder, under its own name so that
    its suffix gives its kind and re-uploading a file gives the same article id); the folder and the paths."""
    folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
    try:
        paths = []
        for number, upload in enumerate(uploads):
            target = folder / str(number) / safe_name(upload.name)
            target.parent.mkdir()
            with target.open("wb") as out:
                shutil.copyfileobj(upload.file, out)
            paths.append(target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, paths


def _given(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def pasted(text: str | None, title: str | None = None, outlet: str | None = None, published: str | None = None,
           url: str | None = None, settings: Settings | None = None) -> RawDocument:
    """A pasted article as a document, or Refused saying what to fix (empty text, a bad date or URL)."""
    limit = (settings or Settings()).max_document_bytes
    if not (text or "").strip():
        raise Refused("Paste the article's text: the text box is empty.")
    assert text is not None
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise Refused(f"The text is longer than the {limit // 2**20} MB one article may have.", 413)
    date, address = _given(published), _given(url)
    if date is not None and normalise_date(date) is None:
        raise Refused(f"{date!r} is not a date: write it like 2022-01-28 (a time may follow: 2022-01-28T14:30).")
    if address is not None and not is_url(address):
        raise Refused("The article's URL must start with http:// or https:// (or leave it empty).")
    meta = SourceMeta(title=_given(title), outlet=_given(outlet), published=date, url=address)
    return pasted_document(text, meta)


def page_url(url: str | None) -> str:
    """A URL to fetch, or Refused."""
    address = _given(url)
    if address is None or not is_url(address):
        raise Refused("Give the address of an article, starting with http:// or https://.")
    return address


def pasted_document(text: str, meta: SourceMeta) -> RawDocument:
    """Pasted text as a document. Its name is fixed, so the same text pasted twice is stored once (with a URL,
    the URL names it, as for a fetched page)."""
    return RawDocument(source_id=meta.url or "pasted text", kind="text", body=text,
                       raw=text.encode("utf-8", "surrogatepass"), meta=meta, name="pasted")

