use headroom_marker::{Options, Outcome, Skip};

pub fn compress_html(_text: &str, _opts: &Options) -> Outcome {
    Err(Skip::new("not implemented"))
}
