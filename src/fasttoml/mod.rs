//! A fast path for reading stores in the layout `quota` itself writes.
//!
//! The `toml` crate builds a full document before deserialising: a
//! national store (1,000,000 records, 120 MB) takes seconds and gigabytes.
//! The layout we write is plain — top-level keys, then `[[orgs]]`,
//! `[[quotas]]` and `[[admissions]]` tables (with `[admissions.person]`
//! and `[admissions.void]`) of `key = value` lines, values being integers,
//! booleans and strings — so it is translated here line by line into JSON
//! and read by serde_json. Anything outside that layout (comments after
//! values, inline tables, dotted keys, multi-line strings, dates without
//! quotes, …) returns `None` and the `toml` crate reads the file instead,
//! with its exact error messages.
//!
//! The translation may refuse valid TOML but must never accept what TOML
//! refuses: whether a file loads cannot depend on which reader saw it. So
//! it reads a whitelist, not Rust's notion of text: whitespace is a space
//! or a tab (not `str::trim`'s Unicode whitespace, such as U+00A0 or
//! U+3000), a line ends with LF or CRLF (not `str::lines`, which would let
//! a bare CR through), a control character other than a tab is refused
//! wherever it stands, and a key may be defined only once per table.

use std::fmt::Write as _;

/// The arrays of tables a store has, and the sub-tables of an admission.
const ARRAYS: [&str; 3] = ["orgs", "quotas", "admissions"];
const SUBTABLES: [&str; 2] = ["person", "void"];

/// Where the translation is inside the document.
#[derive(PartialEq)]
enum At {
    Top,
    /// In an element of the array of tables `ARRAYS[i]`.
    Element(usize),
    /// In a sub-table of the current admission.
    Sub,
}

/// The store as JSON text, or `None` when the text leaves the layout.
pub fn to_json(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    out.push('{');
    let mut at = At::Top;
    let mut first_key = true; // no comma before the next key
    let mut seen = [false; 3];
    let mut current: Option<usize> = None;
    // The keys defined so far: TOML refuses a key twice in one table, and
    // serde would ignore a repeat it does not know of.
    let mut top_keys: Vec<&str> = Vec::new();
    let mut element_keys: Vec<&str> = Vec::new();
    let mut sub_keys: Vec<&str> = Vec::new();
    let mut pieces = text.split('\n').peekable();
    while let Some(piece) = pieces.next() {
        // Only a CR right before the LF ends a line; the last piece has
        // none after it, so a CR there is a bare one.
        let raw = match pieces.peek() {
            Some(_) => piece.strip_suffix('\r').unwrap_or(piece),
            None => piece,
        };
        // TOML allows no control character but tab anywhere: not in
        // strings, not in comments, not as whitespace. Bytes of a
        // multi-byte character are all 0x80 or above.
        if raw.bytes().any(|b| forbidden(char::from(b))) {
            return None;
        }
        let line = trim_ws(raw);
        // Blank lines and whole-line comments; a comment after a value
        // sends the file to the full parser (a `#` may be inside a string).
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            let i = ARRAYS.iter().position(|a| *a == name)?;
            if top_keys.contains(&name) {
                return None; // a top-level key of that name already
            }
            close(&mut out, &at);
            if current != Some(i) {
                if seen[i] {
                    return None; // the same array again, after another one
                }
                seen[i] = true;
                if current.is_some() {
                    out.push(']');
                }
                if out.len() > 1 {
                    out.push(',');
                }
                write!(out, "\"{name}\":[").ok()?;
            } else {
                out.push(',');
            }
            current = Some(i);
            out.push('{');
            at = At::Element(i);
            first_key = true;
            element_keys.clear();
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let sub = name.strip_prefix("admissions.")?;
            if !SUBTABLES.contains(&sub) || current != Some(2) || at == At::Top {
                return None;
            }
            if element_keys.contains(&sub) {
                return None; // the sub-table twice, or a key of its name
            }
            element_keys.push(sub);
            if at == At::Sub {
                out.push('}');
            }
            if !first_key || at == At::Sub {
                out.push(',');
            }
            write!(out, "\"{sub}\":{{").ok()?;
            at = At::Sub;
            first_key = true;
            sub_keys.clear();
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = trim_ws(key);
        let bare = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        if key.is_empty() || !key.bytes().all(bare) {
            return None;
        }
        let keys = match at {
            At::Top => &mut top_keys,
            At::Element(_) => &mut element_keys,
            At::Sub => &mut sub_keys,
        };
        if keys.contains(&key) {
            return None;
        }
        keys.push(key);
        if !first_key {
            out.push(',');
        }
        first_key = false;
        write!(out, "\"{key}\":").ok()?;
        value_to_json(trim_ws(value), &mut out)?;
    }
    close(&mut out, &at);
    if current.is_some() {
        out.push(']');
    }
    out.push('}');
    Some(out)
}

