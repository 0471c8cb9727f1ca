use super::*;

fn kind(text: &str) -> ContentKind {
    detect(text, |_| None).kind
}

#[test]
fn json_documents_and_json_lines() {
    assert_eq!(kind("{\n  \"a\": 1\n}\n"), ContentKind::Json);
    assert_eq!(kind("[\n  {\"id\": 1},\n  {\"id\": 2}\n]"), ContentKind::Json);
    assert_eq!(kind("{\"type\":\"begin\"}\n{\"type\":\"match\"}\n{\"type\":\"end\"}\n"), ContentKind::JsonLines);
}

#[test]
fn bracketed_log_lines_are_not_json() {
    let text = "[2026-11-21 10:00:01] INFO start\n[2026-11-21 10:00:02] ERROR boom]\n[2026-11-21 10:00:03] INFO stop]";
    assert_eq!(kind(text), ContentKind::Log);
}

#[test]
fn diffs() {
    let git = "diff --git a/x.js b/x.js\nindex 1..2 100644\n--- a/x.js\n+++ b/x.js\n@@ -1,2 +1,2 @@\n-a\n+b\n";
    assert_eq!(kind(git), ContentKind::Diff);
    let plain = "--- old.txt\n+++ new.txt\n@@ -1 +1 @@\n-a\n+b\n";
    assert_eq!(kind(plain), ContentKind::Diff);
}

#[test]
fn grep_results_versus_compiler_diagnostics() {
    let grep = "src/a.ts:10:  throw new Error('x')\nsrc/b.ts:22:  throw new Error('y')\nC:\\proj\\c.ts:3:throw z\n";
    assert_eq!(kind(grep), ContentKind::Search);
    let gcc = "src/a.cpp:9:7: warning: unused variable 'x' [-Wunused-variable]\n    9 |   int x;\n      |       ^\nsrc/a.cpp:12:3: error: 'y' was not declared in this scope\n";
    assert_eq!(kind(gcc), ContentKind::Log);
    let rg_heading = "src/linter.js\n986:    getScope()\n1002-    // context\n\nsrc/other.js\n12:getScope(node)\n";
    assert_eq!(kind(rg_heading), ContentKind::Search);
}

#[test]
fn logs_of_several_timestamp_styles() {
    for line in [
        "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating",
        "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186",
        "17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers",
        "2026-11-21T10:00:00Z INFO worker-0 request 1000 served in 0ms",
        "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification",
    ] {
        assert_eq!(kind(&format!("{line}\n").repeat(5)), ContentKind::Log, "{line}");
    }
}

#[test]
fn test_runner_output_is_log() {
    let mocha = "\n  Route\n    ✔ should work\n    ✔ should also work\n    1) should fail\n\n  2 passing (12ms)\n  1 failing\n";
    assert_eq!(kind(mocha), ContentKind::Log);
}

#[test]
fn listings() {
    let npm = "app@1.0.0 /srv/app\n├─┬ eslint@8.57.0\n│ ├── ajv@6.12.6\n│ └── chalk@4.1.2 deduped\n└── react@18.2.0\n";
    assert_eq!(kind(npm), ContentKind::Listing);
    let ls = "node_modules/.bin:\ntotal 16\ndrwxr-xr-x   2 root root  4096 Nov 21 22:21 .\ndrwxr-xr-x 213 root root 12288 Nov 21 22:21 ..\nlrwxrwxrwx   1 root root    14 Nov 21 22:21 eslint -> ../eslint/bin/eslint.js\n";
    assert_eq!(kind(ls), ContentKind::Listing);
}

#[test]
fn tables() {
    assert_eq!(kind("id,name,status\n1,a,ok\n2,b,failed\n3,c,ok\n"), ContentKind::Table);
    assert_eq!(kind("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"), ContentKind::Table);
    assert_eq!(kind("id\tname\n1\ta\n2\tb\n"), ContentKind::Table);
}

#[test]
fn html_and_prose() {
    assert_eq!(kind("<!DOCTYPE html><html><body><p>Hi</p></body></html>"), ContentKind::Html);
    assert_eq!(kind("# Title\n\nSome text here.\n\n## Usage\n\nMore text.\n"), ContentKind::Prose);
    let rst = "PEP: 668\nTitle: Marking Python base environments\nAuthor: Someone\n\nAbstract\n========\n\nText.\n\nMotivation\n==========\n\nMore.\n";
    assert_eq!(kind(rst), ContentKind::Prose);
}

#[test]
fn code_is_asked_of_the_language_detector() {
    let d = detect("def main():\n    return 1\n", |t| t.starts_with("def ").then_some(Language::Python));
    assert_eq!((d.kind, d.language), (ContentKind::Code, Some(Language::Python)));
}

#[test]
fn empty_binary_and_unknown() {
    assert_eq!(kind("   \n\n"), ContentKind::Unknown);
    assert_eq!(kind("\u{0}\u{1}\u{2}\u{3}abc\u{4}\u{5}\u{6}"), ContentKind::Unknown);
    assert_eq!(kind("x"), ContentKind::Unknown);
}

#[test]
fn kinds_round_trip_by_name_and_every_detection_has_a_reason() {
    for k in ALL {
        assert_eq!(ContentKind::parse(k.name()), Some(k));
    }
    assert!(!detect("{}", |_| None).reason.is_empty());
}

#[test]
fn huge_single_line_is_sampled_not_scanned() {
    let line = "a".repeat(20_000_000);
    let d = detect(&line, |_| None);
    assert_eq!(d.kind, ContentKind::Unknown);
}

#[test]
fn path_line_prefixes() {
    use super::lines::path_line;
    // grep -n, compilers, Windows drives, dashes of grep context lines.
    assert_eq!(path_line("src/a.ts:10:  throw"), Some(11));
    assert_eq!(path_line("C:\\proj\\c.ts:3:throw z"), Some(14));
    assert_eq!(path_line("lib/x.py-12-context"), None);
    assert_eq!(path_line("lib/x.py:12-context"), Some(11));
    assert_eq!(path_line("a.c:3:7: error: boom"), Some(5));
    // A space, a tab or a colon first, or no directory or extension before the number: not a path.
    assert_eq!(path_line(" src/a.ts:10: x"), None);
    assert_eq!(path_line("\tsrc/a.ts:10: x"), None);
    assert_eq!(path_line(":10: x"), None);
    assert_eq!(path_line("17/06/09 20:10:40 INFO x"), None);
    assert_eq!(path_line("2026-11-21T10:00:01Z INFO"), None);
    assert_eq!(path_line("word:12: x"), None);
    // A long one-line JSON document: a `:` per member, answered in one pass.
    let json = format!("[{}]", (0..5000).map(|i| format!("{{\"id\":{i},\"host\":\"n-{i}.x\"}}")).collect::<Vec<_>>().join(","));
    assert_eq!(path_line(&json), None);
}
