"""Title and publication date from the lines around a text dump's body."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional

_FULL = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d年/-])(\d{1,2})月(\d{1,2})日\s*(?:\d{1,2}:\d{2})?")
_PUBLISH = re.compile(r"(发布于|發布於|发布时间|發布時間|发表于|發表於|发布日期|發佈於|Published|Updated|Posted)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_EN_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(20\d{2})\b"
                      r"|\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(20\d{2})\b")
_SITE_SUFFIX = re.compile(r"\s*[_|｜\-–—]\s*[^_|｜\-–—]{1,20}(网|網|新闻|新聞|频道|頻道|财经|財經|科技|News|\.com|\.cn)[^_|｜]{0,12}$")


def _valid(y: int, m: int, d: int) -> Optional[str]:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def full_dates(line: str) -> list[str]:
    """Valid dates with a year in the line. Both patterns need a literal `19` or `20` (the
    century), so most lines are ruled out by two substring tests."""
    if "20" not in line and "19" not in line:
        return []
    out = []
    for m in _FULL.finditer(line):
        v = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if v:
            out.append(v)
    for m in _EN_DATE.finditer(line):
        if m.group(1):
            mon, day, year = m.group(1), m.group(2), m.group(3)
        else:
            day, mon, year = m.group(4), m.group(5), m.group(6)
        v = _valid(int(year), _MONTHS[mon[:3].lower()], int(day))
        if v:
            out.append(v)
    return out


def find_date(head: list[str], meta: list[str], everywhere: Iterable[str],
              today: Optional[dt.date] = None) -> Optional[str]:
    """The publication date: a date in the page head or a byline, or after an explicit
    "published" marker anywhere; a month-day without a year takes the year the page's other full
    dates agree on, else the latest year that does not put it in the future."""
    all_lines = list(everywhere)
    years = Counter(int(d[:4]) for line in all_lines for d in full_dates(line))
    for line in all_lines:
        if _PUBLISH.search(line):
            ds = full_dates(line)
            if ds:
                return ds[0]
    for line in list(head) + list(meta):
        ds = full_dates(line)
        if ds:
            return ds[0]
    for line in list(head) + list(meta):
        m = _MONTH_DAY.search(line)
        if not m:
            continue
        month, day = int(m.group(1)), int(m.group(2))
        if years:
            year = years.most_common(1)[0][0]
        else:
            today = today or dt.date.today()
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        v = _valid(year, month, day)
        if v:
            return v
    return None


def clean_title(title: Optional[str]) -> Optional[str]:
    """Drop the site-name suffix HTML <title>s carry (`…_新浪财经_新浪网`, `… - 网易`)."""
    if not title:
        return None
    title = title.strip()
    for _ in range(3):
        new = _SITE_SUFFIX.sub("", title)
        if new == title or len(new) < 4:
            break
        title = new
    return title or None


_ORIG_TITLE = re.compile(r"^[（(]?原标题[：:]\s*(.+?)[）)]?$")
_DATE_LINE = re.compile(r"(20\d{2}|19\d{2})[-/.年]\d{1,2}|\d{1,2}[-月]\d{1,2}日?\s*\d{1,2}:\d{2}|发布时间|来源[：:]|\d+\s*(小时|分钟)前")


@lru_cache(maxsize=1024)
def _is_date_line(line: str) -> bool:
    """Memoised: consecutive candidates share their following lines, so each is asked up to 3 times."""
    return _DATE_LINE.search(line) is not None


def pick_title(candidates: list[str], followers: list[list[str]] | None = None) -> Optional[str]:
    """The headline among the lines above the body.

    News pages print the headline right above a date/source line, and scrapers often keep it twice
    (the <title> and the <h1>); navigation items are short and far from the body.
    """
    followers = followers or [[] for _ in candidates]
    scored: list[tuple[float, int, str]] = []
    counts = Counter(c.strip() for c in candidates)
    n = len(candidates)
    for k, (raw, after) in enumerate(zip(candidates, followers)):
        c = raw.strip()
        m = _ORIG_TITLE.match(c)
        bonus = 0.0
        if m:
            c, bonus = m.group(1).strip(), 1.0
        if not 4 <= len(c) <= 100 or c.endswith("。") or _DATE_LINE.search(c):
            continue
        score = bonus
        score += 2.0 if 8 <= len(c) <= 60 else (-3.0 if len(c) < 6 else 0.0)
        if counts[raw.strip()] > 1 and len(c) >= 8:
            score += 2.0
        if any(_is_date_line(f) for f in after[:3]):
            score += 4.0
        score += 1.0 * (k + 1) / max(1, n)  # nearer the body
        scored.append((score, k, c))
    if not scored:
        return None
    return max(scored)[2]
