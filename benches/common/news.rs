//! Text that reads like a stream of real news to nazir, for throughput
//! measurements that the span memo cannot shortcut.
//!
//! The templates of [`super::arabic_text`] repeat a few dozen sentences, so
//! almost every span of a generated batch has been seen before; real news
//! does not repeat. This generator learns word bigrams from real Arabic text
//! that the user points it at (any news, e.g. `../shared`'s articles) and
//! walks them at random: the word frequencies and the mix of function words,
//! content words and names are those of the source, while almost every
//! span of two or more words is new. Content words also take clitics and
//! suffixes at random (و، ب، ل، ال …, ـه، ـها، ـات …), as the inflected long
//! tail of a month of news does, so single words keep missing the memo too.

use nazir::normalize::is_arabic_letter;
use nazir::sample::SplitMix64;
use std::collections::HashMap;

/// Clitics put in front of content words.
const PREFIXES: &[&str] = &["و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "فال", "ك"];

/// Clitics put in front of content words that have the article already.
const BEFORE_ARTICLE: &[&str] = &["و", "ب", "ف", "ك", "وب"];

/// Endings put after content words.
const SUFFIXES: &[&str] = &["ه", "ها", "هم", "ات", "ين", "ون", "ة", "ية", "كم", "نا", "هما"];

/// A bigram model of the words of a source text.
pub struct NewsModel {
    words: Vec<String>,
    /// For each word, the indices of the words that followed it (with
    /// repetition, so drawing from the list follows the source's frequency).
    next: Vec<Vec<u32>>,
    /// Every word of the source in order, to jump to at random (so jumps
    /// follow the source's word frequencies).
    tokens: Vec<u32>,
}

impl NewsModel {
    /// Learns the model from `text` (lines are paragraphs; words are split
    /// on whitespace, punctuation stays attached as in the source). Lines
    /// without Arabic letters are skipped. `None` when the text has fewer
    /// than 100 words.
    pub fn learn(text: &str) -> Option<NewsModel> {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut model = NewsModel { words: Vec::new(), next: Vec::new(), tokens: Vec::new() };
        for line in text.lines().filter(|l| l.chars().any(is_arabic_letter)) {
            let mut previous: Option<u32> = None;
            for word in line.split_whitespace() {
                let id = *ids.entry(word).or_insert_with(|| {
                    model.words.push(word.to_string());
                    model.next.push(Vec::new());
                    (model.words.len() - 1) as u32
                });
                if let Some(p) = previous {
                    model.next[p as usize].push(id);
                }
                previous = Some(id);
                model.tokens.push(id);
            }
        }
        (model.tokens.len() >= 100).then_some(model)
    }

    /// Distinct words of the source.
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// About `bytes` bytes of text (whole words; paragraphs of 40–120
    /// words, one per line).
    pub fn generate(&self, bytes: usize, seed: u64) -> String {
        let mut rng = SplitMix64(seed);
        let mut below = |n: usize| (rng.next_u64() % n as u64) as usize;
        let mut out = String::with_capacity(bytes + 64);
        let mut current = self.tokens[below(self.tokens.len())];
        let mut in_line = 0;
        let mut line_len = 40 + below(81);
        while out.len() < bytes {
            if in_line > 0 {
                out.push(' ');
            }
            let word = &self.words[current as usize];
            let content = word.chars().count() >= 4 && word.chars().all(is_arabic_letter);
            match below(10) {
                0 | 1 if content => match word.strip_prefix("ال") {
                    Some(rest) if below(4) == 0 => {
                        out.push_str("لل");
                        out.push_str(rest);
                    }
                    Some(_) => {
                        out.push_str(BEFORE_ARTICLE[below(BEFORE_ARTICLE.len())]);
                        out.push_str(word);
                    }
                    None => {
                        out.push_str(PREFIXES[below(PREFIXES.len())]);
                        out.push_str(word);
                    }
                },
                2 if content => {
                    out.push_str(word.trim_end_matches('ة'));
                    out.push_str(SUFFIXES[below(SUFFIXES.len())]);
                }
                _ => out.push_str(word),
            }
            in_line += 1;
            if in_line == line_len {
                out.push('\n');
                in_line = 0;
                line_len = 40 + below(81);
            }
            let followers = &self.next[current as usize];
            // A dead end, or now and then a jump, goes on from any word of
            // the source: the walk does not replay long stretches of it.
            current = if followers.is_empty() || below(12) == 0 {
                self.tokens[below(self.tokens.len())]
            } else {
                followers[below(followers.len())]
            };
        }
        out.push('\n');
        out
    }
}
