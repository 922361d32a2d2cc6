"""Stray tags, entities, invisible characters and mojibake left in text dumps."""
from __future__ import annotations

import html
import re

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,400})?/?>")
_BROKEN_TAG = re.compile(r"\??/(?:p|div|span|br|li|td|a)>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
# A GBK page decoded as UTF-8 and re-encoded leaves private-use characters and U+FFFD between
# question marks: remove the whole run, which carries no recoverable text.
_MOJIBAKE_RUN = re.compile(r"\?[^\s?。，,！!]{0,12}?[\ue000-\uf8ff\ufffd][^\s?。，,！!]{0,12}?\?")
_MOJIBAKE = re.compile(r"[\ue000-\uf8ff\ufffd]+[?;]*")
# Presence tests, so the common clean line costs one C-level scan instead of a Python loop per
# character (the mojibake check) or a substitution that changes nothing (invisible characters).
_MOJIBAKE_CHAR = re.compile(r"[\ue000-\uf8ff\ufffd]")
_INVISIBLE_OR_WIDE_SPACE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\u00a0\u3000]")


def fix_markup(line: str) -> tuple[str, int]:
    """Return the line without markup debris, and how many fixes were made."""
    n = 0
    if "<" in line:
        line, k = _COMMENT.subn("", line)
        n += k
        line, k = _TAG.subn("", line)
        n += k
    if "&" in line:
        line, k = _ENTITY.subn(lambda m: html.unescape(m.group()), line)
        n += k
    if _MOJIBAKE_CHAR.search(line):
        line, k = _MOJIBAKE_RUN.subn("", line)
        n += k
        line, k = _MOJIBAKE.subn("", line)
        n += k
    if "/" in line and ">" in line:
        line, k = _BROKEN_TAG.subn("", line)
        n += k
    if _INVISIBLE_OR_WIDE_SPACE.search(line):
        line = _INVISIBLE.sub("", line)
        line = line.replace("\u00a0", " ").replace("\u3000", " ")
    return line, n
