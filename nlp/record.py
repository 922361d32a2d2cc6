"""Mentions -> record: the SPEC's JSON object, with every span mapped back into `text`.

Extractors report offsets into the simplified text; here they are mapped through the alignment.
A span that cannot be mapped exactly is dropped (and counted), never shifted.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Iterable, Optional

from nlp.schema import SCHEMA, CompanyMention, Doc, Metric, MonetizationMention


def doc_id_for(text_simplified: str) -> str:
    """Stable id: a hash of the simplified, whitespace-normalised body.

    Whitespace runs become one space and the ends are trimmed. `str.split()` and the regex class
    `\\s` know the same whitespace characters (both use Python's Unicode isspace), and splitting and
    joining is several times faster than a regex substitution and a strip."""
    norm = " ".join(text_simplified.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


_SpanMap = Callable[[int, int], Optional[tuple[int, int]]]


def _span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    mapped = doc.alignment.to_source(start, end)
    if mapped is None:
        return None
    s, e = mapped
    if not (0 <= s < e <= len(doc.text)):
        return None
    return s, e


def _span_map(doc: Doc) -> _SpanMap:
    """`_span` for one Doc. Most bodies need no conversion (identity alignment), where the mapping
    reduces to one range test; that test is what `to_source` and `_span` check together."""
    alignment = doc.alignment
    if not alignment.identity:
        return lambda start, end: _span(doc, start, end)
    limit = min(alignment.dst_len, len(doc.text))

    def identity_span(start: int, end: int) -> tuple[int, int] | None:
        return (start, end) if 0 <= start < end <= limit else None

    return identity_span


def _companies(doc: Doc, mentions: Iterable[CompanyMention], stats: dict[str, int],
               span_of: _SpanMap) -> list[dict[str, Any]]:
    text = doc.text
    by_id: dict[str, dict[str, Any]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        span = span_of(m.start, m.end)
        if span is None:
            stats["unmapped_spans"] = stats.get("unmapped_spans", 0) + 1
            continue
        entry = by_id.setdefault(m.company_id, {"id": m.company_id, "name_zh": m.name_zh,
                                                "name_en": m.name_en, "mentions": []})
        mention = {"text": text[span[0]:span[1]], "start": span[0], "end": span[1], "via": m.via}
        if m.product:
            mention["product"] = m.product
        entry["mentions"].append(mention)
    return list(by_id.values())


def _metrics(doc: Doc, metrics: Iterable[Metric], stats: dict[str, int],
             span_of: _SpanMap) -> list[dict[str, Any]]:
    text = doc.text
    out = []
    for m in sorted(metrics, key=lambda m: (m.start, m.end)):
        span = span_of(m.start, m.end)
        if span is None:
            stats["unmapped_spans"] = stats.get("unmapped_spans", 0) + 1
            continue
        out.append({
            "company": m.company, "metric": m.metric, "value": float(m.value), "value_max": m.value_max,
            "unit": m.unit, "per": m.per, "period": m.period, "qualifier": m.qualifier,
            "segment": m.segment, "basis": m.basis, "of": m.of, "currency_inferred": m.currency_inferred,
            "text": text[span[0]:span[1]], "start": span[0], "end": span[1],
        })
    return out


def _monetization(doc: Doc, items: Iterable[MonetizationMention], stats: dict[str, int],
                  span_of: _SpanMap) -> list[dict[str, Any]]:
    text = doc.text
    out = []
    for m in sorted(items, key=lambda m: (m.start, m.end, m.model)):
        span = span_of(m.start, m.end)
        if span is None:
            stats["unmapped_spans"] = stats.get("unmapped_spans", 0) + 1
            continue
        out.append({"model": m.model, "company": m.company, "text": text[span[0]:span[1]],
                    "start": span[0], "end": span[1], "score": round(float(m.score), 4), "via": m.via})
    return out


def build_record(doc: Doc, companies: Iterable[CompanyMention] = (), metrics: Iterable[Metric] = (),
                 monetization: Iterable[MonetizationMention] = (), encoding: str | None = None,
                 input_format: str | None = None) -> dict[str, Any]:
    """The article record of SPEC.md for one Doc and its mentions."""
    art = doc.article
    stats: dict[str, int] = {}
    span_of = _span_map(doc)
    rec: dict[str, Any] = {
        "schema": SCHEMA,
        "doc_id": doc_id_for(doc.text_simplified),
        "source": art.source,
        "title": art.title,
        "published": art.published,
        "language": doc.language,
        "script": doc.script,
        "text": doc.text,
        "text_simplified": doc.text_simplified,
        "cleaning": dict(art.cleaning),
        "duplicate_of": None,
        "companies": _companies(doc, companies, stats, span_of),
        "metrics": _metrics(doc, metrics, stats, span_of),
        "monetization": _monetization(doc, monetization, stats, span_of),
        "byline": list(art.byline),
        "encoding": encoding,
        "input_format": input_format,
    }
    if stats:
        rec["cleaning"]["unmapped_spans"] = stats.get("unmapped_spans", 0)
    return rec
