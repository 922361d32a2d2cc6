"""Real pages' chrome around generated articles, for the batch benchmark.

The benchmark's articles are built from the seeds; the HTML they arrive in decides much of what a
corpus costs: a real news page is 50-800 KB of navigation, scripts, comment widgets and feeds
(median 170 KB for the Chinese portals in ../shared/pages, 114 KB for the English pages of
../shared/bench), and trafilatura's time grows with it. A 5 KB hand-made shell makes HTML pages
look almost free. So each real page becomes a template: its article container is emptied and a
generated article goes in its place, with the page's own chrome kept around it.

A template is kept only if our extractor, run on it with a test article inside, gives back that
article and little else (see `PageShells._check`): a page whose container we misplaced would leak
its own article into every page built on it.
"""
from __future__ import annotations

import gzip
import html
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

BODY = "@@BENCH-BODY@@"
TITLE = "@@BENCH-TITLE@@"
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
_CONTAINERS = {"div", "article", "section", "td", "main", "span"}


@dataclass(slots=True)
class Shell:
    name: str
    language: str  # "zh" | "en"
    html: str  # the page with BODY where the article goes and TITLE for its title


def _han_share(text: str) -> float:
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in text if c.isalpha())
    return han / max(1, letters)


def _container(tree):  # type: ignore[no-untyped-def]
    """The element holding the most paragraph text (its own <p> children), or None."""
    scores: dict = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None or parent.tag not in _CONTAINERS:
            continue
        n = len(p.text_content().strip())
        if n >= 10:
            scores[parent] = scores.get(parent, 0) + n
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return best if scores[best] >= 200 else None


def make_shell(name: str, page_html: str) -> Optional[Shell]:
    """The template of one real page, or None when its article container is not found."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(page_html)
    except Exception:  # noqa: BLE001 - an unparsable page is just not a template
        return None
    box = _container(tree)
    if box is None:
        return None
    language = "zh" if _han_share(box.text_content()) > 0.3 else "en"
    for child in list(box):
        box.remove(child)
    box.text = BODY
    # The file is written as UTF-8: a declared legacy charset would make readers misdecode it.
    for meta in tree.iter("meta"):
        if meta.get("charset"):
            meta.set("charset", "utf-8")
        elif (meta.get("http-equiv") or "").lower() == "content-type":
            meta.set("content", "text/html; charset=utf-8")
    title = tree.find(".//title")
    if title is not None:
        title.text = TITLE
    h1 = tree.find(".//h1")
    if h1 is not None and not any(True for _ in h1.iterancestors() if _ is box):
        for child in list(h1):
            h1.remove(child)
        h1.text = TITLE
    out = lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    if out.count(BODY) != 1:
        return None
    return Shell(name, language, out)


def fill(shell: Shell, title: str, body: str, date: Optional[str] = None) -> str:
    """The shell with an article in it (paragraphs: the body's lines)."""
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n") if p.strip())
    page = shell.html.replace(BODY, paras, 1).replace(TITLE, html.escape(title))
    if date:
        page = _HEAD.sub(lambda m: m.group(0) + f'<meta property="article:published_time" content="{date}">',
                         page, count=1)
    return page


def _page_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_dir():
            files += sorted(p for p in d.rglob("*") if p.is_file() and p.name.endswith((".html", ".htm", ".html.gz")))
    return files


class PageShells:
    """Templates by language, built from the real pages under `dirs`."""

    def __init__(self, dirs: list[Path], sample: dict[str, tuple[str, str]]) -> None:
        from nlp.decode.reader import to_page

        self.by_lang: dict[str, list[Shell]] = {"zh": [], "en": []}
        self.rejected = 0
        for path in _page_files(dirs):
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            try:
                text = to_page(data, path.name).text
            except Exception:  # noqa: BLE001
                self.rejected += 1
                continue
            shell = make_shell(path.name, text)
            if shell is not None and self._check(shell, *sample[shell.language]):
                self.by_lang[shell.language].append(shell)
            else:
                self.rejected += 1

    @staticmethod
    def _check(shell: Shell, title: str, body: str) -> bool:
        """Our extractor gets back >= 90% of the test article and at most 30% more text."""
        from nlp.decode.html import extract_html

        got = extract_html(fill(shell, title, body))
        if got is None:
            return False
        squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
        want, have = squash(body), squash(got.text)
        kept = sum(len(squash(line)) for line in body.split("\n") if squash(line) and squash(line) in have)
        return kept >= 0.9 * len(want) and len(have) <= 1.3 * len(want) + 300

    def __bool__(self) -> bool:
        return bool(self.by_lang["zh"]) and bool(self.by_lang["en"])

    def wrap(self, lang: str, title: str, body: str, rng: random.Random, date: Optional[str] = None) -> str:
        return fill(rng.choice(self.by_lang[lang]), title, body, date)

    def summary(self) -> dict:
        sizes = sorted(len(s.html.encode("utf-8")) for ss in self.by_lang.values() for s in ss)
        return {"zh": len(self.by_lang["zh"]), "en": len(self.by_lang["en"]), "rejected": self.rejected,
                "median_kb": round(sizes[len(sizes) // 2] / 1024) if sizes else 0}
