"""Financial figures: Doc + company mentions -> Metric list (offsets into `Doc.text_simplified`).

A number becomes a figure only when a cue word ties it to a metric (nlp/data/metric_cues.toml):
1. a cue written right after it (`10亿美元融资`, `$4.3 billion in revenue`, `90%的AI算力市场`);
2. else the nearest cue before it in its clause whose metric accepts this kind of number (a currency
   amount for revenue, a percentage for growth, a head count for users); a growth word between them
   stops the search unless the growth figure sits in between (`收入同比增长20%至319亿元`);
3. else, when the clause has no cue at all, the nearest cue before it in the sentence
   (`Anthropic的API收入达到31亿美元，OpenAI则为29亿美元`).

The company is the nearest mention before the figure in its clause, else the first in the sentence,
else the subject carried over from the previous sentence (across paragraphs only after a pronoun such
as 其/its); industry words (市场规模, 行业) make it None. Periods, qualifiers, `per`, basis and the
growth's `of` come from the same clause and sentence. `分别`/`respectively` pairs lists of figures with
lists of companies, periods or earlier figures.
"""
from __future__ import annotations

import bisect
import os
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from nlp.extract.numbers import NumberSpan, find_numbers
from nlp.extract.periods import (PeriodMention, find_periods, fiscal_quarter, fiscal_year_ends, is_quarter,
                                 previous_quarter, year_before, year_of)
from nlp.extract.sentences import sentence_spans
from nlp.schema import CompanyMention, Doc, Metric

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "metric_cues.toml"

# clause boundaries inside a sentence (a comma between digits is a thousands separator; a comma
# after a word and before a digit still ends the clause: 突破了100亿美元,8月,…)
_HARD = re.compile(r"[，；;：]|,(?!(?<=\d,)\d)|:(?!\d)")
# what may separate a figure from a cue written after it
_FILLER = re.compile(r"(?:[\s的之]|in|of|the|new|annual|total|its|a|an|worth|for|from|on|fresh|"
                     r"(?:pre-)?[a-e]\+?(?=[ \t]?轮)|天使|种子|战略|新一)*")
_SHARE_AFTER = re.compile(r"[ \t]*的?[^\s，。,；;、]{0,10}?市场(?!规模|价值|空间)|[ \t]+of[ \t]+(?:the[ \t]+)?"
                          r"(?:[A-Za-z-]+[ \t]+){0,3}market\b", re.I)
_TO_AFTER = re.compile(r"[ \t]*(?:了)?[ \t]*(?:至|到|为|成|to\b|at\b|from\b)", re.I)
_ENUM_SEP = re.compile(r"[ \t]*(?:、|和|及|与|以及|or|and|,)[ \t]*")
# a cue followed by these and a figure introduces that figure ("revenue of $167.4 million")
_OWN_FIGURE_AFTER = re.compile(r"[ \t]+(?:of|was|were|totaling|totalling|reaching)[ \t]+"
                               r"(?:[a-z]+[ \t]+){0,2}?(?:us\$|\$|€|£|¥|[0-9])")
_PER_SHARE_GAP = re.compile(r"[ \t]*,?[ \t]*")
_GROWTH_NOUNS = frozenset({"增幅", "增速", "涨幅", "降幅", "跌幅", "增长率"})
_LEVEL_AFTER = re.compile(r"[ \t]*(?:了)?[ \t]*(?:至|到|破|to|below|above)[ \t]*(?:了)?[ \t]*"
                          r"(?:约|近|超过|不到|about|around|nearly)?[ \t]*")
_SHARE_BEFORE = re.compile(r"(?:占|占比|占据|accounting for|accounted for)[ \t]*(?:了|约|近|超过|达)?[ \t]*$")
_PAREN_OPEN = re.compile(r"[ \t]*[（(][ \t]*$")
_RESTATE_PAREN = re.compile(r"[ \t]*[（(][ \t]*(?:约|大约|折合|约合|合|相当于|即|约为|or|about|roughly)?[ \t]*"
                            r"(?:人民币|美元|港元|港币|RMB|US\$)?[ \t]*(?:约|大约)?[ \t]*$", re.I)
_GUILLEMET = re.compile(r"《[^》]{0,30}$")
_SEG_STRIP = re.compile(r"^(?:其中|其|而|则|的|和|及|与|以及|旗下|下属|当季|当期|全年|整体)+|(?:的|业务|板块|部门)+$")
_HYPHEN_PERSON = re.compile(r"-(?:person|member|strong)$")
_FOR_AFTER = re.compile(r"[^.;,，。；]{0,40}?\b(?:for|of)[ \t]+")
_PUNCT = re.compile(r"[，。,;；：:！？!?]")

MONEY_METRICS = frozenset({"revenue", "arr", "profit", "loss", "valuation", "market_cap", "funding",
                           "capex", "rd_expense", "marketing_expense", "cost", "price"})


