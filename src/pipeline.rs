//! The `build` job: inputs → candidates → alignment → glossary.
//!
//! A build makes two passes over the batch. The first collects English
//! candidates that the batch itself supplies (Latin-script names in the
//! Arabic text, capitalized phrases of parallel English text), so that an
//! Arabic rendering met before its Latin form still finds it. The second
//! aligns every article and folds the occurrences into the glossary.
//! Files are streamed article by article in both passes; standard input,
//! which cannot be read twice, is buffered.

use crate::align::{AlignConfig, Aligner};
use crate::candidates::{CandidateSet, english_phrases};
use crate::error::{InputProblem, Result};
use crate::extract::ArticleWords;
use crate::glossary::{Glossary, GlossaryBuilder, GlossaryFilter};
use crate::input::{Article, OnProblem, read_articles};
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

    let mut aligner = Aligner::new(&candidates, config.align);
    let mut builder = GlossaryBuilder::new();
    let mut occurrences = Vec::new();
    let mut done = 0;
    let mut align_one = |a: &Article| {
        occurrences.clear();
        aligner.align(&a.text, &mut occurrences);
        builder.add_article(&a.id, &a.text, &occurrences, &candidates);
        done += 1;
        progress(Progress::Aligning(done, articles));
    };
    if buffered {
        kept.iter().for_each(&mut align_one);
    } else {
        // Problems were reported by the first pass; the second skips them.
        read_articles(&config.inputs, OnProblem::Continue, |a| align_one(&a), |_| {})?;
    }
    Ok(BuildOutput { glossary: builder.finish(config.filter), problems, articles, candidates: candidates.len() })
}
