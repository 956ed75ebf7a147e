//! A fast path for reading stores in the layout `quota` itself writes.
//!
//! The `toml` crate builds a full document before deserialising: a
//! national store (1,000,000 records, 230 MB) takes seconds and gigabytes.
//! The layout we write is plain — top-level keys, then the arrays of tables
//! of [`ARRAYS`] (with the sub-tables of [`SUBS`], such as
//! `[admissions.person]`) of `key = value` lines, values being integers,
//! booleans and strings — so it is read here line by line, as a serde
//! [`Deserializer`] that hands the model's own `Deserialize` impls each
//! key and value as it is read: no document, no text in between. The
//! model's rules (unknown fields, required fields, types, dates, periods)
//! are therefore the very ones any other reader goes through.
//!
//! Anything outside that layout (quoted or dotted keys, inline tables and
//! arrays, multi-line strings, dates without quotes, floats, integers in
//! another base, an array of tables split in two, …) is an error here, as
//! is anything the model refuses; the caller then has the `toml` crate
//! read the file, for its exact error messages.
//!
//! This reader may refuse valid TOML but must never accept what TOML
//! refuses: whether a file loads cannot depend on which reader saw it. So
//! it reads a whitelist, not Rust's notion of text: whitespace is a space
//! or a tab (not Unicode whitespace, such as U+00A0 or U+3000), a line ends
//! with LF or CRLF (never a bare CR), a control character other than a tab
//! is refused wherever it stands (escapes aside), a key may be defined only
//! once per table, and an array of tables may not be reopened.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::model::Store;

/// The arrays of tables a store has.
const ARRAYS: [&str; 6] = [
    "orgs",
    "quotas",
    "holidays",
    "trainings",
    "candidates",
    "admissions",
];
/// The headers that open them, as they stand in the file.
const ARRAY_HEADERS: [&[u8]; 6] = [
    b"[[orgs]]",
    b"[[quotas]]",
    b"[[holidays]]",
    b"[[trainings]]",
    b"[[candidates]]",
    b"[[admissions]]",
];
/// The sub-tables an element may have: the index in `ARRAYS` of the array
/// whose elements have it, its key, and the header that opens it.
const SUBS: [(usize, &str, &[u8]); 6] = [
    (0, "merged", b"[orgs.merged]"),
    (4, "person", b"[candidates.person]"),
    (4, "dropped", b"[candidates.dropped]"),
    (5, "person", b"[admissions.person]"),
    (5, "void", b"[admissions.void]"),
    (5, "probation", b"[admissions.probation]"),
];

/// The store in `text`, or `None` when the text leaves our layout or the
/// model refuses what it holds (the full parser then says why).
pub fn read(text: &str) -> Option<Store> {
    from_str(text).ok()
}

/// Any `Deserialize` type from text in our layout; the store is one, and
/// tests read into `serde_json::Value` or `IgnoredAny` to see whether the
/// layout alone is accepted.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        unread: None,
        keys: [Vec::new(), Vec::new(), Vec::new()],
    };
    T::deserialize(TableDe {
        r: &mut reader,
        level: Level::Top,
    })
}

/// Why the fast path did not read a text: never shown to a user (the full
/// parser reads the file again for its own message), only kept for tests.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// An error of the layout, at a byte offset.
fn error(what: &str, at: usize) -> Error {
    Error(format!("{what} at byte {at}"))
}

fn refuse<T>(what: &str, at: usize) -> Result<T, Error> {
    Err(error(what, at))
}

/// One meaningful line: blank lines and comments are skipped.
enum Line<'de> {
    Pair(&'de str, Value<'de>),
    /// `[[ARRAYS[i]]]`
    Array(usize),
    /// `SUBS[i]`: a sub-table of an element
    Sub(usize),
    End,
}

/// A value: TOML's integers are 64-bit signed, as the `toml` crate gives
/// them to serde.
enum Value<'de> {
    Str(Cow<'de, str>),
    Int(i64),
    Bool(bool),
}

/// Which table the lines being read belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    /// An element of the array of tables `ARRAYS[i]`.
    Element(usize),
    /// A sub-table of the current admission.
    Sub,
}

