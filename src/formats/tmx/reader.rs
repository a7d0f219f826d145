//! Streaming TMX reader.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::formats::xml::{StartTag, XmlEvent, XmlReader};
use crate::model::{
    Attrs, Header, HeaderItem, Inline, LangTag, Memory, Note, Origin, Prop, Segment, Tag, Unit,
    Variant,
};

/// Where the parts of the last unit were, for validators that report
/// `FILE:LINE:COL` (a [`Unit`] keeps only its line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitPositions {
    /// The `<tu` start tag.
    pub tu: (u64, u64),
    /// Each `<tuv` start tag, in the order of `Unit::variants`.
    pub tuvs: Vec<(u64, u64)>,
}

/// Streams [`Unit`]s out of a TMX document, one `<tu>` at a time, so memory
/// stays bounded whatever the file size.
///
/// The `<header>` is read by the constructor. `xml:lang` and the TMX 1.1
/// `lang` are both accepted on `<tuv>`. Errors carry file, line and column;
/// after an error the iterator ends.
pub struct TmxReader<R: Read> {
    xml: XmlReader<R>,
    header: Header,
    /// The `version` attribute of `<tmx>`.
    version: Option<String>,
    /// Line and column of `<header`.
    header_pos: (u64, u64),
    positions: UnitPositions,
    done: bool,
}

impl TmxReader<File> {
    /// Opens a TMX file and reads its header.
    pub fn open(path: &Path) -> Result<Self> {
        TmxReader::start(XmlReader::open(path)?)
    }
}

impl<'a> TmxReader<&'a [u8]> {
    /// Reads a TMX document held in memory.
    pub fn from_bytes(bytes: &'a [u8], file: Option<&Path>) -> Result<Self> {
        TmxReader::start(XmlReader::from_bytes(bytes, file)?)
    }
}

impl<R: Read> TmxReader<R> {
    /// Reads from any byte source; `file` names it in errors and origins.
    pub fn new(source: R, file: Option<&Path>) -> Result<Self> {
        TmxReader::start(XmlReader::new(source, file)?)
    }

    fn start(mut xml: XmlReader<R>) -> Result<Self> {
        let root = match xml.next_significant()? {
            XmlEvent::Start(s) => s,
            _ => return Err(xml.error(Error::format("not a TMX file: no root element"))),
        };
        if root.name != "tmx" {
            return Err(xml.error(Error::format(format!(
                "not a TMX file: the root element is <{}>, expected <tmx>",
                root.name
            ))));
        }
        let version = root.attrs.get("version").map(str::to_string);
        let mut header = None;
        let mut header_pos = (0, 0);
        loop {
            match xml.next_significant()? {
                XmlEvent::Start(s) if s.name == "header" && header.is_none() => {
                    header_pos = (s.line, s.column);
                    header = Some(read_header(&mut xml, s)?);
                }
                XmlEvent::Start(s) if s.name == "body" => break,
                XmlEvent::Start(s) => {
                    return Err(xml.error(Error::format(format!(
                        "unexpected <{}> in <tmx> (expected <header> then <body>)",
                        s.name
                    ))));
                }
                XmlEvent::Text(_) => {
                    return Err(xml.error(Error::format("text is not allowed in <tmx>")));
                }
                XmlEvent::End(_) | XmlEvent::Eof => {
                    return Err(xml.error(Error::format("<tmx> has no <body>")));
                }
            }
        }
        let Some(header) = header else {
            return Err(xml.error(Error::format("<tmx> has no <header> before <body>")));
        };
        Ok(TmxReader {
            xml,
            header,
            version,
            header_pos,
            positions: UnitPositions::default(),
            done: false,
        })
    }

    /// The header, read before the first unit.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `version` attribute of `<tmx>` (`1.4`, `1.1`, …).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Line and column of the `<header` start tag.
    pub fn header_position(&self) -> (u64, u64) {
        self.header_pos
    }

    /// Positions of the `<tu>` and `<tuv>` start tags of the last unit returned.
    pub fn last_positions(&self) -> &UnitPositions {
        &self.positions
    }

