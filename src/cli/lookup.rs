//! `concord lookup TERM`: the glossary entry for a Chinese or English term.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use concord::glossary::lookup::{Hit, Lookup, MatchedForm, lookup};
use concord::model::Glossary;
use concord::settings::Settings;
use concord::{Error, Result};

use super::style::{Paint, Stream, colour_enabled};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord lookup 全球发展倡议\n  \
    concord lookup \"One Belt, One Road\"      # a forbidden rendering: shows the entry, warns\n  \
    concord lookup 一带一路 --glossary terms/client.csv --format json\n\n\
    Exit status: 0 when an entry matches exactly, 1 when only similar entries\n\
    (or none) were found, 2 on error.")]
pub struct LookupArgs {
    /// The term: Chinese (term or variant) or English (approved, accepted or forbidden rendering).
    #[arg(value_name = "TERM")]
    pub term: String,
    /// Glossary file to search (repeatable). Default: concord.toml's glossaries, else the bundled glossary.
    #[arg(short, long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LookupFormat::Human)]
    pub format: LookupFormat,
    /// How many similar entries to show when there is no exact match.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub limit: usize,
}

pub fn run(args: &LookupArgs, config: Option<&std::path::Path>, verbose: bool) -> Result<i32> {
    let paths = glossary_paths(args, config)?;
    if paths.is_empty() {
        return Err(Error::usage(
            "no glossary: pass --glossary FILE, set glossary in concord.toml, or run from a concord checkout",
        ));
    }
    if verbose {
        for p in &paths {
            eprintln!("concord: glossary {}", p.display());
        }
    }
    let glossaries = paths
        .iter()
        .map(|p| concord::glossary::load(p))
        .collect::<Result<Vec<Glossary>>>()?;
    let found = lookup(&glossaries, &args.term, args.limit);
    let mut out = Vec::new();
    match args.format {
        LookupFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &found)
                .map_err(|e| Error::io("write to stdout", e.into()))?;
            out.push(b'\n');
        }
        LookupFormat::Human => write_human(&mut out, &found, colour_enabled(Stream::Stdout))
            .map_err(|e| Error::io("write to stdout", e))?,
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Error::io("write to stdout", e)),
    }
    Ok(if found.exact {
        super::EXIT_CLEAN
    } else {
        super::EXIT_FINDINGS
    })
}

/// --glossary, else concord.toml's glossaries, else the bundled ones.
fn glossary_paths(args: &LookupArgs, config: Option<&std::path::Path>) -> Result<Vec<PathBuf>> {
    if !args.glossary.is_empty() {
        return Ok(args.glossary.clone());
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io("find the current folder", e))?;
    let (_, settings) = Settings::resolve(config, &cwd)?;
    let from_settings = settings.glossary_files()?;
    if !from_settings.is_empty() {
        return Ok(from_settings);
    }
    Ok(concord::defaults::bundled_paths().glossaries)
}

fn write_human(out: &mut Vec<u8>, found: &Lookup<'_>, colour: bool) -> std::io::Result<()> {
    if found.hits.is_empty() {
        writeln!(out, "no glossary entry for '{}'", found.query)?;
        return Ok(());
    }
    if !found.exact {
        writeln!(out, "no exact entry for '{}'; closest:", found.query)?;
        for hit in &found.hits {
            writeln!(
                out,
                "  {:>3}%  {} → {}  {}",
                (hit.similarity * 100.0).floor() as u32,
                Paint::Bold.paint(&hit.entry.zh, colour),
                hit.entry.en,
                Paint::Dim.paint(
                    &format!(
                        "({}; matched {} '{}')",
                        hit.entry.id,
                        hit.form.describe(),
                        hit.matched
                    ),
                    colour
                )
            )?;
        }
        return Ok(());
    }
    for (i, hit) in found.hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_entry(out, hit, colour)?;
    }
    Ok(())
}

fn write_entry(out: &mut Vec<u8>, hit: &Hit<'_>, colour: bool) -> std::io::Result<()> {
    let e = hit.entry;
    if hit.form == MatchedForm::EnForbidden {
        writeln!(
            out,
            "{} '{}' is a forbidden rendering of {}; use '{}'",
            Paint::Red.paint("warning:", colour),
            hit.matched,
            e.zh,
            e.en
        )?;
    }
    writeln!(
        out,
        "{} → {}",
        Paint::Bold.paint(&e.zh, colour),
        Paint::Bold.paint(&e.en, colour)
    )?;
    let mut field = |name: &str, value: String| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "  {:<12} {value}",
            Paint::Dim.paint(&format!("{name}:"), colour)
        )
    };
    field("id", e.id.clone())?;
    field("zh variants", e.zh_variants.join(" | "))?;
    field("accepted", e.en_variants.join(" | "))?;
    field("forbidden", e.en_forbidden.join(" | "))?;
    field(
        "case",
        if e.case == Default::default() {
            String::new()
        } else {
            e.case.as_str().into()
        },
    )?;
    field("domain", e.domain.clone())?;
    field("status", e.status.as_str().into())?;
    field("note", e.note.clone())?;
    field("source", e.source.clone())?;
    if hit.form != MatchedForm::Zh && hit.form != MatchedForm::En {
        field(
            "matched",
            format!("{} '{}'", hit.form.describe(), hit.matched),
        )?;
    }
    if let Some(g) = &hit.glossary {
        field("glossary", g.clone())?;
    }
    Ok(())
}
