//! The hostile-input corpus: files that try to crash, trick or exhaust a
//! reader, generated at test time (nothing big is committed).
//!
//! Every case names the format it attacks, its bytes (or a generated file for
//! the 200 MB ones) and the exact outcome concord must produce: a clear error
//! at a given line, or a documented safe reading (docs/hostile-inputs.md).
//!
//! Hostile URLs point at a listener the test opens on 127.0.0.1, and file://
//! URLs at a canary file, so a reader that fetched anything is caught instead
//! of silently reaching the network.

#![allow(dead_code)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file kinds the corpus attacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Xliff,
    Tbx,
    /// The canonical glossary CSV (glossary/*.csv).
    GlossaryCsv,
    /// A bilingual TM as CSV (`source`/`target` or language columns).
    BilingualCsv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Xliff => "xlf",
            Format::Tbx => "tbx",
            Format::GlossaryCsv | Format::BilingualCsv => "csv",
        }
    }
}

/// What concord must do with a case.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Exit 2, stderr `concord: FILE:LINE:COL: message`, no output written.
    /// `line_of`: the error is on the line where this needle first occurs
    /// (`None`: line not pinned, e.g. where the reader may report either the
    /// opening or the end of the file). `words`: the message contains at
    /// least one of these (lower-cased) words.
    Error {
        line_of: Option<Needle>,
        words: &'static [&'static str],
    },
    /// Exit 0: the documented safe reading. `units`: how many units/entries a
    /// conversion must carry (checked on the converted output where possible);
    /// `keeps`: text the converted output must contain (proof nothing was dropped).
    Safe {
        units: Option<usize>,
        keeps: &'static [&'static str],
    },
    /// Either a clear error with one of `words` or a safe reading; used for
    /// the resource cases where a size limit is a legitimate answer.
    ErrorOrSafe { words: &'static [&'static str] },
}

/// Where an error is expected.
#[derive(Debug, Clone)]
pub enum Needle {
    /// The line of the first occurrence of this text.
    Text(&'static str),
    /// This exact line.
    Line(u64),
    /// The last line of the file (end-of-file errors).
    LastLine,
    /// Any line in this inclusive range.
    Lines(u64, u64),
    /// The error names the file but needs no line (an empty file).
    FileOnly,
}

/// The bytes of a case: in memory, or a file generated once on disk.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub format: Format,
    pub content: Content,
    pub expect: Expect,
    /// Run under a memory limit (bytes of address space).
    pub memory_limit: Option<u64>,
}

impl Case {
    /// True when the error may name only the file.
    pub fn file_only(&self) -> bool {
        matches!(
            self.expect,
            Expect::Error {
                line_of: Some(Needle::FileOnly),
                ..
            }
        )
    }

    fn new(name: impl Into<String>, format: Format, bytes: Vec<u8>, expect: Expect) -> Case {
        Case {
            name: name.into(),
            format,
            content: Content::Bytes(bytes),
            expect,
            memory_limit: None,
        }
    }

    pub fn file_name(&self) -> String {
        format!("{}.{}", self.name, self.format.extension())
    }

    /// Line expected for an error, resolved against the bytes.
    pub fn expected_lines(&self, bytes: &[u8]) -> Option<std::ops::RangeInclusive<u64>> {
        let one = |l: u64| Some(l..=l);
        match &self.expect {
            Expect::Error {
                line_of: Some(n), ..
            } => match n {
                Needle::Text(t) => one(line_of(bytes, t.as_bytes())),
                Needle::Line(l) => one(*l),
                Needle::LastLine => one(1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64),
                Needle::Lines(a, b) => Some(*a..=*b),
                Needle::FileOnly => None,
            },
            _ => None,
        }
    }
}

/// 1-based line of the first occurrence of `needle` (panics if absent: a corpus bug).
pub fn line_of(bytes: &[u8], needle: &[u8]) -> u64 {
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| {
            panic!(
                "corpus bug: needle {:?} absent",
                String::from_utf8_lossy(needle)
            )
        });
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Where the hostile references point: a canary file and a local listener.
#[derive(Debug, Clone)]
pub struct Traps {
    /// `file://` URL of a file holding [`CANARY`].
    pub canary_url: String,
    /// `http://127.0.0.1:PORT/` of a listener that records any connection.
    pub http_url: String,
}

