//! Translation alignment: names found from parallel text by association.
//!
//! Some names are translated, not transliterated (البيت الأبيض = White
//! House): no phonetic score finds them, but in parallel text they recur
//! together. For every parallel unit (a TMX or line-pair sentence, or a
//! JSONL article with its `en` text) this module records which Arabic
//! candidate spans and which English capitalized phrases it contains, once
//! per unit. Across the batch each pair gets its co-occurrence count, the
//! Dice coefficient `2·c(a,e) / (c(a) + c(e))` and Dunning's log-likelihood
//! ratio G² over the 2×2 table of units. Pairs are then linked one-to-one
//! by competitive linking: best pairs first (LLR, then longer readings, then
//! the transliteration score, to break ties between names that always
//! appear together), and once a span or phrase is linked neither it nor any
//! span or phrase inside or around it is linked again (so البيت alone does
//! not become "House").
//!
//! The Arabic form of a span is its words as written, except that a
//! conjunction or preposition stuck to an article-bearing first word is set
//! aside (والبيت الأبيض and للأمم المتحدة count as البيت الأبيض and الأمم
//! المتحدة), because translated names mostly start with the article.
//!
//! The counts of two parts of a batch merge exactly
//! ([`Cooccurrences::merge`]: sums, and the first occurrence of a span is
//! the one with the smallest [`ArticleKey`]), so a sharded run links the
//! same pairs as a single one.

use crate::corpus::{ArticleKey, context_snippet};
use crate::extract::{ArticleWords, MAX_SPAN_WORDS, clitic_readings, skip_letters};
use crate::normalize::clean_surface_into;
use crate::tokenize::{Script, line_of, line_starts};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Longest Arabic span counted, in words (translated names are short).
const MAX_ASSOC_WORDS: usize = 3;

/// Association of one Arabic span with one English phrase.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Association {
    /// Units in which both occur.
    pub cooc: u32,
    /// Dice coefficient in `[0, 1]`.
    pub dice: f32,
    /// Log-likelihood ratio (G²).
    pub llr: f32,
}

/// The counts of one Arabic span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArabicSpan {
    /// Matching form (the key).
    pub norm: String,
    /// Display form at its first occurrence.
    pub display: String,
    /// Units containing it.
    pub units: u32,
    /// The unit of its first occurrence (in batch order).
    pub first: ArticleKey,
    /// Context of its first occurrence.
    pub context: String,
    /// `unit-id:line` of its first occurrence.
    pub source: String,
}

/// Counts of Arabic spans, English phrases and their co-occurrences over
/// the parallel units of a batch.
#[derive(Debug, Clone, Default)]
pub struct Cooccurrences {
    units: u32,
    arabic: Vec<ArabicSpan>,
    arabic_ids: HashMap<String, u32>,
    /// English phrases: text, units containing it, units where it is a
    /// whole run of capitalized words.
    english: Vec<(String, u32, u32)>,
    english_ids: HashMap<String, u32>,
    pairs: HashMap<(u32, u32), u32>,
    unit_arabic: Vec<u32>,
    unit_english: Vec<u32>,
    stems: StemWords,
}

/// Which first words read as a particle + dictionary word, remembered: a
/// cache, not a count (merging ignores it).
#[derive(Debug, Clone, Default)]
struct StemWords(HashMap<String, bool>);

impl StemWords {
    /// Whether `word` (matching form) may be a particle + `stem`: the stem
    /// is a dictionary word and the word is no listed proper noun (كوريا
    /// is not ك + وريا).
    fn reads_as_particle(&mut self, word: &str, stem: &str) -> bool {
        if let Some(&known) = self.0.get(word) {
            return known;
        }
        let lexicon = crate::lexicon::Lexicon::embedded();
        let reads = !lexicon.is_name(word) && lexicon.ordinary_reason(stem) == Some(crate::lexicon::Ordinary::Word);
        self.0.insert(word.to_string(), reads);
        reads
    }
}

/// A linked pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    /// The Arabic span (matching form).
    pub arabic: String,
    /// Its display form.
    pub display: String,
    /// The English phrase.
    pub english: String,
    /// Units containing the Arabic span.
    pub arabic_units: u32,
    /// The association figures.
    pub association: Association,
    /// Transliteration score of the pair.
    pub transliteration: f32,
    /// Whether the English is the acronym or expansion of the English of
    /// the link before, which shares its Arabic (European Union after
    /// EU): it stands or falls with that link.
    pub abbreviation: bool,
    /// Context and source of the span's first occurrence.
    pub context: String,
    /// `unit-id:line`.
    pub source: String,
}

/// The byte ranges of the non-blank lines of `text`.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push(start..start + line.len());
        }
        start += line.len();
    }
    out
}

/// The number of words of a span or phrase (words are one space apart).
fn word_count(s: &str) -> usize {
    s.bytes().filter(|&b| b == b' ').count() + 1
}

/// Whether one word sequence contains the other.
fn nested(a: &str, b: &str) -> bool {
    contains(a, b) || contains(b, a)
}

