//! `concord tm merge|dedupe`: combine TMs and drop exact duplicates, saying
//! what was dropped and what was kept.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use concord::formats::{self, Format, ReadOptions};
use concord::memory::merge::{MergeReport, dedupe, merge};
use concord::model::LangTag;
use concord::{Error, Result};

use super::EXIT_CLEAN;

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord tm merge old.tmx new.tmx -o all.tmx\n  \
    concord tm dedupe tm.tmx                 # in place (atomically)\n  \
    concord tm dedupe tm.tmx -o clean.csv    # to a bilingual CSV")]
pub struct TmArgs {
    #[command(subcommand)]
    pub command: TmCommand,
}

#[derive(Subcommand, Debug)]
pub enum TmCommand {
    /// Merge TMs into one: exact duplicates dropped, differing translations kept.
    #[command(after_help = "Examples:\n  \
        concord tm merge old.tmx new.tmx -o all.tmx\n\n\
Exact duplicates (same text and codes in every language, after folding) are\n\
dropped, keeping the most recently changed. Units with the same source but\n\
different translations are all kept, newest changedate first, and listed.\n\
OUT is written atomically; its format comes from its extension.")]
    Merge(MergeArgs),
    /// Drop exact duplicates from one TM (in place unless -o).
    #[command(after_help = "Examples:\n  \
        concord tm dedupe tm.tmx\n  \
        concord tm dedupe tm.tmx -o clean.tmx\n\n\
Same rules as `concord tm merge`: exact duplicates dropped (the most recently\n\
changed kept), differing translations of one source all kept and listed.")]
    Dedupe(DedupeArgs),
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// TMs to merge (TMX, CSV/TSV), in order of precedence on ties.
    #[arg(value_name = "TM", required = true, num_args = 1..)]
    pub inputs: Vec<PathBuf>,
    /// The merged TM.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Source language (for grouping differing translations).
    #[arg(long, value_name = "LANG", default_value = "zh-CN")]
    pub source_lang: String,
}

#[derive(Args, Debug)]
pub struct DedupeArgs {
    /// The TM to clean.
    #[arg(value_name = "TM")]
    pub input: PathBuf,
    /// Write here instead of replacing TM.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Source language (for grouping differing translations).
    #[arg(long, value_name = "LANG", default_value = "zh-CN")]
    pub source_lang: String,
}

pub fn run(args: &TmArgs, quiet: bool) -> Result<i32> {
    match &args.command {
        TmCommand::Merge(a) => {
            let mut tms = Vec::new();
            for p in &a.inputs {
                tms.push((
                    Some(p.clone()),
                    formats::read_memory(p, &ReadOptions::default())?,
                ));
            }
            let (out, report) = merge(tms, &LangTag::new(a.source_lang.as_str()));
            write(&a.output, &out)?;
            print_report(&report, &a.output, quiet);
        }
        TmCommand::Dedupe(a) => {
            let memory = formats::read_memory(&a.input, &ReadOptions::default())?;
            let (out, report) = dedupe(
                vec![(Some(a.input.clone()), memory)],
                &LangTag::new(a.source_lang.as_str()),
            );
            let target = a.output.as_ref().unwrap_or(&a.input);
            write(target, &out)?;
            print_report(&report, target, quiet);
        }
    }
    Ok(EXIT_CLEAN)
}

fn write(path: &Path, memory: &concord::model::Memory) -> Result<()> {
    let format = Format::from_extension(path).unwrap_or(Format::Tmx);
    if format.content() != formats::Content::Units {
        return Err(Error::usage(format!(
            "cannot write a TM as {}: use .tmx, .csv or .tsv",
            format.name()
        )));
    }
    let lossy = formats::write_memory(path, format, memory)?;
    let _ = lossy;
    Ok(())
}

fn print_report(report: &MergeReport, out: &Path, quiet: bool) {
    if !quiet {
        for d in &report.dropped {
            println!("dropped {} (exact duplicate of {})", d.unit, d.kept);
        }
        for c in &report.conflicts {
            println!(
                "kept {} translations of {:?}: {}",
                c.units.len(),
                c.source,
                c.units.join(", ")
            );
        }
    }
    println!("{}: {}", out.display(), report.summary());
}
