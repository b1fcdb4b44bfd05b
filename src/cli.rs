//! Command-line arguments (clap derive) and their conversion into library
//! configurations. Only the binary uses this module.

use clap::{Args, Parser, Subcommand, ValueEnum};
use nazir::align::AlignConfig;
use nazir::export::{Direction, Profile, TbxVersion};
use nazir::glossary::{EntryStatus, GlossaryFilter};
use nazir::pipeline::BuildConfig;
use std::path::PathBuf;

/// Build Arabic–English glossaries of foreign names from Arabic news.
#[derive(Parser, Debug)]
#[command(name = "nazir", version, about, max_term_width = 100)]
#[command(after_help = "Exit codes: 0 success; 1 some inputs could not be read (the rest was processed); \
2 usage error or fatal error (nothing written).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read a batch of articles and write the glossary as CSV (or, with --partial, a shard's statistics).
    #[command(
        after_help = "Examples:\n  nazir build articles/ -o glossary.csv\n  nazir build articles/ -o review.xlsx\n  nazir build next-week/ --glossary master.xlsx -o review2.xlsx\n  nazir build news.jsonl --english names.txt --no-default-gazetteer"
    )]
    Build(BuildArgs),
    /// Sharded runs, step 1: write the candidates a shard of the batch supplies (Latin names, English phrases).
    #[command(
        after_help = "Examples:\n  nazir scan --root batch/ batch/2024-01/*.jsonl -o s1.cands\n  nazir scan --list-files batch/"
    )]
    Scan(ScanArgs),
    /// Sharded runs, step 3: merge the partial files of all shards into the glossary.
    #[command(after_help = "Example:\n  nazir merge-partials s1.part s2.part -o glossary.csv")]
    MergePartials(MergePartialsArgs),
    /// Rank English candidates for each Arabic term (one per line) by the scorer.
    #[command(after_help = "Example:\n  echo غوغل | nazir match --against names.txt --explain")]
    Match(MatchArgs),
    /// Guess the English spelling of Arabic names no list gives (top-k guesses as CSV: ar,rank,en,score,source).
    #[command(
        after_help = "Examples:\n  nazir transliterate بيليغريني فينغر\n  nazir transliterate - < names.txt -o guesses.csv --top-k 1\n\nsource is `known` (a name list has this Arabic spelling), `name-part` (a known name that sounds alike) or `generated` (spelled by the letter model alone); score is the guess's share of the probability of all spellings considered."
    )]
    Transliterate(TransliterateArgs),
    /// Show the normalized form and phonetic key of terms (for debugging).
    #[command(after_help = "Example:\n  nazir romanize غوغل Google CNN")]
    Romanize(RomanizeArgs),
    /// Fold reviewed sheets (CSV or XLSX) into a master glossary.
    #[command(
        after_help = "Examples:\n  nazir merge master.xlsx review-huda.xlsx review-omar.xlsx -o master.xlsx\n  nazir merge master.csv reviewed.csv -o master.csv --on-conflict theirs"
    )]
    Merge(MergeArgs),
    /// Write a glossary for a translator's tool (TBX, OmegaT, DeepL, Google, MultiTerm) or as a review workbook.
    #[command(
        after_help = "Examples:\n  nazir export master.xlsx --to tbx -o glossary.tbx\n  nazir export master.xlsx --to deepl --direction en-ar -o glossary.tsv\n  nazir export master.xlsx --to omegat -o -"
    )]
    Export(ExportArgs),
    /// Check an existing export file against a tool's rules.
    #[command(after_help = "Example:\n  nazir validate glossary.tsv --profile deepl")]
    Validate(ValidateArgs),
    /// Check Arabic texts against a glossary: forbidden or non-preferred variants, inconsistent spellings.
    #[command(after_help = "Example:\n  nazir check --glossary master.xlsx drafts/ -o findings.csv")]
    Check(CheckArgs),
}

