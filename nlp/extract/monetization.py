"""Business models per sentence: TF-IDF n-grams + a linear one-vs-rest classifier, with a cue lexicon.

For one Doc: sentences of `text_simplified` -> lexicon cues (one pass over the text) -> features of
the sentences that hold a cue (TF-IDF of character 1-2-grams for Chinese and word 1-2-grams for
English, plus a block of cue indicators) -> a probability per model and sentence from one-vs-rest
logistic regressions (one batch per document) -> decisions -> one `MonetizationMention`
per (sentence, model), whose span is the evidence clause and whose company is the one the sentence
ties the model to.

Nothing is reported for an article that is not about AI (fewer than three domain terms such as AI,
大模型, 算力, GPU, ChatGPT). A sentence with no cue at all, one ruling the model out ("公司短期内不会
考虑") or a risk remark ("广告会被动干扰用户", "一旦加入广告，必然会降低用户的信任度") is never
reported. Otherwise it reports a model when
- the classifier's probability reaches the model's threshold (calibrated on held-out folds), or,
  when no strong cue of the model is in the sentence or a neighbour, or the sentence is
  hypothetical, a higher bar halfway from the threshold to 1, or
- a strong cue of the model is present (卖铲人, 打赏, 即时结账, GEO…), not negated ("非强制订阅"), the
  sentence is not hypothetical, and the classifier does not clearly disagree (probability >=
  `cue_floor` x threshold), or
- any cue of the model is present, a neighbouring sentence reports the model by the classifier, and
  the probability is >= `context_floor` x threshold (a passage about one model goes on);
- except that advertising / ecommerce wording in a sentence about AI lifting an existing business
  ("AI对效果广告产生了实质性的贡献") is ai_feature evidence, not a model of its own, and open weights
  count only where the sentence or a neighbour says how they earn (开源+云, hosting, a paid API...),
  and advertising needs a strong cue in the sentence or a neighbour (竞价排名, 赞助, 搜索广告...): an
  app's plain "广告收入" is not ads in AI answers.

The model is plain data (JSON + .npy, loaded with allow_pickle=False) built by
`scripts/train_monetization.py` from `corpus/monetization/sentences.jsonl`; the TF-IDF transform is
rebuilt here, with the same feature function the training used.
"""
from __future__ import annotations

import hashlib
import json
import operator
import os
import re
import tomllib
import warnings
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

import numpy as np

from nlp.errors import ModelFileError
from nlp.extract.sentences import sentence_spans
from nlp.schema import CompanyMention, Doc, MonetizationMention

MODELS = ("api", "subscription", "enterprise", "ecommerce", "advertising", "ecosystem", "tipping",
          "ai_feature", "infrastructure", "open_source")
FORMAT = "nlp.monetization/1"
REBUILD = "python scripts/train_monetization.py"
MODEL_FILES = ("meta.json", "vocab.json", "idf.npy", "coef.npy", "intercept.npy")
CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "monetization_cues.toml"
_REPO = Path(__file__).resolve().parents[2]

