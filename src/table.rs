//! Reading spreadsheets people edited: CSV and XLSX as plain tables.
//!
//! Reviewers return glossaries as CSV (possibly saved by Excel: BOM, CRLF,
//! `;` instead of `,` in some locales) or XLSX. Both become [`Table`]s:
//! a header and rows of text cells, each row with the line (CSV) or row
//! (XLSX) number the reviewer sees, so that every later message (a merge
//! conflict, a bad status) can point at the cell. Numbers and dates in
//! XLSX cells are turned back into text; nothing is interpreted here.
//!
//! # Limits
//!
//! A table is held in memory as a rectangle of cells, and a workbook is a
//! zip of XML parts that can unpack to far more than its size on disk, so
//! a small hostile file could otherwise ask for any amount of memory (a
//! single cell at `XFD1048576` makes a rectangle of 17 billion cells; a
//! 2 MB zip can unpack to gigabytes). Before anything is held, a file is
//! measured against these limits, and one beyond them is refused with an
//! error naming the file (and the sheet and cell, or the zip part):
//!
//! | what | at most | constant |
//! |---|---|---|
//! | columns of a table (first to last non-empty column) | 256 | [`MAX_COLUMNS`] |
//! | rows of a sheet (its last row number) | 1,048,576 (Excel's own limit) | [`MAX_ROWS`] |
//! | cells of a file, empty ones in the rectangle included | 4,194,304 (e.g. 262,144 rows × 16 columns) | [`MAX_CELLS`] |
//! | text of a file's cells | 256 MiB | [`MAX_TEXT_BYTES`] |
//! | an XLSX file on disk | 256 MiB | [`MAX_XLSX_FILE_BYTES`] |
//! | parts (zip entries) of an XLSX file | 4,096 | [`MAX_XLSX_PARTS`] |
//! | one part, unpacked | 128 MiB | [`MAX_XLSX_PART_BYTES`] |
//! | all parts together, unpacked | 512 MiB | [`MAX_XLSX_UNPACKED_BYTES`] |
//!
//! The unpacked sizes are measured by unpacking (the sizes a zip declares
//! can lie), streaming, before the workbook is read. Sheets are then read
//! cell by cell, keeping only non-empty cells, so empty space in a sheet
//! costs nothing. A glossary of 100,000 entries is far inside every limit;
//! memory for any accepted file stays within about a gigabyte.
//!
//! # Formula guards
//!
//! The CSV files nazir writes for people are guarded against spreadsheet
//! formulas (`guard_formula`): a cell a spreadsheet would evaluate gets
//! a leading `'`. Reading a CSV undoes exactly that guard
//! (`unguard_formula`), so a guarded build CSV given back as a glossary
//! reads as the terms it was written from.

use crate::error::{Error, InputProblem, Result};
use calamine::{Data, DataRef, Reader, XlsxError};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// The most columns a table may span, from its first to its last
/// non-empty column (a glossary has a dozen; Excel allows 16,384).
pub const MAX_COLUMNS: usize = 256;
/// The most rows a sheet or CSV file may have: Excel's own limit.
pub const MAX_ROWS: usize = 1_048_576;
/// The most cells a file's tables may hold, counting the empty cells
/// inside each table's rectangle (every one is a `String` in memory).
pub const MAX_CELLS: usize = 1 << 22;
/// The most bytes of cell text a file's tables may hold (a shared string
/// of a workbook is counted in every cell that shows it).
pub const MAX_TEXT_BYTES: usize = 256 << 20;
/// The largest XLSX file read (it is read into memory whole).
pub const MAX_XLSX_FILE_BYTES: u64 = 256 << 20;
/// The most parts (zip entries) an XLSX file may have; a workbook has a
/// dozen or so.
pub const MAX_XLSX_PARTS: usize = 4096;
/// The most bytes one part of an XLSX file may unpack to.
pub const MAX_XLSX_PART_BYTES: u64 = 128 << 20;
/// The most bytes all parts of an XLSX file may unpack to together.
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 512 << 20;

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
/// Files beyond the limits of the module documentation are refused.
pub fn read_tables(path: &Path) -> Result<Vec<Table>> {
    // A file that is not there is not bad data: say what it is.
    std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if is_xlsx(path) { read_xlsx(path) } else { Ok(vec![read_csv(path)?]) }
}

fn problem(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::Data(InputProblem { path: path.display().to_string(), line, byte_offset: None, reason })
}

