//! The CSV/TSV readers on arbitrary bytes never panic: the canonical glossary
//! CSV (and its canonical rewrite reads back equal), bilingual CSV/TSV,
//! OmegaT/Xbench tab-separated and column-mapped CSV.
#![no_main]

use concord::formats::bitext_csv::{BitextOptions, BitextReader};
use concord::formats::glossary_csv;
use concord::formats::spreadsheet::{ColumnMap, read_mapped_csv};
use concord::formats::termtab::{Flavor, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(g) = glossary_csv::read_from(bytes, None) {
        let mut out = Vec::new();
        if glossary_csv::write_to(&mut out, &g).is_ok() {
            let back = glossary_csv::read_from(out.as_slice(), None)
                .expect("concord cannot read the glossary CSV it wrote");
            let (a, b): (Vec<_>, Vec<_>) = (g.iter().collect(), back.iter().collect());
            assert_eq!(a, b, "glossary CSV rewrite changed the entries");
        }
    }
    for sep in [',', '\t'] {
        if let Ok(r) = BitextReader::new(bytes, sep, None, &BitextOptions::default()) {
            for unit in r.take(10_000) {
                if unit.is_err() {
                    break;
                }
            }
        }
    }
    for flavor in [Flavor::OmegaT, Flavor::OmegaTCsv, Flavor::Xbench] {
        let _ = read_bytes(bytes, flavor);
    }
    let _ = read_mapped_csv(bytes, &ColumnMap::memoq());
});