/// Text that must never appear in any output: it is only reachable by
/// dereferencing an external entity or DTD.
pub const CANARY: &str = "CANARY-e1f0c3-external-content-was-fetched";

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// A small valid TMX with `prolog` between the XML declaration and the root
/// and `zh` as the Chinese segment of the first unit (raw markup).
pub fn tmx(prolog: &str, zh: &str) -> String {
    format!(
        "{XML_DECL}{prolog}<tmx version=\"1.4\">
  <header creationtool=\"hostile\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"concord\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/>
  <body>
    <tu tuid=\"1\">
      <tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv>
      <tuv xml:lang=\"en\"><seg>China-Central Asia Spirit</seg></tuv>
    </tu>
    <tu tuid=\"2\">
      <prop type=\"x-domain\">initiative</prop>
      <note>bold around the term</note>
      <tuv xml:lang=\"zh-CN\"><seg>共建<bpt i=\"1\">&lt;b&gt;</bpt>一带一路<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang=\"en\"><seg>the <bpt i=\"1\">&lt;b&gt;</bpt>Belt and Road<ept i=\"1\">&lt;/b&gt;</ept> Initiative</seg></tuv>
    </tu>
  </body>
</tmx>
"
    )
}

/// The valid TMX that the truncation cases cut.
pub fn valid_tmx() -> String {
    tmx("", "中国－中亚精神")
}

/// A small valid XLIFF 1.2 with `prolog` and `zh` as the first source.
pub fn xliff(prolog: &str, zh: &str) -> String {
    format!(
        "{XML_DECL}{prolog}<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">
  <file original=\"speech.txt\" source-language=\"zh-CN\" target-language=\"en\" datatype=\"plaintext\">
    <body>
      <trans-unit id=\"1\">
        <source>{zh}</source>
        <target>China-Central Asia Spirit</target>
      </trans-unit>
      <trans-unit id=\"2\">
        <source>共建<g id=\"b1\">一带一路</g></source>
        <target>the <g id=\"b1\">Belt and Road</g> Initiative</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"
    )
}

/// A small valid TBX (v2, martif) with `prolog` and `zh` as the first Chinese term.
pub fn tbx(prolog: &str, zh: &str) -> String {
    format!(
        "{XML_DECL}{prolog}<martif type=\"TBX-Basic\" xml:lang=\"en\">
  <martifHeader>
    <fileDesc><sourceDesc><p>hostile corpus</p></sourceDesc></fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id=\"china-central-asia-spirit\">
        <langSet xml:lang=\"zh\">
          <tig><term>{zh}</term></tig>
        </langSet>
        <langSet xml:lang=\"en\">
          <tig><term>China-Central Asia Spirit</term></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"
    )
}

pub const GLOSSARY_HEADER: &str =
    "id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status\n";

/// A glossary CSV with the header and these data rows (raw CSV text).
pub fn glossary(rows: &str) -> String {
    format!("{GLOSSARY_HEADER}{rows}")
}

const ROW1: &str = "china-central-asia-spirit,中国－中亚精神,,China-Central Asia Spirit,,,sensitive,slogan,,Xinhua,approved\n";
const ROW2: &str = "belt-and-road-initiative,一带一路,,Belt and Road Initiative,Belt and Road | BRI,\"One Belt, One Road | OBOR\",sensitive,initiative,,Xinhua,approved\n";

