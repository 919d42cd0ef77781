//! The detector on whole texts: injected brands, domains and names that fire, and honest
//! writing (news, law, sport, ordinary words) that stays quiet.

use crate::analysis::Code;
use crate::analysis::spam::flagged;

fn injected(text: &str) -> Vec<&str> {
    flagged(text, Code::KeywordInjection)
}

#[test]
fn two_different_phrases_once_each_corroborate() {
    let text = "安装前请备份数据，天博体育，然后重启系统。\n配置文件位于 /etc 目录下，极速贷官网，请勿随意修改。";
    assert_eq!(injected(text), ["天博体育", "极速贷官网"]);
    // A made-up name before 娱乐 standing as its own clause joins them.
    let text = format!("{text}\n执行命令之前，鑫鼎娱乐，先检查权限。");
    assert_eq!(injected(&text), ["天博体育", "极速贷官网", "鑫鼎娱乐"]);
    // The lexicon's 金沙娱乐 takes its venue word and the hard suffix after it.
    assert_eq!(
        injected("安装之后，金沙娱乐场注册送88，缓存目录里会有软件包。"),
        ["金沙娱乐场注册送88"]
    );
    // A word glued on by an underscore is no part of the host.
    let text = "第三章 权限设置_hg5599.cc\n把权限设为 0002，hg5599.cc，更安全。";
    assert_eq!(injected(text), ["hg5599.cc", "hg5599.cc"]);
}

#[test]
fn single_mentions_in_news_law_and_ordinary_words_stay_quiet() {
    for text in [
        // Honest news names a casino resort once, beside a spam host elsewhere.
        "据中央社报道，澳门新濠天地本月举办展览，入场人数创新高。\n详见 www.lh3651.xyz 的说明，lh3651.xyz 也有。",
        // A police report names the site it shut down.
        "开设赌场的，处五年以下有期徒刑。\n查处的“开云体育”等境外赌博网站已被依法关停，天博体育官网同时被封。",
        // 国际 modifying a noun, ordinary words ending in 彩 / 贷 / 娱乐.
        "泰国受国际市场影响，出口下降。\n色彩鲜艳的画面，信贷政策收紧，休闲娱乐设施完善，中国国际贸易促进委员会发布报告。",
        // Two lottery names of the state, each once.
        "福利彩票的公益金用于养老。\n体育彩票的公益金用于全民健身。",
    ] {
        assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
    }
}

#[test]
fn repeated_brand_in_unrelated_sentences() {
    let text = include_str!("../../../../tests/fixtures/spam/injection_simplified.txt");
    assert_eq!(injected(text), ["澳门新葡京娱乐"; 3]);
    let text = "經過5年探索和博狗亞洲，已取得實質性突破。形成了共同發展的博狗亞洲。";
    assert_eq!(injected(text), ["博狗亞洲", "博狗亞洲"]);
    let text = "全市澳門(mén)新葡京改制已達到。";
    assert_eq!(injected(text), Vec::<&str>::new());
    let text = "全市澳門(mén)新葡京官網改制已達到。";
    assert_eq!(injected(text), ["澳門(mén)新葡京官網"]);
}

#[test]
fn live_dealer_casinos_and_ranking_services() {
    let text = "投资总额内进行ag真人视讯。国内投资ag真人视讯符合规定。";
    assert_eq!(injected(text), ["真人视讯", "真人视讯"]);
    let text = "两国复交符合两国百度快速排名的利益。祝愿中国百度快速排名早日实现。";
    assert_eq!(injected(text), ["快速排名", "快速排名"]);
    assert!(injected("电视讯号很好。视讯会议开始了。").is_empty());
}

#[test]
fn hard_suffix_once_and_spam_domains() {
    assert_eq!(injected("我们在百家乐开户了。"), ["百家乐开户"]);
    let text = "由于标识物本身具有很强的www.hg0088.com性。1www.hg0088.com997年共查补税款。";
    assert_eq!(injected(text), ["www.hg0088.com", "www.hg0088.com"]);
    let text = "详见www.people.com.cn。也可访问www.people.com.cn。";
    assert!(injected(text).is_empty());
}

#[test]
fn file_names_with_digits_are_not_throwaway_domains() {
    let text = "字体文件SimSun18030.ttc放在这里。安装SimSun18030.ttc之后重启。\
                    再用SimSun18030.ttc排版。c70usong.fd是字体定义。修改c70usong.fd即可。\
                    参考c70usong.fd的写法。";
    assert!(injected(text).is_empty(), "{:?}", injected(text));
    // A lower-case throwaway host recurring in three sentences still counts.
    let text = "欢迎访问bet9527.cc注册。请到bet9527.cc领取。下载bet9527.cc客户端。";
    assert_eq!(injected(text).len(), 3, "{:?}", injected(text));
}

