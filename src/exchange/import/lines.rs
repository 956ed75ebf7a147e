//! The bytes of a CSV file as they stream past the csv reader: the line
//! each record starts on, and the limits that keep the work bounded on any
//! input (a row, a cell, a quote that is never closed).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

/// The longest row read, in bytes: a row of quota data is a few hundred.
pub const MAX_ROW: u64 = 1 << 20;

/// The longest cell read, in bytes.
pub const MAX_CELL: u64 = 64 << 10;

/// Why reading stopped early: the inner error of the `InvalidData` error
/// a [`Tap`] returns. Lines count from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The row starting on `line` is longer than [`MAX_ROW`].
    LongRow { line: u64 },
    /// A cell of the row starting on `line` is longer than [`MAX_CELL`].
    LongCell { line: u64 },
    /// A quote opened on `quote` is not closed by the end of the file, or
    /// within [`MAX_CELL`]; its row starts on `line`.
    UnclosedQuote { line: u64, quote: u64 },
}

impl Stop {
    /// The line of the row to name in the message.
    pub fn line(self) -> u64 {
        match self {
            Stop::LongRow { line } | Stop::LongCell { line } | Stop::UnclosedQuote { line, .. } => {
                line
            }
        }
    }
}

/// For logs and debugging only: the importer words the message.
impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Stop {}

/// Where the scan is, as the csv reader's parser would be (csv-core with
/// `"` quotes, doubled quotes inside them, and CR, LF or CRLF ending a
/// record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between records: line breaks are skipped.
    Between,
    /// At the start of a cell, where a quote opens a quoted cell.
    CellStart,
    /// In an unquoted cell, where a quote is just a character.
    Cell,
    Quoted,
    /// A quote inside a quoted cell: doubled, or the cell's end.
    QuoteInQuoted,
}

/// Line numbers of records, and the limits, counted on the bytes as they
/// stream past (the csv reader's own count skips blank lines and CRLF).
/// Keeps only where the records read ahead of the importer start.
pub struct Lines {
    delimiter: u8,
    state: State,
    /// Bytes scanned so far.
    offset: u64,
    /// The line being scanned.
    line: u64,
    /// Where each record read but not yet asked about starts: (offset, line).
    starts: VecDeque<(u64, u64)>,
    /// The current row's first line and length, the current cell's length,
    /// and the line of the quote the cell opened with.
    row_line: u64,
    row: u64,
    cell: u64,
    quote_line: u64,
}

impl Lines {
    pub fn new(delimiter: u8) -> Lines {
        Lines {
            delimiter,
            state: State::Between,
            offset: 0,
            line: 1,
            starts: VecDeque::new(),
            row_line: 1,
            row: 0,
            cell: 0,
            quote_line: 1,
        }
    }

    /// The line of the first character of the record the csv reader says
    /// starts at byte `pos` (it may point at the line break before it);
    /// forgets the records before. Past every record read, the line being
    /// read.
    pub fn line_at(&mut self, pos: u64) -> u64 {
        while let Some(&(start, line)) = self.starts.front() {
            if start >= pos {
                return line;
            }
            self.starts.pop_front();
        }
        self.line
    }

    /// Follows `bytes`, which come next in the file.
    fn scan(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        for &b in bytes {
            let end_of_line = b == b'\n' || b == b'\r';
            if self.state == State::Between && !end_of_line {
                self.starts.push_back((self.offset, self.line));
                self.row_line = self.line;
                self.row = 0;
                self.cell = 0;
                self.state = State::CellStart;
            }
            if self.state != State::Between {
                self.row += 1;
                if self.row > MAX_ROW {
                    return Err(Stop::LongRow {
                        line: self.row_line,
                    });
                }
                self.state = self.next(b, end_of_line);
                if self.cell > MAX_CELL {
                    return Err(if self.state == State::Quoted {
                        self.unclosed()
                    } else {
                        Stop::LongCell {
                            line: self.row_line,
                        }
                    });
                }
            }
            if b == b'\n' {
                self.line += 1;
            }
            self.offset += 1;
        }
        Ok(())
    }

    /// The state after `b`, counting the cell's characters.
    fn next(&mut self, b: u8, end_of_line: bool) -> State {
        use State::*;
        match (self.state, b) {
            (CellStart, b'"') => {
                self.quote_line = self.line;
                Quoted
            }
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) | (QuoteInQuoted, b'"') => {
                self.cell += 1;
                Quoted
            }
            _ if b == self.delimiter => {
                self.cell = 0;
                CellStart
            }
            _ if end_of_line => Between,
            _ => {
                self.cell += 1;
                Cell
            }
        }
    }

    fn unclosed(&self) -> Stop {
        Stop::UnclosedQuote {
            line: self.row_line,
            quote: self.quote_line,
        }
    }

    /// The end of the file: a quoted cell still open there was never
    /// closed (the csv reader would end it quietly).
    fn finish(&self) -> Result<(), Stop> {
        match self.state {
            State::Quoted => Err(self.unclosed()),
            _ => Ok(()),
        }
    }
}

