//! The review workbook: a glossary as an XLSX file people edit in Excel.
//!
//! Two sheets:
//!
//! * `glossary`: one row per entry ([`GLOSSARY_COLUMNS`], then the columns
//!   nazir does not know, kept from the entries' `extra` cells so that they
//!   survive a round trip);
//! * `variants`: one row per Arabic rendering of every entry, the
//!   preferred one included (`VARIANT_COLUMNS`), each with its own status.
//!
//! Both sheets have a bold, frozen header row, an autofilter, and a
//! drop-down list on their status column (over at least the first 1,000
//! rows, so that rows a reviewer adds get it too). Arabic columns are
//! right-to-left and right-aligned; context snippets wrap. Every text cell
//! is written as a string, so a note such as `=1+1` stays text and is never
//! evaluated. Excel refuses cells longer than `MAX_CELL_CHARS` (counted
//! in UTF-16 units): longer text is cut and ends with `…`.

use crate::columns::{BASE_CELLS, Column, GLOSSARY_SHEET, Row, Style, VARIANTS_SHEET, names};
use crate::error::{Error, Result};
use crate::glossary::{EntryStatus, Glossary, TermStatus};
use rust_xlsxwriter::{ColNum, DataValidation, Format, FormatAlign, RowNum, Workbook, Worksheet, XlsxError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The columns of the `glossary` sheet, in order (extra columns follow).
pub const GLOSSARY_COLUMNS: [&str; 14] = names(GLOSSARY_SHEET);

/// The columns of the `variants` sheet, in order.
pub(crate) const VARIANT_COLUMNS: [&str; 5] = names(VARIANTS_SHEET);

/// The most characters (UTF-16 units) Excel keeps in one cell.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// What ends a cell cut to [`MAX_CELL_CHARS`].
const TRUNCATION_MARK: char = '…';

/// The drop-down lists cover at least this many rows (header included).
const VALIDATED_ROWS: RowNum = 1_000;

/// Width of extra columns.
const EXTRA_WIDTH: f64 = 20.0;

/// Text cut to what a cell can hold: at most [`MAX_CELL_CHARS`] UTF-16
/// units, cut at a character boundary and ended with `…` when cut.
pub(crate) fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    let room = MAX_CELL_CHARS - TRUNCATION_MARK.len_utf16();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    let mut cut = String::with_capacity(end + TRUNCATION_MARK.len_utf8());
    cut.push_str(&text[..end]);
    cut.push(TRUNCATION_MARK);
    cut.into()
}

/// The format of a cell of this style. Equal formats are one style in
/// the file, so each column may have its own.
fn cell_format(style: Style) -> Format {
    let text = Format::new().set_align(FormatAlign::Top);
    let rtl = |f: Format| f.set_reading_direction(2).set_align(FormatAlign::Right);
    match style {
        Style::Text => text,
        Style::Wrap => text.set_text_wrap(),
        Style::RightToLeft => rtl(text),
        Style::RightToLeftWrap => rtl(text).set_text_wrap(),
        Style::Number { decimals: 0 } => text.set_num_format("0"),
        Style::Number { decimals } => text.set_num_format(format!("0.{}", "0".repeat(decimals))),
    }
}

/// A sheet's layout of nazir's columns, with their formats.
struct Layout<'c> {
    columns: &'c [Column],
    formats: Vec<Format>,
}

impl<'c> Layout<'c> {
    fn new(columns: &'c [Column]) -> Self {
        Layout { columns, formats: columns.iter().map(|c| cell_format(c.spec().style)).collect() }
    }

    /// Where a column is, when the sheet has it.
    fn position(&self, column: Column) -> Option<ColNum> {
        self.columns.iter().position(|c| *c == column).map(|i| i as ColNum)
    }

    /// Writes the cells of one row: texts as strings (never formulas), cut
    /// to fit; figures as numbers.
    fn write_row(&self, sheet: &mut Worksheet, row: RowNum, of: Row<'_>) -> std::result::Result<(), XlsxError> {
        for (col, (column, format)) in self.columns.iter().zip(&self.formats).enumerate() {
            let col = col as ColNum;
            match column.spec().style {
                Style::Number { .. } => {
                    if let Some(value) = column.number(of) {
                        sheet.write_number_with_format(row, col, value, format)?;
                    }
                }
                _ => text(sheet, row, col, &column.cell(of), format)?,
            }
        }
        Ok(())
    }
}

