"""Exact, vectorised stand-ins for the English pipeline's `attribute_ruler` and rule `lemmatizer`.

Why our own: the stock `attribute_ruler` is spaCy's generic `Matcher` over the model's ~180 patterns. For every
token it steps through every pattern, calls a Python regex predicate per token for the few REGEX patterns, then
builds a `Span` per match and writes each attribute through a Python call. Nearly all of the patterns are
single-token lookups on (TAG, LOWER, DEP, IS_SPACE) and every token matches at least its TAG pattern, so that
machinery cost 3.3-5 s CPU per 300 BBC articles (120,000 tokens), about as much as the dependency parser; ours
costs ~0.3 s. The stock `lemmatizer` (rule mode) likewise pays a `Token` object, a cache lookup and a `lemma_`
setter per token (~0.8 s per 300 articles; ours ~0.13 s once its table is warm).

`FastAttributeRuler` is compiled from the loaded ruler's own patterns (`install`), so it follows the model rather
than a copied table, and reproduces the stock semantics exactly:

* all patterns are matched against the doc as it is *before* any attribute is written (the stock ruler collects
  every match first, then applies them);
* matches are applied in pattern order, so for each attribute the last pattern that sets it wins;
* MORPH/LEMMA/POS/TAG/DEP values are the ruler's own normalised values (`AttributeRuler.attrs`), so their
  hashes are already in the vocab's strings and morphology tables;
* attributes a doc lacks (no parser: DEP is 0) are matched as their raw value, like the Matcher's
  `allow_missing=True`.

Token predicates are classified per attribute value (a value's "class" is the tuple of all predicate results on
that attribute), a token's combined class is one integer, and each distinct combined class is evaluated once and
cached: per doc the work is one `to_array`, a few `np.searchsorted` lookups and one `from_array`. Multi-token
patterns (e.g. 'gon' + 'na') are shifted boolean masks over the same per-token table. Patterns outside the
supported subset (operators, extension attributes, fuzzy/comparison predicates, attributes other than
POS/MORPH/LEMMA/TAG/DEP to set) make `install` keep the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

FAST_RULER = "storyline_attribute_ruler"
FAST_LEMMATIZER = "storyline_rule_lemmatizer"

# Attributes the ruler may set, in the order of our value columns. Anything else (NORM, lexeme flags, "_"
# extensions) would have side effects on the shared lexemes or extensions: those models keep the stock ruler.
_SETTABLE: tuple[int, ...] = (POS, MORPH, LEMMA, TAG, DEP)
# Attributes a pattern may test: the ones whose `Doc.to_array` value is the value the Matcher compares (the
# Matcher reads SENT_START differently, compares MORPH by normalised analysis and ENT_IOB by its strings).
_MATCHABLE = frozenset(
    IDS[name]
    for name in (
        "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE",
        "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
        "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
        "IS_RIGHT_PUNCT", "IS_CURRENCY",
    )
)
_KEY_BITS = 64


class UnsupportedPatternError(ValueError):
    """A ruler pattern outside the subset `FastAttributeRuler` reproduces exactly."""


@dataclass(frozen=True)
class _Predicate:
    """One test on one attribute value, with the Matcher's own value conversions."""

    kind: str  # "eq", "in", "not_in", "regex"
    value: Any  # int for eq, frozenset[int] for in/not_in, compiled pattern for regex

    def __call__(self, value: int, strings: Any) -> bool:
        if self.kind == "eq":
            return bool(value == self.value)
        if self.kind == "in":
            return value in self.value
        if self.kind == "not_in":
            return value not in self.value
        return bool(self.value.search(strings[value]))  # the Matcher's REGEX: `search` on the attribute's string


def _attr_id(name: str | int) -> int:
    if isinstance(name, int):
        return name
    upper = name.upper()
    if upper == "_" or upper == "OP":
        raise UnsupportedPatternError(f"token pattern key {name!r}")
    attr = IDS.get("ORTH" if upper == "TEXT" else upper)
    if attr is None:
        raise UnsupportedPatternError(f"unknown attribute {name!r}")
    return int(attr)


