"""Record -> Signature: the first dedup stage, run in the workers next to `analyze_bytes`.

A repost is the same body, possibly converted to the other script, re-spaced, re-wrapped or cut
short. So we compare `text_simplified` (script differences are gone there) after stripping
whitespace and punctuation and lowercasing, as shingles:

- Chinese: overlapping 5-character shingles of the stripped text (a word split on `\\W` would be a
  whole clause in Chinese, and one changed character would lose it);
- English: overlapping 3-word shingles.

Shingles are hashed with a fixed polynomial hash (numpy, so the same on every machine and worker,
unlike Python's salted `hash`). The signature shipped to the writer is a datasketch MinHash of those
hashes plus the shingle count; the exact shingle set is recomputed from the text when a candidate
pair needs verifying (nlp.dedup.cluster), so nothing large travels or is stored.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
from datasketch import MinHash

NUM_PERM = 256  # 85 bands x 3 rows (nlp.dedup.cluster); 1 KB per document
SEED = 20251028  # fixed: signatures from different runs, workers and machines must compare
ZH_SHINGLE = 5  # characters
EN_SHINGLE = 3  # words

_NON_WORD_OR_SPACE = re.compile(r"[^\w\s]|_")
_NON_WORD = re.compile(r"[\W_]+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(0x100000001B3)  # FNV-64 prime as the polynomial base


@dataclass(slots=True, frozen=True)
class Signature:
    """What the cluster stage needs of one record: 1 KB of MinHash plus the shingle count."""

    doc_id: str
    language: str
    n_shingles: int
    minhash: bytes  # NUM_PERM little-endian uint32 values; b"" for an empty body


def normalize(text: str, language: str) -> str:
    """Lowercase, strip punctuation; Chinese also loses all whitespace, English keeps word breaks."""
    text = text.lower()
    if language == "en":
        return " ".join(_NON_WORD_OR_SPACE.sub("", text).split())
    return _NON_WORD.sub("", text)


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h = h * np.uint64(0xBF58476D1CE4E5B9)
        h = h ^ (h >> np.uint64(27))
        h = h * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


@lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _tokens(norm: str, language: str) -> tuple[np.ndarray, int]:
    """Token ids (uint64) and the shingle width: characters for Chinese, words for English."""
    if language == "en":
        words = norm.split()
        return np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words)), EN_SHINGLE
    return np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64), ZH_SHINGLE


def shingle_hashes(text: str, language: str) -> np.ndarray:
    """The body's shingle set as sorted unique uint64 hashes (empty for an empty body)."""
    tokens, k = _tokens(normalize(text, language), language)
    n = tokens.size
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(k, n)  # a body shorter than one shingle is one shingle
    h = np.zeros(n - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _BASE + tokens[j:n - k + 1 + j]
    return _sorted_unique(_mix64(h + np.uint64(k)))


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """`np.unique(a)` (sorted distinct values) by sorting and dropping repeats, several times
    faster than numpy's hash-based unique for these sizes."""
    if a.size == 0:
        return a
    s = np.sort(a)
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / min(|A|, |B|) for two sorted unique shingle-hash arrays: how much of the shorter
    document the longer one contains (1.0 for an excerpt, ~Jaccard for equal lengths)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / min(a.size, b.size)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)


def _identity(x: int) -> int:
    return x


_CHUNK = 1024  # shingles per block of the (NUM_PERM x shingles) permutation matrix: 1 MB of uint32


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, which datasketch's affine32 scheme applies to every input
    hash before permuting it (uint32 arithmetic wraps, as intended)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _minhash_numpy(folded: np.ndarray) -> np.ndarray:
    """What `MinHash.update_batch(folded.tolist())` computes, without its per-element Python
    call of the hash function: finalise, permute with the template's (a, b), take column minima.
    Done in blocks of shingles so a long body does not build one huge matrix."""
    tpl = _template()
    a, b = tpl.permutations
    b_col = b[:, None]
    hv = _fmix32(folded)
    mins = np.array(tpl.hashvalues, dtype=np.uint32)  # the initial (maximal) values
    for i in range(0, hv.size, _CHUNK):
        block = np.multiply.outer(a, hv[i:i + _CHUNK])  # one row per permutation
        block += b_col
        np.minimum(mins, block.min(axis=1), out=mins)
    return mins


def _minhash_datasketch(folded: np.ndarray) -> np.ndarray:
    """The reference: datasketch's own update."""
    tpl = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, permutations=tpl.permutations,
                scheme=tpl.scheme)
    m.update_batch(folded.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


@lru_cache(maxsize=1)
def _numpy_matches_datasketch() -> bool:
    """Checked once per process: the numpy path reproduces datasketch exactly (it relies on the
    affine32 scheme's internals, so a datasketch release that changes them falls back to the
    library's own, slower, update instead of silently changing signatures)."""
    tpl = _template()
    if tpl.scheme != "affine32" or tpl.permutations.dtype != np.uint32:
        return False
    sample = np.random.RandomState(SEED).randint(0, 2**32, size=5000, dtype=np.uint64).astype(np.uint32)
    return all(np.array_equal(_minhash_numpy(x), _minhash_datasketch(x))
               for x in (sample, sample[:1], sample[:_CHUNK + 7]))


def minhash_of(hashes: np.ndarray) -> np.ndarray:
    """datasketch MinHash (affine32 scheme) of a shingle-hash array, as NUM_PERM uint32."""
    folded = ((hashes ^ (hashes >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    if _numpy_matches_datasketch():
        return _minhash_numpy(folded)
    return _minhash_datasketch(folded)


def signature_of(record: dict) -> Signature:
    """The Signature of one article record (`doc_id`, `language`, `text_simplified`)."""
    language = record.get("language") or "zh"
    hashes = shingle_hashes(record.get("text_simplified") or "", language)
    packed = minhash_of(hashes).astype("<u4").tobytes() if hashes.size else b""
    return Signature(record["doc_id"], language, int(hashes.size), packed)


def unpack(minhash: bytes) -> np.ndarray:
    """Signature bytes -> uint32 array (NUM_PERM values)."""
    return np.frombuffer(minhash, dtype="<u4")


class DedupSignature:
    """Pipeline step: records -> (record, Signature). Runs in the workers, one record at a time."""

    name = "dedup_signature"

    def run(self, records: Iterable[dict], rank: int = 0, world_size: int = 1
            ) -> Iterator[tuple[dict, Signature]]:
        for record in records:
            yield record, signature_of(record)

    __call__ = run
