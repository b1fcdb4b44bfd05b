//! A model of ordinary Arabic: is a word an inflected form of a native
//! word, a function word, a month name or the adjective of a place, rather
//! than a foreign name?
//!
//! Fuzzy and gazetteer matching accept Arabic spans that merely sound like
//! an English name: كثير ("many") for Keith, فشل ("failure") for Shell,
//! الفور ("at once") for Ford. [`Lexicon::is_ordinary`] lets the aligner ask
//! first whether the span is simply an Arabic word;
//! [`Lexicon::ordinary_reason`] says why (function word, month, nisba,
//! dictionary word, dictionary word only after a clitic) and
//! [`Lexicon::foreignness`] how foreign its letters look.
//!
//! # Sources (all embedded in the binary, see `glossaries/README.md`)
//!
//! * The Ayaspell hunspell dictionary 3.2 (Debian `hunspell-ar`, used under
//!   its MPL-1.1 option): 170 000 stems and the affix rules for the
//!   proclitics و ف ب ك ل س and the article, the pronoun and plural
//!   suffixes, and nisba adjectives. It is read by the `spellbook` crate.
//!   Its proper nouns (the place-name sections, and the stems it flags as
//!   names: نيويورك, مايكروسوفت) are listed apart: a form of one of them
//!   (فرنسا, وباريس) is a name, not an ordinary word, even though the
//!   dictionary accepts it.
//! * The Arabic month and weekday names of every Arabic CLDR locale
//!   (يناير, نيسان, كانون, جانفي, ماي, …).
//! * The Arabic list of stopwords-iso.
//! * A short list of news words that Ayaspell lacks (بالكاد, تغريدة),
//!   written for nazir (`glossaries/lexicon/nazir-words.txt`).
//! * Letter-trigram counts of the dictionary's stems and of transliterated
//!   Wikidata person names, for [`Lexicon::foreignness`].
//! * The dictionary's reading of 583,554 everyday word forms, the Arabic
//!   word list of wordfreq 3.1.1 (CC BY-SA 4.0) analysed ahead of time
//!   ([`Lexicon::dictionary_reading`]), with the frequency of each, to
//!   split words a text runs together ([`Lexicon::run_together_splits`]).
//!
//! # Raw words, matching forms and hamza
//!
//! Give it the word as written (marks, tatweel and controls are ignored).
//! The dictionary distinguishes أ إ آ from ا, ى from ي and ة from ه, and
//! nazir's matching form folds them (see [`normalize`](crate::normalize)),
//! so the dictionary is asked about the cleaned surface form first; when it
//! rejects it, about the spellings that restore what news and the matching
//! form most often drop: a hamza on the first alef of the stem (اعلن →
//! أعلن, الاثيوبية → الإثيوبية), a final ى or ة (علي → على, مره →
//! مرة) and a final ي (المبانى → المباني, as Egyptian print writes it). A hamza dropped inside the word (امراه, سالته) is not restored.
//! The word lists (function words, months, names) are compared in matching
//! form.
//!
//! Folding the dictionary itself to the matching form was measured too
//! (the development news, by [`Lexicon::ordinary_reason`] alone): it
//! accepts ordinary word types about as often (96.4%, against 96.1% for the
//! surface form with the spellings above and 95.9% for the surface form
//! alone) but foreign-name words more often (30.7% of the gold
//! transliterated name words, against 27.7% and 25.7%), and its checks are
//! about twice as slow.
//!
//! # Cost
//!
//! [`Lexicon::embedded`] decompresses and parses the dictionary once per
//! process (about 0.14 s; it is parsed twice, with and without the clitic
//! prefix rules, side by side with the form table) and keeps it, about
//! 60 MB with the form table, for the life of the process. Analysing a word against the
//! dictionary's affix rules takes 10–20 µs, and 40 µs or more for a word
//! it rejects after trying every reading; a form of the table is looked up
//! in about 0.1 µs instead. [`Lexicon::is_ordinary`] takes about 2 µs on
//! running news text and 3 µs on a distinct ordinary word of real news
//! (95% of them are in the table). That is still too slow for every token
//! of a large batch: memoize by word (`cargo bench --bench lexicon`
//! measures all this).

use hashbrown::{HashMap, HashSet};
use std::hash::BuildHasher as _;
use std::sync::OnceLock;

use crate::normalize::{clean_surface_into, is_arabic_letter, normalize};

const AR_AFF_GZ: &[u8] = include_bytes!("../glossaries/lexicon/ar.aff.gz");
const AR_DIC_GZ: &[u8] = include_bytes!("../glossaries/lexicon/ar.dic.gz");
const AR_NAMES: &str = include_str!("../glossaries/lexicon/ar-names.txt");
const MONTHS: &str = include_str!("../glossaries/lexicon/months.txt");
const STOPWORDS: &str = include_str!("../glossaries/lexicon/stopwords.txt");
const EN_STOPWORDS: &str = include_str!("../glossaries/lexicon/en-stopwords.txt");
const NGRAMS_GZ: &[u8] = include_bytes!("../glossaries/lexicon/ngrams.tsv.gz");
const NAZIR_WORDS: &str = include_str!("../glossaries/lexicon/nazir-words.txt");
const FORMS_GZ: &[u8] = include_bytes!("../glossaries/lexicon/forms.tsv.gz");

/// First letters of the prefixes that are separate words in English: the
/// conjunctions و ف, the prepositions ب ك ل (and لل = ل + ال), and the
/// interrogative أ. A word the dictionary accepts only with one of them
/// peeled (فورد = ف + ورد, ويلز = و + يلز) is [`Ordinary::AfterClitic`].
const CLITIC_INITIALS: &[char] = &['و', 'ف', 'ب', 'ك', 'ل', 'أ', 'آ'];

/// Fewest letters of a word that [`Lexicon::run_together_splits`] may
/// split: shorter run-together pairs are too easily a rare word.
pub const RUN_TOGETHER_MIN_LETTERS: usize = 8;

