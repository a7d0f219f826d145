//! `concord.toml`: per-project settings, found by walking up from the current folder.
//!
//! A project keeps its glossary and TM paths, language pair, match threshold,
//! failure threshold and check selection in one file next to its documents,
//! so a translator, an editor and CI run `concord check` with the same rules.
//! The file is strict: a misspelt key is an error naming its line and column,
//! never silently ignored (a `min_mach = 90` that did nothing would be worse
//! than no setting at all).
//!
//! Precedence, lowest first: built-in defaults, the file, command-line flags.
//! Relative paths in the file are resolved against the file's folder, so the
//! same project works from any subfolder.
//!
//! ```
//! use concord::settings::Settings;
//! use std::path::Path;
//! let s = Settings::parse("min_match = 85\n[severity]\nT003 = \"error\"\n", Path::new("concord.toml")).unwrap();
//! assert_eq!(s.min_match, 85);
//! assert_eq!(s.severity["T003"], concord::Severity::Error);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{CODES, CheckOptions, IgnoreList};
use crate::diagnostic::Severity;
use crate::error::{Error, Result, line_col};
use crate::model::LangTag;

/// The file name looked for in the current folder and its parents.
pub const FILE_NAME: &str = "concord.toml";

/// Default fuzzy TM match threshold, in percent (the usual CAT-tool default).
pub const DEFAULT_MIN_MATCH: u8 = 75;

/// The lowest severity that makes `concord check` exit with 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any finding fails.
    Info,
    /// Warnings and errors fail.
    Warning,
    /// Only errors fail (default): info and warnings are advice.
    #[default]
    Error,
    /// Never fail on findings (exit 0 unless concord itself fails).
    Never,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Info => "info",
            FailOn::Warning => "warning",
            FailOn::Error => "error",
            FailOn::Never => "never",
        }
    }

    /// The lowest failing severity, or `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }

    /// Parses a command-line value.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(FailOn::Info),
            "warning" | "warn" => Some(FailOn::Warning),
            "error" => Some(FailOn::Error),
            "never" | "none" => Some(FailOn::Never),
            _ => None,
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A check code (`T001`) or a code prefix (`T`, `T00`), validated while
/// parsing so that a typo is reported at its position in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CodeSelector(String);

impl CodeSelector {
    /// Accepts a code or a prefix of at least one code in the registry
    /// ([`crate::check::CODES`]); lower case is upper-cased (`t001` is `T001`).
    pub fn parse(s: &str) -> std::result::Result<Self, String> {
        let upper = s.trim().to_ascii_uppercase();
        let mut chars = upper.chars();
        let well_formed = matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
            && upper.len() <= 4
            && chars.all(|c| c.is_ascii_digit());
        if well_formed && CODES.iter().any(|c| c.code.starts_with(upper.as_str())) {
            Ok(CodeSelector(upper))
        } else {
            Err(format!(
                "'{s}' is not a check code or code prefix (codes: {})",
                CODES.iter().map(|c| c.code).collect::<Vec<_>>().join(", ")
            ))
        }
    }

    /// True for a full code such as `T001` (not a prefix).
    pub fn is_full_code(&self) -> bool {
        self.0.len() == 4
    }

