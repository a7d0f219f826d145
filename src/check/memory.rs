//! M001 exact TM match with a different target; M002 fuzzy TM match whose
//! term renderings differ from this target.
//!
//! M001 compares folded sources (case, width, dashes, quotes, white space):
//! when the TM holds that source, this target must equal (folded) one of the
//! TM's targets for it.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, TmRef};
use crate::model::{LangTag, Unit};
use crate::text::normalize::fold_caseless;

use super::terms::TermChecker;
use super::{CheckOptions, UnitContext, UnitView};

struct TmUnit {
    source: String,
    target: String,
    origin: Option<String>,
}

/// The TM prepared for checking: built once.
pub(crate) struct TmChecker {
    units: Vec<TmUnit>,
    /// Folded source → TM units with that source.
    exact: HashMap<String, Vec<usize>>,
}

fn key(s: &str) -> String {
    fold_caseless(s.trim())
}

fn origin(u: &Unit) -> Option<String> {
    let file = u.origin.file.as_ref().map(|f| f.display().to_string());
    match (file, &u.id) {
        (Some(f), Some(id)) => Some(format!("{f}:{id}")),
        (Some(f), None) if u.origin.line > 0 => Some(format!("{f}:{}", u.origin.line)),
        (f, id) => f.or(id.clone()),
    }
}

impl TmChecker {
    pub fn new(tm: &[Unit], o: &CheckOptions) -> Self {
        let mut units = Vec::new();
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let (sl, tl): (&LangTag, &LangTag) = (&o.source_lang, &o.target_lang);
        for u in tm {
            let (Some(s), Some(t)) = (u.variant(sl, false), u.variant(tl, false)) else {
                continue;
            };
            let target = t.segment.plain_text();
            if target.trim().is_empty() {
                continue;
            }
            let source = s.segment.plain_text();
            exact.entry(key(&source)).or_default().push(units.len());
            units.push(TmUnit {
                source,
                target,
                origin: origin(u),
            });
        }
        TmChecker { units, exact }
    }

    pub fn check(
        &self,
        v: &UnitView<'_>,
        _ctx: &UnitContext,
        _terms: &TermChecker,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(ids) = self.exact.get(&key(&v.source)) {
            let mine = key(&v.target);
            if !ids.iter().any(|&i| key(&self.units[i].target) == mine) {
                let tm = &self.units[ids[0]];
                let others = if ids.len() > 1 {
                    format!(" (and {} other TM translation(s))", ids.len() - 1)
                } else {
                    String::new()
                };
                let mut d = v.diag(
                    "M001",
                    format!(
                        "100% TM match{} has a different target: {}{others}",
                        tm.origin
                            .as_ref()
                            .map(|o| format!(" ({o})"))
                            .unwrap_or_default(),
                        tm.target
                    ),
                );
                d.tm = Some(TmRef {
                    score: 100,
                    source: tm.source.clone(),
                    target: tm.target.clone(),
                    origin: tm.origin.clone(),
                });
                d.suggestion = Some(tm.target.clone());
                out.push(d);
            }
        }
    }
}
