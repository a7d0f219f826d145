//! JSON report, schema version 1 (documented in docs/json-schema.md).
//!
//! Spans are character offsets (Unicode scalar values), not bytes.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;
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

/// One diagnostic as a JSON object: the schema, key by key ([`render`]
/// writes the same thing without building it; a test compares them).
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
    let mut v = frame(outcome);
    v["diagnostics"] = Value::Array(outcome.diagnostics.iter().map(diagnostic).collect());
    v
}

/// The report without its findings (`"diagnostics": []`).
fn frame(outcome: &Outcome) -> Value {
    let files: Vec<Value> = outcome
        .files
        .iter()
        .map(|f| json!({"path": f.path.display().to_string(), "units": f.units, "checked": f.checked}))
        .collect();
    json!({
        "version": SCHEMA_VERSION,
        "tool": "concord",
        "files": files,
        "diagnostics": [],
        "summary": Summary::of(outcome),
    })
}

/// A character span as the report writes it.
#[derive(Serialize)]
struct CharSpan {
    end: usize,
    start: usize,
}

fn char_span_of(text: &str, s: &Option<std::ops::Range<usize>>) -> Option<CharSpan> {
    s.as_ref().map(|s| {
        let c = char_span(text, s);
        CharSpan {
            end: c.end,
            start: c.start,
        }
    })
}

/// [`TermRef`](crate::diagnostic::TermRef) with its keys in the report's
/// (sorted) order.
#[derive(Serialize)]
struct TermItem<'a> {
    en: &'a str,
    id: &'a str,
    zh: &'a str,
}

/// [`TmRef`](crate::diagnostic::TmRef) with its keys in sorted order.
#[derive(Serialize)]
struct TmItem<'a> {
    origin: Option<&'a str>,
    score: u8,
    source: &'a str,
    target: &'a str,
}

/// One finding as [`diagnostic`] writes it, serialised straight from the
/// [`Diagnostic`]'s fields instead of through a [`Value`]: the same keys in
/// the same (sorted) order, without building a map and copying every
/// string per finding (that was two thirds of writing a report; a test
/// compares the two).
#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    file: Option<String>,
    /// Present (even as null) for T-codes only, like `term`.
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<Option<&'a str>>,
    line: Option<u64>,
    message: &'a str,
    severity: crate::diagnostic::Severity,
    source: &'a str,
    source_span: Option<CharSpan>,
    suggestion: Option<&'a str>,
    target: &'a str,
    target_span: Option<CharSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<Option<TermItem<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tm: Option<TmItem<'a>>,
    unit: &'a str,
}

impl<'a> Item<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        let t_code = d.code.starts_with('T');
        Item {
            code: d.code,
            file: d.file.as_ref().map(|f| f.display().to_string()),
            found: t_code.then_some(d.found.as_deref()),
            line: d.line,
            message: &d.message,
            severity: d.severity,
            source: &d.source,
            source_span: char_span_of(&d.source, &d.source_span),
            suggestion: d.suggestion.as_deref(),
            target: &d.target,
            target_span: char_span_of(&d.target, &d.target_span),
            term: t_code.then(|| {
                d.term.as_ref().map(|t| TermItem {
                    en: &t.en,
                    id: &t.id,
                    zh: &t.zh,
                })
            }),
            tm: d.tm.as_ref().map(|tm| TmItem {
                origin: tm.origin.as_deref(),
                score: tm.score,
                source: &tm.source,
                target: &tm.target,
            }),
            unit: &d.unit,
        }
    }
}

