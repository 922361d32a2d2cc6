"""Markdown scraper output: YAML front matter, image and link lines, heading marks, emphasis."""
from __future__ import annotations

import re

_FRONT = re.compile(r"\A\s*---\n(.*?)\n---\s*\n", re.S)
_IMAGE_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_LINK_ONLY = re.compile(r"^\s*[*\-+]?\s*\[[^\]]*\]\([^)]*\)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:https?:|/|#|\.)[^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_ORIGINAL = re.compile(r"^\s*(原文链接|原文地址|原文|来源链接|Source|Original|URL|链接)\s*[:：]\s*\S+", re.I)
_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_MARKS = re.compile(r"(?m)^#{1,6}\s|\]\(https?://|^!\[")


def looks_like_markdown(text: str) -> bool:
    head = text[:5000]
    if _FRONT.match(text):
        return True
    # every syntax mark below starts with `#`, `](http` or `![`: most dumps have none of them
    if "#" not in head and "](http" not in head and "![" not in head:
        return False
    return len(_MARKS.findall(head)) >= 2


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter (simple `key: value` lines) from the body."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip().strip("'\"")
    return meta, text[m.end():]


def markdown_line(line: str) -> tuple[str | None, str]:
    """Clean one Markdown line: returns (new line or None to drop it, kind of removal, or
    'heading' for a heading kept as a line of the article)."""
    if _IMAGE_LINE.match(line) or _LINK_ONLY.match(line) or _RULE.match(line):
        return None, "boilerplate_lines"
    if _ORIGINAL.match(line):
        return None, "boilerplate_lines"
    heading = bool(_HEADING.match(line))
    line = _HEADING.sub("", line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _EMPH.sub(r"\2", line)
    return line, "heading" if heading else ""
