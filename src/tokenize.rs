//! Splitting article text into word tokens with byte spans.
//!
//! Tokens are cut from the *original* text, so every later stage can point
//! back at exactly what the journalist wrote (for the glossary's surface
//! form, its context snippet and its `article:line` source). A token is a
//! run of Arabic letters (with any marks, tatweel or zero-width joiners
//! inside it), a run of Latin letters and digits (with inner `.`, `-`, `&`
//! or `'` kept when a letter or digit follows: `D.A`, `S&P`, `GPT-4o`), or a
//! number. Anything else (punctuation, quotes, brackets, line breaks)
//! separates tokens and also marks a *break*: candidate names never span a
//! break.

use crate::normalize::{TATWEEL, is_arabic_letter, is_arabic_mark, is_invisible_control};

/// The script of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Arabic letters.
    Arabic,
    /// Latin letters, possibly with digits (`R1`, `o3`).
    Latin,
    /// Digits only (ASCII or Arabic-Indic).
    Number,
}

/// One word of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the first byte in the original text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Script of the token.
    pub script: Script,
    /// True when punctuation or a line break separates this token from the
    /// previous one (always true for the first token).
    pub after_break: bool,
    /// An Arabic word joined to the previous one by a hyphen and nothing
    /// else (لانسيت in الكاتيل-لانسيت): the two are parts of one compound,
    /// with no break between them.
    pub joined: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.start..self.end]
    }
}

fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL || c == '\u{200C}' || c == '\u{200D}'
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn is_latin_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_arabic_letter(c) && (c as u32) < 0x0530)
}

/// Characters that separate words without breaking a name: spaces and
/// invisible controls.
fn is_soft_separator(c: char) -> bool {
    (c.is_whitespace() && c != '\n' && c != '\r') || is_invisible_control(c)
}

/// Tokenizes `text` into `out` (cleared first), reusing its allocation.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut pending_break = true;
    // Where a hyphen that directly follows an Arabic word ends: it joins
    // that word to the next if an Arabic letter follows directly, and is
    // punctuation otherwise.
    let mut hyphen_end: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let script = if is_arabic_letter(c) {
            Script::Arabic
        } else if is_digit(c) {
            Script::Number
        } else if is_latin_char(c) {
            Script::Latin
        } else {
            let after_arabic = out.last().is_some_and(|t: &Token| t.script == Script::Arabic && t.end == start);
            if c == '-' && after_arabic {
                hyphen_end = Some(start + 1);
                continue;
            }
            if hyphen_end.take().is_some() || (!is_soft_separator(c) && !is_arabic_word_char(c)) {
                pending_break = true;
            }
            continue;
        };
        let joined = match hyphen_end.take() {
            Some(end) if end == start && script == Script::Arabic => true,
            Some(_) => {
                pending_break = true;
                false
            }
            None => false,
        };
        let mut end = start + c.len_utf8();
        let mut script = script;
        while let Some(&(i, d)) = chars.peek() {
            let continues = match script {
                Script::Arabic => is_arabic_word_char(d),
                Script::Latin => is_latin_char(d),
                Script::Number => {
                    if is_latin_char(d) && d.is_ascii_alphabetic() {
                        // `3D`, `5G`: a number that runs into letters is a word.
                        script = Script::Latin;
                        true
                    } else {
                        is_digit(d)
                    }
                }
            };
            if continues {
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            // Inner connector inside a Latin word or a number: keep it when
            // a letter or digit follows directly (`D.A`, `S&P`, `3.5`).
            if matches!(script, Script::Latin | Script::Number) && matches!(d, '.' | '-' | '&' | '\'' | '’') {
                let after = text[i + d.len_utf8()..].chars().next();
                if let Some(a) = after {
                    let ok = match script {
                        Script::Latin => is_latin_char(a),
                        _ => is_digit(a) && d == '.',
                    };
                    if ok {
                        chars.next();
                        end = i + d.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        out.push(Token { start, end, script, after_break: pending_break, joined });
        pending_break = false;
    }
}

/// Tokenizes `text` into a new vector.
#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// Byte offsets at which lines start, for turning a byte offset into a
/// 1-based line number with [`line_of`].
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The 1-based line number of `offset` given `starts` from [`line_starts`].
pub(crate) fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphen_between_arabic_words_joins_them() {
        let text = "الكاتيل-لانسيت و ماي - وهي -ب";
        let t = tokenize(text);
        let joined: Vec<(&str, bool, bool)> = t.iter().map(|t| (t.text(text), t.joined, t.after_break)).collect();
        assert_eq!(
            joined,
            vec![
                ("الكاتيل", false, true),
                ("لانسيت", true, false),
                ("و", false, false),
                ("ماي", false, false),
                ("وهي", false, true),
                ("ب", false, true),
            ]
        );
    }

    fn words(text: &str) -> Vec<(&str, Script, bool)> {
        tokenize(text).iter().map(|t| (t.text(text), t.script, t.after_break)).collect()
    }

    #[test]
    fn splits_scripts_and_marks_breaks() {
        let text = "زارت شركة OpenAI وأوراكل، البيت الأبيض.";
        assert_eq!(
            words(text),
            vec![
                ("زارت", Script::Arabic, true),
                ("شركة", Script::Arabic, false),
                ("OpenAI", Script::Latin, false),
                ("وأوراكل", Script::Arabic, false),
                ("البيت", Script::Arabic, true),
                ("الأبيض", Script::Arabic, false),
            ]
        );
    }

    #[test]
    fn keeps_marks_and_tatweel_inside_words() {
        let text = "مَايكروسوفت لـDeepSeek جـوجل";
        assert_eq!(words(text).iter().map(|w| w.0).collect::<Vec<_>>(), vec!["مَايكروسوفت", "لـ", "DeepSeek", "جـوجل"]);
    }

    #[test]
    fn latin_connectors_and_numbers() {
        let text = "D.A. Davidson و S&P 500 و GPT-4o بقيمة ٢٠٢٥ و 3.5";
        let w = words(text);
        assert_eq!(w[0].0, "D.A");
        assert!(w[1].2, "the trailing dot breaks");
        assert_eq!(w[1].0, "Davidson");
        assert!(w.iter().any(|x| x.0 == "S&P"));
        assert!(w.iter().any(|x| x.0 == "GPT-4o"));
        assert!(w.iter().any(|x| x.0 == "٢٠٢٥" && x.1 == Script::Number));
        assert!(w.iter().any(|x| x.0 == "3.5" && x.1 == Script::Number));
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "قال «سام ألتمان»\nثم";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let starts = line_starts(text);
        let last = *tokenize(text).last().unwrap();
        assert_eq!(line_of(&starts, last.start), 2);
        assert_eq!(line_of(&starts, 0), 1);
        assert!(tokenize(text)[1].after_break, "the quote mark breaks");
    }
}
