//! Column discovery for a set of objects: nested objects are flattened into dotted paths
//! (`metadata.name`) when every occurrence of the path is a non-empty object with unique, dot-free keys,
//! so the path is unambiguous and the original nesting can be rebuilt. A row whose flattened columns
//! are all empty therefore had no such parent at all.

use crate::hash::FxHashMap as HashMap;

use crate::parse::{Doc, Kind};

/// Flattening stops here: deeper structure stays inside one cell.
const FLAT_MAX: usize = 4;

struct PathInfo {
    name: String,
    parent: Option<usize>,
    /// Every occurrence is a flattenable object.
    all_obj: bool,
}

pub struct Columns {
    /// Rendered column names (raw key text joined by `.`).
    pub names: Vec<String>,
    /// `cells[row][col]`: the node at that path, if present.
    pub cells: Vec<Vec<Option<u32>>>,
    /// Top-level columns (candidates for a discriminator).
    pub top_level: Vec<bool>,
}

fn flattenable(doc: &Doc, id: u32) -> bool {
    let n = doc.node(id);
    if n.kind != Kind::Obj || n.kid_len == 0 {
        return false;
    }
    let kids = doc.kids(id);
    kids.iter().all(|k| !doc.key(k).contains('.')) && unique_keys(doc, id) && kids.len() <= 64
}

pub fn unique_keys(doc: &Doc, id: u32) -> bool {
    let kids = doc.kids(id);
    if kids.len() <= 16 {
        return kids.iter().enumerate().all(|(i, a)| kids[..i].iter().all(|b| doc.key(a) != doc.key(b)));
    }
    let mut seen = std::collections::HashSet::new();
    kids.iter().all(|k| seen.insert(doc.key(k)))
}

/// Columns of the given objects, or `None` when one has duplicate keys (a table cannot hold both).
pub fn columns<'a>(doc: &Doc<'a>, objs: &[u32]) -> Option<Columns> {
    let mut infos: Vec<PathInfo> = Vec::new();
    // Keyed by (parent path, raw key): no string building per field.
    let mut index = Index { map: HashMap::default(), hints: HashMap::default() };
    for &o in objs {
        if !unique_keys(doc, o) {
            return None;
        }
        discover(doc, o, None, 0, &mut infos, &mut index);
    }
    // A leaf column: not itself flattened, and every ancestor flattened.
    let is_leaf = |i: usize| {
        if infos[i].all_obj {
            return false;
        }
        let mut p = infos[i].parent;
        while let Some(j) = p {
            if !infos[j].all_obj {
                return false;
            }
            p = infos[j].parent;
        }
        true
    };
    let mut col_of = vec![usize::MAX; infos.len()];
    let mut names = Vec::new();
    let mut top_level = Vec::new();
    for i in 0..infos.len() {
        if is_leaf(i) {
            col_of[i] = names.len();
            names.push(infos[i].name.clone());
            top_level.push(infos[i].parent.is_none());
        }
    }
    let mut cells = Vec::with_capacity(objs.len());
    for &o in objs {
        let mut row = vec![None; names.len()];
        fill(doc, o, usize::MAX, &infos, &mut index, &col_of, &mut row);
        cells.push(row);
    }
    Some(Columns { names, cells, top_level })
}

/// Path lookup with a per-parent hint: objects in one array usually repeat the same keys in the same
/// order, so the key at position j is checked against the previous object's key at j before hashing.
struct Index<'a> {
    map: HashMap<(usize, &'a str), usize>,
    hints: HashMap<usize, Vec<(&'a str, usize)>>,
}

impl<'a> Index<'a> {
    fn get(&mut self, parent: usize, j: usize, key: &'a str) -> Option<usize> {
        if let Some(&(k, i)) = self.hints.get(&parent).and_then(|h| h.get(j)) {
            if k == key {
                return Some(i);
            }
        }
        let i = *self.map.get(&(parent, key))?;
        let h = self.hints.entry(parent).or_default();
        if j < h.len() {
            h[j] = (key, i);
        } else if j == h.len() {
            h.push((key, i));
        }
        Some(i)
    }
}

fn discover<'a>(doc: &Doc<'a>, obj: u32, parent: Option<usize>, level: usize, infos: &mut Vec<PathInfo>, index: &mut Index<'a>) {
    let p = parent.unwrap_or(usize::MAX);
    for (j, kid) in doc.kids(obj).iter().enumerate() {
        let key = doc.key(kid);
        let i = match index.get(p, j, key) {
            Some(i) => i,
            None => {
                let name = match parent {
                    Some(p) => format!("{}.{key}", infos[p].name),
                    None => key.to_string(),
                };
                infos.push(PathInfo { name, parent, all_obj: true });
                index.map.insert((p, key), infos.len() - 1);
                infos.len() - 1
            }
        };
        // Bounded by FLAT_MAX, so this recursion never follows input depth.
        if level + 1 < FLAT_MAX && flattenable(doc, kid.node) {
            discover(doc, kid.node, Some(i), level + 1, infos, index);
        } else {
            infos[i].all_obj = false;
        }
    }
}

fn fill<'a>(doc: &Doc<'a>, obj: u32, parent: usize, infos: &[PathInfo], index: &mut Index<'a>, col_of: &[usize], row: &mut [Option<u32>]) {
    for (j, kid) in doc.kids(obj).iter().enumerate() {
        let Some(i) = index.get(parent, j, doc.key(kid)) else { continue };
        if infos[i].all_obj {
            fill(doc, kid.node, i, infos, index, col_of, row);
        } else if let Some(slot) = row.get_mut(col_of[i]) {
            *slot = Some(kid.node);
        }
    }
}
