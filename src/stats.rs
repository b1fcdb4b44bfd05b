//! The statistics of a build, apart from any file format: what a build
//! collects over (a part of) a batch ([`Stats`]), the settings it was
//! collected with ([`Settings`]), merging the statistics of parts
//! ([`Stats::try_merge`]), and finishing them into the glossary
//! ([`Stats::finish`]: the association pass over parallel units, then
//! ordering and filtering). A single build is "collect the statistics,
//! then finish them"; a sharded one merges the parts in between, so both
//! end in the same code. [`crate::partial`] writes and reads these
//! statistics as files.

use crate::align::{AlignConfig, Method};
use crate::associate::Cooccurrences;
use crate::candidates::CandidateSet;
use crate::error::{DifferingSetting, Error, Result};
use crate::glossary::{Glossary, GlossaryBuilder, GlossaryFilter};
use std::collections::{BTreeMap, HashMap};

/// The settings a part was built with; parts merge only when they agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The alignment configuration.
    pub align: AlignConfig,
    /// Fingerprint of the candidate set ([`CandidateSet::fingerprint`]).
    pub candidates: String,
}

impl Settings {
    /// The settings of a run aligning with `align` against `candidates`.
    pub fn new(align: AlignConfig, candidates: &CandidateSet) -> Self {
        Settings { align, candidates: candidates.fingerprint() }
    }

    /// Every setting with its value, named as the command line and the
    /// partial file name it, always in this order. Values are compared as
    /// written, so that a file and the statistics read from it agree on
    /// what differs.
    pub fn named_values(&self) -> Vec<(&'static str, String)> {
        let a = &self.align;
        vec![
            ("min-score", a.min_score.to_string()),
            ("short-min-score", a.short_min_score.to_string()),
            ("short-consonants", a.short_consonants.to_string()),
            ("clitic-penalty", a.clitic_penalty.to_string()),
            ("article-strip-penalty", a.article_strip_penalty.to_string()),
            ("article-penalty", a.article_penalty.to_string()),
            ("gazetteer-only-margin", a.gazetteer_only_margin.to_string()),
            ("candidates", self.candidates.clone()),
        ]
    }

    /// The settings from values named as [`Settings::named_values`] names
    /// them; every one must be present, other names are ignored. The error
    /// says which setting is missing or bad.
    pub(crate) fn from_named_values(values: &HashMap<String, String>) -> std::result::Result<Self, String> {
        fn get<T: std::str::FromStr>(values: &HashMap<String, String>, name: &str) -> std::result::Result<T, String> {
            let v = values.get(name).ok_or_else(|| format!("the setting `{name}` is missing"))?;
            v.parse().map_err(|_| format!("the setting `{name}` has a bad value {v:?}"))
        }
        Ok(Settings {
            align: AlignConfig {
                min_score: get(values, "min-score")?,
                short_min_score: get(values, "short-min-score")?,
                short_consonants: get(values, "short-consonants")?,
                clitic_penalty: get(values, "clitic-penalty")?,
                article_strip_penalty: get(values, "article-strip-penalty")?,
                article_penalty: get(values, "article-penalty")?,
                gazetteer_only_margin: get(values, "gazetteer-only-margin")?,
            },
            candidates: get(values, "candidates")?,
        })
    }
}

/// The sufficient statistics of a build over (a part of) a batch: what
/// `nazir build --partial` writes and `nazir merge-partials` merges.
#[derive(Debug)]
pub struct Stats {
    /// The settings the statistics were collected with.
    pub settings: Settings,
    /// Articles read.
    pub articles: u64,
    /// The terms referred to (entries and the English phrases of parallel
    /// units that are candidates): English term → kind.
    pub terms: BTreeMap<String, String>,
    /// Per-term occurrences, renderings and contexts.
    pub glossary: GlossaryBuilder,
    /// Co-occurrence counts over the parallel units.
    pub cooccurrences: Cooccurrences,
}

