//! The two languages of the user interface: words, and numbers and dates
//! written the English or the Vietnamese way.

use std::cell::Cell;
use std::fmt;

use chrono::NaiveDate;

/// The language of tables and messages. JSON and CSV never depend on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

/// A message in both languages. Library code builds messages without
/// knowing who will read them; `main` (or a renderer) picks the language
/// once, when the message is shown. A [`Text`] inside another message
/// follows the outer one's language, so no English fragment ends up in a
/// Vietnamese sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    en: String,
    vi: String,
}

thread_local! {
    /// The language a [`Text`] shows itself in through `Display`: set only
    /// for the duration of [`in_lang`], English otherwise.
    static SHOWN_IN: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Runs `f` with every [`Text`] displayed in `lang`: how a message, an
/// error chain or a nested message is rendered in one language.
pub fn in_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = SHOWN_IN.with(|c| c.replace(lang));
    let out = f();
    SHOWN_IN.with(|c| c.set(before));
    out
}

impl Text {
    pub fn new(en: String, vi: String) -> Text {
        let vi = if vi.contains("(os error ") {
            os_words_in_vietnamese(&vi)
        } else {
            vi
        };
        Text { en, vi }
    }

    /// Text that reads the same in both languages (a file name, a number).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            vi: s,
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }

    /// The message with a capital first letter, to start a sentence.
    pub fn capitalised(&self) -> Text {
        fn cap(s: &str) -> String {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        Text {
            en: cap(&self.en),
            vi: cap(&self.vi),
        }
    }

    /// Appends `other` after `sep`, in both languages.
    pub fn push(&mut self, sep: &str, other: &Text) {
        self.en.push_str(sep);
        self.en.push_str(&other.en);
        self.vi.push_str(sep);
        self.vi.push_str(&other.vi);
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(SHOWN_IN.with(Cell::get)))
    }
}

impl std::error::Error for Text {}

/// A date shown the way the language of the message writes it.
#[derive(Clone, Copy, Debug)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&SHOWN_IN.with(Cell::get).date(self.0))
    }
}

/// A whole number grouped the way the language of the message writes it.
#[derive(Clone, Copy, Debug)]
pub struct Num(pub u64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&SHOWN_IN.with(Cell::get).int(self.0))
    }
}

/// A message in both languages: `t!("unknown {x}", "không rõ {x}")`. The
/// arguments are formatted once per language, so a [`Text`] argument takes
/// the language of the sentence around it.
#[macro_export]
macro_rules! t {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        $crate::lang::Text::new(
            $crate::lang::in_lang($crate::lang::Lang::En, || format!($en $(, $arg)*)),
            $crate::lang::in_lang($crate::lang::Lang::Vi, || format!($vi $(, $arg)*)),
        )
    };
}

/// What the operating system says of a file ("No such file or directory
/// (os error 2)"), within a Vietnamese message, in Vietnamese: the system
/// speaks English whatever the user's language.
const OS_WORDS: [(&str, &str); 10] = [
    ("No such file or directory", "không có tệp hoặc thư mục này"),
    ("Permission denied", "không có quyền truy cập"),
    ("No space left on device", "ổ đĩa đã đầy"),
    ("Read-only file system", "hệ thống tệp chỉ cho phép đọc"),
    ("Is a directory", "đây là một thư mục"),
    ("Not a directory", "không phải là thư mục"),
    ("File exists", "tệp đã tồn tại"),
    (
        "Too many levels of symbolic links",
        "quá nhiều tầng liên kết",
    ),
    ("Disk quota exceeded", "vượt hạn mức ổ đĩa"),
    ("Operation not permitted", "thao tác không được phép"),
];

fn os_words_in_vietnamese(vi: &str) -> String {
    let mut out = vi.to_string();
    for (en, vi) in OS_WORDS {
        out = out.replace(en, vi);
    }
    out.replace("(os error ", "(lỗi hệ thống ")
}

/// A message in one given language, as a `String`: for output whose
/// language is already known (a command's result, a table's caption).
#[macro_export]
macro_rules! tl {
    ($lang:expr, $en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {{
        let lang: $crate::lang::Lang = $lang;
        $crate::lang::in_lang(lang, || match lang {
            $crate::lang::Lang::En => format!($en $(, $arg)*),
            $crate::lang::Lang::Vi => format!($vi $(, $arg)*),
        })
    }};
}

/// `anyhow::bail!` with a message in both languages.
#[macro_export]
macro_rules! bail_t {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        return Err(anyhow::Error::new($crate::t!($en, $vi $(, $arg)*)))
    };
}

/// `anyhow::Error` from a message in both languages.
#[macro_export]
macro_rules! err_t {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        anyhow::Error::new($crate::t!($en, $vi $(, $arg)*))
    };
}

