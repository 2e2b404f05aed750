"""Errors with codes. Every rejected input gets one clear line: the input, a code, and the reason.

Codes are stable (users grep for them); add new ones at the end of their block, never renumber.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # E1xx: reading an input
    NOT_FOUND = "E101"  # the path does not exist
    EMPTY = "E102"  # nothing but whitespace
    BINARY = "E103"  # not text: NUL bytes or an unknown binary format
    UNDECODABLE = "E104"  # no encoding gives sensible text
    TOO_LARGE = "E105"  # over the size limit
    UNSUPPORTED = "E106"  # a file kind storyline does not read
    # E2xx: parsing a format
    BAD_JSON = "E201"
    BAD_CSV = "E202"
    BAD_FEED = "E203"
    BAD_HTML = "E204"  # no article body could be extracted
    BAD_WARC = "E205"
    BAD_RECORD = "E206"  # a record without `text` / `html`, or with fields of the wrong type
    BAD_METADATA = "E207"  # a sidecar or metadata file that cannot be read
    NO_BODY = "E208"  # nothing of the article is left once the noise is removed
    # E3xx: fetching
    FETCH_FAILED = "E301"  # connection error, DNS, timeout
    HTTP_STATUS = "E302"  # a non-2xx answer
    BAD_URL = "E303"
    # E4xx: options and store
    BAD_OPTION = "E401"
    STORE = "E402"
    NOT_IN_STORE = "E403"
    # E9xx: storyline's own fault; the item is reported and the batch goes on
    INTERNAL = "E901"


class StorylineError(Exception):
    """An error that names its input, its code and the reason, for users rather than developers."""

    def __init__(self, code: Code, source: str, reason: str) -> None:
        super().__init__(f"{source}: [{code.value}] {reason}")
        self.code = code
        self.source = source
        self.reason = reason
