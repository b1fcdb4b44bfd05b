//! An index over English candidates, so that a query is not scored against
//! every candidate.
//!
//! Each candidate reading's key is stored once with its weight and its
//! consonant skeleton (the strong symbols, see `super::distance::Costs`). The
//! skeletons go into tries ([`super::trie`]), one per range of skeleton
//! lengths, each node marked with the word counts of the keys below it.
//! A search walks the tries with the query's skeleton, nearest length
//! first, into the subtrees of the word counts it asks for: a subtree
//! is left as soon as the skeleton distance, a lower bound of the full
//! distance, proves that none of its entries can reach the current
//! threshold; the entries it reaches are scored by the full weighted
//! distance, which also stops early once every path exceeds the threshold.
//! The threshold ratchets up to the k-th best score found so far, and an
//! unrestricted search first looks for close candidates only (a high
//! floor, a cheap walk) so that the ratchet starts high. All bounds are
//! exact: [`CandidateIndex::search`] returns the same top-k as scoring
//! every pair ([`CandidateIndex::search_naive`], kept for tests and
//! benchmarks).
//!
//! `CandidateIndex::search_near_words` searches only the keys whose word
//! count is within one of the query's: what the aligner asks, since an
//! Arabic rendering of a name has about as many words as the name (CamelCase
//! and spelled acronyms count as words: سوفت بنك = SoftBank, سي إن إن = CNN).

use super::distance::{
    Scratch, SoundClassCounts, costs, distance_with, max_cost_for, max_cost_with, similarity_from, slack_for,
};
use super::trie::{SkeletonTrie, TrieItem, TrieScratch, TrieVisitor};
use crate::romanize::{BOUNDARY, Reading, english_keys};

/// A scored candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index of the term in the list the index was built from.
    pub term: usize,
    /// Similarity in `[0, 1]`.
    pub score: f32,
    /// Which reading of the English term matched.
    pub reading: Reading,
}

#[derive(Debug, Clone)]
struct Entry {
    term: u32,
    reading: Reading,
    key_start: u32,
    key_len: u32,
    weight: u32,
    /// [`word_group`] of the key.
    group: u8,
    /// The key's [`SoundClassCounts`], for the searches that score a few
    /// terms' keys one by one.
    sounds: SoundClassCounts,
}

/// Word counts from 1 up to this one are told apart (a bit each in the
/// tries' class masks); longer keys share the last.
const MAX_WORD_GROUP: usize = 6;

/// The trie class mask of the word groups `groups`.
fn group_mask(groups: std::ops::Range<usize>) -> u8 {
    groups.fold(0, |mask, g| mask | 1 << g)
}

/// Ranges of skeleton lengths (three lengths each) with a trie each;
/// longer skeletons share the last. Keys of every word count share a trie,
/// so that a search of neighbouring word counts (most are) computes the
/// rows of their common skeleton prefixes once. Tries of similar lengths
/// tighten the bounds of a subtree: its entries have about as many symbols
/// left to align and about the same weight, so the heaviest less often sets
/// a limit that the shortest is then checked against. One trie per length
/// was measured too: the walks' fixed costs ate the gain.
const LENGTHS: usize = 8;

/// The range of skeleton lengths `skeleton` belongs to.
fn length_bucket(skeleton: &[u8]) -> usize {
    (skeleton.len() / 3).min(LENGTHS - 1)
}

/// Floors of the first, cheap passes of an unrestricted search (see the
/// module documentation).
const WARM_UP_FLOORS: [f32; 1] = [0.8];

/// Candidate keys, in skeleton tries for pruned top-k search.
#[derive(Debug, Clone, Default)]
pub struct CandidateIndex {
    entries: Vec<Entry>,
    keys: Vec<u8>,
    /// `tries[b]`: the entries whose skeletons are in length range `b`
    /// ([`length_bucket`]), each of class `1 << group` ([`word_group`]).
    tries: Vec<SkeletonTrie>,
    n_terms: usize,
    /// `entries[term_starts[t]..term_starts[t + 1]]` are term `t`'s.
    term_starts: Vec<u32>,
}

/// Reusable buffers for the searches of a [`CandidateIndex`].
#[derive(Debug, Clone, Default)]
pub struct SearchScratch {
    dp: Scratch,
    skeleton: Vec<u8>,
    trie: TrieScratch,
}

