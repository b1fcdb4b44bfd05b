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
    english: Vec<(String, u32)>,
    english_ids: HashMap<String, u32>,
    pairs: HashMap<(u32, u32), u32>,
    unit_arabic: Vec<u32>,
    unit_english: Vec<u32>,
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
    /// Context and source of the span's first occurrence.
    pub context: String,
    /// `unit-id:line`.
    pub source: String,
}

fn words_of(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

/// Whether one word sequence contains the other.
fn nested(a: &str, b: &str) -> bool {
    let (wa, wb) = (words_of(a), words_of(b));
    let (short, long) = if wa.len() <= wb.len() { (&wa, &wb) } else { (&wb, &wa) };
    long.windows(short.len()).any(|w| w == short.as_slice())
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
    /// and English text. `words` is a reusable buffer.
    pub(crate) fn add_unit(
        &mut self,
        at: &ArticleKey,
        unit: &str,
        text: &str,
        english: &str,
        words: &mut ArticleWords,
    ) {
        self.units += 1;
        words.fill(text);
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
                    // A particle on an article-bearing word is set aside.
                    let reading = clitic_readings(first_norm).find(|r| r.particles > 0 && r.article);
                    key.clear();
                    let (skip, restore) = match reading {
                        Some(r) => {
                            key.push_str("ال");
                            key.push_str(r.stem);
                            (r.display_skip, r.restore_article)
                        }
                        None => {
                            key.push_str(first_norm);
                            (0, false)
                        }
                    };
                    for k in first + 1..end {
                        key.push(' ');
                        key.push_str(words.norm_of(k));
                    }
                    let token = words.words[first].token;
                    let start = token.start + skip_letters(token.text(text), skip);
                    let stop = words.words[end - 1].token.end;
                    // The first occurrence is kept: the earliest in batch
                    // order, the first in the unit.
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
        arabic_in_unit.sort_unstable();
        arabic_in_unit.dedup();
        let mut english_in_unit: Vec<u32> = std::mem::take(&mut self.unit_english);
        english_in_unit.clear();
        for phrase in crate::candidates::english_phrases(english) {
            english_in_unit.push(self.english_id(&phrase));
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
                self.english.push((phrase.to_string(), 0));
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
    pub(crate) fn english_phrases(&self) -> impl Iterator<Item = (&str, u32)> {
        self.english.iter().map(|(p, n)| (p.as_str(), *n))
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
    pub(crate) fn add_phrase(&mut self, phrase: &str, units: u32) {
        let id = self.english_id(phrase);
        self.english[id as usize].1 += units;
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
        for (phrase, units) in other.english {
            self.add_phrase(&phrase, units);
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

    /// Links pairs one-to-one by competitive linking (see the module
    /// documentation). Pairs seen together fewer than `min_cooc` times are
    /// not considered; `taken` lists (Arabic matching form, English)
    /// pairs already decided by the aligner, which are linked first.
    pub(crate) fn link(&self, min_cooc: u32, taken: &[(String, String)]) -> Vec<Link> {
        let mut candidates: Vec<(u32, u32, Association, f32)> = self
            .pairs
            .iter()
            .filter(|&(_, &c)| c >= min_cooc)
            .map(|(&(a, e), &c)| {
                let translit = crate::score::score_pair(&self.arabic[a as usize].norm, &self.english[e as usize].0);
                (a, e, self.association(a, e, c), translit)
            })
            .collect();
        // Equal evidence: the longer reading first (a name before its
        // parts), then the one that also sounds alike, then by text so the
        // order never depends on hashing.
        let words = |a: u32, e: u32| {
            words_of(&self.arabic[a as usize].norm).len() + words_of(&self.english[e as usize].0).len()
        };
        candidates.sort_by(|x, y| {
            y.2.llr
                .total_cmp(&x.2.llr)
                .then(words(y.0, y.1).cmp(&words(x.0, x.1)))
                .then(y.3.total_cmp(&x.3))
                .then(self.arabic[x.0 as usize].norm.cmp(&self.arabic[y.0 as usize].norm))
                .then(self.english[x.1 as usize].0.cmp(&self.english[y.1 as usize].0))
        });
        let mut linked_arabic: Vec<String> = taken.iter().map(|(a, _)| a.clone()).collect();
        let mut linked_english: Vec<String> = taken.iter().map(|(_, e)| e.clone()).collect();
        let mut seen: HashSet<(u32, u32)> = HashSet::new();
        let mut links = Vec::new();
        for (a, e, association, transliteration) in candidates {
            if !seen.insert((a, e)) {
                continue;
            }
            let (span, phrase) = (&self.arabic[a as usize], &self.english[e as usize].0);
            if linked_arabic.iter().any(|x| nested(x, &span.norm)) || linked_english.iter().any(|x| nested(x, phrase)) {
                continue;
            }
            linked_arabic.push(span.norm.clone());
            linked_english.push(phrase.clone());
            links.push(Link {
                arabic: span.norm.clone(),
                display: span.display.clone(),
                english: phrase.clone(),
                arabic_units: span.units,
                association,
                transliteration,
                context: span.context.clone(),
                source: span.source.clone(),
            });
        }
        links
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