    /// True when `code` is selected by this code or prefix.
    pub fn matches(&self, code: &str) -> bool {
        code.starts_with(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CodeSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CodeSelector {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CodeSelector::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A full check code used as a `[severity]` key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Code(String);

impl Code {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Code {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match CodeSelector::parse(&s) {
            Ok(sel) if sel.is_full_code() => Ok(Code(sel.0)),
            _ => Err(serde::de::Error::custom(format!(
                "'{s}' is not a check code (like T003)"
            ))),
        }
    }
}

/// Everything `concord.toml` can say. Missing keys take the defaults below,
/// which are also what `concord init` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Glossary CSV files or folders of them. Empty: the bundled glossary.
    pub glossary: Vec<PathBuf>,
    /// Translation memories (TMX, bilingual CSV/TSV) to check against.
    /// Empty: the TM bundled with concord.
    pub tm: Vec<PathBuf>,
    /// Source language of the checked files (BCP 47).
    pub source_lang: String,
    /// Target language of the checked files (BCP 47).
    pub target_lang: String,
    /// Lowest fuzzy TM match, in percent, that M002 considers.
    pub min_match: u8,
    /// The lowest severity that makes `concord check` exit with 1.
    pub fail_on: FailOn,
    /// Codes or prefixes to run. Empty: every check.
    pub select: Vec<CodeSelector>,
    /// Codes or prefixes not to run (wins over `select`).
    pub ignore: Vec<CodeSelector>,
    /// A file of findings to suppress (accepted exceptions), if any.
    pub ignore_file: Option<PathBuf>,
    /// Per-code severity overrides (`T003 = "error"`).
    pub severity: BTreeMap<Code, Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            glossary: Vec::new(),
            tm: Vec::new(),
            source_lang: "zh".to_string(),
            target_lang: "en".to_string(),
            min_match: DEFAULT_MIN_MATCH,
            fail_on: FailOn::default(),
            select: Vec::new(),
            ignore: Vec::new(),
            ignore_file: None,
            severity: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Parses the text of a settings file. `path` names the file in errors
    /// and is the base for relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let mut settings: Settings = toml::from_str(text).map_err(|e| {
            let mut err = Error::usage(e.message().trim().to_string()).in_file(path);
            if let Some(span) = e.span() {
                let (line, col) = line_col(text, span.start);
                err = err.at(line, col);
            }
            err
        })?;
        settings.validate().map_err(|e| e.in_file(path))?;
        let base = path.parent().unwrap_or(Path::new(""));
        settings.resolve_paths(base);
        Ok(settings)
    }

    /// Reads and parses a settings file.
    pub fn load(path: &Path) -> Result<Settings> {
        let text = crate::io::read_text(path)?;
        Settings::parse(&text, path)
    }

    /// Looks for `concord.toml` in `cwd` and each parent folder up to the
    /// filesystem root; returns the first found, parsed.
    pub fn load_discovered(cwd: &Path) -> Result<Option<(PathBuf, Settings)>> {
        match discover(cwd) {
            Some(path) => Settings::load(&path).map(|s| Some((path, s))),
            None => Ok(None),
        }
    }

    /// The settings for a run: the file given with `--config`, else the one
    /// discovered from `cwd`, else the defaults. Returns the file used.
    pub fn resolve(explicit: Option<&Path>, cwd: &Path) -> Result<(Option<PathBuf>, Settings)> {
        match explicit {
            Some(path) => Ok((Some(path.to_path_buf()), Settings::load(path)?)),
            None => Ok(match Settings::load_discovered(cwd)? {
                Some((path, s)) => (Some(path), s),
                None => (None, Settings::default()),
            }),
        }
    }

    /// The severity for `code`: the override when there is one, else `default`.
    pub fn severity_for(&self, code: &str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }

