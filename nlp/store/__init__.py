"""The dataset: DuckDB (nlp.store.duckdb), Parquet export (nlp.store.parquet), JSON Lines
(nlp.store.jsonl). Table layout and keys: nlp.store.tables and the README ("The dataset")."""
