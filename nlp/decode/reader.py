"""Input checks and decoding: a path (or stdin bytes) -> Page, or an InputError with one reason."""
from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

from nlp.decode.charset import decode_bytes
from nlp.decode.html import looks_like_html
from nlp.errors import InputError
from nlp.schema import Page

MAX_BYTES = 20 * 1024 * 1024
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
                 b"BZh", b"\xfd7zXZ", b"Rar!", b"OggS", b"RIFF", b"\x00\x00\x01\x00")
# Control bytes that do not occur in text (tab, LF, FF, CR and ESC do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def read_path(path: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes, turning OS problems into InputError."""
    p = Path(path)
    src = str(path)
    if p.is_dir():
        raise InputError(src, "is a directory, not a file")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(src, "no such file") from None
    except OSError as exc:
        raise InputError(src, f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise InputError(src, f"file is {size / 1048576:.1f} MB, over the 20 MB limit")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(src, f"cannot read: {exc.strerror or exc}") from None


def gunzip(data: bytes, source: str) -> bytes:
    """A gzipped page's bytes (scrapers often save pages as .html.gz), within the size limit: a
    small file may expand to gigabytes, so at most MAX_BYTES + 1 bytes are inflated."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(source, f"bad gzip file: {exc}") from None
    if len(out) > MAX_BYTES:
        raise InputError(source, "gzip file expands to over 20 MB")
    return out


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    control = len(head) - len(head.translate(None, _CONTROL))  # C-level count of the control bytes
    return control > 0.05 * max(1, len(head))


def to_page(data: bytes, source: str) -> Page:
    """Decode checked bytes into a Page."""
    if len(data) > MAX_BYTES:
        raise InputError(source, f"input is {len(data) / 1048576:.1f} MB, over the 20 MB limit")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, source)
    if not data.strip():
        raise InputError(source, "empty file")
    if _is_binary(data):
        raise InputError(source, "binary file, not a web page or text")
    decoded = decode_bytes(data)
    if decoded.bad_ratio > 0.05:
        raise InputError(source, f"undecodable bytes (no charset fits; {decoded.bad_ratio:.0%} replaced)")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "empty file")
    return Page(source=source, text=text, encoding=decoded.encoding, is_html=looks_like_html(text),
                encoding_fallback=decoded.how)