/// The XML attacks, written once per XML format (TMX, XLIFF, TBX).
fn xml_cases(format: Format, traps: &Traps) -> Vec<Case> {
    let doc = |prolog: &str, zh: &str| -> String {
        match format {
            Format::Tmx => tmx(prolog, zh),
            Format::Xliff => xliff(prolog, zh),
            Format::Tbx => tbx(prolog, zh),
            _ => unreachable!(),
        }
    };
    let root = match format {
        Format::Tmx => "tmx",
        Format::Xliff => "xliff",
        Format::Tbx => "martif",
        _ => unreachable!(),
    };
    let p = format.extension();
    let refused: &'static [&'static str] = &["doctype", "entity", "dtd", "refused"];
    let mut cases = vec![
        Case::new(
            format!("{p}-internal-entity"),
            format,
            doc(
                &format!("<!DOCTYPE {root} [\n<!ENTITY spirit \"精神\">\n]>\n"),
                "中国－中亚&spirit;",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-billion-laughs"),
            format,
            doc(&billion_laughs(root), "&lol9;").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-external-entity-file"),
            format,
            doc(
                &format!(
                    "<!DOCTYPE {root} [\n<!ENTITY xxe SYSTEM \"{}\">\n]>\n",
                    traps.canary_url
                ),
                "&xxe;",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-external-entity-passwd"),
            format,
            doc(
                &format!("<!DOCTYPE {root} [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"),
                "&xxe;",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-external-entity-http"),
            format,
            doc(
                &format!(
                    "<!DOCTYPE {root} [\n<!ENTITY xxe SYSTEM \"{}entity\">\n]>\n",
                    traps.http_url
                ),
                "&xxe;",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-external-entity-public"),
            format,
            doc(
                &format!(
                    "<!DOCTYPE {root} [\n<!ENTITY xxe PUBLIC \"-//HOSTILE//ENTITY//EN\" \"{}public\">\n]>\n",
                    traps.http_url
                ),
                "&xxe;",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        Case::new(
            format!("{p}-parameter-entity"),
            format,
            doc(
                &format!(
                    "<!DOCTYPE {root} [\n<!ENTITY % remote SYSTEM \"{}param\">\n%remote;\n]>\n",
                    traps.http_url
                ),
                "中国－中亚精神",
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!DOCTYPE")),
                words: refused,
            },
        ),
        // An external DTD subset is how real TMX and TBX files name their DTD
        // (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`): it is ignored, never fetched.
        Case::new(
            format!("{p}-external-dtd-http"),
            format,
            doc(
                &format!("<!DOCTYPE {root} SYSTEM \"{}dtd\">\n", traps.http_url),
                "中国－中亚精神",
            )
            .into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神"],
            },
        ),
        Case::new(
            format!("{p}-external-dtd-public-file"),
            format,
            doc(
                &format!(
                    "<!DOCTYPE {root} PUBLIC \"-//HOSTILE//DTD//EN\" \"{}\">\n",
                    traps.canary_url
                ),
                "中国－中亚精神",
            )
            .into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神"],
            },
        ),
        Case::new(
            format!("{p}-undeclared-entity"),
            format,
            doc("", "中国－中亚\n&nbsp;精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("&nbsp;")),
                words: &["entity", "nbsp", "reference"],
            },
        ),
        Case::new(
            format!("{p}-deep-nesting"),
            format,
            deep_nesting(format, 100_000).into_bytes(),
            Expect::Error {
                line_of: None,
                words: &["deep", "depth", "nest", "limit"],
            },
        ),
        Case::new(
            format!("{p}-invalid-utf8"),
            format,
            {
                let mut b = doc("", "中国－中亚XX精神").into_bytes();
                replace_once(&mut b, b"XX", b"\xC3\x28");
                b
            },
            Expect::Error {
                line_of: Some(Needle::Text("中国－中亚")),
                words: &["utf-8", "utf8", "encoding"],
            },
        ),
        Case::new(
            format!("{p}-overlong-utf8-lt"),
            format,
            {
                // 0xC0 0xBC is an overlong '<': must not be decoded as markup.
                let mut b = doc("", "中国XX中亚").into_bytes();
                replace_once(&mut b, b"XX", b"\xC0\xBC");
                b
            },
            Expect::Error {
                line_of: Some(Needle::Text("中国")),
                words: &["utf-8", "utf8", "encoding"],
            },
        ),
        Case::new(
            format!("{p}-utf16le-lone-surrogate"),
            format,
            {
                let text = doc("", "中国－中亚\u{E000}精神").replace("UTF-8", "UTF-16");
                let mut b = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    // Swap the private-use marker for a lone high surrogate.
                    let u = if u == 0xE000 { 0xD800 } else { u };
                    b.extend_from_slice(&u.to_le_bytes());
                }
                b
            },
            Expect::Error {
                line_of: Some(Needle::Line(line_of(
                    doc("", "中国－中亚").as_bytes(),
                    "中国－中亚".as_bytes(),
                ))),
                words: &["surrogate", "utf-16", "encoding"],
            },
        ),
        Case::new(
            format!("{p}-utf16le-no-bom"),
            format,
            utf16(&doc("", "中国－中亚精神").replace("UTF-8", "UTF-16"), false, false),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神"],
            },
        ),
        Case::new(
            format!("{p}-utf16be-no-bom"),
            format,
            utf16(&doc("", "中国－中亚精神").replace("UTF-8", "UTF-16"), true, false),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神"],
            },
        ),
        Case::new(
            format!("{p}-control-char-raw"),
            format,
            doc("", "中国－中亚\u{1}精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("中国－中亚")),
                words: &["control", "character", "u+0001", "0x01", "forbidden", "not allowed"],
            },
        ),
        Case::new(
            format!("{p}-control-char-ref"),
            format,
            doc("", "中国－中亚&#1;精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("&#1;")),
                words: &["control", "character", "u+0001", "0x01", "&#1;", "forbidden", "not allowed"],
            },
        ),
        Case::new(
            format!("{p}-surrogate-char-ref"),
            format,
            doc("", "中国－中亚&#xD800;精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("&#xD800;")),
                words: &["character", "surrogate", "d800", "reference", "not allowed"],
            },
        ),
        Case::new(
            format!("{p}-nul-char-ref"),
            format,
            doc("", "中国－中亚&#0;精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("&#0;")),
                words: &["character", "nul", "u+0000", "0x00", "&#0;", "reference", "not allowed"],
            },
        ),
        Case::new(
            format!("{p}-nul-byte"),
            format,
            doc("", "中国－中亚\0精神").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("中国－中亚")),
                words: &["nul", "control", "character", "u+0000", "0x00", "not allowed"],
            },
        ),
        Case::new(
            format!("{p}-mismatched-tags"),
            format,
            {
                let d = doc("", "中国－中亚精神");
                // Close the first element that opened on the first unit's line with the wrong name.
                let (open, close) = match format {
                    Format::Tmx => ("</seg></tuv>", "</seg></tu>"),
                    Format::Xliff => ("</source>", "</target>"),
                    Format::Tbx => ("</term></tig>", "</term></langSet>"),
                    _ => unreachable!(),
                };
                d.replacen(open, close, 1).into_bytes()
            },
            Expect::Error {
                line_of: Some(Needle::Text("中国－中亚精神")),
                words: &["mismatch", "expected", "close", "end tag", "closing"],
            },
        ),
        Case::new(
            format!("{p}-duplicate-attribute"),
            format,
            {
                let d = doc("", "中国－中亚精神");
                let (from, to) = match format {
                    Format::Tmx => (
                        "<tuv xml:lang=\"zh-CN\">",
                        "<tuv xml:lang=\"zh-CN\" xml:lang=\"en\">",
                    ),
                    Format::Xliff => ("<trans-unit id=\"1\">", "<trans-unit id=\"1\" id=\"2\">"),
                    Format::Tbx => (
                        "<langSet xml:lang=\"zh\">",
                        "<langSet xml:lang=\"zh\" xml:lang=\"en\">",
                    ),
                    _ => unreachable!(),
                };
                d.replacen(from, to, 1).into_bytes()
            },
            Expect::Error {
                line_of: Some(match format {
                    Format::Tmx => Needle::Text("xml:lang=\"zh-CN\" xml:lang"),
                    Format::Xliff => Needle::Text("id=\"1\" id=\"2\""),
                    _ => Needle::Text("xml:lang=\"zh\" xml:lang"),
                }),
                words: &["duplicate", "duplicated", "attribute"],
            },
        ),
        Case::new(
            format!("{p}-bom-twice"),
            format,
            {
                let mut b = vec![0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF];
                b.extend_from_slice(doc("", "中国－中亚精神").as_bytes());
                b
            },
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["bom", "byte order", "declaration", "u+feff", "xml", "unexpected"],
            },
        ),
        // U+FEFF in the middle of a segment is a character like any other
        // (ZERO WIDTH NO-BREAK SPACE): kept, not stripped.
        Case::new(
            format!("{p}-bom-mid-segment"),
            format,
            doc("", "中国－中亚\u{FEFF}精神").into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚\u{FEFF}精神"],
            },
        ),
        Case::new(
            format!("{p}-empty-file"),
            format,
            Vec::new(),
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["empty", "end of file", "eof", "no root", "root", "missing"],
            },
        ),
        Case::new(
            format!("{p}-garbage-after-root"),
            format,
            format!("{}<{root} x-second=\"1\"/>\n", doc("", "中国－中亚精神")).into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("x-second")),
                words: &["after", "root", "trailing", "second", "extra", "unexpected"],
            },
        ),
        Case::new(
            format!("{p}-unclosed-comment"),
            format,
            doc("", "中国－中亚精神<!-- never closed").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<!--")),
                words: &["comment", "end of file", "eof", "unclosed", "unterminated"],
            },
        ),
        Case::new(
            format!("{p}-lt-in-attribute"),
            format,
            doc("", "中国－中亚精神")
                .replacen(&format!("<{root} "), &format!("<{root} x=\"a<b\" "), 1)
                .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("a<b")),
                words: &["attribute", "<", "unescaped"],
            },
        ),
        Case::new(
            format!("{p}-wrong-root"),
            format,
            format!("{XML_DECL}<html><body><p>中国－中亚精神</p></body></html>\n").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<html>")),
                words: &["root", "html", "expected", "not a"],
            },
        ),
        // CDATA is text: markup inside it is not parsed, no entity inside is expanded.
        Case::new(
            format!("{p}-cdata-markup"),
            format,
            doc("", "<![CDATA[中国－中亚精神 <b>&xxe;</b>]]>").into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神"],
            },
        ),
        // XInclude is not processed: the element is unknown markup, never a fetch.
        Case::new(
            format!("{p}-xinclude"),
            format,
            doc(
                "",
                &format!(
                    "中国－中亚精神<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"{}\" parse=\"text\"/>",
                    traps.canary_url
                ),
            )
            .into_bytes(),
            Expect::ErrorOrSafe {
                words: &["include", "unknown", "unexpected", "element", "not allowed"],
            },
        ),
    ];
    // Hostile processing instructions and comments are ignored.
    cases.push(Case::new(
        format!("{p}-stylesheet-pi"),
        format,
        doc(
            &format!(
                "<?xml-stylesheet type=\"text/xsl\" href=\"{}xsl\"?>\n<!-- {CANARY_DECOY} -->\n",
                traps.http_url
            ),
            "中国－中亚精神",
        )
        .into_bytes(),
        Expect::Safe {
            units: Some(2),
            keeps: &["中国－中亚精神"],
        },
    ));
    cases
}