/// G² of a 2×2 contingency table (`k11` both, `k12` only a, `k21` only b,
/// `k22` neither).
fn log_likelihood_ratio(k11: f64, k12: f64, k21: f64, k22: f64) -> f64 {
    let n = k11 + k12 + k21 + k22;
    let term = |k: f64, row: f64, col: f64| if k > 0.0 { k * (k * n / (row * col)).ln() } else { 0.0 };
    let (r1, r2, c1, c2) = (k11 + k12, k21 + k22, k11 + k21, k12 + k22);
    2.0 * (term(k11, r1, c1) + term(k12, r1, c2) + term(k21, r2, c1) + term(k22, r2, c2)).max(0.0)
}

impl Cooccurrences {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parallel units counted.
    pub fn units(&self) -> u32 {
        self.units
    }

    /// The id of span `norm`, created when new; its first occurrence
    /// becomes this one when `display` is given (the span is new or was
    /// first seen in a later unit).
    #[allow(clippy::too_many_arguments)]
    fn arabic_id(
        &mut self,
        norm: &str,
        display: Option<String>,
        at: &ArticleKey,
        text: &str,
        start: usize,
        end: usize,
        unit: &str,
    ) -> u32 {
        let existing = self.arabic_ids.get(norm).copied();
        let Some(display) = display else {
            return existing.expect("a known span");
        };
        let starts = line_starts(text);
        let span = ArabicSpan {
            norm: norm.to_string(),
            display,
            units: existing.map_or(0, |id| self.arabic[id as usize].units),
            first: at.clone(),
            context: context_snippet(text, start, end),
            source: format!("{unit}:{}", line_of(&starts, start)),
        };
        match existing {
            Some(id) => {
                self.arabic[id as usize] = span;
                id
            }
            None => {
                self.arabic.push(span);
                let id = (self.arabic.len() - 1) as u32;
                self.arabic_ids.insert(norm.to_string(), id);
                id
            }
        }
    }

    /// Adds one parallel unit: its place in the batch, its id, Arabic text
    /// and English text. `words` is a reusable buffer. An article whose
    /// Arabic and English have the same number of paragraphs (non-blank
    /// lines) is a translation kept paragraph by paragraph, so each
    /// paragraph pair is counted as a unit of its own: a name is then
    /// credited to the few names of its paragraph, not to all those of the
    /// article.
    pub(crate) fn add_unit(
        &mut self,
        at: &ArticleKey,
        unit: &str,
        text: &str,
        english: &str,
        words: &mut ArticleWords,
    ) {
        let arabic_paragraphs = paragraphs(text);
        let english_paragraphs = paragraphs(english);
        if arabic_paragraphs.len() > 1 && arabic_paragraphs.len() == english_paragraphs.len() {
            let lower = crate::candidates::lower_case_words(english);
            for (ar, en) in arabic_paragraphs.into_iter().zip(english_paragraphs) {
                let phrases = crate::candidates::english_phrases_within(&english[en], &lower);
                self.count_unit(at, unit, text, ar, &phrases, words);
            }
        } else {
            let phrases = crate::candidates::english_phrases(english);
            self.count_unit(at, unit, text, 0..text.len(), &phrases, words);
        }
    }

    /// Counts one unit: the Arabic spans of `text[within]` and the English
    /// `phrases`.
    fn count_unit(
        &mut self,
        at: &ArticleKey,
        unit: &str,
        text: &str,
        within: Range<usize>,
        phrases: &[crate::candidates::MarkedPhrase],
        words: &mut ArticleWords,
    ) {
        self.units += 1;
        let base = within.start;
        let part = &text[within];
        words.fill(part);
        let mut arabic_in_unit: Vec<u32> = std::mem::take(&mut self.unit_arabic);
        arabic_in_unit.clear();
        let mut key = String::new();
        for seg in words.segments(Script::Arabic) {
            for first in seg.clone() {
                for end in first + 1..=(first + MAX_ASSOC_WORDS.min(MAX_SPAN_WORDS)).min(seg.end) {
                    if !words.may_edge(first, first..end) || !words.may_edge(end - 1, first..end) {
                        continue;
                    }
                    let first_norm = words.norm_of(first);
                    // A particle on an article-bearing word is set aside
                    // (والاتحاد counts as الاتحاد). A first word that reads
                    // as a particle and a dictionary word counts both as
                    // written and without the particle: بمجلس الشيوخ is
                    // مجلس الشيوخ (بريطانيا is no ب + ريطانيا). Where the
                    // reading adds nothing, the span as written wins.
                    let article = clitic_readings(first_norm).find(|r| r.particles > 0 && r.article);
                    let particle = clitic_readings(first_norm)
                        .find(|r| r.particles > 0 && !r.article)
                        .filter(|r| self.stems.reads_as_particle(first_norm, r.stem));
                    let as_written = (first_norm, 0, false, "");
                    let choices = match (article, particle) {
                        (Some(r), _) => [Some((r.stem, r.display_skip, r.restore_article, "ال")), None],
                        (None, Some(r)) => [Some(as_written), Some((r.stem, r.display_skip, false, ""))],
                        (None, None) => [Some(as_written), None],
                    };
                    for (stem, skip, restore, prefix) in choices.into_iter().flatten() {
                        key.clear();
                        key.push_str(prefix);
                        key.push_str(stem);
                        for k in first + 1..end {
                            key.push(' ');
                            key.push_str(words.norm_of(k));
                        }
                        let token = words.words[first].token;
                        let start = base + token.start + skip_letters(token.text(part), skip);
                        let stop = base + words.words[end - 1].token.end;
                        // The first occurrence is kept: the earliest in
                        // batch order, the first in the unit.
                        let seen_before =
                            self.arabic_ids.get(key.as_str()).is_some_and(|&id| self.arabic[id as usize].first <= *at);
                        let display = (!seen_before).then(|| {
                            let mut d = String::from(if restore { "ال" } else { "" });
                            clean_surface_into(&text[start..stop], &mut d);
                            d.split_whitespace().collect::<Vec<_>>().join(" ")
                        });
                        let id = self.arabic_id(&key, display, at, text, start, stop, unit);
                        arabic_in_unit.push(id);
                    }
                }
            }
        }
        arabic_in_unit.sort_unstable();
        arabic_in_unit.dedup();
        let mut english_in_unit: Vec<u32> = std::mem::take(&mut self.unit_english);
        english_in_unit.clear();
        for (phrase, whole) in phrases {
            let id = self.english_id(phrase);
            english_in_unit.push(id);
            // Phrases come once per unit.
            self.english[id as usize].2 += u32::from(*whole);
        }
        english_in_unit.sort_unstable();
        english_in_unit.dedup();
        for &a in &arabic_in_unit {
            self.arabic[a as usize].units += 1;
        }
        for &e in &english_in_unit {
            self.english[e as usize].1 += 1;
        }
        for &a in &arabic_in_unit {
            for &e in &english_in_unit {
                *self.pairs.entry((a, e)).or_insert(0) += 1;
            }
        }
        self.unit_arabic = arabic_in_unit;
        self.unit_english = english_in_unit;
    }

