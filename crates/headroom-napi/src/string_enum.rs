//! The enums the JavaScript API names (error codes, profiles, content types, languages), each declared
//! by one list that gives both the `#[napi(string_enum)]` enum of the typings and its strings in Rust.

/// `string_enum! { "doc" Name { Variant = "value": "doc", … } }` declares `Name` as a napi string enum
/// with `as_ref` (the value), `parse` (the inverse) and `ALL`. The documentation is a string, not a
/// `///` comment: napi-rs copies a doc comment passed through a macro into the typings as a raw literal
/// (`r" …"`).
macro_rules! string_enum {
    ($enum_doc:literal $name:ident { $($variant:ident = $value:literal: $doc:literal,)* }) => {
        #[doc = $enum_doc]
        #[napi_derive::napi(string_enum)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $(#[doc = $doc] #[napi(value = $value)] $variant,)*
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                match self {
                    $($name::$variant => $value,)*
                }
            }
        }

        #[allow(dead_code)]
        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant,)*];

            pub fn parse(value: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_ref() == value)
            }
        }
    };
}
