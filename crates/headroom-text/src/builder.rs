//! Assembles a compressed block: kept lines in order, markers where lines were dropped. The whole
//! original block is stored once (on the first marker) and every marker carries its key, so any omission
//! can be recovered byte for byte.

use headroom_marker::{Compressed, Marker, Options, Outcome, Skip, Stored};

pub struct Builder<'a> {
    original: &'a str,
    opts: &'a Options,
    eol: &'static str,
    out: String,
    stored: Vec<Stored>,
    key: Option<String>,
    markers: usize,
}

impl<'a> Builder<'a> {
    pub fn new(original: &'a str, opts: &'a Options) -> Builder<'a> {
        Builder {
            original,
            opts,
            eol: crate::util::eol_of(original),
            out: String::with_capacity(original.len() / 4 + 64),
            stored: Vec::new(),
            key: None,
            markers: 0,
        }
    }

    /// The key of the original block (stores it on first use).
    pub fn key(&mut self) -> String {
        if let Some(k) = &self.key {
            return k.clone();
        }
        let k = Compressed::store(&mut self.stored, self.original);
        self.key = Some(k.clone());
        k
    }

    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push_str(self.eol);
    }

    /// Emits a marker line. `make` receives the key so callers can build the marker in one expression.
    pub fn marker(&mut self, make: impl FnOnce(String) -> Marker) {
        let key = self.key();
        let m = make(key);
        let rendered = m.render(self.opts.ccr_dir.as_deref());
        self.markers += 1;
        self.line(&rendered);
    }

    /// A marker rendered for use inside a line (a truncated long line ends with it).
    pub fn inline_marker(&mut self, make: impl FnOnce(String) -> Marker) -> String {
        let key = self.key();
        self.markers += 1;
        make(key).render(self.opts.ccr_dir.as_deref())
    }

    /// Rendered length of a marker (to decide whether dropping a few lines is worth it).
    pub fn marker_cost() -> usize {
        // "[headroom: omitted N lines; dropped …; key=hr_…]" is about this long.
        96
    }

    pub fn finish(self, transform: &str) -> Outcome {
        if self.markers == 0 {
            return Err(Skip::new("nothing to omit"));
        }
        if self.out.len() >= self.original.len() {
            return Err(Skip::new("compressed text would not be smaller"));
        }
        Ok(Compressed { text: self.out, transform: transform.to_string(), stored: self.stored })
    }
}
