//! The TBX reader (v2 martif and v3) on arbitrary bytes never panics.
#![no_main]

use concord::formats::tbx::{ReadOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = read_bytes(bytes, &ReadOptions::default());
});
