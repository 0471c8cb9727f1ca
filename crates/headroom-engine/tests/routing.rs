//! The router on real text: the confusable pairs (diagnostics vs source, test output vs markdown, docs
//! vs code) from fixtures, and every case of the repository's wide corpus against the kinds it must
//! never be taken for.

use headroom_code::detect_language as language;
use headroom_engine::router::{detect, rank, ContentKind};
use std::path::Path;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

#[test]
fn compiler_diagnostics_are_build_output_not_source() {
    for name in ["rustc-errors.txt", "tsc-errors.txt"] {
        let d = detect(&fixture(name), language);
        assert_eq!(d.kind, ContentKind::Log, "{name}: {d:?}");
    }
}

#[test]
fn tap_test_output_is_not_markdown() {
    let ranked = rank(&fixture("node-test-tap.txt"), language);
    assert_eq!(ranked[0].kind, ContentKind::Log, "{ranked:?}");
    assert!(ranked.iter().all(|d| d.kind != ContentKind::Prose || d.confidence < ranked[0].confidence));
}

#[test]
fn restructured_text_is_a_document_not_code() {
    let d = detect(&fixture("cpython-email-architecture.rst"), language);
    assert_eq!(d.kind, ContentKind::Prose, "{d:?}");
}

/// Kinds a case of each corpus kind must never be routed to: each is a compressor that would misread it.
fn forbidden(kind: &str) -> &'static [ContentKind] {
    use ContentKind::*;
    match kind {
        "logs" | "test-output" | "build-output" | "lint-output" => &[Code, Prose, Table, Html, Listing],
        "table" => &[Code, Log, Search, Listing],
        "prose" | "docs" | "html" => &[Code, Log, Table],
        "git-diff" => &[Code, Log, Prose],
        "code" => &[Log, Table, Search],
        "config" => &[Code, Log, Table, Search],
        _ => &[],
    }
}

#[test]
fn no_wide_corpus_case_is_routed_to_a_kind_that_would_misread_it() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for case in headroom_corpus::wide_cases() {
        let d = detect(&case.input, language);
        seen += 1;
        if forbidden(&case.kind).contains(&d.kind) {
            wrong.push(format!("{} ({}) routed to {} ({})", case.name, case.kind, d.kind.name(), d.reason));
        }
    }
    assert!(seen >= 20, "the wide corpus at bench/corpus has only {seen} cases");
    assert!(wrong.is_empty(), "misrouted:\n{}", wrong.join("\n"));
}
