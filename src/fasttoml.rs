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
    for raw in text.lines() {
        let line = raw.trim();
        // Blank lines and whole-line comments; a comment after a value
        // sends the file to the full parser (a `#` may be inside a string).
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            let i = ARRAYS.iter().position(|a| *a == name)?;
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
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let sub = name.strip_prefix("admissions.")?;
            if !SUBTABLES.contains(&sub) || current != Some(2) || at == At::Top {
                return None;
            }
            if at == At::Sub {
                out.push('}');
            }
            if !first_key || at == At::Sub {
                out.push(',');
            }
            write!(out, "\"{sub}\":{{").ok()?;
            at = At::Sub;
            first_key = true;
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        if at == At::Top && current.is_some() {
            return None;
        }
        if !first_key {
            out.push(',');
        }
        first_key = false;
        write!(out, "\"{key}\":").ok()?;
        value_to_json(value.trim(), &mut out)?;
    }
    close(&mut out, &at);
    if current.is_some() {
        out.push(']');
    }
    out.push('}');
    Some(out)
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
            // At most 18 digits: within i64, as TOML requires.
            let plain = (1..=18).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'));
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
            c if c.is_control() && c != '\t' => return None,
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
        if c.is_control() && c != '\t' {
            return None;
        }
        json_char(c, out);
    }
    out.push('"');
    Some(())
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
mod tests {
    use super::*;

    #[test]
    fn our_layout_becomes_json() {
        let toml = "version = 1\nnext_id = 3\n\n[[orgs]]\nid = \"a\"\nname = 'Say \"hi\" \\ there'\nmembers = 0\n\n\
            [[orgs]]\nid = \"b\"\nname = \"B \\\"x\\\" \\u00e0\"\nparent = \"a\"\n\n\
            [[admissions]]\nid = 1\norg = \"b\"\ndate = \"2023-01-02\"\ncount = 1\n\n[admissions.person]\nname = \"Lê\"\nyouth_union = true\n\n\
            [admissions.void]\nreason = \"x\"\non = \"2023-02-01\"\n\n[[admissions]]\nid = 2\norg = \"a\"\ndate = \"2023-01-03\"\ncount = -2\n";
        let json = to_json(toml).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["orgs"][0]["name"], "Say \"hi\" \\ there");
        assert_eq!(v["orgs"][1]["name"], "B \"x\" à");
        assert_eq!(v["admissions"][0]["person"]["youth_union"], true);
        assert_eq!(v["admissions"][0]["void"]["on"], "2023-02-01");
        assert_eq!(v["admissions"][1]["count"], -2);
        assert_eq!(v["next_id"], 3);
        let both = to_json("[[orgs]]\nname = \"\"\"a'b\"c\"\"\"\nlevel = \'\'\'x'y\'\'\'").unwrap();
        let v: serde_json::Value = serde_json::from_str(&both).unwrap();
        assert_eq!(v["orgs"][0]["name"], "a'b\"c");
        assert_eq!(v["orgs"][0]["level"], "x'y");
    }

    #[test]
    fn anything_else_goes_to_the_full_parser() {
        for toml in [
            "version = 1 # a comment",
            "version = 0x1",
            "version = 1_000",
            "version = +1",
            "version = 01",
            "version = 1234567890123456789",
            "a.b = 1",
            "\"version\" = 1",
            "[orgs]\nid = \"a\"",
            "[[orgs]]\nid = \"a\"\n[[quotas]]\norg = \"a\"\n[[orgs]]\nid = \"b\"",
            "[[orgs]]\nx = [1, 2]",
            "[[orgs]]\nx = { a = 1 }",
            "[[admissions]]\ndate = 2023-01-01",
            "[[orgs]]\nname = \"\"\"\nmulti\nline\"\"\"",
            "[[orgs]]\nname = \"a\" \"b\"",
            "[[orgs]]\nname = \"\\U0001F600\"",
            "[[orgs]]\nname = \"\\ud800\"",
            "[[orgs]]\n[admissions.person]",
            "[[admissions]]\n[admissions.other]",
        ] {
            assert_eq!(to_json(toml), None, "{toml}");
        }
    }
}
