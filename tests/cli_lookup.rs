//! `concord lookup`: exact, forbidden, fuzzy; human and JSON output.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "\
id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status
bri,一带一路,,Belt and Road Initiative,Belt and Road | BRI,\"One Belt, One Road | OBOR\",sensitive,initiative,Never OBOR.,NDRC 2015,approved
gdi,全球发展倡议,,Global Development Initiative,,,,initiative,,,approved
gsi,全球安全倡议,,Global Security Initiative,,,,initiative,,,approved
sco,上海合作组织,上合组织,Shanghai Cooperation Organization,SCO,,sensitive,organization,,,approved
";

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    fs::write(&g, GLOSSARY).unwrap();
    (dir, g)
}

fn lookup(dir: &std::path::Path, g: &std::path::Path, term: &str) -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap();
    cmd.current_dir(dir)
        .arg("lookup")
        .arg(term)
        .arg("--glossary")
        .arg(g);
    cmd
}

#[test]
fn exact_chinese_term() {
    let (dir, g) = setup();
    lookup(dir.path(), &g, "一带一路")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "一带一路 → Belt and Road Initiative\n",
        ))
        .stdout(predicate::str::contains(
            "forbidden:   One Belt, One Road | OBOR",
        ))
        .stdout(predicate::str::contains("note:        Never OBOR."));
}

#[test]
fn chinese_variant_and_english_variant() {
    let (dir, g) = setup();
    lookup(dir.path(), &g, "上合组织")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "matched:     Chinese variant '上合组织'",
        ));
    lookup(dir.path(), &g, "sco")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "上海合作组织 → Shanghai Cooperation Organization",
        ));
}

#[test]
fn forbidden_rendering_warns_and_shows_the_entry() {
    let (dir, g) = setup();
    lookup(dir.path(), &g, "one belt, one road")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "warning: 'One Belt, One Road' is a forbidden rendering of 一带一路; use 'Belt and Road Initiative'\n一带一路 → Belt and Road Initiative\n",
        ));
}

#[test]
fn fuzzy_when_no_exact_hit() {
    let (dir, g) = setup();
    lookup(dir.path(), &g, "全球发展倡仪")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "no exact entry for '全球发展倡仪'; closest:\n   83%  全球发展倡议 → Global Development Initiative",
        ));
    lookup(dir.path(), &g, "qqqqqqqqqqqq")
        .assert()
        .code(1)
        .stdout("no glossary entry for 'qqqqqqqqqqqq'\n");
}

#[test]
fn json_output() {
    let (dir, g) = setup();
    let out = lookup(dir.path(), &g, "OBOR")
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["exact"], true);
    assert_eq!(v["hits"][0]["entry"]["id"], "bri");
    assert_eq!(v["hits"][0]["form"], "en_forbidden");
    assert_eq!(v["hits"][0]["matched"], "OBOR");
    let out = lookup(dir.path(), &g, "Global Developmnt Initiative")
        .args(["--format", "json", "--limit", "1"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["exact"], false);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    assert_eq!(v["hits"][0]["entry"]["id"], "gdi");
}

#[test]
fn glossary_from_concord_toml() {
    let (dir, _g) = setup();
    fs::write(dir.path().join("concord.toml"), "glossary = [\"g.csv\"]\n").unwrap();
    let sub = dir.path().join("deep/er");
    fs::create_dir_all(&sub).unwrap();
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(&sub)
        .args(["lookup", "全球安全倡议"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Global Security Initiative"));
}

#[test]
fn bundled_glossary_by_default() {
    // The crate's own glossary/ (found from the current folder or the manifest's).
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lookup", "一带一路"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Belt and Road Initiative"));
}

#[test]
fn missing_glossary_is_an_error() {
    let (dir, _) = setup();
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(dir.path())
        .args(["lookup", "x", "--glossary", "nope.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("concord: nope.csv"));
}

#[test]
fn no_colour_without_a_tty_even_for_warnings() {
    let (dir, g) = setup();
    for no_color in ["", "1"] {
        let out = lookup(dir.path(), &g, "OBOR")
            .env("NO_COLOR", no_color)
            .output()
            .unwrap();
        assert!(!out.stdout.contains(&0x1b));
        assert!(!out.stderr.contains(&0x1b));
    }
}
