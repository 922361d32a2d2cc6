"""Dask engine: the same per-input task (nlp.run.task.process_unit) on a Dask distributed cluster.

The client process (the one running `nlp batch`) walks the inputs, ships them to the workers and
writes every outcome into DuckDB itself; workers only run analyze_bytes and the dedup signature.
By default the client reads each file and ships its bytes, so workers need no access to the
client's disks (`ship="paths"` sends paths instead: only for storage every worker mounts at the
same path). Workers need the same `nlp` package (and its models) installed.

Without a scheduler address, a LocalCluster of `workers` processes is started for the run.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from nlp.run.inputs import InputUnit, with_bytes
from nlp.run.task import FATAL, TaskContext, process_unit
from nlp.store.outcome import Processed


class DaskEngine:
    """`run(units)` -> Processed outcomes, unordered, computed on a Dask cluster."""

    name = "dask"

    def __init__(self, ctx: TaskContext, scheduler: Optional[str] = None, workers: Optional[int] = None,
                 ship: str = "bytes", inflight_per_thread: int = 4) -> None:
        if ship not in ("bytes", "paths"):
            raise ValueError(f"ship must be 'bytes' or 'paths', not {ship!r}")
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
            raise RuntimeError("the dask engine needs `pip install 'dask[distributed]'`") from exc
        self.ctx = ctx
        self.ship = ship
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            from nlp.run.local import default_workers

            self.cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.max_inflight = max(4, threads * inflight_per_thread)
        self._ctx_future = self.client.scatter(ctx, broadcast=True)

    def run(self, units: Iterable[InputUnit]) -> Iterator[Processed]:
        from distributed import as_completed

        it = iter(units)
        pending: dict = {}
        ac = as_completed()

        def submit_next() -> bool:
            unit = next(it, None)
            if unit is None:
                return False
            if self.ship == "bytes":
                unit = with_bytes(unit)
            fut = self.client.submit(process_unit, unit, self._ctx_future, pure=False)
            pending[fut] = unit
            ac.add(fut)
            return True

        exhausted = False
        while not exhausted and len(pending) < self.max_inflight:
            exhausted = not submit_next()
        while pending:
            fut = next(ac)
            unit = pending.pop(fut)
            try:
                yield fut.result()
            except FATAL:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker died or the task was lost
                yield Processed(key=unit.key, path=unit.path, source=unit.source, line=unit.line,
                                error=f"dask task failed: {type(exc).__name__}: {exc}")
            finally:
                fut.release()
            while not exhausted and len(pending) < self.max_inflight:
                exhausted = not submit_next()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "DaskEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
