//! XLIFF reader: XLIFF 1.2 (including SDL Trados SDLXLIFF and memoQ MQXLIFF)
//! and XLIFF 2.0/2.1, into [`Unit`]s with a source and a target variant.
//!
//! - XLIFF 1.2: every `<trans-unit>` (inside any `<group>`) is a unit; its
//!   languages come from the `<source>`/`<target>` `xml:lang` or the
//!   `<file>`'s `source-language`/`target-language`. `translate="no"` units
//!   are skipped (they are not for translation).
//! - SDLXLIFF: Trados keeps the segments in `<seg-source>` and `<target>` as
//!   `<mrk mtype="seg" mid="…">`; each such segment becomes a unit with id
//!   `TRANSUNIT#MID`. A trans-unit without a `<seg-source>` is read as plain 1.2.
//! - MQXLIFF (memoQ) is XLIFF 1.2 with `mq:` attributes, which are kept.
//! - XLIFF 2.x: every `<segment>` of a `<unit>` is a unit (id = the unit id,
//!   or `UNIT#SEGMENT` when the unit has several segments); languages come
//!   from `srcLang`/`trgLang` on the root.
//!
//! When the file declares a target language, every unit has a target
//! variant, empty where `<target>` is missing — an untranslated unit is then
//! an S001 finding, not a missing language. A language the file does not
//! declare is written `und`.
//!
//! Inline codes (`g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`, `mrk`; `pc`,
//! `sc`, `ec`, `ph`, `mrk` in 2.x) are kept as [`Tag`]s, so G001 can compare
//! them. The XML is read through [`super::xml`]: entity declarations and
//! external DTDs are refused or ignored, never expanded or fetched.
//!
//! ```
//! use concord::formats::xliff::read_bytes;
//! let doc = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
//!   <file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="a">
//!     <body><trans-unit id="1"><source>中国</source><target>China</target></trans-unit></body>
//!   </file></xliff>"#;
//! let units = read_bytes(doc.as_bytes(), None).unwrap();
//! assert_eq!(units[0].variants[1].segment.plain_text(), "China");
//! ```

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{Attrs, Inline, Note, Origin, Segment, Unit, Variant};

use super::xml::{StartTag, XmlEvent, XmlReader};

/// File extensions read as XLIFF.
pub const EXTENSIONS: [&str; 5] = ["xlf", "xliff", "sdlxliff", "mqxliff", "xlz"];

/// True when `path` has an XLIFF extension.
pub fn has_xliff_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads an XLIFF file.
pub fn read(path: &Path) -> Result<Vec<Unit>> {
    let xml = XmlReader::open(path)?;
    read_from(xml, Some(path))
}

/// Reads XLIFF from bytes; `file` names it in errors and origins.
pub fn read_bytes(bytes: &[u8], file: Option<&Path>) -> Result<Vec<Unit>> {
    let xml = XmlReader::from_bytes(bytes, file)?;
    read_from(xml, file)
}

struct Langs {
    source: Option<String>,
    target: Option<String>,
}

struct State {
    file: Option<Arc<PathBuf>>,
    v2: bool,
    langs: Langs,
    units: Vec<Unit>,
}

fn read_from<R: Read>(mut xml: XmlReader<R>, path: Option<&Path>) -> Result<Vec<Unit>> {
    let mut st = State {
        file: path.map(|p| Arc::new(p.to_path_buf())),
        v2: false,
        langs: Langs {
            source: None,
            target: None,
        },
        units: Vec::new(),
    };
    let mut root_checked = false;
    loop {
        match xml.next_event()? {
            XmlEvent::Start(s) => {
                let name = s.local_name().to_string();
                if !root_checked {
                    root_checked = true;
                    if name != "xliff" {
                        return Err(xml.error_at(
                            Error::format(format!(
                                "not an XLIFF file: the root element is <{}>, not <xliff>",
                                s.name
                            )),
                            (s.line, s.column),
                        ));
                    }
                    let version = s.attrs.get("version").unwrap_or("");
                    let ns = s.attrs.get("xmlns").unwrap_or("");
                    st.v2 = version.starts_with('2') || ns.contains("xliff:document:2");
                    if st.v2 {
                        st.langs.source = s.attrs.get("srcLang").map(str::to_string);
                        st.langs.target = s.attrs.get("trgLang").map(str::to_string);
                    }
                    continue;
                }
                match name.as_str() {
                    "file" if !st.v2 => {
                        st.langs.source = s.attrs.get("source-language").map(str::to_string);
                        st.langs.target = s.attrs.get("target-language").map(str::to_string);
                    }
                    "trans-unit" if !st.v2 => trans_unit(&mut xml, &s, &mut st)?,
                    "unit" if st.v2 => unit_v2(&mut xml, &s, &mut st)?,
                    // Containers: descend. Anything else at this level
                    // (headers, skeletons, tool metadata): skip.
                    "body" | "group" | "file" => {}
                    _ => xml.skip_element()?,
                }
            }
            XmlEvent::End(_) | XmlEvent::Text(_) => {}
            XmlEvent::Eof => break,
        }
    }
    Ok(st.units)
}

