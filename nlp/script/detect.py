"""Language (zh/en) and script (simplified/traditional/mixed) of a clean body.

Script is decided by characters whose forms differ between the scripts: a character that OpenCC's
t2s changes is traditional-only; one that s2t changes is simplified-only. Characters shared by both
scripts say nothing and are ignored.

Bodies are a few thousand characters, and looking at them one Python object per character (a regex
`findall`, `set`, `sorted`, `zip`) dominated the cost; the code points are handled as one numpy
array instead, which gives the same counts and the same sorted distinct characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _codes(text: str) -> np.ndarray:
    """The text's code points (uint32). `surrogatepass` keeps a stray surrogate as its own value,
    which no Han range contains, instead of raising."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _han_codes(text: str) -> np.ndarray:
    """Code points of the text's Han characters (CJK Unified Ideographs, Extension A and the
    Compatibility Ideographs: U+4E00-9FFF, U+3400-4DBF, U+F900-FAFF), in text order."""
    c = _codes(text)
    mask = ((c >= 0x4E00) & (c <= 0x9FFF)) | ((c >= 0x3400) & (c <= 0x4DBF)) | ((c >= 0xF900) & (c <= 0xFAFF))
    return c[mask]


def _from_codes(codes: np.ndarray) -> str:
    return codes.astype("<u4", copy=False).tobytes().decode("utf-32-le")


def _language(text: str, han: int) -> str:
    """`zh` when Han characters carry a fair share of the body, else `en`.

    Chinese text with English names is still `zh`: one Han character carries about as much as an
    English word, so we compare Han characters with Latin words.
    """
    if han == 0:
        return "en"
    words = len(_LATIN_WORD.findall(text))
    return "zh" if han >= 0.5 * words else "en"


def _changed(chars: str, converted: str) -> int:
    """How many characters a same-length conversion changed (0 when the length differs)."""
    if len(converted) != len(chars):
        return 0
    return int(np.count_nonzero(_codes(chars) != _codes(converted)))


def _script(han: np.ndarray) -> str | None:
    """Script from the Han code points of a text."""
    if han.size == 0:
        return None
    # distinct characters only: a traditional page quoting one simplified name is still traditional
    chars = _from_codes(np.unique(han))  # sorted by code point, as `sorted(set(...))` would be
    trad_only = _changed(chars, _converter("t2s").convert(chars))
    simp_only = _changed(chars, _converter("s2t").convert(chars))
    if trad_only == 0 and simp_only == 0:
        return "simplified"
    total = trad_only + simp_only
    if trad_only / total >= 0.8:
        return "traditional"
    if simp_only / total >= 0.8:
        return "simplified"
    return "mixed"


def detect_language(text: str) -> str:
    """`zh` when Han characters carry a fair share of the body, else `en`."""
    return _language(text, int(_han_codes(text).size))


def detect_script(text: str) -> str | None:
    """`simplified`, `traditional` or `mixed` for Chinese text; None when there is no Han text."""
    return _script(_han_codes(text))


def detect(text: str) -> tuple[str, str | None]:
    """`(detect_language(text), detect_script(text) if the language is zh else None)`, finding the
    Han characters once for both."""
    han = _han_codes(text)
    language = _language(text, int(han.size))
    return language, (_script(han) if language == "zh" else None)
