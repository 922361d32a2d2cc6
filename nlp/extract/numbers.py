"""Numbers as written in Chinese and English news: find them, parse them, say what kind they are.

`find_numbers(text, lang)` scans a text once and returns every quantity-looking expression with its
value in base units, an optional range end, its unit (ISO currency, `%`, `count`) and the words around
it that matter to the metric extractor (a prefix currency symbol, a suffix qualifier such as 以上/多,
a `per` unit written right after it such as `/月` or `per million tokens`). It does not decide whether a
number is a financial figure: that needs a cue word (nlp.extract.metrics).

Numbers that are plainly not quantities are dropped here: digits glued to Latin letters (GPT-4, H100,
QwQ-32B, 720P, 5G), dates and times (2024年, 3月, 24点), ordinals (第一), vague amounts (数百万, 上百,
百亿级) and counts of things (9家, 100多个国家).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# --- scales ---------------------------------------------------------------------------------------
ZH_SCALES = {
    "万亿": 1e12, "兆": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6,
    "十万": 1e5, "万": 1e4, "千": 1e3,
}
EN_SCALES = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "mln": 1e6,
    "thousand": 1e3,
}
# one-letter scales only count after a currency symbol ($5B, $300M, $40k) or before a currency code
LETTER_SCALES = {"t": 1e12, "b": 1e9, "m": 1e6, "k": 1e3}

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "亿": 1e8}

# --- currencies -----------------------------------------------------------------------------------
# written before the number
PREFIX_CURRENCIES = {
    "US$": "USD", "US $": "USD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD", "A$": "AUD", "C$": "CAD",
    "$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP", "RMB": "CNY", "USD": "USD",
    "CNY": "CNY", "HKD": "HKD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "TWD": "TWD",
    "人民币": "CNY", "美元": "USD", "港币": "HKD", "港元": "HKD", "新台币": "TWD", "台币": "TWD",
}
# currency words written before the number that decide a generic 元 after it (新台币2.06兆元)
_WORD_PREFIX = ("人民币", "美元", "港币", "港元", "新台币", "台币")
# written after the number (and its scale)
SUFFIX_CURRENCIES = {
    "美元": "USD", "美金": "USD", "元人民币": "CNY", "人民币元": "CNY", "人民币": "CNY",
    "港元": "HKD", "港币": "HKD", "新台币": "TWD", "台币": "TWD", "欧元": "EUR", "日元": "JPY",
    "日圆": "JPY", "英镑": "GBP", "韩元": "KRW", "卢比": "INR", "元": "CNY", "块钱": "CNY", "块": "CNY",
    "厘": "CNY",
    "us dollars": "USD", "dollars": "USD", "dollar": "USD", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "usd": "USD", "cny": "CNY", "hkd": "HKD", "twd": "TWD", "eur": "EUR",
    "euros": "EUR", "euro": "EUR", "yen": "JPY", "pounds": "GBP", "gbp": "GBP", "jpy": "JPY",
    # a dollar named with its country is not the US dollar (88 billion Hong Kong dollars)
    "hong kong dollars": "HKD", "hong kong dollar": "HKD", "hk dollars": "HKD",
    "new taiwan dollars": "TWD", "taiwan dollars": "TWD", "singapore dollars": "SGD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "swiss francs": "CHF",
    "pounds sterling": "GBP", "rupees": "INR",
}
_CURRENCY_FACTOR = {"厘": 0.001}

# --- counts ---------------------------------------------------------------------------------------
PERSON_WORDS = ("人", "名", "位", "户", "people", "-person", "-member", "-strong")  # a headcount or a user count can take these
# a number followed by one of these counts things, not money or people: never a metric
THING_WORDS = (
    "个", "次", "张", "款", "种", "项", "台", "辆", "篇", "条", "部", "件", "份", "只", "座", "所",
    "颗", "枚", "轮", "场", "套", "组", "批", "笔", "单", "首", "集", "章", "页", "字", "行", "层", "级",
    "款", "GB", "TB", "MB", "nm", "纳米", "瓦", "千瓦", "兆瓦", "W", "卡", "块GPU", "万卡", "张卡",
    "tokens", "token", "Tokens", "Token", "参数", "人次",
)
# a number followed by one of these is a date, time or duration
DATE_WORDS = ("年", "月", "日", "号", "时", "点", "分钟", "秒", "季度", "季", "财年", "世纪", "岁", "周年",
              "届", "期", "代", "天", "周", "小时", "个月", "个季度", "年代")

_PERCENT_WORDS = ("%", "％", "percent", "per cent", "pct")
_PP_WORDS = ("个百分点", "百分点", "percentage points", "percentage point", "pp")

SUFFIX_QUALIFIERS = {"以上": "over", "之多": "over", "多": "over", "余": "over", "出头": "over",
                     "左右": "approx", "上下": "approx", "以下": "under", "以内": "under",
                     "or more": "over", "plus": "over"}

# --- the scanner ----------------------------------------------------------------------------------

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CORE = re.compile(
    r"(?P<ar>" + _ARABIC + r")"
    r"|(?P<pct_zh>百分之(?:[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?))"
    r"|(?P<zh>[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿点]*)"
)
# a digit run glued to Latin letters or hyphenated to a name is part of a name (GPT-4, H100, QwQ-32B)
_NAME_BEFORE = re.compile(r"[A-Za-z_][-‐.]?$|[A-Za-z0-9_:：#@]$")
# vague or ordinal Chinese before a number: 数百万, 上百, 几千万, 第一, 好几
_VAGUE_BEFORE = ("数", "几", "第", "周", "星期", "礼拜", "初")
_BROKEN_DECIMAL = re.compile(r"\.[ \t\u00a0]{1,2}(\d+)(?=[ \t]?[万亿千百美元%％])")

_SCALE_ZH_RE = re.compile(r"[ \t\u00a0]?(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|兆(?![赫字位])|千(?![瓦克米\s]*[Tt]okens|[瓦克米]))")
_SCALE_EN_RE = re.compile(r"[ \t\u00a0]?(trillion|billion|million|thousand|bn|tn|mn|mln)\b", re.I)
_SCALE_LETTER_RE = re.compile(r"[ \t\u00a0]?([TtBbMmKk])(?![A-Za-z0-9])")
_MORE_RE = re.compile(r"(多|余)")
_RANGE_SEP = re.compile(r"[ \t\u00a0]*(?:-|–|—|~|～|至|到|to)[ \t\u00a0]*")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SUFFIX_CUR_RE = re.compile(r"[ \t\u00a0]?(" + _alternation(SUFFIX_CURRENCIES) + r")(?![a-z])", re.I)
_PREFIX_CUR_RE = re.compile(r"(" + _alternation(PREFIX_CURRENCIES) + r")[ \t\u00a0]?(?:约|大约)?[ \t\u00a0]?$")
_PERCENT_RE = re.compile(r"[ \t\u00a0]?(" + _alternation(_PERCENT_WORDS) + r")(?![A-Za-z])", re.I)
_PP_RE = re.compile(r"[ \t\u00a0]?(" + _alternation(_PP_WORDS) + r")(?![A-Za-z])", re.I)
_TIMES_RE = re.compile(r"[ \t\u00a0]?(倍|times\b|-fold\b|fold\b|x(?![A-Za-z0-9]))", re.I)
_CHENG_RE = re.compile(r"成(?![为本功立长交员绩果熟就型都品效像])")
_PERSON_RE = re.compile(r"[ \t\u00a0]?(" + _alternation(PERSON_WORDS) + r")(?!次|民币|工智能|均|气|才|物|群|口|士|数|[a-z])")
_ORG_RE = re.compile(r"[ \t\u00a0]?(?:多|余)?家")
_THING_RE = re.compile(r"[ \t\u00a0]?(?:多|余)?(" + _alternation(THING_WORDS) + r")")
_DATE_RE = re.compile(r"[ \t\u00a0]?(?:多|余)?(" + _alternation(DATE_WORDS) + r")(?!化|收入|营收|利润|费|薪|均|内|以来)")
_SUFFIX_Q_RE = re.compile(r"[ \t\u00a0]?(" + _alternation(SUFFIX_QUALIFIERS) + r")(?![A-Za-z])")
_TOKENS_AFTER = re.compile(r"[ \t]*(?:个)?[ \t]*(?:输入|输出)?[ \t]*(?:tokens?|Tokens?|TOKENS?)")
_VAGUE_AFTER = re.compile(r"级|量级|[:：]\d|\.\d|/\d|[A-Za-z]")


# --- first-character gates -------------------------------------------------------------------------
# Most tail patterns are `[ \t\u00a0]?` + one of a list of words, and most numbers are followed by
# none of them: trying a dozen regexes after every number was a fifth of find_numbers. A pattern
# can only match when the first character after one optional blank (`_head`) is the first
# character of one of its words, so the tail readers skip a pattern when that character is known
# not to be one. "Known" is kept to ASCII, CJK punctuation/ideographs and full-width forms, where
# case-insensitive matching relates only ASCII letters to ASCII letters (sre also folds a few
# other characters such as K (Kelvin) or ſ onto ASCII letters: for those, the pattern is tried).
_BLANK1 = frozenset(" \t\u00a0")


def _heads(words, ignore_case: bool = False) -> frozenset:
    out: set[str] = set()
    for w in words:
        out.add(w[0])
        if ignore_case:
            out.update((w[0].lower(), w[0].upper()))
    return frozenset(out)


def _head(text: str, pos: int) -> str:
    """The character a `[ \t\u00a0]?word` pattern at `pos` must start its word with ("" at the end)."""
    c = text[pos:pos + 1]
    if c in _BLANK1:
        c = text[pos + 1:pos + 2]
    return c


def _unknown(c: str) -> bool:
    """True when `c` may match a head under re.I without being listed in it (see above)."""
    return not (c.isascii() or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")


_H_SCALE = _heads(list(ZH_SCALES) + list(EN_SCALES), ignore_case=True) | _heads("TtBbMmKk")
_H_SUFFIX_CUR = _heads(SUFFIX_CURRENCIES, ignore_case=True)
_H_PP = _heads(_PP_WORDS, ignore_case=True)
_H_PERCENT = _heads(_PERCENT_WORDS, ignore_case=True)
_H_TIMES = _heads(("倍", "times", "-fold", "fold", "x"), ignore_case=True)
_H_DATE = _heads(DATE_WORDS) | {"多", "余"}
_H_THING = _heads(THING_WORDS) | {"多", "余"}
_H_ORG = frozenset("多余家")
_H_PERSON = _heads(PERSON_WORDS)
_RANGE_FIRST = frozenset(" \t\u00a0-–—~～至到t")  # _RANGE_SEP starts with [ \t\u00a0]* then one of these
_TOKENS_FIRST = frozenset(" \t个输tT")  # _TOKENS_AFTER starts with [ \t]* then one of 个 输 t T


@dataclass(slots=True)
class NumberSpan:
    """A quantity in the text; start/end cover the number and the unit words read with it."""

    start: int
    end: int
    value: float
    kind: str  # money | percent | pp | times | person | scaled | plain
    unit: Optional[str] = None  # ISO currency, "%", "count", or None (bare number)
    value_max: Optional[float] = None
    currency_explicit: bool = False
    qualifier: Optional[str] = None  # from a suffix: 以上/多/左右 …
    scaled: bool = False  # a scale word was written (万, 亿, billion …)
    generic_yuan: bool = False  # the currency is a bare 元/块 (CNY unless the context says NT$)

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


_FULLWIDTH_PAIRS = tuple(zip("０１２３４５６７８９．％，", "0123456789.%,"))


def normalise_digits(text: str) -> str:
    """Full-width digits, dot, comma and percent sign to ASCII (same length, offsets unchanged).

    One `str.replace` per character present rather than `str.translate`: translate
    looks every character up in a dict (~0.15 ms for a 900-character Chinese text, which always
    holds a `，`), replace scans in C. The result is the same: each source character maps to one
    ASCII character that is itself never a source."""
    for wide, ascii_ in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, ascii_)
    return text


def parse_zh_numeral(s: str) -> Optional[float]:
    """Value of a Chinese numeral: 三百亿 -> 3e10, 两千万 -> 2e7, 一百二十 -> 120, 三点五 -> 3.5."""
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_zh_numeral(whole) if whole else 0.0
        if w is None or not frac or any(c not in _ZH_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(_ZH_DIGITS[c]) for c in frac))
    total = 0.0  # finished 亿/万 sections
    section = 0.0  # the part below the current 万/亿
    digit: Optional[int] = None
    seen = False
    for c in s:
        if c in _ZH_DIGITS:
            if digit is not None and digit != 0 and _ZH_DIGITS[c] != 0:
                # a run of plain digits (二〇二五): read positionally
                return _positional(s)
            digit = _ZH_DIGITS[c]
            seen = True
        elif c in _ZH_UNITS:
            section += (digit if digit is not None else 1) * _ZH_UNITS[c]
            digit = None
            seen = True
        elif c in _ZH_BIG:
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1.0 if not seen else section
            if c == "亿":
                total = (total + section) * 1e8
            else:
                total += section * 1e4
            section = 0.0
            seen = True
        else:
            return None
    if digit:
        section += digit
    return total + section if seen else None


def _positional(s: str) -> Optional[float]:
    if all(c in _ZH_DIGITS for c in s):
        return float("".join(str(_ZH_DIGITS[c]) for c in s))
    return None


def _arabic_value(s: str) -> float:
    return float(s.replace(",", "").replace(" ", ""))


def parse_number(s: str) -> Optional[float]:
    """Value of one written number: `1.2万亿`, `三百亿`, `47. 5万`, `1,234.5`, `4.3 billion`, `45%`."""
    s = normalise_digits(s).strip()
    found = find_numbers(s, "zh" if re.search(r"[\u4e00-\u9fff]", s) else "en")
    if found:
        return found[0].value
    return None


class _Tail:
    """A cursor over the text after a number core."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    def take(self, rx: re.Pattern) -> Optional[re.Match]:
        m = rx.match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def peek(self, rx: re.Pattern) -> Optional[re.Match]:
        return rx.match(self.text, self.pos)