/// Whether a spreadsheet opening a CSV cell would take it for a formula
/// (or, after TAB or CR, might): it starts with `=`, `+`, `-`, `@`, TAB or
/// CR, is more than that one character, and is not a plain number (`-3`
/// or `+0.5` are read as the numbers they are, which is harmless).
pub(crate) fn looks_like_formula(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else { return false };
    matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') && cell.len() > 1 && !is_plain_number(cell)
}

/// An optional sign, digits with at most one decimal point, an optional
/// exponent: a number a spreadsheet reads as a number.
fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let points = mantissa.bytes().filter(|&b| b == b'.').count();
    let mantissa_ok = digits > 0 && points <= 1 && digits + points == mantissa.len();
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// The cell as a CSV nazir writes for people holds it: with a leading `'`
/// when a spreadsheet would evaluate it ([`looks_like_formula`]), so that
/// opening the file runs nothing (the OWASP "CSV injection" guard).
pub(crate) fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(cell) { format!("'{cell}").into() } else { cell.into() }
}

/// Undoes [`guard_formula`]: a cell of `'` and a formula-looking text is
/// that text. Anything else is left as it is.
pub(crate) fn unguard_formula(cell: &str) -> Option<&str> {
    cell.strip_prefix('\'').filter(|rest| looks_like_formula(rest))
}

/// Counts cells and text against [`MAX_CELLS`] and [`MAX_TEXT_BYTES`]
/// while a file is read.
#[derive(Default)]
struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    /// Takes `cells` cells and `text` bytes; the error says which limit.
    fn take(&mut self, cells: usize, text: usize) -> std::result::Result<(), String> {
        self.cells = self.cells.saturating_add(cells);
        self.text = self.text.saturating_add(text);
        if self.cells > MAX_CELLS {
            return Err(format!(
                "more than {MAX_CELLS} cells (counting the empty cells of each table's rectangle): too big for a \
                 glossary table"
            ));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(format!("more than {} MiB of cell text: too big for a glossary table", MAX_TEXT_BYTES >> 20));
        }
        Ok(())
    }
}

