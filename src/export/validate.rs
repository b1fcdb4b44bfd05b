//! Checking a glossary file against the rules of the tool it is for, before
//! it is uploaded: a DeepL glossary cannot be edited once created, and an
//! import that fails says little about where.
//!
//! [`validate`] reads a file (written by nazir or edited by hand) and lists
//! every [`Problem`] with its line (the row, for XLSX; 0 when the problem
//! is the whole file). The rules, per profile:
//!
//! - every text profile: UTF-8 (a line that is not is named), no
//!   byte-order mark; blank lines are ignored, as the tools do;
//! - `omegat`: 2 or 3 TAB-separated fields, source and target not empty;
//! - `deepl`: exactly one TAB; terms (trimmed) not empty, without control
//!   characters, at most 1024 bytes; no source twice (both lines named);
//! - `google`: 2 TAB-separated columns, terms not empty, and no header
//!   (a first line such as `ar<TAB>en` or `source<TAB>target`, which
//!   Google would read as a term);
//! - `google-ets`: a CSV header with at least two language codes (plus
//!   optional `pos` and `description`), and a term in every row;
//! - `tbx`: well-formed XML (quick-xml) with a `martif` or `tbx` root, and
//!   in every `termEntry`/`conceptEntry` at least two `langSet`/`langSec`
//!   with `xml:lang`, each with a term;
//! - `multiterm`: an XLSX workbook (calamine) whose first row has `Arabic`
//!   and `English` columns (case ignored), which Glossary Converter maps to
//!   languages by name.

use super::profile::Profile;
use super::tabular::deepl_term_problem;
use crate::error::{Error, Result};
use crate::tokenize::{line_of, line_starts};
use calamine::{Reader as _, Xlsx};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Something in a file that its target tool would reject or misread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (row, for XLSX); 0 when it is about the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    fn new(line: usize, message: impl Into<String>) -> Self {
        Problem { line, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: ", self.line)?;
        }
        f.write_str(&self.message)
    }
}

/// Checks the file at `path` against the rules of `profile`; an empty list
/// means it passes. Only failing to read the file is an error.
pub fn validate(path: &Path, profile: Profile) -> Result<Vec<Problem>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(validate_bytes(&bytes, profile))
}

/// [`validate`] for the contents of a file.
pub(crate) fn validate_bytes(bytes: &[u8], profile: Profile) -> Vec<Problem> {
    let mut problems = Vec::new();
    match profile {
        Profile::Tbx => check_tbx(bytes, &mut problems),
        Profile::MultiTerm => check_multiterm(bytes, &mut problems),
        Profile::OmegaT | Profile::DeepL | Profile::Google | Profile::GoogleEts => {
            if bytes.starts_with(BOM) {
                problems
                    .push(Problem::new(1, format!("starts with a byte-order mark; {profile} wants UTF-8 without one")));
            }
            let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
            let lines = text_lines(body, &mut problems);
            match profile {
                Profile::OmegaT => check_omegat(&lines, &mut problems),
                Profile::DeepL => check_deepl(&lines, &mut problems),
                Profile::Google => check_google(&lines, &mut problems),
                _ => check_google_ets(&String::from_utf8_lossy(body), &mut problems),
            }
        }
    }
    // Stable: problems of one line stay in the order they were found.
    problems.sort_by_key(|p| p.line);
    problems
}

/// The non-blank lines of a text file with their numbers, without LF or
/// CR LF; a line that is not UTF-8 is a problem instead.
fn text_lines<'a>(body: &'a [u8], problems: &mut Vec<Problem>) -> Vec<(usize, &'a str)> {
    let body = body.strip_suffix(b"\n").unwrap_or(body);
    let mut lines = Vec::new();
    for (i, raw) in body.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => lines.push((i + 1, line)),
            Err(e) => problems
                .push(Problem::new(i + 1, format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1))),
        }
    }
    lines
}

/// Flags an empty source or target.
fn check_not_empty(line: usize, source: &str, target: &str, problems: &mut Vec<Problem>) {
    for (side, term) in [("source", source), ("target", target)] {
        if term.trim().is_empty() {
            problems.push(Problem::new(line, format!("the {side} term is empty")));
        }
    }
}

