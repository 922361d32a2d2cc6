"""`nlp show` and `nlp report` without a browser: markup, nesting, escaping, errors, self-containment."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from nlp.view.article_page import Span, collect_spans, render_article, render_range, render_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "samples" / "seeds"
TRADITIONAL = SEEDS / "jiemian-doubao-links-traditional.txt"
VOID = {"meta", "br", "input", "link", "img", "hr", "wbr"}  # HTML void elements; SVG uses />


def run_nlp(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)


def build_dataset(base: Path) -> Path:
    """The sample corpus plus one exact copy and one broken file, through the real `nlp batch`.

    Built once per session under pytest's base temp dir and shared with tests/view/test_browser.py.
    """
    db = base / "view-dataset" / "corpus.duckdb"
    if db.exists():
        return db
    extra = base / "view-dataset" / "extra"
    extra.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEEDS / "tmtpost-doubao-links.txt", extra / "tmtpost-doubao-links-copy.txt")
    (extra / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    tmp = db.with_name("building.duckdb")
    got = run_nlp("batch", "corpus/samples", "corpus/articles", str(extra), "--db", str(tmp), "--no-progress")
    assert tmp.exists(), got.stderr[-2000:]
    assert got.returncode in (0, 1), got.stderr[-2000:]  # 1: the broken file failed, as intended
    os.replace(tmp, db)
    return db


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dataset(tmp_path_factory.getbasetemp())


class Tree(HTMLParser):
    """Checks that every element closes in order, and collects text and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Tree:
    t = Tree()
    t.feed(markup)
    t.close()
    return t


def span(start: int, end: int, kind: str, ident: str) -> Span:
    return Span(start, end, kind, [ident], f"{kind} {ident}", {})


# -- the highlight renderer ------------------------------------------------------------------------
def test_nested_and_crossing_spans_stay_a_tree_and_keep_the_text() -> None:
    text = "ab<c>&d\"efghij"
    spans = [span(0, 10, "money", "m0"), span(2, 5, "company", "c0"), span(4, 12, "metric", "f0"),
             span(4, 12, "metric", "f1"), span(11, 14, "company", "c1")]
    out = render_range(text, spans, 0, len(text))
    tree = parse(out)
    assert not tree.errors and not tree.stack
    assert "".join(tree.text) == text  # nothing lost, nothing added, all escaped
    assert {tag for tag, _ in tree.tags} == {"span"} and "&lt;c" in out and "&amp;d&quot;" in out
    ids = [a["data-ids"] for tag, a in tree.tags if tag == "span"]
    assert ids[0] == "m0"  # the model evidence is the outer element
    assert "f0" in " ".join(ids) and "c1" in ids
    # the figure crosses the end of the model span: closed and reopened as a continuation
    conts = [a for tag, a in tree.tags if tag == "span" and "cont" in a["class"].split()]
    assert any(a["data-ids"] == "f0 f1" or "f0" in a["data-ids"] for a in conts)


def test_equal_spans_merge_and_inner_kinds_nest_inside_models() -> None:
    text = "豆包开始带货了"
    spans = [span(0, 7, "money", "m0"), span(0, 7, "money", "m1"), span(0, 2, "company", "c0")]
    rec = {"text": text, "companies": [{"id": "bytedance", "name_en": "ByteDance", "mentions": [
        {"text": "豆包", "start": 0, "end": 2, "via": "product", "product": "豆包"}]}],
        "metrics": [], "monetization": [
        {"model": "ecommerce", "company": "bytedance", "text": text, "start": 0, "end": 7},
        {"model": "advertising", "company": None, "text": text, "start": 0, "end": 7}]}
    merged, bad = collect_spans(rec)
    assert bad == 0
    assert len([s for s in merged if s.kind == "money"]) == 1
    money = next(s for s in merged if s.kind == "money")
    assert money.ids == ["m0", "m1"] and "ecommerce" in money.title and "advertising" in money.title
    out = render_range(text, merged, 0, len(text))
    assert out.index("hl-money") < out.index("hl-company")
    assert not parse(render_range(text, spans, 0, len(text))).errors


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab<&\"\n字", min_size=1, max_size=30), st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 12), st.sampled_from(("money", "metric", "company"))),
    max_size=8))
def test_any_spans_render_as_a_tree_without_losing_text(text: str, raw: list) -> None:
    spans = [span(a, min(a + n, len(text)), kind, f"x{i}") for i, (a, n, kind) in enumerate(raw)
             if a < len(text)]
    tree = parse(render_text(text, spans))
    assert not tree.errors and not tree.stack
    assert "".join(tree.text).replace("\n", "") == "".join(line for line in text.split("\n") if line.strip())


