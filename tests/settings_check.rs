//! concord.toml drives `concord check`; command-line flags win over it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "\
id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status
bri,一带一路,,Belt and Road Initiative,,\"One Belt, One Road\",sensitive,initiative,,,approved
";

/// A project: glossary in terms/, one TSV to check with a forbidden
/// rendering (T002, error) and a double space (P003, info).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("terms")).unwrap();
    fs::create_dir_all(dir.path().join("work")).unwrap();
    fs::write(dir.path().join("terms/g.csv"), GLOSSARY).unwrap();
    fs::write(
        dir.path().join("work/a.tsv"),
        "id\tzh\ten\nu1\t共建一带一路。\tJointly build One Belt, One Road.\nu2\t我们支持开放。\tWe  support openness.\n",
    )
    .unwrap();
    dir
}

fn check(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap();
    cmd.current_dir(cwd)
        .args(["check", "a.tsv", "--format", "json"]);
    cmd
}

fn codes(out: &[u8]) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(out).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(code: &str, sev: &str) -> (String, String) {
    (code.to_string(), sev.to_string())
}

#[test]
fn settings_file_selects_overrides_severity_and_fail_on() {
    let dir = project();
    fs::write(
        dir.path().join("concord.toml"),
        "glossary = [\"terms\"]\ntm = []\nselect = [\"T\", \"P\"]\nfail_on = \"never\"\n[severity]\nP003 = \"warning\"\n",
    )
    .unwrap();
    let work = dir.path().join("work");
    let out = check(&work).assert().code(0).get_output().stdout.clone();
    let found = codes(&out);
    assert!(found.contains(&pair("T002", "error")), "{found:?}");
    assert!(found.contains(&pair("P003", "warning")), "{found:?}");

    // Flags win: --fail-on and --select replace the file's values.
    let out = check(&work)
        .args(["--fail-on", "error", "--select", "P"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(codes(&out), vec![pair("P003", "warning")]);
    check(&work).args(["--fail-on", "warning"]).assert().code(1);
}

#[test]
fn explicit_config_and_unknown_key_error() {
    let dir = project();
    let cfg = dir.path().join("strict.toml");
    fs::write(
        &cfg,
        "glossary = [\"terms/g.csv\"]\nfail_on = \"info\"\nselect = [\"T002\"]\n",
    )
    .unwrap();
    let work = dir.path().join("work");
    let out = check(&work)
        .arg("--config")
        .arg(&cfg)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(codes(&out), vec![pair("T002", "error")]);

    fs::write(dir.path().join("concord.toml"), "tm = []\nmin_mach = 80\n").unwrap();
    check(&work)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "concord: {}:2:1: unknown field `min_mach`",
            dir.path().join("concord.toml").display()
        )));
}

#[test]
fn html_format_writes_one_self_contained_file() {
    let dir = project();
    fs::write(
        dir.path().join("concord.toml"),
        "glossary = [\"terms\"]\ntm = []\n",
    )
    .unwrap();
    let work = dir.path().join("work");
    let json = check(&work).assert().code(1).get_output().stdout.clone();
    let n = codes(&json).len();
    let report = work.join("report.html");
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(&work)
        .args(["check", "a.tsv", "--format", "html", "-o", "report.html"])
        .assert()
        .code(1)
        .stdout("");
    let html = fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<tr class=\"finding\"").count(), n);
    assert!(html.contains("<mark class=\"found\">One Belt, One Road</mark>"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}
