//! Candidate spans: the Arabic and Latin stretches of an article that may
//! be foreign names.
//!
//! An article's tokens ([`crate::tokenize`]) become `Word`s carrying their
//! matching form. Arabic candidates are spans of 1–`MAX_SPAN_WORDS`
//! consecutive Arabic words that do not cross punctuation and neither start
//! nor end with a function word. The first word of a span may carry
//! clitics (و ف ب ل ك, the article ال and their combinations such as وال,
//! بال, لل); each way of peeling them off is a separate `CliticReading`,
//! never leaving a stem of fewer than two letters, and the aligner decides
//! which reading is right (وأوراكل is أوراكل, الكرملين may keep its ال).
//!
//! Acronyms spelled with Arabic letter names (سي إن إن) are ordinary spans;
//! the only special rule is that the letter names that are also common
//! words (في, أو, إن, أي) may stand at the edge of a span only inside a run
//! of at least two letter names that has an unambiguous one.
//!
//! Latin-script names (DeepSeek, ChatGPT, R1) are maximal runs of Latin
//! words between breaks.

use crate::lexicon::RUN_TOGETHER_MIN_LETTERS;
use crate::normalize::normalize_into;
use crate::tokenize::{Script, Token, tokenize_into};
use hashbrown::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The longest span, in words.
pub(crate) const MAX_SPAN_WORDS: usize = 4;

/// The longest span of letter names: an acronym spelled out letter by
/// letter has a word per letter (إم إس إن بي سي, MSNBC).
pub(crate) const MAX_SPELLED_LETTERS: usize = 7;

/// The longest word that may be part of a name, in bytes of its matching
/// form (48 Arabic letters, 96 Latin ones). The longest real name words
/// have about 35 letters; a longer "word" is a run of letters without
/// spaces (a pasted URL, a keyboard held down) whose alignment would cost
/// time and memory quadratic in its length, so it ends a span instead.
pub(crate) const MAX_WORD_BYTES: usize = 96;

/// The Arabic spelling of the English article "The" (matching form).
pub(crate) const ENGLISH_ARTICLE: &str = "ذا";

/// The shortest stem a clitic may leave, in letters.
pub(crate) const MIN_STEM_LETTERS: usize = 2;

/// One word of an article.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// The token in the original text.
    pub token: Token,
    /// Byte range of the matching form in [`ArticleWords::norm`].
    pub norm: Range<usize>,
    /// The word (its matching form) is a function word.
    pub stopword: bool,
    /// The word is an Arabic letter name (سي, إن, إيه, ...).
    pub letter_name: bool,
}

/// The words of one article with their matching forms in one buffer.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleWords {
    /// The words, in text order.
    pub words: Vec<Word>,
    /// All matching forms, back to back.
    pub norm: String,
    tokens: Vec<Token>,
}

impl ArticleWords {
    /// Splits `text` into words, reusing this value's buffers.
    pub(crate) fn fill(&mut self, text: &str) {
        self.fill_splitting(text, |_| 0);
    }

    /// Like [`fill`](Self::fill), without the matching forms of Arabic
    /// words (left empty, and no Arabic word marked a function word or a
    /// letter name): all that [`latin_names`](Self::latin_names) needs, for
    /// a third of the work on an Arabic article.
    pub(crate) fn fill_for_latin_names(&mut self, text: &str) {
        self.words.clear();
        self.norm.clear();
        tokenize_into(text, &mut self.tokens);
        self.add_words(text, false);
    }

