//! Streaming TMX 1.4b writer with stable formatting.
//!
//! The output is what the TMX 1.4b DTD requires: the XML declaration, a
//! `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, `<tmx version="1.4">`, a header with
//! all its required attributes, and per unit `note`/`prop` before `tuv`,
//! `note`/`prop` before `seg`. Layout is fixed (two-space indentation, one
//! element per line outside segments, segment content byte for byte), and
//! attributes keep their order (those the DTD does not define become
//! `x-attr-NAME` props), so writing the same data twice gives the
//! same bytes and a diff of two TMs shows only real changes.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::formats::xml::{escape_attr, escape_text, first_forbidden};
use crate::io::write_atomic;
use crate::model::{Attrs, Header, HeaderItem, Inline, Memory, Note, Prop, Tag, Unit};

/// Values used for required header attributes the header lacks (appended
/// after the attributes it has, in this order). `srclang` `*all*` is TMX's
/// own "any language is the source".
pub const HEADER_DEFAULTS: [(&str, &str); 7] = [
    ("creationtool", "concord"),
    ("creationtoolversion", env!("CARGO_PKG_VERSION")),
    ("segtype", "sentence"),
    ("o-tmf", "concord"),
    ("adminlang", "en"),
    ("srclang", "*all*"),
    ("datatype", "plaintext"),
];

/// Attributes the DTD allows on `<tu>` (besides `tuid`), `<tuv>` (besides
/// `xml:lang`) and `<header>`. Others (from XLIFF, or a tool's own
/// extensions) are written as props `x-attr-NAME` so the file stays valid
/// and the value is not lost.
const TU_ATTRS: [&str; 13] = [
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "segtype",
    "changeid",
    "o-tmf",
    "srclang",
];
const TUV_ATTRS: [&str; 11] = [
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "o-tmf",
    "changeid",
];
const HEADER_ATTRS: [&str; 12] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
    "o-encoding",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
];

/// Splits `attrs` into those the DTD allows and props for the others.
fn split_attrs(attrs: &Attrs, allowed: &[&str]) -> (Attrs, Vec<Prop>) {
    let mut keep = Attrs::new();
    let mut props = Vec::new();
    for (name, value) in attrs.iter() {
        if allowed.contains(&name) {
            keep.0.push((name.to_string(), value.to_string()));
        } else {
            props.push(Prop::new(format!("x-attr-{name}"), value));
        }
    }
    (keep, props)
}

/// The inline elements TMX 1.4b allows in `<seg>` (and, with `sub`, inside codes).
const TMX_INLINE: [&str; 7] = ["bpt", "ept", "ph", "it", "hi", "sub", "ut"];