/// The `mrk mtype="seg"` segments inside SDLXLIFF content, by `mid`.
fn sdl_segments(content: &[Inline], out: &mut Vec<(String, Segment)>) {
    for item in content {
        if let Inline::Tag(t) = item {
            if t.name == "mrk" && t.attrs.get("mtype") == Some("seg") {
                let mid = t.attrs.get("mid").unwrap_or("").to_string();
                out.push((
                    mid,
                    Segment {
                        content: t.children.clone(),
                    },
                ));
            } else {
                sdl_segments(&t.children, out);
            }
        }
    }
}

struct Side {
    lang: Option<String>,
    attrs: Attrs,
    content: Vec<Inline>,
}

fn side<R: Read>(xml: &mut XmlReader<R>, s: &StartTag) -> Result<Side> {
    let mut attrs = s.attrs.clone();
    let lang = attrs.remove("xml:lang");
    let content = xml.read_inline(&s.name)?;
    Ok(Side {
        lang,
        attrs,
        content,
    })
}

fn variant(lang: Option<&str>, attrs: Attrs, segment: Segment) -> Variant {
    let mut v = Variant::new(lang.unwrap_or("und"), segment);
    v.attrs = attrs;
    v
}

fn trans_unit<R: Read>(xml: &mut XmlReader<R>, start: &StartTag, st: &mut State) -> Result<()> {
    let mut attrs = start.attrs.clone();
    let id = attrs.remove("id");
    let skip = attrs.get("translate") == Some("no");
    let mut source: Option<Side> = None;
    let mut seg_source: Option<Side> = None;
    let mut target: Option<Side> = None;
    let mut notes = Vec::new();
    loop {
        match xml.next_event()? {
            XmlEvent::Start(s) => match s.local_name() {
                "source" => source = Some(side(xml, &s)?),
                "seg-source" => seg_source = Some(side(xml, &s)?),
                "target" => target = Some(side(xml, &s)?),
                "note" => {
                    let mut n = Note::new(xml.read_text_content(&s.name)?);
                    n.attrs = s.attrs.clone();
                    notes.push(n);
                }
                _ => xml.skip_element()?,
            },
            XmlEvent::End(_) => break,
            XmlEvent::Text(_) => {}
            XmlEvent::Eof => {
                return Err(xml.error(Error::xml("unexpected end of file in <trans-unit>")));
            }
        }
    }
    if skip {
        return Ok(());
    }
    let Some(source) = source.or_else(|| {
        seg_source.as_ref().map(|s| Side {
            lang: s.lang.clone(),
            attrs: Attrs::new(),
            content: s.content.clone(),
        })
    }) else {
        return Err(xml.error_at(
            Error::format(format!(
                "<trans-unit id=\"{}\"> has no <source>",
                id.as_deref().unwrap_or("")
            )),
            (start.line, start.column),
        ));
    };
    let src_lang = source.lang.clone().or_else(|| st.langs.source.clone());
    let tgt_lang = target
        .as_ref()
        .and_then(|t| t.lang.clone())
        .or_else(|| st.langs.target.clone());
    let origin = Origin {
        file: st.file.clone(),
        line: start.line,
    };
    let mut make = |id: Option<String>, src: Segment, tgt: Option<(Attrs, Segment)>| {
        let mut variants = vec![variant(src_lang.as_deref(), source.attrs.clone(), src)];
        match tgt {
            Some((a, seg)) => variants.push(variant(tgt_lang.as_deref(), a, seg)),
            None if tgt_lang.is_some() => variants.push(variant(
                tgt_lang.as_deref(),
                Attrs::new(),
                Segment::default(),
            )),
            None => {}
        }
        st.units.push(Unit {
            id,
            attrs: attrs.clone(),
            props: Vec::new(),
            notes: notes.clone(),
            variants,
            origin: origin.clone(),
        });
    };
    // SDLXLIFF: one unit per mrk segment.
    let mut segs = Vec::new();
    if let Some(ss) = &seg_source {
        sdl_segments(&ss.content, &mut segs);
    }
    if !segs.is_empty() {
        let mut tsegs = Vec::new();
        if let Some(t) = &target {
            sdl_segments(&t.content, &mut tsegs);
        }
        let tattrs = target.as_ref().map(|t| t.attrs.clone()).unwrap_or_default();
        for (mid, seg) in segs {
            let tgt = tsegs
                .iter()
                .find(|(m, _)| *m == mid)
                .map(|(_, s)| (tattrs.clone(), s.clone()));
            let uid = match &id {
                Some(id) => format!("{id}#{mid}"),
                None => mid.clone(),
            };
            make(Some(uid), seg, tgt);
        }
        return Ok(());
    }
    let tgt = target.map(|t| (t.attrs, Segment { content: t.content }));
    make(
        id,
        Segment {
            content: source.content.clone(),
        },
        tgt,
    );
    Ok(())
}

