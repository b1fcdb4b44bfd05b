//! The joint letter model: units that pair one Arabic letter with the
//! English letters it was written for (ك:ck, ب:bo, ه:), and the counts of
//! runs of such units, read as a smoothed n-gram model.
//!
//! The model is kept as counts, not probabilities, so that the file is
//! exact, diffable in size and independent of the smoothing: Witten-Bell
//! interpolation is computed from the counts at load time.

use std::fmt::Write as _;

use hashbrown::HashMap;

/// The unit that starts and ends every name.
pub(crate) const BOUNDARY: u16 = 0;

/// Longest English chunk one Arabic letter may stand for.
pub(crate) const MAX_CHUNK: usize = 4;

/// The highest order a model may have (units of history + 1); keys pack
/// 16 bits per unit into a `u128`.
pub(crate) const MAX_ORDER: usize = 8;

/// Different units a unit must have been seen after to be offered by the
/// search ([`Model::units_of`]).
const MIN_UNIT_CONTEXTS: u32 = 3;

/// A packed run of units: 16 bits per unit, each stored as id + 1 so that
/// runs of different lengths never share a key.
pub(crate) type Key = u128;

/// The key of `run` extended by `unit`.
pub(crate) fn extend(run: Key, unit: u16) -> Key {
    (run << 16) | Key::from(unit + 1)
}

/// The number of units in a key.
fn run_len(run: Key) -> usize {
    (128 - run.leading_zeros() as usize).div_ceil(16)
}

/// The last `len` units of a key.
pub(crate) fn suffix(run: Key, len: usize) -> Key {
    if len == 0 { 0 } else { run & ((1u128 << (16 * len)) - 1) }
}

/// One unit: an Arabic letter and its English chunk (empty when the letter
/// is not written in English, as a final ه often is).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Unit {
    pub arabic: char,
    pub english: Box<str>,
}

/// A trained joint model.
#[derive(Debug)]
pub struct Model {
    order: usize,
    units: Vec<Unit>,
    by_letter: HashMap<char, Vec<u16>>,
    /// Count of every run of `order` units seen in training (the file).
    raw: HashMap<Key, u32>,
    /// The Kneser-Ney count of every run of 1 to `order` units: the raw
    /// count for the longest runs, the number of different units seen
    /// before it for shorter ones.
    counts: HashMap<Key, u32>,
    /// Per history (a run of 0 to `order` - 1 units): the sum of the counts
    /// of the runs that extend it, and their number.
    histories: HashMap<Key, (u32, u32)>,
    /// The absolute discount per run length.
    discounts: [f64; MAX_ORDER + 1],
}

impl Model {
    /// Builds a model from units (id 0 must be the boundary) and the counts
    /// of runs of exactly `order` units.
    pub(crate) fn from_counts(order: usize, units: Vec<Unit>, top: impl IntoIterator<Item = (Vec<u16>, u32)>) -> Self {
        assert!((1..=MAX_ORDER).contains(&order), "order {order} out of range");
        let mut raw: HashMap<Key, u32> = HashMap::new();
        for (run, count) in top {
            debug_assert_eq!(run.len(), order);
            let key = run.iter().fold(0, |k, &u| extend(k, u));
            *raw.entry(key).or_insert(0) += count;
        }
        // Kneser-Ney: a shorter run is counted by the number of different
        // units seen before it, not by how often it occurs, since it is
        // only asked about when its longer context was never seen.
        let mut counts: HashMap<Key, u32> = raw.clone();
        let mut level: Vec<Key> = raw.keys().copied().collect();
        for len in (1..order).rev() {
            let mut shorter: HashMap<Key, u32> = HashMap::new();
            for &key in &level {
                *shorter.entry(suffix(key, len)).or_insert(0) += 1;
            }
            level = shorter.keys().copied().collect();
            counts.extend(shorter);
        }
        let mut histories: HashMap<Key, (u32, u32)> = HashMap::new();
        let mut singles = [0u32; MAX_ORDER + 1];
        let mut doubles = [0u32; MAX_ORDER + 1];
        for (&key, &count) in &counts {
            match count {
                1 => singles[run_len(key)] += 1,
                2 => doubles[run_len(key)] += 1,
                _ => {}
            }
            // The history is the run without its last unit.
            let entry = histories.entry(key >> 16).or_insert((0, 0));
            entry.0 += count;
            entry.1 += 1;
        }
        let mut discounts = [0.5f64; MAX_ORDER + 1];
        for len in 1..=order {
            let (n1, n2) = (f64::from(singles[len]), f64::from(doubles[len]));
            if n1 > 0.0 {
                discounts[len] = (n1 / (n1 + 2.0 * n2)).clamp(0.1, 0.9);
            }
        }
        // A unit seen after only one other unit is mostly a misaligned
        // training pair (ع:abde): it stays in the counts, but the search
        // does not offer it, which keeps the beam's work down.
        // (A letter with no such unit, as in a small model, keeps all.)
        let mut all: HashMap<char, Vec<u16>> = HashMap::new();
        for (id, unit) in units.iter().enumerate().skip(1) {
            all.entry(unit.arabic).or_default().push(id as u16);
        }
        let by_letter = all
            .into_iter()
            .map(|(letter, ids)| {
                let common: Vec<u16> = ids
                    .iter()
                    .copied()
                    .filter(|&id| counts.get(&extend(0, id)).is_some_and(|&c| c >= MIN_UNIT_CONTEXTS))
                    .collect();
                (letter, if common.is_empty() { ids } else { common })
            })
            .collect();
        Model { order, units, by_letter, raw, counts, histories, discounts }
    }

