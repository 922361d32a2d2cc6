"""The work one worker does for one input, the same in every engine: read -> analyze_bytes ->
dedup signature. Never raises: a bad input comes back as an error outcome and the run goes on."""
from __future__ import annotations

import importlib
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional, Sequence

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


def process_units(units: Sequence[InputUnit], ctx: TaskContext) -> list[Processed]:
    """`process_unit` for a few inputs in one task: one IPC round trip (submit, pickle, wake-up of
    the pool's threads) instead of one per page. Each input keeps its own outcome and deadline."""
    return [process_unit(unit, ctx) for unit in units]


# Pages the default analyzer warms up on: Chinese (traditional, so OpenCC converts) HTML and
# English text, with KB companies and one the KB lacks, figures and business-model cues, so that
# jieba's dictionaries (also its part-of-speech tags), the KB matcher, the monetization model,
# OpenCC and the extractors' regexes are all loaded.
_SAMPLES = (
    ("<html><head><title>騰訊發布季度業績</title></head><body><article><h1>騰訊發布季度業績</h1>"
     "<p>騰訊控股今日公布2024年第二季度業績，營收1611億元，同比增長8%，淨利潤476億元。"
     "公司表示，廣告收入增長19%，雲服務與大模型API按調用量收費，訂閱用戶超過一億。</p>"
     "<p>阿里巴巴與百度的人工智能業務也在加速商業化，GPU算力租賃需求旺盛。"
     "深圳星辰智能科技有限公司推出的AI助手按月收取會員費。</p></article></body></html>"
     ).encode("utf-8"),
    (b"Microsoft said revenue rose 15% to $64.7 billion in the fourth quarter. Azure cloud revenue "
     b"grew 29%, and the company charges a monthly subscription of $30 per user for Copilot, its AI "
     b"assistant built on OpenAI's GPT-4 large language model; Nvidia GPUs power the service."),
)


def warm_up(ctx: Optional[TaskContext] = None) -> None:
    """Load, before the first page, what the first page would load lazily (the analyzer's modules,
    then for the default analyzer: jieba's dictionaries, the KB matcher, the monetization model,
    OpenCC...: seconds of work). Done once in the forkserver (nlp.run.preload) it is shared by every
    worker forked from it; in a worker it is then a few milliseconds. Either way it no longer counts
    against the first page's timeout. Best effort: a sample that fails is ignored here, and the
    real pages report the problem (or stop the run if the installation is broken)."""
    ctx = ctx or TaskContext()
    analyze = _resolve(ctx.analyzer)
    if ctx.analyzer != DEFAULT_ANALYZER:
        return
    for i, data in enumerate(_SAMPLES):
        try:
            record = analyze(data, f"warm-up-{i}.{'html' if data.startswith(b'<') else 'txt'}", None,
                             ctx.settings)
            signature_of(record)
            flatten(record)
        except Exception:  # noqa: BLE001 - see the docstring
            pass
