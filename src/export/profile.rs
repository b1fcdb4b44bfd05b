//! Export profiles: which translators' tool a glossary is written for and
//! which entries go out (the one entry point, [`super::export`], runs the
//! profile's writer).
//!
//! A [`Profile`] is the exact file one tool imports (`docs/formats.md` §7):
//! TBX-Basic for CAT tools, OmegaT's TAB glossary, DeepL's and Google's
//! glossaries, Google's equivalent term sets, and the XLSX that Trados's
//! Glossary Converter turns into a MultiTerm termbase. This module decides
//! *what* is exported; the writers (`tbx`, `tabular`, `multiterm`) decide
//! only *how*:
//!
//! - an entry goes out when its status is in [`ExportOptions::include`]
//!   (by default only `approved`);
//! - a `rejected` entry never does: the pair is wrong;
//! - a `forbidden` entry goes out only in TBX, as deprecated terms: it is a
//!   reviewer's decision like an approval, and a termbase is where a CAT
//!   tool's QA looks for terms not to use. Every line of the other profiles
//!   is a pair to use, so there it would teach the tool the wrong thing;
//! - forbidden renderings likewise appear only in TBX, so an entry left
//!   without a usable Arabic rendering is skipped by the other profiles;
//! - [`ExportOptions::omit_forbidden`] leaves both out of TBX too, for tools
//!   that read a termbase without its statuses (OmegaT); an entry left
//!   without a usable Arabic rendering is then skipped there as well.
//!
//! Writers check every term before they write, so a refused glossary leaves
//! `out` untouched; [`super::export_to_file`] also replaces the file atomically.

use crate::error::Error;
use crate::glossary::{Entry, EntryStatus, Rendering, TermStatus};
use std::fmt;
use std::str::FromStr;

/// The tool an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// TBX-Basic (v2 `martif` or v3 `tbx`), for CAT tools.
    Tbx,
    /// OmegaT's glossary: `source<TAB>target<TAB>comment`.
    OmegaT,
    /// A DeepL glossary: `source<TAB>target`, unique sources.
    DeepL,
    /// A Google Cloud Translation unidirectional glossary (TSV, no header).
    Google,
    /// A Google Cloud Translation equivalent-term-sets glossary (CSV).
    GoogleEts,
    /// XLSX for Glossary Converter (Trados MultiTerm).
    MultiTerm,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 6] =
        [Profile::Tbx, Profile::OmegaT, Profile::DeepL, Profile::Google, Profile::GoogleEts, Profile::MultiTerm];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Tbx => "tbx",
            Profile::OmegaT => "omegat",
            Profile::DeepL => "deepl",
            Profile::Google => "google",
            Profile::GoogleEts => "google-ets",
            Profile::MultiTerm => "multiterm",
        }
    }

    /// Reads a profile name (case ignored; `google-uni` is `google`).
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("google-uni") {
            return Some(Profile::Google);
        }
        Self::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Profile::Tbx => "tbx",
            // OmegaT reads `.utf8` as UTF-8 whatever the system locale.
            Profile::OmegaT => "utf8",
            Profile::DeepL | Profile::Google => "tsv",
            Profile::GoogleEts => "csv",
            Profile::MultiTerm => "xlsx",
        }
    }

    /// Whether the file has a source and a target side, so that
    /// [`Direction`] applies. TBX, equivalent term sets and the MultiTerm
    /// sheet serve both directions, and ignore it.
    pub fn directional(self) -> bool {
        matches!(self, Profile::OmegaT | Profile::DeepL | Profile::Google)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Self::parse(s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|p| p.name()).collect();
            format!("unknown export profile {s:?}; expected one of {}", names.join(", "))
        })
    }
}

/// Which language is the source of a directional profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Arabic source, English target.
    #[default]
    ArEn,
    /// English source, Arabic target.
    EnAr,
}

impl Direction {
    /// `ar-en` or `en-ar`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ArEn => "ar-en",
            Direction::EnAr => "en-ar",
        }
    }
}

impl FromStr for Direction {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        [Direction::ArEn, Direction::EnAr]
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown direction {s:?}; expected ar-en or en-ar"))
    }
}

