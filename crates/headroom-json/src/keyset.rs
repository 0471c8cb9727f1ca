//! Trees of keys without values: Kubernetes `managedFields[].fieldsV1`
//! (`{"f:spec":{"f:containers":{"k:{…}":{".":{},…}}}}`), presence sets, schema skeletons. Every leaf is
//! an empty object or array, so the tree only lists field names, often thousands of them. In a tight
//! rendering, unless the question names something inside, it folds into a marker counting its keys.

use headroom_marker::Marker;

use crate::crush::Ctx;
use crate::parse::{Doc, Kind};

/// Smaller trees are cheaper to show than to announce.
const MIN_BYTES: u32 = 256;

/// Appends the marker for a key-only tree at `id`; false (nothing written) for anything else.
pub fn fold(ctx: &mut Ctx, doc: &Doc, id: u32, out: &mut String) -> bool {
    let n = *doc.node(id);
    if n.kind != Kind::Obj || n.end - n.start < MIN_BYTES {
        return false;
    }
    // A subtree's nodes follow it in the arena (the parser pushes them in document order), up to the
    // first node that starts past its end.
    let mut keys = 0;
    for k in doc.nodes[id as usize..].iter().take_while(|k| k.start < n.end) {
        match k.kind {
            Kind::Obj => keys += k.kid_len as usize,
            Kind::Arr => {}
            _ => return false,
        }
    }
    let text = doc.text(id);
    if ctx.query.as_ref().is_some_and(|q| q.mentions(&text.to_lowercase())) {
        return false;
    }
    let m = ctx.marker(text, |k| Marker::new(keys, "entries", k).kept("nothing").dropped("a tree of field names without values"));
    ctx.step("keyset");
    out.push_str(&m);
    true
}
