#!/usr/bin/env python3
"""Repost dedup: pairwise precision / recall of `nlp batch` on a corpus with known reposts
(`evaluate.py dedupe`).

The corpus is generated into a temp dir from the distinct articles we have (corpus/samples/seeds,
corpus/articles): each original plus reposts of it made the ways reposts happen in the wild:

  script         the page converted traditional <-> simplified (OpenCC s2t / t2s)
  respaced       spaces inserted inside lines, paragraphs joined and re-wrapped
  html           the body re-wrapped in another site's HTML (nav, related links, footer, scripts)
  junk           the body in a text dump with other boilerplate (source lines, share prompts, ads)
  trunc          the first 40-70% of the body, with "read more" junk
  trunc_script   a truncated copy in the other script
  html_respaced  re-spaced body in another site's HTML

Gold clusters: an original and its reposts; jiemian-doubao-links-traditional and
tmtpost-doubao-links are the same article (a real repost pair); double11-llm-links-rewrite is a
rewrite of it on the same topic and must stay apart. Pairs are over input files: two inputs are a
predicted pair when their records share a doc_id or one's `duplicate_of` chain meets the other's.

    python scripts/evaluate.py dedupe [--variants 4] [--seed 7] [--workers N] [--keep DIR] [--full]
"""
from __future__ import annotations

import argparse
import html
import itertools
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = (ROOT / "corpus" / "samples" / "seeds", ROOT / "corpus" / "articles")
KNOWN_SAME = {"jiemian-doubao-links-traditional": "tmtpost-doubao-links"}
MUST_DIFFER = (("double11-llm-links-rewrite", "tmtpost-doubao-links"),
               ("double11-llm-links-rewrite", "jiemian-doubao-links-traditional"))
KINDS = ("script", "respaced", "html", "junk", "trunc", "trunc_script", "html_respaced")

SITES_ZH = ("新浪财经", "网易科技", "搜狐科技", "凤凰网科技", "腾讯新闻", "澎湃新闻", "36氪", "虎嗅网", "雷锋网", "东方财富网")
SITES_EN = ("TechWire", "Market Daily", "The Ledger", "Business Insider Asia", "Silicon Report")
JUNK_ZH = (
    "来源：{site}", "责任编辑：{name}", "点击关注，第一时间了解华为云新鲜技术～", "扫码下载{site}APP，阅读更多精彩内容",
    "本文为{site}原创，未经授权禁止转载", "【免责声明】本文仅代表作者本人观点，与{site}无关。", "分享到：微信 微博 QQ空间",
    "相关阅读：", "· 大模型价格战再起，谁在裸泳？", "· 2025年AI应用月活排行榜出炉", "热门推荐", "举报/反馈",
    "打开APP 阅读最新报道", "广告", "返回顶部", "评论 (0)", "首页 > 科技 > 正文",
)
JUNK_EN = (
    "Source: {site}", "Editor: {name}", "Subscribe to our newsletter for the latest tech news",
    "Share this article: Twitter Facebook LinkedIn", "Related stories:", "- Chip stocks rally on AI demand",
    "- The week in startup funding", "Advertisement", "Read more", "Back to top", "Comments (0)",
    "(c) 2025 {site}. All rights reserved.", "Home > Tech > Article",
)
NAMES = ("张伟", "李娜", "王芳", "刘洋", "陈静", "Alex Kim", "Maria Lopez")


def originals() -> list[Path]:
    out = []
    for d in SOURCES:
        if d.is_dir():
            out += sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith("."))
    return out


def gold_label(stem: str) -> str:
    return KNOWN_SAME.get(stem, stem)


def _bodies(paths: list[Path]) -> dict[str, dict]:
    """The cleaned record of each original (text only: extractors off)."""
    from nlp.pipeline import analyze_bytes
    from nlp.settings import Settings

    settings = Settings(companies=False, metrics=False, monetization=False)
    out = {}
    for p in paths:
        try:
            out[p.name] = analyze_bytes(p.read_bytes(), str(p), None, settings)
        except Exception as exc:  # noqa: BLE001 - an original the pipeline rejects has no reposts
            print(f"eval_dedupe: skip {p.name}: {exc}", file=sys.stderr)
    return out


