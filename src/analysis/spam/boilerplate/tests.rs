//! Chrome and prose lines in both scripts, and the detector on whole pages: what is
//! chrome at the head and foot, and what stays body text.

use super::*;
use crate::analysis::Code;
use crate::analysis::spam::layout::simplified_line;
use crate::analysis::spam::{flagged, without_spam};

fn chrome(line: &str) -> bool {
    is_chrome(&simplified_line(line), &[])
}

#[test]
fn recognises_chrome_lines_in_both_scripts() {
    for line in [
        "手机版",
        "手機(jī)版",
        "歡迎使用手機瀏覽",
        "1 1 1",
        "共產(chǎn)黨員網(wǎng) 打印 糾錯(cuò)",
        "微信掃一掃 ×",
        "收聽本文 00:00/00:00",
        "【字体：大 中 小】【打印】【关闭】",
        "【字體：大 中 小】",
        "分享到：微信 微博 QQ空间",
        "上一篇：关于做好春节期间工作的通知",
        "下一篇：商务部召开例行新闻发布会",
        "打印本页 关闭窗口",
        "返回顶部",
        "相关阅读",
        "版权所有 © 2003-2023 新华网 All Rights Reserved",
        "京ICP备05070218号",
        "扫描二维码 关注我们",
        "扫一扫在手机打开当前页",
        "阅读量：1234",
        "浏览次数：56 次",
        "点击排行",
        "当前位置：首页 > 新闻中心 > 正文",
        "首頁 > 新聞 > 社會",
    ] {
        assert!(chrome(line), "{line}");
    }
}

#[test]
fn page_widgets_reading_time_app_banner_share_hint_disclaimer_weather() {
    for line in [
        "本文共924字，阅读约需2分钟",
        "本文共3767字，閱讀約需14分鍾",
        "黄冈师范学院教务处 版 APP 下载",
        "萍鄉新聞網 版 客戶端 下載",
        "本站由万户网络提供技术支持",
        "打开微信“扫一扫”，即可将网页分享至朋友圈",
        "声明：本文系转载，版权归原作者所有，如有侵权请联系删除。",
        "聲明：本文系轉載，版權歸原作者所有，如有侵權請聯系刪除。",
        "搜索：请输入关键词 | 高级检索",
        "星期三 | 晴 18~26℃",
        "位置：网站首页 » 校园要闻 » 教学科研",
        "◆ 当前位置 ◆ 首页 - 部门动态",
        "公安机关备案号：36676962297328",
        "网友评论 0 条",
        "点赞(15) 收藏(3)",
        "（编辑：刘思远　审核：龙海燕）【我要纠错】",
    ] {
        assert!(
            chrome(line) || is_metadata_chrome(&simplified_line(line)),
            "{line}"
        );
    }
}

