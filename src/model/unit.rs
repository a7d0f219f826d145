//! Translation units: what a TMX `<tu>`, an XLIFF `<trans-unit>`/`<unit>` or a
//! bilingual CSV row becomes.
//!
//! The model is deliberately close to TMX 1.4b, the richest of the formats, so
//! that a TMX read and written again loses nothing: every attribute is kept in
//! document order ([`Attrs`]), props and notes stay on the level they were
//! found on, and inline markup is kept as a small element tree ([`Inline`])
//! rather than flattened to text. Matching and checks use
//! [`Segment::plain_text`], the text a translator reads.

use std::path::PathBuf;
use std::sync::Arc;

use super::LangTag;

/// Attributes in document order, exactly as read (namespaced names such as
/// `xml:lang` keep their prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Attrs(pub Vec<(String, String)>);

impl Attrs {
    pub fn new() -> Self {
        Attrs(Vec::new())
    }
    /// The value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    /// Replaces `name`'s value in place, or appends it.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }
    /// Removes `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(i).1)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Attrs(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// A piece of segment content: text, or an inline element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Inline {
    Text(String),
    Tag(Tag),
}

/// An inline element (`bpt`, `ept`, `ph`, `it`, `hi`, `sub`, `ut` in TMX; `g`,
/// `x`, `bx`, `ex`, `mrk`, `pc`, `sc`, `ec` in XLIFF), kept as a tree so that
/// writers can reproduce it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    /// Element name without namespace prefix.
    pub name: String,
    pub attrs: Attrs,
    pub children: Vec<Inline>,
}

/// What an inline element means for the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRole {
    /// Native code standing for formatting (`bpt`, `ph`, `x`, …). Its content is
    /// code, not text: left out of the plain text, compared by G001.
    Code,
    /// Translatable text with a marker around it (`hi`, `g`, `mrk`, `pc`): its
    /// content is part of the plain text, and the wrapper counts as a code.
    Wrapper,
    /// A sub-flow inside a code (`sub`): translatable, but not part of the
    /// sentence around it.
    SubFlow,
}

impl Tag {
    pub fn new(name: impl Into<String>) -> Self {
        Tag {
            name: name.into(),
            attrs: Attrs::new(),
            children: Vec::new(),
        }
    }

    /// The role of this element, from its name.
    pub fn role(&self) -> TagRole {
        match self.name.as_str() {
            "hi" | "g" | "mrk" | "pc" => TagRole::Wrapper,
            "sub" => TagRole::SubFlow,
            _ => TagRole::Code,
        }
    }

    /// The identity G001 compares: element name plus its pairing/id attribute
    /// (`i`, `x`, `id`, `rid`, `startRef`) and its `type`, where present.
    pub fn code_key(&self) -> String {
        let id = ["i", "x", "id", "rid", "startRef"]
            .iter()
            .find_map(|k| self.attrs.get(k));
        let mut key = self.name.clone();
        if let Some(id) = id {
            key.push('#');
            key.push_str(id);
        }
        if let Some(ty) = self.attrs.get("type") {
            key.push(':');
            key.push_str(ty);
        }
        key
    }

    /// The text inside this element, codes and sub-flows included (the native
    /// code of a `bpt`, for example).
    pub fn inner_text(&self) -> String {
        let mut out = String::new();
        fn walk(items: &[Inline], out: &mut String) {
            for item in items {
                match item {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Tag(t) => walk(&t.children, out),
                }
            }
        }
        walk(&self.children, &mut out);
        out
    }
}

/// The content of one language side of a unit: text with inline elements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Segment {
    pub content: Vec<Inline>,
}

impl Segment {
    /// A segment of plain text with no inline codes.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.is_empty() {
            return Segment::default();
        }
        Segment {
            content: vec![Inline::Text(text)],
        }
    }

    /// The text a reader sees: text at any level of wrappers (`hi`, `g`, …),
    /// without the native code inside `bpt`/`ph`/… and without sub-flows.
    pub fn plain_text(&self) -> String {
        self.plain_text_ref().into_owned()
    }

    /// [`Segment::plain_text`], borrowed from the segment when it is one
    /// run of text (most are): checking reads every unit's two texts.
    pub fn plain_text_ref(&self) -> std::borrow::Cow<'_, str> {
        match self.content.as_slice() {
            [] => std::borrow::Cow::Borrowed(""),
            [Inline::Text(t)] => std::borrow::Cow::Borrowed(t),
            _ => std::borrow::Cow::Owned(self.plain_text_walk()),
        }
    }

    fn plain_text_walk(&self) -> String {
        let mut out = String::new();
        fn walk(items: &[Inline], out: &mut String) {
            for item in items {
                match item {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Tag(tag) if tag.role() == TagRole::Wrapper => walk(&tag.children, out),
                    Inline::Tag(_) => {}
                }
            }
        }
        walk(&self.content, &mut out);
        out
    }

    /// Inline elements that stand for codes (codes and wrappers, not sub-flows),
    /// in document order, descending into wrappers.
    pub fn codes(&self) -> Vec<&Tag> {
        let mut out = Vec::new();
        fn walk<'a>(items: &'a [Inline], out: &mut Vec<&'a Tag>) {
            for item in items {
                if let Inline::Tag(tag) = item {
                    match tag.role() {
                        TagRole::Code => out.push(tag),
                        TagRole::Wrapper => {
                            out.push(tag);
                            walk(&tag.children, out);
                        }
                        TagRole::SubFlow => {}
                    }
                }
            }
        }
        walk(&self.content, &mut out);
        out
    }

    /// True when the segment holds no text and no codes.
    pub fn is_empty(&self) -> bool {
        self.content
            .iter()
            .all(|i| matches!(i, Inline::Text(t) if t.is_empty()))
    }

    /// True when the plain text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.plain_text().trim().is_empty()
    }
}