def test_paragraphs_split_spans_across_newlines() -> None:
    text = "first line\nsecond line"
    out = render_text(text, [span(6, 17, "money", "m0")])
    tree = parse(out)
    assert not tree.errors
    assert out.count("<p ") == 2 and out.count('data-ids="m0"') == 2
    assert "cont" in out.split("<p ")[2]


def test_offsets_outside_the_text_are_counted_not_rendered() -> None:
    rec = {"text": "short", "companies": [], "monetization": [],
           "metrics": [{"metric": "revenue", "value": 1.0, "unit": "USD", "start": 2, "end": 99}]}
    spans, bad = collect_spans(rec)
    assert spans == [] and bad == 1
    assert "offsets outside the text" in render_article(rec)


# -- the article page ------------------------------------------------------------------------------
def _record(script: str = "traditional", simplified: str = "豆包们开始带货") -> dict:
    text = "豆包們開始帶貨\n營收<b>約為43億美元</b>"
    return {
        "schema": "nlp.article/1", "doc_id": "x", "source": "a<b>.txt", "title": "T <script>alert(1)</script>",
        "published": "2025-10-28", "language": "zh", "script": script, "text": text,
        "text_simplified": simplified + text[7:] if script != "simplified" else text,
        "cleaning": {"spam_lines": 1, "boilerplate_lines": 2, "pinyin_annotations": 3},
        "companies": [{"id": "bytedance", "name_zh": "字节跳动", "name_en": "ByteDance",
                       "mentions": [{"text": "豆包", "start": 0, "end": 2, "via": "product", "product": "豆包"}]}],
        "metrics": [{"company": "openai", "metric": "revenue", "value": 4300000000.0, "unit": "USD",
                     "per": None, "period": "2025H1", "qualifier": "approx", "text": "約為43億美元",
                     "start": 13, "end": 20}],
        "monetization": [{"model": "ecommerce", "company": "bytedance", "text": "豆包們開始帶貨",
                          "start": 0, "end": 7, "score": 0.9}],
    }


def test_article_page_highlights_tooltips_toggle_and_audit() -> None:
    rec = _record()
    assert rec["text"][13:20] == "約為43億美元"
    removed = [("spam_lines", "色情<spam>"), ("boilerplate_lines", "掃一掃下載"), ("boilerplate_lines", "相關閱讀")]
    page = render_article(rec, removed)
    tree = parse(page)
    assert not tree.errors and not tree.stack
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>約為" not in page  # text is escaped, not interpreted
    spans = [a for tag, a in tree.tags if tag == "span" and "hl" in a.get("class", "").split()]
    kinds = {c for a in spans for c in a["class"].split() if c.startswith("hl-")}
    assert kinds == {"hl-company", "hl-metric", "hl-money"}
    metric_tip = next(a["title"] for a in spans if "hl-metric" in a["class"])
    for want in ("revenue", "4,300,000,000 USD", "period: 2025H1", "company: openai", "approx"):
        assert want in metric_tip
    money_tip = next(a["title"] for a in spans if "hl-money" in a["class"])
    assert "model: ecommerce" in money_tip and "ByteDance" in money_tip
    # the original and simplified views, the same length: both highlighted
    assert 'id="view-simplified"' in page and page.count('class="hl hl-money') == 2
    # cleaning audit: grouped by kind with counts, collapsed
    assert page.count("<details") == 2 and "2 lines" in page and "色情&lt;spam&gt;" in page
    assert "pinyin annotations" in page


def test_simplified_view_is_plain_when_lengths_differ() -> None:
    page = render_article(_record(simplified="豆包们开始带货了!"))
    simp = page.split('class="body view view-simplified"', 1)[1]
    assert "differs in length" in simp and 'class="hl' not in simp.split("</article>")[0]


def test_simplified_article_has_no_toggle() -> None:
    page = render_article(_record(script="simplified"))
    assert 'id="view-simplified"' not in page and "are the same" in page


def _no_external_references(page: str) -> None:
    tree = parse(page)
    for tag, attrs in tree.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        for key in ("src", "href", "action", "data"):
            value = attrs.get(key, "")
            assert not re.match(r"(?i)\s*(https?:|//|ftp:)", value), (tag, key, value)
        if tag == "script":
            assert "src" not in attrs
    csp = [a["content"] for t, a in tree.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]
    assert "@import" not in page and "url(" not in page.split("</style>")[0]


def test_show_cli_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    got = run_nlp("show", str(TRADITIONAL.relative_to(ROOT)), "-o", str(out))
    assert got.returncode == 0, got.stderr
    page = out.read_text(encoding="utf-8")
    _no_external_references(page)
    tree = parse(page)
    assert not tree.errors and not tree.stack
    for kind in ("hl-company", "hl-metric", "hl-money"):
        assert f"hl {kind}" in page
    assert "豆包們,開始“上鏈接”" in page and 'id="view-both"' in page
    assert "What cleaning removed" in page and "repeated copies of the body" in page


