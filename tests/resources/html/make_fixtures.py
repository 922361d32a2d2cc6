#!/usr/bin/env python3
"""Generate the HTML fixtures in this directory and their ``expected.json``.

The pages imitate real Chinese and English news sites (sina finance, udn/中時, ifeng/163,
TechCrunch): navigation bars, breadcrumbs, sidebars with hot headlines, ad slots, share bars,
editor lines, comment widgets, "related" lists, footers with ICP numbers and phone numbers,
inline scripts, JSON-LD and ``article:published_time`` meta tags. The article texts are
synthetic (written for these tests); numbers and quotes are not real reporting.

Encoded copies (this is why the script is kept: it documents how the bytes were made):

* ``sina_like_utf8.html``            UTF-8, ``<meta charset="utf-8">``
* ``sina_like_gbk.html``             the same page encoded as GBK, ``<meta charset="gb2312">``
                                      (as old portals do: the label says gb2312, the bytes are GBK;
                                      the page contains 喆, which is in GBK but not in GB2312)
* ``sina_like_gbk_mislabeled.html``  the GBK bytes, but labelled ``<meta charset="utf-8">``
* ``udn_like_big5.html``             traditional Chinese, Big5, ``http-equiv`` Content-Type charset=big5
* ``udn_like_utf8.html``             the same traditional page in UTF-8
* ``ifeng_like_gb18030.html``        simplified, GB18030, charset=gb18030; contains 䶮 (U+4DAE, only
                                      in GB18030, 2-byte FE9F) and a literal © (4-byte 81 30 84 38)
* ``en_techcrunch_like.html``        English, UTF-8
* ``utf8_bom.html``                  short simplified page, UTF-8 with BOM, no charset declaration

Run: ``python tests/resources/html/make_fixtures.py`` (writes next to this file). The script
checks every expected snippet: each ``must`` snippet occurs in the article body paragraphs and in
the page's visible text (lxml ``text_content()`` after decoding with the true encoding and collapsing
whitespace); each ``must_not`` snippet occurs in the page's visible text but not in the title or body.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# 1. sina finance style page (simplified Chinese); UTF-8 and GBK copies
# ---------------------------------------------------------------------------------------------

SINA_TITLE = "百度智能云营收同比增长42% 大模型价格战下云厂商加速商业化"
SINA_PARAS = [
    "新浪科技讯 8月20日上午消息，百度今日发布2025年第二季度财报。财报显示，百度智能云本季度营收同比增长42%，达到65亿元，增速连续三个季度保持在25%以上，成为百度核心业务中增长最快的板块。",
    "财报电话会上，百度管理层表示，智能云的增长主要来自大模型相关收入。文心大模型日均调用量已突破16亿次，较去年同期增长近30倍；来自AI原生应用开发者的订单占智能云新增收入的三成以上。",
    "与此同时，国内大模型市场的价格战仍在持续。火山引擎此前将豆包主力模型的API价格下调至每百万tokens 0.8元，比行业平均水平低约99%。多家厂商随后跟进降价，部分轻量级模型甚至宣布免费开放。",
    "在C端，豆包的用户规模继续领跑。第三方数据机构的报告显示，截至7月底，豆包App月活跃用户数（MAU）已超过1.6亿，位居国内AI原生应用首位，DeepSeek和腾讯元宝分列二、三位。",
    "一位长期跟踪云计算行业的分析师王喆对新浪科技表示：“价格战短期内压低了单次调用的收入，但显著扩大了调用规模。对于拥有自研芯片和大规模算力储备的云厂商来说，单位成本下降的速度比价格下降更快，毛利率反而有望改善。”",
    "不过，也有业内人士提醒，大模型行业的投入仍在高位。百度本季度研发费用为58亿元，占营收比例接近18%；资本开支同比增长超过70%，主要用于采购GPU和建设智算中心。",
    "从收入结构看，百度在线营销收入同比下降3%，仍是总营收的最大来源。市场普遍认为，搜索广告的AI化改造会在短期内对广告收入形成一定压力，但长期有望提升转化效率。",
    "截至发稿，百度港股股价上涨4.6%，报收于92.35港元。业内预计，随着各家厂商陆续公布二季度业绩，AI云业务的盈利能力将成为资本市场关注的焦点。",
]
SINA_EXPECTED = {
    "title": SINA_TITLE,
    "published": "2025-08-20",
    "must": [
        "百度今日发布2025年第二季度财报",
        "百度智能云本季度营收同比增长42%，达到65亿元",
        "文心大模型日均调用量已突破16亿次",
        "将豆包主力模型的API价格下调至每百万tokens 0.8元",
        "豆包App月活跃用户数（MAU）已超过1.6亿",
        "单位成本下降的速度比价格下降更快",
        "百度本季度研发费用为58亿元",
        "百度在线营销收入同比下降3%",
        "AI云业务的盈利能力将成为资本市场关注的焦点",
    ],
    "must_not": [
        "英伟达财报前瞻：数据中心收入或再创新高",
        "分享到：",
        "责任编辑：刘明亮 SF183",
        "网友评论",
        "阿里云二季度营收增长26% AI相关产品收入连续八季度三位数增长",
        "京ICP证000007号",
        "客户服务热线：4006900000",
        "海量资讯、精准解读，尽在新浪财经APP",
        "炒股就看金麒麟分析师研报",
    ],
    "script": "simplified",
    "language": "zh",
}


def sina_page(charset_meta: str) -> str:
    body = "\n".join(
        f'<p cms-style="font-L">{esc(p)}</p>' if i else f'<p cms-style="font-L">　　{esc(p)}</p>'
        for i, p in enumerate(SINA_PARAS)
    )
    # the inline ad block sits between paragraphs 4 and 5, like sina's "sinaads" slots
    first, rest = body.split("\n")[:4], body.split("\n")[4:]
    body = "\n".join(first) + """
