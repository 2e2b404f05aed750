"""Rule names: the `reason` recorded in a `Removal` for each kind of text the cleaner drops or moves to metadata.

The HTML line rules (clean.html_rules) use the same names where they see the same phenomenon, so that a reason
means one thing whichever stage removed the line.
"""

from __future__ import annotations

RELATED = "related-headlines"
NEWSLETTER = "newsletter-prompt"
COOKIE = "cookie-notice"
FEEDBACK = "feedback-prompt"
COMMENT = "comment-prompt"
SHARE = "share-prompt"
CAPTION = "photo-caption"
IMAGE_TITLE = "image-title"
REPEATED = "repeated-line"
UI = "ui-string"
BYLINE = "byline"
DATELINE = "dateline"
HEADLINE = "headline"
STANDFIRST = "standfirst"
