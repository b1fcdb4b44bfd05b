//! The letters the transliteration model reads and writes, shared by the
//! trainer, the name parts and the guesser so that all three see a name
//! the same way.

use unicode_normalization::UnicodeNormalization;

/// The letters of `text` the model reads: the display form's Arabic
/// letters, with the Persian and Urdu forms of ya, kaf and ha read as the
/// Arabic ones. Hamza seats, ta marbuta and alef maqsura are kept: they tell
/// the English vowel (إ i/e, أ a/o, final ة a).
pub(crate) fn arabic_letters(text: &str, out: &mut Vec<char>) {
    let mut clean = String::with_capacity(text.len());
    crate::normalize::clean_surface_into(text, &mut clean);
    out.extend(clean.chars().filter(|&c| crate::normalize::is_arabic_letter(c)).map(|c| match c {
        'ٱ' => 'ا',
        'ی' | 'ې' => 'ي',
        'ک' => 'ك',
        'ە' | 'ہ' => 'ه',
        _ => c,
    }));
}

/// The English letters of a name as the model spells them: lower case,
/// accents dropped (the target is the spelling, not the sound, so this is
/// not [`crate::romanize`]'s folding), the letters that do not decompose
/// mapped. `None` when anything but letters, apostrophes, hyphens and
/// spaces is left; spaces are dropped.
pub(crate) fn english_letters(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    english_letters_into(text, &mut out).then_some(out)
}

/// [`english_letters`] into `out` (cleared first); false (and `out` in an
/// unspecified state) when the text is not a name's letters.
pub(crate) fn english_letters_into(text: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    for c in text.nfkd() {
        match c {
            'a'..='z' | '\'' | '-' => out.push(c as u8),
            'A'..='Z' => out.push(c.to_ascii_lowercase() as u8),
            ' ' => {}
            '’' | 'ʼ' | 'ʻ' => out.push(b'\''),
            'ß' => out.extend_from_slice(b"ss"),
            'ø' | 'Ø' => out.push(b'o'),
            'æ' | 'Æ' => out.extend_from_slice(b"ae"),
            'œ' | 'Œ' => out.extend_from_slice(b"oe"),
            'ı' => out.push(b'i'),
            'ł' | 'Ł' => out.push(b'l'),
            'đ' | 'Đ' => out.push(b'd'),
            'þ' | 'Þ' => out.extend_from_slice(b"th"),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            _ => return false,
        }
    }
    true
}
