//! The weighted edit distance between phonetic keys: the cost table of
//! sound classes, the bounded distance that stops as soon as a limit is
//! passed, the bounds the index prunes with (on consonant skeletons, and
//! on counts of sound classes), the similarity in `[0, 1]`, and edit
//! scripts for explanations. See [`crate::score`] for the costs and the
//! score.

use std::sync::OnceLock;

/// Size of the symbol tables (keys are ASCII).
const N: usize = 128;

/// The cost model: substitution and insertion/deletion costs per symbol,
/// plus which symbols are strong (the consonant skeleton of a key).
pub(crate) struct Costs {
    sub: Box<[[u16; N]; N]>,
    indel: [u16; N],
    /// Whether a symbol is "strong": every operation on it except a
    /// substitution by another strong symbol costs at least
    /// [`STRONG_UNIT`]. The others can be absorbed cheaply.
    strong: [bool; N],
    /// For a strong symbol, the cheapest way to get rid of it without
    /// another strong symbol: its deletion, or a substitution by a weak
    /// symbol. The skeleton distance uses it as its deletion cost.
    single: [u16; N],
    /// For a strong symbol, its sound class (below [`SOUND_CLASSES`]):
    /// strong symbols that substitute for each other at less than
    /// [`STRONG_UNIT`], directly or through others. [`NO_CLASS`] for the
    /// rest. See [`SoundClassCounts`].
    class: [u8; N],
}

/// At most this many sound classes ([`Costs`]); the cost table has 20.
const SOUND_CLASSES: usize = 24;
const NO_CLASS: u8 = u8::MAX;

const CONSONANT_INDEL: u16 = 100;
const SHORT_VOWEL_INDEL: u16 = 22;
const LONG_VOWEL_INDEL: u16 = 60;
/// See [`Costs`]: what any operation on a strong symbol, other than its
/// substitution by another strong symbol, costs at least.
const STRONG_UNIT: u16 = 30;