/// A `<prop type="…">value</prop>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Prop {
    /// The `type` attribute (`x-document`, `x-paragraph`, `x-align-score`, …).
    pub kind: String,
    /// Other attributes (`xml:lang`, `o-encoding`) in document order.
    pub attrs: Attrs,
    pub value: String,
}

impl Prop {
    pub fn new(kind: impl Into<String>, value: impl Into<String>) -> Self {
        Prop {
            kind: kind.into(),
            attrs: Attrs::new(),
            value: value.into(),
        }
    }
}

/// A `<note>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// Attributes (`xml:lang`, `o-encoding`) in document order.
    pub attrs: Attrs,
    pub text: String,
}

impl Note {
    pub fn new(text: impl Into<String>) -> Self {
        Note {
            attrs: Attrs::new(),
            text: text.into(),
        }
    }
}

/// One language version of a unit (a TMX `<tuv>`, an XLIFF source or target).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    pub lang: LangTag,
    /// Attributes other than the language (`creationdate`, `changeid`, `state`, …).
    pub attrs: Attrs,
    pub props: Vec<Prop>,
    pub notes: Vec<Note>,
    pub segment: Segment,
}

impl Variant {
    pub fn new(lang: impl Into<String>, segment: Segment) -> Self {
        Variant {
            lang: LangTag::new(lang.into()),
            attrs: Attrs::new(),
            props: Vec::new(),
            notes: Vec::new(),
            segment,
        }
    }
}

/// Where a unit came from, for error messages and `file:line` locations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: Option<Arc<PathBuf>>,
    /// 1-based line of the unit's start tag or row; 0 when unknown.
    pub line: u64,
}

/// A translation unit: an id, any number of language variants, metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// `tuid` in TMX, `id` in XLIFF and CSV; `None` when the file gave none.
    pub id: Option<String>,
    /// Unit attributes other than the id, in document order.
    pub attrs: Attrs,
    pub props: Vec<Prop>,
    pub notes: Vec<Note>,
    pub variants: Vec<Variant>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Unit {
    /// A bilingual unit of plain text, as the tests and the aligner make them.
    pub fn bilingual(
        id: Option<String>,
        source_lang: &str,
        source: &str,
        target_lang: &str,
        target: &str,
    ) -> Self {
        Unit {
            id,
            variants: vec![
                Variant::new(source_lang, Segment::from_text(source)),
                Variant::new(target_lang, Segment::from_text(target)),
            ],
            ..Unit::default()
        }
    }

    /// The variant that best answers `lang` (see [`LangTag::matches`]).
    pub fn variant(&self, lang: &LangTag, strict: bool) -> Option<&Variant> {
        LangTag::best(self.variants.iter().map(|v| &v.lang), lang, strict)
            .map(|i| &self.variants[i])
    }

    /// Mutable access to the variant that best answers `lang`.
    pub fn variant_mut(&mut self, lang: &LangTag, strict: bool) -> Option<&mut Variant> {
        let i = LangTag::best(self.variants.iter().map(|v| &v.lang), lang, strict)?;
        Some(&mut self.variants[i])
    }

    /// The first prop of `kind`.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.value.as_str())
    }
}

/// The TMX `<header>` (or the equivalent file-level metadata of other formats).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// Header attributes in document order (`creationtool`, `srclang`, …).
    pub attrs: Attrs,
    /// Notes, props and `ude` elements in document order.
    pub items: Vec<HeaderItem>,
}

/// A child of the TMX header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum HeaderItem {
    Note(Note),
    Prop(Prop),
    /// A user-defined-encoding element with its `map` children.
    Ude(Tag),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, attrs: &[(&str, &str)], children: Vec<Inline>) -> Inline {
        Inline::Tag(Tag {
            name: name.into(),
            attrs: attrs.iter().copied().collect(),
            children,
        })
    }
    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn plain_text_skips_code_keeps_wrapped_text() {
        let seg = Segment {
            content: vec![
                text("Click "),
                tag("bpt", &[("i", "1")], vec![text("<b>")]),
                text("here"),
                tag("ept", &[("i", "1")], vec![text("</b>")]),
                text(" and "),
                tag("hi", &[("type", "em")], vec![text("there")]),
                tag(
                    "ph",
                    &[],
                    vec![
                        text("{\\f"),
                        tag("sub", &[], vec![text("footnote")]),
                        text("}"),
                    ],
                ),
            ],
        };
        assert_eq!(seg.plain_text(), "Click here and there");
        let keys: Vec<_> = seg.codes().iter().map(|t| t.code_key()).collect();
        assert_eq!(keys, ["bpt#1", "ept#1", "hi:em", "ph"]);
    }

    #[test]
    fn attrs_keep_order_and_replace_in_place() {
        let mut a: Attrs = [("b", "1"), ("a", "2")].into_iter().collect();
        a.set("b", "3");
        a.set("c", "4");
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            [("b", "3"), ("a", "2"), ("c", "4")]
        );
        assert_eq!(a.remove("a").as_deref(), Some("2"));
    }

    #[test]
    fn variant_lookup_falls_back_to_region() {
        let u = Unit::bilingual(None, "zh-CN", "中国", "en-US", "China");
        assert_eq!(
            u.variant(&"zh".into(), false).unwrap().segment.plain_text(),
            "中国"
        );
        assert!(u.variant(&"en-GB".into(), true).is_none());
        assert_eq!(
            u.variant(&"EN".into(), false).unwrap().segment.plain_text(),
            "China"
        );
    }
}
