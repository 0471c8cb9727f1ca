//! Adversarial fidelity suite: inputs where naive compression lies. Each test asserts the fact survives
//! (or the block passes through untouched), that markers account for exactly what went, and that the
//! stored original is the input byte for byte.

use headroom_text::*;

const MARKER: &str = "[headroom: omitted ";

fn opts(q: Option<&str>) -> Options {
    Options { query: q.map(String::from), ..Default::default() }
}

type Compressor = fn(&str, &Options) -> Outcome;

fn all() -> Vec<(&'static str, Compressor)> {
    vec![
        ("log", compress_log),
        ("search", compress_search),
        ("diff", compress_diff),
        ("listing", compress_listing),
        ("html", compress_html),
        ("prose", compress_prose),
    ]
}

/// Every marker's key stores the whole input, and the compressed text is smaller.
fn check_contract(input: &str, c: &headroom_marker::Compressed) {
    assert!(!c.stored.is_empty());
    for s in &c.stored {
        assert_eq!(s.content, input);
        assert_eq!(s.key, headroom_marker::ccr_key(input.as_bytes()));
        assert!(c.text.contains(&format!("key={}", s.key)));
    }
    assert!(c.text.len() < input.len());
}

/// `omitted N lines` summed over markers plus kept lines equals the input's line count.
fn lines_accounted(input: &str, out: &str) -> bool {
    let mut kept = 0;
    let mut omitted = 0;
    for l in out.lines() {
        if let Some(rest) = l.strip_prefix(MARKER) {
            omitted += rest.split(' ').next().unwrap().parse::<usize>().unwrap();
        } else {
            kept += 1;
        }
    }
    kept + omitted == input.lines().count()
}

#[test]
fn error_in_the_middle_of_ten_thousand_ok_lines() {
    let mut s = String::new();
    for i in 0..10_000 {
        if i == 5_123 {
            s.push_str("2024-05-01 10:00:05,123 ERROR [worker-7] db.Pool: connection refused to 10.0.0.5:5432 after 3 retries\n");
        }
        s.push_str(&format!(
            "2024-05-01 10:00:{:02},{:03} INFO [worker-{}] http.Server: GET /api/items/{} 200 in {}ms\n",
            i % 60,
            i % 1000,
            i % 8,
            i,
            3 + i % 5
        ));
    }
    let c = compress_log(&s, &opts(None)).unwrap();
    check_contract(&s, &c);
    assert!(c.text.contains("2024-05-01 10:00:05,123 ERROR [worker-7] db.Pool: connection refused to 10.0.0.5:5432 after 3 retries"));
    assert!(lines_accounted(&s, &c.text));
    assert!(c.text.len() * 10 < s.len(), "expected >90% savings, got {} of {}", c.text.len(), s.len());
    // The collapsed template names its count and the range of its values.
    assert!(c.text.contains("dropped \"<*> <*> INFO <*> http.Server: GET <*> <*> in <*>\"×5118"), "{}", c.text);
}

#[test]
fn single_failing_test_among_thousands_of_passes() {
    let mut s = String::from("\n  api\n");
    for i in 0..3000 {
        s.push_str(&format!("    ✓ handles case {i} ({}ms)\n", i % 7));
        if i == 1700 {
            s.push_str("    1) rejects an expired token\n");
        }
    }
    s.push_str("\n\n  3000 passing (4s)\n  1 failing\n\n  1) api\n       rejects an expired token:\n     AssertionError: expected 401 \"Unauthorized\", got 200 \"OK\"\n      at Context.<anonymous> (test/auth.test.js:88:14)\n\n");
    let c = compress_log(&s, &opts(Some("which test fails?"))).unwrap();
    check_contract(&s, &c);
    for fact in [
        "1) rejects an expired token",
        "3000 passing (4s)",
        "1 failing",
        "AssertionError: expected 401 \"Unauthorized\", got 200 \"OK\"",
        "(test/auth.test.js:88:14)",
    ] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(lines_accounted(&s, &c.text));
    assert!(c.text.len() * 20 < s.len());
}

