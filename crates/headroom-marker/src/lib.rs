//! What every compressor shares, so there is one key format and one marker grammar (DESIGN.md §3.2):
//!
//! - [`ccr_key`]: the content-addressed key under which an original is stored.
//! - [`Marker`]: the one line that announces an omission in place.
//! - [`Options`] in, an [`Outcome`] out: [`Compressed`], or a [`Skip`] that says why the block passes through.

mod idents;
mod key;
mod marker;
mod options;
mod output;
mod quantity;
mod query;
mod stopwords;

pub use idents::{ident_spans, numbers};
pub use key::{ccr_key, is_ccr_key, KEY_PREFIX};
pub use marker::{Marker, MARKER_PREFIX};
pub use options::{Options, Profile};
pub use output::{Compressed, Outcome, Skip, Stored};
pub use quantity::{number, quantity};
pub use query::{is_identifier, matchable, Name, Query};
pub use stopwords::is_stopword;
