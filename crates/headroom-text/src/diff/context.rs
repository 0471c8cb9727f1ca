//! Lines of one hunk body kept around anchors (every changed line, or only the ones a question names):
//! `window` lines on each side of an anchor stay, every longer run becomes one marker that counts the
//! changed lines it holds.

use crate::builder::Builder;
use headroom_marker::Marker;

pub fn is_changed(l: &str) -> bool {
    l.starts_with('+') || l.starts_with('-')
}

/// Keeps anchors and `window` lines around them; a run that is shorter than its marker stays.
pub fn keep_around(b: &mut Builder, body: &[&str], window: usize, anchor: impl Fn(&str) -> bool, why: &str) {
    let n = body.len();
    // Distance to the nearest anchor, two linear passes. A `\ No newline` line sticks to the line above.
    let mut dist = vec![usize::MAX; n];
    let mut last = None;
    for j in 0..n {
        if anchor(body[j]) || (body[j].starts_with('\\') && last == j.checked_sub(1)) {
            last = Some(j);
        }
        if let Some(l) = last {
            dist[j] = j - l;
        }
    }
    last = None;
    for j in (0..n).rev() {
        if anchor(body[j]) {
            last = Some(j);
        }
        if let Some(l) = last {
            dist[j] = dist[j].min(l - j);
        }
    }
    let mut j = 0;
    while j < n {
        if dist[j] <= window {
            b.line(body[j]);
            j += 1;
            continue;
        }
        let s = j;
        while j < n && dist[j] > window {
            j += 1;
        }
        let run = &body[s..j];
        let bytes: usize = run.iter().map(|l| l.len() + 1).sum();
        if bytes <= Builder::marker_cost() {
            for l in run {
                b.line(l);
            }
            continue;
        }
        let adds = run.iter().filter(|l| l.starts_with('+')).count();
        let dels = run.iter().filter(|l| l.starts_with('-')).count();
        let dropped = if adds + dels == 0 { "unchanged context".to_string() } else { format!("+{adds} -{dels} changed lines and their context") };
        b.marker(|key| Marker::new(run.len(), "lines", key).kept(format!("{why}, {window} lines around them")).dropped(dropped));
    }
}

/// Removed and added lines are the same once whitespace is ignored.
pub fn whitespace_only(body: &[&str]) -> bool {
    let squash = |l: &str| -> String { l[1..].chars().filter(|c| !c.is_whitespace()).collect() };
    let mut removed: Vec<String> = body.iter().filter(|l| l.starts_with('-')).map(|l| squash(l)).collect();
    let mut added: Vec<String> = body.iter().filter(|l| l.starts_with('+')).map(|l| squash(l)).collect();
    if removed.is_empty() && added.is_empty() {
        return false;
    }
    removed.sort();
    added.sort();
    removed == added
}
