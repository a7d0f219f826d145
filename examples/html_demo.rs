//! Writes a sample HTML QA report built from hand-made findings, for the
//! browser test and the README screenshot:
//! `cargo run --example html_demo -- report.html [findings.json]` (the JSON
//! holds the same findings, for the browser test to compare against).
//!
//! The findings are typical of Chinese→English diplomatic texts; one segment
//! contains `<script>` to prove that the report shows it as text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concord::diagnostic::{TermRef, TmRef};
use concord::report::html::{HtmlSummary, TermCoverage, render_html};
use concord::{Diagnostic, Severity};

/// The byte range of `needle` in `text` (the first occurrence).
fn span(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    text.find(needle).map(|i| i..i + needle.len())
}

#[allow(clippy::too_many_arguments)]
fn finding(
    code: &'static str,
    severity: Severity,
    file: &str,
    unit: &str,
    line: u64,
    message: &str,
    source: &str,
    target: &str,
    term_in_source: Option<&str>,
    found_in_target: Option<&str>,
) -> Diagnostic {
    let mut d = Diagnostic::new(code, severity, unit, message);
    d.file = Some(PathBuf::from(file));
    d.line = Some(line);
    d.source = source.to_string();
    d.target = target.to_string();
    d.source_span = term_in_source.and_then(|t| span(source, t));
    d.target_span = found_in_target.and_then(|t| span(target, t));
    d
}

fn term(id: &str, zh: &str, en: &str) -> Option<TermRef> {
    Some(TermRef {
        id: id.to_string(),
        zh: zh.to_string(),
        en: en.to_string(),
    })
}

