//! The store file: where it is, reading it (TOML or JSON), and writing it
//! back safely.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::model::Store;

/// The file format, told by the extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// `--store`, else `QUOTA_STORE`, else `quota.toml` here.
pub fn resolve(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(crate::env::store)
        .unwrap_or_else(|| PathBuf::from("quota.toml"))
}

/// Reads, parses and validates the store at `path`.
pub fn load(path: &Path) -> Result<Store> {
    let shown = path.display();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail_t!(
            "There is no store at {shown}; create one with `quota init`, or point to yours with --store or QUOTA_STORE.",
            "Không có tệp dữ liệu tại {shown}; hãy tạo bằng `quota init`, hoặc chỉ đến tệp của bạn bằng --store hoặc QUOTA_STORE."
        ),
        Err(_) if path.is_dir() => bail_t!(
            "{shown} is a directory, not a store file; give the path of a .toml or .json file.",
            "{shown} là thư mục, không phải tệp dữ liệu; hãy chỉ đến một tệp .toml hoặc .json."
        ),
        Err(e) => bail_t!(
            "Cannot read the store {shown} ({e}); check the path and its permissions.",
            "Không đọc được tệp dữ liệu {shown} ({e}); hãy kiểm tra đường dẫn và quyền truy cập."
        ),
    };
    let mut store = parse(&bytes, Format::of(path)).with_context(|| shown.to_string())?;
    store.validate().with_context(|| shown.to_string())?;
    Ok(store)
}

/// Parses store text. Errors give line and column but never quote the
/// file, which may hold personal data.
pub fn parse(bytes: &[u8], format: Format) -> Result<Store> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bail_t!(
            "the file starts with a byte-order mark; save it as UTF-8 without BOM.",
            "tệp bắt đầu bằng ký tự BOM; hãy lưu lại dạng UTF-8 không có BOM."
        );
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        bail_t!(
            "the file is not valid UTF-8; save it as UTF-8.",
            "tệp không phải UTF-8 hợp lệ; hãy lưu lại dạng UTF-8."
        );
    };
    if text.trim().is_empty() {
        bail_t!(
            "the file is empty; restore it from its .bak copy or run `quota init` on a new path.",
            "tệp đang trống; hãy khôi phục từ bản .bak hoặc chạy `quota init` với đường dẫn mới."
        );
    }
    match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            broken(line, col, e.message())
        }),
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            broken(e.line(), e.column(), &msg)
        }),
    }
}

fn broken(line: usize, col: usize, message: &str) -> anyhow::Error {
    let message = redact(message.lines().next().unwrap_or_default());
    anyhow::anyhow!(t!(
        "line {line}, column {col}: {message}; fix the file or restore its .bak copy.",
        "dòng {line}, cột {col}: {message}; hãy sửa tệp hoặc khôi phục từ bản .bak."
    ))
}

/// Removes quoted values from a parser message: they come from the file
/// and may be personal data. Field names (in backticks) stay.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quote = false;
    for c in message.chars() {
        if c == '"' {
            if !in_quote {
                out.push_str("a value");
            }
            in_quote = !in_quote;
        } else if !in_quote {
            out.push(c);
        }
    }
    out.trim_end_matches(['.', ' ']).to_string()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The store as text in the given format, records in stable order.
pub fn serialize(store: &mut Store, format: Format) -> Result<String> {
    store.sort();
    Ok(match format {
        Format::Toml => toml::to_string(&*store)?,
        Format::Json => serde_json::to_string_pretty(&*store)? + "\n",
    })
}

/// Creates a new store file; refuses to overwrite one.
pub fn create(path: &Path, store: &mut Store) -> Result<()> {
    let text = serialize(store, Format::of(path))?;
    let mut file = match open_private(path, true) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => bail_t!(
            "{} already exists; `quota init` never overwrites a store.",
            "{} đã tồn tại; `quota init` không bao giờ ghi đè tệp dữ liệu.",
            path.display()
        ),
        Err(e) => bail_t!(
            "Cannot create {} ({e}); check that the directory exists and is writable.",
            "Không tạo được {} ({e}); hãy kiểm tra thư mục có tồn tại và ghi được không.",
            path.display()
        ),
    };
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Opens a file for writing with mode 0600 on Unix: a store may hold
/// personal data.
fn open_private(path: &Path, create_new: bool) -> io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true);
    if create_new {
        opts.create_new(true);
    } else {
        opts.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Writes the store over the old version: a temporary file in the same
/// directory, synced, then renamed over the store.
pub fn save(path: &Path, store: &mut Store) -> Result<()> {
    let text = serialize(store, Format::of(path))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "quota".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let write = || -> io::Result<()> {
        let mut f = open_private(&tmp, false)?;
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        anyhow::anyhow!(t!(
            "Cannot save {} ({e}); nothing was changed. Check the disk and permissions.",
            "Không lưu được {} ({e}); chưa có gì thay đổi. Hãy kiểm tra ổ đĩa và quyền ghi.",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_locate_without_quoting() {
        let text = "version = 1\n[[orgs]]\nid = \"a\"\nname = \"Nguyễn Văn A\"\nmembers = \"Nguyễn Văn B\"\n";
        let err = parse(text.as_bytes(), Format::Toml)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 5, column 11:"), "{err}");
        assert!(!err.contains("Nguyễn"), "{err}");

        let json = "{\"version\": 1, \"orgs\": [{\"id\": \"a\", \"name\": 5}]}";
        let err = parse(json.as_bytes(), Format::Json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 1, column"), "{err}");
    }

    #[test]
    fn redact_drops_quoted_values() {
        assert_eq!(
            redact("invalid type: string \"Lê Thị C\", expected u64"),
            "invalid type: string a value, expected u64"
        );
        assert_eq!(redact("unknown field `nam`"), "unknown field `nam`");
    }
}
