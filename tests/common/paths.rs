//! Where the crate's fixtures are and where `../shared` (the third-party
//! interop files) is: one copy for every integration test.

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/TOPIC/NAME`.
pub fn fixture(topic: &str, name: &str) -> PathBuf {
    root().join("tests/fixtures").join(topic).join(name)
}

/// `../shared` beside the crate, or one level further up (a git worktree
/// under `wt/` sees it there); `None` when neither holds `interop/`.
pub fn shared_dir() -> Option<PathBuf> {
    [root().join("../shared"), root().join("../../shared")]
        .into_iter()
        .find(|p| p.join("interop").is_dir())
}

/// `REL` inside `../shared`, or `None` after printing a note: tests that need
/// the shared files skip, never fail, where it is absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    match shared_dir().map(|d| d.join(rel)) {
        Some(p) if p.exists() => Some(p),
        _ => {
            eprintln!("note: ../shared absent, skipping {rel}");
            None
        }
    }
}
