"""Dataset -> JSON Lines: every record, `duplicate_of` filled in, in corpus order (streamed)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from nlp.store.duckdb import DuckDBStore


def write_jsonl(records: Iterable[dict], path: str | os.PathLike[str]) -> int:
    """Write records to `path` ('-' for stdout) atomically; returns the number written."""
    if str(path) == "-":
        import sys

        n = 0
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    os.replace(tmp, out)
    return n


class JsonlExport:
    """Pipeline step: store -> PATH with one record per line."""

    name = "jsonl_export"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def run(self, store: DuckDBStore) -> int:
        return write_jsonl(store.iter_records(), self.path)

    __call__ = run
