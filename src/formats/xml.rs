//! The one safe way concord reads XML (TMX, XLIFF, TBX).
//!
//! Three layers, each with one job:
//!
//! * [`TextStream`] turns bytes into strictly validated UTF-8 as a
//!   [`BufRead`]: UTF-8 with or without BOM, UTF-16 LE/BE (BOM, or `<?xml`
//!   without one), or a legacy encoding named in the XML declaration. It
//!   decodes chunk by chunk (a 1 GB TMX never sits in memory), tracks the
//!   line and column of every consumed byte, and refuses bytes that are not
//!   text or characters XML 1.0 cannot hold — with the exact position.
//! * [`XmlReader`] wraps `quick_xml::Reader` and hands out simplified owned
//!   events ([`XmlEvent`]): start tags with their [`Attrs`] already decoded,
//!   end tags, merged text (character data, CDATA and references in one
//!   string), end of file. It is where the safety rules live: a DOCTYPE whose
//!   internal subset declares entities is refused (billion laughs, XXE), an
//!   external DTD reference is ignored and never fetched, only the five
//!   predefined entities and character references are expanded, nesting
//!   depth and the size of a single event are bounded, and start and end tags
//!   must match. Every error carries file, line and column.
//! * Helpers used by every format reader: [`XmlReader::read_text_content`]
//!   (`<prop>`, `<note>`), [`XmlReader::read_inline`] (mixed content such as
//!   `<seg>` into [`Inline`] trees) and [`XmlReader::skip_element`].
//!
//! ```
//! use concord::formats::xml::{XmlEvent, XmlReader};
//!
//! let doc = r#"<?xml version="1.0"?><seg>Click <bpt i="1">&lt;b&gt;</bpt>here</seg>"#;
//! let mut xml = XmlReader::from_bytes(doc.as_bytes(), None).unwrap();
//! let XmlEvent::Start(seg) = xml.next_event().unwrap() else { panic!() };
//! let content = xml.read_inline(&seg.name).unwrap();
//! assert_eq!(content.len(), 3);
//! ```

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quick_xml::events::Event;

use crate::error::{Error, Result};
use crate::io::{Encoding, sniff};
use crate::model::{Attrs, Inline, Tag};

/// Deepest element nesting accepted. Real TMX/XLIFF nest a dozen levels; a
/// deeper document is an attack on the stack or a broken generator.
pub const MAX_DEPTH: usize = 512;
/// Largest single event (one text run, one start tag with its attributes).
pub const MAX_EVENT_BYTES: u64 = 64 * 1024 * 1024;

const CHUNK: usize = 64 * 1024;
/// Consumed spans up to this long are tracked a byte at a time (see `consume`).
const SHORT_CONSUME: usize = 64;

/// How the bytes are turned into UTF-8.
enum Decoding {
    /// Validate UTF-8 in place.
    Utf8,
    /// Transcode with encoding_rs (UTF-16, or a legacy encoding from the declaration).
    Transcode(encoding_rs::Decoder),
}

/// A [`BufRead`] of validated UTF-8 decoded from a byte source, which knows
/// the line and column of the next byte it will hand out.
///
/// Errors (invalid bytes, characters XML forbids, an event over the size
/// limit) are reported only once everything before them has been consumed,
/// so that [`TextStream::line_col`] is the exact position of the problem;
/// they surface as an `io::Error` and the precise [`Error`] is taken with
/// [`TextStream::take_failure`].
pub struct TextStream<R> {
    inner: R,
    decoding: Decoding,
    /// Bytes read but not yet decoded (an incomplete sequence at a chunk end).
    raw: Vec<u8>,
    raw_eof: bool,
    /// The transcoder has seen the end of input (it must not be called again).
    decoder_done: bool,
    /// Decoded, validated UTF-8; `out[start..]` is not consumed yet.
    out: Vec<u8>,
    start: usize,
    line: u64,
    column: u64,
    /// A problem found after the end of `out`: reported when `out` is used up.
    failure: Option<String>,
    /// The precise error of the last failed `fill_buf`.
    reported: Option<Error>,
    /// Bytes consumed since [`TextStream::mark`], and the bound on them.
    taken: u64,
    limit: u64,
    encoding_name: &'static str,
    /// Where forbidden characters are not allowed, for the message.
    context: &'static str,
}

