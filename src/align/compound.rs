//! The words around a matched name that make a longer name of it: the
//! compass and place adjectives that place names are translated with
//! (كوريا الشمالية, *North* Korea), and the English words that
//! follow a name inside a longer name (Google *Ventures*, Motorola
//! *Mobility*, Boston *Globe*), with the search for the one an Arabic word
//! sounds like, and the Arabic words before a name that English names
//! translate (مطار هيثرو, *Heathrow Airport*; إعصار كاترينا, *Hurricane*
//! Katrina).
//!
//! Arabic news writes such compounds letter by letter, name and word
//! alike (غوغل فنتشرز), and no list can hold every company's every unit.
//! A word right after a matched name that no dictionary knows and that
//! sounds like one of these words is read as part of the name, and the
//! English is composed: the name's English, then the word's. The list is
//! small and shipped (`glossaries/names/compound-words.txt`), so its index
//! costs nothing to build and a search is a few microseconds.

use std::sync::OnceLock;

use crate::score::index::{CandidateIndex, Match, SearchScratch};

/// The shipped list, `word<TAB>kind` lines, `#` comments.
static SHIPPED: &str = include_str!("../../glossaries/names/compound-words.txt");

/// Score an Arabic word needs against a compound word to be read as one:
/// high, since the word must be that English word letter for letter, not
/// a name that merely sounds close.
pub(crate) const COMPOUND_WORD_MIN: f32 = 0.85;

/// Most compound words composed after one name (كلايتون كريستنسن
/// إنستيتيوت needs one; three is a long company name).
pub(crate) const MAX_COMPOUND_WORDS: usize = 3;

/// The compound words and their index.
pub(crate) struct CompoundWords {
    words: Vec<&'static str>,
    /// The kind of name each word makes (Ventures: org, Valley: location).
    kinds: Vec<&'static str>,
    index: CandidateIndex,
}

impl CompoundWords {
    /// The shipped list, indexed on first use.
    pub(crate) fn shipped() -> &'static CompoundWords {
        static LOADED: OnceLock<CompoundWords> = OnceLock::new();
        LOADED.get_or_init(|| {
            let (words, kinds) = shipped_words().into_iter().unzip();
            CompoundWords::new(words, kinds)
        })
    }

    fn new(words: Vec<&'static str>, kinds: Vec<&'static str>) -> CompoundWords {
        let index = CandidateIndex::new(&words);
        CompoundWords { words, kinds, index }
    }

    /// The English of word `id`.
    pub(crate) fn word(&self, id: u16) -> &'static str {
        self.words[id as usize]
    }

    /// The compound word an Arabic word's key (`crate::romanize::arabic_key`)
    /// sounds like best, with its score, if one scores at least
    /// [`COMPOUND_WORD_MIN`].
    pub(crate) fn best(&self, key: &[u8], scratch: &mut SearchScratch, found: &mut Vec<Match>) -> Option<(u16, f32)> {
        self.index.search(key, 1, COMPOUND_WORD_MIN, scratch, found);
        found.first().map(|m| (m.term as u16, m.score))
    }
}

/// The `(word, kind)` lines of the shipped list.
fn shipped_words() -> Vec<(&'static str, &'static str)> {
    SHIPPED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once('\t').expect("the shipped compound words are word<TAB>kind"))
        .collect()
}

/// Where a descriptor stands beside the name it describes.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum DescriptorPlace {
    /// An adjective after the name (كوريا الشمالية).
    After,
    /// A noun before it (جنوب أفريقيا).
    Before,
}