    /// Whether the check `code` runs: selected (or nothing selected) and not ignored.
    pub fn is_enabled(&self, code: &str) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|s| s.matches(code));
        selected && !self.ignore.iter().any(|s| s.matches(code))
    }

    /// The glossary files: each `glossary` entry as is, or for a folder the
    /// glossary files in it (csv, tsv, tab, tbx), sorted by name.
    pub fn glossary_files(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for path in &self.glossary {
            if path.is_dir() {
                let read = std::fs::read_dir(path)
                    .map_err(|e| Error::io("list the folder", e).in_file(path))?;
                let mut files: Vec<PathBuf> = read
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.is_file()
                            && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                                ["csv", "tsv", "tab", "tbx"]
                                    .contains(&e.to_ascii_lowercase().as_str())
                            })
                    })
                    .collect();
                files.sort();
                out.extend(files);
            } else {
                out.push(path.clone());
            }
        }
        Ok(out)
    }

    /// The check options these settings describe, before command-line flags
    /// are applied on top. Reads the ignore file when one is set.
    pub fn check_options(&self) -> Result<CheckOptions> {
        let mut options = CheckOptions {
            source_lang: LangTag::new(self.source_lang.clone()),
            target_lang: LangTag::new(self.target_lang.clone()),
            select: self.select.iter().map(|s| s.to_string()).collect(),
            ignore: self.ignore.iter().map(|s| s.to_string()).collect(),
            severity: self
                .severity
                .iter()
                .map(|(code, sev)| (code.as_str().to_string(), *sev))
                .collect(),
            min_match: self.min_match,
            fail_on: self.fail_on.threshold(),
            ..CheckOptions::default()
        };
        if let Some(path) = &self.ignore_file {
            options.ignores = IgnoreList::load(path)?;
        }
        Ok(options)
    }

    fn validate(&self) -> Result<()> {
        if self.min_match > 100 {
            return Err(Error::usage(format!(
                "min_match must be between 0 and 100, not {}",
                self.min_match
            )));
        }
        for (key, value) in [
            ("source_lang", &self.source_lang),
            ("target_lang", &self.target_lang),
        ] {
            if value.trim().is_empty() {
                return Err(Error::usage(format!("{key} must not be empty")));
            }
        }
        Ok(())
    }

    fn resolve_paths(&mut self, base: &Path) {
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        self.glossary.iter_mut().for_each(resolve);
        self.tm.iter_mut().for_each(resolve);
        if let Some(p) = &mut self.ignore_file {
            resolve(p);
        }
    }

    /// The commented `concord.toml` that `concord init` writes. It parses
    /// back into [`Settings::default`].
    pub fn template() -> String {
        TEMPLATE.replace("{MIN_MATCH}", &DEFAULT_MIN_MATCH.to_string())
    }
}

/// The nearest `concord.toml` in `start` or its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

const TEMPLATE: &str = r#"# concord.toml — settings for `concord check` and friends in this folder and below.
# concord finds this file by looking in the current folder, then each parent.
# Command-line flags override what is written here. Relative paths are
# resolved against the folder this file is in.

# Glossary CSV files, or folders of them (id, zh, zh_variants, en, …).
# Empty: the glossary bundled with concord.
glossary = []
# e.g. glossary = ["terminology/diplomacy.csv", "terminology/client/"]

# Translation memories (TMX, or bilingual CSV/TSV) to compare translations
# with (M001, M002). Empty: the TM bundled with concord.
tm = []
# e.g. tm = ["memory/mfa-2024.tmx"]

# Language pair of the checked files (BCP 47 tags).
source_lang = "zh"
target_lang = "en"

# Lowest fuzzy TM match, in percent, for M002 (CAT-tool style: 100 = identical).
min_match = {MIN_MATCH}

# Exit with 1 when a finding of this severity or higher remains:
# "info", "warning", "error" or "never".
fail_on = "error"

# Checks to run, by code or prefix; empty runs every check.
select = []
# e.g. select = ["T", "M", "N001"]

# Checks not to run, by code or prefix (wins over select).
ignore = []
# e.g. ignore = ["P003", "T004"]

# A file listing accepted exceptions, one per line (optional).
# ignore_file = ".concordignore"

