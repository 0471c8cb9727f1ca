//! Exact-output fixtures: columnar rendering, constants, grouping, the marker, selection, deep
//! nesting, big numbers, duplicate keys, embedded JSON, invalid input.

use headroom_json::{compress_json, compress_jsonl};
use headroom_marker::{ccr_key, Options, Profile};

fn opts(profile: Profile, query: Option<&str>) -> Options {
    Options::new(query.map(String::from), profile, None)
}

#[test]
fn uniform_array_renders_as_a_columnar_table() {
    let input = r#"[
        {"id": 1, "name": "alpha", "kind": "pod", "meta": {"ns": "a", "ip": "10.0.0.1"}},
        {"id": 2, "name": "beta",  "kind": "pod", "meta": {"ns": "b", "ip": "10.0.0.2"}},
        {"id": 3, "name": "gamma", "kind": "pod", "meta": {"ns": "a"}, "extra": null}
    ]"#;
    let c = compress_json(input, &opts(Profile::Safe, None)).unwrap();
    assert_eq!(
        c.text,
        "#table 3 items; cols \"id\",\"name\",\"meta.ns\",\"meta.ip\",\"extra\"\n\
         #const \"kind\":\"pod\"\n\
         1,\"alpha\",\"a\",\"10.0.0.1\",\n\
         2,\"beta\",\"b\",\"10.0.0.2\",\n\
         3,\"gamma\",\"a\",,null\n\
         #end"
    );
    assert_eq!(c.transform, "json:minify+columnar");
    assert!(c.stored.is_empty());
}

#[test]
fn heterogeneous_arrays_are_grouped_by_a_discriminator_with_positions() {
    let lines = [
        r#"{"type": "begin", "path": "a"}"#,
        r#"{"type": "match", "line": 3, "text": "x"}"#,
        r#"{"type": "match", "line": 9, "text": "y"}"#,
        r#"{"type": "end", "ms": 1, "bytes": 20}"#,
    ];
    let input = format!("[\n{}\n]", lines.map(|l| format!("{:40}{l}", "")).join(",\n"));
    let c = compress_json(&input, &opts(Profile::Safe, None)).unwrap();
    assert_eq!(
        c.text,
        "#0 where \"type\"=\"begin\"\n{\"type\":\"begin\",\"path\":\"a\"}\n\
         #table 2 of 4 items where \"type\"=\"match\"; cols #,\"type\",\"line\",\"text\"\n\
         1,\"match\",3,\"x\"\n\
         2,\"match\",9,\"y\"\n\
         #end\n\
         #3 where \"type\"=\"end\"\n{\"type\":\"end\",\"ms\":1,\"bytes\":20}"
    );
}

fn thousand_items(error_at: usize) -> String {
    let items: Vec<String> = (0..1000)
        .map(|i| {
            let status = if i == error_at { 500 } else { 200 };
            format!(r#"{{"id": {i}, "status": {status}, "region": "eu-1", "path": "/api/v1/items/{i}", "ms": {}}}"#, 10 + i % 5)
        })
        .collect();
    format!("[\n  {}\n]", items.join(",\n  "))
}

#[test]
fn selection_keeps_an_error_in_the_middle_and_announces_the_rest() {
    let input = thousand_items(537);
    let c = compress_json(&input, &opts(Profile::Balanced, None)).unwrap();
    let key = ccr_key(input.as_bytes());
    assert_eq!(
        c.text,
        format!(
            "#table 1000 items, showing 7; cols #,\"id\",\"status\",\"path\",\"ms\"\n\
             #const \"region\":\"eu-1\"\n\
             0,0,200,\"/api/v1/items/0\",10\n\
             1,1,200,\"/api/v1/items/1\",11\n\
             2,2,200,\"/api/v1/items/2\",12\n\
             4,4,200,\"/api/v1/items/4\",14\n\
             537,537,500,\"/api/v1/items/537\",12\n\
             998,998,200,\"/api/v1/items/998\",13\n\
             999,999,200,\"/api/v1/items/999\",14\n\
             [headroom: omitted 993 items of 1000; kept first 3, last 2, 1 error, 1 extreme; dropped status: 200×993, ms: 10–14; key={key}]\n\
             #end"
        )
    );
    assert_eq!(c.transform, "json:minify+columnar+select");
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].content, input);
    assert!(c.text.len() * 5 < input.len(), "≥ 80% saved");
}

