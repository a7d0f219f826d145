//! `concord completions SHELL` and `concord man`: generated from the clap
//! definitions, so they cannot drift from the real flags.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use concord::{Error, Result};

use super::Cli;

/// The shells concord writes completions for.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord completions bash > ~/.local/share/bash-completion/completions/concord\n  \
    concord completions zsh > ~/.zfunc/_concord\n  \
    concord completions fish > ~/.config/fish/completions/concord.fish")]
pub struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord man | man -l -\n  \
    concord man -o /usr/local/share/man/man1/concord.1")]
pub struct ManArgs {
    /// Write the man page to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run_completions(args: &CompletionsArgs) -> Result<i32> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "concord", &mut out);
    write_stdout(&out)?;
    Ok(super::EXIT_CLEAN)
}

pub fn run_man(args: &ManArgs) -> Result<i32> {
    let cmd = Cli::command();
    let mut page = Vec::new();
    render_man(cmd, &mut page).map_err(|e| Error::io("write the man page", e))?;
    match &args.output {
        Some(path) => concord::io::write_atomic(path, |w| {
            w.write_all(&page).map_err(concord::io::write_err(path))
        })?,
        None => write_stdout(&page)?,
    }
    Ok(super::EXIT_CLEAN)
}

/// The main page, then one section per subcommand (with its examples), like
/// git's or cargo's pages do in one file.
fn render_man(cmd: clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    let mut cmd = cmd;
    cmd.build();
    writeln!(out, ".SH \"COMMAND DETAILS\"")?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        writeln!(out, ".SS \"concord {}\"", sub.get_name())?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", roff_escape(&about.to_string()))?;
        }
        let usage = sub.clone().render_usage().to_string();
        writeln!(
            out,
            ".PP\n.B {}",
            roff_escape(usage.trim_start_matches("Usage: "))
        )?;
        // Global flags are listed once, under OPTIONS.
        let own = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help");
        for arg in own {
            let name = match (arg.get_short(), arg.get_long()) {
                (Some(s), Some(l)) => format!("-{s}, --{l}"),
                (None, Some(l)) => format!("--{l}"),
                (Some(s), None) => format!("-{s}"),
                (None, None) => arg.get_id().to_string().to_uppercase(),
            };
            writeln!(out, ".TP\n\\fB{}\\fR", roff_escape(&name))?;
            if let Some(help) = arg.get_help() {
                writeln!(out, "{}", roff_escape(&help.to_string()))?;
            }
        }
        if let Some(after) = sub.get_after_help() {
            writeln!(out, ".PP\n.nf\n{}\n.fi", roff_escape(&after.to_string()))?;
        }
    }
    if let Some(after) = cmd.get_after_help() {
        writeln!(
            out,
            ".SH \"EXIT STATUS\"\n{}",
            roff_escape(&after.to_string())
        )?;
    }
    man.render_version_section(out)?;
    Ok(())
}

/// Escapes text for roff: backslashes, and a leading dot or quote that roff
/// would read as a request.
fn roff_escape(s: &str) -> String {
    s.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // `concord man | head` closing the pipe early is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("write to stdout", e)),
    }
}