fn check_omegat(lines: &[(usize, &str)], problems: &mut Vec<Problem>) {
    for &(n, line) in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        if !(2..=3).contains(&fields.len()) {
            problems.push(Problem::new(
                n,
                format!(
                    "has {} TAB-separated fields; OmegaT wants source, target and an optional comment",
                    fields.len()
                ),
            ));
            continue;
        }
        check_not_empty(n, fields[0], fields[1], problems);
    }
}

fn check_deepl(lines: &[(usize, &str)], problems: &mut Vec<Problem>) {
    let mut sources: HashMap<&str, usize> = HashMap::new();
    for &(n, line) in lines {
        let Some((source, target)) = line.split_once('\t').filter(|(_, t)| !t.contains('\t')) else {
            let tabs = line.matches('\t').count();
            problems.push(Problem::new(n, format!("has {tabs} TABs; DeepL wants exactly one")));
            continue;
        };
        let (source, target) = (source.trim(), target.trim());
        for (side, term) in [("source", source), ("target", target)] {
            if let Some(why) = deepl_term_problem(term) {
                problems.push(Problem::new(n, format!("the {side} term {why}")));
            }
        }
        if source.is_empty() {
            continue;
        }
        if let Some(&first) = sources.get(source) {
            problems.push(Problem::new(
                n,
                format!("the source term {source:?} is also on line {first}; DeepL refuses duplicate sources (lines {first} and {n})"),
            ));
        } else {
            sources.insert(source, n);
        }
    }
}

/// Words a header line of a two-column glossary would have.
const HEADER_WORDS: [&str; 12] =
    ["ar", "en", "ara", "eng", "arabic", "english", "source", "target", "src", "tgt", "term", "translation"];

/// Whether a cell reads like a column name rather than a term: a header
/// word, or a language code with a region (`en-US`). Plain short codes
/// alone are not enough, since `CNN` or `UN` are terms.
fn is_header_cell(cell: &str) -> bool {
    let cell = cell.trim().to_ascii_lowercase();
    HEADER_WORDS.contains(&cell.as_str()) || (is_language_code(&cell) && cell.contains(['-', '_']))
}

fn check_google(lines: &[(usize, &str)], problems: &mut Vec<Problem>) {
    for &(n, line) in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 2 {
            problems.push(Problem::new(n, format!("has {} TAB-separated columns; Google wants 2", fields.len())));
            continue;
        }
        if n == 1 && fields.iter().all(|f| is_header_cell(f)) {
            problems.push(Problem::new(n, "looks like a header; Google would read it as a term (remove it)"));
            continue;
        }
        check_not_empty(n, fields[0], fields[1], problems);
    }
}

/// Whether `code` is a language code such as `ar`, `en-US` or `zh_Hant`.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let lang = parts.next().unwrap_or_default();
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check_google_ets(text: &str, problems: &mut Vec<Problem>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut header: Option<(Vec<usize>, usize)> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::new(line, format!("not valid CSV: {e}")));
                return;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some((locales, width)) = &header else {
            let mut locales = Vec::new();
            for (i, cell) in record.iter().enumerate() {
                let name = cell.trim();
                // `pos` has the shape of a language code, so it is looked at first.
                if ["pos", "description"].iter().any(|m| m.eq_ignore_ascii_case(name)) {
                    continue;
                }
                if is_language_code(name) {
                    locales.push(i);
                } else {
                    problems.push(Problem::new(
                        line,
                        format!("column {} {name:?} is neither a language code nor pos or description", i + 1),
                    ));
                }
            }
            if locales.len() < 2 {
                problems
                    .push(Problem::new(line, "the header needs at least two language-code columns (such as ar,en)"));
            }
            header = Some((locales, record.len()));
            continue;
        };
        if record.len() > *width {
            problems.push(Problem::new(line, format!("has {} fields; the header has {width}", record.len())));
        }
        if locales.iter().all(|&i| record.get(i).is_none_or(|c| c.trim().is_empty())) {
            problems.push(Problem::new(line, "has no term"));
        }
    }
    if header.is_none() {
        problems.push(Problem::new(0, "the file is empty; it needs a header such as ar,en,pos,description"));
    }
}

/// An XML element read back: names without prefix, attributes by their
/// full name (`xml:lang`), the text directly inside, and its line.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Node {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
    pub line: usize,
}

