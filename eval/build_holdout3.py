#!/usr/bin/env python3
"""Builds eval/holdout3.jsonl, jiaodui's third (blind) held-out evaluation set.

Same schema as eval/labelled.jsonl (see eval/README.md). It differs from the earlier sets in
its prose and in its injections:

* prose: Chinese documentation shipped in Debian's texlive-lang-chinese (the TeX Live guide,
  exam-zh, latex-notes-zh-cn, install-latex-guide-zh-cn, texproposal) and the real texts in
  zhlipsum's tables (Lu Xun's 祝福, 史记·项羽本纪, 山海经·南山经, the Wikipedia article
  阿司匹林); see eval/source/texlive_docs_zh_cn.jsonl, zhlipsum_texts.jsonl and
  eval/SOURCES.md. About a third of the Simplified pages are served converted to Traditional.
* injections: written afresh for this file, with other wording, separators, lengths and
  positions than build.py / build_holdout.py / build_holdout2.py, modelled on the seed page
  and on the kinds of scraped pages it stands for: school / hospital / county portals, news
  apps, forums, Taiwan and Hong Kong sites; gambling brands replacing words, in titles,
  brackets and anchor sentences; mojibake through other codecs and with lossy tails.
* near misses (about 40 % clean documents): official documents with 一、（一）1.（1）
  headings, 抄送 / 印发 lines and contact lines; tables of HTML entity names; code and shell
  listings; pinyin teaching; administrative-division articles whose body is a list of
  place names; reference lists; tables of contents; a news report naming a gambling site.

Python 3 standard library only, deterministic:

    python3 eval/build_holdout3.py [--stats] [--out PATH]

Spans are marked while a document is assembled with Unicode noncharacters (U+FDD0+k opens
kind k, U+FDE0+k closes it); `finalize` strips them into UTF-8 byte offsets.
"""

import argparse
import os
import random
import sys

from evalkit import (CLOSE, KINDS, MARK_KIND, OPEN, check_labels, finalize, load_jsonl, load_table, mark, marked_mask, print_stats, write_jsonl)

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "source")
SEED = 0x33646C6F  # "3dlo"
TARGET_DOCS = 400



def is_han(ch):
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------- tables


S2T = load_table("STCharacters.txt")
T2S = load_table("TSCharacters.txt")
READ = {k: v[0].split(",") for k, v in load_table("readings.txt").items()}
T_VALUES = {x for vs in T2S.values() for x in vs}
T_ONLY = {c for c in T2S if len(c) == 1 and c in READ and c not in T_VALUES}
with open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") as f:
    PLACES = [l.strip() for l in f if l.strip() and not l.startswith("#")]
COUNTIES = [p for p in PLACES if len(p) >= 3 and p[-1] in "县区市旗"]


def trad(s):
    # careless character-by-character conversion, as scraped mirrors do; 后/里/干 left alone
    return "".join(c if (c in MARK_KIND or c in "后里干") else S2T.get(c, [c])[0] for c in s)


def script_of(s, script):
    return trad(s) if script == "traditional" else s


def num(rng, lo, hi):
    return str(rng.randint(lo, hi))


def date(rng, sep="-"):
    return sep.join(["%d" % rng.randint(2012, 2025), "%02d" % rng.randint(1, 12), "%02d" % rng.randint(1, 28)])


# ---------------------------------------------------------------- page chrome (fresh)

ORGS = ["湘潭大学新闻网", "岳麓区教育局", "青田县人民医院", "株洲日报", "黄冈师范学院教务处", "晋江市融媒体中心",
        "宁乡市人民政府门户网站", "红河州科技局", "萍乡新闻网", "常熟市图书馆", "凉山日报", "江门职业技术学院"]
COLUMNS = ["校园要闻", "通知公告", "学术动态", "图片新闻", "政务公开", "本地新闻", "健康科普", "教学科研",
           "媒体看点", "部门动态", "信息发布", "专题专栏"]
NAMES = ["刘思远", "欧阳倩", "杨帆", "曾志强", "谭晓梅", "罗敏", "龙海燕", "贺军", "易小川", "谢婷婷"]


