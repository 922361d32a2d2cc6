"""Dedup stages 2-3 in memory: candidates, verification, duplicate_of (earliest copy)."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import opencc
import pytest

from nlp.dedup import DedupCluster, dedupe_records
from nlp.dedup.cluster import candidate_pairs
from nlp.record import doc_id_for

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "seeds"
T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")


def body(stem: str) -> str:
    """The seed's text minus its first 20 lines of page junk (enough for dedup tests)."""
    lines = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(l.strip() for l in lines[20:] if l.strip())


def rec(text: str, source: str, published: str | None = None, language: str = "zh") -> dict:
    simp = T2S.convert(text) if language == "zh" else text
    return {"doc_id": doc_id_for(simp), "source": source, "published": published, "language": language,
            "text": text, "text_simplified": simp}


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    tmt = body("tmtpost-doubao-links")
    netease = body("netease-deepseek-profit-myth-traditional")
    return [
        rec(tmt, "a/tmtpost.txt", "2025-10-28"),
        rec(S2T.convert(tmt), "b/tmtpost-traditional.txt", "2025-10-29"),  # other script: same doc_id
        rec(" ".join(tmt[: len(tmt) * 2 // 5]), "c/excerpt-40-respaced.txt", "2025-10-30"),
        rec(tmt[: len(tmt) * 7 // 10] + "\n点击阅读全文\n相关阅读：AI 新闻", "d/excerpt-70.txt", "2025-10-27"),
        rec(body("double11-llm-links-rewrite"), "e/rewrite.txt", "2025-11-11"),
        rec(netease, "f/netease.txt"),
        rec("来源：网易科技\n" + netease.replace("\n", "\n\n") + "\n责任编辑：张伟", "g/netease-junk.txt"),
        rec(body("zaker-bigtech-ai-money-pinyin"), "h/zaker.txt", "2025-01-01"),
    ]


def by_source(records: list[dict]) -> dict[str, str | None]:
    ids = {r["doc_id"]: r["source"] for r in sorted(records, key=lambda r: r["source"], reverse=True)}
    return {r["source"]: ids.get(r["duplicate_of"]) if r["duplicate_of"] else None for r in records}


def test_reposts_point_at_the_earliest_copy(corpus):
    recs = [dict(r) for r in corpus]
    dedupe_records(recs)
    dup = by_source(recs)
    # the 70% excerpt was published first: every copy of the tmtpost article points at it
    assert dup["d/excerpt-70.txt"] is None
    assert dup["a/tmtpost.txt"] == "d/excerpt-70.txt"
    assert dup["b/tmtpost-traditional.txt"] == "d/excerpt-70.txt"
    assert dup["c/excerpt-40-respaced.txt"] == "d/excerpt-70.txt"
    # no date sorts last; then the source path breaks the tie
    assert dup["f/netease.txt"] is None and dup["g/netease-junk.txt"] == "f/netease.txt"


def test_rewrite_and_other_articles_are_not_reposts(corpus):
    recs = [dict(r) for r in corpus]
    dedupe_records(recs)
    dup = by_source(recs)
    assert dup["e/rewrite.txt"] is None
    assert dup["h/zaker.txt"] is None
    assert "e/rewrite.txt" not in dup.values()


def test_traditional_and_simplified_copies_share_a_doc_id(corpus):
    assert corpus[0]["doc_id"] == corpus[1]["doc_id"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_result_does_not_depend_on_input_order(corpus, seed):
    ref = [dict(r) for r in corpus]
    dedupe_records(ref)
    shuffled = [dict(r) for r in corpus]
    random.Random(seed).shuffle(shuffled)
    dedupe_records(shuffled)
    assert by_source(ref) == by_source(shuffled)


def test_compilation_page_does_not_chain_unrelated_articles():
    a, b = body("netease-deepseek-profit-myth-traditional"), body("zaker-bigtech-ai-money-pinyin")
    recs = [rec(a + "\n" + b, "0/digest.txt", "2025-01-01"), rec(a, "1/a.txt", "2025-01-02"),
            rec(b, "2/b.txt", "2025-01-03")]
    dedupe_records(recs)
    dup = by_source(recs)
    assert dup == {"0/digest.txt": None, "1/a.txt": "0/digest.txt", "2/b.txt": "0/digest.txt"}
    # each article is a repost of the digest, but a and b alone are never linked to each other
    recs = [rec(a, "1/a.txt", "2025-01-02"), rec(b, "2/b.txt", "2025-01-03"),
            rec(a + "\n" + b, "3/digest.txt", "2025-01-04")]
    dedupe_records(recs)
    assert by_source(recs)["2/b.txt"] is None


def test_thousand_copies_stay_linear():
    """A bucket of many near-identical copies: pairs are windowed, verification is against the
    earliest copy only."""
    base = body("tmtpost-doubao-links")[:1500]
    rng = random.Random(0)
    recs = []
    for i in range(1000):
        chars = list(base)
        for _ in range(3):
            chars[rng.randrange(len(chars))] = rng.choice("的一是在不了有和人这中大为上个国")
        recs.append(rec("".join(chars), f"copies/{i:04d}.txt", "2025-10-28"))
    cluster = DedupCluster()
    found = dedupe_records(recs, cluster)
    assert len(found) == len({r["doc_id"] for r in recs}) - 1
    assert {d.duplicate_of for d in found.values()} == {recs[0]["doc_id"]}
    assert cluster.stats.candidate_pairs < 50_000  # all pairs would be 499,500
    assert cluster.stats.verified < 2 * 1000


def test_candidate_pairs_finds_shared_buckets_only():
    rng = np.random.default_rng(0)
    mh = rng.integers(0, 2**32, size=(6, 256), dtype=np.uint64).astype(np.uint32)
    mh[3, :3] = mh[1, :3]  # rows 1 and 3 share band 0
    mh[5] = mh[0]  # identical
    pairs = {tuple(p) for p in candidate_pairs(mh, bands=85, rows=3, window=8)}
    assert pairs == {(1, 3), (0, 5)}


def test_english_reposts():
    text = " ".join(f"OpenAI reported revenue of {i} billion dollars in quarter {i} while costs kept rising fast."
                    for i in range(40))
    recs = [rec(text, "en/a.txt", "2025-10-08", "en"),
            rec(text[: len(text) // 2], "en/b.txt", "2025-10-09", "en"),
            rec(" ".join(reversed(text.split())), "en/c.txt", "2025-10-10", "en")]
    dedupe_records(recs)
    assert by_source(recs) == {"en/a.txt": None, "en/b.txt": "en/a.txt", "en/c.txt": None}


def test_copy_before_the_bridge_is_merged_in_pass_two():
    """The earliest copy is an aggregator's excerpt with its own summary on top; a plain copy of
    the article comes next (too little overlap with the excerpt alone), and only the aggregator's
    full copy, later, bridges the two."""
    art = body("tmtpost-doubao-links")
    summary = body("netease-deepseek-profit-myth-traditional")[:1100]  # stands for the summary
    half = art[: len(art) * 9 // 20]
    recs = [rec(summary + "\n" + half, "agg/excerpt.txt", "2025-10-20"),
            rec(" ".join(art), "site/plain-copy.txt", "2025-10-21"),
            rec(summary + "\n" + art, "agg/full.txt", "2025-10-22")]
    dedupe_records(recs)
    assert by_source(recs) == {"agg/excerpt.txt": None, "site/plain-copy.txt": "agg/excerpt.txt",
                               "agg/full.txt": "agg/excerpt.txt"}
