//! The bare parse floor for benchmarks: reads a JSON store file and parses
//! it with serde_json into `quota::model::Store`, and nothing else (no
//! Unicode normalisation, no validation, no report, not even freeing it).
//! No command that reads the whole store can be faster than this;
//! `bench/run.sh` times it beside `quota report` to show how much of a
//! report is more than the parse.
//!
//!     cargo run --release --example floor -- /tmp/nation/store.json

use quota::model::Store;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: floor STORE.json"))?;
    let bytes = std::fs::read(&path)?;
    let store: Store = serde_json::from_slice(&bytes)?;
    // Kept from the optimiser, so the parse is really done; not freed, as
    // a process about to exit need not free either.
    std::mem::forget(std::hint::black_box(store));
    Ok(())
}
