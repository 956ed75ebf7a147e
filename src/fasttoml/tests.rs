//! Tests of `fasttoml`.

use super::*;

/// The text as a plain TOML table, read by the fast path: whether its
/// layout alone is accepted, whatever the model says of it.
fn table(text: &str) -> Option<toml::Table> {
    from_str(text).ok()
}

/// Whether the fast path reads the text as a table; when it does, the
/// `toml` crate reads it too, as the same table.
fn same_table(text: &str) -> bool {
    let Some(fast) = table(text) else {
        return false;
    };
    let full = toml::from_str::<toml::Table>(text);
    assert_eq!(full.as_ref().ok(), Some(&fast), "{text:?}: {full:?}");
    true
}

#[test]
fn our_layout_is_read() {
    let toml = r#"version = 1
next_id = 3

[[orgs]]
id = "a"
name = 'Say "hi" \ there'
members = 0

[[orgs]]
id = "b"
name = "B \"x\" \u00e0"
parent = "a"

[[admissions]]
id = 1
org = "b"
date = "2023-01-02"
count = 1

[admissions.person]
name = "Lê"
youth_union = true

[admissions.void]
reason = "x"
on = "2023-02-01"

[[admissions]]
id = 2
org = "a"
date = "2023-01-03"
count = -2
"#;
    let v: serde_json::Value = from_str(toml).unwrap();
    assert_eq!(v["orgs"][0]["name"], "Say \"hi\" \\ there");
    assert_eq!(v["orgs"][1]["name"], "B \"x\" à");
    assert_eq!(v["admissions"][0]["person"]["youth_union"], true);
    assert_eq!(v["admissions"][0]["void"]["on"], "2023-02-01");
    assert_eq!(v["admissions"][1]["count"], -2);
    assert_eq!(v["next_id"], 3);
    assert!(same_table(toml));
    let both = r#"[[orgs]]
name = """a'b"c"""
level = '''x'y'''"#;
    let v: serde_json::Value = from_str(both).unwrap();
    assert_eq!(v["orgs"][0]["name"], "a'b\"c");
    assert_eq!(v["orgs"][0]["level"], "x'y");
    assert!(same_table(both));
}

#[test]
fn anything_else_goes_to_the_full_parser() {
    for toml in [
        "version = 0x1",
        "version = 0o1",
        "version = 0b1",
        "version = 01",
        "version = 0_1",
        "version = 1__0",
        "version = 1_",
        "version = _1",
        "version = +-1",
        "version = --1",
        "version = +_1",
        "version = 1.0",
        "version = 1e3",
        "version = inf",
        "version = nan",
        "version = True",
        "version = truex",
        "version = 9223372036854775808",
        "version = -9223372036854775809",
        "version = 99999999999999999999",
        "a.b = 1",
        "a . b = 1",
        r#""version" = 1"#,
        "'version' = 1",
        "[orgs]\nid = \"a\"",
        "[[ orgs ]]\nid = \"a\"",
        "[[orgs]]x\nid = \"a\"",
        "[[other]]\nid = \"a\"",
        "[[orgs]]\nid = \"a\"\n[[quotas]]\norg = \"a\"\n[[orgs]]\nid = \"b\"",
        "[[orgs]]\nx = [1, 2]",
        "[[orgs]]\nx = { a = 1 }",
        "[[admissions]]\ndate = 2023-01-01",
        "[[admissions]]\ndate = 07:32:00",
        "[[orgs]]\nname = \"\"\"\nmulti\nline\"\"\"",
        "[[orgs]]\nname = '''\nmulti\nline'''",
        r#"name = "a" "b""#,
        r#"name = "a"b"#,
        r#"name = "\ud800""#,
        r#"name = "\U00110000""#,
        r#"name = "\u00e""#,
        r#"name = "\xg0""#,
        r#"name = "\q""#,
        r#"name = "a\ ""#,
        r#"name = "a\""#,
        r#"name = "a"#,
        "name = 'a",
        "name = 'a'b'",
        "name = \"\"\"a\"\"\"\"\"\"",
        "name = '''a''''''",
        r#"name = """a"""b""""#,
        "[[orgs]]\n[admissions.person]",
        "[[admissions]]\n[admissions.other]",
        "[admissions.person]\nname = \"a\"",
        // The last admission is TOML's, but not where our layout puts it.
        "[[admissions]]\nid = 1\n[[orgs]]\nid = \"a\"\n[admissions.person]\nname = \"b\"",
        // Leniencies TOML does not share.
        "version =",
        "version = ",
        "= 1",
        "version = 1\nversion = 1",
        "[[orgs]]\nid = \"a\"\nx = 1\nx = 1",
        "orgs = 1\n[[orgs]]\nid = \"a\"",
        "[[admissions]]\nperson = 1\n[admissions.person]",
        "[[admissions]]\n[admissions.person]\n[admissions.void]\n[admissions.person]",
        "[[admissions]]\n[admissions.person]\nname = \"a\"\nname = \"b\"",
        "version = 1\r",
        "version = 1\r\r\n",
        "version\r= 1",
        "version = 1 # a\rcomment",
        "# a\rcomment\nversion = 1",
    ] {
        assert!(table(toml).is_none(), "{toml:?}");
    }
}