def head_chrome_pool(rng):
    org = rng.choice(ORGS)
    c1, c2 = rng.sample(COLUMNS, 2)
    return [
        lambda: rng.choice(["首页 / ", "网站首页 / ", "主页 / "]) + c1 + " / 正文",
        lambda: "位置：" + rng.choice(["网站首页", "首页"]) + " » " + c1 + " » " + c2,
        lambda: "◆ 当前位置 ◆ 首页 - " + c1,
        lambda: "您现在的位置是：" + org + " >> " + c1 + " >> 浏览文章",
        lambda: "【大字版】【语音播报】",
        lambda: rng.choice(["A+ A- 默认", "字号：A+ | A | A-", "[ 字号：大 | 中 | 小 ]", "字体大小：T T T"]),
        lambda: rng.choice(["收藏本文 | 打印 | 关闭", "【收藏】【打印】【关闭】", "打印 | 收藏 | 推荐给好友"]),
        lambda: "时间：%s　来源：%s　点击：[%s]次" % (date(rng), rng.choice(COLUMNS[:4]), num(rng, 30, 9000)),
        lambda: "作者：%s  发布时间：%s  阅读：%s,%03d" % (rng.choice(NAMES), date(rng, "/"), num(rng, 1, 9), rng.randint(0, 999)),
        lambda: "日期：%s 编辑：%s 浏览：%s 次" % (date(rng), rng.choice(NAMES), num(rng, 5, 5000)),
        lambda: "打开微信“扫一扫”，即可将网页分享至朋友圈",
        lambda: "本文共%s字，阅读约需%s分钟" % (num(rng, 800, 6000), num(rng, 2, 15)),
        lambda: rng.choice(["登录 | 注册 | 退出", "登录　注册", "设为首页 | 加入收藏 | 联系我们"]),
        lambda: rng.choice(["<<返回列表", "【返回列表】", "返回上一页"]),
        lambda: rng.choice(["点赞(%s) 收藏(%s)", "赞 %s  踩 %s"]) % (num(rng, 0, 300), num(rng, 0, 90)),
        lambda: rng.choice(["评论 (0)", "网友评论 0 条", "已有%s人参与评论" % num(rng, 2, 800)]),
        lambda: org + " 版 " + rng.choice(["APP", "客户端"]) + " 下载",
        lambda: rng.choice(["星期三 | 晴 18~26℃", "%s年%s月%s日 星期%s" % (num(rng, 2018, 2025), num(rng, 1, 12), num(rng, 1, 28), rng.choice("一二三四五六日"))]),
        lambda: "搜索：请输入关键词 | 高级检索",
    ]


def foot_chrome_pool(rng):
    org = rng.choice(ORGS)
    prov = rng.choice("湘鄂浙闽赣粤滇川苏")
    return [
        lambda: rng.choice(["« 上一篇：", "上一篇 ", "[上一篇]"]) + rng.choice(["我校召开年度工作会议", "关于做好寒假安全工作的通知", "医院开展义诊进社区活动"]),
        lambda: rng.choice(["下一篇 »", "下一篇：", "[下一篇]"]) + rng.choice(["", "没有了", "2024年招生简章发布", "图书馆开放时间调整"]),
        lambda: rng.choice(["【返回顶部】", "▲ 回到顶部", "TOP", "↑返回顶部"]),
        lambda: "声明：本文系转载，版权归原作者所有，如有侵权请联系删除。",
        lambda: "免责声明：本站转载的文章仅代表作者观点，与本站无关。",
        lambda: rng.choice(["扫码关注公众号", "长按识别二维码关注我们", "关注“%s”微信公众号" % org[:4]]),
        lambda: rng.choice(["推荐阅读", "热门文章", "猜你喜欢", "往期回顾"]),
        lambda: "Copyright © %s-%s %s 版权所有" % (num(rng, 1998, 2010), num(rng, 2020, 2025), org),
        lambda: "%sICP备%s号-%s" % (prov, num(rng, 10**5, 10**8), num(rng, 1, 5)),
        lambda: "公安机关备案号：%s" % num(rng, 10**13, 10**14 - 1),
        lambda: "地址：%s%s路%s号　邮编：%s　电话：0%s-%s" % (org[:2], rng.choice(["建设", "芙蓉", "解放", "人民"]), num(rng, 1, 400),
                                                 num(rng, 100000, 999999), num(rng, 700, 799), num(rng, 2000000, 8999999)),
        lambda: "本站由%s提供技术支持" % rng.choice(["博达软件", "网易云", "万户网络"]),
        lambda: rng.choice(["网站访问量：%s", "您是第 %s 位访客", "累计访问：%s 人次"]) % num(rng, 10000, 9999999),
        lambda: "推荐使用%s浏览本站" % rng.choice(["IE9以上浏览器", "Chrome、Edge浏览器", "1280×800以上分辨率"]),
        lambda: "（编辑：%s　审核：%s）【我要纠错】" % (rng.choice(NAMES), rng.choice(NAMES)),
        lambda: "转载请注明来源：" + org,
        lambda: rng.choice(["分享：微信 QQ 微博", "分享到： 微信 | 朋友圈 | QQ好友", "一键分享"]),
        lambda: "网站地图 - 隐私声明 - 联系我们 - 常见问题",
    ]


