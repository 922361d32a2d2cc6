"""Signatures -> Duplicate rows: the second dedup stage, run once over the whole corpus.

1. Candidates: MinHash LSH banding (85 bands of 3 rows over NUM_PERM=256 values; the scheme of
   datasketch's MinHashLSH) finds pairs whose Jaccard similarity is likely above ~0.25. That low
   threshold is what lets an excerpt reach its longer copy: the first 40% of an article has Jaccard
   ~0.4 with the whole. Buckets are found by sorting band keys (numpy), not with Python dict
   buckets, so 40k documents need ~40 MB and a second, not gigabytes (see the README, "Reposts"); in a
   bucket each member is paired with its `window` predecessors, which keeps a bucket of thousands of
   copies linear.
2. Prefilter: pairs whose MinHash-estimated containment (from Jaccard and the two shingle counts) is
   under `prefilter` are dropped without touching the text.
3. Components of the remaining pairs (union-find), then one pass per component in corpus order
   (published, source, doc_id): a document whose exact shingle containment with an earlier *kept*
   document is >= `threshold` becomes its duplicate; otherwise it is kept. So `duplicate_of` always
   points at the earliest copy of the cluster. A document may also match a repost of the kept one
   that carries more text (the kept copy may be an excerpt), if it still shares `floor` of its
   text with the kept copy itself, so a compilation page never chains unrelated articles (_Kept);
   a second pass merges a kept copy that came before the longer repost linking it (_mark_group).
   The result depends only on the corpus, not on worker count or input order.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from nlp.dedup.signature import NUM_PERM, containment, shingle_hashes

# doc_ids -> (doc_id, language, text_simplified) for each, in the same order, streamed
TextStream = Callable[[Sequence[str]], Iterator[tuple[str, str, str]]]


@dataclass(slots=True)
class SignatureTable:
    """All signatures of the corpus in corpus order: row i is the i-th earliest document."""

    ids: list[str]
    sizes: np.ndarray  # shingle counts, int64
    minhash: np.ndarray  # (n, NUM_PERM) uint32

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[str, int, bytes]]) -> "SignatureTable":
        """From (doc_id, n_shingles, minhash bytes) in corpus order; empty bodies are left out."""
        rows = [r for r in rows if r[1] > 0 and r[2]]
        mh = np.frombuffer(b"".join(r[2] for r in rows), dtype="<u4").reshape(len(rows), NUM_PERM)
        return cls([r[0] for r in rows], np.array([r[1] for r in rows], dtype=np.int64), mh)


@dataclass(slots=True, frozen=True)
class Duplicate:
    doc_id: str
    duplicate_of: str
    similarity: float  # exact shingle containment |A∩B| / min(|A|, |B|) of the verified match


@dataclass(slots=True)
class ClusterStats:
    documents: int = 0
    candidate_pairs: int = 0
    prefiltered_pairs: int = 0
    components: int = 0
    verified: int = 0
    duplicates: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _band_keys(mh: np.ndarray, start: int, rows: int) -> np.ndarray:
    """One uint64 key per document for the band mh[:, start:start+rows]."""
    with np.errstate(over="ignore"):
        key = np.full(mh.shape[0], np.uint64(0x9E3779B97F4A7C15))
        for c in range(start, start + rows):
            key = (key ^ mh[:, c].astype(np.uint64)) * np.uint64(0xBF58476D1CE4E5B9)
            key ^= key >> np.uint64(29)
    return key


def candidate_pairs(mh: np.ndarray, bands: int, rows: int, window: int) -> np.ndarray:
    """Unique (i, j), i < j, of documents sharing a band bucket, as an (m, 2) int64 array."""
    n = mh.shape[0]
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    ranks = np.arange(n, dtype=np.int64)
    codes = []
    for b in range(bands):
        keys = _band_keys(mh, b * rows, rows)
        order = np.lexsort((ranks, keys))
        sk = keys[order]
        for w in range(1, window + 1):
            if w >= n:
                break
            same = sk[w:] == sk[:-w]
            if not same.any():
                break  # no run is longer than w, so none is longer than w + 1
            codes.append(order[:-w][same] * n + order[w:][same])
        if b % 8 == 7 and len(codes) > 1:  # the same pairs recur across bands: keep memory at the unique ones
            codes = [np.unique(np.concatenate(codes))]
    if not codes:
        return np.empty((0, 2), dtype=np.int64)
    uniq = np.unique(np.concatenate(codes))
    return np.stack([uniq // n, uniq % n], axis=1)


def estimated_containment(mh: np.ndarray, sizes: np.ndarray, i: np.ndarray, j: np.ndarray
                          ) -> np.ndarray:
    """MinHash estimate of |A∩B| / min(|A|, |B|) for the pairs (i[k], j[k])."""
    jac = (mh[i] == mh[j]).mean(axis=1)
    inter = jac * (sizes[i] + sizes[j]) / (1.0 + jac)
    return np.minimum(1.0, inter / np.minimum(sizes[i], sizes[j]))


class DedupCluster:
    """Pipeline step: SignatureTable (+ a text stream) -> Duplicate rows, in corpus order."""

    name = "dedup_cluster"

    def __init__(self, threshold: float = 0.8, bands: int = 85, rows: int = 3, window: int = 8,
                 prefilter: float = 0.5, floor: float = 0.5, max_reps: int = 8) -> None:
        if bands * rows > NUM_PERM:
            raise ValueError(f"bands x rows = {bands * rows} is over the {NUM_PERM} MinHash values")
        self.threshold = threshold
        self.bands = bands
        self.rows = rows
        self.window = window
        self.prefilter = prefilter
        self.floor = floor
        self.max_reps = max_reps
        self.stats = ClusterStats()

    def components(self, table: SignatureTable) -> list[np.ndarray]:
        """Groups of >= 2 row indices (each sorted, i.e. in corpus order), ordered by first row."""
        st = self.stats
        st.documents = n = len(table)
        t0 = time.perf_counter()
        pairs = candidate_pairs(table.minhash, self.bands, self.rows, self.window)
        st.candidate_pairs = len(pairs)
        t1 = time.perf_counter()
        keep = np.zeros(len(pairs), dtype=bool)
        for s in range(0, len(pairs), 65536):
            p = pairs[s:s + 65536]
            keep[s:s + 65536] = estimated_containment(table.minhash, table.sizes, p[:, 0], p[:, 1]) \
                >= self.prefilter
        pairs = pairs[keep]
        st.prefiltered_pairs = len(pairs)
        t2 = time.perf_counter()
        st.seconds.update(candidates=t1 - t0, prefilter=t2 - t1)
        if not len(pairs):
            return []
        graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        order = np.argsort(labels, kind="stable")  # stable: rows stay in corpus order in a group
        bounds = np.flatnonzero(np.diff(labels[order])) + 1
        groups = [g for g in np.split(order, bounds) if len(g) > 1]
        groups.sort(key=lambda g: int(g[0]))
        st.components = len(groups)
        return groups

    def run(self, table: SignatureTable, texts: TextStream) -> Iterator[Duplicate]:
        """Duplicates in corpus order. `texts` streams the bodies of the component members in the
        order asked (one pass over the dataset, whatever its size)."""
        t0 = time.perf_counter()
        groups = self.components(table)
        t1 = time.perf_counter()
        stream = texts([table.ids[i] for g in groups for i in g])
        for g in groups:
            yield from self._mark_group(table, g, stream)
        self.stats.seconds["verify"] = time.perf_counter() - t1
        self.stats.seconds["cluster"] = time.perf_counter() - t0

    __call__ = run

    def _mark_group(self, table: SignatureTable, group: np.ndarray, stream: Iterator[tuple[str, str, str]]
                    ) -> Iterator[Duplicate]:
        """One component in corpus order; only the kept documents' shingles stay in memory.

        Pass 1 matches each document against the kept ones before it. Pass 2 gives each kept
        document (but the first) a second chance against the earlier kept ones, whose reposts are
        all known by then: a copy that came before the longer copy linking it to the original is
        merged then, with the documents that pointed at it.
        """
        kept: list[_Kept] = []
        links: dict[int, tuple[int, float]] = {}  # row -> (kept row, similarity)
        for row in group:
            row = int(row)
            doc_id, lang, text = next(stream)
            if doc_id != table.ids[row]:
                raise RuntimeError(f"text stream out of order: {doc_id} for {table.ids[row]}")
            mine = shingle_hashes(text, lang)
            hit = self._first_match(table, row, mine, kept)
            if hit is None:
                kept.append(_Kept(row, mine))
            else:
                links[row] = hit
        for i in range(1, len(kept)):
            late = kept[i]
            hit = self._first_match(table, late.row, late.shingles, [k for k in kept[:i] if k.alive])
            if hit is None:
                continue
            late.alive = False
            links[late.row] = hit
            for r, (to, sim) in links.items():  # its own duplicates follow it
                if to == late.row:
                    links[r] = (hit[0], sim)
            leader = next(k for k in kept if k.row == hit[0])
            for rep in late.reps:
                leader.consider_rep(rep[0], rep[1], 0.0, self.max_reps)
        for row in sorted(links):
            to, sim = links[row]
            self.stats.duplicates += 1
            yield Duplicate(table.ids[row], table.ids[to], round(sim, 4))

    def _first_match(self, table: SignatureTable, row: int, mine: np.ndarray, kept: list["_Kept"]
                     ) -> tuple[int, float] | None:
        """The earliest kept document this one reposts, and their containment; None if none."""
        if not kept or mine.size == 0:
            return None
        rows = [k.row for k in kept]
        est = estimated_containment(table.minhash, table.sizes, np.full(len(rows), row), np.array(rows))
        for k, leader in enumerate(kept):  # kept documents are in corpus order
            reps = [r for r in leader.reps if self._likely(table, row, r[0])]
            if est[k] < self.prefilter and not reps:
                continue
            self.stats.verified += 1
            sim = containment(mine, leader.shingles)
            if sim >= self.threshold or (
                    sim >= self.floor and any(containment(mine, r[1]) >= self.threshold for r in reps)):
                leader.consider_rep(row, mine, sim, self.max_reps)
                return leader.row, sim
        return None

    def _likely(self, table: SignatureTable, a: int, b: int) -> bool:
        one = np.array([a]), np.array([b])
        return bool(estimated_containment(table.minhash, table.sizes, *one)[0] >= self.prefilter)


@dataclass(slots=True)
class _Kept:
    """A kept (earliest) document of a component, with a few of its reposts that carry text it
    lacks (an aggregator's summary, the rest of an article the kept excerpt cuts short).

    A later document may match such a repost instead of the kept document itself ("a copy of a
    longer copy of X" is a repost of X), but it must still share `floor` of its text with X: a
    compilation page that contains X and Y never links Y to X.
    """

    row: int
    shingles: np.ndarray
    reps: list[tuple[int, np.ndarray]] = field(default_factory=list)
    alive: bool = True  # False once pass 2 merged it into an earlier kept document

    def consider_rep(self, row: int, mine: np.ndarray, sim: float, max_reps: int) -> None:
        """Remember a repost that brings at least 5% new text (sim: its containment with us;
        0 when unknown, which always counts as new)."""
        if len(self.reps) >= max_reps or mine.size == 0:
            return
        overlap = sim * min(mine.size, self.shingles.size)
        if 1.0 - overlap / mine.size >= 0.05:
            self.reps.append((row, mine))