<div class="ad-inner" style="margin:10px 0;text-align:center;">
  <ins class="sinaads" data-ad-pdps="PDPS000000057100" style="display:block;width:640px;height:90px;"></ins>
  <script>(sinaads = window.sinaads || []).push({});</script>
  <p class="ad-txt" style="font-size:12px;color:#999;">广告 <a href="https://finance.sina.com.cn/mobile/comfinanceweb.shtml" target="_blank">炒股就看金麒麟分析师研报，权威，专业，及时，全面，助您挖掘潜力主题机会！</a></p>
</div>
""" + "\n".join(rest)
    hot = [
        ("08-20 09:42", "英伟达财报前瞻：数据中心收入或再创新高"),
        ("08-20 09:15", "小米汽车第二款车型交付量突破5万台"),
        ("08-20 08:57", "美团二季度外卖订单量同比增长12%"),
        ("08-19 22:31", "苹果折叠屏iPhone供应链进入量产准备"),
        ("08-19 21:08", "宁德时代发布第二代钠离子电池"),
        ("08-19 19:46", "央行：保持流动性合理充裕 加大对科技创新的金融支持"),
    ]
    hot_html = "\n".join(
        f'<li><span class="time" style="color:#999">{t}</span> <a href="https://finance.sina.com.cn/tech/2025-08-20/doc-inf{i:04d}.shtml" target="_blank">{esc(h)}</a></li>'
        for i, (t, h) in enumerate(hot)
    )
    related = [
        "阿里云二季度营收增长26% AI相关产品收入连续八季度三位数增长",
        "腾讯混元再降价：轻量版模型免费开放 企业调用量环比翻番",
        "云厂商财报季来临：谁在大模型商业化上跑得最快？",
        "机构：AI云市场规模三年内有望突破千亿元",
    ]
    rel_html = "\n".join(f'<li><a href="https://finance.sina.com.cn/tech/roll/2025-08-19/doc-rel{i}.shtml" target="_blank">{esc(h)}</a></li>' for i, h in enumerate(related))
    return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta}
<title>{esc(SINA_TITLE)}|百度|大模型_新浪科技_新浪网</title>
<meta name="keywords" content="百度,智能云,大模型,豆包,财报">
<meta name="description" content="百度智能云本季度营收同比增长42%，达到65亿元，增速连续三个季度保持在25%以上。">
<meta property="og:type" content="news">
<meta property="og:title" content="{esc(SINA_TITLE)}">
<meta property="article:published_time" content="2025-08-20T10:15:00+08:00">
<meta property="article:author" content="新浪科技">
<meta name="publishid" content="infxyzq8231507">
<link rel="stylesheet" href="https://n.sinaimg.cn/finance/ent/article.css">
<script type="text/javascript">
var ARTICLE_DATA = {{
  "uid": "1642088277",
  "channel": "tech",
  "newsid": "comos-infxyzq8231507",
  "title": "{SINA_TITLE}",
  "pagepubtime": "2025-08-20 10:15:00"
}};
var sinaads = window.sinaads || [];
</script>
<style>.main-content{{width:640px;float:left}} .side-bar{{width:300px;float:right}} .hide{{display:none}}</style>
</head>
<body>
<div class="top-nav" id="SI_Top_Wrap">
  <div class="tn-bg"><div class="tn-header">
    <ul class="tn-nav">
      <li><a href="https://www.sina.com.cn/">新浪首页</a></li>
      <li><a href="https://news.sina.com.cn/">新闻</a></li>
      <li><a href="https://sports.sina.com.cn/">体育</a></li>
      <li><a href="https://finance.sina.com.cn/">财经</a></li>
      <li><a href="https://ent.sina.com.cn/">娱乐</a></li>
      <li><a href="https://tech.sina.com.cn/">科技</a></li>
      <li><a href="https://blog.sina.com.cn/">博客</a></li>
      <li><a href="https://photo.sina.com.cn/">图片</a></li>
      <li><a href="https://zhuanlan.sina.com.cn/">专栏</a></li>
      <li><a href="javascript:;">更多</a></li>
    </ul>
    <div class="tn-login"><a href="https://login.sina.com.cn/" class="tn-user">登录</a> | <a href="https://login.sina.com.cn/signup/">注册</a></div>
  </div></div>
</div>
<div class="header" style="height:60px;">
  <a href="https://finance.sina.com.cn/" class="logo"><img src="https://n.sinaimg.cn/finance/logo.png" alt="新浪财经"></a>
  <div class="search"><input type="text" value="代码/名称/拼音"><button>搜索</button></div>
</div>
<div class="channel-path" id="path">
  <a href="https://finance.sina.com.cn/">新浪财经</a> &gt; <a href="https://tech.sina.com.cn/">科技</a> &gt; <a href="https://tech.sina.com.cn/it/">互联网</a> &gt; <span>正文</span>
</div>
<div class="wrap-inner clearfix">
 <div class="main-content w640">
  <h1 class="main-title">{esc(SINA_TITLE)}</h1>
  <div class="top-bar-wrap"><div class="top-bar clearfix">
    <div class="date-source">
      <span class="date">2025年08月20日 10:15</span>
      <a href="https://tech.sina.com.cn/" class="source ent-source">新浪科技</a>
    </div>
    <div class="share-wrap" id="top_share">
      <span class="share-tit">分享到：</span>
      <a href="javascript:;" class="share-weibo" title="分享到微博">微博</a>
      <a href="javascript:;" class="share-weixin" title="分享到微信">微信</a>
      <a href="javascript:;" class="share-qzone" title="分享到QQ空间">QQ空间</a>
    </div>
    <div class="cmt-num"><a href="#comment">评论</a></div>
  </div></div>
  <div class="article-content-left">
   <!-- 正文 start -->
   <div class="article article-content" id="artibody" data-sudaclick="blk_content">
{body}
    <p class="app-kaihu-qr" style="text-align:center;"><span class="txt">海量资讯、精准解读，尽在新浪财经APP</span></p>
   </div>
   <!-- 正文 end -->
   <div class="article-editor" style="text-align:right;"><p class="show_author">责任编辑：刘明亮 SF183</p></div>
   <div class="keywords" id="keywords">文章关键词： <a href="https://tags.news.sina.com.cn/百度">百度</a> <a href="https://tags.news.sina.com.cn/智能云">智能云</a> <a href="https://tags.news.sina.com.cn/大模型">大模型</a></div>
   <div class="share-wrap bottom-share">
      <span class="share-tit">分享到：</span>
      <a href="javascript:;" class="share-weibo">微博</a>
      <a href="javascript:;" class="share-weixin">微信</a>
      <a href="javascript:;" class="share-qzone">QQ空间</a>
   </div>
  </div>
  <div class="comment-box" id="comment">
    <div class="comment-hd"><h3>网友评论</h3> <span class="count">已有 <em>1,286</em> 条评论</span> <a href="javascript:;">我要评论</a></div>
    <textarea class="comment-input" placeholder="说点什么吧…"></textarea>
    <div class="comment-tools"><a href="javascript:;">登录</a> | <a href="javascript:;">注册</a> <button class="btn-submit">发布</button></div>
    <ul class="comment-list">
      <li><span class="user">用户7730981126</span> <p class="txt">价格打到这个程度，小公司怎么活？</p> <span class="time">今天10:42</span></li>
      <li><span class="user">北京-老股民</span> <p class="txt">云业务终于撑起来了，明天看开盘</p> <span class="time">今天10:38</span></li>
    </ul>
    <a class="comment-more" href="javascript:;">查看更多评论&gt;&gt;</a>
  </div>
  <div class="related-read" id="related">
    <h3 class="tit">相关阅读</h3>
    <ul>
{rel_html}
    </ul>
  </div>
 </div>
 <div class="side-bar" id="rightbar">
  <div class="hot-news" id="sidebar_hot">
    <h2 class="tit">7X24小时 热门</h2>
    <ul class="hot-list">
{hot_html}
    </ul>
  </div>
  <div class="ad-side" style="width:300px;height:250px;"><ins class="sinaads" data-ad-pdps="PDPS000000059223"></ins></div>
  <div class="hot-news rank">
    <h2 class="tit">财经排行</h2>
    <ol>
      <li><a href="https://finance.sina.com.cn/stock/">A股三大指数集体高开 算力板块领涨</a></li>
      <li><a href="https://finance.sina.com.cn/money/">多家银行下调存款利率 大额存单一单难求</a></li>
      <li><a href="https://finance.sina.com.cn/fund/">公募基金二季度持仓曝光：加仓AI应用</a></li>
    </ol>
  </div>
 </div>
</div>
<div class="footer" id="footer">
  <p class="footer-links"><a href="https://corp.sina.com.cn/chn/">新浪简介</a> | <a href="https://corp.sina.com.cn/eng/">About Sina</a> | <a href="https://emarketing.sina.com.cn/">广告服务</a> | <a href="https://www.sina.com.cn/contactus.html">联系我们</a> | <a href="https://career.sina.com.cn/">招聘信息</a> | <a href="https://www.sina.com.cn/intro/lawfirm.shtml">网站律师</a> | <a href="https://english.sina.com/">SINA English</a> | <a href="https://login.sina.com.cn/signup/">通行证注册</a> | <a href="https://help.sina.com.cn/">产品答疑</a></p>
  <p class="copyright">Copyright &copy; 1996-2025 SINA Corporation, All Rights Reserved</p>
  <p class="icp">新浪公司 版权所有 <a href="https://beian.miit.gov.cn/">京ICP证000007号</a> 客户服务热线：4006900000 违法和不良信息举报电话：4006900000</p>
</div>
<script type="text/javascript" src="https://d1.sina.com.cn/litong/zhitou/sinaads/release/sinaads.js"></script>
<script type="text/javascript">
  (function(){{ var s = document.createElement('script'); s.src = 'https://i.sso.sina.com.cn/js/ssologin.js'; document.body.appendChild(s); }})();
  window.SINA_COMMENT_CONFIG = {{ channel: 'kj', newsid: 'comos-infxyzq8231507', group: 0 }};
</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# 2. udn / 中時 style page (traditional Chinese); Big5 and UTF-8 copies
# ---------------------------------------------------------------------------------------------

UDN_TITLE = "輝達財報優於預期 台積電7月營收年增逾兩成 AI伺服器需求續強"
UDN_PARAS = [
    "輝達（NVIDIA）27日美股盤後公布上季財報，營收達467億美元，年增56%，其中資料中心業務營收411億美元，優於市場預期。輝達執行長黃仁勳表示，新一代Blackwell架構平台需求「非常強勁」，下季營收預估約540億美元。",
    "輝達財報出爐後，市場目光轉向其最大代工夥伴台積電。台積電日前公布7月營收為新台幣3,231億元，月增2.5%、年增25.8%，創同期新高；累計今年前七月營收約新台幣2.09兆元，年增37.6%。",
    "法人分析，台積電營收成長主要來自3奈米與5奈米製程的AI加速器與高效能運算晶片訂單。隨著輝達、超微與雲端服務業者的自研晶片陸續放量，先進封裝CoWoS產能仍供不應求，預估明年產能將再倍增。",
    "供應鏈業者指出，AI伺服器出貨動能持續向下游擴散。鴻海、廣達、緯創等組裝廠7月營收同步走高，其中廣達7月營收新台幣1,780億元，年增逾四成，主要受惠於GB200機櫃出貨放量。",
    "不過，也有分析師提醒，新台幣近期升值幅度較大，對出口導向的電子業毛利率形成壓力。台積電財務長先前表示，新台幣每升值1%，公司毛利率約減少0.4個百分點。",
    "美國政府對半導體加徵關稅的政策走向，也是市場關注的變數。業界人士認為，台積電在美國亞利桑那州的擴廠計畫，可望降低關稅對公司營運的直接衝擊。",
    "台股方面，受輝達財報激勵，台積電28日早盤上漲15元，以新台幣1,195元開出，加權指數同步走揚逾百點。外資本周以來已連續三個交易日買超台積電。",
]
UDN_EXPECTED = {
    "title": UDN_TITLE,
    "published": "2025-08-28",
    "must": [
        "輝達（NVIDIA）27日美股盤後公布上季財報",
        "營收達467億美元，年增56%",
        "台積電日前公布7月營收為新台幣3,231億元",
        "月增2.5%、年增25.8%，創同期新高",
        "先進封裝CoWoS產能仍供不應求",
        "廣達7月營收新台幣1,780億元",
        "新台幣每升值1%，公司毛利率約減少0.4個百分點",
        "以新台幣1,195元開出",
        "外資本周以來已連續三個交易日買超台積電",
    ],
    "must_not": [
        "聯合新聞網",
        "鴻海董事長：明年AI伺服器營收將倍增",
        "延伸閱讀",
        "請遵守udn網站規範",
        "本網站使用Cookie",
        "聯合線上公司 版權所有",
        "客服電話：(02)8692-5588",
        "分享至LINE",
        "經濟日報／記者 林文彬／台北即時報導",
    ],
    "script": "traditional",
    "language": "zh",
}


def udn_page(charset_meta: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in UDN_PARAS)
    parts = body.split("\n")
    body = "\n".join(parts[:3]) + """