/// Writes a text cell as a string (never a formula), cut to fit.
fn text(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
    format: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, fit_cell(value).as_ref(), format)?;
    Ok(())
}

/// Turns a spreadsheet library error into the crate's error.
fn output_error(path: PathBuf, e: XlsxError) -> Error {
    Error::Output { path, reason: e.to_string() }
}

/// The status drop-down over a column, from the first data row down.
fn status_list(
    sheet: &mut Worksheet,
    col: ColNum,
    data_rows: usize,
    statuses: &[&str],
    title: &str,
) -> std::result::Result<(), XlsxError> {
    let last = RowNum::try_from(data_rows).unwrap_or(RowNum::MAX).max(VALIDATED_ROWS - 1);
    let validation = DataValidation::new()
        .allow_list_strings(statuses)?
        .set_error_title(title)?
        .set_error_message(format!("Choose one of: {}", statuses.join(", ")))?;
    sheet.add_data_validation(1, col, last, col, &validation)?;
    Ok(())
}

/// The header (nazir's columns, then `extra`), frozen, filtered, with
/// column widths; Arabic columns get their format for the cells a reviewer
/// types in, too.
fn header(
    sheet: &mut Worksheet,
    layout: &Layout<'_>,
    extra: &[&str],
    data_rows: usize,
) -> std::result::Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let known = layout.columns.iter().map(|c| (c.name(), c.spec().width));
    let names = known.chain(extra.iter().map(|name| (*name, EXTRA_WIDTH)));
    let mut count = 0;
    for (col, (name, width)) in names.enumerate() {
        let col = col as ColNum;
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, width)?;
        count += 1;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = RowNum::try_from(data_rows).unwrap_or(RowNum::MAX);
    sheet.autofilter(0, 0, last_row, (count as ColNum).saturating_sub(1))?;
    for (col, (column, format)) in layout.columns.iter().zip(&layout.formats).enumerate() {
        if column.spec().style.right_to_left() {
            sheet.set_column_format(col as ColNum, format)?;
        }
    }
    Ok(())
}

fn glossary_sheet(book: &mut Workbook, glossary: &Glossary) -> std::result::Result<(), XlsxError> {
    let layout = Layout::new(&GLOSSARY_SHEET);
    let extra = crate::columns::extra_columns(glossary);
    let extra_format = cell_format(Style::Text);
    let sheet = book.add_worksheet().set_name("glossary")?;
    let rows = glossary.entries.len();
    header(sheet, &layout, &extra, rows)?;
    if let Some(col) = layout.position(Column::Status) {
        let statuses: Vec<&str> = EntryStatus::ALL.iter().map(|s| s.as_str()).collect();
        status_list(sheet, col, rows, &statuses, "Entry status")?;
    }
    for (i, e) in glossary.entries.iter().enumerate() {
        let row = (i + 1) as RowNum;
        layout.write_row(sheet, row, Row::Entry(e))?;
        for (k, name) in extra.iter().enumerate() {
            let value = crate::columns::extra_cell(e, name);
            if !value.is_empty() {
                text(sheet, row, (layout.columns.len() + k) as ColNum, value, &extra_format)?;
            }
        }
    }
    Ok(())
}

fn variants_sheet(book: &mut Workbook, glossary: &Glossary) -> std::result::Result<(), XlsxError> {
    let layout = Layout::new(&VARIANTS_SHEET);
    let sheet = book.add_worksheet().set_name("variants")?;
    let rows: usize = glossary.entries.iter().map(|e| e.renderings.len()).sum();
    header(sheet, &layout, &[], rows)?;
    if let Some(col) = layout.position(Column::VariantStatus) {
        let statuses: Vec<&str> = TermStatus::ALL.iter().map(|s| s.as_str()).collect();
        status_list(sheet, col, rows, &statuses, "Variant status")?;
    }
    let mut row: RowNum = 1;
    for e in &glossary.entries {
        for r in &e.renderings {
            layout.write_row(sheet, row, Row::Rendering(e, r))?;
            row += 1;
        }
    }
    Ok(())
}