impl<R: Read> TextStream<R> {
    /// Sniffs the encoding (BOM, UTF-16 `<?xml`, or the declaration's
    /// `encoding=`) from the first bytes of `inner`.
    pub fn new(mut inner: R) -> Result<Self> {
        let mut head = Vec::with_capacity(CHUNK);
        let mut raw_eof = false;
        // Fill at least 1 KiB (or to EOF) so the declaration can be read.
        while head.len() < 1024 {
            let mut chunk = [0u8; 1024];
            let n = read_retry(&mut inner, &mut chunk).map_err(|e| Error::io("read", e))?;
            if n == 0 {
                raw_eof = true;
                break;
            }
            head.extend_from_slice(&chunk[..n]);
        }
        let sniffed = sniff(&head);
        let (decoding, name) = match sniffed.encoding {
            Encoding::Utf16Le => (
                Decoding::Transcode(encoding_rs::UTF_16LE.new_decoder_without_bom_handling()),
                "UTF-16LE",
            ),
            Encoding::Utf16Be => (
                Decoding::Transcode(encoding_rs::UTF_16BE.new_decoder_without_bom_handling()),
                "UTF-16BE",
            ),
            Encoding::Utf8 if sniffed.bom_len > 0 => (Decoding::Utf8, "UTF-8"),
            Encoding::Utf8 => match declared_encoding(&head) {
                Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
                    // UTF-16 declared over 8-bit bytes: the bytes win.
                    Some(enc)
                        if enc == encoding_rs::UTF_8
                            || enc == encoding_rs::UTF_16LE
                            || enc == encoding_rs::UTF_16BE =>
                    {
                        (Decoding::Utf8, "UTF-8")
                    }
                    Some(enc) => (
                        Decoding::Transcode(enc.new_decoder_without_bom_handling()),
                        enc.name(),
                    ),
                    None => {
                        return Err(Error::encoding(format!(
                            "unsupported encoding '{label}' in the XML declaration"
                        ))
                        .at(1, 1));
                    }
                },
                None => (Decoding::Utf8, "UTF-8"),
            },
        };
        head.drain(..sniffed.bom_len);
        Ok(TextStream {
            inner,
            decoding,
            raw: head,
            raw_eof,
            decoder_done: false,
            out: Vec::with_capacity(CHUNK * 2),
            start: 0,
            line: 1,
            column: 1,
            failure: None,
            reported: None,
            taken: 0,
            limit: u64::MAX,
            encoding_name: name,
            context: "in XML 1.0 documents",
        })
    }

    /// For plain-text formats (CSV, TSV): the same strict decoding, with
    /// messages that do not speak of XML. Control characters are still
    /// refused, since no format concord writes could carry them.
    pub fn new_text(inner: R) -> Result<Self> {
        let mut s = Self::new(inner)?;
        s.context = "in text (a control character no TM or XML format can carry)";
        Ok(s)
    }

    /// The encoding being decoded (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub fn encoding_name(&self) -> &'static str {
        self.encoding_name
    }

    /// Line and column (1-based, column in characters) of the next unconsumed character.
    pub fn line_col(&self) -> (u64, u64) {
        (self.line, self.column)
    }

    /// Starts counting consumed bytes against `limit` (one event at a time).
    pub fn mark(&mut self, limit: u64) {
        self.taken = 0;
        self.limit = limit;
    }

    /// The precise error behind the last `io::Error` this stream returned.
    pub fn take_failure(&mut self) -> Option<Error> {
        self.reported.take()
    }

    fn fail(&mut self, err: Error) -> io::Error {
        let (line, col) = self.line_col();
        let msg = err.to_string();
        self.reported = Some(err.at(line, col));
        io::Error::new(io::ErrorKind::InvalidData, msg)
    }

    /// Reads and decodes the next chunk into `out` (which is fully consumed).
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.start = 0;
        loop {
            if (self.raw.is_empty() || self.raw.len() < 4) && !self.raw_eof {
                let old = self.raw.len();
                // `read_to_end` reads into the spare capacity without
                // zero-filling it first (files and slices implement
                // `read_buf`); `resize(old + CHUNK, 0)` cost a 64 KiB
                // memset per chunk, 1.2 % of `concord stats` in callgrind.
                // It retries interruptions and stops at CHUNK bytes or EOF.
                let n = match (&mut self.inner)
                    .take(CHUNK as u64)
                    .read_to_end(&mut self.raw)
                {
                    Ok(n) => n,
                    Err(e) => {
                        self.raw.truncate(old);
                        return Err(e);
                    }
                };
                self.raw_eof = n == 0;
            }
            self.decode_raw();
            if !self.out.is_empty() || self.failure.is_some() || self.raw_eof && self.raw.is_empty()
            {
                break;
            }
            if self.raw_eof {
                // Undecodable leftovers at the very end.
                break;
            }
        }
        if let Some(bad) = forbidden_char(&self.out, self.context) {
            let (at, what) = bad;
            self.out.truncate(at);
            // It comes before any decoding failure further on.
            self.failure = Some(what);
        }
        Ok(())
    }

    fn decode_raw(&mut self) {
        match &mut self.decoding {
            Decoding::Utf8 => {
                let valid = match std::str::from_utf8(&self.raw) {
                    Ok(_) => self.raw.len(),
                    Err(e) => {
                        let ok = e.valid_up_to();
                        if e.error_len().is_some() || self.raw_eof {
                            let byte = self.raw.get(ok).copied().unwrap_or(0);
                            self.failure = Some(if e.error_len().is_none() {
                                "invalid UTF-8: the file ends inside a multi-byte character"
                                    .to_string()
                            } else {
                                format!("invalid UTF-8 (byte 0x{byte:02X})")
                            });
                            self.raw_eof = true;
                        }
                        ok
                    }
                };
                self.out.extend_from_slice(&self.raw[..valid]);
                if self.failure.is_some() {
                    self.raw.clear();
                } else {
                    self.raw.drain(..valid);
                }
            }
            Decoding::Transcode(_) if self.decoder_done => {}
            Decoding::Transcode(decoder) => {
                let last = self.raw_eof;
                let need = decoder
                    .max_utf8_buffer_length_without_replacement(self.raw.len())
                    .unwrap_or(self.raw.len() * 3 + 16);
                let old = self.out.len();
                self.out.resize(old + need, 0);
                let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                    &self.raw,
                    &mut self.out[old..],
                    last,
                );
                self.out.truncate(old + written);
                if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                    let name = decoder.encoding().name();
                    self.failure = Some(if name.starts_with("UTF-16") {
                        if last && read == self.raw.len() {
                            "invalid UTF-16: truncated (odd number of bytes or a lone surrogate at the end)".to_string()
                        } else {
                            "invalid UTF-16: lone surrogate".to_string()
                        }
                    } else {
                        format!("invalid {name}: undecodable byte")
                    });
                    self.raw.clear();
                    self.raw_eof = true;
                } else {
                    self.raw.drain(..read);
                }
                if last {
                    self.decoder_done = true;
                }
            }
        }
    }
}

impl<R: Read> Read for TextStream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for TextStream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.taken > self.limit {
            let limit = self.limit;
            return Err(self.fail(Error::unsafe_input(format!(
                "a single element, text or tag is larger than {}",
                size(limit)
            ))));
        }
        if self.start >= self.out.len() {
            if let Some(msg) = self.failure.clone() {
                return Err(self.fail(Error::encoding(msg)));
            }
            self.refill()?;
            if self.start >= self.out.len()
                && let Some(msg) = self.failure.clone()
            {
                return Err(self.fail(Error::encoding(msg)));
            }
        }
        Ok(&self.out[self.start..])
    }

    fn consume(&mut self, amt: usize) {
        let end = (self.start + amt).min(self.out.len());
        let used = &self.out[self.start..end];
        if used.len() <= SHORT_CONSUME {
            // quick-xml consumes a tag, a `<` or a short text at a time:
            // the memchr calls below cost ~60 instructions each before
            // looking at a byte (callgrind: `memrchr` alone was 3.7 % of
            // loading a TMX, 334k calls for 10k units). One pass instead.
            for &b in used {
                if b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else {
                    self.column += u64::from((b & 0xC0) != 0x80);
                }
            }
            self.taken += used.len() as u64;
            self.start = end;
            return;
        }
        match memchr::memrchr(b'\n', used) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', used).count() as u64;
                self.column = 1 + count_chars(&used[last + 1..]);
            }
            None => self.column += count_chars(used),
        }
        self.taken += (end - self.start) as u64;
        self.start = end;
    }
}