/// A comment text that looks like the canary's neighbour but is not it.
const CANARY_DECOY: &str = "comments are ignored";

fn billion_laughs(root: &str) -> String {
    let mut s = format!("<!DOCTYPE {root} [\n <!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        let refs = format!("&{prev};").repeat(10);
        s.push_str(&format!(" <!ENTITY lol{i} \"{refs}\">\n"));
    }
    s.push_str("]>\n");
    s
}

/// `depth` nested elements inside the first segment (or the root for TBX),
/// on one line.
fn deep_nesting(format: Format, depth: usize) -> String {
    let (open, close, base, at) = match format {
        Format::Tmx => ("<hi>", "</hi>", tmx("", "@@"), "@@"),
        Format::Xliff => ("<g id=\"g\">", "</g>", xliff("", "@@"), "@@"),
        Format::Tbx => ("<hi>", "</hi>", tbx("", "@@"), "@@"),
        _ => unreachable!(),
    };
    let mut inner = String::with_capacity(depth * (open.len() + close.len()) + 8);
    for _ in 0..depth {
        inner.push_str(open);
    }
    inner.push('x');
    for _ in 0..depth {
        inner.push_str(close);
    }
    base.replacen(at, &inner, 1)
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut b = Vec::with_capacity(text.len() * 2 + 2);
    if bom {
        b.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        b.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    b
}

fn replace_once(bytes: &mut Vec<u8>, from: &[u8], to: &[u8]) {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("corpus bug: marker absent");
    bytes.splice(at..at + from.len(), to.iter().copied());
}

/// TMX-only cases that the generic XML cases do not cover.
fn tmx_cases() -> Vec<Case> {
    let f = Format::Tmx;
    vec![
        Case::new(
            "tmx-missing-xml-lang",
            f,
            tmx("", "中国－中亚精神")
                .replacen("<tuv xml:lang=\"zh-CN\">", "<tuv>", 1)
                .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("<tuv><seg>")),
                words: &["xml:lang", "lang", "language"],
            },
        ),
        Case::new(
            "tmx-utf16le-no-bom-no-declaration",
            f,
            utf16(&valid_tmx().replacen(XML_DECL, "", 1), false, false),
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                // The format sniffer sees `<\0t\0m\0x\0` and names an unknown root.
                words: &["utf-16", "encoding", "nul", "unknown xml format"],
            },
        ),
        Case::new(
            "tmx-utf16-truncated-odd-bytes",
            f,
            {
                let mut b = utf16(&valid_tmx().replace("UTF-8", "UTF-16"), false, true);
                b.pop();
                b
            },
            Expect::Error {
                line_of: None,
                words: &["utf-16", "odd", "truncated"],
            },
        ),
        Case::new(
            "tmx-only-bom",
            f,
            vec![0xEF, 0xBB, 0xBF],
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["empty", "end of file", "eof", "no root", "root", "missing"],
            },
        ),
        Case::new(
            "tmx-truncated-mid-character",
            f,
            {
                let t = valid_tmx();
                let cut = t.find("中亚").expect("marker") + 1;
                t.as_bytes()[..cut].to_vec()
            },
            Expect::Error {
                line_of: Some(Needle::LastLine),
                words: &[
                    "utf-8",
                    "utf8",
                    "encoding",
                    "end of file",
                    "eof",
                    "truncated",
                ],
            },
        ),
        Case::new(
            "tmx-two-roots",
            f,
            format!(
                "{}<tmx version=\"1.4\" x-second=\"1\"><header/><body/></tmx>\n",
                valid_tmx()
            )
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("x-second")),
                words: &["after", "root", "trailing", "second", "extra", "unexpected"],
            },
        ),
        Case::new(
            "tmx-long-element-name",
            f,
            tmx("", &format!("中国<{0}>x</{0}>", "n".repeat(1 << 20))).into_bytes(),
            Expect::ErrorOrSafe {
                words: &["element", "unknown", "unexpected", "name", "limit"],
            },
        ),
    ]
}

