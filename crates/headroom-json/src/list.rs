//! Large arrays of scalars and large maps of scalars (a registry's `time` map keyed by version, tag
//! lists). They stay in JSON form (`"4.17.1":"2024-…"`, so `key: value` facts survive) and, over budget,
//! keep the selected entries followed by the marker for the rest.

use headroom_marker::Marker;

use crate::crush::Ctx;
use crate::parse::{Doc, Kind};
use crate::rows::{infer, Rows, Val};
use crate::select::select;
use crate::write::decode;

pub fn list(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) -> bool {
    let Some(b) = ctx.budget else { return false };
    let is_obj = doc.node(id).kind == Kind::Obj;
    let kids = doc.kids(id);
    let n = kids.len();
    if n <= b.min_rows || kids.iter().any(|k| matches!(doc.node(k.node).kind, Kind::Arr | Kind::Obj)) {
        return false;
    }
    let lines: Vec<String> =
        kids.iter().map(|k| if is_obj { format!("\"{}\":{}", doc.key(k), doc.text(k.node)) } else { doc.text(k.node).to_string() }).collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    if bytes <= b.max_bytes {
        return false;
    }
    let val = |node: u32| match doc.node(node).kind {
        Kind::Str => Val::Str(decode(doc.text(node))),
        _ => infer(doc.text(node)),
    };
    let rows = Rows {
        cols: if is_obj { vec!["(key)".into(), "value".into()] } else { vec!["value".into()] },
        cells: kids.iter().map(|k| if is_obj { vec![Val::Str(decode(&format!("\"{}\"", doc.key(k)))), val(k.node)] } else { vec![val(k.node)] }).collect(),
        texts: lines.iter().map(|l| l.to_lowercase()).collect(),
    };
    let Some(s) = select(&rows, &b, ctx.query.as_ref()) else { return false };
    ctx.step("select");
    let unit = if is_obj { "entries" } else { "items" };
    out.push(if is_obj { '{' } else { '[' });
    for (i, line) in lines.iter().enumerate() {
        if s.keep[i] {
            out.push_str(line);
            out.push(',');
        }
    }
    let root = ctx.root_original.clone().filter(|_| depth == 0);
    let original = root.as_deref().unwrap_or(doc.text(id));
    let m = ctx.marker(original, |k| {
        let m = Marker::new(s.dropped.len(), unit, k).of(n).kept(s.kept.clone());
        if s.summary.is_empty() {
            m
        } else {
            m.dropped(s.summary.clone())
        }
    });
    out.push_str(&m);
    out.push(if is_obj { '}' } else { ']' });
    true
}
