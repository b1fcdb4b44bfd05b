//! Reading article batches.
//!
//! Inputs are files, directories (walked recursively in sorted order, so
//! runs are deterministic) or `-` for standard input:
//!
//! * `*.txt`: one article per file, UTF-8, a BOM and CRLF line ends
//!   accepted; the id is the path relative to the directory given (or the
//!   path as given for a file).
//! * `*.jsonl`: one article per line, `{"id": …, "text": …, "en": …}`, with
//!   `en` (the English text of the same article) optional.
//! * `*.tmx`: a translation memory. Every `<tu>` with an Arabic and an
//!   English `<tuv>` (`xml:lang` or the TMX 1.1 `lang`, matched on the
//!   primary subtag without regard to case: `ar`, `AR-SA`, `en-US`) is one
//!   article with id `FILE#N`, N the 1-based index of the `<tu>` in the
//!   file. Inline markup codes (`bpt`, `ept`, `ph`, `it`, `ut`) are dropped,
//!   the text of `hi` and `sub` is kept. Units missing a language are
//!   skipped.
//! * `X.ar`: line-aligned parallel text (Moses/OPUS style), read together
//!   with `X.en` beside it. Line k of both is one article with id `X.ar:k`;
//!   pairs where either side is blank are skipped. The two files must have
//!   the same number of lines (blank lines at the end are not counted). A
//!   `.en` file is never an input of its own.
//! * standard input: JSONL when it starts with `{`, otherwise one article.
//!
//! Articles are handed to a callback one at a time, so a batch is never
//! held in memory whole (TMX and line pairs are streamed too). A file that
//! is not UTF-8, a JSONL line that does not parse, a TMX file that is not
//! well-formed (the units before the error are kept), a `.ar` file without
//! its `.en` partner or with a different number of lines becomes an
//! [`InputProblem`] (with path, line and byte offset where they apply) and
//! the rest of the batch goes on, unless the caller asks to stop.

use crate::corpus::{Article, ArticleKey, Layout};
use crate::error::{Error, InputProblem, Result};
use crate::text::{BOM, Origin};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to do after a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnProblem {
    /// Report it and go on with the batch.
    Continue,
    /// Stop at the first problem.
    Stop,
}

#[derive(Deserialize)]
struct JsonArticle {
    /// Kept as written: a number id longer than a float can hold exactly
    /// (`12345678901234567890123`) must not lose digits and collide.
    id: Option<Box<serde_json::value::RawValue>>,
    text: Option<String>,
    en: Option<String>,
}

/// An input file, with the name its articles are keyed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file as it is opened (`-` for standard input).
    pub path: PathBuf,
    /// Its name in article keys ([`ArticleKey::file`]): relative to the
    /// directory it was found under or to the root, `/`-separated.
    pub key: Arc<str>,
    /// Why the walk could not look into it (an unreadable folder), reported
    /// as a problem when it is read.
    unreadable: Option<String>,
}

impl InputFile {
    /// Whether this is standard input.
    pub(crate) fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Whether the file can be read a second time: a regular file. Standard
    /// input, a pipe (`<(cat f)`) or a device gives its bytes once, so a
    /// reader that needs them twice must keep them.
    pub fn rereadable(&self) -> bool {
        !self.is_stdin() && self.unreadable.is_none() && std::fs::metadata(&self.path).is_ok_and(|m| m.is_file())
    }
}

/// The deepest XML nesting a TMX file may have: real TMX nests a handful
/// of levels (tmx, body, tu, tuv, seg, inline codes); anything deeper is
/// not a translation memory, and following it would cost memory per level.
pub const MAX_XML_DEPTH: usize = 64;

/// The input files `inputs` stand for, in reading order, with their keys:
/// each path as given, directories expanded to their `.txt`, `.jsonl`,
/// `.tmx` and `.ar` files (recursively, sorted, hidden entries skipped; a
/// `.en` file is read as the partner of its `.ar`, not listed). A file found
/// in a directory is keyed relative to that directory, a file given directly
/// by its path as given. With `root`, every file must lie under it and is
/// keyed relative to it, as a walk of `root` would key it.
pub fn input_files(inputs: &[PathBuf], root: Option<&Path>) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for (path, found_under, unreadable) in expand_inputs(inputs)? {
        if path.as_os_str() == "-" {
            out.push(InputFile { path, key: Arc::from("-"), unreadable });
            continue;
        }
        let base = match root {
            Some(r) if path.strip_prefix(r).is_ok() => Some(r.to_path_buf()),
            Some(r) => {
                let reason = format!("not under the root {} (--root): give it as a path below it", r.display());
                return Err(Error::io(&path, std::io::Error::new(std::io::ErrorKind::InvalidInput, reason)));
            }
            None => found_under,
        };
        let rel = base.as_deref().and_then(|b| path.strip_prefix(b).ok()).unwrap_or(&path);
        let key = Arc::from(rel.to_string_lossy().replace('\\', "/"));
        out.push(InputFile { path, key, unreadable });
    }
    Ok(out)
}

/// A file an input stands for: its path, the folder it was found under
/// (none for a file given directly) and, for a folder the walk could not
/// read, why.
type Found = (PathBuf, Option<PathBuf>, Option<String>);

/// The paths of `files` as a list for another program (`nazir scan
/// --list-files`): one per line, or each ended by a NUL byte with `null`.
/// Without `null`, a name with a line break, or not in UTF-8, cannot be
/// listed so that it reads back: it is an error naming it.
pub fn file_list(files: &[InputFile], null: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for f in files {
        let name = bytes_of_path(&f.path);
        let unlistable = name.contains(&b'\n') || name.contains(&b'\r') || std::str::from_utf8(&name).is_err();
        if unlistable && !null {
            let reason = "its name has a line break or is not UTF-8: it cannot be listed one per line (use --null)";
            return Err(Error::Output { path: f.path.clone(), reason: reason.into() });
        }
        out.extend_from_slice(&name);
        out.push(if null { 0 } else { b'\n' });
    }
    Ok(out)
}

/// The paths of a file list (`--files-from`): one per line (a CR before the
/// line end is dropped), or NUL-separated with `null`; blank entries are
/// skipped. A name that is not UTF-8 is `None` where file names must be.
pub fn parse_file_list(bytes: &[u8], null: bool) -> Vec<Option<PathBuf>> {
    let names: Vec<&[u8]> = if null {
        bytes.split(|&b| b == 0).collect()
    } else {
        bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect()
    };
    names.into_iter().filter(|n| !n.iter().all(u8::is_ascii_whitespace)).map(path_of_bytes).collect()
}

