"""The company knowledge base: loading, schema checks, derived traditional forms, slugs."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from nlp.errors import InputError
from nlp.extract import kb as kbmod
from nlp.extract.kb import COLUMNS, KnowledgeBase, default_kb_path, slugify

HEADER = ",".join(COLUMNS)


def write(tmp_path: Path, name: str, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


# --- the default KB --------------------------------------------------------------------------

def test_default_path_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("NLP_KB", str(tmp_path / "mine.csv"))
    assert default_kb_path() == tmp_path / "mine.csv"
    monkeypatch.delenv("NLP_KB")
    packaged = kbmod._DATA / "companies.csv"
    expected = packaged if packaged.exists() else kbmod._REPO / "corpus" / "kb" / "companies.csv"
    assert default_kb_path() == expected


def test_env_var_kb_replaces_default(tmp_path, monkeypatch):
    path = write(tmp_path, "only.csv", ["acme,阿克米,Acme,,,,other"])
    monkeypatch.setenv("NLP_KB", str(path))
    kb = KnowledgeBase.load()
    assert list(kb.companies) == ["acme"]


def test_default_kb_loads(kb):
    assert len(kb) > 100
    assert kb["bytedance"].name_zh == "字节跳动"
    assert "豆包" in kb["bytedance"].products
    assert kb.lookup("字節跳動") == "bytedance"
    assert kb.lookup("chatgpt") == "openai"
    assert kb.lookup("no such company") is None


def test_every_id_is_a_slug(kb):
    assert all(kbmod.SLUG_RE.match(cid) for cid in kb.companies)


# --- schema checks ---------------------------------------------------------------------------

def test_missing_column(tmp_path):
    path = write(tmp_path, "bad.csv", ["acme,阿克米,Acme"], header="id,name_zh,name_en")
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([path], default=False)
    assert err.value.source == str(path)
    assert "row 1" in err.value.reason and "aliases" in err.value.reason


def test_id_must_be_a_slug(tmp_path):
    path = write(tmp_path, "bad.csv", ["acme,阿克米,Acme,,,,other", "Bad Id,坏,Bad,,,,other"])
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([path], default=False)
    assert "row 3" in err.value.reason and "'Bad Id'" in err.value.reason


def test_duplicate_id_in_one_file(tmp_path):
    path = write(tmp_path, "bad.csv", ["acme,阿克米,Acme,,,,other", "acme,阿克米二,Acme Two,,,,other"])
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([path], default=False)
    assert err.value.reason == "row 3: duplicate id 'acme' (first at row 2)"


def test_name_claimed_by_two_ids_names_both(tmp_path):
    path = write(tmp_path, "bad.csv", ["acme,阿克米,Acme,ACME,,,other", "roadrunner,走鹃,Road Runner,acme,,,other"])
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([path], default=False)
    reason = err.value.reason
    assert reason.startswith("row 3:") and "'acme'" in reason and "'roadrunner'" in reason
    assert "\n" not in str(err.value)


def test_company_without_a_name(tmp_path):
    path = write(tmp_path, "bad.csv", ["acme,,,Acme Corp,,,other"])
    with pytest.raises(InputError, match="row 2: 'acme' has neither name_zh nor name_en"):
        KnowledgeBase.load([path], default=False)


def test_unreadable_file(tmp_path):
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([tmp_path / "missing.csv"], default=False)
    assert err.value.source.endswith("missing.csv")


# --- user KB files -----------------------------------------------------------------------------

def test_user_kb_adds_and_overrides(tmp_path, kb):
    user = write(tmp_path, "user.csv", [
        "lanma,澜码科技,Lanma Technology,澜码,,,software",
        "moonshot,月之暗面,Moonshot AI,,Kimi|OK Computer,,ai_lab",
    ])
    merged = KnowledgeBase.load([user])
    assert len(merged) == len(kb) + 1
    assert merged["lanma"].aliases == ("澜码",)
    assert merged["moonshot"].products == ("Kimi", "OK Computer")  # replaced by id, not merged
    assert merged.lookup("Kimi智能助手") is None


def test_user_kb_cannot_steal_a_name(tmp_path):
    user = write(tmp_path, "user.csv", ["mytok,我的抖音,My Tok,抖音,,,content"])
    with pytest.raises(InputError) as err:
        KnowledgeBase.load([user])
    assert err.value.source == str(user)
    assert "'bytedance'" in err.value.reason and "'mytok'" in err.value.reason and "row 2" in err.value.reason


# --- derived traditional forms -----------------------------------------------------------------

def test_surface_forms_are_derived_character_by_character(kb):
    forms = {f.text: f for f in kb.surface_forms("bytedance")}
    assert forms["字节跳动"].derived is None
    assert forms["字節跳動"].derived == "s2t"
    assert forms["字節跳動"].via == "name"
    assert "位元組跳動" not in forms  # s2twp would rewrite the name (OpenCC #864)
    assert forms["豆包"].via == "product" and forms["豆包"].product == "豆包"
    nvidia = {f.text for f in kb.surface_forms("nvidia")}
    assert "輝達" in nvidia or "辉达" in nvidia


def test_every_name_round_trips_or_is_flagged(kb):
    """t2s(s2t(name)) == name for every KB string, except the ones roundtrip_failures() reports."""
    t2s = opencc.OpenCC("t2s")
    converters = {config: opencc.OpenCC(config) for config in kbmod.DERIVED_CONFIGS}
    flagged = {(cid, name) for cid, name, _, _ in kb.roundtrip_failures()}
    unflagged = []
    for cid, company in kb.companies.items():
        for form in company.stored_forms():
            for config, converter in converters.items():
                variant = converter.convert(form.text)
                if t2s.convert(variant) != form.text and (cid, form.text) not in flagged:
                    unflagged.append((cid, form.text, config, variant))
    assert unflagged == []
    # the flagged ones are few and known: 昇 is kept in names although t2s maps it to 升
    assert ("huawei", "昇腾") in flagged
    assert len(flagged) < 10


def test_flagged_name_is_matched_only_where_the_original_has_it(kb):
    from nlp.extract.companies import CompanyExtractor
    from nlp.script.convert import to_doc

    ex = CompanyExtractor(kb, unknown=False)
    doc = to_doc("華為的昇騰晶片出貨量增長。")
    assert doc.text_simplified.find("升腾") >= 0
    assert {m.company_id for m in ex.run(doc)} == {"huawei"}
    assert any(doc.text_simplified[m.start:m.end] == "升腾" for m in ex.run(doc))
    plain = to_doc("一股烟雾升腾而起。")
    assert ex.run(plain) == []


# --- slugs -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, slug", [
    ("澜码科技", "lanma-keji"),
    ("瀾碼科技", "lanma-keji"),
    ("Lumora Labs Inc.", "lumora-labs"),
    ("Moonpig AI", "moonpig-ai"),
    ("IDG资本", "idg-ziben"),
    ("杭州数澜跃动科技有限公司", slugify("杭州数澜跃动科技")),
    ("Northlake Robotics GmbH", "northlake-robotics"),
    ("Acme Co., Ltd.", "acme"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slug_is_a_valid_id():
    for name in ("上海国有资本投资有限公司", "什么值得买", "CMA CGM", "Edmunds.com", "绿洲科技", "360公司"):
        assert kbmod.SLUG_RE.match(slugify(name)), name