/// The hidden, protected sheet that records the editable cells as written
/// (`BASE_CELLS`, then the extra columns): the base a three-way merge
/// compares the reviewer's cells with (see [`super::Review::base`]).
fn base_sheet(book: &mut Workbook, glossary: &Glossary) -> std::result::Result<(), XlsxError> {
    let extra = crate::columns::extra_columns(glossary);
    let sheet = book.add_worksheet().set_name(crate::columns::BASE_SHEET)?;
    let headers = BASE_CELLS.iter().map(|c| c.name()).chain(extra.iter().copied());
    for (col, name) in headers.enumerate() {
        sheet.write_string(0, col as ColNum, name)?;
    }
    for (i, e) in glossary.entries.iter().enumerate() {
        let row = (i + 1) as RowNum;
        let cells = BASE_CELLS
            .iter()
            .map(|c| c.cell(Row::Entry(e)))
            .chain(extra.iter().map(|name| crate::columns::extra_cell(e, name).into()));
        for (col, cell) in cells.enumerate() {
            if !cell.is_empty() {
                sheet.write_string(row, col as ColNum, fit_cell(&cell))?;
            }
        }
    }
    sheet.set_hidden(true);
    sheet.protect();
    Ok(())
}

/// The workbook, not yet saved.
fn build(glossary: &Glossary) -> std::result::Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    glossary_sheet(&mut book, glossary)?;
    variants_sheet(&mut book, glossary)?;
    base_sheet(&mut book, glossary)?;
    Ok(book)
}

fn workbook_bytes(glossary: &Glossary) -> std::result::Result<Vec<u8>, XlsxError> {
    build(glossary)?.save_to_buffer()
}

/// The review workbook of a glossary, as the bytes of an XLSX file.
#[cfg(test)]
pub(crate) fn review_workbook(glossary: &Glossary) -> Result<Vec<u8>> {
    workbook_bytes(glossary).map_err(|e| output_error(PathBuf::from("review workbook"), e))
}