#[test]
fn unknown_brand_and_throwaway_domain_repeated() {
    let text = include_str!("../../../../tests/fixtures/spam/injection_unknown_brand.txt");
    assert_eq!(
        injected(text),
        [
            "鑫鼎娱乐",
            "鑫鼎娱乐",
            "鑫鼎娱乐",
            "bet-9527.net",
            "bet-9527.net",
            "bet-9527.net"
        ]
    );
    // Once or twice is not a pattern; with a hard suffix once is enough.
    assert!(injected("推动鑫鼎娱乐改革。鑫鼎娱乐发展。").is_empty());
    assert_eq!(injected("推动鑫鼎娱乐官网改革。"), ["鑫鼎娱乐官网"]);
    assert!(injected("详见bet-9527.net。也见bet-9527.net。").is_empty());
}

#[test]
fn han_named_sports_brands_grouped_by_name() {
    let text = "管理者容易忽略这一点。星空体育确实如此。系统默认的方法就能达成。星空体育Debian 的政策禁止这样做。优先性小于 1000。星空体育APT 设定若干选项。";
    assert_eq!(
        injected(text),
        ["星空体育", "星空体育Debian", "星空体育APT"]
    );
    let text = "自从 Qt 4.0 发布后，BOB体育KDE 的授权问题解决了。不像 GNOME，BOB体育Xfce 没有定为默认。我们想要弄明白，BOB体育但又很敏感。";
    assert_eq!(injected(text).len(), 3);
    let text = "配置文件很重要，雷火电竞还有您使用的程序。如果该选项已禁用，雷火电竞则打印机不可用。在纸张两面进行打印：雷火电竞转入打印窗口。";
    assert_eq!(injected(text), ["雷火电竞"; 3]);
}

#[test]
fn sport_and_games_writing_stays_quiet() {
    for text in [
        "学校体育是基础。学校体育要加强锻炼。学校体育工作会议召开。",
        "群众体育蓬勃发展。群众体育设施增加。群众体育活动丰富。",
        "阳光体育每天一小时。阳光体育让学生爱上运动。阳光体育全面推开。",
        "星空体育馆开放。星空体育馆维修。星空体育馆闭馆。",
        "校园电竞兴起。校园电竞社团成立。校园电竞选手获奖。",
    ] {
        assert!(injected(text).is_empty(), "{text}");
    }
}

#[test]
fn glued_plain_domains_recurring() {
    let text = "如果计算机没反应，hth.com尝试按一下电源键。如果仍不起作用，hth.com则最后一种方法是断电。如果计算机掉电，hth.com而且又没有额外的电源。";
    assert_eq!(injected(text), ["hth.com"; 3]);
    for text in [
        // Spaced, as technical text writes addresses, or beside other domains.
        "访问 debian.com 了解。请看 debian.com 的说明。打开 debian.com 即可。",
        "在github.com上提交。在github.com上讨论。在gitlab.com上镜像。",
        "登录taobao.com购物。登录taobao.com付款。登录taobao.com查询。",
        "在github.com上提交。在github.com上讨论。在github.com上镜像。",
    ] {
        assert!(injected(text).is_empty(), "{text}");
    }
}

#[test]
fn honest_repetition_stays_quiet() {
    for text in [
        include_str!("../../../../tests/fixtures/spam/honest_repetition.txt"),
        include_str!("../../../../tests/fixtures/spam/crackdown_unknown_brand.txt"),
        "拨打12306.cn。登录12306.cn购票。访问12306.cn查询。",
        "在51job.com找工作。51job.com发布。51job.com统计。",
    ] {
        assert!(injected(text).is_empty(), "{text}");
    }
}

#[test]
fn loan_streaming_and_lottery_sites_with_hard_suffixes() {
    // Made-up names before 彩 / 贷 / 直播 / 平台, carried by a hard suffix, twice.
    let text = "配置文件放在这里。福运彩官网请先备份。修改之后福运彩官网重启服务即可。";
    assert_eq!(injected(text), ["福运彩官网"; 2]);
    let text = "每个进程都有编号，快易贷app下载可以查看。结束进程前，快易贷app下载请确认。";
    assert_eq!(injected(text), ["快易贷app下载"; 2]);
    let text = "樱花直播最新网址用于备份。恢复时樱花直播最新网址需要权限。";
    assert_eq!(injected(text), ["樱花直播最新网址"; 2]);
    let text = "用户组由管理员创建。博顺平台官方网站列出所有组。删除组时博顺平台官方网站会提示。";
    assert_eq!(injected(text), ["博顺平台官方网站"; 2]);
    // Real loan-spam vocabulary once with a hard suffix, and a registration bonus.
    assert_eq!(
        injected("磁盘已满时，征信黑户贷款口子官网会报错。"),
        ["贷款口子官网"]
    );
    let text = "先挂载分区。旺财棋牌注册送58元再格式化。最后旺财棋牌注册送58元检查。";
    assert_eq!(injected(text), ["旺财棋牌注册送58元"; 2]);
}

