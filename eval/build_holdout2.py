#!/usr/bin/env python3
"""Builds eval/holdout2.jsonl, jiaodui's second (blind) held-out evaluation set.

Same schema as eval/labelled.jsonl (see eval/README.md). It differs from both earlier sets
in its prose and in its injections:

* prose: the Debian Administrator's Handbook in Simplified and Traditional Chinese and the
  GNOME user help in Simplified Chinese (eval/source/debian_handbook_zh_*.jsonl,
  gnome_help_zh_cn.jsonl; see eval/SOURCES.md), texts neither earlier set uses;
* injections: vocabularies and formats written afresh for this file from what Chinese
  government, news and portal pages look like (metadata lines with view counters, footer
  blocks with 主办/承办/ICP/公网安备/网站标识码, tag clouds and place-name lists with other
  separators, current gambling / SEO brands, mojibake over every common codec pair, whole
  lines and partial lines), without looking at the detectors' lexicons.

Bylines (来源, 作者, 发布时间, 责任编辑, 编辑, 审核) without any page-chrome element are real
metadata and stay unlabelled, as in the other sets; a metadata line that also carries a
view counter, a font-size switch or print / share buttons is page chrome and is labelled.

Python 3 standard library only, deterministic:

    python3 eval/build_holdout2.py [--stats] [--out PATH]

Spans are marked while a document is assembled with Unicode noncharacters (U+FDD0+k opens
kind k, U+FDE0+k closes it); `finalize` strips them into UTF-8 byte offsets.
"""

import argparse
import os
import random
import sys

from evalkit import (CLOSE, KINDS, MARK_KIND, OPEN, check_labels, finalize, load_jsonl, load_table, mark, marked_mask, print_stats, split_sentences, write_jsonl)

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "source")
SEED = 0x32646C6F  # "2dlo"
TARGET_DOCS = 420



def is_han(ch):
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------- tables


S2T = load_table("STCharacters.txt")
T2S = load_table("TSCharacters.txt")
READ = {k: v[0].split(",") for k, v in load_table("readings.txt").items()}
T_ONLY = {c for c in T2S if len(c) == 1 and c in READ and c not in {x for vs in T2S.values() for x in vs}}
with open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") as f:
    PLACES = [l.strip() for l in f if l.strip() and not l.startswith("#")]
PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
             "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
             "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]


def trad(s):
    return "".join(c if c in MARK_KIND else S2T.get(c, [c])[0] for c in s)


def script_of(s, script):
    return trad(s) if script == "traditional" else s


# ---------------------------------------------------------------- page chrome

PORTALS = ["泉州市人民政府", "临沂市教育局", "河源市自然资源局", "黔东南州人民政府", "嘉兴日报",
           "潇湘晨报网", "荆楚网", "大河网", "东南网", "华声在线", "海峡都市报", "红网", "中国山东网",
           "鄂尔多斯市发改委", "岳阳县融媒体中心"]
CHANNELS = ["政策文件", "工作动态", "媒体聚焦", "县区动态", "公示公告", "政策解读", "人事信息",
            "今日头条", "时政要闻", "法治", "科教", "视频", "专题", "信息公开目录"]
PEOPLE = ["林晓", "何文斌", "韦丽", "邵明", "冯佳琪", "钟建华", "蒋燕", "潘立新"]
SOURCES_ = ["市政府办公室", "本网", "市融媒体中心", "新华网", "中国政府网", "县农业农村局", "人民日报客户端"]


def when(rng):
    return "%d-%02d-%02d %02d:%02d" % (rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28),
                                       rng.randint(7, 21), rng.randint(0, 59))


def meta_chrome_line(rng):
    """A metadata line that carries page chrome (counter, font size, print / share)."""
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice(["发布时间：", "发布日期：", "时间：", "日期："]) + when(rng))
    if rng.random() < 0.7:
        parts.append(rng.choice(["来源：", "信息来源：", "文章来源："]) + rng.choice(SOURCES_))
    if rng.random() < 0.4:
        parts.append(rng.choice(["作者：", "撰稿："]) + rng.choice(PEOPLE))
    chrome = rng.sample([
        "浏览次数：%d" % rng.randint(12, 98000),
        "点击数：%d" % rng.randint(3, 9000),
        "阅读量：%d" % rng.randint(100, 50000),
        "访问量：[%d]" % rng.randint(10, 9999),
        "【字体：大 中 小】",
        "字号：[大 中 小]",
        "【打印】",
        "【关闭】",
        "分享到：",
        "打印",
        "[ 打印 ]",
    ], rng.randint(1, 3))
    parts += chrome
    sep = rng.choice(["　", "  ", " ", "　 ", "    "])
    return sep.join(parts)