#[test]
fn cargo_and_pytest_failures_are_kept() {
    let mut s = String::new();
    for i in 0..200 {
        s.push_str(&format!("test tests::case_{i} ... ok\n"));
    }
    s.push_str("test tests::parses_negative ... FAILED\n\nfailures:\n\n---- tests::parses_negative stdout ----\nthread 'tests::parses_negative' panicked at src/lib.rs:42:9:\nassertion `left == right` failed\n  left: -1\n right: 1\n\nfailures:\n    tests::parses_negative\n\ntest result: FAILED. 200 passed; 1 failed; 0 ignored\n");
    let c = compress_log(&s, &opts(None)).unwrap();
    for fact in ["test tests::parses_negative ... FAILED", "panicked at src/lib.rs:42:9:", "  left: -1", "test result: FAILED. 200 passed; 1 failed; 0 ignored"]
    {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
}

#[test]
fn stack_traces_stay_whole() {
    let mut s = String::new();
    for i in 0..300 {
        s.push_str(&format!("INFO request {i} ok\n"));
    }
    s.push_str("Traceback (most recent call last):\n  File \"app.py\", line 10, in <module>\n    main()\n  File \"app.py\", line 7, in main\n    1 / 0\nZeroDivisionError: division by zero\n");
    s.push_str("Exception in thread \"main\" java.lang.IllegalStateException: boom\n\tat com.x.App.run(App.java:12)\n\tat com.x.App.main(App.java:5)\nCaused by: java.io.IOException: disk\n\t... 2 more\n");
    for i in 0..300 {
        s.push_str(&format!("INFO request {i} ok\n"));
    }
    let c = compress_log(&s, &opts(None)).unwrap();
    for fact in
        ["  File \"app.py\", line 7, in main", "ZeroDivisionError: division by zero", "\tat com.x.App.main(App.java:5)", "Caused by: java.io.IOException: disk"]
    {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
}

#[test]
fn ansi_and_carriage_return_progress_are_cleaned() {
    let mut s = String::new();
    for i in 0..100 {
        s.push_str(&format!("\u{1b}[32mDownloading\u{1b}[0m pkg-{i} 10%\r20%\r100%\n"));
    }
    s.push_str("\u{1b}[31merror:\u{1b}[0m could not resolve pkg-x@9.9.9\n");
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains("error: could not resolve pkg-x@9.9.9"));
    assert!(!c.text.contains('\u{1b}'));
}

#[test]
fn empty_directory_listing_passes_through() {
    let s = "empty:\ntotal 0\ndrwxr-xr-x 2 u u 4096 Jan  1 00:00 .\ndrwxr-xr-x 9 u u 4096 Jan  1 00:00 ..\n";
    assert!(compress_listing(s, &opts(None)).is_err());
    assert!(compress_listing("", &opts(None)).is_err());
}

#[test]
fn ls_keeps_symlinks_executables_and_query_hits() {
    let mut s = String::from("pkg/lib:\ntotal 999\ndrwxr-xr-x 2 u u 4096 Jan  1 00:00 .\ndrwxr-xr-x 9 u u 4096 Jan  1 00:00 ..\n");
    for i in 0..200 {
        s.push_str(&format!("-rw-r--r-- 1 u u {} Jan  1 00:00 file{i}.js\n", 100 + i));
        if i == 77 {
            s.push_str("-rwxr-xr-x 1 u u 55 Jan  1 00:00 run.sh\nlrwxrwxrwx 1 u u 9 Jan  1 00:00 cli -> ../bin/cli\n");
        }
    }
    let c = compress_listing(&s, &opts(Some("how big is pkg/lib/file150.js?"))).unwrap();
    check_contract(&s, &c);
    for fact in ["run.sh", "cli -> ../bin/cli", "file150.js", "file199.js"] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(!c.text.contains("file100.js"));
}

#[test]
fn npm_ls_keeps_flags_and_duplicate_versions() {
    let mut s = String::from("app@1.0.0 /srv/app\n├─┬ a@1.0.0\n│ ├── UNMET PEER DEPENDENCY react@18\n│ ├── left-pad@1.0.0\n");
    for i in 0..100 {
        s.push_str(&format!("│ ├── dep{i}@1.0.{i} deduped\n"));
    }
    s.push_str("│ └── zz@2.0.0 invalid\n└─┬ b@1.0.0\n  └── left-pad@1.3.0\n");
    let c = compress_listing(&s, &opts(None)).unwrap();
    for fact in ["UNMET PEER DEPENDENCY react@18", "left-pad@1.0.0", "left-pad@1.3.0", "zz@2.0.0 invalid", "└─┬ b@1.0.0"] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(c.text.contains("omitted 100 entries"));
}

#[test]
fn diff_with_only_change_in_a_long_hunk() {
    let mut s = String::from("diff --git a/src/app.js b/src/app.js\nindex 111..222 100644\n--- a/src/app.js\n+++ b/src/app.js\n@@ -1,201 +1,201 @@\n");
    for i in 0..100 {
        s.push_str(&format!(" const line{i} = compute({i});\n"));
    }
    s.push_str("-const timeout = 30;\n+const timeout = 300;\n");
    for i in 100..200 {
        s.push_str(&format!(" const line{i} = compute({i});\n"));
    }
    let c = compress_diff(&s, &opts(None)).unwrap();
    check_contract(&s, &c);
    for fact in [
        "diff --git a/src/app.js b/src/app.js",
        "--- a/src/app.js",
        "+++ b/src/app.js",
        "@@ -1,201 +1,201 @@",
        "-const timeout = 30;",
        "+const timeout = 300;",
        " const line99 = compute(99);",
        " const line100 = compute(100);",
    ] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(c.text.contains("[headroom: omitted 97 lines"), "{}", c.text);
    assert!(c.text.len() * 5 < s.len());
}

#[test]
fn diff_collapses_lockfiles_and_whitespace_hunks_with_counts() {
    let mut s = String::from("diff --git a/package-lock.json b/package-lock.json\n--- a/package-lock.json\n+++ b/package-lock.json\n@@ -1,40 +1,40 @@\n");
    for i in 0..20 {
        s.push_str(&format!("-    \"integrity\": \"sha512-old{i}\",\n+    \"integrity\": \"sha512-new{i}\",\n"));
    }
    s.push_str("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,12 +1,12 @@\n");
    for i in 0..12 {
        s.push_str(&format!("-def f{i}(x):  return x\n+def f{i}(x): return x\n"));
    }
    let c = compress_diff(&s, &opts(None)).unwrap();
    assert!(c.text.contains("  package-lock.json +20 -20"), "{}", c.text);
    assert!(c.text.contains("dropped lockfile/generated hunk +20 -20"), "{}", c.text);
    assert!(c.text.contains("dropped whitespace-only changes hunk +12 -12"), "{}", c.text);
}

#[test]
fn grep_with_colons_in_names_and_windows_paths() {
    let mut s = String::new();
    for i in 0..50 {
        s.push_str(&format!("logs/2024-01-01T10:00:00.txt:{}:request id={i} ok\n", i + 1));
    }
    s.push_str("logs/2024-01-01T10:00:00.txt:77:request id=77 failed: TimeoutError\n");
    for i in 0..50 {
        s.push_str(&format!("C:\\src\\app\\main.rs:{}:let v{i} = 1;\n", i + 1));
    }
    let c = compress_search(&s, &opts(Some("where is the TimeoutError?"))).unwrap();
    check_contract(&s, &c);
    for fact in [
        "logs/2024-01-01T10:00:00.txt:1:request id=0 ok",
        "logs/2024-01-01T10:00:00.txt:77:request id=77 failed: TimeoutError",
        "C:\\src\\app\\main.rs:1:let v0 = 1;",
    ] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(c.text.contains("dropped logs/2024-01-01T10:00:00.txt lines 3..50"), "{}", c.text);
    assert!(c.text.contains("dropped C:\\src\\app\\main.rs lines 3..50"), "{}", c.text);
}

#[test]
fn crlf_line_endings_are_preserved() {
    let mut s = String::new();
    for i in 0..500 {
        s.push_str(&format!("2024-01-01 INFO tick {i}\r\n"));
    }
    s.push_str("2024-01-01 ERROR disk full on /dev/sda1\r\n");
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains("2024-01-01 ERROR disk full on /dev/sda1\r\n"));
    assert!(!c.text.replace("\r\n", "").contains('\n'));
    assert!(!c.text.replace("\r\n", "").contains('\r'));
}

