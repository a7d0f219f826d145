//! `concord align`: a Chinese document and its English translation, as two
//! plain-text files, into a TMX of aligned sentences.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use concord::align::{AlignOptions, Alignment, align};
use concord::model::{Attrs, Header, HeaderItem, Note};
use concord::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Warnings and low-confidence beads on stderr.
    Text,
    /// The alignment report (model, warnings, every bead with its score) as JSON on stdout.
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord align speech.zh.txt speech.en.txt -o speech.tmx\n  \
    concord align zh.txt en.txt -o out.tmx --glossary glossary/diplomatic.zh-en.csv --min-score 0.5\n  \
    concord align zh.txt en.txt -o out.tmx --format json > report.json\n\n\
    Both files are repaired (broken lines joined, furniture set aside) and split into\n\
    sentences, then aligned by length, numbers and word pairs learned from the two files\n\
    (a glossary adds its term pairs). Every unit carries x-align-score (0-1) and\n\
    x-align-bead (1-1, 1-2, 2-1, 1-0, ...) props; a side in the wrong language scores\n\
    at most 0.1 throughout. Exit code 1 when some beads score below --min-score or the input\n\
    looks wrong; the TMX is written in every case.")]
pub struct AlignArgs {
    /// The Chinese document (plain text).
    #[arg(value_name = "ZH.txt")]
    pub zh: PathBuf,
    /// Its English translation (plain text).
    #[arg(value_name = "EN.txt")]
    pub en: PathBuf,
    /// The TMX to write.
    #[arg(short, long, value_name = "OUT.tmx")]
    pub output: PathBuf,
    /// Glossary CSV whose term pairs anchor the alignment.
    #[arg(long, short, value_name = "CSV")]
    pub glossary: Option<PathBuf>,
    /// Beads scoring below this are listed as low-confidence.
    #[arg(long, default_value_t = 0.3, value_name = "X")]
    pub min_score: f64,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Language tag written for the Chinese side.
    #[arg(long, default_value = "zh-CN", value_name = "TAG")]
    pub zh_lang: String,
    /// Language tag written for the English side.
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub en_lang: String,
}

pub fn run(args: &AlignArgs, quiet: bool) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(Error::usage("--min-score must be between 0 and 1"));
    }
    let glossary = args
        .glossary
        .as_deref()
        .map(super::extract::load_glossary)
        .transpose()?;
    let zh = concord::io::read_text(&args.zh)?;
    let en = concord::io::read_text(&args.en)?;
    let opts = AlignOptions {
        glossary: glossary.as_ref(),
        min_score: args.min_score,
        zh_lang: args.zh_lang.clone(),
        en_lang: args.en_lang.clone(),
    };
    let a = align(&zh, &en, &opts);
    let header = Header {
        attrs: Attrs(vec![
            ("creationtool".into(), "concord".into()),
            (
                "creationtoolversion".into(),
                env!("CARGO_PKG_VERSION").into(),
            ),
            ("datatype".into(), "plaintext".into()),
            ("segtype".into(), "sentence".into()),
            ("adminlang".into(), "en".into()),
            ("srclang".into(), args.zh_lang.clone()),
            ("o-tmf".into(), "concord".into()),
        ]),
        items: vec![HeaderItem::Note(Note::new(format!(
            "Aligned by concord align from {} and {}: {} beads, {:.2} English characters per Chinese character.",
            args.zh.display(),
            args.en.display(),
            a.beads.len(),
            a.ratio
        )))],
    };
    let written =
        concord::formats::tmx::write_units(&args.output, &header, a.units().into_iter().map(Ok))?;
    let low = a.low_confidence().count();
    match args.format {
        ReportFormat::Json => print_json(&a)?,
        ReportFormat::Text => {
            for w in &a.warnings {
                eprintln!("concord: warning: {w}");
            }
            if !quiet {
                for b in a.low_confidence() {
                    eprintln!(
                        "concord: {}:{} / {}:{}: low-confidence {} bead (score {:.2}): {} ‖ {}",
                        args.zh.display(),
                        b.zh_line,
                        args.en.display(),
                        b.en_line,
                        b.shape_label(),
                        b.score,
                        preview(&b.zh, 30),
                        preview(&b.en, 60)
                    );
                }
                eprintln!(
                    "concord: {}: {written} unit(s) from {} Chinese and {} English sentences; {low} below {:.2}",
                    args.output.display(),
                    a.zh_sentences,
                    a.en_sentences,
                    args.min_score
                );
            }
        }
    }
    Ok(if low > 0 || !a.warnings.is_empty() {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_CLEAN
    })
}

fn preview(s: &str, n: usize) -> String {
    let mut p: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        p.push('…');
    }
    if p.is_empty() {
        p.push('∅');
    }
    p
}

fn print_json(a: &Alignment) -> Result<()> {
    let value = serde_json::json!({
        "ratio": a.ratio,
        "variance": a.variance,
        "zh_sentences": a.zh_sentences,
        "en_sentences": a.en_sentences,
        "min_score": a.min_score,
        "warnings": a.warnings,
        "low_confidence": a.low_confidence().count(),
        "beads": a.beads.iter().map(|b| serde_json::json!({
            "bead": b.shape_label(),
            "score": (b.score * 1000.0).round() / 1000.0,
            "low_confidence": b.score < a.min_score,
            "anchors": b.anchors,
            "zh_lines": b.zh_lines,
            "en_lines": b.en_lines,
            "zh": b.zh,
            "en": b.en,
        })).collect::<Vec<_>>(),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&value)
            .map_err(|e| Error::io("write to stdout", std::io::Error::other(e)))?
    );
    Ok(())
}
