//! The fuzzy-matching benchmark behind BENCHMARKS.md ("Fuzzy matching").
//!
//! ```text
//! benches/fuzzy.sh 1000000          # generates the TM and queries, then runs this
//! cargo run --release --example fuzzy_bench -- --tm TM.tmx --queries Q.txt [--runs 3]
//! ```
//!
//! Measures, side by side in one process, each as the median of `--runs`:
//! (a) parsing the TMX into units vs building the fuzzy index over them;
//! (b) answering every query (top 5, min 70%) with the index vs with the
//!     brute-force scan, checking that both give identical results;
//! (c) the index's heap size vs the UTF-8 text of the TM's segments.
//! Queries run on all cores in both modes (rayon), so the ratio compares the
//! algorithms, not the parallelism.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use concord::formats::{self, ReadOptions};
use concord::memory::fuzzy::{Index, Match};
use concord::model::{LangTag, Memory};
use rayon::prelude::*;

struct Args {
    tm: PathBuf,
    queries: PathBuf,
    runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let (mut tm, mut queries, mut runs) = (None, None, 3);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--tm" => tm = Some(PathBuf::from(value()?)),
            "--queries" => queries = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(Args {
        tm: tm.ok_or("--tm FILE is required")?,
        queries: queries.ok_or("--queries FILE is required")?,
        runs: runs.max(1),
    })
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "fuzzy_bench: {e}\nusage: fuzzy_bench --tm TM.tmx --queries Q.txt [--runs 3]"
            );
            std::process::exit(2);
        }
    };
    let lang = LangTag::new("zh-CN");
    let read = || -> Memory {
        formats::read_memory(&args.tm, &ReadOptions::default()).unwrap_or_else(|e| {
            eprintln!("fuzzy_bench: {e}");
            std::process::exit(2)
        })
    };
    let queries: Vec<String> = std::fs::read_to_string(&args.queries)
        .unwrap_or_else(|e| {
            eprintln!("fuzzy_bench: {}: {e}", args.queries.display());
            std::process::exit(2)
        })
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();

    let (mut parse, mut build, mut fast, mut slow) = (vec![], vec![], vec![], vec![]);
    let mut memory = None;
    let mut index = None;
    for run in 0..args.runs {
        // Drop the previous run's data first so runs do not overlap in memory.
        drop(memory.take());
        drop(index.take());
        let (m, t) = timed(read);
        parse.push(t);
        let (ix, t) = timed(|| Index::build(m.units(), &lang));
        build.push(t);
        eprintln!(
            "run {}: parse {:.2}s, build {:.2}s",
            run + 1,
            parse[run].as_secs_f64(),
            build[run].as_secs_f64()
        );
        memory = Some(m);
        index = Some(ix);
    }
    let (memory, index) = (memory.unwrap(), index.unwrap());
    let mut identical = true;
    let mut matched = 0;
    for run in 0..args.runs {
        let (a, t): (Vec<Vec<Match>>, _) =
            timed(|| queries.par_iter().map(|q| index.search(q, 70, 5)).collect());
        fast.push(t);
        let (b, t): (Vec<Vec<Match>>, _) = timed(|| {
            queries
                .par_iter()
                .map(|q| index.search_exhaustive(q, 70, 5))
                .collect()
        });
        slow.push(t);
        identical &= a == b;
        matched = a.iter().filter(|m| !m.is_empty()).count();
        eprintln!(
            "run {}: {} queries, index {:.3}s, exhaustive {:.3}s",
            run + 1,
            queries.len(),
            fast[run].as_secs_f64(),
            slow[run].as_secs_f64()
        );
    }
    let text: usize = memory
        .units()
        .iter()
        .flat_map(|u| &u.variants)
        .map(|v| v.segment.plain_text().len())
        .sum();
    let file = std::fs::metadata(&args.tm).map(|m| m.len()).unwrap_or(0);
    let (parse, build, fast, slow) = (median(parse), median(build), median(fast), median(slow));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "TM: {} ({} units, {:.1} MB TMX, {:.1} MB segment text), {} queries ({} with a match ≥ 70%), {cores} cores, median of {} runs",
        args.tm.display(),
        memory.len(),
        file as f64 / 1e6,
        text as f64 / 1e6,
        queries.len(),
        matched,
        args.runs
    );
    println!(
        "(a) parse {:.2}s, index build {:.2}s: build/parse = {:.2} (target ≤ 2)",
        parse.as_secs_f64(),
        build.as_secs_f64(),
        build.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "(b) {} queries top-5 min 70: index {:.3}s ({:.2} ms/query), exhaustive {:.3}s ({:.2} ms/query): exhaustive/index = {:.1} (target ≥ 50); identical results: {}",
        queries.len(),
        fast.as_secs_f64(),
        fast.as_secs_f64() * 1e3 / queries.len() as f64,
        slow.as_secs_f64(),
        slow.as_secs_f64() * 1e3 / queries.len() as f64,
        slow.as_secs_f64() / fast.as_secs_f64(),
        if identical { "yes" } else { "NO" }
    );
    println!(
        "(c) index {:.1} MB, segment text {:.1} MB: index/text = {:.2} (target ≤ 2)",
        index.heap_bytes() as f64 / 1e6,
        text as f64 / 1e6,
        index.heap_bytes() as f64 / text as f64
    );
    if !identical {
        std::process::exit(1);
    }
}