<div class="inline-ads" style="margin:15px auto;text-align:center;">
  <ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px" data-ad-client="ca-pub-0000000000000000" data-ad-slot="1234567890"></ins>
  <script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
</div>
""" + "\n".join(parts[3:])
    hot = [
        ("08:12", "鴻海董事長：明年AI伺服器營收將倍增"),
        ("07:58", "美股收盤／道瓊漲逾200點 那斯達克創新高"),
        ("07:40", "聯發科傳打入輝達供應鏈 天璣晶片接單報捷"),
        ("07:21", "央行理監事會前夕 房市信用管制再受關注"),
        ("06:55", "颱風最新路徑曝光 北部今明兩天注意強降雨"),
    ]
    hot_html = "\n".join(f'<li><span class="story-list__time">{t}</span><a href="https://udn.com/news/story/7240/{8800000+i}">{esc(h)}</a></li>' for i, (t, h) in enumerate(hot))
    return f"""<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
{charset_meta}
<title>{esc(UDN_TITLE)} | 市場焦點 | 股市 | 聯合新聞網</title>
<meta name="description" content="輝達（NVIDIA）27日美股盤後公布上季財報，營收達467億美元，年增56%。">
<meta property="og:site_name" content="聯合新聞網">
<meta property="og:title" content="{esc(UDN_TITLE)}">
<meta property="article:published_time" content="2025-08-28T07:35:00+08:00">
<meta name="date" content="2025/08/28 07:35:12">
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{UDN_TITLE}","datePublished":"2025-08-28T07:35:12+08:00","dateModified":"2025-08-28T09:02:44+08:00","author":{{"@type":"Person","name":"林文彬"}},"publisher":{{"@type":"Organization","name":"經濟日報"}}}}
</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"cate":"股市","sub_cate":"市場焦點","page_type":"article"}});</script>
</head>
<body class="story-page">
<header class="header" id="header">
  <div class="header__logo"><a href="https://udn.com/news/index">聯合新聞網</a></div>
  <nav class="navigation">
    <a href="https://udn.com/news/breaknews/1">即時</a>
    <a href="https://udn.com/news/cate/2/6638">要聞</a>
    <a href="https://udn.com/news/cate/2/6644">產經</a>
    <a href="https://udn.com/news/cate/2/6645">股市</a>
    <a href="https://udn.com/news/cate/2/7225">全球</a>
    <a href="https://udn.com/news/cate/2/6639">社會</a>
    <a href="https://udn.com/news/cate/2/6641">地方</a>
    <a href="https://udn.com/news/cate/2/6640">兩岸</a>
    <a href="https://udn.com/news/cate/2/7226">數位</a>
    <a href="https://udn.com/news/cate/2/6649">生活</a>
  </nav>
  <div class="header__member"><a href="https://member.udn.com/">登入</a> <a href="https://member.udn.com/member/register">註冊</a></div>
