//! Isolated Arabic terms: the readings they are scored under, their ranking
//! against an index, and the explanation of a score.
//!
//! An Arabic term met on its own (a line of `nazir match`, a pair of a name
//! list) has no sentence around it, so the aligner's span readings do not
//! apply; the only ambiguity left is the article ال, which some names carry
//! in Arabic only (القحطاني = Qahtani). A term is therefore read as written
//! and, when it starts with ال, without it at a small penalty. This module
//! owns those readings so that [`score_pair`], `nazir match`, the
//! evaluation harness and `--explain` all score a term the same way.

use super::distance::{EditOp, edit_script, similarity};
use super::index::{CandidateIndex, Match, SearchScratch};
use crate::extract::MIN_STEM_LETTERS;
use crate::normalize::normalize_into;
use crate::romanize::{Reading, arabic_key_into, english_keys, key_str};

/// Score deducted when the article ال is set aside for matching: small,
/// so that a name written with the article still wins over a candidate
/// that matches the term as written equally well.
pub const ARTICLE_STRIP_PENALTY: f32 = 0.01;

/// One reading of an Arabic term: its key and the score deducted for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermReading {
    /// The phonetic key.
    pub key: Vec<u8>,
    /// Deducted from every score under this reading.
    pub penalty: f32,
}

/// The readings of an isolated Arabic term: as written and, when it starts
/// with the article ال and leaves a stem of at least [`MIN_STEM_LETTERS`],
/// without it at `article_strip_penalty`.
pub(crate) fn term_readings(arabic: &str, article_strip_penalty: f32) -> Vec<TermReading> {
    let mut norm = String::with_capacity(arabic.len());
    normalize_into(arabic.trim(), &mut norm);
    let mut readings = Vec::with_capacity(2);
    let mut key = Vec::with_capacity(norm.len());
    arabic_key_into(&norm, &mut key);
    readings.push(TermReading { key, penalty: 0.0 });
    if let Some(stem) = norm.strip_prefix("ال").filter(|s| s.chars().count() >= MIN_STEM_LETTERS) {
        let mut key = Vec::with_capacity(stem.len());
        arabic_key_into(stem, &mut key);
        readings.push(TermReading { key, penalty: article_strip_penalty });
    }
    readings
}

/// Ranks the candidates of `index` for one Arabic term by the scorer alone
/// (what `nazir match` does), over its [`term_readings`]: the best `k`,
/// one per candidate, best first, into `out`.
pub(crate) fn rank_term(
    index: &CandidateIndex,
    arabic: &str,
    k: usize,
    article_strip_penalty: f32,
    scratch: &mut SearchScratch,
    out: &mut Vec<Match>,
) {
    rank_term_above(index, arabic, k, f32::MIN_POSITIVE, article_strip_penalty, scratch, out);
}

/// [`rank_term`], keeping only candidates scored at least `min_score`: a
/// bound the index search uses to leave out most of a large list early.
pub(crate) fn rank_term_above(
    index: &CandidateIndex,
    arabic: &str,
    k: usize,
    min_score: f32,
    article_strip_penalty: f32,
    scratch: &mut SearchScratch,
    out: &mut Vec<Match>,
) {
    out.clear();
    // No ranking is longer than the list: a huge `k` must not reserve
    // memory for it.
    let k = k.min(index.len());
    let mut found = Vec::with_capacity(k);
    for TermReading { key, penalty } in term_readings(arabic, article_strip_penalty) {
        index.search(&key, k, min_score + penalty, scratch, &mut found);
        for mut m in found.drain(..) {
            m.score = (m.score - penalty).max(0.0);
            match out.iter().position(|x| x.term == m.term) {
                Some(i) if out[i].score >= m.score => {}
                Some(i) => out[i] = m,
                None => out.push(m),
            }
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.term.cmp(&b.term)));
    out.truncate(k);
}

