//! The `build` job: inputs → candidates → alignment → glossary.
//!
//! A build makes two passes over the batch. The first collects English
//! candidates that the batch itself supplies (Latin-script names in the
//! Arabic text, capitalized phrases of parallel English text), so that an
//! Arabic rendering met before its Latin form still finds it. The second
//! aligns every article and folds the occurrences into the glossary.
//! Files are streamed article by article in both passes; standard input,
//! which cannot be read twice, is buffered.

use crate::align::{AlignConfig, AlignModel, Aligner, Method, Occurrence};
use crate::associate::Cooccurrences;
use crate::candidates::{CandidateSet, english_phrases};
use crate::error::{InputProblem, Result};
use crate::extract::ArticleWords;
use crate::glossary::{Glossary, GlossaryBuilder, GlossaryFilter};
use crate::input::{Article, OnProblem, read_articles};
use rayon::prelude::*;
use std::path::PathBuf;

/// Everything a build needs to know.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Files, directories, or `-`.
    pub inputs: Vec<PathBuf>,
    /// English term lists (one term per line).
    pub english_lists: Vec<PathBuf>,
    /// Extra gazetteers (`en,ar[,variants,kind]` CSV).
    pub gazetteers: Vec<PathBuf>,
    /// Whether the shipped gazetteer is used.
    pub default_gazetteer: bool,
    /// Stop at the first bad input.
    pub strict: bool,
    /// Alignment thresholds.
    pub align: AlignConfig,
    /// Output filters.
    pub filter: GlossaryFilter,
    /// Threads for alignment (0: one per core). The glossary is the same
    /// for any number.
    pub threads: usize,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            inputs: Vec::new(),
            english_lists: Vec::new(),
            gazetteers: Vec::new(),
            default_gazetteer: true,
            strict: false,
            align: AlignConfig::default(),
            filter: GlossaryFilter::default(),
            threads: 0,
        }
    }
}

/// The result of a build.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The glossary.
    pub glossary: Glossary,
    /// Inputs that could not be read (the rest of the batch was processed).
    pub problems: Vec<InputProblem>,
    /// Articles processed.
    pub articles: usize,
    /// English candidates considered.
    pub candidates: usize,
}

/// Progress of a build, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Articles scanned for candidates so far.
    Scanning(usize),
    /// Articles aligned so far (of the given total).
    Aligning(usize, usize),
}

/// Collects the candidates an article supplies.
fn scan_article(article: &Article, words: &mut ArticleWords, candidates: &mut CandidateSet) {
    words.fill(&article.text);
    for range in words.latin_names() {
        candidates.add(&article.text[range], |o| o.latin = true);
    }
    if let Some(en) = &article.en {
        for phrase in english_phrases(en) {
            candidates.add(&phrase, |o| o.english_text = true);
        }
    }
}

/// Loads the configured term lists and gazetteers.
pub fn load_candidates(config: &BuildConfig) -> Result<CandidateSet> {
    let mut candidates = CandidateSet::new();
    for path in &config.english_lists {
        candidates.add_list_file(path)?;
    }
    if config.default_gazetteer {
        candidates.add_default_gazetteer()?;
    }
    for path in &config.gazetteers {
        candidates.add_gazetteer_file(path)?;
    }
    Ok(candidates)
}

/// Runs a build.
pub fn build(config: &BuildConfig, progress: &mut dyn FnMut(Progress)) -> Result<BuildOutput> {
    let mut candidates = load_candidates(config)?;
    let on_problem = if config.strict { OnProblem::Stop } else { OnProblem::Continue };
    let buffered = config.inputs.iter().any(|p| p.as_os_str() == "-");
    let mut kept: Vec<Article> = Vec::new();
    let mut problems = Vec::new();
    let mut words = ArticleWords::default();
    let mut articles = 0;
    read_articles(
        &config.inputs,
        on_problem,
        |a| {
            scan_article(&a, &mut words, &mut candidates);
            articles += 1;
            progress(Progress::Scanning(articles));
            if buffered {
                kept.push(a);
            }
        },
        |p| problems.push(p),
    )?;

    let n_candidates = candidates.len();
    let model = AlignModel::new(candidates, config.align);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| crate::error::Error::Output { path: "threads".into(), reason: e.to_string() })?;
    let mut aligning = ChunkAligner {
        aligners: (0..pool.current_num_threads()).map(|_| model.aligner()).collect(),
        builder: GlossaryBuilder::new(),
        chunk: Vec::with_capacity(CHUNK_ARTICLES),
        done: 0,
        total: articles,
        cooccurrences: Cooccurrences::new(),
        words: ArticleWords::default(),
    };
    if buffered {
        for a in kept {
            aligning.push(a, &pool, &model, progress);
        }
    } else {
        // Problems were reported by the first pass; the second skips them.
        read_articles(&config.inputs, OnProblem::Continue, |a| aligning.push(a, &pool, &model, progress), |_| {})?;
    }
    aligning.flush(&pool, &model, progress);
    let mut builder = aligning.builder;
    if aligning.cooccurrences.units() > 0 {
        link_parallel_names(&mut builder, &aligning.cooccurrences, &model, config.align.min_score);
    }
    Ok(BuildOutput { glossary: builder.finish(config.filter), problems, articles, candidates: n_candidates })
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
/// when they recur together closely enough.
fn link_parallel_names(builder: &mut GlossaryBuilder, counts: &Cooccurrences, model: &AlignModel, min_score: f32) {
    let candidates = model.candidates();
    let decided = builder.decided_pairs();
    for (arabic, english) in &decided {
        if let (Some(association), Some(term)) = (counts.association_of(arabic, english), candidates.find(english)) {
            builder.set_association(term, association);
        }
    }
    for link in counts.link(MIN_COOCCURRENCE, &decided) {
        let Some(term) = candidates.find(&link.english) else { continue };
        let dice = link.association.dice;
        if link.transliteration >= min_score - PARALLEL_TRANSLITERATION_MARGIN && dice >= MIN_TRANSLITERATION_DICE {
            builder.add_link(term, &link, Method::Transliteration, candidates);
        } else if dice >= MIN_TRANSLATION_DICE {
            builder.add_link(term, &link, Method::Translation, candidates);
        }
    }
}

