//! When to colour terminal output.
//!
//! One rule for every command: colour (and any other terminal decoration,
//! such as progress bars) only when the stream is a terminal, and never when
//! `NO_COLOR` is set to a non-empty value (<https://no-color.org>). Output that
//! goes to a pipe, a file or a CI log is therefore plain text that tools can
//! parse and diff.

use std::io::IsTerminal;

/// The output stream a command writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// True when the stream is connected to a terminal.
    pub fn is_terminal(self) -> bool {
        match self {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// True when `NO_COLOR` is present and non-empty.
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether to write ANSI colours to `stream`.
pub fn colour_enabled(stream: Stream) -> bool {
    stream.is_terminal() && !no_color_requested()
}

/// ANSI styles, written only when the caller says colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Bold,
    Dim,
    Red,
    Yellow,
    Blue,
    Green,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Bold => "1",
            Paint::Dim => "2",
            Paint::Red => "31",
            Paint::Yellow => "33",
            Paint::Blue => "34",
            Paint::Green => "32",
        }
    }

    /// `text` wrapped in this style's escape codes when `enabled`, as is otherwise.
    pub fn paint(self, text: &str, enabled: bool) -> String {
        if enabled {
            format!("\x1b[{}m{text}\x1b[0m", self.code())
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_is_identity_when_disabled() {
        assert_eq!(Paint::Red.paint("T001", false), "T001");
        assert_eq!(Paint::Red.paint("T001", true), "\x1b[31mT001\x1b[0m");
    }
}
