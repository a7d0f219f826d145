//! Numbers, percentages, ordinals and dates in Chinese and English, as values.
//!
//! N001 compares the *values* a source and its translation state, not their
//! spelling: 35% = 35 percent, 3000个 = 3,000, 120万 = 1.2 million,
//! 15亿元 = 1.5 billion yuan, 二十 = 20 = twenty, 第二届 = second = 2nd,
//! 2025年6月17日 = June 17, 2025 = 17 June 2025.
//!
//! Chinese is read conservatively, English generously, because only source
//! values missing from the target are reported: an English "one of the" costs
//! nothing, a Chinese 一 taken for a number would cost a false alarm.
//!
//! What is *not* a number in Chinese:
//! - a lone 一 with a measure word (一个, 一次, 一年): English says "a", "once";
//!   一 counts only as an ordinal (第一 = first) or inside a larger number;
//! - a single Han numeral or a bare scale character (千万, 亿万) is a number
//!   only when a measure word follows (三个, 两国, 百年, 十年); so 三股势力,
//!   五要, 四梁八柱, 千万不要 and 亿万人民 demand nothing;
//! - runs of Han digits that are not a number (十四五, 三五成群) unless they
//!   spell a year before 年 (二〇二五年);
//! - set phrases listed in [`ZH_SET_PHRASES`] (一带一路, 四梁八柱, 三股势力,
//!   一国两制 …): their English renderings are glossary matters, not numbers;
//!   两国 ("the two countries", but as often "bilateral", "both" or the two
//!   names) is one of them;
//! - anything inside a glossary term (the caller passes their spans);
//! - a month alone (6月, "June"): only full or partial dates with a day or a
//!   year are compared.
//!
//! 百年 is read as 100 and matches "century", "centennial" or "100".
//!
//! ```
//! use concord::text::numbers::{zh_numbers, en_numbers, missing};
//! let zh = zh_numbers("贸易额达120万美元，增长35%，第二届峰会于2025年6月17日举行。", &[]);
//! let en = en_numbers("Trade reached $1.2 million, up 35 percent; the second summit was held on June 17, 2025.");
//! assert!(missing(&zh, &en).is_empty());
//! let en = en_numbers("Trade reached $12 million, up 35 percent; the second summit was held on June 17, 2025.");
//! assert_eq!(missing(&zh, &en)[0].text, "120万");
//! ```

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use crate::hash::MixMap;
use crate::text::normalize::{FoldOptions, fold};
use crate::text::quick_fold::{MatchFolded, quick_fold};
use crate::text::token::{Token, TokenKind, matching_fold_is_identity, tokens};

/// A value stated in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    /// A count, amount or ordinal (2nd and 2 compare equal).
    Number(f64),
    Percent(f64),
    /// A date with at least a month and a day or a year.
    Date {
        year: Option<u32>,
        month: u32,
        day: Option<u32>,
    },
}

impl Quantity {
    /// True when `other` states the same value.
    pub fn matches(&self, other: &Quantity) -> bool {
        fn close(a: f64, b: f64) -> bool {
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
        }
        match (self, other) {
            (Quantity::Number(a), Quantity::Number(b)) => close(*a, *b),
            (Quantity::Percent(a), Quantity::Percent(b)) => close(*a, *b),
            (a @ Quantity::Date { .. }, b @ Quantity::Date { .. }) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn num(f: &mut fmt::Formatter<'_>, v: f64) -> fmt::Result {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                write!(f, "{}", v as i64)
            } else {
                write!(f, "{v}")
            }
        }
        match *self {
            Quantity::Number(v) => num(f, v),
            Quantity::Percent(v) => {
                num(f, v)?;
                f.write_str("%")
            }
            Quantity::Date { year, month, day } => {
                let m = MONTHS.get(month as usize - 1).copied().unwrap_or("?");
                match (day, year) {
                    (Some(d), Some(y)) => write!(f, "{d} {m} {y}"),
                    (Some(d), None) => write!(f, "{d} {m}"),
                    (None, Some(y)) => write!(f, "{m} {y}"),
                    (None, None) => f.write_str(m),
                }
            }
        }
    }
}

/// A value found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub quantity: Quantity,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// The original text of the span.
    pub text: String,
}

/// Chinese set phrases whose numerals are part of a name or an idiom.
pub const ZH_SET_PHRASES: &[&str] = &[
    "一带一路",
    "四梁八柱",
    "三股势力",
    "一国两制",
    "一个中国",
    "一中",
    "一要",
    "二要",
    "三要",
    "四要",
    "五要",
    "五位一体",
    "四个全面",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "三个代表",
    "八项规定",
    "三严三实",
    "两学一做",
    "两岸",
    "两会",
    "两国",
    "两军",
    "两党",
    "一心一意",
    "三心二意",
    "五湖四海",
    "四面八方",
    "千方百计",
    "千家万户",
    "万众一心",
    "百花齐放",
    "百家争鸣",
    "千载难逢",
    "十全十美",
    "九牛一毛",
    "千千万万",
    "一举两得",
    "三番五次",
    "五花八门",
    "七上八下",
    "乱七八糟",
    "百年未有之大变局",
    "千秋万代",
    "万无一失",
    "一路",
    "一道",
];