def head_chrome(rng, script):
    portal = rng.choice(PORTALS)
    ch = rng.sample(CHANNELS, 2)
    arrow = rng.choice([">", " > ", ">>", " >> ", "》", " → ", "＞"])
    pool = [
        lambda: rng.choice(["当前位置：", "您的位置：", "所在位置：", "您当前所在位置："]) + arrow.join(["首页", ch[0], ch[1]]),
        lambda: "首页" + arrow + ch[0] + arrow + "正文",
        lambda: meta_chrome_line(rng),
        lambda: "扫一扫在手机打开当前页",
        lambda: rng.choice(["【字号 大 中 小】", "字号：T|T", "[ 大 中 小 ]", "【 字体：大 中 小 】【 打印 】"]),
        lambda: "政务服务 | 政府信息公开 | 互动交流 | 走进" + portal[:2],
        lambda: rng.choice(["无障碍", "适老化版"]) + " | 简 | 繁 | 移动版",
        lambda: "今天是%d年%d月%d日 星期%s" % (rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.choice("一二三四五六日")),
        lambda: "欢迎访问" + portal + "网站！",
        lambda: "请输入关键字 搜索",
        lambda: "APP下载 | 登录 | 注册",
        lambda: rng.choice(["听全文", "语音朗读", "朗读全文"]) + " " + rng.choice(["00:00", "▶", "暂停"]),
        lambda: "分享到 微信 微博 QQ空间",
        lambda: "0条评论 | 我要评论",
        lambda: "原文链接 | 纠错",
    ]
    return [script_of(f(), script) for f in rng.sample(pool, rng.randint(1, 4))]


def foot_chrome(rng, script):
    portal = rng.choice(PORTALS)
    prov = rng.choice("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新")
    icp = "%sICP备%d号" % (prov, rng.randrange(10**6, 10**8)) + rng.choice(["", "-1", "-2"])
    gab = "%s公网安备 %d号" % (prov, rng.randrange(10**13, 10**14))
    pool = [
        lambda: rng.choice(["【打印本页】【关闭窗口】", "打印本页 关闭窗口", "[打印本页] [关闭窗口]", "【打印正文】 【关闭】",
                            "打印本页 | 关闭窗口 | 返回顶部"]),
        lambda: rng.choice(["分享到：", "分享到 微信 微博", "分享至：微信 | 微博 | QQ", "分享：", "分享到："]),
        lambda: "扫一扫在手机打开当前页",
        lambda: rng.choice(["相关链接", "相关链接：", "【相关链接】", "相关文章", "相关稿件"]),
        lambda: "版权所有：" + portal + rng.choice(["", "  主办：" + portal + "办公室", "　承办：" + portal + "信息中心"]),
        lambda: rng.choice(["主办单位：", "主办："]) + portal + "　" + rng.choice(["承办单位：", "承办："]) + rng.choice(["市大数据中心", "信息中心", "融媒体中心"]),
        lambda: rng.choice(["", "备案号：", "ICP备案号："]) + icp + rng.choice(["", "　" + gab, "  " + gab]),
        lambda: gab,
        lambda: "网站标识码：%d" % rng.randrange(10**9, 10**10) + rng.choice(["", "　" + icp]),
        lambda: "技术支持：" + rng.choice(["大汉网络", "开普云", "拓尔思", "南威软件"]),
        lambda: "联系电话：0%d-%d　地址：%s" % (rng.randint(10, 999), rng.randrange(10**6, 10**8), portal[:3] + rng.choice(["人民路", "府前街", "滨江大道"]) + "%d号" % rng.randint(1, 300)),
        lambda: "网站地图 | 联系我们 | 网站声明 | 使用帮助",
        lambda: "建议使用%s分辨率浏览本站" % rng.choice(["1920×1080", "1366*768", "1440×900"]),
        lambda: "上一条：" + rng.choice(["关于开展春季植树活动的通知", "我县召开重点项目推进会", "市场监管局发布消费提示"]),
        lambda: "下一条：" + rng.choice(["没有了", "全市教育工作会议召开", "关于公布第二批示范村名单的通知"]),
        lambda: "【我要纠错】",
        lambda: "热点推荐",
        lambda: "Copyright© %d %s All Rights Reserved" % (rng.randint(2010, 2024), portal),
        lambda: "本文链接：http://www.%s.gov.cn/art/%d/%d/%d/art_%d_%d.html" % (
            rng.choice(["qz", "linyi", "heyuan", "qdn"]), rng.randint(2016, 2024), rng.randint(1, 12),
            rng.randint(1, 28), rng.randint(100, 9999), rng.randint(10000, 999999)),
    ]
    return [script_of(f(), script) for f in rng.sample(pool, rng.randint(1, 5))]


