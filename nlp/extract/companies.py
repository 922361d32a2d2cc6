"""Doc -> CompanyMention: knowledge-base names, aliases and products, plus companies the KB lacks.

How matching works, and why it is not a spaCy pass over the whole article:

* Every KB string (names, aliases, products, their derived traditional forms) goes into one trie
  regex, built once per KB and cached per process. It runs over `Doc.text_simplified` with ASCII
  letters lowercased (same length, so offsets hold); the longest string at the leftmost position
  wins, so 阿里巴巴 is one mention and 阿里 inside it is not another.
* Each hit is then checked at its edges. Latin names must not touch other letters or digits
  (`Meta` in `Metaverse`, `OpenAI` in `OpenAIs`) and, unless their spelling is distinctive
  (`OpenAI`, `DeepSeek`), must keep their case (`Apple`, not `apple`). Chinese names that touch other
  Han characters are checked with jieba on a few characters around the hit, with every KB string
  in a private jieba dictionary: 美团 in 完美团队 or 华为 in 中华为 falls inside other words and is
  dropped. Tokenising only around hits keeps a 20 KB article at a few milliseconds, where jieba over
  the whole text costs 30-100 ms.
* Names that are also ordinary words (元宝 as money, 360 as a number, 小米 as millet, Meta as a
  prefix) have context rules in `nlp/data/company_context.txt`.
* Companies missing from the KB are found by patterns and reported with `via="unknown"` and a slug
  id (`nlp.extract.kb.slugify`): a name before 公司/科技/集团/资本/基金/..., an English name before
  Inc./Labs/AI/..., an apposition (人工智能公司X创始人, a startup called X), and unknown items in a
  list whose other items are KB companies (淘宝、京东、得物、什么值得买等).

`spacy_pipeline()` wraps the same matcher as a spaCy component (blank `zh` with the jieba segmenter,
or blank `en`) for callers that want `doc.ents`.
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from nlp.extract.kb import KnowledgeBase, SurfaceForm, jieba_tokenizer, slugify
from nlp.schema import CompanyMention, Doc

_DATA = Path(__file__).resolve().parent.parent / "data"
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARS}]")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_WINDOW = 6  # Han characters on each side that jieba sees when checking a hit's edges


def _is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


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
def org_stopwords() -> frozenset[str]:
    """Generic words and places that are not names (casefolded)."""
    return frozenset(w.casefold() for w in _read_lines("org_stopwords.txt"))


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


def _trie_regex(keys: Iterable[str]) -> re.Pattern:
    """One regex for many literals; greedy optional groups make it prefer the longest key."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return re.compile(build(trie))