def _core_value(m: re.Match, text: str) -> tuple[Optional[float], int, bool]:
    """(value, end, is_chinese_numeral) of a matched number core; handles `47. 5` decimals."""
    if m.group("ar") is not None:
        end = m.end()
        s = m.group("ar")
        if "." not in s:
            b = _BROKEN_DECIMAL.match(text, end)
            if b:
                return float(s + "." + b.group(1)), b.end(), False
        return _arabic_value(s), end, False
    if m.group("pct_zh") is not None:
        inner = m.group("pct_zh")[3:]
        v = _arabic_value(inner) if inner[0].isdigit() else parse_zh_numeral(inner)
        return v, m.end(), True
    s = m.group("zh")
    # strip a trailing scale: 三百亿 -> value 三百 * 亿 is handled by parse_zh_numeral already
    return parse_zh_numeral(s), m.end(), True


def _read_scale(tail: _Tail, lang: str, prefix_cur: bool) -> float:
    c = _head(tail.text, tail.pos)
    if c not in _H_SCALE and not _unknown(c):
        return 1.0  # no scale word or letter can start here
    m = tail.take(_SCALE_ZH_RE)
    if m:
        return ZH_SCALES[m.group(1)]
    m = tail.take(_SCALE_EN_RE)
    if m:
        return EN_SCALES[m.group(1).lower()]
    m = tail.peek(_SCALE_LETTER_RE)
    if m:
        after = _SUFFIX_CUR_RE.match(tail.text, m.end())
        if prefix_cur or (after and after.group(1).isascii()):
            tail.pos = m.end()
            return LETTER_SCALES[m.group(1).lower()]
    return 1.0


