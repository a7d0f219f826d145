//! `concord check`: arguments → [`concord::check`] → report and exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use concord::check::input::{
    load_glossaries, load_memories, read_checked_file, read_parallel, validate_lang,
};
use concord::check::{CheckOptions, Checker, IgnoreList, validate_selectors};
use concord::defaults::bundled_paths;
use concord::model::LangTag;
use concord::report::{self, Format, RenderOptions};
use concord::settings::{FailOn, Settings};
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
    /// Source language [default: zh, or concord.toml's].
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Target language [default: en, or concord.toml's].
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
    /// Report format: human, json or csv.
    #[arg(long, default_value = "human", value_name = "FORMAT")]
    pub format: String,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above: error, warning, info, never
    /// [default: error, or concord.toml's].
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    /// Fuzzy TM threshold for M002, in percent [default: 75, or concord.toml's].
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u8).range(1..=100))]
    pub min_match: Option<u8>,
    /// Run only these codes or prefixes (T, T00, T001), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these codes or prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Accepted findings (lines `CODE unit-id` or `CODE src:<source>`).
    /// Default: concord.toml's ignore_file, else ./concord.ignore when it exists.
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
}

fn fail_on(s: &str) -> Result<Option<Severity>> {
    FailOn::parse(s).map(FailOn::threshold).ok_or_else(|| {
        Error::usage(format!(
            "--fail-on must be error, warning, info or never, not '{s}'"
        ))
    })
}

/// Glossary or TM paths: files, or folders whose `ext` files are all taken.
fn expand(paths: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(concord::defaults::bundled_files_in(p, ext));
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Options from, in rising precedence: defaults, concord.toml, flags.
fn options(args: &CheckArgs, settings: &Settings) -> Result<CheckOptions> {
    let source_lang = LangTag::new(
        args.source_lang
            .clone()
            .unwrap_or(settings.source_lang.clone()),
    );
    let target_lang = LangTag::new(
        args.target_lang
            .clone()
            .unwrap_or(settings.target_lang.clone()),
    );
    validate_lang(&source_lang)?;
    validate_lang(&target_lang)?;
    let upper = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let from_settings = |v: &[concord::settings::CodeSelector]| -> Vec<String> {
        v.iter().map(|c| c.as_str().to_string()).collect()
    };
    let select = if args.select.is_empty() {
        from_settings(&settings.select)
    } else {
        upper(&args.select)
    };
    let ignore = if args.ignore.is_empty() {
        from_settings(&settings.ignore)
    } else {
        upper(&args.ignore)
    };
    validate_selectors(&select)?;
    validate_selectors(&ignore)?;
    let ignore_file = args
        .ignore_file
        .clone()
        .or_else(|| settings.ignore_file.clone())
        .or_else(|| {
            let here = PathBuf::from("concord.ignore");
            here.is_file().then_some(here)
        });
    let ignores = match &ignore_file {
        Some(p) => IgnoreList::load(p)?,
        None => IgnoreList::default(),
    };
    let fail_on = match &args.fail_on {
        Some(s) => fail_on(s)?,
        None => settings.fail_on.threshold(),
    };
    Ok(CheckOptions {
        source_lang,
        target_lang,
        select,
        ignore,
        severity: settings
            .severity
            .iter()
            .map(|(code, sev)| (code.as_str().to_string(), *sev))
            .collect(),
        min_match: args.min_match.unwrap_or(settings.min_match),
        fail_on,
        ignores,
        ..CheckOptions::default()
    })
}

pub fn run(args: &CheckArgs, config: Option<&Path>) -> Result<i32> {
    let format = Format::parse(&args.format)?;
    let cwd = std::env::current_dir().map_err(|e| Error::io("read the current folder", e))?;
    let (_, settings) = Settings::resolve(config, &cwd)?;
    let opts = options(args, &settings)?;
    if args.files.is_empty() && args.source.is_none() {
        return Err(Error::usage(
            "nothing to check: give FILE... or --source zh.txt --target en.txt",
        ));
    }
    // Flags, else concord.toml, else the bundled data.
    let pick = |flag: &[PathBuf], file: &[PathBuf]| {
        if flag.is_empty() {
            file.to_vec()
        } else {
            flag.to_vec()
        }
    };
    let glossary_paths = pick(&args.glossaries, &settings.glossary);
    let tm_paths = pick(&args.memories, &settings.tm);
    let bundled = (glossary_paths.is_empty() || tm_paths.is_empty()).then(bundled_paths);
    let glossary_paths = match &bundled {
        Some(b) if glossary_paths.is_empty() => b.glossaries.clone(),
        _ => expand(&glossary_paths, "csv"),
    };
    let tm_paths = match &bundled {
        Some(b) if tm_paths.is_empty() => b.memories.clone(),
        _ => expand(&tm_paths, "tmx"),
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
