"""The company knowledge base: CSV rows -> companies, their surface forms, and name slugs.

The default KB is found in this order: the `NLP_KB` environment variable, `nlp/data/companies.csv`
(the copy an installed package ships), `<repo>/corpus/kb/companies.csv` (the source of truth in a
checkout). User KB files (`--kb PATH`) have the same columns and add or replace companies by id.

Names are stored in simplified script only. Traditional forms are derived at load with OpenCC's
character-level configs `s2t`, `s2tw` and `s2hk`; `s2twp` is avoided because its phrase table
rewrites names (字节跳动 -> 位元組跳動, OpenCC #864). Articles are matched after `t2s`, so the derived
forms matter for checking that every name survives the round trip (`roundtrip_failures`) and for the
few names whose traditional form converts back to something else (those extra forms are matched too).
"""
from __future__ import annotations

import csv
import hashlib
import marshal
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import opencc

from nlp.errors import InputError

COLUMNS = ("id", "name_zh", "name_en", "aliases", "products", "tickers", "kind")
DERIVED_CONFIGS = ("s2t", "s2tw", "s2hk")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DATA = Path(__file__).resolve().parent.parent / "data"
_REPO = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def default_kb_path() -> Path:
    """`$NLP_KB`, else the packaged `nlp/data/companies.csv`, else `<repo>/corpus/kb/companies.csv`."""
    env = os.environ.get("NLP_KB")
    if env:
        return Path(env)
    packaged = _DATA / "companies.csv"
    if packaged.exists():
        return packaged
    return _REPO / "corpus" / "kb" / "companies.csv"


@dataclass(slots=True, frozen=True)
class SurfaceForm:
    """One string that names a company: a name, alias or product, as stored or derived."""

    text: str
    via: str  # name | alias | product
    product: Optional[str] = None  # the stored product name, when via == product
    derived: Optional[str] = None  # OpenCC config that produced it; None for the stored form


@dataclass(slots=True)
class Company:
    """One KB row."""

    id: str
    name_zh: Optional[str]
    name_en: Optional[str]
    aliases: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    kind: str = ""
    source: str = ""  # file:row it came from, for messages

    def stored_forms(self) -> list[SurfaceForm]:
        """Names, aliases and products as written in the KB (simplified script)."""
        out = [SurfaceForm(n, "name") for n in (self.name_zh, self.name_en) if n]
        out += [SurfaceForm(a, "alias") for a in self.aliases]
        out += [SurfaceForm(p, "product", product=p) for p in self.products]
        return out


def _split(value: Optional[str]) -> tuple[str, ...]:
    if not value:
        return ()
    seen: dict[str, None] = {}
    for part in value.split("|"):
        part = " ".join(part.split())
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def _name_key(name: str) -> str:
    """Names that differ only in case or spacing are the same claim."""
    return " ".join(name.casefold().split())


