//! Text tables (CSV, TSV, pipe and column-aligned tables, see `grid`) through the same row selection
//! as JSON tables. Kept rows are copied as their original lines, frame lines (preamble, header,
//! separators, footer) always; the marker (unit `rows`) follows the last row and its key retrieves the
//! whole input.

use headroom_marker::{Compressed, Marker, Options, Outcome, Skip};

use crate::grid;
use crate::query::Query;
use crate::rows::{infer, Rows};
use crate::select::{select, Budget};

pub fn compress(text: &str, opts: &Options) -> Outcome {
    let g = grid::parse(text).ok_or_else(|| Skip::new("not a table: no header line over rows that fit it"))?;
    let Some(budget) = Budget::for_profile(opts.profile) else {
        return Err(Skip::new("safe profile: a table has nothing lossless to remove"));
    };
    let texts: Vec<String> = g.rows.iter().map(|r| g.row_text(r)).collect();
    let bytes: usize = texts.iter().map(|t| t.len() + 1).sum();
    if g.rows.len() <= budget.min_rows || bytes <= budget.max_bytes {
        return Err(Skip::new("table within budget"));
    }
    let rows = Rows {
        cols: g.cols.clone(),
        cells: g.rows.iter().map(|r| r.cells.iter().map(|c| infer(c)).collect()).collect(),
        texts: texts.iter().map(|t| t.to_lowercase()).collect(),
    };
    let query = opts.query.as_ref().map(|_| Query::new(opts.question()));
    let Some(sel) = select(&rows, &budget, query.as_ref()) else {
        return Err(Skip::new("nothing worth dropping: most rows are errors, outliers or query matches"));
    };
    let mut stored = Vec::new();
    let key = Compressed::store(&mut stored, text);
    let mut marker = Marker::new(sel.dropped.len(), "rows", key).of(rows.len()).kept(sel.kept.clone());
    if !sel.summary.is_empty() {
        marker = marker.dropped(sel.summary.clone());
    }
    // Which row each line belongs to; `None` marks a frame line.
    let mut row_of = vec![None; g.lines.len()];
    for (i, r) in g.rows.iter().enumerate() {
        row_of[r.lines.clone()].iter_mut().for_each(|x| *x = Some(i));
    }
    let last_row_line = g.rows.last().map_or(0, |r| r.lines.end - 1);
    let mut kept: Vec<String> = Vec::new();
    for (li, line) in g.lines.iter().enumerate() {
        if row_of[li].is_none_or(|r| sel.keep[r]) {
            kept.push(line.to_string());
        }
        if li == last_row_line {
            kept.push(marker.render(opts.ccr_dir.as_deref()));
        }
    }
    let mut out = kept.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    if out.len() >= text.len() {
        return Err(Skip::new("output would not be smaller"));
    }
    Ok(Compressed { text: out, transform: format!("table:{}+select", g.format.name()), stored })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_header_errors_extremes_and_announces_rows() {
        let mut t = String::from("id,status,ms\n");
        for i in 0..600 {
            t.push_str(&format!("{i},{},{}\n", if i == 120 { "error" } else { "ok" }, 10 + i % 7));
        }
        let c = compress(&t, &Options::default()).unwrap();
        let lines: Vec<&str> = c.text.lines().collect();
        // Row 6 holds the first maximum of `ms`.
        assert_eq!(lines[..6], ["id,status,ms", "0,ok,10", "1,ok,11", "2,ok,12", "6,ok,16", "120,error,11"]);
        assert!(!lines.contains(&"121,ok,12")); // a one-row blip is not a phase change
        let marker = lines.last().unwrap();
        assert!(
            marker.starts_with("[headroom: omitted 593 rows of 600; kept first 3, last 2, 1 error, 1 extreme; dropped status: ok×593, ms: 10–16; key=hr_"),
            "{marker}"
        );
        assert_eq!(c.stored[0].content, t);
        assert_eq!(c.transform, "table:csv+select");
    }

    #[test]
    fn df_h_largest_and_fullest_filesystems_are_extremes() {
        let text = include_str!("../tests/fixtures/df_h.txt");
        let g = crate::grid::parse(text).unwrap();
        assert_eq!(g.cols, ["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"]);
        let rows = Rows {
            cols: g.cols.clone(),
            cells: g.rows.iter().map(|r| r.cells.iter().map(|c| infer(c)).collect()).collect(),
            texts: vec![String::new(); g.rows.len()],
        };
        let flagged: Vec<String> = crate::stats::extreme_rows(&rows).iter().zip(&g.rows).filter(|p| *p.0).map(|p| g.row_text(p.1)).collect();
        // 252G is the largest size and 16% the fullest disk: one row.
        assert!(flagged.contains(&"/dev/vda                 252G   15G   77G  16% /".to_string()), "{flagged:?}");
    }
}
