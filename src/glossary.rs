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
//! "First" means first in batch order, and batch order is defined by
//! [`ArticleKey`] (input file, then position in the file), not by the order
//! articles happen to be processed in: the renderings' tie-break and the
//! kept contexts depend only on those keys. That is what lets the
//! statistics of several shards of a batch be merged
//! ([`GlossaryBuilder::merge`]) into exactly the glossary of one run.
//!
//! The same model carries a reviewer's decisions, so that a glossary can
//! make the round trip through review sheets and merges without losing
//! anything: every entry has a stable [`entry_id`] derived from its
//! normalized English term, a review [`EntryStatus`], a note, English
//! variants, a [`TermStatus`] per Arabic rendering, and the cells of any
//! column nazir does not know (kept as they are).

use crate::align::{Method, Occurrence};
use crate::candidates::CandidateSet;
use crate::corpus::{ArticleKey, Place, context_snippet};
use crate::tokenize::{line_of, line_starts};
use hashbrown::HashMap;

/// Most context snippets kept per entry.
pub(crate) const MAX_CONTEXTS: usize = 3;

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
    /// Rank of its first sight among the entry's renderings (`usize::MAX`
    /// when read back from a sheet).
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
    /// At most `crate::corpus::CONTEXT_CHARS` characters around the term.
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
    /// Up to `MAX_CONTEXTS` places where it was seen, first seen first.
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
    pub(crate) fn set_preferred(&mut self, form: &str) {
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

/// When something was first seen: at a place of the batch, or (after every
/// place) as the n-th pair linked by the association pass.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    Batch(Place),
    Link(usize),
}

/// The statistics of one spelling of a term over (a part of) a batch.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RenderingStats {
    /// The spelling as written.
    pub form: String,
    /// Occurrences.
    pub count: usize,
    /// Best method seen for it.
    pub method: Method,
    /// Best score seen for it.
    pub score: f32,
    /// Where it was first seen.
    pub first: Place,
}

/// A context snippet and where it was taken.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContextStats {
    /// The place of the occurrence it surrounds.
    pub place: Place,
    /// The snippet and its `article-id:line`.
    pub context: Context,
}

/// The statistics of one English term over (a part of) a batch: all that
/// [`GlossaryBuilder::finish`] needs, in a form that merges exactly (sums,
/// maxima, earliest places).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermStats {
    /// The English term.
    pub en: String,
    /// Its kind.
    pub kind: String,
    /// Occurrences.
    pub count: usize,
    /// Articles it occurs in.
    pub docs: usize,
    /// Best score.
    pub score: f32,
    /// Its spellings, first seen first.
    pub renderings: Vec<RenderingStats>,
    /// Up to [`MAX_CONTEXTS`] contexts, one per article, of the earliest
    /// articles, earliest first.
    pub contexts: Vec<ContextStats>,
}

#[derive(Debug, Clone)]
struct SlotRendering {
    form: String,
    count: usize,
    method: Method,
    score: f32,
    first: Seen,
}

/// One term being collected.
#[derive(Debug, Clone)]
struct Slot {
    en: String,
    kind: String,
    count: usize,
    docs: usize,
    score: f32,
    renderings: Vec<SlotRendering>,
    /// Sorted by place, at most [`MAX_CONTEXTS`].
    contexts: Vec<(Seen, Context)>,
    /// The last article (builder-local number) it was seen in.
    last_doc: usize,
    association: Option<crate::associate::Association>,
}

impl Slot {
    fn new(en: &str, kind: &str) -> Self {
        Slot {
            en: en.to_string(),
            kind: kind.to_string(),
            count: 0,
            docs: 0,
            score: 0.0,
            renderings: Vec::new(),
            contexts: Vec::new(),
            last_doc: 0,
            association: None,
        }
    }

    /// Whether a context seen at `at` would be kept.
    fn wants_context(&self, at: &Seen) -> bool {
        self.contexts.len() < MAX_CONTEXTS || self.contexts.last().is_some_and(|(last, _)| at < last)
    }

    /// Keeps the context among the earliest [`MAX_CONTEXTS`].
    fn add_context(&mut self, at: Seen, context: Context) {
        if !self.wants_context(&at) {
            return;
        }
        let pos = self.contexts.partition_point(|(s, _)| *s <= at);
        self.contexts.insert(pos, (at, context));
        self.contexts.truncate(MAX_CONTEXTS);
    }

    /// Counts a spelling: `count` more occurrences, first seen at `first`.
    fn add_rendering(&mut self, form: &str, count: usize, method: Method, score: f32, first: Seen) {
        match self.renderings.iter_mut().find(|r| r.form == form) {
            Some(r) => {
                r.count += count;
                r.score = r.score.max(score);
                r.method = r.method.min(method);
                if first < r.first {
                    r.first = first;
                }
            }
            None => self.renderings.push(SlotRendering { form: form.to_string(), count, method, score, first }),
        }
    }

