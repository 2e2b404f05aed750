"""The extractive summary: every sentence cites its articles and spans, copies are cited not repeated, the
latest development comes first, the length is configurable."""

from __future__ import annotations

from storyline.synthesize.summary import SummaryDoc, mmr_select, sentence_spans, summarize

A = SummaryDoc("a", (
    "The foreign ministers of Ruritania and Freedonia met in Istanbul on Monday to discuss grain exports.\n\n"
    "Officials said the talks on the grain corridor would continue later in the week in Istanbul.\n\n"
    "Freedonia's navy held exercises in the northern sea on the same day, raising tensions in the region."),
    "2022-03-07")
B = SummaryDoc("b", (
    "The foreign ministers of Ruritania and Freedonia met in Istanbul on Monday to discuss grain exports.\n\n"
    "A grain export agreement would let millions of tonnes of wheat leave Freedonia's blockaded ports.\n\n"
    "Prices of wheat fell sharply on world markets after news of the Istanbul talks."), "2022-03-07")
C = SummaryDoc("c", (
    "Ruritania and Freedonia signed a grain export agreement in Istanbul on Friday, ending months of talks.\n\n"
    "The first ships carrying wheat are expected to leave the blockaded ports within two weeks.\n\n"
    "The United Nations welcomed the grain agreement as a relief for importing countries."), "2022-03-11")


def test_every_sentence_cites_its_articles_and_points_to_its_span() -> None:
    docs = [A, B, C]
    texts = {d.article_id: d.text for d in docs}
    summary = summarize(docs, max_sentences=4)
    assert 1 <= len(summary) <= 4
    for sentence in summary:
        assert sentence["citations"], sentence
        assert sentence["article_ids"][0] == sentence["article_id"]
        for c in sentence["citations"]:
            assert texts[c["article_id"]][c["start"]:c["end"]] == c["text"]
        assert texts[sentence["article_id"]][sentence["start"]:sentence["end"]] == sentence["text"]


def test_a_sentence_carried_by_two_articles_is_shown_once_citing_both() -> None:
    summary = summarize([A, B, C], max_sentences=5)
    texts = [s["text"] for s in summary]
    assert len(texts) == len(set(texts))
    shared = [s for s in summary if s["text"].startswith("The foreign ministers")]
    if shared:  # when chosen, the wire sentence cites both reports
        assert set(shared[0]["article_ids"]) == {"a", "b"}


def test_the_latest_development_comes_first() -> None:
    summary = summarize([A, B, C], max_sentences=3)
    assert summary[0]["article_id"] == "c"
    assert summary[0]["text"].startswith("Ruritania and Freedonia signed")
    days = [s["first_reported"] for s in summary]
    assert days == sorted(days, reverse=True)


def test_length_is_configurable_and_sentences_are_not_redundant() -> None:
    assert len(summarize([A, B, C], max_sentences=2)) == 2
    assert summarize([A, B, C], max_sentences=0) == []
    assert summarize([]) == []
    short = summarize([A, B, C], max_sentences=10, max_words=40)
    assert sum(len(s["text"].split()) for s in short) <= 40 + 20  # the first sentence is always taken


def test_sentence_spans_do_not_split_initialisms_or_titles() -> None:
    text = "Mr. Smith met U.N. officials on Monday. They agreed.\n\nA new paragraph starts here."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Smith met U.N. officials on Monday.", "They agreed.", "A new paragraph starts here."]


def test_mmr_prefers_a_novel_sentence_over_a_near_copy() -> None:
    import numpy as np

    relevance = np.array([1.0, 0.99, 0.7])
    similarity = np.array([[1.0, 0.98, 0.1], [0.98, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert mmr_select(relevance, similarity, 2) == [0, 2]