/// Output formats of `build`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// The glossary CSV.
    Csv,
    /// The review workbook (sheets `glossary` and `variants`).
    Xlsx,
}

impl From<OutputFormat> for nazir::review::OutputFormat {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Csv => nazir::review::OutputFormat::Csv,
            OutputFormat::Xlsx => nazir::review::OutputFormat::Xlsx,
        }
    }
}

/// `--on-conflict` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictPolicy {
    /// Keep the master's value.
    Keep,
    /// Take the value of the review given last.
    Theirs,
    /// Report the conflicts and write nothing.
    Fail,
}

impl From<ConflictPolicy> for nazir::merge::OnConflict {
    fn from(p: ConflictPolicy) -> Self {
        match p {
            ConflictPolicy::Keep => nazir::merge::OnConflict::Keep,
            ConflictPolicy::Theirs => nazir::merge::OnConflict::Theirs,
            ConflictPolicy::Fail => nazir::merge::OnConflict::Fail,
        }
    }
}

/// `--profile` values: the tools whose files nazir writes and checks.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileArg {
    /// TBX-Basic, for CAT tools.
    Tbx,
    /// OmegaT's TAB glossary.
    #[value(name = "omegat")]
    OmegaT,
    /// A DeepL glossary (TSV).
    #[value(name = "deepl")]
    DeepL,
    /// A Google Cloud Translation unidirectional glossary (TSV).
    #[value(alias = "google-uni")]
    Google,
    /// A Google Cloud Translation equivalent-term-sets glossary (CSV).
    GoogleEts,
    /// XLSX for Trados's Glossary Converter (MultiTerm).
    #[value(name = "multiterm")]
    MultiTerm,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Tbx => Profile::Tbx,
            ProfileArg::OmegaT => Profile::OmegaT,
            ProfileArg::DeepL => Profile::DeepL,
            ProfileArg::Google => Profile::Google,
            ProfileArg::GoogleEts => Profile::GoogleEts,
            ProfileArg::MultiTerm => Profile::MultiTerm,
        }
    }
}

/// `export --to` values: a tool's file ([`ProfileArg`], listed once), or
/// the review workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportTarget {
    /// A translators' tool's file.
    Tool(ProfileArg),
    /// The review workbook (sheets `glossary` and `variants`).
    ReviewXlsx,
}

impl ValueEnum for ExportTarget {
    fn value_variants<'a>() -> &'a [Self] {
        use ProfileArg::*;
        &[
            ExportTarget::Tool(Tbx),
            ExportTarget::Tool(OmegaT),
            ExportTarget::Tool(DeepL),
            ExportTarget::Tool(Google),
            ExportTarget::Tool(GoogleEts),
            ExportTarget::Tool(MultiTerm),
            ExportTarget::ReviewXlsx,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            ExportTarget::Tool(tool) => tool.to_possible_value(),
            ExportTarget::ReviewXlsx => Some(
                clap::builder::PossibleValue::new("review-xlsx")
                    .help("The review workbook (sheets `glossary` and `variants`)"),
            ),
        }
    }
}

impl ExportTarget {
    /// The tool's profile; `None` for the review workbook, which is not a
    /// tool's file.
    pub fn profile(self) -> Option<Profile> {
        match self {
            ExportTarget::Tool(tool) => Some(tool.into()),
            ExportTarget::ReviewXlsx => None,
        }
    }
}

/// `--include` values: the statuses that may join the approved entries.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeStatus {
    /// Entries nobody has reviewed yet.
    Candidate,
    /// Approved entries (always exported).
    Approved,
    /// Forbidden entries (only TBX writes them, as deprecated terms).
    Forbidden,
}

impl From<IncludeStatus> for EntryStatus {
    fn from(s: IncludeStatus) -> Self {
        match s {
            IncludeStatus::Candidate => EntryStatus::Candidate,
            IncludeStatus::Approved => EntryStatus::Approved,
            IncludeStatus::Forbidden => EntryStatus::Forbidden,
        }
    }
}

