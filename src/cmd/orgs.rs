//! `quota orgs`: the organisations, flat or as a tree.

use anyhow::Result;

use super::admissions::list_format;
use super::{Ctx, Output};
use crate::cli::OrgsArgs;
use crate::render;
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: OrgsArgs) -> Result<Output> {
    let store = ctx.load()?;
    let rows: Vec<_> = if args.tree {
        let tree = Tree::new(&store);
        let mut rows: Vec<_> = tree
            .preorder(tree.roots(), None)
            .into_iter()
            .map(|(i, depth)| (&store.orgs[i], depth))
            .collect();
        // Merged ones are off the tree: listed after it, saying where
        // they went.
        rows.extend(
            store
                .orgs
                .iter()
                .filter(|o| o.merged.is_some())
                .map(|o| (o, 0)),
        );
        rows
    } else {
        store.orgs.iter().map(|o| (o, 0)).collect()
    };
    let text = render::lists::orgs(&rows, args.tree, list_format(args.format), &ctx.view)?;
    Ok(Output::text(text))
}
