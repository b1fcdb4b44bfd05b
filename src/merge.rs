//! Folding reviews into a master glossary, and a new batch into a master.
//!
//! [`merge`] is a three-way merge. Every review file nazir writes carries
//! its *base*: the cells a reviewer may edit, as nazir wrote them (the
//! workbook's hidden `_base` sheet, a CSV row's `base` cell; see
//! [`crate::review::Review`]). A reviewer's cell is an *edit* only where it
//! differs from its base; an untouched cell never changes the master,
//! whatever the master says by now. Reviews are applied one after the
//! other, each edit against the master as it stands:
//!
//! * the master still has the base's value: the edit is applied;
//! * the master already has the edit's value: nothing to do (merging the
//!   same review twice changes nothing);
//! * the master has a third value (another review changed the same cell,
//!   in this run or an earlier one): a [`Conflict`], naming both places,
//!   both values and the base, resolved by [`OnConflict`].
//!
//! So reviews that do not conflict give the same master in any order and
//! any grouping. Lists merge as sets: forms added to `variants` join the
//! entry (a merge never deletes a rendering), English variants added or
//! removed are added or removed. On a workbook the `ar` of the glossary
//! sheet and the `preferred` of the variants sheet say the same thing
//! twice: the one the reviewer edited wins (the old preferred form stays
//! as an admitted variant), and two edits that contradict each other are a
//! conflict.
//!
//! A review file without a base (a CSV someone made by hand, or one whose
//! `base` column was deleted) falls back to comparing its cells with the
//! master as it was before the merge; its report says so.
//!
//! Rows are matched by entry id (by the id of their `en` when a sheet has
//! no id column; a CSV row's base names its id even when `en` was
//! edited). Machine columns (score, counts, method, context) are not taken
//! from sheets. Rows missing from a sheet change nothing. Rows of entries
//! the master does not have are added whole, with their variants sheet.
//!
//! [`apply_master`] is what `nazir build --glossary MASTER` does with a
//! fresh glossary: the master's decisions hold (an approved entry keeps its
//! preferred form, new spellings join it as variants, rejected pairs are not
//! suggested again, forbidden renderings stay forbidden), and only entries
//! the master does not know come out as candidates.

use crate::columns::{Column, Row};
use crate::error::{Error, Result};
use crate::glossary::{Entry, EntryStatus, Glossary, TermStatus};
use crate::review::{
    Review, RowView, glossary_table, parse_status, parse_term_status, rows, split_list, variants_table,
};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// What to do when two reviews edit the same cell differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Keep the value the master has (an earlier review's edit included).
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
    /// The value both sides started from (the review's base; for a review
    /// without one, the master's value before the merge).
    pub base: String,
    /// The two values, each with where it comes from (file, sheet, row;
    /// `master` for a value the master already had before this merge).
    pub values: Vec<(String, String)>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}), column {}: base {:?}", self.en, self.id, self.column, self.base)?;
        for (place, value) in &self.values {
            write!(f, "; {place}: {value:?}")?;
        }
        Ok(())
    }
}

/// What one review file did to the master.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewReport {
    /// The file.
    pub file: String,
    /// Whether it carried its base (otherwise its cells were compared with
    /// the master).
    pub has_base: bool,
    /// Cells applied, by column.
    pub applied: BTreeMap<String, usize>,
    /// Entries added from it.
    pub added: usize,
    /// Decisions it reversed, as `English: old → new` (an approved,
    /// rejected or forbidden entry set to another status).
    pub reversed: Vec<String>,
}

impl fmt::Display for ReviewReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cells: usize = self.applied.values().sum();
        write!(f, "{}: {cells} {} applied", self.file, if cells == 1 { "cell" } else { "cells" })?;
        if cells > 0 {
            let by_column: Vec<String> = self.applied.iter().map(|(c, n)| format!("{c} {n}")).collect();
            write!(f, " ({})", by_column.join(", "))?;
        }
        write!(f, ", {} {} added", self.added, if self.added == 1 { "entry" } else { "entries" })?;
        if !self.has_base {
            write!(
                f,
                "; it has no base (not written by nazir, or its base was removed), so every cell that differs from the \
                 master counted as an edit"
            )?;
        }
        for reversed in &self.reversed {
            write!(f, "\n  reverses a decision: {reversed}")?;
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
    /// What each review did, in the order given.
    pub reports: Vec<ReviewReport>,
}

