//! The evaluation corpus code cases (headroom-corpus finds them): every `must_keep` fact survives with
//! the case's question as the query (the corpus matching rule), the output is honest about the
//! original, and the large files whose question targets one function shrink by at least 60%. Without
//! the public corpus it skips, saying so, except in CI, where it fails.

mod common;

use headroom_code::{compress_code, detect_language, Language};
use headroom_marker::Options;

/// Cases whose question targets one function (or one function and its helper) in a large file.
const TARGETED: &[&str] = &[
    "code-go-cobra-command",
    "code-java-openjdk-arraylist",
    "code-rust-serde-json-value",
];

#[test]
fn corpus_code_cases_keep_every_fact() {
    let Some(cases) = headroom_corpus::public_cases() else {
        return;
    };
    let code: Vec<_> = cases
        .iter()
        .filter(|c| c.name.starts_with("code-"))
        .collect();
    assert!(
        !code.is_empty(),
        "no code-* cases in {}",
        headroom_corpus::public_dir().display()
    );
    for case in code {
        let saved = keeps_every_fact(case);
        if TARGETED.contains(&case.name.as_str()) {
            assert!(
                saved >= 0.60,
                "{}: saved only {:.1}%",
                case.name,
                saved * 100.0
            );
        }
    }
}

/// The repository's wide-corpus cases in the languages added after the first nine (real files from
/// Debian packages; see bench/corpus/README.md): detected from their text alone, folded so that every
/// fact survives (Net::HTTP's defaults sit in `initialize`, Monolog's in a property initialiser) and
/// the output parses as well as the input, and at least 40% smaller.
#[test]
fn wide_corpus_cases_in_the_scripting_languages_keep_every_fact() {
    for (name, lang) in [
        ("code-ruby-net-http", Language::Ruby),
        ("code-php-monolog-logger", Language::Php),
        ("code-lua-penlight-utils", Language::Lua),
        ("code-perl-http-tiny", Language::Perl),
    ] {
        let case = headroom_corpus::load(&headroom_corpus::wide_dir().join(name));
        assert_eq!(detect_language(&case.input), Some(lang), "{name}");
        let saved = keeps_every_fact(&case);
        assert!(saved >= 0.40, "{name}: saved only {:.1}%", saved * 100.0);
    }
}

/// Compresses one case with its question, checks the output is honest and keeps every `must_keep`
/// fact; returns the share of bytes saved.
fn keeps_every_fact(case: &headroom_corpus::Case) -> f64 {
    let name = &case.name;
    let input_name = case.meta["input"].as_str().expect("input");
    let ext = input_name.rsplit('.').next().unwrap_or("");
    let lang = Language::from_extension(ext).expect("known language");
    let opts = Options {
        query: case.query.clone(),
        ..Default::default()
    };
    let out = compress_code(&case.input, lang, &opts)
        .unwrap_or_else(|s| panic!("{name}: passed through: {}", s.reason));
    common::assert_honest(&case.input, lang, &out);
    let lost = case.lost(&out.text);
    assert!(lost.is_empty(), "{name}: lost must_keep facts {lost:?}");
    let saved = 1.0 - out.text.len() as f64 / case.input.len() as f64;
    eprintln!(
        "{name}: {} → {} bytes, {:.1}% saved, {}",
        case.input.len(),
        out.text.len(),
        saved * 100.0,
        out.transform
    );
    saved
}
