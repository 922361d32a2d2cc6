"""HTML sniffing and article extraction with trafilatura.

HTML is recognised by its content (a doctype or a few structural tags near the top), never by the
file name: scrapers save pages as .txt and text as .html. A text dump with a few stray tags (like
the seeds' `<blockquote id=…>` junk) is not HTML: the tags must make up the page's skeleton.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I | re.S)
_SKELETON = re.compile(r"<(?:html|head|body|div|p|article|section|title|meta|script|table)[\s>/]", re.I)
_TAG = re.compile(r"<[^>]{1,400}>")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    """True for a web page, False for a text dump (even one with stray tags in it)."""
    head = text[:4096]
    if _HTML_START.search(head):
        return True
    sample = text[:20000]
    if len(_SKELETON.findall(sample)) < 5:
        return False
    tag_chars = sum(len(m) for m in _TAG.findall(sample))
    return tag_chars > 0.2 * len(sample)


@dataclass(slots=True)
class Extracted:
    text: str
    title: Optional[str]
    date: Optional[str]
    author: Optional[str]
    sitename: Optional[str]


def extract_html(html: str, url: Optional[str] = None) -> Optional[Extracted]:
    """Main text and metadata of a page, or None when trafilatura finds no article."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=False, deduplicate=False,
        )
    except Exception:  # trafilatura/lxml can fail on pathological markup: treat as no article
        return None
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        return None
    date = get("date")
    return Extracted(text=text, title=get("title"), date=date[:10] if date else None,
                     author=get("author"), sitename=get("sitename"))