/// The sample findings (also used by the browser test, which knows their counts).
fn findings() -> Vec<Diagnostic> {
    let a = "press/2025-06-17-central-asia.xlf";
    let b = "speeches/boao-2025.tmx";
    let mut out = Vec::new();

    let mut d = finding(
        "T002",
        Severity::Error,
        a,
        "12",
        88,
        "forbidden rendering of 一带一路 (use Belt and Road Initiative)",
        "中方愿同各方共建“一带一路”，推动高质量发展。",
        "China is ready to work with all parties on the One Belt, One Road and promote high-quality development.",
        Some("一带一路"),
        Some("One Belt, One Road"),
    );
    d.term = term(
        "belt-and-road-initiative",
        "一带一路",
        "Belt and Road Initiative",
    );
    d.found = Some("One Belt, One Road".into());
    d.suggestion = Some("the Belt and Road Initiative".into());
    out.push(d);

    let mut d = finding(
        "T001",
        Severity::Error,
        a,
        "14",
        96,
        "approved rendering of 人类命运共同体 missing",
        "构建人类命运共同体是中国外交的崇高目标。",
        "Building a community with a common future for mankind is the lofty goal of China's diplomacy.",
        Some("人类命运共同体"),
        Some("a community with a common future for mankind"),
    );
    d.term = term(
        "community-shared-future",
        "人类命运共同体",
        "community with a shared future for mankind",
    );
    d.suggestion = Some("a community with a shared future for mankind".into());
    out.push(d);

    let mut d = finding(
        "T003",
        Severity::Warning,
        a,
        "15",
        101,
        "near miss of the approved rendering of 中国—中亚峰会",
        "第二届中国—中亚峰会在阿斯塔纳举行。",
        "The second China-Central Asian Summit was held in Astana.",
        Some("中国—中亚峰会"),
        Some("China-Central Asian Summit"),
    );
    d.term = term(
        "china-central-asia-summit",
        "中国—中亚峰会",
        "China–Central Asia Summit",
    );
    d.found = Some("China-Central Asian Summit".into());
    d.suggestion = Some("China–Central Asia Summit".into());
    out.push(d);

    let mut d = finding(
        "T004",
        Severity::Info,
        b,
        "boao-31",
        412,
        "term occurs 2 times in the source, 1 time in the target",
        "全球发展倡议和全球安全倡议相辅相成，全球发展倡议是重中之重。",
        "The Global Development Initiative and the Global Security Initiative complement each other.",
        Some("全球发展倡议"),
        Some("Global Development Initiative"),
    );
    d.term = term(
        "global-development-initiative",
        "全球发展倡议",
        "Global Development Initiative",
    );
    out.push(d);

    let mut d = finding(
        "M002",
        Severity::Warning,
        b,
        "boao-07",
        133,
        "87% TM match renders 上海合作组织 differently",
        "上海合作组织成员国元首理事会会议在天津举行。",
        "The meeting of the Council of Heads of State of the Shanghai Cooperative Organisation was held in Tianjin.",
        Some("上海合作组织"),
        Some("Shanghai Cooperative Organisation"),
    );
    d.tm = Some(TmRef {
        score: 87,
        source: "上海合作组织成员国元首理事会第二十五次会议在天津举行。".into(),
        target: "The 25th Meeting of the Council of Heads of State of the Shanghai Cooperation Organization was held in Tianjin.".into(),
        origin: Some("mfa-2024.tmx#4711".into()),
    });
    d.suggestion = Some("Shanghai Cooperation Organization".into());
    out.push(d);

    let mut d = finding(
        "M001",
        Severity::Error,
        b,
        "boao-09",
        151,
        "exact TM match has a different translation",
        "我们要坚持真正的多边主义。",
        "We must uphold genuine multilateralism!",
        None,
        None,
    );
    d.tm = Some(TmRef {
        score: 100,
        source: "我们要坚持真正的多边主义。".into(),
        target: "We must practice true multilateralism.".into(),
        origin: Some("mfa-2024.tmx#118".into()),
    });
    out.push(d);

    out.push(finding(
        "N001",
        Severity::Error,
        a,
        "21",
        140,
        "15亿元 (1.5 billion yuan) not found in the target",
        "双方签署了总额15亿元的合作协议。",
        "The two sides signed cooperation agreements worth 150 million yuan.",
        Some("15亿元"),
        Some("150 million yuan"),
    ));

    out.push(finding(
        "S003",
        Severity::Warning,
        b,
        "boao-12",
        190,
        "Chinese characters left in the target",
        "亚洲的和平稳定是各方共同的责任。",
        "Peace and stability in Asia is the 共同 responsibility of all parties.",
        None,
        Some("共同"),
    ));

    let mut d = finding(
        "S002",
        Severity::Warning,
        a,
        "27",
        171,
        "target identical to source",
        "<script>alert('xss')</script> 请见附件。",
        "<script>alert('xss')</script> 请见附件。",
        Some("<script>"),
        Some("<script>"),
    );
    d.suggestion = Some("translate: <b>See attachment.</b>".into());
    out.push(d);

    out.push(finding(
        "P001",
        Severity::Info,
        a,
        "30",
        188,
        "full-width punctuation in English target",
        "会谈在友好气氛中进行。",
        "The talks were held in a friendly atmosphere。",
        None,
        Some("。"),
    ));

    out.push(finding(
        "P003",
        Severity::Info,
        b,
        "boao-40",
        505,
        "double space",
        "开放是当代中国的鲜明标识。",
        "Openness is  a defining feature of contemporary China.",
        None,
        Some("  "),
    ));

    out.push(finding(
        "C001",
        Severity::Warning,
        b,
        "boao-44",
        530,
        "same source translated differently in unit boao-02",
        "中方愿同各方一道，共同应对挑战。",
        "China is willing to work with all sides to meet challenges together.",
        None,
        None,
    ));
    // More of the most common findings, so that the chart has a shape.
    // (code, unit, zh term, source, target, rendering found, approved en, entry id)
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );
    let more: [Row; 6] = [
        (
            "T001",
            "41",
            "全球治理倡议",
            "全球治理倡议为完善全球治理提供了中国方案。",
            "The global governance proposal offers a Chinese solution to improving global governance.",
            "global governance proposal",
            "Global Governance Initiative",
            "global-governance-initiative",
        ),
        (
            "T001",
            "43",
            "新型国际关系",
            "中方致力于推动构建新型国际关系。",
            "China is committed to building a new type of international relationship.",
            "new type of international relationship",
            "new type of international relations",
            "new-type-international-relations",
        ),
        (
            "T001",
            "52",
            "全过程人民民主",
            "全过程人民民主是社会主义民主政治的本质属性。",
            "Whole-process democracy is a defining feature of socialist democracy.",
            "Whole-process democracy",
            "whole-process people's democracy",
            "whole-process-peoples-democracy",
        ),
        (
            "T002",
            "58",
            "一带一路",
            "“一带一路”合作走深走实。",
            "OBOR cooperation has become deeper and more substantial.",
            "OBOR",
            "Belt and Road",
            "belt-and-road-initiative",
        ),
        (
            "T002",
            "63",
            "钓鱼岛",
            "钓鱼岛及其附属岛屿是中国的固有领土。",
            "The Senkaku Islands and their affiliated islands are China's inherent territory.",
            "Senkaku Islands",
            "Diaoyu Dao",
            "diaoyu-dao",
        ),
        (
            "T003",
            "70",
            "澜湄合作",
            "澜湄合作机制已进入全面发展新阶段。",
            "The Lancang-Mekong Co-operation mechanism has entered a new stage of comprehensive development.",
            "Lancang-Mekong Co-operation",
            "Lancang-Mekong Cooperation",
            "lancang-mekong-cooperation",
        ),
    ];
    for (i, (code, unit, zh, source, target, found, en, id)) in more.into_iter().enumerate() {
        let (severity, message) = match code {
            "T001" => (
                Severity::Error,
                format!("approved rendering of {zh} missing"),
            ),
            "T002" => (
                Severity::Error,
                format!("forbidden rendering of {zh} (use {en})"),
            ),
            _ => (
                Severity::Warning,
                format!("near miss of the approved rendering of {zh}"),
            ),
        };
        let file = if i % 2 == 0 { a } else { b };
        let mut d = finding(
            code,
            severity,
            file,
            unit,
            200 + 7 * i as u64,
            &message,
            source,
            target,
            Some(zh),
            Some(found),
        );
        d.term = term(id, zh, en);
        if code != "T001" {
            d.found = Some(found.to_string());
        }
        d.suggestion = Some(en.to_string());
        out.push(d);
    }
    out
}