</header>
<div class="wrapper-left">
 <div class="breadcrumb"><a href="https://udn.com/news/index">首頁</a> &gt; <a href="https://udn.com/news/cate/2/6645">股市</a> &gt; <a href="https://udn.com/news/cate/2/6645/7240">市場焦點</a></div>
 <main class="main-content" id="container">
  <section class="article-content">
   <h1 class="article-content__title">{esc(UDN_TITLE)}</h1>
   <div class="article-content__info">
     <time class="article-content__time">2025-08-28 07:35</time>
     <span class="article-content__author">經濟日報／記者 林文彬／台北即時報導</span>
   </div>
   <div class="article-content__share">
     <a class="share-fb" href="javascript:;">分享至Facebook</a>
     <a class="share-line" href="javascript:;">分享至LINE</a>
     <a class="share-copy" href="javascript:;">複製連結</a>
   </div>
   <figure class="article-content__cover"><img src="https://pgw.udn.com.tw/gw/photo.php?u=cover.jpg" alt="">
     <figcaption>台積電示意圖。本報資料照片</figcaption></figure>
   <div class="article-content__editor" id="story_body_content">
{body}
   </div>
   <section class="keywords"><a href="https://udn.com/search/tagging/2/輝達">輝達</a> <a href="https://udn.com/search/tagging/2/台積電">台積電</a> <a href="https://udn.com/search/tagging/2/AI伺服器">AI伺服器</a></section>
  </section>
  <section class="story-expand" id="extend">
    <h3 class="story-expand__title">延伸閱讀</h3>
    <ul>
      <li><a href="https://udn.com/news/story/7240/8801111">聯電8月營收看增 成熟製程報價止跌回穩</a></li>
      <li><a href="https://udn.com/news/story/7240/8801112">AI概念股全面噴出 散熱族群成資金新寵</a></li>
      <li><a href="https://udn.com/news/story/7240/8801113">日月光投控上修全年先進封裝營收目標</a></li>
    </ul>
  </section>
  <section class="comment-box" id="comment">
    <h3>留言</h3>
    <p class="comment-rule">請遵守udn網站規範，勿發表不當言論，違者將刪除留言。</p>
    <div class="fb-comments" data-href="https://udn.com/news/story/7240/8800123" data-numposts="5"></div>
  </section>
 </main>
 <aside class="side-bar" id="sidebar">
  <section class="hot-news"><h3 class="context-box__title">即時 熱門</h3>
   <ul class="story-list">
{hot_html}
   </ul>
  </section>
  <section class="ad-box"><ins class="adsbygoogle" data-ad-slot="9876543210"></ins></section>
 </aside>