    /// Like [`fill`](Self::fill), and splits each Arabic token of
    /// [`RUN_TOGETHER_MIN_LETTERS`] letters or more where `splits` says a
    /// word starts inside it (its bit `k`: at the token's `k`-th
    /// character; see [`crate::lexicon::Lexicon::run_together_splits`]):
    /// text whose spaces were lost.
    pub(crate) fn fill_splitting(&mut self, text: &str, mut splits: impl FnMut(&str) -> u64) {
        self.words.clear();
        self.norm.clear();
        tokenize_into(text, &mut self.tokens);
        let mut i = 0;
        while i < self.tokens.len() {
            let token = self.tokens[i];
            // Arabic letters take two bytes.
            let mask = if token.script == Script::Arabic && token.end - token.start >= 2 * RUN_TOGETHER_MIN_LETTERS {
                splits(token.text(text))
            } else {
                0
            };
            if mask == 0 {
                i += 1;
                continue;
            }
            let mut parts = Vec::new();
            let mut start = token.start;
            for (k, (at, _)) in token.text(text).char_indices().enumerate() {
                if k < 64 && mask & (1 << k) != 0 && at > 0 {
                    parts.push(Token { start, end: token.start + at, ..token });
                    start = token.start + at;
                }
            }
            parts.push(Token { start, end: token.end, ..token });
            // Only the first part follows what came before the token.
            for part in &mut parts[1..] {
                part.after_break = false;
                part.joined = false;
            }
            let added = parts.len();
            self.tokens.splice(i..=i, parts);
            i += added;
        }
        self.add_words(text, true);
    }

    /// Makes the words of `self.tokens`, with their matching forms (of
    /// Arabic words only when `arabic_forms`).
    fn add_words(&mut self, text: &str, arabic_forms: bool) {
        for &token in &self.tokens {
            let start = self.norm.len();
            if arabic_forms || token.script != Script::Arabic {
                normalize_into(token.text(text), &mut self.norm);
            }
            let norm = start..self.norm.len();
            let form = &self.norm[norm.clone()];
            let (stopword, letter_name) = match token.script {
                Script::Arabic => (is_stopword(form), is_letter_name(form)),
                _ => (false, false),
            };
            self.words.push(Word { token, norm, stopword, letter_name });
        }
    }

    /// The matching form of word `i`.
    pub(crate) fn norm_of(&self, i: usize) -> &str {
        &self.norm[self.words[i].norm.clone()]
    }

    /// Maximal runs of words of one script without a break, as word index
    /// ranges (numbers end a run, and so does a word too long to be part of
    /// a name, [`MAX_WORD_BYTES`], which belongs to no run).
    pub fn segments(&self, script: Script) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut current: Option<usize> = None;
        for (i, w) in self.words.iter().enumerate() {
            let same = w.token.script == script && w.norm.len() <= MAX_WORD_BYTES;
            if let Some(s) = current.filter(|_| !same || w.token.after_break) {
                out.push(s..i);
                current = None;
            }
            if same && current.is_none() {
                current = Some(i);
            }
        }
        if let Some(s) = current {
            out.push(s..self.words.len());
        }
        out
    }
}

impl ArticleWords {
    /// Byte ranges of the Latin-script names of the article: runs of Latin
    /// words without a break that look like names, cut into pieces of at
    /// most [`MAX_SPAN_WORDS`] words. A word looks like a name when it has a
    /// capital letter or a digit (DeepSeek, iPhone, R1); lower-case words
    /// (an English clause quoted in the text, a URL fragment like `sabq`)
    /// end a name, except a connector between two name words (Bank of
    /// America, Game of Thrones).
    pub(crate) fn latin_names(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for seg in self.segments(Script::Latin) {
            let mut start: Option<usize> = None;
            let mut last_name = 0;
            let flush = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
                // An English function word alone, capitalized for a title
                // or a sentence (Them, The, This), is no name; nor is a
                // letter alone (the W of George W. Bush, Plan B), but X,
                // the platform.
                if from == to
                    && (is_capitalized_function_word(self.norm_of(from)) || is_lone_letter(self.norm_of(from)))
                {
                    return;
                }
                for first in (from..=to).step_by(MAX_SPAN_WORDS) {
                    let last = (first + MAX_SPAN_WORDS - 1).min(to);
                    out.push(self.words[first].token.start..self.words[last].token.end);
                }
            };
            for i in seg.clone() {
                let text = self.norm_of(i);
                if looks_like_name(text) {
                    start.get_or_insert(i);
                    last_name = i;
                } else if start.is_some() && is_name_connector(text) {
                    continue;
                } else if let Some(s) = start.take() {
                    flush(s, last_name, &mut out);
                }
            }
            if let Some(s) = start {
                flush(s, last_name, &mut out);
            }
        }
        out
    }
}