# Traditional sites have their own chrome (Taiwan / Hong Kong government and news).
def head_chrome_tw(rng):
    pool = [
        "首頁 > 訊息公告 > " + rng.choice(["新聞稿", "即時新聞", "活動快訊"]),
        "發布日期：%d-%02d-%02d　點閱次數：%d" % (rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(5, 9999)),
        "瀏覽人次：%d" % rng.randint(10, 99999),
        "字級設定：小 中 大",
        "列印 轉寄 分享",
        "Facebook分享 Line分享 Twitter分享",
        "::: 首頁 | 網站導覽 | 雙語詞彙",
        "回上頁 | 友善列印",
    ]
    return rng.sample(pool, rng.randint(1, 3))


def foot_chrome_tw(rng):
    pool = [
        "最後更新日期：%d/%02d/%02d" % (rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28)),
        "回上一頁 | 回首頁",
        "本網站內容之著作權屬" + rng.choice(["行政院", "臺中市政府", "文化部"]) + "所有",
        "地址：" + rng.choice(["100臺北市中正區", "403臺中市西區"]) + "某某路%d號　電話：(0%d)%d-%04d" % (rng.randint(1, 99), rng.randint(2, 8), rng.randint(2000, 2999), rng.randint(0, 9999)),
        "總瀏覽人次：%d" % rng.randint(100000, 9999999),
        "隱私權及資安政策 | 政府網站資料開放宣告",
        "分享至：Facebook Line",
        "列印本頁 關閉視窗",
    ]
    return rng.sample(pool, rng.randint(1, 3))


def bylines(rng, script):
    pool = [
        "来源：%s　作者：%s" % (rng.choice(SOURCES_), rng.choice(PEOPLE)),
        "发布时间：%s　来源：%s" % (when(rng), rng.choice(SOURCES_)),
        "（责任编辑：%s）" % rng.choice(PEOPLE),
        "责任编辑：%s　审核：%s" % (rng.choice(PEOPLE), rng.choice(PEOPLE)),
        "编辑：%s　校对：%s" % (rng.choice(PEOPLE), rng.choice(PEOPLE)),
        "文/%s　图/%s" % (rng.choice(PEOPLE), rng.choice(PEOPLE)),
        "本报记者 %s 通讯员 %s" % (rng.choice(PEOPLE), rng.choice(PEOPLE)),
    ]
    return script_of(rng.choice(pool), script)


# ---------------------------------------------------------------- appended lists

LIST_HEADS = ["标签：", "TAG标签：", "本文标签：", "关键字：", "相关标签：", "热门关键词：", "服务城市：",
              "业务覆盖：", "周边县市：", "热门地区：", "大家都在搜：", "推荐专题：", "站点导航：", "全国分站：",
              "", "", ""]
SEO_SUFFIX = ["seo优化", "网站建设", "代理记账", "注册公司", "月嫂", "开锁", "管道疏通", "防水补漏", "空调维修",
              "网络推广", "小程序开发", "货运物流", "二手房"]
