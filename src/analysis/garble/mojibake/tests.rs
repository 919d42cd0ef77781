//! Runs found in misread text, codec by codec, and clean text in other languages that stays
//! quiet.

use super::*;
use crate::analysis::{Config, DocSummary};

fn runs(text: &str) -> Vec<(&str, String, bool)> {
    find_runs(text)
        .into_iter()
        .map(|r| (&text[r.range.clone()], r.repair.clone(), r.is_lossless()))
        .collect()
}

/// Encodes `original` with `write` and decodes it with `read`, as a broken pipeline would.
fn misread(
    original: &str,
    write: &'static encoding_rs::Encoding,
    read: &'static encoding_rs::Encoding,
) -> String {
    let (bytes, _, _) = write.encode(original);
    read.decode_without_bom_handling(&bytes).0.into_owned()
}

#[test]
fn utf8_read_as_gbk_is_repaired_exactly() {
    assert_eq!(runs("鍙戝竷"), [("鍙戝竷", "发布".to_string(), true)]);
    assert_eq!(runs("浣犲ソ"), [("浣犲ソ", "你好".to_string(), true)]);
    let text = "标题：鍙戝竷鏃堕棿 2024";
    let found = find_runs(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], "鍙戝竷鏃堕棿");
    assert_eq!(found[0].range, 9..27);
    assert_eq!(found[0].repair, "发布时间");
}

fn apply_repairs(text: &str) -> String {
    let fixes: Vec<Fix> = find_runs(text)
        .iter()
        .map(|r| Fix {
            title: String::new(),
            range: r.repaired.clone(),
            replacement: r.repair.clone(),
            safe: true,
        })
        .collect();
    crate::analysis::fix::apply_fixes(text, &fixes).0
}

#[test]
fn longer_utf8_as_gbk_sentences_round_trip() {
    // Chosen so that no byte is left dangling at the end (GBK decoders read a lone 0x80
    // as €, which shifts the pairing; such texts lose their last byte).
    for original in [
        "基层党组织是贯彻落实党中央决策部署的“最后一公里”，抓重大任务落实是试金石，也是磨刀",
        "发布时间：二〇二四年五月",
        "在重大斗争中把基层党组织锻造得更加坚强",
    ] {
        let garbled = misread(original, encoding_rs::UTF_8, encoding_rs::GBK);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
        assert!(find_runs(&garbled).iter().all(|r| r.is_lossless()));
    }
}

#[test]
fn dangling_last_byte_leaves_a_damaged_tail() {
    // 石。 ends on an odd byte: its last byte became U+FFFD.
    let garbled = misread("落实是试金石。", encoding_rs::UTF_8, encoding_rs::GBK);
    let text = garbled.trim_end_matches('\u{FFFD}');
    let found = find_runs(text);
    assert_eq!(found.len(), 1, "{text}");
    // 。 = E3 80 82 lost its 82: 銆 (E3 80) is damaged.
    assert_eq!(found[0].range, 0..text.len());
    assert_eq!(&text[found[0].repaired.clone()], "钀藉疄鏄\u{E21D}瘯閲戠煶");
    assert_eq!(found[0].repair, "落实是试金石");
    assert!(!found[0].is_lossless());
}

#[test]
fn broken_end_is_flagged_and_only_the_whole_part_repaired() {
    // 你好吗 lost its last byte: 浣犲ソ鍚 + U+FFFD.
    let text = misread("你好吗", encoding_rs::UTF_8, encoding_rs::GBK);
    let cut = text.trim_end_matches('\u{FFFD}');
    let found = find_runs(cut);
    assert_eq!(found.len(), 1, "{cut}");
    assert_eq!(found[0].repair, "你好");
    assert!(!found[0].is_lossless());
    assert_eq!(&cut[found[0].range.clone()], cut);
    // The sure part is fixed safely; 鍚, which holds the lost byte's neighbours, stays.
    let (fixed, n) = crate::analysis::fix::fix_all(&text, &Config::default());
    assert_eq!(n, 1);
    assert_eq!(fixed, "你好鍚\u{FFFD}");
}