impl Stats {
    /// No statistics yet (the neutral element of [`Stats::try_merge`]).
    pub fn new(settings: Settings) -> Self {
        Stats {
            settings,
            articles: 0,
            terms: BTreeMap::new(),
            glossary: GlossaryBuilder::new(),
            cooccurrences: Cooccurrences::new(),
        }
    }

    /// Adds the statistics of another part of the same batch. Associative
    /// and commutative. Parts built with different settings or candidates
    /// would merge into a wrong glossary, so they are refused with
    /// [`Error::PartsDiffer`] naming the first setting that differs, and
    /// `self` is left as it was.
    pub fn try_merge(&mut self, other: Stats) -> Result<()> {
        let differing = self
            .settings
            .named_values()
            .into_iter()
            .zip(other.settings.named_values())
            .find(|((_, first), (_, here))| first != here);
        if let Some(((setting, first), (_, here))) = differing {
            return Err(Error::PartsDiffer(Box::new(DifferingSetting {
                path: None,
                line: None,
                setting: setting.to_string(),
                here,
                first,
                first_path: None,
            })));
        }
        self.articles += other.articles;
        for (en, kind) in other.terms {
            self.terms.entry(en).or_insert(kind);
        }
        self.glossary.merge(other.glossary);
        self.cooccurrences.merge(other.cooccurrences);
        Ok(())
    }

    /// The glossary: the association pass over the parallel units, then
    /// [`GlossaryBuilder::finish`] with `filter`. A single build ends with
    /// exactly this call.
    pub fn finish(self, filter: GlossaryFilter) -> Glossary {
        let mut candidates = CandidateSet::new();
        for (en, kind) in &self.terms {
            candidates.add_term(en, kind);
        }
        let mut builder = self.glossary;
        if self.cooccurrences.units() > 0 {
            link_parallel_names(&mut builder, &self.cooccurrences, &candidates, self.settings.align.min_score);
        }
        builder.finish(filter)
    }
}

/// Units an Arabic span and an English phrase must share to be linked
/// (the bar: translated names that recur at least three times).
const MIN_COOCCURRENCE: u32 = 3;

/// Dice coefficient from which a linked pair that does not sound alike is
/// taken as a translation.
const MIN_TRANSLATION_DICE: f32 = 0.5;

/// How far below the transliteration threshold a linked pair that sounds
/// alike may score and still be taken: parallel evidence adds recall.
const PARALLEL_TRANSLITERATION_MARGIN: f32 = 0.15;

/// Dice coefficient such a transliteration needs.
const MIN_TRANSLITERATION_DICE: f32 = 0.3;

/// The association pass over parallel units: the figures of pairs the
/// aligner decided are recorded, and pairs linked only by association are
/// added: as transliterations when they sound nearly alike, as translations
/// when they recur together closely enough. `candidates` need only hold the
/// terms the statistics refer to ([`Stats::terms`]).
fn link_parallel_names(
    builder: &mut GlossaryBuilder,
    counts: &Cooccurrences,
    candidates: &CandidateSet,
    min_score: f32,
) {
    let decided = builder.decided_pairs();
    for (arabic, english) in &decided {
        if let Some(association) = counts.association_of(arabic, english) {
            builder.set_association(english, association);
        }
    }
    for link in counts.link(MIN_COOCCURRENCE, &decided) {
        let Some(term) = candidates.find(&link.english) else { continue };
        let term = &candidates.terms()[term];
        let dice = link.association.dice;
        if link.transliteration >= min_score - PARALLEL_TRANSLITERATION_MARGIN && dice >= MIN_TRANSLITERATION_DICE {
            builder.add_link(&term.en, &term.kind, &link, Method::Transliteration);
        } else if dice >= MIN_TRANSLATION_DICE {
            builder.add_link(&term.en, &term.kind, &link, Method::Translation);
        }
    }
}
