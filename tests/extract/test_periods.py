"""Period normalisation: Chinese and English expressions, relative ones against `published`."""
from __future__ import annotations

import pytest

from nlp.extract.periods import find_periods, normalise_period

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
    ("过去一年", "2024"),
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
