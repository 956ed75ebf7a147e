//! The one table of the fields a user can get wrong: how each is named in
//! files (the schema's name, which is also the CSV column) and how it is
//! called in a message, in English and in Vietnamese.

use std::fmt;

use crate::lang::{Lang, Text};

/// A field of a record, as errors name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Parent,
    Level,
    Members,
    Org,
    Year,
    Term,
    Target,
    Metric,
    Date,
    Count,
    PersonName,
    Sex,
    Born,
    Ethnicity,
    Religion,
    YouthUnion,
    Occupation,
    Decision,
    Note,
    Void,
    VoidReason,
    VoidDate,
    Stage,
    Exception,
    Reason,
}

/// (field, schema name, English, Vietnamese)
const TABLE: [(Field, &str, &str, &str); 27] = [
    (Field::Id, "id", "id", "mã"),
    (Field::Name, "name", "name", "tên"),
    (Field::Parent, "parent", "parent", "cấp trên"),
    (Field::Level, "level", "level", "cấp"),
    (
        Field::Members,
        "members",
        "number of members",
        "số đảng viên",
    ),
    (Field::Org, "org", "organisation", "tổ chức"),
    (Field::Year, "year", "year", "năm"),
    (Field::Term, "term", "term", "nhiệm kỳ"),
    (Field::Target, "target", "quota", "chỉ tiêu"),
    (Field::Metric, "metric", "metric", "loại chỉ tiêu"),
    (Field::Date, "date", "date", "ngày"),
    (Field::Count, "count", "count", "số lượng"),
    (Field::PersonName, "name", "name", "họ tên"),
    (Field::Sex, "sex", "sex", "giới tính"),
    (Field::Born, "born", "birth date", "ngày sinh"),
    (Field::Ethnicity, "ethnicity", "ethnicity", "dân tộc"),
    (Field::Religion, "religion", "religion", "tôn giáo"),
    (Field::YouthUnion, "youth_union", "youth union", "đoàn viên"),
    (Field::Occupation, "occupation", "occupation", "nghề nghiệp"),
    (
        Field::Decision,
        "decision",
        "decision number",
        "số quyết định",
    ),
    (Field::Note, "note", "note", "ghi chú"),
    (Field::Void, "void", "void", "hủy"),
    (Field::VoidReason, "void_reason", "reason", "lý do hủy"),
    (Field::VoidDate, "void_date", "void date", "ngày hủy"),
    (Field::Stage, "stage", "stage", "giai đoạn"),
    (Field::Exception, "exception", "exception", "lý do ngoại lệ"),
    (Field::Reason, "reason", "reason", "lý do"),
];

impl Field {
    fn row(self) -> &'static (Field, &'static str, &'static str, &'static str) {
        TABLE
            .iter()
            .find(|r| r.0 == self)
            .expect("every field is in the table")
    }

    /// The name in store files and CSV columns.
    pub fn column(self) -> &'static str {
        self.row().1
    }

    /// What a message calls it.
    pub fn label(self) -> Text {
        let r = self.row();
        Text::new(r.2.to_string(), r.3.to_string())
    }

    /// The word in one language.
    pub fn word(self, lang: Lang) -> &'static str {
        let r = self.row();
        lang.pick(r.2, r.3)
    }
}

impl fmt::Display for Field {
    /// The label, in the language of the message it is part of.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.label().fmt(f)
    }
}

/// A field's label with a capital first letter, to start a sentence.
pub struct Capitalised(pub Field);

impl fmt::Display for Capitalised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.0.label().to_string();
        let mut chars = label.chars();
        if let Some(c) = chars.next() {
            write!(f, "{}{}", c.to_uppercase(), chars.as_str())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_once() {
        for (i, r) in TABLE.iter().enumerate() {
            assert!(TABLE[i + 1..].iter().all(|o| o.0 != r.0), "{:?} twice", r.0);
        }
        let msg = t!("The {} is wrong.", "{} bị sai.", Field::Members);
        assert_eq!(msg.get(Lang::Vi), "số đảng viên bị sai.");
        assert_eq!(msg.get(Lang::En), "The number of members is wrong.");
    }
}