#[test]
fn hard_only_morphemes_in_honest_text_stay_quiet() {
    for text in [
        // Ordinary words ending in 彩 / 贷 / 直播 / 平台 without a hard suffix.
        "色彩很丰富。水彩画很精彩。五彩缤纷的色彩。",
        "信贷政策调整。小额信贷增长。助学贷款发放。",
        "晚会现场直播。比赛现场直播。直播带货兴起。",
        "政务服务平台上线。服务平台运行平稳。在服务平台办理。",
        // An ordinary phrase before 平台官网, once each.
        "请登录国家政务服务平台官网查询。也可在服务平台官网下载表格。",
        // Once is not a pattern.
        "详见福运彩官网。",
    ] {
        assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
    }
}

#[test]
fn made_up_names_before_guoji_and_digit_names() {
    let text = "进程退出时，金鼎国际释放内存。若没有参数，金鼎国际读取标准输入。\
                    出错时金鼎国际返回非零值。";
    assert_eq!(injected(text), ["金鼎国际"; 3]);
    let text = "参数可以省略，9哥棋牌则使用默认值。若要调试，9哥棋牌请加上选项。\
                    输出写入文件，9哥棋牌覆盖原有内容。";
    assert_eq!(injected(text), ["9哥棋牌"; 3]);
    let text = "默认不启用，BG真人需要手动打开。连接断开后BG真人自动重试。日志里BG真人记录时间。";
    assert_eq!(injected(text), ["BG真人"; 3]);
}

#[test]
fn honest_guoji_counts_and_reality_shows_stay_quiet() {
    for text in [
        // A place before 国际 is an honest name; other 国际 in the text, too.
        "中国国际进口博览会开幕。中国国际进口博览会吸引客商。中国国际进口博览会闭幕。",
        "北京国际机场扩建。北京国际机场通航。北京国际机场客流增长。",
        "华夏国际开业。国际合作加强。华夏国际扩张。华夏国际上市。",
        // Counts and dates before a morpheme are not names.
        "共有3家娱乐公司。其中2家娱乐公司上市。另1家娱乐公司亏损。",
        // 真人秀 is television.
        "这档真人秀很火。真人秀节目增多。观众爱看真人秀。",
    ] {
        assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
    }
}

#[test]
fn throwaway_hosts_on_cheap_domains_and_org() {
    let text = "先安装依赖rt5566.xyz再编译。编译完成后rt5566.xyz运行测试。";
    assert_eq!(injected(text), ["rt5566.xyz"; 2]);
    let text = "选项不区分大小写，bo8.win可以缩写。未知选项bo8.win会被忽略。结果bo8.win写到屏幕。";
    assert_eq!(injected(text), ["bo8.win"; 3]);
    let text = "本页由www.dz6677.org转载。请勿从www.dz6677.org下载。www.dz6677.org保留权利。";
    assert_eq!(injected(text), ["www.dz6677.org"; 3]);
    for text in [
        // Project hosts and known sites, repeated.
        "详见www.gnu.org。补丁寄往bug-coreutils@gnu.org。源码在ftp.gnu.org。",
        "访问hao123.com导航。hao123.com收录网站。在hao123.com搜索。",
        "用x86.org的资料。x86.org有手册。x86.org更新了。",
        // Twice on an ordinary domain is not yet a pattern.
        "详见rt5566.com。也见rt5566.com。",
    ] {
        assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
    }
}

#[test]
fn ordinary_words_as_names_with_spam_only_suffixes_or_everywhere() {
    // 金龙 is an ordinary word; a download link or a registration bonus makes it a brand.
    let text = "先读手册，金龙国际app下载再动手。若有疑问，金龙国际app下载请提问。";
    assert_eq!(injected(text), ["金龙国际app下载"; 2]);
    // 黄金娱乐 in four sentences, and the text has no other 娱乐.
    let text = "命令行参数如下，黄金娱乐。输出格式（黄金娱乐）可选。出错时黄金娱乐退出。\
                    本文由黄金娱乐整理。";
    assert_eq!(injected(text), ["黄金娱乐"; 4]);
    for text in [
        // An ordinary word before 国际 / 娱乐 with an ordinary suffix, or fewer times.
        "金龙国际官网改版。金龙国际官网上线。",
        "命令行参数如下，黄金娱乐。输出格式（黄金娱乐）可选。出错时黄金娱乐退出。",
        // Leisure writing uses 娱乐 elsewhere too.
        "休闲娱乐设施齐全。休闲娱乐区扩建。休闲娱乐活动多。休闲娱乐消费增长。娱乐至上。",
    ] {
        assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
    }
}

#[test]
fn honest_mentions_stay_quiet() {
    for text in [
        include_str!("../../../../tests/fixtures/spam/crackdown_news.txt"),
        "金沙江水流湍急。银河系有千亿颗恒星。皇冠假日酒店开业。",
        "中国福利彩票发行量增加。体育彩票也在增长。",
        "老人们在棋牌室下棋。社区新建了棋牌室。棋牌室里很热闹。",
        "他去过澳门威尼斯人酒店。",
    ] {
        assert!(injected(text).is_empty(), "{text}");
    }
}
