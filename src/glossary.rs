//! The glossary: all Arabic renderings of one English term in one entry.
//!
//! Occurrences from the aligner are folded per English term. Each distinct
//! rendering (its display form) is counted; the most frequent is the
//! preferred form (ties: the one seen first) and the others are variants,
//! most frequent first. A name written in Latin letters inside the Arabic
//! text is a rendering like any other, so `DeepSeek` and `ديبسيك` end up in
//! one entry. The entry also keeps the best score, the number of articles,
//! and up to three places where the term was seen (a context snippet and
//! `article-id:line` each).
//!
//! The same model carries a reviewer's decisions, so that a glossary can
//! make the round trip through review sheets and merges without losing
//! anything: every entry has a stable [`entry_id`] derived from its
//! normalized English term, a review [`EntryStatus`], a note, English
//! variants, a [`TermStatus`] per Arabic rendering, and the cells of any
//! column nazir does not know (kept as they are).

use crate::align::{Method, Occurrence};
use crate::candidates::CandidateSet;
use crate::tokenize::{line_of, line_starts};
use std::collections::HashMap;

/// Longest context snippet, in characters.
pub const CONTEXT_CHARS: usize = 120;

/// Most context snippets kept per entry.
pub const MAX_CONTEXTS: usize = 3;

/// The review status of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum EntryStatus {
    /// Proposed by nazir, not reviewed yet (an empty cell reads as this).
    #[default]
    Candidate,
    /// Accepted by a reviewer.
    Approved,
    /// The pair is wrong: never suggest it again.
    Rejected,
    /// The term must not be used.
    Forbidden,
}

impl EntryStatus {
    /// Every status, in the order of the review drop-down.
    pub const ALL: [EntryStatus; 4] =
        [EntryStatus::Candidate, EntryStatus::Approved, EntryStatus::Rejected, EntryStatus::Forbidden];

    /// The word used in sheets.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Candidate => "candidate",
            EntryStatus::Approved => "approved",
            EntryStatus::Rejected => "rejected",
            EntryStatus::Forbidden => "forbidden",
        }
    }

    /// Reads a sheet cell (case and surrounding space ignored; empty is
    /// `candidate`).
    pub fn parse(cell: &str) -> Option<Self> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Some(EntryStatus::Candidate);
        }
        Self::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(cell))
    }
}

/// The status of one Arabic rendering of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum TermStatus {
    /// The rendering to use.
    Preferred,
    /// An acceptable alternative (the default for variants).
    #[default]
    Admitted,
    /// A rendering that must not be used.
    Forbidden,
}

impl TermStatus {
    /// Every status, in the order of the review drop-down.
    pub const ALL: [TermStatus; 3] = [TermStatus::Preferred, TermStatus::Admitted, TermStatus::Forbidden];

    /// The word used in sheets.
    pub fn as_str(self) -> &'static str {
        match self {
            TermStatus::Preferred => "preferred",
            TermStatus::Admitted => "admitted",
            TermStatus::Forbidden => "forbidden",
        }
    }

    /// Reads a sheet cell (case and surrounding space ignored).
    pub fn parse(cell: &str) -> Option<Self> {
        let cell = cell.trim();
        Self::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(cell))
    }
}

/// The stable id of the entry for an English term: `n` followed by 12 hex
/// digits of a 64-bit FNV-1a hash of the term's folded form (letters and
/// digits, lowercased, accents removed), so re-sorting, filtering or
/// re-running never changes it and `OpenAI` and `Openai` share it.
pub fn entry_id(en: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in crate::candidates::fold_key(en).bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("n{:012x}", hash >> 16)
}

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
    /// Its review status.
    pub status: TermStatus,
    first_seen: usize,
}

impl Rendering {
    /// A rendering read back from a sheet (no batch position).
    pub fn new(form: &str, count: usize, method: Method, score: f32, status: TermStatus) -> Self {
        Rendering { form: form.to_string(), count, method, score, status, first_seen: usize::MAX }
    }
}

/// A place where a term was seen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    /// At most [`CONTEXT_CHARS`] characters around the term.
    pub text: String,
    /// `article-id:line`.
    pub source: String,
}

/// One glossary entry (a concept).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable id, see [`entry_id`].
    pub id: String,
    /// English term.
    pub en: String,
    /// Other English spellings of the same concept.
    pub en_variants: Vec<String>,
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
    /// Up to [`MAX_CONTEXTS`] places where it was seen, first seen first.
    pub contexts: Vec<Context>,
    /// A reviewer's note.
    pub note: String,
    /// Review status.
    pub status: EntryStatus,
    /// Cells of columns nazir does not know, by column name, kept so that
    /// a round trip through a sheet loses nothing.
    pub extra: Vec<(String, String)>,
    /// Association with the English in parallel text, when the batch had
    /// any ([`crate::associate`]).
    pub association: Option<crate::associate::Association>,
    last_doc: usize,
}

impl Entry {
    /// A new candidate entry for `en` with one rendering.
    pub fn new(en: &str, preferred: Rendering) -> Self {
        Entry {
            id: entry_id(en),
            en: en.to_string(),
            en_variants: Vec::new(),
            score: preferred.score,
            count: preferred.count,
            renderings: vec![preferred],
            docs: 0,
            kind: String::new(),
            contexts: Vec::new(),
            note: String::new(),
            status: EntryStatus::Candidate,
            extra: Vec::new(),
            association: None,
            last_doc: 0,
        }
    }

    /// The first context snippet (empty when none).
    pub fn context(&self) -> &str {
        self.contexts.first().map_or("", |c| c.text.as_str())
    }

