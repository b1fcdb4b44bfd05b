//! The review round trip: glossaries as sheets people edit.
//!
//! A glossary leaves nazir as a review workbook ([`workbook`]) or as a
//! CSV, and comes back edited. This module turns any of those back into the
//! [`Glossary`] model:
//!
//! * the review workbook: sheet `glossary` (one row per entry) and sheet
//!   `variants` (one row per Arabic rendering, with its own status);
//! * the master CSV (`write_master_csv`): the `glossary` sheet's columns
//!   plus `variant_status`, `|`-separated in the order of `variants`;
//! * the CSV that `nazir build` writes, or any CSV with at least `en` and
//!   `ar` columns (the id is then derived from `en`).
//!
//! The columns are described in [`crate::columns`]; columns nazir does not
//! know are kept, by name, in each entry's `extra` cells and written back,
//! so nothing a reviewer added is lost.
//!
//! This module also says whether a file holds review work
//! (`reviewed_rows`, `ensure_not_reviewed`): writers of glossaries ask
//! it before they overwrite one.

pub mod workbook;

use crate::align::Method;
pub(crate) use crate::columns::LIST_SEPARATOR;
use crate::columns::{Column, MASTER_CSV, Row};
use crate::error::{Error, InputProblem, Result};
use crate::glossary::{Context, Entry, EntryStatus, Glossary, Rendering, TermStatus, entry_id};
use crate::table::{Table, is_xlsx, read_tables};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Columns of the master CSV (`MASTER_CSV`): the workbook's `glossary`
/// sheet and the statuses of the variants.
pub fn master_csv_columns() -> Vec<&'static str> {
    MASTER_CSV.iter().map(|c| c.name()).collect()
}

/// Whether this is a column nazir writes itself (a [`Column`]), whose
/// cells are read into the model or left to nazir; the cells of any other
/// column are kept as extra cells.
pub(crate) fn is_known(column: &str) -> bool {
    crate::columns::is_known(column)
}

fn data_error(table: &Table, row: Option<usize>, reason: String) -> Error {
    Error::Data(InputProblem {
        path: format!("{} [{}]", table.path.display(), table.sheet),
        line: row,
        byte_offset: None,
        reason,
    })
}

/// Splits a list cell on `|`, trimming and dropping empty items.
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEPARATOR).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// One row of a table, read by column name.
pub struct RowView<'t> {
    table: &'t Table,
    cells: &'t [String],
    /// The row's number as the reviewer sees it.
    pub row: usize,
}

impl<'t> RowView<'t> {
    /// A cell by column name (trimmed; empty when the column is absent).
    pub fn get(&self, column: &str) -> &'t str {
        self.table.column(column).and_then(|c| self.cells.get(c)).map_or("", |s| s.trim())
    }

    /// Whether the table has this column.
    pub fn has(&self, column: &str) -> bool {
        self.table.column(column).is_some()
    }

    /// A cell of one of nazir's columns (see [`RowView::get`]).
    pub fn cell(&self, column: Column) -> &'t str {
        self.get(column.name())
    }

    /// Whether the table has one of nazir's columns.
    pub(crate) fn has_column(&self, column: Column) -> bool {
        self.has(column.name())
    }

    /// The id of the entry this row is about: the `id` cell, or the id of
    /// its `en` cell.
    pub fn entry_id(&self) -> Option<String> {
        let id = self.cell(Column::Id);
        if !id.is_empty() {
            return Some(id.to_string());
        }
        let en = self.cell(Column::En);
        (!en.is_empty()).then(|| entry_id(en))
    }

    /// The cells of columns nazir does not know, in column order.
    pub fn extra(&self) -> Vec<(String, String)> {
        self.table
            .headers
            .iter()
            .zip(self.cells)
            .filter(|(h, _)| !h.is_empty() && !is_known(h))
            .map(|(h, v)| (h.clone(), v.clone()))
            .collect()
    }
}

/// The rows of a table as [`RowView`]s.
pub fn rows(table: &Table) -> impl Iterator<Item = RowView<'_>> {
    table.rows.iter().map(move |(row, cells)| RowView { table, cells, row: *row })
}

pub use crate::columns::BASE_SHEET;

/// The `glossary` sheet of a workbook (or the only table of a CSV).
pub(crate) fn glossary_table(tables: &[Table]) -> Option<&Table> {
    tables
        .iter()
        .find(|t| t.sheet.eq_ignore_ascii_case("glossary"))
        .or(tables.iter().find(|t| !t.sheet.eq_ignore_ascii_case(BASE_SHEET)))
}

