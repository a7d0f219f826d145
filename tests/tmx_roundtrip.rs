//! Round trip over every TMX we can find: read → write → read gives the same
//! header and units (origins aside), and writing twice gives the same bytes.
//! New files under ../shared/interop or tests/fixtures are covered automatically.

use std::path::{Path, PathBuf};

use concord::formats::tmx::{TmxReader, TmxWriter};
use concord::model::{Header, Unit};

mod common;
use common::shared_dir;

fn tmx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            // Files that must fail are tested by tests/bad_input.rs.
            if name != "bad" && name != "hostile" {
                tmx_files(&path, out);
            }
        } else if name.to_ascii_lowercase().ends_with(".tmx") {
            out.push(path);
        }
    }
}

fn all_tmx() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    match shared_dir() {
        Some(shared) => tmx_files(&shared.join("interop"), &mut files),
        None => eprintln!("note: ../shared absent, skipping the interop TMX files"),
    }
    tmx_files(&root.join("tests/fixtures"), &mut files);
    tmx_files(&root.join("tmx"), &mut files);
    files
}

fn read(bytes: &[u8], path: &Path) -> (Header, Vec<Unit>) {
    let mut r = TmxReader::from_bytes(bytes, Some(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.header().clone();
    let units = r
        .by_ref()
        .map(|u| {
            let mut u = u.unwrap_or_else(|e| panic!("{e}"));
            u.origin = Default::default();
            u
        })
        .collect();
    (header, units)
}

fn write(header: &Header, units: &[Unit]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = TmxWriter::new(&mut out, header).unwrap();
    for u in units {
        w.write_unit(u).unwrap();
    }
    w.finish().unwrap();
    out
}

#[test]
fn every_tmx_round_trips() {
    let files = all_tmx();
    assert!(
        !files.is_empty(),
        "no TMX found (tests/fixtures/tmx should hold some)"
    );
    for path in &files {
        let original = std::fs::read(path).unwrap();
        let (header, units) = read(&original, path);
        let first = write(&header, &units);
        let (header2, units2) = read(&first, path);
        assert_eq!(
            units,
            units2,
            "{}: units differ after a round trip",
            path.display()
        );
        assert_eq!(
            header.items,
            header2.items,
            "{}: header items",
            path.display()
        );
        for (name, value) in header.attrs.iter() {
            assert_eq!(
                header2.attrs.get(name),
                Some(value),
                "{}: header attribute {name}",
                path.display()
            );
        }
        let second = write(&header2, &units2);
        assert_eq!(first, second, "{}: second write differs", path.display());
        eprintln!("ok {} ({} units)", path.display(), units.len());
    }
}
