"""The local engine's pool: batches of pages per task, and a worker that dies."""
from __future__ import annotations

import os

from nlp.run.inputs import InputUnit
from nlp.run.local import LocalEngine
from nlp.run.task import TaskContext


def dies_on_page_5(data: bytes, source: str, published=None, settings=None) -> dict:
    if source.endswith("page5.txt"):
        os._exit(1)  # like a segfault or an OOM kill: no exception, the process is gone
    text = data.decode()
    return {"doc_id": source[-9:], "source": source, "language": "en", "text": text,
            "text_simplified": text}


def test_a_dying_worker_fails_only_its_page(tmp_path):
    units = []
    for i in range(20):
        path = tmp_path / f"page{i}.txt"
        path.write_text(f"page number {i} " * 5, encoding="utf-8")
        units.append(InputUnit(key=str(path), path=str(path), source=str(path)))
    with LocalEngine(TaskContext(analyzer="test_run_local:dies_on_page_5"), workers=2, batch_size=4) as engine:
        outcomes = {os.path.basename(p.source): p for p in engine.run(units)}
    assert len(outcomes) == 20
    failed = {name for name, p in outcomes.items() if p.error is not None}
    assert "page5.txt" in failed and outcomes["page5.txt"].error.startswith("worker process failed")
    # pages redone alone while page 5 kills a worker the second time may fail with it, no others
    assert len(failed) <= 2 * 2
    assert all(p.rows is not None for name, p in outcomes.items() if name not in failed)
