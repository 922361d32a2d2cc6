"""Fixtures for the batch tests: the small corpus and one reference run of it."""
from __future__ import annotations

import pytest

from batch_corpus import build_small_corpus


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("batch") / "corpus"
    return root, build_small_corpus(root)


@pytest.fixture(scope="session")
def reference_run(small_corpus, tmp_path_factory):
    """The corpus through the local engine with 2 workers (the reference other runs must equal)."""
    from nlp.run.batch import BatchConfig, run_batch

    corpus, _ = small_corpus
    out = tmp_path_factory.mktemp("reference")
    db = out / "ref.duckdb"
    summary = run_batch(BatchConfig(inputs=[str(corpus)], db=str(db), workers=2, progress=False,
                                    jsonl=str(out / "records.jsonl"), parquet=str(out / "parquet")))
    return db, summary, out