impl Level {
    fn index(self) -> usize {
        match self {
            Level::Top => 0,
            Level::Element(_) => 1,
            Level::Sub => 2,
        }
    }
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    /// A line read but handed back, for the table or array it begins.
    unread: Option<Line<'de>>,
    /// The keys defined so far in the top-level table, the current element
    /// and the current sub-table: TOML refuses a key twice in one table.
    keys: [Vec<&'de str>; 3],
}

/// Bytes TOML allows nowhere, not even in strings or comments: the
/// controls but tab (U+0000–U+0008, U+000A–U+001F, U+007F). LF and CR are
/// among them, so that whoever meets one decides whether it ends a line.
const fn controls() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x09;
        b += 1;
    }
    t[0x7F] = true;
    t
}

/// `t`, with `b` also ending a run.
const fn also(mut t: [bool; 256], b: u8) -> [bool; 256] {
    t[b as usize] = true;
    t
}

/// Where a run of plain text ends: in a comment, in a literal string, in a
/// basic string. Bytes of multi-byte characters are all 0x80 or above, so
/// a run never ends inside a character.
const COMMENT_STOP: [bool; 256] = controls();
const LITERAL_STOP: [bool; 256] = also(controls(), b'\'');
const BASIC_STOP: [bool; 256] = also(also(controls(), b'"'), b'\\');

