"""Sentence and clause spans for Chinese and English text, kept as offsets so evidence maps back."""
from __future__ import annotations

import re

# A sentence ends at Chinese terminal punctuation (plus closing quotes/brackets), at an English
# terminal mark followed by space and a capital/CJK/quote/digit, or at a newline.
# Written `[x][x]*` rather than `[x]+`, and the newline runs as a pattern of their own: a pattern
# that starts with a character set (or a literal) lets the regex engine skip ahead to candidate
# positions instead of trying the pattern at every character. The matches are the same, and the
# two kinds of cut cannot overlap (their characters differ), so finding them apart changes nothing.
_ZH_END = re.compile(r"[。！？!?；;…][。！？!?；;…]*[”」』’)）\]】]*")
_NEWLINES = re.compile(r"\n\n*")
_EN_END = re.compile(r"[.!?][.!?]*[\"'”’)]*(?=\s+[\"'“A-Z0-9\u4e00-\u9fff])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|vs|St|No|Co|Inc|Ltd|Corp|Jr|Sr|Prof|Gen|Sen|Rep|U\.S|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|Fig|Nos)|\b[A-Z])\.$")
_CLAUSE_END = re.compile(r"[，,、：:]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split into sentences; returns (start, end) pairs with surrounding whitespace trimmed."""
    cuts = [m.end() for m in _ZH_END.finditer(text)]
    cuts += [m.end() for m in _NEWLINES.finditer(text)]
    for m in _EN_END.finditer(text):
        if not _ABBREV.search(text, max(0, m.start() - 6), m.start() + 1):
            cuts.append(m.end())
    cuts = sorted(set(cuts))
    spans: list[tuple[int, int]] = []
    prev = 0
    for c in cuts + [len(text)]:
        if c <= prev:
            continue
        s, e = prev, c
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        prev = c
    return spans


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence span into clauses at commas and colons (for tighter evidence)."""
    out: list[tuple[int, int]] = []
    prev = start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.end() > prev:
            out.append((prev, m.end()))
        prev = m.end()
    if prev < end:
        out.append((prev, end))
    return [(s, e) for s, e in out if text[s:e].strip()]