/// `64 MiB`, or bytes for small limits.
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

fn read_retry<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Characters in valid UTF-8: every byte that does not continue a sequence.
///
/// Runs on every consumed byte (quick-xml consumes each text run and tag):
/// callgrind put the filter-and-count form at ~5 instructions a byte. Summing
/// per-byte flags into a `u8` over blocks of at most 255 lets the compiler
/// vectorise it.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|block| {
            u64::from(
                block
                    .iter()
                    .fold(0u8, |n, &b| n + u8::from((b & 0xC0) != 0x80)),
            )
        })
        .sum()
}

/// The first character XML 1.0 cannot hold (C0 controls other than tab, LF,
/// CR; U+FFFE; U+FFFF), as byte offset and message.
///
/// Every decoded byte passes through here. A byte-by-byte loop was 4–9 % of
/// `concord stats` in the profile, so blocks are first screened with
/// branch-free folds the compiler vectorises: a control byte, or `BF BE` /
/// `BF BF` (the tail of U+FFFE/U+FFFF, rare in real text). Only a block that
/// trips the screen is scanned exactly.
fn forbidden_char(utf8: &[u8], context: &str) -> Option<(usize, String)> {
    const BLOCK: usize = 64;
    let mut at = 0;
    while at < utf8.len() {
        let end = (at + BLOCK).min(utf8.len());
        let block = &utf8[at..end];
        let control = block.iter().fold(false, |acc, &b| {
            acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
        });
        // Pairs starting anywhere in the block, one byte past it included,
        // so a U+FFFE whose `EF` is the block's last byte is still caught.
        let tail = &utf8[at..(end + 2).min(utf8.len())];
        let nonchar = tail
            .iter()
            .zip(tail.iter().skip(1))
            .fold(false, |acc, (&a, &b)| acc | ((a == 0xBF) & (b >= 0xBE)));
        if (control || nonchar)
            && let Some(found) = forbidden_char_exact(utf8, at, end, context)
        {
            return Some(found);
        }
        at = end;
    }
    None
}

/// The byte-by-byte scan of `utf8[from..to]` behind [`forbidden_char`].
fn forbidden_char_exact(
    utf8: &[u8],
    from: usize,
    to: usize,
    context: &str,
) -> Option<(usize, String)> {
    let mut i = from;
    while i < to {
        let b = utf8[i];
        if b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' {
            return Some((i, format!("character U+{b:04X} is not allowed {context}")));
        }
        if b == 0xEF
            && utf8.get(i + 1) == Some(&0xBF)
            && let Some(&c @ (0xBE | 0xBF)) = utf8.get(i + 2)
        {
            let cp = if c == 0xBE { 0xFFFE } else { 0xFFFF };
            return Some((i, format!("character U+{cp:04X} is not allowed {context}")));
        }
        i += 1;
    }
    None
}

/// The `encoding="…"` of an XML declaration at the very start of `head`.
fn declared_encoding(head: &[u8]) -> Option<String> {
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let decl = text.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(value[..end].trim().to_string())
}

/// Whether `s` is an XML name as attribute names must be (letters, digits and
/// `- _ . :`, not starting with a digit, `-` or `.`). quick-xml does not check
/// names; a name such as ``changedate` `` is not well-formed XML, and
/// accepting it would let it reach writers that cannot represent it.
pub fn is_xml_name(s: &str) -> bool {
    // Every name in real files is ASCII: check it by bytes (the char loop
    // was ~130 instructions an attribute in callgrind).
    if let Some((&first, rest)) = s.as_bytes().split_first()
        && s.is_ascii()
    {
        return (first.is_ascii_alphabetic() || first == b'_' || first == b':')
            && rest
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    }
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Is `c` a character XML 1.0 allows?
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The expansion of `&name;`: the five predefined entities and character
/// references only. Anything else is an error (concord never reads entity
/// declarations, so no other entity can be defined).
pub fn resolve_reference(name: &str) -> std::result::Result<char, String> {
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => {
            let Some(num) = name.strip_prefix('#') else {
                return Err(format!(
                    "undefined entity &{name}; (only &lt; &gt; &amp; &apos; &quot; and character references are allowed)"
                ));
            };
            let code = match num.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()
                }
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse::<u32>().ok()
                }
                _ => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if is_xml_char(c) => Ok(c),
                Some(c) => Err(format!(
                    "character reference &{name}; is U+{:04X}, which XML 1.0 does not allow",
                    c as u32
                )),
                None => Err(format!("invalid character reference &{name};")),
            }
        }
    }
}

fn push_normalized_eols(raw: &str, out: &mut String) {
    if !raw.contains('\r') {
        out.push_str(raw);
        return;
    }
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
}

/// Decodes a raw attribute value: references expanded, white space
/// normalised as XML 1.0 §3.3.3 says (literal tab, CR, LF become spaces;
/// `&#10;` stays a line feed).
pub fn attribute_value(raw: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        // A byte scan: all five are ASCII, so their offsets are character
        // boundaries. `find` with a char array decoded every character
        // (~330 instructions per attribute value in callgrind).
        let Some(i) = rest
            .bytes()
            .position(|b| matches!(b, b'&' | b'<' | b'\t' | b'\r' | b'\n'))
        else {
            out.push_str(rest);
            return Ok(out);
        };
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        match c {
            b'<' => return Err("'<' is not allowed in an attribute value".to_string()),
            b'\r' => {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                out.push(' ');
            }
            b'\t' | b'\n' => out.push(' '),
            _ => {
                let Some(end) = rest.find(';') else {
                    return Err("'&' without ';' in an attribute value (write &amp;)".to_string());
                };
                out.push(resolve_reference(&rest[..end])?);
                rest = &rest[end + 1..];
            }
        }
    }
}

/// A start tag: name as written (with any prefix) and attributes in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attrs: Attrs,
    /// Position of the `<`.
    pub line: u64,
    pub column: u64,
}

impl StartTag {
    /// The name without a namespace prefix (`xliff` of `x:xliff`).
    pub fn local_name(&self) -> &str {
        local_name(&self.name)
    }
}

/// The name without a namespace prefix.
pub fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// What [`XmlReader::next_event`] returns. Comments, processing instructions,
/// the declaration and the DOCTYPE are consumed silently (after the safety
/// checks); empty elements come as a start and an end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlEvent {
    Start(StartTag),
    /// An end tag (its name as written).
    End(String),
    /// Character data, CDATA and references between two tags, merged.
    Text(String),
    Eof,
}