/// Ranks `english` for every term of `arabic` (`rank_term`, all cores):
/// the best `k` of each, in the order of `arabic`.
pub fn rank_terms(english: &[String], arabic: &[String], k: usize, article_strip_penalty: f32) -> Vec<Vec<Match>> {
    use rayon::prelude::*;
    let index = CandidateIndex::new(english);
    arabic
        .par_iter()
        .map_init(
            || (SearchScratch::default(), Vec::new()),
            |(scratch, out), term| {
                rank_term(&index, term, k, article_strip_penalty, scratch, out);
                out.clone()
            },
        )
        .collect()
}

/// Writes rankings as CSV, `ar,rank,en,score` (what `nazir match`
/// prints); with `explain`, also the two keys compared and the edits
/// between them ([`explain`]).
pub fn write_rankings_csv(
    english: &[String],
    arabic: &[String],
    rankings: &[Vec<Match>],
    explain_scores: bool,
    article_strip_penalty: f32,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    if explain_scores {
        csv.write_record(["ar", "rank", "en", "score", "ar_key", "en_key", "edits"])?;
    } else {
        csv.write_record(["ar", "rank", "en", "score"])?;
    }
    for (term, matches) in arabic.iter().zip(rankings) {
        for (rank, m) in matches.iter().enumerate() {
            let (rank, score) = ((rank + 1).to_string(), format!("{:.3}", m.score));
            let en = english[m.term].as_str();
            if explain_scores {
                let why = explain(term, en, m.reading, article_strip_penalty);
                let edits = super::distance::render_script(&why.edits);
                let (ar_key, en_key) = (key_str(&why.arabic_key), key_str(&why.english_key));
                csv.write_record([term.as_str(), &rank, en, &score, ar_key, en_key, &edits])?;
            } else {
                csv.write_record([term.as_str(), &rank, en, &score])?;
            }
        }
    }
    csv.flush()
}

/// Why a pair scored what it did: the two keys compared and the cheapest
/// edit script between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The key of the Arabic reading that gave the score.
    pub arabic_key: Vec<u8>,
    /// The key of the English reading that gave the score.
    pub english_key: Vec<u8>,
    /// The edit operations from the Arabic key to the English one.
    pub edits: Vec<EditOp>,
}

/// Explains the score of `arabic` against the `reading` of `english` that
/// a ranking matched ([`Match::reading`]): of the Arabic term's readings,
/// the one that scores best against it.
pub fn explain(arabic: &str, english: &str, reading: Reading, article_strip_penalty: f32) -> Explanation {
    let english_key =
        english_keys(english).into_iter().find(|(r, _)| *r == reading).map(|(_, k)| k).unwrap_or_default();
    let adjusted = |r: &TermReading| similarity(&r.key, &english_key) - r.penalty;
    let arabic_key = term_readings(arabic, article_strip_penalty)
        .into_iter()
        .max_by(|a, b| adjusted(a).total_cmp(&adjusted(b)))
        .map(|r| r.key)
        .unwrap_or_default();
    let edits = edit_script(&arabic_key, &english_key);
    Explanation { arabic_key, english_key, edits }
}

