//! Benchmark of `concord check` against parsing alone (BENCHMARKS.md, "check").
//!
//! ```text
//! cargo run --release --example gen_tm -- --units 100000 --seed 7 -o /tmp/in.tmx
//! cargo run --release --example gen_tm -- --units 100000 --seed 8 -o /tmp/tm.tmx
//! cargo run --release --example bench_check -- /tmp/in.tmx /tmp/tm.tmx 10000
//! ```
//!
//! Times (1) parsing the checked file into units, as every command must, and
//! (2) the whole check: parsing the checked file and the TM, building the
//! term, rendering and fuzzy indexes, checking every unit (rayon) and the
//! cross-unit checks. The glossary has N entries: the bundled glossary plus
//! synthetic terms cut from the checked file's own Chinese (so they are found,
//! the expensive case) with made-up English (so most of them are T001s).

use std::path::Path;
use std::time::Instant;

use concord::check::{CheckOptions, CheckedFile, Checker};
use concord::formats::tmx::TmxReader;
use concord::model::{Entry, Glossary, LangTag, Unit};

fn read(path: &Path) -> Vec<Unit> {
    TmxReader::open(path)
        .unwrap()
        .collect::<concord::Result<Vec<Unit>>>()
        .unwrap()
}

fn glossary(units: &[Unit], size: usize) -> Glossary {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut g = concord::glossary::load(&root.join("glossary/diplomatic.zh-en.csv")).unwrap();
    let zh = LangTag::new("zh");
    let mut n = 0usize;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    while g.len() < size {
        let u = &units[(next() % units.len() as u64) as usize];
        let Some(v) = u.variant(&zh, false) else { continue };
        let chars: Vec<char> = v.segment.plain_text().chars().filter(|c| concord::text::token::is_han(*c)).collect();
        if chars.len() < 8 {
            continue;
        }
        let len = 4 + (next() % 3) as usize;
        let at = (next() % (chars.len() - len) as u64) as usize;
        let term: String = chars[at..at + len].iter().collect();
        n += 1;
        let _ = g.insert(Entry {
            id: format!("synthetic-{n}"),
            zh: term,
            en: format!("synthetic rendering number {n}"),
            en_forbidden: vec![format!("forbidden phrase {n}")],
            ..Entry::default()
        });
    }
    g
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, tm_path) = (Path::new(&args[0]), Path::new(&args[1]));
    let size: usize = args.get(2).map_or(10_000, |s| s.parse().unwrap());

    let t = Instant::now();
    let units = read(input);
    let parse = t.elapsed();
    eprintln!("parse {}: {} units in {:.2?}", input.display(), units.len(), parse);

    let g = glossary(&units, size);
    drop(units);
    eprintln!("glossary: {} entries", g.len());

    let t = Instant::now();
    let units = read(input);
    let tm = read(tm_path);
    let t_read = t.elapsed();
    let checker = Checker::new(&g, &tm, CheckOptions::default());
    let t_index = t.elapsed() - t_read;
    let outcome = checker.check(&[CheckedFile::new(input, units)]).unwrap();
    let total = t.elapsed();
    eprintln!(
        "check: read input+TM {:.2?}, indexes {:.2?}, checks {:.2?}, total {:.2?}; {} findings",
        t_read,
        t_index,
        total - t_read - t_index,
        total,
        outcome.diagnostics.len()
    );
    let mut counts: Vec<_> = outcome.counts().into_iter().collect();
    counts.sort();
    eprintln!("by code: {counts:?}");
    println!(
        "ratio check/parse = {:.2}",
        total.as_secs_f64() / parse.as_secs_f64()
    );
}