/// The `variants` sheet of a workbook, when there is one.
pub(crate) fn variants_table(tables: &[Table]) -> Option<&Table> {
    tables.iter().find(|t| t.sheet.eq_ignore_ascii_case("variants"))
}

/// Reads an entry status cell, naming the cell when it is not a status.
pub(crate) fn parse_status(table: &Table, row: usize, cell: &str) -> Result<EntryStatus> {
    EntryStatus::parse(cell).ok_or_else(|| {
        let allowed: Vec<&str> = EntryStatus::ALL.iter().map(|s| s.as_str()).collect();
        data_error(table, Some(row), format!("status {cell:?} is not one of {}", allowed.join(", ")))
    })
}

/// Reads a variant status cell, naming the cell when it is not one.
pub(crate) fn parse_term_status(table: &Table, row: usize, cell: &str) -> Result<TermStatus> {
    TermStatus::parse(cell).ok_or_else(|| {
        let allowed: Vec<&str> = TermStatus::ALL.iter().map(|s| s.as_str()).collect();
        let column = Column::VariantStatus.name();
        data_error(table, Some(row), format!("{column} {cell:?} is not one of {}", allowed.join(", ")))
    })
}

/// The entry a glossary-sheet row describes.
pub(crate) fn entry_from_row(table: &Table, r: &RowView<'_>) -> Result<Entry> {
    let en = r.cell(Column::En);
    let ar = r.cell(Column::Ar);
    if en.is_empty() || ar.is_empty() {
        let (en, ar) = (Column::En.name(), Column::Ar.name());
        return Err(data_error(table, Some(r.row), format!("a row needs both `{en}` and `{ar}`")));
    }
    let method = Method::parse(r.cell(Column::Method)).unwrap_or(Method::Transliteration);
    let score: f32 = r.cell(Column::Score).parse().unwrap_or(0.0);
    let count: usize = r.cell(Column::Count).parse().unwrap_or(0);
    let mut entry = Entry::new(en, Rendering::new(ar, count, method, score, TermStatus::Preferred));
    entry.id = r.entry_id().unwrap_or_else(|| entry_id(en));
    entry.status = parse_status(table, r.row, r.cell(Column::Status))?;
    entry.kind = r.cell(Column::Kind).to_string();
    entry.note = r.cell(Column::Note).to_string();
    entry.docs = r.cell(Column::Docs).parse().unwrap_or(0);
    entry.en_variants = split_list(r.cell(Column::EnVariants));
    let statuses = split_list(r.cell(Column::VariantStatus));
    let counts = split_list(r.cell(Column::VariantCount));
    for (k, form) in split_list(r.cell(Column::Variants)).into_iter().enumerate() {
        let status = match statuses.get(k) {
            Some(s) => parse_term_status(table, r.row, s)?,
            None => TermStatus::Admitted,
        };
        let count = counts.get(k).and_then(|c| c.parse().ok()).unwrap_or(0);
        if form != ar && !entry.renderings.iter().any(|x| x.form == form) {
            entry.renderings.push(Rendering::new(&form, count, method, 0.0, status));
        }
    }
    // With the variants' own counts, the preferred form's is what remains
    // of the entry's (a master CSV has no variants sheet to say it).
    if !counts.is_empty() {
        let others: usize = entry.renderings[1..].iter().map(|r| r.count).sum();
        entry.renderings[0].count = count.saturating_sub(others);
    }
    let texts: Vec<&str> = r.cell(Column::Context).split('\n').filter(|s| !s.trim().is_empty()).collect();
    let sources: Vec<&str> = r.cell(Column::Source).split('\n').filter(|s| !s.trim().is_empty()).collect();
    for k in 0..texts.len().max(sources.len()) {
        entry.contexts.push(Context {
            text: texts.get(k).map_or("", |s| s.trim()).to_string(),
            source: sources.get(k).map_or("", |s| s.trim()).to_string(),
        });
    }
    entry.extra = r.extra();
    Ok(entry)
}

