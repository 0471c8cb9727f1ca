//! Minified, byte-faithful rendering of a parsed subtree, and decoding of string literals.
//!
//! Minifying is the first lossless step: it drops only insignificant whitespace. Scalars are copied from
//! the source untouched, so numbers and escapes stay exactly as written. Iterative, so any depth is fine.

use crate::parse::{Doc, Kind};

/// Appends the minified text of node `id` to `out`.
pub fn minify(doc: &Doc, id: u32, out: &mut String) {
    // (node, index of the next child to write)
    let mut stack: Vec<(u32, u32)> = vec![(id, 0)];
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        let n = doc.node(node);
        match n.kind {
            Kind::Arr | Kind::Obj => {
                let is_obj = n.kind == Kind::Obj;
                if *next == 0 {
                    out.push(if is_obj { '{' } else { '[' });
                }
                if *next == n.kid_len {
                    out.push(if is_obj { '}' } else { ']' });
                    stack.pop();
                    continue;
                }
                if *next > 0 {
                    out.push(',');
                }
                let kid = doc.kids[(n.kid_start + *next) as usize];
                *next += 1;
                if is_obj {
                    out.push('"');
                    out.push_str(doc.key(&kid));
                    out.push_str("\":");
                }
                stack.push((kid.node, 0));
            }
            _ => {
                out.push_str(doc.text(node));
                stack.pop();
            }
        }
    }
}

#[cfg(test)]
pub fn minified(doc: &Doc, id: u32) -> String {
    let mut s = String::new();
    minify(doc, id, &mut s);
    s
}

/// Decodes a JSON string literal (with its quotes). Invalid surrogates become U+FFFD.
pub fn decode(lit: &str) -> String {
    let inner = lit.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(lit);
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex4(&mut chars);
                let cp = if (0xD800..0xDC00).contains(&hi) {
                    let rest = chars.as_str();
                    if rest.starts_with("\\u") {
                        chars.next();
                        chars.next();
                        let lo = hex4(&mut chars);
                        if (0xDC00..0xE000).contains(&lo) {
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            0xFFFD
                        }
                    } else {
                        0xFFFD
                    }
                } else {
                    hi
                };
                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Encodes `s` as a JSON string literal (with its quotes), escaping only what JSON requires.
pub fn encode(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn hex4(chars: &mut std::str::Chars) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn minify_is_byte_faithful() {
        let d = parse("{ \"a\" : [ 1.50 , -0E+2, \"\\u00e9 x\" ], \"a\": {} }").unwrap();
        assert_eq!(minified(&d, d.root), r#"{"a":[1.50,-0E+2,"\u00e9 x"],"a":{}}"#);
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        assert_eq!(decode(r#""a\n\"b\" \u00e9 \ud83d\ude00""#), "a\n\"b\" é 😀");
    }

    #[test]
    fn encode_round_trips_through_decode() {
        let s = "tab\there \"q\" back\\slash\r\n\u{1}é";
        let mut lit = String::new();
        encode(s, &mut lit);
        assert_eq!(lit, r#""tab\there \"q\" back\\slash\r\n\u0001é""#);
        assert_eq!(decode(&lit), s);
    }
}
