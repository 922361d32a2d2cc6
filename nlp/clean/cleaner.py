"""Page -> Article: our cleaning rules over a text dump, or over what trafilatura kept of a page.

The cleaner works on lines. Every removed line is counted by kind in `Article.cleaning` and kept in
`Article.removed`, so a user can audit what went and why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import opencc

from nlp.clean import markdown as md
from nlp.clean.markup import fix_markup
from nlp.clean.meta import clean_title, find_date, pick_title
from nlp.clean.numbers import join_numbers
from nlp.clean.pinyin import strip_pinyin
from nlp.clean.repeats import find_repeats
from nlp.clean.rules import LineRules, line_rules
from nlp.clean.spam import is_spam
from nlp.schema import CLEANING_KINDS, Article

_NON_HAN = re.compile(r"[^\u3400-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENT_ZH = re.compile(r"[。！？；，、,]")
_SENT_EN = re.compile(r"[.!?][\"'”’)]?$")
_SPACES = re.compile(r"[ \t]+")
_BULLET = re.compile(r"^[-*•·]\s+")
_TERMINAL = re.compile(r"(?:[。！？.!?…][\"'”’』」)）]?(?:——\S{1,12})?|[（(]完[）)])$")
# The longest `_TERMINAL` match (mark, quote, "——", 12 characters): a search need only start there.
_TERMINAL_MAX = 16
_ENDS_PROSE = re.compile(r"[。.]['\"”’」)）]?$")
_BULLET_CHARS = "-*•·"


def _han_count(line: str) -> int:
    """Number of Han characters: what is left after deleting the runs of other characters, which
    is much cheaper than counting U+3400..U+9FFF matches (no string object per character)."""
    return len(_NON_HAN.sub("", line))


def _ends_sentence(line: str) -> bool:
    """`_TERMINAL` anchored at the end, searched only over the tail a match can occupy."""
    return _TERMINAL.search(line, max(0, len(line) - _TERMINAL_MAX)) is not None


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_paragraph(line: str) -> bool:
    """A line that reads like article prose rather than a heading, link or label."""
    han = _han_count(line)
    if han >= 20 and _SENT_ZH.search(line):
        return True
    if han >= 40:
        return True
    words = len(_WORD.findall(line))
    if words >= 12 and (_SENT_EN.search(line) or words >= 25):
        return True
    return False


def _list_like(line: str) -> bool:
    """Feed items and headlines: anything but a full prose paragraph that ends a sentence."""
    para = is_paragraph(line)
    if len(line) >= 100 and para:
        return False
    # a match is at most two characters (plus a final newline), so search the tail only
    return not (para and _ENDS_PROSE.search(line, max(0, len(line) - 3)))


@dataclass(slots=True)
class _Line:
    text: str
    simp: str
    kind: str = ""  # '' (kept) or the cleaning kind that removed it
    heading: bool = False  # an explicit (Markdown) heading


class Cleaner:
    """Turns decoded text (a dump, or trafilatura's output) into a clean Article."""

    @staticmethod
    def _region(lines: list[_Line], live: list[int], paras: list[int]) -> tuple[int, int]:
        """First and last line of the article body.

        Feeds of headlines look like paragraphs (long, with commas) but do not end sentences and
        come one per item between labels; the body is bounded by paragraphs that end a sentence
        (or are long), extended over directly adjacent paragraph lines.
        """
        strong = [i for i in paras if _ends_sentence(lines[i].text) or _han_count(lines[i].text) >= 60
                  or len(_WORD.findall(lines[i].text)) >= 40]
        if not strong:
            return paras[0], paras[-1]
        para_set = set(paras)
        pos = {i: k for k, i in enumerate(live)}
        first, last = strong[0], strong[-1]
        k = pos[first]
        while k > 0 and live[k - 1] in para_set:
            k -= 1
        first = live[k]
        k = pos[last]
        while k + 1 < len(live) and live[k + 1] in para_set:
            k += 1
        last = live[k]
        return first, last

    @staticmethod
    def _recount_repeats(lines: list[_Line], keep_short: bool) -> int:
        """Count repeated runs that hold prose (a second copy of the body); a run of repeated
        headlines (feeds print each item twice) is page chrome and counts as boilerplate in a dump;
        in trafilatura's output it is the article's own repetition (a recipe, a table) and stays."""
        blocks = 0
        run: list[_Line] = []
        for l in lines + [_Line("", "", "end")]:
            if l.kind == "repeated_blocks":
                run.append(l)
                continue
            if l.kind in ("spam_lines",) or (not l.text and l.kind != "end"):
                continue
            if run:
                if any(not _list_like(r.text) for r in run):
                    blocks += 1
                    if keep_short:  # trafilatura's output: only repeated prose is a second copy
                        for r in run:
                            if _list_like(r.text):
                                r.kind = ""
                else:
                    for r in run:
                        r.kind = "" if keep_short else "boilerplate_lines"
                run = []
        return blocks

    def run(self, text: str, source: str, title: Optional[str] = None, published: Optional[str] = None,
            from_html: bool = False) -> Article:
        """Clean one page's text. `from_html` says trafilatura already cut the page down to the
        article, so only its leftovers are removed (no head/tail region trimming)."""
        counts = dict.fromkeys(CLEANING_KINDS, 0)
        removed: list[tuple[str, str]] = []
        if md.looks_like_markdown(text):
            fm, text = md.front_matter(text)
            title = title or fm.get("title")
            published = published or (fm.get("date") or fm.get("published") or "")[:10] or None
            lines = self._split(text, counts, removed, markdown=True)
        else:
            lines = self._split(text, counts, removed, markdown=False)
        rules = line_rules()
        self._mark_spam_and_repeats(lines, counts, from_html)
        byline = self._classify(lines, rules)
        live = [i for i, l in enumerate(lines) if not l.kind]
        paras = [i for i in live if is_paragraph(lines[i].text)]
        first, last = self._bounds(lines, live, paras, title, from_html)
        if not from_html:
            for i in live:
                if i < first or i > last:
                    lines[i].kind = "boilerplate_lines"
        if paras:
            last = self._cut_at_end_marker(lines, paras, first, last, rules)
        self._drop_feeds(lines, first, last, rules)
        if from_html:
            self._trim_html_tail(lines, last, rules)
        else:
            cands = [i for i in live if i < first]
            followers = [[lines[j].text for j in range(i + 1, min(len(lines), i + 4))] for i in cands]
            title = title or pick_title([lines[i].text for i in cands], followers)
        if not published:
            head = [lines[i].text for i in range(0, max(first, 0))]
            published = find_date(head, byline, (l.text for l in lines))
        return self._assemble(lines, counts, removed, source, title, published, byline)

    # -- steps ---------------------------------------------------------------------------------
    @staticmethod
    def _split(text: str, counts: dict[str, int], removed: list[tuple[str, str]], markdown: bool) -> list[_Line]:
        """Lines with markup debris fixed (and Markdown syntax resolved), plus their t2s form."""
        lines: list[_Line] = []
        inline = line_rules().inline
        for raw in text.split("\n"):
            heading = False
            line, n = fix_markup(raw)
            counts["markup_fixes"] += n
            if inline is not None:
                line, n = inline.subn("", line)
                counts["markup_fixes"] += n
            if markdown:
                new, kind = md.markdown_line(line)
                if new is None:
                    counts[kind] += 1
                    removed.append((kind, raw.strip()))
                    continue
                line, heading = new, kind == "heading"
            elif "**" in line or "__" in line:  # emphasis needs a doubled marker
                line = md._EMPH.sub(r"\2", line)
            # collapsing only changes something when there is a tab or a run of spaces
            line = (_SPACES.sub(" ", line) if "\t" in line or "  " in line else line).strip()
            if line:
                lines.append(_Line(line, "", heading=heading))
        conv = _t2s().convert("\n".join(l.text for l in lines)).split("\n")
        if len(conv) == len(lines):
            for l, simp in zip(lines, conv):
                l.simp = simp
        else:  # pragma: no cover - OpenCC keeps newlines; be safe anyway
            for l in lines:
                l.simp = _t2s().convert(l.text)
        return lines

    def _mark_spam_and_repeats(self, lines: list[_Line], counts: dict[str, int], from_html: bool) -> None:
        for l in lines:
            if is_spam(l.simp):
                l.kind = "spam_lines"
        live = [i for i, l in enumerate(lines) if not l.kind]
        dup, _ = find_repeats([lines[i].simp for i in live])
        for j in dup:
            lines[live[j]].kind = "repeated_blocks"
        counts["repeated_blocks"] += self._recount_repeats(lines, keep_short=from_html)

    @staticmethod
    def _classify(lines: list[_Line], rules: LineRules) -> list[str]:
        """Line rules: bylines go to metadata, page chrome is marked; returns the bylines."""
        byline: list[str] = []
        for l in lines:
            if l.kind:
                continue
            s = _BULLET.sub("", l.simp) if l.simp[:1] in _BULLET_CHARS else l.simp
            if len(s) <= 80 and rules.bylines.search(s):
                l.kind = "byline_lines"
                byline.append(l.text)
            elif (len(s) <= rules.short_max and rules.short.search(s)) \
                    or (len(s) <= rules.medium_max and rules.timestamps.search(s)) \
                    or rules.anywhere.search(s) \
                    or (len(s) <= rules.medium_max and rules.medium.search(s)):
                l.kind = "boilerplate_lines"
        return byline

    def _bounds(self, lines: list[_Line], live: list[int], paras: list[int], title: Optional[str],
                from_html: bool) -> tuple[int, int]:
        """First and last line of the body; Markdown headings above the first paragraph count."""
        if not paras:
            return (live[0], live[-1]) if (from_html and live) else (len(lines), -1)
        first, last = self._region(lines, live, paras)
        heads = [i for i in live if lines[i].heading and i < first
                 and lines[i].text.strip() != (title or "").strip()]
        if heads:
            # the first heading repeats the title when the front matter had none
            skip = len(heads) > 1 and lines[heads[0]].text.strip() == lines[live[0]].text.strip()
            first = heads[1] if skip else heads[0]
        return first, last

    @staticmethod
    def _cut_at_end_marker(lines: list[_Line], paras: list[int], first: int, last: int,
                           rules: LineRules) -> int:
        """A strong end signal (repost notice, 责任编辑, a "related" heading) after most of the
        body: the rest of the page is chrome. Returns the new last line."""
        total = sum(len(lines[i].text) for i in paras)
        seen = 0
        para_set = set(paras)
        for i in range(first, len(lines)):
            l = lines[i]
            if i in para_set:
                seen += len(l.text)
            if l.kind not in ("", "boilerplate_lines", "byline_lines") or seen < 0.6 * total:
                continue
            short = len(l.simp) <= rules.short_max
            if rules.end_markers.search(l.simp) or (short and rules.tail_markers.search(l.simp)):
                for k in range(i + 1, len(lines)):
                    if not lines[k].kind:
                        lines[k].kind = "boilerplate_lines"
                if not l.kind:
                    l.kind = "boilerplate_lines"
                return min(last, i)
        return last

    @staticmethod
    def _drop_feeds(lines: list[_Line], first: int, last: int, rules: LineRules) -> None:
        """"Related / comments / trending" blocks inside the body: drop while list-like."""
        tail = False
        for i in range(first, last + 1) if last >= first else ():
            l = lines[i]
            if l.kind:
                continue
            if len(l.simp) <= rules.short_max and rules.tail_markers.search(l.simp):
                l.kind = "boilerplate_lines"
                tail = True
            elif tail and _list_like(l.text):
                l.kind = "boilerplate_lines"
            else:
                tail = False

    @staticmethod
    def _trim_html_tail(lines: list[_Line], last: int, rules: LineRules) -> None:
        """trafilatura's output can end with a feed of headlines, an editor line, follow-us links."""
        # no line holds a newline and neither pattern matches one: count over the joined text
        everything = "\n".join(l.text for l in lines)
        zh_body = _han_count(everything) > len(_WORD.findall(everything))
        if zh_body:
            # drop trailing lines back to the last one that ends a sentence
            for i in range(len(lines) - 1, -1, -1):
                l = lines[i]
                if l.kind:
                    continue
                body_line = _BULLET.sub("", l.text) if l.text[:1] in _BULLET_CHARS else l.text
                bullet = body_line != l.text
                han = _han_count(body_line)
                if han >= 40 and is_paragraph(body_line):
                    break
                if _ends_sentence(body_line) and (not bullet or is_paragraph(body_line)) and (
                        han >= 8 or len(_WORD.findall(body_line)) >= 4):
                    break
                l.kind = "boilerplate_lines"
            # a feed of headlines after the body, each with its time on a line of its own (09:38,
            # 2019-09-09 19:28): two or more such time lines after the last prose paragraph make the
            # short lines around them feed items, even a headline that ends with 。/！
            last_prose = next((i for i in range(len(lines) - 1, -1, -1) if not lines[i].kind
                               and is_paragraph(lines[i].text) and _ends_sentence(lines[i].text)), None)
            if last_prose is not None:
                after = range(last_prose + 1, len(lines))
                times = sum(1 for i in after if lines[i].kind == "boilerplate_lines"
                            and rules.timestamps.search(_BULLET.sub("", lines[i].simp)))
                if times >= 2:
                    for i in after:
                        if not lines[i].kind and not is_paragraph(lines[i].text):
                            lines[i].kind = "boilerplate_lines"
        for i, l in enumerate(lines):
            if not l.kind and i > last and len(l.simp) <= rules.short_max and rules.tail_markers.search(l.simp):
                for k in range(i, len(lines)):
                    if not lines[k].kind and _list_like(lines[k].text):
                        lines[k].kind = "boilerplate_lines"
                break

    @staticmethod
    def _assemble(lines: list[_Line], counts: dict[str, int], removed: list[tuple[str, str]], source: str,
                  title: Optional[str], published: Optional[str], byline: list[str]) -> Article:
        """Kept lines, with pinyin annotations and split numbers fixed, become the body."""
        body: list[str] = []
        for l in lines:
            if l.kind:
                counts[l.kind] += 0 if l.kind == "repeated_blocks" else 1
                removed.append((l.kind, l.text))
                continue
            text_line, n = strip_pinyin(l.text)
            counts["pinyin_annotations"] += n
            text_line, n = join_numbers(text_line)
            counts["number_fixes"] += n
            body.append(text_line)
        title_out = clean_title(title)
        if body and title_out and body[0].strip() == title_out.strip():
            body.pop(0)
            removed.append(("title", title_out))
        if title_out:
            title_out, _ = strip_pinyin(title_out)
        return Article(source=source, text="\n".join(body), title=title_out, published=published,
                       byline=byline, cleaning=counts, removed=removed)