/// The number of words of a key (at least one).
fn word_count(key: &[u8]) -> usize {
    1 + key.iter().filter(|&&b| b == BOUNDARY).count()
}

fn word_group(key: &[u8]) -> usize {
    word_count(key).min(MAX_WORD_GROUP) - 1
}

/// Lists longer than this have their keys computed on all cores.
const PARALLEL_KEYS: usize = 8192;

/// The readings and keys of every term, in order.
fn keys_of<S: AsRef<str> + Sync>(terms: &[S]) -> Vec<Vec<(Reading, Vec<u8>)>> {
    use rayon::prelude::*;
    if terms.len() < PARALLEL_KEYS {
        terms.iter().map(|t| english_keys(t.as_ref())).collect()
    } else {
        terms.par_iter().map(|t| english_keys(t.as_ref())).collect()
    }
}

impl CandidateIndex {
    /// Builds the index over English terms (their keys are computed here,
    /// once per term).
    pub fn new<S: AsRef<str> + Sync>(terms: &[S]) -> Self {
        Self::from_keys(keys_of(terms))
    }

    /// Builds the index from precomputed readings, one list per term.
    pub(crate) fn from_keys(readings: Vec<Vec<(Reading, Vec<u8>)>>) -> Self {
        let all = vec![true; readings.len()];
        Self::from_keys_searched(readings, &all)
    }

    /// Like [`new`](Self::new), where the searches of the whole index
    /// ([`search`](Self::search), [`search_near_words`](Self::search_near_words))
    /// see only the terms marked in `searched`; the others are found only
    /// when asked for by name ([`search_terms_near_words`](Self::search_terms_near_words)).
    pub(crate) fn new_searched<S: AsRef<str> + Sync>(terms: &[S], searched: &[bool]) -> Self {
        Self::from_keys_searched(keys_of(terms), searched)
    }

    fn from_keys_searched(readings: Vec<Vec<(Reading, Vec<u8>)>>, searched: &[bool]) -> Self {
        let c = costs();
        let n_terms = readings.len();
        let mut entries = Vec::new();
        let mut keys = Vec::new();
        let mut skeletons: Vec<Vec<u8>> = Vec::new();
        let mut term_starts = Vec::with_capacity(n_terms + 1);
        for (term, list) in readings.into_iter().enumerate() {
            term_starts.push(entries.len() as u32);
            for (reading, key) in list {
                if key.is_empty() {
                    continue;
                }
                let mut skeleton = Vec::new();
                c.skeleton_into(&key, &mut skeleton);
                skeletons.push(skeleton);
                entries.push(Entry {
                    term: term as u32,
                    reading,
                    key_start: keys.len() as u32,
                    key_len: key.len() as u32,
                    weight: c.weight(&key),
                    group: word_group(&key) as u8,
                    sounds: SoundClassCounts::of(&key),
                });
                keys.extend_from_slice(&key);
            }
        }
        term_starts.push(entries.len() as u32);
        let mut index = Self { entries, keys, tries: Vec::new(), n_terms, term_starts };
        let mut buckets: Vec<Vec<TrieItem>> = vec![Vec::new(); LENGTHS];
        for (i, e) in index.entries.iter().enumerate() {
            if searched[e.term as usize] {
                buckets[length_bucket(&skeletons[i])].push(TrieItem {
                    id: i as u32,
                    skeleton: &skeletons[i],
                    weight: e.weight,
                    class: 1 << e.group,
                });
            }
        }
        index.tries = buckets.into_iter().map(SkeletonTrie::new).collect();
        index
    }

    /// Number of terms indexed.
    pub fn len(&self) -> usize {
        self.n_terms
    }

    /// Whether the index holds no term.
    pub fn is_empty(&self) -> bool {
        self.n_terms == 0
    }

    fn key(&self, e: &Entry) -> &[u8] {
        &self.keys[e.key_start as usize..(e.key_start + e.key_len) as usize]
    }

    /// The best `k` terms for `query` (a key) with a score of at least
    /// `min_score`, best first (ties: lower term index first), into `out`.
    pub fn search(&self, query: &[u8], k: usize, min_score: f32, scratch: &mut SearchScratch, out: &mut Vec<Match>) {
        out.clear();
        // Every pass finds all entries above its floor, so a pass that
        // fills the top k has found the final answer.
        for floor in WARM_UP_FLOORS.into_iter().filter(|&f| f > min_score) {
            self.walk_groups(query, 0..MAX_WORD_GROUP, k, floor, scratch, out);
            if out.len() >= k {
                return;
            }
        }
        self.walk_groups(query, 0..MAX_WORD_GROUP, k, min_score, scratch, out);
    }

