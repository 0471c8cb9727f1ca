//! Kompress end to end with the tiny generated models through the real ONNX Runtime. The tiny model's
//! keep probabilities are fixed per token (see `kompress::tiny`), so every decision below is computed,
//! not observed.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use headroom_marker::{Options, Profile};
use headroom_ml::kompress::tiny::{self, token_keep_probability};
use headroom_ml::kompress::{compress, KompressSettings, Kompressor, Selection};
use headroom_ml::{init_runtime, WordTokenizer};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn runtime() {
    let path = std::env::var_os("ORT_DYLIB_PATH").expect("set ORT_DYLIB_PATH to libonnxruntime (npm test does this after installing onnxruntime-node)");
    init_runtime(&PathBuf::from(path)).expect("ONNX Runtime loads");
}

fn dir(score: bool) -> PathBuf {
    Path::new(FIXTURES).join(if score { "kompress-tiny-score" } else { "kompress-tiny" })
}

fn load(score: bool) -> Kompressor {
    runtime();
    Kompressor::load(&dir(score), Some(1)).unwrap()
}

/// Settings for the short texts below, where the marker alone outweighs the words dropped.
fn small() -> KompressSettings {
    KompressSettings { min_words: 1, min_saving: f64::NEG_INFINITY, ..KompressSettings::default() }
}

fn p(token: &str) -> f32 {
    token_keep_probability(token).unwrap()
}

#[test]
fn committed_fixtures_are_exactly_what_the_generator_writes() {
    // The JS tests load the fixture directories; this keeps them tied to the generator.
    for score in [false, true] {
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            tiny::write_model_dir(&dir(score), score).unwrap();
        }
        let d = dir(score);
        let model = if score { tiny::score_model() } else { tiny::logits_model() };
        assert_eq!(std::fs::read(d.join("model.onnx")).unwrap(), model, "rerun with UPDATE_FIXTURES=1");
        assert_eq!(std::fs::read_to_string(d.join("tokenizer.json")).unwrap(), tiny::tokenizer_json());
        assert_eq!(std::fs::read_to_string(d.join("config.json")).unwrap(), tiny::config_json(score));
    }
}

#[test]
fn tokenizer_maps_sub_words_back_to_words() {
    let t = WordTokenizer::from_file(&dir(false).join("tokenizer.json")).unwrap();
    assert_eq!(t.token_counts(&["Compression", "compressed", "the", "foo.", "tokens"]).unwrap(), vec![2, 2, 1, 2, 2]);
    let enc = t.encode_words(&["the", "compression"]).unwrap();
    assert_eq!(enc.ids, vec![2, 6, 22, 23, 3]);
    assert_eq!(enc.word_ids, vec![None, Some(0), Some(1), Some(1), None]);
    assert_eq!(t.special_tokens(), 2);
    assert_eq!(t.pad_id(), 0);
    // A window cut from one plain encoding equals encoding its words on their own.
    let words = ["the", "compression", "model"];
    let plain = t.encode_plain(&words).unwrap();
    assert_eq!(t.window(&plain, 1, 4, 1, 16), t.encode_words(&words[1..]).unwrap());
    // Repeated words are tokenized once; the result is the same as tokenizing every word.
    let repeated = ["the", "model", "the", "Compression", "compression", "foo.", "model"];
    let plain = t.encode_plain(&repeated).unwrap();
    assert_eq!(t.window(&plain, 0, plain.ids.len(), 0, 64), t.encode_words(&repeated).unwrap());
    let plain = t.encode_plain(&words).unwrap();
    // Cut to the model window, the special tokens stay.
    assert_eq!(t.window(&plain, 0, 4, 0, 4).ids, vec![2, 6, 22, 3]);
}

#[test]
fn a_word_longer_than_the_window_is_scored_from_its_first_tokens() {
    // token + 20 × ##s = 21 tokens, more than the 14 a tiny window holds.
    let long = format!("token{}", "s".repeat(20));
    let words = ["the", long.as_str(), "model"];
    let k = load(false);
    let (counts, chunks) = k.plan(&words, 2).unwrap();
    assert_eq!(counts, vec![1, 21, 1]);
    assert_eq!(chunks.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (2, 3)]);
    let scores = k.word_scores(&words, 2, 8, &|| None).unwrap();
    assert!((scores[1] - p("token")).abs() < 1e-6, "{scores:?}");
}

#[test]
fn word_scores_are_the_mean_token_probability_in_both_conventions() {
    let words = ["The", "compression", "compressed", "model", "foo."];
    let expected = [p("the"), (p("compress") + p("##ion")) / 2.0, (p("compress") + p("##ed")) / 2.0, p("model"), (p("[UNK]") + p(".")) / 2.0];
    for score in [false, true] {
        let got = load(score).word_scores(&words, 2, 8, &|| None).unwrap();
        for (g, e) in got.iter().zip(expected) {
            assert!((g - e).abs() < 1e-5, "score model {score}: {got:?} vs {expected:?}");
        }
    }
}

