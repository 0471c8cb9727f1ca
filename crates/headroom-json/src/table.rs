//! Columnar tables for arrays of objects and for record maps (see the format in the crate docs).
//! Lossless: every value is rendered (compactly) in its cell; constant columns move to one `#const`
//! line; sparse heterogeneous arrays split into one table per discriminator value, with a `#` column of
//! original positions so order survives. Over budget, rows are selected and the omission announced.

use headroom_marker::Marker;

use crate::columns::{self, Columns};
use crate::crush::{value, Ctx};
use crate::links;
use crate::parse::{Doc, Kind};
use crate::rows::{infer, Rows, Val};
use crate::select::select;
use crate::write::decode;

struct Entry<'a> {
    idx: usize,
    key: Option<&'a str>,
    node: u32,
}

/// An array of at least 3 non-empty objects.
pub fn array(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) -> bool {
    let kids = doc.kids(id);
    if kids.len() < 3 || !kids.iter().all(|k| is_record(doc, k.node)) {
        return false;
    }
    let entries: Vec<Entry> = kids.iter().enumerate().map(|(i, k)| Entry { idx: i, key: None, node: k.node }).collect();
    render(ctx, doc, id, &entries, "items", depth, out, true)
}

/// An object of at least 8 keys whose values are all non-empty objects (an id-, name- or date-keyed map).
pub fn map(ctx: &mut Ctx, doc: &Doc, id: u32, depth: usize, out: &mut String) -> bool {
    let kids = doc.kids(id);
    if kids.len() < 8 || !kids.iter().all(|k| is_record(doc, k.node)) || !columns::unique_keys(doc, id) {
        return false;
    }
    let entries: Vec<Entry> = kids.iter().enumerate().map(|(i, k)| Entry { idx: i, key: Some(doc.key(k)), node: k.node }).collect();
    render(ctx, doc, id, &entries, "entries", depth, out, true)
}

fn is_record(doc: &Doc, id: u32) -> bool {
    let n = doc.node(id);
    n.kind == Kind::Obj && n.kid_len > 0
}

#[allow(clippy::too_many_arguments)]
fn render(ctx: &mut Ctx, doc: &Doc, id: u32, entries: &[Entry], unit: &'static str, depth: usize, out: &mut String, may_group: bool) -> bool {
    let objs: Vec<u32> = entries.iter().map(|e| e.node).collect();
    let Some(cols) = columns::columns(doc, &objs) else { return false };
    let present: usize = cols.cells.iter().map(|r| r.iter().filter(|c| c.is_some()).count()).sum();
    let fill = present as f64 / (cols.cells.len() * cols.names.len()).max(1) as f64;
    if fill < 0.5 && may_group {
        if let Some(d) = discriminator(doc, &cols) {
            return grouped(ctx, doc, id, entries, &cols, d, unit, depth, out);
        }
    }
    if fill < 0.3 {
        return false;
    }
    ctx.step("columnar");
    let total = doc.node(id).kid_len as usize;
    let note = String::new();
    emit(ctx, doc, id, entries, &cols, unit, total, &note, !may_group, depth, out);
    true
}

/// A top-level string column with 2–8 distinct values present in every row, e.g. `type`.
fn discriminator(doc: &Doc, cols: &Columns) -> Option<usize> {
    (0..cols.names.len()).find(|&c| {
        if !cols.top_level[c] {
            return false;
        }
        let mut vals: Vec<&str> = Vec::new();
        for row in &cols.cells {
            match row[c] {
                Some(n) if doc.node(n).kind == Kind::Str && doc.text(n).len() <= 64 => {
                    let t = doc.text(n);
                    if !vals.contains(&t) {
                        vals.push(t);
                        if vals.len() > 8 {
                            return false;
                        }
                    }
                }
                _ => return false,
            }
        }
        vals.len() >= 2
    })
}

