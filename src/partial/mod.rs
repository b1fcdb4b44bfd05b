//! Sharded runs: the files of a build's statistics and of the candidates a
//! batch supplies. What the statistics are and how they merge and finish
//! is [`crate::stats`]; this module is only their file formats.
//!
//! A batch too big for one machine is cut into shards (sets of input
//! files) and built in two map steps and one reduce step:
//!
//! 1. `nazir scan SHARD -o CANDS` on every shard: the candidates the batch
//!    supplies itself (Latin names, phrases of parallel English text), with
//!    their spelling counts ([`BatchCandidates`], a *candidates file*).
//! 2. `nazir build --partial --candidates CANDS... SHARD -o PART` on every
//!    shard, given *all* the candidates files: each shard aligns against
//!    the same candidate set a single run would build (static lists and
//!    gazetteers, then the merged batch candidates in canonical order), and
//!    writes its statistics ([`Stats`], a *partial file*) instead of a
//!    glossary.
//! 3. `nazir merge-partials PART... -o GLOSSARY`: the statistics are merged
//!    (`Stats::try_merge`) and finished exactly as a single build finishes
//!    (the association pass over parallel units, then ordering and
//!    filtering), by the same code: a single build is itself "collect the
//!    statistics, then [`Stats::finish`]".
//!
//! Merging is associative and commutative, so parts can be merged in any
//! order and grouping. The glossary equals that of one run over the whole
//! batch because nothing depends on the order articles are processed in:
//! "first seen" is defined by the `ArticleKey` of each article (its
//! input file, relative to the directory it was found under, and its
//! position in the file). Equality therefore holds when the shards are
//! files of the same input tree named the same way: either the same
//! directory given to every run (`--root DIR` lets a shard name single
//! files under it as a walk of `DIR` would), or files given by the same
//! paths. A file is never split between shards.
//!
//! # Candidates file, version 2
//!
//! UTF-8 text (a byte-order mark first is ignored), one record per line
//! (`\n`), fields separated by TAB, each record ending with its checksum
//! (see [Checksums](#checksums)):
//!
//! ```text
//! nazir-candidates 2
//! N <spelling> <as Latin name> <in English text> <checksum>
//! Z <number of N records> <checksum>
//! ```
//!
//! `N` records are counts of one spelling (sorted by spelling when
//! written). Several files merge by adding counts; their order does not
//! matter.
//!
//! # Partial file, version 2
//!
//! UTF-8 text (a byte-order mark first is ignored), one record per line
//! (`\n`), fields separated by TAB; the first field is the record type,
//! the last its checksum (see [Checksums](#checksums); left out of the
//! list below).
//! Each field escapes backslash, TAB, LF and CR as `\\`, `\t`, `\n`,
//! `\r`. Numbers are decimal; scores are written in the shortest form that
//! reads back to the same `f32`. A *place* is three fields: the article's
//! file, its 0-based ordinal in the file, and a byte offset in its text.
//!
//! ```text
//! nazir-partial 3
//! S <setting> <value>              build settings that must be equal to merge
//! D <articles>                     articles read
//! T <en> <kind>                    a term referred to below
//! E <en> <count> <docs> <score>    an entry's counters, then its records:
//! R <en> <form> <count> <method> <score> <file> <ordinal> <offset>
//!                                  a rendering and where it was first seen
//! C <en> <file> <ordinal> <offset> <text> <source>
//!                                  a context (the earliest 3 articles)
//! U <units>                        parallel units (articles with `en`)
//! A <norm> <display> <units> <file> <ordinal> <context> <source>
//!                                  an Arabic span of the units and its
//!                                  first occurrence
//! P <phrase> <units> <whole>       an English phrase of the units, and
//!                                  the units where it is a whole run
//! X <norm> <phrase> <units>        units where both occur
//! Z <records>                      the end: the number of records between
//!                                  the first line and this one
//! ```
//!
//! The settings are `min-score`, `short-min-score`, `short-consonants`,
//! `clitic-penalty`, `article-strip-penalty`, `article-penalty`,
//! `gazetteer-only-margin`, `guess` (the alignment configuration; a part
//! written before `guess` existed counts as `false`) and `candidates`
//! (`COUNT:HASH`, the fingerprint of the candidate set aligned against,
//! `CandidateSet::fingerprint`). Parts whose settings differ, or written
//! by another version of the format, are refused with the file and line.
//! Records come in the order above; `R` and `C` records follow the `E` of
//! their term, `E` follows the `T` of its term, `X` follows the `A` and `P`
//! it names. A file without its `Z` record is truncated and refused.
//!
//! # Checksums
//!
//! Every record line of both files ends with a TAB and 16 lowercase
//! hexadecimal digits: FNV-1a (64 bits) over the checksum of the record
//! before it (8 bytes, little-endian; 0 for the first record) followed by
//! the bytes of the line up to that TAB (the escaped fields as written).
//! The first line (magic and version) has none. A record that does not
//! match its checksum is refused naming its line: a byte changed inside a
//! field (which may still parse, and would quietly change the glossary),
//! a line lost or moved (the chain breaks at the first line touched). Any
//! single changed byte is always found; other damage goes unnoticed with
//! a chance of 2^-64.
//!
//! Version 1 (the same records without checksums) is refused with a
//! message saying to write the file again: parts are intermediate files
//! of one run, written and read by the same nazir, so reading both would
//! keep a path that accepts damage for nothing.
//!
//! `ArticleKey`: crate::glossary::ArticleKey
//! `CandidateSet::fingerprint`: crate::candidates::CandidateSet::fingerprint

