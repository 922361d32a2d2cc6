#!/usr/bin/env python3
"""Company-set precision / recall / F1 against `corpus/gold/*.json` (`evaluate.py companies`).

Each gold file names its input (`doc`) and lists `companies` as `{"id": ...}` or, for companies the
KB lacks, `{"id": null, "name": ...}`; those are compared by `slugify(name)`. The document goes
through the full pipeline (`nlp.pipeline.analyze_bytes`, companies only); if the pipeline cannot run,
the file's text goes straight to `to_doc` and the company extractor. Scores are per document and
micro-averaged over the company sets; false positives and false negatives are listed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def gold_ids(gold: dict, kb, resolved: list[str]) -> set[str]:
    """Gold ids; a null-id name the KB has since learned counts as that KB id (listed in `resolved`)."""
    from nlp.extract.kb import slugify

    out = set()
    for c in gold.get("companies") or []:
        if c.get("id"):
            out.add(c["id"])
            continue
        known = kb.lookup(c["name"]) if kb is not None else None
        if known:
            resolved.append(f"{c['name']} -> {known}")
        out.add(known or slugify(c["name"]))
    return out


def predicted(doc_path: Path, kb_paths: tuple[str, ...], direct: bool) -> tuple[dict[str, str], str]:
    """id -> a name shown in reports, and how the prediction was made."""
    if not direct:
        try:
            from nlp.pipeline import analyze_bytes
            from nlp.settings import Settings

            settings = Settings(kb_paths=kb_paths, metrics=False, monetization=False)
            rec = analyze_bytes(doc_path.read_bytes(), source=str(doc_path), settings=settings)
            return {c["id"]: _label(c) for c in rec["companies"]}, "pipeline"
        except Exception as exc:  # noqa: BLE001 - the pipeline may be unfinished; fall back
            print(f"  (pipeline failed: {type(exc).__name__}: {exc}; using the extractor directly)",
                  file=sys.stderr)
    from nlp.extract.companies import CompanyExtractor
    from nlp.extract.kb import KnowledgeBase
    from nlp.script.convert import to_doc

    extractor = CompanyExtractor(KnowledgeBase.cached(kb_paths))
    doc = to_doc(doc_path.read_text(encoding="utf-8", errors="replace"))
    out: dict[str, str] = {}
    for m in extractor.run(doc):
        out.setdefault(m.company_id, doc.text_simplified[m.start:m.end])
    return out, "extractor"


def _label(company: dict) -> str:
    mentions = company.get("mentions") or []
    if mentions and mentions[0].get("text"):
        return mentions[0]["text"]
    return company.get("name_zh") or company.get("name_en") or company["id"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py companies", description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", help="gold JSON files (default: corpus/gold/*.json)")
    ap.add_argument("--kb", action="append", default=[], help="extra KB file (repeatable)")
    ap.add_argument("--direct", action="store_true", help="skip the pipeline: to_doc + extractor")
    ap.add_argument("-v", "--verbose", action="store_true", help="list gold names resolved via the KB")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall F1 is lower")
    args = ap.parse_args(argv)
    files = [Path(p) for p in args.gold] or sorted((ROOT / "corpus" / "gold").glob("*.json"))
    if not files:
        print("no gold files", file=sys.stderr)
        return 2
    from nlp.extract.kb import KnowledgeBase

    kb = KnowledgeBase.cached(tuple(args.kb))
    TP = FP = FN = 0
    resolved_all = 0
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "doc" not in gold or "companies" not in gold:
            continue
        doc_path = Path(gold["doc"])
        if not doc_path.is_absolute():
            doc_path = ROOT / doc_path
        t0 = time.perf_counter()
        pred, how = predicted(doc_path, tuple(args.kb), args.direct)
        ms = (time.perf_counter() - t0) * 1000
        resolved: list[str] = []
        want = gold_ids(gold, kb, resolved)
        resolved_all += len(resolved)
        got = set(pred)
        tp, fp, fn = len(got & want), len(got - want), len(want - got)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        p, r, f = prf(tp, fp, fn)
        print(f"{path.name}: P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn}, {how}, {ms:.0f} ms)")
        for cid in sorted(got - want):
            print(f"  FP {cid}  ({pred[cid]})")
        for cid in sorted(want - got):
            print(f"  FN {cid}")
        if resolved and args.verbose:
            print(f"  gold null-id names now in the KB: {', '.join(resolved)}")
    p, r, f = prf(TP, FP, FN)
    if resolved_all:
        print(f"({resolved_all} gold null-id names are KB companies now and were compared by KB id)")
    print(f"overall (micro): P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={TP} fp={FP} fn={FN}, {len(files)} files)")
    if args.min_f1 is not None and f < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