TAG_WORDS = ["政务服务", "乡村振兴", "营商环境", "招商引资", "民生实事", "安全生产", "疫情防控", "就业创业",
             "文明城市", "河长制", "垃圾分类", "一网通办", "放管服", "高质量发展", "基层治理", "数字经济",
             "linux", "debian", "服务器", "开源软件", "网络安全", "云计算", "虚拟化", "数据库"]
LIST_SEPS = ["丨", " 丨 ", "｜", " ", "  ", "、", "，", ",", ", ", "/", " / ", "・", "·", "▏", " · ", "；", "\t", "　", " | "]


def list_line(rng, script):
    head = rng.choice(LIST_HEADS)
    style = rng.random()
    n = rng.randint(5, 28)
    if style < 0.25:
        items = rng.sample(TAG_WORDS, min(n, len(TAG_WORDS)))
    elif style < 0.4:
        items = rng.sample(PROVINCES, min(n, len(PROVINCES)))
    elif style < 0.6:
        suf = rng.choice(SEO_SUFFIX)
        items = []
        for _ in range(n):
            p = rng.choice(PLACES)
            if len(p) >= 3 and p[-1] in "市县区" and rng.random() < 0.6:
                p = p[:-1]
            items.append(p + suf)
    else:
        items = []
        for _ in range(n):
            r = rng.random()
            if r < 0.2:
                items.append(rng.choice(TAG_WORDS))
            else:
                items.append(rng.choice(PLACES))
    sep = rng.choice(LIST_SEPS)
    if rng.random() < 0.1:
        body = "".join("#%s#" % i for i in items) if rng.random() < 0.5 else " ".join("【%s】" % i for i in items)
    else:
        body = sep.join(items)
    line = head + body
    if script == "traditional" and rng.random() < 0.5:
        line = trad(line)
    return line


# ---------------------------------------------------------------- keyword injection

BRANDS = [
    ("开云体育", "開雲體育"), ("华体会", "華體會"), ("米乐m6", "米樂m6"), ("九游会", "九遊會"),
    ("半岛体育", "半島體育"), ("星空体育", "星空體育"), ("BOB体育", "BOB體育"), ("雷火电竞", "雷火電競"),
    ("OD体育", "OD體育"), ("爱游戏体育", "愛遊戲體育"), ("威廉希尔", "威廉希爾"), ("乐天堂fun88", "樂天堂fun88"),
    ("美高梅娱乐", "美高梅娛樂"), ("巴黎人娱乐", "巴黎人娛樂"), ("幸运飞艇", "幸運飛艇"), ("极速赛车", "極速賽車"),
    ("腾讯分分彩", "騰訊分分彩"), ("澳门六合彩", "澳門六合彩"), ("kaiyun.com", "kaiyun.com"),
    ("hth.com", "hth.com"), ("代开发票", "代開發票"), ("办证刻章", "辦證刻章"),
]


def inject_brand(rng, body, script):
    brand = rng.choice(BRANDS)[1 if script == "traditional" else 0]
    sents = split_sentences(body)
    ok = [i for i, s in enumerate(sents) if len(s) >= 15 and not any(c in MARK_KIND for c in s)]
    if len(ok) < 3:
        return body, 0
    pick = rng.sample(ok, min(len(ok), rng.randint(3, 6)))
    how = rng.choice(["noun", "comma", "bracket", "start"])
    done = 0
    for i in pick:
        s = sents[i]
        if how == "bracket":
            ins = rng.choice(["【%s】", "（%s）", "[%s]"]) % brand
        else:
            ins = brand
        if how == "noun":
            # replace the two Han chars after 的 / 在 / 和 / 用
            spots = [k for k in range(1, len(s) - 2) if s[k - 1] in "的在和用与对" and is_han(s[k]) and is_han(s[k + 1])]
            if spots:
                k = rng.choice(spots)
                sents[i] = s[:k] + mark("spam/keyword-injection", ins) + s[k + 2:]
                done += 1
                continue
        if how in ("comma", "noun", "bracket") and "，" in s:
            k = s.index("，") + 1
            sents[i] = s[:k] + mark("spam/keyword-injection", ins) + s[k:]
            done += 1
            continue
        k = len(s) - len(s.lstrip(" 　"))
        sents[i] = s[:k] + mark("spam/keyword-injection", ins) + s[k:]
        done += 1
    return "".join(sents), done