def _read_file(path: Path) -> list[Company]:
    """Parse and check one KB file; raises InputError with the row number."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(str(path), f"cannot read knowledge base: {exc.strerror or exc}") from None
    with fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InputError(str(path), f"row 1: missing column(s) {', '.join(missing)}")
        companies: list[Company] = []
        first_row: dict[str, int] = {}
        names: dict[str, tuple[str, int]] = {}
        try:
            rows = list(reader)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"not a readable CSV file: {exc}") from None
        for i, row in enumerate(rows, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            cid = (row.get("id") or "").strip()
            if not SLUG_RE.match(cid):
                raise InputError(str(path), f"row {i}: id {cid!r} is not a slug (^[a-z0-9][a-z0-9_.-]*$)")
            if cid in first_row:
                raise InputError(str(path), f"row {i}: duplicate id {cid!r} (first at row {first_row[cid]})")
            first_row[cid] = i
            company = Company(
                id=cid,
                name_zh=(row.get("name_zh") or "").strip() or None,
                name_en=(row.get("name_en") or "").strip() or None,
                aliases=_split(row.get("aliases")),
                products=_split(row.get("products")),
                tickers=_split(row.get("tickers")),
                kind=(row.get("kind") or "").strip(),
                source=f"{path}:{i}",
            )
            if not company.name_zh and not company.name_en:
                raise InputError(str(path), f"row {i}: {cid!r} has neither name_zh nor name_en")
            for form in company.stored_forms():
                key = _name_key(form.text)
                other = names.get(key)
                if other and other[0] != cid:
                    raise InputError(str(path), f"row {i}: name {form.text!r} is claimed by both "
                                                f"{other[0]!r} (row {other[1]}) and {cid!r}")
                names[key] = (cid, i)
            companies.append(company)
    return companies


class KnowledgeBase:
    """Companies by id, with their surface forms; read-only once loaded."""

    def __init__(self, companies: Iterable[Company], sources: tuple[str, ...] = ()) -> None:
        self.companies: dict[str, Company] = {c.id: c for c in companies}
        self.sources = sources
        self._forms: dict[str, tuple[SurfaceForm, ...]] = {}

    @classmethod
    def load(cls, paths: Optional[list[Path]] = None, *, default: bool = True) -> "KnowledgeBase":
        """The default KB plus user KB files in order; later rows replace earlier ones by id.

        A name claimed by two different ids after merging is an error naming both and the file of
        the later row.
        """
        files = ([default_kb_path()] if default else []) + [Path(p) for p in (paths or [])]
        merged: dict[str, Company] = {}
        for path in files:
            for company in _read_file(path):
                merged[company.id] = company
        owner: dict[str, str] = {}
        for company in merged.values():
            for form in company.stored_forms():
                key = _name_key(form.text)
                prev = owner.setdefault(key, company.id)
                if prev != company.id:
                    where = company.source.rsplit(":", 1)
                    other = merged[prev]
                    raise InputError(where[0], f"row {where[1]}: name {form.text!r} is claimed by both "
                                               f"{prev!r} ({other.source}) and {company.id!r}")
        return cls(merged.values(), tuple(str(p) for p in files))

    @classmethod
    @lru_cache(maxsize=8)
    def cached(cls, paths: tuple[str, ...] = ()) -> "KnowledgeBase":
        """`load` once per process for the same user files (the default KB is always read first)."""
        return cls.load([Path(p) for p in paths])

    def __len__(self) -> int:
        return len(self.companies)

    def __contains__(self, company_id: object) -> bool:
        return company_id in self.companies

    def __getitem__(self, company_id: str) -> Company:
        return self.companies[company_id]

    def get(self, company_id: str) -> Optional[Company]:
        return self.companies.get(company_id)

    def surface_forms(self, company_id: str) -> tuple[SurfaceForm, ...]:
        """Stored forms plus traditional forms derived with s2t/s2tw/s2hk (deduplicated)."""
        cached = self._forms.get(company_id)
        if cached is not None:
            return cached
        company = self.companies[company_id]
        out: dict[str, SurfaceForm] = {}
        stored = company.stored_forms()
        for form in stored:
            out.setdefault(form.text, form)
        for form in stored:
            if not _HAN.search(form.text):
                continue
            for config in DERIVED_CONFIGS:
                variant = _converter(config).convert(form.text)
                if variant not in out:
                    out[variant] = SurfaceForm(variant, form.via, form.product, derived=config)
        result = tuple(out.values())
        self._forms[company_id] = result
        return result

    def lookup(self, name: str) -> Optional[str]:
        """The id whose name, alias or product is `name` (any case, either script), else None."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {_name_key(text): cid for text, (cid, _) in self.match_forms().items()}
            self.__dict__["_index"] = index
        key = _name_key(name)
        return index.get(key) or index.get(_name_key(_converter("t2s").convert(name)))

    def roundtrip_failures(self) -> list[tuple[str, str, str, str]]:
        """(id, name, traditional form, its t2s) for every KB string that t2s does not give back.

        Such a name is not found as written in a converted article; `match_forms` adds the t2s
        form for it (matched only where the original text has the traditional name).
        """
        t2s = _converter("t2s")
        bad = []
        for cid, company in self.companies.items():
            for form in company.stored_forms():
                if not _HAN.search(form.text):
                    continue
                for config in DERIVED_CONFIGS:
                    variant = _converter(config).convert(form.text)
                    back = t2s.convert(variant)
                    if back != form.text:
                        bad.append((cid, form.text, variant, back))
                        break
        return bad

    def match_forms(self) -> dict[str, tuple[str, SurfaceForm]]:
        """Every string to look for in simplified text -> (company id, form).

        Stored forms; the derived traditional forms, for bodies left unconverted; and, for a name
        OpenCC does not give back (昇腾 -> 昇騰 -> 升腾), the converted form with `derived="t2s"`.
        Those are ordinary words as often as not (升腾 "rise"), so the matcher takes them only where
        the original text has the traditional name.
        """
        t2s = _converter("t2s")
        out: dict[str, tuple[str, SurfaceForm]] = {}
        for cid in self.companies:
            for form in self.surface_forms(cid):
                if form.derived is None:
                    out[form.text] = (cid, form)
        for cid in self.companies:
            for form in self.surface_forms(cid):
                if form.derived is not None:
                    out.setdefault(form.text, (cid, form))
            for form in self.companies[cid].stored_forms():
                if not _HAN.search(form.text):
                    continue
                for config in DERIVED_CONFIGS:
                    back = t2s.convert(_converter(config).convert(form.text))
                    if back != form.text and back not in out:
                        out[back] = (cid, SurfaceForm(back, form.via, form.product, derived="t2s"))
        return out


