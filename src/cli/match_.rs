//! `concord match`: the closest TM units for each query, with the match %
//! and the differences marked.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use concord::memory::diff::{DiffOp, diff};
use concord::memory::fuzzy::TokenSeq;
use concord::memory::{IndexOrigin, IndexedMemory, OpenOptions, TmMatch, indexed};
use concord::model::LangTag;
use concord::{Error, Result};

use super::style::{Paint, Stream, colour_enabled};
use super::{EXIT_CLEAN, EXIT_FINDINGS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    Human,
    Json,
    Tsv,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord match '推动区域合作高质量发展'\n  \
    concord match --file new-sentences.txt --tm tm/speeches.tmx --min 80 --format json\n  \
    concord match '共建一带一路' --exhaustive       # brute-force scan (same answer)\n\n\
Match %: tokens are Han characters and words; 100 = same text after folding,\n\
99 = only case/punctuation/spacing differ, 98 = a number differs, otherwise\n\
min(97, floor(100 × (1 − edits ÷ longer length))).\n\
Differences: [-in the TM source only-] {+in the query only+}.\n\
Without --tm, the bundled tmx/*.tmx is used. The index is saved next to each\n\
TM as FILE.concord-idx and rebuilt whenever the TM changes.\n\
Exit codes: 0 something matched, 1 nothing matched, 2 error.")]
pub struct MatchArgs {
    /// The sentence to look up (or use --file).
    #[arg(
        value_name = "TEXT",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub text: Option<String>,
    /// A file of queries, one per line (blank lines skipped).
    #[arg(long, value_name = "QUERIES")]
    pub file: Option<PathBuf>,
    /// TM files (TMX, CSV/TSV); repeatable. Default: the bundled tmx/*.tmx.
    #[arg(long = "tm", value_name = "TM")]
    pub tms: Vec<PathBuf>,
    /// Lowest match % shown.
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min: u8,
    /// Most matches shown per query.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: MatchFormat,
    /// Score every unit instead of using the index (for audits and benchmarks).
    #[arg(long)]
    pub exhaustive: bool,
    /// Do not read or write the saved index next to the TM.
    #[arg(long)]
    pub no_cache: bool,
    /// Language of the queries and of the TM sources.
    #[arg(long, value_name = "LANG", default_value = "zh-CN")]
    pub source_lang: String,
    /// Language of the translations shown.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub target_lang: String,
}

/// The TMs given, or the bundled ones.
pub fn tm_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let bundled = concord::defaults::bundled_paths().memories;
    if bundled.is_empty() {
        return Err(Error::usage(
            "no TM given (--tm FILE) and no bundled tmx/*.tmx found",
        ));
    }
    Ok(bundled)
}

/// Opens the TMs for matching, with notes about what cannot be matched.
pub fn open_tms(
    paths: &[PathBuf],
    options: &OpenOptions,
    quiet: bool,
) -> Result<Vec<IndexedMemory>> {
    let tms: Vec<IndexedMemory> = paths
        .par_iter()
        .map(|p| IndexedMemory::open(p, options))
        .collect::<Result<_>>()?;
    let mut indexed = 0;
    for tm in &tms {
        let missing = tm.index.units_without_source();
        indexed += tm.memory.len() - missing.len();
        if quiet {
            continue;
        }
        if let Some(&first) = missing.first() {
            eprintln!(
                "concord: note: {}: {} of {} units have no {} text and are never matched (first: {})",
                tm.path.display(),
                missing.len(),
                tm.memory.len(),
                options.source_lang,
                tm.locate(first)
            );
        }
        if let IndexOrigin::NotSaved(why) = &tm.origin {
            eprintln!("concord: note: index not saved ({why})");
        }
    }
    if indexed == 0 {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::invalid(format!(
            "no {} translation units to match against in {}",
            options.source_lang,
            names.join(", ")
        )));
    }
    Ok(tms)
}

fn queries(args: &MatchArgs) -> Result<Vec<String>> {
    match (&args.text, &args.file) {
        (Some(t), _) => Ok(vec![t.clone()]),
        (None, Some(f)) => {
            let text = concord::io::read_text(f)?;
            Ok(text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect())
        }
        (None, None) => Err(Error::usage("give a TEXT to match or --file QUERIES")),
    }
}

/// One match, ready to print.
#[derive(Debug, serde::Serialize)]
struct Shown {
    score: u8,
    origin: String,
    file: String,
    tuid: Option<String>,
    source: String,
    target: String,
    diff: Vec<DiffOp>,
}

#[derive(Debug, serde::Serialize)]
struct QueryResult {
    query: String,
    matches: Vec<Shown>,
}

fn shown(
    tms: &[IndexedMemory],
    m: &TmMatch,
    query: &str,
    source: &LangTag,
    target: &LangTag,
) -> Option<Shown> {
    let unit = m.unit(tms)?;
    let tm = tms.get(m.tm)?;
    let text = |lang: &LangTag| {
        unit.variant(lang, false)
            .map(|v| v.segment.plain_text())
            .unwrap_or_default()
    };
    let src = text(source);
    Some(Shown {
        score: m.score,
        origin: tm.locate(m.unit),
        file: tm.path.display().to_string(),
        tuid: unit.id.clone(),
        diff: diff(query, &src),
        source: src,
        target: text(target),
    })
}

pub fn run(args: &MatchArgs, quiet: bool) -> Result<i32> {
    let queries = queries(args)?;
    let options = OpenOptions {
        source_lang: LangTag::new(args.source_lang.as_str()),
        target_lang: LangTag::new(args.target_lang.as_str()),
        cache: !args.no_cache,
        ..OpenOptions::default()
    };
    let tms = open_tms(&tm_paths(&args.tms)?, &options, quiet)?;
    if !quiet {
        for (i, q) in queries.iter().enumerate() {
            if TokenSeq::new(q).len() < 2 {
                eprintln!(
                    "concord: note: query {} ({q:?}) has fewer than 2 words or characters; its match % is all or nothing (`concord concordance` finds the units containing it)",
                    i + 1
                );
            }
        }
    }
    let results: Vec<QueryResult> = queries
        .par_iter()
        .map(|q| {
            let found = indexed::search(&tms, q, args.min, args.limit, args.exhaustive);
            QueryResult {
                query: q.clone(),
                matches: found
                    .iter()
                    .filter_map(|m| shown(&tms, m, q, &options.source_lang, &options.target_lang))
                    .collect(),
            }
        })
        .collect();
    let any = results.iter().any(|r| !r.matches.is_empty());
    match args.format {
        MatchFormat::Json => {
            let text = serde_json::to_string_pretty(&results)
                .map_err(|e| Error::invalid(e.to_string()))?;
            println!("{text}");
        }
        MatchFormat::Tsv => print_tsv(&results),
        MatchFormat::Human => print_human(&results, args.min, colour_enabled(Stream::Stdout)),
    }
    Ok(if any { EXIT_CLEAN } else { EXIT_FINDINGS })
}

fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn print_tsv(results: &[QueryResult]) {
    println!("query_no\tquery\tscore\torigin\tsource\ttarget");
    for (i, r) in results.iter().enumerate() {
        for m in &r.matches {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                cell(&r.query),
                m.score,
                cell(&m.origin),
                cell(&m.source),
                cell(&m.target)
            );
        }
    }
}

/// The diff with deletions and insertions marked; coloured when `colour`.
fn marked(ops: &[DiffOp], colour: bool) -> String {
    let mut out = String::new();
    for op in ops {
        match op {
            DiffOp::Equal(t) => out.push_str(t),
            DiffOp::Delete(t) => out.push_str(&Paint::Red.paint(&format!("[-{t}-]"), colour)),
            DiffOp::Insert(t) => out.push_str(&Paint::Green.paint(&format!("{{+{t}+}}"), colour)),
        }
    }
    out
}

fn print_human(results: &[QueryResult], min: u8, colour: bool) {
    for (i, r) in results.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!(
            "{}",
            Paint::Bold.paint(&format!("query {}: {}", i + 1, r.query), colour)
        );
        if r.matches.is_empty() {
            println!("  no match at or above {min}%");
        }
        for m in &r.matches {
            println!("  {:>3}%  {}", m.score, Paint::Dim.paint(&m.origin, colour));
            println!("        source: {}", marked(&m.diff, colour));
            println!("        target: {}", m.target);
        }
    }
}