fn build_costs() -> Costs {
    let mut indel = [CONSONANT_INDEL; N];
    for &v in b"aeiou" {
        indel[v as usize] = SHORT_VOWEL_INDEL;
    }
    for &v in b"AUI" {
        indel[v as usize] = LONG_VOWEL_INDEL;
    }
    let set = |t: &mut [u16; N], s: &[u8], v: u16| {
        for &b in s {
            t[b as usize] = v;
        }
    };
    set(&mut indel, b"~", 5);
    set(&mut indel, b"^", 5);
    set(&mut indel, b" ", 5);
    set(&mut indel, b"'", 15);
    set(&mut indel, b"E", 35);
    set(&mut indel, b"`", 40);
    set(&mut indel, b"h", 35);
    set(&mut indel, b"H", 60);
    set(&mut indel, b"wy", 40);
    set(&mut indel, b"c", 20);
    set(&mut indel, b"N", 30);

    let mut sub = Box::new([[0u16; N]; N]);
    // Defaults: two vowels 60, anything else (consonant against consonant or
    // vowel) 100; identical symbols 0.
    for a in 0..N {
        for b in 0..N {
            let (va, vb) = (crate::romanize::is_vowel_symbol(a as u8), crate::romanize::is_vowel_symbol(b as u8));
            sub[a][b] = if a == b {
                0
            } else if va && vb {
                60
            } else {
                100
            };
        }
    }
    let pairs: &[(&[u8], &[u8], u16)] = &[
        // Arabic long vowels against English vowels.
        (b"A", b"a", 0),
        (b"A", b"e", 25),
        (b"A", b"o", 35),
        (b"A", b"u", 35),
        (b"A", b"i", 50),
        (b"U", b"ou", 0),
        (b"U", b"w", 5),
        (b"U", b"f", 40),
        (b"U", b"ae", 50),
        (b"U", b"i", 55),
        (b"I", b"i", 0),
        (b"I", b"e", 8),
        (b"I", b"y", 5),
        (b"I", b"a", 45),
        (b"I", b"ou", 55),
        (b"I", b"~", 20),
        // Word-final ha / ta marbuta reads as a final vowel.
        (b"E", b"e~", 10),
        (b"E", b"a", 40),
        (b"E", b"h", 10),
        (b"E", b"A", 15),
        (b"E", b"i", 45),
        (b"E", b"I", 35),
        (b"E", b"o", 45),
        // Hamza carrier / initial alef takes any vowel; ain is vowel-like.
        (b"'", b"aeiou", 5),
        (b"'", b"AUI", 40),
        (b"'", b"E~", 15),
        (b"`", b"aeiou", 25),
        (b"`", b"'", 10),
        (b"`", b"AUI", 30),
        // Short vowels among themselves (for English-English comparisons).
        (b"a", b"eiou", 40),
        (b"e", b"iou", 40),
        (b"i", b"ou", 40),
        (b"o", b"u", 30),
        (b"~", b"aeiou", 20),
        // The onset of ei: ا where Arabic writes "ai" (شتاين, Stein).
        (b"^", b"A", 20),
        (b"^", b"aeiou~", 20),
        // Glides.
        (b"w", b"u", 20),
        (b"w", b"o", 30),
        (b"y", b"i", 10),
        (b"y", b"e", 30),
        (b"w", b"f", 35),
        // Dentals and sibilants.
        (b"t", b"c", 35),
        (b"t", b"T", 15),
        (b"t", b"d", 60),
        (b"d", b"D", 20),
        (b"T", b"D", 20),
        (b"T", b"s", 25),
        (b"T", b"z", 40),
        (b"D", b"z", 15),
        (b"s", b"Z", 5),
        (b"z", b"Z", 5),
        (b"s", b"z", 35),
        (b"s", b"S", 40),
        (b"S", b"x", 40),
        (b"S", b"j", 50),
        (b"S", b"c", 60),
        (b"K", b"S", 0),
        (b"K", b"k", 30),
        (b"K", b"x", 30),
        (b"K", b"q", 40),
        (b"K", b"j", 50),
        // Emphatics: Arabic media rarely use them for English sounds, so
        // they cost more than their plain counterparts.
        (b"C", b"s", 20),
        (b"C", b"Z", 25),
        (b"C", b"T", 35),
        (b"C", b"S", 50),
        (b"V", b"d", 25),
        (b"V", b"D", 20),
        (b"V", b"z", 40),
        (b"W", b"t", 12),
        (b"W", b"c", 35),
        (b"W", b"T", 25),
        (b"W", b"d", 50),
        (b"Y", b"z", 30),
        (b"Y", b"D", 20),
        (b"Y", b"Z", 35),
        (b"Y", b"d", 40),
        // Velars: j/g/q/k are how Arabic media render g, k and c.
        (b"N", b"g", 0),
        (b"N", b"j", 10),
        (b"N", b"q", 15),
        (b"j", b"G", 5),
        (b"g", b"G", 15),
        (b"q", b"G", 20),
        (b"j", b"g", 10),
        (b"g", b"q", 15),
        (b"j", b"q", 25),
        (b"k", b"q", 10),
        (b"g", b"k", 35),
        (b"k", b"G", 45),
        (b"j", b"k", 50),
        (b"k", b"x", 40),
        (b"x", b"H", 30),
        (b"x", b"h", 40),
        (b"x", b"g", 35),
        // Spanish j and soft g sound as خ, and Arabic media write them so
        // (سيرخيو, Sergio; خافيير, Javier).
        (b"x", b"G", 35),
        (b"x", b"j", 45),
        (b"j", b"y", 40),
        (b"j", b"I", 45),
        (b"j", b"z", 50),
        (b"G", b"z", 50),
        // Glottals.
        (b"H", b"h", 15),
        (b"h", b"'", 50),
        (b"h", b"`", 40),
        (b"H", b"`", 40),
        // Labials and the rest.
        (b"b", b"f", 60),
        (b"b", b"m", 80),
        (b"n", b"m", 70),
        (b"l", b"r", 80),
    ];
    for (xs, ys, c) in pairs {
        for &x in *xs {
            for &y in *ys {
                sub[x as usize][y as usize] = *c;
                sub[y as usize][x as usize] = *c;
            }
        }
    }
    // No substitution may cost more than deleting one symbol and inserting
    // the other.
    for a in 0..N {
        for b in 0..N {
            sub[a][b] = sub[a][b].min(indel[a] + indel[b]);
        }
    }
    let strong = strong_symbols(&sub, &indel, STRONG_UNIT);
    let mut single = [0u16; N];
    for a in 0..N {
        if strong[a] {
            let to_weak = (0..N).filter(|&b| !strong[b] && is_key_symbol(b as u8)).map(|b| sub[a][b]);
            single[a] = to_weak.fold(indel[a], u16::min);
        }
    }
    let class = sound_classes(&sub, &strong, STRONG_UNIT);
    Costs { sub, indel, strong, single, class }
}

