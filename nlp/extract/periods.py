"""Reporting periods in Chinese and English text, normalised to the SPEC shapes.

Shapes: `2025`, `2025H1`, `2025Q1`, `2025-02`, `2025-02-28`, `FY2025`, `FY2025Q3`.

`find_periods(text, published)` returns every period expression with its normalised value. Relative
expressions (今年, 去年底, this year, last quarter) are resolved against `published` (YYYY-MM-DD) and
are None when no date is known. Expressions without a year (上半年, 第二季度, Q1, 3月, 年底) take the year
of the closest explicit period before them in the same paragraph, else the published year.
A period written as the base of a comparison (比去年同期, 较上季度, compared with 2024) is marked
`is_base`: it is not the period of the figure that follows it.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

_Y = r"(?:19|20)\d{2}"
_S = r"[ \t\u00a0]*"  # the cleaner leaves spaces around digits: `2025 年 Q1`
_ZHQ = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ENQ = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"))}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ZH_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}

_REL_YEAR = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1,
             "this year": 0, "last year": -1, "next year": 1, "the previous year": -1,
             "a year earlier": -1, "a year ago": -1}
_QWORD = r"(?:第?" + _S + r"(?P<{n}>[一二三四1-4])" + _S + r"(?:财季|季度|季)|Q" + _S + r"(?P<{n}2>[1-4]))"
# 前三季度, 前10个月: cumulative periods SPEC has no shape for; matched so that they resolve to None
# rather than leave 今年 to stand for the whole year
_HALF = (r"(?P<{n}>上半年|下半年|前半年|后半年|上半财年|下半财年|H1|H2|前6个月|前六个月|前三季度?"
         r"|前(?:1[01]|[2-9]|十一|[二三四五七八九十])个?月)")
_MONTH_ZH = r"(?P<{n}>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])" + _S + r"月(?:份)?"
_EN_MONTH = (r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def _q(name: str) -> str:
    return _QWORD.format(n=name)


def _h(name: str) -> str:
    return _HALF.format(n=name)


def _m(name: str) -> str:
    return _MONTH_ZH.format(n=name)


_FY_ZH = r"(?:财年|会计年度|财政年度|会计年)"
_REL = r"(?P<rel>今年|本年|去年|上一年|上年|前年|明年)"
_PATTERNS = [
    # 截至2024年12月31日的季度 -> the quarter ending then
    ("qend", r"截[至止]" + _S + r"(?P<qe_y>" + _Y + r")" + _S + r"年" + _S + r"(?P<qe_m>\d{1,2})" + _S
     + r"月" + _S + r"(?P<qe_d>\d{1,2})" + _S + r"日" + _S + r"(?:止)?的?" + _S + r"(?:三个月|季度|财季)"),
    # fiscal
    ("fyq", r"(?P<fyq_y>" + _Y + r")" + _S + _FY_ZH + _S + r"(?:的)?" + _q("fyq_q")),
    ("fyq_en", r"\b(?:fiscal|FY)[ \t]?(?:year[ \t])?(?P<fe_y>" + _Y + r"|\d{2})\b[ \t,]*(?:(?P<fe_o>first|second"
     r"|third|fourth)[- ]quarter|Q(?P<fe_q>[1-4]))"),
    ("fyq_en2", r"\b(?:Q(?P<fe2_q>[1-4])|(?P<fe2_o>first|second|third|fourth)[- ]quarter)(?:[ \t]of)?[ \t]"
     r"(?:fiscal|FY)[ \t]?(?:year[ \t])?(?P<fe2_y>" + _Y + r"|\d{2})\b"),
    ("fy", r"(?P<fy_y>" + _Y + r")" + _S + _FY_ZH),
    ("fy_en", r"\b(?:fiscal[ \t](?:year[ \t])?|FY[ \t]?)(?P<fye_y>" + _Y + r"|\d{2})\b"),
    ("fyq_ctx", r"\bfiscal[ \t](?P<fc_o>first|second|third|fourth)[- ]quarter"),
    ("fyq_ctx_zh", r"第(?P<fcz>[一二三四1-4])(?:个)?财(?:季度?|政季度)"),
    # year + quarter / half / month / day
    ("yq", r"(?P<yq_y>" + _Y + r")" + _S + r"年?" + _S + r"(?:的)?" + _S + _q("yq_q")),
    ("yh", r"(?P<yh_y>" + _Y + r")" + _S + r"年?" + _S + r"(?:的)?" + _h("yh_h")),
    ("ymd", r"(?P<ymd_y>" + _Y + r")" + _S + r"年" + _S + r"(?P<ymd_m>1[0-2]|0?[1-9])" + _S + r"月" + _S
     + r"(?P<ymd_d>3[01]|[12]\d|0?[1-9])" + _S + r"[日号]"),
    ("ym", r"(?P<ym_y>" + _Y + r")" + _S + r"年" + _S + _m("ym_m") + r"(?P<ym_e>底|末|初|中旬|上旬|下旬)?"),
    ("y", r"(?P<y_y>" + _Y + r")" + _S + r"(?:年度|年|全年)(?!代)"),
    ("iso_date", r"\b(?P<iso_y>" + _Y + r")-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])\b"),
    # English calendar
    ("qy_en", r"\b(?:the[ \t])?(?:Q(?P<qe_q>[1-4])|(?P<qe_o>first|second|third|fourth)[- ]quarter)(?:[ \t]of)?[ \t,]*"
     r"(?P<qe_yy>" + _Y + r")\b"),
    ("qy_en2", r"\b(?P<qn_q>[1-4])Q[ \t]?(?P<qn_y>\d{2}|" + _Y + r")\b"),
    ("hy_en", r"\b(?:the[ \t])?(?:(?P<he_o>first|second)[- ]half|H(?P<he_h>[12]))(?:[ \t]of)?[ \t,]*(?:fiscal[ \t])?"
     r"(?P<he_y>" + _Y + r")\b"),
    ("hy_en2", r"\b(?P<hn_h>[12])H[ \t]?(?P<hn_y>\d{2}|" + _Y + r")\b"),
    ("mdy_en", r"\b" + _EN_MONTH.format(n="mde_m") + r"\.?[ \t](?P<mde_d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?"
     r"[ \t](?P<mde_y>" + _Y + r")\b"),
    ("my_en", r"\b" + _EN_MONTH.format(n="me_m") + r"\.?,?[ \t](?:of[ \t])?(?P<me_y>" + _Y + r")\b"),
    # relative years, with what may follow them
    ("relz", _REL + _S + r"(?:(?P<rel_q>" + _q("rq") + r")|(?P<rel_h>" + _h("rh") + r")|(?P<rel_md>" + _m("rm")
     + _S + r"(?P<rd>3[01]|[12]\d|0?[1-9])" + _S + r"[日号])|(?P<rel_m>" + _m("rm2")
     + r"(?P<rm_e>底|末|初)?)|(?P<rel_end>年底|年末|底|末|年初|初|全年|同期|以来)?)"),
    ("rel_en_q", r"\b(?P<req>this|last|next|the previous|the prior|the latest)[ \t]quarter\b"),
    ("rel_en_qy", r"\b(?:the[ \t])?(?P<reqy_o>first|second|third|fourth)[- ]quarter[ \t]of[ \t]"
     r"(?P<reqy_r>this|last|next)[ \t]year\b"),
    ("the_q_en", r"\b(?:in|during|for|over)[ \t]the[ \t](?:quarter|three months)\b"),
    ("the_fy_en", r"\b(?:in|during|for|over)[ \t]the[ \t](?:full[ \t])?fiscal[ \t]year\b(?![ \t]*(?:19|20)\d\d)"),
    ("full_year_en", r"\b(?:(?:(?:in|during|for|over)[ \t])?the[ \t](?:full|whole|entire)[ \t]year|full[- ]year)\b"),
    ("rel_en_h", r"\b(?P<reh_o>first|second)[- ]half[ \t]of[ \t](?P<reh_r>this|last|next)[ \t]year\b"),
    ("rel_en_y", r"\b(?P<rey>this year|last year|next year|the previous year|a year earlier|a year ago)\b"),
    ("past_year", r"(?P<past>过去一年|过去的一年|过去12个月|过去十二个月|过去(?:四|4)个季度|近一年|past year|past 12 months"
     r"|last 12 months|trailing twelve months)"),
    ("rel_q_zh", r"(?P<rqz>上一?季度|上个季度|本季度|当季度|这一季度|上一财季|本财季|当季)"),
    ("rel_m_zh", r"(?P<rmz>上个月|上月|本月|这个月|当月)"),
    # 中期业绩 (Hong Kong interim results): the first half; 期内 (during the period): the one in context
    ("interim_zh", r"中期(?=业绩|收入|营收|纯利|净利|盈利|亏损|报告|财报|股息)"),
    ("in_period_zh", r"(?:报告)?期内"),
    # no year written: 上半年, 第二季度, Q1, 3月, 年底, 全年
    ("bare_q", _q("bq")),
    ("bare_h", _h("bh")),
    ("bare_md", _m("bmd_m") + _S + r"(?P<bmd_d>3[01]|[12]\d|0?[1-9])" + _S + r"[日号]"),
    ("bare_m", _m("bm_m") + r"(?P<bm_e>底|末|初)?"),
    ("bare_end", r"(?P<be>年底|年末|年初|全年|年内)"),
    ("bare_q_en", r"\b(?:the[ \t])?(?P<bqe_o>first|second|third|fourth)[- ]quarter\b"),
    ("bare_h_en", r"\b(?:the[ \t])?(?P<bhe_o>first|second)[- ]half\b"),
    ("bare_m_en", r"\b(?:in|by|since|during|through|until|end of)[ \t]" + _EN_MONTH.format(n="bme_m")
     + r"\b(?!\.?,?[ \t]+(?:of[ \t]+)?(?:19|20)\d\d)"),
    ("year_en", r"\b(?:in|for|of|during|by|since|through|until|fiscal|calendar|year|end of|its|their)[ \t](?:the[ \t]"
     r"(?:year|end of)[ \t])?(?P<ye_y>" + _Y + r")\b(?![%$])"),
]
_BASE_BEFORE = re.compile(r"(?:比|较|相比|相较于?|同比|than|compared (?:with|to)|versus|vs\.?|from)[ \t]*"
                          r"(?:于|起|the)?[ \t]*$")
_BASE_AFTER = re.compile(r"[ \t]*(?:同期|相比|相较|比较)")
# English comparisons: the same period one year before the one reported, not the calendar year
_A_YEAR_EARLIER = ("a year earlier", "a year ago")


@dataclass(slots=True)
class PeriodMention:
    """A period expression; `period` is None when it cannot be resolved (no year known)."""

    start: int
    end: int
    period: Optional[str]
    explicit_year: bool = False  # a year was written (2025年, FY2025), not inferred
    is_base: bool = False  # the base of a comparison (比去年同期)
    carry: bool = False  # 当季/全年-like: the period of the context
    kind: str = ""  # the pattern that matched (see _PATTERNS)
    quarter: Optional[int] = None  # a quarter written without a calendar year (第二季度, the third
    # quarter, fiscal Q3): a company with a non-calendar fiscal year means its fiscal quarter
    future: bool = False  # named in a forecast (预计, expects): not the period being reported


# Patterns grouped by the character they can start with: find_periods tries at each anchor only the
# group that can match there (one big alternation tried at every character is ~100x slower).
_GROUPS = {
    "year": ("fyq", "fy", "yq", "yh", "ymd", "ym", "y", "iso_date"),
    "digit": ("bare_md", "bare_m", "bare_q", "qy_en2", "hy_en2"),
    "jie": ("qend",),
    "rel": ("relz", "rel_q_zh", "rel_m_zh", "bare_h", "past_year", "interim_zh", "in_period_zh"),
    "di": ("fyq_ctx_zh", "bare_q"),
    "zhnum": ("bare_md", "bare_m", "bare_q"),
    "nian": ("bare_end",),
    "en": ("fyq_en", "fyq_en2", "fy_en", "fyq_ctx", "qy_en", "hy_en", "mdy_en", "my_en", "rel_en_q",
           "rel_en_h", "rel_en_qy", "the_q_en", "the_fy_en", "full_year_en", "rel_en_y", "past_year", "bare_q", "bare_q_en", "bare_h_en", "bare_m_en", "year_en"),
}
# anchors: Chinese words that start a relative period (a literal first character lets sre scan in C:
# 报告期内|期内 rather than (?:报告)?期内, whose optional head made sre try the whole pattern at every
# character), digits and Chinese numerals, and the first letter of a Latin word
_ANCHOR_ZH = re.compile(r"中期|报告期内|期内|今年|本[年季月财]|当[年季月]|去年|上[半一个月季年]|前[半年0-9一二三四五六七八九十]|明年|这[一个]|过去"
                        r"|近一|下半|后半|全年|年[底末初内]|第|截[至止]")
_ANCHOR_NUM = re.compile(r"[0-9](?<![0-9.][0-9])(?:(?=[0-9]{3}[^0-9])|(?=[0-9]{0,1}[ \t]*[月季qh]))")
_ANCHOR_ZHNUM = re.compile(r"[一二三四五六七八九十](?<![一二三四五六七八九十第][一二三四五六七八九十])"
                           r"(?=[一二三四五六七八九十]?[ \t]*[月季])")
_MONTH_WORDS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_ANCHOR_EN = re.compile(r"(?:f(?:iscal|y|irst|ourth|or|ull)|q[1-4]|h[12]|s(?:econd|ept?)|t(?:hird|his|he|railing|hrough)"
                        r"|l(?:ast)|n(?:ext|ov)|p(?:ast)|i(?:n|ts)|o(?:f|ct)|d(?:uring|ec)|b(?:y)|u(?:ntil)"
                        r"|c(?:alendar)|y(?:ear)|e(?:nd)|o(?:ver)|w(?:hole)|a(?:pr|ug|[ \t]year)|j(?:an|un|ul)|m(?:ar|ay)"
                        r"|feb)")
# common words that start a period only when a year, month or ordinal follows
_EN_WEAK = re.compile(r"(?:the|in|of|by|during|through|until|end|year|calendar|for|since|its|their|over)\b")
_EN_FOLLOW = re.compile(r"[a-z]+[ \t]+(?:the[ \t]+)?(?:(?:year|end[ \t]of)[ \t]+)?(?:(?:19|20)\d\d|first|second"
                        r"|third|fourth|previous|prior|latest|quarter\b|three months|full|whole|entire|fiscal year|"
                        + _MONTH_WORDS + r")")
_ZHNUM = "一二三四五六七八九十"
_REL_NEXT = {"中": "期", "期": "内", "报": "告", "今": "年", "本": "年季月财", "当": "年季月", "去": "年", "上": "半一个月季年", "前": "半年0123456789一二三四五六七八九十",
             "明": "年", "这": "一个", "过": "去", "近": "一", "下": "半", "后": "半", "全": "年", "年": "底末初内"}
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ０１２３４５６７８９", "abcdefghijklmnopqrstuvwxyz0123456789")


def _lower_pattern(rx: str) -> str:
    return rx.lower().replace("(?p<", "(?P<")


@lru_cache(maxsize=1)
def _group_regexes() -> dict[str, re.Pattern]:
    table = dict(_PATTERNS)
    return {g: re.compile("|".join(f"(?P<{k}>{_lower_pattern(table[k])})" for k in kinds), re.A)
            for g, kinds in _GROUPS.items()}


def _anchors(low: str) -> list[int]:
    """Positions where a period expression may start, in order."""
    out = [m.start() for m in _ANCHOR_ZH.finditer(low)]
    out += [m.start() for m in _ANCHOR_NUM.finditer(low)]
    out += [m.start() for m in _ANCHOR_ZHNUM.finditer(low)]
    for m in _ANCHOR_EN.finditer(low):
        i = m.start()
        if i and (low[i - 1].isalnum() and low[i - 1].isascii()):
            continue
        if _EN_WEAK.match(low, i) and not _EN_FOLLOW.match(low, i):
            continue
        out.append(i)
    out.sort()
    return out


def _group_for(low: str, i: int) -> Optional[str]:
    """Which pattern group can start at low[i]; None when nothing can (most characters)."""
    ch = low[i]
    nxt = low[i + 1:i + 2]
    if ch.isdigit():
        if ch in "12" and low[i:i + 4].isdigit() and low[i:i + 2] in ("19", "20") and \
                not low[i + 4:i + 5].isdigit():
            return "year"
        return "digit"
    if ch.isascii():
        return "en"
    if ch in _ZHNUM:
        return "zhnum" if ("月" in low[i + 1:i + 4] or "季" in low[i + 1:i + 3]) else None
    if ch == "截":
        return "jie"
    if ch == "第":
        return "di"
    allowed = _REL_NEXT.get(ch)
    if allowed is None or not nxt or nxt not in allowed:
        return None
    if ch in "年全":
        return "nian"
    return "rel"


def _year(s: str) -> int:
    y = int(s)
    return y + 2000 if y < 100 else y


def _zh_month(s: str) -> Optional[int]:
    if s.isdigit():
        m = int(s)
    else:
        m = _ZH_MONTH.get(s, 0)
    return m if 1 <= m <= 12 else None


def _en_month(s: str) -> Optional[int]:
    return _MONTHS.get(s.lower().rstrip("."))


def _pub(published: Optional[str]) -> Optional[tuple[int, int, int]]:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        m2 = re.match(r"(\d{4})", published)
        return (int(m2.group(1)), 0, 0) if m2 else None
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def _half(s: str) -> Optional[str]:
    if s in ("上半年", "前半年", "上半财年", "H1", "h1", "前6个月", "前六个月", "first", "1"):
        return "H1"
    if s in ("下半年", "后半年", "下半财年", "H2", "h2", "second", "2"):
        return "H2"
    return None  # 前三季度 / 前9个月: no SPEC shape


def _shift_quarter(y: int, q: int, d: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + d
    return k // 4, k % 4 + 1


def _shift_month(y: int, m: int, d: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + d
    return k // 12, k % 12 + 1


def _fiscal_year(q: int, pub: Optional[tuple[int, int, int]]) -> Optional[int]:
    """The fiscal year of "the fiscal third quarter" in a report published on `pub`.

    Fiscal years are named for the calendar year they end in, and a quarter is reported about a
    month after it closes: the year ends 3*(4-q) months after that quarter (Nvidia's Q3 to October
    2025 is FY2026; Microsoft's Q1 to September 2025 is FY2026)."""
    if not pub or not pub[1]:
        return None
    quarter_end = pub[0] * 12 + (pub[1] - 1) - 1
    return (quarter_end + 3 * (4 - q)) // 12


def _resolve(kind: str, g: dict, ctx_year: Optional[int], pub: Optional[tuple[int, int, int]]
             ) -> tuple[Optional[str], bool, bool]:
    """(period, explicit_year, carry) for one match."""
    pub_year = pub[0] if pub else None
    if kind == "qend":
        y, m = int(g["qe_y"]), int(g["qe_m"])
        return f"{y}Q{(m - 1) // 3 + 1}", True, False
    if kind == "fyq":
        return f"FY{g['fyq_y']}Q{_ZHQ[g['fyq_q'] or g['fyq_q2']]}", True, False
    if kind == "fyq_en":
        q = _ENQ[g["fe_o"].lower()] if g["fe_o"] else int(g["fe_q"])
        return f"FY{_year(g['fe_y'])}Q{q}", True, False
    if kind == "fyq_en2":
        q = _ENQ[g["fe2_o"].lower()] if g["fe2_o"] else int(g["fe2_q"])
        return f"FY{_year(g['fe2_y'])}Q{q}", True, False
    if kind == "fy":
        return f"FY{g['fy_y']}", True, False
    if kind == "fy_en":
        return f"FY{_year(g['fye_y'])}", True, False
    if kind == "rel_en_qy":
        if pub_year is None:
            return None, False, False
        y = pub_year + {"this": 0, "last": -1, "next": 1}[g["reqy_r"].lower()]
        return f"{y}Q{_ENQ[g['reqy_o'].lower()]}", True, False
    if kind == "the_q_en":  # "in the quarter": the quarter in context, the published one by default
        if not pub or not pub[1]:
            return None, False, True
        return f"{pub[0]}Q{(pub[1] - 1) // 3 + 1}", False, True
    if kind == "full_year_en":
        return (str(ctx_year) if ctx_year else None), False, True
    if kind == "the_fy_en":
        return None, False, True  # the fiscal year in context (see metrics)
    if kind == "interim_zh":
        return (f"{ctx_year}H1" if ctx_year else None), False, False
    if kind == "in_period_zh":
        return None, False, True  # the period in context (see metrics)
    if kind in ("fyq_ctx", "fyq_ctx_zh"):
        q = _ENQ[g["fc_o"].lower()] if kind == "fyq_ctx" else _ZHQ[g["fcz"]]
        fy = _fiscal_year(q, pub) or ctx_year
        return (f"FY{fy}Q{q}" if fy else None), False, False
    if kind == "yq":
        return f"{g['yq_y']}Q{_ZHQ[g['yq_q'] or g['yq_q2']]}", True, False
    if kind == "yh":
        h = _half(g["yh_h"])
        return (f"{g['yh_y']}{h}" if h else None), True, False
    if kind == "ymd":
        return f"{g['ymd_y']}-{int(g['ymd_m']):02d}-{int(g['ymd_d']):02d}", True, False
    if kind == "ym":
        m = _zh_month(g["ym_m"])
        return (f"{g['ym_y']}-{m:02d}" if m else None), True, False
    if kind == "y":
        return g["y_y"], True, False
    if kind == "iso_date":
        return f"{g['iso_y']}-{g['iso_m']}-{g['iso_d']}", True, False
    if kind == "qy_en":
        q = _ENQ[g["qe_o"].lower()] if g["qe_o"] else int(g["qe_q"])
        return f"{g['qe_yy']}Q{q}", True, False
    if kind == "qy_en2":
        return f"{_year(g['qn_y'])}Q{g['qn_q']}", True, False
    if kind == "hy_en":
        h = "H1" if (g["he_o"] or "").lower() == "first" or g["he_h"] == "1" else "H2"
        return f"{g['he_y']}{h}", True, False
    if kind == "hy_en2":
        return f"{_year(g['hn_y'])}H{g['hn_h']}", True, False
    if kind == "mdy_en":
        m = _en_month(g["mde_m"])
        return f"{g['mde_y']}-{m:02d}-{int(g['mde_d']):02d}", True, False
    if kind == "my_en":
        return f"{g['me_y']}-{_en_month(g['me_m']):02d}", True, False
    if kind == "relz":
        if pub_year is None:
            return None, False, False
        y = pub_year + _REL_YEAR[g["rel"]]
        if g["rel_q"]:
            return f"{y}Q{_ZHQ[g['rq'] or g['rq2']]}", True, False
        if g["rel_h"]:
            h = _half(g["rh"])
            return (f"{y}{h}" if h else None), True, False
        if g["rel_md"]:
            m = _zh_month(g["rm"])
            return (f"{y}-{m:02d}-{int(g['rd']):02d}" if m else None), True, False
        if g["rel_m"]:
            m = _zh_month(g["rm2"])
            return (f"{y}-{m:02d}" if m else None), True, False
        return str(y), True, False
    if kind == "rel_en_q":
        if not pub:
            return None, False, False
        q = (pub[1] - 1) // 3 + 1 if pub[1] else 1
        d = 0 if g["req"].lower() == "this" else 1 if g["req"].lower() == "next" else -1
        y2, q2 = _shift_quarter(pub[0], q, d)
        return f"{y2}Q{q2}", True, False
    if kind == "rel_en_h":
        if pub_year is None:
            return None, False, False
        y = pub_year + {"this": 0, "last": -1, "next": 1}[g["reh_r"].lower()]
        return f"{y}{'H1' if g['reh_o'].lower() == 'first' else 'H2'}", True, False
    if kind == "rel_en_y":
        if pub_year is None:
            return None, False, False
        return str(pub_year + _REL_YEAR[g["rey"].lower()]), True, False
    if kind == "past_year":  # a trailing twelve months: no SPEC shape (not last year)
        return None, True, False
    if kind == "rel_q_zh":
        if not pub or not pub[1]:
            return None, False, True
        w = g["rqz"]
        q = (pub[1] - 1) // 3 + 1
        if w in ("当季度", "这一季度", "本季度", "本财季", "当季"):
            return f"{pub[0]}Q{q}", False, True  # the quarter in context; the published one by default
        y2, q2 = _shift_quarter(pub[0], q, -1)
        return f"{y2}Q{q2}", True, False
    if kind == "rel_m_zh":
        if not pub or not pub[1]:
            return None, False, False
        w = g["rmz"]
        if w == "当月":
            return None, False, True
        y2, m2 = _shift_month(pub[0], pub[1], -1 if w.startswith("上") else 0)
        return f"{y2}-{m2:02d}", True, False
    # no year written
    if kind == "bare_q":
        return (f"{ctx_year}Q{_ZHQ[g['bq'] or g['bq2']]}" if ctx_year else None), False, False
    if kind == "bare_h":
        h = _half(g["bh"])
        if h is None:  # 前三季度: a cumulative period, written but not expressible
            return None, True, False
        return (f"{ctx_year}{h}" if ctx_year else None), False, False
    if kind == "bare_md":
        m = _zh_month(g["bmd_m"])
        return (f"{ctx_year}-{m:02d}-{int(g['bmd_d']):02d}" if ctx_year and m else None), False, False
    if kind == "bare_m":
        m = _zh_month(g["bm_m"])
        return (f"{ctx_year}-{m:02d}" if ctx_year and m else None), False, False
    if kind == "bare_end":
        return (str(ctx_year) if ctx_year else None), False, g["be"] == "全年"
    if kind == "bare_q_en":
        return (f"{ctx_year}Q{_ENQ[g['bqe_o'].lower()]}" if ctx_year else None), False, False
    if kind == "bare_h_en":
        return (f"{ctx_year}{'H1' if g['bhe_o'].lower() == 'first' else 'H2'}" if ctx_year else None), \
            False, False
    if kind == "bare_m_en":
        m = _en_month(g["bme_m"])
        return (f"{ctx_year}-{m:02d}" if ctx_year and m else None), False, False
    if kind == "year_en":
        return g["ye_y"], True, False
    return None, False, False


# what ties an end date to the period just named: 第2季（截至7月27日）, quarter ended Oct. 26
_ENDING = re.compile(r"[ \t]*[,，]?[ \t]*[（(]?[ \t]*(?:截[至止]|(?:that[ \t]|which[ \t])?end(?:ed|ing)(?:[ \t]on|[ \t]in)?)"
                     r"[ \t]*")
# a period without a year that lies after the publication date is last year's, unless the text
# looks ahead (expects, 预计, guidance)
_BARE_KINDS = frozenset({"bare_q", "bare_h", "bare_md", "bare_m", "bare_q_en", "bare_h_en", "bare_m_en"})
# 将 before a verb (将推出, 将达到) looks ahead; before a noun it marks the object (将价格降至)
_FUTURE = re.compile(r"预计|预期|预估|预测|展望|指引|将(?=[于会在达要推发上实开启进继增提迎有成突超降])|即将|计划|有望|目标"
                     r"|expect|forecast"
                     r"|projected|guidance|outlook|w(?<!\ww)ill\b|p(?<!\wp)lans?\b|to reach|n(?<!\wn)ext\b|明年|下一?季|下半年")
# (`w(?<!\ww)ill` is `\bwill` with the word-start check after the first letter: a pattern whose
# alternatives all begin with a character lets sre skip to candidate positions, `\b` first does not)
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?:\s|$)")
_QUARTER_KINDS = {"bare_q": ("bq", "bq2"), "bare_q_en": ("bqe_o",), "fyq_ctx": ("fc_o",), "fyq_ctx_zh": ("fcz",)}


