//! A byte-faithful, iterative JSON parser into a flat arena.
//!
//! Why not serde_json: it keeps the last of duplicate keys, recurses on nesting depth (a 10,000-level
//! document overflows the stack once the recursion limit is lifted) and needs feature flags to keep
//! number text. Here every node remembers its source span, so numbers and strings are re-emitted exactly
//! as written (big integers, `1E400`, escapes), objects keep every key in order (duplicates included),
//! and nesting lives on a heap stack.

/// What a node is. Strings and numbers are kept as source spans (strings include their quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Num,
    Str,
    Arr,
    Obj,
}

#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    /// Children live in `Doc::kids[kid_start..kid_start + kid_len]`.
    pub kid_start: u32,
    pub kid_len: u32,
}

/// One child: for objects, the key's span *inside* its quotes (raw, still escaped); for arrays, empty.
#[derive(Debug, Clone, Copy)]
pub struct Kid {
    pub key_start: u32,
    pub key_end: u32,
    pub node: u32,
}

pub struct Doc<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub kids: Vec<Kid>,
    pub root: u32,
}

impl<'a> Doc<'a> {
    pub fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn kids(&self, id: u32) -> &[Kid] {
        let n = self.node(id);
        &self.kids[n.kid_start as usize..(n.kid_start + n.kid_len) as usize]
    }

    /// The exact source text of a node (a string includes its quotes).
    pub fn text(&self, id: u32) -> &'a str {
        let n = self.node(id);
        &self.src[n.start as usize..n.end as usize]
    }

    /// The raw (still escaped) key text of an object child.
    pub fn key(&self, kid: &Kid) -> &'a str {
        &self.src[kid.key_start as usize..kid.key_end as usize]
    }
}

struct Frame {
    node: u32,
    is_obj: bool,
    scratch_start: usize,
    /// The key of the member being parsed (objects only); per frame, since values nest.
    key: (u32, u32),
}

/// Parses one JSON value surrounded by optional whitespace. The error says what and where.
pub fn parse(src: &str) -> Result<Doc<'_>, String> {
    if src.len() >= u32::MAX as usize {
        return Err("input larger than 4 GiB".into());
    }
    let b = src.as_bytes();
    let mut p = Parser { b, pos: 0 };
    let mut nodes: Vec<Node> = Vec::with_capacity(b.len() / 16 + 4);
    let mut kids: Vec<Kid> = Vec::with_capacity(b.len() / 16 + 4);
    let mut scratch: Vec<Kid> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    p.ws();
    'value: loop {
        // Parse the start of a value at p.pos.
        let start = p.pos;
        let mut done = match p.peek() {
            Some(b'{') | Some(b'[') => {
                let is_obj = p.peek() == Some(b'{');
                let id = nodes.len() as u32;
                nodes.push(Node { kind: if is_obj { Kind::Obj } else { Kind::Arr }, start: start as u32, end: 0, kid_start: 0, kid_len: 0 });
                stack.push(Frame { node: id, is_obj, scratch_start: scratch.len(), key: (0, 0) });
                p.pos += 1;
                p.ws();
                let close = if is_obj { b'}' } else { b']' };
                if p.peek() == Some(close) {
                    None // empty container: closed below
                } else {
                    if is_obj {
                        let k = p.key()?;
                        if let Some(top) = stack.last_mut() {
                            top.key = k;
                        }
                    }
                    continue 'value;
                }
            }
            Some(b'"') => {
                p.string()?;
                Some(push(&mut nodes, Kind::Str, start, p.pos))
            }
            Some(b't') => Some(p.lit(b"true", Kind::Bool, start, &mut nodes)?),
            Some(b'f') => Some(p.lit(b"false", Kind::Bool, start, &mut nodes)?),
            Some(b'n') => Some(p.lit(b"null", Kind::Null, start, &mut nodes)?),
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                p.number()?;
                Some(push(&mut nodes, Kind::Num, start, p.pos))
            }
            Some(_) => return Err(p.err("expected a value")),
            None => return Err(p.err("unexpected end of input, expected a value")),
        };
        // After a value (or an empty container): attach it and close containers as needed.
        loop {
            if let Some(v) = done {
                let Some(top) = stack.last() else {
                    p.ws();
                    if p.pos != b.len() {
                        return Err(p.err("unexpected text after the JSON value"));
                    }
                    return Ok(Doc { src, nodes, kids, root: v });
                };
                let (ks, ke) = if top.is_obj { top.key } else { (0, 0) };
                scratch.push(Kid { key_start: ks, key_end: ke, node: v });
                p.ws();
            }
            let Some(top) = stack.last() else { return Err(p.err("internal: no open container")) };
            let close = if top.is_obj { b'}' } else { b']' };
            match p.peek() {
                Some(b',') if done.is_some() => {
                    p.pos += 1;
                    p.ws();
                    if top.is_obj {
                        let k = p.key()?;
                        if let Some(top) = stack.last_mut() {
                            top.key = k;
                        }
                    }
                    continue 'value;
                }
                Some(c) if c == close => {
                    p.pos += 1;
                    let Some(f) = stack.pop() else { return Err(p.err("internal")) };
                    let kid_start = kids.len() as u32;
                    kids.extend(scratch.drain(f.scratch_start..));
                    let n = &mut nodes[f.node as usize];
                    n.end = p.pos as u32;
                    n.kid_start = kid_start;
                    n.kid_len = kids.len() as u32 - kid_start;
                    done = Some(f.node);
                }
                None => return Err(p.err("unexpected end of input inside an unclosed container")),
                _ => {
                    let what = if top.is_obj { "expected ',' or '}'" } else { "expected ',' or ']'" };
                    return Err(p.err(what));
                }
            }
        }
    }
}

