//! Text normalization for matching.
//!
//! Arabic news text arrives with presentation forms, vowel marks (harakat),
//! elongation (tatweel), invisible bidi and zero-width controls, and several
//! spellings of the same letter (أ إ آ ٱ for alef, ى for final ya, ة/ه).
//! Matching must not care about any of that, while the glossary must keep
//! the word as the journalist wrote it. This module owns both views:
//!
//! * [`normalize_into`] gives the *matching form*: NFKC, then marks and
//!   controls stripped, then letters folded, then Arabic-Indic digits mapped
//!   to ASCII. The order is fixed and pinned by tests: NFKC must come first
//!   because it composes alef + madda (U+0627 U+0653 → آ) and expands
//!   ligatures (ﻻ → لا), and stripping marks before it would lose that.
//! * `clean_surface_into` gives the *display form*: NFKC and the same
//!   stripping, but no folding, so أوراكل stays أوراكل.
//!
//! Every step is a per-character map or filter after NFKC, so the steps
//! are fused into one pass over the text; each is also exposed on its own
//! (`is_stripped`, `fold_letter`, `fold_digit`) so tests can pin them.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Arabic vowel marks and other combining marks that carry no letter:
/// harakat (U+064B–U+065F), superscript alef (U+0670) and the Quranic
/// annotation signs (U+06D6–U+06ED, minus the letters in that block).
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// The tatweel (kashida), used only to stretch words.
pub(crate) const TATWEEL: char = '\u{0640}';

/// Invisible format controls: bidi marks, embeddings, isolates, zero-width
/// (non-)joiners, word joiner and the byte-order mark.
pub(crate) fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Whether the matching form drops this character.
pub(crate) fn is_stripped(c: char) -> bool {
    c == TATWEEL || is_arabic_mark(c) || is_invisible_control(c)
}

/// Letter folding for matching: alef forms to bare alef, alef maqsura and
/// Persian yeh to ya, ta marbuta to ha, Persian keheh to kaf.
pub(crate) fn fold_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'ە' | 'ہ' => 'ه',
        _ => c,
    }
}

/// Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9)
/// digits to ASCII digits.
pub(crate) fn fold_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

fn push_matching(c: char, out: &mut String) {
    if !is_stripped(c) {
        out.push(fold_digit(fold_letter(c)));
    }
}

fn push_surface(c: char, out: &mut String) {
    if !is_stripped(c) {
        out.push(c);
    }
}

/// ASCII, the Arabic letters and tatweel (U+0620–U+064A), Arabic-Indic
/// digits and Arabic punctuation: a string made only of these is already in
/// NFKC, since none has a compatibility or canonical decomposition of its
/// own or a nonzero combining class (the marks that compose with alef, waw
/// and ya, U+0653–U+0655, are not among them).
fn is_plain_nfkc(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{066D}' | '\u{060C}' | '\u{061B}' | '\u{061F}')
}

fn for_each_nfkc(input: &str, mut f: impl FnMut(char)) {
    // Plain Arabic letters and ASCII (most words) need no table look-up;
    // other already-normal text skips the NFKC iterator.
    if input.chars().all(is_plain_nfkc) || is_nfkc_quick(input.chars()) == IsNormalized::Yes {
        input.chars().for_each(f);
    } else {
        for c in input.nfkc() {
            f(c);
        }
    }
}

/// Appends the matching form of `input` to `out` (which is not cleared).
pub fn normalize_into(input: &str, out: &mut String) {
    if input.is_ascii() {
        out.push_str(input);
        return;
    }
    for_each_nfkc(input, |c| push_matching(c, out));
}

/// The matching form of `input`.
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    normalize_into(input, &mut out);
    out
}

/// Appends the display form of `input` to `out`: NFKC, marks, tatweel and
/// controls removed, letters kept as written.
pub(crate) fn clean_surface_into(input: &str, out: &mut String) {
    if input.is_ascii() {
        out.push_str(input);
        return;
    }
    for_each_nfkc(input, |c| push_surface(c, out));
}

