"""Self-contained HTML views: `nlp show` (one article) and `nlp report` (a dataset).

Every page is one file with its CSS, script and SVG charts inline; a Content-Security-Policy forbids
any network fetch, so a page opens offline and leaks nothing. The shared bits live here: the page
shell, the assets, labels and colours for the business models, and the atomic file writer.
"""
from __future__ import annotations

import html
import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path

# Nothing may be fetched: styles and scripts only inline, images only as data: URLs.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")

# The business models of SPEC.md, in its order, with a short label and a colour each.
MODELS: dict[str, tuple[str, str]] = {
    "api": ("API / tokens", "#1f77b4"),
    "subscription": ("subscription", "#ff7f0e"),
    "enterprise": ("enterprise solutions", "#2ca02c"),
    "ecommerce": ("e-commerce links", "#d62728"),
    "advertising": ("advertising", "#9467bd"),
    "ecosystem": ("app / agent store", "#8c564b"),
    "tipping": ("tipping", "#e377c2"),
    "ai_feature": ("AI as a feature", "#7f7f7f"),
    "infrastructure": ("compute / cloud", "#bcbd22"),
    "open_source": ("open source", "#17becf"),
}
OTHER_COLOUR = "#555555"


def esc(value: object) -> str:
    """Text or attribute value, HTML-escaped (quotes too); None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def model_label(model: str) -> str:
    return MODELS.get(model, (model, OTHER_COLOUR))[0]


def model_colour(model: str) -> str:
    return MODELS.get(model, (model, OTHER_COLOUR))[1]


@cache
def asset(name: str) -> str:
    """A file of nlp/view/assets/ (CSS or JS) as text, for inlining."""
    return resources.files("nlp.view").joinpath("assets", name).read_text(encoding="utf-8")


def page_shell(title: str, body: str, *, css: tuple[str, ...], js: tuple[str, ...] = (),
               lang: str = "zh") -> str:
    """A complete HTML document: `body` (already escaped markup) with the named assets inline."""
    styles = "\n".join(asset(n) for n in css)
    scripts = "\n".join(f"<script>\n{asset(n)}\n</script>" for n in js)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="nlp-news">\n'
        f"<title>{esc(title)}</title>\n<style>\n{styles}\n</style>\n</head>\n"
        f"<body>\n{body}\n{scripts}\n</body>\n</html>\n"
    )


def write_html(text: str, out: str) -> None:
    """Write a page to `out` ('-' for stdout); a file is replaced atomically."""
    if out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(out)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
