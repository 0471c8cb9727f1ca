//! The evaluation corpus code cases, read in place from `../shared/bench/corpus` (or `HEADROOM_CORPUS`):
//! every `must_keep` fact survives with the case's question as the query (the corpus matching rule:
//! delete `"`, `\` and whitespace, then substring), the output is honest about the original, and the
//! large files whose question targets one function shrink by at least 60%. Skips, saying so, when the
//! corpus is absent.

mod common;

use headroom_code::{compress_code, detect_language, Language};
use headroom_marker::Options;
use std::path::{Path, PathBuf};

/// Cases whose question targets one function (or one function and its helper) in a large file.
const TARGETED: &[&str] = &[
    "code-go-cobra-command",
    "code-java-openjdk-arraylist",
    "code-rust-serde-json-value",
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HEADROOM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus")
        });
    dir.is_dir().then_some(dir)
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '"' && *c != '\\' && !c.is_whitespace())
        .collect()
}

#[test]
fn corpus_code_cases_keep_every_fact() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "SKIPPED: evaluation corpus not found (../shared/bench/corpus or HEADROOM_CORPUS)"
        );
        return;
    };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("code-"))
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no code-* cases in {}", dir.display());
    for case in cases {
        let (name, saved) = keeps_every_fact(&case);
        if TARGETED.contains(&name.as_str()) {
            assert!(saved >= 0.60, "{name}: saved only {:.1}%", saved * 100.0);
        }
    }
}

/// The repository's wide-corpus cases in the languages added after the first nine (real files from
/// Debian packages; see bench/corpus/README.md): detected from their text alone, folded so that every
/// fact survives (Net::HTTP's defaults sit in `initialize`, Monolog's in a property initialiser) and
/// the output parses as well as the input, and at least 40% smaller.
#[test]
fn wide_corpus_cases_in_the_scripting_languages_keep_every_fact() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/corpus");
    for (case, lang) in [
        ("code-ruby-net-http", Language::Ruby),
        ("code-php-monolog-logger", Language::Php),
        ("code-lua-penlight-utils", Language::Lua),
        ("code-perl-http-tiny", Language::Perl),
    ] {
        let case = dir.join(case);
        let input = std::fs::read_dir(&case)
            .expect("case folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
            .expect("input file");
        let text = std::fs::read_to_string(input).expect("input");
        assert_eq!(detect_language(&text), Some(lang), "{}", case.display());
        let (name, saved) = keeps_every_fact(&case);
        assert!(saved >= 0.40, "{name}: saved only {:.1}%", saved * 100.0);
    }
}

/// Compresses one case with its question, checks the output is honest and keeps every `must_keep`
/// fact; returns the case name and the share of bytes saved.
fn keeps_every_fact(case: &Path) -> (String, f64) {
    let name = case
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("case.json")).expect("case.json"))
            .expect("json");
    let input_name = meta["input"].as_str().expect("input");
    let input = std::fs::read_to_string(case.join(input_name)).expect("input");
    let ext = input_name.rsplit('.').next().unwrap_or("");
    let lang = Language::from_extension(ext).expect("known language");
    let opts = Options {
        query: meta["query"].as_str().map(str::to_string),
        ..Default::default()
    };
    let out = compress_code(&input, lang, &opts)
        .unwrap_or_else(|s| panic!("{name}: passed through: {}", s.reason));
    common::assert_honest(&input, lang, &out);
    let kept = normalize(&out.text);
    for fact in meta["must_keep"].as_array().expect("must_keep") {
        let fact = fact.as_str().expect("fact");
        assert!(
            kept.contains(&normalize(fact)),
            "{name}: lost must_keep fact {fact:?}"
        );
    }
    let saved = 1.0 - out.text.len() as f64 / input.len() as f64;
    eprintln!(
        "{name}: {} → {} bytes, {:.1}% saved, {}",
        input.len(),
        out.text.len(),
        saved * 100.0,
        out.transform
    );
    (name, saved)
}