/// The classes of strong symbols joined by substitutions cheaper than
/// `unit`, numbered from 0 in symbol order.
fn sound_classes(sub: &[[u16; N]; N], strong: &[bool; N], unit: u16) -> [u8; N] {
    let mut class = [NO_CLASS; N];
    let mut next = 0u8;
    for a in 0..N {
        if !strong[a] || class[a] != NO_CLASS {
            continue;
        }
        // Everything reachable from `a` by cheap substitutions.
        class[a] = next;
        let mut stack = vec![a];
        while let Some(x) = stack.pop() {
            for y in 0..N {
                if strong[y] && class[y] == NO_CLASS && sub[x][y].min(sub[y][x]) < unit {
                    class[y] = next;
                    stack.push(y);
                }
            }
        }
        next += 1;
    }
    assert!(usize::from(next) <= SOUND_CLASSES, "{next} sound classes, room for {SOUND_CLASSES}");
    class
}

/// The symbols for which every operation, except a substitution by another
/// such symbol, costs at least `unit`.
fn strong_symbols(sub: &[[u16; N]; N], indel: &[u16; N], unit: u16) -> [bool; N] {
    let alphabet: Vec<usize> = (0..N).filter(|&b| is_key_symbol(b as u8)).collect();
    let mut strong = [false; N];
    for &b in &alphabet {
        strong[b] = indel[b] >= unit;
    }
    loop {
        let mut changed = false;
        for &a in &alphabet {
            if strong[a] && alphabet.iter().any(|&b| !strong[b] && sub[a][b] < unit) {
                strong[a] = false;
                changed = true;
            }
        }
        if !changed {
            return strong;
        }
    }
}

fn is_key_symbol(b: u8) -> bool {
    crate::romanize::KEY_ALPHABET.contains(&b)
}

/// The shared cost model.
pub(crate) fn costs() -> &'static Costs {
    static COSTS: OnceLock<Costs> = OnceLock::new();
    COSTS.get_or_init(build_costs)
}

impl Costs {
    /// Cost of substituting `a` by `b`.
    #[inline]
    pub fn sub(&self, a: u8, b: u8) -> u16 {
        self.sub[(a & 0x7f) as usize][(b & 0x7f) as usize]
    }

    /// Cost of deleting or inserting `a`.
    #[inline]
    pub(crate) fn indel(&self, a: u8) -> u16 {
        self.indel[(a & 0x7f) as usize]
    }

    /// The cheapest way to remove a strong symbol without another strong
    /// symbol (the skeleton distance's deletion cost).
    #[inline]
    pub fn single(&self, a: u8) -> u16 {
        self.single[(a & 0x7f) as usize]
    }

    /// Substitution costs of `a` against every symbol.
    #[inline]
    pub(crate) fn sub_row(&self, a: u8) -> &[u16; N] {
        &self.sub[(a & 0x7f) as usize]
    }

    /// Cost of deleting the whole key.
    pub(crate) fn weight(&self, key: &[u8]) -> u32 {
        key.iter().map(|&b| u32::from(self.indel(b))).sum()
    }

    /// Appends the strong symbols of `key` (its consonant skeleton) to `out`.
    pub(crate) fn skeleton_into(&self, key: &[u8], out: &mut Vec<u8>) {
        out.extend(key.iter().copied().filter(|&b| self.strong[(b & 0x7f) as usize]));
    }

    /// Appends the sound classes of the strong symbols of `key` (see
    /// [`SoundClassCounts`]), keeping its word boundaries: two spellings
    /// that trade only vowels and sounds of one class (غلاسكو, جلاسجو)
    /// have the same.
    pub(crate) fn class_skeleton_into(&self, key: &[u8], out: &mut Vec<u8>) {
        for &b in key {
            if b == crate::romanize::BOUNDARY {
                out.push(b);
            } else if self.strong[(b & 0x7f) as usize] {
                out.push(self.class[(b & 0x7f) as usize]);
            }
        }
    }