#[test]
fn page_widget_near_misses_stay_prose() {
    for line in [
        "本文共分三个部分，阅读时请注意第二部分的例子。",
        "用户可以在官网下载最新版本的客户端，安装后重启。",
        "该项目由学校网络中心提供技术支持，师生均可申请使用。",
        "如有侵权行为，权利人可依法向人民法院提起诉讼。",
        "一、关于位置的说明",
        "位置：湘潭市雨湖区建设路12号",
        "今年夏季气温偏高，7月平均气温达到30℃以上。",
        "/home/<username>/texmf/texdoc/texdoc.cnf",
        "（一）评论 3 篇文章的写法",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn near_misses_are_not_chrome() {
    for line in [
        "打印机故障导致生产线停工",
        "在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)",
        "中共安徽省委組織部",
        "中国新闻网",
        "2023",
        "3",
        "中",
        "本文版权所有者表示，不追究转载责任。",
        "分享经济正在改变城市生活。",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn home_trails_font_switches_link_rows_and_footers() {
    for line in [
        "位置：首页 / 社会民生",
        "位置：首页 - 乡村振兴",
        "首页 | 财经 | 专题专栏 | 国内新闻 | 互动交流",
        "首頁 | 政務公開 | 國內新聞",
        "【大 中 小】",
        "[ 大 中 小 ]",
        "字体：T | T | T",
        "字型大小 A- A A+",
        "听新闻 ▶ 00:00 / 04:36",
        "▲ 回頂端",
        "回上一頁  回到頁首",
        "↑ 点击上方“某某资讯”关注我们",
        "推文 轉錄 回文",
        "隱私權政策 | 資訊安全政策 | 政府網站資料開放宣告",
        "本網站著作權屬於某某時報網，轉載請註明出處",
        "建議使用 Chrome、Edge 最新版本瀏覽，最佳解析度 1920×1080",
        "建议使用IE9以上版本浏览器",
        "本站最佳浏览分辨率 1366*768",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "首页设计获得好评，按钮的位置也作了调整。",
        "位置信息设置",
        "大中小学校",
        "北京 | 上海 | 广州 | 深圳",
        "依著作權法規定，著作財產權存續於著作人之生存期間。",
        "本书版权所有，翻印必究，这行小字印在扉页的最下方。",
        "推荐使用分辨率较高的显示器，效果更好。",
        "\u{1b}[33;1m      *\u{1b}[;m 点阵字体（低分辨率栅格化下表现良好）",
        "型別：main > contrib > non-free",
        "優先順序：需要 > 重要 > 標準 > 可選 > 額外",
        "GNOME3 桌面：“設定” → “系統” → “詳細資訊”",
        "簡言之，gentoo 的 copyright 文件如下所示：",
        "本站分站：安仁县 > 金安区 > 康定市 > 迭部县 > 洛江区 > 昭苏县 > 茌平 > 麒麟区",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn reprint_notices_app_promos_counts_and_article_trails() {
    for line in [
        "转载请注明出处，感谢支持！",
        "本站文章著作权归原作者所有，如有侵权请来信告知。",
        "下载APP，查看更多精彩评论",
        "打开某某日报APP，阅读全文",
        "关注公众号「读书会」，回复“书单”免费领取",
        "本页面最后更新于2019-02-11，总浏览量30412",
        "30412人看过 · 18条评论",
        "发布者：editor  发布时间：2018-05-02 10:21  阅读：9,112 次",
        "目前位置：首页 ／ 诗词赏析",
        "某某资讯网 / 读书 / 文章详情",
    ] {
        assert!(is_chrome(&simplified_line(line), &[]), "{line}");
    }
}

#[test]
fn prose_about_reprints_apps_counts_and_paths_stays_prose() {
    for line in [
        "转载文章时，请务必注明出处并保留作者署名，否则将追究法律责任。",
        "下载这个应用以后，打开它就能看到全部的内容和评论。",
        "关注公众号的人越来越多，很多读者通过它获取新闻。",
        "这篇文章发表于2019-02-11，当时有30412人看过，引发了很多讨论。",
        "全书共有30412人参与调查，其中18条意见被采纳。",
        "配置文件放在 /etc/apt / sources.list 里。",
        "作者：林晓  发布时间：2018-05-02",
    ] {
        assert!(!is_chrome(&simplified_line(line), &[]), "{line}");
    }
}

#[test]
fn counters_greetings_dates_contacts_and_organisers() {
    for line in [
        "總瀏覽人次：8045282",
        "网站访问量：1234567",
        "您是第 123456 位访客",
        "累计访问：98765 人次",
        "欢迎访问河源市自然资源局网站！",
        "歡迎訪問黔東南州人民政府網站！",
        "今天是2024年1月25日 星期二",
        "联系电话：0623-79064827　地址：泉州市滨江大道201号",
        "地址：403臺中市西區某某路97號　電話：(07)2896-3344",
        "主办：河源市自然资源局　承办：市大数据中心",
        "最後更新日期：2019/04/03",
        "本文链接：http://www.qz.gov.cn/art/2021/11/13/art_4404_830200.html",
        "请输入关键字 搜索",
        "语音朗读 ▶",
        "字級設定：小 中 大",
        "政务服务 | 政府信息公开 | 互动交流 | 走进嘉兴",
        "隱私權及資安政策 | 政府網站資料開放宣告",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "浏览次数的统计方法将在下一节说明。",
        "访问 2 次以上的用户占三成，阅读时长平均为 5 分钟。",
        "欢迎访问的客人先到前台登记，再去会议室。",
        "今天是个好日子，星期天我们去公园。",
        "联系人：王老师，联系电话：0731-5829000。",
        "地址：长沙市岳麓区麓山南路 932 号",
        "主办方表示，活动将持续三天。",
        "北京 | 上海",
        "本文链接的有效性由作者负责",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn copyright_owners_and_icp_sentences_are_prose() {
    for line in [
        "版权所有者有权禁止他人未经许可复制其作品。",
        "网站开办者应当依法办理ICP备案手续，未经备案不得从事互联网信息服务。",
        "播放(或者 播放/暫停）",
        "版權人可以在授權書中限制使用範圍。",
    ] {
        assert!(!chrome(line), "{line}");
    }
    for line in [
        "版权所有 翻印必究",
        "湘ICP备05001234号-1",
        "京公网安备 11010502000001号",
        "版权所有：红网",
    ] {
        assert!(chrome(line), "{line}");
    }
}

#[test]
fn bylines_with_counters_or_buttons_are_chrome() {
    let body = "这是正文的第一句话，内容比较长，用来充当正文。";
    let text = format!(
        "标题\n发布日期：2017-12-12 09:04    作者：冯佳琪    点击数：5142\n{body}\n{body}\n日期：2016-03-05 作者：何文斌 【打印】\n"
    );
    assert_eq!(
        flagged(&text, Code::Boilerplate),
        [
            "发布日期：2017-12-12 09:04    作者：冯佳琪    点击数：5142",
            "日期：2016-03-05 作者：何文斌 【打印】"
        ]
    );
    // A plain byline stays metadata.
    let text = format!("标题\n发布日期：2017-12-12　来源：本网\n{body}\n责任编辑：张三\n");
    assert!(flagged(&text, Code::Boilerplate).is_empty());
    assert!(is_metadata_chrome(&simplified_line(
        "發布日期：2021-10-02　點閱次數：26"
    )));
    assert!(is_metadata_chrome(
        "时间：2020-01-01　来源：教务处　点击：[123]次"
    ));
    assert!(!is_metadata_chrome("来源：新华网　作者：林晓"));
    assert!(!is_metadata_chrome("来源：阅读理解 第 3 期"));
}

#[test]
fn related_article_bullets_among_footer_chrome() {
    let body = "这是正文的第一句话，内容比较长，用来充当正文。";
    let text = format!(
        "{body}\n相关阅读\n· 我市开展冬季安全生产大检查\n· 图解：一图读懂政府工作报告\n京ICP备12345678号\n"
    );
    assert_eq!(
        flagged(&text, Code::Boilerplate),
        [
            "相关阅读",
            "· 我市开展冬季安全生产大检查",
            "· 图解：一图读懂政府工作报告",
            "京ICP备12345678号"
        ]
    );
    // Bullets that close a document without chrome beside them are content.
    let text = format!("{body}\n· 第一项：完善制度建设\n· 第二项：加强队伍管理\n");
    assert!(flagged(&text, Code::Boilerplate).is_empty());
}

#[test]
fn entity_semicolons_do_not_make_a_title_prose() {
    let text = "楼主 | 只看该作者 | 倒序浏览\n\n一&#26354;《貂蝉》首次完&ensp;整推出中西合奏\n\n扫一扫在手机打开当前页\n\n  《貂蝉》由钱兆熹作曲，王宁配器，是一部四乐章笛子与管弦乐协奏曲。\n";
    assert_eq!(
        flagged(text, Code::Boilerplate),
        ["楼主 | 只看该作者 | 倒序浏览", "扫一扫在手机打开当前页"]
    );
}

#[test]
fn only_head_and_foot_are_considered() {
    let body = "这是正文的第一句话，内容比较长，用来充当正文。";
    let text = format!("{body}\n\n打印 关闭\n\n{body}\n");
    assert!(flagged(&text, Code::Boilerplate).is_empty());
}

#[test]
fn marked_chrome_between_the_first_body_lines() {
    let body = "这是正文的第一句话，内容比较长，用来充当正文。";
    let text = format!("{body}\n登錄 | 註冊\n【打印】【關閉】\n{body}\n{body}\n");
    assert_eq!(
        flagged(&text, Code::Boilerplate),
        ["登錄 | 註冊", "【打印】【關閉】"]
    );
    // Mojibake of 责任编辑 holds two », yet is no breadcrumb.
    assert!(!chrome("è´£ä»»ç¼–è¾‘"));
    assert!(chrome("新闻中心 » 地方动态 » 正文"));
    assert!(chrome("只看该作者"));
    assert!(chrome("回复 引用 举报 #3楼"));
    assert!(!chrome("关注民生 回应关切"));
    assert!(!chrome("上一篇论文讨论的是选题，下一篇将讨论综述。"));
}

#[test]
fn byte_exact_span_and_fix() {
    let text = "手机版\n\n标题\n\n这是正文的第一句话，内容比较长。\n\n返回顶部";
    let findings = crate::analysis::check(text, &crate::analysis::Config::default());
    let chrome: Vec<_> = findings
        .iter()
        .filter(|f| f.code == Code::Boilerplate)
        .collect();
    assert_eq!(chrome.len(), 2);
    assert_eq!(chrome[0].range, 0.."手机版".len());
    assert_eq!(chrome[0].fixes[0].range, 0.."手机版\n\n".len());
    assert!(chrome[0].fixes[0].safe);
    assert_eq!(&text[chrome[1].range.clone()], "返回顶部");
    assert_eq!(
        without_spam(text),
        "标题\n\n这是正文的第一句话，内容比较长。\n"
    );
}

#[test]
fn configured_phrases() {
    let config = crate::analysis::Config::from_toml("boilerplate = [\"本站聲明\"]").unwrap();
    let text = "这是正文的第一句话，内容比较长。\n本站声明：本文仅代表作者观点\n";
    let found = crate::analysis::check(text, &config);
    assert_eq!(
        found.iter().filter(|f| f.code == Code::Boilerplate).count(),
        1
    );
    assert!(flagged(text, Code::Boilerplate).is_empty());
}

#[test]
fn crlf_lines() {
    let text = "打印\r\n正文很长的一句话，写了又写，还有很多字。\r\n返回顶部\r\n";
    assert_eq!(flagged(text, Code::Boilerplate), ["打印", "返回顶部"]);
    assert_eq!(
        without_spam(text),
        "正文很长的一句话，写了又写，还有很多字。\r\n"
    );
}

#[test]
fn share_bars_menu_bars_and_footer_links_of_other_sites() {
    for line in [
        "分享到：WhatsApp　Telegram　LinkedIn",
        "WhatsApp 分享 | 電郵分享",
        "▌熱門文章",
        "★ 相关推荐",
        "私隱條款 ｜ 服務條款 ｜ 聯絡我們",
        "关于我们 | 广告合作 | 友情链接",
        "某某快讯 NEWS ｜ 主頁 ｜ 要聞 ｜ 體育 ｜ 娛樂",
        "首页 · 专栏 · 视频 · 社区 · 登录",
        "某某财经网 ｜ 股票 ｜ 基金 ｜ 期货 ｜ 外汇",
        "当前：首页 / 读书 / 书评",
        "行動版 | 桌面版",
        "某某書房 列印 回報錯誤",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "互联网 | 物联网 | 车联网 | 区块链",
        "新华网 · 人民网 · 央视网 · 光明网",
        "名称 | 类型 | 长度 | 说明",
        "张三 · 李四 · 王五 · 赵六",
        "当前：内核版本 5.10",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn greetings_service_lines_and_site_notices() {
    for line in [
        "欢迎光临，祝您浏览愉快！",
        "你好，欢迎来到某某社区！ [请登录] [免费注册]",
        "客服热线：400-820-1234（每日 8:00-22:00）",
        "客服邮箱：service@example.com",
        "本网站使用 Cookie 来改善体验，继续使用即表示您接受。",
        "建议使用 Safari、Edge 最新版访问本网站",
        "本文仅代表作者观点，不代表本网立场。",
        "文章来源于网络，若有侵权请联系我们删除",
        "喜欢这篇文章就点个赞吧 👏",
        "某某学习网 — 专注考研辅导二十年",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "欢迎光临的客人请先到前台登记",
        "浏览器会把 Cookie 保存在本地，用户可以随时清除。",
        "建议使用最新版本的 Firefox 进行测试。",
        "客服人员应当在 24 小时内答复投诉。",
        "联系人：李明　电话：0571-8888 1234　邮箱：li@example.org",
        "他说这篇文章值得点赞，因为写得很细致，读完让人受益良多。",
        "某某大学图书馆 — 专注古籍修复",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn app_banners_reading_badges_bylines_and_tag_lines() {
    for line in [
        "打开某某新闻APP，体验更佳",
        "扫码下载某某App 随时随地看新闻",
        "手机扫码继续阅读",
        "⌚ 预计阅读 4 分钟 · 👁 12,345 热度",
        "发布人：编辑组　浏览量：1,234　收藏 ★",
        "分类：前端开发　标签：css、html",
        "12,345 人已阅",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "下载 App 后打开设置页面。",
        "每天坚持阅读 30 分钟",
        "分类：一级",
        "Apple 应用商店下载量第一",
        "某某教程_某某娱乐APP下载",
    ] {
        assert!(!chrome(line), "{line}");
    }
    assert!(is_metadata_chrome("更新时间：08:12 ｜ 3,210 人已阅"));
    assert!(!is_metadata_chrome("更新时间：2024-03-08 08:12"));
}

#[test]
fn numbered_headings_and_copyright_files_are_body() {
    for line in [
        "4.2. copyright",
        "7.3. 登录",
        "3.1 字型",
        "本节介绍 copyright 文件的格式，参见政策手册 12.5 节。",
        "用 --copyright gpl2 参数生成模板",
    ] {
        assert!(!chrome(line), "{line}");
    }
    for line in [
        "Copyright © 2010-2024 某某网",
        "copyright (c) 2019 某某公司",
        "© Copyright 2021",
        "1 1 1",
    ] {
        assert!(chrome(line), "{line}");
    }
    let body = "本章说明软件包的版权文件应当如何填写，以及上游许可证的要求。";
    let text = format!(
        "4.2. copyright\n\n{body}\n{body}\n五、联系我们\n联系人：李明　电话：0571-8888 1234　邮箱：li@example.org\n{body}\n"
    );
    assert!(flagged(&text, Code::Boilerplate).is_empty());
}

#[test]
fn forum_engines_licences_pagers_and_calls_to_action() {
    for line in [
        "Powered by Discuz! X3.4",
        "Processed in 0.032 second(s), 6 queries",
        "GMT+8, 2023-11-02 08:15",
        "互联网新闻信息服务许可证：31120170003",
        "违法和不良信息举报电话：12377",
        "投稿邮箱：news@example.com",
        "本站由某某云提供计算服务",
        "第2页 共7页",
        "共 12 页 ｜ 第 1 页 ｜ 下一页",
        "本文来自网友投稿，不代表本网立场",
        "如需转载，请注明出处",
        "喜欢就分享给朋友吧！",
        "©2023 某某传媒有限公司",
        "往期推荐",
        "在线客服",
    ] {
        assert!(chrome(line), "{line}");
    }
    for line in [
        "第2页",
        "共7页的报告分三个部分",
        "申请人应提交增值电信业务经营许可证复印件。",
        "本站由志愿者维护，欢迎提出意见。",
        "转载须经作者同意，这是著作权法的要求。",
        "版权",
        "版權",
        "声明",
        "设计者应在第 3 页写明用途",
        "版权 © 2001–2022 某某文档团队",
        "Copyright © 2010 The Example Project contributors",
        "版权所有 © 1998 某某基金会",
    ] {
        assert!(!chrome(line), "{line}");
    }
}

#[test]
fn a_copyright_line_beside_its_licence_stays_body() {
    let body = "本手册介绍软件包的维护方法，包括打包、上传和日常维护的各个环节。";
    let text = format!(
        "标题\n{body}\n{body}\n{body}\n{body}\n附录 A. 版权\nCopyright © 2004-2020 某某\n本文档依照 GNU 通用公共许可证第二版或更新版本发布。\n"
    );
    assert!(flagged(&text, Code::Boilerplate).is_empty());
    let text = format!(
        "标题\n{body}\n{body}\n{body}\nCopyright © 1996 某某\n我们 允许 复制 和 再分发 本手册, 前提 是 保留 本版权声明, 修改版 也 按 同样 条款 发布.\n{body}\n"
    );
    assert!(flagged(&text, Code::Boilerplate).is_empty());
    // A site footer in the same place is still chrome.
    let text = format!("标题\n{body}\n{body}\nCopyright © 2004-2020 某某网\n{body}\n");
    assert_eq!(
        flagged(&text, Code::Boilerplate),
        ["Copyright © 2004-2020 某某网"]
    );
}

#[test]
fn edition_headings_are_not_chrome() {
    for line in [
        "【原文】",
        "【注释】",
        "【譯文】",
        "【赏析】",
        "原文",
        "【点评】",
        "原文：",
    ] {
        assert!(!chrome(line), "{line}");
    }
    // Buttons beside them, or a bracketed row of buttons, are still chrome.
    for line in ["【原文】【打印】【关闭】", "查看原文", "【打印】【关闭】"]
    {
        assert!(chrome(line), "{line}");
    }
    let page = "【原文】\n\n子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？\n\n【注释】\n\n说：同悦，高兴、愉快的意思。\n\n【译文】\n\n孔子说：学了又时常温习和练习，不是很愉快吗？\n";
    assert!(flagged(page, Code::Boilerplate).is_empty());
    assert_eq!(without_spam(page), page);
}

#[test]
fn chrome_words_inside_sentences_are_prose() {
    for line in [
        "工厂于去年关闭了生产线。",
        "工厂于去年关闭了生产线",
        "打印机关闭了",
        "打印機關閉了",
        "评论已关闭",
        "他收藏了三张邮票",
        "他打印过文件 收藏着",
    ] {
        assert!(!chrome(line), "{line}");
    }
    let page = "工厂关闭了\n\n这是正文内容，讲了很多事情，这是正文内容。\n\n打印机关闭了\n【打印】【关闭】\n";
    assert_eq!(flagged(page, Code::Boilerplate), ["【打印】【关闭】"]);
    assert!(without_spam(page).contains("打印机关闭了"));
    // Real chrome keeps its recall.
    for line in [
        "【字号：大 中 小】",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "打印关闭",
        "回复 引用 举报 #3楼",
        "只看 该作者",
    ] {
        assert!(chrome(line), "{line}");
    }
}
