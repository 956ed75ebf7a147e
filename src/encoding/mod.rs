//! Reading imported files as UTF-8, whether saved as UTF-8 or as Windows-1258.
//!
//! Excel on Vietnamese Windows saves "CSV" in Windows-1258, the code page
//! that writes most tone marks as combining characters after the letter.
//! [`utf8_reader`] wraps the bytes of such a file into a reader of UTF-8
//! text: UTF-8 passes through byte for byte (checked as it goes), and
//! Windows-1258 is decoded and put in NFC, so that "Hoà" typed as "Hoa" +
//! U+0300 reads as the precomposed "Hoà" the rest of `quota` compares with.
//! Both work block by block, in bounded memory: imports may be 60 MB.
//!
//! Errors are typed ([`NotUtf8`]); the words shown to the user are the
//! caller's, which localises them.

use std::fmt;
use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, WINDOWS_1258};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The encodings an imported file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1258,
}

/// What the caller asked for: detect, or force one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Detect,
    Force(Encoding),
}

/// The inner error of the `InvalidData` error a UTF-8 reader returns when
/// the bytes stop being UTF-8: where the bad byte is, counted in bytes
/// from the start of the stream. Every byte before it has been read
/// already, so the caller can count the lines up to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    pub offset: u64,
}

/// For logs and debugging only: the caller words the message for people.
impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not UTF-8 at byte {}", self.offset)
    }
}

impl std::error::Error for NotUtf8 {}

/// How much is read from the inner reader at a time, and looked at to
/// detect the encoding: enough for many lines of a CSV file.
const BLOCK: usize = 64 * 1024;

/// The most decoded text kept back for normalisation when no character in
/// it is a safe place to cut: only a run of thousands of combining marks
/// gets there, never text, and memory stays bounded.
const MAX_CARRY: usize = 4 * 1024;

/// The encoding a name on the command line stands for: "utf-8", "utf8",
/// "windows-1258", "cp1258" or "1258", in any case.
pub fn parse_encoding(s: &str) -> Option<Encoding> {
    match s.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Some(Encoding::Utf8),
        "windows-1258" | "cp1258" | "1258" => Some(Encoding::Windows1258),
        _ => None,
    }
}

/// Wraps a byte reader into one yielding UTF-8 (NFC for Windows-1258).
///
/// Detection reads the first block: valid UTF-8 (a UTF-8 BOM included, a
/// character cut by the block's end allowed) means UTF-8, passed through
/// unchanged, BOM and all; anything else means Windows-1258, which every
/// byte is valid in. Returns the reader and the encoding used. When UTF-8
/// stops being valid further on, the reader returns an `InvalidData` error
/// whose inner error is a [`NotUtf8`].
pub fn utf8_reader(inner: Box<dyn Read>, choice: Choice) -> io::Result<(Box<dyn Read>, Encoding)> {
    with_block(inner, choice, BLOCK)
}

/// [`utf8_reader`] with another block size, so that tests can put block
/// boundaries where they like.
fn with_block(
    mut inner: Box<dyn Read>,
    choice: Choice,
    block: usize,
) -> io::Result<(Box<dyn Read>, Encoding)> {
    let block = block.max(1);
    let first = read_block(&mut inner, block)?;
    let encoding = match choice {
        Choice::Force(e) => e,
        // A short first block is the whole file: a character cut at its
        // end is cut for good, and so not UTF-8.
        Choice::Detect => detect(&first, first.len() < block),
    };
    let reader: Box<dyn Read> = match encoding {
        Encoding::Utf8 => Box::new(Utf8Reader::new(inner, first, block)),
        Encoding::Windows1258 => Box::new(Cp1258Reader::new(inner, &first, block)),
    };
    Ok((reader, encoding))
}

fn detect(first: &[u8], whole: bool) -> Encoding {
    match std::str::from_utf8(first) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() && !whole => Encoding::Utf8,
        Err(_) => Encoding::Windows1258,
    }
}

