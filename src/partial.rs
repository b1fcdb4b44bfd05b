//! Sharded runs: a build's sufficient statistics, their files, and merging.
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
//!    ([`Stats::try_merge`]) and finished exactly as a single build finishes
//!    (the association pass over parallel units, then ordering and
//!    filtering), by the same code: a single build is itself "collect the
//!    statistics, then [`Stats::finish`]".
//!
//! Merging is associative and commutative, so parts can be merged in any
//! order and grouping. The glossary equals that of one run over the whole
//! batch because nothing depends on the order articles are processed in:
//! "first seen" is defined by the [`ArticleKey`] of each article (its
//! input file, relative to the directory it was found under, and its
//! position in the file). Equality therefore holds when the shards are
//! files of the same input tree named the same way: either the same
//! directory given to every run (`--root DIR` lets a shard name single
//! files under it as a walk of `DIR` would), or files given by the same
//! paths. A file is never split between shards.
//!
//! # Candidates file, version 1
//!
//! UTF-8 text, one record per line (`\n`), fields separated by TAB:
//!
//! ```text
//! nazir-candidates 1
//! N <spelling> <as Latin name> <in English text>
//! Z <number of N records>
//! ```
//!
//! `N` records are counts of one spelling (sorted by spelling when
//! written). Several files merge by adding counts; their order does not
//! matter.
//!
//! # Partial file, version 1
//!
//! UTF-8 text, one record per line (`\n`), fields separated by TAB; the
//! first field is the record type. Each field escapes backslash, TAB, LF
//! and CR as `\\`, `\t`, `\n`, `\r`. Numbers are decimal; scores are
//! written in the shortest form that reads back to the same `f32`. A
//! *place* is three fields: the article's file, its 0-based ordinal in the
//! file, and a byte offset in its text.
//!
//! ```text
//! nazir-partial 1
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
//! P <phrase> <units>               an English phrase of the units
//! X <norm> <phrase> <units>        units where both occur
//! Z <records>                      the end: the number of records between
//!                                  the first line and this one
//! ```
//!
//! The settings are `min-score`, `short-min-score`, `short-consonants`,
//! `clitic-penalty`, `article-strip-penalty`, `article-penalty`,
//! `gazetteer-only-margin` (the alignment configuration) and `candidates`
//! (`COUNT:HASH`, the fingerprint of the candidate set aligned against,
//! [`CandidateSet::fingerprint`]). Parts whose settings differ, or written
//! by another version of the format, are refused with the file and line.
//! Records come in the order above; `R` and `C` records follow the `E` of
//! their term, `E` follows the `T` of its term, `X` follows the `A` and `P`
//! it names. A file without its `Z` record is truncated and refused.

use crate::align::Method;
use crate::associate::ArabicSpan;
use crate::candidates::{BatchCandidates, SpellingCounts};
use crate::error::{Error, InputProblem, Result};
use crate::stats::{Settings, Stats};
use crate::glossary::{ArticleKey, Context, ContextStats, Place};
use crate::glossary::{RenderingStats, TermStats};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// First word of a partial file.
pub const PARTIAL_MAGIC: &str = "nazir-partial";
/// The partial file version written and read.
pub const PARTIAL_VERSION: u32 = 1;
/// First word of a candidates file.
pub const CANDIDATES_MAGIC: &str = "nazir-candidates";
/// The candidates file version written and read.
pub const CANDIDATES_VERSION: u32 = 1;

