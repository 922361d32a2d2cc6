#!/usr/bin/env python3
"""Evaluate financial-figure extraction against corpus/gold/*.json: `evaluate.py metrics [options]`.

A predicted figure matches a gold one when metric, unit and company agree and the value is within 1%
(greedy one-to-one, closest value first). Prints precision, recall and F1 overall and per metric,
period accuracy on the matched figures, the time extract_metrics takes per document, and with
`--misses` every false negative (with its context) and false positive (with its text).

Predictions come from `nlp.pipeline.analyze_bytes`; if the pipeline cannot run, from the file text via
`to_doc`, the company extractor (when importable) and `extract_metrics`.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = ("metric", "value", "value_max", "unit", "per", "period", "qualifier", "basis", "of", "segment",
          "company")


def _companies(doc) -> list:  # type: ignore[no-untyped-def]
    try:
        from nlp.extract.companies import CompanyExtractor
        from nlp.extract.kb import KnowledgeBase
    except ImportError:
        return []
    try:
        return CompanyExtractor(KnowledgeBase.cached()).run(doc)
    except Exception as exc:  # noqa: BLE001 - the eval must go on without companies
        print(f"warning: company extraction failed: {exc}", file=sys.stderr)
        return []


def _as_dict(m, text: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    d = {k: getattr(m, k, None) for k in FIELDS}
    d["text"] = text[m.start:m.end]
    d["start"], d["end"] = m.start, m.end
    return d


def predict(path: Path, published: Optional[str]) -> tuple[list[dict], float, str]:
    """(predicted metrics, CPU ms spent in extract_metrics, how they were obtained)."""
    from nlp.extract.metrics import extract_metrics
    from nlp.script.convert import to_doc

    data = path.read_bytes()
    text: Optional[str] = None
    how = "pipeline"
    record = None
    try:
        from nlp.pipeline import analyze_bytes

        record = analyze_bytes(data, source=str(path), published=published)
        text = record.get("text")
    except Exception as exc:  # noqa: BLE001 - fall back to the raw text
        how = f"fallback ({type(exc).__name__}: {str(exc)[:60]})"
    if text is None:
        text = data.decode("utf-8", errors="replace")
    doc = to_doc(text, published=published, source=str(path))
    companies = _companies(doc)
    t0 = time.process_time()  # CPU time: wall time swings with the load of a shared machine
    found = extract_metrics(doc, companies)
    ms = (time.process_time() - t0) * 1000
    if record is not None and isinstance(record.get("metrics"), list):
        return list(record["metrics"]), ms, how
    return [_as_dict(m, doc.text_simplified) for m in found], ms, how


def _kb_ids() -> Optional[set[str]]:
    try:
        from nlp.extract.kb import KnowledgeBase

        return set(KnowledgeBase.cached().companies)
    except Exception:  # noqa: BLE001 - without a KB, compare ids as they are
        return None


def normalise_companies(pred: list[dict], kb: Optional[set[str]]) -> None:
    """The gold names only knowledge-base companies; a figure of any other company is `null` there.

    The extractor still reports such a company's slug (SPEC), so compare it as null.
    """
    if kb is None:
        return
    for p in pred:
        if p.get("company") is not None and p["company"] not in kb:
            p["company"] = None


def _close(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(b), 1e-12)


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index), closest value first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.get("metric") == g.get("metric") and p.get("unit") == g.get("unit") \
                    and p.get("company") == g.get("company") and _close(p.get("value"), g.get("value")):
                diff = abs(float(p["value"]) - float(g["value"])) / max(abs(float(g["value"])), 1e-12)
                cands.append((diff, p.get("period") != g.get("period"), gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _fmt(m: dict) -> str:
    bits = [f"{m.get('metric')}={m.get('value')!r}"]
    if m.get("value_max") is not None:
        bits.append(f"max={m['value_max']!r}")
    bits.append(str(m.get("unit")))
    for k in ("company", "period", "qualifier", "per", "of", "basis"):
        if m.get(k) is not None:
            bits.append(f"{k}={m[k]}")
    return " ".join(bits)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py metrics", description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", help="gold JSON files (default: corpus/gold/*.json)")
    ap.add_argument("--misses", action="store_true", help="list false negatives and false positives")
    ap.add_argument("--periods", action="store_true", help="list matched figures with a wrong period")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall F1 is below this")
    args = ap.parse_args(argv)
    files = args.gold or sorted(glob.glob(str(ROOT / "corpus" / "gold" / "*.json")))
    if not files:
        print("no gold files", file=sys.stderr)
        return 2
    tp = fp = fn = 0
    per_metric: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    period_ok = period_n = 0
    times: list[float] = []
    kb = _kb_ids()
    for f in files:
        gold_doc = json.loads(Path(f).read_text(encoding="utf-8"))
        gold = [g for g in gold_doc.get("metrics", [])]
        doc_path = ROOT / gold_doc["doc"]
        if not doc_path.exists():
            print(f"{f}: document {gold_doc['doc']} not found", file=sys.stderr)
            continue
        # an undated page's gold resolves 今年/去年 against the date its annotator assumed; the
        # pipeline gets that date as a default, as `nlp batch --published` gives one
        pred, ms, how = predict(doc_path, gold_doc.get("published") or gold_doc.get("assumed_published"))
        times.append(ms)
        normalise_companies(pred, kb)
        pairs = match(gold, pred)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        d_tp, d_fp, d_fn = len(pairs), len(pred) - len(mp), len(gold) - len(mg)
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        for gi, pi in pairs:
            per_metric[gold[gi]["metric"]][0] += 1
            period_n += 1
            if pred[pi].get("period") == gold[gi].get("period"):
                period_ok += 1
            elif args.periods:
                print(f"  period {Path(f).name}: {gold[gi].get('text')!r} gold={gold[gi].get('period')} "
                      f"pred={pred[pi].get('period')}  | {(gold[gi].get('context') or pred[pi].get('sentence') or '')[:110]}")
        for pi, p in enumerate(pred):
            if pi not in mp:
                per_metric[p.get("metric", "?")][1] += 1
        for gi, g in enumerate(gold):
            if gi not in mg:
                per_metric[g.get("metric", "?")][2] += 1
        p_, r_, f_ = _prf(d_tp, d_fp, d_fn)
        print(f"{Path(f).name}: gold {len(gold)} pred {len(pred)} tp {d_tp}  P {p_:.2f} R {r_:.2f} "
              f"F1 {f_:.2f}  {ms:.1f} ms  [{how}]")
        if args.misses:
            for gi, g in enumerate(gold):
                if gi not in mg:
                    print(f"    FN {g.get('text')!r}: {_fmt(g)}  | {g.get('context', '')[:90]}")
            for pi, p in enumerate(pred):
                if pi not in mp:
                    print(f"    FP {p.get('text')!r}: {_fmt(p)}")
    p_, r_, f_ = _prf(tp, fp, fn)
    print(f"\nOVERALL  P {p_:.3f}  R {r_:.3f}  F1 {f_:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    if period_n:
        print(f"period accuracy on matched: {period_ok}/{period_n} = {period_ok / period_n:.3f}")
    if times:
        print(f"extract_metrics: mean {sum(times) / len(times):.2f} ms/doc, max {max(times):.2f} ms (CPU)")
    print("\nper metric            P      R      F1    tp  fp  fn")
    for metric in sorted(per_metric):
        a, b, c = per_metric[metric]
        mp_, mr_, mf_ = _prf(a, b, c)
        print(f"  {metric:<18} {mp_:6.2f} {mr_:6.2f} {mf_:6.2f}  {a:3d} {b:3d} {c:3d}")
    if args.min_f1 is not None and f_ < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
