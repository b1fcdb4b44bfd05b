//! The `nazir` binary: parses arguments, calls the library, reports errors
//! and picks the exit code (0 success, 1 bad inputs skipped, 2 usage or
//! fatal error).

mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{BuildArgs, Cli, Command, GlossaryOutputArgs, MatchArgs, MergePartialsArgs, RomanizeArgs, ScanArgs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nazir::export::{CsvOptions, write_csv};
use nazir::glossary::{Glossary, GlossaryFilter};
use nazir::output::{check_output_path, write_atomically};
use nazir::pipeline::{Progress, build, build_stats, scan};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Scan(args) => run_scan(&args),
        Command::MergePartials(args) => run_merge_partials(&args),
        Command::Match(args) => run_match(&args),
        Command::Romanize(args) => run_romanize(&args),
        Command::Merge(args) => run_merge(&args),
        Command::Export(args) => run_export(&args),
        Command::Validate(args) => run_validate(&args),
        Command::Check(args) => run_check(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("nazir: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos}/{len} articles [{elapsed}]").expect("valid template"),
    );
    bar
}

/// `-o -` means stdout, like no `-o`.
fn output_path(output: Option<&std::path::Path>) -> Option<&std::path::Path> {
    nazir::output::file_or_stdout(output)
}

/// Writes to `--output` atomically, or to stdout.
fn emit(
    path: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match output_path(path) {
        Some(p) => write_atomically(p, |w| write(w))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}

fn on_progress(bar: &ProgressBar) -> impl FnMut(Progress) + '_ {
    move |p: Progress| match p {
        Progress::Scanning(n) => {
            bar.set_message("scanning");
            bar.set_position(n as u64);
            bar.set_length(n as u64);
        }
        Progress::Aligning(done, total) => {
            bar.set_message("aligning");
            bar.set_length(total.max(done) as u64);
            bar.set_position(done as u64);
        }
    }
}

/// Where and how a glossary is written, checked before any work.
struct GlossaryOutput<'a> {
    output: Option<&'a std::path::Path>,
    args: &'a GlossaryOutputArgs,
    master: Option<nazir::glossary::Glossary>,
    quiet: bool,
}

impl<'a> GlossaryOutput<'a> {
    /// Checks the output path (and that it is not a reviewed glossary
    /// unless `force`) and reads the master glossary, before any work.
    fn prepare(args: &'a GlossaryOutputArgs, quiet: bool) -> anyhow::Result<Self> {
        let output = output_path(args.output.as_deref());
        if let Some(out) = output {
            check_output_path(out)?;
            if !args.force {
                nazir::review::ensure_not_reviewed(out)?;
            }
        }
        let master = args
            .glossary
            .as_deref()
            .map(|p| {
                nazir::review::read_glossary(p).with_context(|| format!("reading the master glossary {}", p.display()))
            })
            .transpose()?;
        Ok(GlossaryOutput { output, args, master, quiet })
    }

    /// Applies the master, if any, and writes the glossary; returns it.
    fn write(self, mut glossary: Glossary) -> anyhow::Result<Glossary> {
        if let Some(master) = &self.master {
            let (applied, report) = nazir::merge::apply_master(master, glossary);
            glossary = applied;
            if !self.quiet {
                eprintln!(
                    "nazir: master applied: {} new entries, {} new spellings of known entries, {} rejected renderings not suggested",
                    report.new_entries, report.new_spellings, report.rejected_dropped
                );
            }
        }
        let xlsx = match self.args.format {
            Some(f) => f == cli::OutputFormat::Xlsx,
            None => self.output.is_some_and(nazir::table::is_xlsx),
        };
        if xlsx {
            let path = self.output.context("the review workbook needs an output file (-o FILE.xlsx)")?;
            nazir::review::workbook::write_review_xlsx(&glossary, path)?;
        } else {
            let options = CsvOptions { excel: self.args.excel, association: self.args.association };
            emit(self.output, |w| write_csv(&glossary, w, options))?;
        }
        Ok(glossary)
    }
}

