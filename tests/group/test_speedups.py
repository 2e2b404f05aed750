"""The grouping's fast paths give exactly what the plain versions they replaced gave (same values, same order,
same float bits): each test holds the plain version as the reference."""

from __future__ import annotations

import math
import random
import re
import string
import sys
import unicodedata
from collections import Counter

from wordfreq import get_frequency_dict, word_frequency

from storyline.group import boilerplate, labels, terms, text
from storyline.group.boilerplate import MIN_SENTENCE_WORDS, SentenceFreq, is_prompt, may_hold_phrase, sentences
from storyline.group.duplicates import SHINGLE_WORDS
from storyline.group.terms import DocFreq, Vector, cosine, raw_features, top_terms, weigh

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_ODD = ["İ", "ı", "ſ", "K", "\r\n", *_LINE_BREAKS, "Σ", "ΣΑΣ", "\u0301", "\u00a0", "’", "“", "—", " | ", "²", "½", "ﬁ",
        "MR. SMITH", "U.S.", "Mr. John O'Neill-Smith", "Kyiv", "Kiev", "Zelenskiy", ". ", "! ", "? ", ": ", "(", '"']
_VOCABULARY = ("the minister said on Monday that Vladimir Putin and the European Union would meet in Kyiv . , ( ) "
               "NATO BBC talks Russia's police arrested two men after the attack in central London")
_WORDS = _VOCABULARY.split()


def _texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(0, 80))]
        for _ in range(rng.randint(0, 6)):
            words.insert(rng.randint(0, len(words)), rng.choice(_ODD))
        out.append(" ".join(words) if rng.random() < 0.5 else "".join(w + rng.choice(["", " ", "\n"]) for w in words))
    return out


def _names_reference(value: str) -> Counter[str]:
    """`names` as first written: line by line, folded per line."""
    found: Counter[str] = Counter()
    run: list[str] = []

    def flush() -> None:
        if run:
            for tok in run:
                found[tok] += 1
            if len(run) > 1:
                found[" ".join(run)] += 1
            run.clear()

    for line in value.splitlines():
        at_start = True
        for tok in re.findall(r"[^\W\d_][\w'’-]*|[.!?,;:()\"]", text.fold(line)):
            if not tok[0].isalpha():
                flush()
                at_start = at_start or tok in ".!?:\""
                continue
            is_name = (tok[0].isupper() and not tok.isupper()) or (tok.isupper() and 1 < len(tok) <= 5)
            low = text.stem(tok.lower())
            if is_name and not at_start and low not in text.STOP_WORDS and len(low) > 1:
                run.append(low)
            else:
                flush()
            at_start = False
        flush()
    return found


def test_names_and_terms_are_those_of_the_line_by_line_versions() -> None:
    for value in _texts(400):
        assert list(text.names(value).items()) == list(_names_reference(value).items())
        reference = Counter(text.stem(w) for w in text.words(value) if len(w) > 2 and w not in text.STOP_WORDS)
        assert list(text.terms(value).items()) == list(reference.items())


def test_folding_a_whole_text_keeps_its_lines() -> None:
    """No character folds into a line break, and none composes with one (so folding by line or at once agree)."""
    for cp in range(sys.maxunicode + 1):
        if not 0xD800 <= cp <= 0xDFFF:
            folded = text.fold(chr(cp))
            assert chr(cp) in _LINE_BREAKS or not any(c in _LINE_BREAKS for c in folded), hex(cp)
    for brk in _LINE_BREAKS:
        assert text.fold(brk) == brk and unicodedata.combining(brk) == 0
        for mark in ("\u0301", "\u0308", "\u05b0", "\u093c", "\u3099", "\uff9e"):
            assert text.fold(brk + mark) == brk + text.fold(mark)


def test_raw_features_and_weights_are_those_of_the_first_version() -> None:
    def features_reference(title: str | None, value: str) -> dict[str, float]:
        body = text.strip_datelines(value).split()
        feats: dict[str, float] = {}
        parts = ((title or "", terms.TITLE_WEIGHT), (" ".join(body[:terms.LEAD_WORDS]), 1.0),
                 (" ".join(body[terms.LEAD_WORDS:]), terms.BODY_TAIL_WEIGHT))
        for part, weight in parts:
            for term, n in text.terms(part).items():
                feats[term] = feats.get(term, 0.0) + weight * n
            for name, n in text.names(part).items():
                key = terms.NAME_PREFIX + name
                feats[key] = feats.get(key, 0.0) + weight * n * terms.NAME_WEIGHT
        return feats

    def weigh_reference(features: dict[str, float], docfreq: DocFreq) -> Vector:
        vec = {t: (1.0 + math.log(c)) * docfreq.idf(t) for t, c in features.items() if c >= 1.0}
        vec.update({t: c * docfreq.idf(t) for t, c in features.items() if c < 1.0})
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    docfreq = DocFreq()
    values = _texts(200)
    for title, value in zip(values[::-1], values, strict=True):
        feats = raw_features(title[:60], value * 8)  # long enough for a tail
        assert list(feats.items()) == list(features_reference(title[:60], value * 8).items())
        assert list(weigh(feats, docfreq).items()) == list(weigh_reference(feats, docfreq).items())
        docfreq.add(feats)