    /// The number of units of history the model looks at, plus one.
    pub fn order(&self) -> usize {
        self.order
    }

    pub(crate) fn unit(&self, id: u16) -> &Unit {
        &self.units[usize::from(id)]
    }

    /// The units that can stand for an Arabic letter.
    pub(crate) fn units_of(&self, letter: char) -> &[u16] {
        self.by_letter.get(&letter).map_or(&[], Vec::as_slice)
    }

    /// Whether the model knows the letter.
    pub(crate) fn knows(&self, letter: char) -> bool {
        self.by_letter.contains_key(&letter)
    }

    /// The key of the history at the start of a name.
    pub(crate) fn start(&self) -> Key {
        (1..self.order).fold(0, |k, _| extend(k, BOUNDARY))
    }

    /// The history after `history` is followed by `unit`.
    pub(crate) fn advance(&self, history: Key, unit: u16) -> Key {
        suffix(extend(history, unit), self.order - 1)
    }

    /// P(unit | history): interpolated Kneser-Ney, down to a uniform
    /// distribution over the units.
    pub(crate) fn probability(&self, history: Key, unit: u16) -> f64 {
        let mut p = 1.0 / self.units.len() as f64;
        for len in 0..self.order {
            let h = suffix(history, len);
            // A history never seen has no longer seen history either.
            let Some(&(total, distinct)) = self.histories.get(&h) else { break };
            let d = self.discounts[len + 1];
            let seen = f64::from(self.counts.get(&extend(h, unit)).copied().unwrap_or(0));
            let total = f64::from(total);
            p = (seen - d).max(0.0) / total + d * f64::from(distinct) / total * p;
        }
        p
    }

    /// The counts of runs of exactly `order` units, sorted (the file's
    /// content).
    fn top_runs(&self) -> Vec<(Vec<u16>, u32)> {
        let mut runs: Vec<(Vec<u16>, u32)> = Vec::new();
        for (&key, &count) in &self.raw {
            let mut units = Vec::with_capacity(self.order);
            let mut k = key;
            while k != 0 {
                units.push((k & 0xFFFF) as u16 - 1);
                k >>= 16;
            }
            if units.len() == self.order {
                units.reverse();
                runs.push((units, count));
            }
        }
        // Shorter runs' counts are sums of these (names are padded with
        // boundaries), so only the longest runs are written.
        runs.sort_unstable();
        runs
    }