fn skipped(problems: &[nazir::error::InputProblem]) -> String {
    if problems.is_empty() { String::new() } else { format!(", {} inputs skipped", problems.len()) }
}

/// Reports the inputs a run skipped.
fn report_skipped(problems: &[nazir::error::InputProblem]) {
    for p in problems {
        eprintln!("nazir: skipped {p}");
    }
}

/// Prints a run's summary (unless quiet) and picks its exit code: 1 when
/// inputs were skipped.
fn finish_run(quiet: bool, summary: std::fmt::Arguments<'_>, problems: &[nazir::error::InputProblem]) -> ExitCode {
    if !quiet {
        eprintln!("nazir: {summary}{}", skipped(problems));
    }
    if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn run_build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let config = args.to_config()?;
    if args.partial {
        return run_build_partial(args, &config);
    }
    let out = GlossaryOutput::prepare(&args.glossary_output, args.quiet)?;
    let bar = progress_bar(args.quiet);
    let mut output = build(&config, &mut on_progress(&bar))?;
    bar.finish_and_clear();
    report_skipped(&output.problems);
    output.glossary = out.write(std::mem::take(&mut output.glossary))?;
    Ok(finish_run(
        args.quiet,
        format_args!(
            "{} articles, {} candidates, {} glossary entries",
            output.articles,
            output.candidates,
            output.glossary.entries.len()
        ),
        &output.problems,
    ))
}

/// `build --partial`: the shard's statistics instead of a glossary.
fn run_build_partial(args: &BuildArgs, config: &nazir::pipeline::BuildConfig) -> anyhow::Result<ExitCode> {
    if let Some(out) = output_path(args.glossary_output.output.as_deref()) {
        check_output_path(out)?;
    }
    let bar = progress_bar(args.quiet);
    let output = build_stats(config, &mut on_progress(&bar))?;
    bar.finish_and_clear();
    report_skipped(&output.problems);
    emit(args.glossary_output.output.as_deref(), |w| nazir::partial::write_partial(&output.stats, w))?;
    Ok(finish_run(
        args.quiet,
        format_args!(
            "{} articles, {} candidates, {} terms in the partial file",
            output.articles,
            output.candidates,
            output.stats.terms.len()
        ),
        &output.problems,
    ))
}

