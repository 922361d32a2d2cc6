"""Records -> table rows: the dataset's schema as data (DDL, views) and the flattening of a record.

Keys (documented for users in docs/batch.md; DuckDB enforces the primary keys):

- articles(doc_id)                       one row per distinct body; `record` keeps the whole record
- company_mentions(doc_id, mention_no)   one row per mention; `company` is the KB slug
- metrics(doc_id, metric_no)             one row per figure
- monetization(doc_id, model_no)         one row per business-model evidence span
- duplicates(doc_id)                     doc_id -> duplicate_of (earliest copy), similarity
- errors(source)                         the latest failure of each input
- processed_inputs(input_key)            what a rerun skips; maps every input to its doc_id
- signatures(doc_id)                     MinHash for the dedup stage (internal)
- views: facts, companies
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional, Sequence

DATASET_SCHEMA = "nlp.dataset/1"

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    script VARCHAR,
    text VARCHAR,
    text_simplified VARCHAR,
    cleaning JSON,
    duplicate_of VARCHAR,
    schema VARCHAR,
    record JSON
);
CREATE TABLE IF NOT EXISTS company_mentions (
    doc_id VARCHAR NOT NULL,
    mention_no INTEGER NOT NULL,
    company VARCHAR NOT NULL,
    name_zh VARCHAR,
    name_en VARCHAR,
    text VARCHAR,
    start INTEGER,
    "end" INTEGER,
    via VARCHAR,
    product VARCHAR,
    PRIMARY KEY (doc_id, mention_no)
);
CREATE TABLE IF NOT EXISTS metrics (
    doc_id VARCHAR NOT NULL,
    metric_no INTEGER NOT NULL,
    company VARCHAR,
    metric VARCHAR NOT NULL,
    value DOUBLE,
    value_max DOUBLE,
    unit VARCHAR,
    per VARCHAR,
    period VARCHAR,
    qualifier VARCHAR,
    segment VARCHAR,
    basis VARCHAR,
    "of" VARCHAR,
    currency_inferred BOOLEAN,
    text VARCHAR,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (doc_id, metric_no)
);
CREATE TABLE IF NOT EXISTS monetization (
    doc_id VARCHAR NOT NULL,
    model_no INTEGER NOT NULL,
    model VARCHAR NOT NULL,
    company VARCHAR,
    text VARCHAR,
    start INTEGER,
    "end" INTEGER,
    score DOUBLE,
    via VARCHAR,
    PRIMARY KEY (doc_id, model_no)
);
CREATE TABLE IF NOT EXISTS duplicates (
    doc_id VARCHAR PRIMARY KEY,
    duplicate_of VARCHAR NOT NULL,
    similarity DOUBLE
);
CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR PRIMARY KEY,
    reason VARCHAR NOT NULL,
    time TIMESTAMP
);
CREATE TABLE IF NOT EXISTS processed_inputs (
    input_key VARCHAR PRIMARY KEY,
    path VARCHAR,
    line INTEGER,
    size BIGINT,
    mtime DOUBLE,
    source VARCHAR,
    doc_id VARCHAR,
    processed_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS signatures (
    doc_id VARCHAR PRIMARY KEY,
    language VARCHAR,
    n_shingles INTEGER,
    minhash BLOB
);
"""

# Figures about one company, metric and period (and unit, per, segment, basis, growth-of) group into
# facts: values within 1% of their neighbour (sorted) are one fact. A fact is `disputed` when another
# article gives a different value for the same key: two articles each reporting a single value for
# it, the values more than 1% apart. Figures with no period are listed but never disputed (they may
# be from different dates), nor is an article that itself gives two values (they name different
# things the key cannot tell apart).
_KEY = 'company, metric, period, unit, per, segment, basis, "of"'
FACTS_VIEW = f"""
CREATE OR REPLACE VIEW facts AS
WITH m AS (
    SELECT m.doc_id, m.company, m.metric, m.period, m.unit, m.per, m.segment, m.basis, m."of",
           m.value, a.published, coalesce(a.duplicate_of, a.doc_id) AS origin, m.metric_no
    FROM metrics m JOIN articles a USING (doc_id)
    WHERE m.company IS NOT NULL AND m.value IS NOT NULL
), stepped AS (
    SELECT *, CASE WHEN lag(value) OVER w IS NULL
                     OR abs(value - lag(value) OVER w) > 0.01 * greatest(abs(value), abs(lag(value) OVER w))
                   THEN 1 ELSE 0 END AS new_value
    FROM m
    WINDOW w AS (PARTITION BY {_KEY} ORDER BY value, doc_id, metric_no)
), grouped AS (
    SELECT *, sum(new_value) OVER (PARTITION BY {_KEY} ORDER BY value, doc_id, metric_no
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS value_group
    FROM stepped
), per_doc AS (
    SELECT {_KEY}, value_group, doc_id, any_value(origin) AS origin, min(published) AS published,
           min(value) AS lo, max(value) AS hi
    FROM grouped
    GROUP BY ALL
), per_doc_n AS (
    SELECT *, count(*) OVER (PARTITION BY {_KEY}, doc_id) AS doc_values FROM per_doc
)
SELECT {_KEY},
       median(lo) AS value, min(lo) AS value_min, max(hi) AS value_max,
       count(*) AS n_sources,
       count(DISTINCT origin) AS n_independent,
       min(published) AS first_seen,
       list(doc_id ORDER BY published NULLS LAST, doc_id) AS doc_ids,
       period IS NOT NULL AND sum(CASE WHEN bool_or(doc_values = 1) THEN 1 ELSE 0 END)
           OVER (PARTITION BY {_KEY}) > 1 AS disputed
FROM per_doc_n
GROUP BY {_KEY}, value_group
"""