</div>
<footer class="footer" id="footer">
  <nav class="footer__nav"><a href="https://udn.com/page/about">關於我們</a> | <a href="https://udn.com/page/policy">隱私權聲明</a> | <a href="https://udn.com/page/copyright">著作權聲明</a> | <a href="https://udn.com/page/ad">廣告刊登</a></nav>
  <p class="footer__copyright">聯合線上公司 版權所有 &copy; 2025 udn.com. All Rights Reserved.</p>
  <p class="footer__contact">客服電話：(02)8692-5588 轉 5 客服信箱：udnservice@udn.com</p>
  <div class="cookie-notice" style="position:fixed;bottom:0">本網站使用Cookie以提供更好的瀏覽體驗，繼續瀏覽即表示您同意我們的隱私權政策。 <button>我知道了</button></div>
</footer>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>
<script>var storyId = "8800123"; var cateId = "6645";</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# 3. ifeng / 163 style page (simplified), GB18030
# ---------------------------------------------------------------------------------------------

IFENG_TITLE = "大模型助力文物修复：广州南汉二陵博物馆用AI复原千年碑文"
IFENG_PARAS = [
    "凤凰网科技讯 8月18日，广州南汉二陵博物馆与一家本地人工智能企业联合发布了文物数字化修复成果。借助多模态大模型，研究人员对康陵出土的哀册文碑残片进行了文字识别与缀合，补全了此前无法辨认的近两百个字。",
    "康陵是南汉开国皇帝刘䶮的陵墓，2003年在广州大学城建设过程中被发现。由于年代久远，哀册文碑表面风化严重，部分字迹仅残留笔画痕迹，传统拓片和人工释读进展缓慢。",
    "项目负责人介绍，团队先用高精度三维扫描获取碑面数据，再将数万张古代碑帖图像输入模型进行训练，让模型学习五代时期的书法风格和用字习惯。模型给出的每一个候选字，都会附上置信度和依据，由文博专家逐一复核。",
    "“AI不是替代专家，而是把专家从大量重复劳动中解放出来。”博物馆研究部主任表示，过去释读一块残碑往往需要数月，如今初步结果几天内就能完成，专家可以把精力集中在有争议的字上。",
    "据了解，该模型此次调用的算力来自广州本地的智算中心，推理成本约为每百万tokens 1元。项目组计划在年内开放部分数据集，供高校和研究机构用于古文字研究。",
    "业内人士认为，文博领域数据稀缺、标注门槛高，是检验大模型专业能力的试金石。如何在保证学术严谨的前提下规模化应用，仍需要行业共同探索。",
]
IFENG_EXPECTED = {
    "title": IFENG_TITLE,
    "published": "2025-08-18",
    "must": [
        "广州南汉二陵博物馆与一家本地人工智能企业联合发布了文物数字化修复成果",
        "补全了此前无法辨认的近两百个字",
        "康陵是南汉开国皇帝刘䶮的陵墓",
        "2003年在广州大学城建设过程中被发现",
        "让模型学习五代时期的书法风格和用字习惯",
        "AI不是替代专家，而是把专家从大量重复劳动中解放出来",
        "推理成本约为每百万tokens 1元",
        "是检验大模型专业能力的试金石",
    ],
    "must_not": [
        "凤凰网首页",
        "[责任编辑：陈思远 PN072]",
        "文明上网，不传谣言，登录评论！",
        "24小时热榜",
        "国产大模型密集更新：长文本能力成新战场",
        "用微信扫描二维码",
        "分享至好友和朋友圈",
        "Phoenix New Media Limited All Rights Reserved",
        "京ICP证030609号",
    ],
    "script": "simplified",
    "language": "zh",
}


def ifeng_page() -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in IFENG_PARAS)
    parts = body.split("\n")
    body = "\n".join(parts[:2]) + """
<p class="detailPic" style="text-align:center"><img src="https://x0.ifengimg.com/res/2025/kangling.jpg" alt=""></p>
<p class="picIntro" style="text-align:center;color:#666">康陵哀册文碑三维扫描图（博物馆供图）</p>
""" + "\n".join(parts[2:])
    hot = [
        "国产大模型密集更新：长文本能力成新战场",
        "暑期档票房突破100亿元 动画电影贡献近三成",
        "多地发布高温红色预警 电网负荷创历史新高",
        "新能源车下乡活动启动 多款车型降价促销",
        "高校毕业生就业季：AI训练师岗位需求激增",
    ]
    hot_html = "\n".join(f'<li><span class="num">{i+1}</span><a href="https://news.ifeng.com/c/8a{i}bCdEf" target="_blank">{esc(h)}</a></li>' for i, h in enumerate(hot))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="gb18030">
<title>{esc(IFENG_TITLE)}_凤凰网科技_凤凰网</title>
<meta name="keywords" content="大模型 文物修复 南汉二陵博物馆">
<meta property="og:title" content="{esc(IFENG_TITLE)}">
<meta name="og:time " content="2025-08-18 14:32:07">
<meta property="article:published_time" content="2025-08-18T14:32:07+08:00">
<script>
var allData = {{"docData":{{"title":"{IFENG_TITLE}","newsTime":"2025-08-18 14:32:07","source":"凤凰网科技","editorName":"陈思远"}}}};
var adData = {{"topAd":[],"articleAd":[]}};
</script>
</head>
<body>
<div class="header-3VGrWz8l">
  <div class="nav-1Ys8CaKt">
    <a href="https://www.ifeng.com/">凤凰网首页</a>
    <a href="https://news.ifeng.com/">资讯</a>
    <a href="https://v.ifeng.com/">视频</a>
    <a href="https://finance.ifeng.com/">财经</a>
    <a href="https://ent.ifeng.com/">娱乐</a>
    <a href="https://sports.ifeng.com/">体育</a>
    <a href="https://tech.ifeng.com/">科技</a>
    <a href="https://culture.ifeng.com/">文化</a>
    <a href="https://history.ifeng.com/">历史</a>
    <a href="https://auto.ifeng.com/">汽车</a>
  </div>
  <div class="login-1twGaNkr"><a href="javascript:;">登录</a></div>