    /// Like [`search`](Self::search), among the keys whose number of words
    /// is within one of the query's.
    pub(crate) fn search_near_words(
        &self,
        query: &[u8],
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        out.clear();
        let own = word_group(query);
        let groups = own.saturating_sub(1)..(own + 2).min(MAX_WORD_GROUP);
        self.walk_groups(query, groups, k, min_score, scratch, out);
    }

    /// Like [`search_near_words`](Self::search_near_words), among `terms`
    /// only, each of their readings scored in turn: for a handful of terms
    /// (the names one article writes in Latin letters), where a walk of
    /// the whole index would cost more.
    pub(crate) fn search_terms_near_words(
        &self,
        query: &[u8],
        terms: &[usize],
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        out.clear();
        if k == 0 || query.is_empty() {
            return;
        }
        let c = costs();
        let (own, weight, sounds) = (word_group(query), c.weight(query), SoundClassCounts::of(query));
        for &term in terms {
            let (start, end) = (self.term_starts[term] as usize, self.term_starts[term + 1] as usize);
            for e in &self.entries[start..end] {
                if usize::from(e.group).abs_diff(own) > 1 {
                    continue;
                }
                let max_cost = max_cost_for(current_threshold(out, k, min_score), weight, e.weight);
                if sounds.bound(&e.sounds) > max_cost {
                    continue;
                }
                if let Some(d) = distance_with(query, self.key(e), max_cost, &mut scratch.dp) {
                    let score = similarity_from(d, weight, e.weight);
                    if score >= min_score {
                        offer(out, k, Match { term: e.term as usize, score, reading: e.reading });
                    }
                }
            }
        }
    }

    /// Walks the tries for the keys of the word `groups`, adding to the
    /// top-k list `out`.
    fn walk_groups(
        &self,
        query: &[u8],
        groups: std::ops::Range<usize>,
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        if k == 0 || query.is_empty() {
            return;
        }
        let c = costs();
        let mut skeleton = std::mem::take(&mut scratch.skeleton);
        skeleton.clear();
        c.skeleton_into(query, &mut skeleton);
        let mut trie_scratch = std::mem::take(&mut scratch.trie);
        let classes = group_mask(groups);
        let mut walk = TrieSearch {
            index: self,
            query,
            weight: c.weight(query),
            classes,
            k,
            min_score,
            slack: None,
            dp: &mut scratch.dp,
            out,
        };
        walk.refresh_slack();
        // The lengths nearest the query's first: their entries are the
        // likeliest to raise the threshold early.
        let near = length_bucket(&skeleton);
        for offset in 0..LENGTHS {
            for len in [near.checked_sub(offset), (offset > 0).then_some(near + offset)].into_iter().flatten() {
                if let Some(trie) = self.tries.get(len) {
                    trie.walk(&skeleton, classes, &mut trie_scratch, &mut walk);
                }
            }
        }
        scratch.trie = trie_scratch;
        scratch.skeleton = skeleton;
    }

    /// The same result as [`search`](Self::search), scoring every entry.
    pub fn search_naive(
        &self,
        query: &[u8],
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        out.clear();
        let c = costs();
        let qweight = c.weight(query);
        for e in &self.entries {
            if let Some(d) = distance_with(query, self.key(e), u32::MAX, &mut scratch.dp) {
                let score = similarity_from(d, qweight, e.weight);
                if score >= min_score {
                    offer(out, k, Match { term: e.term as usize, score, reading: e.reading });
                }
            }
        }
    }
}

/// A top-k search as a walk over skeleton tries.
struct TrieSearch<'a> {
    index: &'a CandidateIndex,
    query: &'a [u8],
    weight: u32,
    /// The word groups searched ([`group_mask`]).
    classes: u8,
    k: usize,
    min_score: f32,
    /// [`slack_for`] the current threshold ([`current_threshold`]):
    /// computed once per change of the threshold, not once per trie node.
    slack: Option<f32>,
    dp: &'a mut Scratch,
    out: &'a mut Vec<Match>,
}

impl TrieSearch<'_> {
    fn refresh_slack(&mut self) {
        self.slack = slack_for(current_threshold(self.out, self.k, self.min_score));
    }
}

