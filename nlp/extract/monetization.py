"""Business models per sentence: TF-IDF n-grams + a linear one-vs-rest classifier, with a cue lexicon.

For one Doc: sentences of `text_simplified` -> features (character 1-3-grams for Chinese, word
1-3-grams for English, lexicon cue flags) -> one sparse matrix for the whole doc -> a probability per
model and sentence -> decisions -> one `MonetizationMention` per (sentence, model), whose span is the
evidence clause and whose company is the one the sentence ties the model to.

A sentence reports a model when
- the classifier's probability reaches the model's threshold (calibrated on held-out folds), or
- a strong lexicon cue is present (卖铲人, 打赏, 即时结账, GEO…), not negated, the sentence is not
  hypothetical or about a risk, and the classifier does not clearly disagree (probability at least
  `cue_floor` x threshold), or
- a cue is present, a neighbouring sentence reports the same model, and the probability is at least
  `context_floor` x threshold (a passage about one model continues across sentences);
- except that 广告/电商 in a sentence about AI lifting an existing business ("AI对效果广告产生了实质性的
  贡献") need both the classifier and a strong cue: that sentence is ai_feature evidence.

The model is plain data (JSON + .npy, loaded with allow_pickle=False); `scripts/train_monetization.py`
builds it from `corpus/monetization/sentences.jsonl` and the transform is rebuilt here.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
import warnings
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

import numpy as np
from scipy import sparse

from nlp.errors import ModelFileError
from nlp.extract.sentences import clause_spans, sentence_spans
from nlp.schema import CompanyMention, Doc, MonetizationMention

MODELS = ("api", "subscription", "enterprise", "ecommerce", "advertising", "ecosystem", "tipping",
          "ai_feature", "infrastructure", "open_source")
FORMAT = "nlp.monetization/1"
REBUILD = "python scripts/train_monetization.py"
MODEL_FILES = ("meta.json", "vocab.json", "idf.npy", "coef.npy", "intercept.npy")
CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "monetization_cues.toml"
_REPO = Path(__file__).resolve().parents[2]

# Units for n-grams: an ASCII word, a number (any number is "0"), or any other single character.
_UNIT = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|\S")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLAUSE_PUNCT = "，,、：:；;"
_CLAUSE_RE = re.compile("[" + _CLAUSE_PUNCT + "]")
_STEM = 5  # long English words also give a prefix "stem" unit (subscription/subscribers -> ~subsc)
_NEG_WINDOW_CJK = 12
_NEG_WINDOW_ASCII = 30
_AD_COMMERCE = ("advertising", "ecommerce")


def default_model_dir() -> Path:
    """`$NLP_MODELS/monetization` when NLP_MODELS is set, else `<repo>/models/monetization`."""
    root = os.environ.get("NLP_MODELS")
    return (Path(root) if root else _REPO / "models") / "monetization"


def lower(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --------------------------------------------------------------------------------------------------
# Cue lexicon


class CueHit(NamedTuple):
    """One lexicon cue in a sentence; start/end index the sentence."""

    start: int
    end: int
    model: str
    strong: bool
    negated: bool


def _canonical(text: str) -> str:
    """A cue as its matches read: lower-case, no spaces in CJK cues, single spaces between words."""
    text = " ".join(text.lower().split())
    return text.replace(" ", "") if _CJK.search(text) else text


def _tokens(cue: str) -> list[str]:
    """Regex pieces, one per character: optional spaces inside CJK cues, `\\s+` between ASCII words."""
    cue = " ".join(cue.lower().split())
    if _CJK.search(cue):
        chars = cue.replace(" ", "")
        return [re.escape(chars[0])] + [r"[ \t]*" + re.escape(c) for c in chars[1:]]
    return [r"\s+" if c == " " else re.escape(c) for c in cue]


def _trie_regex(token_lists: Iterable[list[str]]) -> str:
    """One regex for many literals, as a trie: the engine scans on first characters, longest wins."""
    trie: dict = {}
    for tokens in token_lists:
        node = trie
        for tok in tokens:
            node = node.setdefault(tok, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [tok + build(node[tok]) for tok in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


class _Literals:
    """Many literal phrases; ASCII ends must sit on word boundaries (`geo` is not in `geography`)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._re = re.compile(_trie_regex(_tokens(w) for w in set(words) if w.strip()))

    def finditer(self, text: str, pos: int = 0) -> Iterable[re.Match[str]]:
        for m in self._re.finditer(text, pos):
            a, b = m.span()
            if (a > 0 and _is_word(text[a]) and _is_word(text[a - 1])) or \
                    (b < len(text) and _is_word(text[b - 1]) and _is_word(text[b])):
                continue
            yield m

    def search(self, text: str, pos: int = 0) -> bool:
        return next(iter(self.finditer(text, pos)), None) is not None