/// `--direction` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectionArg {
    /// Arabic source, English target.
    ArEn,
    /// English source, Arabic target.
    EnAr,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::ArEn => Direction::ArEn,
            DirectionArg::EnAr => Direction::EnAr,
        }
    }
}

/// `--tbx-version` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TbxVersionArg {
    /// TBX v2 (`martif`, ISO 30042:2008), what most CAT tools import.
    #[value(name = "2", alias = "v2")]
    V2,
    /// TBX v3 (ISO 30042:2019).
    #[value(name = "3", alias = "v3")]
    V3,
}

impl From<TbxVersionArg> for TbxVersion {
    fn from(v: TbxVersionArg) -> Self {
        match v {
            TbxVersionArg::V2 => TbxVersion::V2,
            TbxVersionArg::V3 => TbxVersion::V3,
        }
    }
}

/// The inputs of `build` and `scan`.
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Articles: .txt (one article), .jsonl (one per line: id, text, en), .tmx, NAME.ar with NAME.en (line
    /// pairs), directories of these, or - for stdin.
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    pub inputs: Vec<PathBuf>,
    /// Also read the input paths listed in FILE, one per line (- for stdin), after the INPUTs.
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub files_from: Option<PathBuf>,
    /// File names in --files-from (and from scan --list-files) end with a NUL byte instead of a line end, so
    /// that any name, with line breaks or in any encoding, goes through.
    #[arg(short = '0', long, help_heading = "Inputs")]
    pub null: bool,
    /// Key and name articles relative to DIR, as `nazir build DIR` would: every input must lie under DIR
    /// (lets each shard of a sharded run name its own files).
    #[arg(long, value_name = "DIR", help_heading = "Sharding")]
    pub root: Option<PathBuf>,
    /// Stop at the first bad input instead of reporting it and going on.
    #[arg(long, help_heading = "Inputs")]
    pub strict: bool,
}

impl InputArgs {
    /// The INPUTs followed by the paths of `--files-from`.
    pub fn paths(&self) -> anyhow::Result<Vec<PathBuf>> {
        use anyhow::Context;
        let mut paths = self.inputs.clone();
        if let Some(list) = &self.files_from {
            let bytes = if list.as_os_str() == "-" {
                anyhow::ensure!(
                    !self.inputs.iter().any(|p| p.as_os_str() == "-"),
                    "stdin cannot be both an input (-) and the --files-from list"
                );
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                    .context("reading the --files-from list on stdin")?;
                bytes
            } else {
                std::fs::read(list).with_context(|| format!("reading the list {}", list.display()))?
            };
            for name in nazir::input::parse_file_list(&bytes, self.null) {
                let name = name.with_context(|| format!("{}: a name is not UTF-8", list.display()))?;
                anyhow::ensure!(
                    name.as_os_str() != "-",
                    "{}: `-` (stdin) cannot be listed in --files-from",
                    list.display()
                );
                paths.push(name);
            }
        }
        Ok(paths)
    }
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write this shard's statistics (a partial file for `merge-partials`) instead of a glossary.
    #[arg(
        long,
        help_heading = "Sharding",
        conflicts_with_all = ["format", "excel", "association", "glossary", "min_count", "force"]
    )]
    pub partial: bool,
    /// Align against these candidates (`nazir scan` output of the whole batch, repeatable) instead of scanning
    /// the inputs for Latin names and English phrases.
    #[arg(long = "candidates", value_name = "CANDS", help_heading = "Sharding")]
    pub candidates: Vec<PathBuf>,
    #[command(flatten, next_help_heading = "Output")]
    pub glossary_output: GlossaryOutputArgs,
    /// English candidate terms, one per line (repeatable).
    #[arg(long = "english", value_name = "FILE", help_heading = "Candidates")]
    pub english: Vec<PathBuf>,
    /// Extra gazetteer CSV with `en,ar` columns (`variants`, `kind` optional; repeatable).
    #[arg(long = "gazetteer", value_name = "FILE", help_heading = "Candidates")]
    pub gazetteer: Vec<PathBuf>,
    /// Do not use the gazetteer shipped with nazir.
    #[arg(long, help_heading = "Candidates")]
    pub no_default_gazetteer: bool,
    /// Lowest alignment score for a span to be kept.
    #[arg(long, value_name = "SCORE", default_value_t = AlignConfig::default().min_score, help_heading = "Alignment")]
    pub min_score: f32,
    /// Also guess the English of foreign-looking names nothing matches (method `guess`, score = confidence, kept whatever --min-score).
    #[arg(long, help_heading = "Alignment")]
    pub guess: bool,
    /// Drop entries seen fewer times in the batch.
    #[arg(long, value_name = "N", default_value_t = 1, help_heading = "Output")]
    pub min_count: usize,
    /// No progress display.
    #[arg(short, long)]
    pub quiet: bool,
    /// Threads for alignment, 1 to 256 (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Alignment")]
    pub threads: Option<u16>,
}

