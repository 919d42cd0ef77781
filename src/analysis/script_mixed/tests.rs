use super::*;
use crate::analysis::{Config, DocSummary, check_local};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn findings(text: &str) -> Vec<Finding> {
    let config = Config::default();
    check_local(text, &DocSummary::of(text), &config)
        .into_iter()
        .filter(|f| f.code == Code::ScriptMixed)
        .collect()
}

fn spans(text: &str) -> Vec<&str> {
    findings(text)
        .iter()
        .map(|f| &text[f.range.clone()])
        .collect()
}

/// A Traditional paragraph that makes any test text a Traditional document.
const TRADITIONAL: &str = "這個國家的經濟發展與時俱進，黨員幹部們認真學習。\n\n";

fn in_traditional(body: &str) -> String {
    format!("{TRADITIONAL}{body}")
}

#[test]
fn seed_reports_the_conversion_slips() {
    let found = spans(SEED);
    for slip in ["最后", "干部", "斗爭", "哪里", "戰(zhàn)斗", "先后", "骨干"] {
        assert!(found.contains(&slip), "{slip} missing from {found:?}");
    }
    let title_end = SEED.find("中把基層").unwrap();
    let title_slip = findings(SEED)
        .into_iter()
        .find(|f| f.range.end == title_end)
        .unwrap();
    assert_eq!(&SEED[title_slip.range.clone()], "斗爭");
    assert_eq!(
        title_slip.message,
        "「斗爭」应为「鬥爭」（简体字混入繁体文本）"
    );
    assert_eq!(title_slip.fixes[0].replacement, "鬥爭");
    let last = findings(SEED)
        .into_iter()
        .find(|f| &SEED[f.range.clone()] == "最后")
        .unwrap();
    assert_eq!(last.message, "「最后」应为「最後」（简体字混入繁体文本）");
    assert_eq!(last.severity, crate::analysis::Severity::Hint);
}

#[test]
fn seed_findings_are_simplified_forms_with_unsafe_fixes() {
    for f in findings(SEED) {
        let span = &SEED[f.range.clone()];
        assert!(span.chars().any(could_be_slip), "{span}");
        assert_eq!(f.fixes.len(), 1);
        assert!(!f.fixes[0].safe, "script fixes change body text");
        assert_eq!(span.chars().count(), f.fixes[0].replacement.chars().count());
    }
}

#[test]
fn seed_spam_tail_is_not_reported() {
    let tail = SEED.find("夏河县").unwrap();
    assert!(findings(SEED).iter().all(|f| f.range.end <= tail));
}

#[test]
fn simplified_and_unknown_documents_stay_quiet() {
    assert!(findings("最后，干部们在重大斗争中发挥作用，县里的工作。").is_empty());
    assert!(findings("最后干部").is_empty());
}

#[test]
fn simplified_only_characters() {
    let text = in_traditional("他們來自台南县。");
    assert_eq!(spans(&text), ["台南县"]);
    let f = &findings(&text)[0];
    assert_eq!(f.fixes[0].replacement, "台南縣");
}

#[test]
fn greedy_matching_does_not_hide_or_invent_words() {
    assert_eq!(spans(&in_traditional("在重大斗爭中前進。")), ["斗爭"]);
    // 皇后 + 面前, not 后面.
    assert!(spans(&in_traditional("他跪在皇后面前。")).is_empty());
}

#[test]
fn variant_preferences_are_not_slips() {
    let text =
        in_traditional("台灣的山峰很高，人群聚集着，心裡想著線條。為了衛生，大家說話溫和。\n");
    assert!(spans(&text).is_empty(), "{:?}", spans(&text));
}

#[test]
fn correct_traditional_words_with_shared_characters_stay_quiet() {
    let text = in_traditional(
        "我很了解情況。皇后與王后在宮裡。若干年後，他們干預此事，乾杯慶祝。北斗七星在夜空。\n",
    );
    assert!(spans(&text).is_empty(), "{:?}", spans(&text));
}

#[test]
fn simplified_quotation_lines_are_skipped() {
    let text = in_traditional("他引用道：“这个问题很重要，我们要认真对待。”\n");
    assert!(spans(&text).is_empty(), "{:?}", spans(&text));
    let tail = in_traditional("夏河县| 芒康县| 科技| 尉犁县| 崇义县|");
    assert!(spans(&tail).is_empty());
}

#[test]
fn adjacent_slips_form_one_finding_and_keep_annotations() {
    let text = in_traditional("加強聯(lián)系，服務群眾。");
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], "聯(lián)系");
    assert_eq!(found[0].fixes[0].replacement, "聯(lián)繫");
    assert_eq!(
        found[0].message,
        "「聯系」应为「聯繫」（简体字混入繁体文本）"
    );
    let text = in_traditional("這里的干部。");
    assert_eq!(spans(&text), ["這里", "干部"]);
}

