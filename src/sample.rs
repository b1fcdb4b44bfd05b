//! Seeded randomness: a small deterministic generator and samples drawn
//! with it, so that evaluation samples, generated benchmark batches and
//! randomized tests are the same on every machine and every run.

/// A small deterministic generator (SplitMix64) for seeded samples.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A seeded sample of `n` items (Fisher–Yates on indices), in sample order.
pub fn sample<T: Clone>(items: &[T], n: usize, seed: u64) -> Vec<T> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut rng = SplitMix64(seed);
    let n = n.min(items.len());
    for i in 0..n {
        let j = i + (rng.next_u64() % (items.len() - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx[..n].iter().map(|&i| items[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_seeded_and_distinct() {
        let items: Vec<usize> = (0..100).collect();
        let a = sample(&items, 10, 7);
        assert_eq!(a, sample(&items, 10, 7));
        assert_ne!(a, sample(&items, 10, 8));
        let mut s = a.clone();
        s.sort();
        s.dedup();
        assert_eq!(s.len(), 10);
    }
}
