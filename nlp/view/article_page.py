"""`nlp show`: one article as a self-contained HTML page.

The clean body with companies, figures and business-model evidence highlighted from the record's
offsets, side tables of what was found, the simplified/original toggle, and the cleaning audit
trail (every removed line, grouped by kind, collapsed).

Highlights nest: spans are opened outermost first (longer, then model > figure > company) and a span
that crosses the end of an enclosing one is closed and reopened around it, so the markup stays a
tree whatever the offsets. Identical spans of one kind merge into one element.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from nlp.schema import CLEANING_KINDS
from nlp.view import esc, model_colour, model_label, page_shell
from nlp.view.svg import fmt_value

_RANK = {"money": 0, "metric": 1, "company": 2}  # outer to inner at equal extent

CLEANING_LABELS = {
    "spam_lines": "spam keyword lines",
    "boilerplate_lines": "boilerplate: navigation, prompts, related links, widgets",
    "repeated_blocks": "repeated copies of the body",
    "pinyin_annotations": "pinyin annotations (fixed inside lines)",
    "byline_lines": "bylines (kept in the record's byline)",
    "markup_fixes": "stray tags and entities (fixed inside lines)",
    "number_fixes": "broken numbers (fixed inside lines)",
}


@dataclass(slots=True)
class Span:
    """One highlight: [start, end) of the text, what it is, and its tooltip."""

    start: int
    end: int
    kind: str  # company | metric | money
    ids: list[str]
    title: str
    data: dict[str, str] = field(default_factory=dict)


# -- spans from the record -----------------------------------------------------------------------
def _company_names(record: dict) -> dict[str, str]:
    names = {}
    for comp in record.get("companies") or ():
        cid = str(comp.get("id") or "")
        label = " ".join(n for n in (comp.get("name_en"), comp.get("name_zh")) if n)
        names[cid] = f"{label} ({cid})" if label and label != cid else cid
    return names


def _company_of(names: dict[str, str], cid: Optional[str]) -> str:
    return names.get(cid, cid) if cid else "—"


def metric_tip(m: dict, names: dict[str, str]) -> str:
    unit = m.get("unit")
    value = fmt_value(m.get("value"), unit, full=True)
    if m.get("value_max") is not None:
        value += f" – {fmt_value(m.get('value_max'), unit, full=True)}"
    lines = [f"{m.get('metric')}: {value}"]
    if unit not in ("%",) and m.get("value") is not None:
        lines[0] += f" ({fmt_value(m.get('value'), unit)})"
    for key in ("per", "period", "qualifier", "segment", "basis", "of"):
        if m.get(key) is not None:
            lines.append(f"{key}: {m[key]}")
    if m.get("period") is None:
        lines.append("period: unknown")
    lines.append(f"company: {_company_of(names, m.get('company'))}")
    if m.get("currency_inferred"):
        lines.append("currency inferred from context")
    return "\n".join(lines)


def money_tip(m: dict, names: dict[str, str]) -> str:
    lines = [f"model: {m.get('model')} ({model_label(str(m.get('model')))})",
             f"company: {_company_of(names, m.get('company'))}"]
    if m.get("score") is not None:
        lines.append(f"score: {float(m['score']):.2f}" + (f" via {m['via']}" if m.get("via") else ""))
    return "\n".join(lines)


def collect_spans(record: dict) -> tuple[list[Span], int]:
    """Every highlight of the record, and how many had offsets outside the text (not shown)."""
    text = record.get("text") or ""
    names = _company_names(record)
    spans: list[Span] = []
    bad = 0

    def add(start: object, end: object, kind: str, ident: str, title: str, data: dict[str, str]) -> None:
        nonlocal bad
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            bad += 1
            return
        spans.append(Span(start, end, kind, [ident], title, data))

    n = 0
    for comp in record.get("companies") or ():
        cid = str(comp.get("id") or "")
        for m in comp.get("mentions") or ():
            via = m.get("via") or "?"
            tip = f"company: {names.get(cid, cid)}\nfound via {via}"
            if m.get("product"):
                tip += f": {m['product']}"
            add(m.get("start"), m.get("end"), "company", f"c{n}", tip, {"company": cid})
            n += 1
    for i, m in enumerate(record.get("metrics") or ()):
        add(m.get("start"), m.get("end"), "metric", f"f{i}", metric_tip(m, names),
            {"metric": str(m.get("metric") or "")})
    for i, m in enumerate(record.get("monetization") or ()):
        model = str(m.get("model") or "")
        add(m.get("start"), m.get("end"), "money", f"m{i}", money_tip(m, names), {"model": model})
    return merge_same(spans), bad


def merge_same(spans: Iterable[Span]) -> list[Span]:
    """Spans of one kind over the same range become one (tooltips and ids joined)."""
    merged: dict[tuple[int, int, str], Span] = {}
    for s in spans:
        key = (s.start, s.end, s.kind)
        if key in merged:
            got = merged[key]
            got.ids.extend(s.ids)
            got.title += "\n—\n" + s.title
            for k, v in s.data.items():
                if v and v not in got.data.get(k, "").split():
                    got.data[k] = (got.data.get(k, "") + " " + v).strip()
        else:
            merged[key] = Span(s.start, s.end, s.kind, list(s.ids), s.title, dict(s.data))
    return list(merged.values())


# -- rendering -----------------------------------------------------------------------------------
def _open(s: Span, cont: bool) -> str:
    cls = f"hl hl-{s.kind}" + (" cont" if cont else "")
    data = "".join(f' data-{k}="{esc(v)}"' for k, v in s.data.items())
    style = ""
    if s.kind == "money":
        first_model = (s.data.get("model") or "").split(" ")[0]
        style = f' style="--model:{esc(model_colour(first_model))}"'
    return f'<span class="{cls}" data-ids="{esc(" ".join(s.ids))}"{data}{style} title="{esc(s.title)}">'


def render_range(text: str, spans: Sequence[Span], a: int, b: int) -> str:
    """text[a:b] as escaped HTML with the spans (clipped to [a, b)) as properly nested elements."""
    items = sorted(((Span(max(s.start, a), min(s.end, b), s.kind, s.ids, s.title, s.data), s.start < a)
                    for s in spans if s.start < b and s.end > a),
                   key=lambda it: (it[0].start, -it[0].end, _RANK[it[0].kind]))
    points = sorted({a, b} | {s.start for s, _ in items} | {s.end for s, _ in items})
    out: list[str] = []
    stack: list[Span] = []
    nxt = 0
    pos = a
    for p in points:
        out.append(esc(text[pos:p]))
        pos = p
        if any(s.end == p for s in stack):  # close what ends here; reopen what crossed it
            reopen = []
            while any(s.end == p for s in stack):
                s = stack.pop()
                out.append("</span>")
                if s.end != p:
                    reopen.append(s)
            for s in reversed(reopen):
                out.append(_open(s, cont=True))
                stack.append(s)
        while nxt < len(items) and items[nxt][0].start == p:
            s, cont = items[nxt]
            nxt += 1
            out.append(_open(s, cont=cont))
            stack.append(s)
    out.extend("</span>" for _ in stack)
    return "".join(out)


def render_text(text: str, spans: Sequence[Span]) -> str:
    """The body as <p> paragraphs (split at newlines), highlights nested inside each."""
    paras, a = [], 0
    for line in text.split("\n"):
        b = a + len(line)
        if line.strip():
            paras.append(f'<p data-start="{a}">{render_range(text, spans, a, b)}</p>')
        a = b + 1
    return "\n".join(paras)


# -- side tables ---------------------------------------------------------------------------------
def _figures_table(record: dict, names: dict[str, str]) -> str:
    metrics = record.get("metrics") or []
    if not metrics:
        return '<p class="empty">No figures found.</p>'
    rows = []
    order = sorted(range(len(metrics)), key=lambda i: (metrics[i].get("start") or 0, i))
    for i in order:
        m = metrics[i]
        value = fmt_value(m.get("value"), m.get("unit"))
        if m.get("value_max") is not None:
            value += "–" + fmt_value(m.get("value_max"), m.get("unit"))
        if m.get("per"):
            value += f" / {m['per']}"
        extra = " · ".join(f"{k} {m[k]}" for k in ("segment", "basis", "of", "qualifier") if m.get(k))
        rows.append(
            f'<tr data-ref="f{i}"><td class="as-written">{esc(m.get("text"))}</td>'
            f'<td>{esc(m.get("metric"))}</td><td class="num" title="{esc(metric_tip(m, names))}">{esc(value)}</td>'
            f'<td>{esc(m.get("period") or "—")}</td><td>{esc(m.get("company") or "—")}</td>'
            f'<td class="extra">{esc(extra)}</td></tr>')
    return ('<table class="data figures"><thead><tr><th>as written</th><th>metric</th><th>value</th>'
            '<th>period</th><th>company</th><th>notes</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _models_table(record: dict) -> str:
    money = record.get("monetization") or []
    if not money:
        return '<p class="empty">No business models found.</p>'
    rows = []
    for i, m in sorted(enumerate(money), key=lambda im: (im[1].get("start") or 0, im[0])):
        model = str(m.get("model") or "")
        score = f"{float(m['score']):.2f}" if m.get("score") is not None else ""
        rows.append(
            f'<tr data-ref="m{i}"><td><span class="model-chip" style="--model:{esc(model_colour(model))}">'
            f'{esc(model)}</span></td><td>{esc(m.get("company") or "—")}</td>'
            f'<td class="evidence">{esc(m.get("text"))}</td><td class="num">{esc(score)}</td></tr>')
    counts = Counter(str(m.get("model") or "") for m in money)
    summary = ", ".join(f"{esc(k)} ×{v}" for k, v in counts.most_common())
    return (f'<p class="summary">{summary}</p><table class="data models"><thead><tr><th>model</th>'
            '<th>company</th><th>evidence</th><th>score</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _companies_table(record: dict) -> str:
    comps = record.get("companies") or []
    if not comps:
        return '<p class="empty">No companies found.</p>'
    rows = []
    n = 0
    for comp in comps:
        mentions = comp.get("mentions") or []
        refs = " ".join(f"c{n + k}" for k in range(len(mentions)))
        n += len(mentions)
        vias = Counter(m.get("via") or "?" for m in mentions)
        forms = Counter(m.get("text") or "" for m in mentions)
        rows.append(
            f'<tr data-ref="{refs}"><td><b>{esc(comp.get("name_en") or comp.get("id"))}</b> '
            f'{esc(comp.get("name_zh") or "")}<br><code>{esc(comp.get("id"))}</code></td>'
            f'<td class="num">{len(mentions)}</td>'
            f'<td>{esc(", ".join(f"{k} ×{v}" for k, v in forms.most_common(6)))}</td>'
            f'<td>{esc(", ".join(f"{k} {v}" for k, v in vias.most_common()))}</td></tr>')
    return ('<table class="data companies"><thead><tr><th>company</th><th>mentions</th><th>as written</th>'
            '<th>found via</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _cleaning_section(record: dict, removed: Sequence[tuple[str, str]]) -> str:
    counts = dict(record.get("cleaning") or {})
    by_kind: dict[str, list[str]] = {}
    for kind, line in removed:
        by_kind.setdefault(kind, []).append(line)
    kinds = [k for k in CLEANING_KINDS if k in counts or k in by_kind]
    kinds += sorted((set(counts) | set(by_kind)) - set(kinds))
    text = record.get("text") or ""
    n_lines = sum(len(v) for v in by_kind.values())
    rows, details = [], []
    for kind in kinds:
        lines = by_kind.get(kind, [])
        label = CLEANING_LABELS.get(kind, kind.replace("_", " "))
        rows.append(f'<tr><td>{esc(label)}</td><td class="num">{int(counts.get(kind, 0))}</td>'
                    f'<td class="num">{len(lines)}</td></tr>')
        if lines:
            items = "".join(f"<li>{esc(line) if line.strip() else '<i>(blank)</i>'}</li>" for line in lines)
            details.append(f'<details class="removed" data-kind="{esc(kind)}"><summary>{esc(label)} '
                           f'<span class="count">{len(lines)} line{"s" if len(lines) != 1 else ""}</span>'
                           f'</summary><ol>{items}</ol></details>')
    byline = record.get("byline") or []
    by = f'<p>Byline kept in the record: {esc(" / ".join(byline))}</p>' if byline else ""
    if not kinds:
        return '<p class="empty">Cleaning removed nothing.</p>'
    return (f'<p>The body keeps {len(text):,} characters in {sum(1 for l in text.split(chr(10)) if l.strip())} '
            f'paragraphs; cleaning removed {n_lines} line{"s" if n_lines != 1 else ""}, listed below by kind '
            f'(counts are the record\'s <code>cleaning</code> field; in-line fixes have no removed line).</p>'
            f'{by}<table class="data cleaning"><thead><tr><th>kind</th><th>count</th><th>lines listed</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>{"".join(details)}')


# -- the page ------------------------------------------------------------------------------------
def _header(record: dict, n_spans: Counter) -> str:
    title = record.get("title") or os.path.basename(str(record.get("source") or "")) or "article"
    meta = [("source", record.get("source")), ("published", record.get("published") or "unknown"),
            ("language", record.get("language")), ("script", record.get("script") or "—"),
            ("doc_id", record.get("doc_id"))]
    if record.get("duplicate_of"):
        meta.append(("duplicate of", record["duplicate_of"]))
    if record.get("encoding"):
        meta.append(("encoding", record["encoding"]))
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    companies = len(record.get("companies") or [])
    return (f'<header class="page-head"><p class="kicker">nlp show · article</p><h1>{esc(title)}</h1>'
            f'<dl class="meta">{dl}</dl><ul class="stats">'
            f'<li><b>{companies}</b> companies · <b>{n_spans["company"]}</b> mentions</li>'
            f'<li><b>{len(record.get("metrics") or [])}</b> figures</li>'
            f'<li><b>{len(record.get("monetization") or [])}</b> model evidence spans</li></ul></header>')


def _toolbar() -> str:
    toggles = ('<div class="toggles" role="group" aria-label="highlights">'
               '<label class="key key-company"><input type="checkbox" data-toggle="company" checked> companies</label>'
               '<label class="key key-metric"><input type="checkbox" data-toggle="metric" checked> figures</label>'
               '<label class="key key-money"><input type="checkbox" data-toggle="money" checked> business models</label>'
               "</div>")
    return f'<div class="toolbar">{toggles}</div>'


def render_article(record: dict, removed: Sequence[tuple[str, str]] = ()) -> str:
    """The whole HTML page for one record; `removed` is the Article's (kind, line) audit trail."""
    text = record.get("text") or ""
    simp = record.get("text_simplified") or text
    spans, bad = collect_spans(record)
    names = _company_names(record)
    n_spans = Counter(s.kind for s in spans)
    original = render_text(text, spans)
    dual = simp != text
    if dual:
        aligned = len(simp) == len(text)
        note = "" if aligned else ('<p class="notice">The simplified text differs in length from the '
                                   "original, so it is shown without highlights.</p>")
        simplified = note + render_text(simp, spans if aligned else [])
        orig_label = "原文 (繁體)" if record.get("script") == "traditional" else "原文 original"
        body = (
            '<div class="script-switch">'
            '<input type="radio" name="script" id="view-original" value="original" checked>'
            f'<label for="view-original">{esc(orig_label)}</label>'
            '<input type="radio" name="script" id="view-simplified" value="simplified">'
            '<label for="view-simplified">简体 simplified</label>'
            '<input type="radio" name="script" id="view-both" value="both">'
            '<label for="view-both">对照 side by side</label>'
            f'<div class="views"><article class="body view view-original" lang="zh-Hant">{original}</article>'
            f'<article class="body view view-simplified" lang="zh-Hans">{simplified}</article></div></div>')
    else:
        lang = "en" if record.get("language") == "en" else "zh-Hans"
        body = (f'<p class="script-note">The body is {esc(record.get("script") or "English")}: '
                f"original and simplified text are the same.</p>"
                f'<div class="views single"><article class="body view view-original" lang="{lang}">'
                f"{original}</article></div>")
    warn = (f'<p class="notice">{bad} highlight{"s" if bad != 1 else ""} had offsets outside the text '
            "and are not shown.</p>") if bad else ""
    main = (f'<main class="layout"><section class="text-col"><h2>Article</h2>{_toolbar()}{warn}{body}'
            '<div id="hover-info" class="hover-info" aria-live="polite">Hover a highlight for its details.</div>'
            '</section><aside class="side-col">'
            f'<section><h2>Figures</h2>{_figures_table(record, names)}</section>'
            f'<section><h2>Business models</h2>{_models_table(record)}</section>'
            f'<section><h2>Companies</h2>{_companies_table(record)}</section></aside></main>'
            f'<section class="audit" id="cleaning"><h2>What cleaning removed</h2>'
            f"{_cleaning_section(record, removed)}</section>")
    title = record.get("title") or str(record.get("source") or "article")
    lang = "en" if record.get("language") == "en" else "zh"
    return page_shell(f"{title} · nlp show", _header(record, n_spans) + main,
                      css=("base.css", "article.css"), js=("article.js",), lang=lang)


def build_article_page(path: str, published: Optional[str] = None,
                       kb_paths: Sequence[str] = ()) -> str:
    """Read, clean and analyse one file and render its page; InputError for bad input."""
    from nlp.decode.reader import read_path, to_page
    from nlp.pipeline import get_pipeline
    from nlp.settings import Settings

    settings = Settings(kb_paths=tuple(kb_paths), published=published)
    pipeline = get_pipeline(settings)
    page = to_page(read_path(path), path)
    article = pipeline.article(page, published)
    record = pipeline.analyze_page(page, published)
    return render_article(record, article.removed)
