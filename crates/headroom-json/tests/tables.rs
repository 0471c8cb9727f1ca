//! Text tables from real tools (see `fixtures/SOURCES.md`): the rows that answer (a numeric column's
//! maximum, a query match) survive as their original lines, frame lines stay, the marker's counts add
//! up and its key holds the exact input. The sniffer recognises these and refuses prose, logs, `ls -l`,
//! source code and grep output.

use headroom_json::{compress_table, sniff_table};
use headroom_marker::{Compressed, Options, Profile};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn opts(profile: Profile, query: Option<&str>) -> Options {
    Options::new(query.map(String::from), profile, None)
}

/// The data line whose whitespace-separated field `col` is largest (read independently of the crate).
fn max_line(text: &str, skip: usize, col: usize) -> String {
    let num = |l: &str| l.split_whitespace().nth(col).and_then(|f| f.trim_end_matches('%').parse::<f64>().ok()).unwrap_or(f64::MIN);
    text.lines().skip(skip).max_by(|a, b| num(a).total_cmp(&num(b))).unwrap().to_string()
}

/// Checks the marker's arithmetic against the output and returns it.
fn checked(input: &str, c: &Compressed, rows: usize) -> String {
    let marker = c.text.lines().find(|l| l.starts_with("[headroom: omitted ")).expect("one marker").to_string();
    let nums: Vec<usize> = marker.split(|ch: char| !ch.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
    let (omitted, total) = (nums[0], nums[1]);
    assert_eq!(total, rows, "{marker}");
    let kept_field = marker.split("; kept ").nth(1).unwrap().split(';').next().unwrap();
    let kept: usize = kept_field.split(", ").map(|p| p.split(' ').find_map(|w| w.parse::<usize>().ok()).unwrap()).sum();
    assert_eq!(kept + omitted, total, "{marker}");
    let output_lines = c.text.lines().count() - 1;
    assert_eq!(input.lines().count() - omitted, output_lines, "every line but the omitted rows is in the output");
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].content, input, "the key retrieves the exact input");
    assert!(marker.contains(&format!("key={}", c.stored[0].key)));
    marker
}

fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

#[test]
fn ps_aux_keeps_the_biggest_memory_user_and_the_queried_process() {
    let input = fixture("ps_aux.txt");
    let s = sniff_table(&input).unwrap();
    assert_eq!((s.format, s.columns), ("aligned", 11), "{}", s.reason);
    let c = compress_table(&input, &opts(Profile::Balanced, Some("what is postgres pid 15246 doing?"))).unwrap();
    checked(&input, &c, 114);
    assert!(c.text.starts_with("USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"));
    let top_mem = max_line(&input, 1, 3);
    assert!(top_mem.contains(" 1.7 938168 427088 "), "{top_mem}");
    assert!(has_line(&c.text, &top_mem));
    assert!(has_line(&c.text, &max_line(&input, 1, 5)), "max RSS");
    assert!(c.text.contains("\npostgres 15246  0.0  0.0 217388  6476 ?        Ss   02:44   0:00 postgres: 15/main: checkpointer"));
    assert!(c.text.len() * 2 < input.len(), "{} -> {}", input.len(), c.text.len());
}

#[test]
fn psql_keeps_header_rule_footer_and_the_largest_relation() {
    let input = fixture("psql.txt");
    assert_eq!(sniff_table(&input).map(|s| (s.format, s.columns)), Some(("aligned", 6)));
    let c = compress_table(&input, &opts(Profile::Balanced, None)).unwrap();
    assert_eq!(c.transform, "table:aligned+select");
    checked(&input, &c, 410);
    let lines: Vec<&str> = input.lines().collect();
    assert!(c.text.starts_with(&format!("{}\n{}\n", lines[0], lines[1])));
    assert!(c.text.trim_end().ends_with("\n(410 rows)"), "footer after the marker");
    let bytes = |l: &str| l.split('|').nth(4).and_then(|f| f.trim().parse::<u64>().ok()).unwrap_or(0);
    let largest = lines.iter().copied().max_by_key(|l| bytes(l)).unwrap();
    assert!(has_line(&c.text, largest), "{largest}");
}

