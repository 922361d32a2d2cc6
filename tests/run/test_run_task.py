"""The per-input task: outcomes, never exceptions (except a broken installation), and a deadline."""
from __future__ import annotations

import time

import pytest

from nlp.errors import InputError, ModelFileError
from nlp.run.inputs import InputUnit
from nlp.run.task import TaskContext, process_unit


def slow(data: bytes, source: str, published=None, settings=None) -> dict:
    time.sleep(5)
    raise AssertionError("not reached")


def broken(data: bytes, source: str, published=None, settings=None) -> dict:
    raise ValueError("boom\nsecond line")


def rejects(data: bytes, source: str, published=None, settings=None) -> dict:
    raise InputError(source, "no article found in the HTML page")


def no_model(data: bytes, source: str, published=None, settings=None) -> dict:
    raise ModelFileError("models/x: missing")


def unit(tmp_path) -> InputUnit:
    path = tmp_path / "page.txt"
    path.write_text("正文", encoding="utf-8")
    return InputUnit(key="k", path=str(path), source=str(path))


def test_a_slow_page_times_out(tmp_path):
    t0 = time.perf_counter()
    out = process_unit(unit(tmp_path), TaskContext(analyzer="test_run_task:slow", timeout=0.5))
    assert time.perf_counter() - t0 < 3
    assert out.error == "timed out after 0.5 s" and out.rows is None


@pytest.mark.parametrize("analyzer, reason", [
    ("test_run_task:broken", "internal error: ValueError: boom"),
    ("test_run_task:rejects", "no article found in the HTML page"),
])
def test_failures_become_error_outcomes(tmp_path, analyzer, reason):
    out = process_unit(unit(tmp_path), TaskContext(analyzer=analyzer))
    assert out.error == reason and out.rows is None and out.signature is None


def test_a_broken_installation_stops_the_run(tmp_path):
    with pytest.raises(ModelFileError):
        process_unit(unit(tmp_path), TaskContext(analyzer="test_run_task:no_model"))


def test_the_real_pipeline(tmp_path):
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "corpus" / "articles" / "zh-api-price-war.txt"
    out = process_unit(InputUnit(key="k", path=str(page), source=str(page)), TaskContext())
    assert out.error is None and out.rows.doc_id == out.signature.doc_id
    assert out.rows.metrics and out.rows.company_mentions and out.signature.n_shingles > 100
