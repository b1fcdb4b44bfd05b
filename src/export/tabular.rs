//! The line-per-pair glossaries of OmegaT, DeepL and Google, and Google's
//! equivalent term sets.
//!
//! All are UTF-8 without a byte-order mark, LF line ends. The three TSV
//! profiles share one list of pairs:
//!
//! - `ar-en`: one line per Arabic rendering that may be used (preferred
//!   first, forbidden ones left out), each to the English term, because
//!   these tools match the *source* text and a news text may use any
//!   spelling;
//! - `en-ar`: one line per English spelling (the term, then its variants),
//!   each to the preferred Arabic rendering, for the same reason.
//!
//! Per profile:
//!
//! - `omegat`: `source<TAB>target<TAB>comment`, no header; the comment is
//!   the kind and note (left off when both are empty). TAB, CR and LF
//!   inside a field become spaces, since OmegaT has no quoting. OmegaT's
//!   reader (`GlossaryReaderTSV`) skips every line whose first character is
//!   `#` as a comment, then trims each field; a source term such as
//!   `#MeToo` is therefore written after one space, which keeps the line and
//!   is trimmed away again, so OmegaT reads the term as it is. Forbidden
//!   renderings and entries never appear (see [`super::profile`]).
//! - `deepl`: `source<TAB>target`, no header. Terms are trimmed and NFC
//!   normalized, then checked as DeepL's client does: not empty, no control
//!   character (C0, C1, U+2028, U+2029), at most 1024 UTF-8 bytes, and no
//!   source twice. A failing term is refused with its entry and line, never
//!   dropped or mended: DeepL glossaries cannot be edited, only recreated,
//!   so a silent change would be found late.
//! - `google`: `source<TAB>target`, no header (Google reads a header as a
//!   term); fields flattened as for OmegaT.
//! - `google-ets`: CSV with the header `ar,en,pos,description`, one concept
//!   per row with its preferred Arabic rendering (a cell holds one term);
//!   `pos` is `noun`, the description the kind and note. Direction does not
//!   apply: every column is a language.
//!
//! # Formulas
//!
//! These files are read by the tools, which take every cell as text, but
//! people also open them in spreadsheets (a `.csv` opens in Excel by a
//! double click), where a cell starting with `=`, `+`, `-`, `@`, TAB or CR
//! is evaluated. The usual guard, a leading `'`, is a spreadsheet
//! convention the tools do not know: in DeepL, Google and OmegaT it would
//! become part of the term, and a glossary would quietly hold `'-ism`
//! instead of `-ism`. Refusing every term that starts with one of those
//! characters would lose real names (`-ism`, `+972 Magazine`, `@Home`).
//! So terms are never changed, and the one kind of term that is refused
//! is one that can do harm when evaluated: a formula that calls a function
//! or another program, that is one that starts like a formula
//! (`crate::table::looks_like_formula`) and holds `(` or `|`
//! (`=HYPERLINK(…)`, `=cmd|'/C calc'!A0`). No name looks like that. Free
//! text that is not a term is guarded as in nazir's own CSV files:
//!
//! | profile | term columns | other text |
//! |---|---|---|
//! | `omegat` | verbatim; a term that calls a function or program refused | the comment guarded with `'` |
//! | `deepl` | verbatim; a term that calls a function or program refused | (none) |
//! | `google` | verbatim; a term that calls a function or program refused | (none) |
//! | `google-ets` | verbatim; a term that calls a function or program refused | `description` guarded with `'`; `pos` is always `noun` |
//!
//! TAB, CR and LF never start a term: they are flattened to spaces and
//! trimmed (DeepL refuses them, see above). The refusal names the entry and
//! the line, like every refusal of an export.

use super::profile::{Direction, Profile, describe, english, name_entry, refuse, usable_arabic, write_failed};
use crate::error::Result;
use crate::glossary::Entry;
use crate::table::{guard_formula, looks_like_formula};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use unicode_normalization::UnicodeNormalization;

