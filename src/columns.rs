//! The columns of glossary files: one description per column, and the
//! layouts that put them in order.
//!
//! Every column nazir writes or reads in a glossary file is a [`Column`],
//! described once in this module: its name in headers, its width and cell
//! style in the review workbook, and how its cell shows an [`Entry`] (or
//! one of its renderings). The files are *layouts*, lists of columns:
//!
//! * `BUILD_CSV` (then `ASSOCIATION` on request): what `nazir build`
//!   writes, a summary of each entry;
//! * `GLOSSARY_SHEET` and `VARIANTS_SHEET`: the two sheets of the review
//!   workbook;
//! * `MASTER_CSV`: the `glossary` sheet plus the variants' statuses, so
//!   that one CSV holds everything the workbook does.
//!
//! The writers (`crate::export::write_csv`, [`crate::review`]) walk a
//! layout and ask each column for its cell; the readers
//! ([`crate::review`], [`crate::merge`]) look columns up by
//! [`Column::parse`], and treat any other header as a column of the
//! reviewer's own. This module sits below `export` and `review`, which both
//! use it, and knows nothing of files.

use crate::glossary::{Entry, EntryStatus, Glossary, Rendering};
use std::borrow::Cow;

/// Separator of list cells (`variants`, `en_variants`, `variant_status`).
pub(crate) const LIST_SEPARATOR: char = '|';

/// How a column's cells look in the review workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Left-to-right text.
    Text,
    /// Left-to-right text that wraps (notes, lists of sources).
    Wrap,
    /// Arabic: right-to-left and right-aligned.
    RightToLeft,
    /// Arabic that wraps (context snippets).
    RightToLeftWrap,
    /// A number shown with this many decimals.
    Number {
        /// Digits after the decimal point.
        decimals: usize,
    },
}

impl Style {
    /// Whether the column holds Arabic, so that cells a reviewer types into
    /// it later should be right-to-left too.
    pub(crate) fn right_to_left(self) -> bool {
        matches!(self, Style::RightToLeft | Style::RightToLeftWrap)
    }
}

/// What the workbook and the readers need to know about one column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnSpec {
    /// The header, as written (read back case-insensitively).
    pub name: &'static str,
    /// Width in the review workbook, in characters.
    pub width: f64,
    /// Cell style in the review workbook.
    pub style: Style,
}

/// Declares [`Column`], [`Column::ALL`] and [`Column::spec`] from one table,
/// so that a column cannot be added to one and forgotten in another.
macro_rules! columns {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, width $width:literal, $style:expr;)*) => {
        /// A column of a glossary file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Column {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Column {
            /// Every column, in declaration order.
            pub const ALL: &'static [Column] = &[$(Column::$variant),*];

            /// The column's description.
            pub const fn spec(self) -> ColumnSpec {
                match self {
                    $(Column::$variant => ColumnSpec { name: $name, width: $width, style: $style },)*
                }
            }
        }
    };
}

columns! {
    /// Stable entry id (see [`crate::glossary::entry_id`]).
    Id = "id", width 16.0, Style::Text;
    /// The entry's review status.
    Status = "status", width 12.0, Style::Text;
    /// English term.
    En = "en", width 24.0, Style::Text;
    /// Preferred Arabic rendering (on the variants sheet: the rendering).
    Ar = "ar", width 24.0, Style::RightToLeft;
    /// The other Arabic renderings, `|`-separated.
    Variants = "variants", width 30.0, Style::RightToLeft;
    /// Entity kind.
    Kind = "kind", width 12.0, Style::Text;
    /// Alignment score.
    Score = "score", width 8.0, Style::Number { decimals: 3 };
    /// Times seen (on the variants sheet: times the rendering was seen).
    Count = "count", width 8.0, Style::Number { decimals: 0 };
    /// Articles seen in.
    Docs = "docs", width 8.0, Style::Number { decimals: 0 };
    /// How the preferred rendering was found.
    Method = "method", width 15.0, Style::Text;
    /// The reviewer's note.
    Note = "note", width 30.0, Style::Wrap;
    /// Context snippets, one per line.
    Context = "context", width 60.0, Style::RightToLeftWrap;
    /// Where each context snippet comes from, one per line.
    Source = "source", width 22.0, Style::Wrap;
    /// Other English spellings, `|`-separated.
    EnVariants = "en_variants", width 24.0, Style::Text;
    /// Statuses of the renderings: of the variants, `|`-separated in the
    /// order of `variants` (on the variants sheet: of the rendering).
    VariantStatus = "variant_status", width 15.0, Style::Text;
    /// Dice coefficient of the entry's Arabic and English in parallel units.
    AssocDice = "assoc_dice", width 8.0, Style::Number { decimals: 3 };
    /// Log-likelihood ratio of the same.
    AssocLlr = "assoc_llr", width 8.0, Style::Number { decimals: 1 };
    /// Times each variant was seen, `|`-separated in the order of
    /// `variants` (the master CSV, which has no variants sheet).
    VariantCount = "variant_count", width 12.0, Style::Text;
    /// The cells a reviewer may edit, as nazir wrote them (JSON): the base
    /// a three-way merge tells edits from untouched cells by.
    Base = "base", width 12.0, Style::Text;
}

