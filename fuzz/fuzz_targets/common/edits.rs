//! The edit scripts of `rope_edits` and `incremental_analysis`: `didChange` edits decoded from the
//! fuzzer's bytes (positions in UTF-8, UTF-16 or UTF-32, possibly out of range, inside a
//! surrogate pair or a UTF-8 sequence, reversed; cut and paste, garble pieces, raw strings;
//! whole-text replacements), and applying one to `incremental::LiveDocument` exactly as the
//! server does (`convert::byte_range`, then `LiveDocument::edit`) and to a `String` model
//! through `LineIndex`. Both targets read an input the same way, so their corpora mix.

use arbitrary::{Arbitrary, Unstructured};
use jiaodui::lsp::convert;
use jiaodui::incremental::LiveDocument;
use jiaodui::position::{Encoding, LineCol, LineIndex};
use tower_lsp_server::ls_types::{Position, Range as LspRange};

/// At most this many edits per input.
pub const MAX_EDITS: usize = 24;

/// Text worth inserting: garble the detectors look for, line breaks of every kind, astral
/// characters, paragraph breaks, suppression markers.
const PIECES: &[&str] = &[
    "機(jī)",
    "(jī)",
    "堅(jiān)強(qiáng)",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    "𠮷",
    "😀",
    "👨‍👩‍👧",
    "一、",
    "（一）",
    "第一章 ",
    "基層黨組織",
    "锟斤拷",
    "ÃƒÂ©",
    "鍩轰簬",
    "&amp;nbsp;",
    "&#20013;",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\u{e000}",
    "\u{7}",
    "jiaodui-disable",
    "jiaodui-enable",
    "手机版 | 登录 | 注册",
    "澳门新葡京 www.example.com",
    "，",
    "。",
    " ",
    "\u{3000}",
];

#[derive(Arbitrary, Debug)]
pub enum Insert {
    Piece(u8),
    /// A slice of the current text (cut and paste).
    Copy { from: u16, len: u8 },
    Raw(String),
}

#[derive(Arbitrary, Debug)]
pub struct Edit {
    pub start: (u16, u16),
    pub end: (u16, u16),
    pub insert: Insert,
    /// 0: a range edit; 1: replace the whole text (a change without a range).
    pub whole: u8,
    /// Compare the incremental analysis with `check` after this edit when it is 0 (rarely:
    /// a full `check` per edit would make the target too slow to explore edit sequences).
    pub analyse: u8,
}

pub fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub fn insert_text(model: &str, insert: &Insert) -> String {
    match insert {
        Insert::Piece(i) => PIECES[usize::from(*i) % PIECES.len()].to_string(),
        Insert::Copy { from, len } => {
            let a = floor_boundary(model, usize::from(*from));
            let b = floor_boundary(model, a + usize::from(*len));
            model[a..b].to_string()
        }
        Insert::Raw(s) => s.clone(),
    }
}

/// The script's head: the encoding of its positions, and whether to analyse before the
/// first edit.
pub fn head(u: &mut Unstructured) -> (Encoding, bool) {
    let encoding = match u.int_in_range(0..=2u8).unwrap_or(1) {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    (encoding, u.arbitrary::<bool>().unwrap_or(false))
}

/// The script's next edit, while it has one and fewer than `MAX_EDITS` came before;
/// `count` is how many came so far. The script ends with its bytes: `arbitrary` never runs
/// out of data (it reads zeros past the end), so without the `is_empty` test every input
/// ran all 24 edits, the last ones inserting "機(jī)" at 0:0 (and, in `incremental_analysis`,
/// analysing after each).
pub fn next(u: &mut Unstructured, count: &mut usize) -> Option<Edit> {
    if *count == MAX_EDITS || u.is_empty() {
        return None;
    }
    let edit = u.arbitrary::<Edit>().ok()?;
    *count += 1;
    Some(edit)
}

/// Applies `edit` to the document as the server does and to the model through `LineIndex`;
/// both must agree on the byte range, and the rope's length must equal the model's after.
pub fn apply(doc: &mut LiveDocument, model: &mut String, edit: &Edit, encoding: Encoding) {
    let new = insert_text(model, &edit.insert);
    if edit.whole == 1 {
        let len = doc.rope.len_bytes();
        doc.edit(0, len, &new);
        *model = new;
    } else {
        let lsp = LspRange::new(
            Position::new(u32::from(edit.start.0), u32::from(edit.start.1)),
            Position::new(u32::from(edit.end.0), u32::from(edit.end.1)),
        );
        let bytes = convert::byte_range(&doc.rope, lsp, encoding);
        doc.edit(bytes.start, bytes.end, &new);

        let idx = LineIndex::new(model);
        let pos = |(line, col): (u16, u16)| LineCol {
            line: u32::from(line),
            col: u32::from(col),
        };
        let a = idx.offset(model, pos(edit.start), encoding);
        let b = idx.offset(model, pos(edit.end), encoding);
        assert_eq!(bytes, a.min(b)..a.max(b), "rope and line index disagree");
        model.replace_range(a.min(b)..a.max(b), &new);
    }
    assert_eq!(doc.rope.len_bytes(), model.len());
}
