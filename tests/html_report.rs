//! The HTML report, rendered from diagnostics built in code.

use std::path::PathBuf;

use concord::diagnostic::{TermRef, TmRef};
use concord::report::html::{HtmlSummary, TermCoverage, render_html};
use concord::{Diagnostic, Severity};

fn render(diags: &[Diagnostic], summary: &HtmlSummary) -> String {
    let mut out = Vec::new();
    render_html(diags, summary, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn t002() -> Diagnostic {
    let mut d = Diagnostic::new(
        "T002",
        Severity::Error,
        "12",
        "forbidden rendering of 一带一路",
    );
    d.file = Some(PathBuf::from("press/a.xlf"));
    d.line = Some(88);
    d.source = "共建“一带一路”".into();
    d.target = "Jointly build One Belt, One Road".into();
    d.source_span = Some(9..21);
    d.target_span = Some(14..32);
    d.term = Some(TermRef {
        id: "bri".into(),
        zh: "一带一路".into(),
        en: "Belt and Road Initiative".into(),
    });
    d.found = Some("One Belt, One Road".into());
    d.suggestion = Some("the Belt and Road Initiative".into());
    d
}

fn m002() -> Diagnostic {
    let mut d = Diagnostic::new("M002", Severity::Warning, "7", "fuzzy TM match differs");
    d.file = Some(PathBuf::from("speeches/b.tmx"));
    d.source = "上海合作组织峰会".into();
    d.target = "SCO summit".into();
    d.tm = Some(TmRef {
        score: 87,
        source: "上海合作组织成员国峰会".into(),
        target: "Summit of the Shanghai Cooperation Organization".into(),
        origin: Some("mfa.tmx#4711".into()),
    });
    d
}

fn xss() -> Diagnostic {
    let mut d = Diagnostic::new("S002", Severity::Info, "<u1>", "target identical to source");
    d.file = Some(PathBuf::from("x\"><img src=x onerror=alert(1)>.xlf"));
    d.source = "<script>alert(1)</script> 请见附件".into();
    d.target = "<script>alert(1)</script> 请见附件".into();
    d.source_span = Some(0..8);
    d.suggestion = Some("<b>bold</b> & 'quoted'".into());
    d
}

#[test]
fn is_one_self_contained_document() {
    let html = render(&[t002(), m002()], &HtmlSummary::default());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<style>") && html.contains("<script>"));
    // Nothing is fetched: no external resources of any kind.
    for needle in ["http://", "https://", "src=\"", "<link", "@import", "url("] {
        assert!(!html.contains(needle), "found {needle:?}");
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn script_in_a_segment_is_text() {
    let html = render(&[xss()], &HtmlSummary::default());
    // The page's own script is the only <script> element.
    assert_eq!(html.matches("<script>").count(), 1, "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img"));
    assert!(html.contains("x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.xlf"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;"));
    assert!(html.contains("unit <code>&lt;u1&gt;</code>"));
    // The span covers "<script>" and is escaped inside the mark.
    assert!(html.contains("<mark class=\"term\">&lt;script&gt;</mark>"));
}

#[test]
fn finding_rows_carry_filter_attributes_and_highlights() {
    let html = render(&[t002(), m002()], &HtmlSummary::default());
    assert_eq!(html.matches("<tr class=\"finding\"").count(), 2);
    assert!(html.contains(
        "<tr class=\"finding\" data-code=\"T002\" data-severity=\"error\" data-file=\"press/a.xlf\">"
    ));
    assert!(html.contains("共建“<mark class=\"term\">一带一路</mark>”"));
    assert!(html.contains("Jointly build <mark class=\"found\">One Belt, One Road</mark>"));
    assert!(html.contains("the Belt and Road Initiative"));
    // The TM match of an M-code.
    assert!(html.contains("TM 87%"));
    assert!(html.contains("Summit of the Shanghai Cooperation Organization"));
    assert!(html.contains("mfa.tmx#4711"));
    // Filters list each code, severity and file with its count.
    assert!(html.contains("<option value=\"T002\">T002 (1)</option>"));
    assert!(html.contains("<option value=\"warning\">warning (1)</option>"));
    assert!(html.contains("<option value=\"speeches/b.tmx\">speeches/b.tmx (1)</option>"));
    assert!(html.contains("Showing <b id=\"n-visible\">2</b> of <b id=\"n-total\">2</b>"));
}

#[test]
fn summary_counts_codes_severities_and_coverage() {
    let summary = HtmlSummary {
        units: 40,
        coverage: Some(TermCoverage {
            entries_seen: 5,
            occurrences: 20,
            correct: 15,
            wrong: 4,
        }),
        code_names: [("T002".to_string(), "forbidden rendering".to_string())].into(),
        files: vec!["press/a.xlf".into()],
        ..HtmlSummary::default()
    };
    let html = render(&[t002(), t002(), m002()], &summary);
    assert!(
        html.contains("<span class=\"n\">3</span><span class=\"l\">findings in 40 units</span>")
    );
    assert!(html.contains("id=\"count-error\"><span class=\"n\">2</span>"));
    assert!(html.contains("id=\"count-warning\"><span class=\"n\">1</span>"));
    assert!(html.contains("id=\"count-info\"><span class=\"n\">0</span>"));
    // The chart has one bar per code, named.
    assert_eq!(html.matches("<g class=\"bar\"").count(), 2);
    assert!(html.contains("<title>T002 forbidden rendering: 2</title>"));
    assert!(html.contains("<b id=\"cov-correct\">15</b> rendered correctly (75%)"));
    assert!(html.contains("<b id=\"cov-wrong\">4</b> wrongly (20%) · 1 not decided"));
    assert!(html.contains("<option value=\"T002\">T002 forbidden rendering (2)</option>"));
}

#[test]
fn no_findings_says_so() {
    let html = render(&[], &HtmlSummary::default());
    assert!(html.contains("id=\"no-findings\""));
    assert!(html.contains("No glossary coverage was computed"));
    assert_eq!(html.matches("<tr class=\"finding\"").count(), 0);
}

#[test]
fn bad_spans_do_not_panic_and_keep_the_text() {
    let mut d = t002();
    d.source_span = Some(1..2); // inside 共
    d.target_span = Some(30..300);
    let html = render(&[d], &HtmlSummary::default());
    assert!(html.contains("<td class=\"src\" lang=\"zh\">共建“一带一路”</td>"));
    assert!(html.contains("<td class=\"tgt\" lang=\"en\">Jointly build One Belt, One Road</td>"));
}

#[test]
fn output_is_deterministic() {
    let diags = [t002(), m002(), xss()];
    assert_eq!(
        render(&diags, &HtmlSummary::default()),
        render(&diags, &HtmlSummary::default())
    );
}

#[test]
fn coverage_counts_term_occurrences_and_flagged_ones() {
    use concord::check::CheckedFile;
    use concord::model::{Entry, Glossary, LangTag, Unit};
    let mut g = Glossary::new();
    for (id, zh, en) in [
        ("bri", "一带一路", "Belt and Road Initiative"),
        ("gdi", "全球发展倡议", "Global Development Initiative"),
        ("gsi", "全球安全倡议", "Global Security Initiative"),
    ] {
        g.insert(Entry {
            id: id.into(),
            zh: zh.into(),
            en: en.into(),
            ..Entry::default()
        })
        .unwrap();
    }
    let units = vec![
        Unit::bilingual(
            Some("u1".into()),
            "zh",
            "共建一带一路",
            "en",
            "Build One Belt, One Road",
        ),
        Unit::bilingual(
            Some("u2".into()),
            "zh",
            "全球发展倡议和一带一路",
            "en",
            "the Global Development Initiative and the Belt and Road Initiative",
        ),
    ];
    let files = [CheckedFile::new("a.tmx", units)];
    let mut d = t002();
    d.file = Some("a.tmx".into());
    d.source = "共建一带一路".into();
    let c = TermCoverage::from_run(&g, &files, &LangTag::new("zh"), &[d]);
    assert_eq!(
        c,
        TermCoverage {
            entries_seen: 2,
            occurrences: 3,
            correct: 2,
            wrong: 1
        }
    );
}
