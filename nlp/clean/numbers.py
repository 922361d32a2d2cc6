"""Numbers broken by spaces in scraped text: `47. 5萬` -> `47.5萬`."""
from __future__ import annotations

import re

# A decimal point followed by spaces and digits that run into a Chinese scale, currency or percent
# is one number (a sentence ending in a number is followed by a capital or Han text, not a unit).
_SPLIT_DECIMAL = re.compile(
    r"(?<=\d)\.[ \u00a0]+(?=\d+(?:\.\d+)?[ \u00a0]*(?:[万萬亿億千百%％倍元]|美元|美金|港元|人民幣|人民币|mn|bn|million|billion))")
_SPLIT_THOUSANDS = re.compile(r"(?<=\d),[ \u00a0]+(?=\d{3}\b)")


def join_numbers(line: str) -> tuple[str, int]:
    """Rejoin split numbers; returns the line and how many were rejoined."""
    # Each pattern needs its mark directly followed by a space: test that with `in` first, since
    # the lookbehind patterns would otherwise be tried at every position of every line.
    a = b = 0
    if ". " in line or ".\u00a0" in line:
        line, a = _SPLIT_DECIMAL.subn(".", line)
    if ", " in line or ",\u00a0" in line:
        line, b = _SPLIT_THOUSANDS.subn(",", line)
    return line, a + b