impl TrieVisitor for TrieSearch<'_> {
    #[inline]
    fn limit(&self, max_weight: u32) -> u32 {
        max_cost_with(self.slack, self.weight, max_weight)
    }

    fn visit(&mut self, entries: &[u32], bound: u32) {
        for &i in entries {
            let e = &self.index.entries[i as usize];
            let max_cost = self.limit(e.weight);
            if bound > max_cost || self.classes & 1 << e.group == 0 {
                continue;
            }
            if let Some(d) = distance_with(self.query, self.index.key(e), max_cost, self.dp) {
                let score = similarity_from(d, self.weight, e.weight);
                if score >= self.min_score {
                    offer(self.out, self.k, Match { term: e.term as usize, score, reading: e.reading });
                    self.refresh_slack();
                }
            }
        }
    }
}

fn current_threshold(out: &[Match], k: usize, min_score: f32) -> f32 {
    if out.len() >= k { out[out.len() - 1].score.max(min_score) } else { min_score }
}

/// Total order on matches: score, then term index, then the word reading
/// before the spelled one, so that results never depend on visiting order.
fn better(a: &Match, b: &Match) -> bool {
    let rank = |m: &Match| (m.reading == Reading::Spelled) as u8;
    a.score > b.score || (a.score == b.score && (a.term, rank(a)) < (b.term, rank(b)))
}

