//! TBX (TermBase eXchange) glossaries, TBX-Basic dialect, in both versions:
//! TBX v2 (`<martif type="TBX-Basic">`, the form memoQ, MultiTerm and OmegaT
//! import) and TBX v3 (ISO 30042:2019, `<tbx type="TBX-Basic" style="dca">`).
//!
//! One glossary [`Entry`](crate::model::Entry) is one concept entry
//! (`termEntry` / `conceptEntry`) whose `id` is the entry id. The mapping, chosen
//! so that every field TBX-Basic can carry survives glossary → TBX → glossary:
//!
//! | glossary | TBX-Basic |
//! |---|---|
//! | `id` | `id` of the concept entry (escaped when it is not an XML name, see [`entry_xml_id`]) |
//! | `zh` | first term of the source language section, `administrativeStatus` = `preferredTerm-admn-sts` |
//! | `zh_variants` | further source terms, `admittedTerm-admn-sts` |
//! | `en` | first term of the target language section, `preferredTerm-admn-sts` |
//! | `en_variants` | `admittedTerm-admn-sts` |
//! | `en_forbidden` | `deprecatedTerm-admn-sts` (`supersededTerm-admn-sts` is read the same way) |
//! | `domain` | `<descrip type="subjectField">` on the concept entry |
//! | `source` | `<admin type="source">` on the concept entry |
//! | `note` | `<note>` on the concept entry |
//! | `case`, `status` | one further `<note>` on the concept entry, `concord: case=sensitive; status=proposed`, written only when not the defaults (TBX-Basic has no data category for either) |
//!
//! Columns beyond the canonical ones (`Entry::extra`) have no TBX-Basic home and
//! are not written.
//!
//! ```
//! use concord::formats::tbx::{self, TbxVersion, ReadOptions};
//! use concord::model::{Entry, Glossary};
//!
//! let mut g = Glossary::new();
//! g.insert(Entry {
//!     id: "bri".into(),
//!     zh: "一带一路".into(),
//!     en: "Belt and Road Initiative".into(),
//!     en_forbidden: vec!["One Belt, One Road".into()],
//!     ..Entry::default()
//! }).unwrap();
//! let mut out = Vec::new();
//! tbx::write(&g, TbxVersion::V3, &mut out).unwrap();
//! let back = tbx::read_bytes(&out, &ReadOptions::default()).unwrap();
//! assert_eq!(back.get("bri").unwrap().en_forbidden, ["One Belt, One Road"]);
//! ```

mod read;
mod write;

pub use read::{ReadOptions, read_bytes, read_file};
pub use write::{WriteOptions, write, write_with};

use crate::model::{CaseRule, EntryStatus};

/// Which TBX generation to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TbxVersion {
    /// TBX v2 (ISO 30042:2008, `martif`), TBX-Basic.
    V2,
    /// TBX v3 (ISO 30042:2019, `tbx`, namespace `urn:iso:std:iso:30042:ed-2`), TBX-Basic, DCA style.
    V3,
}

/// The namespace of TBX v3 (ISO 30042:2019, second edition).
pub const TBX_V3_NAMESPACE: &str = "urn:iso:std:iso:30042:ed-2";

/// `administrativeStatus` values of TBX-Basic.
pub(crate) const PREFERRED: &str = "preferredTerm-admn-sts";
pub(crate) const ADMITTED: &str = "admittedTerm-admn-sts";
pub(crate) const DEPRECATED: &str = "deprecatedTerm-admn-sts";
pub(crate) const SUPERSEDED: &str = "supersededTerm-admn-sts";

/// Prefix of the note that carries the case rule and the entry status.
const META_PREFIX: &str = "concord:";

/// The note text for `case` and `status`, or `None` when both are the defaults.
pub(crate) fn meta_note(case: CaseRule, status: EntryStatus) -> Option<String> {
    let mut parts = Vec::new();
    if case != CaseRule::default() {
        parts.push(format!("case={}", case.as_str()));
    }
    if status != EntryStatus::default() {
        parts.push(format!("status={}", status.as_str()));
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!("{META_PREFIX} {}", parts.join("; ")))
    }
}