</div>
<div class="crumbs-3Qw9mUoW"><a href="https://tech.ifeng.com/">科技</a> &gt; <a href="https://tech.ifeng.com/ai/">人工智能</a> &gt; <span>正文</span></div>
<div class="main-1x9hpM5T">
 <div class="artical-25JfwmD5 main_content">
  <h1 class="topic-3bY8Hw-9">{esc(IFENG_TITLE)}</h1>
  <div class="info-3Ht6Fk1n">
    <span class="time-1Mgp9W-1">2025年08月18日 14:32:07</span>
    <span class="source-3cecBclA">来源：<a href="https://tech.ifeng.com/">凤凰网科技</a></span>
    <span class="comment-3XqTa2Gw"><a href="#comment"><em>326</em>人参与 <em>58</em>评论</a></span>
  </div>
  <div class="main_content js_selection_area" id="main_content">
   <div class="text-3zQ3cZD4">
{body}
   </div>
  </div>
  <p class="author-3vIUPZtx">[责任编辑：陈思远 PN072]</p>
  <div class="share-1hCCxUpT">
    <span>分享到：</span>
    <div class="weixin-qr"><p>用微信扫描二维码</p><p>分享至好友和朋友圈</p></div>
    <a href="javascript:;" class="weibo">新浪微博</a>
    <a href="javascript:;" class="qzone">QQ空间</a>
  </div>
  <div class="ad-2fTEeBWi" style="width:640px;height:90px"><ins class="ifengad" data-id="ad_article_bottom"></ins></div>
  <div class="comment-box" id="comment">
    <textarea class="comment_area-2gSLcBmO" placeholder="文明上网，不传谣言，登录评论！"></textarea>
    <p class="tip">文明上网，不传谣言，登录评论！</p>
    <div class="hot-comment"><p class="user">凤凰网友 广东广州</p><p class="txt">这才是技术该用的地方，支持！</p></div>
    <a href="javascript:;" class="more">查看全部评论</a>
  </div>
 </div>
 <div class="side-bar right-2pPvFHgP">
  <div class="hot-news hotList-1x7rZJqS"><h3 class="title-2F7PWL-v">24小时热榜</h3><ol>
{hot_html}
  </ol></div>
  <div class="ad-side"><ins class="ifengad" data-id="ad_right_1"></ins></div>
 </div>
</div>
<div class="footer-2b6qBmW2 footer">
  <p><a href="https://www.ifeng.com/corp/about/intro/">凤凰新媒体介绍</a> | <a href="https://ir.ifeng.com/">投资者关系 Investor Relations</a> | <a href="https://www.ifeng.com/corp/about/adservice/">广告服务</a> | <a href="https://www.ifeng.com/corp/about/contact/">联系我们</a></p>
  <p>© 2025 Phoenix New Media Limited All Rights Reserved. 京ICP证030609号 违法和不良信息举报电话：010-60676000</p>
</div>
<script src="https://x0.ifengimg.com/fe/shank/channel/main.js"></script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# 4. TechCrunch style page (English)
# ---------------------------------------------------------------------------------------------

EN_TITLE = "Lumora AI raises $120M Series B as annualized revenue tops $45M"
EN_PARAS = [
    "Lumora AI, a San Francisco startup that builds AI agents for customer support teams, has raised a $120 million Series B led by Northline Ventures, the company told TechBeat. Existing investors Foundry Partners and Arcadia Capital also participated, bringing Lumora's total funding to $165 million.",
    "The round values the three-year-old company at $1.1 billion post-money, according to a person familiar with the deal. Lumora declined to comment on the valuation.",
    "Lumora's annualized recurring revenue (ARR) crossed $45 million in July, up from roughly $12 million a year earlier, co-founder and CEO Priya Raman said in an interview. The company now counts more than 600 paying customers, including several large airlines and telecom operators.",
    "Unlike chatbots that only answer questions, Lumora's agents can take actions inside a customer's existing tools, such as issuing refunds or rebooking flights, and hand off to a human when their confidence drops below a set threshold. Raman said the agents resolve about 58% of incoming tickets end to end.",
    "The company charges per resolved ticket rather than per seat, a pricing model that has become popular among AI-native software vendors. Raman said falling inference prices have pushed Lumora's gross margin above 70% this year, even as usage has grown fivefold.",
    "Lumora plans to use the new money to expand into Europe and Japan and to double its 140-person headcount by the end of 2026. It will also open a research team focused on voice agents, which Raman expects to account for a third of revenue within two years.",
    "The funding comes as investors pour money into applied AI companies with real revenue. Startups selling AI agents raised more than $8 billion in the first half of 2025, according to data from PitchBook.",
]
EN_EXPECTED = {
    "title": EN_TITLE,
    "published": "2025-08-19",
    "must": [
        "has raised a $120 million Series B led by Northline Ventures",
        "bringing Lumora's total funding to $165 million",
        "values the three-year-old company at $1.1 billion post-money",
        "annualized recurring revenue (ARR) crossed $45 million in July",
        "more than 600 paying customers",
        "resolve about 58% of incoming tickets end to end",
        "pushed Lumora's gross margin above 70% this year",
        "double its 140-person headcount by the end of 2026",
        "raised more than $8 billion in the first half of 2025",
    ],
    "must_not": [
        "Sign up for TechBeat Daily",
        "Most Popular",
        "OpenAI's new reasoning model tops coding benchmark",
        "Join the conversation",
        "Privacy Policy",
        "All rights reserved",
        "Related",
        "Subscribe for the industry's biggest tech news",
        "Apple quietly acquires on-device AI startup",
    ],
    "script": None,
    "language": "en",
}


