//! Deterministic TMX files of a chosen size, streamed to disk, for the kill,
//! concurrency and memory tests.

#![allow(dead_code)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

const PHRASES: [(&str, &str); 6] = [
    ("中国－中亚精神", "China-Central Asia Spirit"),
    ("共建“一带一路”", "the Belt and Road Initiative"),
    (
        "构建人类命运共同体",
        "a community with a shared future for mankind",
    ),
    ("全球发展倡议", "the Global Development Initiative"),
    (
        "互尊、互信、互利、互助",
        "mutual respect, mutual trust, mutual benefit and mutual assistance",
    ),
    (
        "以高质量发展推进共同现代化",
        "common modernization through high-quality development",
    ),
];

/// Writes a TMX of `units` units whose ids start with `prefix`; about 420
/// bytes per unit, so 120,000 units is ~50 MB.
pub fn write_tmx(path: &Path, prefix: &str, units: usize) {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path).expect("create TMX"));
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"concord-tests\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"concord\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/>\n  <body>\n"
    )
    .expect("write");
    for i in 0..units {
        let (zh, en) = PHRASES[i % PHRASES.len()];
        let (zh2, en2) = PHRASES[(i / PHRASES.len()) % PHRASES.len()];
        write!(
            w,
            "    <tu tuid=\"{prefix}{i}\">\n      <prop type=\"x-batch\">{}</prop>\n      <tuv xml:lang=\"zh-CN\"><seg>{zh}，{zh2}（第{i}条）</seg></tuv>\n      <tuv xml:lang=\"en\"><seg>{en}, {en2} (item {prefix}{i})</seg></tuv>\n    </tu>\n",
            i / 1000
        )
        .expect("write");
    }
    write!(w, "  </body>\n</tmx>\n").expect("write");
    w.flush().expect("flush");
}

/// The ids of the units in a TMX, by a plain scan (independent of concord's reader).
pub fn tuids(text: &str) -> Vec<String> {
    text.split("tuid=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(String::from)
        .collect()
}
