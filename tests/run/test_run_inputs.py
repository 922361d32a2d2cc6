"""Input discovery: directories, globs, files, JSONL lines; lazily, with stable resume keys."""
from __future__ import annotations

import gzip
import json
import os

import pytest

from nlp.errors import InputError
from nlp.run.inputs import count_inputs, iter_inputs, load_unit, with_bytes


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_text("<html><body><p>一</p></body></html>", encoding="utf-8")
    (tmp_path / "a" / "two.txt").write_text("二", encoding="utf-8")
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "three").write_text("三", encoding="utf-8")
    lines = [json.dumps({"url": "https://ex.com/1", "html": "<p>一</p>", "published": "2025-10-28"}),
             "", "{not json", json.dumps({"url": "https://ex.com/3", "title": "no body"}),
             json.dumps({"text": "正文"}), json.dumps([1, 2])]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"url": "u", "text": "正文"}) + "\n")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress("<p>压缩的页面</p>".encode("utf-8")))
    return tmp_path


def test_directory_walk_is_sorted_and_skips_hidden_and_binary(tree):
    units = list(iter_inputs([str(tree / "a")]))
    assert [os.path.relpath(u.path, tree) for u in units] == ["a/one.html", "a/two.txt", "a/sub/three"]
    assert all(u.key.startswith("file:") and u.error is None and u.data is None for u in units)
    # a file named on the command line is always taken
    assert [u.path for u in iter_inputs([str(tree / "a" / "logo.png")])] == [str(tree / "a" / "logo.png")]


def test_globs_and_missing_paths(tree):
    units = list(iter_inputs([str(tree / "a" / "*.*"), str(tree / "nope.txt"), str(tree / "x*.q")]))
    assert [os.path.basename(u.path) for u in units] == ["one.html", "two.txt", "nope.txt", "x*.q"]
    assert [u.error for u in units] == [None, None, "no such file or directory", "no file matches"]
    assert count_inputs([str(tree / "a" / "*.*"), str(tree / "nope.txt")]) == 3


def test_jsonl_lines_are_inputs(tree):
    units = list(iter_inputs([str(tree / "pages.jsonl")]))
    assert [u.line for u in units] == [1, 3, 4, 5, 6]  # the blank line is no input
    assert count_inputs([str(tree / "pages.jsonl")]) == 5
    data, source, published = load_unit(units[0])
    assert (data, source, published) == ("<p>一</p>".encode(), "https://ex.com/1", "2025-10-28")
    with pytest.raises(InputError, match="bad JSONL line") as exc:
        load_unit(units[1])
    assert exc.value.source == f"{tree / 'pages.jsonl'}:3"
    with pytest.raises(InputError, match="no `html` or `text` field") as exc:
        load_unit(units[2])
    assert exc.value.source == "https://ex.com/3"
    assert load_unit(units[3])[1] == f"{tree / 'pages.jsonl'}:5"  # no url: file and line
    with pytest.raises(InputError, match="not a JSON object"):
        load_unit(units[4])


def test_gzip_inputs(tree):
    (unit,) = iter_inputs([str(tree / "more.jsonl.gz")])
    assert load_unit(unit)[0] == "正文".encode()
    (page,) = iter_inputs([str(tree / "page.html.gz")])
    assert load_unit(page)[0] == "<p>压缩的页面</p>".encode()
    assert load_unit(with_bytes(page))[0] == "<p>压缩的页面</p>".encode()


def test_keys_are_stable_and_change_with_the_file(tree):
    path = tree / "a" / "two.txt"
    (k1,) = [u.key for u in iter_inputs([str(path)])]
    (k2,) = [u.key for u in iter_inputs([os.path.relpath(path)])]
    assert k1 == k2  # relative or absolute: same input
    path.write_text("二二", encoding="utf-8")
    (k3,) = [u.key for u in iter_inputs([str(path)])]
    assert k3 != k1


def test_discovery_is_lazy(tmp_path):
    for i in range(50):
        (tmp_path / f"{i:03d}.txt").write_text("x", encoding="utf-8")
    it = iter_inputs([str(tmp_path)])
    first = next(it)
    assert first.path.endswith("000.txt")
    (tmp_path / "zzz.txt").write_text("late", encoding="utf-8")  # the walk has not listed past here
    assert sum(1 for _ in it) == 49  # (os.walk lists a directory at once; files are stat-ed lazily)
    unit = next(iter_inputs([str(tmp_path / "000.txt")]))
    (tmp_path / "000.txt").unlink()
    with pytest.raises(InputError, match="no such file"):
        load_unit(unit)