/// Whether a Latin word looks like (part of) a name: a capital letter or a
/// digit somewhere in it.
fn looks_like_name(word: &str) -> bool {
    word.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a Latin word is an English function word written with a
/// capital first letter only (Them, This; not the acronym IT, nor a
/// letter such as X).
fn is_capitalized_function_word(word: &str) -> bool {
    let mut chars = word.chars();
    word.len() > 1
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && crate::lexicon::is_english_stopword(word)
}

/// Whether a Latin word is one letter other than X (the platform formerly
/// called Twitter, which news names by its letter).
fn is_lone_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() && !c.eq_ignore_ascii_case(&'x')) && chars.next().is_none()
}

/// Lower-case words that join the parts of one name.
fn is_name_connector(word: &str) -> bool {
    matches!(word, "of" | "and" | "the" | "de" | "del" | "la" | "le" | "van" | "von" | "for" | "&")
}

/// A way of reading the first word of a span: which leading clitics are
/// set aside for matching, and what the displayed form keeps.
///
/// The article ال is part of how Arabic writes many names (الأرجنتين,
/// الكونغرس), so it is matched without but displayed with: only the
/// conjunctions and prepositions in front of it leave the display form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CliticReading<'w> {
    /// Conjunction and preposition letters peeled off (و ف ب ل ك).
    pub particles: usize,
    /// Whether the article ال was set aside for matching.
    pub article: bool,
    /// The stem used for matching (matching form).
    pub stem: &'w str,
    /// Letters of the original word left out of the display form.
    pub display_skip: usize,
    /// Whether the display form needs ال restored (ل + ال is written لل).
    pub restore_article: bool,
}

/// The one-letter proclitics: conjunctions و ف and prepositions ب ل ك.
pub(crate) const ONE_LETTER_CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Proclitic sequences in matching form with (particle letters, article):
/// conjunction (و ف), preposition (ب ل ك), article (ال); ل + ال is لل.
const CLITICS: &[(&str, usize, bool)] = &[
    ("وبال", 2, true),
    ("وكال", 2, true),
    ("فبال", 2, true),
    ("فكال", 2, true),
    ("ولل", 2, true),
    ("فلل", 2, true),
    ("وال", 1, true),
    ("فال", 1, true),
    ("بال", 1, true),
    ("كال", 1, true),
    ("لل", 1, true),
    ("ال", 0, true),
    ("وب", 2, false),
    ("ول", 2, false),
    ("وك", 2, false),
    ("فب", 2, false),
    ("فل", 2, false),
    ("فك", 2, false),
    ("و", 1, false),
    ("ف", 1, false),
    ("ب", 1, false),
    ("ل", 1, false),
    ("ك", 1, false),
];

/// The readings of a word in matching form: as written first, then every
/// clitic sequence that leaves a stem of at least [`MIN_STEM_LETTERS`].
pub(crate) fn clitic_readings(word: &str) -> impl Iterator<Item = CliticReading<'_>> {
    let as_written =
        CliticReading { particles: 0, article: false, stem: word, display_skip: 0, restore_article: false };
    std::iter::once(as_written).chain(CLITICS.iter().filter_map(move |&(p, particles, article)| {
        let stem = word.strip_prefix(p)?;
        if stem.chars().count() < MIN_STEM_LETTERS {
            return None;
        }
        // لل stands for ل + ال: the display drops both letters and puts ال back.
        let restore_article = article && p.ends_with("لل");
        let display_skip = if restore_article { particles + 1 } else { particles };
        Some(CliticReading { particles, article, stem, display_skip, restore_article })
    }))
}

