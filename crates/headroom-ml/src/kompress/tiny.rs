//! A tiny BERT-shaped keep/drop model and its WordPiece `tokenizer.json`, written from code so tests and
//! benches need no download. Inputs `input_ids` and `attention_mask` (int64 `[batch, seq]`), like a real
//! encoder; the "encoder" is an embedding lookup whose rows are the per-token logits, so every keep
//! probability is known in advance:
//!
//! - logits convention: `Gather(E, input_ids) → MatMul(W) → logits [batch, seq, 2]` (`[drop, keep]`);
//! - score convention: `Gather(S, input_ids) → Sigmoid → keep [batch, seq]`, with `S = keep − drop`,
//!   so both conventions give the same probabilities and must give the same decisions.
//!
//! Vocabulary: stop words drop (logit −3), content words keep (+3), `[UNK]` keeps (+1, so unknown words
//! stay), punctuation is neutral (0), and sub-words test word aggregation: `compress` +3 with `##ion` −1
//! averages above 0.5 (kept), with `##ed` −5 below (dropped).

use std::path::Path;

use crate::onnx_builder::{encode_model, Dim, Graph, Initializer, Io, Node, FLOAT, INT64};

/// Token, keep-minus-drop logit. Index = token id.
pub const VOCAB: [(&str, f32); 40] = [
    ("[PAD]", 0.0),
    ("[UNK]", 1.0),
    ("[CLS]", 0.0),
    ("[SEP]", 0.0),
    (".", 0.0),
    (",", 0.0),
    ("the", -3.0),
    ("a", -3.0),
    ("an", -3.0),
    ("of", -3.0),
    ("to", -3.0),
    ("is", -3.0),
    ("and", -3.0),
    ("in", -3.0),
    ("that", -3.0),
    ("it", -3.0),
    ("was", -3.0),
    ("for", -3.0),
    ("very", -3.0),
    ("really", -3.0),
    ("just", -3.0),
    ("we", -3.0),
    ("compress", 3.0),
    ("##ion", -1.0),
    ("##ed", -5.0),
    ("model", 3.0),
    ("server", 3.0),
    ("request", 3.0),
    ("memory", 3.0),
    ("cache", 3.0),
    ("user", 3.0),
    ("data", 3.0),
    ("token", 3.0),
    ("##s", 3.0),
    ("words", 3.0),
    ("text", 3.0),
    ("keeps", 3.0),
    ("drops", 3.0),
    ("slow", 3.0),
    ("fast", 3.0),
];

/// Embedding width of the logits model.
const DIM: usize = 4;

/// The window the tiny model declares in its config: small, so tests cut text into several windows.
pub const TINY_WINDOW: usize = 16;

/// `Gather → MatMul → logits [batch, seq, 2]`.
pub fn logits_model() -> Vec<u8> {
    // Row = [drop, keep, 1, 0]; W passes the first two columns through and adds 0.5 × the bias column
    // to both (softmax ignores a shared offset, so the probabilities are sigmoid(keep − drop)).
    let emb: Vec<f32> = VOCAB.iter().flat_map(|&(_, l)| [-l / 2.0, l / 2.0, 1.0, 0.0]).collect();
    let w: [f32; DIM * 2] = [1.0, 0.0, 0.0, 1.0, 0.5, 0.5, 0.0, 0.0];
    encode_model(&Graph {
        name: "kompress_tiny_logits",
        nodes: &[
            Node { op_type: "Gather", inputs: &["E", "input_ids"], outputs: &["h"] },
            Node { op_type: "MatMul", inputs: &["h", "W"], outputs: &["logits"] },
        ],
        initializers: &[
            Initializer { name: "E", dims: &[VOCAB.len() as i64, DIM as i64], values: &emb },
            Initializer { name: "W", dims: &[DIM as i64, 2], values: &w },
        ],
        inputs: &bert_inputs(),
        outputs: &[Io { name: "logits", elem: FLOAT, dims: &[Dim::Symbolic("batch"), Dim::Symbolic("seq"), Dim::Fixed(2)] }],
    })
}

