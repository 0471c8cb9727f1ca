//! SmartCrusher throughput: the largest JSON case of the corpus (when present beside the repository)
//! and a generated 10 MB array of records, balanced profile with a query. Reports MB/s; never asserts.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use headroom_json::compress_json;
use headroom_marker::{Options, Profile};

/// The largest `json-*` / `transcript-*` corpus input (`input.json`), if the corpus is present.
fn largest_corpus_json() -> Option<(String, String)> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus");
    let mut best: Option<(String, String)> = None;
    for entry in std::fs::read_dir(&corpus).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("json-") || name.starts_with("transcript-")) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(entry.path().join("input.json")) {
            if best.as_ref().is_none_or(|b| text.len() > b.1.len()) {
                best = Some((name, text));
            }
        }
    }
    best
}

fn generated(bytes: usize) -> String {
    let mut s = String::from("[\n");
    let mut i = 0usize;
    while s.len() < bytes {
        let status = if i % 997 == 500 { 503 } else { 200 };
        s.push_str(&format!(
            "  {{\"id\": {i}, \"status\": {status}, \"host\": \"node-{}.eu-1.example.com\", \"path\": \"/api/v1/orders/{}\", \"latency_ms\": {}, \"ok\": {}, \"tags\": [\"a\", \"b\"], \"meta\": {{\"region\": \"eu-1\", \"attempt\": {}}}}},\n",
            i % 17,
            i * 7919 % 100_000,
            3 + i % 250,
            status == 200,
            i % 3
        ));
        i += 1;
    }
    s.push_str("  {\"id\": -1}\n]");
    s
}

fn json(c: &mut Criterion) {
    let opts = Options::new(Some("why did order 4242 fail?".into()), Profile::Balanced, None);
    let mut group = c.benchmark_group("compress_json");
    group.sample_size(10);
    match largest_corpus_json() {
        Some((name, text)) => {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("corpus/{name}"), |b| b.iter(|| compress_json(&text, &opts)));
        }
        None => eprintln!("corpus not found at ../shared/bench/corpus: only the generated input is measured"),
    }
    for (label, size) in [("generated_1mb", 1 << 20), ("generated_10mb", 10 << 20)] {
        let text = generated(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| b.iter(|| compress_json(&text, &opts)));
    }
    group.finish();
}

criterion_group!(benches, json);
criterion_main!(benches);