/// Words that count what a number before them counts (so 三个, 两国, 百年).
const ZH_MEASURES: &[&str] = &[
    "周年", "美元", "公里", "个", "年", "次", "届", "位", "名", "项", "条", "天", "倍", "岁", "多",
    "余", "家", "国", "座", "所", "场", "部", "批", "轮", "件", "份", "种", "类", "元", "吨", "人",
    "周", "支", "架", "艘", "台", "亿", "万", "千", "百",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The Han numerals: digits (their value) and scale characters (10 + the
/// power of ten they stand for).
const HAN_NUMERALS: [(char, u8); 17] = [
    ('零', 0),
    ('〇', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
    ('十', 11),
    ('百', 12),
    ('千', 13),
    ('万', 14),
    ('亿', 18),
];

/// [`HAN_NUMERALS`] by a multiplicative hash of the character, one numeral
/// per slot (checked when the table is built, at compile time). The number
/// reader asks about every character of every source, and a `match` on the
/// character compiled to a chain of comparisons whose outcome each Chinese
/// character decides anew: branches the processor cannot predict. One
/// probe and one comparison have no such branch.
const NUMERAL_SLOTS: [(u32, u8); 64] = numeral_slots();
const NUMERAL_HASH: u32 = 0x1b94_3cfd;

const fn numeral_slot(c: u32) -> usize {
    (c.wrapping_mul(NUMERAL_HASH) >> 26) as usize
}

const fn numeral_slots() -> [(u32, u8); 64] {
    // u32::MAX is no character: an empty slot never matches.
    let mut slots = [(u32::MAX, 0u8); 64];
    let mut i = 0;
    while i < HAN_NUMERALS.len() {
        let (c, code) = HAN_NUMERALS[i];
        let slot = numeral_slot(c as u32);
        assert!(slots[slot].0 == u32::MAX, "two Han numerals share a slot");
        slots[slot] = (c as u32, code);
        i += 1;
    }
    slots
}

/// The code of `c` in [`HAN_NUMERALS`], if it is a Han numeral.
fn han_numeral(c: char) -> Option<u8> {
    let (numeral, code) = NUMERAL_SLOTS[numeral_slot(c as u32)];
    (numeral == c as u32).then_some(code)
}

fn han_digit(c: char) -> Option<u32> {
    han_numeral(c).filter(|&code| code < 10).map(u32::from)
}

fn han_scale(c: char) -> Option<f64> {
    match han_numeral(c)? {
        11 => Some(10.0),
        12 => Some(100.0),
        13 => Some(1000.0),
        14 => Some(1e4),
        18 => Some(1e8),
        _ => None,
    }
}

fn is_han_numeral(c: char) -> bool {
    han_numeral(c).is_some()
}

/// The value of a run of Han numerals (二十, 三亿五千万, 一百零五, 万亿), or
/// None when the run is not one number (十四五, 三五).
pub fn han_value(run: &str) -> Option<f64> {
    let (mut high, mut mid, mut section) = (0.0f64, 0.0f64, 0.0f64);
    let mut digit: Option<f64> = None;
    let mut any = false;
    for c in run.chars() {
        any = true;
        if let Some(d) = han_digit(c) {
            if digit.is_some_and(|x| x != 0.0) {
                return None;
            }
            digit = Some(f64::from(d));
        } else if let Some(s) = han_scale(c) {
            if s < 1e4 {
                section += digit.unwrap_or(1.0) * s;
            } else if s == 1e4 {
                let part = section + digit.unwrap_or(0.0);
                mid = if part == 0.0 { 1.0 } else { part } * 1e4;
                section = 0.0;
            } else {
                let part = mid + section + digit.unwrap_or(0.0);
                high = (high + if part == 0.0 { 1.0 } else { part }) * 1e8;
                mid = 0.0;
                section = 0.0;
            }
            digit = None;
        } else {
            return None;
        }
    }
    any.then_some(high + mid + section + digit.unwrap_or(0.0))
}

/// Characters of a folded text with their byte offsets.
struct Chars {
    items: Vec<(usize, char)>,
    len: usize,
}

impl Chars {
    fn new(text: &str) -> Self {
        Chars {
            items: text.char_indices().collect(),
            len: text.len(),
        }
    }
    fn get(&self, i: usize) -> Option<char> {
        self.items.get(i).map(|&(_, c)| c)
    }
    fn offset(&self, i: usize) -> usize {
        self.items.get(i).map_or(self.len, |&(o, _)| o)
    }
    fn starts_with(&self, i: usize, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.get(i + k) == Some(c))
    }
    /// An Arabic number at `i` ("3,000", "1.5"): its value and end.
    fn arabic(&self, i: usize) -> Option<(f64, usize)> {
        let mut k = i;
        let mut s = String::new();
        while let Some(c) = self.get(k) {
            if c.is_ascii_digit() {
                s.push(c);
            } else if (c == ',' || c == '.')
                && self.get(k + 1).is_some_and(|d| d.is_ascii_digit())
                && !s.is_empty()
            {
                if c == '.' {
                    s.push('.');
                }
            } else {
                break;
            }
            k += 1;
        }
        if s.is_empty() {
            return None;
        }
        s.parse().ok().map(|v| (v, k))
    }
    /// A number written in Arabic or Han digits at `i`, with its end.
    fn any_number(&self, i: usize) -> Option<(f64, usize)> {
        if let Some(r) = self.arabic(i) {
            return Some(r);
        }
        let mut k = i;
        let mut run = String::new();
        while let Some(c) = self.get(k).filter(|&c| is_han_numeral(c)) {
            run.push(c);
            k += 1;
        }
        if run.is_empty() {
            return None;
        }
        han_value(&run)
            .or_else(|| digits_value(&run))
            .map(|v| (v, k))
    }
    fn measure_at(&self, i: usize) -> bool {
        ZH_MEASURES.iter().any(|m| self.starts_with(i, m))
    }
}

/// Han digits read one by one (二〇二五 = 2025), for years.
fn digits_value(run: &str) -> Option<f64> {
    let mut v = 0.0;
    for c in run.chars() {
        v = v * 10.0 + f64::from(han_digit(c)?);
    }
    Some(v)
}

/// After a year or a month number ending at `i`: a date continuing there
/// (年6月17日 / 月17日). Returns the date's month, day and end.
fn zh_month_day(chars: &Chars, i: usize) -> Option<(u32, Option<u32>, usize)> {
    let (m, k) = chars.any_number(i)?;
    if chars.get(k) != Some('月') || !(1.0..=12.0).contains(&m) {
        return None;
    }
    let after_month = k + 1;
    if let Some((d, k2)) = chars.any_number(after_month)
        && matches!(chars.get(k2), Some('日' | '号'))
        && (1.0..=31.0).contains(&d)
    {
        return Some((m as u32, Some(d as u32), k2 + 1));
    }
    Some((m as u32, None, after_month))
}

/// For each Han numeral, the set phrases it is in, as characters, with
/// its position in them (一 → 一带一路 at 0 and 2, 一道 at 0, …).
type PhrasesByNumeral = MixMap<u32, Vec<(Vec<char>, usize)>>;

fn phrases_with_numeral() -> &'static PhrasesByNumeral {
    static BY_NUMERAL: OnceLock<PhrasesByNumeral> = OnceLock::new();
    BY_NUMERAL.get_or_init(|| {
        let mut by = PhrasesByNumeral::default();
        for phrase in ZH_SET_PHRASES {
            let chars: Vec<char> = phrase.chars().collect();
            for (k, &c) in chars.iter().enumerate() {
                if is_han_numeral(c) {
                    by.entry(u32::from(c)).or_default().push((chars.clone(), k));
                }
            }
        }
        by
    })
}

/// False when no character of `text` is, or folds (NFKC, dashes, quotes,
/// white space) to, an ASCII digit or a Han numeral: then [`zh_numbers`]
/// finds nothing, since every value it reads starts at one. Characters
/// outside the ranges known to fold to neither answer true.
fn may_hold_zh_number(text: &str) -> bool {
    !text.chars().all(folds_to_no_numeral)
}

/// True for a character known not to be, nor to fold to, an ASCII digit or
/// a Han numeral (the test checks every character this says true for).
fn folds_to_no_numeral(c: char) -> bool {
    match c as u32 {
        0..=0x7F => !c.is_ascii_digit(),
        // CJK unified ideographs (and extension A) have no decomposition.
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => !is_han_numeral(c),
        // General punctuation: dashes, quotes, leaders, spaces.
        0x2000..=0x206F => true,
        // CJK symbols and punctuation, less 〇 and the Hangzhou numerals
        // (〸〹〺 fold to 十卄卅).
        0x3000..=0x303F => !matches!(c as u32, 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303A),
        // Full-width ASCII, less the full-width digits.
        0xFF01..=0xFF5E => !matches!(c as u32, 0xFF10..=0xFF19),
        _ => false,
    }
}

/// Values stated in a Chinese text. `exclude` are byte ranges of the original
/// text (glossary terms) where nothing is read.
pub fn zh_numbers(text: &str, exclude: &[Range<usize>]) -> Vec<Found> {
    // Most sentences state no number: without a digit or a Han numeral
    // (before or after folding) nothing below can find one, and folding
    // and scanning every source was a tenth of a check's time.
    if !may_hold_zh_number(text) {
        return Vec::new();
    }
    zh_numbers_unscreened(text, exclude)
}

/// Which Han numerals of `chars` lie inside a set phrase (any occurrence
/// of any phrase): the only positions whose blocking the reader asks about
/// (a number starts at a digit, a numeral, 第 or 百分之, and no phrase has a
/// digit or 第). Each numeral is tried against the phrases that contain it,
/// where they would start; searching every source for every phrase with an
/// automaton cost more than reading its numbers.
fn set_phrase_blocked(chars: &Chars) -> Vec<bool> {
    let mut blocked = vec![false; chars.items.len()];
    let by_numeral = phrases_with_numeral();
    for i in 0..chars.items.len() {
        let Some(c) = chars.get(i) else { break };
        if blocked[i] || !is_han_numeral(c) {
            continue;
        }
        let Some(phrases) = by_numeral.get(&u32::from(c)) else {
            continue;
        };
        for (phrase, k) in phrases {
            let Some(start) = i.checked_sub(*k) else {
                continue;
            };
            let here = phrase
                .iter()
                .enumerate()
                .all(|(m, &p)| chars.get(start + m) == Some(p));
            if here {
                for b in blocked.iter_mut().skip(start).take(phrase.len()) {
                    *b = true;
                }
            }
        }
    }
    blocked
}

/// [`zh_numbers`] of `text` given its fold for matching (a check folds each
/// source once for the term search, the numbers and the rest).
pub fn zh_numbers_of_folded(
    text: &str,
    folded: &MatchFolded,
    exclude: &[Range<usize>],
) -> Vec<Found> {
    if !may_hold_zh_number(text) {
        return Vec::new();
    }
    zh_numbers_folded(text, folded.text(), |r| folded.original_range(r), exclude)
}

/// [`zh_numbers`] without the pre-screen.
fn zh_numbers_unscreened(text: &str, exclude: &[Range<usize>]) -> Vec<Found> {
    let folded = MatchFolded::of(text);
    zh_numbers_folded(text, folded.text(), |r| folded.original_range(r), exclude)
}

/// [`zh_numbers`] of `text` folded as `folded`; `original` maps a folded
/// byte range back to `text`.
fn zh_numbers_folded(
    text: &str,
    folded: &str,
    original: impl Fn(Range<usize>) -> Range<usize>,
    exclude: &[Range<usize>],
) -> Vec<Found> {
    // Every number starts at a digit or a Han numeral (第 and 百分之 lead
    // to one): a text without either has none, and a quarter of the
    // benchmark's sources are read once instead of collected, marked for
    // set phrases and scanned.
    if !folded
        .chars()
        .any(|c| c.is_ascii_digit() || is_han_numeral(c))
    {
        return Vec::new();
    }
    let chars = Chars::new(folded);
    let blocked = set_phrase_blocked(&chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.items.len() {
        let Some(c) = chars.get(i) else { break };
        let found = if blocked[i] {
            None
        } else if c == '第' {
            chars
                .any_number(i + 1)
                .map(|(v, end)| (Quantity::Number(v), end))
        } else if chars.starts_with(i, "百分之") {
            chars
                .any_number(i + 3)
                .map(|(v, end)| (Quantity::Percent(v), end))
        } else if c.is_ascii_digit() || is_han_numeral(c) {
            zh_number_at(&chars, i, &blocked)
        } else {
            None
        };
        match found {
            Some((quantity, end)) if end > i => {
                let span = original(chars.offset(i)..chars.offset(end));
                if !exclude
                    .iter()
                    .any(|x| x.start < span.end && span.start < x.end)
                {
                    out.push(Found {
                        quantity,
                        text: text.get(span.clone()).unwrap_or_default().to_string(),
                        span,
                    });
                }
                i = end;
            }
            _ => {
                // Skip the rest of a numeral run so 十四五 is not re-read as 四五.
                let mut k = i + 1;
                if is_han_numeral(c) {
                    while chars.get(k).is_some_and(is_han_numeral) {
                        k += 1;
                    }
                }
                i = k;
            }
        }
    }
    out
}

fn zh_number_at(chars: &Chars, i: usize, blocked: &[bool]) -> Option<(Quantity, usize)> {
    let c = chars.get(i)?;
    let (mut value, mut end, han_run) = if c.is_ascii_digit() {
        let (v, end) = chars.arabic(i)?;
        (v, end, None)
    } else {
        let mut k = i;
        let mut run = String::new();
        while let Some(c) = chars.get(k).filter(|&c| is_han_numeral(c)) {
            if blocked.get(k).copied().unwrap_or(false) {
                break;
            }
            run.push(c);
            k += 1;
        }
        let is_year = chars.get(k) == Some('年') && run.chars().count() == 4;
        let v = if is_year {
            digits_value(&run).or_else(|| han_value(&run))?
        } else {
            han_value(&run)?
        };
        (v, k, Some(run))
    };
    // Dates: 2025年6月17日, 2025年6月, 6月17日.
    if chars.get(end) == Some('年') && value >= 1000.0 && value.fract() == 0.0 {
        if let Some((month, day, date_end)) = zh_month_day(chars, end + 1) {
            let q = Quantity::Date {
                year: Some(value as u32),
                month,
                day,
            };
            return Some((q, date_end));
        }
        return Some((Quantity::Number(value), end + 1));
    }
    if chars.get(end) == Some('月') {
        if let Some((month, Some(day), date_end)) = zh_month_day(chars, i) {
            let q = Quantity::Date {
                year: None,
                month,
                day: Some(day),
            };
            return Some((q, date_end));
        }
        return None;
    }
    if let Some(run) = &han_run {
        let n = run.chars().count();
        let has_digit = run.chars().any(|c| han_digit(c).is_some());
        let multi = n >= 2 && has_digit;
        // A bare scale run (千万, 亿万) is an idiom; one scale character before a
        // measure word (百年, 万人) is a number.
        let bare_scales = !has_digit && n > 1;
        if bare_scales || !(multi || chars.measure_at(end)) || (n == 1 && value == 1.0) {
            return None;
        }
    } else {
        // Arabic digits followed by scale characters: 120万, 3.5万亿, 5千万.
        while let Some(s) = chars.get(end).and_then(han_scale) {
            value *= s;
            end += 1;
        }
    }
    if chars.get(end) == Some('%') {
        return Some((Quantity::Percent(value), end + 1));
    }
    Some((Quantity::Number(value), end))
}

// The number words are `match`es, not lists searched in turn: the compiler
// tells most words apart by their length and a byte or two, and every
// token of every target whose source states a number is looked up (the
// lists were most of the English number reader's time).

fn en_cardinal(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn en_ordinal(w: &str) -> Option<f64> {
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "hundredth" => 100.0,
        "thousandth" => 1000.0,
        // "twentieth" … "ninetieth"
        _ => return en_cardinal(&format!("{}y", w.strip_suffix("ieth")?)),
    })
}

fn en_scale(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "millions" | "mn" | "m" => 1e6,
        "billion" | "billions" | "bn" => 1e9,
        "trillion" | "trillions" | "tn" => 1e12,
        _ => return None,
    })
}