/// Glossary CSV cases.
fn glossary_cases() -> Vec<Case> {
    let f = Format::GlossaryCsv;
    vec![
        Case::new(
            "glossary-unbalanced-quote",
            f,
            glossary(&format!(
                "{ROW1}belt-and-road-initiative,一带一路,,\"Belt and Road Initiative,,,,sensitive,initiative,,Xinhua,approved\n{ROW1}"
            ))
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("belt-and-road")),
                words: &["quote", "unbalanced", "unterminated", "unclosed", "field", "column"],
            },
        ),
        Case::new(
            "glossary-ragged-short-row",
            f,
            glossary(&format!("{ROW1}belt-and-road-initiative,一带一路,,Belt and Road Initiative\n{ROW2}"))
                .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("Initiative\n")),
                words: &["field", "column", "expected", "row"],
            },
        ),
        Case::new(
            "glossary-ragged-long-row",
            f,
            glossary(&format!(
                "{ROW1}belt-and-road-initiative,一带一路,,Belt and Road Initiative,,,sensitive,initiative,,Xinhua,approved,EXTRA\n"
            ))
            .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("EXTRA")),
                words: &["field", "column", "expected", "row"],
            },
        ),
        Case::new(
            "glossary-embedded-nul",
            f,
            glossary(&format!("{ROW1}belt-and-road-initiative,一带\0一路,,Belt and Road Initiative,,,sensitive,initiative,,Xinhua,approved\n"))
                .into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Text("一带")),
                words: &["nul", "control", "character", "u+0000", "0x00", "not allowed"],
            },
        ),
        Case::new(
            "glossary-invalid-utf8",
            f,
            {
                let mut b = glossary(&format!("{ROW1}{ROW2}")).into_bytes();
                replace_once(&mut b, "一带".as_bytes(), b"\xE4\xB8");
                b
            },
            Expect::Error {
                line_of: Some(Needle::Text("belt-and-road")),
                words: &["utf-8", "utf8", "encoding"],
            },
        ),
        // A BOM at the very start is the Excel convention and is skipped.
        Case::new(
            "glossary-bom-start",
            f,
            {
                let mut b = vec![0xEF, 0xBB, 0xBF];
                b.extend_from_slice(glossary(&format!("{ROW1}{ROW2}")).as_bytes());
                b
            },
            Expect::Safe {
                units: Some(2),
                keeps: &["中国－中亚精神", "One Belt, One Road"],
            },
        ),
        // Two BOMs: the second is a character at the start of the header's
        // first name ("\u{FEFF}id"), so the header no longer names the id column.
        Case::new(
            "glossary-bom-twice",
            f,
            {
                let mut b = vec![0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF];
                b.extend_from_slice(glossary(&format!("{ROW1}{ROW2}")).as_bytes());
                b
            },
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["bom", "byte order", "header", "column", "id", "u+feff"],
            },
        ),
        // A BOM glued to a row's first cell (two files concatenated): U+FEFF
        // is a character, kept in the id byte for byte (not stripped, not an
        // error). docs/hostile-inputs.md: validate does not warn about it yet.
        Case::new(
            "glossary-bom-mid-file",
            f,
            glossary(&format!("{ROW1}\u{FEFF}{ROW2}")).into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["\u{FEFF}belt-and-road-initiative"],
            },
        ),
        // Formula-looking cells are data in the canonical glossary: kept
        // byte for byte (neutralised only in spreadsheet-bound exports).
        Case::new(
            "glossary-formula-cells",
            f,
            glossary(&format!(
                "{ROW1}formula,一带一路,,\"=HYPERLINK(\"\"http://127.0.0.1/\"\",\"\"x\"\")\",+1 | -2 | @SUM(A1),,sensitive,initiative,\"=cmd|' /C calc'!A0\",Xinhua,approved\n"
            ))
            .into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["=HYPERLINK(", "@SUM(A1)"],
            },
        ),
        Case::new(
            "glossary-no-header",
            f,
            format!("{ROW1}{ROW2}").into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["header", "column", "missing"],
            },
        ),
        Case::new(
            "glossary-duplicate-id",
            f,
            glossary(&format!("{ROW1}{ROW1}")).into_bytes(),
            Expect::Error {
                line_of: Some(Needle::Line(3)),
                words: &["duplicate", "id"],
            },
        ),
        Case::new(
            "glossary-empty-file",
            f,
            Vec::new(),
            Expect::Error {
                line_of: Some(Needle::FileOnly),
                words: &["empty", "header", "column", "missing"],
            },
        ),
        Case::new(
            "glossary-utf16le-no-bom",
            f,
            utf16(&glossary(&format!("{ROW1}{ROW2}")), false, false),
            Expect::Error {
                line_of: Some(Needle::Line(1)),
                words: &["nul", "control", "utf-16", "encoding", "character", "header", "column"],
            },
        ),
        Case::new(
            "glossary-multiline-quoted-cell",
            f,
            glossary(&format!(
                "{ROW1}note-row,一带一路,,Belt and Road Initiative,,,sensitive,initiative,\"line one\nline \"\"two\"\", with comma\",Xinhua,approved\n"
            ))
            .into_bytes(),
            Expect::Safe {
                units: Some(2),
                keeps: &["with comma"],
            },
        ),
    ]
}

