"""Per seed: the article survives sentence by sentence, and no spam or page chrome does."""
from __future__ import annotations

import re

import pytest

# ~10 sentences (or long fragments) per seed, copied from the article bodies.
KEEP = {
    "double11-llm-links-rewrite": [
        "今年的“双十一”,在消去了消费狂欢的那种底色之后哟",
        "像豆包这样的,当在与之对话之际,其作答之中嵌入了抖音商城的商品链接",
        "回望互联网二十多载的发展进程,先是从搜索起步",
        "如今,我国大模型也终将走上靠卖货赚钱的道路吗?",
        "付费率不行,只能带货?",
        "在赚钱能力上,目前中外大模型拉开了一定的差距。",
        "去年底的时候,年化收入即ARR为55亿美元",
        "引导用户消费,AI可能永远比不过真人",
        "成为购物的入口?电商平台可能不乐意",
        "现今的商业尝试,也许能够回答这个问题",
    ],
    "jiemian-doubao-links-traditional": [
        "豆包,開始“帶貨”了。",
        "近期有用戶發現,在和豆包對話時,其回復中嵌入了抖音商城的商品鏈接",
        "國外的ChatGPT更是與沃爾瑪展開合作",
        "大模型主要分為開源模型與閉源模型兩類。",
        "01 變現新探索:廣告不好做,電商或許可行",
        "賣API能賺多少錢?",
        "這一變現模式的領先者還是OpenAI,目前ChatGPT最低的Plus會員費為每月20美元。",
        "最后是“企業解決方案與定制化”和生態系統分成。",
        "03 成本太高,不得不為",
        "電商或許不是唯一的答案,但可能是當下最容易落地的一條路。",
    ],
    "netease-deepseek-profit-myth-traditional": [
        "在3月的第一天,DeepSeek發布了一則勁爆的消息。",
        "DeepSeek理論上最高每天可盈利47.5萬美元",
        "國內AI大模型戰局",
        "字節跳動則憑借著在抖音投流這一得天獨厚的優勢,使豆包成為當前月活規模最大的AI應用。",
        "2月23日,月之暗面Kimi宣布開源大模型Moonlight。",
        "微笑曲線和盈利困境",
        "大模型變現,最常見的商業路徑是賣API,即按token收費。",
        "用戶訂閱也是目前大模型行業常見的盈利路徑。",
        "找到可持續的商業化模式,AI大模型公司道阻且長。",
        "截至2024年12月31日的季度,阿里云實現營收317.42億元,同比增長13%",
    ],
    "tmtpost-doubao-links": [
        "豆包,开始“带货”了。",
        "近期有用户发现,在和豆包对话时,其回复中嵌入了抖音商城的商品链接",
        "从回答问题到推荐商品,这意味着AI工具正在迎来新的商业化阶段",
        "眼下的带货,会是一个好选择吗?",
        "卖API能赚多少钱?",
        "这一变现模式的领先者还是OpenAI,目前ChatGPT最低的Plus会员费为每月20美元。",
        "最后是“企业解决方案与定制化”和生态系统分成。",
        "一方面是训练成本“坐火箭”似的往上涨。",
        "与此同时,行业竞争还在不断加剧。",
        "电商或许不是唯一的答案,但可能是当下最容易落地的一条路。",
    ],
    "zaker-bigtech-ai-money-pinyin": [
        "過去兩年,AI 成為全球科技圈最強共識。",
        "無論是國內外巨頭還是創業公司,幾乎都在重金投入,集體押注 AI。",
        "其中 AI 獨角獸公司 Midjourney,以團隊 40 人、年收入 5 億美元的成績位居第一",
        "那么,燒錢同樣毫不手軟的國內大廠,情況如何?",
        "大廠做 AI,四類賺錢方式",
        "第一梯隊:百度、阿里、騰訊、華為",
        "第二梯隊:快手、字節、美圖",
        "第三梯隊:科大訊飛、昆侖萬維",
        "最后回到問題本身:AI 到底能不能賺錢?",
        "它不能短期養活公司,但可以讓市場對公司重新定價。",
    ],
}

