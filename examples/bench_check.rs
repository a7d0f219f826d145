//! Benchmark of `concord check` against parsing alone (BENCHMARKS.md, "check").
//!
//! ```text
//! # realistic inputs (what bench/run.sh uses; see bench/make_inputs.py)
//! cargo run --release --example gen_tm -- --units 100000 --seed 11 -o /tmp/raw.tmx
//! cargo run --release --example gen_tm -- --units 100000 --seed 7 -o /tmp/tm-raw.tmx
//! python3 bench/make_inputs.py glossary /tmp/raw.tmx 10000 /tmp/g.csv
//! python3 bench/make_inputs.py render /tmp/g.csv /tmp/raw.tmx /tmp/in.tmx 30
//! python3 bench/make_inputs.py render /tmp/g.csv /tmp/tm-raw.tmx /tmp/tm.tmx 5
//! cargo run --release --example bench_check -- /tmp/in.tmx /tmp/tm.tmx /tmp/g.csv
//! # stress case: N synthetic entries whose renderings are never in the targets
//! cargo run --release --example bench_check -- /tmp/raw.tmx /tmp/tm-raw.tmx 10000
//! ```
//!
//! Times (1) parsing the checked file into units, as every command must, and
//! (2) the whole check: parsing the checked file and the TM (concurrently, as
//! `concord check` does), building the term, rendering and fuzzy indexes,
//! checking every unit (rayon) and the cross-unit checks. The glossary is a
//! CSV file, or N entries: the bundled glossary plus synthetic terms cut from
//! the checked file's own Chinese (so they are found) with made-up English
//! (so nearly all of them are T001s — a stress case, not a realistic one).

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
        let Some(v) = u.variant(&zh, false) else {
            continue;
        };
        let chars: Vec<char> = v
            .segment
            .plain_text()
            .chars()
            .filter(|c| concord::text::token::is_han(*c))
            .collect();
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
    let glossary_arg = args.get(2).map_or("10000", String::as_str);

    let t = Instant::now();
    let units = read(input);
    let parse = t.elapsed();
    eprintln!(
        "parse {}: {} units in {:.2?}",
        input.display(),
        units.len(),
        parse
    );

    let g = match glossary_arg.parse::<usize>() {
        Ok(size) => glossary(&units, size),
        Err(_) => concord::glossary::load(Path::new(glossary_arg)).unwrap(),
    };
    drop(units);
    eprintln!("glossary: {} entries", g.len());

    let t = Instant::now();
    let (units, tm) = rayon::join(|| read(input), || read(tm_path));
    let t_read = t.elapsed();
    // SELECT=T,N (optional) times a subset of the checks.
    let select = std::env::var("SELECT")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let options = CheckOptions {
        select,
        ..CheckOptions::default()
    };
    let checker = Checker::new(&g, &tm, options);
    drop(tm);
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