impl Node {
    /// The value of an attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The children with one of `names`.
    pub(crate) fn children_named<'a, 'n>(&'a self, names: &'n [&str]) -> impl Iterator<Item = &'a Node> + use<'a, 'n> {
        self.children.iter().filter(move |c| names.contains(&c.name.as_str()))
    }

    /// This element and all below it, document order.
    pub(crate) fn descendants(&self) -> Vec<&Node> {
        let mut all = vec![self];
        for c in &self.children {
            all.extend(c.descendants());
        }
        all
    }

    /// All the text in and below this element.
    pub(crate) fn deep_text(&self) -> String {
        self.descendants().iter().map(|n| n.text.as_str()).collect()
    }
}

fn element(start: &BytesStart, line: usize) -> std::result::Result<Node, Problem> {
    let mut node = Node { name: start.local_name().as_ref().to_string(), line, ..Node::default() };
    for attribute in start.attributes() {
        let bad = |e: &dyn fmt::Display| Problem::new(line, format!("bad attribute in <{}>: {e}", node.name));
        let attribute = attribute.map_err(|e| bad(&e))?;
        let value = attribute.normalized_value(XmlVersion::Implicit1_0).map_err(|e| bad(&e))?;
        node.attributes.push((attribute.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(node)
}

/// Reads a well-formed XML document into its root element; the first
/// problem stops it.
pub(super) fn read_xml(text: &str) -> std::result::Result<Node, Problem> {
    let starts = line_starts(text);
    let line_at = |offset: u64| line_of(&starts, offset as usize);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    // Where a finished element goes: its parent, or the root slot (once).
    let place = |node: Node, open: &mut Vec<Node>, root: &mut Option<Node>| match open.last_mut() {
        Some(parent) => {
            parent.children.push(node);
            Ok(())
        }
        None if root.is_some() => Err(Problem::new(node.line, format!("a second root element <{}>", node.name))),
        None => {
            *root = Some(node);
            Ok(())
        }
    };
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| Problem::new(line_at(reader.error_position()), format!("not well-formed XML: {e}")))?;
        let text_here = |s: &str, open: &mut Vec<Node>| match open.last_mut() {
            Some(node) => {
                node.text.push_str(s);
                Ok(())
            }
            None if s.trim().is_empty() => Ok(()),
            None => Err(Problem::new(line_at(at), "text outside the root element")),
        };
        match event {
            Event::Start(e) => open.push(element(&e, line_at(at))?),
            Event::Empty(e) => place(element(&e, line_at(at))?, &mut open, &mut root)?,
            // The reader has checked that the end tag matches.
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    place(node, &mut open, &mut root)?;
                }
            }
            Event::Text(t) => text_here(&t.xml10_content(), &mut open)?,
            Event::CData(t) => text_here(&t.xml10_content(), &mut open)?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    resolve_predefined_entity(&r).map(String::from)
                };
                let Some(resolved) = resolved else {
                    return Err(Problem::new(line_at(at), format!("&{}; is not a defined entity", &*r)));
                };
                text_here(&resolved, &mut open)?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(node) = open.last() {
        return Err(Problem::new(node.line, format!("<{}> is never closed", node.name)));
    }
    root.ok_or_else(|| Problem::new(0, "no root element"))
}

fn check_tbx(bytes: &[u8], problems: &mut Vec<Problem>) {
    // XML allows a byte-order mark.
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            let line = body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            problems.push(Problem::new(line, "not valid UTF-8"));
            return;
        }
    };
    let root = match read_xml(text) {
        Ok(root) => root,
        Err(problem) => {
            problems.push(problem);
            return;
        }
    };
    if root.name != "martif" && root.name != "tbx" {
        problems.push(Problem::new(
            root.line,
            format!("the root element is <{}>; TBX has <martif> (v2) or <tbx> (v3)", root.name),
        ));
    }
    for entry in root.descendants().into_iter().filter(|n| n.name == "termEntry" || n.name == "conceptEntry") {
        check_tbx_entry(entry, problems);
    }
}

fn check_tbx_entry(entry: &Node, problems: &mut Vec<Problem>) {
    let mut languages = 0;
    for lang in entry.children_named(&["langSet", "langSec"]) {
        let code = lang.attribute("xml:lang").map(str::trim).filter(|c| !c.is_empty());
        match code {
            Some(_) => languages += 1,
            None => problems.push(Problem::new(lang.line, format!("<{}> has no xml:lang", lang.name))),
        }
        let has_term = lang.descendants().iter().any(|n| n.name == "term" && !n.deep_text().trim().is_empty());
        if !has_term {
            problems.push(Problem::new(
                lang.line,
                format!("<{} xml:lang=\"{}\"> has no term", lang.name, code.unwrap_or_default()),
            ));
        }
    }
    if languages < 2 {
        let id = entry.attribute("id").unwrap_or_default();
        problems.push(Problem::new(
            entry.line,
            format!("<{} id=\"{id}\"> has {languages} language section(s) with xml:lang; it needs two", entry.name),
        ));
    }
}