fn run_scan(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let inputs = args.input.paths()?;
    let root = args.input.root.as_deref();
    if args.list_files {
        let files = nazir::input::input_files(&inputs, root)?;
        emit(args.output.as_deref(), |w| {
            for f in &files {
                writeln!(w, "{}", f.path.display())?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(out) = output_path(args.output.as_deref()) {
        check_output_path(out)?;
    }
    let config = nazir::pipeline::BuildConfig {
        inputs,
        root: root.map(std::path::Path::to_path_buf),
        strict: args.input.strict,
        ..Default::default()
    };
    let bar = progress_bar(args.quiet);
    let output = scan(&config, &mut on_progress(&bar))?;
    bar.finish_and_clear();
    report_skipped(&output.problems);
    emit(args.output.as_deref(), |w| nazir::partial::write_candidates(&output.found, w))?;
    Ok(finish_run(
        args.quiet,
        format_args!("{} articles, {} candidate spellings", output.articles, output.found.len()),
        &output.problems,
    ))
}

fn run_merge_partials(args: &MergePartialsArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.parts.iter().filter(|p| p.as_os_str() == "-").count() <= 1,
        "stdin (-) can be given only once"
    );
    let out = GlossaryOutput::prepare(&args.glossary_output, args.quiet)?;
    let stats = nazir::partial::read_partial_files(&args.parts)?;
    let built_with = stats.settings.align.min_score;
    if let Some(s) = args.min_score {
        anyhow::ensure!(
            s == built_with,
            "--min-score {s} differs from the {built_with} the parts were built with: alignment depends on it, so \
             give it to `nazir build --partial` (or leave it out here)"
        );
    }
    let articles = stats.articles;
    let glossary = stats.finish(GlossaryFilter { min_score: built_with, min_count: args.min_count });
    let glossary = out.write(glossary)?;
    if !args.quiet {
        eprintln!(
            "nazir: merged {} partial files: {articles} articles, {} glossary entries",
            args.parts.len(),
            glossary.entries.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The non-blank lines of a file (`-`: stdin), read as text by the
/// library's decoder.
fn read_lines(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).context("reading stdin")?;
        nazir::text::decode(&bytes, nazir::text::Origin::file("-")).map_err(nazir::error::Error::Data)?.to_string()
    } else {
        nazir::text::read_file(path)?
    };
    Ok(text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).filter(|l| !l.trim().is_empty()).collect())
}

fn run_match(args: &MatchArgs) -> anyhow::Result<ExitCode> {
    use nazir::romanize::key_str;
    use nazir::score::index::{CandidateIndex, SearchScratch};
    use nazir::score::render_script;
    use nazir::score::term::{ARTICLE_STRIP_PENALTY, explain, rank_term};
    use rayon::prelude::*;
    anyhow::ensure!(args.top_k > 0, "--top-k must be at least 1");
    let english = read_lines(&args.against)?;
    let terms = read_lines(&args.terms)?;
    if let Some(out) = args.output.as_deref() {
        check_output_path(out)?;
    }
    let index = CandidateIndex::new(&english);
    let results: Vec<Vec<nazir::score::index::Match>> = terms
        .par_iter()
        .map_init(
            || (SearchScratch::default(), Vec::new()),
            |(scratch, out), term| {
                rank_term(&index, term, args.top_k, ARTICLE_STRIP_PENALTY, scratch, out);
                out.clone()
            },
        )
        .collect();
    emit(args.output.as_deref(), |w| {
        let mut csv = csv::Writer::from_writer(w);
        if args.explain {
            csv.write_record(["ar", "rank", "en", "score", "ar_key", "en_key", "edits"])?;
        } else {
            csv.write_record(["ar", "rank", "en", "score"])?;
        }
        for (term, matches) in terms.iter().zip(&results) {
            for (rank, m) in matches.iter().enumerate() {
                let (rank, score) = ((rank + 1).to_string(), format!("{:.3}", m.score));
                let en = english[m.term].as_str();
                if args.explain {
                    let why = explain(term, en, m.reading, ARTICLE_STRIP_PENALTY);
                    let edits = render_script(&why.edits);
                    let (ar_key, en_key) = (key_str(&why.arabic_key), key_str(&why.english_key));
                    csv.write_record([term.as_str(), &rank, en, &score, ar_key, en_key, &edits])?;
                } else {
                    csv.write_record([term.as_str(), &rank, en, &score])?;
                }
            }
        }
        csv.flush()
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_merge(args: &cli::MergeArgs) -> anyhow::Result<ExitCode> {
    use nazir::review::{read_glossary, write_glossary};
    check_output_path(&args.output)?;
    let master = if args.master.exists() {
        read_glossary(&args.master).with_context(|| format!("reading the master {}", args.master.display()))?
    } else {
        nazir::glossary::Glossary::default()
    };
    let reviews = args.reviewed.iter().map(|p| nazir::table::read_tables(p)).collect::<Result<Vec<_>, _>>()?;
    let outcome = nazir::merge::merge(master, &reviews, args.on_conflict.into())?;
    for c in &outcome.conflicts {
        eprintln!("nazir: conflict: {c}");
    }
    if args.on_conflict == cli::ConflictPolicy::Fail && !outcome.conflicts.is_empty() {
        anyhow::bail!(
            "{} conflicting edits; nothing written (choose --on-conflict keep or theirs to resolve them)",
            outcome.conflicts.len()
        );
    }
    if args.output.exists() {
        let backup = backup_path(&args.output);
        std::fs::copy(&args.output, &backup)
            .with_context(|| format!("keeping the previous master as {}", backup.display()))?;
    }
    write_glossary(&outcome.glossary, &args.output)?;
    eprintln!(
        "nazir: merged {} reviews: {} cells changed, {} entries added, {} conflicts; {} entries in {}",
        args.reviewed.len(),
        outcome.edits,
        outcome.added,
        outcome.conflicts.len(),
        outcome.glossary.entries.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `FILE.bak` beside `FILE`.
fn backup_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn run_export(args: &cli::ExportArgs) -> anyhow::Result<ExitCode> {
    use nazir::export::{ExportOptions, export_to_file};
    check_output_path(&args.output)?;
    let glossary = nazir::review::read_glossary(&args.glossary)?;
    let Some(profile) = args.to.profile() else {
        nazir::review::workbook::write_review_xlsx(&glossary, &args.output)?;
        eprintln!("nazir: {} entries written to {}", glossary.entries.len(), args.output.display());
        return Ok(ExitCode::SUCCESS);
    };
    let mut options = ExportOptions::new(profile);
    for &status in &args.include {
        let status = status.into();
        if !options.include.contains(&status) {
            options.include.push(status);
        }
    }
    options.direction = args.direction.into();
    options.tbx_version = args.tbx_version.into();
    let report = export_to_file(&glossary, &options, &args.output)?;
    eprintln!(
        "nazir: {} entries ({} records) written to {} as {profile}; {} entries left out by status",
        report.entries,
        report.lines,
        args.output.display(),
        report.skipped_by_status
    );
    Ok(ExitCode::SUCCESS)
}

fn run_validate(args: &cli::ValidateArgs) -> anyhow::Result<ExitCode> {
    let profile: nazir::export::profile::Profile = args.profile.into();
    let problems = nazir::export::validate::validate(&args.file, profile)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in &problems {
        writeln!(out, "{}:{}: {}", args.file.display(), p.line, p.message)?;
    }
    if problems.is_empty() {
        eprintln!("nazir: {} is valid for {profile}", args.file.display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("nazir: {} problems in {} for {profile}", problems.len(), args.file.display());
        Ok(ExitCode::from(1))
    }
}

fn run_check(args: &cli::CheckArgs) -> anyhow::Result<ExitCode> {
    use nazir::check::{CheckOptions, check_texts, write_findings_csv};
    if let Some(out) = args.output.as_deref() {
        check_output_path(out)?;
    }
    let glossary = nazir::review::read_glossary(&args.glossary)
        .with_context(|| format!("reading the glossary {}", args.glossary.display()))?;
    let mut skipped = 0;
    let report =
        check_texts(&glossary, CheckOptions::default(), &args.inputs, nazir::input::OnProblem::Continue, |p| {
            eprintln!("nazir: skipped {p}");
            skipped += 1;
        })?;
    emit(args.output.as_deref(), |w| write_findings_csv(&report, w))?;
    if !args.quiet {
        for line in report.summary() {
            eprintln!("nazir: {line}");
        }
    }
    // Error-level findings gate a publishing pipeline, like unreadable inputs.
    Ok(if report.has_errors() || skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_romanize(args: &RomanizeArgs) -> anyhow::Result<ExitCode> {
    use nazir::normalize::{is_arabic_letter, normalize};
    use nazir::romanize::{arabic_key, english_keys, fold_latin, key_str};
    emit(None, |w| {
        for term in &args.terms {
            if term.chars().any(is_arabic_letter) {
                writeln!(w, "{term}\t{}\t{}", normalize(term), key_str(&arabic_key(term)))?;
            } else {
                let keys: Vec<String> = english_keys(term).iter().map(|(_, k)| key_str(k).to_string()).collect();
                writeln!(w, "{term}\t{}\t{}", fold_latin(term), keys.join("|"))?;
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
