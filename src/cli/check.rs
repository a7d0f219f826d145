//! `concord check`: arguments → [`concord::check`] → report and exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use concord::check::input::{
    load_glossaries, load_memories, read_checked_file, read_parallel, validate_lang,
};
use concord::check::{CheckOptions, Checker, IgnoreList, validate_selectors};
use concord::defaults::bundled_paths;
use concord::model::LangTag;
use concord::report::{self, Format, RenderOptions};
use concord::{Error, Result, Severity};

use super::{EXIT_CLEAN, EXIT_FINDINGS};

/// Check translations against the glossary and the TM.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  concord check delivery.xlf
  concord check --source speech.zh.txt --target speech.en.txt
  concord check *.sdlxliff --glossary my.csv --tm project.tmx --format json -o report.json
  concord check file.tmx --select T,N --ignore T004 --fail-on warning

Codes: T001-T004 terms, M001-M002 TM, C001-C002 consistency, N001 numbers,
S001-S003 segments, P001-P004 punctuation, G001 inline tags (see the README).
Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 error.")]
pub struct CheckArgs {
    /// Bilingual files: TMX, XLIFF 1.2/2.x (SDLXLIFF, MQXLIFF), CSV/TSV.
    pub files: Vec<PathBuf>,
    /// Source side of a parallel plain-text pair (one segment per line).
    #[arg(long, requires = "target", value_name = "FILE")]
    pub source: Option<PathBuf>,
    /// Target side of a parallel plain-text pair.
    #[arg(long, requires = "source", value_name = "FILE")]
    pub target: Option<PathBuf>,
    /// Glossary (CSV, TBX, …); repeatable. Default: the bundled glossary/.
    #[arg(long = "glossary", short = 'g', value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    /// Translation memory (TMX, …); repeatable. Default: the bundled tmx/.
    #[arg(long = "tm", value_name = "FILE")]
    pub memories: Vec<PathBuf>,
    /// Source language.
    #[arg(long, default_value = "zh", value_name = "LANG")]
    pub source_lang: String,
    /// Target language.
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub target_lang: String,
    /// Report format: human, json or csv.
    #[arg(long, default_value = "human", value_name = "FORMAT")]
    pub format: String,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above: error, warning, info, never.
    #[arg(long, default_value = "error", value_name = "LEVEL")]
    pub fail_on: String,
    /// Fuzzy TM threshold for M002, in percent.
    #[arg(long, default_value_t = 75, value_name = "N",
          value_parser = clap::value_parser!(u8).range(1..=100))]
    pub min_match: u8,
    /// Run only these codes or prefixes (T, T00, T001), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these codes or prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Accepted findings (lines `CODE unit-id` or `CODE src:<source>`).
    /// Default: ./concord.ignore when it exists.
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
}

fn fail_on(s: &str) -> Result<Option<Severity>> {
    if s.eq_ignore_ascii_case("never") {
        return Ok(None);
    }
    Severity::parse(s).map(Some).ok_or_else(|| {
        Error::usage(format!(
            "--fail-on must be error, warning, info or never, not '{s}'"
        ))
    })
}

fn options(args: &CheckArgs) -> Result<CheckOptions> {
    let source_lang = LangTag::new(args.source_lang.clone());
    let target_lang = LangTag::new(args.target_lang.clone());
    validate_lang(&source_lang)?;
    validate_lang(&target_lang)?;
    let upper = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let select = upper(&args.select);
    let ignore = upper(&args.ignore);
    validate_selectors(&select)?;
    validate_selectors(&ignore)?;
    let ignores = match &args.ignore_file {
        Some(p) => IgnoreList::load(p)?,
        None if std::path::Path::new("concord.ignore").is_file() => {
            IgnoreList::load(std::path::Path::new("concord.ignore"))?
        }
        None => IgnoreList::default(),
    };
    Ok(CheckOptions {
        source_lang,
        target_lang,
        select,
        ignore,
        min_match: args.min_match,
        fail_on: fail_on(&args.fail_on)?,
        ignores,
        ..CheckOptions::default()
    })
}

pub fn run(args: &CheckArgs) -> Result<i32> {
    let format = Format::parse(&args.format)?;
    let opts = options(args)?;
    if args.files.is_empty() && args.source.is_none() {
        return Err(Error::usage(
            "nothing to check: give FILE... or --source zh.txt --target en.txt",
        ));
    }
    let bundled = (args.glossaries.is_empty() || args.memories.is_empty()).then(bundled_paths);
    let glossary_paths = if args.glossaries.is_empty() {
        bundled
            .as_ref()
            .map(|b| b.glossaries.clone())
            .unwrap_or_default()
    } else {
        args.glossaries.clone()
    };
    let tm_paths = if args.memories.is_empty() {
        bundled
            .as_ref()
            .map(|b| b.memories.clone())
            .unwrap_or_default()
    } else {
        args.memories.clone()
    };
    let glossary = load_glossaries(&glossary_paths)?;
    let tm = load_memories(&tm_paths, &opts)?;
    let mut files = Vec::new();
    if let (Some(s), Some(t)) = (&args.source, &args.target) {
        files.push(read_parallel(s, t, &opts)?);
    }
    for f in &args.files {
        files.push(read_checked_file(f, &opts)?);
    }
    let fail = opts.fail_on;
    let checker = Checker::new(&glossary, &tm, opts);
    let outcome = checker.check(&files)?;
    match &args.output {
        Some(path) => concord::io::write_atomic(path, |w| {
            report::render(format, &outcome, w, RenderOptions { color: false })
        })?,
        None => {
            let stdout = std::io::stdout();
            let color =
                stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut lock = stdout.lock();
            report::render(format, &outcome, &mut lock, RenderOptions { color })?;
            lock.flush().map_err(|e| Error::io("write the report", e))?;
        }
    }
    Ok(if outcome.fails(fail) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
