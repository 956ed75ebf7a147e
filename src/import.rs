//! Importing a CSV file of organisations, quotas or admissions into a
//! store: streamed row by row, all or nothing, every bad row named by line
//! and column.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::date::Period;
use crate::exchange::{self, Kind};
use crate::model::{Admission, Metric, Org, Person, Quota, Store, Void};

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
}

/// How many bad rows an error lists before it only counts the rest.
const SHOWN: usize = 20;

/// Bad rows, as `FILE:LINE: column NAME: what is wrong`.
struct Problems {
    file: String,
    lines: Vec<String>,
    count: usize,
}

impl Problems {
    fn add(&mut self, line: u64, column: &str, what: &str) {
        self.count += 1;
        if self.lines.len() < SHOWN {
            self.lines.push(t!(
                "{}:{line}: column {column}: {what}",
                "{}:{line}: cột {column}: {what}",
                self.file
            ));
        }
    }

    fn row(&mut self, line: u64, what: &str) {
        self.count += 1;
        if self.lines.len() < SHOWN {
            self.lines.push(format!("{}:{line}: {what}", self.file));
        }
    }

    fn into_result(self) -> Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        let mut msg = t!(
            "{} has {} bad row(s), so nothing was imported; fix them and import again:",
            "{} có {} dòng lỗi nên chưa nhập gì; hãy sửa rồi nhập lại:",
            self.file,
            self.count
        );
        for l in &self.lines {
            msg.push('\n');
            msg.push_str(l);
        }
        if self.count > self.lines.len() {
            msg.push('\n');
            msg.push_str(&t!(
                "… and {} more.",
                "… và {} dòng lỗi khác.",
                self.count - self.lines.len()
            ));
        }
        Err(anyhow::anyhow!(msg))
    }
}

/// One data row: its cells by column name, and its line in the file.
struct Row<'a> {
    cells: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
    line: u64,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .unwrap_or("")
    }
}

/// Reads `path` into `store`. `kind` overrides what the header says;
/// `wrap` lets the caller watch the bytes go by (a progress bar).
pub fn import(
    store: &mut Store,
    path: &Path,
    kind: Option<Kind>,
    allow_duplicates: bool,
    today: NaiveDate,
    wrap: &dyn Fn(std::fs::File) -> Box<dyn Read>,
) -> Result<Imported> {
    let shown = path.display().to_string();
    if path.is_dir() {
        bail_t!(
            "{shown} is a directory; give the path of a CSV file.",
            "{shown} là thư mục; hãy chỉ đến một tệp CSV."
        );
    }
    let file = std::fs::File::open(path).map_err(|e| {
        anyhow::anyhow!(t!(
            "Cannot read {shown} ({e}); check the path.",
            "Không đọc được {shown} ({e}); hãy kiểm tra đường dẫn."
        ))
    })?;
    let lines = Rc::new(RefCell::new(Lines::default()));
    let tap = Tap {
        inner: wrap(file),
        lines: Rc::clone(&lines),
    };
    let mut input = BufReader::with_capacity(1 << 16, tap);
    let first = input.fill_buf()?;
    let first_line = first
        .split(|&b| b == b'\n')
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or_default();
    let separator = exchange::detect_separator(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(input);

    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&shown, &e))?
        .iter()
        .map(exchange::header_name)
        .collect();
    let Some(kind) = kind.or_else(|| Kind::detect(&header)) else {
        bail_t!(
            "{shown}: cannot tell from the header line what the file holds; name it with --kind orgs, quotas or admissions.",
            "{shown}: không xác định được loại dữ liệu từ dòng tiêu đề; hãy chỉ rõ bằng --kind orgs, quotas hoặc admissions."
        );
    };
    let mut columns = HashMap::new();
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

    let mut problems = Problems {
        file: shown.clone(),
        lines: Vec::new(),
        count: 0,
    };
    let mut importer: Box<dyn Importer> = match kind {
        Kind::Orgs => Box::new(Orgs::new(store)),
        Kind::Quotas => Box::new(Quotas::new(store)),
        Kind::Admissions => Box::new(Admissions::new(store, allow_duplicates, today)),
    };
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
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
        importer.row(
            &Row {
                cells: &record,
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
    })
}

