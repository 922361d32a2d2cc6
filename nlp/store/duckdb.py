"""The dataset as one DuckDB file: chunked, transactional upserts, resume, and the dedup hooks.

Every chunk of processed inputs is one transaction: its articles, mentions, figures, business
models, signatures, errors and `processed_inputs` rows commit together or not at all. A run that is
killed loses at most the chunk in flight; the next run skips every input in `processed_inputs` and
redoes the rest, so nothing is lost and nothing is doubled.

Exact copies share a doc_id (it hashes the simplified body) and so share one `articles` row: the
earliest copy (published, then source path) wins, whatever order the copies arrive in.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from nlp.dedup.cluster import Duplicate, SignatureTable
from nlp.dedup.signature import NUM_PERM, signature_of
from nlp.store.outcome import Processed
from nlp.store import tables as T

CORPUS_ORDER = "published NULLS LAST, source, doc_id"
_CHILDREN = (("company_mentions", T.MENTION_COLUMNS), ("metrics", T.METRIC_COLUMNS),
             ("monetization", T.MONEY_COLUMNS))
SIGNATURE_COLUMNS = ("doc_id", "language", "n_shingles", "minhash")
EXPORT_TABLES = ("articles", "company_mentions", "metrics", "monetization", "duplicates", "errors",
                 "facts", "companies")


@dataclass(slots=True)
class Counts:
    articles: int
    duplicates: int
    errors: int
    companies: int
    figures: int
    facts: int
    disputed_facts: int


def _arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """A query's result as an Arrow table (DuckDB 2 renamed fetch_arrow_table to to_arrow_table)."""
    rel = con.sql(sql)
    fetch = getattr(rel, "to_arrow_table", None) or getattr(rel, "arrow")
    return fetch()


def _insert_winners(table: str, columns: tuple[str, ...], staged: str, source_col: str) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    sel = ", ".join(f's."{c}"' for c in columns)
    return (f"INSERT INTO {table} ({cols}) SELECT {sel} FROM {staged} s "
            f"JOIN _win w ON s.doc_id = w.doc_id AND s.{source_col} = w.source")