# Page chrome and spam that must not survive, per seed (plus generic checks below).
DROP = {
    "double11-llm-links-rewrite": ["直播带货培训"],
    "jiemian-doubao-links-traditional": ["正在閱讀", "掃一掃下載界面新聞APP", "暫無評論哦", "下載界面新聞",
                                         "文 | 定焦One 王璐", "編輯 | 魏佳", "本文為轉載內容", "主站蜘蛛池模板",
                                         "色九月亚洲综合网", "<blockquote"],
    "netease-deepseek-profit-myth-traditional": ["網易首頁", "分享至", "出品|清流工作室", "相關推薦", "熱點推薦",
                                                 "以色列此次空襲伊朗", "2025-06-13 19:19:58", "頭條要聞",
                                                 "大香大香伊人"],
    "tmtpost-doubao-links": ["index_new5.html", "zaker_core", "阅读原文", "跳转微信打开", "Fish AI Reader",
                             "联系邮箱", "相关文章", "钛媒体作者丨定焦One", "点赞关注钛媒体视频号"],
    "zaker-bigtech-ai-money-pinyin": ["關于ZAKER", "12小時前", "相關標簽", "最新評論", "掃碼分享", "熱門推薦",
                                      "查看更多內容", "文 | 定焦 One", "中文字幕乱老妇女", "<style"],
}

SPAM_WORDS = ["无码", "人妻", "久久", "伊人", "蜘蛛池", "一区二区"]


@pytest.mark.parametrize("stem", sorted(KEEP))
def test_article_sentences_survive(seed_records, stem):
    text = seed_records[stem]["text"]
    missing = [s for s in KEEP[stem] if s not in text]
    assert missing == []


@pytest.mark.parametrize("stem", sorted(DROP))
def test_chrome_and_spam_removed(seed_records, stem):
    rec = seed_records[stem]
    text = rec["text"]
    assert [s for s in DROP[stem] if s in text] == []
    assert [w for w in SPAM_WORDS if w in rec["text_simplified"]] == []
    assert not re.search(r"</?[a-z]+[ >]", text)


def test_jiemian_body_appears_once(seed_records):
    rec = seed_records["jiemian-doubao-links-traditional"]
    assert rec["text"].count("近期有用戶發現,在和豆包對話時") == 1
    assert rec["text"].count("綜合從業者的說法,這種高成本,是全行業的宿命。") == 1
    assert rec["cleaning"]["repeated_blocks"] == 1


def test_zaker_pinyin_annotations_removed(seed_records):
    rec = seed_records["zaker-bigtech-ai-money-pinyin"]
    assert "創業" in rec["text"]
    assert not re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", rec["text"])
    assert rec["cleaning"]["pinyin_annotations"] > 100


def test_netease_split_number_joined(seed_records):
    rec = seed_records["netease-deepseek-profit-myth-traditional"]
    assert "47.5萬" in rec["text"]
    assert "47. 5" not in rec["text"]


def test_spam_lines_counted(seed_records):
    assert seed_records["jiemian-doubao-links-traditional"]["cleaning"]["spam_lines"] >= 2
    assert seed_records["netease-deepseek-profit-myth-traditional"]["cleaning"]["spam_lines"] >= 1


def test_titles_and_dates_from_dumps(seed_records):
    assert seed_records["jiemian-doubao-links-traditional"]["title"] == "豆包們,開始“上鏈接”"
    assert seed_records["zaker-bigtech-ai-money-pinyin"]["title"] == "大廠搞 AI,誰賺到錢了?"
    assert seed_records["tmtpost-doubao-links"]["title"] == "大模型公司探索新变现模式:从电商到API"
    assert seed_records["tmtpost-doubao-links"]["published"] == "2025-10-28"
    assert seed_records["double11-llm-links-rewrite"]["title"] is None


def test_bylines_go_to_metadata(seed_records):
    rec = seed_records["netease-deepseek-profit-myth-traditional"]
    assert "作者|梁耀丹 主編|趙妍" in rec["byline"]
    assert "作者|梁耀丹" not in rec["text"]


def test_scripts_detected(seed_records):
    assert seed_records["jiemian-doubao-links-traditional"]["script"] == "traditional"
    assert seed_records["zaker-bigtech-ai-money-pinyin"]["script"] == "traditional"
    assert seed_records["tmtpost-doubao-links"]["script"] == "simplified"
    rec = seed_records["netease-deepseek-profit-myth-traditional"]
    assert "字节跳动则凭借" in rec["text_simplified"] and "字節跳動則憑借著" in rec["text"]