fn code_names() -> BTreeMap<String, String> {
    [
        ("T001", "approved rendering missing"),
        ("T002", "forbidden rendering"),
        ("T003", "near-miss rendering"),
        ("T004", "term count differs"),
        ("M001", "exact TM match differs"),
        ("M002", "fuzzy TM match differs"),
        ("C001", "inconsistent translation"),
        ("N001", "number mismatch"),
        ("S002", "target same as source"),
        ("S003", "Chinese left in target"),
        ("P001", "full-width punctuation"),
        ("P003", "double space"),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_string(), n.to_string()))
    .collect()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "report.html".into());
    let diags = findings();
    let summary = HtmlSummary {
        title: String::new(),
        files: vec![
            "press/2025-06-17-central-asia.xlf".into(),
            "speeches/boao-2025.tmx".into(),
        ],
        units: 164,
        glossaries: vec!["glossary/diplomacy.csv".into()],
        memories: vec!["memory/mfa-2024.tmx".into()],
        coverage: Some(TermCoverage {
            entries_seen: 23,
            occurrences: 58,
            correct: 54,
            wrong: 4,
        }),
        code_names: code_names(),
        generated: None,
    };
    let path = Path::new(&path);
    let result = concord::io::write_atomic(path, |w| {
        render_html(&diags, &summary, w).map_err(concord::io::write_err(path))
    });
    let result = result.and_then(|()| match std::env::args().nth(2) {
        Some(json) => {
            let json = Path::new(&json).to_path_buf();
            concord::io::write_atomic(&json, |w| {
                serde_json::to_writer_pretty(&mut *w, &diags)
                    .map_err(|e| concord::Error::io("write", e.into()).in_file(&json))
            })
        }
        None => Ok(()),
    });
    if let Err(e) = result {
        eprintln!("html_demo: {e}");
        std::process::exit(2);
    }
    eprintln!("wrote {} findings to {}", diags.len(), path.display());
}
