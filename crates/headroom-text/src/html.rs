//! HTML to readable text: headings (`#`), paragraphs, list items (`- `), table rows (`a | b`), link text
//! with its href, preformatted text verbatim. Scripts, styles, navigation, footers, forms and other
//! boilerplate are dropped, and one marker at the top says what went and how to get the page back.
//! A single forward scan over the bytes; nesting is tracked with counters, never recursion.

use crate::builder::Builder;
use crate::util;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};

/// Elements whose whole content is dropped.
const SKIP: &[&str] = &["script", "style", "noscript", "svg", "template", "iframe", "nav", "footer", "aside", "form", "select", "button", "canvas", "object"];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "br",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "dl",
    "hr",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
    "body",
    "html",
    "details",
    "summary",
    "caption",
    "thead",
    "tbody",
];

struct Out {
    lines: Vec<String>,
    cur: String,
}

impl Out {
    fn newline(&mut self) {
        let line = self.cur.trim_end().to_string();
        self.cur.clear();
        if !line.trim().is_empty() {
            self.lines.push(line);
        }
    }
    fn text(&mut self, t: &str, pre: bool) {
        if pre {
            for (i, part) in t.split('\n').enumerate() {
                if i > 0 {
                    let line = std::mem::take(&mut self.cur);
                    self.lines.push(line);
                }
                self.cur.push_str(part);
            }
            return;
        }
        for w in t.split_whitespace() {
            if !self.cur.is_empty() && !self.cur.ends_with(' ') && !self.cur.ends_with("- ") {
                self.cur.push(' ');
            }
            self.cur.push_str(w);
        }
        if t.ends_with(char::is_whitespace) && !self.cur.is_empty() && !self.cur.ends_with(' ') {
            self.cur.push(' ');
        }
    }
}

fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..crate::util::floor_boundary(rest, 12)].find(';');
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "copy" => Some('©'),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Containers that announce themselves as site chrome through their class, id or role.
fn is_boilerplate(name: &str, tag: &str) -> bool {
    if !matches!(name, "div" | "section" | "ul" | "header" | "span") {
        return false;
    }
    const CHROME: &[&str] = &["navbar", "nav-", "menu", "sidebar", "breadcrumb", "cookie", "footer", "banner", "advert", "social-share"];
    let role = attr(tag, "role").unwrap_or("");
    if matches!(role, "navigation" | "banner" | "contentinfo" | "complementary") {
        return true;
    }
    [attr(tag, "class"), attr(tag, "id")].iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        CHROME.iter().any(|c| v.contains(c))
    })
}

/// Value of attribute `name` inside a tag's text (`a href="x" class=y`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let v = rest[1..].trim_start();
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        });
    }
    None
}

pub fn compress_html(text: &str, opts: &Options) -> Outcome {
    if text.len() > util::MAX_INPUT_BYTES {
        return Err(Skip::new("block above the size limit"));
    }
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: HTML extraction drops markup"));
    }
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    let tags = text.matches('<').take(16).count();
    if tags < 8 || text.len() < 256 {
        return Err(Skip::new("not enough markup to be HTML"));
    }
    let mut out = Out { lines: Vec::new(), cur: String::new() };
    let (mut skip_depth, mut skip_name, mut pre) = (0usize, String::new(), 0usize);
    let mut dropped: Vec<(String, usize)> = Vec::new();
    let mut href: Vec<String> = Vec::new();
    let mut cells = 0usize;
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] != b'<' {
            let end = text[i..].find('<').map_or(b.len(), |p| i + p);
            if skip_depth == 0 {
                out.text(&decode(&text[i..end]), pre > 0);
            }
            i = end;
            continue;
        }
        // Comments, doctype, CDATA.
        if text[i..].starts_with("<!--") {
            i = text[i + 4..].find("-->").map_or(b.len(), |p| i + 4 + p + 3);
            continue;
        }
        let Some(close) = text[i..].find('>') else { break };
        let tag = &text[i + 1..i + close];
        i += close + 1;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() {
            if skip_depth == 0 {
                out.text("<", pre > 0);
            }
            continue;
        }
        if skip_depth > 0 {
            if name == skip_name {
                if closing {
                    skip_depth -= 1;
                } else if !tag.ends_with('/') {
                    skip_depth += 1;
                }
            }
            continue;
        }
        if !closing && !tag.ends_with('/') && (SKIP.contains(&name.as_str()) || is_boilerplate(&name, tag)) {
            skip_depth = 1;
            skip_name = name.clone();
            let label = if SKIP.contains(&name.as_str()) { name.clone() } else { "site chrome".to_string() };
            match dropped.iter_mut().find(|d| d.0 == label) {
                Some(d) => d.1 += 1,
                None => dropped.push((label, 1)),
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("pre", false) => {
                out.newline();
                pre += 1;
            }
            ("pre", true) => {
                out.newline();
                pre = pre.saturating_sub(1);
            }
            ("a", false) => href.push(attr(tag, "href").unwrap_or("").to_string()),
            ("a", true) => {
                if let Some(h) = href.pop().filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:")) {
                    out.text(&format!(" ({})", decode(&h)), false);
                }
            }
            ("td" | "th", false) => {
                if cells > 0 {
                    out.text(" | ", false);
                }
                cells += 1;
            }
            ("img", _) => {
                if let Some(alt) = attr(tag, "alt").filter(|a| !a.is_empty()) {
                    out.text(&format!("[image: {}]", decode(alt)), false);
                }
            }
            (n, _) if BLOCK.contains(&n) => {
                out.newline();
                if n == "tr" {
                    cells = 0;
                }
                if !closing {
                    if let Some(level) = n.strip_prefix('h').and_then(|d| d.parse::<usize>().ok()) {
                        out.cur.push_str(&"#".repeat(level.min(6)));
                        out.cur.push(' ');
                    } else if n == "li" {
                        out.cur.push_str("- ");
                    }
                }
            }
            _ => {}
        }
    }
    out.newline();
    if out.lines.is_empty() {
        return Err(Skip::new("no readable text in the markup"));
    }
    let mut b = Builder::new(text, opts);
    let body: usize = out.lines.iter().map(|l| l.len() + 1).sum();
    let omitted = text.len().saturating_sub(body);
    let mut what = vec!["markup".to_string()];
    what.extend(dropped.iter().map(|(n, c)| format!("{n} ×{c}")));
    b.marker(|key| Marker::new(omitted, "bytes", key).of(text.len()).kept("text, headings, lists, tables, link text and hrefs").dropped(what.join(", ")));
    for l in &out.lines {
        b.line(l);
    }
    b.finish("html:text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_readable_text() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><nav><a href='/'>Home</a></nav>\
            <div class=\"site-menu\"><a href='/x'>X</a><div>inner</div></div><h1>Guide</h1><p>Use <a href=\"https://x.dev/a?b=1&amp;c=2\">the API</a> &lt;now&gt;.</p>\
            <ul><li>one</li><li>two</li></ul><table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>\
            <pre>fn main() {\n    x();\n}</pre><script>alert(1)</script></body></html>";
        let c = compress_html(html, &Options::default()).unwrap();
        let body: Vec<&str> = c.text.lines().skip(1).collect();
        assert_eq!(
            body,
            vec!["T", "# Guide", "Use the API (https://x.dev/a?b=1&c=2) <now>.", "- one", "- two", "k | v", "a | 1", "fn main() {", "    x();", "}"]
        );
        assert!(c.text.starts_with("[headroom: omitted "));
        assert!(c.text.lines().next().unwrap().contains("script ×1"));
        assert!(c.text.lines().next().unwrap().contains("site chrome ×1"));
    }
}