/// DeepL's limit on a term, in UTF-8 bytes.
pub(crate) const DEEPL_MAX_TERM_BYTES: usize = 1024;

/// What starts a comment line in OmegaT's TAB glossary.
pub(crate) const OMEGAT_COMMENT: char = '#';

/// The header of an equivalent-term-sets file.
pub(crate) const GOOGLE_ETS_HEADER: [&str; 4] = ["ar", "en", "pos", "description"];

/// One source/target pair and the entry it comes from.
struct Pair<'a> {
    entry: &'a Entry,
    source: String,
    target: String,
}

/// The pairs of `entries` in `direction` (see the module documentation),
/// each term passed through `clean`. A source that repeats one of the same
/// entry once cleaned (`غوغل` and `غوغل ` both become `غوغل`) is written
/// once: the line would say the same, and DeepL refuses the repeat.
fn pairs<'a>(entries: &[&'a Entry], direction: Direction, clean: impl Fn(&str) -> String) -> Vec<Pair<'a>> {
    let mut pairs: Vec<Pair> = Vec::new();
    for &entry in entries {
        let (sources, target): (Vec<String>, String) = match direction {
            Direction::ArEn => (usable_arabic(entry).map(|r| clean(&r.form)).collect(), clean(&entry.en)),
            Direction::EnAr => {
                let Some(preferred) = usable_arabic(entry).next() else { continue };
                (english(entry).map(&clean).collect(), clean(&preferred.form))
            }
        };
        let first = pairs.len();
        for source in sources {
            if !pairs[first..].iter().any(|p| p.source == source) {
                pairs.push(Pair { entry, source, target: target.clone() });
            }
        }
    }
    pairs
}

/// A field for a format without quoting: TAB, CR and LF become spaces, and
/// the ends are trimmed.
fn flatten(text: &str) -> String {
    let flat: Cow<str> =
        if text.contains(['\t', '\r', '\n']) { text.replace(['\t', '\r', '\n'], " ").into() } else { text.into() };
    flat.trim().to_string()
}

/// A DeepL term: trimmed and NFC normalized.
fn deepl_clean(text: &str) -> String {
    text.trim().nfc().collect()
}

/// Whether DeepL refuses `c` in a term.
pub(crate) fn is_deepl_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}')
}

/// Why DeepL would refuse a (trimmed) term, if it would.
pub(crate) fn deepl_term_problem(term: &str) -> Option<String> {
    if term.is_empty() {
        return Some("is empty".into());
    }
    if let Some(c) = term.chars().find(|&c| is_deepl_forbidden_char(c)) {
        return Some(format!("contains the control character U+{:04X}", u32::from(c)));
    }
    if term.len() > DEEPL_MAX_TERM_BYTES {
        return Some(format!("is {} bytes long; DeepL allows {DEEPL_MAX_TERM_BYTES}", term.len()));
    }
    None
}

/// Why a term of a flattened format would be refused, if it would.
fn empty_term(term: &str) -> Option<String> {
    term.is_empty().then(|| "is empty".to_string())
}

/// Why a term would be refused as a formula that can do harm in a
/// spreadsheet, if it would (see the module documentation).
fn harmful_formula(term: &str) -> Option<String> {
    (looks_like_formula(term) && term.contains(['(', '|'])).then(|| {
        "would run as a formula when the file is opened in a spreadsheet (it starts with `=`, `+`, `-` or `@` and \
         calls a function or program)"
            .to_string()
    })
}

/// Both rules: `rule`, then [`harmful_formula`].
fn and_no_formula(rule: impl Fn(&str) -> Option<String>) -> impl Fn(&str) -> Option<String> {
    move |term| rule(term).or_else(|| harmful_formula(term))
}