# --- the lexicon ----------------------------------------------------------------------------------
def _trie_regex(words) -> str:
    """One regex alternation for many literal words (matched on ASCII-lowercased text, no re.I).

    Longest alternatives come first. A Latin word must start and end on a word edge; the start is
    checked by a lookbehind placed after its first letter, so that every alternative begins with a
    literal and sre can scan for the first characters in C.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w.lower():
            node = node.setdefault(ch, {})
        node[""] = w

    def gen(node: dict, last: str) -> str:
        alts = [re.escape(ch) + gen(sub, ch) for ch, sub in sorted(node.items()) if ch != ""]
        if "" in node:
            alts.append(r"(?![a-z])" if last.isascii() and last.isalpha() else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    parts = []
    for ch, sub in sorted(trie.items()):
        head = re.escape(ch)
        if ch.isascii() and ch.isalpha():
            head += f"(?<![a-z]{re.escape(ch)})"
        parts.append(head + gen(sub, ch))
    return "|".join(parts)


def _rx(words) -> re.Pattern:
    return re.compile(_trie_regex(words)) if words else re.compile(r"(?!x)x")


def lower_ascii(text: str) -> str:
    """`text` with ASCII letters lowercased and the same length (what the lexicon regexes read)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue tables, compiled once (see metric_cues.toml for what each table means)."""

    cue_rx: re.Pattern
    cue_rx_latin: re.Pattern  # cue_rx split by the script of the first letter (see _cue_matches)
    cue_rx_other: re.Pattern
    cue_metric: dict
    metric_kind: dict
    negative: frozenset
    growth_of: dict
    arr_modifier_rx: re.Pattern
    basis_rx: re.Pattern
    basis_map: dict
    qual_rx: re.Pattern
    qual_map: dict
    per_rx: re.Pattern
    per_map: dict
    industry_rx: re.Pattern
    pronoun_rx: re.Pattern
    not_subj_after_rx: re.Pattern
    not_subj_before_rx: re.Pattern
    segment_rx: re.Pattern
    restate_rx: re.Pattern
    sent_block_rx: re.Pattern
    respectively_rx: re.Pattern
    revenue_without_per: frozenset
    cost_without_per: frozenset
    context_cues: dict  # word -> [(metric, regex of context words)]
    of_fallback: dict
    estimate_sentence_rx: re.Pattern
    share_from_rx: re.Pattern
    of_context_rx: re.Pattern
    of_context: dict
    investor_after_rx: re.Pattern
    aggregate_rx: re.Pattern
    object_after_rx: re.Pattern
    object_before: tuple
    share_cue_rx: re.Pattern
    relation_appositive_rx: re.Pattern
    valuation_not_rx: re.Pattern
    per_exception_rx: re.Pattern
    per_share_rx: re.Pattern
    growth_not_rx: re.Pattern
    adjacent_only: frozenset
    clause_only: frozenset
    earn_words: frozenset
    earn_revenue_rx: re.Pattern


def _words(table: dict, *keys: str) -> list[str]:
    out: list[str] = []
    for k in keys:
        out.extend(table.get(k, []))
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: Optional[str] = None) -> Lexicon:
    """Read and compile the cue lexicon (default: $NLP_METRIC_CUES, else the packaged file)."""
    p = Path(path or os.environ.get("NLP_METRIC_CUES") or CUES_PATH)
    with open(p, "rb") as fh:
        data = tomllib.load(fh)
    cue_metric: dict[str, str] = {}
    metric_kind: dict[str, str] = {}
    for metric, spec in data["metric"].items():
        metric_kind[metric] = spec.get("kind", "money")
        for w in _words(spec, "zh", "en"):
            cue_metric.setdefault(w.lower(), metric)
    for w in data.get("non_cues", {}).get("words", []):
        cue_metric.setdefault(w.lower(), "-")
    context_cues = {}
    for word, table in data.get("context", {}).items():
        cue_metric.setdefault(word.lower(), "?")
        context_cues[word.lower()] = [(metric, _rx(ws)) for metric, ws in table.items()]
    growth = data["metric"].get("growth", {})
    price = data["metric"].get("price", {})
    basis_map = {w.lower(): b for b, ws in data.get("basis", {}).items() for w in ws}
    qual_map = {w.lower(): q for q, ws in data.get("qualifier", {}).items() for w in ws}
    per_map = {w.lower(): per for per, ws in data.get("per", {}).items() for w in ws}
    comp = data.get("company", {})
    blockers = data.get("blockers", {})
    return Lexicon(
        cue_rx=_rx(cue_metric),
        cue_rx_latin=_rx([w for w in cue_metric if w[:1].isascii()]),
        cue_rx_other=_rx([w for w in cue_metric if not w[:1].isascii()]),
        cue_metric=cue_metric,
        metric_kind=metric_kind,
        negative=frozenset(w.lower() for w in growth.get("negative", [])),
        growth_of={k.lower(): v for k, v in growth.get("of", {}).items()},
        arr_modifier_rx=_rx(data["metric"].get("arr", {}).get("modifiers", [])),
        basis_rx=_rx(basis_map), basis_map=basis_map,
        qual_rx=_rx(qual_map), qual_map=qual_map,
        per_rx=_rx(per_map), per_map=per_map,
        industry_rx=_rx(comp.get("industry", [])),
        pronoun_rx=_rx(comp.get("pronouns", [])),
        not_subj_after_rx=_rx(comp.get("not_subject_after", [])),
        not_subj_before_rx=_rx(comp.get("not_subject_before", [])),
        segment_rx=_rx(data.get("segment", {}).get("markers", [])),
        restate_rx=_rx(blockers.get("restatement", [])),
        sent_block_rx=_rx(blockers.get("sentence", [])),
        respectively_rx=_rx(blockers.get("respectively", [])),
        revenue_without_per=frozenset(w.lower() for w in price.get("revenue_without_per", [])),
        cost_without_per=frozenset(w.lower() for w in price.get("cost_without_per", [])),
        context_cues=context_cues,
        of_fallback={k.lower(): v for k, v in growth.get("of_fallback", {}).items()},
        estimate_sentence_rx=_rx(data.get("qualifier_scope", {}).get("sentence_estimate", [])),
        share_from_rx=_rx(data.get("revenue_share", {}).get("from", [])),
        of_context_rx=_rx(growth.get("of_context", {})),
        of_context={k.lower(): v for k, v in growth.get("of_context", {}).items()},
        investor_after_rx=_rx(comp.get("investor_list_after", [])),
        aggregate_rx=_rx(comp.get("aggregate", [])),
        object_after_rx=_rx(comp.get("object_after", [])),
        object_before=tuple(comp.get("object_before", [])),
        share_cue_rx=_rx(data.get("revenue_share", {}).get("cues", [])),
        valuation_not_rx=_rx(data["metric"].get("valuation", {}).get("not_of", [])),
        per_exception_rx=_rx(data.get("per_exceptions", {}).get("after", [])),
        per_share_rx=_rx(data.get("per_share", {}).get("after", [])),
        growth_not_rx=_rx(growth.get("not_of", [])),
        adjacent_only=frozenset(w.lower() for w in growth.get("adjacent_only", [])),
        clause_only=frozenset(w.lower() for w in blockers.get("clause_only", [])),
        earn_words=frozenset(w.lower() for w in data["metric"].get("profit", {}).get("earn_words", [])),
        earn_revenue_rx=_rx(data["metric"].get("profit", {}).get("earn_revenue_after", [])),
        relation_appositive_rx=re.compile(
            r",[ \t]*(?:its|their|the company's|the firm's)[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:"
            + "|".join(re.escape(w) for w in comp.get("relation_appositive", ["customer"])) + r")s?\b"),
    )


# --- per-document state ---------------------------------------------------------------------------
@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    metric: str
    word: str


@dataclass(slots=True)
class _Fig:
    """A figure being built: the number, the cue that claimed it, and what we learn about it."""

    num: NumberSpan
    metric: str
    cue: Optional[_Cue]
    how: str  # after | before | sentence | per
    clause: tuple[int, int]
    sent_start: int = 0
    per: Optional[str] = "?"
    company: Optional[str] = None
    mention: Optional[CompanyMention] = None
    period: Optional[str] = None
    period_q: Optional[int] = None  # the period was a quarter written without a calendar year
    period_future: bool = False  # the period was named in a forecast: it does not carry on
    period_base: bool = False  # the base of a comparison (… from $360 million a year earlier): does not carry
    of: Optional[str] = None
    metric_obj: Optional[Metric] = None


class _LazyFlags:
    """`flags[i]` = fn(items[i]), computed on first use (most mentions are never looked at)."""

    __slots__ = ("items", "fn", "cache")

    def __init__(self, items: list, fn) -> None:  # type: ignore[no-untyped-def]
        self.items, self.fn, self.cache = items, fn, [None] * len(items)

    def __getitem__(self, i: int) -> bool:
        v = self.cache[i]
        if v is None:
            v = self.cache[i] = self.fn(self.items[i])
        return v


_CLAUSE_PUNCT = re.compile(r"[，。；,;]")
_TWD = re.compile(r"新台币|台币|NT\$|新台幣")


class _DocContext:
    """What extract_metrics looks up by position. Cues and periods are indexed only in the paragraphs
    that hold numbers (`index`), which keeps long pages cheap."""

    def __init__(self, doc: Doc, companies: list[CompanyMention], lex: Lexicon) -> None:
        self.text = doc.text_simplified
        self.low = lower_ascii(self.text)
        self.lang = doc.language
        # A bare 元 in a Taiwanese report is the New Taiwan dollar: traditional script and the
        # article names the currency somewhere.
        self.yuan = "TWD" if doc.script in ("traditional", "mixed") and _TWD.search(self.text) else "CNY"
        self.published = doc.published or _reference_year(self.low)
        self.lex = lex
        self.cues: list[_Cue] = []
        self.cue_starts: list[int] = []
        self.stops: list[int] = []  # where the words of [non_cues] start
        self.stop_ends: list[int] = []
        self.periods: list[PeriodMention] = []
        self.period_starts: list[int] = []
        self.mentions = sorted(companies, key=lambda c: c.start)
        self.mention_starts = [c.start for c in self.mentions]
        self.subject_ok = _LazyFlags(self.mentions, self._can_be_subject)
        self.para_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        self.industry_cache: dict[tuple[int, int], bool] = {}

    def index(self, p0: int, p1: int) -> None:
        """Find the cues and periods of the paragraph [p0, p1) (paragraphs are indexed in order)."""
        low, lex = self.low, self.lex
        for m in _cue_matches(lex, low, p0, p1):
            w = m.group(0)
            metric = lex.cue_metric.get(w)
            if metric is None or (w == "up" and _UP_TO.match(low, m.end())):
                continue
            if metric == "-":
                self.stops.append(m.start())
                self.stop_ends.append(m.end())
                continue
            if metric == "?":
                metric = _context_metric(self, w, m.start())
                if metric is None:
                    continue
            self.cues.append(_Cue(m.start(), m.end(), metric, w))
            self.cue_starts.append(m.start())
        for p in find_periods(self.text[p0:p1], self.published):
            p.start += p0
            p.end += p0
            self.periods.append(p)
            self.period_starts.append(p.start)

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def para_span(self, para: int) -> tuple[int, int]:
        end = self.para_starts[para + 1] - 1 if para + 1 < len(self.para_starts) else len(self.text)
        return self.para_starts[para], end

    def _can_be_subject(self, c: CompanyMention) -> bool:
        # (sre clamps an endpos past the end of the text, so none is clamped here)
        t, lex = self.low, self.lex
        if lex.not_subj_after_rx.match(t, c.end, c.end + 6) or \
                lex.not_subj_after_rx.match(t, c.end + 1, c.end + 12):
            return False
        before = t[max(0, c.start - 12):c.start]
        if "《" in before and _GUILLEMET.search(before):
            return False
        if before.endswith(lex.object_before) and lex.object_after_rx.match(t, c.end):
            return False  # 为鸿海供应滑轨: a customer, not the subject
        if lex.relation_appositive_rx.match(t, c.end):
            return False  # Microsoft, its largest customer, …: a partner of the subject, not the subject
        if before.endswith("在") and _PLATFORM_AFTER.match(t, c.end):
            return False  # 在腾讯云上的开支: a platform the subject pays, not the subject
        m2 = lex.investor_after_rx.search(t, c.end, c.end + 24)
        if m2 is not None and _INVESTOR_LIST.fullmatch(t, c.end, m2.start()):
            return False  # 腾讯、米哈游及红杉中国等跟投
        m = None
        for m in lex.not_subj_before_rx.finditer(before):
            pass
        if m is not None and not _CLAUSE_PUNCT.search(before, m.end()) and len(before) - m.end() <= 4 \
                and "." not in before[m.end():]:  # closer to its rivals. Google charges …
            return False
        return True

    def cues_between(self, a: int, b: int) -> list[_Cue]:
        """Cues lying entirely inside [a, b)."""
        i = bisect.bisect_left(self.cue_starts, a)
        out = []
        while i < len(self.cues) and self.cues[i].start < b:
            if self.cues[i].end <= b:
                out.append(self.cues[i])
            i += 1
        return out

    def industry_in(self, a: int, b: int) -> bool:
        """`_industry(self, a, b)`, remembered: figures without a subject in their sentence ask it
        for the whole sentence, one figure after the other."""
        key = (a, b)
        v = self.industry_cache.get(key)
        if v is None:
            v = self.industry_cache[key] = _industry(self, a, b)
        return v

    def mentions_between(self, a: int, b: int) -> list[int]:
        i = bisect.bisect_left(self.mention_starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(i)
            i += 1
        return out

    def subjects_between(self, a: int, b: int) -> list[int]:
        """`[i for i in self.mentions_between(a, b) if self.subject_ok[i]]` in one loop (it runs for
        every sentence and most figures)."""
        mentions, flags = self.mentions, self.subject_ok.cache
        i = bisect.bisect_left(self.mention_starts, a)
        n = len(mentions)
        out = []
        while i < n:
            c = mentions[i]
            if c.start >= b:
                break
            if c.end <= b:
                ok = flags[i]
                if ok is None:
                    ok = flags[i] = self._can_be_subject(c)
                if ok:
                    out.append(i)
            i += 1
        return out

    def last_subject_before(self, pos: int, lo: int = 0) -> Optional[int]:
        """Index of the last mention in [lo, pos) that can be a subject."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo and \
                not (self.subject_ok[i] and self.mentions[i].end <= pos):
            i -= 1
        return i if i >= 0 and self.mentions[i].start >= lo else None