/// An XLIFF 2 `<segment>`: id, attributes, line, source, target.
type SegmentV2 = (Option<String>, Attrs, u64, Option<Side>, Option<Side>);

fn unit_v2<R: Read>(xml: &mut XmlReader<R>, start: &StartTag, st: &mut State) -> Result<()> {
    let mut attrs = start.attrs.clone();
    let id = attrs.remove("id");
    let mut notes = Vec::new();
    let mut segments: Vec<SegmentV2> = Vec::new();
    loop {
        match xml.next_event()? {
            XmlEvent::Start(s) => match s.local_name() {
                "segment" => {
                    let mut sattrs = s.attrs.clone();
                    let sid = sattrs.remove("id");
                    let (mut src, mut tgt) = (None, None);
                    loop {
                        match xml.next_event()? {
                            XmlEvent::Start(c) => match c.local_name() {
                                "source" => src = Some(side(xml, &c)?),
                                "target" => tgt = Some(side(xml, &c)?),
                                _ => xml.skip_element()?,
                            },
                            XmlEvent::End(_) => break,
                            XmlEvent::Text(_) => {}
                            XmlEvent::Eof => {
                                return Err(
                                    xml.error(Error::xml("unexpected end of file in <segment>"))
                                );
                            }
                        }
                    }
                    segments.push((sid, sattrs, s.line, src, tgt));
                }
                "notes" => loop {
                    match xml.next_event()? {
                        XmlEvent::Start(n) if n.local_name() == "note" => {
                            let mut note = Note::new(xml.read_text_content(&n.name)?);
                            note.attrs = n.attrs.clone();
                            notes.push(note);
                        }
                        XmlEvent::Start(_) => xml.skip_element()?,
                        XmlEvent::End(_) => break,
                        XmlEvent::Text(_) => {}
                        XmlEvent::Eof => {
                            return Err(xml.error(Error::xml("unexpected end of file in <notes>")));
                        }
                    }
                },
                _ => xml.skip_element()?,
            },
            XmlEvent::End(_) => break,
            XmlEvent::Text(_) => {}
            XmlEvent::Eof => {
                return Err(xml.error(Error::xml("unexpected end of file in <unit>")));
            }
        }
    }
    let several = segments.len() > 1;
    for (sid, sattrs, line, src, tgt) in segments {
        let Some(src) = src else {
            return Err(xml.error_at(
                Error::format("<segment> has no <source>".to_string()),
                (line, 1),
            ));
        };
        let uid = match (&id, &sid) {
            (Some(u), Some(s)) if several => Some(format!("{u}#{s}")),
            (Some(u), _) => Some(u.clone()),
            (None, s) => s.clone(),
        };
        let src_lang = src.lang.clone().or_else(|| st.langs.source.clone());
        let tgt_lang = tgt
            .as_ref()
            .and_then(|t| t.lang.clone())
            .or_else(|| st.langs.target.clone());
        let mut variants = vec![variant(
            src_lang.as_deref(),
            src.attrs,
            Segment {
                content: src.content,
            },
        )];
        match tgt {
            Some(t) => {
                let mut a = sattrs.clone();
                a.0.extend(t.attrs.0);
                variants.push(variant(
                    tgt_lang.as_deref(),
                    a,
                    Segment { content: t.content },
                ));
            }
            None if tgt_lang.is_some() => variants.push(variant(
                tgt_lang.as_deref(),
                sattrs.clone(),
                Segment::default(),
            )),
            None => {}
        }
        st.units.push(Unit {
            id: uid,
            attrs: attrs.clone(),
            props: Vec::new(),
            notes: notes.clone(),
            variants,
            origin: Origin {
                file: st.file.clone(),
                line,
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xliff12_with_tags_and_missing_target() {
        let doc = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="x">
  <body>
   <group id="g">
    <trans-unit id="1"><source>点击<g id="1">这里</g></source><target>Click <g id="1">here</g></target></trans-unit>
    <trans-unit id="2"><source>中国</source></trans-unit>
    <trans-unit id="3" translate="no"><source>X</source></trans-unit>
   </group>
  </body>
 </file>
</xliff>"#;
        let u = read_bytes(doc.as_bytes(), None).unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].variants[1].segment.plain_text(), "Click here");
        assert_eq!(u[0].variants[1].segment.codes()[0].code_key(), "g#1");
        assert_eq!(u[0].origin.line, 6);
        assert_eq!(u[1].variants[1].lang.as_str(), "en-US");
        assert!(u[1].variants[1].segment.is_empty());
    }

    #[test]
    fn sdlxliff_segments() {
        let doc = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
 <file source-language="zh-CN" target-language="en-US" datatype="x-sdlfilterframework2" original="a.docx">
  <body><trans-unit id="u1">
   <source>中国。一带一路。</source>
   <seg-source><mrk mtype="seg" mid="1">中国。</mrk><mrk mtype="seg" mid="2">一带一路。</mrk></seg-source>
   <target><mrk mtype="seg" mid="1">China.</mrk><mrk mtype="seg" mid="2">Belt and Road.</mrk></target>
   <sdl:seg-defs><sdl:seg id="1" conf="Translated"/></sdl:seg-defs>
  </trans-unit></body>
 </file>
</xliff>"#;
        let u = read_bytes(doc.as_bytes(), None).unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[1].id.as_deref(), Some("u1#2"));
        assert_eq!(u[1].variants[0].segment.plain_text(), "一带一路。");
        assert_eq!(u[1].variants[1].segment.plain_text(), "Belt and Road.");
    }

    #[test]
    fn xliff2_segments_and_codes() {
        let doc = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
 <file id="f1"><unit id="u1">
  <segment id="s1"><source>点击<pc id="1">这里</pc></source><target>Click <pc id="1">here</pc></target></segment>
  <segment id="s2"><source>中国</source></segment>
 </unit></file></xliff>"#;
        let u = read_bytes(doc.as_bytes(), None).unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].id.as_deref(), Some("u1#s1"));
        assert_eq!(u[0].variants[1].segment.codes()[0].code_key(), "pc#1");
        assert_eq!(u[1].variants[1].lang.as_str(), "en");
        assert!(u[1].variants[1].segment.is_empty());
    }

    #[test]
    fn refuses_entities_and_wrong_root() {
        let bomb =
            r#"<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaa">]><xliff version="1.2"/>"#;
        assert!(read_bytes(bomb.as_bytes(), None).is_err());
        let e = read_bytes(b"<tmx version=\"1.4\"/>", Some(Path::new("x.xlf"))).unwrap_err();
        assert!(e.to_string().contains("not an XLIFF file"), "{e}");
    }
}
