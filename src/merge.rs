//! Folding reviews into a master glossary, and a new batch into a master.
//!
//! [`merge`] takes the master glossary and any number of reviewed sheets
//! (tables read from CSV or XLSX). Rows are matched by entry id (or by the
//! id of their `en` when a sheet has no id column). A cell is an *edit*
//! when it differs from the master's value; reviewer edits win over
//! machine values for the columns people own (status, Arabic form, note,
//! kind, English term and variants, variant statuses, and any column nazir
//! does not know). Machine columns (score, counts, method, context) are not
//! taken from sheets. Rows missing from a sheet change nothing: a merge
//! never deletes an entry, a rendering or a cell. Two sheets that edit the
//! same cell differently are a [`Conflict`], resolved by [`OnConflict`].
//! Edits are kept by field (one of the owned columns of
//! [`crate::columns`], the status of one rendering, or a column of the
//! reviewer's own), never by header text, which a sheet may spell in any
//! case.
//!
//! [`apply_master`] is what `nazir build --glossary MASTER` does with a
//! fresh glossary: the master's decisions hold (an approved entry keeps its
//! preferred form, new spellings join it as variants, rejected pairs are not
//! suggested again, forbidden renderings stay forbidden), and only entries
//! the master does not know come out as candidates.

use crate::columns::{Column, Row};
use crate::error::{Error, Result};
use crate::glossary::{Entry, EntryStatus, Glossary, TermStatus};
use crate::review::{RowView, glossary_table, parse_status, parse_term_status, rows, split_list, variants_table};
use crate::table::Table;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// What to do when two reviews edit the same cell differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Keep the master's value.
    Keep,
    /// Take the value of the review given last.
    Theirs,
    /// Report the conflicts and write nothing.
    #[default]
    Fail,
}

/// Two or more reviews disagreeing on one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Entry id.
    pub id: String,
    /// English term of the entry.
    pub en: String,
    /// Column (for a variant status: `variant_status` and the form).
    pub column: String,
    /// The master's value.
    pub master: String,
    /// Each review's value, with the cell's place (file, sheet, row).
    pub values: Vec<(String, String)>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}), column {}: master {:?}", self.en, self.id, self.column, self.master)?;
        for (place, value) in &self.values {
            write!(f, "; {place}: {value:?}")?;
        }
        Ok(())
    }
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The merged glossary (with [`OnConflict::Fail`] and conflicts, the
    /// master unchanged).
    pub glossary: Glossary,
    /// Cells that reviews edited differently.
    pub conflicts: Vec<Conflict>,
    /// Cells changed in the master.
    pub edits: usize,
    /// Entries added from review rows the master did not have.
    pub added: usize,
}

/// One edited cell.
#[derive(Debug, Clone)]
struct Edit {
    value: String,
    place: String,
    en: String,
}

/// A cell of an entry that a review can change.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Status,
    En,
    Ar,
    Note,
    Kind,
    EnVariants,
    Variants,
    /// The status of the rendering with this form.
    VariantStatus(String),
    /// A column nazir does not know, by its header.
    Extra(String),
}

impl Field {
    /// The columns of the `glossary` sheet that reviewers own.
    const EDITABLE: [Field; 7] =
        [Field::Status, Field::En, Field::Ar, Field::Note, Field::Kind, Field::EnVariants, Field::Variants];

    /// The column the field is read from (`None` for a reviewer's own).
    fn column(&self) -> Option<Column> {
        Some(match self {
            Field::Status => Column::Status,
            Field::En => Column::En,
            Field::Ar => Column::Ar,
            Field::Note => Column::Note,
            Field::Kind => Column::Kind,
            Field::EnVariants => Column::EnVariants,
            Field::Variants => Column::Variants,
            Field::VariantStatus(_) => Column::VariantStatus,
            Field::Extra(_) => return None,
        })
    }

    /// The header of the field's column.
    fn header(&self) -> &str {
        match (self, self.column()) {
            (Field::Extra(name), _) => name,
            (_, Some(column)) => column.name(),
            (_, None) => "",
        }
    }

