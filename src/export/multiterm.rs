//! The XLSX that Glossary Converter turns into a Trados MultiTerm termbase.
//!
//! Glossary Converter maps a column to a language when its header is the
//! language's name, so the first two are `Arabic` and `English`; the rest
//! (`Status`, `Kind`, `Note`, `Context`) become entry fields. Synonyms use
//! its "Full" mode: several terms in one cell, joined by `|` (XLSX only,
//! which is why this profile is not a CSV). The Arabic cell holds the
//! preferred rendering first, then the admitted ones; forbidden renderings
//! are left out, since the mode has no per-term status. The English cell
//! holds the term then its variants. A term that itself contains `|` would
//! split into two, so it is refused.
//!
//! The Arabic column reads right to left, and the header row is bold,
//! frozen and filterable, for whoever opens the sheet before converting it.

use super::profile::{Profile, english, name_entry, refuse, usable_arabic, write_failed};
use crate::error::Result;
use crate::glossary::Entry;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::io::Write;

/// The header row.
pub(crate) const MULTITERM_HEADER: [&str; 6] = ["Arabic", "English", "Status", "Kind", "Note", "Context"];

/// Glossary Converter's synonym separator, as set in its "Full" mode.
pub(crate) const SYNONYM_SEPARATOR: char = '|';

/// Column widths, in characters.
const WIDTHS: [f64; 6] = [30.0, 30.0, 12.0, 16.0, 30.0, 60.0];

/// Joins synonyms into one cell, refusing a term with the separator in it
/// (`row` is the spreadsheet row the entry would have had).
fn synonyms<'a>(entry: &Entry, row: usize, terms: impl Iterator<Item = &'a str>) -> Result<String> {
    let terms: Vec<&str> = terms.map(str::trim).filter(|t| !t.is_empty()).collect();
    if let Some(bad) = terms.iter().find(|t| t.contains(SYNONYM_SEPARATOR)) {
        let reason = format!(
            "entry {}: the term {bad:?} contains {SYNONYM_SEPARATOR:?}, which separates synonyms",
            name_entry(entry)
        );
        return Err(refuse(Profile::MultiTerm, Some(row), reason));
    }
    Ok(terms.join(&SYNONYM_SEPARATOR.to_string()))
}

/// Writes the workbook; returns the number of data rows.
pub(super) fn write_multiterm(entries: &[&Entry], out: &mut dyn Write) -> Result<usize> {
    let mut rows = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        // Spreadsheet rows are 1-based and the header is row 1.
        let row = i + 2;
        let arabic = synonyms(entry, row, usable_arabic(entry).map(|r| r.form.as_str()))?;
        let english = synonyms(entry, row, english(entry))?;
        rows.push([
            arabic,
            english,
            entry.status.as_str().to_string(),
            entry.kind.clone(),
            entry.note.clone(),
            entry.context().to_string(),
        ]);
    }
    let bytes = workbook(&rows).map_err(|e| write_failed(Profile::MultiTerm, e))?;
    out.write_all(&bytes).map_err(|e| write_failed(Profile::MultiTerm, e))?;
    Ok(rows.len())
}

/// The XLSX bytes for `rows` under [`MULTITERM_HEADER`].
fn workbook(rows: &[[String; 6]]) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("glossary")?;
    let bold = Format::new().set_bold();
    let rtl = Format::new().set_reading_direction(2);
    sheet.write_row_with_format(0, 0, MULTITERM_HEADER, &bold)?;
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    // The column format also covers cells a reviewer adds later.
    sheet.set_column_format(0, &rtl)?;
    for (row, cells) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            if cell.is_empty() {
                continue;
            }
            if col == 0 {
                sheet.write_string_with_format(row, col, cell, &rtl)?;
            } else {
                sheet.write_string(row, col, cell)?;
            }
        }
    }
    sheet.autofilter(0, 0, rows.len() as u32, (MULTITERM_HEADER.len() - 1) as u16)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::super::profile::fixtures::sample;
    use super::super::profile::{ExportOptions, ExportReport};
    use super::*;
    use crate::error::Error;
    use crate::export::export;
    use calamine::{Data, Reader, Xlsx};

    fn rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["glossary"]);
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        range.rows().map(|r| r.iter().map(Data::to_string).collect()).collect()
    }

    #[test]
    fn headers_synonyms_and_arabic_in_column_a() {
        let mut out = Vec::new();
        let report = export(&sample(), &ExportOptions::new(Profile::MultiTerm), &mut out).unwrap();
        assert_eq!(report, ExportReport { entries: 2, lines: 2, skipped_by_status: 3 });
        let rows = rows(out);
        assert_eq!(rows[0], MULTITERM_HEADER);
        assert_eq!(rows.len(), 3);
        // Preferred first, admitted after `|`, the forbidden قوقل left out.
        assert_eq!(rows[1], ["جوجل|غوغل", "Google", "approved", "organization", "search engine", "قال جوجل إن"]);
        assert_eq!(rows[2][..3], ["محمد بن سلمان", "Mohammed bin Salman|Muhammad bin Salman", "approved"]);
    }

    #[test]
    fn a_term_with_the_separator_is_refused() {
        let mut g = sample();
        g.entries[1].en_variants.push("MBS|Salman".into());
        let mut out = Vec::new();
        let err = export(&g, &ExportOptions::new(Profile::MultiTerm), &mut out).unwrap_err();
        assert!(matches!(err, Error::Export { line: Some(3), .. }), "{err}");
        assert!(err.to_string().contains(&g.entries[1].id), "{err}");
        assert!(out.is_empty());
    }
}
