//! Argument parsing and printing only; every decision is the library's.
//!
//! Exit codes: 0 clean, 1 findings, 2 error. Errors print as
//! `concord: FILE:LINE:COL: message` on stderr.

use clap::{Parser, Subcommand};

mod check;

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
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check translations against the glossary and the TM.
    Check(check::CheckArgs),
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
    match cli.command {
        Command::Check(args) => check::run(args),
    }
}
