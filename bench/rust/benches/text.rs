//! The text compressors (headroom-text) on ~10 MB of generated input each: log, search, diff, listing,
//! HTML and prose. Reports throughput (MB/s); never asserts. Inputs are generated here so the bench
//! needs no corpus and copies no licensed text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use headroom_text::{compress_diff, compress_html, compress_listing, compress_log, compress_prose, compress_search, Options, Outcome};

const TARGET: usize = 10 << 20;

/// Deterministic pseudo-random numbers (xorshift), so every run benches the same bytes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn fill(mut line: impl FnMut(&mut Rng, usize) -> String) -> String {
    let mut r = Rng(0x9e3779b97f4a7c15);
    let mut s = String::with_capacity(TARGET + 4096);
    let mut i = 0;
    while s.len() < TARGET {
        s.push_str(&line(&mut r, i));
        i += 1;
    }
    s
}

fn log_input() -> String {
    fill(|r, i| {
        let lvl = if i % 5000 == 4999 {
            "ERROR"
        } else if i % 700 == 0 {
            "WARN"
        } else {
            "INFO"
        };
        let comp = r.pick(&["dfs.DataNode$PacketResponder", "http.Server", "db.Pool", "cache.Lru", "auth.Session"]);
        let msg = r.pick(&["Received block", "GET /api/items", "connection acquired from", "evicted key", "session opened for user"]);
        format!(
            "2024-05-01 10:{:02}:{:02},{:03} {lvl} [{comp}] {msg} blk_{} from 10.0.{}.{}:{} in {}ms\n",
            i / 3600 % 60,
            i / 60 % 60,
            i % 1000,
            r.next() % 1_000_000_007,
            r.next() % 256,
            r.next() % 256,
            1024 + r.next() % 60000,
            r.next() % 900
        )
    })
}

fn search_input() -> String {
    fill(|r, i| {
        let file = i / 40;
        format!(
            "src/module{}/{}.ts:{}:    throw new {}(`{} failed for ${{id}}`);\n",
            file % 97,
            ["index", "util", "client", "server"][file % 4],
            10 + (i % 40) * 7,
            r.pick(&["Error", "TypeError", "RangeError"]),
            r.pick(&["parse", "lookup", "validate", "connect"])
        )
    })
}

fn diff_input() -> String {
    fill(|r, i| {
        let mut s = String::new();
        if i % 400 == 0 {
            let f = i / 400;
            s.push_str(&format!(
                "diff --git a/src/f{f}.rs b/src/f{f}.rs\nindex 1111111..2222222 100644\n--- a/src/f{f}.rs\n+++ b/src/f{f}.rs\n@@ -1,400 +1,400 @@\n"
            ));
        }
        if i % 97 == 50 {
            s.push_str(&format!("-    let v{i} = compute({});\n+    let v{i} = compute_fast({});\n", r.next() % 100, r.next() % 100));
        } else if i % 400 != 399 {
            s.push_str(&format!("     let v{i} = compute({});\n", r.next() % 100));
        } else {
            s.push_str(" }\n");
        }
        s
    })
}

fn listing_input() -> String {
    fill(|r, i| {
        if i % 300 == 0 {
            format!(
                "\nnode_modules/pkg{}/lib:\ntotal {}\ndrwxr-xr-x  2 root root  4096 Nov 21 22:21 .\ndrwxr-xr-x 20 root root  4096 Nov 21 22:21 ..\n",
                i / 300,
                r.next() % 900
            )
        } else {
            let perm = if i % 1000 == 7 { "-rwxr-xr-x" } else { "-rw-r--r--" };
            format!("{perm}  1 root root {:>6} Nov 21 22:21 {}{}.js\n", r.next() % 90000, r.pick(&["get", "set", "is", "to", "has"]), i)
        }
    })
}

fn html_input() -> String {
    fill(|r, i| {
        format!(
            "<div class=\"post\"><nav><a href=\"/\">Home</a><a href=\"/blog\">Blog</a></nav><h2>Post {i}</h2><p>The {} of <a href=\"https://example.com/{i}\">item {i}</a> is &lt;{}&gt; &amp; more.</p><script>track({i});</script><ul><li>{}</li><li>{}</li></ul></div>\n",
            r.pick(&["state", "value", "size"]), r.next() % 1000, r.pick(&["alpha", "beta"]), r.pick(&["gamma", "delta"])
        )
    })
}

fn prose_input() -> String {
    fill(|r, i| {
        if i % 6 == 0 {
            format!("## Section {}\n\n", i / 6)
        } else if i % 17 == 0 {
            format!("```java\nGson gson = new GsonBuilder().setVersion({}.0).create();\n```\n\n", i % 5)
        } else {
            let w = [
                "the",
                "builder",
                "serializes",
                "fields",
                "when",
                "configured",
                "otherwise",
                "nulls",
                "are",
                "skipped",
                "by",
                "default",
                "and",
                "versions",
                "matter",
            ];
            let words: Vec<&str> = (0..40).map(|_| r.pick(&w)).collect();
            format!("{}.\n{}.\n\n", words[..20].join(" "), words[20..].join(" "))
        }
    })
}

type Compressor = fn(&str, &Options) -> Outcome;

fn text(c: &mut Criterion) {
    let opts = Options { query: Some("which request failed with ERROR and how long did it take?".into()), ..Default::default() };
    let cases: Vec<(&str, String, Compressor)> = vec![
        ("log", log_input(), compress_log),
        ("search", search_input(), compress_search),
        ("diff", diff_input(), compress_diff),
        ("listing", listing_input(), compress_listing),
        ("html", html_input(), compress_html),
        ("prose", prose_input(), compress_prose),
    ];
    let mut group = c.benchmark_group("text");
    group.sample_size(10);
    for (name, input, f) in &cases {
        // Report the ratio once, next to the throughput Criterion prints.
        match f(input, &opts) {
            Ok(out) => {
                println!("{name}: {} -> {} bytes ({:.1}% saved)", input.len(), out.text.len(), 100.0 * (1.0 - out.text.len() as f64 / input.len() as f64))
            }
            Err(skip) => println!("{name}: pass-through ({})", skip.reason),
        }
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(*name, |b| b.iter(|| f(input, &opts)));
    }
    group.finish();
}

criterion_group!(benches, text);
criterion_main!(benches);
