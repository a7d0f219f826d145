//! Reading TBX v2 (`martif`) and v3 (`tbx`) glossaries, TBX-Basic and the
//! dialects that share its structure (TBX-Default, TBX-Core, TBX-Min), DCA or
//! DCT style.
//!
//! The document is read as a stream through [`crate::formats::xml`] (strict
//! decoding, entity/DTD refusal, depth limits, positions); each concept entry
//! is collected into a small element tree and turned into an [`Entry`] as soon
//! as it closes, so memory stays proportional to one entry, not to the file.

use std::collections::HashMap;
use std::path::Path;

use super::{DEPRECATED, PREFERRED, SUPERSEDED, glossary_id, parse_meta_note};
use crate::error::{Error, Result};
use crate::formats::xml::{XmlEvent, XmlReader};
use crate::io::{Encoding, sniff};
use crate::model::{Entry, Glossary, LangTag};

/// Which languages of a multilingual termbase become the glossary's `zh` and
/// `en` sides.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Language read into `zh`/`zh_variants` (default `zh`).
    pub source_lang: LangTag,
    /// Language read into `en`/`en_variants`/`en_forbidden` (default `en`).
    pub target_lang: LangTag,
    /// Only exact (case-insensitive) language matches; otherwise `zh` also finds
    /// `zh-CN`, `zh-Hans`, and `zh-CN` finds `zh`.
    pub strict_lang: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            source_lang: LangTag::new("zh"),
            target_lang: LangTag::new("en"),
            strict_lang: false,
        }
    }
}

/// Reads a TBX file; errors name the file, line and column.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Glossary> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", e).in_file(path))?;
    let mut g = read_source(&bytes, Some(path), opts).map_err(|e| e.in_file(path))?;
    g.origin = Some(path.to_path_buf());
    Ok(g)
}

/// Reads TBX from bytes (UTF-8 or UTF-16, with or without BOM).
pub fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<Glossary> {
    read_source(bytes, None, opts)
}

fn read_source(bytes: &[u8], file: Option<&Path>, opts: &ReadOptions) -> Result<Glossary> {
    check_declared_encoding(bytes)?;
    let xml = XmlReader::from_bytes(bytes, file)?;
    Parser::new(xml, opts).run()
}

/// Refuses a file whose XML declaration contradicts its byte-order mark or its
/// UTF-16 bytes: a tool re-encoded it without updating the declaration (or the
/// reverse), and guessing which half is right would silently corrupt terms.
/// (Decoding itself, strict and positioned, is [`crate::formats::xml`]'s.)
fn check_declared_encoding(bytes: &[u8]) -> Result<()> {
    let sniffed = sniff(bytes);
    let Some((declared, column)) = declared_encoding(bytes, sniffed.encoding) else {
        return Ok(());
    };
    let label = declared.to_ascii_lowercase();
    let is_utf16 = label.starts_with("utf-16") || label == "ucs-2" || label == "unicode";
    let (ok, actual) = match sniffed.encoding {
        Encoding::Utf8 if sniffed.bom_len > 0 => (label == "utf-8" || label == "utf8", "UTF-8"),
        // No BOM: a legacy encoding is possible and decoded by formats::xml,
        // but UTF-16 cannot be declared over 8-bit bytes.
        Encoding::Utf8 => (!is_utf16, "8-bit (not UTF-16)"),
        Encoding::Utf16Le => (is_utf16, "UTF-16LE"),
        Encoding::Utf16Be => (is_utf16, "UTF-16BE"),
    };
    if ok {
        return Ok(());
    }
    Err(Error::encoding(format!(
        "mixed encodings: the XML declaration says encoding=\"{declared}\" but the bytes are {actual}{}",
        if sniffed.bom_len > 0 { " (with a byte-order mark)" } else { "" }
    ))
    .at(1, column))
}