#[test]
fn csv_keeps_the_hottest_and_coldest_days_and_the_asked_date() {
    let input = fixture("seattle-weather.csv");
    assert_eq!(sniff_table(&input).map(|s| (s.format, s.columns)), Some(("csv", 6)));
    let c = compress_table(&input, &opts(Profile::Balanced, Some("what was the weather on 2014/06/30?"))).unwrap();
    let marker = checked(&input, &c, 1461);
    let field = |l: &str, i: usize| l.split(',').nth(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
    let hottest = input.lines().skip(1).max_by(|a, b| field(a, 2).total_cmp(&field(b, 2))).unwrap();
    let coldest = input.lines().skip(1).min_by(|a, b| field(a, 3).total_cmp(&field(b, 3))).unwrap();
    let wettest = input.lines().skip(1).max_by(|a, b| field(a, 1).total_cmp(&field(b, 1))).unwrap();
    for row in [hottest, coldest, wettest] {
        assert!(has_line(&c.text, row), "{row}");
    }
    assert!(c.text.contains("\n2014/06/30,"));
    assert!(marker.contains("; dropped precipitation: 0–"), "{marker}");
}

#[test]
fn aligned_cli_tables_keep_query_rows_and_extremes() {
    let ss = fixture("ss_tunap.txt");
    let c = compress_table(&ss, &opts(Profile::Balanced, Some("which process listens on 127.0.0.1:5432?"))).unwrap();
    checked(&ss, &c, 299);
    assert!(has_line(&c.text, ss.lines().find(|l| l.contains("127.0.0.1:5432 ")).unwrap()));

    let dpkg = fixture("dpkg_l.txt");
    let c = compress_table(&dpkg, &opts(Profile::Balanced, Some("which version of libcurl4 is installed?"))).unwrap();
    checked(&dpkg, &c, 395);
    assert!(c.text.starts_with(&dpkg.lines().take(5).map(|l| format!("{l}\n")).collect::<String>()), "preamble, header and rule verbatim");
    assert!(has_line(&c.text, dpkg.lines().find(|l| l.starts_with("ii  libcurl4:")).unwrap()));

    let top = fixture("top.txt");
    let c = compress_table(&top, &opts(Profile::Balanced, None)).unwrap();
    checked(&top, &c, 120);
    assert!(c.text.starts_with(&top.lines().take(7).map(|l| format!("{l}\n")).collect::<String>()), "summary and header verbatim");
    assert!(has_line(&c.text, &max_line(&top, 7, 8)), "max %CPU");
    assert!(has_line(&c.text, &max_line(&top, 7, 9)), "max %MEM");

    let col = fixture("sqlite_column.txt");
    let c = compress_table(&col, &opts(Profile::Balanced, None)).unwrap();
    checked(&col, &c, 365);
    assert!(has_line(&c.text, &max_line(&col, 2, 2)), "hottest day of 2015");

    let pip = fixture("pip_list.txt");
    assert!(compress_table(&pip, &opts(Profile::Balanced, None)).is_err(), "3 KB is within the balanced budget");
    let c = compress_table(&pip, &opts(Profile::Aggressive, Some("which requests version is installed?"))).unwrap();
    checked(&pip, &c, 99);
    assert!(has_line(&c.text, pip.lines().find(|l| l.starts_with("requests ")).unwrap()));
}

#[test]
fn safe_profile_keeps_every_row() {
    for name in ["ps_aux.txt", "psql.txt", "seattle-weather.csv", "dpkg_l.txt"] {
        let e = compress_table(&fixture(name), &opts(Profile::Safe, None)).unwrap_err();
        assert!(e.reason.starts_with("safe profile"), "{name}: {}", e.reason);
    }
}

#[test]
fn sniffer_recognises_every_table_format() {
    let expect = [
        ("df_h.txt", "aligned", 6),
        ("top.txt", "aligned", 12),
        ("pip_list.txt", "aligned", 2),
        ("dpkg_l.txt", "aligned", 5),
        ("ss_tunap.txt", "aligned", 7),
        ("sqlite_column.txt", "aligned", 6),
        ("sqlite_box.txt", "aligned", 5),
    ];
    for (name, format, columns) in expect {
        let s = sniff_table(&fixture(name)).unwrap_or_else(|| panic!("{name} not sniffed"));
        assert_eq!((s.format, s.columns), (format, columns), "{name}: {}", s.reason);
        assert!(s.confidence >= 0.7, "{name}: {}", s.confidence);
    }
    let md = "| a | b |\n|---|---|\n| 1 | x |\n| 2 | y |\n";
    assert_eq!(sniff_table(md).map(|s| s.format), Some("markdown"));
    // A 64 KB sample may end inside a row.
    let ps = fixture("ps_aux.txt");
    assert_eq!(sniff_table(&ps[..ps.len() - 40]).map(|s| s.columns), Some(11));
}

#[test]
fn sniffer_refuses_prose_logs_listings_code_and_grep_output() {
    for name in ["prose_gpl3.txt", "dpkg_log.txt", "ls_l.txt", "grep_n.txt"] {
        let s = sniff_table(&fixture(name));
        assert!(s.is_none(), "{name}: {s:?}");
    }
    let code = include_str!("../src/stats.rs");
    assert!(sniff_table(code).is_none(), "{:?}", sniff_table(code));
    // The public corpus's non-table cases, when present (read in place, never copied).
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/corpus");
    let Ok(dir) = std::fs::read_dir(&corpus) else { return };
    for case in dir.flatten() {
        let name = case.file_name().to_string_lossy().into_owned();
        if !["logs-", "code-", "grep-", "prose-", "shell-", "build-", "test-", "git-"].iter().any(|p| name.starts_with(p)) {
            continue;
        }
        for input in std::fs::read_dir(case.path()).unwrap().flatten().filter(|f| f.file_name().to_string_lossy().starts_with("input")) {
            let text = std::fs::read_to_string(input.path()).unwrap_or_default();
            let sample = &text[..text.floor_char_boundary(64 * 1024)];
            assert!(sniff_table(sample).is_none(), "{name}: {:?}", sniff_table(sample));
        }
    }
}

#[test]
fn slog_json_lines_keep_the_queried_record_and_its_nested_values() {
    use headroom_json::compress_jsonl;
    let input = fixture("slog.jsonl");
    let c = compress_jsonl(&input, &opts(Profile::Balanced, Some("what happened to request req-7f3a9c21?"))).unwrap();
    let row = c.text.lines().find(|l| l.starts_with("211,")).expect("the queried record is kept");
    for fact in ["\"WARN\"", "\"slow request\"", "40211", "\"req-7f3a9c21\"", "2300000000"] {
        assert!(row.contains(fact), "{fact}: {row}");
    }
    // The constant nested values are stated once for every record.
    assert!(c.text.contains("#const \"req.method\":\"GET\",\"req.path\":\"/api/items\",\"req.client.ip\":\"10.0.0.7\""));
    let c = compress_jsonl(&input, &opts(Profile::Balanced, Some("which request came from client port 40123?"))).unwrap();
    assert!(c.text.lines().any(|l| l.starts_with("123,") && l.contains(",40123,")), "{}", c.text);
    assert_eq!(c.stored[0].content, input);
}

#[test]
fn du_is_a_headerless_table_and_a_question_for_the_most_keeps_the_ten_largest() {
    let input = fixture("du_h.txt");
    let s = sniff_table(&input).unwrap();
    assert_eq!((s.format, s.columns), ("tsv", 2), "{}", s.reason);
    assert!(s.reason.contains("no header"), "{}", s.reason);
    let c = compress_table(&input, &opts(Profile::Balanced, Some("which directories under /usr/share take the most space?"))).unwrap();
    let marker = checked(&input, &c, 1309);
    assert!(marker.contains("last 2, 9 top-ranked;"), "the total, 755M, is the last line: {marker}");
    // The ten largest by du's own sizes, read independently of the crate (ties: the earlier line).
    let size = |l: &str| {
        let f = l.split('\t').next().unwrap();
        let (num, unit) = f.split_at(f.find(char::is_alphabetic).unwrap_or(f.len()));
        num.parse::<f64>().unwrap() * 1024f64.powi(["", "K", "M", "G"].iter().position(|u| *u == unit).unwrap() as i32)
    };
    let mut lines: Vec<&str> = input.lines().collect();
    lines.sort_by(|a, b| size(b).total_cmp(&size(a)));
    for l in &lines[..10] {
        assert!(has_line(&c.text, l), "{l}");
    }
    assert!(c.text.len() * 20 < input.len(), "{} -> {}", input.len(), c.text.len());
    // Without a ranking question only the largest (and smallest) stand out.
    let plain = compress_table(&input, &opts(Profile::Balanced, None)).unwrap();
    assert!(has_line(&plain.text, "755M\t/usr/share") && !has_line(&plain.text, lines[5]));
}

/// A summary record among per-file records keeps its key names: it is written whole, not as a row of
/// mostly empty cells.
#[test]
fn a_sparse_record_is_written_whole() {
    use headroom_json::compress_jsonl;
    let input = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/corpus/logs-go-slog-json/input.jsonl")).unwrap();
    let c = compress_jsonl(&input, &opts(Profile::Balanced, Some("what were the final totals?"))).unwrap();
    let lines: Vec<&str> = c.text.lines().collect();
    assert_eq!(lines[1], "#const \"level\":\"INFO\",\"msg\":\"indexed file\",\"component\":\"indexer\"");
    assert!(lines.contains(&"247,{\"time\":\"2026-12-02T02:43:30.914937409Z\",\"level\":\"ERROR\",\"msg\":\"index complete\",\"files\":232,\"decls\":5170,\"failed\":1,\"elapsed_ms\":91}"), "{}", c.text);
    assert!(lines.iter().any(|l| l.starts_with("1,\"2026-12-02T02:43:30.823652047Z\",\"/usr/local/go/src/encoding\",")), "per-file records stay rows");
}
