//! SmartCrusher: compresses JSON documents, JSON Lines and text tables (CSV/TSV, markdown and psql,
//! column-aligned CLI output) for a model to read.
//!
//! Lossless first: minify; render arrays of objects (and maps whose values are objects) as columnar
//! tables; factor out constant columns; split heterogeneous arrays by a discriminator; unpack JSON
//! embedded in strings. Only over the profile's budget (never in `Profile::Safe`) are rows selected,
//! and every omission is announced in place with the one [`headroom_marker::Marker`], whose key
//! retrieves the exact original (sub)array.
//!
//! # The output format
//!
//! Outside tables the output is minified JSON, with every scalar copied exactly as written (big integers,
//! `1E400`, escapes, duplicate keys in order). A table replaces an array or map value:
//!
//! ```text
//! #table 1000 items, showing 7; cols #,"id","status","meta.host"
//! #const "region":"eu-1"
//! 0,1,"ok","a.example"
//! 500,501,"error","b.example"
//! [headroom: omitted 993 items of 1000; kept first 3, …; dropped status: ok×993; key=hr_…]
//! #end
//! ```
//!
//! - `#table <n> <items|entries>[ of <total>][ where "<col>"=<value>][, showing <k>]; cols <names>`: the
//!   header. Column names are JSON keys; `a.b` means key `b` of the object under key `a` (nested objects
//!   are flattened only when unambiguous). `#` is the original position, `(key)` the map key.
//! - `#const "<col>":<value>,…`: columns with the same value in every row written as cells, stated once.
//! - One line per row: the cells as JSON literals separated by `,`, in header order; an empty cell means
//!   the key is absent in that item. A nested value is rendered the same way (it may be a nested table).
//!   A row that leaves most columns empty (a summary record among many alike) is written whole instead,
//!   as its JSON object after the `#` position, so its values keep their key names.
//!   A row followed by ` ×<n>` stands for n identical consecutive rows.
//! - `#end` closes the table. A heterogeneous array becomes one table per discriminator value.
//! - `#json-string` … `#end`: a string that held a JSON document, rendered the same way.
//! - Large scalar maps/arrays stay JSON (`{"k":v,…}`) and end with the marker when entries were dropped.

mod columns;
mod crush;
mod excerpt;
mod grid;
mod hash;
mod jsonl;
mod keyset;
mod links;
mod list;
mod named;
mod parse;
mod query;
mod rank;
mod rows;
mod select;
mod signals;
mod sniff;
mod stats;
mod stream;
mod table;
mod text_table;
mod versions;
mod write;

pub use sniff::{sniff_table, TableSniff};

use headroom_marker::{Compressed, Options, Outcome, Skip};

/// Compresses one JSON document, or a stream of them (see `stream`).
pub fn compress_json(text: &str, opts: &Options) -> Outcome {
    let doc = match parse::parse(text) {
        Ok(doc) => doc,
        Err(e) => return stream::compress(text, opts).map_err(|_| Skip::new(format!("not valid JSON: {e}"))),
    };
    let (out, ctx) = crush::two_pass(opts, |ctx, out| crush::value(ctx, &doc, doc.root, 0, out));
    finish(text, out, ctx, "json")
}

fn finish(input: &str, out: String, ctx: crush::Ctx, kind: &str) -> Outcome {
    if out.len() >= input.len() {
        return Err(Skip::new("output would not be smaller"));
    }
    let transform = ctx.transform(kind);
    // A marker inside a row that selection later dropped is gone from the text; so is the need to
    // store its original (the enclosing original, which is stored, contains it).
    let mut stored = ctx.stored;
    stored.retain(|s| out.contains(&s.key));
    Ok(Compressed { text: out, transform, stored })
}

/// Compresses NDJSON / JSON Lines: the lines become the items of one array.
pub fn compress_jsonl(text: &str, opts: &Options) -> Outcome {
    jsonl::compress(text, opts)
}

/// Compresses a text table (CSV, TSV, markdown/psql/box, column-aligned CLI output) with the same row
/// selection, keeping rows as their original lines.
pub fn compress_table(text: &str, opts: &Options) -> Outcome {
    text_table::compress(text, opts)
}