def _predicates(value: Any, strings: Any) -> list[_Predicate]:
    """The predicates of one `attr: value` entry of a token pattern, converted as the Matcher converts them."""
    if isinstance(value, bool):
        return [_Predicate("eq", int(value))]
    if isinstance(value, int):
        return [_Predicate("eq", value)]
    if isinstance(value, str):
        return [_Predicate("eq", int(strings.add(value)))]
    if not isinstance(value, dict) or not value:
        raise UnsupportedPatternError(f"pattern value {value!r}")
    out: list[_Predicate] = []
    for op, arg in value.items():
        op = str(op).upper()
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            out.append(_Predicate(op.lower(), frozenset(int(get_string_id(v)) for v in arg)))
        elif op == "REGEX" and isinstance(arg, str):
            out.append(_Predicate("regex", re.compile(arg)))
        else:
            raise UnsupportedPatternError(f"predicate {op}: {arg!r}")
    return out


class _SortedLookup:
    """A uint64 -> int64 map read with one `np.searchsorted` per doc; the values not seen before are computed
    by `compute` (Python, once each) and merged in. After the first articles nearly every value is known, so the
    per-doc cost is pure numpy."""

    def __init__(self, compute: Callable[[int], int]) -> None:
        self._compute = compute
        self._keys = np.empty(0, dtype=np.uint64)
        self._values = np.empty(0, dtype=np.int64)

    def __call__(self, column: NDArray[np.uint64]) -> NDArray[np.int64]:
        keys = self._keys
        idx = np.searchsorted(keys, column)
        if keys.size:
            idx = np.minimum(idx, keys.size - 1)
            known = keys[idx] == column
            if known.all():
                return self._values[idx]
            new = np.unique(column[~known])
        else:
            new = np.unique(column)
        computed = np.asarray([self._compute(v) for v in new.tolist()], dtype=np.int64)
        at = np.searchsorted(keys, new)
        self._keys = np.insert(keys, at, new)
        self._values = np.insert(self._values, at, computed)
        return self._values[np.searchsorted(self._keys, column)]


class _Classifier:
    """Maps the values of one attribute to small class ids: values with the same results on every predicate
    about this attribute share a class, so a token's match results depend on its class ids alone."""

    def __init__(self, attr: int, predicates: list[_Predicate], strings: Any) -> None:
        self.attr = attr
        self.predicates = predicates
        self.strings = strings
        self.signatures: list[tuple[bool, ...]] = []
        self._by_signature: dict[tuple[bool, ...], int] = {}
        # eq/in/not_in results depend only on which of their values (if any) the attribute has: precomputed
        # for each value they name and for "any other value"; only the regexes run per new value.
        self._regexes = [i for i, p in enumerate(predicates) if p.kind == "regex"]
        named: set[int] = set()
        for p in predicates:
            if p.kind == "eq":
                named.add(p.value)
            elif p.kind in ("in", "not_in"):
                named |= p.value
        self._named = {v: self._set_results(v) for v in named}
        other = next(v for v in range(len(named) + 1) if v not in named)  # a value none of them names
        self._other = self._set_results(other)
        self.classify = _SortedLookup(self._class_of)

    def _set_results(self, value: int) -> list[bool]:
        return [False if p.kind == "regex" else p(value, self.strings) for p in self.predicates]

    def max_classes(self) -> int:
        """An upper bound on the number of classes: one per named value plus "other", each split by the regexes."""
        return (len(self._named) + 1) << len(self._regexes)

    def _class_of(self, value: int) -> int:
        results = list(self._named.get(value, self._other))
        for i in self._regexes:
            results[i] = self.predicates[i](value, self.strings)
        signature = tuple(results)
        cls = self._by_signature.setdefault(signature, len(self._by_signature))
        if cls == len(self.signatures):
            self.signatures.append(signature)
        return cls


