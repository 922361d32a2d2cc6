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
    if "." not in line and "," not in line:
        return line, 0
    line, a = _SPLIT_DECIMAL.subn(".", line)
    line, b = _SPLIT_THOUSANDS.subn(",", line)
    return line, a + b
