"""Tiny inline-SVG charts (no library, no network) and the number formatting the pages share.

Every data mark carries `class="mark"` and a `<title>` (the browser's tooltip), so a reader can hover
any point and a test can count the marks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

from nlp.view import esc

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def compact(value: float) -> str:
    """4300000000 -> '4.3B', 157000000 -> '157M', 0.14 -> '0.14'."""
    v = abs(value)
    for size, suffix in _SCALES:
        if v >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}" if v else "0"


def fmt_value(value: Optional[float], unit: Optional[str], *, full: bool = False) -> str:
    """A normalised figure for people: '4.3B USD', '42%', '157M'; `full` spells every digit."""
    if value is None:
        return "?"
    if unit == "%":
        return f"{value:g}%"
    if full:
        num = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:,.6g}"
    else:
        num = compact(value)
    return num if unit in (None, "", "count") else f"{num} {unit}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


@dataclass(slots=True)
class Point:
    """One value at a category; `lo`/`hi` draw a whisker, `weight` (sources) sets the radius."""

    x: int
    y: float
    title: str
    lo: Optional[float] = None
    hi: Optional[float] = None
    weight: int = 1
    flagged: bool = False


@dataclass(slots=True)
class Series:
    name: str
    colour: str
    points: list[Point] = field(default_factory=list)
    dashed: bool = False


def legend(series: Sequence[Series]) -> str:
    items = "".join(
        f'<li><span class="swatch{" dashed" if s.dashed else ""}" style="background:{esc(s.colour)}">'
        f"</span>{esc(s.name)}</li>" for s in series)
    return f'<ul class="legend">{items}</ul>'


def _frame(width: int, height: int, label: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
            f"<title>{esc(label)}</title>")


def _y_axis(parts: list[str], ticks: list[float], ypos, left: int, right: int, unit: Optional[str]) -> None:
    for t in ticks:
        y = ypos(t)
        parts.append(f'<line class="grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{esc(fmt_value(t, unit if unit == '%' else None))}</text>")


def _x_labels(parts: list[str], categories: Sequence[str], xpos, base: float, step: float) -> None:
    rotate = step < 44
    every = max(1, math.ceil(14 / step)) if rotate else 1
    for i, cat in enumerate(categories):
        if i % every:
            continue
        x = xpos(i)
        if rotate:
            parts.append(f'<text class="tick" transform="translate({x + 4:.1f},{base + 10:.1f}) rotate(-45)" '
                         f'text-anchor="end">{esc(cat)}</text>')
        else:
            parts.append(f'<text class="tick" x="{x:.1f}" y="{base + 16:.1f}" text-anchor="middle">{esc(cat)}</text>')


def dot_line_chart(categories: Sequence[str], series: Sequence[Series], *, unit: Optional[str],
                   label: str, width: int = 460, height: int = 230,
                   breaks: Sequence[int] = ()) -> str:
    """Values over ordered categories (periods): a dot per value, a line through each series.

    A category holding several values of one series (sources that disagree) shows them all, and the
    line passes through their median. `breaks` are category indices before which a divider is drawn.
    """
    rotate = len(categories) > 0 and (width - 76) / max(1, len(categories)) < 44
    left, right, top, bottom = 64, width - 12, 12, height - (58 if rotate else 30)
    values = [v for s in series for p in s.points for v in (p.y, p.lo, p.hi) if v is not None]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    ticks = nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    step = (right - left) / max(1, len(categories))

    def xpos(i: int) -> float:
        return left + (i + 0.5) * step

    def ypos(v: float) -> float:
        return bottom - (v - y0) / ((y1 - y0) or 1.0) * (bottom - top)

    parts = [_frame(width, height, label)]
    _y_axis(parts, ticks, ypos, left, right, unit)
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    for b in breaks:
        x = left + b * step
        parts.append(f'<line class="divider" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}"/>')
    _x_labels(parts, categories, xpos, bottom, step)
    for s in series:
        by_x: dict[int, list[float]] = {}
        for p in s.points:
            by_x.setdefault(p.x, []).append(p.y)
        path = [(xpos(x), ypos(sorted(ys)[len(ys) // 2])) for x, ys in sorted(by_x.items())]
        if len(path) > 1:
            d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(path))
            dash = ' stroke-dasharray="5 3"' if s.dashed else ""
            parts.append(f'<path class="line" d="{d}" stroke="{esc(s.colour)}"{dash}/>')
    for s in series:
        for p in s.points:
            x, y = xpos(p.x), ypos(p.y)
            if p.lo is not None and p.hi is not None and p.hi > p.lo:
                parts.append(f'<line class="range" x1="{x:.1f}" x2="{x:.1f}" y1="{ypos(p.lo):.1f}" '
                             f'y2="{ypos(p.hi):.1f}" stroke="{esc(s.colour)}"/>')
            r = 3.5 + 1.5 * min(4, max(0, p.weight - 1))
            cls = "mark flagged" if p.flagged else "mark"
            if p.flagged:
                parts.append(f'<circle class="ring" cx="{x:.1f}" cy="{y:.1f}" r="{r + 3:.1f}"/>')
            parts.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{esc(s.colour)}">'
                         f"<title>{esc(p.title)}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(categories: Sequence[str], series: Sequence[Series], *, label: str,
                      width: int = 720, height: int = 260) -> str:
    """Counts per category, stacked by series (each Point.y is one series' count at Point.x)."""
    rotate = len(categories) > 0 and (width - 76) / max(1, len(categories)) < 44
    left, right, top, bottom = 48, width - 12, 12, height - (58 if rotate else 30)
    totals = [0.0] * len(categories)
    for s in series:
        for p in s.points:
            totals[p.x] += p.y
    ticks = nice_ticks(0.0, max(totals + [1.0]))
    y1 = ticks[-1]
    step = (right - left) / max(1, len(categories))

    def xpos(i: int) -> float:
        return left + (i + 0.5) * step

    def ypos(v: float) -> float:
        return bottom - v / y1 * (bottom - top)

    parts = [_frame(width, height, label)]
    _y_axis(parts, ticks, ypos, left, right, None)
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    _x_labels(parts, categories, xpos, bottom, step)
    base = [0.0] * len(categories)
    bar = max(2.0, step * 0.7)
    for s in series:
        for p in s.points:
            if p.y <= 0:
                continue
            y_top, y_bot = ypos(base[p.x] + p.y), ypos(base[p.x])
            base[p.x] += p.y
            parts.append(f'<rect class="mark" x="{xpos(p.x) - bar / 2:.1f}" y="{y_top:.1f}" width="{bar:.1f}" '
                         f'height="{max(0.5, y_bot - y_top):.1f}" fill="{esc(s.colour)}">'
                         f"<title>{esc(p.title)}</title></rect>")
    parts.append("</svg>")
    return "".join(parts)
