//! Small helpers every compressor shares: line splitting that remembers the line ending, ANSI escape
//! stripping, char-boundary-safe truncation, and the guards that make a block pass through early.

use headroom_marker::Skip;

/// Above this size a block passes through: compressing it would take longer than the proxy's budget and
/// the caller is better served by its own truncation policy.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Blocks with fewer lines than this are too small to be worth a marker.
pub const MIN_LINES: usize = 8;

/// Common early exits: too large, too few lines. Counting newlines is a vectorised byte scan, so a
/// 100 MB single line is rejected in milliseconds without allocating.
pub fn precheck(text: &str, min_lines: usize) -> Result<(), Skip> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Skip::new(format!("block of {} bytes is above the {} byte limit", text.len(), MAX_INPUT_BYTES)));
    }
    let newlines = text.as_bytes().iter().filter(|&&b| b == b'\n').count();
    if newlines + 1 < min_lines {
        return Err(Skip::new(format!("only {} lines", newlines + 1)));
    }
    Ok(())
}

/// The block's line ending: CRLF when its first line ends that way, so kept lines come back the way the
/// tool printed them.
pub fn eol_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Lines without their terminator (`\n` or `\r\n`). A trailing newline does not produce an empty last line.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// Largest index `<= i` that is a char boundary of `s`.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first `max` bytes of `s` (at a char boundary).
pub fn head(s: &str, max: usize) -> &str {
    &s[..floor_boundary(s, max)]
}

/// Removes ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, and two-byte escapes).
/// Returns the input borrowed when it holds no ESC, which is the common case.
pub fn strip_ansi(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(line);
    }
    let b = line.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != 0x1b {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        match b.get(i) {
            Some(b'[') => {
                i += 1;
                while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 1;
                while i < b.len() && b[i] != 0x07 && !(b[i] == 0x1b && b.get(i + 1) == Some(&b'\\')) {
                    i += 1;
                }
                i += if b.get(i) == Some(&0x1b) { 2 } else { 1 };
            }
            Some(_) => i += 1,
            None => {}
        }
    }
    // Only ASCII bytes were removed, so the remainder is still valid UTF-8; fall back to lossy just in case.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A terminal redraws a line for every `\r`; only the text after the last one was visible at the end.
pub fn last_redraw(line: &str) -> &str {
    match line.rfind('\r') {
        Some(i) => &line[i + 1..],
        None => line,
    }
}

/// Binary garbage (NULs, or more than 1 in 8 characters replacement/control characters) is never compressed: we could not
/// describe what we dropped.
pub fn looks_binary(text: &str) -> bool {
    let sample = head(text, 64 * 1024);
    let mut bad = 0usize;
    let mut total = 0usize;
    for c in sample.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}')) {
            bad += 1;
        }
    }
    total > 0 && bad * 8 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_and_osc() {
        assert_eq!(strip_ansi("\u{1b}[31mred\u{1b}[0m ok"), "red ok");
        assert_eq!(strip_ansi("\u{1b}]0;title\u{7}x"), "x");
        assert_eq!(strip_ansi("trailing \u{1b}"), "trailing ");
    }

    #[test]
    fn splits_crlf_and_keeps_empty_lines() {
        assert_eq!(split_lines("a\r\n\r\nb\r\n"), vec!["a", "", "b"]);
        assert_eq!(eol_of("a\r\nb"), "\r\n");
        assert_eq!(eol_of("a\nb"), "\n");
    }

    #[test]
    fn head_respects_char_boundaries() {
        assert_eq!(head("héllo", 2), "h");
        assert_eq!(last_redraw("10%\r50%\r100%"), "100%");
    }
}
