"""People and organisations: the most mentioned (`/entities`) and one of them across stories (`/entities/{name}`),
as pages and as JSON (`/api/entities`). Which per-article names count as one entity: `web.entity_view`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.contract import SCHEMA_VERSION
from storyline.present.report import show_date
from storyline.web.render import MAX_PAGE, PAGE_SIZE, library, page
from storyline.web.views import article_href, entity_href

router = APIRouter()
DEFAULT_LABELS = ["PERSON", "ORG"]
ALL = "all"
LABEL_NAMES = {"PERSON": "People", "ORG": "Organisations", "GPE": "Countries, cities, states",
               "NORP": "Nationalities, religious and political groups", "LOC": "Places", "FAC": "Buildings, airports",
               "EVENT": "Named events", "PRODUCT": "Products", "LAW": "Laws", "WORK_OF_ART": "Works",
               "LANGUAGE": "Languages"}
Offset = Annotated[int, Query(ge=0, le=MAX_PAGE * 1000, description="How many to skip.")]
Label = Annotated[str, Query(max_length=40, description="PERSON, ORG, GPE, …; 'all'; default PERSON and ORG.")]
Text = Annotated[str, Query(max_length=200, description="Only names (or spellings) containing this.")]


def labels_of(label: str) -> list[str] | None:
    """'' -> people and organisations; 'all' -> every label (None); 'ORG' -> ['ORG']."""
    if not label:
        return DEFAULT_LABELS
    return None if label.lower() == ALL else [label.upper()]


@router.get("/api/entities", tags=["entities"])
def api_entities(request: Request, label: Label = "", q: Text = "",
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    """Names by the number of articles they appear in: label, articles, stories, mentions, quotes."""
    rows, total, labels = library(request).entities(labels_of(label), q or None, limit, offset)
    return {"schema": SCHEMA_VERSION, "total": total, "offset": offset, "entities": rows,
            "labels": {name: n for name, n in labels}}


@router.get("/api/entities/{name:path}", tags=["entities"])
def api_entity(request: Request, name: str) -> dict[str, Any]:
    """One person or organisation: its labels, spellings (`variants`), the per-article names taken as the same
    entity (`names`), its articles (span of the first mention), stories and quotes (with their spans)."""
    found = library(request).entity(name)
    if found is None:
        raise HTTPException(404, "no article names this")
    return {"schema": SCHEMA_VERSION, **found}


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(request: Request, label: Label = "", q: Text = "", offset: Offset = 0) -> HTMLResponse:
    rows, total, labels = library(request).entities(labels_of(label), q or None, PAGE_SIZE, offset)
    options = [("", "People and organisations"), *((name, f"{LABEL_NAMES.get(name, name)} ({n})")
                                                    for name, n in labels), (ALL, "Every kind of name")]
    here = {"label": label, "q": q}
    return page(request, "entities.html.j2", rows=[{**r, "href": entity_href(r["name"]),
                                                     "label_name": LABEL_NAMES.get(r["label"], r["label"])}
                                                    for r in rows],
                total=total, offset=offset, page_size=PAGE_SIZE, label=label, q=q, options=options,
                prev_href=_href({**here, "offset": max(offset - PAGE_SIZE, 0)}) if offset else None,
                next_href=_href({**here, "offset": offset + PAGE_SIZE}) if offset + PAGE_SIZE < total else None)


@router.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, name: str) -> HTMLResponse:
    found = library(request).entity(name)
    if found is None:
        raise HTTPException(404, "no article names this")
    return page(request, "entity.html.j2", e=found, groups=story_groups(found),
                labels=[LABEL_NAMES.get(label, label) for label in found["labels"]],
                api_href=f"/api/entities/{quote(name, safe='')}")


def story_groups(entity: dict[str, Any]) -> list[dict[str, Any]]:
    """The entity's articles and quotes grouped by story, the story with the newest article first; articles
    not in a story yet come last."""
    groups: dict[str | None, dict[str, Any]] = {}
    for a in entity["articles"]:
        story_id = a["story_id"]
        group = groups.setdefault(story_id, {
            "title": a["story_title"] or "Not in a story yet",
            "href": f"/stories/{quote(story_id, safe='')}" if story_id else None,
            "articles": [], "quotes": [], "last": a["published"]})
        group["articles"].append({**a, "href": article_href(a["id"], *a["span"]), "date": show_date(a["published"])})
    by_article = {a["id"]: a for a in entity["articles"]}
    for q in entity["quotes"]:
        article = by_article[q["article_id"]]
        groups[q["story_id"]]["quotes"].append({**q, "href": article_href(q["article_id"], *q["span"]),
                                                "date": show_date(q["published"]), "title": article["title"]})
    for group in groups.values():
        dates = sorted({a["published"][:10] for a in group["articles"] if a["published"]})
        group["dates"] = " – ".join(dict.fromkeys([show_date(dates[0]), show_date(dates[-1])])) if dates else ""
        group["outlets"] = sorted({a["outlet"] for a in group["articles"] if a["outlet"]})
    return sorted(groups.values(), key=lambda g: (g["href"] is not None, g["last"] or ""), reverse=True)


def _href(params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, 0)})
    return "/entities" + (f"?{query}" if query else "")
