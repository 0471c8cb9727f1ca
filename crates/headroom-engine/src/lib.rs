//! The compression engine's front door: [`router::detect`] says what a block of text is (without ML,
//! from structural checks on a bounded sample), and the compressor crates do the rest.

pub mod router;
