//! The whole engine on every case of the public corpus (beside the repository, when present) and of the
//! repository's wide corpus (`bench/corpus`), with each case's question. On both: no output has as many
//! tokens as its input, and every marker's key has its original stored. On the public corpus every
//! `must_keep` fact survives (corpus matching rule); on the wide corpus, built to find what we miss, the
//! share of facts kept may not fall below what the engine keeps today (a ratchet: raise it as misses
//! are fixed). Prints every case and every lost fact.

use headroom_engine::{compress_block, BlockRequest};
use headroom_marker::Options;

/// 99.5% measured (397 of 399 facts; the two misses quote HTML source the HTML compressor renders as
/// text), less a small margin for cases added later. Raise it as misses are fixed.
const WIDE_FACTS_FLOOR: f64 = 0.97;

#[test]
fn every_corpus_case_keeps_its_facts_and_never_grows() {
    let public = headroom_corpus::public_cases().unwrap_or_default();
    let public_names: Vec<String> = public.iter().map(|c| c.name.clone()).collect();
    let mut all = headroom_corpus::wide_cases();
    all.extend(public);
    let mut failures = Vec::new();
    let (mut wide_facts, mut wide_kept) = (0usize, 0usize);
    let (mut total_before, mut total_after) = (0usize, 0usize);
    for case in &all {
        let (name, input) = (&case.name, &case.input);
        let req =
            BlockRequest { options: Options { query: case.query.clone(), ..Default::default() }, count_model: Some("gpt-4o".into()), ..Default::default() };
        let r = compress_block(input, &req);
        let (before, after) = r.tokens.unwrap();
        total_before += before;
        total_after += after;
        let lost = case.lost(&r.text);
        println!(
            "{name:50} {:9} {before:7} -> {after:7} tokens {:5.1}%  {}",
            r.detection.kind.name(),
            100.0 * (1.0 - after as f64 / before as f64),
            r.transform.as_deref().or(r.skipped.as_deref()).unwrap_or("")
        );
        let facts = case.must_keep.len();
        if public_names.contains(name) {
            if !lost.is_empty() {
                failures.push(format!("{name}: lost {lost:?}"));
            }
        } else {
            wide_facts += facts;
            wide_kept += facts - lost.len();
            if !lost.is_empty() {
                println!("    wide-corpus miss, {name}: {lost:?}");
            }
        }
        if &r.text != input && after >= before {
            failures.push(format!("{name}: {after} tokens out for {before} in"));
        }
        for key in r.text.split("key=hr_").skip(1).map(|rest| &rest[..24.min(rest.len())]) {
            let key = format!("hr_{key}");
            if !r.stored.iter().any(|s| s.key == key) && input.matches(&key).count() == 0 {
                failures.push(format!("{name}: marker key {key} has no stored original"));
            }
        }
    }
    println!("total: {total_before} -> {total_after} tokens ({:.1}% saved) over {} cases", 100.0 * (1.0 - total_after as f64 / total_before as f64), all.len());
    let share = wide_kept as f64 / wide_facts.max(1) as f64;
    println!("wide corpus: {wide_kept}/{wide_facts} facts kept ({:.1}%)", share * 100.0);
    if share < WIDE_FACTS_FLOOR {
        failures.push(format!("wide corpus keeps {:.1}% of its facts, below the {:.1}% floor", share * 100.0, WIDE_FACTS_FLOOR * 100.0));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
