//! CodeCompressor throughput, one group per language: `fold` (no question: every large body and long
//! comment folds) and, where the fixture has a `query.txt`, `focus` (the question names functions). The
//! inputs are the real files of `crates/headroom-code/tests/fixtures`, so the bench runs without the
//! corpus; with the corpus beside the repository, a `corpus` group adds its five code cases with their
//! questions. Throughput is input bytes per second. The incumbent's AST path took ~800 ms per call.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use headroom_code::{compress_code, Language};
use headroom_marker::Options;
use std::path::{Path, PathBuf};

const FIXTURES: &[(&str, &str)] =
    &[("python", "py"), ("javascript", "js"), ("typescript", "ts"), ("tsx", "tsx"), ("go", "go"), ("rust", "rs"), ("java", "java"), ("c", "c"), ("cpp", "cc")];

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn per_language(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../crates/headroom-code/tests/fixtures");
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
            let focused = Options { query: Some(query.trim().to_string()), ..Default::default() };
            group.bench_function("focus", |b| b.iter(|| compress_code(&input, lang, &focused)));
        }
        group.finish();
    }
}

/// The corpus's code cases compressed with their questions, and (`code/parse`) the same files only
/// parsed by tree-sitter: the floor any compressor that reads the syntax tree stands on.
fn corpus(c: &mut Criterion) {
    let Some(cases) = headroom_corpus::public_cases() else { return };
    let cases: Vec<_> = cases
        .into_iter()
        .filter(|c| c.name.starts_with("code-"))
        .filter_map(|case| {
            let ext = case.meta["input"].as_str().and_then(|i| i.rsplit_once('.')).map(|(_, e)| e.to_string()).unwrap_or_default();
            Language::from_extension(&ext).map(|lang| (case, lang))
        })
        .collect();
    let mut group = c.benchmark_group("code/corpus");
    group.sample_size(20);
    for (case, lang) in &cases {
        let opts = Options { query: case.query.clone(), ..Default::default() };
        group.throughput(Throughput::Bytes(case.input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), &case.input, |b, input| b.iter(|| compress_code(input, *lang, &opts)));
    }
    group.finish();
    let mut group = c.benchmark_group("code/parse");
    group.sample_size(20);
    for (case, lang) in &cases {
        group.throughput(Throughput::Bytes(case.input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), &case.input, |b, input| b.iter(|| headroom_code::parse(input, *lang)));
    }
    group.finish();
}

criterion_group!(benches, per_language, corpus);
criterion_main!(benches);