/// The TBX flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TbxVersion {
    /// ISO 30042:2008, the `martif` form most CAT tools import.
    #[default]
    V2,
    /// ISO 30042:2019, `tbx`/`conceptEntry`/`langSec`/`termSec`.
    V3,
}

impl FromStr for TbxVersion {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().trim_start_matches(['v', 'V']) {
            "2" => Ok(TbxVersion::V2),
            "3" => Ok(TbxVersion::V3),
            _ => Err(format!("unknown TBX version {s:?}; expected 2 or 3")),
        }
    }
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The target tool.
    pub profile: Profile,
    /// Source and target, for [directional](Profile::directional) profiles.
    pub direction: Direction,
    /// Entry statuses to export (`rejected` is ignored here, and `forbidden`
    /// matters to no profile: see the module documentation).
    pub include: Vec<EntryStatus>,
    /// The TBX flavour, for [`Profile::Tbx`].
    pub tbx_version: TbxVersion,
    /// Leave forbidden entries and forbidden renderings out of a TBX file
    /// (the intended command-line flag is `--no-forbidden`). TBX is the one
    /// profile that carries them, as deprecated terms for QA; OmegaT's TBX
    /// reader ignores the status and would offer them as translations, so a
    /// termbase for OmegaT should be exported with this set. The other
    /// profiles never carry forbidden terms, set or not.
    pub omit_forbidden: bool,
}

