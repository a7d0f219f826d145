//! Writing TBX-Basic v2 and v3.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{
    ADMITTED, DEPRECATED, PREFERRED, TBX_V3_NAMESPACE, TbxVersion, entry_xml_id, meta_note,
};
use crate::error::{Error, Result};
use crate::model::{Entry, Glossary, LangTag};

/// Knobs for [`write_with`].
#[derive(Debug, Clone)]
pub struct WriteOptions {
    pub version: TbxVersion,
    /// Language of the `zh` side (default `zh`).
    pub source_lang: LangTag,
    /// Language of the `en` side (default `en`).
    pub target_lang: LangTag,
    /// Text of the header's source description.
    pub description: String,
}

impl WriteOptions {
    pub fn new(version: TbxVersion) -> Self {
        WriteOptions {
            version,
            source_lang: LangTag::new("zh"),
            target_lang: LangTag::new("en"),
            description: "Glossary exported by concord".to_string(),
        }
    }
}

/// Element names that differ between the two versions.
struct Names {
    root: &'static str,
    header: &'static str,
    entry: &'static str,
    lang: &'static str,
    term: &'static str,
}

const V2: Names = Names {
    root: "martif",
    header: "martifHeader",
    entry: "termEntry",
    lang: "langSet",
    term: "tig",
};

const V3: Names = Names {
    root: "tbx",
    header: "tbxHeader",
    entry: "conceptEntry",
    lang: "langSec",
    term: "termSec",
};

/// Writes `glossary` as TBX-Basic of `version`, with zh and en language sections.
pub fn write(glossary: &Glossary, version: TbxVersion, out: &mut dyn Write) -> Result<()> {
    write_with(glossary, &WriteOptions::new(version), out)
}

/// Writes `glossary` as TBX-Basic with the given options.
pub fn write_with(glossary: &Glossary, opts: &WriteOptions, out: &mut dyn Write) -> Result<()> {
    // Refuse before writing anything: text XML cannot carry is an error, not a
    // silently broken file.
    for e in glossary.iter() {
        check_entry(e)?;
    }
    let names = match opts.version {
        TbxVersion::V2 => &V2,
        TbxVersion::V3 => &V3,
    };
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let io = |e: std::io::Error| Error::io("write TBX", e);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    let mut root = BytesStart::new(names.root);
    root.push_attribute(("type", "TBX-Basic"));
    if opts.version == TbxVersion::V3 {
        root.push_attribute(("style", "dca"));
    }
    root.push_attribute(("xml:lang", opts.target_lang.as_str()));
    if opts.version == TbxVersion::V3 {
        root.push_attribute(("xmlns", TBX_V3_NAMESPACE));
    }
    w.write_event(Event::Start(root)).map_err(io)?;
    start(&mut w, names.header)?;
    start(&mut w, "fileDesc")?;
    start(&mut w, "sourceDesc")?;
    text_element(&mut w, "p", &[], &opts.description)?;
    end(&mut w, "sourceDesc")?;
    end(&mut w, "fileDesc")?;
    if opts.version == TbxVersion::V2 {
        // TBX v2 names the XCS (data-category constraints) of its dialect here.
        start(&mut w, "encodingDesc")?;
        text_element(&mut w, "p", &[("type", "XCSURI")], "TBXBasicXCSV02.xcs")?;
        end(&mut w, "encodingDesc")?;
    }
    end(&mut w, names.header)?;
    start(&mut w, "text")?;
    start(&mut w, "body")?;
    for entry in glossary.iter() {
        write_entry(&mut w, names, opts, entry)?;
    }
    end(&mut w, "body")?;
    end(&mut w, "text")?;
    end(&mut w, names.root)?;
    w.get_mut().write_all(b"\n").map_err(io)?;
    Ok(())
}

fn write_entry<W: Write>(
    w: &mut Writer<W>,
    names: &Names,
    opts: &WriteOptions,
    e: &Entry,
) -> Result<()> {
    let id = entry_xml_id(&e.id);
    let mut el = BytesStart::new(names.entry);
    el.push_attribute(("id", id.as_str()));
    w.write_event(Event::Start(el))
        .map_err(|x| Error::io("write TBX", x))?;
    if !e.domain.is_empty() {
        text_element(w, "descrip", &[("type", "subjectField")], &e.domain)?;
    }
    if !e.source.is_empty() {
        text_element(w, "admin", &[("type", "source")], &e.source)?;
    }
    if !e.note.is_empty() {
        text_element(w, "note", &[], &e.note)?;
    }
    if let Some(meta) = meta_note(e.case, e.status) {
        text_element(w, "note", &[], &meta)?;
    }
    let zh: Vec<(&str, &str)> = std::iter::once((e.zh.as_str(), PREFERRED))
        .chain(e.zh_variants.iter().map(|v| (v.as_str(), ADMITTED)))
        .collect();
    let en: Vec<(&str, &str)> = std::iter::once((e.en.as_str(), PREFERRED))
        .chain(e.en_variants.iter().map(|v| (v.as_str(), ADMITTED)))
        .chain(e.en_forbidden.iter().map(|v| (v.as_str(), DEPRECATED)))
        .collect();
    write_lang(w, names, opts.source_lang.as_str(), &zh)?;
    write_lang(w, names, opts.target_lang.as_str(), &en)?;
    end(w, names.entry)
}

fn write_lang<W: Write>(
    w: &mut Writer<W>,
    names: &Names,
    lang: &str,
    terms: &[(&str, &str)],
) -> Result<()> {
    let mut el = BytesStart::new(names.lang);
    el.push_attribute(("xml:lang", lang));
    w.write_event(Event::Start(el))
        .map_err(|x| Error::io("write TBX", x))?;
    for (term, status) in terms {
        start(w, names.term)?;
        text_element(w, "term", &[], term)?;
        text_element(w, "termNote", &[("type", "administrativeStatus")], status)?;
        end(w, names.term)?;
    }
    end(w, names.lang)
}

fn start<W: Write>(w: &mut Writer<W>, name: &str) -> Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))
        .map_err(|e| Error::io("write TBX", e))
}

fn end<W: Write>(w: &mut Writer<W>, name: &str) -> Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(|e| Error::io("write TBX", e))
}

/// `<name attrs>text</name>` on one line. A carriage return is written as a
/// character reference: a parser turns a literal CR into LF, which would change
/// the text on the way back.
fn text_element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Result<()> {
    let escaped = escape_text(text);
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::from_escaped(escaped))
        .map_err(|e| Error::io("write TBX", e))?;
    Ok(())
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR;
/// U+FFFE, U+FFFF).
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn check_entry(e: &Entry) -> Result<()> {
    let fields: [(&str, &[String]); 3] = [
        ("zh_variants", &e.zh_variants),
        ("en_variants", &e.en_variants),
        ("en_forbidden", &e.en_forbidden),
    ];
    let singles = [
        ("id", &e.id),
        ("zh", &e.zh),
        ("en", &e.en),
        ("domain", &e.domain),
        ("note", &e.note),
        ("source", &e.source),
    ];
    let bad = |name: &str, value: &str| -> Result<()> {
        if let Some(c) = value.chars().find(|&c| !is_xml_char(c)) {
            return Err(Error::invalid(format!(
                "entry '{}': {name} contains U+{:04X}, which XML cannot carry",
                e.id, c as u32
            )));
        }
        Ok(())
    };
    for (name, v) in singles {
        bad(name, v)?;
    }
    for (name, vs) in fields {
        for v in vs {
            bad(name, v)?;
        }
    }
    Ok(())
}