    /// Number of strong (consonant-like) symbols in `key`.
    pub(crate) fn strong_count(&self, key: &[u8]) -> u32 {
        key.iter().filter(|&&b| self.strong[(b & 0x7f) as usize]).count() as u32
    }
}

/// How many strong symbols of each sound class a key has: a bound of the
/// distance of two keys that costs a few additions, for pairs where no
/// trie shares the work (the handful of names one article writes in Latin
/// letters, against each of its spans).
///
/// Every strong symbol of one key that the alignment does not match with
/// a symbol of its own class costs at least [`STRONG_UNIT`]: a deletion,
/// a substitution by a weak symbol, or by a strong symbol of another class
/// (which may settle one surplus symbol of the other key at the same time).
/// So the distance is at least `STRONG_UNIT` times the larger of the two
/// keys' surpluses over the other's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SoundClassCounts([u8; SOUND_CLASSES]);

impl SoundClassCounts {
    pub(crate) fn of(key: &[u8]) -> Self {
        let c = costs();
        let mut counts = [0u8; SOUND_CLASSES];
        for &b in key {
            let class = c.class[(b & 0x7f) as usize];
            if class != NO_CLASS {
                counts[usize::from(class)] = counts[usize::from(class)].saturating_add(1);
            }
        }
        SoundClassCounts(counts)
    }

    /// A lower bound of the distance of the two keys counted.
    pub(crate) fn bound(&self, other: &SoundClassCounts) -> u32 {
        let (mut surplus, mut deficit) = (0u32, 0u32);
        for (&a, &b) in self.0.iter().zip(&other.0) {
            surplus += u32::from(a.saturating_sub(b));
            deficit += u32::from(b.saturating_sub(a));
        }
        surplus.max(deficit) * u32::from(STRONG_UNIT)
    }
}

/// One edit operation, for `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOp {
    /// Same symbol on both sides.
    Keep(u8),
    /// `a` replaced by `b`, with its cost.
    Substitute(u8, u8, u16),
    /// Symbol of the first key not in the second.
    Delete(u8, u16),
    /// Symbol of the second key not in the first.
    Insert(u8, u16),
}

/// Reusable dynamic-programming row for [`distance_with`].
#[derive(Default, Debug, Clone)]
pub(crate) struct Scratch {
    row: Vec<u32>,
}

/// Weighted edit distance between two keys, or `None` when it exceeds
/// `max_cost` (the computation stops as soon as every path does).
pub(crate) fn distance_with(a: &[u8], b: &[u8], max_cost: u32, scratch: &mut Scratch) -> Option<u32> {
    let costs = costs();
    bounded_distance(a, b, max_cost, &mut scratch.row, &costs.sub, &costs.indel)
}

/// A lower bound of [`distance_with`] computed on consonant skeletons
/// ([`Costs::skeleton_into`]): every alignment of two keys maps to an
/// alignment of their skeletons that costs no more when a skeleton symbol
/// is deleted at its [`Costs`] `single` cost. `None` when even the bound
/// exceeds `max_cost`. About a quarter of the work of the full distance.
#[cfg(test)]
pub(crate) fn skeleton_bound_with(
    a_skeleton: &[u8],
    b_skeleton: &[u8],
    max_cost: u32,
    scratch: &mut Scratch,
) -> Option<u32> {
    let costs = costs();
    bounded_distance(a_skeleton, b_skeleton, max_cost, &mut scratch.row, &costs.sub, &costs.single)
}

