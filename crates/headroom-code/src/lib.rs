//! Source code for Headroom: tree-sitter parsing, outlines, cheap language detection, and the
//! CodeCompressor ([`compress_code`]), which folds function bodies and long comments behind markers that
//! name the exact original lines, unfolds what the question asks about, and checks the output still parses.

mod compress;
mod detect;
mod edits;
mod focus;
mod fold;
mod grammar;
mod guard;
mod language;
mod lines;
mod non_code;
mod outline;
mod query;
mod relevance;
mod syntax;

pub use compress::compress_code;
pub use detect::detect_language;
pub use grammar::syntax_errors;
pub use language::Language;
pub use outline::{outline, Outline, Symbol, SymbolKind};

/// Parses `source` with the grammar of `language`. `None` only if the grammar cannot be loaded, which
/// would be an ABI mismatch between tree-sitter and a grammar crate (a build problem, not bad input).
pub fn parse(source: &str, language: Language) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language.grammar()).ok()?;
    parser.parse(source, None)
}