    fn english_id(&mut self, phrase: &str) -> u32 {
        match self.english_ids.get(phrase) {
            Some(&id) => id,
            None => {
                self.english.push((phrase.to_string(), 0, 0));
                self.english_ids.insert(phrase.to_string(), (self.english.len() - 1) as u32);
                (self.english.len() - 1) as u32
            }
        }
    }

    /// The Arabic spans counted, in the order first met.
    pub(crate) fn arabic_spans(&self) -> &[ArabicSpan] {
        &self.arabic
    }

    /// The English phrases counted, with the number of units containing
    /// each, in the order first met.
    pub(crate) fn english_phrases(&self) -> impl Iterator<Item = (&str, u32, u32)> {
        self.english.iter().map(|(p, n, whole)| (p.as_str(), *n, *whole))
    }

    /// The pairs seen together: (Arabic matching form, English phrase,
    /// units containing both), in no particular order.
    pub(crate) fn pair_counts(&self) -> impl Iterator<Item = (&str, &str, u32)> {
        self.pairs
            .iter()
            .map(|(&(a, e), &n)| (self.arabic[a as usize].norm.as_str(), self.english[e as usize].0.as_str(), n))
    }

    /// Counts `n` more units (from another part of the batch).
    pub(crate) fn add_units(&mut self, n: u32) {
        self.units += n;
    }

    /// Adds a span's counts from another part of the batch: units are
    /// summed, the earlier first occurrence is kept.
    pub(crate) fn add_span(&mut self, span: ArabicSpan) {
        match self.arabic_ids.get(&span.norm) {
            Some(&id) => {
                let known = &mut self.arabic[id as usize];
                let units = known.units + span.units;
                let order = |s: &ArabicSpan| (s.first.clone(), s.display.clone(), s.context.clone(), s.source.clone());
                if order(&span) < order(known) {
                    *known = span;
                }
                known.units = units;
            }
            None => {
                self.arabic_ids.insert(span.norm.clone(), self.arabic.len() as u32);
                self.arabic.push(span);
            }
        }
    }

    /// Adds a phrase's unit count from another part of the batch.
    pub(crate) fn add_phrase(&mut self, phrase: &str, units: u32, whole: u32) {
        let id = self.english_id(phrase);
        self.english[id as usize].1 += units;
        self.english[id as usize].2 += whole;
    }

    /// Adds a pair's count from another part of the batch. The span and
    /// the phrase must have been added; returns false when one is unknown.
    pub(crate) fn add_pair(&mut self, arabic: &str, english: &str, units: u32) -> bool {
        let (Some(&a), Some(&e)) = (self.arabic_ids.get(arabic), self.english_ids.get(english)) else {
            return false;
        };
        *self.pairs.entry((a, e)).or_insert(0) += units;
        true
    }

    /// Adds the counts of another part of the same batch. Associative and
    /// commutative: the result depends only on the units counted.
    pub fn merge(&mut self, other: Cooccurrences) {
        self.add_units(other.units);
        let pairs: Vec<(String, String, u32)> =
            other.pair_counts().map(|(a, e, n)| (a.to_string(), e.to_string(), n)).collect();
        for (phrase, units, whole) in other.english {
            self.add_phrase(&phrase, units, whole);
        }
        for span in other.arabic {
            self.add_span(span);
        }
        for (a, e, n) in pairs {
            self.add_pair(&a, &e, n);
        }
    }

    /// The association of pair counts.
    fn association(&self, a: u32, e: u32, cooc: u32) -> Association {
        let (ca, ce, n) = (self.arabic[a as usize].units as f64, self.english[e as usize].1 as f64, self.units as f64);
        let k11 = cooc as f64;
        let (k12, k21) = (ca - k11, ce - k11);
        let k22 = (n - k11 - k12 - k21).max(0.0);
        Association { cooc, dice: (2.0 * k11 / (ca + ce)) as f32, llr: log_likelihood_ratio(k11, k12, k21, k22) as f32 }
    }