def _convert(text: str, to_traditional: bool) -> str:
    import opencc

    return opencc.OpenCC("s2t" if to_traditional else "t2s").convert(text)


def _respace(body: str, lang: str, rng: random.Random) -> str:
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    joined: list[str] = []
    for p in paras:  # join some paragraphs, as re-flowed pages do
        if joined and rng.random() < 0.3:
            joined[-1] += (" " if lang == "en" else "") + p
        else:
            joined.append(p)
    out = []
    for p in joined:
        if lang == "en":
            p = re.sub(r" ", lambda m: "  " if rng.random() < 0.2 else " ", p)
        else:
            p = "".join(c + (" " if rng.random() < 0.08 else "") for c in p)
            p = "\u3000\u3000" + p
        out.append(p)
    return ("\n\n" if rng.random() < 0.5 else "\n").join(out)


def _junk(lang: str, rng: random.Random, k: int) -> list[str]:
    pool = JUNK_EN if lang == "en" else JUNK_ZH
    site = rng.choice(SITES_EN if lang == "en" else SITES_ZH)
    return [s.format(site=site, name=rng.choice(NAMES)) for s in rng.sample(pool, k)]


def _truncate(body: str, lang: str, rng: random.Random) -> str:
    frac = rng.uniform(0.4, 0.7)
    cut = int(len(body) * frac)
    ends = [m.end() for m in re.finditer(r"[。！？.!?]\s*", body)]
    near = [e for e in ends if abs(e - cut) < 80]
    cut = min(near, key=lambda e: abs(e - cut)) if near else cut
    more = "Read the full story" if lang == "en" else rng.choice(("（未完，点击阅读全文）", "阅读全文>>", "……"))
    return body[:cut].rstrip() + "\n" + more


def _html(title: str, body: str, lang: str, rng: random.Random) -> str:
    site = rng.choice(SITES_EN if lang == "en" else SITES_ZH)
    nav = ("Home", "Tech", "Markets", "AI", "Opinion") if lang == "en" else ("首页", "科技", "财经", "AI", "评论")
    related = _junk(lang, rng, 4)
    paras = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())
    wrapper = rng.choice(("article-content", "post_body", "content", "main-text"))
    return f"""<!DOCTYPE html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}"><head><meta charset="utf-8">
<title>{html.escape(title)} - {site}</title>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.nav a {{ margin: 0 8px; }}</style></head>
<body>
<div class="nav">{' '.join(f'<a href="/{i}">{n}</a>' for i, n in enumerate(nav))}</div>
<div class="main"><h1>{html.escape(title)}</h1>
<div class="meta">{site}</div>
<div class="{wrapper}">
{paras}
</div>
<div class="share">{html.escape(related[0])}</div></div>
<div class="sidebar"><h3>{'Related' if lang == 'en' else '相关阅读'}</h3><ul>
{''.join(f'<li><a href="/r/{i}">{html.escape(r)}</a></li>' for i, r in enumerate(related[1:]))}
</ul></div>
<div class="footer">Copyright © 2025 {site} {'All rights reserved' if lang == 'en' else '版权所有 京ICP备12345678号'}</div>
</body></html>
"""


def make_variant(kind: str, raw: str, rec: dict, rng: random.Random) -> tuple[str, str]:
    """(file suffix, content) of one repost of an original (raw page text + its clean record).
    Reposts carry a random date around the original's, so an excerpt is sometimes the earliest."""
    suffix, content = _variant(kind, raw, rec, rng)
    date = f"2025-10-{rng.randint(20, 31)}"
    if suffix == ".html":
        content = content.replace("<head>", f'<head><meta property="article:published_time" content="{date}">', 1)
    elif kind != "script":
        stamp = f"Published {date}" if rec["language"] == "en" else f"发布时间：{date} 10:00"
        content = stamp + "\n" + content
    return suffix, content


