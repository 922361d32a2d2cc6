"""Helpers for the batch tests: a small corpus with reposts and bad inputs; dataset snapshots."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import duckdb
import opencc

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "samples" / "seeds"
ARTICLES = ROOT / "corpus" / "articles"


def _wrap_html(title: str, text: str) -> str:
    paras = "".join(f"<p>{html.escape(l.strip())}</p>\n" for l in text.splitlines() if len(l.strip()) > 30)
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/tech'>科技</a></div>"
            f"<div class='article'><h1>{html.escape(title)}</h1>\n{paras}</div>"
            f"<div class='footer'>Copyright © 2025 某某网 版权所有</div></body></html>")


def build_small_corpus(out: Path) -> dict[str, str]:
    """~16 inputs: seeds, reposts of them (truncated, other script, other HTML), two other
    articles, a JSONL file, and inputs that fail. Returns {name: what it is}."""
    out.mkdir(parents=True, exist_ok=True)
    kinds = {}
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(p, out / p.name)
        kinds[p.name] = "seed"
    tmt = (SEEDS / "tmtpost-doubao-links.txt").read_text(encoding="utf-8")
    (out / "repost-tmtpost-first-half.txt").write_text(tmt[: len(tmt) // 2], encoding="utf-8")
    netease = (SEEDS / "netease-deepseek-profit-myth-traditional.txt").read_text(encoding="utf-8")
    (out / "repost-netease-simplified.txt").write_text(opencc.OpenCC("t2s").convert(netease), encoding="utf-8")
    zaker = (SEEDS / "zaker-bigtech-ai-money-pinyin.txt").read_text(encoding="utf-8")
    (out / "repost-zaker.html").write_text(_wrap_html("大厂搞AI，谁赚到钱了？", zaker), encoding="utf-8")
    kinds.update({"repost-tmtpost-first-half.txt": "repost", "repost-netease-simplified.txt": "repost",
                  "repost-zaker.html": "repost"})
    sub = out / "articles"
    sub.mkdir()
    for name in ("en-openai-h1-revenue.txt", "zh-api-price-war.txt"):
        shutil.copyfile(ARTICLES / name, sub / name)
        kinds[f"articles/{name}"] = "article"
    lines = [
        json.dumps({"url": "https://example.com/nvidia", "text": (ARTICLES / "en-nvidia-fiscal-q3.txt").read_text(
            encoding="utf-8")}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"url": "https://example.com/empty", "html": "<html><body><p>短</p></body></html>"}),
    ]
    (out / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds.update({"feed.jsonl:1": "article", "feed.jsonl:2": "bad", "feed.jsonl:3": "bad"})
    (out / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (out / "empty.txt").write_bytes(b"")
    kinds.update({"broken.html": "bad", "empty.txt": "bad"})
    (out / "logo.png").write_bytes(b"\x89PNG")  # skipped by the directory walk
    return kinds


def snapshot(db: Path | str) -> dict[str, list]:
    """Every table's content, order-free and without timestamps, to compare two datasets."""
    con = duckdb.connect(str(db), read_only=True)
    queries = {
        "articles": "SELECT * FROM articles",
        "company_mentions": "SELECT * FROM company_mentions",
        "metrics": "SELECT * FROM metrics",
        "monetization": "SELECT * FROM monetization",
        "duplicates": "SELECT * FROM duplicates",
        "errors": "SELECT source, reason FROM errors",
        "processed_inputs": "SELECT input_key, path, line, size, mtime, source, doc_id FROM processed_inputs",
        "signatures": "SELECT * FROM signatures",
        "facts": "SELECT * FROM facts",
    }
    try:
        return {name: sorted(con.execute(q).fetchall(), key=repr) for name, q in queries.items()}
    finally:
        con.close()
