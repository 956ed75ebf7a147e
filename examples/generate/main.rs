//! Generates a large synthetic store for benchmarks: a district, a
//! province or a nation of organisations with quotas and admission
//! records, written as a TOML store, a JSON store, the three CSV files
//! `quota import` reads, a store of the organisations alone (to import
//! the admissions into), and the same data as a plain-text accounting
//! journal that hledger and ledger read.
//!
//!     cargo run --release --example generate -- --scale district --dir /tmp/district
//!     cargo run --release --example generate -- --scale province --dir /tmp/province
//!     cargo run --release --example generate -- --scale national --dir /tmp/nation
//!     cargo run --release --example generate -- --orgs 4000 --records 15000 --dir /tmp/custom
//!
//! Scales: `district` ≈ 300 organisations and 1,000 records, `province` ≈
//! 4,000 and 15,000 (the default), `national` ≈ 60,000 and 1,000,000.
//! `--orgs` and `--records` override the scale's figures.
//!
//! The shape: one root, then communes, then cells (about 30 per commune);
//! quotas for 2024 on the root and every commune; records spread over 2024
//! on random cells and communes. Most records name the person admitted,
//! with the details an organising department keeps (made up, see
//! `people.rs`); a few are voided. Deterministic: the same arguments give
//! the same files.
//!
//! Files written into `--dir`: `store.toml`, `store.json`, `orgs.csv`,
//! `quotas.csv`, `admissions.csv`, `orgs-only.toml`, `orgs-only.json`,
//! `journal.ledger`.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use quota::date::Period;
use quota::exchange::{Kind, export};
use quota::model::{Admission, Metric, Org, Quota, Store, Void};
use quota::store::{Format, serialize};

mod journal;
mod people;

/// A small deterministic generator: the same seed gives the same data on
/// every machine.
pub struct Rng(u64);

impl Rng {
    /// A number in `0..n` (0 for `n` = 0).
    pub fn below(&mut self, n: u64) -> u64 {
        // xorshift64*: fast and good enough for test data.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The sizes a benchmark is run at.
#[derive(Clone, Copy)]
enum Scale {
    District,
    Province,
    National,
}

impl Scale {
    fn parse(s: &str) -> anyhow::Result<Scale> {
        Ok(match s {
            "district" => Scale::District,
            "province" => Scale::Province,
            "national" => Scale::National,
            _ => anyhow::bail!("--scale is district, province or national, not {s:?}"),
        })
    }

    /// (organisations, admission records)
    fn size(self) -> (usize, u64) {
        match self {
            Scale::District => (300, 1_000),
            Scale::Province => (4_000, 15_000),
            Scale::National => (60_000, 1_000_000),
        }
    }
}

const USAGE: &str =
    "usage: generate [--scale district|province|national] [--orgs N] [--records N] [--dir DIR]";

fn main() -> anyhow::Result<()> {
    let mut scale = Scale::Province;
    let mut orgs = None;
    let mut records = None;
    let mut dir = PathBuf::from("generated");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--scale" => scale = Scale::parse(&value()?)?,
            "--orgs" => orgs = Some(value()?.parse()?),
            "--records" => records = Some(value()?.parse()?),
            "--dir" => dir = PathBuf::from(value()?),
            _ => anyhow::bail!("{USAGE}"),
        }
    }
    let orgs = orgs.unwrap_or(scale.size().0).max(2);
    let records = records.unwrap_or(scale.size().1);
    std::fs::create_dir_all(&dir)?;

    let mut s = generate(orgs, records);
    std::fs::write(dir.join("store.toml"), serialize(&mut s, Format::Toml)?)?;
    std::fs::write(dir.join("store.json"), serialize(&mut s, Format::Json)?)?;
    for kind in [Kind::Orgs, Kind::Quotas, Kind::Admissions] {
        let csv = export(&s, kind, true)?;
        std::fs::write(dir.join(format!("{}.csv", kind.as_str())), csv)?;
    }
    let mut only = Store::new();
    only.orgs = s.orgs.clone();
    only.next_id = 1;
    std::fs::write(
        dir.join("orgs-only.toml"),
        serialize(&mut only, Format::Toml)?,
    )?;
    std::fs::write(
        dir.join("orgs-only.json"),
        serialize(&mut only, Format::Json)?,
    )?;
    journal::write(&s, Period::Year(2024), &dir.join("journal.ledger"))?;
    eprintln!(
        "{}: {} organisations, {} quotas, {} admission records ({} with personal details, {} voided)",
        dir.display(),
        s.orgs.len(),
        s.quotas.len(),
        s.admissions.len(),
        s.admissions.iter().filter(|a| a.person.is_some()).count(),
        s.admissions.iter().filter(|a| a.is_void()).count(),
    );
    Ok(())
}

/// The store: `orgs` organisations (at least 2) and `records` admissions.
fn generate(orgs: usize, records: u64) -> Store {
    let mut rng = Rng(0x5eed_1234_5678_9abc);
    let mut s = Store::new();
    s.orgs.push(Org {
        id: "tinh".into(),
        name: "Đảng bộ tỉnh Mẫu".into(),
        parent: None,
        level: Some("province".into()),
        members: None,
        merged: None,
        synced: None,
    });
    let communes = (orgs / 31).max(1);
    let mut commune_ids = Vec::with_capacity(communes);
    for c in 0..communes {
        let id = format!("xa-{c}");
        s.orgs.push(Org {
            id: id.clone(),
            name: format!("Đảng bộ xã Số {c}"),
            parent: Some("tinh".into()),
            level: Some("commune".into()),
            members: Some(100 + rng.below(900)),
            merged: None,
            synced: None,
        });
        commune_ids.push(id);
    }
    let mut k = 0;
    while s.orgs.len() < orgs {
        let c = k % communes;
        s.orgs.push(Org {
            id: format!("xa-{c}-cb-{}", k / communes),
            name: format!("Chi bộ thôn {} xã Số {c}", k / communes),
            parent: Some(commune_ids[c].clone()),
            level: Some("cell".into()),
            members: None,
            merged: None,
            synced: None,
        });
        k += 1;
    }
    let year = Period::Year(2024);
    let per_commune = (records / communes as u64).max(1);
    s.quotas.push(Quota {
        org: "tinh".into(),
        period: year,
        metric: Metric::Admissions,
        target: records + records / 10,
    });
    for id in &commune_ids {
        s.quotas.push(Quota {
            org: id.clone(),
            period: year,
            metric: Metric::Admissions,
            target: per_commune + rng.below(per_commune / 2 + 1),
        });
    }
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    let n = s.orgs.len() as u64;
    for id in 1..=records {
        let org = s.orgs[1 + rng.below(n - 1) as usize].id.clone();
        let date = start + Days::new(rng.below(300));
        // Most records name the person, as a committee's register does;
        // the rest were typed in from a tally without details.
        let person = rng
            .chance(85)
            .then(|| Box::new(people::person(&mut rng, date)));
        let note = rng.chance(2).then(|| people::note(&mut rng).to_string());
        // A few records were entered twice or on the wrong organisation
        // and cancelled some days later.
        let void = rng.chance(1).then(|| Void {
            reason: "Ghi trùng, đã ghi lại đúng chi bộ".into(),
            on: date + Days::new(1 + rng.below(30)),
        });
        s.admissions.push(Admission {
            id,
            org,
            date,
            count: 1,
            decision: Some(format!("{id}-QĐ/ĐU")),
            note,
            person,
            void,
            probation: None,
        });
    }
    s.next_id = records + 1;
    s
}