/// Turns the tables of a glossary file into the model (see the module
/// documentation for the layouts understood). Entries keep their order.
pub(crate) fn glossary_from_tables(tables: &[Table]) -> Result<Glossary> {
    let Some(table) = glossary_table(tables) else {
        return Err(Error::Data(InputProblem {
            path: tables.first().map_or_else(String::new, |t| t.path.display().to_string()),
            line: None,
            byte_offset: None,
            reason: "no sheet to read: it is not a glossary".into(),
        }));
    };
    for needed in [Column::En.name(), Column::Ar.name()] {
        if table.column(needed).is_none() {
            return Err(data_error(table, Some(1), format!("no `{needed}` column (the header needs `en` and `ar`)")));
        }
    }
    let mut glossary = Glossary::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for r in rows(table) {
        let entry = entry_from_row(table, &r)?;
        if let Some(&first) = by_id.get(&entry.id) {
            let en = &glossary.entries[first].en;
            return Err(data_error(table, Some(r.row), format!("id {} repeats the entry of {en}", entry.id)));
        }
        by_id.insert(entry.id.clone(), glossary.entries.len());
        glossary.entries.push(entry);
    }
    if let Some(variants) = variants_table(tables) {
        for r in rows(variants) {
            let (Some(id), form) = (r.entry_id(), r.cell(Column::Ar)) else { continue };
            let Some(&idx) = by_id.get(&id) else {
                return Err(data_error(variants, Some(r.row), format!("id {id} is not on the glossary sheet")));
            };
            if form.is_empty() {
                continue;
            }
            let status = match r.cell(Column::VariantStatus) {
                "" => None,
                cell => Some(parse_term_status(variants, r.row, cell)?),
            };
            let entry = &mut glossary.entries[idx];
            let count: Option<usize> = r.cell(Column::Count).parse().ok();
            let pos = match entry.renderings.iter().position(|x| x.form == form) {
                Some(p) => p,
                None => {
                    let method = entry.preferred().method;
                    entry.renderings.push(Rendering::new(form, 0, method, 0.0, TermStatus::Admitted));
                    entry.renderings.len() - 1
                }
            };
            let rendering = &mut entry.renderings[pos];
            if let Some(c) = count {
                rendering.count = c;
            }
            // The glossary sheet's `ar` stays the preferred form: a second
            // "preferred" on the variants sheet reads as admitted.
            match status {
                Some(TermStatus::Preferred) if pos != 0 => rendering.status = TermStatus::Admitted,
                Some(s) if pos != 0 => rendering.status = s,
                _ => {}
            }
        }
    }
    Ok(glossary)
}

/// Reads a glossary file (CSV or XLSX, by extension).
pub fn read_glossary(path: &Path) -> Result<Glossary> {
    let tables = read_tables(path)?;
    if tables.iter().all(|t| t.sheet.eq_ignore_ascii_case(BASE_SHEET)) {
        return Err(Error::Data(InputProblem {
            path: path.display().to_string(),
            line: None,
            byte_offset: None,
            reason: "no sheet can be read: it is not a glossary".into(),
        }));
    }
    glossary_from_tables(&tables)
}

/// Writes the master CSV: [`master_csv_columns`], the extra columns, then
/// each row's base (`base`, see [`Review::base`]).
pub(crate) fn write_master_csv<W: Write>(glossary: &Glossary, out: W) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    let extra = crate::columns::extra_columns(glossary);
    let mut header: Vec<&str> = master_csv_columns();
    header.extend(extra.iter().copied());
    header.push(Column::Base.name());
    w.write_record(&header)?;
    for e in &glossary.entries {
        let mut cells: Vec<Cow<'_, str>> = MASTER_CSV.iter().map(|c| c.cell(Row::Entry(e))).collect();
        cells.extend(extra.iter().map(|name| crate::columns::extra_cell(e, name).into()));
        cells.push(Column::Base.cell(Row::Entry(e)));
        // A spreadsheet opens the master too: cells that would run as
        // formulas are guarded (and unguarded when read back).
        w.write_record(
            cells.iter().map(|c| crate::table::guard_formula(c)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()),
        )?;
    }
    w.flush()
}

/// A review file as merge reads it: the tables the reviewer edited, and the
/// base they were written with, when nazir wrote them.
#[derive(Debug, Clone)]
pub struct Review {
    /// The file.
    pub path: std::path::PathBuf,
    /// Its tables (the workbook's sheets, or the CSV).
    pub tables: Vec<Table>,
    /// The glossary as nazir wrote the file: from the workbook's hidden
    /// [`BASE_SHEET`], or from the `base` cell of each CSV row. A cell that
    /// differs from its base is an edit; one that does not is untouched,
    /// whatever the master says now. `None` for a file nazir did not write
    /// (or whose base was removed): its cells are then compared with the
    /// master.
    pub base: Option<Glossary>,
}

