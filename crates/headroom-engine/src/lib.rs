//! The compression engine's front door: [`router::detect`] says what a block of text is (without ML,
//! from structural checks on a bounded sample), and [`compress_block`] runs the compressor for that kind,
//! failing open.

mod dispatch;
pub mod router;
mod stop;

pub use dispatch::{compress_block, BlockRequest, BlockResult};
pub use stop::Stop;
