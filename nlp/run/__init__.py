"""Corpus runs: input discovery (inputs), the per-input task (task), engines (local, dask),
progress, orchestration (batch) and the `nlp batch` subcommand (cli)."""