/// What TOML has beyond what we write, and that this reader still reads
/// as the `toml` crate does: integers with a sign or underscores, every
/// escape of TOML 1.1, quotes next to the closing ones of a multi-line
/// string, comments after a value or a header.
#[test]
fn more_of_toml_reads_as_the_toml_crate_reads_it() {
    for value in [
        "0",
        "+0",
        "-0",
        "7",
        "+7",
        "-7",
        "1_000",
        "1_2_3",
        "-1_000",
        "9223372036854775807",
        "-9223372036854775808",
        "true",
        "false",
        r#""""#,
        "''",
        r##""a#b""##,
        "'a#b'",
        r"'a\b'",
        r#""\b\e\f\n\r\t\\\"""#,
        r#""\x41\xe0\xFF""#,
        r#""\u00e0\u00E0\uD7FF\uE000\u0000""#,
        r#""\U0001F600\U0010FFFF\U00000041""#,
        r#""a\"""#,
        r#""""""""#,
        r#""""a""""#,
        r#"""""a""""#,
        r#""""""a""""#,
        r#""""a"""""#,
        r#""""a""""""#,
        r#"""""""""#,
        r#""""""""""#,
        r#""""a"b""c""""#,
        r#""""a\"""""#,
        r#""""a\"""b""""#,
        r#""""\u00e0""""#,
        "''''''",
        "'''a'''",
        "''''a'''",
        "'''a''''",
        "'''a'''''",
        "''''''''",
        "'''a'b''c'''",
        r"'''a\'''",
        "1 # a comment",
        "1#a comment",
        r##""a"#c"##,
        "'a' #c",
        "true#c",
        r##""""a""""#c"##,
        "1\t",
        "\"\t\"",
        "'a\u{a0}\u{3000}\u{85}\u{2028}'",
        "\"\u{80}\u{9f}\"",
    ] {
        let text = format!("x = {value}\n");
        assert!(same_table(&text), "refused: {text:?}");
    }
    for text in [
        "[[orgs]] # a comment\nid = 'a'",
        "[[orgs]]#\nid = 'a'",
        "[[orgs]]\nid = 'a'\n[[orgs]]\t\nid = 'b'\n",
        "\t[[admissions]]\t# c\n[admissions.void] #c\nreason = 'x'",
        "[[admissions]]\n[admissions.void]\n[admissions.person]\n",
        "[[admissions]]\n[admissions.person]\n[[admissions]]\n[admissions.person]\n",
        "#\n# \t comment\r\n\n\r\nversion = 1 \t\r\n",
        "version = 1",
        "",
        "[[orgs]]\n[[quotas]]\n[[admissions]]",
    ] {
        assert!(same_table(text), "refused: {text:?}");
    }
}

