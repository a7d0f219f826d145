//! Benchmark for `concord extract` and `concord align` (issue 6): extraction
//! over 1, 2, 4 and 10 MB of Chinese, alignment of 1,000 to 5,000-sentence
//! documents. The inputs are generated from the seed text and the bundled TM
//! (replicated, paragraphs shuffled, 3% of the Han characters replaced, so
//! copies are not identical), written to a temporary folder so the CLI can be
//! timed on the same files.
//!
//! ```text
//! cargo run --release --example bench_extract_align            # library timings
//! cargo run --release --example bench_extract_align -- --keep  # also keep the files, print their paths
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use concord::align::{AlignOptions, align};
use concord::extract::phrases::{PhraseOptions, extract};
use concord::text::segment::repair;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Chinese text of about `bytes` bytes: seed paragraphs, shuffled, perturbed.
fn chinese(seed: &str, bytes: usize, rng: &mut Rng) -> String {
    let paras: Vec<&str> = seed
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let han: Vec<char> = seed
        .chars()
        .filter(|&c| concord::text::token::is_han(c))
        .collect();
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        let p = paras[rng.below(paras.len())];
        for c in p.chars() {
            if concord::text::token::is_han(c) && rng.below(100) < 3 {
                out.push(han[rng.below(han.len())]);
            } else {
                out.push(c);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Two documents of `n` units from the TM's pairs: English with 3% of the
/// sentences dropped and 5% of neighbouring sentences merged.
fn parallel(pairs: &[(String, String)], n: usize, rng: &mut Rng) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    let mut k = 0;
    while k < n {
        let (z, e) = &pairs[rng.below(pairs.len())];
        zh.push_str(z);
        zh.push('\n');
        let roll = rng.below(100);
        if roll < 3 {
            // dropped
        } else if roll < 8 && k + 1 < n {
            let (z2, e2) = &pairs[rng.below(pairs.len())];
            zh.push_str(z2);
            zh.push('\n');
            en.push_str(e.trim_end_matches('.'));
            en.push_str("; ");
            en.push_str(e2);
            en.push('\n');
            k += 1;
        } else {
            en.push_str(e);
            en.push('\n');
        }
        k += 1;
    }
    (zh, en)
}

fn pairs() -> Vec<(String, String)> {
    let path = root().join("tmx/seed.pairs.tsv");
    let text = std::fs::read_to_string(&path).expect("tmx/seed.pairs.tsv");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Some((cells.get(2)?.to_string(), cells.get(3)?.to_string()))
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn main() {
    let keep = std::env::args().any(|a| a == "--keep");
    let dir = std::env::temp_dir().join("concord-bench-extract-align");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let seed =
        std::fs::read_to_string(root().join("corpus/seed.zh.txt")).expect("corpus/seed.zh.txt");
    let mut rng = Rng(0x5EED_CAFE);

    println!("extraction (repair + extract, min-freq 2, max-len 16)");
    println!("| size | chars | repair | extract | total | phrases | MB/s |");
    println!("|---|---|---|---|---|---|---|");
    for mb in [1usize, 2, 4, 10] {
        let text = chinese(&seed, mb << 20, &mut rng);
        let path = write(&dir, &format!("zh-{mb}mb.txt"), &text);
        let t0 = Instant::now();
        let doc = repair(&text);
        let t1 = Instant::now();
        let phrases = extract(&[doc], &PhraseOptions::default());
        let t2 = Instant::now();
        let total = (t2 - t0).as_secs_f64();
        println!(
            "| {mb} MB | {} | {:.2} s | {:.2} s | {total:.2} s | {} | {:.1} |",
            text.chars().count(),
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            phrases.len(),
            text.len() as f64 / (1 << 20) as f64 / total
        );
        if keep {
            println!("  file: {}", path.display());
        }
    }

    let pairs = pairs();
    println!();
    println!("alignment (repair + segment + two DP passes, no glossary)");
    println!("| units | zh sentences | en sentences | time | beads |");
    println!("|---|---|---|---|---|");
    for n in [1000usize, 2000, 5000] {
        let (zh, en) = parallel(&pairs, n, &mut rng);
        let zp = write(&dir, &format!("zh-{n}.txt"), &zh);
        let ep = write(&dir, &format!("en-{n}.txt"), &en);
        let t0 = Instant::now();
        let a = align(&zh, &en, &AlignOptions::default());
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "| {n} | {} | {} | {dt:.2} s | {} |",
            a.zh_sentences,
            a.en_sentences,
            a.beads.len()
        );
        if keep {
            println!("  files: {} {}", zp.display(), ep.display());
        }
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
