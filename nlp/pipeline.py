"""One document end to end: bytes -> Page -> Article -> Doc -> mentions -> record (a dict).

This is what the CLI, the batch runner and the Python API share. Extractors are built once per
process and per Settings (the KB and the models load lazily on first use).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from nlp.clean.cleaner import Cleaner
from nlp.decode.html import extract_html
from nlp.decode.reader import read_path, to_page
from nlp.errors import InputError
from nlp.record import build_record
from nlp.schema import Article, Doc, Page
from nlp.script.convert import make_doc
from nlp.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from nlp.extract.companies import CompanyExtractor
    from nlp.extract.monetization import MonetizationDetector

MIN_BODY_CHARS = 20


class Pipeline:
    """Holds the loaded extractors; `analyze_*` are pure functions of their input."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cleaner = Cleaner()
        self._companies: Optional["CompanyExtractor"] = None
        self._monetization: Optional["MonetizationDetector"] = None

    # -- extractors, loaded on first use ------------------------------------------------------
    def companies_extractor(self) -> "CompanyExtractor":
        if self._companies is None:
            from nlp.extract.companies import CompanyExtractor
            from nlp.extract.kb import KnowledgeBase

            kb = KnowledgeBase.load([Path(p) for p in self.settings.kb_paths] or None)
            self._companies = CompanyExtractor(kb)
        return self._companies

    def monetization_detector(self) -> "MonetizationDetector":
        if self._monetization is None:
            from nlp.extract.monetization import MonetizationDetector

            self._monetization = MonetizationDetector.load()
        return self._monetization

    # -- stages --------------------------------------------------------------------------------
    def article(self, page: Page, published: Optional[str]) -> Article:
        if page.is_html:
            got = extract_html(page.text)
            if got is None:
                raise InputError(page.source, "no article found in the HTML page")
            art = self.cleaner.run(got.text, page.source, title=got.title,
                                   published=published or got.date, from_html=True)
        else:
            art = self.cleaner.run(page.text, page.source, published=published)
        if not art.published and self.settings.published:
            art.published = self.settings.published
        if len(art.text.strip()) < MIN_BODY_CHARS:
            raise InputError(page.source, "no article text left after cleaning")
        return art

    def extract(self, doc: Doc) -> dict[str, Any]:
        companies = self.companies_extractor().run(doc) if self.settings.companies else []
        metrics = []
        if self.settings.metrics:
            from nlp.extract.metrics import extract_metrics

            metrics = extract_metrics(doc, companies)
        money = self.monetization_detector().run(doc, companies) if self.settings.monetization else []
        return {"companies": companies, "metrics": metrics, "monetization": money}

    def analyze_page(self, page: Page, published: Optional[str] = None) -> dict[str, Any]:
        art = self.article(page, published)
        doc = make_doc(art)
        found = self.extract(doc)
        return build_record(doc, found["companies"], found["metrics"], found["monetization"],
                            encoding=page.encoding, input_format="html" if page.is_html else "text")

    def analyze_bytes(self, data: bytes, source: str, published: Optional[str] = None) -> dict[str, Any]:
        return self.analyze_page(to_page(data, source), published)


@lru_cache(maxsize=4)
def get_pipeline(settings: Settings = Settings()) -> Pipeline:
    return Pipeline(settings)


def analyze_bytes(data: bytes, source: str, published: Optional[str] = None,
                  settings: Optional[Settings] = None) -> dict:
    """Full record for one input; raises InputError (one-line reason) for bad input."""
    return get_pipeline(settings or Settings()).analyze_bytes(data, source, published)


def analyze_path(path: str, published: Optional[str] = None, settings: Optional[Settings] = None) -> dict:
    """Full record for one file; raises InputError for a bad or unreadable file."""
    return analyze_bytes(read_path(path), str(path), published, settings)