# Where a number may start. Every alternative begins with one character class so that sre scans for
# it in C; the lookarounds after it keep only the start of a digit run, Chinese numerals that carry a
# scale (三百亿, not 一个), and vague amounts (数亿, 过亿, 近亿, 上百, 几毛钱).
_ANCHOR = re.compile(
    r"[0-9零〇一二两三四五六七八九十百千数几上近过超破逾]"
    r"(?:(?<=[0-9])(?<![0-9.\-/:：][0-9])(?<![0-9],[0-9])"
    r"|(?<=[零〇一二两三四五六七八九十百千])(?=[零〇一二两三四五六七八九十百千万亿点]*[十百千万亿成倍])"
    r"|(?<=[数几上近过超破逾])(?=[十百千万亿]|[毛分]钱|半)|(?<=一)(?=半以上)"
    r"|(?<=百)(?=分之))"
)
_VAGUE = re.compile(r"(?P<vq>[数几上近过超破逾])(?P<vs>[十百千万亿]+)|(?P<vq2>[数几])(?P<vm>[毛分])钱"
                    r"|(?P<hq>[近过超])半数?|一半以上")
_LEVEL = re.compile(r"[ \t]?级")


def find_numbers(text: str, lang: str = "zh") -> list[NumberSpan]:
    """Every quantity in `text` (see the module docstring for what is left out)."""
    text = normalise_digits(text)
    out: list[NumberSpan] = []
    pos = 0
    for a in _ANCHOR.finditer(text):
        i = a.start()
        if i < pos:
            continue
        ch = text[i]
        if ch in "数几上近过超破逾":
            span = _read_vague(text, i, lang)
        else:
            m = _CORE.match(text, i)
            span = _read_number(text, m, lang) if m else None
        if span is not None:
            out.append(span)
            pos = span.end
    return out


