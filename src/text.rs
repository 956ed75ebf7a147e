//! Text on its way in: Unicode NFC, no control characters, valid ids;
//! and text on its way out to a message or a terminal, made harmless.

use anyhow::Result;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::lang::Text;

/// The NFC form of `s`, without copying when it already is NFC.
pub fn nfc(s: String) -> String {
    if surely_nfc_bytes(s.as_bytes()) {
        return s;
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// Whether a character is in NFC whatever surrounds it: below the
/// combining marks (U+0300), or a precomposed Latin letter of U+1E00–U+1EFF
/// (Vietnamese "ạ", "ế", "ữ"…). The Unicode quick check is only asked about
/// the rest; Vietnamese text seldom has any. (The test of the bytes,
/// [`surely_nfc_bytes`], is checked against this one.)
#[cfg(test)]
fn surely_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// [`surely_nfc`] for every character of UTF-8 text, told from its
/// bytes: characters below U+0300 are bytes below 0xCC (continuation bytes
/// included), U+1E00–U+1EFF are 0xE1 0xB8–0xBB and a continuation byte.
fn surely_nfc_bytes(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b >= 0xcc && !(b == 0xe1 && matches!(bytes.get(i + 1), Some(0xb8..=0xbb))) {
            return false;
        }
        i += 1;
    }
    true
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

/// Cleans a free-text field typed by a user: NFC, trimmed, no forbidden
/// characters, not empty. `what` names the field in the error.
pub fn clean(what: impl std::fmt::Display, s: &str) -> Result<String> {
    let s = nfc(s.trim().to_string());
    if s.is_empty() {
        bail_t!(
            "The {what} is empty; give some text.",
            "Trường {what} đang trống; hãy nhập nội dung."
        );
    }
    check_chars(&what, &s)?;
    Ok(s)
}

/// Whether a character may never be in a stored text: a control character
/// (C0, DEL, C1: tabs and line breaks included), which breaks tables and
/// CSV cells and drives terminals, or a bidirectional override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which shows text in another order than
/// it is stored in.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Whether the UTF-8 text may hold a character [`is_forbidden`] refuses,
/// told from its bytes alone: C0 and DEL are bytes below 0x20 and 0x7F,
/// C1 (U+0080–U+009F) starts 0xC2 0x80–0x9F, the bidirectional controls
/// (U+202A–U+202E, U+2066–U+2069) start 0xE2 0x80 or 0xE2 0x81.
fn may_have_forbidden(bytes: &[u8]) -> bool {
    // Most texts have none of these bytes: a branch-free pass over
    // chunks finds that out fast.
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    if !bytes
        .chunks(32)
        .any(|c| c.iter().fold(false, |any, &b| any | suspect(b)))
    {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)),
        0xe2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        _ => false,
    })
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The one rule every stored text keeps, wherever it comes from (the
/// command line, an imported cell, a store edited by hand): what is wrong
/// with `s`, as a fragment that follows the field's name ("contains a
/// control character …"), or `None` when nothing is.
pub fn forbidden(s: &str) -> Option<Text> {
    if !may_have_forbidden(s.as_bytes()) {
        // Every text of every record is checked on every load.
        return None;
    }
    let c = s.chars().find(|&c| is_forbidden(c))?;
    Some(if is_bidi_control(c) {
        t!(
            "contains the character U+{:04X}, which makes text show in another order than it is stored; remove it",
            "chứa ký tự U+{:04X}, khiến văn bản hiển thị theo thứ tự khác với khi lưu; hãy bỏ nó đi",
            u32::from(c)
        )
    } else {
        t!(
            "contains a control character (such as a tab or a line break); remove it",
            "chứa ký tự điều khiển (như tab hay xuống dòng); hãy bỏ nó đi"
        )
    })
}

/// [`forbidden`] as a sentence: "The {what} contains …". `what` names the
/// field, and the record when there is one, never its content.
pub fn check_chars(what: impl std::fmt::Display, s: &str) -> Result<()> {
    if let Some(wrong) = forbidden(s) {
        bail_t!("The {what} {wrong}.", "Trường {what} {wrong}.");
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

/// The most characters of a value a message repeats: an argument or a
/// cell may be of any length, a message stays one readable line.
pub const SHOWN: usize = 80;

/// `s` for a message: forbidden characters shown as `\u{..}` escapes, and
/// cut after [`SHOWN`] characters with "…".
pub fn printable(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == SHOWN {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// `s` with forbidden characters shown as `\u{..}` escapes, whole: for
/// text read back from files that may have been edited by hand, such as
/// the history, before it reaches a terminal.
pub fn escaped(s: &str) -> String {
    if !s.chars().any(is_forbidden) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    if is_forbidden(c) {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan never misses a forbidden character.
    #[test]
    fn the_byte_scan_finds_every_forbidden_character() {
        for c in ('\0'..='\u{3000}').filter(|&c| is_forbidden(c)) {
            let s = format!("Lò{c}Ánh");
            assert!(may_have_forbidden(s.as_bytes()), "{c:?}");
            assert!(forbidden(&s).is_some(), "{c:?}");
        }
        assert!(!may_have_forbidden("Nguyễn Thị Ánh, 2024".as_bytes()));
    }

    /// What [`surely_nfc`] takes for granted, checked for every such
    /// character against the Unicode data: quick check "yes" and no
    /// reordering (combining class 0).
    #[test]
    fn surely_nfc_characters_are_nfc_anywhere() {
        use unicode_normalization::char::canonical_combining_class;
        let all = ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}');
        for c in all.filter(|&c| surely_nfc(c)) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(!surely_nfc('\u{301}'));
        // The byte test agrees with the character test, character by
        // character, up to U+3000.
        for c in '\0'..='\u{3000}' {
            let s = format!("a{c}ạ");
            assert_eq!(surely_nfc_bytes(s.as_bytes()), surely_nfc(c), "{c:?}");
        }
        assert_eq!(nfc("Hoa\u{300}".into()), "Hoà");
    }

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

    #[test]
    fn control_and_direction_characters_are_forbidden_and_shown_escaped() {
        for bad in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}',
        ] {
            let s = format!("Xã{bad}A");
            assert!(forbidden(&s).is_some(), "{bad:?}");
            assert!(!escaped(&s).contains(bad), "{bad:?}");
            assert!(!printable(&s).contains(bad), "{bad:?}");
        }
        for good in ["Đảng bộ xã Cư Pui", "a\u{200d}b"] {
            assert!(forbidden(good).is_none(), "{good:?}");
            assert_eq!(escaped(good), good);
        }
        assert_eq!(escaped("a\u{1b}[31m"), "a\\u{1b}[31m");
        let e = forbidden("x\u{202e}y").unwrap().to_string();
        assert!(e.contains("U+202E"), "{e}");
    }

    #[test]
    fn printable_cuts_long_values() {
        let long = "x".repeat(100_000);
        let shown = printable(&long);
        assert_eq!(shown.chars().count(), SHOWN + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(printable("ngắn"), "ngắn");
    }
}
