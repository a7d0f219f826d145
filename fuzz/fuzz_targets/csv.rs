//! The CSV/TSV glossary readers on arbitrary bytes never panic: OmegaT
//! tab-separated and comma-separated, Xbench, and column-mapped CSV.
#![no_main]

use concord::formats::spreadsheet::{ColumnMap, read_mapped_csv};
use concord::formats::termtab::{Flavor, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for flavor in [Flavor::OmegaT, Flavor::OmegaTCsv, Flavor::Xbench] {
        let _ = read_bytes(bytes, flavor);
    }
    let _ = read_mapped_csv(bytes, &ColumnMap::memoq());
});
