//! The store's text: TOML or JSON in, with errors that locate a problem
//! without quoting the file; TOML or JSON out, in a stable order.

use anyhow::Result;

use super::Format;
use crate::lang::{Lang, Text};
use crate::model::Store;

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
        Format::Toml => {
            // Our own layout, read fast; anything else, or any problem, is
            // read again by the full parser for its exact messages.
            if let Some(store) = crate::fasttoml::read(text) {
                return Ok(store);
            }
            toml_parse(text)
        }
        // serde would also read a struct from an array: refuse that here.
        Format::Json if !text.trim_start().starts_with('{') => bail_t!(
            "line 1: a JSON store is an object starting with {{; fix the file or restore its .bak copy.",
            "dòng 1: tệp dữ liệu JSON phải là một đối tượng bắt đầu bằng {{; hãy sửa tệp hoặc khôi phục từ bản .bak."
        ),
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            broken(e.line(), e.column(), &msg)
        }),
    }
}

/// The full TOML parser, with line and column in its errors.
fn toml_parse(text: &str) -> Result<Store> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        broken(line, col, e.message())
    })
}

fn broken(line: usize, col: usize, message: &str) -> anyhow::Error {
    let message = own_message(&redact(message.lines().next().unwrap_or_default()));
    err_t!(
        "line {line}, column {col}: {message}; fix the file or restore its .bak copy.",
        "dòng {line}, cột {col}: {message}; hãy sửa tệp hoặc khôi phục từ bản .bak."
    )
}

/// A parser's message in both languages: our own messages (raised from
/// inside serde, which keeps only their English text) are given back their
/// Vietnamese; the parsers' own stay as they are.
fn own_message(message: &str) -> Text {
    for own in [crate::date::iso::invalid(), crate::model::quota_period()] {
        if message.contains(own.get(Lang::En)) {
            return Text::new(
                message.to_string(),
                message.replace(own.get(Lang::En), own.get(Lang::Vi)),
            );
        }
    }
    Text::same(message)
}

/// Removes values from a parser message: they come from the file and may
/// be personal data (a name typed where a sex belongs, a name used as a
/// key). What stays: the schema's own words, numbers and TOML syntax.
fn redact(message: &str) -> String {
    use crate::exchange::fields;
    use crate::model::{Admission, Org, Person, Quota, Void};
    // The schema's own words, asked of the record types themselves, and
    // the values of its enumerations.
    let known: Vec<&str> = [
        fields::<Store>(),
        fields::<Org>(),
        fields::<Quota>(),
        fields::<Admission>(),
        fields::<Person>(),
        fields::<Void>(),
        &["female", "male", "admissions", "trained", "true", "false"],
    ]
    .concat();
    let keep = |token: &str| {
        known.contains(&token)
            || token
                .chars()
                .all(|c| c.is_ascii_digit() || "-+.eE".contains(c))
            || token.chars().all(|c| c.is_ascii_punctuation())
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(['`', '"']) {
        out.push_str(&rest[..i]);
        let quote = &rest[i..=i];
        let after = &rest[i + 1..];
        match after.find(quote) {
            Some(j) => {
                let token = &after[..j];
                if quote == "`" && keep(token) {
                    out.push_str(&format!("`{token}`"));
                } else {
                    out.push_str(&format!("{quote}…{quote}"));
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(quote);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("expected u64", "expected a whole number")
        .replace("expected u32", "expected a whole number")
        .replace("expected i32", "expected a whole number")
        .replace(" as i128", "");
    out.trim_end_matches(['.', ' ']).to_string()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
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
            "invalid type: string \"…\", expected a whole number"
        );
        assert_eq!(
            redact("unknown field `Lê Thị C`, expected `name`"),
            "unknown field `…`, expected `name`"
        );
        assert_eq!(
            redact("unknown variant `Hoàng Văn Sáng`, expected `female` or `male`"),
            "unknown variant `…`, expected `female` or `male`"
        );
        assert_eq!(
            redact("invalid value: integer `-3`, expected u64"),
            "invalid value: integer `-3`, expected a whole number"
        );
        assert_eq!(
            redact("invalid basic string, expected `\"`"),
            "invalid basic string, expected `\"`"
        );
    }
}
