"""SEO spam keyword lines: comma-joined adult/gambling keyword lists and spider-pool templates."""
from __future__ import annotations

import re
from functools import cache

from nlp.clean.rules import spam_keywords

_SEPARATORS = re.compile(r"[,，、|｜;；/]| {2,}")
_SENTENCE_END = re.compile(r"[。！？]")
_TEMPLATE = re.compile(r"蜘蛛池|站群|外链代发|主站蜘蛛池模板")


@cache
def _any_keyword() -> re.Pattern[str]:
    """Any keyword as a substring: one C-level scan rules out the common line with none, which
    would otherwise test every keyword with `in` from Python."""
    return re.compile("|".join(re.escape(w) for w in spam_keywords()))


def _ascii_hit(word: str, line: str) -> bool:
    """ASCII keywords (`av`) count only as whole tokens, never inside English words (`gravity`)."""
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", line) is not None


def is_spam(simplified_line: str) -> bool:
    """True for a keyword-stuffing line (checked on the simplified form of the line)."""
    line = simplified_line.strip()
    if not line:
        return False
    if _TEMPLATE.search(line):
        return True
    if not _any_keyword().search(line):
        return False  # no keyword at all: hits would be 0
    hits = sum(1 for w in spam_keywords() if w in line and (not w.isascii() or _ascii_hit(w, line)))
    if hits < 2:
        return False
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) >= 3 and not _SENTENCE_END.search(line):
        return True
    # one long run of keywords without separators
    return hits >= 4 and len(_SENTENCE_END.findall(line)) == 0