#[allow(clippy::too_many_arguments)]
fn grouped(ctx: &mut Ctx, doc: &Doc, id: u32, entries: &[Entry], cols: &Columns, d: usize, unit: &'static str, depth: usize, out: &mut String) -> bool {
    ctx.step("group");
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, row) in cols.cells.iter().enumerate() {
        let v = row[d].map_or("", |n| doc.text(n));
        match groups.iter_mut().find(|g| g.0 == v) {
            Some(g) => g.1.push(i),
            None => groups.push((v, vec![i])),
        }
    }
    let total = entries.len();
    let name = &cols.names[d];
    for (gi, (v, members)) in groups.iter().enumerate() {
        if gi > 0 {
            out.push('\n');
        }
        let sub: Vec<Entry> = members.iter().map(|&i| Entry { idx: entries[i].idx, key: entries[i].key, node: entries[i].node }).collect();
        let objs: Vec<u32> = sub.iter().map(|e| e.node).collect();
        let note = format!(" where \"{name}\"={v}");
        match columns::columns(doc, &objs) {
            Some(c) if sub.len() >= 2 => {
                ctx.step("columnar");
                emit(ctx, doc, id, &sub, &c, unit, total, &note, true, depth, out);
            }
            _ => {
                // A singleton group: a one-row table would only add a header.
                out.push_str(&format!("#{}{note}\n", sub[0].idx));
                value(ctx, doc, sub[0].node, depth + 1, out);
            }
        }
    }
    true
}

/// Renders the table (with selection when over budget).
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &mut Ctx,
    doc: &Doc,
    id: u32,
    entries: &[Entry],
    cols: &Columns,
    unit: &'static str,
    total: usize,
    note: &str,
    with_index: bool,
    depth: usize,
    out: &mut String,
) {
    let n = entries.len();
    let ncol = cols.names.len();
    let seen_before = ctx.budget.filter(|b| n > b.min_rows).map(|_| ctx.seen_long.clone());
    let whole = whole_rows(cols);
    let fields: Vec<Vec<u32>> = (0..ncol).map(|c| cols.cells.iter().filter_map(|r| r[c]).collect()).collect();
    let link_drop = links::droppable(ctx, doc, &fields);
    let dropped_link = |c: usize| link_drop.as_ref().is_some_and(|d| d[c]);
    // Render every cell compactly into one buffer (no allocation per cell); `None` = absent key, a
    // row written whole or a dropped link column.
    let mut buf = String::new();
    let mut spans: Vec<Option<(usize, usize)>> = Vec::with_capacity(n * ncol);
    for (i, row) in cols.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            spans.push(cell.filter(|_| !whole[i] && !dropped_link(c)).map(|node| {
                let start = buf.len();
                value(ctx, doc, node, depth + 1, &mut buf);
                (start, buf.len())
            }));
        }
    }
    let cell = |i: usize, c: usize| spans[i * ncol + c].map(|(s, e)| &buf[s..e]);
    // Constant columns: present with the same text in every row written as cells.
    let celled: Vec<usize> = (0..n).filter(|&i| !whole[i]).collect();
    let constant: Vec<bool> = (0..ncol)
        .map(|c| {
            let first = celled.first().and_then(|&i| cell(i, c));
            celled.len() >= 3 && first.is_some_and(|t| !t.contains('\n')) && celled.iter().all(|&i| cell(i, c) == first)
        })
        .collect();
    let keep_cols: Vec<usize> = (0..ncol).filter(|&c| !constant[c] && !dropped_link(c)).collect();
    let keyed = entries.first().is_some_and(|e| e.key.is_some());
    let render_whole = |ctx: &mut Ctx, i: usize| {
        let mut t = String::new();
        value(ctx, doc, entries[i].node, depth + 1, &mut t);
        join_row(entries[i].key, std::iter::once(t.as_str()))
    };
    let mut lines: Vec<String> =
        (0..n).map(|i| if whole[i] { render_whole(ctx, i) } else { join_row(entries[i].key, keep_cols.iter().map(|&c| cell(i, c).unwrap_or(""))) }).collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let selection = match ctx.budget {
        Some(b) if n > b.min_rows && bytes > b.max_bytes => {
            let rows = Rows {
                cols: keep_cols.iter().map(|&c| cols.names[c].clone()).collect(),
                cells: (0..n).map(|i| keep_cols.iter().map(|&c| cell_val(doc, cols.cells[i][c])).collect()).collect(),
                texts: lines.iter().map(|l| l.to_lowercase()).collect(),
            };
            select(&rows, &b, ctx.query.as_ref())
        }
        _ => None,
    };
    // A long string first rendered in a row selection then dropped was never shown: kept rows that
    // repeat it must carry it, not a marker saying it was shown earlier. Re-render them with the
    // long strings seen before this table only.
    if let (Some(s), Some(before)) = (&selection, seen_before) {
        if ctx.seen_long.len() > before.len() {
            ctx.seen_long = before;
            for i in (0..n).filter(|&i| s.keep[i]) {
                if whole[i] {
                    lines[i] = render_whole(ctx, i);
                    continue;
                }
                let cells: Vec<String> = keep_cols
                    .iter()
                    .map(|&c| {
                        let mut t = String::new();
                        if let Some(node) = cols.cells[i][c] {
                            value(ctx, doc, node, depth + 1, &mut t);
                        }
                        t
                    })
                    .collect();
                lines[i] = join_row(entries[i].key, cells.iter().map(String::as_str));
            }
        }
    }
    let with_index = with_index || selection.is_some();
    // Header.
    let shown = selection.as_ref().map(|s| n - s.dropped.len());
    out.push_str(&format!("#table {n}"));
    if total != n {
        out.push_str(&format!(" of {total}"));
    }
    out.push_str(&format!(" {unit}{note}"));
    if let Some(k) = shown {
        out.push_str(&format!(", showing {k}"));
    }
    out.push_str("; cols ");
    let mut header: Vec<String> = Vec::new();
    if with_index {
        header.push("#".into());
    }
    if keyed {
        header.push("(key)".into());
    }
    header.extend(keep_cols.iter().map(|&c| format!("\"{}\"", cols.names[c])));
    out.push_str(&header.join(","));
    let consts: Vec<String> =
        (0..ncol).filter(|&c| constant[c] && !dropped_link(c)).map(|c| format!("\"{}\":{}", cols.names[c], cell(celled[0], c).unwrap_or(""))).collect();
    if !consts.is_empty() {
        out.push_str("\n#const ");
        out.push_str(&consts.join(","));
    }
    if let Some(d) = &link_drop {
        let m = links::marker(ctx, doc, id, d.iter().filter(|&&x| x).count(), "columns");
        out.push('\n');
        out.push_str(&m);
    }
    // Rows; consecutive identical rows collapse into one with a count.
    let mut i = 0;
    while i < n {
        if selection.as_ref().is_some_and(|s| !s.keep[i]) {
            i += 1;
            continue;
        }
        let mut run = 1;
        while !with_index && i + run < n && lines[i + run] == lines[i] {
            run += 1;
        }
        out.push('\n');
        if with_index {
            out.push_str(&format!("{},", entries[i].idx));
        }
        out.push_str(&lines[i]);
        if run > 1 {
            out.push_str(&format!(" ×{run}"));
        }
        i += run;
    }
    if let Some(s) = selection {
        ctx.step("select");
        let root = ctx.root_original.clone().filter(|_| depth == 0);
        let original = root.as_deref().unwrap_or(doc.text(id));
        let unit_rows = if unit == "entries" { "entries" } else { "items" };
        let m = ctx.marker(original, |k| {
            let mut m = Marker::new(s.dropped.len(), unit_rows, k).of(n).kept(s.kept.clone());
            if !s.summary.is_empty() {
                m = m.dropped(s.summary.clone());
            }
            m
        });
        out.push('\n');
        out.push_str(&m);
    }
    out.push_str("\n#end");
}

