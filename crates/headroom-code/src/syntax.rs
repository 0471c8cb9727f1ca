//! Per-language facts the folder needs: which nodes are functions with a foldable body, where their name
//! is, and how a marker is written as a comment in that language.

use crate::Language;
use tree_sitter::Node;

/// How a folded body is written back so that the output still parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyStyle {
    /// Python: the body is an indented block; the marker line is `...  # [headroom: …]`, a valid statement.
    Indented,
    /// Brace languages: the `{` and `}` lines stay, the lines between become `/* [headroom: …] */`.
    Braced,
}

impl Language {
    pub(crate) fn body_style(self) -> BodyStyle {
        match self {
            Language::Python => BodyStyle::Indented,
            _ => BodyStyle::Braced,
        }
    }

    /// True for a node whose `body` field holds a function or method body worth folding. Lambdas and
    /// closures passed inline are left alone except JavaScript's function-valued expressions, which are
    /// how JS and TS code defines most of its functions.
    pub(crate) fn is_function(self, kind: &str) -> bool {
        match self {
            Language::Python => kind == "function_definition",
            Language::JavaScript | Language::TypeScript | Language::Tsx => matches!(
                kind,
                "function_declaration"
                    | "generator_function_declaration"
                    | "function_expression"
                    | "function"
                    | "generator_function"
                    | "arrow_function"
                    | "method_definition"
            ),
            Language::Go => matches!(
                kind,
                "function_declaration" | "method_declaration" | "func_literal"
            ),
            Language::Rust => kind == "function_item",
            Language::Java => {
                matches!(
                    kind,
                    "method_declaration"
                        | "constructor_declaration"
                        | "compact_constructor_declaration"
                )
            }
            Language::C | Language::Cpp => kind == "function_definition",
        }
    }

    pub(crate) fn is_comment(self, kind: &str) -> bool {
        matches!(kind, "comment" | "line_comment" | "block_comment")
    }
}

/// The body of a function node, when it is a block we know how to fold (not an arrow function's bare
/// expression, not a C++ `= default`).
pub(crate) fn body_of<'t>(lang: Language, node: Node<'t>) -> Option<Node<'t>> {
    let body = node.child_by_field_name("body")?;
    let ok = match lang {
        Language::Python => body.kind() == "block",
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            body.kind() == "statement_block"
        }
        Language::Go | Language::Rust => body.kind() == "block",
        Language::Java => matches!(body.kind(), "block" | "constructor_body"),
        Language::C | Language::Cpp => body.kind() == "compound_statement",
    };
    ok.then_some(body)
}

/// The name a function is known by: its own `name` field, or for an anonymous JS function the variable,
/// property or field it is assigned to. C and C++ keep the name inside the declarator chain.
pub(crate) fn name_of<'s>(node: Node, source: &'s str) -> Option<&'s str> {
    if let Some(name) = node.child_by_field_name("name") {
        return source.get(name.byte_range());
    }
    if let Some(mut decl) = node.child_by_field_name("declarator") {
        // C/C++: function_declarator → (qualified_)identifier, possibly under pointer declarators.
        for _ in 0..8 {
            match decl.child_by_field_name("declarator") {
                Some(inner) => decl = inner,
                None => break,
            }
        }
        let text = source.get(decl.byte_range())?;
        // `ns::Class::method` → `method`, so the query can name it plainly.
        return Some(text.rsplit("::").next().unwrap_or(text));
    }
    let parent = node.parent()?;
    let named = match parent.kind() {
        "variable_declarator" => parent.child_by_field_name("name"),
        "pair" => parent.child_by_field_name("key"),
        "assignment_expression" => parent.child_by_field_name("left"),
        "public_field_definition" | "field_definition" => parent
            .child_by_field_name("name")
            .or_else(|| parent.child_by_field_name("property")),
        _ => None,
    }?;
    let text = source.get(named.byte_range())?;
    Some(text.rsplit('.').next().unwrap_or(text))
}