/// A cell of an entry that a review can change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// One cell a review edited.
#[derive(Debug, Clone)]
struct Edit {
    id: String,
    field: Field,
    value: String,
    /// Where the cell is (file, sheet, row).
    place: String,
    /// The English term of its row.
    en: String,
}

/// The id of a row: the one its base names (a CSV row keeps it even when
/// its `en` was edited), else its own.
fn row_id(r: &RowView<'_>) -> Option<String> {
    let from_base = crate::columns::parse_base(r.cell(Column::Base))
        .and_then(|cells| cells.into_iter().find(|(n, _)| n == Column::Id.name()).map(|(_, v)| v))
        .filter(|id| !id.is_empty());
    from_base.or_else(|| r.entry_id())
}

/// The cells of one review that differ from what they started as: their
/// base entry, or (`base` is `None`) the master's entry before the merge.
fn collect_edits(review: &Review, base: &HashMap<String, &Entry>) -> Result<Vec<Edit>> {
    let mut edits = Vec::new();
    let Some(sheet) = glossary_table(&review.tables) else { return Ok(edits) };
    for r in rows(sheet) {
        let Some(id) = row_id(&r) else { continue };
        // Validate statuses here so the message points at the sheet.
        if r.has_column(Column::Status) {
            parse_status(sheet, r.row, r.cell(Column::Status))?;
        }
        let start = base.get(&id).copied();
        let en = r.cell(Column::En).to_string();
        let fields: Vec<Field> = Field::EDITABLE
            .into_iter()
            .filter(|f| f.column().is_some_and(|c| r.has_column(c)))
            .chain(r.extra().into_iter().map(|(name, _)| Field::Extra(name)))
            .collect();
        for field in fields {
            let value = r.get(field.header()).to_string();
            if !same(&field, &value, &master_value(start, &field)) {
                let place = sheet.place(r.row, field.header());
                edits.push(Edit { id: id.clone(), field, value, place, en: en.clone() });
            }
        }
        // A master CSV carries the variants' statuses in `variant_status`,
        // in the order of `variants`.
        if r.has_column(Column::VariantStatus) {
            let statuses = split_list(r.cell(Column::VariantStatus));
            for (form, cell) in split_list(r.cell(Column::Variants)).iter().zip(&statuses) {
                parse_term_status(sheet, r.row, cell)?;
                let field = Field::VariantStatus(form.clone());
                if !same(&field, cell, &master_value(start, &field)) {
                    let place = sheet.place(r.row, Column::VariantStatus.name());
                    edits.push(Edit { id: id.clone(), field, value: cell.clone(), place, en: en.clone() });
                }
            }
        }
    }
    if let Some(variants) = variants_table(&review.tables) {
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
            let field = Field::VariantStatus(form.to_string());
            if !same(&field, cell, &master_value(base.get(&id).copied(), &field)) {
                let (en, place) = (r.cell(Column::En).to_string(), variants.place(r.row, Column::VariantStatus.name()));
                edits.push(Edit { id, field, value: cell.to_string(), place, en });
            }
        }
    }
    edits.sort_by(|a, b| (&a.id, &a.field).cmp(&(&b.id, &b.field)));
    Ok(edits)
}

/// Within one review, an edited `ar` and a form edited to `preferred` on
/// the variants sheet that disagree: both edits are taken out, as a
/// conflict. `edits` are sorted by entry (as [`collect_edits`] leaves
/// them), so each entry's edits are looked at together, once.
fn contradictions(edits: &mut Vec<Edit>) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let mut kept = Vec::with_capacity(edits.len());
    let mut all = std::mem::take(edits).into_iter().peekable();
    while let Some(first) = all.next() {
        let mut entry = vec![first];
        while let Some(e) = all.next_if(|e| e.id == entry[0].id) {
            entry.push(e);
        }
        conflicts.extend(contradictions_of_entry(&mut entry));
        kept.append(&mut entry);
    }
    *edits = kept;
    conflicts
}

