//! Repairing text extracted from newspapers and PDFs, and splitting it into
//! sentences.
//!
//! Text copied out of a page layout arrives damaged: a Chinese paragraph is cut
//! where the column ended (团 / 结初心, 中吉 / 乌铁路), often with an empty line
//! in between; page furniture such as （上接第一版）, photo credits (新华社发)
//! and bylines （新华社阿斯塔纳6月17日电） sit between paragraphs; a front-page
//! story continued on page 2 repeats part of itself in other words. Every
//! command that reads plain text ([`repair`] then [`Repaired::sentences`])
//! sees the same repaired text, and every sentence keeps the line it came
//! from so that findings can cite the original file.
//!
//! The joining rule: a content line whose last character is not sentence-final
//! (it ends in a Han character, a digit or a comma-like mark) continues on the
//! next content line, blank lines and furniture in between notwithstanding —
//! unless either line is a *heading*. A heading is a short line (at most
//! [`HEADING_MAX_CHARS`] characters) without any clause punctuation
//! (，。、；：！？): 习近平会见吉尔吉斯斯坦总统扎帕罗夫 is one, while the
//! broken first half of a paragraph practically always holds a comma.
//!
//! Datelines that open an article (新华社阿斯塔纳6月17日电（记者 杨依军 刘恺）)
//! are moved to [`Repaired::furniture`] and the rest of the paragraph is kept:
//! the dateline is not part of the sentence a translator renders, and four
//! copies of it would otherwise top every list of recurring phrases.
//!
//! ```
//! use concord::text::segment::{repair, Lang};
//! let r = repair("两年来，中国同中亚国家互设文化中心、鲁班工坊等\n\n取得进展。\n（上接第一版）\n");
//! assert_eq!(r.text, "两年来，中国同中亚国家互设文化中心、鲁班工坊等取得进展。");
//! assert_eq!(r.joins, [1]);
//! assert_eq!(r.furniture[0].text, "（上接第一版）");
//! let s = r.sentences(Lang::Zh);
//! assert_eq!(s[0].line, 1);
//! ```

use std::collections::HashMap;
use std::ops::Range;

use super::normalize::fold_caseless;
use super::token::is_han;

/// Longest line (in characters) that can be a heading.
pub const HEADING_MAX_CHARS: usize = 40;

/// The language of a text, for sentence splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

/// What kind of page furniture a line (or line start) was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FurnitureKind {
    /// （上接第一版）, （下转第二版）.
    PageJump,
    /// A closing byline on its own line: （新华社阿斯塔纳6月17日电）.
    Byline,
    /// The dateline opening an article: 新华社阿斯塔纳6月17日电（记者 杨依军 刘恺）.
    Dateline,
    /// Photo and graphics credits: 新华社发, 新华社记者 李响 摄.
    Credit,
}

/// Page furniture moved out of the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Furniture {
    /// 1-based line in the input.
    pub line: u32,
    pub kind: FurnitureKind,
    pub text: String,
}

/// A paragraph of the repaired text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range in [`Repaired::text`] (without the newline).
    pub range: Range<usize>,
    /// First and last input line (1-based) the paragraph was built from.
    pub lines: (u32, u32),
    /// A heading or headline: short, no clause punctuation, never joined.
    pub heading: bool,
}

/// A stretch of input lines whose sentences repeat an earlier stretch.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RepeatedPassage {
    /// Lines (first, last) of the earlier occurrence.
    pub first: (u32, u32),
    /// Lines (first, last) of the repetition.
    pub repeat: (u32, u32),
    /// Number of sentences of the repetition that match.
    pub sentences: usize,
    /// Mean similarity of the matched sentences (1.0 = identical after folding).
    pub similarity: f64,
    /// The first repeated sentence, for the report.
    pub sample: String,
}

/// The result of [`repair`]: clean text plus everything that was changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repaired {
    /// Paragraphs, one per line, separated by `\n`.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Furniture and datelines taken out of the text.
    pub furniture: Vec<Furniture>,
    /// Input lines (1-based) that were joined to the next content line.
    pub joins: Vec<u32>,
    /// Passages that repeat earlier ones (see [`find_repeats`]).
    pub repeats: Vec<RepeatedPassage>,
    /// (offset in `text`, input line) at every point where the source line changes.
    line_starts: Vec<(usize, u32)>,
}