/// The English of a descriptor word (matching form) at `place`: the
/// compass and a few adjectives that names of places are translated with.
pub(crate) fn descriptor(word: &str, place: DescriptorPlace) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<(String, DescriptorPlace, &'static str)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let after = [
            ("الشمالية", "North"),
            ("الشمالي", "North"),
            ("الجنوبية", "South"),
            ("الجنوبي", "South"),
            ("الغربية", "West"),
            ("الغربي", "West"),
            ("الشرقية", "East"),
            ("الشرقي", "East"),
            ("الوسطى", "Central"),
            ("العظمى", "Great"),
            ("الجديدة", "New"),
            ("الجديد", "New"),
            ("اللاتينية", "Latin"),
        ];
        let before = [("شمال", "North"), ("جنوب", "South"), ("غرب", "West"), ("شرق", "East")];
        let entries = |list: &[(&str, &'static str)], place: DescriptorPlace| {
            list.iter().map(move |&(ar, en)| (crate::normalize::normalize(ar), place, en)).collect::<Vec<_>>()
        };
        let mut table = entries(&after, DescriptorPlace::After);
        table.extend(entries(&before, DescriptorPlace::Before));
        table
    });
    table.iter().find(|(ar, p, _)| *p == place && ar == word).map(|&(_, _, en)| en)
}

/// An Arabic word before a name that its English translates, how (`{}`
/// stands for the name), the kind of name made, and which names it goes
/// with: a person's always, a place's ([`PLACE`]) or one of unknown kind
/// ([`UNKNOWN`], a list's or the batch's Latin letters) when flagged. Only
/// words whose translation English names keep (Lake Geneva, Heathrow
/// Airport): an island, a river or a desert is mostly named without
/// (جزيرة بالي is Bali). After a place most are a common noun (جسر ويلز is
/// "a Welsh bridge", مطار باريس "the Paris airport"), and a name of
/// unknown kind may be such a place.
const DESCRIPTORS: &[(&str, &str, &str, u8)] = &[
    ("مطار", "{} Airport", "location", 0),
    ("بحيرة", "Lake {}", "location", PLACE),
    ("جبل", "Mount {}", "location", PLACE),
    ("ملعب", "{} Stadium", "location", 0),
    ("استاد", "{} Stadium", "location", 0),
    ("قصر", "{} Palace", "location", 0),
    ("ساحة", "{} Square", "location", 0),
    ("ميدان", "{} Square", "location", 0),
    ("جسر", "{} Bridge", "location", 0),
    ("برج", "{} Tower", "location", 0),
    ("كاتدرائية", "{} Cathedral", "location", 0),
    ("سد", "{} Dam", "location", 0),
    ("شاطئ", "{} Beach", "location", 0),
    ("مضيق", "Strait of {}", "location", PLACE),
    ("إعصار", "Hurricane {}", "other", UNKNOWN),
    ("جائزة", "{} Prize", "other", UNKNOWN),
    ("معهد", "{} Institute", "org", 0),
];

/// Arabic words before a name that English names keep only sometimes
/// (Chuuk Island, but Bali; the Brookings Institution, but Harvard),
/// with the English they may stand for: a word joins the name only where
/// a list, the gazetteer or the article's English gives the longer name
/// ([`descriptor_templates`]). Arabic puts the translated noun first,
/// whichever side English writes it on. Not the nouns of administrative
/// units (province, county, state, city): the place's name alone is the
/// term (مقاطعة تشينغهاي is the province of Qinghai).
const NAMED_DESCRIPTORS: &[(&str, &str)] = &[
    ("جزيرة", "{} Island"),
    ("جزر", "{} Islands"),
    ("معهد", "{} Institution"),
    ("مستشفى", "{} Hospital"),
    ("مركز", "{} Center"),
    ("مركز", "{} Centre"),
    ("جامعة", "{} University"),
    ("جامعة", "University of {}"),
    ("ساحة", "{} Arena"),
    ("طيران", "Air {}"),
    ("طيران", "{} Airlines"),
    ("طيران", "{} Airways"),
    ("مهرجان", "{} Festival"),
    ("متحف", "{} Museum"),
    ("كلية", "{} College"),
    ("شارع", "{} Street"),
    ("حديقة", "{} Park"),
    ("منتزه", "{} Park"),
    ("نهر", "{} River"),
    ("نهر", "River {}"),
    ("خليج", "{} Bay"),
    ("خليج", "Gulf of {}"),
    ("نادي", "{} Club"),
    ("حزب", "{} Party"),
    ("مجلس", "{} Council"),
    ("وكالة", "{} Agency"),
    ("مؤسسة", "{} Foundation"),
    ("صندوق", "{} Fund"),
    ("بنك", "{} Bank"),
    ("بنك", "Bank of {}"),
    ("مصرف", "{} Bank"),
    ("كأس", "{} Cup"),
    ("بطولة", "{} Championship"),
    ("بطولة", "{} Open"),
    ("محطة", "{} Station"),
    ("سجن", "{} Prison"),
    ("فندق", "{} Hotel"),
    ("مسرح", "{} Theatre"),
    ("مسرح", "{} Theater"),
    ("كنيسة", "{} Church"),
    ("مسجد", "{} Mosque"),
    ("قاعدة", "{} Base"),
    ("ميناء", "Port of {}"),
    ("صحراء", "{} Desert"),
    ("غابة", "{} Forest"),
    ("وادي", "{} Valley"),
    ("برلمان", "{} Parliament"),
    ("جمعية", "{} Assembly"),
    ("حكومة", "{} Government"),
    ("جيش", "{} Army"),
];