#[test]
fn lossy_decoded_non_utf8_is_handled() {
    let mut bytes = Vec::new();
    for i in 0..300 {
        bytes.extend_from_slice(format!("INFO user caf\u{e9} {i} ").as_bytes());
        bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    }
    bytes.extend_from_slice(b"ERROR bad byte \xc3\x28 in record 9\n");
    let s = String::from_utf8_lossy(&bytes).into_owned();
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains("ERROR bad byte \u{fffd}( in record 9"));
    for (_, f) in all() {
        let _ = f(&s, &opts(Some("record 9")));
    }
}

#[test]
fn binary_garbage_passes_through_everywhere() {
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let s = String::from_utf8_lossy(&bytes).into_owned();
    for (name, f) in all() {
        assert!(f(&s, &opts(Some("anything"))).is_err(), "{name} compressed binary garbage");
    }
}

#[test]
fn a_100_mb_single_line_passes_through() {
    let s = "x".repeat(100 << 20);
    for (name, f) in all() {
        assert!(f(&s, &opts(None)).is_err(), "{name} did not pass a 100 MB line through");
    }
}

#[test]
fn output_is_deterministic() {
    let mut s = String::new();
    for i in 0..2000 {
        s.push_str(&format!("Dec 10 06:55:{:02} host sshd[{}]: Invalid user u{} from 10.0.{}.{}\n", i % 60, 100 + i, i % 37, i % 7, i % 250));
        s.push_str(&format!(
            "Dec 10 06:55:{:02} host sshd[{}]: Failed password for {} from 10.0.0.{} port {} ssh2\n",
            i % 60,
            100 + i,
            ["root", "admin", "oracle", "test", "guest", "pi"][i % 6],
            i % 250,
            1000 + i
        ));
    }
    for (_, f) in all() {
        let a = f(&s, &opts(Some("root")));
        let b = f(&s, &opts(Some("root")));
        assert_eq!(a, b);
    }
}