/// A form of the table at least this common (a frequency band of at most
/// this, about 3 in 10 million words) is one word, never split.
const COMMON_FORM_BAND: u16 = 650;

/// Longest unknown word of a split (a name the table does not know).
pub const MAX_UNKNOWN_LETTERS: usize = 10;

/// Letters past which a token the table does not know is less and less
/// likely one word.
const LONG_WORD_LETTERS: usize = 12;

/// Longest word of a split.
const MAX_SEGMENT_LETTERS: usize = 16;

/// How many orders of magnitude likelier than the word alone a split must
/// be.
pub const SPLIT_MARGIN: f32 = 2.0;

/// The cost (−log10 frequency) of a word the table does not know: rarer
/// than the rarest form of the table (band 800), and more so the longer it
/// is, so that known words are preferred where they fit.
fn unknown_word_cost(letters: usize) -> f32 {
    8.5 + 0.5 * letters as f32
}

/// The [`Lexicon::foreignness`] from which [`Lexicon::is_ordinary`] no
/// longer trusts an [`Ordinary::Word`].
pub const FOREIGN_LIKE_WORD: f32 = 1.5;

/// The [`Lexicon::foreignness`] from which [`Lexicon::is_ordinary`] no
/// longer trusts an [`Ordinary::AfterClitic`] reading, which is weaker
/// evidence.
pub const FOREIGN_LIKE_AFTER_CLITIC: f32 = 1.0;

/// Why a word is ordinary Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ordinary {
    /// A function word (pronoun, preposition, particle, auxiliary…),
    /// possibly after و or ف.
    FunctionWord,
    /// A month or weekday name of some Arabic locale, possibly with
    /// proclitics (وأيلول, بنيسان).
    Month,
    /// A relative adjective made from a place name (الفرنسي, الإثيوبية,
    /// إندونيسي, الكورية).
    Nisba,
    /// An inflected form of a dictionary word (المسؤولين, سألته, الكثير,
    /// فشل), with the article and suffixes but no other proclitic.
    Word,
    /// A dictionary word only after a conjunction, preposition or
    /// interrogative prefix is peeled: والمسؤولين, بالكاد, but also
    /// فورد (ف + ورد "and a rose") and ويلز. Weaker evidence than
    /// [`Ordinary::Word`]: a foreign name that starts with one of those
    /// letters often reads as one.
    AfterClitic,
}

impl Ordinary {
    /// A short English label, for explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Ordinary::FunctionWord => "function word",
            Ordinary::Month => "month name",
            Ordinary::Nisba => "nisba adjective",
            Ordinary::Word => "dictionary word",
            Ordinary::AfterClitic => "dictionary word after a clitic",
        }
    }
}

/// Proclitic sequences in matching form, longest first: conjunction (و ف),
/// preposition (ب ل ك), article (ال; ل + ال is لل).
const PROCLITICS: &[&str] = &[
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل",
    "فك", "و", "ف", "ب", "ل", "ك",
];

/// Nisba endings in matching form (ة folded to ه), longest first.
const NISBA_ENDINGS: &[&str] = &["يتين", "يتان", "يين", "يون", "يان", "يات", "يه", "ي"];

/// How much [`Lexicon::reason_within`] asks of the dictionary, its costly
/// part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dictionary {
    /// Nothing.
    Skip,
    /// Whether it accepts the word: every dictionary word is reported as
    /// [`Ordinary::Word`].
    Accepts,
    /// Whether it accepts the word, and whether only after a clitic
    /// ([`Ordinary::AfterClitic`]).
    Reading,
}

/// What the dictionary says of a word's surface form, whatever a caller
/// asks ([`Lexicon::dictionary_reading`]): the costly part of
/// [`Lexicon::ordinary_reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictionaryReading {
    /// No spelling of the word (as written, with a hamza restored on the
    /// first alef of its stem, with a final ى, ي or ة restored) is a
    /// dictionary word.
    NotAWord,
    /// The first spelling the dictionary accepts is a word with no
    /// clitic peeled, or starts with no clitic letter.
    Word,
    /// The first spelling the dictionary accepts is a word only after a
    /// clitic (و ف ب ك ل أ) is peeled: فورد = ف + ورد.
    AfterClitic,
}

impl DictionaryReading {
    /// Its one-letter code in `glossaries/lexicon/forms.tsv.gz`.
    pub fn code(self) -> char {
        match self {
            DictionaryReading::NotAWord => '-',
            DictionaryReading::Word => 'w',
            DictionaryReading::AfterClitic => 'c',
        }
    }

    fn from_code(code: &str) -> Option<DictionaryReading> {
        match code {
            "-" => Some(DictionaryReading::NotAWord),
            "w" => Some(DictionaryReading::Word),
            "c" => Some(DictionaryReading::AfterClitic),
            _ => None,
        }
    }
}

/// The word forms of everyday written Arabic
/// (`glossaries/lexicon/forms.tsv.gz`: one `surface<TAB>code<TAB>band`
/// line per form, sorted by bytes): the dictionary's reading of each,
/// computed ahead by the same dictionary, so that the forms that make up
/// most of any news text are looked up instead of analysed (an analysis
/// tries every affix rule that fits and takes about 20 µs, a look-up about
/// 0.1 µs), and how common each form is, to split words written without
/// the space between them ([`Lexicon::run_together_splits`]).
struct FormTable {
    text: String,
    /// Where each form starts in `text`, its length, reading and band.
    entries: Vec<FormEntry>,
    /// Indices into `entries`, by the hash of the form: a look-up is a
    /// hash and one comparison (a binary search over the sorted lines took
    /// about six times as long, most of it in cache misses).
    by_form: hashbrown::HashTable<u32>,
    hasher: hashbrown::DefaultHashBuilder,
}

#[derive(Debug, Clone, Copy)]
struct FormEntry {
    start: u32,
    len: u16,
    /// The frequency band: a frequency of about 10^(-band/100).
    band: u16,
    reading: DictionaryReading,
}

impl FormEntry {
    /// A common form, or one the dictionary reads: one word, never split.
    fn is_one_word(&self) -> bool {
        self.band <= COMMON_FORM_BAND || self.reading != DictionaryReading::NotAWord
    }
}