# ---------------------------------------------------------------- garbles


def han_gaps(text):
    m = marked_mask(text)
    return [i for i in range(1, len(text) - 1) if is_han(text[i - 1]) and is_han(text[i]) and not m[i - 1] and not m[i] and not m[i + 1]]


def apply(text, edits):
    """edits: (index, replace_len, new); applied right to left, skipping overlaps."""
    edits = sorted(edits, key=lambda e: e[0])
    kept, last = [], -1
    for e in edits:
        if e[0] > last + 1:
            kept.append(e)
            last = e[0] + max(e[1], 1)
    for i, n, s in reversed(kept):
        text = text[:i] + s + text[i + n:]
    return text


CODEC_PAIRS = [("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "big5"), ("utf-8", "cp1252"),
               ("gbk", "cp1252"), ("gbk", "latin-1"), ("gbk", "big5"), ("big5", "gbk"), ("big5", "cp1252"),
               ("gb18030", "big5"), ("big5", "gb18030")]


def redecode(s, enc, dec):
    try:
        raw = s.encode(enc)
        out = raw.decode(dec)
        if out.encode(dec) != raw:
            return None
    except (UnicodeError, LookupError):
        return None
    for ch in out:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o <= 0x9F or o == 0xAD or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
            return None
    return out if out != s else None


def garble_mojibake(rng, text, script):
    pairs = CODEC_PAIRS
    lines = text.split("\n")
    m = marked_mask(text)
    # char offsets of lines
    offs, o = [], 0
    for l in lines:
        offs.append(o)
        o += len(l) + 1
    idx = [i for i, l in enumerate(lines) if sum(1 for c in l if is_han(c)) >= 6 and not any(m[offs[i]:offs[i] + len(l)])]
    if not idx:
        return text, 0
    rng.shuffle(idx)
    n = 0
    for li in idx[:rng.randint(1, 3)]:
        line = lines[li]
        mode = rng.random()
        enc, dec = rng.choice(pairs)
        if mode < 0.25 and len(line) < 90:
            a, b = 0, len(line)  # the whole line
        elif mode < 0.55:
            a = rng.randrange(0, max(1, len(line) - 8))  # from mid-line to the end
            b = len(line)
            if b - a > 60:
                b = a + 60
        else:
            a = rng.randrange(0, max(1, len(line) - 6))  # a clause inside clean text
            b = min(len(line), a + rng.randint(4, 16))
        for _ in range(6):
            seg = line[a:b]
            if sum(1 for c in seg if is_han(c)) >= 3:
                out = redecode(seg, enc, dec)
                if out:
                    lines[li] = line[:a] + mark("garble/mojibake", out) + line[b:]
                    n += 1
                    break
            b -= 1
            if b - a < 3:
                break
    return "\n".join(lines), n


def garble_replacement(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 3)]:
        s = rng.choice(["\ufffd", "\ufffd\ufffd", "\ufffd" * 4, "锟斤拷", "锟斤拷锟斤拷", "烫烫烫烫", "屯屯屯屯屯屯", "\ufffd?"])
        edits.append((g, rng.choice([0, 1, 2]), mark("garble/replacement", s)))
    return apply(text, edits), len(edits)


def garble_control(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 4)]:
        s = "".join(rng.choice(["\x00", "\x05", "\x06", "\x0f", "\x12", "\x15", "\x17", "\x18", "\x1d", "\x7f", "\x85", "\x8a", "\x92", "\x9c"])
                    for _ in range(rng.choice([1, 1, 2])))
        edits.append((g, 0, mark("garble/control", s)))
    return apply(text, edits), len(edits)