    /// The association of an Arabic span (matching form) with an English
    /// phrase, when they were seen together.
    pub(crate) fn association_of(&self, arabic: &str, english: &str) -> Option<Association> {
        let (&a, &e) = (self.arabic_ids.get(arabic)?, self.english_ids.get(english)?);
        let cooc = *self.pairs.get(&(a, e))?;
        Some(self.association(a, e, cooc))
    }

    /// The units an Arabic span (matching form) occurs in.
    pub(crate) fn arabic_units(&self, arabic: &str) -> u32 {
        self.arabic_ids.get(arabic).map_or(0, |&a| self.arabic[a as usize].units)
    }

    /// Links pairs one-to-one by competitive linking (see the module
    /// documentation). Pairs seen together fewer than `min_cooc` times are
    /// not considered; `taken` lists (Arabic matching form, English)
    /// pairs already decided by the aligner, which are linked first.
    ///
    /// Refinements of plain competitive linking:
    /// - **The whole name.** The strongest pair is often a part of a name
    ///   with a part of its translation (الشمالية = North, from كوريا
    ///   الشمالية = North Korea), because a part occurs at least as often
    ///   as the whole. A pair is replaced by the longest pair around it
    ///   (each side the same or longer) seen together in at least
    ///   [`WHOLE_NAME_SHARE`] of its units.
    /// - **Acronyms.** An English acronym and its expansion (EU and
    ///   European Union, U.S. and United States) may share the Arabic
    ///   they are linked with.
    ///
    /// A phrase the English never writes as a whole run (North, only ever
    /// in North Korea) is not linked alone. A pair the aligner decided
    /// stops its own parts (on both sides) and pairs around it on one side
    /// only; a longer name on both sides (إعصار روزا = Hurricane Rosa
    /// around روزا = Rosa) and a part on one side only (الصين = China
    /// beside South China Morning Post) may still link.
    pub(crate) fn link<'a>(&'a self, min_cooc: u32, taken: &'a [(String, String)]) -> Vec<Link> {
        let candidates: Vec<(u32, u32, Association, f32)> = self
            .pairs
            .iter()
            // A phrase never written as a whole run is only ever a part of
            // longer names (North of North Korea, National of National
            // Hurricane Center): no name of its own to link.
            .filter(|&(&(_, e), &c)| c >= min_cooc && self.english[e as usize].2 > 0 && !self.is_demonym(e))
            .map(|(&(a, e), &c)| {
                let translit = crate::score::score_pair(&self.arabic[a as usize].norm, &self.english[e as usize].0);
                (a, e, self.association(a, e, c), translit)
            })
            .collect();
        let index: HashMap<(u32, u32), usize> =
            candidates.iter().enumerate().map(|(i, &(a, e, _, _))| ((a, e), i)).collect();
        let arabic_around = around(candidates.iter().map(|c| c.0), |a| &self.arabic[a as usize].norm);
        let english_around = around(candidates.iter().map(|c| c.1), |e| &self.english[e as usize].0);
        let words =
            |a: u32, e: u32| word_count(&self.arabic[a as usize].norm) + word_count(&self.english[e as usize].0);
        // Equal evidence: the longer reading first (a name before its
        // parts), then the longer Arabic (a span as written before the
        // same span read without a particle, which adds nothing), then the
        // one that also sounds alike, then by text so the order never
        // depends on hashing.
        let ties = |i: usize, j: usize| {
            let (x, y) = (&candidates[i], &candidates[j]);
            let (xa, ya) = (&self.arabic[x.0 as usize].norm, &self.arabic[y.0 as usize].norm);
            words(y.0, y.1)
                .cmp(&words(x.0, x.1))
                .then(ya.len().cmp(&xa.len()))
                .then(y.3.total_cmp(&x.3))
                .then(xa.cmp(ya))
                .then(self.english[x.1 as usize].0.cmp(&self.english[y.1 as usize].0))
        };
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&i, &j| candidates[j].2.llr.total_cmp(&candidates[i].2.llr).then_with(|| ties(i, j)));
        let mut linked: Vec<(&str, &str)> = Vec::new();
        // The aligner's pairs, each side with the other sides it was
        // decided with (a name may have several spellings).
        let mut taken_arabic: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut taken_english: HashMap<&str, Vec<&str>> = HashMap::new();
        for (x, y) in taken {
            taken_arabic.entry(x.as_str()).or_default().push(y.as_str());
            taken_english.entry(y.as_str()).or_default().push(x.as_str());
        }
        // Decided sides by word: a side inside or around a decided one
        // shares a word with it.
        let by_word = |decided: &HashMap<&'a str, Vec<&'a str>>| {
            let mut index: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
            for &x in decided.keys() {
                for w in x.split(' ') {
                    index.entry(w).or_default().push(x);
                }
            }
            index
        };
        let (arabic_by_word, english_by_word) = (by_word(&taken_arabic), by_word(&taken_english));
        // Against a decided pair, one side (the other side is `other`):
        // the same side is decided; a part of a decided side whose other
        // side is a part of the decided counterpart is a part of the name
        // (البيت = House in البيت الأبيض = White House); a side around a
        // decided one must have the other side around its counterpart
        // (إعصار روزا = Hurricane Rosa around روزا = Rosa). A part on one
        // side only is another name (China in South China Morning Post).
        let against_taken =
            |side: &str, other: &str, decided: &HashMap<&str, Vec<&str>>, index: &HashMap<&str, Vec<&str>>| {
                side.split(' ').filter_map(|w| index.get(w)).flatten().any(|&x| {
                    let counterparts = &decided[x];
                    // A span read without a particle is still inside the
                    // span as written (وريا الشمالية in كوريا الشمالية).
                    let inside = contains(x, side) || (x.len() > side.len() && x.ends_with(side));
                    x == side
                        || (inside && counterparts.iter().any(|&y| contains(y, other)))
                        || (contains(side, x) && !counterparts.iter().any(|&y| contains(other, y)))
                })
            };
        let blocked = |linked: &[(&str, &str)], a: u32, e: u32| {
            let (span, phrase) = (self.arabic[a as usize].norm.as_str(), self.english[e as usize].0.as_str());
            // A span is also the same as a linked one that it ends
            // (وريا الشمالية, read as ك + ..., is كوريا الشمالية).
            linked.iter().any(|&(x, y)| nested(x, span) || x.ends_with(span) || span.ends_with(x) || nested(y, phrase))
                || against_taken(span, phrase, &taken_arabic, &arabic_by_word)
                || against_taken(phrase, span, &taken_english, &english_by_word)
        };
        // The phrases by abbreviation key, to find a linked phrase's
        // acronym or expansion.
        let mut abbreviations: HashMap<(String, bool), Vec<u32>> = HashMap::new();
        for (e, (phrase, _, whole)) in self.english.iter().enumerate() {
            if let Some(key) = abbreviation_key(phrase).filter(|_| *whole > 0) {
                abbreviations.entry(key).or_default().push(e as u32);
            }
        }
        // In text order, not in the order the phrases were met.
        for ids in abbreviations.values_mut() {
            ids.sort_by(|&x, &y| self.english[x as usize].0.cmp(&self.english[y as usize].0));
        }
        let mut links = Vec::new();
        // The acronym or expansion of a decided pair's English shares its
        // Arabic too, where they recur together as often as any link
        // needs (the gazetteer's European Union, the translations' EU):
        // judged as a link of its own, not as the decided pair's, and
        // before the rest (EU is not left to الأوروبي alone).
        for (x, y) in taken {
            let (Some(&a), Some((key, acronym))) = (self.arabic_ids.get(x.as_str()), abbreviation_key(y)) else {
                continue;
            };
            for &e2 in abbreviations.get(&(key, !acronym)).into_iter().flatten() {
                let other = self.english[e2 as usize].0.as_str();
                if taken_english.contains_key(other) || linked.iter().any(|&(_, y)| nested(y, other)) {
                    continue;
                }
                let Some(&cooc) = self.pairs.get(&(a, e2)).filter(|&&c| c >= min_cooc) else { continue };
                linked.push((x.as_str(), other));
                let transliteration = crate::score::score_pair(x, other);
                links.push(self.make_link(a, e2, self.association(a, e2, cooc), transliteration, false));
            }
        }
        for i in order {
            let (a, e, ..) = candidates[i];
            if blocked(&linked, a, e) {
                continue;
            }
            // The whole name: the longest pair around this one that keeps
            // enough of its units.
            let need = ((candidates[i].2.cooc as f32) * WHOLE_NAME_SHARE).ceil() as u32;
            let mut best = i;
            let with_self = |list: Option<&Vec<u32>>, own: u32| {
                std::iter::once(own).chain(list.into_iter().flatten().copied()).collect::<Vec<u32>>()
            };
            let ars = with_self(arabic_around.get(self.arabic[a as usize].norm.as_str()), a);
            let ens = with_self(english_around.get(self.english[e as usize].0.as_str()), e);
            for &a2 in &ars {
                for &e2 in &ens {
                    let Some(&j) = index.get(&(a2, e2)) else { continue };
                    let (cj, cb) = (&candidates[j], &candidates[best]);
                    if j == best || cj.2.cooc < need || blocked(&linked, a2, e2) {
                        continue;
                    }
                    // A pair that sounds alike is a transliteration: more
                    // Arabic words for the same English are a description
                    // (مضخة إليفي, "the Elvie pump"), not more of the name.
                    if e2 == e && candidates[i].3 >= SOUNDS_ALIKE {
                        continue;
                    }
                    let better = words(a2, e2)
                        .cmp(&words(cb.0, cb.1))
                        .then(cj.2.cooc.cmp(&cb.2.cooc))
                        .then(cj.2.llr.total_cmp(&cb.2.llr))
                        .then_with(|| ties(best, j))
                        .is_gt();
                    if better {
                        best = j;
                    }
                }
            }
            let (a, e, association, transliteration) = candidates[best];
            let (span, phrase) = (&self.arabic[a as usize], self.english[e as usize].0.as_str());
            linked.push((span.norm.as_str(), phrase));
            links.push(self.make_link(a, e, association, transliteration, false));
            // Its acronym or expansion shares the Arabic: the link vouches
            // for it, so fewer units together suffice.
            let Some((key, acronym)) = abbreviation_key(phrase) else { continue };
            for &e2 in abbreviations.get(&(key, !acronym)).into_iter().flatten() {
                let other = self.english[e2 as usize].0.as_str();
                if linked.iter().any(|&(_, y)| nested(y, other)) {
                    continue;
                }
                let Some(&cooc) = self.pairs.get(&(a, e2)) else { continue };
                if cooc >= EXPANSION_MIN_COOC {
                    linked.push((span.norm.as_str(), other));
                    let transliteration = crate::score::score_pair(&span.norm, other);
                    links.push(self.make_link(a, e2, self.association(a, e2, cooc), transliteration, true));
                }
            }
        }
        links
    }

    /// Whether English phrase `e` is the adjective of a place the batch
    /// also names (Korean beside Korea, German beside Germany, Chinese
    /// beside China): an adjective is no name to link.
    fn is_demonym(&self, e: u32) -> bool {
        let word = self.english[e as usize].0.as_str();
        if word.contains(' ') {
            return false;
        }
        // (ending of the adjective, ending of the place)
        const FORMS: [(&str, &str); 8] =
            [("n", ""), ("an", "y"), ("ian", "y"), ("ese", ""), ("ese", "a"), ("i", ""), ("ish", "ey"), ("ish", "ain")];
        FORMS.iter().any(|(ending, place)| {
            word.strip_suffix(ending)
                .filter(|stem| stem.len() >= 3)
                .is_some_and(|stem| self.english_ids.contains_key(format!("{stem}{place}").as_str()))
        })
    }

    fn make_link(&self, a: u32, e: u32, association: Association, transliteration: f32, abbreviation: bool) -> Link {
        let span = &self.arabic[a as usize];
        Link {
            abbreviation,
            arabic: span.norm.clone(),
            display: span.display.clone(),
            english: self.english[e as usize].0.clone(),
            arabic_units: span.units,
            association,
            transliteration,
            context: span.context.clone(),
            source: span.source.clone(),
        }
    }
}

