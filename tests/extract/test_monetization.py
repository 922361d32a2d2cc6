"""Business-model detection on real pages: each model, discussed-not-pursued cases, company tying,
model files, and training reproducibility."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from nlp.errors import ModelFileError
from nlp.extract.monetization import (
    MODEL_FILES, MODELS, MonetizationDetector, cue_matrix, default_model_dir, text_cues, text_features)
from nlp.extract.sentences import sentence_spans
from nlp.schema import CompanyMention
from nlp.script.convert import to_doc

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"
REBUILD = "python scripts/train_monetization.py"


@pytest.fixture(scope="module")
def detector() -> MonetizationDetector:
    return MonetizationDetector.load()


@pytest.fixture(scope="module")
def page(seed_records):
    """A real page as a Doc: a seed as the pipeline cleans it, or an article of corpus/articles."""
    docs: dict[str, object] = {}

    def get(name: str):
        if name not in docs:
            text = seed_records[name]["text"] if name in seed_records else (ARTICLES / name).read_text("utf-8")
            docs[name] = to_doc(text)
        return docs[name]

    return get


def found_in(detector: MonetizationDetector, doc, snippet: str,
             companies: tuple[CompanyMention, ...] = ()) -> dict[str, list]:
    """model -> mentions reported for the sentence of the doc that holds `snippet` (simplified)."""
    at = doc.text_simplified.index(snippet)
    s, e = next((s, e) for s, e in sentence_spans(doc.text_simplified) if s <= at < e)
    out: dict[str, list] = {}
    for m in detector.run(doc, list(companies)):
        if s <= m.start < e:
            out.setdefault(m.model, []).append(m)
    return out


# Every model on a real sentence of a real page (simplified, traditional and English pages).
EACH_MODEL = [
    ("api", "netease-deepseek-profit-myth-traditional", "大模型变现,最常见的商业路径是卖API"),
    ("subscription", "double11-llm-links-rewrite", "个人用户花钱购买会员从而解锁更多大模型功能"),
    ("enterprise", "tmtpost-doubao-links", "目前比较成熟的变现模式包括API调用、会员订阅、给企业做定制化解决方案"),
    ("ecommerce", "double11-llm-links-rewrite", "其作答之中嵌入了抖音商城的商品链接"),
    ("advertising", "jiemian-doubao-links-traditional", "但广告模式是大模型公司通过GEO技术"),
    ("ecosystem", "tmtpost-doubao-links", "至于生态系统分成,是建立类似App Store的插件"),
    ("tipping", "double11-llm-links-rewrite", "Kimi推出了“给Kimi加油”这样的付费选择"),
    ("ai_feature", "zaker-bigtech-ai-money-pinyin", "AI 对效果广告与长青游戏等业务产生了实质性的贡献"),
    ("infrastructure", "netease-deepseek-profit-myth-traditional", "国内外云服务厂商等“卖铲人”的业绩同样蒸蒸日上"),
    ("open_source", "zaker-bigtech-ai-money-pinyin", "即开源 + 云生态"),
]


@pytest.mark.parametrize("model,stem,snippet", EACH_MODEL, ids=[m for m, _, _ in EACH_MODEL])
def test_each_model_on_a_real_sentence(detector, page, model, stem, snippet):
    found = found_in(detector, page(stem), snippet)
    assert model in found, found
    doc = page(stem)
    m = found[model][0]
    assert doc.text_simplified[m.start:m.end].strip() and 0.0 <= m.score <= 1.0
    assert m.via in ("classifier", "cue")


def test_english_pages(detector, page):
    mistral = found_in(detector, page("en-mistral-series-c.txt"), "it releases many of its models")
    assert "open_source" in mistral
    anthropic_doc = to_doc("Anthropic derives the bulk of its revenue from businesses, and its AI models are "
                           "sold through cloud platforms. Developers pay $3 per million input tokens and $15 "
                           "per million output tokens for Claude Sonnet 4. ChatGPT Plus costs $20 a month.")
    models = {m.model for m in detector.run(anthropic_doc, [])}
    assert {"api", "subscription"} <= models


def test_evidence_is_the_clause_with_offsets_into_simplified_text(detector, page):
    doc = page("jiemian-doubao-links-traditional")  # traditional: offsets into the converted text
    spans = {(m.model, doc.text_simplified[m.start:m.end]) for m in detector.run(doc, [])}
    assert ("ecommerce", "其回复中嵌入了抖音商城的商品链接") in spans
    assert ("tipping", "Kimi在去年推出的“打赏”模式算是一个新尝试") in spans


def test_one_mention_per_sentence_and_model(detector, page):
    doc = page("netease-deepseek-profit-myth-traditional")
    mentions = detector.run(doc, [])
    spans = sentence_spans(doc.text_simplified)
    keys = [(next(i for i, (s, e) in enumerate(spans) if s <= m.start < e), m.model) for m in mentions]
    assert len(keys) == len(set(keys)) and len(keys) > 10


# Discussed is not pursued.


def test_ads_as_a_risk_in_a_passage_about_ecommerce(detector, page):
    doc = page("jiemian-doubao-links-traditional")
    risk = found_in(detector, doc, "广告会被动干扰用户,电商链接通常由用户主动点击")
    assert "advertising" not in risk
    assert "advertising" not in found_in(detector, doc, "因为一旦在AI的回答中加入广告,必然会降低用户的信任度")
    assert "advertising" in found_in(detector, doc, "但广告模式是大模型公司通过GEO技术")  # the same page does


def test_ai_lifting_ads_is_ai_feature_not_advertising(detector, page):
    doc = page("zaker-bigtech-ai-money-pinyin")
    for snippet in ("AI 对效果广告与长青游戏等业务产生了实质性的贡献", "得益于广告平台的持续 AI 升级"):
        found = found_in(detector, doc, snippet)
        assert "ai_feature" in found and "advertising" not in found, (snippet, found)


def test_concern_negation_and_plain_ad_revenue_are_not_advertising(detector, page):
    cases = [
        ("double11-llm-links-rewrite", "毕竟竞价排名是搜索行业最大的那棵“摇钱树”"),  # a worry
        ("netease-deepseek-profit-myth-traditional", "里面暂时找不到地方放广告"),  # no room for ads
        ("zh-ai-app-mau-race.txt", "在AI回答中植入广告容易损害用户体验和信任"),  # a risk remark
        ("en-openai-h1-revenue.txt", "Advertising remains a sensitive subject"),
        ("zh-meitu-2024-results.txt", "全年广告收入为7.4亿元"),  # an app's ads, not ads in AI answers
    ]
    for name, snippet in cases:
        assert "advertising" not in found_in(detector, page(name), snippet), snippet


def test_negated_subscription_and_tipping(detector, page):
    found = found_in(detector, page("jiemian-doubao-links-traditional"), "但也非强制订阅")
    assert "tipping" in found and "subscription" not in found
    rejected = to_doc("云穹智能是一家做AI智能体的公司，主打大模型私有化部署。对于面向个人用户的订阅付费，"
                      "他坦言公司短期内不会考虑。")
    assert [m.model for m in detector.run(rejected, [])] == ["enterprise"]


def test_open_weights_without_a_way_to_earn_are_not_a_model(detector, page):
    doc = page("netease-deepseek-profit-myth-traditional")
    assert "open_source" not in found_in(detector, doc, "月之暗面Kimi宣布开源大模型Moonlight")
    assert "open_source" not in found_in(detector, doc, "选择开源模式也绝非意味著做慈善")


def test_pages_not_about_ai_report_nothing(detector):
    doc = to_doc("局长亲自带货，为长春知名企业带货，直播间里观众纷纷下单。商场推出会员订阅，每月20元。")
    assert detector.run(doc, []) == []


# The company the sentence ties the model to.


def test_company_is_the_product_owner_named_in_the_sentence(detector, page):
    doc = page("tmtpost-doubao-links")
    at = doc.text_simplified.index("近期有用户发现,在和豆包对话时")
    doubao = (CompanyMention("bytedance", "字节跳动", "ByteDance", at + 10, at + 12, "product", "豆包"),)
    found = found_in(detector, doc, "其回复中嵌入了抖音商城的商品链接", doubao)
    assert [m.company for m in found["ecommerce"]] == ["bytedance"]


def test_company_with_the_real_company_extractor(detector, page):
    from nlp.extract.companies import CompanyExtractor
    from nlp.extract.kb import KnowledgeBase

    doc = page("jiemian-doubao-links-traditional")
    companies = CompanyExtractor(KnowledgeBase.load()).run(doc)
    tied = {(m.model, doc.text_simplified[m.start:m.end]): m.company for m in detector.run(doc, companies)}
    assert tied[("ecommerce", "其回复中嵌入了抖音商城的商品链接")] == "bytedance"
    assert tied[("ecommerce", "它又推出了“即时结账(Instant Checkout)”功能")] == "openai"  # 它 -> OpenAI
    assert tied[("api", "“目前API是大模型公司最主要的变现方式之一。”")] is None  # the industry


def test_former_and_latter(detector, page):
    doc = page("double11-llm-links-rewrite")
    sentence = "然而,字节跳动跟阿里显著走的并非是同一条路径"
    at = doc.text_simplified.index(sentence)
    companies = (CompanyMention("bytedance", "字节跳动", "ByteDance", at + 3, at + 7, "name"),
                 CompanyMention("alibaba", "阿里巴巴", "Alibaba", at + 8, at + 10, "alias"))
    found = found_in(detector, doc, sentence, companies)
    assert [m.company for m in found["ai_feature"]] == ["alibaba"]  # 后者却是将大模型能力渗透进…电商体系


def test_industry_sentences_and_enumerations_have_no_company(detector):
    doc = to_doc("目前API是大模型公司最主要的变现方式之一。国内的豆包、元宝、Kimi等AI助手都在对话中嵌入了商品链接。"
                 "OpenAI的ChatGPT Plus会员费为每月20美元。")
    t = doc.text_simplified
    companies = [CompanyMention(cid, None, None, t.index(name), t.index(name) + len(name), "product")
                 for cid, name in (("bytedance", "豆包"), ("tencent", "元宝"), ("moonshot", "Kimi"),
                                   ("openai", "OpenAI"), ("openai", "ChatGPT"))]
    by_model = {m.model: m.company for m in detector.run(doc, companies)}
    assert by_model == {"api": None, "ecommerce": None, "subscription": "openai"}


def test_anaphora_takes_the_previous_sentence_company(detector):
    doc = to_doc("Perplexity began showing sponsored follow-up questions beside its AI answers in November. "
                 "It also sells a Pro subscription for $20 a month that unlocks AI models such as GPT-5.")
    companies = [CompanyMention("perplexity", None, "Perplexity", 0, 10, "name")]
    by_model = {m.model: m.company for m in detector.run(doc, companies)}
    assert by_model == {"advertising": "perplexity", "subscription": "perplexity"}


# Model files: plain data, clear errors.


@pytest.fixture()
def model_copy(tmp_path) -> Path:
    target = tmp_path / "monetization"
    shutil.copytree(default_model_dir(), target)
    return target


def test_shipped_model_is_small_plain_data(model_copy):
    assert sum(p.stat().st_size for p in model_copy.iterdir()) < 5_000_000
    for name in MODEL_FILES:
        if name.endswith(".npy"):
            assert np.load(model_copy / name, allow_pickle=False).dtype == np.float32
    meta = json.loads((model_copy / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == list(MODELS) and all(0.0 < meta["thresholds"][m] < 1.0 for m in MODELS)


@pytest.mark.parametrize("name", MODEL_FILES)
def test_missing_model_file(model_copy, name):
    (model_copy / name).unlink()
    with pytest.raises(ModelFileError) as err:
        MonetizationDetector.load(model_copy)
    assert name in str(err.value) and "missing" in str(err.value) and REBUILD in str(err.value)


@pytest.mark.parametrize("name,content", [
    ("meta.json", b'{"format": "nlp.monetization/1", "labels": '),
    ("vocab.json", b'["a", "b"]'),
    ("coef.npy", b"\x93NUMPY garbage"),
    ("idf.npy", b""),
])
def test_corrupt_model_file(model_copy, name, content):
    (model_copy / name).write_bytes(content)
    with pytest.raises(ModelFileError) as err:
        MonetizationDetector.load(model_copy)
    assert name in str(err.value) and "corrupt" in str(err.value) and REBUILD in str(err.value)


def test_pickled_arrays_are_refused(model_copy):
    np.save(model_copy / "intercept.npy", np.array([object()] * len(MODELS)), allow_pickle=True)
    with pytest.raises(ModelFileError, match="intercept.npy"):
        MonetizationDetector.load(model_copy)


def test_models_directory_from_environment(model_copy, monkeypatch):
    monkeypatch.setenv("NLP_MODELS", str(model_copy.parent))
    assert default_model_dir() == model_copy
    assert MonetizationDetector.load().thresholds.shape == (len(MODELS),)
    monkeypatch.setenv("NLP_MODELS", str(model_copy.parent / "elsewhere"))
    with pytest.raises(ModelFileError, match="meta.json"):
        MonetizationDetector.load()


# Training: reproducible, and the rebuilt transform is the training one.


@lru_cache(maxsize=None)
def trainer():
    spec = importlib.util.spec_from_file_location("train_monetization", ROOT / "scripts" / "train_monetization.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def subset():
    """Twelve articles of the corpus: enough for every step, small enough to train in a second."""
    rows = trainer().load_corpus()
    keep = sorted({r.article for r in rows})[::5][:12]
    return [r for r in rows if r.article in keep]


def test_training_is_reproducible(tmp_path):
    t = trainer()
    first, second = t.train(subset()), t.train(subset())
    assert first.vocabulary == second.vocabulary and first.meta == second.meta
    for a, b in ((first.idf, second.idf), (first.coef, second.coef), (first.intercept, second.intercept),
                 (first.thresholds, second.thresholds)):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    t.save(first, tmp_path / "a")
    t.save(second, tmp_path / "b")
    for name in MODEL_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert MonetizationDetector.load(tmp_path / "a").thresholds.tolist() == first.thresholds.tolist()


def test_split_is_by_article():
    t = trainer()
    rows = subset()
    train, held = t.split_articles(rows)
    assert held and not set(train) & set(held) and set(train) | set(held) == {r.article for r in rows}


def test_rebuilt_transform_matches_scikit_learn():
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    t = trainer()
    rows = subset()
    texts = [r.simplified for r in rows]
    cues = MonetizationDetector.load().cues
    vocabulary, idf, coef, intercept = t.fit(texts, t.label_matrix(rows), cues)
    vec = TfidfVectorizer(analyzer=text_features, sublinear_tf=True,
                          vocabulary={f: i for i, f in enumerate(vocabulary)}).fit(texts)
    vec.idf_ = idf.astype(np.float64)
    probe = texts[:40] + ["", "GPT Store 的分成"]
    block = cue_matrix([text_cues(x, cues) for x in probe])
    x = sparse.hstack([vec.transform(probe), sparse.csr_matrix(block)])
    expected = 1.0 / (1.0 + np.exp(-(x @ coef.astype(np.float64).T + intercept)))
    got = t.detector_from(vocabulary, idf, coef, intercept, cues).probabilities(
        [text_features(x) for x in probe], block)
    assert np.allclose(got, expected, atol=1e-9)
