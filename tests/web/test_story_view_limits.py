"""A story page stays readable when fifty outlets cover a story: the coverage matrix shows the items most
outlets report and the outlets that report most, while the totals still count everything."""

from __future__ import annotations

from storyline.web.views import MATRIX_ITEMS, MATRIX_OUTLETS, WebStoryView


def test_coverage_matrix_is_cut_but_totals_are_whole() -> None:
    outlets = [f"Outlet {n:02d}" for n in range(MATRIX_OUTLETS + 8)]
    articles = [{"id": f"a{n}", "source_id": f"{n}.txt", "outlet": name} for n, name in enumerate(outlets)]
    # item k is reported by the first (k % len(outlets)) + 1 outlets: the last items are the most shared
    rows = [{"kind": "timeline", "label": f"item {k}", "date": None, "exclusive": k % len(outlets) == 0,
             "outlets": outlets[: k % len(outlets) + 1],
             "article_ids": [f"a{n}" for n in range(k % len(outlets) + 1)]} for k in range(MATRIX_ITEMS * 2)]
    story = {"articles": articles, "coverage": rows,
             "coverage_outlets": [{"outlet": a["outlet"], "article_ids": [a["id"]]} for a in articles]}
    cov = WebStoryView(1, story, {}).coverage()
    assert (cov["rows"], len(cov["columns"])) == (MATRIX_ITEMS, MATRIX_OUTLETS)
    assert (cov["all_rows"], cov["all_columns"]) == (len(rows), len(outlets))
    assert cov["columns"] == outlets[:MATRIX_OUTLETS]  # the first outlets report the most items
    shown = {r["label"] for g in cov["groups"] for r in g["rows"]}
    assert min(len(r["outlets"]) for r in rows if r["label"] in shown) >= max(
        len(r["outlets"]) for r in rows if r["label"] not in shown)  # the most shared items are the ones kept
    assert [t["count"] for t in cov["totals"]] == [sum(o in r["outlets"] for r in rows) for o in outlets]
