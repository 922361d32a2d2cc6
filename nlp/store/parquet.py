"""Dataset -> one Parquet file per table (and per view: facts, companies), written by DuckDB."""
from __future__ import annotations

import os
from pathlib import Path

from nlp.store.duckdb import EXPORT_TABLES, DuckDBStore

_ORDER = {
    "articles": "published NULLS LAST, source, doc_id",
    "company_mentions": "doc_id, mention_no",
    "metrics": "doc_id, metric_no",
    "monetization": "doc_id, model_no",
    "duplicates": "doc_id",
    "errors": "source",
    "facts": "company, metric, period, value",
    "companies": "id",
}


class ParquetExport:
    """Pipeline step: store -> DIR/{table}.parquet for every table of the dataset."""

    name = "parquet_export"

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def run(self, store: DuckDBStore) -> list[Path]:
        self.directory.mkdir(parents=True, exist_ok=True)
        written = []
        for table in EXPORT_TABLES:
            out = self.directory / f"{table}.parquet"
            tmp = out.with_suffix(".parquet.tmp")
            cols = "* EXCLUDE (record)" if table == "articles" else "*"
            path = str(tmp).replace("'", "''")
            store.con.execute(f"COPY (SELECT {cols} FROM {table} ORDER BY {_ORDER[table]}) "
                              f"TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
            os.replace(tmp, out)  # a reader never sees half a file
            written.append(out)
        return written

    __call__ = run
