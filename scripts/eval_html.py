"""HTML extraction quality on the article-extraction benchmark (181 real pages, mostly English).

Runs our HTML path (decode -> trafilatura -> our cleaning) and, in the same run,
`trafilatura.extract` with default settings, and prints the benchmark's token F1 for both
(whitespace tokens, multiset precision/recall per page, averaged), plus the pages where we lose most.

    python scripts/evaluate.py html [--bench DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"


def token_prf(pred: str, true: str) -> tuple[float, float, float]:
    p, t = Counter(pred.split()), Counter(true.split())
    if not p and not t:
        return 1.0, 1.0, 1.0
    common = sum((p & t).values())
    prec = common / max(1, sum(p.values()))
    rec = common / max(1, sum(t.values()))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def ours(data: bytes) -> str:
    from nlp.decode.reader import to_page
    from nlp.errors import InputError
    from nlp.pipeline import get_pipeline
    from nlp.settings import Settings

    pipe = get_pipeline(Settings(companies=False, metrics=False, monetization=False))
    try:
        page = to_page(data, "bench")
        page.is_html = True
        return pipe.article(page, None).text
    except InputError:
        return ""


def baseline(data: bytes) -> str:
    import trafilatura

    from nlp.decode.charset import decode_bytes

    return trafilatura.extract(decode_bytes(data).text) or ""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py html")
    ap.add_argument("--bench", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args(argv)
    truth = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    rows = []
    for key in keys:
        path = args.bench / "html" / f"{key}.html.gz"
        data = gzip.decompress(path.read_bytes())
        true = truth[key].get("articleBody") or ""
        a, b = token_prf(ours(data), true), token_prf(baseline(data), true)
        rows.append((key, a, b))
    n = len(rows)
    for name, idx in (("ours", 1), ("trafilatura.extract", 2)):
        p = sum(r[idx][0] for r in rows) / n
        r_ = sum(r[idx][1] for r in rows) / n
        f = sum(r[idx][2] for r in rows) / n
        print(f"{name:22s} pages={n} precision={p:.3f} recall={r_:.3f} F1={f:.3f}")
    print(f"\npages where ours loses most against trafilatura.extract:")
    for key, a, b in sorted(rows, key=lambda r: r[1][2] - r[2][2])[: args.worst]:
        print(f"  {key[:16]}  ours F1={a[2]:.3f} (P={a[0]:.2f} R={a[1]:.2f})  trafilatura F1={b[2]:.3f}")
    return 0
