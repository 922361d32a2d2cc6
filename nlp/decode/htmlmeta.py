"""Title and publication date of an HTML page from its markup, cheaply.

trafilatura's metadata pass (authors, site name, categories, htmldate's deep search) costs about
as much as the article extraction itself; we need two fields, so we read them from where news sites
put them: OpenGraph/article meta tags, JSON-LD, <h1>, <title>, and a visible date near the top.
"""
from __future__ import annotations

import datetime as dt
import html as htmlmod
import re
from typing import Optional

_META_TITLE = re.compile(
    r"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og:title|twitter:title|title)["'][^>]*>""", re.I)
_META_DATE = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""og:release_date|pubdate|publishdate|publish_date|publish-date|datePublished|date|dc\.date|"""
    r"""dc\.date\.issued|sailthru\.date|parsely-pub-date|article\.published|weibo:article:create_at|"""
    r"""mediaid|release_date|apub:time|ptime|publishtime)["'][^>]*>""", re.I)
_META_UPDATED = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:dateUpdate|dateModified|article:modified_time|"""
    r"""og:updated_time|lastmod)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']*)["']""", re.I)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"""<time[^>]+datetime\s*=\s*["']([^"']+)["']""", re.I)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_SCRIPTS = re.compile(r"<(script|style)[^>]*>.*?</\1>", re.I | re.S)
_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_VAR_TS = re.compile(r"""\b(?:var\s+)?(?:ct|publish_time|pubtime|create_time)\s*[=:]\s*["']?(1[0-9]{9})\b""")


def _text(fragment: str) -> str:
    return " ".join(htmlmod.unescape(_TAGS.sub(" ", fragment)).split())


def _date(value: str) -> Optional[str]:
    m = _DATE.search(value)
    if not m:
        return None
    try:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d.isoformat() if 1995 <= d.year <= dt.date.today().year + 1 else None


def page_title(html: str) -> Optional[str]:
    """The headline: <h1> when it is one of the page's titles, else og:title, else <title>."""
    head = html[:200_000]
    candidates: list[str] = []
    for m in _META_TITLE.finditer(head):
        c = _CONTENT.search(m.group(0))
        if c and c.group(1).strip():
            candidates.append(_text(c.group(1)))
    title_tag = _TITLE.search(head)
    title = _text(title_tag.group(1)) if title_tag else ""
    for m in _H1.finditer(head):
        h1 = _text(m.group(1))
        if 4 <= len(h1) <= 120 and (not title or h1 in title or any(h1 in c for c in candidates)):
            return h1
    if candidates:
        return candidates[0]
    return title or None


def page_date(html: str) -> Optional[str]:
    """Publication date: meta tags, JSON-LD, <time>, a page timestamp variable, a visible date."""
    head = html[:300_000]
    for m in _META_DATE.finditer(head):
        c = _CONTENT.search(m.group(0))
        if c:
            d = _date(c.group(1))
            if d:
                return d
    for rx in (_JSONLD_DATE, _TIME_TAG):
        m = rx.search(head)
        if m:
            d = _date(m.group(1))
            if d:
                return d
    m = _VAR_TS.search(head)
    if m:
        return dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    # a visible date shortly after the headline (in text, not markup)
    body = _SCRIPTS.sub(" ", head)
    h1 = _H1.search(body)
    start = h1.end() if h1 else 0
    d = _date(_text(body[start:start + 60000])[:300])
    if d:
        return d
    for m in _META_UPDATED.finditer(head):
        c = _CONTENT.search(m.group(0))
        if c and _date(c.group(1)):
            return _date(c.group(1))
    return _deep_date(html)


def _deep_date(html: str) -> Optional[str]:
    """Last resort: trafilatura's metadata pass (htmldate's heuristics), slow but thorough."""
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(html)
    except Exception:
        return None
    date = getattr(meta, "date", None)
    return date[:10] if date else None