_NEWLINE = re.compile(r"\n")
# a year with a month: 2025年2月, 2025-02-28 (after the year), June 30, 2025 / Feb. 2025 (before it)
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_AFTER = re.compile(r"[ \t]*年[ \t]*\d{1,2}[ \t]*月|-[01]\d-[0-3]\d")
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+(?:\d{1,2},[ \t]+)?$")


def _reference_year(low: str) -> Optional[str]:
    """Without a published date, 今年/this year is the latest year of a dated event in the text
    (2025年2月, June 30, 2025): news is written in or after the months it reports. Years are found
    first and their month looked for beside them: one pattern with the month names first made sre
    try it at every character (0.3 ms per undated page)."""
    years = [int(m.group()) for m in _YEAR.finditer(low)
             if _MONTH_AFTER.match(low, m.end()) or _MONTH_BEFORE.search(low, max(0, m.start() - 40), m.start())]
    return str(max(years)) if years else None
_PLATFORM_AFTER = re.compile(r"[ \t]*(?:平台|云)?[ \t]*上")
_INVESTOR_LIST = re.compile(r"[^，。；,;：:在由获完]*")
_COMPARE_BEFORE = re.compile(r"(?:比|较|相比|相较|than|compared)[^，。,;；]{0,6}$")
_UP_TO = re.compile(r"\s+to\b")


def _cue_matches(lex: Lexicon, low: str, p0: int, p1: int) -> list[re.Match]:
    """`list(lex.cue_rx.finditer(low, p0, p1))`, found faster by two scans.

    sre tries a top-level alternation one branch after the other at every position that starts
    some cue (~110 first characters), so one regex of all cues costs about as much as two scans of
    half as many. Every alternative of cue_rx begins with its word's first character, so at any
    position only the words of one half can match, and the same match as cue_rx. Merged in order,
    the two halves give cue_rx's matches, except that cue_rx does not look inside a match: a match
    of one half that lies inside one of the other (收入 in `api收入`) is dropped, and when one
    straddles the end of another (never seen), cue_rx itself decides."""
    found = list(lex.cue_rx_latin.finditer(low, p0, p1))
    other = list(lex.cue_rx_other.finditer(low, p0, p1))
    if not found or not other:
        return found or other
    out = []
    last_end = -1
    for m in sorted(found + other, key=_match_start):
        if m.start() < last_end:
            if m.end() <= last_end:
                continue
            return list(lex.cue_rx.finditer(low, p0, p1))
        out.append(m)
        last_end = m.end()
    return out


def _match_start(m: re.Match) -> int:
    return m.start()


def _context_metric(ctx: _DocContext, word: str, pos: int) -> Optional[str]:
    """A cue whose metric depends on its sentence and the one before (投入: R&D, capex or marketing)."""
    rules = ctx.lex.context_cues.get(word)
    if not rules:
        return None
    t = ctx.low
    lo = max(0, pos - 160)
    hi = min(len(t), pos + 80)
    # the current sentence first, then the one before it
    sent_start = max(t.rfind(ch, lo, pos) for ch in "。！？\n") + 1
    sent_end_candidates = [i for i in (t.find(ch, pos, hi) for ch in "。！？\n") if i >= 0]
    sent_end = min(sent_end_candidates) if sent_end_candidates else hi
    prev_start = max(t.rfind(ch, lo, max(lo, sent_start - 1)) for ch in "。！？\n") + 1
    for a, b in ((sent_start, sent_end), (prev_start, sent_start)):
        for metric, rx in rules:
            if rx.search(t, a, b):
                return metric
    return None


# --- the extractor --------------------------------------------------------------------------------
def extract_metrics(doc: Doc, companies: list[CompanyMention],
                    lexicon: Optional[Lexicon] = None) -> list[Metric]:
    """Every financial figure in `doc.text_simplified` that a cue ties to a SPEC metric."""
    lex = lexicon or load_lexicon()
    numbers = find_numbers(doc.text_simplified, doc.language)
    if not numbers:
        return []
    ctx = _DocContext(doc, companies, lex)
    text = ctx.low
    state = _State()
    out: list[Metric] = []
    ni = 0
    paras = sorted({ctx.para_of(n.start) for n in numbers})
    if len(paras) * 4 > len(ctx.para_starts):
        ctx.index(0, len(ctx.text))  # most paragraphs hold numbers: one pass is cheaper
    else:
        for para in paras:
            ctx.index(*ctx.para_span(para))
    for para in paras:
        p0, p1 = ctx.para_span(para)
        state.enter_paragraph(ctx, para, p0)
        # a table row (| LOW | LOWE'S COMPANIES INC. | 113.40 |) lists companies side by side: it
        # makes none of them the subject of the prose after it
        row = ctx.text.startswith("|", p0)
        for s0, s1 in sentence_spans(ctx.text[p0:p1]):
            s0, s1 = s0 + p0, s1 + p0
            sent_nums: list[NumberSpan] = []
            while ni < len(numbers) and numbers[ni].start < s1:
                if numbers[ni].start >= s0:
                    sent_nums.append(numbers[ni])
                ni += 1
            sent_mentions = ctx.subjects_between(s0, s1)
            if not sent_nums:
                if row and state.subject:
                    state.subject_para = para
                elif sent_mentions:
                    state.subject, state.subject_para = _sentence_subject(ctx, s0, sent_mentions), para
                state.note_periods(ctx, s0, s1, para)
                continue
            out.extend(_sentence(ctx, state, para, s0, s1, sent_nums, sent_mentions))
    return out


@dataclass(slots=True)
class _State:
    """What carries from one sentence to the next: the subject, the period, currencies seen."""

    subject: Optional[str] = None
    subject_para: int = -10
    last_period: Optional[str] = None
    last_period_para: int = -10
    last_period_company: Optional[str] = None
    # the last reporting period (quarter, half, fiscal), kept when a dated figure (截至7月) follows it
    last_reporting: Optional[str] = None
    last_reporting_para: int = -10
    last_reporting_company: Optional[str] = None
    last_pos: int = 0
    money_seen: list = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.money_seen = []

    def note_periods(self, ctx: _DocContext, s0: int, s1: int, para: int) -> None:
        """A sentence without figures may still set the period (百度公布了第二季度财报。)."""
        # a context period (the quarter, 本季度) names no period of its own: it refers to the one in force
        own = [p.period for p in _periods_in(ctx, s0, s1) if p.period and not p.is_base and not p.carry]
        if own:
            self.set_period(own[-1], para, self.subject if self.subject_para == para else None)

    def set_period(self, period: str, para: int, company: Optional[str]) -> None:
        self.last_period, self.last_period_para, self.last_period_company = period, para, company
        if _REPORTING.search(period):
            self.last_reporting, self.last_reporting_para, self.last_reporting_company = period, para, company

    def enter_paragraph(self, ctx: _DocContext, para: int, p0: int) -> None:
        """Companies named in the paragraphs skipped since the last one become the subject."""
        k = bisect.bisect_left(ctx.mention_starts, self.last_pos)
        if k >= len(ctx.mentions) or ctx.mentions[k].start >= p0:
            self.last_pos = p0
            return  # nothing named in between
        i = ctx.last_subject_before(p0, self.last_pos)
        if i is not None and ctx.mentions[i].start >= self.last_pos:
            t = ctx.low
            a = max(t.rfind(ch, self.last_pos, ctx.mentions[i].start) for ch in "。！？\n") + 1
            same = ctx.subjects_between(max(a, self.last_pos), ctx.mentions[i].end + 1)
            self.subject = _sentence_subject(ctx, max(a, self.last_pos), same) if same else \
                _sole_company(ctx, [i])
            self.subject_para = ctx.para_of(ctx.mentions[i].start)
        self.last_pos = p0


_OPENING = re.compile(r"[\s\"“‘'「『(（]*")
_LIST_AFTER = re.compile(r"[ \t]*(?:、|和|与|及|以及|跟|,|，|and\b|&|/)")


def _sentence_subject(ctx: _DocContext, s0: int, idx: list[int]) -> Optional[str]:
    """The company a sentence is about: the one that opens it, unless it opens a list
    ("CoreWeave rents out … Nvidia graphics processors" is about CoreWeave; 百度、阿里、腾讯… is not
    about one company); else the only company it names (_sole_company)."""
    first = ctx.mentions[idx[0]]
    if first.start == _OPENING.match(ctx.low, s0).end() and not _LIST_AFTER.match(ctx.low, first.end):
        return first.company_id
    return _sole_company(ctx, idx)


def _sole_company(ctx: _DocContext, idx: list[int]) -> Optional[str]:
    """The company a sentence is about when it names one; None when it lists several (百度、阿里、腾讯)."""
    ids = {ctx.mentions[j].company_id for j in idx}
    return ctx.mentions[idx[0]].company_id if len(ids) == 1 else None


