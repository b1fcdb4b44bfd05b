//! English candidates: the terms an Arabic span can be aligned with.
//!
//! They come from term lists (`--english`), the Latin-script names found in
//! the batch itself, the English text of parallel JSONL articles
//! (capitalized phrases and acronyms), and gazetteers: the default one
//! shipped in `glossaries/` and embedded in the binary, and any extra
//! `--gazetteer` CSV. A gazetteer also gives known Arabic spellings, which
//! are looked up exactly before any scoring, and the entity kind.
//! Candidates are deduplicated case-insensitively; the first spelling from
//! the most trusted source wins.
//!
//! The candidates a batch supplies itself are first gathered as
//! [`BatchCandidates`]: every spelling with the number of times it was met,
//! as a Latin name and in English text. They are added to the set in a
//! canonical way (`BatchCandidates::add_to`): ordered by `fold_key`,
//! and of the spellings that fold alike the most frequent one is kept (ties:
//! the smallest string). The candidate set, and so every term index and
//! tie-break, is then the same however the batch is split into shards, as
//! long as the shards' [`BatchCandidates`] are merged first
//! ([`BatchCandidates::merge`], a sum of counts).

use crate::error::{Error, InputProblem, Result};
use crate::normalize::normalize;
use hashbrown::HashMap;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a candidate came from (a candidate can have several origins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origins {
    /// Given in a term list.
    pub list: bool,
    /// Written in Latin letters inside the Arabic text.
    pub latin: bool,
    /// Found in the English text of a parallel article.
    pub english_text: bool,
    /// From a gazetteer.
    pub gazetteer: bool,
}

/// One English candidate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    /// The English term as it will appear in the glossary.
    pub en: String,
    /// Entity kind when known (person, org, location, product, other).
    pub kind: String,
    /// Where it came from.
    pub origins: Origins,
    /// Known Arabic spellings from gazetteers (as written).
    pub arabic: Vec<String>,
    /// The Arabic is a translation, not a transliteration: the term is
    /// matched by exact look-up only.
    pub translated: bool,
    /// For a surname that a build takes from the full name of a gazetteer
    /// person (ترامب of دونالد ترامب), that person's term.
    pub surname_of: Option<usize>,
}

/// The default gazetteer files, embedded at build time.
pub const DEFAULT_GAZETTEER: &[(&str, &str)] = &[
    ("glossaries/tech.csv", include_str!("../glossaries/tech.csv")),
    ("glossaries/business.csv", include_str!("../glossaries/business.csv")),
    ("glossaries/media.csv", include_str!("../glossaries/media.csv")),
    ("glossaries/people.csv", include_str!("../glossaries/people.csv")),
    ("glossaries/places.csv", include_str!("../glossaries/places.csv")),
    ("glossaries/sports.csv", include_str!("../glossaries/sports.csv")),
    ("glossaries/translated.csv", include_str!("../glossaries/translated.csv")),
    ("glossaries/cldr-translated.csv", include_str!("../glossaries/cldr-translated.csv")),
    ("glossaries/geonames-translated.csv", include_str!("../glossaries/geonames-translated.csv")),
    ("glossaries/extended-exact.csv", include_str!("../glossaries/extended-exact.csv")),
];

/// Whether a default gazetteer file is matched by exact spelling only: the
/// translations and exonyms (`*translated.csv`), and the transliterated
/// names of `*-exact.csv`, less often in the news, whose search by sound
/// would cost every span of a batch more than it finds. A name of either
/// that a list, the batch's Latin letters or an article's English also
/// offers is matched by sound too; and any of them by a spelling with the
/// same sounds as a listed one (see `Aligner::variant_verdict`).
pub fn is_exact_only_file(path: &str) -> bool {
    path.ends_with("translated.csv") || path.ends_with("-exact.csv")
}

/// The places of the default gazetteer, whether or not a run uses it:
/// what the shipped data knows a place's Arabic name to mean (كوريا is
/// Korea). Built on first use.
struct ShippedPlaces {
    /// Matching-form Arabic spelling → folded English names ([`fold_key`]).
    by_arabic: HashMap<String, Vec<String>>,
    /// Every place's folded English name.
    english: hashbrown::HashSet<String>,
}

fn shipped_places() -> &'static ShippedPlaces {
    static PLACES: std::sync::OnceLock<ShippedPlaces> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        let mut set = CandidateSet::new();
        // The shipped files are checked by the tests; a row that did not
        // parse would only make these maps smaller.
        let _ = set.add_default_gazetteer();
        let mut places = ShippedPlaces { by_arabic: HashMap::new(), english: hashbrown::HashSet::new() };
        for term in set.terms.iter().filter(|t| t.kind == "location") {
            let en = fold_key(&term.en);
            for form in &term.arabic {
                let names = places.by_arabic.entry(normalize(form)).or_default();
                if !names.contains(&en) {
                    names.push(en.clone());
                }
            }
            places.english.insert(en);
        }
        places
    })
}

/// The English names (folded, [`fold_key`]) of the places of the default
/// gazetteer written `ar` (matching form).
pub(crate) fn shipped_place_names(ar: &str) -> Option<&'static [String]> {
    shipped_places().by_arabic.get(ar).map(Vec::as_slice)
}

/// Whether `en` is the English name of a place of the default gazetteer
/// (Holland, the city, as well as the Netherlands).
pub(crate) fn is_shipped_place(en: &str) -> bool {
    shipped_places().english.contains(&fold_key(en))
}

/// The set of candidates of a run.
#[derive(Debug, Clone, Default)]
pub struct CandidateSet {
    terms: Vec<Candidate>,
    by_folded: HashMap<String, usize>,
}

/// The entity kinds a glossary row may carry.
pub const KINDS: &[&str] = &["person", "org", "location", "product", "other"];

