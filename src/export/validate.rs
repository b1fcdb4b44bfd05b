//! Checking a glossary file against the rules of the tool it is for, before
//! it is uploaded: a DeepL glossary cannot be edited once created, and an
//! import that fails says little about where.
//!
//! [`validate`] reads a file (written by nazir or edited by hand) and lists
//! every [`Problem`] with its line (the row, for XLSX; 0 when the problem
//! is the whole file). Each profile applies its tool's reader as that
//! reader behaves, no stricter and no laxer: a file the tool reads fine
//! passes, a line the tool refuses or silently drops is named. Text is
//! decoded by the crate's one UTF-8 decoder ([`crate::text`]); the first
//! byte that is not UTF-8 is the problem, with its line.
//!
//! The rules and where each comes from are tabled in the [`super`] module
//! documentation. TBX files go to [`super::tbx_rules`]; this module holds
//! the line-based profiles and MultiTerm's workbook.

use super::profile::Profile;
use super::tabular::{OMEGAT_COMMENT, deepl_term_problem};
use super::tbx_rules::check_tbx;
use crate::error::{Error, Result};
use crate::text::{BOM, Origin, decode};
use calamine::{Reader as _, Xlsx};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Something in a file that its target tool would reject or misread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (row, for XLSX); 0 when it is about the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
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
///
/// The path matters beyond the bytes in two places, as it does to the
/// tools: Google reads a `.csv` unidirectional glossary as comma-separated
/// (any other name as TAB-separated), and the TBX Checker looks for a v2
/// file's XCS in the file's folder.
pub fn validate(path: &Path, profile: Profile) -> Result<Vec<Problem>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(check_file(&bytes, profile, Some(path)))
}

/// [`validate`] for the contents of a file whose name is not known (TSV
/// for Google; a v2 TBX file's XCS is then recognized by its name only).
pub fn validate_bytes(bytes: &[u8], profile: Profile) -> Vec<Problem> {
    check_file(bytes, profile, None)
}

fn check_file(bytes: &[u8], profile: Profile, path: Option<&Path>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if profile == Profile::MultiTerm {
        check_multiterm(bytes, &mut problems);
        return problems;
    }
    let name = path.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let text = match decode(bytes, Origin::file(&name)) {
        Ok(text) => text,
        Err(bad) => {
            let at = bad.byte_offset.map(|b| format!(" at byte {b}")).unwrap_or_default();
            return vec![Problem::new(bad.line.unwrap_or(0), format!("{}{at}", bad.reason))];
        }
    };
    let bom = bytes.starts_with(BOM);
    match profile {
        Profile::Tbx => {
            let mut found = Vec::new();
            check_tbx(text, path, &mut found);
            problems.extend(found.into_iter().map(|(line, message)| Problem::new(line, message)));
        }
        // OmegaT's reader skips a leading byte-order mark (GlossaryReaderTSV).
        Profile::OmegaT => check_omegat(text, &mut problems),
        Profile::DeepL | Profile::Google | Profile::GoogleEts => {
            if bom {
                let why = match profile {
                    Profile::DeepL => "DeepL's clients would read it as part of the first source term",
                    _ => "Google would read it as part of the first cell",
                };
                problems.push(Problem::new(1, format!("starts with a byte-order mark; {why}")));
            }
            match profile {
                Profile::DeepL => check_deepl(text, &mut problems),
                Profile::GoogleEts => check_google_ets(text, &mut problems),
                _ if path.is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))) => {
                    check_google_csv(text, &mut problems)
                }
                _ => check_google_tsv(text, &mut problems),
            }
        }
        Profile::MultiTerm => {}
    }
    // Stable: problems of one line stay in the order they were found.
    problems.sort_by_key(|p| p.line);
    problems
}

/// The lines of `text` with their numbers, split where Java's `readLine`,
/// Python's and PHP's readers split (LF, CR LF or a lone CR), without the
/// line ends; a final line end starts no further line.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        out.push((out.len() + 1, &rest[..end]));
        rest = &rest[end..];
        rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\n', '\r'])).unwrap_or(rest);
    }
    out
}

/// `line` split on TAB as Java's `String.split("\t")` does (trailing empty
/// fields dropped), each field trimmed as Java's `trim` does (every
/// character up to U+0020).
fn java_fields(line: &str) -> Vec<&str> {
    let mut fields: Vec<&str> = line.split('\t').collect();
    while fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields.into_iter().map(|f| f.trim_matches(|c: char| c <= ' ')).collect()
}

