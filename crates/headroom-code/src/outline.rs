//! A walk over a syntax tree that lists the top-level and nested definitions with their line ranges —
//! the facts the CodeCompressor needs to decide what to fold.

use crate::{parse, Language};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Function,
    Class,
    Method,
    Interface,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub kind: SymbolKind,
    pub name: String,
    /// 1-based, inclusive.
    pub start_line: usize,
    pub end_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub symbols: Vec<Symbol>,
    /// True when tree-sitter had to recover from a syntax error somewhere in the file.
    pub has_error: bool,
    pub node_count: usize,
}

/// Walks the whole tree iteratively (a cursor, no recursion), so deeply nested input cannot overflow
/// the stack.
pub fn outline(source: &str, language: Language) -> Option<Outline> {
    let tree = parse(source, language)?;
    let mut cursor = tree.walk();
    let mut symbols = Vec::new();
    let mut node_count = 0;
    loop {
        let node = cursor.node();
        node_count += 1;
        if let Some(kind) = symbol_kind(node.kind()) {
            if let Some(name) = node.child_by_field_name("name") {
                symbols.push(Symbol {
                    kind,
                    name: source[name.byte_range()].to_string(),
                    start_line: node.start_position().row + 1,
                    end_line: node.end_position().row + 1,
                });
            }
        }
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return Some(Outline {
                    symbols,
                    has_error: tree.root_node().has_error(),
                    node_count,
                });
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

fn symbol_kind(node_kind: &str) -> Option<SymbolKind> {
    match node_kind {
        "function_definition" | "function_declaration" => Some(SymbolKind::Function),
        "class_definition" | "class_declaration" => Some(SymbolKind::Class),
        "method_definition" => Some(SymbolKind::Method),
        "interface_declaration" => Some(SymbolKind::Interface),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PY: &str = "import os\n\nclass Session:\n    \"\"\"A session.\"\"\"\n\n    def get(self, url):\n        return url\n\n\ndef main():\n    s = Session()\n    print(s.get('x'))\n";

    const TS: &str = "import { x } from './x';\n\nexport interface Options {\n  port: number;\n}\n\nexport class Server {\n  listen(opts: Options): void {\n    console.log(opts.port);\n  }\n}\n\nexport function start(): Server {\n  return new Server();\n}\n";

    fn sym(kind: SymbolKind, name: &str, start_line: usize, end_line: usize) -> Symbol {
        Symbol {
            kind,
            name: name.into(),
            start_line,
            end_line,
        }
    }

    #[test]
    fn python_outline_lists_classes_methods_and_functions_with_line_ranges() {
        let o = outline(PY, Language::Python).unwrap();
        assert!(!o.has_error);
        // tree-sitter-python calls methods `function_definition` too; nesting tells them apart.
        assert_eq!(
            o.symbols,
            vec![
                sym(SymbolKind::Class, "Session", 3, 7),
                sym(SymbolKind::Function, "get", 6, 7),
                sym(SymbolKind::Function, "main", 10, 12)
            ]
        );
    }

    #[test]
    fn typescript_outline_lists_interfaces_classes_methods_and_functions() {
        let o = outline(TS, Language::TypeScript).unwrap();
        assert!(!o.has_error);
        assert_eq!(
            o.symbols,
            vec![
                sym(SymbolKind::Interface, "Options", 3, 5),
                sym(SymbolKind::Class, "Server", 7, 11),
                sym(SymbolKind::Method, "listen", 8, 10),
                sym(SymbolKind::Function, "start", 13, 15),
            ]
        );
        assert!(o.node_count > 40);
    }

    #[test]
    fn broken_source_is_flagged_not_fatal() {
        let o = outline("def broken(:\n    pass\n", Language::Python).unwrap();
        assert!(o.has_error);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let src = format!("x = {}1{}\n", "[".repeat(5_000), "]".repeat(5_000));
        let o = outline(&src, Language::Python).unwrap();
        assert!(o.node_count > 10_000);
    }
}