struct Open {
    name: String,
    line: u64,
    column: u64,
}

/// A safe, position-tracking XML pull reader over a [`TextStream`].
pub struct XmlReader<R: Read> {
    xml: quick_xml::Reader<TextStream<R>>,
    buf: Vec<u8>,
    /// The text run being merged, reused from event to event.
    run: String,
    file: Option<Arc<PathBuf>>,
    stack: Vec<Open>,
    /// An event read ahead while merging text.
    pending: Option<(XmlEvent, (u64, u64))>,
    /// Start of the last event returned.
    pos: (u64, u64),
    root_seen: bool,
    done: bool,
    max_depth: usize,
    max_event_bytes: u64,
}

impl XmlReader<File> {
    /// Opens `path` for streaming.
    pub fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
        XmlReader::new(file, Some(path))
    }
}

impl<'a> XmlReader<&'a [u8]> {
    /// Reads from bytes in memory (any supported encoding).
    pub fn from_bytes(bytes: &'a [u8], file: Option<&Path>) -> Result<Self> {
        XmlReader::new(bytes, file)
    }
}

impl<R: Read> XmlReader<R> {
    /// Reads from any byte source; `file` names it in errors.
    pub fn new(source: R, file: Option<&Path>) -> Result<Self> {
        let file = file.map(|p| Arc::new(p.to_path_buf()));
        let stream = TextStream::new(source).map_err(|e| match &file {
            Some(f) => e.in_file(f.as_path()),
            None => e,
        })?;
        let mut stream = stream;
        // quick-xml silently drops a UTF-8 BOM at the start of what it reads;
        // after our own BOM handling, one there is a second BOM in the file:
        // a character before the document, which XML does not allow.
        let second_bom = match stream.fill_buf() {
            Ok(head) => head.starts_with("\u{FEFF}".as_bytes()),
            Err(e) => {
                let err = stream
                    .take_failure()
                    .unwrap_or_else(|| Error::io("read", e));
                return Err(match &file {
                    Some(f) => err.in_file(f.as_path()),
                    None => err,
                });
            }
        };
        if second_bom {
            let err =
                Error::xml("a second byte-order mark (U+FEFF) before the document; remove it")
                    .at(1, 1);
            return Err(match &file {
                Some(f) => err.in_file(f.as_path()),
                None => err,
            });
        }
        let mut xml = quick_xml::Reader::from_reader(stream);
        let config = xml.config_mut();
        config.expand_empty_elements = true;
        // We match end tags ourselves, for messages that say where the start was.
        config.check_end_names = false;
        config.check_comments = true;
        config.trim_text(false);
        Ok(XmlReader {
            xml,
            buf: Vec::with_capacity(4096),
            run: String::new(),
            file,
            stack: Vec::new(),
            pending: None,
            pos: (1, 1),
            root_seen: false,
            done: false,
            max_depth: MAX_DEPTH,
            max_event_bytes: MAX_EVENT_BYTES,
        })
    }

    /// Replaces the default limits ([`MAX_DEPTH`], [`MAX_EVENT_BYTES`]).
    pub fn set_limits(&mut self, max_depth: usize, max_event_bytes: u64) {
        self.max_depth = max_depth;
        self.max_event_bytes = max_event_bytes;
    }

    /// The file being read, shared (units keep it as their origin).
    pub fn file(&self) -> Option<&Arc<PathBuf>> {
        self.file.as_ref()
    }

    /// Line and column of the start of the last event returned.
    pub fn position(&self) -> (u64, u64) {
        self.pos
    }

