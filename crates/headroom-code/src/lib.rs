//! Parsing source code into syntax trees. The CodeCompressor folds bodies using these trees.

mod language;
mod outline;

pub use language::Language;
pub use outline::{outline, Outline, Symbol, SymbolKind};

/// Parses `source` with the grammar of `language`. `None` only if the grammar cannot be loaded, which
/// would be an ABI mismatch between tree-sitter and a grammar crate (a build problem, not bad input).
pub fn parse(source: &str, language: Language) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language.grammar()).ok()?;
    parser.parse(source, None)
}