def _read_vague(text: str, i: int, lang: str) -> Optional[NumberSpan]:
    """`数百万美元` -> 1e6 USD over, `近亿` -> 1e8 approx, `几毛钱` -> 0.1 CNY over (the gold's reading)."""
    m = _VAGUE.match(text, i)
    if m is None:
        return None
    if m.group("vs") is None and m.group("vm") is None:  # 过半, 近半, 一半以上: half
        return NumberSpan(i, m.end(), 50.0, "percent", "%",
                          qualifier="approx" if m.group("hq") == "近" else "over")
    if m.group("vm"):
        value = 0.1 if m.group("vm") == "毛" else 0.01
        return NumberSpan(i, m.end(), value, "money", "CNY", currency_explicit=True, qualifier="over")
    value = parse_zh_numeral(m.group("vs"))
    if value is None:
        return None
    qualifier = "approx" if m.group("vq") == "近" else "over"
    tail = _Tail(text, m.end())
    span = _read_unit(text, i, value, tail, None, qualifier, True)
    if span is None or span.kind not in ("money", "scaled", "percent", "times"):
        return None
    if span.kind == "times":
        return None  # 上百倍: a vague ratio
    span.scaled = True
    return span


def _read_number(text: str, m: re.Match, lang: str) -> Optional[NumberSpan]:
    start = m.start()
    before = text[max(0, start - 3):start]
    is_zh_core = m.group("ar") is None
    if not is_zh_core and _NAME_BEFORE.search(before):
        return None
    if is_zh_core:
        s = m.group(0)
        if m.group("zh") is not None and not any(c in s for c in "十百千万亿"):
            nxt = text[m.end():m.end() + 1]
            if nxt not in ("成", "倍"):
                return None  # a bare 一/三 is a word, not a quantity, unless 成/倍 follows
        if m.group("zh") is not None and s[0] in "十百千" and len(s) == 1:
            return None
    if before.endswith(_VAGUE_BEFORE):
        return None
    value, end, _ = _core_value(m, text)
    if value is None:
        return None
    if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        start -= 1
        value = -value
    zh = m.group("zh")
    pure_scale = zh is not None and all(c in "十百千万亿" for c in zh)
    # (before the prefix currency search: a rejected number needs none, and the test reads only
    # the text after the core)
    if _fast_reject(text, end) and not (pure_scale and text.startswith("级", end)):
        return None
    prefix_cur = None
    word_cur = None
    pm = _PREFIX_CUR_RE.search(text, max(0, start - 5), start)
    if pm and not (pm.group(1).isalpha() and pm.start() > 0 and text[pm.start() - 1].isalpha()
                   and pm.group(1).isascii()):
        if pm.group(1) in _WORD_PREFIX:  # 人民币约346万元, 新台币2.06兆元: the word names the 元
            word_cur = PREFIX_CURRENCIES[pm.group(1)]
        else:
            prefix_cur = PREFIX_CURRENCIES[pm.group(1)]
            start = pm.start()
    tail = _Tail(text, end)
    if pure_scale and tail.peek(_LEVEL):
        tail.take(_LEVEL)  # 百亿级: at least that order of magnitude
        span = _read_unit(text, start, value, tail, prefix_cur, "over", True)
        if span is not None:
            span.scaled = True
            if span.kind == "plain":
                span.kind = "scaled"
        return span
    span = _read_tail(text, start, value, tail, lang, prefix_cur, allow_range=True)
    if span is not None and word_cur and span.kind == "money" and span.unit == "CNY" and \
            text[span.end - 1:span.end] in ("元", "币") and "人民币" not in text[start:span.end]:
        span.unit = word_cur
        span.generic_yuan = False
    if span is not None and zh is not None and ("万" in zh or "亿" in zh):
        span.scaled = True
        if span.kind == "plain":
            span.kind = "scaled"
    return span