/// Words that state a number on their own.
fn en_word_value(w: &str) -> Option<f64> {
    Some(match w {
        "both" | "twice" | "double" | "pair" => 2.0,
        "once" => 1.0,
        "dozen" => 12.0,
        "century" | "centuries" | "centennial" | "centenary" => 100.0,
        "millennium" | "millennia" | "millennial" => 1000.0,
        _ => return None,
    })
}

fn month_number(w: &str) -> Option<u32> {
    // Most capitalised words are not months: their length or first letter
    // says so without comparing them with twelve names.
    if !(3..=9).contains(&w.len())
        || !matches!(
            w.as_bytes()[0].to_ascii_uppercase(),
            b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'
        )
    {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .map(|i| i as u32 + 1)
}

/// Values stated in an English text.
pub fn en_numbers(text: &str) -> Vec<Found> {
    // Most English targets are left as they are by folding: their tokens
    // are then read from the text itself, without the folded copy and its
    // offset map.
    if matching_fold_is_identity(text) {
        en_numbers_folded(text, text, |r| r)
    } else if let Some(q) = quick_fold(text) {
        en_numbers_folded(text, &q.text, |r| q.original_range(r))
    } else {
        let folded = fold(text, &FoldOptions::matching());
        en_numbers_folded(text, &folded.text, |r| folded.original_range(r))
    }
}

/// [`en_numbers`] of a text that folding leaves as it is
/// ([`matching_fold_is_identity`]), given its tokens: a check tokenises
/// each target once for all the checks that read its words.
pub fn en_numbers_of_tokens(text: &str, toks: &[Token<'_>]) -> Vec<Found> {
    en_numbers_in(text, toks, |r| r)
}

/// [`en_numbers`] of `text` given its fold for matching and the tokens of
/// that fold (a check tokenises each target once).
pub fn en_numbers_of_folded_tokens(
    text: &str,
    folded: &MatchFolded,
    toks: &[Token<'_>],
) -> Vec<Found> {
    en_numbers_in(text, toks, |r| folded.original_range(r))
}

/// [`en_numbers`] of `text` folded as `folded`; `original` maps a folded
/// byte range back to `text`.
fn en_numbers_folded(
    text: &str,
    folded: &str,
    original: impl Fn(Range<usize>) -> Range<usize>,
) -> Vec<Found> {
    en_numbers_in(text, &tokens(folded), original)
}

/// [`en_numbers`] from the tokens of the folded text.
fn en_numbers_in(
    text: &str,
    toks: &[Token<'_>],
    original: impl Fn(Range<usize>) -> Range<usize>,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    let push = |out: &mut Vec<Found>, q: Quantity, from: usize, to: usize| {
        let span = original(toks[from].start..toks[to - 1].end);
        out.push(Found {
            quantity: q,
            text: text.get(span.clone()).unwrap_or_default().to_string(),
            span,
        });
    };
    let lower = |k: usize| toks.get(k).map(|t| Lower::of(t.text));
    let number_at = |k: usize| -> Option<f64> {
        let t = toks.get(k)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        if t.text.contains(',') {
            t.text.replace(',', "").parse().ok()
        } else {
            t.text.parse().ok()
        }
    };
    let mut w = String::new();
    while i < toks.len() {
        let t = &toks[i];
        // A number, a date or a number word starts at a number or a word,
        // never at punctuation (a third of a target's tokens).
        if t.kind == TokenKind::Punct {
            i += 1;
            continue;
        }
        w.clear();
        w.push_str(t.text);
        w.make_ascii_lowercase();
        // Dates: "June 17, 2025", "June 2025", "17 June 2025", "June 17".
        if t.kind == TokenKind::Word
            && t.text.starts_with(|c: char| c.is_uppercase())
            && let Some(month) = month_number(t.text)
        {
            let day = number_at(i + 1).filter(|d| (1.0..=31.0).contains(d) && d.fract() == 0.0);
            if let Some(day) = day {
                let comma = usize::from(toks.get(i + 2).is_some_and(|t| t.text == ","));
                let year = number_at(i + 2 + comma).filter(|y| *y >= 1000.0);
                let end = if year.is_some() { i + 3 + comma } else { i + 2 };
                let q = Quantity::Date {
                    year: year.map(|y| y as u32),
                    month,
                    day: Some(day as u32),
                };
                push(&mut out, q, i, end);
                i = end;
                continue;
            }
            if let Some(year) = number_at(i + 1).filter(|y| *y >= 1000.0) {
                let q = Quantity::Date {
                    year: Some(year as u32),
                    month,
                    day: None,
                };
                push(&mut out, q, i, i + 2);
                i += 2;
                continue;
            }
        }
        if let Some(v) = number_at(i) {
            // "17 June 2025"
            if let Some(month) = toks.get(i + 1).and_then(|t| month_number(t.text))
                && (1.0..=31.0).contains(&v)
                && toks[i + 1].text.starts_with(char::is_uppercase)
            {
                let year = number_at(i + 2).filter(|y| *y >= 1000.0);
                let end = if year.is_some() { i + 3 } else { i + 2 };
                let q = Quantity::Date {
                    year: year.map(|y| y as u32),
                    month,
                    day: Some(v as u32),
                };
                push(&mut out, q, i, end);
                i = end;
                continue;
            }
            let mut value = v;
            let mut end = i + 1;
            while let Some(s) = lower(end).and_then(|w| en_scale(w.as_str())) {
                value *= s;
                end += 1;
            }
            let (q, end) = percent_after(toks, end, value);
            push(&mut out, q, i, end);
            i = end;
            continue;
        }
        // "2nd", "80th"
        if t.kind == TokenKind::Word {
            let digits = &w[..w.bytes().take_while(u8::is_ascii_digit).count()];
            let suffix = &w[digits.len()..];
            if !digits.is_empty()
                && matches!(suffix, "st" | "nd" | "rd" | "th" | "s")
                && let Ok(v) = digits.parse::<f64>()
            {
                push(&mut out, Quantity::Number(v), i, i + 1);
                i += 1;
                continue;
            }
        }
        // Number words: "twenty-five", "three hundred and fifty thousand", "second".
        if en_cardinal(&w).is_some()
            || en_ordinal(&w).is_some()
            || en_scale(&w).is_some_and(|s| s >= 100.0)
        {
            let (mut total, mut current) = (0.0, 0.0);
            let mut k = i;
            let mut last_word = i;
            while let Some(w) = lower(k) {
                let w = w.as_str();
                if let Some(v) = en_cardinal(w) {
                    current += v;
                } else if let Some(v) = en_ordinal(w) {
                    current += v;
                    last_word = k;
                    break;
                } else if let Some(s) = en_scale(w).filter(|s| *s >= 100.0) {
                    if s == 100.0 {
                        current = current.max(1.0) * 100.0;
                    } else {
                        total += current.max(1.0) * s;
                        current = 0.0;
                    }
                } else if (w == "-" || w == "and") && k > i {
                    k += 1;
                    continue;
                } else {
                    break;
                }
                last_word = k;
                k += 1;
            }
            let end = last_word + 1;
            let (q, end) = percent_after(toks, end, total + current);
            push(&mut out, q, i, end);
            i = end.max(i + 1);
            continue;
        }
        if let Some(v) = en_word_value(&w) {
            push(&mut out, Quantity::Number(v), i, i + 1);
        }
        i += 1;
    }
    out
}

/// A token lower-cased on the stack, for comparing with the English number
/// words, scales and connectors (all ASCII, none longer than [`Lower::MAX`]
/// bytes). A longer or non-ASCII token reads as "", which is none of them.
/// (Lower-casing each into a new `String` was a third of reading a
/// target's numbers.)
struct Lower {
    buf: [u8; Lower::MAX],
    len: usize,
}

impl Lower {
    const MAX: usize = 24;

    fn of(s: &str) -> Self {
        let mut buf = [0u8; Lower::MAX];
        let len = if s.len() <= Lower::MAX && s.is_ascii() {
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[..s.len()].make_ascii_lowercase();
            s.len()
        } else {
            0
        };
        Lower { buf, len }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

/// A number at tokens `..end` followed by "%", "percent" or "per cent".
fn percent_after(
    toks: &[crate::text::token::Token<'_>],
    end: usize,
    value: f64,
) -> (Quantity, usize) {
    let w = |k: usize| toks.get(k).map(|t| Lower::of(t.text));
    match w(end).as_ref().map(Lower::as_str) {
        Some("%" | "percent" | "pct") => (Quantity::Percent(value), end + 1),
        Some("per") if w(end + 1).as_ref().map(Lower::as_str) == Some("cent") => {
            (Quantity::Percent(value), end + 2)
        }
        _ => (Quantity::Number(value), end),
    }
}

/// Source values with no counterpart in the target, compared as multisets:
/// two 3,000s in the source need two in the target.
pub fn missing<'a>(source: &'a [Found], target: &[Found]) -> Vec<&'a Found> {
    let mut used = vec![false; target.len()];
    let mut out = Vec::new();
    for s in source {
        match (0..target.len()).find(|&j| !used[j] && s.quantity.matches(&target[j].quantity)) {
            Some(j) => used[j] = true,
            None => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {

    /// The numeral table answers as the list it is built from, for every
    /// character of the Basic Multilingual Plane and beyond.
    #[test]
    fn numeral_table_matches_the_list() {
        let chars = (0..=0x2FFFFu32).filter_map(char::from_u32);
        for c in chars {
            let listed = HAN_NUMERALS.iter().find(|(n, _)| *n == c).map(|&(_, v)| v);
            assert_eq!(han_numeral(c), listed, "{c:?}");
        }
        assert_eq!(han_digit('两'), Some(2));
        assert_eq!(han_digit('十'), None);
        assert_eq!(han_scale('亿'), Some(1e8));
        assert_eq!(han_scale('万'), Some(1e4));
        assert_eq!(han_scale('三'), None);
    }

    use super::*;

    #[test]
    fn every_number_word_has_its_value() {
        let small = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        let ord = [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ];
        for (i, w) in small.iter().enumerate() {
            assert_eq!(en_cardinal(w), Some(i as f64), "{w}");
        }
        for (i, w) in tens.iter().enumerate() {
            assert_eq!(en_cardinal(w), Some((i as f64 + 2.0) * 10.0), "{w}");
            let nth = format!("{}ieth", w.strip_suffix('y').unwrap());
            assert_eq!(en_ordinal(&nth), Some((i as f64 + 2.0) * 10.0), "{nth}");
        }
        for (i, w) in ord.iter().enumerate() {
            assert_eq!(en_ordinal(w), Some(i as f64 + 1.0), "{w}");
        }
        assert_eq!(en_ordinal("hundredth"), Some(100.0));
        assert_eq!(en_ordinal("thousandth"), Some(1000.0));
        for w in ["", "zeroth", "ieth", "partieth", "Twenty", "cooperation"] {
            assert_eq!(en_cardinal(w).or(en_ordinal(w)), None, "{w}");
        }
        for (i, m) in MONTHS.iter().enumerate() {
            assert_eq!(month_number(m), Some(i as u32 + 1));
            assert_eq!(month_number(&m[..3].to_uppercase()), Some(i as u32 + 1));
        }
        assert_eq!(month_number("Belt"), None);
        assert_eq!(month_number("Ma"), None);
        // Every word is read whole through the stack lower-casing.
        for w in small
            .iter()
            .chain(&tens)
            .chain(&ord)
            .chain(&["hundredth", "seventeenth"])
        {
            assert_eq!(Lower::of(&w.to_uppercase()).as_str(), *w);
        }
        assert_eq!(Lower::of("Twenty-Five").as_str(), "twenty-five");
        assert_eq!(Lower::of("中国").as_str(), "");
        assert_eq!(Lower::of(&"x".repeat(Lower::MAX + 1)).as_str(), "");
    }

    fn zh(s: &str) -> Vec<Quantity> {
        zh_numbers(s, &[]).into_iter().map(|f| f.quantity).collect()
    }
    fn en(s: &str) -> Vec<Quantity> {
        en_numbers(s).into_iter().map(|f| f.quantity).collect()
    }
    use Quantity::*;

    #[test]
    fn han_values() {
        assert_eq!(han_value("二十"), Some(20.0));
        assert_eq!(han_value("三亿五千万"), Some(3.5e8));
        assert_eq!(han_value("一百零五"), Some(105.0));
        assert_eq!(han_value("万亿"), Some(1e12));
        assert_eq!(han_value("十四五"), None);
        assert_eq!(han_value("一万二千"), Some(12000.0));
    }

    #[test]
    fn chinese_amounts() {
        assert_eq!(zh("增长35%"), [Percent(35.0)]);
        assert_eq!(zh("3000个项目"), [Number(3000.0)]);
        assert_eq!(zh("120万人"), [Number(1.2e6)]);
        assert_eq!(zh("15亿元"), [Number(1.5e9)]);
        assert_eq!(zh("3.5万亿元"), [Number(3.5e12)]);
        assert_eq!(zh("二十国"), [Number(20.0)]);
        assert_eq!(zh("第二届峰会"), [Number(2.0)]);
        assert_eq!(zh("百分之三十五"), [Percent(35.0)]);
        assert_eq!(zh("80周年"), [Number(80.0)]);
        assert_eq!(zh("百年"), [Number(100.0)]);
    }

    #[test]
    fn chinese_dates() {
        let d = Date {
            year: Some(2025),
            month: 6,
            day: Some(17),
        };
        assert_eq!(zh("2025年6月17日"), [d]);
        assert_eq!(zh("二〇二五年六月十七日"), [d]);
        assert_eq!(
            zh("6月17日"),
            [Date {
                year: None,
                month: 6,
                day: Some(17)
            }]
        );
        assert_eq!(zh("2025年"), [Number(2025.0)]);
        assert!(zh("6月").is_empty());
    }

    #[test]
    fn chinese_non_numbers() {
        for s in [
            "一带一路",
            "四梁八柱",
            "打击三股势力",
            "五要",
            "一个重要的",
            "一次",
            "十四五",
            "千万不要",
            "亿万人民",
            "统一",
            "进一步",
        ] {
            assert!(zh(s).is_empty(), "{s}: {:?}", zh(s));
        }
        let term = 0.."二十国集团".len();
        assert!(zh_numbers("二十国集团", std::slice::from_ref(&term)).is_empty());
    }

    #[test]
    fn english_values() {
        assert_eq!(en("35 percent"), [Percent(35.0)]);
        assert_eq!(en("35 per cent"), [Percent(35.0)]);
        assert_eq!(en("35%"), [Percent(35.0)]);
        assert_eq!(en("3,000 projects"), [Number(3000.0)]);
        assert_eq!(en("1.2 million"), [Number(1.2e6)]);
        assert_eq!(en("1.5 billion yuan"), [Number(1.5e9)]);
        assert_eq!(en("twenty"), [Number(20.0)]);
        assert_eq!(en("twenty-five"), [Number(25.0)]);
        assert_eq!(en("three hundred and fifty thousand"), [Number(350000.0)]);
        assert_eq!(en("the second summit"), [Number(2.0)]);
        assert_eq!(en("the 2nd summit"), [Number(2.0)]);
        assert_eq!(en("the 80th anniversary"), [Number(80.0)]);
        assert_eq!(en("the twentieth"), [Number(20.0)]);
    }

    #[test]
    fn english_dates() {
        let d = Date {
            year: Some(2025),
            month: 6,
            day: Some(17),
        };
        assert_eq!(en("on June 17, 2025"), [d]);
        assert_eq!(en("on 17 June 2025"), [d]);
        assert_eq!(
            en("in June 2025"),
            [Date {
                year: Some(2025),
                month: 6,
                day: None
            }]
        );
        assert!(en("you may go").is_empty());
    }

    #[test]
    fn multiset_comparison() {
        let s = zh_numbers("3000个和3000个", &[]);
        let t = en_numbers("3,000 and 300");
        let m = missing(&s, &t);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "3000");
    }

    /// The blocked positions as a search phrase by phrase finds them (the
    /// code before the automaton).
    fn blocked_by_search(folded: &str) -> Vec<bool> {
        let chars = Chars::new(folded);
        let mut blocked = vec![false; chars.items.len()];
        for phrase in ZH_SET_PHRASES {
            for (at, _) in folded.match_indices(phrase) {
                let first = chars.items.partition_point(|&(o, _)| o < at);
                for b in blocked.iter_mut().skip(first).take(phrase.chars().count()) {
                    *b = true;
                }
            }
        }
        blocked
    }

    #[test]
    fn no_set_phrase_overlaps_itself() {
        for p in ZH_SET_PHRASES {
            let chars: Vec<char> = p.chars().collect();
            for k in 1..chars.len() {
                assert_ne!(chars[..k], chars[chars.len() - k..], "{p}");
            }
        }
    }

    #[test]
    fn numeral_screen_is_sound_for_every_character_it_passes() {
        let numeral = |s: &str| s.chars().any(|c| c.is_ascii_digit() || is_han_numeral(c));
        let mut passed = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if folds_to_no_numeral(c) {
                passed += 1;
                let folded = fold(&c.to_string(), &FoldOptions::matching()).text;
                assert!(
                    !numeral(&folded),
                    "{c:?} U+{:04X} folds to {folded:?}",
                    c as u32
                );
            }
        }
        assert!(passed > 20_000, "{passed}");
        assert!(!may_hold_zh_number("中方愿同中亚国家，推动“合作”。"));
        for s in ["增长３５％", "第二届", "①", "二〇二五年", "3"] {
            assert!(may_hold_zh_number(s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn screen_and_automaton_agree_with_the_slow_paths(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "一带一路", "一路", "两国", "千千万万", "一", "两", "三", "十", "百", "千", "万",
                "亿", "〇", "第", "年", "月", "日", "个", "国", "百分之", "3", "３", "１２",
                ",", "，", "。", "①", "中方", "合作", "%", "％", "“", "”", "〸", "兩",
                " ", "a", "二〇二五", "周年", "美元", "人", "é", "（", "）", "－", "·",
            ]), 0..12)
        ) {
            let text: String = parts.concat();
            let general = fold(&text, &FoldOptions::matching());
            let slow = zh_numbers_folded(&text, &general.text, |r| general.original_range(r), &[]);
            proptest::prop_assert_eq!(zh_numbers_unscreened(&text, &[]), slow.clone());
            proptest::prop_assert_eq!(zh_numbers(&text, &[]), slow.clone());
            if !may_hold_zh_number(&text) {
                proptest::prop_assert!(slow.is_empty());
            }
            let folded = fold(&text, &FoldOptions::matching()).text;
            let chars = Chars::new(&folded);
            let reference = blocked_by_search(&folded);
            for (i, blocked) in set_phrase_blocked(&chars).into_iter().enumerate() {
                if chars.get(i).is_some_and(is_han_numeral) {
                    proptest::prop_assert_eq!(blocked, reference[i], "{} at {}", folded, i);
                }
            }
        }

        #[test]
        fn english_fast_path_equals_the_folded_path(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "June", "17", ",", "2025", " ", "  ", "\t", "twenty", "-", "five", "percent",
                "per cent", "%", "3,000", "1.2", "million", "2nd", "80th", "the", "both",
                "`", "’", "–", "hundred", "and", "Second", "May", "１２", "a",
            ]), 0..14)
        ) {
            let text: String = parts.concat();
            let folded = fold(&text, &FoldOptions::matching());
            let slow = en_numbers_folded(&text, &folded.text, |r| folded.original_range(r));
            proptest::prop_assert_eq!(en_numbers(&text), slow);
        }
    }
}