TW_HEAD = [
    lambda rng: "首頁 ＞ 最新消息 ＞ " + rng.choice(["新聞稿", "活動訊息", "公告事項"]),
    lambda rng: "發佈單位：%s　更新日期：%s" % (rng.choice(["秘書室", "教務處", "衛生局"]), date(rng, "/")) + rng.choice(["　瀏覽次數：%d" % rng.randint(10, 9000), "　點閱：%d" % rng.randint(10, 9000)]),
    lambda rng: "回上頁 ::: 友善列印",
    lambda rng: "字級：小 中 大",
    lambda rng: "分享到Facebook 分享到LINE 複製連結",
    lambda rng: "訂閱電子報 | 網站導覽 | English",
]
TW_FOOT = [
    lambda rng: "相關新聞",
    lambda rng: "回到頁首",
    lambda rng: "本文轉載自" + rng.choice(["中央社", "自由時報", "聯合新聞網"]) + "，版權所有，轉載請註明出處",
    lambda rng: "Copyright © %d %s 版權所有" % (rng.randint(2015, 2025), rng.choice(["國立臺灣師範大學", "臺南市政府", "香港電台"])),
    lambda rng: "加入LINE好友，掌握第一手消息",
    lambda rng: "最近更新：%s　瀏覽人數：%d" % (date(rng, "/"), rng.randint(100, 99999)),
    lambda rng: "私隱政策 | 免責聲明 | 無障礙瀏覽",
]


def chrome(rng, script, where):
    if script == "traditional" and rng.random() < 0.45:
        pool = TW_HEAD if where == "head" else TW_FOOT
        return [f(rng) for f in rng.sample(pool, rng.randint(1, 3))]
    pool = head_chrome_pool(rng) if where == "head" else foot_chrome_pool(rng)
    return [script_of(f(), script) for f in rng.sample(pool, rng.randint(1, 4))]


def byline(rng, script):
    pool = [
        "来源：%s　作者：%s" % (rng.choice(ORGS), rng.choice(NAMES)),
        "（通讯员 %s 记者 %s）" % (rng.choice(NAMES), rng.choice(NAMES)),
        "文字：%s　摄影：%s" % (rng.choice(NAMES), rng.choice(NAMES)),
        "%s %s讯" % (date(rng), rng.choice(ORGS)[:2]),
        "（供稿：%s）" % rng.choice(["教务处", "宣传部", "科研处"]),
        "发布日期：%s" % date(rng),
        "初审：%s　复审：%s　终审：%s" % tuple(rng.sample(NAMES, 3)),
    ]
    return script_of(rng.choice(pool), script)


# ---------------------------------------------------------------- appended lists (fresh)

LIST_HEADS = ["热门标签：", "相关搜索：", "[热词]", "【站群】", "城市分站：", "附近城市：", "本站热词：", "网友还搜了：",
              "热门推荐：", "Tags：", "猜你想搜：", "分类导航：", "", "", "", ""]
SERVICES = ["天气", "招聘", "人才网", "二手房", "装修公司", "租房", "婚纱摄影", "新闻网", "在线", "论坛", "旅游攻略",
            "美食", "驾校", "家政服务", "SEO"]
TOPICS = ["考研", "公务员", "四六级", "高考志愿", "英语培训", "汽车报价", "减肥方法", "星座运势", "手游", "小说",
          "电影下载", "股票行情", "基金", "养生", "育儿", "LaTeX模板", "Word教程", "PPT素材"]
BETS = ["足球竞猜", "真人百家乐", "电子游艺", "棋牌", "彩票", "捕鱼", "体育投注", "电竞竞猜"]
LIST_SEPS = [" • ", " - ", "┊", "│", "¦", "，", " ", "  ", "、", "|", " |", "/", "＋", "  ·  ", "\u3000\u3000", ";"]


def list_items(rng, n):
    style = rng.random()
    if style < 0.35:
        svc = rng.choice(SERVICES)
        out = []
        for _ in range(n):
            p = rng.choice(PLACES)
            if len(p) >= 3 and p[-1] in "市县区" and rng.random() < 0.7:
                p = p[:-1]
            out.append(p + svc)
        return out
    if style < 0.55:
        return rng.sample(TOPICS, min(n, len(TOPICS)))
    if style < 0.65:
        return rng.sample(BETS, min(n, len(BETS)))
    if style < 0.8:
        return rng.sample(COUNTIES, n)
    return [rng.choice(TOPICS) if rng.random() < 0.3 else rng.choice(COUNTIES) for _ in range(n)]


def list_lines(rng, script):
    head = rng.choice(LIST_HEADS)
    sep = rng.choice(LIST_SEPS)
    form = rng.random()
    if form < 0.15:
        # a numbered run on one line
        items = list_items(rng, rng.randint(6, 14))
        lines = [head + " ".join("%d.%s" % (i + 1, x) for i, x in enumerate(items))]
    elif form < 0.35:
        # a block of 2-4 short lines
        lines = []
        for k in range(rng.randint(2, 4)):
            items = list_items(rng, rng.randint(5, 8))
            lines.append((head if k == 0 else "") + sep.join(items))
    elif form < 0.45:
        items = list_items(rng, rng.randint(5, 12))
        lines = [head + "".join("[%s]" % x for x in items)]
    else:
        items = list_items(rng, rng.randint(5, 30))
        lines = [head + sep.join(items) + rng.choice(["", "", sep.strip()])]
    if script == "traditional" and rng.random() < 0.4:
        lines = [trad(l) for l in lines]
    return lines


