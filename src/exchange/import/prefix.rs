//! `import --prefix`: the organisation ids of a file made ids of another
//! store by a prefix put before each, for every kind of file in this one
//! place, before a row reaches its importer.
//!
//! The rule is the same for every id in the file, parents too: what the
//! file calls `xa` is `P` + `xa` in the store, whether `xa` is a row of the
//! file or not. So the ids a file brings in are told by the file alone,
//! never by what the store happens to hold. The file's top organisations
//! go under one of the store's with `--under`, which is never prefixed.
//!
//! A candidate who was admitted names its admission record by the id it
//! has in the file's store; the admissions brought in from there got new
//! ids here, so that id would name another record, or none. Such rows are
//! refused: their admission records, imported with the admissions, carry
//! them.

use rustc_hash::FxHashMap as HashMap;

use super::Problems;
use crate::exchange::Kind;
use crate::lang::Text;
use crate::text::{MAX_ID_LEN, is_valid_id, printable};

/// Checks a prefix before anything is read: one that, put before an id,
/// makes an id (lower-case ASCII letters, digits and '-', starting with a
/// letter or a digit), and leaves room for one.
pub fn check(prefix: &str) -> Result<(), Text> {
    if is_valid_id(prefix) && prefix.len() < MAX_ID_LEN {
        return Ok(());
    }
    Err(t!(
        "--prefix '{}' cannot begin an organisation id; use lower-case ASCII letters, digits and '-', starting with a letter or a digit and shorter than {MAX_ID_LEN} characters, e.g. --prefix cu-pui-.",
        "--prefix '{}' không thể làm phần đầu của mã tổ chức; hãy dùng chữ thường không dấu, chữ số và '-', bắt đầu bằng chữ hoặc số và ngắn hơn {MAX_ID_LEN} ký tự, ví dụ --prefix cu-pui-.",
        printable(prefix)
    ))
}

/// The prefix and where it goes in a file's rows.
pub struct Prefix<'a> {
    prefix: &'a str,
    /// The organisation-id columns the file has: index and name.
    columns: Vec<(usize, &'static str)>,
    /// A candidates file's `admission` column.
    admission: Option<usize>,
    /// The cell being made, kept for the next row.
    cell: String,
}

