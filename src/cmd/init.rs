//! `quota init`: an empty store.

use anyhow::Result;

use super::{Ctx, Output};
use crate::model::Store;
use crate::store;

pub fn run(ctx: &Ctx) -> Result<Output> {
    store::create(&ctx.path, &mut Store::new())?;
    Ok(Output::text(t!(
        "Created an empty store in {}.\n",
        "Đã tạo tệp dữ liệu trống {}.\n",
        ctx.path.display()
    )))
}