# ---------------------------------------------------------------- keyword injection (fresh)

BRANDS = ["乐鱼体育", "亚博体育", "博鱼体育", "金年会", "欧宝体育", "必发体育", "尊龙凯时", "凯发k8", "九州酷游",
          "千亿体育", "宝博体育", "天博体育", "江南体育", "乐竞体育", "球盟会", "万博体育", "manbetx", "188金宝博",
          "沙巴体育", "bet365", "太阳城娱乐", "金沙娱乐场", "永利皇宫", "银河娱乐", "ag真人", "PG电子", "新濠天地"]
SUFFIXES = ["", "", "", "官网", "官方网站", "app下载", "登录入口", "平台", "(中国)官方网站", "·中国官方网站"]
DOMAINS = ["ly88.com", "yabo8.vip", "jnh.cc", "ob365.net", "tbty.app", "www.jn-sports.com"]


def brand_text(rng, script):
    b = rng.choice(BRANDS) + rng.choice(SUFFIXES)
    if rng.random() < 0.12:
        b += "(" + rng.choice(DOMAINS) + ")"
    return script_of(b, script)


def split_sentences(text):
    out, cur = [], []
    for ch in text:
        cur.append(ch)
        if ch in "。！？；\n":
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def inject_keywords(rng, title, body, script):
    how = rng.choice(["replace", "replace", "bracket", "anchor", "title", "mixed"])
    brand = brand_text(rng, script)
    if how == "title":
        title = title + rng.choice([" - ", "_", "|", " — ", "-"]) + mark("spam/keyword-injection", brand)
        how = "replace"
        n_min = 1
    else:
        n_min = 2
    sents = split_sentences(body)
    ok = [i for i, s in enumerate(sents) if len(s) >= 12 and sum(1 for c in s if is_han(c)) >= 8 and "\n " not in s
          and not any(c in MARK_KIND for c in s)]
    if len(ok) < n_min:
        return title, body
    pick = rng.sample(ok, min(len(ok), rng.randint(n_min, 7)))
    for i in pick:
        s = sents[i]
        if rng.random() < 0.3:
            brand = brand_text(rng, script)  # some pages rotate brands
        mode = how if how != "mixed" else rng.choice(["replace", "bracket", "anchor"])
        if mode == "replace":
            # a brand replaces a 2-4 character word after a function character
            spots = [k for k in range(1, len(s) - 4) if s[k - 1] in "的了是把被从向为让给将從為讓給將" and all(is_han(c) for c in s[k:k + 2])]
            if spots:
                k = rng.choice(spots)
                w = rng.choice([2, 2, 3, 4])
                w = w if all(is_han(c) for c in s[k:k + w]) else 2
                sents[i] = s[:k] + mark("spam/keyword-injection", brand) + s[k + w:]
                continue
            mode = "bracket"
        if mode == "bracket":
            ins = rng.choice(["（%s）", "【%s】", "《%s》", "〔%s〕", "(%s)"]) % brand
            end = len(s.rstrip("\n"))
            k = end - 1 if end and s[end - 1] in "。！？；" else end
            sents[i] = s[:k] + mark("spam/keyword-injection", ins) + s[k:]
        else:
            anchor = rng.choice(["%s为您提供最新资讯。", "更多精彩尽在%s。", "本文由%s整理发布。", "%s提醒您：",
                                 "点击进入%s。"]) % brand
            anchor = script_of(anchor, script)
            sents[i] = s.rstrip("\n") + mark("spam/keyword-injection", anchor) + ("\n" if s.endswith("\n") else "")
    return title, "".join(sents)


# ---------------------------------------------------------------- garbles (fresh forms)


def han_gaps(text):
    m = marked_mask(text)
    return [i for i in range(1, len(text) - 1) if is_han(text[i - 1]) and is_han(text[i]) and not m[i - 1] and not m[i] and not m[i + 1]]


def apply(text, edits):
    edits = sorted(edits, key=lambda e: e[0])
    kept, last = [], -1
    for e in edits:
        if e[0] > last + 1:
            kept.append(e)
            last = e[0] + max(e[1], 1)
    for i, n, s in reversed(kept):
        text = text[:i] + s + text[i + n:]
    return text


