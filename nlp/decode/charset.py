"""Bytes -> str for UTF-8, UTF-8 with BOM, GBK/GB18030 and Big5 pages.

Order: a BOM wins; then the charset the page declares (HTTP-equiv or <meta charset>) if the bytes
actually decode with it, because old portals label GBK pages as UTF-8; then strict UTF-8; then a
detector (charset-normalizer). Decoding never raises: the last resort replaces bad bytes, and the
caller learns which path was taken.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Declared labels mapped to the codec that decodes what sites really send under them.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
            "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "utf8": "utf-8", "utf-8": "utf-8"}


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str
    how: str  # bom | declared | utf-8 | detected | replaced
    bad_ratio: float  # share of characters that are U+FFFD after decoding


def declared_charset(data: bytes) -> str | None:
    """The charset named in the first 4 KB of an HTML page, normalised to a Python codec name."""
    m = _META.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient(data: bytes, encoding: str, max_bad: float = 0.001) -> str | None:
    """Decode allowing a few bad bytes (a truncated multibyte char at a cut, one corrupt byte)."""
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    return text if bad <= max(2, max_bad * len(text)) else None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a page; never raises."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return Decoded(text.lstrip("\ufeff"), enc, "bom", text.count("\ufffd") / max(1, len(text)))
    declared = declared_charset(data)
    candidates: list[tuple[str, str]] = []
    if declared:
        candidates.append((declared, "declared"))
    candidates.append(("utf-8", "utf-8"))
    for enc, how in candidates:
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text, enc, how, 0.0)
    # The declared or default charset does not fit the bytes: ask the detector, but keep it to
    # the charsets Chinese and English news actually use, which it otherwise confuses.
    best = from_bytes(data[:200_000], cp_isolation=["utf_8", "gb18030", "big5", "cp1252", "latin_1"]).best()
    guesses = [best.encoding] if best is not None else []
    for enc in guesses + ["gb18030", "big5hkscs"]:
        text = _strict(data, enc)
        if text is not None and enc not in ("latin_1", "cp1252"):
            return Decoded(text, enc, "detected", 0.0)
    for enc in (declared, "utf-8", *guesses, "gb18030", "big5hkscs"):
        if enc:
            text = _lenient(data, enc)
            if text is not None:
                return Decoded(text, enc, "detected", text.count("\ufffd") / max(1, len(text)))
    for enc in guesses:
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text, enc, "detected", 0.0)
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", "replaced", text.count("\ufffd") / max(1, len(text)))
