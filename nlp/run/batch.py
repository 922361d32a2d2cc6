"""`nlp batch`: inputs -> workers (analyze_bytes + dedup signature) -> DuckDB, chunk by chunk ->
dedup over the whole dataset -> exports. The client process is the only writer.

    from nlp.run.batch import BatchConfig, run_batch
    summary = run_batch(BatchConfig(inputs=["scrape/"], db="news.duckdb", workers=4))

Resume: every chunk commits its records together with their `processed_inputs` rows, so after a
crash or kill the next run skips what was committed and does the rest. Determinism: the dataset
depends only on the set of inputs: not on worker count, engine or the order outcomes arrive in.
"""
from __future__ import annotations

import datetime as dt
import itertools
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, TextIO

from nlp.dedup.cluster import ClusterStats
from nlp.dedup.mark import dedupe_store
from nlp.run.inputs import InputUnit, count_inputs, iter_inputs
from nlp.run.progress import Progress
from nlp.run.task import DEFAULT_ANALYZER, TaskContext
from nlp.store.duckdb import Counts, DuckDBStore, Processed


@dataclass(slots=True)
class BatchConfig:
    inputs: list[str]
    db: str
    workers: Optional[int] = None  # None: every core
    engine: str = "local"  # local | dask
    scheduler: Optional[str] = None  # dask: tcp://host:8786; None starts a LocalCluster
    ship: str = "bytes"  # dask: bytes | paths
    jsonl: Optional[str] = None
    parquet: Optional[str] = None
    published: Optional[str] = None  # default date for pages that show none
    kb: tuple[str, ...] = ()
    settings: Any = None  # a ready nlp.settings.Settings (overrides published/kb)
    analyzer: str = DEFAULT_ANALYZER
    timeout: Optional[float] = 120.0  # seconds per input (pool workers and --workers 1)
    chunk_size: int = 256  # outcomes per transaction
    commit_seconds: float = 5.0  # ... or sooner when this much time has passed
    progress: Optional[bool] = None  # None: a bar on a terminal, log lines otherwise
    log_every: float = 10.0
    stream: TextIO = field(default_factory=lambda: sys.stderr)


@dataclass(slots=True)
class BatchSummary:
    inputs: int = 0  # inputs seen this run
    skipped: int = 0  # already in the dataset
    processed: int = 0  # records written this run
    failed: int = 0
    run_docs: int = 0
    run_duplicates: int = 0
    run_companies: int = 0
    run_figures: int = 0
    dataset: Optional[Counts] = None
    dedup: Optional[ClusterStats] = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_status(self) -> int:
        return 1 if self.failed else 0


def make_settings(cfg: BatchConfig) -> Any:
    if cfg.settings is not None:
        return cfg.settings
    from nlp.settings import Settings

    return Settings(kb_paths=tuple(cfg.kb), published=cfg.published)


def make_engine(cfg: BatchConfig, ctx: TaskContext):  # type: ignore[no-untyped-def]
    if cfg.engine == "local":
        from nlp.run.local import LocalEngine

        return LocalEngine(ctx, workers=cfg.workers)
    if cfg.engine == "dask":
        from nlp.run.dask import DaskEngine

        return DaskEngine(ctx, scheduler=cfg.scheduler, workers=cfg.workers, ship=cfg.ship)
    raise ValueError(f"unknown engine {cfg.engine!r} (local or dask)")


def _pending(store: DuckDBStore, units: Iterable[InputUnit], progress: Progress, summary: BatchSummary,
             failed_early: list[Processed], chunk: int = 512) -> Iterator[InputUnit]:
    """Units not yet in the dataset; discovery errors are set aside for the writer."""
    it = iter(units)
    while True:
        batch = list(itertools.islice(it, chunk))
        if not batch:
            return
        summary.inputs += len(batch)
        todo = store.pending([u.key for u in batch if u.error is None])
        skipped = 0
        for u in batch:
            if u.error is not None:
                failed_early.append(Processed(key=u.key, path=u.path, source=u.source, line=u.line, error=u.error))
            elif u.key in todo:
                yield u
            else:
                skipped += 1
        if skipped:
            summary.skipped += skipped
            progress.update(skipped, skipped=skipped)


