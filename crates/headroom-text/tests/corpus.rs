//! Runs every public corpus case of our kinds through its compressor with the case's question and
//! checks that each `must_keep` fact survives under the corpus matching rule; prints the savings.
//! Without the public corpus (headroom-corpus finds it) the test says so and passes, except in CI.

use headroom_text::*;

fn compressor(kind: &str) -> Option<fn(&str, &Options) -> Outcome> {
    Some(match kind {
        "logs" | "build-output" | "test-output" => compress_log,
        "grep-output" => compress_search,
        "git-diff" => compress_diff,
        "dependency-tree" | "shell-output" => compress_listing,
        "prose" => compress_prose,
        _ => return None,
    })
}

#[test]
fn corpus_facts_are_kept() {
    let Some(cases) = headroom_corpus::public_cases() else { return };
    let mut failures = Vec::new();
    for case in &cases {
        let Some(f) = compressor(&case.kind) else { continue };
        let (name, kind, input) = (&case.name, &case.kind, &case.input);
        let opts = Options { query: case.query.clone(), ..Default::default() };
        let (text, how) = match f(input, &opts) {
            Ok(c) => {
                for s in &c.stored {
                    assert_eq!(&s.content, input, "{name}: the stored original must be the input");
                }
                (c.text, c.transform)
            }
            Err(skip) => (input.clone(), format!("pass-through ({})", skip.reason)),
        };
        let lost = case.lost(&text);
        let saving = 100.0 * (1.0 - text.len() as f64 / input.len() as f64);
        println!(
            "{name:40} {kind:16} {:>8} -> {:>8} bytes  saved {saving:5.1}%  facts {}/{}  {how}",
            input.len(),
            text.len(),
            case.must_keep.len() - lost.len(),
            case.must_keep.len()
        );
        failures.extend(lost.iter().map(|fact| format!("{name}: lost {fact:?}")));
    }
    assert!(failures.is_empty(), "facts lost:\n{}", failures.join("\n"));
}
