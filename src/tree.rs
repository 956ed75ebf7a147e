//! The organisation forest of a validated store: look-ups by id or name,
//! children, and tree order. Built once per command in linear time.

use rustc_hash::FxHashMap as HashMap;

use anyhow::Result;

use crate::lang::Text;
use crate::model::{Org, Store};
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
        // A merged organisation is another name of the one it went into:
        // its id leads there, and it has no place in the tree.
        let mut by_id = by_id;
        for o in store.orgs.iter().filter(|o| o.merged.is_some()) {
            if let Some(into) = o
                .merged
                .as_ref()
                .and_then(|m| by_id.get(m.into.as_str()).copied())
            {
                by_id.insert(o.id.as_str(), into);
            }
        }
        for (i, o) in store.orgs.iter().enumerate() {
            if o.merged.is_some() {
                continue;
            }
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

    /// The level of `i` in its tree, a root being at level 1: a walk up,
    /// short since a valid store's trees have at most
    /// [`MAX_LEVELS`](crate::model::MAX_LEVELS) levels.
    pub fn level(&self, i: usize) -> usize {
        std::iter::successors(Some(i), |&j| self.parent[j]).count()
    }

    /// The levels of the tree below and including `i`: 1 for a leaf.
    pub fn height(&self, i: usize) -> usize {
        self.preorder(&[i], None)
            .iter()
            .map(|&(_, depth)| depth + 1)
            .max()
            .unwrap_or(1)
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

    /// Finds an org by id, or by name (see [`Resolver`]): its index. A
    /// merged organisation's id or name leads to the one it went into,
    /// with a note saying so.
    pub fn resolve(&self, query: &str) -> Result<usize> {
        let i = self.find(query)?;
        let wanted = query.trim();
        if let Some(old) = self
            .store
            .orgs
            .iter()
            .find(|o| o.merged.is_some() && (o.id == wanted || o.name == wanted))
            && let Some(m) = &old.merged
        {
            crate::notes::push(t!(
                "Note: '{}' was merged into '{}' on {}; it stands for '{}'.",
                "Lưu ý: '{}' đã được hợp nhất vào '{}' ngày {}; nay là '{}'.",
                old.id,
                m.into,
                crate::lang::Date(m.on),
                m.into
            ));
        }
        Ok(i)
    }

    fn find(&self, query: &str) -> Result<usize> {
        if let Some(i) = self.get(query) {
            return Ok(i);
        }
        let id = Resolver::new(&self.store.orgs)
            .resolve(query)
            .map_err(|e| {
                let e = e.capitalised();
                if e.get(crate::lang::Lang::En).ends_with('?') {
                    anyhow::Error::new(e)
                } else {
                    err_t!("{e}.", "{e}.")
                }
            })?;
        Ok(self.by_id[id.as_str()])
    }
}

/// Finds organisations by id, or by name compared folded (case, Unicode
/// form and old or new tone placement ignored); an unknown one gets the
/// nearest ids as suggestions, an ambiguous name lists the candidates.
/// The command line and the CSV import both look up through it; answers
/// are remembered, since a million rows name few organisations.
/// The longest query that gets suggestions ("did you mean"), in
/// characters: far beyond any name, and a bound on the work.
pub const MAX_SUGGESTED: usize = 100;

pub struct Resolver {
    ids: Vec<String>,
    by_id: HashMap<String, usize>,
    /// The names as given, in the order of `ids`.
    raw: Vec<String>,
    /// The names folded, made the first time a query is not an id: a
    /// file that names its organisations by id never pays for folding
    /// tens of thousands of names.
    folded: std::cell::OnceCell<Folded>,
    seen: HashMap<String, Result<String, Text>>,
}

struct Folded {
    by_name: HashMap<String, Vec<usize>>,
    /// Folded names, for suggestions, in the order of `ids`.
    names: Vec<String>,
}

impl Folded {
    fn push(&mut self, i: usize, name: &str) {
        let folded = text::fold(name);
        self.by_name.entry(folded.clone()).or_default().push(i);
        self.names.push(folded);
    }
}

impl Resolver {
    pub fn new(orgs: &[Org]) -> Resolver {
        let mut r = Resolver {
            ids: Vec::with_capacity(orgs.len()),
            by_id: HashMap::with_capacity_and_hasher(orgs.len(), Default::default()),
            raw: Vec::with_capacity(orgs.len()),
            folded: std::cell::OnceCell::new(),
            seen: HashMap::default(),
        };
        for o in orgs {
            r.insert(&o.id, &o.name);
            // A merged organisation's id and name lead to the one it went
            // into: a record given for it is that one's.
            if let Some(m) = &o.merged
                && let Some(last) = r.ids.last_mut()
            {
                last.clone_from(&m.into);
            }
        }
        r
    }

    /// Makes a new organisation known (one read earlier in the same file).
    pub fn insert(&mut self, id: &str, name: &str) {
        let i = self.ids.len();
        if let Some(f) = self.folded.get_mut() {
            f.push(i, name);
        }
        self.raw.push(name.to_string());
        self.ids.push(id.to_string());
        self.by_id.insert(id.to_string(), i);
        self.seen.clear();
    }

    fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| {
            let mut f = Folded {
                by_name: HashMap::with_capacity_and_hasher(self.raw.len(), Default::default()),
                names: Vec::with_capacity(self.raw.len()),
            };
            for (i, name) in self.raw.iter().enumerate() {
                f.push(i, name);
            }
            f
        })
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The id of the organisation `query` names; else what is wrong, as a
    /// fragment ("there is no organisation …").
    pub fn resolve(&mut self, query: &str) -> Result<String, Text> {
        if let Some(r) = self.seen.get(query) {
            return r.clone();
        }
        let r = self.lookup(query);
        // Only what could be a name is remembered: a file of long junk
        // cells must not be kept twice.
        if query.len() <= MAX_SUGGESTED * 4 {
            self.seen.insert(query.to_string(), r.clone());
        }
        r
    }

    fn lookup(&self, query: &str) -> Result<String, Text> {
        let q = query.trim();
        if q.is_empty() {
            return Err(t!(
                "is empty; name an organisation",
                "đang trống; hãy ghi tổ chức"
            ));
        }
        if let Some(&i) = self.by_id.get(q) {
            return Ok(self.ids[i].clone());
        }
        let shown = text::printable(q);
        match self.folded().by_name.get(&text::fold(q)).map(Vec::as_slice) {
            Some([one]) => Ok(self.ids[*one].clone()),
            Some(many) if many.len() > 1 => Err(t!(
                "the name '{shown}' fits several organisations ({}); use one of these ids instead",
                "tên '{shown}' trùng với nhiều tổ chức ({}); hãy dùng một trong các mã này",
                many.iter()
                    .map(|&i| self.ids[i].as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => {
                // Edit distances cost the product of the lengths: nothing
                // longer than a name is compared.
                let near = if q.chars().count() <= MAX_SUGGESTED {
                    self.nearest(q, 3)
                } else {
                    Vec::new()
                };
                if near.is_empty() {
                    Err(t!(
                        "there is no organisation '{shown}'; `quota orgs` lists them",
                        "không có tổ chức '{shown}'; lệnh `quota orgs` liệt kê các tổ chức"
                    ))
                } else {
                    Err(t!(
                        "there is no organisation '{shown}'; did you mean {}?",
                        "không có tổ chức '{shown}'; có phải bạn muốn {}?",
                        near.join(", ")
                    ))
                }
            }
        }
    }

    /// The ids closest to `query` by edit distance, on ids and names.
    fn nearest(&self, query: &str, n: usize) -> Vec<String> {
        let q = text::fold(query);
        let len = q.chars().count();
        let most = len.max(3) / 2 + 1;
        // Two texts are at least their difference in length apart: those
        // too far apart (a long name) are passed over without comparing.
        let distance = |other: &str| {
            let near = other.len() <= 4 * (len + most) && other.chars().count() <= len + most;
            near.then(|| strsim::levenshtein(&q, other))
        };
        let mut scored: Vec<(usize, &str)> = self
            .ids
            .iter()
            .zip(&self.folded().names)
            .filter_map(|(id, name)| {
                let d = [distance(id), distance(name)].into_iter().flatten().min()?;
                Some((d, id.as_str()))
            })
            .filter(|&(d, _)| d <= most)
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(n)
            .map(|(_, id)| format!("'{id}'"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> Org {
        Org {
            id: id.into(),
            name: name.into(),
            parent: None,
            level: None,
            members: None,
            merged: None,
            synced: None,
        }
    }

    #[test]
    fn names_match_whatever_the_tone_placement() {
        let orgs = [
            org("hoa-binh", "Đảng bộ xã Hoà Bình"),
            org("thuy", "Chi bộ Thuỷ Sơn"),
            org("a1", "Trùng"),
            org("a2", "trùng"),
        ];
        let mut r = Resolver::new(&orgs);
        assert_eq!(r.resolve("đảng bộ xã hòa bình").unwrap(), "hoa-binh");
        assert_eq!(r.resolve("Chi bộ Thủy Sơn").unwrap(), "thuy");
        assert!(
            r.resolve("Trùng")
                .unwrap_err()
                .to_string()
                .contains("a1, a2")
        );
        let e = r.resolve("hoa-bihn").unwrap_err().to_string();
        assert!(e.contains("did you mean 'hoa-binh'"), "{e}");
    }

    #[test]
    fn a_long_query_gets_no_suggestion_and_is_not_repeated_whole() {
        let long = format!("hoa-binh{}", "x".repeat(100_000));
        let mut r = Resolver::new(&[org("hoa-binh", &"Hoà Bình ".repeat(10_000))]);
        let e = r.resolve(&long).unwrap_err().to_string();
        assert!(e.contains("there is no organisation 'hoa-binhxxx"), "{e}");
        assert!(e.contains("…'"), "{e}");
        assert!(e.len() < 300, "{e}");
        // A query of MAX_SUGGESTED characters gets suggestions; a longer
        // one does not, however close.
        let stem = "a".repeat(MAX_SUGGESTED - 1);
        let mut r = Resolver::new(&[org("x", &format!("{stem}b"))]);
        let e = r.resolve(&format!("{stem}c")).unwrap_err().to_string();
        assert!(e.contains("did you mean 'x'"), "{e}");
        let mut r = Resolver::new(&[org("x", &format!("{stem}bb"))]);
        let e = r.resolve(&format!("{stem}cb")).unwrap_err().to_string();
        assert!(!e.contains("did you mean"), "{e}");
    }
}