    /// The model as text: a header line, one line per unit, one per run.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "nazir-transliteration\t1\torder\t{}", self.order);
        for unit in &self.units[1..] {
            let _ = writeln!(out, "u\t{}\t{}", unit.arabic, unit.english);
        }
        for (run, count) in self.top_runs() {
            out.push_str("n\t");
            for (i, u) in run.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{u}");
            }
            let _ = writeln!(out, "\t{count}");
        }
        out
    }

    /// Reads a model written by [`Model::to_text`], gzip-compressed or not.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let text = crate::text::gunzip_text(bytes).map_err(|e| format!("the model is {e}"))?;
        Self::from_text(&text)
    }

    fn from_text(text: &str) -> Result<Model, String> {
        let mut lines = text.lines().enumerate();
        let order = match lines.next().map(|(_, l)| l.split('\t').collect::<Vec<_>>()) {
            Some(fields) if fields.len() == 4 && fields[0] == "nazir-transliteration" && fields[1] == "1" => {
                fields[3].parse::<usize>().ok().filter(|o| (1..=MAX_ORDER).contains(o))
            }
            _ => None,
        }
        .ok_or("line 1: not a nazir transliteration model (version 1)")?;
        let mut units = vec![Unit { arabic: '\0', english: "".into() }];
        let mut runs = Vec::new();
        for (n, line) in lines {
            let bad = |what: &str| format!("line {}: {what}", n + 1);
            let mut fields = line.split('\t');
            match (fields.next(), fields.next(), fields.next(), fields.next()) {
                (Some("u"), Some(letter), Some(english), None) => {
                    let mut chars = letter.chars();
                    let (Some(arabic), None) = (chars.next(), chars.next()) else {
                        return Err(bad("a unit's Arabic must be one letter"));
                    };
                    if english.len() > MAX_CHUNK || !english.bytes().all(is_model_english) {
                        return Err(bad("a unit's English must be up to 4 lower-case letters"));
                    }
                    if units.len() > usize::from(u16::MAX) - 1 {
                        return Err(bad("too many units"));
                    }
                    units.push(Unit { arabic, english: english.into() });
                }
                (Some("n"), Some(run), Some(count), None) => {
                    let run: Vec<u16> = run
                        .split(' ')
                        .map(|u| u.parse::<u16>().ok().filter(|&u| usize::from(u) < units.len()))
                        .collect::<Option<_>>()
                        .ok_or_else(|| bad("a run names a unit that is not defined above it"))?;
                    if run.len() != order {
                        return Err(bad("a run's length is not the model's order"));
                    }
                    let count = count.parse::<u32>().map_err(|_| bad("a run's count is not a number"))?;
                    runs.push((run, count));
                }
                _ => return Err(bad("expected `u LETTER ENGLISH` or `n UNITS COUNT`")),
            }
        }
        Ok(Model::from_counts(order, units, runs))
    }
}

/// The letters an English chunk may hold.
pub(crate) fn is_model_english(b: u8) -> bool {
    b.is_ascii_lowercase() || b == b'\'' || b == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let units = vec![
            Unit { arabic: '\0', english: "".into() },
            Unit { arabic: 'ب', english: "b".into() },
            Unit { arabic: 'ب', english: "bo".into() },
        ];
        Model::from_counts(2, units, [(vec![0, 1], 3), (vec![1, 0], 3), (vec![0, 2], 1), (vec![2, 0], 1)])
    }

    #[test]
    fn probabilities_sum_to_one_for_every_history() {
        let model = toy();
        for history in [model.start(), model.advance(model.start(), 1), model.advance(model.start(), 2), 12345] {
            let total: f64 = (0..3).map(|u| model.probability(history, u)).sum();
            assert!((total - 1.0).abs() < 1e-9, "{total}");
        }
        // Seen more often, likelier.
        assert!(model.probability(model.start(), 1) > model.probability(model.start(), 2));
    }

    #[test]
    fn text_round_trip_keeps_every_count() {
        let model = toy();
        let again = Model::from_bytes(model.to_text().as_bytes()).unwrap();
        assert_eq!(again.to_text(), model.to_text());
        assert_eq!(again.counts, model.counts);
        assert_eq!(again.raw, model.raw);
        assert_eq!(again.histories, model.histories);
    }

    #[test]
    fn damaged_files_name_the_line() {
        let text = toy().to_text();
        let err = Model::from_bytes(text.replace("n\t0 1\t3", "n\t0 9\t3").as_bytes()).unwrap_err();
        assert!(err.starts_with("line ") && err.contains("not defined"), "{err}");
        assert!(Model::from_bytes(b"hello").unwrap_err().contains("line 1"));
    }
}
