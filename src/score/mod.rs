//! Scoring Arabic–English pairs by a weighted edit distance on keys.
//!
//! Both sides are first turned into phonetic keys ([`crate::romanize`]).
//! The distance between two keys is a Levenshtein distance whose costs
//! depend on the symbols: dropping an English short vowel is cheap (Arabic
//! does not write them), an Arabic long vowel should meet an English vowel,
//! a word boundary costs almost nothing (سوفت بنك = SoftBank), and letters
//! that Arabic media use for one English sound (ج/غ/ق for g) substitute
//! cheaply. Costs are integers in hundredths so that the table is exact and
//! the result deterministic.
//!
//! The score is `1 - distance / max(weight(a), weight(b))`, clamped to
//! `[0, 1]`, where a key's weight is the cost of deleting all of it. It is
//! symmetric because the cost table is.
//!
//! [`index::CandidateIndex`] finds the best candidates for a query without
//! scoring every pair: see there.

pub mod distance;
pub mod index;
pub mod term;
pub mod trie;

pub(crate) use distance::costs;
pub use distance::{EditOp, distance, edit_script, render_script, similarity};
pub use term::score_pair;