class _Matcher:
    """The compiled KB: trie regex, entries, and a jieba tokenizer for edge checks (lazy)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        rules = context_rules()
        entries: dict[str, _Entry] = {}
        for text, (cid, form) in kb.match_forms().items():
            key = text.translate(_LOWER)
            cased = _latin_policy(text)
            prev = entries.get(key)
            if prev is not None and prev.company_id == cid and prev.cased and cased:
                cased = prev.cased | cased
            elif prev is not None and prev.form is not None and prev.form.derived is None:
                continue
            entries[key] = _Entry(cid, form, text, cased, _classes(text))
        for phrase in rules.blocks:
            key = phrase.translate(_LOWER)
            entries.setdefault(key, _Entry(None, None, phrase, frozenset(), ()))
        self.entries = entries
        self.regex = _trie_regex(entries)
        self.han_words = tuple(sorted({e.stored for e in entries.values()
                                       if e.company_id and _HAN.search(e.stored)}))
        self._tok = None
        self._pos = None
        self._lock = threading.Lock()
        self._edge_cache: dict[tuple[str, int, int], bool] = {}

    # --- jieba, loaded on first use
    @property
    def tokenizer(self):
        if self._tok is None:
            with self._lock:
                if self._tok is None:
                    self._tok = jieba_tokenizer(self.han_words)
        return self._tok

    @property
    def pos_tokenizer(self):
        """jieba.posseg over the private tokenizer, sharing the global word-tag table."""
        if self._pos is None:
            tok = self.tokenizer
            with self._lock:
                if self._pos is None:
                    import jieba.posseg as pseg

                    pos = pseg.POSTokenizer.__new__(pseg.POSTokenizer)
                    pos.tokenizer = tok
                    pos.word_tag_tab = dict(pseg.dt.word_tag_tab)
                    for w in self.han_words:
                        pos.word_tag_tab.setdefault(w, "nt")
                    self._pos = pos
        return self._pos

    def edges_ok(self, text: str, a: int, b: int) -> bool:
        """True when jieba puts word boundaries at a and b (only Han neighbours are checked)."""
        left_han = a > 0 and _is_han(text[a - 1]) and _is_han(text[a])
        right_han = b < len(text) and _is_han(text[b]) and _is_han(text[b - 1])
        if not left_han and not right_han:
            return True
        lo = a
        while lo > 0 and a - lo < _WINDOW and _is_han(text[lo - 1]):
            lo -= 1
        hi = b
        while hi < len(text) and hi - b < _WINDOW and _is_han(text[hi]):
            hi += 1
        window = text[lo:hi]
        key = (window, a - lo, b - lo)
        cached = self._edge_cache.get(key)
        if cached is not None:
            return cached
        cuts = {0}
        pos = 0
        for word in self.tokenizer.cut(window, HMM=False):
            pos += len(word)
            cuts.add(pos)
        ok = (not left_han or (a - lo) in cuts) and (not right_han or (b - lo) in cuts)
        if len(self._edge_cache) > 50000:
            self._edge_cache.clear()
        self._edge_cache[key] = ok
        return ok


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

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.cached()
        return self._kb

    @property
    def matcher(self) -> _Matcher:
        return _matcher_for(self.kb)

    def run(self, doc: Doc) -> list[CompanyMention]:
        return self.find(doc.text_simplified)

    __call__ = run

    def find(self, text: str) -> list[CompanyMention]:
        """Mentions in a simplified-script string, sorted by offset."""
        norm = text.translate(_FULLWIDTH)
        mentions = self._known(norm)
        if self.unknown:
            mentions += _find_unknown(norm, mentions, self.matcher)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    # --- knowledge-base names
    def _known(self, norm: str) -> list[CompanyMention]:
        m = self.matcher
        low = norm.translate(_LOWER)
        out: list[CompanyMention] = []
        pos = 0
        search = m.regex.search
        while True:
            hit = search(low, pos)
            if hit is None:
                break
            a, b = hit.span()
            if a == b:
                pos = a + 1
                continue
            entry = m.entries[hit.group()]
            if entry.company_id is None:  # blocking phrase
                pos = b
                continue
            if self._accept(entry, norm, a, b):
                company = self.kb.companies[entry.company_id]
                form = entry.form
                out.append(CompanyMention(company.id, company.name_zh, company.name_en, a, b,
                                          form.via if form else "name",
                                          form.product if form and form.via == "product" else None))
                pos = b
            else:
                pos = a + 1
        return out

    def _accept(self, entry: _Entry, norm: str, a: int, b: int) -> bool:
        surface = norm[a:b]
        if entry.cased and surface not in entry.cased:
            return False
        if _is_alnum(surface[0]) and a > 0 and (_is_alnum(norm[a - 1]) or norm[a - 1] == "_"):
            return False
        if _is_alnum(surface[-1]) and b < len(norm) and (_is_alnum(norm[b]) or norm[b] == "_"):
            # a product may carry a version number: Llama3, Qwen2.5
            versioned = (entry.form is not None and entry.form.via == "product"
                         and surface[-1].isalpha() and norm[b].isdigit())
            if not versioned:
                return False
        rules = context_rules()
        for target in (entry.stored, *entry.classes):
            for rx in rules.before.get(target, ()):
                if rx.search(norm, max(0, a - 12), a):
                    return False
            for rx in rules.after.get(target, ()):
                if rx.match(norm[b:b + 16]):
                    return False
        if _is_han(surface[0]) or _is_han(surface[-1]):
            return self.matcher.edges_ok(norm, a, b)
        return True


@lru_cache(maxsize=1)
def default_extractor() -> CompanyExtractor:
    """One extractor over the default KB per process."""
    return CompanyExtractor()


def spacy_pipeline(lang: str = "zh", extractor: Optional[CompanyExtractor] = None):
    """A blank spaCy pipeline (zh: jieba segmenter with the KB words; en) whose `company_mentions`
    component sets `doc.ents` (label ORG, `ent.kb_id_` = company id, `ent.ent_id_` = via)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span
    from spacy.util import filter_spans

    extractor = extractor or default_extractor()
    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer.jieba_seg = extractor.matcher.tokenizer
    else:
        nlp = spacy.blank(lang)

    if not Language.has_factory("company_mentions"):
        @Language.factory("company_mentions")
        def _make(nlp_, name):  # noqa: ARG001
            return _CompanyComponent()

    class _CompanyComponent:
        def __call__(self, doc):
            spans = []
            for m in extractor.find(doc.text):
                span = doc.char_span(m.start, m.end, label="ORG", kb_id=m.company_id,
                                     span_id=m.via, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            doc.ents = filter_spans(spans)
            return doc

    nlp.add_pipe("company_mentions")
    # the factory closes over the first extractor; rebind to this one
    nlp.get_pipe("company_mentions").__class__ = _CompanyComponent
    return nlp
