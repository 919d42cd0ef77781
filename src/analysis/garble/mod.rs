//! Garbled-character detectors: text damaged by encoding mix-ups, flattened annotations,
//! invisible characters and leftover markup. One file per code.

pub mod inline_pinyin;