/// The adjectives English names of institutions take from a place's name
/// where Arabic writes the place (برلمان ويلز, Welsh Parliament; حكومة
/// اسكتلندا, Scottish Government): what [`NAMED_DESCRIPTORS`] also try.
const DEMONYMS: &[(&str, &str)] = &[
    ("Afghanistan", "Afghan"),
    ("Algeria", "Algerian"),
    ("America", "American"),
    ("Argentina", "Argentine"),
    ("Australia", "Australian"),
    ("Austria", "Austrian"),
    ("Bavaria", "Bavarian"),
    ("Belgium", "Belgian"),
    ("Brazil", "Brazilian"),
    ("Britain", "British"),
    ("Canada", "Canadian"),
    ("Catalonia", "Catalan"),
    ("Chile", "Chilean"),
    ("China", "Chinese"),
    ("Colombia", "Colombian"),
    ("Cuba", "Cuban"),
    ("Denmark", "Danish"),
    ("Egypt", "Egyptian"),
    ("England", "English"),
    ("Ethiopia", "Ethiopian"),
    ("Europe", "European"),
    ("Finland", "Finnish"),
    ("France", "French"),
    ("Germany", "German"),
    ("Greece", "Greek"),
    ("India", "Indian"),
    ("Indonesia", "Indonesian"),
    ("Iran", "Iranian"),
    ("Iraq", "Iraqi"),
    ("Ireland", "Irish"),
    ("Israel", "Israeli"),
    ("Italy", "Italian"),
    ("Japan", "Japanese"),
    ("Jordan", "Jordanian"),
    ("Kenya", "Kenyan"),
    ("Korea", "Korean"),
    ("Kuwait", "Kuwaiti"),
    ("Lebanon", "Lebanese"),
    ("Libya", "Libyan"),
    ("Malaysia", "Malaysian"),
    ("Mexico", "Mexican"),
    ("Morocco", "Moroccan"),
    ("Netherlands", "Dutch"),
    ("Nigeria", "Nigerian"),
    ("Norway", "Norwegian"),
    ("Pakistan", "Pakistani"),
    ("Peru", "Peruvian"),
    ("Poland", "Polish"),
    ("Portugal", "Portuguese"),
    ("Qatar", "Qatari"),
    ("Russia", "Russian"),
    ("Scotland", "Scottish"),
    ("Spain", "Spanish"),
    ("Sudan", "Sudanese"),
    ("Sweden", "Swedish"),
    ("Switzerland", "Swiss"),
    ("Syria", "Syrian"),
    ("Thailand", "Thai"),
    ("Tunisia", "Tunisian"),
    ("Turkey", "Turkish"),
    ("Ukraine", "Ukrainian"),
    ("Venezuela", "Venezuelan"),
    ("Vietnam", "Vietnamese"),
    ("Wales", "Welsh"),
    ("Yemen", "Yemeni"),
];

/// The English adjective of the place `en`, if [`DEMONYMS`] has it.
pub(crate) fn demonym(en: &str) -> Option<&'static str> {
    DEMONYMS.iter().find(|(place, _)| *place == en).map(|&(_, adjective)| adjective)
}

