//! Texts with named placeholders: the sentences coaching code fills in, kept in the pack so
//! wording is edited as data.
//!
//! A template is plain text with `{name}` placeholders (a lowercase name of letters, digits and
//! `_`); `{{` and `}}` stand for literal braces. Each kind of text (`[[plan_text]]`,
//! `[[fit_text]]`) has a fixed set of keys, declared with [`text_keys!`](crate::text_keys):
//! which ids the code needs and which placeholders it fills in for each. Validation checks a
//! pack against that contract, so a missing text or a placeholder the code does not provide is
//! reported at load, with its file and line, and never shows up half-rendered.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// One text entry: an id the code asks for and the wording it renders.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The key, kebab-case, one of the kind's ids.
    #[serde(default)]
    pub id: String,
    /// The wording, with `{name}` placeholders.
    #[serde(default)]
    pub text: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// Why a template does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte offset of the fault in the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.at)
    }
}

/// A parsed piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'t> {
    /// Text written as is (a doubled brace already undone).
    Literal(&'t str),
    /// A `{name}` placeholder.
    Placeholder(&'t str),
}

fn is_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn pieces(text: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                out.push(Piece::Literal(&text[literal_start..=i]));
                i += 2;
                literal_start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                out.push(Piece::Literal(&text[literal_start..=i]));
                i += 2;
                literal_start = i;
            }
            b'{' => {
                let Some(len) = text[i + 1..].find('}') else {
                    return Err(TemplateError {
                        at: i,
                        message: "`{` opens a placeholder that is never closed; write `{{` for a \
                                  literal brace"
                            .into(),
                    });
                };
                let name = &text[i + 1..i + 1 + len];
                if !is_name(name) {
                    return Err(TemplateError {
                        at: i,
                        message: format!(
                            "`{{{name}}}` is not a placeholder: names are lowercase letters, \
                             digits and `_`; write `{{{{` for a literal brace"
                        ),
                    });
                }
                out.push(Piece::Literal(&text[literal_start..i]));
                out.push(Piece::Placeholder(name));
                i += len + 2;
                literal_start = i;
            }
            b'}' => {
                return Err(TemplateError {
                    at: i,
                    message: "`}` closes nothing; write `}}` for a literal brace".into(),
                });
            }
            _ => i += 1,
        }
    }
    out.push(Piece::Literal(&text[literal_start..]));
    out.retain(|p| *p != Piece::Literal(""));
    Ok(out)
}

/// The placeholder names of `text`, in order of appearance (a name used twice is listed twice).
pub fn placeholders(text: &str) -> Result<Vec<&str>, TemplateError> {
    Ok(pieces(text)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Placeholder(name) => Some(name),
            Piece::Literal(_) => None,
        })
        .collect())
}

/// `text` with every placeholder replaced by its value. A placeholder without a value is kept
/// as written, and a text that does not parse is returned as is: validation rules both out
/// for a catalog's texts, and rendering must not fail on a path that cannot happen.
pub fn render(text: &str, values: &[(&str, &str)]) -> String {
    let Ok(pieces) = pieces(text) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 64);
    for piece in pieces {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Placeholder(name) => match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// The keys of one kind of text: the ids the code renders and the placeholders it fills in
/// for each. Implemented by the enums [`text_keys!`](crate::text_keys) declares.
pub trait TextKey: Copy + fmt::Debug + 'static {
    /// The TOML table the entries are written in, e.g. `plan_text`.
    const KIND: &'static str;
    /// Every key, in declaration order.
    const ALL: &'static [Self];
    /// The id written in the pack.
    fn id(self) -> &'static str;
    /// The placeholders the code fills in for this text.
    fn placeholders(self) -> &'static [&'static str];
    /// Position in [`TextKey::ALL`].
    fn index(self) -> usize;
    /// The key with this id.
    fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.id() == id)
    }
}

/// Declares an enum of text keys: each variant with its id and the placeholders the code
/// provides, e.g. `NoteCapped = "note-capped" [days_left, start]`.
#[macro_export]
macro_rules! text_keys {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $kind:literal {
            $(
                $(#[$doc:meta])*
                $variant:ident = $id:literal [$($placeholder:ident),* $(,)?]
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$doc])* $variant, )*
        }

        impl $crate::template::TextKey for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = &[$($name::$variant),*];

            fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            fn placeholders(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$(stringify!($placeholder)),*],)*
                }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// The texts of one kind, resolved by key: what a [`Catalog`](crate::Catalog) hands the code.