fn bounded_distance(
    a: &[u8],
    b: &[u8],
    max_cost: u32,
    row: &mut Vec<u32>,
    sub: &[[u16; N]; N],
    indel: &[u16; N],
) -> Option<u32> {
    // No common prefix or suffix is trimmed: with these costs matching an
    // equal symbol is not always optimal (j b against G j b costs less as
    // j→G, +j, b=b than as +G, j=j, b=b).
    let weight = |k: &[u8]| k.iter().map(|&x| u32::from(indel[(x & 0x7f) as usize])).sum::<u32>();
    if a.is_empty() || b.is_empty() {
        let d = weight(a) + weight(b);
        return (d <= max_cost).then_some(d);
    }
    row.clear();
    row.push(0);
    let mut acc = 0u32;
    for &y in b {
        acc += u32::from(indel[(y & 0x7f) as usize]);
        row.push(acc);
    }
    for &x in a {
        let x = (x & 0x7f) as usize;
        let del = u32::from(indel[x]);
        let sub_row = &sub[x];
        let mut diag = row[0];
        row[0] += del;
        let mut left = row[0];
        let mut row_min = left;
        for (cell, &y) in row[1..].iter_mut().zip(b) {
            let y = (y & 0x7f) as usize;
            let up = *cell;
            let v = (diag + u32::from(sub_row[y])).min(up + del).min(left + u32::from(indel[y]));
            diag = up;
            *cell = v;
            left = v;
            row_min = row_min.min(v);
        }
        if row_min > max_cost {
            return None;
        }
    }
    let d = row[b.len()];
    (d <= max_cost).then_some(d)
}

/// Weighted edit distance between two keys.
pub fn distance(a: &[u8], b: &[u8]) -> u32 {
    distance_with(a, b, u32::MAX, &mut Scratch::default()).unwrap_or(u32::MAX)
}

/// Turns a distance into a similarity given both weights.
#[inline]
pub(crate) fn similarity_from(distance: u32, weight_a: u32, weight_b: u32) -> f32 {
    let denom = weight_a.max(weight_b).max(1);
    (1.0 - distance as f32 / denom as f32).clamp(0.0, 1.0)
}

/// The largest distance that still reaches `min_score`.
#[inline]
pub(crate) fn max_cost_for(min_score: f32, weight_a: u32, weight_b: u32) -> u32 {
    max_cost_with(slack_for(min_score), weight_a, weight_b)
}

/// What [`max_cost_for`] needs of `min_score`, for callers that ask it
/// of many weights: `1 - min_score`, or `None` when any distance will do.
#[inline]
pub(crate) fn slack_for(min_score: f32) -> Option<f32> {
    (min_score > 0.0).then(|| 1.0 - min_score.clamp(0.0, 1.0))
}

/// [`max_cost_for`] of a [`slack_for`].
#[inline]
pub(crate) fn max_cost_with(slack: Option<f32>, weight_a: u32, weight_b: u32) -> u32 {
    match slack {
        None => u32::MAX,
        // Truncation is the floor here (the value is never negative).
        Some(slack) => (slack * weight_a.max(weight_b).max(1) as f32 + 1e-3) as u32,
    }
}

/// Similarity of two keys in `[0, 1]`.
pub fn similarity(a: &[u8], b: &[u8]) -> f32 {
    let c = costs();
    similarity_from(distance(a, b), c.weight(a), c.weight(b))
}

/// The cheapest edit script from `a` to `b`, for explanations.
pub fn edit_script(a: &[u8], b: &[u8]) -> Vec<EditOp> {
    let costs = costs();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0u32; m + 1]; n + 1];
    for i in 1..=n {
        d[i][0] = d[i - 1][0] + u32::from(costs.indel(a[i - 1]));
    }
    for j in 1..=m {
        d[0][j] = d[0][j - 1] + u32::from(costs.indel(b[j - 1]));
    }
    for i in 1..=n {
        for j in 1..=m {
            d[i][j] = (d[i - 1][j - 1] + u32::from(costs.sub(a[i - 1], b[j - 1])))
                .min(d[i - 1][j] + u32::from(costs.indel(a[i - 1])))
                .min(d[i][j - 1] + u32::from(costs.indel(b[j - 1])));
        }
    }
    let (mut i, mut j) = (n, m);
    let mut ops = Vec::new();
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + u32::from(costs.sub(a[i - 1], b[j - 1])) {
            let c = costs.sub(a[i - 1], b[j - 1]);
            ops.push(if a[i - 1] == b[j - 1] {
                EditOp::Keep(a[i - 1])
            } else {
                EditOp::Substitute(a[i - 1], b[j - 1], c)
            });
            i -= 1;
            j -= 1;
        } else if i > 0 && d[i][j] == d[i - 1][j] + u32::from(costs.indel(a[i - 1])) {
            ops.push(EditOp::Delete(a[i - 1], costs.indel(a[i - 1])));
            i -= 1;
        } else {
            ops.push(EditOp::Insert(b[j - 1], costs.indel(b[j - 1])));
            j -= 1;
        }
    }
    ops.reverse();
    ops
}

