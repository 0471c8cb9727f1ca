//! Per-language facts the folder needs: which nodes are functions with a foldable body, where their name
//! is, and how a marker is written as a comment in that language.

use crate::Language;
use tree_sitter::Node;

/// How a folded body is written back so that the output still parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyStyle {
    /// The body node is exactly the body's statements, with no delimiter of its own: Python's indented
    /// block, Ruby's and Lua's statements before `end`. Its rows become one marker line.
    Indented,
    /// Brace languages: the `{` and `}` lines stay, the lines between become the marker line.
    Braced,
}

impl Language {
    pub(crate) fn body_style(self) -> BodyStyle {
        match self {
            Language::Python | Language::Ruby | Language::Lua => BodyStyle::Indented,
            _ => BodyStyle::Braced,
        }
    }

    /// What starts a comment that runs to the end of the line.
    pub(crate) fn line_comment(self) -> &'static str {
        match self {
            Language::Python | Language::Ruby | Language::Perl | Language::Bash => "#",
            Language::Lua => "--",
            _ => "//",
        }
    }

    /// The statement that stands for a hidden body where the language needs one: Python rejects an
    /// empty block, and bash rejects an empty `{ }` (tree-sitter-bash accepts it, bash itself does not).
    pub(crate) fn empty_body(self) -> Option<&'static str> {
        match self {
            Language::Python => Some("..."),
            Language::Bash => Some(":"),
            _ => None,
        }
    }

    /// `text` as a comment on a line of its own: a block comment where the language has one, so the
    /// marker reads the same in every C-family language, else a line comment.
    pub(crate) fn comment_line(self, text: &str) -> String {
        match self.line_comment() {
            "//" => format!("/* {text} */"),
            line => format!("{line} {text}"),
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
            Language::C | Language::Cpp | Language::Perl | Language::Bash => {
                kind == "function_definition"
            }
            Language::Ruby => matches!(kind, "method" | "singleton_method"),
            Language::Php => matches!(kind, "function_definition" | "method_declaration"),
            Language::Lua => matches!(kind, "function_declaration" | "function_definition"),
        }
    }

    /// Comment nodes; Perl's line comments are `comments`, and its POD blocks (`=pod` … `=cut`) are
    /// documentation that folds like a block comment.
    pub(crate) fn is_comment(self, kind: &str) -> bool {
        matches!(
            kind,
            "comment" | "line_comment" | "block_comment" | "comments" | "pod_statement"
        )
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
        Language::C | Language::Cpp | Language::Php | Language::Bash => {
            body.kind() == "compound_statement"
        }
        Language::Ruby => body.kind() == "body_statement",
        Language::Lua | Language::Perl => body.kind() == "block",
    };
    ok.then_some(body)
}

/// The name a function is known by: its own `name` field, or for an anonymous JS function the variable,
/// property or field it is assigned to. C and C++ keep the name inside the declarator chain.
pub(crate) fn name_of<'s>(node: Node, source: &'s str) -> Option<&'s str> {
    if let Some(name) = node.child_by_field_name("name") {
        let text = source.get(name.byte_range())?;
        // Lua's `function utils.split` and `function M:new` → `split`, `new`.
        return Some(text.rsplit(['.', ':']).next().unwrap_or(text));
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
        // Lua: `__index = function(self, key) … end` inside a table constructor.
        "field" => parent.child_by_field_name("name"),
        "assignment_expression" => parent.child_by_field_name("left"),
        "public_field_definition" | "field_definition" => parent
            .child_by_field_name("name")
            .or_else(|| parent.child_by_field_name("property")),
        _ => None,
    }?;
    let text = source.get(named.byte_range())?;
    Some(text.rsplit('.').next().unwrap_or(text))
}
