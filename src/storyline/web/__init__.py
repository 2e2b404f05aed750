"""The web app (`storyline serve`): server-rendered pages and a JSON API over the store.

    create_app(db_path) -> FastAPI

Talks only to `store/`, `synthesize/` and the analysis pipeline; presentation helpers come from `present/`.
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
