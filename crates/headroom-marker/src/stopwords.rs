//! English words too common in a question to point at anything: every query-aware compressor drops them
//! before matching, so "what does the page say?" does not match every line that contains "the".

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "was", "were", "what", "which", "where", "when", "who", "why", "how", "does", "did", "this", "that", "these", "those", "with",
    "from", "into", "about", "there", "their", "them", "then", "than", "also", "any", "all", "has", "have", "had", "not", "but", "can", "could", "should",
    "would", "will", "its", "it's", "his", "her", "our", "your", "you", "give", "list", "one", "two", "out", "get", "got", "use", "used", "using", "way",
    "per", "via", "just", "only", "exactly", "after", "before", "my", "is", "in", "of", "to", "a", "an", "on", "or", "if", "be", "do", "so", "by", "at", "as",
    "it", "i", "me", "we", "there", "here", "being", "been", "tell", "show", "find", "happen", "happened",
];

/// `w` must already be lower-case.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::is_stopword;

    #[test]
    fn common_question_words_are_stopwords_and_content_words_are_not() {
        for w in ["the", "what", "does", "which", "how"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["page", "cache", "timeout", "The"] {
            assert!(!is_stopword(w), "{w}");
        }
    }
}
