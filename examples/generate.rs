//! Generates a large synthetic store for benchmarks: a province (or a
//! nation) of organisations with quotas and admission records, written as
//! a TOML store, a JSON store and the three CSV files `quota import` reads.
//!
//!     cargo run --release --example generate -- --orgs 4000 --records 15000 --dir /tmp/province
//!     cargo run --release --example generate -- --orgs 60000 --records 1000000 --dir /tmp/nation
//!
//! The shape: one root, then communes, then cells (about 30 per commune);
//! quotas for 2024 on the root and every commune; records spread over 2024
//! on random cells and communes, a few of them with (made-up) details.
//! Deterministic: the same arguments give the same files.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use quota::date::Period;
use quota::exchange::{Kind, export};
use quota::model::{Admission, Metric, Org, Person, Quota, Sex, Store};
use quota::store::{Format, serialize};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        // xorshift64*: fast and good enough for test data.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn main() -> anyhow::Result<()> {
    let mut orgs = 4000usize;
    let mut records = 15_000u64;
    let mut dir = PathBuf::from("generated");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--orgs" => orgs = value()?.parse()?,
            "--records" => records = value()?.parse()?,
            "--dir" => dir = PathBuf::from(value()?),
            _ => anyhow::bail!("usage: generate [--orgs N] [--records N] [--dir DIR]"),
        }
    }
    std::fs::create_dir_all(&dir)?;

    let mut rng = Rng(0x5eed_1234_5678_9abc);
    let mut s = Store::new();
    s.orgs.push(Org {
        id: "tinh".into(),
        name: "Đảng bộ tỉnh Mẫu".into(),
        parent: None,
        level: Some("province".into()),
        members: None,
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
        let person = (rng.below(20) == 0).then(|| {
            Box::new(Person {
                name: Some(format!("Người Mẫu {id}")),
                sex: Some(if rng.below(2) == 0 {
                    Sex::Female
                } else {
                    Sex::Male
                }),
                born: Some(
                    NaiveDate::from_ymd_opt(1990, 1, 1).expect("a date")
                        + Days::new(rng.below(4000)),
                ),
                ethnicity: Some(if rng.below(3) == 0 { "Tày" } else { "Kinh" }.into()),
                religion: None,
                youth_union: rng.below(2) == 0,
                occupation: None,
            })
        });
        s.admissions.push(Admission {
            id,
            org,
            date: start + Days::new(rng.below(300)),
            count: 1,
            decision: Some(format!("{id}-QĐ/ĐU")),
            note: None,
            person,
            void: None,
        });
    }
    s.next_id = records + 1;

    std::fs::write(dir.join("store.toml"), serialize(&mut s, Format::Toml)?)?;
    std::fs::write(dir.join("store.json"), serialize(&mut s, Format::Json)?)?;
    for kind in [Kind::Orgs, Kind::Quotas, Kind::Admissions] {
        let csv = export(&s, kind, true)?;
        std::fs::write(dir.join(format!("{}.csv", kind.as_str())), csv)?;
    }
    eprintln!(
        "{}: {} organisations, {} quotas, {} admission records",
        dir.display(),
        s.orgs.len(),
        s.quotas.len(),
        s.admissions.len()
    );
    Ok(())
}
