//! Importing a CSV file of organisations, quotas, admissions, class
//! attendance or candidates into a store: streamed row by row, all or nothing, every bad
//! row named by line and column. Records are built by the model's
//! constructors, so a row is refused for the same reasons, in the same
//! words, as on the command line.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::rc::Rc;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::Kind;
use crate::encoding::{Choice, Encoding};
use crate::lang::Text;
use crate::model::Store;

mod admissions;
mod candidates;
mod ids;
mod lines;
mod orgs;
mod prefix;
mod problems;
mod quotas;
mod seen;
mod trainings;

use lines::{Lines, Stop, Tap};
pub use prefix::check as check_prefix;
use problems::Problems;

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub kind: Kind,
    /// Data rows read.
    pub rows: usize,
    /// Records added.
    pub added: usize,
    /// Records replaced (quotas set again).
    pub replaced: usize,
    /// Whether the file was read as admissions, as its header says, though
    /// its columns are exactly those of a training export.
    pub training_columns: bool,
}

/// One data row: its cells by column name, and its line in the file.
struct Row<'a> {
    cells: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
    line: u64,
}

impl Row<'_> {
    /// The cell under `column`; "" when the file has no such column.
    fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .unwrap_or("")
    }
}

/// How to import.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// What the file holds, overriding what its header says.
    pub kind: Option<Kind>,
    pub allow_duplicates: bool,
    pub today: NaiveDate,
    /// Forced encoding; detected when `None`.
    pub encoding: Option<Encoding>,
    /// Put before every organisation id of the file (checked with
    /// [`check_prefix`] first).
    pub prefix: Option<&'a str>,
    /// The organisation of the store (id or name) that a file of
    /// organisations puts its top ones under.
    pub under: Option<&'a str>,
}