impl CandidateSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The candidates.
    pub fn terms(&self) -> &[Candidate] {
        &self.terms
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there is no candidate.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The candidate with this English term (case-insensitive).
    pub fn find(&self, en: &str) -> Option<usize> {
        self.by_folded.get(&fold_key(en)).copied()
    }

    /// Adds a term (or finds it) and returns its index.
    pub fn add(&mut self, en: &str, mark: impl FnOnce(&mut Origins)) -> Option<usize> {
        let en = en.trim();
        if en.is_empty() {
            return None;
        }
        let key = fold_key(en);
        if key.is_empty() {
            return None;
        }
        let idx = match self.by_folded.get(&key) {
            Some(&i) => i,
            None => {
                self.terms.push(Candidate { en: en.to_string(), ..Candidate::default() });
                self.by_folded.insert(key, self.terms.len() - 1);
                self.terms.len() - 1
            }
        };
        mark(&mut self.terms[idx].origins);
        Some(idx)
    }

    /// Adds every non-empty line of a term list (`#` starts a comment line).
    pub(crate) fn add_list(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                self.add(line, |o| o.list = true);
            }
        }
    }

    /// Adds a gazetteer CSV (`en,ar` columns required, `variants` and `kind`
    /// optional). `translated` marks every row as a translation.
    pub(crate) fn add_gazetteer(&mut self, csv_text: &str, path: &str, translated: bool) -> Result<usize> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv_text.as_bytes());
        let problem = |line: Option<usize>, reason: String| {
            Error::Data(InputProblem { path: path.to_string(), line, byte_offset: None, reason })
        };
        let headers = reader.headers().map_err(|e| problem(Some(1), e.to_string()))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
        let (Some(en_col), Some(ar_col)) = (col("en"), col("ar")) else {
            return Err(problem(Some(1), "the header needs `en` and `ar` columns".into()));
        };
        let (var_col, kind_col) = (col("variants"), col("kind"));
        let mut added = 0;
        for row in reader.records() {
            let row = row.map_err(|e| problem(e.position().map(|p| p.line() as usize), e.to_string()))?;
            let line = row.position().map(|p| p.line() as usize);
            let en = row.get(en_col).unwrap_or("").trim();
            let ar = row.get(ar_col).unwrap_or("").trim();
            if en.is_empty() || ar.is_empty() {
                return Err(problem(line, "empty `en` or `ar`".into()));
            }
            let Some(idx) = self.add(en, |o| o.gazetteer = true) else {
                continue;
            };
            let term = &mut self.terms[idx];
            let variants = var_col.and_then(|c| row.get(c)).unwrap_or("");
            for form in std::iter::once(ar).chain(variants.split('|').map(str::trim).filter(|v| !v.is_empty())) {
                if !term.arabic.iter().any(|a| a == form) {
                    term.arabic.push(form.to_string());
                }
            }
            let kind = kind_col.and_then(|c| row.get(c)).map(str::trim).unwrap_or("");
            if term.kind.is_empty() && !kind.is_empty() {
                term.kind = kind.to_string();
            }
            term.translated |= translated;
            added += 1;
        }
        Ok(added)
    }

    /// Adds the default gazetteer shipped with nazir.
    pub(crate) fn add_default_gazetteer(&mut self) -> Result<usize> {
        let mut n = 0;
        for (path, text) in DEFAULT_GAZETTEER {
            n += self.add_gazetteer(text, path, is_exact_only_file(path))?;
        }
        Ok(n)
    }

    /// Adds the surname of every gazetteer person as a term of its own:
    /// news names a person in full once and by the surname after that
    /// (دونالد ترامب, then ترامب alone), and the surname's pair is as sure
    /// as the full name's. The surname is the last English word (a
    /// hyphenated one counts its parts) with as many last Arabic words,
    /// taken only from spellings with one Arabic word per English word
    /// part, so that Xi Jinping (شي جين بينغ) gives nothing rather than a
    /// wrong half. Suffixes (Jr.), initials and two-letter words are not
    /// surnames, nor Arabic of fewer than four letters (دين, Jeff Dean's,
    /// is "religion") or a word of another name (بوست, Justin Post's, is
    /// the Post of واشنطن بوست); a surname that is already a term, or
    /// whose Arabic is already known, is left as it is. Returns the number of surnames
    /// added. Called once, after every gazetteer is loaded.
    pub(crate) fn add_surnames_of_people(&mut self) -> usize {
        let mut known_arabic = self.arabic_lookup();
        // What each word of a many-word gazetteer spelling stands for: the
        // English word at its place in a person's name (`Some`), or a part
        // of some other name (`None`). A surname whose Arabic stands for
        // anything else somewhere (بوست of واشنطن بوست, ويست of ويست هام,
        // جون of Lei Jun and of John Kennedy) is no surname alone.
        let mut name_words: HashMap<String, Option<&str>> = HashMap::new();
        for t in &self.terms {
            let english: Vec<&str> = t.en.split(' ').collect();
            for a in t.arabic.iter().filter(|a| a.contains(' ')) {
                let norm = normalize(a);
                let arabic: Vec<&str> = norm.split_whitespace().collect();
                if t.kind == "person" && arabic.len() != english.len() {
                    continue;
                }
                for (k, w) in arabic.iter().enumerate() {
                    let role = if t.kind == "person" { Some(english[k]) } else { None };
                    name_words
                        .entry(w.to_string())
                        .and_modify(|r| *r = r.filter(|&en| Some(en) == role))
                        .or_insert(role);
                }
            }
        }
        let mut surnames: Vec<(String, Vec<String>, bool, usize)> = Vec::new();
        for (person, term) in self.terms.iter().enumerate().filter(|(_, t)| t.origins.gazetteer && t.kind == "person") {
            let words: Vec<&str> = term.en.split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            // A surname particle belongs to the surname: Kevin De Bruyne's
            // is De Bruyne (دي بروين), Marc-André ter Stegen's ter Stegen.
            let particle =
                words.len() >= 3 && SURNAME_PARTICLES.contains(&words[words.len() - 2].to_lowercase().as_str());
            let surname_words = if particle { 2 } else { 1 };
            let Some((space, _)) = term.en.match_indices(' ').nth_back(surname_words - 1) else {
                continue;
            };
            let last = &term.en[space + 1..];
            let parts_before = words.iter().map(|w| w.split('-').count()).sum::<usize>();
            let last_parts = last.split([' ', '-']).count();
            let letters = last.chars().filter(|c| c.is_alphabetic()).count();
            // Jae-in, Jong-un: a Korean given name, after the surname.
            let given_after_surname = last.split('-').skip(1).any(|p| p.starts_with(|c: char| c.is_lowercase()));
            if letters < 3 || last.ends_with('.') || SURNAME_SUFFIXES.contains(&last) || given_after_surname {
                continue;
            }
            let mut spellings = Vec::new();
            for ar in &term.arabic {
                let words: Vec<&str> = ar.split_whitespace().collect();
                if words.len() != parts_before {
                    continue;
                }
                let surname = words[words.len() - last_parts..].join(" ");
                let of_another = !surname.contains(' ')
                    && name_words.get(&normalize(&surname)).is_some_and(|role| *role != Some(last));
                if surname.chars().count() >= MIN_SURNAME_LETTERS && !of_another && !spellings.contains(&surname) {
                    spellings.push(surname);
                }
            }
            if !spellings.is_empty() {
                surnames.push((last.to_string(), spellings, term.translated, person));
            }
        }
        drop(name_words);
        let mut added = 0;
        for (en, spellings, translated, person) in surnames {
            let fresh: Vec<String> =
                spellings.into_iter().filter(|s| !known_arabic.contains_key(&normalize(s))).collect();
            if fresh.is_empty() {
                continue;
            }
            // An existing term stays as it is unless it is a gazetteer
            // person of the same matching (Ford the company is no surname).
            let existing = self.find(&en);
            if existing.is_some_and(|i| {
                let t = &self.terms[i];
                (!t.kind.is_empty() && t.kind != "person") || !t.origins.gazetteer || t.translated != translated
            }) {
                continue;
            }
            let Some(idx) = self.add(&en, |o| o.gazetteer = true) else {
                continue;
            };
            let term = &mut self.terms[idx];
            if existing.is_none() {
                term.kind = "person".to_string();
                term.translated = translated;
                term.surname_of = Some(person);
                added += 1;
            }
            for s in fresh {
                known_arabic.insert(normalize(&s), idx);
                term.arabic.push(s);
            }
        }
        added
    }

    /// Adds a gazetteer CSV file from disk.
    pub(crate) fn add_gazetteer_file(&mut self, path: &Path) -> Result<usize> {
        let text = crate::text::read_file(path)?;
        self.add_gazetteer(&text, &path.to_string_lossy(), false)
    }

    /// Adds a term list file from disk.
    pub(crate) fn add_list_file(&mut self, path: &Path) -> Result<()> {
        self.add_list(&crate::text::read_file(path)?);
        Ok(())
    }

    /// Every known Arabic spelling, in matching form, with its candidate.
    pub(crate) fn arabic_lookup(&self) -> hashbrown::HashMap<String, usize> {
        let mut map = hashbrown::HashMap::new();
        for (i, t) in self.terms.iter().enumerate() {
            for form in &t.arabic {
                map.entry(normalize(form)).or_insert(i);
            }
        }
        map
    }

    /// Adds a candidate with its English term and kind only (no origin,
    /// no Arabic spelling), or finds it; returns its index. Used to rebuild
    /// the terms a sharded run's statistics refer to.
    pub(crate) fn add_term(&mut self, en: &str, kind: &str) -> Option<usize> {
        let idx = self.add(en, |_| {})?;
        if self.terms[idx].kind.is_empty() {
            self.terms[idx].kind = kind.to_string();
        }
        Some(idx)
    }

    /// A short digest of everything alignment depends on in this set: the
    /// terms in order with their kinds, origins, known Arabic spellings and
    /// translated flag (`COUNT:HASH`, a 64-bit FNV-1a hash). Two runs whose
    /// sets have the same fingerprint align alike; sharded runs compare it.
    pub(crate) fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        for t in &self.terms {
            feed(t.en.as_bytes());
            feed(b"\x1f");
            feed(t.kind.as_bytes());
            let o = &t.origins;
            feed(&[0x1f, o.list as u8, o.latin as u8, o.english_text as u8, o.gazetteer as u8, t.translated as u8]);
            if let Some(person) = t.surname_of {
                feed(&(person as u64).to_le_bytes());
            }
            for a in &t.arabic {
                feed(b"\x1f");
                feed(a.as_bytes());
            }
            feed(b"\x1e");
        }
        format!("{}:{hash:016x}", self.terms.len())
    }
}

