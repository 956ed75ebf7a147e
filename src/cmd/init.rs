//! `quota init`: an empty store, and the first entry of its history.

use anyhow::Result;

use super::{Ctx, Output};
use crate::history::{self, Changes, Entry};
use crate::model::Store;
use crate::{lock, store};

pub fn run(ctx: &Ctx) -> Result<Output> {
    let _lock = lock::acquire(&ctx.path, crate::env::lock_timeout()?, ctx.notify)?;
    let mut s = Store::new();
    let text = store::serialize(&mut s, store::Format::of(&ctx.path))?;
    store::create(&ctx.path, text.as_bytes())?;
    // A history left by an earlier store of the same name is not this one's.
    let old = history::path_of(&ctx.path);
    if old.exists() {
        let mut aside = old.as_os_str().to_owned();
        aside.push(".old");
        std::fs::rename(&old, &aside)?;
    }
    history::append(
        &ctx.path,
        &Entry {
            seq: 1,
            time: history::now(),
            user: crate::env::user(),
            command: history::command_line(&ctx.args),
            undoes: None,
            before: String::new(),
            after: history::fingerprint(text.as_bytes()),
            changes: Changes::default(),
        },
    )?;
    Ok(Output::text(t!(
        "Created an empty store in {}.\n",
        "Đã tạo tệp dữ liệu trống {}.\n",
        ctx.path.display()
    )))
}
