//! Alignment: the English term of each Arabic span, one reading per place.
//!
//! First the lexicon ([`crate::lexicon`]) judges each distinct word once:
//! a span that is ordinary Arabic whatever it matches (a function word, a
//! month, a relative adjective) is skipped, and one made of, or holding,
//! dictionary words that do not look foreign is only looked up exactly and
//! compared with the names its own article writes in Latin letters: no
//! search of the candidates, which is what most spans of real news are.
//! For every other candidate span of an article ([`crate::extract`]) and
//! every clitic reading of its first word, the aligner asks two questions,
//! both answered once per distinct span text and remembered for the batch:
//!
//! 1. Is this exactly a known Arabic spelling from a gazetteer? Then it is
//!    that term (`gazetteer`), whatever the script distance.
//! 2. Otherwise, which English candidate with about as many words has the
//!    closest key ([`crate::score::index`])? It is accepted when its score
//!    reaches the threshold (`transliteration`, or `acronym` when the
//!    spelled reading of an acronym matched).
//!
//! Peeling off clitics costs a small penalty per letter, so a name whose
//! first letter only looks like a clitic (وول ستريت, كاس) keeps it when
//! both readings score alike. Overlapping spans are then resolved per
//! article by weighted interval scheduling: the chosen spans do not
//! overlap and maximise the sum of score × words, which prefers the
//! best-scoring, longest consistent reading (بلومبرغ إنتليجنس as one name
//! rather than بلومبرغ alone). Latin-script runs are their own terms.

use crate::candidates::{CandidateSet, english_candidates_marked, fold_key};
use crate::extract::{
    ArticleWords, MAX_SPAN_WORDS, MAX_SPELLED_LETTERS, ONE_LETTER_CLITICS, after_article, clitic_readings,
    is_ambiguous_letter_name, is_letter_name, is_stopword, skip_letters, starts_with_article, strip_nisba,
};
use crate::normalize::clean_surface_into;
use crate::romanize::{BOUNDARY, Reading, arabic_key, arabic_key_into, english_key, english_keys};
use crate::score::index::{CandidateIndex, Match, SearchScratch};
use crate::score::{costs, similarity};
use crate::tokenize::Script;
use crate::transliterate::{NameParts, Source, Transliterator};
use compound::{
    COMPOUND_WORD_MIN, Composition, CompoundWords, DescriptorPlace, demonym, descriptor, descriptor_before,
    descriptor_takes, descriptor_templates,
};
use memo::TextMemo;

mod compound;
mod memo;

/// How a rendering was aligned with its English term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Written in Latin letters in the Arabic text.
    Latin,
    /// A known spelling from a gazetteer.
    Gazetteer,
    /// Letter names read as an acronym (سي إن إن = CNN).
    Acronym,
    /// Matched by the phonetic scorer.
    Transliteration,
    /// Found from parallel text by association alone (البيت الأبيض =
    /// White House).
    Translation,
    /// No candidate (`--guess` only): every word is a spelling a name list
    /// gives ([`crate::transliterate::NameParts`]) and the English is
    /// composed of theirs (باتريك روبرتس = Patrick Roberts).
    NameParts,
    /// No candidate (`--guess` only), and not every word known: the
    /// English is guessed ([`crate::transliterate`]), with its confidence
    /// as the score.
    Guess,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 7] = [
        Method::Latin,
        Method::Gazetteer,
        Method::Acronym,
        Method::Transliteration,
        Method::Translation,
        Method::NameParts,
        Method::Guess,
    ];

    /// Reads a `method` cell.
    pub fn parse(cell: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(cell.trim()))
    }

    /// The name used in the glossary's `method` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Latin => "latin",
            Method::Gazetteer => "gazetteer",
            Method::Acronym => "acronym",
            Method::Transliteration => "transliteration",
            Method::Translation => "translation",
            Method::NameParts => "name-parts",
            Method::Guess => "guess",
        }
    }
}

/// Tuning of the aligner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignConfig {
    /// Lowest score at which a span is aligned.
    pub min_score: f32,
    /// Lowest score for short spans (at most `short_consonants`
    /// consonants), which resemble common Arabic words more easily: most
    /// Arabic words are built on three-consonant roots.
    pub short_min_score: f32,
    /// Consonant count up to which a span counts as short.
    pub short_consonants: u32,
    /// Score deducted per conjunction or preposition letter peeled off.
    pub clitic_penalty: f32,
    /// Score deducted when the article ال is set aside for matching (it
    /// stays in the displayed form).
    pub article_strip_penalty: f32,
    /// Score deducted from a word read as written when it starts with the
    /// article (ال, وال, بال, لل, ...): such words are mostly Arabic nouns.
    pub article_penalty: f32,
    /// Extra score required for candidates that only a gazetteer supplies
    /// (not in a term list, the batch's Latin names or its English text):
    /// a gazetteer lists how a name is written, so a different spelling
    /// must be close to count.
    pub gazetteer_only_margin: f32,
    /// Name the runs of foreign-looking words no candidate matches
    /// (`--guess`): from the shipped name lists when every word is a
    /// listed spelling ([`Method::NameParts`]), else by the guesser
    /// ([`Method::Guess`], its confidence as the score). Off by default:
    /// these are suggestions.
    pub guess: bool,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            min_score: 0.80,
            short_min_score: 0.86,
            short_consonants: 3,
            clitic_penalty: 0.04,
            article_strip_penalty: crate::score::term::ARTICLE_STRIP_PENALTY,
            article_penalty: 0.04,
            gazetteer_only_margin: 0.08,
            guess: false,
        }
    }
}

/// How foreign a dictionary word must look, at least, for a sound-alike
/// match to stand: below it the word is ordinary Arabic (المسؤولين is not
/// Mussolini). 0.2 rather than the lexicon's suggested 0.5: names the
/// dictionary also lists as words (تسلا 0.27, الكونغرس 0.39) stay names.
/// On ntrex_dev (JSONL with `en`, no gazetteer) it raises name precision
/// from .566 to .682 for a recall of .703 against .717.
const ORDINARY_FOREIGNNESS: f32 = 0.2;

/// What the lexicon says of one word of an article, as far as alignment
/// is concerned ([`crate::lexicon`]); computed once per distinct word.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WordClass {
    /// Ordinary and not a form of a listed name: a span made only of such
    /// words is ordinary.
    ordinary: bool,
    /// Written, as it is, as a name word of the shipped name lists
    /// ([`NameParts::shipped`]): its first letter is no clitic for a
    /// sound-alike match (فيتالي is Vitaly, not ف + Italy).
    listed_name: bool,
    /// A spelling of the shipped name lists, as written or after a
    /// one-letter clitic that leaves three letters or more (وجون).
    name_part: bool,
    /// How a span of this word alone is judged.
    alone: Veto,
    /// A month or weekday name (نيسان, April in the Levant, is also Nissan).
    month: bool,
    /// It may be a word of a name of several words: not `ordinary` (ترامب,
    /// لاند), or a dictionary word that looks about as foreign as a name
    /// (سام, جون: [`crate::lexicon::FOREIGN_LIKE_AFTER_CLITIC`]), or a word
    /// of a spelling of the shipped name lists or of a candidate's known
    /// spelling, as written or after a one-letter clitic (وجوني), or ذا,
    /// the English article of a title.
    name_like: bool,
    /// How foreign the word looks when nothing explains it (no dictionary
    /// reading, no function word, at least [`MIN_GUESS_LETTERS`] letters),
    /// as written and after a one-letter clitic ([`GUESS_CLITICS`]): what
    /// makes it part of a name no candidate matched. Computed only when the
    /// build composes or guesses names.
    foreign: Option<Foreignness>,
}

/// [`WordClass::foreign`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Foreignness {
    written: f32,
    /// After a one-letter clitic, when the rest has enough letters.
    peeled: Option<f32>,
}

/// How much more foreign a word must look without its first letter for
/// that letter to be read as a clitic ([`GUESS_CLITICS`]) before a
/// guessed name.
const CLITIC_FOREIGNNESS_MARGIN: f32 = 0.3;

/// Fewest letters of a word of a name composed or guessed.
const MIN_GUESS_LETTERS: usize = 3;

/// The one-letter clitics read off a name that nothing matched: ف and ك
/// rarely stand before a name and often begin one (فالنتينو, كريستيان).
const GUESS_CLITICS: [char; 3] = ['و', 'ب', 'ل'];

/// Foreignness each word of a composed or guessed name of several words
/// needs ([`crate::lexicon::Lexicon::foreignness`]); one word alone needs
/// [`crate::lexicon::FOREIGN_LIKE_WORD`].
const FOREIGN_LIKE_NAME_WORD: f32 = 1.0;

/// Most words of a name composed from name parts.
const MAX_COMPOSED_WORDS: usize = 4;

/// The least confidence of a guess that is written (`--guess`): below it
/// the guesser finds other spellings likelier together than its first,
/// and on the development articles every such guess was wrong (letters
/// run together, names the letter model cannot spell: Tsovalares 0.10,
/// Junqueras as Junkers 0.27), while none that was right scored under 0.6.
const GUESS_MIN_CONFIDENCE: f32 = 0.5;

/// The score of a name composed of listed spellings: 0.8 to 0.95 by the
/// guesser's confidence in the English (lower when a spelling is listed
/// with several), never the 1.0 of an exact gazetteer spelling, since only
/// the words, not the name, are known.
fn composed_score(confidence: f32) -> f32 {
    0.8 + 0.15 * confidence
}

/// Whether a span is ordinary Arabic instead of a name, before anything
/// is matched.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Veto {
    /// It may be a name.
    None,
    /// It is ordinary whatever spelling matched: a function word, a month
    /// or a relative adjective is never a name on its own (التشيلي is
    /// "the Chilean" although تشيلي is a listed name).
    Always,
    /// It is ordinary unless there is evidence besides its sound: an exact
    /// gazetteer spelling, or a name the batch writes in Latin letters
    /// (تسلا beside Tesla). A dictionary word that does not look foreign,
    /// or a span of several words that are all ordinary.
    UnlessEvidence,
}

impl WordClass {
    /// A Latin word: never ordinary, never a name part.
    const LATIN: WordClass = WordClass {
        ordinary: false,
        listed_name: false,
        name_part: false,
        alone: Veto::None,
        month: false,
        name_like: true,
        foreign: None,
    };

    /// The class of `word` (as written); `name_words` are the words of the
    /// candidates' known Arabic spellings ([`AlignModel::name_words`]).
    fn of(word: &str, composing: bool, name_words: &hashbrown::HashSet<String>) -> WordClass {
        use crate::lexicon::{Lexicon, Ordinary};
        let lexicon = Lexicon::embedded();
        let judgement = lexicon.judge(word);
        // Tanween (ميتًا, "dead"; عامًا) marks an inflected Arabic word: a
        // name written in Arabic letters takes none.
        let tanween = word.chars().any(|c| matches!(c, '\u{064B}' | '\u{064C}' | '\u{064D}'));
        let alone = match judgement.reason {
            _ if tanween => Veto::Always,
            Some(Ordinary::FunctionWord | Ordinary::Month | Ordinary::Nisba) => Veto::Always,
            _ if judgement.name => Veto::None,
            Some(Ordinary::Word | Ordinary::AfterClitic) if judgement.foreignness < ORDINARY_FOREIGNNESS => {
                Veto::UnlessEvidence
            }
            _ => Veto::None,
        };
        let ordinary = tanween || (!judgement.name && judgement.is_ordinary());
        let letters = word.chars().filter(|&c| crate::normalize::is_arabic_letter(c)).count();
        // The judgement skips the dictionary for words that look foreign;
        // a name guessed from nothing else must not be a dictionary word
        // at all (دول "states", شريك "partner" look foreign by their
        // letters alone).
        let foreign = (composing
            && judgement.reason.is_none()
            && !judgement.name
            && letters >= MIN_GUESS_LETTERS
            && lexicon.ordinary_reason(word).is_none())
        .then(|| {
            let rest = word.strip_prefix(GUESS_CLITICS).filter(|r| r.chars().count() >= MIN_GUESS_LETTERS);
            Foreignness { written: lexicon.foreignness(word), peeled: rest.map(|r| lexicon.foreignness(r)) }
        });
        let spellings = NameParts::shipped_spellings();
        let norm = crate::normalize::normalize(word);
        let listed = spellings.contains_key(norm.as_str());
        let listed_name = word.starts_with(ONE_LETTER_CLITICS) && listed;
        let peeled = norm.strip_prefix(ONE_LETTER_CLITICS);
        let name_like = !ordinary
            || judgement.foreignness >= crate::lexicon::FOREIGN_LIKE_AFTER_CLITIC
            || listed
            || peeled.is_some_and(|rest| spellings.contains_key(rest))
            || name_words.contains(norm.as_str())
            || peeled.is_some_and(|rest| name_words.contains(rest))
            // ذا spells the English article of a title (ذا تايمز).
            || norm == crate::extract::ENGLISH_ARTICLE;
        let month = judgement.reason == Some(Ordinary::Month);
        let name_part = listed
            || peeled.is_some_and(|rest| rest.chars().count() >= MIN_GUESS_LETTERS && spellings.contains_key(rest));
        WordClass { ordinary, listed_name, name_part, alone, month, name_like, foreign }
    }
}

/// Words that introduce a company, brand or market by name (matching
/// form, after an optional one-letter clitic): شركة نيسان, سيارات نيسان,
/// سوق تداول, تطبيق طلبات, صندوق مبادلة, روبوت بارد, نموذج كوين, متجر شين.
const BRAND_INTRODUCERS: &[&str] = &[
    "شركه",
    "مجموعه",
    "سيارات",
    "سياره",
    "علامه",
    "ماركه",
    "مصنع",
    "طراز",
    "صانعه",
    "سوق",
    "مؤشر",
    "بورصه",
    "منصه",
    "تطبيق",
    "روبوت",
    "نموذج",
    "متجر",
    "صندوق",
    "بنك",
    "مصرف",
];

/// Whether `word` (matching form) introduces a company or brand name.
fn introduces_brand(word: &str) -> bool {
    let peeled = word.strip_prefix(ONE_LETTER_CLITICS);
    BRAND_INTRODUCERS.iter().any(|b| word == *b || peeled == Some(*b))
}

/// Whether `en` is an acronym or a letter: one word of capitals (and
/// digits), such as OLED, PNAS, CLSA or X.
fn is_latin_acronym(en: &str) -> bool {
    let mut capitals = 0;
    for c in en.chars() {
        match c {
            'A'..='Z' => capitals += 1,
            '0'..='9' => {}
            _ => return false,
        }
    }
    capitals >= 1
}

/// The [`Veto`] of the span of `classes` (one per word).
fn span_veto(classes: &[WordClass]) -> Veto {
    match classes {
        [one] => one.alone,
        _ if classes.iter().all(|c| c.ordinary) => Veto::UnlessEvidence,
        _ if classes.iter().any(|c| c.alone == Veto::UnlessEvidence) => Veto::UnlessEvidence,
        _ => Veto::None,
    }
}

/// Whether a span the aligner would accept is ordinary Arabic instead of a
/// name (its [`Veto`]). Acronyms (letter names) are never ordinary. A term
/// the article writes in Latin letters (`in_latin`) is evidence of its own,
/// and so is a gazetteer spelling written as the gazetteer writes it,
/// hamzas included (`as_listed`, asked only of gazetteer verdicts that need
/// it): an ordinary word (`ordinary_word`) that is a gazetteer spelling
/// only in matching form is that word (إبل, "camels", is not أبل, Apple).
/// A term only a list, the gazetteer or other articles' English supplies
/// (`no_evidence_here`) is no evidence for an ordinary word that merely
/// sounds like it; the English of the article itself (`in_own_english`)
/// is, as its Latin text is.
fn is_ordinary_arabic(
    veto: Veto,
    choice: &SpanChoice,
    ordinary_word: bool,
    in_latin: bool,
    in_own_english: bool,
    no_evidence_here: bool,
    as_listed: impl FnOnce() -> bool,
) -> bool {
    let gazetteer = choice.verdict.method == Method::Gazetteer;
    match veto {
        _ if choice.verdict.method == Method::Acronym => false,
        Veto::Always => true,
        // A name only a list, the gazetteer or other articles' English
        // supplies is matched by sound too, to find spellings it lacks; an
        // ordinary word that merely sounds like one of its spellings is
        // that word (ذيل, "tail", is not Dell, spelt ديل).
        Veto::None if no_evidence_here && !gazetteer => ordinary_word,
        Veto::None => gazetteer && ordinary_word && !as_listed(),
        Veto::UnlessEvidence if gazetteer => !as_listed() && (ordinary_word || !in_latin),
        // The Latin spelling vouches for a word that sounds closely
        // like it (ميتا beside Meta), not for one merely alike
        // (أبنائي, "my sons", beside OpenAI); so does the article's English.
        Veto::UnlessEvidence => !(in_latin || in_own_english) || choice.verdict.score < ORDINARY_BESIDE_LATIN_MIN,
    }
}

/// How common a name is in English text: the band
/// ([`NameParts::english_band`]) of its rarest word, `None` when the
/// frequency list lacks one of them.
fn english_band(en: &str) -> Option<u16> {
    en.split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(NameParts::english_band)
        .try_fold(0, |rarest, band| band.map(|b| b.max(rarest)))
}

/// How much more often Arabic may write the everyday word `word` (one
/// word, as written; `stem` without the clitics the match peeled) than
/// English writes the list's name `en` that sounds like it, before the name is taken for found by chance (`by_chance` in
/// [`Aligner::align_arabic`]): [`NAME_PRIOR_BANDS`], or none for a common
/// English word and a word the dictionary reads as written, without the
/// article. A common word is the name of an institution that Arabic
/// writes with the article (الكونغرس, Congress; الكرملين, Kremlin), as
/// often a word as a name; without it, it is a surname, and English
/// writes Tower, Mill and Grey far more often as words than as anyone's
/// name: their frequency is all the slack the name gets (توفير,
/// "providing", 416, is not Tower, 450, nor is وتوفير; هيل, 464, is still
/// Hill, 418). A stem read only after a clitic (فورد, Ford, is also ف +
/// ورد) keeps the slack: its frequency is mostly the name's.
fn name_prior_margin(word: &str, stem: &str, en: &str) -> u16 {
    let surname_like = !written_with_article(word)
        && NameParts::is_common_english_word(en)
        && crate::lexicon::Lexicon::embedded().ordinary_reason(stem) == Some(crate::lexicon::Ordinary::Word);
    if surname_like { 0 } else { NAME_PRIOR_BANDS }
}

/// How much rarer a name must be in English than a dictionary word that
/// sounds like it is in Arabic, for a word that is not everyday
/// ([`rare_name_for_written_word`]): 120, a factor of sixteen, since the
/// frequency of a rare Arabic form owes much to the names spelled like it
/// (بالو, 574, is Palu, 687, in news of Indonesia; تأميم, 566, is not
/// Tamam, 745). On ntrex_dev with 1,000 other names in a list, 60 loses
/// Palu.
const RARE_WORD_NAME_PRIOR_BANDS: u16 = 120;

/// Whether `word` (one word, as written) is a dictionary word that Arabic
/// text writes, however rarely (it has a frequency band), and `en` a name
/// that English text writes much less often ([`RARE_WORD_NAME_PRIOR_BANDS`]) or not
/// at all ([`english_band`]): a list's name that sounds like such a word
/// is found by chance (تأميم, "nationalization", 566, is not Tamam, 745),
/// however foreign the word's letters look. [`EVERYDAY_FORM_BAND`] bounds
/// the same comparison for the words that are not of the dictionary.
fn rare_name_for_written_word(word: &str, en: &str) -> bool {
    word_outweighs_name(word, en, u16::MAX, RARE_WORD_NAME_PRIOR_BANDS)
}

/// Whether `word` (as written) is a dictionary word of a frequency band of
/// at most `max_band` that Arabic writes more often, by more than `margin`
/// bands, than English writes `en` (or English does not write `en`).
fn word_outweighs_name(word: &str, en: &str, max_band: u16, margin: u16) -> bool {
    let lexicon = crate::lexicon::Lexicon::embedded();
    // The English frequencies (a list of 158,000 words, loaded on first
    // use) are asked last, of dictionary words only.
    lexicon.frequency_band(word).filter(|&b| b <= max_band).is_some_and(|arabic| {
        lexicon.ordinary_reason(word) == Some(crate::lexicon::Ordinary::Word)
            && english_band(en).is_none_or(|english| english > arabic + margin)
    })
}

/// How much rarer (in frequency bands) a brand of the gazetteer must be in
/// English than its one-word Arabic spelling is in Arabic, as an everyday
/// dictionary word ([`EVERYDAY_FORM_BAND`]), to need a word of context
/// (`everyday_brand` in [`Aligner::align_arabic`]): 90, a factor of eight.
/// Bard (566) for بارد (468, "cold") and Shein (706) for شين (456) do; Dell
/// (533) for ديل (465) and Meta (526) for ميتا (473), which Arabic news
/// writes mostly for the companies, do not.
const BRAND_PRIOR_BANDS: u16 = 90;

/// Whether `word` (as written) is an everyday dictionary word that Arabic
/// writes [`BRAND_PRIOR_BANDS`] more often than English writes the brand
/// `en`.
fn brand_rarer_than_word(word: &str, en: &str) -> bool {
    word_outweighs_name(word, en, EVERYDAY_FORM_BAND, BRAND_PRIOR_BANDS)
}