    /// The encoding the file is decoded from.
    pub fn encoding_name(&self) -> &'static str {
        self.xml.encoding_name()
    }

    fn next_unit(&mut self) -> Result<Option<Unit>> {
        match self.xml.next_significant()? {
            XmlEvent::Start(s) if s.name == "tu" => self.read_tu(s).map(Some),
            XmlEvent::Start(s) => Err(self.xml.error(Error::format(format!(
                "unexpected <{}> in <body> (expected <tu>)",
                s.name
            )))),
            XmlEvent::Text(_) => Err(self
                .xml
                .error(Error::format("text is not allowed in <body>"))),
            XmlEvent::End(_) => {
                // </body>: only </tmx> and the end of the document may follow
                // (the XML layer has already matched the end tags).
                match self.xml.next_significant()? {
                    XmlEvent::End(_) => {}
                    XmlEvent::Start(s) => {
                        return Err(self.xml.error(Error::format(format!(
                            "unexpected <{}> after </body>",
                            s.name
                        ))));
                    }
                    _ => return Err(self.xml.error(Error::format("text after </body>"))),
                }
                match self.xml.next_significant()? {
                    XmlEvent::Eof => Ok(None),
                    _ => Err(self.xml.error(Error::format("content after </tmx>"))),
                }
            }
            XmlEvent::Eof => Err(self
                .xml
                .error(Error::xml("unexpected end of file in <body>"))),
        }
    }

    fn read_tu(&mut self, tu: StartTag) -> Result<Unit> {
        let mut attrs = tu.attrs;
        let id = attrs.remove("tuid");
        let mut unit = Unit {
            id,
            attrs,
            origin: Origin {
                file: self.xml.file().cloned(),
                line: tu.line,
            },
            ..Unit::default()
        };
        self.positions.tu = (tu.line, tu.column);
        self.positions.tuvs.clear();
        loop {
            match self.xml.next_significant()? {
                XmlEvent::Start(s) => match s.name.as_str() {
                    "note" => unit.notes.push(read_note(&mut self.xml, s)?),
                    "prop" => unit.props.push(read_prop(&mut self.xml, s)?),
                    "tuv" => {
                        self.positions.tuvs.push((s.line, s.column));
                        let v = self.read_tuv(s)?;
                        unit.variants.push(v);
                    }
                    other => {
                        return Err(self.xml.error(Error::format(format!(
                            "unexpected <{other}> in <tu> (expected <note>, <prop> or <tuv>)"
                        ))));
                    }
                },
                XmlEvent::End(_) => {
                    restore_attrs(&mut unit.props, &mut unit.attrs);
                    return Ok(unit);
                }
                XmlEvent::Text(_) => {
                    return Err(self.xml.error(Error::format("text is not allowed in <tu>")));
                }
                XmlEvent::Eof => {
                    return Err(self.xml.error(Error::xml("unexpected end of file in <tu>")));
                }
            }
        }
    }

    fn read_tuv(&mut self, tuv: StartTag) -> Result<Variant> {
        let pos = (tuv.line, tuv.column);
        let mut attrs = tuv.attrs;
        let lang = match (attrs.remove("xml:lang"), attrs.get("lang")) {
            (Some(l), _) => l,
            // TMX 1.1–1.3 wrote `lang`.
            (None, Some(_)) => attrs.remove("lang").unwrap_or_default(),
            (None, None) => {
                return Err(self
                    .xml
                    .error_at(Error::format("<tuv> without xml:lang"), pos));
            }
        };
        if lang.trim().is_empty() {
            return Err(self
                .xml
                .error_at(Error::format("<tuv> with an empty xml:lang"), pos));
        }
        let mut variant = Variant {
            lang: LangTag::new(lang),
            attrs,
            props: Vec::new(),
            notes: Vec::new(),
            segment: Segment::default(),
        };
        let mut seg_seen = false;
        loop {
            match self.xml.next_significant()? {
                XmlEvent::Start(s) => match s.name.as_str() {
                    "note" => variant.notes.push(read_note(&mut self.xml, s)?),
                    "prop" => variant.props.push(read_prop(&mut self.xml, s)?),
                    "seg" if !seg_seen => {
                        seg_seen = true;
                        variant.segment = Segment {
                            content: self.xml.read_inline("seg")?,
                        };
                    }
                    "seg" => {
                        return Err(self.xml.error(Error::format("<tuv> has a second <seg>")));
                    }
                    other => {
                        return Err(self.xml.error(Error::format(format!(
                            "unexpected <{other}> in <tuv> (expected <note>, <prop> or <seg>)"
                        ))));
                    }
                },
                XmlEvent::End(_) => break,
                XmlEvent::Text(_) => {
                    return Err(self
                        .xml
                        .error(Error::format("text is not allowed in <tuv>")));
                }
                XmlEvent::Eof => {
                    return Err(self
                        .xml
                        .error(Error::xml("unexpected end of file in <tuv>")));
                }
            }
        }
        restore_attrs(&mut variant.props, &mut variant.attrs);
        if !seg_seen {
            return Err(self.xml.error_at(Error::format("<tuv> without <seg>"), pos));
        }
        Ok(variant)
    }
}

