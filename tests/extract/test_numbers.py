"""Number parsing: sentences taken verbatim from corpus/samples/seeds and corpus/articles."""
from __future__ import annotations

import pytest

from nlp.extract.numbers import find_numbers, parse_number, parse_zh_numeral
from nlp.script.convert import to_doc


def spans(text: str, lang: str = "zh") -> list[tuple[str, float, object, str, object]]:
    return [(text[n.start:n.end], n.value, n.value_max, n.kind, n.unit) for n in find_numbers(text, lang)]


def simp(text: str) -> str:
    return to_doc(text).text_simplified


@pytest.mark.parametrize("written,value", [
    ("三百亿", 3e10), ("两千万", 2e7), ("一百二十", 120.0), ("十亿", 1e9), ("三点五", 3.5), ("亿", 1e8),
])
def test_chinese_numerals(written: str, value: float) -> None:
    assert parse_zh_numeral(written) == pytest.approx(value)


@pytest.mark.parametrize("written,value", [
    ("1.2万亿", 1.2e12), ("三百亿", 3e10), ("47. 5万", 475000.0), ("1,234.5", 1234.5), ("$4.3 billion", 4.3e9),
    ("45%", 45.0), ("0.5%", 0.5), ("三成", 30.0), ("百分之四十二", 42.0),
])
def test_parse_number(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


def test_decimal_broken_by_a_space_and_restated_currency() -> None:
    # netease seed
    text = simp("據測算,DeepSeek理論上最高每天可盈利47. 5萬美元(折合人民幣約346萬元)。")
    got = spans(text)
    assert got[0][:2] == ("47. 5万美元", 475000.0) and got[0][4] == "USD"
    assert got[1][0] == "346万元" and got[1][4] == "CNY"


def test_scales_with_spaces() -> None:
    # netease seed: DeepSeek 2 月份活跃用户 1.57 亿，含网站(Web)近亿、应用(App) 6181 万
    text = simp("DeepSeek 2 月份活躍用戶 1.57 億,含網站(Web)近億、應用(App) 6181 萬")
    got = spans(text)
    assert [g[0] for g in got] == ["1.57 亿", "近亿", "6181 万"]
    assert [g[1] for g in got] == [pytest.approx(1.57e8), 1e8, 6.181e7]


@pytest.mark.parametrize("text,written,low,high,unit", [
    ("管理規模在500-600億元區間", "500-600亿元", 5e10, 6e10, "CNY"),  # netease seed
    ("其收入已然达到120至130亿美元的年化收入", "120至130亿美元", 1.2e10, 1.3e10, "USD"),  # double11 seed
    ("金额处在5.2元至399元的范围", "5.2元至399元", 5.2, 399.0, "CNY"),  # double11 seed
    ("Nvidia expects $3-4 billion", "$3-4 billion", 3e9, 4e9, "USD"),
])
def test_ranges(text: str, written: str, low: float, high: float, unit: str) -> None:
    got = spans(simp(text), "en" if text.isascii() else "zh")
    assert got[0][0] == written
    assert got[0][1] == pytest.approx(low) and got[0][2] == pytest.approx(high) and got[0][4] == unit


@pytest.mark.parametrize("text,unit", [
    ("ChatGPT最低的Plus会员费为每月20美元", "USD"), ("收费在30元/月左右", "CNY"),
    ("a 2.5 billion yuan round", "CNY"), ("HK$1.5bn", "HKD"), ("營收新台幣2.06兆元", "TWD"),
    ("€1.3 billion", "EUR"), ("US$20", "USD"), ("£5 million", "GBP"), ("RMB 10 billion", "CNY"),
    ("年化訂閱收入達 10 億美金", "USD"), ("計劃集資約40億港元", "HKD"),
])
def test_currencies(text: str, unit: str) -> None:
    got = [n for n in find_numbers(simp(text), "en" if text.isascii() else "zh") if n.kind == "money"]
    assert got and got[0].unit == unit


def test_tw_trillion() -> None:
    got = spans(simp("營收新台幣2.06兆元，年增11%"))
    assert got[0][1] == pytest.approx(2.06e12) and got[0][4] == "TWD"


@pytest.mark.parametrize("text,value,qualifier", [
    ("去年年末,階躍星辰宣布完成數億美元的 B 輪融資", 1e8, "over"),  # netease seed
    ("前者打造了月營收過億的 AI 應用", 1e8, "over"),  # zaker seed
    ("年度研發投入均維持在百億級以上", 1e10, "over"),  # zaker seed
    ("成本直接達到上百美元", 100.0, "over"),  # jiemian seed
    ("以前調用一次要幾毛錢", 0.1, "over"),
    ("會員費能達到90多億美元", 9e9, "over"),  # jiemian seed
    ("訓練成本已從2020年的數百萬美元激增至2025年的3億美元以上", 1e6, "over"),  # jiemian seed
])
def test_vague_amounts(text: str, value: float, qualifier: str) -> None:
    got = find_numbers(simp(text))
    assert got[0].value == pytest.approx(value) and got[0].qualifier == qualifier


@pytest.mark.parametrize("text", [
    "目前QwQ-32B模型成功登頂全球開源社區榜首",  # netease seed: model names
    "OpenAI的GPT-4、百度的文心一言、谷歌的Gemini",
    "GPU霸主英偉達憑借H100/H200芯片",
    "假設公司旗下大模型V3和R1的推理服務",
    "開源了14B和1.3B兩個參數規格的全部推理代碼",
    "2月10日,字節跳動豆包大模型團隊",  # dates
    "百川智能成立于2023年3月",
    "2025-06-13 19:19:58",  # page chrome timestamps
    "選取了近兩年在 AI 上持續加碼的九家公司",  # counts of things
    "全球開發者用三個月時間就將其迭代出金融、醫療等20個垂直版本",
    "位居蘋果中國區應用商店免費App下載排行榜第一",  # ordinals
    "01 變現新探索:廣告不好做,電商或許可行",  # list numbering: bare, never a figure kind
    "股價一度升至 70.55 元 / 股",  # share price
    "2.19美元/百萬輸出tokens",  # the 百万 of the per unit
    "僅需一元錢就能處理 284 張 720P 精度的圖片",
])
def test_not_quantities(text: str) -> None:
    got = find_numbers(simp(text), "zh")
    assert all(n.kind in ("plain",) for n in got if n.unit != "USD"), got
    assert not any(n.kind == "plain" and n.value in (2025, 2023) for n in got)


def test_percent_points_and_times() -> None:
    got = find_numbers(simp("毛利率為74.6%,同比上漲0.6個百分點。增長約66倍"))
    assert [(n.kind, n.value) for n in got] == [("percent", 74.6), ("pp", 0.6), ("times", 66.0)]


def test_people() -> None:
    got = find_numbers("The company, which employs more than 350 people, plans to spend", "en")
    assert got[0].kind == "person" and got[0].value == 350
    got = find_numbers("Arcwise AI, a 40-person startup in Austin", "en")
    assert got[0].kind == "person" and got[0].value == 40