class CueLexicon:
    """The domain cues of `nlp/data/monetization_cues.toml`, compiled."""

    def __init__(self, data: dict, digest: str) -> None:
        self.digest = digest
        self._lookup: dict[str, list[tuple[str, bool]]] = {}
        for model in MODELS:
            spec = data["models"][model]
            for strength, strong in (("strong", True), ("weak", False)):
                for cue in spec.get(strength, []):
                    entry = (model, strong)
                    slot = self._lookup.setdefault(_canonical(cue), [])
                    if entry not in slot:
                        slot.append(entry)
        self._cues = _Literals(cue for model in MODELS for strength in ("strong", "weak")
                               for cue in data["models"][model].get(strength, []))
        ctx = data["context"]
        self._negation = _Literals(ctx["negation"])
        self._hypothetical = _Literals(ctx["hypothetical"])
        self._risk = _Literals(ctx["risk"])
        self._industry = _Literals(ctx["industry"])
        self._anaphora = _Literals(ctx["anaphora"])
        self._ai_feature = re.compile("|".join(f"(?:{p})" for p in ctx["ai_feature_context"]))

    @classmethod
    def load(cls, path: Path = CUES_PATH) -> "CueLexicon":
        return _load_cues(str(path))

    def hits(self, low: str) -> list[CueHit]:
        """Cues in one lower-cased sentence, with negation resolved per cue."""
        out: list[CueHit] = []
        negations = None
        for m in self._cues.finditer(low):
            g = m.group()
            entries = self._lookup.get(g) or self._lookup.get(_canonical(g))
            if not entries:
                continue
            if negations is None:
                negations = [n.end() for n in self._negation.finditer(low)]
                clauses = [c.end() for c in _CLAUSE_RE.finditer(low)]
            negated = self._negated(low, m.start(), negations, clauses)
            for model, strong in entries:
                out.append(CueHit(m.start(), m.end(), model, strong, negated))
        return out

    @staticmethod
    def _negated(low: str, at: int, negations: list[int], clauses: list[int]) -> bool:
        """A negation ends shortly before `at`, in the same clause."""
        size = _NEG_WINDOW_CJK if _CJK.match(low, at) else _NEG_WINDOW_ASCII
        clause_start = max((c for c in clauses if c <= at), default=0)
        lo = max(clause_start, at - size)
        return any(lo < end <= at for end in negations)

    def flags(self, low: str) -> tuple[bool, bool, bool]:
        """(hypothetical, risk, ai_feature context) for one lower-cased sentence."""
        return (self._hypothetical.search(low), self._risk.search(low),
                self._ai_feature.search(low) is not None)

    def is_industry(self, low: str) -> bool:
        return self._industry.search(low)

    def starts_with_anaphora(self, low: str) -> bool:
        head = low.lstrip("“\"「（( ")
        return any(m.start() == 0 for m in self._anaphora.finditer(head[:12]))


@lru_cache(maxsize=4)
def _load_cues(path: str) -> CueLexicon:
    raw = Path(path).read_bytes()
    return CueLexicon(tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest())


# --------------------------------------------------------------------------------------------------
# Features (shared with scripts/train_monetization.py, so training and inference cannot drift)


@dataclass(frozen=True, slots=True)
class SentenceCues:
    hits: list[CueHit]
    hypothetical: bool
    risk: bool
    ai_feature: bool


def sentence_cues(low: str, cues: CueLexicon) -> SentenceCues:
    hits = cues.hits(low)
    return SentenceCues(hits, *cues.flags(low)) if hits else SentenceCues(hits, False, False, False)


def sentence_features(low: str, sc: SentenceCues) -> list[str]:
    """Features of one lower-cased simplified sentence: unit 1-3-grams, stems, cue flags."""
    u = ["0" if t[0].isdigit() else t for t in _UNIT.findall(low)]
    feats = u + [a + " " + b for a, b in zip(u, u[1:])]
    feats += [a + " " + b + " " + c for a, b, c in zip(u, u[1:], u[2:])]
    feats += ["~" + t[:_STEM] for t in u if len(t) > _STEM and t.isascii() and t.isalpha()]
    for h in sc.hits:
        feats.append(("#n:" if h.negated else "#s:" if h.strong else "#w:") + h.model)
    if sc.hypothetical:
        feats.append("#f:hyp")
    if sc.risk:
        feats.append("#f:risk")
    if sc.ai_feature:
        feats.append("#f:aif")
    return feats