fn check_multiterm(bytes: &[u8], problems: &mut Vec<Problem>) {
    let mut book = match Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => {
            problems.push(Problem::new(0, format!("not a readable XLSX workbook: {e}")));
            return;
        }
    };
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => {
            problems.push(Problem::new(0, format!("the first sheet cannot be read: {e}")));
            return;
        }
        None => {
            problems.push(Problem::new(0, "the workbook has no sheet"));
            return;
        }
    };
    // Absolute positions, so that an empty first row reads as empty.
    let last_column = range.end().map_or(0, |(_, c)| c);
    let headers: Vec<String> =
        (0..=last_column).filter_map(|c| range.get_value((0, c))).map(|v| v.to_string().trim().to_string()).collect();
    for language in ["Arabic", "English"] {
        if !headers.iter().any(|h| h.eq_ignore_ascii_case(language)) {
            problems.push(Problem::new(
                1,
                format!("the first row has no {language} column; Glossary Converter maps languages by these names"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::profile::fixtures::sample;
    use super::super::profile::{Direction, ExportOptions, TbxVersion};
    use super::*;
    use crate::export::export_to_file;

    /// The line numbers and messages found in `text`.
    fn found(text: &[u8], profile: Profile) -> Vec<(usize, String)> {
        validate_bytes(text, profile).into_iter().map(|p| (p.line, p.message)).collect()
    }

    fn lines(text: &[u8], profile: Profile) -> Vec<usize> {
        found(text, profile).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn exports_pass_their_own_checks() {
        let dir = tempfile::tempdir().unwrap();
        let mut options = Vec::new();
        for profile in Profile::ALL {
            options.push(ExportOptions::new(profile));
            options.push(ExportOptions { direction: Direction::EnAr, ..ExportOptions::new(profile) });
        }
        options.push(ExportOptions { tbx_version: TbxVersion::V3, ..ExportOptions::new(Profile::Tbx) });
        for (i, o) in options.iter().enumerate() {
            let path = dir.path().join(format!("g{i}.{}", o.profile.extension()));
            export_to_file(&sample(), o, &path).unwrap();
            assert_eq!(validate(&path, o.profile).unwrap(), [], "{o:?}");
        }
        assert!(validate(&dir.path().join("absent.tsv"), Profile::DeepL).is_err());
    }

    #[test]
    fn omegat_problems() {
        let text = b"\xEF\xBB\xBFa\tb\n\nonly one\nx\t\tc\r\na\tb\tc\td\nbad \xff\tb\n";
        let problems = found(text, Profile::OmegaT);
        assert_eq!(lines(text, Profile::OmegaT), [1, 3, 4, 5, 6], "{problems:?}");
        assert!(problems[0].1.contains("byte-order mark"));
        assert!(problems[1].1.contains("1 TAB-separated"));
        assert!(problems[2].1.contains("target term is empty"));
        assert!(problems[3].1.contains("4 TAB-separated"));
        assert!(problems[4].1.contains("not valid UTF-8 (byte 5"));
    }

    #[test]
    fn deepl_problems() {
        let long = "a".repeat(1025);
        let text = format!("جوجل\tGoogle\na\tb\tc\nغوغل\tGo\u{7}ogle\n جوجل \tGoogle2\n{long}\tx\n \ty\nno tab\n");
        let problems = found(text.as_bytes(), Profile::DeepL);
        assert_eq!(lines(text.as_bytes(), Profile::DeepL), [2, 3, 4, 5, 6, 7], "{problems:?}");
        assert!(problems[0].1.contains("2 TABs"));
        assert!(problems[1].1.contains("target term contains the control character U+0007"));
        assert!(problems[2].1.contains("lines 1 and 4"), "{}", problems[2].1);
        assert!(problems[3].1.contains("1025 bytes"));
        assert!(problems[4].1.contains("source term is empty"));
        assert!(problems[5].1.contains("0 TABs"));
        assert_eq!(lines(b"\xEF\xBB\xBFa\tb\n", Profile::DeepL), [1]);
    }

    #[test]
    fn google_problems() {
        for header in ["ar\ten", "source\ttarget", "AR-SA\ten-US"] {
            let text = format!("{header}\nجوجل\tGoogle\nx\na\t\n");
            let problems = found(text.as_bytes(), Profile::Google);
            assert_eq!(lines(text.as_bytes(), Profile::Google), [1, 3, 4], "{problems:?}");
            assert!(problems[0].1.contains("header"));
            assert!(problems[1].1.contains("1 TAB-separated columns"));
        }
        // Short Latin terms are terms.
        assert_eq!(found(b"CNN\tCNN\nUN\tUN\n", Profile::Google), []);
    }

    #[test]
    fn google_ets_problems() {
        let text = "ar,en,pos,notes\nجوجل,Google,noun\n,,\n,,noun\nا,b,noun,d,e\n";
        let problems = found(text.as_bytes(), Profile::GoogleEts);
        assert_eq!(lines(text.as_bytes(), Profile::GoogleEts), [1, 4, 5], "{problems:?}");
        assert!(problems[0].1.contains("column 4 \"notes\""));
        assert!(problems[1].1.contains("no term"));
        assert!(problems[2].1.contains("5 fields"));
        let problems = found(b"ar,pos\n\xD8\xA7,noun\n", Profile::GoogleEts);
        assert!(problems[0].1.contains("two language-code columns"), "{problems:?}");
        assert_eq!(found(b"", Profile::GoogleEts)[0].0, 0);
    }

    #[test]
    fn tbx_problems() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic">
  <text><body>
    <termEntry id="c1">
      <langSet xml:lang="ar"><tig><term>جوجل</term></tig></langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet><tig><term>ميتا</term></tig></langSet>
      <langSet xml:lang="en"><tig><term> </term></tig></langSet>
      <langSet xml:lang="fr"><ntig><termGrp><term>Méta &amp; co</term></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>
"#;
        let problems = found(text.as_bytes(), Profile::Tbx);
        assert_eq!(lines(text.as_bytes(), Profile::Tbx), [4, 8, 9], "{problems:?}");
        assert!(problems[0].1.contains("termEntry id=\"c1\"> has 1 language"));
        assert!(problems[1].1.contains("no xml:lang"));
        assert!(problems[2].1.contains("xml:lang=\"en\"> has no term"));
        let v3 = r#"<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c">
<langSec xml:lang="ar"><termSec><term>ا</term></termSec></langSec></conceptEntry></body></text></tbx>"#;
        assert_eq!(lines(v3.as_bytes(), Profile::Tbx), [1]);
        let bad: [(&[u8], usize, &str); 6] = [
            (b"<martif>\n<text>\n</body>\n</martif>", 3, "not well-formed"),
            (b"<martif>\n<text>\n", 2, "never closed"),
            (b"<glossary/>", 1, "root element is <glossary>"),
            (b"<martif>\n&nbsp;</martif>", 2, "not a defined entity"),
            (b"<martif/>\n<martif/>", 2, "second root"),
            (b"<martif>\n\xff</martif>", 2, "not valid UTF-8"),
        ];
        for (text, line, message) in bad {
            let problems = found(text, Profile::Tbx);
            let text = String::from_utf8_lossy(text);
            assert_eq!(problems.len(), 1, "{text}: {problems:?}");
            assert_eq!(problems[0].0, line, "{text}: {problems:?}");
            assert!(problems[0].1.contains(message), "{text}: {problems:?}");
        }
    }

    #[test]
    fn multiterm_problems() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_row(0, 0, ["arabic", "Englisch", "Note"]).unwrap();
        let problems = found(&book.save_to_buffer().unwrap(), Profile::MultiTerm);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 1);
        assert!(problems[0].1.contains("no English column"));
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_row(1, 0, ["Arabic", "English"]).unwrap();
        assert_eq!(lines(&book.save_to_buffer().unwrap(), Profile::MultiTerm), [1, 1], "the header must be row 1");
        let problems = found(b"Arabic\tEnglish\n", Profile::MultiTerm);
        assert_eq!(problems[0].0, 0);
        assert!(problems[0].1.contains("not a readable XLSX"));
    }
}