/// How often one spelling of a batch-derived candidate was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpellingCounts {
    /// As a Latin-script name in the Arabic text.
    pub latin: u64,
    /// As a capitalized phrase of parallel English text (once per article).
    pub english_text: u64,
}

impl SpellingCounts {
    /// Both counts together.
    pub fn total(self) -> u64 {
        self.latin + self.english_text
    }
}

/// The candidates a batch supplies itself, by spelling, with counts: what
/// the first pass of a build collects and `nazir scan` writes. Merging two
/// (a sum per spelling) is associative and commutative, and
/// `BatchCandidates::add_to` depends only on the merged counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchCandidates {
    spellings: BTreeMap<String, SpellingCounts>,
}

impl BatchCandidates {
    /// None yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of distinct spellings.
    pub fn len(&self) -> usize {
        self.spellings.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    /// Adds `counts` to the spelling `en` (trimmed; ignored when it has
    /// nothing a term could be keyed on).
    pub(crate) fn add_counts(&mut self, en: &str, counts: SpellingCounts) {
        let en = en.trim();
        if fold_key(en).is_empty() {
            return;
        }
        let c = self.spellings.entry(en.to_string()).or_default();
        c.latin += counts.latin;
        c.english_text += counts.english_text;
    }

    /// Counts a Latin-script name met in the Arabic text.
    pub(crate) fn add_latin(&mut self, en: &str) {
        self.add_counts(en, SpellingCounts { latin: 1, english_text: 0 });
    }

    /// Counts a phrase of parallel English text.
    pub(crate) fn add_english(&mut self, en: &str) {
        self.add_counts(en, SpellingCounts { latin: 0, english_text: 1 });
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: BatchCandidates) {
        if self.spellings.is_empty() {
            self.spellings = other.spellings;
            return;
        }
        for (en, counts) in other.spellings {
            self.add_counts(&en, counts);
        }
    }

    /// The spellings with their counts, in byte order.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, SpellingCounts)> {
        self.spellings.iter().map(|(s, c)| (s.as_str(), *c))
    }

