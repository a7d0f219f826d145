//! `concord check`: arguments → [`concord::check`] → report and exit code.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use concord::check::input::{load_glossaries, open_checked_file, read_parallel, validate_lang};
use concord::check::{
    CheckOptions, Checker, IgnoreList, IndexOrigin, tm_cache, validate_selectors,
};
use concord::check::{CheckedFile, DEFAULT_BATCH};
use concord::defaults::bundled_paths;
use concord::formats::Units;
use concord::model::LangTag;
use concord::model::Unit;
use concord::report::html::{self as html_report, HtmlSummary};
use concord::report::{self, Format, RenderOptions};
use concord::settings::Settings;
use concord::{Error, Result, Severity};

use super::progress::Progress;
use super::style::{Stream, colour_enabled};
use super::{EXIT_CLEAN, EXIT_FINDINGS};

/// Check translations against the glossary and the TM.
#[derive(Args, Debug, Clone)]
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
    /// Source language [default: concord.toml's source_lang, else zh].
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Target language [default: concord.toml's target_lang, else en].
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
    /// Report format: human, json, csv or html (one self-contained page).
    #[arg(long, default_value = "human", value_name = "FORMAT")]
    pub format: String,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above: error, warning, info, never
    /// [default: concord.toml's fail_on, else error].
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    /// Fuzzy TM threshold for M002, in percent [default: concord.toml's min_match, else 75].
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
    /// Default: ./concord.ignore when it exists.
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
    /// Read and prepare the TMs afresh, without loading or saving the
    /// prepared TM kept next to the first one (FILE.concord-check).
    #[arg(long)]
    pub no_cache: bool,
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

/// concord.toml's options with the flags given on the command line on top.
fn options(args: &CheckArgs, settings: &Settings) -> Result<CheckOptions> {
    let base = settings.check_options()?;
    let lang =
        |flag: &Option<String>, file: &LangTag| flag.clone().map_or(file.clone(), LangTag::new);
    let source_lang = lang(&args.source_lang, &base.source_lang);
    let target_lang = lang(&args.target_lang, &base.target_lang);
    validate_lang(&source_lang)?;
    validate_lang(&target_lang)?;
    let upper = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let or_file = |flag: &[String], file: &[String]| {
        if flag.is_empty() {
            file.to_vec()
        } else {
            upper(flag)
        }
    };
    let select = or_file(&args.select, &base.select);
    let ignore = or_file(&args.ignore, &base.ignore);
    validate_selectors(&select)?;
    validate_selectors(&ignore)?;
    let ignores = match &args.ignore_file {
        Some(p) => IgnoreList::load(p)?,
        None if settings.ignore_file.is_some() => base.ignores,
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
        min_match: args.min_match.unwrap_or(base.min_match),
        fail_on: match &args.fail_on {
            Some(s) => fail_on(s)?,
            None => base.fail_on,
        },
        ignores,
        severity: base.severity,
        ..CheckOptions::default()
    })
}

/// What is read of the checked files while the glossary and TM load.
enum FirstFile {
    /// The parallel plain-text pair (read whole: it is two line lists).
    Pair(CheckedFile),
    /// The first units of the first file, and the rest of it, unread.
    Started { head: Vec<Unit>, rest: Units },
}

/// At most this many units of the first file are read ahead while the
/// glossary and TM load and are indexed: the second core has some of that
/// work, and memory stays bounded (each unit held costs ~3 KB; 16 batches
/// ahead added 25 MB to the peak for no time that could be measured on a
/// loaded machine).
const READ_AHEAD: usize = 4 * DEFAULT_BATCH;

/// Reads the parallel pair, or the first units of the first file until
/// `ready` (the checker is built) or [`READ_AHEAD`] units.
fn read_first(
    args: &CheckArgs,
    opts: &CheckOptions,
    ready: &AtomicBool,
) -> Result<Option<FirstFile>> {
    if let (Some(s), Some(t)) = (&args.source, &args.target) {
        return Ok(Some(FirstFile::Pair(read_parallel(s, t, opts)?)));
    }
    let Some(path) = args.files.first() else {
        return Ok(None);
    };
    let mut rest = open_checked_file(path, opts)?;
    let mut head = Vec::new();
    while head.len() < READ_AHEAD && !ready.load(Ordering::Relaxed) {
        match rest.next() {
            Some(unit) => head.push(unit?),
            None => break,
        }
    }
    Ok(Some(FirstFile::Started { head, rest }))
}

/// `--verbose`: whether the prepared TM was loaded, built or saved.
fn report_prepared_tm(tm_paths: &[PathBuf], origin: &IndexOrigin) {
    let Some(first) = tm_paths.first() else {
        return;
    };
    let saved = tm_cache::cache_path(first);
    match origin {
        IndexOrigin::Loaded => eprintln!("concord: prepared TM loaded from {}", saved.display()),
        IndexOrigin::Saved => eprintln!("concord: prepared TM saved to {}", saved.display()),
        IndexOrigin::NotSaved(why) => {
            eprintln!(
                "concord: prepared TM not saved to {}: {why}",
                saved.display()
            )
        }
        IndexOrigin::Built => {}
    }
}

