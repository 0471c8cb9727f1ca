//! Issue 12, item 6: the public corpus's prose and diff cases are compressed (they used to pass through
//! at 0%), keep every `must_keep` fact under the corpus matching rule, and store the original. Without
//! the public corpus the test says so and passes, except in CI.

use headroom_text::*;

type Compressor = fn(&str, &Options) -> Outcome;

#[test]
fn public_prose_and_diff_cases_save_and_keep_their_facts() {
    let cases: [(&str, Compressor); 3] =
        [("prose-gson-userguide", compress_prose), ("prose-pep-668-externally-managed", compress_prose), ("git-diff-express-4-to-5", compress_diff)];
    for (name, f) in cases {
        let Some(case) = headroom_corpus::case(name) else { return };
        let input = &case.input;
        let opts = Options { query: case.query.clone(), ..Default::default() };
        let c = f(input, &opts).unwrap_or_else(|s| panic!("{name} passed through: {}", s.reason));
        assert_eq!(c.stored.len(), 1);
        assert_eq!(&c.stored[0].content, input, "{name}: the stored original must be the input");
        let saved = 1.0 - c.text.len() as f64 / input.len() as f64;
        println!("{name}: saved {:.1}%", saved * 100.0);
        assert!(saved > 0.3, "{name}: saved only {:.1}%", saved * 100.0);
        let lost = case.lost(&c.text);
        assert!(lost.is_empty(), "{name}: lost {lost:?}");
    }
}
