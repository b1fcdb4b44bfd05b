//! An index over English candidates, so that a query is not scored against
//! every candidate.
//!
//! Each candidate reading's key is stored once with its weight and its
//! coarse-class histogram (see [`super::Costs::class_histogram`]). Entries
//! are grouped into buckets by their number of strong symbols. A query
//! visits the buckets nearest its own count first; a whole bucket is
//! skipped when the count difference alone proves no entry in it can reach
//! the current threshold, an entry is skipped when its histogram proves
//! the same, a distance computed on the two consonant skeletons alone (a
//! cheap lower bound, see [`super::skeleton_bound_with`]) proves it again
//! before the full dynamic program runs, and that program stops early
//! once every path exceeds the threshold. The threshold ratchets up to the k-th best score found so
//! far. All three bounds are exact, so the index returns the same top-k as
//! scoring every pair ([`CandidateIndex::search_naive`], kept for tests and
//! benchmarks).

use super::{MAX_CLASSES, Scratch, costs, distance_with, max_cost_for, similarity_from, skeleton_bound_with};
use crate::romanize::{Reading, english_keys};

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
    skeleton_start: u32,
    weight: u32,
    strong: u32,
}

#[derive(Debug, Clone)]
struct Bucket {
    strong: u32,
    start: usize,
    end: usize,
    max_weight: u32,
}

/// Candidate keys, bucketed for pruned top-k search.
#[derive(Debug, Clone, Default)]
pub struct CandidateIndex {
    entries: Vec<Entry>,
    hists: Vec<[u8; MAX_CLASSES]>,
    keys: Vec<u8>,
    skeletons: Vec<u8>,
    buckets: Vec<Bucket>,
    n_terms: usize,
    /// Entries by the coarse-class bigrams of their skeletons, for
    /// [`search_shared`](Self::search_shared).
    bigrams: std::collections::HashMap<u16, Vec<u32>>,
    /// Entries by the classes of their skeletons: all entries, and those
    /// whose skeleton has fewer than two symbols.
    unigrams_all: Vec<Vec<u32>>,
    unigrams_short: Vec<Vec<u32>>,
    /// Entries without a strong symbol.
    no_skeleton: Vec<u32>,
}

/// Reusable buffers for [`CandidateIndex::search`].
#[derive(Debug, Clone, Default)]
pub struct SearchScratch {
    dp: Scratch,
    order: Vec<usize>,
    skeleton: Vec<u8>,
    hits: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    classes: Vec<u8>,
}

/// What is computed once per query: its key, class histogram, skeleton
/// and weight.
struct Query<'q> {
    key: &'q [u8],
    hist: &'q [u8; MAX_CLASSES],
    skeleton: &'q [u8],
    weight: u32,
}

impl CandidateIndex {
    /// Builds the index over English terms (their keys are computed here,
    /// once per term).
    pub fn new<S: AsRef<str>>(terms: &[S]) -> Self {
        let keyed: Vec<Vec<(Reading, Vec<u8>)>> = terms.iter().map(|t| english_keys(t.as_ref())).collect();
        Self::from_keys(keyed)
    }

