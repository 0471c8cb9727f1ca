//! The languages Headroom can parse, and how to recognise them from a file extension.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Rust,
    Java,
    C,
    Cpp,
    Ruby,
    Php,
    Lua,
    Perl,
    Bash,
}

impl Language {
    pub const ALL: [Language; 14] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Go,
        Language::Rust,
        Language::Java,
        Language::C,
        Language::Cpp,
        Language::Ruby,
        Language::Php,
        Language::Lua,
        Language::Perl,
        Language::Bash,
    ];

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            // The JavaScript grammar parses JSX too, so `.jsx` needs no grammar of its own.
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::C => tree_sitter_c::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            // The full PHP grammar: a file starts in HTML mode and `<?php` switches to code, as PHP does.
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Language::Lua => tree_sitter_lua::LANGUAGE.into(),
            Language::Perl => tree_sitter_perl::LANGUAGE.into(),
            Language::Bash => tree_sitter_bash::LANGUAGE.into(),
        }
    }

    /// The language for a file extension (without the dot), if Headroom has its grammar.
    pub fn from_extension(ext: &str) -> Option<Language> {
        let ext = ext.trim_start_matches('.').to_ascii_lowercase();
        match ext.as_str() {
            "py" | "pyi" | "pyw" => Some(Language::Python),
            "js" | "mjs" | "cjs" | "jsx" => Some(Language::JavaScript),
            "ts" | "mts" | "cts" => Some(Language::TypeScript),
            "tsx" => Some(Language::Tsx),
            "go" => Some(Language::Go),
            "rs" => Some(Language::Rust),
            "java" => Some(Language::Java),
            // `.h` is shared by C and C++; C is the safer guess for plain C code, and a header that
            // needs C++ fails as C and is read with the C++ grammar instead (see `grammar`).
            "c" | "h" => Some(Language::C),
            "cc" | "cpp" | "cxx" | "c++" | "hh" | "hpp" | "hxx" | "h++" | "ipp" | "tcc" => {
                Some(Language::Cpp)
            }
            "rb" | "rake" | "gemspec" | "ru" => Some(Language::Ruby),
            "php" | "phtml" | "inc" => Some(Language::Php),
            "lua" => Some(Language::Lua),
            "pl" | "pm" | "t" => Some(Language::Perl),
            "sh" | "bash" => Some(Language::Bash),
            _ => None,
        }
    }

    /// A stable lowercase name (`python`, `javascript`, `typescript`, `tsx`, `go`, `rust`, `java`, `c`,
    /// `cpp`, `ruby`, `php`, `lua`, `perl`, `bash`), used in transforms and diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Go => "go",
            Language::Rust => "rust",
            Language::Java => "java",
            Language::C => "c",
            Language::Cpp => "cpp",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Lua => "lua",
            Language::Perl => "perl",
            Language::Bash => "bash",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_loads() {
        for lang in Language::ALL {
            let mut parser = tree_sitter::Parser::new();
            assert!(
                parser.set_language(&lang.grammar()).is_ok(),
                "{}",
                lang.name()
            );
        }
    }

    #[test]
    fn extensions_map_to_languages() {
        assert_eq!(Language::from_extension("PY"), Some(Language::Python));
        assert_eq!(Language::from_extension(".jsx"), Some(Language::JavaScript));
        assert_eq!(Language::from_extension("tsx"), Some(Language::Tsx));
        assert_eq!(Language::from_extension("hpp"), Some(Language::Cpp));
        assert_eq!(Language::from_extension("rs"), Some(Language::Rust));
        assert_eq!(Language::from_extension("rb"), Some(Language::Ruby));
        assert_eq!(Language::from_extension("pm"), Some(Language::Perl));
        assert_eq!(Language::from_extension("sh"), Some(Language::Bash));
        assert_eq!(Language::from_extension("md"), None);
    }
}