/// Whether `word` (as written) is a proper noun of the dictionary that the
/// shipped place names know (in any of its forms) by an English other
/// than `en`, and `en` names no shipped place either (a list's Holland
/// for هولندا, the Netherlands, is another name of a place, not someone's
/// name that sounds like it).
fn names_another_place(word: &str, en: &str) -> bool {
    dictionary_place_names(word).is_some_and(|names| !names.iter().any(|n| *n == fold_key(en)))
        && !crate::candidates::is_shipped_place(en)
}

/// How alike two English names must sound (the scorer's similarity of
/// their keys) to be spellings of one name (Younan and Yunnan, 0.86;
/// Ronald and Donald, 0.77, are two names).
const SAME_NAME_MIN: f32 = 0.85;

/// Whether `stem` (one word, matching form, clitics peeled) is a spelling
/// the shipped name lists give one English only, a name no word of `en`
/// sounds like and that sounds clearly closer to the spelling than `en`
/// does (by [`CLEARLY_CLOSER`] over `score`): دونالد is Donald (1.0), not a
/// list's Ronald (0.81) that sounds like it. The lists' English is one
/// person's romanization, not always the usual one: نيوم is given as Nyom
/// (1.0), no clearer than NEOM (0.975).
fn spells_another_name(stem: &str, en: &str, score: f32) -> bool {
    let Some(Some(name)) = NameParts::shipped_spellings().get(stem) else {
        return false;
    };
    let name = english_key(name);
    !en.split([' ', '-']).any(|w| similarity(&english_key(w), &name) >= SAME_NAME_MIN)
        && similarity(&arabic_key(stem), &name) >= score + CLEARLY_CLOSER
}

/// How much closer than a candidate a spelling's English in the shipped
/// name lists must sound to be the name instead ([`spells_another_name`]):
/// German for جيرمان (0.975) against Gorman (0.875) is.
const CLEARLY_CLOSER: f32 = 0.08;

/// The English names (folded) that the shipped place names give the
/// proper noun of the dictionary `word` (any text form) is a form of. The
/// dictionary writes some names without the article their usual spelling
/// has (صين for الصين): a word written with it is looked up with it (يونان
/// alone is Yunnan, اليونان Greece).
fn dictionary_place_names(word: &str) -> Option<&'static [String]> {
    let name = crate::lexicon::Lexicon::embedded().name_of(word)?;
    crate::candidates::shipped_place_names(&name).or_else(|| {
        let with_article = format!("ال{name}");
        let written_with_article = crate::normalize::normalize(word).ends_with(&with_article);
        written_with_article.then(|| crate::candidates::shipped_place_names(&with_article)).flatten()
    })
}

/// How much rarer (in frequency bands, a tenth of a decade each) a name
/// may be in English than an everyday Arabic word sounding like it is in
/// Arabic, for a list's word to make that word the name: 60, a factor of
/// four, so that ميتا (473) is Meta (526) where a list has Meta, and مياه
/// (417) is not Mia (513). On ntrex_dev with 1,000 and 10,000 other names
/// in the list, 0 is a little more precise (.912 and .736 against .901 and
/// .723) and loses Meta.
const NAME_PRIOR_BANDS: u16 = 60;

/// The band ([`crate::lexicon::Lexicon::frequency_band`]) up to which an
/// Arabic word form is everyday: كنت (309), نكون (415), برلمان (505), ذيل
/// (513), دالي (530) are; وارن (537, Warren), أوبر (570) and سلاك (692) are
/// not. On ntrex_dev with 1,000 and 10,000 other names in a list, 530
/// rather than 500 raises precision (.901 to .904, .724 to .753) and loses
/// no name; 560 loses one.
const EVERYDAY_FORM_BAND: u16 = 530;

/// How common `word` (as written) is in Arabic when it is an everyday form
/// ([`EVERYDAY_FORM_BAND`]), as written or after a one-letter clitic
/// (فأراد is ف + أراد, "he wanted"): the band of the commoner reading.
fn everyday_band(word: &str) -> Option<u16> {
    let lexicon = crate::lexicon::Lexicon::embedded();
    let band = |w: &str| lexicon.frequency_band(w).filter(|&b| b <= EVERYDAY_FORM_BAND);
    let rest = word.strip_prefix(ONE_LETTER_CLITICS).filter(|rest| rest.chars().count() >= 2).and_then(band);
    match (band(word), rest) {
        (Some(written), Some(peeled)) => Some(written.min(peeled)),
        (written, peeled) => written.or(peeled),
    }
}

/// The score an ordinary word needs to be taken for a name its article
/// writes in Latin letters: أمل beside Amal scores 0.89, أبنائي beside
/// OpenAI 0.87, السيناتور beside Century 0.84.
const ORDINARY_BESIDE_LATIN_MIN: f32 = 0.88;

/// How closely a function word must sound like the first or last word of
/// a name its article's English gives to begin or end a span
/// ([`Aligner::name_edge_words`]): لا is La at 1.0.
const NAME_EDGE_WORD_MIN: f32 = 0.9;

/// One aligned place in an article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Occurrence {
    /// Index of the English candidate.
    pub term: usize,
    /// The English when it is no candidate (composed from name parts):
    /// then `term` is meaningless.
    pub composed: Option<Composed>,
    /// The rendering as written (clitics, marks and tatweel removed).
    pub surface: String,
    /// How it was aligned.
    pub method: Method,
    /// Alignment score in `[0, 1]`.
    pub score: f32,
    /// Byte range of the rendering in the article text.
    pub start: usize,
    /// End of that byte range.
    pub end: usize,
}

/// A name no candidate holds, composed or guessed: its English and kind
/// (empty when unknown).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Composed {
    pub en: Box<str>,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Copy)]
struct Verdict {
    term: usize,
    score: f32,
    method: Method,
    /// The score this verdict had to reach (after reading penalties).
    required: f32,
}

#[derive(Debug, Clone, Copy)]
struct SpanChoice {
    first: usize,
    end: usize,
    display_skip: usize,
    restore_article: bool,
    verdict: Verdict,
    /// Score after the reading's penalties.
    adjusted: f32,
    /// A span of one word whose reading peeled a clitic and left a
    /// dictionary word (بأمان is ب + أمان, "safety"; بالود is ب + الود).
    stem_ordinary: bool,
    /// The English words composed after the name, which `end` takes in
    /// (غوغل فنتشرز: Google + Ventures; see
    /// [`Aligner::extend_by_compound_words`]).
    compound: Composition,
}

impl SpanChoice {
    /// The weight maximised by overlap resolution: what the score gains over
    /// an even chance, per word, plus a bonus per extra word, so a longer
    /// reading wins when it scores about as well as its pieces.
    fn weight(&self) -> f32 {
        let words = (self.end - self.first) as f32;
        words * (self.adjusted - 0.5) + LONGER_SPAN_BONUS * (words - 1.0)
    }
}

/// Score a word the dictionary reads (راديو, سنتر: loanwords) needs to
/// be taken as an English word after a name ([`Aligner::extend_by_compound_words`]);
/// one it does not read needs [`COMPOUND_WORD_MIN`].
const COMPOUND_READ_WORD_MIN: f32 = 0.94;

/// Fewest letters of an Arabic word taken as an English word after a
/// name: shorter ones (بست, ميل) sound like too many words.
const COMPOUND_MIN_LETTERS: usize = 4;

/// Most letters of such a word: the longest English word of names
/// (Pharmaceuticals) needs fewer, and a longer token is no word at all.
const COMPOUND_MAX_LETTERS: usize = 20;

/// Weight a word of a choice loses in a parallel article whose English
/// does not name its term (see [`Aligner::unvouched_in_parallel`]).
const UNVOUCHED_IN_PARALLEL: f32 = 0.05;

/// Weight bonus per word beyond the first (see [`SpanChoice::weight`]).
const LONGER_SPAN_BONUS: f32 = 0.1;

/// Candidates examined per span: the best one that passes its own
/// threshold (gazetteer-only terms need more) is taken.
const VERDICT_CANDIDATES: usize = 4;

/// The score a span of words that look foreign and that no dictionary
/// knows needs against a name of its own article's English: a handful of
/// names, one of which the span very likely renders (أوهايو, Ohio, 0.74;
/// إلينوي, Illinois, 0.73: spellings the letter-by-letter score finds far).
/// Not for an English word that is a common word (Man is no name for
/// ألمانيا) or an adjective of a place (Spanish), nor for a span with the
/// article ال. On ntrex_dev (JSONL with `en`, no gazetteer) names F1 .879
/// → .883, line pairs .884 → .889.
pub(crate) const ARTICLE_ENGLISH_FOREIGN_MIN: f32 = 0.70;

/// Fewest sound classes of a spelling that is looked up by its sound
/// classes ([`AlignModel::variant_spellings`]): shorter ones are shared by
/// too many everyday words.
const VARIANT_MIN_CLASSES: usize = 4;

/// Similarity to a known Arabic spelling above which a gazetteer-only
/// term needs no more than the usual score.
const KNOWN_SPELLING_CLOSE: f32 = 0.9;

/// Similarity to a known Arabic spelling below which a gazetteer-only term
/// is not taken at all.
const KNOWN_SPELLING_FAIR: f32 = 0.8;

/// The most two first sounds may cost to substitute and still begin
/// spellings of one name: the letters Arabic media write for one English
/// sound (ج غ ق for g, 10 to 25; تش and ش for ch), not a sound of its own
/// (ز for s, خ for g: 35).
const FIRST_SOUND_MAX_COST: u16 = 30;

/// The first sound of a key: past the article ال and the ت of تش (ch).
fn first_sound(key: &[u8]) -> Option<u8> {
    let key = key.strip_prefix(b"'l").filter(|rest| rest.first().is_some_and(|&b| b != BOUNDARY)).unwrap_or(key);
    let key = key.strip_prefix(b"c").filter(|rest| rest.first() == Some(&b'S')).unwrap_or(key);
    key.first().copied()
}

/// The English letters that may spell each one-letter clitic's sound
/// (و is also the w of Wagner, Ouattara; ف the v and w of Volkswagen,
/// Wagner; ك the c, ch, q of Clegg, Christine, Qatar).
const CLITIC_SOUNDS: &[(char, &[&str])] = &[
    ('و', &["w", "ou"]),
    ('ب', &["b", "p"]),
    ('ف', &["f", "v", "ph", "w"]),
    ('ل', &["l"]),
    ('ك', &["k", "c", "q", "x"]),
];

/// Whether a later word of `span` (matching form) begins with a one-letter
/// clitic whose sound the English lacks past its first letter: جون وكينيدي
/// is "John and Kennedy" and جون بكينيدي "John, with Kennedy", not John F.
/// Kennedy; كيم وجونغ أون is no Kim Jong Un. A name's own letter keeps
/// its sound somewhere in the English: ووترز in ماكسين ووترز (Waters),
/// بوك in فيس بوك (Facebook), بيت in براد بيت (Pitt).
fn joins_words_the_english_does_not(span: &str, en: &str) -> bool {
    let rest = en.char_indices().nth(1).map_or("", |(at, _)| &en[at..]).as_bytes();
    let sounded = |sound: &str| rest.windows(sound.len()).any(|w| w.eq_ignore_ascii_case(sound.as_bytes()));
    span.split(' ').skip(1).filter(|w| w.chars().count() > 2).any(|w| {
        let first = w.chars().next();
        CLITIC_SOUNDS
            .iter()
            .find(|(clitic, _)| Some(*clitic) == first)
            .is_some_and(|(_, sounds)| !sounds.iter().any(|s| sounded(s)))
    })
}

/// Whether `stem`, a word (matching form) without its nisba ending
/// ([`strip_nisba`]), is the stem of the relative adjective of a place
/// spelled one of `spellings`: the place without its final ا, يا, ة or ي,
/// article and alefs aside (اللاتفية of لاتفيا, البافاري of بافاريا,
/// الفرنسي of فرنسا, المصرية of مصر, الكتالوني of كاتالونيا). An adjective
/// is translated (Latvian), not the place.
fn is_nisba_stem_of_any(stem: &str, spellings: &[String]) -> bool {
    let stem = stem.strip_prefix("ال").filter(|rest| rest.chars().count() >= 2).unwrap_or(stem);
    // Alef, a long a, is written or left out alike (كاتالونيا, الكتالوني).
    let without_alef = |s: &str| s.chars().filter(|&c| c != 'ا').collect::<Vec<char>>();
    let stem = without_alef(stem);
    spellings.iter().any(|spelling| {
        let place = crate::normalize::normalize(spelling);
        let place = place.strip_prefix("ال").unwrap_or(&place);
        let root = ["يا", "ا", "ه", "ي"].iter().find_map(|s| place.strip_suffix(s)).unwrap_or(place);
        root.chars().count() >= 2 && root.chars().filter(|&c| c != 'ا').eq(stem.iter().copied())
    })
}

/// How closely `key` resembles a candidate's known Arabic spellings
/// (their `known` keys): the best similarity among those that begin with
/// its sound ([`same_first_sound`]), 0 when none does.
fn likeness_to_known(key: &[u8], known: &[Vec<u8>]) -> f32 {
    known.iter().filter(|k| same_first_sound(key, k)).map(|k| similarity(key, k)).fold(0.0, f32::max)
}

/// Whether two keys begin with the same sound ([`FIRST_SOUND_MAX_COST`]).
/// Spellings of one name vary inside it (vowels written or not, غ or ج),
/// not in how it begins: سوس is no spelling of أسوس (Asus), زيسكو none of
/// سيسكو (Cisco), غارسون ("garçon") none of خيرسون (Kherson), however
/// alike they sound to the English.
fn same_first_sound(a: &[u8], b: &[u8]) -> bool {
    match (first_sound(a), first_sound(b)) {
        (Some(x), Some(y)) => x == y || costs().sub(x, y) <= FIRST_SOUND_MAX_COST,
        _ => false,
    }
}

/// Bytes of span texts and verdicts remembered for a batch: what keeps
/// memory flat on batches of any size.
const SPAN_MEMO_BYTES: usize = 128 << 20;

/// Bytes of words and their classes remembered for a batch.
const WORD_MEMO_BYTES: usize = 16 << 20;

/// What alignment needs that does not change during a batch: the
/// candidates, the index over their keys, the exact look-up table of known
/// Arabic spellings. Built once and shared by the [`Aligner`]s of all
/// threads.
pub(crate) struct AlignModel {
    candidates: CandidateSet,
    config: AlignConfig,
    /// Every transliterable candidate.
    all: TermIndex,
    /// The candidates that a list or the batch's Latin letters offer: all
    /// that a one-word span that is an ordinary word is searched among
    /// ([`Aligner::ordinary_span`]).
    vouched: TermIndex,
    /// hashbrown's hasher: faster than std's, asked for every span.
    lookup: hashbrown::HashMap<String, usize>,
    /// Every known Arabic spelling as written (marks removed only).
    listed: hashbrown::HashSet<String>,
    /// Keys of each candidate's known Arabic spellings (empty when none).
    known_keys: Vec<Vec<Vec<u8>>>,
    /// The candidates matched by exact spelling only (the gazetteer's
    /// `-exact` and `translated` files), by the sound classes of their
    /// known spellings ([`crate::score::Costs::class_skeleton_into`]): a
    /// span with the same is looked at as another spelling of theirs
    /// ([`Aligner::variant_verdict`]).
    variant_spellings: hashbrown::HashMap<Box<[u8]>, Vec<u32>>,
    /// The words (matching form) of the known Arabic spellings of the
    /// candidates that are transliterated, function words aside: what
    /// makes an ordinary word a possible part of a name
    /// ([`WordClass::name_like`]; لاند of جاغوار لاند روفر).
    name_words: hashbrown::HashSet<String>,
    /// The function words (matching form) that start or end a known
    /// spelling of several words (إن of لينكد إن, LinkedIn; علي of علي
    /// بابا, whose matching form is that of على, "on"): a span may begin or
    /// end with one when it is such a spelling as written.
    listed_edge_words: hashbrown::HashSet<String>,
    /// The verdicts of the span texts seen so far, shared by all threads.
    memo: TextMemo<Option<Verdict>>,
    /// The same for one-word spans that are ordinary words
    /// ([`Aligner::ordinary_span`]), searched among fewer candidates.
    ordinary_memo: TextMemo<Option<Verdict>>,
    /// The class of the words seen so far.
    words: TextMemo<WordClass>,
    /// [`Aligner::is_word_as_written`] of the words asked so far.
    as_written: TextMemo<bool>,
    /// Where each long Arabic token is several words run together
    /// ([`crate::lexicon::Lexicon::run_together_splits`]), by token.
    run_together: TextMemo<u64>,
    /// What names no candidate matches may be composed or guessed from.
    compose: Option<Composer>,
}

/// The top guess for a run of words: English, confidence, source.
type TopGuess = Option<(Box<str>, f32, Source)>;

/// How the aligner names what no candidate matches (`--guess`).
pub struct Composer {
    guesser: &'static Transliterator<'static>,
    /// The guess of each run text seen so far: few, since runs of
    /// foreign-looking words no candidate matches are rare.
    memo: std::sync::Mutex<hashbrown::HashMap<String, TopGuess>>,
}

impl Composer {
    /// Guesses with the shipped guesser and name parts.
    pub(crate) fn shipped() -> Composer {
        let guesser = Transliterator::shipped();
        if let Some(names) = guesser.names() {
            names.prepare_search();
        }
        Composer { guesser, memo: Default::default() }
    }

    /// The top guess for a run's text (clitic peeled), remembered.
    fn guess(&self, text: &str) -> TopGuess {
        if let Some(known) = self.memo.lock().expect("the guess memo is never poisoned").get(text) {
            return known.clone();
        }
        let top = self.guesser.guess(text, 1).into_iter().next().map(|g| (g.english.into(), g.score, g.source));
        self.memo.lock().expect("the guess memo is never poisoned").insert(text.to_string(), top.clone());
        top
    }
}

