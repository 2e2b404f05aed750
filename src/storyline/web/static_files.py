"""The static files at `/static`: the vendored chart libraries and our own `charts.js` (no CDN: the pages
work without internet). What `static/vendor/README.md` says of each vendored file (version, origin, licence).

    /static/vendor/vega.min.js, vega-lite.min.js, vega-embed.min.js, vega-interpreter.min.js
    /static/charts.js           finds the page's `<script type="application/json" class="vega-spec">` blocks
                                and embeds each chart in place of its server-rendered SVG (`present.charts`)

The page's Content-Security-Policy allows scripts from this origin only, without `unsafe-eval`: the charts
are embedded with `{ast: true, expr: vega.expressionInterpreter}`, so Vega never compiles code with Function().
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
PREFIX = "/static"
# The scripts a page with charts loads, in order (vega-embed needs vega and vega-lite as globals).
CHART_SCRIPTS = tuple(f"{PREFIX}/{name}" for name in (
    "vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-interpreter.min.js", "vendor/vega-embed.min.js",
    "charts.js"))
VENDORED = {"vega": "6.4.0", "vega-lite": "6.5.0", "vega-embed": "7.3.0", "vega-interpreter": "2.3.2"}

router = APIRouter(include_in_schema=False)
router.mount(PREFIX, StaticFiles(directory=STATIC), name="static")