/// [`contradictions`] among the edits of one entry.
fn contradictions_of_entry(edits: &mut Vec<Edit>) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let ars: Vec<Edit> = edits.iter().filter(|e| e.field == Field::Ar && !e.value.trim().is_empty()).cloned().collect();
    for ar in ars {
        let clash = edits.iter().find(|e| {
            e.id == ar.id
                && matches!(&e.field, Field::VariantStatus(form) if form.trim() != ar.value.trim())
                && TermStatus::parse(&e.value) == Some(TermStatus::Preferred)
        });
        let Some(clash) = clash.cloned() else { continue };
        conflicts.push(Conflict {
            id: ar.id.clone(),
            en: ar.en.clone(),
            column: "ar / variant_status preferred".into(),
            base: String::new(),
            values: vec![(ar.place.clone(), ar.value.clone()), (clash.place.clone(), clash.label_value())],
        });
        edits.retain(|e| !(e.id == ar.id && (e.field == Field::Ar || e.field == clash.field)));
    }
    conflicts
}

impl Edit {
    /// The edit as a conflict shows a variant status: the form and status.
    fn label_value(&self) -> String {
        match &self.field {
            Field::VariantStatus(form) => format!("{form}: {}", self.value),
            _ => self.value.clone(),
        }
    }
}