fn bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The end of the run of bytes from `from` that `stop` lets through.
    fn scan(&self, from: usize, stop: &[bool; 256]) -> usize {
        let mut i = from;
        while i < self.bytes.len() && !stop[usize::from(self.bytes[i])] {
            i += 1;
        }
        i
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The rest of a line after a header or a value: whitespace, perhaps a
    /// comment, then LF, CRLF or the end of the text.
    fn line_end(&mut self) -> Result<(), Error> {
        self.skip_ws();
        if self.peek() == Some(b'#') {
            self.pos = self.scan(self.pos + 1, &COMMENT_STOP);
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Ok(())
            }
            Some(_) => refuse("more on the line", self.pos),
        }
    }

    /// The next line, or the one handed back.
    fn next(&mut self) -> Result<Line<'de>, Error> {
        match self.unread.take() {
            Some(line) => Ok(line),
            None => self.read_line(),
        }
    }

    fn unread(&mut self, line: Line<'de>) {
        self.unread = Some(line);
    }

    fn read_line(&mut self) -> Result<Line<'de>, Error> {
        loop {
            self.skip_ws();
            let Some(b) = self.peek() else {
                return Ok(Line::End);
            };
            match b {
                b'\n' | b'\r' | b'#' => self.line_end()?,
                b'[' => return self.header(),
                b if bare(b) => return self.pair(),
                _ => return refuse("not a key", self.pos),
            }
        }
    }

    fn header(&mut self) -> Result<Line<'de>, Error> {
        let rest = &self.bytes[self.pos..];
        let line = if let Some(i) = ARRAY_HEADERS.iter().position(|h| rest.starts_with(h)) {
            self.pos += ARRAY_HEADERS[i].len();
            Line::Array(i)
        } else if let Some(i) = SUBS.iter().position(|s| rest.starts_with(s.2)) {
            self.pos += SUBS[i].2.len();
            Line::Sub(i)
        } else {
            return refuse("a header of another table", self.pos);
        };
        self.line_end()?;
        Ok(line)
    }

    fn pair(&mut self) -> Result<Line<'de>, Error> {
        let start = self.pos;
        while self.peek().is_some_and(bare) {
            self.pos += 1;
        }
        let key = &self.text[start..self.pos];
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return refuse("no `=` after a bare key", self.pos);
        }
        self.pos += 1;
        self.skip_ws();
        let value = self.value()?;
        self.line_end()?;
        Ok(Line::Pair(key, value))
    }

    fn value(&mut self) -> Result<Value<'de>, Error> {
        let rest = &self.bytes[self.pos..];
        match self.peek() {
            Some(b'"') if rest.starts_with(b"\"\"\"") => self.basic(3).map(Value::Str),
            Some(b'"') => self.basic(1).map(Value::Str),
            Some(b'\'') if rest.starts_with(b"'''") => self.literal(3).map(Value::Str),
            Some(b'\'') => self.literal(1).map(Value::Str),
            Some(b't') if rest.starts_with(b"true") => {
                self.pos += 4;
                Ok(Value::Bool(true))
            }
            Some(b'f') if rest.starts_with(b"false") => {
                self.pos += 5;
                Ok(Value::Bool(false))
            }
            Some(b'+' | b'-' | b'0'..=b'9') => self.integer().map(Value::Int),
            _ => refuse("a value of another kind", self.pos),
        }
    }

    /// A decimal integer: a sign, then `0` or digits not starting with 0,
    /// with single underscores between digits, within 64 bits. What ends
    /// it is for [`Reader::line_end`] to judge: `1.5`, `1e3`, `0x10` or a
    /// date leave bytes it refuses.
    fn integer(&mut self) -> Result<i64, Error> {
        let negative = self.peek() == Some(b'-');
        if let Some(b'+' | b'-') = self.peek() {
            self.pos += 1;
        }
        let mut n: u64 = match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                0
            }
            Some(d @ b'1'..=b'9') => {
                self.pos += 1;
                u64::from(d - b'0')
            }
            _ => return refuse("not a decimal integer", self.pos),
        };
        if n != 0 {
            loop {
                match self.peek() {
                    Some(d @ b'0'..=b'9') => {
                        self.pos += 1;
                        n = n
                            .checked_mul(10)
                            .and_then(|n| n.checked_add(u64::from(d - b'0')))
                            .ok_or_else(|| error("an integer beyond 64 bits", self.pos))?;
                    }
                    Some(b'_') if self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit) => {
                        self.pos += 1;
                    }
                    _ => break,
                }
            }
        }
        let n = if negative {
            0i64.checked_sub_unsigned(n)
        } else {
            i64::try_from(n).ok()
        };
        n.ok_or_else(|| error("an integer beyond 64 bits", self.pos))
    }

    /// A basic string on one line, `"…"` (`delim` 1) or `"""…"""` (3): in
    /// the latter, a run of one or two quotes is text, and up to two may
    /// stand before the closing three. Borrowed from the text when it has
    /// no escape.
    fn basic(&mut self, delim: usize) -> Result<Cow<'de, str>, Error> {
        self.pos += delim;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start; // where the text not yet copied to `owned` starts
        loop {
            let i = self.scan(self.pos, &BASIC_STOP);
            match self.bytes.get(i) {
                Some(b'"') => {
                    let quotes = self.bytes[i..].iter().take_while(|&&b| b == b'"').count();
                    let (end, after) = match delim {
                        1 => (i, i + 1),
                        _ if quotes < 3 => {
                            self.pos = i + quotes;
                            continue;
                        }
                        _ if quotes <= 5 => (i + quotes - 3, i + quotes),
                        _ => return refuse("too many quotes", i),
                    };
                    self.pos = after;
                    let last = &self.text[run..end];
                    return Ok(match owned {
                        None => Cow::Borrowed(last),
                        Some(mut s) => {
                            s.push_str(last);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..i]);
                    self.pos = i + 1;
                    let c = self.escape()?;
                    s.push(c);
                    run = self.pos;
                }
                _ => return refuse("a control character or no closing quote", i),
            }
        }
    }

    /// The character an escape stands for; `self.pos` is after the `\`.
    /// TOML 1.1's escapes, as the `toml` crate reads them.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(e) = self.peek() else {
            return refuse("an escape at the end", self.pos);
        };
        self.pos += 1;
        let digits = match e {
            b'b' => return Ok('\u{8}'),
            b'e' => return Ok('\u{1b}'),
            b'f' => return Ok('\u{c}'),
            b'n' => return Ok('\n'),
            b'r' => return Ok('\r'),
            b't' => return Ok('\t'),
            b'\\' => return Ok('\\'),
            b'"' => return Ok('"'),
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => return refuse("an unknown escape", self.pos - 1),
        };
        let hex = self
            .bytes
            .get(self.pos..self.pos + digits)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        // All hex digits, so no sign for `from_str_radix` to take; a
        // surrogate or a value beyond U+10FFFF is no character.
        let c = hex
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match c {
            Some(c) => {
                self.pos += digits;
                Ok(c)
            }
            None => refuse("a bad escape", self.pos),
        }
    }

    /// A literal string on one line, `'…'` or `'''…'''`: no escapes, and in
    /// the latter runs of quotes as in [`Reader::basic`].
    fn literal(&mut self, delim: usize) -> Result<Cow<'de, str>, Error> {
        self.pos += delim;
        let start = self.pos;
        loop {
            let i = self.scan(self.pos, &LITERAL_STOP);
            if self.bytes.get(i) != Some(&b'\'') {
                return refuse("a control character or no closing quote", i);
            }
            let quotes = self.bytes[i..].iter().take_while(|&&b| b == b'\'').count();
            let (end, after) = match delim {
                1 => (i, i + 1),
                _ if quotes < 3 => {
                    self.pos = i + quotes;
                    continue;
                }
                _ if quotes <= 5 => (i + quotes - 3, i + quotes),
                _ => return refuse("too many quotes", i),
            };
            self.pos = after;
            return Ok(Cow::Borrowed(&self.text[start..end]));
        }
    }

    /// Records a key of the table at `level`, refusing it a second time.
    fn define(&mut self, level: Level, key: &'de str) -> Result<(), Error> {
        let keys = &mut self.keys[level.index()];
        if keys.contains(&key) {
            return refuse("a key defined twice", self.pos);
        }
        keys.push(key);
        Ok(())
    }
}