    /// Adds another part's statistics of the same term.
    fn absorb(&mut self, other: Slot) {
        self.count += other.count;
        self.docs += other.docs;
        self.score = self.score.max(other.score);
        for r in other.renderings {
            self.add_rendering(&r.form, r.count, r.method, r.score, r.first);
        }
        for (at, context) in other.contexts {
            self.add_context(at, context);
        }
    }

    fn renderings_by_first(&self) -> Vec<&SlotRendering> {
        let mut rs: Vec<&SlotRendering> = self.renderings.iter().collect();
        rs.sort_by(|a, b| a.first.cmp(&b.first).then_with(|| a.form.cmp(&b.form)));
        rs
    }
}

/// Collects occurrences article by article, and merges with the builders
/// of other parts of the same batch.
///
/// Merging ([`GlossaryBuilder::merge`]) adds counts, keeps the best scores
/// and methods, the earliest first sight of each rendering and the earliest
/// contexts: it is associative and commutative, and a builder fed a whole
/// batch equals the merge of builders fed its parts in any split, provided
/// the [`ArticleKey`]s are the same. Merge before the association pass
/// (`GlossaryBuilder::add_link`), which needs the whole batch.
#[derive(Debug, Default)]
pub struct GlossaryBuilder {
    slots: Vec<Slot>,
    by_en: HashMap<String, usize>,
    docs: usize,
    links: usize,
}

