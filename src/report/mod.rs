//! Renderers of check results: human (caret excerpts), JSON, CSV.
//!
//! Every renderer reads the same [`Outcome`] (the `Diagnostic`s plus file
//! stats) and the same [`Summary`], so formats cannot disagree; adding a
//! format is one more module and one more [`Format`] arm.

pub mod csv;
pub mod html;
pub mod human;
pub mod json;

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use crate::check::Outcome;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};

/// Output formats of `concord check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Csv,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "human" | "text" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            other => Err(Error::usage(format!(
                "unknown format '{other}' (human, json, csv, html)"
            ))),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colours (human format only).
    pub color: bool,
}

/// Totals of a run, shared by every format.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub units: usize,
    pub checked: usize,
    pub diagnostics: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_code: BTreeMap<&'static str, usize>,
    /// Findings accepted by the ignore file.
    pub ignored: usize,
}

impl Summary {
    pub fn of(outcome: &Outcome) -> Self {
        Summary {
            files: outcome.files.len(),
            units: outcome.files.iter().map(|f| f.units).sum(),
            checked: outcome.files.iter().map(|f| f.checked).sum(),
            diagnostics: outcome.diagnostics.len(),
            by_severity: outcome.severity_counts(),
            by_code: outcome.counts(),
            ignored: outcome.ignored,
        }
    }
}

/// Renders `outcome` in `format` to `out`.
pub fn render(
    format: Format,
    outcome: &Outcome,
    out: &mut dyn Write,
    opts: RenderOptions,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("write the report", e);
    match format {
        Format::Human => human::render(outcome, out, opts).map_err(io),
        Format::Json => json::render(outcome, out),
        Format::Csv => csv::render(outcome, out),
        Format::Html => html::render(outcome, &html::HtmlSummary::of(outcome), out),
    }
}

/// A byte span as character offsets (what JSON consumers and editors count).
pub fn char_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let chars_before = |b: usize| {
        text.get(..b.min(text.len()))
            .map_or(0, |s| s.chars().count())
    };
    chars_before(span.start)..chars_before(span.end)
}
