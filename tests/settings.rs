//! concord.toml: discovery, `concord init`, errors with positions.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use concord::settings::{Settings, discover};
use predicates::prelude::*;

fn concord() -> Command {
    Command::cargo_bin("concord").unwrap()
}

#[test]
fn init_output_round_trips_to_the_default_settings() {
    let dir = tempfile::tempdir().unwrap();
    concord()
        .arg("init")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout("");
    let path = dir.path().join("concord.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# concord.toml"), "commented: {text}");
    let settings = Settings::load(&path).unwrap();
    assert_eq!(settings, Settings::default());
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("concord.toml");
    fs::write(&path, "min_match = 90\n").unwrap();
    concord()
        .args(["init"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "min_match = 90\n");
    concord()
        .args(["init", "--force", "--quiet"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stderr("");
    assert_eq!(Settings::load(&path).unwrap(), Settings::default());
}

#[test]
fn init_into_a_new_folder() {
    let dir = tempfile::tempdir().unwrap();
    concord()
        .args(["init", "proj/sub"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("proj/sub/concord.toml").is_file());
}

#[test]
fn discovery_walks_up_and_stops_at_the_nearest_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let deep = root.join("a/b/c");
    fs::create_dir_all(&deep).unwrap();
    assert_eq!(Settings::load_discovered(&deep).unwrap(), None);

    fs::write(
        root.join("concord.toml"),
        "min_match = 80\nglossary = [\"terms/g.csv\"]\n",
    )
    .unwrap();
    let (path, s) = Settings::load_discovered(&deep).unwrap().unwrap();
    assert_eq!(path, root.join("concord.toml"));
    assert_eq!(s.min_match, 80);
    // Relative to the file, not to the folder we started from.
    assert_eq!(s.glossary, vec![root.join("terms/g.csv")]);

    fs::write(root.join("a/concord.toml"), "min_match = 95\n").unwrap();
    let (path, s) = Settings::load_discovered(&deep).unwrap().unwrap();
    assert_eq!(path, root.join("a/concord.toml"));
    assert_eq!(s.min_match, 95);
    assert_eq!(discover(&root.join("a")), Some(root.join("a/concord.toml")));
}

#[test]
fn explicit_config_wins_over_discovery() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("concord.toml"), "min_match = 80\n").unwrap();
    let other = dir.path().join("other.toml");
    fs::write(&other, "min_match = 60\n").unwrap();
    let (used, s) = Settings::resolve(Some(&other), dir.path()).unwrap();
    assert_eq!(used, Some(other));
    assert_eq!(s.min_match, 60);
    let (used, s) = Settings::resolve(None, dir.path()).unwrap();
    assert_eq!(used, Some(dir.path().join("concord.toml")));
    assert_eq!(s.min_match, 80);
}

#[test]
fn unknown_key_error_has_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("concord.toml");
    fs::write(&path, "# settings\nmin_match = 80\nfail-on = \"warning\"\n").unwrap();
    let e = Settings::load_discovered(dir.path()).unwrap_err();
    let msg = e.to_string();
    let expected = format!("{}:3:1: ", path.display());
    assert!(msg.starts_with(&expected), "{msg}");
    assert!(msg.contains("unknown field `fail-on`"), "{msg}");
}

#[test]
fn missing_explicit_config_is_an_error() {
    let e = Settings::resolve(
        Some(&PathBuf::from("/nonexistent/concord.toml")),
        &PathBuf::from("."),
    )
    .unwrap_err();
    assert!(e.to_string().contains("/nonexistent/concord.toml"), "{e}");
}