mod record;

pub(crate) use record::unescape_field;

use crate::candidates::BatchCandidates;
use crate::error::{DifferingSetting, Error, InputProblem, Result};
use crate::glossary::TermStats;
use crate::stats::{Settings, Stats};
use crate::text::{self, Origin};
use record::{CandidateRecord, Checksums, ENTRY_RANKS, PARTIAL_RECORD_ORDER, Record};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// First word of a partial file.
pub(crate) const PARTIAL_MAGIC: &str = "nazir-partial";
/// The partial file version written and read.
pub(crate) const PARTIAL_VERSION: u32 = 3;
/// First word of a candidates file.
pub(crate) const CANDIDATES_MAGIC: &str = "nazir-candidates";
/// The candidates file version written and read.
pub(crate) const CANDIDATES_VERSION: u32 = 2;

/// Writes the statistics as a partial file (see the module
/// documentation). The output depends only on the statistics, not on how
/// they were collected or merged.
pub fn write_partial(stats: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{PARTIAL_MAGIC} {PARTIAL_VERSION}")?;
    let mut records = 0u64;
    let (mut sums, mut buf) = (Checksums::default(), Vec::new());
    let mut put = |record: Record<'_>| {
        records += 1;
        sums.write(out, &mut buf, |w| record.write(w))
    };
    for (name, value) in stats.settings.named_values() {
        put(Record::Setting { name: name.into(), value: value.into() })?;
    }
    put(Record::Articles(stats.articles))?;
    for (en, kind) in &stats.terms {
        put(Record::Term { en: en.into(), kind: kind.into() })?;
    }
    for t in stats.glossary.term_stats() {
        put(Record::Entry { en: (&t.en).into(), count: t.count, docs: t.docs, score: t.score })?;
        for rendering in &t.renderings {
            put(Record::Rendering { en: (&t.en).into(), rendering: Cow::Borrowed(rendering) })?;
        }
        for context in &t.contexts {
            put(Record::Context { en: (&t.en).into(), context: Cow::Borrowed(context) })?;
        }
    }
    let co = &stats.cooccurrences;
    put(Record::Units(co.units()))?;
    let mut spans: Vec<_> = co.arabic_spans().iter().collect();
    spans.sort_by(|a, b| a.norm.cmp(&b.norm));
    for span in spans {
        put(Record::Span(Cow::Borrowed(span)))?;
    }
    let mut phrases: Vec<(&str, u32, u32)> = co.english_phrases().collect();
    phrases.sort();
    for (phrase, units, whole) in phrases {
        put(Record::Phrase { phrase: phrase.into(), units, whole })?;
    }
    let mut pairs: Vec<(&str, &str, u32)> = co.pair_counts().collect();
    pairs.sort();
    for (norm, phrase, units) in pairs {
        put(Record::Pair { norm: norm.into(), phrase: phrase.into(), units })?;
    }
    sums.write(out, &mut buf, |w| Record::End { records }.write(w))
}

/// Reads a partial file; `name` names it in errors. With `first` (the
/// settings of the first part of a merge), a setting that differs is
/// refused at its line with [`Error::PartsDiffer`]. Any damage is refused
/// with [`Error::Data`] naming the line (public for callers that hold the
/// bytes, and for the fuzz targets).
pub fn read_partial(input: impl BufRead, name: &str, first: Option<&Settings>) -> Result<Stats> {
    let mut lines = Lines::new(input, name);
    lines.header(PARTIAL_MAGIC, PARTIAL_VERSION)?;
    let mut fold = PartialFold::new(first);
    while let Some(fields) = lines.next_record()? {
        let record = Record::parse(fields).map_err(|reason| lines.problem(reason))?;
        let end = match record {
            Record::End { records } => Some(records),
            _ => None,
        };
        fold.add(record).map_err(|refusal| lines.refused(refusal))?;
        if let Some(counted) = end {
            lines.end(counted)?;
            return fold.finish().map_err(|refusal| lines.refused(refusal));
        }
    }
    Err(lines.truncated())
}