/// A sentence of a [`Repaired`] text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// Byte range in [`Repaired::text`].
    pub range: Range<usize>,
    /// Input line (1-based) where the sentence starts.
    pub line: u32,
    /// Input line where it ends (a sentence joined across a broken line spans several).
    pub last_line: u32,
    /// Index into [`Repaired::paragraphs`].
    pub paragraph: usize,
}

impl Repaired {
    /// The input line (1-based) that the byte `offset` of [`Repaired::text`] came from.
    pub fn line_at(&self, offset: usize) -> u32 {
        match self.line_starts.partition_point(|&(o, _)| o <= offset) {
            0 => self.line_starts.first().map_or(1, |&(_, l)| l),
            i => self.line_starts[i - 1].1,
        }
    }

    /// Text that needs no repair (one segment per line, as the sides of a TM):
    /// each line is a paragraph, line numbers are the positions in `lines`.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Repaired {
        let mut out = Repaired::default();
        for (i, line) in lines.into_iter().enumerate() {
            let line_no = (i + 1) as u32;
            let line = line.replace(['\n', '\r'], " ");
            if !out.text.is_empty() || i > 0 {
                out.text.push('\n');
            }
            let start = out.text.len();
            out.line_starts.push((start, line_no));
            out.text.push_str(&line);
            out.paragraphs.push(Paragraph {
                range: start..out.text.len(),
                lines: (line_no, line_no),
                heading: is_heading(line.trim()),
            });
        }
        out
    }

    /// The sentences of every paragraph, in order.
    pub fn sentences(&self, lang: Lang) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (p, para) in self.paragraphs.iter().enumerate() {
            let text = &self.text[para.range.clone()];
            for r in sentences(text, lang) {
                let range = para.range.start + r.start..para.range.start + r.end;
                out.push(Sentence {
                    text: self.text[range.clone()].to_string(),
                    line: self.line_at(range.start),
                    last_line: self.line_at(range.end.saturating_sub(1)),
                    range,
                    paragraph: p,
                });
            }
        }
        out
    }
}

/// Clause and sentence punctuation: a line holding any of these is prose, not a heading.
fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
    )
}

/// Marks after which a sentence (and so a line) may end.
fn is_final_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '.' | '!' | '?' | ';' | ':' | '…'
    )
}

/// Closing quotes and brackets that stay with the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | '》' | '】' | '〕' | '"' | '\'' | ')' | ']'
    )
}

/// Characters that may continue onto the next line.
fn ends_open(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            '，' | '、' | '“' | '‘' | '《' | '（' | '「' | '—' | '－' | '·' | ',' | '-'
        )
}

fn starts_cjk(c: char) -> bool {
    is_han(c)
        || c.is_ascii_digit()
        || matches!(
            c,
            '“' | '‘' | '《' | '（' | '「' | '，' | '、' | '。' | '；' | '”' | '》' | '）'
        )
}

fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

fn is_heading(line: &str) -> bool {
    let n = line.chars().count();
    n > 0 && n <= HEADING_MAX_CHARS && !line.chars().any(is_clause_punct)
}

/// Strips a news agency or paper name at the start: 新华社, 本报, 中新社, 人民日报.
fn strip_agency(s: &str) -> Option<&str> {
    ["新华社", "本报", "中新社", "人民日报", "央视新闻"]
        .iter()
        .find_map(|a| s.strip_prefix(a))
}

/// `（上接第一版）`, `（下转第二版）`, `(接第3版)`.
fn is_page_jump(inner: &str) -> bool {
    let rest = ["上接", "下转", "接", "转"]
        .iter()
        .find_map(|p| inner.strip_prefix(p));
    let Some(rest) = rest else { return false };
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let Some(num) = rest.strip_suffix('版') else {
        return false;
    };
    !num.is_empty()
        && num
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十〇零".contains(c))
}

fn strip_parens(s: &str) -> Option<&str> {
    s.strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
}

