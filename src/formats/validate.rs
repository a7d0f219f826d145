//! `concord validate`: which files to check, and how each format is checked.
//!
//! A folder is searched recursively for `*.tmx` and glossary `*.csv` (a
//! header with `id`, `zh`, `en` and a glossary column; hidden folders and
//! `target/` skipped); a file named explicitly is checked whatever it is. TMX gets [`super::tmx::validate_file`],
//! a glossary [`crate::glossary::validate_file`], a bilingual CSV/TSV a full
//! read (well-formedness, field counts).

use std::path::{Path, PathBuf};

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::glossary::{self, Problem};

use super::{Content, Format, ReadOptions, open_units};

/// The result for one file.
#[derive(Debug)]
pub struct FileReport {
    pub file: PathBuf,
    /// The detected format (None when it could not be told).
    pub format: Option<Format>,
    /// Problems found, in file order.
    pub problems: Vec<Problem>,
    /// Why reading stopped, if it did (malformed XML, a broken row, I/O).
    pub fatal: Option<Error>,
}

impl FileReport {
    /// Problems at warning level or above, plus the fatal error.
    pub fn has_findings(&self) -> bool {
        self.fatal.is_some()
            || self
                .problems
                .iter()
                .any(|p| p.severity >= Severity::Warning)
    }
}

/// The files to check for `paths` (folders expanded, in sorted order).
pub fn files_to_validate(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io("read the folder", e).in_file(dir))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                walk(&path, out)?;
            }
        } else {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            let wanted = match ext.as_deref() {
                Some("tmx") => true,
                // Only glossaries: other CSVs in a project folder (exports,
                // spreadsheets, OmegaT glossaries) are not ours to judge.
                Some("csv") => Format::detect(&path).is_ok_and(|f| f == Format::GlossaryCsv),
                _ => false,
            };
            if wanted {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// Checks one file.
pub fn validate_file(path: &Path, options: &ReadOptions) -> FileReport {
    let mut report = FileReport {
        file: path.to_path_buf(),
        format: None,
        problems: Vec::new(),
        fatal: None,
    };
    let format = match Format::detect(path) {
        Ok(f) => f,
        Err(e) => {
            report.fatal = Some(e);
            return report;
        }
    };
    report.format = Some(format);
    match (format, format.content()) {
        (Format::Tmx, _) => {
            let (problems, fatal) = super::tmx::validate_file(path);
            report.problems = problems;
            report.fatal = fatal;
        }
        (_, Content::Glossary) => match glossary::validate_file(path) {
            Ok(p) => report.problems = p,
            Err(e) => report.fatal = Some(e),
        },
        (_, Content::Units) => match open_units(path, Some(format), options) {
            Ok(source) => {
                for unit in source.units {
                    if let Err(e) = unit {
                        report.fatal = Some(e);
                        break;
                    }
                }
            }
            Err(e) => report.fatal = Some(e),
        },
    }
    report
}
