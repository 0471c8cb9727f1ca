//! The evaluation corpora, for tests and benches only: where they live, reading a case (`case.json` and
//! its input), and the rule a `must_keep` fact is checked with. One copy for every crate.
//!
//! Two corpora: the public one (`shared/bench/corpus` beside the repository, or `HEADROOM_CORPUS`) and
//! the repository's wide one (`bench/corpus`). A missing wide corpus is a broken checkout and panics; a
//! missing public corpus skips on a developer's machine but panics in CI (`CI` set), where it is laid
//! beside the clone: a corpus test must never pass green without having run there. A CI that cannot
//! have it says so explicitly with `HEADROOM_CORPUS=skip`.

use std::path::{Path, PathBuf};

pub use headroom_marker::matchable;

/// One corpus case.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's folder name, e.g. `build-make-gxx-errors`.
    pub name: String,
    pub dir: PathBuf,
    /// The `kind` field (`logs`, `json-api`, `code`, …).
    pub kind: String,
    /// The question asked of the content, when the case has one.
    pub query: Option<String>,
    /// The tool output to compress (the file `input` names).
    pub input: String,
    pub must_keep: Vec<String>,
    /// The whole `case.json`, for fields only some tests read.
    pub meta: serde_json::Value,
}

impl Case {
    /// The `must_keep` facts `text` lost under the matching rule.
    pub fn lost(&self, text: &str) -> Vec<&str> {
        let out = matchable(text);
        self.must_keep.iter().map(String::as_str).filter(|f| !out.contains(&matchable(f))).collect()
    }
}

/// The matching rule of the corpus (`match.mjs`): quotes, backslashes and whitespace removed from
/// both sides, then a substring test.
pub fn is_kept(text: &str, fact: &str) -> bool {
    matchable(text).contains(&matchable(fact))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where the public corpus is: `HEADROOM_CORPUS`, else `shared/bench/corpus` beside the repository.
pub fn public_dir() -> PathBuf {
    std::env::var_os("HEADROOM_CORPUS").map(PathBuf::from).unwrap_or_else(|| repo_root().join("../shared/bench/corpus"))
}

/// The repository's wide corpus, `bench/corpus`.
pub fn wide_dir() -> PathBuf {
    repo_root().join("bench/corpus")
}

/// Reads the case in `dir`. Panics on a malformed case: the corpus is trusted test data.
pub fn load(dir: &Path) -> Case {
    let read = |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let meta: serde_json::Value = serde_json::from_str(&read(dir.join("case.json"))).unwrap_or_else(|e| panic!("{}/case.json: {e}", dir.display()));
    let field = |k: &str| meta[k].as_str().map(str::to_string);
    let input_name = field("input").unwrap_or_else(|| panic!("{}/case.json has no input", dir.display()));
    Case {
        name: dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        dir: dir.to_path_buf(),
        kind: field("kind").unwrap_or_default(),
        query: field("query"),
        input: read(dir.join(input_name)),
        must_keep: meta["must_keep"].as_array().map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_string)).collect()).unwrap_or_default(),
        meta,
    }
}

fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut v: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.join("case.json").is_file()).collect();
    v.sort();
    v
}

/// A missing public corpus fails the test: in CI, unless `HEADROOM_CORPUS=skip` says it cannot be there.
fn in_ci() -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    ci && std::env::var_os("HEADROOM_CORPUS").is_none_or(|v| v != "skip")
}

/// Every case of the public corpus, by name; `None` (with a line saying so) when it is not here on a
/// developer's machine. Panics in CI, where the corpus must be present.
pub fn public_cases() -> Option<Vec<Case>> {
    let dir = public_dir();
    let cases = case_dirs(&dir);
    if cases.is_empty() {
        assert!(!in_ci(), "the public corpus is missing at {} (set HEADROOM_CORPUS): CI must run the corpus tests", dir.display());
        println!("SKIPPED: the public corpus is not at {} (set HEADROOM_CORPUS)", dir.display());
        return None;
    }
    Some(cases.iter().map(|d| load(d)).collect())
}

/// Every case of the wide corpus, by name. Panics when it is missing (it is part of the repository).
pub fn wide_cases() -> Vec<Case> {
    let dir = wide_dir();
    let cases = case_dirs(&dir);
    assert!(!cases.is_empty(), "the wide corpus at {} is missing", dir.display());
    cases.iter().map(|d| load(d)).collect()
}

/// The case `name`, from the wide corpus or else the public one; `None` under the same rule as
/// [`public_cases`] (a case of neither panics in CI).
pub fn case(name: &str) -> Option<Case> {
    for dir in [wide_dir(), public_dir()] {
        if dir.join(name).join("case.json").is_file() {
            return Some(load(&dir.join(name)));
        }
    }
    assert!(!in_ci(), "corpus case {name} is in neither {} nor {}: CI must run the corpus tests", wide_dir().display(), public_dir().display());
    println!("SKIPPED: corpus case {name} is not here");
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_match_across_quoting_escaping_and_whitespace() {
        assert!(is_kept("{\"path\": \"src/a.rs\",\n  \"line\": 3}", "path:src/a.rs,line:3"));
        assert!(is_kept("error:  no\tmatch", "error: no match"));
        assert!(!is_kept("error: no match", "error: a match"));
    }

    #[test]
    fn every_wide_case_reads_with_an_input_and_facts() {
        for c in wide_cases() {
            assert!(!c.input.is_empty() && !c.must_keep.is_empty() && !c.kind.is_empty(), "{}", c.name);
        }
    }
}