impl FormTable {
    /// Reads the table; a line that is not `form<TAB>code<TAB>band` (or a
    /// `#` comment) is a defect of the embedded data.
    fn parse(text: String) -> FormTable {
        let hasher = hashbrown::DefaultHashBuilder::default();
        let mut entries = Vec::with_capacity(text.len() / 14);
        let mut hashes = Vec::with_capacity(text.len() / 14);
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let fields = line.trim_end().split_once('\t').and_then(|(f, rest)| Some((f, rest.split_once('\t')?)));
            if let Some((form, (code, band))) = fields
                && !line.starts_with('#')
            {
                let reading = DictionaryReading::from_code(code).expect("the form table's codes are w, c or -");
                let band = band.parse().expect("the form table's bands are numbers");
                entries.push(FormEntry { start: at as u32, len: form.len() as u16, band, reading });
                hashes.push(hasher.hash_one(form));
            }
            at += line.len();
        }
        // Sized ahead, the table never rehashes: `insert_unique` needs no
        // hasher.
        let mut by_form = hashbrown::HashTable::with_capacity(entries.len());
        for (i, &hash) in hashes.iter().enumerate() {
            by_form.insert_unique(hash, i as u32, |&j| hashes[j as usize]);
        }
        FormTable { text, entries, by_form, hasher }
    }

    fn form(&self, e: &FormEntry) -> &str {
        &self.text[e.start as usize..e.start as usize + usize::from(e.len)]
    }

    fn get(&self, surface: &str) -> Option<FormEntry> {
        let hash = self.hasher.hash_one(surface);
        let &i = self.by_form.find(hash, |&i| self.form(&self.entries[i as usize]) == surface)?;
        Some(self.entries[i as usize])
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// What [`Lexicon::judge`] says of one word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    /// A form of a listed proper noun ([`Lexicon::is_name`]).
    pub name: bool,
    /// Why it is ordinary Arabic ([`Lexicon::ordinary_reason`]).
    pub reason: Option<Ordinary>,
    /// [`Lexicon::foreignness`] when `reason` is a dictionary word
    /// ([`Ordinary::Word`] or [`Ordinary::AfterClitic`]), else 0.
    pub foreignness: f32,
}

impl Judgement {
    /// [`Lexicon::is_ordinary`] of the word judged.
    pub fn is_ordinary(&self) -> bool {
        match self.reason {
            None => false,
            Some(Ordinary::FunctionWord | Ordinary::Month | Ordinary::Nisba) => true,
            Some(Ordinary::Word) => self.foreignness < FOREIGN_LIKE_WORD,
            Some(Ordinary::AfterClitic) => self.foreignness < FOREIGN_LIKE_AFTER_CLITIC,
        }
    }
}

/// The Ayaspell dictionary, and the same without the prefix rules that
/// add a clitic ([`without_clitic_prefixes`]): what
/// [`Lexicon::analyse`] asks.
struct Dictionaries {
    full: spellbook::Dictionary,
    bare: spellbook::Dictionary,
}

impl Dictionaries {
    /// The dictionaries of the embedded data, parsed on first use (side
    /// by side) and shared by every thread; a thread that asks while they
    /// are being parsed waits for them.
    fn embedded() -> &'static Dictionaries {
        static LOADED: OnceLock<Dictionaries> = OnceLock::new();
        LOADED.get_or_init(|| {
            let aff = gunzip(AR_AFF_GZ);
            let dic = gunzip(AR_DIC_GZ);
            let parse =
                |aff: &str| spellbook::Dictionary::new(aff, &dic).expect("the embedded Ayaspell dictionary parses");
            std::thread::scope(|scope| {
                let bare = scope.spawn(|| parse(&without_clitic_prefixes(&aff)));
                let full = parse(&aff);
                Dictionaries { full, bare: bare.join().expect("parsing the dictionary") }
            })
        })
    }
}

/// The model of ordinary Arabic words. Build it once with
/// [`Lexicon::embedded`].
pub struct Lexicon {
    names: HashSet<String>,
    function_words: HashSet<String>,
    months: HashSet<String>,
    extra_words: HashSet<String>,
    ngrams: NgramModel,
    forms: FormTable,
}

/// Letter-trigram log-odds of names against ordinary words.
struct NgramModel {
    /// ln P(trigram | name) − ln P(trigram | ordinary word), add-½ smoothed.
    weights: HashMap<u64, f32>,
    /// The weight of a trigram seen in neither list.
    unseen: f32,
}

impl NgramModel {
    fn parse(table: &str) -> NgramModel {
        let rows: Vec<(u64, f64, f64)> = table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let key = trigram_key(f.next()?.chars())?;
                Some((key, f.next()?.parse().ok()?, f.next()?.parse().ok()?))
            })
            .collect();
        const ALPHA: f64 = 0.5;
        let v = rows.len() as f64;
        let native: f64 = rows.iter().map(|r| r.1).sum::<f64>() + ALPHA * v;
        let foreign: f64 = rows.iter().map(|r| r.2).sum::<f64>() + ALPHA * v;
        let weight = |n: f64, f: f64| (((f + ALPHA) / foreign).ln() - ((n + ALPHA) / native).ln()) as f32;
        NgramModel { weights: rows.iter().map(|&(k, n, f)| (k, weight(n, f))).collect(), unseen: weight(0.0, 0.0) }
    }

    /// Mean weight of the trigrams of `^norm$`.
    fn score(&self, norm: &str) -> f32 {
        let chars: Vec<char> = std::iter::once('^').chain(norm.chars()).chain(std::iter::once('$')).collect();
        let (mut sum, mut n) = (0.0, 0);
        for w in chars.windows(3) {
            let key = trigram_key(w.iter().copied()).unwrap_or(0);
            sum += self.weights.get(&key).copied().unwrap_or(self.unseen);
            n += 1;
        }
        if n == 0 { 0.0 } else { sum / n as f32 }
    }
}

