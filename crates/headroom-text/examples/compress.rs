//! `cargo run -p headroom-text --example compress -- <kind> <file> [query]` prints the compressed text
//! (kinds: log, search, diff, listing, html, prose). For looking at what a compressor keeps.

use headroom_text::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: compress <log|search|diff|listing|html|prose> <file> [query]");
        std::process::exit(2);
    }
    let bytes = std::fs::read(&args[2]).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let opts = Options { query: args.get(3).cloned(), ..Default::default() };
    let f: fn(&str, &Options) -> Outcome = match args[1].as_str() {
        "log" => compress_log,
        "search" => compress_search,
        "diff" => compress_diff,
        "listing" => compress_listing,
        "html" => compress_html,
        _ => compress_prose,
    };
    match f(&text, &opts) {
        Ok(c) => print!("{}", c.text),
        Err(s) => eprintln!("pass-through: {}", s.reason),
    }
}
