//! Which grammar reads a source best, and how badly it fails where it fails. An extension or a detector
//! names a language, but files lie: a C++ header ships as `.h`, a `.ts` file holds JSX, a `.js` file
//! carries type annotations. And a real file may hold a few syntax errors (a snippet cut mid-function, a
//! newer syntax than the grammar knows) that should cost the fold only the code around them.

use crate::{parse, Language};
use tree_sitter::Tree;

pub(crate) struct Parsed {
    pub tree: Tree,
    pub language: Language,
    pub errors: Errors,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Errors {
    /// ERROR and MISSING nodes (an ERROR inside an ERROR counts once): what the folded output may not
    /// exceed.
    pub nodes: usize,
    /// Bytes inside ERROR nodes: when most of the file is error, it is not in this language at all.
    pub bytes: usize,
}

impl Language {
    /// The grammar to try when this one fails. One sibling each, so a failing file costs one extra
    /// parse: C and C++ share headers; JS with types is TypeScript; TypeScript with JSX is TSX, and TSX
    /// rejects only TypeScript's `<T>value` casts.
    fn sibling(self) -> Option<Language> {
        match self {
            Language::C => Some(Language::Cpp),
            Language::Cpp => Some(Language::C),
            Language::JavaScript => Some(Language::TypeScript),
            Language::TypeScript => Some(Language::Tsx),
            Language::Tsx => Some(Language::TypeScript),
            _ => None,
        }
    }
}

/// Parses with `language`, and when that reports an error, with its sibling too; keeps whichever tree
/// has fewer error nodes (the given language on a tie).
pub(crate) fn parse_best(source: &str, language: Language) -> Option<Parsed> {
    let tree = parse(source, language)?;
    let first = Parsed {
        errors: errors(&tree),
        tree,
        language,
    };
    if first.errors.nodes == 0 {
        return Some(first);
    }
    let Some(other) = language
        .sibling()
        .and_then(|l| Some((l, parse(source, l)?)))
    else {
        return Some(first);
    };
    let second = Parsed {
        errors: errors(&other.1),
        tree: other.1,
        language: other.0,
    };
    Some(if second.errors.nodes < first.errors.nodes {
        second
    } else {
        first
    })
}

/// Counts ERROR and MISSING nodes. Only subtrees that contain an error are walked, so a clean tree
/// costs one check of its root.
pub(crate) fn errors(tree: &Tree) -> Errors {
    let mut found = Errors::default();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let descend = if node.is_error() {
            found.nodes += 1;
            found.bytes += node.byte_range().len();
            false
        } else if node.is_missing() {
            found.nodes += 1;
            false
        } else {
            node.has_error()
        };
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return found;
            }
        }
    }
}

/// The number of ERROR and MISSING nodes in `tree`: the compressor's output never has more than its
/// input had.
pub fn syntax_errors(tree: &Tree) -> usize {
    errors(tree).nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_sources_keep_their_grammar_and_count_no_errors() {
        let p = parse_best("int f(void) { return 1; }\n", Language::C).unwrap();
        assert_eq!((p.language, p.errors), (Language::C, Errors::default()));
    }

    #[test]
    fn a_cpp_header_given_as_c_is_read_as_cpp() {
        let src = "namespace pool {\nclass Pool {\n public:\n  int size() const { return n_; }\n private:\n  int n_;\n};\n}\n";
        let p = parse_best(src, Language::C).unwrap();
        assert_eq!(p.language, Language::Cpp);
        assert_eq!(p.errors.nodes, 0);
    }

    #[test]
    fn typescript_with_jsx_is_read_as_tsx_and_js_with_types_as_typescript() {
        let tsx = "export const A = (p: { n: number }) => <div>{p.n}</div>;\n";
        assert_eq!(
            parse_best(tsx, Language::TypeScript).unwrap().language,
            Language::Tsx
        );
        let typed = "export function f(a: number, b: string): string {\n  return b + a;\n}\n";
        assert_eq!(
            parse_best(typed, Language::JavaScript).unwrap().language,
            Language::TypeScript
        );
    }

    #[test]
    fn errors_are_counted_once_per_region() {
        let p = parse_best(
            "def ok():\n    return 1\n\ndef broken(:\n    pass\n",
            Language::Python,
        )
        .unwrap();
        assert_eq!(p.language, Language::Python);
        // `def broken(:` is a MISSING `)`, not an ERROR region: one error, no bytes of error.
        assert_eq!((p.errors.nodes, p.errors.bytes), (1, 0));
    }
}
