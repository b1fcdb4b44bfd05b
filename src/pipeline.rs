//! The `build` job: inputs → candidates → alignment → glossary.
//!
//! A build makes two passes over the batch. The first collects English
//! candidates that the batch itself supplies (Latin-script names in the
//! Arabic text, capitalized phrases of parallel English text), so that an
//! Arabic rendering met before its Latin form still finds it; they join
//! the static candidates in a canonical order
//! (`crate::candidates::BatchCandidates::add_to`). The second aligns every
//! article and collects the statistics of the glossary
//! ([`crate::stats::Stats`]), which are then finished into the glossary.
//! Files are streamed article by article in both passes; standard input,
//! which cannot be read twice, is buffered.
//!
//! The same steps run apart for sharded batches ([`crate::partial`]):
//! [`scan`] is the first pass alone, and [`build_stats`] given the
//! candidates files of all shards ([`BuildConfig::candidate_files`]) skips
//! it and returns the statistics unfinished.
//!
//! Every article is read with its [`crate::corpus::ArticleKey`] (input file, position in
//! the file), and everything "first seen" follows the keys, not the order
//! of reading: the glossary is the same whatever the order of the inputs
//! and however the batch is split.

use crate::align::{AlignConfig, AlignModel, Composer, Occurrence};
use crate::associate::Cooccurrences;
use crate::candidates::{BatchCandidates, CandidateSet, english_candidates};
use crate::corpus::Article;
use crate::error::{Error, InputProblem, Result};
use crate::extract::ArticleWords;
use crate::glossary::{Glossary, GlossaryBuilder, GlossaryFilter};
use crate::input::{OnProblem, input_files, read_articles, read_file};
use crate::stats::{Settings, Stats};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything a build needs to know.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Files, directories, or `-`.
    pub inputs: Vec<PathBuf>,
    /// The directory article keys and ids are relative to: every input
    /// must lie under it, and is read as a walk of it would read it. When
    /// `None`, files found in a directory are relative to that directory and
    /// files given directly are keyed by their path as given.
    pub root: Option<PathBuf>,
    /// Candidates files (`nazir scan` output) of the whole batch. When
    /// given, the batch is not scanned for candidates: these are used
    /// instead (merged), so that every shard aligns alike.
    pub candidate_files: Vec<PathBuf>,
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
            root: None,
            candidate_files: Vec::new(),
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

/// The result of a build that stops before the glossary.
#[derive(Debug)]
pub struct StatsOutput {
    /// The statistics.
    pub stats: Stats,
    /// Inputs that could not be read (the rest of the batch was processed).
    pub problems: Vec<InputProblem>,
    /// Articles processed.
    pub articles: usize,
    /// English candidates considered.
    pub candidates: usize,
}

/// The result of a scan for candidates.
#[derive(Debug, Clone)]
pub struct ScanOutput {
    /// The candidates the batch supplies.
    pub found: BatchCandidates,
    /// Inputs that could not be read (the rest of the batch was processed).
    pub problems: Vec<InputProblem>,
    /// Articles scanned.
    pub articles: usize,
}

/// Progress of a build, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Articles scanned for candidates so far.
    Scanning(usize),
    /// Articles aligned so far (of the given total; 0 when not known).
    Aligning(usize, usize),
}

/// Whether an article has Arabic to align: a text with no Arabic letter
/// (an English file, a README given by mistake) is not an Arabic article.
fn has_arabic(article: &Article) -> bool {
    article.text.chars().any(crate::normalize::is_arabic_letter)
}

/// The problem of an article of `file` without Arabic letters, which is
/// skipped.
fn no_arabic_problem(file: &crate::input::InputFile, article: &Article) -> InputProblem {
    let record = article.layout == crate::corpus::Layout::Record;
    InputProblem {
        path: file.path.to_string_lossy().into_owned(),
        line: record.then_some(article.line),
        byte_offset: None,
        reason: if record {
            format!("article {} has no Arabic letters", article.id)
        } else {
            "no Arabic letters: not an Arabic article".into()
        },
    }
}

/// Reads the articles of `file` that have Arabic to align into `article`;
/// bad inputs, and articles without Arabic letters, go to `problems` (or,
/// with `--strict`, end the run).
fn read_arabic(
    file: &crate::input::InputFile,
    config: &BuildConfig,
    problems: &mut Vec<InputProblem>,
    mut article: impl FnMut(Article),
) -> Result<()> {
    let mut not_arabic = Vec::new();
    read_file(
        file,
        on_problem(config),
        |a| {
            if has_arabic(&a) {
                article(a);
            } else {
                not_arabic.push(no_arabic_problem(file, &a));
            }
        },
        |p| problems.push(p),
    )?;
    if let Some(p) = not_arabic.first().filter(|_| config.strict) {
        return Err(Error::Input(p.clone()));
    }
    problems.extend(not_arabic);
    Ok(())
}

