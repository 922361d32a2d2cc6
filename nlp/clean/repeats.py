"""Blocks of the body printed twice on one page (some portals render the article again under the
comments): keep the first copy, drop later copies, count each dropped run as one block."""
from __future__ import annotations

import re

_NORM = re.compile(r"[\s\W_]+")
LONG = 15  # characters; a repeated line this long is a copy, not a coincidence


def _key(line: str) -> str:
    return _NORM.sub("", line).lower()


def find_repeats(lines: list[str]) -> tuple[set[int], int]:
    """Indices of lines that repeat earlier content, and the number of repeated blocks.

    A long line seen before is a repeat. A short line (a heading, a byline) seen before is a repeat
    only inside a run of repeats, so a title that legitimately appears twice near the top survives.
    """
    seen: dict[str, int] = {}
    dup = [False] * len(lines)
    keys = [_key(l) for l in lines]
    for i, k in enumerate(keys):
        if not k:
            continue
        if k in seen and len(k) >= LONG:
            dup[i] = True
        seen.setdefault(k, i)
    content = [i for i, k in enumerate(keys) if k]
    # short repeated lines between/next to long repeats belong to the copy
    for pos, i in enumerate(content):
        k = keys[i]
        if dup[i] or len(k) >= LONG or seen.get(k, i) == i:
            continue
        prev_dup = pos > 0 and dup[content[pos - 1]]
        nxt = next((content[q] for q in range(pos + 1, len(content)) if len(keys[content[q]]) >= LONG), None)
        if prev_dup or (nxt is not None and dup[nxt]):
            dup[i] = True
    removed = {i for i, d in enumerate(dup) if d}
    blocks = 0
    prev = False
    for i in content:
        if dup[i] and not prev:
            blocks += 1
        prev = dup[i]
    return removed, blocks
