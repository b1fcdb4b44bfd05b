//! The terminology check: Arabic texts against a reviewed glossary.
//!
//! `nazir check --glossary GLOSSARY FILES...` reads a batch of Arabic texts
//! (`.txt` files, JSONL, directories or `-`, as [`crate::input`] reads them)
//! and reports, one [`Finding`] per row of a CSV with the header
//! `CSV_HEADER`, where the texts stray from the glossary:
//!
//! | issue | severity | when |
//! |---|---|---|
//! | `forbidden-term` | error | any rendering of an entry whose status is `forbidden` |
//! | `forbidden-variant` | error | a rendering whose own status is `forbidden` |
//! | `non-preferred-variant` | warning | an admitted rendering where the entry has a preferred one |
//! | `inconsistent` | warning | one English term written in two or more spellings in the batch |
//! | `missing-rendering` | error | JSONL with `en`: a term named in `en` with no acceptable rendering in `text` |
//!
//! **Which entries count.** `rejected` entries are ignored (the pair is
//! wrong, it says nothing about the text). `forbidden` entries always
//! count. `approved` and `candidate` entries both count by default, since a
//! glossary without a `status` column is all candidates;
//! [`CheckOptions::approved_only`] restricts the check to approved (and
//! forbidden) entries.
//!
//! **The preferred rendering** of an entry is its first rendering with
//! status `preferred`, or else its first rendering unless that is
//! forbidden. An entry whose renderings are all forbidden has none (its
//! findings have an empty `expected`, like those of a forbidden entry).
//!
//! **Matching.** Every rendering is turned once into its matching form
//! ([`crate::normalize`]: marks, tatweel and controls dropped, أ/إ/آ→ا,
//! ى→ي, ة→ه; ASCII letters lowercased), words joined by one space. The text
//! is scanned once: at every word, the spans of 1 to n words that stay on
//! one line (n = the longest rendering, normally at most
//! `crate::extract::MAX_SPAN_WORDS`) are looked up, the first word read
//! as written and with each way of peeling its clitics
//! (`clitic_readings`; a reading that sets the article ال aside is looked
//! up with and without it, so للكونغرس finds الكونغرس). The longest span
//! wins, then the first reading in the order of `clitic_readings` (as
//! written first); the scan goes on after it.
//! Punctuation inside a span is ignored like in the renderings (كوكا-كولا
//! matches كوكا كولا).
//!
//! When several renderings share a matching form (اوراكل forbidden next to
//! the preferred أوراكل), the ones whose display form (marks and tatweel
//! removed, letters as written) equals the text's decide; otherwise, and
//! among those, the least severe outcome is taken, so a preferred rendering
//! is never reported.
//!
//! **Places.** `file` is the path of the file (`-` for standard input).
//! `line` is 1-based: the line of the `.txt` file, or the line of the JSONL
//! file the article is on. `column` is the 1-based character (Unicode
//! scalar) column where the finding starts in its line of the Arabic text,
//! clitics excluded (بغوغل reports غوغل at the column of غ): in a `.txt`
//! file the line of the file (a leading BOM not counted), in JSONL the line
//! of the article's own decoded `text` field (its text up to the previous
//! `\n`, or from its start). `found` is the text as written there (marks
//! and tatweel kept) without the clitics; only when ل + ال (written لل) was
//! read as the article is ال put back (للكونجرس gives الكونجرس, at the
//! column of ك).
//!
//! **Inconsistency.** Occurrences of the entries that are not forbidden are
//! counted per spelling, a spelling being the display form found (so جـوجل
//! and جوجل are one spelling, أوراكل and اوراكل two), over the whole batch.
//! An entry with two or more spellings gets one row per spelling other than
//! the reference: the preferred rendering when it was used, else the most
//! used spelling (ties: the first seen). `found` and `expected` are the
//! spellings with their counts, `غوغل (2)`, and the place is the first
//! occurrence of the `found` spelling.
//!
//! **Parallel texts.** For an article with `en`, every English term and
//! English variant of a counted, non-forbidden entry with at least one
//! acceptable rendering is looked for in `en`: case-insensitively, as whole
//! words (runs of letters and digits; `Google's` names Google, `Googleplex`
//! does not). When none of the entry's acceptable (preferred or admitted)
//! renderings occurs in `text`, the entry gets one `missing-rendering` row
//! for the article: `column` is 0 (there is no place in the Arabic text),
//! `found` is the English mention as written in `en`, `expected` the
//! preferred rendering. A forbidden variant in `text` does not count as the
//! rendering (it is reported on its own as well).
//!
//! Rows are ordered by file (in input order), line, then place in the text;
//! the `inconsistent` rows sit at the first occurrence of their spelling.

use crate::corpus::Article;
use crate::error::{InputProblem, Result};
use crate::extract::{ArticleWords, CliticReading, clitic_readings, skip_letters};
use crate::glossary::{EntryStatus, Glossary, TermStatus};
use crate::input::{OnProblem, input_files, read_file};
use crate::normalize::clean_surface_into;
use crate::table::guard_formula;
use crate::tokenize::{line_of, line_starts};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::Range;
use std::path::PathBuf;

/// The columns of the findings CSV, in order.
pub(crate) const CSV_HEADER: [&str; 8] = ["file", "line", "column", "severity", "issue", "found", "expected", "en"];

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look.
    Warning,
    /// Must be fixed (the CLI exits with 1).
    Error,
}