/// Files scanned in parallel at a time by the first pass of a build: few
/// enough that progress is reported often.
const SCAN_GROUP_FILES: usize = 256;

/// What the first pass finds in one file.
struct FileScan {
    found: BatchCandidates,
    problems: Vec<InputProblem>,
    articles: usize,
    /// The file's articles, when it cannot be read twice (stdin, a pipe).
    kept: Option<Vec<Article>>,
}

/// The first pass over one file.
fn scan_file(file: &crate::input::InputFile, config: &BuildConfig) -> Result<FileScan> {
    let mut scan = FileScan { found: BatchCandidates::new(), problems: Vec::new(), articles: 0, kept: None };
    let mut keep = (!file.rereadable()).then(Vec::new);
    let mut words = ArticleWords::default();
    read_arabic(file, config, &mut scan.problems, |a| {
        scan_article(&a, &mut words, &mut scan.found);
        scan.articles += 1;
        if let Some(keep) = keep.as_mut() {
            keep.push(a);
        }
    })?;
    scan.kept = keep;
    Ok(scan)
}

/// Collects the candidates an article supplies.
fn scan_article(article: &Article, words: &mut ArticleWords, found: &mut BatchCandidates) {
    words.fill_for_latin_names(&article.text);
    for range in words.latin_names() {
        found.add_latin(&article.text[range]);
    }
    if let Some(en) = &article.en {
        for phrase in english_candidates(en) {
            found.add_english(&phrase);
        }
    }
}

/// Loads the configured term lists and gazetteers.
pub(crate) fn load_candidates(config: &BuildConfig) -> Result<CandidateSet> {
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
    candidates.add_surnames_of_people();
    Ok(candidates)
}

fn on_problem(config: &BuildConfig) -> OnProblem {
    if config.strict { OnProblem::Stop } else { OnProblem::Continue }
}

/// The first pass alone: the candidates the batch supplies (what
/// `nazir scan` writes).
pub fn scan(config: &BuildConfig, progress: &mut dyn FnMut(Progress)) -> Result<ScanOutput> {
    let mut found = BatchCandidates::new();
    let mut problems = Vec::new();
    let mut words = ArticleWords::default();
    let mut articles = 0;
    read_articles(
        &config.inputs,
        config.root.as_deref(),
        on_problem(config),
        |a| {
            scan_article(&a, &mut words, &mut found);
            articles += 1;
            progress(Progress::Scanning(articles));
        },
        |p| problems.push(p),
    )?;
    Ok(ScanOutput { found, problems, articles })
}

/// Runs a build.
pub fn build(config: &BuildConfig, progress: &mut dyn FnMut(Progress)) -> Result<BuildOutput> {
    let out = build_stats(config, progress)?;
    Ok(BuildOutput {
        glossary: out.stats.finish(config.filter),
        problems: out.problems,
        articles: out.articles,
        candidates: out.candidates,
    })
}

/// Builds the glossary of articles held in memory, in batch order: the
/// library's shortest way from text to a glossary. Each article is keyed
/// by its position (so "first seen" is first in `articles`); the inputs of
/// `config` are not read, its candidates and thresholds are used.
pub fn build_articles(articles: impl IntoIterator<Item = Article>, config: &BuildConfig) -> Result<BuildOutput> {
    let batch = articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| Article { key: crate::corpus::ArticleKey::new("", i as u64), ..a })
        .collect();
    let out = build_stats_of(config, Some(batch), &mut |_| {})?;
    Ok(BuildOutput {
        glossary: out.stats.finish(config.filter),
        problems: out.problems,
        articles: out.articles,
        candidates: out.candidates,
    })
}

/// Runs a build up to its statistics (what `nazir build --partial`
/// writes); [`Stats::finish`] makes the glossary.
pub fn build_stats(config: &BuildConfig, progress: &mut dyn FnMut(Progress)) -> Result<StatsOutput> {
    build_stats_of(config, None, progress)
}