# a character right after a number that makes it a date, time, version or count of things
_REJECT_NEXT = frozenset("年月日号时季周天岁届期代次张款种项台辆篇条部件份只座所颗枚轮场套组批笔首集章页字层级")
_REJECT_SEP = re.compile(r"[-/.:：][0-9]{1,2}(?:[-/.:：][0-9]{1,2}|[ \t]*[日号月])|[:：][0-9]")


def _fast_reject(text: str, pos: int) -> bool:
    """Cheap checks before the full tail parse: `2025年`, `3月`, `9家`, `19:19`, `2025-06-13`."""
    nxt = text[pos:pos + 1]
    if nxt == " " or nxt == "\t":
        nxt = text[pos + 1:pos + 2]
    if nxt in _REJECT_NEXT:
        return True
    if nxt == "个" and not text.startswith("个百分点", pos):
        return True
    if nxt and nxt in "-/.:：" and _REJECT_SEP.match(text, pos):
        return True
    return False


def _read_tail(text: str, start: int, value: float, tail: _Tail, lang: str,
               prefix_cur: Optional[str], allow_range: bool) -> Optional[NumberSpan]:
    """Read scale, unit and suffix words after a number core; None when it is not a quantity."""
    qualifier = "over" if tail.text.startswith(("多", "余"), tail.pos) and tail.take(_MORE_RE) else None
    scale = _read_scale(tail, lang, prefix_cur is not None)
    if qualifier is None and scale != 1.0 and tail.text.startswith(("多", "余"), tail.pos) and tail.take(_MORE_RE):
        qualifier = "over"
    scaled = scale != 1.0
    if allow_range:
        rng = _read_range(text, start, value, scale, tail, lang, prefix_cur)
        if rng is not None:
            return rng
    value *= scale
    if scale >= 1e8:
        value = _compound(tail, value, scale)
    if _glued_name_or_time(tail):
        return None
    return _read_unit(text, start, value, tail, prefix_cur, qualifier, scaled)