/// The columns of the CSV that `nazir build` writes, in order.
pub(crate) const BUILD_CSV: [Column; 11] = [
    Column::En,
    Column::Ar,
    Column::Variants,
    Column::Score,
    Column::Count,
    Column::Docs,
    Column::Method,
    Column::Kind,
    Column::Context,
    Column::Source,
    Column::Status,
];

/// Columns added after [`BUILD_CSV`] on request (`--association`).
pub(crate) const ASSOCIATION: [Column; 2] = [Column::AssocDice, Column::AssocLlr];

/// The columns of the review workbook's `glossary` sheet, in order (the
/// reviewer's own columns follow).
pub(crate) const GLOSSARY_SHEET: [Column; 14] = [
    Column::Id,
    Column::Status,
    Column::En,
    Column::Ar,
    Column::Variants,
    Column::Kind,
    Column::Score,
    Column::Count,
    Column::Docs,
    Column::Method,
    Column::Note,
    Column::Context,
    Column::Source,
    Column::EnVariants,
];

/// The columns of the review workbook's `variants` sheet, in order.
pub(crate) const VARIANTS_SHEET: [Column; 5] =
    [Column::Id, Column::En, Column::Ar, Column::Count, Column::VariantStatus];

/// The columns of the master CSV: the `glossary` sheet's, then the
/// variants' statuses and counts (the reviewer's own columns and the base
/// follow).
pub(crate) const MASTER_CSV: [Column; 16] = {
    let mut out = [Column::VariantStatus; 16];
    let mut i = 0;
    while i < GLOSSARY_SHEET.len() {
        out[i] = GLOSSARY_SHEET[i];
        i += 1;
    }
    out[15] = Column::VariantCount;
    out
};

/// The hidden sheet of a review workbook that holds its base: the cells a
/// reviewer may edit, as nazir wrote them (see `crate::review::Review`).
pub const BASE_SHEET: &str = "_base";

/// The cells of an entry a reviewer may edit (the reviewer's own columns
/// follow): what the base of a review file holds, as the workbook's hidden
/// base sheet and as the JSON of a CSV's `base` cells.
pub(crate) const BASE_CELLS: [Column; 9] = [
    Column::Id,
    Column::Status,
    Column::En,
    Column::Ar,
    Column::Variants,
    Column::Kind,
    Column::Note,
    Column::EnVariants,
    Column::VariantStatus,
];

/// The header names of a layout.
pub const fn names<const N: usize>(layout: [Column; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = layout[i].spec().name;
        i += 1;
    }
    out
}

/// What one row of a glossary file shows.
#[derive(Debug, Clone, Copy)]
pub enum Row<'e> {
    /// An entry with everything the model holds (the `glossary` sheet, the
    /// master CSV).
    Entry(&'e Entry),
    /// An entry as the build CSV summarizes it: its first context only, and
    /// no status for a candidate (a fresh build has nothing but
    /// candidates, which would only crowd the column).
    Summary(&'e Entry),
    /// One Arabic rendering of an entry (the `variants` sheet).
    Rendering(&'e Entry, &'e Rendering),
}

impl<'e> Row<'e> {
    fn entry(self) -> &'e Entry {
        match self {
            Row::Entry(e) | Row::Summary(e) | Row::Rendering(e, _) => e,
        }
    }
}

