#!/usr/bin/env python3
"""`nlp batch` speed and memory, and the dedup stage's scaling, against what a user would write.

Builds a corpus of pages in a temp dir from the seeds and gold articles: distinct articles
(sentences of the originals recombined, zh and en), each written as an HTML page or a text dump,
plus reposts of earlier pages (other HTML, other script, re-spaced, truncated, other boilerplate)
at `--repost-rate`. An HTML page is the article inside a real page's chrome (`--shells`: by default
the Chinese portal pages of ../shared/pages and the English pages of ../shared/bench, median
~100 KB; see page_shells.py), because what a page costs to extract depends on its size; with
`--thin-html` (or when those pages are missing) inside a small hand-made page (~5 KB) instead, the
corpus of earlier versions. Then, each in a fresh process watched for peak memory (RSS of the
whole process tree):

1. `nlp batch` end to end (extract + dedup + DuckDB) with 1 and 2 workers: docs/s, peak RSS, the
   dedup stage's own time, and the pairwise precision/recall of the dedup on the known reposts;
2. a baseline a user would otherwise write, in one process: trafilatura.extract (HTML) + OpenCC
   t2s + datasketch MinHash/MinHashLSH (threshold 0.5, 5-char shingles, query then insert);
3. the dedup stage alone (cluster + mark over a DuckDB dataset) at `--scale` sizes (default 10k,
   20k, 40k documents; signatures computed beforehand, as the workers do).

    python scripts/bench_batch.py [--pages 20000] [--workers 1,2] [--scale 10000,20000,40000]
                                  [--shells DIR,DIR | --thin-html] [--skip-e2e] [--skip-baseline]
                                  [--skip-scale] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_dedupe as ev  # noqa: E402  (the repost makers)

REPOST_KINDS = ("html", "script", "respaced", "junk", "trunc")


# -- corpus ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def sentence_pools() -> dict[str, list[str]]:
    """Clean sentences of every original, by language (from the pipeline, extractors off; computed
    once: the shell check, the corpus and the dedup scaling all draw from them, read-only)."""
    recs = ev._bodies(ev.originals())
    pools: dict[str, list[str]] = {"zh": [], "en": []}
    for rec in recs.values():
        lang = rec["language"]
        parts = re.split(r"(?<=[。！？!?])" if lang == "zh" else r"(?<=[.!?])\s+", rec["text_simplified"])
        pools[lang] += [p.strip() for p in parts if len(p.strip()) >= (12 if lang == "zh" else 40)]
    return pools


class Mutator:
    """Makes recombined sentences into a *distinct* article: about half of the Chinese characters
    (English words) outside company names, products, metric and business-model cues and numbers are
    swapped for random ones, per article. Real articles on one topic share few 5-character
    shingles; sentences reused verbatim from a small pool would share many and make every article
    a near-duplicate candidate of every other."""

    def __init__(self, pools: dict[str, list[str]]) -> None:
        words = set()
        with open(ROOT / "corpus" / "kb" / "companies.csv", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                for field in line.rstrip("\n").split(",")[1:5]:
                    words.update(w for w in field.split("|") if len(w) >= 2)
        for name in ("metric_cues.toml", "monetization_cues.toml"):
            words.update(re.findall(r'"([^"\n]{2,})"', (ROOT / "nlp" / "data" / name).read_text(encoding="utf-8")))
        words = sorted(words, key=len, reverse=True)
        self.keep = re.compile("|".join(re.escape(w) for w in words) + r"|[0-9][0-9.,%]*|[亿万千百元%]", re.I)
        self.han = sorted({c for t in pools["zh"] for c in t if "\u4e00" <= c <= "\u9fff"})
        self.en_words = sorted({w for t in pools["en"] for w in re.findall(r"\b[a-z]{2,}\b", t)})
        self._segments: dict[str, list[tuple[bool, str]]] = {}

    def __call__(self, text: str, lang: str, rng: random.Random) -> str:
        parts = self._segments.get(text)
        if parts is None:  # (kept span?, text) pieces, computed once per pool sentence
            parts, pos = [], 0
            for m in self.keep.finditer(text):
                parts += [(False, text[pos:m.start()]), (True, m.group(0))]
                pos = m.end()
            parts.append((False, text[pos:]))
            self._segments[text] = parts
        return "".join(t if kept else self._swap(t, lang, rng) for kept, t in parts)

    def _swap(self, part: str, lang: str, rng: random.Random) -> str:
        if lang == "en":
            return _EN_WORD.sub(lambda m: rng.choice(self.en_words) if rng.random() < 0.7 else m.group(0), part)
        han, rand = self.han, rng.random
        return "".join(han[int(rand() * len(han))] if "\u4e00" <= c <= "\u9fff" and rand() < 0.6 else c
                       for c in part)


_EN_WORD = re.compile(r"\b[a-z]{2,}\b")
_MUTATOR: list[Mutator] = []


def make_article(pools: dict[str, list[str]], rng: random.Random) -> tuple[str, str, str]:
    if not _MUTATOR:
        _MUTATOR.append(Mutator(pools))
    lang = "en" if rng.random() < 0.25 else "zh"
    n = rng.randint(18, 40) if lang == "zh" else rng.randint(10, 20)
    sents = [_MUTATOR[0](s, lang, rng) for s in rng.sample(pools[lang], min(len(pools[lang]), n))]
    per = rng.randint(2, 4)
    sep = " " if lang == "en" else ""
    paras = [sep.join(sents[i:i + per]) for i in range(0, len(sents), per)]
    title = sents[0][:40]
    return lang, title, "\n".join(paras)


def build_corpus(out: Path, pages: int, repost_rate: float = 0.25, seed: int = 11,
                 shells: "PageShells | None" = None) -> dict[str, str]:
    """Write `pages` pages under out/ (1000 per subdirectory); returns {relative path: cluster}.

    HTML pages are the article inside one of `shells` (real pages' chrome), or, without shells,
    inside a small hand-made page (~5 KB). The articles, their order, dates and reposts are the same
    either way: the shell is drawn from its own random stream."""
    rng = random.Random(seed)
    pools = sentence_pools()
    gold: dict[str, str] = {}
    recent: list[tuple[str, str, str, str]] = []  # (cluster, lang, title, body) of recent originals
    for i in range(pages):
        sub = out / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        date = f"2025-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        if recent and rng.random() < repost_rate:
            cluster, lang, title, body = rng.choice(recent)
            kinds = [k for k in REPOST_KINDS if lang == "zh" or k != "script"]
            kind = rng.choice(kinds)
            rec = {"language": lang, "text": body, "title": title, "script": "simplified"}
            raw = f"{title}\n{body}"
            suffix, content = ev.make_variant(kind, raw, rec, rng)
            if kind == "html" and shells:  # another site's page around the same article
                date = re.search(r'published_time" content="([^"]+)', content).group(1)
                content = shells.wrap(lang, title, body, random.Random(f"{seed}-shell-{i}"), date)
        else:
            cluster = f"a{i}"
            lang, title, body = make_article(pools, rng)
            recent = (recent + [(cluster, lang, title, body)])[-200:]
            if rng.random() < 0.5:
                suffix, content = ".html", ev._html(title, body, lang, rng).replace(
                    "<head>", f'<head><meta property="article:published_time" content="{date}">', 1)
                if shells:
                    content = shells.wrap(lang, title, body, random.Random(f"{seed}-shell-{i}"), date)
            else:
                stamp = f"Published {date}" if lang == "en" else f"发布时间：{date} 09:30"
                suffix, content = ".txt", "\n".join([stamp] + ev._junk(lang, rng, 2) + [title, body] + ev._junk(lang, rng, 3))
        name = f"{sub.name}/{i:06d}{suffix}"
        (out / name).write_text(content, encoding="utf-8")
        gold[name] = cluster
    return gold


DEFAULT_SHELLS = (ROOT.parent / "shared" / "pages" / "zh-portals",
                  ROOT.parent / "shared" / "bench" / "article-extraction-benchmark" / "html")


def load_shells(dirs: list[Path]) -> "PageShells | None":
    """Templates from real pages (None, with a note, when the directories hold none)."""
    from page_shells import PageShells

    rng = random.Random("shell-check")
    pools = sentence_pools()
    sample: dict[str, tuple[str, str]] = {}
    while len(sample) < 2:
        lang, title, body = make_article(pools, rng)
        sample.setdefault(lang, (title, body))
    shells = PageShells(dirs, sample)
    if not shells:
        print(f"no usable real pages under {', '.join(map(str, dirs))}: HTML pages get the thin shell",
              file=sys.stderr)
        return None
    return shells


# -- measuring ------------------------------------------------------------------------------------
class PeakRSS:
    """Samples the RSS of a process and its children (sum) every `interval` seconds, and their PSS:
    workers forked from a warmed-up forkserver share most of its pages, which RSS counts once per
    process and PSS (proportional set size) splits between them, so the PSS sum is the tree's real
    footprint."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.peak_main = 0
        self.peak_pss = 0
        self.samples: list[tuple[float, int]] = []  # (time, total RSS)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self.interval = interval

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
                main = self.proc.memory_info().rss
                total = main + sum(c.memory_info().rss for c in procs[1:])
                pss = sum(getattr(c.memory_full_info(), "pss", 0) for c in procs)
            except psutil.Error:
                total = main = pss = 0
            self.peak, self.peak_main = max(self.peak, total), max(self.peak_main, main)
            self.peak_pss = max(self.peak_pss, pss)
            self.samples.append((time.monotonic(), total))
            self._stop.wait(self.interval)

    def halves_mb(self) -> tuple[int, int]:
        """Peak RSS in the first and the second half of the run: equal when memory is flat."""
        if not self.samples:
            return 0, 0
        mid = (self.samples[0][0] + self.samples[-1][0]) / 2
        first = max((r for t, r in self.samples if t <= mid), default=0)
        second = max((r for t, r in self.samples if t > mid), default=0)
        return round(first / 2**20), round(second / 2**20)

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def timed_process(argv: list[str], env: dict | None = None) -> tuple[float, PeakRSS, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    with PeakRSS(proc.pid) as mem:
        out, err = proc.communicate()
    return time.perf_counter() - t0, mem, subprocess.CompletedProcess(argv, proc.returncode, out, err)


def pair_scores(gold: dict[str, str], db: Path, corpus: Path) -> tuple[float, float]:
    """Pairwise precision and recall of the dataset's repost clusters against the known ones."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT p.source, coalesce(a.duplicate_of, a.doc_id) FROM processed_inputs p "
                       "JOIN articles a ON a.doc_id = p.doc_id").fetchall()
    con.close()
    by_rel = {os.path.relpath(src, corpus): c for src, c in rows}
    pred = {name: by_rel.get(name, f"failed:{name}") for name in gold}
    g, p = ev._pairs(gold), ev._pairs(pred)
    tp = len(g & p)
    return (tp / len(p) if p else 1.0), (tp / len(g) if g else 1.0)


def run_e2e(corpus: Path, gold: dict[str, str], workers: int, work: Path) -> dict:
    db = work / f"bench-w{workers}.duckdb"
    db.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "nlp", "batch", str(corpus), "--db", str(db), "--workers", str(workers),
            "--no-progress", "--log-every", "30"]
    seconds, mem, proc = timed_process(argv, env)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"nlp batch failed:\n{proc.stderr[-3000:]}")
    m = re.search(r"dedup ([\d.]+)s", proc.stdout)
    precision, recall = pair_scores(gold, db, corpus)
    failed = len([l for l in proc.stderr.splitlines() if l.startswith("nlp batch: error:")])
    return {"workers": workers, "docs": len(gold), "seconds": round(seconds, 1),
            "docs_per_s": round(len(gold) / seconds, 1), "peak_rss_mb": round(mem.peak / 2**20),
            "peak_pss_mb": round(mem.peak_pss / 2**20),
            "peak_rss_main_mb": round(mem.peak_main / 2**20), "peak_rss_halves_mb": mem.halves_mb(),
            "db_mb": round(db.stat().st_size / 2**20), "dedup_s": float(m.group(1)) if m else None,
            "failed": failed, "dedup_precision": round(precision, 4), "dedup_recall": round(recall, 4)}


# -- baseline -------------------------------------------------------------------------------------
def baseline(corpus: Path) -> dict:
    """What a user would write: trafilatura + OpenCC + datasketch MinHashLSH, one process."""
    import opencc
    import trafilatura
    from datasketch import MinHash, MinHashLSH

    cc = opencc.OpenCC("t2s")
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    dups = docs = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes().decode("utf-8", errors="replace")
        text = trafilatura.extract(raw) if path.suffix == ".html" else raw
        if not text:
            continue
        simp = re.sub(r"[\W_]+", "", cc.convert(text).lower())
        m = MinHash(num_perm=128)
        m.update_batch(simp[i:i + 5].encode("utf-8") for i in range(max(1, len(simp) - 4)))
        if lsh.query(m):
            dups += 1
        else:
            lsh.insert(str(path), m)
        docs += 1
    return {"docs": docs, "duplicates": dups}


def run_baseline(corpus: Path, n: int) -> dict:
    argv = [sys.executable, str(Path(__file__).resolve()), "--baseline-only", str(corpus)]
    seconds, mem, proc = timed_process(argv)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return {"docs": n, "seconds": round(seconds, 1), "docs_per_s": round(n / seconds, 1),
            "peak_rss_mb": round(mem.peak / 2**20), **json.loads(proc.stdout.strip().splitlines()[-1])}


# -- dedup scaling --------------------------------------------------------------------------------
def _synthetic_record(args: tuple[int, int]) -> tuple[dict, object]:
    from nlp.dedup.signature import signature_of
    from nlp.record import doc_id_for

    i, seed = args
    pools = _POOLS
    rng = random.Random(f"{seed}-{i}-choice")
    if i >= 4 and rng.random() < 0.25:  # a repost (maybe an excerpt) of an earlier document
        j = rng.randrange(max(0, i - 2000), i)
        lang, title, body = make_article(pools, random.Random(f"{seed}-{j}"))
        body = body[: int(len(body) * rng.uniform(0.4, 1.0))]
    else:
        lang, title, body = make_article(pools, random.Random(f"{seed}-{i}"))
    date = f"2025-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    rec = {"schema": "nlp.article/1", "doc_id": doc_id_for(body), "source": f"synthetic/{i:06d}.txt",
           "title": title, "published": date, "language": lang, "script": "simplified" if lang == "zh" else None,
           "text": body, "text_simplified": body, "cleaning": {}, "duplicate_of": None, "companies": [],
           "metrics": [], "monetization": []}
    return rec, signature_of(rec)


_POOLS: dict[str, list[str]] = {}


def _init_pools(pools: dict[str, list[str]]) -> None:
    _POOLS.update(pools)


def dedup_scaling(sizes: list[int], work: Path, workers: int) -> list[dict]:
    """Time of the dedup stage alone over datasets of `sizes` documents (grown incrementally)."""
    from nlp.dedup import DedupCluster, dedupe_store
    from nlp.store.duckdb import DuckDBStore, Processed

    pools = sentence_pools()
    db = work / "scale.duckdb"
    db.unlink(missing_ok=True)
    store = DuckDBStore(db)
    out = []
    have = 0
    ctx = get_context("forkserver")
    with ctx.Pool(workers, initializer=_init_pools, initargs=(pools,)) as pool:
        for n in sorted(sizes):
            t0 = time.perf_counter()
            buf = []
            for rec, sig in pool.imap(_synthetic_record, ((i, 1) for i in range(have, n)), chunksize=64):
                buf.append(Processed(key=rec["source"], path=rec["source"], source=rec["source"], record=rec,
                                     signature=sig))
                if len(buf) >= 2000:
                    store.write(buf)
                    buf = []
            store.write(buf)
            prep = time.perf_counter() - t0
            have = n
            cluster = DedupCluster()
            t1 = time.perf_counter()
            stats = dedupe_store(store, cluster)
            seconds = time.perf_counter() - t1
            out.append({"docs": n, "dedup_s": round(seconds, 2), "per_1k_docs_s": round(seconds / n * 1000, 3),
                        "duplicates": stats.duplicates, "candidate_pairs": stats.candidate_pairs,
                        "verified": stats.verified, "stages_s": {k: round(v, 2) for k, v in stats.seconds.items()},
                        "prepare_s": round(prep, 1)})
            print(f"  dedup at {n}: {seconds:.2f}s", file=sys.stderr)
    store.close()
    return out


# -- main -----------------------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--repost-rate", type=float, default=0.25)
    ap.add_argument("--workers", default="1,2", help="worker counts for the end-to-end runs")
    ap.add_argument("--scale", default="10000,20000,40000", help="dataset sizes for the dedup stage alone")
    ap.add_argument("--skip-e2e", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--shells", default=",".join(str(p) for p in DEFAULT_SHELLS),
                    help="directories of real pages whose chrome wraps the HTML pages (comma-separated)")
    ap.add_argument("--thin-html", action="store_true",
                    help="wrap HTML pages in a small hand-made page (~5 KB) instead of real pages' chrome")
    ap.add_argument("--keep", type=Path, help="work here instead of a temp dir (kept)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON")
    ap.add_argument("--baseline-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.baseline_only:
        print(json.dumps(baseline(args.baseline_only)))
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    results: dict = {"pages": args.pages, "cpus": os.cpu_count(), "load_before": os.getloadavg()}
    try:
        if not (args.skip_e2e and args.skip_baseline):
            t0 = time.perf_counter()
            if corpus.exists():
                shutil.rmtree(corpus)
            shells = None if args.thin_html else load_shells([Path(d) for d in args.shells.split(",") if d])
            results["html_shells"] = shells.summary() if shells else "thin (hand-made, ~5 KB)"
            print(f"html shells: {results['html_shells']}", file=sys.stderr)
            gold = build_corpus(corpus, args.pages, args.repost_rate, shells=shells)
            size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
            results["corpus"] = {"pages": len(gold), "mb": round(size / 2**20, 1),
                                 "reposts": len(gold) - len(set(gold.values())),
                                 "build_s": round(time.perf_counter() - t0, 1)}
            print(f"corpus: {results['corpus']}", file=sys.stderr)
        if not args.skip_e2e:
            results["e2e"] = []
            for w in [int(x) for x in args.workers.split(",")]:
                r = run_e2e(corpus, gold, w, work)
                results["e2e"].append(r)
                print(f"nlp batch, {w} worker(s): {r}", file=sys.stderr)
        if not args.skip_baseline:
            results["baseline"] = run_baseline(corpus, len(gold))
            print(f"baseline: {results['baseline']}", file=sys.stderr)
        if not args.skip_scale:
            results["dedup_scaling"] = dedup_scaling([int(x) for x in args.scale.split(",")], work,
                                                     max(1, min(2, os.cpu_count() or 1)))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = os.getloadavg()
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def report(r: dict) -> None:
    print(f"machine: {r['cpus']} CPUs, load average before {r['load_before'][0]:.1f}, after {r['load_after'][0]:.1f} "
          f"(other work on the machine slows every figure)")
    if "html_shells" in r:
        print(f"HTML pages wrapped in: {r['html_shells']}")
    if "corpus" in r:
        c = r["corpus"]
        print(f"corpus: {c['pages']} pages ({c['mb']} MB, {c['reposts']} reposts), built in {c['build_s']}s")
    for e in r.get("e2e", []):
        print(f"nlp batch  workers={e['workers']}: {e['docs_per_s']:>7} docs/s  {e['seconds']:>7}s  "
              f"peak RSS {e['peak_rss_mb']} MB (writer {e['peak_rss_main_mb']} MB; first/second half "
              f"{e['peak_rss_halves_mb'][0]}/{e['peak_rss_halves_mb'][1]} MB; PSS {e.get('peak_pss_mb')} MB)  dataset {e['db_mb']} MB  "
              f"dedup stage {e['dedup_s']}s  "
              f"dedup P/R {e['dedup_precision']:.3f}/{e['dedup_recall']:.3f}  failed {e['failed']}")
    if "baseline" in r:
        b = r["baseline"]
        print(f"baseline (trafilatura+opencc+MinHashLSH, 1 process): {b['docs_per_s']:>7} docs/s  {b['seconds']}s  "
              f"peak RSS {b['peak_rss_mb']} MB")
        for e in r.get("e2e", []):
            print(f"  ratio nlp batch workers={e['workers']} / baseline: {e['docs_per_s'] / b['docs_per_s']:.2f}x")
    for s in r.get("dedup_scaling", []):
        print(f"dedup stage alone at {s['docs']:>6} docs: {s['dedup_s']:>6}s ({s['per_1k_docs_s']}s per 1k docs; "
              f"{s['candidate_pairs']} candidate pairs, {s['verified']} verified, {s['duplicates']} duplicates)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