/// A whole line that is furniture, and which kind.
fn furniture_line(line: &str) -> Option<FurnitureKind> {
    if let Some(inner) = strip_parens(line) {
        if is_page_jump(inner) {
            return Some(FurnitureKind::PageJump);
        }
        if let Some(rest) = strip_agency(inner)
            && (rest.ends_with('电') || rest.ends_with('讯') || rest.starts_with("记者"))
        {
            return Some(FurnitureKind::Byline);
        }
        if inner.ends_with('摄') || inner.ends_with("发") && strip_agency(inner).is_some() {
            return Some(FurnitureKind::Credit);
        }
    }
    let n = line.chars().count();
    if n <= 30 {
        if matches!(line, "新华社发" | "新华社传真" | "本报电") {
            return Some(FurnitureKind::Credit);
        }
        if (line.ends_with(" 摄") || line.ends_with("　摄") || line.ends_with("制图"))
            && !line.chars().any(is_clause_punct)
        {
            return Some(FurnitureKind::Credit);
        }
    }
    None
}

/// The length in bytes of a dateline opening `line`:
/// `新华社阿斯塔纳6月17日电（记者 杨依军 刘恺）`, `本报北京6月17日电`.
fn dateline_len(line: &str) -> Option<usize> {
    let rest = strip_agency(line)?;
    // Place name, then a date 6月17日, then 电 — within the first 30 characters.
    let head: String = rest.chars().take(30).collect();
    let dian = head.find("日电")?;
    let date_part = &head[..dian];
    let yue = date_part.rfind('月')?;
    if !date_part[yue + '月'.len_utf8()..]
        .chars()
        .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    let mut end = line.len() - rest.len() + dian + "日电".len();
    let after = &line[end..];
    if let Some(inner_start) = after.strip_prefix(['（', '('])
        && let Some(close) = inner_start.find(['）', ')'])
    {
        let inner = &inner_start[..close];
        if inner.starts_with("记者") || inner.starts_with("通讯员") {
            let close_len = inner_start[close..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            end += (after.len() - inner_start.len()) + close + close_len;
        }
    }
    Some(end)
}

/// Repairs extracted text: joins broken lines, moves furniture out, reports
/// repeated passages. See the module documentation for the rules.
pub fn repair(input: &str) -> Repaired {
    repair_with(input, true)
}

/// [`repair`], optionally without looking for repeated passages (which costs
/// time on very large inputs and is only a report).
pub fn repair_with(input: &str, find_repeated: bool) -> Repaired {
    let mut out = Repaired::default();
    // The paragraph being built: its text pieces and whether its last line may continue.
    struct Open {
        start: usize,
        first_line: u32,
        last_line: u32,
        heading: bool,
        open_end: bool,
        latin_end: bool,
    }
    let mut open: Option<Open> = None;

    let close = |out: &mut Repaired, open: Option<Open>| {
        if let Some(o) = open {
            let end = out.text.len();
            out.paragraphs.push(Paragraph {
                range: o.start..end,
                lines: (o.first_line, o.last_line),
                heading: o.heading,
            });
            out.text.push('\n');
        }
    };

    for (i, raw) in input.split('\n').enumerate() {
        let line_no = (i + 1) as u32;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut line = trim_line(raw);
        if line.is_empty() {
            continue;
        }
        if let Some(kind) = furniture_line(line) {
            out.furniture.push(Furniture {
                line: line_no,
                kind,
                text: line.to_string(),
            });
            continue;
        }
        if let Some(len) = dateline_len(line) {
            out.furniture.push(Furniture {
                line: line_no,
                kind: FurnitureKind::Dateline,
                text: line[..len].to_string(),
            });
            line = trim_line(&line[len..]);
            if line.is_empty() {
                continue;
            }
        }
        let heading = is_heading(line);
        let first = line.chars().next().unwrap_or(' ');
        let last = line.chars().next_back().unwrap_or(' ');

        // English: a lower-case start continues the line before, even a short
        // one (headings are rarely followed by a lower-case line).
        let join = match &open {
            Some(o) if o.open_end && o.latin_end => first.is_lowercase(),
            Some(o) if o.open_end && !heading && !o.heading => starts_cjk(first),
            _ => false,
        };
        if join {
            if let Some(o) = open.as_mut() {
                out.joins.push(o.last_line);
                o.heading = false;
                if o.latin_end && first.is_alphanumeric() {
                    out.text.push(' ');
                }
                out.line_starts.push((out.text.len(), line_no));
                out.text.push_str(line);
                o.last_line = line_no;
                o.open_end = ends_open(last) && !is_final_punct(last);
                o.latin_end = last.is_ascii_alphanumeric() || last == ',' || last == '-';
                // A Latin end inside Chinese text continues as Chinese.
                if o.latin_end && line.chars().any(is_han) {
                    o.latin_end = false;
                }
            }
            continue;
        }
        close(&mut out, open.take());
        let start = out.text.len();
        out.line_starts.push((start, line_no));
        out.text.push_str(line);
        let latin_end = (last.is_ascii_alphanumeric() || last == ',' || last == '-')
            && !line.chars().any(is_han);
        open = Some(Open {
            start,
            first_line: line_no,
            last_line: line_no,
            heading,
            open_end: ends_open(last) && !is_final_punct(last),
            latin_end,
        });
    }
    close(&mut out, open.take());
    if out.text.ends_with('\n') {
        out.text.pop();
    }
    if find_repeated {
        let lang = if han_share(&out.text) >= 0.5 {
            Lang::Zh
        } else {
            Lang::En
        };
        let sentences = out.sentences(lang);
        out.repeats = find_repeats(&sentences, &out);
    }
    out
}

/// Share of Han characters among letters and Han characters (0.0 when there are none).
pub fn han_share(text: &str) -> f64 {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if han + letters == 0 {
        0.0
    } else {
        han as f64 / (han + letters) as f64
    }
}

// ---------------------------------------------------------------------------
// Sentences

/// Splits `text` into sentence ranges (trimmed, never empty). Line breaks
/// always end a sentence.
pub fn sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (line_start, line) in line_ranges(text) {
        let ranges = match lang {
            Lang::Zh => split_zh(line, false),
            Lang::En => split_en(line),
        };
        for r in ranges {
            push_trimmed(&mut out, text, line_start + r.start..line_start + r.end);
        }
    }
    out
}