    /// Adds the candidates to `set`, canonically: one per [`fold_key`], in
    /// key order, spelled as the most frequent spelling (ties: the smallest
    /// string) unless `set` already has the term (its spelling stays), and
    /// marked `latin` and `english_text` as met.
    pub(crate) fn add_to(&self, set: &mut CandidateSet) {
        let mut groups: BTreeMap<String, (&str, SpellingCounts, SpellingCounts)> = BTreeMap::new();
        for (en, &counts) in &self.spellings {
            match groups.entry(fold_key(en)) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert((en.as_str(), counts, counts));
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let (best, best_counts, all) = o.get_mut();
                    // Spellings come in byte order: a later one wins only
                    // when it is strictly more frequent.
                    if counts.total() > best_counts.total() {
                        *best = en.as_str();
                        *best_counts = counts;
                    }
                    all.latin += counts.latin;
                    all.english_text += counts.english_text;
                }
            }
        }
        for (best, _, all) in groups.into_values() {
            set.add(best, |o| {
                o.latin |= all.latin > 0;
                o.english_text |= all.english_text > 0;
            });
        }
    }
}

/// The case- and accent-insensitive key used to deduplicate terms.
pub(crate) fn fold_key(en: &str) -> String {
    crate::romanize::fold_latin(en)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '&')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Letters a surname's Arabic needs to be taken alone: shorter ones are
/// everyday words as often as names (كاس, دين, ويل).
const MIN_SURNAME_LETTERS: usize = 4;

/// Common words that make an adjective of a name before them
/// (Baden-Wuerttemberg-class, Trump-era, Beijing-style).
const COMPOUNDING_WORDS: &[&str] =
    &["class", "era", "style", "type", "wide", "level", "born", "made", "run", "free", "like", "size", "owned"];

/// Words that begin a surname of two words (lower-cased).
const SURNAME_PARTICLES: &[&str] =
    &["de", "van", "von", "di", "da", "del", "der", "le", "la", "ter", "ten", "du", "dos", "das"];

/// Last words of a person's name that are not a surname.
const SURNAME_SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Capitalized words that start sentences or name roles, never names.
const ENGLISH_NON_NAMES: &[&str] = &[
    "A",
    "An",
    "The",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "Or",
    "If",
    "As",
    "By",
    "To",
    "From",
    "With",
    "After",
    "Before",
    "When",
    "While",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "There",
    "Here",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Meanwhile",
    "However",
    "Still",
    "Yet",
    "So",
    "Also",
    "Last",
    "Next",
    "Now",
    "Today",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "CEO",
    "Chief",
    "President",
    "Minister",
    "Prime",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Executive",
    "Officer",
    "Chairman",
    "Secretary",
    "Senator",
    // Titles of members of parliaments and assemblies, and the
    // abbreviated titles before a name (Rep. Maxine Waters): titles, no
    // names, as Senator is (a Plaid AM is a member of Plaid).
    "MP",
    "MPs",
    "AM",
    "AMs",
    "MEP",
    "MEPs",
    "MSP",
    "MSPs",
    "Rep",
    "Sen",
    "Gov",
    "Chancellor",
    "Governor",
    "Speaker",
    "Congressman",
    "Congresswoman",
    "Mayor",
    "Director",
    "Founder",
    "Co",
    "Inc",
    "Corp",
    "Ltd",
    "According",
    "Despite",
    "Although",
    "Since",
    "Under",
    "Over",
    "About",
    "Into",
    "Why",
    "What",
    "How",
    "Who",
    "Where",
    "Which",
    "Will",
    "Would",
    "Could",
    "Should",
    "Can",
    "Not",
    "No",
    "Yes",
    "One",
    "Two",
    "Three",
    "First",
    "Former",
    "Analysts",
    "Officials",
];

/// Capitalized words that are no name alone but may begin one (New York,
/// New Zealand).
const NAME_STARTS_ONLY: &[&str] = &["New"];

/// Capitalized words that are no name alone but may end or continue one
/// (Theresa May).
const NAME_CONTINUES_ONLY: &[&str] = &["May"];

/// Whether `word` is an acronym written with dots (U.S., U.K.): letters
/// each followed by a dot.
fn is_dotted_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    let pairs = b.chunks_exact(2);
    b.len() >= 4 && pairs.remainder().is_empty() && pairs.clone().all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

