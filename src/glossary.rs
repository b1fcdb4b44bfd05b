//! The glossary: all Arabic renderings of one English term in one entry.
//!
//! Occurrences from the aligner are folded per English term. Each distinct
//! rendering (its display form) is counted; the most frequent is the
//! preferred form (ties: the one seen first) and the others are variants,
//! most frequent first. A name written in Latin letters inside the Arabic
//! text is a rendering like any other, so `DeepSeek` and `ديبسيك` end up in
//! one entry. The entry also keeps the best score, the number of articles,
//! and where the term was first seen (a context snippet and
//! `article-id:line`).

use crate::align::{Method, Occurrence};
use crate::candidates::CandidateSet;
use crate::tokenize::{line_of, line_starts};
use std::collections::HashMap;

/// Longest context snippet, in characters.
pub const CONTEXT_CHARS: usize = 120;

/// One spelling of a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendering {
    /// The spelling as written (no clitics, marks or tatweel).
    pub form: String,
    /// Occurrences in the batch.
    pub count: usize,
    /// How it was aligned (the best method seen for it).
    pub method: Method,
    /// Best alignment score seen for it.
    pub score: f32,
    first_seen: usize,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// English term.
    pub en: String,
    /// Renderings, preferred first, then by count (desc) and first sight.
    pub renderings: Vec<Rendering>,
    /// Best alignment score over all renderings.
    pub score: f32,
    /// Occurrences in the batch.
    pub count: usize,
    /// Number of articles it occurs in.
    pub docs: usize,
    /// Entity kind, when known.
    pub kind: String,
    /// Text around the first occurrence.
    pub context: String,
    /// `article-id:line` of the first occurrence.
    pub source: String,
    last_doc: usize,
}

impl Entry {
    /// The preferred rendering.
    pub fn preferred(&self) -> &Rendering {
        &self.renderings[0]
    }

    /// The method of the preferred rendering.
    pub fn method(&self) -> Method {
        self.preferred().method
    }

    /// The other renderings, most frequent first.
    pub fn variants(&self) -> impl Iterator<Item = &Rendering> {
        self.renderings[1..].iter()
    }
}

/// A finished glossary, rows in output order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// The entries.
    pub entries: Vec<Entry>,
}

/// Filters applied when a glossary is finished.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlossaryFilter {
    /// Entries whose best score is below this are dropped.
    pub min_score: f32,
    /// Entries seen fewer times are dropped.
    pub min_count: usize,
}

impl Default for GlossaryFilter {
    fn default() -> Self {
        GlossaryFilter { min_score: 0.0, min_count: 1 }
    }
}

/// Collects occurrences article by article.
#[derive(Debug, Default)]
pub struct GlossaryBuilder {
    entries: Vec<Entry>,
    by_term: HashMap<usize, usize>,
    seen: usize,
    docs: usize,
}

impl GlossaryBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the occurrences of one article (`text` is its Arabic text).
    pub fn add_article(&mut self, id: &str, text: &str, occurrences: &[Occurrence], candidates: &CandidateSet) {
        self.docs += 1;
        let doc = self.docs;
        let mut starts: Option<Vec<usize>> = None;
        for occ in occurrences {
            self.seen += 1;
            let idx = match self.by_term.get(&occ.term) {
                Some(&i) => i,
                None => {
                    let starts = starts.get_or_insert_with(|| line_starts(text));
                    let cand = &candidates.terms()[occ.term];
                    self.entries.push(Entry {
                        en: cand.en.clone(),
                        renderings: Vec::new(),
                        score: 0.0,
                        count: 0,
                        docs: 0,
                        kind: cand.kind.clone(),
                        context: context_snippet(text, occ.start, occ.end),
                        source: format!("{id}:{}", line_of(starts, occ.start)),
                        last_doc: 0,
                    });
                    self.by_term.insert(occ.term, self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            let e = &mut self.entries[idx];
            e.count += 1;
            e.score = e.score.max(occ.score);
            if e.last_doc != doc {
                e.docs += 1;
                e.last_doc = doc;
            }
            match e.renderings.iter_mut().find(|r| r.form == occ.surface) {
                Some(r) => {
                    r.count += 1;
                    r.score = r.score.max(occ.score);
                    r.method = r.method.min(occ.method);
                }
                None => e.renderings.push(Rendering {
                    form: occ.surface.clone(),
                    count: 1,
                    method: occ.method,
                    score: occ.score,
                    first_seen: self.seen,
                }),
            }
        }
    }

    /// Orders renderings and entries and applies the filter. Rows are
    /// sorted by count (desc), then English term.
    pub fn finish(self, filter: GlossaryFilter) -> Glossary {
        let mut entries: Vec<Entry> = self
            .entries
            .into_iter()
            .filter(|e| e.count >= filter.min_count && e.score + 1e-6 >= filter.min_score)
            .map(|mut e| {
                e.renderings.sort_by(|a, b| b.count.cmp(&a.count).then(a.first_seen.cmp(&b.first_seen)));
                e
            })
            .collect();
        entries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.en.cmp(&b.en)));
        Glossary { entries }
    }
}