/// Reads `path` into `store`; `progress` is told the bytes read so far.
pub fn import(
    store: &mut Store,
    path: &Path,
    opts: &Options<'_>,
    progress: &dyn Fn(u64),
    notify: &dyn Fn(&Text),
) -> Result<Imported> {
    let shown = path.display().to_string();
    if path.is_dir() {
        bail_t!(
            "{shown} is a directory; give the path of a CSV file.",
            "{shown} là thư mục; hãy chỉ đến một tệp CSV."
        );
    }
    let file = std::fs::File::open(path).map_err(|e| {
        err_t!(
            "Cannot read {shown} ({e}); check the path.",
            "Không đọc được {shown} ({e}); hãy kiểm tra đường dẫn."
        )
    })?;
    let choice = opts.encoding.map_or(Choice::Detect, Choice::Force);
    let (decoded, encoding) = crate::encoding::utf8_reader(Box::new(file), choice)?;
    if encoding == Encoding::Windows1258 && opts.encoding.is_none() {
        notify(&t!(
            "{shown} is not UTF-8: read as Windows-1258, as Excel saves CSV on Vietnamese Windows (--encoding utf-8 to refuse).",
            "{shown} không phải UTF-8: đã đọc theo Windows-1258, như Excel lưu CSV trên Windows tiếng Việt (dùng --encoding utf-8 để không chấp nhận)."
        ));
    }
    let mut head = BufReader::with_capacity(1 << 16, decoded);
    let first = head.fill_buf()?;
    let blank = |b: &u8| b.is_ascii_whitespace() || matches!(b, b';' | b',');
    if first
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(first)
        .iter()
        .all(blank)
    {
        bail_t!(
            "{shown} is empty: it has no header line and no rows, so there is nothing to import.",
            "{shown} đang trống: không có dòng tiêu đề và dòng dữ liệu nào, nên không có gì để nhập."
        );
    }
    let first_line = first
        .split(|&b| b == b'\n')
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or_default();
    let separator = super::detect_separator(first_line);
    let lines = Rc::new(RefCell::new(Lines::new(separator)));
    let tap = Tap {
        inner: Box::new(head),
        lines: Rc::clone(&lines),
        progress,
        read: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(tap);

    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&shown, &e))?
        .iter()
        .map(super::header_name)
        .collect();
    let Some(kind) = opts.kind.or_else(|| Kind::detect(&header)) else {
        bail_t!(
            "{shown}: cannot tell from the header line what the file holds; name it with --kind orgs, quotas, admissions, training or candidates.",
            "{shown}: không xác định được loại dữ liệu từ dòng tiêu đề; hãy chỉ rõ bằng --kind orgs, quotas, admissions, training hoặc candidates."
        );
    };
    // A training export is also a valid admissions file: read as one, its
    // classes would count as hundreds of admissions. Said after the
    // import, not refused, as a hand-made admissions file may have these
    // columns too.
    let training_columns = opts.kind.is_none()
        && header.len() == Kind::Training.columns().len()
        && Kind::Training
            .columns()
            .iter()
            .all(|c| header.iter().any(|h| h == c));
    let mut columns = HashMap::default();
    for (i, h) in header.iter().enumerate() {
        if !kind.columns().contains(&h.as_str()) {
            bail_t!(
                "{shown}:1: the column '{}' is not one of {}; rename or remove it.",
                "{shown}:1: cột '{}' không thuộc {}; hãy đổi tên hoặc bỏ cột này.",
                crate::text::printable(h),
                kind.columns().join(", ")
            );
        }
        if columns.insert(h.clone(), i).is_some() {
            bail_t!(
                "{shown}:1: the column '{h}' appears twice; keep one.",
                "{shown}:1: cột '{h}' xuất hiện hai lần; hãy giữ một."
            );
        }
    }
    for need in kind.required() {
        if !columns.contains_key(*need) {
            bail_t!(
                "{shown}:1: the {} file has no '{need}' column; its columns are {}.",
                "{shown}:1: tệp {} thiếu cột '{need}'; các cột là {}.",
                kind.as_str(),
                kind.columns().join(", ")
            );
        }
    }
    if kind == Kind::Quotas && !columns.contains_key("year") && !columns.contains_key("term") {
        bail_t!(
            "{shown}:1: the quotas file needs a 'year' or a 'term' column.",
            "{shown}:1: tệp chỉ tiêu cần cột 'year' hoặc 'term'."
        );
    }

    let under = match opts.under {
        None => None,
        Some(_) if kind != Kind::Orgs => bail_t!(
            "{shown} holds {}, not organisations: --under only places the top organisations of an orgs file; leave it out.",
            "{shown} chứa dữ liệu {}, không phải tổ chức: --under chỉ đặt các tổ chức cấp cao nhất của tệp tổ chức; hãy bỏ tùy chọn này.",
            kind.as_str()
        ),
        Some(org) => {
            let tree = crate::tree::Tree::new(store);
            let i = tree.resolve(org).with_context(|| Text::same("--under"))?;
            Some(store.orgs[i].id.clone())
        }
    };
    let mut prefix = opts.prefix.map(|p| prefix::Prefix::new(p, kind, &columns));
    let mut prefixed = csv::StringRecord::new();
    let mut problems = Problems::new(shown.clone());
    let mut importer: Box<dyn Importer> = match kind {
        Kind::Orgs => Box::new(orgs::Orgs::new(store, under)),
        Kind::Quotas => Box::new(quotas::Quotas::new(store)),
        Kind::Admissions => Box::new(admissions::Admissions::new(
            store,
            opts.allow_duplicates,
            opts.today,
        )),
        Kind::Training => Box::new(trainings::Trainings::new(
            store,
            opts.allow_duplicates,
            opts.today,
        )),
        Kind::Candidates => Box::new(candidates::Candidates::new(
            store,
            opts.allow_duplicates,
            opts.today,
        )),
    };
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if not_utf8(&e) => {
                let line = lines.borrow_mut().line_at(u64::MAX);
                problems.row(
                    line,
                    &t!(
                        "is not UTF-8; save the file as CSV UTF-8, or import it with --encoding windows-1258",
                        "không phải UTF-8; hãy lưu tệp dạng CSV UTF-8, hoặc nhập với --encoding windows-1258"
                    ),
                );
                break;
            }
            Err(e) if let Some(stop) = stopped(&e) => {
                problems.row(stop.line(), &stop_text(stop));
                break;
            }
            Err(e) => {
                // A broken quote ends the file as far as we can tell.
                let line = lines
                    .borrow_mut()
                    .line_at(e.position().map_or(0, |p| p.byte()));
                problems.row(
                    line,
                    &t!(
                        "the CSV is malformed here ({e}); check the quotes",
                        "CSV bị lỗi ở đây ({e}); hãy kiểm tra dấu ngoặc kép"
                    ),
                );
                break;
            }
        }
        let line = lines
            .borrow_mut()
            .line_at(record.position().map_or(0, |p| p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if record.len() != header.len() {
            problems.row(
                line,
                &t!(
                    "has {} cells, the header has {}",
                    "có {} ô, dòng tiêu đề có {}",
                    record.len(),
                    header.len()
                ),
            );
            continue;
        }
        let cells = match &mut prefix {
            None => &record,
            Some(p) => {
                if !p.apply(&record, line, &mut problems, &mut prefixed) {
                    // Noted: the row's ids would not be the file's.
                    continue;
                }
                &prefixed
            }
        };
        importer.row(
            store,
            &Row {
                cells,
                columns: &columns,
                line,
            },
            &mut problems,
        );
    }
    let (added, replaced) = importer.finish(&mut problems);
    problems.into_result()?;
    importer.apply(store);
    Ok(Imported {
        kind,
        rows,
        added,
        replaced,
        training_columns,
    })
}

