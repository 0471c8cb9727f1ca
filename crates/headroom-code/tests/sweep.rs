//! Manual robustness sweep, ignored by default: folds every source file under `HEADROOM_SWEEP_DIR` (in
//! both modes) and runs the honesty checker on each result. Example:
//! `HEADROOM_SWEEP_DIR=/usr/lib/python3.11 cargo test -p headroom-code --test sweep -- --ignored --nocapture`

mod common;

use headroom_code::{compress_code, Language};
use headroom_marker::Options;
use std::path::PathBuf;

#[test]
#[ignore]
fn sweep_a_directory() {
    let Some(root) = std::env::var_os("HEADROOM_SWEEP_DIR") else {
        eprintln!("SKIPPED: set HEADROOM_SWEEP_DIR");
        return;
    };
    let limit: usize = std::env::var("HEADROOM_SWEEP_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let mut stack = vec![PathBuf::from(root)];
    let (mut files, mut folded, mut focused) = (0, 0, 0);
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Some(lang) = path
                .extension()
                .and_then(|e| Language::from_extension(&e.to_string_lossy()))
            else {
                continue;
            };
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            if files >= limit {
                break;
            }
            files += 1;
            if std::env::var_os("HEADROOM_SWEEP_VERBOSE").is_some() {
                eprintln!("{}", path.display());
            }
            if let Ok(out) = compress_code(&src, lang, &Options::default()) {
                common::assert_honest(&src, lang, &out);
                folded += 1;
            }
            // Focus on the first word that looks like a function name in the file.
            let name = src
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .find(|w| w.len() > 6 && w.contains('_'));
            let opts = Options {
                query: name.map(|n| format!("what does {n} do?")),
                ..Default::default()
            };
            if let Ok(out) = compress_code(&src, lang, &opts) {
                common::assert_honest(&src, lang, &out);
                focused += 1;
            }
        }
    }
    eprintln!("swept {files} files: {folded} folded, {focused} with a question");
}
