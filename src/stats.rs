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

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use indexmap::IndexMap;

use crate::error::Result;
use crate::formats::tmx::TmxReader;
use crate::formats::{Content, Format, ReadOptions, open_units, read_glossary_as};
use crate::model::{Inline, Segment, Unit};
use unicode_normalization::char::canonical_combining_class;

use crate::text::normalize::{FoldOptions, fold_each};
use crate::text::token::is_unspaced;

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
    let mut words = WordCounter::default();
    fold_each(text, &FoldOptions::matching(), |c, _, _| words.push(c));
    words.finish()
}

/// Characters in `text`, white space excluded.
pub fn count_chars(text: &str) -> u64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u64
}

/// Words and characters of `text` in one pass, as [`count_words`] and
/// [`count_chars`] count them.
///
/// Folding only changes what it counts through NFKC clusters (a character
/// and the combining marks after it) that are not plain ASCII or CJK
/// Unified Ideographs; dash, quote and white-space folding turn
/// non-word characters into other non-word characters. So plain characters
/// are counted directly and only the other clusters go through
/// [`fold_each`] — in the profile the per-character fold was still a fifth
/// of `concord stats` after the fold stopped allocating.
pub fn count_text(text: &str) -> (u64, u64) {
    let mut words = WordCounter::default();
    let mut chars = 0u64;
    let opts = FoldOptions::matching();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // An ASCII character followed by another (or by nothing) cannot
        // start a combining sequence: the bulk of English text, a byte at a
        // time (decoding every character was a fifth of the profile).
        if b.is_ascii() && bytes.get(at + 1).is_none_or(|n| n.is_ascii()) {
            chars += u64::from(!b.is_ascii_whitespace() && b != 0x0B);
            words.push_ascii(b);
            at += 1;
            continue;
        }
        // A CJK Unified Ideograph (U+4E00–U+9FFF: lead byte E5–E9, or E4
        // with a second byte from B8) followed by ASCII, another such
        // ideograph or nothing has no combining marks: one word, one
        // character, without decoding. Han text is most of the bytes of a
        // zh–en TM, and the general path below (decode this character and
        // the next, slice, look up) was ~40 % of the counting in callgrind.
        if is_plain_han_lead(bytes, at)
            && bytes
                .get(at + 3)
                .is_none_or(|&n| n.is_ascii() || is_plain_han_lead(bytes, at + 3))
        {
            chars += 1;
            words.push_han();
            at += 3;
            continue;
        }
        let rest = text.get(at..).unwrap_or("");
        let mut iter = rest.chars();
        let Some(c) = iter.next() else { break };
        let mut end = c.len_utf8();
        let mut marks = false;
        for m in iter {
            if is_plain(m) || canonical_combining_class(m) == 0 {
                break;
            }
            marks = true;
            end += m.len_utf8();
        }
        if !marks && c.is_ascii() {
            chars += u64::from(!c.is_ascii_whitespace() && c != '\x0B');
            words.push_ascii(c as u8);
        } else if !marks && is_plain(c) {
            chars += 1;
            words.push(c);
        } else if let (false, Some(folded)) = (marks, folded_punctuation(c)) {
            chars += u64::from(!c.is_whitespace());
            for &f in folded {
                words.push(f);
            }
        } else {
            let cluster = rest.get(..end).unwrap_or("");
            chars += count_chars(cluster);
            fold_each(cluster, &opts, |c, _, _| words.push(c));
        }
        at += end;
    }
    (words.finish(), chars)
}

/// Whether the UTF-8 character starting at `bytes[at]` is in U+4E00–U+9FFF
/// (`bytes` is valid UTF-8, so a lead byte E4–E9 has two continuation bytes).
fn is_plain_han_lead(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(0xE5..=0xE9) => true,
        Some(0xE4) => bytes.get(at + 1).is_some_and(|&b| b >= 0xB8),
        _ => false,
    }
}