/// Whether a read failed on bytes that are not UTF-8.
fn not_utf8(e: &csv::Error) -> bool {
    match e.kind() {
        csv::ErrorKind::Io(io) => io
            .get_ref()
            .is_some_and(|inner| inner.is::<crate::encoding::NotUtf8>()),
        _ => false,
    }
}

/// Why reading stopped early, when a limit was passed.
fn stopped(e: &csv::Error) -> Option<Stop> {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.get_ref()?.downcast_ref::<Stop>().copied(),
        _ => None,
    }
}

/// What is wrong where reading stopped, as a fragment after `FILE:LINE: `.
fn stop_text(stop: Stop) -> Text {
    let (row, cell) = (lines::MAX_ROW >> 20, lines::MAX_CELL >> 10);
    match stop {
        Stop::LongRow { .. } => t!(
            "the row is longer than {row} MB, which no row of organisations, quotas, admissions, classes or candidates needs; check that this is the file you meant",
            "dòng dài hơn {row} MB, trong khi dữ liệu tổ chức, chỉ tiêu, kết nạp, học lớp hay nguồn kết nạp không cần dòng dài như vậy; hãy kiểm tra đây có đúng là tệp cần nhập không"
        ),
        Stop::LongCell { .. } => t!(
            "a cell is longer than {cell} KB, which no cell of organisations, quotas, admissions, classes or candidates needs; check that this is the file you meant",
            "có ô dài hơn {cell} KB, trong khi dữ liệu tổ chức, chỉ tiêu, kết nạp, học lớp hay nguồn kết nạp không cần ô dài như vậy; hãy kiểm tra đây có đúng là tệp cần nhập không"
        ),
        Stop::UnclosedQuote { quote, .. } => t!(
            "unclosed quote starting at line {quote}; close it, and write a quote inside a cell as two (\"\")",
            "dấu ngoặc kép chưa được đóng, mở từ dòng {quote}; hãy đóng lại, và viết dấu ngoặc kép bên trong ô thành hai dấu (\"\")"
        ),
    }
}

fn csv_error(file: &str, e: &csv::Error) -> anyhow::Error {
    if let Some(stop) = stopped(e) {
        let line = stop.line();
        let what = stop_text(stop);
        return err_t!("{file}:{line}: {what}.", "{file}:{line}: {what}.");
    }
    err_t!(
        "{file}: cannot read the header line ({e}); save the file as CSV in UTF-8.",
        "{file}: không đọc được dòng tiêu đề ({e}); hãy lưu tệp dạng CSV UTF-8."
    )
}

/// One kind's rows: checked one by one, then applied all at once.
trait Importer {
    /// Checks one row; `store` is the store as it was before the import.
    fn row(&mut self, store: &Store, row: &Row, problems: &mut Problems);
    /// Checks that need every row; returns (added, replaced).
    fn finish(&mut self, problems: &mut Problems) -> (usize, usize);
    fn apply(self: Box<Self>, store: &mut Store);
}

/// Runs a cell parser, noting a problem under the column's name.
fn cell<T>(
    row: &Row,
    column: &str,
    problems: &mut Problems,
    parse: impl Fn(&str) -> Result<T, Text>,
) -> Option<T> {
    match parse(row.get(column)) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.add(row.line, column, &e);
            None
        }
    }
}