#[test]
fn english_messages_and_odd_input() {
    let text = in_traditional("最后\r\n𠮷干部\u{0}😀");
    let config = Config {
        locale: crate::analysis::Locale::En,
        ..Config::default()
    };
    let found = check_local(&text, &DocSummary::of(&text), &config);
    let slip = found.iter().find(|f| f.code == Code::ScriptMixed).unwrap();
    assert!(slip.message.starts_with("“最后” should be “最後”"));
}

/// Clean Traditional text that the character-level reading misjudged (issue 14, item 6): each
/// stays quiet now.
#[test]
fn correct_traditional_text_is_not_a_slip() {
    for clean in [
        // 后 is a sovereign or a queen.
        "她是后妃之一，地位很高。",
        "下武維周，世有哲王。三后在天，王配于京。",
        // 試製 inside 考試 + 制度.
        "科舉是古代的考試制度。",
        // 這 + 只在, not 這隻.
        "這只在少數情況下發生。",
        "這只有一個檔案系統。",
        // 占 and 佔 are both Taiwan forms.
        "行動裝置的占比逐年上升。",
        "他侵占了鄰居的土地。",
        // 云 is "to say" in a classical quotation.
        "《詩》云：「周雖舊邦，其命維新。」",
        // 里 in a transliterated name.
        "馬克里是一位義大利作家。",
        "埃里克·雷蒙寫過一個很好的指南。",
        // 和 + 面板, not 和麪.
        "請打開視窗和面板的設定。",
        // 在地 + 志工, not 地誌.
        "我們招募在地志工協助活動。",
        // 強制 + 成, 體系 + 結構, 控制 + 程序, 若干 + 個, 大小 + 只要.
        "不帶雙引號的標識強制成小寫。",
        "存放通用於所有體系結構的檔案。",
        "可以再被一個新的控制程序獲得。",
        "包括檔案頭中的若干個位元組。",
        "它不限制你的資料的大小只要你有足夠的記憶體。",
        // Classical text: 谷風, 先后 (former kings), 并 (annex).
        "習習谷風，以陰以雨。黽勉同心，不宜有怒。",
        "方命厥后，奄有九有。商之先后，受命不殆。",
    ] {
        let text = in_traditional(clean);
        assert!(spans(&text).is_empty(), "{clean}: {:?}", spans(&text));
    }
}

/// Real Traditional sentences (from the zh_TW Debian and LibreOffice documentation in
/// `eval/source/`) with one word put back into Simplified, as a converter leaves it.
#[test]
fn slips_in_real_traditional_sentences_are_found() {
    for (text, slip, fix) in [
        ("非官方的來源多半放在此檔案的最后面。", "最后", "最後"),
        ("如果你不確定檔案被安裝到了哪里，請先查詢。", "哪里", "哪裡"),
        ("能幫助在 Debian 迷宮里面徘徊的人們。", "里面", "裡面"),
        (
            "但 Debian 的生態系统以更好的選擇解決此問題。",
            "生態系统",
            "生態系統",
        ),
        ("他們來自台南县，在縣政府工作。", "台南县", "台南縣"),
        (
            "選取一個漸層色圖案樣式，然后按一下 [確定]。",
            "然后",
            "然後",
        ),
        ("黨員干部要在重大斗爭中發揮作用。", "干部", "幹部"),
    ] {
        let text = in_traditional(text);
        let found = findings(&text);
        let hit = found.iter().find(|f| &text[f.range.clone()] == slip);
        let hit = hit.unwrap_or_else(|| panic!("{slip} missing from {:?}", spans(&text)));
        assert_eq!(hit.fixes[0].replacement, fix);
    }
}

#[test]
fn quoted_mentions_script_talk_and_deliberate_documents_stay_quiet() {
    assert!(spans(&in_traditional("大陸寫作「县」，這裡寫作「縣」。")).is_empty());
    assert!(spans(&in_traditional("「县」是「縣」的簡體字，兩者意思相同。")).is_empty());
    // A bilingual page: many Simplified-only characters, on purpose.
    let bilingual = format!(
        "{TRADITIONAL}這是繁體版說明，請選擇您需要的語言。這個網頁的內容與簡體版相同，\
         歡迎各位讀者閱讀並提供寶貴意見。我們會盡快處理您的問題與建議。\n\n\
         这是简体版说明，请选择您需要的语言。\n\n\
         簡體版與繁體版內容相同，只是字形不同。最后更新：今天。\n"
    );
    let summary = DocSummary::of(&bilingual);
    assert_eq!(summary.script(), Script::Traditional);
    assert!(context::is_deliberate(&summary.script_counts));
    assert!(spans(&bilingual).is_empty(), "{:?}", spans(&bilingual));
    // Garbage is garble/replacement's: 锟 is a Simplified form by accident.
    assert!(spans(&in_traditional("視窗中的锟斤拷锟斤拷游標位置。")).is_empty());
}