impl Stats {
    /// Writes the statistics as a partial file (see the module
    /// documentation). The output depends only on the statistics, not on
    /// how they were collected or merged.
    pub fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = RecordWriter { out, records: 0 };
        writeln!(w.out, "{PARTIAL_MAGIC} {PARTIAL_VERSION}")?;
        for (name, value) in self.settings.named_values() {
            w.record(&["S", name, &value])?;
        }
        w.record(&["D", &self.articles.to_string()])?;
        for (en, kind) in &self.terms {
            w.record(&["T", en, kind])?;
        }
        for t in self.glossary.term_stats() {
            w.record(&["E", &t.en, &t.count.to_string(), &t.docs.to_string(), &t.score.to_string()])?;
            for r in &t.renderings {
                let (file, ordinal, offset) = place_fields(&r.first);
                let (count, score) = (r.count.to_string(), r.score.to_string());
                w.record(&["R", &t.en, &r.form, &count, r.method.as_str(), &score, file, &ordinal, &offset])?;
            }
            for c in &t.contexts {
                let (file, ordinal, offset) = place_fields(&c.place);
                w.record(&["C", &t.en, file, &ordinal, &offset, &c.context.text, &c.context.source])?;
            }
        }
        let co = &self.cooccurrences;
        w.record(&["U", &co.units().to_string()])?;
        let mut spans: Vec<&ArabicSpan> = co.arabic_spans().iter().collect();
        spans.sort_by(|a, b| a.norm.cmp(&b.norm));
        for s in spans {
            let (units, ordinal) = (s.units.to_string(), s.first.ordinal.to_string());
            w.record(&["A", &s.norm, &s.display, &units, &s.first.file, &ordinal, &s.context, &s.source])?;
        }
        let mut phrases: Vec<(&str, u32)> = co.english_phrases().collect();
        phrases.sort();
        for (phrase, units) in phrases {
            w.record(&["P", phrase, &units.to_string()])?;
        }
        let mut pairs: Vec<(&str, &str, u32)> = co.pair_counts().collect();
        pairs.sort();
        for (norm, phrase, units) in pairs {
            w.record(&["X", norm, phrase, &units.to_string()])?;
        }
        let n = w.records;
        w.record(&["Z", &n.to_string()])
    }

    /// Reads a partial file; `name` names it in errors. With `expected`,
    /// a setting that differs is an error at its line.
    pub fn read(input: impl BufRead, name: &str, expected: Option<&Settings>) -> Result<Stats> {
        PartialReader::new(name, expected).read(input)
    }
}

fn place_fields(p: &Place) -> (&str, String, String) {
    (&p.article.file, p.article.ordinal.to_string(), p.offset.to_string())
}

/// Reads partial files and merges them in the order given, checking that
/// all were built with the settings of the first. `-` is standard input.
pub fn read_partial_files(paths: &[PathBuf]) -> Result<Stats> {
    let mut merged: Option<(Stats, String)> = None;
    for path in paths {
        let name = path.to_string_lossy().to_string();
        let expected = merged.as_ref().map(|(s, _)| &s.settings);
        let part = with_reader(path, |r| Stats::read(r, &name, expected)).map_err(|e| match (e, &merged) {
            (Error::Data(mut p), Some((_, first))) if p.reason.starts_with("setting ") => {
                p.reason = format!("{} (in {first})", p.reason);
                Error::Data(p)
            }
            (e, _) => e,
        })?;
        match &mut merged {
            Some((m, _)) => m.try_merge(part)?,
            None => merged = Some((part, name)),
        }
    }
    merged.map(|(m, _)| m).ok_or_else(|| {
        Error::Data(InputProblem {
            path: "merge-partials".into(),
            line: None,
            byte_offset: None,
            reason: "no partial file given".into(),
        })
    })
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
    let mut w = RecordWriter { out, records: 0 };
    writeln!(w.out, "{CANDIDATES_MAGIC} {CANDIDATES_VERSION}")?;
    for (en, c) in found.spellings() {
        w.record(&["N", en, &c.latin.to_string(), &c.english_text.to_string()])?;
    }
    let n = w.records;
    w.record(&["Z", &n.to_string()])
}

/// Reads a candidates file; `name` names it in errors.
pub fn read_candidates(input: impl BufRead, name: &str) -> Result<BatchCandidates> {
    let mut found = BatchCandidates::new();
    let mut lines = Lines::new(input, name);
    lines.header(CANDIDATES_MAGIC, CANDIDATES_VERSION)?;
    let mut records = 0u64;
    while let Some(fields) = lines.next_record()? {
        match fields[0].as_str() {
            "N" => {
                lines.width(&fields, 4)?;
                let counts =
                    SpellingCounts { latin: lines.number(&fields[2])?, english_text: lines.number(&fields[3])? };
                found.add_counts(&fields[1], counts);
            }
            "Z" => return lines.end(&fields, records).map(|()| found),
            tag => return Err(lines.problem(format!("unknown record type `{tag}` in a candidates file"))),
        }
        records += 1;
    }
    Err(lines.truncated())
}

