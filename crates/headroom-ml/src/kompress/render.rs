//! Rebuilding the block from the kept words.
//!
//! Every line is rebuilt from its own bytes: indentation as it was, kept neighbours joined by their
//! original separator, a single space where words between them went, the line ending as it was. Blank
//! lines stay (paragraph structure); a line whose words all went disappears. One marker line at the top
//! announces the omission, with the key of the whole original.

use headroom_marker::{Compressed, Marker, Options, Outcome, Skip};

use super::words::{Line, Word};

pub fn render(text: &str, opts: &Options, lines: &[Line], words: &[Word], keep: &[bool]) -> Outcome {
    let dropped = keep.iter().filter(|k| !**k).count();
    if dropped == 0 {
        return Err(Skip::new("the model kept every word"));
    }
    let mut body = String::with_capacity(text.len() / 2);
    let mut wi = 0;
    for (li, line) in lines.iter().enumerate() {
        let first = wi;
        while wi < words.len() && words[wi].line == li {
            wi += 1;
        }
        let (lw, lk) = (&words[first..wi], &keep[first..wi]);
        let ending = &text[line.end..line.next];
        if lw.is_empty() || lk.iter().all(|k| *k) {
            body.push_str(&text[line.start..line.next]);
            continue;
        }
        if !lk.iter().any(|k| *k) {
            continue;
        }
        body.push_str(&text[line.start..lw[0].start]);
        let mut prev: Option<usize> = None;
        for (i, w) in lw.iter().enumerate() {
            if !lk[i] {
                continue;
            }
            match prev {
                Some(p) if p + 1 == i => body.push_str(&text[lw[p].end..w.start]),
                Some(_) => body.push(' '),
                None => {}
            }
            body.push_str(&text[w.start..w.end]);
            prev = Some(i);
        }
        body.push_str(ending);
    }
    let mut stored = Vec::new();
    let key = Compressed::store(&mut stored, text);
    let forced = words.iter().filter(|w| w.forced).count();
    let by_model = keep.iter().filter(|k| **k).count() - forced;
    let marker =
        Marker::new(dropped, "words", key).of(words.len()).kept(format!("{forced} by rule, {by_model} by model score")).render(opts.ccr_dir.as_deref());
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Ok(Compressed { text: format!("{marker}{newline}{body}"), transform: "prose:kompress".into(), stored })
}

#[cfg(test)]
mod tests {
    use super::super::words::{split_lines, split_words};
    use super::*;

    #[test]
    fn lines_indentation_and_separators_survive() {
        let text = "  alpha  beta gamma delta\r\n\n\tone two\nthree four five six seven eight nine ten eleven twelve\n";
        let lines = split_lines(text);
        let words = split_words(text, &lines, &[]);
        // drop: gamma, one, two (the whole line), four to twelve except eight
        let keep = [true, true, false, true, false, false, true, false, false, false, false, true, false, false, false, false];
        let out = render(text, &Options::default(), &lines, &words, &keep).unwrap();
        let body = out.text.split_once("\r\n").unwrap().1;
        assert_eq!(body, "  alpha  beta delta\r\n\nthree eight\n");
        assert!(out.text.starts_with("[headroom: omitted 11 words of 16; kept 0 by rule, 5 by model score; key=hr_"), "{}", out.text);
        assert_eq!(out.stored[0].content, text);
    }
}
