//! The one finding model every check produces and every report renders.
//!
//! Like ruff's, a [`Diagnostic`] is plain data: a stable code, a severity, a
//! location (file, unit, line), a message, optional spans into the source and
//! target text and an optional suggestion. The human, JSON, CSV and HTML
//! renderers in `report` all consume `&[Diagnostic]`, so they cannot disagree.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range into a segment's plain text (see `Segment::plain_text`).
/// Reports convert it to character offsets where they must.
pub type Span = Range<usize>;

/// The glossary entry a T-code finding is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermRef {
    pub id: String,
    pub zh: String,
    pub en: String,
}

/// The TM unit an M-code finding is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TmRef {
    /// Match percentage (0–100).
    pub score: u8,
    pub source: String,
    pub target: String,
    /// The TM file and unit id, where known.
    pub origin: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `T001`.
    pub code: &'static str,
    pub severity: Severity,
    /// The checked file.
    pub file: Option<PathBuf>,
    /// The unit: its id, or its 1-based index in the file when it has none.
    pub unit: String,
    /// 1-based line of the unit in the file, where known.
    pub line: Option<u64>,
    pub message: String,
    /// The unit's source plain text.
    pub source: String,
    /// The unit's target plain text.
    pub target: String,
    /// Where in `source` the finding is.
    pub source_span: Option<Span>,
    /// Where in `target` the finding is.
    pub target_span: Option<Span>,
    /// For T-codes: the glossary entry.
    pub term: Option<TermRef>,
    /// For T-codes: the rendering found in the target (None when absent).
    pub found: Option<String>,
    /// For M-codes: the TM match.
    pub tm: Option<TmRef>,
    /// What to write instead, when the check knows.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the required fields; the rest is filled with the
    /// builder-style setters below.
    pub fn new(
        code: &'static str,
        severity: Severity,
        unit: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: None,
            unit: unit.into(),
            line: None,
            message: message.into(),
            source: String::new(),
            target: String::new(),
            source_span: None,
            target_span: None,
            term: None,
            found: None,
            tm: None,
            suggestion: None,
        }
    }
}
