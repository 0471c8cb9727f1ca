//! The text compressors (issue 4): one module per kind of tool output. Each takes the block as `&str`
//! plus [`Options`] and returns an [`Outcome`]: the compressed text with every omission announced by one
//! [`headroom_marker::Marker`] whose key retrieves the whole original block, or a [`Skip`] saying why the
//! block passes through untouched. None of them panics, recurses on input depth, or claims anything the
//! input does not say; the ContentRouter decides which one to call.

mod builder;
mod diff;
mod html;
mod lines;
mod listing;
mod log;
mod prose;
mod search;
mod util;

pub use diff::compress_diff;
pub use html::compress_html;
pub use lines::compress_lines;
pub use listing::compress_listing;
pub use log::{compress_log, is_lint_code};
pub use prose::compress_prose;
pub use search::compress_search;
pub use util::strip_ansi;

pub use headroom_marker::{Options, Outcome, Profile, Skip};