/// One finding pretty-printed as an item of the report's list: nested two
/// levels deep, every line four spaces in (JSON strings hold no raw line
/// breaks).
fn indented(d: &Diagnostic) -> std::result::Result<Vec<u8>, serde_json::Error> {
    let item = serde_json::to_vec_pretty(&Item::of(d))?;
    let lines = 1 + memchr::memchr_iter(b'\n', &item).count();
    let mut out = Vec::with_capacity(item.len() + 4 * lines);
    for (n, line) in item.split(|&b| b == b'\n').enumerate() {
        if n > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"    ");
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// Writes [`to_value`] pretty-printed, one finding at a time: the findings
/// of a big run are never all held as JSON values (that was several KB per
/// finding, the largest item in a check's memory after the TM).
pub fn render(outcome: &Outcome, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::io("write the report", e);
    let json = |e: serde_json::Error| Error::io("write the report", e.into());
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    let frame = serde_json::to_string_pretty(&frame(outcome)).map_err(json)?;
    // Keys are sorted, so the findings are the frame's first member.
    const EMPTY: &str = "\"diagnostics\": []";
    match frame.split_once(EMPTY) {
        Some((head, tail)) if !outcome.diagnostics.is_empty() => {
            out.write_all(head.as_bytes()).map_err(io)?;
            out.write_all(b"\"diagnostics\": [").map_err(io)?;
            // Findings are rendered a window at a time on every core (one
            // at a time, 20,000 of them took a twentieth of a check with one
            // core idle), then written in order.
            const WINDOW: usize = 1024;
            let mut first = true;
            for window in outcome.diagnostics.chunks(WINDOW) {
                let items: Vec<std::result::Result<Vec<u8>, serde_json::Error>> =
                    window.par_iter().map(indented).collect();
                for item in items {
                    let item = item.map_err(json)?;
                    out.write_all(if first { b"\n" } else { b",\n" })
                        .map_err(io)?;
                    first = false;
                    out.write_all(&item).map_err(io)?;
                }
            }
            out.write_all(b"\n  ]").map_err(io)?;
            out.write_all(tail.as_bytes()).map_err(io)?;
        }
        _ => out.write_all(frame.as_bytes()).map_err(io)?,
    }
    out.write_all(b"\n").map_err(io)?;
    out.flush().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FileStats;
    use crate::diagnostic::Severity;

    /// The streamed rendering, serialised from the findings' fields, is what
    /// pretty-printing the whole value ([`to_value`]) gives.
    #[test]
    fn render_equals_pretty_value() {
        let mut d = Diagnostic::new("T002", Severity::Error, "3", "forbidden \"x\"\nnext line");
        d.source = "一带一路".into();
        d.target = "One Belt, One Road\t{\"a\": [1]}".into();
        d.source_span = Some(0..12);
        d.term = Some(crate::diagnostic::TermRef {
            id: "bri".into(),
            zh: "一带一路".into(),
            en: "Belt and Road".into(),
        });
        d.found = Some("One Belt, One Road".into());
        d.target_span = Some(0..18);
        let mut e = Diagnostic::new("S001", Severity::Error, "4", "empty");
        e.file = Some("a/b.tmx".into());
        // A T-code without a term or a rendering found: both keys, null.
        let mut t = Diagnostic::new("T001", Severity::Warning, "5", "not found");
        t.line = Some(12);
        t.suggestion = Some("Belt and Road".into());
        let mut m = Diagnostic::new("M002", Severity::Info, "6", "80% TM match");
        m.source = "中国－中亚精神".into();
        m.source_span = Some(3..21);
        m.tm = Some(crate::diagnostic::TmRef {
            score: 80,
            source: "中国－中亚精神".into(),
            target: "China–Central Asia Spirit".into(),
            origin: Some("tm.tmx:7".into()),
        });
        let mut n = m.clone();
        n.tm.as_mut().unwrap().origin = None;
        for diags in [vec![], vec![d.clone()], vec![d, e, t, m, n]] {
            let outcome = Outcome {
                diagnostics: diags,
                files: vec![FileStats {
                    path: "a/b.tmx".into(),
                    units: 2,
                    checked: 2,
                }],
                ..Outcome::default()
            };
            let mut want = serde_json::to_string_pretty(&to_value(&outcome)).unwrap();
            want.push('\n');
            let mut got = Vec::new();
            render(&outcome, &mut got).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }
}
