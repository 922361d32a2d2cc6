"""Language (zh/en) and script (simplified/traditional/mixed) of a clean body.

Script is decided by characters whose forms differ between the scripts: a character that OpenCC's
t2s changes is traditional-only; one that s2t changes is simplified-only. Characters shared by both
scripts say nothing and are ignored.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_language(text: str) -> str:
    """`zh` when Han characters carry a fair share of the body, else `en`.

    Chinese text with English names is still `zh`: one Han character carries about as much as an
    English word, so we compare Han characters with Latin words.
    """
    han = len(_HAN.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if han == 0:
        return "en"
    return "zh" if han >= 0.5 * words else "en"


def detect_script(text: str) -> str | None:
    """`simplified`, `traditional` or `mixed` for Chinese text; None when there is no Han text."""
    han = "".join(_HAN.findall(text))
    if not han:
        return None
    # distinct characters only: a traditional page quoting one simplified name is still traditional
    chars = "".join(sorted(set(han)))
    to_simp = _converter("t2s").convert(chars)
    to_trad = _converter("s2t").convert(chars)
    trad_only = sum(1 for a, b in zip(chars, to_simp) if a != b) if len(to_simp) == len(chars) else 0
    simp_only = sum(1 for a, b in zip(chars, to_trad) if a != b) if len(to_trad) == len(chars) else 0
    if trad_only == 0 and simp_only == 0:
        return "simplified"
    total = trad_only + simp_only
    if trad_only / total >= 0.8:
        return "traditional"
    if simp_only / total >= 0.8:
        return "simplified"
    return "mixed"
