//! The saved index is reused only while it matches the TM, and rebuilt when
//! the TM changed or the index file is damaged or of another version.

use std::path::Path;

use concord::memory::fuzzy::store::index_path;
use concord::memory::{IndexOrigin, IndexedMemory, OpenOptions, indexed};

fn tmx(units: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/><body>\n",
    );
    for (i, (zh, en)) in units.iter().enumerate() {
        s.push_str(&format!(
            "<tu tuid=\"u{i}\"><tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

fn open(path: &Path) -> IndexedMemory {
    IndexedMemory::open(path, &OpenOptions::default()).unwrap()
}

#[test]
fn saved_loaded_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let tm = dir.path().join("tm.tmx");
    std::fs::write(
        &tm,
        tmx(&[("推动地区合作高质量发展", "a"), ("共建一带一路", "b")]),
    )
    .unwrap();

    let first = open(&tm);
    assert_eq!(first.origin, IndexOrigin::Saved);
    assert!(index_path(&tm).exists());
    let again = open(&tm);
    assert_eq!(again.origin, IndexOrigin::Loaded);
    assert_eq!(again.index, first.index);

    // The TM changes (same size even): the index is rebuilt and finds the new text.
    std::fs::write(
        &tm,
        tmx(&[("推动地区合作高质量发展", "a"), ("共建一带二路", "b")]),
    )
    .unwrap();
    let changed = open(&tm);
    assert_eq!(changed.origin, IndexOrigin::Saved);
    let found = indexed::search(
        std::slice::from_ref(&changed),
        "共建一带二路",
        100,
        5,
        false,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].unit, 1);

    // A damaged index file is rebuilt, never trusted.
    let mut bytes = std::fs::read(index_path(&tm)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    std::fs::write(index_path(&tm), &bytes).unwrap();
    assert_eq!(open(&tm).origin, IndexOrigin::Saved);
    assert_eq!(open(&tm).origin, IndexOrigin::Loaded);

    // So is an index of another format version (valid checksum and all).
    let mut old = std::fs::read(index_path(&tm)).unwrap();
    old[16..20].copy_from_slice(&999u32.to_le_bytes());
    let n = old.len() - 8;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in &old[..n] {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    old[n..].copy_from_slice(&h.to_le_bytes());
    std::fs::write(index_path(&tm), &old).unwrap();
    assert_eq!(open(&tm).origin, IndexOrigin::Saved);

    // And a truncated one.
    std::fs::write(index_path(&tm), &old[..10]).unwrap();
    assert_eq!(open(&tm).origin, IndexOrigin::Saved);
}

#[test]
fn cache_off_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tm = dir.path().join("tm.tmx");
    std::fs::write(&tm, tmx(&[("共建一带一路", "b")])).unwrap();
    let opts = OpenOptions {
        cache: false,
        ..OpenOptions::default()
    };
    let opened = IndexedMemory::open(&tm, &opts).unwrap();
    assert_eq!(opened.origin, IndexOrigin::Built);
    assert!(!index_path(&tm).exists());
}