/// Applies a list edit as a change of set: what the review added to its
/// base (and, for English variants, removed) is done to the master's list;
/// the rest of the master's list stays. Returns whether the entry changed.
fn apply_list_edit(entry: &mut Entry, field: &Field, value: &str, base: &str) -> bool {
    let (now, before) = (split_list(value), split_list(base));
    let added = now.iter().filter(|f| !before.contains(f));
    match field {
        Field::Variants => {
            let new: Vec<&str> =
                added.filter(|f| !entry.renderings.iter().any(|r| &r.form == *f)).map(String::as_str).collect();
            add_variants(entry, &new.join("|"));
            !new.is_empty()
        }
        _ => {
            let old = entry.en_variants.clone();
            entry.en_variants.retain(|v| now.contains(v) || !before.contains(v));
            for v in added {
                if !entry.en_variants.contains(v) {
                    entry.en_variants.push(v.clone());
                }
            }
            entry.en_variants != old
        }
    }
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

/// The base's entry (the cells a reviewer may edit, as written) with the
/// machine's figures the sheets carry (counts, scores, contexts), which the
/// base does not hold.
fn with_machine_values(base: &Entry, sheet: &Entry) -> Entry {
    let mut entry = base.clone();
    (entry.count, entry.docs, entry.score) = (sheet.count, sheet.docs, sheet.score);
    entry.contexts = sheet.contexts.clone();
    entry.association = sheet.association;
    for r in &mut entry.renderings {
        if let Some(s) = sheet.renderings.iter().find(|s| s.form == r.form) {
            (r.count, r.method, r.score) = (s.count, s.method, s.score);
        }
    }
    entry
}

/// Merges review files into the master (see the module documentation),
/// one after the other in the order given.
pub fn merge(master: Glossary, reviews: &[Review], on_conflict: OnConflict) -> Result<MergeOutcome> {
    let original = master.clone();
    let before: HashMap<String, &Entry> = original.entries.iter().map(|e| (e.id.clone(), e)).collect();
    let mut glossary = master;
    let mut index: HashMap<String, usize> =
        glossary.entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    // Where each cell changed in this run got its value, for conflicts.
    let mut set_by: HashMap<(String, Field), (String, String)> = HashMap::new();
    let (mut conflicts, mut reports, mut edits_applied, mut added) = (Vec::new(), Vec::new(), 0, 0);
    for review in reviews {
        let mut report = ReviewReport {
            file: review.path.display().to_string(),
            has_base: review.base.is_some(),
            ..Default::default()
        };
        // Without a base, the master before the merge stands in for it.
        let own_base: HashMap<String, &Entry>;
        let base = match &review.base {
            Some(b) => {
                own_base = b.entries.iter().map(|e| (e.id.clone(), e)).collect();
                &own_base
            }
            None => &before,
        };
        let mut edits = collect_edits(review, base)?;
        conflicts.extend(contradictions(&mut edits));
        // Entries the master does not have join it: as the base has them,
        // so that the reviewer's edits count (and show) as edits, or whole
        // from the review when it has no base for them.
        let reviewed = crate::review::glossary_from_tables(&review.tables)?;
        let mut new_ids = std::collections::HashSet::new();
        for entry in reviewed.entries {
            if index.contains_key(&entry.id) {
                continue;
            }
            index.insert(entry.id.clone(), glossary.entries.len());
            match review.base.as_ref().and(base.get(&entry.id)) {
                Some(machine) => glossary.entries.push(with_machine_values(machine, &entry)),
                None => {
                    new_ids.insert(entry.id.clone());
                    glossary.entries.push(entry);
                }
            }
            report.added += 1;
        }
        for edit in edits {
            if new_ids.contains(&edit.id) {
                continue;
            }
            let Some(&i) = index.get(&edit.id) else { continue };
            let start = master_value(base.get(&edit.id).copied(), &edit.field);
            let current = master_value(Some(&glossary.entries[i]), &edit.field);
            let entry = &mut glossary.entries[i];
            if matches!(edit.field, Field::Variants | Field::EnVariants) {
                if apply_list_edit(entry, &edit.field, &edit.value, &start) {
                    *report.applied.entry(edit.field.header().to_string()).or_default() += 1;
                    edits_applied += 1;
                }
                continue;
            }
            if same(&edit.field, &edit.value, &current) {
                continue;
            }
            if !same(&edit.field, &current, &start) {
                let key = (edit.id.clone(), edit.field.clone());
                let other = set_by.get(&key).cloned().unwrap_or_else(|| ("master".into(), current.clone()));
                conflicts.push(Conflict {
                    id: edit.id.clone(),
                    en: entry.en.clone(),
                    column: edit.field.label().into_owned(),
                    base: start,
                    values: vec![other, (edit.place.clone(), edit.value.clone())],
                });
                if on_conflict != OnConflict::Theirs {
                    continue;
                }
            }
            if edit.field == Field::Status {
                let (old, new) = (entry.status, EntryStatus::parse(&edit.value).unwrap_or_default());
                if old != new && old != EntryStatus::Candidate {
                    report.reversed.push(format!("{}: {} → {}", entry.en, old.as_str(), new.as_str()));
                }
            }
            apply_edit(entry, &edit.field, &edit.value);
            set_by.insert((edit.id.clone(), edit.field.clone()), (edit.place.clone(), edit.value.clone()));
            *report.applied.entry(edit.field.header().to_string()).or_default() += 1;
            edits_applied += 1;
        }
        added += report.added;
        reports.push(report);
    }
    if on_conflict == OnConflict::Fail && !conflicts.is_empty() {
        return Ok(MergeOutcome { glossary: original, conflicts, edits: 0, added: 0, reports });
    }
    Ok(MergeOutcome { glossary, conflicts, edits: edits_applied, added, reports })
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
        let reviews = self.reviews.iter().map(|p| crate::review::read_review(p)).collect::<Result<Vec<_>>>()?;
        let outcome = merge(master, &reviews, self.on_conflict)?;
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
        let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "master applied: {}, {} of known entries, {} not suggested",
            n(self.new_entries, "new entry", "new entries"),
            n(self.new_spellings, "new spelling", "new spellings"),
            n(self.rejected_dropped, "rejected rendering", "rejected renderings")
        )
    }
}