_LEGAL_ZH = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
_LEGAL_EN = re.compile(
    r"(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|gmbh|ag|s\.a|"
    r"pty|pte)\.?)+$", re.IGNORECASE)
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")


def slugify(name: str) -> str:
    """A stable id for a company the KB does not know.

    Legal suffixes are dropped (有限公司, 股份有限公司, Inc., Ltd., ...). Chinese runs become toneless
    pinyin, one chunk per dictionary word, with consecutive single characters glued (澜码科技 ->
    `lanma-keji`); Latin runs are lowercased; chunks are joined with '-' (Lumora Labs Inc. ->
    `lumora-labs`).
    """
    text = " ".join(name.split())
    text = _converter("t2s").convert(text)
    for _ in range(3):
        stripped = _LEGAL_EN.sub("", text).strip(" ,.")
        m = _LEGAL_ZH.search(stripped)
        if m and m.start() >= 2:
            stripped = stripped[: m.start()]
        if stripped == text or not stripped:
            break
        text = stripped
    chunks: list[str] = []
    for run in _RUN.findall(text):
        if _HAN.match(run):
            chunks.extend(_pinyin_words(run))
        else:
            chunks.append(run.lower())
    slug = "-".join(c for c in chunks if c)
    return slug or "unnamed"


def _pinyin_words(run: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    words = _plain_segmenter().lcut(run, HMM=False)
    out: list[str] = []
    glue = ""
    for w in words:
        py = "".join(lazy_pinyin(w, style=Style.NORMAL, errors="ignore")).lower()
        py = re.sub(r"[^a-z0-9]", "", py)
        if len(w) == 1:
            glue += py
            continue
        if glue:
            out.append(glue)
            glue = ""
        out.append(py)
    if glue:
        out.append(glue)
    return out


@lru_cache(maxsize=1)
def _plain_segmenter():
    """jieba with its default dictionary only, so slugs do not change when the KB changes."""
    return jieba_tokenizer(())


def jieba_tokenizer(words: tuple[str, ...]):
    """A private jieba Tokenizer: the default dictionary (shared load) plus `words`.

    The default dictionary is read once per process (`jieba_dictionary`) and copied, so adding
    words here never changes what other tokenizers (or `jieba.cut`) get. What `add_word` changes
    for a given word list (the words, their prefixes, the total) is cached next to the dictionary
    cache: `suggest_freq` segments every word, which costs ~0.1 s for the KB's names.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    freq, total, _ = jieba_dictionary()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(freq)
    tok.total = total
    tok.initialized = True
    if not words:
        return tok
    digest = hashlib.sha256("\n".join((_dictionary_key(), *words)).encode("utf-8")).hexdigest()[:24]
    cached = _read_cache(f"words-{digest}")
    if (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict)
            and isinstance(cached[1], int)):
        tok.FREQ.update(cached[0])
        tok.total = cached[1]
        return tok
    for w in words:
        tok.add_word(w)
    changed = {k: v for k, v in tok.FREQ.items() if freq.get(k) != v}
    _write_cache(f"words-{digest}", (changed, tok.total))
    return tok


def _dictionary_key() -> str:
    """jieba's version and the identity (path, size, mtime) of the dictionary `jieba.dt` loads."""
    import jieba

    path = jieba.dt.dictionary or os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)),
                                               jieba.DEFAULT_DICT_NAME)
    try:
        st = os.stat(path)
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        stamp = "?"
    return f"jieba {jieba.__version__} {path} {stamp}"


