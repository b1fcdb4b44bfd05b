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
