//! Looking a term up in the glossary: the translator's quick question
//! "how do we render 全球治理倡议?" or "is *One Belt, One Road* still allowed?".
//!
//! A query matches exactly when, after folding (NFKC, dashes, quotes, white
//! space and case), it equals an entry's Chinese term or variant, its approved
//! English rendering, an accepted variant or a forbidden rendering. With no
//! exact hit, the closest entries are proposed with a similarity: Chinese
//! queries are compared with Chinese forms, English ones with English forms.
//!
//! ```
//! use concord::glossary::lookup::{lookup, MatchedForm};
//! use concord::model::{Entry, Glossary};
//! let mut g = Glossary::new();
//! g.insert(Entry {
//!     id: "bri".into(),
//!     zh: "一带一路倡议".into(),
//!     en: "Belt and Road Initiative".into(),
//!     en_forbidden: vec!["One Belt, One Road".into()],
//!     ..Entry::default()
//! }).unwrap();
//! let glossaries = [g];
//! let found = lookup(&glossaries, "one belt, one road", 5);
//! assert!(found.exact);
//! assert_eq!(found.hits[0].form, MatchedForm::EnForbidden);
//! ```

use serde::Serialize;

use crate::model::{Entry, Glossary};
use crate::text::normalize::fold_caseless;
use crate::text::token::is_han;

/// Which form of the entry the query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedForm {
    /// The Chinese term.
    Zh,
    /// A Chinese variant.
    ZhVariant,
    /// The approved English rendering.
    En,
    /// An accepted English variant.
    EnVariant,
    /// A forbidden English rendering: the entry is shown with a warning.
    EnForbidden,
    /// The entry id.
    Id,
}

impl MatchedForm {
    /// How the form is described to a reader.
    pub fn describe(self) -> &'static str {
        match self {
            MatchedForm::Zh => "Chinese term",
            MatchedForm::ZhVariant => "Chinese variant",
            MatchedForm::En => "approved rendering",
            MatchedForm::EnVariant => "accepted variant",
            MatchedForm::EnForbidden => "forbidden rendering",
            MatchedForm::Id => "entry id",
        }
    }
}

/// One entry that matched the query.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'g> {
    pub entry: &'g Entry,
    /// The glossary file the entry comes from, where known.
    pub glossary: Option<String>,
    /// The form of the entry that matched (as written in the glossary).
    pub matched: &'g str,
    pub form: MatchedForm,
    /// 1.0 for an exact hit; below for a fuzzy one.
    pub similarity: f64,
}

/// The answer to a lookup.
#[derive(Debug, Clone, Serialize)]
pub struct Lookup<'g> {
    pub query: String,
    /// True when `hits` are exact matches; false when they are the closest entries.
    pub exact: bool,
    pub hits: Vec<Hit<'g>>,
}

/// Fuzzy candidates below this similarity are not worth showing.
const MIN_SIMILARITY: f64 = 0.25;

/// Looks `query` up in `glossaries`: every exact hit, or else the `limit`
/// most similar entries (one hit per entry, best form first).
pub fn lookup<'g>(glossaries: &'g [Glossary], query: &str, limit: usize) -> Lookup<'g> {
    let folded = fold_caseless(query.trim());
    let han_query = folded.chars().any(is_han);
    let mut exact: Vec<Hit<'g>> = Vec::new();
    let mut fuzzy: Vec<Hit<'g>> = Vec::new();
    for g in glossaries {
        let origin = g.origin.as_ref().map(|p| p.display().to_string());
        for entry in g.iter() {
            let forms = forms(entry);
            if let Some((matched, form)) = forms
                .iter()
                .find(|(text, _)| !text.is_empty() && fold_caseless(text) == folded)
            {
                exact.push(Hit {
                    entry,
                    glossary: origin.clone(),
                    matched,
                    form: *form,
                    similarity: 1.0,
                });
                continue;
            }
            if folded.is_empty() {
                continue;
            }
            let best = forms
                .iter()
                .filter(|(text, form)| {
                    !text.is_empty() && *form != MatchedForm::Id && is_chinese(*form) == han_query
                })
                .map(|(text, form)| (similarity(&folded, &fold_caseless(text)), *text, *form))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((sim, matched, form)) = best
                && sim >= MIN_SIMILARITY
            {
                fuzzy.push(Hit {
                    entry,
                    glossary: origin.clone(),
                    matched,
                    form,
                    similarity: sim,
                });
            }
        }
    }
    if !exact.is_empty() {
        return Lookup {
            query: query.to_string(),
            exact: true,
            hits: exact,
        };
    }
    // Most similar first; ties in glossary order (the sort is stable).
    fuzzy.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    fuzzy.truncate(limit);
    Lookup {
        query: query.to_string(),
        exact: false,
        hits: fuzzy,
    }
}

fn is_chinese(form: MatchedForm) -> bool {
    matches!(form, MatchedForm::Zh | MatchedForm::ZhVariant)
}

