"""Article -> Doc: detect language and script, convert to simplified with OpenCC, keep an alignment.

`t2s` converts with OpenCC's phrase table (TSPhrases), so one-to-many characters resolve by context
(乾淨 -> 干净, 乾隆 stays). We do not use `tw2sp`: its Taiwan IT vocabulary rewrites ordinary news
words (核心 -> 内核, 序列 -> 串行, 建立 -> 创建, 程序 -> 进程) and would change what the article says;
regional company names (輝達, 超微) are aliases in the knowledge base instead. Phrase conversion can
still change lengths, hence the alignment (nlp.script.align).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import opencc

from nlp.schema import Article, Doc
from nlp.script.align import Alignment, align
from nlp.script.detect import detect

PHRASE_CONFIG = "t2s"
CHAR_CONFIG = "t2s"
_SEP = "\n"


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def char_level(text: str) -> str:
    """Character-by-character t2s conversion, same length as `text` (the alignment's reference)."""
    chars = sorted(set(text) - {"\n"})
    # One call over the distinct characters, one per line, so OpenCC cannot match phrases.
    conv = _converter(CHAR_CONFIG).convert("\n".join(chars)).split("\n")
    if len(conv) != len(chars):  # pragma: no cover - OpenCC keeps newlines
        return text
    table = {ord(a): b for a, b in zip(chars, conv) if a != b and len(b) == 1}
    return text.translate(table)


def to_simplified(text: str) -> tuple[str, Alignment]:
    """Simplified text plus the alignment back to `text`."""
    simp = _converter(PHRASE_CONFIG).convert(text)
    if simp == text:
        return text, Alignment.identical(len(text))
    return simp, align(text, simp, char_level(text))


def make_doc(article: Article) -> Doc:
    """Build the Doc extractors read."""
    text = article.text
    language, script = detect(text)
    if language == "zh" and script == "simplified":
        script = "simplified"
    if language == "zh" and script in ("traditional", "mixed"):
        simp, alignment = to_simplified(text)
    else:
        if language == "zh" and script is None:
            script = "simplified"
        simp, alignment = text, Alignment.identical(len(text))
    return Doc(article=article, language=language, script=script, text_simplified=simp,
               alignment=alignment)


def to_doc(text: str, published: Optional[str] = None, title: Optional[str] = None,
           source: str = "<text>") -> Doc:
    """A Doc straight from clean text: for tests and for callers that cleaned text themselves."""
    return make_doc(Article(source=source, text=text, title=title, published=published))
