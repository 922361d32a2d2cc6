"""Progress: quiet log lines off a terminal, a tqdm bar on one."""
from __future__ import annotations

import io
import re

from nlp.run.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_lines_when_not_a_terminal():
    out = io.StringIO()
    p = Progress(out, every=0)
    p.set_total(10)
    p.update(1)
    p.update(1, failed=1)
    p.write("nlp batch: error: x.html: empty file")
    p.close()
    lines = out.getvalue().splitlines()
    assert re.match(r"nlp batch: 1/10 inputs \(10%\), [\d.]+ docs/s, ETA \d+:\d\d$", lines[0])
    assert lines[1].endswith(", 1 failed")
    assert lines[2] == "nlp batch: error: x.html: empty file"


def test_quiet_between_intervals():
    out = io.StringIO()
    p = Progress(out, every=3600)
    for _ in range(100):
        p.update(1)
    assert out.getvalue() == ""
    assert p.status_line().startswith("nlp batch: 100 inputs")  # total unknown: no ETA


def test_bar_on_a_terminal():
    out = Tty()
    p = Progress(out)
    p.set_total(4)
    p.update(2, skipped=2)
    p.write("nlp batch: error: y: bad")
    p.close()
    text = out.getvalue()
    assert "2/4" in text and "docs/s" in text
    assert "nlp batch: error: y: bad" in text
