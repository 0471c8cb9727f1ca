//! Kompress (ML word-level compression) with the tiny generated model through the real ONNX Runtime.
//! The tiny model costs almost nothing per token, so these numbers are the *pipeline* (tokenizer,
//! windows, padding, the Rust↔ONNX Runtime boundary, selection, rendering), not a real encoder:
//!
//! - `kompress/compress`: the whole call on ~200 KB of generated prose, 512-token windows (tokens/s);
//! - `kompress/window16`: the same text cut into 16-token windows (per-window overhead);
//! - `kompress/tokenize`: tokenizing and planning windows only;
//! - `kompress/boundary`: one inference call on a `[1, 1]` input (the fixed cost per model call).
//!
//! With the corpus beside the repository, the prose and transcript cases are compressed once and the
//! facts kept / bytes saved are printed. Needs `ORT_DYLIB_PATH` or the onnxruntime-node package of
//! packages/core; without a runtime the bench says so and does nothing. Never asserts.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use headroom_marker::Options;
use headroom_ml::kompress::{compress, tiny, KompressSettings, Kompressor};
use headroom_ml::{init_runtime, Model, TensorI64};

fn runtime() -> bool {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bundled = repo.join("packages/core/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1");
    let path = std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from).unwrap_or(bundled);
    match init_runtime(&path) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("kompress bench: no ONNX Runtime ({e}); set ORT_DYLIB_PATH. Skipping.");
            false
        }
    }
}

/// The tiny model with a given window, in a temporary directory.
fn model_dir(window: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headroom-kompress-bench-{window}-{}", std::process::id()));
    tiny::write_model_dir(&dir, false).expect("write tiny model");
    std::fs::write(dir.join("config.json"), format!("{{\"max_seq_len\": {window}}}")).expect("write config");
    dir
}

/// ~200 KB of prose-like lines mixing vocabulary words, unknown words and facts (deterministic).
fn prose() -> String {
    const WORDS: [&str; 24] = [
        "the",
        "model",
        "keeps",
        "a",
        "cache",
        "of",
        "request",
        "data",
        "and",
        "it",
        "was",
        "very",
        "slow",
        "for",
        "user",
        "compression",
        "of",
        "tokens",
        "throughput",
        "latency",
        "server",
        "handles",
        "words",
        "in",
    ];
    let mut s = String::new();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut line = 0;
    while s.len() < 200_000 {
        for i in 0..14 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
        }
        line += 1;
        if line % 9 == 0 {
            s.push_str(&format!(" (see src/cache_{line}.rs, v1.{line})"));
        }
        s.push_str(if line % 6 == 0 { ".\n\n" } else { ".\n" });
    }
    s
}

fn bench(c: &mut Criterion) {
    if !runtime() {
        return;
    }
    let text = prose();
    let opts = Options::default();
    let settings = KompressSettings::default();
    let k512 = Kompressor::load(&model_dir(512), Some(1)).expect("load tiny model");
    let k16 = Kompressor::load(&model_dir(16), Some(1)).expect("load tiny model");
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let (counts, chunks) = k512.plan(&words, settings.overlap_words).expect("plan");
    let tokens: usize = counts.iter().sum();
    let out = compress(&k512, &text, &opts, &settings).expect("compresses");
    println!(
        "kompress bench input: {} bytes, {} words, {tokens} tokens, {} windows of 512; output {} bytes ({:.1}% saved)",
        text.len(),
        words.len(),
        chunks.len(),
        out.text.len(),
        100.0 * (1.0 - out.text.len() as f64 / text.len() as f64)
    );

    let mut g = c.benchmark_group("kompress");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("compress", |b| b.iter(|| compress(&k512, &text, &opts, &settings)));
    g.bench_function("window16", |b| b.iter(|| compress(&k16, &text, &opts, &settings)));
    g.bench_function("tokenize", |b| b.iter(|| k512.plan(&words, settings.overlap_words)));
    g.throughput(Throughput::Elements(1));
    let model = Model::load(&model_dir(512).join("model.onnx")).expect("load");
    let one = TensorI64 { shape: vec![1, 1], data: vec![5] };
    g.bench_function("boundary", |b| b.iter(|| model.run_i64(&[("input_ids", &one), ("attention_mask", &one)])));
    g.finish();
    corpus(&k512);
}

fn corpus(k: &Kompressor) {
    let Some(cases) = headroom_corpus::public_cases() else { return };
    for case in cases.iter().filter(|c| c.kind == "prose" || c.kind == "transcript") {
        let (name, input) = (&case.name, &case.input);
        let opts = Options { query: case.query.clone(), ..Options::default() };
        let started = std::time::Instant::now();
        let out = compress(k, input, &opts, &KompressSettings::default());
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let text = out.as_ref().map(|c| c.text.as_str()).unwrap_or(input);
        let kept = case.must_keep.len() - case.lost(text).len();
        let note = out.as_ref().err().map(|s| format!(" (passed through: {})", s.reason)).unwrap_or_default();
        println!(
            "kompress corpus {name}: facts {kept}/{}, {} → {} bytes ({:.1}% saved), {ms:.1} ms, {:.2} MB/s{note}",
            case.must_keep.len(),
            input.len(),
            text.len(),
            100.0 * (1.0 - text.len() as f64 / input.len() as f64),
            input.len() as f64 / 1e6 / (ms / 1000.0)
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
