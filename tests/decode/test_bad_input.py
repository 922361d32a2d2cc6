"""Bad input: one clear line naming the file and the reason; the rest of the run goes on."""
from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nlp.clean.cleaner import Cleaner
from nlp.decode.reader import read_path, to_page
from nlp.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "samples" / "seeds" / "tmtpost-doubao-links.txt"


def run_extract(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "nlp", "extract", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.html",
        "undecodable": tmp_path / "garbage.txt",
        "no_article": tmp_path / "nav.html",
        "huge": tmp_path / "huge.txt",
        "directory": tmp_path / "adir",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    rng = random.Random(3)
    files["undecodable"].write_bytes(bytes(rng.randrange(128, 256) for _ in range(5000)))
    files["no_article"].write_text(
        "<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a href='/'>首页</a>"
        "<a href='/n'>新闻</a></nav><footer>Copyright © 2025</footer></body></html>", encoding="utf-8")
    with open(files["huge"], "wb") as f:
        f.seek(21 * 1024 * 1024)
        f.write(b"x")
    files["directory"].mkdir()
    return files


def test_each_bad_input_gets_one_line_and_the_good_one_is_printed(bad_files):
    paths = [str(p) for p in bad_files.values()]
    proc = run_extract(paths[0], str(SEED), *paths[1:])
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(bad_files), proc.stderr
    assert "Traceback" not in proc.stderr
    for path, line in zip(paths, lines):
        assert path in line
    reasons = "\n".join(lines)
    for word in ("empty", "binary", "undecodable", "no article", "20 MB", "directory"):
        assert word in reasons
    out = proc.stdout.strip().splitlines()
    assert len(out) == 1 and "tmtpost-doubao-links" in out[0]


def test_all_good_exit_zero():
    proc = run_extract(str(SEED))
    assert proc.returncode == 0 and proc.stderr == ""


def test_stdin():
    proc = subprocess.run([sys.executable, "-m", "nlp", "extract", "-"], input=SEED.read_bytes(),
                          capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=300)
    assert proc.returncode == 0
    assert b'"source": "<stdin>"' in proc.stdout


def test_gzipped_page_is_read_and_a_corrupt_one_is_one_line(tmp_path):
    """Scrapers save pages as .html.gz: `nlp extract` reads them like the batch does."""
    good = tmp_path / "page.txt.gz"
    good.write_bytes(gzip.compress(SEED.read_bytes()))
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(SEED.read_bytes())[:200])
    proc = run_extract(str(good), str(broken))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [l for l in proc.stderr.strip().splitlines() if str(broken) in l]
    assert "bad gzip file" in proc.stderr
    out = proc.stdout.strip().splitlines()
    assert len(out) == 1 and "豆包" in json.loads(out[0])["text"]
    assert to_page(gzip.compress(SEED.read_bytes()), "x").text == to_page(SEED.read_bytes(), "x").text
    with pytest.raises(InputError, match="over 20 MB"):
        to_page(gzip.compress(b"a" * (21 * 1024 * 1024)), "bomb.gz")


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(InputError) as exc:
        read_path(tmp_path / "nope.txt")
    assert "no such file" in str(exc.value)


def _safe(data: bytes) -> None:
    """Reader + cleaner on arbitrary bytes: an InputError is fine, anything else is a bug."""
    try:
        page = to_page(data, "fuzz")
    except InputError:
        return
    Cleaner().run(page.text, "fuzz", from_html=page.is_html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_fuzz_random_bytes(data):
    _safe(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=3000))
def test_fuzz_random_text(text):
    _safe(text.encode("utf-8", "surrogatepass") if False else text.encode("utf-8", "ignore"))
    Cleaner().run(text, "fuzz")


def test_truncated_html_huge_line_and_deep_nesting():
    from nlp.pipeline import get_pipeline
    from nlp.settings import Settings

    pipe = get_pipeline(Settings(companies=False, metrics=False, monetization=False))
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>测试</title></head><body><article>"
            + "<p>百度智能云营收同比增长42%，豆包月活突破1.5亿。</p>" * 30)
    for data in (html[: len(html) // 2].encode(), ("字" * 2_000_000).encode(),
                 ("<div>" * 5000 + "深度嵌套的正文内容，营收增长。" * 10 + "</div>" * 5000).encode(),
                 gzip.compress(html.encode())):
        try:
            pipe.analyze_bytes(data, "edge")
        except InputError:
            pass