/// A file name from its bytes: any bytes on Unix, UTF-8 elsewhere.
fn path_of_bytes(name: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        Some(PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(name).ok().map(PathBuf::from)
    }
}

/// A file name as bytes: any bytes on Unix, UTF-8 elsewhere.
fn bytes_of_path(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::as_bytes(path.as_os_str()).to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// Each path as given, directories expanded (see [`input_files`]), each
/// file with the directory it was found under and, for a folder the walk
/// could not read, why. A path given that does not exist is an error; what
/// goes wrong inside a folder is the problem of that entry only.
fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push((input.clone(), None, None));
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut visited = Vec::new();
            walk(input, &mut found, &mut visited);
            found.sort();
            out.extend(found.into_iter().map(|(f, why)| (f, Some(input.clone()), why)));
        } else {
            out.push((input.clone(), None, None));
        }
    }
    Ok(out)
}

/// Whether a file found in a folder is read as articles.
fn is_article_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl" | "tmx" | "ar"))
}

/// Collects the article files under `dir`. Symbolic links are followed
/// (to files and to folders; `visited` holds the folders already walked,
/// so a link back up does not loop); a link that leads nowhere is kept, so
/// that reading it reports it. A folder that cannot be read is kept with
/// the reason.
fn walk(dir: &Path, found: &mut Vec<(PathBuf, Option<String>)>, visited: &mut Vec<PathBuf>) {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if visited.contains(&real) {
            return;
        }
        visited.push(real);
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push((dir.to_path_buf(), Some(format!("the folder cannot be read: {e}")))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return found.push((dir.to_path_buf(), Some(format!("the folder cannot be read: {e}")))),
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // `metadata` follows links; a dangling link has none and is kept as
        // a file if its name says it is one.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, found, visited),
            _ if is_article_file(&path) => found.push((path, None)),
            _ => {}
        }
    }
}

/// How a file is read, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `.jsonl`.
    Jsonl,
    /// `.tmx`.
    Tmx,
    /// `.ar`: the Arabic side of a line-aligned pair.
    Arabic,
    /// `.en`: the English side of a line-aligned pair.
    English,
    /// `.txt`, a file without an extension, or standard input: one article.
    Text,
    /// Any other extension (`.md`, `.toml`, `.xlsx`, …): not an article.
    Other,
}

impl Kind {
    fn of(path: &Path) -> Kind {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl") => Kind::Jsonl,
            Some("tmx") => Kind::Tmx,
            Some("ar") => Kind::Arabic,
            Some("en") => Kind::English,
            Some("txt") | None => Kind::Text,
            Some(_) => Kind::Other,
        }
    }
}

/// What nazir reads, for messages.
pub const READ_FORMATS: &str = ".txt, .jsonl, .tmx and .ar/.en files";

/// Hands out the articles of one file with their keys, in file order.
struct Sink<'k, F> {
    key: &'k Arc<str>,
    ordinal: u64,
    article: F,
}

impl<F: FnMut(Article)> Sink<'_, F> {
    fn emit(&mut self, id: String, line: usize, layout: Layout, text: String, en: Option<String>) {
        let key = ArticleKey::new(self.key.clone(), self.ordinal);
        self.ordinal += 1;
        (self.article)(Article { key, id, line, layout, text, en });
    }
}

/// Reads every article of `inputs` (see [`input_files`] for `root`),
/// calling `article` for each and `problem` for each bad input. With
/// [`OnProblem::Stop`] the first problem ends the run with
/// [`Error::Input`]. A missing or unreadable file is an error in either
/// mode.
pub(crate) fn read_articles(
    inputs: &[PathBuf],
    root: Option<&Path>,
    on_problem: OnProblem,
    mut article: impl FnMut(Article),
    mut problem: impl FnMut(InputProblem),
) -> Result<()> {
    for file in input_files(inputs, root)? {
        read_file(&file, on_problem, &mut article, &mut problem)?;
    }
    Ok(())
}

/// Reads the articles of one input file, like `read_articles`.
pub fn read_file(
    file: &InputFile,
    on_problem: OnProblem,
    article: impl FnMut(Article),
    mut problem: impl FnMut(InputProblem),
) -> Result<()> {
    let mut report = |p: InputProblem| -> Result<()> {
        match on_problem {
            OnProblem::Stop => Err(Error::Input(p)),
            OnProblem::Continue => {
                problem(p);
                Ok(())
            }
        }
    };
    let mut sink = Sink { key: &file.key, ordinal: 0, article };
    let path = &file.path;
    if let Some(why) = &file.unreadable {
        let path = path.to_string_lossy().into_owned();
        return report(InputProblem { path, line: None, byte_offset: None, reason: why.clone() });
    }
    if file.is_stdin() {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io("-", e))?;
        let starts_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        if starts_json {
            read_jsonl(BufReader::new(&bytes[..]), "-", &mut sink, &mut report)?;
        } else {
            read_text(bytes, "-", "stdin", &mut sink, &mut report)?;
        }
        return Ok(());
    }
    let display = path.to_string_lossy().to_string();
    let read = match Kind::of(path) {
        Kind::Jsonl => std::fs::File::open(path)
            .map_err(|e| Error::io(path, e))
            .and_then(|f| read_jsonl(BufReader::new(f), &display, &mut sink, &mut report)),
        Kind::Tmx => std::fs::File::open(path)
            .map_err(|e| Error::io(path, e))
            .and_then(|f| read_tmx(BufReader::new(f), &display, &file.key, &mut sink, &mut report)),
        Kind::Arabic => read_line_pair(path, &file.key, &mut sink, &mut report),
        Kind::English => {
            let partner = path.with_extension("ar");
            report(InputProblem {
                path: display,
                line: None,
                byte_offset: None,
                reason: format!(
                    "a .en file is read as the English side of its .ar partner; give {} instead",
                    partner.to_string_lossy()
                ),
            })
        }
        Kind::Text => std::fs::read(path)
            .map_err(|e| Error::io(path, e))
            .and_then(|bytes| read_text(bytes, &display, &file.key, &mut sink, &mut report)),
        Kind::Other => {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            report(InputProblem {
                path: display,
                line: None,
                byte_offset: None,
                reason: format!("a .{ext} file is not an article file (nazir reads {READ_FORMATS})"),
            })
        }
    };
    // A file of the batch that cannot be read (no permission, a dangling
    // link, a disk error) is skipped like any bad input: the rest of the
    // batch is still worth a glossary.
    match read {
        Err(Error::Io { path, source }) => report(InputProblem {
            path: path.to_string_lossy().into_owned(),
            line: None,
            byte_offset: None,
            reason: format!("cannot be read: {source}"),
        }),
        other => other,
    }
}

