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
CHECKPOINT_THRESHOLD = "256MB"  # WAL size that triggers a checkpoint (see DuckDBStore.__init__)
_CHILDREN = (("company_mentions", T.MENTION_COLUMNS), ("metrics", T.METRIC_COLUMNS),
             ("monetization", T.MONEY_COLUMNS))
SIGNATURE_COLUMNS = ("doc_id", "language", "n_shingles", "minhash")
INPUT_COLUMNS = ("input_key", "path", "line", "size", "mtime", "source", "doc_id", "processed_at")
EXPORT_TABLES = ("articles", "company_mentions", "metrics", "monetization", "duplicates", "errors",
                 "facts", "companies")


class DatasetError(Exception):
    """The dataset file cannot be opened; `str()` is one line naming the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


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

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False, memory_limit: str = "512MB") -> None:
        self.path = os.fspath(path)
        if not read_only:
            parent = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(parent, exist_ok=True)
        # DuckDB would cache up to 80% of RAM; the writer needs little, the workers need the rest.
        # A checkpoint rewrites each table's last, partly filled row group (up to 122,880 rows: for
        # `articles` that is every text of a corpus of that size), so with DuckDB's default 16 MB
        # threshold (a checkpoint every ~700 pages) the writer's CPU grew with the square of the
        # corpus; 256 MB means one checkpoint per ~14,000 pages, for up to ~256 MB more memory.
        config = {"memory_limit": memory_limit, "checkpoint_threshold": CHECKPOINT_THRESHOLD}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:  # locked by another process, not a DuckDB file, no permission
            raise DatasetError(self.path, str(exc).splitlines()[0]) from None
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
        tbl = T.to_arrow([(k,) for k in keys], ("k",))
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
        now = dt.datetime.now().replace(microsecond=0)
        ok: list[tuple[Processed, T.Rows]] = []
        seen = set()
        inputs, errors = {}, {}
        for p in items:
            if p.error is not None or (p.rows is None and p.record is None):
                errors[p.source] = (p.source, p.error or "failed", now)
                continue
            rows = p.rows if p.rows is not None else T.flatten(p.record)
            inputs[p.key] = (p.key, p.path, p.line, p.size, p.mtime, p.source, rows.doc_id, now)
            if (rows.doc_id, rows.source) not in seen:  # the same page twice in a chunk is written once
                seen.add((rows.doc_id, rows.source))
                ok.append((p, rows))
        children: dict[str, list[tuple]] = {name: [] for name, _ in _CHILDREN}
        for _, rows in ok:
            for name, _cols in _CHILDREN:
                children[name].extend(r + (rows.source,) for r in getattr(rows, name))
        sigs = [(p.signature.doc_id, p.signature.language, p.signature.n_shingles, p.signature.minhash, rows.source)
                for p, rows in ok if p.signature is not None]
        staged = {
            "_s_articles": T.to_arrow([rows.article for _, rows in ok], T.ARTICLE_COLUMNS),
            "_s_inputs": T.to_arrow(list(inputs.values()), INPUT_COLUMNS),
            "_s_errors": T.to_arrow(list(errors.values()), ("source", "reason", "time")),
            "_s_sigs": T.to_arrow(sigs, SIGNATURE_COLUMNS + ("_source",)),
        }
        for name, cols in _CHILDREN:
            staged[f"_s_{name}"] = T.to_arrow(children[name], cols + ("_source",))
        con = self.con
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
        replaced = con.execute("SELECT count(*) FROM _win WHERE doc_id IN (SELECT doc_id FROM articles)").fetchall()
        if replaced[0][0]:  # an earlier copy arrived after a later one: its rows replace the later's
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
            tbl = T.to_arrow([(g.doc_id, g.language, g.n_shingles, g.minhash) for g in sigs], SIGNATURE_COLUMNS)
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

    def stream_texts(self, doc_ids: Sequence[str], batch: int = 1024) -> Iterator[tuple[str, str, str]]:
        """(doc_id, language, text_simplified) for `doc_ids`, in that order: one join, streamed."""
        need = T.to_arrow(list(enumerate(doc_ids)), ("ord", "doc_id"))
        cur = self.con.cursor()
        cur.register("_need", need)
        try:
            res = cur.execute("SELECT n.doc_id, a.language, a.text_simplified FROM _need n "
                              "LEFT JOIN articles a USING (doc_id) ORDER BY n.ord")
            while rows := res.fetchmany(batch):
                for doc_id, lang, text in rows:
                    yield doc_id, lang or "zh", text or ""
        finally:
            cur.unregister("_need")
            cur.close()

    def replace_duplicates(self, rows: Iterable[Duplicate]) -> int:
        rows = list(rows)
        tbl = T.to_arrow([(r.doc_id, r.duplicate_of, r.similarity) for r in rows],
                         ("doc_id", "duplicate_of", "similarity"))
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