/// Every form of an entry a query can match, most authoritative first.
fn forms(entry: &Entry) -> Vec<(&str, MatchedForm)> {
    let mut out = vec![(entry.zh.as_str(), MatchedForm::Zh)];
    out.extend(
        entry
            .zh_variants
            .iter()
            .map(|v| (v.as_str(), MatchedForm::ZhVariant)),
    );
    out.push((entry.en.as_str(), MatchedForm::En));
    out.extend(
        entry
            .en_variants
            .iter()
            .map(|v| (v.as_str(), MatchedForm::EnVariant)),
    );
    out.extend(
        entry
            .en_forbidden
            .iter()
            .map(|v| (v.as_str(), MatchedForm::EnForbidden)),
    );
    out.push((entry.id.as_str(), MatchedForm::Id));
    out
}

/// Similarity of two folded strings in 0..=1: normalised edit distance over
/// characters, raised when one contains the other (a query for 一带一路 should
/// find 一带一路倡议 before 一带一盟).
fn similarity(query: &str, form: &str) -> f64 {
    let edit = strsim::normalized_levenshtein(query, form);
    let (short, long) = if query.chars().count() <= form.chars().count() {
        (query, form)
    } else {
        (form, query)
    };
    let containment = if !short.is_empty() && long.contains(short) {
        0.5 + 0.5 * short.chars().count() as f64 / long.chars().count().max(1) as f64
    } else {
        0.0
    };
    edit.max(containment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let mut g = Glossary::new();
        let rows = [
            (
                "bri",
                "一带一路倡议",
                vec!["一带一路"],
                "Belt and Road Initiative",
                vec!["BRI"],
                vec!["One Belt, One Road", "OBOR"],
            ),
            (
                "gdi",
                "全球发展倡议",
                vec![],
                "Global Development Initiative",
                vec![],
                vec![],
            ),
            (
                "gsi",
                "全球安全倡议",
                vec![],
                "Global Security Initiative",
                vec![],
                vec![],
            ),
            (
                "c-ca",
                "中国－中亚峰会",
                vec![],
                "China–Central Asia Summit",
                vec![],
                vec![],
            ),
        ];
        for (id, zh, zhv, en, env, forb) in rows {
            g.insert(Entry {
                id: id.into(),
                zh: zh.into(),
                zh_variants: zhv.into_iter().map(String::from).collect(),
                en: en.into(),
                en_variants: env.into_iter().map(String::from).collect(),
                en_forbidden: forb.into_iter().map(String::from).collect(),
                ..Entry::default()
            })
            .unwrap();
        }
        g
    }

    #[test]
    fn exact_chinese_term_and_variant() {
        let g = [glossary()];
        let r = lookup(&g, "全球发展倡议", 5);
        assert!(r.exact);
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.hits[0].entry.id, "gdi");
        let r = lookup(&g, " 一带一路 ", 5);
        assert!(r.exact);
        assert_eq!(r.hits[0].form, MatchedForm::ZhVariant);
    }

    #[test]
    fn exact_after_folding_dashes_and_case() {
        let g = [glossary()];
        let r = lookup(&g, "中国—中亚峰会", 5);
        assert!(r.exact, "{r:?}");
        assert_eq!(r.hits[0].entry.id, "c-ca");
        let r = lookup(&g, "china-central asia summit", 5);
        assert!(r.exact, "{r:?}");
        assert_eq!(r.hits[0].form, MatchedForm::En);
        let r = lookup(&g, "ＢＲＩ", 5);
        assert_eq!(r.hits[0].form, MatchedForm::EnVariant);
    }

    #[test]
    fn forbidden_rendering_finds_the_entry() {
        let g = [glossary()];
        let r = lookup(&g, "obor", 5);
        assert!(r.exact);
        assert_eq!(r.hits[0].entry.id, "bri");
        assert_eq!(r.hits[0].form, MatchedForm::EnForbidden);
        assert_eq!(r.hits[0].matched, "OBOR");
    }

    #[test]
    fn fuzzy_chinese_ranks_by_similarity() {
        let g = [glossary()];
        let r = lookup(&g, "全球发展倡仪", 5);
        assert!(!r.exact);
        assert_eq!(r.hits[0].entry.id, "gdi");
        assert!(r.hits[0].similarity > r.hits[1].similarity);
        assert!(r.hits.iter().all(|h| is_chinese(h.form)), "{r:?}");
    }

    #[test]
    fn fuzzy_english_compares_english_forms() {
        let g = [glossary()];
        let r = lookup(&g, "Global Developement Initiative", 5);
        assert!(!r.exact);
        assert_eq!(r.hits[0].entry.id, "gdi");
        assert!(r.hits.iter().all(|h| !is_chinese(h.form)), "{r:?}");
    }

    #[test]
    fn limit_and_nothing_found() {
        let g = [glossary()];
        assert!(lookup(&g, "倡议", 2).hits.len() <= 2);
        let r = lookup(&g, "zzzzzzzzzzzzzz", 5);
        assert!(!r.exact);
        assert!(r.hits.is_empty(), "{r:?}");
        assert!(lookup(&g, "", 5).hits.is_empty());
    }
}
