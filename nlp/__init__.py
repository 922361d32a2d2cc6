"""Bilingual news analysis: clean scraped pages, convert scripts, extract companies, figures and
business models as records (see SPEC.md).

    >>> from nlp import analyze
    >>> record = analyze("corpus/samples/seeds/tmtpost-doubao-links.txt")
"""
from __future__ import annotations

import os
from typing import Optional, Union

from nlp.errors import InputError
from nlp.settings import Settings

__all__ = ["analyze", "analyze_text", "InputError", "Settings"]
__version__ = "0.1.0"


def analyze(source: Union[str, os.PathLike[str], bytes], *, published: Optional[str] = None,
            kb: Optional[list[str]] = None, name: str = "<bytes>") -> dict:
    """The record for one page: a path, or the page's raw bytes (HTML or a text dump)."""
    from nlp.pipeline import analyze_bytes, analyze_path

    settings = Settings(kb_paths=tuple(str(p) for p in kb or ()), published=published)
    if isinstance(source, bytes):
        return analyze_bytes(source, name, published, settings)
    return analyze_path(os.fspath(source), published, settings)


def analyze_text(text: str, *, published: Optional[str] = None, kb: Optional[list[str]] = None,
                 name: str = "<text>") -> dict:
    """The record for a page given as a str."""
    return analyze(text.encode("utf-8"), published=published, kb=kb, name=name)
