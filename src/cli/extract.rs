//! `concord extract`: recurring phrases of Chinese text, or English renderings
//! proposed from aligned units (`--bilingual`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use concord::extract::bilingual::{BilingualOptions, Proposal, Verdict, propose};
use concord::extract::phrases::{GlossaryStatus, Phrase, PhraseOptions, extract, mark_glossary};
use concord::extract::proposals::{ProposedRow, append_rows};
use concord::model::{Glossary, LangTag};
use concord::text::segment::{Repaired, repair};
use concord::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Tsv,
    Csv,
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord extract corpus/seed.zh.txt --glossary glossary/diplomatic.zh-en.csv --limit 50\n  \
    concord extract speech.txt --format json > phrases.json\n  \
    concord extract --bilingual tmx/seed.zh-en.tmx --glossary glossary/diplomatic.zh-en.csv\n  \
    concord extract --bilingual aligned.tmx --append-to glossary/new-terms.csv\n\n\
    Plain text is repaired first: lines broken mid-sentence are joined, page furniture\n\
    and datelines are set aside, repeated passages are noted on stderr.")]
pub struct ExtractArgs {
    /// Chinese plain-text files (with --bilingual: aligned TMX files).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Read FILEs as aligned TMX and propose English renderings.
    #[arg(long)]
    pub bilingual: bool,
    /// Glossary CSV: mark known phrases with their id (and, with --bilingual,
    /// confirm or contradict their renderings).
    #[arg(long, short, value_name = "CSV")]
    pub glossary: Option<PathBuf>,
    /// Minimum count of an n-gram (with --bilingual: of units holding the phrase).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_freq: usize,
    /// Longest n-gram, in characters.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub max_len: usize,
    /// Print at most N rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Tsv)]
    pub format: OutputFormat,
    /// Append the new phrases to this glossary CSV as status=proposed (needs
    /// --bilingual: a glossary entry needs an English rendering).
    #[arg(long, value_name = "CSV")]
    pub append_to: Option<PathBuf>,
    /// With --bilingual: minimum confidence of a proposal.
    #[arg(long, default_value_t = 0.2, value_name = "X")]
    pub min_confidence: f64,
}

/// A glossary in any format concord reads.
pub fn load_glossary(path: &Path) -> Result<Glossary> {
    concord::glossary::load(path)
}

pub fn run(args: &ExtractArgs, quiet: bool) -> Result<i32> {
    if args.max_len < 2 {
        return Err(Error::usage("--max-len must be at least 2"));
    }
    let glossary = args.glossary.as_deref().map(load_glossary).transpose()?;
    if args.bilingual {
        return run_bilingual(args, glossary.as_ref(), quiet);
    }
    if args.append_to.is_some() {
        return Err(Error::usage(
            "--append-to needs --bilingual: phrases of Chinese text alone have no English, \
             and a glossary entry needs one (use --format csv to keep the candidates)",
        ));
    }
    let mut docs: Vec<Repaired> = Vec::new();
    for f in &args.files {
        let text = concord::io::read_text(f)?;
        let doc = repair(&text);
        if !quiet {
            report_repairs(f, &doc);
        }
        docs.push(doc);
    }
    let opts = PhraseOptions {
        min_freq: args.min_freq,
        max_len: args.max_len,
        known: glossary
            .iter()
            .flat_map(|g| g.iter())
            .flat_map(|e| e.zh_forms().map(String::from).collect::<Vec<_>>())
            .collect(),
        ..PhraseOptions::default()
    };
    let mut phrases = extract(&docs, &opts);
    if let Some(g) = &glossary {
        mark_glossary(&mut phrases, g);
    }
    if let Some(n) = args.limit {
        phrases.truncate(n);
    }
    print_phrases(&phrases, &args.files, args.format)?;
    Ok(super::EXIT_CLEAN)
}

fn report_repairs(file: &Path, doc: &Repaired) {
    eprintln!(
        "concord: {}: joined {} broken line(s), set aside {} furniture/dateline line(s), {} repeated passage(s)",
        file.display(),
        doc.joins.len(),
        doc.furniture.len(),
        doc.repeats.len()
    );
    for r in doc.repeats.iter().filter(|r| r.sentences >= 2) {
        eprintln!(
            "concord: {}:{}: lines {}–{} repeat lines {}–{} ({} sentences, similarity {:.2})",
            file.display(),
            r.repeat.0,
            r.repeat.0,
            r.repeat.1,
            r.first.0,
            r.first.1,
            r.sentences,
            r.similarity
        );
    }
}

fn status_cell(s: &GlossaryStatus) -> String {
    match s {
        GlossaryStatus::Known(id) => format!("known:{id}"),
        GlossaryStatus::New => "new".to_string(),
    }
}

