//! Reading spreadsheets people edited: CSV and XLSX as plain tables.
//!
//! Reviewers return glossaries as CSV (possibly saved by Excel: BOM, CRLF,
//! `;` instead of `,` in some locales) or XLSX. Both become [`Table`]s:
//! a header and rows of text cells, each row with the line (CSV) or row
//! (XLSX) number the reviewer sees, so that every later message (a merge
//! conflict, a bad status) can point at the cell. Numbers and dates in
//! XLSX cells are turned back into text; nothing is interpreted here.

use crate::error::{Error, InputProblem, Result};
use calamine::{Data, Reader};
use std::path::{Path, PathBuf};

/// One sheet (or one CSV file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The file it was read from.
    pub path: PathBuf,
    /// The sheet name (`glossary` for a CSV file).
    pub sheet: String,
    /// Column names, as written (trimmed, BOM removed).
    pub headers: Vec<String>,
    /// Rows after the header: the 1-based line or row number and the cells
    /// (as many as headers; missing cells are empty).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The index of a column (names compared case-insensitively).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Where a cell is, for messages: `file:sheet:row:column`.
    pub(crate) fn place(&self, row: usize, column: &str) -> String {
        format!("{} [{}] row {row}, column {column}", self.path.display(), self.sheet)
    }
}

/// Whether a path names an XLSX workbook (by its extension).
pub(crate) fn is_xlsx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads every sheet of an XLSX workbook, or the one table of a CSV file.
pub fn read_tables(path: &Path) -> Result<Vec<Table>> {
    if is_xlsx(path) { read_xlsx(path) } else { Ok(vec![read_csv(path)?]) }
}

fn problem(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::Data(InputProblem { path: path.display().to_string(), line, byte_offset: None, reason })
}

/// Reads a CSV file: UTF-8 with or without a BOM, `,`, `;` or TAB as the
/// delimiter (whichever the header line uses most), ragged rows padded.
pub fn read_csv(path: &Path) -> Result<Table> {
    // The crate's one decoder, so that a bad byte is reported as in every
    // other file (line and byte offset counted in the file).
    let text = crate::text::read_file(path)?;
    let body = text.as_bytes();
    let first_line = body.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let delimiter =
        [b',', b';', b'\t'].into_iter().max_by_key(|d| first_line.iter().filter(|b| *b == d).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(body);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| problem(path, Some(1), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| problem(path, e.position().map(|p| p.line() as usize), e.to_string()))?;
        // Counted from the byte offset, past the line end that the reader
        // leaves before a record after a CRLF line.
        let mut byte = record.position().map_or(0, |p| p.byte() as usize).min(body.len());
        while byte < body.len() && matches!(body[byte], b'\r' | b'\n') {
            byte += 1;
        }
        let line = body[..byte].iter().filter(|&&b| b == b'\n').count() + 1;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        cells.resize(headers.len().max(cells.len()), String::new());
        rows.push((line, cells));
    }
    Ok(Table { path: path.to_path_buf(), sheet: "glossary".into(), headers, rows })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Reads every sheet of an XLSX workbook (the first row of each is its
/// header; fully empty rows are skipped).
pub(crate) fn read_xlsx(path: &Path) -> Result<Vec<Table>> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e| problem(path, None, format!("not a readable XLSX workbook: {e}")))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| problem(path, None, format!("sheet {name}: {e}")))?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let mut rows_iter = range.rows();
        let Some(header_row) = rows_iter.next() else {
            tables.push(Table { path: path.to_path_buf(), sheet: name, ..Table::default() });
            continue;
        };
        let headers: Vec<String> = header_row.iter().map(|c| cell_text(c).trim().to_string()).collect();
        let mut rows = Vec::new();
        for (k, row) in rows_iter.enumerate() {
            let mut cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            cells.resize(headers.len().max(cells.len()), String::new());
            // Spreadsheet row numbers are 1-based and the header is one row.
            rows.push((first_row as usize + k + 2, cells));
        }
        tables.push(Table { path: path.to_path_buf(), sheet: name, headers, rows });
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_crlf_and_semicolons() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        std::fs::write(&p, "\u{FEFF}en;ar;status\r\nGoogle;جوجل;approved\r\n;;\r\nMeta;ميتا\r\n").unwrap();
        let t = read_csv(&p).unwrap();
        assert_eq!(t.headers, vec!["en", "ar", "status"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0], (2, vec!["Google".into(), "جوجل".into(), "approved".into()]));
        assert_eq!(t.rows[1].0, 4);
        assert_eq!(t.rows[1].1[2], "");
        assert_eq!(t.column("STATUS"), Some(2));
    }

    #[test]
    fn bad_csv_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        std::fs::write(&p, b"en,ar\nGoogle,\xff\n").unwrap();
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.ends_with("r.csv:2 (byte 13): not valid UTF-8 (byte 0xFF)"), "{err}");
        // The offset counts the byte-order mark: it is a byte of the file.
        std::fs::write(&p, b"\xEF\xBB\xBFen,ar\r\nGoogle,\xff\r\n").unwrap();
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.ends_with("r.csv:2 (byte 17): not valid UTF-8 (byte 0xFF)"), "{err}");
    }

    #[test]
    fn xlsx_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("glossary").unwrap();
        sheet.write_row(0, 0, ["id", "en", "ar", "count"]).unwrap();
        sheet.write_row(1, 0, ["n1", "Google", "جوجل"]).unwrap();
        sheet.write_number(1, 3, 4.0).unwrap();
        sheet.write_row(3, 0, ["n2", "Meta", "ميتا"]).unwrap();
        book.save(&p).unwrap();
        let t = &read_tables(&p).unwrap()[0];
        assert_eq!(t.sheet, "glossary");
        assert_eq!(t.headers, vec!["id", "en", "ar", "count"]);
        assert_eq!(t.rows[0], (2, vec!["n1".into(), "Google".into(), "جوجل".into(), "4".into()]));
        assert_eq!(t.rows[1].0, 4, "row numbers as Excel shows them");
        assert!(read_tables(&dir.path().join("missing.xlsx")).is_err());
    }
}