/// Articles aligned together, in parallel, before their occurrences are
/// folded into the glossary in input order.
const CHUNK_ARTICLES: usize = 512;

/// The alignment pass: articles are gathered into chunks; each chunk is cut
/// into one contiguous part per thread, every part aligned by that thread's
/// own [`Aligner`] (which keeps its memo across chunks), and the results
/// folded in input order, so the glossary is the same whatever the number
/// of threads.
struct ChunkAligner<'m> {
    aligners: Vec<Aligner<'m>>,
    builder: GlossaryBuilder,
    chunk: Vec<Article>,
    done: usize,
    total: usize,
    cooccurrences: Cooccurrences,
    words: ArticleWords,
}

impl<'m> ChunkAligner<'m> {
    fn push(
        &mut self,
        a: Article,
        pool: &rayon::ThreadPool,
        model: &'m AlignModel,
        progress: &mut dyn FnMut(Progress),
    ) {
        self.chunk.push(a);
        if self.chunk.len() >= CHUNK_ARTICLES {
            self.flush(pool, model, progress);
        }
    }

    fn flush(&mut self, pool: &rayon::ThreadPool, model: &'m AlignModel, progress: &mut dyn FnMut(Progress)) {
        if self.chunk.is_empty() {
            return;
        }
        let part = self.chunk.len().div_ceil(self.aligners.len());
        let chunk = &self.chunk;
        let results: Vec<Vec<Vec<Occurrence>>> = pool.install(|| {
            chunk
                .par_chunks(part)
                .zip(self.aligners.par_iter_mut())
                .map(|(articles, aligner)| {
                    articles
                        .iter()
                        .map(|a| {
                            let mut occurrences = Vec::new();
                            aligner.align(&a.text, &mut occurrences);
                            occurrences
                        })
                        .collect()
                })
                .collect()
        });
        for (a, occurrences) in self.chunk.iter().zip(results.iter().flatten()) {
            self.builder.add_article(&a.id, &a.text, occurrences, model.candidates());
            if let Some(en) = &a.en {
                self.cooccurrences.add_unit(&a.id, &a.text, en, &mut self.words);
            }
        }
        self.done += self.chunk.len();
        progress(Progress::Aligning(self.done, self.total));
        self.chunk.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(threads: usize) -> BuildConfig {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        BuildConfig {
            inputs: vec![data.join("articles"), data.join("batch.jsonl")],
            english_lists: vec![data.join("english.txt")],
            default_gazetteer: false,
            threads,
            ..BuildConfig::default()
        }
    }

    #[test]
    fn parallel_units_find_translated_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("units.jsonl");
        let units = [
            (
                "زار وزير الخارجية البيت الأبيض صباح الاثنين",
                "The foreign minister visited the White House on Monday morning.",
            ),
            ("أصدر البيت الأبيض بيانا حول الاقتصاد", "The White House issued a statement on the economy."),
            ("انتقد الاتحاد الأوروبي قرار البيت الأبيض", "The European Union criticised the White House decision."),
            ("يجتمع قادة الاتحاد الأوروبي في بروكسل", "Leaders of the European Union meet in Brussels."),
            ("رحب الاتحاد الأوروبي بالاتفاق الجديد", "The European Union welcomed the new agreement."),
            ("قالت شركة جوجل إن أرباحها ارتفعت", "Google said its profits rose."),
        ];
        let lines: Vec<String> = units
            .iter()
            .enumerate()
            .map(|(i, (ar, en))| serde_json::json!({"id": format!("u{i}"), "text": ar, "en": en}).to_string())
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let config = BuildConfig { inputs: vec![path], default_gazetteer: false, ..BuildConfig::default() };
        let out = build(&config, &mut |_| {}).unwrap();
        let find = |en: &str| out.glossary.entries.iter().find(|e| e.en == en);
        let wh = find("White House").expect("White House is found from the parallel units");
        assert_eq!((wh.preferred().form.as_str(), wh.method()), ("البيت الأبيض", Method::Translation));
        assert_eq!(wh.count, 3);
        assert!(wh.association.is_some_and(|a| a.cooc == 3 && a.dice > 0.9));
        let eu = find("European Union").expect("European Union is found");
        assert_eq!(eu.preferred().form, "الاتحاد الأوروبي");
        // Google is a transliteration, and seen once: it carries its
        // association but no translation.
        let google = find("Google").unwrap();
        assert_eq!(google.method(), Method::Transliteration);
        assert!(
            !out.glossary
                .entries
                .iter()
                .any(|e| e.method() == Method::Translation && e.en != "White House" && e.en != "European Union")
        );
    }

    #[test]
    fn any_number_of_threads_gives_the_same_glossary() {
        let one = build(&config(1), &mut |_| {}).unwrap();
        assert!(one.glossary.entries.len() > 20);
        for threads in [2, 3, 7] {
            let many = build(&config(threads), &mut |_| {}).unwrap();
            assert_eq!(many.glossary, one.glossary, "{threads} threads");
        }
    }
}
