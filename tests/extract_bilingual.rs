//! Bilingual proposals on the bundled TM: for glossary terms that occur three
//! or more times, the proposed English is an accepted rendering.

use std::path::Path;

use concord::extract::bilingual::{BilingualOptions, Verdict, propose, rendering_key};

mod common;
use common::bundled_glossary as glossary;
use concord::text::normalize::fold_str;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn units() -> Option<Vec<(String, String)>> {
    let path = root().join("tmx/seed.zh-en.tmx");
    if !path.exists() {
        eprintln!("note: tmx/seed.zh-en.tmx absent, skipping");
        return None;
    }
    let memory = concord::formats::tmx::read_memory(&path).unwrap();
    let (zh, en) = ("zh".into(), "en".into());
    Some(
        memory
            .units()
            .iter()
            .filter_map(|u| {
                Some((
                    u.variant(&zh, false)?.segment.plain_text(),
                    u.variant(&en, false)?.segment.plain_text(),
                ))
            })
            .collect(),
    )
}

#[test]
fn proposals_match_accepted_renderings_for_terms_seen_3_times() {
    let (Some(units), Some(g)) = (units(), glossary()) else {
        return;
    };
    let zh_all: String = units
        .iter()
        .map(|(z, _)| fold_str(z))
        .collect::<Vec<_>>()
        .join("\n");
    // The glossary supplies the Chinese terms to look at and judges the
    // result; the English is chosen from the units alone (its renderings
    // only feed the verdict, never the proposal).
    let proposals = propose(&units, Some(&g), &BilingualOptions::default());
    let mut evaluated = 0;
    let mut right = 0;
    let mut wrong = Vec::new();
    for e in g.iter() {
        let occurrences = e
            .zh_forms()
            .map(|f| zh_all.matches(&fold_str(f)).count())
            .max()
            .unwrap_or(0);
        if occurrences < 3 {
            continue;
        }
        evaluated += 1;
        let accepted: Vec<String> = e.en_accepted().map(rendering_key).collect();
        let proposal = proposals
            .iter()
            .find(|p| e.zh_forms().any(|f| fold_str(f) == fold_str(&p.zh)));
        match proposal {
            Some(p) if accepted.contains(&rendering_key(&p.en)) => right += 1,
            Some(p) => wrong.push(format!("{} → {} (want {})", e.zh, p.en, e.en)),
            None => wrong.push(format!("{} → none (want {})", e.zh, e.en)),
        }
    }
    let share = right as f64 / evaluated as f64;
    eprintln!("{right}/{evaluated} proposals equal an accepted rendering; wrong: {wrong:#?}");
    assert!(evaluated >= 10, "only {evaluated} terms occur 3+ times");
    assert!(share >= 0.7, "{share:.3}");
}

#[test]
fn known_renderings_are_confirmed_on_the_bundled_tm() {
    let (Some(units), Some(g)) = (units(), glossary()) else {
        return;
    };
    let proposals = propose(&units, Some(&g), &BilingualOptions::default());
    let confirmed = proposals
        .iter()
        .filter(|p| matches!(p.verdict, Verdict::Confirmed { .. }))
        .count();
    let contradicted: Vec<_> = proposals
        .iter()
        .filter(|p| matches!(p.verdict, Verdict::Contradicted { .. }))
        .map(|p| (&p.zh, &p.en))
        .collect();
    eprintln!("{confirmed} confirmed; contradicted: {contradicted:?}");
    // The bundled TM follows the glossary, so nearly every known term is confirmed.
    assert!(confirmed > 0);
    assert!(contradicted.len() * 10 <= confirmed, "{contradicted:?}");
}