_CARRY_PARAS = 2  # a subject carries this many paragraphs on (one more after a pronoun)
_CARRY_PERIOD = 3  # a reporting period (quarter, half, fiscal) carries this many paragraphs on
_REPORTING = re.compile(r"Q|H|FY")
_POINT_IN_TIME = frozenset({"price", "valuation", "market_cap", "headcount"})
# a share-price move (股价升1.2%, shares rose 4%) is a level change at a date, like a price
_STOCK = re.compile(r"股价|股票|港股|美股|a股|shares|stock")


def _sentence(ctx: _DocContext, state: _State, para: int, s0: int, s1: int,
              sent_nums: list[NumberSpan], sent_mentions: list[int]) -> list[Metric]:
    lex, text = ctx.lex, ctx.low
    clauses = _clauses(text, s0, s1)
    figs: list[_Fig] = []
    prev_num: Optional[NumberSpan] = None
    for k, num in enumerate(sent_nums):
        if num.kind == "money" and num.currency_explicit:
            state.money_seen.append((num.start, ctx.yuan if num.generic_yuan else (num.unit or "")))
        clause = _clause_of(clauses, num.start)
        if _is_restatement(ctx, num, prev_num):
            prev_num = num
            continue
        prev_num = num
        fig = _claim(ctx, num, clause, s0, sent_nums[k + 1:])
        if fig is not None:
            fig.sent_start = s0
            figs.append(fig)
    pronoun = bool(lex.pronoun_rx.search(text, s0, s1))
    gap = para - state.subject_para
    carried = state.subject if state.subject and gap <= _CARRY_PARAS + (1 if pronoun else 0) else None
    for fig in figs:
        _attribute(ctx, fig, s0, s1, carried, sent_mentions)
    for k, fig in enumerate(figs):
        if fig.metric == "growth":
            fig.of = _growth_of(ctx, fig, figs[:k])
        elif fig.how == "share":
            fig.of = _share_of(ctx, fig, figs[:k])
    for fig in figs:
        # a reporting period carries across paragraphs for the same company's figures
        gap = para - state.last_reporting_para
        carried_period = state.last_period if para == state.last_period_para else state.last_reporting if (
            gap <= _CARRY_PERIOD and state.last_reporting
            and fig.company is not None and fig.company == state.last_reporting_company) else None
        if fig.metric == "funding" or (fig.metric == "growth" and _STOCK.search(
                text, fig.clause[0], fig.num.start)):
            # a funding round or a share-price move is an event: dated in its sentence up to the end
            # of its clause (raised $13 billion in September; 百度在2023年…发布后,港股当日涨幅最高超15%),
            # not by the reporting period before
            found = _period_for(ctx, fig, s0, fig.clause[1], None)
        elif fig.metric in _POINT_IN_TIME or (fig.metric == "growth" and fig.of in _POINT_IN_TIME):
            # a list price, a valuation (or a cut in one) is a level at a date: only a period in its own clause
            # applies, or one that opens the sentence (2024年2月，月之暗面…估值200亿元), not the
            # reporting period of the sentence before
            found = _period_for(ctx, fig, *fig.clause, None) or _leading_period(ctx, clauses, s0)
        else:
            found = _period_for(ctx, fig, s0, s1, carried_period)
        fig.period = found.period if found else None
        fig.period_q = found.quarter if found else None
        fig.period_future = found.future if found else False
        fig.period_base = found.is_base if found else False
        _fiscal(ctx, fig)
    _inherit_per(ctx, figs)
    _same_as_before(ctx, figs)
    _respectively(ctx, figs, s0, s1)
    out: list[Metric] = []
    for fig in figs:
        m = _to_metric(ctx, fig, para, state.money_seen)
        if m is None:
            continue
        out.append(m)
        for cid in _shared_with(ctx, fig):
            out.append(replace(m, company=cid, segment=None))
    attributed = [f.company for f in figs if f.company]
    if ctx.text.startswith("|", ctx.para_starts[para]):
        # a table row makes no company the subject of what follows, and the prose around it goes on
        # with its own subject (see extract_metrics)
        if state.subject:
            state.subject_para = para
    elif sent_mentions:
        state.subject = attributed[-1] if attributed else _sentence_subject(ctx, s0, sent_mentions)
        state.subject_para = para
    elif attributed:
        state.subject, state.subject_para = attributed[-1], para
    state.last_pos = s1
    periods_here = [f for f in figs if f.period and not f.period_future and not f.period_base]
    if periods_here:
        state.set_period(periods_here[-1].period, para, periods_here[-1].company)
    else:
        state.note_periods(ctx, s0, s1, para)
    return out


_LIST_SEP = re.compile(r"[ \t]*(?:、|和|与|及|以及|跟|,|and|&)[ \t]*$")
_SHARED = re.compile(r"均|都|皆|各自|both|all|each")


def _shared_with(ctx: _DocContext, fig: _Fig) -> list[str]:
    """Other companies one figure belongs to: `阿里和快手，涨幅均超过40%`, `腾讯、阿里…均维持在百亿级以上`."""
    if fig.mention is None:
        return []
    t = ctx.low
    idx = ctx.mention_starts.index(fig.mention.start) if fig.mention.start in ctx.mention_starts else -1
    if idx < 0 or not _SHARED.search(t, fig.mention.end, fig.num.start):
        return []
    ids = [fig.mention.company_id]
    j = idx
    while j > 0 and _LIST_SEP.search(t, ctx.mentions[j - 1].end, ctx.mentions[j].start) \
            and ctx.mentions[j].start - ctx.mentions[j - 1].end <= 4:
        j -= 1
        ids.append(ctx.mentions[j].company_id)
    k = idx
    while k + 1 < len(ctx.mentions) and ctx.mentions[k + 1].end <= fig.num.start and \
            _LIST_SEP.search(t, ctx.mentions[k].end, ctx.mentions[k + 1].start) and \
            ctx.mentions[k + 1].start - ctx.mentions[k].end <= 4:
        k += 1
        ids.append(ctx.mentions[k].company_id)
    seen = {fig.company}
    out = []
    for cid in ids:
        if cid not in seen:
            seen.add(cid)
            out.append(cid)
    return out


