//! Prose: markdown, reStructuredText, man pages, `--help` text and plain documents. Extractive and
//! query-aware at section granularity, so words are never merged and line breaks never lost. The outline
//! (every heading) stays; the sections (or man-page option entries, or rows of a list without blank
//! lines) that answer the question stay whole, code included, and so do lines naming its identifiers
//! and table rows with a rare value; the others
//! keep the first sentence of each paragraph while a skeleton budget lasts (best matches first), then
//! only their lead sentence. The rest of the folded sections (later sentences, code blocks) goes behind
//! one marker per run of them.

mod blocks;
pub(crate) mod bm25;
mod entries;
mod fold;
mod keys;
mod sections;
mod sentence;
mod table;

use crate::builder::Builder;
use crate::util;
use blocks::{Block, Kind};
use fold::{Detail, Fold};
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};
use sections::Ranking;
use std::ops::Range;

/// Below this a document costs fewer tokens than the agent would spend fetching what was folded.
const MIN_BYTES: usize = 2048;

/// A run of folded sections gets its marker once it has dropped this much (about four markers), or
/// this share of a long document: a list of thousands of short rows would otherwise pay a marker for
/// every few rows it drops.
const RUN_BYTES: usize = 400;
const RUN_SHARE: usize = 50;

pub fn compress_prose(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: prose compression drops sentences"));
    }
    if text.len() < MIN_BYTES {
        return Err(Skip::new(format!("only {} bytes of prose", text.len())));
    }
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    let lines = util::split_lines(text);
    let blocks = blocks::split(&lines);
    let units = sections::units(&blocks, &lines);
    let texts: Vec<&str> = units.iter().map(|u| span(text, &lines, blocks[u.start].start..blocks[u.end - 1].end)).collect();
    // Shares of the document: for the sections that answer the question, then for the first
    // sentences of the others.
    let (whole, skeleton) = if opts.profile == Profile::Aggressive { (8, 12) } else { (4, 6) };
    // A heading names its section, and an entry's first line (`--timeout=SECONDS`) its entry.
    let titles: Vec<&str> = units
        .iter()
        .map(|u| match blocks[u.start].kind {
            Kind::Heading => span(text, &lines, blocks[u.start].start..blocks[u.start].end),
            Kind::Entry => lines[blocks[u.start].start],
            _ => "",
        })
        .collect();
    let entries: Vec<bool> = units.iter().map(|u| matches!(blocks[u.start].kind, Kind::Entry | Kind::Row)).collect();
    let ranking = sections::rank(&texts, &titles, &entries, opts.query.as_deref(), text.len() / whole);
    let keys = keys::mark(&lines, opts.question());
    let detail = details(&lines, &blocks, &units, &ranking, &keys, text.len() / skeleton);
    render(text, opts, &lines, &blocks, &units, &detail, &keys)
}

/// Whole for the question's units; for the others, the first sentence of every paragraph while the
/// skeleton budget lasts (best matches first, then in document order), else the lead sentence only.
fn details(lines: &[&str], blocks: &[Block], units: &[Range<usize>], ranking: &Ranking, keys: &[bool], budget: usize) -> Vec<Detail> {
    let mut detail: Vec<Detail> = ranking.whole.iter().map(|&w| if w { Detail::Whole } else { Detail::Lead }).collect();
    // A row of a list stays whole when it answers or names what the question names, else it goes
    // entirely: its first sentence would be the row itself, and a list of a thousand rows has no
    // skeleton worth its bytes.
    for (u, d) in detail.iter_mut().enumerate() {
        let row = blocks[units[u].start].kind == Kind::Row;
        if row && !ranking.whole[u] {
            let named = keys[blocks[units[u].start].start..blocks[units[u].end - 1].end].iter().any(|&k| k);
            *d = if named { Detail::Whole } else { Detail::Drop };
        }
    }
    let mut order: Vec<usize> = (0..units.len()).filter(|&u| detail[u] == Detail::Lead).collect();
    order.sort_by(|a, b| ranking.score[*b].total_cmp(&ranking.score[*a]).then(a.cmp(b)));
    let mut used = 0;
    for u in order {
        let mut cursor = blocks[units[u].start].start;
        let mut f = Fold::default();
        f.add(lines, blocks, keys, units[u].clone(), Detail::Sentences, &mut cursor);
        if used + f.kept_bytes() <= budget {
            used += f.kept_bytes();
            detail[u] = Detail::Sentences;
        }
    }
    detail
}

/// The document's own text of a line range, line breaks included.
fn span<'a>(text: &'a str, lines: &[&'a str], range: Range<usize>) -> &'a str {
    let first = lines[range.start];
    let last = lines[range.end - 1];
    let from = first.as_ptr() as usize - text.as_ptr() as usize;
    let to = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
    &text[from..to]
}

fn render(original: &str, opts: &Options, lines: &[&str], blocks: &[Block], units: &[Range<usize>], detail: &[Detail], keys: &[bool]) -> Outcome {
    let mut b = Builder::new(original, opts);
    let run_bytes = RUN_BYTES.max(original.len() / RUN_SHARE);
    let mut cursor = 0;
    let mut u = 0;
    while u < units.len() {
        if detail[u] == Detail::Whole {
            let end = blocks[units[u].end - 1].end;
            for l in &lines[cursor..end] {
                b.line(l);
            }
            cursor = end;
            u += 1;
            continue;
        }
        // A run of folded units (sections, or paragraphs when there are no headings) shares one marker,
        // placed once the run has dropped enough to be worth announcing: a marker per two-line section
        // would cost more than it saves.
        let run_start = cursor;
        let mut fold = Fold::default();
        loop {
            fold.add(lines, blocks, keys, units[u].clone(), detail[u], &mut cursor);
            u += 1;
            if u == units.len() || detail[u] == Detail::Whole || fold.dropped_bytes >= run_bytes {
                break;
            }
        }
        if fold.omitted() == 0 || fold.dropped_bytes <= Builder::marker_cost() {
            // Folding would not pay for its marker: the run as it was.
            for l in &lines[run_start..cursor] {
                b.line(l);
            }
            continue;
        }
        for l in &fold.out {
            b.line(l);
        }
        let (from, to) = (fold.first_line.unwrap_or(run_start) + 1, fold.last_line);
        // Short fields: a long document has one of these per section.
        b.marker(|key| {
            let mut m = Marker::new(fold.omitted(), "paragraphs", key).of(fold.blocks);
            let lead = fold.blocks - fold.omitted() + fold.shortened;
            if lead > 0 {
                m = m.kept(format!("{lead} first sentences"));
            }
            let code = if fold.dropped_code > 0 { format!(" ({} code blocks)", fold.dropped_code) } else { String::new() };
            m.dropped(format!("rest of lines {from}..{to}{code}"))
        });
    }
    for l in &lines[cursor..] {
        b.line(l);
    }
    b.finish("prose:sections")
}
