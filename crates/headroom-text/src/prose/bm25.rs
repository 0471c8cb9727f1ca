//! BM25 over a document's sections (or a diff's hunks), so the ones that answer the question rank first.
//! Terms are lower-cased alphanumeric runs, camelCase split (`serializeNulls` → `serialize`, `null`),
//! stopwords out, plurals folded (`dependencies` matches `dependency`, `engines` matches `engine`).

use headroom_marker::is_stopword;
use std::collections::HashMap;

const K1: f64 = 1.2;
const B: f64 = 0.75;

pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.len() >= 2 && !is_stopword(cur) {
            out.push(singular(std::mem::take(cur)));
        } else {
            cur.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                flush(&mut cur, &mut out);
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// English plural to singular, only the regular forms: enough for a question's `engine` to meet a
/// document's `engines`, never so much that unrelated words collide.
fn singular(mut w: String) -> String {
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    w
}

/// Each document's score for each query term (the BM25 of a document is the sum of its row). Per-term
/// scores let a caller tell a section that answers a second part of the question from one that repeats
/// the first part.
pub fn term_scores(docs: &[Vec<String>], query: &[String]) -> Vec<Vec<f64>> {
    let n = docs.len() as f64;
    if docs.is_empty() || query.is_empty() {
        return vec![vec![0.0; query.len()]; docs.len()];
    }
    let avgdl = docs.iter().map(|d| d.len()).sum::<usize>() as f64 / n;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        let mut seen: Vec<&str> = d.iter().map(|t| t.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    docs.iter()
        .map(|d| {
            let dl = d.len() as f64;
            query
                .iter()
                .map(|q| {
                    let tf = d.iter().filter(|t| *t == q).count() as f64;
                    if tf == 0.0 {
                        return 0.0;
                    }
                    let dfq = *df.get(q.as_str()).unwrap_or(&0) as f64;
                    let idf = ((n - dfq + 0.5) / (dfq + 0.5) + 1.0).ln();
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / avgdl.max(1.0)))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_camel_case_and_ranks_matches() {
        assert_eq!(terms("GsonBuilder().serializeNulls()"), vec!["gson", "builder", "serialize", "null"]);
        assert_eq!(terms("dependencies engines status"), vec!["dependency", "engine", "status"]);
        let docs = vec![terms("emit nulls with serializeNulls"), terms("versioning with Since"), terms("other text here")];
        let s: Vec<f64> = term_scores(&docs, &terms("how do I emit nulls")).iter().map(|r| r.iter().sum()).collect();
        assert!(s[0] > 0.0 && s[1] == 0.0 && s[2] == 0.0);
    }
}