_COMPOUND_RE = re.compile(r"[ \t]?([0-9][0-9,]*(?:\.[0-9]+)?)[ \t]?(亿|千万|百万|万)")


def _compound(tail: _Tail, value: float, scale: float) -> float:
    """`2兆600亿` / `1亿2000万`: a smaller-scale part right after a scaled number adds to it."""
    m = tail.peek(_COMPOUND_RE)
    if m:
        part = ZH_SCALES[m.group(2)]
        if part < scale:
            tail.pos = m.end()
            return value + float(m.group(1).replace(",", "")) * part
    return value


def _glued_name_or_time(tail: _Tail) -> bool:
    """`4.5系列` is fine, but `3:00`, `2.1.3`, `14B` (no currency) or `百亿级` are not quantities."""
    if not tail.peek(_VAGUE_AFTER):
        return False
    t, p = tail.text, tail.pos
    for rx in (_SUFFIX_CUR_RE, _PERCENT_RE, _TIMES_RE, _PP_RE, _PERSON_RE):
        if rx.match(t, p):
            return False
    return True


def _suffix_qualifier(tail: _Tail, default: Optional[str]) -> Optional[str]:
    q = tail.take(_SUFFIX_Q_RE)
    return SUFFIX_QUALIFIERS[q.group(1)] if q else default


