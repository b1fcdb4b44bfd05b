//! Writing glossaries: the CSV that `nazir build` writes, and the files of
//! translators' tools ([`profile`]).
//!
//! The CSV glossary has a fixed header (`CSV_HEADER`, the columns
//! `crate::columns::BUILD_CSV` describes); `--excel` adds a UTF-8
//! byte-order mark and CRLF line ends so that Excel shows Arabic correctly,
//! and guards cells that Excel would evaluate as formulas. Every output is
//! written atomically ([`crate::output`]), so a failed run leaves nothing
//! half-written.
//!
//! The build CSV writer stays here rather than next to the column
//! descriptions: what its columns hold is [`crate::columns`]' business, but
//! the file is an export like the others (a one-way summary with its own
//! Excel options, never the layout a review comes back in), and keeping it
//! here keeps `columns` free of file formats. `export` uses neither
//! [`crate::review`] nor [`crate::merge`]: whether an output holds review
//! work is for `review` to say.

pub mod multiterm;
pub mod profile;
pub mod tabular;
pub mod tbx;
pub mod tbx_rules;
pub mod validate;
pub mod xml;

pub use profile::{Direction, ExportOptions, ExportReport, Profile, TbxVersion};
pub use tbx::{XCS_FILE_NAME, xcs};
pub use validate::{Problem, validate};

#[cfg(test)]
use crate::columns::names;
use crate::columns::{ASSOCIATION, BUILD_CSV, Column, Row};
use crate::error::Result;
use crate::glossary::{Entry, EntryStatus, Glossary};
use crate::output::write_atomically;
use profile::usable_arabic;
use std::io::Write;
use std::path::Path;

/// The glossary CSV columns, in order ([`BUILD_CSV`]), for the tests.
#[cfg(test)]
pub(crate) const CSV_HEADER: [&str; 11] = names(BUILD_CSV);

/// How the CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// BOM, CRLF and formula guarding, for spreadsheets.
    pub excel: bool,
    /// Append the association columns (`crate::columns::ASSOCIATION`; only meaningful for parallel batches).
    pub association: bool,
}

/// Excel evaluates cells that start with these characters.
fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) { format!("'{cell}").into() } else { cell.into() }
}

