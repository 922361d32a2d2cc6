"""INPUT arguments -> InputUnit stream: directories, globs, files, JSON Lines; lazily.

Nothing is listed or read ahead: directories are walked as the run consumes them, JSONL files are
read line by line, and a file's bytes are read by the worker that processes it (or, for a Dask
cluster without shared storage, just before it is shipped). So memory does not grow with the corpus.

An input is one page: a file, or one line of a JSONL file (`url`, `html` or `text`, optional
`published`). Each has a resume key: path + size + mtime for a file, path + line number + line hash
for a JSONL line; a rerun skips the keys already in the dataset.
"""
from __future__ import annotations

import datetime as dt
import glob
import gzip
import hashlib
import json
import os
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Optional

from nlp.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
# Walking a directory, files with these suffixes are not pages (files named on the command line
# are always processed).
SKIP_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .pdf .zip .7z .rar .tar .tgz .bz2 .xz "
    ".mp3 .mp4 .m4a .avi .mov .webm .wav .ogg .woff .woff2 .ttf .otf .eot .css .js .mjs .map .json "
    ".exe .dll .so .dylib .pyc .db .sqlite .duckdb .wal .parquet .lock .tmp".split())


@dataclass(slots=True)
class InputUnit:
    """One page to process. `data` is the JSONL line, or the file's bytes once shipped."""

    key: str
    path: str
    source: str
    line: Optional[int] = None
    size: Optional[int] = None
    mtime: Optional[float] = None
    data: Optional[bytes] = None
    error: Optional[str] = None  # found unusable while discovering (missing path, unreadable dir)


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def _skipped(name: str) -> bool:
    lower = name.lower()
    if lower.startswith(".") or lower.endswith("~"):
        return True
    _, ext = os.path.splitext(lower[:-3] if lower.endswith(".gz") else lower)
    return ext in SKIP_SUFFIXES and not _is_jsonl(lower)


def _file_unit(path: str) -> InputUnit:
    try:
        st = os.stat(path)
    except OSError as exc:
        return InputUnit(key=f"missing:{path}", path=path, source=path,
                         error=f"cannot read: {exc.strerror or exc}")
    return InputUnit(key=f"file:{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}", path=path,
                     source=path, size=st.st_size, mtime=st.st_mtime)


def _open_lines(path: str):  # type: ignore[no-untyped-def]
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _jsonl_units(path: str) -> Iterator[InputUnit]:
    abspath = os.path.abspath(path)
    try:
        fh = _open_lines(path)
    except OSError as exc:
        yield InputUnit(key=f"missing:{path}", path=path, source=path,
                        error=f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        n = 0
        try:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip(b"\r\n")
                if not line.strip():
                    continue
                digest = hashlib.blake2b(line, digest_size=8).hexdigest()
                yield InputUnit(key=f"jsonl:{abspath}:{n}:{digest}", path=path, source=f"{path}:{n}",
                                line=n, size=len(line), data=line)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputUnit(key=f"broken:{abspath}:{n + 1}", path=path, source=f"{path}:{n + 1}",
                            line=n + 1, error=f"cannot read: {exc}")


def _walk(root: str) -> Iterator[tuple[str, Optional[str]]]:
    def onerror(exc: OSError) -> None:
        raise exc

    try:
        for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not _skipped(name):
                    yield os.path.join(dirpath, name), None
    except OSError as exc:
        yield exc.filename or root, f"cannot read directory: {exc.strerror or exc}"


def _paths(specs: Iterable[str]) -> Iterator[tuple[str, Optional[str]]]:
    """(path, None) for every file the INPUT arguments name, or (spec, reason) for a bad one."""
    for spec in specs:
        if os.path.isdir(spec):
            yield from _walk(spec)
        elif os.path.exists(spec):
            yield spec, None
        elif glob.has_magic(spec):
            matched = False
            for path in glob.iglob(spec, recursive=True):
                matched = True
                if os.path.isdir(path):
                    yield from _walk(path)
                elif not _skipped(os.path.basename(path)):
                    yield path, None
            if not matched:
                yield spec, "no file matches"
        else:
            yield spec, "no such file or directory"


def iter_inputs(specs: Iterable[str]) -> Iterator[InputUnit]:
    """Every page named by the INPUT arguments (directories, globs, files, JSONL), lazily."""
    for path, error in _paths(specs):
        if error is not None:
            yield InputUnit(key=f"missing:{path}", path=path, source=path, error=error)
        elif _is_jsonl(path):
            yield from _jsonl_units(path)
        else:
            yield _file_unit(path)


def count_inputs(specs: Iterable[str]) -> int:
    """How many units iter_inputs would yield (walks and counts JSONL lines; reads no pages)."""
    return sum(_count_lines(p) if err is None and _is_jsonl(p) else 1 for p, err in _paths(specs))


def _count_lines(path: str) -> int:
    try:
        with _open_lines(path) as fh:
            return sum(1 for line in fh if line.strip())
    except (OSError, EOFError):
        return 1


def with_bytes(unit: InputUnit) -> InputUnit:
    """The unit with its file's bytes attached (for engines whose workers cannot see the path)."""
    if unit.data is not None or unit.error is not None:
        return unit
    try:
        return replace(unit, data=_read_file(unit.path))
    except InputError as exc:
        return replace(unit, error=exc.reason)


def _read_file(path: str) -> bytes:
    from nlp.decode.reader import read_path

    return read_path(path)


def load_unit(unit: InputUnit) -> tuple[bytes, str, Optional[str]]:
    """The page bytes, the record's source and the page's own published date (JSONL), or InputError."""
    if unit.error is not None:
        raise InputError(unit.source, unit.error)
    if unit.line is not None:
        return _parse_jsonl_line(unit.data or b"", unit.source)
    data = unit.data if unit.data is not None else _read_file(unit.path)
    if unit.path.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        from nlp.decode.reader import gunzip

        data = gunzip(data, unit.source)
    return data, unit.source, None


def _parse_jsonl_line(line: bytes, where: str) -> tuple[bytes, str, Optional[str]]:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise InputError(where, f"bad JSONL line: {exc.__class__.__name__}: {exc}") from None
    if not isinstance(obj, dict):
        raise InputError(where, "bad JSONL line: not a JSON object")
    url = obj.get("url")
    source = url if isinstance(url, str) and url.strip() else where
    body = next((obj[k] for k in ("html", "text", "content") if isinstance(obj.get(k), str) and obj[k].strip()),
                None)
    if body is None:
        raise InputError(source, "JSONL line has no `html` or `text` field")
    published = obj.get("published") or obj.get("date")
    if not (isinstance(published, str) and _is_date(published)):
        published = None
    return body.encode("utf-8"), source, published[:10] if published else None


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False
