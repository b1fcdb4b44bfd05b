//! Learning the joint letter model from pairs of names (Arabic, English).
//!
//! Which English letters each Arabic letter stands for is not given, so it
//! is learned by expectation maximization over every way of cutting the
//! English into one chunk of 0 to 4 letters per Arabic letter
//! (the forward-backward sums of a many-to-one aligner). Each name's best
//! cut then becomes a run of units, and the runs are counted into the
//! n-gram model of [`Model`].

use hashbrown::HashMap;

use super::model::{BOUNDARY, MAX_CHUNK, MAX_ORDER, Model, Unit};

/// One training pair, in the model's letters.
#[derive(Debug, Clone)]
pub struct Pair {
    arabic: Vec<char>,
    english: Vec<u8>,
}

impl Pair {
    /// The pair in the model's letters, or `None` when either side has
    /// nothing the model can use (no Arabic letter, or English with other
    /// than Latin letters, apostrophes and hyphens once accents are folded).
    pub fn new(arabic: &str, english: &str) -> Option<Pair> {
        let mut letters = Vec::new();
        super::letters::arabic_letters(arabic, &mut letters);
        let english = super::letters::english_letters(english)?;
        (!letters.is_empty() && !english.is_empty() && english.len() <= letters.len() * MAX_CHUNK)
            .then_some(Pair { arabic: letters, english })
    }
}

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Units of history + 1 (3 to 5 are useful).
    pub order: usize,
    /// Rounds of expectation maximization for the alignment.
    pub iterations: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { order: 4, iterations: 8 }
    }
}

/// An English chunk packed into a `u32`, one byte per letter (empty = 0).
fn pack(chunk: &[u8]) -> u32 {
    chunk.iter().fold(0, |k, &b| (k << 8) | u32::from(b))
}

/// The alignment lattice of one pair: for Arabic letter i (1-based), English
/// end j and chunk length l, the parameter of (letter i, english[j-l..j]).
struct Lattice {
    arabic: usize,
    english: usize,
    edges: Vec<u32>,
}

const NO_EDGE: u32 = u32::MAX;

impl Lattice {
    fn edge(&self, i: usize, j: usize, l: usize) -> u32 {
        self.edges[((i - 1) * (self.english + 1) + j) * (MAX_CHUNK + 1) + l]
    }
}

/// Trains a model on `pairs`.
pub fn train(pairs: &[Pair], options: TrainOptions) -> Model {
    assert!((2..=MAX_ORDER).contains(&options.order), "order {} out of range", options.order);
    let mut params: Vec<(char, u32)> = Vec::new();
    let mut ids: HashMap<(char, u32), u32> = HashMap::new();
    let lattices: Vec<Lattice> = pairs
        .iter()
        .map(|pair| {
            let (n, m) = (pair.arabic.len(), pair.english.len());
            let mut edges = vec![NO_EDGE; n * (m + 1) * (MAX_CHUNK + 1)];
            for i in 1..=n {
                for j in 0..=m {
                    for l in 0..=MAX_CHUNK.min(j) {
                        let key = (pair.arabic[i - 1], pack(&pair.english[j - l..j]));
                        let id = *ids.entry(key).or_insert_with(|| {
                            params.push(key);
                            params.len() as u32 - 1
                        });
                        edges[((i - 1) * (m + 1) + j) * (MAX_CHUNK + 1) + l] = id;
                    }
                }
            }
            Lattice { arabic: n, english: m, edges }
        })
        .collect();

    let mut theta = vec![1.0 / params.len() as f64; params.len()];
    let mut alpha = Vec::new();
    let mut beta = Vec::new();
    for _ in 0..options.iterations {
        let mut expected = vec![0.0f64; params.len()];
        for lattice in &lattices {
            let total = forward(lattice, &theta, &mut alpha);
            if total <= 0.0 || !total.is_finite() {
                continue;
            }
            backward(lattice, &theta, &mut beta);
            let m = lattice.english;
            for i in 1..=lattice.arabic {
                for j in 0..=m {
                    let after = beta[i * (m + 1) + j];
                    if after == 0.0 {
                        continue;
                    }
                    for l in 0..=MAX_CHUNK.min(j) {
                        let edge = lattice.edge(i, j, l) as usize;
                        let before = alpha[(i - 1) * (m + 1) + j - l];
                        expected[edge] += before * theta[edge] * after / total;
                    }
                }
            }
        }
        let sum: f64 = expected.iter().sum();
        for (t, e) in theta.iter_mut().zip(&expected) {
            *t = e / sum;
        }
    }

    // Units in order of first use, so that the file is the same on every
    // run.
    let mut units = vec![Unit { arabic: '\0', english: "".into() }];
    let mut unit_ids: HashMap<u32, u16> = HashMap::new();
    let mut runs: HashMap<Vec<u16>, u32> = HashMap::new();
    let mut sequence = Vec::new();
    for (pair, lattice) in pairs.iter().zip(&lattices) {
        if !best_cut(lattice, &theta, &mut sequence) {
            continue;
        }
        let mut padded: Vec<u16> = vec![BOUNDARY; options.order - 1];
        let mut end = 0;
        for (i, &(edge, l)) in sequence.iter().enumerate() {
            let unit = *unit_ids.entry(edge).or_insert_with(|| {
                let english = std::str::from_utf8(&pair.english[end..end + l]).expect("ASCII");
                units.push(Unit { arabic: pair.arabic[i], english: english.into() });
                (units.len() - 1) as u16
            });
            end += l;
            padded.push(unit);
        }
        padded.push(BOUNDARY);
        for window in padded.windows(options.order) {
            *runs.entry(window.to_vec()).or_insert(0) += 1;
        }
    }
    Model::from_counts(options.order, units, runs)
}

