//! Reads a TMX file into a `Memory` and prints how many units it holds: the
//! TMX→Units path that `concord match` and `concord check` start with,
//! isolated for profiling (`valgrind --tool=callgrind`, `perf record`).
//!
//! ```text
//! cargo run --release --example load_tmx -- /tmp/concord-bench-data/tm-100000.tmx
//! ```

use std::path::PathBuf;

fn main() {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: load_tmx FILE.tmx");
        std::process::exit(2);
    };
    match concord::formats::tmx::read_memory(&path) {
        Ok(memory) => println!("{} units", memory.len()),
        Err(e) => {
            eprintln!("load_tmx: {e}");
            std::process::exit(2);
        }
    }
}
