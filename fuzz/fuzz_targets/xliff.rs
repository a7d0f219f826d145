//! The XLIFF reader (1.2, 2.x, SDLXLIFF, MQXLIFF) on arbitrary bytes never panics.
#![no_main]

use concord::formats::xliff::read_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = read_bytes(bytes, None);
});