/// What the key just read stands for, until its value is asked for.
enum Pending<'de> {
    None,
    Value(Value<'de>),
    /// The array of tables `ARRAYS[i]`, its first header handed back.
    Array(usize),
    /// A sub-table of an admission.
    Sub,
}

/// A table: the top level, an element of an array, or a sub-table.
struct TableDe<'a, 'de> {
    r: &'a mut Reader<'de>,
    level: Level,
}

struct Table<'a, 'de> {
    r: &'a mut Reader<'de>,
    level: Level,
    pending: Pending<'de>,
    /// All its keys were given: a visitor that stops before is refused, so
    /// no line can be taken for part of another table.
    done: bool,
}

impl<'de> MapAccess<'de> for Table<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let line = self.r.next()?;
        let key = match line {
            Line::Pair(key, value) => {
                self.r.define(self.level, key)?;
                self.pending = Pending::Value(value);
                key
            }
            // An array of tables opens once, and not over a key of its name.
            Line::Array(i) if self.level == Level::Top => {
                self.r.define(Level::Top, ARRAYS[i])?;
                self.r.unread(line);
                self.pending = Pending::Array(i);
                ARRAYS[i]
            }
            // `[admissions.person]` belongs to the last admission only
            // while its element is being read; once per element; and
            // only to an element of its own array.
            Line::Sub(i) if self.level == Level::Element(SUBS[i].0) => {
                self.r.define(self.level, SUBS[i].1)?;
                self.r.keys[Level::Sub.index()].clear();
                self.pending = Pending::Sub;
                SUBS[i].1
            }
            Line::Sub(_) if self.level != Level::Sub => {
                return refuse("a sub-table outside its element", self.r.pos);
            }
            Line::Sub(_) | Line::Array(_) | Line::End => {
                self.r.unread(line);
                self.done = true;
                return Ok(None);
            }
        };
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::Value(v) => seed.deserialize(v),
            Pending::Array(i) => seed.deserialize(ArrayDe { r: self.r, i }),
            Pending::Sub => seed.deserialize(TableDe {
                r: self.r,
                level: Level::Sub,
            }),
            Pending::None => refuse("a value without a key", self.r.pos),
        }
    }
}

impl<'de> de::Deserializer<'de> for TableDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut table = Table {
            r: self.r,
            level: self.level,
            pending: Pending::None,
            done: false,
        };
        let value = visitor.visit_map(&mut table)?;
        if !table.done {
            return refuse("a table not read to its end", table.r.pos);
        }
        Ok(value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// An array of tables: its elements follow one another, each opened by
/// its header.
struct ArrayDe<'a, 'de> {
    r: &'a mut Reader<'de>,
    i: usize,
}

struct Elements<'a, 'de> {
    r: &'a mut Reader<'de>,
    i: usize,
    done: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.r.next()? {
            Line::Array(i) if i == self.i => {
                self.r.keys[Level::Element(i).index()].clear();
                seed.deserialize(TableDe {
                    r: self.r,
                    level: Level::Element(i),
                })
                .map(Some)
            }
            line => {
                self.r.unread(line);
                self.done = true;
                Ok(None)
            }
        }
    }
}

impl<'de> de::Deserializer<'de> for ArrayDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut elements = Elements {
            r: self.r,
            i: self.i,
            done: false,
        };
        let value = visitor.visit_seq(&mut elements)?;
        if !elements.done {
            return refuse("an array not read to its end", elements.r.pos);
        }
        Ok(value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Int(n) => visitor.visit_i64(n),
            Value::Bool(b) => visitor.visit_bool(b),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A string names a unit variant, as in the `toml` crate.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Str(s) => visitor.visit_enum(s.into_deserializer()),
            other => other.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests;