/// Line numbers for byte offsets, counted on the bytes as they stream
/// past: the csv reader's own count skips blank lines and CRLF. Keeps only
/// the bytes from the last record asked about on.
#[derive(Default)]
struct Lines {
    /// The offset of `window[0]` in the file.
    base: u64,
    window: VecDeque<u8>,
    /// Line breaks before `base`.
    breaks: u64,
}

impl Lines {
    /// The line of the first character of the record that starts at byte
    /// `pos` (terminators left over from the line before are passed).
    fn line_at(&mut self, pos: u64) -> u64 {
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
struct Tap {
    inner: Box<dyn Read>,
    lines: Rc<RefCell<Lines>>,
}

impl Read for Tap {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines.borrow_mut().window.extend(&buf[..n]);
        Ok(n)
    }
}

fn csv_error(file: &str, e: &csv::Error) -> anyhow::Error {
    anyhow::anyhow!(t!(
        "{file}: cannot read the header line ({e}); save the file as CSV in UTF-8.",
        "{file}: không đọc được dòng tiêu đề ({e}); hãy lưu tệp dạng CSV UTF-8."
    ))
}

/// One kind's rows: checked one by one, then applied all at once.
trait Importer {
    fn row(&mut self, row: &Row, problems: &mut Problems);
    /// Checks that need every row; returns (added, replaced).
    fn finish(&mut self, problems: &mut Problems) -> (usize, usize);
    fn apply(self: Box<Self>, store: &mut Store);
}

/// Finds organisations by id or exact name (NFC, case-insensitive) among
/// the store's, remembering answers: a million rows name few of them.
struct OrgResolver {
    ids: HashSet<String>,
    by_name: HashMap<String, Vec<String>>,
    seen: HashMap<String, Result<String, String>>,
}

impl OrgResolver {
    fn new(store: &Store) -> Self {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for o in &store.orgs {
            by_name
                .entry(crate::text::fold(&o.name))
                .or_default()
                .push(o.id.clone());
        }
        OrgResolver {
            ids: store.orgs.iter().map(|o| o.id.clone()).collect(),
            by_name,
            seen: HashMap::new(),
        }
    }

    fn resolve(&mut self, cell: &str) -> Result<String, String> {
        if let Some(r) = self.seen.get(cell) {
            return r.clone();
        }
        let r = self.lookup(cell);
        self.seen.insert(cell.to_string(), r.clone());
        r
    }

    fn lookup(&self, cell: &str) -> Result<String, String> {
        let q = match exchange::text_cell(cell) {
            Ok(Some(q)) => q,
            Ok(None) => {
                return Err(t!(
                    "is empty; name an organisation",
                    "đang trống; hãy ghi tổ chức"
                ));
            }
            Err(e) => return Err(e),
        };
        if self.ids.contains(&q) {
            return Ok(q);
        }
        match self.by_name.get(&crate::text::fold(&q)).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if many.len() > 1 => Err(t!(
                "the name '{q}' fits several organisations ({}); use an id",
                "tên '{q}' trùng với nhiều tổ chức ({}); hãy dùng mã",
                many.join(", ")
            )),
            _ => Err(t!(
                "there is no organisation '{q}'; add it or import the organisations first",
                "không có tổ chức '{q}'; hãy thêm hoặc nhập danh sách tổ chức trước"
            )),
        }
    }
}

/// Runs a cell parser, noting a problem under the column's name.
fn cell<T>(
    row: &Row,
    column: &str,
    problems: &mut Problems,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    match parse(row.get(column)) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.add(row.line, column, &e);
            None
        }
    }
}

struct Orgs {
    /// The store's orgs, and the file's as they are read.
    known: OrgResolver,
    new: Vec<(u64, Org)>,
    new_ids: HashMap<String, u64>,
}

impl Orgs {
    fn new(store: &Store) -> Self {
        Orgs {
            known: OrgResolver::new(store),
            new: Vec::new(),
            new_ids: HashMap::new(),
        }
    }
}