CODEC_PAIRS = [("utf-8", "gbk"), ("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "shift_jis"),
               ("utf-8", "euc-kr"), ("utf-8", "cp1252"), ("utf-8", "mac_roman"), ("gbk", "cp1252"),
               ("gbk", "shift_jis"), ("big5", "gbk"), ("gbk", "big5"), ("utf-8", "big5")]


def ok_chars(out):
    for ch in out:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o <= 0x9F or o == 0xAD or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
            return False
    return True


def redecode(s, enc, dec, lossy):
    try:
        raw = s.encode(enc)
    except UnicodeError:
        return None
    if lossy:
        # the usual web result: the last character split, its tail shown as "?"
        out = raw.decode(dec, errors="replace").replace("\ufffd", "?")
    else:
        try:
            out = raw.decode(dec)
            if out.encode(dec) != raw:
                return None
        except (UnicodeError, LookupError):
            return None
    if enc == "utf-8" and dec == "cp1252" and rng_double[0]:
        try:
            out = out.encode("utf-8").decode("cp1252")
        except UnicodeError:
            return None
    return out if out != s and ok_chars(out) else None


rng_double = [False]


def garble_mojibake(rng, text):
    lines = text.split("\n")
    m = marked_mask(text)
    offs, o = [], 0
    for l in lines:
        offs.append(o)
        o += len(l) + 1
    idx = [i for i, l in enumerate(lines) if sum(1 for c in l if is_han(c)) >= 4 and not any(m[offs[i]:offs[i] + len(l)])]
    if not idx:
        return text
    rng.shuffle(idx)
    for li in idx[:rng.choice([1, 1, 2])]:
        line = lines[li]
        shape = rng.random()
        if shape < 0.2:
            a, b = 0, len(line)  # the title or a whole paragraph
        elif shape < 0.4:
            a, b = rng.randrange(0, max(1, len(line) - 6)), len(line)  # to the line end
        elif shape < 0.6:
            a = rng.randrange(0, max(1, len(line) - 3))  # one word
            b = a + rng.choice([2, 3])
        else:
            a = rng.randrange(0, max(1, len(line) - 10))
            b = min(len(line), a + rng.randint(5, 30))
        for _ in range(8):
            enc, dec = rng.choice(CODEC_PAIRS)
            rng_double[0] = rng.random() < 0.2
            seg = line[a:b]
            if sum(1 for c in seg if is_han(c)) >= 2:
                out = redecode(seg, enc, dec, lossy=(enc == "utf-8" and dec in ("gbk", "gb18030") and rng.random() < 0.3))
                if out:
                    lines[li] = line[:a] + mark("garble/mojibake", out) + line[b:]
                    break
    return "\n".join(lines)


def garble_replacement(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 4)]:
        s = rng.choice(["\ufffd", "\ufffd\ufffd\ufffd", "\ufffd\ufffd", "锟斤拷锟斤拷锟斤拷", "锟斤拷", "烫烫烫", "屯屯屯屯", "\ufffd\ufffd?"])
        edits.append((g, rng.choice([0, 1, 1, 3]), mark("garble/replacement", s)))
    return apply(text, edits)


def garble_control(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 3)]:
        s = rng.choice(["\x01", "\x02", "\x03", "\x08", "\x0b", "\x0c", "\x1a", "\x1b[0m", "\x1b[31m", "\x91", "\x96",
                        "\x93", "\x80", "\x8d", "\x9f", "\x04\x04"])
        if s.startswith("\x1b"):
            edits.append((g, 0, mark("garble/control", "\x1b") + s[1:]))
        else:
            edits.append((g, 0, mark("garble/control", s)))
    return apply(text, edits)


def garble_zero_width(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = [(g, 0, mark("garble/zero-width", rng.choice(["\u200b", "\u200b", "\ufeff", "\u2060", "\u200c", "\u200d\u200b", "\u00ad", "\u200b\u200b\u200b"])))
             for g in gaps[:rng.randint(1, 6)]]
    return apply(text, edits)


def garble_private_use(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 4)]:
        r = rng.random()
        if r < 0.15:
            s = chr(rng.randrange(0xF0000, 0xFFFFD))
        elif r < 0.3:
            s = "".join(chr(rng.randrange(0xE000, 0xF8FF)) for _ in range(rng.randint(2, 3)))
        else:
            s = chr(rng.choice([0xE5E5, 0xE7C7, 0xE81E, 0xE826, 0xE82B, 0xE83B, 0xE855, 0xF8F5]) if rng.random() < 0.4 else rng.randrange(0xE000, 0xF8FF))
        edits.append((g, rng.choice([0, 1, 1]), mark("garble/private-use", s)))
    return apply(text, edits)


def garble_html_entity(rng, text):
    lines = text.split("\n")
    out = []
    m_lines = None
    n = 0
    for line in lines:
        if n < 3 and line and not any(c in MARK_KIND for c in line) and rng.random() < 0.25:
            r = rng.random()
            if r < 0.3:
                line = mark("garble/html-entity", rng.choice(["&#12288;&#12288;", "&#x3000;&#x3000;", "&emsp;&emsp;", "&ensp;&ensp;", "&nbsp;&nbsp;&nbsp;&nbsp;"])) + line.lstrip()
            elif r < 0.45:
                k = line.find("·")
                if k > 0:
                    line = line[:k] + mark("garble/html-entity", "&middot;") + line[k + 1:]
                else:
                    line = line + mark("garble/html-entity", rng.choice(["&nbsp;", "&nbsp", "<br>&nbsp;"]))
            else:
                gaps = [i for i in range(1, len(line)) if is_han(line[i - 1]) and is_han(line[i])]
                if gaps:
                    g = rng.choice(gaps)
                    ent = rng.choice(["&hellip;&hellip;", "&lsquo;", "&rdquo;", "&amp;#8220;", "&nbsp", "&NBSP;", "&#039;",
                                      "&amp;amp;", "&#65292;", "&mdash;"])
                    line = line[:g] + mark("garble/html-entity", ent) + line[g:]
            n += 1
        out.append(line)
    return "\n".join(out)


