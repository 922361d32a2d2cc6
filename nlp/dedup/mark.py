"""Duplicate rows -> `duplicate_of`: the last dedup stage, and the two ways to run all three.

- `dedupe_store(store)`: over a dataset (nlp.store.duckdb.DuckDBStore): signatures are read in
  corpus order, clustered, and the `duplicates` table and `articles.duplicate_of` are replaced in
  one transaction.
- `dedupe_records(records)`: over a list of records in memory (tests, evaluation, small jobs).

Corpus order is (published, nulls last; source; doc_id): `duplicate_of` names the earliest copy.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional, Protocol, Sequence

from nlp.dedup.cluster import ClusterStats, DedupCluster, Duplicate, SignatureTable
from nlp.dedup.signature import signature_of

NO_DATE = "9999-12-31"


class DedupStore(Protocol):
    def backfill_signatures(self) -> int: ...
    def signature_table(self) -> SignatureTable: ...
    def stream_texts(self, doc_ids: Sequence[str]) -> Iterator[tuple[str, str, str]]: ...
    def replace_duplicates(self, rows: Iterable[Duplicate]) -> int: ...


def order_key(record: dict) -> tuple[str, str, str]:
    """Corpus order of a record: earliest published first, then source path, then doc_id."""
    return (record.get("published") or NO_DATE, record.get("source") or "", record["doc_id"])


class DedupMark:
    """Pipeline step: Duplicate rows -> the store's `duplicates` table and `duplicate_of` column."""

    name = "dedup_mark"

    def __init__(self, store: DedupStore) -> None:
        self.store = store

    def run(self, duplicates: Iterable[Duplicate]) -> int:
        return self.store.replace_duplicates(duplicates)

    __call__ = run


def dedupe_store(store: DedupStore, cluster: Optional[DedupCluster] = None) -> ClusterStats:
    """Cluster every signature in the store and mark the duplicates; returns the stage's stats."""
    cluster = cluster or DedupCluster()
    store.backfill_signatures()
    table = store.signature_table()
    DedupMark(store).run(cluster.run(table, store.stream_texts))
    return cluster.stats


def dedupe_records(records: Sequence[dict], cluster: Optional[DedupCluster] = None
                   ) -> dict[str, Duplicate]:
    """In-memory dedup of records (distinct doc_ids): {doc_id: Duplicate} for every duplicate.

    Also sets each record's `duplicate_of`. Records sharing a doc_id are the same text: all but the
    earliest are dropped from the comparison and point at it.
    """
    cluster = cluster or DedupCluster()
    by_id: dict[str, dict] = {}
    for rec in sorted(records, key=order_key):
        by_id.setdefault(rec["doc_id"], rec)
    ordered = list(by_id.values())
    sigs = [signature_of(r) for r in ordered]
    table = SignatureTable.from_rows([(s.doc_id, s.n_shingles, s.minhash) for s in sigs])

    def texts(ids: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        for i in ids:
            yield i, by_id[i].get("language") or "zh", by_id[i].get("text_simplified") or ""

    found = {d.doc_id: d for d in cluster.run(table, texts)}
    for rec in records:
        dup = found.get(rec["doc_id"])
        rec["duplicate_of"] = dup.duplicate_of if dup else None
    return found
