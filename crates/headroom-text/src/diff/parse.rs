//! Reads a unified diff into files and hunks. Hunk bodies are delimited by the counts in their `@@`
//! header, so a removed line that starts with `--` is never mistaken for a file header; everything that
//! is neither a file header nor a hunk (commit headers and messages of `git log -p`) is left in place.

pub struct Hunk {
    /// Index of the `@@` line; the body is `start + 1 .. end`.
    pub start: usize,
    pub end: usize,
    pub adds: usize,
    pub dels: usize,
}

pub struct File {
    pub path: String,
    /// Header lines (`diff --git`, `index`, mode, rename and similarity lines, `---`, `+++`,
    /// `Binary files`): `header .. header_end`.
    pub header: usize,
    pub header_end: usize,
    pub hunks: Vec<Hunk>,
    pub deleted: bool,
}

impl File {
    pub fn counts(&self) -> (usize, usize) {
        self.hunks.iter().fold((0, 0), |(a, d), h| (a + h.adds, d + h.dels))
    }
}

/// `@@ -12,7 +12,8 @@` → (7, 8). A missing count means 1.
pub fn hunk_counts(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix("@@ -")?;
    let end = rest.find(" @@")?;
    let mut parts = rest[..end].split(" +");
    let count = |r: &str| -> Option<usize> {
        match r.split_once(',') {
            Some((_, c)) => c.parse().ok(),
            None => r.parse::<usize>().ok().map(|_| 1),
        }
    };
    let old = count(parts.next()?)?;
    let new = count(parts.next()?)?;
    Some((old, new))
}

fn path_of(header_lines: &[&str]) -> String {
    for l in header_lines {
        if let Some(p) = l.strip_prefix("+++ ") {
            let p = p.split('\t').next().unwrap_or(p);
            if p != "/dev/null" {
                return p.strip_prefix("b/").unwrap_or(p).to_string();
            }
        }
        if let Some(p) = l.strip_prefix("rename to ") {
            return p.to_string();
        }
    }
    for l in header_lines {
        if let Some(p) = l.strip_prefix("--- ") {
            let p = p.split('\t').next().unwrap_or(p);
            return p.strip_prefix("a/").unwrap_or(p).to_string();
        }
        if let Some(rest) = l.strip_prefix("diff --git ") {
            if let Some(i) = rest.find(" b/") {
                return rest[i + 3..].to_string();
            }
        }
    }
    String::new()
}

/// Lockfiles and generated artefacts: their hunks are folded first.
pub fn is_generated(path: &str) -> bool {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    const LOCKS: &[&str] = &[
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "Cargo.lock",
        "go.sum",
        "poetry.lock",
        "composer.lock",
        "Gemfile.lock",
        "Pipfile.lock",
        "uv.lock",
        "flake.lock",
    ];
    LOCKS.contains(&base)
        || [".min.js", ".min.css", ".map", ".snap", ".pb.go", "_pb2.py", ".lock"].iter().any(|s| base.ends_with(s))
        || ["/dist/", "__generated__/", "/generated/", "/vendor/"].iter().any(|s| path.contains(s) || path.starts_with(&s[1..]))
}

const HEADER_PREFIXES: &[&str] =
    &["index ", "--- ", "+++ ", "old mode", "new mode", "deleted file", "new file", "similarity", "rename ", "copy ", "Binary files", "dissimilarity"];

pub fn parse(lines: &[&str]) -> Vec<File> {
    let mut files: Vec<File> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let starts_file =
            l.starts_with("diff --git ") || l.starts_with("diff -") || (l.starts_with("--- ") && lines.get(i + 1).is_some_and(|n| n.starts_with("+++ ")));
        if !starts_file {
            i += 1;
            continue;
        }
        let header = i;
        i += 1;
        while i < lines.len() && HEADER_PREFIXES.iter().any(|p| lines[i].starts_with(p)) {
            i += 1;
        }
        let head = &lines[header..i];
        let deleted = head.iter().any(|l| l.starts_with("deleted file") || *l == "+++ /dev/null");
        let mut file = File { path: path_of(head), header, header_end: i, hunks: Vec::new(), deleted };
        while i < lines.len() && lines[i].starts_with("@@ ") {
            let start = i;
            let Some((mut old, mut new)) = hunk_counts(lines[i]) else { break };
            i += 1;
            let (mut adds, mut dels) = (0, 0);
            while i < lines.len() && (old > 0 || new > 0) {
                match lines[i].as_bytes().first() {
                    Some(b'+') => {
                        adds += 1;
                        new = new.saturating_sub(1);
                    }
                    Some(b'-') => {
                        dels += 1;
                        old = old.saturating_sub(1);
                    }
                    Some(b'\\') => {}
                    // Context (some tools strip the space of an empty context line).
                    Some(b' ') | None => {
                        old = old.saturating_sub(1);
                        new = new.saturating_sub(1);
                    }
                    _ => break,
                }
                i += 1;
            }
            while i < lines.len() && lines[i].starts_with('\\') {
                i += 1;
            }
            file.hunks.push(Hunk { start, end: i, adds, dels });
        }
        files.push(file);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hunk_counts() {
        assert_eq!(hunk_counts("@@ -1,7 +1,8 @@ fn x"), Some((7, 8)));
        assert_eq!(hunk_counts("@@ -3 +3 @@"), Some((1, 1)));
        assert_eq!(hunk_counts("@@ -5,0 +6,2 @@"), Some((0, 2)));
        assert!(is_generated("web/package-lock.json"));
        assert!(!is_generated("lib/router.js"));
    }

    #[test]
    fn reads_renames_and_hunkless_files() {
        let d = "diff --git a/a.js b/b.js\nsimilarity index 100%\nrename from a.js\nrename to b.js\ndiff --git a/x.png b/x.png\nBinary files a/x.png and b/x.png differ\ndiff --git a/c b/c\ndeleted file mode 100644\n--- a/c\n+++ /dev/null\n@@ -1,2 +0,0 @@\n--- a\n-b\n";
        let lines: Vec<&str> = d.lines().collect();
        let files = parse(&lines);
        assert_eq!(files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), vec!["b.js", "x.png", "c"]);
        assert_eq!(files.iter().map(|f| (f.header, f.header_end)).collect::<Vec<_>>(), vec![(0, 4), (4, 6), (6, 10)]);
        assert!(files[2].deleted && files[2].counts() == (0, 2));
    }
}