/// Reads candidates files (`-` is standard input) and merges them.
pub fn read_candidate_files(paths: &[PathBuf]) -> Result<BatchCandidates> {
    let mut found = BatchCandidates::new();
    for path in paths {
        let name = path.to_string_lossy().to_string();
        found.merge(with_reader(path, |r| read_candidates(r, &name))?);
    }
    Ok(found)
}

/// Escapes a field: backslash, TAB, LF and CR.
pub fn escape_field(field: &str) -> std::borrow::Cow<'_, str> {
    if !field.contains(['\\', '\t', '\n', '\r']) {
        return field.into();
    }
    let mut out = String::with_capacity(field.len() + 8);
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.into()
}

/// Undoes [`escape_field`]; `None` for a bad escape.
pub fn unescape_field(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

struct RecordWriter<'w> {
    out: &'w mut dyn Write,
    records: u64,
}

impl RecordWriter<'_> {
    fn record(&mut self, fields: &[&str]) -> std::io::Result<()> {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b"\t")?;
            }
            self.out.write_all(escape_field(f).as_bytes())?;
        }
        self.out.write_all(b"\n")?;
        self.records += 1;
        Ok(())
    }
}

/// Lines of a record file, with the line number for errors.
struct Lines<R> {
    input: R,
    name: String,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R, name: &str) -> Self {
        Lines { input, name: name.to_string(), line: 0, buf: Vec::new() }
    }

    fn problem(&self, reason: String) -> Error {
        Error::Data(InputProblem { path: self.name.clone(), line: Some(self.line), byte_offset: None, reason })
    }

    fn truncated(&self) -> Error {
        Error::Data(InputProblem {
            path: self.name.clone(),
            line: Some(self.line + 1),
            byte_offset: None,
            reason: "the file ends without its Z record: it is truncated".into(),
        })
    }

    /// The next line without its line end, or `None` at the end.
    fn next_line(&mut self) -> Result<Option<String>> {
        self.buf.clear();
        let n = self.input.read_until(b'\n', &mut self.buf).map_err(|e| Error::io(&self.name, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        let mut bytes = &self.buf[..];
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Some(s.to_string())),
            Err(e) => Err(self.problem(format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to()))),
        }
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
            Ok(found) => Err(self.problem(format!(
                "{magic} version {found}: this nazir reads version {version} (write the file with the same nazir)"
            ))),
            Err(_) => Err(self.problem(format!("{magic}: bad version {v:?}"))),
        }
    }

    /// The fields of the next record, unescaped, or `None` at the end.
    fn next_record(&mut self) -> Result<Option<Vec<String>>> {
        let Some(line) = self.next_line()? else { return Ok(None) };
        let fields = line
            .split('\t')
            .map(unescape_field)
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| self.problem("a field has a bad backslash escape".into()))?;
        Ok(Some(fields))
    }

    fn width(&self, fields: &[String], n: usize) -> Result<()> {
        if fields.len() == n {
            Ok(())
        } else {
            Err(self.problem(format!("a {} record has {n} fields, this one has {}", fields[0], fields.len())))
        }
    }

    fn number<T: std::str::FromStr>(&self, field: &str) -> Result<T> {
        field.parse().map_err(|_| self.problem(format!("{field:?} is not a valid number")))
    }

    fn method(&self, field: &str) -> Result<Method> {
        Method::parse(field).ok_or_else(|| self.problem(format!("{field:?} is not a method")))
    }

    fn place(&self, file: &str, ordinal: &str, offset: &str) -> Result<Place> {
        Ok(Place { article: ArticleKey::new(file, self.number(ordinal)?), offset: self.number(offset)? })
    }

    /// Checks the `Z` record and that nothing follows it.
    fn end(&mut self, fields: &[String], records: u64) -> Result<()> {
        self.width(fields, 2)?;
        let n: u64 = self.number(&fields[1])?;
        if n != records {
            return Err(self.problem(format!("the Z record counts {n} records, the file has {records}")));
        }
        if self.next_line()?.is_some() {
            return Err(self.problem("something follows the Z record".into()));
        }
        Ok(())
    }
}

/// Reading state of a partial file.
struct PartialReader<'e> {
    name: String,
    expected: Option<&'e Settings>,
}

impl<'e> PartialReader<'e> {
    fn new(name: &str, expected: Option<&'e Settings>) -> Self {
        PartialReader { name: name.to_string(), expected }
    }

