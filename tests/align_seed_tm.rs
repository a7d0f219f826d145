//! Alignment recovered from the bundled TM: the Chinese and English sides are
//! written as two plain files, some neighbouring English units are merged and
//! a few dropped, and the aligner must find the pairs again.

use std::collections::HashSet;
use std::path::Path;

use concord::align::{AlignOptions, Alignment, align};
use concord::model::{Entry, Glossary};

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

/// The bundled glossary, read with the csv crate (multi-valued cells split at ` | `).
pub fn glossary() -> Option<Glossary> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/diplomatic.zh-en.csv");
    if !path.exists() {
        return None;
    }
    let mut r = csv::Reader::from_path(&path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (id, zh, zhv, en, env) = (
        col("id"),
        col("zh"),
        col("zh_variants"),
        col("en"),
        col("en_variants"),
    );
    let split = |s: &str| -> Vec<String> {
        s.split(" | ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let mut g = Glossary::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        g.insert(Entry {
            id: rec[id].to_string(),
            zh: rec[zh].to_string(),
            zh_variants: split(&rec[zhv]),
            en: rec[en].to_string(),
            en_variants: split(&rec[env]),
            ..Entry::default()
        })
        .unwrap();
    }
    Some(g)
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

fn run(glossary: Option<&Glossary>) -> Option<(f64, f64)> {
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
        if k % 17 == 5 {
            // Dropped from the English.
            k += 1;
            continue;
        }
        if k % 7 == 3 && k + 1 < pairs.len() {
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

/// Lengths, numbers and punctuation alone: a dropped sentence next to
/// sentences of similar length shifts a few beads before the aligner
/// recovers (about 0.86 precision, 0.93 recall; see BENCHMARKS.md). The
/// acceptance figure (0.95) is reached with the glossary's term pairs.
#[test]
fn recovers_merged_and_dropped_units_without_glossary() {
    let Some((p, r)) = run(None) else { return };
    assert!(p >= 0.80 && r >= 0.90, "precision {p:.3} recall {r:.3}");
}

#[test]
fn recovers_merged_and_dropped_units_with_glossary_anchors() {
    let Some(g) = glossary() else {
        eprintln!("note: glossary/diplomatic.zh-en.csv absent, skipping");
        return;
    };
    let Some((p, r)) = run(Some(&g)) else { return };
    assert!(p >= 0.95 && r >= 0.95, "precision {p:.3} recall {r:.3}");
}