pub fn run(
    args: &CheckArgs,
    config: Option<&std::path::Path>,
    verbose: bool,
    progress: bool,
) -> Result<i32> {
    let cwd = std::env::current_dir().map_err(|e| Error::io("find the current folder", e))?;
    let (config_used, settings) = Settings::resolve(config, &cwd)?;
    if let (true, Some(path)) = (verbose, &config_used) {
        eprintln!("concord: settings from {}", path.display());
    }
    let mut args = args.clone();
    if args.glossaries.is_empty() {
        args.glossaries = settings.glossary_files()?;
    }
    if args.memories.is_empty() {
        args.memories = settings.tm.clone();
    }
    let args = &args;
    let format = Format::parse(&args.format)?;
    let opts = options(args, &settings)?;
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
    // The glossary and TM are read and indexed on one core while this
    // thread reads the first units to check (the parallel pair, or the
    // first file until the checker is ready, up to READ_AHEAD units); then
    // the files are checked as they are read, a batch at a time on every
    // core, so that memory does not grow with their size.
    let fail = opts.fail_on;
    let terms_checked = opts.enabled("T001");
    let loading = Progress::new(0, "reading", progress);
    loading.set_message("glossary and TM");
    let ready = AtomicBool::new(false);
    let mut checker: Result<Checker> = Err(Error::invalid("the glossary and TM were not read"));
    let mut first: Result<Option<FirstFile>> = Ok(None);
    rayon::in_place_scope(|s| {
        s.spawn(|_| {
            // The checker keeps what it needs of the TM (texts, keys,
            // index), loaded as a previous check saved it when the TM and
            // glossary have not changed (found and loaded while the
            // glossary is read).
            checker = Checker::with_glossary_read_and_tm_files(
                || load_glossaries(&glossary_paths),
                &tm_paths,
                opts.clone(),
                !args.no_cache,
            )
            .map(|(checker, origin)| {
                if verbose {
                    report_prepared_tm(&tm_paths, &origin);
                }
                checker
            });
            loading.finish();
            ready.store(true, Ordering::Relaxed);
        });
        first = read_first(args, &opts, &ready);
    });
    // A glossary or TM error is reported before a checked file's, as when
    // they were read one after the other.
    let checker = checker?;
    let first = first?;
    let opts = checker.options();
    let checking = Progress::new(
        args.files.len() as u64 + u64::from(args.source.is_some()),
        "checking",
        progress,
    );
    let mut run = checker
        .run()
        .count_terms(format == Format::Html && terms_checked);
    let mut files = args.files.iter();
    match first {
        Some(FirstFile::Pair(file)) => {
            run.file(&file.path, file.units.into_iter().map(Ok))?;
            checking.inc(1);
        }
        Some(FirstFile::Started { head, rest }) => {
            if let Some(f) = files.next() {
                checking.set_message(f.display().to_string());
                run.file(f, head.into_iter().map(Ok).chain(rest))?;
                checking.inc(1);
            }
        }
        None => {}
    }
    for f in files {
        checking.set_message(f.display().to_string());
        run.file(f, open_checked_file(f, opts)?)?;
        checking.inc(1);
    }
    checking.finish();
    let outcome = run.finish();
    // The HTML page also shows which glossaries and TMs were used, and term coverage.
    let html = (format == Format::Html).then(|| HtmlSummary {
        glossaries: glossary_paths.clone(),
        memories: tm_paths.clone(),
        coverage: outcome.coverage.clone(),
        ..HtmlSummary::of(&outcome)
    });
    let write_report = |w: &mut dyn Write, color: bool| match &html {
        Some(summary) => html_report::render(&outcome, summary, w),
        None => report::render(format, &outcome, w, RenderOptions { color }),
    };
    match &args.output {
        Some(path) => concord::io::write_atomic(path, |w| write_report(w, false))?,
        None => {
            let stdout = std::io::stdout();
            let color = colour_enabled(Stream::Stdout);
            let mut lock = stdout.lock();
            write_report(&mut lock, color)?;
            lock.flush().map_err(|e| Error::io("write the report", e))?;
        }
    }
    let code = if outcome.fails(fail) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    // The process ends here: the prepared TM, the indexes and the findings
    // (hundreds of thousands of small allocations with a large TM) are left
    // to the operating system instead of being freed one by one, which
    // took a tenth of a second with the benchmark's 100k-unit TM.
    std::mem::forget(outcome);
    std::mem::forget(checker);
    Ok(code)
}
