//! `concord stats`: units, languages, words and characters per file.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use concord::Result;
use concord::formats::ReadOptions;
use concord::model::LangTag;
use concord::stats::{FileStats, file_stats};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord stats tmx/seed.zh-en.tmx\n  \
    concord stats --format json tm/*.tmx > stats.json\n\n\
Words: every Han character is a word; Latin words and numbers are words.\n\
Characters are counted without white space.")]
pub struct StatsArgs {
    /// TMX, CSV/TSV or glossary files.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatsFormat,
    /// Language of a `source` column in CSV/TSV files.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Language of a `target` column in CSV/TSV files.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
}

pub fn run(args: &StatsArgs) -> Result<i32> {
    let options = ReadOptions {
        source_lang: args.source_lang.as_deref().map(LangTag::new),
        target_lang: args.target_lang.as_deref().map(LangTag::new),
    };
    let mut all = Vec::new();
    for file in &args.files {
        all.push(file_stats(file, &options)?);
    }
    match args.format {
        StatsFormat::Json => {
            let text = serde_json::to_string_pretty(&all)
                .map_err(|e| concord::Error::invalid(e.to_string()))?;
            println!("{text}");
        }
        StatsFormat::Human => {
            for (i, s) in all.iter().enumerate() {
                if i > 0 {
                    println!();
                }
                print_human(s);
            }
        }
    }
    Ok(super::EXIT_CLEAN)
}

fn print_human(s: &FileStats) {
    let what = if s.format == "glossary-csv" || s.format == "tbx" {
        "entries"
    } else {
        "units"
    };
    println!("{} ({})", s.file.display(), s.format);
    println!("  {what}: {}", s.units);
    let width = s
        .languages
        .iter()
        .map(|l| l.lang.len())
        .max()
        .unwrap_or(4)
        .max(8);
    println!(
        "  {:<width$} {:>10} {:>12} {:>12}",
        "language", "segments", "words", "characters"
    );
    for l in &s.languages {
        println!(
            "  {:<width$} {:>10} {:>12} {:>12}",
            l.lang, l.segments, l.words, l.characters
        );
    }
    println!("  parse time: {:.3} s", s.parse_seconds);
}