    /// The field as conflicts name it (a variant status with its form).
    fn label(&self) -> Cow<'_, str> {
        match self {
            Field::VariantStatus(form) => format!("{} {form}", self.header()).into(),
            _ => self.header().into(),
        }
    }

    /// The key that orders fields: the header, and for a variant status
    /// `variant_status:FORM`. Edits are applied, and conflicts reported, in
    /// this order, which is why it is the text order of these keys and not
    /// the order of the variants.
    fn sort_key(&self) -> Cow<'_, str> {
        match self {
            Field::VariantStatus(form) => format!("{}:{form}", self.header()).into(),
            _ => self.header().into(),
        }
    }

    /// Tells apart fields with the same key (a reviewer's column named like
    /// a variant status key).
    fn rank(&self) -> u8 {
        match self {
            Field::Extra(_) => 1,
            _ => 0,
        }
    }
}

impl Ord for Field {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key()).then_with(|| self.rank().cmp(&other.rank()))
    }
}

impl PartialOrd for Field {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The master's current value of a field, in the form a sheet shows it.
fn master_value(entry: Option<&Entry>, field: &Field) -> String {
    let Some(e) = entry else { return String::new() };
    match field {
        Field::VariantStatus(form) => {
            e.renderings.iter().find(|r| r.form == *form).map_or("", |r| r.status.as_str()).to_string()
        }
        Field::Extra(name) => e.extra.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default(),
        _ => field.column().map(|c| c.cell(Row::Entry(e)).into_owned()).unwrap_or_default(),
    }
}

/// Whether a sheet cell says the same as the master (statuses compared as
/// statuses, lists as sets, everything else trimmed).
fn same(field: &Field, sheet: &str, master: &str) -> bool {
    match field {
        Field::Status => EntryStatus::parse(sheet) == EntryStatus::parse(master),
        Field::Variants | Field::EnVariants => {
            let (mut a, mut b) = (split_list(sheet), split_list(master));
            a.sort();
            b.sort();
            a == b
        }
        Field::VariantStatus(_) => TermStatus::parse(sheet) == TermStatus::parse(master),
        _ => sheet.trim() == master.trim(),
    }
}

/// Collects the edits of one review into `edits` (keyed by id, then
/// column), and the rows of entries the master does not have into `new_rows`.
fn collect_edits<'t>(
    master: &HashMap<String, &Entry>,
    review: &'t [Table],
    edits: &mut BTreeMap<(String, Field), Vec<Edit>>,
    new_rows: &mut Vec<(&'t Table, usize)>,
) -> Result<()> {
    let Some(sheet) = glossary_table(review) else { return Ok(()) };
    for r in rows(sheet) {
        let Some(id) = r.entry_id() else { continue };
        let entry = master.get(&id).copied();
        if entry.is_none() {
            new_rows.push((sheet, r.row));
        }
        // Validate statuses here so the message points at the sheet.
        if r.has_column(Column::Status) {
            parse_status(sheet, r.row, r.cell(Column::Status))?;
        }
        let en = entry.map_or_else(|| r.cell(Column::En).to_string(), |e| e.en.clone());
        let fields: Vec<Field> = Field::EDITABLE
            .into_iter()
            .filter(|f| f.column().is_some_and(|c| r.has_column(c)))
            .chain(r.extra().into_iter().map(|(name, _)| Field::Extra(name)))
            .collect();
        for field in fields {
            let value = r.get(field.header()).to_string();
            if !same(&field, &value, &master_value(entry, &field)) {
                let place = sheet.place(r.row, field.header());
                edits.entry((id.clone(), field)).or_default().push(Edit { value, place, en: en.clone() });
            }
        }
        // A master CSV carries the variants' statuses in `variant_status`,
        // in the order of `variants`.
        if r.has_column(Column::VariantStatus) {
            let statuses = split_list(r.cell(Column::VariantStatus));
            for (form, cell) in split_list(r.cell(Column::Variants)).iter().zip(&statuses) {
                parse_term_status(sheet, r.row, cell)?;
                let field = Field::VariantStatus(form.clone());
                if !same(&field, cell, &master_value(entry, &field)) {
                    let place = sheet.place(r.row, Column::VariantStatus.name());
                    let edit = Edit { value: cell.clone(), place, en: en.clone() };
                    edits.entry((id.clone(), field)).or_default().push(edit);
                }
            }
        }
    }
    if let Some(variants) = variants_table(review) {
        for r in rows(variants) {
            let (Some(id), form) = (r.entry_id(), r.cell(Column::Ar)) else { continue };
            if form.is_empty() || !r.has_column(Column::VariantStatus) {
                continue;
            }
            let cell = r.cell(Column::VariantStatus);
            if cell.is_empty() {
                continue;
            }
            parse_term_status(variants, r.row, cell)?;
            let entry = master.get(&id).copied();
            let field = Field::VariantStatus(form.to_string());
            if !same(&field, cell, &master_value(entry, &field)) {
                let en = entry.map_or_else(|| r.cell(Column::En).to_string(), |e| e.en.clone());
                let place = variants.place(r.row, Column::VariantStatus.name());
                edits.entry((id, field)).or_default().push(Edit { value: cell.to_string(), place, en });
            }
        }
    }
    Ok(())
}

/// Adds the forms of a list cell that are new as admitted renderings;
/// forms missing from the cell stay (a merge never deletes).
fn add_variants(entry: &mut Entry, cell: &str) {
    for form in split_list(cell) {
        if !entry.renderings.iter().any(|r| r.form == form) {
            let method = entry.preferred().method;
            entry.renderings.push(crate::glossary::Rendering::new(&form, 0, method, 0.0, TermStatus::Admitted));
        }
    }
}

/// Sets one reviewed cell on an entry.
fn apply_edit(entry: &mut Entry, field: &Field, value: &str) {
    match field {
        Field::Status => entry.status = EntryStatus::parse(value).unwrap_or_default(),
        // An emptied English or Arabic cell is not a decision to act on.
        Field::En => {
            if !value.trim().is_empty() {
                entry.en = value.trim().to_string();
            }
        }
        Field::Ar => {
            if !value.trim().is_empty() {
                entry.set_preferred(value.trim());
            }
        }
        Field::Note => entry.note = value.to_string(),
        Field::Kind => entry.kind = value.trim().to_string(),
        Field::EnVariants => entry.en_variants = split_list(value),
        Field::Variants => add_variants(entry, value),
        Field::VariantStatus(form) => {
            let form = form.as_str();
            match TermStatus::parse(value) {
                Some(TermStatus::Preferred) => entry.set_preferred(form),
                Some(status) => {
                    if !entry.renderings.iter().any(|r| r.form == form) {
                        add_variants(entry, form);
                    }
                    if let Some(r) = entry.renderings.iter_mut().find(|r| r.form == form) {
                        r.status = status;
                    }
                    // A preferred form that a reviewer demotes gives way to
                    // the next non-forbidden rendering.
                    let next = entry
                        .renderings
                        .iter()
                        .find(|r| r.form != form && r.status != TermStatus::Forbidden)
                        .map(|r| r.form.clone());
                    if let Some(next) = next.filter(|_| entry.preferred().status != TermStatus::Preferred) {
                        entry.set_preferred(&next);
                        // set_preferred admitted the old form: keep the
                        // reviewer's status for it.
                        if let Some(r) = entry.renderings.iter_mut().find(|r| r.form == form) {
                            r.status = status;
                        }
                    }
                }
                None => {}
            }
        }
        Field::Extra(name) => match entry.extra.iter_mut().find(|(n, _)| n == name) {
            Some(cell) => cell.1 = value.to_string(),
            None => entry.extra.push((name.clone(), value.to_string())),
        },
    }
}

/// Merges reviewed sheets into the master (see the module documentation).
/// Reviews are given in order; with [`OnConflict::Theirs`] the last one
/// wins a conflict.
pub fn merge(master: Glossary, reviews: &[Vec<Table>], on_conflict: OnConflict) -> Result<MergeOutcome> {
    let by_id: HashMap<String, &Entry> = master.entries.iter().map(|e| (e.id.clone(), e)).collect();
    let mut edits: BTreeMap<(String, Field), Vec<Edit>> = BTreeMap::new();
    let mut new_rows: Vec<(&Table, usize)> = Vec::new();
    for review in reviews {
        collect_edits(&by_id, review, &mut edits, &mut new_rows)?;
    }
    let mut conflicts = Vec::new();
    let mut resolved: Vec<(String, Field, String)> = Vec::new();
    for ((id, field), list) in &edits {
        let (Some(first), Some(last)) = (list.first(), list.last()) else { continue };
        let mut distinct: Vec<&str> = list.iter().map(|e| e.value.as_str()).collect();
        distinct.dedup_by(|a, b| same(field, a, b));
        let disagree = list.iter().any(|e| !same(field, &e.value, &first.value));
        if disagree && !distinct.is_empty() {
            conflicts.push(Conflict {
                id: id.clone(),
                en: first.en.clone(),
                column: field.label().into_owned(),
                master: master_value(by_id.get(id).copied(), field),
                values: list.iter().map(|e| (e.place.clone(), e.value.clone())).collect(),
            });
            match on_conflict {
                OnConflict::Keep | OnConflict::Fail => continue,
                OnConflict::Theirs => {}
            }
        }
        resolved.push((id.clone(), field.clone(), last.value.clone()));
    }
    if on_conflict == OnConflict::Fail && !conflicts.is_empty() {
        return Ok(MergeOutcome { glossary: master, conflicts, edits: 0, added: 0 });
    }
    let mut glossary = master.clone();
    let mut index: HashMap<String, usize> =
        glossary.entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let mut added = 0;
    for (table, row) in new_rows {
        let Some(view): Option<RowView<'_>> = rows(table).find(|r| r.row == row) else { continue };
        let Some(id) = view.entry_id() else { continue };
        if index.contains_key(&id) {
            continue;
        }
        let mut entry = crate::review::entry_from_row(table, &view)?;
        entry.id = id.clone();
        index.insert(id, glossary.entries.len());
        glossary.entries.push(entry);
        added += 1;
    }
    let edits_applied = resolved.iter().filter(|(id, _, _)| by_id.contains_key(id)).count();
    for (id, field, value) in resolved {
        if let Some(&i) = index.get(&id) {
            apply_edit(&mut glossary.entries[i], &field, &value);
        }
    }
    Ok(MergeOutcome { glossary, conflicts, edits: edits_applied, added })
}

/// A merge of review files into a master file, as `nazir merge` runs it.
#[derive(Debug, Clone)]
pub struct MergeJob<'a> {
    /// The master glossary read (it may not exist yet).
    pub master: &'a Path,
    /// The review files, applied in this order.
    pub reviews: &'a [PathBuf],
    /// Where the merged master is written (usually `master`).
    pub output: &'a Path,
    /// What to do with cells two reviews edit differently.
    pub on_conflict: OnConflict,
    /// Start a new master over an existing `output` when `master` does not
    /// exist (otherwise that is taken for a typo and refused).
    pub new: bool,
}

