//! The detector on whole texts: what fires after a body and what stays content.

use crate::analysis::Code;
use crate::analysis::spam::{flagged, without_spam};

const BODY: &str = "推动制度建设在基层落地生根，这是一项长期任务。";

fn lists(text: &str) -> Vec<&str> {
    flagged(text, Code::AppendedList)
}

#[test]
fn pipe_list_after_body() {
    let text = format!("{BODY}\n\n夏河县| 芒康县| 科技| 尉犁县| 崇义县| ");
    assert_eq!(lists(&text), ["夏河县| 芒康县| 科技| 尉犁县| 崇义县| "]);
    assert_eq!(without_spam(&text), format!("{BODY}\n"));
}

#[test]
fn list_glued_to_the_last_sentence() {
    let text = format!("{BODY}夏河县| 芒康县| 科技| 尉犁县| 崇义县");
    assert_eq!(lists(&text), ["夏河县| 芒康县| 科技| 尉犁县| 崇义县"]);
    assert_eq!(without_spam(&text), BODY);
}

#[test]
fn list_spanning_lines_and_labelled_lists() {
    let text = format!("{BODY}\n夏河县 芒康县\n尉犁县 崇义县\n陇西县 赤城县\n");
    assert_eq!(
        lists(&text),
        ["夏河县 芒康县\n尉犁县 崇义县\n陇西县 赤城县"]
    );
    let text = format!("{BODY}\n本文关键词：基层党建，组织建设，党支部\n");
    assert_eq!(lists(&text).len(), 1);
    let text = format!("{BODY}\n热门城市：北京 上海 广州 深圳 杭州 成都\n");
    assert_eq!(lists(&text).len(), 1);
}

#[test]
fn two_labelled_lists_are_judged_one_by_one() {
    let first = "地区导航：永德县装修公司 · 根河装修公司 · 隆德装修公司 · 冕宁县装修公司 · 沙雅装修公司 · 房产 · 江北装修公司";
    let second = "Tags：汽车 - 嘉鱼 - 滨海新 - 广平县 - 靖宇县 - 大埔县 - 旅游 - 张家界市";
    let text = format!("{BODY}\n{first}\n{second}\n");
    assert_eq!(lists(&text), [first, second]);
}

#[test]
fn arrow_separated_directories_and_sub_site_heads() {
    let line = "服务区域：焉耆回族自治县 > 星座 > 抚州 > 巴南区 > 新吴区 > 大庆市 > 红古 > 魏都区";
    assert_eq!(lists(&format!("{BODY}\n\n{line}\n")), [line]);
    let line = "本站分站：友好区 - 美食 - 仪征 - 金溪 - 烈山 - 清水河县 - 光泽 - 建水县";
    assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line]);
    let line = "各地分站：北京 上海";
    assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line]);
    // A menu path of a help page is neither a list nor long enough to be one.
    assert!(lists(&format!("{BODY}\n设置 > 隐私 > 屏幕锁定\n")).is_empty());
}

#[test]
fn heads_hashtags_tag_clouds_and_long_generated_names() {
    for line in [
        "大家都在搜：顺昌县防水补漏/奎文防水补漏/南岗区防水补漏/巩义市防水补漏/延庆区防水补漏",
        "推荐专题：政务服务 · 乡村振兴 · 虚拟化 · 就业创业 · 开源软件 · 云计算",
        "TAG标签：湖南\t浙江\t新疆\t四川\t青海",
        "#一网通办##debian##安全生产##钦州市##宁乡市##仓山区#",
        "业务覆盖：#虚拟化##钱塘区##庆安县##保德县##中山区#",
        "河长制\tlinux\t民生实事\t一网通办\t疫情防控\t基层治理\t网络安全",
        "服务器，河长制，就业创业，数字经济，招商引资，网络安全，疫情防控，营商环境",
        "新乡高新技术产业开发区网站建设｜湘潭九华示范网站建设｜修文网站建设｜麻章区网站建设｜茂县网站建设",
        "全国分站：林甸seo优化 · 南通经济技术开发区seo优化 · 张家界市seo优化 · 乌鲁木齐市seo优化 · 洮南seo优化",
        "关键字：青海；上海；四川；海南；西藏；黑龙江",
    ] {
        assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
    }
}

