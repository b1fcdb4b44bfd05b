//! Writing glossaries: the CSV that `nazir build` writes, and the files of
//! translators' tools ([`profile`]).
//!
//! The CSV glossary has a fixed header (`CSV_HEADER`, the columns
//! `crate::columns::BUILD_CSV` describes). It is a file for people, opened
//! in spreadsheets, and its cells hold names taken from texts anyone may
//! have written, so every cell a spreadsheet would evaluate as a formula
//! is guarded with a leading `'`, always: a cell that starts with `=`,
//! `+`, `-`, `@`, TAB or CR, unless it is a plain number or that one
//! character alone (`crate::table::guard_formula`; reading a CSV as a
//! glossary undoes exactly this guard, so `-ism` written as `'-ism` reads
//! back as `-ism`). `--excel` adds a UTF-8 byte-order mark and CRLF line
//! ends so that Excel shows Arabic correctly. Every output is written
//! atomically ([`crate::output`]), so a failed run leaves nothing
//! half-written.
//!
//! The build CSV writer stays here rather than next to the column
//! descriptions: what its columns hold is [`crate::columns`]' business, but
//! the file is an export like the others (a one-way summary with its own
//! Excel options, never the layout a review comes back in), and keeping it
//! here keeps `columns` free of file formats. `export` uses neither
//! [`crate::review`] nor [`crate::merge`]: whether an output holds review
//! work is for `review` to say.
//!
//! # The tools' rules, and where each comes from
//!
//! The writers ([`tbx`], [`tabular`], [`multiterm`]) produce files these
//! rules accept, and [`validate()`] (with [`tbx_rules`] for TBX, reading XML
//! with [`xml`]) checks any file against them, naming the line:
//!
//! | profile | rule | source |
//! |---|---|---|
//! | tbx | well-formed XML; root `martif` (v2) or `tbx` (v3) | XML 1.0; ISO 30042 |
//! | tbx v2 | element order and allowed elements: `martif(martifHeader, text)`, `termEntry(auxInfo*, langSet+)`, `langSet(auxInfo*, tig+)`, `tig(term, termNote*, auxInfo*)`, no `ntig`/`adminGrp`/`termNoteGrp`; `body` holds `termEntry+` | `TBXBasiccoreStructV02.dtd` (TBX-Basic package, LTAC/BYU TRG, `byutrg/TBX-Basic-Package`) |
//! | tbx v3 | element order and allowed elements: `tbx(tbxHeader, text)`, `fileDesc(publicationStmt?, titleStmt?, sourceDesc)`, `conceptEntry(auxInfo*, langSec+)`, `termSec(term, (termNote\|termNoteGrp)*, auxInfo*)`; `text` may be empty | `TBXcoreStructV03.rng` (`LTAC-Global/TBX_Core_RNG`) |
//! | tbx | required attributes: `type` on `termNote`, `descrip`, `admin`, `ref`, `transac`, `transacNote`; `xml:lang` on `langSet`/`langSec` and the root; `target` on `xref`; v3: `id` on `conceptEntry`, `style` on `tbx` | the DTD and the RNG above |
//! | tbx | every `id` an XML name (NCName) and unique in the file | XML `ID` type in both schemas; XML 1.0 (5th ed.) productions 4–5, Namespaces in XML `NCName` |
//! | tbx v3 | `type="TBX-Basic"`, `style="dca"`, every element in `urn:iso:std:iso:30042:ed-2` | `DCA/TBX-Basic_DCA.sch` (`LTAC-Global/TBX-Basic_dialect`) |
//! | tbx | data categories: termNote `administrativeStatus`, `geographicalUsage`, `grammaticalGender`, `partOfSpeech`, `termLocation`, `termType`; descrip `context` (term level), `definition` (entry or language level), `subjectField` (entry level); admin `customerSubset`, `projectSubset`, `source`; ref `crossReference`; xref `externalCrossReference`, `xGraphic`; transac `transactionType`; transacNote `responsibility` | `TBXBasicXCSV02.xcs` (v2); `TBX-Basic_DCA.sch` (v3) |
//! | tbx | picklists: `administrativeStatus` (`preferredTerm-admn-sts`, `admittedTerm-admn-sts`, `deprecatedTerm-admn-sts`, `supersededTerm-admn-sts`); `partOfSpeech` v2 `noun verb adjective adverb properNoun other`, v3 `adjective noun other verb adverb`; `grammaticalGender`; `termType`; `transactionType` | the same two files |
//! | tbx v2 | XML declaration and `<!DOCTYPE martif …>` present; an XCS named by `<p type="XCSURI">` (or `DCSName`), found beside the file; every `langSet` language declared in it (the standard XCS declares `en fr de`, nazir's `ar en`) | TBX Checker 1.2.9 (`byutrg/TBX-Checker`, `share/tbxcheck-1_2_9.jar`: its messages "No XML Declaration", "missing a DOCTYPE declaration", "XCS unspecified", "XCS file '%s' not found", `InvalidLanguageException`; `XCSContent` "unsupported") |
//! | omegat | a line whose first character is `#` is a comment (so OmegaT's `# … -*- coding: utf-8 -*-` first line is fine, and a term `#MeToo` at line start is lost); a leading BOM is skipped; lines split at LF, CR LF or CR; fields split at TAB (trailing empty fields dropped) and trimmed; fewer than two fields or an empty source: the line is skipped; fields after the third ignored | `GlossaryReaderTSV.read` (`omegat-org/omegat`, `src/main/java/org/omegat/gui/glossary/GlossaryReaderTSV.java`) |
//! | omegat (TBX) | reads only v2 `martif` (JAXB `Martif`), ignores `administrativeStatus` (a term note becomes comment text) | `GlossaryReaderTBX.java` (same repository) |
//! | deepl | empty lines skipped, a whitespace-only line refused; exactly one TAB (after trimming the line); terms trimmed, not empty, no C0/C1 control character, U+2028 or U+2029; no source twice; at least one entry | `deepl/util.py` `convert_tsv_to_dict`, `validate_glossary_term` (`DeepLcom/deepl-python`); `src/GlossaryUtils.php` `fromTsv`, `validateGlossaryTerm` (`DeepLcom/deepl-php`) |
//! | deepl | at most 1024 UTF-8 bytes per term; no BOM (the clients would keep it in the first term) | <https://developers.deepl.com/docs/api-reference/glossaries>; the clients above |
//! | google | two columns, TAB-separated, or comma-separated when the file is `.csv`; no header row | `GlossaryInputConfig` ("File format is determined based on the filename extension", "TSV/CSV (.tsv/.csv): 2 column file, tab- or comma-separated", "must not contain headers"), <https://cloud.google.com/python/docs/reference/translate/latest/google.cloud.translate_v3beta1.types.GlossaryInputConfig> |
//! | google-ets | a header of language codes, each once, with at most one `pos` and one `description` column; two languages or more; a term in every row; blank rows ignored | Translator Toolkit glossary format, <https://support.google.com/translate/toolkit/answer/147854>; two languages: a glossary translates between two |
//! | multiterm | XLSX whose first row has `Arabic` and `English` | Glossary Converter, <http://cerebus.de/glossaryconverter/help/Excel.html> |

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
use crate::glossary::{Entry, EntryStatus, Glossary, TermStatus};
use crate::output::write_atomically;
use crate::table::guard_formula;
use profile::usable_arabic;
use std::io::Write;
use std::path::Path;