def test_plain_words_read_their_frequency_as_wordfreq_does() -> None:
    table = get_frequency_dict("en", "best")
    plain = [w for w in list(table)[:30000] if re.fullmatch("[a-z]+", w)]
    rng = random.Random(1)
    samples = plain[:5000] + [" ".join(rng.sample(plain, rng.randint(2, 3))) for _ in range(2000)]
    samples += ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 9))) for _ in range(2000)]
    for word in samples:
        assert terms._PLAIN_WORDS.fullmatch(word)
        assert terms._plain_frequency(word) == word_frequency(word, "en"), word


def test_cosine_and_top_terms_are_those_of_the_first_version() -> None:
    rng = random.Random(2)
    keys = [f"t{i}" for i in range(400)]
    vectors = [{k: rng.choice([0.1, 0.2, rng.random()]) for k in rng.sample(keys, rng.randint(0, 200))}
               for _ in range(60)]
    for a in vectors:
        assert top_terms(a, 24) == [t for t, _ in sorted(a.items(), key=lambda kv: (-kv[1], kv[0]))[:24]]
        for b in vectors[:20]:
            assert cosine(a, b) == sum(a[t] * b[t] for t in a.keys() & b.keys())


def test_re_ignorecase_letters_lower_to_the_letter_they_match() -> None:
    """What `may_hold_phrase` relies on: after _RE_CASE, each character IGNORECASE takes for an ASCII letter
    lowers to that letter alone."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        if not 0xD800 <= cp <= 0xDFFF and letter.fullmatch(char):
            low = char.translate(boilerplate._RE_CASE).lower()
            assert low in string.ascii_lowercase and len(low) == 1 and re.fullmatch(low, char, re.IGNORECASE), hex(cp)


def test_split_finds_the_prompts_that_testing_every_sentence_finds() -> None:
    prompts = ["Subscribe now for unlimited access", "Log in to your account", "start a FREE TRIAL today",
               "Registered users can comment", "Click here", "immediate access", "Forgot your password?",
               "Enter your e-mail", "fill in your details", "Like us on Facebook", "Stay in the know",
               "for more stories", "All Rights Reserved", "request form", "Email addresses", "NEWSLETTER",
               "ſubscribe to get acceſs", "regİster to read", "Log In Sign Up", "Subscribe | Register", "Or", "/",
               "Sign in with your e-mail"]
    rng = random.Random(4)
    values = _texts(300)
    for i, value in enumerate(values):
        words = value.split(" ")
        for _ in range(i % 3):
            words.insert(rng.randint(0, len(words)), rng.choice(prompts) + rng.choice([". ", "\n", " "]))
        values[i] = " ".join(words)
    reference, fast = SentenceFreq(), SentenceFreq()
    for value in values:
        assert not boilerplate._PROMPT_PHRASE.search(value) or may_hold_phrase(value)
        kept, keys = [], set()
        for sent in sentences(value):  # SentenceFreq.split as first written
            if is_prompt(sent):
                continue
            if len(sent.split()) >= MIN_SENTENCE_WORDS:
                key = boilerplate._key(" ".join(sent.lower().split()))
                keys.add(key)
                if reference._count(key) >= boilerplate.BOILER_DOCS:
                    continue
            kept.append(sent)
        split = fast.split(value)
        assert (split.text, split.keys) == ("\n".join(kept), frozenset(keys))
        assert not split.whole or text.normalise(split.text) == text.normalise(value)
        reference.add(split.keys)
        fast.add(split.keys)


def test_shingles_as_bytes_are_the_encoded_shingles() -> None:
    for value in [*_texts(200), "", "one", "one two three four five", "a b c d e f"]:
        expected = {g.encode("utf-8") for g in text.shingles(value, SHINGLE_WORDS)}
        assert text.normal_shingles(text.normalise(value), SHINGLE_WORDS) == expected


def test_distinct_names_stop_at_the_limit_with_the_same_names() -> None:
    ranked = ["vladimir putin", "putin", "kyiv", "un", "joe biden", "biden", "joe", "nato", "eu", "london", "paris"]
    for limit in range(len(ranked) + 2):
        assert labels._distinct_names(ranked, limit) == labels._distinct_names(ranked, len(ranked))[:limit]


def test_datelines_go_as_the_pattern_alone_takes_them() -> None:
    datelines = ["WASHINGTON — ", "BUFFALO, N.Y. (WIVB) — ", "NEW YORK, Jan. 1, 2020 /PRNewswire/ -- ", "LONDON -\n",
                 "KYIV –\u00a0", "PARIS —", "ROME - ", "a - b", "x—y", ""]
    rng = random.Random(6)
    for value in _texts(200):
        words = value.split(" ")
        words.insert(rng.randint(0, len(words)), rng.choice(datelines))
        for candidate in (value, " ".join(words)):
            assert text.strip_datelines(candidate) == text._DATELINE.sub(" ", candidate)