/// Decodes bytes as article text ([`crate::text::decode`]), CRLF line
/// ends made LF.
fn decode(bytes: &[u8], path: &str, line: usize, offset: usize) -> std::result::Result<String, InputProblem> {
    Ok(lf_line_ends(crate::text::decode(bytes, Origin { path, line, offset })?.into()))
}

/// Article text with CRLF line ends made LF (copied only when it has CRs).
fn lf_line_ends(text: std::borrow::Cow<'_, str>) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n") } else { text.into_owned() }
}

fn read_text(
    bytes: Vec<u8>,
    path: &str,
    id: &str,
    sink: &mut Sink<impl FnMut(Article)>,
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    let text = match crate::text::decode_owned(bytes, Origin::file(path)) {
        Ok(text) => lf_line_ends(text.into()),
        Err(p) => return report(p),
    };
    emit_in_parts(sink, id, 1, Layout::File, text, None);
    Ok(())
}

/// Emits `text` as one article, or, when it is longer than any article (a
/// book, a dump), in parts of at most [`MAX_ARTICLE_BYTES`] cut at line
/// ends (or spaces), named `ID#partN`, so that the memory a text costs
/// stays that of a few parts whatever its size. The parts of a parallel
/// record go without its English (`en`), which no part matches.
fn emit_in_parts(
    sink: &mut Sink<impl FnMut(Article)>,
    id: &str,
    first_line: usize,
    layout: Layout,
    text: String,
    en: Option<String>,
) {
    if text.len() <= MAX_ARTICLE_BYTES {
        sink.emit(id.to_string(), first_line, layout, text, en);
        return;
    }
    let (mut start, mut line, mut part) = (0, first_line, 1);
    while start < text.len() {
        let mut end = (start + MAX_ARTICLE_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < text.len() {
            let window = &text[start..end];
            if let Some(cut) = window.rfind('\n').or_else(|| window.rfind(' ')).filter(|&c| c > 0) {
                end = start + cut + 1;
            }
        }
        let piece = &text[start..end];
        sink.emit(format!("{id}#part{part}"), line, layout, piece.to_string(), None);
        if layout == Layout::File {
            line += piece.matches('\n').count();
        }
        (start, part) = (end, part + 1);
    }
}

/// The longest text read as one article (1 MiB). News articles are a few
/// kilobytes; a longer text file is read in parts of about this size.
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;

fn read_jsonl(
    mut reader: impl BufRead,
    path: &str,
    sink: &mut Sink<impl FnMut(Article)>,
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut offset = 0;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line_offset = offset;
        offset += n;
        // Borrowed, not copied: a record can be as long as a file.
        let line = match crate::text::decode(&buf, Origin { path, line: line_no, offset: line_offset }) {
            Ok(l) => l,
            Err(p) => {
                report(p)?;
                continue;
            }
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let problem = |reason: String| InputProblem {
            path: path.to_string(),
            line: Some(line_no),
            byte_offset: Some(line_offset),
            reason,
        };
        let parsed = serde_json::from_str::<JsonArticle>(trimmed);
        if buf.capacity() > MAX_ARTICLE_BYTES {
            // The buffer of a huge record is not kept for the next line.
            buf = Vec::new();
        }
        match parsed {
            Ok(JsonArticle { text: Some(text), id, en }) => {
                let id = match id.as_deref().map(serde_json::value::RawValue::get) {
                    Some(raw) if raw.starts_with('"') => {
                        serde_json::from_str::<String>(raw).unwrap_or_else(|_| format!("{path}:{line_no}"))
                    }
                    Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => raw.to_string(),
                    _ => format!("{path}:{line_no}"),
                };
                emit_in_parts(sink, &id, line_no, Layout::Record, text, en);
            }
            Ok(JsonArticle { text: None, .. }) => report(problem("no \"text\" field".into()))?,
            // The parser counts lines inside the one line it was given: its
            // column is what helps, the line is the file's.
            Err(e) => report(problem(format!("not a JSON article: {} (column {})", json_reason(&e), e.column())))?,
        }
    }
    Ok(())
}

/// A JSON error's message without the parser's own "at line L column C".
fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// A [`BufRead`] that remembers where the lines start in what has been
/// consumed, so that a byte position the XML reader reports can be turned
/// into a line without keeping the file. Only the line ends consumed since
/// the last [`LineTracker::mark`] are kept, one event's worth.
struct LineTracker<R> {
    inner: R,
    /// Bytes consumed so far (the offset in the file).
    consumed: u64,
    /// Line ends consumed before the last mark.
    ends_before_mark: usize,
    /// Offsets of the line ends consumed since the last mark.
    recent_ends: Vec<u64>,
}

impl<R: BufRead> LineTracker<R> {
    fn new(inner: R) -> Self {
        LineTracker { inner, consumed: 0, ends_before_mark: 0, recent_ends: Vec::new() }
    }

    /// Forgets the offsets of the line ends consumed so far (keeping their
    /// count): positions before this point are not asked for any more.
    fn mark(&mut self) {
        self.ends_before_mark += self.recent_ends.len();
        self.recent_ends.clear();
    }

    /// The 1-based line of byte `offset`, which must not be before the last
    /// mark.
    fn line_of(&self, offset: u64) -> usize {
        1 + self.ends_before_mark + self.recent_ends.iter().filter(|&&end| end < offset).count()
    }
}

impl<R: BufRead> Read for LineTracker<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineTracker<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // What is consumed was returned by the last `fill_buf`, so this
        // call only hands the same buffer back.
        if let Ok(available) = self.inner.fill_buf() {
            let seen = &available[..amount.min(available.len())];
            let start = self.consumed;
            self.recent_ends
                .extend(seen.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| start + i as u64));
        }
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

/// The language of a `<tuv>`, by the primary subtag of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Arabic,
    English,
    Other,
}

/// The translation unit being read.
#[derive(Debug, Default)]
struct Unit {
    ar: Option<String>,
    en: Option<String>,
    /// A problem was reported for it: it is not used.
    bad: bool,
}

