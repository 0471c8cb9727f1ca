//! Every `must_keep` fact of the corpus's JSON cases survives compression (balanced profile, the case's
//! query), judged by the corpus matching rule. Without the public corpus its tests skip, saying so,
//! except in CI, where they fail.

use headroom_json::{compress_json, compress_jsonl, compress_table};
use headroom_marker::{Options, Profile};

/// Reads a JSON string literal starting at the quote at `start`; returns it decoded and the end index.
fn read_string(s: &str, start: usize) -> (String, usize) {
    let mut out = String::new();
    let mut chars = s[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, start + 1 + i + 1),
            '\\' => match chars.next().map(|p| p.1) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('u') => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|p| p.1)).collect();
                    out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('?'));
                }
                Some(c) => out.push(c),
                None => {}
            },
            c => out.push(c),
        }
    }
    (out, s.len())
}

#[test]
fn corpus_json_cases_keep_every_fact() {
    let Some(cases) = headroom_corpus::public_cases() else { return };
    let lost = check_cases(cases.iter().filter(|c| c.name.starts_with("json-") || c.name.starts_with("transcript-")).collect());
    assert!(lost.is_empty(), "facts lost: {lost:#?}");
}

/// The repository's wide corpus (`bench/corpus`): its tables and JSON Lines logs, compressed directly
/// by this crate (the engine may route them elsewhere; see the engine's corpus test).
#[test]
fn wide_corpus_tables_and_json_lines_keep_every_fact() {
    let cases = headroom_corpus::wide_cases();
    // The markdown rules list is prose with a table inside; its facts are the prose compressor's.
    let lost = check_cases(
        cases
            .iter()
            .filter(|c| (c.name.starts_with("table-") && c.name != "table-markdown-eslint-unicorn-rules") || input_name(c).ends_with(".jsonl"))
            .collect(),
    );
    assert!(lost.is_empty(), "facts lost: {lost:#?}");
}

fn input_name(case: &headroom_corpus::Case) -> &str {
    case.meta["input"].as_str().unwrap_or_default()
}

/// Compresses each case in all three profiles (a table case as a table, else as JSON or JSON Lines by
/// its input's name); checks markers and stored originals, prints savings, and returns the facts the
/// balanced profile lost.
fn check_cases(cases: Vec<&headroom_corpus::Case>) -> Vec<String> {
    assert!(!cases.is_empty());
    let mut lost = Vec::new();
    for case in cases {
        let (name, input, facts) = (&case.name, &case.input, &case.must_keep);
        let table = case.kind == "table";
        for profile in [Profile::Balanced, Profile::Safe, Profile::Aggressive] {
            let opts = Options { query: Some(case.query.clone().unwrap_or_default()), profile, ..Default::default() };
            let outcome = if table {
                compress_table(input, &opts)
            } else if input_name(case).ends_with(".jsonl") {
                compress_jsonl(input, &opts)
            } else {
                compress_json(input, &opts)
            };
            let text = match &outcome {
                Ok(c) => c.text.clone(),
                Err(_) => input.clone(),
            };
            if let Ok(c) = &outcome {
                // Every marker's key retrieves a stored original, and every stored original is referenced.
                for marker in c.text.split(headroom_marker::MARKER_PREFIX).skip(1) {
                    let part = marker.split_once("; key=").map_or("", |p| p.1);
                    let key: String = part.chars().take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_').collect();
                    assert!(c.stored.iter().any(|s| s.key == key), "{name}: marker key {key} not stored");
                }
                for s in &c.stored {
                    assert_eq!(s.key, headroom_marker::ccr_key(s.content.as_bytes()));
                    assert!(c.text.contains(&s.key), "{name}: stored {} not referenced", s.key);
                }
            }
            let missing = case.lost(&text);
            if profile == Profile::Balanced {
                lost.extend(missing.iter().map(|f| format!("{name}: {f}")));
            }
            println!(
                "{name:40} {profile:?}: {} -> {} bytes ({:.1}% saved), kept {}/{} facts, {}",
                input.len(),
                text.len(),
                100.0 * (1.0 - text.len() as f64 / input.len() as f64),
                facts.len() - missing.len(),
                facts.len(),
                outcome.as_ref().map_or_else(|s| format!("skip: {}", s.reason), |c| c.transform.clone())
            );
        }
    }
    lost
}

