//! CodeCompressor throughput, one group per language: `fold` (no question: every large body and long
//! comment folds) and, where the fixture has a `query.txt`, `focus` (the question names functions). The
//! inputs are the real files of `crates/headroom-code/tests/fixtures`, so the bench runs without the
//! corpus; with the corpus beside the repository, a `corpus` group adds its five code cases with their
//! questions. Throughput is input bytes per second. The incumbent's AST path took ~800 ms per call.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use headroom_code::{compress_code, Language};
use headroom_marker::Options;
use std::path::{Path, PathBuf};

const FIXTURES: &[(&str, &str)] = &[
    ("python", "py"),
    ("javascript", "js"),
    ("typescript", "ts"),
    ("tsx", "tsx"),
    ("go", "go"),
    ("rust", "rs"),
    ("java", "java"),
    ("c", "c"),
    ("cpp", "cc"),
];

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn per_language(c: &mut Criterion) {
    let root =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../crates/headroom-code/tests/fixtures");
    for (dir, ext) in FIXTURES {
        let Some(input) = read(&root.join(dir).join(format!("input.{ext}"))) else {
            continue;
        };
        let Some(lang) = Language::from_extension(ext) else {
            continue;
        };
        let mut group = c.benchmark_group(format!("code/{}", lang.name()));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.sample_size(20);
        let plain = Options::default();
        group.bench_function("fold", |b| b.iter(|| compress_code(&input, lang, &plain)));
        if let Some(query) = read(&root.join(dir).join("query.txt")) {
            let focused = Options {
                query: Some(query.trim().to_string()),
                ..Default::default()
            };
            group.bench_function("focus", |b| {
                b.iter(|| compress_code(&input, lang, &focused))
            });
        }
        group.finish();
    }
}

fn corpus(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "code bench: corpus not found at {}, skipping the corpus group",
            dir.display()
        );
        return;
    };
    let mut cases: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("/code-"))
        .collect();
    cases.sort();
    let mut group = c.benchmark_group("code/corpus");
    group.sample_size(20);
    for case in cases {
        let Some(meta) = read(&case.join("case.json")) else {
            continue;
        };
        let Some(file) = std::fs::read_dir(&case)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        else {
            continue;
        };
        let Some(input) = read(&file) else { continue };
        let Some(lang) = file
            .extension()
            .and_then(|e| Language::from_extension(&e.to_string_lossy()))
        else {
            continue;
        };
        let query = json_string_field(&meta, "query");
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let opts = Options {
            query,
            ..Default::default()
        };
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| compress_code(input, lang, &opts))
        });
    }
    group.finish();
}

/// The corpus questions are plain JSON strings; this reads one without a JSON dependency in the bench.
fn json_string_field(json: &str, field: &str) -> Option<String> {
    let at = json.find(&format!("\"{field}\""))?;
    let rest = &json[at + field.len() + 2..];
    let rest = &rest[rest.find('"')? + 1..];
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            other => out.push(other),
        }
    }
    None
}

criterion_group!(benches, per_language, corpus);
criterion_main!(benches);
