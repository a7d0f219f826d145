//! Reading what `concord check` checks and checks against: bilingual files,
//! parallel text, glossaries and TMs, with the language pair applied.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::formats::{self, Format, ReadOptions};
use crate::model::{Glossary, LangTag, Unit};

use super::{CheckOptions, CheckedFile};

/// Checks that a language tag is well-formed (`zh`, `zh-CN`, `zh-Hans`,
/// `en-US`): a 2–3 letter primary subtag, then alphanumeric subtags.
pub fn validate_lang(tag: &LangTag) -> Result<()> {
    let mut parts = tag.as_str().split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "unknown language '{tag}' (expected a tag such as zh, zh-CN, en, en-GB)"
        )))
    }
}

/// Units whose language the file did not declare (`und`) take the language
/// of their side: the first variant the source language, the second the
/// target language.
///
/// Three-letter codes as memoQ writes them (`eng`, `zho-CN`, `chi`) are read
/// as their two-letter equivalents so that `--target-lang en` finds them.
fn assume_languages(units: &mut [Unit], o: &CheckOptions) {
    for u in units {
        assume_unit_languages(u, &o.source_lang, &o.target_lang);
    }
}

fn assume_unit_languages(u: &mut Unit, source: &LangTag, target: &LangTag) {
    for (i, v) in u.variants.iter_mut().enumerate() {
        if let Some(two) = two_letter(v.lang.as_str()) {
            v.lang = LangTag::new(two);
        }
        if v.lang.as_str() == "und" {
            v.lang = if i == 0 {
                source.clone()
            } else {
                target.clone()
            };
        }
    }
}

/// `eng-US` → `en-US`, for the ISO 639-2/3 codes of the languages CAT tools
/// pair with Chinese; None when the tag is not one of them.
fn two_letter(tag: &str) -> Option<String> {
    let (primary, rest) = match tag.split_once(['-', '_']) {
        Some((p, r)) => (p, Some(r)),
        None => (tag, None),
    };
    let two = match primary.to_ascii_lowercase().as_str() {
        "eng" => "en",
        "zho" | "chi" => "zh",
        "fra" | "fre" => "fr",
        "deu" | "ger" => "de",
        "spa" => "es",
        "rus" => "ru",
        "jpn" => "ja",
        "kor" => "ko",
        "ara" => "ar",
        "por" => "pt",
        _ => return None,
    };
    Some(match rest {
        Some(r) => format!("{two}-{r}"),
        None => two.to_string(),
    })
}

fn read_options(o: &CheckOptions) -> ReadOptions {
    ReadOptions {
        source_lang: Some(o.source_lang.clone()),
        target_lang: Some(o.target_lang.clone()),
    }
}

/// Reads a bilingual file (TMX, XLIFF 1.2/2.x incl. SDLXLIFF and MQXLIFF,
/// bilingual CSV/TSV), detecting its format.
pub fn read_checked_file(path: &Path, o: &CheckOptions) -> Result<CheckedFile> {
    let units = open_checked_file(path, o)?.collect::<Result<Vec<Unit>>>()?;
    Ok(CheckedFile::new(path, units))
}

/// Opens a bilingual file like [`read_checked_file`], for a
/// [`CheckRun`](super::CheckRun): its units are read as they are asked for
/// (TMX and CSV/TSV stream; the XLIFF reader reads its file whole first).
pub fn open_checked_file(path: &Path, o: &CheckOptions) -> Result<formats::Units> {
    let format = match Format::detect(path) {
        Ok(f) => f,
        // A .xlf that is not XLIFF: the XLIFF reader says where and why.
        Err(_) if Format::from_extension(path) == Some(Format::Xliff) => Format::Xliff,
        Err(e) => return Err(e),
    };
    let units = formats::read_units(path, Some(format), &read_options(o))?;
    let (source, target) = (o.source_lang.clone(), o.target_lang.clone());
    Ok(Box::new(units.map(move |u| {
        u.map(|mut u| {
            assume_unit_languages(&mut u, &source, &target);
            u
        })
    })))
}

/// Reads two parallel plain-text files (one segment per line) as one file,
/// located by the source file's name.
pub fn read_parallel(source: &Path, target: &Path, o: &CheckOptions) -> Result<CheckedFile> {
    let units = formats::parallel_text::read_pair(
        source,
        target,
        o.source_lang.as_str(),
        o.target_lang.as_str(),
    )?;
    Ok(CheckedFile::new(source, units))
}

/// Loads and merges glossaries. An id defined in two files is an error
/// naming both, since the check could only guess which one is meant.
pub fn load_glossaries(paths: &[PathBuf]) -> Result<Glossary> {
    let mut merged = Glossary::new();
    let mut owner: std::collections::HashMap<String, PathBuf> = Default::default();
    for path in paths {
        let g = crate::glossary::load(path)?;
        for e in g.entries.into_values() {
            if let Some(first) = owner.get(&e.id) {
                return Err(Error::invalid(format!(
                    "glossary id '{}' is also defined in {}",
                    e.id,
                    first.display()
                ))
                .in_file(path));
            }
            owner.insert(e.id.clone(), path.clone());
            merged.insert(e)?;
        }
    }
    Ok(merged)
}

/// Loads the units of TM files (TMX, or any bilingual format).
pub fn load_memories(paths: &[PathBuf], o: &CheckOptions) -> Result<Vec<Unit>> {
    let mut units = Vec::new();
    for path in paths {
        let mut more =
            formats::read_units(path, None, &read_options(o))?.collect::<Result<Vec<Unit>>>()?;
        assume_languages(&mut more, o);
        units.append(&mut more);
    }
    Ok(units)
}
