//! Merging never loses a unit silently: everything read is either written or
//! reported as an exact duplicate of something written.

use std::collections::BTreeSet;

use concord::memory::merge::merge;
use concord::model::{Header, Memory, Unit};
use concord::text::normalize::fold_str;
use proptest::prelude::*;

fn pairs(memory: &Memory) -> BTreeSet<(String, String)> {
    memory
        .units()
        .iter()
        .map(|u| {
            let text = |i: usize| {
                fold_str(&u.variants[i].segment.plain_text())
                    .trim()
                    .to_string()
            };
            (text(0), text(1))
        })
        .collect()
}

proptest! {
    #[test]
    fn nothing_lost(tms in prop::collection::vec(
        prop::collection::vec((0u8..4, 0u8..3, 0u8..5), 0..12), 1..4)) {
        let zh = ["一带一路", "一带 一路", "中国", "中亚"];
        let en = ["Belt and Road", "belt and road", "China"];
        let mut inputs = Vec::new();
        let mut all = Memory::new(Header::default());
        for (f, units) in tms.iter().enumerate() {
            let mut m = Memory::new(Header::default());
            for (i, &(z, e, day)) in units.iter().enumerate() {
                let mut u = Unit::bilingual(Some(format!("f{f}u{i}")), "zh-CN", zh[z as usize], "en", en[e as usize]);
                u.attrs.set("changedate", format!("2025010{}T000000Z", day + 1));
                all.push(u.clone());
                m.push(u);
            }
            inputs.push((Some(format!("tm{f}.tmx").into()), m));
        }
        let (out, report) = merge(inputs, &"zh-CN".into());
        prop_assert_eq!(report.read, all.len());
        prop_assert_eq!(report.kept, out.len());
        prop_assert_eq!(report.read, report.kept + report.dropped.len());
        // Every distinct (source, target) pair read is still there.
        prop_assert_eq!(pairs(&out), pairs(&all));
        // And no exact duplicate is left.
        prop_assert_eq!(pairs(&out).len(), out.len());
    }
}