fn print_phrases(phrases: &[Phrase], files: &[PathBuf], format: OutputFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let io_err = |e: std::io::Error| Error::io("write to stdout", e);
    let context_cell = |p: &Phrase| {
        p.contexts
            .iter()
            .map(|c| {
                let file = files
                    .get(c.doc)
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                format!("{file}:{} {}", c.line, c.text)
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    match format {
        OutputFormat::Json => {
            let rows: Vec<serde_json::Value> = phrases
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    serde_json::json!({
                        "rank": i + 1,
                        "phrase": p.text,
                        "kind": p.kind.as_str(),
                        "freq": p.freq,
                        "quoted": p.quoted,
                        "cvalue": (p.cvalue * 100.0).round() / 100.0,
                        "glossary": match &p.glossary {
                            GlossaryStatus::Known(id) => serde_json::Value::String(id.clone()),
                            GlossaryStatus::New => serde_json::Value::Null,
                        },
                        "contexts": p.contexts.iter().map(|c| serde_json::json!({
                            "file": files.get(c.doc).map(|f| f.display().to_string()),
                            "line": c.line,
                            "text": c.text,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)
                .map_err(|e| Error::io("write to stdout", std::io::Error::other(e)))?;
            writeln!(out).map_err(io_err)?;
        }
        OutputFormat::Tsv | OutputFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == OutputFormat::Tsv {
                    b'\t'
                } else {
                    b','
                })
                .quote_style(if format == OutputFormat::Tsv {
                    csv::QuoteStyle::Never
                } else {
                    csv::QuoteStyle::Necessary
                })
                .from_writer(&mut out);
            let csv_err = |e: csv::Error| Error::io("write to stdout", std::io::Error::other(e));
            w.write_record([
                "rank", "phrase", "kind", "freq", "quoted", "cvalue", "glossary", "contexts",
            ])
            .map_err(csv_err)?;
            for (i, p) in phrases.iter().enumerate() {
                let clean = |s: String| {
                    if format == OutputFormat::Tsv {
                        s.replace(['\t', '\n'], " ")
                    } else {
                        s
                    }
                };
                w.write_record([
                    (i + 1).to_string(),
                    clean(p.text.clone()),
                    p.kind.as_str().to_string(),
                    p.freq.to_string(),
                    p.quoted.to_string(),
                    format!("{:.2}", p.cvalue),
                    status_cell(&p.glossary),
                    clean(context_cell(p)),
                ])
                .map_err(csv_err)?;
            }
            w.flush().map_err(io_err)?;
        }
    }
    Ok(())
}

fn run_bilingual(args: &ExtractArgs, glossary: Option<&Glossary>, quiet: bool) -> Result<i32> {
    let zh: LangTag = "zh".into();
    let en: LangTag = "en".into();
    let mut units: Vec<(String, String)> = Vec::new();
    for f in &args.files {
        let memory = concord::formats::tmx::read_memory(f)?;
        let before = units.len();
        for u in memory.units() {
            if let (Some(z), Some(e)) = (u.variant(&zh, false), u.variant(&en, false)) {
                units.push((z.segment.plain_text(), e.segment.plain_text()));
            }
        }
        if units.len() == before && !quiet {
            eprintln!(
                "concord: {}: no unit has both a Chinese and an English variant",
                f.display()
            );
        }
    }
    let opts = BilingualOptions {
        min_units: args.min_freq,
        min_confidence: args.min_confidence,
        ..BilingualOptions::default()
    };
    let mut proposals = propose(&units, glossary, &opts);
    if let Some(n) = args.limit {
        proposals.truncate(n);
    }
    print_proposals(&proposals, args.format)?;
    if let Some(path) = &args.append_to {
        let source = format!(
            "concord extract --bilingual {}",
            args.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        );
        let rows: Vec<ProposedRow> = proposals
            .iter()
            .filter(|p| p.verdict == Verdict::New && !p.en.is_empty())
            .map(|p| ProposedRow {
                zh: p.zh.clone(),
                en: p.en.clone(),
                note: format!(
                    "confidence {:.2} (Dice {:.2}, {} of {} units)",
                    p.confidence, p.dice, p.both_units, p.zh_units
                ),
                source: source.clone(),
            })
            .collect();
        let done = append_rows(path, &rows)?;
        if !quiet {
            eprintln!(
                "concord: {}: appended {} proposed row(s), {} already in the glossary",
                path.display(),
                done.added,
                done.known
            );
        }
    }
    Ok(super::EXIT_CLEAN)
}

fn verdict_cells(v: &Verdict) -> (String, String, String) {
    match v {
        Verdict::New => ("new".into(), String::new(), String::new()),
        Verdict::Confirmed {
            id,
            rendering,
            coverage,
        } => (
            format!("confirmed:{id}"),
            rendering.clone(),
            format!("{coverage:.2}"),
        ),
        Verdict::Contradicted {
            id,
            rendering,
            coverage,
        } => (
            format!("contradicted:{id}"),
            rendering.clone(),
            format!("{coverage:.2}"),
        ),
    }
}

fn print_proposals(proposals: &[Proposal], format: OutputFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let io_err = |e: std::io::Error| Error::io("write to stdout", e);
    if format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut out, proposals)
            .map_err(|e| Error::io("write to stdout", std::io::Error::other(e)))?;
        writeln!(out).map_err(io_err)?;
        return Ok(());
    }
    let tsv = format == OutputFormat::Tsv;
    let mut w = csv::WriterBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .quote_style(if tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(&mut out);
    let csv_err = |e: csv::Error| Error::io("write to stdout", std::io::Error::other(e));
    w.write_record([
        "zh",
        "en",
        "confidence",
        "dice",
        "units",
        "both",
        "glossary",
        "glossary_rendering",
        "coverage",
        "alternatives",
    ])
    .map_err(csv_err)?;
    for p in proposals {
        let (status, rendering, coverage) = verdict_cells(&p.verdict);
        let alts = p
            .alternatives
            .iter()
            .map(|(e, s)| format!("{e} ({s:.2})"))
            .collect::<Vec<_>>()
            .join(" | ");
        let clean = |s: &str| {
            if tsv {
                s.replace(['\t', '\n'], " ")
            } else {
                s.to_string()
            }
        };
        w.write_record([
            clean(&p.zh),
            clean(&p.en),
            format!("{:.2}", p.confidence),
            format!("{:.2}", p.dice),
            p.zh_units.to_string(),
            p.both_units.to_string(),
            status,
            clean(&rendering),
            coverage,
            clean(&alts),
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(io_err)?;
    Ok(())
}