impl GlossaryBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    fn slot_index(&mut self, en: &str, kind: &str) -> usize {
        match self.by_en.get(en) {
            Some(&i) => i,
            None => {
                self.slots.push(Slot::new(en, kind));
                self.by_en.insert(en.to_string(), self.slots.len() - 1);
                self.slots.len() - 1
            }
        }
    }

    /// Adds the occurrences of one article: `key` is its place in the
    /// batch, `id` its id, `text` its Arabic text.
    pub(crate) fn add_article(
        &mut self,
        key: &ArticleKey,
        id: &str,
        text: &str,
        occurrences: &[Occurrence],
        candidates: &CandidateSet,
    ) {
        self.docs += 1;
        let doc = self.docs;
        let mut starts: Option<Vec<usize>> = None;
        for occ in occurrences {
            let idx = match &occ.composed {
                Some(name) => self.slot_index(&name.en, name.kind),
                None => {
                    let cand = &candidates.terms()[occ.term];
                    self.slot_index(&cand.en, &cand.kind)
                }
            };
            let e = &mut self.slots[idx];
            let at = Seen::Batch(Place { article: key.clone(), offset: occ.start as u64 });
            // One context per article, the earliest articles.
            if e.last_doc != doc {
                e.docs += 1;
                e.last_doc = doc;
                if e.wants_context(&at) {
                    let starts = starts.get_or_insert_with(|| line_starts(text));
                    let context = Context {
                        text: context_snippet(text, occ.start, occ.end),
                        source: format!("{id}:{}", line_of(starts, occ.start)),
                    };
                    e.add_context(at.clone(), context);
                }
            }
            e.count += 1;
            e.score = e.score.max(occ.score);
            e.add_rendering(&occ.surface, 1, occ.method, occ.score, at);
        }
    }

    /// The terms collected so far: English term and kind.
    pub fn terms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.slots.iter().map(|s| (s.en.as_str(), s.kind.as_str()))
    }

    /// Adds the statistics of another part of the batch (see the type's
    /// documentation).
    pub fn merge(&mut self, other: GlossaryBuilder) {
        for slot in other.slots {
            let idx = self.slot_index(&slot.en, &slot.kind);
            self.slots[idx].absorb(slot);
        }
    }

    /// Adds one term's statistics from another part of the batch.
    pub(crate) fn add_term_stats(&mut self, stats: TermStats) {
        let mut slot = Slot::new(&stats.en, &stats.kind);
        slot.count = stats.count;
        slot.docs = stats.docs;
        slot.score = stats.score;
        for r in stats.renderings {
            slot.add_rendering(&r.form, r.count, r.method, r.score, Seen::Batch(r.first));
        }
        for c in stats.contexts {
            slot.add_context(Seen::Batch(c.place), c.context);
        }
        let idx = self.slot_index(&stats.en, &stats.kind);
        self.slots[idx].absorb(slot);
    }

    /// The statistics collected so far, by English term, renderings first
    /// seen first (what a partial build writes). Pairs added by the
    /// association pass are not included.
    pub(crate) fn term_stats(&self) -> Vec<TermStats> {
        let place = |s: &Seen| match s {
            Seen::Batch(p) => Some(p.clone()),
            Seen::Link(_) => None,
        };
        let mut out: Vec<TermStats> = self
            .slots
            .iter()
            .map(|s| TermStats {
                en: s.en.clone(),
                kind: s.kind.clone(),
                count: s.count,
                docs: s.docs,
                score: s.score,
                renderings: s
                    .renderings_by_first()
                    .into_iter()
                    .filter_map(|r| {
                        Some(RenderingStats {
                            form: r.form.clone(),
                            count: r.count,
                            method: r.method,
                            score: r.score,
                            first: place(&r.first)?,
                        })
                    })
                    .collect(),
                contexts: s
                    .contexts
                    .iter()
                    .filter_map(|(at, c)| Some(ContextStats { place: place(at)?, context: c.clone() }))
                    .collect(),
            })
            .collect();
        out.sort_by(|a, b| a.en.cmp(&b.en));
        out
    }

    /// The (matching form, English) pairs decided so far, one per
    /// rendering, for the association pass: by English term, renderings
    /// first seen first.
    pub(crate) fn decided_pairs(&self) -> Vec<(String, String)> {
        let mut slots: Vec<&Slot> = self.slots.iter().collect();
        slots.sort_by(|a, b| a.en.cmp(&b.en));
        slots
            .into_iter()
            .flat_map(|e| {
                e.renderings_by_first().into_iter().map(move |r| (crate::normalize::normalize(&r.form), e.en.clone()))
            })
            .collect()
    }

    /// Records the association figures of a decided pair on the entry of
    /// English term `en`.
    pub(crate) fn set_association(&mut self, en: &str, association: crate::associate::Association) {
        if let Some(&i) = self.by_en.get(en) {
            self.slots[i].association = Some(association);
        }
    }

    /// Adds a pair found from parallel text ([`crate::associate::Link`]) as
    /// a rendering of the term `en` (of kind `kind` when new): counted once
    /// per unit it occurs in, after everything seen in the batch.
    pub(crate) fn add_link(&mut self, en: &str, kind: &str, link: &crate::associate::Link, method: Method) {
        let idx = self.slot_index(en, kind);
        let score = if method == Method::Translation { link.association.dice } else { link.transliteration };
        self.links += 1;
        let at = Seen::Link(self.links);
        let e = &mut self.slots[idx];
        let units = link.arabic_units as usize;
        e.count += units;
        e.docs += units;
        e.score = e.score.max(score);
        e.association = Some(link.association);
        if e.contexts.len() < MAX_CONTEXTS {
            e.contexts.push((at.clone(), Context { text: link.context.clone(), source: link.source.clone() }));
        }
        e.renderings.push(SlotRendering { form: link.display.clone(), count: units, method, score, first: at });
    }

    /// Orders renderings and entries and applies the filter. Renderings are
    /// sorted by count (desc), then first sight; rows by count (desc), then
    /// English term.
    pub fn finish(self, filter: GlossaryFilter) -> Glossary {
        let mut entries: Vec<Entry> = self
            .slots
            .into_iter()
            // A guess's score is a confidence, not a similarity: the user
            // who asked for guesses sees them all. A pair linked from
            // parallel text passed the association's own bars (its score
            // is a Dice coefficient, or a transliteration score that the
            // parallel evidence made enough).
            .filter(|e| {
                let guessed = e.renderings.iter().all(|r| matches!(r.method, Method::Guess | Method::NameParts));
                let linked = e.renderings.iter().all(|r| matches!(r.first, Seen::Link(_)));
                // The aligner holds every rendering to --min-score but a
                // transliteration of a name its article's English writes,
                // which it accepts from a lower score where the Arabic looks
                // foreign (ARTICLE_ENGLISH_FOREIGN_MIN): nothing else
                // reaches here below --min-score.
                let own_english = e.renderings.iter().any(|r| r.method == Method::Transliteration)
                    && e.score >= crate::align::ARTICLE_ENGLISH_FOREIGN_MIN;
                e.count >= filter.min_count && (e.score + 1e-6 >= filter.min_score || guessed || linked || own_english)
            })
            .map(|mut e| {
                e.renderings.sort_by(|a, b| {
                    b.count.cmp(&a.count).then_with(|| a.first.cmp(&b.first)).then_with(|| a.form.cmp(&b.form))
                });
                let mut renderings: Vec<Rendering> = e
                    .renderings
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| Rendering {
                        form: r.form,
                        count: r.count,
                        method: r.method,
                        score: r.score,
                        status: TermStatus::Admitted,
                        first_seen: i,
                    })
                    .collect();
                renderings[0].status = TermStatus::Preferred;
                Entry {
                    id: entry_id(&e.en),
                    en: e.en,
                    en_variants: Vec::new(),
                    renderings,
                    score: e.score,
                    count: e.count,
                    docs: e.docs,
                    kind: e.kind,
                    contexts: e.contexts.into_iter().map(|(_, c)| c).collect(),
                    note: String::new(),
                    status: EntryStatus::Candidate,
                    extra: Vec::new(),
                    association: e.association,
                }
            })
            .collect();
        entries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.en.cmp(&b.en)));
        Glossary { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(term: usize, surface: &str, method: Method, start: usize) -> Occurrence {
        Occurrence {
            term,
            composed: None,
            surface: surface.into(),
            method,
            score: 0.9,
            start,
            end: start + surface.len(),
        }
    }

    #[test]
    fn renderings_group_under_one_term() {
        let mut c = CandidateSet::new();
        c.add("DeepSeek", |o| o.latin = true);
        c.add("Google", |o| o.list = true);
        let mut b = GlossaryBuilder::new();
        let text = "DeepSeek و ديبسيك و DeepSeek\nجوجل";
        b.add_article(
            &ArticleKey::new("a.txt", 0),
            "a.txt",
            text,
            &[occ(0, "DeepSeek", Method::Latin, 0), occ(0, "ديبسيك", Method::Transliteration, 12)],
            &c,
        );
        b.add_article(
            &ArticleKey::new("b.txt", 0),
            "b.txt",
            "غوغل غوغل جوجل",
            &[
                occ(1, "غوغل", Method::Transliteration, 0),
                occ(1, "غوغل", Method::Transliteration, 9),
                occ(1, "جوجل", Method::Transliteration, 18),
            ],
            &c,
        );
        b.add_article(&ArticleKey::new("c.txt", 0), "c.txt", "DeepSeek", &[occ(0, "DeepSeek", Method::Latin, 0)], &c);
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
    fn keys_order_the_batch_whatever_the_processing_order() {
        let k = |f: &str, n| ArticleKey::new(f, n);
        // Path components are compared in turn, as a sorted walk does.
        assert!(k("a/b.txt", 0) < k("a-c.txt", 0));
        assert!(k("a.txt", 9) < k("b.txt", 0));
        assert!(k("x.jsonl", 2) < k("x.jsonl", 10));
        let mut c = CandidateSet::new();
        c.add("Google", |o| o.list = true);
        let articles: Vec<(ArticleKey, &str, Vec<Occurrence>)> = (0..5)
            .map(|i| {
                let form = if i % 2 == 0 { "جوجل" } else { "غوغل" };
                (k("batch.jsonl", 4 - i), form, vec![occ(0, form, Method::Transliteration, 0)])
            })
            .collect();
        let run = |order: &[usize]| {
            let mut b = GlossaryBuilder::new();
            for &i in order {
                let (key, text, occs) = &articles[i];
                b.add_article(key, &format!("id{}", key.ordinal), text, occs, &c);
            }
            b
        };
        let whole = run(&[0, 1, 2, 3, 4]).finish(GlossaryFilter::default());
        assert_eq!(run(&[4, 2, 0, 3, 1]).finish(GlossaryFilter::default()), whole);
        let mut merged = run(&[3]);
        merged.merge(run(&[0, 4]));
        merged.merge(run(&[2, 1]));
        assert_eq!(merged.finish(GlossaryFilter::default()), whole);
        let e = &whole.entries[0];
        // Ordinal 0 (article 4) comes first; ties go to the earliest.
        assert_eq!(e.source(), "id0:1");
        assert_eq!(e.contexts.iter().map(|c| c.source.as_str()).collect::<Vec<_>>(), vec!["id0:1", "id1:1", "id2:1"]);
        assert_eq!((e.preferred().form.as_str(), e.count, e.docs), ("جوجل", 5, 5));
        // Statistics read back merge the same way.
        let mut rebuilt = GlossaryBuilder::new();
        for t in run(&[1, 3]).term_stats().into_iter().chain(run(&[0, 2, 4]).term_stats()) {
            rebuilt.add_term_stats(t);
        }
        assert_eq!(rebuilt.finish(GlossaryFilter::default()), whole);
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
        let mut e = crate::testutil::google();
        e.set_preferred("غوغل");
        assert_eq!(e.preferred().form, "غوغل");
        let statuses: Vec<(&str, TermStatus)> = e.renderings.iter().map(|r| (r.form.as_str(), r.status)).collect();
        use TermStatus::{Admitted, Forbidden, Preferred};
        assert_eq!(statuses, [("غوغل", Preferred), ("جوجل", Admitted), ("قوقل", Forbidden)]);
        // A form the entry does not have yet is added as the preferred one.
        e.set_preferred("كوكل");
        assert_eq!((e.preferred().form.as_str(), e.preferred().count), ("كوكل", 0));
        assert_eq!(e.renderings.iter().filter(|r| r.status == Preferred).count(), 1);
    }
}