impl AlignModel {
    /// Prepares the index and the exact look-up table.
    pub fn new(candidates: CandidateSet, config: AlignConfig, compose: Option<Composer>) -> Self {
        let terms = candidates.terms();
        // A name only the English of a parallel article supplies is that
        // article's: searched from its own Arabic, never from the batch's
        // (بروتين in one article is not Britain of another).
        // A term whose only Arabic is a translation is found by exact
        // spelling alone, unless a list, the Latin letters of the batch or
        // the English of an article offer it as a name to transliterate
        // too (Pyongyang, which a gazetteer also lists as بيونغيانغ).
        // A surname taken from a gazetteer person counts alone only as
        // written (see `drop_surnames_of_people_not_named`): looked up, not
        // searched, unless something else offers it.
        let searchable = |i: usize| {
            let o = &terms[i].origins;
            (!terms[i].translated && terms[i].surname_of.is_none()) || o.list || o.latin || o.english_text
        };
        let all = TermIndex::new(&candidates, searchable, |i| !is_article_english(&terms[i].origins));
        let vouched = TermIndex::new(&candidates, |i| terms[i].origins.list || terms[i].origins.latin, |_| true);
        let lookup = candidates.arabic_lookup();
        let listed = terms
            .iter()
            .flat_map(|t| &t.arabic)
            .map(|a| {
                let mut clean = String::new();
                clean_surface_into(a, &mut clean);
                clean.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        let known_keys: Vec<Vec<Vec<u8>>> =
            terms.iter().map(|t| t.arabic.iter().map(|a| arabic_key(a)).collect()).collect();
        let mut variant_spellings: hashbrown::HashMap<Box<[u8]>, Vec<u32>> = hashbrown::HashMap::new();
        let mut classes = Vec::new();
        for (i, keys) in known_keys.iter().enumerate() {
            if searchable(i) || terms[i].surname_of.is_some() || is_article_english(&terms[i].origins) {
                continue;
            }
            for key in keys {
                classes.clear();
                costs().class_skeleton_into(key, &mut classes);
                if classes.iter().filter(|&&b| b != BOUNDARY).count() >= VARIANT_MIN_CLASSES {
                    let list = variant_spellings.entry(classes.as_slice().into()).or_default();
                    if !list.contains(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        let name_words = terms
            .iter()
            .filter(|t| !t.translated)
            .flat_map(|t| &t.arabic)
            .flat_map(|a| crate::normalize::normalize(a).split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !is_stopword(w))
            .collect();
        let listed_edge_words = lookup
            .keys()
            .filter_map(|spelling| Some((spelling.split_once(' ')?.0, spelling.rsplit_once(' ')?.1)))
            .flat_map(|(head, last)| [head, last])
            .filter(|w| is_stopword(w))
            .map(str::to_string)
            .collect();
        AlignModel {
            candidates,
            config,
            all,
            vouched,
            lookup,
            listed,
            known_keys,
            variant_spellings,
            name_words,
            listed_edge_words,
            memo: TextMemo::new(SPAN_MEMO_BYTES),
            ordinary_memo: TextMemo::new(SPAN_MEMO_BYTES / 4),
            words: TextMemo::new(WORD_MEMO_BYTES),
            as_written: TextMemo::new(WORD_MEMO_BYTES / 4),
            run_together: TextMemo::new(WORD_MEMO_BYTES / 4),
            compose,
        }
    }

    /// The candidates aligned against.
    pub fn candidates(&self) -> &CandidateSet {
        &self.candidates
    }

    /// A new aligner (its own buffers) over this model.
    pub fn aligner(&self) -> Aligner<'_> {
        Aligner {
            model: self,
            words: ArticleWords::default(),
            classes: Vec::new(),
            reach: Reach::Batch,
            article_latin: Vec::new(),
            article_english: Vec::new(),
            article_terms: Vec::new(),
            article_whole_terms: Vec::new(),
            name_edge_words: Vec::new(),
            english_lower_keys: Vec::new(),
            english_lower_at: Vec::new(),
            span: String::new(),
            written: String::new(),
            span_words: None,
            readings: Vec::new(),
            ordinary_span: false,
            stem_keys: Vec::new(),
            word_keys: Vec::new(),
            word_key_at: Vec::new(),
            key: Vec::new(),
            variant_key: Vec::new(),
            scratch: SearchScratch::default(),
            matches: Vec::new(),
            choices: Vec::new(),
        }
    }
}

/// An index over some of the candidates, and which candidate each of its
/// terms is.
struct TermIndex {
    index: CandidateIndex,
    /// The candidate of each term of the index.
    terms: Vec<usize>,
    /// The index term of each candidate ([`NOT_INDEXED`] when left out).
    position: Vec<u32>,
}

/// See [`TermIndex::position`].
const NOT_INDEXED: u32 = u32::MAX;

/// See [`Aligner::span_words`].
#[derive(Debug, Clone)]
struct SpanWords {
    first: usize,
    end: usize,
    /// The stem's key, in [`Aligner::stem_keys`].
    stem_key: std::ops::Range<usize>,
    /// A function word inside the span tells that it is no one name
    /// (see [`Aligner::compute_verdict`]).
    inner_function_word: bool,
    /// The first word is written with the article ال, after a one-letter
    /// clitic or not (الأولمبية, بالسلافية; not إلينوي, whose matching
    /// form is that of an article).
    written_article: bool,
}

/// Whether `word`, as written, begins with the article ال, after a
/// one-letter clitic or not (لل is ل + ال).
fn written_with_article(word: &str) -> bool {
    let rest = word.strip_prefix(['و', 'ف', 'ب', 'ك']).unwrap_or(word);
    rest.starts_with("ال") || rest.starts_with("لل")
}

/// One clitic reading of the first word of spans ([`clitic_readings`]).
#[derive(Debug, Clone)]
struct StemReading {
    particles: usize,
    article: bool,
    display_skip: usize,
    restore_article: bool,
    /// Where the stem starts in the word's matching form.
    stem_at: usize,
    /// The stem's key, in [`Aligner::stem_keys`].
    key: std::ops::Range<usize>,
    unambiguous_letter_name: bool,
}

/// How far the aligner looks for a span's name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// Every candidate of the batch, and the names of the article's
    /// English.
    Batch,
    /// The exact look-up, the names the article writes in Latin letters
    /// and those of its English: a span of several words of which one
    /// cannot be part of a name ([`WordClass::name_like`]). Searching the
    /// whole batch for such spans was most of the cost of real news and
    /// found few names.
    Article,
    /// The exact look-up and the names the article writes in Latin
    /// letters: a span that needs evidence besides its sound
    /// ([`Veto::UnlessEvidence`]; تسلا is Tesla where Tesla is written
    /// beside it).
    Evidence,
}

/// Which candidates a span is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Among {
    /// Those of the whole batch (lists, gazetteers, Latin names).
    Batch,
    /// The names the article writes in Latin letters.
    ArticleLatin,
    /// The names only the article's English supplies.
    ArticleEnglish,
}

/// The first word of `choice` without the clitics it peeled (matching
/// form): سيول of وسيول.
fn peeled_stem<'w>(words: &'w ArticleWords, choice: &SpanChoice) -> &'w str {
    let norm = words.norm_of(choice.first);
    &norm[norm.char_indices().nth(choice.display_skip).map_or(norm.len(), |(at, _)| at)..]
}

/// Where the span of `choice` starts and ends in `text`, and how it is
/// shown: clitics peeled (ال put back where لل stood for ل + ال), marks
/// and tatweel removed, one space between words.
fn surface_of(text: &str, words: &ArticleWords, choice: &SpanChoice) -> (usize, usize, String) {
    let first = &words.words[choice.first];
    let start = first.token.start + skip_letters(first.token.text(text), choice.display_skip);
    let end = words.words[choice.end - 1].token.end;
    let mut surface = String::new();
    if choice.restore_article {
        surface.push_str("ال");
    }
    // Word by word with what stands between them (a space, a hyphen), and
    // a space between words the text ran together
    // (ArticleWords::fill_splitting): مايك بومبيو.
    let mut at = start;
    for w in &words.words[choice.first..choice.end] {
        if w.token.start == at && at > start {
            surface.push(' ');
        }
        clean_surface_into(&text[at..w.token.end], &mut surface);
        at = w.token.end;
    }
    (start, end, surface.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether the English `en` starts with a sound the Arabic letter `letter`
/// (a clitic: و ف ب ل ك) can write.
fn starts_with_sound_of(en: &str, letter: char) -> bool {
    // A title's article is not written (واشنطن بوست for The Washington Post).
    let en = en.strip_prefix("The ").unwrap_or(en);
    let Some(first) = english_key(en).first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    let sounds: &[u8] = match letter {
        'و' => b"wouv",
        'ف' => b"fv",
        'ب' => b"bp",
        'ل' => b"l",
        'ك' => b"kcgq",
        _ => return true,
    };
    sounds.contains(&first)
}

/// Whether a candidate comes only from the English of parallel articles.
fn is_article_english(o: &crate::candidates::Origins) -> bool {
    o.english_text && !o.list && !o.latin && !o.gazetteer
}

/// Whether a candidate comes only from the batch's Latin letters.
fn is_latin_only(o: &crate::candidates::Origins) -> bool {
    o.latin && !o.list && !o.gazetteer && !o.english_text
}

impl TermIndex {
    /// The index of the candidates that `keep` keeps; of those, a search of
    /// the whole index sees those that `searched` marks.
    fn new(candidates: &CandidateSet, keep: impl Fn(usize) -> bool, searched: impl Fn(usize) -> bool) -> Self {
        let terms: Vec<usize> = (0..candidates.len()).filter(|&i| keep(i)).collect();
        let names: Vec<&str> = terms.iter().map(|&i| candidates.terms()[i].en.as_str()).collect();
        let marked: Vec<bool> = terms.iter().map(|&i| searched(i)).collect();
        let mut position = vec![NOT_INDEXED; candidates.len()];
        for (at, &term) in terms.iter().enumerate() {
            position[term] = at as u32;
        }
        TermIndex { index: CandidateIndex::new_searched(&names, &marked), terms, position }
    }
}

/// Aligns articles against an [`AlignModel`], one at a time; it holds only
/// buffers. What is remembered through a batch (the verdict of each span
/// text, the class of each word: pure functions of the model) is the
/// model's, shared by all threads, so results never depend on which
/// aligner saw what, and any piece of work may take a new aligner.
pub(crate) struct Aligner<'m> {
    model: &'m AlignModel,
    words: ArticleWords,
    /// The [`WordClass`] of each word of the article (Latin words: none).
    classes: Vec<WordClass>,
    /// Which candidates the span being judged is compared with.
    reach: Reach,
    /// The index terms of the Latin names of the article being aligned.
    article_latin: Vec<usize>,
    /// The index terms that the English of the article being aligned
    /// supplies (some of them lists or Latin text supply too).
    article_english: Vec<usize>,
    /// Every candidate (term id) the English of the article being aligned
    /// names, sorted.
    article_terms: Vec<usize>,
    /// Those of `article_terms` that the English writes as a whole run of
    /// capitalized words somewhere, not only inside a longer one.
    article_whole_terms: Vec<usize>,
    /// Per word of the article: a function word that sounds like the first
    /// or last word of a name of several words its English gives, and so
    /// may begin or end a span of several words there (لا بومبا, La Bomba;
    /// أنا بالارين, Ana Balarin; ري يونغ هو, Ri Yong Ho).
    name_edge_words: Vec<bool>,
    /// The keys of the words of four letters or more that the article's
    /// English writes in lower case, `english_lower_keys[at]` for each
    /// range of `english_lower_at` ([`Aligner::drop_words_the_english_writes_in_lower_case`]).
    english_lower_keys: Vec<u8>,
    english_lower_at: Vec<std::ops::Range<u32>>,
    span: String,
    /// A span as written ([`Aligner::is_listed_as_written`]).
    written: String,
    /// When `span` is a reading of the words `first..end` of the article
    /// (its first word as the reading's stem, the others as written): what
    /// lets [`Aligner::compute_verdict`] use `word_keys` instead of taking
    /// `span` apart again.
    span_words: Option<SpanWords>,
    /// The clitic readings of the word spans start at, with their stems'
    /// keys in `stem_keys`: the same for every span that starts there.
    readings: Vec<StemReading>,
    /// The span being judged is one word, read as written, that the
    /// lexicon calls ordinary (its [`WordClass::ordinary`]). Such a word
    /// is a name the batch supplies only where a list or the batch's Latin
    /// letters vouch for it (or the article's English, searched apart): a
    /// gazetteer's or another article's English name that it merely sounds
    /// like is that word, whatever the score (`is_ordinary_arabic`), so
    /// the batch-wide search looks among the vouched names alone. These
    /// words were two fifths of the one-word spans searched in a batch.
    /// Their verdicts have a memo of their own: a span text's verdict
    /// depends on this flag too.
    ordinary_span: bool,
    stem_keys: Vec<u8>,
    /// The key of each word of the article as written (Latin words: empty),
    /// `word_keys[word_key_at[i]..]`: a span's key is its words' keys
    /// joined by [`crate::romanize::BOUNDARY`], as [`arabic_key_into`]
    /// would make it of the whole span.
    word_keys: Vec<u8>,
    word_key_at: Vec<std::ops::Range<u32>>,
    key: Vec<u8>,
    /// The sound classes of `key` ([`Aligner::variant_verdict`]).
    variant_key: Vec<u8>,
    scratch: SearchScratch,
    matches: Vec<Match>,
    choices: Vec<SpanChoice>,
}

impl Aligner<'_> {
    /// Whether the English of the article being aligned names `term`.
    fn english_names(&self, term: usize) -> bool {
        self.article_terms.binary_search(&term).is_ok()
    }

    /// Whether the article being aligned writes `term` in Latin letters.
    fn latin_writes(&self, term: usize) -> bool {
        self.article_latin.binary_search(&(self.model.all.position[term] as usize)).is_ok()
    }

    fn verdict(&mut self) -> Option<Verdict> {
        if self.reach == Reach::Evidence {
            // The evidence is the article's own: its Latin text, or the
            // English it is a translation of (أريانا, a dictionary word
            // by its letters, is Ariana where the English names Ariana
            // Grande).
            let latin = self.compute_verdict(Among::ArticleLatin);
            if self.article_english.is_empty() {
                return latin;
            }
            return match (latin, self.compute_verdict(Among::ArticleEnglish)) {
                (Some(l), Some(e)) if e.score > l.score => Some(e),
                (None, e) => e,
                (l, _) => l,
            };
        }
        // The memo holds the verdicts of spans searched in the whole batch;
        // a span of Article reach never is (its reach comes from its words).
        let batch = if self.reach == Reach::Article {
            self.compute_verdict(Among::ArticleLatin)
        } else {
            let memo = if self.ordinary_span { &self.model.ordinary_memo } else { &self.model.memo };
            let hash = memo.hash(&self.span);
            memo.get(hash, &self.span).unwrap_or_else(|| {
                let v = self.compute_verdict(Among::Batch);
                memo.insert(hash, &self.span, v);
                v
            })
        };
        if self.article_english.is_empty() {
            return batch;
        }
        // A term this article's English does not name gives way to a name
        // of that English that sounds as the span does: a known spelling
        // (هاريس is Haris in an article whose English writes Haris, not
        // Harris: a translator wants the article's own spelling), and a
        // list's name that merely sounds closer (بريطانيا is Britain where
        // the English writes Britain, not a listed Britney).
        match (batch, self.compute_verdict(Among::ArticleEnglish)) {
            (Some(b), Some(a)) if a.score > b.score || !self.english_names(b.term) => Some(a),
            (None, a) => a,
            // Nor is a span of a parallel article a batch-wide name by
            // sound alone when its English writes no such name: a
            // translation names whom the original names (with 10,000
            // listed names, Arabic words sounded like some list name that
            // no article's English had). An exact gazetteer spelling, or a
            // name the article itself writes in Latin letters, still is.
            (Some(b), None)
                if b.method != Method::Gazetteer && !self.english_names(b.term) && !self.latin_writes(b.term) =>
            {
                None
            }
            (b, _) => b,
        }
    }

    /// A one-word span that is a place the dictionary knows by name is the
    /// name a list or the batch's Latin letters offer that the shipped
    /// place names give it (an article's English is asked on its own, for
    /// its article only), at a score from
    /// [`ARTICLE_ENGLISH_FOREIGN_MIN`]: سوريا is Syria (0.84) and إسبانيا
    /// Spain (0.74) where a list has them, whether or not the run uses the
    /// default gazetteer. A short word needs a close sound to be a list's
    /// name by chance; here the dictionary says what it is.
    fn dictionary_place_verdict(&self) -> Option<Verdict> {
        if self.span_words.as_ref().is_none_or(|s| s.end - s.first != 1) {
            return None;
        }
        let names = dictionary_place_names(&self.span)?;
        let candidates = &self.model.candidates;
        names
            .iter()
            .filter_map(|en| candidates.find(en))
            .filter(|&term| {
                let o = &candidates.terms()[term].origins;
                (o.list || o.latin) && self.model.all.position[term] != NOT_INDEXED
            })
            .map(|term| (term, crate::score::score_pair(&self.span, &candidates.terms()[term].en)))
            // A --min-score above the default is the user's floor here too.
            .filter(|&(_, score)| {
                score >= ARTICLE_ENGLISH_FOREIGN_MIN
                    && (score >= self.model.config.min_score
                        || self.model.config.min_score <= AlignConfig::default().min_score)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(term, score)| Verdict { term, score, method: Method::Transliteration, required: 0.0 })
    }

    fn compute_verdict(&mut self, among: Among) -> Option<Verdict> {
        // The article's English is asked for a name of its own, by sound.
        if !matches!(among, Among::ArticleEnglish)
            && let Some(&term) = self.model.lookup.get(self.span.as_str())
        {
            return Some(Verdict { term, score: 1.0, method: Method::Gazetteer, required: 0.0 });
        }
        if among == Among::Batch
            && let Some(v) = self.dictionary_place_verdict()
        {
            return Some(v);
        }
        let article_terms = match among {
            Among::Batch => None,
            Among::ArticleLatin => Some(&self.article_latin),
            Among::ArticleEnglish => Some(&self.article_english),
        };
        if article_terms.is_some_and(|t| t.is_empty()) {
            return None;
        }
        // A function word inside a span tells that it is not one name,
        // unless it reads as a letter of a spelled acronym (في in إم في بي:
        // the span has an unambiguous letter name too). The exact look-up
        // above still finds a gazetteer spelling with one (في في لي).
        self.key.clear();
        match &self.span_words {
            Some(span) => {
                if span.inner_function_word {
                    return None;
                }
                self.key.extend_from_slice(&self.stem_keys[span.stem_key.clone()]);
                for at in &self.word_key_at[span.first + 1..span.end] {
                    let word = &self.word_keys[at.start as usize..at.end as usize];
                    if !word.is_empty() {
                        if !self.key.is_empty() {
                            self.key.push(BOUNDARY);
                        }
                        self.key.extend_from_slice(word);
                    }
                }
            }
            None => {
                let spelled = self.span.split(' ').any(|w| is_letter_name(w) && !is_ambiguous_letter_name(w));
                let mut inner = self.span.split(' ');
                inner.next();
                inner.next_back();
                if inner.any(|w| is_stopword(w) && !(spelled && is_letter_name(w))) {
                    return None;
                }
                arabic_key_into(&self.span, &mut self.key);
            }
        }
        if self.key.is_empty() {
            return None;
        }
        // A word's first w or y is a consonant (ووترز is Waters, w t r z),
        // although the key counts them with the vowels, which they are
        // inside a word (و of بوتين).
        let initial_semivowels = std::iter::once(0)
            .chain(self.key.iter().enumerate().filter(|&(_, &b)| b == BOUNDARY).map(|(i, _)| i + 1))
            .filter(|&i| matches!(self.key.get(i), Some(b'w' | b'y')))
            .count() as u32;
        let consonants = costs().strong_count(&self.key) + initial_semivowels;
        // The names of the article's own English are a handful, not a
        // list or a gazetteer of thousands that a short Arabic word
        // resembles by chance: they need no more than the usual score
        // (يوتا is Utah at 0.85 where the English says Utah), unless a
        // word of the span has a reading in the lexicon, however foreign
        // it looks (سير, "course", is not Syria). That reading is asked
        // below, only of a span that some name matches under the short
        // floor: asked of every span, it would cost more than all the rest.
        let short = consonants <= self.model.config.short_consonants;
        let lenient = short && among == Among::ArticleEnglish;
        let min = if short && !lenient { self.model.config.short_min_score } else { self.model.config.min_score };
        // An ordinary word is a name its article writes in Latin letters
        // only at a close sound (is_ordinary_arabic): a reading below that
        // is never taken, so it is not looked for, nor does it stand in the
        // way of a reading that would be.
        let min = if self.reach == Reach::Evidence { min.max(ORDINARY_BESIDE_LATIN_MIN) } else { min };
        let foreign_span = self.span_words.as_ref().is_some_and(|s| {
            !s.written_article
                && (s.first..s.end).all(|i| !self.classes[i].ordinary && self.classes[i].alone == Veto::None)
        });
        let usual_min = min;
        let min =
            if among == Among::ArticleEnglish && foreign_span { min.min(ARTICLE_ENGLISH_FOREIGN_MIN) } else { min };
        // A name has about as many words in Arabic as in English: searching
        // only those skips most of the work on runs of ordinary words.
        let TermIndex { index, terms: index_terms, .. } =
            if among == Among::Batch && self.ordinary_span { &self.model.vouched } else { &self.model.all };
        match article_terms {
            Some(among) => index.search_terms_near_words(
                &self.key,
                among,
                VERDICT_CANDIDATES,
                min,
                &mut self.scratch,
                &mut self.matches,
            ),
            None => index.search_near_words(&self.key, VERDICT_CANDIDATES, min, &mut self.scratch, &mut self.matches),
        }
        if min < usual_min {
            // Not a common English word (Man is no name for ألمانيا) nor
            // an adjective of a place (Spanish, Slavic), which the Arabic
            // translates rather than renders.
            let terms = self.model.candidates.terms();
            let index_terms = &self.model.all.terms;
            self.matches.retain(|m| {
                let en = &terms[index_terms[m.term]].en;
                m.score >= usual_min
                    || !(NameParts::is_common_english_word(en)
                        || ["ish", "ese", "ian", "ic", "ean"].iter().any(|s| en.ends_with(s)))
            });
        }
        let short_min = self.model.config.short_min_score;
        if lenient
            && self.matches.iter().any(|m| m.score < short_min)
            && self.span.split(' ').any(|w| crate::lexicon::Lexicon::embedded().ordinary_reason(w).is_some())
        {
            self.matches.retain(|m| m.score >= short_min);
        }
        let terms = self.model.candidates.terms();
        let key = &self.key;
        let known_keys = &self.model.known_keys;
        // A candidate that only a gazetteer supplies must also resemble one
        // of its known Arabic spellings that begins with the span's sound:
        // closely, or fairly closely with a higher transliteration score.
        let span = self.span.as_str();
        let required = |m: &Match| -> Option<f32> {
            let term = index_terms[m.term];
            if joins_words_the_english_does_not(span, &terms[term].en) {
                return None;
            }
            let o = &terms[term].origins;
            if o.list || o.latin || o.english_text {
                return Some(min);
            }
            let like_known = likeness_to_known(key, &known_keys[term]);
            if like_known >= KNOWN_SPELLING_CLOSE {
                Some(min)
            } else if like_known >= KNOWN_SPELLING_FAIR || known_keys[term].is_empty() {
                Some((min + self.model.config.gazetteer_only_margin).min(1.0))
            } else {
                None
            }
        };
        let Some((mut m, required)) =
            self.matches.iter().find_map(|m| required(m).filter(|r| m.score >= *r).map(|r| (m, r)))
        else {
            return (among == Among::Batch && !self.ordinary_span).then(|| self.variant_verdict(min)).flatten();
        };
        // A title offered with and without its article (The Washington
        // Post, Washington Post) scores alike: the Arabic writes the
        // article when it says ذا, and the name without it otherwise.
        if let Some(bare) = terms[index_terms[m.term]].en.strip_prefix("The ")
            && !self.span.starts_with("ذا ")
            && let Some(without) =
                self.matches.iter().find(|o| o.score >= m.score && terms[index_terms[o.term]].en == bare)
        {
            m = without;
        }
        let method = if m.reading == Reading::Spelled { Method::Acronym } else { Method::Transliteration };
        Some(Verdict { term: index_terms[m.term], score: m.score, method, required })
    }

    /// A candidate matched by exact spelling only, for a span in `self.key`
    /// that spells it another way: the same sounds in the same order
    /// ([`AlignModel::variant_spellings`]), close to one of its known
    /// spellings ([`KNOWN_SPELLING_CLOSE`]), and sounding like its English
    /// at `min` or more (سكوبيه beside the listed إسكوبية, Skopje). A
    /// translation (ميونخ, Munich) sounds like no English and is still
    /// matched only as written.
    fn variant_verdict(&mut self, min: f32) -> Option<Verdict> {
        let model = self.model;
        self.variant_key.clear();
        costs().class_skeleton_into(&self.key, &mut self.variant_key);
        let found = model.variant_spellings.get(self.variant_key.as_slice());
        let found = found?;
        // A word of the dictionary or of the name lists is no new spelling
        // of a name the news mentions less often (برزت, "emerged", is not
        // Brest; كريستين is Christine, not Creston).
        let lexicon = crate::lexicon::Lexicon::embedded();
        let spellings = NameParts::shipped_spellings();
        if self.span.split(' ').any(|w| lexicon.ordinary_reason(w).is_some() || spellings.contains_key(w)) {
            return None;
        }
        // Only the gazetteer vouches for these: as for a gazetteer spelling
        // that is only fairly close, the English must sound closer.
        let min = (min + self.model.config.gazetteer_only_margin).min(1.0);
        let mut best: Option<Verdict> = None;
        for &term in found {
            let term = term as usize;
            let like_known = likeness_to_known(&self.key, &model.known_keys[term]);
            if like_known < KNOWN_SPELLING_CLOSE {
                continue;
            }
            for (reading, english) in english_keys(&model.candidates.terms()[term].en) {
                let score = similarity(&self.key, &english);
                if score >= min && best.is_none_or(|b| score > b.score) {
                    let method = if reading == Reading::Spelled { Method::Acronym } else { Method::Transliteration };
                    best = Some(Verdict { term, score, method, required: min });
                }
            }
        }
        best
    }

    /// Aligns one article, appending its occurrences to `out` in text order.
    /// `en` is the English of a parallel article: the names only it
    /// supplies are searched from this article alone.
    pub fn align(&mut self, text: &str, en: Option<&str>, out: &mut Vec<Occurrence>) {
        let mut words = std::mem::take(&mut self.words);
        let memo = &self.model.run_together;
        let lexicon = crate::lexicon::Lexicon::embedded();
        words.fill_splitting(text, |token| {
            if lexicon.is_common_word(token) {
                return 0;
            }
            let hash = memo.hash(token);
            memo.get(hash, token).unwrap_or_else(|| {
                let splits = lexicon.run_together_splits(token);
                memo.insert(hash, token, splits);
                splits
            })
        });
        let first_new = out.len();
        self.align_latin(text, &words, out);
        let (candidates, position) = (&self.model.candidates, &self.model.all.position);
        self.article_english.clear();
        self.article_terms.clear();
        self.article_whole_terms.clear();
        let mut edge_keys: Vec<Vec<u8>> = Vec::new();
        for (phrase, whole) in en.map(english_candidates_marked).unwrap_or_default() {
            if let Some((first, rest)) = phrase.split_once(' ') {
                let last = rest.rsplit(' ').next().unwrap_or(rest);
                edge_keys.extend([english_key(first), english_key(last)]);
            }
            let Some(term) = candidates.find(&phrase) else { continue };
            self.article_terms.push(term);
            if whole {
                self.article_whole_terms.push(term);
            }
            // Every name the English gives, also one a list or the Latin
            // text supplies: the article's own names need no more than the
            // usual score (a short word's stricter floor is for names
            // found by chance in a long list).
            if candidates.terms()[term].origins.english_text && position[term] != NOT_INDEXED {
                self.article_english.push(position[term] as usize);
            }
        }
        self.article_english.sort_unstable();
        self.article_english.dedup();
        self.article_terms.sort_unstable();
        self.article_terms.dedup();
        self.article_whole_terms.sort_unstable();
        self.article_whole_terms.dedup();
        self.name_edge_words.clear();
        self.name_edge_words.resize(words.words.len(), false);
        if !edge_keys.is_empty() {
            edge_keys.sort_unstable();
            edge_keys.dedup();
            let mut function_words: Vec<&str> =
                (0..words.words.len()).filter(|&i| words.words[i].stopword).map(|i| words.norm_of(i)).collect();
            function_words.sort_unstable();
            function_words.dedup();
            function_words.retain(|norm| {
                let key = arabic_key(norm);
                edge_keys.iter().any(|k| similarity(&key, k) >= NAME_EDGE_WORD_MIN)
            });
            for (i, edge) in self.name_edge_words.iter_mut().enumerate() {
                *edge = words.words[i].stopword && function_words.contains(&words.norm_of(i));
            }
        }
        self.english_lower_keys.clear();
        self.english_lower_at.clear();
        if let Some(en) = en {
            let mut lower: Vec<&str> =
                crate::candidates::lower_case_words(en).into_iter().filter(|w| w.len() >= 4).collect();
            lower.sort_unstable();
            for word in lower {
                let start = self.english_lower_keys.len() as u32;
                crate::romanize::english_word_key(word, &mut self.english_lower_keys);
                self.english_lower_at.push(start..self.english_lower_keys.len() as u32);
            }
        }
        self.article_latin.clear();
        self.article_latin.extend(
            out[first_new..].iter().map(|o| position[o.term]).filter(|&p| p != NOT_INDEXED).map(|p| p as usize),
        );
        self.article_latin.sort_unstable();
        self.article_latin.dedup();
        self.align_arabic(text, &words, out);
        out[first_new..].sort_by_key(|o| o.start);
        self.words = words;
    }

    fn align_latin(&mut self, text: &str, words: &ArticleWords, out: &mut Vec<Occurrence>) {
        for range in words.latin_names() {
            let surface = &text[range.clone()];
            if let Some(term) = self.model.candidates.find(surface) {
                let (start, end) = (range.start, range.end);
                out.push(Occurrence {
                    term,
                    composed: None,
                    surface: surface.to_string(),
                    method: Method::Latin,
                    score: 1.0,
                    start,
                    end,
                });
            }
        }
    }

    /// Whether the span of `choice`, clitics peeled, is written exactly as
    /// a gazetteer spelling is (marks aside, hamzas and final letters as
    /// they are), not only in matching form.
    fn written_as_listed(&self, text: &str, words: &ArticleWords, choice: &SpanChoice) -> bool {
        self.model.listed.contains(&surface_of(text, words, choice).2)
    }

    /// Whether the words `span` as written, one space between them, are a
    /// known spelling (its edges as they stand: no clitic peeled).
    fn is_listed_as_written(&mut self, text: &str, words: &ArticleWords, span: std::ops::Range<usize>) -> bool {
        let written = &mut self.written;
        written.clear();
        for k in span.clone() {
            if k > span.start {
                written.push(' ');
            }
            clean_surface_into(words.words[k].token.text(text), written);
        }
        self.model.listed.contains(written.as_str())
    }

    /// Fills `self.classes` for the words of an article.
    fn classify(&mut self, text: &str, words: &ArticleWords) {
        self.classes.clear();
        for w in &words.words {
            let class = if w.token.script != Script::Arabic {
                WordClass::LATIN
            } else {
                let raw = w.token.text(text);
                let memo = &self.model.words;
                let hash = memo.hash(raw);
                memo.get(hash, raw).unwrap_or_else(|| {
                    let class = WordClass::of(raw, self.model.compose.is_some(), &self.model.name_words);
                    memo.insert(hash, raw, class);
                    class
                })
            };
            self.classes.push(class);
        }
    }

    fn align_arabic(&mut self, text: &str, words: &ArticleWords, out: &mut Vec<Occurrence>) {
        self.choices.clear();
        self.classify(text, words);
        self.word_keys.clear();
        self.word_key_at.clear();
        for (i, w) in words.words.iter().enumerate() {
            let start = self.word_keys.len() as u32;
            if w.token.script == Script::Arabic {
                arabic_key_into(words.norm_of(i), &mut self.word_keys);
            }
            self.word_key_at.push(start..self.word_keys.len() as u32);
        }
        for seg in words.segments(Script::Arabic) {
            for first in seg.clone() {
                let mut prepared = false;
                let letters = words.words[first..seg.end].iter().take_while(|w| w.letter_name).count();
                let longest = if letters > MAX_SPAN_WORDS { letters.min(MAX_SPELLED_LETTERS) } else { MAX_SPAN_WORDS };
                for end in first + 1..=(first + longest).min(seg.end) {
                    let several = end - first >= 2;
                    let may_edge = |i: usize| words.may_edge(i, first..end) || (several && self.name_edge_words[i]);
                    let (first_edges, last_edges) = (may_edge(first), may_edge(end - 1));
                    // A known spelling beginning or ending in a function word
                    // counts as written (لينكد إن), not in matching form,
                    // which would take على بابا ("on Baba") for علي بابا.
                    if !(first_edges && last_edges) {
                        let listed_edge = |i: usize| several && self.model.listed_edge_words.contains(words.norm_of(i));
                        if !((first_edges || listed_edge(first)) && (last_edges || listed_edge(end - 1)))
                            || !self.is_listed_as_written(text, words, first..end)
                        {
                            continue;
                        }
                    }
                    // A part of a hyphenated compound is no name of its own
                    // (لانسيت of الكاتيل-لانسيت is not The Lancet).
                    if words.words[first].token.joined || words.words.get(end).is_some_and(|w| w.token.joined) {
                        continue;
                    }
                    // A word that introduces a company (شركة نيسان, سوق
                    // تداول) lets a lone word be a name it is not alone.
                    let introduced = || first > seg.start && introduces_brand(words.norm_of(first - 1));
                    let mut veto = span_veto(&self.classes[first..end]);
                    // A month that is also a brand (نيسان, Nissan) is the
                    // brand after a word that introduces one.
                    if veto == Veto::Always && end - first == 1 && self.classes[first].month && introduced() {
                        veto = Veto::UnlessEvidence;
                    }
                    // Letters of a spelled acronym are never ordinary:
                    // such a span is searched in full whatever its words,
                    // unless two of them are everyday words that are no
                    // letter names (one may be, a brand's: أوبن إيه آي is
                    // OpenAI though أوبن is a word). Longer runs of
                    // everyday words around the letters (بالتدمير في
                    // برنامج بي) make no acronym: such spans were a third
                    // of the searches of the whole batch and found nothing.
                    // Nor does one letter name beside an everyday word (ام
                    // مجرد, "or merely"; زي المئات): the everyday word needs
                    // at least two letters beside it (أوبن إيه آي).
                    let letters = (first..end).filter(|&i| words.words[i].letter_name).count();
                    let everyday =
                        (first..end).filter(|&i| !words.words[i].letter_name && !self.classes[i].name_like).count();
                    let spelled = (first..end).any(|i| words.spells_letter(i))
                        && (everyday == 0 || (everyday == 1 && letters >= 2));
                    self.reach = match veto {
                        _ if spelled => Reach::Batch,
                        Veto::Always => continue,
                        Veto::UnlessEvidence => Reach::Evidence,
                        Veto::None if end - first > 1 && !self.classes[first..end].iter().all(|c| c.name_like) => {
                            Reach::Article
                        }
                        Veto::None => Reach::Batch,
                    };
                    if !prepared {
                        self.prepare_readings(words.norm_of(first));
                        prepared = true;
                    }
                    if let Some(choice) = self.best_reading(text, words, first, end) {
                        let term = &self.model.candidates.terms()[choice.verdict.term];
                        // One word is no gazetteer name of several by sound
                        // alone: جونسون (Johnson) only sounds like John Thune
                        // (جون ثون) with the space left out.
                        let o = &term.origins;
                        if end - first == 1
                            && choice.verdict.method == Method::Transliteration
                            && term.en.contains(' ')
                            && o.gazetteer
                            && !(o.list || o.latin || o.english_text)
                        {
                            continue;
                        }
                        let ordinary_word = end - first == 1 && (self.classes[first].ordinary || choice.stem_ordinary);
                        // An acronym or a letter in Latin letters is read
                        // as letter names or as a word of its own (X is
                        // إكس, not عكس, "opposite"), and a common
                        // English word is no name: neither is evidence
                        // that an everyday word sounding like it is its
                        // rendering (الأولاد, "the boys", is not OLED;
                        // الرئتين, "the lungs", is not Rating).
                        let own_latin = self.latin_writes(choice.verdict.term);
                        let in_latin = own_latin
                            && !is_latin_acronym(&term.en)
                            && !(ordinary_word && NameParts::is_common_english_word(&term.en));
                        // An organization whose Arabic name is an everyday
                        // word, translated (تداول, "trading": Tadawul), is
                        // that organization only where a word introduces it
                        // (سوق تداول) or the article writes it in Latin letters.
                        let everyday_org = veto == Veto::UnlessEvidence
                            && ordinary_word
                            && term.translated
                            && term.kind == "org"
                            && !in_latin
                            && !introduced();
                        // Likewise a brand or product of the gazetteer's
                        // transliterations whose spelling is an everyday word
                        // (not a name Arabic writes as its own, حماس) that Arabic writes far
                        // more often than English writes the name (بارد,
                        // "cold", is Bard; شين; كوين), however foreign its
                        // letters look: only where a word introduces it, the
                        // article writes it in Latin letters or its English
                        // names it. Not where the batch alone does: a month
                        // of news writes Bard somewhere and بارد everywhere.
                        let everyday_brand = end - first == 1
                            && o.gazetteer
                            && !o.list
                            && !term.translated
                            && matches!(term.kind.as_str(), "org" | "product")
                            && !self.latin_writes(choice.verdict.term)
                            && !self.english_names(choice.verdict.term)
                            && choice.display_skip == 0
                            && brand_rarer_than_word(words.words[first].token.text(text), &term.en)
                            && !introduced();
                        let as_listed = || self.written_as_listed(text, words, &choice);
                        // Supplied only by the gazetteer, or by the English
                        // of other articles: no evidence here. Nor is a list
                        // for an everyday Arabic word and a name English
                        // text writes much less often than Arabic writes the
                        // word (NAME_PRIOR_BANDS): a list of thousands has one that sounds like
                        // many an everyday word (كنت like Conti, مياه like
                        // Mía), while a place or institution that is also a
                        // word is as common a word in English (الكونغرس,
                        // Congress) and a name that is a rare word is
                        // likelier the name (دالي, Daley).
                        let in_own_english = self.english_names(choice.verdict.term);
                        // What the article's English writes vouches for an
                        // everyday word as its Latin text does, and as little
                        // where the English is a common word (الويب, Web;
                        // النازي, Nazi: words of both languages, no names).
                        let own_english_name =
                            in_own_english && !(ordinary_word && NameParts::is_common_english_word(&term.en));
                        let unvouched = !own_latin && !in_own_english;
                        // The Latin letters of other articles are a list the
                        // batch makes of itself: a month of news writes a
                        // few thousand Latin words, and some sound like
                        // everyday words of articles that do not write them
                        // (زيادة, "increase", is no Ziadah).
                        let listed = o.list || (o.latin && !own_latin);
                        let raw_first = words.words[first].token.text(text);
                        let by_chance = unvouched
                            && listed
                            && (everyday_band(raw_first).is_some_and(|arabic| {
                                english_band(&term.en).is_none_or(|english| {
                                    english
                                        > arabic + name_prior_margin(raw_first, peeled_stem(words, &choice), &term.en)
                                })
                            }) || (end - first == 1 && rare_name_for_written_word(raw_first, &term.en)));
                        let no_evidence_here =
                            by_chance || (unvouched && (o.gazetteer || o.english_text || o.latin) && !o.list);
                        // A place the dictionary knows by name and the
                        // shipped place names give an English is that
                        // place, not a list's name that merely sounds like
                        // it (كوريا is Korea, not Correia; بريطانيا is
                        // Britain, not Britney).
                        let listed_word = unvouched && listed && !o.gazetteer && end - first == 1;
                        let another_place = listed_word && names_another_place(raw_first, &term.en);
                        // A list carries initials and stray letters (M., D.,
                        // Á); the words that spell a letter's name (أم, "or";
                        // دي; إيه) are words far more often than a letter
                        // news names alone.
                        let lone_letter = unvouched
                            && listed
                            && !o.gazetteer
                            && end - first == 1
                            && term.en.chars().filter(|c| c.is_alphabetic()).count() == 1;
                        // Likewise a spelling the shipped name lists give
                        // one English (دونالد is Donald, not Ronald); the
                        // places are the test above's (سوريا is Syria,
                        // although the lists know a Soria written so).
                        let another_name = listed_word
                            && dictionary_place_names(raw_first).is_none()
                            && spells_another_name(peeled_stem(words, &choice), &term.en, choice.verdict.score);
                        // Against a name found by chance, an everyday word
                        // (by_chance has found it one) that the dictionary
                        // or the function words account for is ordinary
                        // however foreign its few letters look (دور, "role",
                        // 1.9; رأي, "opinion", 2.3: the letter model judges
                        // words of three letters poorly).
                        let ordinary_word = ordinary_word
                            || (by_chance
                                && end - first == 1
                                && crate::lexicon::Lexicon::embedded().ordinary_reason(raw_first).is_some());
                        // An acronym that other articles write in Latin
                        // letters is spelled here by its letters (يو دي إم),
                        // not read as a word: a month of news writes
                        // hundreds, and their word readings sound like
                        // everyday words and names (LTE is no آلت, "came
                        // to"; IS no إس; UDM no آدم). The article's own
                        // Latin letters vouch for a word reading (آدم beside
                        // UDM); a gazetteer spelling is as written (نيوم).
                        let acronym_read_as_word = is_latin_only(o)
                            && !own_latin
                            && choice.verdict.method != Method::Acronym
                            && is_latin_acronym(&term.en);
                        // An everyday word begins a name of several words
                        // only with the name's first sound: قام ("did")
                        // before بيرنرز لي sounds like Tim only past its
                        // first letter. (An exact spelling is a name as
                        // written: البيت الأبيض is White House.)
                        let everyday_first_word = end - first > 1
                            && self.classes[first].ordinary
                            && choice.verdict.method == Method::Transliteration
                            && {
                                // ذا writes a title's The; a title's Arabic
                                // may also leave it out.
                                let stem = arabic_key(peeled_stem(words, &choice));
                                !std::iter::once(term.en.as_str())
                                    .chain(term.en.strip_prefix("The "))
                                    .any(|en| same_first_sound(&stem, &english_key(en)))
                            };
                        // A common English word that the batch writes in
                        // Latin letters, and nothing else supplies, is no
                        // name for a word of the dictionary, even a
                        // foreign-looking one (السيناتور is not Century).
                        let common_word_for_word = is_latin_only(o)
                            && end - first == 1
                            && NameParts::is_common_english_word(&term.en)
                            && crate::lexicon::Lexicon::embedded().ordinary_reason(raw_first).is_some();
                        // A letter-name reading is never ordinary when the
                        // span writes letter names (سي إن إن, أوبن إيه آي);
                        // a word that merely sounds like one (عكس like
                        // إكس, X) is judged as a word.
                        let mut judged = choice;
                        if judged.verdict.method == Method::Acronym && !(first..end).any(|i| words.words[i].letter_name)
                        {
                            judged.verdict.method = Method::Transliteration;
                        }
                        if !everyday_org
                            && !everyday_brand
                            && !another_place
                            && !another_name
                            && !lone_letter
                            && !acronym_read_as_word
                            && !everyday_first_word
                            && !common_word_for_word
                            && !is_ordinary_arabic(
                                veto,
                                &judged,
                                ordinary_word,
                                in_latin,
                                own_english_name,
                                no_evidence_here,
                                as_listed,
                            )
                        {
                            self.choices.push(choice);
                        }
                    }
                }
            }
        }
        self.drop_surnames_of_people_not_named(words);
        self.drop_parts_of_longer_english_names(text, words);
        self.drop_words_the_english_writes_in_lower_case(words);
        self.drop_everyday_words_the_article_defines(text, words);
        self.resolve_overlaps(words.words.len());
        self.drop_surnames_taken_for_companies(text, words);
        self.drop_surnames_of_someone_else(text, words);
        self.extend_by_descriptors(text, words);
        self.extend_by_compound_words(text, words);
        self.extend_by_landmark_descriptors(text, words);
        self.drop_places_inside_unknown_names(text, words);
        let absorbed = match &self.model.compose {
            Some(composer) => self.compose(text, words, composer, out),
            None => Vec::new(),
        };
        for (i, c) in self.choices.iter().enumerate() {
            if absorbed.contains(&i) {
                continue;
            }
            let (start, end, surface) = surface_of(text, words, c);
            let (composed, method) = match c.compound.is_empty() {
                true => (None, c.verdict.method),
                false => (Some(Composed { en: self.english_of(c).into(), kind: c.compound.kind() }), Method::NameParts),
            };
            out.push(Occurrence {
                term: c.verdict.term,
                composed,
                surface,
                method,
                score: self.score_of(c),
                start,
                end,
            });
        }
    }

    /// Names no candidate matched: each maximal run of words the resolved
    /// choices leave free whose every word looks foreign and nothing
    /// explains ([`WordClass::foreign`]), up to [`MAX_COMPOSED_WORDS`]; the
    /// first may carry a one-letter clitic, peeled when the rest looks more
    /// foreign. A run of one word must look foreign enough to be a name on
    /// its own ([`crate::lexicon::FOREIGN_LIKE_WORD`]). The run's English
    /// is the guesser's first: a name composed of known spellings only is
    /// `name-parts`, anything else `guess`. A run of common English words
    /// right after a matched name is part of it (جوجل كابيتال = Google
    /// Capital, not Google): the choices so absorbed are returned, by index.
    fn compose(&self, text: &str, words: &ArticleWords, composer: &Composer, out: &mut Vec<Occurrence>) -> Vec<usize> {
        let mut absorbed = Vec::new();
        let mut covered = vec![false; words.words.len()];
        for c in &self.choices {
            covered[c.first..c.end].iter_mut().for_each(|w| *w = true);
        }
        // A word whose first letter reads better as a clitic starts a name
        // (وسيرخيو in هازارد وسيرخيو أغويرو: "and Sergio"); and inside a
        // run, a word that starts with و is "and" unless a name list
        // spells it so (ووترز, Waters).
        let mut norm = String::new();
        let mut written = String::new();
        let mut word_foreignness = |i: usize, first: bool| -> Option<(f32, usize)> {
            if covered[i] || words.words[i].stopword {
                return None;
            }
            let f = self.classes[i].foreign?;
            let raw = words.words[i].token.text(text);
            if !first
                && raw.starts_with('و')
                && composer.guesser.names().is_none_or(|n| n.known(raw, &mut norm).is_empty())
            {
                return None;
            }
            // The name lists also tell a clitic: وتوم is و + توم when they
            // know توم and not وتوم.
            let listed_without = |n: &NameParts, norm: &mut String| {
                n.known(raw, norm).is_empty()
                    && raw.strip_prefix(GUESS_CLITICS).is_some_and(|rest| !n.known(rest, norm).is_empty())
            };
            match f.peeled {
                Some(p) if p > f.written + CLITIC_FOREIGNNESS_MARGIN => first.then_some((p, 1)),
                Some(p) if first && composer.guesser.names().is_some_and(|n| listed_without(n, &mut norm)) => {
                    Some((p, 1))
                }
                _ => Some((f.written, 0)),
            }
        };
        for seg in words.segments(Script::Arabic) {
            let mut first = seg.start;
            while first < seg.end {
                let Some((lead, skip)) = word_foreignness(first, true).filter(|f| f.0 >= FOREIGN_LIKE_NAME_WORD) else {
                    first += 1;
                    continue;
                };
                let mut end = first + 1;
                while end < seg.end
                    && end - first < MAX_COMPOSED_WORDS
                    && word_foreignness(end, false).is_some_and(|f| f.0 >= FOREIGN_LIKE_NAME_WORD)
                {
                    end += 1;
                }
                // A given name that is also a dictionary word (بول "urine",
                // يوري) is the first word of the foreign name it stands
                // before when a person of the gazetteer has it as theirs
                // (بول هاغرتي = Paul Haggerty). The name lists are no
                // guide here: their noisy pairs spell words such as السيد
                // ("Mr.") and بشأن ("about") as names. Nor is the matching
                // form: السيد is that of إلسيد (Elseid Hysaj).
                let given = first > seg.start
                    && skip == 0
                    && !covered[first - 1]
                    && !words.words[first - 1].stopword
                    && self.classes[first - 1].foreign.is_none()
                    && {
                        written.clear();
                        crate::normalize::clean_surface_into(words.words[first - 1].token.text(text), &mut written);
                        crate::transliterate::names::gazetteer_given_names().contains(written.as_str())
                    };
                // A single word needs to look foreign enough to be a name
                // on its own (with or without the given name before it),
                // unless it follows a matched name, whose part it may be.
                let alone = end - first > 1 || lead >= crate::lexicon::FOREIGN_LIKE_WORD;
                let name_first = if given { first - 1 } else { first };
                let before = self.choices.iter().position(|c| c.end == first && c.first >= seg.start);
                if alone || before.is_some() {
                    let verdict = Verdict { term: 0, score: 0.0, method: Method::Guess, required: 0.0 };
                    let span = SpanChoice {
                        first: name_first,
                        end,
                        display_skip: skip,
                        restore_article: false,
                        verdict,
                        adjusted: 0.0,
                        stem_ordinary: false,
                        compound: Composition::default(),
                    };
                    let (start, stop, surface) = surface_of(text, words, &span);
                    let guess = composer.guess(&surface).filter(|&(_, confidence, source)| {
                        source == Source::Known || confidence >= GUESS_MIN_CONFIDENCE
                    });
                    match (guess, before) {
                        (Some((english, confidence, Source::Word)), Some(i)) if skip == 0 => {
                            let c = &self.choices[i];
                            let name = self.english_of(c);
                            let whole = SpanChoice { end, ..*c };
                            let (start, stop, surface) = surface_of(text, words, &whole);
                            out.push(Occurrence {
                                term: 0,
                                composed: Some(Composed { en: format!("{name} {english}").into(), kind: "" }),
                                surface,
                                method: Method::Guess,
                                score: confidence.min(self.score_of(c)),
                                start,
                                end: stop,
                            });
                            absorbed.push(i);
                        }
                        // A lone word whose likeliest English is a common
                        // word (Times, Stars, Powder) is that word, or part
                        // of a longer name; no name of its own.
                        (Some((_, _, Source::Word)), _) if end - name_first == 1 => {}
                        (Some((english, confidence, source)), _) if alone => {
                            let (method, score) = match source {
                                Source::Known => (Method::NameParts, composed_score(confidence)),
                                _ => (Method::Guess, confidence),
                            };
                            // A first و ب ل that the English does not begin
                            // with was a clitic the guess passed over
                            // (ليوركشير is ل + Yorkshire): not shown.
                            let raw = words.words[first].token.text(text);
                            let clitic = raw.chars().next().filter(|c| GUESS_CLITICS.contains(c));
                            let (start, stop, surface) = match clitic {
                                Some(c)
                                    if skip == 0
                                        && !given
                                        && raw.chars().count() > MIN_GUESS_LETTERS
                                        && !starts_with_sound_of(&english, c) =>
                                {
                                    surface_of(text, words, &SpanChoice { display_skip: 1, ..span })
                                }
                                _ => (start, stop, surface),
                            };
                            out.push(Occurrence {
                                term: 0,
                                composed: Some(Composed { en: english, kind: "" }),
                                surface,
                                method,
                                score,
                                start,
                                end: stop,
                            });
                        }
                        _ => {}
                    }
                }
                first = end;
            }
        }
        absorbed
    }

    /// Whether the span in `self.span` is a relative adjective (nisba) of
    /// the term it matched: the same term matches at least as well without
    /// the ending (فرنسي → France). Names that end in -i (بيتشاي, مبابي)
    /// match better with it and are kept. A span of several words that
    /// ends in a word of four letters or more is a name, not an adjective:
    /// Arabic inflects every word of a place it makes an adjective of
    /// (الكوري الشمالي), and the final ي of such a name is its sound
    /// (أريانا غراندي, Ariana Grande). A shorter last word is still asked
    /// (بعلي سي is no Palace because بعلي س is closer).
    fn is_adjective_of(&mut self, verdict: Verdict) -> bool {
        let long_last_word = self.span.rsplit_once(' ').is_some_and(|(_, last)| last.chars().count() >= 4);
        if verdict.method == Method::Gazetteer || long_last_word {
            return false;
        }
        let Some(stem_len) = strip_nisba(&self.span).map(str::len) else {
            return false;
        };
        let candidate = &self.model.candidates.terms()[verdict.term];
        if candidate.kind == "location"
            && !self.span.contains(' ')
            && is_nisba_stem_of_any(&self.span[..stem_len], &candidate.arabic)
        {
            return true;
        }
        // An English name that itself ends in an i sound (Gemini, Kennedy)
        // keeps its final ي.
        let ends_in_i = english_key(&self.model.candidates.terms()[verdict.term].en)
            .last()
            .is_some_and(|b| matches!(b, b'i' | b'I' | b'y' | b'e'));
        if ends_in_i {
            return false;
        }
        let full = std::mem::take(&mut self.span);
        self.span.push_str(&full[..stem_len]);
        let words = self.span_words.take();
        let stem = self.verdict();
        self.span_words = words;
        self.span = full;
        stem.is_some_and(|s| s.term == verdict.term && s.score >= verdict.score)
    }

    /// Whether word `i` of the article is a dictionary word as written
    /// ([`crate::lexicon::Ordinary::Word`]); asked only of words a clitic
    /// reading matched, and remembered for the batch.
    fn is_word_as_written(&self, text: &str, words: &ArticleWords, i: usize) -> bool {
        let raw = words.words[i].token.text(text);
        let memo = &self.model.as_written;
        let hash = memo.hash(raw);
        memo.get(hash, raw).unwrap_or_else(|| {
            let word = crate::lexicon::Lexicon::embedded().ordinary_reason(raw) == Some(crate::lexicon::Ordinary::Word);
            memo.insert(hash, raw, word);
            word
        })
    }

    /// Fills `self.readings` with the clitic readings of `word` (matching
    /// form), the first word of the spans about to be read. A reading whose
    /// stem is a function word is none.
    fn prepare_readings(&mut self, word: &str) {
        self.readings.clear();
        self.stem_keys.clear();
        for reading in clitic_readings(word) {
            if reading.stem.len() < word.len() && is_stopword(reading.stem) {
                continue;
            }
            let start = self.stem_keys.len();
            arabic_key_into(reading.stem, &mut self.stem_keys);
            self.readings.push(StemReading {
                particles: reading.particles,
                article: reading.article,
                display_skip: reading.display_skip,
                restore_article: reading.restore_article,
                stem_at: word.len() - reading.stem.len(),
                key: start..self.stem_keys.len(),
                unambiguous_letter_name: is_letter_name(reading.stem) && !is_ambiguous_letter_name(reading.stem),
            });
        }
    }

    /// The best reading of the words `first..end`, its first word read as
    /// each of `self.readings` ([`Aligner::prepare_readings`]).
    fn best_reading(&mut self, text: &str, words: &ArticleWords, first: usize, end: usize) -> Option<SpanChoice> {
        let mut best: Option<SpanChoice> = None;
        // The best reading that peels a clitic off, to be preferred over
        // the word as written when both find the same term and the term
        // does not begin with the clitic's sound (see below).
        let mut best_peeled: Option<SpanChoice> = None;
        let first_norm = words.norm_of(first);
        // Inner function words and letter names, as compute_verdict weighs
        // them (the stem's letter name differs from reading to reading).
        let rest_spelled = (first + 1..end).any(|k| words.spells_letter(k));
        let inner_function_word = |spelled: bool| {
            (first + 1..end.saturating_sub(1))
                .any(|k| words.words[k].stopword && !(spelled && words.words[k].letter_name))
        };
        let readings = std::mem::take(&mut self.readings);
        for reading in &readings {
            let stem = &first_norm[reading.stem_at..];
            self.span.clear();
            self.span.push_str(stem);
            for k in first + 1..end {
                self.span.push(' ');
                self.span.push_str(words.norm_of(k));
            }
            self.span_words = Some(SpanWords {
                first,
                end,
                stem_key: reading.key.clone(),
                inner_function_word: inner_function_word(reading.unambiguous_letter_name || rest_spelled),
                written_article: written_with_article(words.words[first].token.text(text)),
            });
            // A letter name may be read as an acronym, which is never
            // ordinary (بي سي).
            self.ordinary_span = reading.particles == 0
                && end - first == 1
                && self.classes[first].ordinary
                && !words.words[first].letter_name;
            let verdict = self.verdict();
            self.ordinary_span = false;
            self.span_words = None;
            let Some(verdict) = verdict else {
                continue;
            };
            // A word the name lists have as written keeps its first letter
            // unless the rest is exactly a known spelling.
            if reading.particles > 0 && self.classes[first].listed_name && verdict.method != Method::Gazetteer {
                continue;
            }
            // A word alone that is a dictionary word as written, not only
            // after a clitic, is that word (فشل, "failure", is not ف + شل,
            // Shell); before more of a name the clitic is plain (وكيلي
            // همفريز is "and Kelly Humphreys", not "my agent Humphreys").
            if reading.particles > 0 && end - first == 1 && self.is_word_as_written(text, words, first) {
                continue;
            }
            if self.is_adjective_of(verdict) {
                continue;
            }
            let mut adjusted = verdict.score - self.model.config.clitic_penalty * reading.particles as f32;
            if reading.article {
                adjusted -= self.model.config.article_strip_penalty;
            } else if reading.particles == 0 && verdict.method != Method::Gazetteer && starts_with_article(stem) {
                adjusted -= self.model.config.article_penalty;
            }
            if adjusted < verdict.required {
                continue;
            }
            let stem_ordinary = end - first == 1
                && reading.particles > 0
                && crate::lexicon::Lexicon::embedded().ordinary_reason(stem) == Some(crate::lexicon::Ordinary::Word);
            let choice = SpanChoice {
                first,
                end,
                display_skip: reading.display_skip,
                restore_article: reading.restore_article,
                verdict,
                adjusted,
                stem_ordinary,
                compound: Composition::default(),
            };
            if best.is_none_or(|b| adjusted > b.adjusted) {
                best = Some(choice);
            }
            if reading.particles > 0 && best_peeled.is_none_or(|b| adjusted > b.adjusted) {
                best_peeled = Some(choice);
            }
        }
        self.readings = readings;
        // In a span of several words the clitic's letter costs little of the
        // score, so ودونالد ترامب can match Donald Trump as well as دونالد
        // ترامب does after the penalty for peeling. The same term found
        // both ways, with an English that does not start with the
        // clitic's sound (as Wall Street does for وول ستريت), means the
        // letter is the clitic.
        if let (Some(b), Some(p)) = (best, best_peeled)
            && b.display_skip == 0
            && p.verdict.term == b.verdict.term
        {
            let en = &self.model.candidates.terms()[b.verdict.term].en;
            if !first_norm.chars().next().is_some_and(|clitic| starts_with_sound_of(en, clitic)) {
                return Some(p);
            }
        }
        best
    }

    /// The word right after (`after`) or before choice `k`, when it is an
    /// Arabic word written apart from the choice by spaces only (no
    /// punctuation between) and no other choice takes it. Choices are in
    /// text order and do not overlap, so only the next or previous one can.
    fn free_neighbour(&self, text: &str, words: &ArticleWords, k: usize, after: bool) -> Option<usize> {
        let c = &self.choices[k];
        let (i, left, right) = if after {
            (c.end, c.end - 1, c.end)
        } else {
            let p = c.first.checked_sub(1)?;
            (p, p, c.first)
        };
        let word = words.words.get(i)?;
        let taken = if after {
            self.choices.get(k + 1).is_some_and(|next| next.first <= i)
        } else {
            k > 0 && self.choices[k - 1].end > i
        };
        let apart_by_spaces = text[words.words[left].token.end..words.words[right].token.start].trim().is_empty();
        (word.token.script == Script::Arabic && !taken && apart_by_spaces).then_some(i)
    }

    /// A company named by one word right after a given name that nothing
    /// matched is a surname there, not the company: جوليوس باير is Julius
    /// Baer, not Bayer; هنري فورد is Henry Ford. The given name is no
    /// ordinary Arabic word nor one that introduces a brand (شركة,
    /// سيارات), and either a word of the shipped name lists or one that
    /// looks as foreign as a name on its own and no dictionary knows.
    fn drop_surnames_taken_for_companies(&mut self, text: &str, words: &ArticleWords) {
        let spellings = NameParts::shipped_spellings();
        let candidates = &self.model.candidates;
        let mut keep = Vec::with_capacity(self.choices.len());
        for (k, c) in self.choices.iter().enumerate() {
            let surname = c.end - c.first == 1
                && c.display_skip == 0
                && candidates.terms()[c.verdict.term].kind == "org"
                && self.free_neighbour(text, words, k, false).is_some_and(|p| {
                    !introduces_brand(words.norm_of(p)) && self.is_word_of_a_name(text, words, p, spellings)
                });
            if !surname {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// Whether word `i`, that nothing matched, may be a word of a person's
    /// name: no ordinary Arabic word nor function word, and either a word
    /// of the shipped name lists or one that looks as foreign as a name on
    /// its own and no dictionary knows.
    fn is_word_of_a_name(
        &self,
        text: &str,
        words: &ArticleWords,
        i: usize,
        spellings: &hashbrown::HashMap<Box<str>, Option<Box<str>>>,
    ) -> bool {
        !self.classes[i].ordinary
            && !words.words[i].stopword
            && (spellings.contains_key(words.norm_of(i)) || {
                // The class skips the dictionary for words that look
                // foreign (سيارات): ask it.
                let lexicon = crate::lexicon::Lexicon::embedded();
                let raw = words.words[i].token.text(text);
                lexicon.foreignness(raw) >= crate::lexicon::FOREIGN_LIKE_WORD && lexicon.ordinary_reason(raw).is_none()
            })
    }

    /// A place or other non-person name of one word that only the
    /// gazetteer supplies is a word of someone's name when a word that
    /// nothing matched and that may be a name's stands right beside it:
    /// تشاد هاميل is Chad Hammel, not the country; كلايتون كريستنسن is
    /// Clayton Christensen, not the town; نورمان إيسن is Norman Eisen, not
    /// Essen. The longer name is unknown, so nothing is written rather
    /// than the wrong name. Asked after compound words are read (غوغل
    /// فنتشرز is Google Ventures) and descriptors (فرجينيا الغربية).
    fn drop_places_inside_unknown_names(&mut self, text: &str, words: &ArticleWords) {
        let spellings = NameParts::shipped_spellings();
        let terms = self.model.candidates.terms();
        let mut keep = Vec::with_capacity(self.choices.len());
        for (k, c) in self.choices.iter().enumerate() {
            let term = &terms[c.verdict.term];
            let o = &term.origins;
            let inside = c.end - c.first == 1
                && c.compound.is_empty()
                && matches!(term.kind.as_str(), "location" | "other")
                && !(o.list || o.latin || self.english_names(c.verdict.term))
                && (spellings.contains_key(words.norm_of(c.first))
                    && self
                        .free_neighbour(text, words, k, true)
                        .is_some_and(|i| self.is_word_of_a_name(text, words, i, spellings))
                    || self.free_neighbour(text, words, k, false).is_some_and(|i| {
                        spellings.contains_key(words.norm_of(i)) && self.is_word_of_a_name(text, words, i, spellings)
                    }));
            if !inside {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// A surname taken from a gazetteer person (ترامب from دونالد ترامب,
    /// see [`crate::candidates::CandidateSet::add_surnames_of_people`])
    /// stands alone only in an article that also names the person in
    /// full, or when it is written as listed and the shipped name lists
    /// give that spelling no other English (ترامب is only Trump; كريس, the
    /// surname of Colette Kress, is far more often Chris, and غلوب only
    /// sounds like Klopp's كلوب). Nor is a surname one with the article ال
    /// (البيج is "the beige", not Page).
    /// Asked before overlaps are resolved, so that a surname that is no
    /// name here does not split a longer name (وجون كينيدي). A surname
    /// that a list, the Latin letters or this article's English also
    /// gives is a name like any other.
    fn drop_surnames_of_people_not_named(&mut self, words: &ArticleWords) {
        let terms = self.model.candidates.terms();
        if !self.choices.iter().any(|c| self.surname_alone(c.verdict.term).is_some()) {
            return;
        }
        let spellings = NameParts::shipped_spellings();
        let mut spelling = String::new();
        let mut keep = Vec::with_capacity(self.choices.len());
        for c in &self.choices {
            let term = &terms[c.verdict.term];
            let Some(person) = self.surname_alone(c.verdict.term) else {
                keep.push(*c);
                continue;
            };
            spelling.clear();
            for i in c.first..c.end {
                if i > c.first {
                    spelling.push(' ');
                }
                let skip = if i == c.first { c.display_skip } else { 0 };
                spelling.extend(words.norm_of(i).chars().skip(skip));
            }
            if starts_with_article(&spelling) {
                continue;
            }
            let named = self.choices.iter().any(|other| other.verdict.term == person);
            // An everyday word (منير, Asim Munir's, is "luminous") is as
            // ambiguous as a spelling of several names.
            let everyday = c.end - c.first == 1 && self.classes[c.first].ordinary;
            let unambiguous = !everyday
                && match spellings.get(spelling.as_str()) {
                    None => true,
                    Some(only) => only.as_deref().is_some_and(|en| fold_key(en) == fold_key(&term.en)),
                };
            let as_listed = c.verdict.method == Method::Gazetteer;
            if named || (unambiguous && as_listed) {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// A gazetteer spelling that is also an everyday word is that word in
    /// an article that writes it with the article ال too: a foreign name
    /// takes none, so an article with السيول ("the floods") means floods
    /// by سيول, not Seoul.
    ///
    /// So is the word after a clitic (وسيول, "and floods").
    fn drop_everyday_words_the_article_defines(&mut self, text: &str, words: &ArticleWords) {
        let stem = |c: &SpanChoice| peeled_stem(words, c);
        // Written alone and as the dictionary has it (سيول, "floods").
        let everyday = |aligner: &Self, c: &SpanChoice| {
            c.end - c.first == 1
                && !c.restore_article
                && c.verdict.method == Method::Gazetteer
                && if c.display_skip == 0 {
                    aligner.is_word_as_written(text, words, c.first)
                } else {
                    crate::lexicon::Lexicon::embedded().ordinary_reason(stem(c)) == Some(crate::lexicon::Ordinary::Word)
                }
        };
        if !self.choices.iter().any(|c| everyday(self, c)) {
            return;
        }
        let defined: hashbrown::HashSet<&str> =
            (0..words.words.len()).flat_map(|i| after_article(words.norm_of(i))).collect();
        let keep: Vec<SpanChoice> = self
            .choices
            .iter()
            .filter(|c| {
                let word = stem(c);
                !(everyday(self, c) && defined.contains(word) && !word.starts_with("ال"))
            })
            .copied()
            .collect();
        self.choices = keep;
    }

    /// A word whose sound the article's English gives at least as closely
    /// as a word it writes in lower case as by the name is that word, a
    /// loan the translation writes as an everyday word: بروتين is
    /// "protein", not Britain, where the English writes both; إنترنت is
    /// "internet". A name spelled exactly as the gazetteer or the Latin
    /// text of the article writes it stays.
    fn drop_words_the_english_writes_in_lower_case(&mut self, words: &ArticleWords) {
        if self.english_lower_at.is_empty() {
            return;
        }
        let terms = self.model.candidates.terms();
        let mut key = Vec::new();
        let mut keep = Vec::with_capacity(self.choices.len());
        for c in &self.choices {
            let term = c.verdict.term;
            let loan =
                c.end - c.first == 1 && c.verdict.method == Method::Transliteration && !self.latin_writes(term) && {
                    key.clear();
                    arabic_key_into(peeled_stem(words, c), &mut key);
                    // The name itself written in lower case is no other word.
                    let name_key = english_key(&terms[term].en);
                    let floor = c.verdict.score.max(self.model.config.min_score);
                    self.english_lower_at.iter().any(|at| {
                        let word_key = &self.english_lower_keys[at.start as usize..at.end as usize];
                        word_key != name_key.as_slice() && similarity(&key, word_key) >= floor
                    })
                };
            if !loan {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// A word matched with a name that only this article's English
    /// supplies, and that English writes only inside a longer name, is
    /// not that name: its Arabic names more or less than the English
    /// ("أدلت نانسي بتصريحاتها" where the English says Pelosi and writes
    /// Nancy only in Nancy Pelosi; بوست beside واشنطن بوست, The Washington
    /// Post, which the longer span then takes). A word beside a compass
    /// word stays: the name may be the partly
    /// translated one (فرجينيا الغربية, West Virginia, whose Virginia the
    /// English writes only inside it).
    fn drop_parts_of_longer_english_names(&mut self, text: &str, words: &ArticleWords) {
        let terms = self.model.candidates.terms();
        let mut keep = Vec::with_capacity(self.choices.len());
        for (k, c) in self.choices.iter().enumerate() {
            let o = &terms[c.verdict.term].origins;
            let only_english = !o.list && !o.latin && !o.gazetteer;
            let part_only = self.article_whole_terms.binary_search(&c.verdict.term).is_err()
                && self.article_terms.binary_search(&c.verdict.term).is_ok();
            let beside_descriptor = || {
                (c.end < words.words.len() && descriptor(words.norm_of(c.end), DescriptorPlace::After).is_some())
                    || c.first
                        .checked_sub(1)
                        .is_some_and(|p| descriptor(words.norm_of(p), DescriptorPlace::Before).is_some())
                    // The longer name that a translated noun before it
                    // makes (جزيرة تشوك, Chuuk Island), which
                    // extend_by_landmark_descriptors then takes.
                    || self
                        .descriptor_before_choice(text, words, k)
                        .is_some_and(|(d, _)| self.described_candidate(d, &terms[c.verdict.term].en).is_some())
            };
            if c.end - c.first > 1 || !only_english || !part_only || beside_descriptor() {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// The person whose surname term `term` is, when nothing but that
    /// person's gazetteer entry vouches for it here.
    fn surname_alone(&self, term: usize) -> Option<usize> {
        let t = &self.model.candidates.terms()[term];
        let vouched = t.origins.list || t.origins.latin || self.english_names(term);
        t.surname_of.filter(|_| !vouched)
    }

    /// A gazetteer person's surname right after a given name that nothing
    /// matched is someone else's: بوب وودوارد is not Josh Woodward, nor
    /// وجون كينيدي ("and John Kennedy") John F. Kennedy. Unless the given
    /// name and the surname are, but for a clitic, a spelling of that
    /// person (ودونالد ترامب broken by a line).
    fn drop_surnames_of_someone_else(&mut self, text: &str, words: &ArticleWords) {
        if !self.choices.iter().any(|c| self.surname_alone(c.verdict.term).is_some()) {
            return;
        }
        let terms = self.model.candidates.terms();
        let own_given_name = |c: &SpanChoice, p: usize| {
            let Some(person) = self.surname_alone(c.verdict.term) else { return false };
            let given = words.norm_of(p);
            let surname = words.norm_of(c.first);
            terms[person].arabic.iter().any(|spelling| {
                let spelling = crate::normalize::normalize(spelling);
                spelling.strip_suffix(surname).and_then(|g| g.strip_suffix(' ')).is_some_and(|g| {
                    !g.contains(' ') && (g == given || given.strip_prefix(ONE_LETTER_CLITICS) == Some(g))
                })
            })
        };
        let mut keep = Vec::with_capacity(self.choices.len());
        for (k, c) in self.choices.iter().enumerate() {
            let someone_else = self.surname_alone(c.verdict.term).is_some()
                && self
                    .free_neighbour(text, words, k, false)
                    .is_some_and(|p| !self.classes[p].ordinary && self.classes[p].name_part && !own_given_name(c, p));
            if !someone_else {
                keep.push(*c);
            }
        }
        self.choices = keep;
    }

    /// Names partly translated by a compass word or the like: a matched
    /// name followed by a descriptor adjective (فرجينيا الغربية, كوريا
    /// الشمالية) or preceded by a descriptor noun (جنوب أفريقيا) is the
    /// candidate with the English descriptor in front (West Virginia,
    /// North Korea, South Africa), when that candidate may be matched in
    /// this article. The score is the name's: the descriptor is a
    /// translation, not a sound.
    fn extend_by_descriptors(&mut self, text: &str, words: &ArticleWords) {
        let candidates = &self.model.candidates;
        for k in 0..self.choices.len() {
            let c = self.choices[k];
            let en = &candidates.terms()[c.verdict.term].en;
            let after = self
                .free_neighbour(text, words, k, true)
                .and_then(|i| descriptor(words.norm_of(i), DescriptorPlace::After));
            let before = self
                .free_neighbour(text, words, k, false)
                .filter(|_| c.display_skip == 0)
                .and_then(|i| descriptor(words.norm_of(i), DescriptorPlace::Before));
            for (english, extend_after) in [(after, true), (before, false)] {
                let Some(english) = english else { continue };
                let Some(term) = self.usable_candidate(&format!("{english} {en}")) else { continue };
                let c = &mut self.choices[k];
                c.verdict.term = term;
                if extend_after {
                    c.end += 1;
                } else {
                    c.first -= 1;
                    c.restore_article = false;
                }
                break;
            }
        }
    }

    /// Takes into each matched name the words right after it that sound
    /// like English words of names ([`CompoundWords`]: غوغل فنتشرز is
    /// Google Ventures, not Google) and that nothing else explains: no
    /// other choice holds them, they are no function word and no word
    /// after و ("and"), and a word the dictionary reads (راديو, a loanword)
    /// must sound like the English word almost exactly
    /// ([`COMPOUND_READ_WORD_MIN`]). Arabic writes such compounds name
    /// first, as English does, so only the words after a name are asked,
    /// and only after a name written letter by letter: a translated one
    /// (الولايات المتحدة) is followed by Arabic, not by English words.
    fn extend_by_compound_words(&mut self, text: &str, words: &ArticleWords) {
        let compound_words = CompoundWords::shipped();
        let lexicon = crate::lexicon::Lexicon::embedded();
        for k in 0..self.choices.len() {
            let c = &self.choices[k];
            let term = &self.model.candidates.terms()[c.verdict.term];
            if term.translated || c.restore_article || starts_with_article(words.norm_of(c.first)) {
                continue;
            }
            while !self.choices[k].compound.is_full() {
                let Some(i) = self.free_neighbour(text, words, k, true) else { break };
                let norm = words.norm_of(i);
                if self.classes[i].ordinary
                    || words.words[i].stopword
                    || !(COMPOUND_MIN_LETTERS..=COMPOUND_MAX_LETTERS).contains(&norm.chars().count())
                    || (norm.starts_with('و') && !norm.starts_with("وو"))
                {
                    break;
                }
                let min = match lexicon.ordinary_reason(norm) {
                    None => COMPOUND_WORD_MIN,
                    Some(crate::lexicon::Ordinary::Word | crate::lexicon::Ordinary::AfterClitic) => {
                        COMPOUND_READ_WORD_MIN
                    }
                    Some(_) => break,
                };
                let key = &self.word_keys[self.word_key_at[i].start as usize..self.word_key_at[i].end as usize];
                let Some((id, score)) = compound_words.best(key, &mut self.scratch, &mut self.matches) else { break };
                if score < min {
                    break;
                }
                let c = &mut self.choices[k];
                c.compound.push(id, score);
                c.end += 1;
            }
        }
    }

    /// The candidate of English `en` that this article may use: any but
    /// one only another parallel article's English gives.
    fn usable_candidate(&self, en: &str) -> Option<usize> {
        let candidates = &self.model.candidates;
        let term = candidates.find(en)?;
        let usable = !is_article_english(&candidates.terms()[term].origins)
            || self.article_english.binary_search(&(self.model.all.position[term] as usize)).is_ok();
        usable.then_some(term)
    }

    /// Takes into each name written letter by letter the word right before
    /// it that English names translate ([`descriptor_templates`]): the
    /// candidate of that English when there is one (مطار هيثرو is Heathrow
    /// Airport, جزيرة تشوك Chuuk Island where the article's English writes
    /// it), else for the few words English names always keep
    /// ([`descriptor_before`]: بحيرة جنيف is Lake Geneva, not Geneva) the
    /// English composed (`name-parts`). A name with the article ال (قصر
    /// الإليزيه) or a translated one is left as it is: its English is not
    /// the name the descriptor's translation goes with; so is a name of a
    /// kind the descriptor does not go with, when composed
    /// ([`descriptor_takes`]: جسر ويلز is "a Welsh bridge").
    fn extend_by_landmark_descriptors(&mut self, text: &str, words: &ArticleWords) {
        for k in 0..self.choices.len() {
            let c = self.choices[k];
            let term = &self.model.candidates.terms()[c.verdict.term];
            if c.display_skip != 0
                || c.restore_article
                || term.translated
                || starts_with_article(words.norm_of(c.first))
            {
                continue;
            }
            let Some((descriptor, clitic)) = self.descriptor_before_choice(text, words, k) else { continue };
            // The name must be one the descriptor goes with, and end there:
            // معهد ماساتشوستس للتكنولوجيا is no Massachusetts Institute.
            let continued = words
                .words
                .get(c.end)
                .is_some_and(|w| w.token.script == Script::Arabic && words.norm_of(c.end).starts_with("لل"));
            // An acronym is no landmark's name (جائزة إم في بي is the MVP award).
            let acronym = c.verdict.method == Method::Acronym || !term.en.chars().any(|ch| ch.is_lowercase());
            if continued || acronym {
                continue;
            }
            let found = if c.compound.is_empty() { self.described_candidate(descriptor, &term.en) } else { None };
            let composed = descriptor_before(descriptor).filter(|&d| descriptor_takes(d, &term.kind));
            let c = &mut self.choices[k];
            match (found, composed) {
                (Some(t), _) => c.verdict.term = t,
                (None, Some(d)) => c.compound.set_descriptor(d),
                (None, None) => continue,
            }
            c.first -= 1;
            c.display_skip = clitic;
        }
    }

    /// The descriptor word (matching form, [`descriptor_templates`]) right
    /// before choice `k`, and how many letters of clitic it carries
    /// (ومعهد هدسون, بمطار هيثرو).
    fn descriptor_before_choice<'w>(&self, text: &str, words: &'w ArticleWords, k: usize) -> Option<(&'w str, usize)> {
        let word = words.norm_of(self.free_neighbour(text, words, k, false)?);
        let is_descriptor = |w: &str| descriptor_templates(w).next().is_some();
        if is_descriptor(word) {
            return Some((word, 0));
        }
        let rest = word.strip_prefix(['و', 'ب', 'ل', 'ف'])?;
        is_descriptor(rest).then_some((rest, 1))
    }

    /// The usable candidate ([`usable_candidate`](Self::usable_candidate))
    /// that `descriptor` before the name `en` makes, if any: with the name,
    /// or with the adjective of a place's name ([`demonym`]: برلمان ويلز
    /// is Welsh Parliament).
    fn described_candidate(&self, descriptor: &str, en: &str) -> Option<usize> {
        let names = std::iter::once(en).chain(demonym(en));
        names
            .flat_map(|name| descriptor_templates(descriptor).map(move |t| t.replace("{}", name)))
            .find_map(|described| self.usable_candidate(&described))
    }

    /// The English of a choice: its term's, with the compound words
    /// after it.
    fn english_of(&self, c: &SpanChoice) -> String {
        let en = &self.model.candidates.terms()[c.verdict.term].en;
        if c.compound.is_empty() { en.clone() } else { c.compound.compose(en) }
    }

    /// A choice's score: its term's, or its least sure compound word's.
    fn score_of(&self, c: &SpanChoice) -> f32 {
        c.compound.score_with(c.verdict.score)
    }

    /// What a choice's weight loses, in an article with English, when
    /// that English does not name its term and no list or Latin spelling
    /// does either: a gazetteer place that only sounds like a word of a
    /// name the English gives (إيسن, Essen, in نورمان إيسن, Norman Eisen)
    /// yields to that name.
    fn unvouched_in_parallel(&self, c: &SpanChoice) -> f32 {
        let o = &self.model.candidates.terms()[c.verdict.term].origins;
        let unvouched = !self.article_terms.is_empty() && !o.list && !o.latin && !self.english_names(c.verdict.term);
        if unvouched { UNVOUCHED_IN_PARALLEL * (c.end - c.first) as f32 } else { 0.0 }
    }

    /// Keeps a non-overlapping subset of `self.choices` with the largest
    /// total weight (ties: the earlier-found choice), in text order.
    fn resolve_overlaps(&mut self, n_words: usize) {
        if self.choices.is_empty() {
            return;
        }
        // best[p]: best total weight using words before p, and the choice
        // that ends at p in that solution.
        let mut best = vec![(0.0f32, None::<usize>); n_words + 1];
        let mut by_end: Vec<usize> = (0..self.choices.len()).collect();
        by_end.sort_by_key(|&i| self.choices[i].end);
        let mut k = 0;
        for p in 1..=n_words {
            best[p] = (best[p - 1].0, None);
            while k < by_end.len() && self.choices[by_end[k]].end == p {
                let c = &self.choices[by_end[k]];
                let w = best[c.first].0 + c.weight() - self.unvouched_in_parallel(c);
                if w > best[p].0 + 1e-6 {
                    best[p] = (w, Some(by_end[k]));
                }
                k += 1;
            }
        }
        let mut keep = Vec::new();
        let mut p = n_words;
        while p > 0 {
            match best[p].1 {
                Some(i) => {
                    keep.push(self.choices[i]);
                    p = self.choices[i].first;
                }
                None => p -= 1,
            }
        }
        keep.reverse();
        self.choices = keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(candidates: &CandidateSet, text: &str) -> Vec<(String, String, Method)> {
        let model = AlignModel::new(candidates.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align(text, None, &mut out);
        out.into_iter()
            .map(|o| {
                (o.composed.map_or_else(|| candidates.terms()[o.term].en.clone(), |n| n.en.into()), o.surface, o.method)
            })
            .collect()
    }

    fn set(terms: &[&str]) -> CandidateSet {
        let mut c = CandidateSet::new();
        for t in terms {
            c.add(t, |o| o.list = true);
        }
        c
    }

    #[test]
    fn clitics_are_peeled_when_they_help() {
        let c = set(&["Oracle", "Orkla", "SoftBank", "Wall Street", "Microsoft"]);
        let got = aligned(&c, "زارت شركة وأوراكل وسوفت بنك مقر بمايكروسوفت في وول ستريت");
        assert!(got.contains(&("Oracle".into(), "أوراكل".into(), Method::Transliteration)), "{got:?}");
        assert!(got.contains(&("SoftBank".into(), "سوفت بنك".into(), Method::Transliteration)), "{got:?}");
        assert!(got.contains(&("Microsoft".into(), "مايكروسوفت".into(), Method::Transliteration)), "{got:?}");
        assert!(got.contains(&("Wall Street".into(), "وول ستريت".into(), Method::Transliteration)), "{got:?}");
        // In a span of several words the و costs too little of the score
        // to lose to the peeled reading by score alone.
        let c = set(&["Donald Trump", "Lindsey Graham", "Wall Street"]);
        let got = aligned(&c, "التقى ماكرون ودونالد ترامب وليندسي غراهام قرب وول ستريت");
        let surfaces: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(surfaces, ["دونالد ترامب", "ليندسي غراهام", "وول ستريت"]);
    }

    #[test]
    fn function_words_inside_a_span_end_the_name() {
        let c = set(&["Kaman Min Tabor", "MVP"]);
        let got = aligned(&c, "قال كامان من تابور إنه نال جائزة إم في بي");
        let ens: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(ens, vec!["MVP"], "{got:?}");
        assert_eq!(got[0].1, "إم في بي");
        // Without the function word the same letters are one name.
        let got = aligned(&c, "قال كامان مين تابور إنه نال الجائزة");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Kaman Min Tabor");
    }

    #[test]
    fn a_spelling_of_a_gazetteer_name_begins_as_its_known_spellings_do() {
        let mut c = CandidateSet::new();
        c.add_gazetteer(
            "en,ar,variants,kind\nAsus,أسوس,,org\nCisco,سيسكو,,org\nKherson,خيرسون,,location\nGoogle,جوجل,,org\nChelsea,شيلسي,,org\n",
            "t.csv",
            false,
        )
        .unwrap();
        // Each sounds like the English, but no Arabic spelling of these
        // names drops or changes its first letter: سوس ("woodworm"), a
        // word heard as Zisco, and غارسون ("garçon") are other words.
        for text in ["أكل السوس الخشب القديم", "اشترى الفريق أجهزة زيسكو الجديدة", "عمل غارسون في المقهى"]
        {
            assert!(aligned(&c, text).is_empty(), "{text}: {:?}", aligned(&c, text));
        }
        // Letters that write one sound begin spellings of one name (غ for
        // the ج of جوجل), and so does تش for ش.
        assert_eq!(aligned(&c, "أعلنت غوغل عن هاتف")[0].0, "Google");
        assert_eq!(aligned(&c, "فاز نادي تشيلسي أمس")[0].0, "Chelsea");
        assert_eq!(aligned(&c, "باعت أسوس حواسيب")[0].0, "Asus");
    }

    #[test]
    fn a_later_word_behind_a_clitic_the_english_does_not_sound_is_a_conjunction() {
        let c = set(&["John F. Kennedy", "Kim Yo Jong", "Maxine Waters", "Facebook", "Brad Pitt"]);
        // و and ب before a later word join words: "John and Kennedy".
        for text in ["قال جون وكينيدي إنهما سيحضران", "التقى جون بكينيدي في المطار", "زار كيم وجونغ المعرض"]
        {
            let got = aligned(&c, text);
            assert!(got.iter().all(|g| !g.1.contains(' ')), "{text}: {got:?}");
        }
        // A name's own letter is part of it where the English sounds it.
        assert_eq!(aligned(&c, "قالت النائبة ماكسين ووترز إن")[0].0, "Maxine Waters");
        assert_eq!(aligned(&c, "نشر على فيس بوك صورة")[0].0, "Facebook");
        assert_eq!(aligned(&c, "ظهر الممثل براد بيت في الحفل")[0].0, "Brad Pitt");
    }

    #[test]
    fn a_first_w_counts_as_a_consonant_of_a_short_name() {
        // w t r z: four consonants, so the usual floor, not the short one
        // (Waters scores 0.81 against ووترز).
        let c = set(&["Waters"]);
        let got = aligned(&c, "قال ووترز إن الادعاء كاذب");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("Waters", "ووترز"));
    }

    #[test]
    fn acronyms_and_function_words() {
        let c = set(&["CNN", "OpenAI", "V", "N"]);
        let got = aligned(&c, "قالت سي إن إن إن شركة أوبن إيه آي في المقدمة");
        let ens: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(ens, vec!["CNN", "OpenAI"], "{got:?}");
        assert_eq!(got[0].1, "سي إن إن");
        assert_eq!(got[0].2, Method::Acronym);
        // One letter name beside a word that may be a name is searched as
        // an acronym; beside an everyday word (ام مجرد, "or merely") not.
        let c = set(&["T-Mobile", "Xbox", "M Magrid"]);
        let got = aligned(&c, "أعلنت تي موبايل عن جهاز إكس بوكس وقال إنه ام مجرد كلام");
        let ens: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(ens, vec!["T-Mobile", "Xbox"], "{got:?}");
    }

    #[test]
    fn adjectives_are_not_names() {
        let c = set(&["France", "Europe", "Sundar Pichai", "Mbappé"]);
        let got = aligned(&c, "قال الرئيس الفرنسي إن الدول الأوروبية تدعم سوندار بيتشاي ومبابي");
        let ens: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(ens, vec!["Sundar Pichai", "Mbappé"], "{got:?}");
        // A name of several words keeps the ي of a long last word (غراندي
        // is Grande's sound), not of a letter name (بعلي سي is no Palace).
        let c = set(&["Ariana Grande", "Palace"]);
        let got = aligned(&c, "غنت أريانا غراندي أثناء بعلي سي إن");
        let ens: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(ens, vec!["Ariana Grande"], "{got:?}");
    }

    #[test]
    fn longest_consistent_reading_wins() {
        let c = set(&["Bloomberg", "Bloomberg Intelligence", "Intel"]);
        let got = aligned(&c, "كتب محللو بلومبرغ إنتليجنس يوم الثلاثاء");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Bloomberg Intelligence");
    }

    #[test]
    fn latin_names_and_gazetteer_spellings() {
        let mut c = set(&["DeepSeek"]);
        c.add_gazetteer("en,ar,variants,kind\nWhite House,البيت الأبيض,,location\n", "t.csv", true).unwrap();
        let got = aligned(&c, "زار البيت الأبيض وقال إن DeepSeek أو ديبسيك");
        assert_eq!(got[0], ("White House".into(), "البيت الأبيض".into(), Method::Gazetteer));
        assert_eq!(got[1], ("DeepSeek".into(), "DeepSeek".into(), Method::Latin));
        assert_eq!(got[2].0, "DeepSeek");
        assert_eq!(got[2].1, "ديبسيك");
    }

    #[test]
    fn a_listed_spelling_may_begin_or_end_with_a_function_word() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nLinkedIn,لينكد إن,,product\n", "t.csv", false).unwrap();
        let got = aligned(&c, "وقال موقع لينكد إن إن عدد مستخدميه ارتفع");
        assert_eq!(got, [("LinkedIn".into(), "لينكد إن".into(), Method::Gazetteer)]);
        // As written only: على بابا ("on Baba") is no علي بابا.
        let mut c2 = CandidateSet::new();
        c2.add_gazetteer("en,ar,variants,kind\nAlibaba,علي بابا,,org\n", "t.csv", false).unwrap();
        assert!(aligned(&c2, "وقف على بابا المنزل").is_empty());
        assert_eq!(aligned(&c2, "قالت علي بابا إن").len(), 1);
        // Only as listed: a function word still ends no name found by sound.
        let c = set(&["Linkedin Inn"]);
        assert!(aligned(&c, "وقال موقع لينكد إن إن عدد مستخدميه ارتفع").iter().all(|g| g.1 != "لينكد إن"));
    }

    #[test]
    fn english_words_after_a_name_compose_a_longer_name() {
        let mut c = CandidateSet::new();
        let gazetteer = "en,ar,variants,kind\nGoogle,غوغل,جوجل,org\nMotorola,موتورولا,,org\n\
                         United States,الولايات المتحدة,,location\n";
        c.add_gazetteer(gazetteer, "t-translated.csv", false).unwrap();
        let got = aligned(&c, "استثمرت غوغل فنتشرز في الشركة وقالت موتورولا موبيليتي إنها راضية");
        assert_eq!(
            got,
            [
                ("Google Ventures".into(), "غوغل فنتشرز".into(), Method::NameParts),
                ("Motorola Mobility".into(), "موتورولا موبيليتي".into(), Method::NameParts)
            ]
        );
        // "and Capital", a function word, an everyday word, a translated
        // name: no compound.
        let got = aligned(&c, "قالت جوجل وكابيتال إن جوجل في السوق وإن جوجل سوق والولايات المتحدة كابيتال");
        assert!(got.iter().all(|g| g.2 != Method::NameParts), "{got:?}");
    }

    #[test]
    fn a_descriptor_before_a_name_is_translated_where_english_keeps_it() {
        let mut c = CandidateSet::new();
        let gazetteer = "en,ar,variants,kind\nDonald Trump,دونالد ترامب,,person\nGeneva,جنيف,,location\n\
                         Wales,ويلز,,location\nMassachusetts,ماساتشوستس,,location\nGoogle,غوغل,,org\n\
                         Wembley Stadium,ملعب ويمبلي,,location\nWembley,ويمبلي,,location\n";
        c.add_gazetteer(gazetteer, "t.csv", false).unwrap();
        c.add_surnames_of_people();
        let got = aligned(&c, "زار دونالد ترامب برج ترامب ثم بحيرة جنيف وملعب ويمبلي");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Donald Trump", "Trump Tower", "Lake Geneva", "Wembley Stadium"], "{got:?}");
        assert_eq!(got[3].1, "ملعب ويمبلي", "the clitic is no part of the name");
        // After a place, a bridge is a common noun; after a company, a
        // palace too; a name that goes on in Arabic is a longer name.
        let got = aligned(&c, "علقت رسائل على جسر ويلز وقرب قصر غوغل وفي معهد ماساتشوستس للتكنولوجيا");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Wales", "Google", "Massachusetts"], "{got:?}");
    }

    #[test]
    fn one_word_is_no_gazetteer_name_of_several_by_sound() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nJohn Thune,جون ثون,,person\n", "t.csv", false).unwrap();
        assert!(aligned(&c, "قال جونسون إن الحكومة").is_empty());
        assert_eq!(aligned(&c, "قال جون ثون إن الحكومة").len(), 1);
        // A name a list gives may still be written as one word.
        let c = set(&["John Thune"]);
        assert_eq!(aligned(&c, "قال جونثون إن الحكومة").len(), 1);
    }

    #[test]
    fn a_spanish_j_or_soft_g_is_written_with_kha() {
        let c = set(&["Sergio Agüero", "Javier Tebas"]);
        let got = aligned(&c, "وسجل سيرخيو أغويرو هدفا وقال خافيير تيباس إن المباراة انتهت");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Sergio Agüero", "Javier Tebas"], "{got:?}");
    }

    #[test]
    fn an_ordinary_word_needs_evidence_from_its_own_article() {
        assert_eq!(WordClass::of("متر", false, &Default::default()).alone, Veto::UnlessEvidence, "a dictionary word");
        let mut c = CandidateSet::new();
        for en in ["Amal", "Metro", "OLED"] {
            c.add(en, |o| o.latin = true);
        }
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        // Written in Latin letters in this article: evidence of its own.
        a.align("قالت حركة Amal في بيان إن أمل ستشارك في الحكومة", None, &mut out);
        assert!(out.iter().any(|o| o.surface == "أمل"), "{out:?}");
        // Only in another article of the batch: an ordinary word.
        out.clear();
        a.align("يحدو الناس أمل كبير في الحل", None, &mut out);
        assert!(out.is_empty(), "{out:?}");
        // A common English word or an acronym in Latin letters is no
        // evidence for an everyday word that sounds like it.
        a.align("افتتحت شبكة Metro خطا جديدا طوله متر واحد", None, &mut out);
        a.align("عرضت الشركة شاشة OLED وقال الأولاد إنها جميلة", None, &mut out);
        assert!(!out.iter().any(|o| o.surface == "متر" || o.surface == "الأولاد"), "{out:?}");
    }

    #[test]
    fn a_name_another_article_writes_in_latin_letters_is_no_evidence_for_a_dictionary_word() {
        // Words of the dictionary whose letters look foreign enough to be
        // searched at all: a month of news writes a few thousand Latin
        // words, and some sound like them.
        let mut c = CandidateSet::new();
        for en in ["Ziadah", "Lilla", "Aurad", "Kouchner"] {
            c.add(en, |o| o.latin = true);
        }
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("قال المسؤول إن زيادة الأسعار أراد بها التجار ربحا في ليلة واحدة", None, &mut out);
        assert!(out.is_empty(), "{out:?}");
        // A foreign name is no dictionary word: what the batch writes in
        // Latin letters elsewhere is its name.
        a.align("قال كوشنر إن الخطة جاهزة", None, &mut out);
        let got: Vec<&str> = out.iter().map(|o| c.terms()[o.term].en.as_str()).collect();
        assert_eq!(got, ["Kouchner"]);
        // Where the article writes the name in Latin letters, it vouches
        // for the word that sounds closely like it.
        out.clear();
        a.align("نشر الباحث Ziadah كتابا، وقال زيادة إن الكتاب جديد", None, &mut out);
        assert!(out.iter().any(|o| o.surface == "زيادة"), "{out:?}");
    }

    #[test]
    fn an_acronym_another_article_writes_is_read_by_its_letters() {
        let mut c = CandidateSet::new();
        for en in ["UDM", "LTE", "NEOM"] {
            c.add(en, |o| o.latin = true);
        }
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut names = |text: &str| {
            let mut out = Vec::new();
            a.align(text, None, &mut out);
            out.iter()
                .filter(|o| o.method != Method::Latin)
                .map(|o| (c.terms()[o.term].en.clone(), o.surface.clone()))
                .collect::<Vec<_>>()
        };
        // Its word reading is no evidence for a name (آدم), an everyday
        // word (آلت, "came to") or anything else that sounds like it.
        assert!(names("قال آدم إن الأمور آلت إلى الهدوء").is_empty());
        assert!(names("أعلنت نيوم أن المشروع سيكتمل").is_empty());
        // Its letters are its Arabic spelling anywhere.
        assert_eq!(names("أعلن حزب يو دي إم فوزه"), [("UDM".to_string(), "يو دي إم".to_string())]);
        // Where the article writes it, it vouches for its word reading.
        assert_eq!(names("أعلن مشروع NEOM أن نيوم ستكتمل"), [("NEOM".to_string(), "نيوم".to_string())]);
        assert_eq!(names("قال UDM إن آدم سيعود"), [("UDM".to_string(), "آدم".to_string())]);
    }

    #[test]
    fn a_spelling_the_name_lists_give_another_name_is_that_name() {
        // دونالد is Donald: a list's Ronald, or one another article writes
        // in Latin letters, only sounds like it. A name that sounds like
        // the lists' (Donald Tusk) is that name.
        assert!(spells_another_name("دونالد", "Ronald", 0.81));
        assert!(!spells_another_name("دونالد", "Donald Tusk", 1.0));
        assert!(!spells_another_name("كوشنر", "Kouchner", 0.9), "a spelling the lists do not hold");
        // A name that sounds closer than the lists' English is the name.
        assert!(!spells_another_name("نيوم", "NEOM", 0.975));
        let mut c = set(&["Ronald"]);
        c.add("Ronald", |o| o.latin = true);
        assert!(aligned(&c, "قال دونالد إن الاجتماع انتهى").is_empty());
        // Where the article writes the name, it is that name.
        let got = aligned(&c, "قال Ronald إن دونالد سيحضر");
        assert!(got.iter().any(|g| g.0 == "Ronald" && g.1 == "دونالد"), "{got:?}");
    }

    #[test]
    fn a_latin_spelling_vouches_only_for_a_close_sound_and_never_a_common_word_for_a_dictionary_word() {
        let mut c = CandidateSet::new();
        for en in ["OpenAI", "Century", "Meta", "X"] {
            c.add(en, |o| o.latin = true);
        }
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("أطلقت OpenAI نموذجا وقال أبنائي إنه مفيد، ونشرت Meta تطبيق ميتا الجديد", None, &mut out);
        a.align("كتاب Century الجديد، وقال السيناتور إنه قرأه", None, &mut out);
        // A word that sounds like a letter name is no letter name.
        a.align("نشرت منصة X بيانا، وعلى عكس التوقعات نشرت إكس صورة", None, &mut out);
        let arabic: Vec<&str> = out.iter().filter(|o| o.method != Method::Latin).map(|o| o.surface.as_str()).collect();
        assert_eq!(arabic, ["ميتا", "إكس"]);
    }

    #[test]
    fn a_long_list_names_no_dictionary_word_nor_a_known_place() {
        // A word Arabic writes, however rarely, is no name English text
        // never writes (Tamam, Shahrokhi: names of a long list); a name
        // that is no dictionary word still is.
        let c = set(&["Tamam", "Shahrokhi", "Warren"]);
        assert!(aligned(&c, "قرر البرلمان تأميم الشركة").is_empty());
        assert!(aligned(&c, "أطلق الجيش هجوما صاروخي الطابع").is_empty());
        assert_eq!(aligned(&c, "قالت وارين إن القانون جيد")[0].0, "Warren");
        // A place the dictionary knows, whose English the shipped place
        // names give, is that place and no list's name like it, with or
        // without a clitic; a place they do not know by that spelling
        // (يونان, Yunnan, where Greece is اليونان) is matched as before.
        let c = set(&["Correia", "Britney", "Soria", "Cien", "Yunnan"]);
        for text in ["زار الوزير كوريا أمس", "وصل إلى بريطانيا أمس", "زار سوريا ثم عاد", "عاد من الصين أمس"]
        {
            assert!(aligned(&c, text).is_empty(), "{text}: {:?}", aligned(&c, text));
        }
        assert_eq!(aligned(&c, "وصل الوفد إلى مقاطعة يونان أمس")[0].0, "Yunnan");
        // And it is the list's name the shipped place names give it, at a
        // score a short word would not need by chance (Syria 0.84, Spain
        // 0.74), or less than the foreign-looking floor not at all.
        let c = set(&["Syria", "Spain", "Korea", "Netherlands"]);
        let got = aligned(&c, "زار الوزير سوريا ثم إسبانيا وكوريا وهولندا");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Syria", "Spain", "Korea"], "{got:?}");
    }

    #[test]
    fn a_list_name_that_is_a_common_english_word_is_no_evidence_for_an_everyday_word() {
        // English writes tower, mill and grey as words far more often than
        // as anyone's name: their frequency says nothing of how often news
        // names a Tower, so an everyday Arabic word that sounds like one
        // (توفير, "providing"; ميل, "tendency"; جرى, "took place") is that
        // word. The same names are found where nothing Arabic is in the way.
        let c = set(&["Tower", "Mill", "Grey", "Hill", "Warren"]);
        for text in
            ["قررت الحكومة توفير المساكن للعائلات", "أظهر الناخبون ميل واضح نحو التغيير", "جرى الاجتماع في العاصمة أمس"]
        {
            assert!(aligned(&c, text).is_empty(), "{text}: {:?}", aligned(&c, text));
        }
        assert_eq!(aligned(&c, "قالت وارين إن القانون جيد")[0].0, "Warren");
        // English writes hill more often than Arabic writes هيل: the name.
        assert_eq!(aligned(&c, "قال هيل إن القانون جيد")[0].0, "Hill");
        // غري is a dictionary word too, but a rare one: the name.
        let got = aligned(&c, "قال المدرب غري إن الفريق جاهز");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Grey"], "{got:?}");
    }

    #[test]
    fn a_single_letter_of_a_list_is_no_name_for_a_word_that_spells_it() {
        // Lists of names carry initials (M., D.) and stray letters; أم
        // ("or"), دي and إيه are words that also spell letter names. (A
        // letter the gazetteer names, X = إكس, is matched as listed.)
        let c = set(&["M.", "D.", "Á", "P", "CNN"]);
        for text in ["هل يأتي أم لا", "قال إيه الخبر", "ذهب إلى بي البيت"] {
            assert!(aligned(&c, text).is_empty(), "{text}: {:?}", aligned(&c, text));
        }
        assert_eq!(aligned(&c, "قالت شبكة سي إن إن إن الخبر صحيح")[0].0, "CNN");
    }

    #[test]
    fn an_ordinary_word_sounding_like_a_gazetteer_spelling_is_that_word() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nDell,ديل,,org\n", "t.csv", true).unwrap();
        assert!(aligned(&c, "تضرر ذيل الطائرة").is_empty());
        assert_eq!(aligned(&c, "أعلنت ديل عن حاسوب")[0].0, "Dell");
        // A list is evidence for an everyday word only with a name English
        // text writes as often (a long list has a name like many an
        // everyday word); a spelling of no word is matched whatever the
        // name.
        let c = set(&["Congress", "Conti", "Aumann", "Mia"]);
        assert_eq!(aligned(&c, "صوت الكونغرس على القانون")[0].0, "Congress");
        assert!(aligned(&c, "انقطعت المياه عن المدينة").is_empty());
        assert!(aligned(&c, "كنت في المدينة").is_empty());
        assert!(aligned(&set(&["Perelman"]), "صوت برلمان ويلز على الاسم").is_empty());
        assert_eq!(aligned(&c, "قال كونتي إن الفريق جاهز")[0].0, "Conti");
        // Nor for an everyday word of few letters, however foreign they
        // look, or one behind a clitic (فأراد, "so he wanted").
        let c = set(&["Dory", "Arad"]);
        assert!(aligned(&c, "لعب دور البطولة").is_empty());
        assert!(aligned(&c, "فأراد الرئيس أن يتكلم").is_empty());
        // A word the dictionary has but Arabic seldom writes is likelier
        // the name (دالي, "my vine", for Daley).
        assert_eq!(aligned(&set(&["Daley"]), "قال دالي إن الفريق جاهز")[0].0, "Daley");
        // Nor is a clitic reading that leaves an everyday word (ب + أمان).
        assert!(aligned(&c, "وصلوا بأمان إلى المدينة").is_empty());
        // The English of another article is no evidence either; that of
        // the article itself is.
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nSlack,سلاك,,org\n", "t.csv", true).unwrap();
        c.add("Slack", |o| o.english_text = true);
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("انتقد المدير سلوك الموظفين", Some("The manager criticised the staff."), &mut out);
        assert!(out.is_empty(), "{out:?}");
        a.align("قالت سلوك إن الخدمة عادت", Some("Slack said the service was back."), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn an_everyday_word_begins_a_name_only_with_the_names_first_sound() {
        // قام ("did") before بيرنرز لي sounds like Tim only after its first
        // letter: the name is the words after it. كريس is Chris however
        // everyday the word before it.
        let mut c = CandidateSet::new();
        for en in ["Tim Berners-Lee", "Chris Evans"] {
            c.add(en, |o| o.english_text = true);
        }
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("قام بيرنرز لي بابتكار الشبكة", Some("Tim Berners-Lee invented the web."), &mut out);
        assert!(!out.iter().any(|o| o.surface.starts_with("قام")), "{out:?}");
        out.clear();
        a.align("قال كريس إيفانز إنه سيعود", Some("Chris Evans said he would return."), &mut out);
        assert!(out.iter().any(|o| o.surface == "كريس إيفانز"), "{out:?}");
    }

    #[test]
    fn a_listed_name_the_article_english_gives_needs_the_usual_score() {
        // يوتا scores 0.85 against Utah: under the floor of short words
        // found in a list, over the usual one for the article's own names.
        let mut c = set(&["Utah"]);
        c.add("Utah", |o| o.english_text = true);
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("زار يوتا الأسبوع الماضي", None, &mut out);
        assert!(out.is_empty(), "{out:?}");
        a.align("زار يوتا الأسبوع الماضي", Some("He visited Utah last week."), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn a_foreign_looking_word_is_a_name_of_its_articles_english_at_a_lower_score() {
        // تشينغهاي scores 0.78 against Qinghai, أوهايو 0.74 against Ohio:
        // below the usual floor, enough where the article's English writes
        // the name. ألمانيا is not Man (a common word) nor إسبانيا Spanish
        // (an adjective the Arabic would translate).
        let names = ["Qinghai", "Ohio", "Man", "Spanish"];
        let mut c = CandidateSet::new();
        for n in names {
            c.add(n, |o| o.english_text = true);
        }
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        let arabic = "انتقل من تشينغهاي إلى أوهايو ثم زار ألمانيا وإسبانيا";
        a.align(arabic, None, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let english = "He moved from Qinghai to Ohio, then the Man visited Spanish towns.";
        a.align(arabic, Some(english), &mut out);
        let got: Vec<(&str, f32)> =
            out.iter().map(|o| (model.candidates().terms()[o.term].en.as_str(), o.score)).collect();
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), ["Qinghai", "Ohio"], "{got:?}");
        assert!(got.iter().all(|g| g.1 < AlignConfig::default().min_score), "{got:?}");
    }

    #[test]
    fn a_descriptor_the_articles_english_keeps_joins_the_name() {
        // Arabic translates the common noun of a partly translated name
        // and puts it first (جزيرة تشوك, Chuuk Island; معهد بروكينجز,
        // Brookings Institution): where the article's English writes the
        // longer name, the word joins it. Where the English writes the
        // name alone, an island is not part of it (جزيرة بالي is Bali).
        let english = "Rescuers reached Chuuk Island. The Brookings Institution and the Wesbanco Arena \
                       hosted the Texas Tribune Festival. Tourists love Bali. The Welsh Parliament met in Wales.";
        let mut c = CandidateSet::new();
        for phrase in crate::candidates::english_candidates(english) {
            c.add(&phrase, |o| o.english_text = true);
        }
        let model = AlignModel::new(c, AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        let arabic = "وصل المنقذون إلى جزيرة تشوك، واستضاف معهد بروكينجز وساحة ويسبانكو مهرجان تكساس تريبيون. \
                      ويحب السياح جزيرة بالي. واجتمع برلمان ويلز في ويلز.";
        a.align(arabic, Some(english), &mut out);
        let got: Vec<(&str, &str)> =
            out.iter().map(|o| (model.candidates().terms()[o.term].en.as_str(), o.surface.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Chuuk Island", "جزيرة تشوك"),
                ("Brookings Institution", "معهد بروكينجز"),
                ("Wesbanco Arena", "ساحة ويسبانكو"),
                ("Texas Tribune Festival", "مهرجان تكساس تريبيون"),
                ("Bali", "بالي"),
                ("Welsh Parliament", "برلمان ويلز"),
                ("Wales", "ويلز"),
            ]
        );
    }

    #[test]
    fn a_word_with_tanween_is_no_name() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nMeta,ميتا,,org\n", "t.csv", true).unwrap();
        assert!(aligned(&c, "عُثر على الرجل ميتًا في منزله").is_empty());
        assert_eq!(aligned(&c, "أعلنت ميتا عن نظارة جديدة")[0].0, "Meta");
    }

    #[test]
    fn a_company_right_after_a_given_name_is_a_surname() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nFord,فورد,,org\nBayer,باير,,org\n", "t.csv", true).unwrap();
        let got = aligned(&c, "قال هنري فورد إن السيارة للجميع، وقال مصرف جوليوس باير إن السوق هادئة");
        assert!(got.is_empty(), "{got:?}");
        let got = aligned(&c, "أعلنت شركة فورد وشركة باير عن نتائجهما");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Ford", "Bayer"]);
    }

    #[test]
    fn another_spelling_of_a_name_matched_as_written_only_is_found() {
        let mut c = CandidateSet::new();
        let exact = "en,ar,variants,kind\nVladivostok,فلاديفوستوك,,location\nBrest,برست,,location\n";
        c.add_gazetteer(exact, "t-exact.csv", true).unwrap();
        // Without the second و, and with it as listed.
        let got = aligned(&c, "وصل الوفد إلى فلاديفستوك أمس");
        assert_eq!(got, [("Vladivostok".to_string(), "فلاديفستوك".to_string(), Method::Transliteration)]);
        assert_eq!(aligned(&c, "وصل الوفد إلى فلاديفوستوك أمس")[0].2, Method::Gazetteer);
        // A dictionary word with the same sounds is that word (برزت,
        // "emerged").
        assert!(aligned(&c, "برزت مشكلة جديدة في المصنع").is_empty(), "{:?}", aligned(&c, "برزت مشكلة"));
    }

    #[test]
    fn a_place_beside_a_word_of_an_unknown_name_is_part_of_that_name() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nChad,تشاد,,location\nEssen,إيسن,,location\n", "t.csv", true).unwrap();
        // The given name Chad before a surname nothing matched; the surname
        // Eisen after the given name Norman.
        assert!(aligned(&c, "قال تشاد هاميل إن الشركة ستتوسع").is_empty());
        assert!(aligned(&c, "وقال نورمان إيسن إن القضية معقدة").is_empty());
        // The places themselves, beside ordinary words.
        let got = aligned(&c, "زار الوفد تشاد ثم توجه إلى إيسن في ألمانيا");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Chad", "Essen"]);
    }

    #[test]
    fn a_gazetteer_persons_surname_stands_alone_where_it_is_sure() {
        let mut c = CandidateSet::new();
        let people = "en,ar,variants,kind\nDonald Trump,دونالد ترامب,,person\nColette Kress,كوليت كريس,,person\n\
                      Josh Woodward,جوش وودوارد,,person\nJürgen Klopp,يورغن كلوب,,person\n";
        c.add_gazetteer(people, "t.csv", false).unwrap();
        assert_eq!(c.add_surnames_of_people(), 4);
        let names = |got: Vec<(String, String, Method)>| got.into_iter().map(|g| g.0).collect::<Vec<_>>();
        // The name lists know ترامب as Trump only: alone, it is Trump.
        let got = aligned(&c, "قال ترامب إن الاقتصاد قوي");
        assert_eq!(got, [("Trump".to_string(), "ترامب".to_string(), Method::Gazetteer)]);
        // كريس is far more often Chris: alone it is nothing, and it is
        // Kress only in an article that names Colette Kress.
        assert!(aligned(&c, "قال كريس إن المبيعات نمت").is_empty());
        let got = aligned(&c, "قالت كوليت كريس إن المبيعات نمت، وأضافت كريس أن الطلب قوي");
        assert_eq!(names(got), ["Colette Kress", "Kress"]);
        // Someone else's given name before it; the article; a word that
        // only sounds like it.
        assert!(!names(aligned(&c, "كتب بوب وودوارد كتابا جديدا")).contains(&"Woodward".to_string()));
        assert_eq!(names(aligned(&c, "قال وودوارد إن الكتاب جاهز")), ["Woodward"]);
        // The person's own given name before it, with a clitic, across a
        // line break that keeps the two from one span: still the person.
        assert_eq!(names(aligned(&c, "وتحدث ودونالد\nترامب عن الاقتصاد")), ["Trump"]);
        assert!(aligned(&c, "نشرت صحيفة بوسطن غلوب تقريرا عن الطقس").is_empty());
        // An everyday word needs the full name beside it.
        let mut c2 = CandidateSet::new();
        c2.add_gazetteer("en,ar,variants,kind\nAsim Munir,عاصم منير,,person\n", "t.csv", false).unwrap();
        c2.add_surnames_of_people();
        assert!(aligned(&c2, "كان الطريق منير بالمصابيح").is_empty());
        assert_eq!(
            names(aligned(&c2, "قال عاصم منير إن الجيش مستعد، وأضاف منير أن الحدود آمنة")),
            ["Asim Munir", "Munir"]
        );
        // A spelling of another person's name is the article's English
        // name where that English writes it so.
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nKamala Harris,كامالا هاريس,,person\n", "t.csv", false).unwrap();
        c.add_surnames_of_people();
        c.add("Haris", |o| o.english_text = true);
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("قال هاريس إن الجدار انهار", Some("Haris said the wall fell."), &mut out);
        let got: Vec<&str> = out.iter().map(|o| c.terms()[o.term].en.as_str()).collect();
        assert_eq!(got, ["Haris"]);
        // So is a list's name that sounds closer than the English's own
        // (Britney, britni, is nearer بريطانيا than Britain is).
        let mut c = set(&["Britney"]);
        c.add("Britain", |o| o.english_text = true);
        assert!(
            crate::score::score_pair("بريطانيا", "Britney") > crate::score::score_pair("بريطانيا", "Britain"),
            "the list's name must sound closer for this test to mean anything"
        );
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        out.clear();
        a.align("قالت بريطانيا إنها سترد", Some("Britain said it would respond."), &mut out);
        let got: Vec<&str> = out.iter().map(|o| c.terms()[o.term].en.as_str()).collect();
        assert_eq!(got, ["Britain"]);
        // Without the article's English, the list's name that sounds like
        // it is not the place the dictionary and the shipped place names
        // know بريطانيا to be.
        out.clear();
        a.align("قالت بريطانيا إنها سترد", None, &mut out);
        assert!(out.is_empty(), "{out:?}");
        // A listed name that a parallel article's English does not write
        // is no name there by sound alone; written in the article in Latin
        // letters, it is.
        let mut c = set(&["Britney", "Tesla"]);
        c.add("Tesla", |o| o.latin = true);
        for name in ["Germany", "Elon Musk"] {
            c.add(name, |o| o.english_text = true);
        }
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let english = Some("Germany said that Elon Musk met them.");
        for (arabic, en, want) in [
            ("قالت بريتني إنها سترد", english, vec![]),
            ("قالت بريتني إنها سترد", None, vec![("Britney", "بريتني")]),
            ("قال إن تسلا (Tesla) سترد", english, vec![("Tesla", "تسلا"), ("Tesla", "Tesla")]),
        ] {
            out.clear();
            a.align(arabic, en, &mut out);
            let got: Vec<(&str, &str)> =
                out.iter().map(|o| (c.terms()[o.term].en.as_str(), o.surface.as_str())).collect();
            assert_eq!(got, want, "{arabic} with {en:?}");
        }
    }

    #[test]
    fn a_word_the_english_writes_only_inside_a_longer_name_is_not_that_name() {
        let mut c = CandidateSet::new();
        let en = "Pelosi made the remarks to The Washington Post. Nancy Pelosi spoke in Austin.";
        for phrase in crate::candidates::english_candidates(en) {
            c.add(&phrase, |o| o.english_text = true);
        }
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        a.align("أدلت نانسي بتصريحاتها لصحيفة واشنطن بوست في أوستن", Some(en), &mut out);
        let got: Vec<(&str, &str)> = out.iter().map(|o| (c.terms()[o.term].en.as_str(), o.surface.as_str())).collect();
        // Nancy alone is not the English's name (it says Pelosi), and the
        // paper is one name, without the title's article.
        assert_eq!(got, [("Washington Post", "واشنطن بوست"), ("Austin", "أوستن")]);
    }

    #[test]
    fn a_loan_word_the_english_writes_in_lower_case_is_no_name() {
        let mut c = CandidateSet::new();
        c.add("Britain", |o| o.english_text = true);
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut names = |ar: &str, en: &str| {
            let mut out = Vec::new();
            a.align(ar, Some(en), &mut out);
            out.iter().map(|o| (c.terms()[o.term].en.clone(), o.surface.clone())).collect::<Vec<_>>()
        };
        let en = "Scientists in Britain found a new protein.";
        assert_eq!(names("اكتشف علماء في بريطانيا بروتين جديد", en), [("Britain".to_string(), "بريطانيا".to_string())]);
        // Without the lower-case word, the name is all the English offers.
        let got = names("اكتشف علماء بروتين جديد", "Scientists in Britain found something new.");
        assert_eq!(got, [("Britain".to_string(), "بروتين".to_string())]);
    }

    #[test]
    fn a_brand_spelled_as_an_everyday_word_needs_a_word_of_context() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nBard,بارد,,product\nDell,ديل,,org\n", "t.csv", false).unwrap();
        c.add("Bard", |o| o.latin = true);
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut names = |text: &str| {
            let mut out = Vec::new();
            a.align(text, None, &mut out);
            out.iter().filter(|o| o.method != Method::Latin).map(|o| c.terms()[o.term].en.clone()).collect::<Vec<_>>()
        };
        // The batch writes Bard in Latin letters elsewhere: no evidence here.
        assert!(names("كان الطقس بارد في المدينة").is_empty());
        assert_eq!(names("أطلقت غوغل روبوت بارد للدردشة"), ["Bard"]);
        assert_eq!(names("أطلقت غوغل Bard، وقالت إن بارد سيتحسن"), ["Bard"]);
        // A brand that English writes about as often as Arabic the word.
        assert_eq!(names("أعلنت ديل عن حاسوب"), ["Dell"]);
    }

    #[test]
    fn an_everyday_word_the_article_also_writes_with_al_is_that_word() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nSeoul,سيول,,location\n", "t.csv", true).unwrap();
        assert!(aligned(&c, "ضربت سيول جارفة المنطقة، وقال السكان إن السيول دمرت المنازل").is_empty());
        // After a clitic too.
        assert!(aligned(&c, "حذرت الأرصاد من أمطار وسيول، وقالت إن السيول قد تتكرر").is_empty());
        assert_eq!(aligned(&c, "وصل الرئيس إلى سيول في زيارة رسمية")[0].0, "Seoul");
    }

    #[test]
    fn a_compass_word_beside_a_name_is_its_translated_part() {
        let c = set(&["West Virginia", "Virginia", "South Sulawesi", "Sulawesi"]);
        let got = aligned(&c, "زار الرئيس فرجينيا الغربية ثم فرجينيا، وضرب زلزال جنوب سولاويسي بعد زلزال سولاويسي");
        let pairs: Vec<(&str, &str)> = got.iter().map(|(en, ar, _)| (en.as_str(), ar.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("West Virginia", "فرجينيا الغربية"),
                ("Virginia", "فرجينيا"),
                ("South Sulawesi", "جنوب سولاويسي"),
                ("Sulawesi", "سولاويسي")
            ]
        );
        // No such candidate: the name alone, the adjective left as it is.
        let c = set(&["Virginia"]);
        assert_eq!(aligned(&c, "زار فرجينيا الغربية")[0].1, "فرجينيا");
    }

    #[test]
    fn a_nisba_of_a_listed_place_is_not_the_place() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nChile,تشيلي,,location\n", "t.csv", true).unwrap();
        assert!(aligned(&c, "قال الرئيس التشيلي أمس").is_empty());
        assert_eq!(aligned(&c, "زار الوفد تشيلي أمس")[0].0, "Chile");
        // Nor of a place whose name ends in a (يا): the adjective sounds
        // like the place, its letters are the place's without the ending.
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nLatvia,لاتفيا,,location\nCatalonia,كاتالونيا,,location\n", "t.csv", false)
            .unwrap();
        for text in ["قال الوزير اللاتفية إن", "قال الرئيس الكتالوني أمس", "حضر وفد لاتفي الاجتماع"]
        {
            assert!(aligned(&c, text).is_empty(), "{text}: {:?}", aligned(&c, text));
        }
        assert_eq!(aligned(&c, "زار الوفد كتالونيا أمس")[0].0, "Catalonia");
    }

    #[test]
    fn a_span_with_an_ordinary_word_is_not_searched_as_one_name() {
        assert_eq!(WordClass::of("القاضي", false, &Default::default()).alone, Veto::UnlessEvidence);
        let c = set(&["Judge Brett Kavanaugh", "Brett Kavanaugh"]);
        let got = aligned(&c, "قال القاضي بريت كافانو أمس");
        assert_eq!(got, vec![("Brett Kavanaugh".into(), "بريت كافانو".into(), Method::Transliteration)]);
    }

    #[test]
    fn a_span_with_a_word_no_name_has_is_searched_in_its_article_only() {
        let words = hashbrown::HashSet::new();
        // موسيقى ("music") looks foreign enough to be searched alone, not
        // enough to be part of a name.
        let music = WordClass::of("موسيقى", false, &words);
        assert_eq!((music.alone, music.name_like), (Veto::None, false));
        assert!(WordClass::of("ويست", false, &words).name_like, "no dictionary word");
        assert!(WordClass::of("سام", false, &words).name_like, "a dictionary word that looks foreign");
        assert!(WordClass::of("ذا", false, &words).name_like, "the English article");
        let mut c = set(&["Musiqa West", "Sam Altman"]);
        // Not from a list of the batch: the span has a word no name has.
        let got = aligned(&c, "قالت موسيقى ويست إنها التقت سام ألتمان أمس");
        assert_eq!(got, vec![("Sam Altman".into(), "سام ألتمان".into(), Method::Transliteration)]);
        // From the article's own Latin letters (which the first pass of a
        // build marks), it still is.
        c.add("Musiqa West", |o| o.latin = true);
        let got = aligned(&c, "قالت موسيقى ويست (Musiqa West) إنها");
        assert!(got.contains(&("Musiqa West".into(), "موسيقى ويست".into(), Method::Transliteration)), "{got:?}");
        // And when a known spelling of a candidate has the word.
        let mut c = set(&["Musiqa West"]);
        c.add_gazetteer("en,ar,variants,kind\nMusiqa Hall,قاعة موسيقى,,location\n", "t.csv", false).unwrap();
        let got = aligned(&c, "قالت موسيقى ويست إنها");
        assert_eq!(got, vec![("Musiqa West".into(), "موسيقى ويست".into(), Method::Transliteration)]);
    }

    #[test]
    fn a_dictionary_word_as_written_is_no_clitic_and_name() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nShell,شل,,org\nKelly Humphreys,كيلي همفريز,,person\n", "t.csv", false)
            .unwrap();
        // فشل is "failure"; بشل is a word only as ب + شل, so it is Shell.
        let got = aligned(&c, "أكد أن فشل المفاوضات لم يضر بشل ولا بالشركة");
        assert_eq!(got, vec![("Shell".into(), "شل".into(), Method::Gazetteer)]);
        // Before more of a name the clitic is plain: وكيلي is "my agent"
        // alone, "and Kelly" here.
        let got = aligned(&c, "حضر الوزير وكيلي همفريز");
        assert_eq!(got, vec![("Kelly Humphreys".into(), "كيلي همفريز".into(), Method::Gazetteer)]);
    }

    #[test]
    fn a_month_that_is_a_brand_needs_a_word_that_introduces_it() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nNissan,نيسان,,org\n", "t.csv", false).unwrap();
        assert!(aligned(&c, "عقد الاجتماع في أبريل (نيسان) الماضي").is_empty());
        let got = aligned(&c, "أطلقت DeepSeek نموذجها في أبريل (نيسان) الماضي");
        assert!(!got.iter().any(|g| g.0 == "Nissan"), "{got:?}");
        let got = aligned(&c, "أعلنت شركة نيسان عن طراز جديد، وقالت سيارات نيسان إنها");
        assert_eq!(got, vec![("Nissan".into(), "نيسان".into(), Method::Gazetteer); 2]);
    }

    #[test]
    fn an_organization_named_by_an_everyday_word_needs_a_word_that_introduces_it() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nTadawul,تداول,,org\nAleppo,حلب,,location\n", "t.csv", true).unwrap();
        let got = aligned(&c, "تضاعف تداول الأسهم في حلب، وارتفع مؤشر سوق تداول");
        assert_eq!(
            got,
            vec![
                ("Aleppo".into(), "حلب".into(), Method::Gazetteer),
                ("Tadawul".into(), "تداول".into(), Method::Gazetteer)
            ]
        );
    }

    #[test]
    fn a_part_of_a_hyphenated_compound_is_no_name_of_its_own() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nThe Lancet,ذا لانسيت,لانسيت,org\n", "t.csv", false).unwrap();
        assert!(aligned(&c, "أعلنت شركة الكاتيل-لانسيت عن نتائجها").is_empty());
        // A hyphen between words written apart is punctuation.
        let got = aligned(&c, "قالت لانسيت - وهي مجلة طبية - إن");
        assert_eq!(got, vec![("The Lancet".into(), "لانسيت".into(), Method::Gazetteer)]);
    }

    #[test]
    fn names_of_a_parallel_article_are_its_own() {
        let mut c = CandidateSet::new();
        let en_a = "On Monday, Macron said that talks would go on.";
        for phrase in crate::candidates::english_candidates(en_a) {
            c.add(&phrase, |o| o.english_text = true);
        }
        assert!(c.find("Macron").is_some());
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        // Its own article: found.
        a.align("قال ماكرون يوم الاثنين إن المحادثات ستستمر", Some(en_a), &mut out);
        assert!(out.iter().any(|o| c.terms()[o.term].en == "Macron" && o.surface == "ماكرون"), "{out:?}");
        // Another article of the batch, with other English: not searched.
        out.clear();
        a.align("قال ماكرون إن الاتفاق قريب", Some("The deal is close, officials said."), &mut out);
        assert!(out.is_empty(), "{out:?}");
        // The same term from a list is the batch's.
        let mut listed = c.clone();
        listed.add("Macron", |o| o.list = true);
        let got = aligned(&listed, "قال ماكرون إن الاتفاق قريب");
        assert_eq!(got[0].0, "Macron");
    }

    /// The candidates a parallel article's English supplies.
    fn english_text_candidates(en: &str) -> CandidateSet {
        let mut c = CandidateSet::new();
        for phrase in crate::candidates::english_candidates(en) {
            c.add(&phrase, |o| o.english_text = true);
        }
        c
    }

    /// (English, Arabic surface) of each occurrence.
    fn found<'c>(c: &'c CandidateSet, out: &'c [Occurrence]) -> Vec<(&'c str, &'c str)> {
        out.iter().map(|o| (c.terms()[o.term].en.as_str(), o.surface.as_str())).collect()
    }

    #[test]
    fn the_articles_own_english_vouches_for_an_everyday_word_as_its_latin_does() {
        let en = "Amal said the Web grew, and Pennsylvania voted; Ariana Grande sang.";
        let c = english_text_candidates(en);
        let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
        let mut a = model.aligner();
        let mut out = Vec::new();
        // أمل ("hope") and وبنسلفانيا read as dictionary words, and غراندي
        // ends as a nisba would: the English of this very article names them.
        a.align("قالت أمل إن الويب نما، وصوتت وبنسلفانيا، وغنت أريانا غراندي", Some(en), &mut out);
        assert_eq!(
            found(&c, &out),
            [("Amal", "أمل"), ("Pennsylvania", "بنسلفانيا"), ("Ariana Grande", "أريانا غراندي")]
        );
        // Other English vouches for nothing: أمل is "hope" there.
        out.clear();
        a.align("قالت أمل إن الويب نما", Some("She said the network grew."), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn a_function_word_the_english_writes_as_a_name_word_may_edge_a_span() {
        let ar = "قالت أنا بالارين إن حقيبة لا بومبا نفدت، ووافق ري يونغ هو على ذلك";
        let mut out = Vec::new();
        for (en, want) in [
            (
                "Ana Balarin said the La Bomba bag sold out, and Ri Yong Ho agreed.",
                vec![("Ana Balarin", "أنا بالارين"), ("La Bomba", "لا بومبا"), ("Ri Yong Ho", "ري يونغ هو")],
            ),
            // English whose names begin with no such word licenses no edge.
            ("Balarin said the Bomba bag sold out.", vec![("Balarin", "بالارين"), ("Bomba", "بومبا")]),
        ] {
            let c = english_text_candidates(en);
            let model = AlignModel::new(c.clone(), AlignConfig::default(), None);
            out.clear();
            model.aligner().align(ar, Some(en), &mut out);
            assert_eq!(found(&c, &out), want, "{en}");
        }
    }

    #[test]
    fn a_listed_name_keeps_its_first_letter() {
        // فيتالي is Vitaly in the name lists, not ف + يتالي (Italy); بيرنز
        // is Burns, not ب + Irons. A real clitic still comes off (وجوجل).
        let c = set(&["Italy", "Irons", "Google"]);
        let got = aligned(&c, "التقى فيتالي مع بيرنز ثم قال وجوجل ستعلن غدا");
        let found: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
        assert_eq!(found, [("Google", "جوجل")], "{got:?}");
    }

    #[test]
    fn a_clitic_written_apart_is_no_part_of_a_name() {
        let c = set(&["Microsoft", "Avensis"]);
        let got = aligned(&c, "قالت مايكروسوفت و أبل إن سيارة و أفينسيس جديدة");
        let surfaces: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(surfaces, ["مايكروسوفت", "أفينسيس"], "{got:?}");
    }

    #[test]
    fn an_acronym_of_five_letters_is_one_span() {
        let got = aligned(&set(&["MSNBC", "NBC"]), "قالت شبكة إم إس إن بي سي إن الخبر صحيح");
        assert_eq!(got, vec![("MSNBC".into(), "إم إس إن بي سي".into(), Method::Acronym)]);
    }

    #[test]
    fn the_english_article_starts_a_title() {
        let got = aligned(&set(&["The Times", "Times"]), "قالت صحيفة ذا تايمز إن ذا الرجل غادر");
        assert_eq!(got, vec![("The Times".into(), "ذا تايمز".into(), Method::Transliteration)]);
    }

    #[test]
    fn an_ordinary_word_is_a_gazetteer_spelling_only_as_written() {
        let mut c = CandidateSet::new();
        c.add_gazetteer("en,ar,variants,kind\nApple,آبل,أبل|ابل,org\n", "t.csv", false).unwrap();
        assert!(aligned(&c, "يملك الرجل إبل كثيرة").is_empty(), "camels");
        assert_eq!(aligned(&c, "قالت أبل إن الهاتف جاهز")[0].0, "Apple");
        assert_eq!(aligned(&c, "قالت ابل إن الهاتف جاهز")[0].0, "Apple");
    }
}
