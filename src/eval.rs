//! Ranking evaluation of the scorer on gold transliteration pairs.
//!
//! Given `(english, arabic)` pairs, every Arabic term is ranked against all
//! English terms of the sample and the rank of its gold English is
//! recorded: top-1 accuracy and mean reciprocal rank summarise the result.
//! The same harness scores a baseline (plain Levenshtein from `strsim` on a
//! one-letter-per-letter romanization) so that figures are always reported
//! side by side. Ranking is exactly what `nazir match` does
//! (`rank_term`). Used by the tests that read `../shared/eval` and by
//! `examples/names_eval.rs`.

use crate::romanize::naive_romanize;
use crate::score::index::{CandidateIndex, Match, SearchScratch};
use crate::score::term::{ARTICLE_STRIP_PENALTY, rank_term};

/// Ranks looked at for the mean reciprocal rank: a gold term ranked below
/// counts 0 (it would count at most 1/101).
pub(crate) const MRR_DEPTH: usize = 100;

/// Top-1 accuracy and mean reciprocal rank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankReport {
    /// Number of Arabic queries.
    pub queries: usize,
    /// Share of queries whose best candidate is the gold English.
    pub top1: f64,
    /// Mean of 1/rank of the gold English (0 when not ranked).
    pub mrr: f64,
}

fn report(ranks: &[Option<usize>]) -> RankReport {
    let q = ranks.len().max(1) as f64;
    RankReport {
        queries: ranks.len(),
        top1: ranks.iter().filter(|r| **r == Some(1)).count() as f64 / q,
        mrr: ranks.iter().map(|r| r.map_or(0.0, |r| 1.0 / r as f64)).sum::<f64>() / q,
    }
}

fn distinct_english(pairs: &[(String, String)]) -> Vec<String> {
    let mut en: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
    en.sort();
    en.dedup();
    en
}

/// Ranks each Arabic term of `pairs` against every English term of `pairs`
/// with nazir's scorer.
pub fn evaluate_nazir(pairs: &[(String, String)]) -> RankReport {
    let english = distinct_english(pairs);
    let index = CandidateIndex::new(&english);
    let mut scratch = SearchScratch::default();
    let mut out: Vec<Match> = Vec::new();
    let ranks: Vec<Option<usize>> = pairs
        .iter()
        .map(|(en, ar)| {
            rank_term(&index, ar, MRR_DEPTH, ARTICLE_STRIP_PENALTY, &mut scratch, &mut out);
            out.iter().position(|m| &english[m.term] == en).map(|p| p + 1)
        })
        .collect();
    report(&ranks)
}

/// The baseline: plain Levenshtein (strsim) between a one-letter-per-letter
/// romanization of the Arabic and the lowercased English.
pub fn evaluate_levenshtein_baseline(pairs: &[(String, String)]) -> RankReport {
    let english = distinct_english(pairs);
    let lower: Vec<String> = english.iter().map(|e| e.to_lowercase()).collect();
    let ranks: Vec<Option<usize>> = pairs
        .iter()
        .map(|(en, ar)| {
            let r = naive_romanize(ar);
            let gold = english.iter().position(|e| e == en)?;
            let gold_score = strsim::normalized_levenshtein(&r, &lower[gold]);
            // Rank = 1 + number of candidates strictly better, plus those
            // tied and listed earlier (the same tie rule as the index).
            let mut rank = 1;
            for (i, e) in lower.iter().enumerate() {
                let s = strsim::normalized_levenshtein(&r, e);
                if s > gold_score || (s == gold_score && i < gold) {
                    rank += 1;
                }
            }
            Some(rank)
        })
        .collect();
    report(&ranks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_a_small_list() {
        let pairs: Vec<(String, String)> =
            [("google", "جوجل"), ("oracle", "أوراكل"), ("meta", "ميتا"), ("orkla", "أوركلا")]
                .iter()
                .map(|(e, a)| (e.to_string(), a.to_string()))
                .collect();
        let r = evaluate_nazir(&pairs);
        assert_eq!(r.queries, 4);
        assert_eq!(r.top1, 1.0);
        assert!(evaluate_levenshtein_baseline(&pairs).mrr > 0.0);
    }
}