/// Blocks whose characters are looked up in [`folded_punctuation`]: General
/// Punctuation (quotes, dashes, `…`), CJK Symbols and Punctuation (`。、《》`,
/// the ideographic space) and Halfwidth and Fullwidth Forms (`，：；（）`).
const PUNCTUATION_BLOCKS: [(char, char); 3] = [
    ('\u{2000}', '\u{206F}'),
    ('\u{3000}', '\u{303F}'),
    ('\u{FF00}', '\u{FFEF}'),
];

/// What [`fold_each`] makes of `c` alone, for the punctuation blocks of
/// Chinese text, computed once.
///
/// Every sentence of Chinese text has a few of these; each went through
/// `fold_each` on its own (NFKC, a scratch `Vec`): ~900 instructions a
/// character, 64k calls and 9 % of `concord stats` on the 10k-unit TM in
/// callgrind. Folding a lone character depends on nothing else, so the
/// answer is a table lookup.
fn folded_punctuation(c: char) -> Option<&'static [char]> {
    static TABLE: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    let mut index = 0;
    let mut found = None;
    for (first, last) in PUNCTUATION_BLOCKS {
        if (first..=last).contains(&c) {
            found = Some(index + (c as usize - first as usize));
            break;
        }
        index += last as usize - first as usize + 1;
    }
    let table = TABLE.get_or_init(|| {
        let opts = FoldOptions::matching();
        PUNCTUATION_BLOCKS
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .map(|c| {
                let mut folded = Vec::new();
                fold_each(c.encode_utf8(&mut [0; 4]), &opts, |f, _, _| folded.push(f));
                folded
            })
            .collect()
    });
    table.get(found?).map(Vec::as_slice)
}

/// ASCII and CJK Unified Ideographs: starters NFKC leaves alone (the same
/// test as the fast path inside `normalize::fold_each`).
fn is_plain(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Counts the word tokens ([`TokenKind::Han`], [`TokenKind::Word`],
/// [`TokenKind::Number`]) that [`tokens`] would find in a folded text fed
/// one character at a time, without building the folded string or the
/// token list: `concord stats` spent about half its time on that (profile:
/// `fold` 34 %, `tokens` 11 %, malloc/free). `tests/proptest_stats.rs`
/// checks it against `tokens(fold_str(text))`.
///
/// [`TokenKind::Han`]: crate::text::token::TokenKind::Han
/// [`TokenKind::Word`]: crate::text::token::TokenKind::Word
/// [`TokenKind::Number`]: crate::text::token::TokenKind::Number
/// [`tokens`]: crate::text::token::tokens
#[derive(Debug, Default)]
struct WordCounter {
    words: u64,
    run: Run,
}

/// Where the counter is inside a letter/digit run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Run {
    #[default]
    Outside,
    /// In a run of digits only (a number so far).
    Digits,
    /// In a run that has a letter.
    Letters,
    /// After `,` or `.` that follows a digits-only run: it stays in the
    /// number only if an ASCII digit comes next.
    Separator,
}

impl WordCounter {
    fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.push_ascii(c as u8);
            return;
        }
        if is_unspaced(c) {
            self.words += 1;
            self.run = Run::Outside;
        } else if c.is_alphanumeric() {
            let letter = c.is_alphabetic();
            self.run = match self.run {
                Run::Outside | Run::Separator => {
                    self.words += 1;
                    if letter { Run::Letters } else { Run::Digits }
                }
                Run::Digits if letter => Run::Letters,
                run => run,
            };
        } else {
            self.run = Run::Outside;
        }
    }

    /// [`WordCounter::push`] of a CJK Unified Ideograph: a word of its own.
    fn push_han(&mut self) {
        self.words += 1;
        self.run = Run::Outside;
    }

    fn push_ascii(&mut self, b: u8) {
        if b.is_ascii_alphanumeric() {
            let letter = b.is_ascii_alphabetic();
            self.run = match self.run {
                Run::Outside => {
                    self.words += 1;
                    if letter { Run::Letters } else { Run::Digits }
                }
                // "3,000": the separator was part of the number.
                Run::Separator if !letter => Run::Digits,
                Run::Separator => {
                    self.words += 1;
                    Run::Letters
                }
                Run::Digits if letter => Run::Letters,
                run => run,
            };
        } else if (b == b',' || b == b'.') && self.run == Run::Digits {
            self.run = Run::Separator;
        } else {
            self.run = Run::Outside;
        }
    }

    fn finish(&self) -> u64 {
        self.words
    }
}

