//! The HTML report: one self-contained file an editor opens in a browser and a
//! project manager can send on.
//!
//! Everything is inline (CSS, JavaScript, the SVG chart), nothing is fetched,
//! and a Content-Security-Policy forbids the page any network access, so the
//! report works offline and leaks nothing when opened. Every piece of text from
//! the checked files is HTML-escaped: a segment that contains `<script>` is
//! shown as text. Without JavaScript the report still lists every finding; with
//! it, the findings can be filtered by code, severity and file and searched.
//!
//! ```
//! use concord::report::html::{render_html, HtmlSummary};
//! use concord::{Diagnostic, Severity};
//! let mut d = Diagnostic::new("T002", Severity::Error, "3", "forbidden rendering");
//! d.source = "一带一路倡议".into();
//! d.target = "the One Belt, One Road initiative".into();
//! d.source_span = Some(0..12);
//! d.target_span = Some(4..22);
//! let mut out = Vec::new();
//! render_html(&[d], &HtmlSummary::default(), &mut out).unwrap();
//! let html = String::from_utf8(out).unwrap();
//! assert!(html.contains("<mark class=\"found\">One Belt, One Road</mark>"));
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::check::Outcome;
pub use crate::check::TermCoverage;
use crate::diagnostic::{Diagnostic, Severity, Span};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// What the report says about the run besides the findings themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlSummary {
    /// The page title; empty gives "concord QA report".
    pub title: String,
    /// The checked files, in order.
    pub files: Vec<PathBuf>,
    /// Units (segments) checked.
    pub units: usize,
    /// The glossaries used (shown in the header).
    pub glossaries: Vec<PathBuf>,
    /// The translation memories used.
    pub memories: Vec<PathBuf>,
    /// Terminology coverage, when a glossary was used.
    pub coverage: Option<TermCoverage>,
    /// Short names of the codes (`T001` → "missing approved rendering").
    pub code_names: BTreeMap<String, String>,
    /// When the report was made, as the caller wants it shown; `None` leaves
    /// it out (and keeps output reproducible).
    pub generated: Option<String>,
}

impl HtmlSummary {
    /// The summary of a check run: its files and unit counts, and the short
    /// names of the codes from the registry.
    pub fn of(outcome: &Outcome) -> Self {
        HtmlSummary {
            files: outcome.files.iter().map(|f| f.path.clone()).collect(),
            units: outcome.files.iter().map(|f| f.checked).sum(),
            code_names: crate::check::CODES
                .iter()
                .map(|c| (c.code.to_string(), c.name.replace('-', " ")))
                .collect(),
            ..HtmlSummary::default()
        }
    }
}

/// Renders a check run; `report::render` calls this for `--format html`.
pub fn render(outcome: &Outcome, summary: &HtmlSummary, out: &mut dyn Write) -> crate::Result<()> {
    render_html(&outcome.diagnostics, summary, out)
        .map_err(|e| crate::Error::io("write the report", e))
}