#[test]
fn query_matches_survive_selection() {
    let input = thousand_items(usize::MAX);
    let c = compress_json(&input, &opts(Profile::Balanced, Some("what happened to /api/v1/items/421?"))).unwrap();
    assert!(c.text.contains("\n421,421,\"/api/v1/items/421\",11\n"), "{}", c.text);
    assert!(c.text.contains("kept first 3, last 2, 1 query match, 1 extreme;"));
}

#[test]
fn safe_profile_is_lossless_and_saves_on_uniform_arrays() {
    let input = thousand_items(537);
    let c = compress_json(&input, &opts(Profile::Safe, None)).unwrap();
    assert!(c.stored.is_empty() && !c.text.contains("[headroom:"));
    assert_eq!(c.text.lines().count(), 1000 + 3);
    assert!(c.text.contains("\n537,500,\"/api/v1/items/537\",12\n"));
    assert!((c.text.len() as f64) < input.len() as f64 * 0.7, "≥ 30% saved");
}

#[test]
fn large_scalar_maps_keep_key_value_pairs_and_query_hits() {
    let entries: Vec<String> = (0..300).map(|i| format!("\"1.{i}.0\": \"2024-01-{:02}T00:00:00Z\"", 1 + i % 28)).collect();
    let input = format!("{{\"name\": \"pkg\", \"time\": {{{}}}}}", entries.join(", "));
    let c = compress_json(&input, &opts(Profile::Balanced, Some("when was 1.150.0 published?"))).unwrap();
    assert!(c.text.starts_with("{\"name\":\"pkg\",\"time\":{\"1.0.0\":\"2024-01-01T00:00:00Z\",\"1.1.0\":"), "{}", c.text);
    assert!(c.text.contains(",\"1.150.0\":\"2024-01-11T00:00:00Z\","));
    assert!(c.text.contains("[headroom: omitted "));
    assert!(c.text.ends_with("]}}"));
}

