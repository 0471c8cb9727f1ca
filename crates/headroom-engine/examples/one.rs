fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
    let text = std::fs::read_to_string(dir.join(case["input"].as_str().unwrap())).unwrap();
    let req = headroom_engine::BlockRequest { options: headroom_marker::Options { query: case["query"].as_str().map(String::from), ..Default::default() }, ..Default::default() };
    let r = headroom_engine::compress_block(&text, &req);
    eprintln!("{:?} {:?} {:?} {} -> {}", r.detection.kind, r.transform, r.skipped, text.len(), r.text.len());
    eprintln!("Q: {}", case["query"]);
    let norm = |s: &str| -> String { s.chars().filter(|c| !matches!(c, '"' | '\\') && !c.is_whitespace()).collect() };
    for f in case["must_keep"].as_array().unwrap() { let f = f.as_str().unwrap(); if !norm(&r.text).contains(&norm(f)) { eprintln!("LOST {f}"); } }
    print!("{}", r.text);
}