/// Inserts `m` into the sorted top-k list `out`, one match per term.
fn offer(out: &mut Vec<Match>, k: usize, m: Match) {
    if let Some(pos) = out.iter().position(|x| x.term == m.term) {
        if better(&m, &out[pos]) {
            out.remove(pos);
        } else {
            return;
        }
    } else if out.len() >= k {
        if !better(&m, &out[out.len() - 1]) {
            return;
        }
        out.pop();
    }
    let at = out.iter().position(|x| better(&m, x)).unwrap_or(out.len());
    out.insert(at, m);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::romanize::arabic_key;

    const TERMS: &[&str] = &[
        "Google",
        "Gogoro",
        "Oracle",
        "Orkla",
        "Microsoft",
        "Micron",
        "Meta",
        "Metro",
        "CNN",
        "SoftBank",
        "Mark Zuckerberg",
        "Mark Zandberg",
        "Sam Altman",
        "Sam Allman",
        "Kevin Weil",
        "Kevin Wall",
        "X",
        "OpenAI",
        "Anthropic",
        "Anthropologie",
    ];

    #[test]
    fn finds_the_right_term() {
        let idx = CandidateIndex::new(TERMS);
        let mut s = SearchScratch::default();
        let mut out = Vec::new();
        for (ar, en) in [
            ("جوجل", "Google"),
            ("أوراكل", "Oracle"),
            ("مايكروسوفت", "Microsoft"),
            ("سي إن إن", "CNN"),
            ("مارك زوكربيرغ", "Mark Zuckerberg"),
            ("سام ألتمان", "Sam Altman"),
            ("أنثروبيك", "Anthropic"),
            ("ميتا", "Meta"),
        ] {
            idx.search(&arabic_key(ar), 3, 0.0, &mut s, &mut out);
            assert_eq!(TERMS[out[0].term], en, "{ar}: {out:?}");
        }
    }

    #[test]
    fn near_word_search_keeps_names_of_about_the_same_length() {
        let idx = CandidateIndex::new(TERMS);
        let mut s = SearchScratch::default();
        let (mut near, mut exact) = (Vec::new(), Vec::new());
        for q in ["جوجل", "قوقل", "أوراكل", "مارك زوكربيرغ", "سي إن إن", "إكس", "ميتا", "أنثروبيك", "سوفت بنك"]
        {
            let key = arabic_key(q);
            idx.search_near_words(&key, 3, 0.8, &mut s, &mut near);
            idx.search(&key, 3, 0.8, &mut s, &mut exact);
            assert_eq!(near, exact, "{q}");
            assert!(!near.is_empty(), "{q}");
        }
        // One word is not matched with a name of three or more.
        let idx = CandidateIndex::new(&["Mark Elliot Zuckerberg", "Zuckerberg", "Mark Zuckerberg"]);
        let key = arabic_key("زوكربيرغ");
        idx.search_near_words(&key, 5, 0.0, &mut s, &mut near);
        idx.search(&key, 5, 0.0, &mut s, &mut exact);
        assert_eq!(exact.len(), 3);
        assert_eq!(near.iter().map(|m| m.term).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn pruned_search_equals_naive_search() {
        let idx = CandidateIndex::new(TERMS);
        let mut s = SearchScratch::default();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for q in ["جوجل", "قوقل", "ميترو", "أوبن إيه آي", "كيفن", "إكس", "سام", "بنك"]
        {
            for k in [1, 3, 20] {
                for min in [0.0, 0.5, 0.8] {
                    let key = arabic_key(q);
                    idx.search(&key, k, min, &mut s, &mut fast);
                    idx.search_naive(&key, k, min, &mut s, &mut slow);
                    assert_eq!(fast, slow, "{q} k={k} min={min}");
                }
            }
        }
    }

    #[test]
    fn random_keys_give_the_naive_answer() {
        // Random keys over the whole alphabet (word boundaries included)
        // exercise every cheap pair of the cost table and every trie shape.
        let alphabet = crate::romanize::KEY_ALPHABET;
        let mut rng = crate::sample::SplitMix64(11);
        let mut key = |len: usize| -> Vec<u8> {
            // One symbol in four a word boundary, so that every word group
            // (up to the last, open one) is reached.
            (0..len)
                .map(|_| match rng.next_u64() % 4 {
                    0 => BOUNDARY,
                    _ => alphabet[(rng.next_u64() % alphabet.len() as u64) as usize],
                })
                .collect()
        };
        let readings: Vec<Vec<(Reading, Vec<u8>)>> =
            (0..400).map(|i| vec![(Reading::Word, key(1 + i % 29)), (Reading::Spelled, key(2 + i % 5))]).collect();
        let idx = CandidateIndex::from_keys(readings.clone());
        let mut s = SearchScratch::default();
        let (mut fast, mut slow, mut near) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..200 {
            let q = key(1 + round % 31);
            for (k, min) in [(1, 0.0), (5, 0.0), (5, 0.5), (3, 0.8)] {
                idx.search(&q, k, min, &mut s, &mut fast);
                idx.search_naive(&q, k, min, &mut s, &mut slow);
                assert_eq!(fast, slow, "{q:?} k={k} min={min}");
            }
            // The near-word search is the naive one over the kept readings.
            let words = word_count(&q);
            let kept: Vec<Vec<(Reading, Vec<u8>)>> = readings
                .iter()
                .map(|r| r.iter().filter(|(_, k)| word_group(k).abs_diff(word_group(&q)) <= 1).cloned().collect())
                .collect();
            let restricted = CandidateIndex::from_keys(kept);
            idx.search_near_words(&q, 4, 0.3, &mut s, &mut near);
            restricted.search_naive(&q, 4, 0.3, &mut s, &mut slow);
            assert_eq!(near, slow, "{q:?} ({words} words)");
            // Among some terms: the same as the near-word search of an index
            // of those terms alone.
            let among: Vec<usize> = (0..readings.len()).filter(|t| (t + round) % 3 != 0).collect();
            let alone = CandidateIndex::from_keys(
                (0..readings.len())
                    .map(|t| if among.contains(&t) { readings[t].clone() } else { Vec::new() })
                    .collect(),
            );
            for (k, min) in [(4, 0.3), (1, 0.8), (3, 0.6)] {
                idx.search_terms_near_words(&q, &among, k, min, &mut s, &mut fast);
                alone.search_near_words(&q, k, min, &mut s, &mut slow);
                assert_eq!(fast, slow, "{q:?} among {} terms, k={k} min={min}", among.len());
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn index_search_equals_scoring_every_pair(
            keys in proptest::collection::vec(crate::testutil::key(16), 1..120),
            queries in proptest::collection::vec(crate::testutil::key(16), 1..8),
            k in 1usize..6,
            floor in proptest::sample::select(vec![0.0f32, 0.3, 0.6, 0.8]),
        ) {
            let idx = CandidateIndex::from_keys(keys.into_iter().map(|key| vec![(Reading::Word, key)]).collect());
            let mut s = SearchScratch::default();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            for q in &queries {
                idx.search(q, k, floor, &mut s, &mut fast);
                idx.search_naive(q, k, floor, &mut s, &mut slow);
                proptest::prop_assert_eq!(&fast, &slow);
            }
        }
    }
}