/// Similarity of an isolated Arabic term and an English term, over every
/// reading of both (the Arabic with and without its article, the English
/// as words or as a spelled acronym), as `nazir match` scores them.
pub fn score_pair(arabic: &str, english: &str) -> f32 {
    let english = english_keys(english);
    let mut best = 0.0f32;
    for reading in term_readings(arabic, ARTICLE_STRIP_PENALTY) {
        for (_, ek) in &english {
            best = best.max(similarity(&reading.key, ek) - reading.penalty);
        }
    }
    best.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::romanize::english_key;

    #[test]
    fn ranking_reads_the_article_both_ways() {
        let idx = CandidateIndex::new(&["Qahtani", "Kremlin", "Lamb"]);
        let (mut s, mut out) = (SearchScratch::default(), Vec::new());
        rank_term(&idx, "القحطاني", 2, ARTICLE_STRIP_PENALTY, &mut s, &mut out);
        assert_eq!(out[0].term, 0, "{out:?}");
        rank_term(&idx, " الكرملين ", 3, ARTICLE_STRIP_PENALTY, &mut s, &mut out);
        assert_eq!(out[0].term, 1);
        assert!(out.len() <= 3 && out.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn the_configured_article_penalty_is_used() {
        let readings = term_readings("الكرملين", 0.25);
        assert_eq!(readings.len(), 2);
        assert_eq!(readings[1].penalty, 0.25);
        // Too short a stem is not a reading.
        assert_eq!(term_readings("الي", 0.25).len(), 1);
    }

    #[test]
    fn the_explanation_uses_the_winning_reading() {
        let e = explain("القحطاني", "Qahtani", Reading::Word, ARTICLE_STRIP_PENALTY);
        assert_eq!(e.arabic_key, term_readings("قحطاني", 0.0)[0].key);
        assert_eq!(e.english_key, crate::romanize::english_key("Qahtani"));
        assert!(e.edits.iter().any(|op| matches!(op, EditOp::Keep(_))), "{:?}", e.edits);
    }

    #[test]
    fn identical_keys_score_one_and_scores_stay_in_range() {
        let k = english_key("Oracle");
        assert_eq!(similarity(&k, &k), 1.0);
        for (a, b) in [("جوجل", "Google"), ("مايكروسوفت", "Microsoft"), ("ب", "Zbigniew Brzezinski")] {
            let s = score_pair(a, b);
            assert!((0.0..=1.0).contains(&s), "{a} {b} {s}");
        }
        assert_eq!(similarity(b"", b"abc"), 0.0);
    }

    #[test]
    fn variants_of_a_name_beat_near_misses() {
        let beats = |ar: &str, good: &str, bad: &str| {
            let (g, b) = (score_pair(ar, good), score_pair(ar, bad));
            assert!(g > b, "{ar}: {good} {g} should beat {bad} {b}");
        };
        beats("جوجل", "Google", "Gogoro");
        beats("قوقل", "Google", "Gogoro");
        beats("أوراكل", "Oracle", "Orkla");
        beats("ويل", "Weil", "Well");
        beats("ألتمان", "Altman", "Allman");
        beats("زاك كاس", "Zack Kass", "Jack Cass");
        beats("شميدت", "Schmidt", "Smith");
    }

    #[test]
    fn ei_reads_as_ai_or_ee() {
        // Arabic writes German ei as اي and English ei as ي; so too the i
        // of an open syllable (Biden).
        for (ar, en) in
            [("شتاين", "Stein"), ("فاينشتاين", "Feinstein"), ("غايغر", "Geiger"), ("كيث", "Keith"), ("بايدن", "Biden")]
        {
            assert!(score_pair(ar, en) > 0.82, "{ar} {en}: {}", score_pair(ar, en));
        }
        assert!(score_pair("نيل", "Neil") > score_pair("نيل", "Nail"));
    }

    #[test]
    fn a_final_ois_is_french() {
        // Its s is silent (Illinois, Dubois); Arabic writes none.
        for (ar, en) in [("إلينوي", "Illinois"), ("دوبوا", "Dubois")] {
            assert!(score_pair(ar, en) > 0.85, "{ar} {en}: {}", score_pair(ar, en));
        }
    }

    #[test]
    fn word_boundaries_and_acronyms() {
        assert!(score_pair("سوفت بنك", "SoftBank") > 0.9);
        assert!(score_pair("سي إن إن", "CNN") > 0.95);
        assert!(score_pair("إيه آي", "AI") > 0.95);
        assert!(score_pair("أوبن إيه آي", "OpenAI") > 0.85);
        assert!(score_pair("دي إيه دافيدسون", "D.A. Davidson") > 0.9);
    }

    proptest::proptest! {
        #[test]
        fn any_pair_scores_in_range(arabic in crate::testutil::arabic_text(), english in crate::testutil::english_name()) {
            let s = score_pair(&arabic, &english);
            proptest::prop_assert!((0.0..=1.0).contains(&s), "{} / {}: {}", arabic, english, s);
        }
    }
}