/// Relative-adjective (nisba) endings in matching form: فرنسي, أوروبية,
/// الأمريكيين are adjectives made from names, not the names.
const NISBA_SUFFIXES: &[&str] = &["يين", "يون", "يه", "ي"];

/// The word without a nisba ending, when it has one and at least three
/// letters remain.
pub(crate) fn strip_nisba(word: &str) -> Option<&str> {
    NISBA_SUFFIXES.iter().find_map(|s| word.strip_suffix(s)).filter(|rest| rest.chars().count() >= 3)
}

/// What a word (matching form) is after the definite article, alone or
/// after a clitic (ال, وال, فال, بال, كال, لل): one rest per way of
/// reading its start so.
pub(crate) fn after_article(word: &str) -> impl Iterator<Item = &str> {
    ["وال", "فال", "بال", "كال", "لل", "ال"].iter().filter_map(move |p| word.strip_prefix(p))
}

/// Whether a word (matching form) starts with the definite article, alone
/// or after a clitic, leaving at least three letters.
pub(crate) fn starts_with_article(word: &str) -> bool {
    after_article(word).any(|rest| rest.chars().count() >= 3)
}

/// Byte offset in an original word after its first `letters` Arabic
/// letters (marks and tatweel after them are skipped too), so the surface
/// form can be shown without its clitics.
pub(crate) fn skip_letters(original: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    let mut iter = original.char_indices().peekable();
    while let Some((_, c)) = iter.next() {
        if crate::normalize::is_arabic_letter(c) {
            seen += 1;
            if seen == letters {
                // Skip marks, tatweel and joiners attached to the last clitic.
                while let Some(&(j, d)) = iter.peek() {
                    if crate::normalize::is_stripped(d) {
                        iter.next();
                    } else {
                        return j;
                    }
                }
                return original.len();
            }
        }
    }
    original.len()
}

/// Arabic function words and very common news words, in matching form;
/// they never start or end a name.
const STOPWORDS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "او",
    "ان",
    "انه",
    "انها",
    "ما",
    "ماذا",
    "لا",
    "لم",
    "لن",
    "هل",
    "قد",
    "لقد",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "كانوا",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هو",
    "هي",
    "هم",
    "هما",
    "نحن",
    "انا",
    "انت",
    "التي",
    "الذي",
    "الذين",
    "حيث",
    "كما",
    "بعد",
    "قبل",
    "عند",
    "حتي",
    "لكن",
    "ولكن",
    "ثم",
    "اذا",
    "اذ",
    "كل",
    "بين",
    "غير",
    "دون",
    "منذ",
    "خلال",
    "ضد",
    "نحو",
    "لدي",
    "ليس",
    "عبر",
    "امام",
    "حول",
    "فقط",
    "ايضا",
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "اكد",
    "اكدت",
    "بعض",
    "اي",
    "اخر",
    "اخري",
    "اكثر",
    "اقل",
    "جدا",
    "الان",
    "اليوم",
    "امس",
    "يوم",
    "عام",
    "العام",
    "شركه",
    "الشركه",
    "رئيس",
    "الرئيس",
    "مليار",
    "مليون",
    "دولار",
    "لان",
    "لانه",
    "وقد",
    "كذلك",
    "هناك",
    "هنا",
    "عليه",
    "عليها",
    "اليه",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "له",
    "لها",
    "لهم",
    "به",
    "بها",
    "عندما",
    "بينما",
    "وهو",
    "وهي",
    "وفي",
    "ومن",
    "وان",
    "وقال",
    "وقالت",
    "اما",
    "الا",
    "سوف",
    "مثل",
    "يجب",
    "يمكن",
    "ضمن",
    "لدى",
    "مدير",
    "المدير",
    "التنفيذي",
    "وزير",
    "الوزير",
    "السابق",
    "الجديد",
    "الجديده",
    "الامريكي",
    "الامريكيه",
    // Particles fused with ما, and common reporting verbs: short, frequent
    // and easily close to some name in a long candidate list. (Not لذا, كي,
    // بل, بان: they also read as a clitic before ذا, the letter K, Bell,
    // Pan.)
    "بما",
    "مما",
    "عما",
    "لما",
    "فيما",
    "ربما",
    "كلما",
    "طالما",
    "انما",
    "حينما",
    "وفق",
    "وفقا",
    "لذلك",
    "لكي",
    "بانه",
    "بانها",
    "سواء",
    "ادي",
    "ادت",
    "اعلن",
    "اعلنت",
    "اضاف",
    "اضافت",
    "اشار",
    "اشارت",
    "اوضح",
    "اوضحت",
    "ذكر",
    "ذكرت",
];