#[test]
fn lists_the_body_announces_are_content() {
    let rows = "长沙市　芙蓉区　天心区　岳麓区　开福区　雨花区\n湘潭市　雨湖区　岳塘区　湘潭县　湘乡市　韶山市";
    for head in ["本表按地级市排列，数据截至2022年底。", "各市所辖县区如下："]
    {
        let text = format!("{BODY}\n{head}\n{rows}\n");
        assert!(lists(&text).is_empty(), "{text}");
    }
    let text = format!("{BODY}\n{rows}\n");
    assert_eq!(lists(&text).len(), 1);
}

#[test]
fn abstract_keywords_and_short_enumerations_are_content() {
    for text in [
        format!("{BODY}\n关键词：开源软件；系统管理；软件包\n"),
        format!("{BODY}\n關鍵字：開放原始碼；系統管理；套件\n"),
        format!("{BODY}\nKeywords: LaTeX; typesetting; Chinese\n"),
        format!("{BODY}\n# 安装\n"),
        format!("{BODY}\n苹果，香蕉，橘子，葡萄，西瓜，桃子\n"),
        format!("{BODY}\n床前明月光，疑是地上霜，举头望明月，低头思故乡\n"),
    ] {
        assert!(lists(&text).is_empty(), "{text}");
    }
}

#[test]
fn counts_enumerators_and_other_separators() {
    for line in [
        // Hit counts after each place, with bullets or Suzhou-numeral bars between.
        "夏河县(31) · 芒康县(7) · 尉犁县(502) · 崇义县(64) · 陇西县(18) · 赤城县(233)",
        "尚志市（12）〡桦南县（9）〡汤原县（77）〡嘉荫县（340）〡铁力市（5）",
        // Circled and inline enumerators.
        "①额敏县 ②托里县 ③和布克赛尔县 ④乌苏市 ⑤沙湾市",
        "1、苏尼特右旗 2、化德县 3、商都县 4、兴和县 5、凉城县 6、察哈尔右翼前旗",
        // Underscores, tildes and stars between generated items.
        "天镇县开锁_阳高县开锁_广灵县开锁_灵丘县开锁_浑源县开锁",
        "宁陵县驾校 ~ 柘城县驾校 ~ 虞城县驾校 ~ 夏邑县驾校 ~ 永城市驾校",
        "淇县 ＊ 浚县 ＊ 汤阴县 ＊ 内黄县 ＊ 林州市 ＊ 滑县",
        // An SEO head glued to its first item, and a closing [更多] link.
        "热门地区新密市 · 登封市 · 巩义市 · 荥阳市 · 中牟县 [更多]",
        "热门推荐 >>邙山区月嫂 ∣ 惠济区月嫂 ∣ 上街区月嫂 ∣ 管城区月嫂 ∣ 金水区月嫂",
    ] {
        assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
    }
}

#[test]
fn identifiers_numbered_steps_and_head_words_in_prose_stay_content() {
    for text in [
        // Underscores inside command names are not separators.
        format!("{BODY}\n用pg_ctl启动，再用pg_dump备份。\n"),
        // One numbered step a line, or two in a sentence, is a procedure.
        format!("{BODY}\n1、打开设置。2、选择网络。\n"),
        // A head word that begins a sentence.
        format!("{BODY}\n热门城市的房价继续上涨，北京 上海 广州 深圳领涨。\n"),
        // A parenthesised year or page is not a hit count of a place list.
        format!("{BODY}\n参见《史记》(1959) 与《汉书》(1962)。\n"),
    ] {
        assert!(lists(&text).is_empty(), "{text}");
    }
}

#[test]
fn search_and_nearby_heads_enumerators_and_farm_separators() {
    for line in [
        "大家也在找：甘泉县  富县  定边县  房贷  美食  靖边县  吴起县",
        "附近的医院：榆阳区 ┆ 横山区 ┆ 府谷县 ┆ 神木市 ┆ 米脂县 ┆ 佳县",
        "(1)岳阳县 / (2)华容县 / (3)湘阴县 / (4)平江县 / (5)汨罗市 查看全部 ›",
        "『浏阳市』　『宁乡市』　『望城区』　『雨花区』　『债务』 [+更多]",
        "相关词条：曲江区 ⋄ 百科 ⋄ 乳源县 ⋄ 源码 ⋄ 域名 ⋄ 仁化县",
        "附近的律所：（1）丰都县，（2）垫江县，（3）忠县，（4）云阳县，（5）奉节县",
        "[热词]考研┊临县┊四六级┊兴县┊岚县┊汾阳市",
        "1.平遥人才网 2.介休人才网 3.灵石人才网 4.寿阳人才网 5.昔阳人才网",
        "隆回县 ＋ 洞口县 ＋ 绥宁县 ＋ 新宁县 ＋ 城步苗族自治县 ＋ 武冈市",
    ] {
        assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
    }
}