/// Every English the Arabic word `word` (matching form) may stand for
/// before a name, `{}` standing for the name: [`DESCRIPTORS`]' and
/// [`NAMED_DESCRIPTORS`]'. Empty when the word is no descriptor.
pub(crate) fn descriptor_templates(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    static NORMALIZED: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    let table = NORMALIZED.get_or_init(|| {
        DESCRIPTORS
            .iter()
            .map(|&(ar, en, _, _)| (ar, en))
            .chain(NAMED_DESCRIPTORS.iter().copied())
            .map(|(ar, en)| (crate::normalize::normalize(ar), en))
            .collect()
    });
    table.iter().filter(move |(ar, _)| ar == word).map(|&(_, en)| en)
}

/// [`DESCRIPTORS`] flag: the descriptor goes with a place's name (Lake
/// Geneva).
const PLACE: u8 = 1;

/// [`DESCRIPTORS`] flag: the descriptor goes with a name of unknown kind
/// (Hurricane Rosa, whatever gave Rosa).
const UNKNOWN: u8 = 2;

/// Whether descriptor `d` ([`descriptor_before`]) goes with a name of
/// kind `kind` (a gazetteer's kind, or empty when unknown).
pub(crate) fn descriptor_takes(d: u8, kind: &str) -> bool {
    let flags = DESCRIPTORS[d as usize - 1].3;
    match kind {
        "person" => true,
        "location" => flags & PLACE != 0,
        "" => flags & UNKNOWN != 0,
        _ => false,
    }
}

/// The descriptor (its index, from 1) that an Arabic word (matching form)
/// is, if any.
pub(crate) fn descriptor_before(word: &str) -> Option<u8> {
    static NORMALIZED: OnceLock<Vec<String>> = OnceLock::new();
    let normalized =
        NORMALIZED.get_or_init(|| DESCRIPTORS.iter().map(|(ar, _, _, _)| crate::normalize::normalize(ar)).collect());
    normalized.iter().position(|d| d == word).map(|i| i as u8 + 1)
}

/// What is composed around a matched name: the compound words after it
/// (their ids in [`CompoundWords`] and the lowest of their scores) and the
/// descriptor before it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Composition {
    ids: [u16; MAX_COMPOUND_WORDS],
    len: u8,
    /// The lowest score of the words (1.0 when there is none).
    pub(crate) score: f32,
    /// The descriptor before the name, from 1 ([`descriptor_before`]); 0
    /// when none.
    descriptor: u8,
}