def garble_inline_pinyin(rng, text):
    m = marked_mask(text)
    kinds = sorted({c for i, c in enumerate(text) if c in T_ONLY and not m[i]})
    if not kinds:
        return text
    share = rng.choice([0.15, 0.3, 0.5, 0.8, 1.0])
    chosen = set(rng.sample(kinds, max(1, int(len(kinds) * share))))
    rate = rng.choice([0.5, 0.9, 1.0])
    out = []
    for i, c in enumerate(text):
        out.append(c)
        if c in chosen and not m[i] and rng.random() < rate:
            readings = READ[c]
            r = readings[0] if rng.random() < 0.9 or len(readings) == 1 else rng.choice(readings[1:])
            out.append(mark("garble/inline-pinyin", "(" + r + ")"))
    return "".join(out)


# ---------------------------------------------------------------- clean documents and near misses

NUMS = "一二三四五六七八九十"


def official(rng, title, paras):
    """Paragraphs restructured as an official document with 一、（一）1.（1）headings."""
    lines = [title, rng.choice(["各县（市、区）人民政府，市直各单位：", "各学院、各部门：", "各科室："])]
    k1 = 0
    for i, p in enumerate(paras):
        head = p.split("，")[0].split("。")[0][:18].strip()
        if i % 3 == 0:
            lines.append("%s、%s" % (NUMS[k1 % 10], head))
            k1 += 1
            k2 = 0
        elif rng.random() < 0.6:
            lines.append("（%s）%s" % (NUMS[k2 % 10], head))
            k2 += 1
        if rng.random() < 0.3:
            lines.append("%d.%s" % (rng.randint(1, 4), head) if rng.random() < 0.5 else "（%d）%s" % (rng.randint(1, 4), head))
        lines.append("　　" + p)
    lines += [rng.choice(["附件：1.实施方案\n　　　2.申报表", "附件：报名回执", ""]),
              "联系人：%s，联系电话：0731-%d。" % (rng.choice(NAMES), rng.randint(5000000, 5999999)),
              "%s\n%d年%d月%d日" % (rng.choice(ORGS[:3]), rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)),
              "抄送：市委办公室，市人大常委会办公室，市政协办公室。",
              "%s　　%d年%d月%d日印发" % (rng.choice(["市人民政府办公室", "学院党政办公室"]), rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))]
    return [l for l in lines if l]


ENTITY_TABLE = [
    "HTML 中常用的字符实体如下表所示：",
    "字符\t实体名称\t实体编号\t说明",
    "空格\t&nbsp;\t&#160;\t不断行空格",
    "<\t&lt;\t&#60;\t小于号",
    ">\t&gt;\t&#62;\t大于号",
    "&\t&amp;\t&#38;\t和号",
    "\"\t&quot;\t&#34;\t双引号",
    "©\t&copy;\t&#169;\t版权符号",
    "×\t&times;\t&#215;\t乘号",
    "在源代码中写 &amp;lt; 会显示为 &lt;，这是转义的转义。",
]
CODE_BLOCKS = [
    ["运行下面的命令查看已安装的宏包：", "    tlmgr info --list --only-installed | grep ctex", "    kpsewhich ctexart.cls"],
    ["一个最小的中文文档：", "    \\documentclass{ctexart}", "    \\begin{document}", "    你好，世界！", "    \\end{document}"],
    ["Python 中可以这样读取 UTF-8 文件：", "    with open('a.txt', encoding='utf-8') as f:", "        text = f.read()  # 读入全部内容",
     "    print(len(text) if text else 0)"],
    ["查询语句示例：", "    SELECT name, score FROM students WHERE score >= 60 AND class <> '三班';"],
    ["在 C 语言中：", "    printf(\"%d | %d\\n\", a & b, a | b);", "    if (x && !y) return -1;"],
    ["配置文件的一行：", "    {\"name\": \"张三\", \"city\": \"长沙\", \"tags\": [\"学生\", \"志愿者\"]}"],
    ["批处理脚本：", "    set PATH=C:\\texlive\\2022\\bin\\win32;%PATH%", "    echo 设置完成 & pause"],
]
PINYIN_LINES_S = [
    "“长”是多音字：cháng（长短、长江），zhǎng（成长、校长）。",
    "“行”读 xíng（行走）或 háng（银行、行业）。",
    "给下列词语注音：重(chóng)新、重(zhòng)要、还(huán)书、还(hái)是。",
    "拼音方案规定：ü 行的韵母跟声母 j、q、x 相拼时写成 ju(居)、qu(区)、xu(虚)。",
    "声调符号标在主要母音上，如 māo（猫）、niú（牛）、guǐ（鬼）。",
    "轻声不标调，例如 bàba（爸爸）、māma（妈妈）、shítou（石头）。",
]
PINYIN_LINES_T = [
    "「長」是破音字：cháng（長短）、zhǎng（成長）。",
    "「行」讀作 xíng（行走）或 háng（銀行）。",
    "注音符號：ㄓㄨˋ ㄧㄣ ㄈㄨˊ ㄏㄠˋ（注音符號）。",
    "漢語拼音的「ü」在 j、q、x 之後省略兩點，如 jú（菊）、qù（去）。",
]
REFERENCES = [
    "[1] 刘海洋. LaTeX入门[M]. 北京: 电子工业出版社, 2013.",
    "[2] 胡伟. LaTeX2ε完全学习手册[M]. 2版. 北京: 清华大学出版社, 2013.",
    "[3] Knuth D E. The TeXbook[M]. Reading: Addison-Wesley, 1986.",
    "[4] 陈志杰, 赵书钦, 万福永. LaTeX入门与提高[M]. 北京: 高等教育出版社, 2006.",
    "[5] 李平. LaTeX2ε及常用宏包使用指南[M]. 北京: 清华大学出版社, 2004.",
    "[6] 曾祥东. zhlipsum 宏包说明文档[EB/OL]. (2020-04-10)[2023-01-22].",
]