/// Units an acronym or expansion of a linked phrase must share with its
/// Arabic to be linked too (see [`Cooccurrences::link`]).
const EXPANSION_MIN_COOC: u32 = 2;

/// A transliteration score from which a pair sounds alike (see
/// [`Cooccurrences::link`]).
const SOUNDS_ALIKE: f32 = 0.6;

/// The share of a pair's units that a longer pair around it must keep to
/// be linked instead (see [`Cooccurrences::link`]).
const WHOLE_NAME_SHARE: f32 = 0.6;

/// For each contiguous part of the given word sequences, the ids of the
/// sequences strictly around it.
fn around<'a>(ids: impl Iterator<Item = u32>, text: impl Fn(u32) -> &'a str) -> HashMap<&'a str, Vec<u32>> {
    let mut seen = HashSet::new();
    let mut out: HashMap<&'a str, Vec<u32>> = HashMap::new();
    for id in ids {
        if !seen.insert(id) {
            continue;
        }
        let whole = text(id);
        // Byte offsets of word starts and ends, so parts are slices.
        let bounds: Vec<(usize, usize)> = whole
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, start + w.len()))
            })
            .collect();
        for from in 0..bounds.len() {
            for to in from..bounds.len() {
                if from == 0 && to == bounds.len() - 1 {
                    continue;
                }
                out.entry(&whole[bounds[from].0..bounds[to].1]).or_default().push(id);
            }
        }
    }
    out
}