/// Rows written whole, as their JSON object: those that leave most columns empty (a summary record
/// among per-file records), when such rows are a minority. Read as cells they would be a run of commas
/// whose positions the reader must count to learn that `232` is `files`.
fn whole_rows(cols: &Columns) -> Vec<bool> {
    let ncol = cols.names.len();
    let sparse: Vec<bool> = cols.cells.iter().map(|r| r.iter().filter(|c| c.is_some()).count() * 2 < ncol).collect();
    let count = sparse.iter().filter(|&&s| s).count();
    if count * 4 <= sparse.len() {
        sparse
    } else {
        vec![false; sparse.len()]
    }
}

/// One table row: the map key (quoted) if any, then the cells, comma-separated.
fn join_row<'a>(key: Option<&str>, cells: impl Iterator<Item = &'a str>) -> String {
    let mut line = String::new();
    if let Some(k) = key {
        line.push('"');
        line.push_str(k);
        line.push('"');
    }
    for (j, c) in cells.enumerate() {
        if j > 0 || key.is_some() {
            line.push(',');
        }
        line.push_str(c);
    }
    line
}

fn cell_val(doc: &Doc, cell: Option<u32>) -> Val {
    let Some(node) = cell else { return Val::Missing };
    let n = doc.node(node);
    match n.kind {
        Kind::Null => Val::Null,
        Kind::Bool => Val::Bool(doc.text(node) == "true"),
        Kind::Num => match infer(doc.text(node)) {
            Val::Num(x) => Val::Num(x),
            _ => Val::Other,
        },
        Kind::Str if n.end - n.start <= 258 => Val::Str(decode(doc.text(node))),
        _ => Val::Other,
    }
}