/// How a glossary is written (`build`, `merge-partials`).
#[derive(Args, Debug)]
pub struct GlossaryOutputArgs {
    /// Write the glossary here instead of stdout (atomically; - is stdout); `.xlsx` gives the review workbook.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A master glossary (CSV or XLSX) whose review decisions hold for this batch.
    #[arg(long, value_name = "MASTER")]
    pub glossary: Option<PathBuf>,
    /// With --glossary: also write the master's entries this batch does not have (with counts of 0).
    #[arg(long, requires = "glossary")]
    pub keep_master_rows: bool,
    /// Overwrite an output glossary even if a reviewer has filled in its status column.
    #[arg(long)]
    pub force: bool,
    /// Output format (default: from the output's extension, else csv).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Add a UTF-8 BOM and CRLF line ends so Excel shows Arabic correctly.
    #[arg(long)]
    pub excel: bool,
    /// Add `assoc_dice` and `assoc_llr` columns: how closely each entry's Arabic and English co-occur in parallel units.
    #[arg(long)]
    pub association: bool,
}

/// The alignment configuration for `--min-score`.
pub fn align_config(min_score: f32) -> anyhow::Result<AlignConfig> {
    anyhow::ensure!((0.0..=1.0).contains(&min_score), "--min-score must be between 0 and 1");
    let defaults = AlignConfig::default();
    Ok(AlignConfig {
        min_score,
        // Short spans keep their stricter bar, raised with --min-score.
        short_min_score: defaults.short_min_score.max(min_score),
        ..defaults
    })
}