COMPANIES_VIEW = """
CREATE OR REPLACE VIEW companies AS
SELECT company AS id, min(name_zh) AS name_zh, min(name_en) AS name_en,
       count(DISTINCT doc_id) AS n_articles, count(*) AS n_mentions
FROM company_mentions GROUP BY company
"""

ARTICLE_COLUMNS = ("doc_id", "source", "title", "published", "language", "script", "text",
                   "text_simplified", "cleaning", "duplicate_of", "schema", "record")
MENTION_COLUMNS = ("doc_id", "mention_no", "company", "name_zh", "name_en", "text", "start", "end",
                   "via", "product")
METRIC_COLUMNS = ("doc_id", "metric_no", "company", "metric", "value", "value_max", "unit", "per",
                  "period", "qualifier", "segment", "basis", "of", "currency_inferred", "text",
                  "start", "end")
MONEY_COLUMNS = ("doc_id", "model_no", "model", "company", "text", "start", "end", "score", "via")

# Record fields whose content lives in their own columns; `record` stores null in their place.
_OWN_COLUMNS = ("text", "text_simplified", "duplicate_of")


def parse_date(value: Any) -> Optional[dt.date]:
    """`YYYY-MM-DD` -> date; anything else -> None (the record JSON keeps what was written)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _num(value: Any) -> Optional[float]:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> Optional[str]:
    return None if value is None else str(value)


@dataclass(slots=True)
class Rows:
    """One record flattened into table rows (tuples in the *_COLUMNS order). Built in the worker,
    so the single writer process only concatenates columns."""

    doc_id: str
    source: str
    published: Optional[dt.date]
    article: tuple
    company_mentions: list[tuple]
    metrics: list[tuple]
    monetization: list[tuple]


def article_row(rec: dict) -> tuple:
    slim = {k: (None if k in _OWN_COLUMNS else v) for k, v in rec.items()}
    return (rec["doc_id"], rec.get("source") or "", _str(rec.get("title")), parse_date(rec.get("published")),
            rec.get("language"), rec.get("script"), rec.get("text"), rec.get("text_simplified"),
            json.dumps(rec.get("cleaning") or {}, ensure_ascii=False), None, rec.get("schema"),
            json.dumps(slim, ensure_ascii=False))


def mention_rows(rec: dict) -> list[tuple]:
    rows: list[tuple] = []
    doc_id = rec["doc_id"]
    for comp in rec.get("companies") or ():
        cid, zh, en = _str(comp.get("id")) or "", comp.get("name_zh"), comp.get("name_en")
        for m in comp.get("mentions") or ():
            rows.append((doc_id, len(rows), cid, zh, en, m.get("text"), _int(m.get("start")), _int(m.get("end")),
                         m.get("via"), m.get("product")))
    return rows


def metric_rows(rec: dict) -> list[tuple]:
    doc_id = rec["doc_id"]
    return [(doc_id, i, m.get("company"), _str(m.get("metric")) or "", _num(m.get("value")),
             _num(m.get("value_max")), m.get("unit"), m.get("per"), _str(m.get("period")), m.get("qualifier"),
             m.get("segment"), m.get("basis"), m.get("of"),
             bool(m["currency_inferred"]) if "currency_inferred" in m else None,
             m.get("text"), _int(m.get("start")), _int(m.get("end")))
            for i, m in enumerate(rec.get("metrics") or ())]


def money_rows(rec: dict) -> list[tuple]:
    doc_id = rec["doc_id"]
    return [(doc_id, i, _str(m.get("model")) or "", m.get("company"), m.get("text"), _int(m.get("start")),
             _int(m.get("end")), _num(m.get("score")), m.get("via"))
            for i, m in enumerate(rec.get("monetization") or ())]


def flatten(rec: dict) -> Rows:
    """A record as the rows of articles, company_mentions, metrics and monetization."""
    art = article_row(rec)
    return Rows(rec["doc_id"], art[1], art[3], art, mention_rows(rec), metric_rows(rec), money_rows(rec))


@lru_cache(maxsize=1)
def _arrow_types() -> dict:
    import pyarrow as pa  # here, not at the top: workers flatten records without Arrow

    return {
        "published": pa.date32(), "mention_no": pa.int32(), "metric_no": pa.int32(), "model_no": pa.int32(),
        "start": pa.int32(), "end": pa.int32(), "value": pa.float64(), "value_max": pa.float64(),
        "score": pa.float64(), "currency_inferred": pa.bool_(), "line": pa.int32(), "size": pa.int64(),
        "mtime": pa.float64(), "n_shingles": pa.int32(), "minhash": pa.binary(),
        "processed_at": pa.timestamp("us"), "time": pa.timestamp("us"), "similarity": pa.float64(),
        "ord": pa.int64(), "": pa.string(),
    }


def to_arrow(rows: Sequence[tuple], columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Row tuples (in `columns` order) -> an Arrow table with the dataset's column types."""
    import pyarrow as pa

    types = _arrow_types()
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    return pa.table({c: pa.array(list(v), type=types.get(c, types[""])) for c, v in zip(columns, cols)})


def record_from_row(record_json: str, text: Optional[str], text_simplified: Optional[str],
                    duplicate_of: Optional[str]) -> dict:
    """The stored record with its text columns and current duplicate_of put back in place."""
    rec = json.loads(record_json)
    rec["text"] = text
    rec["text_simplified"] = text_simplified
    rec["duplicate_of"] = duplicate_of
    return rec