/// Chinese sentences, optionally also at `；`.
pub fn sentences_zh(text: &str, semicolon: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (line_start, line) in line_ranges(text) {
        for r in split_zh(line, semicolon) {
            push_trimmed(&mut out, text, line_start + r.start..line_start + r.end);
        }
    }
    out
}

fn line_ranges(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let start = pos;
        pos += l.len() + 1;
        (start, l)
    })
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

fn split_zh(line: &str, semicolon: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let fin = matches!(c, '。' | '！' | '？' | '!' | '?') || semicolon && c == '；';
        if !fin {
            continue;
        }
        // Runs of final marks (？！) and the closers after them stay with the sentence.
        let mut end = line.len();
        while let Some(&(j, d)) = chars.peek() {
            if is_closer(d) || matches!(d, '。' | '！' | '？' | '!' | '?' | '…') {
                chars.next();
            } else {
                end = j;
                break;
            }
        }
        out.push(start..end);
        start = end;
    }
    if start < line.len() {
        out.push(start..line.len());
    }
    out
}

/// Words after which a full stop does not end an English sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "nos", "vol", "vols", "fig", "figs",
    "e.g", "i.e", "cf", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "gen", "col", "lt", "sgt", "capt", "gov", "rep", "sen", "pres", "hon",
    "rev", "corp", "inc", "ltd", "co", "approx", "art", "para", "pp", "ed", "eds", "mt", "ft",
    "dept", "univ", "est", "op", "al",
];

