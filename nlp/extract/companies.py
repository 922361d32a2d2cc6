"""Doc -> CompanyMention: knowledge-base names, aliases and products, plus companies the KB lacks.

How matching works, and why it is not a spaCy pass over the whole article:

* Every KB string (names, aliases, products, their derived traditional forms) is indexed once per
  KB and process: strings that start with a letter or digit by their first word, the others by
  their first two characters, which a character-class regex finds in C. The scan runs over
  `Doc.text_simplified` with ASCII letters lowercased (same length, so offsets hold); the longest
  string at the leftmost position wins, so 阿里巴巴 is one mention and 阿里 inside it is not another.
* Each hit is then checked at its edges. Latin names must not touch other letters or digits
  (`Meta` in `Metaverse`, `OpenAI` in `OpenAIs`) and, unless their spelling is distinctive
  (`OpenAI`, `DeepSeek`), must keep their case (`Apple`, not `apple`; `IBM`, not `ibm`). Chinese
  names that touch other Han characters are checked against jieba's dictionary, with every KB
  string added to a private copy of it: only when a dictionary word spans an edge does jieba
  segment the few characters around the hit, and a name whose edge falls inside a word (美团 in
  完美团队, 京东 in 京东方) is dropped. Tokenising only around hits keeps an article at a few
  milliseconds; spaCy's jieba tokenizer over a whole article costs 30-100 ms.
* Names that are also ordinary words (元宝 as money, 360 as a number, 小米 as millet, Meta as a
  prefix) have context rules and blocking phrases in `nlp/data/company_context.txt`; outlets whose
  name contains a KB name (网易科技, 新浪科技) block it too (`nlp/data/media_stopwords.txt`).
* Companies missing from the KB are found by patterns and reported with `via="unknown"` and a slug
  id (`nlp.extract.kb.slugify`): a name before 公司/科技/集团/资本/基金/有限公司..., an English name
  before Inc./Labs/AI/Group..., an apposition (人工智能公司X创始人, 初创公司X宣布, a startup called X,
  carmaker X), and unknown items of a list whose other items are KB companies (淘宝、京东、得物、
  什么值得买等; Andreessen Horowitz, DST Global and Bpifrance). Generic heads, places and outlets
  are rejected from `nlp/data/org_stopwords.txt`, `places.txt`, `media_stopwords.txt`.

`spacy_pipeline()` wraps the same matcher as a spaCy component (blank `zh` with the jieba segmenter,
or blank `en`) for callers that want `doc.ents`.
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path
from typing import Callable, Iterable, Optional

from nlp.extract.kb import KnowledgeBase, SurfaceForm, jieba_dictionary, jieba_tokenizer, slugify
from nlp.schema import CompanyMention, Doc

_DATA = Path(__file__).resolve().parent.parent / "data"
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARS}]")
_HAN_TAIL = re.compile(f"[{_HAN_CHARS}]+\\Z")
_HAN_HEAD = re.compile(f"[{_HAN_CHARS}]+")
_NAME_RUN_TAIL = re.compile(f"[{_HAN_CHARS}A-Za-z0-9]+\\Z")  # `_is_han` or `_is_alnum` up to the end
_CAPITAL = re.compile("[A-Z]")
_LATIN_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.,:;!?()\-–— ]*")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_FULLWIDTH_RX = re.compile("[\uff01-\uff5e\u3000]")
_FULLWIDTH_PAIRS = {chr(c): chr(a) for c, a in _FULLWIDTH.items()}
_WINDOW = 6  # Han characters on each side that jieba sees when checking a hit's edges


@lru_cache(maxsize=None)
def _t2s(text: str) -> str:
    from nlp.extract.kb import _converter

    return _converter("t2s").convert(text)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _read_lines(name: str) -> list[str]:
    out = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def _places() -> frozenset[str]:
    """Place names (casefolded): alone they are not a company; a registered name may start with one."""
    return frozenset(w.casefold() for w in _read_lines("places.txt"))


@lru_cache(maxsize=None)
def org_stopwords() -> frozenset[str]:
    """Generic words and places that are not names (casefolded)."""
    return frozenset(w.casefold() for w in _read_lines("org_stopwords.txt")) | _places()


@lru_cache(maxsize=None)
def media_stopwords() -> frozenset[str]:
    """Outlets, agencies and data firms cited as sources (casefolded)."""
    return frozenset(w.casefold() for w in _read_lines("media_stopwords.txt"))


@dataclass(frozen=True, slots=True)
class ContextRules:
    blocks: tuple[str, ...]
    before: dict[str, tuple[re.Pattern, ...]]
    after: dict[str, tuple[re.Pattern, ...]]


@lru_cache(maxsize=None)
def context_rules() -> ContextRules:
    blocks: list[str] = []
    before: dict[str, list[re.Pattern]] = {}
    after: dict[str, list[re.Pattern]] = {}
    path = _DATA / "company_context.txt"
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if parts[0] == "block" and len(parts) == 2:
            blocks.append(parts[1].strip())
        elif parts[0] in ("before", "after") and len(parts) == 3:
            table = before if parts[0] == "before" else after
            table.setdefault(parts[1].strip(), []).append(re.compile(parts[2]))
        else:
            raise ValueError(f"{path}:{n}: expected 'block<TAB>PHRASE' or 'before|after<TAB>TARGET<TAB>REGEX'")
    return ContextRules(tuple(blocks), {k: tuple(v) for k, v in before.items()},
                        {k: tuple(v) for k, v in after.items()})


@dataclass(frozen=True, slots=True)
class _Entry:
    """What a lowercased match key stands for."""

    company_id: Optional[str]  # None for a blocking phrase
    form: Optional[SurfaceForm]
    stored: str  # the KB string the key came from (context rules are keyed on it)
    cased: frozenset[str]  # accepted spellings when case matters; empty = any case
    classes: tuple[str, ...]  # @numeric, @word
    originals: frozenset[str] = frozenset()  # for t2s-only keys: original spellings that count
    # filled in by `_Matcher` so that `_accept` does no per-hit lookups:
    before: tuple[re.Pattern, ...] = ()  # context rules of `stored` and `classes`
    after: tuple[re.Pattern, ...] = ()
    han_edge: bool = False  # the key starts or ends with a Han character: jieba checks its edges


def _latin_policy(text: str) -> frozenset[str]:
    """Spellings accepted for a Latin name; empty when any case is fine.

    A name with a capital inside it or a digit (OpenAI, DeepSeek, iFlytek, 01.AI) is distinctive in
    any case (Deepseek, OPENAI); a plain word (Apple, Meta, Perplexity) must keep its case or be
    all capitals, so apple and meta stay words.
    """
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if not letters:
        return frozenset()
    words = re.findall(r"[A-Za-z0-9]+", text)
    if all(w.isupper() or w.isdigit() for w in words):
        return frozenset({text})  # IBM, AMAT: an acronym in lower case is another word
    distinctive = any(any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:]) for w in words)
    if distinctive or len(letters) <= 1:
        return frozenset()
    return frozenset({text, text.upper()})


def _classes(text: str) -> tuple[str, ...]:
    if text.isdigit():
        return ("@numeric",)
    if re.fullmatch(r"[A-Z][a-z]+", text):
        return ("@word",)
    return ()


def _lower(text: str) -> str:
    """ASCII-only lowercasing that keeps every offset (str.lower can change lengths)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


