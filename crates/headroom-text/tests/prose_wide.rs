//! The prose and HTML compressors on the repository's wide corpus (`bench/corpus`) cases of documents:
//! man pages, `--help` dumps, reST changelogs, Sphinx HTML, a README built around a table, and configs.
//! Every `must_keep` fact survives under the corpus matching rule, and each case stays under the share
//! of its input's bytes it was measured at (a ratchet). The two public-corpus documents run when that
//! corpus sits beside the repository.

use headroom_text::*;

/// Compresses the case, checks that every fact is kept and the output is under `max_share` of the input's
/// bytes.
fn check(name: &str, compress: fn(&str, &Options) -> Outcome, max_share: f64) {
    let Some(case) = headroom_corpus::case(name) else { return };
    let input = &case.input;
    let opts = Options { query: case.query.clone(), ..Default::default() };
    let c = compress(input, &opts).unwrap_or_else(|s| panic!("{name} skipped: {}", s.reason));
    let lost = case.lost(&c.text);
    let share = c.text.len() as f64 / input.len() as f64;
    println!("{name:45} {:>8} -> {:>8} bytes ({:.1}% saved), lost {lost:?}", input.len(), c.text.len(), 100.0 * (1.0 - share));
    assert!(lost.is_empty(), "{name} lost {lost:?}");
    assert!(share <= max_share, "{name}: {share:.3} of the input");
}

#[test]
fn man_pages_keep_the_option_entries_asked_about() {
    check("prose-man-rsync", compress_prose, 0.31);
    check("prose-man-git-log", compress_prose, 0.50);
}

#[test]
fn a_help_dump_without_blank_lines_keeps_the_rows_named() {
    check("docs-help-mariadbd-verbose", compress_prose, 0.11);
}

#[test]
fn changelog_bullets_naming_the_question_stay() {
    check("docs-rst-packaging-changelog", compress_prose, 0.65);
}

#[test]
fn a_table_in_a_readme_keeps_its_rows_with_a_rare_value() {
    check("table-markdown-eslint-unicorn-rules", compress_prose, 0.30);
}

#[test]
fn configs_read_as_prose_keep_their_settings() {
    check("config-postgresql-conf-debian", compress_prose, 0.99);
    check("config-ini-php-cli", compress_prose, 0.55);
    check("config-yaml-cloudformation-nist-application", compress_prose, 0.34);
}

#[test]
fn public_corpus_documents() {
    check("prose-gson-userguide", compress_prose, 0.54);
    check("prose-pep-668-externally-managed", compress_prose, 0.51);
}