def _bare_quarter(kind: str, g: dict) -> Optional[int]:
    """The quarter number of a quarter written without a calendar year, else None."""
    names = _QUARTER_KINDS.get(kind)
    if names is None:
        return None
    for n in names:
        v = g.get(n)
        if v:
            return _ENQ.get(v.lower()) or _ZHQ.get(v)
    return None


def _in_forecast(low: str, s: int, e: int) -> bool:
    """Is the period at [s, e) named in a forecast? Forecast words within 40 characters, in its
    own sentence."""
    a = max(0, s - 40)
    for m in _SENTENCE_END.finditer(low, a, s):
        a = m.end()
    b = min(len(low), e + 40)
    m = _SENTENCE_END.search(low, e, b)
    return _FUTURE.search(low, a, m.start() if m else b) is not None


_CALENDAR = re.compile(r"(\d{4})(?:Q([1-4])|H([12])|-(\d{2})(?:-\d{2})?)?")


def _start_month(period: str) -> Optional[tuple[int, int]]:
    """(year, first month) of a calendar period: 2025Q3 -> (2025, 7), 2025-12 -> (2025, 12)."""
    m = _CALENDAR.fullmatch(period)
    if m is None:
        return None
    y = int(m.group(1))
    if m.group(2):
        return y, 3 * int(m.group(2)) - 2
    if m.group(3):
        return y, 1 if m.group(3) == "1" else 7
    if m.group(4):
        return y, int(m.group(4))
    return y, 1