    /// Current nesting depth (1 inside the root element).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The encoding the document is decoded from.
    pub fn encoding_name(&self) -> &'static str {
        self.xml.get_ref().encoding_name()
    }

    /// `err` positioned at the last event and in this file.
    pub fn error(&self, err: Error) -> Error {
        self.error_at(err, self.pos)
    }

    /// `err` positioned at `pos` and in this file.
    pub fn error_at(&self, err: Error, pos: (u64, u64)) -> Error {
        let err = err.at(pos.0, pos.1);
        match &self.file {
            Some(f) => err.in_file(f.as_path()),
            None => err,
        }
    }

    fn in_file(&self, err: Error) -> Error {
        match &self.file {
            Some(f) => err.in_file(f.as_path()),
            None => err,
        }
    }

    /// The next event. After an error the reader keeps returning errors
    /// rather than guessing its way on.
    pub fn next_event(&mut self) -> Result<XmlEvent> {
        self.next_event_skipping(false)
    }

    /// The next event that is not white space between elements. Non-blank
    /// text is returned (element-only content such as `<tu>` rejects it).
    pub fn next_significant(&mut self) -> Result<XmlEvent> {
        self.next_event_skipping(true)
    }

    /// [`XmlReader::next_event`], dropping a blank text run without
    /// allocating it when `skip_blank` is set.
    ///
    /// Text pieces (character data, CDATA, references) are merged into one
    /// reused buffer; a text event gets an exact-size copy of it. The
    /// profile of loading a TMX counted ~42 allocations per unit, about five
    /// of them the white space between `<tu>`, `<prop>` and `<tuv>` that
    /// `next_significant` then threw away, plus one per merged piece.
    fn next_event_skipping(&mut self, skip_blank: bool) -> Result<XmlEvent> {
        if let Some((ev, pos)) = self.pending.take() {
            self.pos = pos;
            return Ok(ev);
        }
        let mut run = std::mem::take(&mut self.run);
        run.clear();
        let result = self.merge_text(&mut run, skip_blank);
        self.run = run;
        if result.is_err() {
            self.done = true;
        }
        result
    }

    fn merge_text(&mut self, run: &mut String, skip_blank: bool) -> Result<XmlEvent> {
        // Start and depth of the text run being merged into `run`.
        let mut text_at: Option<((u64, u64), usize)> = None;
        loop {
            let depth = self.stack.len();
            let at = self.xml.get_ref().line_col();
            match self.raw_event(at, run)? {
                Raw::Skip => {}
                Raw::TextAppended => {
                    if text_at.is_none() {
                        text_at = Some((at, depth));
                    }
                }
                Raw::Event(ev) => {
                    let Some((tpos, tdepth)) = text_at else {
                        self.pos = at;
                        return Ok(ev);
                    };
                    self.check_text_placement(run, tpos, tdepth)?;
                    // White space outside the root is not content.
                    if tdepth == 0 || skip_blank && run.trim().is_empty() {
                        self.pos = at;
                        return Ok(ev);
                    }
                    self.pending = Some((ev, at));
                    self.pos = tpos;
                    return Ok(XmlEvent::Text(run.as_str().to_owned()));
                }
            }
        }
    }

    fn check_text_placement(&self, text: &str, pos: (u64, u64), depth: usize) -> Result<()> {
        if depth == 0 && !text.trim().is_empty() {
            let what = if self.root_seen {
                "text after the root element"
            } else {
                "text before the root element"
            };
            return Err(self.error_at(Error::xml(what), pos));
        }
        if text.len() as u64 > self.max_event_bytes {
            return Err(self.error_at(
                Error::unsafe_input(format!(
                    "a text run is larger than {}",
                    size(self.max_event_bytes)
                )),
                pos,
            ));
        }
        Ok(())
    }

    /// Reads one quick-xml event; text pieces are appended to `text`.
    fn raw_event(&mut self, at: (u64, u64), text: &mut String) -> Result<Raw> {
        if self.done {
            return Err(self.error_at(
                Error::xml("reading past an earlier error or the end of the document"),
                at,
            ));
        }
        self.buf.clear();
        self.xml.get_mut().mark(self.max_event_bytes);
        let event = match self.xml.read_event_into(&mut self.buf) {
            Ok(ev) => ev,
            Err(e) => {
                let failure = self.xml.get_mut().take_failure();
                return Err(match failure {
                    // Too large: point at the start of the event, not where counting stopped.
                    Some(f) if matches!(f.kind(), crate::error::ErrorKind::Unsafe(_)) => {
                        self.error_at(f, at)
                    }
                    Some(f) => self.in_file(f),
                    None => self.error_at(convert_xml_error(e), at),
                });
            }
        };
        let file = self.file.clone();
        let err_at = |e: Error| {
            let e = e.at(at.0, at.1);
            match &file {
                Some(f) => e.in_file(f.as_path()),
                None => e,
            }
        };
        Ok(match event {
            Event::Start(start) => {
                if self.stack.is_empty() && self.root_seen {
                    return Err(err_at(Error::xml("a second root element")));
                }
                if self.stack.len() >= self.max_depth {
                    return Err(err_at(Error::unsafe_input(format!(
                        "elements nested deeper than {}",
                        self.max_depth
                    ))));
                }
                let name = start.name().as_ref().to_string();
                let mut attrs = Attrs::new();
                // Names seen so far, hashed once the list is long: a linear
                // scan per attribute made 50,000 attributes take minutes.
                let mut seen: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
                for attr in start.attributes().with_checks(false) {
                    let attr = attr.map_err(|e| {
                        let (offset, what) = describe_attr_error(&e);
                        let content: &str = &start;
                        let (line, col) = offset_in_tag(at, content, offset);
                        let e =
                            Error::xml(format!("bad attribute in <{name}>: {what}")).at(line, col);
                        match &file {
                            Some(f) => e.in_file(f.as_path()),
                            None => e,
                        }
                    })?;
                    let key = attr.key.as_ref().to_string();
                    if !is_xml_name(&key) {
                        return Err(err_at(Error::xml(format!(
                            "'{key}' in <{name}> is not a valid attribute name"
                        ))));
                    }
                    let duplicate = if attrs.len() < 16 {
                        attrs.get(&key).is_some()
                    } else {
                        if seen.is_empty() {
                            seen.extend(attrs.iter().map(|(n, _)| n.as_bytes().to_vec()));
                        }
                        !seen.insert(key.as_bytes().to_vec())
                    };
                    if duplicate {
                        return Err(err_at(Error::xml(format!(
                            "duplicate attribute '{key}' in <{name}>"
                        ))));
                    }
                    let value = attribute_value(&attr.value).map_err(|m| {
                        err_at(Error::xml(format!("attribute '{key}' of <{name}>: {m}")))
                    })?;
                    attrs.0.push((key, value));
                }
                self.root_seen = true;
                self.stack.push(Open {
                    name: name.clone(),
                    line: at.0,
                    column: at.1,
                });
                Raw::Event(XmlEvent::Start(StartTag {
                    name,
                    attrs,
                    line: at.0,
                    column: at.1,
                }))
            }
            Event::End(end) => {
                let name: &str = end.name().into_inner();
                match self.stack.pop() {
                    // The name was allocated for the start tag: reuse it.
                    Some(open) if open.name == name => Raw::Event(XmlEvent::End(open.name)),
                    Some(open) => {
                        return Err(err_at(Error::xml(format!(
                            "mismatched end tag: expected </{}> (opened at {}:{}), found </{name}>",
                            open.name, open.line, open.column
                        ))));
                    }
                    None => {
                        return Err(err_at(Error::xml(format!(
                            "end tag </{name}> without a start tag"
                        ))));
                    }
                }
            }
            Event::Empty(_) => {
                // expand_empty_elements is on; never produced.
                Raw::Skip
            }
            Event::Text(t) => {
                // End-of-line normalisation cannot make or break a `]]>`.
                if t.contains(']') && t.contains("]]>") {
                    return Err(err_at(Error::xml("']]>' is not allowed in text")));
                }
                push_normalized_eols(&t, text);
                Raw::TextAppended
            }
            Event::CData(c) => {
                push_normalized_eols(&c, text);
                Raw::TextAppended
            }
            Event::GeneralRef(r) => {
                let c = resolve_reference(&r).map_err(|m| err_at(Error::xml(m)))?;
                text.push(c);
                Raw::TextAppended
            }
            Event::DocType(d) => {
                check_doctype(&d).map_err(&err_at)?;
                Raw::Skip
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => Raw::Skip,
            Event::Eof => {
                if let Some(open) = self.stack.last() {
                    return Err(err_at(Error::xml(format!(
                        "unexpected end of file: <{}> opened at {}:{} is not closed (truncated file?)",
                        open.name, open.line, open.column
                    ))));
                }
                if !self.root_seen {
                    return Err(err_at(Error::xml("no root element (empty file?)")));
                }
                self.done = true;
                Raw::Event(XmlEvent::Eof)
            }
        })
    }

    /// Reads the text content of the element whose start tag was just read,
    /// up to its end tag. Child elements are an error (`<prop>`, `<note>`
    /// hold text only).
    pub fn read_text_content(&mut self, name: &str) -> Result<String> {
        let mut out = String::new();
        loop {
            match self.next_event()? {
                // Usually the only piece: take it rather than copy it.
                XmlEvent::Text(t) if out.is_empty() => out = t,
                XmlEvent::Text(t) => out.push_str(&t),
                XmlEvent::End(_) => return Ok(out),
                XmlEvent::Start(s) => {
                    return Err(self.error(Error::format(format!(
                        "<{}> is not allowed inside <{name}> (text only)",
                        s.name
                    ))));
                }
                XmlEvent::Eof => {
                    return Err(
                        self.error(Error::xml(format!("unexpected end of file in <{name}>")))
                    );
                }
            }
        }
    }

    /// Reads mixed content (text and elements, recursively) up to the end
    /// tag of the element whose start tag was just read. Element names lose
    /// their namespace prefix; attributes are kept as written.
    pub fn read_inline(&mut self, name: &str) -> Result<Vec<Inline>> {
        // Explicit stack instead of recursion: depth is already bounded, but
        // this keeps the native stack flat whatever MAX_DEPTH is.
        let mut frames: Vec<(Tag, Vec<Inline>)> = Vec::new();
        let mut current: Vec<Inline> = Vec::new();
        loop {
            match self.next_event()? {
                XmlEvent::Text(t) => match current.last_mut() {
                    Some(Inline::Text(prev)) => prev.push_str(&t),
                    _ => current.push(Inline::Text(t)),
                },
                XmlEvent::Start(s) => {
                    let tag = Tag {
                        name: local_name(&s.name).to_string(),
                        attrs: s.attrs,
                        children: Vec::new(),
                    };
                    frames.push((tag, std::mem::take(&mut current)));
                }
                XmlEvent::End(_) => match frames.pop() {
                    Some((mut tag, parent)) => {
                        tag.children = std::mem::replace(&mut current, parent);
                        current.push(Inline::Tag(tag));
                    }
                    None => return Ok(current),
                },
                XmlEvent::Eof => {
                    return Err(
                        self.error(Error::xml(format!("unexpected end of file in <{name}>")))
                    );
                }
            }
        }
    }

    /// Skips everything up to the end tag of the element whose start tag was just read.
    pub fn skip_element(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next_event()? {
                XmlEvent::Start(_) => depth += 1,
                XmlEvent::End(_) if depth == 0 => return Ok(()),
                XmlEvent::End(_) => depth -= 1,
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => {
                    return Err(self.error(Error::xml("unexpected end of file")));
                }
            }
        }
    }
}