@dataclass(frozen=True)
class _Rule:
    """One alternative of one ruler pattern: `specs` are the token specs (indices into the spec table), the
    token at `offset` of a match gets the pattern's attributes."""

    pattern: int
    specs: tuple[int, ...]
    offset: int
    sets: tuple[int, ...]  # indices into _SETTABLE


class FastAttributeRuler:
    """The attribute ruler as table lookups; see the module docstring. Built with `compile_from`."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.vocab = vocab
        self.name = name
        self._compiled = False

    def compile_from(self, ruler: AttributeRuler) -> FastAttributeRuler:
        """Compile `ruler`'s patterns; raises `UnsupportedPatternError` for a pattern we can't reproduce."""
        strings = self.vocab.strings
        attr_preds: dict[int, list[_Predicate]] = {}
        # a token spec = tuple of (attribute, predicate index within that attribute)
        spec_index: dict[tuple[tuple[int, int], ...], int] = {}
        rules: list[_Rule] = []
        n_patterns = len(ruler.attrs)
        values = np.zeros((n_patterns, len(_SETTABLE)), dtype=np.uint64)
        for pid, raw in enumerate(ruler.patterns):
            attrs = cast(dict[Any, Any], ruler.attrs[pid])
            sets = []
            for attr, value in attrs.items():
                if attr not in _SETTABLE:
                    raise UnsupportedPatternError(f"pattern {pid} sets {attr!r}")
                j = _SETTABLE.index(attr)
                sets.append(j)
                values[pid, j] = int(value)
            index = int(ruler.indices[pid])
            for alternative in cast(list[list[dict[Any, Any]]], raw["patterns"]):
                specs = []
                for token_spec in alternative:
                    if not isinstance(token_spec, dict):
                        raise UnsupportedPatternError(f"pattern {pid}: {token_spec!r}")
                    spec: list[tuple[int, int]] = []
                    for name, value in token_spec.items():
                        attr = _attr_id(name)
                        if attr not in _MATCHABLE:
                            raise UnsupportedPatternError(f"pattern {pid} tests attribute {name!r}")
                        preds = attr_preds.setdefault(attr, [])
                        for p in _predicates(value, strings):
                            if p not in preds:
                                preds.append(p)
                            spec.append((attr, preds.index(p)))
                    specs.append(spec_index.setdefault(tuple(sorted(set(spec))), len(spec_index)))
                length = len(specs)
                offset = index if index >= 0 else length + index
                if not 0 <= offset < length:
                    raise UnsupportedPatternError(f"pattern {pid}: index {index} outside its {length} tokens")
                rules.append(_Rule(pid, tuple(specs), offset, tuple(sets)))
        self._attrs = sorted(attr_preds)
        self._classifiers = [_Classifier(a, attr_preds[a], strings) for a in self._attrs]
        self._bits = _KEY_BITS // max(2, len(self._attrs))
        for c in self._classifiers:
            if c.max_classes() >= 1 << self._bits:
                raise UnsupportedPatternError(f"too many distinct tests on attribute {c.attr}")
        self._specs = [spec for spec, _ in sorted(spec_index.items(), key=lambda item: item[1])]
        self._single = [r for r in rules if len(r.specs) == 1]
        self._multi = [r for r in rules if len(r.specs) > 1]
        # columns of the per-class table: the winning pattern per settable attribute, then one bit per spec
        # used by a multi-token rule
        self._multi_specs = sorted({s for r in self._multi for s in r.specs})
        self._spec_col = {s: len(_SETTABLE) + i for i, s in enumerate(self._multi_specs)}
        # values[pid + 1] is pattern pid's value; row 0 stands for "no pattern" and is never read
        self._values = np.vstack([np.zeros((1, len(_SETTABLE)), dtype=np.uint64), values])
        attr_pos = {a: i for i, a in enumerate(self._attrs)}
        # each spec as its (classifier position, predicate index) terms, all of which must hold
        self._spec_terms = [tuple((attr_pos[a], p) for a, p in spec) for spec in self._specs]
        self._read: list[int | str] = list(sorted(set(self._attrs) | set(_SETTABLE)))
        self._read_col = {a: i for i, a in enumerate(self._read)}
        self._n_rows = 0
        self._row_of = _SortedLookup(self._row)
        self._table = np.zeros((64, len(_SETTABLE) + len(self._multi_specs)), dtype=np.int64)
        self._compiled = True
        return self

    def _row(self, key: int) -> int:
        """The table row of a combined class `key`, evaluating the patterns on it the first time."""
        mask = (1 << self._bits) - 1
        shift = self._bits * (len(self._attrs) - 1)
        classes = [(key >> (shift - self._bits * i)) & mask for i in range(len(self._attrs))]
        results = [c.signatures[k] for c, k in zip(self._classifiers, classes, strict=True)]
        true = [all(results[a][p] for a, p in terms) for terms in self._spec_terms]
        row = np.full(self._table.shape[1], -1, dtype=np.int64)
        for rule in self._single:  # in pattern order: a later pattern overwrites an earlier one's attributes
            if true[rule.specs[0]]:
                for j in rule.sets:
                    row[j] = rule.pattern
        for spec, col in self._spec_col.items():
            row[col] = true[spec]
        n = self._n_rows
        if n == len(self._table):
            self._table = np.vstack([self._table, np.zeros_like(self._table)])
        self._table[n] = row
        self._n_rows += 1
        return n

    def __call__(self, doc: Doc) -> Doc:
        if not self._compiled:
            raise RuntimeError(f"{self.name}: compile_from(ruler) was never called")
        n = len(doc)
        if n == 0:
            return doc
        cols = np.asarray(doc.to_array(self._read), dtype=np.uint64).reshape(n, len(self._read))
        key = np.zeros(n, dtype=np.uint64)
        bits = np.uint64(self._bits)
        for attr, classifier in zip(self._attrs, self._classifiers, strict=True):
            key = (key << bits) | classifier.classify(cols[:, self._read_col[attr]]).astype(np.uint64)
        rows = self._row_of(key)  # may grow the table: index it afterwards
        per_token = self._table[rows]
        winners = per_token[:, : len(_SETTABLE)]
        for rule in self._multi:
            length = len(rule.specs)
            if n < length:
                continue
            hit = np.ones(n - length + 1, dtype=bool)
            for k, spec in enumerate(rule.specs):
                hit &= per_token[k : n - length + 1 + k, self._spec_col[spec]] == 1
            targets = np.flatnonzero(hit) + rule.offset
            if targets.size:
                for j in rule.sets:
                    winners[targets, j] = np.maximum(winners[targets, j], rule.pattern)
        write: list[int | str] = []
        new_cols: list[NDArray[np.uint64]] = []
        for j, attr in enumerate(_SETTABLE):
            won = winners[:, j]
            if not (won >= 0).any():
                continue
            old = cols[:, self._read_col[attr]]
            new = np.where(won >= 0, self._values[won + 1, j], old)
            if not np.array_equal(new, old):
                write.append(attr)
                new_cols.append(new)
        if write:
            doc.from_array(write, cast(Any, np.stack(new_cols, axis=1)))
        return doc


class FastRuleLemmatizer:
    """The rule-mode lemmatizer with its lemma per (ORTH, POS, MORPH) computed once by the stock component.

    `Lemmatizer.rule_lemmatize` reads only the token's text, POS and MORPH (its own cache is keyed on exactly
    those), so a lemma computed once per key is the lemma of every token with that key. Tokens without a POS
    are left to the stock code, which warns about them."""

    def __init__(self, vocab: Vocab, name: str = "lemmatizer") -> None:
        self.vocab = vocab
        self.name = name
        self._stock: Lemmatizer | None = None
        self._lemma: dict[tuple[int, int, int], int] = {}

    def compile_from(self, lemmatizer: Lemmatizer) -> FastRuleLemmatizer:
        if lemmatizer.mode != "rule" or not _pure_rule_lemmatizer(lemmatizer):
            raise UnsupportedPatternError(f"lemmatizer {type(lemmatizer).__name__} in mode {lemmatizer.mode!r}")
        self._stock = lemmatizer
        self._overwrite = bool(lemmatizer.overwrite)
        return self

    def __call__(self, doc: Doc) -> Doc:
        stock = self._stock
        if stock is None:
            raise RuntimeError(f"{self.name}: compile_from(lemmatizer) was never called")
        if not getattr(stock, "_validated", True):
            stock._validate_tables(Errors.E1004)  # the stock check that the lookup tables are loaded
        n = len(doc)
        if n == 0:
            return doc
        cols = np.asarray(doc.to_array([ORTH, POS, MORPH, LEMMA]), dtype=np.uint64).reshape(n, 4)
        todo = np.arange(n) if self._overwrite else np.flatnonzero(cols[:, 3] == 0)
        if not todo.size:
            return doc
        lemma = self._lemma
        strings = self.vocab.strings
        new = cols[:, 3].copy()
        sub = cols[todo]
        out = []
        for i, orth, pos, morph in zip(
            todo.tolist(), sub[:, 0].tolist(), sub[:, 1].tolist(), sub[:, 2].tolist(), strict=True
        ):
            key = (orth, pos, morph)
            value = lemma.get(key)
            if value is None:
                value = int(strings.add(stock.lemmatize(doc[i])[0]))
                if pos:  # no POS: the stock code warns each time, so keep calling it
                    lemma[key] = value
            out.append(value)
        new[todo] = np.asarray(out, dtype=np.uint64)
        doc.from_array([LEMMA], cast(Any, new.reshape(n, 1)))
        return doc


def _pure_rule_lemmatizer(lemmatizer: Lemmatizer) -> bool:
    """Whether `lemmatize` is spaCy's rule code with a base-form test that reads only POS and MORPH."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    cls = type(lemmatizer)
    return cls.rule_lemmatize is Lemmatizer.rule_lemmatize and cls.is_base_form in (
        Lemmatizer.is_base_form,
        EnglishLemmatizer.is_base_form,
    )


