//! `concord concordance`: every TM unit containing a phrase, hit marked.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use concord::formats::{self, ReadOptions};
use concord::memory::concordance::{Side, find};
use concord::model::LangTag;
use concord::{Error, Result};

use super::style::{Paint, Stream, colour_enabled};
use super::{EXIT_CLEAN, EXIT_FINDINGS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Source,
    Target,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConcordanceFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord concordance '中国-中亚'            # also finds 中国－中亚 and 中国—中亚\n  \
    concord concordance 'belt and road' --side target --tm tm/speeches.tmx\n\n\
The phrase and the units are compared after folding (full/half width, dashes,\n\
quotes, spaces, case). Hits are marked [[like this]] (in colour on a terminal).\n\
Exit codes: 0 found, 1 not found, 2 error.")]
pub struct ConcordanceArgs {
    /// The phrase to look for.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// TM files (TMX, CSV/TSV); repeatable. Default: the bundled tmx/*.tmx.
    #[arg(long = "tm", value_name = "TM")]
    pub tms: Vec<PathBuf>,
    /// Which side of the units to search.
    #[arg(long, value_enum, default_value = "both")]
    pub side: SideArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ConcordanceFormat,
    /// Language of the TM sources.
    #[arg(long, value_name = "LANG", default_value = "zh-CN")]
    pub source_lang: String,
    /// Language of the TM targets.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub target_lang: String,
}

#[derive(serde::Serialize)]
struct Shown {
    origin: String,
    source: String,
    target: String,
    /// Byte ranges of the hits in `source` / `target`.
    source_hits: Vec<[usize; 2]>,
    target_hits: Vec<[usize; 2]>,
}

fn mark(text: &str, hits: &[std::ops::Range<usize>], colour: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for h in hits {
        if h.start < at || h.end > text.len() {
            continue;
        }
        out.push_str(text.get(at..h.start).unwrap_or(""));
        let hit = text.get(h.clone()).unwrap_or("");
        if colour {
            out.push_str(&Paint::Yellow.paint(hit, true));
        } else {
            out.push_str("[[");
            out.push_str(hit);
            out.push_str("]]");
        }
        at = h.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

pub fn run(args: &ConcordanceArgs) -> Result<i32> {
    if args.text.trim().is_empty() {
        return Err(Error::usage("the phrase to look for is empty"));
    }
    let side = match args.side {
        SideArg::Source => Side::Source,
        SideArg::Target => Side::Target,
        SideArg::Both => Side::Both,
    };
    let source_lang = LangTag::new(args.source_lang.as_str());
    let target_lang = LangTag::new(args.target_lang.as_str());
    let colour = colour_enabled(Stream::Stdout);
    let mut shown = Vec::new();
    for path in super::match_::tm_paths(&args.tms)? {
        let memory = formats::read_memory(&path, &ReadOptions::default())?;
        for hit in find(memory.units(), &args.text, side, &source_lang, &target_lang) {
            let unit = &memory.units()[hit.unit];
            let origin = match &unit.id {
                Some(id) => format!("{}:{id}", path.display()),
                None => format!("{}:{}", path.display(), unit.origin.line),
            };
            shown.push((origin, hit));
        }
    }
    match args.format {
        ConcordanceFormat::Json => {
            let out: Vec<Shown> = shown
                .iter()
                .map(|(origin, h)| Shown {
                    origin: origin.clone(),
                    source: h.source.clone(),
                    target: h.target.clone(),
                    source_hits: h.source_hits.iter().map(|r| [r.start, r.end]).collect(),
                    target_hits: h.target_hits.iter().map(|r| [r.start, r.end]).collect(),
                })
                .collect();
            let text =
                serde_json::to_string_pretty(&out).map_err(|e| Error::invalid(e.to_string()))?;
            println!("{text}");
        }
        ConcordanceFormat::Human => {
            for (origin, h) in &shown {
                println!("{}", Paint::Dim.paint(origin, colour));
                println!("  {}", mark(&h.source, &h.source_hits, colour));
                println!("  {}", mark(&h.target, &h.target_hits, colour));
            }
            if shown.is_empty() {
                println!("no unit contains {:?}", args.text);
            } else {
                println!("{} units", shown.len());
            }
        }
    }
    Ok(if shown.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