    /// Where the term was first seen (empty when unknown).
    pub fn source(&self) -> &str {
        self.contexts.first().map_or("", |c| c.source.as_str())
    }

    /// Makes `form` the preferred rendering (adding it when new) and the
    /// former preferred one admitted.
    pub fn set_preferred(&mut self, form: &str) {
        let pos = match self.renderings.iter().position(|r| r.form == form) {
            Some(p) => p,
            None => {
                self.renderings.push(Rendering::new(
                    form,
                    0,
                    Method::Transliteration,
                    self.score,
                    TermStatus::Admitted,
                ));
                self.renderings.len() - 1
            }
        };
        for r in &mut self.renderings {
            if r.status == TermStatus::Preferred {
                r.status = TermStatus::Admitted;
            }
        }
        let mut chosen = self.renderings.remove(pos);
        chosen.status = TermStatus::Preferred;
        self.renderings.insert(0, chosen);
    }

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
                    let cand = &candidates.terms()[occ.term];
                    self.entries.push(Entry {
                        id: entry_id(&cand.en),
                        en: cand.en.clone(),
                        en_variants: Vec::new(),
                        renderings: Vec::new(),
                        score: 0.0,
                        count: 0,
                        docs: 0,
                        kind: cand.kind.clone(),
                        contexts: Vec::new(),
                        note: String::new(),
                        status: EntryStatus::Candidate,
                        extra: Vec::new(),
                        association: None,
                        last_doc: 0,
                    });
                    self.by_term.insert(occ.term, self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            let e = &mut self.entries[idx];
            // One context per article, the first few articles.
            if e.last_doc != doc && e.contexts.len() < MAX_CONTEXTS {
                let starts = starts.get_or_insert_with(|| line_starts(text));
                e.contexts.push(Context {
                    text: context_snippet(text, occ.start, occ.end),
                    source: format!("{id}:{}", line_of(starts, occ.start)),
                });
            }
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
                    status: TermStatus::Admitted,
                    first_seen: self.seen,
                }),
            }
        }
    }

    /// The (matching form, English) pairs decided so far, one per
    /// rendering, for the association pass.
    pub fn decided_pairs(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .flat_map(|e| e.renderings.iter().map(move |r| (crate::normalize::normalize(&r.form), e.en.clone())))
            .collect()
    }

    /// Records the association figures of a decided pair on its entry.
    pub fn set_association(&mut self, term: usize, association: crate::associate::Association) {
        if let Some(&i) = self.by_term.get(&term) {
            self.entries[i].association = Some(association);
        }
    }

    /// Adds a pair found from parallel text ([`crate::associate::Link`]) as
    /// a rendering of candidate `term`: counted once per unit it occurs in.
    pub fn add_link(&mut self, term: usize, link: &crate::associate::Link, method: Method, candidates: &CandidateSet) {
        let cand = &candidates.terms()[term];
        let idx = match self.by_term.get(&term) {
            Some(&i) => i,
            None => {
                let mut e = Entry::new(&cand.en, Rendering::new(&link.display, 0, method, 0.0, TermStatus::Admitted));
                e.renderings.clear();
                e.kind = cand.kind.clone();
                self.entries.push(e);
                self.by_term.insert(term, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        let score = if method == Method::Translation { link.association.dice } else { link.transliteration };
        self.seen += 1;
        let e = &mut self.entries[idx];
        let units = link.arabic_units as usize;
        e.count += units;
        e.docs += units;
        e.score = e.score.max(score);
        e.association = Some(link.association);
        if e.contexts.len() < MAX_CONTEXTS {
            e.contexts.push(Context { text: link.context.clone(), source: link.source.clone() });
        }
        e.renderings.push(Rendering {
            form: link.display.clone(),
            count: units,
            method,
            score,
            status: TermStatus::Admitted,
            first_seen: self.seen,
        });
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
                e.renderings[0].status = TermStatus::Preferred;
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
        assert_eq!(g.entries[0].source(), "a.txt:1");
        assert_eq!(g.entries[0].contexts.len(), 2, "one context per article");
        assert_eq!(g.entries[0].preferred().status, TermStatus::Preferred);
        assert_eq!(g.entries[0].renderings[1].status, TermStatus::Admitted);
        assert_eq!(g.entries[0].id, entry_id("deepseek"));
        assert_eq!(g.entries[1].preferred().form, "غوغل");
        let filtered = GlossaryBuilder::new().finish(GlossaryFilter { min_score: 0.95, min_count: 1 });
        assert!(filtered.entries.is_empty());
    }

    #[test]
    fn ids_are_stable_and_statuses_read_back() {
        assert_eq!(entry_id("OpenAI"), entry_id("Open AI"));
        assert_ne!(entry_id("Google"), entry_id("Gogoro"));
        // Pinned: a changed id would orphan every reviewed sheet.
        assert_eq!(entry_id("Google"), "ne75b7c725d23");
        assert_eq!(EntryStatus::parse(" Approved "), Some(EntryStatus::Approved));
        assert_eq!(EntryStatus::parse(""), Some(EntryStatus::Candidate));
        assert_eq!(EntryStatus::parse("maybe"), None);
        assert_eq!(TermStatus::parse("FORBIDDEN"), Some(TermStatus::Forbidden));
        let mut e = Entry::new("Google", Rendering::new("جوجل", 3, Method::Gazetteer, 1.0, TermStatus::Preferred));
        e.set_preferred("غوغل");
        assert_eq!(e.preferred().form, "غوغل");
        assert_eq!(e.renderings[1].status, TermStatus::Admitted);
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