/// Values made of pieces of the forms above, right and wrong: each is
/// read as the `toml` crate reads it, or refused.
#[test]
fn values_agree_or_are_refused() {
    let pieces = [
        "0", "1", "-", "+", "_", "9", "00", "x", "e", ".", "'", "\"", "\\", "#", " ", "\t", "a",
        "à", "\\u", "\\U", "\\x", "D8", "FF", "ff", "10", "FFFF", "\r", "\n", "\r\n",
    ];
    let mut read = 0;
    for a in pieces {
        for b in pieces {
            for c in pieces {
                for text in [
                    format!("x = {a}{b}{c}"),
                    format!("x = \"{a}{b}{c}\""),
                    format!("x = '{a}{b}{c}'"),
                    format!("x = \"\"\"{a}{b}{c}\"\"\""),
                    format!("x = '''{a}{b}{c}'''"),
                    format!("x = 1{a}{b}{c}"),
                ] {
                    read += usize::from(same_table(&text));
                }
            }
        }
    }
    assert!(read > 50_000, "{read}");
}

use crate::model::Store;

/// The store, by the fast path and by the `toml` crate: when the fast path
/// reads it, the `toml` crate reads the same; when the `toml` crate refuses
/// it, so does the fast path.
fn same_store(text: &str) -> Option<Store> {
    let fast = read(text);
    let full = toml::from_str::<Store>(text);
    if let Some(fast) = &fast {
        assert_eq!(full.as_ref().ok(), Some(fast), "{text:?}: {full:?}");
    }
    if full.is_err() {
        assert_eq!(fast, None, "{text:?}");
    }
    fast
}

/// The model's rules hold on the fast path: unknown and missing fields,
/// types, dates, periods, enumerations.
#[test]
fn what_the_model_refuses_is_refused() {
    let head = "version = 1\nnext_id = 2\n[[orgs]]\nid = \"a\"\nname = \"A\"\n";
    let ok = [
        "",
        "[[quotas]]\norg = \"a\"\nyear = 2024\ntarget = 5\n",
        "[[quotas]]\norg = \"a\"\nterm = \"2020-2025\"\nmetric = \"trained\"\ntarget = 5\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-1-2\"\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n\
         [admissions.person]\nsex = \"female\"\nborn = \"1990-02-03\"\n",
    ];
    for rest in ok {
        let text = format!("{head}{rest}");
        assert!(same_store(&text).is_some(), "{text:?}");
    }
    let refused = [
        "x = 1\n",
        "[[quotas]]\norg = \"a\"\ntarget = 5\n",
        "[[quotas]]\norg = \"a\"\nyear = 2024\nterm = \"2020-2025\"\ntarget = 5\n",
        "[[quotas]]\norg = \"a\"\nyear = 1200\ntarget = 5\n",
        "[[quotas]]\norg = \"a\"\nterm = \"2025-2020\"\ntarget = 5\n",
        "[[quotas]]\norg = \"a\"\nyear = 2024\ntarget = -5\n",
        "[[quotas]]\norg = \"a\"\nyear = 2024\ntarget = 5\nmetric = \"other\"\n",
        "[[quotas]]\norg = \"a\"\nyear = \"2024\"\ntarget = 5\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-02-30\"\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"02/01/2023\"\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = 20230102\ncount = 1\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = true\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\nperson = \"x\"\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n\
         [admissions.person]\nsex = \"nữ\"\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n\
         [admissions.person]\nage = 3\n",
        "[[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n\
         [admissions.void]\nreason = \"x\"\n",
        "[[orgs]]\nid = \"b\"\n",
        "[[orgs]]\nid = \"b\"\nname = \"B\"\nmembers = -1\n",
    ];
    for rest in refused {
        let text = format!("{head}{rest}");
        assert!(same_store(&text).is_none(), "{text:?}");
    }
    assert!(same_store("next_id = 1\n").is_none());
    assert!(same_store("version = 4294967296\n").is_none());
}