#[test]
fn tiny_and_empty_inputs_pass_through() {
    for (name, f) in all() {
        assert!(f("", &opts(None)).is_err(), "{name}");
        assert!(f("one line\n", &opts(None)).is_err(), "{name}");
    }
}

#[test]
fn safe_profile_only_collapses_identical_repeats() {
    let o = Options { profile: Profile::Safe, ..Default::default() };
    let distinct: String = (0..500).map(|i| format!("INFO a {i}\n")).collect();
    for (name, f) in all() {
        assert!(f(&distinct, &o).is_err(), "{name}");
    }
    let mut s = String::from("start\n");
    s.push_str(&"\u{1b}[33mWARN retrying\u{1b}[0m\n".repeat(300));
    s.push_str("done\n");
    let c = compress_log(&s, &o).unwrap();
    check_contract(&s, &c);
    assert_eq!(c.text.lines().next(), Some("start"));
    assert_eq!(c.text.lines().nth(1), Some("\u{1b}[33mWARN retrying\u{1b}[0m"));
    assert!(c.text.lines().nth(2).unwrap().starts_with("[headroom: omitted 299 lines of 302; dropped 299 repeats of the line above; key=hr_"));
    assert_eq!(c.text.lines().nth(3), Some("done"));
    assert!(lines_accounted(&s, &c.text));
}

#[test]
fn prose_keeps_headings_code_and_query_paragraphs() {
    let mut s = String::from("# Guide\n\nIntro paragraph about the library.\n\n");
    for i in 0..30 {
        s.push_str(&format!("## Section {}\n\nThis section talks about general matters and nothing specific at all, over and over again here.\n\nAnother plain paragraph with more general words that no one asked about in this guide today.\n\n", i));
    }
    s.push_str("## Nulls\n\nTo emit nulls, configure the builder:\n\n```java\nGson gson = new GsonBuilder().serializeNulls().create();\n```\n\nThe filler paragraph that is plain prose without any specifics mentioned anywhere in it.\n");
    let c = compress_prose(&s, &opts(Some("how do I emit nulls?"))).unwrap();
    check_contract(&s, &c);
    for fact in ["# Guide", "## Section 29", "## Nulls", "To emit nulls, configure the builder:", "Gson gson = new GsonBuilder().serializeNulls().create();"] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(c.text.contains("paragraphs"));
}

#[test]
fn jest_and_go_failures_are_kept() {
    let mut s = String::new();
    for i in 0..60 {
        s.push_str(&format!("PASS src/components/C{i}.test.tsx\n"));
    }
    s.push_str("FAIL src/api/client.test.ts\n  ● client › retries on 503\n\n    Expected: 3\n    Received: 1\n\n      at Object.<anonymous> (src/api/client.test.ts:41:17)\n\n");
    for i in 60..120 {
        s.push_str(&format!("PASS src/components/C{i}.test.tsx\n"));
    }
    s.push_str("Tests:       1 failed, 880 passed, 881 total\n");
    let c = compress_log(&s, &opts(None)).unwrap();
    for fact in [
        "FAIL src/api/client.test.ts",
        "● client › retries on 503",
        "    Expected: 3",
        "    Received: 1",
        "(src/api/client.test.ts:41:17)",
        "Tests:       1 failed, 880 passed, 881 total",
    ] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(!c.text.contains("PASS src/components/C99.test.tsx"));

    let mut g = String::new();
    for i in 0..200 {
        g.push_str(&format!("=== RUN   TestThing{i}\n--- PASS: TestThing{i} (0.00s)\n"));
    }
    g.push_str("=== RUN   TestParse\n    parse_test.go:31: got 3, want 4\n--- FAIL: TestParse (0.01s)\nFAIL\nFAIL\texample.com/pkg\t0.412s\n");
    let c = compress_log(&g, &opts(None)).unwrap();
    for fact in ["=== RUN   TestParse", "    parse_test.go:31: got 3, want 4", "--- FAIL: TestParse (0.01s)", "FAIL\texample.com/pkg\t0.412s"] {
        assert!(c.text.contains(fact), "lost {fact:?}:\n{}", c.text);
    }
    assert!(lines_accounted(&g, &c.text));
}