/// Three characters packed into one integer (21 bits each).
fn trigram_key(mut chars: impl Iterator<Item = char>) -> Option<u64> {
    let mut key = 0u64;
    for _ in 0..3 {
        key = (key << 21) | chars.next()? as u64;
    }
    chars.next().is_none().then_some(key)
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("names", &self.names.len())
            .field("function_words", &self.function_words.len())
            .field("months", &self.months.len())
            .finish_non_exhaustive()
    }
}

fn gunzip(bytes: &[u8]) -> String {
    crate::text::gunzip_text(bytes).expect("the embedded lexicon is valid gzip UTF-8")
}

/// Whether `word` (any case) is a common English word of the stopword list
/// (during, other, again, hundreds is not): capitalized alone at the start
/// of a sentence, it is no name.
pub fn is_english_stopword(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET
        .get_or_init(|| EN_STOPWORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());
    word.len() <= 32 && set.contains(word.to_ascii_lowercase().as_str())
}

/// Word lists: one word a line, `#` comments; stored in matching form.
fn word_set(text: &str) -> HashSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(normalize).collect()
}

impl Lexicon {
    /// The lexicon built from the data embedded in nazir, loaded on first
    /// use and shared by every thread.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load_embedded)
    }

    fn load_embedded() -> Lexicon {
        // The dictionary's two parses take most of the load, and only the
        // words the form table lacks ask for them (a few thousand in a
        // batch of 3,000 articles, none in many a short one): they go on
        // a thread of their own, and the lexicon is ready without them.
        std::thread::spawn(|| {
            Dictionaries::embedded();
        });
        Lexicon {
            names: word_set(AR_NAMES),
            function_words: word_set(STOPWORDS),
            months: word_set(MONTHS),
            extra_words: word_set(NAZIR_WORDS),
            ngrams: NgramModel::parse(&gunzip(NGRAMS_GZ)),
            forms: FormTable::parse(gunzip(FORMS_GZ)),
        }
    }

    /// Whether `word` (raw or in matching form, one word) is ordinary
    /// Arabic rather than a name: a function word, month name or nisba
    /// adjective (see [`Lexicon::ordinary_reason`]), or a dictionary word
    /// whose letters do not look foreign ([`Lexicon::foreignness`] below
    /// [`FOREIGN_LIKE_WORD`], or [`FOREIGN_LIKE_AFTER_CLITIC`] when the
    /// word reads only as a clitic + a word). The second condition turns away the names that the
    /// dictionary accepts by splitting them into affixes (باتريك = باتري +
    /// ك, فورد = ف + ورد) at the cost of a few ordinary words.
    pub fn is_ordinary(&self, word: &str) -> bool {
        self.judge(word).is_ordinary()
    }

    /// Everything the lexicon says of `word` at once: whether it is a form
    /// of a listed name, why it is ordinary, and (for dictionary words)
    /// how foreign it looks. What a caller that asks several questions of
    /// one word computes once.
    ///
    /// The dictionary, the costly part, is not asked about a word that
    /// looks foreign enough ([`FOREIGN_LIKE_WORD`]) that no dictionary
    /// reading would make it ordinary: its `reason` is then only a function
    /// word, month or nisba, or `None`. A dictionary word that looks so
    /// little foreign ([`FOREIGN_LIKE_AFTER_CLITIC`]) that either reading
    /// makes it ordinary has the `reason` [`Ordinary::Word`]; whether it
    /// reads only after a clitic then decides only its `foreignness`.
    pub fn judge(&self, word: &str) -> Judgement {
        let name = self.is_name(word);
        let foreignness = self.foreignness(word);
        let dictionary = if foreignness >= FOREIGN_LIKE_WORD {
            Dictionary::Skip
        } else if foreignness < FOREIGN_LIKE_AFTER_CLITIC {
            Dictionary::Accepts
        } else {
            Dictionary::Reading
        };
        let reason = self.reason_within(word, dictionary);
        // The letter model learned ordinary words bare or with the article
        // only, so a clitic in front (كالظروف 0.84, بمفردات 0.63) makes a
        // word look more foreign than it is: unless the word looks foreign
        // as a whole (names a clitic reading fits: ليبرمان 1.46, فيرجينا
        // 1.20), a word the dictionary reads is as foreign as its least
        // foreign reading without its proclitics (الظروف −0.33).
        let foreignness = match reason {
            Some(Ordinary::Word | Ordinary::AfterClitic)
                if foreignness < FOREIGN_LIKE_AFTER_CLITIC && self.reads_after_clitic(word) =>
            {
                let norm = normalize(word.trim());
                strip_proclitics(&norm)
                    .filter(|stem| stem.chars().count() >= 3)
                    .map(|stem| self.ngrams.score(stem))
                    .fold(foreignness, f32::min)
            }
            Some(Ordinary::Word | Ordinary::AfterClitic) => foreignness,
            _ => 0.0,
        };
        Judgement { name, reason, foreignness }
    }

    /// Whether the dictionary reads `word` only after a clitic (بوسطن is
    /// a word as written; كالظروف is ك + الظروف).
    fn reads_after_clitic(&self, word: &str) -> bool {
        let mut surface = String::with_capacity(word.len());
        clean_surface_into(word.trim(), &mut surface);
        self.dictionary_reading(&surface) == DictionaryReading::AfterClitic
    }

    /// How foreign the letters of `word` look: the mean, over the letter
    /// trigrams of its matching form between word boundaries, of ln P(trigram
    /// | foreign name) − ln P(trigram | ordinary word), the first estimated
    /// on transliterated person names of Wikidata, the second on the stems of
    /// the dictionary (with and without the article). Around −1 for ordinary
    /// words (كثير −0.4, فشل −0.7), +2 for names (ترامب +2.2, باتريك +2.1);
    /// words with no Arabic letter score 0.
    pub fn foreignness(&self, word: &str) -> f32 {
        let norm = normalize(word.trim());
        if norm.is_empty() || !norm.chars().all(is_arabic_letter) {
            return 0.0;
        }
        self.ngrams.score(&norm)
    }

    /// Why `word` is ordinary Arabic, or `None` when it is not: a word
    /// with no Arabic letter, a form of a listed proper noun (فرنسا,
    /// وباريس, نيويورك), or a word that neither the dictionary nor the word
    /// lists account for (ترامب, وجوجل).
    ///
    /// The checks, in order: function word (alone or after و ف); month
    /// name (after any proclitics); the article + a listed name ending in ي
    /// (التشيلي) → nisba; any other form of a listed name → `None`; nisba
    /// of a listed name (الكورية from كوريا); dictionary word
    /// ([`Ordinary::Word`] or [`Ordinary::AfterClitic`]).
    pub fn ordinary_reason(&self, word: &str) -> Option<Ordinary> {
        self.reason_within(word, Dictionary::Reading)
    }

    /// Whether a word of five letters or more is two function words of
    /// two letters or more written without the space between them
    /// (بعدأن for بعد أن, "after"), as hurried text does. The stopword
    /// list has the month آب: باناب (Pohnpei) is not بان + آب.
    fn is_two_function_words(&self, norm: &str) -> bool {
        norm.chars().count() >= 5
            && norm.char_indices().skip(2).any(|(at, _)| {
                let (head, tail) = norm.split_at(at);
                tail.chars().nth(1).is_some()
                    && self.function_words.contains(head)
                    && self.function_words.contains(tail)
                    && !self.months.contains(tail)
            })
    }

    /// [`Lexicon::ordinary_reason`], asking the dictionary as much as
    /// `dictionary` says.
    fn reason_within(&self, word: &str, dictionary: Dictionary) -> Option<Ordinary> {
        let word = word.trim();
        let norm = normalize(word);
        if norm.is_empty() || !norm.chars().all(is_arabic_letter) {
            return None;
        }
        let stems = || std::iter::once(norm.as_str()).chain(strip_proclitics(&norm));
        let conj = || {
            std::iter::once(norm.as_str())
                .chain(["و", "ف"].iter().filter_map(|c| norm.strip_prefix(c).filter(|s| s.chars().count() >= 2)))
        };
        if conj().any(|s| self.function_words.contains(s)) || self.is_two_function_words(&norm) {
            return Some(Ordinary::FunctionWord);
        }
        if stems().any(|s| self.months.contains(s)) {
            return Some(Ordinary::Month);
        }
        // تشيلي takes no article as a name, so التشيلي is "the Chilean".
        let article_stems = PROCLITICS.iter().filter(|p| p.ends_with("ال") || p.ends_with("لل"));
        if article_stems.filter_map(|p| norm.strip_prefix(p)).any(|s| s.ends_with('ي') && self.names.contains(s)) {
            return Some(Ordinary::Nisba);
        }
        if self.is_name(&norm) {
            return None;
        }
        let mut surface = String::with_capacity(word.len());
        clean_surface_into(word, &mut surface);
        if stems().any(|s| self.is_place_nisba(s)) {
            return Some(Ordinary::Nisba);
        }
        if stems().any(|s| self.extra_words.contains(s)) {
            return Some(Ordinary::Word);
        }
        if dictionary == Dictionary::Skip {
            return None;
        }
        match self.dictionary_reading(&surface) {
            DictionaryReading::NotAWord => None,
            DictionaryReading::Word => Some(Ordinary::Word),
            DictionaryReading::AfterClitic if dictionary == Dictionary::Accepts => Some(Ordinary::Word),
            DictionaryReading::AfterClitic => Some(Ordinary::AfterClitic),
        }
    }

    /// What the dictionary says of `surface` (a word as written, with no
    /// marks or tatweel): looked up in the table of everyday forms
    /// ([`Lexicon::form_table_len`] of them), analysed when it is not
    /// there.
    pub fn dictionary_reading(&self, surface: &str) -> DictionaryReading {
        self.forms.get(surface).map_or_else(|| self.analyse(surface), |e| e.reading)
    }

    /// [`Lexicon::dictionary_reading`] by analysis alone, as the form
    /// table was computed (`examples/lexicon_forms.rs`).
    pub fn analyse(&self, surface: &str) -> DictionaryReading {
        let d = Dictionaries::embedded();
        match spellings(surface).find(|s| d.full.check(s)) {
            None => DictionaryReading::NotAWord,
            Some(spelling) if !spelling.starts_with(CLITIC_INITIALS) || d.bare.check(&spelling) => {
                DictionaryReading::Word
            }
            Some(_) => DictionaryReading::AfterClitic,
        }
    }

    /// Whether `surface` is one of the everyday word forms of the table
    /// (a form written Arabic uses, whatever the dictionary says of it).
    pub fn is_everyday_form(&self, surface: &str) -> bool {
        self.forms.get(surface).is_some()
    }

    /// Where `word` (one token as written) is several words run together
    /// without the spaces between them, as text copied from some sites and
    /// PDFs is (الأمريكيمايكبومبيوبمجلسالأمن for الأمريكي مايك بومبيو
    /// بمجلس الأمن): bit `k` is set when a word starts at the word's `k`-th
    /// character. 0 when it is one word.
    ///
    /// Only a word of [`RUN_TOGETHER_MIN_LETTERS`] letters or more that is
    /// neither a common form of the table nor a dictionary word is split,
    /// where the likeliest reading as a sequence of words (each a form of
    /// the table, scored by its frequency, or an unknown word of 3 to
    /// [`MAX_UNKNOWN_LETTERS`] letters, scored as rarer than any) is
    /// [`SPLIT_MARGIN`] orders of magnitude likelier than the word alone:
    /// the unigram segmentation of word-segmentation practice. No word of
    /// the split is a single letter (a clitic stays on its word) or two
    /// letters that are no function word.
    pub fn run_together_splits(&self, word: &str) -> u64 {
        // The letters, each with its character index in `word`.
        let mut letters = String::with_capacity(word.len());
        let mut at_char = Vec::with_capacity(word.len() / 2);
        for (k, c) in word.chars().enumerate() {
            if is_arabic_letter(c) {
                letters.push(c);
                at_char.push(k);
            } else if !crate::normalize::is_arabic_mark(c) && c != crate::normalize::TATWEEL {
                return 0;
            }
        }
        let n = at_char.len();
        if !(RUN_TOGETHER_MIN_LETTERS..64).contains(&n) || at_char[n - 1] >= 64 {
            return 0;
        }
        let whole = match self.forms.get(&letters) {
            Some(e) if e.is_one_word() => return 0,
            Some(e) => f32::from(e.band) / 100.0,
            // Past a dozen letters a token is ever less likely one word.
            None => unknown_word_cost(n) + 1.5 * n.saturating_sub(LONG_WORD_LETTERS) as f32,
        };
        let bytes: Vec<usize> = letters.char_indices().map(|(b, _)| b).chain(std::iter::once(letters.len())).collect();
        // best[i]: the cost of the likeliest reading of the first i letters
        // and where its last word starts.
        let mut best = vec![(f32::INFINITY, 0usize); n + 1];
        best[0].0 = 0.0;
        for end in 1..=n {
            for start in end.saturating_sub(MAX_SEGMENT_LETTERS)..end {
                let Some(cost) = self.segment_cost(&letters[bytes[start]..bytes[end]], end - start) else {
                    continue;
                };
                let total = best[start].0 + cost;
                if total < best[end].0 {
                    best[end] = (total, start);
                }
            }
        }
        if best[n].0 + SPLIT_MARGIN > whole || best[n].1 == 0 {
            return 0;
        }
        let mut mask = 0u64;
        let mut end = n;
        while end > 0 {
            let start = best[end].1;
            if start > 0 {
                mask |= 1 << at_char[start];
            }
            end = start;
        }
        // The costliest check last: a rare form the dictionary knows is one word.
        if self.dictionary_reading(&letters) != DictionaryReading::NotAWord {
            return 0;
        }
        mask
    }

    /// The cost of `segment` (`letters` long) as one word of a split:
    /// −log10 of its frequency for a form of the table, more than any form
    /// for an unknown word; `None` when it cannot be a word of its own.
    fn segment_cost(&self, segment: &str, letters: usize) -> Option<f32> {
        if letters < 2 || (letters == 2 && !self.function_words.contains(&normalize(segment))) {
            return None;
        }
        match self.forms.get(segment) {
            // Web text has words run together too (كورياالشمالية): a long
            // rare form no dictionary knows is no evidence of one word.
            Some(e) if !(e.reading == DictionaryReading::NotAWord && letters >= 9 && e.band > COMMON_FORM_BAND) => {
                Some(f32::from(e.band) / 100.0)
            }
            _ => (3..=MAX_UNKNOWN_LETTERS).contains(&letters).then(|| unknown_word_cost(letters)),
        }
    }

    /// Whether `word`, as written, is a form of the table that is one word
    /// for [`Lexicon::run_together_splits`] (a common form or a dictionary
    /// word): a look-up that answers for most long words before anything
    /// is computed.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.forms.get(word).is_some_and(|e| e.is_one_word())
    }

    /// How common `word` (as written, marks removed) is in written Arabic:
    /// its band in the table of everyday forms, a frequency of about
    /// 10^(−band/100); `None` for a form the table lacks.
    pub fn frequency_band(&self, word: &str) -> Option<u16> {
        let mut surface = String::with_capacity(word.len());
        clean_surface_into(word.trim(), &mut surface);
        self.forms.get(&surface).map(|e| e.band)
    }

    /// How many forms the table of everyday forms holds.
    pub fn form_table_len(&self) -> usize {
        self.forms.len()
    }

    /// Whether `word` is a form of a proper noun of the dictionary (its
    /// continents, countries and capitals, and the names it flags as such:
    /// نيويورك, مايكروسوفت) after any proclitics: فرنسا, وباريس, العراق.
    pub fn is_name(&self, word: &str) -> bool {
        self.name_of(word).is_some()
    }

    /// The proper noun of the dictionary that `word` is a form of (matching
    /// form, proclitics removed): بريطانيا of وبريطانيا.
    pub fn name_of(&self, word: &str) -> Option<String> {
        let norm = normalize(word.trim());
        if self.names.contains(&norm) {
            return Some(norm);
        }
        strip_proclitics(&norm).find(|s| self.names.contains(*s)).map(str::to_string)
    }

    /// Whether `stem` (matching form, proclitics removed) is a nisba
    /// adjective of a listed place: كوريه from كوريا, تشيلي from تشيلي.
    fn is_place_nisba(&self, stem: &str) -> bool {
        NISBA_ENDINGS.iter().filter_map(|e| stem.strip_suffix(e)).filter(|b| b.chars().count() >= 2).any(|base| {
            ["", "ا", "يا", "ي", "ه"].iter().any(|tail| {
                let mut place = String::with_capacity(base.len() + tail.len());
                place.push_str(base);
                place.push_str(tail);
                self.names.contains(&place)
            })
        })
    }
}

