//! Tests of `encoding`.

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

    let (r, encoding) = utf8_reader(Box::new(Cursor::new(bytes.clone())), Choice::Detect).unwrap();
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