    fn read(self, input: impl BufRead) -> Result<Stats> {
        let mut lines = Lines::new(input, &self.name);
        lines.header(PARTIAL_MAGIC, PARTIAL_VERSION)?;
        let expected: HashMap<&str, String> =
            self.expected.map(|s| s.named_values().into_iter().collect()).unwrap_or_default();
        let mut settings: HashMap<String, String> = HashMap::new();
        let mut stats: Option<Stats> = None;
        let mut term: Option<TermStats> = None;
        let mut records = 0u64;
        // Record types in file order; a record may not come back to an
        // earlier type.
        const ORDER: &str = "SDTERCUAPXZ";
        let mut stage = 0;
        while let Some(f) = lines.next_record()? {
            let tag = f[0].as_str();
            let rank = match ORDER.find(tag).filter(|_| tag.len() == 1) {
                Some(r) => r,
                None => return Err(lines.problem(format!("unknown record type `{tag}` in a partial file"))),
            };
            // E, R and C interleave (one entry after another).
            let interleaved = (3..=5).contains(&rank) && (3..=5).contains(&stage);
            if rank < stage && !interleaved {
                return Err(lines.problem(format!("a {tag} record after the {} records", &ORDER[stage..=stage])));
            }
            stage = stage.max(rank);
            if tag != "S" && stats.is_none() {
                let s = Settings::from_named_values(&settings).map_err(|reason| lines.problem(reason))?;
                stats = Some(Stats::new(s));
            }
            if !matches!(tag, "R" | "C")
                && let (Some(t), Some(s)) = (term.take(), stats.as_mut())
            {
                s.glossary.add_term_stats(t);
            }
            match tag {
                "S" => {
                    lines.width(&f, 3)?;
                    let (name, value) = (&f[1], &f[2]);
                    if let Some(want) = expected.get(name.as_str()).filter(|want| *want != value) {
                        return Err(lines.problem(format!(
                            "setting {name} is {value} here but {want} in the first part: parts merge only when \
                             built with the same settings and candidates"
                        )));
                    }
                    if settings.insert(name.clone(), value.clone()).is_some() {
                        return Err(lines.problem(format!("the setting `{name}` is given twice")));
                    }
                }
                "D" => {
                    lines.width(&f, 2)?;
                    stats.as_mut().expect("settings read").articles += lines.number::<u64>(&f[1])?;
                }
                "T" => {
                    lines.width(&f, 3)?;
                    stats.as_mut().expect("settings read").terms.insert(f[1].clone(), f[2].clone());
                }
                "E" => {
                    lines.width(&f, 5)?;
                    let kind = match stats.as_ref().expect("settings read").terms.get(&f[1]) {
                        Some(k) => k.clone(),
                        None => return Err(lines.problem(format!("the term {:?} has no T record", f[1]))),
                    };
                    term = Some(TermStats {
                        en: f[1].clone(),
                        kind,
                        count: lines.number(&f[2])?,
                        docs: lines.number(&f[3])?,
                        score: lines.number(&f[4])?,
                        renderings: Vec::new(),
                        contexts: Vec::new(),
                    });
                }
                "R" | "C" => {
                    let Some(t) = term.as_mut().filter(|t| t.en == f[1]) else {
                        return Err(lines.problem(format!("a {tag} record of {:?} not after its E record", f[1])));
                    };
                    if tag == "R" {
                        lines.width(&f, 9)?;
                        t.renderings.push(RenderingStats {
                            form: f[2].clone(),
                            count: lines.number(&f[3])?,
                            method: lines.method(&f[4])?,
                            score: lines.number(&f[5])?,
                            first: lines.place(&f[6], &f[7], &f[8])?,
                        });
                    } else {
                        lines.width(&f, 7)?;
                        t.contexts.push(ContextStats {
                            place: lines.place(&f[2], &f[3], &f[4])?,
                            context: Context { text: f[5].clone(), source: f[6].clone() },
                        });
                    }
                }
                "U" => {
                    lines.width(&f, 2)?;
                    stats.as_mut().expect("settings read").cooccurrences.add_units(lines.number(&f[1])?);
                }
                "A" => {
                    lines.width(&f, 8)?;
                    let span = ArabicSpan {
                        norm: f[1].clone(),
                        display: f[2].clone(),
                        units: lines.number(&f[3])?,
                        first: ArticleKey::new(Arc::<str>::from(f[4].as_str()), lines.number(&f[5])?),
                        context: f[6].clone(),
                        source: f[7].clone(),
                    };
                    stats.as_mut().expect("settings read").cooccurrences.add_span(span);
                }
                "P" => {
                    lines.width(&f, 3)?;
                    let units = lines.number(&f[2])?;
                    stats.as_mut().expect("settings read").cooccurrences.add_phrase(&f[1], units);
                }
                "X" => {
                    lines.width(&f, 4)?;
                    let units = lines.number(&f[3])?;
                    if !stats.as_mut().expect("settings read").cooccurrences.add_pair(&f[1], &f[2], units) {
                        return Err(lines.problem(format!("the pair {:?} / {:?} has no A or P record", f[1], f[2])));
                    }
                }
                "Z" => {
                    lines.end(&f, records)?;
                    return Ok(stats.expect("settings read"));
                }
                _ => unreachable!("record types are checked above"),
            }
            records += 1;
        }
        Err(lines.truncated())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignConfig;
    use crate::candidates::CandidateSet;
    use crate::glossary::GlossaryFilter;
    use crate::pipeline::{BuildConfig, build, build_stats, scan};
    use std::path::Path;

    fn data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
    }

