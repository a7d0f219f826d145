//! `concord init`: writes a commented `concord.toml`.

use std::path::PathBuf;

use clap::Args;

use concord::settings::{FILE_NAME, Settings};
use concord::{Error, Result};

#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    concord init                 # writes ./concord.toml\n  \
    concord init projects/mfa    # writes projects/mfa/concord.toml\n  \
    concord init --force         # replaces an existing concord.toml")]
pub struct InitArgs {
    /// Folder to write concord.toml in (or the file path itself).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing concord.toml.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs, quiet: bool) -> Result<i32> {
    let path = if args.dir.extension().is_some_and(|e| e == "toml") {
        args.dir.clone()
    } else {
        args.dir.join(FILE_NAME)
    };
    if path.exists() && !args.force {
        return Err(Error::usage(format!(
            "{} already exists; use --force to replace it",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", e).in_file(dir))?;
    }
    let text = Settings::template();
    concord::io::write_atomic(&path, |w| {
        w.write_all(text.as_bytes())
            .map_err(concord::io::write_err(&path))
    })?;
    if !quiet {
        eprintln!("concord: wrote {}", path.display());
    }
    Ok(super::EXIT_CLEAN)
}