def _clauses(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    out, prev = [], s0
    for m in _HARD.finditer(text, s0, s1):
        out.append((prev, m.start()))
        prev = m.end()
    out.append((prev, s1))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for c0, c1 in clauses:
        if c0 <= pos < c1:
            return c0, c1
    return clauses[-1]


_SENT_PUNCT = re.compile(r"[。；;]")


def _is_restatement(ctx: _DocContext, num: NumberSpan, prev: Optional[NumberSpan]) -> bool:
    """`47.5万美元(折合人民币约346万元)`, `，折合人民币约63万元`: the same amount in another currency."""
    t = ctx.low
    window = t[max(0, num.start - 10):num.start]
    if ctx.lex.restate_rx.search(window) and not _SENT_PUNCT.search(window[-6:]):
        m = None
        for m in ctx.lex.restate_rx.finditer(window):
            pass
        if m is not None and len(window) - m.end() <= 5:
            return True
    if prev is not None and prev.kind == "money" and num.kind in ("money", "scaled") \
            and _RESTATE_PAREN.fullmatch(t, prev.end, num.start) and num.unit != prev.unit:
        return True
    return False


# --- which metric -----------------------------------------------------------------------------------
def _compatible(ctx: _DocContext, metric: str, num: NumberSpan, adjacent_after: bool) -> bool:
    kind = ctx.lex.metric_kind.get(metric, "money")
    if kind == "money":
        return num.kind == "money" or (num.kind == "scaled" and metric != "price")
    if kind == "percent":
        return num.kind == "percent" or (metric == "growth" and num.kind in ("pp", "times"))
    if kind == "count":
        if num.kind == "org":
            return metric in ("users", "paid_users")
        if num.kind in ("person", "scaled"):
            return True
        return num.kind == "plain" and adjacent_after and num.value == int(num.value) and num.value >= 2
    return False


def _cue_after(ctx: _DocContext, num: NumberSpan, later: list[NumberSpan]) -> Optional[_Cue]:
    t = ctx.low
    end = num.end
    # `19.9%、19.2%的份额`: a list of figures shares the cue written after the last one
    for nxt in later:
        if _ENUM_SEP.fullmatch(t, end, nxt.start) and nxt.kind == num.kind:
            end = nxt.end
        else:
            break
    if num.kind == "percent" and _SHARE_AFTER.match(t, end):
        m = _SHARE_AFTER.match(t, end)
        return _Cue(m.start(), m.end(), "market_share", "市场")
    i = bisect.bisect_left(ctx.cue_starts, end)
    if i >= len(ctx.cues):
        return None
    cue = ctx.cues[i]
    gap = t[end:cue.start]
    if cue.start - end > 14 or not _FILLER.fullmatch(t, end, cue.start):
        return None
    if cue.metric == "growth" and not cue.word.isascii() and "的" not in gap and \
            cue.word not in _GROWTH_NOUNS:
        return None  # 10%提升至15%: a verb after the figure is not about it
    if _OWN_FIGURE_AFTER.match(t, cue.end):
        return None  # a loss of $304.7 million on revenue of $167.4 million: the cue has its own figure
    return cue


_ADJ_GAP = re.compile(r"[ \t]*(?:(?:by|from|about|around|roughly|nearly|almost|some|just|only|well|over|"
                      r"more than|less than|a further|another|an?)[ \t]+)*(?:\$|us\$)?")
_TIMES_OF = re.compile(r"[ \t]+(?:their|the|its|his|her|our|your|my|as|what|that|this)\b")
_LEVEL_BEFORE = re.compile(r"\b(?:from|to)[ \t]+(?:(?:about|around|roughly|nearly|almost|just|a)[ \t]+)?$")
_STOP_GAP = re.compile(r"[ \t]*(?:的|of|in)?[ \t]*")


def _stop_before(ctx: _DocContext, a: int, b: int) -> bool:
    """Does a word of [non_cues] start in [a, b)?"""
    i = bisect.bisect_left(ctx.stops, a)
    return i < len(ctx.stops) and ctx.stops[i] < b


def _stop_after(ctx: _DocContext, end: int) -> bool:
    """Is the figure ending at `end` followed by a word of [non_cues] (300亿欧元资产, $50 in assets)?"""
    i = bisect.bisect_left(ctx.stops, end)
    return i < len(ctx.stops) and ctx.stops[i] - end <= 4 and \
        _STOP_GAP.fullmatch(ctx.low, end, ctx.stops[i]) is not None


def _claim(ctx: _DocContext, num: NumberSpan, clause: tuple[int, int], s0: int,
           later: list[NumberSpan]) -> Optional[_Fig]:
    """The metric a cue gives this number, or None (no cue: not a figure)."""
    if ctx.stops and _stop_after(ctx, num.end):
        return None
    fig = _claim_cue(ctx, num, clause, s0, later)
    if fig is None:
        return None
    t = ctx.low
    if fig.metric == "growth":
        if num.kind == "times" and _TIMES_OF.match(t, num.end):
            return None  # 25 times their annual expenses: a multiple of something, no change
        if num.kind == "percent" and num.start - clause[0] >= 5 and \
                _LEVEL_BEFORE.search(t, max(clause[0], num.start - 20), num.start):
            return None  # increased from 10% to 25%, down from 6.2 percent: levels, not the change
        m = None
        for m in ctx.lex.growth_not_rx.finditer(t, s0, num.start):
            pass
        if m is not None and ctx.cues_between(m.start() - 3, m.end()):
            m = None  # 利率 inside 毛利率: a cue, not a rate
        if m is not None and all(c.metric == "growth" for c in ctx.cues_between(m.end(), num.start)) \
                and not ctx.mentions_between(m.end(), num.start):
            # a bond yield, a tariff, an index moving (…the Dow Jones Industrial Average fell 102.2
            # points, or 0.36%): no company metric changed
            return None
    elif fig.metric == "profit" and fig.cue is not None and fig.cue.word in ctx.lex.earn_words:
        if ctx.lex.earn_revenue_rx.match(t, _PER_SHARE_GAP.match(t, num.end).end()):
            fig.metric = "revenue"  # it earned less than $3,000 from the program: income from a source
    return fig


_AMOUNT = re.compile(r"\d[\d.,]*[ \t]*(?:亿|万|千|元|美元|港元|billion|million|bn)")
_HEADING_GAP = re.compile(r"[ \t]*(?:方面|上|来看|而言|为|是|达|达到|分别为)?[ \t]*")


def _heads_sentence(ctx: _DocContext, cue: _Cue, c0: int) -> bool:
    """Does a clause-only cue (成本, 投入) still reach the later clauses of its sentence? Only when its
    own clause ends with it (AI投入方面，…) or has a figure of its own (腾讯投入超过700亿元，阿里也接近
    600亿元); not from 5G手机天然高成本，… or 资源都投入在5G了，…"""
    m = _HARD.search(ctx.low, cue.end, c0)
    end = m.start() if m else c0
    return _HEADING_GAP.fullmatch(ctx.low, cue.end, end) is not None or \
        _AMOUNT.search(ctx.low, cue.end, end) is not None


def _claim_cue(ctx: _DocContext, num: NumberSpan, clause: tuple[int, int], s0: int,
               later: list[NumberSpan]) -> Optional[_Fig]:
    if num.kind == "other":
        return None
    t = ctx.low
    if num.kind == "percent":
        m = ctx.lex.share_from_rx.search(t, num.end, min(len(t), num.end + 10))
        if m is not None and not _PUNCT.search(t, num.end, m.start()):
            return _Fig(num, "revenue", None, "share", clause)
        m = None
        for m in ctx.lex.share_cue_rx.finditer(t, clause[0], num.start):
            pass
        if m is not None and num.start - m.end() <= 8:
            return _Fig(num, "revenue", None, "share", clause)
    if num.kind in ("money", "scaled") and _per_share(ctx, num.end):
        return None  # $2.53 per diluted share: earnings per share or a share price, no company total
    if num.kind == "person" and _HYPHEN_PERSON.search(t, num.start, num.end):
        return _Fig(num, "headcount", None, "after", clause)  # a 40-person startup
    after = _cue_after(ctx, num, later)
    if after is not None and after.metric == "headcount" and not after.word.isascii():
        after = None  # 4名员工被开除: some employees, not the headcount (团队40人 has its cue before)
    if after is not None and _compatible(ctx, after.metric, num, True):
        return _Fig(num, after.metric, after, "after", clause)
    c0, c1 = clause
    before = ctx.cues_between(c0, num.start)
    if num.kind == "percent" and _SHARE_BEFORE.search(t, max(clause[0], num.start - 4), num.start):
        return None  # 占34.3%: a proportion of something, not a metric we report
    for cue in reversed(before):
        if ctx.stops and _stop_before(ctx, cue.end, num.start):
            return None  # 工资一般只有100美元, 以成本价16元: a wage, a price, no metric
        if cue.metric == "growth" and cue.word in ctx.lex.adjacent_only and \
                not _ADJ_GAP.fullmatch(t, cue.end, num.start):
            continue  # The deal sets up for a reduction to … 777x jets: `up` is a particle
        if cue.metric == "growth" and num.kind == "percent" and _LEVEL_AFTER.fullmatch(t, cue.end, num.start):
            # 市占率…提升至15%, 电量降到了38%: a level reached, not a growth
            if any(c.metric != "growth" and ctx.lex.metric_kind.get(c.metric) == "percent"
                   for c in before if c.end <= cue.start):
                continue
            return None
        if _compatible(ctx, cue.metric, num, False):
            if cue.metric == "valuation" and ctx.lex.valuation_not_rx.search(t, c0, cue.start):
                return None  # The order is valued at $8.8 billion: the value of a deal, not of a company
            return _Fig(num, _refine(ctx, cue), cue, "before", clause)
        if cue.metric == "growth":
            between = t[cue.end:num.start]
            if _DIGIT.search(between) or _TO_AFTER.match(t, cue.end):
                continue
            return None
    clause_has_cue = any(not (c.metric == "growth" and _TO_AFTER.match(t, c.end)) for c in before) \
        or after is not None or bool(ctx.cues_between(num.end, c1))
    per = _per(ctx, num, clause)
    if not clause_has_cue and num.kind in ("money", "percent", "scaled", "pp", "times"):
        sent_before = ctx.cues_between(s0, c0)
        if sent_before:
            cue = sent_before[-1]
            if _compatible(ctx, cue.metric, num, False) and \
                    not ctx.lex.sent_block_rx.search(t, cue.end, num.start) and \
                    (cue.word not in ctx.lex.clause_only or _heads_sentence(ctx, cue, c0)) and \
                    cue.word not in ctx.lex.adjacent_only and \
                    not (ctx.stops and _stop_before(ctx, cue.end, num.start)) and \
                    not (cue.metric == "growth" and (num.kind == "scaled" or _LEVEL_AFTER.match(t, cue.end))):
                return _Fig(num, _refine(ctx, cue), cue, "sentence", clause)
    if num.kind == "money" and per in ("month", "year", "1M tokens", "1K tokens", "hour") and \
            not clause_has_cue:
        return _Fig(num, "price", None, "per", clause, per=per)
    return None


def _per_share(ctx: _DocContext, end: int) -> bool:
    """Is the figure ending at `end` an amount per share ($2.53 per diluted share, $13 a share)?"""
    gap = _PER_SHARE_GAP.match(ctx.low, end)
    return ctx.lex.per_share_rx.match(ctx.low, gap.end()) is not None


def _refine(ctx: _DocContext, cue: _Cue) -> str:
    """A revenue cue right after 年化/annualized/run-rate is ARR; a generic spending word (花费,
    支出, spent) right after a specific one (买量, 研发, 资本) takes the specific metric."""
    t = ctx.low
    if cue.metric == "revenue":
        for m in ctx.lex.arr_modifier_rx.finditer(t, max(0, cue.start - 14), cue.start):
            if not _CLAUSE_PUNCT.search(t, m.end(), cue.start):
                return "arr"
    if cue.metric == "cost":
        for c in reversed(ctx.cues_between(max(0, cue.start - 10), cue.start)):
            if c.metric in ("marketing_expense", "rd_expense", "capex") and \
                    not _PUNCT.search(t, c.end, cue.start):
                return c.metric
    return cue.metric


# --- who, when, how ---------------------------------------------------------------------------------
def _attribute(ctx: _DocContext, fig: _Fig, s0: int, s1: int, carried: Optional[str],
               sent_subjects: list[int]) -> None:
    """Set the figure's company. `sent_subjects` is `ctx.subjects_between(s0, s1)`: the subjects
    of any range inside the sentence are those of its entries that lie in the range, so they are
    picked from it rather than looked up again (this runs for every figure)."""
    t, num = ctx.low, fig.num
    c0, c1 = fig.clause
    ok = ctx.subject_ok
    lex = ctx.lex
    if lex.aggregate_rx.search(t, c0, num.start):
        return  # combined capex of Microsoft, Alphabet, Amazon and Meta
    investing = fig.metric == "funding" and fig.cue is not None and \
        fig.cue.word in ("invested", "invest", "投资", "investment of")
    if investing:
        target = _invest_target(ctx, fig, c0, c1)
        if target is not None:
            fig.mention, fig.company = target, target.company_id
            return
    # a figure in brackets right after a name belongs to it: 谷歌 GCP(30%)
    i = bisect.bisect_left(ctx.mention_starts, num.start) - 1
    while i >= 0 and ctx.mentions[i].end > num.start:
        i -= 1
    if i >= 0 and _PAREN_OPEN.fullmatch(t, ctx.mentions[i].end, num.start):
        fig.mention = ctx.mentions[i]
        fig.company = fig.mention.company_id
        return
    mentions = ctx.mentions
    in_clause = [j for j in sent_subjects
                 if c0 <= mentions[j].start < num.start and mentions[j].end <= num.start]
    if investing:  # ASML invested €1.3 billion: the investor is not the company funded
        in_clause = []
    if in_clause:
        fig.mention = ctx.mentions[in_clause[-1]]
        fig.company = fig.mention.company_id
        return
    if _industry(ctx, c0, num.start):
        return
    if ctx.lang == "en" and fig.metric in ("price", "cost") and \
            not any(ok[j] for j in ctx.mentions_between(s0, num.start)):
        m = _FOR_AFTER.match(t, num.end)
        if m is not None:
            for j in ctx.mentions_between(m.end(), min(s1, m.end() + 30)):
                if ctx.mentions[j].start == m.end():
                    fig.mention, fig.company = ctx.mentions[j], ctx.mentions[j].company_id
                    return
    in_sent = [] if investing else [j for j in sent_subjects
                                    if mentions[j].start < num.start and mentions[j].end <= num.start]
    if in_sent:
        # `其次是阿里和快手，涨幅均超过40%`: a clause that only names companies is the subject
        head = _names_only_clause(ctx, in_sent, c0, s0)
        fig.mention = ctx.mentions[head if head is not None else in_sent[0]]
        fig.company = fig.mention.company_id
        return
    if ctx.industry_in(s0, s1):
        return
    # 根据OpenAI…报告，其营收…: a pronoun refers back to the source named in the sentence
    if lex.pronoun_rx.search(t, s0, num.start):
        for j in ctx.mentions_between(s0, num.start):
            if _SOURCE_BEFORE.search(t, max(0, ctx.mentions[j].start - 4), ctx.mentions[j].start):
                fig.mention = ctx.mentions[j]
                fig.company = fig.mention.company_id
                return
    fig.company = carried


_SOURCE_BEFORE = re.compile(r"(?:据|根据|according to)[ \t]*$")


def _names_only_clause(ctx: _DocContext, idx: list[int], c0: int, s0: int) -> Optional[int]:
    """First mention of the clause right before `c0` when that clause is little more than names."""
    t = ctx.low
    prev_end = c0 - 1
    prev_start = _clause_start_before(t, s0, prev_end)
    here = [j for j in idx if ctx.mentions[j].start >= prev_start]
    if not here:
        return None
    rest = prev_end - prev_start - sum(ctx.mentions[j].end - ctx.mentions[j].start for j in here)
    if t[ctx.mentions[here[-1]].end:prev_end + 1].strip(" \t，,").startswith("等"):
        return None  # 以及美团、阿里、腾讯等: examples, not the subject
    return here[0] if rest <= 6 else None


def _invest_target(ctx: _DocContext, fig: _Fig, c0: int, c1: int) -> Optional[CompanyMention]:
    """The company invested in: `invested $8 billion in Anthropic`, `向美图投资2.5亿美元`."""
    t = ctx.low
    m = _IN_AFTER.match(t, fig.num.end)
    if m is not None:
        for j in ctx.mentions_between(m.end(), min(c1, m.end() + 40)):
            if ctx.mentions[j].start == m.end():
                return ctx.mentions[j]
    for j in reversed(ctx.mentions_between(c0, fig.num.start)):
        c = ctx.mentions[j]
        if t[max(0, c.start - 1):c.start] in ("向", "对") and fig.cue is not None and fig.cue.start >= c.end:
            return c
    return None


_IN_AFTER = re.compile(r"[ \t]*(?:[a-z ]{0,20}?[ \t])?(?:in|into)[ \t]+")


def _industry(ctx: _DocContext, a: int, b: int) -> bool:
    """An industry word (市场规模, 行业, combined) in [a, b) that is not the base of a comparison."""
    t = ctx.low
    for m in ctx.lex.industry_rx.finditer(t, a, b):
        if not _COMPARE_BEFORE.search(t, max(a, m.start() - 8), m.start()):
            return True
    return False


def _periods_in(ctx: _DocContext, a: int, b: int) -> list[PeriodMention]:
    i = bisect.bisect_left(ctx.period_starts, a)
    out = []
    while i < len(ctx.periods) and ctx.periods[i].start < b:
        out.append(ctx.periods[i])
        i += 1
    return out


def _period_for(ctx: _DocContext, fig: _Fig, s0: int, s1: int, carried: Optional[str]
                ) -> Optional[PeriodMention]:
    """The period mention a figure belongs to (its own clause first, then the sentence, then the
    period carried from before), with context periods (本季度, 全年, the fiscal year) resolved.
    A figure followed by "a year earlier" is the base of a comparison: the period the sentence
    reports, a year before (Net loss narrowed to $110 million from $360 million a year earlier:
    2025Q3 and 2024Q3), or the calendar year before when no period is known."""
    num = fig.num
    if ctx.lang == "en":
        for p in _periods_in(ctx, num.end, min(s1, num.end + 30)):
            if p.is_base and p.kind == "rel_en_y" and _EN_NEXT.fullmatch(ctx.low, num.end, p.start):
                found = _own_period(ctx, fig, s0, s1, carried)
                if found is None or not found.period:
                    return p
                return PeriodMention(p.start, p.end, year_before(found.period), True, True, False, p.kind,
                                     found.quarter, False)
    return _own_period(ctx, fig, s0, s1, carried)


def _own_period(ctx: _DocContext, fig: _Fig, s0: int, s1: int, carried: Optional[str]
                ) -> Optional[PeriodMention]:
    num = fig.num
    c0, c1 = fig.clause
    usable = []
    for p in _periods_in(ctx, s0, s1):
        if p.is_base and not 0 <= num.start - p.end <= 2:  # 相比上一季度7%的增速
            continue
        if p.start < num.end and p.end > num.start:
            continue
        if p.carry:
            p = _in_context(ctx, p, [q for q in _periods_in(ctx, s0, p.start) if q.period and not q.carry
                                     and not q.is_base], carried)
        if p.period or (p.explicit_year and not p.carry):  # 前三季度: written, no SPEC shape: None
            usable.append(p)
    if ctx.lang == "en":  # "$5 billion in August": a time adverbial right after the figure is its own
        right_after = [p for p in usable if p.start >= num.end and _EN_NEXT.fullmatch(ctx.low, num.end, p.start)]
        if right_after:
            return right_after[0]
    before_clause = [p for p in usable if c0 <= p.start and p.end <= num.start]
    if before_clause:
        return before_clause[-1]
    after_clause = [p for p in usable if p.start >= num.end and p.end <= c1]
    if after_clause:
        return after_clause[0]
    before_sent = [p for p in usable if p.end <= c0]
    if before_sent:
        return before_sent[-1]
    if ctx.lang == "en":
        after_sent = [p for p in usable if p.start >= num.end]
        if after_sent:
            return after_sent[0]
    return PeriodMention(-1, -1, carried) if carried else None


_EN_NEXT = re.compile(r"[ \t]*(?:(?:at|by)[ \t]the[ \t](?:start|beginning|end)[ \t])?")
# what a context period (本季度, 全年, the fiscal year, 期内) takes from the period it refers to
_CONTEXT_WANTS = {"rel_q_zh": "quarter", "the_q_en": "quarter", "the_fy_en": "fiscal year",
                  "in_period_zh": "any"}


def _fits(wants: str, period: str) -> bool:
    if wants == "quarter":
        return is_quarter(period)
    if wants == "fiscal year":
        return period.startswith("FY")
    return wants == "any" or period[:4].isdigit() or period.startswith("FY")


def _in_context(ctx: _DocContext, p: PeriodMention, earlier: list[PeriodMention], carried: Optional[str]
                ) -> PeriodMention:
    """Resolve 本季度 / in the quarter (the quarter in context), 全年 / the full year (the year in
    context), the fiscal year and 期内: from a period named earlier in the sentence, else the carried
    reporting period, else the latest one named earlier in the article (not in a forecast); else as
    written."""
    wants = _CONTEXT_WANTS.get(p.kind, "year")
    ref: Optional[PeriodMention] = None
    if earlier and _fits(wants, earlier[-1].period or ""):
        ref = earlier[-1]
    elif carried and _fits(wants, carried):
        ref = PeriodMention(p.start, p.end, carried)
    else:
        i = bisect.bisect_left(ctx.period_starts, p.start) - 1
        while i >= 0 and ref is None:
            q = ctx.periods[i]
            if q.period and not (q.carry or q.is_base or q.future) \
                    and (q.explicit_year or q.quarter is not None) and _fits(wants, q.period):
                ref = q
            i -= 1
    if ref is None:
        return p
    period, quarter = ref.period or "", ref.quarter
    if wants in ("year", "fiscal year"):
        period = year_of(period)
    elif wants == "quarter" and ctx.text.startswith("上", p.start):  # 上一季度 (no date known)
        period, quarter = previous_quarter(period), None
    return PeriodMention(p.start, p.end, period, True, False, False, p.kind,
                         quarter if is_quarter(period) else None)


def _leading_period(ctx: _DocContext, clauses: list[tuple[int, int]], s0: int) -> Optional[PeriodMention]:
    """A period that opens the sentence (2024年2月，…; In June, …) and so scopes over all of it."""
    c0, c1 = clauses[0]
    for p in _periods_in(ctx, c0, c1):
        if p.period and not p.is_base and not p.carry and _LEAD.fullmatch(ctx.low, s0, p.start):
            return p
    return None


_LEAD = re.compile(r"[ \t]*(?:到了|到|在|于|截至|截止|in|by|on|at|as of)?[ \t]*")


def _fiscal(ctx: _DocContext, fig: _Fig) -> None:
    """A quarter written without a calendar year, in a figure about a company whose fiscal year
    does not end in December, is its fiscal quarter (辉达第2季 -> FY2026Q2)."""
    if fig.period_q is None or fig.company is None:
        return
    end = fiscal_year_ends().get(fig.company)
    if end is not None:
        fig.period = fiscal_quarter(fig.period_q, end, ctx.published) or fig.period


def _qualifier(ctx: _DocContext, fig: _Fig) -> tuple[Optional[str], int]:
    """(qualifier, start of the figure's text including a qualifier written right before it)."""
    t, num = ctx.low, fig.num
    c0, _ = fig.clause
    start = num.start
    if num.is_range:
        return "range", start
    lo = c0
    if fig.cue is not None and fig.how == "before" and fig.cue.end <= num.start:
        lo = max(lo, fig.cue.end)
    lex = ctx.lex
    qual = None
    quals = list(lex.qual_rx.finditer(t, lo, num.start))
    last = quals[-1] if quals else None
    if last is not None:
        word = last.group(0).lower()
        gap = t[last.end():num.start]
        adjacent = _QUAL_GAP.fullmatch(gap) is not None
        if len(word) > 1 or adjacent:
            q = lex.qual_map[word]
            if q != "estimate":
                qual = q
                if adjacent:
                    start = last.start()
    if qual is None and lo > c0:
        # 理论上最高每天可盈利47.5万美元: a qualifier before the cue, with no other number in between
        for m in lex.qual_rx.finditer(t, c0, lo):
            last = m
        if last is not None and len(last.group(0)) > 1 and not _DIGIT.search(t, last.end(), num.start):
            q = lex.qual_map[last.group(0)]
            if q != "estimate":
                qual = q
    if qual is None and num.qualifier:
        qual = num.qualifier
    # a forecast or hypothetical before the figure in its sentence, or a future verb in its clause,
    # makes it an estimate
    if lex.estimate_sentence_rx.search(t, fig.sent_start, num.start):
        return "estimate", start
    for m in (quals if lo == c0 else lex.qual_rx.finditer(t, c0, num.start)):  # the same scan when lo == c0
        if lex.qual_map[m.group(0).lower()] == "estimate":
            return "estimate", start
    if ctx.lang == "en" and _EN_EST_AFTER.search(t, num.end, fig.clause[1]):
        return "estimate", start
    return qual, start


_QUAL_GAP = re.compile(r"[ \t]*(?:为|是|达|达到|在|了|at|of|to)?[ \t]*(?:\$|US\$)?[ \t]*", re.I)
_DIGIT = re.compile(r"\d")


def _per(ctx: _DocContext, num: NumberSpan, clause: tuple[int, int]) -> Optional[str]:
    t, lex = ctx.low, ctx.lex
    m = _PER_SKIP.match(t, num.end)
    pos = m.end() if m else num.end
    m2 = lex.per_rx.match(t, pos)
    if m2 and not _dating(ctx, m2.end()):
        return lex.per_map[m2.group(0).lower()]
    if pos < len(t) and t[pos] == "/":
        m3 = lex.per_rx.match(t, pos + 1 + (1 if t[pos + 1:pos + 2] == " " else 0))
        if m3:
            return lex.per_map.get(m3.group(0).lower())
    c0 = clause[0]
    found = None
    for m4 in lex.per_rx.finditer(t, c0, num.start):
        # 10月营收2.16亿元: the 月 of a date, not a monthly figure; from $35 million a year ago
        if not _in_period(ctx, m4.start()) and not _dating(ctx, m4.end()):
            found = m4
    if found is not None:
        return lex.per_map[found.group(0).lower()]
    return None


_PER_EXCEPTION_GAP = re.compile(r"[ \t]+")


def _dating(ctx: _DocContext, pos: int) -> bool:
    """Does a `per` word ending at `pos` date the figure instead ($38,373 a year ago, a month earlier)?"""
    gap = _PER_EXCEPTION_GAP.match(ctx.low, pos)
    return gap is not None and ctx.lex.per_exception_rx.match(ctx.low, gap.end()) is not None


def _in_period(ctx: _DocContext, pos: int) -> bool:
    """Whether `pos` falls inside a period mention (10月, 前10月, 第三季度)."""
    i = bisect.bisect_right(ctx.period_starts, pos) - 1
    return i >= 0 and ctx.periods[i].start <= pos < ctx.periods[i].end


def _basis(ctx: _DocContext, fig: _Fig) -> Optional[str]:
    t, lex = ctx.low, ctx.lex
    c0, c1 = fig.clause
    hi = c1 if ctx.lang == "en" else fig.num.start
    if fig.cue is not None and fig.cue.word in ("年增", "年减"):
        return "yoy"
    if fig.cue is not None and fig.cue.word == "季增":
        return "qoq"
    m = lex.basis_rx.search(t, c0, hi) or lex.basis_rx.search(t, fig.num.end, min(c1, fig.num.end + 40))
    if m:
        return lex.basis_map[m.group(0).lower()]
    return None


def _growth_of(ctx: _DocContext, fig: _Fig, previous: list[_Fig]) -> Optional[str]:
    lex = ctx.lex
    if fig.cue is not None and fig.cue.word in lex.growth_of:
        return lex.growth_of[fig.cue.word]
    c0, _ = fig.clause
    limit = fig.cue.start if (fig.cue is not None and fig.how == "before") else fig.num.start
    for cue in reversed(ctx.cues_between(c0, limit)):
        if cue.metric != "growth":
            return _refine(ctx, cue)
    if fig.how == "after" and fig.cue is not None:
        m = re.match(r"[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?", ctx.low[fig.cue.end:fig.cue.end + 12], re.I)
        if m:
            i = bisect.bisect_left(ctx.cue_starts, fig.cue.end + m.end())
            if i < len(ctx.cues) and ctx.cues[i].start == fig.cue.end + m.end() and \
                    ctx.cues[i].metric != "growth":
                return _refine(ctx, ctx.cues[i])
    for prev in reversed(previous):
        if prev.metric != "growth":
            return prev.metric
    found = None
    for found in lex.of_context_rx.finditer(ctx.low, fig.sent_start, fig.num.start):
        pass
    if found is not None:
        return lex.of_context[found.group(0)]
    if fig.cue is not None and fig.cue.word in lex.of_fallback:
        return lex.of_fallback[fig.cue.word]
    return None


_FROM_PREV = re.compile(r"(?:up|down|rising|falling|climbing|compared)?[ \t]*(?:from|with)[ \t]+(?:about|roughly|"
                        r"around|nearly|more than|over|under|less than)?[ \t]*(?:\$|us\$|€|£|¥)?$")
_GENERIC_SPEND = frozenset({"spending", "spend", "spent", "支出", "开支", "花费", "投入", "开销"})


def _same_as_before(ctx: _DocContext, figs: list[_Fig]) -> None:
    """`valuing it at $500 billion, up from $300 billion in a funding round`: the figure after
    `up from` is the earlier value of the figure before it. `Capital expenditures were $24.2 billion …
    spending would exceed $30 billion`: a generic spending word takes the specific metric before it."""
    t = ctx.low
    for k in range(1, len(figs)):
        f, prev = figs[k], figs[k - 1]
        if prev.metric == "growth" or f.num.kind != prev.num.kind:
            continue
        if _FROM_PREV.search(t, max(f.clause[0], f.num.start - 30), f.num.start):
            f.metric, f.how = prev.metric, "before"
        elif f.metric == "cost" and f.cue is not None and f.cue.word in _GENERIC_SPEND and \
                prev.metric in ("capex", "rd_expense", "marketing_expense"):
            f.metric = prev.metric


def _inherit_per(ctx: _DocContext, figs: list[_Fig]) -> None:
    """`$0.55 per million input tokens … compared with $15 and $60`: later prices keep the unit."""
    last: Optional[tuple[str, str]] = None
    for f in figs:
        if f.num.kind != "money" or f.metric not in ("price", "cost"):
            continue
        per = _per(ctx, f.num, f.clause) if f.per == "?" else f.per
        f.per = per
        if per in ("1M tokens", "1K tokens"):
            last = (per, f.num.unit or "")
        elif per is None and last is not None and f.num.unit == last[1]:
            f.per, f.metric = last[0], "price"


def _share_of(ctx: _DocContext, fig: _Fig, previous: list[_Fig]) -> str:
    """What a revenue share is a share of: the revenue named after it, else the last revenue/ARR."""
    for cue in ctx.cues_between(fig.num.end, fig.num.end + 10):
        if cue.metric in ("revenue", "arr"):
            return _refine(ctx, cue)
    for prev in reversed(previous):
        if prev.metric in ("revenue", "arr") and prev.how != "share":
            return prev.metric
    return "revenue"


_SEG_BREAK = re.compile(r"[，。,;；、“”\"()（）]")


def _segment(ctx: _DocContext, fig: _Fig) -> Optional[str]:
    t, lex = ctx.low, ctx.lex
    mention = fig.mention
    if mention is not None and mention.via == "product":
        name = t[mention.start:mention.end]
        if lex.segment_rx.search(name) or (mention.product and lex.segment_rx.search(mention.product.lower())):
            return ctx.text[mention.start:mention.end]
    if fig.cue is None or fig.how not in ("before", "sentence"):
        return None
    cue = fig.cue
    if fig.metric == "growth":
        c0 = fig.clause[0]
        found = [c for c in ctx.cues_between(c0, cue.start) if c.metric != "growth"]
        if not found:
            return None
        cue = found[-1]
    lo = mention.end if (mention is not None and mention.end <= cue.start) else fig.clause[0]
    if cue.start - lo > 16 or cue.start <= lo:
        return None
    if _SEG_BREAK.search(t, lo, cue.start) or not lex.segment_rx.search(t, lo, cue.start):
        return None
    between = ctx.text[lo:cue.start]
    for p in _periods_in(ctx, lo, cue.start):
        between = between.replace(ctx.text[p.start:p.end], " ")
    seg = _SEG_STRIP.sub("", re.sub(r"\s+", " ", between).strip()).strip()
    return seg or None


def _respectively(ctx: _DocContext, figs: list[_Fig], s0: int, s1: int) -> None:
    """`同比分别增长23.9%、59.2%`, `腾讯、阿里分别达到189亿、149亿`, `2023财年到2025财年…分别为4%、5.8%、8.9%`."""
    t, lex = ctx.low, ctx.lex
    for m in lex.respectively_rx.finditer(t, s0, s1):
        if m.group(0).lower() == "respectively":
            group = [f for f in figs if f.num.end <= m.start() and m.start() - f.num.end < 40]
            if group:
                c0 = group[0].clause[0]
                group = [f for f in group if f.clause[0] >= _clause_start_before(t, s0, group[-1].num.start)]
            anchor = group[0].clause[0] if group else m.start()
        else:
            group = [f for f in figs if f.num.start >= m.end() and f.clause[0] <= m.start() < f.clause[1]]
            anchor = m.start()
        if len(group) < 2:
            continue
        k = len(group)
        c0 = group[0].clause[0]
        head_start = min(c0, anchor)
        # companies listed before 分别
        ids: list[tuple[str, CompanyMention]] = []
        for j in ctx.mentions_between(head_start, anchor):
            c = ctx.mentions[j]
            if not ids or ids[-1][0] != c.company_id:
                ids.append((c.company_id, c))
        if len(ids) == k:
            for f, (cid, men) in zip(group, ids):
                f.company, f.mention = cid, men
        # periods listed before 分别 (or a range of years: 2023财年到2025财年)
        ps = [p for p in _periods_in(ctx, head_start, anchor) if p.period and not p.is_base]
        if len(ps) == k:
            for f, p in zip(group, ps):
                f.period = p.period
        elif len(ps) == 2:
            expanded = _expand_years(ps[0].period, ps[1].period)
            if expanded and len(expanded) == k:
                for f, p in zip(group, expanded):
                    f.period = p
        # growth rates of figures given earlier in the sentence
        if all(f.metric == "growth" for f in group):
            earlier = [f for f in figs if f.num.end <= group[0].num.start and f.metric != "growth"]
            if len(earlier) >= k:
                for f, e in zip(group, earlier[-k:]):
                    f.company = e.company or f.company
                    f.mention = e.mention or f.mention
                    f.period = e.period or f.period
                    f.of = e.metric


def _clause_start_before(t: str, s0: int, pos: int) -> int:
    last = s0
    for m in _HARD.finditer(t, s0, pos):
        last = m.end()
    return last


def _expand_years(a: Optional[str], b: Optional[str]) -> Optional[list[str]]:
    if not a or not b:
        return None
    ma, mb = re.fullmatch(r"(FY)?(\d{4})", a), re.fullmatch(r"(FY)?(\d{4})", b)
    if not ma or not mb or ma.group(1) != mb.group(1):
        return None
    y0, y1 = int(ma.group(2)), int(mb.group(2))
    if not 0 < y1 - y0 <= 10:
        return None
    return [f"{ma.group(1) or ''}{y}" for y in range(y0, y1 + 1)]


def _to_metric(ctx: _DocContext, fig: _Fig, para: int, money_seen: list[tuple[int, str]]
               ) -> Optional[Metric]:
    num = fig.num
    metric = fig.metric
    per = _per(ctx, num, fig.clause) if fig.per == "?" else fig.per
    cue_word = fig.cue.word if fig.cue is not None else ""
    if metric == "price" and per is None:
        if cue_word in ctx.lex.revenue_without_per:
            metric = "revenue"
        elif cue_word in ctx.lex.cost_without_per:
            metric = "cost"
    if per in ("1M tokens", "1K tokens") and metric in ("cost", "revenue"):
        metric = "price"
    elif metric in ("price", "cost") and num.kind == "money" and per in ("month", "year", "hour", "call"):
        # a list price is small; what a customer spends a month on a platform is not
        value_local = num.value_max if num.value_max is not None else num.value
        if metric == "price" and value_local >= _PRICE_MAX:
            metric = "cost"
        elif metric == "cost" and value_local < _PRICE_MAX and cue_word in _GENERIC_COST:
            metric = "price"
    value, value_max = num.value, num.value_max
    inferred = False
    if fig.how == "share":
        unit = "%"
    elif metric in MONEY_METRICS:
        if num.kind == "money":
            unit = num.unit
            if num.generic_yuan and (ctx.yuan == "TWD" or _context_currency(num.start, money_seen) == "TWD"):
                unit = "TWD"  # 元 in a Taiwanese report
        else:
            unit, inferred = _infer_currency(ctx, num.start, fig.sent_start, money_seen), True
    elif ctx.lex.metric_kind.get(metric) == "percent":
        unit = "%"
        if num.kind == "times":
            value = value * 100.0
            value_max = value_max * 100.0 if value_max is not None else None
    else:
        unit = "count"
    if metric == "growth" and fig.cue is not None and fig.cue.word in ctx.lex.negative and value > 0:
        value = -value
        if value_max is not None:
            value, value_max = -value_max, value
    qualifier, start = _qualifier(ctx, fig)
    of = None
    basis = None
    if metric == "growth":
        of = fig.of
        basis = _basis(ctx, fig)
    elif fig.how == "share":
        of = fig.of
    if metric not in ("growth",) and per not in ("month", "year", "day", "hour", "1M tokens", "1K tokens"):
        per = None
    return Metric(metric=metric, value=float(value), unit=unit or "CNY", start=start, end=num.end,
                  company=fig.company, value_max=value_max, per=per if metric != "growth" else None,
                  period=fig.period, qualifier=qualifier, segment=_segment(ctx, fig), basis=basis,
                  of=of, currency_inferred=inferred)


def _context_currency(pos: int, money_seen: list[tuple[int, str]]) -> Optional[str]:
    """The last currency written out before `pos` other than a bare 元."""
    for p, unit in reversed(money_seen):
        if p < pos and unit and unit != "CNY":
            return unit
    return None


_EN_EST_AFTER = re.compile(r"\b(?:is|are|was|were) (?:expected|projected|forecast|estimated)\b")
_PER_SKIP = re.compile(r"(?:[ \t]*(?:or|and|to|或|、|至|-)[ \t]*(?:\$|us\$|€|£|¥)?[0-9][0-9.,]*[ \t]*"
                       r"(?:美元|元)?)*[ \t]*(?:per[ \t]+(?:gpu|user|seat|card|chip)[ \t]+|每卡|每张卡)?")
_GENERIC_COST = frozenset({"cost", "costs", "费用", "spend", "spent", ""})
_PRICE_MAX = 1000.0  # a list price per month/hour/call above this is spending, not a price


def _infer_currency(ctx: _DocContext, pos: int, sent_start: int, money_seen: list[tuple[int, str]]
                    ) -> str:
    """The most recent explicit currency in the same sentence, else CNY (zh) / USD (en).

    (Same sentence, not paragraph: Chinese writers drop 元 freely but rarely 美元, so a bare 200亿 in
    the next sentence after a dollar amount is still usually yuan.)"""
    para_start = sent_start
    for p, unit in reversed(money_seen):
        if p >= pos:
            continue
        if p < para_start:
            break
        if unit:
            return unit
    return ctx.yuan if ctx.lang == "zh" else "USD"
