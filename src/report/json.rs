//! JSON report, schema version 1 (documented in docs/json-schema.md).
//!
//! Spans are character offsets (Unicode scalar values), not bytes.

use std::io::Write;

use serde_json::{Value, json};

use crate::check::Outcome;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

use super::{Summary, char_span};

/// The schema version written in `"version"`.
pub const SCHEMA_VERSION: u32 = 1;

fn span(text: &str, s: &Option<std::ops::Range<usize>>) -> Value {
    match s {
        Some(s) => {
            let c = char_span(text, s);
            json!({"start": c.start, "end": c.end})
        }
        None => Value::Null,
    }
}

/// One diagnostic as a JSON object.
pub fn diagnostic(d: &Diagnostic) -> Value {
    let mut v = json!({
        "code": d.code,
        "severity": d.severity,
        "file": d.file.as_ref().map(|f| f.display().to_string()),
        "unit": d.unit,
        "line": d.line,
        "message": d.message,
        "source": d.source,
        "target": d.target,
        "source_span": span(&d.source, &d.source_span),
        "target_span": span(&d.target, &d.target_span),
        "suggestion": d.suggestion,
    });
    if d.code.starts_with('T') {
        v["term"] = json!(d.term);
        v["found"] = json!(d.found);
    }
    if let Some(tm) = &d.tm {
        v["tm"] = json!(tm);
    }
    v
}

/// The whole report as a JSON value.
pub fn to_value(outcome: &Outcome) -> Value {
    let files: Vec<Value> = outcome
        .files
        .iter()
        .map(|f| json!({"path": f.path.display().to_string(), "units": f.units, "checked": f.checked}))
        .collect();
    json!({
        "version": SCHEMA_VERSION,
        "tool": "concord",
        "files": files,
        "diagnostics": outcome.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
        "summary": Summary::of(outcome),
    })
}

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::io("write the report", e);
    serde_json::to_writer_pretty(&mut *out, &to_value(outcome))
        .map_err(|e| Error::io("write the report", e.into()))?;
    out.write_all(b"\n").map_err(io)
}