impl Severity {
    /// The word used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The kinds of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Issue {
    /// A rendering of an entry whose status is forbidden.
    ForbiddenTerm,
    /// A rendering whose status is forbidden.
    ForbiddenVariant,
    /// An admitted rendering where the entry has a preferred one.
    NonPreferredVariant,
    /// One English term in two or more spellings in the batch.
    Inconsistent,
    /// A term named in `en` with no acceptable rendering in `text`.
    MissingRendering,
}

impl Issue {
    /// Every issue, in the order of the summary.
    pub const ALL: [Issue; 5] = [
        Issue::ForbiddenTerm,
        Issue::ForbiddenVariant,
        Issue::NonPreferredVariant,
        Issue::Inconsistent,
        Issue::MissingRendering,
    ];

    /// The name used in the CSV and the summary.
    pub fn as_str(self) -> &'static str {
        match self {
            Issue::ForbiddenTerm => "forbidden-term",
            Issue::ForbiddenVariant => "forbidden-variant",
            Issue::NonPreferredVariant => "non-preferred-variant",
            Issue::Inconsistent => "inconsistent",
            Issue::MissingRendering => "missing-rendering",
        }
    }

    /// The severity of every finding of this kind.
    pub fn severity(self) -> Severity {
        match self {
            Issue::NonPreferredVariant | Issue::Inconsistent => Severity::Warning,
            Issue::ForbiddenTerm | Issue::ForbiddenVariant | Issue::MissingRendering => Severity::Error,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file (`-` for standard input).
    pub file: String,
    /// 1-based line in the file (for JSONL, the article's line).
    pub line: usize,
    /// 1-based character column in the line of the Arabic text (0: no
    /// place in the Arabic text, see the module documentation).
    pub column: usize,
    /// How serious it is (follows from `issue`).
    pub severity: Severity,
    /// What it is.
    pub issue: Issue,
    /// What the text has (see the module documentation per issue).
    pub found: String,
    /// What the glossary asks for (empty when nothing may be used).
    pub expected: String,
    /// The English term of the entry.
    pub en: String,
}

/// Which glossary entries the check uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Use only approved (and forbidden) entries, not candidates.
    pub approved_only: bool,
}

/// The outcome of a check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// The findings, by file (input order), line and place.
    pub findings: Vec<Finding>,
    /// Findings per issue, indexed like [`Issue::ALL`].
    pub counts: [usize; Issue::ALL.len()],
    /// Files read.
    pub files: usize,
    /// Articles checked.
    pub articles: usize,
    /// Glossary renderings found in the texts (any status).
    pub matches: usize,
}

impl CheckReport {
    /// The number of findings of one kind.
    pub fn count(&self, issue: Issue) -> usize {
        self.counts[issue.index()]
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        Issue::ALL.iter().any(|&i| i.severity() == Severity::Error && self.count(i) > 0)
    }

    /// One line per issue kind, `forbidden-variant: 1 (error)`, in the
    /// order of [`Issue::ALL`], zeros included.
    pub fn summary(&self) -> Vec<String> {
        Issue::ALL.iter().map(|&i| format!("{}: {} ({})", i.as_str(), self.count(i), i.severity().as_str())).collect()
    }
}

/// Writes the findings as CSV (header `CSV_HEADER`, `\n` line ends).
///
/// The report is for people, who open it in a spreadsheet, and its cells
/// quote texts and glossaries that anyone may have written: every cell a
/// spreadsheet would take for a formula is guarded with a leading `'`
/// (`crate::table::guard_formula`: cells starting with `=`, `+`, `-`, `@`,
/// TAB or CR, except plain numbers and lone characters).
pub fn write_findings_csv<W: Write>(report: &CheckReport, out: W) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(CSV_HEADER)?;
    for f in &report.findings {
        let (line, column) = (f.line.to_string(), f.column.to_string());
        let cells =
            [f.file.as_str(), &line, &column, f.severity.as_str(), f.issue.as_str(), &f.found, &f.expected, &f.en];
        w.write_record(cells.map(guard_formula).iter().map(|c| c.as_bytes()))?;
    }
    w.flush()
}

/// Reads a glossary CSV or XLSX into the model: any CSV with `en` and `ar`
/// columns (`variants` `|`-separated, `status`, `variant_status` optional),
/// the master CSV or the review workbook ([`crate::review`]).
#[cfg(test)]
pub(crate) fn load_glossary(path: &std::path::Path) -> Result<Glossary> {
    crate::review::glossary_from_tables(&crate::table::read_tables(path)?)
}

/// Checks every article of `inputs` against `glossary`. Bad inputs are
/// handled like `crate::input::read_articles` does: with
/// [`OnProblem::Continue`] each is passed to `problem` and the batch goes
/// on.
pub fn check_texts(
    glossary: &Glossary,
    options: CheckOptions,
    inputs: &[PathBuf],
    on_problem: OnProblem,
    mut problem: impl FnMut(InputProblem),
) -> Result<CheckReport> {
    let mut checker = Checker::new(glossary, options);
    for file in input_files(inputs, None)? {
        checker.start_file(&file.path.to_string_lossy());
        read_file(&file, on_problem, |article| checker.check_article(&article), &mut problem)?;
    }
    Ok(checker.finish())
}