/// The display form of `input` (see [`normalize`] for the matching form).
pub fn clean_surface(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    clean_surface_into(input, &mut out);
    out
}

/// Arabic letters proper (the consonants and long vowels of the Arabic
/// block, with the Persian/Urdu additions used for foreign sounds).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// Whether a string is written in Arabic letters (at least one Arabic letter
/// and no Latin letter).
#[cfg(test)]
pub(crate) fn is_arabic_text(s: &str) -> bool {
    s.chars().any(is_arabic_letter) && !s.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_their_own_nfkc() {
        use unicode_normalization::char::canonical_combining_class;
        let plain: Vec<char> = ('\u{0}'..='\u{0700}').filter(|&c| is_plain_nfkc(c)).collect();
        assert!(plain.len() > 128 + 40);
        for c in plain {
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
        // With a composing mark the string is no longer plain.
        assert!(!"\u{0627}\u{0653}".chars().all(is_plain_nfkc));
    }

    #[test]
    fn strips_harakat_tatweel_and_controls() {
        assert_eq!(normalize("مَايكروسوفت"), "مايكروسوفت");
        assert_eq!(normalize("جـــوجل"), "جوجل");
        assert_eq!(normalize("\u{200F}غوغل\u{200E}"), "غوغل");
        assert_eq!(normalize("\u{FEFF}ميتا"), "ميتا");
    }

    #[test]
    fn folds_letters_and_digits() {
        assert_eq!(normalize("أوراكل"), "اوراكل");
        assert_eq!(normalize("إريك"), "اريك");
        assert_eq!(normalize("آبل"), "ابل");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("مكة"), "مكه");
        assert_eq!(normalize("٢٠٢٥"), "2025");
        assert_eq!(normalize("۱۲"), "12");
    }

    #[test]
    fn nfkc_runs_before_mark_stripping() {
        // Alef followed by a combining madda: NFKC composes it into آ, which
        // then folds to ا. Were marks stripped first the result would be the
        // same letter, but only by accident; the ligature case shows why the
        // order matters: ﻻ (U+FEFB) must expand to لا before folding.
        assert_eq!(normalize("\u{0627}\u{0653}"), "ا");
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{FEF7}"), "لا"); // lam-alef with hamza above
        // Presentation forms of ordinary letters.
        assert_eq!(normalize("\u{FEB3}\u{FEE0}"), "سل");
    }

    #[test]
    fn surface_keeps_letters_as_written() {
        assert_eq!(clean_surface("وأُوراكل"), "وأوراكل");
        assert_eq!(clean_surface("جـوجل"), "جوجل");
        assert_eq!(clean_surface("مكة"), "مكة");
    }

    #[test]
    fn every_step_is_idempotent() {
        for s in ["أَوراكل", "جـوجل", "\u{FDFA}", "٢٠٢٥ ﻻ", "DeepSeek ديبسيك", "ٱلله"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
            let surface = clean_surface(s);
            assert_eq!(clean_surface(&surface), surface, "{s}");
        }
        for c in ['أ', 'ى', 'ة', 'ک', 'ا', 'b'] {
            assert_eq!(fold_letter(fold_letter(c)), fold_letter(c));
        }
    }

    #[test]
    fn ascii_passes_through() {
        assert_eq!(normalize("OpenAI R1"), "OpenAI R1");
    }

    #[test]
    fn arabic_text_detection() {
        assert!(is_arabic_text("ديبسيك"));
        assert!(!is_arabic_text("DeepSeek"));
        assert!(!is_arabic_text("لـDeepSeek"));
    }

    proptest::proptest! {
        #[test]
        fn normalization_is_idempotent(text in crate::testutil::arabic_text()) {
            let once = normalize(&text);
            proptest::prop_assert_eq!(normalize(&once), once.clone());
            proptest::prop_assert!(!once.chars().any(is_stripped), "{:?}", once);
        }
    }
}