/// Renders an edit script compactly: `=x` keep, `a>b` substitute, `-a`
/// delete, `+b` insert; costs in hundredths after a colon.
pub fn render_script(ops: &[EditOp]) -> String {
    let mut out = String::new();
    for op in ops {
        if !out.is_empty() {
            out.push(' ');
        }
        let sym = |b: u8| if b == b' ' { '_' } else { b as char };
        match *op {
            EditOp::Keep(x) => {
                out.push('=');
                out.push(sym(x));
            }
            EditOp::Substitute(x, y, c) => out.push_str(&format!("{}>{}:{}", sym(x), sym(y), c)),
            EditOp::Delete(x, c) => out.push_str(&format!("-{}:{}", sym(x), c)),
            EditOp::Insert(y, c) => out.push_str(&format!("+{}:{}", sym(y), c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::romanize::{arabic_key, english_key};

    #[test]
    fn scores_are_symmetric() {
        let words = ["جوجل", "غوغل", "زوكربيرج", "سي إن إن", "أوراكل"];
        let en = ["Google", "Zuckerberg", "CNN", "Oracle", "Orkla"];
        for a in words {
            for b in en {
                let (x, y) = (arabic_key(a), english_key(b));
                assert_eq!(distance(&x, &y), distance(&y, &x), "{a} {b}");
                assert_eq!(similarity(&x, &y), similarity(&y, &x));
            }
        }
    }

    #[test]
    fn cutoff_agrees_with_full_distance() {
        let mut s = Scratch::default();
        let pairs = [("زوكربيرغ", "Zuckerberg"), ("ميتا", "Meta Platforms"), ("سوفت بنك", "SoftBank")];
        for (a, b) in pairs {
            let (x, y) = (arabic_key(a), english_key(b));
            let d = distance(&x, &y);
            assert_eq!(distance_with(&x, &y, d, &mut s), Some(d));
            if d > 0 {
                assert_eq!(distance_with(&x, &y, d - 1, &mut s), None);
            }
        }
    }

    #[test]
    fn name_consonants_are_strong() {
        // The consonants that carry a name must stay strong, or the
        // skeleton bound (and the index) would prune nothing.
        let c = costs();
        assert!(b"bfmtdlnrsSjgkq".iter().all(|&b| c.strong[b as usize]));
        assert!(b"aeiouAUI ~'".iter().all(|&b| !c.strong[b as usize]));
    }

    #[test]
    fn bounds_hold_on_random_keys() {
        // Random keys over the whole alphabet, so that every cheap pair of
        // the cost table is exercised.
        let c = costs();
        let alphabet = crate::romanize::KEY_ALPHABET;
        let mut rng = crate::sample::SplitMix64(7);
        let mut key = |len: usize| -> Vec<u8> {
            (0..len).map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize]).collect()
        };
        let mut s = Scratch::default();
        for round in 0..3000 {
            let (x, y) = (key(1 + round % 9), key(1 + (round / 9) % 11));
            let d = distance(&x, &y);
            let (mut sx, mut sy) = (Vec::new(), Vec::new());
            c.skeleton_into(&x, &mut sx);
            c.skeleton_into(&y, &mut sy);
            assert!(skeleton_bound_with(&sx, &sy, u32::MAX, &mut s).unwrap() <= d, "{x:?} {y:?}");
            assert!(SoundClassCounts::of(&x).bound(&SoundClassCounts::of(&y)) <= d, "{x:?} {y:?}");
        }
    }

    #[test]
    fn sound_classes_part_only_costly_substitutions() {
        // What SoundClassCounts::bound rests on: a strong symbol leaves its
        // class (or the strong symbols) only at STRONG_UNIT or more.
        let c = costs();
        let alphabet = crate::romanize::KEY_ALPHABET;
        for &a in alphabet.iter().filter(|&&a| c.strong[a as usize]) {
            assert!(c.single(a) >= STRONG_UNIT, "{}", a as char);
            for &b in alphabet {
                if c.class[a as usize] != c.class[b as usize] {
                    assert!(c.sub(a, b) >= STRONG_UNIT, "{} {}", a as char, b as char);
                }
            }
        }
        // Classes join what news spellings trade: g/j/q/k, s/z/t/d, but
        // not b and f.
        let same = |a: u8, b: u8| c.class[a as usize] == c.class[b as usize];
        assert!(same(b'g', b'j') && same(b'q', b'k') && same(b's', b'z') && same(b't', b'd'));
        assert!(!same(b'b', b'f') && !same(b'l', b'r'));
    }

    #[test]
    fn equal_affixes_are_not_forced_together() {
        // jb against Gjb: substituting j→G and inserting j (5 + 100) beats
        // inserting G (100) only in the skeleton's cheaper deletion costs;
        // both distances must come from the full dynamic program.
        let mut s = Scratch::default();
        let d = distance(b"jIb", b"Gijb");
        assert_eq!(d, 72);
        assert!(skeleton_bound_with(b"jb", b"Gjb", u32::MAX, &mut s).unwrap() <= d);
    }

    #[test]
    fn skeleton_bound_never_exceeds_distance() {
        let c = costs();
        let mut s = Scratch::default();
        let ar = ["جوجل", "مارك زوكربيرج", "سي إن إن", "خيلمان", "بيتشاي", "وول ستريت", "قوام"];
        let en = ["Google", "Mark Zuckerberg", "CNN", "Gelman", "Pichai", "Wall Street", "Orkla", "X", "Qavam"];
        for a in ar {
            for b in en {
                let (x, y) = (arabic_key(a), english_key(b));
                let (mut sx, mut sy) = (Vec::new(), Vec::new());
                c.skeleton_into(&x, &mut sx);
                c.skeleton_into(&y, &mut sy);
                let bound = skeleton_bound_with(&sx, &sy, u32::MAX, &mut s).unwrap();
                assert!(bound <= distance(&x, &y), "{a} {b}: {bound} > {}", distance(&x, &y));
            }
        }
    }

    #[test]
    fn edit_script_costs_add_up() {
        let (x, y) = (arabic_key("زوكربيرج"), english_key("Zuckerberg"));
        let ops = edit_script(&x, &y);
        let total: u32 = ops
            .iter()
            .map(|op| match *op {
                EditOp::Keep(_) => 0,
                EditOp::Substitute(_, _, c) | EditOp::Delete(_, c) | EditOp::Insert(_, c) => u32::from(c),
            })
            .sum();
        assert_eq!(total, distance(&x, &y));
        assert!(!render_script(&ops).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn distance_is_symmetric_and_the_score_in_range(a in crate::testutil::key(24), b in crate::testutil::key(24)) {
            let d = distance(&a, &b);
            proptest::prop_assert_eq!(d, distance(&b, &a));
            let s = similarity(&a, &b);
            proptest::prop_assert!((0.0..=1.0).contains(&s), "{}", s);
            proptest::prop_assert_eq!(s, similarity(&b, &a));
            proptest::prop_assert_eq!(similarity(&a, &a), 1.0);
        }

        #[test]
        fn the_cut_off_distance_is_the_full_distance_below_the_cut_off(
            a in crate::testutil::key(20),
            b in crate::testutil::key(20),
            limit in 0u32..800,
        ) {
            let mut s = Scratch::default();
            let d = distance(&a, &b);
            let expected = (d <= limit).then_some(d);
            proptest::prop_assert_eq!(distance_with(&a, &b, limit, &mut s), expected);
            // The skeleton bound, a lower bound, never exceeds the distance.
            let c = costs();
            let (mut sa, mut sb) = (Vec::new(), Vec::new());
            c.skeleton_into(&a, &mut sa);
            c.skeleton_into(&b, &mut sb);
            if let Some(bound) = skeleton_bound_with(&sa, &sb, limit, &mut s) {
                proptest::prop_assert!(bound <= d, "bound {} > distance {}", bound, d);
            }
            let classes = SoundClassCounts::of(&a).bound(&SoundClassCounts::of(&b));
            proptest::prop_assert!(classes <= d, "sound-class bound {} > distance {}", classes, d);
        }
    }
}
