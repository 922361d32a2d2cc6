"""Kill -9 in the middle of `nlp batch`, rerun: nothing lost, nothing doubled (a real SIGKILL)."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from batch_corpus import ARTICLES, ROOT, snapshot
from nlp.run.batch import BatchConfig, run_batch

psutil = pytest.importorskip("psutil")
N_COPIES = 5


def build_corpus(out: Path) -> int:
    """~100 short pages: the gold articles, each with copies (re-headed, truncated)."""
    out.mkdir(parents=True)
    n = 0
    for src in sorted(ARTICLES.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for i in range(N_COPIES):
            body = text if i % 2 == 0 else text[: len(text) * 3 // 4]
            (out / f"{src.stem}-{i}.txt").write_text(f"来源：站点{i}\n{body}", encoding="utf-8")
            n += 1
    return n


def cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "nlp", "batch", str(corpus), "--db", str(db), "--workers", "2",
            "--chunk-size", "4", "--no-progress", "--log-every", "0"]


def count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def kill_midway(argv: list[str], after: int) -> None:
    """Start the run, SIGKILL it once `after` inputs are reported done; reap its workers too."""
    proc = subprocess.Popen(argv, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    done = 0
    deadline = time.monotonic() + 240
    try:
        for line in proc.stderr:
            m = re.match(r"nlp batch: (\d+)/?\d* inputs", line)
            if m:
                done = int(m.group(1))
            if done >= after or time.monotonic() > deadline:
                break
        children = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    _, alive = psutil.wait_procs(children, timeout=15)  # workers notice their parent is gone
    for child in alive:  # pragma: no cover - only if a worker hangs
        child.kill()
    assert done >= after, "the run ended before it could be killed"


def test_killed_run_resumes_without_loss_or_doubles(tmp_path):
    corpus = tmp_path / "corpus"
    total = build_corpus(corpus)
    db = tmp_path / "killed.duckdb"
    kill_midway(cmd(corpus, db), after=16)
    committed = count(db, "SELECT count(*) FROM processed_inputs")
    assert 8 <= committed < total  # whole chunks survived, the rest did not
    assert count(db, "SELECT count(*) FROM articles") > 0

    resumed = subprocess.run(cmd(corpus, db), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert re.search(rf"\b{committed} already in the dataset", resumed.stdout), resumed.stdout

    ref = tmp_path / "uninterrupted.duckdb"
    summary = run_batch(BatchConfig(inputs=[str(corpus)], db=str(ref), workers=2, progress=False))
    assert summary.exit_status == 0 and summary.processed == total
    assert count(db, "SELECT count(*) FROM processed_inputs") == total
    assert snapshot(db) == snapshot(ref)
