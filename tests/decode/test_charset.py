"""Decoding: BOM, declared charset when the bytes agree, detector otherwise."""
from __future__ import annotations

import codecs

from nlp.decode.charset import decode_bytes
from nlp.decode.html import looks_like_html

ZH = "百度智能云营收同比增长42%，豆包月活突破1.5亿，API价格降至每百万tokens 0.8元。" * 3
TW = "輝達與台積電公布營收，年增逾三成，鴻海也受惠於人工智慧伺服器需求。" * 3


def page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_utf8_declared():
    d = decode_bytes(page(ZH, "utf-8").encode("utf-8"))
    assert ZH in d.text and d.how == "declared"


def test_bom_wins():
    d = decode_bytes(codecs.BOM_UTF8 + page(ZH, None).encode("utf-8"))
    assert ZH in d.text and d.how == "bom" and not d.text.startswith("\ufeff")


def test_gbk_declared_gb2312():
    d = decode_bytes(page(ZH, "gb2312").encode("gbk"))
    assert ZH in d.text and d.encoding == "gb18030"


def test_gbk_labelled_utf8_is_detected():
    d = decode_bytes(page(ZH, "utf-8").encode("gbk"))
    assert ZH in d.text and d.how == "detected"


def test_big5_declared_and_undeclared():
    assert TW in decode_bytes(page(TW, "big5").encode("big5")).text
    assert TW in decode_bytes(TW.encode("big5")).text


def test_gb18030_only_character():
    text = ZH + "㐀䶵"
    assert text in decode_bytes(page(text, "gb18030").encode("gb18030")).text


def test_html_sniffed_by_content():
    assert looks_like_html(page(ZH, "utf-8"))
    seed_like = '• <blockquote id="uhf2o"></blockquote>\n<cite id="uhf2o"></cite>\n' + ZH * 10
    assert not looks_like_html(seed_like)
