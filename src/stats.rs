//! File statistics for `concord stats`: units, languages, words, characters.
//!
//! Words are counted the way CAT tools count them for Chinese: every Han
//! character is a word, and Latin-script words and numbers are words (see
//! [`crate::text::token`]); punctuation is not. Characters are counted
//! without white space. Counts are over the plain text of each segment
//! (inline codes left out), after folding full-width forms.
//!
//! ```
//! use concord::stats::count_words;
//! assert_eq!(count_words("共建“一带一路” 3,000 Belt-and-Road"), 6 + 1 + 3);
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use indexmap::IndexMap;

use crate::error::Result;
use crate::formats::{Content, Format, ReadOptions, open_units, read_glossary_as};
use crate::text::normalize::fold_str;
use crate::text::token::{TokenKind, tokens};

/// Counts for one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LangStats {
    /// The tag as first written in the file.
    pub lang: String,
    pub segments: u64,
    pub words: u64,
    /// Characters without white space.
    pub characters: u64,
}

/// Counts for one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FileStats {
    pub file: PathBuf,
    pub format: String,
    /// Translation units, or glossary entries for a glossary.
    pub units: u64,
    /// Per language, in order of first appearance (tags compared ignoring case).
    pub languages: Vec<LangStats>,
    /// Seconds spent reading and counting.
    pub parse_seconds: f64,
}

/// Words in `text`: Han characters, Latin words and numbers.
pub fn count_words(text: &str) -> u64 {
    let folded = fold_str(text);
    tokens(&folded)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Han | TokenKind::Word | TokenKind::Number))
        .count() as u64
}

/// Characters in `text`, white space excluded.
pub fn count_chars(text: &str) -> u64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u64
}

#[derive(Default)]
struct Tally {
    langs: IndexMap<String, LangStats>,
}

impl Tally {
    fn add(&mut self, lang: &str, text: &str) {
        let key = lang.replace('_', "-").to_ascii_lowercase();
        let s = self.langs.entry(key).or_insert_with(|| LangStats {
            lang: lang.to_string(),
            ..LangStats::default()
        });
        s.segments += 1;
        s.words += count_words(text);
        s.characters += count_chars(text);
    }
}

/// Reads `path` (format detected) and counts. Units stream; memory stays bounded.
pub fn file_stats(path: &Path, options: &ReadOptions) -> Result<FileStats> {
    let started = Instant::now();
    let format = Format::detect(path)?;
    let mut tally = Tally::default();
    let mut units = 0u64;
    match format.content() {
        Content::Units => {
            for unit in open_units(path, Some(format), options)?.units {
                let unit = unit?;
                units += 1;
                for v in &unit.variants {
                    tally.add(v.lang.as_str(), &v.segment.plain_text());
                }
            }
        }
        Content::Glossary => {
            let g = read_glossary_as(path, format)?;
            for e in g.iter() {
                units += 1;
                tally.add("zh", &e.zh);
                tally.add("en", &e.en);
            }
        }
    }
    Ok(FileStats {
        file: path.to_path_buf(),
        format: format.name().to_string(),
        units,
        languages: tally.langs.into_values().collect(),
        parse_seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_are_words() {
        assert_eq!(count_words("中国－中亚峰会"), 6);
        assert_eq!(count_words("China–Central Asia Summit, 2025"), 5);
        assert_eq!(count_chars("中国 China\u{3000}"), 7);
    }
}