/// At most [`CONTEXT_CHARS`] characters of the line around `start..end`,
/// cut at word boundaries, with `…` where the line goes on.
pub fn context_snippet(text: &str, start: usize, end: usize) -> String {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    let (s, e) = (start - line_start, end - line_start);
    let total = line.chars().count();
    if total <= CONTEXT_CHARS {
        return line.trim().to_string();
    }
    let name_chars = line[s..e].chars().count();
    let budget = CONTEXT_CHARS.saturating_sub(name_chars + 2);
    let before: Vec<char> = line[..s].chars().collect();
    let after: Vec<char> = line[e..].chars().collect();
    let mut take_before = (budget / 2).min(before.len());
    let take_after = (budget - take_before).min(after.len());
    take_before = (budget - take_after).min(before.len());
    let mut left: String = before[before.len() - take_before..].iter().collect();
    let mut right: String = after[..take_after].iter().collect();
    if take_before < before.len() {
        if let Some(i) = left.find(char::is_whitespace) {
            left = left[i..].to_string();
        }
        left = format!("…{}", left.trim_start());
    }
    if take_after < after.len() {
        if let Some(i) = right.rfind(char::is_whitespace) {
            right.truncate(i);
        }
        right.push('…');
    }
    format!("{left}{}{right}", &line[s..e]).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(term: usize, surface: &str, method: Method, start: usize) -> Occurrence {
        Occurrence { term, surface: surface.into(), method, score: 0.9, start, end: start + surface.len() }
    }

    #[test]
    fn renderings_group_under_one_term() {
        let mut c = CandidateSet::new();
        c.add("DeepSeek", |o| o.latin = true);
        c.add("Google", |o| o.list = true);
        let mut b = GlossaryBuilder::new();
        let text = "DeepSeek و ديبسيك و DeepSeek\nجوجل";
        b.add_article(
            "a.txt",
            text,
            &[occ(0, "DeepSeek", Method::Latin, 0), occ(0, "ديبسيك", Method::Transliteration, 12)],
            &c,
        );
        b.add_article(
            "b.txt",
            "غوغل غوغل جوجل",
            &[
                occ(1, "غوغل", Method::Transliteration, 0),
                occ(1, "غوغل", Method::Transliteration, 9),
                occ(1, "جوجل", Method::Transliteration, 18),
            ],
            &c,
        );
        b.add_article("c.txt", "DeepSeek", &[occ(0, "DeepSeek", Method::Latin, 0)], &c);
        let g = b.finish(GlossaryFilter::default());
        assert_eq!(g.entries[0].en, "DeepSeek");
        assert_eq!(g.entries[0].preferred().form, "DeepSeek");
        assert_eq!(g.entries[0].variants().map(|r| r.form.as_str()).collect::<Vec<_>>(), vec!["ديبسيك"]);
        assert_eq!((g.entries[0].count, g.entries[0].docs), (3, 2));
        assert_eq!(g.entries[0].source, "a.txt:1");
        assert_eq!(g.entries[1].preferred().form, "غوغل");
        let filtered = GlossaryBuilder::new().finish(GlossaryFilter { min_score: 0.95, min_count: 1 });
        assert!(filtered.entries.is_empty());
    }

    #[test]
    fn context_is_short_and_keeps_the_name() {
        let long = format!("{} جوجل {}", "كلمة ".repeat(60), "أخرى ".repeat(60));
        let start = long.find("جوجل").unwrap();
        let ctx = context_snippet(&long, start, start + "جوجل".len());
        assert!(ctx.chars().count() <= CONTEXT_CHARS, "{}", ctx.chars().count());
        assert!(ctx.contains("جوجل") && ctx.starts_with('…') && ctx.ends_with('…'));
        let text = "سطر\nقال جوجل\nآخر";
        let at = text.find("جوجل").unwrap();
        assert_eq!(context_snippet(text, at, at + "جوجل".len()), "قال جوجل");
    }
}