def _after(period: str, pub: Optional[tuple[int, int, int]]) -> bool:
    """Does the period begin after the publication month?"""
    if not pub or not pub[1]:
        return False
    start = _start_month(period)
    return start is not None and start > (pub[0], pub[1])


_QUARTER_PERIOD = re.compile(r"(FY)?(\d{4})Q([1-4])")


def previous_quarter(period: str) -> str:
    """The quarter before a quarter period (2025Q1 -> 2024Q4, FY2026Q2 -> FY2026Q1); other
    periods unchanged."""
    m = _QUARTER_PERIOD.fullmatch(period)
    if m is None:
        return period
    y, q = _shift_quarter(int(m.group(2)), int(m.group(3)), -1)
    return f"{m.group(1) or ''}{y}Q{q}"


def is_quarter(period: str) -> bool:
    return _QUARTER_PERIOD.fullmatch(period) is not None


def year_before(period: str) -> str:
    """The same period a year earlier: 2025Q3 -> 2024Q3, FY2026Q2 -> FY2025Q2, 2025-06 -> 2024-06."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) - 1), period, count=1)


def year_of(period: str) -> str:
    """The year a period lies in, in the same calendar: 2024Q4 -> 2024, FY2026Q2 -> FY2026."""
    return re.sub(r"(?:Q[1-4]|H[12]|-\d\d(?:-\d\d)?)$", "", period)


_BARE_ZH_MONTH_GUARD = re.compile(r"[个几数每半一两三四五六七八九十\d]$")


def find_periods(text: str, published: Optional[str] = None) -> list[PeriodMention]:
    """Every period expression in `text`, in order, resolved as the module docstring says."""
    pub = _pub(published)
    out: list[PeriodMention] = []
    ctx_year: Optional[int] = None
    para_start = 0
    low = text.lower()
    if len(low) != len(text):
        low = text.translate(_LOWER)
    groups = _group_regexes()
    pos = 0
    for i in _anchors(low):
        if i < pos:
            continue
        g = _group_for(low, i)
        if g is None:
            continue
        m = groups[g].match(low, i)
        if m is None:
            continue
        kind = m.lastgroup
        if kind is None:
            continue
        s, e = m.start(), m.end()
        pos = e
        if low.rfind("\n", para_start, s) >= 0:
            para_start = text.rfind("\n", 0, s) + 1
            ctx_year = None
        if kind in ("bare_m", "bare_md", "bare_q") and _BARE_ZH_MONTH_GUARD.search(low, max(0, s - 1), s):
            continue  # 3个月, 几月, 两季度: durations, not periods
        if kind == "bare_m" and text[e:e + 1] in ("份额",):
            continue
        if out and _ENDING.fullmatch(low, out[-1].end, s):
            continue  # 第2季（截至7月27日）, the fiscal quarter ended Oct. 26: the end of the one before
        g = m.groupdict()
        year_here = ctx_year if ctx_year is not None else (pub[0] if pub else None)
        period, explicit, carry = _resolve(kind, g, year_here, pub)
        future = _in_forecast(low, s, e)
        if ctx_year is None and period and kind in _BARE_KINDS and _after(period, pub) and not future:
            period = year_before(period)  # "in December", written in June: last December
        before = low[max(0, s - 6):s]
        is_base = bool(_BASE_BEFORE.search(before)) or bool(_BASE_AFTER.match(low, e)) or \
            (kind == "relz" and g.get("rel_end") == "同期") or \
            (kind == "rel_en_y" and g.get("rey") in _A_YEAR_EARLIER)  # from $360 million a year earlier
        if kind == "relz" and g.get("rel_end") == "以来":
            is_base = False
        out.append(PeriodMention(s, e, period, explicit, is_base, carry, kind, _bare_quarter(kind, g), future))
        if explicit and period:
            ctx_year = int(re.search(r"\d{4}", period).group(0))
    return out


def normalise_period(expr: str, published: Optional[str] = None) -> Optional[str]:
    """The SPEC period of one expression: `2025财年第三季度` -> `FY2025Q3`, `去年底` -> year-1."""
    found = [p for p in find_periods(expr, published) if p.period]
    if not found:
        return None
    return max(found, key=lambda p: p.end - p.start).period


_FISCAL_PATH = Path(__file__).resolve().parent.parent / "data" / "fiscal_years.csv"


@lru_cache(maxsize=4)
def fiscal_year_ends(path: Optional[str] = None) -> dict[str, int]:
    """company id -> the month its fiscal year ends, for companies whose year does not end in
    December (`nlp/data/fiscal_years.csv`, or `$NLP_FISCAL_YEARS`)."""
    p = Path(path or os.environ.get("NLP_FISCAL_YEARS") or _FISCAL_PATH)
    out: dict[str, int] = {}
    with open(p, encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            month = int(row["end_month"])
            if not 1 <= month <= 12:
                raise ValueError(f"{p}: end_month of {row['company']} is not 1-12")
            if month != 12:
                out[row["company"].strip()] = month
    return out


def fiscal_quarter(quarter: int, end_month: int, published: Optional[str]) -> Optional[str]:
    """`FY2026Q3` for "the third quarter" of a company whose fiscal year ends in `end_month`, as
    written on `published`: the fiscal year whose that quarter ends within nine months before or
    three months after publication (results are reported after a quarter closes; a forecast is for
    the quarter under way or the next)."""
    pub = _pub(published)
    if not pub or not pub[1]:
        return None
    now = pub[0] * 12 + pub[1] - 1  # months since year 0
    for fy in range(pub[0] - 1, pub[0] + 3):
        q_end = fy * 12 + end_month - 1 - 3 * (4 - quarter)
        if now - 9 < q_end <= now + 3:
            return f"FY{fy}Q{quarter}"
    return None
