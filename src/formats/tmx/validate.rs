//! Schema-level checks of a TMX file, beyond well-formedness.
//!
//! | level | rule |
//! |---|---|
//! | error | a required header attribute is missing (`creationtool`, `creationtoolversion`, `segtype`, `o-tmf`, `adminlang`, `srclang`, `datatype`) |
//! | error | `segtype` is not block, paragraph, sentence or phrase |
//! | error | a `<tu>` without `<tuv>` |
//! | error | a `tuid` used twice |
//! | warning | a `<tu>` without a variant in the source language (`srclang`, unless `*all*`) |
//! | warning | `<bpt>`/`<ept>` whose `i` values do not pair up within a segment |
//! | warning | an inline element TMX does not define |
//!
//! Malformed XML, a `<tuv>` without language or `<seg>` and the like stop
//! reading; they are returned as `Err` with their position.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Severity;
use crate::error::Result;
use crate::glossary::Problem;
use crate::model::{Inline, LangTag, Segment};

use super::TmxReader;

const REQUIRED: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];

const TMX_INLINE: [&str; 7] = ["bpt", "ept", "ph", "it", "hi", "sub", "ut"];

fn problem(severity: Severity, pos: (u64, u64), entry: Option<&str>, message: String) -> Problem {
    Problem {
        severity,
        entry: entry.map(str::to_string),
        row: None,
        column: None,
        line: Some(pos.0),
        col: Some(pos.1),
        message,
    }
}

/// Checks a TMX file. The problems found before a fatal error are returned
/// alongside it, so a report can show both.
pub fn validate_file(path: &Path) -> (Vec<Problem>, Option<crate::Error>) {
    let mut problems = Vec::new();
    match check(path, &mut problems) {
        Ok(()) => (problems, None),
        Err(e) => (problems, Some(e)),
    }
}

fn check(path: &Path, problems: &mut Vec<Problem>) -> Result<()> {
    let mut reader = TmxReader::open(path)?;
    let header_pos = reader.header_position();
    let header = reader.header().clone();
    for name in REQUIRED {
        if header.attrs.get(name).is_none() {
            problems.push(problem(
                Severity::Error,
                header_pos,
                None,
                format!("<header> lacks the required attribute '{name}'"),
            ));
        }
    }
    if let Some(segtype) = header.attrs.get("segtype")
        && !["block", "paragraph", "sentence", "phrase"].contains(&segtype)
    {
        problems.push(problem(
            Severity::Error,
            header_pos,
            None,
            format!("segtype '{segtype}' is not block, paragraph, sentence or phrase"),
        ));
    }
    let srclang = header
        .attrs
        .get("srclang")
        .filter(|l| !l.eq_ignore_ascii_case("*all*"))
        .map(LangTag::new);
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut index = 0u64;
    while let Some(unit) = reader.next() {
        let unit = unit?;
        index += 1;
        let pos = reader.last_positions().clone();
        let name = unit.id.clone().unwrap_or_else(|| format!("#{index}"));
        if unit.variants.is_empty() {
            problems.push(problem(
                Severity::Error,
                pos.tu,
                Some(&name),
                format!("<tu> {name} has no <tuv>"),
            ));
        }
        if let Some(id) = &unit.id {
            match ids.get(id) {
                Some(first) => problems.push(problem(
                    Severity::Error,
                    pos.tu,
                    Some(&name),
                    format!("duplicate tuid '{id}' (first at line {first})"),
                )),
                None => {
                    ids.insert(id.clone(), pos.tu.0);
                }
            }
        }
        let unit_src = unit.attrs.get("srclang").map(LangTag::new);
        if let Some(src) = unit_src.as_ref().or(srclang.as_ref())
            && !src.as_str().eq_ignore_ascii_case("*all*")
            && !unit.variants.is_empty()
            && unit.variant(src, false).is_none()
        {
            problems.push(problem(
                Severity::Warning,
                pos.tu,
                Some(&name),
                format!(
                    "<tu> {name} has no variant in the source language {src} (has: {})",
                    unit.variants
                        .iter()
                        .map(|v| v.lang.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for (i, v) in unit.variants.iter().enumerate() {
            let at = pos.tuvs.get(i).copied().unwrap_or(pos.tu);
            for msg in inline_problems(&v.segment) {
                problems.push(problem(
                    Severity::Warning,
                    at,
                    Some(&name),
                    format!("{} segment of {name}: {msg}", v.lang),
                ));
            }
        }
    }
    Ok(())
}

/// Unpaired or reused `i` values, and elements TMX does not define.
fn inline_problems(segment: &Segment) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut seen_bpt: Vec<String> = Vec::new();
    fn walk(
        items: &[Inline],
        open: &mut Vec<String>,
        seen: &mut Vec<String>,
        out: &mut Vec<String>,
    ) {
        for item in items {
            let Inline::Tag(tag) = item else { continue };
            let i = tag.attrs.get("i").unwrap_or("").to_string();
            match tag.name.as_str() {
                "bpt" => {
                    if seen.contains(&i) {
                        out.push(format!("<bpt i=\"{i}\"> reuses an i value"));
                    }
                    seen.push(i.clone());
                    open.push(i);
                }
                "ept" => match open.iter().position(|o| *o == i) {
                    Some(p) => {
                        open.remove(p);
                    }
                    None => out.push(format!("<ept i=\"{i}\"> has no <bpt> before it")),
                },
                name if !TMX_INLINE.contains(&name) => {
                    out.push(format!("<{name}> is not a TMX inline element"));
                }
                _ => {}
            }
            // Codes inside sub-flows pair within their own sub-flow.
            if tag.name == "sub" {
                let (mut o, mut s) = (Vec::new(), Vec::new());
                walk(&tag.children, &mut o, &mut s, out);
                for i in o {
                    out.push(format!("<bpt i=\"{i}\"> has no <ept>"));
                }
            } else {
                walk(&tag.children, open, seen, out);
            }
        }
    }
    walk(&segment.content, &mut open, &mut seen_bpt, &mut out);
    for i in open {
        out.push(format!("<bpt i=\"{i}\"> has no <ept>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_schema_problems_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.tmx");
        std::fs::write(
            &path,
            r#"<?xml version="1.0"?>
<tmx version="1.4">
  <header creationtool="t" segtype="line" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
  <body>
    <tu tuid="1"><tuv xml:lang="zh-CN"><seg>a<bpt i="1">x</bpt></seg></tuv></tu>
    <tu tuid="1"></tu>
    <tu><tuv xml:lang="en"><seg>b<ept i="2">y</ept><g/></seg></tuv></tu>
  </body>
</tmx>
"#,
        )
        .unwrap();
        let (problems, fatal) = validate_file(&path);
        assert!(fatal.is_none());
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "3:3: error: <header> lacks the required attribute 'creationtoolversion'",
                "3:3: error: segtype 'line' is not block, paragraph, sentence or phrase",
                "5:18: warning: zh-CN segment of 1: <bpt i=\"1\"> has no <ept>",
                "6:5: error: <tu> 1 has no <tuv>",
                "6:5: error: duplicate tuid '1' (first at line 5)",
                "7:5: warning: <tu> #3 has no variant in the source language zh-CN (has: en)",
                "7:9: warning: en segment of #3: <ept i=\"2\"> has no <bpt> before it",
                "7:9: warning: en segment of #3: <g> is not a TMX inline element",
            ]
        );
    }
}