def _cache_path(name: str) -> Path:
    """Derived jieba data lives where jieba keeps its own cache (the temp dir), or $NLP_CACHE_DIR."""
    import tempfile

    return Path(os.environ.get("NLP_CACHE_DIR") or tempfile.gettempdir()) / f"nlp-jieba-{name}.marshal"


def _read_cache(name: str) -> object:
    """The cached value, or None when it is missing or unreadable (it is then rebuilt)."""
    try:
        return marshal.loads(_cache_path(name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_cache(name: str, value: object) -> None:
    """Write atomically (workers starting together may race); a failure only costs the next start."""
    import tempfile

    path = _cache_path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, path)
    except OSError:
        pass


@lru_cache(maxsize=1)
def jieba_dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's default dictionary, once per process: prefix frequencies, their total, and the
    part-of-speech tag of each word (what `jieba.posseg` tags with).

    Why not `jieba.dt.check_initialized()` and `jieba.posseg`: jieba reads its cache with
    `marshal.load` on the open file, which costs 1.3 s of CPU (`marshal.loads` on the bytes:
    0.25 s), and `jieba.posseg` parses dict.txt line by line for the tags (0.5 s), at every
    worker's start. The same data, taken from jieba once, is cached in one marshal file keyed by
    jieba's version and the dictionary file, and read back whole.
    """
    import logging

    import jieba

    key = _dictionary_key()
    name = "dict-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    cached = _read_cache(name)
    if (isinstance(cached, tuple) and len(cached) == 4 and cached[0] == key and isinstance(cached[1], dict)
            and isinstance(cached[2], int) and isinstance(cached[3], dict)):
        return cached[1], cached[2], cached[3]
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    freq, total = jieba.dt.FREQ, jieba.dt.total
    # the tags' words are the frequency table's key objects and their tags interned strings, so
    # the cache file refers to each string once (a fifth less to read back)
    same = {w: w for w in freq}
    tags: dict[str, str] = {}
    f = jieba.dt.get_dict_file()
    with f:  # as jieba.posseg.POSTokenizer.load_word_tag reads it
        for lineno, line in enumerate(f, 1):
            line = line.strip().decode("utf-8")
            if not line:
                continue
            try:
                word, _, tag = line.split(" ")
            except ValueError:
                raise ValueError(f"invalid POS dictionary entry at line {lineno}: {line}") from None
            tags[same.get(word, word)] = sys.intern(tag)
    _write_cache(name, (key, freq, total, tags))
    return freq, total, tags