/// Reads a review file: its tables and its base. A file that is not a
/// glossary (no `en` column: an article, a translated header) is refused.
pub fn read_review(path: &Path) -> Result<Review> {
    let tables = read_tables(path)?;
    let Some(sheet) = glossary_table(&tables) else {
        return Err(Error::Data(InputProblem {
            path: path.display().to_string(),
            line: None,
            byte_offset: None,
            reason: "no sheet to read: it is not a glossary".into(),
        }));
    };
    if sheet.column(Column::En.name()).is_none() {
        let found: Vec<&str> = sheet.headers.iter().map(String::as_str).take(6).collect();
        let reason = format!(
            "not a glossary: no `en` column (the header has {}); a review must keep nazir's column names",
            found.join(", ")
        );
        return Err(data_error(sheet, Some(1), reason));
    }
    let base = match tables.iter().find(|t| t.sheet.eq_ignore_ascii_case(BASE_SHEET)) {
        // Read as the one table of a glossary, like a master CSV.
        Some(base) => Some(glossary_from_tables(&[Table { sheet: "glossary".into(), ..base.clone() }])?),
        None => base_of_rows(sheet)?,
    };
    Ok(Review { path: path.to_path_buf(), tables, base })
}

/// The base of a CSV whose rows carry it in their `base` cells (`None`
/// when the column is missing; rows without a readable base are left out
/// of it, and their cells compared with the master).
fn base_of_rows(sheet: &Table) -> Result<Option<Glossary>> {
    let Some(col) = sheet.column(Column::Base.name()) else { return Ok(None) };
    let mut headers: Vec<String> = Vec::new();
    let mut cells: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (row, values) in &sheet.rows {
        let Some(base) = values.get(col).and_then(|c| crate::columns::parse_base(c)) else { continue };
        for (name, _) in &base {
            if !headers.contains(name) {
                headers.push(name.clone());
            }
        }
        cells.push((*row, base));
    }
    let rows = cells
        .into_iter()
        .map(|(row, base)| {
            let line = headers
                .iter()
                .map(|h| base.iter().find(|(n, _)| n == h).map(|(_, v)| v.clone()).unwrap_or_default())
                .collect();
            (row, line)
        })
        .collect();
    let table = Table { path: sheet.path.clone(), sheet: format!("{} base", sheet.sheet), headers, rows };
    glossary_from_tables(std::slice::from_ref(&table)).map(Some)
}

/// Writes a glossary to `path` atomically: a review workbook for `.xlsx`,
/// the master CSV otherwise.
pub fn write_glossary(glossary: &Glossary, path: &Path) -> Result<()> {
    if is_xlsx(path) {
        workbook::write_review_xlsx(glossary, path)
    } else {
        crate::output::write_atomically(path, |w| write_master_csv(glossary, w))
    }
}

/// The two forms a build's glossary is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The glossary CSV (`crate::export::write_csv`), to a file or stdout.
    Csv,
    /// The review workbook ([`workbook`]), to a file.
    Xlsx,
}

impl OutputFormat {
    /// The format asked for, or else the one the output's extension names
    /// (`.xlsx`: the workbook), or else CSV.
    pub fn choose(asked: Option<OutputFormat>, output: Option<&Path>) -> OutputFormat {
        asked.unwrap_or(if output.is_some_and(is_xlsx) { OutputFormat::Xlsx } else { OutputFormat::Csv })
    }
}

/// Checks, before any work, that a build may write its glossary to
/// `output` (`None`: stdout): the folder exists and, unless `force`, the
/// file holds no review work (`ensure_not_reviewed`).
pub fn check_build_output(output: Option<&Path>, force: bool) -> Result<()> {
    let Some(path) = crate::output::file_or_stdout(output) else { return Ok(()) };
    crate::output::check_output_path(path)?;
    if force { Ok(()) } else { ensure_not_reviewed(path) }
}

