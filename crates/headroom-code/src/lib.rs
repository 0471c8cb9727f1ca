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
    parse_with(source, language, None)
}

thread_local! {
    /// A parser per thread, kept between calls: a new one allocates its stacks and lexer buffers afresh,
    /// a few percent of parsing a typical file.
    static PARSER: std::cell::RefCell<tree_sitter::Parser> = std::cell::RefCell::new(tree_sitter::Parser::new());
}

/// Parses `source`, reusing the nodes of `old` (already told about the edits) when given.
pub(crate) fn parse_with(
    source: &str,
    language: Language,
    old: Option<&tree_sitter::Tree>,
) -> Option<tree_sitter::Tree> {
    let run = |parser: &mut tree_sitter::Parser| {
        parser.set_language(&language.grammar()).ok()?;
        // Each parse starts clean: nothing is resumed from a parse another call began.
        parser.reset();
        parser.parse(source, old)
    };
    PARSER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut parser) => run(&mut parser),
        // Never the case (a parse calls nothing of ours), but a fresh parser beats a panic.
        Err(_) => run(&mut tree_sitter::Parser::new()),
    })
}
