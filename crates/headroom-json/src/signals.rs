//! Error and failure signals: rows that carry one are always kept (DESIGN.md §3.1).

use crate::rows::{Rows, Val};

const STATUS_COLS: &[&str] = &["status", "status_code", "statuscode", "http_status", "code", "statuscodevalue", "exit_code", "exitcode", "returncode"];
const ERROR_COLS: &[&str] = &["error", "errors", "err", "exception", "failure", "stderr", "error_message", "errormessage"];
const FLAG_COLS: &[&str] = &["is_error", "iserror", "failed", "error", "has_error", "haserror"];
const BAD_WORDS: &[&str] = &[
    "error",
    "errors",
    "failed",
    "failure",
    "fatal",
    "exception",
    "panic",
    "crashed",
    "timeout",
    "timed out",
    "denied",
    "unhealthy",
    "crashloopbackoff",
    "oomkilled",
];

fn last_segment(col: &str) -> String {
    col.rsplit('.').next().unwrap_or(col).trim_matches('"').to_lowercase()
}

/// For each row, whether it signals an error or failure.
pub fn error_rows(rows: &Rows) -> Vec<bool> {
    let names: Vec<String> = rows.cols.iter().map(|c| last_segment(c)).collect();
    rows.cells
        .iter()
        .map(|row| {
            row.iter().zip(&names).any(|(v, name)| {
                let name = name.as_str();
                match v {
                    Val::Num(n) if STATUS_COLS.contains(&name) && name != "code" => {
                        let is_http = (100.0..600.0).contains(n);
                        let is_exit = name.contains("exit") || name == "returncode";
                        (is_http && !(200.0..300.0).contains(n)) || (is_exit && *n != 0.0)
                    }
                    Val::Num(n) if name == "code" => (400.0..600.0).contains(n),
                    Val::Bool(true) => FLAG_COLS.contains(&name),
                    Val::Str(s) if ERROR_COLS.contains(&name) => !s.is_empty(),
                    Val::Other if ERROR_COLS.contains(&name) => true,
                    Val::Str(s) => {
                        let state_col = matches!(name, "level" | "severity" | "status" | "state" | "conclusion" | "result");
                        if s.len() > 40 && !state_col {
                            return false;
                        }
                        let l = s.to_lowercase();
                        (l.len() <= 40 && BAD_WORDS.iter().any(|w| l.strip_prefix(w).is_some_and(|r| r.is_empty() || r.starts_with(':'))))
                            || (state_col && BAD_WORDS.iter().any(|w| l.contains(w)))
                    }
                    _ => false,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_2xx_and_error_fields_are_signals() {
        let rows = Rows {
            cols: vec!["status".into(), "error".into(), "level".into()],
            cells: vec![
                vec![Val::Num(200.0), Val::Null, Val::Str("info".into())],
                vec![Val::Num(503.0), Val::Null, Val::Str("info".into())],
                vec![Val::Num(200.0), Val::Str("boom".into()), Val::Str("info".into())],
                vec![Val::Num(200.0), Val::Null, Val::Str("ERROR".into())],
            ],
            texts: vec![String::new(); 4],
        };
        assert_eq!(error_rows(&rows), vec![false, true, true, true]);
    }
}