#[test]
fn a_marked_list_fires_above_short_page_furniture() {
    let list =
        "周边城市导航：新会装修公司 ▸ 台山装修公司 ▸ 开平装修公司 ▸ 鹤山装修公司 ▸ 恩平装修公司";
    for furniture in [
        "微信分享　微博分享　邮件分享",
        "隐私声明 ｜ 服务条款 ｜ 联系我们 ｜ 投稿须知",
        "客服电话：0750-1234567（工作日 9:00-17:30）",
        "觉得有用？点个赞吧 👍 12",
    ] {
        let text = format!("{BODY}\n{list}\n{furniture}\n");
        assert_eq!(lists(&text), [list], "{furniture}");
    }
    // An SEO head is no content the body announces (可以通过下列方式…).
    let line = "TAGS:泸县|合江县|叙永县|古蔺县|纳溪区";
    let text = format!("{BODY}\n可以通过下列方式安装：\n{line}\n");
    assert_eq!(lists(&text), [line]);
}

#[test]
fn place_lists_of_the_body_stay_content() {
    for line in [
        "下辖：芙蓉区、天心区、岳麓区、开福区、雨花区",
        "巡回法庭：深圳、沈阳、南京、郑州、重庆、西安",
        "行程：北京→天津→济南→南京→上海→杭州",
        "沿途站点：西直门 动物园 国家图书馆 魏公村 人民大学 海淀黄庄",
        "途经：北京市、天津市、沧州市、德州市、济南市、泰安市",
        "沿线车站：北京南、天津南、沧州西、德州东、济南西、泰安、曲阜东、滕州东、枣庄、徐州东",
        "推荐书目：《论语》《孟子》《大学》《中庸》《诗经》《尚书》",
        "(1)打开设置 (2)选择网络 (3)点击高级 (4)输入密码 (5)保存配置 (6)重新启动",
    ] {
        let text = format!("{BODY}\n\n{line}\n");
        assert!(lists(&text).is_empty(), "{line}");
    }
    // A gazetteer's table above the sentence that closes it.
    let text = format!(
        "{BODY}\n区划名称\t面积\t政府驻地\n雨湖区\t452\t雨湖路\n岳塘区\t206\t书院路\n湘潭县\t2134\t易俗河镇\n湘乡市\t1967\t东山街道\n湘潭市人民政府驻岳塘区。\n"
    );
    assert!(lists(&text).is_empty(), "{text}");
    // A list with real paragraphs after it is the body's.
    let text =
        format!("{BODY}\n本站热搜：沿河县 ⋄ 印江县 ⋄ 思南县 ⋄ 石阡县 ⋄ 德江县\n{BODY}{BODY}\n");
    assert!(lists(&text).is_empty(), "{text}");
}

#[test]
fn near_misses() {
    for text in [
        format!("{BODY}\n张三、李四、王五、赵六、孙七等同志参加了会议。"),
        format!("{BODY}\n与会的欧洲七国是德国、法国、希腊、奥地利、比利时、荷兰和意大利。"),
        format!("{BODY}\n\n夏河县 芒康县 尉犁县 崇义县 陇西县\n\n{BODY}\n"),
        format!("{BODY}\n- 北京市\n- 上海市\n- 广州市\n- 深圳市\n- 杭州市\n"),
        format!("{BODY}\n| 北京市 | 上海市 | 广州市 | 深圳市 | 杭州市 |\n"),
        format!("{BODY}\n标签：旅行 摄影 日本\n"),
        format!("{BODY}\n第一章 总则\n第二章 组织\n第三章 纪律\n"),
        "今天天气很好".to_string(),
        "夏河县| 芒康县| 科技| 尉犁县| 崇义县".to_string(),
    ] {
        assert!(lists(&text).is_empty(), "{text}");
    }
}
