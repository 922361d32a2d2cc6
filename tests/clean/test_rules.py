"""Cleaning rules one by one, on lines from real pages."""
from __future__ import annotations

from nlp.clean.cleaner import Cleaner
from nlp.clean.markup import fix_markup
from nlp.clean.meta import find_date
from nlp.clean.numbers import join_numbers
from nlp.clean.pinyin import is_reading, strip_pinyin
from nlp.clean.spam import is_spam


def test_pinyin_only_when_it_is_a_reading():
    assert strip_pinyin("無論是國內外巨頭還是創(chuàng)業(yè)公司") == ("無論是國內外巨頭還是創業公司", 2)
    # real parentheses stay: an English name, an acronym, a position note
    for line in ["完美世界(Wan)发布新游戏", "日活跃用户(DAU)突破3000万", "豆包(左)、Kimi(中)、元寶(右)"]:
        assert strip_pinyin(line) == (line, 0)
    assert is_reading("業", "yè") and not is_reading("業", "chuàng")
    # a reading of another character is not removed
    assert strip_pinyin("公司(hao)")[1] == 0


def test_split_numbers():
    assert join_numbers("最高每天可盈利47. 5萬美元")[0] == "最高每天可盈利47.5萬美元"
    assert join_numbers("营收 12. 3 亿元")[0] == "营收 12.3 亿元"
    # a sentence that ends with a number followed by another number is left alone
    assert join_numbers("It rose in 2024. 5 firms left.")[0] == "It rose in 2024. 5 firms left."


def test_stray_markup_and_mojibake():
    assert fix_markup("AI 產品&nbsp;變現</p>")[0] == "AI 產品 變現"
    line, n = fix_markup("ToB 變現又難以實現規?;\ue1d6?/p>")
    assert line == "ToB 變現又難以實現規" and n >= 1
    assert fix_markup('<rt id="uhf2o"><label id="uhf2o"></label></rt>')[0] == ""


def test_spam_lines():
    assert is_spam("色九月亚洲综合网,亚洲男人第一无码av网站,国产亚洲一二三区精品,一本一道av中文字幕无码")
    assert is_spam("主站蜘蛛池模板: 欧美成人精品手机在线| AV无码不卡一区二区三区")
    assert not is_spam("据QuestMobile披露的最新数据,DeepSeek的日活跃用户数已突破3000万。")
    assert not is_spam("亚洲精品市场规模,久久未见起色,国产芯片厂商加速追赶。")


def test_date_inferred_year_and_markers():
    assert find_date(["钛媒体 10月28日 15:21"], [], ["钛媒体 10月28日 15:21", "定焦One团队 2025-10-28 12:17 北京"]) == "2025-10-28"
    assert find_date([], [], ["發布於 2025年6月13日"]) == "2025-06-13"
    import datetime as dt
    assert find_date(["钛媒体 12月28日 15:21"], [], [], today=dt.date(2026, 3, 1)) == "2025-12-28"


def test_markdown_dump():
    text = (
        "---\ntitle: 智谱完成新一轮融资\ndate: 2025-07-03\n---\n"
        "![logo](https://img.example.com/a.png)\n"
        "# 智谱完成新一轮融资\n"
        "原文链接: https://example.com/news/1\n"
        "[返回首页](https://example.com)\n"
        "## 融资详情\n"
        "智谱宣布完成新一轮融资,本轮由多家国资背景基金领投,[详情](https://example.com/x)见公告,融资金额超过10亿元。\n"
        "公司表示,资金将用于大模型研发和商业化落地,包括面向企业的私有化部署服务。\n"
    )
    art = Cleaner().run(text, "x.md")
    assert art.title == "智谱完成新一轮融资"
    assert art.published == "2025-07-03"
    assert "融资详情" in art.text  # a heading of the article stays
    assert "详情见公告" in art.text
    assert "https://" not in art.text and "原文链接" not in art.text and "![" not in art.text