def _normalise(text: str) -> str:
    """Full-width ASCII to ASCII, same length.

    One `str.replace` per distinct full-width character present (，：（） in most Chinese
    articles): a few C scans cost far less than `str.translate`'s per-character mapping lookup.
    """
    for ch in set(_FULLWIDTH_RX.findall(text)):
        text = text.replace(ch, _FULLWIDTH_PAIRS[ch])
    return text


def _charset(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _han_candidates(keys: Iterable[str]) -> re.Pattern:
    """Matches of one character where a key that starts with a non-Latin character could start.

    A position qualifies when its character can start such a key and the next one can follow
    that start: a few hundred positions in a Chinese article for the Python loop, not thousands.
    The pattern opens with a character set (the tests on what it was follow as lookbehinds) so
    the regex engine skips ahead to candidate characters: a third faster than zero-width
    `(?=[first][second])|(?=[single])` tried at every character, at the same positions.
    """
    keys = [k for k in keys if not _is_alnum(k[0])]
    first = {k[0] for k in keys if len(k) >= 2}
    second = {k[1] for k in keys if len(k) >= 2}
    single = {k for k in keys if len(k) == 1}
    if not first:
        return re.compile(_charset(single) if single else "(?!)")
    pair = f"(?={_charset(second)})"
    if not single:
        return re.compile(f"{_charset(first)}{pair}")
    return re.compile(f"{_charset(first | single)}(?:(?<={_charset(first)}){pair}|(?<={_charset(single)}))")


_LATIN_WORD = re.compile(r"[a-z0-9]+")
_LATIN_WORD_SPLIT = re.compile(r"([a-z0-9]+)")


def _holds_key(word: str, keys: dict[str, object]) -> bool:
    """Is some key of two or more characters a substring of `word`?"""
    n = len(word)
    return any(word[i:j] in keys for i in range(n - 1) for j in range(i + 2, n + 1))


def _first(item: tuple) -> int:
    return item[0]


class _Matcher:
    """The compiled KB: keys indexed by their first two characters, and jieba for edge checks.

    A regex alternation of ~3000 names costs 5 ms per 8 KB of Chinese (sre tries the branches one
    by one at each candidate position); a character class finds candidate positions in C and a
    dict of two-character prefixes settles almost all of them in one lookup.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.rules = rules = context_rules()
        entries: dict[str, _Entry] = {}
        for text, (cid, form) in kb.match_forms().items():
            key = _lower(text)
            cased = _latin_policy(text)
            prev = entries.get(key)
            if prev is not None and prev.company_id == cid and prev.cased and cased:
                cased = prev.cased | cased
            elif prev is not None and prev.form is not None and prev.form.derived is None:
                continue
            originals: frozenset[str] = frozenset()
            if form.derived == "t2s":
                originals = frozenset(f.text for f in kb.surface_forms(cid) if _t2s(f.text) == text)
            entries[key] = _Entry(cid, form, text, cased, _classes(text), originals)
        # outlets whose name holds a KB key of two or more characters: every substring of the
        # (short) outlet name is looked up, instead of testing each of the thousands of keys
        media = [w for w in _read_lines("media_stopwords.txt")
                 if _lower(w) not in entries and _holds_key(_lower(w), entries)]
        for phrase in (*rules.blocks, *media):  # 小米粥 is not Xiaomi; 网易科技 is an outlet
            key = _lower(phrase)
            entries.setdefault(key, _Entry(None, None, phrase, frozenset(), ()))
        for key, e in entries.items():
            targets = (e.stored, *e.classes)
            entries[key] = replace(
                e, before=tuple(rx for t in targets for rx in rules.before.get(t, ())),
                after=tuple(rx for t in targets for rx in rules.after.get(t, ())),
                han_edge=_is_han(key[0]) or _is_han(key[-1]))
        self.entries = entries
        # keys starting with a letter or digit are looked up by their first word, the others by
        # their first two characters
        by_prefix: dict[str, set[int]] = {}
        by_word: dict[str, set[str]] = {}
        for key in entries:
            if _is_alnum(key[0]):
                by_word.setdefault(_LATIN_WORD.match(key).group(), set()).add(key)
            elif len(key) >= 2:
                by_prefix.setdefault(key[:2], set()).add(len(key))
        self.by_prefix = {k: tuple(sorted(v, reverse=True)) for k, v in by_prefix.items()}
        self.by_word = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_word.items()}
        self.single = {k for k in entries if len(k) == 1 and not _is_alnum(k)}
        self.candidates = _han_candidates(entries)
        self.han_words = tuple(sorted({e.stored for e in entries.values()
                                       if e.company_id and _HAN.search(e.stored)}))
        self._tok = None
        self._tags: Optional[dict[str, str]] = None
        self._lock = threading.Lock()
        self._edge_cache: dict[tuple[str, int, int], bool] = {}
        self._cut_cache: dict[str, tuple[str, ...]] = {}

    # --- jieba, loaded on first use
    @property
    def tokenizer(self):
        if self._tok is None:
            with self._lock:
                if self._tok is None:
                    self._tok = jieba_tokenizer(self.han_words)
        return self._tok

    @property
    def word_tags(self) -> dict[str, str]:
        """jieba's part-of-speech tag for each dictionary word (what jieba.posseg tags with)."""
        if self._tags is None:
            self._tags = jieba_dictionary()[2]
        return self._tags

    def cut(self, text: str) -> tuple[str, ...]:
        """jieba's words of a short text (no HMM), remembered: the same few characters around a
        name or before 公司 recur across articles (a quarter of them over a batch), and jieba's
        pure-Python segmentation is the largest cost of finding unknown companies."""
        words = self._cut_cache.get(text)
        if words is None:
            words = tuple(self.tokenizer.cut(text, HMM=False))
            if len(self._cut_cache) > 50000:
                self._cut_cache.clear()
            self._cut_cache[text] = words
        return words

    def edges_ok(self, text: str, a: int, b: int) -> bool:
        """True when jieba puts word boundaries at a and b (only Han neighbours are checked)."""
        left_han = a > 0 and _is_han(text[a - 1]) and _is_han(text[a])
        right_han = b < len(text) and _is_han(text[b]) and _is_han(text[b - 1])
        if not left_han and not right_han:
            return True
        tail = _HAN_TAIL.search(text, max(0, a - _WINDOW), a)
        lo = tail.start() if tail else a
        head = _HAN_HEAD.match(text, b, b + _WINDOW)
        hi = head.end() if head else b
        freq = self.tokenizer.FREQ
        left_han = left_han and _crossed(text, a, lo, hi, freq)
        right_han = right_han and _crossed(text, b, lo, hi, freq)
        if not left_han and not right_han:
            return True  # no dictionary word spans an edge, so jieba cannot cut through it
        window = text[lo:hi]
        key = (window, a - lo, b - lo)
        cached = self._edge_cache.get(key)
        if cached is not None:
            return cached
        cuts = {0}
        pos = 0
        for word in self.cut(window):
            pos += len(word)
            cuts.add(pos)
        ok = (not left_han or (a - lo) in cuts) and (not right_han or (b - lo) in cuts)
        if len(self._edge_cache) > 50000:
            self._edge_cache.clear()
        self._edge_cache[key] = ok
        return ok


def _wordish(ch: str) -> bool:
    """A letter or digit of an alphabetic script (Eugênio), not a Han character."""
    return ch == "_" or (ch.isalnum() and ord(ch) < 0x2E80)


def _latin_edges_ok(text: str, a: int, b: int, left_only: bool = False) -> bool:
    """A span that starts (ends) with a letter or digit must not continue a word on that side,
    nor follow a dot or a dollar sign directly (.DJI, $AAPL are tickers)."""
    if _is_alnum(text[a]) and a > 0 and (_wordish(text[a - 1]) or text[a - 1] in ".$^"):
        return False
    if left_only:
        return True
    return not (_is_alnum(text[b - 1]) and b < len(text) and _wordish(text[b]))


def _crossed(text: str, cut: int, lo: int, hi: int, freq: dict[str, int]) -> bool:
    """Is there a dictionary word inside text[lo:hi] that starts before `cut` and ends after it?

    jieba's FREQ holds every prefix of every word (with frequency 0 when it is no word itself), so
    the strings from i are tried from the first one that crosses the cut, text[i:cut + 1], and
    the first one missing ends the search from i: nothing longer starts there.
    """
    for i in range(max(lo, cut - _WINDOW), cut):
        for j in range(cut + 1, hi + 1):
            f = freq.get(text[i:j])
            if f is None:
                break
            if f:
                return True
    return False


_MATCHERS: "weakref.WeakKeyDictionary[KnowledgeBase, _Matcher]" = weakref.WeakKeyDictionary()
_MATCHERS_LOCK = threading.Lock()


def _matcher_for(kb: KnowledgeBase) -> _Matcher:
    with _MATCHERS_LOCK:
        m = _MATCHERS.get(kb)
        if m is None:
            m = _MATCHERS[kb] = _Matcher(kb)
        return m


class CompanyExtractor:
    """Company mentions in a Doc; offsets index `doc.text_simplified`.

    Args:
        kb: the knowledge base; the default KB (`KnowledgeBase.cached()`) when None.
        unknown: also report companies the KB lacks (`via="unknown"`).
    """

    def __init__(self, kb: Optional[KnowledgeBase] = None, unknown: bool = True) -> None:
        self._kb = kb
        self.unknown = unknown
        self._matcher: Optional[_Matcher] = None  # `_matcher_for(self.kb)`, kept: it takes a lock

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.cached()
        return self._kb

    @property
    def matcher(self) -> _Matcher:
        m = self._matcher
        if m is None or m.kb is not self.kb:
            m = self._matcher = _matcher_for(self.kb)
        return m

    def run(self, doc: Doc) -> list[CompanyMention]:
        original = None
        if doc.text_simplified is not doc.text and doc.text_simplified != doc.text:
            def original(a: int, b: int, _doc: Doc = doc) -> Optional[str]:
                span = _doc.alignment.to_source(a, b)
                return _doc.text[span[0]:span[1]] if span else None
        return self.find(doc.text_simplified, original)

    __call__ = run

    def find(self, text: str, original: Optional[Callable[[int, int], Optional[str]]] = None
             ) -> list[CompanyMention]:
        """Mentions in a simplified-script string, sorted by offset.

        `original(start, end)` gives the text a span was converted from, when the string is an
        OpenCC conversion; names that only a conversion produces (升腾 from 昇騰) need it.
        """
        norm = _normalise(text)
        mentions = self._known(norm, original)
        if self.unknown:
            extra, suppressed = _find_unknown(norm, mentions, self.matcher)
            if suppressed:
                mentions = [m for m in mentions if (m.start, m.end) not in suppressed]
            mentions += extra
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    # --- knowledge-base names
    def _known(self, norm: str, original: Optional[Callable[[int, int], Optional[str]]] = None
               ) -> list[CompanyMention]:
        """Leftmost-longest KB strings that pass `_accept`; a rejected hit frees its characters."""
        m = self.matcher
        low = _lower(norm)
        entries = m.entries
        companies = self.kb.companies
        accept = self._accept
        out: list[CompanyMention] = []
        pos = 0
        for i, keys in self._candidates(low):
            if i < pos:
                continue
            for key in keys:  # longest first; a rejected key lets a shorter one try
                if key.__class__ is int:
                    key = low[i:i + key]
                elif not low.startswith(key, i):
                    continue
                entry = entries.get(key)
                if entry is None:
                    continue
                n = len(key)
                if entry.company_id is None:  # a blocking phrase
                    if _latin_edges_ok(norm, i, i + n):
                        pos = i + n
                        break
                    continue
                if accept(entry, norm, i, i + n, original, m):
                    company = companies[entry.company_id]
                    form = entry.form
                    out.append(CompanyMention(company.id, company.name_zh, company.name_en, i, i + n,
                                              form.via if form else "name",
                                              form.product if form and form.via == "product" else None))
                    pos = i + n
                    break
        return out

    def _candidates(self, low: str) -> list[tuple[int, tuple]]:
        """(position, key lengths or keys that may start there, longest first), in text order."""
        m = self.matcher
        by_prefix, by_word, single = m.by_prefix, m.by_word, m.single
        found: list[tuple[int, tuple]] = []
        for cand in m.candidates.finditer(low):
            i = cand.start()
            lens = by_prefix.get(low[i:i + 2])
            if lens:
                found.append((i, lens))
            elif single and low[i] in single:
                found.append((i, (1,)))
        if by_word:
            # every run of [a-z0-9] that is a key's first word; split + accumulate + compress keep
            # the walk over an English article's hundreds of words in C
            pieces = _LATIN_WORD_SPLIT.split(low)
            words = pieces[1::2]
            if words:
                starts = list(accumulate(map(len, pieces)))[0::2]
                found += [(i, by_word[w]) for i, w in compress(zip(starts, words), map(by_word.__contains__, words))]
                found.sort(key=_first)
        return found

    def _accept(self, entry: _Entry, norm: str, a: int, b: int,
                original: Optional[Callable[[int, int], Optional[str]]] = None,
                matcher: Optional[_Matcher] = None) -> bool:
        surface = norm[a:b]
        if entry.originals and (original is None or original(a, b) not in entry.originals):
            return False
        if entry.cased and surface not in entry.cased:
            return False
        if not _latin_edges_ok(norm, a, b, left_only=True):
            return False
        if _is_alnum(surface[-1]) and b < len(norm) and _wordish(norm[b]):
            # a product may carry a version number: Llama3, Qwen2.5
            versioned = (entry.form is not None and entry.form.via == "product"
                         and surface[-1].isalpha() and norm[b].isdigit())
            if not versioned:
                return False
        if "@word" in entry.classes and entry.form is not None and entry.form.via != "name":
            if re.search(r"(?<![.!?:;\n] )\b[A-Z][a-z]+ $", norm[max(0, a - 20):a]):
                return False  # Rob Goldman: a surname, not Goldman Sachs
        if entry.before:
            lo = max(0, a - 12)
            for rx in entry.before:
                if rx.search(norm, lo, a):
                    return False
        if entry.after:
            after = norm[b:b + 16]
            for rx in entry.after:
                if rx.match(after):
                    return False
        if entry.han_edge:
            return (matcher or self.matcher).edges_ok(norm, a, b)
        return True


@lru_cache(maxsize=1)
def default_extractor() -> CompanyExtractor:
    """One extractor over the default KB per process."""
    return CompanyExtractor()


class CompanyComponent:
    """spaCy component: company mentions as `doc.ents` (label ORG, `kb_id_` = company id,
    `id_` = how it was found: name, alias, product or unknown)."""

    def __init__(self, extractor: Optional[CompanyExtractor] = None) -> None:
        self.extractor = extractor or default_extractor()

    def __call__(self, doc):
        from spacy.util import filter_spans

        spans = []
        for m in self.extractor.find(doc.text):
            span = doc.char_span(m.start, m.end, label="ORG", kb_id=m.company_id, span_id=m.via,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


def _register_spacy_factory() -> None:
    """Register the `company_mentions` factory on first use, not at import time."""
    from spacy.language import Language

    if not Language.has_factory("company_mentions"):
        Language.factory("company_mentions", default_config={"kb_paths": []},
                         func=lambda nlp, name, kb_paths: CompanyComponent(
                             CompanyExtractor(KnowledgeBase.cached(tuple(kb_paths))) if kb_paths
                             else None))


def spacy_pipeline(lang: str = "zh", extractor: Optional[CompanyExtractor] = None):
    """A blank spaCy pipeline with the `company_mentions` component.

    `zh` uses spaCy's jieba segmenter with this KB's words in a private jieba dictionary; `en` is
    spaCy's blank English. The component runs the same matcher as `CompanyExtractor.find` on
    `doc.text` (a whole-article spaCy tokenisation is only needed to align entities to tokens).
    """
    import spacy

    _register_spacy_factory()
    extractor = extractor or default_extractor()
    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer.jieba_seg = extractor.matcher.tokenizer
    else:
        nlp = spacy.blank(lang)
    component = nlp.add_pipe("company_mentions")
    component.extractor = extractor
    return nlp


# --- companies the KB does not know -------------------------------------------------------------

# jieba POS tags that end a name when walking back from a suffix (verbs, particles, pronouns,
# adverbs, numerals, measure words, time and place words, adjectives, idioms, punctuation).
_STOP_POS = frozenset("v vd vg vi vq p c u uj ul uz ug uv ud r rr rz rg d dg m mq q f t tg y e o "
                      "a ad ag z zg s b i k h x w".split())
_FUNCTION_POS = frozenset("v vd p c u uj ul uz ug uv ud d r rr rz y e o".split())
_PROPER_POS = frozenset("nz nt nrt".split())  # jieba tags nr and j are too noisy to count
_COMMON_CHAR = 20000  # a single character this frequent with a function tag (想, 约) ends a name
_UNCOMMON = 100  # a verb/adjective rarer than this can sit inside a name
_RARE = 30  # a dictionary word rarer than this (jieba frequency) counts as a name
# characters that never start or continue a name: particles, prepositions, pronouns, measure words
_FUNCTION_CHARS = frozenset("的地得了着过在是和与及或从向对把被将为由以于之其该这那此等各每某个家位名也都还又就才"
                            "已再并而但却让给使称说至到自据按较更最很太不没无非曾要会能可应须当如若像起朝往们皆"
                            "大小新老多少几一")
_ZH_SUFFIX = re.compile("股份有限公司|有限责任公司|集团有限公司|有限公司|智能科技|网络科技|电子科技|信息科技|"
                        "信息技术|实验室|集团|公司|科技|智能|先进封装|热能|"
                        "资本|创投|基金|网络|控股|零售|工业|微电子|电子|半导体|光电|通信|软件|汽车|机器人|"
                        "医药|生物|传媒|影业|娱乐|物流|证券|银行|保险|能源|电气|材料")
_FORMAL = frozenset({"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "基金"})
_INVESTOR_SUFFIX = frozenset({"创投", "资本", "基金"})
# two stacked suffixes (港湾智能科技): the words before them are a name even when generic (港湾)
_STACKED = frozenset({"智能科技", "网络科技", "电子科技", "信息科技"})
# industry words that end Taiwan names (钧晟先进封装, 冠骐热能); only after a Han head, since a
# Latin one is usually a technology (CoWoS先进封装)
_HAN_HEAD_ONLY = frozenset({"先进封装", "热能"})
# a fund is not a company (宏志基金, 上市莞企发展投资基金) unless its registered name starts with a
# place (北京市人工智能产业投资基金, an investor); KB investors are found by name, and the suffix
# also keeps a product name inside a fund's name from being reported (星火基金)
_NOT_COMPANY = frozenset({"基金"})
# a verb as the whole head (来电科技: jieba reads 来电 "call in" as a verb) counts only when the
# name recurs: a verb before 科技 is otherwise an ordinary phrase (利用科技)
_VERB_HEAD_SUFFIX = frozenset({"科技", "智能科技", "网络科技", "电子科技", "信息科技", "集团"})
# words that end a walk back from a suffix (the name before them is another expression)
_HEAD_STOP = frozenset({"公司", "企业", "机构", "厂商", "客户", "旗下", "股东", "投资方", "合作伙伴", "伙伴",
                        "品牌", "平台", "简称", "以下简称"})
_DETERMINERS = frozenset("本该这此其各每某那")
_PARTICLES = frozenset("的了着过是和与及或这那该其各每某个家们")  # no name ends with one
# what often follows a company introduced by its kind: 初创公司云穹智能宣布完成融资
_VERB = "宣布|完成|获得|推出|发布|表示|称|成立于|正式|近日|日前|今天|今日|已经|已于|于近日|也"
_ROLE_WORDS = frozenset("联合创始人 创始人 创办人 首席执行官 首席技术官 董事长 总裁 总经理 负责人 合伙人 副总裁 高管 "
                        "发言人 董事 经理 主席 首席 CEO CTO COO CFO 员工 团队".split())
_ROLE = ("联合创始人|创始人|创办人|首席执行官|首席技术官|CEO|CTO|COO|CFO|董事长|总裁|总经理|负责人|"
         "合伙人|副总裁|高管|发言人")
_ZH_APPOS_ANCHOR = "(?:公司|企业|独角兽|厂商|团队|机构|实验室)"
_ZH_APPOS = re.compile(
    rf"{_ZH_APPOS_ANCHOR}\s*(?P<name>[A-Za-z0-9{_HAN_CHARS}]"
    rf"[A-Za-z0-9{_HAN_CHARS} .&-]{{1,11}}?)\s*(?:(?P<role>{_ROLE})|(?P<verb>{_VERB}))")
_LATIN_NAME = r"[A-Z][A-Za-z0-9&'.\-]*+"  # possessive: no backtracking inside a word
# A pattern that opens with a lookbehind makes the regex engine try it at every character; with the
# check placed after the first capital ("no letter or digit before it": the class, then the capital
# itself) the engine skips ahead to capitals, and the matches are the same. 2.5x less time.
_LATIN_NAME_START = r"[A-Z](?<![A-Za-z0-9].)[A-Za-z0-9&'.\-]*+"  # `_LATIN_NAME` not after [A-Za-z0-9]
_LATIN_ROLE = re.compile(rf"(?P<name>(?:{_LATIN_NAME_START})(?: (?:{_LATIN_NAME})){{0,2}}) ?(?=(?:{_ROLE})"
                         rf"[{_HAN_CHARS}])")
_EN_SUFFIX_WORDS = ("Labs|Lab|AI|Technologies|Technology|Robotics|Systems|Capital|Ventures|Holdings|Group|"
                    "Inc\\.?|Incorporated|Corp\\.?|Corporation|Ltd\\.?|Limited|LLC|PLC|GmbH|Co\\.|Cos\\.")
_EN_ORG_SUFFIX = frozenset("Inc Inc. Incorporated Corp Corp. Corporation Ltd Ltd. Limited LLC PLC GmbH Group Co. Cos. "
                           "Holdings Capital Ventures".split())
# (the check before the first capital sits after it, as in `_LATIN_NAME_START`: a faster scan)
_EN_SUFFIX = re.compile(
    rf"(?P<head>(?:[A-Z](?<![A-Za-z0-9&'.-].)[A-Za-z0-9&'.\-]*+)(?: (?:{_LATIN_NAME})){{0,3}}?)"
    rf"(?P<suf>(?:,? (?:{_EN_SUFFIX_WORDS}))+)(?![A-Za-z0-9])")
_EN_APPOS_BEFORE = re.compile(
    rf"\b(?:startup|start-up|company|firm|lab|unicorn|maker|developer|provider|upstart|outfit|"
    rf"(?:shipping|media|tech|technology|industrial|retail|luxury|mining|energy|insurance|banking|"
    rf"financial|investment|equity|hotel|food|consumer|car|auto|telecom|chemicals?|steel) group|"
    rf"carmaker|automaker|chipmaker|drugmaker|retailer|insurer|lender|bank|conglomerate|giant|"
    rf"supplier|manufacturer|operator|studio|publisher|brokerage|airline|subsidiary)"
    rf"(?: (?:called|named))? (?P<name>(?:{_LATIN_NAME})(?: (?:{_LATIN_NAME})){{0,2}})(?![A-Za-z0-9])")
_EN_BASED = re.compile(
    rf"[A-Z][A-Za-z.]*-based (?P<name>(?:{_LATIN_NAME_START})(?: (?:{_LATIN_NAME})){{0,2}})(?![A-Za-z0-9])")
_EN_APPOS_AFTER = re.compile(
    rf"(?P<name>(?:{_LATIN_NAME_START})(?: (?:{_LATIN_NAME})){{0,2}}), (?:a|an) "
    rf"(?:[\w-]+\s+){{0,3}}?(?:startup|start-up|company|firm|lab|unicorn|maker|developer|provider)\b(?!['’-])"
    rf"(?!\s+(?:founder|co-founder|investor|executive|veteran|employee|engineer|adviser|advisor|"
    rf"researcher|analyst|spokesperson|spokesman|spokeswoman|CEO|chief|president|director|insider)s?\b)")
_EN_LIST_NAME = r"(?:[A-Z][A-Za-z0-9&'.\-]*+|[0-9][A-Za-z0-9]*+)(?: (?:[A-Z][A-Za-z0-9&'.\-]*+|&|of|de|der|von)){0,3}"
_EN_LIST = re.compile(rf"(?<![A-Za-z0-9])(?:{_EN_LIST_NAME})(?:, (?:{_EN_LIST_NAME}))+,? (?:and|or) (?:{_EN_LIST_NAME})"
                      rf"|(?<![A-Za-z0-9])(?:{_EN_LIST_NAME})(?:, (?:{_EN_LIST_NAME})){{2,}}")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bBros)(?<!\bCo)\.\s+(?=[A-Z])")
_ABBREVIATIONS = ("Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "Bros.", "S.A.", "N.V.", "L.P.")
_LIST_CONJ = re.compile(r"以及|及|和|与|或")
_LIST_END = re.compile(r"等|以及|及|和|与|在内|这|都|均|也|还|已|纷纷")


def _casefold_in(word: str, table: frozenset[str]) -> bool:
    return word.casefold() in table


@lru_cache(maxsize=None)
def _en_function_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_lines("en_function_words.txt"))


def _en_function(word: str) -> bool:
    """the, In, Meanwhile...: trimmed from the start of a candidate name."""
    return word.strip(".,'’-").casefold() in _en_function_words()


def _en_stop(word: str) -> bool:
    """A function word or a generic word: a name made only of these is no name."""
    w = word.strip(".,'’-").casefold()
    return w in _en_function_words() or w in org_stopwords()


def _en_name_words(words: list[str]) -> list[str]:
    """Candidate name words: cut after a sentence end or a possessive, drop leading function words."""
    ends = [i for i, w in enumerate(words[:-1]) if w[-1] in ".,;:"]
    if ends:
        words = words[ends[-1] + 1:]  # near Paris. Northlake Robotics GmbH
    for i, w in enumerate(words):
        if w.endswith(("'s", "’s", "'", "’")):
            words = words[:i + 1]
            words[-1] = re.sub(r"['’]s?$", "", words[-1])  # developer Tequila Works' Gylt
            break
    while words and _en_function(words[0]):
        words = words[1:]
    if not words or all(_en_stop(w) for w in words):
        return []
    return words


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _mention(name: str, a: int, b: int) -> CompanyMention:
    """An unknown-company mention of text[a:b], under the id and name of `name` (its full name)."""
    han = bool(_HAN.search(name))
    return CompanyMention(_slug(name), name if han else None, None if han else name, a, b, "unknown")


@lru_cache(maxsize=4096)
def _slug(name: str) -> str:
    return slugify(name)


def _valid_name(name: str) -> bool:
    key = name.casefold().strip()
    if len(key) < 2 or key in org_stopwords() or key in media_stopwords():
        return False
    return not key.isdigit()


def _generic_head(text: str, lo: int, s: int) -> bool:
    """Is text[lo:s] made of generic words (and places) back to a particle or the run start?

    A cheap test that spares jieba most suffix hits: 大模型公司, 国内AI公司, 和互联网大厂.
    """
    stop = org_stopwords()
    end = s
    while end > lo:
        for n in (5, 4, 3, 2, 1):
            if end - n >= lo and text[end - n:end].casefold() in stop:
                end -= n
                break
        else:
            return text[end - 1] in _PARTICLES
    return True


_ITEM_CHARS = f"A-Za-z0-9{_HAN_CHARS} .&·-"
_ITEM_RUN = re.compile(f"[{_ITEM_CHARS}]+")
_ITEM_TAIL = re.compile(f"[{_ITEM_CHARS}]+\\Z")
_ITEM_MAX = 16


def _enumerations(text: str) -> list[tuple[int, int]]:
    """Spans of 、-separated enumerations (items up to 16 characters of names)."""
    out: list[tuple[int, int]] = []
    cur: list[int] = []

    def close() -> None:
        if not cur:
            return
        tail = _ITEM_TAIL.search(text, max(0, cur[0] - _ITEM_MAX), cur[0])
        head = _ITEM_RUN.match(text, cur[-1] + 1, cur[-1] + 1 + _ITEM_MAX)
        if tail and head:
            out.append((tail.start(), head.end()))

    for m in re.finditer("、", text):
        p = m.start()
        if cur and 0 < p - cur[-1] - 1 <= _ITEM_MAX and _ITEM_RUN.fullmatch(text, cur[-1] + 1, p):
            cur.append(p)
            continue
        close()
        cur = [p]
    close()
    return out


class _UnknownFinder:
    """Pattern search for companies missing from the KB, over one text."""

    def __init__(self, text: str, known: list[CompanyMention], matcher: _Matcher) -> None:
        self.text = text
        self.matcher = matcher
        self.known = known
        self.covered = bytearray(len(text))
        for k in known:
            self.covered[k.start:k.end] = b"\x01" * (k.end - k.start)
        self.by_span = {(k.start, k.end): k for k in known}
        self.known_by_end: dict[int, list[CompanyMention]] = {}
        self.known_by_start: dict[int, list[CompanyMention]] = {}
        for k in known:
            self.known_by_end.setdefault(k.end, []).append(k)
            self.known_by_start.setdefault(k.start, []).append(k)
        self.found: list[tuple[int, int]] = []
        self.suppressed: set[tuple[int, int]] = set()  # KB mentions that are part of a longer name
        # English patterns only run where there is Latin text with a capital letter
        self.latin = [m.span() for m in _LATIN_SEGMENT.finditer(text) if _CAPITAL.search(m.group())]
        self._latin_with: dict[str, list[tuple[int, int]]] = {"": self.latin}

    def _latin_matches(self, rx: re.Pattern, need: str = "") -> Iterable[re.Match]:
        """Matches of an English pattern inside Latin stretches that contain `need` (e.g. a space)."""
        last = -1
        text = self.text
        segments = self._latin_with.get(need)
        if segments is None:  # several patterns need the same separator: filter once per text
            segments = self._latin_with[need] = [(a, b) for a, b in self.latin if need in text[a:b]]
        size = len(text)
        for a, b in segments:
            for m in rx.finditer(text, a, min(size, b + 8)):
                if m.start() >= last:
                    last = m.end()
                    yield m

    def _tokens(self, a: int, b: int) -> list[tuple[str, str, int, int]]:
        """(word, tag, start, end) for text[a:b], offsets into the text.

        jieba without its HMM, tags from jieba's dictionary; runs of single characters that are
        not function words are joined into one word tagged `oov`: a name jieba does not know
        (澜码, 跃盟) comes out as such a run. (jieba's HMM would also glue function characters
        onto it: 拉起大模型 -> 拉起大/模型.)
        """
        m = self.matcher
        tags = m.word_tags
        out: list[tuple[str, str, int, int]] = []
        run_start = -1
        pos = a

        def close(end: int) -> None:
            nonlocal run_start
            if run_start < 0:
                return
            if end - run_start >= 2:
                out.append((self.text[run_start:end], "oov", run_start, end))
            else:
                ch = self.text[run_start]
                out.append((ch, tags.get(ch, "x"), run_start, end))
            run_start = -1

        for word in m.cut(self.text[a:b]):
            end = pos + len(word)
            if len(word) == 1 and _is_han(word) and not self._function_char(word):
                if run_start < 0:
                    run_start = pos
            else:
                close(pos)
                out.append((word, tags.get(word, "eng" if _is_alnum(word[0]) else "x"), pos, end))
            pos = end
        close(pos)
        return out

    def _function_char(self, ch: str) -> bool:
        """A character that does not continue a name: a particle or a very common verb/adverb."""
        if ch in _FUNCTION_CHARS:
            return True
        tag = self.matcher.word_tags.get(ch)
        return tag in _FUNCTION_POS and self.matcher.tokenizer.FREQ.get(ch, 0) > _COMMON_CHAR

    def _name_like(self, word: str, tag: str, adjacent: bool = False) -> bool:
        """Could be part of a name: not a function word, verb, adverb, number, punctuation..."""
        if word.isspace() or not word:
            return False
        if re.fullmatch(r"[A-Za-z0-9&.\-]+", word):
            return True
        if not _is_han(word[0]) or (len(word) == 1 and self._function_char(word)):
            return False
        if len(word) > 1 and word[0] in _DETERMINERS:
            return False  # 本季度, 该集团, 这家
        if tag == "oov" or tag not in _STOP_POS or _casefold_in(word, org_stopwords()):
            return True
        # verbs and adjectives in names are rare words (跃动, 启明); common ones end the name (涵盖)
        return len(word) > 1 and self.matcher.tokenizer.FREQ.get(word, 0) < _UNCOMMON

    def _proper(self, word: str, tag: str) -> bool:
        """Evidence of a name, not a generic word."""
        if _casefold_in(word, org_stopwords()) or _casefold_in(word, media_stopwords()):
            return False
        if re.fullmatch(r"[A-Za-z0-9&.\-]+", word):
            return bool(re.search(r"[A-Za-z]", word)) and (word[0].isupper() or word.isupper())
        if tag == "oov" or tag in _PROPER_POS:
            return True
        return (len(word) > 1 and word[0] not in _DETERMINERS and tag not in _STOP_POS
                and self.matcher.tokenizer.FREQ.get(word, 0) < _RARE)

    def _is_known(self, a: int, b: int) -> bool:
        """Does a KB mention (not suppressed) overlap text[a:b]?"""
        return 1 in self.covered[a:b]

    def _known_product(self, a: int, b: int) -> Optional[tuple[int, int]]:
        """The span of a KB product mention that is exactly text[a:b]."""
        k = self.by_span.get((a, b))
        return (a, b) if k is not None and k.via == "product" else None

    def _add(self, a: int, b: int) -> None:
        name = self.text[a:b]
        if not _valid_name(name):
            return
        for span in self.suppressed:
            if span[0] >= a and span[1] <= b:
                self.covered[span[0]:span[1]] = bytes(span[1] - span[0])
        if not self._is_known(a, b):
            self.found.append((a, b))

    # --- Chinese: a name before 公司/科技/资本/基金...
    def zh_suffix(self) -> None:
        text = self.text
        for m in _ZH_SUFFIX.finditer(text):
            s, e = m.span()
            if s == 0 or self._is_known(s, e):
                continue
            formal = m.group() in _FORMAL
            # the run of Han characters, letters and digits before the suffix (up to 10 or 16) and
            # of Han characters after it (up to 3), found in C
            run = _NAME_RUN_TAIL.search(text, max(0, s - (16 if formal else 10)), s)
            lo = run.start() if run else s
            if lo == s or text[s - 1] in _PARTICLES or _generic_head(text, lo, s):
                continue  # no head, a particle or only generic words: 的公司, 国内大模型公司
            tail = _HAN_HEAD.match(text, e, e + 3)
            hi = tail.end() if tail else e
            tokens = self._tokens(lo, hi)
            if s not in {t[2] for t in tokens} or any(t[2] == s and t[3] > e for t in tokens):
                continue  # the suffix is part of a longer word: 人工智能, 科技园, 基金会
            before = [t for t in tokens if t[3] <= s]
            head = self._head(before, formal, stacked=m.group() in _STACKED)
            if not head:
                head = self._verb_head(before, m.group())
            if not head:
                continue
            if m.group() in _HAN_HEAD_ONLY and not _is_han(head[0][0][0]):
                continue
            product = self._known_product(head[0][2], s)
            if product is not None and m.group() in _INVESTOR_SUFFIX:
                # 星火创投 is a VC, not iFlytek's 星火: the product name is part of another name
                self.suppressed.add(product)
            elif self._is_known(head[0][2], s):
                continue  # 腾讯公司, 北京智谱华章科技: the KB already has it
            if m.group() in _NOT_COMPANY and not _casefold_in(head[0][0], _places()):
                continue  # 北京市人工智能产业投资基金 (a registered investor) stays
            self._add(head[0][2], e)

    def _verb_head(self, before: list[tuple[str, str, int, int]], suffix: str
                   ) -> list[tuple[str, str, int, int]]:
        """来电科技: a two-character verb right after a boundary, as a name that recurs."""
        if suffix not in _VERB_HEAD_SUFFIX or not before:
            return []
        w, t, a, b = before[-1]
        if len(w) != 2 or not _is_han(w[0]) or t not in _FUNCTION_POS:
            return []
        if len(before) >= 2 and _is_han(before[-2][0][0]) and before[-2][0] not in _PARTICLES:
            return []  # 借助|利用科技 inside a longer phrase
        if self.text.count(w + suffix) < 2:
            return []
        return [before[-1]]

    def _head(self, before: list[tuple[str, str, int, int]], formal: bool, stacked: bool = False
              ) -> list[tuple[str, str, int, int]]:
        """The name before a suffix: tokens walked back from it, trimmed and checked."""
        head: list[tuple[str, str, int, int]] = []
        for tok in reversed(before):
            if head and tok[0] in _HEAD_STOP:
                break  # 智能体公司|深圳云穹智能科技有限公司
            if not self._name_like(tok[0], tok[1], adjacent=not head):
                break
            head.insert(0, tok)
        if formal:
            # a registered name starts with its place: 涵盖|上海国有资本投资有限公司
            starts = [i for i, t in enumerate(head) if t[1] == "ns" or _casefold_in(t[0], _places())]
            if starts:
                head = head[starts[0]:]
        places = {w for w, t, _, _ in head if t == "ns"} | {w for w, _, _, _ in head if _casefold_in(w, _places())}
        while head and _casefold_in(head[0][0], org_stopwords()) and not (formal and head[0][0] in places):
            head.pop(0)
        if not head:
            return []
        if any(self._proper(w, t) or (a, b) in self.by_span for w, t, a, b in head):
            return head
        if formal and head[0][0] in places and len(head) >= 2:
            return head  # 杭州灵犀跃动科技有限公司, 北京市人工智能产业投资基金
        if stacked and _is_han(head[0][0][0]) and not _casefold_in(head[0][0], _places()):
            return head  # 港湾智能科技: a generic word before two stacked suffixes
        return []

    # --- Chinese: 人工智能领域公司向量方程创始人
    def zh_apposition(self) -> None:
        """人工智能领域公司向量方程创始人, 初创公司云穹智能宣布, 初创公司Arcwise."""
        for m in _ZH_APPOS.finditer(self.text):
            a, b = m.span("name")
            name = m.group("name").strip()
            a = self.text.index(name, a)
            b = a + len(name)
            if re.fullmatch(r"[A-Za-z0-9 .&-]+", name):
                words = _en_name_words(name.split())
                if words and words[0][0].isupper():
                    self._add(a, a + len(" ".join(words)))
                continue
            tokens = self._tokens(a, min(len(self.text), m.end() + 2))
            if not any(t[2] == m.end("name") for t in tokens):
                continue  # the role or verb starts inside a word: 们皆宣称
            tokens = [t for t in tokens if t[3] <= b]
            if not tokens or any(not self._name_like(w, t) or w in _ROLE_WORDS for w, t, _, _ in tokens):
                continue  # 公司董事长许文彬表示: a role and a person
            if all(_casefold_in(w, org_stopwords()) for w, _, _, _ in tokens):
                continue
            if len(tokens) == 1 and tokens[0][1] == "nr":
                continue
            if m.group("verb") and not any(self._proper(w, t) for w, t, _, _ in tokens):
                continue  # 公司员工表示: after a verb only a clear name counts
            self._add(a, b)

    # --- Latin name before a Chinese role word: Moonpig AI负责人
    def latin_role(self) -> None:
        for m in self._latin_matches(_LATIN_ROLE):
            words = _en_name_words(m.group("name").split())
            if not words:
                continue
            name = " ".join(words)
            a = m.end("name") - len(name)
            self._add(a, m.end("name"))

    # --- English: Lumora Labs Inc., Moonpig AI, a startup called Arcwise, Arcwise, a startup
    def en_patterns(self) -> None:
        text = self.text
        for m in self._latin_matches(_EN_SUFFIX, " "):
            after = text[m.end():m.end() + 2]
            if re.match(r" [A-Z]|:", after):
                continue  # part of a longer title: Photovoltaic Power Systems Program, Specs:
            before = text[max(0, m.start() - 30):m.start()]
            if re.search(r"[A-Z][\w'’-]* (?:and|of|for|&) $", before):
                continue  # Picture Archiving and Communication Systems
            words = _en_name_words(m.group("head").split())
            if not words:
                continue
            suffixes = re.findall(r"[A-Za-z.]+", m.group("suf"))
            if suffixes[0] == "AI" and not any(re.search(r"[a-z]", w) for w in words):
                continue  # GEO AI, API AI: acronyms before AI are rarely names
            head = " ".join(words)
            a = text.index(head, m.start("head"))
            product = self._known_product(a, a + len(head))
            if product is not None and suffixes[0] in _EN_ORG_SUFFIX:
                self.suppressed.add(product)  # OCI Group is not Oracle's OCI; Blackwell AI is a chip
            self._add(a, m.end())
        for rx in (_EN_APPOS_BEFORE, _EN_APPOS_AFTER, _EN_BASED):
            for m in self._latin_matches(rx, " "):
                raw = m.group("name").split()
                if raw and raw[0].strip(".,").casefold() in org_stopwords():
                    continue  # company CEO Andy Vesey: a role, then a person
                words = _en_name_words(raw)
                while words and _en_stop(words[-1]):
                    words.pop()
                if not words:
                    continue
                name = " ".join(words)
                a = text.index(name, m.start("name"))
                self._add(a, a + len(name))

    # --- Chinese lists: 淘宝、京东、得物、什么值得买等
    def zh_lists(self) -> None:
        text = self.text
        for lo, hi in _enumerations(text):
            if 1 not in self.covered[lo:hi]:
                continue  # no KB name in it: nothing to compare the other items with
            items: list[Optional[tuple[int, int]]] = []
            pos = lo
            for part in text[lo:hi].split("、"):
                items.append((pos, pos + len(part)))
                pos += len(part) + 1
            last_start, last_end = items[-1]
            items[0] = self._list_first(*items[0])
            items[-1] = self._list_last(last_start, last_end)
            closed = items[-1] is not None and _LIST_END.match(text, items[-1][1]) is not None
            if items[-1] is not None:
                conj = _LIST_CONJ.match(text, items[-1][1])
                if conj:  # 联发科、瑞昱与联咏: one more item after the conjunction
                    extra = self._list_last(conj.end(), last_end)
                    if extra is not None and extra[1] > extra[0]:
                        items.append(extra)
            self._list(items, closed and len(items) == 2)

    def _list(self, items: list[Optional[tuple[int, int]]], pair: bool = False) -> None:
        """Unknown items of a list whose other items are KB mentions are companies too.

        At least one item must be a company's name (not only products). When the KB items are fewer
        than the others, or the list has two items (closed by 等: 纬创、英业达等), each other item
        must itself look like a name (a word jieba does not know, an organisation tag, Latin).
        """
        known = [it for it in items if it and it in self.by_span]
        if not known or (len(items) < 3 and not pair):
            return
        if not any(self.by_span[it].via in ("name", "alias") for it in known):
            return
        strict = pair or 2 * len(known) < len(items)
        for it in items:
            if not it or it in self.by_span:
                continue
            a, b = it
            name = self.text[a:b].strip()
            if not (2 <= len(name) <= 24) or self._is_known(a, b):
                continue
            if _is_han(name[0]):
                tokens = self._tokens(a, b)
                if len(name) > 8 or any(not self._name_like(w, t) for w, t, _, _ in tokens):
                    continue
                if len(tokens) == 1 and tokens[0][1] in ("nr", "ns", "t", "m"):
                    continue
                if strict and not any(self._proper(w, t) for w, t, _, _ in tokens):
                    continue
                if all(_casefold_in(w, org_stopwords()) for w, _, _, _ in tokens):
                    continue
            else:
                end = _SENTENCE_END.search(name)
                if end:
                    name = name[:end.start()]  # ... and OrbitBeyond. In May, ...
                if name.endswith(".") and not name.endswith(_ABBREVIATIONS):
                    name = name[:-1]  # ..., and Homejoy.
                words = name.split()
                if len(words) > 4 or not all(w[0].isupper() or w[0].isdigit() for w in words):
                    continue
                if all(_en_stop(w) for w in words):
                    continue
                if len(words) == 1 and self._surname(words[0]):
                    continue  # Big Machine, Braun and The Carlyle Group: Braun is Scooter Braun
            self._add(a, a + len(name))

    def _surname(self, word: str) -> bool:
        """Does the text also call `word` by a first name (Scooter Braun), as a person's surname?"""
        for m in re.finditer(rf"(?<![A-Za-z0-9&'.\-])([A-Z][a-z]+) {re.escape(word)}(?![A-Za-z0-9&\-])",
                             self.text):
            first = m.group(1)
            if _en_stop(first) or self._is_known(m.start(1), m.end(1)):
                continue
            after = self.text[m.end():m.end() + 16]
            if re.match(rf" (?:{_EN_SUFFIX_WORDS})\b", after):
                continue  # Acme Braun Holdings: a company name
            return True
        return False

    def _list_first(self, a: int, b: int) -> Optional[tuple[int, int]]:
        """The first item: the KB mention or the last word before the first 、."""
        for k in self.known_by_end.get(b, ()):
            if a <= k.start:
                return (k.start, k.end)
        tokens = self._tokens(a, b)
        if not tokens:
            return None
        w, t, s, e = tokens[-1]
        if len(tokens) >= 2 and re.fullmatch(r"[A-Za-z0-9]+", w) and tokens[-2][0] == " ":
            return None
        return (s, e) if self._name_like(w, t) else None

    def _list_last(self, a: int, b: int) -> Optional[tuple[int, int]]:
        """The last item: the KB mention, the text before 等/和/..., or one proper word."""
        for k in self.known_by_start.get(a, ()):
            if k.end <= b:
                return (k.start, k.end)
        end = _LIST_END.search(self.text, a, b)
        if end and end.start() > a:
            return (a, end.start())
        tokens = self._tokens(a, b)
        if not tokens:
            return None
        w, t, s, e = tokens[0]
        return (s, e) if self._proper(w, t) else None

    # --- English lists: Andreessen Horowitz, General Catalyst, DST Global and Bpifrance
    def en_lists(self) -> None:
        for m in self._latin_matches(_EN_LIST, ", "):
            items: list[Optional[tuple[int, int]]] = []
            for part in re.finditer(_EN_LIST_NAME, m.group()):
                a = m.start() + part.start()
                items.append((a, a + len(part.group())))
            if any(_casefold_in(self.text[a:b], _places()) for a, b in items):
                continue  # Blue Origin, Kent, Washington: an address, not a list of companies
            items = [self._trim_known(it) for it in items]
            self._list(items)

    def _trim_known(self, item: tuple[int, int]) -> tuple[int, int]:
        """An item that starts with "The"/"and" etc. but holds a KB mention is that mention."""
        a, b = item
        for k in self.known_by_end.get(b, ()):
            if a <= k.start:
                return (k.start, k.end)
        words = self.text[a:b].split(" ")
        while len(words) > 1 and _en_function(words[0]):
            a += len(words.pop(0)) + 1
        return (a, b)

    # --- other occurrences of the names found
    def repeats(self) -> list[tuple[int, int]]:
        names = {self.text[a:b] for a, b in self.found}
        spans = set(self.found)
        for name in names:
            start = 0
            while True:
                i = self.text.find(name, start)
                if i < 0:
                    break
                start = i + 1
                j = i + len(name)
                if (i, j) in spans or self._is_known(i, j) or _overlaps(i, j, self.found):
                    continue
                if _is_alnum(name[0]) and i > 0 and _is_alnum(self.text[i - 1]):
                    continue
                if _is_alnum(name[-1]) and j < len(self.text) and _is_alnum(self.text[j]):
                    continue
                if self.matcher.edges_ok(self.text, i, j):
                    spans.add((i, j))
        return sorted(spans)


def _find_unknown(text: str, known: list[CompanyMention], matcher: _Matcher
                  ) -> tuple[list[CompanyMention], set[tuple[int, int]]]:
    """Unknown-company mentions, and the spans of KB mentions they replace (星火 in 星火创投)."""
    finder = _UnknownFinder(text, known, matcher)
    if _HAN.search(text):
        finder.zh_suffix()
        finder.zh_apposition()
        finder.latin_role()
        finder.zh_lists()
    finder.en_patterns()
    finder.en_lists()
    if not finder.found:
        return [], set()
    # keep the longest of overlapping candidates
    chosen: list[tuple[int, int]] = []
    for a, b in sorted(set(finder.found), key=lambda s: (-(s[1] - s[0]), s[0])):
        if not _overlaps(a, b, chosen):
            chosen.append((a, b))
    finder.found = chosen
    # a short form inside a longer name found in the same text is the same company:
    # 云穹智能 / 深圳云穹智能科技有限公司
    names = sorted({text[a:b] for a, b in chosen}, key=len, reverse=True)
    full = {n: next((m for m in names if len(m) > len(n) and n in m), n) for n in names}
    out = [_mention(full[text[a:b]], a, b) for a, b in finder.repeats()]
    suppressed = {span for span in finder.suppressed
                  if any(m.start <= span[0] and span[1] <= m.end for m in out)}
    return out, suppressed
