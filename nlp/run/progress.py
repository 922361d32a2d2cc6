"""Progress: a tqdm bar (docs/s, ETA) on a terminal; otherwise a quiet log line every `every` s.

The total is counted by a background thread while the run starts (walking directories and counting
JSONL lines reads no pages), so the ETA appears as soon as the count is done.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable, Optional, TextIO


def _fmt_eta(seconds: float) -> str:
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts inputs done (processed, skipped, failed) and reports them on `stream`."""

    def __init__(self, stream: TextIO = sys.stderr, bar: Optional[bool] = None, every: float = 10.0,
                 desc: str = "nlp batch") -> None:
        self.stream = stream
        self.every = every
        self.desc = desc
        self.done = self.failed = self.skipped = 0
        self.total: Optional[int] = None
        self.start = time.monotonic()
        self._last_log = self.start
        self._lock = threading.Lock()
        use_bar = bar if bar is not None else bool(getattr(stream, "isatty", lambda: False)())
        self._bar = None
        if use_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit="docs", desc=desc, file=stream, dynamic_ncols=True,
                             smoothing=0.1, mininterval=0.25)

    def count_total_in_background(self, counter: Callable[[], int]) -> threading.Thread:
        def work() -> None:
            try:
                self.set_total(counter())
            except Exception:  # noqa: BLE001 - progress is cosmetic; the run does not depend on it
                pass

        t = threading.Thread(target=work, name="count-inputs", daemon=True)
        t.start()
        return t

    def set_total(self, total: int) -> None:
        with self._lock:
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.refresh()

    def update(self, n: int = 1, failed: int = 0, skipped: int = 0) -> None:
        self.done += n
        self.failed += failed
        self.skipped += skipped
        if self._bar is not None:
            with self._lock:
                if failed or skipped:
                    self._bar.set_postfix(failed=self.failed, skipped=self.skipped, refresh=False)
                self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last_log >= self.every:
            self._last_log = now
            self.stream.write(self.status_line() + "\n")
            self.stream.flush()

    def status_line(self) -> str:
        elapsed = max(1e-9, time.monotonic() - self.start)
        worked = self.done - self.skipped
        rate = worked / elapsed
        total = f"/{self.total}" if self.total is not None else ""
        pct = f" ({self.done / self.total:.0%})" if self.total else ""
        eta = ""
        if self.total is not None and rate > 0:
            eta = f", ETA {_fmt_eta(max(0, self.total - self.done) / rate)}"
        extra = "".join(f", {v} {k}" for k, v in (("failed", self.failed), ("skipped", self.skipped)) if v)
        return f"{self.desc}: {self.done}{total} inputs{pct}, {rate:.1f} docs/s{eta}{extra}"

    def write(self, line: str) -> None:
        """A message line (an input error) that does not break the bar."""
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def message(self, line: str) -> None:
        """A stage message (dedup, export): shown on the bar, or logged."""
        if self._bar is not None:
            self._bar.set_description_str(f"{self.desc}: {line}")
        else:
            self.stream.write(f"{self.desc}: {line}\n")
            self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
