#!/usr/bin/env python3
"""Evaluate business-model detection: `python scripts/evaluate.py monetization [options]`.

1. Sentence level, on the held-out ARTICLES of corpus/monetization/sentences.jsonl (listed in the
   model's meta.json): each held-out article is run as one document (so neighbouring sentences give
   context, as in real use) and every sentence's predicted models are compared with its labels.
   Precision, recall and F1 per model, micro and macro averages.
2. Document level, against corpus/gold/*.json (`doc`: the article file, `monetization`: the models it
   discusses): the models of `nlp.pipeline.analyze_bytes(...)["monetization"]` (or, see --doc-mode,
   of this detector on the pipeline's clean text), or, while the pipeline cannot run, of the detector
   on `to_doc(text)` with no companies. Label F1 micro over (doc, model) pairs and per document.
3. Speed: CPU milliseconds per page and per 10 KB for `MonetizationDetector.run`, and its share of
   the whole pipeline's time on the same pages.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nlp.extract.monetization import MODELS, MonetizationDetector, default_model_dir, models_of  # noqa: E402
from nlp.script.convert import to_doc  # noqa: E402

CORPUS = REPO / "corpus" / "monetization" / "sentences.jsonl"
GOLD = REPO / "corpus" / "gold"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def print_table(title: str, counts: dict[str, list[int]], support: dict[str, int]) -> float:
    """Per-model P/R/F1 rows plus micro and macro averages; returns micro F1."""
    print(title)
    print(f"  {'model':15s} {'P':>6s} {'R':>6s} {'F1':>6s} {'support':>8s}")
    f1s = []
    for m in MODELS:
        tp, fp, fn = counts[m]
        p, r, f = prf(tp, fp, fn)
        if support[m]:
            f1s.append(f)
        print(f"  {m:15s} {p:6.3f} {r:6.3f} {f:6.3f} {support[m]:8d}")
    tp, fp, fn = (sum(counts[m][i] for m in MODELS) for i in range(3))
    p, r, f = prf(tp, fp, fn)
    print(f"  {'micro':15s} {p:6.3f} {r:6.3f} {f:6.3f} {sum(support.values()):8d}")
    print(f"  {'macro F1':15s} {'':6s} {'':6s} {sum(f1s) / max(len(f1s), 1):6.3f}")
    return f


def sentence_level(det: MonetizationDetector, corpus: Path, heldout: set[str], verbose: bool) -> float:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["article"] in heldout:
            by_article[r["article"]].append(r)
    counts = {m: [0, 0, 0] for m in MODELS}
    support = {m: 0 for m in MODELS}
    as_docs = [0, 0, 0]  # each held-out article as a document: tp, fp, fn over its label set
    for article, items in sorted(by_article.items()):
        simplified = [to_doc(r["text"]).text_simplified for r in items]
        starts, pos = [], 0
        for s in simplified:
            starts.append(pos)
            pos += len(s) + 1
        doc = to_doc("\n".join(simplified))
        predicted: list[set[str]] = [set() for _ in items]
        for m in det.run(doc, []):
            predicted[bisect_right(starts, m.start) - 1].add(m.model)
        for r, pred, simp in zip(items, predicted, simplified):
            gold = set(r["labels"])
            for m in MODELS:
                support[m] += m in gold
                counts[m][0] += m in gold and m in pred
                counts[m][1] += m in pred and m not in gold
                counts[m][2] += m in gold and m not in pred
            if verbose and gold != pred:
                print(f"  [{article}] gold={sorted(gold)} pred={sorted(pred)} {simp[:90]}")
        doc_gold = {lab for r in items for lab in r["labels"]}
        doc_pred = set().union(*predicted)
        as_docs[0] += len(doc_gold & doc_pred)
        as_docs[1] += len(doc_pred - doc_gold)
        as_docs[2] += len(doc_gold - doc_pred)
    n = sum(len(v) for v in by_article.values())
    micro = print_table(f"Sentence level: {n} sentences of {len(by_article)} held-out articles", counts, support)
    p, r, f = prf(*as_docs)
    print(f"  the held-out articles as documents: label P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return micro


def predict_document(det: MonetizationDetector, path: Path, mode: str) -> tuple[list[str], str, list[dict]]:
    """(models, how, the record's monetization items when the pipeline ran) for one article file.

    mode "pipeline": the record's `monetization` from nlp.pipeline.analyze_bytes; "detector": this
    detector on the pipeline's clean text; "raw": this detector on the file's text as it is. Falls
    back to "raw" when the pipeline cannot run (it may not be ready).
    """
    data = path.read_bytes()
    if mode != "raw":
        try:
            from nlp.pipeline import analyze_bytes
            record = analyze_bytes(data, source=str(path.relative_to(REPO)))
        except Exception:  # noqa: BLE001 - any pipeline failure: fall back to the detector alone
            record = None
        if record is not None and mode == "pipeline":
            found = {m["model"] for m in record["monetization"]}
            return [m for m in MODELS if m in found], "pipeline", record["monetization"]
        if record is not None:
            return models_of(det.run(to_doc(record["text"]), [])), "detector on clean text", []
    doc = to_doc(data.decode("utf-8", errors="replace"))
    return models_of(det.run(doc, [])), "detector on raw text", []


def document_level(det: MonetizationDetector, gold_dir: Path, mode: str) -> float | None:
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        print(f"Document level: no gold files in {gold_dir}")
        return None
    counts = {m: [0, 0, 0] for m in MODELS}
    support = {m: 0 for m in MODELS}
    print(f"Document level: {len(golds)} gold documents ({gold_dir})")
    doc_f1 = []
    same_company = evidence = 0
    for g in golds:
        spec = json.loads(g.read_text(encoding="utf-8"))
        gold = set(spec.get("monetization") or [])
        pred, how, items = predict_document(det, REPO / spec["doc"], mode)
        pred = set(pred)
        for ev in spec.get("monetization_evidence") or []:  # company tying, where the spans meet
            hit = next((m for m in items if m["model"] == ev["model"]
                        and (m["text"] in ev["text"] or ev["text"] in m["text"])), None)
            if hit is not None:
                evidence += 1
                same_company += hit["company"] == ev.get("company")
        for m in MODELS:
            support[m] += m in gold
            counts[m][0] += m in gold and m in pred
            counts[m][1] += m in pred and m not in gold
            counts[m][2] += m in gold and m not in pred
        tp = len(gold & pred)
        f = 1.0 if not gold and not pred else prf(tp, len(pred - gold), len(gold - pred))[2]
        doc_f1.append(f)
        extra = ", ".join([f"+{m}" for m in sorted(pred - gold)] + [f"-{m}" for m in sorted(gold - pred)])
        print(f"  {spec['doc']}: F1 {f:.3f} via {how}" + (f" ({extra})" if extra else ""))
    micro = print_table("  per model:", counts, support)
    print(f"  document-level label F1: micro {micro:.3f}, mean per document {sum(doc_f1) / len(doc_f1):.3f}")
    if evidence:
        print(f"  company of the evidence: {same_company}/{evidence} gold evidence spans found agree "
              f"({100 * same_company / evidence:.0f}%)")
    return micro


def speed(det: MonetizationDetector, paths: list[Path], repeat: int = 5) -> None:
    """CPU milliseconds (this thread, best of `repeat`) of the detector per page and per 10 KB of clean
    text, with the page's companies, and its share of the whole pipeline's time on the same pages."""
    runs, pipeline_ms = [], []
    for path in paths:
        data = path.read_bytes()
        try:
            from nlp.pipeline import analyze_bytes, get_pipeline, to_page
            from nlp.script.convert import make_doc

            source = str(path.relative_to(REPO))
            pipe = get_pipeline()
            doc = make_doc(pipe.article(to_page(data, source), None))
            runs.append((doc, pipe.companies_extractor().run(doc)))
            pipeline_ms.append(_best(lambda: analyze_bytes(data, source=source), repeat))
        except Exception:  # noqa: BLE001 - no pipeline: time the detector on the raw text
            runs.append((to_doc(data.decode("utf-8", errors="replace")), []))
    if not runs:
        return
    ms = sum(_best(lambda: det.run(doc, companies), repeat) for doc, companies in runs)
    kb = sum(len(doc.text_simplified.encode("utf-8")) for doc, _ in runs) / 1024
    print(f"Speed: monetization {ms / len(runs):.2f} ms per page, {10 * ms / kb:.2f} ms per 10 KB "
          f"({len(runs)} pages, {kb / len(runs):.1f} KB of text each, CPU time, best of {repeat})")
    if len(pipeline_ms) == len(runs):
        total = sum(pipeline_ms)
        print(f"  whole pipeline {total / len(runs):.2f} ms per page; monetization is {100 * ms / total:.0f}% of "
              f"it, adding {100 * ms / max(total - ms, 1e-9):.0f}% to the rest")


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.thread_time()
        fn()
        best = min(best, time.thread_time() - t0)
    return best * 1000


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py monetization", description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=None, help=f"model directory (default {default_model_dir()})")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--doc-mode", choices=("pipeline", "detector", "raw"), default=None,
                    help="document-level predictions: the pipeline's records (default), this detector on "
                         "the pipeline's clean text (default with --model), or on the raw file text")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every misclassified held-out sentence")
    args = ap.parse_args(argv)
    det = MonetizationDetector.load(args.model)
    meta = json.loads(((args.model or default_model_dir()) / "meta.json").read_text(encoding="utf-8"))
    sentence_level(det, args.corpus, set(meta["training"]["heldout_articles"]), args.verbose)
    print()
    document_level(det, args.gold, args.doc_mode or ("detector" if args.model else "pipeline"))
    print()
    docs = []
    for g in sorted(args.gold.glob("*.json")):
        docs.append(REPO / json.loads(g.read_text(encoding="utf-8"))["doc"])
    speed(det, sorted(set(docs)) or sorted((REPO / "corpus" / "samples" / "seeds").glob("*.txt")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