/// The glossary CSV columns, in order ([`BUILD_CSV`]), for the tests.
#[cfg(test)]
pub(crate) const CSV_HEADER: [&str; 11] = names(BUILD_CSV);

/// How the CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// BOM and CRLF, for Excel (formulas are guarded either way).
    pub excel: bool,
    /// Append the association columns (`crate::columns::ASSOCIATION`; only meaningful for parallel batches).
    pub association: bool,
}

/// Writes the glossary as CSV to `out`: the header of [`BUILD_CSV`] (and
/// [`ASSOCIATION`] on request), each entry as [`Row::Summary`], every
/// cell guarded against formulas (see the module documentation).
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
    // Decisions a master brought in (notes, English variants, the status of
    // each variant) survive in the CSV as in the workbook.
    let reviewed = |e: &Entry| {
        !e.note.is_empty() || !e.en_variants.is_empty() || e.variants().any(|r| r.status != TermStatus::Admitted)
    };
    if glossary.entries.iter().any(reviewed) {
        columns.extend([Column::Note, Column::EnVariants, Column::VariantStatus]);
    }
    let extra = crate::columns::extra_columns(glossary);
    let header = columns.iter().map(|c| c.name()).chain(extra.iter().copied()).chain([Column::Base.name()]);
    w.write_record(header)?;
    for e in &glossary.entries {
        let cells: Vec<_> = columns
            .iter()
            .map(|c| c.cell(Row::Summary(e)))
            .chain(extra.iter().map(|name| crate::columns::extra_cell(e, name).into()))
            .chain([Column::Base.cell(Row::Summary(e))])
            .collect();
        w.write_record(cells.iter().map(|c| guard_formula(c)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
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

/// [`export`] to `path`, or to stdout when it is `-` (a workbook profile
/// needs a file).
pub fn export_to(glossary: &Glossary, options: &ExportOptions, path: &Path) -> Result<ExportReport> {
    if crate::output::file_or_stdout(Some(path)).is_some() {
        return export_to_file(glossary, options, path);
    }
    if options.profile == Profile::MultiTerm {
        return Err(crate::error::Error::Config {
            option: "output".into(),
            reason: "the MultiTerm export is a workbook: give -o FILE.xlsx".into(),
        });
    }
    let mut bytes = Vec::new();
    let report = export(glossary, options, &mut bytes)?;
    crate::output::emit(None, |w| w.write_all(&bytes))?;
    Ok(report)
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
        assert_eq!(String::from_utf8(plain).unwrap(), format!("{},base\n", CSV_HEADER.join(",")));
        let mut excel = Vec::new();
        write_csv(&sample(), &mut excel, CsvOptions { excel: true, association: false }).unwrap();
        assert!(excel.starts_with(b"\xEF\xBB\xBFen,ar,"));
        assert!(excel.ends_with(b"status,base\r\n"));
    }

    #[test]
    fn cells_are_guarded_against_formulas_with_or_without_excel() {
        use crate::align::Method;
        use crate::glossary::{Entry, Rendering, TermStatus};
        let e = Entry::new("-ism", Rendering::new("=HYPERLINK(1)", 3, Method::Translation, 1.0, TermStatus::Preferred));
        let g = Glossary { entries: vec![e] };
        for excel in [false, true] {
            let mut out = Vec::new();
            write_csv(&g, &mut out, CsvOptions { excel, association: false }).unwrap();
            let text = String::from_utf8(out).unwrap();
            let row = text.lines().nth(1).unwrap();
            assert!(row.starts_with("'-ism,'=HYPERLINK(1),"), "{row}");
            assert!(row.contains(",3,") && !row.contains("'3"), "numbers are not guarded: {row}");
        }
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
        assert!(text.starts_with(&format!("{},assoc_dice,assoc_llr,base\n", CSV_HEADER.join(","))), "{text}");
        assert!(text.contains(",translation,") && text.contains(",1.000,7.6,"), "{text}");
        let mut plain = Vec::new();
        write_csv(&g, &mut plain, CsvOptions::default()).unwrap();
        assert!(String::from_utf8(plain).unwrap().starts_with(&format!("{},base\n", CSV_HEADER.join(","))));
    }
}