#[test]
fn huge_ordinary_log_line_is_cut_but_errors_are_not() {
    let mut s = String::from("INFO payload ");
    s.push_str(&"{\"k\":1}".repeat(10_000));
    s.push('\n');
    let long_error = format!("ERROR failed to parse {} at offset 99\n", "x".repeat(10_000));
    s.push_str(&long_error);
    for i in 0..50 {
        s.push_str(&format!("INFO tick {i}\n"));
    }
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains(long_error.trim_end()));
    assert!(c.text.contains("bytes of 70013; kept first 1024 bytes of this line"), "{}", &c.text[..2000.min(c.text.len())]);
}

#[test]
fn no_compressor_panics_on_tricky_lines() {
    let pieces = [
        "é",
        "├── ",
        "│ ",
        "└─┬ ",
        "@",
        "@é",
        ":",
        ":12:",
        "-3-",
        "C:\\x",
        "\r",
        "\u{1b}[",
        "\u{1b}]",
        "&#x1F600;",
        "&amp",
        "<",
        "<a href=",
        ">",
        "</",
        "<!--",
        "```",
        "    ",
        "\t",
        "@@ -1,3 +1 @@",
        "+",
        "-",
        "diff --git a/é b/é",
        "--- ",
        "+++ ",
        "ERROR",
        "✓ ",
        "1) ",
        "total 0",
        "drwxr-xr-x",
        "-rwxr-xr-x 1 u u 9 Jan 1 00:00 ",
        "x",
        " deduped",
        "==== FAILURES ====",
        "● ",
        "\u{fffd}",
        "日本語",
        "0x7f",
        "=== RUN",
        "::",
    ];
    let mut x: u64 = 42;
    for round in 0..200 {
        let mut s = String::new();
        let lines = 5 + round % 40;
        for _ in 0..lines {
            let n = 1 + (x % 7) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            s.push('\n');
        }
        for (_, f) in all() {
            for q in [None, Some("é @é C:\\x 1) ERROR::x a.b")] {
                if let Ok(c) = f(&s, &opts(q)) {
                    check_contract(&s, &c);
                }
            }
        }
    }
}

#[test]
fn an_error_merged_into_an_info_template_is_still_kept() {
    let mut s = String::new();
    for i in 0..400 {
        let verb = ["finished", "started", "queued", "retried", "scheduled"][i % 5];
        s.push_str(&format!("2024-01-01 12:00:{:02} INFO task {i} {verb}\n", i % 60));
    }
    s.push_str("2024-01-01 12:59:59 INFO task 999 failed\n");
    for i in 0..400 {
        s.push_str(&format!("2024-01-01 13:00:{:02} INFO task {i} finished\n", i % 60));
    }
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains("2024-01-01 12:59:59 INFO task 999 failed"), "{}", c.text);
}

#[test]
fn first_and_last_occurrence_of_a_template_are_kept() {
    let s: String = (0..500).map(|i| format!("2024-01-01T00:{:02}:{:02} INFO checkpoint {i} written\n", i / 60, i % 60)).collect();
    let c = compress_log(&s, &opts(None)).unwrap();
    assert!(c.text.contains("2024-01-01T00:00:00 INFO checkpoint 0 written"));
    assert!(c.text.contains("2024-01-01T00:08:19 INFO checkpoint 499 written"), "{}", c.text);
    assert!(c.text.contains("[headroom: omitted 498 lines of 500; dropped \"<*> INFO checkpoint <*> written\"×498"), "{}", c.text);
    assert!(lines_accounted(&s, &c.text));
}

#[test]
fn grep_without_line_numbers_groups_by_path() {
    let mut s = String::new();
    for i in 0..40 {
        s.push_str(&format!("src/a.js:  throw new Error('a{i}');\n"));
    }
    for i in 0..40 {
        s.push_str(&format!("src/b.js:  throw new Error('b{i}');\n"));
    }
    let c = compress_search(&s, &opts(None)).unwrap();
    assert!(c.text.contains("src/a.js:  throw new Error('a0');"));
    assert!(c.text.contains("src/b.js:  throw new Error('b0');"));
    assert!(c.text.contains("[headroom: omitted 38 matches of 40; kept first 2; dropped more matches in src/b.js; key="), "{}", c.text);
}
