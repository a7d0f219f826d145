//! Language tags as TMX and XLIFF write them (`zh-CN`, `ZH-cn`, `zh-Hans`, `en`).
//!
//! CAT tools disagree on case and on regions, so concord compares tags
//! case-insensitively and, unless asked to be strict, falls back from a
//! region to the bare language: asking for `zh` finds `zh-CN`, asking for
//! `zh-CN` prefers `zh-CN` but accepts `zh-Hans` or `zh`. Strict matching keeps
//! `zh-TW` and `zh-CN` apart for projects that translate both.

use std::fmt;

/// A BCP 47-ish language tag, kept exactly as written.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct LangTag(String);

/// How well a tag answers a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LangMatch {
    /// Same primary language only (`zh-TW` for `zh-CN`).
    Primary,
    /// One of the two is the bare language (`zh` for `zh-CN`, `zh-CN` for `zh`).
    Bare,
    /// Equal ignoring case.
    Exact,
}

impl LangTag {
    pub fn new(tag: impl Into<String>) -> Self {
        LangTag(tag.into())
    }
    /// The tag as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The primary language subtag, lower-cased (`zh` of `ZH-CN`).
    pub fn primary(&self) -> String {
        self.0
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }
    fn has_subtags(&self) -> bool {
        self.0.contains(['-', '_'])
    }
    /// The primary subtag as written.
    fn primary_str(&self) -> &str {
        self.0.split(['-', '_']).next().unwrap_or("")
    }
    /// Equal ignoring case, `_` written for `-`. Compared without
    /// allocating: every checked unit looks its two languages up.
    fn same_folded(&self, other: &LangTag) -> bool {
        let fold = |b: u8| {
            if b == b'_' {
                b'-'
            } else {
                b.to_ascii_lowercase()
            }
        };
        self.0.len() == other.0.len()
            && self
                .0
                .bytes()
                .zip(other.0.bytes())
                .all(|(a, b)| fold(a) == fold(b))
    }

    /// How `self` (a tag found in a file) answers a request for `wanted`;
    /// `None` when it does not. With `strict`, only an exact match counts.
    pub fn matches(&self, wanted: &LangTag, strict: bool) -> Option<LangMatch> {
        if self.same_folded(wanted) {
            return Some(LangMatch::Exact);
        }
        let primary = self.primary_str();
        if strict || primary.is_empty() || !primary.eq_ignore_ascii_case(wanted.primary_str()) {
            return None;
        }
        if !self.has_subtags() || !wanted.has_subtags() {
            Some(LangMatch::Bare)
        } else {
            Some(LangMatch::Primary)
        }
    }

    /// Index of the best match for `wanted` among `tags` (first of the best on ties).
    pub fn best<'a>(
        tags: impl IntoIterator<Item = &'a LangTag>,
        wanted: &LangTag,
        strict: bool,
    ) -> Option<usize> {
        let mut best: Option<(LangMatch, usize)> = None;
        for (i, tag) in tags.into_iter().enumerate() {
            if let Some(m) = tag.matches(wanted, strict)
                && best.is_none_or(|(b, _)| m > b)
            {
                best = Some((m, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for LangTag {
    fn from(s: &str) -> Self {
        LangTag::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> LangTag {
        LangTag::new(s)
    }

    #[test]
    fn case_insensitive_exact() {
        assert_eq!(
            t("ZH-CN").matches(&t("zh-cn"), true),
            Some(LangMatch::Exact)
        );
        assert_eq!(
            t("zh_CN").matches(&t("zh-CN"), true),
            Some(LangMatch::Exact)
        );
    }

    #[test]
    fn region_fallback_unless_strict() {
        assert_eq!(t("zh-CN").matches(&t("zh"), false), Some(LangMatch::Bare));
        assert_eq!(t("zh").matches(&t("zh-CN"), false), Some(LangMatch::Bare));
        assert_eq!(
            t("zh-Hans").matches(&t("zh-CN"), false),
            Some(LangMatch::Primary)
        );
        assert_eq!(t("zh-TW").matches(&t("zh-CN"), true), None);
        assert_eq!(t("en-GB").matches(&t("zh"), false), None);
    }

    #[test]
    fn best_prefers_exact() {
        let tags = [t("zh-TW"), t("zh"), t("zh-CN")];
        assert_eq!(LangTag::best(&tags, &t("zh-cn"), false), Some(2));
        assert_eq!(LangTag::best(&tags[..2], &t("zh-CN"), false), Some(1));
        assert_eq!(LangTag::best(&tags[..1], &t("zh-CN"), true), None);
    }
}