    /// Builds the index from precomputed readings, one list per term.
    pub fn from_keys(readings: Vec<Vec<(Reading, Vec<u8>)>>) -> Self {
        let c = costs();
        let n_terms = readings.len();
        let mut raw: Vec<(Entry, [u8; MAX_CLASSES])> = Vec::new();
        let mut keys = Vec::new();
        let mut skeletons = Vec::new();
        for (term, list) in readings.into_iter().enumerate() {
            for (reading, key) in list {
                if key.is_empty() {
                    continue;
                }
                let mut hist = [0; MAX_CLASSES];
                let strong = c.class_histogram(&key, &mut hist);
                let entry = Entry {
                    term: term as u32,
                    reading,
                    key_start: keys.len() as u32,
                    key_len: key.len() as u32,
                    skeleton_start: skeletons.len() as u32,
                    weight: c.weight(&key),
                    strong,
                };
                keys.extend_from_slice(&key);
                c.skeleton_into(&key, &mut skeletons);
                raw.push((entry, hist));
            }
        }
        raw.sort_by_key(|(e, _)| (e.strong, e.term));
        let mut buckets: Vec<Bucket> = Vec::new();
        for (i, (e, _)) in raw.iter().enumerate() {
            match buckets.last_mut() {
                Some(b) if b.strong == e.strong => {
                    b.end = i + 1;
                    b.max_weight = b.max_weight.max(e.weight);
                }
                _ => buckets.push(Bucket { strong: e.strong, start: i, end: i + 1, max_weight: e.weight }),
            }
        }
        let (entries, hists) = raw.into_iter().unzip();
        let mut index = Self { entries, hists, keys, skeletons, buckets, n_terms, ..Self::default() };
        index.build_grams();
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

    fn build_grams(&mut self) {
        let c = costs();
        self.unigrams_all = vec![Vec::new(); MAX_CLASSES];
        self.unigrams_short = vec![Vec::new(); MAX_CLASSES];
        for (i, e) in self.entries.iter().enumerate() {
            let classes: Vec<u8> = self.skeleton(e).iter().filter_map(|&b| c.class_of(b)).collect();
            if classes.is_empty() {
                self.no_skeleton.push(i as u32);
            }
            for &k in &classes {
                push_once(&mut self.unigrams_all[k as usize], i as u32);
                if classes.len() < 2 {
                    push_once(&mut self.unigrams_short[k as usize], i as u32);
                }
            }
            for w in classes.windows(2) {
                push_once(self.bigrams.entry(bigram(w[0], w[1])).or_default(), i as u32);
            }
        }
    }

    fn skeleton(&self, e: &Entry) -> &[u8] {
        &self.skeletons[e.skeleton_start as usize..(e.skeleton_start + e.strong) as usize]
    }

    /// The best `k` terms for `query` (a key) with a score of at least
    /// `min_score`, best first (ties: lower term index first), into `out`.
    pub fn search(&self, query: &[u8], k: usize, min_score: f32, scratch: &mut SearchScratch, out: &mut Vec<Match>) {
        out.clear();
        if k == 0 || query.is_empty() {
            return;
        }
        let c = costs();
        let mut qhist = [0; MAX_CLASSES];
        let qstrong = c.class_histogram(query, &mut qhist);
        let qweight = c.weight(query);
        let mut qskeleton = std::mem::take(&mut scratch.skeleton);
        qskeleton.clear();
        c.skeleton_into(query, &mut qskeleton);
        // Visit buckets in order of count distance from the query.
        scratch.order.clear();
        scratch.order.extend(0..self.buckets.len());
        let buckets = &self.buckets;
        scratch.order.sort_by_key(|&i| buckets[i].strong.abs_diff(qstrong));
        for oi in 0..scratch.order.len() {
            let b = &self.buckets[scratch.order[oi]];
            let threshold = current_threshold(out, k, min_score);
            let bound = c.count_lower_bound(qstrong, b.strong);
            if bound > max_cost_for(threshold, qweight, b.max_weight) {
                continue;
            }
            let q = Query { key: query, hist: &qhist, skeleton: &qskeleton, weight: qweight };
            for i in b.start..b.end {
                self.consider(i, &q, k, min_score, &mut scratch.dp, out);
            }
        }
        scratch.skeleton = qskeleton;
    }

    /// Like [`search`](Self::search), but only among the entries whose
    /// consonant skeleton shares a coarse-class bigram with the query's
    /// (or, when either skeleton has a single consonant, a class). This is
    /// not exact: a candidate that keeps none of the query's consonant
    /// pairs is not looked at. At the aligner's thresholds (0.8 and more)
    /// such a pair hardly ever scores high enough, and the filter removes
    /// most of the work of scanning a large candidate list; `nazir match`
    /// and the tests of exactness use [`search`](Self::search).
    pub fn search_shared(
        &self,
        query: &[u8],
        k: usize,
        min_score: f32,
        scratch: &mut SearchScratch,
        out: &mut Vec<Match>,
    ) {
        out.clear();
        let c = costs();
        let mut classes = std::mem::take(&mut scratch.classes);
        classes.clear();
        classes.extend(query.iter().filter_map(|&b| c.class_of(b)));
        if k == 0 || classes.is_empty() {
            scratch.classes = classes;
            return self.search(query, k, min_score, scratch, out);
        }
        // Collect the entries sharing a gram, once each (a stamp per entry).
        if scratch.stamp.len() != self.entries.len() {
            scratch.stamp = vec![0; self.entries.len()];
            scratch.epoch = 0;
        }
        scratch.epoch = scratch.epoch.wrapping_add(1);
        if scratch.epoch == 0 {
            scratch.stamp.iter_mut().for_each(|s| *s = 0);
            scratch.epoch = 1;
        }
        let epoch = scratch.epoch;
        let mut hits = std::mem::take(&mut scratch.hits);
        hits.clear();
        let mut take = |list: &[u32], stamp: &mut Vec<u32>| {
            for &i in list {
                if stamp[i as usize] != epoch {
                    stamp[i as usize] = epoch;
                    hits.push(i);
                }
            }
        };
        take(&self.no_skeleton, &mut scratch.stamp);
        if classes.len() < 2 {
            take(&self.unigrams_all[classes[0] as usize], &mut scratch.stamp);
        } else {
            for w in classes.windows(2) {
                if let Some(list) = self.bigrams.get(&bigram(w[0], w[1])) {
                    take(list, &mut scratch.stamp);
                }
            }
            for &k in &classes {
                take(&self.unigrams_short[k as usize], &mut scratch.stamp);
            }
        }
        let mut qhist = [0; MAX_CLASSES];
        c.class_histogram(query, &mut qhist);
        let qweight = c.weight(query);
        let mut qskeleton = std::mem::take(&mut scratch.skeleton);
        qskeleton.clear();
        c.skeleton_into(query, &mut qskeleton);
        let q = Query { key: query, hist: &qhist, skeleton: &qskeleton, weight: qweight };
        for &i in &hits {
            self.consider(i as usize, &q, k, min_score, &mut scratch.dp, out);
        }
        scratch.skeleton = qskeleton;
        scratch.hits = hits;
        scratch.classes = classes;
    }

    /// Scores entry `i` against the query when no bound rules it out, and
    /// offers it to the top-k list.
    fn consider(&self, i: usize, q: &Query<'_>, k: usize, min_score: f32, dp: &mut Scratch, out: &mut Vec<Match>) {
        let c = costs();
        let e = &self.entries[i];
        let max_cost = max_cost_for(current_threshold(out, k, min_score), q.weight, e.weight);
        if c.lower_bound(q.hist, &self.hists[i]) > max_cost {
            return;
        }
        if skeleton_bound_with(q.skeleton, self.skeleton(e), max_cost, dp).is_none() {
            return;
        }
        if let Some(d) = distance_with(q.key, self.key(e), max_cost, dp) {
            let score = similarity_from(d, q.weight, e.weight);
            if score >= min_score {
                offer(out, k, Match { term: e.term as usize, score, reading: e.reading });
            }
        }
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

/// The code of a class bigram.
fn bigram(a: u8, b: u8) -> u16 {
    u16::from(a) * MAX_CLASSES as u16 + u16::from(b)
}

/// Pushes `i` unless it is already the last element (entries arrive in
/// order, so that is the only place a repeat can be).
fn push_once(list: &mut Vec<u32>, i: u32) {
    if list.last() != Some(&i) {
        list.push(i);
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
    fn shared_gram_search_finds_close_names() {
        let idx = CandidateIndex::new(TERMS);
        let mut s = SearchScratch::default();
        let (mut shared, mut exact) = (Vec::new(), Vec::new());
        for q in ["جوجل", "قوقل", "أوراكل", "مارك زوكربيرغ", "سي إن إن", "إكس", "ميتا", "أنثروبيك"]
        {
            let key = arabic_key(q);
            idx.search_shared(&key, 3, 0.8, &mut s, &mut shared);
            idx.search(&key, 3, 0.8, &mut s, &mut exact);
            assert_eq!(shared, exact, "{q}");
            assert!(!shared.is_empty(), "{q}");
        }
        // A query sharing no consonant pair with a candidate does not reach it.
        idx.search_shared(&arabic_key("بنك"), 20, 0.0, &mut s, &mut shared);
        idx.search(&arabic_key("بنك"), 20, 0.0, &mut s, &mut exact);
        assert!(shared.len() < exact.len());
        assert!(shared.iter().all(|m| exact.contains(m)));
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
}
