//! `cargo run -p headroom-code --example fold -- FILE [QUERY]`: prints the folded file (or why it passed
//! through) and the byte savings on stderr.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: fold FILE [QUERY]");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let ext = path.rsplit('.').next().unwrap_or("");
    let Some(lang) = headroom_code::Language::from_extension(ext)
        .or_else(|| headroom_code::detect_language(&source))
    else {
        eprintln!("unknown language");
        std::process::exit(1);
    };
    let opts = headroom_marker::Options {
        query: args.get(2).cloned(),
        ..Default::default()
    };
    match headroom_code::compress_code(&source, lang, &opts) {
        Ok(c) => {
            print!("{}", c.text);
            let saved = 100.0 * (1.0 - c.text.len() as f64 / source.len() as f64);
            let (a, b) = (tokens(&source), tokens(&c.text));
            let saved_t = 100.0 * (1.0 - b as f64 / a as f64);
            eprintln!(
                "{}: {} → {} bytes ({saved:.1}% saved), {a} → {b} tokens ({saved_t:.1}% saved), {}",
                path,
                source.len(),
                c.text.len(),
                c.transform
            );
        }
        Err(skip) => eprintln!("{path}: passed through: {}", skip.reason),
    }
}

fn tokens(text: &str) -> usize {
    headroom_tokenizer::count_tokens(text, "gpt-4o").tokens
}