/// The first string value of `key` that begins with `start`: decoded, and its raw literal.
fn literal(input: &str, key: &str, start: &str) -> (String, String) {
    let prefix = format!("\"{key}\": ");
    let at = input.find(&format!("{prefix}\"{start}")).unwrap_or_else(|| panic!("{key}: {start} not in input")) + prefix.len();
    let (decoded, end) = read_string(input, at);
    (decoded, input[at..end].to_string())
}

fn balanced(query: &str) -> Options {
    Options { query: Some(query.into()), profile: Profile::Balanced, ..Default::default() }
}

fn corpus_input(case: &str) -> Option<String> {
    headroom_corpus::case(case).map(|c| c.input)
}

#[test]
fn a_long_observation_that_does_not_match_is_cut_and_its_exact_text_stored() {
    let Some(input) = corpus_input("transcript-swe-agent-marshmallow") else { return };
    let (rejected, _) = literal(&input, "observation", "Your proposed edit");
    assert_eq!(rejected.len(), 8989);
    let c = compress_json(&input, &balanced("why was the first edit rejected, and what was submitted?")).unwrap();
    let stored = c.stored.iter().find(|s| s.content == rejected).expect("the rejected edit's observation is stored whole");
    let key_at = c.text.find(&stored.key).unwrap();
    let marker_at = c.text[..key_at].rfind(headroom_marker::MARKER_PREFIX).unwrap();
    assert!(c.text[marker_at..key_at].contains("bytes of 8989; kept first line"), "{}", &c.text[marker_at..key_at]);
    // The opening and the error line stay; the code listing behind them goes.
    let excerpt = &c.text[c.text[..marker_at].rfind("\"Your proposed edit has introduced new syntax error(s)").unwrap()..marker_at];
    assert!(excerpt.contains("- E999 IndentationError: unexpected indent"), "{excerpt}");
    assert!(excerpt.len() < 1000, "{excerpt}");
    assert!(c.transform.contains("excerpt"), "{}", c.transform);
    // Lossless in the safe profile.
    let safe = compress_json(&input, &Options { profile: Profile::Safe, ..balanced("") }).unwrap();
    assert!(!safe.transform.contains("excerpt") && safe.stored.is_empty());
}

#[test]
fn a_long_observation_naming_the_question_stays_whole() {
    let Some(input) = corpus_input("transcript-swe-agent-marshmallow") else { return };
    let (_, raw) = literal(&input, "observation", "Your proposed edit");
    let c = compress_json(&input, &balanced("what does E999 mean in the rejected edit?")).unwrap();
    assert!(c.text.contains(&raw));
}

#[test]
fn key_only_trees_and_surplus_links_fold_behind_stored_markers() {
    let Some(input) = corpus_input("json-api-k8s-pod-list") else { return };
    let c = compress_json(&input, &balanced("what is the memory limit on coredns?")).unwrap();
    let folded: Vec<_> = c.stored.iter().filter(|s| s.content.starts_with("{\n") && s.content.contains("\"f:")).collect();
    assert!(folded.len() >= 8, "{}", folded.len());
    assert!(c.text.contains("; dropped a tree of field names without values; key="));
    assert!(!c.text.contains("f:terminationMessagePolicy") && c.text.contains("170Mi"));
    let Some(input) = corpus_input("json-search-github-search-issues") else { return };
    let c = compress_json(&input, &balanced("what are the titles of the issues?")).unwrap();
    assert!(c.text.contains("; kept first link and links the question names; dropped URL fields; key="));
    // The first link of each resource stays, the derived ones go.
    assert!(c.text.contains("\"url\":\"https://api.github.com/repos/") && !c.text.contains("followers_url"));
}