impl<'a> Prefix<'a> {
    /// For a file of `kind` whose header gives `columns`.
    pub fn new(prefix: &'a str, kind: Kind, columns: &HashMap<String, usize>) -> Prefix<'a> {
        Prefix {
            prefix,
            columns: kind
                .org_columns()
                .iter()
                .filter_map(|&c| Some((*columns.get(c)?, c)))
                .collect(),
            admission: match kind {
                Kind::Candidates => columns.get("admission").copied(),
                _ => None,
            },
            cell: String::new(),
        }
    }

    /// Writes `row` into `out` with the prefix before each organisation id;
    /// an empty cell stays empty (no parent). A cell that is not an id (a
    /// name: with a prefix, a file names its organisations by id), or
    /// that the prefix makes too long, is noted on `line` under its
    /// column, and the row goes no further: false.
    pub fn apply(
        &mut self,
        row: &csv::StringRecord,
        line: u64,
        problems: &mut Problems,
        out: &mut csv::StringRecord,
    ) -> bool {
        out.clear();
        let mut ok = true;
        if let Some(id) = self.admission.and_then(|i| row.get(i))
            && !id.trim().is_empty()
        {
            problems.add(
                line,
                "admission",
                &t!(
                    "with --prefix, the admission record {} is numbered as in the file's store, not as here, where its admissions got new ids; leave out the rows of admitted candidates (their admission records carry them)",
                    "khi dùng --prefix, bản ghi kết nạp {} mang mã của tệp dữ liệu gốc, không phải mã ở đây, nơi các bản ghi kết nạp đã nhận mã mới; hãy bỏ các dòng của người đã được kết nạp (bản ghi kết nạp của họ đã có)",
                    printable(id.trim())
                ),
            );
            ok = false;
        }
        for (i, value) in row.iter().enumerate() {
            let Some(&(_, column)) = self.columns.iter().find(|(c, _)| *c == i) else {
                out.push_field(value);
                continue;
            };
            let id = value.trim();
            if id.is_empty() {
                out.push_field("");
                continue;
            }
            self.cell.clear();
            self.cell.push_str(self.prefix);
            self.cell.push_str(id);
            if !is_valid_id(id) {
                problems.add(
                    line,
                    column,
                    &t!(
                        "'{}' is not an organisation id; with --prefix the file must name its organisations by id",
                        "'{}' không phải mã tổ chức; khi dùng --prefix, tệp phải ghi tổ chức bằng mã",
                        printable(id)
                    ),
                );
                ok = false;
            } else if !is_valid_id(&self.cell) {
                problems.add(
                    line,
                    column,
                    &t!(
                        "with the prefix, '{}' is longer than the {MAX_ID_LEN} characters an id may have; use a shorter --prefix",
                        "khi thêm tiền tố, '{}' dài hơn {MAX_ID_LEN} ký tự tối đa của một mã; hãy dùng --prefix ngắn hơn",
                        printable(&self.cell)
                    ),
                );
                ok = false;
            }
            out.push_field(&self.cell);
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_must_begin_an_id() {
        for good in ["cu-pui-", "x", "2025-", "a-b"] {
            assert!(check(good).is_ok(), "{good}");
        }
        for bad in ["", "-x", "Cu-", "cư-", "a b", "a_", &"x".repeat(MAX_ID_LEN)] {
            let e = check(bad).unwrap_err();
            assert!(e.get(crate::lang::Lang::En).contains("--prefix"), "{bad}");
        }
    }

    #[test]
    fn every_organisation_id_of_a_row_is_prefixed_and_nothing_else() {
        let columns: HashMap<String, usize> = ["id", "name", "parent"]
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i))
            .collect();
        let mut p = Prefix::new("cp-", Kind::Orgs, &columns);
        let mut problems = Problems::new("f.csv".into());
        let mut out = csv::StringRecord::new();
        let row = csv::StringRecord::from(vec![" cb1 ", "Chi bộ 1", "xa"]);
        assert!(p.apply(&row, 2, &mut problems, &mut out));
        assert_eq!(out, vec!["cp-cb1", "Chi bộ 1", "cp-xa"]);
        let root = csv::StringRecord::from(vec!["xa", "Xã", ""]);
        assert!(p.apply(&root, 3, &mut problems, &mut out));
        assert_eq!(out, vec!["cp-xa", "Xã", ""]);
        let named = csv::StringRecord::from(vec!["cb2", "Chi bộ 2", "Đảng bộ xã"]);
        assert!(!p.apply(&named, 4, &mut problems, &mut out));
        assert_eq!(problems.count, 1);
        let err = problems.into_result().unwrap_err().to_string();
        assert!(
            err.contains("f.csv:4: column parent: 'Đảng bộ xã' is not an organisation id"),
            "{err}"
        );
    }

    #[test]
    fn an_admitted_candidate_is_refused() {
        let columns: HashMap<String, usize> = ["org", "name", "admission"]
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i))
            .collect();
        let mut p = Prefix::new("cp-", Kind::Candidates, &columns);
        let mut problems = Problems::new("c.csv".into());
        let mut out = csv::StringRecord::new();
        let open = csv::StringRecord::from(vec!["cb1", "A", ""]);
        assert!(p.apply(&open, 2, &mut problems, &mut out));
        assert_eq!(out, vec!["cp-cb1", "A", ""]);
        let admitted = csv::StringRecord::from(vec!["cb1", "", "7"]);
        assert!(!p.apply(&admitted, 3, &mut problems, &mut out));
        let err = problems.into_result().unwrap_err().to_string();
        assert!(
            err.contains("c.csv:3: column admission: with --prefix, the admission record 7"),
            "{err}"
        );
    }
}