def divisions(rng, script):
    """An administrative-division article: the body is a list of place names."""
    n = rng.randint(6, 14)
    names = rng.sample(COUNTIES, n)
    city = rng.choice(["湘潭", "常德", "赣州", "曲靖", "南充", "邯郸", "黄冈", "宜宾"])
    lines = ["%s市行政区划" % city,
             "截至%d年，%s市辖%d个县级行政区，%d个乡镇、街道。" % (rng.randint(2015, 2023), city, n, rng.randint(40, 200))]
    form = rng.random()
    if form < 0.4:
        lines.append("具体为：" + "、".join(names) + "。")
    elif form < 0.7:
        for k in range(0, n, 4):
            lines.append("\u3000".join(names[k:k + 4]))
    else:
        lines.append("区划名称\t面积（平方千米）\t人口（万人）\t政府驻地")
        for nm in names:
            lines.append("%s\t%d\t%.1f\t%s镇" % (nm, rng.randint(200, 3000), rng.uniform(10, 130), rng.choice(["城关", "东城", "新华", "石桥"])))
    lines.append("%s市人民政府驻%s。" % (city, names[0]))
    return [script_of(l, script) for l in lines]


def contents(rng, title, paras):
    lines = [title, "目录"]
    for i, p in enumerate(paras):
        lines.append("第%s章　%s……%d" % (NUMS[i % 10], p.split("，")[0][:12], 1 + i * rng.randint(3, 9)))
    return lines + paras[:2]


NEWS_NEAR = [
    "警方通报，一个名为“乐鱼体育”的境外赌博网站已被查处，涉案金额逾千万元。",
    "提醒：凡是以“××娱乐”“××体育”名义拉人充值的网站，均涉嫌网络赌博。",
    "本周天气：周一 晴 18℃ | 周二 多云 20℃ | 周三 小雨 16℃",
    "打印前请确认打印机已连接，打印完成后关闭窗口即可。",
    "上一篇论文讨论了字体，下一篇将介绍数学公式的排版。",
    "返回值为 0 表示成功，非 0 表示失败。",
    "版权所有者可以在 LPPL 下授权他人修改其作品。",
    "欢迎访问 CTAN 镜像站点下载所需宏包。",
    "标签页、工具栏、状态栏、侧边栏都可以隐藏。",
    "北京、上海、广州、深圳、杭州、成都等城市均设有考点。",
]


def clean_doc(rng, script, title, paras):
    pick = rng.random()
    if pick < 0.12:
        lines = official(rng, title, paras)
    elif pick < 0.2:
        lines = divisions(rng, script)
        return "\n".join(lines)
    elif pick < 0.26:
        lines = [title] + paras[:2] + ENTITY_TABLE + paras[2:]
    elif pick < 0.38:
        lines = [title] + paras
        for block in rng.sample(CODE_BLOCKS, rng.randint(1, 2)):
            k = rng.randint(1, len(lines))
            lines[k:k] = block
    elif pick < 0.46:
        pool = PINYIN_LINES_T if script == "traditional" else PINYIN_LINES_S
        lines = [title] + paras[:2] + rng.sample(pool, rng.randint(2, len(pool))) + paras[2:]
    elif pick < 0.52:
        lines = [title] + paras + ["参考文献"] + rng.sample(REFERENCES, rng.randint(3, 6))
    elif pick < 0.56:
        lines = contents(rng, title, paras)
    else:
        lines = [title] + paras
        for nm in rng.sample(NEWS_NEAR, rng.randint(0, 2)):
            lines.insert(rng.randint(1, len(lines)), nm)
    if rng.random() < 0.4:
        lines.insert(1, byline(rng, script))
    if rng.random() < 0.2:
        lines.append(byline(rng, script))
    return script_of("\n".join(lines), script) if pick >= 0.2 else "\n".join(script_of(l, script) for l in lines)