/// The spellings of `surface` to look up: itself, then with a hamza on the
/// first alef of the stem (after no proclitic or after one of
/// [`PROCLITICS`]) and with a final ى or ة for ي or ه (or ي for ى), alone
/// and combined.
fn spellings(surface: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let alef_at = std::iter::once(0)
        .chain(PROCLITICS.iter().filter(|p| surface.starts_with(**p)).map(|p| p.len()))
        .filter(|&i| surface[i..].starts_with('ا') && surface[i..].chars().count() >= 3);
    let mut alefs: Vec<Option<(usize, char)>> = vec![None];
    for i in alef_at {
        if !alefs.contains(&Some((i, 'أ'))) {
            alefs.extend([Some((i, 'أ')), Some((i, 'إ'))]);
        }
    }
    let finals: &[Option<char>] = match surface.chars().last() {
        Some('ي') => &[None, Some('ى')],
        // Egyptian and older print write a final ي as ى (المبانى, فى).
        Some('ى') => &[None, Some('ي')],
        Some('ه') => &[None, Some('ة')],
        _ => &[None],
    };
    let finals = finals.to_vec();
    alefs.into_iter().flat_map(move |a| finals.clone().into_iter().map(move |f| (a, f))).map(move |(a, f)| {
        if a.is_none() && f.is_none() {
            return std::borrow::Cow::Borrowed(surface);
        }
        let mut s = surface.to_string();
        if let Some(f) = f {
            s.pop();
            s.push(f);
        }
        if let Some((i, c)) = a {
            s.replace_range(i..i + 'ا'.len_utf8(), c.encode_utf8(&mut [0; 4]));
        }
        std::borrow::Cow::Owned(s)
    })
}