/// Bilingual CSV (TM) cases.
fn bilingual_cases() -> Vec<Case> {
    let f = Format::BilingualCsv;
    vec![
        Case::new(
            "bilingual-unbalanced-quote",
            f,
            "id,zh,en\n1,中国－中亚精神,China-Central Asia Spirit\n2,\"一带一路,Belt and Road\n3,x,y\n"
                .as_bytes()
                .to_vec(),
            Expect::Error {
                line_of: Some(Needle::Text("2,\"")),
                words: &["quote", "unbalanced", "unterminated", "unclosed", "field", "column"],
            },
        ),
        Case::new(
            "bilingual-ragged-row",
            f,
            "id,zh,en\n1,中国－中亚精神,China-Central Asia Spirit\n2,一带一路\n"
                .as_bytes()
                .to_vec(),
            Expect::Error {
                line_of: Some(Needle::Text("2,一带一路")),
                words: &["field", "column", "expected", "row"],
            },
        ),
        Case::new(
            "bilingual-embedded-nul",
            f,
            "id,zh,en\n1,中国－中亚精神,China-Central\0Asia Spirit\n"
                .as_bytes()
                .to_vec(),
            Expect::Error {
                line_of: Some(Needle::Text("1,中国")),
                words: &["nul", "control", "character", "u+0000", "0x00", "not allowed"],
            },
        ),
        // Characters XML cannot hold cannot go into a TMX: converting to TMX
        // must refuse them, not drop them.
        Case::new(
            "bilingual-control-char-to-tmx",
            f,
            "id,zh,en\n1,中国－中亚精神,China-Central\u{1}Asia Spirit\n"
                .as_bytes()
                .to_vec(),
            Expect::Error {
                line_of: Some(Needle::Text("1,中国")),
                words: &["control", "character", "u+0001", "0x01", "xml", "not allowed"],
            },
        ),
        Case::new(
            "bilingual-formula-cells",
            f,
            "id,zh,en\n1,=1+1,\"=HYPERLINK(\"\"http://127.0.0.1/\"\")\"\n2,@SUM(A1),-2+3\n"
                .as_bytes()
                .to_vec(),
            Expect::Safe {
                units: Some(2),
                keeps: &["=HYPERLINK(", "@SUM(A1)"],
            },
        ),
    ]
}