/// A native TOML date, which stores accept on read, is left to the full
/// parser, and reads as the same date in quotes.
#[test]
fn native_dates_go_to_the_full_parser() {
    use crate::store::{Format, parse};
    let quoted = "version = 1\nnext_id = 2\n[[orgs]]\nid = \"a\"\nname = \"A\"\n\
        [[admissions]]\nid = 1\norg = \"a\"\ndate = \"2023-01-02\"\ncount = 1\n\
        [admissions.void]\nreason = \"x\"\non = \"2023-01-03\"\n";
    for native in [
        quoted.replace("\"2023-01-02\"", "2023-01-02"),
        quoted.replace("\"2023-01-03\"", "2023-01-03 # c"),
    ] {
        assert!(table(&native).is_none(), "{native:?}");
        let full = parse(native.as_bytes(), Format::Toml).unwrap();
        assert_eq!(Some(full), read(quoted));
    }
}

/// A store in our layout, with every kind of line it has.
const STORE: &str = "version = 1\nnext_id = 2\n# a comment\n\n[[orgs]]\nid = \"a\"\n\
    name = \"Xã Hoà Bình\"\nlevel = 'xã'\n\n[[admissions]]\nid = 1\norg = \"a\"\n\
    date = \"2023-01-02\"\ncount = 1\n\n[admissions.person]\nname = \"Lê Thị Hoa\"\n\
    youth_union = true\n";

/// Where a character goes (at `{}`, in place of the line on the left)
/// outside any string: around `=`, at a line's start and end, on a
/// line of its own, in and around headers, in a key, after a value.
const OUTSIDE: [(&str, &str); 16] = [
    ("next_id = 2", "next_id{}= 2"),
    ("next_id = 2", "next_id ={}2"),
    ("next_id = 2", "next_id{} = 2"),
    ("next_id = 2", "{}next_id = 2"),
    ("next_id = 2", "next_id = 2{}"),
    ("next_id = 2", "next_{}id = 2"),
    ("count = 1", "count = 1{}"),
    ("id = \"a\"", "id = \"a\"{}"),
    ("youth_union = true", "youth_union = true{}"),
    ("\n\n[[orgs]]", "\n{}\n[[orgs]]"),
    ("[[orgs]]", "{}[[orgs]]"),
    ("[[orgs]]", "[[orgs]]{}"),
    ("[[orgs]]", "[[or{}gs]]"),
    ("[[orgs]]", "[[orgs]{}]"),
    ("[admissions.person]", "[admissions.person]{}"),
    ("[admissions.person]", "{}[admissions.person]"),
];

/// Where a character goes inside a string of each kind.
const INSIDE: [(&str, &str); 3] = [
    ("name = \"Xã Hoà Bình\"", "name = \"Xã{}Hoà Bình\""),
    ("level = 'xã'", "level = 'x{}ã'"),
    ("name = \"Lê Thị Hoa\"", "name = \"\"\"Lê Thị{}Hoa\"\"\""),
];

/// Characters that `str::trim`, `str::lines` or `char::is_whitespace`
/// take for whitespace or line ends, but TOML does not.
const NOT_TOML_WS: [char; 9] = [
    '\u{A0}', '\u{3000}', '\x0B', '\x0C', '\r', '\u{85}', '\u{2028}', '\0', '\x7F',
];

/// The control characters TOML forbids even in strings and comments.
const CONTROLS: [char; 5] = ['\x0B', '\x0C', '\r', '\0', '\x7F'];

fn with(at: (&str, &str), c: char) -> String {
    assert!(STORE.contains(at.0), "{}", at.0);
    STORE.replacen(at.0, &at.1.replace("{}", &c.to_string()), 1)
}

/// Both readers give the same store.
fn agree(text: &str) {
    let fast = read(text).unwrap_or_else(|| panic!("fast path refused {text:?}"));
    let full: Store = toml::from_str(text).unwrap();
    assert_eq!(fast, full, "{text:?}");
}