impl BuildArgs {
    /// The library configuration these arguments stand for.
    pub fn to_config(&self) -> anyhow::Result<BuildConfig> {
        Ok(BuildConfig {
            inputs: self.input.paths()?,
            root: self.input.root.clone(),
            candidate_files: self.candidates.clone(),
            english_lists: self.english.clone(),
            gazetteers: self.gazetteer.clone(),
            default_gazetteer: !self.no_default_gazetteer,
            strict: self.input.strict,
            align: AlignConfig { guess: self.guess, ..align_config(self.min_score)? },
            filter: GlossaryFilter { min_score: self.min_score, min_count: self.min_count },
            threads: self.threads.map_or(0, usize::from),
        })
    }
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the candidates file here instead of stdout (atomically; - is stdout).
    #[arg(short, long, value_name = "CANDS")]
    pub output: Option<PathBuf>,
    /// Only print the input files the INPUTs stand for, one per line (to split a batch into shards).
    #[arg(long)]
    pub list_files: bool,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

impl ScanArgs {
    /// The library configuration of the scan.
    pub fn to_config(&self) -> anyhow::Result<BuildConfig> {
        Ok(BuildConfig {
            inputs: self.input.paths()?,
            root: self.input.root.clone(),
            strict: self.input.strict,
            ..BuildConfig::default()
        })
    }
}

#[derive(Args, Debug)]
pub struct MergePartialsArgs {
    /// Partial files (`build --partial` output), in any order; - is stdin.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    #[command(flatten, next_help_heading = "Output")]
    pub glossary_output: GlossaryOutputArgs,
    /// Lowest score kept: must be the --min-score the parts were built with (default: theirs).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f32>,
    /// Drop entries seen fewer times in the whole batch.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: usize,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct MatchArgs {
    /// English candidates, one per line.
    #[arg(long, value_name = "EN.txt")]
    pub against: PathBuf,
    /// Arabic terms, one per line (default: stdin).
    #[arg(value_name = "AR.txt", default_value = "-")]
    pub terms: PathBuf,
    /// Candidates listed per term, 1 to 1000.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub top_k: u16,
    /// Add the two keys and the edit operations.
    #[arg(long)]
    pub explain: bool,
    /// Write the CSV here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The master glossary (CSV or XLSX); it may not exist yet when -o does not either (or with --new).
    #[arg(value_name = "MASTER")]
    pub master: PathBuf,
    /// Start a new master although -o names an existing file (which is kept as a backup).
    #[arg(long)]
    pub new: bool,
    /// Reviewed sheets (CSV or XLSX), applied in this order.
    #[arg(required = true, value_name = "REVIEWED")]
    pub reviewed: Vec<PathBuf>,
    /// Where the merged master goes (the previous file is kept as NAME.bak.EXT, older backups as NAME.bak-N.EXT).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// What to do when two reviews edit the same cell differently.
    #[arg(long, value_enum, default_value = "fail")]
    pub on_conflict: ConflictPolicy,
    /// No summary on stderr (errors and conflicts are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The glossary (CSV or XLSX).
    #[arg(value_name = "GLOSSARY")]
    pub glossary: PathBuf,
    /// Target: a tool's file, or the review workbook (case ignored).
    #[arg(long = "to", value_name = "PROFILE", value_enum, ignore_case = true)]
    pub to: ExportTarget,
    /// Output file (atomically), or - for stdout (text formats only).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Also export entries with this status (repeatable; approved entries always go).
    #[arg(long, value_name = "STATUS", value_enum, ignore_case = true)]
    pub include: Vec<IncludeStatus>,
    /// Source and target language of two-column targets.
    #[arg(long, default_value = "ar-en", value_name = "DIRECTION", value_enum, ignore_case = true)]
    pub direction: DirectionArg,
    /// TBX flavour.
    #[arg(long, default_value = "2", value_name = "VERSION", value_enum, ignore_case = true)]
    pub tbx_version: TbxVersionArg,
    /// Leave forbidden entries and renderings out of TBX too (for OmegaT, which ignores their status).
    #[arg(long)]
    pub no_forbidden: bool,
    /// Replace an output that is, or cannot be told from, a reviewed glossary (a backup is kept).
    #[arg(long)]
    pub force: bool,
    /// No summary on stderr (errors and conflicts are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

impl ExportArgs {
    /// The library's export options, for a tool profile.
    pub fn options(&self, profile: Profile) -> nazir::export::ExportOptions {
        let mut options = nazir::export::ExportOptions::new(profile);
        for &status in &self.include {
            let status = status.into();
            if !options.include.contains(&status) {
                options.include.push(status);
            }
        }
        options.direction = self.direction.into();
        options.tbx_version = self.tbx_version.into();
        options.omit_forbidden = self.no_forbidden;
        options
    }
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The file to check.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The tool whose rules apply (case ignored).
    #[arg(long, value_name = "PROFILE", value_enum, ignore_case = true)]
    pub profile: ProfileArg,
    /// No summary on stderr (errors and conflicts are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The glossary (CSV or XLSX with at least `en` and `ar`).
    #[arg(long, value_name = "GLOSSARY")]
    pub glossary: PathBuf,
    /// Arabic texts: files, directories, or - for stdin (.txt, .jsonl).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Write the findings here instead of stdout (never over the glossary or an input).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an output that is, or cannot be told from, a reviewed glossary (a backup is kept).
    #[arg(long)]
    pub force: bool,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct TransliterateArgs {
    /// Arabic names; `-` (or nothing) reads one per line from stdin.
    #[arg(value_name = "TERM")]
    pub terms: Vec<String>,
    /// Guesses listed per name, 1 to 100.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub top_k: u16,
    /// Spell with the letter model alone, without the known names.
    #[arg(long)]
    pub letters_only: bool,
    /// Write the CSV here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RomanizeArgs {
    /// Arabic or English terms.
    #[arg(required = true)]
    pub terms: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command line spells every value as the library names it.
    #[test]
    fn values_are_the_library_names() {
        for p in ProfileArg::value_variants() {
            let value = p.to_possible_value().unwrap();
            assert_eq!(value.get_name(), Profile::from(*p).name());
            assert_eq!(Profile::parse(value.get_name()), Some(Profile::from(*p)));
        }
        for t in ExportTarget::value_variants() {
            let value = t.to_possible_value().unwrap();
            match t.profile() {
                Some(p) => assert_eq!(value.get_name(), p.name()),
                None => assert_eq!(value.get_name(), "review-xlsx"),
            }
        }
        assert_eq!(ExportTarget::value_variants().len(), Profile::ALL.len() + 1);
        assert_eq!(ProfileArg::value_variants().len(), Profile::ALL.len());
        for d in DirectionArg::value_variants() {
            assert_eq!(d.to_possible_value().unwrap().get_name(), Direction::from(*d).as_str());
        }
        for v in TbxVersionArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(name.parse::<TbxVersion>(), Ok(TbxVersion::from(*v)));
        }
        for s in IncludeStatus::value_variants() {
            assert_eq!(s.to_possible_value().unwrap().get_name(), EntryStatus::from(*s).as_str());
        }
    }

