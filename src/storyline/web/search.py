"""Search over articles, quotes and names (`/search`, `/api/search`), filtered by outlet and publication day.

The store turns the reader's text into a safe FTS5 query and returns snippets as (text, is_hit) segments;
the page escapes each segment (autoescape) and marks the hits, so article text never becomes markup.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.contract import SCHEMA_VERSION
from storyline.present.report import show_date
from storyline.web.render import MAX_PAGE, library, page
from storyline.web.views import article_href, entity_href

router = APIRouter()
SEARCH_PAGE = 20
NAMES_SHOWN = 8  # names matching, shown above the results of a search over everything
KIND_TABS = (("", "Everything"), ("article", "Articles"), ("quote", "Quotes"), ("name", "Names"))
Kind = Literal["article", "quote", "name"]
Offset = Annotated[int, Query(ge=0, le=MAX_PAGE * 1000, description="How many to skip.")]
Text = Annotated[str, Query(max_length=500, description="Words to find; \"exact phrases\" in double quotes.")]


def parse_day(value: str | None, field: str) -> str | None:
    """'2022-01-28' as given; '' or None as None; anything else a 422."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise HTTPException(422, f"{field}: give a day as YYYY-MM-DD")


def plain(segments: list[tuple[str, bool]]) -> tuple[str, list[list[int]]]:
    """Segments -> (text, [[start, end] of each hit in the text])."""
    text, hits = "", []
    for part, hit in segments:
        if hit:
            hits.append([len(text), len(text) + len(part)])
        text += part
    return text, hits


def api_result(r: dict[str, Any]) -> dict[str, Any]:
    snippet, hits = plain(r["snippet"])
    out = {"kind": r["kind"], "article_id": r["article_id"], "story_id": r["story_id"],
           "span": list(r["span"]) if r["span"] else None, "article_title": r["article_title"],
           "snippet": snippet, "snippet_hits": hits, "outlet": r["outlet"], "published": r["published"]}
    field = {"article": "title", "quote": "speaker", "name": "name"}[r["kind"]]
    return {**out, field: r["title"]}


def page_result(r: dict[str, Any]) -> dict[str, Any]:
    span = r["span"] or (None, None)
    return {**r, "href": article_href(r["article_id"], *span), "date": show_date(r["published"]),
            "story_href": f"/stories/{quote(r['story_id'], safe='')}" if r["story_id"] else None,
            "entity_href": entity_href(r["title"]) if r["known"] and r["title"] else None}


@router.get("/api/search", tags=["search"])
def api_search(request: Request, q: Text = "", kind: Kind | None = None,
               outlet: Annotated[str | None, Query(description="Only this outlet (exact name).")] = None,
               since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
               until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = SEARCH_PAGE, offset: Offset = 0) -> dict[str, Any]:
    """Articles, quotes and names matching `q`, best first, each with a plain-text snippet (`snippet_hits`:
    where the matched words are in it) and the span to link to. Words are all required; the last is also a
    prefix; "exact phrases" in double quotes. `counts` are the matches per kind."""
    start, end = parse_day(since, "since"), parse_day(until, "until")
    kinds = (kind,) if kind else ("article", "quote", "name")
    results, counts = library(request).search(q, outlet or None, start, end, kinds, limit, offset)
    return {"schema": SCHEMA_VERSION, "query": q, "total": sum(counts[k] for k in kinds), "counts": counts,
            "offset": offset, "results": [api_result(r) for r in results]}


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: Text = "", kind: str = "", outlet: str = "", since: str = "",
                until: str = "", offset: Offset = 0) -> HTMLResponse:
    lib = library(request)
    kind = kind if kind in ("article", "quote", "name") else ""
    errors, days = [], {}
    for field, value in (("since", since), ("until", until)):
        try:
            days[field] = parse_day(value, field)
        except HTTPException as exc:
            errors.append(f"{exc.detail} (ignored)")
            days[field] = None
    filters = (outlet or None, days["since"], days["until"])
    context: dict[str, Any] = {"q": q, "kind": kind, "outlet": outlet, "since": days["since"] or "",
                               "until": days["until"] or "", "errors": errors, "outlets": lib.outlets(),
                               "results": [], "names": [], "names_total": 0, "counts": {}, "total": 0}
    if q.strip():
        if kind == "name":
            context["names"], context["total"] = lib.search_names(q, *filters, SEARCH_PAGE, offset)
            context["names_total"] = context["total"]
            counts = lib.search(q, *filters, (), 1, 0)[1]
        else:
            kinds = (kind,) if kind else ("article", "quote")
            results, counts = lib.search(q, *filters, kinds, SEARCH_PAGE, offset)
            context["results"] = [page_result(r) for r in results]
            context["total"] = sum(counts[k] for k in kinds)
            if not kind and offset == 0:
                context["names"], context["names_total"] = lib.search_names(q, *filters, NAMES_SHOWN, 0)
            else:
                context["names_total"] = lib.search_names(q, *filters, 1, 0)[1]
        context["counts"] = {**counts, "name": context["names_total"],
                             "": counts["article"] + counts["quote"]}
    params = {"q": q, "outlet": outlet, "since": context["since"], "until": context["until"]}
    context["tabs"] = [{"kind": k, "label": label, "href": _href({**params, "kind": k}),
                        "count": context["counts"].get(k)} for k, label in KIND_TABS]
    here = {**params, "kind": kind}
    context["prev_href"] = _href({**here, "offset": max(offset - SEARCH_PAGE, 0)}) if offset > 0 else None
    more = offset + SEARCH_PAGE < context["total"]
    context["next_href"] = _href({**here, "offset": offset + SEARCH_PAGE}) if more else None
    context["shown"] = (offset + 1, min(offset + SEARCH_PAGE, context["total"]))
    context["names"] = [{**n, "href": entity_href(n["name"])} for n in context["names"]]
    context["all_names_href"] = _href({**params, "kind": "name"})
    return page(request, "search.html.j2", **context)


def _href(params: dict[str, Any]) -> str:
    return "/search?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 0)})