def test_english_paragraphs_untouched():
    text = ("Home prices rose 5% in May.\n"
            "OpenAI generated $4.3 billion in revenue in the first half of 2025, according to a person familiar with the matter.\n"
            "Share this article\n"
            "The company, which is valued at $300 billion, burned $2.5 billion in cash over the same period.\n")
    art = Cleaner().run(text, "x.txt", from_html=True)
    assert "Home prices rose 5% in May." in art.text
    assert "Share this article" not in art.text
    assert art.text.count("\n") == 2


def test_in_body_promos_of_news_agencies():
    # corpus/heldout/pages/en-reuters-coreweave-q3.txt: promo lines between two paragraphs
    text = ("Shares of the Livingston, New Jersey-based company fell 6% in extended trading.\n"
            "The Technology Roundup newsletter brings the latest news and trends straight to your inbox. Sign up here.\n"
            "Advertisement · Scroll to continue\n"
            "Revenue more than doubled to $1.36 billion in the third quarter, up 134% from a year earlier.\n"
            "The company said it would sign up more customers for its newsletter service.\n")
    art = Cleaner().run(text, "x.txt")
    assert "newsletter brings" not in art.text and "Scroll to continue" not in art.text
    assert art.text.startswith("Shares of") and "Revenue more than doubled" in art.text
    # a sentence that merely mentions a newsletter and signing up stays
    assert "newsletter service." in art.text
    # Fox Business (../shared/bench): a call to action in capitals between paragraphs; a headline
    # in capitals without one stays
    text = ("Home Depot said sales rose 3.6% to $27.2 billion in the quarter, topping forecasts.\n"
            "GET FOX BUSINESS ON THE GO BY CLICKING HERE\n"
            "THE RETAILER RAISED ITS OUTLOOK\n"
            "The company now expects full-year sales to grow about 2.3%.\n")
    art = Cleaner().run(text, "x.html", from_html=True)
    assert "CLICKING HERE" not in art.text
    assert "THE RETAILER RAISED ITS OUTLOOK" in art.text and "full-year sales" in art.text


def test_portal_widgets_credits_and_wechat_menus():
    # real lines from thepaper, 163, sina and NetEase-Hao pages (../shared/pages/zh-portals)
    body = ("近日，“广州南沙国际邮轮母港开港倒计时100日”发布会召开，广州南沙国际邮轮母港将于11月17日正式开港，"
            "可停靠目前世界上最大的邮轮。")
    chrome = ["字号", "字号: [大] [中] [小] [打印]", "共享充电宝。视觉中国 资料", "图片来源：摄图网",
              "图片来自网络，如有侵权，请联系删除。", "安装新浪财经客户端第一时间接收最全面的市场资讯→【下载地址】",
              "5、回复【美图】看看广州有多惊艳", "点击菜单栏【便民服务】解锁更多服务！", "看都看完了，点【在看】试试在看",
              "特别声明", "本文为政务等机构在澎湃新闻上传并发布，仅代表该机构观点，不代表澎湃新闻的观点或立场，"
              "澎湃新闻仅提供信息发布平台。",
              "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a "
              "user of NetEase Hao, which is a social media platform and only provides information storage services.",
              "Powered By 上海新闻网 Version 3.0 © 2018-2020 . All Rights Reserved . 版权所有", "| | | |"]
    art = Cleaner().run("\n".join(["2019-08-13 14:07来源：澎湃新闻·澎湃号·政务", body, body[:30] + "。"] + chrome),
                        "x.html", from_html=True)
    assert art.text.split("\n") == [body, body[:30] + "。"]
    assert art.byline == ["2019-08-13 14:07来源：澎湃新闻·澎湃号·政务"]
    assert "美图" not in art.text and "NetEase" not in art.text
    # an article sentence that mentions a font size, a picture or a reply stays
    keep = "公司在回复中表示，字号调整和图片来源标注已经完成，相关内容已重新发布并通知了所有用户。"
    assert Cleaner().run(body + "\n" + keep, "x.html", from_html=True).text == body + "\n" + keep


