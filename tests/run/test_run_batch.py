"""`nlp batch` end to end with the real analyze_bytes: dataset, dedup, errors, reruns, CLI."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from nlp.run.batch import BatchConfig, format_summary, run_batch

from batch_corpus import ROOT, snapshot

CHECKER = ROOT / "tests" / "resources" / "check_records.py"


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_dataset_has_articles_reposts_and_errors(reference_run, small_corpus):
    db, summary, _ = reference_run
    _, kinds = small_corpus
    good = sum(1 for k in kinds.values() if k != "bad")
    bad = sum(1 for k in kinds.values() if k == "bad")
    assert summary.failed == bad and summary.exit_status == 1
    assert summary.processed == good
    errors = dict(rows(db, "SELECT source, reason FROM errors"))
    assert set(errors) == {str(small_corpus[0] / n) for n in ("broken.html", "empty.txt", "feed.jsonl:2")} | {
        "https://example.com/empty"}
    assert "bad JSONL line" in errors[str(small_corpus[0] / "feed.jsonl:2")]
    # reposts point at an original: 3 made here + the jiemian/tmtpost pair among the seeds
    dups = dict(rows(db, """SELECT p.source, o.source FROM articles a
                            JOIN processed_inputs p ON p.doc_id = a.doc_id
                            JOIN articles o ON o.doc_id = a.duplicate_of"""))
    name = lambda s: Path(s).name  # noqa: E731
    got = {name(k): name(v) for k, v in dups.items()}
    # the half copy carries the same date as tmtpost and sorts first by path: it is the earliest copy,
    # and the full article and its traditional repost (undated: last) point at it
    assert got["tmtpost-doubao-links.txt"] == "repost-tmtpost-first-half.txt"
    assert got["jiemian-doubao-links-traditional.txt"] == "repost-tmtpost-first-half.txt"
    assert got["zaker-bigtech-ai-money-pinyin.txt"] == "repost-zaker.html"  # the HTML copy has a date
    assert "double11-llm-links-rewrite.txt" not in got  # a rewrite is not a repost
    assert "double11-llm-links-rewrite.txt" not in got.values()
    # the traditional page and its simplified conversion are one doc_id: one row, two inputs
    (n_inputs, n_ids), = rows(db, """SELECT count(*), count(DISTINCT doc_id) FROM processed_inputs
                                    WHERE source LIKE '%netease%'""")
    assert (n_inputs, n_ids) == (2, 1)
    # the dataset has companies, figures, business models and facts
    assert rows(db, "SELECT count(*) FROM company_mentions")[0][0] > 20
    assert rows(db, "SELECT count(*) FROM metrics")[0][0] > 20
    assert rows(db, "SELECT count(*) FROM monetization")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM facts WHERE n_sources > 1")[0][0] > 0
    assert summary.dataset.duplicates == len(got)
    table = format_summary(summary)
    for word in ("docs", "duplicates", "failures", "companies", "figures", "time"):
        assert word in table


def test_jsonl_and_parquet_outputs(reference_run):
    db, _, out = reference_run
    records = [json.loads(l) for l in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == rows(db, "SELECT count(*) FROM articles")[0][0]
    dup_of = dict(rows(db, "SELECT doc_id, duplicate_of FROM articles"))
    assert {r["doc_id"]: r["duplicate_of"] for r in records} == dup_of
    check = subprocess.run([sys.executable, str(CHECKER), str(out / "records.jsonl")], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout[-2000:]
    import pyarrow.parquet as pq

    for table in ("articles", "company_mentions", "metrics", "monetization", "duplicates", "errors", "facts"):
        n = rows(db, f"SELECT count(*) FROM {table}")[0][0]
        assert pq.read_table(out / "parquet" / f"{table}.parquet").num_rows == n, table


def test_same_dataset_whatever_the_worker_count_or_input_order(reference_run, small_corpus, tmp_path):
    corpus, _ = small_corpus
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file() and p.suffix != ".png")
    db = tmp_path / "one.duckdb"
    summary = run_batch(BatchConfig(inputs=list(reversed(files)), db=str(db), workers=1, progress=False))
    assert summary.exit_status == 1
    assert snapshot(db) == snapshot(reference_run[0])


def test_rerun_and_overlap_add_nothing_twice(reference_run, small_corpus, tmp_path):
    corpus, kinds = small_corpus
    db = tmp_path / "again.duckdb"
    shutil.copyfile(reference_run[0], db)
    before = snapshot(db)
    summary = run_batch(BatchConfig(inputs=[str(corpus), str(corpus / "articles")], db=str(db), workers=2,
                                    progress=False))
    good = sum(1 for k in kinds.values() if k != "bad")
    assert summary.skipped == good + 2  # the articles/ directory was named twice
    assert summary.processed == 0 and summary.failed == 4  # failed inputs are retried, still fail
    assert snapshot(db) == before


def test_cli_prints_errors_and_summary_and_exits_1(small_corpus, tmp_path):
    corpus, _ = small_corpus
    db = tmp_path / "cli.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "nlp", "batch", str(corpus / "broken.html"), str(corpus / "articles"),
         str(tmp_path / "missing-dir"), "--db", str(db), "--workers", "1", "--jsonl", str(tmp_path / "r.jsonl")],
        capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1, proc.stderr
    errors = [l for l in proc.stderr.splitlines() if l.startswith("nlp batch: error:")]
    assert len(errors) == 2
    assert any("broken.html: binary file" in l for l in errors)
    assert any("missing-dir: no such file or directory" in l for l in errors)
    for word in ("docs", "duplicates", "failures", "companies", "figures", "time"):
        assert word in proc.stdout
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    ok = subprocess.run([sys.executable, "-m", "nlp", "batch", str(corpus / "articles"), "--db", str(db),
                         "--workers", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize("argv, message", [
    (["batch", "x", "--db", "d.duckdb", "--workers", "0"], "must be at least 1"),
    (["batch", "x", "--db", "d.duckdb", "--published", "2025-13-01"], "not a date"),
    (["batch", "x"], "--db"),
])
def test_cli_argument_errors(argv, message, capsys):
    from nlp.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_unusable_dataset_is_one_line(tmp_path, capsys):
    from nlp.cli import main

    bad = tmp_path / "not-a-db.duckdb"
    bad.write_text("not a database", encoding="utf-8")
    assert main(["batch", str(tmp_path), "--db", str(bad), "--workers", "1", "--no-progress"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"nlp batch: error: cannot open the dataset {bad}: ")
