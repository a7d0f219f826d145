//! Progress bars for long work: parsing big files, building indexes, checking.
//!
//! Shown on stderr only, only when stderr is a terminal and the user did not
//! pass `--quiet`; otherwise every method is a no-op, so callers never branch.
//! stdout stays clean for reports that are piped or redirected.
//!
//! ```ignore
//! let progress = Progress::new(units.len() as u64, "checking", cli.progress_enabled());
//! for unit in &units {
//!     // …
//!     progress.inc(1);
//! }
//! progress.finish();
//! ```

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::style::Stream;

/// A progress bar, or nothing when progress is disabled.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar of `len` steps labelled `label`; `len == 0` means unknown length
    /// (a spinner). `enabled` is the caller's decision (see
    /// [`progress_enabled`]); a disabled bar draws nothing.
    pub fn new(len: u64, label: &str, enabled: bool) -> Self {
        if !enabled {
            return Progress { bar: None };
        }
        let bar = if len == 0 {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix:>12} [{bar:32}] {pos}/{len} {msg} ({eta} left)",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        };
        bar.set_prefix(label.to_string());
        Progress { bar: Some(bar) }
    }

    /// True when the bar draws.
    #[cfg(test)]
    pub fn is_enabled(&self) -> bool {
        self.bar.is_some()
    }

    /// Advances by `n` steps.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// A short note after the counter, such as the file being read.
    pub fn set_message(&self, msg: impl Into<String>) {
        if let Some(bar) = &self.bar {
            bar.set_message(msg.into());
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // A bar left behind by an early return (an error) must not stay on screen.
        self.finish();
    }
}

/// Whether progress bars should draw: stderr is a terminal and not `--quiet`.
/// Progress is decoration, so `NO_COLOR` does not hide it; bars are drawn
/// without colour.
pub fn progress_enabled(quiet: bool) -> bool {
    !quiet && Stream::Stderr.is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_progress_is_a_no_op() {
        let p = Progress::new(10, "checking", false);
        assert!(!p.is_enabled());
        p.inc(3);
        p.set_message("x");
        p.finish();
    }

    #[test]
    fn quiet_disables_progress() {
        assert!(!progress_enabled(true));
    }
}
