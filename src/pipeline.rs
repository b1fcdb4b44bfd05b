//! The `build` job: inputs → candidates → alignment → glossary.
//!
//! A build makes two passes over the batch. The first collects English
//! candidates that the batch itself supplies (Latin-script names in the
//! Arabic text, capitalized phrases of parallel English text), so that an
//! Arabic rendering met before its Latin form still finds it. The second
//! aligns every article and folds the occurrences into the glossary.
//! Files are streamed article by article in both passes; standard input,
//! which cannot be read twice, is buffered.

use crate::align::{AlignConfig, AlignModel, Aligner, Occurrence};
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
    let builder = aligning.builder;
    Ok(BuildOutput { glossary: builder.finish(config.filter), problems, articles, candidates: n_candidates })
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
    fn any_number_of_threads_gives_the_same_glossary() {
        let one = build(&config(1), &mut |_| {}).unwrap();
        assert!(one.glossary.entries.len() > 20);
        for threads in [2, 3, 7] {
            let many = build(&config(threads), &mut |_| {}).unwrap();
            assert_eq!(many.glossary, one.glossary, "{threads} threads");
        }
    }
}
