#!/usr/bin/env python3
"""Evaluation entry point: `python scripts/evaluate.py TASK [options]`.

Each task lives in its own module `scripts/eval_TASK.py` with a `main(argv) -> int`, so the
evaluations of different extractors stay independent. Tasks: html, html-zh, companies, metrics,
monetization, dedupe.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    tasks = sorted(p.stem[len("eval_"):].replace("_", "-") for p in HERE.glob("eval_*.py"))
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in tasks:
        print(f"usage: evaluate.py {{{','.join(tasks)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module("eval_" + argv[0].replace("-", "_"))
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