def en_page() -> str:
    body = "\n".join(f'<p class="wp-block-paragraph">{esc(p)}</p>' for p in EN_PARAS)
    parts = body.split("\n")
    body = "\n".join(parts[:4]) + """
<div class="wp-block-techbeat-inline-cta newsletter-inline">
  <p class="inline-cta__title">Subscribe for the industry's biggest tech news</p>
  <form action="https://techbeat.example.com/newsletters/" method="post"><input type="email" placeholder="Email address"><button type="submit">Subscribe</button></form>
</div>
""" + "\n".join(parts[4:])
    popular = [
        "OpenAI's new reasoning model tops coding benchmark",
        "Apple quietly acquires on-device AI startup",
        "The best budget mechanical keyboards of 2025",
        "Google reorganizes its Gemini teams under a single leader",
        "Why seed-stage valuations for AI agents are falling",
    ]
    pop_html = "\n".join(f'<li class="most-popular__item"><a href="https://techbeat.example.com/2025/08/18/p{i}/">{esc(h)}</a></li>' for i, h in enumerate(popular))
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(EN_TITLE)} | TechBeat</title>
<meta name="description" content="Lumora AI, which builds AI agents for customer support, raised a $120 million Series B.">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(EN_TITLE)}">
<meta property="article:published_time" content="2025-08-19T09:00:00-07:00">
<meta property="article:modified_time" content="2025-08-19T11:24:10-07:00">
<meta name="author" content="Dana Whitfield">
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{EN_TITLE}","datePublished":"2025-08-19T16:00:00+00:00","dateModified":"2025-08-19T18:24:10+00:00","author":[{{"@type":"Person","name":"Dana Whitfield"}}],"publisher":{{"@type":"Organization","name":"TechBeat"}}}}
</script>
<script>window.tbConfig = {{"postId": 2990311, "section": "AI", "paywall": false}};</script>
<style>.site-header{{position:sticky;top:0}} .sidebar{{float:right;width:300px}}</style>
</head>
<body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#main">Skip to content</a>
<header class="site-header">
  <a class="site-logo" href="https://techbeat.example.com/">TechBeat</a>
  <nav class="site-navigation" aria-label="Primary">
    <ul class="menu">
      <li><a href="https://techbeat.example.com/latest/">Latest</a></li>
      <li><a href="https://techbeat.example.com/category/startups/">Startups</a></li>
      <li><a href="https://techbeat.example.com/category/venture/">Venture</a></li>
      <li><a href="https://techbeat.example.com/category/apple/">Apple</a></li>
      <li><a href="https://techbeat.example.com/category/security/">Security</a></li>
      <li><a href="https://techbeat.example.com/category/artificial-intelligence/">AI</a></li>
      <li><a href="https://techbeat.example.com/category/apps/">Apps</a></li>
      <li><a href="https://techbeat.example.com/events/">Events</a></li>
      <li><a href="https://techbeat.example.com/podcasts/">Podcasts</a></li>
      <li><a href="https://techbeat.example.com/newsletters/">Newsletters</a></li>
    </ul>
  </nav>
  <a class="site-header__login" href="https://techbeat.example.com/login/">Sign In</a>
</header>
<main id="main" class="site-main">
 <article class="article-container">
  <div class="article-hero">
    <a class="article-hero__category" href="https://techbeat.example.com/category/artificial-intelligence/">AI</a>
    <h1 class="article-hero__title wp-block-post-title">{esc(EN_TITLE)}</h1>
    <div class="article-hero__meta">
      <span class="byline">Dana Whitfield</span>
      <time datetime="2025-08-19T09:00:00-07:00">9:00 AM PDT &middot; August 19, 2025</time>
    </div>
    <div class="share-buttons"><a href="javascript:;">Share on X</a> <a href="javascript:;">Share on LinkedIn</a> <a href="javascript:;">Copy link</a></div>
  </div>
  <figure class="article__featured-image"><img src="https://techbeat.example.com/wp-content/uploads/2025/08/lumora-founders.jpg" alt="Lumora founders">
    <figcaption>Lumora co-founders Priya Raman and Tom Eckert. Image Credits: Lumora</figcaption></figure>
  <div class="entry-content wp-block-post-content article-content">
{body}
  </div>
  <div class="article__tags">Topics <a href="https://techbeat.example.com/tag/ai-agents/">AI agents</a> <a href="https://techbeat.example.com/tag/fundraising/">Fundraising</a> <a href="https://techbeat.example.com/tag/series-b/">Series B</a></div>
  <section class="newsletter-signup">
    <h3>Sign up for TechBeat Daily</h3>
    <p>Every weekday and Sunday, you can get the best of TechBeat's coverage.</p>
    <form><input type="email" placeholder="Email"><button>Subscribe</button></form>
    <p class="fine-print">By submitting your email, you agree to our Terms and Privacy Policy.</p>
  </section>
  <section class="comments-area" id="comments">
    <h3>Join the conversation</h3>
    <p>Comments are moderated. Please be respectful.</p>
    <div class="comment"><span class="comment-author">jkl_dev</span><p>Per-resolution pricing is going to eat seat-based SaaS alive.</p></div>
    <button class="load-more">Load more comments</button>
  </section>
 </article>
 <aside class="sidebar">
  <section class="related-posts"><h3>Related</h3>
   <ul>
    <li><a href="https://techbeat.example.com/2025/08/12/r1/">Customer support AI startup Fin-like rival raises $40M seed</a></li>
    <li><a href="https://techbeat.example.com/2025/08/05/r2/">Why AI agents are finally making money</a></li>
    <li><a href="https://techbeat.example.com/2025/07/29/r3/">Northline Ventures closes $900M early-stage fund</a></li>
   </ul>
  </section>
  <section class="most-popular"><h3>Most Popular</h3><ol>
{pop_html}
  </ol></section>
  <div class="ad-unit" data-slot="sidebar-1"><ins class="adsbygoogle"></ins></div>
 </aside>
</main>
<footer class="site-footer footer">
  <nav><a href="https://techbeat.example.com/about/">About TechBeat</a> <a href="https://techbeat.example.com/staff/">Staff</a> <a href="https://techbeat.example.com/contact/">Contact Us</a> <a href="https://techbeat.example.com/advertise/">Advertise</a> <a href="https://techbeat.example.com/privacy/">Privacy Policy</a> <a href="https://techbeat.example.com/terms/">Terms of Service</a></nav>
  <p>&copy; 2025 TechBeat Media LLC. All rights reserved.</p>
