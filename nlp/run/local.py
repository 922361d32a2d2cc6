"""Local engine: a pool of worker processes on this machine, fed lazily with a bounded queue.

Workers receive paths (they read the files themselves) and return Processed outcomes in completion
order. Inputs travel in small batches (`batch_size` per task): one page per task made the pool's
round trip (pickling, queues, waking its threads) a noticeable share of a ~10 ms page, mostly in
the writer process that competes with the workers for the cores. At most
`workers x inflight_per_worker` batches are in flight, so memory stays flat however large the
corpus. Each page keeps its own outcome and deadline inside a batch; when a worker dies (a crash,
an OOM kill) the pages of the batches that were in flight are redone one per task, so only the page
that kills a worker (and the pages redone alone in flight with it) is reported failed. With one
worker the work runs in this process (no pool, no pickling).

Workers are forked from a forkserver that has already loaded and warmed up the default pipeline
(nlp.run.preload), so starting one costs milliseconds instead of seconds of loading per worker.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from nlp.run.inputs import InputUnit
from nlp.run.task import FATAL, TaskContext, process_unit, process_units, warm_up
from nlp.store.outcome import Processed


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """`run(units)` -> Processed outcomes, unordered, from `workers` processes."""

    name = "local"

    def __init__(self, ctx: TaskContext, workers: Optional[int] = None, inflight_per_worker: int = 2,
                 batch_size: int = 8) -> None:
        self.ctx = ctx
        self.workers = workers or default_workers()
        self.max_inflight = max(2, self.workers * inflight_per_worker)
        self.batch_size = batch_size
        self._pool: Optional[ProcessPoolExecutor] = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers do not inherit the writer's DuckDB connection or threads
            if "forkserver" in mp.get_all_start_methods():
                context = mp.get_context("forkserver")
                # the forkserver is one per process; the list only counts when it starts
                context.set_forkserver_preload(["nlp.run.preload"])
            else:  # pragma: no cover - not POSIX
                context = mp.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                             initializer=warm_up, initargs=(self.ctx,))
        return self._pool

    def run(self, units: Iterable[InputUnit]) -> Iterator[Processed]:
        if self.workers == 1:
            warmed = False
            for unit in units:
                if not warmed:  # as a pool worker would (and only when there is a page to do): the
                    warm_up(self.ctx)  # first page's deadline excludes the loading
                    warmed = True
                yield process_unit(unit, self.ctx)
            return
        pending: dict[Future, list[InputUnit]] = {}
        it = iter(units)
        again: list[InputUnit] = []  # pages of a batch whose worker died, to be redone one by one
        exhausted = False
        while True:
            while (again or not exhausted) and len(pending) < self.max_inflight:
                batch = [again.pop(0)] if again else list(itertools.islice(it, self.batch_size))
                if not batch:
                    exhausted = True
                    break
                pending[self._start().submit(process_units, batch, self.ctx)] = batch
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                batch = pending.pop(fut)
                try:
                    outcomes = fut.result()
                except FATAL:
                    raise
                except Exception as exc:  # noqa: BLE001 - a worker died (crash, OOM kill)
                    if isinstance(exc, BrokenProcessPool):
                        self.close(wait=False)  # a fresh pool for the rest
                    if len(batch) > 1:
                        # a dying worker takes down every task in flight: their pages are redone
                        # singly, so that in the end only the page that kills a worker is reported
                        again.extend(batch)
                        continue
                    reason = f"worker process failed: {type(exc).__name__}: {exc}"
                    outcomes = [Processed(key=u.key, path=u.path, source=u.source, line=u.line, error=reason)
                                for u in batch]
                yield from outcomes

    def close(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