/// OmegaT's TAB glossary as `GlossaryReaderTSV.read` takes it: lines that
/// start with `#` are comments (its own new files start with one, a
/// `-*- coding: utf-8 -*-` magic comment); fields are trimmed; a line with
/// fewer than two fields or an empty source is skipped without a word, so
/// here it is named; fields after the third are ignored.
fn check_omegat(text: &str, problems: &mut Vec<Problem>) {
    for (n, line) in lines(text) {
        if line.starts_with(OMEGAT_COMMENT) {
            // A comment, unless it has the shape of an entry: then a term
            // that starts with `#` is lost.
            let fields = java_fields(line);
            if fields.len() >= 2 && !fields[1].is_empty() {
                problems.push(Problem::new(
                    n,
                    format!(
                        "starts with {OMEGAT_COMMENT:?}, so OmegaT skips it as a comment and the term {:?} is lost \
                         (put a space before it: OmegaT trims fields)",
                        fields[0]
                    ),
                ));
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let fields = java_fields(line);
        if fields.len() < 2 {
            problems.push(Problem::new(n, "has no TAB-separated target, so OmegaT skips the line"));
        } else if fields[0].is_empty() {
            problems.push(Problem::new(n, "the source term is empty, so OmegaT skips the line"));
        }
    }
}

/// Trims what PHP's `trim` trims: space, TAB, LF, CR, NUL and vertical tab.
fn php_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\0', '\u{B}'])
}

/// A DeepL glossary as the official clients read it (`deepl-python`
/// `util.convert_tsv_to_dict`, `deepl-php` `GlossaryUtils::fromTsv`); a
/// line passes only if both accept it. Empty lines are skipped; a line of
/// whitespace is not empty (the Python client finds no separator in it).
/// The source is what comes before the first TAB and the target what
/// follows, both trimmed; the trimmed line holds exactly one TAB (PHP), and
/// the trimmed target none (Python). Each term: not empty, no C0 or C1
/// control character nor U+2028/U+2029, at most 1024 UTF-8 bytes (API
/// limit); no source twice; at least one entry.
fn check_deepl(text: &str, problems: &mut Vec<Problem>) {
    let mut sources: HashMap<&str, usize> = HashMap::new();
    for (n, line) in lines(text) {
        if line.is_empty() {
            continue;
        }
        if line.trim().is_empty() && !line.contains('\t') {
            problems.push(Problem::new(n, "holds only whitespace; DeepL's client refuses it (no TAB separator)"));
            continue;
        }
        let tabs = line.matches('\t').count();
        let Some((source, target)) = line.split_once('\t') else {
            problems.push(Problem::new(n, "has 0 TABs; DeepL wants exactly one"));
            continue;
        };
        let (source, target) = (source.trim(), target.trim());
        if target.contains('\t') {
            problems.push(Problem::new(n, format!("has {tabs} TABs; DeepL wants exactly one")));
            continue;
        }
        let mut refused = false;
        for (side, term) in [("source", source), ("target", target)] {
            if let Some(why) = deepl_term_problem(term) {
                problems.push(Problem::new(n, format!("the {side} term {why}")));
                refused = true;
            }
        }
        // PHP trims the line before it splits, so a TAB at either end is
        // not a separator there (an empty side, already named above).
        if !refused && php_trim(line).matches('\t').count() != 1 {
            problems.push(Problem::new(n, format!("has {tabs} TABs; DeepL wants exactly one")));
            continue;
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
    if sources.is_empty() && problems.is_empty() {
        problems.push(Problem::new(0, "the file has no entries; DeepL refuses an empty glossary"));
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

/// One row of a Google unidirectional glossary: two columns, no header
/// (Google reads one as a term pair), terms not empty.
fn check_google_row(n: usize, first: bool, cells: &[&str], separator: &str, problems: &mut Vec<Problem>) {
    if cells.len() != 2 {
        problems.push(Problem::new(n, format!("has {} {separator}-separated columns; Google wants 2", cells.len())));
        return;
    }
    if first && cells.iter().all(|c| is_header_cell(c)) {
        problems.push(Problem::new(n, "looks like a header; Google would read it as a term (remove it)"));
        return;
    }
    for (side, term) in [("source", cells[0]), ("target", cells[1])] {
        if term.trim().is_empty() {
            problems.push(Problem::new(n, format!("the {side} term is empty")));
        }
    }
}

fn check_google_tsv(text: &str, problems: &mut Vec<Problem>) {
    let mut first = true;
    for (n, line) in lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        check_google_row(n, first, &cells, "TAB", problems);
        first = false;
    }
}

/// The CSV records of `text` with their lines; a record that is not CSV
/// ends the list with a problem.
fn csv_records(text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, csv::StringRecord)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => records.push((r.position().map_or(0, |p| p.line() as usize), r)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::new(line, format!("not valid CSV: {e}")));
                break;
            }
        }
    }
    records.retain(|(_, r)| !r.iter().all(|c| c.trim().is_empty()));
    records
}