/// What a rendering found in a text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Fine,
    NonPreferred,
    ForbiddenVariant,
    ForbiddenTerm,
}

impl Outcome {
    fn issue(self) -> Option<Issue> {
        match self {
            Outcome::Fine => None,
            Outcome::NonPreferred => Some(Issue::NonPreferredVariant),
            Outcome::ForbiddenVariant => Some(Issue::ForbiddenVariant),
            Outcome::ForbiddenTerm => Some(Issue::ForbiddenTerm),
        }
    }

    /// Whether the rendering stands for the term in a parallel text.
    fn acceptable(self) -> bool {
        matches!(self, Outcome::Fine | Outcome::NonPreferred)
    }
}

/// A rendering a matching form stands for.
#[derive(Debug, Clone, Copy)]
struct Target {
    entry: usize,
    outcome: Outcome,
    /// Index into [`Lookup::surfaces`].
    surface: usize,
}

/// What the glossary says, built once.
#[derive(Debug, Default)]
struct Lookup {
    /// Matching form of a rendering → index into `targets`.
    arabic: HashMap<String, usize>,
    targets: Vec<Vec<Target>>,
    /// Display forms of the renderings.
    surfaces: Vec<String>,
    /// Matching forms of the first words of the renderings.
    first_words: HashSet<String>,
    max_ar_words: usize,
    /// Lowercased English words joined by a space → entries.
    english: HashMap<String, Vec<usize>>,
    max_en_words: usize,
    /// Per glossary entry: English term, preferred form (empty when none),
    /// whether it takes part in the missing-rendering check, whether it is
    /// forbidden.
    entries: Vec<EntryInfo>,
}

#[derive(Debug, Default)]
struct EntryInfo {
    en: String,
    preferred: String,
    preferred_surface: String,
    parallel: bool,
    forbidden: bool,
}

/// Appends a matching form to a key, ASCII letters lowercased.
fn push_key(key: &mut String, norm: &str) {
    if norm.bytes().any(|b| b.is_ascii_uppercase()) {
        key.extend(norm.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        key.push_str(norm);
    }
}

/// The English words of `text`: runs of letters and digits.
fn english_words(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
}

fn push_english_key(key: &mut String, text: &str, words: &[Range<usize>]) {
    key.clear();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.extend(text[w.clone()].chars().flat_map(char::to_lowercase));
    }
}

impl Lookup {
    fn new(glossary: &Glossary, options: CheckOptions) -> Self {
        let mut lk = Lookup::default();
        let mut words = ArticleWords::default();
        let mut key = String::new();
        let mut en_words = Vec::new();
        for (e, entry) in glossary.entries.iter().enumerate() {
            let counted = match entry.status {
                EntryStatus::Rejected => false,
                EntryStatus::Candidate => !options.approved_only,
                EntryStatus::Approved | EntryStatus::Forbidden => true,
            };
            let forbidden = entry.status == EntryStatus::Forbidden;
            let preferred = entry
                .renderings
                .iter()
                .position(|r| r.status == TermStatus::Preferred)
                .or_else(|| entry.renderings.first().filter(|r| r.status != TermStatus::Forbidden).map(|_| 0));
            let mut info = EntryInfo { en: entry.en.clone(), forbidden, ..EntryInfo::default() };
            if let Some(p) = preferred.filter(|_| !forbidden) {
                info.preferred = entry.renderings[p].form.clone();
                clean_surface_into(&info.preferred, &mut info.preferred_surface);
            }
            if !counted {
                lk.entries.push(info);
                continue;
            }
            let mut any_acceptable = false;
            for (r, rendering) in entry.renderings.iter().enumerate() {
                let outcome = if forbidden {
                    Outcome::ForbiddenTerm
                } else if rendering.status == TermStatus::Forbidden {
                    Outcome::ForbiddenVariant
                } else if Some(r) == preferred {
                    Outcome::Fine
                } else {
                    Outcome::NonPreferred
                };
                words.fill(&rendering.form);
                if words.words.is_empty() {
                    continue;
                }
                any_acceptable |= outcome.acceptable();
                key.clear();
                for i in 0..words.words.len() {
                    if i > 0 {
                        key.push(' ');
                    }
                    push_key(&mut key, words.norm_of(i));
                    if i == 0 {
                        lk.first_words.insert(key.clone());
                    }
                }
                lk.max_ar_words = lk.max_ar_words.max(words.words.len());
                let mut surface = String::new();
                clean_surface_into(&rendering.form, &mut surface);
                lk.surfaces.push(surface);
                let target = Target { entry: e, outcome, surface: lk.surfaces.len() - 1 };
                match lk.arabic.get(key.as_str()) {
                    Some(&t) => lk.targets[t].push(target),
                    None => {
                        lk.arabic.insert(key.clone(), lk.targets.len());
                        lk.targets.push(vec![target]);
                    }
                }
            }
            info.parallel = !forbidden && any_acceptable;
            if info.parallel {
                for term in std::iter::once(&entry.en).chain(&entry.en_variants) {
                    english_words(term, &mut en_words);
                    if en_words.is_empty() {
                        continue;
                    }
                    push_english_key(&mut key, term, &en_words);
                    lk.max_en_words = lk.max_en_words.max(en_words.len());
                    let list = lk.english.entry(key.clone()).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
            }
            lk.entries.push(info);
        }
        lk
    }

    /// The target a text span stands for: the renderings with the same
    /// display form if any, then the least severe outcome.
    fn resolve(&self, targets: &[Target], surface: &str) -> Option<Target> {
        let exact = targets.iter().any(|t| self.surfaces[t.surface] == surface);
        targets.iter().filter(|t| !exact || self.surfaces[t.surface] == surface).min_by_key(|t| t.outcome).copied()
    }
}

/// Where a finding sits, for ordering: file, line, line inside a JSONL
/// text, column.
type Place = (usize, usize, usize, usize);

/// One spelling of an entry in the batch.
#[derive(Debug)]
struct Spelling {
    surface: String,
    count: usize,
    first: Place,
}

/// A match in the text: the span of words, the clitic reading of its
/// first word and whether the article was put back for the lookup.
struct Match<'w> {
    end: usize,
    reading: CliticReading<'w>,
    with_article: bool,
    targets: usize,
}