impl ExportOptions {
    /// Approved entries, Arabic source, TBX v2.
    pub fn new(profile: Profile) -> Self {
        ExportOptions {
            profile,
            direction: Direction::default(),
            include: vec![EntryStatus::Approved],
            tbx_version: TbxVersion::default(),
            omit_forbidden: false,
        }
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self::new(Profile::Tbx)
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportReport {
    /// Entries exported.
    pub entries: usize,
    /// Records written: pairs (TSV), rows (CSV, XLSX; headers not counted)
    /// or terms (TBX).
    pub lines: usize,
    /// Entries left out because of their status, or because none of their
    /// Arabic renderings may be used.
    pub skipped_by_status: usize,
}

/// The Arabic renderings a tool may use: all but the forbidden ones,
/// preferred first.
pub(super) fn usable_arabic(entry: &Entry) -> impl Iterator<Item = &Rendering> {
    entry.renderings.iter().filter(|r| r.status != TermStatus::Forbidden)
}

/// The English spellings: the term, then its variants.
pub(super) fn english(entry: &Entry) -> impl Iterator<Item = &str> {
    std::iter::once(entry.en.as_str()).chain(entry.en_variants.iter().map(String::as_str))
}

/// The entity kind and the reviewer's note, for a comment or description.
pub(super) fn describe(entry: &Entry) -> String {
    [entry.kind.trim(), entry.note.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ")
}

/// An entry as messages name it: its English term and id.
pub(super) fn name_entry(entry: &Entry) -> String {
    format!("{:?} ({})", entry.en, entry.id)
}

/// Refuses an export.
pub(super) fn refuse(profile: Profile, line: Option<usize>, reason: String) -> Error {
    Error::Export { profile: profile.name().into(), line, reason }
}

/// A failed write to the output.
pub(super) fn write_failed(profile: Profile, e: impl fmt::Display) -> Error {
    refuse(profile, None, format!("writing failed: {e}"))
}

/// Glossaries shared by the export tests.
#[cfg(test)]
pub(super) mod fixtures {
    use crate::align::Method;
    use crate::glossary::{Context, Entry, EntryStatus, Glossary, Rendering, TermStatus};

    /// An entry with `status` whose renderings are `(form, status)`, the
    /// first one preferred.
    pub fn entry(en: &str, status: EntryStatus, renderings: &[(&str, TermStatus)]) -> Entry {
        let rendering = |(form, st): &(&str, TermStatus)| Rendering::new(form, 1, Method::Transliteration, 0.9, *st);
        let mut e = Entry::new(en, rendering(&renderings[0]));
        e.renderings.extend(renderings[1..].iter().map(rendering));
        e.status = status;
        e
    }

    /// Two approved entries (one with a forbidden rendering, one with an
    /// English variant), then a candidate, a rejected and a forbidden one.
    pub fn sample() -> Glossary {
        use EntryStatus::*;
        use TermStatus::{Admitted, Forbidden as No, Preferred};
        let mut google = entry("Google", Approved, &[("جوجل", Preferred), ("غوغل", Admitted), ("قوقل", No)]);
        google.kind = "organization".into();
        google.note = "search engine".into();
        google.contexts.push(Context { text: "قال جوجل إن".into(), source: "a.txt:3".into() });
        let mut mbs = entry("Mohammed bin Salman", Approved, &[("محمد بن سلمان", Preferred)]);
        mbs.kind = "person".into();
        mbs.en_variants.push("Muhammad bin Salman".into());
        let meta = entry("Meta", Candidate, &[("ميتا", Preferred)]);
        let gogoro = entry("Gogoro", Rejected, &[("جوجورو", Preferred)]);
        let qooqle = entry("Qooqle", Forbidden, &[("كوكل", Preferred)]);
        Glossary { entries: vec![google, mbs, meta, gogoro, qooqle] }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{entry, sample};
    use super::*;
    use crate::export::{export, export_to_file};
    use crate::glossary::Glossary;

    fn run(glossary: &Glossary, options: &ExportOptions) -> (ExportReport, String) {
        let mut out = Vec::new();
        let report = export(glossary, options, &mut out).unwrap();
        (report, String::from_utf8(out).unwrap())
    }

    #[test]
    fn names_parse_both_ways() {
        for p in Profile::ALL {
            assert_eq!(p.name().parse::<Profile>(), Ok(p));
        }
        assert_eq!(Profile::parse("Google-Uni"), Some(Profile::Google));
        assert!("excel".parse::<Profile>().unwrap_err().contains("google-ets"));
        assert_eq!("EN-AR".parse::<Direction>(), Ok(Direction::EnAr));
        assert_eq!("3".parse::<TbxVersion>(), Ok(TbxVersion::V3));
        assert!("4".parse::<TbxVersion>().is_err());
    }

    #[test]
    fn approved_by_default_and_include_widens() {
        let g = sample();
        let (report, text) = run(&g, &ExportOptions::new(Profile::Google));
        assert_eq!(report, ExportReport { entries: 2, lines: 3, skipped_by_status: 3 });
        assert!(!text.contains("ميتا"));
        let mut options = ExportOptions::new(Profile::Google);
        options.include = vec![EntryStatus::Approved, EntryStatus::Candidate, EntryStatus::Rejected];
        let (report, text) = run(&g, &options);
        assert_eq!((report.entries, report.skipped_by_status), (3, 2));
        assert!(text.contains("ميتا\tMeta\n"));
        assert!(!text.contains("Gogoro"), "rejected is never exported");
        options.include.push(EntryStatus::Forbidden);
        assert!(!run(&g, &options).1.contains("Qooqle"), "forbidden is never a usable pair");
    }

    #[test]
    fn forbidden_entries_only_in_tbx() {
        let g = sample();
        for p in Profile::ALL {
            let mut out = Vec::new();
            let report = export(&g, &ExportOptions::new(p), &mut out).unwrap();
            assert_eq!(report.entries, if p == Profile::Tbx { 3 } else { 2 }, "{p}");
        }
        // An entry whose every rendering is forbidden has no usable pair.
        let none = Glossary { entries: vec![entry("X", EntryStatus::Approved, &[("إكس", TermStatus::Forbidden)])] };
        let (report, text) = run(&none, &ExportOptions::new(Profile::OmegaT));
        assert_eq!((report.entries, report.skipped_by_status, text.as_str()), (0, 1, ""));
    }

    #[test]
    fn files_are_replaced_only_on_success() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.tsv");
        let report = export_to_file(&sample(), &ExportOptions::new(Profile::DeepL), &path).unwrap();
        assert_eq!(report.lines, 3);
        let before = std::fs::read(&path).unwrap();
        let mut bad = sample();
        bad.entries[1].renderings[0].form = "جوجل".into();
        let err = export_to_file(&bad, &ExportOptions::new(Profile::DeepL), &path).unwrap_err();
        assert!(matches!(err, Error::Export { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
