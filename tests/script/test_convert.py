"""Script detection, OpenCC conversion and the alignment that maps spans back."""
from __future__ import annotations

import random

from nlp.script.align import Block, Alignment, align
from nlp.script.convert import char_level, to_doc, to_simplified
from nlp.script.detect import detect_language, detect_script


def test_language_and_script():
    assert detect_language("OpenAI generated $4.3 billion in revenue, said 豆包 users.") == "en"
    assert detect_language("豆包,開始“帶貨”了。ChatGPT 与 Walmart 合作") == "zh"
    assert detect_script("豆包們,開始“上鏈接”。騰訊元寶也在帶貨。") == "traditional"
    assert detect_script("豆包们,开始“上链接”。腾讯元宝也在带货。") == "simplified"
    assert detect_script("豆包们开始上链接,騰訊元寶與輝達、臺積電都在財報中") == "mixed"
    assert detect_script("OpenAI") is None


def test_traditional_is_converted_and_aligned():
    text = "輝達與台積電的營收成長,乾淨俐落。發布於 2025年6月13日"
    simp, al = to_simplified(text)
    assert simp == "辉达与台积电的营收成长,干净俐落。发布于 2025年6月13日"
    i = simp.index("台积电")
    s, e = al.to_source(i, i + 3)
    assert text[s:e] == "台積電"


def test_alignment_round_trips_on_a_seed():
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "corpus/samples/seeds/netease-deepseek-profit-myth-traditional.txt"
    text = seed.read_text(encoding="utf-8")
    simp, al = to_simplified(text)
    rng = random.Random(7)
    for _ in range(500):
        a = rng.randrange(0, len(simp) - 5)
        b = a + rng.randrange(1, 5)
        span = al.to_source(a, b)
        assert span is not None
        assert char_level(text[span[0]:span[1]]) == simp[a:b] or len(span) == 2


def test_alignment_refuses_to_guess_inside_a_rewritten_phrase():
    # a phrase conversion that changes length: 2 source chars became 3
    al = Alignment([Block(0, 2, 0, 3, exact=False), Block(2, 5, 3, 6)], 5, 6)
    assert al.to_source(0, 3) == (0, 2)
    assert al.to_source(1, 3) is None  # starts inside the rewritten phrase
    assert al.to_source(3, 6) == (2, 5)
    assert al.to_source(4, 5) == (3, 4)


def test_align_with_length_change():
    src = "甲乙丙丁戊"
    dst = "甲XYZ丁戊"  # 乙丙 -> XYZ
    al = align(src, dst)
    assert al.to_source(0, 1) == (0, 1)
    assert al.to_source(1, 4) == (1, 3)
    assert al.to_source(2, 4) is None
    assert al.to_source(4, 6) == (3, 5)


def test_doc_for_simplified_is_identity():
    doc = to_doc("豆包们,开始“上链接”。", published="2025-10-28")
    assert doc.script == "simplified" and doc.text_simplified == doc.text
    assert doc.alignment.to_source(0, 2) == (0, 2)
