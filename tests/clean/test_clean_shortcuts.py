"""The clean stage's shortcuts give exactly what the plain computations give (they exist only for speed)."""

from __future__ import annotations

import ftfy
import py3langid
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import repair_unicode
from storyline.clean.captions import _AGENCY_SLASH, _CREDIT_TAIL
from storyline.clean.headings import _content_words
from storyline.clean.language import MIN_LETTERS, SAMPLE_CHARS, detect_language
from storyline.clean.words import FUNCTION_WORDS, long_words, normal, word_count, words

# Word characters, the joiners words may hold, separators, and letters whose lower case is longer (İ).
_TEXT = st.text(alphabet="abAB1_'’-. ,\n\t…İß«»\"", max_size=40)


def test_ascii_text_skips_ftfy_only_where_ftfy_changes_nothing() -> None:
    # Every ASCII character at the edges and inside words, and every pair of them: the fast path (taken for
    # ASCII text) must agree with ftfy.
    ascii_chars = [chr(code) for code in range(128)]
    texts = [text for char in ascii_chars for text in (char, f"ab{char}cd", f"x {char}; y")]
    texts += [f"a{first}{second}b" for first in ascii_chars for second in ascii_chars]
    for text in texts:
        assert repair_unicode(text) == ftfy.fix_text(text, uncurl_quotes=False), repr(text)


def test_repair_unicode_still_repairs() -> None:
    assert repair_unicode("Caf\u00c3\u00a9 &amp; bar\r\nnext") == "Café & bar\nnext"
    assert repair_unicode("Tom &amp; Jerry &lt;3") == "Tom & Jerry <3"  # ASCII entities: no pair shows them
    assert repair_unicode("\x1b[31mred\x1b[0m") == "red"
    assert repair_unicode("“curly” stays") == "“curly” stays"
    plain = "Plain ASCII text.\n\nTwo paragraphs."
    assert repair_unicode(plain) is plain


_LINE_PARTS = ["plain words", "Caf\u00c3\u00a9", "£5", "&amp;", "&eacute;", "<b>", "\r", "“q”", "ﬁne", "\x1b[0m",
               "\x07", "ｗｉｄｅ", "e\u0301", " ", "\n", "\r\n", "\n\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PARTS), max_size=16))
def test_repair_unicode_by_lines_matches_ftfy(parts: list[str]) -> None:
    text = "".join(parts)
    assert repair_unicode(text) == ftfy.fix_text(text, uncurl_quotes=False)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_word_helpers_match_words(text: str) -> None:
    assert word_count(text) == len(words(text))
    for min_chars in (1, 2, 4, 5):
        assert long_words(text, min_chars) == [w for w in words(text) if len(w) >= min_chars]
    assert normal(text) == normal.__wrapped__(text)
    expected = {w.lower() for w in words(text) if len(w) >= 4 and w.lower() not in FUNCTION_WORDS}
    assert _content_words(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Photo", "credit", ":", "/", "AFP", "REUTERS", "Getty", "Images", "(", ")", ".",
                                 " ", "a", "ſ"]), max_size=12))
def test_caption_searches_need_their_colon_and_slash(parts: list[str]) -> None:
    text = "".join(parts)
    assert ":" in text or _CREDIT_TAIL.search(text) is None
    assert "/" in text or _AGENCY_SLASH.search(text) is None


def _detect_plainly(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    return str(py3langid.classify(sample)[0])


def test_letter_threshold_is_exact() -> None:
    for letters in range(MIN_LETTERS - 2, MIN_LETTERS + 2):
        text = "1 2 " + "ab " * (letters // 2) + "c" * (letters % 2)
        assert detect_language(text) == _detect_plainly(text)
    assert detect_language("x" * (MIN_LETTERS - 1)) is None
    assert detect_language("The talks in Geneva ended without an agreement on Friday.") == "en"