# Severity per code: "info", "warning" or "error".
[severity]
# T003 = "error"
# P001 = "warning"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_round_trips_to_defaults() {
        let s = Settings::parse(&Settings::template(), Path::new("concord.toml")).unwrap();
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text = "min_match = 80\n\nmin_mach = 90\n";
        let e = Settings::parse(text, Path::new("p/concord.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(3));
        assert_eq!(e.position().column, Some(1));
        let msg = e.to_string();
        assert!(msg.starts_with("p/concord.toml:3:1: "), "{msg}");
        assert!(msg.contains("min_mach"), "{msg}");
    }

    #[test]
    fn unknown_key_in_table_is_an_error() {
        let text = "[severity]\nT003 = \"error\"\n[checks]\nx = 1\n";
        let e = Settings::parse(text, Path::new("concord.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(3), "{e}");
        assert!(e.to_string().contains("checks"), "{e}");
    }

    #[test]
    fn bad_code_is_reported_at_its_position() {
        let text = "select = [\"T\", \"Tx01\"]\n";
        let e = Settings::parse(text, Path::new("concord.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(1), "{e}");
        // toml reports the list that holds the bad value.
        assert_eq!(e.position().column, Some(10), "{e}");
        assert!(e.to_string().contains("Tx01"), "{e}");
    }

    #[test]
    fn bad_severity_value_is_an_error() {
        let text = "[severity]\nT003 = \"fatal\"\n";
        let e = Settings::parse(text, Path::new("concord.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(2), "{e}");
    }

    #[test]
    fn severity_key_must_be_a_full_code() {
        let text = "[severity]\nT = \"error\"\n";
        let e = Settings::parse(text, Path::new("concord.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(2), "{e}");
        assert!(e.to_string().contains("not a check code"), "{e}");
    }

    #[test]
    fn min_match_above_100_is_an_error() {
        let e = Settings::parse("min_match = 101", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("min_match"), "{e}");
    }

    #[test]
    fn relative_paths_resolve_against_the_file() {
        let text = "glossary = [\"terms.csv\", \"/abs/g.csv\"]\ntm = [\"tm/a.tmx\"]\nignore_file = \".ci\"\n";
        let s = Settings::parse(text, Path::new("/proj/concord.toml")).unwrap();
        assert_eq!(
            s.glossary,
            vec![
                PathBuf::from("/proj/terms.csv"),
                PathBuf::from("/abs/g.csv")
            ]
        );
        assert_eq!(s.tm, vec![PathBuf::from("/proj/tm/a.tmx")]);
        assert_eq!(s.ignore_file, Some(PathBuf::from("/proj/.ci")));
    }

    #[test]
    fn selection_by_prefix() {
        let s = Settings::parse(
            "select = [\"T\", \"m001\"]\nignore = [\"T004\"]",
            Path::new("c.toml"),
        )
        .unwrap();
        assert!(s.is_enabled("T001"));
        assert!(s.is_enabled("M001"));
        assert!(!s.is_enabled("M002"));
        assert!(!s.is_enabled("T004"));
        assert!(Settings::default().is_enabled("P003"));
    }

    #[test]
    fn severity_override() {
        let s = Settings::parse("[severity]\nT003 = \"error\"", Path::new("c.toml")).unwrap();
        assert_eq!(s.severity_for("T003", Severity::Warning), Severity::Error);
        assert_eq!(s.severity_for("T001", Severity::Error), Severity::Error);
    }

    #[test]
    fn unknown_codes_are_errors() {
        let e = Settings::parse("ignore = [\"X\"]", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("'X' is not a check code"), "{e}");
        let e = Settings::parse("[severity]\nT999 = \"info\"", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.position().line, Some(2), "{e}");
    }

    #[test]
    fn maps_onto_check_options() {
        let text = "select = [\"T\"]\nignore = [\"T004\"]\nmin_match = 90\nfail_on = \"never\"\nsource_lang = \"zh-CN\"\n[severity]\nT003 = \"error\"\n";
        let o = Settings::parse(text, Path::new("c.toml"))
            .unwrap()
            .check_options()
            .unwrap();
        assert_eq!(o.select, ["T"]);
        assert_eq!(o.ignore, ["T004"]);
        assert_eq!(o.min_match, 90);
        assert_eq!(o.fail_on, None);
        assert_eq!(o.source_lang, LangTag::new("zh-CN"));
        assert_eq!(o.severity_of("T003"), Severity::Error);
        assert!(!o.enabled("T004") && o.enabled("T001") && !o.enabled("M001"));
        // The defaults agree with the check engine's.
        let d = Settings::default().check_options().unwrap();
        let c = CheckOptions::default();
        assert_eq!(
            (d.min_match, d.fail_on, d.source_lang, d.target_lang),
            (c.min_match, c.fail_on, c.source_lang, c.target_lang)
        );
    }

    #[test]
    fn fail_on_parses() {
        assert_eq!(FailOn::parse("never"), Some(FailOn::Never));
        assert_eq!(FailOn::parse("warn"), Some(FailOn::Warning));
        assert_eq!(FailOn::Warning.threshold(), Some(Severity::Warning));
        assert_eq!(FailOn::parse("sometimes"), None);
    }
}