#[test]
fn utf8_read_as_cp1252() {
    assert_eq!(
        runs("ä½\u{a0}å¥½"),
        [("ä½\u{a0}å¥½", "你好".to_string(), true)]
    );
    // With the no-break space lost, only 好 is left whole.
    assert_eq!(runs("ä½ å¥½"), [("å¥½", "好".to_string(), true)]);
    let quoted = misread("“你好”", encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
    let text = format!("他说{quoted}。");
    assert_eq!(runs(&text), [(quoted.as_str(), "“你好”".to_string(), true)]);
}

/// The repairs found in `garbled` embedded in a Chinese sentence.
fn repairs_in_sentence(garbled: &str) -> Vec<String> {
    let text = format!("据说{garbled}，请注意。");
    runs(&text)
        .into_iter()
        .map(|(_, repair, _)| repair)
        .collect()
}

#[test]
fn utf8_read_through_foreign_one_byte_pages() {
    // UTF-8 shown as windows-1251 and as code page 437.
    assert_eq!(repairs_in_sentence("иЇ·е…€е¤‡д»Ѕж•°жЌ®"), ["请先备份数据"]);
    assert_eq!(repairs_in_sentence("зЅ‘з»њиїћжЋҐе¤±иґҐ"), ["网络连接失败"]);
    assert_eq!(
        repairs_in_sentence("σ«ëΦúàΦ╜»Σ╗╢σîàΣ╣ïσëì"),
        ["安装软件包之前"]
    );
    let found = find_runs("据说Φ»╖σàêσñçΣ╗╜µò░µì«，请注意。");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].misreading,
        Misreading::Utf8AsForeignPage(ForeignPage::Cp437)
    );
    assert!(found[0].is_lossless());
}

#[test]
fn gbk_read_through_foreign_pages() {
    assert_eq!(repairs_in_sentence("╟δ╧╚▒╕╖▌╩²╛▌"), ["请先备份数据"]);
    assert_eq!(repairs_in_sentence("ﾎﾞｷｨｶﾁﾈ｡"), ["无法读取"]);
    assert_eq!(repairs_in_sentence("헝邱구룀鑒앴"), ["请先备份数据"]);
    assert_eq!(repairs_in_sentence("갛陋흡숭관裂품"), ["安装软件包之前"]);
    // UTF-8 shown as Shift_JIS: kanji with half-width katakana between them.
    assert_eq!(repairs_in_sentence("鄂醍ｻ懆ｿ樊磁螟ｱ雍･"), ["网络连接失败"]);
    // A window that starts inside a two-byte character is flagged but not repaired.
    let found = find_runs("据说醍ｻ懆ｿ樊磁螟ｱ雍･，请注意。");
    assert_eq!(found.len(), 1);
    assert!(found[0].repair.is_empty() || found[0].is_lossless());
}

#[test]
fn short_runs_through_foreign_pages_are_judged_with_their_neighbours() {
    let repaired = |text: &str| -> Vec<String> { runs(text).into_iter().map(|r| r.1).collect() };
    assert_eq!(repaired("明天可能дё‹й›Ё，记得带伞"), ["下雨"]);
    assert_eq!(repaired("他每天晚上Φ»╗Σ╣ª到深夜"), ["读书"]);
    // A no-break space is a trail byte in windows-1251 (格 is E6 A0 BC).
    assert_eq!(repaired("输出的ж\u{A0}јејЏ是文本"), ["格式"]);
    // A digit or the start of a line on one side, Chinese on the other.
    assert_eq!(repaired("处以3е№ґд»Ґ下有期徒刑"), ["年以"]);
    assert_eq!(repaired("说明如下。\nиЇ·жіЁ意，机器上有两块硬盘"), ["请注"]);
    // UTF-8 read as GBK, three rare characters glued inside a sentence.
    assert_eq!(repaired("请参考下面的渚嬪瓙，再动手"), ["例子"]);
    // Digits or a line edge on both sides are not enough.
    assert!(runs("编号 12е№ґд»Ґ34").is_empty());
    assert!(runs("\nе№ґд»Ґ\n").is_empty());
    // Real Russian beside Chinese stays quiet.
    assert!(runs("俄语里“да”是是，“нет”是不，“еда”是食物。").is_empty());
    assert!(runs("Съешь же ещё этих мягких булок").is_empty());
}