fn check_google_csv(text: &str, problems: &mut Vec<Problem>) {
    for (i, (n, record)) in csv_records(text, problems).into_iter().enumerate() {
        let cells: Vec<&str> = record.iter().collect();
        check_google_row(n, i == 0, &cells, "comma", problems);
    }
}

/// Whether `code` is a language code such as `ar`, `en-US` or `zh_Hant`.
pub(crate) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let lang = parts.next().unwrap_or_default();
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Google's equivalent term sets (the Translator Toolkit glossary format):
/// a header of locale codes, each once, plus at most one `pos` and one
/// `description` column; at least two locales for a glossary to translate
/// with; a term in every row; blank rows ignored.
fn check_google_ets(text: &str, problems: &mut Vec<Problem>) {
    let mut header: Option<(Vec<usize>, usize)> = None;
    for (line, record) in csv_records(text, problems) {
        let Some((locales, width)) = &header else {
            let mut locales = Vec::new();
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, cell) in record.iter().enumerate() {
                let name = cell.trim();
                let key = name.to_ascii_lowercase().replace('_', "-");
                if let Some(first) = seen.insert(key, i + 1) {
                    problems.push(Problem::new(
                        line,
                        format!("column {} {name:?} repeats column {first}; each language (and pos, description) may head one column", i + 1),
                    ));
                    continue;
                }
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
    if header.is_none() && problems.is_empty() {
        problems.push(Problem::new(0, "the file is empty; it needs a header such as ar,en,pos,description"));
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

    fn lines_of(text: &[u8], profile: Profile) -> Vec<usize> {
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
        options.push(ExportOptions { omit_forbidden: true, ..ExportOptions::new(Profile::Tbx) });
        for (i, o) in options.iter().enumerate() {
            let path = dir.path().join(format!("g{i}.{}", o.profile.extension()));
            export_to_file(&sample(), o, &path).unwrap();
            assert_eq!(validate(&path, o.profile).unwrap(), [], "{o:?}");
        }
        assert!(validate(&dir.path().join("absent.tsv"), Profile::DeepL).is_err());
    }

    #[test]
    fn lines_end_where_the_readers_end_them() {
        assert_eq!(lines("a\nb\r\nc\rd\n"), [(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        assert_eq!(lines("a\n\nb"), [(1, "a"), (2, ""), (3, "b")]);
        assert_eq!(java_fields(" a \t b\t\t"), ["a", "b"]);
        assert_eq!(java_fields("a\t\tc"), ["a", "", "c"]);
    }

    #[test]
    fn omegat_reads_what_its_reader_reads() {
        // OmegaT's own first line, a BOM, extra fields, blank lines: fine.
        let good = "\u{FEFF}# Glossary in tab-separated format -*- coding: utf-8 -*-\na\tb\tc\td\n\n \n #x\ty\n";
        assert_eq!(found(good.as_bytes(), Profile::OmegaT), []);
        let bad = b"a\tb\n#MeToo\tx\nonly\n\tb\nx\t\nbad \xff\tb\n";
        let problems = found(bad, Profile::OmegaT);
        // The first bad byte stops the reading: it is the one problem.
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].1.contains("not valid UTF-8") && problems[0].0 == 6, "{problems:?}");
        let bad = b"a\tb\n#MeToo\tx\nonly\n\tb\nx\t\n";
        let problems = found(bad, Profile::OmegaT);
        assert_eq!(lines_of(bad, Profile::OmegaT), [2, 3, 4, 5], "{problems:?}");
        assert!(problems[0].1.contains("\"#MeToo\" is lost"));
        assert!(problems[1].1.contains("no TAB-separated target"));
        assert!(problems[2].1.contains("source term is empty"));
        assert!(problems[3].1.contains("no TAB-separated target"), "a trailing empty field is dropped");
    }

    #[test]
    fn deepl_problems() {
        let long = "a".repeat(1025);
        let text = format!("جوجل\tGoogle\na\tb\tc\nغوغل\tGo\u{7}ogle\n جوجل \tGoogle2\n{long}\tx\n \ty\nno tab\n  \n");
        let problems = found(text.as_bytes(), Profile::DeepL);
        assert_eq!(lines_of(text.as_bytes(), Profile::DeepL), [2, 3, 4, 5, 6, 7, 8], "{problems:?}");
        assert!(problems[0].1.contains("2 TABs"));
        assert!(problems[1].1.contains("target term contains the control character U+0007"));
        assert!(problems[2].1.contains("lines 1 and 4"), "{}", problems[2].1);
        assert!(problems[3].1.contains("1025 bytes"));
        assert!(problems[4].1.contains("source term is empty"));
        assert!(problems[5].1.contains("0 TABs"));
        assert!(problems[6].1.contains("only whitespace"));
        assert_eq!(lines_of(b"\xEF\xBB\xBFa\tb\n", Profile::DeepL), [1]);
        // Empty lines are skipped; a TAB after the target is trimmed by both clients.
        assert_eq!(found(b"a\tb\n\nc\td\t\n", Profile::DeepL), []);
        assert_eq!(found(b"\n", Profile::DeepL)[0].1, "the file has no entries; DeepL refuses an empty glossary");
    }

    #[test]
    fn google_problems() {
        for header in ["ar\ten", "source\ttarget", "AR-SA\ten-US"] {
            let text = format!("{header}\nجوجل\tGoogle\nx\na\t\n");
            let problems = found(text.as_bytes(), Profile::Google);
            assert_eq!(lines_of(text.as_bytes(), Profile::Google), [1, 3, 4], "{problems:?}");
            assert!(problems[0].1.contains("header"));
            assert!(problems[1].1.contains("1 TAB-separated columns"));
        }
        // Short Latin terms are terms.
        assert_eq!(found(b"CNN\tCNN\nUN\tUN\n", Profile::Google), []);
    }

    #[test]
    fn google_reads_a_csv_file_as_comma_separated() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("g.csv");
        std::fs::write(&csv, "جوجل,Google\n\"ميتا, إنك\",\"Meta, Inc.\"\n").unwrap();
        assert_eq!(validate(&csv, Profile::Google).unwrap(), []);
        let tsv = dir.path().join("g.tsv");
        std::fs::write(&tsv, "جوجل,Google\n").unwrap();
        assert!(validate(&tsv, Profile::Google).unwrap()[0].message.contains("1 TAB-separated"));
    }

    #[test]
    fn google_ets_problems() {
        let text = "ar,en,pos,notes\nجوجل,Google,noun\n,,\n,,noun\nا,b,noun,d,e\n";
        let problems = found(text.as_bytes(), Profile::GoogleEts);
        assert_eq!(lines_of(text.as_bytes(), Profile::GoogleEts), [1, 4, 5], "{problems:?}");
        assert!(problems[0].1.contains("column 4 \"notes\""));
        assert!(problems[1].1.contains("no term"));
        assert!(problems[2].1.contains("5 fields"));
        let problems = found(b"ar,pos\n\xD8\xA7,noun\n", Profile::GoogleEts);
        assert!(problems[0].1.contains("two language-code columns"), "{problems:?}");
        let problems = found(b"ar,en,AR,pos,pos\n", Profile::GoogleEts);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].1.contains("column 3 \"AR\" repeats column 1"));
        assert!(problems[1].1.contains("column 5 \"pos\" repeats column 4"));
        assert_eq!(found(b"", Profile::GoogleEts)[0].0, 0);
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
        assert_eq!(lines_of(&book.save_to_buffer().unwrap(), Profile::MultiTerm), [1, 1], "the header must be row 1");
        let problems = found(b"Arabic\tEnglish\n", Profile::MultiTerm);
        assert_eq!(problems[0].0, 0);
        assert!(problems[0].1.contains("not a readable XLSX"));
    }
}