/// Strips TOML whitespace, which is only spaces and tabs.
fn trim_ws(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// Closes the table being written.
fn close(out: &mut String, at: &At) {
    match at {
        At::Top => {}
        At::Element(_) => out.push('}'),
        At::Sub => out.push_str("}}"),
    }
}

/// One TOML value as JSON: an integer, a boolean or a one-line string.
fn value_to_json(v: &str, out: &mut String) -> Option<()> {
    match v {
        "true" | "false" => out.push_str(v),
        // On one line, as the writer puts a string with both kinds of quote.
        _ if v.starts_with("\"\"\"") => {
            let body = v.strip_prefix("\"\"\"")?.strip_suffix("\"\"\"")?;
            // Up to two quotes may end the body, next to the closing three.
            if body.contains("\"\"\"") {
                return None;
            }
            basic_body(body, true, out)?;
        }
        _ if v.starts_with("'''") => {
            let body = v.strip_prefix("'''")?.strip_suffix("'''")?;
            if body.contains("'''") {
                return None;
            }
            literal_body(body, out)?;
        }
        _ if v.starts_with('"') => {
            let body = v.strip_prefix('"')?.strip_suffix('"')?;
            if v.len() < 2 {
                return None;
            }
            basic_body(body, false, out)?;
        }
        _ if v.starts_with('\'') => {
            let body = v.strip_prefix('\'')?.strip_suffix('\'')?;
            if body.contains('\'') || v.len() < 2 {
                return None;
            }
            literal_body(body, out)?;
        }
        _ => {
            let digits = v.strip_prefix('-').unwrap_or(v);
            // At most 18 digits: within i64, as TOML requires. `-0` is
            // TOML's 0 but JSON's -0.0, so it goes to the full parser.
            let plain = (1..=18).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (v == "0" || !digits.starts_with('0'));
            if !plain {
                return None;
            }
            out.push_str(v);
        }
    }
    Some(())
}

/// The inside of a TOML basic string ("…", or """…""" on one line, where
/// a quote may stand alone): its escapes are JSON's, but for `\U` and
/// `\e`, which send the file to the full parser.
fn basic_body(body: &str, quotes_allowed: bool, out: &mut String) -> Option<()> {
    let mut chars = body.chars();
    out.push('"');
    while let Some(c) = chars.next() {
        match c {
            '"' if quotes_allowed => out.push_str("\\\""),
            '"' => return None, // a quote inside: more than one value
            '\\' => {
                let e = chars.next()?;
                match e {
                    '"' | '\\' | 'n' | 't' | 'r' | 'b' | 'f' => {
                        out.push('\\');
                        out.push(e);
                    }
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return None;
                        }
                        let code = u32::from_str_radix(&hex, 16).ok()?;
                        // A lone surrogate is invalid TOML but valid JSON.
                        if (0xD800..=0xDFFF).contains(&code) {
                            return None;
                        }
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                    _ => return None,
                }
            }
            c if forbidden(c) => return None,
            c => json_char(c, out),
        }
    }
    out.push('"');
    Some(())
}

/// The inside of a TOML literal string ('…' or '''…'''): no escapes.
fn literal_body(body: &str, out: &mut String) -> Option<()> {
    out.push('"');
    for c in body.chars() {
        if forbidden(c) {
            return None;
        }
        json_char(c, out);
    }
    out.push('"');
    Some(())
}

/// The characters TOML allows nowhere, not even in strings or comments:
/// the controls but tab (U+0000–U+0008, U+000A–U+001F, U+007F). Unlike
/// `char::is_control`, this lets U+0080–U+009F through, as TOML does.
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\t') || c == '\x7F'
}

fn json_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests;
