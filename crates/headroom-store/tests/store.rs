//! The store's promises, each checked against a real SQLite file in a temporary directory.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use headroom_marker::ccr_key;
use headroom_store::{Clock, Store, StoreConfig, StoreError};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headroom-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn config(dir: &std::path::Path) -> StoreConfig {
    StoreConfig { files_dir: Some(dir.join("ccr")), ..StoreConfig::default() }
}

fn put(store: &mut Store, content: &str) -> String {
    let key = ccr_key(content.as_bytes());
    store.put(&key, content).expect("put");
    key
}

fn manual_clock(start: i64) -> (Clock, Arc<AtomicI64>) {
    let now = Arc::new(AtomicI64::new(start));
    let handle = now.clone();
    (Arc::new(move || handle.load(Ordering::SeqCst)), now)
}

#[test]
fn returns_the_exact_original_and_survives_reopening() {
    let dir = temp_dir("persist");
    let db = dir.join("ccr.sqlite");
    let originals = ["plain", "unicode: héllo wörld — 日本語 🎉\r\n\ttabs", "\u{1}\u{7f}binary-ish \u{fffd}\u{10ffff}", ""];
    let keys: Vec<String> = {
        let mut store = Store::open(&db, config(&dir)).expect("open");
        originals.iter().map(|o| put(&mut store, o)).collect()
    };
    let mut store = Store::open(&db, config(&dir)).expect("reopen");
    for (key, original) in keys.iter().zip(originals) {
        assert_eq!(store.get(key).expect("get").as_deref(), Some(original));
        let file = store.file_path(key).expect("files dir configured");
        assert_eq!(std::fs::read(&file).expect("materialised file"), original.as_bytes());
    }
    let stats = store.stats().expect("stats");
    assert_eq!(stats.entries, 4);
    assert_eq!(stats.bytes, originals.iter().map(|o| o.len() as u64).sum::<u64>());
}

#[test]
fn putting_the_same_original_twice_keeps_one_entry() {
    let dir = temp_dir("dedup");
    let mut store = Store::open(dir.join("ccr.sqlite"), config(&dir)).expect("open");
    put(&mut store, "same bytes");
    put(&mut store, "same bytes");
    assert_eq!(store.stats().expect("stats").entries, 1);
    assert_eq!(store.stats().expect("stats").bytes, 10);
}

#[test]
fn unknown_keys_are_none_and_bad_keys_never_touch_the_disk() {
    let dir = temp_dir("keys");
    let mut store = Store::open(dir.join("ccr.sqlite"), config(&dir)).expect("open");
    assert_eq!(store.get("hr_000000000000000000000000").expect("get"), None);
    for bad in ["../../etc/passwd", "hr_../../../../etc/passwd", "hr_ABCDEF0123456789ABCDEF01", "hr_0"] {
        assert_eq!(store.get(bad).map_err(|e| e.code()), Err("STORE_INVALID_KEY"));
        assert_eq!(store.put(bad, "x").map_err(|e| e.code()), Err("STORE_INVALID_KEY"));
        assert_eq!(store.file_path(bad), None);
    }
}

#[test]
fn a_key_must_be_the_hash_of_its_content() {
    let dir = temp_dir("mismatch");
    let mut store = Store::open(dir.join("ccr.sqlite"), config(&dir)).expect("open");
    let key = ccr_key(b"one");
    assert!(matches!(store.put(&key, "two"), Err(StoreError::KeyMismatch(_))));
    assert_eq!(store.stats().expect("stats").entries, 0);
}

#[test]
fn entries_expire_ttl_after_their_last_use_and_their_files_go_with_them() {
    let dir = temp_dir("ttl");
    let (clock, now) = manual_clock(1_000_000);
    let cfg = StoreConfig { ttl_secs: 60, ..config(&dir) };
    let mut store = Store::open_with_clock(dir.join("ccr.sqlite"), cfg, clock).expect("open");
    let a = put(&mut store, "used again");
    let b = put(&mut store, "left alone");
    now.store(1_000_000 + 59_000, Ordering::SeqCst);
    assert_eq!(store.get(&a).expect("get").as_deref(), Some("used again")); // refreshes a
    now.store(1_000_000 + 61_000, Ordering::SeqCst);
    assert_eq!(store.get(&b).expect("get"), None, "b is 61 s old");
    assert!(!store.file_path(&b).expect("path").exists(), "expired file removed");
    assert_eq!(store.get(&a).expect("get").as_deref(), Some("used again"), "a was used 2 s ago");
    now.store(1_000_000 + 59_000 + 61_000 + 61_000, Ordering::SeqCst);
    put(&mut store, "a put sweeps expired entries");
    let stats = store.stats().expect("stats");
    assert_eq!((stats.entries, stats.expired), (1, 2));
    assert!(!store.file_path(&a).expect("path").exists());
}

