//! The name parts nazir knows: single words of foreign names (given names,
//! surnames, the words of company and place names) with the Arabic
//! spellings they were seen with, learned from transliteration pair lists.
//!
//! They serve the guesser twice: an Arabic word spelled exactly as a known
//! spelling has that English, and otherwise the known English words that
//! sound like it (found by the scorer's index, not by comparing every
//! word) compete with the model's own spellings, with a bonus for being a
//! real name. Common English words, which names are also made of (Google
//! *Ventures*, *Silicon Valley*), can be added with no Arabic spelling
//! ([`NameParts::add_words`]): they compete the same way. So can the words
//! of an English frequency list ([`NameParts::add_frequencies`]), which
//! hold the names English text uses (Kavanaugh, Pellegrini) and say how
//! common each spelling is: of the spellings that sound alike, English
//! news writes West far more often than Wiest.

use std::sync::OnceLock;

use hashbrown::HashMap;

use super::letters::{english_letters, english_letters_into};
use crate::normalize::normalize_into;
use crate::score::index::{CandidateIndex, Match, SearchScratch};
use crate::score::term::{ARTICLE_STRIP_PENALTY, rank_term_above};

/// The shipped name parts, `arabic<TAB>english` lines.
static SHIPPED: &[u8] = include_bytes!("../../glossaries/names/name-parts.tsv.gz");

/// Known name parts and their spellings.
#[derive(Debug)]
pub struct NameParts {
    /// Each English word as listed (lower case), in file order.
    english: Vec<Box<str>>,
    /// How many listed spellings each English word has.
    spellings: Vec<u32>,
    /// English words by the matching form of an Arabic spelling.
    by_arabic: HashMap<Box<str>, Vec<u32>>,
    /// `english[words..frequent]` are the common English words with no
    /// spelling.
    words: usize,
    /// `english[frequent..]` are the words of the frequency list that are
    /// neither listed names nor common words.
    frequent: usize,
    /// The frequency band of each English word ([`NO_BAND`] when the
    /// frequency list lacks it).
    band: Vec<u16>,
    /// The band of each spelling of the frequency list, by its letters
    /// ([`english_letters`]): the likeliest, when several words fold to
    /// the same letters (agüero, aguero).
    band_by_letters: HashMap<Box<[u8]>, u16>,
    /// Built on first use: a build that only looks spellings up never
    /// pays for it. Over `english[..frequent]`.
    index: OnceLock<CandidateIndex>,
    /// Over `english[frequent..]`, built on first use.
    frequent_index: OnceLock<CandidateIndex>,
    /// The pairs as read, for writing the file again.
    pairs: Vec<(Box<str>, u32)>,
}

/// The band of a word the frequency list lacks.
pub const NO_BAND: u16 = u16::MAX;

/// The shipped English frequency list, `word<TAB>band` lines (a band `b`
/// is a frequency of about 10^(-b/100)), most frequent first.
static SHIPPED_FREQUENCY: &[u8] = include_bytes!("../../glossaries/names/english-frequency.tsv.gz");

/// The `word<TAB>band` lines of the shipped frequency list.
fn shipped_frequencies(text: &str) -> impl Iterator<Item = (&str, u16)> {
    text.lines().map(|line| {
        let (word, band) = line.split_once('\t').expect("the shipped frequency list is word<TAB>band");
        (word, band.parse().expect("the shipped frequency bands are numbers"))
    })
}

/// The `arabic<TAB>english` pairs of a name-parts table, or the first line
/// that is not one.
fn tab_pairs(text: &str) -> Result<Vec<(&str, &str)>, String> {
    text.lines()
        .enumerate()
        .map(|(n, line)| line.split_once('\t').ok_or_else(|| format!("line {}: expected ARABIC<TAB>ENGLISH", n + 1)))
        .collect()
}

/// Whether a pair of an Arabic and an English word (lower case) makes a
/// name part: one word each, Arabic letters on one side and letters the
/// model reads on the other (Yıldırım's dotless ı is not one of them).
fn is_usable_pair(ar: &str, en: &str) -> bool {
    let single = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
    single(ar)
        && single(en)
        && ar.chars().any(crate::normalize::is_arabic_letter)
        && english_letters(en).is_some_and(|l| !l.is_empty())
}

