"""SEO spam keyword lines: comma-joined adult/gambling keyword lists and spider-pool templates."""
from __future__ import annotations

import re

from nlp.clean.rules import spam_keywords

_SEPARATORS = re.compile(r"[,，、|｜;；/]| {2,}")
_SENTENCE_END = re.compile(r"[。！？]")
_TEMPLATE = re.compile(r"蜘蛛池|站群|外链代发|主站蜘蛛池模板")


def is_spam(simplified_line: str) -> bool:
    """True for a keyword-stuffing line (checked on the simplified form of the line)."""
    line = simplified_line.strip()
    if not line:
        return False
    if _TEMPLATE.search(line):
        return True
    hits = sum(1 for w in spam_keywords() if w in line)
    if hits < 2:
        return False
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) >= 3 and len(_SENTENCE_END.findall(line)) <= 1:
        return True
    # one long run of keywords without separators
    return hits >= 4 and len(_SENTENCE_END.findall(line)) == 0