# ---------------------------------------------------------------- documents


def load_pages(rng):
    pages = []
    for name in ["texlive_docs_zh_cn.jsonl", "zhlipsum_texts.jsonl"]:
        for rec in load_jsonl(name):
            lines = [l for l in rec["text"].split("\n") if l.strip()]
            title, body = lines[0], lines[1:]
            for _ in range(max(2, min(8, len(body) // 3))):
                k = rng.randint(3, 8)
                a = rng.randrange(0, max(1, len(body) - k + 1))
                window = [("\n".join("    " + x for x in p.split("\u2028")) if "\u2028" in p else p) for p in body[a:a + k]]
                pages.append((rec["source"], rec["script"], title, window))
    rng.shuffle(pages)
    return pages


def build_doc(rng, source, script, title, paras):
    if script == "simplified" and rng.random() < 0.33:
        script = "traditional"
        title, paras = trad(title), [trad(p) for p in paras]
    if rng.random() < 0.4:
        indent = rng.choice(["　　", "  ", "\u3000"])
        paras = [p if p.startswith("    ") else indent + p for p in paras]
    if rng.random() < 0.4:
        return script, clean_doc(rng, script, title, paras) + ("\n" if rng.random() < 0.5 else "")

    weights = {"garble/inline-pinyin": 2.2 if script == "traditional" else 0, "garble/mojibake": 2.0,
               "garble/replacement": 0.5, "garble/control": 0.5, "garble/zero-width": 0.5,
               "garble/private-use": 0.4, "garble/html-entity": 0.6, "spam/appended-list": 1.8,
               "spam/boilerplate": 2.2, "spam/keyword-injection": 1.8}
    names = [k for k in KINDS if weights[k] > 0]
    kinds = set()
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        kinds.add(rng.choices(names, [weights[k] for k in names])[0])

    body = "\n".join(paras)
    if "spam/keyword-injection" in kinds:
        title, body = inject_keywords(rng, title, body, script)
    head, foot = [], []
    if "spam/boilerplate" in kinds:
        r = rng.random()
        if r < 0.75:
            head = [mark("spam/boilerplate", l) for l in chrome(rng, script, "head")]
        if r > 0.4:
            foot = [mark("spam/boilerplate", l) for l in chrome(rng, script, "foot")]
    meta = [byline(rng, script)] if rng.random() < 0.35 else []
    order = rng.random()
    if head and order < 0.35:
        k = rng.randint(1, len(head))
        top = head[:k] + [title] + meta + head[k:]      # chrome split around the title
    elif head and order < 0.5:
        top = [title] + meta + head                      # chrome after the title
    else:
        top = head + [title] + meta
    gap = rng.choice(["\n", "\n", "\n\n"])
    text = gap.join(top + [body])
    if "garble/inline-pinyin" in kinds:
        text = garble_inline_pinyin(rng, text)
    if "garble/mojibake" in kinds:
        text = garble_mojibake(rng, text)
    for k, fn in [("garble/replacement", garble_replacement), ("garble/control", garble_control),
                  ("garble/zero-width", garble_zero_width), ("garble/private-use", garble_private_use),
                  ("garble/html-entity", garble_html_entity)]:
        if k in kinds:
            text = fn(rng, text)
    tails = []
    if "spam/appended-list" in kinds:
        tails = [mark("spam/appended-list", l) for l in list_lines(rng, script)]
    r = rng.random()
    end = (foot + tails) if r < 0.4 else (tails + foot) if r < 0.8 else (foot[:1] + tails + foot[1:])
    if rng.random() < 0.25:
        end.append(byline(rng, script))
    if end:
        text += gap + "\n".join(end)
    text += "\n" if rng.random() < 0.5 else ""
    if rng.random() < 0.06:
        text = text.replace("\n", "\r\n")
    return script, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "holdout3.jsonl"))
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    rng = random.Random(SEED)
    rows = []
    for i, (source, script, title, paras) in enumerate(load_pages(rng)[:TARGET_DOCS]):
        script, marked = build_doc(rng, source, script, title, paras)
        text, labels = finalize(marked)
        check_labels(text, labels)
        rows.append({"id": "holdout3-%04d" % i, "source": source, "script": script, "text": text, "labels": labels})
    write_jsonl(args.out, rows)
    if args.stats:
        print_stats(rows)


if __name__ == "__main__":
    sys.exit(main())