/// Items joined into a list cell.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut cell = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            cell.push(LIST_SEPARATOR);
        }
        cell.push_str(item);
    }
    cell
}

/// A figure as the number its text shows, so that `0.93` written with
/// three decimals reads back as `0.93` and not as the nearest `f32`.
fn shown(value: f32, decimals: usize) -> Option<f64> {
    if !value.is_finite() {
        return None;
    }
    format!("{value:.decimals$}").parse().ok()
}

impl Column {
    /// The header name.
    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    /// The column a header names (case and surrounding space ignored), or
    /// `None` for a column of the reviewer's own.
    pub fn parse(header: &str) -> Option<Column> {
        let header = header.trim();
        Self::ALL.iter().copied().find(|c| c.name().eq_ignore_ascii_case(header))
    }

    /// The cell of `row` in this column, as text (numbers with the decimals
    /// of their [`Style`]).
    pub fn cell(self, row: Row<'_>) -> Cow<'_, str> {
        match (self, row) {
            (Column::Status, Row::Summary(e)) if e.status == EntryStatus::Candidate => "".into(),
            (Column::Context, Row::Summary(e)) => e.context().into(),
            (Column::Source, Row::Summary(e)) => e.source().into(),
            (Column::Ar, Row::Rendering(_, r)) => r.form.as_str().into(),
            (Column::Count, Row::Rendering(_, r)) => r.count.to_string().into(),
            (Column::VariantStatus, Row::Rendering(_, r)) => r.status.as_str().into(),
            _ => self.entry_cell(row.entry()),
        }
    }

    /// The cell of an entry with everything the model holds.
    fn entry_cell(self, e: &Entry) -> Cow<'_, str> {
        let association = |figure: fn(&crate::associate::Association) -> f32, decimals: usize| {
            e.association.as_ref().map_or(String::new(), |a| format!("{:.decimals$}", figure(a)))
        };
        match self {
            Column::Id => e.id.as_str().into(),
            Column::Status => e.status.as_str().into(),
            Column::En => e.en.as_str().into(),
            Column::Ar => e.preferred().form.as_str().into(),
            Column::Variants => list(e.variants().map(|r| r.form.as_str())).into(),
            Column::Kind => e.kind.as_str().into(),
            Column::Score => format!("{:.3}", e.score).into(),
            Column::Count => e.count.to_string().into(),
            Column::Docs => e.docs.to_string().into(),
            Column::Method => e.method().as_str().into(),
            Column::Note => e.note.as_str().into(),
            Column::Context => e.contexts.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\n").into(),
            Column::Source => e.contexts.iter().map(|c| c.source.as_str()).collect::<Vec<_>>().join("\n").into(),
            Column::EnVariants => list(e.en_variants.iter().map(String::as_str)).into(),
            Column::VariantStatus => list(e.variants().map(|r| r.status.as_str())).into(),
            Column::AssocDice => association(|a| a.dice, 3).into(),
            Column::AssocLlr => association(|a| a.llr, 1).into(),
            Column::VariantCount => {
                list(e.variants().map(|r| r.count.to_string()).collect::<Vec<_>>().iter().map(String::as_str)).into()
            }
            Column::Base => base_json(e).into(),
        }
    }

    /// The value of a [`Style::Number`] cell, as shown (`None` for other
    /// columns, and for a figure that is missing or not finite).
    pub fn number(self, row: Row<'_>) -> Option<f64> {
        let e = row.entry();
        match (self, row) {
            (Column::Count, Row::Rendering(_, r)) => Some(r.count as f64),
            (Column::Count, _) => Some(e.count as f64),
            (Column::Docs, _) => Some(e.docs as f64),
            (Column::Score, _) => shown(e.score, 3),
            (Column::AssocDice, _) => e.association.as_ref().and_then(|a| shown(a.dice, 3)),
            (Column::AssocLlr, _) => e.association.as_ref().and_then(|a| shown(a.llr, 1)),
            _ => None,
        }
    }
}

