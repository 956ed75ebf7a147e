//! Tests of `fasttoml`.

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
        // Leniencies TOML does not share.
        "version =",
        "version = ",
        "= 1",
        "version = -0",
        "version = 1\nversion = 1",
        "[[orgs]]\nid = \"a\"\nx = 1\nx = 1",
        "orgs = 1\n[[orgs]]\nid = \"a\"",
        "[[admissions]]\nperson = 1\n[admissions.person]",
        "[[admissions]]\n[admissions.person]\n[admissions.void]\n[admissions.person]",
        "[[admissions]]\n[admissions.person]\nname = \"a\"\nname = \"b\"",
        "version = 1\r",
        "version = 1\r\r\n",
        "version\r= 1",
    ] {
        assert_eq!(to_json(toml), None, "{toml:?}");
    }
}

use crate::model::Store;

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
    let json = to_json(text).unwrap_or_else(|| panic!("fast path refused {text:?}"));
    let fast: Store = serde_json::from_str(&json).unwrap();
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
                assert_eq!(to_json(&text), None, "{text:?}");
                assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
                continue;
            }
            assert_eq!(to_json(&text), None, "{c:?} in {:?}", at.1);
            assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
        }
    }
    // A tab is TOML whitespace, but not inside a key or a header.
    for at in OUTSIDE {
        let text = with(at, '\t');
        if at.1.contains("_{}") || at.1.contains("or{}") || at.1.contains("]{}]") {
            assert_eq!(to_json(&text), None, "{:?}", at.1);
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
            assert_eq!(to_json(&text), None, "{c:?} in {:?}", at.1);
            assert!(toml::from_str::<toml::Table>(&text).is_err(), "{text:?}");
        }
        for c in ['\u{A0}', '\u{3000}', '\u{85}', '\u{2028}', '\t'] {
            agree(&with(at, c));
        }
    }
    let text = with(INSIDE[0], '\u{A0}');
    let v: serde_json::Value = serde_json::from_str(&to_json(&text).unwrap()).unwrap();
    assert_eq!(v["orgs"][0]["name"], "Xã\u{A0}Hoà Bình");
}

#[test]
fn comments_allow_all_but_controls() {
    let at = ("# a comment", "# a{}comment");
    for c in CONTROLS {
        assert_eq!(to_json(&with(at, c)), None, "{c:?}");
    }
    for c in ['\u{A0}', '\u{3000}', '\u{85}', '\u{2028}', '\t'] {
        agree(&with(at, c));
    }
}