#[test]
fn the_least_recently_used_entries_are_evicted_past_max_bytes() {
    let dir = temp_dir("lru");
    let (clock, now) = manual_clock(0);
    let cfg = StoreConfig { max_bytes: 30, ..config(&dir) };
    let mut store = Store::open_with_clock(dir.join("ccr.sqlite"), cfg, clock).expect("open");
    let tick = |t: i64| now.store(t, Ordering::SeqCst);
    tick(1);
    let a = put(&mut store, "aaaaaaaaaa");
    tick(2);
    let b = put(&mut store, "bbbbbbbbbb");
    tick(3);
    let c = put(&mut store, "cccccccccc");
    tick(4);
    assert!(store.get(&a).expect("get").is_some()); // a is now more recent than b and c
    tick(5);
    let d = put(&mut store, "dddddddddd"); // 40 bytes > 30: b (least recently used) goes
    assert_eq!(store.get(&b).expect("get"), None);
    assert!(!store.file_path(&b).expect("path").exists(), "evicted file removed");
    for key in [&a, &c, &d] {
        assert!(store.get(key).expect("get").is_some());
    }
    let stats = store.stats().expect("stats");
    assert_eq!((stats.entries, stats.bytes, stats.evicted), (3, 30, 1));
}

#[test]
fn an_original_larger_than_the_store_is_refused() {
    let dir = temp_dir("big");
    let cfg = StoreConfig { max_bytes: 8, ..config(&dir) };
    let mut store = Store::open(dir.join("ccr.sqlite"), cfg).expect("open");
    let kept = put(&mut store, "small");
    let big = "way more than eight bytes";
    assert_eq!(store.put(&ccr_key(big.as_bytes()), big).map_err(|e| e.code()), Err("STORE_ENTRY_TOO_LARGE"));
    assert_eq!(store.get(&kept).expect("get").as_deref(), Some("small"));
}

#[test]
fn a_deleted_file_comes_back_on_get() {
    let dir = temp_dir("heal");
    let mut store = Store::open(dir.join("ccr.sqlite"), config(&dir)).expect("open");
    let key = put(&mut store, "healed");
    let file = store.file_path(&key).expect("path");
    std::fs::remove_file(&file).expect("remove");
    assert_eq!(store.get(&key).expect("get").as_deref(), Some("healed"));
    assert_eq!(std::fs::read_to_string(&file).expect("file back"), "healed");
}

#[test]
fn a_file_that_is_not_sqlite_is_a_clear_open_error() {
    let dir = temp_dir("garbage");
    let db = dir.join("ccr.sqlite");
    std::fs::write(&db, vec![b'x'; 4096]).expect("write");
    let err = Store::open(&db, config(&dir)).err().expect("must fail");
    assert_eq!(err.code(), "STORE_OPEN_FAILED");
    assert!(err.to_string().contains("ccr.sqlite"), "{err}");
}

const CHILD_ENV: &str = "HEADROOM_STORE_TEST_CHILD";
const PER_CHILD: usize = 200;

fn child_content(child: usize, i: usize) -> String {
    format!("child {child} entry {i}: {}", "payload ".repeat(i % 7))
}

/// Not a test on its own: the body of each writer process spawned by the test below (it re-runs this
/// test binary with only this function selected). Without the environment variable it does nothing.
#[test]
fn multi_process_writer_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (db, child) = spec.split_once('|').expect("spec");
    let child: usize = child.parse().expect("child id");
    let db = PathBuf::from(db);
    let dir = db.parent().expect("parent").to_path_buf();
    let mut store = Store::open(&db, config(&dir)).expect("child open");
    // Start together, so the writes really overlap instead of running one process after another.
    while !dir.join("go").exists() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    for i in 0..PER_CHILD {
        put(&mut store, &child_content(child, i));
    }
}

#[test]
fn several_processes_writing_at_once_lose_nothing() {
    let dir = temp_dir("processes");
    let db = dir.join("ccr.sqlite");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..4)
        .map(|child| {
            Command::new(&exe)
                .args(["--exact", "multi_process_writer_child", "--test-threads", "1"])
                .env(CHILD_ENV, format!("{}|{child}", db.display()))
                .stdout(Stdio::null())
                .spawn()
                .expect("spawn writer")
        })
        .collect();
    std::fs::write(dir.join("go"), "").expect("start signal");
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "a writer process failed");
    }
    let mut store = Store::open(&db, config(&dir)).expect("open");
    for child in 0..4 {
        for i in 0..PER_CHILD {
            let content = child_content(child, i);
            let key = ccr_key(content.as_bytes());
            assert_eq!(store.get(&key).expect("get").as_deref(), Some(content.as_str()), "child {child} entry {i}");
            assert_eq!(std::fs::read_to_string(store.file_path(&key).expect("path")).expect("file"), content);
        }
    }
    assert_eq!(store.stats().expect("stats").entries, 4 * PER_CHILD as u64);
}