/// A reader that shows [`Lines`] every byte it passes on, and stops with
/// a [`Stop`] where the limits are passed.
pub struct Tap<'a> {
    pub inner: Box<dyn Read + 'a>,
    pub lines: Rc<RefCell<Lines>>,
    /// Told the bytes read so far, for a progress bar.
    pub progress: &'a dyn Fn(u64),
    pub read: u64,
}

impl Read for Tap<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        let scanned = if n == 0 && !buf.is_empty() {
            lines.finish()
        } else {
            lines.scan(&buf[..n])
        };
        scanned.map_err(|stop| io::Error::new(io::ErrorKind::InvalidData, stop))?;
        self.read += n as u64;
        (self.progress)(self.read);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `data` as the importer does: the line of each record, or why
    /// reading stopped.
    fn read(data: &[u8]) -> Result<Vec<u64>, Stop> {
        let lines = Rc::new(RefCell::new(Lines::new(b',')));
        let tap = Tap {
            inner: Box::new(std::io::Cursor::new(data.to_vec())),
            lines: Rc::clone(&lines),
            progress: &|_| {},
            read: 0,
        };
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(tap);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        loop {
            match r.read_byte_record(&mut rec) {
                Ok(false) => return Ok(out),
                Ok(true) => {
                    out.push(lines.borrow_mut().line_at(rec.position().unwrap().byte()));
                }
                Err(e) => {
                    let csv::ErrorKind::Io(io) = e.into_kind() else {
                        panic!("not an I/O error");
                    };
                    return Err(*io.into_inner().unwrap().downcast::<Stop>().unwrap());
                }
            }
        }
    }

    /// Lines of each record after the header, as the importer numbers them.
    fn lines_of(data: &str) -> Vec<u64> {
        read(data.as_bytes()).unwrap()[1..].to_vec()
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
        // A quote inside an unquoted cell is a character; a doubled quote
        // inside a quoted one too; CR alone ends a line for the reader.
        assert_eq!(
            lines_of("a,b\n1,x\"y\n\"a,\"\"b\",2\r3,4\n,\n\"\",\"\"\n"),
            [2, 3, 3, 4, 5]
        );
    }

    #[test]
    fn many_blank_lines_keep_nothing() {
        let mut data = b"a,b\n".to_vec();
        data.extend(std::iter::repeat_n(b'\n', 3 * MAX_ROW as usize));
        data.extend(b"1,2\n");
        assert_eq!(read(&data).unwrap(), [1, 3 * MAX_ROW + 2]);
    }

    #[test]
    fn rows_and_cells_are_bounded() {
        let cells = "x,".repeat(MAX_ROW as usize / 2 + 1);
        let long_row = format!("a,b\n1,2\n{cells}\n");
        assert_eq!(read(long_row.as_bytes()), Err(Stop::LongRow { line: 3 }));
        let long_cell = format!("a,b\n\n1,{}\n", "x".repeat(MAX_CELL as usize + 1));
        assert_eq!(read(long_cell.as_bytes()), Err(Stop::LongCell { line: 3 }));
        let just = format!("a,b\n1,{}\n", "x".repeat(MAX_CELL as usize));
        assert_eq!(read(just.as_bytes()), Ok(vec![1, 2]));
        assert_eq!(
            read(&vec![0; 2 * MAX_ROW as usize]),
            Err(Stop::LongCell { line: 1 })
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_at_the_end_or_past_a_cell() {
        assert_eq!(
            read(b"a,b\n1,2\n3,\"x\n4,5\n"),
            Err(Stop::UnclosedQuote { line: 3, quote: 3 })
        );
        assert_eq!(
            read(b"a,b\n1,\"a\nb\",\"c\n\"\"4,5"),
            Err(Stop::UnclosedQuote { line: 2, quote: 3 })
        );
        let long = format!("a,b\n1,\"{}", "x\n".repeat(MAX_CELL as usize));
        assert_eq!(
            read(long.as_bytes()),
            Err(Stop::UnclosedQuote { line: 2, quote: 2 })
        );
        // Closed just at the end: fine.
        assert_eq!(read(b"a,b\n1,\"x\"").unwrap(), [1, 2]);
    }
}
