//! The prose compressor on real documents (see `fixtures/prose/SOURCES.md`): a markdown README from
//! npm, a reStructuredText topic guide from PyPI, a man page rendered as text and `--help` output.

use headroom_text::*;

const MARKER: &str = "[headroom: omitted ";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/prose/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Compresses and checks the contract: smaller, the original stored byte for byte, and nothing
/// invented: every line that is not a marker is an input line or the start of one, in input order.
/// Every marker's counts are consistent (`omitted N paragraphs of T`, N ≤ T, kept K ≤ T).
fn run(input: &str, query: &str) -> String {
    let opts = Options { query: Some(query.to_string()), ..Default::default() };
    let c = compress_prose(input, &opts).unwrap_or_else(|s| panic!("skipped: {}", s.reason));
    assert!(c.text.len() < input.len());
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].content, input);
    let mut source = input.lines();
    for l in c.text.lines() {
        if let Some(m) = l.strip_prefix(MARKER) {
            let n: usize = m.split(' ').next().unwrap().parse().unwrap();
            let total: usize = m.split(" of ").nth(1).unwrap().split(';').next().unwrap().parse().unwrap();
            assert!(n > 0 && n <= total, "{l}");
            if let Some(k) = m.split("; kept ").nth(1) {
                assert!(k.split(' ').next().unwrap().parse::<usize>().unwrap() <= total, "{l}");
            }
            assert!(m.contains(&format!("key={}", c.stored[0].key)));
            continue;
        }
        assert!(source.any(|s| s.starts_with(l)), "invented or out of order: {l:?}");
    }
    c.text
}

/// The text from line `start` to the next line `is_heading` accepts (or the end).
fn section(input: &str, start: usize, is_heading: impl Fn(&[&str], usize) -> bool) -> String {
    let lines: Vec<&str> = input.lines().collect();
    let end = (start + 1..lines.len()).find(|&i| is_heading(&lines, i)).unwrap_or(lines.len());
    lines[start..end].join("\n").trim_end().to_string()
}

fn md_heading(lines: &[&str], i: usize) -> bool {
    let fenced = lines[..i].iter().filter(|l| l.starts_with("```")).count() % 2 == 1;
    !fenced && lines[i].starts_with('#')
}

fn rst_title(lines: &[&str], i: usize) -> bool {
    let u = lines.get(i + 1).map_or("", |u| u.trim_end());
    !lines[i].trim().is_empty() && u.len() >= lines[i].trim_end().len() && u.len() >= 3 && u.chars().all(|c| c == '=' || c == '-')
}

#[test]
fn markdown_readme_keeps_every_heading_and_the_answering_section() {
    let input = fixture("chalk-5.0.0-readme.md");
    let out = run(&input, "How do I detect color support in stderr?");
    let lines: Vec<&str> = input.lines().collect();
    for i in (0..lines.len()).filter(|&i| md_heading(&lines, i)) {
        assert!(out.lines().any(|l| l == lines[i]), "lost heading {:?}", lines[i]);
    }
    let at = lines.iter().position(|l| *l == "### chalkStderr and supportsColorStderr").unwrap();
    assert!(out.contains(&section(&input, at, md_heading)), "the answering section must stay whole:\n{out}");
    assert!(out.len() * 10 < input.len() * 7, "{} of {}", out.len(), input.len());
}

#[test]
fn rst_guide_keeps_every_title_and_the_answering_section() {
    let input = fixture("awscli-s3-config.rst");
    let out = run(&input, "How do I set multipart_chunksize?");
    let lines: Vec<&str> = input.lines().collect();
    for i in (0..lines.len()).filter(|&i| rst_title(&lines, i)) {
        assert!(out.contains(&format!("{}\n{}", lines[i], lines[i + 1])), "lost title {:?}", lines[i]);
    }
    let at = lines.iter().position(|l| *l == "multipart_chunksize").unwrap();
    assert!(out.contains(&section(&input, at, rst_title)), "the answering section must stay whole:\n{out}");
    assert!(out.len() * 10 < input.len() * 7, "{} of {}", out.len(), input.len());
}

#[test]
fn man_page_keeps_its_outline_and_the_option_asked_about() {
    let input = fixture("tar-man.txt");
    let out = run(&input, "how do I exclude files matching a pattern?");
    for title in [
        "NAME",
        "SYNOPSIS",
        "   Traditional usage",
        "DESCRIPTION",
        "   Option styles",
        "OPTIONS",
        "   Operation mode",
        "   Local file selection",
        "RETURN VALUE",
        "SEE ALSO",
        "BUG REPORTS",
        "COPYRIGHT",
    ] {
        assert!(out.lines().any(|l| l == title), "lost title {title:?}");
    }
    assert!(
        out.contains("       --exclude=PATTERN\n              Exclude  files  matching  PATTERN, a glob(3)-style wildcard pat‐\n              tern."),
        "{out}"
    );
    assert!(out.len() * 2 < input.len(), "{} of {}", out.len(), input.len());
}

#[test]
fn help_output_without_headings_still_compresses() {
    let input = fixture("rsync-help.txt");
    let out = run(&input, "how do I exclude files matching a pattern?");
    assert!(out.lines().any(|l| l == "--exclude=PATTERN        exclude files matching PATTERN"));
    assert!(out.lines().any(|l| l.starts_with("Usage: rsync [OPTION]... SRC [SRC]... DEST")));
}

#[test]
fn safe_profile_passes_prose_through() {
    let input = fixture("tar-man.txt");
    assert!(compress_prose(&input, &Options { profile: Profile::Safe, ..Default::default() }).is_err());
}