/// Whether word sequence `outer` contains `inner` (or equals it).
fn contains(outer: &str, inner: &str) -> bool {
    let bytes = outer.as_bytes();
    !inner.is_empty()
        && outer.match_indices(inner).any(|(i, _)| {
            let end = i + inner.len();
            (i == 0 || bytes[i - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
        })
}

/// Whether one phrase is the acronym of the other: the capitals of an
/// acronym (EU, U.S.) are the initials of the other's capitalized words
/// (European Union, United States; "of" and "the" aside).
#[cfg(test)]
fn abbreviates(a: &str, b: &str) -> bool {
    matches!((abbreviation_key(a), abbreviation_key(b)), (Some((x, short_x)), Some((y, short_y))) if x == y && short_x != short_y)
}

/// What an acronym and its expansion share: the letters of an acronym
/// (one word of capitals, dots aside: U.S. gives US), or the capital
/// initials of a phrase of several words; with whether it is the acronym.
fn abbreviation_key(phrase: &str) -> Option<(String, bool)> {
    if phrase.contains(' ') {
        let initials: String =
            phrase.split(' ').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
        (initials.len() >= 2).then_some((initials, false))
    } else {
        let letters: String = phrase.chars().filter(|&c| c != '.').collect();
        (letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase())).then_some((letters, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn llr_is_zero_for_independence_and_grows_with_association() {
        assert!(log_likelihood_ratio(10.0, 10.0, 10.0, 10.0).abs() < 1e-9);
        assert!(log_likelihood_ratio(5.0, 0.0, 0.0, 20.0) > log_likelihood_ratio(5.0, 2.0, 2.0, 16.0));
    }

    #[test]
    fn translated_names_link_and_their_parts_do_not() {
        let units = [
            ("زار الرئيس البيت الأبيض أمس", "The president visited the White House yesterday."),
            ("أعلن البيت الأبيض خطة جديدة للطاقة", "The White House announced a new energy plan."),
            ("رد الاتحاد الأوروبي على البيت الأبيض", "The European Union answered the White House."),
            ("قال الاتحاد الأوروبي إن الاتفاق قريب", "The European Union said the deal was close."),
            ("وقع الاتحاد الأوروبي اتفاقا مع اليابان", "The European Union signed a deal with Japan."),
            ("تحدثت سارة عن الطقس في المدينة", "Sara talked about the weather in the city."),
        ];
        let mut c = Cooccurrences::new();
        let mut words = ArticleWords::default();
        for (i, (ar, en)) in units.iter().enumerate() {
            c.add_unit(&ArticleKey::new("t.jsonl", i as u64), &format!("u{i}"), ar, en, &mut words);
        }
        assert_eq!(c.units(), 6);
        let links = c.link(3, &[]);
        let pairs: Vec<(&str, &str)> = links.iter().map(|l| (l.display.as_str(), l.english.as_str())).collect();
        assert!(pairs.contains(&("البيت الأبيض", "White House")), "{pairs:?}");
        assert!(pairs.contains(&("الاتحاد الأوروبي", "European Union")), "{pairs:?}");
        assert!(!pairs.iter().any(|(_, e)| *e == "House" || *e == "White"), "{pairs:?}");
        let wh = links.iter().find(|l| l.english == "White House").unwrap();
        assert_eq!(wh.association.cooc, 3);
        assert!((wh.association.dice - 1.0).abs() < 1e-6);
        assert!(wh.association.llr > 0.0);
    }

    #[test]
    fn a_decided_names_acronym_shares_its_arabic_first() {
        // The gazetteer decided الاتحاد الأوروبي = European Union; the
        // translations write EU beside it, and beside الأوروبي, "European",
        // more often still: EU is the union's, not the adjective's.
        let units = [
            ("قال الاتحاد الأوروبي إن الخطة جيدة", "The European Union said the EU plan was good."),
            ("رفض الاتحاد الأوروبي الخطة", "The European Union, the EU, rejected the plan."),
            ("اجتمع قادة الاتحاد الأوروبي أمس", "EU leaders of the European Union met yesterday."),
            ("نما الاقتصاد الأوروبي", "The EU economy grew."),
            ("تراجع السوق الأوروبي", "The EU market fell."),
            ("ارتفع الإنفاق الأوروبي", "EU spending rose."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let links = links_of(&units, &[("الاتحاد الأوروبي", "European Union")]);
        assert!(has(&links, "الاتحاد الأوروبي", "EU"), "{links:?}");
        assert!(!links.iter().any(|(a, e)| e == "EU" && a != "الاتحاد الأوروبي"), "{links:?}");
    }

    /// Links of line-pair units (one unit per pair), with `taken` pairs.
    fn links_of(units: &[(&str, &str)], taken: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut c = Cooccurrences::new();
        let mut words = ArticleWords::default();
        for (i, (ar, en)) in units.iter().enumerate() {
            c.add_unit(&ArticleKey::new("t.ar", i as u64), &format!("u{i}"), ar, en, &mut words);
        }
        let taken: Vec<(String, String)> =
            taken.iter().map(|(a, e)| (crate::normalize::normalize(a), e.to_string())).collect();
        c.link(3, &taken).into_iter().map(|l| (l.display, l.english)).collect()
    }

    fn has(links: &[(String, String)], ar: &str, en: &str) -> bool {
        links.iter().any(|(a, e)| a == ar && e == en)
    }

    #[test]
    fn the_whole_name_is_linked_not_its_most_frequent_part() {
        // الشمالية occurs with "North" as often as كوريا الشمالية with
        // "North Korea"; the part has one more unit of its own.
        let units = [
            ("هددت كوريا الشمالية جيرانها", "North Korea threatened its neighbours."),
            ("أطلقت كوريا الشمالية صاروخا", "North Korea fired a missile."),
            ("رفضت كوريا الشمالية العرض", "North Korea refused the offer."),
            ("قالت كوريا الشمالية إنها لن تتراجع", "North Korea said it would not back down."),
            ("هبت الرياح الشمالية على المدينة", "Winds blew from the North over the city."),
            ("وصل الوفد إلى المدينة صباحا", "The delegation reached the city in the morning."),
        ];
        let links = links_of(&units, &[]);
        assert!(has(&links, "كوريا الشمالية", "North Korea"), "{links:?}");
        assert!(!links.iter().any(|(a, e)| a == "الشمالية" || e == "North" || e == "Korea"), "{links:?}");
    }

    #[test]
    fn an_acronym_and_its_expansion_share_the_arabic() {
        let units = [
            ("اجتمع قادة الاتحاد الأوروبي أمس", "EU leaders met yesterday."),
            ("رفض الاتحاد الأوروبي الخطة", "The EU rejected the plan."),
            ("قال الاتحاد الأوروبي إنه سيرد", "The EU said it would respond."),
            // Twice only: the link of EU vouches for it.
            ("انضمت الدولة إلى الاتحاد الأوروبي عام 2004", "The country joined the European Union in 2004."),
            ("وافق الاتحاد الأوروبي على الاتفاق", "The European Union approved the deal."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let links = links_of(&units, &[]);
        assert!(has(&links, "الاتحاد الأوروبي", "EU"), "{links:?}");
        assert!(has(&links, "الاتحاد الأوروبي", "European Union"), "{links:?}");
        assert!(abbreviates("U.S.", "United States") && abbreviates("United Kingdom", "UK"));
        assert!(!abbreviates("EU", "Europe") && !abbreviates("US", "Uganda Sugar Board"));
    }

    #[test]
    fn a_particle_on_a_dictionary_word_is_set_aside_but_not_on_a_name() {
        let units = [
            ("صوت مجلس الشيوخ على القانون", "The Senate voted on the law."),
            ("عقدت جلسة بمجلس الشيوخ أمس", "A session was held in the Senate yesterday."),
            ("ناقش أعضاء بمجلس الشيوخ الميزانية", "Members of the Senate discussed the budget."),
            ("أقر مجلس الشيوخ الميزانية", "The Senate passed the budget."),
            ("سافر الوزير إلى بريطانيا", "The minister travelled to Britain."),
            ("عاد السفير من بريطانيا", "The ambassador came back from Britain."),
            ("تحدثت بريطانيا عن التجارة", "Britain spoke about trade."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let links = links_of(&units, &[]);
        assert!(has(&links, "مجلس الشيوخ", "Senate"), "{links:?}");
        assert!(has(&links, "بريطانيا", "Britain"), "{links:?}");
        assert!(!links.iter().any(|(a, _)| a == "ريطانيا"), "{links:?}");
    }

    #[test]
    fn a_decided_name_stops_its_parts_but_not_another_name_inside_it_on_one_side() {
        let units = [
            ("كتبت صحيفة ساوث تشاينا مورنينغ بوست عن الصين", "The South China Morning Post wrote about China."),
            ("تحدثت الصين عن التجارة", "China spoke about trade."),
            ("زار الوزير الصين", "The minister visited China."),
            ("نشرت ساوث تشاينا مورنينغ بوست تقريرا", "The South China Morning Post published a report."),
            ("قالت ساوث تشاينا مورنينغ بوست إن", "The South China Morning Post said that."),
            ("ضرب إعصار روزا الساحل", "Hurricane Rosa hit the coast."),
            ("اقترب إعصار روزا من اليابسة", "Hurricane Rosa neared land."),
            ("ضعف إعصار روزا ليلا", "Hurricane Rosa weakened overnight."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let taken = [("ساوث تشاينا مورنينغ بوست", "South China Morning Post"), ("روزا", "Rosa")];
        let links = links_of(&units, &taken);
        assert!(has(&links, "الصين", "China"), "{links:?}");
        assert!(has(&links, "إعصار روزا", "Hurricane Rosa"), "{links:?}");
        assert!(!links.iter().any(|(a, e)| a == "روزا" || e == "Rosa" || e == "Morning Post"), "{links:?}");
    }

    #[test]
    fn no_part_of_a_decided_name_and_no_adjective_of_a_place_is_linked() {
        let units = [
            ("قالت كوريا الشمالية إنها سترد", "North Korea said it would respond."),
            ("أطلقت كوريا الشمالية صاروخا", "North Korea fired a missile."),
            ("رفضت كوريا الشمالية العرض", "North Korea refused the offer, the North said."),
            ("تحدث الوفد عن نزع السلاح النووي", "The Korean delegation spoke of disarmament."),
            ("طالب الوفد بنزع السلاح النووي", "The Korean delegation asked for disarmament."),
            ("رحب الوفد بنزع السلاح النووي", "The Korean delegation welcomed disarmament."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let links = links_of(&units, &[("كوريا الشمالية", "North Korea")]);
        assert!(!links.iter().any(|(a, e)| a.ends_with("الشمالية") || e == "North" || e == "Korean"), "{links:?}");
    }

    #[test]
    fn an_article_translated_paragraph_by_paragraph_counts_each_paragraph() {
        // Three articles of two paragraphs: as whole articles, البرلمان and
        // "Senate" would share every unit.
        let mut c = Cooccurrences::new();
        let mut words = ArticleWords::default();
        for i in 0..3 {
            let ar = "اجتمع البرلمان أمس.\nصوت مجلس الشيوخ على القانون.";
            let en = "Parliament met yesterday.\nThe Senate voted on the law.";
            c.add_unit(&ArticleKey::new("t.jsonl", i), &format!("a{i}"), ar, en, &mut words);
        }
        assert_eq!(c.units(), 6);
        let senate = c.association_of("مجلس الشيوخ", "Senate").unwrap();
        assert_eq!(senate.cooc, 3);
        assert!(c.association_of("البرلمان", "Senate").is_none());
        // Paragraph counts that differ: the article is one unit.
        c.add_unit(
            &ArticleKey::new("t.jsonl", 9),
            "b",
            "اجتمع البرلمان أمس.",
            "Parliament met.\nIt voted.",
            &mut words,
        );
        assert_eq!(c.units(), 7);
    }

    #[test]
    fn particles_on_the_article_are_set_aside() {
        let mut c = Cooccurrences::new();
        let mut words = ArticleWords::default();
        for (i, ar) in ["رحب بالاتحاد الأوروبي", "والاتحاد الأوروبي يرد", "للاتحاد الأوروبي موقف"].iter().enumerate()
        {
            c.add_unit(&ArticleKey::new("t.jsonl", i as u64), &format!("u{i}"), ar, "The European Union", &mut words);
        }
        let links = c.link(3, &[]);
        let eu = links.iter().find(|l| l.english == "European Union").unwrap();
        assert_eq!(eu.arabic, "الاتحاد الاوروبي");
        assert_eq!(eu.arabic_units, 3);
    }
}