impl MergeJob<'_> {
    /// Reads, merges and writes under the output's lock
    /// ([`crate::output::lock_for_writing`]; `waiting` is told when another
    /// run holds it), keeping the previous output as a backup. With
    /// [`OnConflict::Fail`] and conflicts nothing is written: the outcome
    /// lists them.
    pub fn run(&self, waiting: impl FnOnce(&Path)) -> Result<MergeOutcome> {
        let reviews: Vec<&Path> = self.reviews.iter().map(PathBuf::as_path).collect();
        crate::review::check_output_against(self.output, &reviews, true)?;
        let _lock = crate::output::lock_for_writing(self.output, waiting)?;
        let master = if self.master.exists() {
            crate::review::read_glossary(self.master)?
        } else if self.output.exists() && !self.new {
            return Err(Error::Output {
                path: self.output.to_path_buf(),
                reason: format!(
                    "the master {} does not exist, but this file does: give the master's right name, or --new to \
                     start a new master over it",
                    self.master.display()
                ),
            });
        } else {
            Glossary::default()
        };
        let tables = self.reviews.iter().map(|p| crate::table::read_tables(p)).collect::<Result<Vec<_>>>()?;
        let outcome = merge(master, &tables, self.on_conflict)?;
        if self.on_conflict == OnConflict::Fail && !outcome.conflicts.is_empty() {
            return Ok(outcome);
        }
        if self.output.exists() {
            crate::output::keep_backup(self.output)?;
        }
        crate::review::write_glossary(&outcome.glossary, self.output)?;
        Ok(outcome)
    }
}