/// The `encoding` pseudo-attribute of the XML declaration and its column,
/// read from the raw bytes (ASCII in UTF-8 and every ASCII-compatible
/// encoding; every other byte for UTF-16).
fn declared_encoding(bytes: &[u8], encoding: Encoding) -> Option<(String, u64)> {
    let body = &bytes[sniff(bytes).bom_len..];
    let head: String = match encoding {
        Encoding::Utf8 => body
            .iter()
            .take(256)
            .map(|&b| if b.is_ascii() { b as char } else { '?' })
            .collect(),
        Encoding::Utf16Le => body
            .iter()
            .take(512)
            .step_by(2)
            .map(|&b| b as char)
            .collect(),
        Encoding::Utf16Be => body
            .iter()
            .skip(1)
            .take(512)
            .step_by(2)
            .map(|&b| b as char)
            .collect(),
    };
    let decl = &head[..head.find("?>")?];
    if !decl.starts_with("<?xml") {
        return None;
    }
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some((value[..value.find(quote)?].to_string(), at as u64 + 1))
}

/// An element of a concept entry, with its byte offset for error positions.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
    /// Line and column of the start tag.
    pos: (u64, u64),
}

#[derive(Debug)]
enum Child {
    Node(Node),
    Text(String),
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Node(n) => Some(n),
            Child::Text(_) => None,
        })
    }
    /// All text inside, at any depth (a term may hold `<hi>` markup).
    fn text(&self) -> String {
        let mut out = String::new();
        fn walk(n: &Node, out: &mut String) {
            for c in &n.children {
                match c {
                    Child::Text(t) => out.push_str(t),
                    Child::Node(n) => walk(n, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }
    /// The first descendant named `name`, depth first.
    fn find(&self, name: &str) -> Option<&Node> {
        for n in self.nodes() {
            if n.name == name {
                return Some(n);
            }
            if let Some(found) = n.find(name) {
                return Some(found);
            }
        }
        None
    }
    /// The data category of a DCA element (`<descrip type="subjectField">`) or
    /// of a DCT element (`<basic:subjectField>`, whose local name is the category).
    fn category(&self) -> &str {
        match self.name.as_str() {
            "descrip" | "admin" | "termNote" | "ref" | "xref" | "transac" => {
                self.attr("type").unwrap_or("")
            }
            other => other,
        }
    }
}

struct Parser<'a> {
    xml: XmlReader<&'a [u8]>,
    opts: &'a ReadOptions,
    glossary: Glossary,
    /// Where each id was first seen, for the duplicate-id message.
    seen: HashMap<String, (u64, u64)>,
    entries: usize,
}

impl<'a> Parser<'a> {
    fn new(xml: XmlReader<&'a [u8]>, opts: &'a ReadOptions) -> Self {
        Parser {
            xml,
            opts,
            glossary: Glossary::new(),
            seen: HashMap::new(),
            entries: 0,
        }
    }

    fn at(&self, e: Error, pos: (u64, u64)) -> Error {
        self.xml.error_at(e, pos)
    }

    fn run(mut self) -> Result<Glossary> {
        let mut saw_root = false;
        // The entry being collected: a stack of open elements, the entry at the bottom.
        let mut open: Vec<Node> = Vec::new();
        loop {
            match self.xml.next_event()? {
                XmlEvent::Start(tag) => {
                    let node = Node {
                        name: tag.local_name().to_string(),
                        attrs: tag.attrs.0,
                        children: Vec::new(),
                        pos: (tag.line, tag.column),
                    };
                    if !saw_root {
                        saw_root = true;
                        self.check_root(&node)?;
                    } else if !open.is_empty()
                        || node.name == "termEntry"
                        || node.name == "conceptEntry"
                    {
                        // Inside an entry, or an entry starting: collect it.
                        open.push(node);
                    }
                }
                XmlEvent::End(_) => {
                    let Some(done) = open.pop() else {
                        continue;
                    };
                    match open.last_mut() {
                        Some(parent) => parent.children.push(Child::Node(done)),
                        None => self.add_entry(done)?,
                    }
                }
                XmlEvent::Text(t) => {
                    if let Some(top) = open.last_mut() {
                        top.children.push(Child::Text(t));
                    }
                }
                XmlEvent::Eof => break,
            }
        }
        Ok(self.glossary)
    }

    fn check_root(&self, root: &Node) -> Result<()> {
        let ty = root.attr("type");
        let (version, known): (&str, &[&str]) = match root.name.as_str() {
            "martif" => (
                "v2 <martif>",
                &["TBX-Basic", "TBX", "TBX-Default", "TBX-Min"],
            ),
            "tbx" => ("v3 <tbx>", &["TBX-Basic", "TBX-Core", "TBX-Min"]),
            other => {
                return Err(self.at(
                    Error::format(format!(
                        "not TBX: the root element is <{other}>, expected <martif> (TBX v2) or <tbx> (TBX v3)"
                    )),
                    root.pos,
                ));
            }
        };
        match ty {
            Some(t) if known.contains(&t) => Ok(()),
            Some(t) => Err(self.at(
                Error::format(format!(
                    "unknown TBX dialect: type=\"{t}\" on the TBX {version} root; concord reads {}",
                    known.join(", ")
                )),
                root.pos,
            )),
            None => Err(self.at(
                Error::format(format!(
                    "the TBX {version} root has no type attribute (the dialect); concord reads {}",
                    known.join(", ")
                )),
                root.pos,
            )),
        }
    }

    fn add_entry(&mut self, node: Node) -> Result<()> {
        self.entries += 1;
        let mut entry = self.entry(&node)?;
        if entry.id.is_empty() {
            entry.id = format!("entry-{}", self.entries);
        }
        if let Some(&(line, _)) = self.seen.get(&entry.id) {
            return Err(self.at(
                Error::invalid(format!(
                    "duplicate id '{}' (first used on line {line})",
                    entry.id
                )),
                node.pos,
            ));
        }
        self.seen.insert(entry.id.clone(), node.pos);
        self.glossary
            .insert(entry)
            .map_err(|e| self.at(e, node.pos))
    }

    fn entry(&self, node: &Node) -> Result<Entry> {
        let mut e = Entry {
            id: node.attr("id").map(glossary_id).unwrap_or_default(),
            ..Entry::default()
        };
        let label = if e.id.is_empty() {
            format!("entry {}", self.entries)
        } else {
            format!("entry '{}'", e.id)
        };
        let mut notes = Vec::new();
        let mut langs: Vec<(LangTag, &Node)> = Vec::new();
        for child in node.nodes() {
            match (child.name.as_str(), child.category()) {
                ("langSet" | "langSec", _) => {
                    let lang = child.attr("xml:lang").ok_or_else(|| {
                        self.at(
                            Error::format(format!(
                                "{label}: <{}> has no xml:lang attribute",
                                child.name
                            )),
                            child.pos,
                        )
                    })?;
                    langs.push((LangTag::new(lang), child));
                }
                ("note", _) => {
                    let text = child.text();
                    match parse_meta_note(&text) {
                        Some((case, status)) => {
                            e.case = case;
                            e.status = status;
                        }
                        None => notes.push(text),
                    }
                }
                ("descripGrp", _) => {
                    if let Some(d) = child.nodes().find(|n| n.category() == "subjectField")
                        && e.domain.is_empty()
                    {
                        e.domain = d.text();
                    }
                }
                (_, "subjectField") if e.domain.is_empty() => e.domain = child.text(),
                (_, "source") if e.source.is_empty() => e.source = child.text(),
                _ => {}
            }
        }
        e.note = notes.join("\n");
        let found = || {
            langs
                .iter()
                .map(|(l, _)| l.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let zh_terms = self.terms_for(&langs, &self.opts.source_lang, &label)?;
        if zh_terms.is_empty() {
            return Err(self.at(
                Error::format(format!(
                    "{label}: no language section for '{}' (found: {})",
                    self.opts.source_lang,
                    found()
                )),
                node.pos,
            ));
        }
        let en_terms = self.terms_for(&langs, &self.opts.target_lang, &label)?;
        if en_terms.is_empty() {
            return Err(self.at(
                Error::format(format!(
                    "{label}: no language section for '{}' (found: {})",
                    self.opts.target_lang,
                    found()
                )),
                node.pos,
            ));
        }
        let zh_main = main_term(&zh_terms).unwrap_or(0);
        for (i, t) in zh_terms.iter().enumerate() {
            if i == zh_main {
                e.zh = t.text.clone();
            } else {
                e.zh_variants.push(t.text.clone());
            }
        }
        let Some(en_main) = main_term(&en_terms) else {
            return Err(self.at(
                Error::format(format!(
                    "{label}: every '{}' term is deprecated; there is no rendering to approve",
                    self.opts.target_lang
                )),
                node.pos,
            ));
        };
        for (i, t) in en_terms.iter().enumerate() {
            if i == en_main {
                e.en = t.text.clone();
                if e.source.is_empty() {
                    e.source = t.source.clone();
                }
            } else if t.deprecated() {
                e.en_forbidden.push(t.text.clone());
            } else {
                e.en_variants.push(t.text.clone());
            }
        }
        Ok(e)
    }

    /// The terms of every language section that answers `wanted`, best match first.
    fn terms_for(
        &self,
        langs: &[(LangTag, &Node)],
        wanted: &LangTag,
        label: &str,
    ) -> Result<Vec<Term>> {
        let mut matching: Vec<(_, &Node)> = langs
            .iter()
            .filter_map(|(l, n)| l.matches(wanted, self.opts.strict_lang).map(|m| (m, *n)))
            .collect();
        // Stable: sections of equal match quality keep document order.
        matching.sort_by_key(|m| std::cmp::Reverse(m.0));
        let mut out = Vec::new();
        for (_, section) in matching {
            for t in section.nodes() {
                if !matches!(t.name.as_str(), "tig" | "ntig" | "termSec") {
                    continue;
                }
                let term = t.find("term").ok_or_else(|| {
                    self.at(
                        Error::format(format!("{label}: <{}> without a <term>", t.name)),
                        t.pos,
                    )
                })?;
                let status = descendants_with_category(t, "administrativeStatus")
                    .or_else(|| descendants_with_category(t, "normativeAuthorization"))
                    .map(|n| n.text().trim().to_string())
                    .unwrap_or_default();
                let source = t
                    .nodes()
                    .find(|n| n.category() == "source")
                    .map(Node::text)
                    .unwrap_or_default();
                out.push(Term {
                    text: term.text().trim().to_string(),
                    status,
                    source,
                });
            }
        }
        Ok(out)
    }
}

fn descendants_with_category<'n>(n: &'n Node, category: &str) -> Option<&'n Node> {
    for c in n.nodes() {
        if c.category() == category {
            return Some(c);
        }
        if let Some(found) = descendants_with_category(c, category) {
            return Some(found);
        }
    }
    None
}

struct Term {
    text: String,
    status: String,
    source: String,
}

impl Term {
    fn deprecated(&self) -> bool {
        // TBX v2 TBX-Default also knows normativeAuthorization values.
        matches!(
            self.status.as_str(),
            DEPRECATED
                | SUPERSEDED
                | "deprecatedTerm"
                | "supersededTerm"
                | "notRecommended"
                | "obsolete"
        )
    }
    fn preferred(&self) -> bool {
        matches!(
            self.status.as_str(),
            PREFERRED | "preferredTerm" | "preferred"
        )
    }
}

/// The term a concept is known by: the first preferred one, else the first one
/// not deprecated. `None` when every term is deprecated.
fn main_term(terms: &[Term]) -> Option<usize> {
    terms
        .iter()
        .position(Term::preferred)
        .or_else(|| terms.iter().position(|t| !t.deprecated()))
}
