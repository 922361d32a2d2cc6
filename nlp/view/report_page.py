"""`nlp report`: a dataset (the DuckDB file of `nlp batch`) as one self-contained HTML page.

Counts; figures per company and period from the `facts` view, charted as inline SVG with the number
of articles behind each value and disagreements flagged; business models per company (a heatmap)
and per month; the most reposted articles; the error table. The file is opened read-only.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from nlp.errors import InputError
from nlp.view import MODELS, esc, model_colour, model_label, page_shell
from nlp.view.svg import Point, Series, dot_line_chart, fmt_value, legend, stacked_bar_chart

REQUIRED = ("articles", "company_mentions", "metrics", "monetization", "duplicates", "errors", "facts")
TOP_REPOSTS = 15
MAX_CHARTED = 24  # companies with charts; the rest are listed in a table
MAX_HEATMAP_ROWS = 40
SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2")

_PERIOD = re.compile(r"^(FY)?(\d{4})(?:(H)([12])|Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Period:
    """A `period` string placed in time: sort key and granularity (fiscal ones sort on their own)."""

    label: str
    fiscal: bool
    mid: float  # months since year 0, the period's middle
    months: float
    granularity: str


def parse_period(label: str) -> Optional[Period]:
    m = _PERIOD.match(label or "")
    if not m:
        return None
    fy, year = bool(m.group(1)), int(m.group(2))
    if m.group(3):
        start, months, gran = (int(m.group(4)) - 1) * 6, 6.0, "half-year"
    elif m.group(5):
        start, months, gran = (int(m.group(5)) - 1) * 3, 3.0, "quarter"
    elif m.group(6):
        start, months, gran = int(m.group(6)) - 1, 1.0, "month"
        if m.group(7):
            start, months, gran = start + (int(m.group(7)) - 0.5) / 31, 0.0, "day"
    else:
        start, months, gran = 0, 12.0, "year"
    if fy:
        gran = "fiscal " + gran
    return Period(label, fy, year * 12 + start + months / 2, months, gran)


def _period_sort(label: str) -> tuple:
    p = parse_period(label)
    if p is None:
        return (2, 0.0, 0.0, label)
    return (1 if p.fiscal else 0, p.mid, -p.months, label)


# -- reading the dataset -------------------------------------------------------------------------
class Dataset:
    """Read-only queries over one dataset file."""

    def __init__(self, path: str) -> None:
        import duckdb

        if not os.path.exists(path):
            raise InputError(path, "no such dataset file")
        if os.path.isdir(path):
            raise InputError(path, "is a directory, not a dataset file")
        try:
            self.con = duckdb.connect(path, read_only=True)
        except duckdb.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(path, f"cannot open as a DuckDB dataset: {reason}") from None
        names = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        missing = [t for t in REQUIRED if t not in names]
        if missing:
            self.con.close()
            raise InputError(path, f"not an nlp dataset (no {', '.join(missing)} table)")
        self.path = path
        self.tables = names

    def close(self) -> None:
        self.con.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def one(self, sql: str) -> Any:
        return self.con.execute(sql).fetchone()[0]


def _company_names(ds: Dataset) -> dict[str, str]:
    rows = ds.rows("SELECT company AS id, min(name_en) AS en, min(name_zh) AS zh "
                   "FROM company_mentions GROUP BY company")
    names = {}
    for r in rows:
        label = " ".join(n for n in (r["en"], r["zh"]) if n)
        names[r["id"]] = label or r["id"]
    return names


def _docs(ds: Dataset) -> dict[str, dict[str, Any]]:
    return {r["doc_id"]: r for r in ds.rows(
        "SELECT doc_id, title, source, published, duplicate_of FROM articles")}


def _doc_label(doc: Optional[dict[str, Any]], doc_id: str) -> str:
    if not doc:
        return doc_id
    title = doc.get("title") or os.path.basename(doc.get("source") or "") or doc_id
    date = doc.get("published")
    return f"{title} ({date})" if date else str(title)


def _plain(count: int, word: str, plural: Optional[str] = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _n(count: int, word: str, plural: Optional[str] = None) -> str:
    """'<b>1</b> failure', '<b>3</b> failures'."""
    return f"<b>{count}</b> {esc(word if count == 1 else (plural or word + 's'))}"


# -- sections ------------------------------------------------------------------------------------
def _counts(ds: Dataset) -> tuple[str, dict[str, int]]:
    n = {
        "articles": ds.one("SELECT count(*) FROM articles"),
        "near": ds.one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "errors": ds.one("SELECT count(*) FROM errors"),
        "companies": ds.one("SELECT count(DISTINCT company) FROM company_mentions"),
        "figures": ds.one("SELECT count(*) FROM metrics"),
        "facts": ds.one("SELECT count(*) FROM facts"),
        "disputed": ds.one("SELECT count(*) FROM facts WHERE disputed"),
        "models": ds.one("SELECT count(*) FROM monetization"),
    }
    if "processed_inputs" in ds.tables:
        n["inputs"] = ds.one("SELECT count(*) FROM processed_inputs") + n["errors"]
        n["exact"] = ds.one("SELECT count(*) - count(DISTINCT doc_id) FROM processed_inputs")
    else:
        n["inputs"] = n["articles"] + n["errors"]
        n["exact"] = 0
    n["reposts"] = n["near"] + n["exact"]
    lo, hi = ds.con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    span = f"{lo} – {hi}" if lo else "no dates"
    items = [
        ("", _n(n["inputs"], "input")),
        ("", _n(n["articles"], "distinct article")),
        ("", f'{_n(n["reposts"], "repost")} ({_plain(n["near"], "near-duplicate")}, '
             f'{_plain(n["exact"], "exact copy", "exact copies")})'),
        ("bad" if n["errors"] else "", _n(n["errors"], "failure")),
        ("", _n(n["companies"], "company", "companies")),
        ("", f'{_n(n["figures"], "figure")} → {_n(n["facts"], "fact")}'),
        ("bad" if n["disputed"] else "", _n(n["disputed"], "disputed fact")),
        ("", _n(n["models"], "business-model evidence span")),
        ("", f"published {esc(span)}"),
    ]
    lis = "".join(f'<li class="{c}">{t}</li>' for c, t in items)
    return f'<ul class="stats" id="counts">{lis}</ul>', n


def _fact_title(f: dict[str, Any], names: dict[str, str], docs: dict[str, dict[str, Any]]) -> str:
    value = fmt_value(f["value"], f["unit"], full=True)
    lines = [f"{names.get(f['company'], f['company'])} · {f['metric']} {f['period'] or '(no period)'}",
             f"{value} ({fmt_value(f['value'], f['unit'])})"]
    if f["value_min"] is not None and f["value_max"] is not None and f["value_max"] > f["value_min"]:
        lines.append(f"range {fmt_value(f['value_min'], f['unit'])} – {fmt_value(f['value_max'], f['unit'])}")
    for key in ("per", "segment", "basis", "of"):
        if f.get(key):
            lines.append(f"{key}: {f[key]}")
    lines.append(f"reported by {f['n_sources']} article{'s' if f['n_sources'] != 1 else ''}"
                 f" ({f['n_independent']} independent)")
    if f["disputed"]:
        lines.append("DISPUTED: another article gives a different value")
    for d in (f["doc_ids"] or [])[:5]:
        lines.append("· " + _doc_label(docs.get(d), d))
    return "\n".join(lines)


def _series_key(f: dict[str, Any]) -> tuple:
    p = parse_period(f["period"] or "")
    gran = p.granularity if p else "other"
    return (f["segment"] or "", f["per"] or "", f["basis"] or "", f["of"] or "", gran)


def _series_name(key: tuple) -> str:
    segment, per, basis, of, gran = key
    bits = [gran]
    if segment:
        bits.append(segment)
    if per:
        bits.append(f"per {per}")
    if of:
        bits.append(f"of {of}")
    if basis:
        bits.append(basis)
    return " · ".join(bits)


def _chart(company: str, metric: str, unit: str, facts: list[dict[str, Any]],
           names: dict[str, str], docs: dict[str, dict[str, Any]]) -> str:
    periods = sorted({f["period"] for f in facts}, key=_period_sort)
    index = {p: i for i, p in enumerate(periods)}
    by_series: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        by_series[_series_key(f)].append(f)
    series = []
    gran_order = ("year", "half-year", "quarter", "month", "day")
    keys = sorted(by_series, key=lambda k: (k[0], gran_order.index(k[4]) if k[4] in gran_order else 9, k))
    for i, key in enumerate(keys):
        s = Series(_series_name(key), SERIES_COLOURS[i % len(SERIES_COLOURS)],
                   dashed=key[4].startswith("fiscal"))
        for f in by_series[key]:
            s.points.append(Point(index[f["period"]], f["value"], _fact_title(f, names, docs),
                                  lo=f["value_min"], hi=f["value_max"], weight=int(f["n_sources"] or 1),
                                  flagged=bool(f["disputed"])))
        series.append(s)
    breaks = [i for i, p in enumerate(periods) if i and _period_sort(p)[0] != _period_sort(periods[i - 1])[0]]
    label = f"{names.get(company, company)}: {metric} ({unit}) by period"
    height = 230 if len(periods) > 2 else 170  # one or two periods: no trend to show
    svg = dot_line_chart(periods, series, unit=unit, label=label, breaks=breaks, height=height)
    n_disputed = sum(1 for f in facts if f["disputed"])
    flag = f' <span class="flag">⚑ {n_disputed} disputed</span>' if n_disputed else ""
    return (f'<figure class="fact-chart" data-company="{esc(company)}" data-metric="{esc(metric)}">'
            f"<figcaption>{esc(metric)} <span class=\"unit\">{esc(unit)}</span>{flag}</figcaption>"
            f"{svg}{legend(series)}</figure>")


def _facts_table(facts: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
                 names: Optional[dict[str, str]] = None) -> str:
    """Facts as rows; with `names`, a company column comes first."""
    rows = []
    for f in facts:
        value = fmt_value(f["value"], f["unit"])
        if f["value_max"] is not None and f["value_min"] is not None and f["value_max"] > f["value_min"]:
            value = f"{fmt_value(f['value_min'], None)}–{value}"
        extra = " · ".join(f"{k} {f[k]}" for k in ("per", "segment", "basis", "of") if f.get(k))
        srcs = "<br>".join(esc(_doc_label(docs.get(d), d)) for d in (f["doc_ids"] or [])[:4])
        more = len(f["doc_ids"] or []) - 4
        if more > 0:
            srcs += f"<br>… {more} more"
        flag = '<span class="flag">⚑ disputed</span>' if f["disputed"] else ""
        company = f'<td>{esc(names.get(f["company"], f["company"]))}</td>' if names is not None else ""
        rows.append(f'<tr class="{"flagged" if f["disputed"] else ""}">{company}<td>{esc(f["metric"])}</td>'
                    f'<td>{esc(f["period"] or "—")}</td><td class="num">{esc(value)}</td>'
                    f'<td class="extra">{esc(extra)}</td><td class="num">{f["n_sources"]}</td>'
                    f'<td class="num">{f["n_independent"]}</td><td>{flag}</td><td class="sources">{srcs}</td></tr>')
    company = "<th>company</th>" if names is not None else ""
    return (f'<table class="data facts"><thead><tr>{company}<th>metric</th><th>period</th><th class="num">value</th>'
            '<th>notes</th><th class="num">articles</th><th class="num">independent</th><th></th>'
            '<th>reported in</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _figures_section(ds: Dataset, metrics: Sequence[str], names: dict[str, str],
                     docs: dict[str, dict[str, Any]]) -> str:
    facts = ds.rows("SELECT * FROM facts WHERE metric IN (SELECT unnest(?)) "
                    "ORDER BY company, metric, period, value", [list(metrics)])
    by_company: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        by_company[f["company"]].append(f)
    charted = {c: fs for c, fs in by_company.items() if any(f["period"] for f in fs)}
    order = sorted(charted, key=lambda c: (-sum(1 for f in charted[c] if f["period"]), c))[:MAX_CHARTED]
    charted = {c: charted[c] for c in order}
    intro = (f'<p class="note">Facts of the dataset for {esc(", ".join(metrics))}: figures about one company, '
             "metric and period, values within 1% grouped. A dot's size grows with the number of articles "
             "reporting it; a red ring marks a <b>disputed</b> value (another article gives a different one "
             "for the same key). Dashed lines are fiscal periods (placed after calendar ones, behind the "
             "divider). Hover a dot for its sources.</p>")
    if not facts:
        return intro + '<p class="empty">No such figures in the dataset.</p>'
    blocks = []
    for company in order:
        fs = charted[company]
        charts = []
        for (metric, unit) in sorted({(f["metric"], f["unit"] or "") for f in fs if f["period"]},
                                     key=lambda mu: (list(metrics).index(mu[0]) if mu[0] in metrics else 99, mu)):
            sel = [f for f in fs if f["metric"] == metric and (f["unit"] or "") == unit and f["period"]]
            charts.append(_chart(company, metric, unit, sel, names, docs))
        rows = sorted(fs, key=lambda f: (f["metric"], _period_sort(f["period"] or ""), f["value"]))
        n_dis = sum(1 for f in fs if f["disputed"])
        flag = f' <span class="flag">⚑ {n_dis} disputed</span>' if n_dis else ""
        blocks.append(
            f'<section class="company" id="co-{esc(company)}"><h3>{esc(names.get(company, company))} '
            f'<code>{esc(company)}</code>{flag}</h3><div class="charts">{"".join(charts)}</div>'
            f'<details><summary>all {len(fs)} facts</summary>{_facts_table(rows, docs)}</details></section>')
    rest = sorted(set(by_company) - set(charted))
    tail = ""
    if rest:
        rows = [f for c in rest for f in sorted(by_company[c], key=lambda f: (f["metric"], f["value"]))]
        tail = (f"<details><summary>{len(rest)} more companies (fewest dated figures, or none) "
                f"({esc(', '.join(names.get(c, c) for c in rest[:12]))}{'…' if len(rest) > 12 else ''})</summary>"
                + _facts_table(rows, docs, names) + "</details>")
    return intro + '<div class="companies">' + "".join(blocks) + "</div>" + tail


def _disputes_section(ds: Dataset, names: dict[str, str], docs: dict[str, dict[str, Any]]) -> str:
    facts = ds.rows("SELECT * FROM facts WHERE disputed ORDER BY company, metric, period, value")
    if not facts:
        return '<p class="empty">No disputed figures: where several articles give one figure, they agree.</p>'
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        groups[(f["company"], f["metric"], f["period"], f["unit"], f["per"], f["segment"], f["basis"],
                f["of"])].append(f)
    rows = []
    for key, fs in groups.items():
        company, metric, period, unit, per, segment, basis, of = key
        extra = " · ".join(f"{k} {v}" for k, v in (("per", per), ("segment", segment), ("basis", basis),
                                                      ("of", of)) if v)
        values = "".join(
            f'<li><b>{esc(fmt_value(f["value"], unit))}</b> — '
            f'{esc("; ".join(_doc_label(docs.get(d), d) for d in (f["doc_ids"] or [])))}</li>' for f in fs)
        spread = max(f["value"] for f in fs) / min(f["value"] for f in fs) if min(f["value"] for f in fs) > 0 else None
        rows.append(f'<tr class="flagged"><td>{esc(names.get(company, company))}</td><td>{esc(metric)}</td>'
                    f'<td>{esc(period)}</td><td class="extra">{esc(extra)}</td>'
                    f'<td class="num">{f"×{spread:.2f}" if spread else ""}</td><td><ul class="values">{values}</ul></td></tr>')
    return ('<table class="data disputes"><thead><tr><th>company</th><th>metric</th><th>period</th><th>notes</th>'
            '<th class="num">max/min</th><th>values and the articles giving them</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _models_section(ds: Dataset, names: dict[str, str]) -> str:
    cells = ds.rows("""
        SELECT coalesce(m.company, '') AS company, m.model,
               count(DISTINCT coalesce(a.duplicate_of, a.doc_id)) AS n_articles, count(*) AS n_spans
        FROM monetization m JOIN articles a USING (doc_id) GROUP BY ALL""")
    if not cells:
        return '<p class="empty">No business models in the dataset.</p>'
    present = {c["model"] for c in cells}
    models = [m for m in MODELS if m in present] + sorted(present - set(MODELS))
    grid: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for c in cells:
        grid[c["company"]][c["model"]] = c
    total = {co: sum(c["n_articles"] for c in row.values()) for co, row in grid.items()}
    companies = sorted((co for co in grid if co), key=lambda co: (-total[co], co))
    hidden = companies[MAX_HEATMAP_ROWS:]
    companies = companies[:MAX_HEATMAP_ROWS]
    if "" in grid:
        companies.append("")
    top = max(c["n_articles"] for c in cells)
    head = "".join(f'<th class="model" title="{esc(model_label(m))}"><span class="model-chip" '
                   f'style="--model:{esc(model_colour(m))}">{esc(m)}</span></th>' for m in models)
    body = []
    for co in companies:
        tds = []
        for m in models:
            c = grid[co].get(m)
            if not c:
                tds.append('<td class="cell"></td>')
                continue
            alpha = 0.15 + 0.85 * c["n_articles"] / top
            dark = alpha > 0.55
            who = names.get(co, co) if co else "no company named"
            tip = f"{who} · {m}: {c['n_articles']} article(s), {c['n_spans']} evidence span(s)"
            tds.append(f'<td class="cell mark{" dark" if dark else ""}" style="--a:{alpha:.2f}" '
                       f'title="{esc(tip)}">{c["n_articles"]}</td>')
        label = (f"{esc(names.get(co, co))} <code>{esc(co)}</code>" if co
                 else '<i>no company named</i>')
        body.append(f'<tr><th class="row">{label}</th>{"".join(tds)}<td class="num">{total[co]}</td></tr>')
    more = (f'<p class="note">… and {len(hidden)} more companies with fewer articles: '
            f'{esc(", ".join(names.get(c, c) for c in hidden[:30]))}{"…" if len(hidden) > 30 else ""}.</p>'
            if hidden else "")
    return ('<p class="note">Articles discussing each business model, per company the model is tied to '
            "(reposts counted once with their original). Darker = more articles; hover a cell for the "
            "number of evidence spans.</p>"
            f'<div class="scroll"><table class="data heatmap"><thead><tr><th></th>{head}'
            f'<th class="num">total</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>{more}')


def _months(lo: dt.date, hi: dt.date) -> list[str]:
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _timeline_section(ds: Dataset) -> str:
    rows = ds.rows("""
        SELECT date_trunc('month', a.published)::DATE AS month, m.model, count(DISTINCT m.doc_id) AS n
        FROM monetization m JOIN articles a USING (doc_id)
        WHERE a.duplicate_of IS NULL AND a.published IS NOT NULL GROUP BY ALL""")
    undated = ds.one("""SELECT count(DISTINCT a.doc_id) FROM monetization m JOIN articles a USING (doc_id)
                        WHERE a.duplicate_of IS NULL AND a.published IS NULL""")
    if not rows:
        return f'<p class="empty">No dated articles discuss business models ({undated} undated).</p>'
    months = _months(min(r["month"] for r in rows), max(r["month"] for r in rows))
    index = {m: i for i, m in enumerate(months)}
    present = {r["model"] for r in rows}
    models = [m for m in MODELS if m in present] + sorted(present - set(MODELS))
    series = []
    for model in models:
        s = Series(model, model_colour(model))
        for r in rows:
            if r["model"] == model:
                month = r["month"].strftime("%Y-%m")
                s.points.append(Point(index[month], float(r["n"]),
                                      f"{month} · {model} ({model_label(model)}): {r['n']} article(s)"))
        series.append(s)
    svg = stacked_bar_chart(months, series, label="Articles discussing each business model, by month published")
    note = (f'<p class="note">Distinct articles (reposts excluded) per month of <code>published</code>; an '
            f"article discussing several models counts once for each. {undated} undated article"
            f'{"s" if undated != 1 else ""} not shown.</p>')
    return note + f'<figure class="timeline">{svg}{legend(series)}</figure>'


def _reposts_section(ds: Dataset, docs: dict[str, dict[str, Any]]) -> str:
    sims = {r["doc_id"]: r["similarity"] for r in ds.rows("SELECT doc_id, similarity FROM duplicates")}
    inputs = (ds.rows("SELECT source, doc_id FROM processed_inputs") if "processed_inputs" in ds.tables
              else [{"source": d["source"], "doc_id": k} for k, d in docs.items()])
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in inputs:
        doc = docs.get(r["doc_id"])
        if doc is None:
            continue
        origin = doc["duplicate_of"] or r["doc_id"]
        if origin not in docs or r["source"] == docs[origin]["source"]:
            continue
        if r["doc_id"] != origin and r["source"] == doc["source"]:
            how = f"near-duplicate (similarity {sims.get(r['doc_id'], 0):.2f})"
        else:
            how = "exact copy"
        groups[origin].append((r["source"], how))
    if not groups:
        return '<p class="empty">No reposts: every article in the dataset is distinct.</p>'
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(docs[kv[0]]["published"] or "9999"), kv[0]))
    rows = []
    for origin, reposts in ranked[:TOP_REPOSTS]:
        d = docs[origin]
        items = "".join(f"<li><code>{esc(src)}</code> <span class=\"extra\">{esc(how)}</span></li>"
                        for src, how in sorted(reposts))
        rows.append(f'<tr><td class="num">{len(reposts)}</td><td><b>{esc(d["title"] or "(untitled)")}</b><br>'
                    f'<code>{esc(d["source"])}</code></td><td>{esc(d["published"] or "—")}</td>'
                    f'<td><ul class="values">{items}</ul></td></tr>')
    more = f'<p class="note">… and {len(ranked) - TOP_REPOSTS} more.</p>' if len(ranked) > TOP_REPOSTS else ""
    return ('<table class="data reposts"><thead><tr><th class="num">reposts</th><th>original (earliest copy)</th>'
            '<th>published</th><th>reposted as</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>" + more)


def _errors_section(ds: Dataset) -> str:
    rows = ds.rows("SELECT source, reason, time FROM errors ORDER BY time DESC, source")
    if not rows:
        return '<p class="empty">No failures.</p>'
    reasons = Counter(r["reason"] for r in rows)
    summary = ", ".join(f"{esc(k)} ×{v}" for k, v in reasons.most_common(5))
    body = "".join(f'<tr><td><code>{esc(r["source"])}</code></td><td>{esc(r["reason"])}</td>'
                   f'<td>{esc(r["time"] or "")}</td></tr>' for r in rows)
    return (f'<p class="note">{len(rows)} input{"s" if len(rows) != 1 else ""} failed: {summary}</p>'
            '<table class="data errors"><thead><tr><th>source</th><th>reason</th><th>when</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


# -- the page ------------------------------------------------------------------------------------
def render_report(ds: Dataset, metrics: Sequence[str] = ("revenue", "arr")) -> str:
    names = _company_names(ds)
    docs = _docs(ds)
    counts, _ = _counts(ds)
    schema = ds.one("SELECT value FROM meta WHERE key = 'schema'") if "meta" in ds.tables else None
    sections = [
        ("figures", "Figures by company and period", _figures_section(ds, metrics, names, docs)),
        ("disputes", "Where sources disagree", _disputes_section(ds, names, docs)),
        ("models", "Business models per company", _models_section(ds, names)),
        ("timeline", "Business models over time", _timeline_section(ds)),
        ("reposts", "Most reposted articles", _reposts_section(ds, docs)),
        ("errors", "Failures", _errors_section(ds)),
    ]
    nav = "".join(f'<a href="#{sid}">{esc(title)}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}" class="block"><h2>{esc(title)}</h2>{html}</section>'
                   for sid, title, html in sections)
    head = (f'<header class="page-head"><p class="kicker">nlp report · dataset</p>'
            f"<h1>{esc(os.path.basename(ds.path))}</h1>"
            f'<dl class="meta"><div><dt>file</dt><dd>{esc(ds.path)}</dd></div>'
            f'<div><dt>schema</dt><dd>{esc(schema or "?")}</dd></div></dl>{counts}'
            f'<nav class="toc">{nav}</nav></header>')
    return page_shell(f"{os.path.basename(ds.path)} · nlp report", head + body,
                      css=("base.css", "report.css"), lang="en")


def build_report_page(path: str, metrics: Sequence[str] = ("revenue", "arr")) -> str:
    """Open the dataset read-only and render its report; InputError for a missing or foreign file."""
    ds = Dataset(path)
    try:
        return render_report(ds, metrics)
    finally:
        ds.close()
