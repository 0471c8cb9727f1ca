//! `cargo run -p headroom-json --example crush -- FILE [--jsonl|--table] [--profile P] [--query Q] [--repeat N]`
//! prints the compressed text (and the transform and stored keys to stderr).

use headroom_marker::{Options, Profile};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: crush FILE [--jsonl|--table] [--profile P] [--query Q]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut opts = Options::default();
    let mut mode = "json";
    let mut repeat: u32 = 1;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--jsonl" => mode = "jsonl",
            "--repeat" => {
                i += 1;
                repeat = args.get(i).and_then(|r| r.parse().ok()).unwrap_or(1);
            }
            "--table" => mode = "table",
            "--profile" => {
                i += 1;
                opts.profile = args.get(i).and_then(|p| Profile::parse(p)).unwrap_or_default();
            }
            "--query" => {
                i += 1;
                opts.query = args.get(i).cloned();
            }
            _ => {}
        }
        i += 1;
    }
    let started = std::time::Instant::now();
    for _ in 1..repeat {
        let _ = headroom_json::compress_json(&text, &opts);
    }
    let outcome = match mode {
        "jsonl" => headroom_json::compress_jsonl(&text, &opts),
        "table" => headroom_json::compress_table(&text, &opts),
        _ => headroom_json::compress_json(&text, &opts),
    };
    if repeat > 1 {
        eprintln!("{:.2} ms per run", started.elapsed().as_secs_f64() * 1000.0 / f64::from(repeat));
    }
    match outcome {
        Ok(c) => {
            println!("{}", c.text);
            eprintln!("{} -> {} bytes, {}, stored {}", text.len(), c.text.len(), c.transform, c.stored.len());
        }
        Err(s) => eprintln!("skip: {}", s.reason),
    }
}