/// The `<seg>` being read.
#[derive(Debug, Default)]
struct Seg {
    text: String,
    /// For each open inline element: is its text kept?
    keep: Vec<bool>,
    /// A `<sub>` just ended: its text is kept apart from what follows.
    space_due: bool,
}

impl Seg {
    fn keeping(&self) -> bool {
        self.keep.last().copied().unwrap_or(true)
    }

    fn push(&mut self, s: &str) {
        if !self.keeping() || s.is_empty() {
            return;
        }
        if self.space_due && s.starts_with(char::is_alphanumeric) {
            self.space_apart();
        }
        self.space_due = false;
        self.text.push_str(s);
    }

    fn space_apart(&mut self) {
        if self.text.ends_with(char::is_alphanumeric) {
            self.text.push(' ');
        }
    }

    /// An inline element opens inside the segment.
    fn open(&mut self, name: &str) {
        let keep = match name {
            // Native markup codes, not text.
            "bpt" | "ept" | "ph" | "it" | "ut" => false,
            // A sub-flow (a footnote, an alt text) inside a code is text.
            "sub" => {
                self.space_apart();
                true
            }
            // `hi` and anything unknown: as around it.
            _ => self.keeping(),
        };
        self.keep.push(keep);
    }

    /// An inline element closes.
    fn close(&mut self, name: &str) {
        self.keep.pop();
        if name == "sub" {
            self.space_due = true;
        }
    }
}

/// The language of a `<tuv>`: `xml:lang` (TMX 1.4) or `lang` (TMX 1.1).
fn tuv_lang(start: &BytesStart) -> std::result::Result<Lang, String> {
    let mut code = None;
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute in <tuv>: {e}"))?;
        let key = attribute.key.as_ref();
        if key == "xml:lang" || (key == "lang" && code.is_none()) {
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| format!("bad attribute in <tuv>: {e}"))?;
            code = Some(value.into_owned());
        }
    }
    let code = code.unwrap_or_default();
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    Ok(if primary.eq_ignore_ascii_case("ar") {
        Lang::Arabic
    } else if primary.eq_ignore_ascii_case("en") {
        Lang::English
    } else {
        Lang::Other
    })
}

/// Reads a TMX document as a stream. `path` names it in problems and `id`
/// is the base of the article ids (`id#N`). A document that is not
/// well-formed ends with a problem; the units before it are kept. A
/// problem inside one unit (an undefined entity, a bad attribute) skips
/// that unit only.
fn read_tmx(
    mut reader: impl BufRead,
    path: &str,
    id: &str,
    sink: &mut Sink<impl FnMut(Article)>,
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    // Some tools write TMX in UTF-16, which is not read (yet): say so
    // rather than report the first bytes as bad XML.
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.starts_with(&[b'<', 0]) {
        return report(InputProblem {
            path: path.to_string(),
            line: Some(1),
            byte_offset: Some(0),
            reason: "the TMX file is UTF-16; only UTF-8 is read: convert it (e.g. iconv -f UTF-16 -t UTF-8)".into(),
        });
    }
    let mut reader = quick_xml::Reader::from_reader(LineTracker::new(reader));
    let mut buf = Vec::new();
    // Open elements, outermost first.
    let mut open: Vec<String> = Vec::new();
    let mut seen_root = false;
    let mut units = 0usize;
    // The line the current <tu> starts on.
    let mut unit_line = 0usize;
    let mut unit: Option<Unit> = None;
    let mut lang: Option<Lang> = None;
    let mut seg: Option<Seg> = None;
    // The reader does not count a byte-order mark it skips in its
    // positions; the tracker does. This is the difference.
    let mut shift = 0u64;
    loop {
        buf.clear();
        reader.get_mut().mark();
        let start = reader.buffer_position();
        let event = reader.read_event_into(&mut buf);
        if start == 0 {
            shift = reader.get_ref().consumed.saturating_sub(reader.buffer_position());
        }
        let problem = |at: u64, reason: String, reader: &quick_xml::Reader<LineTracker<_>>| InputProblem {
            path: path.to_string(),
            line: Some(reader.get_ref().line_of(at + shift)),
            byte_offset: Some((at + shift) as usize),
            reason,
        };
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position().max(start);
                let reason = match (&unit, units) {
                    (Some(_), n) => format!("not well-formed XML (in <tu> {n}): {e}"),
                    _ => format!("not well-formed XML: {e}"),
                };
                return report(problem(at, reason, &reader));
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if !seen_root {
                    seen_root = true;
                    if name != "tmx" {
                        let reason = format!("not a TMX file: the root element is <{}>, not <tmx>", name);
                        return report(problem(start, reason, &reader));
                    }
                }
                if let Some(seg) = seg.as_mut() {
                    if !empty {
                        seg.open(name);
                    } else if name == "sub" {
                        seg.space_apart();
                    }
                } else if name == "tu" {
                    units += 1;
                    unit_line = reader.get_ref().line_of(start + shift);
                    unit = (!empty).then(Unit::default);
                } else if name == "tuv" && !empty {
                    if let Some(u) = unit.as_mut() {
                        match tuv_lang(e) {
                            Ok(l) => lang = Some(l),
                            Err(reason) => {
                                if !u.bad {
                                    u.bad = true;
                                    report(problem(start, format!("<tu> {units}: {reason}"), &reader))?;
                                }
                                lang = Some(Lang::Other);
                            }
                        }
                    }
                } else if name == "seg" && lang.is_some() {
                    if empty {
                        // An empty segment: nothing in that language.
                    } else {
                        seg = Some(Seg::default());
                    }
                }
                if !empty {
                    if open.len() >= MAX_XML_DEPTH {
                        let reason = format!("elements nested deeper than {MAX_XML_DEPTH} levels: not a TMX file");
                        return report(problem(start, reason, &reader));
                    }
                    open.push(name.to_string());
                }
            }
            Event::End(ref e) => {
                open.pop();
                let name = e.local_name();
                let name = name.as_ref();
                if let Some(s) = seg.as_mut().filter(|s| !s.keep.is_empty()) {
                    s.close(name);
                } else if name == "seg" {
                    if let (Some(s), Some(u)) = (seg.take(), unit.as_mut()) {
                        let text = s.text.trim();
                        let slot = match lang {
                            Some(Lang::Arabic) => Some(&mut u.ar),
                            Some(Lang::English) => Some(&mut u.en),
                            _ => None,
                        };
                        // The first segment in a language is the one used.
                        if let Some(slot) = slot.filter(|slot| slot.is_none() && !text.is_empty()) {
                            *slot = Some(text.to_string());
                        }
                    }
                } else if name == "tuv" {
                    lang = None;
                    seg = None;
                } else if name == "tu" {
                    lang = None;
                    seg = None;
                    if let Some(Unit { ar: Some(text), en: Some(en), bad: false }) = unit.take() {
                        sink.emit(format!("{id}#{units}"), unit_line, Layout::Record, text, Some(en));
                    }
                }
            }
            Event::Text(ref t) => {
                if let Some(s) = seg.as_mut() {
                    s.push(&t.xml10_content());
                }
            }
            Event::CData(ref t) => {
                if let Some(s) = seg.as_mut() {
                    s.push(&t.xml10_content());
                }
            }
            Event::GeneralRef(ref r) => {
                let Some(s) = seg.as_mut() else { continue };
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    resolve_predefined_entity(r).map(String::from)
                };
                match resolved {
                    Some(text) => s.push(&text),
                    None => {
                        if let Some(u) = unit.as_mut().filter(|u| !u.bad) {
                            u.bad = true;
                            let reason = format!("<tu> {units}: &{}; is not a defined entity or character", &**r);
                            report(problem(start, reason, &reader))?;
                        }
                    }
                }
            }
            Event::Eof => {
                let at = reader.buffer_position();
                if let Some(inside) = open.last() {
                    let reason = format!("the file ends inside <{inside}>: not well-formed XML");
                    return report(problem(at, reason, &reader));
                }
                if !seen_root {
                    return report(problem(at, "not a TMX file: no <tmx> element".into(), &reader));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// The number of lines of a file and the last one that is not blank.
fn count_lines(path: &Path) -> Result<(usize, usize)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let (mut lines, mut last_filled) = (0, 0);
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))? == 0 {
            return Ok((lines, last_filled));
        }
        lines += 1;
        let body = if lines == 1 { buf.strip_prefix(BOM).unwrap_or(&buf) } else { &buf };
        if !body.iter().all(u8::is_ascii_whitespace) {
            last_filled = lines;
        }
    }
}

