"""The DuckDB dataset: upserts by doc_id, resume keys, errors, duplicates, facts, exports."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from nlp.dedup import Duplicate, dedupe_store, signature_of
from nlp.record import doc_id_for
from nlp.store.duckdb import DuckDBStore, Processed
from nlp.store.jsonl import JsonlExport
from nlp.store.parquet import ParquetExport

SEED = (Path(__file__).resolve().parents[2] / "corpus/samples/seeds/tmtpost-doubao-links.txt").read_text(
    encoding="utf-8")


def record(text: str, source: str, published: str | None = None, metrics=(), companies=None) -> dict:
    return {
        "schema": "nlp.article/1", "doc_id": doc_id_for(text), "source": source, "title": "t",
        "published": published, "language": "zh", "script": "simplified", "text": text,
        "text_simplified": text, "cleaning": {"spam_lines": 1}, "duplicate_of": None,
        "companies": companies if companies is not None else [
            {"id": "bytedance", "name_zh": "字节跳动", "name_en": "ByteDance",
             "mentions": [{"text": "豆包", "start": 0, "end": 2, "via": "product"}]}],
        "metrics": [dict({"company": "openai", "metric": "revenue", "value": 4.3e9, "value_max": None,
                          "unit": "USD", "per": None, "period": "2025H1", "qualifier": None, "segment": None,
                          "basis": None, "of": None, "text": "43亿美元", "start": 0, "end": 5}, **m)
                    for m in metrics],
        "monetization": [{"model": "ecommerce", "company": "bytedance", "text": "上链接", "start": 3,
                          "end": 6, "score": 0.9, "via": "classifier"}],
        "byline": [], "encoding": "utf-8", "input_format": "text",
    }


def done(rec: dict, key: str | None = None) -> Processed:
    return Processed(key=key or f"file:{rec['source']}", path=rec["source"], source=rec["source"],
                     record=rec, signature=signature_of(rec))


def failed(source: str, reason: str) -> Processed:
    return Processed(key=f"file:{source}", path=source, source=source, error=reason)


@pytest.fixture
def store(tmp_path):
    s = DuckDBStore(tmp_path / "ds.duckdb")
    yield s
    s.close()


def count(store: DuckDBStore, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_upsert_by_doc_id_adds_nothing_twice(store):
    a = record("豆包开始上链接了" * 20, "x/a.txt", "2025-10-28", metrics=[{}])
    store.write([done(a)])
    store.write([done(a)])
    store.write([done(dict(a)), done(dict(a))])
    for table, n in (("articles", 1), ("company_mentions", 1), ("metrics", 1), ("monetization", 1),
                     ("signatures", 1), ("processed_inputs", 1)):
        assert count(store, table) == n, table


def test_exact_copy_keeps_the_earliest_whatever_the_order(store, tmp_path):
    text = "豆包开始上链接了" * 20
    late = record(text, "z/late.txt", "2025-10-29", metrics=[{"value": 1.0}])
    early = record(text, "y/early.txt", "2025-10-28", metrics=[{"value": 2.0}, {"value": 3.0}])
    store.write([done(late)])
    store.write([done(early)])
    row = store.con.execute("SELECT source, published::VARCHAR FROM articles").fetchall()
    assert row == [("y/early.txt", "2025-10-28")]
    assert sorted(v for (v,) in store.con.execute("SELECT value FROM metrics").fetchall()) == [2.0, 3.0]
    store.write([done(late)])  # a later copy never replaces the earlier one
    assert store.con.execute("SELECT source FROM articles").fetchall() == [("y/early.txt",)]
    assert count(store, "processed_inputs") == 2  # both inputs are known (both map to the doc_id)
    other = DuckDBStore(tmp_path / "other.duckdb")
    other.write([done(early), done(late)])  # same chunk, other order
    assert other.con.execute("SELECT source FROM articles").fetchall() == [("y/early.txt",)]
    other.close()


def test_pending_and_errors(store):
    a = record("豆包开始上链接了" * 20, "x/a.txt")
    store.write([done(a, "k1"), failed("x/bad.html", "binary file, not a web page or text")])
    assert store.pending(["k1", "k2"]) == {"k2"}
    assert store.con.execute("SELECT source, reason FROM errors").fetchall() == [
        ("x/bad.html", "binary file, not a web page or text")]
    store.write([failed("x/bad.html", "binary file, not a web page or text")])
    assert count(store, "errors") == 1  # a retried failure replaces its row
    fixed = record("修好了的页面" * 20, "x/bad.html")
    store.write([done(fixed, "k3")])
    assert count(store, "errors") == 0  # and a fixed input clears it


def test_replace_duplicates_sets_duplicate_of(store):
    a = record(SEED, "x/a.txt", "2025-10-28")
    b = record(SEED[:6000] + "\n阅读全文", "x/b.txt", "2025-10-29")
    c = record("完全不同的一篇文章，讲的是别的事情。" * 30, "x/c.txt", "2025-10-30")
    store.write([done(a), done(b), done(c)])
    stats = dedupe_store(store)
    assert stats.duplicates == 1
    assert store.con.execute("SELECT doc_id, duplicate_of FROM duplicates").fetchall() == [
        (b["doc_id"], a["doc_id"])]
    dup_of = dict(store.con.execute("SELECT doc_id, duplicate_of FROM articles").fetchall())
    assert dup_of == {a["doc_id"]: None, b["doc_id"]: a["doc_id"], c["doc_id"]: None}
    store.replace_duplicates([])
    assert store.con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchall()[0][0] == 0
    store.replace_duplicates([Duplicate(b["doc_id"], a["doc_id"], 0.99)])
    assert count(store, "duplicates") == 1


def test_facts_group_agreeing_figures_and_flag_disagreements(store):
    texts = [f"第{i}篇文章的正文内容" * 10 for i in range(5)]
    recs = [
        record(texts[0], "s/0.txt", "2025-10-08", metrics=[{"value": 4.3e9}]),
        record(texts[1], "s/1.txt", "2025-10-09", metrics=[{"value": 4.32e9}]),  # within 1%
        record(texts[2], "s/2.txt", "2025-10-10", metrics=[{"value": 4.3e9}]),
        record(texts[3], "s/3.txt", "2025-10-28", metrics=[{"value": 2.9e9}]),  # disagrees
        # one article, two values: ambiguous, never a dispute by itself; no period: never disputed
        record(texts[4], "s/4.txt", "2025-11-01", metrics=[
            {"metric": "cost", "value": 1e9}, {"metric": "cost", "value": 2e9},
            {"metric": "mau", "value": 1e8, "unit": "count", "period": None}]),
        record(texts[0] + "再来一次" * 40, "s/5.txt", "2025-11-02",
               metrics=[{"metric": "mau", "value": 2e8, "unit": "count", "period": None}]),
    ]
    store.write([done(r) for r in recs])
    rows = store.con.execute("""
        SELECT metric, value, n_sources, first_seen::VARCHAR, disputed, len(doc_ids)
        FROM facts ORDER BY metric, value""").fetchall()
    assert rows == [
        ("cost", 1e9, 1, "2025-11-01", False, 1),
        ("cost", 2e9, 1, "2025-11-01", False, 1),
        ("mau", 1e8, 1, "2025-11-01", False, 1),
        ("mau", 2e8, 1, "2025-11-02", False, 1),
        ("revenue", 2.9e9, 1, "2025-10-28", True, 1),
        ("revenue", 4.3e9, 3, "2025-10-08", True, 3),
    ]
    first = store.con.execute("SELECT doc_ids[1] FROM facts WHERE n_sources = 3").fetchall()[0][0]
    assert first == recs[0]["doc_id"]


def test_exports_round_trip(store, tmp_path):
    a = record(SEED, "x/a.txt", "2025-10-28", metrics=[{}])
    b = record(SEED[:6000], "x/b.txt", "2025-10-29")
    store.write([done(a), done(b)])
    dedupe_store(store)
    out = tmp_path / "out.jsonl"
    assert JsonlExport(out).run(store) == 2
    lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [l["source"] for l in lines] == ["x/a.txt", "x/b.txt"]
    assert lines[0] == a
    assert lines[1]["duplicate_of"] == a["doc_id"] and {**lines[1], "duplicate_of": None} == b
    files = ParquetExport(tmp_path / "pq").run(store)
    names = sorted(f.stem for f in files)
    assert names == sorted(["articles", "company_mentions", "metrics", "monetization", "duplicates",
                            "errors", "facts", "companies"])
    arts = pq.read_table(tmp_path / "pq" / "articles.parquet")
    assert arts.num_rows == 2 and "record" not in arts.column_names
    assert pq.read_table(tmp_path / "pq" / "duplicates.parquet").num_rows == 1


def test_reopen_and_read_only(tmp_path):
    path = tmp_path / "ds.duckdb"
    with DuckDBStore(path) as s:
        s.write([done(record("豆包开始上链接了" * 20, "x/a.txt"))])
    with DuckDBStore(path) as s:  # reopening keeps the data and upgrades views
        assert count(s, "articles") == 1
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM companies").fetchall()[0][0] == 1
    assert con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()[0][0] == "nlp.dataset/1"
    con.close()


def test_missing_or_stale_signatures_are_recomputed(store):
    a = record(SEED, "x/a.txt", "2025-10-28")
    b = record(SEED[:6000], "x/b.txt", "2025-10-29")
    store.write([done(a), done(b)])
    store.con.execute("DELETE FROM signatures WHERE doc_id = ?", [a["doc_id"]])
    store.con.execute("UPDATE signatures SET minhash = '\\x00\\x01'::BLOB WHERE doc_id = ?", [b["doc_id"]])
    assert dedupe_store(store).duplicates == 1
    assert count(store, "signatures") == 2
    assert store.backfill_signatures() == 0