/// `Gather → Sigmoid → keep [batch, seq]`.
pub fn score_model() -> Vec<u8> {
    let s: Vec<f32> = VOCAB.iter().map(|&(_, l)| l).collect();
    encode_model(&Graph {
        name: "kompress_tiny_score",
        nodes: &[Node { op_type: "Gather", inputs: &["S", "input_ids"], outputs: &["z"] }, Node { op_type: "Sigmoid", inputs: &["z"], outputs: &["keep"] }],
        initializers: &[Initializer { name: "S", dims: &[VOCAB.len() as i64], values: &s }],
        inputs: &bert_inputs(),
        outputs: &[Io { name: "keep", elem: FLOAT, dims: &[Dim::Symbolic("batch"), Dim::Symbolic("seq")] }],
    })
}

fn bert_inputs() -> [Io<'static>; 2] {
    const DIMS: [Dim<'static>; 2] = [Dim::Symbolic("batch"), Dim::Symbolic("seq")];
    [Io { name: "input_ids", elem: INT64, dims: &DIMS }, Io { name: "attention_mask", elem: INT64, dims: &DIMS }]
}

/// The keep probability the tiny model gives a token (for tests that compute expectations).
pub fn token_keep_probability(token: &str) -> Option<f32> {
    VOCAB.iter().find(|(t, _)| *t == token).map(|&(_, l)| 1.0 / (1.0 + (-l).exp()))
}

/// A BERT-style WordPiece `tokenizer.json` (lowercasing, punctuation split, `[CLS] … [SEP]`). Written
/// as text rather than through `serde_json` maps, whose key order depends on a cargo feature another
/// crate may turn on: the bytes must not change with the build.
pub fn tokenizer_json() -> String {
    let added: Vec<String> = (0..4)
        .map(|i| format!("    {{\"id\": {i}, \"content\": \"{}\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}}", VOCAB[i].0))
        .collect();
    let vocab: Vec<String> = VOCAB.iter().enumerate().map(|(i, (t, _))| format!("      \"{t}\": {i}")).collect();
    format!(
        r###"{{
  "version": "1.0",
  "truncation": null,
  "padding": null,
  "added_tokens": [
{added}
  ],
  "normalizer": {{"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true}},
  "pre_tokenizer": {{"type": "BertPreTokenizer"}},
  "post_processor": {{
    "type": "TemplateProcessing",
    "single": [{{"SpecialToken": {{"id": "[CLS]", "type_id": 0}}}}, {{"Sequence": {{"id": "A", "type_id": 0}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 0}}}}],
    "pair": [{{"SpecialToken": {{"id": "[CLS]", "type_id": 0}}}}, {{"Sequence": {{"id": "A", "type_id": 0}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 0}}}}, {{"Sequence": {{"id": "B", "type_id": 1}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 1}}}}],
    "special_tokens": {{
      "[CLS]": {{"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}},
      "[SEP]": {{"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}
    }}
  }},
  "decoder": {{"type": "WordPiece", "prefix": "##", "cleanup": true}},
  "model": {{
    "type": "WordPiece",
    "unk_token": "[UNK]",
    "continuing_subword_prefix": "##",
    "max_input_chars_per_word": 100,
    "vocab": {{
{vocab}
    }}
  }}
}}
"###,
        added = added.join(",\n"),
        vocab = vocab.join(",\n")
    )
}

/// `config.json` of the tiny model (the window is tiny on purpose).
pub fn config_json(score_convention: bool) -> String {
    let labels = if score_convention { "" } else { ",\n  \"id2label\": {\"0\": \"drop\", \"1\": \"keep\"}" };
    format!("{{\n  \"max_seq_len\": {TINY_WINDOW}{labels}\n}}\n")
}

/// Writes a complete model directory (`model.onnx`, `tokenizer.json`, `config.json`).
pub fn write_model_dir(dir: &Path, score_convention: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let model = if score_convention { score_model() } else { logits_model() };
    std::fs::write(dir.join("model.onnx"), model)?;
    std::fs::write(dir.join("tokenizer.json"), tokenizer_json())?;
    std::fs::write(dir.join("config.json"), config_json(score_convention))
}
