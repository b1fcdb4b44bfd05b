//! Test fixtures shared by the unit tests: generators of Arabic text,
//! English names and phonetic keys for property tests, so that every
//! module draws its random inputs the same way, and the sample glossaries
//! the modules that write, read, merge and check glossaries test with, so
//! that a change of the model is made in one place and every module meets
//! the same awkward cases.

use crate::align::Method;
use crate::glossary::{Context, Entry, EntryStatus, Glossary, Rendering, TermStatus};
use crate::romanize::KEY_ALPHABET;
use proptest::prelude::*;

/// An entry as a reviewer leaves it: `status`, and the renderings `forms`
/// in order with their statuses (the first is the preferred form). The
/// renderings are counted 0, transliterated and scored 1.0: checks and
/// merges look at forms and statuses; a test that needs counts sets them.
pub(crate) fn entry(en: &str, status: EntryStatus, forms: &[(&str, TermStatus)]) -> Entry {
    let rendering =
        |&(form, status): &(&str, TermStatus)| Rendering::new(form, 0, Method::Transliteration, 1.0, status);
    let mut e = Entry::new(en, rendering(&forms[0]));
    e.renderings.extend(forms[1..].iter().map(rendering));
    e.status = status;
    e
}

/// Google as a reviewed master has it, with every field filled: approved,
/// a preferred form found in a gazetteer, an admitted and a forbidden
/// variant (counts 5, 3, 1), English variants, a note that looks like a
/// formula, two contexts, and two extra reviewer cells, one of them under
/// the name of a column nazir knows (`status`), which sheets leave out.
pub(crate) fn google() -> Entry {
    let mut g = Entry::new("Google", Rendering::new("جوجل", 5, Method::Gazetteer, 1.0, TermStatus::Preferred));
    g.renderings.push(Rendering::new("غوغل", 3, Method::Transliteration, 0.93, TermStatus::Admitted));
    g.renderings.push(Rendering::new("قوقل", 1, Method::Transliteration, 0.9, TermStatus::Forbidden));
    g.status = EntryStatus::Approved;
    g.score = 0.93;
    g.count = 9;
    g.docs = 3;
    g.kind = "org".into();
    g.note = "=1+1 Egyptian ج".into();
    g.en_variants = vec!["Google LLC".into(), "Alphabet".into()];
    g.contexts = vec![
        Context { text: "قال جوجل اليوم".into(), source: "a.txt:1".into() },
        Context { text: "أعلنت غوغل, اليوم".into(), source: "b.txt:4".into() },
    ];
    g.extra = vec![("reviewer".into(), "Huda".into()), ("status".into(), "shadow".into())];
    g
}

/// A reviewed master glossary with an entry of every status, in this
/// order: Google ([`google`], approved); Meta (forbidden, a Latin
/// rendering, a context far longer than a spreadsheet cell holds, extra
/// cells `domain` and `reviewer`); Oracle (a plain candidate with an
/// unrounded score); Orkla (rejected: a wrong pairing with ركلة, "kick").
pub(crate) fn reviewed_glossary() -> Glossary {
    let mut meta = Entry::new("Meta", Rendering::new("ميتا", 2, Method::Latin, 1.0, TermStatus::Preferred));
    meta.status = EntryStatus::Forbidden;
    meta.contexts = vec![Context { text: "م".repeat(40_000), source: "c.txt:9".into() }];
    meta.extra = vec![("domain".into(), "tech".into()), ("reviewer".into(), "Omar".into())];
    let oracle =
        Entry::new("Oracle", Rendering::new("أوراكل", 1, Method::Transliteration, 0.8126, TermStatus::Preferred));
    let mut orkla =
        Entry::new("Orkla", Rendering::new("ركلة", 1, Method::Transliteration, 0.86, TermStatus::Preferred));
    orkla.status = EntryStatus::Rejected;
    Glossary { entries: vec![google(), meta, oracle, orkla] }
}

/// Arabic letters (hamza forms, alef forms, ta marbuta, alef maqsura and
/// the Persian letters Arabic media use for foreign sounds included).
const ARABIC_LETTERS: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژڤگ";

/// What Arabic text carries besides letters: short vowels and shadda,
/// tatweel, invisible controls, presentation forms, digits of both kinds.
const ARABIC_EXTRAS: &str = "\u{064B}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0640}\u{200C}\u{200F}\u{FEFB}٠١٢٣4";

/// One Arabic word of 1–9 letters, sometimes with marks and other clutter.
pub(crate) fn arabic_word() -> impl Strategy<Value = String> {
    let letters: Vec<char> = ARABIC_LETTERS.chars().collect();
    let extras: Vec<char> = ARABIC_EXTRAS.chars().collect();
    let piece = prop_oneof![
        8 => proptest::sample::select(letters),
        1 => proptest::sample::select(extras),
    ];
    proptest::collection::vec(piece, 1..10).prop_map(|chars| chars.into_iter().collect())
}

/// Arabic text of 1–4 words.
pub fn arabic_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(arabic_word(), 1..5).prop_map(|words| words.join(" "))
}

/// An English-like name: 1–3 words of Latin letters, capitals, accents,
/// hyphens and dots as names have them (`Jean-Luc`, `U.S.`, `Müller`).
pub(crate) fn english_name() -> impl Strategy<Value = String> {
    "([A-Z][a-z]{0,8}|[A-Z]{2,4}|[A-Z]\\.[A-Z]\\.|[A-Z][a-zéöüñç]{1,6}-[A-Z][a-z]{1,5})( [A-Za-z][a-z]{1,9}){0,2}"
}

/// A phonetic key over the whole key alphabet (word boundaries included)
/// of 1–`max_len` symbols.
pub fn key(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(proptest::sample::select(KEY_ALPHABET), 1..=max_len)
}

/// Text a record file must carry through its escapes: any string, strings
/// made mostly of the characters escaped (TAB, LF, CR, backslash) and the
/// letters of their escapes, Arabic text, and the empty string.
pub(crate) fn awkward_text() -> impl Strategy<Value = String> {
    let tricky = vec!['\t', '\n', '\r', '\\', 't', 'n', 'r', ' ', 'x', 'ج', '\u{FEFF}'];
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(proptest::sample::select(tricky), 0..16).prop_map(|c| c.into_iter().collect()),
        arabic_text(),
        Just(String::new()),
    ]
}