/// The people of the default gazetteer's transliterated files, read once.
struct GazetteerPeople {
    /// Their names paired word by word (بول = paul of بول رايان = Paul
    /// Ryan), English in lower case, where a spelling has as many words as
    /// the English: the name lists lack many common given names (the
    /// development halves nazir learned from hold about half of the English
    /// words of the whole lists), and the gazetteer spells them as the news
    /// does.
    words: Vec<(Box<str>, Box<str>)>,
    /// The first word of each spelling of a name of several words, as
    /// written (marks removed, hamzas kept: بول of بول رايان).
    given_names: hashbrown::HashSet<Box<str>>,
}

fn gazetteer_people() -> &'static GazetteerPeople {
    static LOADED: OnceLock<GazetteerPeople> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut gazetteer = crate::candidates::CandidateSet::new();
        for (file, text) in crate::candidates::DEFAULT_GAZETTEER {
            if !file.ends_with("translated.csv") {
                gazetteer.add_gazetteer(text, file, false).expect("the default gazetteer is valid");
            }
        }
        let mut people = GazetteerPeople { words: Vec::new(), given_names: hashbrown::HashSet::new() };
        for person in gazetteer.terms().iter().filter(|t| t.kind == "person") {
            let en_words: Vec<&str> = person.en.split_whitespace().collect();
            for spelling in &person.arabic {
                let ar_words: Vec<&str> = spelling.split_whitespace().collect();
                if ar_words.len() > 1 {
                    let mut written = String::new();
                    crate::normalize::clean_surface_into(ar_words[0], &mut written);
                    people.given_names.insert(written.into_boxed_str());
                }
                if ar_words.len() == en_words.len() {
                    for (&a, &e) in ar_words.iter().zip(&en_words) {
                        if e.chars().all(char::is_alphabetic) {
                            people.words.push((Box::from(a), e.to_lowercase().into_boxed_str()));
                        }
                    }
                }
            }
        }
        people
    })
}

/// The given names of the people of the default gazetteer: the first word
/// of each Arabic spelling of a name of several words, as written (marks
/// removed, hamzas kept: بول of بول رايان). They are asked of words that
/// have a dictionary reading, which only the spelling as written tells
/// from the everyday word: إلسيد (Elseid) is not السيد ("Mr."), which
/// the matching form would make it. Loaded on first use.
pub fn gazetteer_given_names() -> &'static hashbrown::HashSet<Box<str>> {
    &gazetteer_people().given_names
}

/// The `arabic<TAB>english` pairs of the shipped name parts (`text`, the
/// unzipped table), then the words of the gazetteer's people.
fn shipped_pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let listed = tab_pairs(text).expect("the shipped name parts are valid");
    listed.into_iter().chain(gazetteer_people().words.iter().map(|(a, e)| (&**a, &**e)))
}

/// The text of the shipped common English words, one per line.
fn shipped_english_words() -> String {
    static WORDS: &[u8] = include_bytes!("../../glossaries/names/english-words.txt.gz");
    crate::text::gunzip_text(WORDS).expect("the shipped English words are valid")
}

impl NameParts {
    /// Builds the table from `(arabic, english)` pairs of single words;
    /// pairs with more than one word on either side, or with no Arabic or
    /// Latin letter, are left out, and repeated pairs count once.
    pub fn from_pairs<A: AsRef<str>, E: AsRef<str>>(pairs: impl IntoIterator<Item = (A, E)>) -> NameParts {
        let mut english: Vec<Box<str>> = Vec::new();
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut seen: hashbrown::HashSet<(Box<str>, u32)> = hashbrown::HashSet::new();
        let mut kept = Vec::new();
        for (ar, en) in pairs {
            let (ar, en) = (ar.as_ref().trim(), en.as_ref().trim().to_lowercase());
            if !is_usable_pair(ar, &en) {
                continue;
            }
            let id = *ids.entry(en.as_str().into()).or_insert_with(|| {
                english.push(en.as_str().into());
                english.len() as u32 - 1
            });
            if seen.insert((ar.into(), id)) {
                kept.push((Box::<str>::from(ar), id));
            }
        }
        let mut spellings = vec![0u32; english.len()];
        let mut by_arabic: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut norm = String::new();
        for (ar, id) in &kept {
            spellings[*id as usize] += 1;
            norm.clear();
            normalize_into(ar, &mut norm);
            let list = by_arabic.entry(norm.as_str().into()).or_default();
            if !list.contains(id) {
                list.push(*id);
            }
        }
        let words = english.len();
        NameParts {
            band: vec![NO_BAND; english.len()],
            english,
            spellings,
            by_arabic,
            words,
            frequent: words,
            band_by_letters: HashMap::new(),
            index: OnceLock::new(),
            frequent_index: OnceLock::new(),
            pairs: kept,
        }
    }