#[test]
fn big_numbers_unicode_and_duplicate_keys_are_kept_exactly() {
    let input = "{\n  \"big\": 123456789012345678901234567890,\n  \"f\": 1.0E+400,\n  \"neg\": -0.000,\n  \"s\": \"h\u{e9}llo \\u00e9 \\ud83d\\ude00\",\n  \"k\": 1,\n  \"k\": 2\n}";
    let c = compress_json(input, &opts(Profile::Balanced, None)).unwrap();
    assert_eq!(c.text, "{\"big\":123456789012345678901234567890,\"f\":1.0E+400,\"neg\":-0.000,\"s\":\"h\u{e9}llo \\u00e9 \\ud83d\\ude00\",\"k\":1,\"k\":2}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 10_000;
    // A value at the bottom: a tree of keys alone would fold into a marker (see `keyset`).
    let input = format!("{}1{}", "{\"a\": [".repeat(depth), "]} ".repeat(depth));
    let c = compress_json(&input, &opts(Profile::Balanced, None)).unwrap();
    assert_eq!(c.text, format!("{}1{}", "{\"a\":[".repeat(depth), "]}".repeat(depth)));
}

#[test]
fn invalid_json_passes_through_with_a_reason() {
    let e = compress_json("{\"a\": [1, 2,, 3]}", &Options::default()).unwrap_err();
    assert_eq!(e.reason, "not valid JSON: expected a value at line 1, column 13 (byte 12)");
    let e = compress_jsonl("{\"a\":1}\n{\"a\":\n", &Options::default()).unwrap_err();
    assert!(e.reason.starts_with("not valid JSON: line 2: "), "{}", e.reason);
    assert_eq!(compress_json("[1,2]", &Options::default()).unwrap_err().reason, "output would not be smaller");
}

#[test]
fn embedded_json_strings_are_unpacked_and_repeats_announced() {
    let inner: Vec<String> = (0..60).map(|i| format!("{{\"name\": \"file-{i}.js\", \"type\": \"file\"}}")).collect();
    let inner = format!("[\n  {}\n]", inner.join(",\n  "));
    let lit = format!("\"{}\"", inner.replace('"', "\\\"").replace('\n', "\\n"));
    let input = format!("{{\"content\": [{{\"type\": \"text\", \"text\": {lit}}}], \"structuredContent\": {{\"content\": {lit}}}}}");
    let c = compress_json(&input, &opts(Profile::Safe, None)).unwrap();
    assert!(
        c.text.starts_with("{\"content\":[{\"type\":\"text\",\"text\":#json-string\n#table 60 items; cols \"name\"\n#const \"type\":\"file\"\n\"file-0.js\"\n"),
        "{}",
        c.text
    );
    let c = compress_json(&input, &opts(Profile::Balanced, None)).unwrap();
    let key = ccr_key(inner.as_bytes());
    assert!(
        c.text.ends_with(&format!(
            "\"structuredContent\":{{\"content\":[headroom: omitted {} bytes; kept nothing, identical to a string shown earlier; key={key}]}}}}",
            lit.len()
        )),
        "{}",
        c.text
    );
    assert!(c.stored.iter().any(|s| s.content == inner));
}

#[test]
fn output_is_deterministic() {
    let input = thousand_items(10);
    let o = opts(Profile::Aggressive, Some("items 77"));
    assert_eq!(compress_json(&input, &o), compress_json(&input, &o));
}

#[test]
fn deeply_nested_tables_stay_within_the_recursion_cap() {
    // Every level is an array of 3 records, so every level would become a nested table.
    let mut doc = String::from("0");
    for _ in 0..2_000 {
        doc = format!("[{{\"x\": {doc}, \"pad\": \"                \"}}, {{\"x\": 1}}, {{\"x\": 2}}]");
    }
    let c = compress_json(&doc, &opts(Profile::Balanced, None)).unwrap();
    assert!(c.text.starts_with("#table 3 items; cols \"x\",\"pad\"\n#table 3 items;"));
    assert!(c.text.contains("[{\"x\":[{\"x\":"), "deep levels fall back to minified JSON");
}

#[test]
fn maps_of_records_become_tables_keyed_by_the_map_key() {
    let entries: Vec<String> = (0..8).map(|i| format!("\"1.{i}.0\": {{ \"name\": \"pkg\", \"deps\": {i}, \"license\": \"MIT\" }}")).collect();
    let input = format!("{{ \"versions\": {{ {} }} }}", entries.join(",\n  "));
    let c = compress_json(&input, &opts(Profile::Safe, None)).unwrap();
    assert_eq!(
        c.text,
        "{\"versions\":#table 8 entries; cols (key),\"deps\"\n\
         #const \"name\":\"pkg\",\"license\":\"MIT\"\n\
         \"1.0.0\",0\n\"1.1.0\",1\n\"1.2.0\",2\n\"1.3.0\",3\n\"1.4.0\",4\n\"1.5.0\",5\n\"1.6.0\",6\n\"1.7.0\",7\n\
         #end}"
    );
}

#[test]
fn markdown_tables_keep_header_errors_and_query_rows() {
    let mut t = String::from("| id | host | status |\n|---|---|---|\n");
    for i in 0..400 {
        t.push_str(&format!("| {i} | node-{}.example.com | {} |\n", i % 9, if i == 333 { "FAILED" } else { "ok" }));
    }
    let c = headroom_json::compress_table(&t, &opts(Profile::Balanced, Some("what is on node-7.example.com?"))).unwrap();
    let lines: Vec<&str> = c.text.lines().collect();
    assert_eq!(lines[..2], ["| id | host | status |", "|---|---|---|"]);
    assert!(lines.contains(&"| 333 | node-0.example.com | FAILED |"));
    assert!(lines.contains(&"| 7 | node-7.example.com | ok |"));
    assert!(lines.last().unwrap().starts_with("[headroom: omitted "));
    assert!(lines.last().unwrap().contains(" rows of 400; kept first 3, last 2, 1 error, "));
}

#[test]
fn a_kept_record_shows_a_long_value_first_seen_in_a_dropped_record() {
    // Two records carry the same long stack trace; selection drops the first and keeps the second (the
    // question names it). "Identical to a string shown earlier" would then point at nothing shown.
    let stack: String = (0..12).map(|i| format!("at com.example.billing.Invoice.render(Invoice.java:{})\\n", 100 + i)).collect();
    let lines: Vec<String> = (0..200)
        .map(|i| {
            let st = if i == 40 || i == 150 { stack.as_str() } else { "" };
            format!(r#"{{"id":"evt-{i:04}","level":"info","msg":"rendered invoice {i}","stack":"{st}"}}"#)
        })
        .collect();
    let input = lines.join("\n") + "\n";
    let c = compress_jsonl(&input, &opts(Profile::Balanced, Some("what failed in evt-0150?"))).unwrap();
    let row = c.text.lines().find(|l| l.starts_with("150,")).expect("the queried record is kept");
    assert!(row.contains("Invoice.java:111"), "{row}");
    assert!(!c.text.lines().any(|l| l.starts_with("40,")), "record 40 was dropped");
}
