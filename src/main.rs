//! The `concord` command line: parses arguments, calls the library, prints.

mod cli;

/// mimalloc instead of glibc malloc: a check allocates many small strings on
/// two threads, and glibc's per-thread arenas showed up as ~30% of its
/// profile (malloc, free, consolidation, heap growth through mprotect).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
