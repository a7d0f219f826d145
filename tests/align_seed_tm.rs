//! Alignment recovered from the bundled TM: the Chinese and English sides are
//! written as two plain files, some neighbouring English units are merged and
//! a few dropped, and the aligner must find the pairs again.

use std::collections::HashSet;
use std::path::Path;

use concord::align::{AlignOptions, Alignment, align};
use concord::model::Glossary;

mod common;
use common::bundled_glossary as glossary;

struct Pair {
    zh: String,
    en: String,
}

fn pairs() -> Option<Vec<Pair>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tmx/seed.pairs.tsv");
    if !path.exists() {
        eprintln!("note: tmx/seed.pairs.tsv absent, skipping");
        return None;
    }
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(&path)
        .unwrap();
    let h = r.headers().unwrap().clone();
    let zi = h.iter().position(|c| c == "zh").unwrap();
    let ei = h.iter().position(|c| c == "en").unwrap();
    Some(
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                Pair {
                    zh: rec[zi].to_string(),
                    en: rec[ei].to_string(),
                }
            })
            .collect(),
    )
}

/// Links (zh line, en line) of every sentence pair inside the beads.
fn predicted(a: &Alignment) -> HashSet<(u32, u32)> {
    let mut out = HashSet::new();
    for b in &a.beads {
        for &z in &b.zh_lines {
            for &e in &b.en_lines {
                out.insert((z, e));
            }
        }
    }
    out
}

/// Which units the English side drops and merges: unit `k` is dropped when
/// `k % drop.0 == drop.1`, merged with the next when `k % merge.0 == merge.1`.
struct Damage {
    drop: (usize, usize),
    merge: (usize, usize),
}

const DAMAGE: Damage = Damage {
    drop: (17, 5),
    merge: (7, 3),
};

fn run(glossary: Option<&Glossary>) -> Option<(f64, f64)> {
    run_with(glossary, &DAMAGE)
}

fn run_with(glossary: Option<&Glossary>, damage: &Damage) -> Option<(f64, f64)> {
    let pairs = pairs()?;
    // One unit per paragraph (blank line between), as a plain document would be.
    let mut zh = String::new();
    let mut en = String::new();
    let mut gold = HashSet::new();
    let mut en_line = 1u32;
    let mut k = 0;
    while k < pairs.len() {
        let zh_line = 1 + 2 * k as u32;
        zh.push_str(&pairs[k].zh);
        zh.push_str("\n\n");
        if k % damage.drop.0 == damage.drop.1 {
            // Dropped from the English.
            k += 1;
            continue;
        }
        if k % damage.merge.0 == damage.merge.1 && k + 1 < pairs.len() {
            // Two neighbouring English sentences merged into one: "A; b."
            zh.push_str(&pairs[k + 1].zh);
            zh.push_str("\n\n");
            let first = pairs[k].en.trim_end().trim_end_matches(['.', '!', '?']);
            let mut second = pairs[k + 1].en.clone();
            if let Some(c) = second.chars().next()
                && !second.starts_with("China")
                && !second.starts_with("Xi")
            {
                second.replace_range(..c.len_utf8(), &c.to_lowercase().to_string());
            }
            en.push_str(&format!("{first}; {second}\n\n"));
            gold.insert((zh_line, en_line));
            gold.insert((zh_line + 2, en_line));
            en_line += 2;
            k += 2;
            continue;
        }
        en.push_str(&pairs[k].en);
        en.push_str("\n\n");
        gold.insert((zh_line, en_line));
        en_line += 2;
        k += 1;
    }
    let opts = AlignOptions {
        glossary,
        ..AlignOptions::default()
    };
    let a = align(&zh, &en, &opts);
    let pred = predicted(&a);
    let hit = pred.intersection(&gold).count() as f64;
    let precision = hit / pred.len() as f64;
    let recall = hit / gold.len() as f64;
    eprintln!(
        "{} beads, ratio {:.2}, variance {:.1}; precision {precision:.3} recall {recall:.3}",
        a.beads.len(),
        a.ratio,
        a.variance
    );
    for b in a.beads.iter().filter(|b| {
        b.zh_lines
            .iter()
            .any(|z| b.en_lines.iter().any(|e| !gold.contains(&(*z, *e))))
    }) {
        eprintln!(
            "wrong {} zh{:?} en{:?} {:.2}: {} || {}",
            b.shape_label(),
            b.zh_lines,
            b.en_lines,
            b.score,
            b.zh.chars().take(30).collect::<String>(),
            b.en.chars().take(60).collect::<String>()
        );
    }
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    Some((precision, recall))
}

/// Lengths, numbers, punctuation and the word pairs learned from the two
/// files themselves (0.963 precision, 0.994 recall; lengths, numbers and
/// punctuation alone gave 0.859 and 0.924: a dropped sentence next to
/// sentences of similar length shifted a few beads).
#[test]
fn recovers_merged_and_dropped_units_without_glossary() {
    let Some((p, r)) = run(None) else { return };
    assert!(p >= 0.95 && r >= 0.95, "precision {p:.3} recall {r:.3}");
}

/// The glossary's term pairs on top (0.987 precision, 0.994 recall; 0.969
/// and 0.987 before the learned word pairs).
#[test]
fn recovers_merged_and_dropped_units_with_glossary_anchors() {
    let Some(g) = glossary() else {
        eprintln!("note: glossary/diplomatic.zh-en.csv absent, skipping");
        return;
    };
    let Some((p, r)) = run(Some(&g)) else { return };
    assert!(p >= 0.95 && r >= 0.95, "precision {p:.3} recall {r:.3}");
}

/// Another pattern of damage (denser drops, other merges), so the figures
/// above are not an accident of one pattern (0.962 precision, 0.981 recall).
#[test]
fn recovers_another_damage_pattern_without_glossary() {
    let damage = Damage {
        drop: (11, 7),
        merge: (5, 1),
    };
    let Some((p, r)) = run_with(None, &damage) else {
        return;
    };
    assert!(p >= 0.95 && r >= 0.95, "precision {p:.3} recall {r:.3}");
}
