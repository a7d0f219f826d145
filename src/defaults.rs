//! Where the bundled glossary and TM are.
//!
//! concord ships a curated glossary (`glossary/*.csv`) and a seed TM
//! (`tmx/*.tmx`). Commands that need them and were given none use these:
//! first the folders in the current directory (a checkout of the project, or
//! a translation repository that vendors them), then the folders next to the
//! crate's manifest (an installed-from-source binary).

use std::path::{Path, PathBuf};

/// The bundled glossary CSVs and TMX files, sorted by name; either list is
/// empty when nothing is found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundledPaths {
    pub glossaries: Vec<PathBuf>,
    pub memories: Vec<PathBuf>,
}

/// The files of `dir` with extension `ext` (case-insensitive), sorted.
pub fn bundled_files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .collect();
    out.sort();
    out
}

/// The bundled data found under `root` (`root/glossary/*.csv`, `root/tmx/*.tmx`).
pub fn bundled_paths_in(root: &Path) -> BundledPaths {
    BundledPaths {
        glossaries: bundled_files_in(&root.join("glossary"), "csv"),
        memories: bundled_files_in(&root.join("tmx"), "tmx"),
    }
}

/// The bundled data: from the current directory if it has any, else from
/// the crate's source folder.
pub fn bundled_paths() -> BundledPaths {
    let here = bundled_paths_in(Path::new("."));
    if !here.glossaries.is_empty() || !here.memories.is_empty() {
        return here;
    }
    bundled_paths_in(Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_crate_data() {
        let p = bundled_paths_in(Path::new(env!("CARGO_MANIFEST_DIR")));
        assert!(
            p.glossaries
                .iter()
                .any(|g| g.ends_with("glossary/diplomatic.zh-en.csv")),
            "{p:?}"
        );
        assert!(p.memories.iter().all(|m| m.extension().unwrap() == "tmx"));
    }
}