def text_features(text: str, cues: CueLexicon) -> list[str]:
    """Features of one simplified sentence (the training-side entry point)."""
    low = lower(text)
    return sentence_features(low, sentence_cues(low, cues))


# --------------------------------------------------------------------------------------------------
# Decisions


@dataclass(frozen=True, slots=True)
class Decision:
    sentence: int
    model: int
    via: str  # classifier | cue


def decide(probs: np.ndarray, cues: list[SentenceCues], thresholds: np.ndarray, cue_floor: float,
           context_floor: float) -> list[Decision]:
    """Per (sentence, model) decisions from probabilities (n x models) and the sentences' cues."""
    n = probs.shape[0]
    probs = probs * np.array([[bool(sc.hits)] for sc in cues])  # no cue at all: never reported
    out: list[Decision] = []
    for i in range(n):
        sc = cues[i]
        if not sc.hits:
            continue
        blocked = sc.hypothetical or sc.risk
        strong = {h.model for h in sc.hits if h.strong and not h.negated}
        cued = {h.model for h in sc.hits if not h.negated}
        for k, model in enumerate(MODELS):
            p, thr = probs[i, k], thresholds[k]
            by_clf = p >= thr
            if sc.ai_feature and model in _AD_COMMERCE:
                if by_clf and model in strong:
                    out.append(Decision(i, k, "classifier"))
                continue
            if by_clf:
                out.append(Decision(i, k, "classifier"))
            elif model in strong and not blocked and p >= cue_floor * thr:
                out.append(Decision(i, k, "cue"))
            elif model in cued and not blocked and p >= context_floor * thr:
                near = max(probs[i - 1, k] if i > 0 else 0.0, probs[i + 1, k] if i + 1 < n else 0.0)
                if near >= thr:
                    out.append(Decision(i, k, "classifier"))
    return out


# --------------------------------------------------------------------------------------------------
# The detector