/// The JSON object of an entry's [`BASE_CELLS`] and extra cells, as a
/// CSV row's `base` cell holds them.
fn base_json(e: &Entry) -> String {
    let mut cells = serde_json::Map::new();
    for column in BASE_CELLS {
        cells.insert(column.name().to_string(), column.entry_cell(e).into_owned().into());
    }
    for (name, value) in &e.extra {
        if !name.trim().is_empty() && !is_known(name) {
            cells.insert(name.clone(), value.clone().into());
        }
    }
    serde_json::Value::Object(cells).to_string()
}

/// Reads a `base` cell back: header → value, in the order written (`None`
/// when the cell is not such an object).
pub(crate) fn parse_base(cell: &str) -> Option<Vec<(String, String)>> {
    let value: serde_json::Value = serde_json::from_str(cell).ok()?;
    let object = value.as_object()?;
    Some(object.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
}

/// Whether nazir reads this column into the model (otherwise its cells are
/// kept as a reviewer's extra cells).
pub(crate) fn is_known(column: &str) -> bool {
    Column::parse(column).is_some()
}

/// The union of the entries' extra column names, in first-seen order
/// (empty names and names of known columns, which would shadow them, left
/// out).
pub(crate) fn extra_columns(glossary: &Glossary) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for e in &glossary.entries {
        for (name, _) in &e.extra {
            if !name.trim().is_empty() && !is_known(name) && !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
}

/// The value of an entry's extra column (empty when it has none).
pub(crate) fn extra_cell<'e>(e: &'e Entry, name: &str) -> &'e str {
    e.extra.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{google, reviewed_glossary};

    #[test]
    fn names_are_unique_and_parse_back() {
        for (i, c) in Column::ALL.iter().enumerate() {
            assert_eq!(Column::parse(c.name()), Some(*c));
            assert_eq!(Column::parse(&format!(" {} ", c.name().to_uppercase())), Some(*c));
            assert!(!Column::ALL[..i].iter().any(|d| d.name() == c.name()), "{c:?}");
        }
        assert_eq!(Column::parse("reviewer"), None);
        assert_eq!(names(MASTER_CSV)[..14], names(GLOSSARY_SHEET));
        assert_eq!(MASTER_CSV[14], Column::VariantStatus);
    }

    #[test]
    fn cells_of_each_row_kind() {
        // The build CSV (summary rows) leaves a candidate's status blank,
        // and shows a reviewer's decision.
        let candidate = &reviewed_glossary().entries[2];
        assert_eq!(candidate.status, EntryStatus::Candidate);
        assert_eq!(Column::Status.cell(Row::Summary(candidate)), "");
        assert_eq!(Column::Status.cell(Row::Entry(candidate)), "candidate");
        let e = google();
        assert_eq!(Column::Status.cell(Row::Summary(&e)), "approved");
        assert_eq!(Column::Status.cell(Row::Entry(&e)), "approved");
        assert_eq!(Column::Context.cell(Row::Summary(&e)), "قال جوجل اليوم");
        assert_eq!(Column::Source.cell(Row::Entry(&e)), "a.txt:1\nb.txt:4");
        assert_eq!(Column::Variants.cell(Row::Entry(&e)), "غوغل|قوقل");
        assert_eq!(Column::VariantStatus.cell(Row::Entry(&e)), "admitted|forbidden");
        assert_eq!(Column::EnVariants.cell(Row::Entry(&e)), "Google LLC|Alphabet");
        assert_eq!(Column::Score.cell(Row::Entry(&e)), "0.930");
        assert_eq!(Column::Score.number(Row::Entry(&e)), Some(0.93));
        assert_eq!(Column::AssocDice.cell(Row::Entry(&e)), "");
        assert_eq!(Column::AssocDice.number(Row::Entry(&e)), None);
        let r = &e.renderings[2];
        assert_eq!(Column::Ar.cell(Row::Rendering(&e, r)), "قوقل");
        assert_eq!(Column::VariantStatus.cell(Row::Rendering(&e, r)), "forbidden");
        assert_eq!(Column::Count.number(Row::Rendering(&e, r)), Some(1.0));
        assert_eq!(Column::Count.number(Row::Entry(&e)), Some(9.0));
        assert_eq!(Column::En.cell(Row::Rendering(&e, r)), "Google");
        assert_eq!(Column::Note.number(Row::Entry(&e)), None);
    }
}
