//! `cargo run --release -p headroom-code --example timing -- FILE...`: parse time vs compress time.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(lang) = path
            .rsplit('.')
            .next()
            .and_then(headroom_code::Language::from_extension)
        else {
            continue;
        };
        let n = 20;
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(headroom_code::parse(&src, lang));
        }
        let parse = t.elapsed().as_secs_f64() / n as f64;
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(
                headroom_code::compress_code(&src, lang, &Default::default()).ok(),
            );
        }
        let all = t.elapsed().as_secs_f64() / n as f64;
        let mb = src.len() as f64 / 1e6;
        println!(
            "{path}: parse {:.2} ms ({:.1} MB/s), compress {:.2} ms ({:.1} MB/s)",
            parse * 1e3,
            mb / parse,
            all * 1e3,
            mb / all
        );
    }
}
