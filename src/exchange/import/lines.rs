//! Line numbers of CSV records, counted on the bytes as they stream past.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Line numbers for byte offsets, counted on the bytes as they stream
/// past: the csv reader's own count skips blank lines and CRLF. Keeps only
/// the bytes from the last record asked about on.
#[derive(Default)]
pub struct Lines {
    /// The offset of `window[0]` in the file.
    base: u64,
    pub window: VecDeque<u8>,
    /// Line breaks before `base`.
    breaks: u64,
}

impl Lines {
    /// The line of the first character of the record that starts at byte
    /// `pos` (terminators left over from the line before are passed).
    pub fn line_at(&mut self, pos: u64) -> u64 {
        let k = usize::try_from(pos.saturating_sub(self.base))
            .unwrap_or(usize::MAX)
            .min(self.window.len());
        self.breaks += self.window.range(..k).filter(|&&b| b == b'\n').count() as u64;
        self.window.drain(..k);
        self.base += k as u64;
        let passed = self
            .window
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.breaks + passed + 1
    }
}

/// A reader that shows [`Lines`] every byte it passes on.
pub struct Tap<'a> {
    pub inner: Box<dyn Read>,
    pub lines: Rc<RefCell<Lines>>,
    /// Told the bytes read so far, for a progress bar.
    pub progress: &'a dyn Fn(u64),
    pub read: u64,
}

impl Read for Tap<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines.borrow_mut().window.extend(&buf[..n]);
        self.read += n as u64;
        (self.progress)(self.read);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of each record of `data`, as the importer numbers them.
    fn lines_of(data: &str) -> Vec<u64> {
        let lines = Rc::new(RefCell::new(Lines::default()));
        let tap = Tap {
            inner: Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
            lines: Rc::clone(&lines),
            progress: &|_| {},
            read: 0,
        };
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(tap);
        let _ = r.headers().unwrap();
        let mut rec = csv::StringRecord::new();
        let mut out = Vec::new();
        while r.read_record(&mut rec).unwrap() {
            out.push(lines.borrow_mut().line_at(rec.position().unwrap().byte()));
        }
        out
    }

    #[test]
    fn line_numbers_count_every_line() {
        assert_eq!(lines_of("a,b\n1,2\n3,4\n"), [2, 3]);
        assert_eq!(
            lines_of("\u{feff}a,b\r\n1,\"x\r\ny\"\r\n\r\n2,3\r\n"),
            [2, 5]
        );
        assert_eq!(
            lines_of("a,b\n1,\"x\ny\"\n\n2,3\n\n\n4,\"\"\"q\"\"\"\n"),
            [2, 5, 8]
        );
    }
}