/// Reads until `block` bytes are in, or the end: readers may return less
/// than asked for long before their end.
fn read_block(inner: &mut dyn Read, block: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(block);
    inner.take(block as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// One read of the inner reader, tried again when interrupted.
fn read_some(inner: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match inner.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

/// UTF-8 in, the same bytes out, each checked before it is handed out.
struct Utf8Reader {
    inner: Box<dyn Read>,
    /// Bytes read and not yet handed out; `buf[pos..valid]` is checked,
    /// `buf[valid..]` is the start of a character cut by the last read.
    buf: Vec<u8>,
    pos: usize,
    valid: usize,
    /// Where `buf[0]` is in the stream.
    base: u64,
    block: usize,
    eof: bool,
    /// Where the bytes stop being UTF-8: returned once `buf[..valid]` is out.
    bad: Option<u64>,
}

impl Utf8Reader {
    fn new(inner: Box<dyn Read>, first: Vec<u8>, block: usize) -> Self {
        let mut r = Utf8Reader {
            inner,
            buf: first,
            pos: 0,
            valid: 0,
            base: 0,
            block,
            eof: false,
            bad: None,
        };
        r.check();
        r
    }

    /// Moves `valid` over the bytes that are UTF-8, or sets `bad`.
    fn check(&mut self) {
        match std::str::from_utf8(&self.buf[self.valid..]) {
            Ok(_) => self.valid = self.buf.len(),
            Err(e) => {
                self.valid += e.valid_up_to();
                // A cut character may be completed by the next read, but
                // not after the end.
                if e.error_len().is_some() || self.eof {
                    self.bad = Some(self.base + self.valid as u64);
                }
            }
        }
    }

    /// Reads the next block after the cut character kept from the last.
    fn fill(&mut self) -> io::Result<()> {
        self.buf.drain(..self.pos);
        self.base += self.pos as u64;
        self.valid -= self.pos;
        self.pos = 0;
        let kept = self.buf.len();
        self.buf.resize(kept + self.block, 0);
        let n = match read_some(&mut self.inner, &mut self.buf[kept..]) {
            Ok(n) => n,
            Err(e) => {
                self.buf.truncate(kept);
                return Err(e);
            }
        };
        self.buf.truncate(kept + n);
        self.eof = n == 0;
        self.check();
        Ok(())
    }
}

impl Read for Utf8Reader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        while self.pos == self.valid {
            if let Some(offset) = self.bad {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    NotUtf8 { offset },
                ));
            }
            if self.eof {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = out.len().min(self.valid - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Windows-1258 in, NFC UTF-8 out.
struct Cp1258Reader {
    inner: Box<dyn Read>,
    decoder: Decoder,
    /// The buffer blocks are read into.
    raw: Vec<u8>,
    /// Decoded text held back from the last safe place to cut (see
    /// [`safe_cut`]) on, as the next block may start with marks that
    /// compose with it.
    carry: String,
    /// Normalised text; `out[pos..]` is not handed out yet.
    out: String,
    pos: usize,
    eof: bool,
}

impl Cp1258Reader {
    fn new(inner: Box<dyn Read>, first: &[u8], block: usize) -> Self {
        let mut r = Cp1258Reader {
            inner,
            // Not `new_decoder`, which would read UTF-8 after a UTF-8 BOM:
            // forced means forced.
            decoder: WINDOWS_1258.new_decoder_without_bom_handling(),
            raw: vec![0; block],
            carry: String::new(),
            out: String::new(),
            pos: 0,
            eof: false,
        };
        r.decode(first, false);
        r
    }

    /// Decodes `raw`, and normalises all the text that no later character
    /// can change: all of it at the end.
    fn decode(&mut self, mut raw: &[u8], last: bool) {
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length(raw.len())
                .unwrap_or(raw.len() * 3 + 16);
            self.carry.reserve(room);
            let (result, read, _) = self.decoder.decode_to_string(raw, &mut self.carry, last);
            raw = &raw[read..];
            if result == CoderResult::InputEmpty {
                break;
            }
        }
        let mut cut = if last {
            self.carry.len()
        } else {
            safe_cut(&self.carry)
        };
        if self.carry.len() - cut > MAX_CARRY {
            cut = self.carry.len();
        }
        push_nfc(&self.carry[..cut], &mut self.out);
        self.carry.drain(..cut);
    }

    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        let mut raw = std::mem::take(&mut self.raw);
        let n = read_some(&mut self.inner, &mut raw);
        if let Ok(n) = n {
            self.eof = n == 0;
            self.decode(&raw[..n], self.eof);
        }
        self.raw = raw;
        n.map(|_| ())
    }
}

impl Read for Cp1258Reader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        while self.pos == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.fill()?;
        }
        let text = &self.out.as_bytes()[self.pos..];
        let n = out.len().min(text.len());
        out[..n].copy_from_slice(&text[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// Where `s` can be cut so that each side's NFC is the NFC of the whole:
/// before its last character that neither combines with what precedes it
/// (NFC_Quick_Check = Yes) nor is reordered with it (combining class 0),
/// as UAX #15 defines a safe boundary. 0 when there is none.
fn safe_cut(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| {
            c.is_ascii()
                || (canonical_combining_class(c) == 0
                    && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
        })
        .map_or(0, |(i, _)| i)
}

/// Appends the NFC form of `s`, without the work when it already is.
fn push_nfc(s: &str, out: &mut String) {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => out.push_str(s),
        _ => out.extend(s.nfc()),
    }
}

#[cfg(test)]
mod tests;