/// Writes the report for `diags` to `out` as one HTML document.
pub fn render_html(
    diags: &[Diagnostic],
    summary: &HtmlSummary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let stats = Stats::of(diags);
    let title = if summary.title.is_empty() {
        "concord QA report"
    } else {
        summary.title.as_str()
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"generator\" content=\"concord {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    )?;
    write_header(out, title, summary)?;
    writeln!(out, "<main>")?;
    write_summary(out, diags.len(), &stats, summary)?;
    write_controls(out, diags.len(), &stats, summary)?;
    write_table(out, diags, summary)?;
    writeln!(out, "</main>")?;
    write!(
        out,
        "<footer>Made by concord {}. Source and target are shown as \
         plain text; highlighted: <mark class=\"term\">the term</mark> and \
         <mark class=\"found\">the rendering found</mark>.</footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    Ok(())
}

/// Counts per code and severity, and the distinct files, in a stable order.
struct Stats {
    /// code → count per severity (info, warning, error).
    by_code: BTreeMap<&'static str, [usize; 3]>,
    by_severity: [usize; 3],
    /// Distinct files in order of first appearance, with their finding counts.
    files: Vec<(String, usize)>,
}

impl Stats {
    fn of(diags: &[Diagnostic]) -> Self {
        let mut by_code: BTreeMap<&'static str, [usize; 3]> = BTreeMap::new();
        let mut by_severity = [0; 3];
        let mut files: Vec<(String, usize)> = Vec::new();
        for d in diags {
            let i = sev_index(d.severity);
            by_code.entry(d.code).or_default()[i] += 1;
            by_severity[i] += 1;
            let f = file_label(d);
            match files.iter_mut().find(|(name, _)| *name == f) {
                Some((_, n)) => *n += 1,
                None => files.push((f, 1)),
            }
        }
        Stats {
            by_code,
            by_severity,
            files,
        }
    }
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn file_label(d: &Diagnostic) -> String {
    d.file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

fn write_header(out: &mut dyn Write, title: &str, summary: &HtmlSummary) -> io::Result<()> {
    writeln!(out, "<header class=\"top\">\n<h1>{}</h1>", esc(title))?;
    let mut parts: Vec<String> = Vec::new();
    if !summary.files.is_empty() {
        parts.push(format!(
            "{} checked: {}",
            plural(summary.files.len(), "file", "files"),
            join_paths(&summary.files)
        ));
    }
    if !summary.glossaries.is_empty() {
        parts.push(format!("glossary: {}", join_paths(&summary.glossaries)));
    }
    if !summary.memories.is_empty() {
        parts.push(format!("TM: {}", join_paths(&summary.memories)));
    }
    if let Some(when) = &summary.generated {
        parts.push(format!("generated {}", esc(when)));
    }
    if !parts.is_empty() {
        writeln!(out, "<p class=\"meta\">{}</p>", parts.join(" · "))?;
    }
    writeln!(out, "</header>")
}

fn join_paths(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 6;
    let mut s = paths
        .iter()
        .take(SHOWN)
        .map(|p| format!("<code>{}</code>", esc(&p.display().to_string())))
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        s.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_summary(
    out: &mut dyn Write,
    total: usize,
    stats: &Stats,
    summary: &HtmlSummary,
) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"panel\">\n<h2>Findings</h2>\n<div class=\"cards\">"
    )?;
    writeln!(
        out,
        "<div class=\"card\" id=\"total\"><span class=\"n\">{total}</span><span class=\"l\">findings in {}</span></div>",
        plural(summary.units, "unit", "units")
    )?;
    for sev in SEVERITIES {
        let n = stats.by_severity[sev_index(sev)];
        writeln!(
            out,
            "<div class=\"card {s}\" id=\"count-{s}\"><span class=\"n\">{n}</span><span class=\"l\">{}</span></div>",
            match (sev, n == 1) {
                (Severity::Error, true) => "error",
                (Severity::Error, false) => "errors",
                (Severity::Warning, true) => "warning",
                (Severity::Warning, false) => "warnings",
                (Severity::Info, _) => "info",
            },
            s = sev.as_str()
        )?;
    }
    writeln!(out, "</div>")?;
    if !stats.files.is_empty() {
        writeln!(out, "<table class=\"per-file\"><tbody>")?;
        for (f, n) in &stats.files {
            let shown = if f.is_empty() {
                "(no file)"
            } else {
                f.as_str()
            };
            writeln!(
                out,
                "<tr><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
                esc(shown)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    writeln!(out, "</div>")?;

    writeln!(out, "<div class=\"panel\">\n<h2>Findings per code</h2>")?;
    write_code_chart(out, stats, summary)?;
    writeln!(
        out,
        "<div class=\"legend\"><span><i class=\"error\"></i>error</span><span><i class=\"warning\"></i>warning</span><span><i class=\"info\"></i>info</span></div>\n</div>"
    )?;

    writeln!(
        out,
        "<div class=\"panel coverage\" id=\"coverage\">\n<h2>Terminology coverage</h2>"
    )?;
    match &summary.coverage {
        Some(c) => write_coverage(out, c)?,
        None => writeln!(
            out,
            "<p class=\"meta\">No glossary coverage was computed for this run.</p>"
        )?,
    }
    writeln!(out, "</div>\n</section>")
}

/// One horizontal stacked bar per code (error, warning, info segments),
/// scaled to the largest count.
fn write_code_chart(out: &mut dyn Write, stats: &Stats, summary: &HtmlSummary) -> io::Result<()> {
    if stats.by_code.is_empty() {
        return writeln!(out, "<p class=\"meta\">No findings.</p>");
    }
    const ROW: usize = 24;
    const LABEL: f64 = 200.0;
    const BAR: f64 = 245.0;
    const WIDTH: f64 = 480.0;
    let max = stats
        .by_code
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let height = stats.by_code.len() * ROW + 4;
    writeln!(
        out,
        "<svg id=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"Findings per code\">"
    )?;
    // Most frequent first, as an editor triages; ties by code.
    let mut bars: Vec<(&&'static str, &[usize; 3])> = stats.by_code.iter().collect();
    bars.sort_by_key(|(code, counts)| (std::cmp::Reverse(counts.iter().sum::<usize>()), **code));
    for (row, (code, counts)) in bars.into_iter().enumerate() {
        let y = row * ROW + 2;
        let total: usize = counts.iter().sum();
        let name = summary
            .code_names
            .get(*code)
            .map(String::as_str)
            .unwrap_or("");
        let label = truncate_chars(name, 23);
        writeln!(
            out,
            "<g class=\"bar\" data-code=\"{c}\"><title>{c}{sep}{name}: {total}</title>\
             <rect class=\"bg\" x=\"0\" y=\"{y}\" width=\"{WIDTH}\" height=\"{ROW}\"/>\
             <text x=\"0\" y=\"{ty}\" font-weight=\"600\">{c}</text>\
             <text class=\"muted\" x=\"40\" y=\"{ty}\">{label}</text>",
            c = esc(code),
            sep = if name.is_empty() { "" } else { " " },
            name = esc(name),
            label = esc(&label),
            ty = y + 16,
        )?;
        let mut x = LABEL;
        for sev in SEVERITIES {
            let n = counts[sev_index(sev)];
            if n == 0 {
                continue;
            }
            let w = (n as f64 / max as f64 * BAR).max(2.0);
            writeln!(
                out,
                "<rect class=\"seg-{s}\" x=\"{x:.1}\" y=\"{ry}\" width=\"{w:.1}\" height=\"14\" rx=\"2\"><title>{n} {s}</title></rect>",
                s = sev.as_str(),
                ry = y + 5,
            )?;
            x += w;
        }
        writeln!(
            out,
            "<text x=\"{tx:.1}\" y=\"{ty}\">{total}</text></g>",
            tx = x + 6.0,
            ty = y + 16
        )?;
    }
    writeln!(out, "</svg>")
}

fn write_coverage(out: &mut dyn Write, c: &TermCoverage) -> io::Result<()> {
    let pct = |n: usize| (n * 100).checked_div(c.occurrences).unwrap_or(0);
    writeln!(
        out,
        "<p><span class=\"big\" id=\"cov-seen\">{}</span> term occurrences of <b>{}</b> glossary {} seen in the source</p>",
        c.occurrences,
        c.entries_seen,
        if c.entries_seen == 1 {
            "entry"
        } else {
            "entries"
        }
    )?;
    let rest = c.occurrences.saturating_sub(c.correct + c.wrong);
    const W: f64 = 300.0;
    let scale = |n: usize| {
        if c.occurrences == 0 {
            0.0
        } else {
            n as f64 / c.occurrences as f64 * W
        }
    };
    let (wc, ww, wr) = (scale(c.correct), scale(c.wrong), scale(rest));
    writeln!(
        out,
        "<svg class=\"meter\" viewBox=\"0 0 {W} 16\" preserveAspectRatio=\"none\" width=\"{W}\" height=\"16\" role=\"img\" aria-label=\"{} rendered correctly, {} wrongly\">\
         <rect class=\"seg-rest\" x=\"0\" y=\"0\" width=\"{W}\" height=\"16\" rx=\"3\"/>\
         <rect class=\"seg-ok\" x=\"0\" y=\"0\" width=\"{wc:.1}\" height=\"16\"/>\
         <rect class=\"seg-error\" x=\"{wc:.1}\" y=\"0\" width=\"{ww:.1}\" height=\"16\"/>\
         <rect class=\"seg-rest\" x=\"{x3:.1}\" y=\"0\" width=\"{wr:.1}\" height=\"16\"/></svg>",
        c.correct,
        c.wrong,
        x3 = wc + ww,
    )?;
    writeln!(
        out,
        "<p><b id=\"cov-correct\">{}</b> rendered correctly ({}%) · <b id=\"cov-wrong\">{}</b> wrongly ({}%){}</p>",
        c.correct,
        pct(c.correct),
        c.wrong,
        pct(c.wrong),
        if rest > 0 {
            format!(" · {rest} not decided")
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "<div class=\"legend\"><span><i class=\"ok\"></i>correct</span><span><i class=\"error\"></i>wrong</span><span><i class=\"rest\"></i>other</span></div>"
    )
}

fn write_controls(
    out: &mut dyn Write,
    total: usize,
    stats: &Stats,
    summary: &HtmlSummary,
) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"controls\" role=\"search\">\n<label>Code <select id=\"f-code\"><option value=\"\">all codes</option>"
    )?;
    for (code, counts) in &stats.by_code {
        let n: usize = counts.iter().sum();
        let name = summary.code_names.get(*code).map(String::as_str);
        writeln!(
            out,
            "<option value=\"{c}\">{c}{name} ({n})</option>",
            c = esc(code),
            name = name.map(|n| format!(" {}", esc(n))).unwrap_or_default()
        )?;
    }
    writeln!(
        out,
        "</select></label>\n<label>Severity <select id=\"f-severity\"><option value=\"\">all</option>"
    )?;
    for sev in SEVERITIES {
        let n = stats.by_severity[sev_index(sev)];
        if n > 0 {
            writeln!(
                out,
                "<option value=\"{s}\">{s} ({n})</option>",
                s = sev.as_str()
            )?;
        }
    }
    writeln!(
        out,
        "</select></label>\n<label>File <select id=\"f-file\"><option value=\"\">all files</option>"
    )?;
    for (f, n) in &stats.files {
        let shown = if f.is_empty() {
            "(no file)"
        } else {
            f.as_str()
        };
        writeln!(
            out,
            "<option value=\"{}\">{} ({n})</option>",
            esc(f),
            esc(shown)
        )?;
    }
    writeln!(
        out,
        "</select></label>\n<input type=\"search\" id=\"f-search\" placeholder=\"Search source, target, term, message…\" aria-label=\"Search findings\">\n\
         <button type=\"button\" id=\"f-reset\">Reset</button>\n\
         <span class=\"count\" aria-live=\"polite\">Showing <b id=\"n-visible\">{total}</b> of <b id=\"n-total\">{total}</b> findings</span>\n</div>"
    )
}

fn write_table(out: &mut dyn Write, diags: &[Diagnostic], summary: &HtmlSummary) -> io::Result<()> {
    writeln!(
        out,
        "<table class=\"findings\" id=\"findings\">\n\
         <colgroup><col class=\"c-sev\"><col class=\"c-loc\"><col class=\"c-src\"><col class=\"c-tgt\"><col class=\"c-what\"></colgroup>\n\
         <thead><tr><th scope=\"col\">Finding</th><th scope=\"col\">Where</th><th scope=\"col\">Source</th><th scope=\"col\">Target</th><th scope=\"col\">What</th></tr></thead>\n<tbody>"
    )?;
    for d in diags {
        write_row(out, d, summary)?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    if diags.is_empty() {
        writeln!(out, "<p class=\"none\" id=\"no-findings\">No findings.</p>")?;
    }
    writeln!(
        out,
        "<p class=\"none\" id=\"no-match\" hidden>No finding matches these filters.</p>"
    )
}

fn write_row(out: &mut dyn Write, d: &Diagnostic, summary: &HtmlSummary) -> io::Result<()> {
    let sev = d.severity.as_str();
    let file = file_label(d);
    writeln!(
        out,
        "<tr class=\"finding\" data-code=\"{code}\" data-severity=\"{sev}\" data-file=\"{f}\">",
        code = esc(d.code),
        f = esc(&file)
    )?;
    let name = summary.code_names.get(d.code);
    writeln!(
        out,
        "<td class=\"sev\"><span class=\"badge {sev}\">{sev}</span><span class=\"code\"{t}>{code}</span></td>",
        code = esc(d.code),
        t = name
            .map(|n| format!(" title=\"{}\"", esc(n)))
            .unwrap_or_default()
    )?;
    // Where: file name (full path on hover), unit, line.
    write!(out, "<td class=\"loc\">")?;
    if let Some(path) = &d.file {
        let short = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        write!(
            out,
            "<span class=\"file\" title=\"{}\">{}</span>",
            esc(&file),
            esc(&short)
        )?;
    }
    write!(out, "unit <code>{}</code>", esc(&d.unit))?;
    if let Some(line) = d.line {
        write!(out, " · line {line}")?;
    }
    writeln!(out, "</td>")?;
    writeln!(
        out,
        "<td class=\"src\" lang=\"zh\">{}</td>",
        highlight(&d.source, d.source_span.as_ref(), "term")
    )?;
    writeln!(
        out,
        "<td class=\"tgt\" lang=\"en\">{}</td>",
        highlight(&d.target, d.target_span.as_ref(), "found")
    )?;
    write_what(out, d)?;
    writeln!(out, "</tr>")
}

fn write_what(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    write!(
        out,
        "<td class=\"what\"><p class=\"msg\">{}</p>",
        esc(&d.message)
    )?;
    let mut items: Vec<(&str, String)> = Vec::new();
    if let Some(term) = &d.term {
        items.push((
            "Term",
            format!(
                "<span lang=\"zh\">{}</span> → {} <span class=\"meta\">({})</span>",
                esc(&term.zh),
                esc(&term.en),
                esc(&term.id)
            ),
        ));
    }
    if let Some(found) = &d.found {
        items.push(("Found", esc(found).into_owned()));
    }
    if let Some(s) = &d.suggestion {
        items.push((
            "Suggest",
            format!("<span class=\"suggest\">{}</span>", esc(s)),
        ));
    }
    if !items.is_empty() {
        write!(out, "<dl>")?;
        for (k, v) in items {
            write!(out, "<dt>{k}</dt><dd>{v}</dd>")?;
        }
        write!(out, "</dl>")?;
    }
    if let Some(tm) = &d.tm {
        write!(
            out,
            "<div class=\"tm\"><div><span class=\"score\">TM {}%</span>{}</div>\
             <div lang=\"zh\">{}</div><div lang=\"en\">{}</div></div>",
            tm.score,
            tm.origin
                .as_ref()
                .map(|o| format!(" <span class=\"meta\">{}</span>", esc(o)))
                .unwrap_or_default(),
            esc(&tm.source),
            esc(&tm.target)
        )?;
    }
    writeln!(out, "</td>")
}

/// `text` escaped, with the byte range `span` wrapped in `<mark class=…>`.
/// A span that is out of bounds or not on character boundaries is ignored
/// (the text is still shown, unhighlighted); an empty span shows a caret.
fn highlight(text: &str, span: Option<&Span>, class: &str) -> String {
    if text.is_empty() {
        return "<span class=\"empty-seg\">(empty)</span>".to_string();
    }
    let Some(span) = span else {
        return esc(text).into_owned();
    };
    let (Some(before), Some(mid), Some(after)) = (
        text.get(..span.start),
        text.get(span.start..span.end),
        text.get(span.end..),
    ) else {
        return esc(text).into_owned();
    };
    if mid.is_empty() {
        return format!(
            "{}<span class=\"caret\" title=\"here\"></span>{}",
            esc(before),
            esc(after)
        );
    }
    format!(
        "{}<mark class=\"{class}\">{}</mark>{}",
        esc(before),
        esc(mid),
        esc(after)
    )
}

fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert!(matches!(esc("一带一路"), Cow::Borrowed(_)));
    }

    #[test]
    fn highlight_marks_the_byte_range() {
        assert_eq!(
            highlight("推动一带一路建设", Some(&(6..18)), "term"),
            "推动<mark class=\"term\">一带一路</mark>建设"
        );
    }

    #[test]
    fn highlight_ignores_spans_inside_a_character_or_out_of_bounds() {
        assert_eq!(highlight("一带一路", Some(&(1..5)), "term"), "一带一路");
        assert_eq!(highlight("abc", Some(&(2..99)), "term"), "abc");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 2..1;
        assert_eq!(highlight("abc", Some(&reversed), "term"), "abc");
    }

    #[test]
    fn highlight_escapes_inside_and_outside_the_mark() {
        assert_eq!(
            highlight("a<b>c", Some(&(1..4)), "found"),
            "a<mark class=\"found\">&lt;b&gt;</mark>c"
        );
    }

    #[test]
    fn empty_span_is_a_caret_and_empty_text_is_labelled() {
        assert!(highlight("ab", Some(&(1..1)), "found").contains("caret"));
        assert!(highlight("", None, "found").contains("(empty)"));
    }
}
