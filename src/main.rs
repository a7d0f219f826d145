//! The `concord` command line: parses arguments, calls the library, prints.

mod cli;

/// mimalloc instead of glibc malloc: a check allocates many small strings on
/// two threads, and glibc's per-thread arenas showed up as ~30% of its
/// profile (malloc, free, consolidation, heap growth through mprotect).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    allocator::keep_freed_memory();
    std::process::exit(cli::main());
}

/// How the allocator is tuned for a command that runs for seconds.
mod allocator {
    use std::ffi::{c_int, c_long};

    // mimalloc's own API (linked through the `mimalloc` crate); the option
    // numbers are those of `mi_option_e` in its v3 `mimalloc.h`, and the
    // test below checks the default this one is documented with there.
    unsafe extern "C" {
        fn mi_option_set(option: c_int, value: c_long);
        #[cfg(test)]
        fn mi_option_get(option: c_int) -> c_long;
    }

    /// `mi_option_purge_delay`: milliseconds before freed memory goes back
    /// to the kernel, or -1 for never.
    const PURGE_DELAY: c_int = 15;

    /// Freed memory stays with the process instead of going back to the
    /// kernel a second later. A check frees each batch of units while it
    /// allocates the next: purged pages came back as fresh page faults,
    /// zeroed by the kernel (a 100k-unit check took ~4,800 page faults and
    /// ~0.25 s of system time; with this, ~640 and ~0.18 s). The peak
    /// memory is the same: purging only ever returned pages between peaks.
    pub fn keep_freed_memory() {
        // SAFETY: setting an option is a plain store mimalloc allows at
        // any time, from any thread; the value is one it documents.
        unsafe { mi_option_set(PURGE_DELAY, -1) };
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Option 15 is the purge delay: its documented default in
        /// mimalloc v3 is 1000 ms (a renumbering in a new mimalloc would
        /// show here), and setting it takes.
        #[test]
        fn purge_delay_is_option_15() {
            // SAFETY: reading and setting options, as above.
            unsafe {
                if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                    assert_eq!(mi_option_get(PURGE_DELAY), 1000);
                }
                keep_freed_memory();
                assert_eq!(mi_option_get(PURGE_DELAY), -1);
            }
        }
    }
}