/// Writes the glossary as CSV to `out`: the header of [`BUILD_CSV`] (and
/// [`ASSOCIATION`] on request), each entry as [`Row::Summary`].
pub(crate) fn write_csv<W: Write>(glossary: &Glossary, mut out: W, options: CsvOptions) -> std::io::Result<()> {
    if options.excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(if options.excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
        .from_writer(out);
    let mut columns: Vec<Column> = BUILD_CSV.to_vec();
    if options.association {
        columns.extend(ASSOCIATION);
    }
    w.write_record(columns.iter().map(|c| c.name()))?;
    for e in &glossary.entries {
        let cells: Vec<_> = columns.iter().map(|c| c.cell(Row::Summary(e))).collect();
        if options.excel {
            w.write_record(cells.iter().map(|c| guard_formula(c)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
        } else {
            w.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
    }
    w.flush()
}

/// Writes the entries of `glossary` that `options` selects to `out`.
///
/// Terms a tool would reject (for DeepL: a duplicate source, a control
/// character, more than 1024 bytes) are refused with an `Error::Export`
/// naming the entry and its line, and then nothing is written.
pub fn export(glossary: &Glossary, options: &ExportOptions, out: &mut dyn Write) -> Result<ExportReport> {
    let entries: Vec<&Entry> = glossary.entries.iter().filter(|e| selected(e, options)).collect();
    let lines = match options.profile {
        Profile::Tbx => tbx::write_tbx(&entries, options, out)?,
        Profile::OmegaT => tabular::write_omegat(&entries, options.direction, out)?,
        Profile::DeepL => tabular::write_deepl(&entries, options.direction, out)?,
        Profile::Google => tabular::write_google(&entries, options.direction, out)?,
        Profile::GoogleEts => tabular::write_google_ets(&entries, out)?,
        Profile::MultiTerm => multiterm::write_multiterm(&entries, out)?,
    };
    Ok(ExportReport { entries: entries.len(), lines, skipped_by_status: glossary.entries.len() - entries.len() })
}

/// [`export`] to a file, replaced atomically once the whole export has
/// succeeded (a refused export leaves an existing file as it was).
///
/// A TBX v2 file names its constraint specification, which the TBX Checker
/// looks for beside it: the XCS ([`tbx::xcs`]) is written (atomically, and
/// replaced if present) to [`xcs_path`] first, so the two always go
/// together.
pub fn export_to_file(glossary: &Glossary, options: &ExportOptions, path: &Path) -> Result<ExportReport> {
    let mut bytes = Vec::new();
    let report = export(glossary, options, &mut bytes)?;
    if let Some(xcs) = xcs_path(options, path) {
        write_atomically(&xcs, |w| w.write_all(tbx::xcs().as_bytes()))?;
    }
    write_atomically(path, |w| w.write_all(&bytes))?;
    Ok(report)
}

/// Where [`export_to_file`] writes the XCS of a TBX v2 export to `path`
/// (beside it, named [`tbx::XCS_FILE_NAME`]); `None` for the other
/// profiles and TBX v3, which has no XCS.
pub fn xcs_path(options: &ExportOptions, path: &Path) -> Option<std::path::PathBuf> {
    (options.profile == Profile::Tbx && options.tbx_version == TbxVersion::V2)
        .then(|| path.with_file_name(tbx::XCS_FILE_NAME))
}

/// Whether `entry` goes out under `options` (see the module documentation).
fn selected(entry: &Entry, options: &ExportOptions) -> bool {
    let tbx = options.profile == Profile::Tbx;
    let by_status = match entry.status {
        EntryStatus::Rejected => false,
        EntryStatus::Forbidden => tbx && !options.omit_forbidden,
        status => options.include.contains(&status),
    };
    let all_renderings = tbx && !options.omit_forbidden;
    by_status && if all_renderings { !entry.renderings.is_empty() } else { usable_arabic(entry).next().is_some() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Glossary {
        Glossary::default()
    }

    #[test]
    fn header_and_excel_bytes() {
        let mut plain = Vec::new();
        write_csv(&sample(), &mut plain, CsvOptions::default()).unwrap();
        assert_eq!(String::from_utf8(plain).unwrap(), format!("{}\n", CSV_HEADER.join(",")));
        let mut excel = Vec::new();
        write_csv(&sample(), &mut excel, CsvOptions { excel: true, association: false }).unwrap();
        assert!(excel.starts_with(b"\xEF\xBB\xBFen,ar,"));
        assert!(excel.ends_with(b"status\r\n"));
        assert_eq!(guard_formula("=1+1"), "'=1+1");
        assert_eq!(guard_formula("جوجل"), "جوجل");
    }

    #[test]
    fn association_columns_on_request() {
        use crate::align::Method;
        use crate::glossary::{Entry, Rendering, TermStatus};
        let mut e = Entry::new(
            "White House",
            Rendering::new("البيت الأبيض", 3, Method::Translation, 1.0, TermStatus::Preferred),
        );
        e.association = Some(crate::associate::Association { cooc: 3, dice: 1.0, llr: 7.64 });
        let g = Glossary { entries: vec![e] };
        let mut out = Vec::new();
        write_csv(&g, &mut out, CsvOptions { excel: false, association: true }).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(&format!("{},assoc_dice,assoc_llr\n", CSV_HEADER.join(","))), "{text}");
        assert!(text.contains(",translation,") && text.trim_end().ends_with(",1.000,7.6"), "{text}");
        let mut plain = Vec::new();
        write_csv(&g, &mut plain, CsvOptions::default()).unwrap();
        assert!(String::from_utf8(plain).unwrap().starts_with(&format!("{}\n", CSV_HEADER.join(","))));
    }
}
