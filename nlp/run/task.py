"""The work one worker does for one input, the same in every engine: read -> analyze_bytes ->
dedup signature. Never raises: a bad input comes back as an error outcome and the run goes on."""
from __future__ import annotations

import importlib
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional

from nlp.dedup.signature import signature_of
from nlp.errors import InputError, ModelFileError
from nlp.run.inputs import InputUnit, load_unit
from nlp.store.outcome import Processed
from nlp.store.tables import flatten

DEFAULT_ANALYZER = "nlp.pipeline:analyze_bytes"
# Errors of the installation, not of a page: every input would fail the same way, so the run stops.
FATAL = (ModelFileError, ImportError, MemoryError)


@dataclass(frozen=True, slots=True)
class TaskContext:
    """Everything a worker needs besides the input; pickled once per worker (Dask: scattered)."""

    settings: Any = None  # nlp.settings.Settings
    analyzer: str = DEFAULT_ANALYZER  # "module:function" with analyze_bytes' signature
    timeout: Optional[float] = 120.0  # seconds per input; None: no limit


class PageTimeout(Exception):
    pass


@contextmanager
def _deadline(seconds: Optional[float]) -> Iterator[None]:
    """Interrupt the page after `seconds` (SIGALRM: in a process's main thread, i.e. pool workers
    and `--workers 1`; Dask runs tasks in threads, where the limit is not applied)."""
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=4)
def _resolve(spec: str) -> Callable[..., dict]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def process_unit(unit: InputUnit, ctx: TaskContext) -> Processed:
    """One input -> Processed (record + signature, or an error reason)."""
    out = Processed(key=unit.key, path=unit.path, source=unit.source, line=unit.line, size=unit.size,
                    mtime=unit.mtime)
    try:
        data, source, published = load_unit(unit)
        out.source = source
        analyze = _resolve(ctx.analyzer)
        with _deadline(ctx.timeout):
            record = analyze(data, source, published, ctx.settings)
            out.signature = signature_of(record)
            out.rows = flatten(record)  # the writer only concatenates; the record itself is not sent back
    except PageTimeout as exc:
        out.error = str(exc)
        out.rows = out.signature = None
    except InputError as exc:
        out.error = exc.reason
        out.source = exc.source or out.source
        out.rows = out.signature = None
    except FATAL:
        raise
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a corpus run
        out.error = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0][:500]
        out.rows = out.signature = None
    return out


def warm_up(ctx: Optional[TaskContext] = None) -> None:
    """Import the analyzer in a fresh worker before the first page arrives."""
    _resolve((ctx or TaskContext()).analyzer)
