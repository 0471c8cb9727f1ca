//! The walk: renders a parsed document compactly, choosing per node between plain minified JSON, a
//! columnar table (arrays of objects, record maps), a selected list (large scalar arrays and maps), and
//! string handling (embedded JSON, repeated long strings, base64 blobs).
//!
//! Recursion follows the *compression* structure and is capped at `MAX_DEPTH`; anything deeper is
//! minified iteratively, so a 10,000-level document cannot overflow the stack.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use headroom_marker::{Compressed, Marker, Options, Stored};

use crate::parse::{self, Doc, Kind};
use crate::query::Query;
use crate::select::Budget;
use crate::write::{decode, minify};
use crate::{excerpt, keyset, links, list, table};

pub const MAX_DEPTH: usize = 48;
/// Strings shorter than this are always copied as they are.
const LONG: usize = 512;
/// Embedded JSON documents shorter than this are not worth unpacking.
const EMBEDDED_MIN: usize = 1024;

pub struct Ctx<'o> {
    pub opts: &'o Options,
    pub budget: Option<Budget>,
    pub query: Option<Query>,
    pub stored: Vec<Stored>,
    /// For JSON Lines: the original text, stored instead of the synthetic root array.
    pub root_original: Option<String>,
    /// Hashes of the long strings rendered so far (see `string`).
    pub seen_long: HashSet<u64>,
    /// Set for the second rendering of a document whose lossless one stayed over
    /// `Budget::max_doc_bytes`: long strings become excerpts, link fields and key-only trees fold.
    pub tight: bool,
    steps: Vec<&'static str>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o Options) -> Ctx<'o> {
        Ctx {
            opts,
            budget: Budget::for_profile(opts.profile),
            query: Some(Query::new(opts.question())).filter(|q| !q.is_empty()),
            stored: Vec::new(),
            root_original: None,
            seen_long: HashSet::new(),
            tight: false,
            steps: Vec::new(),
        }
    }

    pub fn step(&mut self, s: &'static str) {
        if !self.steps.contains(&s) {
            self.steps.push(s);
        }
    }

    /// `kind:step+step`, steps in a fixed order so the transform string is deterministic.
    pub fn transform(&self, kind: &str) -> String {
        let order = ["minify", "columnar", "group", "embedded", "dedup", "select", "blob", "excerpt", "links", "keyset"];
        let steps: Vec<&str> = order.iter().copied().filter(|s| *s == "minify" || self.steps.contains(s)).collect();
        format!("{kind}:{}", steps.join("+"))
    }

    /// Stores `original` and renders the marker announcing its omission.
    pub fn marker(&mut self, original: &str, m: impl FnOnce(String) -> Marker) -> String {
        let key = Compressed::store(&mut self.stored, original);
        m(key).render(self.opts.ccr_dir.as_deref())
    }
}

/// Renders a document (or a stream of them) with `render`: losslessly first, then, when that stays
/// over the budget's `max_doc_bytes`, again with `tight` set.
pub fn two_pass<'o>(opts: &'o Options, render: impl Fn(&mut Ctx<'o>, &mut String)) -> (String, Ctx<'o>) {
    let pass = |tight: bool| {
        let mut ctx = Ctx::new(opts);
        ctx.tight = tight;
        let mut out = String::new();
        render(&mut ctx, &mut out);
        (out, ctx)
    };
    let (out, ctx) = pass(false);
    match ctx.budget {
        Some(b) if out.len() > b.max_doc_bytes => pass(true),
        _ => (out, ctx),
    }
}

/// Appends the compact rendering of node `id`.
pub fn value(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) {
    if depth >= MAX_DEPTH {
        minify(doc, id, out);
        return;
    }
    let n = *doc.node(id);
    match n.kind {
        Kind::Str => string(ctx, doc, id, depth, out),
        Kind::Arr => {
            if !(table::array(ctx, doc, id, depth, out) || list::list(ctx, doc, id, depth, out)) {
                generic(ctx, doc, id, depth, out);
            }
        }
        Kind::Obj => {
            if ctx.tight && keyset::fold(ctx, doc, id, out) {
                return;
            }
            if !(table::map(ctx, doc, id, depth, out) || list::list(ctx, doc, id, depth, out)) {
                generic(ctx, doc, id, depth, out);
            }
        }
        _ => out.push_str(doc.text(id)),
    }
}

/// Minified container whose children are rendered compactly (an object's surplus link fields folded).
fn generic(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) {
    let is_obj = doc.node(id).kind == Kind::Obj;
    let kids = doc.kids(id);
    let fields: Vec<Vec<u32>> = kids.iter().map(|k| vec![k.node]).collect();
    let drop = if is_obj { links::droppable(ctx, doc, &fields) } else { None };
    out.push(if is_obj { '{' } else { '[' });
    let mut first = true;
    for (i, kid) in kids.iter().enumerate() {
        if drop.as_ref().is_some_and(|d| d[i]) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        if is_obj {
            out.push('"');
            out.push_str(doc.key(kid));
            out.push_str("\":");
        }
        value(ctx, doc, kid.node, depth + 1, out);
    }
    if let Some(d) = drop {
        let m = links::marker(ctx, doc, id, d.iter().filter(|&&x| x).count(), "entries");
        out.push(',');
        out.push_str(&m);
    }
    out.push(if is_obj { '}' } else { ']' });
}

fn string(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) {
    let raw = doc.text(id);
    if raw.len() < LONG {
        out.push_str(raw);
        return;
    }
    let lossy = ctx.budget.is_some();
    let mut h = DefaultHasher::new();
    raw.hash(&mut h);
    if !ctx.seen_long.insert(h.finish()) && lossy {
        // The exact same long text was already rendered above: say so instead of repeating it.
        let m = ctx.marker(&decode(raw), |k| Marker::new(raw.len(), "bytes", k).kept("nothing, identical to a string shown earlier"));
        ctx.step("dedup");
        out.push_str(&m);
        return;
    }
    let text = decode(raw);
    let t = text.trim_start();
    if text.len() >= EMBEDDED_MIN && (t.starts_with('{') || t.starts_with('[')) {
        if let Ok(inner) = parse::parse(&text) {
            let mut s = String::new();
            value(ctx, &inner, inner.root, depth + 1, &mut s);
            if s.len() < raw.len() {
                ctx.step("embedded");
                out.push_str("#json-string\n");
                out.push_str(&s);
                out.push_str("\n#end");
                return;
            }
        }
    }
    if lossy && is_blob(&text) {
        let head: String = text.chars().take(32).collect();
        let m = ctx.marker(&text, |k| Marker::new(text.len(), "bytes", k).kept(format!("first 32 bytes {head}")).dropped("base64-like blob"));
        ctx.step("blob");
        out.push_str(&m);
        return;
    }
    if ctx.tight && text.len() >= excerpt::MIN && excerpt::excerpt(ctx, &text, out) {
        return;
    }
    out.push_str(raw);
}

/// Long runs of base64/hex alphabet with no spaces: payloads a model cannot read.
fn is_blob(s: &str) -> bool {
    let body = s.strip_prefix("data:").map_or(s, |r| r.split_once(',').map_or(r, |p| p.1));
    body.len() >= 1024 && body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
}