/// Whether `norm` (matching form) is a function word. A lone Arabic
/// letter is one too: a clitic written apart (و أبل, a typing slip), never
/// a part of a name (letters of acronyms are written as their names, بي).
pub(crate) fn is_stopword(norm: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let mut letters = norm.chars();
    let lone_letter = letters.next().is_some_and(crate::normalize::is_arabic_letter) && letters.next().is_none();
    lone_letter || SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(norm)
}

/// Letter names that are also everyday Arabic words.
const AMBIGUOUS_LETTER_NAMES: &[&str] = &["في", "او", "ان", "اي"];

/// Whether `norm` (matching form) is the Arabic name of a Latin letter.
pub(crate) fn is_letter_name(norm: &str) -> bool {
    use crate::romanize::{LETTER_NAME_VARIANTS, LETTER_NAMES};
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        LETTER_NAMES
            .iter()
            .map(|n| crate::normalize::normalize(n))
            .chain(LETTER_NAME_VARIANTS.iter().map(|(n, _)| crate::normalize::normalize(n)))
            .collect()
    })
    .contains(norm)
}

pub(crate) fn is_ambiguous_letter_name(norm: &str) -> bool {
    AMBIGUOUS_LETTER_NAMES.contains(&norm)
}

impl ArticleWords {
    /// Whether word `i` may stand at the edge of the span `span` (word
    /// indices): not a function word, unless it is a letter name inside a
    /// run of two or more letter names (within the span) with at least one
    /// unambiguous letter name.
    pub(crate) fn may_edge(&self, i: usize, span: Range<usize>) -> bool {
        let w = &self.words[i];
        if !w.stopword {
            return true;
        }
        // ذا is how Arabic writes the English article of a title: ذا تايمز,
        // ذا هيل (The Times, The Hill); it starts a span of two or more words.
        if i == span.start && span.len() >= 2 && self.norm_of(i) == ENGLISH_ARTICLE {
            return true;
        }
        if !w.letter_name {
            return false;
        }
        let (mut a, mut b) = (i, i + 1);
        while a > span.start && self.words[a - 1].letter_name {
            a -= 1;
        }
        while b < span.end && self.words[b].letter_name {
            b += 1;
        }
        b - a >= 2 && (a..b).any(|k| !is_ambiguous_letter_name(self.norm_of(k)))
    }

