//! Headerless quantity listings: each line a quantity (a count or a human size), a tab or spaces, then
//! the item: `du -h` (`188M<TAB>/usr/share/doc`), `wc -l` (`  120 src/a.rs`), `uniq -c`
//! (`     12 GET /api`), `git shortlog -sn`. No header vouches for the columns, so the lines must:
//! the parser reads every line this way (the confidence then counts how many fit), an item never opens
//! with a digit, and quantities that run up line by line are a listing's line numbers or offsets
//! (`cat -n`), not a table's values.

use super::{Format, Parsed, Row};
use crate::rows::{infer, Val};

pub fn parse(lines: &[&str]) -> Option<Parsed> {
    let mut rows = Vec::new();
    let (mut tabs, mut sized) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(split) = t.find([' ', '\t']) else { continue };
        let (qty, rest) = (&t[..split], t[split..].trim());
        // An item that opens with a digit makes the line a run of numbers: a log's date and time, a
        // data record.
        if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) || !is_quantity(qty) {
            continue;
        }
        tabs += usize::from(t[split..].starts_with('\t'));
        sized += usize::from(qty.ends_with(|c: char| c.is_ascii_alphabetic()));
        rows.push(Row { lines: i..i + 1, cells: vec![qty.to_string(), rest.to_string()] });
    }
    let qty = |r: &Row| infer(&r.cells[0]);
    let rising = rows.windows(2).filter(|w| matches!((qty(&w[0]), qty(&w[1])), (Val::Num(a), Val::Num(b)) if b > a)).count();
    if rows.len() < 4 || rising * 10 >= (rows.len() - 1) * 9 {
        return None;
    }
    let format = if tabs * 2 > rows.len() { Format::Tsv } else { Format::Aligned };
    let cols = vec![if sized > 0 { "size" } else { "count" }.to_string(), "item".to_string()];
    Some(Parsed { format, header: None, cols, rows, ruled: false })
}

/// A count (`120`) or a human size (`4.0K`, `188M`, `1.5GiB`); a bare decimal (`0.000123`, strace's
/// relative time) is no quantity.
fn is_quantity(s: &str) -> bool {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits == 0 {
        return false;
    }
    let rest = &s[digits..];
    let unit = rest.strip_prefix('.').map_or(Some(rest), |r| {
        let d = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        (d > 0 && d < r.len()).then(|| &r[d..])
    });
    unit.is_some_and(|u| {
        let u = u.strip_suffix('B').unwrap_or(u);
        let u = u.strip_suffix('i').unwrap_or(u);
        u.is_empty() || (u.len() == 1 && "KMGTPkmgtp".contains(u))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_sizes_lead_the_lines_and_line_numbers_do_not() {
        let du = [
            "4.0K\t/usr/share/file/magic",
            "8.0K\t/usr/share/file",
            "4.0K\t/usr/share/devhelp/books",
            "8.0K\t/usr/share/devhelp",
            "304K\t/usr/share/publicsuffix",
        ];
        let p = parse(&du).unwrap();
        assert_eq!(
            (p.format, p.cols.clone(), p.rows[4].cells.clone()),
            (Format::Tsv, vec!["size".into(), "item".into()], vec!["304K".into(), "/usr/share/publicsuffix".into()])
        );
        let uniq = ["     12 GET /api/items", "      3 POST /api/login", "     40 GET /health", "      1 DELETE /api/items/7"];
        assert_eq!(parse(&uniq).map(|p| (p.format, p.cols[0].clone())), Some((Format::Aligned, "count".into())));
        let cat_n = ["     1\tfn main() {", "     2\t    let x = 1;", "     3\t    println!(\"{x}\");", "     4\t}", "     5\t"];
        assert!(parse(&cat_n).is_none());
        assert!(!is_quantity("0.000123") && !is_quantity("12x") && is_quantity("1.5GiB") && is_quantity("0"));
    }
}
