//! `cargo run -p headroom-code --example detect -- FILE...`: the language `detect_language` guesses for
//! each file, to check the detector on real text.

fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let lang = headroom_code::detect_language(&text).map_or("none", |l| l.name());
                println!("{lang}\t{path}");
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