/// The check, article by article: build it once per glossary, feed it the
/// articles of a batch with [`Checker::check_article`], then
/// [`Checker::finish`].
#[derive(Debug)]
pub(crate) struct Checker {
    lookup: Lookup,
    files: Vec<String>,
    findings: Vec<(Place, Finding)>,
    spellings: Vec<Vec<Spelling>>,
    /// Per entry: the last article in which an acceptable rendering was
    /// seen, and in which it was named in `en`.
    present: Vec<usize>,
    mentioned: Vec<usize>,
    article: usize,
    matches: usize,
    // Reused buffers.
    words: ArticleWords,
    key: String,
    surface: String,
    found: String,
    en_words: Vec<Range<usize>>,
    mentions: Vec<(usize, Range<usize>)>,
}

impl Checker {
    /// Builds the look-ups for `glossary`.
    pub fn new(glossary: &Glossary, options: CheckOptions) -> Self {
        let lookup = Lookup::new(glossary, options);
        let n = lookup.entries.len();
        Checker {
            lookup,
            files: Vec::new(),
            findings: Vec::new(),
            spellings: (0..n).map(|_| Vec::new()).collect(),
            present: vec![0; n],
            mentioned: vec![0; n],
            article: 0,
            matches: 0,
            words: ArticleWords::default(),
            key: String::new(),
            surface: String::new(),
            found: String::new(),
            en_words: Vec::new(),
            mentions: Vec::new(),
        }
    }

    /// Starts a new file: the findings of the articles checked next are
    /// reported under `file`.
    pub(crate) fn start_file(&mut self, file: &str) {
        self.files.push(file.to_string());
    }

    /// Checks one article of the current file, its English text too if it
    /// has one. Findings are placed at the line of the file they are on
    /// ([`Article::file_line`]).
    pub(crate) fn check_article(&mut self, article: &Article) {
        let text = article.text.as_str();
        if self.files.is_empty() {
            self.files.push(String::new());
        }
        self.article += 1;
        let file = self.files.len() - 1;
        let mut words = std::mem::take(&mut self.words);
        words.fill(text);
        let mut starts: Option<Vec<usize>> = None;
        // The column of the previous match (its byte, line and column):
        // matches come in text order, so each column is counted on from
        // the one before on the same line, and a long line is walked once,
        // not once per match.
        let mut last: Option<(usize, usize, usize)> = None;
        let n = words.words.len();
        let mut i = 0;
        while i < n {
            let Some(m) = self.longest_match(&words, text, i) else {
                i += 1;
                continue;
            };
            let first = words.words[i].token;
            let start = first.start + skip_letters(first.text(text), m.reading.display_skip);
            let end = words.words[m.end - 1].token.end;
            self.found.clear();
            if m.with_article && m.reading.restore_article {
                self.found.push_str("ال");
            }
            self.found.push_str(&text[start..end]);
            self.surface.clear();
            clean_surface_into(&self.found, &mut self.surface);
            let starts = starts.get_or_insert_with(|| line_starts(text));
            let text_line = line_of(starts, start);
            let column = match last {
                Some((byte, line, column)) if line == text_line && byte <= start => {
                    column + text[byte..start].chars().count()
                }
                _ => text[starts[text_line - 1]..start].chars().count() + 1,
            };
            last = Some((start, text_line, column));
            let place = (file, article.file_line(text_line), text_line, column);
            self.record(m.targets, place);
            i = m.end;
        }
        self.words = words;
        if let Some(en) = &article.en {
            self.check_parallel(file, article.line, en);
        }
    }

