use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use headroom_tokenizer::{count_with, Encoding};

fn tokenize(c: &mut Criterion) {
    let text = headroom_bench::sample_text();
    let mut group = c.benchmark_group("count_tokens");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for encoding in [Encoding::O200kBase, Encoding::Cl100kBase] {
        group.bench_function(encoding.name(), |b| b.iter(|| count_with(&text, encoding)));
    }
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