    /// A copy of the test batch as one tree: `articles/*.txt`,
    /// `batch.jsonl` and the parallel text of `parallel/` (TMX, line
    /// pairs), with the input files a walk of it reads.
    fn tree() -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["articles", "parallel"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            for entry in std::fs::read_dir(data().join(sub)).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::copy(data().join("batch.jsonl"), dir.path().join("batch.jsonl")).unwrap();
        let files = crate::pipeline::keyed_files(&[dir.path().to_path_buf()], None).unwrap();
        let files: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
        assert_eq!(files.len(), 8, "{files:?}");
        (dir, files)
    }

    fn config(root: &Path, inputs: Vec<PathBuf>, candidates: Vec<PathBuf>) -> BuildConfig {
        BuildConfig {
            inputs,
            root: Some(root.to_path_buf()),
            candidate_files: candidates,
            english_lists: vec![data().join("english.txt")],
            default_gazetteer: false,
            threads: 1,
            ..BuildConfig::default()
        }
    }

    fn text(stats: &Stats) -> String {
        let mut out = Vec::new();
        stats.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn read(text: &str) -> Stats {
        Stats::read(text.as_bytes(), "t.part", None).unwrap()
    }

    fn error(text: &str, expected: Option<&Settings>) -> String {
        Stats::read(text.as_bytes(), "t.part", expected).unwrap_err().to_string()
    }

    /// The statistics of three shards of the test batch, aligned against
    /// the candidates of the whole batch, and those of a single run.
    fn shards() -> (Vec<Stats>, Stats, tempfile::TempDir) {
        let (dir, files) = tree();
        let shards = [&files[0..1], &files[1..4], &files[4..]];
        assert!(shards[2].iter().any(|f| f.ends_with("news.tmx")));
        let cands = dir.path().join("all.cands");
        let mut found = BatchCandidates::new();
        for shard in shards {
            let out = scan(&config(dir.path(), shard.to_vec(), vec![]), &mut |_| {}).unwrap();
            found.merge(out.found);
        }
        let mut bytes = Vec::new();
        write_candidates(&found, &mut bytes).unwrap();
        std::fs::write(&cands, bytes).unwrap();
        let parts: Vec<Stats> = shards
            .iter()
            .map(|s| build_stats(&config(dir.path(), s.to_vec(), vec![cands.clone()]), &mut |_| {}).unwrap().stats)
            .collect();
        let whole = build_stats(&config(dir.path(), vec![dir.path().to_path_buf()], vec![]), &mut |_| {}).unwrap();
        // Read in the reverse order, the batch has the same statistics:
        // first sights follow the article keys.
        let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
        let backwards = build_stats(&config(dir.path(), reversed, vec![]), &mut |_| {}).unwrap();
        assert_eq!(text(&backwards.stats), text(&whole.stats));
        (parts, whole.stats, dir)
    }

    #[test]
    fn fields_escape_and_round_trip() {
        for s in ["", "plain", "a\tb", "line\nnext\r\n", "back\\slash", "\\t literally", "عربي\tEnglish\\n"] {
            let e = escape_field(s);
            assert!(!e.contains(['\t', '\n', '\r']), "{e:?}");
            assert_eq!(unescape_field(&e).as_deref(), Some(s));
        }
        assert_eq!(unescape_field("bad\\x"), None);
        assert_eq!(unescape_field("trailing\\"), None);
    }

    #[test]
    fn merging_is_associative_and_commutative_and_equals_one_run() {
        let (parts, whole, _dir) = shards();
        let texts: Vec<String> = parts.iter().map(text).collect();
        let part = |i: usize| read(&texts[i]);
        let merge = |mut a: Stats, b: Stats| {
            a.try_merge(b).unwrap();
            a
        };
        let left = merge(merge(part(0), part(1)), part(2));
        let right = merge(part(0), merge(part(1), part(2)));
        let reversed = merge(merge(part(2), part(1)), part(0));
        let from_empty = merge(merge(Stats::new(whole.settings.clone()), part(1)), merge(part(2), part(0)));
        let whole_text = text(&whole);
        for (name, m) in [("(a+b)+c", &left), ("a+(b+c)", &right), ("c+b+a", &reversed), ("0+b+(c+a)", &from_empty)] {
            assert_eq!(text(m), whole_text, "{name}");
        }
        assert_eq!(whole.articles, 32);
        let glossary = left.finish(GlossaryFilter::default());
        assert!(glossary.entries.len() > 20);
        assert_eq!(glossary, whole.finish(GlossaryFilter::default()));
        // And the single run is that very glossary.
        let (dir, _) = tree();
        let single = build(&config(dir.path(), vec![dir.path().to_path_buf()], vec![]), &mut |_| {}).unwrap();
        assert_eq!(single.glossary, glossary);
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
        assert!(written.starts_with("nazir-partial 1\nS\tmin-score\t0.8\n"), "{written}");
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
        let e = error(&good.replacen("nazir-partial 1", "nazir-partial 2", 1), None);
        assert!(e.contains("t.part:1: nazir-partial version 2: this nazir reads version 1"), "{e}");
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
        assert!(e.contains("t.part:9: setting candidates is"), "{e}");
        // Cut short, or cut and glued.
        let lines: Vec<&str> = good.lines().collect();
        let cut = lines[..lines.len() - 1].join("\n") + "\n";
        assert!(error(&cut, None).contains("truncated"), "{}", error(&cut, None));
        let e = error(&good.replace("\nR\t", "\nR\textra\t"), None);
        assert!(e.contains("not after its E record") || e.contains("fields"), "{e}");
        let e = error(&good.replacen("\nD\t", "\nD\tx", 1), None);
        assert!(e.contains("t.part:10: \"x"), "{e}");
    }

    #[test]
    fn files_name_the_part_that_does_not_fit() {
        let (parts, _, dir) = shards();
        let paths: Vec<PathBuf> = (0..2).map(|i| dir.path().join(format!("p{i}.part"))).collect();
        std::fs::write(&paths[0], text(&parts[0])).unwrap();
        let mut other = Stats::new(parts[1].settings.clone());
        other.settings.align.min_score = 0.85;
        std::fs::write(&paths[1], text(&other)).unwrap();
        let e = read_partial_files(&paths).unwrap_err().to_string();
        assert!(e.contains("p1.part:2: setting min-score is 0.85 here but 0.8"), "{e}");
        assert!(e.ends_with(&format!("(in {})", paths[0].display())), "{e}");
    }

    #[test]
    fn candidates_files_round_trip_and_merge() {
        let mut a = BatchCandidates::new();
        a.add_latin("DeepSeek");
        a.add_english("Bank\tof America");
        let mut out = Vec::new();
        write_candidates(&a, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "nazir-candidates 1\nN\tBank\\tof America\t0\t1\nN\tDeepSeek\t1\t0\nZ\t2\n");
        let back = read_candidates(text.as_bytes(), "c").unwrap();
        assert_eq!(back, a);
        let e = read_candidates("nazir-candidates 1\nN\tx\t1\t0\n".as_bytes(), "c").unwrap_err();
        assert!(e.to_string().ends_with("c:3: the file ends without its Z record: it is truncated"), "{e}");
    }
}