/// [`build_stats`] over the inputs of `config`, or over `in_memory`.
fn build_stats_of(
    config: &BuildConfig,
    in_memory: Option<Vec<Article>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<StatsOutput> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| Error::Config { option: "threads".into(), reason: e.to_string() })?;
    // The lexicon of ordinary Arabic takes a few tenths of a second of
    // processor time to load, and the spellings of the shipped name lists
    // a few hundredths: loaded beside the candidates and the first pass,
    // not after them, where the aligning threads would wait for them.
    pool.spawn(|| {
        crate::lexicon::Lexicon::embedded();
    });
    pool.spawn(|| {
        crate::transliterate::NameParts::shipped_spellings();
        crate::transliterate::NameParts::is_common_english_word("");
    });
    let mut candidates = load_candidates(config)?;
    let mut problems = Vec::new();
    let scanned = config.candidate_files.is_empty();
    // The batch as files, or (in memory) as one source already read.
    let files = match in_memory {
        Some(_) => Vec::new(),
        None => input_files(&config.inputs, config.root.as_deref())?,
    };
    // Articles kept from the first pass, per file: those of a file that
    // cannot be read twice (stdin, a pipe).
    let mut kept: Vec<Option<Vec<Article>>> = Vec::new();
    let memory = in_memory.unwrap_or_default();
    let mut articles = 0;
    if scanned {
        let mut found = BatchCandidates::new();
        let mut words = ArticleWords::default();
        for a in &memory {
            scan_article(a, &mut words, &mut found);
            articles += 1;
            progress(Progress::Scanning(articles));
        }
        // Files are scanned in parallel, a group at a time, and their
        // findings taken in input order: the same candidates, problems and
        // first error as one file after the other.
        for group in files.chunks(SCAN_GROUP_FILES) {
            let scanned: Vec<Result<FileScan>> =
                pool.install(|| group.par_iter().map(|file| scan_file(file, config)).collect());
            for file_scan in scanned {
                let file_scan = file_scan?;
                found.merge(file_scan.found);
                problems.extend(file_scan.problems);
                articles += file_scan.articles;
                kept.push(file_scan.kept);
            }
            progress(Progress::Scanning(articles));
        }
        found.add_to(&mut candidates);
    } else {
        crate::partial::read_candidate_files(&config.candidate_files)?.add_to(&mut candidates);
        articles = memory.len();
    }

    let settings = Settings::new(config.align, &candidates);
    let n_candidates = candidates.len();
    let compose = config.align.guess.then(Composer::shipped);
    let model = AlignModel::new(candidates, config.align, compose);
    let mut aligning = ChunkAligner {
        model: &model,
        builder: GlossaryBuilder::new(),
        done: 0,
        total: articles,
        cooccurrences: Cooccurrences::new(),
        words: ArticleWords::default(),
    };
    // The batch is read (its files decoded, its articles gathered into
    // chunks) on a thread of its own, a chunk ahead of the alignment: the
    // cores align while the next chunk is read, instead of waiting for it.
    let (chunks_out, chunks_in) = std::sync::mpsc::sync_channel(1);
    let read = std::thread::scope(|scope| {
        let reading = ReadAhead { memory, files: &files, kept, scanned, config };
        let reader = scope.spawn(move || reading.run(Chunks::new(chunks_out)));
        for chunk in chunks_in {
            aligning.align(chunk, &pool, progress);
        }
        reader.join().expect("the reading thread does not panic")
    });
    let (read_problems, read_articles) = read?;
    problems.extend(read_problems);
    articles += read_articles;

    // The terms the statistics refer to: those with an entry, and those the
    // English phrases of parallel units stand for (the association pass
    // may link them).
    let candidates = model.candidates();
    let mut terms: BTreeMap<String, String> = BTreeMap::new();
    for (en, kind) in aligning.builder.terms() {
        terms.insert(en.to_string(), kind.to_string());
    }
    for (phrase, ..) in aligning.cooccurrences.english_phrases() {
        if let Some(t) = candidates.find(phrase) {
            let t = &candidates.terms()[t];
            terms.entry(t.en.clone()).or_insert_with(|| t.kind.clone());
        }
    }
    let stats = Stats {
        settings,
        articles: articles as u64,
        terms,
        glossary: aligning.builder,
        cooccurrences: aligning.cooccurrences,
    };
    Ok(StatsOutput { stats, problems, articles, candidates: n_candidates })
}

/// Articles aligned together, in parallel, before their occurrences are
/// folded into the glossary.
const CHUNK_ARTICLES: usize = 512;

