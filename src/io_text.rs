//! I/O errors in the user's language: the OS's own text is English, so the Chinese locale
//! names the kind of failure itself. Shared by the command line and config-file loading.

use crate::analysis::Locale;

/// What went wrong in an I/O error, in the UI locale.
pub fn io_message(error: &std::io::Error, locale: Locale) -> String {
    use std::io::ErrorKind;
    let zh = match error.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::IsADirectory => "是目录，不是文件",
        ErrorKind::InvalidData => "数据无效",
        ErrorKind::UnexpectedEof => "文件意外结束",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        ErrorKind::AlreadyExists => "已存在",
        _ => "读写失败",
    };
    match locale {
        Locale::Zh => match error.raw_os_error() {
            Some(code) => format!("{zh}（系统错误 {code}）"),
            None => zh.to_string(),
        },
        Locale::En => error.to_string(),
    }
}
