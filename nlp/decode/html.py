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


_BLOCKS = {"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "blockquote", "td", "br", "tr", "pre"}
_SKIP = {"script", "style", "noscript", "iframe", "svg", "nav", "footer", "header", "aside", "form",
         "button", "select", "textarea"}


def _block_text(el) -> str:  # type: ignore[no-untyped-def]
    """Text of an element with newlines at block boundaries (lxml's text_content() loses them)."""
    parts: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(node.tag, str):  # comment or processing instruction: only its tail is text
            if node.tail:
                parts.append(node.tail)
            return
        tag = node.tag
        if tag in _SKIP:
            if node.tail:
                parts.append(node.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(el)
    lines = [" ".join(l.split()) for l in "".join(parts).split("\n")]
    return "\n".join(l for l in lines if l)


def densest_block(html: str) -> str:
    """Readability-style fallback: the element whose paragraphs hold the most non-link text.

    Used when trafilatura keeps almost nothing of a page whose article sits in unusual markup
    (WeChat's nested <section>/<span> bodies, for one).
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
        bad.drop_tree()
    scores: dict = {}
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        own = (node.text or "").strip()
        if len(own) < 15 or node.tag == "a":
            continue
        parent = node.getparent()
        depth_weight = 1.0
        while parent is not None and depth_weight > 0.1:
            if parent.tag in ("div", "section", "article", "td", "main"):
                scores[parent] = scores.get(parent, 0.0) + len(own) * depth_weight
                depth_weight *= 0.5
            parent = parent.getparent()
    if not scores:
        return ""
    best = max(scores, key=scores.get)
    links = sum(len(a.text_content()) for a in best.iter("a"))
    text = _block_text(best)
    return text if links < 0.5 * max(1, len(text)) else ""


def extract_html(html: str, url: Optional[str] = None) -> Optional[Extracted]:
    """Main text and metadata of a page, or None when trafilatura finds no article."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=False, include_comments=False, include_tables=True, fast=True,
            favor_recall=False, deduplicate=False,
        )
    except Exception:  # trafilatura/lxml can fail on pathological markup: treat as no article
        return None
    from nlp.decode.htmlmeta import page_date, page_title

    if doc is None:
        fallback = densest_block(html)
        if len(fallback) < 200:
            return None
        return Extracted(fallback, page_title(html), page_date(html), None, None)
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if len(text) < 400:
        fallback = densest_block(html)
        if len(fallback) > 3 * len(text) + 200:
            text = fallback
    if not text.strip():
        return None
    return Extracted(text=text, title=page_title(html), date=page_date(html), author=None, sitename=None)