#[test]
fn utf8_read_as_koi8r_and_mac_roman() {
    for (encoding, page) in [
        (encoding_rs::KOI8_R, ForeignPage::Koi8R),
        (encoding_rs::MACINTOSH, ForeignPage::MacRoman),
    ] {
        for clean in ["请先备份数据", "系统的默认设置", "安装"] {
            let garbled = misread(clean, encoding_rs::UTF_8, encoding);
            let text = format!("第三步：{garbled}，然后重启。");
            let found = find_runs(&text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].repair, clean, "{text}");
            assert_eq!(found[0].misreading, Misreading::Utf8AsForeignPage(page));
            assert!(found[0].is_lossless());
        }
    }
    // A whole title line, its ASCII left alone.
    let garbled = misread("安装", encoding_rs::UTF_8, encoding_rs::KOI8_R);
    let text = format!("D.3.2. {garbled} debootstrap\n");
    assert_eq!(runs(&text), [(garbled.as_str(), "安装".to_string(), true)]);
}

#[test]
fn real_russian_and_accented_latin_stay_quiet_under_new_pages() {
    for text in [
        "Привет, мир! Это обычный русский текст, ёлка и Ёж.",
        "ГОСТ Р 7.0.5—2008 «Библиографическая ссылка»，即俄罗斯国家标准。",
        "╔══════╗\n║ Меню ║\n╚══════╝",
        "Ça va? Être ou ne pas être. Ålesund, Ärger, Élève, Ñandú, Âge d'or.",
        "CAFÉ CRÈME À LA CARTE, ÉCOLE ÉLÉMENTAIRE, ÊTRE, MÂCON, BÂTIMENT",
        "利润率提升 5‰，约为千分之五。",
        "┌─Д─┐ 表格里的 Д 是俄文字母。",
    ] {
        assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn short_crossed_pairs_with_kana_or_cyrillic() {
    let repaired = |text: &str| -> Vec<String> { runs(text).into_iter().map(|r| r.1).collect() };
    // Big5 意它 and 改動 shown as GBK, glued inside Traditional sentences.
    assert_eq!(repaired("你應該注種ウ們的侷限性"), ["意它"]);
    assert_eq!(repaired("這裡不需要э笆。"), ["改動"]);
    // A line quoting Japanese or Russian, kana standing apart, and Japanese itself stay quiet.
    for text in [
        "日語「種ウ」與「見る」的寫法不同。",
        "動詞見る的意思是看，書く是寫。",
        "俄語 да 與 э笆 不同。",
        "這是見る。",
        "日本語を話す人は多い。",
    ] {
        assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn traditional_text_written_in_gbk_read_as_big5() {
    for clean in ["可以透過指令設定", "使用者名稱", "伺服器設定"] {
        let garbled = misread(clean, encoding_rs::GBK, encoding_rs::BIG5);
        let text = format!("這裡{garbled}，請注意。");
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(
            found[0].misreading,
            Misreading::Crossed(DoubleByte::Gbk, DoubleByte::Big5)
        );
    }
    // Real Traditional prose with rare characters stays quiet.
    for text in [
        "麒麟與鳳凰皆為瑞獸，饕餮紋常見於商周青銅器。",
        "蹣跚學步的孩子躡手躡腳地走進廚房。",
        "魑魅魍魎，皆山林異氣所生。",
    ] {
        assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn utf8_read_as_gbk_twice() {
    for clean in ["特别注意", "网络设置", "数据备份"] {
        let once = misread(clean, encoding_rs::UTF_8, encoding_rs::GBK);
        let twice = misread(&once, encoding_rs::UTF_8, encoding_rs::GBK);
        let text = format!("请{twice}，然后继续。");
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].repair, clean, "{text}");
        assert_eq!(
            found[0].misreading,
            Misreading::Utf8AsTwice(DoubleByte::Gbk)
        );
        assert!(found[0].is_lossless());
    }
    // Mojibake of one misreading is repaired once, not twice.
    let found = find_runs("请鐗瑰埆娉ㄦ剰，然后继续。");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].repair, "特别注意");
    assert_eq!(found[0].misreading, Misreading::Utf8As(DoubleByte::Gbk));
    // Real text with rare characters stays quiet.
    for text in [
        "鑫鑫鑫淼淼淼",
        "他的名字叫鎏金，住在垚山。",
        "閻王殿前鍾馗捉鬼",
    ] {
        assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn utf8_read_as_cp1252_twice() {
    let once = misread("安装文件", encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
    let twice = misread(&once, encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
    let found = find_runs(&twice);
    assert_eq!(found.len(), 1, "{twice}");
    assert_eq!(found[0].repair, "安装文件");
    assert_eq!(found[0].misreading, Misreading::Utf8AsCp1252Twice);
}

#[test]
fn real_japanese_korean_russian_and_box_drawing_stay_quiet() {
    for text in [
        "日语的“ありがとうございます”和韩语的“감사합니다”意思相同。",
        "招牌上写着「ｱｲｳｴｵ」和「東京タワー」，是日文半角片假名。",
        "韩国首都서울특별시的人口约为九百万。",
        "한국어 문장은 띄어쓰기를 합니다",
        "俄语“Добро пожаловать”是欢迎光临的意思，Москва 即莫斯科。",
        "где же деньги，Съешь ещё этих мягких французских булок",
        "┌──────┬──────┐\n│ 名称 │ 说明 │\n├──────┼──────┤\n└──────┴──────┘",
        "公式 Σσ τ = Φ(Θ) 中的 µ 是均值，α ß Γ π 都是希腊字母。",
        "░▒▓█ 进度条 ▄▌▐▀",
    ] {
        assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn gbk_read_as_latin1() {
    assert_eq!(runs("ÄãºÃ"), [("ÄãºÃ", "你好".to_string(), true)]);
    let garbled = misread("发布时间", encoding_rs::GBK, encoding_rs::WINDOWS_1252);
    assert_eq!(runs(&garbled)[0].1, "发布时间");
}

#[test]
fn gbk_read_as_latin1_holding_valid_utf8_is_read_whole() {
    // 划 is GBK BB AE: after 规 (B9 E6) the bytes E6 BB AE are valid UTF-8 (滮), and 很好
    // (BA DC BA C3) holds DC BA, valid UTF-8 too. Read as UTF-8 those pieces would "repair"
    // into unrelated characters and leave the rest garbled; the GBK reading explains all.
    for original in [
        "十四五规划提出要加快发展现代产业体系。",
        "他说今天天气很好，我们去公园散步吧。",
    ] {
        let garbled = misread(original, encoding_rs::GBK, encoding_rs::WINDOWS_1252);
        let found = runs(&garbled);
        assert_eq!(found, [(garbled.as_str(), original.to_string(), true)]);
    }
}

#[test]
fn big5_read_as_latin1_with_letter_trails_and_punctuation() {
    // Big5 trail bytes 40–7E show as ASCII letters (¡A is ，); classical text forms few
    // dictionary words, so the decoded full-width punctuation vouches for it.
    for original in ["彼君子兮，噬肯適我。", "戰少利，陳餘復請兵。"] {
        let garbled = misread(original, encoding_rs::BIG5, encoding_rs::WINDOWS_1252);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
    }
}

#[test]
fn leftovers_follow_a_confirmed_misreading() {
    // 键。 and ）。 are too short to judge alone; after a sentence of GBK read as Latin-1
    // they are read the same way.
    let original = "只需要在引导菜单中按下 Enter 键。这种疗法叫做双重抗血栓疗法（DAPT）。";
    let garbled = misread(original, encoding_rs::GBK, encoding_rs::WINDOWS_1252);
    assert_eq!(apply_repairs(&garbled), original, "{garbled}");
    // 青霉素G竞争: the G stands alone between two runs; 年到 between digits is no Hangul
    // syllable; ªÅ¦ in 包括空字元 is no Ŧ once the line shows Big5 read as Latin-1.
    for (original, write) in [
        ("还会与青霉素G竞争。", encoding_rs::GBK),
        ("从1981年到1997年，美国疾病控制。", encoding_rs::GBK),
        ("例如，* 表示匹配所有的字元 (包括空字元)", encoding_rs::BIG5),
    ] {
        let garbled = misread(original, write, encoding_rs::WINDOWS_1252);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
    }
    // Typographic runs of clean text (’”, ……, ——) pair up as GBK too, but hold no
    // Latin-1 letter: they stay.
    let clean = format!("{garbled}他说：“只有我一个……。”——完");
    assert!(apply_repairs(&clean).ends_with("他说：“只有我一个……。”——完"));
}

#[test]
fn russian_and_cyrillic_mojibake_are_not_made_chinese() {
    // Russian in windows-1251 read as Latin-1 pairs up into GBK level 2 (漕牝痂磬); clean
    // Russian seen through cp1251 likewise; a capitalised or all-capital Cyrillic word is a
    // word; UTF-8 Russian read as cp437 is valid UTF-8 underneath, not GBK.
    let russian = "Всякая доктрина проходит три этапа: сначала ее атакуют.";
    let latin1 = misread(
        russian,
        encoding_rs::WINDOWS_1251,
        encoding_rs::WINDOWS_1252,
    );
    for text in [
        russian,
        latin1.as_str(),
        "ИСТОРИЮ ЦИВИЛИЗАЦИИ МОЖНО ВЫРАЗИТЬ",
        "#╨┐╤Ç╨░╨▓╨╕╨╗╤î╨╜╨╛╨╡",
    ] {
        let repairs: Vec<String> = runs(text).into_iter().map(|r| r.1).collect();
        assert!(
            repairs
                .iter()
                .all(|r| !r.chars().any(crate::analysis::script::is_han)),
            "{text}: {repairs:?}"
        );
    }
}

#[test]
fn latin_words_before_a_no_break_space_and_latin_misread_twice() {
    // Ä before a no-break space is valid UTF-8 for Ġ, and Finnish writes it; Ã before one
    // is à misread.
    assert!(runs("SELKÄ\u{A0}EDELLÄ\u{A0}MAAHAN").is_empty());
    assert_eq!(runs("voilÃ\u{A0}")[0].1, "à");
    // né encoded twice: undone twice.
    assert_eq!(runs("Iggy Pop (nÃƒÂ© Jim Osterberg)")[0].1, "é");
}

#[test]
fn a_character_two_big5_decoders_read_differently_is_not_fixed_safely() {
    // 方其未有之时… in GBK read as Big5 (Python's big5 codec): 其 (C6 E4) shows as む, which
    // another Big5 table reads back as C7 E4 (莋). Which decoder garbled the text is unknown,
    // so the repair is offered, not applied; the certain stretches around it are.
    let garbled = "源む帤衄眳奀ㄛ嘐祥蹋綴懂眳衄森珨极珩﹝";
    let (fixed, _) = crate::analysis::fix::fix_all(garbled, &Config::default());
    assert!(!fixed.contains('莋'), "{fixed}");
    assert!(fixed.contains("未有之时"), "{fixed}");
    let found = find_runs(garbled);
    assert!(found.iter().any(|r| r.guess.is_some()), "{found:?}");
}

#[test]
fn big5_and_gbk_confusions() {
    let original = "我們的國家正在發展，人民生活越來越好";
    let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
    let found = runs(&garbled);
    assert_eq!(found.len(), 1, "{garbled}");
    assert_eq!(found[0].1, original);
    let original = "我们的国家正在发展，人民生活越来越好";
    let garbled = misread(original, encoding_rs::GBK, encoding_rs::BIG5);
    // 人 (C8CB) is no Big5 code: it became U+FFFD, which splits the run. Past it, the
    // edge characters 汜 (民) and 疑 (好) are common, but no clean Han text adjoins them
    // (U+FFFD and the line end do), so they are the run's own.
    let repairs: Vec<String> = runs(&garbled).into_iter().map(|r| r.1).collect();
    assert_eq!(
        repairs,
        ["我们的国家正在发展，", "民生活越来越好"],
        "{garbled}"
    );
}

#[test]
fn quoted_examples_of_misread_letters_stay_quiet() {
    assert!(runs("若終端機無法顯示 “Ã©” 或 Ã¨” 或 “Ã§” 等重音字母").is_empty());
    assert_eq!(runs("我们在CafÃ©见面")[0].1, "é");
}

#[test]
fn near_misses_stay_quiet() {
    for text in [
        "发布时间：2024年",
        "滚烫的锅，别烫伤",
        "Café résumé naïve",
        "×÷±°",
        "“……”——",
        "これは日本語の文章です",
        "温度 25°C，价格 £5，3×4",
        "鄧鍇鑫先生",
        "锟斤拷锟斤拷",
        "Ã",
    ] {
        assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn classical_verse_with_rare_characters_stays_quiet() {
    // Reduplicated and rare but legitimate characters of the 诗经 and Tang/Song verse
    // recode to level 1 characters too (芃芃 → 刷刷), yet no mojibake is there.
    for text in [
        "芃芃黍苗，阴雨膏之。四国有王，郇伯劳之。",
        "倡樓妝㸌㸌，農野綠芃芃。",
        "蓺之荏菽，荏菽旆旆。禾役穟穟，麻麦幪幪，瓜瓞唪唪。",
        "鲁侯戾止，言观其旂。其旂茷茷，鸾声哕哕。",
        "寥泬敞延英，朝班立位橫。",
        "浮雲不相顧，寥泬誰爲梯。",
        "听琤琤漏永，洗银林、梅英半寒收。",
        "竹露點衣巾，湖煙濕扃鑰。",
        "峨峨羣玉山，肅肅紫殿東。",
        "澗草疎疎螢火光，山月朗朗楓樹長。",
        "三幅吹空縠，孰寫仙禽狀。",
        "生前有敵唯丹桂，沒後無家秖白蘋。",
        "長風吹窾木，始有音韻吐。",
        "月娥如有相思淚，秖待方諸寄兩行。",
        "人生代代無窮已，江月年年秖相似。",
        "意君來此地，時復疎林薄。",
        "□望极平田，徘徊欲下，依前被、风惊起。",
        "笳鼓喧喧，旌旗猎猎。",
    ] {
        assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn seed_body_is_clean() {
    let seed = include_str!("../../../../tests/fixtures/seed.txt");
    assert!(find_runs(seed).is_empty(), "{:?}", runs(seed));
}

/// `original` misread inside `before`…`after`: the text and the garbled span.
fn embedded(
    before: &str,
    original: &str,
    after: &str,
    write: &'static encoding_rs::Encoding,
    read: &'static encoding_rs::Encoding,
) -> (String, Range<usize>) {
    let garbled = misread(original, write, read);
    let start = before.len();
    (
        format!("{before}{garbled}{after}"),
        start..start + garbled.len(),
    )
}

#[test]
fn short_big5_as_gbk_run_inside_clean_text() {
    let (text, span) = embedded(
        "在印表機的 [內容] ",
        "對話方塊中",
        "，將紙張方向設定為橫向。",
        encoding_rs::BIG5,
        encoding_rs::GBK,
    );
    let found = find_runs(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].range, span);
    assert_eq!(&text[span], "癸杠よ遏い");
    assert_eq!(found[0].repair, "對話方塊中");
    assert!(found[0].is_lossless());
    assert_eq!(
        found[0].misreading,
        Misreading::Crossed(DoubleByte::Big5, DoubleByte::Gbk)
    );
    // Kana that all turn into common characters, in verse that forms no dictionary word.
    let (text, span) = embedded(
        "麗日流鶯早，",
        "涼天墜露",
        "初。",
        encoding_rs::BIG5,
        encoding_rs::GBK,
    );
    let found = find_runs(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(
        (found[0].range.clone(), found[0].repair.as_str()),
        (span, "涼天墜露")
    );
}

#[test]
fn short_gbk_as_big5_run_inside_clean_text() {
    // Mostly Big5 level 1 characters, with one rare one: only words tell.
    let (text, span) = embedded(
        "手机版\n",
        "盗卖终将解决",
        "\n维护股民权益、保护中小投资者",
        encoding_rs::GBK,
        encoding_rs::BIG5,
    );
    let found = find_runs(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].range, span);
    assert_eq!(found[0].repair, "盗卖终将解决");
    // A character read through code page 950 (①, not the WHATWG reading 啤).
    let text = "的儿子也正好11岁，坴腔陑①岆嗣繫祥す噙啊！";
    let found = find_runs(text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(&text[found[0].range.clone()], "坴腔陑①岆嗣繫祥す噙");
    assert_eq!(found[0].repair, "她的心情是多么不平静");
}

#[test]
fn gbk_as_cp1252_with_ascii_trail_bytes() {
    // 發 = B0 6C, 時 = 95 72: trail bytes shown as letters, a lead byte as •.
    let (text, span) = embedded(
        "讓改革紅利惠及更多羣衆\n",
        "發布時間",
        "：2018-08-03 來源：新華網",
        encoding_rs::GBK,
        encoding_rs::WINDOWS_1252,
    );
    assert_eq!(&text[span.clone()], "°l²¼•rég");
    let found = find_runs(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].range, span);
    assert_eq!(found[0].repair, "發布時間");
    assert_eq!(
        found[0].misreading,
        Misreading::DoubleByteAsCp1252(DoubleByte::Gbk)
    );
    let garbled = misread(
        "輸入時進行拼字檢查",
        encoding_rs::GBK,
        encoding_rs::WINDOWS_1252,
    );
    assert_eq!(
        runs(&garbled),
        [(garbled.as_str(), "輸入時進行拼字檢查".to_string(), true)]
    );
}

#[test]
fn utf8_as_gbk_with_a_rare_character_is_judged_by_words() {
    let (text, span) = embedded(
        "曰：“不愤不启，",
        "不悱不发",
        "，举一隅不以三隅反，则不复也。”",
        encoding_rs::UTF_8,
        encoding_rs::GBK,
    );
    let found = find_runs(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].range, span);
    assert_eq!(found[0].repair, "不悱不发");
}

#[test]
fn european_and_japanese_text_stays_quiet() {
    for text in [
        "他引用了法语「Ça a été très difficile à écrire」和德语「Größe über Äpfel」。",
        "Très élégant, déjà vu, crème brûlée, naïveté, Œuvre, Ærø, Þórður, São João",
        "德国学者 Müller 和西班牙记者 José García 也参加了研讨会。",
        "日本品牌「ユニクロ」在台北開設了旗艦店。",
        "日本品牌「ユニクロ」在上海开设了旗舰店。",
        "他說「こんにちは」，又說「ありがとう」。",
        "設α為常數，β與γ皆為正數，則Δ值為零。",
        "温度 25°C，±0.5°C，价格 €5、£3，“引号”……——",
    ] {
        assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
    }
}

#[test]
fn detect_reports_message_and_fix() {
    let config = Config::default();
    let text = "鍙戝竷";
    let doc = Document::new(text, DocSummary::of(text), &config);
    let mut out = Vec::new();
    detect(&doc, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(
        out[0].message,
        "「鍙戝竷」疑为乱码（UTF-8 被按 GBK 解读），应为「发布」"
    );
    assert_eq!(out[0].fixes[0].replacement, "发布");
    assert!(out[0].fixes[0].safe);
}

#[test]
fn crossed_edge_characters_at_line_start_are_repaired() {
    // 最 (B3CC) reads as the common GBK 程 and 爾 (BAB8) as 焊: at the line start no clean
    // text adjoins them, so they belong to the run.
    for original in ["最簡單的辦法是重新安裝這個套件。", "爾之遠行，何日歸來？"]
    {
        let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
    }
    // Cyrillic и (我) and bopomofo ㄓ (來) at the line start.
    let original = "我來自南方，遠望其山。";
    let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
    assert!(garbled.starts_with("иㄓ"), "{garbled}");
    assert_eq!(apply_repairs(&garbled), original, "{garbled}");
}

#[test]
fn crossed_pieces_cut_off_by_ascii_follow_the_line() {
    // 當 (B7ED) reads as the Simplified 讽, 例 (A8D2) as bopomofo ㄒ, 有 (A6B3) as Greek Τ:
    // each stands apart from the repaired run, separated by ASCII.
    for original in [
        "當 找不到設定檔時，程式會要求使用者輸入另一個檔名。",
        "例如BTS 有 ftp.debian.org 條目用於報告官方套件的錯誤。",
    ] {
        let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
    }
    // Clean Traditional text after a space is not touched.
    let text = "設定 完成之後請重新啟動。";
    assert!(find_runs(text).is_empty(), "{:?}", runs(text));
}

#[test]
fn whole_classical_clauses_of_big5_as_gbk_are_repaired() {
    // Classical text forms few dictionary words; its punctuation, turned into private-use
    // characters, and the level-1 recoding decide.
    for original in ["駿馬名騅，常騎之。", "南山之陽，其木多松，其獸多鹿。"]
    {
        let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
        assert_eq!(apply_repairs(&garbled), original, "{garbled}");
        let (text, _) = embedded(
            "北望其山。",
            original,
            "其中多魚。",
            encoding_rs::BIG5,
            encoding_rs::GBK,
        );
        let expected = format!("北望其山。{original}其中多魚。");
        assert_eq!(apply_repairs(&text), expected, "{text}");
    }
    // Real classical lines with rare characters stay quiet.
    for clean in [
        "鳧鷖在渚，公尸來燕來處。",
        "爰始爰謀，爰契我龜。",
        "或舂或揄，或簸或蹂。",
    ] {
        assert!(find_runs(clean).is_empty(), "{clean}: {:?}", runs(clean));
    }
}