    /// Whether word `i` is a letter name that is no everyday word (سي, not
    /// في): one spells an acronym.
    pub(crate) fn spells_letter(&self, i: usize) -> bool {
        self.words[i].letter_name && !is_ambiguous_letter_name(self.norm_of(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_are_alternatives_with_a_two_letter_floor() {
        let stems: Vec<&str> = clitic_readings("واوراكل").map(|r| r.stem).collect();
        assert_eq!(stems, vec!["واوراكل", "اوراكل"]);
        let r = clitic_readings("للكونغرس").find(|r| r.stem == "كونغرس").unwrap();
        assert!(r.article && r.restore_article && r.display_skip == 2 && r.particles == 1);
        let r = clitic_readings("والكرملين").find(|r| r.stem == "كرملين").unwrap();
        assert!(r.article && !r.restore_article && r.display_skip == 1);
        let stems: Vec<&str> = clitic_readings("بالكرملين").map(|r| r.stem).collect();
        assert!(stems.contains(&"بالكرملين") && stems.contains(&"كرملين") && stems.contains(&"الكرملين"));
        let stems: Vec<&str> = clitic_readings("للذكاء").map(|r| r.stem).collect();
        assert!(stems.contains(&"ذكاء"));
        // Never below two letters: ول keeps its letters.
        assert_eq!(clitic_readings("ول").count(), 1);
        assert!(clitic_readings("وول").any(|r| r.stem == "ول"));
        assert!(!clitic_readings("بل").any(|r| r.particles > 0));
    }

    #[test]
    fn a_capitalized_english_function_word_alone_is_no_latin_name() {
        let text = "غنت الفرقة Them وأغنية The Times ثم قالت شركة IT إن OpenAI و This Is Us ومنصة X والخطة B";
        let mut words = ArticleWords::default();
        words.fill(text);
        let names: Vec<&str> = words.latin_names().into_iter().map(|r| &text[r]).collect();
        assert_eq!(names, ["The Times", "IT", "OpenAI", "This Is Us", "X"]);
        // The first pass finds the same without the Arabic words' forms.
        words.fill_for_latin_names(text);
        let found: Vec<&str> = words.latin_names().into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, names);
    }

    #[test]
    fn nisba_endings() {
        assert_eq!(strip_nisba("فرنسي"), Some("فرنس"));
        assert_eq!(strip_nisba("اوروبيه"), Some("اوروب"));
        assert_eq!(strip_nisba("الامريكيين"), Some("الامريك"));
        assert_eq!(strip_nisba("ري"), None);
    }

    #[test]
    fn surface_without_clitics() {
        let w = "وأَوراكل";
        assert_eq!(&w[skip_letters(w, 1)..], "أَوراكل");
        let w = "لـDeep";
        assert_eq!(&w[skip_letters(w, 1)..], "Deep");
        let w = "بِالكرملين";
        assert_eq!(&w[skip_letters(w, 3)..], "كرملين");
    }

    #[test]
    fn letter_names_at_span_edges() {
        let mut aw = ArticleWords::default();
        aw.fill("قالت سي إن إن في تقرير");
        let n = aw.words.len();
        // سي إن إن: the final إن is a letter name in a run with سي.
        assert!(aw.may_edge(3, 1..4));
        // في alone is never a letter.
        assert!(!aw.may_edge(4, 4..5));
        assert!(aw.words[1].letter_name && !aw.words[1].stopword);
        assert_eq!(n, 6);
        aw.fill("في أو");
        assert!(!aw.may_edge(0, 0..2) && !aw.may_edge(1, 0..2));
    }

    #[test]
    fn segments_stop_at_breaks_and_script_changes() {
        let mut aw = ArticleWords::default();
        aw.fill("زارت OpenAI وأوراكل، البيت الأبيض Deep Seek");
        let ar = aw.segments(Script::Arabic);
        assert_eq!(ar, vec![0..1, 2..3, 3..5]);
        assert_eq!(aw.segments(Script::Latin), vec![1..2, 5..7]);
    }

    #[test]
    fn a_word_too_long_for_a_name_ends_the_run() {
        let mut aw = ArticleWords::default();
        let long = "ب".repeat(MAX_WORD_BYTES / 2 + 1);
        aw.fill(&format!("زار {long} سام ألتمان"));
        assert_eq!(aw.segments(Script::Arabic), vec![0..1, 2..4]);
        // At the limit it is still a word of a name.
        let edge = "ب".repeat(MAX_WORD_BYTES / 2);
        aw.fill(&format!("زار {edge} سام"));
        assert_eq!(aw.segments(Script::Arabic), vec![0..3]);
    }
}