/// One line of a line-aligned file: the text (line end removed), or the
/// problem, or `None` at the end of the file.
fn next_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    path: &Path,
    line: usize,
    offset: &mut usize,
) -> Result<Option<std::result::Result<String, InputProblem>>> {
    buf.clear();
    let n = reader.read_until(b'\n', buf).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(None);
    }
    let at = *offset;
    *offset += n;
    Ok(Some(decode(buf, &path.to_string_lossy(), line, at).map(|s| s.trim().to_string())))
}

/// Reads `X.ar` with `X.en` beside it, line k of both being one article
/// (`id:k`). The pair is skipped with a problem when the `.en` file is
/// missing or the line counts differ; a line that is not UTF-8 skips that
/// line pair.
fn read_line_pair(
    ar_path: &Path,
    id: &str,
    sink: &mut Sink<impl FnMut(Article)>,
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    let en_path = ar_path.with_extension("en");
    let (ar_name, en_name) = (ar_path.to_string_lossy().to_string(), en_path.to_string_lossy().to_string());
    let pair_problem = |reason: String| InputProblem { path: ar_name.clone(), line: None, byte_offset: None, reason };
    let en_file = match std::fs::File::open(&en_path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return report(pair_problem(format!(
                "the English side {en_name} is missing (a .ar file is read line by line with the .en file beside it)"
            )));
        }
        Err(e) => return Err(Error::io(&en_path, e)),
    };
    // Blank lines past the end of the other file do not matter.
    let ((ar_lines, ar_filled), (en_lines, en_filled)) = (count_lines(ar_path)?, count_lines(&en_path)?);
    if ar_filled > en_lines || en_filled > ar_lines {
        let (longer, shorter) = if ar_lines > en_lines { (&ar_name, &en_name) } else { (&en_name, &ar_name) };
        return report(pair_problem(format!(
            "line-aligned files differ in length: {ar_name} has {ar_lines} lines, {en_name} has {en_lines} \
             ({longer} has text past line {}, where {shorter} ends); the pair is skipped",
            ar_lines.min(en_lines)
        )));
    }
    let ar_file = std::fs::File::open(ar_path).map_err(|e| Error::io(ar_path, e))?;
    let (mut ar_reader, mut en_reader) = (BufReader::new(ar_file), BufReader::new(en_file));
    let (mut ar_buf, mut en_buf) = (Vec::new(), Vec::new());
    let (mut ar_offset, mut en_offset) = (0, 0);
    for k in 1.. {
        let ar = next_line(&mut ar_reader, &mut ar_buf, ar_path, k, &mut ar_offset)?;
        let en = next_line(&mut en_reader, &mut en_buf, &en_path, k, &mut en_offset)?;
        let (ar, en) = match (ar, en) {
            (None, None) => break,
            (Some(Ok(ar)), Some(Ok(en))) => (ar, en),
            // Past the last line of one file only blank lines remain.
            (Some(Ok(_)) | None, Some(Ok(_)) | None) => continue,
            (ar, en) => {
                for side in [ar, en] {
                    if let Some(Err(p)) = side {
                        report(p)?;
                    }
                }
                continue;
            }
        };
        if ar.is_empty() || en.is_empty() {
            continue;
        }
        sink.emit(format!("{id}:{k}"), k, Layout::Record, ar, Some(en));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8], jsonl: bool) -> (Vec<Article>, Vec<InputProblem>) {
        let (mut arts, mut probs) = (Vec::new(), Vec::new());
        let mut report = |p: InputProblem| -> Result<()> {
            probs.push(p);
            Ok(())
        };
        let key = Arc::from(if jsonl { "t.jsonl" } else { "t.txt" });
        let mut sink = Sink { key: &key, ordinal: 0, article: |a| arts.push(a) };
        if jsonl {
            read_jsonl(BufReader::new(bytes), "t.jsonl", &mut sink, &mut report).unwrap();
        } else {
            read_text(bytes.to_vec(), "t.txt", "t.txt", &mut sink, &mut report).unwrap();
        }
        (arts, probs)
    }

    #[test]
    fn text_accepts_bom_and_crlf() {
        let (a, p) = collect("\u{FEFF}سطر\r\nجوجل\r\n".as_bytes(), false);
        assert!(p.is_empty());
        assert_eq!(a[0].text, "سطر\nجوجل\n");
    }

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let mut bytes = "سطر\nثان ".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xE9, 0xFF, b'\n']);
        let (a, p) = collect(&bytes, false);
        assert!(a.is_empty());
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[0].byte_offset, Some(at));
        assert!(p[0].to_string().contains("t.txt:2 (byte"));
    }

    #[test]
    fn jsonl_goes_on_after_a_broken_line() {
        let data = "{\"id\":\"a\",\"text\":\"جوجل\",\"en\":\"Google\"}\n{\"id\": \"b\", \"text\": \n\n{\"id\":7,\"text\":\"ميتا\"}\n{\"id\":\"c\"}\n";
        let (a, p) = collect(data.as_bytes(), true);
        assert_eq!(a.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), vec!["a", "7"]);
        assert_eq!(a[0].en.as_deref(), Some("Google"));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[1].line, Some(5));
        assert!(p[1].reason.contains("text"));
    }

    /// Reads a TMX document through a tiny buffer, so that events are cut
    /// across refills.
    fn tmx(doc: &[u8]) -> (Vec<Article>, Vec<InputProblem>) {
        let (mut arts, mut probs) = (Vec::new(), Vec::new());
        let mut report = |p: InputProblem| -> Result<()> {
            probs.push(p);
            Ok(())
        };
        let key = Arc::from("t.tmx");
        let mut sink = Sink { key: &key, ordinal: 0, article: |a| arts.push(a) };
        read_tmx(BufReader::with_capacity(5, doc), "t.tmx", "t.tmx", &mut sink, &mut report).unwrap();
        (arts, probs)
    }

    fn pairs(arts: &[Article]) -> Vec<(&str, &str, &str)> {
        arts.iter().map(|a| (a.id.as_str(), a.text.as_str(), a.en.as_deref().unwrap_or("-"))).collect()
    }

    const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" \
        creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"ar\" datatype=\"plaintext\"/>\n<body>\n";

    #[test]
    fn tmx_reads_xml_lang_units() {
        let doc = format!(
            "{HEADER}<tu tuid=\"1\">\n  <tuv xml:lang=\"ar\"><seg>زار سام ألتمان البيت الأبيض</seg></tuv>\n  \
             <tuv xml:lang=\"en\"><seg>Sam Altman visited the White House</seg></tuv>\n</tu>\n\
             <tu><tuv xml:lang=\"en-GB\"><seg> Google </seg></tuv><tuv xml:lang=\"AR-sa\"><seg>جوجل</seg></tuv></tu>\n\
             </body>\n</tmx>\n"
        );
        let (a, p) = tmx(doc.as_bytes());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            pairs(&a),
            vec![
                ("t.tmx#1", "زار سام ألتمان البيت الأبيض", "Sam Altman visited the White House"),
                ("t.tmx#2", "جوجل", "Google"),
            ]
        );
    }

    #[test]
    fn tmx_reads_tmx_1_1_lang_in_any_case() {
        // OmegaT still writes TMX 1.1: `lang`, upper-case codes.
        let doc = "<?xml version=\"1.0\"?><tmx version=\"1.1\"><header adminlang=\"EN-US\" srclang=\"AR\"/><body>\
            <tu><tuv lang=\"AR\"><seg>الأمم المتحدة</seg></tuv><tuv lang=\"EN-US\"><seg>United Nations</seg></tuv></tu>\
            <tu><tuv lang=\"ar_EG\"><seg>ميتا</seg></tuv><tuv lang=\"En\"><seg>Meta</seg></tuv></tu>\
            <tu><tuv lang=\"ara\"><seg>أمازون</seg></tuv><tuv lang=\"en\"><seg>Amazon</seg></tuv></tu>\
            </body></tmx>";
        let (a, p) = tmx(doc.as_bytes());
        assert!(p.is_empty(), "{p:?}");
        // `ara` is not `ar`: the third unit has no Arabic side.
        assert_eq!(pairs(&a), vec![("t.tmx#1", "الأمم المتحدة", "United Nations"), ("t.tmx#2", "ميتا", "Meta")]);
    }

    #[test]
    fn tmx_resolves_entities_and_char_refs_between_text() {
        let doc = format!(
            "{HEADER}<tu><tuv xml:lang=\"ar\"><seg>&#1575;&#x644;&#x628;&#1610;&#1578; &#x627;&#1604;أبيض &amp; \
             AT&amp;T</seg></tuv><tuv xml:lang=\"en\"><seg>The White House &amp; AT&amp;T &lt;&quot;x&quot;&gt; \
             caf&#xE9; &apos;s</seg></tuv></tu></body></tmx>"
        );
        let (a, p) = tmx(doc.as_bytes());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(a[0].text, "البيت الأبيض & AT&T");
        assert_eq!(a[0].en.as_deref(), Some("The White House & AT&T <\"x\"> café 's"));
    }

    #[test]
    fn tmx_drops_inline_codes_and_keeps_hi_and_sub() {
        let doc = format!(
            "{HEADER}<tu><tuv xml:lang=\"ar\"><seg><bpt i=\"1\">&lt;b&gt;</bpt>سام ألتمان<ept i=\"1\">&lt;/b&gt;</ept> \
             يعمل في <hi type=\"x\">جوجل</hi><ph x=\"2\">&lt;img alt=\"<sub>شعار</sub>\"/&gt;</ph><it pos=\"begin\">\
             &lt;i&gt;</it>.<ut>{{\\b}}</ut><ph/></seg></tuv><tuv xml:lang=\"en\"><seg>Sam <hi>Altman</hi> works at \
             Google<ph>&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>"
        );
        let (a, p) = tmx(doc.as_bytes());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(a[0].text, "سام ألتمان يعمل في جوجل شعار.");
        assert_eq!(a[0].en.as_deref(), Some("Sam Altman works at Google"));
    }

    #[test]
    fn tmx_skips_units_without_both_languages() {
        let doc = format!(
            "{HEADER}<tu><tuv xml:lang=\"ar\"><seg>جوجل</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"ar\"><seg>ميتا</seg></tuv><tuv xml:lang=\"fr\"><seg>Meta</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"ar\"><seg>أمازون</seg></tuv><tuv xml:lang=\"en\"><seg/></tuv></tu>\n\
             <tu/>\n\
             <tu><tuv xml:lang=\"ar\"><seg>إنفيديا</seg></tuv><tuv xml:lang=\"en\"><seg>Nvidia</seg></tuv></tu>\n\
             </body></tmx>"
        );
        let (a, p) = tmx(doc.as_bytes());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(pairs(&a), vec![("t.tmx#5", "إنفيديا", "Nvidia")]);
    }

    #[test]
    fn broken_tmx_names_the_line_and_keeps_earlier_units() {
        let good = "<tu><tuv xml:lang=\"ar\"><seg>جوجل</seg></tuv><tuv xml:lang=\"en\"><seg>Google</seg></tuv></tu>\n";
        let head = format!("\u{FEFF}{HEADER}{good}{good}<tu><tuv xml:lang=\"ar\"><seg>ميتا");
        let doc = format!("{head}</sge></tuv></tu>\n{good}</body></tmx>\n");
        let (a, p) = tmx(doc.as_bytes());
        assert_eq!(a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["t.tmx#1", "t.tmx#2"]);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, Some(7));
        assert_eq!(p[0].byte_offset, Some(head.len()));
        assert!(p[0].reason.contains("not well-formed"), "{}", p[0].reason);
        assert!(p[0].to_string().starts_with("t.tmx:7 (byte"), "{}", p[0]);

        // Cut off inside a unit.
        let (a, p) = tmx(head.as_bytes());
        assert_eq!(a.len(), 2);
        assert_eq!(p[0].line, Some(7));
        assert!(p[0].reason.contains("ends inside <seg>"), "{}", p[0].reason);
    }

    #[test]
    fn tmx_problem_inside_a_unit_skips_only_that_unit() {
        let doc = format!(
            "{HEADER}<tu><tuv xml:lang=\"ar\"><seg>جوجل&nbsp;</seg></tuv><tuv xml:lang=\"en\"><seg>Google</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"ar\"><seg>ميتا</seg></tuv><tuv xml:lang=\"en\"><seg>Meta</seg></tuv></tu>\n</body></tmx>"
        );
        let (a, p) = tmx(doc.as_bytes());
        assert_eq!(pairs(&a), vec![("t.tmx#2", "ميتا", "Meta")]);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(5));
        assert!(p[0].reason.contains("&nbsp;"), "{}", p[0].reason);
    }

    #[test]
    fn not_a_tmx_document_is_a_problem() {
        let (a, p) = tmx(b"<?xml version=\"1.0\"?>\n<martif/>\n");
        assert!(a.is_empty());
        assert_eq!(p[0].line, Some(2));
        assert!(p[0].reason.contains("<martif>"));
        let (_, p) = tmx(b"");
        assert!(p[0].reason.contains("no <tmx>"));
        let utf16: Vec<u8> = "\u{FEFF}<tmx/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (_, p) = tmx(&utf16);
        assert!(p[0].reason.contains("UTF-16"), "{}", p[0].reason);
    }

    fn read_dir_inputs(inputs: &[PathBuf], on: OnProblem) -> (Result<()>, Vec<Article>, Vec<InputProblem>) {
        let (mut arts, mut probs) = (Vec::new(), Vec::new());
        let r = read_articles(inputs, None, on, |a| arts.push(a), |p| probs.push(p));
        (r, arts, probs)
    }

    #[test]
    fn line_pairs_are_read_in_step_and_blank_pairs_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("news.ar"), "\u{FEFF}زار ماكرون البيت الأبيض\r\n\r\nجوجل\r\nميتا\r\n\n\n \n")
            .unwrap();
        std::fs::write(dir.path().join("news.en"), "Macron visited the White House\n\n  Google \n\nx\n").unwrap();
        let (r, a, p) = read_dir_inputs(&[dir.path().to_path_buf()], OnProblem::Continue);
        r.unwrap();
        assert!(p.is_empty(), "{p:?}");
        // Line 4 has no English: skipped; line 5 has no Arabic: skipped.
        assert_eq!(
            pairs(&a),
            vec![
                ("news.ar:1", "زار ماكرون البيت الأبيض", "Macron visited the White House"),
                ("news.ar:3", "جوجل", "Google")
            ]
        );
    }

    #[test]
    fn line_pairs_of_different_length_are_a_problem_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        let ar = dir.path().join("x.ar");
        std::fs::write(&ar, "جوجل\nميتا\nأمازون\n").unwrap();
        std::fs::write(dir.path().join("x.en"), "Google\nMeta\n").unwrap();
        let (r, a, p) = read_dir_inputs(std::slice::from_ref(&ar), OnProblem::Continue);
        r.unwrap();
        assert!(a.is_empty());
        let reason = &p[0].reason;
        assert!(reason.contains("x.ar has 3 lines") && reason.contains("x.en has 2"), "{reason}");
        let (r, _, _) = read_dir_inputs(&[ar], OnProblem::Stop);
        assert!(matches!(r, Err(Error::Input(p)) if p.reason.contains("x.en has 2")));
    }

    #[test]
    fn line_pair_without_english_partner_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ar"), "جوجل\n").unwrap();
        std::fs::write(dir.path().join("b.en"), "Google\n").unwrap();
        let (r, a, p) = read_dir_inputs(&[dir.path().to_path_buf()], OnProblem::Continue);
        r.unwrap();
        assert!(a.is_empty());
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].path.ends_with("a.ar") && p[0].reason.contains("a.en is missing"), "{}", p[0]);
    }

    #[test]
    fn invalid_utf8_in_the_english_side_names_line_and_offset() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.ar"), "جوجل\nميتا\nأمازون\n").unwrap();
        let mut en = b"Google\nMe".to_vec();
        let at = en.len();
        en.extend_from_slice(b"\xE9ta\nAmazon\n");
        std::fs::write(dir.path().join("x.en"), en).unwrap();
        let (r, a, p) = read_dir_inputs(&[dir.path().to_path_buf()], OnProblem::Continue);
        r.unwrap();
        assert_eq!(a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["x.ar:1", "x.ar:3"]);
        assert_eq!(p.len(), 1);
        assert!(p[0].path.ends_with("x.en"));
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[0].byte_offset, Some(at));
    }

    #[test]
    fn directories_list_tmx_and_ar_but_not_en() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.tmx", "a.ar", "a.en", "c.txt", "d.csv"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let files = expand_inputs(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> =
            files.iter().map(|(f, _, _)| f.file_name().unwrap().to_string_lossy().to_string()).collect();
        assert_eq!(names, vec!["a.ar", "b.tmx", "c.txt"]);
        // A .en file given on its own is a problem, not an Arabic article.
        let (r, a, p) = read_dir_inputs(&[dir.path().join("a.en")], OnProblem::Continue);
        r.unwrap();
        assert!(a.is_empty());
        assert!(p[0].reason.contains("a.ar"), "{}", p[0]);
    }

    #[test]
    fn reads_the_parallel_test_data() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/parallel");
        let (r, a, p) = read_dir_inputs(&[dir], OnProblem::Stop);
        r.unwrap();
        assert!(p.is_empty());
        let ids: Vec<_> = a.iter().map(|a| a.id.as_str()).collect();
        // Line 4 of the pair is blank; unit 11 has no English side.
        assert_eq!(ids.len(), 11 + 12);
        assert_eq!((ids[0], ids[3], ids[11]), ("lines.ar:1", "lines.ar:5", "news.tmx#1"));
        assert!(!ids.contains(&"news.tmx#11"));
        let unit = |n: &str| a.iter().find(|a| a.id == format!("news.tmx#{n}")).unwrap();
        assert_eq!(unit("6").text, "أورسولا فون دير لاين تزور واشنطن الأسبوع المقبل.");
        assert_eq!(
            unit("7").en.as_deref(),
            Some("United Nations Secretary-General António Guterres called for a ceasefire.")
        );
        assert!(unit("8").en.as_deref().unwrap().starts_with("Johnson & Johnson"));
    }

    #[test]
    fn articles_know_their_key_line_and_layout() {
        let (a, _) = collect(b"\n{\"id\": 1, \"text\": \"\\u0623\"}\n\n{\"text\": \"\\u0628\"}\n", true);
        let got: Vec<_> = a.iter().map(|a| (a.key.ordinal, a.id.as_str(), a.line, a.layout)).collect();
        assert_eq!(got, vec![(0, "1", 2, Layout::Record), (1, "t.jsonl:4", 4, Layout::Record)]);
        assert!(a.iter().all(|a| &*a.key.file == "t.jsonl"));
        let (a, _) = collect("سطر".as_bytes(), false);
        assert_eq!((a[0].line, a[0].layout, a[0].id.as_str()), (1, Layout::File, "t.txt"));
        let doc = format!(
            "{HEADER}\n<tu>\n<tuv xml:lang=\"ar\"><seg>جوجل</seg></tuv><tuv xml:lang=\"en\"><seg>Google</seg></tuv></tu>\n</body></tmx>"
        );
        let (a, _) = tmx(doc.as_bytes());
        let header_lines = HEADER.matches('\n').count();
        assert_eq!((a[0].line, a[0].layout), (header_lines + 2, Layout::Record));
    }

    #[test]
    fn files_are_keyed_relative_to_the_directory_or_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "جوجل").unwrap();
        std::fs::write(dir.path().join("b.txt"), "جوجل").unwrap();
        let keys = |files: Vec<InputFile>| files.iter().map(|f| f.key.to_string()).collect::<Vec<_>>();
        assert_eq!(keys(input_files(&[dir.path().to_path_buf()], None).unwrap()), ["b.txt", "sub/a.txt"]);
        let direct = dir.path().join("sub/a.txt");
        assert_eq!(keys(input_files(std::slice::from_ref(&direct), Some(dir.path())).unwrap()), ["sub/a.txt"]);
        let outside = input_files(&[direct], Some(&dir.path().join("other"))).unwrap_err();
        assert!(outside.to_string().contains("not under the root"), "{outside}");
        let (r, a, _) = read_dir_inputs(&[dir.path().to_path_buf()], OnProblem::Stop);
        r.unwrap();
        assert_eq!(a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["b.txt", "sub/a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn any_file_name_goes_through_a_null_list() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"line\nbreak \xE9.txt"));
        std::fs::write(&odd, "جوجل").unwrap();
        std::fs::write(dir.path().join("plain.txt"), "جوجل").unwrap();
        let files = input_files(&[dir.path().to_path_buf()], None).unwrap();
        let e = file_list(&files, false).unwrap_err().to_string();
        assert!(e.contains("--null"), "{e}");
        let list = file_list(&files, true).unwrap();
        let back: Vec<PathBuf> = parse_file_list(&list, true).into_iter().map(Option::unwrap).collect();
        assert_eq!(back, files.iter().map(|f| f.path.clone()).collect::<Vec<_>>());
        let lines = parse_file_list(b"a.txt\r\n\n b.txt\n", false);
        assert_eq!(lines, [Some(PathBuf::from("a.txt")), Some(PathBuf::from(" b.txt"))]);
    }

    #[test]
    fn a_text_longer_than_an_article_is_read_in_parts_with_their_lines() {
        let line = "قالت شركة جوجل إن أرباحها ارتفعت في الربع الأخير من العام\n";
        let text = line.repeat(MAX_ARTICLE_BYTES / line.len() * 2 + 10);
        let (a, p) = collect(text.as_bytes(), false);
        assert!(p.is_empty());
        assert_eq!(a.len(), 3, "parts");
        assert_eq!(a.iter().map(|a| a.text.as_str()).collect::<String>(), text, "nothing lost or repeated");
        assert!(
            a.iter().all(|a| a.text.len() <= MAX_ARTICLE_BYTES && a.text.ends_with('\n') || a.id.ends_with("#part3"))
        );
        assert_eq!((a[0].id.as_str(), a[0].line), ("t.txt#part1", 1));
        let lines_before = a[0].text.matches('\n').count();
        assert_eq!(a[1].line, lines_before + 1);
        assert_eq!(a[1].file_line(2), lines_before + 2);
    }

    #[test]
    fn a_record_longer_than_an_article_is_read_in_parts_without_its_english() {
        let sentence = "قالت شركة جوجل إن أرباحها ارتفعت في الربع الأخير من العام. ";
        let text = sentence.repeat(MAX_ARTICLE_BYTES / sentence.len() + 10);
        let record = serde_json::json!({ "id": "long", "text": text, "en": "Google said its profit rose." });
        let jsonl = format!("{{\"id\": \"short\", \"text\": \"جوجل\", \"en\": \"Google\"}}\n{record}\n");
        let (a, p) = collect(jsonl.as_bytes(), true);
        assert!(p.is_empty(), "{p:?}");
        let ids: Vec<&str> = a.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["short", "long#part1", "long#part2"]);
        assert_eq!(a[0].en.as_deref(), Some("Google"), "a short record keeps its English");
        assert!(a[1..].iter().all(|a| a.line == 2 && a.en.is_none() && a.text.len() <= MAX_ARTICLE_BYTES));
        assert_eq!(a[1].text.clone() + &a[2].text, text, "nothing lost or repeated");
    }
}
