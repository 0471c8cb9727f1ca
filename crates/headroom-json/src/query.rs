//! Matching rows against the user's question: BM25 over word tokens, plus exact matches of the
//! "specific" tokens a question names (ids, numbers, versions, hostnames, paths, quoted strings), which
//! BM25 alone would under-weight when they are rare in the question but decisive in the data.

pub struct Query {
    words: Vec<String>,
    exact: Vec<String>,
}

const TOP_WORDS: &[&str] = &["most", "largest", "biggest", "highest", "top", "max", "maximum", "heaviest", "slowest", "longest", "greatest", "busiest"];
const BOTTOM_WORDS: &[&str] = &["least", "lowest", "smallest", "fewest", "min", "minimum", "bottom", "shortest", "cheapest"];

impl Query {
    /// The rows' view of the question, from the one parse every compressor shares: its words and
    /// numbers for BM25, and its exact tokens (identifiers with digits or structure such as `4.17.1`,
    /// `no-unsafe-x`, `a/b/c`, and quoted strings) for whole-word matches.
    pub fn new(q: &headroom_marker::Query) -> Query {
        let names = q.names.iter().map(|n| n.text.to_lowercase());
        let mut ws: Vec<String> = names.chain(q.numbers.iter().cloned()).filter(|w| w.len() > 1 && !headroom_marker::is_stopword(w)).collect();
        ws.sort();
        ws.dedup();
        let quoted = q.phrases.iter().map(|p| p.trim()).filter(|p| p.len() >= 2 && p.len() <= 200);
        // A camelCase word alone (`GitHub`) is a name, not an id: it would hold every string that mentions it.
        // Hyphenated words (`no-unsafe-optional-chaining`, a rule or package name) are exact here too.
        let hyphenated = q.words.iter().map(String::as_str).filter(|w| w.contains('-'));
        let specific = q
            .idents
            .iter()
            .map(String::as_str)
            .filter(|t| t.bytes().any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'-' | b'_' | b'@' | b'=')))
            .chain(hyphenated);
        let mut exact: Vec<String> = quoted.chain(specific).map(str::to_lowercase).collect();
        exact.sort();
        exact.dedup();
        Query { words: ws, exact }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.exact.is_empty()
    }

    /// Whether a whole cell is a word or token of the question ("which OpenSSL version": the package
    /// `openssl`, not `python3-openssl`).
    pub fn names(&self, cell: &str) -> bool {
        let same = |t: &String| t.len() == cell.len() && t.eq_ignore_ascii_case(cell);
        self.words.iter().any(same) || self.exact.iter().any(same)
    }

    /// Which end of a ranking the question asks for: `(top, bottom)` ("the most space", "bottom out").
    pub fn ranking(&self) -> (bool, bool) {
        let asks = |ws: &[&str]| self.words.iter().any(|w| ws.contains(&w.as_str()));
        (asks(TOP_WORDS), asks(BOTTOM_WORDS))
    }

    /// Whether a (lower-cased) text contains a specific token of the question as a whole word.
    pub fn mentions(&self, lower: &str) -> bool {
        self.exact.iter().any(|e| contains_word(lower, e))
    }

    /// Rows (or lines) matching the question: those holding a specific token, and the `top` best by
    /// BM25 among those scoring at least half the best.
    pub fn hits(&self, lower_texts: &[String], top: usize) -> Vec<bool> {
        let mut hits = self.exact_hits(lower_texts);
        let scores = self.bm25(lower_texts);
        let max = scores.iter().copied().fold(0.0, f64::max);
        if max > 0.0 {
            let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] >= max * 0.5).collect();
            order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            for &i in order.iter().take(top) {
                hits[i] = true;
            }
        }
        hits
    }

    /// Rows that contain a specific token of the question as a whole word. A token in most rows (the
    /// `/usr/share` of "which directories under /usr/share") describes the whole input and picks none.
    pub fn exact_hits(&self, lower_texts: &[String]) -> Vec<bool> {
        let mut out = vec![false; lower_texts.len()];
        for e in &self.exact {
            let hits: Vec<bool> = lower_texts.iter().map(|t| contains_word(t, e)).collect();
            if hits.iter().filter(|&&h| h).count() * 2 <= lower_texts.len().max(1) {
                out.iter_mut().zip(hits).for_each(|(o, h)| *o |= h);
            }
        }
        out
    }

    /// BM25 scores (k1 = 1.2, b = 0.75) of each row text against the question's words. A word in most
    /// rows (`usr` and `share` in `du /usr/share`) scores nothing: it would only rank short rows first.
    pub fn bm25(&self, lower_texts: &[String]) -> Vec<f64> {
        let n = lower_texts.len() as f64;
        // Term frequencies per row as a small vector indexed like `self.words` (no map per row).
        let nw = self.words.len();
        let mut tf: Vec<Vec<u32>> = Vec::with_capacity(lower_texts.len());
        let mut lens = Vec::with_capacity(lower_texts.len());
        let mut df = vec![0u32; nw];
        for t in lower_texts {
            let mut m = vec![0u32; nw];
            let mut len = 0;
            for w in t.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
                len += 1;
                // A handful of query words: a length-first linear scan beats hashing or binary search.
                if let Some(q) = self.words.iter().position(|q| q.len() == w.len() && q == w) {
                    m[q] += 1;
                }
            }
            for (d, &f) in df.iter_mut().zip(&m) {
                *d += u32::from(f > 0);
            }
            tf.push(m);
            lens.push(len as f64);
        }
        let avg = (lens.iter().sum::<f64>() / n.max(1.0)).max(1.0);
        tf.iter()
            .zip(&lens)
            .map(|(m, &len)| {
                m.iter()
                    .zip(&df)
                    .filter(|(&f, &d)| f > 0 && f64::from(d) * 2.0 <= n)
                    .map(|(&f, &d)| {
                        let d = f64::from(d);
                        let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                        let f = f64::from(f);
                        idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * len / avg))
                    })
                    .sum()
            })
            .collect()
    }
}

/// `needle` occurs in `hay` not glued to other letters or digits on either side.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let hb = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before_ok = s == 0 || !hb[s - 1].is_ascii_alphanumeric();
        let after_ok = e >= hb.len() || !hb[e].is_ascii_alphanumeric();
        if before_ok && after_ok {
            return true;
        }
        from = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specific_tokens_match_exactly() {
        let q = Query::new(&headroom_marker::Query::parse(Some("when was 4.17.1 published, and is there a rule for no-unsafe-optional-chaining?")));
        let rows = vec!["4.17.10".to_string(), "x 4.17.1 y".to_string(), "no-unsafe-optional-chaining.js".to_string()];
        assert_eq!(q.exact_hits(&rows), vec![false, true, true]);
    }

    #[test]
    fn bm25_prefers_rare_terms_and_ignores_ubiquitous_ones() {
        let q = Query::new(&headroom_marker::Query::parse(Some("how does the linter expose getScope")));
        let rows: Vec<String> = ["rules getscope", "rules getscope", "linter getscope", "rules getscope"].map(String::from).to_vec();
        let s = q.bm25(&rows);
        assert!(s[2] > 0.0 && s[0] == 0.0, "{s:?}");
        let rows: Vec<String> = ["rules getscope", "linter", "linter getscope", "rules"].map(String::from).to_vec();
        let s = q.bm25(&rows);
        assert!(s[2] > s[0] && s[0] > 0.0, "{s:?}");
    }
}
