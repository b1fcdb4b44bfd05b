//! Test fixtures shared by the unit tests: generators of Arabic text,
//! English names and phonetic keys for property tests, so that every
//! module draws its random inputs the same way.

use crate::romanize::KEY_ALPHABET;
use proptest::prelude::*;

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
