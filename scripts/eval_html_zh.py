"""HTML extraction on real Chinese portal pages: snippet recall, boilerplate leak, title and date.

Gold is `corpus/html_gold/zh_portals.jsonl` (pages live in ../shared/pages/zh-portals/, not in the
repo). Our HTML path and `trafilatura.extract` alone run in the same process on the same bytes.

    python scripts/evaluate.py html-zh [--pages DIR] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "html_gold" / "zh_portals.jsonl"
PAGES = ROOT.parent / "shared" / "pages" / "zh-portals"
_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub("", s or "")


def ours(data: bytes, name: str) -> tuple[str, str | None, str | None]:
    from nlp.decode.reader import to_page
    from nlp.errors import InputError
    from nlp.pipeline import get_pipeline
    from nlp.settings import Settings

    pipe = get_pipeline(Settings(companies=False, metrics=False, monetization=False))
    try:
        art = pipe.article(to_page(data, name), None)
    except InputError:
        return "", None, None
    return art.text, art.title, art.published


def baseline(data: bytes) -> tuple[str, str | None, str | None]:
    import trafilatura

    from nlp.decode.charset import decode_bytes

    html = decode_bytes(data).text
    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    return text, getattr(meta, "title", None), getattr(meta, "date", None)


def score(rows: list[dict], get) -> dict[str, float]:  # type: ignore[no-untyped-def]
    must = hit = bad = leak = titles = dates = 0
    per_page = []
    for g, data in rows:
        text, title, date = get(data, g["file"]) if get is ours else get(data)
        t = norm(text)
        m = sum(1 for s in g["must"] if norm(s) in t)
        l_ = sum(1 for s in g["must_not"] if norm(s) in t)
        must += len(g["must"])
        hit += m
        bad += len(g["must_not"])
        leak += l_
        titles += norm(title) == norm(g.get("title"))
        dates += (date or "")[:10] == (g.get("published") or "")
        per_page.append((g["file"], m, len(g["must"]), l_, len(g["must_not"]), title, date))
    n = len(rows)
    return {"recall": hit / must, "leak": leak / bad, "title": titles / n, "date": dates / n, "pages": per_page}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py html-zh")
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold = [json.loads(l) for l in args.gold.read_text(encoding="utf-8").splitlines() if l.strip()]
    rows = [(g, (args.pages / g["file"]).read_bytes()) for g in gold if (args.pages / g["file"]).exists()]
    if not rows:
        print(f"no pages found under {args.pages}")
        return 1
    res = {"ours": score(rows, ours), "trafilatura.extract": score(rows, baseline)}
    for name, r in res.items():
        print(f"{name:22s} pages={len(rows)} snippet_recall={r['recall']:.3f} boilerplate_leak={r['leak']:.3f} "
              f"title_acc={r['title']:.3f} date_acc={r['date']:.3f}")
    if args.verbose:
        for (f, m, mt, l_, lt, title, date), g in zip(res["ours"]["pages"], (g for g, _ in rows)):
            flag = "" if m == mt and l_ == 0 else "  <--"
            print(f"  {f:22s} must {m}/{mt} leak {l_}/{lt} title={'ok' if norm(title) == norm(g['title']) else repr(title)} "
                  f"date={'ok' if (date or '')[:10] == (g.get('published') or '') else date}{flag}")
    return 0
