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
mod tests {
    use super::*;
    use std::io::Cursor;

    const VIETNAMESE: &str =
        "Đảng bộ xã Hoà Bình;Nguyễn Thị Thuỷ\r\nChi bộ thôn Ea Kly;Trần Văn Ánh\r\n";

    /// The text in Windows-1258 as Vietnamese Windows writes it: letters
    /// with breve, circumflex or horn precomposed, tone marks as combining
    /// characters after them. encoding_rs maps character for character and
    /// has no "ộ", so the tones are split off here first.
    fn cp1258(text: &str) -> Vec<u8> {
        const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut split = String::new();
        for c in text.chars() {
            let d: Vec<char> = std::iter::once(c).nfd().collect();
            split.extend(d.iter().copied().filter(|c| !TONES.contains(c)).nfc());
            split.extend(d.iter().copied().filter(|c| TONES.contains(c)));
        }
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&split);
        assert!(!unmappable, "{split}");
        bytes.into_owned()
    }

    fn reader(bytes: &[u8], choice: Choice, block: usize) -> (Box<dyn Read>, Encoding) {
        with_block(Box::new(Cursor::new(bytes.to_vec())), choice, block).unwrap()
    }

    fn read_all(mut r: Box<dyn Read>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out).map(|_| out)
    }

    /// Hands out one byte per read, as a slow pipe may.
    struct OneByte(Cursor<Vec<u8>>);

    impl Read for OneByte {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    /// What comes out when the output is read a byte at a time.
    fn read_bytewise(mut r: Box<dyn Read>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut b = [0u8; 1];
        while r.read(&mut b).unwrap() == 1 {
            out.push(b[0]);
        }
        out
    }

    fn not_utf8(e: &io::Error) -> Option<NotUtf8> {
        e.get_ref()?.downcast_ref::<NotUtf8>().copied()
    }

    #[test]
    fn windows_1258_becomes_nfc_utf8() {
        let bytes = cp1258(VIETNAMESE);
        // The code page writes some tones as combining marks: decoded
        // as they are, they are not NFC, so the test tests something.
        let (plain, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
        assert_ne!(plain, VIETNAMESE);
        assert!(plain.contains('\u{309}'), "{plain}");
        assert!(std::str::from_utf8(&bytes).is_err());

        let (r, encoding) =
            utf8_reader(Box::new(Cursor::new(bytes.clone())), Choice::Detect).unwrap();
        assert_eq!(encoding, Encoding::Windows1258);
        assert_eq!(String::from_utf8(read_all(r).unwrap()).unwrap(), VIETNAMESE);
    }

    #[test]
    fn ascii_and_utf8_pass_through() {
        let ascii = b"org,name\nxa,Xa Hoa Binh\n";
        let (r, encoding) = reader(ascii, Choice::Detect, BLOCK);
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(read_all(r).unwrap(), ascii);

        // Not normalised: UTF-8 comes out as it went in, BOM included.
        let utf8 = format!("\u{feff}{VIETNAMESE}Hoa\u{300}\n");
        let (r, encoding) = reader(utf8.as_bytes(), Choice::Detect, BLOCK);
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(read_all(r).unwrap(), utf8.as_bytes());

        let (r, encoding) = reader(b"", Choice::Detect, BLOCK);
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(read_all(r).unwrap(), b"");
    }

    #[test]
    fn a_character_cut_by_the_first_block_is_still_utf8() {
        let utf8 = "aàb".as_bytes(); // 61 C3 A0 62: the block ends in "à"
        let (r, encoding) = reader(utf8, Choice::Detect, 2);
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(read_all(r).unwrap(), utf8);
        // Cut by the end of the file, it is not UTF-8.
        let (r, encoding) = reader(&utf8[..2], Choice::Detect, 4);
        assert_eq!(encoding, Encoding::Windows1258);
        assert_eq!(read_all(r).unwrap(), "aĂ".as_bytes()); // C3 in Windows-1258
    }

    #[test]
    fn invalid_utf8_after_the_first_block_is_located() {
        let good = "Nguyễn Thị Thuỷ;xã Hoà Bình\n".repeat(4000);
        assert!(good.len() > BLOCK);
        let mut bytes = good.as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"tail\n");
        let (mut r, encoding) = reader(&bytes, Choice::Detect, BLOCK);
        assert_eq!(encoding, Encoding::Utf8);
        let mut out = Vec::new();
        let e = r.read_to_end(&mut out).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            not_utf8(&e),
            Some(NotUtf8 {
                offset: good.len() as u64
            })
        );
        // Everything before the bad byte was read.
        assert_eq!(out, good.as_bytes());

        // A character cut by the end of the file, after the first block.
        let cut = [b"ab".as_slice(), "à".as_bytes(), "ễ".as_bytes()].concat();
        for block in 1..4 {
            let e = read_all(reader(&cut[..cut.len() - 1], Choice::Detect, block).0).unwrap_err();
            assert_eq!(not_utf8(&e), Some(NotUtf8 { offset: 4 }), "block {block}");
        }
        // A byte that cannot continue a character, in a later block.
        let e = read_all(reader(b"abc\xC3(d", Choice::Detect, 2).0).unwrap_err();
        assert_eq!(not_utf8(&e), Some(NotUtf8 { offset: 3 }));
    }

    #[test]
    fn forced_windows_1258_decodes_utf8_as_1258() {
        let utf8 = format!("\u{feff}{VIETNAMESE}");
        let (r, encoding) = reader(utf8.as_bytes(), Choice::Force(Encoding::Windows1258), BLOCK);
        assert_eq!(encoding, Encoding::Windows1258);
        let out = String::from_utf8(read_all(r).unwrap()).unwrap();
        let (expected, _) = WINDOWS_1258.decode_without_bom_handling(utf8.as_bytes());
        assert_eq!(out, expected.nfc().collect::<String>());
        assert!(out.starts_with("ï»¿"), "{out}");
        assert_ne!(out, utf8);

        // And forced UTF-8 on Windows-1258 stops at the first non-ASCII byte.
        let bytes = cp1258(VIETNAMESE);
        let (r, encoding) = reader(&bytes, Choice::Force(Encoding::Utf8), BLOCK);
        assert_eq!(encoding, Encoding::Utf8);
        let e = read_all(r).unwrap_err();
        assert_eq!(not_utf8(&e), Some(NotUtf8 { offset: 0 }));
    }

    #[test]
    fn marks_compose_across_block_boundaries() {
        let text = "Đ Hoa\u{300}ng Thuy\u{309} Nguyê\u{303}n\n";
        let nfc: String = text.nfc().collect();
        assert_eq!(nfc, "Đ Hoàng Thuỷ Nguyễn\n");
        let bytes = cp1258(text);
        // Every block size, so that a boundary falls between each letter
        // and its mark. Forced: a block too small to tell is taken for
        // UTF-8 cut short.
        for block in 1..=bytes.len() + 1 {
            let (r, _) = reader(&bytes, Choice::Force(Encoding::Windows1258), block);
            assert_eq!(read_all(r).unwrap(), nfc.as_bytes(), "block {block}");
        }
        // An 'a' that ends the first block, its grave accent the next.
        let at = bytes.iter().position(|&b| b == 0xCC).unwrap();
        assert_eq!(bytes[at - 1], b'a');
        let (r, encoding) = reader(&bytes, Choice::Detect, at);
        assert_eq!(encoding, Encoding::Windows1258);
        assert_eq!(read_all(r).unwrap(), nfc.as_bytes());
    }

    #[test]
    fn tiny_reads_give_the_same_output() {
        let text = VIETNAMESE.repeat(3);
        let mut utf8 = text.clone().into_bytes();
        let cp = cp1258(&text);
        for (bytes, encoding) in [(&utf8, Encoding::Utf8), (&cp, Encoding::Windows1258)] {
            for block in [1, 3, 7, BLOCK] {
                // Small blocks are too small to detect the encoding by.
                let choice = if block == BLOCK {
                    Choice::Detect
                } else {
                    Choice::Force(encoding)
                };
                let (r, detected) = reader(bytes, choice, block);
                assert_eq!(detected, encoding);
                assert_eq!(read_all(r).unwrap(), text.as_bytes());
                // A one-byte output buffer.
                let (r, _) = reader(bytes, choice, block);
                assert_eq!(read_bytewise(r), text.as_bytes(), "{encoding:?} {block}");
                // And an inner reader that hands out one byte at a time.
                let inner = Box::new(OneByte(Cursor::new(bytes.clone())));
                let (r, detected) = with_block(inner, choice, block).unwrap();
                assert_eq!(detected, encoding);
                assert_eq!(read_bytewise(r), text.as_bytes(), "{encoding:?} {block}");
            }
        }
        // The UTF-8 error comes at the same place, a byte at a time.
        utf8.extend_from_slice(b"\xFFx");
        let inner = Box::new(OneByte(Cursor::new(utf8.clone())));
        let (mut r, _) = with_block(inner, Choice::Force(Encoding::Utf8), 5).unwrap();
        let mut b = [0u8; 1];
        let mut n = 0u64;
        let e = loop {
            match r.read(&mut b) {
                Ok(1) => n += 1,
                Ok(_) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(not_utf8(&e), Some(NotUtf8 { offset: n }));
        assert_eq!(n as usize, utf8.len() - 2);
    }

    /// Fails every other read, once interrupted and once for real.
    struct Flaky(Cursor<Vec<u8>>, usize);

    impl Read for Flaky {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.1 += 1;
            match self.1 % 4 {
                1 => Err(io::ErrorKind::Interrupted.into()),
                3 => Err(io::ErrorKind::TimedOut.into()),
                _ => {
                    let n = buf.len().min(2);
                    self.0.read(&mut buf[..n])
                }
            }
        }
    }

    #[test]
    fn errors_of_the_inner_reader_pass_through_and_reading_goes_on() {
        let utf8 = VIETNAMESE.as_bytes().to_vec();
        let cp = cp1258(VIETNAMESE);
        for (bytes, encoding) in [(utf8, Encoding::Utf8), (cp, Encoding::Windows1258)] {
            let inner = Box::new(Flaky(Cursor::new(bytes), 0));
            // The first block is two bytes: read before the first failure.
            let (mut r, _) = with_block(inner, Choice::Force(encoding), 2).unwrap();
            let (mut out, mut failures) = (Vec::new(), 0);
            let mut buf = [0u8; 5];
            loop {
                match r.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => out.extend_from_slice(&buf[..n]),
                    Err(e) => {
                        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
                        failures += 1;
                    }
                }
            }
            assert!(failures > 0);
            assert_eq!(out, VIETNAMESE.as_bytes(), "{encoding:?}");
        }
    }

    #[test]
    fn encoding_names() {
        for name in ["utf-8", "UTF-8", "utf8", "Utf8"] {
            assert_eq!(parse_encoding(name), Some(Encoding::Utf8), "{name}");
        }
        for name in ["windows-1258", "Windows-1258", "CP1258", "cp1258", "1258"] {
            assert_eq!(parse_encoding(name), Some(Encoding::Windows1258), "{name}");
        }
        for name in ["", "latin1", "utf-16", "windows-1252", " utf-8", "cp-1258"] {
            assert_eq!(parse_encoding(name), None, "{name}");
        }
    }
}
