//! JSON: stable field names, plain numbers, never language-dependent.

use anyhow::Result;
use serde::Serialize;

use crate::report::Report;

pub fn report(report: &Report) -> Result<String> {
    pretty(report)
}

/// Pretty JSON with a final newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Period;
    use crate::report::{Percent, Row, Status};
    use chrono::NaiveDate;

    #[test]
    fn schema_of_the_design() {
        let r = Report {
            period: Period::Year(2021),
            as_of: NaiveDate::from_ymd_opt(2021, 10, 14).unwrap(),
            precision: 1,
            metric: crate::model::Metric::Admissions,
            rows: vec![Row {
                id: "tam-dao".into(),
                name: "Đảng bộ huyện Tam Đảo".into(),
                parent: None,
                depth: 0,
                quota: Some(150),
                admitted: 161,
                percent: Percent::of(161, 150, 1),
                remaining: Some(0),
                allocated: None,
                expected: Some(117),
                status: Status::Met,
                previous: None,
                outlook: None,
                periods: None,
                context: false,
                struck: None,
            }],
            tree_order: true,
            spans: Vec::new(),
            status: None,
            burn_up: None,
        };
        let v: serde_json::Value = serde_json::from_str(&report(&r).unwrap()).unwrap();
        let expected = serde_json::json!({
            "period": "2021", "as_of": "2021-10-14", "precision": 1,
            "rows": [{"id": "tam-dao", "name": "Đảng bộ huyện Tam Đảo", "parent": null,
                "depth": 0, "quota": 150, "admitted": 161, "percent": 107.3,
                "remaining": 0, "allocated": null, "expected": 117, "status": "met"}]
        });
        assert_eq!(v, expected);
    }
}
