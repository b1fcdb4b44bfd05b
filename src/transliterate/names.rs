//! The name parts nazir knows: single words of foreign names (given names,
//! surnames, the words of company and place names) with the Arabic
//! spellings they were seen with, learned from transliteration pair lists.
//!
//! They serve the guesser twice: an Arabic word spelled exactly as a known
//! spelling has that English, and otherwise the known English words that
//! sound like it (found by the scorer's index, not by comparing every
//! word) compete with the model's own spellings, with a bonus for being a
//! real name.

use std::io::Read as _;

use hashbrown::HashMap;

use crate::normalize::normalize_into;
use crate::score::index::{CandidateIndex, Match, SearchScratch};

/// Known name parts and their spellings.
#[derive(Debug)]
pub struct NameParts {
    /// Each English word as listed (lower case), in file order.
    english: Vec<Box<str>>,
    /// How many listed spellings each English word has.
    spellings: Vec<u32>,
    /// English words by the matching form of an Arabic spelling.
    by_arabic: HashMap<Box<str>, Vec<u32>>,
    index: CandidateIndex,
    /// The pairs as read, for writing the file again.
    pairs: Vec<(Box<str>, u32)>,
}

impl NameParts {
    /// Builds the table from `(arabic, english)` pairs of single words;
    /// pairs with more than one word on either side, or with no Arabic or
    /// Latin letter, are left out, and repeated pairs count once.
    pub fn from_pairs<A: AsRef<str>, E: AsRef<str>>(pairs: impl IntoIterator<Item = (A, E)>) -> NameParts {
        let mut english: Vec<Box<str>> = Vec::new();
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut seen: hashbrown::HashSet<(Box<str>, u32)> = hashbrown::HashSet::new();
        let mut kept = Vec::new();
        for (ar, en) in pairs {
            let (ar, en) = (ar.as_ref().trim(), en.as_ref().trim().to_lowercase());
            let single = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
            if !single(ar)
                || !single(&en)
                || !ar.chars().any(crate::normalize::is_arabic_letter)
                || super::letters::english_letters(&en).is_none_or(|l| l.is_empty())
            {
                continue;
            }
            let id = *ids.entry(en.as_str().into()).or_insert_with(|| {
                english.push(en.as_str().into());
                english.len() as u32 - 1
            });
            if seen.insert((ar.into(), id)) {
                kept.push((Box::<str>::from(ar), id));
            }
        }
        let mut spellings = vec![0u32; english.len()];
        let mut by_arabic: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut norm = String::new();
        for (ar, id) in &kept {
            spellings[*id as usize] += 1;
            norm.clear();
            normalize_into(ar, &mut norm);
            let list = by_arabic.entry(norm.as_str().into()).or_default();
            if !list.contains(id) {
                list.push(*id);
            }
        }
        let index = CandidateIndex::new(&english);
        NameParts { english, spellings, by_arabic, index, pairs: kept }
    }

    /// Reads the table written by [`NameParts::to_text`] (gzip-compressed
    /// or not): one `arabic<TAB>english` pair per line.
    pub fn from_bytes(bytes: &[u8]) -> Result<NameParts, String> {
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(bytes)
                .read_to_string(&mut text)
                .map_err(|e| format!("the name parts are not valid gzip'd UTF-8: {e}"))?;
            text
        } else {
            String::from_utf8(bytes.to_vec()).map_err(|e| format!("the name parts are not UTF-8: {e}"))?
        };
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let Some((ar, en)) = line.split_once('\t') else {
                return Err(format!("line {}: expected ARABIC<TAB>ENGLISH", n + 1));
            };
            pairs.push((ar, en));
        }
        Ok(NameParts::from_pairs(pairs))
    }

    /// The table as text, one pair per line, sorted by English then Arabic.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<(&str, &str)> =
            self.pairs.iter().map(|(ar, id)| (&*self.english[*id as usize], &**ar)).collect();
        lines.sort_unstable();
        let mut out = String::new();
        for (en, ar) in lines {
            out.push_str(ar);
            out.push('\t');
            out.push_str(en);
            out.push('\n');
        }
        out
    }

    /// Number of English words.
    pub fn len(&self) -> usize {
        self.english.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.english.is_empty()
    }

    /// English word `id`, as listed (lower case).
    pub fn english(&self, id: usize) -> &str {
        &self.english[id]
    }

    /// How many Arabic spellings of word `id` are listed.
    pub fn spellings(&self, id: usize) -> u32 {
        self.spellings[id]
    }

    /// The words listed with exactly this Arabic spelling (compared in the
    /// matching form, so hamza seats do not matter).
    pub fn known(&self, arabic: &str, norm: &mut String) -> &[u32] {
        norm.clear();
        normalize_into(arabic, norm);
        self.by_arabic.get(norm.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The `k` words that sound likest the Arabic word by the scorer, with
    /// a score of at least `min_score`.
    pub fn near(&self, arabic: &str, k: usize, min_score: f32, scratch: &mut SearchScratch, out: &mut Vec<Match>) {
        crate::score::term::rank_term(&self.index, arabic, k, crate::score::term::ARTICLE_STRIP_PENALTY, scratch, out);
        out.retain(|m| m.score >= min_score);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_spellings_and_sound_alikes() {
        let parts = NameParts::from_pairs([
            ("بيليغريني", "Pellegrini"),
            ("بيلغريني", "pellegrini"),
            ("مانويل", "manuel"),
            ("فينغر", "wenger"),
            ("جون سميث", "john smith"),
        ]);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.spellings(0), 2);
        let mut norm = String::new();
        assert_eq!(parts.known("بيلغريني", &mut norm), &[0]);
        assert!(parts.known("سميث", &mut norm).is_empty());
        let (mut scratch, mut out) = (SearchScratch::default(), Vec::new());
        parts.near("فنغر", 2, 0.5, &mut scratch, &mut out);
        assert_eq!(parts.english(out[0].term), "wenger");
        let again = NameParts::from_bytes(parts.to_text().as_bytes()).unwrap();
        assert_eq!(again.to_text(), parts.to_text());
        assert!(NameParts::from_bytes(b"x").unwrap_err().starts_with("line 1"));
    }
}
