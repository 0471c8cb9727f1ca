//! Issue 12, item 6: the public corpus's prose and diff cases are compressed (they used to pass through
//! at 0%), keep every `must_keep` fact under the corpus matching rule, and store the original. Without
//! the corpus (`../shared/bench/corpus` from the repo root) the test says so and passes.

mod common;

use headroom_text::*;
use std::path::PathBuf;

#[test]
fn public_prose_and_diff_cases_save_and_keep_their_facts() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus");
    if !dir.exists() {
        println!("SKIPPED: corpus not found at {}", dir.display());
        return;
    }
    let cases: [(&str, fn(&str, &Options) -> Outcome); 3] = [("prose-gson-userguide", compress_prose), ("prose-pep-668-externally-managed", compress_prose), ("git-diff-express-4-to-5", compress_diff)];
    for (name, f) in cases {
        let case = common::parse_json(&std::fs::read_to_string(dir.join(name).join("case.json")).unwrap());
        let input = std::fs::read_to_string(dir.join(name).join(case.get("input").unwrap().str().unwrap())).unwrap();
        let opts = Options { query: case.get("query").and_then(|q| q.str()).map(String::from), ..Default::default() };
        let c = f(&input, &opts).unwrap_or_else(|s| panic!("{name} passed through: {}", s.reason));
        assert_eq!(c.stored.len(), 1);
        assert_eq!(c.stored[0].content, input, "{name}: the stored original must be the input");
        let saved = 1.0 - c.text.len() as f64 / input.len() as f64;
        println!("{name}: saved {:.1}%", saved * 100.0);
        assert!(saved > 0.3, "{name}: saved only {:.1}%", saved * 100.0);
        for fact in case.get("must_keep").unwrap().arr() {
            assert!(common::is_kept(&c.text, fact.str().unwrap()), "{name}: lost {:?}", fact.str().unwrap());
        }
    }
}