/// Refuses the first pair whose source or target breaks `rule`; the pair
/// at index `i` would be on line `i + first_line`.
fn check(profile: Profile, pairs: &[Pair], first_line: usize, rule: impl Fn(&str) -> Option<String>) -> Result<()> {
    for (i, p) in pairs.iter().enumerate() {
        for (side, term) in [("source", &p.source), ("target", &p.target)] {
            if let Some(why) = rule(term) {
                let reason = format!("entry {}: the {side} term {:?} {why}", name_entry(p.entry), term);
                return Err(refuse(profile, Some(i + first_line), reason));
            }
        }
    }
    Ok(())
}

/// Writes rows of TAB-separated cells, one per line.
fn write_tsv(profile: Profile, rows: &[Vec<String>], out: &mut dyn Write) -> Result<usize> {
    let mut text = String::new();
    for row in rows {
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    out.write_all(text.as_bytes()).map_err(|e| write_failed(profile, e))?;
    Ok(rows.len())
}

/// Writes the OmegaT glossary.
pub(super) fn write_omegat(entries: &[&Entry], direction: Direction, out: &mut dyn Write) -> Result<usize> {
    let pairs = pairs(entries, direction, flatten);
    check(Profile::OmegaT, &pairs, 1, and_no_formula(empty_term))?;
    let rows: Vec<Vec<String>> = pairs
        .into_iter()
        .map(|p| {
            let comment = guard_formula(&flatten(&describe(p.entry))).into_owned();
            let source = if p.source.starts_with(OMEGAT_COMMENT) { format!(" {}", p.source) } else { p.source };
            let mut row = vec![source, p.target];
            if !comment.is_empty() {
                row.push(comment);
            }
            row
        })
        .collect();
    write_tsv(Profile::OmegaT, &rows, out)
}

/// Writes the DeepL glossary, refusing what DeepL would refuse.
pub(super) fn write_deepl(entries: &[&Entry], direction: Direction, out: &mut dyn Write) -> Result<usize> {
    let pairs = pairs(entries, direction, deepl_clean);
    check(Profile::DeepL, &pairs, 1, and_no_formula(deepl_term_problem))?;
    let mut first_line: HashMap<&str, (usize, &Entry)> = HashMap::new();
    for (i, p) in pairs.iter().enumerate() {
        if let Some(&(line, other)) = first_line.get(p.source.as_str()) {
            let reason = format!(
                "entry {}: the source term {:?} is already on line {line} (entry {}); DeepL refuses duplicate sources",
                name_entry(p.entry),
                p.source,
                name_entry(other)
            );
            return Err(refuse(Profile::DeepL, Some(i + 1), reason));
        }
        first_line.insert(&p.source, (i + 1, p.entry));
    }
    let rows: Vec<Vec<String>> = pairs.into_iter().map(|p| vec![p.source, p.target]).collect();
    write_tsv(Profile::DeepL, &rows, out)
}

/// Writes the Google unidirectional glossary.
pub(super) fn write_google(entries: &[&Entry], direction: Direction, out: &mut dyn Write) -> Result<usize> {
    let pairs = pairs(entries, direction, flatten);
    check(Profile::Google, &pairs, 1, and_no_formula(empty_term))?;
    let rows: Vec<Vec<String>> = pairs.into_iter().map(|p| vec![p.source, p.target]).collect();
    write_tsv(Profile::Google, &rows, out)
}

/// Writes the Google equivalent-term-sets glossary.
pub(super) fn write_google_ets(entries: &[&Entry], out: &mut dyn Write) -> Result<usize> {
    let rows: Vec<Pair> = entries
        .iter()
        .filter_map(|&entry| {
            let preferred = usable_arabic(entry).next()?;
            Some(Pair { entry, source: flatten(&preferred.form), target: flatten(&entry.en) })
        })
        .collect();
    // The header is line 1.
    check(Profile::GoogleEts, &rows, 2, and_no_formula(empty_term))?;
    let fail = |e: csv::Error| write_failed(Profile::GoogleEts, e);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(GOOGLE_ETS_HEADER).map_err(fail)?;
    for p in &rows {
        let description = flatten(&describe(p.entry));
        w.write_record([p.source.as_str(), p.target.as_str(), "noun", &guard_formula(&description)]).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| write_failed(Profile::GoogleEts, e))?;
    out.write_all(&bytes).map_err(|e| write_failed(Profile::GoogleEts, e))?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::super::profile::ExportOptions;
    use super::super::profile::fixtures::sample;
    use super::*;
    use crate::error::Error;
    use crate::export::export;
    use crate::glossary::Glossary;

    fn run(glossary: &Glossary, profile: Profile, direction: Direction) -> String {
        let mut out = Vec::new();
        export(glossary, &ExportOptions { direction, ..ExportOptions::new(profile) }, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The error of a refused DeepL export, and what it wrote.
    fn refused(glossary: &Glossary) -> (Option<usize>, String, Vec<u8>) {
        let mut out = Vec::new();
        match export(glossary, &ExportOptions::new(Profile::DeepL), &mut out).unwrap_err() {
            e @ Error::Export { line, .. } => (line, e.to_string(), out),
            other => panic!("{other}"),
        }
    }

    const COMMENT: &str = "organization; search engine";

    #[test]
    fn omegat_bytes_both_ways() {
        let g = sample();
        let ar_en =
            format!("جوجل\tGoogle\t{COMMENT}\nغوغل\tGoogle\t{COMMENT}\nمحمد بن سلمان\tMohammed bin Salman\tperson\n");
        assert_eq!(run(&g, Profile::OmegaT, Direction::ArEn), ar_en);
        let en_ar = format!(
            "Google\tجوجل\t{COMMENT}\nMohammed bin Salman\tمحمد بن سلمان\tperson\nMuhammad bin Salman\tمحمد بن سلمان\tperson\n"
        );
        assert_eq!(run(&g, Profile::OmegaT, Direction::EnAr), en_ar);
    }

    #[test]
    fn omegat_fields_are_flat_and_comments_optional() {
        let mut g = sample();
        g.entries[0].note = "search\tengine\r\nsince 1998".into();
        g.entries[1].kind.clear();
        let text = run(&g, Profile::OmegaT, Direction::ArEn);
        assert!(text.starts_with("جوجل\tGoogle\torganization; search engine  since 1998\n"), "{text}");
        assert!(text.ends_with("محمد بن سلمان\tMohammed bin Salman\n"), "{text}");
    }

    #[test]
    fn deepl_and_google_bytes_both_ways() {
        let g = sample();
        let ar_en = "جوجل\tGoogle\nغوغل\tGoogle\nمحمد بن سلمان\tMohammed bin Salman\n";
        let en_ar = "Google\tجوجل\nMohammed bin Salman\tمحمد بن سلمان\nMuhammad bin Salman\tمحمد بن سلمان\n";
        for profile in [Profile::DeepL, Profile::Google] {
            assert_eq!(run(&g, profile, Direction::ArEn), ar_en, "{profile}");
            assert_eq!(run(&g, profile, Direction::EnAr), en_ar, "{profile}");
        }
    }

    #[test]
    fn google_ets_bytes() {
        let expected = format!(
            "ar,en,pos,description\nجوجل,Google,noun,{COMMENT}\nمحمد بن سلمان,Mohammed bin Salman,noun,person\n"
        );
        // Direction does not change a file of term sets.
        for direction in [Direction::ArEn, Direction::EnAr] {
            assert_eq!(run(&sample(), Profile::GoogleEts, direction), expected);
        }
    }

    #[test]
    fn deepl_terms_are_trimmed_and_nfc() {
        let mut g = sample();
        g.entries.truncate(1);
        g.entries[0].en = " Cafe\u{301} ".into();
        // Equal to the preferred rendering once trimmed: written once.
        g.entries[0].renderings[1].form = " جوجل".into();
        g.entries[0].en_variants.push("Café".into());
        assert_eq!(run(&g, Profile::DeepL, Direction::ArEn), "جوجل\tCafé\n");
        assert_eq!(run(&g, Profile::DeepL, Direction::EnAr), "Café\tجوجل\n");
        g.entries[0].en = "a".repeat(DEEPL_MAX_TERM_BYTES);
        assert!(run(&g, Profile::DeepL, Direction::ArEn).starts_with("جوجل\taaa"));
    }

    #[test]
    fn deepl_refuses_a_duplicate_source_naming_both_lines() {
        let mut g = sample();
        g.entries[1].renderings[0].form = "جوجل".into();
        let (line, message, out) = refused(&g);
        assert_eq!(line, Some(3));
        let id = &g.entries[1].id;
        assert!(message.contains("line 3") && message.contains("already on line 1"), "{message}");
        assert!(message.contains(&format!("\"Mohammed bin Salman\" ({id})")), "{message}");
        assert!(message.contains("\"Google\""), "{message}");
        assert!(out.is_empty(), "nothing is written");
    }

    #[test]
    fn terms_stay_verbatim_and_only_harmful_formulas_are_refused() {
        let mut g = sample();
        g.entries.truncate(1);
        g.entries[0].en = "-ism".into();
        g.entries[0].kind.clear();
        g.entries[0].note = "=1+1 is text".into();
        assert_eq!(run(&g, Profile::DeepL, Direction::ArEn), "جوجل\t-ism\nغوغل\t-ism\n");
        assert_eq!(run(&g, Profile::Google, Direction::ArEn), "جوجل\t-ism\nغوغل\t-ism\n");
        assert_eq!(run(&g, Profile::OmegaT, Direction::ArEn), "جوجل\t-ism\t'=1+1 is text\nغوغل\t-ism\t'=1+1 is text\n");
        assert_eq!(
            run(&g, Profile::GoogleEts, Direction::ArEn),
            "ar,en,pos,description\nجوجل,-ism,noun,'=1+1 is text\n"
        );
        for (en, ar) in [("=HYPERLINK(\"http://x\")", "جوجل"), ("Google", "+cmd|' /C calc'!A0")] {
            g.entries[0].en = en.into();
            g.entries[0].renderings[0].form = ar.into();
            for profile in [Profile::OmegaT, Profile::DeepL, Profile::Google, Profile::GoogleEts] {
                let mut out = Vec::new();
                let e = export(&g, &ExportOptions::new(profile), &mut out).unwrap_err().to_string();
                let line = if profile == Profile::GoogleEts { 2 } else { 1 };
                assert!(e.contains(&format!("line {line}: entry")), "{profile}: {e}");
                assert!(e.contains("would run as a formula"), "{profile}: {e}");
                assert!(out.is_empty(), "{profile}: nothing is written");
            }
        }
    }

    #[test]
    fn deepl_refuses_control_characters_and_long_terms() {
        let mut g = sample();
        g.entries[1].en = "Mohammed\u{7}bin Salman".into();
        let (line, message, _) = refused(&g);
        assert_eq!(line, Some(3));
        assert!(message.contains("U+0007") && message.contains(&g.entries[1].id), "{message}");
        for c in ['\u{85}', '\u{2028}', '\t'] {
            g.entries[1].en = format!("Mohammed{c}bin");
            assert!(refused(&g).1.contains(&format!("U+{:04X}", u32::from(c))));
        }
        g.entries[1].en = "a".repeat(DEEPL_MAX_TERM_BYTES + 1);
        let (line, message, _) = refused(&g);
        assert_eq!(line, Some(3));
        assert!(message.contains("1025 bytes") && message.contains(&g.entries[1].id), "{message}");
        g.entries[1].en = "   ".into();
        assert!(refused(&g).1.contains("is empty"));
    }
}
