use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use headroom_tokenizer::{count_with, count_with_serial, Encoding};

fn tokenize(c: &mut Criterion) {
    let text = headroom_bench::sample_text();
    let mut group = c.benchmark_group("count_tokens");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for encoding in [Encoding::O200kBase, Encoding::Cl100kBase] {
        group.bench_function(format!("{}/all_cores", encoding.name()), |b| b.iter(|| count_with(&text, encoding)));
        group.bench_function(format!("{}/one_core", encoding.name()), |b| b.iter(|| count_with_serial(&text, encoding)));
    }
    // The previous tokenizer on the same text, so the speed-up is a ratio from one run.
    let o200k = tiktoken_rs::o200k_base_singleton();
    assert_eq!(o200k.count_ordinary(&text), count_with(&text, Encoding::O200kBase).tokens, "counts must be exact");
    group.bench_function("o200k_base/tiktoken-rs", |b| b.iter(|| o200k.count_ordinary(&text)));
    let cl100k = tiktoken_rs::cl100k_base_singleton();
    group.bench_function("cl100k_base/tiktoken-rs", |b| b.iter(|| cl100k.count_ordinary(&text)));
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
