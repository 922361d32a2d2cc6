"""Period normalisation: Chinese and English expressions, relative ones against `published`."""
from __future__ import annotations

import pytest

from nlp.extract.periods import find_periods, fiscal_quarter, fiscal_year_ends, normalise_period

PUB = "2025-10-28"


@pytest.mark.parametrize("expr,period", [
    ("2024年", "2024"), ("2024 年", "2024"), ("2025 年 Q1", "2025Q1"), ("2025年第一季度", "2025Q1"),
    ("2025財年第三季度".replace("財", "财"), "FY2025Q3"), ("2026 财年第一季度", "FY2026Q1"),
    ("2025财年Q2", "FY2025Q2"), ("2025 财年", "FY2025"), ("2025年上半年", "2025H1"),
    ("2025年2月", "2025-02"), ("2024年12月31日", "2024-12-31"), ("截至 2025 年 3 月底", "2025-03"),
    ("截至2024年12月31日的季度", "2024Q4"),
    ("first half of 2025", "2025H1"), ("Q2 2025", "2025Q2"), ("FY2025 Q3", "FY2025Q3"),
    ("fiscal 2025", "FY2025"), ("1Q25", "2025Q1"), ("H1 2025", "2025H1"), ("June 30, 2025", "2025-06-30"),
    ("the third quarter of 2024", "2024Q3"), ("in 2024", "2024"),
])
def test_absolute(expr: str, period: str) -> None:
    assert normalise_period(expr, PUB) == period
    assert normalise_period(expr, None) == period


@pytest.mark.parametrize("expr,period", [
    ("今年", "2025"), ("去年", "2024"), ("去年底", "2024"), ("去年年末", "2024"), ("今年上半年", "2025H1"),
    ("今年前6个月", "2025H1"), ("今年3月", "2025-03"), ("去年 7 月", "2024-07"), ("第二季度", "2025Q2"),
    ("Q1", "2025Q1"), ("上半年", "2025H1"), ("截至6月", "2025-06"), ("年底", "2025"),
    ("this year", "2025"), ("last year", "2024"), ("last quarter", "2025Q3"), ("上一季度", "2025Q3"),
    ("the fourth quarter of last year", "2024Q4"), ("its 2025 capital expenditure", "2025"),
])
def test_relative(expr: str, period: str) -> None:
    assert normalise_period(expr, PUB) == period


@pytest.mark.parametrize("expr", ["今年", "去年底", "this year", "last quarter", "今年上半年"])
def test_relative_without_a_date_is_unknown(expr: str) -> None:
    assert normalise_period(expr, None) is None


def test_year_of_context_for_a_bare_quarter() -> None:
    # zaker seed: `2025 年 Q1 其总营收 47 亿…Q1 净亏损 2 亿` (same paragraph)
    text = "2025 年 Q1 其总营收 47 亿，同比增长 27.7%。只不过，由于 AI 研发投入较大，Q1 净亏损 2 亿。"
    got = [p.period for p in find_periods(text, None)]
    assert got == ["2025Q1", "2025Q1"]


def test_comparison_base() -> None:
    # jiemian seed: 比去年全年营收高出约16%
    got = find_periods("其在2025年上半年的营收约为43亿美元，比去年全年营收高出约16%", PUB)
    assert [(p.period, p.is_base) for p in got] == [("2025H1", False), ("2024", True)]


def test_durations_are_not_periods() -> None:
    assert find_periods("全球开发者用三个月时间", PUB) == []
    assert find_periods("停薪资、停社保已经超过3个月", PUB) == []


@pytest.mark.parametrize("expr", ["过去一年", "过去四个季度", "past 12 months", "今年前三季度", "前三季",
                                  "今年前十月", "2025年前9个月"])
def test_cumulative_and_trailing_periods_have_no_shape(expr: str) -> None:
    # SPEC has no shape for nine months or a trailing year; the year alone would merge them with
    # full-year figures in the facts view
    assert normalise_period(expr, PUB) is None


def test_fiscal_year_words_of_taiwan_and_hong_kong() -> None:
    # tw-nvidia-tsmc-revenue: the parenthesised end date belongs to the quarter, not a period of its own
    text = "辉达（NVIDIA）27日美股盘后公布2026会计年度第2季（截至7月27日）财报，营收达467亿美元"
    assert [(text[p.start:p.end], p.period) for p in find_periods(text, "2025-08-28")] == [
        ("2026会计年度第2季", "FY2026Q2")]
    text = "The company expects revenue of $65 billion for the fiscal fourth quarter ending in January, compared"
    assert [p.kind for p in find_periods(text, "2025-11-20")] == ["fyq_ctx"]


def test_a_month_after_publication_without_a_year_is_last_years() -> None:
    # en-perplexity-ads-funding, published 2025-06-12
    assert normalise_period("was valued at $9 billion in December.", "2025-06-12") == "2024-12"
    # ... unless the text looks ahead (tw-nvidia-tsmc-revenue: 展望第3季)
    assert normalise_period("12月份将推出新模型", "2025-03-01") == "2025-12"
    assert normalise_period("in its previous round in June 2024.", "2025-06-12") == "2024-06"
    # 将 as the object marker is not a forecast, nor is a forecast in the sentence before
    text = "12月，阿里云将通义千问的价格降至每百万tokens 0.3元。"
    assert [p.period for p in find_periods(text, "2025-06-12")] == ["2024-12"]
    text = "公司预计盈利大增。12月，营收达到10亿元。"
    assert [p.period for p in find_periods(text, "2025-06-12")][-1] == "2024-12"


def test_interim_and_context_periods() -> None:
    text = "商汤集团昨日公布截至今年6月底止中期业绩，收入23.58亿元"
    assert [p.period for p in find_periods(text, "2025-08-28")][-1] == "2025H1"
    assert find_periods("中期目标是盈利", "2025-08-28") == []
    for expr in ("期内经调整亏损", "in the quarter", "for the fiscal year", "for the full year"):
        assert [p.carry for p in find_periods(expr, "2025-08-28")] == [True], expr


def test_fiscal_quarter_of_a_company() -> None:
    assert fiscal_year_ends()["nvidia"] == 1 and "tencent" not in fiscal_year_ends()
    assert fiscal_quarter(3, 1, "2025-11-20") == "FY2026Q3"  # reported after it closed in October
    assert fiscal_quarter(4, 1, "2025-11-20") == "FY2026Q4"  # the forecast for the quarter to January
    assert fiscal_quarter(4, 6, "2025-07-31") == "FY2025Q4"  # Microsoft's June quarter
    assert fiscal_quarter(2, 3, "2025-11-25") == "FY2026Q2"  # Alibaba's September quarter
    assert fiscal_quarter(2, 3, None) is None


def test_every_fiscal_calendar_names_a_company_of_the_kb() -> None:
    from nlp.extract.kb import KnowledgeBase

    kb = KnowledgeBase.cached()
    unknown = [c for c in fiscal_year_ends() if c not in kb]
    assert unknown == [], unknown
