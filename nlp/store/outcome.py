"""Processed: the outcome of one input, as workers return it and the writer stores it.

Kept apart from nlp.store.duckdb so that worker processes need not import DuckDB or Arrow.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from nlp.dedup.signature import Signature
from nlp.store.tables import Rows


@dataclass(slots=True)
class Processed:
    """The outcome of one input: a record and its signature, or an error reason."""

    key: str  # processed_inputs.input_key
    path: str
    source: str
    line: Optional[int] = None
    size: Optional[int] = None
    mtime: Optional[float] = None
    record: Optional[dict] = None  # or, from a worker, the record already flattened:
    rows: Optional[Rows] = None
    signature: Optional[Signature] = None
    error: Optional[str] = None