impl Importer for Orgs {
    fn row(&mut self, row: &Row, problems: &mut Problems) {
        let id = row.get("id").trim().to_string();
        let mut ok = true;
        if !crate::text::is_valid_id(&id) {
            problems.add(
                row.line,
                "id",
                &t!(
                    "'{}' is not a valid id; use lower-case ASCII letters, digits and '-'",
                    "'{}' không phải mã hợp lệ; chỉ dùng chữ thường không dấu, chữ số và '-'",
                    crate::text::printable(&id)
                ),
            );
            ok = false;
        } else if !self.new_ids.contains_key(&id) && self.known.ids.contains(&id) {
            problems.add(
                row.line,
                "id",
                &t!(
                    "'{id}' is already in the store",
                    "'{id}' đã có trong tệp dữ liệu"
                ),
            );
            ok = false;
        } else if let Some(first) = self.new_ids.get(&id) {
            problems.add(
                row.line,
                "id",
                &t!(
                    "'{id}' already appears on line {first}",
                    "'{id}' đã xuất hiện ở dòng {first}"
                ),
            );
            ok = false;
        }
        let name = match cell(row, "name", problems, exchange::text_cell) {
            Some(Some(n)) => Some(n),
            Some(None) => {
                problems.add(
                    row.line,
                    "name",
                    &t!("is empty; give a name", "đang trống; hãy ghi tên"),
                );
                None
            }
            None => None,
        };
        let parent = cell(row, "parent", problems, exchange::text_cell);
        let level = cell(row, "level", problems, exchange::text_cell);
        let members = cell(row, "members", problems, exchange::number_cell);
        if let (true, Some(name), Some(parent), Some(level), Some(members)) =
            (ok, name, parent, level, members)
        {
            self.new_ids.insert(id.clone(), row.line);
            self.known.ids.insert(id.clone());
            self.known
                .by_name
                .entry(crate::text::fold(&name))
                .or_default()
                .push(id.clone());
            self.new.push((
                row.line,
                Org {
                    id,
                    name,
                    parent,
                    level,
                    members,
                },
            ));
        }
    }

    fn finish(&mut self, problems: &mut Problems) -> (usize, usize) {
        // Parents may come later in the file, or be named rather than given by id.
        for (line, org) in &mut self.new {
            if let Some(p) = &org.parent {
                match self.known.lookup(p) {
                    Ok(id) => org.parent = Some(id),
                    Err(e) => problems.add(*line, "parent", &e),
                }
            }
        }
        (self.new.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.orgs.extend(self.new.into_iter().map(|(_, o)| o));
    }
}

struct Quotas {
    orgs: OrgResolver,
    rows: Vec<Quota>,
    lines: HashMap<(String, Period, Metric), u64>,
}

impl Quotas {
    fn new(store: &Store) -> Self {
        Quotas {
            orgs: OrgResolver::new(store),
            rows: Vec::new(),
            lines: HashMap::new(),
        }
    }
}

impl Importer for Quotas {
    fn row(&mut self, row: &Row, problems: &mut Problems) {
        let org = match self.orgs.resolve(row.get("org")) {
            Ok(o) => Some(o),
            Err(e) => {
                problems.add(row.line, "org", &e);
                None
            }
        };
        let year = row.get("year").trim();
        let term = row.get("term").trim();
        let period = match (year.is_empty(), term.is_empty()) {
            (false, true) => match year.parse::<i32>().ok().map(Period::year) {
                Some(Ok(p)) => Some(p),
                _ => {
                    problems.add(
                        row.line,
                        "year",
                        &t!(
                            "'{}' is not a year like 2023",
                            "'{}' không phải năm dạng 2023",
                            crate::text::printable(year)
                        ),
                    );
                    None
                }
            },
            (true, false) => match Period::term(term) {
                Ok(p) => Some(p),
                Err(_) => {
                    problems.add(
                        row.line,
                        "term",
                        &t!(
                            "'{}' is not a term like 2020-2025",
                            "'{}' không phải nhiệm kỳ dạng 2020-2025",
                            crate::text::printable(term)
                        ),
                    );
                    None
                }
            },
            _ => {
                problems.row(
                    row.line,
                    &t!(
                        "give exactly one of year and term",
                        "hãy ghi đúng một trong hai cột year và term"
                    ),
                );
                None
            }
        };
        let target = match cell(row, "target", problems, exchange::number_cell) {
            Some(Some(t)) => Some(t),
            Some(None) => {
                problems.add(
                    row.line,
                    "target",
                    &t!("is empty; give a number", "đang trống; hãy ghi số"),
                );
                None
            }
            None => None,
        };
        let metric = match crate::text::fold(row.get("metric").trim()).as_str() {
            "" | "admissions" | "kết nạp" => Some(Metric::Admissions),
            "trained" | "bồi dưỡng" => Some(Metric::Trained),
            other => {
                problems.add(
                    row.line,
                    "metric",
                    &t!(
                        "'{}' is not admissions or trained",
                        "'{}' không phải admissions hay trained",
                        crate::text::printable(other)
                    ),
                );
                None
            }
        };
        if let (Some(org), Some(period), Some(target), Some(metric)) = (org, period, target, metric)
        {
            let key = (org.clone(), period, metric);
            if let Some(first) = self.lines.get(&key) {
                problems.row(
                    row.line,
                    &t!(
                        "the quota of '{org}' for {period} is already on line {first}",
                        "chỉ tiêu của '{org}' kỳ {period} đã có ở dòng {first}"
                    ),
                );
                return;
            }
            self.lines.insert(key, row.line);
            self.rows.push(Quota {
                org,
                period,
                metric,
                target,
            });
        }
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        let mut at: HashMap<(String, Period, Metric), usize> = store
            .quotas
            .iter()
            .enumerate()
            .map(|(i, q)| ((q.org.clone(), q.period, q.metric), i))
            .collect();
        for q in self.rows {
            match at.get(&(q.org.clone(), q.period, q.metric)) {
                Some(&i) => store.quotas[i] = q,
                None => {
                    at.insert((q.org.clone(), q.period, q.metric), store.quotas.len());
                    store.quotas.push(q);
                }
            }
        }
    }
}

/// Admission rows: new records, checked against the store's so that the
/// same file imported twice does not count twice.
struct Admissions {
    orgs: OrgResolver,
    today: NaiveDate,
    allow_duplicates: bool,
    /// Records by what makes two the same admission: the store's (by id)
    /// and this file's (by line).
    existing: HashMap<DupKey, Seen>,
    /// Whether the file's ids are kept: only into a store with no records,
    /// as when restoring an export. Otherwise records get new ids.
    keep_ids: bool,
    used_ids: HashSet<u64>,
    next_id: u64,
    rows: Vec<Admission>,
}

/// Where an admission was seen before.
enum Seen {
    Record(u64),
    Line(u64),
}

/// What makes two records the same admission (org, date, count, name,
/// birth date, decision number), as a 64-bit hash: a million keys as
/// strings would double the memory of a large import. A collision, about
/// one in 10^7 for a million rows, is reported as a duplicate, which
/// `--allow-duplicates` overrides.
type DupKey = u64;

fn dup_key(a: &Admission) -> DupKey {
    use std::hash::{Hash, Hasher};
    let p = a.person.as_deref();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &a.org,
        a.date,
        a.count,
        p.and_then(|p| p.name.as_ref()),
        p.and_then(|p| p.born),
        &a.decision,
    )
        .hash(&mut h);
    h.finish()
}

