//! CSV, TSV and markdown tables: the same row selection as JSON tables. Kept rows are copied verbatim
//! (header first), and the marker (unit `rows`) follows them.

use headroom_marker::{Compressed, Marker, Options, Outcome, Skip};

use crate::query::Query;
use crate::rows::{infer, Rows};
use crate::select::{select, Budget};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Markdown,
    Delimited(char),
}

pub fn compress(text: &str, opts: &Options) -> Outcome {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).ok_or_else(|| Skip::new("empty table"))?;
    let header = lines[first];
    let format = if header.trim_start().starts_with('|') && lines.get(first + 1).is_some_and(|l| is_md_separator(l)) {
        Format::Markdown
    } else if header.contains('\t') {
        Format::Delimited('\t')
    } else if header.contains(',') {
        Format::Delimited(',')
    } else {
        return Err(Skip::new("not a table: no delimiter in the header line"));
    };
    let body_start = first + if format == Format::Markdown { 2 } else { 1 };
    let cols: Vec<String> = split(header, format);
    let body: Vec<&str> = lines[body_start..].iter().copied().filter(|l| !l.trim().is_empty()).collect();
    let Some(budget) = Budget::for_profile(opts.profile) else {
        return Err(Skip::new("safe profile: a table has nothing lossless to remove"));
    };
    let cells: Vec<Vec<_>> = body.iter().map(|l| split(l, format).iter().map(|c| infer(c)).collect()).collect();
    let rows = Rows { cols, cells, texts: body.iter().map(|l| l.to_lowercase()).collect() };
    let bytes: usize = body.iter().map(|l| l.len() + 1).sum();
    if rows.len() <= budget.min_rows || bytes <= budget.max_bytes {
        return Err(Skip::new("table within budget"));
    }
    let query = opts.query.as_deref().map(Query::new);
    let Some(sel) = select(&rows, &budget, query.as_ref()) else {
        return Err(Skip::new("nothing worth dropping: most rows are errors, outliers or query matches"));
    };
    let mut stored = Vec::new();
    let key = Compressed::store(&mut stored, text);
    let mut marker = Marker::new(sel.dropped.len(), "rows", key).of(rows.len()).kept(sel.kept.clone());
    if !sel.summary.is_empty() {
        marker = marker.dropped(sel.summary.clone());
    }
    let mut out = String::with_capacity(text.len() / 4);
    for l in &lines[first..body_start] {
        out.push_str(l);
        out.push('\n');
    }
    for (i, l) in body.iter().enumerate() {
        if sel.keep[i] {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push_str(&marker.render(opts.ccr_dir.as_deref()));
    if out.len() >= text.len() {
        return Err(Skip::new("output would not be smaller"));
    }
    Ok(Compressed { text: out, transform: "table:select".into(), stored })
}

fn is_md_separator(l: &str) -> bool {
    let t = l.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Splits one line into cells, honouring double-quoted fields in CSV/TSV.
fn split(line: &str, format: Format) -> Vec<String> {
    match format {
        Format::Markdown => {
            let t = line.trim();
            let t = t.strip_prefix('|').unwrap_or(t);
            let t = t.strip_suffix('|').unwrap_or(t);
            t.split('|').map(|c| c.trim().to_string()).collect()
        }
        Format::Delimited(d) => {
            let mut cells = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cur.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    c if c == d && !quoted => cells.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            cells.push(cur);
            cells
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_header_errors_and_announces_rows() {
        let mut t = String::from("id,status,ms\n");
        for i in 0..600 {
            t.push_str(&format!("{i},{},{}\n", if i == 120 { "error" } else { "ok" }, 10 + i % 7));
        }
        let c = compress(&t, &Options::default()).unwrap();
        let lines: Vec<&str> = c.text.lines().collect();
        assert_eq!(lines[..5], ["id,status,ms", "0,ok,10", "1,ok,11", "2,ok,12", "120,error,11"]);
        assert!(!lines.contains(&"121,ok,12")); // a one-row blip is not a phase change
        let marker = lines.last().unwrap();
        assert!(marker.starts_with("[headroom: omitted 594 rows of 600; kept first 3, last 2, 1 error; dropped status: ok×594, ms: 10–16; key=hr_"), "{marker}");
        assert_eq!(c.stored[0].content, t);
        assert!(split("a,\"b,c\",\"d\"\"e\"", Format::Delimited(',')) == vec!["a", "b,c", "d\"e"]);
    }
}
