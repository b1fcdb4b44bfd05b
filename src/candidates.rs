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

use crate::error::{Error, InputProblem, Result};
use crate::normalize::normalize;
use std::collections::HashMap;
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
];

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
    pub fn add_list(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if !line.is_empty() && !line.starts_with('#') {
                self.add(line, |o| o.list = true);
            }
        }
    }

    /// Adds a gazetteer CSV (`en,ar` columns required, `variants` and `kind`
    /// optional). `translated` marks every row as a translation.
    pub fn add_gazetteer(&mut self, csv_text: &str, path: &str, translated: bool) -> Result<usize> {
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
    pub fn add_default_gazetteer(&mut self) -> Result<usize> {
        let mut n = 0;
        for (path, text) in DEFAULT_GAZETTEER {
            n += self.add_gazetteer(text, path, path.ends_with("translated.csv"))?;
        }
        Ok(n)
    }

    /// Adds a gazetteer CSV file from disk.
    pub fn add_gazetteer_file(&mut self, path: &Path) -> Result<usize> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        self.add_gazetteer(text, &path.to_string_lossy(), false)
    }

    /// Adds a term list file from disk.
    pub fn add_list_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_list(&text);
        Ok(())
    }

    /// Every known Arabic spelling, in matching form, with its candidate.
    pub fn arabic_lookup(&self) -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, t) in self.terms.iter().enumerate() {
            for form in &t.arabic {
                map.entry(normalize(form)).or_insert(i);
            }
        }
        map
    }
}

/// The case- and accent-insensitive key used to deduplicate terms.
pub fn fold_key(en: &str) -> String {
    crate::romanize::fold_latin(en)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '&')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

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
    "May",
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
    "New",
    "First",
    "Former",
    "Analysts",
    "Officials",
];

/// Words that may join capitalized words inside a name.
const NAME_CONNECTORS: &[&str] =
    &["of", "de", "del", "della", "da", "van", "von", "der", "bin", "al", "la", "le", "du"];

/// Capitalized phrases and acronyms of an English text: maximal runs of
/// capitalized words (with inner connectors such as "of"), and every
/// sub-run of up to four words, so that "OpenAI CEO Sam Altman" gives
/// "OpenAI" and "Sam Altman". Possessive 's is dropped.
pub fn english_phrases(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run.last().is_some_and(|w| NAME_CONNECTORS.contains(w)) {
            run.pop();
        }
        for len in 1..=run.len().min(4) {
            for start in 0..=run.len() - len {
                let part = &run[start..start + len];
                if NAME_CONNECTORS.contains(&part[0]) || NAME_CONNECTORS.contains(&part[len - 1]) {
                    continue;
                }
                let phrase = part.join(" ");
                if !out.contains(&phrase) {
                    out.push(phrase);
                }
            }
        }
        run.clear();
    };
    for raw in text.split(|c: char| c.is_whitespace()) {
        let ends_clause = raw.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '”']);
        let word = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&'));
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        let capitalized = word.chars().next().is_some_and(|c| c.is_uppercase())
            || (word.len() > 1 && word.chars().nth(1).is_some_and(|c| c.is_uppercase()));
        if capitalized && !ENGLISH_NON_NAMES.contains(&word) {
            run.push(word);
        } else if !run.is_empty() && NAME_CONNECTORS.contains(&word) && !ends_clause {
            run.push(word);
            continue;
        } else {
            flush(&mut run, &mut out);
        }
        if ends_clause {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn dedup_is_case_insensitive() {
        let mut c = CandidateSet::new();
        let a = c.add("DeepSeek", |o| o.latin = true).unwrap();
        let b = c.add("Deepseek", |o| o.list = true).unwrap();
        assert_eq!(a, b);
        assert!(c.terms()[a].origins.latin && c.terms()[a].origins.list);
        assert_eq!(c.terms()[a].en, "DeepSeek");
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