/// Writes TMX to `out`: the header on creation, then one unit per
/// [`TmxWriter::write_unit`], then the closing tags on [`TmxWriter::finish`].
pub struct TmxWriter<W: Write> {
    out: W,
    /// Units written so far (names units without an id in errors).
    count: u64,
    buf: String,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the prolog and `header` (required attributes filled from
    /// [`HEADER_DEFAULTS`] where missing).
    pub fn new(out: W, header: &Header) -> Result<Self> {
        let mut w = TmxWriter {
            out,
            count: 0,
            buf: String::with_capacity(4096),
        };
        let mut attrs = header.attrs.clone();
        for (name, value) in HEADER_DEFAULTS {
            if attrs.get(name).is_none() {
                attrs.0.push((name.to_string(), value.to_string()));
            }
        }
        let (attrs, extra_props) = split_attrs(&attrs, &HEADER_ATTRS);
        let b = &mut w.buf;
        b.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
        b.push_str("<tmx version=\"1.4\">\n");
        b.push_str("  <header");
        push_attrs(b, &attrs).map_err(|m| Error::invalid(format!("header: {m}")))?;
        if header.items.is_empty() && extra_props.is_empty() {
            b.push_str("/>\n");
        } else {
            b.push_str(">\n");
            for p in &extra_props {
                push_prop(b, 4, p).map_err(|m| Error::invalid(format!("header: {m}")))?;
            }
            for item in &header.items {
                match item {
                    HeaderItem::Note(n) => push_note(b, 4, n),
                    HeaderItem::Prop(p) => push_prop(b, 4, p),
                    HeaderItem::Ude(u) => push_ude(b, u),
                }
                .map_err(|m| Error::invalid(format!("header: {m}")))?;
            }
            b.push_str("  </header>\n");
        }
        b.push_str("  <body>\n");
        w.flush_buf()?;
        Ok(w)
    }

    fn flush_buf(&mut self) -> Result<()> {
        self.out
            .write_all(self.buf.as_bytes())
            .map_err(|e| Error::io("write", e))?;
        self.buf.clear();
        Ok(())
    }

    /// Writes one unit. A unit that cannot be written (a character XML 1.0
    /// cannot hold, no variants) is an error naming it; nothing of it is written.
    pub fn write_unit(&mut self, unit: &Unit) -> Result<()> {
        self.count += 1;
        let name = match &unit.id {
            Some(id) => format!("unit '{id}'"),
            None => format!("unit #{}", self.count),
        };
        let located = |m: String| {
            let e = Error::invalid(format!("cannot write {name} as TMX: {m}"));
            let e = match unit.origin.file.as_deref() {
                Some(f) => e.in_file(f),
                None => e,
            };
            if unit.origin.line > 0 {
                e.at_line(unit.origin.line)
            } else {
                e
            }
        };
        if unit.variants.is_empty() {
            return Err(located(
                "it has no language variants (TMX needs at least one <tuv>)".into(),
            ));
        }
        push_unit(&mut self.buf, unit).map_err(|m| {
            self.buf.clear();
            located(m)
        })?;
        self.flush_buf()
    }

    /// Closes the document and returns the output.
    pub fn finish(mut self) -> Result<W> {
        self.buf.push_str("  </body>\n</tmx>\n");
        self.flush_buf()?;
        self.out.flush().map_err(|e| Error::io("write", e))?;
        Ok(self.out)
    }
}

type Fallible = std::result::Result<(), String>;

fn check_chars(s: &str, what: &str) -> Fallible {
    match first_forbidden(s) {
        Some(c) => Err(format!(
            "{what} contains U+{:04X}, a character XML 1.0 cannot hold",
            c as u32
        )),
        None => Ok(()),
    }
}

fn push_attrs(b: &mut String, attrs: &Attrs) -> Fallible {
    for (name, value) in attrs.iter() {
        check_chars(value, &format!("attribute '{name}'"))?;
        b.push(' ');
        b.push_str(name);
        b.push_str("=\"");
        b.push_str(&escape_attr(value));
        b.push('"');
    }
    Ok(())
}

fn indent(b: &mut String, n: usize) {
    for _ in 0..n {
        b.push(' ');
    }
}

fn push_text(b: &mut String, text: &str, what: &str) -> Fallible {
    check_chars(text, what)?;
    b.push_str(&escape_text(text));
    Ok(())
}

fn push_note(b: &mut String, ind: usize, note: &Note) -> Fallible {
    indent(b, ind);
    b.push_str("<note");
    push_attrs(b, &note.attrs)?;
    b.push('>');
    push_text(b, &note.text, "a note")?;
    b.push_str("</note>\n");
    Ok(())
}

fn push_prop(b: &mut String, ind: usize, prop: &Prop) -> Fallible {
    indent(b, ind);
    b.push_str("<prop type=\"");
    check_chars(&prop.kind, "a prop type")?;
    b.push_str(&escape_attr(&prop.kind));
    b.push('"');
    push_attrs(b, &prop.attrs)?;
    b.push('>');
    push_text(b, &prop.value, &format!("prop '{}'", prop.kind))?;
    b.push_str("</prop>\n");
    Ok(())
}

fn push_ude(b: &mut String, ude: &Tag) -> Fallible {
    b.push_str("    <ude");
    push_attrs(b, &ude.attrs)?;
    b.push_str(">\n");
    for child in &ude.children {
        match child {
            Inline::Tag(map) => {
                b.push_str("      <map");
                push_attrs(b, &map.attrs)?;
                b.push_str("/>\n");
            }
            Inline::Text(t) if t.trim().is_empty() => {}
            Inline::Text(_) => return Err("text inside <ude>".into()),
        }
    }
    b.push_str("    </ude>\n");
    Ok(())
}

fn push_unit(b: &mut String, unit: &Unit) -> Fallible {
    b.push_str("    <tu");
    if let Some(id) = &unit.id {
        let mut attrs = Attrs::new();
        attrs.0.push(("tuid".into(), id.clone()));
        push_attrs(b, &attrs)?;
    }
    let (attrs, extra_props) = split_attrs(&unit.attrs, &TU_ATTRS);
    push_attrs(b, &attrs)?;
    b.push_str(">\n");
    for note in &unit.notes {
        push_note(b, 6, note)?;
    }
    for prop in extra_props.iter().chain(&unit.props) {
        push_prop(b, 6, prop)?;
    }
    for v in &unit.variants {
        b.push_str("      <tuv xml:lang=\"");
        check_chars(v.lang.as_str(), "the language")?;
        b.push_str(&escape_attr(v.lang.as_str()));
        b.push('"');
        let (attrs, extra_props) = split_attrs(&v.attrs, &TUV_ATTRS);
        push_attrs(b, &attrs)?;
        b.push_str(">\n");
        for note in &v.notes {
            push_note(b, 8, note)?;
        }
        for prop in extra_props.iter().chain(&v.props) {
            push_prop(b, 8, prop)?;
        }
        b.push_str("        <seg>");
        push_inline(b, &v.segment.content, v.lang.as_str())?;
        b.push_str("</seg>\n      </tuv>\n");
    }
    b.push_str("    </tu>\n");
    Ok(())
}

/// Writes segment content. Inline elements of other formats (XLIFF `g`, `x`,
/// `mrk`, …) are mapped onto TMX ones so the output stays DTD-valid: wrappers
/// become `<hi type="x-NAME">`, codes become `<ph type="x-NAME">`.
fn push_inline(b: &mut String, items: &[Inline], lang: &str) -> Fallible {
    for item in items {
        match item {
            Inline::Text(t) => push_text(b, t, &format!("the {lang} segment"))?,
            Inline::Tag(tag) if TMX_INLINE.contains(&tag.name.as_str()) => {
                push_tag(b, &tag.name, &tag.attrs, &tag.children, lang)?
            }
            Inline::Tag(tag) => {
                let mut attrs = Attrs::new();
                if let Some(x) = ["x", "id", "i", "rid"]
                    .iter()
                    .find_map(|k| tag.attrs.get(k))
                    && x.bytes().all(|c| c.is_ascii_digit())
                {
                    attrs.set("x", x);
                }
                attrs.set("type", format!("x-{}", tag.name));
                let name = match tag.role() {
                    crate::model::TagRole::Wrapper => "hi",
                    _ => "ph",
                };
                push_tag(b, name, &attrs, &tag.children, lang)?;
            }
        }
    }
    Ok(())
}

fn push_tag(
    b: &mut String,
    name: &str,
    attrs: &Attrs,
    children: &[Inline],
    lang: &str,
) -> Fallible {
    b.push('<');
    b.push_str(name);
    push_attrs(b, attrs)?;
    if children.is_empty() {
        b.push_str("/>");
    } else {
        b.push('>');
        push_inline(b, children, lang)?;
        b.push_str("</");
        b.push_str(name);
        b.push('>');
    }
    Ok(())
}

/// Writes `units` as a TMX file at `path`, atomically: on any error (a bad
/// unit, an error from the iterator) the old file is left untouched.
pub fn write_units<I>(path: &Path, header: &Header, units: I) -> Result<u64>
where
    I: IntoIterator<Item = Result<Unit>>,
{
    let mut count = 0;
    write_atomic(path, |out| {
        let mut w = TmxWriter::new(out, header)?;
        for unit in units {
            w.write_unit(&unit?)?;
            count += 1;
        }
        w.finish()?;
        Ok(())
    })
    .map_err(|e| e.in_file(path))?;
    Ok(count)
}

/// Writes a [`Memory`] as a TMX file, atomically.
pub fn write_memory(path: &Path, memory: &Memory) -> Result<()> {
    write_units(path, &memory.header, memory.units().iter().cloned().map(Ok)).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Segment, Variant};

