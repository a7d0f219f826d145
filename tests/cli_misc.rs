//! Completions, the man page, --help examples, and plain output without a TTY.

use assert_cmd::Command;
use predicates::prelude::*;

fn concord() -> Command {
    Command::cargo_bin("concord").unwrap()
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef concord"),
        ("fish", "complete -c concord"),
    ] {
        concord()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("init"));
    }
    concord()
        .args(["completions", "powershell"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff_with_every_command() {
    let out = concord()
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains(".TH concord 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS"));
    for cmd in ["init", "completions", "man"] {
        assert!(page.contains(&format!(".SS \"concord {cmd}\"")), "{cmd}");
    }
    assert!(page.contains(".SH \"EXIT STATUS\""));
}

#[test]
fn man_page_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("concord.1");
    concord()
        .args(["man", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains(".TH concord 1")
    );
}

#[test]
fn every_subcommand_help_shows_an_example() {
    let out = concord()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(out).unwrap();
    // The subcommands listed in the top-level help.
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // Wrapped descriptions are indented further than the names.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() >= 3, "{help}");
    for name in names {
        let out = concord()
            .args([&name, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("Example"),
            "`concord {name} --help` has no example:\n{text}"
        );
        assert!(text.contains(&format!("concord {name}")), "{text}");
    }
}

#[test]
fn no_ansi_escapes_without_a_tty_or_with_no_color() {
    // assert_cmd never gives the child a terminal; NO_COLOR must also hold.
    for no_color in [None, Some("1")] {
        for args in [
            vec!["--help"],
            vec!["init", "--help"],
            vec!["completions", "bash"],
            vec!["man"],
            vec!["no-such-command"],
            vec!["--config"],
        ] {
            let mut cmd = concord();
            cmd.args(&args);
            match no_color {
                Some(v) => cmd.env("NO_COLOR", v),
                None => cmd.env_remove("NO_COLOR"),
            };
            let out = cmd.output().unwrap();
            for stream in [&out.stdout, &out.stderr] {
                assert!(
                    !stream.contains(&0x1b),
                    "ANSI escape in output of {args:?}: {}",
                    String::from_utf8_lossy(stream)
                );
            }
        }
    }
}

#[test]
fn quiet_and_verbose_conflict() {
    concord()
        .args(["--quiet", "--verbose", "man"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn check_and_lookup_output_is_plain_without_a_tty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("g.csv"),
        "id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status\n\
         bri,一带一路,,Belt and Road Initiative,,OBOR,sensitive,initiative,,,approved\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.tsv"),
        "id\tzh\ten\nu1\t共建一带一路。\tBuild OBOR  together.\n",
    )
    .unwrap();
    for no_color in [None, Some("1")] {
        for args in [
            vec!["check", "a.tsv", "--glossary", "g.csv"],
            vec!["lookup", "OBOR", "--glossary", "g.csv"],
        ] {
            let mut cmd = concord();
            cmd.current_dir(dir.path()).args(&args);
            match no_color {
                Some(v) => cmd.env("NO_COLOR", v),
                None => cmd.env_remove("NO_COLOR"),
            };
            let out = cmd.output().unwrap();
            assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
            for stream in [&out.stdout, &out.stderr] {
                assert!(
                    !stream.contains(&0x1b),
                    "ANSI escape in output of {args:?}: {}",
                    String::from_utf8_lossy(stream)
                );
            }
        }
    }
}