/// What [`apply_master`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MasterReport {
    /// Entries of the batch the master did not have (candidates).
    pub new_entries: usize,
    /// Known entries that gained a spelling.
    pub new_spellings: usize,
    /// Renderings not suggested because the master rejected them.
    pub rejected_dropped: usize,
}

impl std::fmt::Display for MasterReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "master applied: {} new entries, {} new spellings of known entries, {} rejected renderings not suggested",
            self.new_entries, self.new_spellings, self.rejected_dropped
        )
    }
}

/// Applies a master glossary's decisions to a freshly built one and returns
/// the updated master: the batch's entries first (in the batch's order),
/// then the master entries the batch did not meet, unchanged.
pub fn apply_master(master: &Glossary, batch: Glossary) -> (Glossary, MasterReport) {
    let by_id: HashMap<&str, &Entry> = master.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut report = MasterReport::default();
    let mut out = Glossary::default();
    // A set: a batch of n entries against a master of m is n + m look-ups.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for fresh in batch.entries {
        let Some(known) = by_id.get(fresh.id.as_str()).copied() else {
            report.new_entries += 1;
            out.entries.push(fresh);
            continue;
        };
        seen.insert(known.id.as_str());
        let mut entry = known.clone();
        // Machine values come from the new batch.
        entry.count = fresh.count;
        entry.docs = fresh.docs;
        entry.score = entry.score.max(fresh.score);
        if !fresh.contexts.is_empty() {
            entry.contexts = fresh.contexts.clone();
        }
        for r in &fresh.renderings {
            match entry.renderings.iter_mut().find(|k| k.form == r.form) {
                Some(k) => k.count = r.count,
                None if known.status == EntryStatus::Rejected => report.rejected_dropped += 1,
                None => {
                    let mut new = r.clone();
                    new.status = TermStatus::Admitted;
                    entry.renderings.push(new);
                    report.new_spellings += 1;
                }
            }
        }
        out.entries.push(entry);
    }
    out.entries.extend(master.entries.iter().filter(|e| !seen.contains(&e.id.as_str())).cloned());
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{entry, reviewed_glossary as master};
    use std::path::PathBuf;

    fn sheet(name: &str, csv: &str) -> Vec<Table> {
        let mut lines = csv.lines();
        let headers: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
        let rows = lines.enumerate().map(|(k, l)| (k + 2, l.split(',').map(str::to_string).collect())).collect();
        vec![Table { path: PathBuf::from(name), sheet: "glossary".into(), headers, rows }]
    }

    #[test]
    fn reviewer_edits_win_and_nothing_is_lost() {
        let review = sheet(
            "r1.csv",
            "id,en,ar,status,note,checked_by\n,Google,غوغل,approved,Gulf usage,Huda\n,Oracle,أوراكل,rejected,,Huda\n,Nvidia,إنفيديا,approved,,Huda",
        );
        let out = merge(master(), &[review], OnConflict::Fail).unwrap();
        assert!(out.conflicts.is_empty());
        let g = &out.glossary.entries[0];
        assert_eq!(g.preferred().form, "غوغل");
        assert_eq!(g.renderings[1].form, "جوجل", "the old preferred form stays as a variant");
        assert_eq!(g.status, EntryStatus::Approved);
        assert_eq!(g.note, "Gulf usage");
        assert_eq!(g.renderings[2].status, TermStatus::Forbidden, "a variant the sheet does not name keeps its status");
        let cells = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
        };
        assert_eq!(g.extra, cells(&[("reviewer", "Huda"), ("status", "shadow"), ("checked_by", "Huda")]));
        let meta = &out.glossary.entries[1];
        assert_eq!(
            (meta.en.as_str(), meta.status),
            ("Meta", EntryStatus::Forbidden),
            "rows missing from the sheet stay"
        );
        assert_eq!(out.glossary.entries[2].status, EntryStatus::Rejected);
        assert_eq!(out.glossary.entries[4].en, "Nvidia");
        assert_eq!(out.added, 1);
    }

    #[test]
    fn disagreeing_reviews_are_conflicts() {
        let a = sheet("a.csv", "en,ar,status\nOracle,أوراكل,approved");
        let b = sheet("b.csv", "en,ar,status\nOracle,أوراكل,rejected");
        let out = merge(master(), &[a.clone(), b.clone()], OnConflict::Fail).unwrap();
        assert_eq!(out.conflicts.len(), 1);
        let c = &out.conflicts[0];
        assert_eq!(c.column, "status");
        assert!(c.values[0].0.contains("a.csv") && c.values[1].0.contains("b.csv"));
        assert!(c.to_string().contains("row 2"), "{c}");
        assert_eq!(out.glossary, master(), "fail changes nothing");
        let keep = merge(master(), &[a.clone(), b.clone()], OnConflict::Keep).unwrap();
        assert_eq!(keep.glossary.entries[2].status, EntryStatus::Candidate);
        let theirs = merge(master(), &[a, b], OnConflict::Theirs).unwrap();
        assert_eq!(theirs.glossary.entries[2].status, EntryStatus::Rejected);
        // Agreeing reviews are no conflict.
        let a = sheet("a.csv", "en,ar,status\nGoogle,جوجل,approved");
        let a2 = sheet("a2.csv", "en,ar,status\nGoogle,جوجل,Approved");
        assert!(merge(master(), &[a, a2], OnConflict::Fail).unwrap().conflicts.is_empty());
    }

    #[test]
    fn variant_statuses_and_bad_cells() {
        let mut review = sheet("r.xlsx", "id,en,ar,status\n,Google,جوجل,approved");
        let mut variants = sheet("r.xlsx", "id,en,ar,count,variant_status\n,Google,غوغل,2,forbidden");
        variants[0].sheet = "variants".into();
        review.extend(variants);
        let out = merge(master(), &[review], OnConflict::Fail).unwrap();
        assert_eq!(out.glossary.entries[0].renderings[1].status, TermStatus::Forbidden);
        let bad = sheet("bad.csv", "en,ar,status\nGoogle,جوجل,perhaps");
        let err = merge(master(), &[bad], OnConflict::Fail).unwrap_err().to_string();
        assert!(err.contains("bad.csv") && err.contains("perhaps"), "{err}");
    }

    #[test]
    fn fields_keep_the_order_and_names_of_their_columns() {
        let mut fields: Vec<Field> = Field::EDITABLE.to_vec();
        fields.extend([
            Field::VariantStatus("غوغل".into()),
            Field::VariantStatus("جوجل".into()),
            Field::Extra("checked_by".into()),
            Field::Extra("variant_status:جوجل".into()),
            Field::Extra("zone".into()),
        ]);
        fields.sort();
        let keys: Vec<String> = fields.iter().map(|f| f.sort_key().into_owned()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "edits are applied in the text order of their columns");
        assert_eq!(keys[0], "ar");
        assert_eq!(keys.last().unwrap(), "zone");
        assert_eq!(Field::VariantStatus("غوغل".into()).label(), "variant_status غوغل");
        assert_eq!(Field::EnVariants.label(), "en_variants");
        assert_ne!(Field::Extra("variant_status:جوجل".into()), Field::VariantStatus("جوجل".into()));
    }

    #[test]
    fn a_new_batch_respects_the_masters_decisions() {
        use EntryStatus::Candidate;
        use TermStatus::{Admitted, Preferred};
        let mut m = master();
        m.entries[0].renderings[1].status = TermStatus::Forbidden;
        // The batch prefers a spelling the master forbids, meets one the
        // master admits (and here forbids too) and brings a new one (كوكل).
        let google = entry("Google", Candidate, &[("قوقل", Preferred), ("غوغل", Admitted), ("كوكل", Admitted)]);
        let orkla = entry("Orkla", Candidate, &[("اوركلا", Preferred)]);
        let tesla = entry("Tesla", Candidate, &[("تسلا", Preferred)]);
        let (out, report) = apply_master(&m, Glossary { entries: vec![google, orkla, tesla] });
        let g = &out.entries[0];
        let status = |form: &str| g.renderings.iter().find(|r| r.form == form).unwrap().status;
        assert_eq!(g.status, EntryStatus::Approved);
        assert_eq!(g.preferred().form, "جوجل", "the approved form holds");
        assert_eq!(status("غوغل"), TermStatus::Forbidden);
        assert_eq!(status("قوقل"), TermStatus::Forbidden, "the master's forbidden form stays forbidden");
        assert_eq!(status("كوكل"), Admitted, "a new spelling is admitted, not preferred");
        assert_eq!(out.entries[1].status, EntryStatus::Rejected);
        assert!(!out.entries[1].renderings.iter().any(|r| r.form == "اوركلا"), "rejected: not suggested again");
        assert_eq!(out.entries[2].status, EntryStatus::Candidate);
        let rest: Vec<&str> = out.entries[3..].iter().map(|e| e.en.as_str()).collect();
        assert_eq!(rest, ["Meta", "Oracle"], "master entries the batch did not meet stay");
        assert_eq!(report, MasterReport { new_entries: 1, new_spellings: 1, rejected_dropped: 1 });
    }
}