/// Reads a CSV file: UTF-8 with or without a BOM, `,`, `;` or TAB as the
/// delimiter (whichever the header line uses most), ragged rows padded.
/// A cell guarded against formulas (as nazir writes its CSV files) is read unguarded.
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
    if headers.len() > MAX_COLUMNS {
        let reason = format!("the header has {} columns; a table has at most {MAX_COLUMNS}", headers.len());
        return Err(problem(path, Some(1), reason));
    }
    let mut budget = Budget::default();
    let mut rows = Vec::new();
    // Lines are counted on from the previous record, never from the start
    // of the file again: the count is linear in the file.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|e| problem(path, e.position().map(|p| p.line() as usize), e.to_string()))?;
        // Counted from the byte offset, past the line end that the reader
        // leaves before a record after a CRLF line.
        let mut byte = record.position().map_or(0, |p| p.byte() as usize).min(body.len());
        while byte < body.len() && matches!(body[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte > counted_to {
            line += body[counted_to..byte].iter().filter(|&&b| b == b'\n').count();
            counted_to = byte;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(problem(path, Some(line), format!("more than {MAX_ROWS} rows: too big for a glossary table")));
        }
        // Empty cells past the last column are kept up to the limit (a
        // spreadsheet writes them for a wider row above), never beyond.
        let used = (0..record.len()).rev().find(|&i| !record[i].is_empty()).map_or(0, |i| i + 1);
        if used > MAX_COLUMNS {
            let reason = format!("a cell in column {used}; a table has at most {MAX_COLUMNS} columns");
            return Err(problem(path, Some(line), reason));
        }
        let mut cells: Vec<String> = record
            .iter()
            .take(MAX_COLUMNS.max(headers.len()))
            .map(|c| unguard_formula(c).unwrap_or(c).to_string())
            .collect();
        cells.resize(headers.len().max(cells.len()), String::new());
        budget.take(cells.len(), cells.iter().map(String::len).sum()).map_err(|r| problem(path, Some(line), r))?;
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

/// A cell's name as a spreadsheet shows it (`A1`, `XFD1048576`) from its
/// 0-based row and column.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(column) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), u64::from(row) + 1)
}

/// Reads an XLSX file into memory after checking it against the limits of
/// the module documentation: its size, its number of parts, and what each
/// part really unpacks to.
fn read_xlsx_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_XLSX_FILE_BYTES {
        let reason = format!("the workbook is {size} bytes; at most {} MiB are read", MAX_XLSX_FILE_BYTES >> 20);
        return Err(problem(path, None, reason));
    }
    let mut bytes = Vec::new();
    file.take(MAX_XLSX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    check_parts(path, &bytes, MAX_XLSX_PART_BYTES, MAX_XLSX_UNPACKED_BYTES)?;
    Ok(bytes)
}

/// Checks the parts of a zip against [`MAX_XLSX_PARTS`] and, by unpacking
/// them, against the byte limits given.
fn check_parts(path: &Path, bytes: &[u8], part_limit: u64, total_limit: u64) -> Result<()> {
    let unreadable = |e: &dyn std::fmt::Display| problem(path, None, format!("not a readable XLSX workbook: {e}"));
    // The zip directory is read whole, so its number of entries is checked
    // first, from the end-of-directory record.
    if let Some(parts) = declared_parts(bytes)
        && parts > MAX_XLSX_PARTS
    {
        let reason = format!("the workbook has {parts} parts (zip entries); at most {MAX_XLSX_PARTS} are read");
        return Err(problem(path, None, reason));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_XLSX_PARTS {
        let reason = format!("the workbook has {} parts (zip entries); at most {MAX_XLSX_PARTS} are read", zip.len());
        return Err(problem(path, None, reason));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        let too_big = |n: u64| {
            problem(
                path,
                None,
                format!("part {name} unpacks to {n} bytes or more; at most {part_limit} bytes per part"),
            )
        };
        if part.size() > part_limit {
            return Err(too_big(part.size()));
        }
        // The declared size may lie (the zip reader stops at it, but which
        // sizes it trusts is its business): what comes out is what counts,
        // and it is thrown away as it comes.
        let unpacked = std::io::copy(&mut (&mut part).take(part_limit + 1), &mut std::io::sink())
            .map_err(|e| problem(path, None, format!("part {name} cannot be unpacked: {e}")))?;
        if unpacked > part_limit {
            return Err(too_big(unpacked));
        }
        total += unpacked;
        if total > total_limit {
            return Err(problem(path, None, format!("the workbook unpacks to more than {total_limit} bytes")));
        }
    }
    Ok(())
}

/// The number of entries a zip file's end-of-directory record declares
/// (`u16::MAX` stands for "see the zip64 record", which is as many), or
/// `None` when there is no such record (the zip reader then says what is
/// wrong).
fn declared_parts(bytes: &[u8]) -> Option<usize> {
    const SIGNATURE: [u8; 4] = [0x50, 0x4B, 0x05, 0x06];
    // The record is 22 bytes and a comment of at most 65,535.
    let tail = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[tail..].windows(4).rposition(|w| w == SIGNATURE)? + tail;
    let count = bytes.get(at + 10..at + 12)?;
    Some(usize::from(u16::from_le_bytes([count[0], count[1]])))
}

/// The non-empty cells of one sheet, by row, read one by one (never as the
/// rectangle the sheet declares).
struct SparseSheet {
    rows: BTreeMap<u32, Vec<(u32, Data)>>,
    first_column: u32,
    last_column: u32,
}

/// Reads one sheet's non-empty cells; the error names the cell.
fn read_sheet<R: Read + std::io::Seek>(
    book: &mut calamine::Xlsx<R>,
    name: &str,
    budget: &mut Budget,
) -> std::result::Result<Option<SparseSheet>, String> {
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        // A chart sheet: no table (as calamine's own ranges have it).
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut sheet = SparseSheet { rows: BTreeMap::new(), first_column: u32::MAX, last_column: 0 };
    while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        let place = cell_name(row, column);
        if row as usize >= MAX_ROWS {
            return Err(format!("cell {place} is beyond row {MAX_ROWS}"));
        }
        sheet.first_column = sheet.first_column.min(column);
        sheet.last_column = sheet.last_column.max(column);
        if (sheet.last_column - sheet.first_column) as usize >= MAX_COLUMNS {
            return Err(format!(
                "cell {place} makes the table {} columns wide; a table has at most {MAX_COLUMNS}",
                sheet.last_column - sheet.first_column + 1
            ));
        }
        let value = Data::from(cell.get_value().clone());
        let text = match &value {
            Data::String(s) => s.len(),
            _ => 0,
        };
        budget.take(1, text).map_err(|reason| format!("at cell {place}: {reason}"))?;
        sheet.rows.entry(row).or_default().push((column, value));
    }
    Ok(Some(sheet))
}

/// Reads every sheet of an XLSX workbook (the first row of each is its
/// header; fully empty rows are skipped), within the limits of the module
/// documentation. A table spans the rows and columns of the sheet's
/// non-empty cells, as Excel's used range does.
pub(crate) fn read_xlsx(path: &Path) -> Result<Vec<Table>> {
    let bytes = read_xlsx_bytes(path)?;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| problem(path, None, format!("not a readable XLSX workbook: {e}")))?;
    let mut budget = Budget::default();
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let sheet_problem = |reason: String| problem(path, None, format!("sheet {name}: {reason}"));
        let empty = Table { path: path.to_path_buf(), sheet: name.clone(), ..Table::default() };
        let Some(sheet) = read_sheet(&mut book, &name, &mut budget).map_err(sheet_problem)? else {
            tables.push(empty);
            continue;
        };
        let mut rows_iter = sheet.rows.into_iter();
        let Some((_, header_cells)) = rows_iter.next() else {
            tables.push(empty);
            continue;
        };
        let width = (sheet.last_column - sheet.first_column + 1) as usize;
        let dense = |cells: Vec<(u32, Data)>| {
            let mut row = vec![String::new(); width];
            for (column, value) in cells {
                row[(column - sheet.first_column) as usize] = cell_text(&value);
            }
            row
        };
        let headers: Vec<String> = dense(header_cells).into_iter().map(|h| h.trim().to_string()).collect();
        let mut rows = Vec::new();
        for (row, cells) in rows_iter {
            let cells = dense(cells);
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            // The cells were counted as they were read; the rectangle adds
            // the empty ones.
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            budget.take(width - filled.min(width), 0).map_err(sheet_problem)?;
            // Spreadsheet row numbers are 1-based.
            rows.push((row as usize + 1, cells));
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
    /// A workbook of one sheet `glossary` with `cells` (0-based row and
    /// column, text).
    fn workbook(dir: &Path, cells: &[(u32, u16, &str)]) -> PathBuf {
        let p = dir.join("w.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("glossary").unwrap();
        for &(row, column, text) in cells {
            sheet.write_string(row, column, text).unwrap();
        }
        book.save(&p).unwrap();
        p
    }

    #[test]
    fn a_far_cell_is_refused_by_name_not_allocated() {
        let dir = tempfile::tempdir().unwrap();
        // Excel's last cell, XFD1048576, with a header at A1: read as a
        // rectangle, 17 billion cells.
        let p = workbook(dir.path(), &[(0, 0, "en"), (1_048_575, 16_383, "x")]);
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.contains("w.xlsx: sheet glossary: cell XFD1048576 makes the table 16384 columns wide"), "{err}");
        assert!(err.contains("at most 256"), "{err}");
        let p = workbook(dir.path(), &[(0, 0, "en"), (199_999, 701, "x")]);
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.contains("cell ZZ200000 makes the table 702 columns wide"), "{err}");
        // Alone, the far cell is a one-cell table; 256 columns are allowed,
        // and the empty rows between cost nothing.
        let p = workbook(dir.path(), &[(1_048_575, 16_383, "x")]);
        let t = &read_tables(&p).unwrap()[0];
        assert_eq!((t.headers.clone(), t.rows.len()), (vec!["x".to_string()], 0));
        let p = workbook(dir.path(), &[(0, 0, "en"), (0, 255, "last"), (199_999, 255, "x")]);
        let t = &read_tables(&p).unwrap()[0];
        assert_eq!(t.headers.len(), 256);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].0, 200_000);
        assert_eq!(t.rows[0].1[255], "x");
    }

    #[test]
    fn tables_start_at_their_first_cell() {
        let dir = tempfile::tempdir().unwrap();
        let p = workbook(dir.path(), &[(2, 1, "en"), (2, 2, "ar"), (4, 2, "جوجل"), (5, 1, " ")]);
        let t = &read_tables(&p).unwrap()[0];
        assert_eq!(t.headers, vec!["en", "ar"]);
        assert_eq!(t.rows, vec![(5, vec![String::new(), "جوجل".to_string()])]);
    }

    #[test]
    fn too_many_cells_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        // 256 columns wide: 16,385 rows of one cell make 4,194,560 cells.
        let p = dir.path().join("wide.csv");
        let mut text = format!("en{}\n", ",".repeat(255));
        text.push_str(&"x\n".repeat(MAX_CELLS / 256 + 1));
        std::fs::write(&p, text).unwrap();
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.contains(&format!("wide.csv:{}: more than {MAX_CELLS} cells", MAX_CELLS / 256 + 2)), "{err}");
        // A cell past column 256 (empty cells there are dropped).
        std::fs::write(&p, format!("en,ar\nGoogle,جوجل{}\nMeta{}x\n", ",".repeat(300), ",".repeat(256))).unwrap();
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.contains("wide.csv:3: a cell in column 257; a table has at most 256 columns"), "{err}");
        std::fs::write(&p, format!("en{}\n", ",".repeat(256))).unwrap();
        let err = read_tables(&p).unwrap_err().to_string();
        assert!(err.contains("wide.csv:1: the header has 257 columns"), "{err}");
    }

    #[test]
    fn parts_are_measured_by_what_they_unpack_to() {
        let dir = tempfile::tempdir().unwrap();
        let p = workbook(dir.path(), &[(0, 0, "en"), (1, 0, &" ".repeat(20_000))]);
        let bytes = std::fs::read(&p).unwrap();
        check_parts(&p, &bytes, 1 << 20, 1 << 20).unwrap();
        let err = check_parts(&p, &bytes, 10_000, 1 << 20).unwrap_err().to_string();
        assert!(err.contains("w.xlsx: part xl/sharedStrings.xml unpacks to"), "{err}");
        let err = check_parts(&p, &bytes, 1 << 20, 25_000).unwrap_err().to_string();
        assert!(err.contains("w.xlsx: the workbook unpacks to more than 25000 bytes"), "{err}");
        // A central directory that says the shared strings unpack to 10
        // bytes: the lie is found as they are unpacked.
        let mut lying = bytes.clone();
        let name = b"xl/sharedStrings.xml";
        let central = lying.windows(4).rposition(|w| w == [0x50, 0x4B, 0x01, 0x02]).unwrap();
        let entry = (0..=central)
            .rev()
            .find(|&i| lying[i..].starts_with(&[0x50, 0x4B, 0x01, 0x02]) && lying[i + 46..].starts_with(name))
            .unwrap();
        lying[entry + 24..entry + 28].copy_from_slice(&10u32.to_le_bytes());
        let err = check_parts(&p, &lying, 10_000, 1 << 20).unwrap_err().to_string();
        assert!(
            err.contains("part xl/sharedStrings.xml cannot be unpacked: File is larger than its declared"),
            "{err}"
        );
        // Not a zip at all, or too many parts declared.
        let err = check_parts(&p, b"en,ar\n", 4096, 4096).unwrap_err().to_string();
        assert!(err.contains("not a readable XLSX workbook"), "{err}");
        let mut many = bytes.clone();
        let end = many.windows(4).rposition(|w| w == [0x50, 0x4B, 0x05, 0x06]).unwrap();
        many[end + 10..end + 12].copy_from_slice(&5000u16.to_le_bytes());
        let err = check_parts(&p, &many, 4096, 4096).unwrap_err().to_string();
        assert!(err.contains("the workbook has 5000 parts (zip entries); at most 4096"), "{err}");
    }

    #[test]
    fn formula_guards_round_trip_and_spare_numbers() {
        for cell in ["=1+1", "+972 Magazine", "-ism", "@handle", "\tx", "\r=x", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(guard_formula(cell), format!("'{cell}"), "{cell:?}");
            assert_eq!(unguard_formula(&guard_formula(cell)), Some(cell));
        }
        for cell in ["", "-", "+", "=", "-3", "+0.5", "-1.5e-3", "12", "جوجل", "Google", "'quoted", "a=b"] {
            assert_eq!(guard_formula(cell), cell, "{cell:?}");
        }
        assert_eq!(unguard_formula("'quoted"), None);
        assert_eq!(unguard_formula("'-3"), None, "only what the guard writes is undone");
        assert!(looks_like_formula("-1.2.3") && looks_like_formula("-e5") && looks_like_formula("+1e"));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "en,ar\n'-ism,'=x\n'plain,-3\n").unwrap();
        let t = read_csv(&p).unwrap();
        assert_eq!(t.rows[0].1, vec!["-ism", "=x"]);
        assert_eq!(t.rows[1].1, vec!["'plain", "-3"]);
    }

    #[test]
    fn line_numbers_are_counted_once_through_the_file() {
        // Quoted cells over several lines, CRLF, and 50,000 rows: counted
        // from the file start for every row, this takes minutes.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.csv");
        let mut text = String::from("en,ar\r\n\"multi\nline\",x\r\n");
        for i in 0..50_000 {
            text.push_str(&format!("name{i},اسم\r\n"));
        }
        std::fs::write(&p, text).unwrap();
        let t = read_csv(&p).unwrap();
        assert_eq!(t.rows.len(), 50_001);
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[1], (4, vec!["name0".to_string(), "اسم".to_string()]));
        assert_eq!(t.rows[50_000].0, 50_003);
    }
}