/// Checks that `src` is exactly one JSON value (used per line for JSON Lines).
pub fn validate(src: &str) -> Result<(), String> {
    parse(src).map(|_| ())
}

fn push(nodes: &mut Vec<Node>, kind: Kind, start: usize, end: usize) -> u32 {
    nodes.push(Node { kind, start: start as u32, end: end as u32, kid_start: 0, kid_len: 0 });
    nodes.len() as u32 - 1
}

struct Parser<'b> {
    b: &'b [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn err(&self, what: &str) -> String {
        let upto = &self.b[..self.pos.min(self.b.len())];
        let line = upto.iter().filter(|&&c| c == b'\n').count() + 1;
        let col = upto.len() - upto.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1) + 1;
        format!("{what} at line {line}, column {col} (byte {})", self.pos)
    }

    /// An object key followed by `:`; returns the span inside the quotes.
    fn key(&mut self) -> Result<(u32, u32), String> {
        if self.peek() != Some(b'"') {
            return Err(self.err("expected a string key"));
        }
        let start = self.pos + 1;
        self.string()?;
        let end = self.pos - 1;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.err("expected ':' after an object key"));
        }
        self.pos += 1;
        self.ws();
        Ok((start as u32, end as u32))
    }

    fn string(&mut self) -> Result<(), String> {
        self.pos += 1;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                        Some(b'u') => {
                            let hex = self.b.get(self.pos + 1..self.pos + 5);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return Err(self.err("invalid \\u escape in a string"));
                            }
                            self.pos += 5;
                        }
                        _ => return Err(self.err("invalid escape in a string")),
                    }
                }
                Some(c) if c < 0x20 => return Err(self.err("control character inside a string")),
                Some(_) => self.pos += 1,
                None => return Err(self.err("unterminated string")),
            }
        }
    }

    fn lit(&mut self, word: &[u8], kind: Kind, start: usize, nodes: &mut Vec<Node>) -> Result<u32, String> {
        if self.b.get(self.pos..self.pos + word.len()) != Some(word) {
            return Err(self.err("expected a value"));
        }
        self.pos += word.len();
        Ok(push(nodes, kind, start, self.pos))
    }

    fn digits(&mut self) -> usize {
        let s = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - s
    }

    fn number(&mut self) -> Result<(), String> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(c) if c.is_ascii_digit() => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number: no digits after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number: no digits in exponent"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_duplicates_spans_and_numbers() {
        let d = parse(r#" {"a": 1E400, "a": [true, null, "x\"y"], "n": 123456789012345678901234567890} "#).unwrap();
        let nested = parse(r#"{"outer": {"inner": 1}, "next": 2}"#).unwrap();
        let keys: Vec<&str> = nested.kids(nested.root).iter().map(|k| nested.key(k)).collect();
        assert_eq!(keys, ["outer", "next"]);
        let kids = d.kids(d.root);
        assert_eq!(kids.len(), 3);
        assert_eq!(d.key(&kids[0]), "a");
        assert_eq!(d.key(&kids[1]), "a");
        assert_eq!(d.text(kids[0].node), "1E400");
        assert_eq!(d.text(kids[2].node), "123456789012345678901234567890");
        assert_eq!(d.text(d.kids(kids[1].node)[2].node), r#""x\"y""#);
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(parse("{\"a\": 1,\n \"b\" 2}").err().unwrap(), "expected ':' after an object key at line 2, column 6 (byte 14)");
        assert!(parse("[1, 2").is_err());
        assert!(parse("[01]").is_err());
        assert!(parse("{} x").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "[".repeat(100_000) + &"]".repeat(100_000);
        let d = parse(&s).unwrap();
        assert_eq!(d.nodes.len(), 100_000);
    }
}