/// Refuses a glossary with a cell a reviewer owns (a form, a list of them,
/// a note, a reviewer's own column) that is longer than a workbook cell
/// holds: cut, it would read back as other forms and decisions. Contexts
/// and sources, which nazir writes and never reads as decisions, are cut.
fn check_cells_fit(glossary: &Glossary, path: &Path) -> Result<()> {
    let owned = [Column::Id, Column::Status, Column::En, Column::Ar, Column::Variants, Column::Kind, Column::Note];
    let owned = owned.into_iter().chain([Column::EnVariants, Column::VariantStatus]);
    let too_long = |text: &str| text.len() > MAX_CELL_CHARS && text.encode_utf16().count() > MAX_CELL_CHARS;
    for e in &glossary.entries {
        let cells = owned.clone().map(|c| (c.name().to_string(), c.cell(Row::Entry(e)).into_owned()));
        for (column, cell) in cells.chain(e.extra.iter().cloned()) {
            if too_long(&cell) {
                return Err(Error::Output {
                    path: path.to_path_buf(),
                    reason: format!(
                        "the {column} cell of {} has {} characters, more than a workbook cell holds ({MAX_CELL_CHARS}): \
                         cut, it would read back wrong; write this glossary as CSV instead",
                        e.en,
                        cell.encode_utf16().count()
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Writes the review workbook of a glossary to `path`, atomically (see
/// `crate::output::write_atomically`). A glossary with a reviewer's cell
/// too long for a workbook is refused (see `check_cells_fit`).
pub fn write_review_xlsx(glossary: &Glossary, path: &Path) -> Result<()> {
    check_cells_fit(glossary, path)?;
    let bytes = workbook_bytes(glossary).map_err(|e| output_error(path.to_path_buf(), e))?;
    crate::output::write_atomically(path, |w| w.write_all(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Table, read_tables};
    use crate::testutil::reviewed_glossary as sample;

    fn written(glossary: &Glossary) -> (tempfile::TempDir, Vec<Table>) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("review.xlsx");
        write_review_xlsx(glossary, &p).unwrap();
        let tables = read_tables(&p).unwrap();
        (dir, tables)
    }

    fn cell<'t>(t: &'t Table, row: usize, column: &str) -> &'t str {
        &t.rows[row].1[t.column(column).unwrap()]
    }

    #[test]
    fn glossary_sheet_cells() {
        let (_dir, tables) = written(&sample());
        assert_eq!(tables.iter().map(|t| t.sheet.as_str()).collect::<Vec<_>>(), ["glossary", "variants", "_base"]);
        let t = &tables[0];
        let mut expected: Vec<&str> = GLOSSARY_COLUMNS.to_vec();
        expected.extend(["reviewer", "domain"]);
        assert_eq!(t.headers, expected, "extra columns in first-seen order, known names left out");
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(cell(t, 0, "id"), entry_id_of("Google"));
        assert_eq!(cell(t, 0, "status"), "approved");
        assert_eq!(cell(t, 0, "en"), "Google");
        assert_eq!(cell(t, 0, "ar"), "جوجل");
        assert_eq!(cell(t, 0, "variants"), "غوغل|قوقل");
        assert_eq!(cell(t, 0, "kind"), "org");
        assert_eq!(cell(t, 0, "score"), "0.93");
        assert_eq!(cell(t, 0, "count"), "9");
        assert_eq!(cell(t, 0, "docs"), "3");
        assert_eq!(cell(t, 0, "method"), "gazetteer");
        assert_eq!(cell(t, 0, "note"), "=1+1 Egyptian ج", "a formula-like note stays text");
        assert_eq!(cell(t, 0, "context"), "قال جوجل اليوم\nأعلنت غوغل, اليوم");
        assert_eq!(cell(t, 0, "source"), "a.txt:1\nb.txt:4");
        assert_eq!(cell(t, 0, "en_variants"), "Google LLC|Alphabet");
        assert_eq!(cell(t, 0, "reviewer"), "Huda");
        assert_eq!(cell(t, 0, "domain"), "");
        assert_eq!(cell(t, 1, "status"), "forbidden");
        assert_eq!(cell(t, 1, "method"), "latin");
        assert_eq!(cell(t, 1, "reviewer"), "Omar");
        assert_eq!(cell(t, 1, "domain"), "tech");
        assert_eq!(cell(t, 1, "docs"), "0");
        assert_eq!(cell(t, 2, "status"), "candidate");
        assert_eq!(cell(t, 2, "score"), "0.813");
        assert_eq!(cell(t, 2, "variants"), "");
        assert_eq!(cell(t, 2, "reviewer"), "", "an entry without the extra column has an empty cell");
        assert_eq!(cell(t, 3, "status"), "rejected");
        assert_eq!(cell(t, 3, "ar"), "ركلة");
    }

    fn entry_id_of(en: &str) -> String {
        crate::glossary::entry_id(en)
    }

    #[test]
    fn long_text_is_cut_with_a_mark() {
        let (_dir, tables) = written(&sample());
        let context = cell(&tables[0], 1, "context");
        assert_eq!(context.chars().count(), MAX_CELL_CHARS);
        assert!(context.ends_with('…'));
        assert!(context.starts_with("مممم"));
        assert_eq!(cell(&tables[0], 1, "source"), "c.txt:9");
        // Cut by UTF-16 units, at a character boundary.
        let emoji = "😀".repeat(20_000);
        let cut = fit_cell(&emoji);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert_eq!(cut.chars().filter(|c| *c == '😀').count(), 16_383);
        assert_eq!(fit_cell("جوجل"), "جوجل");
        let exact = "x".repeat(MAX_CELL_CHARS);
        assert_eq!(fit_cell(&exact), exact);
    }

    #[test]
    fn variants_sheet_rows() {
        let (_dir, tables) = written(&sample());
        let v = &tables[1];
        assert_eq!(v.headers, VARIANT_COLUMNS);
        let rows: Vec<Vec<&str>> = v.rows.iter().map(|(_, r)| r.iter().map(String::as_str).collect()).collect();
        let (g, m) = (entry_id_of("Google"), entry_id_of("Meta"));
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0], [g.as_str(), "Google", "جوجل", "5", "preferred"]);
        assert_eq!(rows[1], [g.as_str(), "Google", "غوغل", "3", "admitted"]);
        assert_eq!(rows[2], [g.as_str(), "Google", "قوقل", "1", "forbidden"]);
        assert_eq!(rows[3], [m.as_str(), "Meta", "ميتا", "2", "preferred"]);
        assert_eq!(rows[4][2], "أوراكل");
        assert_eq!(v.rows[4].0, 6);
        assert_eq!(rows[5][1..], ["Orkla", "ركلة", "1", "preferred"], "a rejected entry's forms are listed too");
    }

    #[test]
    fn empty_glossary_has_headers_only() {
        let (_dir, tables) = written(&Glossary::default());
        assert_eq!(tables[0].headers, GLOSSARY_COLUMNS);
        assert!(tables[0].rows.is_empty());
        assert_eq!(tables[1].headers, VARIANT_COLUMNS);
        assert!(review_workbook(&Glossary::default()).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_review_xlsx(&sample(), &dir.path().join("nope/r.xlsx")).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    /// The XML parts of an XLSX buffer, by name.
    fn parts(buffer: &[u8]) -> Vec<(String, String)> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(buffer)).unwrap();
        let mut parts = Vec::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap();
            parts.push((file.name().unwrap().to_string(), xml));
        }
        parts
    }

    #[test]
    fn formatting_validation_and_frozen_header() {
        let parts = parts(&review_workbook(&sample()).unwrap());
        let part = |name: &str| {
            parts.iter().find(|(n, _)| n == name).map(|(_, x)| x.as_str()).unwrap_or_else(|| panic!("no {name}"))
        };
        let (sheet1, sheet2, styles) =
            (part("xl/worksheets/sheet1.xml"), part("xl/worksheets/sheet2.xml"), part("xl/styles.xml"));
        for sheet in [sheet1, sheet2] {
            assert!(sheet.contains("<pane ") && sheet.contains(r#"state="frozen""#), "{sheet}");
            assert!(sheet.contains("<autoFilter "), "{sheet}");
            assert!(sheet.contains("<dataValidation "), "{sheet}");
        }
        assert!(sheet1.contains(r#"<autoFilter ref="A1:P5"/>"#), "{sheet1}");
        assert!(sheet1.contains(r#"sqref="B2:B1000""#), "{sheet1}");
        assert!(sheet1.contains("<formula1>\"candidate,approved,rejected,forbidden\"</formula1>"), "{sheet1}");
        assert!(sheet2.contains(r#"<autoFilter ref="A1:E7"/>"#), "{sheet2}");
        assert!(sheet2.contains(r#"sqref="E2:E1000""#), "{sheet2}");
        assert!(sheet2.contains("<formula1>\"preferred,admitted,forbidden\"</formula1>"), "{sheet2}");
        assert!(!sheet1.contains("<f>"), "no formulas");
        assert!(styles.contains(r#"readingOrder="2""#), "{styles}");
        assert!(styles.contains(r#"horizontal="right""#), "{styles}");
        assert!(styles.contains(r#"wrapText="1""#), "{styles}");
        assert!(styles.contains(r#"formatCode="0.000""#), "{styles}");
    }

    #[test]
    fn a_decision_too_long_for_a_cell_is_refused_and_a_context_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.xlsx");
        let mut g = sample();
        g.entries[0].contexts[0].text = "س".repeat(MAX_CELL_CHARS + 10);
        write_review_xlsx(&g, &path).unwrap();
        g.entries[0].renderings.push(crate::glossary::Rendering::new(
            &"ج".repeat(MAX_CELL_CHARS + 1),
            1,
            crate::align::Method::Transliteration,
            0.9,
            TermStatus::Admitted,
        ));
        let e = write_review_xlsx(&g, &path).unwrap_err().to_string();
        assert!(e.contains("variants cell of Google") && e.contains("write this glossary as CSV"), "{e}");
    }
}