def _read_unit(text: str, start: int, value: float, tail: _Tail, prefix_cur: Optional[str],
               qualifier: Optional[str], scaled: bool) -> Optional[NumberSpan]:
    # tail.pos does not move until a branch returns, so one head character gates every pattern
    c = _head(text, tail.pos)
    any_ = _unknown(c)
    cm = tail.peek(_SUFFIX_CUR_RE) if any_ or c in _H_SUFFIX_CUR else None
    if cm:
        word = cm.group(1)
        code = SUFFIX_CURRENCIES[word.lower()]
        if word in ("元", "块") and _SHARE_PRICE.match(text[cm.end():cm.end() + 6]):
            return None  # a share price
        tail.pos = cm.end()
        value *= _CURRENCY_FACTOR.get(word, 1.0)
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "money", code, currency_explicit=True,
                          qualifier=q, scaled=scaled, generic_yuan=word in ("元", "块", "块钱", "厘"))
    if prefix_cur:
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "money", prefix_cur, currency_explicit=True,
                          qualifier=q, scaled=scaled)
    if text[tail.pos:tail.pos + 1] in _TOKENS_FIRST and tail.peek(_TOKENS_AFTER):
        return None  # 百万tokens: a count of tokens (the unit of a price), not a figure
    if (any_ or c in _H_PP) and tail.take(_PP_RE):
        return NumberSpan(start, tail.pos, value, "pp", "%", qualifier=qualifier)
    if ((any_ or c in _H_PERCENT) and tail.take(_PERCENT_RE)) or text.startswith("百分之", start):
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "percent", "%", qualifier=q)
    if not scaled and text.startswith("成", tail.pos) and tail.take(_CHENG_RE):
        if 0 < value <= 10:
            return NumberSpan(start, tail.pos, value * 10, "percent", "%", qualifier=qualifier)
        return None
    if (any_ or c in _H_TIMES) and tail.take(_TIMES_RE):
        return NumberSpan(start, tail.pos, value, "times", None, qualifier=qualifier)
    if not scaled and (any_ or c in _H_DATE) and tail.peek(_DATE_RE):
        return None
    if (any_ or c in _H_THING) and tail.peek(_THING_RE):
        return None
    if (any_ or c in _H_ORG) and tail.take(_ORG_RE):  # 300家: a count of businesses (customers, when a cue says so)
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "org", "count", qualifier=q, scaled=scaled)
    if (any_ or c in _H_PERSON) and tail.take(_PERSON_RE):
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "person", "count", qualifier=q, scaled=scaled)
    if scaled:
        q = _suffix_qualifier(tail, qualifier)
        return NumberSpan(start, tail.pos, value, "scaled", None, qualifier=q, scaled=True)
    if 1900 <= value <= 2100 and value == int(value):
        return None  # a year
    # a bare number: only a count with a cue right after it can use it (1,200 employees)
    return NumberSpan(start, tail.pos, value, "plain", None, qualifier=qualifier)


_SHARE_PRICE = re.compile(r"[ \t]*(?:钱)?[ \t]*/[ \t]*股")
_FROM_BEFORE = re.compile(r"(?:从|由|from|between)[ \t]*(?:[$¥￥€£]|US\$)?[ \t]*$", re.I)
_SECOND_PREFIX = re.compile(r"(US\$|HK\$|NT\$|\$|¥|￥|€|£)[ \t]?")


def _read_range(text: str, start: int, v1: float, scale1: float, tail: _Tail, lang: str,
                prefix_cur: Optional[str]) -> Optional[NumberSpan]:
    """`200-260亿美元`, `120至130亿美元`, `5.2元至399元`, `$3-4 billion`, `20%-30%`; else None."""
    save = tail.pos
    first_unit = None
    c = _head(text, save)
    any_ = _unknown(c)
    cm = tail.peek(_SUFFIX_CUR_RE) if any_ or c in _H_SUFFIX_CUR else None
    if cm:
        first_unit = SUFFIX_CURRENCIES[cm.group(1).lower()]
        tail.pos = cm.end()
    elif (any_ or c in _H_PERCENT) and tail.take(_PERCENT_RE):
        first_unit = "%"
    sep = tail.take(_RANGE_SEP) if text[tail.pos:tail.pos + 1] in _RANGE_FIRST else None
    if not sep or _FROM_BEFORE.search(text, max(0, start - 8), start):
        tail.pos = save
        return None
    pos2 = tail.pos
    pm2 = _SECOND_PREFIX.match(text, pos2)
    cur2 = prefix_cur
    if pm2:
        cur2 = PREFIX_CURRENCIES[pm2.group(1)]
        pos2 = pm2.end()
    m2 = _CORE.match(text, pos2)
    if not m2 or m2.group("ar") is None:
        tail.pos = save
        return None
    v2, end2, _ = _core_value(m2, text)
    second = _read_tail(text, m2.start(), v2, _Tail(text, end2), lang, cur2, allow_range=False) \
        if v2 is not None else None
    if second is None or second.kind == "plain" or (first_unit and first_unit != second.unit):
        tail.pos = save
        return None
    scale2 = second.value / v2 if v2 else 1.0
    if second.kind == "money" and first_unit is None and scale1 == 1.0:
        low = v1 * scale2  # 120至130亿美元: the first end takes the second's scale
    elif scale1 == 1.0 and first_unit is None:
        low = v1 * scale2
    else:
        low = v1 * scale1 * (0.001 if cm is not None and cm.group(1) == "厘" else 1.0)
    if low > second.value:
        tail.pos = save
        return None
    return NumberSpan(start, second.end, low, second.kind, second.unit, value_max=second.value,
                      currency_explicit=second.currency_explicit, qualifier="range",
                      scaled=second.scaled or scale1 != 1.0)
