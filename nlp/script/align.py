"""Character alignment between a text and its OpenCC conversion.

Phrase-aware conversion (`tw2sp`) can change lengths (`滑鼠` -> `鼠标` is 2:2, but `輝達` -> `英伟达`
is 2:3), so offsets found on the simplified text cannot be reused blindly. The alignment is a list
of blocks; a span maps back only when both its ends fall on block boundaries or inside a 1:1 block.
Anything else returns None: no span is better than a wrong one.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Block:
    src_start: int
    src_end: int
    dst_start: int
    dst_end: int
    exact: bool = True  # character-for-character; False for a rewritten phrase

    @property
    def one_to_one(self) -> bool:
        return self.exact and self.src_end - self.src_start == self.dst_end - self.dst_start


class Alignment:
    """Maps offsets in the converted text (dst) to offsets in the original text (src)."""

    __slots__ = ("blocks", "_dst_starts", "identity", "src_len", "dst_len")

    def __init__(self, blocks: list[Block], src_len: int, dst_len: int, identity: bool = False) -> None:
        self.blocks = blocks
        self._dst_starts = [b.dst_start for b in blocks]
        self.identity = identity
        self.src_len = src_len
        self.dst_len = dst_len

    @classmethod
    def identical(cls, length: int) -> "Alignment":
        return cls([Block(0, length, 0, length)], length, length, identity=True)

    def _point(self, dst: int, side: str) -> int | None:
        """Map one boundary; `side` says whether it opens ('start') or closes ('end') a span."""
        if dst < 0 or dst > self.dst_len:
            return None
        if self.identity:
            return dst
        i = bisect.bisect_right(self._dst_starts, dst) - 1
        if i < 0:
            return 0 if dst == 0 else None
        b = self.blocks[i]
        if side == "end" and dst == b.dst_start and i > 0:
            b = self.blocks[i - 1]
        if dst == b.dst_start:
            return b.src_start
        if dst == b.dst_end:
            return b.src_end
        if b.one_to_one and b.dst_start < dst < b.dst_end:
            return b.src_start + (dst - b.dst_start)
        return None

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Original-text span for a converted-text span, or None when it cannot be mapped exactly."""
        if start > end:
            return None
        s = self._point(start, "start")
        e = self._point(end, "end")
        if s is None or e is None or e < s:
            return None
        return s, e


def _diff_blocks(ref: str, dst: str, off_src: int, off_dst: int) -> list[Block]:
    """Blocks for one line: walk both strings, resynchronising after each rewritten phrase.

    OpenCC rewrites are short (a word or an idiom), so after a mismatch the strings agree again
    within a few characters: we look for the nearest point where `_SYNC` characters match.
    """
    blocks: list[Block] = []
    i = j = 0
    n, m = len(ref), len(dst)
    while i < n and j < m:
        if ref[i] == dst[j]:
            k = 0
            while i + k < n and j + k < m and ref[i + k] == dst[j + k]:
                k += 1
            blocks.append(Block(off_src + i, off_src + i + k, off_dst + j, off_dst + j + k))
            i += k
            j += k
            continue
        best = None
        for total in range(1, 2 * _WINDOW + 1):
            for di in range(max(0, total - _WINDOW), min(total, _WINDOW) + 1):
                dj = total - di
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if (a == n and b == m) or ref[a:a + _SYNC] == dst[b:b + _SYNC] and a + _SYNC <= n:
                    best = (di, dj)
                    break
            if best:
                break
        if best is None:  # no resync within the window: the rest of the line is one block
            best = (n - i, m - j)
        di, dj = best
        exact = di == 1 and dj == 1
        blocks.append(Block(off_src + i, off_src + i + di, off_dst + j, off_dst + j + dj, exact))
        i += di
        j += dj
    if i < n or j < m:
        blocks.append(Block(off_src + i, off_src + n, off_dst + j, off_dst + m, False))
    return blocks


_WINDOW = 8
_SYNC = 2


def align(src: str, dst: str, char_map: str | None = None) -> Alignment:
    """Build the alignment of `dst` (a conversion of `src`).

    `char_map` is `src` converted character by character (same length as `src`); comparing it with
    the phrase-level `dst` isolates the few places where phrase conversion rewrote a word. OpenCC
    never converts across a newline, so lines are aligned one by one.
    """
    if src == dst:
        return Alignment.identical(len(src))
    ref = char_map if char_map is not None and len(char_map) == len(src) else src
    ref_lines = ref.split("\n")
    dst_lines = dst.split("\n")
    if len(ref_lines) != len(dst_lines):
        ref_lines, dst_lines = [ref], [dst]
    blocks: list[Block] = []
    so = do = 0
    for k, (r, d) in enumerate(zip(ref_lines, dst_lines)):
        if r == d:
            blocks.append(Block(so, so + len(r), do, do + len(d)))
        else:
            blocks.extend(_diff_blocks(r, d, so, do))
        so += len(r)
        do += len(d)
        if k < len(ref_lines) - 1:
            blocks.append(Block(so, so + 1, do, do + 1))
            so += 1
            do += 1
    merged: list[Block] = []
    for b in blocks:
        if b.src_start == b.src_end and b.dst_start == b.dst_end:
            continue
        if merged and merged[-1].one_to_one and b.one_to_one and merged[-1].src_end == b.src_start \
                and merged[-1].dst_end == b.dst_start:
            p = merged.pop()
            b = Block(p.src_start, b.src_end, p.dst_start, b.dst_end)
        merged.append(b)
    return Alignment(merged, len(src), len(dst))
