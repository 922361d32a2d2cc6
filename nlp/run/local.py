"""Local engine: a pool of worker processes on this machine, fed lazily with a bounded queue.

Workers receive paths (they read the files themselves) and return Processed outcomes in completion
order; at most `workers x inflight_per_worker` inputs are in flight, so memory stays flat however
large the corpus. With one worker the work runs in this process (no pool, no pickling).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from nlp.run.inputs import InputUnit
from nlp.run.task import FATAL, TaskContext, process_unit, warm_up
from nlp.store.outcome import Processed


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """`run(units)` -> Processed outcomes, unordered, from `workers` processes."""

    name = "local"

    def __init__(self, ctx: TaskContext, workers: Optional[int] = None, inflight_per_worker: int = 4) -> None:
        self.ctx = ctx
        self.workers = workers or default_workers()
        self.max_inflight = max(2, self.workers * inflight_per_worker)
        self._pool: Optional[ProcessPoolExecutor] = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers do not inherit the writer's DuckDB connection or threads
            method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context(method),
                                             initializer=warm_up, initargs=(self.ctx,))
        return self._pool

    def run(self, units: Iterable[InputUnit]) -> Iterator[Processed]:
        if self.workers == 1:
            for unit in units:
                yield process_unit(unit, self.ctx)
            return
        pending: dict[Future, InputUnit] = {}
        it = iter(units)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.max_inflight:
                unit = next(it, None)
                if unit is None:
                    exhausted = True
                    break
                pending[self._start().submit(process_unit, unit, self.ctx)] = unit
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                unit = pending.pop(fut)
                try:
                    yield fut.result()
                except FATAL:
                    raise
                except Exception as exc:  # noqa: BLE001 - a worker died (crash, OOM kill)
                    if isinstance(exc, BrokenProcessPool):
                        self.close(wait=False)  # a fresh pool for the rest; this page is reported, not retried
                    yield Processed(key=unit.key, path=unit.path, source=unit.source, line=unit.line,
                                    error=f"worker process failed: {type(exc).__name__}: {exc}")

    def close(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