#[derive(Debug, Clone)]
pub struct Texts<K> {
    /// By [`TextKey::index`]; empty for a text the pack lacks (validation requires every one a
    /// pack needs).
    texts: Vec<String>,
    keys: PhantomData<K>,
}

impl<K: TextKey> Texts<K> {
    /// Resolves a pack's entries; unknown ids are ignored (validation reports them).
    pub fn new(entries: &[Template]) -> Texts<K> {
        let mut texts = vec![String::new(); K::ALL.len()];
        for entry in entries {
            if let Some(key) = K::parse(&entry.id) {
                texts[key.index()] = entry.text.clone();
            }
        }
        Texts {
            texts,
            keys: PhantomData,
        }
    }

    /// The template of `key`, unrendered.
    pub fn get(&self, key: K) -> &str {
        self.texts.get(key.index()).map_or("", String::as_str)
    }

    /// The text of `key` with its placeholders filled in from `values`.
    ///
    /// The names given must be the key's placeholders, no more and no fewer: that is the
    /// contract validation checks packs against, so debug builds assert it at every call.
    pub fn render(&self, key: K, values: &[(&str, &str)]) -> String {
        let declared = key.placeholders();
        debug_assert!(
            values.len() == declared.len()
                && values.iter().all(|(n, _)| declared.contains(n))
                && declared.iter().all(|d| values.iter().any(|(n, _)| n == d)),
            "{key:?} is rendered with {:?} but declares {:?}",
            values.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            declared
        );
        render(self.get(key), values)
    }
}

impl<K: TextKey> Default for Texts<K> {
    fn default() -> Self {
        Texts::new(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::text_keys! {
        /// Keys for the tests.
        enum Key in "test_text" {
            /// Takes two placeholders.
            Greeting = "greeting" [name, place],
            /// Takes none.
            Plain = "plain" [],
        }
    }

    #[test]
    fn placeholders_are_found_in_order_and_braces_can_be_doubled() {
        assert_eq!(
            placeholders("Hello {name} in {place}, {name}."),
            Ok(vec!["name", "place", "name"])
        );
        assert_eq!(placeholders("{{literal}} and {x_1}"), Ok(vec!["x_1"]));
        assert_eq!(placeholders("no placeholders"), Ok(vec![]));
    }

    #[test]
    fn malformed_templates_say_where() {
        let e = placeholders("Hello {name").expect_err("unclosed");
        assert_eq!(e.at, 6);
        assert!(e.message.contains("never closed"), "{e}");
        let e = placeholders("Hello {Name}").expect_err("capital");
        assert!(e.message.contains("`{Name}` is not a placeholder"), "{e}");
        let e = placeholders("a } b").expect_err("stray");
        assert_eq!(e.at, 2);
        let e = placeholders("a {} b").expect_err("empty");
        assert!(e.message.contains("`{}`"), "{e}");
    }

    #[test]
    fn rendering_fills_values_and_keeps_what_it_cannot() {
        assert_eq!(
            render("{a} and {b}, {{a}}", &[("a", "x"), ("b", "y")]),
            "x and y, {a}"
        );
        assert_eq!(render("{missing}!", &[]), "{missing}!");
        assert_eq!(render("broken {", &[("a", "x")]), "broken {");
        assert_eq!(render("ünï {a} ☃", &[("a", "é")]), "ünï é ☃");
    }

    #[test]
    fn texts_resolve_by_key() {
        let entries = [
            Template {
                id: "greeting".into(),
                text: "Hi {name}, welcome to {place}.".into(),
                origin: Origin::default(),
            },
            Template {
                id: "unknown".into(),
                text: "ignored".into(),
                origin: Origin::default(),
            },
        ];
        let texts: Texts<Key> = Texts::new(&entries);
        assert_eq!(
            texts.render(Key::Greeting, &[("place", "Oslo"), ("name", "Ada")]),
            "Hi Ada, welcome to Oslo."
        );
        assert_eq!(texts.get(Key::Plain), "");
        assert_eq!(Key::parse("plain"), Some(Key::Plain));
        assert_eq!(Key::Greeting.placeholders(), ["name", "place"]);
        assert_eq!(<Key as TextKey>::KIND, "test_text");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "declares")]
    fn rendering_with_other_names_than_declared_is_caught_in_debug_builds() {
        let texts: Texts<Key> = Texts::new(&[]);
        texts.render(Key::Greeting, &[("name", "Ada")]);
    }
}