/// Words that may join capitalized words inside a name.
const NAME_CONNECTORS: &[&str] =
    &["of", "de", "del", "della", "da", "van", "von", "der", "bin", "al", "la", "le", "du"];

/// An English phrase, and whether it was a whole run of capitalized
/// words somewhere in its text (not only a part of a longer one, as
/// "North" of "North Korea" is).
pub(crate) type MarkedPhrase = (String, bool);

/// Capitalized phrases and acronyms of an English text: maximal runs of
/// capitalized words (with inner connectors such as "of"), and every
/// sub-run of up to four words, so that "OpenAI CEO Sam Altman" gives
/// "OpenAI" and "Sam Altman", each marked whole or not
/// ([`MarkedPhrase`]). Possessive 's is dropped.
pub(crate) fn english_phrases(text: &str) -> Vec<MarkedPhrase> {
    phrases(text, false, &lower_case_words(text))
}

/// The [`english_phrases`] of one paragraph of a longer text: the words
/// the whole text writes in lower case (`lower`, from
/// [`lower_case_words`]) are no name where they only start a sentence.
pub(crate) fn english_phrases_within(paragraph: &str, lower: &LowerCaseWords<'_>) -> Vec<MarkedPhrase> {
    phrases(paragraph, false, lower)
}

fn strings(marked: Vec<MarkedPhrase>) -> Vec<String> {
    marked.into_iter().map(|(p, _)| p).collect()
}

/// The words a text writes in lower case.
pub(crate) type LowerCaseWords<'a> = hashbrown::HashSet<&'a str>;

/// The words `text` writes in lower case: capitalized only for the
/// sentence they start (Black, Army), they are no name alone there.
pub(crate) fn lower_case_words(text: &str) -> LowerCaseWords<'_> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// The candidates an English text offers: its [`english_phrases`] (as
/// plain strings), and each
/// run that follows "The" (up to three words) with its article too (The
/// Times, The Hill), as Arabic may write the article of a title (ذا
/// تايمز). The co-occurrence counts use the phrases alone: there "The
/// White House" would compete with "White House".
pub(crate) fn english_candidates(text: &str) -> Vec<String> {
    strings(english_candidates_marked(text))
}

/// [`english_candidates`], each marked whole or not ([`MarkedPhrase`]),
/// where the part of a run before or after "of" also counts as whole: a
/// translation renders the run as two names (Xining of Qinghai Province:
/// شينينغ التابعة لمقاطعة تشينغهاي).
pub(crate) fn english_candidates_marked(text: &str) -> Vec<MarkedPhrase> {
    phrases(text, true, &lower_case_words(text))
}

/// The phrases of `text`; `for_aligner` adds what the aligner is offered
/// besides the co-occurrence counts ([`english_candidates_marked`]): titles
/// with their article, and the parts around "of" marked whole.
fn phrases(text: &str, for_aligner: bool, lower_elsewhere: &LowerCaseWords<'_>) -> Vec<MarkedPhrase> {
    let mut out: Vec<MarkedPhrase> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    // Every word, and whether a clause ends after it.
    let mut words: Vec<(&str, bool)> = Vec::new();
    // Whether the run began a sentence: then a common word alone (During,
    // Other) is capitalized for the sentence, not for a name.
    let mut run_starts_sentence = false;
    let mut sentence_start = true;
    // Whether the run followed "The": a title (The Times, The Hill), which
    // Arabic may write with its article (ذا تايمز), so it is offered with
    // "The" too.
    let mut run_after_the = false;
    let mut previous_the = false;
    let flush = |run: &mut Vec<&str>, starts_sentence: bool, after_the: bool, out: &mut Vec<MarkedPhrase>| {
        // Adds a phrase once; whole once it is whole anywhere.
        let mut add = |phrase: String, whole: bool| match out.iter_mut().find(|(p, _)| *p == phrase) {
            Some(known) => known.1 |= whole,
            None => out.push((phrase, whole)),
        };
        while run.last().is_some_and(|w| NAME_CONNECTORS.contains(w)) {
            run.pop();
        }
        if starts_sentence
            && run.len() == 1
            && (crate::lexicon::is_english_stopword(run[0]) || lower_elsewhere.contains(run[0].to_lowercase().as_str()))
        {
            run.clear();
        }
        if for_aligner && after_the && !run.is_empty() && run.len() < 4 {
            add(format!("The {}", run.join(" ")), true);
        }
        for len in 1..=run.len().min(4) {
            for start in 0..=run.len() - len {
                let part = &run[start..start + len];
                if NAME_CONNECTORS.contains(&part[0]) || NAME_CONNECTORS.contains(&part[len - 1]) {
                    continue;
                }
                if NAME_CONTINUES_ONLY.contains(&part[0]) || NAME_STARTS_ONLY.contains(&part[len - 1]) {
                    continue;
                }
                let beside_of = run.get(start + len) == Some(&"of") || (start > 0 && run[start - 1] == "of");
                add(part.join(" "), len == run.len() || (for_aligner && beside_of));
            }
        }
        run.clear();
    };
    for raw in text.split(|c: char| c.is_whitespace()) {
        if raw.is_empty() {
            continue;
        }
        // U.S. and U.K. keep their dots, which end no sentence.
        let acronym = raw.trim_start_matches(['(', '"', '“']).trim_end_matches([',', ';', ':', ')', '"', '”']);
        let dotted = is_dotted_acronym(acronym);
        let ends_clause = if dotted {
            raw.ends_with([',', ';', ':', '!', '?', ')', '"', '”'])
        } else {
            raw.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '”'])
        };
        let ends_sentence = !dotted && raw.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?']);
        let word = if dotted { acronym } else { raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&')) };
        // A possessive ends a name: Google's Sundar Pichai is two names,
        // and so is Jacquemus' La Riviera.
        let possessive = !dotted
            && (raw.trim_end_matches([',', ';', ':', ')', '"', '”']).ends_with(['\'', '’'])
                || word.ends_with("'s")
                || word.ends_with("’s"));
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        // A name compounded with a participle or a compounding noun is the
        // name: Kremlin-backed, Baden-Wuerttemberg-class (not Coca-Cola,
        // nor Kim Jong-un, whose syllables are lower case too).
        let word = word
            .match_indices('-')
            .find(|&(at, _)| {
                let part = word[at + 1..].split('-').next().unwrap_or("");
                part.starts_with(|c: char| c.is_lowercase())
                    && ((part.len() >= 4 && part.ends_with("ed")) || COMPOUNDING_WORDS.contains(&part))
            })
            .map_or(word, |(at, _)| &word[..at]);
        words.push((word, ends_clause));
        let capitalized = word.chars().next().is_some_and(|c| c.is_uppercase())
            || (word.len() > 1 && word.chars().nth(1).is_some_and(|c| c.is_uppercase()));
        let may_start = !NAME_CONTINUES_ONLY.contains(&word) || !run.is_empty();
        if capitalized && !ENGLISH_NON_NAMES.contains(&word) && may_start {
            if run.is_empty() {
                run_starts_sentence = sentence_start;
                run_after_the = previous_the;
            }
            run.push(word);
        } else if !run.is_empty() && NAME_CONNECTORS.contains(&word) && !ends_clause {
            run.push(word);
            sentence_start = false;
            previous_the = false;
            continue;
        } else {
            flush(&mut run, run_starts_sentence, run_after_the, &mut out);
        }
        if ends_clause || (possessive && !run.is_empty()) {
            flush(&mut run, run_starts_sentence, run_after_the, &mut out);
        }
        sentence_start = ends_sentence;
        previous_the = word == "The" && !ends_clause;
    }
    flush(&mut run, run_starts_sentence, run_after_the, &mut out);
    add_weekday_titles(&words, &mut out);
    out
}