</footer>
<script src="https://techbeat.example.com/wp-content/themes/tb/assets/main.js"></script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# 5. short simplified page, UTF-8 with BOM, no charset declaration
# ---------------------------------------------------------------------------------------------

BOM_TITLE = "国产大模型一周观察：长文本与低价成竞争焦点"
BOM_PARAS = [
    "本周国内多家大模型厂商密集发布新版本。智谱发布的新一代基座模型将上下文窗口扩展至100万tokens，月之暗面则宣布面向开发者的API价格下调一半。",
    "从应用侧看，AI搜索和AI编程助手依然是用户增长最快的两个方向。多家厂商披露，其编程助手的周活跃开发者数较年初翻了一番。",
    "分析人士指出，随着基础模型能力逐渐接近，价格和生态将成为厂商争夺企业客户的关键。预计下半年行业整合将进一步加速。",
    "本栏目每周五更新，梳理过去一周大模型行业的重要动态。",
]
BOM_EXPECTED = {
    "title": BOM_TITLE,
    "published": "2025-08-22",
    "must": [
        "本周国内多家大模型厂商密集发布新版本",
        "将上下文窗口扩展至100万tokens",
        "月之暗面则宣布面向开发者的API价格下调一半",
        "AI搜索和AI编程助手依然是用户增长最快的两个方向",
        "周活跃开发者数较年初翻了一番",
        "价格和生态将成为厂商争夺企业客户的关键",
        "预计下半年行业整合将进一步加速",
    ],
    "must_not": [
        "返回首页",
        "上一篇：芯片出口管制新规解读",
        "下一篇：AI眼镜会是下一个爆款吗",
        "扫码关注公众号",
        "版权所有 智能周刊编辑部",
        "沪ICP备12345678号-1",
    ],
    "script": "simplified",
    "language": "zh",
}


def bom_page() -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in BOM_PARAS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<title>{esc(BOM_TITLE)} - 智能周刊</title>
<meta property="article:published_time" content="2025-08-22T18:00:00+08:00">
</head>
<body>
<div class="nav"><a href="/">返回首页</a> | <a href="/weekly/">周报</a> | <a href="/about/">关于我们</a></div>
<div class="main-content">
  <div class="article">
    <h1>{esc(BOM_TITLE)}</h1>
    <div class="meta">2025年08月22日 18:00 来源：智能周刊</div>
    <div class="article-content">
{body}
    </div>
    <div class="page-nav"><a href="/weekly/31.html">上一篇：芯片出口管制新规解读</a> <a href="/weekly/33.html">下一篇：AI眼镜会是下一个爆款吗</a></div>
  </div>
</div>
<div class="footer"><p>扫码关注公众号</p><p>版权所有 智能周刊编辑部 沪ICP备12345678号-1</p></div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# write + verify
# ---------------------------------------------------------------------------------------------

def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def visible_text(text: str) -> str:
    import lxml.html
    return norm(lxml.html.fromstring(text).text_content())


def check(name: str, raw: bytes, encoding: str, paras: list[str], exp: dict) -> None:
    text = raw.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    vis = visible_text(text)
    body = norm(" ".join(paras))
    assert 6 <= len(exp["must"]) <= 10, name
    assert 6 <= len(exp["must_not"]) <= 10, name
    assert exp["title"] in vis, (name, "title")
    for m in exp["must"]:
        assert m in body, (name, "must not in body", m)
        assert m in vis, (name, "must not visible", m)
    for m in exp["must_not"]:
        assert m in vis, (name, "must_not not visible", m)
        assert m not in body and m not in exp["title"], (name, "must_not in body", m)


def main() -> int:
    expected: dict[str, dict] = {}

    def emit(name: str, raw: bytes, encoding: str, paras: list[str], exp: dict) -> None:
        check(name, raw, encoding, paras, exp)
        (HERE / name).write_bytes(raw)
        expected[name] = exp

    sina_utf8 = sina_page('<meta charset="utf-8">')
    emit("sina_like_utf8.html", sina_utf8.encode("utf-8"), "utf-8", SINA_PARAS, SINA_EXPECTED)

    sina_gb = sina_page('<meta charset="gb2312">')
    gbk_bytes = sina_gb.encode("gbk")  # strict: fails if a character is outside GBK
    try:
        sina_gb.encode("gb2312")
        raise AssertionError("the GBK page should contain a character outside GB2312")
    except UnicodeEncodeError:
        pass
    emit("sina_like_gbk.html", gbk_bytes, "gbk", SINA_PARAS, SINA_EXPECTED)

    mislabeled = gbk_bytes.replace(b'<meta charset="gb2312">', b'<meta charset="utf-8">')
    assert mislabeled != gbk_bytes
    emit("sina_like_gbk_mislabeled.html", mislabeled, "gbk", SINA_PARAS, SINA_EXPECTED)

    udn_big5 = udn_page('<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    emit("udn_like_big5.html", udn_big5.encode("big5"), "big5", UDN_PARAS, UDN_EXPECTED)
    udn_utf8 = udn_page('<meta charset="utf-8">')
    emit("udn_like_utf8.html", udn_utf8.encode("utf-8"), "utf-8", UDN_PARAS, UDN_EXPECTED)

    ifeng = ifeng_page()
    try:
        ifeng.encode("gbk")
        raise AssertionError("the GB18030 page should contain a character outside GBK")
    except UnicodeEncodeError:
        pass
    emit("ifeng_like_gb18030.html", ifeng.encode("gb18030"), "gb18030", IFENG_PARAS, IFENG_EXPECTED)

    emit("en_techcrunch_like.html", en_page().encode("utf-8"), "utf-8", EN_PARAS, EN_EXPECTED)

    emit("utf8_bom.html", bom_page().encode("utf-8-sig"), "utf-8", BOM_PARAS, BOM_EXPECTED)

    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in expected:
        print(f"{name:34s} {(HERE / name).stat().st_size:7d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