# n-gram units: an ASCII word, a number (every number becomes "0"), or any other single character.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_UNIT = re.compile(r"[a-z]+(?:['’][a-z]+)?|\S")
_LONG_WORD = re.compile(r"(?<![a-z])[a-z]{6,}")
_WORD_OR_NUMBER = re.compile(r"[a-z\d]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLAUSE_PUNCT = "，,：:；;"  # not 、: an enumeration stays one clause
_CLAUSE_RE = re.compile(f"[{_CLAUSE_PUNCT}]")
_STEM = 5  # long English words add a prefix unit: subscription, subscribers -> ~subsc
_NEG_WINDOW_CJK = 12  # characters before a cue searched for a negation
_NEG_WINDOW_ASCII = 30
_AD, _COMMERCE, _OPEN = MODELS.index("advertising"), MODELS.index("ecommerce"), MODELS.index("open_source")
_MIN_CLAUSE = 6
_join = " ".join


def default_model_dir() -> Path:
    """`$NLP_MODELS/monetization` when NLP_MODELS is set, else `<repo>/models/monetization`."""
    root = os.environ.get("NLP_MODELS")
    return (Path(root) if root else _REPO / "models") / "monetization"


def lower(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --------------------------------------------------------------------------------------------------
# Cue lexicon


def _canonical(text: str) -> str:
    """A cue as its matches read: lower-case, no spaces in CJK cues, single spaces between words."""
    text = " ".join(text.lower().split())
    return text.replace(" ", "") if _CJK.search(text) else text


_WORD_CHAR = "[a-z0-9]"
_END = f"(?!{_WORD_CHAR})"  # an ASCII end of a cue sits on a word boundary


def _tokens(cue: str) -> list[str]:
    """Regex pieces of one cue, one per character: optional spaces inside CJK cues, spaces between
    words, and word-boundary checks at ASCII ends ("geo" is not in "geography")."""
    cue = _canonical(cue)
    if _CJK.search(cue):
        toks = [re.escape(cue[0])] + [r"[ \t]*" + re.escape(c) for c in cue[1:]]
    else:
        toks = [r"[ \t]+" if c == " " else re.escape(c) for c in cue]
    if _is_word(cue[0]):  # checked after the first character, so the engine still scans on it
        toks[0] += f"(?<!{_WORD_CHAR}.)"
    if _is_word(cue[-1]):
        toks.append(_END)
    return toks


def _trie_regex(token_lists: Iterable[list[str]]) -> str:
    """One regex for many literals, shaped as a trie so the engine scans on first characters and the
    longest literal wins at each place (a boundary check is tried after longer continuations)."""
    trie: dict = {}
    for tokens in token_lists:
        node = trie
        for tok in tokens:
            node = node.setdefault(tok, {})
        node[""] = {}

    def build(node: dict) -> str:
        tokens = sorted((k for k in node if k), key=lambda k: (k == _END, k))
        alts = [tok + build(node[tok]) for tok in tokens]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


class _Literals:
    """Many literal phrases, found in one pass per script: the ASCII-initial and the CJK-initial
    phrases are two regexes (each scans fewer first characters than one regex of both would)."""

    def __init__(self, words: Iterable[str]) -> None:
        words = sorted({w for w in words if w.strip()})
        self.patterns = [re.compile(_trie_regex(_tokens(w) for w in group))
                         for group in ([w for w in words if w[0].isascii()],
                                       [w for w in words if not w[0].isascii()]) if group]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Matches in order of their start."""
        if len(self.patterns) == 1:
            return list(self.patterns[0].finditer(text))
        return sorted((m for r in self.patterns for m in r.finditer(text)), key=_START)

    def search(self, text: str) -> bool:
        return any(r.search(text) for r in self.patterns)


_START = operator.methodcaller("start")


class CueHit(NamedTuple):
    """One lexicon cue in a sentence; start/end index the document text."""

    start: int
    end: int
    model: int  # index into MODELS
    strong: bool
    negated: bool


class SentenceCues(NamedTuple):
    """A sentence's cues and context flags."""

    hits: list[CueHit]
    hypothetical: bool = False  # 如果 / 一旦 / if ...
    risk: bool = False  # 干扰 / 担忧 / concerns ...
    ai_feature: bool = False  # AI lifting an existing business
    rejected: bool = False  # 暂不考虑 / no plans ...: the sentence reports nothing
    earns: bool = False  # names how open weights earn (开源+云, hosting, ...)


_NO_CUES = SentenceCues([])


# Kinds of context words (bit flags): one word can be several (不考虑: negation and rejection).
_NEGATION, _HYPOTHETICAL, _RISK, _REJECTION, _EARNS = 1, 2, 4, 8, 16


def _inherit(word: str, own: dict[str, int]) -> int:
    """The kinds of a context word and of the shorter context words inside it."""
    kinds = 0
    for other, other_kinds in own.items():
        inside = other in word if _CJK.search(other) else f" {other} " in f" {word} "
        if inside:
            kinds |= other_kinds
    return kinds


class CueLexicon:
    """The domain cues of `nlp/data/monetization_cues.toml`, compiled."""

    def __init__(self, data: dict, digest: str) -> None:
        self.digest = digest
        self._lookup: dict[str, list[tuple[int, bool]]] = {}
        for k, model in enumerate(MODELS):
            for strength in ("strong", "weak"):
                for cue in data["models"][model].get(strength, []):
                    slot = self._lookup.setdefault(_canonical(cue), [])
                    if (k, strength == "strong") not in slot:
                        slot.append((k, strength == "strong"))
        self._cues = _Literals(self._lookup)
        ctx = data["context"]
        # negation, hypothetical, risk, rejection and "earns" words are found in one pass; a word also
        # counts for every kind of the words inside it (暂不考虑: rejection, and negation by 不考虑)
        own: dict[str, int] = {}
        for kind, words in ((_NEGATION, ctx["negation"]), (_HYPOTHETICAL, ctx["hypothetical"]),
                            (_RISK, ctx["risk"]), (_REJECTION, ctx["rejection"]),
                            (_EARNS, data["models"]["open_source"].get("linked", []))):
            for w in words:
                own[_canonical(w)] = own.get(_canonical(w), 0) | kind
        self._context_kind = {w: _inherit(w, own) for w in own}
        self._context = _Literals(own)
        self._industry = _Literals(ctx["industry"])
        self._anaphora = _Literals(ctx["anaphora"])
        self._domain = _Literals(ctx["domain"])
        self._domain_min = int(ctx["domain_min_hits"])
        self.strong_required = np.array([m in ctx.get("strong_required", []) for m in MODELS])
        self._ai_feature = re.compile("|".join(f"(?:{p})" for p in ctx["ai_feature_context"]))

    @classmethod
    def load(cls, path: Path = CUES_PATH) -> "CueLexicon":
        return _load_cues(str(path))

    def scan(self, low: str, spans: list[tuple[int, int]]) -> list[SentenceCues]:
        """Cues of every sentence span of one lower-cased text, in one pass over the text.

        Training calls this on single sentences and inference on whole documents: nothing crosses a
        sentence boundary (cues never contain sentence punctuation or newlines), so both agree.
        """
        return self._scan(low, spans)[0]

    def _scan(self, low: str, spans: list[tuple[int, int]]) -> tuple[list[SentenceCues], list[int]]:
        """`scan`, and the ends of the text's clause punctuation (found when a cue is; `run` needs
        them too). Context words are rare (a few per article), so a sentence skips the searches of
        the kinds no context word in the text has."""
        lookup = self._lookup
        found = [(m.start(), m.end(), lookup.get(m.group()) or lookup[_canonical(m.group())])
                 for m in self._cues.finditer(low)]
        if not found:
            return [_NO_CUES] * len(spans), []
        span_starts = [s for s, _ in spans]
        in_sentence: dict[int, list] = {}
        for item in found:
            i = bisect_right(span_starts, item[0]) - 1
            if i >= 0 and item[0] < spans[i][1]:
                in_sentence.setdefault(i, []).append(item)
        negations, hyp, risk, rejection, earns = [], [], [], [], []
        for m in self._context.finditer(low):
            kind = self._context_kind.get(m.group()) or self._context_kind[_canonical(m.group())]
            if kind & _NEGATION:
                negations.append(m.end())
            if kind & _HYPOTHETICAL:
                hyp.append(m.start())
            if kind & _RISK:
                risk.append(m.start())
            if kind & _REJECTION:
                rejection.append(m.start())
            if kind & _EARNS:
                earns.append(m.start())
        clause_ends = [m.end() for m in _CLAUSE_RE.finditer(low)]
        out = [_NO_CUES] * len(spans)
        for i, items in in_sentence.items():
            s, e = spans[i]
            hits = []
            ad_or_commerce = False
            for a, b, entries in items:
                negated = bool(negations) and \
                    _any_in(negations, max(s, a - _NEG_WINDOW_ASCII) + 1, a + 1) and \
                    self._negated(low, a, s, negations, clause_ends)
                for k, strong in entries:
                    hits.append(CueHit(a, b, k, strong, negated))
                    ad_or_commerce |= k == _AD or k == _COMMERCE
            # the AI-lift context only matters for advertising / e-commerce wording: test it there
            aif = ad_or_commerce and self._ai_feature.search(low, s, e) is not None
            out[i] = SentenceCues(hits, bool(hyp) and _any_in(hyp, s, e), bool(risk) and _any_in(risk, s, e),
                                  aif, bool(rejection) and _any_in(rejection, s, e),
                                  bool(earns) and _any_in(earns, s, e))
        return out, clause_ends

    @staticmethod
    def _negated(low: str, at: int, sentence_start: int, negations: list[int],
                 clause_ends: list[int]) -> bool:
        """A negation ends shortly before `at`, in the same clause."""
        i = bisect_right(clause_ends, at) - 1
        clause_start = max(sentence_start, clause_ends[i] if i >= 0 else 0)
        lo = max(clause_start, at - (_NEG_WINDOW_CJK if _CJK.match(low, at) else _NEG_WINDOW_ASCII))
        return _any_in(negations, lo + 1, at + 1)

    def in_domain(self, low: str) -> bool:
        """The text is about AI (enough domain terms): business models are reported only there."""
        found = 0
        for pattern in self._domain.patterns:
            for _ in pattern.finditer(low):
                found += 1
                if found >= self._domain_min:
                    return True
        return False

    def is_industry(self, low: str) -> bool:
        return self._industry.search(low)

    def starts_with_anaphora(self, low: str) -> bool:
        """The clause opens by referring back: 其/它… first, or it/its/the company in its first words
        ("Last week it launched…"); 其中/其他/其实 are not references."""
        head = low.lstrip("“\"「（( ")[:16]
        if head[:2] in _NOT_ANAPHORA:
            return False
        for pattern in self._anaphora.patterns:
            m = pattern.search(head)
            if m and (m.start() == 0 or (m.start() <= 12 and head[m.start()].isascii())):
                return True
        return False


_NOT_ANAPHORA = ("其中", "其他", "其余", "其实", "其次", "其它")


def _any_in(sorted_positions: list[int], lo: int, hi: int) -> bool:
    """Some position p with lo <= p < hi."""
    i = bisect_left(sorted_positions, lo)
    return i < len(sorted_positions) and sorted_positions[i] < hi


@lru_cache(maxsize=4)
def _load_cues(path: str) -> CueLexicon:
    raw = Path(path).read_bytes()
    return CueLexicon(tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest())


# --------------------------------------------------------------------------------------------------
# Features (scripts/train_monetization.py uses the same functions: training and inference agree)


# The cue block of the feature vector: one 0/1 column per (kind, model), then the context flags. It
# sits next to the l2-normalised TF-IDF block, so one cue weighs as much as a whole sentence's n-grams.
CUE_FEATURES = tuple(f"{kind}:{m}" for m in MODELS for kind in ("strong", "weak", "negated")) + (
    "hypothetical", "earns")


def ngram_features(low: str) -> list[str]:
    """N-grams of one lower-cased simplified sentence: unit 1-2-grams plus English stems."""
    if _WORD_OR_NUMBER.search(low) is None:  # the common all-Chinese sentence: units are characters
        u = list("".join(low.split()))
        return u + list(map(_join, zip(u, u[1:])))
    u = _UNIT.findall(_NUMBER.sub("0", low))
    return u + list(map(_join, zip(u, u[1:]))) + ["~" + w[:_STEM] for w in _LONG_WORD.findall(low)]


# What `_NUMBER.sub` + `_UNIT.findall` make a unit of more than one character: a number (as "0")
# or an ASCII word; every other character that is not whitespace is a unit of its own. One
# capturing group, for `re.split`: the pieces between matches and the matches alternate, so their
# lengths give every match's offset without a Python step per match. Written as one character set
# first, then a branch on what it was (a lookbehind at the first character), rather than as
# `(\d+(?:[.,]\d+)*|[a-z]+(?:['’][a-z]+)?)`: the same matches, but the regex engine can skip ahead
# to a digit or letter instead of trying both branches at every (Chinese) character; half the time.
_MULTI_UNIT = re.compile(r"([\da-z](?:(?<=[a-z])[a-z]*(?:['’][a-z]+)?|\d*(?:[.,]\d+)*))")
_LONG_WORD_SPLIT = re.compile(r"([a-z](?<![a-z]{2})[a-z]{5,})")  # `_LONG_WORD`, lookbehind after a letter: faster scan
_SPACE = -1  # `_NgramIndex` code of a character that is not a unit (whitespace, the rest of a word)


def _split_spans(rx: re.Pattern, text: str) -> tuple[list[str], np.ndarray]:
    """The matches of a one-group pattern (as `findall`) and their start offsets, by `re.split`."""
    pieces = rx.split(text)
    ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
    matches = pieces[1::2]
    return matches, ends[0::2][:len(matches)]


class _NgramIndex:
    """Vocabulary ids of the n-grams `ngram_features` would give, without building n-gram strings.

    Why: joining ~1,400 bigram strings per article and hashing each into the vocabulary cost more
    than the classifier itself. Here an article's sentences are one numpy array of code points:
    characters become unit indices through a table, words and numbers (found by one regex split)
    through a dict, and a bigram is a pair of unit indices looked up in a table of the
    vocabulary's bigrams (dense when it is small, else sorted codes and a binary search).
    """

    _DENSE_MAX = 1 << 22  # unit pairs: up to 16 MB of int32 for a direct bigram table

    def __init__(self, vocabulary: dict[str, int]) -> None:
        units: dict[str, int] = {}
        unigrams: list[tuple[str, int]] = []
        bigrams: list[tuple[str, str, int]] = []
        self.stems: dict[str, int] = {}  # by the first `_STEM` letters of a long word
        for feature, fid in vocabulary.items():
            if " " in feature:  # units hold no whitespace, so "a b" is the bigram (a, b)
                left, right = feature.split(" ", 1)
                bigrams.append((left, right, fid))
                units.setdefault(left, len(units))
                units.setdefault(right, len(units))
            elif len(feature) > 1 and feature[0] == "~":  # longer units are letters only
                self.stems[feature[1:]] = fid
            else:
                unigrams.append((feature, fid))
                units.setdefault(feature, len(units))
        self.units = units
        self.unknown_unit = n = len(units)  # the index of every unit outside the vocabulary
        self.base = n + 1
        self.unigram_id = np.full(n + 1, -1, dtype=np.int64)
        for feature, fid in unigrams:
            self.unigram_id[units[feature]] = fid
        codes = np.array([units[a] * self.base + units[b] for a, b, _ in bigrams], dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        self.bigram_codes = codes[order]
        self.bigram_ids = np.array([f for _, _, f in bigrams], dtype=np.int64)[order]
        self.bigram_table: Optional[np.ndarray] = None
        if self.base * self.base <= self._DENSE_MAX:
            self.bigram_table = np.full(self.base * self.base, -1, dtype=np.int32)
            self.bigram_table[self.bigram_codes] = self.bigram_ids
        # unit index by code point: whitespace is no unit; the last slot stands for every
        # character past the table (an unknown unit, never whitespace)
        chars = {ord(u): i for u, i in units.items() if len(u) == 1}
        spaces = [c for c in range(0x3001) if chr(c).isspace()]  # U+3000 is the last one
        self.char_unit = np.full(max(max(chars, default=0), 0x3000) + 2, n, dtype=np.int64)
        for cp, i in chars.items():
            self.char_unit[cp] = i
        self.char_unit[spaces] = _SPACE

    def features(self, lows: list[str], unknown_id: int) -> tuple[np.ndarray, np.ndarray]:
        """(row, vocabulary id) pairs of the n-grams of some lower-cased sentences.

        They sort to the same unique keys as `ngram_features` of each sentence mapped through the
        vocabulary (unknown n-grams to `unknown_id`): every in-vocabulary n-gram with its count, and
        one `unknown_id` pair for a sentence with any n-gram outside the vocabulary. (That pair adds
        0, but it is one more term in numpy's summation, so leaving it out would move the last bit.)
        """
        text = "\n".join(lows)  # a newline is no unit and no word or number runs over it
        size = len(text)
        starts = np.zeros(len(lows), dtype=np.int64)
        lengths = np.fromiter(map(len, lows), dtype=np.int64, count=len(lows))
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        unit = self.char_unit[np.minimum(cps, len(self.char_unit) - 1)]
        words, first = _split_spans(_MULTI_UNIT, text)
        if words:
            # a word or number is one unit at its first character; the rest of it is no unit
            sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
            inside = np.zeros(size + 1, dtype=np.int64)
            inside[first + 1] += 1
            inside[first + sizes] -= 1
            unit[np.cumsum(inside[:size]) > 0] = _SPACE
            ids = np.fromiter(map(self.units.get, words, repeat(self.unknown_unit)), dtype=np.int64,
                              count=len(words))
            lead = cps[first]  # a word starts with a-z, a number with any digit (every number is "0")
            unit[first] = np.where((lead >= 97) & (lead <= 122), ids, self.units.get("0", self.unknown_unit))
        row_of = np.repeat(np.arange(len(lows), dtype=np.int64), lengths + 1)[:size]
        keep = unit != _SPACE
        unit, rows = unit[keep], row_of[keep]
        # stems of long words
        long_words, at = _split_spans(_LONG_WORD_SPLIT, text)
        long_rows = np.searchsorted(starts, at, side="right") - 1
        stem = np.fromiter(map(self.stems.get, [w[:_STEM] for w in long_words], repeat(-1)),
                           dtype=np.int64, count=len(long_words))
        has_stem = stem >= 0
        uni = self.unigram_id[unit]
        keep = uni >= 0
        out_rows = [rows[keep], long_rows[has_stem]]
        out_ids = [uni[keep], stem[has_stem]]
        if unit.size > 1 and self.bigram_codes.size:
            codes = unit[:-1] * self.base + unit[1:]
            if self.bigram_table is not None:
                found = self.bigram_table[codes]
                keep = (found >= 0) & (rows[:-1] == rows[1:])
                out_rows.append(rows[:-1][keep])
                out_ids.append(found[keep].astype(np.int64))
            else:
                at = np.minimum(np.searchsorted(self.bigram_codes, codes), self.bigram_codes.size - 1)
                keep = (self.bigram_codes[at] == codes) & (rows[:-1] == rows[1:])
                out_rows.append(rows[:-1][keep])
                out_ids.append(self.bigram_ids[at[keep]])
        # every n-gram of a sentence: units + bigrams + stems; those not found above are unknown
        units_per_row = np.bincount(rows, minlength=len(lows))
        totals = np.maximum(2 * units_per_row - 1, 0) + np.bincount(long_rows, minlength=len(lows))
        found_rows = np.concatenate(out_rows)
        with_unknown = np.flatnonzero(totals > np.bincount(found_rows, minlength=len(lows)))
        return (np.concatenate([found_rows, with_unknown]),
                np.concatenate([*out_ids, np.full(with_unknown.size, unknown_id, dtype=np.int64)]))


def cue_matrix(cues: list[SentenceCues]) -> np.ndarray:
    """The cue block (sentences x CUE_FEATURES) of some sentences."""
    out = np.zeros((len(cues), len(CUE_FEATURES)))
    for i, sc in enumerate(cues):
        for h in sc.hits:
            out[i, 3 * h.model + (2 if h.negated else 0 if h.strong else 1)] = 1.0
        out[i, -2:] = sc.hypothetical, sc.earns
    return out


def text_cues(text: str, cues: CueLexicon) -> SentenceCues:
    """Cues of one simplified sentence."""
    return cues.scan(lower(text), [(0, len(text))])[0]


def text_features(text: str) -> list[str]:
    """N-grams of one simplified sentence (what the training vectoriser calls)."""
    return ngram_features(lower(text))


# --------------------------------------------------------------------------------------------------
# Decisions


def _or_neighbours(a: np.ndarray) -> np.ndarray:
    """True where the row or an adjacent row is True."""
    out = a.copy()
    out[1:] |= a[:-1]
    out[:-1] |= a[1:]
    return out


_OTHER_THAN_OPEN = np.array([m != "open_source" for m in MODELS])


def decide(probs: np.ndarray, cues: list[SentenceCues], thresholds: np.ndarray, cue_floor: float,
           context_floor: float, strong_required: Optional[np.ndarray] = None) -> list[tuple[int, int, str]]:
    """(sentence, model index, via) decisions from probabilities (sentences x models) and cues."""
    n, k = probs.shape
    rows, cols, strong_hit = [], [], []
    flags = []
    for i, sc in enumerate(cues):
        for h in sc.hits:
            if not h.negated:
                rows.append(i)
                cols.append(h.model)
                strong_hit.append(h.strong)
        flags.append((bool(sc.hits) and not (sc.rejected or sc.risk), not sc.hypothetical, sc.ai_feature,
                      sc.earns))
    cued = np.zeros((n, k), dtype=bool)
    strong = np.zeros((n, k), dtype=bool)
    if rows:
        cued[rows, cols] = True
        pick = np.array(strong_hit)
        strong[np.array(rows)[pick], np.array(cols)[pick]] = True
    flag = np.array(flags, dtype=bool).reshape(n, 4)
    p = np.where(flag[:, :1], probs, 0.0)  # no cue, ruled out or a risk remark: never reported
    open_ = flag[:, 1:2]
    nearby = _or_neighbours(strong)  # a strong cue of the model in the sentence or a neighbour
    bar = np.where(nearby & open_, thresholds, (1.0 + thresholds) / 2)  # weak evidence / hypothetical
    by_clf = p >= bar
    by_cue = strong & open_ & (p >= cue_floor * thresholds)
    by_ctx = cued & open_ & _or_neighbours(by_clf) & (p >= context_floor * thresholds)
    fired = by_clf | by_cue | by_ctx
    if strong_required is not None:  # e.g. advertising: a strong cue in the sentence or a neighbour
        fired &= nearby | ~strong_required
    fired[flag[:, 2], _AD] = False  # AI lifting ads / shopping: that is ai_feature evidence
    fired[flag[:, 2], _COMMERCE] = False
    # open weights need a way to earn, named in the sentence or a neighbour
    fired[:, _OPEN] &= _or_neighbours(flag[:, 3] | (strong & _OTHER_THAN_OPEN).any(axis=1))
    return [(i, j, "classifier" if by_clf[i, j] or not by_cue[i, j] else "cue")
            for i, j in zip(*np.nonzero(fired))]


# --------------------------------------------------------------------------------------------------
# The detector


def _model_error(path: Path, problem: str) -> ModelFileError:
    return ModelFileError(f"{path}: {problem}; rebuild the monetization model with `{REBUILD}`")


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _model_error(path, "model file is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _model_error(path, f"model file is corrupt ({exc})") from None


def _read_npy(path: Path, shape: tuple[int, ...]) -> np.ndarray:
    try:
        arr = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise _model_error(path, "model file is missing") from None
    except (OSError, ValueError, EOFError) as exc:
        raise _model_error(path, f"model file is corrupt ({exc})") from None
    if arr.shape != shape or not np.issubdtype(arr.dtype, np.floating) or not np.isfinite(arr).all():
        raise _model_error(path, f"model file is corrupt (array {arr.dtype}{arr.shape}, expected {shape})")
    return arr


@dataclass(frozen=True, slots=True)
class _Meta:
    n_features: int  # n-grams; the cue block (CUE_FEATURES) follows them in coef
    thresholds: np.ndarray
    cue_floor: float
    context_floor: float
    cues_sha256: Optional[str]


def _parse_meta(path: Path) -> _Meta:
    meta = _read_json(path)
    try:
        if meta["format"] != FORMAT or tuple(meta["labels"]) != MODELS:
            raise ValueError(f"format {meta['format']!r} with labels {meta['labels']!r}")
        if tuple(meta["cue_features"]) != CUE_FEATURES:
            raise ValueError("cue features differ from this version's CUE_FEATURES")
        out = _Meta(int(meta["n_features"]), np.array([float(meta["thresholds"][m]) for m in MODELS]),
                    float(meta["cue_floor"]), float(meta["context_floor"]), meta.get("cues_sha256"))
    except (KeyError, TypeError, ValueError) as exc:
        raise _model_error(path, f"model file is corrupt ({type(exc).__name__}: {exc})") from None
    if not np.isfinite(out.thresholds).all():
        raise _model_error(path, "model file is corrupt (thresholds)")
    return out


class MonetizationDetector:
    """Sentence-level business-model detector; build with `MonetizationDetector.load()`."""

    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 thresholds: np.ndarray, cue_floor: float, context_floor: float,
                 cues: Optional[CueLexicon] = None) -> None:
        self.vocabulary = {f: i for i, f in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        coef = np.asarray(coef, dtype=np.float64)  # models x (n-grams + cue block)
        self.coef_t = np.ascontiguousarray(coef[:, :len(self.idf)].T)
        self.cue_coef_t = np.ascontiguousarray(coef[:, len(self.idf):].T)
        self._idf0 = np.append(self.idf, 0.0)  # plus a zero row for unknown n-grams
        self._coef0 = np.vstack([self.coef_t, np.zeros((1, len(MODELS)))])
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.cue_floor = float(cue_floor)
        self.context_floor = float(context_floor)
        self.cues = cues or CueLexicon.load()
        self._ngrams: Optional[_NgramIndex] = None  # built on first `run`

    @classmethod
    def load(cls, path: Path | None = None) -> "MonetizationDetector":
        """Load a model directory (default: `default_model_dir()`); ModelFileError names the bad file."""
        root = Path(path) if path is not None else default_model_dir()
        meta = _parse_meta(root / "meta.json")
        vocab = _read_json(root / "vocab.json")
        if not (isinstance(vocab, list) and len(vocab) == meta.n_features
                and all(isinstance(f, str) for f in vocab)):
            raise _model_error(root / "vocab.json", f"model file is corrupt (not a list of {meta.n_features} "
                                                    "feature strings)")
        idf = _read_npy(root / "idf.npy", (meta.n_features,))
        coef = _read_npy(root / "coef.npy", (len(MODELS), meta.n_features + len(CUE_FEATURES)))
        intercept = _read_npy(root / "intercept.npy", (len(MODELS),))
        cues = CueLexicon.load()
        if meta.cues_sha256 not in (None, cues.digest):
            warnings.warn(f"{CUES_PATH} changed after the monetization model was trained; retrain it with "
                          f"`{REBUILD}`", stacklevel=2)
        return cls(vocab, idf, coef, intercept, meta.thresholds, meta.cue_floor, meta.context_floor, cues)

    def probabilities(self, features: list[list[str]], cues: np.ndarray) -> np.ndarray:
        """P(model | sentence) from n-gram lists (TF-IDF: sublinear tf, l2 norm) and the cue block."""
        width = len(self.idf) + 1  # an unknown n-gram maps to the last column: idf 0, no weight
        sizes = [len(f) for f in features]
        ids = np.fromiter(map(self.vocabulary.get, chain.from_iterable(features), repeat(width - 1)),
                          dtype=np.int64, count=sum(sizes))
        return self._probabilities(len(features), np.repeat(np.arange(len(features)), sizes), ids, cues)

    def _sentence_probabilities(self, lows: list[str], cues: np.ndarray) -> np.ndarray:
        """`probabilities` of some lower-cased sentences, with their n-grams found by `_NgramIndex`."""
        if self._ngrams is None:
            self._ngrams = _NgramIndex(self.vocabulary)
        rows, ids = self._ngrams.features(lows, len(self.idf))
        return self._probabilities(len(lows), rows, ids, cues)

    def _probabilities(self, n: int, rows: np.ndarray, ids: np.ndarray, cues: np.ndarray) -> np.ndarray:
        """Probabilities from the (sentence, n-gram id) pairs of all n-grams, in any order.

        The pairs are sorted before anything is summed, so the order they come in (and n-grams
        outside the vocabulary, whose weight is 0) cannot change a bit of the result.
        """
        k = len(MODELS)
        width = len(self.idf) + 1
        sums = np.zeros((n, k + 1))  # per sentence: sum of tf-idf x coef per model, then sum of tf-idf^2
        if ids.size:
            keys = np.sort(rows * width + ids)
            first = np.empty(keys.size, dtype=bool)
            first[0] = True
            np.not_equal(keys[1:], keys[:-1], out=first[1:])
            at = np.flatnonzero(first)
            row, col = np.divmod(keys[at], width)
            weight = (np.log(np.diff(np.append(at, keys.size))) + 1.0) * self._idf0[col]
            contrib = np.empty((at.size, k + 1))
            np.multiply(weight[:, None], self._coef0[col], out=contrib[:, :k])
            contrib[:, k] = weight * weight
            # rows come sorted: where each starts is where it differs from the previous one
            new_row = np.empty(row.size, dtype=bool)
            new_row[0] = True
            np.not_equal(row[1:], row[:-1], out=new_row[1:])
            starts = np.flatnonzero(new_row)
            sums[row[starts]] = np.add.reduceat(contrib, starts, axis=0)
        norm = np.sqrt(sums[:, k])
        scores = sums[:, :k] / np.where(norm > 0, norm, 1.0)[:, None] + cues @ self.cue_coef_t + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    def run(self, doc: Doc, companies: list[CompanyMention]) -> list[MonetizationMention]:
        """One mention per (sentence, model) the doc discusses; offsets index `doc.text_simplified`."""
        text = doc.text_simplified
        low = lower(text)
        if not self.cues.in_domain(low):
            return []
        spans = sentence_spans(text)
        # clause ends found in `low` are those of `text`: lower-casing keeps offsets and punctuation
        cues, clause_ends = self.cues._scan(low, spans)
        active = [i for i, sc in enumerate(cues) if sc.hits]
        if not active:
            return []
        probs = np.zeros((len(spans), len(MODELS)))
        probs[active] = self._sentence_probabilities([low[spans[i][0]:spans[i][1]] for i in active],
                                                     cue_matrix([cues[i] for i in active]))
        mentions = sorted(companies, key=lambda m: (m.start, m.end))
        starts = [m.start for m in mentions]
        main = _main_company(mentions)
        out = []
        for i, k, via in decide(probs, cues, self.thresholds, self.cue_floor, self.context_floor,
                                self.cues.strong_required):
            start, end = _evidence(text, spans[i], cues[i], k, clause_ends)
            out.append(MonetizationMention(
                model=MODELS[k], start=start, end=end, score=round(float(probs[i, k]), 4), via=via,
                company=self._company(low, spans, i, (start, end), mentions, starts, main)))
        return out

    __call__ = run

    def _company(self, low: str, spans: list[tuple[int, int]], i: int, clause: tuple[int, int],
                 mentions: list[CompanyMention], starts: list[int], main: Optional[str]) -> Optional[str]:
        """The company the sentence ties the model to, or None for the industry.

        A company named in the evidence clause (None for a list of three or more: the field); for a
        clause opening with 前者/后者 the first/last company before it; for a clause opening with
        其/它/it/the company the company before it in the sentence, else the article's main company
        (named far more often than any other), else the previous sentence's; None for a sentence about the
        field (行业, 大模型公司…, three or more companies) or one naming none; else the sentence's
        company. The main company wins where a choice is left.
        """
        if not mentions:
            return None
        s, e = spans[i]
        in_sentence = mentions[bisect_left(starts, s):bisect_left(starts, e)]
        in_clause = [m for m in in_sentence if clause[0] <= m.start < clause[1]]
        if in_clause:
            return None if _lists_companies(in_clause, low) else _pick(_distinct(in_clause), main)
        before = _distinct(m for m in in_sentence if m.start < clause[0])
        opening = low[clause[0]:clause[0] + 2]
        if opening in ("前者", "后者") and len(before) >= 2:
            return before[0] if opening == "前者" else before[-1]
        if self.cues.starts_with_anaphora(low[clause[0]:clause[1]]):
            if before or main or not i:
                return _pick(before, main) if before else main
            previous = mentions[bisect_left(starts, spans[i - 1][0]):bisect_left(starts, spans[i - 1][1])]
            return previous[0].company_id if previous else None
        distinct = _distinct(in_sentence)
        if not distinct or self.cues.is_industry(low[s:e]) or len(distinct) >= 3:
            return None
        return _pick(distinct, main)


def _pick(companies: list[str], main: Optional[str]) -> Optional[str]:
    """The article's main company when it is among the candidates, else the first candidate."""
    return main if main in companies else companies[0]


_LIST_GAP = re.compile(r"[\s(（)）左中右]*(?:、|,|，|/|&|和|与|及|以及|或|and|or)?[\s(（)）]*(?:and|or)?\s*")


def _lists_companies(mentions: list[CompanyMention], low: str) -> bool:
    """Three or more different companies side by side, separated only by 、/和/and… (an enumeration)."""
    run: list[str] = []
    for a, b in zip(mentions, mentions[1:]):
        if b.start - a.end <= 6 and _LIST_GAP.fullmatch(low, a.end, max(a.end, b.start)):
            run = run or [a.company_id]
            if b.company_id not in run:
                run.append(b.company_id)
            if len(run) >= 3:
                return True
        else:
            run = []
    return False


def _main_company(mentions: list[CompanyMention]) -> Optional[str]:
    """The article's main company: at least three mentions and twice as many as any other."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.company_id] = counts.get(m.company_id, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _distinct(mentions: Iterable[CompanyMention]) -> list[str]:
    return list(dict.fromkeys(m.company_id for m in mentions))


def _evidence(text: str, span: tuple[int, int], sc: SentenceCues, model: int,
              clause_ends: list[int]) -> tuple[int, int]:
    """The clause holding the model's cue (strong before weak), else the whole sentence."""
    s, e = span
    hits = [(not h.strong, h.start) for h in sc.hits if h.model == model and not h.negated]
    if not hits:
        return s, e
    at = min(hits)[1]
    i = bisect_right(clause_ends, at)
    cs = max(s, clause_ends[i - 1]) if i else s
    ce = min(e, clause_ends[i]) if i < len(clause_ends) else e
    while ce > cs and (text[ce - 1] in _CLAUSE_PUNCT or text[ce - 1].isspace()):
        ce -= 1
    while cs < ce and text[cs].isspace():
        cs += 1
    return (cs, ce) if ce - cs >= _MIN_CLAUSE else (s, e)


def models_of(mentions: Iterable[MonetizationMention]) -> list[str]:
    """The distinct models of some mentions, in the vocabulary's order (a record's label set)."""
    found = {m.model for m in mentions}
    return [m for m in MODELS if m in found]