impl Admissions {
    fn new(store: &Store, allow_duplicates: bool, today: NaiveDate) -> Self {
        Admissions {
            orgs: OrgResolver::new(store),
            today,
            allow_duplicates,
            existing: if allow_duplicates {
                HashMap::new()
            } else {
                store
                    .admissions
                    .iter()
                    .filter(|a| !a.is_void())
                    .map(|a| (dup_key(a), Seen::Record(a.id)))
                    .collect()
            },
            keep_ids: store.admissions.is_empty(),
            used_ids: store.admissions.iter().map(|a| a.id).collect(),
            next_id: store.next_id,
            rows: Vec::new(),
        }
    }
}

impl Importer for Admissions {
    fn row(&mut self, row: &Row, problems: &mut Problems) {
        let before = problems.count;
        let org = match self.orgs.resolve(row.get("org")) {
            Ok(o) => o,
            Err(e) => {
                problems.add(row.line, "org", &e);
                String::new()
            }
        };
        let date = match cell(row, "date", problems, exchange::date_cell) {
            Some(Some(d)) if d > self.today => {
                problems.add(
                    row.line,
                    "date",
                    &t!(
                        "is after today; admissions are recorded once decided",
                        "muộn hơn hôm nay; chỉ ghi nhận kết nạp đã có quyết định"
                    ),
                );
                None
            }
            Some(Some(d)) if d.year() < 1930 => {
                problems.add(
                    row.line,
                    "date",
                    &t!(
                        "is before 1930; check the year",
                        "trước năm 1930; hãy kiểm tra năm"
                    ),
                );
                None
            }
            Some(Some(d)) => Some(d),
            Some(None) => {
                problems.add(
                    row.line,
                    "date",
                    &t!(
                        "is empty; give the date of the decision",
                        "đang trống; hãy ghi ngày quyết định"
                    ),
                );
                None
            }
            None => None,
        };
        let count = match cell(row, "count", problems, exchange::number_cell) {
            Some(Some(0)) => {
                problems.add(
                    row.line,
                    "count",
                    &t!(
                        "is 0; a record admits at least 1 person",
                        "bằng 0; mỗi bản ghi có ít nhất 1 người"
                    ),
                );
                1
            }
            Some(n) => n.unwrap_or(1),
            None => 1,
        };
        let text = |c: &str, p: &mut Problems| cell(row, c, p, exchange::text_cell).flatten();
        let born = cell(row, "born", problems, exchange::date_cell).flatten();
        let person = Person {
            name: text("name", problems),
            sex: cell(row, "sex", problems, exchange::sex_cell).flatten(),
            born,
            ethnicity: text("ethnicity", problems),
            religion: text("religion", problems),
            youth_union: cell(row, "youth_union", problems, exchange::bool_cell).unwrap_or(false),
            occupation: text("occupation", problems),
        };
        if let (Some(b), Some(d)) = (born, date)
            && b >= d
        {
            problems.add(
                row.line,
                "born",
                &t!(
                    "is not before the admission date",
                    "không trước ngày kết nạp"
                ),
            );
        }
        let person = (!person.is_empty()).then(|| Box::new(person));
        if person.is_some() && count != 1 {
            problems.add(
                row.line,
                "count",
                &t!(
                    "is {count}, but personal details go with one person",
                    "là {count}, nhưng thông tin cá nhân chỉ dành cho một người"
                ),
            );
        }
        let decision = text("decision", problems);
        let note = text("note", problems);
        let voided = cell(row, "void", problems, exchange::bool_cell).unwrap_or(false);
        let void_reason = text("void_reason", problems);
        let void_date = cell(row, "void_date", problems, exchange::date_cell).flatten();
        let void = (voided || void_reason.is_some() || void_date.is_some()).then(|| Void {
            reason: void_reason.unwrap_or_else(|| t!("void when imported", "đã hủy khi nhập")),
            on: void_date.unwrap_or(self.today),
        });
        let id = match cell(row, "id", problems, exchange::number_cell).filter(|_| self.keep_ids) {
            Some(Some(0)) => {
                problems.add(
                    row.line,
                    "id",
                    &t!("is 0; ids start at 1", "bằng 0; mã bắt đầu từ 1"),
                );
                None
            }
            Some(Some(id)) if !self.used_ids.insert(id) => {
                problems.add(row.line, "id", &t!(
                    "record {id} is already in the store or earlier in the file; importing it again would count it twice",
                    "bản ghi {id} đã có trong tệp dữ liệu hoặc ở dòng trước; nhập lại sẽ tính hai lần"
                ));
                None
            }
            Some(id) => id,
            None => None,
        };
        let Some(date) = date else { return };
        if problems.count > before {
            return;
        }
        let a = Admission {
            id: id.unwrap_or(0),
            org,
            date,
            count,
            decision,
            note,
            person,
            void,
        };
        if !a.is_void() && !self.allow_duplicates {
            match self.existing.get(&dup_key(&a)) {
                Some(Seen::Record(id)) => {
                    problems.row(row.line, &t!(
                        "this admission is already in the store (record {id}) and would count twice; use --allow-duplicates if it really is another one",
                        "bản ghi này đã có trong tệp dữ liệu (bản ghi {id}) và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là bản ghi khác"
                    ));
                    return;
                }
                Some(Seen::Line(line)) => {
                    problems.row(row.line, &t!(
                        "this admission is the same as line {line} and would count twice; use --allow-duplicates if it really is another one",
                        "bản ghi này giống dòng {line} và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là bản ghi khác"
                    ));
                    return;
                }
                None => {
                    self.existing.insert(dup_key(&a), Seen::Line(row.line));
                }
            }
        }
        self.rows.push(a);
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        // Rows without an id get new ones, in file order, after every id in use.
        let mut next = self
            .next_id
            .max(self.used_ids.iter().max().map_or(1, |m| m + 1));
        for a in self.rows.iter_mut().filter(|a| a.id == 0) {
            a.id = next;
            next += 1;
        }
        self.next_id = next;
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.admissions.extend(self.rows);
        store.next_id = store.next_id.max(self.next_id);
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