/// The English weekday names, which end a run of capitalized words ("On
/// Monday Trump said") but begin or end some titles: Sunday Times,
/// Saturday Night Live, Super Tuesday.
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Adds to `out`, not whole ([`MarkedPhrase`]), each weekday name among
/// `tokens` (a text's words, each with whether a clause ends after it)
/// with the capitalized words right after it or right before it (up to
/// three, within a clause), so that Arabic that writes such a title
/// (صنداي تايمز) finds it. The runs themselves stay as they were: a name
/// after a weekday ("On Monday Trump said") is still whole alone.
fn add_weekday_titles(tokens: &[(&str, bool)], out: &mut Vec<MarkedPhrase>) {
    let is_name_word = |(word, _): &(&str, bool)| {
        word.chars().next().is_some_and(char::is_uppercase)
            && !ENGLISH_NON_NAMES.contains(word)
            && !WEEKDAYS.contains(word)
    };
    let mut add = |phrase: String| {
        if !out.iter().any(|(p, _)| *p == phrase) {
            out.push((phrase, false));
        }
    };
    for (i, &(word, ends_clause)) in tokens.iter().enumerate() {
        if !WEEKDAYS.contains(&word) {
            continue;
        }
        let mut phrase = word.to_string();
        if !ends_clause {
            for next in tokens[i + 1..].iter().take(3).take_while(|t| is_name_word(t)) {
                phrase.push(' ');
                phrase.push_str(next.0);
                add(phrase.clone());
                if next.1 {
                    break;
                }
            }
        }
        let mut phrase = word.to_string();
        for previous in tokens[..i].iter().rev().take(3).take_while(|t| is_name_word(t) && !t.1) {
            phrase.insert(0, ' ');
            phrase.insert_str(0, previous.0);
            add(phrase.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrases of `text`, whole or not.
    fn english_phrases(text: &str) -> Vec<String> {
        strings(super::english_phrases(text))
    }

    #[test]
    fn shipped_places_by_arabic_and_by_english() {
        assert_eq!(shipped_place_names("كوريا"), Some(&["korea".to_string()][..]));
        assert_eq!(shipped_place_names("الصين"), Some(&["china".to_string()][..]));
        assert!(shipped_place_names("صين").is_none());
        assert!(is_shipped_place("Holland") && is_shipped_place("netherlands"));
        assert!(!is_shipped_place("Correia") && !is_shipped_place("Britney"));
    }

    #[test]
    fn surnames_of_gazetteer_people() {
        let mut c = CandidateSet::new();
        let csv = "en,ar,variants,kind\n\
                   Donald Trump,دونالد ترامب,,person\n\
                   Donald Trump Jr.,دونالد ترامب جونيور,,person\n\
                   Xi Jinping,شي جين بينغ,,person\n\
                   Tim Berners-Lee,تيم بيرنرز لي,,person\n\
                   Jeff Dean,جيف دين,,person\n\
                   Justin Post,جاستن بوست,,person\n\
                   Washington Post,واشنطن بوست,,org\n\
                   Elizabeth Warren,إليزابيث وارن,,person\n\
                   Warren Buffett,وارن بافيت,,person\n\
                   Lei Jun,لي جون,,person\n\
                   John Kennedy,جون كينيدي,,person\n\
                   Moon Jae-in,مون جاي إن,,person\n\
                   Kevin De Bruyne,كيفين دي بروين,,person\n";
        c.add_gazetteer(csv, "t.csv", false).unwrap();
        let added = c.add_surnames_of_people();
        let surname = |en: &str| c.find(en).map(|i| (c.terms()[i].arabic.clone(), c.terms()[i].surname_of));
        let trump = c.find("Donald Trump");
        assert_eq!(surname("Trump"), Some((vec!["ترامب".to_string()], trump)));
        assert_eq!(surname("Buffett").unwrap().0, ["بافيت"]);
        assert_eq!(surname("Warren").unwrap().0, ["وارن"], "a given name of the same English is no conflict");
        assert_eq!(surname("Kennedy").unwrap().0, ["كينيدي"]);
        assert_eq!(surname("De Bruyne").unwrap().0, ["دي بروين"]);
        assert_eq!(surname("Bruyne"), None);
        // A hyphenated surname is as many Arabic words as it has parts.
        assert_eq!(surname("Berners-Lee").unwrap().0, ["بيرنرز لي"]);
        // Jinping is no surname of شي جين بينغ (three words for two), nor
        // Lee of Berners-Lee; دين is too short, بوست is a word of the
        // Post, جون is also John's.
        for en in ["Jinping", "Lee", "Dean", "Post", "Jun", "Jr.", "Jae-in"] {
            assert_eq!(surname(en), None, "{en}");
        }
        assert_eq!(added, 6);
        assert_eq!(c.terms()[c.find("Trump").unwrap()].kind, "person");
    }

    #[test]
    fn a_word_the_text_writes_in_lower_case_is_no_name_where_it_starts_a_sentence() {
        let text = "Black smoke rose over the city. Witnesses saw black cars. Army units came. The army left.";
        let p = english_phrases(text);
        assert!(!p.iter().any(|x| x == "Army" || x == "Black"), "{p:?}");
        // Not written in lower case anywhere: kept.
        let p = english_phrases("Britain said so. The talks in Britain ended.");
        assert!(p.iter().any(|x| x == "Britain"), "{p:?}");
    }

    #[test]
    fn weekday_titles_are_offered_and_names_after_a_weekday_stay_whole() {
        let text = "The Sunday Times said on Monday. On Tuesday Trump met the cast of Saturday Night Live, \
                    before Super Tuesday.";
        let marked = english_candidates_marked(text);
        let whole = |p: &str| marked.iter().find(|(x, _)| x == p).map(|(_, w)| *w);
        for title in ["Sunday Times", "Saturday Night", "Saturday Night Live", "Super Tuesday", "Tuesday Trump"] {
            assert_eq!(whole(title), Some(false), "{title} in {marked:?}");
        }
        for name in ["Trump", "Times", "Night Live", "Super"] {
            assert_eq!(whole(name), Some(true), "{name} in {marked:?}");
        }
        // A clause ends at the weekday: nothing joins it.
        assert_eq!(whole("Monday On"), None);
        assert!(!marked.iter().any(|(p, _)| p.contains("Monday")), "{marked:?}");
    }

    #[test]
    fn a_common_word_that_starts_a_sentence_is_no_name() {
        let p = english_phrases("During the talks, Apple said little. Other firms waited. \"Again,\" Macron said.");
        for gone in ["During", "Other", "Again"] {
            assert!(!p.contains(&gone.to_string()), "{gone} in {p:?}");
        }
        for kept in ["Apple", "Macron"] {
            assert!(p.contains(&kept.to_string()), "{kept} missing from {p:?}");
        }
        // Inside a sentence, or as part of a longer run, the word stays.
        let p = english_phrases("Fans of The Other Place met. Young said no.");
        assert!(p.contains(&"The Other Place".to_string()) || p.contains(&"Other Place".to_string()), "{p:?}");
    }

    #[test]
    fn dotted_acronyms_and_words_that_only_begin_or_end_names() {
        let p = english_phrases("The U.S. Senate met in New York. Officials in the U.K., and Theresa May, agreed.");
        for want in ["U.S.", "Senate", "U.S. Senate", "New York", "York", "U.K.", "Theresa May", "Theresa"] {
            assert!(p.contains(&want.to_string()), "{want} missing from {p:?}");
        }
        for gone in ["New", "May", "U.S", "Officials"] {
            assert!(!p.contains(&gone.to_string()), "{gone} in {p:?}");
        }
        let p = english_phrases("In May, the New rules began. May said no.");
        assert!(!p.iter().any(|x| x.contains("May") || x.contains("New")), "{p:?}");
        assert!(
            is_dotted_acronym("U.S.")
                && is_dotted_acronym("U.N.")
                && !is_dotted_acronym("St.")
                && !is_dotted_acronym("U.S")
        );
    }

    #[test]
    fn a_name_compounded_with_a_common_word_is_the_name() {
        let p = english_candidates(
            "The Baden-Wuerttemberg-class frigate sailed as Kremlin-backed Coca-Cola ads ran. Kim Jong-un and Moon Jae-in met.",
        );
        for want in ["Baden-Wuerttemberg", "Kremlin", "Coca-Cola", "Kim Jong-un", "Moon Jae-in"] {
            assert!(p.contains(&want.to_string()), "{want} missing from {p:?}");
        }
        assert!(!p.iter().any(|x| x.contains("-class") || x.contains("-backed")), "{p:?}");
    }

    #[test]
    fn a_possessive_ends_a_name() {
        let p = english_candidates_marked("Google's Sundar Pichai spoke. The bag was in Jacquemus' La Riviera line.");
        for whole in ["Google", "Sundar Pichai", "Jacquemus", "La Riviera"] {
            assert!(p.contains(&(whole.to_string(), true)), "{whole} is a whole name in {p:?}");
        }
        assert!(!p.iter().any(|(x, _)| x.contains("Google Sundar") || x.contains("Jacquemus La")), "{p:?}");
        // A possessive inside a run that stays one name elsewhere.
        let p = english_candidates_marked("Nancy Pelosi said so.");
        assert!(p.contains(&("Nancy".to_string(), false)) && p.contains(&("Nancy Pelosi".to_string(), true)));
    }

    #[test]
    fn the_parts_around_of_stand_alone_for_the_aligner() {
        let p = english_candidates_marked("Pigs were vaccinated in Xining of Qinghai Province, China.");
        // Qinghai too: مقاطعة تشينغهاي translates Province.
        for whole in ["Xining", "Qinghai", "Qinghai Province", "Xining of Qinghai Province"] {
            assert!(p.contains(&(whole.to_string(), true)), "{whole} is whole in {p:?}");
        }
        for part in ["Province", "Xining of Qinghai"] {
            assert!(p.contains(&(part.to_string(), false)), "{part} is a part in {p:?}");
        }
        // The co-occurrence counts keep the strict marking.
        assert!(
            super::english_phrases("Pigs were vaccinated in Xining of Qinghai Province.")
                .contains(&("Xining".to_string(), false))
        );
    }

    #[test]
    fn a_title_is_offered_with_its_article() {
        assert!(!english_phrases("It was in The Times.").contains(&"The Times".to_string()));
        let p = english_candidates("The story was in The Times and on The Hill website.");
        for want in ["The Times", "Times", "The Hill", "Hill"] {
            assert!(p.contains(&want.to_string()), "{want} missing from {p:?}");
        }
        assert!(!p.iter().any(|x| x.starts_with("The story")), "{p:?}");
    }

    #[test]
    fn phrases_from_english_text() {
        let p = english_phrases(
            "OpenAI CEO Sam Altman met the Bank of America team. The White House said CNN's report was wrong.",
        );
        for want in ["OpenAI", "Sam Altman", "Bank of America", "White House", "CNN"] {
            assert!(p.contains(&want.to_string()), "{want} missing from {p:?}");
        }
        assert!(!p.iter().any(|x| x == "The" || x == "CEO" || x == "of"));
    }

    #[test]
    fn titles_of_members_are_no_names() {
        let marked = english_candidates_marked(
            "A Plaid AM said the AMs and MPs would meet Rep. Maxine Waters. Chancellor Scholz agreed.",
        );
        let whole = |name: &str| marked.iter().any(|(p, whole)| p == name && *whole);
        assert!(whole("Plaid") && whole("Maxine Waters") && whole("Scholz"), "{marked:?}");
        for title in ["AM", "AMs", "MPs", "Rep", "Plaid AM", "Chancellor Scholz"] {
            assert!(!marked.iter().any(|(p, _)| p == title), "{title} in {marked:?}");
        }
    }

    #[test]
    fn dedup_is_case_insensitive() {
        let mut c = CandidateSet::new();
        let a = c.add("DeepSeek", |o| o.latin = true).unwrap();
        let b = c.add("Deepseek", |o| o.list = true).unwrap();
        assert_eq!(a, b);
        assert!(c.terms()[a].origins.latin && c.terms()[a].origins.list);
        assert_eq!(c.terms()[a].en, "DeepSeek");
    }

    #[test]
    fn batch_candidates_are_canonical_however_they_are_split() {
        let mut whole = BatchCandidates::new();
        let (mut a, mut b) = (BatchCandidates::new(), BatchCandidates::new());
        for (i, (name, latin)) in [
            ("Zeta", true),
            ("DeepSeek", true),
            ("Deepseek", false),
            ("DEEPSEEK", true),
            ("Deepseek", true),
            ("Alpha", false),
        ]
        .into_iter()
        .enumerate()
        {
            let shard = if i % 2 == 0 { &mut a } else { &mut b };
            for c in [&mut whole, shard] {
                if latin { c.add_latin(name) } else { c.add_english(name) }
            }
        }
        let mut merged = b.clone();
        merged.merge(a.clone());
        assert_eq!(merged, whole);
        let mut set = CandidateSet::new();
        merged.add_to(&mut set);
        let ens: Vec<&str> = set.terms().iter().map(|t| t.en.as_str()).collect();
        // Key order; "Deepseek" is met twice, the other spellings once.
        assert_eq!(ens, vec!["Alpha", "Deepseek", "Zeta"]);
        assert!(set.terms()[1].origins.latin && set.terms()[1].origins.english_text);
        assert!(!set.terms()[0].origins.latin && set.terms()[0].origins.english_text);
        // Ties go to the smallest spelling; a listed spelling stays.
        let mut tie = BatchCandidates::new();
        tie.add_latin("OpenAI");
        tie.add_latin("Openai");
        let mut set = CandidateSet::new();
        tie.add_to(&mut set);
        assert_eq!(set.terms()[0].en, "OpenAI");
        let mut set = CandidateSet::new();
        set.add("OPENAI", |o| o.list = true);
        let before = set.fingerprint();
        tie.add_to(&mut set);
        assert_eq!((set.len(), set.terms()[0].en.as_str()), (1, "OPENAI"));
        assert!(set.terms()[0].origins.latin);
        assert_ne!(set.fingerprint(), before, "origins count in the fingerprint");
    }

    #[test]
    fn gazetteer_rows_and_errors() {
        let mut c = CandidateSet::new();
        let n = c.add_gazetteer("en,ar,variants,kind\nGoogle,جوجل,غوغل|قوقل,org\n", "g.csv", false).unwrap();
        assert_eq!(n, 1);
        let look = c.arabic_lookup();
        assert_eq!(look.get("قوقل"), Some(&0));
        assert_eq!(c.terms()[0].kind, "org");
        let err = c.add_gazetteer("english,arabic\nx,y\n", "bad.csv", false).unwrap_err();
        assert!(err.to_string().contains("bad.csv:1"));
        let err = c.add_gazetteer("en,ar\nGoogle,\n", "bad.csv", false).unwrap_err();
        assert!(err.to_string().contains("bad.csv:2"), "{err}");
    }
}
