//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// One CSV row, by header.
pub type Row = HashMap<String, String>;

/// The `nazir` binary built by Cargo for these tests.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_nazir"))
}

/// The repository root (tests run the binary from here).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/data/`.
pub fn data(rel: &str) -> PathBuf {
    repo().join("tests/data").join(rel)
}

/// The arguments for a build of the test articles against the English
/// list without the shipped gazetteer, relative to the repository root.
pub const ENGLISH: [&str; 3] = ["--no-default-gazetteer", "--english", "tests/data/english.txt"];

/// `path` as an argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// Runs nazir with `args` and asserts exit code 0; returns stderr.
pub fn ok(args: &[&str]) -> String {
    let out = run(args, None);
    assert_success(&out, args);
    stderr(&out)
}

/// Runs the binary from the repository root with `args`, feeding `stdin`
/// (or nothing: stdin is closed when `None`).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_in(&repo(), args, stdin)
}

/// Runs the binary from `dir`.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the nazir binary starts");
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("piped stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            // The binary may exit early (usage errors): ignore broken pipes.
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("the nazir binary runs");
    if let Some(w) = writer {
        w.join().expect("stdin writer");
    }
    out
}

/// Runs a build with `args` and asserts exit code 0; returns stdout.
pub fn build_ok(args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = run(&all, None);
    assert_success(&out, &all);
    stdout(&out)
}

/// Asserts exit code 0, showing stderr otherwise.
pub fn assert_success(out: &Output, args: &[&str]) {
    assert_eq!(out.status.code(), Some(0), "nazir {args:?} failed:\n{}", stderr(out));
}

/// Asserts the exit code, showing stderr otherwise.
pub fn assert_code(out: &Output, code: i32, args: &[&str]) {
    assert_eq!(out.status.code(), Some(code), "nazir {args:?}: unexpected exit code; stderr:\n{}", stderr(out));
}

/// Stdout as UTF-8.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Stderr as (lossy) text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// The names of the entries of `dir`, sorted.
pub fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Parses CSV text (a leading BOM is skipped): the header and the rows as
/// maps by header.
pub fn read_csv(text: &str) -> (Vec<String>, Vec<Row>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("CSV header").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("CSV record");
            assert_eq!(r.len(), header.len(), "row {r:?} has the wrong width");
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    (header, rows)
}

/// The rows of CSV text.
pub fn csv_rows(text: &str) -> Vec<Row> {
    read_csv(text).1
}

/// A CSV file's rows.
pub fn csv_file_rows(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).expect("readable CSV file");
    csv_rows(&text)
}

/// The rows of `tests/data/expected_pairs.csv`.
pub fn expected_pairs() -> Vec<Row> {
    csv_file_rows(&data("expected_pairs.csv"))
}

/// The glossary row for `en`, if any.
pub fn row_for<'a>(rows: &'a [Row], en: &str) -> Option<&'a Row> {
    rows.iter().find(|r| r["en"] == en)
}

/// All renderings of a glossary row: `ar` then the `|`-separated variants.
pub fn renderings(row: &Row) -> Vec<String> {
    std::iter::once(row["ar"].as_str())
        .chain(row["variants"].split('|'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `c` is an Arabic letter (not a mark, digit or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}')
}

/// Whether `s` contains an Arabic letter.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(is_arabic_letter)
}

/// Whether `c` is a Latin letter (ASCII or accented).
pub fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

/// Whether `s` contains a Latin letter.
pub fn has_latin(s: &str) -> bool {
    s.chars().any(is_latin_letter)
}

/// Whether `c` is a haraka (U+064B–U+065F, or the dagger alef U+0670).
pub fn is_haraka(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The comparison form of an Arabic (or Latin) term: harakat and tatweel
/// removed, أ إ آ folded to ا.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_haraka(c) && c != '\u{0640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect()
}

/// The text of a file as nazir reads it: BOM removed, CRLF to LF.
pub fn read_article(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable UTF-8 article");
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    text.replace("\r\n", "\n")
}

/// The Arabic texts of the JSONL batch by id.
pub fn batch_texts() -> HashMap<String, String> {
    let text = std::fs::read_to_string(data("batch.jsonl")).expect("batch.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("valid JSONL");
            (v["id"].as_str().expect("string id").to_string(), v["text"].as_str().expect("text").to_string())
        })
        .collect()
}