    fn written(header: &Header, units: &[Unit]) -> Result<String> {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, header)?;
        for u in units {
            w.write_unit(u)?;
        }
        w.finish()?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn stable_layout() {
        let mut u = Unit::bilingual(
            Some("7".into()),
            "zh-CN",
            "中国 & <东盟>",
            "en",
            "China \"ASEAN\"",
        );
        u.props.push(Prop::new("x-doc", "a"));
        u.notes.push(Note::new("n"));
        let text = written(&Header::default(), &[u]).unwrap();
        let expected = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="concord" creationtoolversion="{}" segtype="sentence" o-tmf="concord" adminlang="en" srclang="*all*" datatype="plaintext"/>
  <body>
    <tu tuid="7">
      <note>n</note>
      <prop type="x-doc">a</prop>
      <tuv xml:lang="zh-CN">
        <seg>中国 &amp; &lt;东盟&gt;</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>China "ASEAN"</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"#,
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn forbidden_character_names_the_unit() {
        let u = Unit::bilingual(Some("bad".into()), "zh", "a\u{1}b", "en", "x");
        let e = written(&Header::default(), &[u]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot write unit 'bad' as TMX: the zh segment contains U+0001, a character XML 1.0 cannot hold"
        );
    }

    #[test]
    fn attributes_outside_the_dtd_become_props() {
        let mut u = Unit::bilingual(Some("1".into()), "zh", "中", "en", "x");
        u.attrs.set("approved", "yes");
        u.attrs.set("changeid", "me");
        u.variants[1].attrs.set("state", "translated");
        let mut h = Header::default();
        h.attrs.set("x-tool", "t");
        let text = written(&h, &[u]).unwrap();
        assert!(
            text.contains(
                "<tu tuid=\"1\" changeid=\"me\">\n      <prop type=\"x-attr-approved\">yes</prop>"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "<tuv xml:lang=\"en\">\n        <prop type=\"x-attr-state\">translated</prop>"
            ),
            "{text}"
        );
        assert!(
            text.contains("\">\n    <prop type=\"x-attr-x-tool\">t</prop>\n  </header>"),
            "{text}"
        );
    }

    #[test]
    fn foreign_inline_codes_are_mapped() {
        let mut g = Tag::new("g");
        g.attrs.set("id", "1");
        g.children.push(Inline::Text("bold".into()));
        let u = Unit {
            variants: vec![Variant::new(
                "en",
                Segment {
                    content: vec![Inline::Tag(g), Inline::Tag(Tag::new("x"))],
                },
            )],
            ..Unit::default()
        };
        let text = written(&Header::default(), &[u]).unwrap();
        assert!(
            text.contains(r#"<seg><hi x="1" type="x-g">bold</hi><ph type="x-x"/></seg>"#),
            "{text}"
        );
    }
}
