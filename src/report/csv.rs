//! CSV report: one row per diagnostic, a header row, UTF-8 with a BOM so
//! that Excel shows the Chinese correctly when the file is double-clicked.

use std::io::Write;

use crate::check::Outcome;
use crate::error::{Error, Result};

/// The header row.
pub const COLUMNS: [&str; 16] = [
    "file",
    "unit",
    "line",
    "code",
    "severity",
    "message",
    "source",
    "target",
    "term_id",
    "term_zh",
    "term_en",
    "found",
    "suggestion",
    "tm_score",
    "tm_target",
    "tm_origin",
];

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> Result<()> {
    let err = |e: csv::Error| Error::csv(format!("cannot write the CSV report: {e}"));
    out.write_all("\u{FEFF}".as_bytes())
        .map_err(|e| Error::io("write the report", e))?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(err)?;
    for d in &outcome.diagnostics {
        let term = d.term.as_ref();
        let tm = d.tm.as_ref();
        w.write_record([
            d.file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            d.unit.clone(),
            d.line.map(|l| l.to_string()).unwrap_or_default(),
            d.code.to_string(),
            d.severity.to_string(),
            d.message.clone(),
            d.source.clone(),
            d.target.clone(),
            term.map(|t| t.id.clone()).unwrap_or_default(),
            term.map(|t| t.zh.clone()).unwrap_or_default(),
            term.map(|t| t.en.clone()).unwrap_or_default(),
            d.found.clone().unwrap_or_default(),
            d.suggestion.clone().unwrap_or_default(),
            tm.map(|t| t.score.to_string()).unwrap_or_default(),
            tm.map(|t| t.target.clone()).unwrap_or_default(),
            tm.and_then(|t| t.origin.clone()).unwrap_or_default(),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| Error::io("write the report", e))
}
