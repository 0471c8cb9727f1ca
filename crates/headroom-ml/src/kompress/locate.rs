//! Where an installed model lives: `HEADROOM_KOMPRESS_MODEL` (a directory), else
//! `$HEADROOM_HOME/models/<name>` with `HEADROOM_HOME` defaulting to `~/.headroom` (the same place
//! `headroom model pull` writes to).

use std::path::{Path, PathBuf};

/// The model `headroom model pull` installs when no name is given.
pub const DEFAULT_MODEL: &str = "kompress-v2";

pub fn default_model_name() -> &'static str {
    DEFAULT_MODEL
}

/// `$HEADROOM_HOME`, else `~/.headroom` (`None` when no home directory is known).
pub fn headroom_home() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("HEADROOM_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).filter(|h| !h.is_empty()).map(|h| Path::new(&h).join(".headroom"))
}

/// The directory of an installed model (holding `model.onnx` and `tokenizer.json`), if there is one.
pub fn model_dir(name: Option<&str>) -> Option<PathBuf> {
    let installed = |d: &Path| d.join("model.onnx").is_file() && d.join("tokenizer.json").is_file();
    if let Some(explicit) = std::env::var_os("HEADROOM_KOMPRESS_MODEL").filter(|p| !p.is_empty()) {
        // An explicit setting is never silently replaced by another model.
        let d = PathBuf::from(explicit);
        return installed(&d).then_some(d);
    }
    let d = headroom_home()?.join("models").join(name.unwrap_or(DEFAULT_MODEL));
    installed(&d).then_some(d)
}
