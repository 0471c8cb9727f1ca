//! Real text that a keyword detector takes for code (compiler and linter diagnostics, test-runner
//! output, reStructuredText documents with code examples), and real C++ headers that look like C. See
//! tests/fixtures/README.md for where each file comes from.

mod common;

use headroom_code::{compress_code, detect_language, parse, syntax_errors, Language};
use headroom_marker::Options;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/confusable")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn diagnostics_test_reports_and_documents_are_not_code() {
    for name in [
        "gcc-errors.txt",
        "gxx-errors.txt",
        "tsc-errors.txt",
        "pytest-output.txt",
        "boto3-s3.rst",
        "distutils-examples.rst",
    ] {
        assert_eq!(detect_language(&fixture(name)), None, "{name}");
    }
}

#[test]
fn cpp_headers_are_detected_as_cpp() {
    for name in ["gmock-more-matchers.h", "gtest-message.h"] {
        assert_eq!(
            detect_language(&fixture(name)),
            Some(Language::Cpp),
            "{name}"
        );
    }
}

#[test]
fn a_cpp_header_given_as_c_folds_with_the_cpp_grammar() {
    let src = fixture("gtest-message.h");
    // `.h` maps to C, which fails on `namespace` and `class`; C++ stumbles only on a few macros
    // (`GTEST_API_`), and the fold keeps to the sound parts of its tree.
    let lang = Language::from_extension("h").unwrap();
    assert_eq!(lang, Language::C);
    let errors = |l| syntax_errors(&parse(&src, l).unwrap());
    assert!(errors(Language::Cpp) < errors(Language::C));
    let out = compress_code(&src, lang, &Options::default()).unwrap();
    assert_eq!(out.transform, "code:cpp:fold+docs");
    common::assert_honest(&src, lang, &out);
    assert!(out.text.contains("class GTEST_API_ Message {"));
}

#[test]
fn compiler_and_test_logs_given_as_code_pass_through_before_any_parse() {
    for (name, lang) in [
        ("tsc-errors.txt", Language::TypeScript),
        ("gcc-errors.txt", Language::C),
        ("gxx-errors.txt", Language::Cpp),
        ("pytest-output.txt", Language::Python),
    ] {
        let skip = compress_code(&fixture(name), lang, &Options::default()).unwrap_err();
        // Rejected by a line scan (g++'s template errors are also over-long lines), not by a parse.
        assert!(
            skip.reason.contains("not source code") || skip.reason.starts_with("minified"),
            "{name}: {}",
            skip.reason
        );
    }
}
