//! Link fields: hypermedia URLs an API attaches to every resource (GitHub's `forks_url`, `keys_url`,
//! `followers_url`… on each repository, issue and user; HAL and JSON:API links). They are derivable,
//! navigational and rarely the fact asked for, yet they are often most of a response's tokens. In a
//! tight rendering an object (or a table) with several keeps its first link and those the question
//! names; the others fold into one marker per object (or table) whose key stores the original.

use headroom_marker::Marker;

use crate::crush::Ctx;
use crate::parse::{Doc, Kind};
use crate::write::decode;

/// Fewer links than this are left alone: a marker would cost about as much.
const MIN_LINKS: usize = 4;

fn is_url(doc: &Doc, node: u32) -> bool {
    doc.node(node).kind == Kind::Str && {
        let t = doc.text(node);
        t.starts_with("\"https://") || t.starts_with("\"http://")
    }
}

/// Which of `fields` (each the cells of one field: one node for an object member, a column's cells
/// for a table) are links to drop: all present values URLs, not the first such field, not named by
/// the question. `None` when there are too few links to bother.
pub fn droppable(ctx: &Ctx, doc: &Doc, fields: &[Vec<u32>]) -> Option<Vec<bool>> {
    if !ctx.tight {
        return None;
    }
    let links: Vec<usize> = (0..fields.len()).filter(|&f| !fields[f].is_empty() && fields[f].iter().all(|&n| is_url(doc, n))).collect();
    if links.len() < MIN_LINKS {
        return None;
    }
    let mut drop = vec![false; fields.len()];
    for &f in &links[1..] {
        let asked = ctx.query.as_ref().is_some_and(|q| fields[f].iter().any(|&n| q.mentions(&decode(doc.text(n)).to_lowercase())));
        drop[f] = !asked;
    }
    Some(drop)
}

/// The marker for `count` dropped link fields (`unit`: entries of an object, columns of a table) of
/// the container `id`.
pub fn marker(ctx: &mut Ctx, doc: &Doc, id: u32, count: usize, unit: &'static str) -> String {
    ctx.step("links");
    ctx.marker(doc.text(id), |k| Marker::new(count, unit, k).kept("first link and links the question names").dropped("URL fields"))
}