/// The affix file without the prefix rules that add a clitic (their affix
/// starts with one of [`CLITIC_INITIALS`]), each class's rule count
/// corrected.
fn without_clitic_prefixes(aff: &str) -> String {
    // A class header is `PFX flag Y|N count`; a rule is `PFX flag strip
    // add[/flags] [condition]` (some rules have no condition).
    fn fields(line: &str) -> Vec<&str> {
        line.split_whitespace().collect()
    }
    let is_header = |f: &[&str]| f.len() == 4 && f[0] == "PFX" && (f[2] == "Y" || f[2] == "N");
    let is_clitic_rule =
        |f: &[&str]| f.len() >= 4 && f[0] == "PFX" && !is_header(f) && f[3].starts_with(CLITIC_INITIALS);
    let mut kept: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in aff.lines() {
        let f = fields(line);
        if f.len() >= 4 && f[0] == "PFX" && !is_header(&f) && !is_clitic_rule(&f) {
            *kept.entry(f[1].to_string()).or_default() += 1;
        }
    }
    let mut out = String::with_capacity(aff.len());
    for line in aff.lines() {
        let f = fields(line);
        if is_clitic_rule(&f) {
            continue;
        }
        if is_header(&f) {
            out.push_str(&format!("PFX {} {} {}", f[1], f[2], kept.get(f[1]).copied().unwrap_or(0)));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The stems left by peeling proclitic sequences off `norm` (matching
/// form), keeping at least two letters.
fn strip_proclitics(norm: &str) -> impl Iterator<Item = &str> {
    PROCLITICS.iter().filter_map(move |p| norm.strip_prefix(p)).filter(|s| s.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form table is what the analysis says (it is stale when the
    /// dictionary or its spellings change without
    /// `scripts/build-lexicon-forms.sh`): checked on every 300th form.
    #[test]
    fn form_table_agrees_with_the_analysis() {
        let lex = lex();
        assert!(lex.form_table_len() > 500_000, "{} forms", lex.form_table_len());
        let mut by_code = HashMap::new();
        for e in lex.forms.entries.iter().step_by(300) {
            let (form, code) = (lex.forms.form(e), e.reading.code());
            let analysed = lex.analyse(form);
            assert_eq!(code, analysed.code(), "{form}: table says {code}, analysis {analysed:?}");
            *by_code.entry(code).or_insert(0) += 1;
        }
        // All three readings occur, so a table of one code would fail.
        assert_eq!(by_code.len(), 3, "{by_code:?}");
    }

    /// The words of `word` as [`Lexicon::run_together_splits`] splits it.
    fn split(word: &str) -> Vec<String> {
        let mask = lex().run_together_splits(word);
        let mut words = vec![String::new()];
        for (k, c) in word.chars().enumerate() {
            if mask & (1 << k) != 0 {
                words.push(String::new());
            }
            words.last_mut().expect("one word at least").push(c);
        }
        words
    }

    #[test]
    fn words_run_together_are_split_and_long_words_are_not() {
        assert_eq!(
            split("التقىالرئيسالأمريكيدونالدترامببنظيرهالفرنسي"),
            ["التقى", "الرئيس", "الأمريكي", "دونالد", "ترامب", "بنظيره", "الفرنسي"]
        );
        assert_eq!(split("وصلتشركةجوجلإلىاتفاقمعالحكومة"), ["وصلت", "شركة", "جوجل", "إلى", "اتفاق", "مع", "الحكومة"]);
        // Marks and tatweel stay inside their word.
        assert_eq!(split("أعلنتْ شركةمايكروسوفت".split(' ').nth(1).unwrap()), ["شركة", "مايكروسوفت"]);
        assert_eq!(split("أعلنتْشركةُمايكروسوفت"), ["أعلنتْ", "شركةُ", "مايكروسوفت"]);
        // Long words: inflected dictionary words (common or rare), a
        // common name, a rare name no table knows, and short words.
        for word in ["والمسؤوليات", "بالاستراتيجيات", "سلوكيهما", "ماساتشوستس", "كافاداركوف", "ترامب", "مايكروسوفت"]
        {
            assert_eq!(split(word), [word], "{word}");
        }
        // Not Arabic letters only: left alone.
        assert_eq!(split("الرئيسDonaldترامب"), ["الرئيسDonaldترامب"]);
    }

    #[test]
    fn form_table_finds_its_first_and_last_forms_and_nothing_else() {
        let table = FormTable::parse("# comment\nبا\tw\t310\nبب\t-\t700\nكتاب\tc\t420\n".to_string());
        assert_eq!(table.len(), 3);
        let got = |form: &str| table.get(form).map(|e| (e.reading, e.band));
        assert_eq!(got("با"), Some((DictionaryReading::Word, 310)));
        assert_eq!(got("بب"), Some((DictionaryReading::NotAWord, 700)));
        assert_eq!(got("كتاب"), Some((DictionaryReading::AfterClitic, 420)));
        for absent in ["ب", "بات", "ا", "كتب", "كتابة", "ي", ""] {
            assert!(table.get(absent).is_none(), "{absent}");
        }
        // Common forms of news are in the shipped table.
        for form in ["الذي", "والمسؤولين", "قال", "الحكومة"] {
            assert!(lex().forms.get(form).is_some(), "{form}");
        }
    }

    fn lex() -> &'static Lexicon {
        Lexicon::embedded()
    }

    #[test]
    fn inflected_native_words_are_ordinary() {
        for w in [
            "المسؤولين",
            "توقيع",
            "كثير",
            "مباشرة",
            "بالكاد",
            "الكثير",
            "قول",
            "الجيل",
            "بأن",
            "تم",
            "مرة",
            "الرأي",
            "سألته",
            "البلاد",
            "أدلى",
            "ليس",
            "الفئة",
            "امرأة",
            "مئات",
            "الفور",
            "فشل",
        ] {
            assert!(lex().is_ordinary(w), "{w} is ordinary");
        }
    }

    #[test]
    fn months_function_words_and_nisbas() {
        for w in ["نيسان", "آذار", "تموز", "أيلول", "كانون", "وأيلول", "يناير"] {
            assert_eq!(lex().ordinary_reason(w), Some(Ordinary::Month), "{w}");
        }
        for w in ["الإثيوبية", "التشيلي", "الفرنسي", "إندونيسي", "الكورية"] {
            assert!(lex().is_ordinary(w), "{w} is a nisba");
        }
        assert_eq!(lex().ordinary_reason("التي"), Some(Ordinary::FunctionWord));
        // Two function words run together.
        for w in ["بعدأن", "علىأن", "منذأن"] {
            assert_eq!(lex().ordinary_reason(w), Some(Ordinary::FunctionWord), "{w}");
        }
        for w in ["بايدن", "ماكرون", "هيلين", "مانويل", "باناب"] {
            assert_ne!(lex().ordinary_reason(w), Some(Ordinary::FunctionWord), "{w}");
        }
    }

    #[test]
    fn foreign_names_are_not_ordinary() {
        for w in ["ترامب", "بايدن", "ميركل", "غوتيريش", "زيلينسكي", "جوجل", "وجوجل", "مايكروسوفت", "ديبسيك", "فيتالي"]
        {
            assert!(!lex().is_ordinary(w), "{w} is a name");
        }
        // The dictionary accepts some names by splitting them into affixes,
        // with the weaker reason; their letters look foreign, so they are not
        // ordinary.
        for w in ["فينغر", "فورد", "ويلز"] {
            assert_eq!(lex().ordinary_reason(w), Some(Ordinary::AfterClitic), "{w}");
            assert!(!lex().is_ordinary(w), "{w} is a name");
        }
        assert_eq!(lex().ordinary_reason("باتريك"), Some(Ordinary::Word), "باتري + ك");
        assert!(!lex().is_ordinary("باتريك"));
    }

    #[test]
    fn foreignness_separates_names_from_words() {
        for w in ["ترامب", "زيلينسكي", "باتريك", "فورد"] {
            assert!(lex().foreignness(w) > FOREIGN_LIKE_WORD, "{w}: {}", lex().foreignness(w));
        }
        for w in ["كثير", "فشل", "والمسؤولين", "الفور"] {
            assert!(lex().foreignness(w) < 0.0, "{w}: {}", lex().foreignness(w));
        }
        assert_eq!(lex().foreignness("Google"), 0.0);
    }

    #[test]
    fn a_final_alef_maqsura_may_stand_for_ya() {
        // المبانى is المباني as Egyptian print writes it.
        assert_eq!(lex().ordinary_reason("المبانى"), Some(Ordinary::Word));
        assert_eq!(lex().analyse("المبانى"), DictionaryReading::Word);
    }

    #[test]
    fn a_clitic_makes_no_word_foreign() {
        // كالظروف and بمفردات look foreign for their clitics alone; judged
        // by their stems, they are as ordinary as الظروف and مفردات.
        for (word, stem) in [("كالظروف", "الظروف"), ("بمفردات", "مفردات"), ("ببطء", "بطء")]
        {
            let (judged, bare) = (lex().judge(word).foreignness, lex().foreignness(stem));
            assert!(lex().foreignness(word) > bare + 0.4, "{word} looks foreign by its letters");
            assert!(judged <= bare + 1e-6, "{word}: {judged} against {stem}: {bare}");
        }
        // A name that a clitic reading fits keeps its looks (ليبرمان is
        // not ل + يبرمان, "they conclude"), and so does a word the
        // dictionary reads as written (بوسطن, Boston).
        for word in ["ليبرمان", "فيرجينا", "بوسطن"] {
            assert_eq!(lex().judge(word).foreignness, lex().foreignness(word), "{word}");
        }
    }

    #[test]
    fn listed_names_are_names_in_every_spelling() {
        for w in ["بريطانيا", "فرنسا", "وفرنسا", "لفرنسا", "باريس", "وباريس", "العراق", "نيويورك", "مايكروسوفت"]
        {
            assert!(lex().is_name(w), "{w} is a name");
            assert!(!lex().is_ordinary(w), "{w} is not ordinary");
        }
    }

    #[test]
    fn clitic_readings() {
        // فشل is a stem of its own; فورد is ordinary only as ف + ورد.
        assert_eq!(lex().ordinary_reason("فشل"), Some(Ordinary::Word));
        assert_eq!(lex().ordinary_reason("فورد"), Some(Ordinary::AfterClitic));
        assert_eq!(lex().ordinary_reason("والمسؤولين"), Some(Ordinary::AfterClitic));
        assert_eq!(lex().ordinary_reason("وجوجل"), None);
        assert_eq!(lex().ordinary_reason("فيتالي"), None);
    }

    #[test]
    fn dropped_hamza_and_folded_endings() {
        for w in ["اعلنت", "الاثيوبية", "مره", "اعلان", "الانتخابات"] {
            assert!(lex().is_ordinary(w), "{w} is ordinary");
        }
    }

    #[test]
    fn raw_and_matching_forms_agree() {
        for w in ["المسؤولين", "الإثيوبية", "أدلى", "ترامب", "آذار", "مرة"] {
            assert_eq!(lex().is_ordinary(w), lex().is_ordinary(&normalize(w)), "{w}");
        }
        assert!(lex().is_ordinary("المُسْؤولِين"), "marks are ignored");
        assert!(!lex().is_ordinary("Google"));
        assert!(!lex().is_ordinary(""));
    }
}
