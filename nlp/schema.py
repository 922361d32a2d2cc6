"""The typed objects that flow down the pipeline: bytes -> Page -> Article -> Doc -> mentions -> record.

Extractors see a `Doc` and return mentions whose offsets point into `Doc.text_simplified`; the record
builder maps them back into `Doc.text` through `Doc.alignment`, so no extractor needs to know about
scripts or offsets in the original text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from nlp.script.align import Alignment

SCHEMA = "nlp.article/1"

CLEANING_KINDS = (
    "spam_lines",
    "boilerplate_lines",
    "repeated_blocks",
    "pinyin_annotations",
    "byline_lines",
    "markup_fixes",
    "number_fixes",
)


@dataclass(slots=True)
class Page:
    """Decoded input: one file or stdin, before any cleaning."""

    source: str
    text: str
    encoding: str
    is_html: bool
    encoding_fallback: str = "declared"  # declared | bom | detected | replaced


@dataclass(slots=True)
class Article:
    """The clean article body and its metadata, in the script it was written in."""

    source: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    byline: list[str] = field(default_factory=list)
    cleaning: dict[str, int] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (kind, removed line) audit trail


@dataclass(slots=True)
class Doc:
    """An article with its language, script and simplified text: what extractors read."""

    article: Article
    language: str  # zh | en
    script: Optional[str]  # simplified | traditional | mixed | None (en)
    text_simplified: str
    alignment: "Alignment"

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> Optional[str]:
        return self.article.published


@dataclass(slots=True)
class CompanyMention:
    """One mention of a company; start/end index `Doc.text_simplified`."""

    company_id: str
    name_zh: Optional[str]
    name_en: Optional[str]
    start: int
    end: int
    via: str  # name | alias | product | unknown
    product: Optional[str] = None  # the product/brand named, when via == product


@dataclass(slots=True)
class Metric:
    """One financial figure; start/end index `Doc.text_simplified` and cover the figure as written."""

    metric: str
    value: float
    unit: str
    start: int
    end: int
    company: Optional[str] = None
    value_max: Optional[float] = None
    per: Optional[str] = None
    period: Optional[str] = None
    qualifier: Optional[str] = None
    segment: Optional[str] = None
    basis: Optional[str] = None
    of: Optional[str] = None
    currency_inferred: bool = False  # True when the currency was not written next to the figure


@dataclass(slots=True)
class MonetizationMention:
    """One business model discussed; start/end index `Doc.text_simplified` (the evidence clause)."""

    model: str
    start: int
    end: int
    company: Optional[str] = None
    score: float = 1.0
    via: str = "classifier"  # classifier | cue