/// Reads partial files and merges them in the order given, checking that
/// all were built with the settings of the first. `-` is standard input.
pub fn read_partial_files(paths: &[PathBuf]) -> Result<Stats> {
    let Some((first_path, rest)) = paths.split_first() else {
        return Err(Error::Config { option: "parts".into(), reason: "no partial file given".into() });
    };
    let first_name = first_path.to_string_lossy().to_string();
    let mut merged = with_reader(first_path, |r| read_partial(r, &first_name, None))?;
    for path in rest {
        let name = path.to_string_lossy().to_string();
        let part = with_reader(path, |r| read_partial(r, &name, Some(&merged.settings))).map_err(|mut e| {
            if let Error::PartsDiffer(differing) = &mut e {
                differing.first_path = Some(first_name.clone());
            }
            e
        })?;
        merged.try_merge(part)?;
    }
    Ok(merged)
}

/// Runs `read` on the file at `path`, or on standard input for `-`.
fn with_reader<T>(path: &Path, read: impl FnOnce(&mut dyn BufRead) -> Result<T>) -> Result<T> {
    if path.as_os_str() == "-" {
        read(&mut std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        read(&mut std::io::BufReader::new(file))
    }
}

/// Writes a candidates file (see the module documentation).
pub fn write_candidates(found: &BatchCandidates, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{CANDIDATES_MAGIC} {CANDIDATES_VERSION}")?;
    let mut records = 0u64;
    let (mut sums, mut buf) = (Checksums::default(), Vec::new());
    for (spelling, counts) in found.spellings() {
        sums.write(out, &mut buf, |w| CandidateRecord::Spelling { spelling: spelling.into(), counts }.write(w))?;
        records += 1;
    }
    sums.write(out, &mut buf, |w| CandidateRecord::End { records }.write(w))
}

/// Reads a candidates file; `name` names it in errors, and any damage is
/// refused with [`Error::Data`] naming the line.
pub fn read_candidates(input: impl BufRead, name: &str) -> Result<BatchCandidates> {
    let mut found = BatchCandidates::new();
    let mut lines = Lines::new(input, name);
    lines.header(CANDIDATES_MAGIC, CANDIDATES_VERSION)?;
    while let Some(fields) = lines.next_record()? {
        match CandidateRecord::parse(fields).map_err(|reason| lines.problem(reason))? {
            CandidateRecord::Spelling { spelling, counts } => found.add_counts(&spelling, counts),
            CandidateRecord::End { records } => return lines.end(records).map(|()| found),
        }
    }
    Err(lines.truncated())
}

/// Reads candidates files (`-` is standard input) and merges them.
pub(crate) fn read_candidate_files(paths: &[PathBuf]) -> Result<BatchCandidates> {
    let mut found = BatchCandidates::new();
    for path in paths {
        let name = path.to_string_lossy().to_string();
        found.merge(with_reader(path, |r| read_candidates(r, &name))?);
    }
    Ok(found)
}

/// Lines of a record file, with the line number for errors.
struct Lines<R> {
    input: R,
    name: String,
    line: usize,
    /// The bytes of the file before the next line, so that a bad byte is
    /// placed in the file, not in its line.
    offset: usize,
    buf: Vec<u8>,
    /// The chain of record checksums so far.
    sums: Checksums,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R, name: &str) -> Self {
        Lines { input, name: name.to_string(), line: 0, offset: 0, buf: Vec::new(), sums: Checksums::default() }
    }

    fn problem(&self, reason: String) -> Error {
        Error::Data(InputProblem { path: self.name.clone(), line: Some(self.line), byte_offset: None, reason })
    }

    fn refused(&self, refusal: Refusal) -> Error {
        match refusal {
            Refusal::Damaged(reason) => self.problem(reason),
            Refusal::Differs { setting, here, first } => Error::PartsDiffer(Box::new(DifferingSetting {
                path: Some(self.name.clone()),
                line: Some(self.line),
                setting: setting.to_string(),
                here,
                first,
                first_path: None,
            })),
        }
    }

    fn truncated(&self) -> Error {
        Error::Data(InputProblem {
            path: self.name.clone(),
            line: Some(self.line + 1),
            byte_offset: None,
            reason: "the file ends without its Z record: it is truncated".into(),
        })
    }

    /// The next line without its line end, or `None` at the end. A
    /// byte-order mark is dropped at the start of the file only.
    fn next_line(&mut self) -> Result<Option<String>> {
        self.buf.clear();
        let n = self.input.read_until(b'\n', &mut self.buf).map_err(|e| Error::io(&self.name, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        let origin = Origin { path: &self.name, line: self.line, offset: self.offset };
        self.offset += n;
        let mut bytes = &self.buf[..];
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let text = text::decode(bytes, origin).map_err(Error::Data)?;
        // `decode` drops a mark at the start of every slice it is given;
        // later in the file the mark is text, and a record that starts
        // with it must be refused as damaged, not silently mended.
        if origin.offset > 0 && text.len() < bytes.len() {
            return Ok(Some(format!("\u{FEFF}{text}")));
        }
        Ok(Some(text.to_string()))
    }

    /// Checks the first line: `MAGIC VERSION`.
    fn header(&mut self, magic: &str, version: u32) -> Result<()> {
        let line = self.next_line()?.unwrap_or_default();
        let Some(v) = line.strip_prefix(magic).and_then(|rest| rest.strip_prefix(' ')) else {
            let shown: String = line.chars().take(40).collect();
            return Err(
                self.problem(format!("not a {magic} file: the first line is {shown:?}, not \"{magic} {version}\""))
            );
        };
        match v.trim().parse::<u32>() {
            Ok(found) if found == version => Ok(()),
            Ok(1) => Err(self.problem(format!(
                "{magic} version 1 was written by an older nazir (records without checksums): this nazir reads \
                 version {version}; write the file again with this nazir"
            ))),
            Ok(found) => Err(self.problem(format!(
                "{magic} version {found}: this nazir reads version {version} (write the file with the same nazir)"
            ))),
            Err(_) => Err(self.problem(format!("{magic}: bad version {v:?}"))),
        }
    }

    /// The fields of the next record, unescaped, its checksum checked and
    /// left off, or `None` at the end.
    fn next_record(&mut self) -> Result<Option<Vec<String>>> {
        let Some(line) = self.next_line()? else { return Ok(None) };
        let record = self.sums.check(&line).map_err(|reason| self.problem(reason))?;
        let fields = record
            .split('\t')
            .map(unescape_field)
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| self.problem("a field has a bad backslash escape".into()))?;
        Ok(Some(fields))
    }

    /// At the `Z` record: checks its count of the records (every line
    /// between the first and this one), and that nothing follows it.
    fn end(&mut self, counted: u64) -> Result<()> {
        let records = self.line.saturating_sub(2) as u64;
        if counted != records {
            return Err(self.problem(format!("the Z record counts {counted} records, the file has {records}")));
        }
        if self.next_line()?.is_some() {
            return Err(self.problem("something follows the Z record".into()));
        }
        Ok(())
    }
}

/// Why a record of a partial file is refused; [`Lines::refused`] adds the
/// file and line.
enum Refusal {
    /// The file is damaged or not written by this nazir.
    Damaged(String),
    /// The part was built with other settings than the first part.
    Differs { setting: &'static str, here: String, first: String },
}

/// Folds the records of a partial file into statistics, in file order.
struct PartialFold {
    /// The settings of the first part, when this one must agree with them.
    expected: Vec<(&'static str, String)>,
    /// The `S` records so far: the statistics start when they end.
    settings: HashMap<String, String>,
    stats: Option<Stats>,
    /// The entry whose `R` and `C` records are being read.
    entry: Option<TermStats>,
    /// The rank of the latest record type ([`PARTIAL_RECORD_ORDER`]).
    latest: usize,
}

impl PartialFold {
    fn new(first: Option<&Settings>) -> Self {
        PartialFold {
            expected: first.map(Settings::named_values).unwrap_or_default(),
            settings: HashMap::new(),
            stats: None,
            entry: None,
            latest: 0,
        }
    }

    fn add(&mut self, record: Record<'static>) -> std::result::Result<(), Refusal> {
        self.check_order(&record)?;
        match record {
            Record::Setting { name, value } => self.add_setting(name.into_owned(), value.into_owned())?,
            Record::Articles(articles) => self.stats()?.articles += articles,
            Record::Term { en, kind } => {
                self.stats()?.terms.insert(en.into_owned(), kind.into_owned());
            }
            Record::Entry { en, count, docs, score } => {
                let Some(kind) = self.stats()?.terms.get(en.as_ref()).cloned() else {
                    return Err(Refusal::Damaged(format!("the term {en:?} has no T record")));
                };
                let (en, renderings, contexts) = (en.into_owned(), Vec::new(), Vec::new());
                self.entry = Some(TermStats { en, kind, count, docs, score, renderings, contexts });
            }
            Record::Rendering { en, rendering } => self.entry_of(&en, "R")?.renderings.push(rendering.into_owned()),
            Record::Context { en, context } => self.entry_of(&en, "C")?.contexts.push(context.into_owned()),
            Record::Units(units) => self.stats()?.cooccurrences.add_units(units),
            Record::Span(span) => self.stats()?.cooccurrences.add_span(span.into_owned()),
            Record::Phrase { phrase, units, whole } => self.stats()?.cooccurrences.add_phrase(&phrase, units, whole),
            Record::Pair { norm, phrase, units } => {
                if !self.stats()?.cooccurrences.add_pair(&norm, &phrase, units) {
                    return Err(Refusal::Damaged(format!("the pair {norm:?} / {phrase:?} has no A or P record")));
                }
            }
            Record::End { .. } => {
                self.stats()?;
            }
        }
        Ok(())
    }

    /// The statistics, after the `Z` record.
    fn finish(self) -> std::result::Result<Stats, Refusal> {
        match self.stats {
            Some(stats) => Ok(stats),
            None => self.started(),
        }
    }

    /// Records come in the order of [`PARTIAL_RECORD_ORDER`], except that
    /// the records of entries interleave (one entry after another).
    fn check_order(&mut self, record: &Record<'_>) -> std::result::Result<(), Refusal> {
        let rank = record.rank();
        let interleaved = ENTRY_RANKS.contains(&rank) && ENTRY_RANKS.contains(&self.latest);
        if rank < self.latest && !interleaved {
            let latest = PARTIAL_RECORD_ORDER[self.latest];
            return Err(Refusal::Damaged(format!("a {} record after the {latest} records", record.tag())));
        }
        self.latest = self.latest.max(rank);
        Ok(())
    }

    fn add_setting(&mut self, name: String, value: String) -> std::result::Result<(), Refusal> {
        if let Some((setting, first)) =
            self.expected.iter().find(|(setting, first)| *setting == name && *first != value)
        {
            return Err(Refusal::Differs { setting, here: value, first: first.clone() });
        }
        if self.settings.contains_key(&name) {
            return Err(Refusal::Damaged(format!("the setting `{name}` is given twice")));
        }
        self.settings.insert(name, value);
        Ok(())
    }

    /// Empty statistics with the settings read, all of which must have
    /// been given: the first record after them starts the statistics.
    fn started(&self) -> std::result::Result<Stats, Refusal> {
        Ok(Stats::new(Settings::from_named_values(&self.settings).map_err(Refusal::Damaged)?))
    }

    /// The statistics read so far, for a record that is neither a setting
    /// nor part of an entry: the entry before it is complete, so it is
    /// added.
    fn stats(&mut self) -> std::result::Result<&mut Stats, Refusal> {
        let mut stats = match self.stats.take() {
            Some(stats) => stats,
            None => self.started()?,
        };
        if let Some(entry) = self.entry.take() {
            stats.glossary.add_term_stats(entry);
        }
        Ok(self.stats.insert(stats))
    }

    /// The entry an `R` or `C` record (`tag`) of the term `en` belongs to.
    fn entry_of(&mut self, en: &str, tag: &str) -> std::result::Result<&mut TermStats, Refusal> {
        if self.stats.is_none() {
            self.stats = Some(self.started()?);
        }
        match self.entry.as_mut().filter(|entry| entry.en == en) {
            Some(entry) => Ok(entry),
            None => Err(Refusal::Damaged(format!("a {tag} record of {en:?} not after its E record"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignConfig, Method};
    use crate::candidates::CandidateSet;
    use crate::corpus::{ArticleKey, Place};
    use crate::glossary::{Context, ContextStats, GlossaryFilter, RenderingStats};
    use crate::stats::tests::{shards, text};
    use crate::testutil::{arabic_text, awkward_text};
    use proptest::prelude::*;

    fn read(text: &str) -> Stats {
        read_partial(text.as_bytes(), "t.part", None).unwrap()
    }

    fn error(text: &str, expected: Option<&Settings>) -> String {
        read_partial(text.as_bytes(), "t.part", expected).unwrap_err().to_string()
    }

    /// A file's text without the checksum fields, to be edited by a test.
    fn unseal(text: &str) -> String {
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines {
            out.push_str(line.rsplit_once('\t').unwrap().0);
            out.push('\n');
        }
        out
    }

    /// [`unseal`] undone: the checksums of the records as they are now,
    /// so that a test reaches the checks after them.
    fn seal(text: &str) -> String {
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        let mut sums = Checksums::default();
        for line in lines {
            out.push_str(&format!("{line}\t{:016x}\n", sums.next(line.as_bytes())));
        }
        out
    }

    /// `good` edited by `edit` between [`unseal`] and [`seal`].
    fn edited(good: &str, edit: impl FnOnce(String) -> String) -> String {
        seal(&edit(unseal(good)))
    }

    #[test]
    fn the_format_round_trips_with_awkward_text() {
        let mut candidates = CandidateSet::new();
        candidates.add("Tab\tName", |o| o.list = true);
        let mut stats = Stats::new(Settings::new(AlignConfig::default(), &candidates));
        let mut stats_b = Stats::new(stats.settings.clone());
        let key = ArticleKey::new("dir with\ttab/a\\b.txt", 3);
        stats.glossary.add_term_stats(TermStats {
            en: "Tab\tName".into(),
            kind: "org".into(),
            count: 2,
            docs: 1,
            score: 0.912_345_7,
            renderings: vec![RenderingStats {
                form: "تاب\nنيم".into(),
                count: 2,
                method: Method::Transliteration,
                score: 0.912_345_7,
                first: Place { article: key.clone(), offset: 17 },
            }],
            contexts: vec![ContextStats {
                place: Place { article: key.clone(), offset: 17 },
                context: Context { text: "line one\r\nline\\two".into(), source: "id\t1:2".into() },
            }],
        });
        stats.terms.insert("Tab\tName".into(), "org".into());
        stats.articles = 1;
        let mut words = crate::extract::ArticleWords::default();
        stats.cooccurrences.add_unit(&key, "u1", "قال البيت الأبيض", "The White House\tsaid.", &mut words);
        let written = text(&stats);
        assert!(written.starts_with("nazir-partial 3\nS\tmin-score\t0.8\t"), "{written}");
        assert!(written.contains("dir with\\ttab/a\\\\b.txt"), "{written}");
        let back = read(&written);
        assert_eq!(text(&back), written);
        stats_b.try_merge(back).unwrap();
        assert_eq!(text(&stats_b), written);
        assert_eq!(stats_b.finish(GlossaryFilter::default()), stats.finish(GlossaryFilter::default()));
    }

    #[test]
    fn versions_settings_and_damage_are_refused_with_file_and_line() {
        let (parts, _, _dir) = shards();
        let good = text(&parts[0]);
        let e = error(&good.replacen("nazir-partial 3", "nazir-partial 4", 1), None);
        assert!(e.contains("t.part:1: nazir-partial version 4: this nazir reads version 3"), "{e}");
        let e = error(&good.replacen("nazir-partial 3", "nazir-partial 2", 1), None);
        assert!(e.contains("t.part:1: nazir-partial version 2: this nazir reads version 3"), "{e}");
        let e = error(&unseal(&good).replacen("nazir-partial 3", "nazir-partial 1", 1), None);
        assert!(e.contains("t.part:1: nazir-partial version 1 was written by an older nazir"), "{e}");
        assert!(e.contains("write the file again with this nazir"), "{e}");
        assert!(error("glossary,csv\n", None).contains("t.part:1: not a nazir-partial file"));
        // A part built with another --min-score.
        let mut other = parts[1].settings.clone();
        other.align.min_score = 0.9;
        let e = error(&good, Some(&other));
        assert!(e.contains("t.part:2: setting min-score is 0.8 here but 0.9"), "{e}");
        // Another candidate set.
        let mut other = parts[1].settings.clone();
        other.candidates = "1:0000000000000000".into();
        let e = error(&good, Some(&other));
        assert!(e.contains("t.part:10: setting candidates is"), "{e}");
        // Cut short, or cut and glued.
        let lines: Vec<&str> = good.lines().collect();
        let cut = lines[..lines.len() - 1].join("\n") + "\n";
        assert!(error(&cut, None).contains("truncated"), "{}", error(&cut, None));
        let e = error(&edited(&good, |t| t.replace("\nR\t", "\nR\textra\t")), None);
        assert!(e.contains("not after its E record") || e.contains("fields"), "{e}");
        let e = error(&edited(&good, |t| t.replacen("\nD\t", "\nD\tx", 1)), None);
        assert!(e.contains("t.part:11: \"x"), "{e}");
        // Records out of order, or before the settings are complete.
        let e = error(&edited(&good, |t| t.replacen("\nU\t", "\nT\tlate\t\nU\t", 1)), None);
        assert!(e.contains(": a T record after the C records"), "{e}");
        let without = |t: String| t.replacen("S\tarticle-penalty\t0.04\n", "", 1).replacen("\nZ\t", "\nZ\tx", 1);
        let e = error(&edited(&good, without), None);
        assert!(e.ends_with("t.part:10: the setting `article-penalty` is missing"), "{e}");
        let e = error(&seal("nazir-partial 3\nS\tmin-score\t0.8\nZ\t1\n"), None);
        assert!(e.ends_with("t.part:3: the setting `short-min-score` is missing"), "{e}");
    }

    #[test]
    fn damage_inside_a_field_is_refused_at_its_line() {
        let (parts, _, _dir) = shards();
        let good = text(&parts[0]);
        let lines: Vec<&str> = good.lines().collect();
        let at = lines.iter().position(|l| l.starts_with("R\t")).unwrap();
        // One letter of a rendering changed for another: the record still
        // parses, and without the checksum the glossary would differ.
        let damaged: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut fields: Vec<String> = l.split('\t').map(String::from).collect();
                if i == at {
                    let letter = if fields[2].starts_with('ب') { "ت" } else { "ب" };
                    fields[2] = format!("{letter}{}", fields[2].chars().skip(1).collect::<String>());
                }
                fields.join("\t")
            })
            .collect();
        assert_ne!(damaged[at], lines[at], "the test changes a letter");
        let e = error(&(damaged.join("\n") + "\n"), None);
        assert!(e.ends_with(&format!("t.part:{}: the record does not match its checksum: it is damaged (changed, or a line before it was lost or moved)", at + 1)), "{e}");
        // A line lost, or two swapped: refused at the first line touched.
        let mut lost = lines.clone();
        lost.remove(at);
        let e = error(&(lost.join("\n") + "\n"), None);
        assert!(e.contains(&format!("t.part:{}: the record does not match its checksum", at + 1)), "{e}");
        let mut swapped = lines.clone();
        swapped.swap(at, at + 1);
        let e = error(&(swapped.join("\n") + "\n"), None);
        assert!(e.contains(&format!("t.part:{}: the record does not match its checksum", at + 1)), "{e}");
        // The candidates file too.
        let e = read_candidates(&b"nazir-candidates 2\nN\tx\t1\t0\t0000000000000000\n"[..], "c").unwrap_err();
        assert!(e.to_string().ends_with("c:2: the record does not match its checksum: it is damaged (changed, or a line before it was lost or moved)"), "{e}");
    }

    #[test]
    fn files_name_the_part_that_does_not_fit() {
        let (parts, _, dir) = shards();
        let paths: Vec<PathBuf> = (0..2).map(|i| dir.path().join(format!("p{i}.part"))).collect();
        std::fs::write(&paths[0], text(&parts[0])).unwrap();
        let mut other = Stats::new(parts[1].settings.clone());
        other.settings.align.min_score = 0.85;
        std::fs::write(&paths[1], text(&other)).unwrap();
        let e = read_partial_files(&paths).unwrap_err();
        let first = paths[0].to_string_lossy();
        assert!(
            matches!(&e, Error::PartsDiffer(d)
                if d.line == Some(2) && d.setting == "min-score" && d.first_path.as_deref() == Some(&*first)),
            "{e:?}"
        );
        let e = e.to_string();
        assert!(e.contains("p1.part:2: setting min-score is 0.85 here but 0.8"), "{e}");
        assert!(e.ends_with(&format!("(in {})", paths[0].display())), "{e}");
        let e = read_partial_files(&[]).unwrap_err();
        assert!(matches!(&e, Error::Config { .. }), "{e:?}");
    }

    /// A place in the batch with an awkward file name.
    fn any_place() -> impl Strategy<Value = Place> {
        (awkward_text(), 0u64..5, 0u64..5000)
            .prop_map(|(file, ordinal, offset)| Place { article: ArticleKey::new(file, ordinal), offset })
    }

    /// The statistics of a term with awkward text in every field, any
    /// score (written in the shortest form that reads back) and any count.
    fn any_term_stats() -> impl Strategy<Value = TermStats> {
        let rendering =
            (awkward_text(), 1usize..50, proptest::sample::select(Method::ALL.to_vec()), 0f32..=1.0, any_place())
                .prop_map(|(form, count, method, score, first)| RenderingStats { form, count, method, score, first });
        let context = (any_place(), awkward_text(), awkward_text())
            .prop_map(|(place, text, source)| ContextStats { place, context: Context { text, source } });
        let renderings = proptest::collection::vec(rendering, 1..4);
        let contexts = proptest::collection::vec(context, 0..4);
        (awkward_text(), awkward_text(), 1usize..100, 1usize..20, 0f32..=1.0, renderings, contexts).prop_map(
            |(en, kind, count, docs, score, renderings, contexts)| TermStats {
                en,
                kind,
                count,
                docs,
                score,
                renderings,
                contexts,
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_written_partial_file_reads_back_to_the_same_bytes(
            terms in proptest::collection::vec(any_term_stats(), 0..4),
            units in proptest::collection::vec((awkward_text(), arabic_text(), awkward_text()), 0..3),
            articles in 0u64..1000,
        ) {
            let mut stats = Stats::new(Settings::new(AlignConfig::default(), &CandidateSet::new()));
            stats.articles = articles;
            for t in terms {
                // A term has one kind, as in a build: a second TermStats of
                // the same term (as from another shard) takes the first's.
                let kind = stats.terms.entry(t.en.clone()).or_insert(t.kind.clone()).clone();
                stats.glossary.add_term_stats(TermStats { kind, ..t });
            }
            let mut words = crate::extract::ArticleWords::default();
            for (k, (file, arabic, english)) in units.iter().enumerate() {
                let key = ArticleKey::new(file.as_str(), k as u64);
                stats.cooccurrences.add_unit(&key, &format!("u{k}"), arabic, english, &mut words);
            }
            let written = text(&stats);
            let back = match read_partial(written.as_bytes(), "t.part", None) {
                Ok(back) => back,
                Err(e) => return Err(TestCaseError::fail(format!("{e}\n{written}"))),
            };
            prop_assert_eq!(text(&back), written);
            // Not only the same bytes (a lossy writer would give those on a
            // second round): the same statistics.
            prop_assert_eq!(back.glossary.term_stats(), stats.glossary.term_stats());
            prop_assert_eq!(&back.terms, &stats.terms);
            prop_assert_eq!(back.articles, stats.articles);
            prop_assert_eq!(back.cooccurrences.units(), stats.cooccurrences.units());
        }
    }

    #[test]
    fn bad_bytes_are_placed_in_the_file_as_in_every_file() {
        // 19 bytes of header, then the bad byte after `N\tx` on line 2.
        let e = read_candidates(&b"nazir-candidates 2\nN\tx\xC3\t1\t0\nZ\t1\n"[..], "c").unwrap_err();
        assert_eq!(e.to_string(), "bad data file: c:2 (byte 22): not valid UTF-8 (byte 0xC3)");
        let (parts, _, _dir) = shards();
        let good = text(&parts[0]);
        let line = good.lines().position(|l| l.starts_with("R\t")).unwrap();
        let start: usize = good.lines().take(line).map(|l| l.len() + 1).sum();
        let mut bad = good.clone().into_bytes();
        bad[start + 2] = 0xFF;
        let e = read_partial(&bad[..], "t.part", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("bad data file: t.part:{} (byte {}): not valid UTF-8 (byte 0xFF)", line + 1, start + 2)
        );
        // A byte-order mark is dropped at the start of the file only (and
        // counted in the offsets); later it is text, and refused.
        let with_mark = format!("\u{FEFF}{good}");
        assert_eq!(text(&read(&with_mark)), good);
        let e = read_candidates(&b"\xEF\xBB\xBFnazir-candidates 2\nN\t\xFF\t1\t0\n"[..], "c").unwrap_err();
        assert_eq!(e.to_string(), "bad data file: c:2 (byte 24): not valid UTF-8 (byte 0xFF)");
        let e = error(&edited(&good, |t| t.replacen("\nD\t", "\n\u{FEFF}D\t", 1)), None);
        assert!(e.contains("unknown record type `\u{feff}D`"), "{e}");
    }

    #[test]
    fn candidates_files_round_trip_and_merge() {
        let mut a = BatchCandidates::new();
        a.add_latin("DeepSeek");
        a.add_english("Bank\tof America");
        let mut out = Vec::new();
        write_candidates(&a, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(unseal(&text), "nazir-candidates 2\nN\tBank\\tof America\t0\t1\nN\tDeepSeek\t1\t0\nZ\t2\n");
        assert_eq!(seal(&unseal(&text)), text);
        let back = read_candidates(text.as_bytes(), "c").unwrap();
        assert_eq!(back, a);
        let e = read_candidates(seal("nazir-candidates 2\nN\tx\t1\t0\n").as_bytes(), "c").unwrap_err();
        assert!(e.to_string().ends_with("c:3: the file ends without its Z record: it is truncated"), "{e}");
    }
}
