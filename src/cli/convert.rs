//! `concord convert`: any reader joined to any writer, through the model.

use std::path::PathBuf;

use clap::Args;

use concord::formats::spreadsheet::ColumnMap;
use concord::formats::{self, ConvertOptions, Format, ReadOptions};
use concord::model::LangTag;
use concord::{Error, Result};

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord convert tmx/seed.zh-en.tmx -o seed.csv              # TM to CSV (id,zh-CN,en,…)\n  \
    concord convert seed.csv -o seed.tmx                        # and back to TMX 1.4b\n  \
    concord convert pairs.tsv -o pairs.tmx --source-lang zh-CN --target-lang en\n  \
    concord convert glossary.csv -o canonical.csv               # rewrite a glossary canonically\n  \
    concord convert glossary.csv -o glossary.tbx --to tbx2      # TBX-Basic v2 for memoQ, MultiTerm, OmegaT\n  \
    concord convert glossary.csv -o glossary.csv --to memoq-csv # Excel-safe CSV for memoQ/Trados\n  \
    concord convert their.tbx -o glossary.csv                   # TBX v2/v3 back to a glossary\n  \
    concord convert terms.csv -o glossary.csv --columns zh=Chinese,en=English,note=Comment\n\n\
Formats: tmx, csv, tsv (bilingual rows), glossary-csv; glossaries also tbx2 (tbx),\n\
tbx3, omegat, omegat-csv (read), xbench, memoq-csv. The format comes from\n\
the file's content and extension, or from --from/--to. Nothing is written\n\
unless the whole input reads without error.")]
pub struct ConvertArgs {
    /// The file to convert.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The file to write (replaced atomically).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Output format (default: from OUT's extension).
    #[arg(long, value_name = "FORMAT")]
    pub to: Option<String>,
    /// Input format (default: detected).
    #[arg(long, value_name = "FORMAT")]
    pub from: Option<String>,
    /// Language of a `source` column, and the first language column of CSV output.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Language of a `target` column, and the second language column of CSV output.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
    /// Read a CSV/TSV glossary from another tool through a column mapping:
    /// FIELD=COLUMN pairs (`zh=Chinese,en=English,note=Comment`; fields are the
    /// glossary columns), or column numbers for a file without a header (`zh=1,en=2`).
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
}

pub fn run(args: &ConvertArgs, quiet: bool) -> Result<i32> {
    if args.input == args.output {
        return Err(Error::usage(
            "IN and OUT are the same file; write to another file",
        ));
    }
    let options = ConvertOptions {
        from: args.from.as_deref().map(Format::from_name).transpose()?,
        to: args.to.as_deref().map(Format::from_name).transpose()?,
        read: ReadOptions {
            source_lang: args.source_lang.as_deref().map(LangTag::new),
            target_lang: args.target_lang.as_deref().map(LangTag::new),
        },
        columns: args.columns.as_deref().map(ColumnMap::parse).transpose()?,
    };
    let report = formats::convert(&args.input, &args.output, &options)?;
    let lossy = report.lossy;
    let out = args.output.display();
    if lossy.codes_flattened > 0 {
        eprintln!(
            "concord: warning: {out}: {} segments had inline codes; written as plain text",
            lossy.codes_flattened
        );
    }
    if lossy.variants_dropped > 0 {
        eprintln!(
            "concord: warning: {out}: {} variants left out (a second variant in the same language)",
            lossy.variants_dropped
        );
    }
    if lossy.metadata_dropped > 0 {
        eprintln!(
            "concord: warning: {out}: attributes, props or notes of {} units/variants have no column and were left out",
            lossy.metadata_dropped
        );
    }
    if !quiet {
        let what = if report.from.content() == formats::Content::Glossary {
            "entries"
        } else {
            "units"
        };
        eprintln!(
            "concord: wrote {out} ({}, {} {what} from {})",
            report.to, report.records, report.from
        );
    }
    Ok(super::EXIT_CLEAN)
}
