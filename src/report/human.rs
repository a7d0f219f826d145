//! The human report: one block per finding, grouped by file and unit, with
//! the source and target shown and the term and rendering marked by carets.
//!
//! ```text
//! examples/delivery.zh-en.xlf:2: T002 error: forbidden rendering "One Belt, One Road" of 一带一路 …
//!   source: 两年来，中国同中亚国家共建“一带一路”走深走实，贸易额增长35%。
//!                                     ^^^^^^^^
//!   target: Over the past two years, One Belt, One Road cooperation between …
//!                                    ^^^^^^^^^^^^^^^^^^
//!   suggestion: Belt and Road Initiative
//! ```
//!
//! Caret lines count display columns, so a Han character (two columns in a
//! terminal) gets two carets. Long texts are cut to a window around the span.

use std::io::{self, Write};
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Severity};

use super::{RenderOptions, Summary};

/// Widest excerpt shown, in display columns.
const MAX_COLUMNS: usize = 110;

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Control characters (tabs, newlines inside a segment) shown as one space.
fn visible(c: char) -> char {
    if c.is_control() { ' ' } else { c }
}

/// The excerpt of `text` to print and, when `span` is given, the caret line
/// under it.
pub fn excerpt(text: &str, span: Option<&Range<usize>>) -> (String, Option<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let total: usize = chars.iter().map(|&(_, c)| width(visible(c))).sum();
    let (start_b, end_b) = span.map_or((0, 0), |s| (s.start, s.end));
    // Character window [lo, hi).
    let (mut lo, mut hi) = (0, chars.len());
    if total > MAX_COLUMNS {
        let first = chars.partition_point(|&(b, _)| b < start_b);
        let margin = MAX_COLUMNS / 3;
        let mut cols = 0;
        lo = first;
        while lo > 0 && cols < margin {
            lo -= 1;
            cols += width(visible(chars[lo].1));
        }
        hi = lo;
        cols = 0;
        while hi < chars.len() && cols < MAX_COLUMNS {
            cols += width(visible(chars[hi].1));
            hi += 1;
        }
    }
    let mut line = String::new();
    let mut caret = String::new();
    if lo > 0 {
        line.push('…');
        caret.push(' ');
    }
    for &(b, c) in &chars[lo..hi] {
        let c = visible(c);
        line.push(c);
        let w = width(c);
        let mark = span.is_some() && b >= start_b && b < end_b;
        for _ in 0..w {
            caret.push(if mark { '^' } else { ' ' });
        }
    }
    if hi < chars.len() {
        line.push('…');
    }
    let caret = span.map(|s| {
        let mut c = caret.trim_end().to_string();
        if s.start >= s.end || !c.contains('^') {
            // An empty span (or one outside the window) still points somewhere.
            c.push('^');
        }
        c
    });
    (line, caret)
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, s)
    }
}

fn block(d: &Diagnostic, p: &Paint, out: &mut dyn Write) -> io::Result<()> {
    let file = d
        .file
        .as_ref()
        .map(|f| f.display().to_string())
        .unwrap_or_else(|| "-".to_string());
    let location = format!("{file}:{}:", d.unit);
    writeln!(
        out,
        "{} {} {}: {}",
        p.wrap("1", &location),
        p.severity(d.severity, d.code),
        p.severity(d.severity, d.severity.as_str()),
        d.message
    )?;
    for (label, text, span) in [
        ("source", &d.source, d.source_span.as_ref()),
        ("target", &d.target, d.target_span.as_ref()),
    ] {
        if text.is_empty() && span.is_none() {
            continue;
        }
        let (line, caret) = excerpt(text, span);
        writeln!(out, "  {label}: {line}")?;
        if let Some(c) = caret {
            writeln!(out, "          {}", p.severity(d.severity, &c))?;
        }
    }
    if let Some(tm) = &d.tm {
        let origin = tm.origin.as_deref().unwrap_or("TM");
        writeln!(out, "  tm ({}%, {origin}): {}", tm.score, tm.target)?;
    }
    if let Some(s) = &d.suggestion {
        writeln!(out, "  {}: {s}", p.wrap("32", "suggestion"))?;
    }
    Ok(())
}

/// The summary line: totals and counts per code.
pub fn summary_line(outcome: &Outcome) -> String {
    let s = Summary::of(outcome);
    let n = |sev| s.by_severity.get(&sev).copied().unwrap_or(0);
    let mut line = if s.diagnostics == 0 {
        format!(
            "no findings in {} unit(s) of {} file(s)",
            s.checked, s.files
        )
    } else {
        let codes: Vec<String> = s.by_code.iter().map(|(c, n)| format!("{c}×{n}")).collect();
        format!(
            "{} finding(s) ({} error, {} warning, {} info) in {} unit(s) of {} file(s): {}",
            s.diagnostics,
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info),
            s.checked,
            s.files,
            codes.join(" ")
        )
    };
    if s.ignored > 0 {
        line.push_str(&format!("; {} accepted in the ignore file", s.ignored));
    }
    line
}

pub fn render(outcome: &Outcome, out: &mut dyn Write, opts: RenderOptions) -> io::Result<()> {
    let p = Paint { on: opts.color };
    let mut previous: Option<(&Option<std::path::PathBuf>, &str)> = None;
    for d in &outcome.diagnostics {
        let here = (&d.file, d.unit.as_str());
        if previous.is_some_and(|prev| prev != here) {
            writeln!(out)?;
        }
        previous = Some(here);
        block(d, &p, out)?;
    }
    if !outcome.diagnostics.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", p.wrap("1", &summary_line(outcome)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_count_wide_chars_twice() {
        let text = "共建“一带一路”";
        let start = text.find('一').unwrap();
        let span = start..start + "一带一路".len();
        let (line, caret) = excerpt(text, Some(&span));
        assert_eq!(line, text);
        // 共建“ = 2+2+1 columns ("“" is ambiguous-width, narrow here).
        assert_eq!(caret.unwrap(), "     ^^^^^^^^");
    }

    #[test]
    fn long_text_is_windowed() {
        let text = format!("{}TARGET{}", "a ".repeat(200), " b".repeat(200));
        let start = text.find("TARGET").unwrap();
        let (line, caret) = excerpt(&text, Some(&(start..start + 6)));
        assert!(line.starts_with('…') && line.ends_with('…'));
        let caret = caret.unwrap();
        let col = caret.find('^').unwrap();
        let marked: String = line.chars().skip(col).take(6).collect();
        assert_eq!(marked, "TARGET", "{line}\n{caret}");
    }
}