/// Applies a master glossary's decisions to a freshly built one: the
/// batch's entries, in the batch's order, with this batch's counts. With
/// `keep_master_rows`, the master's entries the batch did not meet follow,
/// with counts of 0 (they do not occur in this batch); otherwise they are
/// left out, so that every row of the output is a name of this batch.
pub fn apply_master(master: &Glossary, batch: Glossary, keep_master_rows: bool) -> (Glossary, MasterReport) {
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
    if keep_master_rows {
        let seen: std::collections::HashSet<&str> = seen.into_iter().collect();
        for known in master.entries.iter().filter(|e| !seen.contains(e.id.as_str())) {
            let mut entry = known.clone();
            (entry.count, entry.docs) = (0, 0);
            entry.renderings.iter_mut().for_each(|r| r.count = 0);
            out.entries.push(entry);
        }
    }
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Table;
    use crate::testutil::{entry, reviewed_glossary as master};
    use std::path::PathBuf;

    /// A review without a base (a CSV made by hand): its cells are
    /// compared with the master.
    fn sheet(name: &str, csv: &str) -> Review {
        let mut lines = csv.lines();
        let headers: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
        let rows = lines.enumerate().map(|(k, l)| (k + 2, l.split(',').map(str::to_string).collect())).collect();
        let tables = vec![Table { path: PathBuf::from(name), sheet: "glossary".into(), headers, rows }];
        Review { path: PathBuf::from(name), tables, base: None }
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
        // Keep: the master's value stands, and by then it is the first
        // review's.
        let keep = merge(master(), &[a.clone(), b.clone()], OnConflict::Keep).unwrap();
        assert_eq!(keep.glossary.entries[2].status, EntryStatus::Approved);
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
        let mut variants = sheet("r.xlsx", "id,en,ar,count,variant_status\n,Google,غوغل,2,forbidden").tables;
        variants[0].sheet = "variants".into();
        review.tables.extend(variants);
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
        let batch = Glossary { entries: vec![google, orkla, tesla] };
        let (out, report) = apply_master(&m, batch.clone(), true);
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
        assert_eq!(rest, ["Meta", "Oracle"], "asked for, master entries the batch did not meet follow");
        assert!(out.entries[3..].iter().all(|e| e.count == 0 && e.docs == 0), "with this batch's counts");
        assert_eq!(report, MasterReport { new_entries: 1, new_spellings: 1, rejected_dropped: 1 });
        // By default every row is a name of this batch.
        let (only_batch, _) = apply_master(&m, batch, false);
        let ens: Vec<&str> = only_batch.entries.iter().map(|e| e.en.as_str()).collect();
        assert_eq!(ens, ["Google", "Orkla", "Tesla"]);
    }

    /// The review workbook of `glossary` as it reads back (glossary and
    /// variants sheets), with the glossary as its base, named `name`.
    fn review_of(glossary: &Glossary, name: &str) -> Review {
        use crate::columns::{GLOSSARY_SHEET, VARIANTS_SHEET};
        let extra = crate::columns::extra_columns(glossary);
        let mut headers: Vec<String> = GLOSSARY_SHEET.iter().map(|c| c.name().to_string()).collect();
        headers.extend(extra.iter().map(|n| n.to_string()));
        let rows = glossary
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut cells: Vec<String> =
                    GLOSSARY_SHEET.iter().map(|c| c.cell(Row::Entry(e)).into_owned()).collect();
                cells.extend(extra.iter().map(|n| crate::columns::extra_cell(e, n).to_string()));
                (i + 2, cells)
            })
            .collect();
        let path = PathBuf::from(name);
        let sheet = Table { path: path.clone(), sheet: "glossary".into(), headers, rows };
        let mut variant_rows = Vec::new();
        for e in &glossary.entries {
            for r in &e.renderings {
                let cells = VARIANTS_SHEET.iter().map(|c| c.cell(Row::Rendering(e, r)).into_owned()).collect();
                variant_rows.push((variant_rows.len() + 2, cells));
            }
        }
        let headers = VARIANTS_SHEET.iter().map(|c| c.name().to_string()).collect();
        let variants = Table { path: path.clone(), sheet: "variants".into(), headers, rows: variant_rows };
        Review { path, tables: vec![sheet, variants], base: Some(glossary.clone()) }
    }

    /// One reviewer's edit of one entry.
    #[derive(Debug, Clone)]
    enum Change {
        Status(EntryStatus),
        Note(String),
        Kind(String),
        Extra(String),
        /// Make the rendering at this index (among the entry's) preferred,
        /// on the glossary sheet's `ar`.
        Prefer(usize),
        /// Forbid the rendering at this index, on the variants sheet.
        Forbid(usize),
        /// Add a spelling to `variants`.
        AddForm(String),
    }

    impl Change {
        /// Changes of one group touch the same cells or cells whose effects
        /// interact (the renderings); different groups never do.
        fn group(&self) -> u8 {
            match self {
                Change::Status(_) => 0,
                Change::Note(_) => 1,
                Change::Kind(_) => 2,
                Change::Extra(_) => 3,
                Change::Prefer(_) | Change::Forbid(_) | Change::AddForm(_) => 4,
            }
        }
    }

    fn change() -> impl proptest::strategy::Strategy<Value = Change> {
        use proptest::prelude::*;
        let status = proptest::sample::select(EntryStatus::ALL.to_vec());
        prop_oneof![
            status.prop_map(Change::Status),
            "[a-z][a-z ]{0,11}[a-z]".prop_map(Change::Note),
            proptest::sample::select(vec!["person", "org", "location"]).prop_map(|k| Change::Kind(k.into())),
            "[A-Za-z]{1,8}".prop_map(Change::Extra),
            (0usize..3).prop_map(Change::Prefer),
            (1usize..3).prop_map(Change::Forbid),
            proptest::sample::select(vec!["جوجل٢", "غووغل", "قوقل٣"]).prop_map(|f| Change::AddForm(f.into())),
        ]
    }

    /// Makes a reviewer's copy of `base` with `changes` (entry index,
    /// change) typed into its sheets.
    fn edited(base: &Glossary, name: &str, changes: &[(usize, Change)]) -> Review {
        let mut review = review_of(base, name);
        for (i, change) in changes {
            let e = &base.entries[*i];
            let row = *i;
            let sheet = &mut review.tables[0];
            let col = |t: &Table, c: Column| t.column(c.name()).unwrap();
            match change {
                Change::Status(s) => {
                    let c = col(sheet, Column::Status);
                    sheet.rows[row].1[c] = s.as_str().into();
                }
                Change::Note(n) => {
                    let c = col(sheet, Column::Note);
                    sheet.rows[row].1[c] = n.clone();
                }
                Change::Kind(k) => {
                    let c = col(sheet, Column::Kind);
                    sheet.rows[row].1[c] = k.clone();
                }
                Change::Extra(v) => {
                    if sheet.column("checked_by").is_none() {
                        sheet.headers.push("checked_by".into());
                        sheet.rows.iter_mut().for_each(|r| r.1.push(String::new()));
                    }
                    let c = sheet.column("checked_by").unwrap();
                    sheet.rows[row].1[c] = v.clone();
                }
                Change::Prefer(k) => {
                    if let Some(r) = e.renderings.get(*k).filter(|r| r.status != TermStatus::Forbidden) {
                        let c = col(sheet, Column::Ar);
                        sheet.rows[row].1[c] = r.form.clone();
                    }
                }
                Change::Forbid(k) => {
                    if let Some(r) = e.renderings.get(*k) {
                        let variants = &mut review.tables[1];
                        let c = variants.column(Column::VariantStatus.name()).unwrap();
                        let v = variants.rows.iter().position(|(_, cells)| cells[0] == e.id && cells[2] == r.form);
                        variants.rows[v.unwrap()].1[c] = "forbidden".into();
                    }
                }
                Change::AddForm(f) => {
                    let c = col(sheet, Column::Variants);
                    let cell = &mut sheet.rows[row].1[c];
                    cell.push_str(&format!("|{f}"));
                }
            }
        }
        review
    }

    fn base_glossary() -> Glossary {
        use EntryStatus::Candidate;
        use TermStatus::{Admitted, Preferred};
        let names = [
            ("Google", &["جوجل", "غوغل", "قوقل"][..]),
            ("Meta", &["ميتا", "ميطا"][..]),
            ("Oracle", &["أوراكل", "اوراكل", "أوركل"][..]),
            ("Nvidia", &["إنفيديا", "انفيديا"][..]),
            ("Amazon", &["أمازون"][..]),
            ("Tesla", &["تسلا", "تيسلا"][..]),
        ];
        let entries = names
            .iter()
            .map(|(en, forms)| {
                let list: Vec<(&str, TermStatus)> =
                    forms.iter().enumerate().map(|(i, f)| (*f, if i == 0 { Preferred } else { Admitted })).collect();
                entry(en, Candidate, &list)
            })
            .collect();
        Glossary { entries }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Reviews that do not conflict give the same master in any order
        /// and grouping, merged twice or once; every edit is there and
        /// nothing else changed.
        #[test]
        fn reviews_merge_in_any_order_and_grouping(
            scripts in proptest::collection::vec(
                proptest::collection::vec((0usize..6, change()), 0..6),
                1..5,
            ),
            order_seed in 0u64..1000,
        ) {
            let base = base_glossary();
            // Each (entry, group) cell belongs to the first reviewer who
            // touches it; the others' edits of it are dropped, unless they
            // are the very same edit (agreeing reviews).
            let mut owner: HashMap<(usize, u8), (usize, String)> = HashMap::new();
            let scripts: Vec<Vec<(usize, Change)>> = scripts
                .into_iter()
                .enumerate()
                .map(|(who, script)| {
                    let mut kept: Vec<(usize, Change)> = Vec::new();
                    for (i, c) in script {
                        let key = (i, c.group());
                        let text = format!("{c:?}");
                        let owned = owner.entry(key).or_insert((who, text.clone()));
                        // One change per cell group in a review.
                        let fresh = !kept.iter().any(|(j, k)| *j == i && k.group() == c.group());
                        if fresh && (owned.0 == who || owned.1 == text) {
                            kept.push((i, c));
                        }
                    }
                    kept
                })
                .collect();
            let reviews: Vec<Review> =
                scripts.iter().enumerate().map(|(k, s)| edited(&base, &format!("r{k}.xlsx"), s)).collect();
            let all = merge(base.clone(), &reviews, OnConflict::Fail).unwrap();
            proptest::prop_assert!(all.conflicts.is_empty(), "{:?}", all.conflicts);
            // Reversed order, one at a time.
            let mut one_by_one = base.clone();
            for review in reviews.iter().rev() {
                let out = merge(one_by_one, std::slice::from_ref(review), OnConflict::Fail).unwrap();
                proptest::prop_assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
                one_by_one = out.glossary;
            }
            proptest::prop_assert_eq!(&one_by_one, &all.glossary);
            // A shuffled order, in two groups, and everything again.
            let mut order: Vec<usize> = (0..reviews.len()).collect();
            let mut rng = crate::sample::SplitMix64(order_seed);
            for i in (1..order.len()).rev() {
                order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
            }
            let shuffled: Vec<Review> = order.iter().map(|&k| reviews[k].clone()).collect();
            let (first, second) = shuffled.split_at(shuffled.len() / 2);
            let grouped = merge(merge(base.clone(), first, OnConflict::Fail).unwrap().glossary, second, OnConflict::Fail)
                .unwrap();
            proptest::prop_assert_eq!(&grouped.glossary, &all.glossary);
            let again = merge(all.glossary.clone(), &reviews, OnConflict::Fail).unwrap();
            proptest::prop_assert_eq!(&again.glossary, &all.glossary, "merging twice changes nothing");
            proptest::prop_assert_eq!(again.edits, 0);
            // Every edit is there; entries nobody touched are unchanged.
            for (i, change) in scripts.iter().flatten() {
                let e = &all.glossary.entries[*i];
                let before = &base.entries[*i];
                match change {
                    Change::Status(s) => proptest::prop_assert_eq!(e.status, *s),
                    Change::Note(n) => proptest::prop_assert_eq!(&e.note, n),
                    Change::Kind(k) => proptest::prop_assert_eq!(&e.kind, k),
                    Change::Extra(v) => proptest::prop_assert_eq!(crate::columns::extra_cell(e, "checked_by"), v.as_str()),
                    Change::Prefer(k) => {
                        if let Some(r) = before.renderings.get(*k) {
                            proptest::prop_assert_eq!(&e.preferred().form, &r.form);
                        }
                    }
                    Change::Forbid(k) => {
                        if let Some(r) = before.renderings.get(*k) {
                            let now = e.renderings.iter().find(|x| x.form == r.form).unwrap();
                            proptest::prop_assert_eq!(now.status, TermStatus::Forbidden);
                        }
                    }
                    Change::AddForm(f) => proptest::prop_assert!(e.renderings.iter().any(|r| &r.form == f)),
                }
            }
            let touched: Vec<usize> = scripts.iter().flatten().map(|(i, _)| *i).collect();
            for (i, e) in all.glossary.entries.iter().enumerate() {
                if !touched.contains(&i) {
                    proptest::prop_assert_eq!(e, &base.entries[i]);
                }
            }
        }
    }
}