@pytest.mark.parametrize("content", [None, b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4])
def test_show_bad_input_is_one_line_naming_the_file(tmp_path: Path, content: bytes | None) -> None:
    bad = tmp_path / "bad input.html"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "page.html"
    got = run_nlp("show", str(bad), "-o", str(out))
    assert got.returncode == 1
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and lines[0].startswith("nlp: error:")
    assert not out.exists()


# -- the report page -------------------------------------------------------------------------------
def test_report_cli_renders_the_dataset(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    got = run_nlp("report", "--db", str(dataset), "-o", str(out))
    assert got.returncode == 0, got.stderr
    page = out.read_text(encoding="utf-8")
    _no_external_references(page)
    tree = parse(page)
    assert not tree.errors and not tree.stack, tree.errors[:3]
    for section in ("figures", "disputes", "models", "timeline", "reposts", "errors"):
        assert f'id="{section}"' in page
    charts = page.count('class="fact-chart"')
    assert charts >= 5 and page.count('<circle class="mark') >= charts
    assert 'data-company="openai" data-metric="revenue"' in page
    assert "⚑" in page and "disputed" in page  # the sample corpus has disagreeing sources
    assert page.count('class="cell mark') >= 10  # the heatmap
    assert page.count('<rect class="mark"') >= 10  # models per month
    assert "tmtpost-doubao-links-copy.txt" in page and "exact copy" in page
    assert "jiemian-doubao-links-traditional.txt" in page and "near-duplicate" in page
    assert "broken.html" in page and "binary file" in page
    # counts: every input, one failure, one exact copy
    stats = page.split('id="counts">', 1)[1].split("</ul>", 1)[0]
    import duckdb

    with duckdb.connect(str(dataset), read_only=True) as con:
        n_docs = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_inputs = con.execute("SELECT count(*) FROM processed_inputs").fetchone()[0] + 1
        n_near = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    assert n_near >= 1
    for want in (f"<b>{n_inputs}</b> inputs", f"<b>{n_docs}</b> distinct articles", "<b>1</b> failure<",
                 f"<b>{n_near + 1}</b> reposts ({n_near} near-duplicate", "1 exact copy)"):
        assert want in stats, (want, stats)


def test_report_opens_the_dataset_read_only(dataset: Path) -> None:
    import duckdb

    from nlp.view.report_page import build_report_page

    before = dataset.stat().st_mtime_ns
    con = duckdb.connect(str(dataset), read_only=True)  # another reader at the same time is fine
    try:
        page = build_report_page(str(dataset), ("revenue", "profit"))
    finally:
        con.close()
    assert 'data-metric="profit"' in page
    assert dataset.stat().st_mtime_ns == before


def test_report_missing_or_foreign_db_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.duckdb"
    got = run_nlp("report", "--db", str(missing), "-o", str(tmp_path / "r.html"))
    assert got.returncode == 1 and got.stderr.strip().count("\n") == 0
    assert str(missing) in got.stderr and "no such dataset file" in got.stderr
    assert not missing.exists()  # read-only: never created
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database", encoding="utf-8")
    got = run_nlp("report", "--db", str(junk), "-o", str(tmp_path / "r.html"))
    assert got.returncode == 1 and got.stderr.strip().count("\n") == 0 and str(junk) in got.stderr
    import duckdb

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    got = run_nlp("report", "--db", str(empty), "-o", str(tmp_path / "r.html"))
    assert got.returncode == 1 and "not an nlp dataset" in got.stderr


def test_report_of_an_empty_dataset(tmp_path: Path) -> None:
    from nlp.store.duckdb import DuckDBStore
    from nlp.view.report_page import build_report_page

    db = tmp_path / "empty.duckdb"
    DuckDBStore(db).close()
    page = build_report_page(str(db))
    assert not parse(page).errors
    assert "No failures." in page and "No reposts" in page and "<b>0</b> distinct articles" in page


def test_period_order() -> None:
    from nlp.view.report_page import _period_sort, parse_period

    labels = ["FY2025Q3", "2025", "2025Q2", "2025H1", "2025Q1", "2024", "2025-02", "2025-02-28", "FY2024"]
    assert sorted(labels, key=_period_sort) == [
        "2024", "2025Q1", "2025-02", "2025-02-28", "2025H1", "2025Q2", "2025", "FY2024", "FY2025Q3"]
    assert parse_period("FY2025Q3").granularity == "fiscal quarter"
    assert parse_period("soon") is None
