"""The output contract (SPEC.md), checked by the shared checker on `nlp extract` of every seed and
gold article, end to end through the command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CHECKER = ROOT.parent / "shared" / "tools" / "check_records.py"
CHECKER = SHARED_CHECKER if SHARED_CHECKER.exists() else ROOT / "tests" / "resources" / "check_records.py"


def test_check_records_passes_on_seeds_and_articles(tmp_path):
    inputs = sorted(str(p) for p in (ROOT / "corpus" / "samples" / "seeds").glob("*.txt"))
    inputs += sorted(str(p) for p in (ROOT / "corpus" / "articles").iterdir())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = tmp_path / "records.jsonl"
    with open(out, "wb") as f:
        proc = subprocess.run([sys.executable, "-m", "nlp", "extract", *inputs], stdout=f,
                              stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    check = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert f"{len(inputs)} records, 0 with problems" in check.stdout
    records = out.read_text(encoding="utf-8").splitlines()
    assert len(records) == len(inputs)
