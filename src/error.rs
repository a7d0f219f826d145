//! Typed errors that always say *where*.
//!
//! A translator who gets "invalid XML" back from a 40 MB TMX has learnt nothing;
//! every error concord raises therefore carries a [`Position`] (file, line,
//! column, or a record such as a CSV row or a unit id), and its `Display` form is
//! the `FILE:LINE:COL: message` shape that editors and CI annotators understand.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input an error was found. Every part is optional because not
/// every source has every part (stdin has no file name, a CSV row has no column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// The file the error is in.
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column, counted in characters.
    pub column: Option<u64>,
    /// A record where lines do not tell enough: `row 12`, `unit seed-0042`, `column en`.
    pub record: Option<String>,
}

impl Position {
    /// True when nothing is known about the position.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.line.is_none() && self.column.is_none() && self.record.is_none()
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            wrote = true;
        }
        if let Some(line) = self.line {
            write!(f, "{}{line}", if wrote { ":" } else { "line " })?;
            wrote = true;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(record) = &self.record {
            write!(f, "{}{record}", if wrote { ": " } else { "" })?;
        }
        Ok(())
    }
}

/// What went wrong, independent of where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    #[error("cannot {action}: {source}")]
    Io {
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not valid text in the detected encoding.
    #[error("{0}")]
    Encoding(String),
    /// The input is not well-formed XML.
    #[error("malformed XML: {0}")]
    Xml(String),
    /// Well-formed, but not the format we expected (wrong root, missing attribute, …).
    #[error("{0}")]
    Format(String),
    /// A CSV/TSV problem (unbalanced quotes, ragged row, unknown column, …).
    #[error("{0}")]
    Csv(String),
    /// Input refused because processing it would be unsafe (entity declarations,
    /// external DTDs, nesting deeper than the limit, …).
    #[error("refused: {0}")]
    Unsafe(String),
    /// The data parsed but breaks a rule (duplicate id, empty approved rendering, …).
    #[error("{0}")]
    Invalid(String),
    /// Bad arguments or settings.
    #[error("{0}")]
    Usage(String),
    /// Somebody else changed the file we were about to replace.
    #[error("{0}")]
    Conflict(String),
}

/// concord's error: a kind plus a position. Boxed so `Result<T>` stays small.
pub struct Error {
    inner: Box<(ErrorKind, Position)>,
}

/// `Result` with concord's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with no position yet.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new((kind, Position::default())),
        }
    }

    pub fn io(action: &'static str, source: std::io::Error) -> Self {
        Self::new(ErrorKind::Io { action, source })
    }
    pub fn encoding(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Encoding(msg.into()))
    }
    pub fn xml(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Xml(msg.into()))
    }
    pub fn format(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Format(msg.into()))
    }
    pub fn csv(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Csv(msg.into()))
    }
    pub fn unsafe_input(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsafe(msg.into()))
    }
    pub fn invalid(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid(msg.into()))
    }
    pub fn usage(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage(msg.into()))
    }
    pub fn conflict(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict(msg.into()))
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.inner.0
    }
    pub fn position(&self) -> &Position {
        &self.inner.1
    }
    /// The message without the position.
    pub fn message(&self) -> String {
        self.inner.0.to_string()
    }

    /// Sets the file unless one is already known (inner layers know better).
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        if self.inner.1.file.is_none() {
            self.inner.1.file = Some(file.as_ref().to_path_buf());
        }
        self
    }
    /// Sets line and column (1-based).
    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.inner.1.line = Some(line);
        self.inner.1.column = Some(column);
        self
    }
    /// Sets the line only.
    pub fn at_line(mut self, line: u64) -> Self {
        self.inner.1.line = Some(line);
        self
    }
    /// Sets the record (`row 3`, `unit 12`, `column en`).
    pub fn at_record(mut self, record: impl Into<String>) -> Self {
        self.inner.1.record = Some(record.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.position().is_empty() {
            write!(f, "{}", self.kind())
        } else {
            write!(f, "{}: {}", self.position(), self.kind())
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({self})")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.kind() {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Line and column (1-based, column in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u64 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_file_line_column() {
        let e = Error::xml("unexpected end").in_file("a.tmx").at(3, 14);
        assert_eq!(e.to_string(), "a.tmx:3:14: malformed XML: unexpected end");
    }

    #[test]
    fn display_record_only() {
        let e = Error::csv("ragged row").in_file("g.csv").at_record("row 7");
        assert_eq!(e.to_string(), "g.csv: row 7: ragged row");
    }

    #[test]
    fn inner_file_wins() {
        let e = Error::format("x").in_file("inner").in_file("outer");
        assert_eq!(e.position().file.as_deref(), Some(Path::new("inner")));
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "ab\n中国x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 100), (2, 4));
    }
}