/// Writes a build's glossary in `format` to `output` (`None` or `-`:
/// stdout, which only the CSV can go to), atomically. With `force`, a file
/// that holds review work is replaced, and kept as a backup.
pub fn write_build_output(
    glossary: &Glossary,
    output: Option<&Path>,
    format: OutputFormat,
    csv: crate::export::CsvOptions,
    force: bool,
) -> Result<()> {
    if let Some(path) = crate::output::file_or_stdout(output).filter(|_| force) {
        backup_if_reviewed(path)?;
    }
    match (format, crate::output::file_or_stdout(output)) {
        (OutputFormat::Xlsx, Some(path)) => workbook::write_review_xlsx(glossary, path),
        (OutputFormat::Xlsx, None) => Err(Error::Config {
            option: "output".into(),
            reason: "the review workbook needs an output file (-o FILE.xlsx)".into(),
        }),
        (OutputFormat::Csv, path) => crate::output::emit(path, |w| crate::export::write_csv(glossary, w, csv)),
    }
}

/// How many rows of the glossary file at `path` (CSV or XLSX) a reviewer
/// has decided on: cells of its `status` column other than empty or
/// `candidate`. A missing or empty file, or a table without such a column,
/// has none. A file that cannot be read as a table (a CSV re-saved in
/// another encoding, a damaged workbook) is an error: it may hold review
/// work nobody can see, so it must not pass for an empty glossary.
pub(crate) fn reviewed_rows(path: &Path) -> Result<usize> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() > 0 => {}
        _ => return Ok(0),
    }
    let tables = read_tables(path)?;
    let Some(table) = glossary_table(&tables) else { return Ok(0) };
    let Some(col) = table.column(Column::Status.name()) else { return Ok(0) };
    Ok(table.rows.iter().filter(|(_, cells)| cells.get(col).is_some_and(|s| is_decided(s))).count())
}

/// Whether a status cell holds a reviewer's decision. Any text but
/// `candidate` counts, even one that is not a status: it is still a
/// reviewer's work.
fn is_decided(cell: &str) -> bool {
    !cell.trim().is_empty() && !cell.trim().eq_ignore_ascii_case(EntryStatus::Candidate.as_str())
}

/// Refuses to go on when `path` is a glossary that a reviewer has started,
/// or a file that cannot be read to tell (see [`reviewed_rows`]), so that
/// a new output never replaces review work unless forced.
pub(crate) fn ensure_not_reviewed(path: &Path) -> Result<()> {
    let refuse = |reason: String| Error::Output { path: path.to_path_buf(), reason };
    match reviewed_rows(path) {
        Ok(0) => Ok(()),
        Ok(reviewed) => Err(refuse(format!(
            "it is a reviewed glossary ({reviewed} rows have a status); choose another output or pass --force"
        ))),
        Err(e) => Err(refuse(format!(
            "it cannot be read as a glossary ({e}), so it may hold review work that would be lost; choose another \
             output or pass --force"
        ))),
    }
}

/// Checks, before any work, that `output` may be written by a command that
/// reads `inputs`: never one of its own inputs, and (unless `force`) not a
/// file that holds or may hold review work (`ensure_not_reviewed`).
pub fn check_output_against(output: &Path, inputs: &[&Path], force: bool) -> Result<()> {
    crate::output::check_output_path(output)?;
    if let Some(input) = inputs.iter().find(|i| crate::output::same_file(output, i)) {
        return Err(Error::Output {
            path: output.to_path_buf(),
            reason: format!("it is an input of this command ({}); choose another output", input.display()),
        });
    }
    if force { Ok(()) } else { ensure_not_reviewed(output) }
}

/// Keeps a backup of `output` before it is replaced when it holds (or may
/// hold) review work: what `--force` overrides is kept, not lost.
pub fn backup_if_reviewed(output: &Path) -> Result<Option<std::path::PathBuf>> {
    if ensure_not_reviewed(output).is_err() { crate::output::keep_backup(output).map(Some) } else { Ok(None) }
}