#[test]
fn windows_overlap_and_scores_do_not_depend_on_cuts_or_batching() {
    let k = load(false);
    // 20 words of 1 token each plus "compression" (2 tokens): the window holds 16 − 2 specials = 14.
    let mut words: Vec<&str> = ["the", "model", "a"].iter().cycle().take(20).copied().collect();
    words.insert(5, "compression");
    let (counts, chunks) = k.plan(&words, 4).unwrap();
    assert_eq!(counts.iter().sum::<usize>(), 22);
    let ranges: Vec<(usize, usize, usize, usize)> = chunks.iter().map(|c| (c.start, c.end, c.own_start, c.own_end)).collect();
    assert_eq!(ranges, vec![(0, 13, 0, 11), (9, 21, 11, 21)]);
    // This model scores tokens without context, so any cut and batch size must give the same scores.
    let one = k.word_scores(&words, 4, 1, &|| None).unwrap();
    let many = k.word_scores(&words, 4, 8, &|| None).unwrap();
    let no_overlap = k.word_scores(&words, 0, 3, &|| None).unwrap();
    assert_eq!(one, many);
    assert_eq!(one, no_overlap);
    assert!((one[5] - (p("compress") + p("##ion")) / 2.0).abs() < 1e-6);
}

const TEXT: &str =
    "We really keep the model in memory.\n    The cache is very fast and the server is slow.\n\nA request was compressed, the compression keeps words.\n";

#[test]
fn exact_decisions_lines_and_indentation() {
    let out = compress(&load(false), TEXT, &Options::default(), &small()).unwrap();
    let (marker, body) = out.text.split_once('\n').unwrap();
    assert_eq!(body, "keep model memory.\n    cache fast server slow.\n\nrequest compression keeps words.\n");
    assert!(marker.starts_with("[headroom: omitted 14 words of 25; kept 0 by rule, 11 by model score; key=hr_"), "{marker}");
    assert_eq!(out.stored.len(), 1);
    assert_eq!(out.stored[0].content, TEXT);
    assert_eq!(out.transform, "prose:kompress");
    // Deterministic, and the same decisions with the single-score convention.
    assert_eq!(compress(&load(false), TEXT, &Options::default(), &small()).unwrap(), out);
    assert_eq!(compress(&load(true), TEXT, &Options::default(), &small()).unwrap(), out);
}

#[test]
fn force_keep_rules_win_over_the_model() {
    let text = "the THE a.b the_x v2 the /tmp/a the https://x.io `the code` the\n\
                the request failed in the model\n\
                # the heading of it\n\
                ```\n\
                the fenced\n\
                ```\n\
                the cache of the user\n";
    let opts = Options { query: Some("user?".into()), ..Options::default() };
    let out = compress(&load(false), text, &opts, &small()).unwrap();
    let body = out.text.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        "THE a.b the_x v2 /tmp/a https://x.io `the code`\nthe request failed in the model\n# the heading of it\n```\nthe fenced\n```\nthe cache of the user\n"
    );
}

#[test]
fn crlf_lines_survive_and_the_marker_uses_the_same_ending() {
    let text = "the model\r\n  the cache\r\nthe\r\ndata of the user\r\n";
    let out = compress(&load(false), text, &Options::default(), &small()).unwrap();
    assert_eq!(out.text.split_once("\r\n").unwrap().1, "model\r\n  cache\r\ndata user\r\n");
}

#[test]
fn keep_fraction_keeps_the_best_scored_words() {
    let settings = KompressSettings { selection: Selection::KeepFraction(0.25), ..small() };
    let out = compress(&load(false), TEXT, &Options::default(), &settings).unwrap();
    // 25 words → 6 kept: the best scores are the +3 content words (first ones first on equal scores).
    assert_eq!(out.text.split_once('\n').unwrap().1, "model\n    cache fast server\n\nrequest keeps\n");
    let agg = KompressSettings::for_profile(Profile::Aggressive);
    assert_eq!(agg.selection, Selection::KeepFraction(0.33));
}

#[test]
fn pass_through_reasons() {
    let k = load(false);
    let skip = |opts: &Options, s: &KompressSettings, text: &str| compress(&k, text, opts, s).unwrap_err().reason;
    let safe = Options { profile: Profile::Safe, ..Options::default() };
    assert_eq!(skip(&safe, &small(), TEXT), "safe profile: kompress drops words");
    assert_eq!(skip(&Options::default(), &KompressSettings::default(), TEXT), "only 25 words (kompress needs 40)");
    let budget = KompressSettings { budget: Some(Duration::ZERO), ..small() };
    assert_eq!(skip(&Options::default(), &budget, TEXT), "time budget of 0 ms exceeded");
    let cancel = KompressSettings { cancel: Some(Arc::new(AtomicBool::new(true))), ..small() };
    assert_eq!(skip(&Options::default(), &cancel, TEXT), "cancelled");
    assert_eq!(skip(&Options::default(), &small(), "model cache data user server"), "the model kept every word");
    let default_saving = KompressSettings { min_words: 1, ..KompressSettings::default() };
    assert_eq!(skip(&Options::default(), &default_saving, "the model cache data user server memory"), "would save under 10% of the bytes");
}

#[test]
fn missing_or_broken_model_directories_are_errors_with_codes() {
    runtime();
    let err = Kompressor::load(Path::new("/nonexistent"), None).err().unwrap();
    assert_eq!(err.code(), "TOKENIZER_FAILED");
    let tmp = std::env::temp_dir().join(format!("headroom-kompress-broken-{}", std::process::id()));
    tiny::write_model_dir(&tmp, false).unwrap();
    std::fs::write(tmp.join("model.onnx"), b"not a model").unwrap();
    assert_eq!(Kompressor::load(&tmp, None).err().unwrap().code(), "MODEL_LOAD_FAILED");
    std::fs::write(tmp.join("config.json"), b"{").unwrap();
    assert_eq!(Kompressor::load(&tmp, None).err().unwrap().code(), "MODEL_LOAD_FAILED");
    let _ = std::fs::remove_dir_all(&tmp);
}