/// Bytes of article text gathered, at most, before a chunk is aligned (a
/// few of the parts a huge text is read in, [`crate::input::MAX_ARTICLE_BYTES`]):
/// what bounds the memory of a batch of long texts.
const CHUNK_BYTES: usize = 8 << 20;

/// The second pass's reading: the articles of a batch, in input order.
struct ReadAhead<'a> {
    /// Articles given in memory, aligned first.
    memory: Vec<Article>,
    files: &'a [crate::input::InputFile],
    /// Per file, its articles when the first pass kept them (a file that
    /// cannot be read twice).
    kept: Vec<Option<Vec<Article>>>,
    /// Whether the first pass read the files (and reported their problems).
    scanned: bool,
    config: &'a BuildConfig,
}

impl ReadAhead<'_> {
    /// Reads every article into `chunks`; returns the problems found (when
    /// no first pass found them) and the number of articles that pass did
    /// not count.
    fn run(self, mut chunks: Chunks) -> Result<(Vec<InputProblem>, usize)> {
        let mut problems = Vec::new();
        let mut articles = 0;
        for a in self.memory {
            chunks.push(a);
        }
        let kept = self.kept.into_iter().chain(std::iter::repeat_with(|| None));
        for (file, kept) in self.files.iter().zip(kept) {
            match kept {
                Some(batch) => batch.into_iter().for_each(|a| chunks.push(a)),
                // Problems were reported by the first pass; the second skips them.
                None if self.scanned => read_file(
                    file,
                    OnProblem::Continue,
                    |a| {
                        if has_arabic(&a) {
                            chunks.push(a)
                        }
                    },
                    |_| {},
                )?,
                // Given the candidates, the batch is read once.
                None => read_arabic(file, self.config, &mut problems, |a| {
                    articles += 1;
                    chunks.push(a)
                })?,
            }
        }
        chunks.finish();
        Ok((problems, articles))
    }
}

/// Gathers articles into chunks ([`CHUNK_ARTICLES`], [`CHUNK_BYTES`]) and
/// hands each full chunk to the aligning thread.
struct Chunks {
    chunk: Vec<Article>,
    bytes: usize,
    out: std::sync::mpsc::SyncSender<Vec<Article>>,
}

impl Chunks {
    fn new(out: std::sync::mpsc::SyncSender<Vec<Article>>) -> Self {
        Chunks { chunk: Vec::with_capacity(CHUNK_ARTICLES), bytes: 0, out }
    }

    fn push(&mut self, a: Article) {
        self.bytes += a.text.len() + a.en.as_ref().map_or(0, String::len);
        self.chunk.push(a);
        if self.chunk.len() >= CHUNK_ARTICLES || self.bytes >= CHUNK_BYTES {
            self.send();
        }
    }

    fn send(&mut self) {
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_ARTICLES));
        self.bytes = 0;
        // The aligning side only stops receiving when it panics, which
        // ends the build anyway.
        let _ = self.out.send(chunk);
    }

    fn finish(mut self) {
        if !self.chunk.is_empty() {
            self.send();
        }
    }
}

/// The alignment pass: each chunk's articles are aligned in parallel,
/// taken by whichever thread is free (articles differ in length tenfold),
/// and the results folded in input order (the statistics do not depend on
/// it: first sights follow the article keys), so the glossary is the same
/// whatever the number of threads. An [`crate::align::Aligner`] holds
/// only buffers, so each piece of work may take a new one.
struct ChunkAligner<'m> {
    model: &'m AlignModel,
    builder: GlossaryBuilder,
    done: usize,
    total: usize,
    cooccurrences: Cooccurrences,
    words: ArticleWords,
}

impl ChunkAligner<'_> {
    fn align(&mut self, chunk: Vec<Article>, pool: &rayon::ThreadPool, progress: &mut dyn FnMut(Progress)) {
        let model = self.model;
        let results: Vec<Vec<Occurrence>> = pool.install(|| {
            chunk
                .par_iter()
                .map_init(
                    || model.aligner(),
                    |aligner, a| {
                        let mut occurrences = Vec::new();
                        aligner.align(&a.text, a.en.as_deref(), &mut occurrences);
                        occurrences
                    },
                )
                .collect()
        });
        for (a, occurrences) in chunk.iter().zip(&results) {
            self.builder.add_article(&a.key, &a.id, &a.text, occurrences, model.candidates());
            if let Some(en) = &a.en {
                self.cooccurrences.add_unit(&a.key, &a.id, &a.text, en, &mut self.words);
            }
        }
        self.done += chunk.len();
        progress(Progress::Aligning(self.done, self.total));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Method;

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
