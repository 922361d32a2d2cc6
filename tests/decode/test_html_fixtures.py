"""HTML pages built the way portals look (nav, sidebar, comments, footer, scripts) in UTF-8, GBK,
GB18030 and Big5: the article comes out, the chrome does not, metadata is read."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp.pipeline import get_pipeline
from nlp.settings import Settings

HTML = Path(__file__).resolve().parents[1] / "resources" / "html"
EXPECTED = json.loads((HTML / "expected.json").read_text(encoding="utf-8"))
_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub("", s)


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    pipe = get_pipeline(Settings(companies=False, metrics=False, monetization=False))
    return {name: pipe.analyze_bytes((HTML / name).read_bytes(), name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_body_and_metadata(records, name):
    exp, rec = EXPECTED[name], records[name]
    text = norm(rec["text"])
    assert [s for s in exp["must"] if norm(s) not in text] == []
    assert [s for s in exp["must_not"] if norm(s) in text] == []
    assert rec["input_format"] == "html"
    assert rec["language"] == exp["language"]
    assert rec["script"] == exp["script"]
    assert rec["published"] == exp["published"]
    assert norm(rec["title"] or "") == norm(exp["title"])


def test_encodings_give_the_same_body(records):
    base = records["sina_like_utf8.html"]["text"]
    assert records["sina_like_gbk.html"]["text"] == base
    assert records["sina_like_gbk_mislabeled.html"]["text"] == base
    assert records["udn_like_big5.html"]["text"] == records["udn_like_utf8.html"]["text"]
    assert records["sina_like_gbk_mislabeled.html"]["encoding"] == "gb18030"


def test_traditional_page_is_converted(records):
    rec = records["udn_like_big5.html"]
    assert rec["script"] == "traditional"
    assert rec["text_simplified"] != rec["text"]
    assert "台积电" in rec["text_simplified"] or "辉达" in rec["text_simplified"]