#[derive(Default)]
struct Tally {
    langs: IndexMap<String, LangStats>,
    /// Tags as written → index in `langs`, so that the usual case (the same
    /// few spellings on every unit) costs one lookup and no allocation.
    spellings: HashMap<String, usize>,
}

impl Tally {
    fn add_unit(&mut self, unit: &Unit) {
        for v in &unit.variants {
            self.add(v.lang.as_str(), &plain_text(&v.segment));
        }
    }

    fn add(&mut self, lang: &str, text: &str) {
        let index = match self.spellings.get(lang) {
            Some(&i) => i,
            None => {
                let key = lang.replace('_', "-").to_ascii_lowercase();
                let entry = self.langs.entry(key);
                let i = entry.index();
                entry.or_insert_with(|| LangStats {
                    lang: lang.to_string(),
                    ..LangStats::default()
                });
                self.spellings.insert(lang.to_string(), i);
                i
            }
        };
        let Some((_, s)) = self.langs.get_index_mut(index) else {
            return;
        };
        s.segments += 1;
        let (words, chars) = count_text(text);
        s.words += words;
        s.characters += chars;
    }
}

/// The plain text of a segment, borrowed when it is a single text run (the
/// common case) instead of copied.
fn plain_text(segment: &Segment) -> Cow<'_, str> {
    match segment.content.as_slice() {
        [Inline::Text(t)] => Cow::Borrowed(t),
        [] => Cow::Borrowed(""),
        _ => Cow::Owned(segment.plain_text()),
    }
}