enum Raw {
    Event(XmlEvent),
    /// Text was appended to the run being merged.
    TextAppended,
    Skip,
}

/// Offset (in the tag content after `<`) and message of an attribute syntax error.
fn describe_attr_error(e: &quick_xml::events::attributes::AttrError) -> (usize, String) {
    use quick_xml::events::attributes::AttrError as A;
    match *e {
        A::ExpectedEq(p) => (p, "expected '=' after the attribute name".into()),
        A::ExpectedValue(p) => (p, "expected a value after '='".into()),
        A::UnquotedValue(p) => (p, "attribute value without quotes".into()),
        A::ExpectedQuote(p, q) => (p, format!("attribute value not closed with {}", q as char)),
        A::Duplicated(p, _) => (p, "duplicate attribute".into()),
    }
}

/// Line and column of byte `offset` of a start tag's content, the tag's `<` being at `at`.
fn offset_in_tag(at: (u64, u64), content: &str, offset: usize) -> (u64, u64) {
    let mut cut = offset.min(content.len());
    while !content.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &content[..cut];
    match before.rfind('\n') {
        Some(nl) => (
            at.0 + before.matches('\n').count() as u64,
            before[nl + 1..].chars().count() as u64 + 1,
        ),
        None => (at.0, at.1 + 1 + before.chars().count() as u64),
    }
}

/// A DOCTYPE may name an external DTD (ignored, never fetched). An internal
/// subset that declares entities is refused: expanding them is how billion
/// laughs and external-entity (XXE) attacks work, and no TM format needs them.
fn check_doctype(content: &str) -> Result<()> {
    if let Some(open) = content.find('[') {
        let subset = &content[open..];
        if subset.contains("<!ENTITY") {
            return Err(Error::unsafe_input(
                "DOCTYPE declares entities (<!ENTITY …>); concord never expands entity declarations",
            ));
        }
        if subset.contains('%') {
            return Err(Error::unsafe_input(
                "DOCTYPE uses parameter entities; concord never expands entity declarations",
            ));
        }
    }
    Ok(())
}

fn convert_xml_error(e: quick_xml::Error) -> Error {
    use quick_xml::errors::{Error as QE, IllFormedError, SyntaxError};
    match e {
        QE::Syntax(SyntaxError::UnclosedTag) => {
            Error::xml("unclosed tag (missing '>', or the file is truncated)")
        }
        QE::Syntax(SyntaxError::UnclosedCData) => Error::xml("unclosed CDATA section"),
        QE::Syntax(SyntaxError::UnclosedComment) => Error::xml("unclosed comment"),
        QE::Syntax(SyntaxError::UnclosedDoctype) => Error::xml("unclosed DOCTYPE"),
        QE::Syntax(s) => Error::xml(s.to_string()),
        QE::IllFormed(IllFormedError::UnclosedReference) => {
            Error::xml("'&' without ';' (write &amp; for an ampersand)")
        }
        QE::IllFormed(i) => Error::xml(i.to_string()),
        QE::Io(io) => Error::io("read", io::Error::new(io.kind(), io.to_string())),
        QE::Encoding(enc) => Error::encoding(enc.to_string()),
        other => Error::xml(other.to_string()),
    }
}

/// Escapes text content: `&`, `<`, `>`.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

/// Escapes an attribute value (in double quotes): `&`, `<`, `>`, `"`, and
/// tab/CR/LF as character references so they survive attribute normalisation.
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

