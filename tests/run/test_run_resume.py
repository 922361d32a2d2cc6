"""Kill -9 in the middle of `nlp batch`, rerun: nothing lost, nothing doubled (a real SIGKILL)."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from batch_corpus import ROOT, snapshot

psutil = pytest.importorskip("psutil")


def cmd(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "nlp", "batch", str(corpus), "--db", str(db), "--workers", str(workers),
            "--chunk-size", "2", "--no-progress", "--log-every", "0"]


def count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def kill_midway(argv: list[str], after: int) -> int:
    """Start the run, SIGKILL it once `after` inputs are reported done; reap its workers too."""
    proc = subprocess.Popen(argv, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    done = 0
    try:
        for line in proc.stderr:
            m = re.match(r"nlp batch: (\d+)/?\d* inputs", line)
            if m:
                done = int(m.group(1))
            if done >= after:
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
    return done


def test_killed_run_resumes_without_loss_or_doubles(small_corpus, reference_run, tmp_path):
    corpus, kinds = small_corpus
    db = tmp_path / "killed.duckdb"
    done = kill_midway(cmd(corpus, db, workers=1), after=6)
    assert done >= 6, "the run ended before it could be killed"
    committed = count(db, "SELECT count(*) FROM processed_inputs")
    assert 2 <= committed < len(kinds)  # whole chunks survived, the rest did not
    assert count(db, "SELECT count(*) FROM articles") > 0

    resumed = subprocess.run(cmd(corpus, db, workers=2), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr[-2000:]  # the corpus has bad inputs
    assert re.search(rf"\b{committed} already in the dataset", resumed.stdout), resumed.stdout
    good = sum(1 for k in kinds.values() if k != "bad")
    assert count(db, "SELECT count(*) FROM processed_inputs") == good
    assert snapshot(db) == snapshot(reference_run[0])  # the uninterrupted run
