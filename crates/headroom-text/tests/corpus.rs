//! Runs every corpus case of our kinds through its compressor with the case's question and checks that
//! each `must_keep` fact survives under the corpus matching rule; prints the savings. The corpus lives
//! outside the repository (`../shared/bench/corpus` from the repo root); without it the test says so and
//! passes.

mod common;

use headroom_text::*;
use std::path::PathBuf;

fn compressor(kind: &str) -> Option<fn(&str, &Options) -> Outcome> {
    Some(match kind {
        "logs" | "build-output" | "test-output" => compress_log,
        "grep-output" => compress_search,
        "git-diff" => compress_diff,
        "dependency-tree" | "shell-output" => compress_listing,
        "prose" => compress_prose,
        _ => return None,
    })
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus")
}

#[test]
fn corpus_facts_are_kept() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("SKIPPED: corpus not found at {} (tests of the corpus targets did not run)", dir.display());
        return;
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.join("case.json").exists()).collect();
    names.sort();
    let mut failures = Vec::new();
    for case_dir in names {
        let case = common::parse_json(&std::fs::read_to_string(case_dir.join("case.json")).unwrap());
        let kind = case.get("kind").and_then(|k| k.str()).unwrap_or("");
        let Some(f) = compressor(kind) else { continue };
        let input_name = case.get("input").and_then(|k| k.str()).unwrap();
        let bytes = std::fs::read(case_dir.join(input_name)).unwrap();
        let input = String::from_utf8_lossy(&bytes).into_owned();
        let opts = Options { query: case.get("query").and_then(|q| q.str()).map(String::from), ..Default::default() };
        let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let (text, how) = match f(&input, &opts) {
            Ok(c) => {
                for s in &c.stored {
                    assert_eq!(s.content, input, "{name}: the stored original must be the input");
                }
                (c.text, c.transform)
            }
            Err(skip) => (input.clone(), format!("pass-through ({})", skip.reason)),
        };
        let facts = case.get("must_keep").map(|m| m.arr().to_vec()).unwrap_or_default();
        let kept = facts.iter().filter(|f| common::is_kept(&text, f.str().unwrap())).count();
        let saving = 100.0 * (1.0 - text.len() as f64 / input.len() as f64);
        println!("{name:40} {kind:16} {:>8} -> {:>8} bytes  saved {saving:5.1}%  facts {kept}/{}  {how}", input.len(), text.len(), facts.len());
        for fact in &facts {
            let fact = fact.str().unwrap();
            if !common::is_kept(&text, fact) {
                failures.push(format!("{name}: lost {fact:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "facts lost:\n{}", failures.join("\n"));
}
