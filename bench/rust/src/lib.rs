//! Inputs shared by the benches: real text of the kinds Headroom compresses, read from the evaluation
//! corpus when it sits beside the repository (`../shared/bench/corpus`), else a generated mix.

use std::path::PathBuf;

/// Concatenated corpus inputs, or a synthetic mix of JSON, logs and code of about 1 MB.
pub fn sample_text() -> String {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus");
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs {
            for file in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let name = file.file_name();
                if name.to_string_lossy().starts_with("input.") {
                    text.push_str(&std::fs::read_to_string(file.path()).unwrap_or_default());
                }
            }
        }
    }
    if text.is_empty() {
        for i in 0..4_000 {
            text.push_str(&format!(
                "{{\"id\":{i},\"status\":\"ok\",\"host\":\"node-{}\"}}\n2026-11-21T10:{:02}:00Z INFO request {i} served in {}ms\nfn handler_{i}(req: &Request) -> Response {{ todo() }}\n",
                i % 17, i % 60, i % 250
            ));
        }
    }
    text
}