    /// The longest glossary span starting at word `i`.
    fn longest_match<'w>(&mut self, words: &'w ArticleWords, text: &str, i: usize) -> Option<Match<'w>> {
        let lk = &self.lookup;
        // The words the span may take: up to the longest rendering, on one line.
        let mut limit = i + 1;
        while limit < words.words.len()
            && limit - i < lk.max_ar_words
            && !text[words.words[limit - 1].token.end..words.words[limit].token.start].contains('\n')
        {
            limit += 1;
        }
        let mut best: Option<Match<'w>> = None;
        for reading in clitic_readings(words.norm_of(i)) {
            for with_article in [false, true] {
                if with_article && !reading.article {
                    continue;
                }
                self.key.clear();
                if with_article {
                    self.key.push_str("ال");
                }
                push_key(&mut self.key, reading.stem);
                if !lk.first_words.contains(self.key.as_str()) {
                    continue;
                }
                let first_len = self.key.len();
                let shortest = best.as_ref().map_or(i + 1, |b| b.end + 1);
                for end in (shortest..=limit).rev() {
                    self.key.truncate(first_len);
                    for k in i + 1..end {
                        self.key.push(' ');
                        push_key(&mut self.key, words.norm_of(k));
                    }
                    if let Some(&targets) = lk.arabic.get(self.key.as_str()) {
                        best = Some(Match { end, reading, with_article, targets });
                        break;
                    }
                }
            }
        }
        best
    }

    /// Records a match of the rendering list `targets` at `place`, the
    /// found text and its display form being in the buffers.
    fn record(&mut self, targets: usize, place: Place) {
        self.matches += 1;
        let lk = &self.lookup;
        let list = &lk.targets[targets];
        for t in list {
            if t.outcome.acceptable() {
                self.present[t.entry] = self.article;
            }
        }
        // A matching form is only ever stored with its first rendering.
        let Some(target) = lk.resolve(list, &self.surface) else { return };
        let info = &lk.entries[target.entry];
        if let Some(issue) = target.outcome.issue() {
            self.findings.push((
                place,
                Finding {
                    file: self.files[place.0].clone(),
                    line: place.1,
                    column: place.3,
                    severity: issue.severity(),
                    issue,
                    found: self.found.clone(),
                    expected: info.preferred.clone(),
                    en: info.en.clone(),
                },
            ));
        }
        if !info.forbidden {
            let spellings = &mut self.spellings[target.entry];
            match spellings.iter_mut().find(|s| s.surface == self.surface) {
                Some(s) => s.count += 1,
                None => spellings.push(Spelling { surface: self.surface.clone(), count: 1, first: place }),
            }
        }
    }

    /// The missing-rendering check of one article.
    fn check_parallel(&mut self, file: usize, line: usize, en: &str) {
        let lk = &self.lookup;
        english_words(en, &mut self.en_words);
        self.mentions.clear();
        let n = self.en_words.len();
        for i in 0..n {
            for end in i + 1..=n.min(i + lk.max_en_words) {
                push_english_key(&mut self.key, en, &self.en_words[i..end]);
                for &e in lk.english.get(self.key.as_str()).into_iter().flatten() {
                    if self.mentioned[e] != self.article {
                        self.mentioned[e] = self.article;
                        self.mentions.push((e, self.en_words[i].start..self.en_words[end - 1].end));
                    }
                }
            }
        }
        for (e, range) in &self.mentions {
            if self.present[*e] == self.article {
                continue;
            }
            let info = &lk.entries[*e];
            let issue = Issue::MissingRendering;
            self.findings.push((
                (file, line, 0, 0),
                Finding {
                    file: self.files[file].clone(),
                    line,
                    column: 0,
                    severity: issue.severity(),
                    issue,
                    found: en[range.clone()].to_string(),
                    expected: info.preferred.clone(),
                    en: info.en.clone(),
                },
            ));
        }
    }

    /// Adds the inconsistency rows and orders the findings.
    pub fn finish(mut self) -> CheckReport {
        for (e, spellings) in self.spellings.iter().enumerate() {
            if spellings.len() < 2 {
                continue;
            }
            let info = &self.lookup.entries[e];
            let reference = spellings.iter().position(|s| s.surface == info.preferred_surface).unwrap_or_else(|| {
                // The most used, the first seen on ties.
                let max = spellings.iter().map(|s| s.count).max().unwrap_or(0);
                spellings.iter().position(|s| s.count == max).unwrap_or(0)
            });
            let r = &spellings[reference];
            let expected = format!("{} ({})", r.surface, r.count);
            for (k, s) in spellings.iter().enumerate() {
                if k == reference {
                    continue;
                }
                let issue = Issue::Inconsistent;
                self.findings.push((
                    s.first,
                    Finding {
                        file: self.files[s.first.0].clone(),
                        line: s.first.1,
                        column: s.first.3,
                        severity: issue.severity(),
                        issue,
                        found: format!("{} ({})", s.surface, s.count),
                        expected: expected.clone(),
                        en: info.en.clone(),
                    },
                ));
            }
        }
        self.findings.sort_by_key(|(place, _)| *place);
        let mut counts = [0; Issue::ALL.len()];
        for (_, f) in &self.findings {
            counts[f.issue.index()] += 1;
        }
        CheckReport {
            findings: self.findings.into_iter().map(|(_, f)| f).collect(),
            counts,
            files: self.files.len(),
            articles: self.article,
            matches: self.matches,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{entry, google};
    use std::path::Path;

    fn data(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check").join(rel)
    }

    use EntryStatus::{Approved, Candidate, Forbidden, Rejected};
    use TermStatus::{Admitted, Preferred};

    fn check_one(glossary: &Glossary, options: CheckOptions, text: &str, en: Option<&str>) -> CheckReport {
        let mut c = Checker::new(glossary, options);
        c.start_file("t.txt");
        let key = crate::corpus::ArticleKey::new("t.txt", 0);
        let (text, en) = (text.to_string(), en.map(str::to_string));
        c.check_article(&Article { key, id: "t.txt".into(), line: 1, layout: crate::corpus::Layout::File, text, en });
        c.finish()
    }

    /// (line, column, issue, found, expected, en) of every finding.
    fn rows(r: &CheckReport) -> Vec<(usize, usize, &'static str, &str, &str, &str)> {
        r.findings
            .iter()
            .map(|f| (f.line, f.column, f.issue.as_str(), f.found.as_str(), f.expected.as_str(), f.en.as_str()))
            .collect()
    }

    fn batch(glossary: &str) -> CheckReport {
        let g = load_glossary(&data(glossary)).unwrap();
        check_texts(&g, CheckOptions::default(), &[data("batch")], OnProblem::Stop, |_| {}).unwrap()
    }

    /// (file name, line, column, issue, found) of every finding.
    fn places(r: &CheckReport) -> Vec<(String, usize, usize, &'static str, &str)> {
        r.findings
            .iter()
            .map(|f| {
                let name = Path::new(&f.file).file_name().unwrap().to_string_lossy().to_string();
                (name, f.line, f.column, f.issue.as_str(), f.found.as_str())
            })
            .collect()
    }

    fn planted(b3: &'static str) -> Vec<(String, usize, usize, &'static str, &'static str)> {
        vec![
            ("a.txt".into(), 4, 54, "non-preferred-variant", "غوغل"),
            ("a.txt".into(), 4, 54, "inconsistent", "غوغل (1)"),
            ("a.txt".into(), 5, 6, "non-preferred-variant", "مارك زوكربيرغ"),
            ("a.txt".into(), 5, 6, "inconsistent", "مارك زوكربيرغ (1)"),
            ("a.txt".into(), 5, 33, "forbidden-term", "تويتر"),
            ("b.txt".into(), 2, 55, "non-preferred-variant", "انفيديا"),
            ("b.txt".into(), 2, 55, "inconsistent", "انفيديا (1)"),
            ("b.txt".into(), 3, 16, b3, "قوقل"),
            ("b.txt".into(), 3, 16, "inconsistent", "قوقل (1)"),
        ]
    }

    #[test]
    fn every_planted_issue_of_the_batch_and_nothing_else() {
        let r = batch("glossary.csv");
        assert_eq!(places(&r), planted("non-preferred-variant"));
        assert_eq!((r.files, r.articles), (2, 2));
        assert!(r.findings[0].file.ends_with("batch/a.txt"), "{}", r.findings[0].file);
        let expected: Vec<(&str, &str)> = r.findings.iter().map(|f| (f.expected.as_str(), f.en.as_str())).collect();
        assert_eq!(
            expected,
            vec![
                ("جوجل", "Google"),
                ("جوجل (5)", "Google"),
                ("مارك زوكربيرج", "Mark Zuckerberg"),
                ("مارك زوكربيرج (1)", "Mark Zuckerberg"),
                ("", "Twitter"),
                ("إنفيديا", "Nvidia"),
                ("إنفيديا (1)", "Nvidia"),
                ("جوجل", "Google"),
                ("جوجل (5)", "Google"),
            ]
        );
        let sev: Vec<&str> = r.findings.iter().map(|f| f.severity.as_str()).collect();
        assert_eq!(sev.iter().filter(|s| **s == "error").count(), 1);
        assert_eq!(r.count(Issue::NonPreferredVariant), 4);
        assert_eq!(r.count(Issue::Inconsistent), 4);
        assert_eq!(r.count(Issue::ForbiddenTerm), 1);
        assert!(r.has_errors());
        // 7 Google + 4 Microsoft + 2 Nvidia + 2 Oracle + 2 Zuckerberg + 1 Twitter.
        assert_eq!(r.matches, 18);
    }

    #[test]
    fn variant_statuses_from_the_glossary_file() {
        let g = load_glossary(&data("glossary_statuses.csv")).unwrap();
        assert_eq!(g.entries[0].renderings[2].status, TermStatus::Forbidden);
        let r = batch("glossary_statuses.csv");
        assert_eq!(places(&r), planted("forbidden-variant"));
        assert_eq!(r.findings[7].severity, Severity::Error);
        assert_eq!(r.findings[7].expected, "جوجل");
        assert_eq!((r.count(Issue::ForbiddenVariant), r.count(Issue::NonPreferredVariant)), (1, 3));
        assert_eq!(
            r.summary(),
            vec![
                "forbidden-term: 1 (error)",
                "forbidden-variant: 1 (error)",
                "non-preferred-variant: 3 (warning)",
                "inconsistent: 4 (warning)",
                "missing-rendering: 0 (error)",
            ]
        );
    }

    #[test]
    fn parallel_jsonl_misses_a_rendering() {
        let g = load_glossary(&data("glossary.csv")).unwrap();
        let r = check_texts(&g, CheckOptions::default(), &[data("parallel.jsonl")], OnProblem::Stop, |_| {}).unwrap();
        assert_eq!(
            rows(&r),
            vec![
                (2, 0, "missing-rendering", "Microsoft", "مايكروسوفت", "Microsoft"),
                (2, 22, "non-preferred-variant", "غوغل", "جوجل", "Google"),
            ]
        );
        assert_eq!(r.articles, 2);
        assert_eq!(r.findings[0].severity, Severity::Error);
    }

    #[test]
    fn preferred_forms_are_never_reported() {
        let g = Glossary {
            entries: vec![
                google(),
                entry("Oracle", Candidate, &[("أوراكل", Preferred), ("اوراكل", TermStatus::Forbidden)]),
                entry("Microsoft", Approved, &[("مايكروسوفت", Preferred)]),
            ],
        };
        // Tatweel, harakat, clitics, bidi marks, presentation forms, alef folding.
        let text =
            "جـوجل وجوجل بجوجل والجوجل لجوجل \u{200F}جوجل\u{200E} مَايكروسوفت وأوراكل فأوراكل إوراكل \u{FEDD}\u{FEE0}";
        let r = check_one(&g, CheckOptions::default(), text, None);
        assert_eq!(r.matches, 10);
        // Only the other spellings of the batch are noted: الجوجل keeps its
        // article, إوراكل its hamza.
        assert_eq!(
            rows(&r),
            vec![
                (1, 20, "inconsistent", "الجوجل (1)", "جوجل (5)", "Google"),
                (1, 68, "inconsistent", "إوراكل (1)", "أوراكل (2)", "Oracle"),
            ]
        );
    }

    #[test]
    fn variants_with_clitics_and_normalization() {
        let g = Glossary { entries: vec![google()] };
        let text = "قال لغوغل وبغوغل إن غـوغَل\nثم فقوقل";
        let r = check_one(&g, CheckOptions::default(), text, None);
        // The preferred form is not used: the reference is the most used spelling.
        assert_eq!(
            rows(&r),
            vec![
                (1, 6, "non-preferred-variant", "غوغل", "جوجل", "Google"),
                (1, 13, "non-preferred-variant", "غوغل", "جوجل", "Google"),
                (1, 21, "non-preferred-variant", "غـوغَل", "جوجل", "Google"),
                (2, 5, "forbidden-variant", "قوقل", "جوجل", "Google"),
                (2, 5, "inconsistent", "قوقل (1)", "غوغل (3)", "Google"),
            ]
        );
    }

    #[test]
    fn same_matching_form_told_apart_by_the_display_form() {
        let oracle = entry("Oracle", Approved, &[("أوراكل", Preferred), ("اوراكل", TermStatus::Forbidden)]);
        let g = Glossary { entries: vec![oracle] };
        let r = check_one(&g, CheckOptions::default(), "وقالت اوراكل", None);
        assert_eq!(rows(&r), vec![(1, 7, "forbidden-variant", "اوراكل", "أوراكل", "Oracle")]);
        assert!(r.has_errors());
    }

    #[test]
    fn entry_statuses() {
        let g = Glossary {
            entries: vec![
                entry("Twitter", Forbidden, &[("تويتر", Preferred), ("توتير", Admitted)]),
                entry("Amazon", Rejected, &[("الأمازون", Preferred), ("أمازون", Admitted)]),
                entry("Meta", Candidate, &[("ميتا", Preferred), ("ميطا", Admitted)]),
                entry("Apple", Approved, &[("آبل", Preferred), ("أبل", Admitted), ("ابل", TermStatus::Forbidden)]),
            ],
        };
        let text = "غرد على تويتر وتوتير عن الأمازون وأمازون وميطا وأبل";
        let r = check_one(&g, CheckOptions::default(), text, None);
        let issues: Vec<(&str, &str, &str)> =
            r.findings.iter().map(|f| (f.issue.as_str(), f.found.as_str(), f.expected.as_str())).collect();
        assert_eq!(
            issues,
            vec![
                ("forbidden-term", "تويتر", ""),
                ("forbidden-term", "توتير", ""),
                ("non-preferred-variant", "ميطا", "ميتا"),
                ("non-preferred-variant", "أبل", "آبل"),
            ]
        );
        // Candidates left out on request; forbidden entries stay.
        let r = check_one(&g, CheckOptions { approved_only: true }, text, None);
        assert_eq!(r.findings.iter().filter(|f| f.en == "Meta").count(), 0);
        assert_eq!(r.count(Issue::ForbiddenTerm), 2);
        assert_eq!(r.count(Issue::NonPreferredVariant), 1);
    }

    #[test]
    fn spans_longest_first_on_one_line() {
        let g = Glossary {
            entries: vec![
                entry("Mark Zuckerberg", Approved, &[("مارك زوكربيرج", Preferred), ("مارك زوكربيرغ", Admitted)]),
                entry("Mark", Approved, &[("مارك", Preferred), ("مارك زوكر", Admitted)]),
                entry("Coca-Cola", Approved, &[("كوكا كولا", Preferred), ("كوكاكولا", Admitted)]),
                entry("Congress", Approved, &[("الكونغرس", Preferred), ("الكونجرس", Admitted)]),
                entry("DeepSeek", Approved, &[("DeepSeek", Preferred), ("ديب سيك", Admitted)]),
            ],
        };
        // مارك زوكربيرغ is one span, not مارك + a stray word; a line break
        // ends a span; punctuation inside one is ignored; لل is ل + ال.
        let text = "ولمارك زوكربيرغ\nمارك\nزوكر و«كوكا-كولا» للكونجرس deepseek ولديب سيك";
        let r = check_one(&g, CheckOptions::default(), text, None);
        let got: Vec<(usize, usize, &str, &str)> =
            r.findings.iter().map(|f| (f.line, f.column, f.issue.as_str(), f.found.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, 3, "non-preferred-variant", "مارك زوكربيرغ"),
                (3, 21, "non-preferred-variant", "الكونجرس"),
                (3, 39, "non-preferred-variant", "ديب سيك"),
                (3, 39, "inconsistent", "ديب سيك (1)"),
            ]
        );
        // Latin renderings match in any case; the tie goes to the first seen.
        assert_eq!(r.findings[3].expected, "deepseek (1)");
        assert_eq!(r.matches, 6);
    }

    #[test]
    fn missing_rendering_whole_words_any_case() {
        let mut ms = entry("Microsoft", Approved, &[("مايكروسوفت", Preferred), ("ميكروسوفت", Admitted)]);
        ms.en_variants = vec!["MSFT".into()];
        let g = Glossary {
            entries: vec![
                google(),
                ms,
                entry("Twitter", Forbidden, &[("تويتر", Preferred)]),
                entry("Open AI", Approved, &[("أوبن إيه آي", Preferred)]),
            ],
        };
        let check = |text: &str, en: &str| rows(&check_one(&g, CheckOptions::default(), text, Some(en))).len();
        // Named in any case, as a whole word, or by an English variant.
        assert_eq!(check("خبر", "GOOGLE's new model"), 1);
        assert_eq!(check("خبر", "the Googleplex campus"), 0);
        assert_eq!(check("خبر", "shares of msft fell"), 1);
        assert_eq!(check("خبر", "OPEN   AI said"), 1);
        // A forbidden entry is not asked for; an admitted variant is enough
        // (and reported as such); a forbidden variant is not.
        assert_eq!(check("خبر", "Twitter said"), 0);
        assert_eq!(check("قالت ميكروسوفت", "Microsoft said"), 1);
        let r = check_one(&g, CheckOptions::default(), "قالت قوقل", Some("Google said"));
        assert_eq!(
            rows(&r),
            vec![
                (1, 0, "missing-rendering", "Google", "جوجل", "Google"),
                (1, 6, "forbidden-variant", "قوقل", "جوجل", "Google")
            ]
        );
        // Once per entry and article; the preferred form is fine.
        assert_eq!(check("قالت جوجل", "Google, Google and Microsoft"), 1);
        assert_eq!(check("جوجل ومايكروسوفت", "Google and Microsoft"), 0);
    }

    #[test]
    fn jsonl_lines_skip_blank_and_count_broken_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.jsonl");
        let text = concat!(
            "{\"id\":\"1\",\"text\":\"جوجل\"}\n",
            "\n",
            "{\"id\": broken\n",
            "  \r\n",
            "{\"id\":\"2\",\"text\":\"سطر أول\\nثم غوغل\"}\r\n",
        );
        std::fs::write(&p, text).unwrap();
        let g = Glossary { entries: vec![google()] };
        let mut problems = Vec::new();
        let r = check_texts(&g, CheckOptions::default(), std::slice::from_ref(&p), OnProblem::Continue, |q| {
            problems.push(q)
        })
        .unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        assert_eq!(r.findings[0].file, p.to_string_lossy());
        assert_eq!((r.findings[0].line, r.findings[0].column, r.findings[0].issue), (5, 4, Issue::NonPreferredVariant));
        assert_eq!(r.articles, 2);
        assert!(check_texts(&g, CheckOptions::default(), &[p], OnProblem::Stop, |_| {}).is_err());
    }

    #[test]
    fn findings_csv() {
        let g = Glossary { entries: vec![google()] };
        let r = check_one(&g, CheckOptions::default(), "قال \"غوغل\", ثم", None);
        let mut out = Vec::new();
        write_findings_csv(&r, &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert_eq!(
            csv,
            "file,line,column,severity,issue,found,expected,en\nt.txt,1,6,warning,non-preferred-variant,غوغل,جوجل,Google\n"
        );
        let mut out = Vec::new();
        write_findings_csv(&CheckReport::default(), &mut out).unwrap();
        assert_eq!(out, b"file,line,column,severity,issue,found,expected,en\n");
        assert!(!CheckReport::default().has_errors());
    }

    #[test]
    fn findings_csv_cells_are_guarded_against_formulas() {
        let g = Glossary { entries: vec![google()] };
        let mut r = check_one(&g, CheckOptions::default(), "قال غوغل", None);
        r.findings[0].file = "-".into();
        r.findings[0].en = "=HYPERLINK(\"http://x\")".into();
        r.findings[0].expected = "\t+cmd".into();
        let mut out = Vec::new();
        write_findings_csv(&r, &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        let row = csv.lines().nth(1).unwrap();
        assert_eq!(row, "-,1,5,warning,non-preferred-variant,غوغل,'\t+cmd,\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    #[test]
    fn columns_on_one_long_line_are_counted_once() {
        // 50,000 matches on one line: counting each column from the line
        // start would walk the line 50,000 times.
        let g = Glossary { entries: vec![google()] };
        let text = "غوغل ".repeat(50_000);
        let r = check_one(&g, CheckOptions::default(), &format!("سطر\n{text}"), None);
        assert_eq!(r.count(Issue::NonPreferredVariant), 50_000);
        let columns: Vec<usize> = r.findings.iter().map(|f| f.column).collect();
        assert_eq!(columns.len(), 50_000);
        assert!(columns.iter().enumerate().all(|(k, &c)| c == 5 * k + 1), "{:?}", &columns[..5]);
        assert!(r.findings.iter().all(|f| f.line == 2));
    }
}