#[test]
fn the_store_itself_is_read_fast_with_lf_or_crlf() {
    agree(STORE);
    agree(&STORE.replace('\n', "\r\n"));
}

#[test]
fn only_space_and_tab_are_whitespace_outside_strings() {
    for c in NOT_TOML_WS {
        for at in OUTSIDE {
            let text = with(at, c);
            if text.contains("\r\n") {
                // A CR at a line's end is a CRLF line end, but not
                // with anything between it and the LF.
                agree(&text);
                let text = text.replacen("\r\n", "\r \n", 1);
                assert!(table(&text).is_none(), "{text:?}");
                assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
                continue;
            }
            assert!(table(&text).is_none(), "{c:?} in {:?}", at.1);
            assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
        }
    }
    // A tab is TOML whitespace, but not inside a key or a header.
    for at in OUTSIDE {
        let text = with(at, '\t');
        if at.1.contains("_{}") || at.1.contains("or{}") || at.1.contains("]{}]") {
            assert!(table(&text).is_none(), "{:?}", at.1);
        } else {
            agree(&text);
        }
    }
}

#[test]
fn strings_allow_all_but_controls() {
    for at in INSIDE {
        for c in CONTROLS {
            let text = with(at, c);
            assert!(table(&text).is_none(), "{c:?} in {:?}", at.1);
            assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
        }
        for c in ['\u{A0}', '\u{3000}', '\u{85}', '\u{2028}', '\t'] {
            agree(&with(at, c));
        }
    }
    let text = with(INSIDE[0], '\u{A0}');
    let v: serde_json::Value = from_str(&text).unwrap();
    assert_eq!(v["orgs"][0]["name"], "Xã\u{A0}Hoà Bình");
}

#[test]
fn comments_allow_all_but_controls() {
    let at = ("# a comment", "# a{}comment");
    for c in CONTROLS {
        assert!(table(&with(at, c)).is_none(), "{c:?}");
    }
    for c in ['\u{A0}', '\u{3000}', '\u{85}', '\u{2028}', '\t'] {
        agree(&with(at, c));
    }
}

/// The records besides the admissions, in the layout `quota` writes them:
/// read fast, and as the `toml` crate reads them; a sub-table under an
/// element of the wrong array is refused.
#[test]
fn holidays_classes_candidates_and_probation_are_read_fast() {
    let text = r#"version = 1
next_id = 5

[[orgs]]
id = "xa"
name = "Xã"

[[holidays]]
date = "2026-09-02"
name = "Quốc khánh"

[[trainings]]
id = 1
org = "xa"
date = "2026-03-20"
count = 45

[[candidates]]
id = 2
org = "xa"
source = "2026-01-10"
applied = "2026-04-02"
exception = "x"

[candidates.person]
name = "H'Hoa"
born = "2001-02-03"

[candidates.dropped]
reason = "chuyển đi"
on = "2026-05-01"

[[candidates]]
id = 3
org = "xa"
voted = "2026-06-05"
admission = 4

[[admissions]]
id = 4
org = "xa"
date = "2026-07-01"
count = 1

[admissions.probation]
ceremony = "2026-07-15"
struck_on = "2026-09-01"
struck_reason = "x"
"#;
    agree(text);
    let store = read(text).unwrap();
    assert_eq!(store.candidates[0].steps.len(), 2);
    assert_eq!(store.candidates[1].admission, Some(4));
    assert_eq!(store.holidays.len(), 1);
    assert!(same_table(text));
    // A candidate's table under an admission, and the other way round.
    for (from, to) in [
        ("[admissions.probation]", "[candidates.person]"),
        ("[candidates.dropped]", "[admissions.void]"),
    ] {
        let moved = text.replacen(from, to, 1);
        assert!(read(&moved).is_none(), "{to} read in the wrong place");
    }
}