def test_feed_of_headlines_with_times_after_the_body():
    # guancha and sina pages: "related" feeds whose items carry a time, a channel tag or a view count
    body = ("今晚，中国铁路总公司通过官方微博发布辟谣消息称：网传信息不实，铁路12306网站未发生用户信息泄漏。\n"
            "铁路部门提醒广大旅客，请通过铁路12306官方网站购票，避免非正常渠道购票带来的风险。")
    feed = ["- 中德经济顾问委员会座谈会，华为、大众等企业负责人出席 2019-09-06 21:20 中国外交",
            "- “非洲手机之王”传音上市获批，上半年营收105亿 2019-09-06 22:43 股市",
            "十一阅兵官宣！规模将超“9·3” 评论 683CNN恶意造谣港警，终于道歉了！ 评论 327含“马克龙”的1700万欧元，"
            "不要！ 评论 150东非国家史上首船出口原油，中企拿下 评论 529",
            "传iPhone 11成本下降了10% 但苹果没打算降价让利", "- 14:10", "- APP专享", "- 新浪金融研究院", "- 76,760",
            "视频|网友纷纷祝袁隆平长命超百岁，成为“00后”！"]
    art = Cleaner().run(body + "\n" + "\n".join(feed), "x.html", from_html=True)
    assert art.text == body


def test_end_marker_cuts_an_html_page_too():
    # mydrivers (../shared/pages/zh-portals/v-mydrivers-1.html): after "- THE END -" trafilatura
    # kept a repost notice, the editor and the first lines of a recommended story
    body = ("嫦娥五号被称为中国航天史上最复杂的一次任务，那它到底有多重要，有多复杂？"
            "大V@太空精酿发了一张详细结构嫦娥五号探测任务的图解，大家可以了解这次发射任务会是怎么样的过程。\n"
            "以上过程中每一步都要确保顺利完成，否则就会影响月球采样取回的目标，这么复杂的过程确实需要中国航天人更多的努力。\n"
            "目前嫦娥五号探测器已经在海南文昌进入发射场准备阶段，执行发射任务的长征五号运载火箭也在进行发射前的总装和测试。\n"
            "嫦娥五号计划11月底发射，在探月工程三期中完成月面取样返回任务，是工程中最关键的探测器。\n"
            "探测器全重8.2吨，由轨道器、返回器、着陆器、上升器四部分组成。")
    tail = ["- THE END -", "转载请注明出处：快科技", "责任编辑：宪瑞",
            "1964年，中国哈军工成功研制全晶体管计算机441B-I，比灯塔仅仅晚了5年。",
            "1979年，上海元件五厂和上海无线电十四厂联合，成功仿制8080处理器。比霓虹和西德提前一年。"]
    art = Cleaner().run(body + "\n" + "\n".join(tail), "x.html", from_html=True)
    assert art.text == body


def test_live_stock_quotes_after_company_names():
    # sina finance: 摩根大通(115.395, 2.79, 2.47%) — a quote widget, not article text
    line = ("英国《金融时报》对世界上最大的几个资管公司进行了调查，包括先锋领航、摩根大通(115.395, 2.79, 2.47%)等，"
            "了解他们的首席投资官对债券市场的观点。")
    art = Cleaner().run(line + "\n贝莱德(431.2, 7.37, 1.74%)固定收益业务全球首席投资官表示，完全没有泡沫，债券需求已远远超过供应。",
                        "x.html", from_html=True)
    assert "摩根大通等，了解" in art.text and "贝莱德固定收益业务" in art.text
    assert "2.47%" not in art.text and art.cleaning["markup_fixes"] == 2
    # figures in parentheses that are not a quote stay
    keep = "公司营收增长（同比增长12.5%），净利润为3.2亿元（上年同期为2.1亿元）。"
    assert Cleaner().run(keep, "x.txt").text == keep