    /// The name parts nazir ships (`glossaries/names/name-parts.tsv.gz`),
    /// loaded on first use.
    pub fn shipped() -> &'static NameParts {
        static LOADED: OnceLock<NameParts> = OnceLock::new();
        LOADED.get_or_init(|| {
            let text = crate::text::gunzip_text(SHIPPED).expect("the shipped name parts are valid");
            let mut parts = NameParts::from_pairs(shipped_pairs(&text));
            parts.add_words(shipped_english_words().lines());
            let frequency = crate::text::gunzip_text(SHIPPED_FREQUENCY).expect("the shipped frequency list is valid");
            parts.add_frequencies(shipped_frequencies(&frequency)).expect("the shipped frequency list is valid");
            parts
        })
    }

    /// How common `word` (one word, any case) is in written English: its
    /// band in the shipped frequency list (`english-frequency.tsv.gz`, a
    /// frequency of about 10^(−band/100)), `None` when the list lacks it.
    /// Loaded on first use.
    pub fn english_band(word: &str) -> Option<u16> {
        static LOADED: OnceLock<hashbrown::HashMap<Box<str>, u16>> = OnceLock::new();
        let bands = LOADED.get_or_init(|| {
            let text = crate::text::gunzip_text(SHIPPED_FREQUENCY).expect("the shipped frequency list is valid");
            shipped_frequencies(&text).map(|(w, band)| (Box::from(w), band)).collect()
        });
        bands.get(crate::candidates::fold_key(word).as_str()).copied()
    }

    /// Whether `word`, in lower case, is a common English word of the
    /// shipped list (`glossaries/names/english-words.txt.gz`, SCOWL): Rating,
    /// Bard, Them. The list is loaded on first use.
    pub fn is_common_english_word(word: &str) -> bool {
        static LOADED: OnceLock<hashbrown::HashSet<Box<str>>> = OnceLock::new();
        let words = LOADED.get_or_init(|| shipped_english_words().lines().map(|w| Box::from(w.trim())).collect());
        words.contains(word.to_lowercase().as_str())
    }

    /// The Arabic spellings of the shipped name parts alone, in matching
    /// form, each with its English when the lists give it one only (`None`
    /// when they give several: كريس is Chris, Cris, Kreis): what a build
    /// without `--guess` asks ([`NameParts::shipped`] costs three times
    /// the time and memory to load).
    pub fn shipped_spellings() -> &'static HashMap<Box<str>, Option<Box<str>>> {
        static LOADED: OnceLock<HashMap<Box<str>, Option<Box<str>>>> = OnceLock::new();
        LOADED.get_or_init(|| {
            let text = crate::text::gunzip_text(SHIPPED).expect("the shipped name parts are valid");
            let mut norm = String::new();
            let mut map: HashMap<Box<str>, Option<Box<str>>> = HashMap::new();
            for (ar, en) in shipped_pairs(&text) {
                if !is_usable_pair(ar.trim(), &en.trim().to_lowercase()) {
                    continue;
                }
                norm.clear();
                normalize_into(ar, &mut norm);
                // Spellings of one name that differ only in accents
                // (aguero, agüero) are one English.
                let fold = crate::candidates::fold_key;
                map.entry(Box::from(norm.as_str()))
                    .and_modify(|only| {
                        if only.as_deref().map(fold) != Some(fold(en)) {
                            *only = None;
                        }
                    })
                    .or_insert_with(|| Some(Box::from(en)));
            }
            map
        })
    }

    /// Adds common English words (lower case, letters only; others are left
    /// out) as name parts with no Arabic spelling: words already listed as
    /// names stay names. Called before
    /// [`add_frequencies`](Self::add_frequencies).
    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        assert_eq!(self.frequent, self.english.len(), "common words are added before the frequency list");
        let mut listed: hashbrown::HashSet<Box<str>> = self.english.iter().cloned().collect();
        for word in words {
            let word = word.trim();
            if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase()) && listed.insert(word.into()) {
                self.english.push(word.into());
                self.spellings.push(0);
                self.band.push(NO_BAND);
            }
        }
        self.frequent = self.english.len();
        self.index = OnceLock::new();
    }

    /// Adds an English frequency list, `(word, band)` with a band `b` for a
    /// frequency of about 10^(-b/100): listed names and common words get
    /// their band, and the other words are added as words of the list, to
    /// be found by sound ([`near_frequent`](Self::near_frequent)). Words
    /// that are not lower-case letters are an error (named by position);
    /// words with letters the guesser never writes are left out.
    pub fn add_frequencies<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, u16)>) -> Result<(), String> {
        // Looked up by the words as listed, before any is added: the ids
        // of new words are where they will be pushed.
        let words: Vec<(&'w str, u16)> = words.into_iter().collect();
        let mut bands: Vec<(usize, u16)> = Vec::with_capacity(words.len());
        let mut added: Vec<&'w str> = Vec::with_capacity(words.len());
        self.band_by_letters.reserve(words.len());
        {
            let mut ids: HashMap<&str, usize> = HashMap::with_capacity(self.english.len() + words.len());
            ids.extend(self.english.iter().enumerate().map(|(id, en)| (&**en, id)));
            let mut letters = Vec::new();
            for (n, (word, band)) in words.into_iter().enumerate() {
                let word = word.trim();
                if word.is_empty() || !word.chars().all(char::is_lowercase) {
                    return Err(format!("word {}: `{word}` is not a lower-case word", n + 1));
                }
                // Letters the model never writes (the ð of sigurðsson) leave
                // the word out: no guess can spell it.
                if !english_letters_into(word, &mut letters) {
                    continue;
                }
                let next = self.english.len() + added.len();
                let id = *ids.entry(word).or_insert_with(|| {
                    added.push(word);
                    next
                });
                bands.push((id, band));
                match self.band_by_letters.get_mut(letters.as_slice()) {
                    Some(known) => *known = (*known).min(band),
                    None => {
                        self.band_by_letters.insert(letters.as_slice().into(), band);
                    }
                }
            }
        }
        for word in added {
            self.english.push(word.into());
            self.spellings.push(0);
            self.band.push(NO_BAND);
        }
        for (id, band) in bands {
            self.band[id] = self.band[id].min(band);
        }
        self.frequent_index = OnceLock::new();
        Ok(())
    }

    /// Builds the indexes the searches by sound use ([`near`](Self::near),
    /// [`near_frequent`](Self::near_frequent)), both at once, so that the
    /// first searches do not wait for one after the other.
    pub fn prepare_search(&self) {
        rayon::join(|| self.names_index(), || self.frequent_words_index());
    }

    /// The index of the listed names and common words, built on first use.
    fn names_index(&self) -> &CandidateIndex {
        self.index.get_or_init(|| CandidateIndex::new(&self.english[..self.frequent]))
    }

    /// The index of the words only the frequency list gives, built on
    /// first use.
    fn frequent_words_index(&self) -> &CandidateIndex {
        self.frequent_index.get_or_init(|| CandidateIndex::new(&self.english[self.frequent..]))
    }

    /// Whether entry `id` is a common English word added by
    /// [`add_words`](Self::add_words), not a listed name.
    pub fn is_word(&self, id: usize) -> bool {
        (self.words..self.frequent).contains(&id)
    }

    /// Whether entry `id` was added by the frequency list alone
    /// ([`add_frequencies`](Self::add_frequencies)).
    pub fn is_frequent_only(&self, id: usize) -> bool {
        id >= self.frequent
    }

    /// The frequency band of the English spelled with these letters
    /// (lower case, accents dropped), if the frequency list has it.
    pub fn band_of_letters(&self, letters: &[u8]) -> Option<u16> {
        self.band_by_letters.get(letters).copied()
    }

    /// Reads the table written by [`NameParts::to_text`] (gzip-compressed
    /// or not): one `arabic<TAB>english` pair per line.
    pub fn from_bytes(bytes: &[u8]) -> Result<NameParts, String> {
        let text = crate::text::gunzip_text(bytes).map_err(|e| format!("the name parts are {e}"))?;
        Ok(NameParts::from_pairs(tab_pairs(&text)?))
    }

    /// Orders the English of each Arabic spelling by `score` (highest
    /// first; ties: alphabetical), which makes the first the one
    /// [`best_known`](Self::best_known) returns, and the pairs by Arabic
    /// spelling. `score` gets the Arabic, the English and how many
    /// spellings the English is listed with.
    pub fn rank(&mut self, score: impl Fn(&str, &str, u32) -> f64) {
        let mut scored: Vec<(Box<str>, f64, u32)> = std::mem::take(&mut self.pairs)
            .into_iter()
            .map(|(ar, id)| {
                let s = score(&ar, &self.english[id as usize], self.spellings[id as usize]);
                (ar, s, id)
            })
            .collect();
        scored.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.total_cmp(&a.1))
                .then_with(|| self.english[a.2 as usize].cmp(&self.english[b.2 as usize]))
        });
        let pairs: Vec<(&str, &str)> = scored.iter().map(|(ar, _, id)| (&**ar, &*self.english[*id as usize])).collect();
        *self = NameParts::from_pairs(pairs);
    }

    /// The table as text, one pair per line, in order (see
    /// [`rank`](Self::rank)).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (ar, id) in &self.pairs {
            let en = &*self.english[*id as usize];
            out.push_str(ar);
            out.push('\t');
            out.push_str(en);
            out.push('\n');
        }
        out
    }

    /// Number of English words.
    pub fn len(&self) -> usize {
        self.english.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.english.is_empty()
    }

    /// English word `id`, as listed (lower case).
    pub fn english(&self, id: usize) -> &str {
        &self.english[id]
    }

    /// How many Arabic spellings of word `id` are listed.
    pub fn spellings(&self, id: usize) -> u32 {
        self.spellings[id]
    }

    /// The words listed with exactly this Arabic spelling (compared in the
    /// matching form, so hamza seats do not matter).
    pub fn known(&self, arabic: &str, norm: &mut String) -> &[u32] {
        norm.clear();
        normalize_into(arabic, norm);
        self.by_arabic.get(norm.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The English listed first for exactly this Arabic spelling (the
    /// likeliest, once the table is [ranked](Self::rank)), and one over
    /// the number of Englishes listed for it.
    pub fn best_known(&self, arabic: &str, norm: &mut String) -> Option<(u32, f32)> {
        let known = self.known(arabic, norm);
        known.first().map(|&id| (id, 1.0 / known.len() as f32))
    }

    /// The `k` words that sound likest the Arabic word by the scorer, with
    /// a score of at least `min_score`.
    pub fn near(&self, arabic: &str, k: usize, min_score: f32, scratch: &mut SearchScratch, out: &mut Vec<Match>) {
        near_in(self.names_index(), 0, arabic, k, min_score, scratch, out);
    }

    /// Like [`near`](Self::near), among the words only the frequency list
    /// gives ([`is_frequent_only`](Self::is_frequent_only)); a separate
    /// search, so that its many words do not crowd out the names.
    pub fn near_frequent(
        &self,
        arabic: &str,
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        near_in(self.frequent_words_index(), self.frequent, arabic, k, min_score, scratch, out);
    }
}

/// The best `k` of `index` for `arabic` scored at least `min_score`, their
/// ids moved by `offset` (where the index's words start in the table).
fn near_in(
    index: &CandidateIndex,
    offset: usize,
    arabic: &str,
    k: usize,
    min_score: f32,
    scratch: &mut SearchScratch,
    out: &mut Vec<Match>,
) {
    rank_term_above(index, arabic, k, min_score, ARTICLE_STRIP_PENALTY, scratch, out);
    for m in out.iter_mut() {
        m.term += offset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_spellings_are_those_of_the_shipped_name_parts() {
        let (spellings, parts, mut norm) = (NameParts::shipped_spellings(), NameParts::shipped(), String::new());
        assert_eq!(spellings.len(), parts.by_arabic.len());
        for word in ["فيتالي", "بيرنز", "روبرتس"] {
            assert!(spellings.contains_key(crate::normalize::normalize(word).as_str()), "{word}");
            assert!(!parts.known(word, &mut norm).is_empty(), "{word}");
        }
        assert!(!spellings.contains_key("قال"));
        assert_eq!(spellings.get("ترامب"), Some(&Some("trump".into())));
        assert_eq!(spellings.get("كريس"), Some(&None));
        assert!(spellings.get("اغويرو").is_some_and(Option::is_some), "aguero and agüero are one name");
        // Given names the lists lack come from the gazetteer's people.
        assert!(parts.known("بول", &mut norm).iter().any(|&id| parts.english(id as usize) == "paul"));
        assert!(gazetteer_given_names().contains("بول") && !gazetteer_given_names().contains("كروغمان"));
    }

    #[test]
    fn known_spellings_and_sound_alikes() {
        let parts = NameParts::from_pairs([
            ("بيليغريني", "Pellegrini"),
            ("بيلغريني", "pellegrini"),
            ("مانويل", "manuel"),
            ("فينغر", "wenger"),
            ("جون سميث", "john smith"),
        ]);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.spellings(0), 2);
        let mut norm = String::new();
        assert_eq!(parts.known("بيلغريني", &mut norm), &[0]);
        assert!(parts.known("سميث", &mut norm).is_empty());
        assert_eq!(parts.best_known("بيليغريني", &mut norm), Some((0, 1.0)));
        assert_eq!(parts.best_known("سميث", &mut norm), None);
        let (mut scratch, mut out) = (SearchScratch::default(), Vec::new());
        parts.near("فنغر", 2, 0.5, &mut scratch, &mut out);
        assert_eq!(parts.english(out[0].term), "wenger");
        let mut with_words = NameParts::from_bytes(parts.to_text().as_bytes()).unwrap();
        with_words.add_words(["ventures", "wenger", "R2D2", "capital"]);
        assert_eq!(with_words.len(), 5);
        assert!(!with_words.is_word(2) && with_words.is_word(3) && with_words.english(3) == "ventures");
        with_words.near("فنتشرز", 1, 0.5, &mut scratch, &mut out);
        assert_eq!(with_words.english(out[0].term), "ventures");
        let again = NameParts::from_bytes(parts.to_text().as_bytes()).unwrap();
        assert_eq!(again.to_text(), parts.to_text());
        assert!(NameParts::from_bytes(b"x").unwrap_err().starts_with("line 1"));
    }

    #[test]
    fn a_frequency_list_gives_bands_and_words_found_by_sound() {
        let mut parts = NameParts::from_pairs([("مانويل", "manuel"), ("ويست", "wiest")]);
        parts.add_words(["west"]);
        parts
            .add_frequencies([("west", 371), ("manuel", 540), ("kavanaugh", 588), ("sigurðsson", 790), ("agüero", 665)])
            .unwrap();
        let id = |en: &str| (0..parts.len()).find(|&i| parts.english(i) == en).unwrap();
        assert!(!parts.is_word(id("manuel")) && !parts.is_frequent_only(id("manuel")));
        assert!(parts.is_word(id("west")) && !parts.is_frequent_only(id("west")));
        assert!(parts.is_frequent_only(id("kavanaugh")));
        assert_eq!(parts.band_of_letters(b"west"), Some(371));
        assert_eq!(parts.band_of_letters(b"aguero"), Some(665), "accents fold");
        assert_eq!(parts.band_of_letters(b"wiest"), None);
        assert!((0..parts.len()).all(|i| parts.english(i) != "sigurðsson"), "a letter no guess writes");
        let (mut scratch, mut out) = (SearchScratch::default(), Vec::new());
        parts.near_frequent("كافانو", 3, 0.8, &mut scratch, &mut out);
        assert_eq!(parts.english(out[0].term), "kavanaugh");
        parts.near("كافانو", 3, 0.8, &mut scratch, &mut out);
        assert!(out.iter().all(|m| parts.english(m.term) != "kavanaugh"), "the lists' own search stays apart");
        let err = parts.add_frequencies([("west", 1), ("West", 2)]).unwrap_err();
        assert!(err.starts_with("word 2: `West`"), "{err}");
    }
}