def _model_error(path: Path, problem: str) -> ModelFileError:
    return ModelFileError(f"{path}: {problem}; rebuild the monetization model with `{REBUILD}`")


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _model_error(path, "model file is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _model_error(path, f"model file is corrupt ({exc})") from None


def _read_npy(path: Path, shape: tuple[int, ...]) -> np.ndarray:
    try:
        arr = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise _model_error(path, "model file is missing") from None
    except (OSError, ValueError, EOFError) as exc:
        raise _model_error(path, f"model file is corrupt ({exc})") from None
    if arr.shape != shape or not np.issubdtype(arr.dtype, np.floating) or not np.isfinite(arr).all():
        raise _model_error(path, f"model file is corrupt (array {arr.dtype}{arr.shape}, expected {shape})")
    return arr


class MonetizationDetector:
    """Sentence-level business-model detector; build with `MonetizationDetector.load()`."""

    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 thresholds: np.ndarray, cue_floor: float, context_floor: float,
                 cues: Optional[CueLexicon] = None) -> None:
        self.vocabulary = {f: i for i, f in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef_t = np.ascontiguousarray(np.asarray(coef, dtype=np.float64).T)  # features x models
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.cue_floor = float(cue_floor)
        self.context_floor = float(context_floor)
        self.cues = cues or CueLexicon.load()

    @classmethod
    def load(cls, path: Path | None = None) -> "MonetizationDetector":
        """Load the shipped model (default: `default_model_dir()`); ModelFileError if missing or corrupt."""
        root = Path(path) if path is not None else default_model_dir()
        if root.is_file():
            root = root.parent
        meta = _read_json(root / "meta.json")
        vocab = _read_json(root / "vocab.json")
        try:
            if meta["format"] != FORMAT or tuple(meta["labels"]) != MODELS:
                raise ValueError(f"format {meta['format']!r}, labels {meta['labels']!r}")
            n = int(meta["n_features"])
            thresholds = np.array([float(meta["thresholds"][m]) for m in MODELS])
            cue_floor, context_floor = float(meta["cue_floor"]), float(meta["context_floor"])
            if not (isinstance(vocab, list) and len(vocab) == n and all(isinstance(f, str) for f in vocab)):
                raise ValueError(f"vocabulary does not hold {n} strings")
        except (KeyError, TypeError, ValueError) as exc:
            bad = root / ("vocab.json" if "vocabulary" in str(exc) else "meta.json")
            raise _model_error(bad, f"model file is corrupt ({exc})") from None
        idf = _read_npy(root / "idf.npy", (n,))
        coef = _read_npy(root / "coef.npy", (len(MODELS), n))
        intercept = _read_npy(root / "intercept.npy", (len(MODELS),))
        cues = CueLexicon.load()
        if meta.get("cues_sha256") not in (None, cues.digest):
            warnings.warn(f"{CUES_PATH} changed since the monetization model was trained; "
                          f"retrain with `{REBUILD}`", stacklevel=2)
        return cls(vocab, idf, coef, intercept, thresholds, cue_floor, context_floor, cues)

    # -- scoring ---------------------------------------------------------------------------------

    def probabilities(self, features: list[list[str]]) -> np.ndarray:
        """P(model | sentence) for feature lists, as one sparse TF-IDF matrix (sublinear tf, l2)."""
        get = self.vocabulary.get
        rows: list[int] = []
        cols: list[int] = []
        for i, feats in enumerate(features):
            ids = [j for j in map(get, feats) if j is not None]
            cols.extend(ids)
            rows.extend([i] * len(ids))
        shape = (len(features), len(self.idf))
        x = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=shape)
        x.sum_duplicates()
        x.data = (np.log(x.data) + 1.0) * self.idf[x.indices]
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0.0] = 1.0
        x = sparse.diags(1.0 / norms) @ x
        scores = x @ self.coef_t + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    # -- the step --------------------------------------------------------------------------------

    def run(self, doc: Doc, companies: list[CompanyMention]) -> list[MonetizationMention]:
        """One mention per (sentence, model) the doc discusses; offsets index `doc.text_simplified`."""
        text = doc.text_simplified
        low = lower(text)
        spans = sentence_spans(text)
        if not spans:
            return []
        cues = [sentence_cues(low[s:e], self.cues) for s, e in spans]
        active = [i for i, sc in enumerate(cues) if sc.hits]
        probs = np.zeros((len(spans), len(MODELS)))
        if not active:
            return []
        probs[active] = self.probabilities([sentence_features(low[spans[i][0]:spans[i][1]], cues[i])
                                            for i in active])
        mentions = sorted(companies, key=lambda m: (m.start, m.end))
        starts = [m.start for m in mentions]
        out = []
        for d in decide(probs, cues, self.thresholds, self.cue_floor, self.context_floor):
            model = MODELS[d.model]
            start, end = self._evidence(text, spans[d.sentence], cues[d.sentence], model)
            company = self._company(low, spans, d.sentence, (start, end), mentions, starts)
            out.append(MonetizationMention(model=model, start=start, end=end, company=company,
                                           score=round(float(probs[d.sentence, d.model]), 4), via=d.via))
        return out

    __call__ = run

    @staticmethod
    def _evidence(text: str, span: tuple[int, int], sc: SentenceCues, model: str) -> tuple[int, int]:
        """The clause holding the model's cue (strong before weak), else the whole sentence."""
        s, e = span
        hits = sorted((not h.strong, h.start) for h in sc.hits if h.model == model and not h.negated)
        if hits:
            at = s + hits[0][1]
            for cs, ce in clause_spans(text, s, e):
                if cs <= at < ce:
                    while ce > cs and (text[ce - 1] in _CLAUSE_PUNCT or text[ce - 1].isspace()):
                        ce -= 1
                    while cs < ce and text[cs].isspace():
                        cs += 1
                    if ce - cs >= 6:
                        return cs, ce
                    break
        return s, e

    def _company(self, low: str, spans: list[tuple[int, int]], i: int, clause: tuple[int, int],
                 mentions: list[CompanyMention], starts: list[int]) -> Optional[str]:
        """The company the sentence ties the model to; None for industry-level sentences."""
        s, e = spans[i]
        in_sentence = mentions[bisect_left(starts, s):bisect_left(starts, e)]
        for m in in_sentence:
            if clause[0] <= m.start < clause[1]:
                return m.company_id
        before = list(dict.fromkeys(m.company_id for m in in_sentence if m.start < clause[0]))
        opening = low[clause[0]:clause[0] + 2]
        if opening in ("前者", "后者") and len(before) >= 2:
            return before[0] if opening == "前者" else before[-1]
        distinct = list(dict.fromkeys(m.company_id for m in in_sentence))
        if len(distinct) >= 3:
            return None  # an enumeration: the sentence is about the field, not one company
        if distinct:
            return distinct[0]
        if i > 0 and self.cues.starts_with_anaphora(low[s:e]) and not self.cues.is_industry(low[s:e]):
            ps, pe = spans[i - 1]
            previous = mentions[bisect_left(starts, ps):bisect_left(starts, pe)]
            if previous:
                return previous[0].company_id
        return None


def models_of(mentions: Iterable[MonetizationMention]) -> list[str]:
    """The distinct models of some mentions, in the vocabulary's order (a record's label set)."""
    found = {m.model for m in mentions}
    return [m for m in MODELS if m in found]

