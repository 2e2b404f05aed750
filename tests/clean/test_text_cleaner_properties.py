"""Properties of clean.text.clean_text: it never crashes, never loses text silently, never drops prose."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.text import clean_text

# Ordinary news vocabulary, with the words the noise rules look for (photo, cookies, newsletter, share, by,
# comments, related, digest, sign, up, feedback, image, credit, advertisement) so that the property shows
# that the rules need more than a word to fire.
_WORDS_TEXT = (
    "the a of to in on at for with from and but that which said says told would could will has have had was "
    "were is are talks troops border sanctions officials government minister president forces military "
    "security diplomats week month year monday friday morning statement ministry spokesman agreement crisis "
    "photo photograph picture image credit cookies newsletter share comments related digest sign up subscribe "
    "feedback advertisement read more latest news by expand click site website email print video"
)
_NAMES_TEXT = "Moscow Kyiv NATO Biden Putin Lavrov Scholz Ukraine Russia Europe The EU US UN Reuters AP"
_SUBJECTS_TEXT = "Officials Diplomats Analysts Ministers Troops Residents Observers Negotiators Reporters"
WORDS, NAMES, SUBJECTS = _WORDS_TEXT.split(), _NAMES_TEXT.split(), _SUBJECTS_TEXT.split()
STOPS = [".", '."', ".”", ".'"]
ENDINGS = [*STOPS, "?", "!"]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def norm(text: str) -> str:
    return " ".join(text.split())


@st.composite
def sentence(draw: st.DrawFn, vocabulary: list[str], endings: list[str]) -> str:
    middle = draw(st.lists(st.sampled_from(vocabulary), min_size=5, max_size=14))
    return " ".join([draw(st.sampled_from(SUBJECTS)), *middle]) + draw(st.sampled_from(endings))


@st.composite
def paragraph(draw: st.DrawFn, vocabulary: list[str]) -> str:
    # Questions and exclamations inside, a full stop at the end: a paragraph that is one short question
    # ("Will Russia invade?") on top of the text reads as a headline, and rightly so.
    inner = draw(st.lists(sentence(vocabulary, ENDINGS), max_size=2))
    return " ".join([*inner, draw(sentence(vocabulary, STOPS))])


def prose(vocabulary: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(paragraph(vocabulary), min_size=1, max_size=6, unique=True)


@SETTINGS
@given(st.text(), st.booleans())
def test_any_text_gives_a_well_formed_result_and_loses_nothing_silently(text: str, find_header: bool) -> None:
    result = clean_text(text, find_header=find_header)
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text
    kept, removed = norm(result.text), {norm(r.text) for r in result.removed}
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        assert norm(line) in kept or norm(line) in removed


@SETTINGS
@given(prose(WORDS + NAMES), st.booleans())
def test_ordinary_prose_is_never_dropped(paragraphs: list[str], find_header: bool) -> None:
    result = clean_text("\n\n".join(paragraphs), find_header=find_header)
    kept = norm(result.text)
    assert all(norm(paragraph) in kept for paragraph in paragraphs)
    assert result.title is None and result.standfirst is None and result.removed == ()


@SETTINGS
@given(prose(WORDS), st.booleans())
def test_ordinary_prose_comes_out_exactly_as_it_went_in(paragraphs: list[str], find_header: bool) -> None:
    # Lower-case words after the first: nothing for the glued-heading split to act on either.
    text = "\n\n".join(paragraphs)
    assert clean_text(text, find_header=find_header).text == text


NOISE = [
    "Advertisement", "Skip to content", "Share this article", "Leave a comment", "ваш відгук:",
    "Troops at a checkpoint near Kharkiv. Photograph: AFP/Getty", "Antony Blinken (Brendan Smialowski/AP)",
    "Stay on top of the latest newsSIGN UP HERE",
    "This website uses cookies to improve your experience. Accept Read More",
]


@SETTINGS
@given(prose(WORDS + NAMES), st.lists(st.tuples(st.sampled_from(NOISE), st.integers(0, 6)), min_size=1, max_size=8))
def test_noise_between_prose_paragraphs_goes_and_the_prose_stays(paragraphs: list[str],
                                                                  noise: list[tuple[str, int]]) -> None:
    mixed = list(paragraphs)
    for item, where in noise:
        mixed.insert(min(where, len(mixed)), item)
    result = clean_text("\n\n".join(mixed), find_header=False)
    assert all(norm(p) in norm(result.text) for p in paragraphs)
    assert not any(item in result.text for item, _ in noise)


PIECES = [*NOISE, "Latest World News", "Read more", "Related", "By Press Association", "14 February 2022, 19:24",
          "Kremlin ready for more talks with West", "Sergei Lavrov", "Troop movement", "News Digests", ""]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(PIECES), sentence(WORDS + NAMES, ENDINGS)), max_size=25),
       st.lists(st.sampled_from(["\n", "\n\n", "\n \n\n", "\r\n"]), min_size=25, max_size=25), st.booleans())
def test_pages_of_mixed_pieces_come_out_well_formed_and_nothing_is_lost_silently(
        pieces: list[str], breaks: list[str], find_header: bool) -> None:
    text = "".join(piece + gap for piece, gap in zip(pieces, breaks, strict=False))
    result = clean_text(text, find_header=find_header)
    assert "\n\n\n" not in result.text and result.text == result.text.strip()
    kept, removed = norm(result.text), {norm(r.text) for r in result.removed}
    assert all(norm(piece) in kept or norm(piece) in removed for piece in pieces)