fn split_en(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if !matches!(c, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        // Extend over further marks and closing quotes/brackets (ASCII or curly).
        let mut end = i + 1;
        loop {
            let rest = &line[end..];
            match rest.chars().next() {
                Some(d) if matches!(d, '.' | '!' | '?') || is_closer(d) => end += d.len_utf8(),
                _ => break,
            }
        }
        let rest = &line[end..];
        let after_space = rest.trim_start();
        let has_space = after_space.len() < rest.len();
        let next = after_space.chars().next();
        let boundary = match next {
            None => true,
            Some(n) if has_space => {
                let starts_sentence =
                    n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(（[".contains(n) || is_han(n);
                starts_sentence && !(c == b'.' && is_abbreviation(&line[..i], after_space))
            }
            _ => false,
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
    if start < line.len() {
        out.push(start..line.len());
    }
    out
}

/// True when the full stop after `before` belongs to an abbreviation, given
/// the text that follows it.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || "(\"“‘[".contains(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // U.S., U.N., e.g. — letters separated by dots.
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    // An initial: J. R. Smith.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    let lower = word.to_lowercase();
    if lower == "no" || lower == "nos" {
        // "No. 5" is an abbreviation; "the answer was no." is not.
        return after.starts_with(|c: char| c.is_ascii_digit());
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

// ---------------------------------------------------------------------------
// Repeated passages

/// Sentences shorter than this (in folded characters) are not compared.
const REPEAT_MIN_CHARS: usize = 8;
/// Dice similarity of character trigram sets above which two sentences repeat.
const REPEAT_MIN_SIMILARITY: f64 = 0.5;
/// A trigram found in more sentences than this tells nothing about which repeats.
const POSTING_CAP: usize = 200;

fn repeat_key(text: &str) -> Vec<char> {
    fold_caseless(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn trigrams(chars: &[char]) -> Vec<u64> {
    let mut v: Vec<u64> = chars
        .windows(3)
        .map(|w| ((w[0] as u64) << 42) ^ ((w[1] as u64) << 21) ^ (w[2] as u64))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Finds sentences that repeat (exactly or nearly) an earlier sentence and
/// groups consecutive ones into passages. Exact repeats are found by hashing;
/// near repeats through an index of character trigrams, ignoring trigrams too
/// common to discriminate, so the cost stays close to linear.
pub fn find_repeats(sentences: &[Sentence], repaired: &Repaired) -> Vec<RepeatedPassage> {
    let keys: Vec<Vec<char>> = sentences.iter().map(|s| repeat_key(&s.text)).collect();
    let mut exact: HashMap<&[char], usize> = HashMap::new();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut grams: Vec<Vec<u64>> = Vec::with_capacity(sentences.len());
    // For each sentence: the earlier sentence it repeats, with the similarity.
    let mut matched: Vec<Option<(usize, f64)>> = vec![None; sentences.len()];
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for (j, key) in keys.iter().enumerate() {
        let g = if key.len() >= REPEAT_MIN_CHARS {
            trigrams(key)
        } else {
            Vec::new()
        };
        if key.len() < REPEAT_MIN_CHARS {
            grams.push(g);
            continue;
        }
        if let Some(&i) = exact.get(key.as_slice()) {
            matched[j] = Some((i, 1.0));
            grams.push(g);
            continue;
        }
        exact.insert(key.as_slice(), j);
        counts.clear();
        for t in &g {
            if let Some(list) = postings.get(t)
                && list.len() < POSTING_CAP
            {
                for &i in list {
                    *counts.entry(i).or_insert(0) += 1;
                }
            }
        }
        let best = counts
            .iter()
            .map(|(&i, &shared)| {
                let gi = grams[i as usize].len();
                (i as usize, 2.0 * shared as f64 / (gi + g.len()) as f64)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((i, sim)) = best
            && sim >= REPEAT_MIN_SIMILARITY
        {
            matched[j] = Some((i, sim));
        }
        for &t in &g {
            let list = postings.entry(t).or_default();
            if list.len() <= POSTING_CAP {
                list.push(j as u32);
            }
        }
        grams.push(g);
    }

    // Group: consecutive repeating sentences form one passage.
    let mut out: Vec<RepeatedPassage> = Vec::new();
    let mut j = 0;
    while j < sentences.len() {
        let Some((i, sim)) = matched[j] else {
            j += 1;
            continue;
        };
        let (mut first_lo, mut first_hi) = (i, i);
        let mut sims = vec![sim];
        let mut k = j + 1;
        while k < sentences.len() {
            match matched[k] {
                Some((i2, s2)) if i2 < j && i2 + 4 > first_hi && i2 <= first_hi + 4 => {
                    first_lo = first_lo.min(i2);
                    first_hi = first_hi.max(i2);
                    sims.push(s2);
                    k += 1;
                }
                _ => break,
            }
        }
        let line_end = |s: &Sentence| repaired.line_at(s.range.end.saturating_sub(1));
        out.push(RepeatedPassage {
            first: (sentences[first_lo].line, line_end(&sentences[first_hi])),
            repeat: (sentences[j].line, line_end(&sentences[k - 1])),
            sentences: sims.len(),
            similarity: sims.iter().sum::<f64>() / sims.len() as f64,
            sample: sentences[j].text.clone(),
        });
        j = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(s: &str) -> Vec<&str> {
        sentences(s, Lang::Zh).into_iter().map(|r| &s[r]).collect()
    }
    fn en(s: &str) -> Vec<&str> {
        sentences(s, Lang::En).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn zh_closing_quotes_stay() {
        assert_eq!(
            zh("中国先贤讲：“兼相爱，交相利。”中亚也有句谚语。好吗？！是的"),
            [
                "中国先贤讲：“兼相爱，交相利。”",
                "中亚也有句谚语。",
                "好吗？！",
                "是的"
            ]
        );
        assert_eq!(sentences_zh("甲；乙。", true).len(), 2);
        assert_eq!(sentences_zh("甲；乙。", false).len(), 1);
    }

    #[test]
    fn en_abbreviations_and_decimals() {
        assert_eq!(
            en(
                "The U.S. and Mr. Smith met on Jan. 5. Growth was 3.5 percent. See No. 4, e.g. this! \"Yes.\" Then"
            ),
            [
                "The U.S. and Mr. Smith met on Jan. 5.",
                "Growth was 3.5 percent.",
                "See No. 4, e.g. this!",
                "\"Yes.\"",
                "Then"
            ]
        );
        assert_eq!(en("He said no. Then left."), ["He said no.", "Then left."]);
    }

    #[test]
    fn headings_are_not_joined() {
        let r = repair(
            "习近平会见吉尔吉斯斯坦总统扎帕罗夫\n\n当地时间6月17日上午，习近平会见扎帕罗夫。\n",
        );
        assert_eq!(r.paragraphs.len(), 2);
        assert!(r.paragraphs[0].heading);
        assert!(r.joins.is_empty());
    }

    #[test]
    fn broken_word_joined_across_blank_and_furniture() {
        let r = repair(
            "完善互联互通网络，高质量推进中吉\n\n（上接第一版）\n\n乌铁路建设。\n \n下一段。",
        );
        assert_eq!(
            r.text,
            "完善互联互通网络，高质量推进中吉乌铁路建设。\n下一段。"
        );
        assert_eq!(r.joins, [1]);
        assert_eq!(r.line_at(r.text.find("乌").unwrap()), 5);
        assert_eq!(r.furniture[0].kind, FurnitureKind::PageJump);
    }

    #[test]
    fn dateline_and_byline_move_to_furniture() {
        let r = repair(
            "新华社阿斯塔纳6月17日电（记者 杨依军 刘恺）当地时间上午，会见。\n（新华社阿斯塔纳6月17日电）\n新华社发",
        );
        assert_eq!(r.text, "当地时间上午，会见。");
        let kinds: Vec<_> = r.furniture.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                FurnitureKind::Dateline,
                FurnitureKind::Byline,
                FurnitureKind::Credit
            ]
        );
        assert_eq!(
            r.furniture[0].text,
            "新华社阿斯塔纳6月17日电（记者 杨依军 刘恺）"
        );
    }

    #[test]
    fn english_lines_broken_mid_sentence() {
        let r = repair("The summit was held\nin Astana. It ended.\nNext paragraph");
        assert_eq!(
            r.text,
            "The summit was held in Astana. It ended.\nNext paragraph"
        );
    }

    #[test]
    fn repeats_found() {
        let r = repair(
            "中方决定建立减贫、教育交流、荒漠化防治三大合作中心。其他内容完全不同的句子在这里。\n另一段无关的文字内容在此处出现。\n中方决定建立减贫、教育交流和荒漠化防治三大合作中心。",
        );
        assert_eq!(r.repeats.len(), 1, "{:?}", r.repeats);
        assert_eq!(r.repeats[0].first, (1, 1));
        assert_eq!(r.repeats[0].repeat, (3, 3));
        assert!(r.repeats[0].similarity < 1.0);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        for s in [
            "",
            "\n\n",
            " ",
            "（",
            "新华社",
            "新华社北京",
            "a.",
            "。”",
            "\r\n\r\n",
        ] {
            let r = repair(s);
            let _ = r.sentences(Lang::Zh);
            let _ = r.sentences(Lang::En);
        }
    }
}