/// Reads `path` (format detected) and counts. Units stream; memory stays bounded.
pub fn file_stats(path: &Path, options: &ReadOptions) -> Result<FileStats> {
    let started = Instant::now();
    let format = Format::detect(path)?;
    let mut tally = Tally::default();
    let mut units = 0u64;
    match format.content() {
        Content::Units if format == Format::Tmx && use_two_threads(path) => {
            units = match count_in_two_threads(TmxReader::open(path)?, &mut tally)? {
                Some(n) => n,
                // No thread could be started (a process limit): read here.
                None => count_units(path, format, options, &mut tally)?,
            };
        }
        Content::Units => units = count_units(path, format, options, &mut tally)?,
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

/// The single-threaded loop: any unit format.
fn count_units(
    path: &Path,
    format: Format,
    options: &ReadOptions,
    tally: &mut Tally,
) -> Result<u64> {
    let mut units = 0u64;
    for unit in open_units(path, Some(format), options)?.units {
        tally.add_unit(&unit?);
        units += 1;
    }
    Ok(units)
}

/// Below this size a second thread costs more than it saves.
const TWO_THREADS_MIN_BYTES: u64 = 4 * 1024 * 1024;
/// Units travel between the threads in batches of about this much text, so
/// the channel costs little per unit and memory stays bounded: at most one
/// batch being filled, one queued and one being counted.
const BATCH_BYTES: usize = 256 * 1024;

/// Whether to read and count on two threads: the file is large and a
/// second core exists. `CONCORD_THREADS=1` forces the single-threaded path
/// (for comparisons and for machines where the cores are busy).
fn use_two_threads(path: &Path) -> bool {
    if std::env::var("CONCORD_THREADS").is_ok_and(|v| v.trim() == "1") {
        return false;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores > 1 && std::fs::metadata(path).is_ok_and(|m| m.len() >= TWO_THREADS_MIN_BYTES)
}

/// Reads units on one thread and counts them on this one.
///
/// After the fold and tokenizer fixes the profile split `concord stats` into
/// about three quarters XML reading and one quarter counting; with two cores
/// the counting runs alongside the reading. The reader thread keeps the units
/// (allocated and freed on the same thread) and passes only the language and
/// plain text of each segment, packed into one reusable buffer per batch:
/// a first version that sent whole units spent more CPU than it saved,
/// freeing on one thread what the other had allocated. Segments arrive in
/// file order and the reader's first error ends the stream, so counts and
/// errors are those of the single-threaded loop. `None` when the reader
/// thread could not be started (nothing has been read or counted then).
fn count_in_two_threads<R: Read + Send>(
    reader: TmxReader<R>,
    tally: &mut Tally,
) -> Result<Option<u64>> {
    let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(1);
    let (empty_tx, empty_rx) = mpsc::sync_channel::<Batch>(2);
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("tmx-reader".into())
            .spawn_scoped(scope, move || {
                let mut batch = Batch::default();
                for unit in reader {
                    match unit {
                        Ok(unit) => {
                            batch.units += 1;
                            for v in &unit.variants {
                                batch.push(v.lang.as_str(), &plain_text(&v.segment));
                            }
                        }
                        Err(e) => {
                            batch.error = Some(e);
                            break;
                        }
                    }
                    if batch.text.len() >= BATCH_BYTES {
                        let next = empty_rx.try_recv().unwrap_or_default();
                        if full_tx.send(std::mem::replace(&mut batch, next)).is_err() {
                            return;
                        }
                    }
                }
                let _ = full_tx.send(batch);
            });
        if spawned.is_err() {
            return Ok(None);
        }
        let mut units = 0u64;
        for mut batch in full_rx {
            let mut start = 0;
            for &(lang_end, text_end) in &batch.segments {
                let lang = batch.text.get(start..lang_end).unwrap_or("");
                let text = batch.text.get(lang_end..text_end).unwrap_or("");
                tally.add(lang, text);
                start = text_end;
            }
            units += batch.units;
            if let Some(e) = batch.error.take() {
                return Err(e);
            }
            batch.clear();
            let _ = empty_tx.try_send(batch);
        }
        Ok(Some(units))
    })
}

/// Segments of consecutive units packed for the counting thread.
#[derive(Default)]
struct Batch {
    /// Language tag and text of each segment, back to back.
    text: String,
    /// For each segment, where its tag ends and where its text ends in `text`.
    segments: Vec<(usize, usize)>,
    units: u64,
    error: Option<crate::error::Error>,
}

impl Batch {
    fn push(&mut self, lang: &str, text: &str) {
        self.text.push_str(lang);
        let lang_end = self.text.len();
        self.text.push_str(text);
        self.segments.push((lang_end, self.text.len()));
    }

    fn clear(&mut self) {
        self.text.clear();
        self.segments.clear();
        self.units = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TMX of `n` units, long enough to cross several batches.
    fn big_tmx(n: usize, tail: &str) -> String {
        let mut doc = String::from(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>\n",
        );
        for i in 0..n {
            let lang = if i % 3 == 0 { "EN_us" } else { "en-US" };
            doc.push_str(&format!(
                "<tu tuid=\"{i}\"><tuv xml:lang=\"zh-CN\"><seg>中国－中亚{i}，３，０００人</seg></tuv>\
                 <tuv xml:lang=\"{lang}\"><seg>China–Central <ph>x</ph>Asia {i}, 3,000 people</seg></tuv></tu>\n"
            ));
        }
        doc.push_str(tail);
        doc
    }

    fn single_threaded(doc: &str) -> Result<(u64, Vec<LangStats>)> {
        let mut tally = Tally::default();
        let mut units = 0;
        for unit in TmxReader::from_bytes(doc.as_bytes(), Some(Path::new("t.tmx")))? {
            tally.add_unit(&unit?);
            units += 1;
        }
        Ok((units, tally.langs.into_values().collect()))
    }

    fn two_threads(doc: &str) -> Result<(u64, Vec<LangStats>)> {
        let mut tally = Tally::default();
        let reader = TmxReader::from_bytes(doc.as_bytes(), Some(Path::new("t.tmx")))?;
        let units = count_in_two_threads(reader, &mut tally)?.expect("reader thread started");
        Ok((units, tally.langs.into_values().collect()))
    }

    #[test]
    fn two_threads_count_what_one_thread_counts() {
        let doc = big_tmx(6000, "</body></tmx>\n");
        assert!(doc.len() > 2 * BATCH_BYTES);
        let one = single_threaded(&doc).unwrap();
        assert_eq!(one.0, 6000);
        assert_eq!(one.1.len(), 2);
        assert_eq!(two_threads(&doc).unwrap(), one);
    }

    #[test]
    fn two_threads_report_the_same_error() {
        let doc = big_tmx(6000, "<tu><tuv><seg>x</seg></tuv></tu></body></tmx>\n");
        let one = single_threaded(&doc).unwrap_err().to_string();
        assert_eq!(one, "t.tmx:6003:5: <tuv> without xml:lang");
        assert_eq!(two_threads(&doc).unwrap_err().to_string(), one);
    }

    /// The punctuation table counts what folding each text whole counts,
    /// for every character of its blocks, alone, between digits (`，` and
    /// `．` fold to separators inside a number), between letters, and with
    /// a combining mark after it (which must take the folding path).
    #[test]
    fn punctuation_table_counts_as_folding() {
        for (first, last) in PUNCTUATION_BLOCKS {
            for c in first..=last {
                assert!(folded_punctuation(c).is_some(), "{c:?}");
                for text in [
                    format!("{c}"),
                    format!("3{c}000"),
                    format!("ab{c}cd"),
                    format!("中{c}国"),
                    format!("x{c}\u{301}y"),
                    format!("{c}{c} 1"),
                ] {
                    assert_eq!(
                        count_text(&text),
                        (count_words(&text), count_chars(&text)),
                        "{text:?}"
                    );
                }
            }
        }
        assert_eq!(folded_punctuation('a'), None);
        assert_eq!(folded_punctuation('\u{1FFF}'), None);
        assert_eq!(folded_punctuation('\u{FFF0}'), None);
        assert_eq!(count_text("３，０００人"), (2, 6));
    }

    /// The Han fast path: lead bytes at the block edges, and an ideograph
    /// followed by a combining mark, which must take the folding path.
    #[test]
    fn han_fast_path_edges() {
        for c in [
            '\u{4DFF}', '\u{4E00}', '\u{9FFF}', '\u{A000}', '\u{3400}', '\u{F900}',
        ] {
            let text: String = [c, '中', c, 'a', c].iter().collect();
            let s = c.to_string();
            assert_eq!(
                is_plain_han_lead(s.as_bytes(), 0),
                is_plain(c) && !c.is_ascii(),
                "{c:?}"
            );
            assert_eq!(
                count_text(&text),
                (count_words(&text), count_chars(&text)),
                "{text:?}"
            );
        }
        for text in [
            "中\u{301}国",
            "中国\u{301}",
            "中\u{3099}",
            "國\u{301}中",
            "中，３",
        ] {
            assert_eq!(
                count_text(text),
                (count_words(text), count_chars(text)),
                "{text:?}"
            );
        }
        assert_eq!(count_text("中国人 3 people"), (5, 10));
    }

    #[test]
    fn han_characters_are_words() {
        assert_eq!(count_words("中国－中亚峰会"), 6);
        assert_eq!(count_words("China–Central Asia Summit, 2025"), 5);
        assert_eq!(count_chars("中国 China\u{3000}"), 7);
    }
}
