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
//!
//! An inflected form is used only when it is as real as the word it comes
//! from: a dictionary word ([`nazir::lexicon::Lexicon::ordinary_reason`])
//! takes only the forms written Arabic uses
//! ([`nazir::lexicon::Lexicon::is_everyday_form`]: بالمستشفى, not
//! فالبالمستشفى or الحدوثها), and a word the dictionary does not know (a
//! name) only takes the clitics names take (وجوجل, بجوجل, لجوجل).
//! Stacking affixes at random made words no news writes, which the
//! dictionary rejects after trying every reading: 39% of the distinct words
//! of such a batch, against 18% of real news
//! (`../shared/eval/ntrex_dev/news.ar`), and a lexicon cost per word five
//! times that of real text. Keeping the forms the dictionary accepts still
//! left about half of the distinct words of a batch outside the everyday forms,
//! against 4.5% of those of real news.

use nazir::lexicon::Lexicon;
use nazir::normalize::is_arabic_letter;
use nazir::sample::SplitMix64;
use rayon::prelude::*;
use std::collections::HashMap;

/// Clitics put in front of content words.
const PREFIXES: &[&str] = &["و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "فال", "ك"];

/// Clitics put in front of content words that have the article already.
const BEFORE_ARTICLE: &[&str] = &["و", "ب", "ف", "ك", "وب"];

/// Endings put after content words.
const SUFFIXES: &[&str] = &["ه", "ها", "هم", "ات", "ين", "ون", "ة", "ية", "كم", "نا", "هما"];

/// Clitics put in front of words the dictionary does not know (names).
const NAME_PREFIXES: &[&str] = &["و", "ب", "ل"];

/// A bigram model of the words of a source text.
pub struct NewsModel {
    words: Vec<String>,
    /// For each word, the indices of the words that followed it (with
    /// repetition, so drawing from the list follows the source's frequency).
    next: Vec<Vec<u32>>,
    /// Every word of the source in order, to jump to at random (so jumps
    /// follow the source's word frequencies).
    tokens: Vec<u32>,
    /// For each word, its inflected forms that are as real as it is (see
    /// the module documentation): prefixed ones, then suffixed ones.
    inflected: Vec<Inflected>,
}

/// The inflected forms of one word.
#[derive(Default)]
struct Inflected {
    prefixed: Vec<String>,
    suffixed: Vec<String>,
}

/// The forms of `word` that the text may use instead of it.
fn inflect(word: &str) -> Inflected {
    let content = word.chars().count() >= 4 && word.chars().all(is_arabic_letter);
    if !content {
        return Inflected::default();
    }
    let lexicon = Lexicon::embedded();
    let known = lexicon.ordinary_reason(word).is_some();
    let real = |form: &String| !known || lexicon.is_everyday_form(form);
    let prefixed: Vec<String> = match word.strip_prefix("ال") {
        _ if !known => NAME_PREFIXES.iter().map(|p| format!("{p}{word}")).collect(),
        Some(rest) => {
            BEFORE_ARTICLE.iter().map(|p| format!("{p}{word}")).chain(std::iter::once(format!("لل{rest}"))).collect()
        }
        None => PREFIXES.iter().map(|p| format!("{p}{word}")).collect(),
    };
    let suffixed = if known {
        SUFFIXES.iter().map(|e| format!("{}{e}", word.trim_end_matches('ة'))).collect()
    } else {
        Vec::new()
    };
    Inflected {
        prefixed: prefixed.into_iter().filter(real).collect(),
        suffixed: suffixed.into_iter().filter(real).collect(),
    }
}

impl NewsModel {
    /// Learns the model from `text` (lines are paragraphs; words are split
    /// on whitespace, punctuation stays attached as in the source). Lines
    /// without Arabic letters are skipped. `None` when the text has fewer
    /// than 100 words.
    pub fn learn(text: &str) -> Option<NewsModel> {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut model = NewsModel { words: Vec::new(), next: Vec::new(), tokens: Vec::new(), inflected: Vec::new() };
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
        if model.tokens.len() < 100 {
            return None;
        }
        model.inflected = model.words.par_iter().map(|w| inflect(w)).collect();
        Some(model)
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
            let forms = &self.inflected[current as usize];
            match below(10) {
                0 if !forms.prefixed.is_empty() => out.push_str(&forms.prefixed[below(forms.prefixed.len())]),
                1 if !forms.suffixed.is_empty() => out.push_str(&forms.suffixed[below(forms.suffixed.len())]),
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
