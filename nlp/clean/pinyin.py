"""Pinyin annotations: `創(chuàng)業(yè)` -> `創業`.

Some sites print the reading after characters their font lacks. We remove a parenthesised
annotation only when pypinyin confirms it is a reading of the character before it, so real
parentheses such as `(Wan)`, `(DAU)` or `(左)` stay.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin

_ANNOT = re.compile(r"([\u3400-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7})[)）]")


def _plain(s: str) -> str:
    s = s.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    toned = {r for rs in pinyin(char, style=Style.TONE, heteronym=True) for r in rs}
    plain = {_plain(r) for r in toned} | {r for rs in pinyin(char, style=Style.NORMAL, heteronym=True) for r in rs}
    return frozenset(toned), frozenset(plain)


def is_reading(char: str, annotation: str) -> bool:
    """True when `annotation` is a pinyin reading of `char` (tone marks, if given, must agree)."""
    toned, plain = _readings(char)
    if annotation in toned:
        return True
    stripped = _plain(annotation)
    if stripped != annotation:  # tone marks written: the plain form must be a reading too
        return stripped in plain
    return annotation in plain


def strip_pinyin(line: str) -> tuple[str, int]:
    """Remove confirmed annotations; returns the line and how many were removed."""
    if "(" not in line and "（" not in line:
        return line, 0
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        if is_reading(m.group(1), m.group(2)):
            count += 1
            return m.group(1)
        return m.group(0)

    return _ANNOT.sub(repl, line), count
