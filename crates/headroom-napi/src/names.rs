//! The names of profiles, content types and languages as JavaScript sees them, typed at the boundary:
//! the engine works with its own enums, converted here by exhaustive matches.

use headroom_code::Language as EngineLanguage;
use headroom_engine::router::ContentKind;
use headroom_marker::Profile as EngineProfile;

use crate::errors::{error, ErrorCode, Result};

string_enum! {
    "How hard to compress."
    Profile {
        Safe = "safe": "Lossless transformations only (minify, columnar tables, dedup with counts).",
        Balanced = "balanced": "Lossless first, then selection with every omission announced (the default).",
        Aggressive = "aggressive":
            "Smaller budgets, fewer kept context items; errors and query matches are still always kept.",
    }
}

string_enum! {
    "What a block of text is, as the router says (or the caller, to skip detection)."
    ContentType {
        Json = "json": "A JSON document.",
        Jsonl = "jsonl": "JSON Lines: one JSON value per line.",
        Log = "log": "Logs and build/test output.",
        Search = "search": "grep / ripgrep results.",
        Diff = "diff": "A unified diff.",
        Code = "code": "Source code in one of the `Language`s.",
        Html = "html": "An HTML page.",
        Prose = "prose": "Markdown, reStructuredText and plain prose.",
        Table = "table": "CSV, TSV and markdown tables.",
        Listing = "listing": "Tree-like listings: `npm ls`, `tree`, `ls -laR`, `find`.",
        Unknown = "unknown": "Nothing recognisable: passes through.",
    }
}

string_enum! {
    "A language whose source Headroom parses (with its tree-sitter grammar)."
    Language {
        Python = "python": "Python.",
        JavaScript = "javascript": "JavaScript, JSX included.",
        TypeScript = "typescript": "TypeScript.",
        Tsx = "tsx": "TypeScript with JSX.",
        Go = "go": "Go.",
        Rust = "rust": "Rust.",
        Java = "java": "Java.",
        C = "c": "C.",
        Cpp = "cpp": "C++.",
        Ruby = "ruby": "Ruby.",
        Php = "php": "PHP.",
        Lua = "lua": "Lua.",
        Perl = "perl": "Perl.",
        Bash = "bash": "Bash and POSIX shell.",
    }
}

/// The `profile` option: the default when absent, `HEADROOM_INVALID_ARG` when it is no profile. Options
/// arrive as strings (a napi enum would reject a bad one with napi's own error, without the code).
pub fn parse_profile(p: Option<&str>) -> Result<EngineProfile> {
    match p {
        None => Ok(EngineProfile::default()),
        Some(p) => Profile::parse(p)
            .map(EngineProfile::from)
            .ok_or_else(|| error(ErrorCode::HeadroomInvalidArg, format!("unknown profile `{p}`: use safe, balanced or aggressive"))),
    }
}

impl From<Profile> for EngineProfile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Safe => EngineProfile::Safe,
            Profile::Balanced => EngineProfile::Balanced,
            Profile::Aggressive => EngineProfile::Aggressive,
        }
    }
}

impl From<ContentType> for ContentKind {
    fn from(t: ContentType) -> Self {
        match t {
            ContentType::Json => ContentKind::Json,
            ContentType::Jsonl => ContentKind::JsonLines,
            ContentType::Log => ContentKind::Log,
            ContentType::Search => ContentKind::Search,
            ContentType::Diff => ContentKind::Diff,
            ContentType::Code => ContentKind::Code,
            ContentType::Html => ContentKind::Html,
            ContentType::Prose => ContentKind::Prose,
            ContentType::Table => ContentKind::Table,
            ContentType::Listing => ContentKind::Listing,
            ContentType::Unknown => ContentKind::Unknown,
        }
    }
}

impl From<ContentKind> for ContentType {
    fn from(k: ContentKind) -> Self {
        match k {
            ContentKind::Json => ContentType::Json,
            ContentKind::JsonLines => ContentType::Jsonl,
            ContentKind::Log => ContentType::Log,
            ContentKind::Search => ContentType::Search,
            ContentKind::Diff => ContentType::Diff,
            ContentKind::Code => ContentType::Code,
            ContentKind::Html => ContentType::Html,
            ContentKind::Prose => ContentType::Prose,
            ContentKind::Table => ContentType::Table,
            ContentKind::Listing => ContentType::Listing,
            ContentKind::Unknown => ContentType::Unknown,
        }
    }
}

impl From<Language> for EngineLanguage {
    fn from(l: Language) -> Self {
        match l {
            Language::Python => EngineLanguage::Python,
            Language::JavaScript => EngineLanguage::JavaScript,
            Language::TypeScript => EngineLanguage::TypeScript,
            Language::Tsx => EngineLanguage::Tsx,
            Language::Go => EngineLanguage::Go,
            Language::Rust => EngineLanguage::Rust,
            Language::Java => EngineLanguage::Java,
            Language::C => EngineLanguage::C,
            Language::Cpp => EngineLanguage::Cpp,
            Language::Ruby => EngineLanguage::Ruby,
            Language::Php => EngineLanguage::Php,
            Language::Lua => EngineLanguage::Lua,
            Language::Perl => EngineLanguage::Perl,
            Language::Bash => EngineLanguage::Bash,
        }
    }
}

impl From<EngineLanguage> for Language {
    fn from(l: EngineLanguage) -> Self {
        match l {
            EngineLanguage::Python => Language::Python,
            EngineLanguage::JavaScript => Language::JavaScript,
            EngineLanguage::TypeScript => Language::TypeScript,
            EngineLanguage::Tsx => Language::Tsx,
            EngineLanguage::Go => Language::Go,
            EngineLanguage::Rust => Language::Rust,
            EngineLanguage::Java => Language::Java,
            EngineLanguage::C => Language::C,
            EngineLanguage::Cpp => Language::Cpp,
            EngineLanguage::Ruby => Language::Ruby,
            EngineLanguage::Php => Language::Php,
            EngineLanguage::Lua => Language::Lua,
            EngineLanguage::Perl => Language::Perl,
            EngineLanguage::Bash => Language::Bash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The engine keeps its own names (reasons, transforms, the Rust benches): they must be the ones
    // JavaScript is given.
    #[test]
    fn the_engine_uses_the_same_names() {
        for &p in Profile::ALL {
            assert_eq!(EngineProfile::parse(p.as_ref()), Some(EngineProfile::from(p)));
        }
        for &t in ContentType::ALL {
            assert_eq!(ContentKind::from(t).name(), t.as_ref());
            assert_eq!(ContentType::from(ContentKind::from(t)), t);
        }
        assert_eq!(Language::ALL.len(), EngineLanguage::ALL.len());
        for &l in Language::ALL {
            assert_eq!(EngineLanguage::from(l).name(), l.as_ref());
            assert_eq!(Language::from(EngineLanguage::from(l)), l);
        }
    }
}