fn escape_with(s: &str, attr: bool) -> Cow<'_, str> {
    let needs = |c: char| match c {
        '&' | '<' | '>' => true,
        '"' | '\t' | '\n' => attr,
        '\r' => true,
        _ => false,
    };
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            // A literal CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The first character of `s` that XML 1.0 cannot hold, if any.
pub fn first_forbidden(s: &str) -> Option<char> {
    s.chars().find(|&c| !is_xml_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_chars_counts_utf8_characters() {
        let text = "中国，ab\u{1F600}é".repeat(300);
        assert_eq!(count_chars(text.as_bytes()), text.chars().count() as u64);
        assert_eq!(count_chars(b""), 0);
    }

    /// The screened scan finds exactly what the byte-by-byte scan finds,
    /// wherever the bad character falls relative to the 64-byte blocks.
    #[test]
    fn forbidden_char_screen_matches_exact_scan() {
        let bads: [&[u8]; 5] = [
            b"\x01",
            b"\x1F",
            "\u{FFFE}".as_bytes(),
            "\u{FFFF}".as_bytes(),
            b"\x0B",
        ];
        let fillers: [&str; 3] = ["a\tb\nc\r", "中国，“一带一路”", "\u{9FFE}\u{FFFD}\u{EFBF}x"];
        for filler in fillers {
            let mut base = String::new();
            while base.len() < 200 {
                base.push_str(filler);
            }
            let base = base.as_bytes();
            assert_eq!(
                forbidden_char(base, "c"),
                forbidden_char_exact(base, 0, base.len(), "c")
            );
            for bad in bads {
                for pos in 0..base.len() {
                    let mut doc = base[..pos].to_vec();
                    doc.extend_from_slice(bad);
                    doc.extend_from_slice(&base[pos..]);
                    let exact = forbidden_char_exact(&doc, 0, doc.len(), "c");
                    assert!(exact.is_some());
                    assert_eq!(
                        forbidden_char(&doc, "c"),
                        exact,
                        "{filler:?} {bad:?} at {pos}"
                    );
                }
            }
        }
    }

    fn events(doc: &[u8]) -> Result<Vec<XmlEvent>> {
        let mut r = XmlReader::from_bytes(doc, Some(Path::new("t.xml")))?;
        let mut out = Vec::new();
        loop {
            let ev = r.next_event()?;
            if ev == XmlEvent::Eof {
                return Ok(out);
            }
            out.push(ev);
        }
    }

    fn err(doc: &[u8]) -> String {
        events(doc).unwrap_err().to_string()
    }

    #[test]
    fn merges_text_refs_and_cdata() {
        let ev = events(b"<a>x &amp; y&#x4E2D;<![CDATA[<z>]]>\r\n</a>").unwrap();
        assert_eq!(ev[1], XmlEvent::Text("x & y中<z>\n".into()));
    }

    #[test]
    fn attributes_keep_order_and_decode() {
        let ev = events(b"<a z='1' xml:lang=\"zh&#45;CN\" b='x&#10;y\tz'/>").unwrap();
        let XmlEvent::Start(s) = &ev[0] else { panic!() };
        assert_eq!(
            s.attrs.iter().collect::<Vec<_>>(),
            [("z", "1"), ("xml:lang", "zh-CN"), ("b", "x\ny z")]
        );
        assert_eq!(ev[1], XmlEvent::End("a".into()));
    }

    #[test]
    fn duplicate_attribute_is_an_error() {
        assert_eq!(
            err(b"<a>\n  <b x='1' x='2'/></a>"),
            "t.xml:2:3: malformed XML: duplicate attribute 'x' in <b>"
        );
    }

    #[test]
    fn entity_declarations_are_refused() {
        let doc = b"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
        let e = err(doc);
        assert!(
            e.starts_with("t.xml:2:1: refused: DOCTYPE declares entities"),
            "{e}"
        );
    }

    #[test]
    fn external_dtd_reference_is_ignored() {
        let ev = events(b"<!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx/>").unwrap();
        assert_eq!(ev.len(), 2);
    }

    #[test]
    fn undefined_entity_is_an_error() {
        assert_eq!(
            err(b"<a>\n x &nbsp; y</a>"),
            "t.xml:2:4: malformed XML: undefined entity &nbsp; (only &lt; &gt; &amp; &apos; &quot; and character references are allowed)"
        );
        assert!(err(b"<a>&#1;</a>").contains("U+0001"));
        assert!(err(b"<a b='&foo;'/>").contains("undefined entity &foo;"));
    }

    #[test]
    fn mismatched_and_truncated() {
        assert_eq!(
            err(b"<a>\n<b></c></a>"),
            "t.xml:2:4: malformed XML: mismatched end tag: expected </b> (opened at 2:1), found </c>"
        );
        let e = err(b"<a>\n <b>text");
        assert!(e.contains("<b> opened at 2:2 is not closed"), "{e}");
        let e = err(b"<a>\n <b x='1");
        assert!(e.starts_with("t.xml:2:2: malformed XML"), "{e}");
    }

    #[test]
    fn invalid_utf8_position() {
        let e = err(b"<a>\nok \xFF</a>");
        assert_eq!(e, "t.xml:2:4: invalid UTF-8 (byte 0xFF)");
    }

    #[test]
    fn forbidden_control_character() {
        let e = err(b"<a>\n\x01</a>");
        assert_eq!(
            e,
            "t.xml:2:1: character U+0001 is not allowed in XML 1.0 documents"
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>中文\u{1F600}</a>";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be: Vec<u8> = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let nobom: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        for doc in [le, be, nobom] {
            let ev = events(&doc).unwrap();
            assert_eq!(ev[1], XmlEvent::Text("中文\u{1F600}".into()));
        }
    }

    #[test]
    fn utf16_lone_surrogate() {
        let mut doc: Vec<u8> = vec![0xFF, 0xFE];
        doc.extend("<a>\nx".encode_utf16().flat_map(|u| u.to_le_bytes()));
        doc.extend([0x00, 0xD8]);
        doc.extend("y</a>".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(err(&doc), "t.xml:2:2: invalid UTF-16: lone surrogate");
    }

    #[test]
    fn legacy_encoding_from_declaration() {
        let ev = events(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xE9</a>").unwrap();
        assert_eq!(ev[1], XmlEvent::Text("café".into()));
    }

    #[test]
    fn depth_limit() {
        let doc = "<a>".repeat(MAX_DEPTH + 1);
        assert!(err(doc.as_bytes()).contains("nested deeper than 512"));
    }

    #[test]
    fn size_limit() {
        let doc = format!("<a>\n<b x='{}'/></a>", "y".repeat(5000));
        let mut r = XmlReader::from_bytes(doc.as_bytes(), Some(Path::new("t.xml"))).unwrap();
        r.set_limits(MAX_DEPTH, 1000);
        r.next_event().unwrap();
        let e = r.next_event().unwrap_err().to_string();
        assert_eq!(
            e,
            "t.xml:2:1: refused: a single element, text or tag is larger than 1000 bytes"
        );
        let doc = format!("<a>{}</a>", "z".repeat(5000));
        let mut r = XmlReader::from_bytes(doc.as_bytes(), None).unwrap();
        r.set_limits(MAX_DEPTH, 1000);
        r.next_event().unwrap();
        assert!(
            r.next_event()
                .unwrap_err()
                .to_string()
                .contains("larger than 1000 bytes")
        );
    }

    #[test]
    fn second_bom_is_an_error() {
        let e = err(b"\xEF\xBB\xBF\xEF\xBB\xBF<a/>");
        assert_eq!(
            e,
            "t.xml:1:1: malformed XML: a second byte-order mark (U+FEFF) before the document; remove it"
        );
        assert_eq!(events(b"\xEF\xBB\xBF<a/>").unwrap().len(), 2);
    }

    #[test]
    fn root_rules() {
        assert!(err(b"").contains("no root element"));
        assert!(err(b"<a/><b/>").contains("second root element"));
        assert!(err(b"<a/>junk").contains("text after the root element"));
    }

    #[test]
    fn inline_tree() {
        let mut r = XmlReader::from_bytes(
            b"<seg>a<bpt i='1'>{b}</bpt>b<hi x='1'>c<ph/></hi></seg>",
            None,
        )
        .unwrap();
        let XmlEvent::Start(s) = r.next_event().unwrap() else {
            panic!()
        };
        let inl = r.read_inline(&s.name).unwrap();
        assert_eq!(inl.len(), 4);
        let Inline::Tag(hi) = &inl[3] else { panic!() };
        assert_eq!(hi.name, "hi");
        assert_eq!(hi.children.len(), 2);
        assert_eq!(r.next_event().unwrap(), XmlEvent::Eof);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("a<b>&\"c"), "a&lt;b&gt;&amp;\"c");
        assert_eq!(escape_attr("a\"\n"), "a&quot;&#10;");
        assert_eq!(
            attribute_value(&escape_attr("x\t\"y\n")).unwrap(),
            "x\t\"y\n"
        );
    }

    #[test]
    fn stream_positions_across_chunks() {
        // A long document crosses many decode chunks; positions stay exact.
        let mut doc = String::from("<a>\n");
        for i in 0..20000 {
            doc.push_str(&format!("<b n='{i}'>中文 text</b>\n"));
        }
        doc.push_str("<c>&bogus;</c></a>");
        let e = err(doc.as_bytes());
        assert!(e.starts_with("t.xml:20002:4:"), "{e}");
    }

    /// Line and column after consuming `doc` in steps of `step` bytes
    /// (short steps take the byte-at-a-time path of `consume`, long ones the
    /// memchr path), checked against a character-by-character count.
    #[test]
    fn consume_tracks_positions_in_short_and_long_steps() {
        let doc = "<a>\n中文 text\r\n\n<b x='é'>\u{1F600}\n  </b>".repeat(40);
        for step in [
            1,
            3,
            7,
            SHORT_CONSUME - 1,
            SHORT_CONSUME,
            SHORT_CONSUME + 1,
            200,
            5000,
        ] {
            let mut stream = TextStream::new(doc.as_bytes()).unwrap();
            let mut consumed = 0;
            loop {
                let avail = stream.fill_buf().unwrap().len();
                if avail == 0 {
                    break;
                }
                // Stop inside a character now and then: quick-xml never
                // does, but the count must stay a count of lead bytes.
                let n = avail.min(step);
                stream.consume(n);
                consumed += n;
                let before = &doc.as_bytes()[..consumed];
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
                let tail = match before.iter().rposition(|&b| b == b'\n') {
                    Some(nl) => &before[nl + 1..],
                    None => before,
                };
                let column = 1 + tail.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u64;
                assert_eq!(
                    stream.line_col(),
                    (line, column),
                    "step {step} at {consumed}"
                );
            }
            assert_eq!(consumed, doc.len());
        }
    }

    /// `next_significant` drops blank runs (also when merged from several
    /// pieces, also Unicode white space, as `trim` sees it) and keeps every
    /// other run whole; `next_event` still returns the blank ones.
    #[test]
    fn next_significant_skips_only_blank_runs() {
        let doc = "<a>\n  <b/>&#32;<![CDATA[ ]]>\u{3000}<c/> x&#x41; <d/>\n</a>";
        let read = |significant: bool| {
            let mut r = XmlReader::from_bytes(doc.as_bytes(), None).unwrap();
            let mut out = Vec::new();
            loop {
                let ev = if significant {
                    r.next_significant().unwrap()
                } else {
                    r.next_event().unwrap()
                };
                if ev == XmlEvent::Eof {
                    return out;
                }
                out.push((ev, r.position()));
            }
        };
        let all = read(false);
        let texts: Vec<_> = all
            .iter()
            .filter_map(|(ev, _)| match ev {
                XmlEvent::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["\n  ", "  \u{3000}", " xA ", "\n"]);
        // What `next_significant` did before it skipped without allocating.
        let expected: Vec<_> = all
            .into_iter()
            .filter(|(ev, _)| !matches!(ev, XmlEvent::Text(t) if t.trim().is_empty()))
            .collect();
        assert_eq!(expected.len(), 9);
        assert_eq!(expected[5], (XmlEvent::Text(" xA ".into()), (2, 30)));
        assert_eq!(read(true), expected);
    }

    #[test]
    fn attribute_names_must_be_xml_names() {
        assert!(
            is_xml_name("xml:lang") && is_xml_name("creationtoolversion") && is_xml_name("x-ü_1.a")
        );
        assert!(is_xml_name("_a") && is_xml_name(":a") && is_xml_name("é1"));
        assert!(!is_xml_name("a b") && !is_xml_name(".a") && !is_xml_name("a\u{2028}"));
        // The ASCII fast path agrees with the general rule on every byte.
        let general = |s: &str| {
            let mut chars = s.chars();
            matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == ':')
                && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        };
        for b in 0u8..128 {
            let c = b as char;
            for name in [format!("{c}"), format!("a{c}"), format!("{c}a")] {
                assert_eq!(is_xml_name(&name), general(&name), "{name:?}");
            }
        }
        assert!(
            !is_xml_name("changedate`")
                && !is_xml_name("1a")
                && !is_xml_name("-a")
                && !is_xml_name("")
        );
    }
}