def run_batch(cfg: BatchConfig) -> BatchSummary:
    """Run the whole job; returns the summary (exit_status 1 if any input failed)."""
    t0 = time.perf_counter()
    started = dt.datetime.now().replace(microsecond=0)
    summary = BatchSummary()
    ctx = TaskContext(settings=make_settings(cfg), analyzer=cfg.analyzer, timeout=cfg.timeout)
    progress = Progress(cfg.stream, bar=cfg.progress, every=cfg.log_every)
    progress.count_total_in_background(lambda: count_inputs(cfg.inputs))
    store = DuckDBStore(cfg.db)
    try:
        engine = make_engine(cfg, ctx)
        try:
            _extract(cfg, store, engine, progress, summary)
        finally:
            engine.close()
        t1 = time.perf_counter()
        summary.seconds["extract"] = t1 - t0
        progress.message("deduplicating")
        summary.dedup = dedupe_store(store)
        t2 = time.perf_counter()
        summary.seconds["dedup"] = t2 - t1
        if cfg.parquet or cfg.jsonl:
            progress.message("exporting")
        if cfg.parquet:
            from nlp.store.parquet import ParquetExport

            ParquetExport(cfg.parquet).run(store)
        if cfg.jsonl:
            from nlp.store.jsonl import JsonlExport

            JsonlExport(cfg.jsonl).run(store)
        summary.seconds["export"] = time.perf_counter() - t2
        summary.dataset = store.counts()
        _run_counts(store, started, summary)
    finally:
        progress.close()
        store.close()
    summary.seconds["total"] = time.perf_counter() - t0
    return summary


def _extract(cfg: BatchConfig, store: DuckDBStore, engine: Any, progress: Progress,
             summary: BatchSummary) -> None:
    failed_early: list[Processed] = []
    buffer: list[Processed] = []
    last_commit = time.monotonic()

    def flush() -> None:
        nonlocal last_commit
        if buffer:
            store.write(buffer)
            buffer.clear()
        last_commit = time.monotonic()

    def take(p: Processed) -> None:
        if p.error is not None:
            summary.failed += 1
            progress.write(f"nlp batch: error: {p.source}: {p.error}")
        else:
            summary.processed += 1
        buffer.append(p)
        progress.update(1, failed=int(p.error is not None))

    units = _pending(store, iter_inputs(cfg.inputs), progress, summary, failed_early)
    for p in engine.run(units):
        take(p)
        while failed_early:
            take(failed_early.pop(0))
        if len(buffer) >= cfg.chunk_size or time.monotonic() - last_commit >= cfg.commit_seconds:
            flush()
    for p in failed_early:
        take(p)
    flush()


def _run_counts(store: DuckDBStore, started: dt.datetime, summary: BatchSummary) -> None:
    """What this run's inputs contributed (they may be shared with earlier runs' rows)."""
    q = lambda sql: int(store.con.execute(sql, [started]).fetchall()[0][0])  # noqa: E731
    this_run = "SELECT DISTINCT doc_id FROM processed_inputs WHERE processed_at >= ?"
    summary.run_docs = q(f"SELECT count(*) FROM ({this_run})")
    summary.run_duplicates = q(f"SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL "
                               f"AND doc_id IN ({this_run})")
    summary.run_companies = q(f"SELECT count(DISTINCT company) FROM company_mentions WHERE doc_id IN ({this_run})")
    summary.run_figures = q(f"SELECT count(*) FROM metrics WHERE doc_id IN ({this_run})")


def format_summary(s: BatchSummary) -> str:
    """The table printed at the end of `nlp batch`."""
    d = s.dataset
    rows = [
        ("docs", s.run_docs, d.articles if d else 0),
        ("duplicates", s.run_duplicates, d.duplicates if d else 0),
        ("failures", s.failed, d.errors if d else 0),
        ("companies", s.run_companies, d.companies if d else 0),
        ("figures", s.run_figures, d.figures if d else 0),
        ("facts", "", f"{d.facts} ({d.disputed_facts} disputed)" if d else 0),
    ]
    lines = [f"{'':12}{'this run':>10}  {'dataset':>10}"]
    lines += [f"{name:12}{str(run):>10}  {str(total):>10}" for name, run, total in rows]
    sec = s.seconds
    lines.append(f"{'time':12}{sec.get('total', 0):>9.1f}s  "
                 f"(extract {sec.get('extract', 0):.1f}s, dedup {sec.get('dedup', 0):.1f}s, "
                 f"export {sec.get('export', 0):.1f}s)")
    lines.append(f"{'inputs':12}{s.inputs:>10}  ({s.skipped} already in the dataset, skipped)")
    return "\n".join(lines)
