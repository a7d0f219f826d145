//! `concord validate`: well-formedness and schema checks of TMX files and glossaries.

use std::path::PathBuf;

use clap::Args;

use concord::Result;
use concord::formats::ReadOptions;
use concord::formats::validate::{files_to_validate, validate_file};

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord validate glossary/diplomatic.zh-en.csv\n  \
    concord validate tmx/ glossary/          # every *.tmx and glossary *.csv below\n\n\
Prints FILE:LINE:COL: level: message per problem.\n\
Exit codes: 0 clean, 1 problems found, 2 a file could not be read at all.")]
pub struct ValidateArgs {
    /// Files or folders.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &ValidateArgs, quiet: bool) -> Result<i32> {
    let files = files_to_validate(&args.paths)?;
    let mut findings = false;
    let mut unreadable = false;
    let options = ReadOptions::default();
    for file in &files {
        let report = validate_file(file, &options);
        for p in &report.problems {
            println!("{}:{p}", file.display());
        }
        if let Some(e) = &report.fatal {
            let pos = e.position();
            let line = pos.line.map_or(String::new(), |l| {
                format!(":{l}:{}", pos.column.unwrap_or(1))
            });
            let record = pos
                .record
                .as_ref()
                .map_or(String::new(), |r| format!("{r}: "));
            let file_shown = pos.file.as_deref().unwrap_or(file.as_path());
            println!(
                "{}{line}: error: {record}{}",
                file_shown.display(),
                e.message()
            );
            unreadable = true;
        }
        findings |= report.has_findings();
    }
    if !quiet {
        eprintln!(
            "concord: {} file{} checked",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    Ok(if unreadable {
        super::EXIT_ERROR
    } else if findings {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_CLEAN
    })
}