/// The columns of the `variants` sheet (`crate::columns::VARIANTS_SHEET`).
pub fn variant_columns() -> &'static [&'static str] {
    &workbook::VARIANT_COLUMNS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::reviewed_glossary as sample;

    #[test]
    fn master_csv_round_trip_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("master.csv");
        write_glossary(&sample(), &p).unwrap();
        let back = read_glossary(&p).unwrap();
        let (a, b) = (&sample().entries[0], &back.entries[0]);
        assert_eq!(b.id, a.id);
        assert_eq!(b.status, EntryStatus::Approved);
        assert_eq!(
            b.renderings.iter().map(|r| (&r.form, r.status)).collect::<Vec<_>>(),
            a.renderings.iter().map(|r| (&r.form, r.status)).collect::<Vec<_>>()
        );
        assert_eq!(b.contexts, a.contexts);
        assert_eq!(b.en_variants, a.en_variants);
        assert_eq!(b.note, a.note);
        // Extra cells in first-seen column order; an extra cell under the
        // name of a known column (`status`) is not a column of its own.
        let cells = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
        };
        assert_eq!(b.extra, cells(&[("reviewer", "Huda"), ("domain", "")]));
        assert_eq!(back.entries[1].extra, cells(&[("reviewer", "Omar"), ("domain", "tech")]));
        assert_eq!(back.entries[2].extra, cells(&[("reviewer", ""), ("domain", "")]));
        let statuses: Vec<EntryStatus> = back.entries.iter().map(|e| e.status).collect();
        assert_eq!(statuses, sample().entries.iter().map(|e| e.status).collect::<Vec<_>>());
        assert_eq!(back.entries[1].contexts, sample().entries[1].contexts, "a CSV cell holds any length");
    }

    #[test]
    fn build_csv_reads_with_derived_ids() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "en,ar,variants,score,count,docs,method,kind,context,source,status\nGoogle,جوجل,غوغل,1.000,3,2,gazetteer,org,ctx,a.txt:1,\n").unwrap();
        let g = read_glossary(&p).unwrap();
        assert_eq!(g.entries[0].id, entry_id("Google"));
        assert_eq!(g.entries[0].status, EntryStatus::Candidate);
        assert_eq!(g.entries[0].renderings[1].form, "غوغل");
        assert_eq!(g.entries[0].method(), Method::Gazetteer);
    }

    #[test]
    fn bad_cells_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "en,ar,status\nGoogle,جوجل,approved\nMeta,ميتا,maybe\n").unwrap();
        let err = read_glossary(&p).unwrap_err().to_string();
        assert!(err.contains("g.csv [glossary]:3") && err.contains("maybe"), "{err}");
        std::fs::write(&p, "english,ar\nGoogle,جوجل\n").unwrap();
        assert!(read_glossary(&p).unwrap_err().to_string().contains("no `en` column"));
        std::fs::write(&p, "en,ar\nGoogle,جوجل\ngoogle,غوغل\n").unwrap();
        assert!(read_glossary(&p).unwrap_err().to_string().contains("repeats"));
    }

    #[test]
    fn workbook_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("review.xlsx");
        write_glossary(&sample(), &p).unwrap();
        let back = read_glossary(&p).unwrap();
        assert_eq!(back.entries.len(), 4);
        let g = &back.entries[0];
        assert_eq!(g.status, EntryStatus::Approved);
        assert_eq!(g.renderings[2].status, TermStatus::Forbidden, "variant statuses come from the variants sheet");
        assert_eq!(g.extra, vec![("reviewer".to_string(), "Huda".to_string()), ("domain".into(), String::new())]);
        assert_eq!(g.contexts, sample().entries[0].contexts);
        assert_eq!(back.entries[3].status, EntryStatus::Rejected);
    }

    #[test]
    fn reviewed_glossaries_are_protected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "en,ar,status\nGoogle,جوجل,\nMeta,ميتا, Candidate \n").unwrap();
        ensure_not_reviewed(&p).unwrap();
        std::fs::write(&p, "\u{FEFF}en,ar,status\nGoogle,جوجل,approved\nMeta,ميتا,maybe\n").unwrap();
        assert_eq!(reviewed_rows(&p).unwrap(), 2, "any text but candidate is a reviewer's");
        assert!(ensure_not_reviewed(&p).unwrap_err().to_string().contains("2 rows have a status"));
        ensure_not_reviewed(&dir.path().join("absent.csv")).unwrap();
        ensure_not_reviewed(dir.path()).unwrap();
    }

    #[test]
    fn a_glossary_that_cannot_be_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        // Re-saved by a spreadsheet in Windows-1256: not UTF-8.
        std::fs::write(&p, b"en,ar,status\nGoogle,\xCC\xE6\xCC\xE1,approved\n").unwrap();
        let e = ensure_not_reviewed(&p).unwrap_err().to_string();
        assert!(e.contains("cannot be read as a glossary") && e.contains("--force"), "{e}");
        let x = dir.path().join("g.xlsx");
        std::fs::write(&x, b"PK\x03\x04 not a whole workbook").unwrap();
        assert!(ensure_not_reviewed(&x).is_err());
        // An empty file holds nothing.
        std::fs::write(&p, b"").unwrap();
        ensure_not_reviewed(&p).unwrap();
    }
}