impl Composition {
    /// Whether nothing is composed around the name.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0 && self.descriptor == 0
    }

    /// Whether no compound word follows the name.
    fn has_no_words(&self) -> bool {
        self.len == 0
    }

    /// Puts descriptor `d` ([`descriptor_before`]) before the name.
    pub(crate) fn set_descriptor(&mut self, d: u8) {
        self.descriptor = d;
    }

    /// The English of the name with its descriptor, `name` being the name's
    /// own English: what a candidate may already hold (Wembley Stadium).
    pub(crate) fn describe(d: u8, name: &str) -> String {
        DESCRIPTORS[d as usize - 1].1.replace("{}", name)
    }

    /// Whether another word fits.
    pub(crate) fn is_full(&self) -> bool {
        self.len as usize == MAX_COMPOUND_WORDS
    }

    /// Adds a word scored `score`.
    pub(crate) fn push(&mut self, id: u16, score: f32) {
        debug_assert!(!self.is_full());
        self.score = if self.has_no_words() { score } else { self.score.min(score) };
        self.ids[self.len as usize] = id;
        self.len += 1;
    }

    /// The name's English `name` with the words after it and the
    /// descriptor's translation.
    pub(crate) fn compose(&self, name: &str) -> String {
        let words = CompoundWords::shipped();
        let mut en = name.to_string();
        for &id in &self.ids[..self.len as usize] {
            en.push(' ');
            en.push_str(words.word(id));
        }
        match self.descriptor {
            0 => en,
            d => Composition::describe(d, &en),
        }
    }

    /// The kind of the name composed: its descriptor's (Lake Geneva is a
    /// location), else its last word's (Boston Globe is an org, Trump
    /// Tower a location).
    pub(crate) fn kind(&self) -> &'static str {
        match (self.descriptor, self.len) {
            (0, 0) => "",
            (0, n) => CompoundWords::shipped().kinds[self.ids[n as usize - 1] as usize],
            (d, _) => DESCRIPTORS[d as usize - 1].2,
        }
    }

    /// The score of the name composed, `name_score` being the matched
    /// name's: the least sure of its parts (a descriptor is read exactly).
    pub(crate) fn score_with(&self, name_score: f32) -> f32 {
        if self.has_no_words() { name_score } else { name_score.min(self.score) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::romanize::arabic_key;

    fn best_of(arabic: &str) -> Option<&'static str> {
        let words = CompoundWords::shipped();
        let (mut scratch, mut found) = (SearchScratch::default(), Vec::new());
        words.best(&arabic_key(arabic), &mut scratch, &mut found).map(|(id, _)| words.word(id))
    }

    #[test]
    fn the_shipped_words_are_found_by_their_arabic_spelling() {
        for (arabic, english) in [
            ("فنتشرز", "Ventures"),
            ("كابيتال", "Capital"),
            ("فايبر", "Fiber"),
            ("موبيليتي", "Mobility"),
            ("غلوب", "Globe"),
            ("إنستيتيوت", "Institute"),
            ("فالي", "Valley"),
            ("درايف", "Drive"),
        ] {
            assert_eq!(best_of(arabic), Some(english), "{arabic}");
        }
        // A name that only sounds somewhat like one is none.
        assert_eq!(best_of("فينغر"), None);
        assert_eq!(best_of("بيليغريني"), None);
    }

    #[test]
    fn the_shipped_list_is_clean() {
        let words = shipped_words();
        let mut seen = std::collections::HashSet::new();
        for (w, kind) in &words {
            assert!(["org", "location", "product", "other"].contains(kind), "{w}: {kind}");
            assert!(w.len() > 3 && w.chars().all(|c| c.is_ascii_alphabetic()), "{w}");
            assert!(w.starts_with(|c: char| c.is_ascii_uppercase()), "{w}");
            assert!(seen.insert(*w), "{w} twice");
        }
        assert!(words.len() < u16::MAX as usize);
    }

    #[test]
    fn a_tail_composes_its_words_in_order_and_keeps_the_lowest_score() {
        let words = CompoundWords::shipped();
        let id = |w: &str| words.words.iter().position(|x| *x == w).unwrap() as u16;
        let mut tail = Composition::default();
        assert!(tail.is_empty());
        tail.push(id("Motor"), 0.95);
        tail.push(id("Company"), 0.9);
        assert_eq!(tail.compose("Ford"), "Ford Motor Company");
        assert!((tail.score - 0.9).abs() < 1e-6);
        assert_eq!(tail.kind(), "org");
        let mut tail = Composition::default();
        tail.push(id("Tower"), 1.0);
        assert_eq!((tail.compose("Trump").as_str(), tail.kind()), ("Trump Tower", "location"));
        let mut lake = Composition::default();
        let norm = |w: &str| crate::normalize::normalize(w);
        lake.set_descriptor(descriptor_before(&norm("بحيرة")).unwrap());
        assert!(!lake.is_empty());
        assert_eq!((lake.compose("Geneva").as_str(), lake.kind()), ("Lake Geneva", "location"));
        assert!((lake.score_with(0.9) - 0.9).abs() < 1e-6);
        assert_eq!(descriptor_before(&norm("جامعة")), None);
        let (lake, bridge) = (descriptor_before(&norm("بحيرة")).unwrap(), descriptor_before(&norm("جسر")).unwrap());
        assert!(descriptor_takes(lake, "location") && !descriptor_takes(bridge, "location"));
        assert!(
            descriptor_takes(bridge, "person") && !descriptor_takes(bridge, "") && !descriptor_takes(bridge, "org")
        );
        let hurricane = descriptor_before(&norm("إعصار")).unwrap();
        assert!(descriptor_takes(hurricane, "") && !descriptor_takes(hurricane, "location"));
    }
}
