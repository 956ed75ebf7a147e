//! Organisation rows: new organisations, parents in the store or anywhere
//! in the file.

use std::collections::HashMap;

use super::{Importer, Problems, Row, cell};
use crate::exchange::cells::{number_cell, text_cell};
use crate::model::{Field, MAX_LEVELS, Org, Store};
use crate::tree::Resolver;

pub struct Orgs {
    /// The store's orgs, and the file's as they are read.
    known: Resolver,
    /// The id and parent of each of the store's orgs, for their levels.
    stored: Vec<(String, Option<String>)>,
    new: Vec<(u64, Org)>,
    new_ids: HashMap<String, u64>,
    /// The store's organisation (its id) that the file's top ones go
    /// under (`--under`).
    under: Option<String>,
}

impl Orgs {
    pub fn new(store: &Store, under: Option<String>) -> Self {
        Orgs {
            known: Resolver::new(&store.orgs),
            stored: store
                .orgs
                .iter()
                .map(|o| (o.id.clone(), o.parent.clone()))
                .collect(),
            new: Vec::new(),
            new_ids: HashMap::new(),
            under,
        }
    }
}

impl Importer for Orgs {
    fn row(&mut self, _: &Store, row: &Row, problems: &mut Problems) {
        let before = problems.count;
        let id = row.get("id").trim().to_string();
        if let Some(first) = self.new_ids.get(&id) {
            problems.add(
                row.line,
                "id",
                &t!(
                    "'{id}' already appears on line {first}",
                    "'{id}' đã xuất hiện ở dòng {first}"
                ),
            );
        } else if self.known.contains(&id) {
            problems.add(
                row.line,
                "id",
                &t!(
                    "'{id}' is already in the store",
                    "'{id}' đã có trong tệp dữ liệu"
                ),
            );
        }
        let name = cell(row, "name", problems, text_cell).flatten();
        let parent = cell(row, "parent", problems, text_cell)
            .flatten()
            .or_else(|| self.under.clone());
        let level = cell(row, "level", problems, text_cell).flatten();
        let members = cell(row, "members", problems, |c| number_cell(c, 0)).flatten();
        match Org::check(&id, name, parent, level, members) {
            Ok(org) if problems.count == before => {
                self.new_ids.insert(org.value.id.clone(), row.line);
                self.known.insert(&org.value.id, &org.value.name);
                self.new.push((row.line, org.value));
            }
            Ok(_) => {}
            Err(broken) => problems.rules(row.line, &broken),
        }
    }

    fn finish(&mut self, problems: &mut Problems) -> (usize, usize) {
        // Parents may come later in the file, or be named rather than given by id.
        for (line, org) in &mut self.new {
            if let Some(p) = &org.parent {
                match self.known.resolve(p) {
                    Ok(id) => org.parent = Some(id),
                    Err(e) => problems.add(*line, Field::Parent.column(), &e),
                }
            }
        }
        self.check_levels(problems);
        (self.new.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.orgs.extend(self.new.into_iter().map(|(_, o)| o));
    }
}

impl Orgs {
    /// Names each new org where a tree grows past [`MAX_LEVELS`], on its
    /// line. A cycle is left to the store's validation, which names it.
    fn check_levels(&self, problems: &mut Problems) {
        let stored = self.stored.iter().map(|(id, parent)| (id, parent));
        let new = self.new.iter().map(|(_, o)| (&o.id, &o.parent));
        let all: Vec<_> = stored.chain(new).collect();
        let index: HashMap<&str, usize> = all
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        let parents: Vec<Option<usize>> = all
            .iter()
            .map(|(_, p)| p.as_deref().and_then(|p| index.get(p).copied()))
            .collect();
        let Ok(levels) = crate::model::levels(&parents) else {
            return;
        };
        for (j, (line, org)) in self.new.iter().enumerate() {
            if levels[self.stored.len() + j] == MAX_LEVELS + 1 {
                let mut root = self.stored.len() + j;
                while let Some(p) = parents[root] {
                    root = p;
                }
                problems.add(
                    *line,
                    Field::Parent.column(),
                    &crate::model::too_deep(&org.id, MAX_LEVELS + 1, all[root].0),
                );
            }
        }
    }
}
