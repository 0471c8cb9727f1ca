//! Writes the tiny Kompress test models: `cargo run -p headroom-ml --example gen_kompress_tiny [DIR]`.
//! `DIR/kompress-tiny` uses the logits convention, `DIR/kompress-tiny-score` the single-score one.
//! Default DIR: the committed fixtures (`crates/headroom-ml/tests/fixtures`).

use std::path::PathBuf;

use headroom_ml::kompress::tiny::write_model_dir;

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")));
    write_model_dir(&dir.join("kompress-tiny"), false)?;
    write_model_dir(&dir.join("kompress-tiny-score"), true)?;
    println!("wrote {}/kompress-tiny and {}/kompress-tiny-score", dir.display(), dir.display());
    Ok(())
}