/// A worksheet as a spreadsheet program shows it: its name and its rows
/// of typed cells, the header first.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<calamine::Data>>,
}

impl Sheet {
    /// The header cells as text.
    pub fn headers(&self) -> Vec<String> {
        self.rows.first().map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default()
    }

    /// The index of a column, by header.
    pub fn column(&self, name: &str) -> usize {
        self.headers()
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("sheet {} has no column {name}: {:?}", self.name, self.headers()))
    }

    /// A cell as text (empty when the row is short).
    pub fn text(&self, row: usize, column: &str) -> String {
        let col = self.column(column);
        self.rows[row].get(col).map(|c| c.to_string()).unwrap_or_default()
    }

    /// The first data row whose cells in `columns` read `values`.
    pub fn find(&self, columns: &[&str], values: &[&str]) -> usize {
        (1..self.rows.len())
            .find(|&r| columns.iter().zip(values).all(|(c, v)| self.text(r, c) == *v))
            .unwrap_or_else(|| panic!("sheet {} has no row with {columns:?} = {values:?}", self.name))
    }

    /// Sets a cell to text, as a reviewer types it.
    pub fn set(&mut self, row: usize, column: &str, value: &str) {
        let col = self.column(column);
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, calamine::Data::Empty);
        }
        cells[col] = calamine::Data::String(value.to_string());
    }

    /// Adds a column at the right end, empty below its header.
    pub fn add_column(&mut self, name: &str) {
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        for (i, row) in self.rows.iter_mut().enumerate() {
            row.resize(width, calamine::Data::Empty);
            row.push(if i == 0 { calamine::Data::String(name.to_string()) } else { calamine::Data::Empty });
        }
    }

    /// The data rows as maps by header, every cell as text.
    pub fn records(&self) -> Vec<Row> {
        let headers = self.headers();
        self.rows[1..]
            .iter()
            .map(|cells| {
                headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (h.clone(), cells.get(i).map(|c| c.to_string()).unwrap_or_default()))
                    .collect()
            })
            .collect()
    }
}

/// Every sheet of an XLSX workbook, read with calamine (not with nazir).
pub fn read_workbook(path: &Path) -> Vec<Sheet> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(path).unwrap_or_else(|e| panic!("{} is not a readable XLSX: {e}", path.display()));
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("readable sheet");
            // Absolute positions: the header is row 1, column A.
            let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
            let rows = (0..rows)
                .map(|r| {
                    (0..cols)
                        .map(|c| range.get_value((r as u32, c as u32)).cloned().unwrap_or(calamine::Data::Empty))
                        .collect()
                })
                .collect();
            Sheet { name, rows }
        })
        .collect()
}

/// Saves sheets as a new XLSX workbook with rust_xlsxwriter, as a
/// spreadsheet program would after an edit: texts as text, numbers as
/// numbers.
pub fn write_workbook(sheets: &[Sheet], path: &Path) {
    use calamine::Data;
    let mut book = rust_xlsxwriter::Workbook::new();
    for sheet in sheets {
        let ws = book.add_worksheet().set_name(&sheet.name).expect("valid sheet name");
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::Empty => {}
                    Data::Int(n) => {
                        ws.write_number(r, c, *n as f64).expect("cell written");
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).expect("cell written");
                    }
                    Data::Bool(b) => {
                        ws.write_boolean(r, c, *b).expect("cell written");
                    }
                    other => {
                        ws.write_string(r, c, other.to_string()).expect("cell written");
                    }
                }
            }
        }
    }
    book.save(path).expect("workbook saved");
}

/// The parts of a ZIP file (an XLSX workbook) by name, as text.
pub fn zip_parts(path: &Path) -> Vec<(String, String)> {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("readable ZIP file");
    let mut zip = zip::ZipArchive::new(file).expect("a ZIP archive");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("ZIP entry");
        let mut text = String::new();
        part.read_to_string(&mut text).expect("UTF-8 part");
        parts.push((part.name().expect("entry name").to_string(), text));
    }
    parts
}