@Language.factory(FAST_RULER)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """An empty fast ruler; `install` compiles it from the model's own attribute_ruler."""
    return FastAttributeRuler(nlp.vocab, name)


@Language.factory(FAST_LEMMATIZER)
def make_fast_rule_lemmatizer(nlp: Language, name: str) -> FastRuleLemmatizer:
    """An empty fast lemmatizer; `install` binds it to the model's own lemmatizer."""
    return FastRuleLemmatizer(nlp.vocab, name)


def install(nlp: Language, names: Iterable[str] = ("attribute_ruler", "lemmatizer")) -> list[str]:
    """Replace the pipeline's stock attribute_ruler / rule lemmatizer (same names, same positions) by the fast
    ones compiled from them. Returns the names replaced; a component we can't reproduce exactly stays."""
    replaced = []
    for name in names:
        if name not in nlp.component_names:
            continue
        stock = nlp.get_pipe(name)
        try:  # compile a trial copy first: a pattern we can't reproduce keeps the stock component
            if isinstance(stock, AttributeRuler):
                FastAttributeRuler(nlp.vocab, name).compile_from(stock)
                # replace_pipe builds an empty component from the factory in the stock one's place
                cast(FastAttributeRuler, nlp.replace_pipe(name, FAST_RULER)).compile_from(stock)
            elif isinstance(stock, Lemmatizer):
                FastRuleLemmatizer(nlp.vocab, name).compile_from(stock)
                cast(FastRuleLemmatizer, nlp.replace_pipe(name, FAST_LEMMATIZER)).compile_from(stock)
            else:
                continue
        except UnsupportedPatternError:
            continue
        replaced.append(name)
    return replaced