def _variant(kind: str, raw: str, rec: dict, rng: random.Random) -> tuple[str, str]:
    lang = rec["language"]
    body = rec["text"]
    title = rec.get("title") or body.split("\n")[0][:30]
    trad = rec.get("script") == "traditional"
    if kind == "script":
        return ".txt" if not raw.lstrip().startswith("<") else ".html", _convert(raw, not trad)
    if kind == "respaced":
        return ".txt", "\n".join([title, ""] + [_respace(body, lang, rng)])
    if kind == "html":
        return ".html", _html(title, body, lang, rng)
    if kind == "junk":
        return ".txt", "\n".join(_junk(lang, rng, 3) + [title, body] + _junk(lang, rng, 4))
    if kind == "trunc":
        return ".txt", "\n".join(_junk(lang, rng, 2) + [title, _truncate(body, lang, rng)] + _junk(lang, rng, 3))
    if kind == "trunc_script":
        return ".txt", _convert("\n".join([title, _truncate(body, lang, rng)] + _junk(lang, rng, 2)), not trad)
    if kind == "html_respaced":
        return ".html", _html(title, _respace(body, lang, rng), lang, rng)
    raise ValueError(kind)


def build_corpus(out_dir: Path, variants: int = 4, seed: int = 7, records: dict[str, dict] | None = None
                 ) -> dict[str, str]:
    """Write originals and reposts into out_dir; returns {file name: gold cluster}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = originals()
    records = records if records is not None else _bodies(paths)
    rng = random.Random(seed)
    gold: dict[str, str] = {}
    for p in paths:
        if p.name not in records:
            continue
        rec = records[p.name]
        label = gold_label(p.stem)
        shutil.copyfile(p, out_dir / p.name)
        gold[p.name] = label
        raw = p.read_text(encoding="utf-8", errors="replace")
        kinds = [k for k in KINDS if rec["language"] == "zh" or "script" not in k]
        for kind in rng.sample(kinds, min(variants, len(kinds))):
            suffix, content = make_variant(kind, raw, rec, rng)
            name = f"{p.stem}~{kind}{suffix}"
            (out_dir / name).write_text(content, encoding="utf-8")
            gold[name] = label
    return gold


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name, lab in labels.items():
        groups[lab].append(name)
    return {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}


def predicted_clusters(db: Path, corpus: Path) -> dict[str, str]:
    """{file name: predicted cluster} from the dataset (failed inputs are singletons)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""
        SELECT p.source, coalesce(a.duplicate_of, a.doc_id)
        FROM processed_inputs p JOIN articles a ON a.doc_id = p.doc_id
    """).fetchall()
    con.close()
    out = {Path(src).name: cluster for src, cluster in rows}
    for f in corpus.iterdir():
        out.setdefault(f.name, f"failed:{f.name}")
    return out


def score(gold: dict[str, str], pred: dict[str, str]) -> dict:
    names = sorted(gold)
    g = _pairs({n: gold[n] for n in names})
    p = _pairs({n: pred[n] for n in names})
    tp = len(g & p)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n in names:
        if "~" not in n:
            continue
        kind = n.split("~", 1)[1].rsplit(".", 1)[0]
        orig = next(o for o in names if "~" not in o and gold[o] == gold[n] and o.startswith(n.split("~")[0]))
        by_kind[kind][1] += 1
        by_kind[kind][0] += int(pred[n] == pred[orig])
    must = {f"{a} vs {b}": pred.get(_orig_name(a, names)) != pred.get(_orig_name(b, names))
            for a, b in MUST_DIFFER if _orig_name(a, names) and _orig_name(b, names)}
    return {"precision": precision, "recall": recall, "f1": f1, "gold_pairs": len(g), "predicted_pairs": len(p),
            "true_pairs": tp, "false_positives": sorted(p - g), "false_negatives": sorted(g - p),
            "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
            "kind_counts": {k: v[1] for k, v in sorted(by_kind.items())}, "must_differ": must}


def _orig_name(stem: str, names: list[str]) -> str | None:
    return next((n for n in names if "~" not in n and n.rsplit(".", 1)[0] == stem), None)


def separation(db: Path, gold: dict[str, str]) -> dict:
    """Exact containment margins: the least similar true repost vs the most similar distinct pair."""
    import duckdb

    from nlp.dedup.signature import containment, shingle_hashes

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""
        SELECT p.source, a.language, a.text_simplified FROM processed_inputs p
        JOIN articles a ON a.doc_id = p.doc_id
    """).fetchall()
    con.close()
    sh = {Path(src).name: shingle_hashes(text, lang) for src, lang, text in rows}
    names = sorted(n for n in sh if n in gold)
    worst_dup, best_other = (1.0, None), (0.0, None)
    for a, b in itertools.combinations(names, 2):
        c = containment(sh[a], sh[b])
        if gold[a] == gold[b] and c < worst_dup[0]:
            worst_dup = (c, (a, b))
        elif gold[a] != gold[b] and c > best_other[0]:
            best_other = (c, (a, b))
    return {"min_repost_containment": worst_dup, "max_distinct_containment": best_other}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="evaluate.py dedupe", description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", type=int, default=4, help="reposts per original (default 4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--keep", type=Path, help="write the corpus and dataset here instead of a temp dir")
    ap.add_argument("--full", action="store_true", help="run the extractors too (slower; same dedup)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)

    from nlp.run.batch import BatchConfig, run_batch
    from nlp.settings import Settings

    work = args.keep or Path(tempfile.mkdtemp(prefix="eval-dedupe-"))
    corpus, db = work / "corpus", work / "dedupe.duckdb"
    if corpus.exists():
        shutil.rmtree(corpus)
    db.unlink(missing_ok=True)
    t0 = time.perf_counter()
    gold = build_corpus(corpus, args.variants, args.seed)
    settings = None if args.full else Settings(companies=False, metrics=False, monetization=False)
    summary = run_batch(BatchConfig(inputs=[str(corpus)], db=str(db), workers=args.workers, settings=settings,
                                    progress=False, log_every=1e9))
    result = score(gold, predicted_clusters(db, corpus))
    result.update(separation(db, gold))
    result.update(documents=len(gold), originals=len(set(gold.values())), failed=summary.failed,
                  seconds=round(time.perf_counter() - t0, 1), dedup_seconds=round(summary.seconds["dedup"], 3))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"dedupe: {result['documents']} inputs, {result['originals']} distinct articles, "
              f"{result['failed']} failed, {result['seconds']}s (dedup stage {result['dedup_seconds']}s)")
        print(f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
              f"F1 {result['f1']:.3f}  ({result['true_pairs']}/{result['predicted_pairs']} predicted, "
              f"{result['gold_pairs']} gold pairs)")
        print("recall by repost kind: " + ", ".join(
            f"{k} {v:.2f} (n={result['kind_counts'][k]})" for k, v in result["recall_by_kind"].items()))
        lo, hi = result["min_repost_containment"], result["max_distinct_containment"]
        print(f"exact containment: least similar repost pair {lo[0]:.3f} {lo[1]}; "
              f"most similar distinct pair {hi[0]:.3f} {hi[1]} (threshold 0.8)")
        for pair, ok in result["must_differ"].items():
            print(f"kept apart: {pair}: {'yes' if ok else 'NO'}")
        for a, b in result["false_positives"][:20]:
            print(f"  false positive: {a} ~ {b}")
        for a, b in result["false_negatives"][:20]:
            print(f"  missed: {a} ~ {b}")
    return 0 if all(result["must_differ"].values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
