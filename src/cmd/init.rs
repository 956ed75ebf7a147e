//! `quota init`: an empty store, and the first entry of its history.

use anyhow::Result;

use super::{Ctx, Output};
use crate::store::Mode;

pub fn run(ctx: &Ctx) -> Result<Output> {
    ctx.change_with(Mode::Create, |_, _| Ok(()))?;
    Ok(Output::text(tl!(
        ctx.lang(),
        "Created an empty store in {}.\n",
        "Đã tạo tệp dữ liệu trống {}.\n",
        crate::text::escaped(&ctx.path.display().to_string())
    )))
}