class DuckDBStore:
    """One connection to the dataset file; not thread-safe (the batch runner writes from one thread)."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False, memory_limit: str = "1GB") -> None:
        self.path = os.fspath(path)
        if not read_only:
            parent = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(parent, exist_ok=True)
        # DuckDB would cache up to 80% of RAM; the writer needs little, the workers need the rest
        self.con = duckdb.connect(self.path, read_only=read_only, config={"memory_limit": memory_limit})
        if not read_only:
            self.create_schema()

    # -- schema -----------------------------------------------------------------------------
    def create_schema(self) -> None:
        self.con.execute(T.DDL)
        self.con.execute(T.FACTS_VIEW)
        self.con.execute(T.COMPANIES_VIEW)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", [T.DATASET_SCHEMA])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- resume -----------------------------------------------------------------------------
    def pending(self, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` that no earlier run has processed."""
        if not keys:
            return set()
        tbl = pa.table({"k": pa.array(list(keys), pa.string())})
        self.con.register("_keys", tbl)
        try:
            done = {r[0] for r in self.con.execute(
                "SELECT k FROM _keys JOIN processed_inputs p ON p.input_key = _keys.k").fetchall()}
        finally:
            self.con.unregister("_keys")
        return set(keys) - done

    # -- writing ----------------------------------------------------------------------------
    def write(self, items: Sequence[Processed]) -> None:
        """Upsert one chunk of outcomes in one transaction."""
        ok, seen = [], set()
        for p in items:  # the same page listed twice in one chunk is written once
            if p.record is not None and (p.record["doc_id"], p.record.get("source")) not in seen:
                seen.add((p.record["doc_id"], p.record.get("source")))
                ok.append(p)
        failed = [p for p in items if p.record is None]
        now = dt.datetime.now().replace(microsecond=0)
        articles, children = [], {name: [] for name, _ in _CHILDREN}
        sigs = []
        for p in ok:
            rec = p.record
            articles.append(T.article_row(rec))
            for (name, _), rows in zip(_CHILDREN, (T.mention_rows(rec), T.metric_rows(rec), T.money_rows(rec))):
                for r in rows:
                    r["_source"] = rec.get("source") or ""
                children[name].extend(rows)
            sig = p.signature
            if sig is not None:
                sigs.append({"doc_id": sig.doc_id, "language": sig.language, "n_shingles": sig.n_shingles,
                             "minhash": sig.minhash, "_source": rec.get("source") or ""})
        inputs = list({p.key: {
            "input_key": p.key, "path": p.path, "line": p.line, "size": p.size, "mtime": p.mtime,
            "source": p.source, "doc_id": p.record["doc_id"], "processed_at": now,
        } for p in items if p.record is not None}.values())
        errors = {p.source: {"source": p.source, "reason": p.error or "failed", "time": now} for p in failed}
        con = self.con
        staged = {
            "_s_articles": T.to_arrow(articles, T.ARTICLE_COLUMNS),
            "_s_inputs": pa.table({
                "input_key": pa.array([r["input_key"] for r in inputs], pa.string()),
                "path": pa.array([r["path"] for r in inputs], pa.string()),
                "line": pa.array([r["line"] for r in inputs], pa.int32()),
                "size": pa.array([r["size"] for r in inputs], pa.int64()),
                "mtime": pa.array([r["mtime"] for r in inputs], pa.float64()),
                "source": pa.array([r["source"] for r in inputs], pa.string()),
                "doc_id": pa.array([r["doc_id"] for r in inputs], pa.string()),
                "processed_at": pa.array([r["processed_at"] for r in inputs], pa.timestamp("us")),
            }),
            "_s_errors": pa.table({
                "source": pa.array(list(errors), pa.string()),
                "reason": pa.array([e["reason"] for e in errors.values()], pa.string()),
                "time": pa.array([e["time"] for e in errors.values()], pa.timestamp("us")),
            }),
            "_s_sigs": T.to_arrow(sigs, SIGNATURE_COLUMNS + ("_source",)),
        }
        for name, cols in _CHILDREN:
            staged[f"_s_{name}"] = T.to_arrow(children[name], cols + ("_source",))
        for name, tbl in staged.items():
            con.register(name, tbl)
        try:
            con.begin()
            try:
                self._upsert(con)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        finally:
            for name in staged:
                con.unregister(name)

    @staticmethod
    def _upsert(con: duckdb.DuckDBPyConnection) -> None:
        # winners: per doc_id the earliest (published, source) of this chunk, unless the dataset
        # already holds an earlier-or-equal copy
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _win AS
            SELECT s.doc_id, s.source FROM (
                SELECT doc_id, source, published,
                       row_number() OVER (PARTITION BY doc_id ORDER BY published NULLS LAST, source) AS rn
                FROM _s_articles) s
            WHERE s.rn = 1 AND NOT EXISTS (
                SELECT 1 FROM articles a WHERE a.doc_id = s.doc_id
                AND (coalesce(a.published, DATE '9999-12-31'), a.source)
                    <= (coalesce(s.published, DATE '9999-12-31'), s.source))
        """)
        for table in ("articles", "company_mentions", "metrics", "monetization", "signatures"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _win)")
        con.execute(_insert_winners("articles", T.ARTICLE_COLUMNS, "_s_articles", "source"))
        for name, columns in _CHILDREN:
            con.execute(_insert_winners(name, columns, f"_s_{name}", "_source"))
        con.execute(_insert_winners("signatures", SIGNATURE_COLUMNS, "_s_sigs", "_source"))
        con.execute("INSERT OR REPLACE INTO processed_inputs SELECT * FROM _s_inputs")
        con.execute("DELETE FROM errors WHERE source IN (SELECT source FROM _s_inputs)")
        con.execute("INSERT OR REPLACE INTO errors SELECT * FROM _s_errors")
        con.execute("DROP TABLE _win")

    # -- dedup hooks (nlp.dedup.mark.DedupStore) ----------------------------------------------
    def backfill_signatures(self, batch: int = 1000) -> int:
        """Compute the signatures articles lack (rows from an older version, or another NUM_PERM)."""
        stale = self.con.execute("""
            SELECT a.doc_id, a.language, a.text_simplified FROM articles a
            LEFT JOIN signatures s USING (doc_id)
            WHERE s.doc_id IS NULL OR (s.n_shingles > 0 AND octet_length(s.minhash) != ?)
        """, [NUM_PERM * 4]).fetchall()
        for i in range(0, len(stale), batch):
            sigs = [signature_of({"doc_id": d, "language": lang, "text_simplified": text})
                    for d, lang, text in stale[i:i + batch]]
            tbl = T.to_arrow([{"doc_id": g.doc_id, "language": g.language, "n_shingles": g.n_shingles,
                               "minhash": g.minhash} for g in sigs], SIGNATURE_COLUMNS)
            self.con.register("_s_backfill", tbl)
            try:
                self.con.execute("INSERT OR REPLACE INTO signatures SELECT * FROM _s_backfill")
            finally:
                self.con.unregister("_s_backfill")
        return len(stale)

    def signature_table(self) -> SignatureTable:
        tbl = _arrow(self.con, f"""
            SELECT s.doc_id, s.n_shingles, s.minhash FROM signatures s JOIN articles a USING (doc_id)
            WHERE s.n_shingles > 0 ORDER BY a.{CORPUS_ORDER.replace(', ', ', a.')}
        """)
        ids = tbl.column("doc_id").to_pylist()
        sizes = tbl.column("n_shingles").to_pylist()
        blobs = tbl.column("minhash").to_pylist()
        return SignatureTable.from_rows(list(zip(ids, sizes, blobs)))

    def fetch_texts(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        rows = self.con.execute(
            "SELECT doc_id, language, text_simplified FROM articles WHERE doc_id IN (SELECT unnest(?))",
            [list(doc_ids)]).fetchall()
        return {d: (lang or "zh", text or "") for d, lang, text in rows}

    def replace_duplicates(self, rows: Iterable[Duplicate]) -> int:
        rows = list(rows)
        tbl = pa.table({
            "doc_id": pa.array([r.doc_id for r in rows], pa.string()),
            "duplicate_of": pa.array([r.duplicate_of for r in rows], pa.string()),
            "similarity": pa.array([r.similarity for r in rows], pa.float64()),
        })
        con = self.con
        con.register("_s_dups", tbl)
        try:
            con.begin()
            try:
                con.execute("DELETE FROM duplicates")
                con.execute("INSERT INTO duplicates SELECT * FROM _s_dups")
                con.execute("""
                    UPDATE articles SET duplicate_of = n.duplicate_of
                    FROM (SELECT a.doc_id, d.duplicate_of FROM articles a
                          LEFT JOIN _s_dups d USING (doc_id)) n
                    WHERE articles.doc_id = n.doc_id
                      AND articles.duplicate_of IS DISTINCT FROM n.duplicate_of
                """)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        finally:
            con.unregister("_s_dups")
        return len(rows)

    # -- reading ----------------------------------------------------------------------------
    def iter_records(self, batch: int = 512) -> Iterator[dict]:
        """Every record of the dataset, duplicate_of filled, in corpus order; streamed."""
        cur = self.con.cursor()
        try:
            res = cur.execute(f"SELECT record, text, text_simplified, duplicate_of FROM articles "
                              f"ORDER BY {CORPUS_ORDER}")
            while True:
                rows = res.fetchmany(batch)
                if not rows:
                    break
                for r in rows:
                    yield T.record_from_row(*r)
        finally:
            cur.close()

    def counts(self) -> Counts:
        one = lambda sql: int(self.con.execute(sql).fetchall()[0][0])  # noqa: E731
        return Counts(
            articles=one("SELECT count(*) FROM articles"),
            duplicates=one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            errors=one("SELECT count(*) FROM errors"),
            companies=one("SELECT count(DISTINCT company) FROM company_mentions"),
            figures=one("SELECT count(*) FROM metrics"),
            facts=one("SELECT count(*) FROM facts"),
            disputed_facts=one("SELECT count(*) FROM facts WHERE disputed"),
        )

    def source_doc_ids(self) -> dict[str, str]:
        """{source: doc_id} for every input that produced a record (exact copies share a doc_id)."""
        return dict(self.con.execute("SELECT source, doc_id FROM processed_inputs").fetchall())
