//! The CCR store on a real SQLite file (WAL, originals materialised as files): what one put costs for a
//! new original, what re-storing an existing one costs (every repeated turn does that), and a get.

use std::cell::Cell;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use headroom_marker::ccr_key;
use headroom_store::{Store, StoreConfig};

fn temp_store(name: &str) -> (Store, PathBuf) {
    let dir = std::env::temp_dir().join(format!("headroom-bench-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = StoreConfig { files_dir: Some(dir.join("ccr")), max_bytes: 256 * 1024 * 1024, ..StoreConfig::default() };
    let store = Store::open(dir.join("ccr.sqlite"), config).expect("open bench store");
    (store, dir)
}

/// A tool-output-like original of about `size` bytes, made unique by `n`.
fn original(size: usize, n: u64) -> String {
    let line = r#"{"id": 1234, "status": "ok", "path": "src/components/Button.tsx", "ms": 12.5}"#;
    let mut s = format!("run {n}\n");
    while s.len() < size {
        s.push_str(line);
        s.push('\n');
    }
    s
}

fn store(c: &mut Criterion) {
    for (label, size) in [("1KiB", 1024), ("64KiB", 64 * 1024), ("1MiB", 1024 * 1024)] {
        let (mut store, dir) = temp_store(label);
        let mut group = c.benchmark_group(format!("store_{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        group.sample_size(if size > 100_000 { 20 } else { 50 });

        let counter = Cell::new(0u64);
        group.bench_function("put_new", |b| {
            b.iter_batched(
                || {
                    counter.set(counter.get() + 1);
                    let content = original(size, counter.get());
                    (ccr_key(content.as_bytes()), content)
                },
                |(key, content)| store.put(&key, &content).expect("put"),
                BatchSize::LargeInput,
            )
        });

        let content = original(size, u64::MAX);
        let key = ccr_key(content.as_bytes());
        store.put(&key, &content).expect("put");
        group.bench_function("put_existing", |b| b.iter(|| store.put(&key, &content).expect("put")));
        group.bench_function("get", |b| b.iter(|| store.get(&key).expect("get")));
        group.finish();
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
}

criterion_group!(benches, store);
criterion_main!(benches);
