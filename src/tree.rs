//! The organisation forest of a validated store: look-ups by id or name,
//! children, and tree order. Built once per command in linear time.

use std::collections::HashMap;

use anyhow::Result;

use crate::model::Store;
use crate::text;

pub struct Tree<'a> {
    store: &'a Store,
    by_id: HashMap<&'a str, usize>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
}

impl<'a> Tree<'a> {
    /// Indexes the orgs of a store that passed [`Store::validate`].
    pub fn new(store: &'a Store) -> Tree<'a> {
        let n = store.orgs.len();
        let by_id: HashMap<&str, usize> = store
            .orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut parent = vec![None; n];
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, o) in store.orgs.iter().enumerate() {
            match o.parent.as_deref().and_then(|p| by_id.get(p)) {
                Some(&p) => {
                    parent[i] = Some(p);
                    children[p].push(i);
                }
                None => roots.push(i),
            }
        }
        Tree {
            store,
            by_id,
            parent,
            children,
            roots,
        }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.parent[i]
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    pub fn roots(&self) -> &[usize] {
        &self.roots
    }

    /// Whether `ancestor` is `i` or above it.
    pub fn is_ancestor_or_self(&self, ancestor: usize, i: usize) -> bool {
        let mut at = Some(i);
        while let Some(j) = at {
            if j == ancestor {
                return true;
            }
            at = self.parent[j];
        }
        false
    }

    /// `(org, depth)` pairs in tree order (parents before children,
    /// siblings in store order) below each of `tops`, down to `max_depth`.
    pub fn preorder(&self, tops: &[usize], max_depth: Option<usize>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut stack: Vec<(usize, usize)> = tops.iter().rev().map(|&t| (t, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            out.push((i, depth));
            if max_depth.is_none_or(|m| depth < m) {
                stack.extend(self.children[i].iter().rev().map(|&c| (c, depth + 1)));
            }
        }
        out
    }

    /// Finds an org by id, or by exact name (NFC, case-insensitive). An
    /// unknown org gets the nearest ids as suggestions; an ambiguous name
    /// lists the candidates.
    pub fn resolve(&self, query: &str) -> Result<usize> {
        if let Some(i) = self.get(query) {
            return Ok(i);
        }
        let folded = text::fold(query.trim());
        let matches: Vec<usize> = (0..self.store.orgs.len())
            .filter(|&i| text::fold(&self.store.orgs[i].name) == folded)
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => {
                let shown = text::printable(query);
                let near = self.nearest(query, 3);
                if near.is_empty() {
                    bail_t!(
                        "There is no organisation '{shown}'; `quota orgs` lists them.",
                        "Không có tổ chức '{shown}'; lệnh `quota orgs` liệt kê các tổ chức."
                    )
                }
                bail_t!(
                    "There is no organisation '{shown}'; did you mean {}?",
                    "Không có tổ chức '{shown}'; có phải bạn muốn {}?",
                    near.join(", ")
                )
            }
            many => bail_t!(
                "The name '{}' fits several organisations ({}); use one of these ids instead.",
                "Tên '{}' trùng với nhiều tổ chức ({}); hãy dùng một trong các mã này.",
                query.trim(),
                many.iter()
                    .map(|&i| self.store.orgs[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The ids closest to `query` by edit distance, on ids and names.
    fn nearest(&self, query: &str, n: usize) -> Vec<String> {
        let q = text::fold(query);
        let mut scored: Vec<(usize, &str)> = self
            .store
            .orgs
            .iter()
            .map(|o| {
                let by_id = strsim::levenshtein(&q, &o.id);
                let by_name = strsim::levenshtein(&q, &text::fold(&o.name));
                (by_id.min(by_name), o.id.as_str())
            })
            .filter(|&(d, _)| d <= q.chars().count().max(3) / 2 + 1)
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(n)
            .map(|(_, id)| format!("'{id}'"))
            .collect()
    }
}
