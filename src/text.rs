//! Text on its way in: Unicode NFC, no control characters, valid ids.

use anyhow::Result;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The NFC form of `s`, without copying when it already is NFC.
pub fn nfc(s: String) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// The form names are compared in: lower case, and each syllable's tone
/// mark moved to its end, so that the old and the new tone placement
/// ("Hoà" and "Hòa", "Thuỷ" and "Thủy", "Khoá" and "Khóa") are one name,
/// while different tones ("Hòa" and "Hóa") stay different. Any Unicode
/// form of the input gives the same key.
pub fn fold(s: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::with_capacity(s.len() + 4);
    let mut tone: Option<char> = None;
    for c in s.nfd().flat_map(char::to_lowercase) {
        if TONES.contains(&c) {
            tone = Some(c);
        } else if c.is_alphanumeric() || is_mark(c) {
            out.push(c);
        } else {
            out.extend(tone.take());
            out.push(c);
        }
    }
    out.extend(tone);
    out.nfc().collect()
}

/// A combining mark that shapes a Vietnamese letter (breve, circumflex,
/// horn) or any other combining mark: part of the syllable.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A sort key in Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ
/// … u ư …), tones ignored, case folded; ties are broken by the full text.
pub fn collation_key(s: &str) -> (Vec<(char, u8)>, String) {
    let mut key: Vec<(char, u8)> = Vec::with_capacity(s.len());
    for c in s.nfd().flat_map(char::to_lowercase) {
        match c {
            // Letter-making marks: breve, circumflex, horn.
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                if let Some(last) = key.last_mut() {
                    last.1 = match c {
                        '\u{306}' => 1,
                        '\u{302}' => 2,
                        _ => 3,
                    };
                }
            }
            // Tone marks: secondary, left to the tie-break.
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => {}
            'đ' => key.push(('d', 1)),
            c => key.push((c, 0)),
        }
    }
    (key, s.to_string())
}

/// Cleans a free-text field typed by a user: NFC, trimmed, no control
/// characters, not empty. `what` names the field in the error.
pub fn clean(what: impl std::fmt::Display, s: &str) -> Result<String> {
    let s = nfc(s.trim().to_string());
    if s.is_empty() {
        bail_t!(
            "The {what} is empty; give some text.",
            "Trường {what} đang trống; hãy nhập nội dung."
        );
    }
    check_controls(&what, &s)?;
    Ok(s)
}

/// Refuses text with control characters (tabs and line breaks included),
/// which would break tables, CSV cells and terminals.
pub fn check_controls(what: impl std::fmt::Display, s: &str) -> Result<()> {
    if s.chars().any(char::is_control) {
        bail_t!(
            "The {what} contains a control character (such as a tab or a line break); remove it.",
            "Trường {what} chứa ký tự điều khiển (như tab hay xuống dòng); hãy bỏ nó đi."
        );
    }
    Ok(())
}

/// Longest id accepted, so that tables stay readable.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is a valid organisation id: `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && id.len() <= MAX_ID_LEN
}

/// Checks an organisation id typed by a user.
pub fn check_id(id: &str) -> Result<()> {
    if !is_valid_id(id) {
        bail_t!(
            "'{}' is not a valid organisation id; use lower-case ASCII letters, digits and '-', starting with a letter or digit, at most {MAX_ID_LEN} characters (e.g. krong-bong).",
            "'{}' không phải mã tổ chức hợp lệ; chỉ dùng chữ thường không dấu, chữ số và '-', bắt đầu bằng chữ hoặc số, tối đa {MAX_ID_LEN} ký tự (ví dụ krong-bong).",
            printable(id)
        );
    }
    Ok(())
}

/// `s` with control characters shown as `\u{..}` escapes, for messages.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_input() {
        let decomposed = "Tam \u{0110}a\u{0309}o".nfd().collect::<String>();
        assert_ne!(decomposed, "Tam Đảo");
        assert_eq!(nfc(decomposed), "Tam Đảo");
        assert_eq!(fold("TAM ĐẢO"), fold("tam đảo"));
    }

    #[test]
    fn old_and_new_tone_placement_fold_alike() {
        for (old, new) in [
            ("Hoà Bình", "Hòa Bình"),
            ("Thuỷ", "Thủy"),
            ("Khoá", "Khóa"),
            ("xã Hoà", "XÃ HÒA"),
            ("Khoẻ", "Khỏe"),
        ] {
            assert_eq!(fold(old), fold(new), "{old} / {new}");
        }
        assert_ne!(fold("Hòa"), fold("Hóa"));
        assert_ne!(fold("Hoa"), fold("Hòa"));
        assert_ne!(fold("Tân An"), fold("Tấn An"));
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut names = vec![
            "Yên Dương",
            "Đại Đình",
            "Dương",
            "Ân",
            "An",
            "Ăn",
            "Ơn",
            "Ôn",
            "On",
            "ân",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            [
                "An",
                "Ăn",
                "Ân",
                "ân",
                "Dương",
                "Đại Đình",
                "On",
                "Ôn",
                "Ơn",
                "Yên Dương"
            ]
        );
    }

    #[test]
    fn ids() {
        for ok in ["a", "krong-bong", "xa-cu-pui-2", "0a"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "Krong", "krông", "a b", "a_b", &"a".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn clean_rejects_controls_and_empty() {
        assert_eq!(clean("name", "  Cư Pui ").unwrap(), "Cư Pui");
        assert!(clean("name", "a\tb").is_err());
        assert!(clean("name", "   ").is_err());
    }
}
