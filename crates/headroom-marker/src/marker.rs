//! The omission marker. Grammar (one line, no newline inside):
//!
//! ```text
//! [headroom: omitted <count> <unit>[ of <total>][; kept <what>][; dropped <summary>]; key=<key>[; file=<path>]]
//! ```
//!
//! `<unit>` is a plural noun (`items`, `lines`, `matches`, `hunks`, `bytes`, `rows`, `entries`,
//! `files`), singular when the count is one (`omitted 1 line`); `kept` says what stayed and why (`first 3, last 3, 12 errors, 2 query matches`); `dropped`
//! summarises what went (`status: ok×400, retry×12`); `key` retrieves the original through any channel
//! (the `headroom_retrieve` tool, MCP, `headroom retrieve KEY`, `GET /v1/retrieve/KEY`); `file`, when the
//! store materialises originals on disk, is a path any agent can read with its own file tool. Fields
//! never contain `]` or a newline (they are replaced), so the marker can always be found and parsed.

pub const MARKER_PREFIX: &str = "[headroom: omitted ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub count: usize,
    pub unit: &'static str,
    pub total: Option<usize>,
    pub kept: Option<String>,
    pub dropped: Option<String>,
    pub key: String,
}

impl Marker {
    pub fn new(count: usize, unit: &'static str, key: impl Into<String>) -> Marker {
        Marker { count, unit, total: None, kept: None, dropped: None, key: key.into() }
    }

    pub fn of(mut self, total: usize) -> Marker {
        self.total = Some(total);
        self
    }

    pub fn kept(mut self, kept: impl Into<String>) -> Marker {
        self.kept = Some(kept.into());
        self
    }

    pub fn dropped(mut self, dropped: impl Into<String>) -> Marker {
        self.dropped = Some(dropped.into());
        self
    }

    /// Renders the marker. `ccr_dir` is where the store materialises originals as `<dir>/<key>`.
    pub fn render(&self, ccr_dir: Option<&str>) -> String {
        let unit = if self.count == 1 { singular(self.unit) } else { self.unit };
        let mut s = format!("{MARKER_PREFIX}{} {unit}", self.count);
        if let Some(total) = self.total {
            s.push_str(&format!(" of {total}"));
        }
        if let Some(kept) = &self.kept {
            s.push_str("; kept ");
            s.push_str(&clean(kept));
        }
        if let Some(dropped) = &self.dropped {
            s.push_str("; dropped ");
            s.push_str(&clean(dropped));
        }
        s.push_str("; key=");
        s.push_str(&self.key);
        if let Some(dir) = ccr_dir {
            s.push_str("; file=");
            s.push_str(&clean(&format!("{}/{}", dir.trim_end_matches(['/', '\\']), self.key)));
        }
        s.push(']');
        s
    }
}

/// The units' singulars: the plural nouns of the grammar, all regular but two.
fn singular(unit: &'static str) -> &'static str {
    match unit {
        "entries" => "entry",
        "matches" => "match",
        _ => unit.strip_suffix('s').unwrap_or(unit),
    }
}

fn clean(field: &str) -> String {
    field.replace(['\n', '\r'], " ").replace(']', ")").replace(';', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_a_unit_is_singular() {
        assert_eq!(Marker::new(1, "lines", "hr_x").of(2000).render(None), "[headroom: omitted 1 line of 2000; key=hr_x]");
        assert_eq!(Marker::new(1, "entries", "hr_x").render(None), "[headroom: omitted 1 entry; key=hr_x]");
        assert_eq!(Marker::new(1, "matches", "hr_x").render(None), "[headroom: omitted 1 match; key=hr_x]");
        assert_eq!(Marker::new(2, "matches", "hr_x").render(None), "[headroom: omitted 2 matches; key=hr_x]");
        assert_eq!(Marker::new(0, "rows", "hr_x").render(None), "[headroom: omitted 0 rows; key=hr_x]");
    }

    #[test]
    fn renders_every_field_in_grammar_order() {
        let m = Marker::new(412, "items", "hr_0123456789abcdef01234567").of(500).kept("first 3, last 3, 12 errors").dropped("status: ok×400; retry×12]");
        assert_eq!(
            m.render(Some("/home/u/.headroom/ccr/")),
            "[headroom: omitted 412 items of 500; kept first 3, last 3, 12 errors; dropped status: ok×400, retry×12); key=hr_0123456789abcdef01234567; file=/home/u/.headroom/ccr/hr_0123456789abcdef01234567]"
        );
        assert_eq!(Marker::new(3, "lines", "hr_x").render(None), "[headroom: omitted 3 lines; key=hr_x]");
    }
}