/// One start tag with 50,000 attributes (1 MB): duplicate detection must
/// stay linear, or a 64 MB tag (the event size limit) takes hours.
pub fn many_attributes(format: Format) -> Case {
    let (root, doc) = match format {
        Format::Tmx => ("tmx", tmx("", "中国－中亚精神")),
        Format::Xliff => ("xliff", xliff("", "中国－中亚精神")),
        _ => ("martif", tbx("", "中国－中亚精神")),
    };
    let mut attrs = String::new();
    for i in 0..50_000 {
        attrs.push_str(&format!(" x-a{i}=\"v\""));
    }
    Case::new(
        format!("{}-many-attributes", format.extension()),
        format,
        doc.replacen(&format!("<{root} "), &format!("<{root}{attrs} "), 1)
            .into_bytes(),
        Expect::ErrorOrSafe {
            words: &["attribute", "limit", "too many"],
        },
    )
}

/// Every case except the big generated ones.
pub fn cases(traps: &Traps) -> Vec<Case> {
    let mut all = Vec::new();
    for f in [Format::Tmx, Format::Xliff, Format::Tbx] {
        all.extend(xml_cases(f, traps));
    }
    all.extend(tmx_cases());
    all.extend(glossary_cases());
    all.extend(bilingual_cases());
    all
}

