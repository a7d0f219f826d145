//! The TMX reader on arbitrary bytes: it never panics, and whatever it reads
//! the writer either refuses with an error or writes so that reading it back
//! gives the same units (the TMX round trip is lossless). Units holding
//! inline elements TMX does not define (`<xi:include>`, XLIFF's `<g>`) are
//! exempt: the writer deliberately maps those onto `<ph>`/`<hi>` with a
//! `type="x-NAME"` to stay DTD-valid, keeping only a numeric id.
#![no_main]

use concord::formats::tmx::{TmxReader, TmxWriter};
use concord::model::{Inline, Unit};

const TMX_INLINE: [&str; 7] = ["bpt", "ept", "it", "ph", "hi", "sub", "ut"];

fn only_tmx_inline(items: &[Inline]) -> bool {
    items.iter().all(|i| match i {
        Inline::Text(_) => true,
        Inline::Tag(t) => TMX_INLINE.contains(&t.name.as_str()) && only_tmx_inline(&t.children),
    })
}
use libfuzzer_sys::fuzz_target;

fn read_all(bytes: &[u8]) -> Option<(concord::model::Header, Vec<Unit>)> {
    let mut reader = TmxReader::from_bytes(bytes, None).ok()?;
    let header = reader.header().clone();
    let mut units = Vec::new();
    // A bounded number of units keeps each run short.
    for unit in reader.by_ref().take(10_000) {
        let mut unit = unit.ok()?;
        unit.origin = Default::default();
        units.push(unit);
    }
    Some((header, units))
}

fuzz_target!(|bytes: &[u8]| {
    let Some((header, units)) = read_all(bytes) else {
        return;
    };
    let Ok(mut w) = TmxWriter::new(Vec::new(), &header) else {
        return;
    };
    for u in &units {
        if w.write_unit(u).is_err() {
            return;
        }
    }
    let Ok(written) = w.finish() else { return };
    let (_, again) = read_all(&written).unwrap_or_else(|| {
        panic!(
            "concord cannot read the TMX it wrote:\n{}",
            String::from_utf8_lossy(&written)
        )
    });
    let comparable = |u: &Unit| u.variants.iter().all(|v| only_tmx_inline(&v.segment.content));
    for (a, b) in units.iter().zip(&again) {
        if comparable(a) {
            assert_eq!(a, b, "TMX round trip changed a unit");
        }
    }
    assert_eq!(units.len(), again.len(), "TMX round trip changed the unit count");
});
