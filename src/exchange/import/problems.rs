//! Bad rows, as `FILE:LINE: column NAME: what is wrong`: every one
//! counted, the first few shown.

use anyhow::Result;

use crate::lang::Text;
use crate::model::{Field, Problem};

/// How many bad rows an error lists before it only counts the rest.
pub const SHOWN: usize = 20;

/// Bad rows, as `FILE:LINE: column NAME: what is wrong`.
pub struct Problems {
    pub file: String,
    lines: Vec<Text>,
    pub count: usize,
}

impl Problems {
    pub fn new(file: String) -> Problems {
        Problems {
            file,
            lines: Vec::new(),
            count: 0,
        }
    }

    /// A bad cell: `column` is the file's column name.
    pub fn add(&mut self, line: u64, column: &str, what: &Text) {
        self.count += 1;
        if self.lines.len() < SHOWN {
            self.lines.push(t!(
                "{}:{line}: column {column}: {what}",
                "{}:{line}: cột {column}: {what}",
                self.file
            ));
        }
    }

    /// Broken rules of a record, each under its field's column.
    pub fn rules(&mut self, line: u64, problems: &[Problem]) {
        for p in problems {
            self.add(line, p.field.column(), &p.what);
        }
    }

    /// Broken rules of a record, each under the column `column` names for
    /// its field: for a rule whose field is in another column of the file
    /// (the date of a ceremony is in `ceremony`).
    pub fn rules_in(
        &mut self,
        line: u64,
        problems: &[Problem],
        column: impl Fn(Field) -> &'static str,
    ) {
        for p in problems {
            self.add(line, column(p.field), &p.what);
        }
    }

    /// A bad row as a whole.
    pub fn row(&mut self, line: u64, what: &Text) {
        self.count += 1;
        if self.lines.len() < SHOWN {
            self.lines
                .push(t!("{}:{line}: {what}", "{}:{line}: {what}", self.file));
        }
    }

    pub fn into_result(self) -> Result<()> {
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
            msg.push("\n", l);
        }
        if self.count > self.lines.len() {
            let more = t!(
                "… and {} more.",
                "… và {} dòng lỗi khác.",
                self.count - self.lines.len()
            );
            msg.push("\n", &more);
        }
        Err(anyhow::Error::new(msg))
    }
}