    /// The spellings accepted before these options were typed still are.
    #[test]
    fn old_spellings_still_parse() {
        let export = |args: &[&str]| {
            let mut argv = vec!["nazir", "export", "g.csv", "-o", "out"];
            argv.extend_from_slice(args);
            match Cli::try_parse_from(argv).map(|c| c.command) {
                Ok(Command::Export(a)) => a,
                other => panic!("{args:?}: {other:?}"),
            }
        };
        let a =
            export(&["--to", "Google-Uni", "--include", "CANDIDATE", "--direction", "EN-AR", "--tbx-version", "V3"]);
        assert_eq!(a.to, ExportTarget::Tool(ProfileArg::Google));
        assert_eq!(a.include, [IncludeStatus::Candidate]);
        assert_eq!(a.direction, DirectionArg::EnAr);
        assert_eq!(a.tbx_version, TbxVersionArg::V3);
        let a = export(&["--to", "review-xlsx"]);
        assert_eq!((a.to.profile(), a.direction, a.tbx_version), (None, DirectionArg::ArEn, TbxVersionArg::V2));
        assert_eq!(export(&["--to", "OmegaT", "--tbx-version", "v2"]).to, ExportTarget::Tool(ProfileArg::OmegaT));
        assert!(Cli::try_parse_from(["nazir", "export", "g.csv", "-o", "o", "--to", "excel"]).is_err());
        assert!(
            Cli::try_parse_from(["nazir", "export", "g.csv", "-o", "o", "--to", "tbx", "--include", "rejected"])
                .is_err()
        );
        match Cli::try_parse_from(["nazir", "validate", "f.tsv", "--profile", "Google-ETS"]).map(|c| c.command) {
            Ok(Command::Validate(v)) => assert_eq!(Profile::from(v.profile), Profile::GoogleEts),
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["nazir", "validate", "f.xlsx", "--profile", "review-xlsx"]).is_err());
    }
}