impl<R: Read> Iterator for TmxReader<R> {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_unit() {
            Ok(Some(u)) => Some(Ok(u)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn read_header<R: Read>(xml: &mut XmlReader<R>, start: StartTag) -> Result<Header> {
    let mut header = Header {
        attrs: start.attrs,
        items: Vec::new(),
    };
    loop {
        match xml.next_significant()? {
            XmlEvent::Start(s) => match s.name.as_str() {
                "note" => header.items.push(HeaderItem::Note(read_note(xml, s)?)),
                "prop" => header.items.push(HeaderItem::Prop(read_prop(xml, s)?)),
                "ude" => {
                    let mut children = xml.read_inline("ude")?;
                    // White space between <map> elements is layout, not content.
                    children.retain(|c| !matches!(c, Inline::Text(t) if t.trim().is_empty()));
                    header.items.push(HeaderItem::Ude(Tag {
                        name: "ude".into(),
                        attrs: s.attrs,
                        children,
                    }));
                }
                other => {
                    return Err(xml.error(Error::format(format!(
                        "unexpected <{other}> in <header> (expected <note>, <prop> or <ude>)"
                    ))));
                }
            },
            XmlEvent::End(_) => {
                let mut props = Vec::new();
                header.items.retain(|item| match item {
                    HeaderItem::Prop(p) if is_attr_prop(p) => {
                        props.push(p.clone());
                        false
                    }
                    _ => true,
                });
                restore_attrs(&mut props, &mut header.attrs);
                return Ok(header);
            }
            XmlEvent::Text(_) => {
                return Err(xml.error(Error::format("text is not allowed in <header>")));
            }
            XmlEvent::Eof => {
                return Err(xml.error(Error::xml("unexpected end of file in <header>")));
            }
        }
    }
}

/// The writer keeps attributes the TMX DTD does not define as props
/// `x-attr-NAME` (see `writer.rs`); reading turns them back into attributes,
/// appended after the others.
fn is_attr_prop(p: &Prop) -> bool {
    p.attrs.is_empty()
        && p.kind.strip_prefix("x-attr-").is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        })
}

fn restore_attrs(props: &mut Vec<Prop>, attrs: &mut Attrs) {
    if !props.iter().any(is_attr_prop) {
        return;
    }
    props.retain(|p| {
        if !is_attr_prop(p) {
            return true;
        }
        let name = &p.kind["x-attr-".len()..];
        if attrs.get(name).is_some() {
            return true;
        }
        attrs.0.push((name.to_string(), p.value.clone()));
        false
    });
}

fn read_prop<R: Read>(xml: &mut XmlReader<R>, start: StartTag) -> Result<Prop> {
    let mut attrs: Attrs = start.attrs;
    let kind = attrs.remove("type").unwrap_or_default();
    let value = xml.read_text_content("prop")?;
    Ok(Prop { kind, attrs, value })
}

fn read_note<R: Read>(xml: &mut XmlReader<R>, start: StartTag) -> Result<Note> {
    let text = xml.read_text_content("note")?;
    Ok(Note {
        attrs: start.attrs,
        text,
    })
}

/// Reads a whole TMX file into a [`Memory`].
pub fn read_memory(path: &Path) -> Result<Memory> {
    let mut reader = TmxReader::open(path)?;
    let mut memory = Memory::new(reader.header().clone());
    for unit in reader.by_ref() {
        memory.push(unit?);
    }
    Ok(memory)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext">
    <note>n</note>
    <ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="Apple_logo" subst="[Apple]"/></ude>
  </header>
  <body>
    <tu tuid="a1" creationdate="20250101T000000Z">
      <prop type="x-doc">speech</prop>
      <tuv xml:lang="zh-CN"><seg>中国<ph x="1">&lt;br/&gt;</ph>精神</seg></tuv>
      <tuv lang="en" changeid="me"><note>checked</note><seg>China <bpt i="1">{b}</bpt>spirit<ept i="1">{/b}</ept></seg></tuv>
    </tu>
  </body>
</tmx>
"##;

    #[test]
    fn reads_header_and_units() {
        let mut r = TmxReader::from_bytes(DOC.as_bytes(), Some(Path::new("m.tmx"))).unwrap();
        assert_eq!(r.header().attrs.get("srclang"), Some("zh-CN"));
        assert_eq!(r.header().items.len(), 2);
        let HeaderItem::Ude(ude) = &r.header().items[1] else {
            panic!()
        };
        assert_eq!(ude.children.len(), 1);
        let u = r.next().unwrap().unwrap();
        assert_eq!(u.id.as_deref(), Some("a1"));
        assert_eq!(u.attrs.get("creationdate"), Some("20250101T000000Z"));
        assert_eq!(u.origin.line, 9);
        assert_eq!(u.prop("x-doc"), Some("speech"));
        assert_eq!(u.variants[0].segment.plain_text(), "中国精神");
        assert_eq!(u.variants[1].lang.as_str(), "en");
        assert_eq!(u.variants[1].attrs.get("changeid"), Some("me"));
        assert_eq!(u.variants[1].notes[0].text, "checked");
        assert_eq!(u.variants[1].segment.codes().len(), 2);
        assert_eq!(r.last_positions().tuvs, [(11, 7), (12, 7)]);
        assert!(r.next().is_none());
    }

    fn first_error(doc: &str) -> String {
        match TmxReader::from_bytes(doc.as_bytes(), Some(Path::new("b.tmx"))) {
            Err(e) => e.to_string(),
            Ok(r) => r
                .filter_map(|u| u.err())
                .next()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        }
    }

    #[test]
    fn bad_documents() {
        assert_eq!(
            first_error("<xliff/>"),
            "b.tmx:1:1: not a TMX file: the root element is <xliff>, expected <tmx>"
        );
        let missing_lang = DOC.replace(r#"<tuv xml:lang="zh-CN">"#, "<tuv>");
        assert_eq!(
            first_error(&missing_lang),
            "b.tmx:11:7: <tuv> without xml:lang"
        );
        let missing_seg = DOC.replace(r#"<seg>中国<ph x="1">&lt;br/&gt;</ph>精神</seg>"#, "");
        assert_eq!(first_error(&missing_seg), "b.tmx:11:7: <tuv> without <seg>");
        let truncated = &DOC[..DOC.find("</tu>").unwrap()];
        assert!(
            first_error(truncated).contains("<tu> opened at 9:5 is not closed"),
            "{}",
            first_error(truncated)
        );
        assert!(
            first_error(&DOC.replace("</seg></tuv>\n    </tu>", "</tuv></tu>"))
                .contains("mismatched end tag")
        );
        assert!(first_error(&DOC.replace("<header", "<heder")).contains("unexpected <heder>"));
    }
}