fn forward(lattice: &Lattice, theta: &[f64], alpha: &mut Vec<f64>) -> f64 {
    let (n, m) = (lattice.arabic, lattice.english);
    alpha.clear();
    alpha.resize((n + 1) * (m + 1), 0.0);
    alpha[0] = 1.0;
    for i in 1..=n {
        for j in 0..=m {
            let mut sum = 0.0;
            for l in 0..=MAX_CHUNK.min(j) {
                sum += alpha[(i - 1) * (m + 1) + j - l] * theta[lattice.edge(i, j, l) as usize];
            }
            alpha[i * (m + 1) + j] = sum;
        }
    }
    alpha[n * (m + 1) + m]
}

fn backward(lattice: &Lattice, theta: &[f64], beta: &mut Vec<f64>) {
    let (n, m) = (lattice.arabic, lattice.english);
    beta.clear();
    beta.resize((n + 1) * (m + 1), 0.0);
    beta[n * (m + 1) + m] = 1.0;
    for i in (1..=n).rev() {
        for j in 0..=m {
            let after = beta[i * (m + 1) + j];
            if after == 0.0 {
                continue;
            }
            for l in 0..=MAX_CHUNK.min(j) {
                beta[(i - 1) * (m + 1) + j - l] += theta[lattice.edge(i, j, l) as usize] * after;
            }
        }
    }
}

/// The likeliest cut of one pair: per Arabic letter, its parameter and
/// chunk length. False when the pair has no cut.
fn best_cut(lattice: &Lattice, theta: &[f64], out: &mut Vec<(u32, usize)>) -> bool {
    let (n, m) = (lattice.arabic, lattice.english);
    let mut score = vec![f64::NEG_INFINITY; (n + 1) * (m + 1)];
    let mut from = vec![0u8; (n + 1) * (m + 1)];
    score[0] = 0.0;
    for i in 1..=n {
        for j in 0..=m {
            for l in 0..=MAX_CHUNK.min(j) {
                let t = theta[lattice.edge(i, j, l) as usize];
                let s = score[(i - 1) * (m + 1) + j - l] + t.ln();
                if t > 0.0 && s > score[i * (m + 1) + j] {
                    score[i * (m + 1) + j] = s;
                    from[i * (m + 1) + j] = l as u8;
                }
            }
        }
    }
    if score[n * (m + 1) + m] == f64::NEG_INFINITY {
        return false;
    }
    out.clear();
    let mut j = m;
    for i in (1..=n).rev() {
        let l = usize::from(from[i * (m + 1) + j]);
        out.push((lattice.edge(i, j, l), l));
        j -= l;
    }
    out.reverse();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<Pair> {
        list.iter().filter_map(|(ar, en)| Pair::new(ar, en)).collect()
    }

    #[test]
    fn learns_which_letters_stand_for_which() {
        let data = pairs(&[
            ("بوب", "bob"),
            ("بوبي", "bobby"),
            ("توم", "tom"),
            ("تومي", "tommy"),
            ("ميم", "mim"),
            ("بيت", "bit"),
            ("تيم", "tim"),
            ("موت", "mot"),
        ]);
        let model = train(&data, TrainOptions { order: 3, iterations: 10 });
        let chunks = |letter| {
            let mut c: Vec<String> =
                model.units_of(letter).iter().map(|&u| model.unit(u).english.to_string()).collect();
            c.sort();
            c
        };
        // و and ي are the vowels; the consonants never take a vowel of
        // their own here.
        assert!(chunks('و').contains(&"o".to_string()), "{:?}", chunks('و'));
        assert!(chunks('ت').contains(&"t".to_string()), "{:?}", chunks('ت'));
        assert!(chunks('ب').iter().all(|c| c.starts_with('b')), "{:?}", chunks('ب'));
    }

    #[test]
    fn unusable_pairs_are_left_out() {
        assert!(Pair::new("جوجل", "Google").is_some());
        assert!(Pair::new("Google", "Google").is_none());
        assert!(Pair::new("جوجل", "谷歌").is_none());
        // Too much English for the letters.
        assert!(Pair::new("ب", "abcdef").is_none());
        assert_eq!(Pair::new("مولر", "Müller").unwrap().english, b"muller");
    }
}