def garble_zero_width(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = [(g, 0, mark("garble/zero-width", rng.choice(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200b\u200b"])))
             for g in gaps[:rng.randint(1, 5)]]
    return apply(text, edits), len(edits)


def garble_private_use(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = [(g, rng.choice([0, 1]), mark("garble/private-use", chr(rng.randrange(0xE000, 0xF8FF))))
             for g in gaps[:rng.randint(1, 3)]]
    return apply(text, edits), len(edits)


def garble_html_entity(rng, text):
    gaps = han_gaps(text)
    rng.shuffle(gaps)
    edits = []
    for g in gaps[:rng.randint(1, 3)]:
        r = rng.random()
        if r < 0.35:
            edits.append((g, 1, mark("garble/html-entity", "&#%d;" % ord(text[g]))))
        elif r < 0.5:
            edits.append((g, 1, mark("garble/html-entity", "&#x%x;" % ord(text[g]))))
        else:
            edits.append((g, 0, mark("garble/html-entity", rng.choice(["&nbsp;", "&nbsp;&nbsp;", "&amp;nbsp;", "&quot;", "&rsquo;", "&bull;", "&times;", "&#8203;", "&zwnj;"]))))
    return apply(text, edits), len(edits)


def garble_inline_pinyin(rng, text):
    m = marked_mask(text)
    kinds = sorted({c for i, c in enumerate(text) if c in T_ONLY and not m[i]})
    if not kinds:
        return text, 0
    chosen = set(rng.sample(kinds, max(1, len(kinds) // rng.randint(2, 4))))
    out, n = [], 0
    for i, c in enumerate(text):
        out.append(c)
        if c in chosen and not m[i] and rng.random() < 0.8:
            out.append(mark("garble/inline-pinyin", "(" + READ[c][0] + ")"))
            n += 1
    return "".join(out), n


# ---------------------------------------------------------------- near misses (clean)

NEAR_SIMPLIFIED = [
    "关键词：开源软件；系统管理；软件包",
    "发布机关：国务院办公厅　成文日期：2023年05月12日",
    "附件：1. 申报表　2. 承诺书",
    "本办法由市发展改革委负责解释，自印发之日起施行。",
    "会议要求各县（市、区）、各部门结合实际抓好落实。",
    "本次抽检覆盖鼓楼区、台江区、仓山区、晋安区、马尾区五个城区。",
    "请在“□同意　□不同意”中勾选一项后签字。",
    "打印机、复印机等办公设备应当定期维护。",
    "读者可以通过微信、微博等渠道反馈意见。",
    "分享经验时，请注明数据来源和统计口径。",
    "网站开办者应当依法办理ICP备案手续，未经备案不得从事互联网信息服务。",
    "执行 apt-get update && apt-get upgrade 即可完成更新，日志写入 /var/log/apt/history.log。",
    "变量 $HOME 指向用户主目录，~/.bashrc 在每次启动交互式 shell 时读取。",
    "浏览次数的统计方法将在下一节说明。",
    "版权所有者有权禁止他人未经许可复制其作品。",
    "他在笔记里写道：北京、天津、石家庄、太原、呼和浩特是这次调研的五站。",
    "相关链接的有效性由各单位自行核实。",
    "查处的“开云体育”等境外赌博网站已被依法关停。",
    "图1（a）为原始数据，图1（b）为处理后的结果。",
    "执行 grep -E 'foo|bar' file.txt 可以同时匹配两个词。",
    "上一条命令的退出码保存在 $? 中。",
]
NEAR_TRADITIONAL = [
    "關鍵字：開放原始碼；系統管理；套件",
    "本案由臺北市、新北市、桃園市、臺中市及高雄市共同辦理。",
    "發布單位：秘書處　聯絡人：陳小姐",
    "請以 apt install 安裝套件，並以 dpkg -l 確認版本。",
    "列印功能位於「檔案」選單之下。",
    "依著作權法規定，著作財產權存續於著作人之生存期間及其死亡後五十年。",
    "「行」字在「銀行」中讀作 háng。",
    "參見附錄(一)及表(二)。",
]


# ---------------------------------------------------------------- documents


def load_pages(rng):
    pages = []
    for name, src_script in [("debian_handbook_zh_cn.jsonl", "simplified"),
                             ("debian_handbook_zh_tw.jsonl", "traditional"),
                             ("gnome_help_zh_cn.jsonl", "simplified")]:
        for rec in load_jsonl(name):
            lines = [l for l in rec["text"].split("\n") if l.strip()]
            title, body = lines[0], lines[1:]
            # several windows from long pages
            for _ in range(max(1, min(6, len(body) // 5))):
                k = rng.randint(2, 7)
                a = rng.randrange(0, max(1, len(body) - k + 1))
                pages.append((rec["source"], rec["script"], title, body[a:a + k]))
    rng.shuffle(pages)
    return pages


def build_doc(rng, source, script, title, paras):
    # Some Simplified pages are served converted to Traditional.
    if script == "simplified" and rng.random() < 0.25:
        script = "traditional"
        title, paras = trad(title), [trad(p) for p in paras]
    indent = rng.choice(["", "", "　　", "  "])
    body_lines = [indent + p for p in paras]
    clean = rng.random() < 0.36
    if clean:
        pool = NEAR_TRADITIONAL if script == "traditional" else NEAR_SIMPLIFIED
        for nm in rng.sample(pool, rng.randint(0, 3)):
            body_lines.insert(rng.randint(0, len(body_lines)), indent + nm)
        head = [title]
        if rng.random() < 0.5:
            head.append(bylines(rng, script))
        text = "\n".join(head + body_lines)
        if rng.random() < 0.3:
            text += "\n" + bylines(rng, script)
        return script, text + ("\n" if rng.random() < 0.6 else "")

    weights = {"garble/inline-pinyin": 1.5 if script == "traditional" else 0, "garble/mojibake": 2.4,
               "garble/replacement": 0.6, "garble/control": 0.5, "garble/zero-width": 0.5,
               "garble/private-use": 0.4, "garble/html-entity": 0.5, "spam/appended-list": 1.6,
               "spam/boilerplate": 2.0, "spam/keyword-injection": 1.3}
    names = [k for k in KINDS if weights[k] > 0]
    kinds = set()
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        kinds.add(rng.choices(names, [weights[k] for k in names])[0])

    body = "\n".join(body_lines)
    if "spam/keyword-injection" in kinds:
        body, _ = inject_brand(rng, body, script)
    head, foot = [], []
    if "spam/boilerplate" in kinds:
        tw = script == "traditional" and rng.random() < 0.5
        if rng.random() < 0.7:
            head = head_chrome_tw(rng) if tw else head_chrome(rng, script)
        if not head or rng.random() < 0.6:
            foot = foot_chrome_tw(rng) if tw else foot_chrome(rng, script)
        head = [mark("spam/boilerplate", l) for l in head]
        foot = [mark("spam/boilerplate", l) for l in foot]
    meta = [bylines(rng, script)] if rng.random() < 0.4 else []
    if head and rng.random() < 0.4:
        k = rng.randint(0, len(head))
        top = head[:k] + [title] + head[k:] + meta
    else:
        top = head + [title] + meta
    gap = "\n\n" if rng.random() < 0.25 else "\n"
    text = gap.join(top + [body])
    if "garble/inline-pinyin" in kinds:
        text, _ = garble_inline_pinyin(rng, text)
    if "garble/mojibake" in kinds:
        text, _ = garble_mojibake(rng, text, script)
    for k, fn in [("garble/replacement", garble_replacement), ("garble/control", garble_control),
                  ("garble/zero-width", garble_zero_width), ("garble/private-use", garble_private_use),
                  ("garble/html-entity", garble_html_entity)]:
        if k in kinds:
            text, _ = fn(rng, text)
    tails = []
    if "spam/appended-list" in kinds:
        tails = [mark("spam/appended-list", list_line(rng, script)) for _ in range(rng.choice([1, 1, 1, 2]))]
    end = (foot + tails) if rng.random() < 0.5 else (tails + foot)
    if rng.random() < 0.3 and not foot:
        end.append(bylines(rng, script))  # an editor line after the list
    if end:
        text += gap + "\n".join(end)
    text += "\n" if rng.random() < 0.6 else ""
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    return script, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "holdout2.jsonl"))
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    rng = random.Random(SEED)
    rows = []
    for i, (source, script, title, paras) in enumerate(load_pages(rng)[:TARGET_DOCS]):
        script, marked = build_doc(rng, source, script, title, paras)
        text, labels = finalize(marked)
        check_labels(text, labels)
        rows.append({"id": "holdout2-%04d" % i, "source": source, "script": script, "text": text, "labels": labels})
    write_jsonl(args.out, rows)
    if args.stats:
        print_stats(rows)


if __name__ == "__main__":
    sys.exit(main())
