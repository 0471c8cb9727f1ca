//! Test helpers: the corpus matching rule and a minimal JSON reader for `case.json` (the crate itself has
//! no JSON dependency, and the corpus files are trusted test data).
#![allow(dead_code)]

use std::collections::BTreeMap;

/// The corpus rule (`match.mjs`): delete `"`, `\` and whitespace from both sides, then substring.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !(c.is_whitespace() || *c == '"' || *c == '\\')).collect()
}

pub fn is_kept(compressed: &str, fact: &str) -> bool {
    normalize(compressed).contains(&normalize(fact))
}

#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

impl Json {
    pub fn get(&self, k: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.get(k),
            _ => None,
        }
    }
    pub fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            _ => &[],
        }
    }
}

pub fn parse_json(s: &str) -> Json {
    let mut p = P { b: s.as_bytes(), i: 0 };
    p.value()
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn value(&mut self) -> Json {
        self.ws();
        match self.b[self.i] {
            b'{' => {
                self.i += 1;
                let mut m = BTreeMap::new();
                loop {
                    self.ws();
                    if self.b[self.i] == b'}' {
                        self.i += 1;
                        return Json::Obj(m);
                    }
                    if self.b[self.i] == b',' {
                        self.i += 1;
                        continue;
                    }
                    let k = self.string();
                    self.ws();
                    self.i += 1; // ':'
                    let v = self.value();
                    m.insert(k, v);
                }
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                loop {
                    self.ws();
                    if self.b[self.i] == b']' {
                        self.i += 1;
                        return Json::Arr(a);
                    }
                    if self.b[self.i] == b',' {
                        self.i += 1;
                        continue;
                    }
                    a.push(self.value());
                }
            }
            b'"' => Json::Str(self.string()),
            b't' => {
                self.i += 4;
                Json::Bool(true)
            }
            b'f' => {
                self.i += 5;
                Json::Bool(false)
            }
            b'n' => {
                self.i += 4;
                Json::Null
            }
            _ => {
                let st = self.i;
                while self.i < self.b.len() && matches!(self.b[self.i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    self.i += 1;
                }
                Json::Num(std::str::from_utf8(&self.b[st..self.i]).unwrap().parse().unwrap_or(0.0))
            }
        }
    }
    fn string(&mut self) -> String {
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        while self.b[self.i] != b'"' {
            if self.b[self.i] == b'\\' {
                self.i += 1;
                let c = self.b[self.i];
                self.i += 1;
                match c {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'u' => {
                        let hex = std::str::from_utf8(&self.b[self.i..self.i + 4]).unwrap();
                        self.i += 4;
                        let mut cp = u32::from_str_radix(hex, 16).unwrap();
                        if (0xD800..0xDC00).contains(&cp) && self.b[self.i] == b'\\' {
                            let lo = u32::from_str_radix(std::str::from_utf8(&self.b[self.i + 2..self.i + 6]).unwrap(), 16).unwrap();
                            self.i += 6;
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        }
                        let ch = char::from_u32(cp).unwrap_or('\u{fffd}');
                        out.extend_from_slice(ch.to_string().as_bytes());
                    }
                    other => out.push(other),
                }
            } else {
                out.push(self.b[self.i]);
                self.i += 1;
            }
        }
        self.i += 1;
        String::from_utf8(out).unwrap()
    }
}
