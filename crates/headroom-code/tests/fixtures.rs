//! One real-world file per language (see tests/fixtures/README.md for sources and licences), folded with
//! the balanced profile and an optional `query.txt`, compared byte for byte with the committed snapshot
//! `expected.<ext>.snap`. Set `HEADROOM_BLESS=1` to rewrite the snapshots after an intended change.

mod common;

use headroom_code::{compress_code, Language};
use headroom_marker::Options;
use std::path::Path;

fn check(dir: &str, ext: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let input = std::fs::read_to_string(root.join(format!("input.{ext}"))).expect("fixture input");
    let query = std::fs::read_to_string(root.join("query.txt"))
        .ok()
        .map(|q| q.trim().to_string());
    let lang = Language::from_extension(ext).expect("known extension");
    let opts = Options {
        query,
        ..Default::default()
    };
    let out = compress_code(&input, lang, &opts)
        .unwrap_or_else(|s| panic!("{dir}: passed through: {}", s.reason));
    common::assert_honest(&input, lang, &out);
    assert_eq!(
        out,
        compress_code(&input, lang, &opts).unwrap(),
        "{dir}: not deterministic"
    );
    let snap = root.join(format!("expected.{ext}.snap"));
    if std::env::var_os("HEADROOM_BLESS").is_some() {
        std::fs::write(&snap, &out.text).expect("write snapshot");
    }
    let expected =
        std::fs::read_to_string(&snap).expect("snapshot exists (run with HEADROOM_BLESS=1 once)");
    assert!(
        out.text == expected,
        "{dir}: output differs from {}",
        snap.display()
    );
    assert!(out.text.len() < input.len());
}

#[test]
fn python() {
    check("python", "py");
}

#[test]
fn javascript() {
    check("javascript", "js");
}

#[test]
fn typescript() {
    check("typescript", "ts");
}

#[test]
fn tsx() {
    check("tsx", "tsx");
}

#[test]
fn go() {
    check("go", "go");
}

#[test]
fn rust() {
    check("rust", "rs");
}

#[test]
fn java() {
    check("java", "java");
}

#[test]
fn c() {
    check("c", "c");
}

#[test]
fn cpp() {
    check("cpp", "cc");
}
