"""The batch benchmark's page shells: a portal page's article is swapped for another one, the
chrome stays, and our extractor returns the new article, not the old one."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from page_shells import BODY, PageShells, fill, make_shell  # noqa: E402

from nlp.decode.html import extract_html  # noqa: E402
from nlp.decode.reader import to_page  # noqa: E402

HTML = ROOT / "tests" / "resources" / "html"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_shell_swaps_the_article_and_keeps_the_chrome():
    page = to_page((HTML / "sina_like_gbk.html").read_bytes(), "sina_like_gbk.html").text
    shell = make_shell("sina", page)
    assert shell is not None and shell.language == "zh"
    assert shell.html.count(BODY) == 1
    assert "百度今日发布2025年第二季度财报" not in shell.html  # the page's own article is gone
    assert "网友评论" in shell.html  # its comment widget is not
    title, body = "测试标题：大模型公司营收", "第一段：某公司营收同比增长42%，达到65亿元。\n第二段：另一家公司亏损收窄至3亿元，订阅用户超过一千万。"
    filled = fill(shell, title, body, "2025-03-04")
    got = extract_html(filled)
    assert got is not None
    assert _squash("第一段：某公司营收同比增长42%，达到65亿元。") in _squash(got.text)
    assert "百度今日发布" not in got.text
    assert 'content="2025-03-04"' in filled and title in filled
    assert re.search(r'charset="?gbk', filled, re.I) is None  # written as UTF-8, declared as such


def test_shells_keep_only_pages_that_give_the_article_back(tmp_path):
    for name in ("sina_like_utf8.html", "en_techcrunch_like.html", "udn_like_big5.html"):
        (tmp_path / name).write_bytes((HTML / name).read_bytes())
    (tmp_path / "nav_only.html").write_text(
        "<html><head><title>x</title></head><body>" + "".join(f"<a href='/{i}'>链接{i}</a>" for i in range(50))
        + "</body></html>", encoding="utf-8")
    zh = ("大模型公司营收", "某公司营收同比增长42%，达到65亿元，创历史新高。\n" * 3
          + "另一家公司亏损收窄至3亿元，订阅用户超过一千万，广告收入增长19%。")
    en = ("AI revenue", "The company said revenue rose 15% to $64.7 billion in the quarter, beating forecasts.\n"
          "Cloud revenue grew 29%, and subscriptions to its assistant passed ten million users this year.")
    shells = PageShells([tmp_path], {"zh": zh, "en": en})
    names = {s.name for ss in shells.by_lang.values() for s in ss}
    assert "nav_only.html" not in names
    assert {"sina_like_utf8.html", "en_techcrunch_like.html"} <= names
    assert shells.summary()["rejected"] >= 1
    page = shells.wrap("en", *en, random.Random(1))
    assert "revenue rose 15%" in page
