"""Dedup stage 1: normalisation, shingles, MinHash signatures."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np

from nlp.dedup.signature import (NUM_PERM, Signature, containment, normalize, shingle_hashes,
                                 signature_of, unpack)

ROOT = Path(__file__).resolve().parents[2]
TMTPOST = (ROOT / "corpus/samples/seeds/tmtpost-doubao-links.txt").read_text(encoding="utf-8")


def test_normalize_strips_whitespace_and_punctuation_and_lowercases():
    assert normalize("豆包，开始 “上链接” 了！\n ChatGPT Plus", "zh") == "豆包开始上链接了chatgptplus"
    assert normalize("OpenAI's  revenue, $4.3 billion.\nIt grew", "en") == "openais revenue 43 billion it grew"


def test_chinese_shingles_are_five_characters_of_the_stripped_text():
    text = "大模型公司探索新变现模式"
    norm = normalize(text, "zh")
    assert shingle_hashes(text, "zh").size == len(set(norm[i:i + 5] for i in range(len(norm) - 4)))
    # re-spacing and punctuation do not change the shingle set
    assert np.array_equal(shingle_hashes("大模型 公司，探索新\n变现模式。", "zh"), shingle_hashes(text, "zh"))


def test_english_shingles_are_word_trigrams():
    text = "the quick brown fox jumps over the lazy dog"
    assert shingle_hashes(text, "en").size == 7
    assert np.array_equal(shingle_hashes("The  quick brown fox, jumps over the lazy dog!", "en"),
                          shingle_hashes(text, "en"))
    # word order matters (not a bag of words)
    assert containment(shingle_hashes(text, "en"),
                       shingle_hashes("dog lazy the over jumps fox brown quick the", "en")) == 0.0


def test_short_and_empty_bodies():
    assert shingle_hashes("", "zh").size == 0
    assert shingle_hashes("豆包", "zh").size == 1
    sig = signature_of({"doc_id": "x", "language": "zh", "text_simplified": "。。"})
    assert sig.n_shingles == 0 and sig.minhash == b""


def test_excerpt_is_contained_in_the_whole():
    whole = shingle_hashes(TMTPOST, "zh")
    part = shingle_hashes(TMTPOST[: len(TMTPOST) // 2], "zh")
    assert containment(part, whole) == 1.0
    assert containment(whole, part) == 1.0  # symmetric: relative to the shorter document
    assert 0.4 < np.intersect1d(part, whole).size / np.union1d(part, whole).size < 0.6


def test_signature_shape_and_estimate():
    a = signature_of({"doc_id": "a", "language": "zh", "text_simplified": TMTPOST})
    b = signature_of({"doc_id": "b", "language": "zh", "text_simplified": TMTPOST[:3000] + "另加一段完全不同的文字" * 3})
    assert isinstance(a, Signature) and len(a.minhash) == NUM_PERM * 4
    assert a.n_shingles == shingle_hashes(TMTPOST, "zh").size
    est = (unpack(a.minhash) == unpack(b.minhash)).mean()
    exact_a, exact_b = shingle_hashes(TMTPOST, "zh"), shingle_hashes(TMTPOST[:3000] + "另加一段完全不同的文字" * 3, "zh")
    jac = np.intersect1d(exact_a, exact_b).size / np.union1d(exact_a, exact_b).size
    assert abs(est - jac) < 0.1
    assert pickle.loads(pickle.dumps(a)) == a


def test_signature_is_the_same_in_another_process():
    """Workers on other machines must produce comparable signatures (no salted hash())."""
    rec = {"doc_id": "a", "language": "zh", "text_simplified": TMTPOST[:2000]}
    here = signature_of(rec).minhash
    code = ("import sys, pickle; from nlp.dedup.signature import signature_of; "
            "rec = pickle.loads(sys.stdin.buffer.read()); sys.stdout.buffer.write(signature_of(rec).minhash)")
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(rec), capture_output=True,
                         env=env, check=True, cwd=ROOT).stdout
    assert out == here
