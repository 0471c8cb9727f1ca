//! JSON Lines / NDJSON: every non-blank line is one JSON value; together they are rendered like one
//! array (so event streams get the same tables, grouping and selection), and a marker's key retrieves
//! the original lines exactly.

use headroom_marker::{Options, Outcome, Skip};

use crate::crush;
use crate::parse;

pub fn compress(text: &str, opts: &Options) -> Outcome {
    let mut joined = String::with_capacity(text.len() + 2);
    joined.push('[');
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // Each line must be one value on its own (`1,2` would silently become two items in the array).
        if let Err(e) = parse::validate(line) {
            return Err(Skip::new(format!("not valid JSON: line {}: {e}", i + 1)));
        }
        if count > 0 {
            joined.push(',');
        }
        joined.push_str(line);
        count += 1;
    }
    joined.push(']');
    if count == 0 {
        return Err(Skip::new("not valid JSON: no JSON lines"));
    }
    let doc = parse::parse(&joined).map_err(|e| Skip::new(format!("not valid JSON: {e}")))?;
    let (out, ctx) = crush::two_pass(opts, |ctx, out| {
        ctx.root_original = Some(text.to_string());
        crush::value(ctx, &doc, doc.root, 0, out);
    });
    crate::finish(text, out, ctx, "jsonl")
}
