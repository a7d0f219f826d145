//! Argument parsing and printing only; every decision is the library's.
//!
//! Exit codes: 0 clean, 1 findings, 2 error. Errors print as
//! `concord: FILE:LINE:COL: message` on stderr.

use clap::{Parser, Subcommand};

pub mod align;
mod check;
pub mod completions;
pub mod concordance;
pub mod convert;
pub mod extract;
pub mod init;
mod lookup;
pub mod match_;
pub mod progress;
pub mod stats;
pub mod style;
pub mod tm;
pub mod validate;

/// Exit code: nothing to report.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the failure threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: bad input, bad arguments, I/O failure.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "concord",
    version,
    about = "Terminology and consistency QA for Chinese→English diplomatic translation",
    long_about = None,
    after_help = "Exit codes: 0 clean, 1 findings, 2 error.\nSee `concord COMMAND --help` for examples."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing but results and errors (no progress bars, no notes).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Explain more: which configuration and files are used, timings.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Use this concord.toml instead of searching the current folder and its parents.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
}

impl Cli {
    /// Whether long work shows progress bars (stderr is a terminal, not --quiet).
    pub fn progress_enabled(&self) -> bool {
        progress::progress_enabled(self.quiet)
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check translations against the glossary and the TM.
    Check(check::CheckArgs),
    /// Look a term up in the glossary (Chinese or English; fuzzy when there is no exact entry).
    Lookup(lookup::LookupArgs),
    /// Write a commented concord.toml in the current folder.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish).
    Completions(completions::CompletionsArgs),
    /// Print concord's man page (roff).
    Man(completions::ManArgs),
    /// Convert between TMX, CSV/TSV and glossary CSV.
    Convert(convert::ConvertArgs),
    /// Count units, languages, words and characters.
    Stats(stats::StatsArgs),
    /// Check TMX files and glossaries for well-formedness and schema problems.
    Validate(validate::ValidateArgs),
    /// Recurring phrases of Chinese text, or English renderings proposed from aligned units.
    Extract(extract::ExtractArgs),
    /// Align a Chinese document and its English translation into a TMX.
    Align(align::AlignArgs),
    /// Find the closest TM units for a sentence, with match % and differences.
    Match(match_::MatchArgs),
    /// Find every TM unit containing a phrase (after folding), hits marked.
    Concordance(concordance::ConcordanceArgs),
    /// Merge TMs or drop duplicates, reporting what was dropped and kept.
    Tm(tm::TmArgs),
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("concord: {e}");
            EXIT_ERROR
        }
    }
}

fn run(cli: Cli) -> concord::Result<i32> {
    match &cli.command {
        // The whole check runs on a thread of rayon's pool: the thread that
        // reads the checked file then checks with the others while it waits
        // for a batch, instead of being a third busy thread on two cores
        // (the kernel switched the three ~500 times a second, each switch
        // trading one's cached glossary and TM data for another's).
        Command::Check(args) => rayon::scope(|_| {
            check::run(
                args,
                cli.config.as_deref(),
                cli.verbose,
                cli.progress_enabled(),
            )
        }),
        Command::Lookup(args) => lookup::run(args, cli.config.as_deref(), cli.verbose),
        Command::Init(args) => init::run(args, cli.quiet),
        Command::Completions(args) => completions::run_completions(args),
        Command::Man(args) => completions::run_man(args),
        Command::Convert(args) => convert::run(args, cli.quiet),
        Command::Stats(args) => stats::run(args),
        Command::Validate(args) => validate::run(args, cli.quiet),
        Command::Extract(args) => extract::run(args, cli.quiet),
        Command::Align(args) => align::run(args, cli.quiet),
        Command::Match(args) => match_::run(args, cli.quiet),
        Command::Concordance(args) => concordance::run(args),
        Command::Tm(args) => tm::run(args, cli.quiet),
    }
}