/// An error chain as one line in `lang`: each cause after a colon, as
/// anyhow's `{:#}` writes it.
pub fn error_line(e: &anyhow::Error, lang: Lang) -> String {
    in_lang(lang, || format!("{e:#}"))
}

impl Lang {
    /// Picks the word for this language.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }

    fn thousands(self) -> char {
        self.pick_char(',', '.')
    }

    fn decimal(self) -> char {
        self.pick_char('.', ',')
    }

    fn pick_char(self, en: char, vi: char) -> char {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }

    /// An integer with thousands separators: 2,767 or 2.767.
    pub fn int(self, n: u64) -> String {
        group(&n.to_string(), self.thousands())
    }

    /// A decimal given as `scaled / 10^precision`, grouped and with the
    /// language's decimal mark: 1,234.5 or 1.234,5.
    pub fn decimal_str(self, scaled: u128, precision: u8) -> String {
        let (int, frac) = split_scaled(scaled, precision);
        let int = group(&int, self.thousands());
        if frac.is_empty() {
            int
        } else {
            format!("{int}{}{frac}", self.decimal())
        }
    }

    /// A date as the language writes it: 2023-10-10 or 10/10/2023.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::En => crate::date::DateText::iso(d).as_str().to_string(),
            Lang::Vi => crate::date::DateText::dmy(d).as_str().to_string(),
        }
    }
}

/// Splits `scaled / 10^precision` into its integer digits and exactly
/// `precision` fraction digits.
pub fn split_scaled(scaled: u128, precision: u8) -> (String, String) {
    let digits = scaled.to_string();
    let p = usize::from(precision);
    if p == 0 {
        return (digits, String::new());
    }
    let padded = format!("{digits:0>width$}", width = p + 1);
    let (int, frac) = padded.split_at(padded.len() - p);
    (int.to_string(), frac.to_string())
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_nested_in_another_takes_its_language() {
        let field = t!("number of members", "số đảng viên");
        let msg = t!("The {field} is wrong.", "Giá trị {field} bị sai.");
        assert_eq!(msg.get(Lang::En), "The number of members is wrong.");
        assert_eq!(msg.get(Lang::Vi), "Giá trị số đảng viên bị sai.");
        let e = anyhow::Error::new(msg).context(Text::same("quota.toml"));
        assert_eq!(
            error_line(&e, Lang::Vi),
            "quota.toml: Giá trị số đảng viên bị sai."
        );
        assert_eq!(
            error_line(&e, Lang::En),
            "quota.toml: The number of members is wrong."
        );
        // Outside a rendering, a message shows itself in English.
        assert_eq!(
            e.root_cause().to_string(),
            "The number of members is wrong."
        );
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(Lang::Vi.int(2767), "2.767");
        assert_eq!(Lang::En.int(2767), "2,767");
        assert_eq!(Lang::En.int(999), "999");
        assert_eq!(Lang::Vi.int(1_000_000), "1.000.000");
        assert_eq!(Lang::Vi.decimal_str(7206, 2), "72,06");
        assert_eq!(Lang::En.decimal_str(1073, 1), "107.3");
        assert_eq!(Lang::En.decimal_str(5, 2), "0.05");
        assert_eq!(Lang::Vi.decimal_str(123_456, 1), "12.345,6");
        assert_eq!(Lang::En.decimal_str(104, 0), "104");
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 1).unwrap();
        assert_eq!(Lang::En.date(d), "2023-10-01");
        assert_eq!(Lang::Vi.date(d), "01/10/2023");
    }
}

/// A level as the language says it: the English words the tool's own
/// examples and sample stores use, in Vietnamese; any other as typed
/// (levels are free text).
pub fn level_word(level: &str, lang: Lang) -> String {
    const VI: [(&str, &str); 10] = [
        ("province", "tỉnh"),
        ("city", "thành phố"),
        ("district", "huyện"),
        ("town", "thị xã"),
        ("commune", "xã"),
        ("ward", "phường"),
        ("grassroots", "cơ sở"),
        ("cell", "chi bộ"),
        ("bloc", "khối"),
        ("special zone", "đặc khu"),
    ];
    match lang {
        Lang::Vi => VI
            .iter()
            .find(|(en, _)| level.eq_ignore_ascii_case(en))
            .map_or_else(|| level.to_string(), |(_, vi)| vi.to_string()),
        Lang::En => level.to_string(),
    }
}

#[cfg(test)]
mod level_tests {
    use super::Lang;
    use super::level_word;

    #[test]
    fn levels_in_vietnamese() {
        assert_eq!(level_word("commune", Lang::Vi), "xã");
        assert_eq!(level_word("Province", Lang::Vi), "tỉnh");
        assert_eq!(level_word("commune", Lang::En), "commune");
        // Typed in Vietnamese, or unknown: as typed.
        assert_eq!(level_word("chi bộ", Lang::Vi), "chi bộ");
        assert_eq!(level_word("liên chi bộ", Lang::Vi), "liên chi bộ");
    }
}