/// Parses a note written by [`meta_note`]. A note that does not parse
/// completely is an ordinary note, so a translator's note that happens to
/// start with "concord:" is never swallowed.
pub(crate) fn parse_meta_note(text: &str) -> Option<(CaseRule, EntryStatus)> {
    let rest = text.trim().strip_prefix(META_PREFIX)?;
    let mut case = CaseRule::default();
    let mut status = EntryStatus::default();
    for part in rest.split(';') {
        let (key, value) = part.split_once('=')?;
        match key.trim() {
            "case" => case = CaseRule::parse(value).ok()?,
            "status" => status = EntryStatus::parse(value).ok()?,
            _ => return None,
        }
    }
    Some((case, status))
}

/// True for an XML `NCName` (what an `id` attribute of type ID must be).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start(c) => chars.all(is_name_char),
        _ => false,
    }
}

fn is_name_start(c: char) -> bool {
    c == '_'
        || c.is_ascii_alphabetic()
        || matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
            | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || c.is_ascii_digit()
        || matches!(c, '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Prefix of ids that had to be escaped.
const ESCAPED_ID: &str = "x_";

/// The `id` attribute for a glossary id. TBX ids are XML IDs (NCNames), while
/// glossary ids are free text (`2030-agenda`, `g20 summit`), so an id that is
/// not an NCName (or that starts with the escape prefix) is written as `x_`
/// followed by the id with each character outside `[A-Za-z0-9.-]` and every
/// `_` written as `_HEX_`; [`glossary_id`] reverses it exactly.
///
/// ```
/// use concord::formats::tbx::{entry_xml_id, glossary_id};
/// assert_eq!(entry_xml_id("belt-and-road"), "belt-and-road");
/// assert_eq!(entry_xml_id("2030 agenda"), "x_2030_20_agenda");
/// assert_eq!(glossary_id("x_2030_20_agenda"), "2030 agenda");
/// ```
pub fn entry_xml_id(id: &str) -> String {
    if is_ncname(id) && !id.starts_with(ESCAPED_ID) {
        return id.to_string();
    }
    let mut out = String::from(ESCAPED_ID);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:X}_", c as u32));
        }
    }
    out
}

/// The glossary id for a TBX `id` attribute (the inverse of [`entry_xml_id`]);
/// ids from other tools are kept as they are.
pub fn glossary_id(xml_id: &str) -> String {
    let Some(rest) = xml_id.strip_prefix(ESCAPED_ID) else {
        return xml_id.to_string();
    };
    let mut out = String::new();
    let mut parts = rest.split('_');
    // Alternating: literal, hex, literal, hex, …
    let mut literal = true;
    for part in parts.by_ref() {
        if literal {
            out.push_str(part);
        } else {
            match u32::from_str_radix(part, 16).ok().and_then(char::from_u32) {
                Some(c) => out.push(c),
                // Not our escape: keep the id exactly as the file has it.
                None => return xml_id.to_string(),
            }
        }
        literal = !literal;
    }
    // Each escape is `_HEX_`, so the parts alternate literal/hex and end on a literal.
    if !literal { out } else { xml_id.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for id in [
            "bri",
            "2030-agenda",
            "g20 summit",
            "x_already",
            "a_b",
            "中国-中亚",
            "",
            "é:ü",
        ] {
            let x = entry_xml_id(id);
            assert!(is_ncname(&x), "{id} → {x}");
            assert_eq!(glossary_id(&x), id);
        }
    }

    #[test]
    fn foreign_ids_kept() {
        assert_eq!(glossary_id("eid-Oracle-67"), "eid-Oracle-67");
        assert_eq!(glossary_id("x_zz_q"), "x_zz_q");
    }

    #[test]
    fn meta_note_round_trip() {
        assert_eq!(
            meta_note(CaseRule::Insensitive, EntryStatus::Approved),
            None
        );
        let n = meta_note(CaseRule::Sensitive, EntryStatus::Proposed).unwrap();
        assert_eq!(n, "concord: case=sensitive; status=proposed");
        assert_eq!(
            parse_meta_note(&n),
            Some((CaseRule::Sensitive, EntryStatus::Proposed))
        );
        assert_eq!(parse_meta_note("concord: tbd"), None);
        assert_eq!(parse_meta_note("see concord: case=x"), None);
    }
}