/// A valid TMX cut at every structural position: before and after every tag
/// and inside it. Each prefix must be an error at its end, never a partial
/// reading.
pub fn truncations() -> Vec<(usize, Vec<u8>)> {
    let full = valid_tmx().into_bytes();
    let mut cuts = std::collections::BTreeSet::new();
    for (i, &b) in full.iter().enumerate() {
        match b {
            b'<' => {
                cuts.insert(i);
                cuts.insert(i + 1);
            }
            b'>' => {
                cuts.insert(i);
                cuts.insert(i + 1);
            }
            b'"' | b'=' | b'&' | b';' => {
                cuts.insert(i);
            }
            _ => {}
        }
    }
    // Cutting after the root's end tag (plus the final newline) is the whole file.
    let root_end = full.len() - "</tmx>\n".len();
    cuts.into_iter()
        .filter(|&c| c < root_end + "</tmx".len() && c > 0)
        .map(|c| (c, full[..c].to_vec()))
        .collect()
}

/// Size of the big single-line cases.
pub const BIG: usize = 200 * 1024 * 1024;

/// Writes (once per directory) a TMX whose first segment is one 200 MB line
/// of text, streaming so the test itself stays small.
pub fn big_segment_tmx(dir: &Path) -> PathBuf {
    let path = dir.join("big-segment.tmx");
    if path.exists() {
        return path;
    }
    let t = valid_tmx();
    let (head, tail) = t.split_at(t.find("中国－中亚精神").expect("marker"));
    write_streaming(
        &path,
        head.as_bytes(),
        "中国－中亚精神".as_bytes(),
        tail.as_bytes(),
    );
    path
}

/// Writes (once per directory) a TMX whose header carries one 200 MB attribute.
pub fn big_attribute_tmx(dir: &Path) -> PathBuf {
    let path = dir.join("big-attribute.tmx");
    if path.exists() {
        return path;
    }
    let t = valid_tmx();
    let at = t.find("creationtool=\"hostile").expect("marker") + "creationtool=\"".len();
    let (head, tail) = t.split_at(at);
    write_streaming(&path, head.as_bytes(), b"hostile ", tail.as_bytes());
    path
}

/// Writes (once per directory) a glossary CSV with one 200 MB note cell.
pub fn big_cell_csv(dir: &Path) -> PathBuf {
    let path = dir.join("big-cell.csv");
    if path.exists() {
        return path;
    }
    let head = format!(
        "{GLOSSARY_HEADER}{ROW1}belt-and-road-initiative,一带一路,,Belt and Road Initiative,,,sensitive,initiative,\""
    );
    write_streaming(
        &path,
        head.as_bytes(),
        "一带一路 \"\"x\"\", ".as_bytes(),
        b"\",Xinhua,approved\n",
    );
    path
}

/// `head`, then `fill` repeated to about [`BIG`] bytes, then `tail`, written
/// through a buffer into a temporary name renamed at the end (so a test
/// killed mid-generation never leaves a half file that looks finished).
fn write_streaming(path: &Path, head: &[u8], fill: &[u8], tail: &[u8]) {
    let tmp = path.with_extension("partial");
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp).expect("create big case"));
    w.write_all(head).expect("write");
    let chunk: Vec<u8> = fill.repeat((1 << 20) / fill.len());
    let mut written = 0;
    while written < BIG {
        w.write_all(&chunk).expect("write");
        written += chunk.len();
    }
    w.write_all(tail).expect("write");
    w.flush().expect("flush");
    drop(w);
    std::fs::rename(&tmp, path).expect("rename big case");
}
