//! The `nazir` binary: parses arguments ([`cli`]), calls the library,
//! reports what happened on stderr and picks the exit code: 0 success, 1
//! some inputs were skipped (or `check`/`validate` found problems), 2 usage
//! or fatal error.

mod cli;
mod progress;
mod report;

use anyhow::Context;
use clap::Parser;
use cli::{
    BuildArgs, Cli, Command, GlossaryOutputArgs, MatchArgs, MergePartialsArgs, RomanizeArgs, ScanArgs,
    TransliterateArgs,
};
use nazir::export::CsvOptions;
use nazir::glossary::{Glossary, GlossaryFilter};
use nazir::output::{check_output_path, emit, file_or_stdout};
use nazir::pipeline::{build, build_stats, scan};
use nazir::review::OutputFormat;
use progress::{on_progress, progress_bar};
use report::{articles, candidates, entries, finish_run, plural, report_skipped};
use std::process::ExitCode;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build(args) => run_build(&args),
        Command::Scan(args) => run_scan(&args),
        Command::MergePartials(args) => run_merge_partials(&args),
        Command::Match(args) => run_match(&args),
        Command::Transliterate(args) => run_transliterate(&args),
        Command::Romanize(args) => run_romanize(&args),
        Command::Merge(args) => run_merge(&args),
        Command::Export(args) => run_export(&args),
        Command::Validate(args) => run_validate(&args),
        Command::Check(args) => run_check(&args),
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`nazir … | head`) is not a failure.
        Err(err) if err.chain().any(is_broken_pipe) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("nazir: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<nazir::error::Error>().is_some_and(nazir::error::Error::is_broken_pipe)
        || e.downcast_ref::<std::io::Error>().is_some_and(nazir::error::is_broken_pipe)
}

/// Checks a glossary output and reads the master before any work.
fn prepare_glossary_output(args: &GlossaryOutputArgs) -> anyhow::Result<Option<Glossary>> {
    nazir::review::check_build_output(args.output.as_deref(), args.force)?;
    let read =
        |p: &std::path::Path| nazir::review::read_glossary(p).with_context(|| format!("reading {}", p.display()));
    args.glossary.as_deref().map(read).transpose()
}

/// Applies the master, if any, and writes the glossary; returns it.
fn write_glossary_output(
    args: &GlossaryOutputArgs,
    master: Option<&Glossary>,
    mut glossary: Glossary,
    quiet: bool,
) -> anyhow::Result<Glossary> {
    if let Some(master) = master {
        let (applied, report) = nazir::merge::apply_master(master, glossary, args.keep_master_rows);
        glossary = applied;
        if !quiet {
            eprintln!("nazir: {report}");
        }
    }
    let output = args.output.as_deref();
    let format = OutputFormat::choose(args.format.map(Into::into), file_or_stdout(output));
    let csv = CsvOptions { excel: args.excel, association: args.association };
    nazir::review::write_build_output(&glossary, output, format, csv, args.force)?;
    Ok(glossary)
}

fn run_build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let config = args.to_config()?;
    let bar = progress_bar(args.quiet);
    if args.partial {
        if let Some(out) = file_or_stdout(args.glossary_output.output.as_deref()) {
            check_output_path(out)?;
        }
        let out = build_stats(&config, &mut on_progress(&bar))?;
        bar.finish_and_clear();
        report_skipped(&out.problems);
        emit(args.glossary_output.output.as_deref(), |w| nazir::partial::write_partial(&out.stats, w))?;
        let terms = out.stats.terms.len();
        let summary = format_args!(
            "{}, {}, {} in the partial file",
            articles(out.articles),
            candidates(out.candidates),
            plural(terms, "term", "terms")
        );
        return Ok(finish_run(args.quiet, summary, out.problems.len()));
    }
    let master = prepare_glossary_output(&args.glossary_output)?;
    let out = build(&config, &mut on_progress(&bar))?;
    bar.finish_and_clear();
    report_skipped(&out.problems);
    let inputs: Vec<String> = config.inputs.iter().map(|p| p.display().to_string()).collect();
    let looked_for = nazir::input::READ_FORMATS;
    anyhow::ensure!(out.articles > 0, "no articles found in {} (looked for {looked_for})", inputs.join(", "));
    let glossary = write_glossary_output(&args.glossary_output, master.as_ref(), out.glossary, args.quiet)?;
    let entries = glossary.entries.len();
    let summary = format_args!(
        "{}, {}, {}",
        articles(out.articles),
        candidates(out.candidates),
        plural(entries, "glossary entry", "glossary entries")
    );
    Ok(finish_run(args.quiet, summary, out.problems.len()))
}

fn run_scan(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let config = args.to_config()?;
    if args.list_files {
        let files = nazir::input::input_files(&config.inputs, config.root.as_deref())?;
        let list = nazir::input::file_list(&files, args.input.null)?;
        emit(args.output.as_deref(), |w| w.write_all(&list))?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(out) = file_or_stdout(args.output.as_deref()) {
        check_output_path(out)?;
    }
    let bar = progress_bar(args.quiet);
    let out = scan(&config, &mut on_progress(&bar))?;
    bar.finish_and_clear();
    report_skipped(&out.problems);
    emit(args.output.as_deref(), |w| nazir::partial::write_candidates(&out.found, w))?;
    let summary = format_args!(
        "{}, {}",
        articles(out.articles),
        plural(out.found.len(), "candidate spelling", "candidate spellings")
    );
    Ok(finish_run(args.quiet, summary, out.problems.len()))
}

fn run_merge_partials(args: &MergePartialsArgs) -> anyhow::Result<ExitCode> {
    let stdin_parts = args.parts.iter().filter(|p| p.as_os_str() == "-").count();
    anyhow::ensure!(stdin_parts <= 1, "stdin (-) can be given only once");
    let master = prepare_glossary_output(&args.glossary_output)?;
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
    let glossary = write_glossary_output(&args.glossary_output, master.as_ref(), glossary, args.quiet)?;
    let parts = plural(args.parts.len(), "partial file", "partial files");
    let entries = plural(glossary.entries.len(), "glossary entry", "glossary entries");
    Ok(finish_run(args.quiet, format_args!("merged {parts}: {}, {entries}", self::articles(articles as usize)), 0))
}

fn run_match(args: &MatchArgs) -> anyhow::Result<ExitCode> {
    use nazir::score::term::{ARTICLE_STRIP_PENALTY, rank_terms, write_rankings_csv};
    let (english, terms) = (nazir::text::read_lines(&args.against)?, nazir::text::read_lines(&args.terms)?);
    if let Some(out) = args.output.as_deref() {
        check_output_path(out)?;
    }
    let rankings = rank_terms(&english, &terms, usize::from(args.top_k), ARTICLE_STRIP_PENALTY);
    emit(args.output.as_deref(), |w| {
        write_rankings_csv(&english, &terms, &rankings, args.explain, ARTICLE_STRIP_PENALTY, w)
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_merge(args: &cli::MergeArgs) -> anyhow::Result<ExitCode> {
    let job = nazir::merge::MergeJob {
        master: &args.master,
        reviews: &args.reviewed,
        output: &args.output,
        on_conflict: args.on_conflict.into(),
        new: args.new,
    };
    let outcome = job.run(|lock| {
        eprintln!("nazir: waiting for another run writing {} ({})", args.output.display(), lock.display())
    })?;
    for r in outcome.reports.iter().filter(|r| !args.quiet || !r.has_base || !r.reversed.is_empty()) {
        eprintln!("nazir: {r}");
    }
    for c in &outcome.conflicts {
        eprintln!("nazir: conflict: {c}");
    }
    if args.on_conflict == cli::ConflictPolicy::Fail && !outcome.conflicts.is_empty() {
        let n = outcome.conflicts.len();
        anyhow::bail!("{n} conflicting edits; nothing written (choose --on-conflict keep or theirs to resolve them)");
    }
    if args.quiet {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "nazir: merged {}: {} cells changed, {} entries added, {} conflicts; {} entries in {}",
        plural(args.reviewed.len(), "review", "reviews"),
        outcome.edits,
        outcome.added,
        outcome.conflicts.len(),
        outcome.glossary.entries.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn run_export(args: &cli::ExportArgs) -> anyhow::Result<ExitCode> {
    let file = file_or_stdout(Some(&args.output));
    if let Some(out) = file {
        nazir::review::check_output_against(out, &[&args.glossary], args.force)?;
    }
    let glossary = nazir::review::read_glossary(&args.glossary)?;
    if let Some(out) = file.filter(|_| args.force) {
        nazir::review::backup_if_reviewed(out)?;
    }
    let Some(profile) = args.to.profile() else {
        let out = file.context("the review workbook needs a file: give -o FILE.xlsx")?;
        nazir::review::workbook::write_review_xlsx(&glossary, out)?;
        return Ok(finish_run(
            args.quiet,
            format_args!("{} written to {}", entries(glossary.entries.len()), out.display()),
            0,
        ));
    };
    let options = args.options(profile);
    let report = nazir::export::export_to(&glossary, &options, &args.output)?;
    let (n, records, left_out) =
        (entries(report.entries), plural(report.lines, "record", "records"), entries(report.skipped_by_status));
    let out = args.output.display();
    let code = finish_run(
        args.quiet,
        format_args!("{n} ({records}) written to {out} as {profile}; {left_out} left out by status"),
        0,
    );
    if let Some(xcs) = nazir::export::xcs_path(&options, &args.output).filter(|_| !args.quiet) {
        let note = if file.is_some() {
            format!("is {}: keep it beside the file", xcs.display())
        } else {
            "is written only with -o FILE".into()
        };
        eprintln!("nazir: its constraint specification (languages ar, en) {note}");
    }
    Ok(code)
}

fn run_validate(args: &cli::ValidateArgs) -> anyhow::Result<ExitCode> {
    let profile = args.profile.into();
    let problems = nazir::export::validate(&args.file, profile)?;
    emit(None, |w| problems.iter().try_for_each(|p| writeln!(w, "{}:{}: {}", args.file.display(), p.line, p.message)))?;
    if problems.is_empty() {
        if !args.quiet {
            eprintln!("nazir: {} is valid for {profile}", args.file.display());
        }
        Ok(ExitCode::SUCCESS)
    } else {
        let n = plural(problems.len(), "problem", "problems");
        eprintln!("nazir: {n} in {} for {profile}", args.file.display());
        Ok(ExitCode::from(1))
    }
}

fn run_check(args: &cli::CheckArgs) -> anyhow::Result<ExitCode> {
    use nazir::check::{CheckOptions, check_texts, write_findings_csv};
    if let Some(out) = file_or_stdout(args.output.as_deref()) {
        let files = nazir::input::input_files(&args.inputs, None)?;
        let mut inputs: Vec<&std::path::Path> = files.iter().map(|f| f.path.as_path()).collect();
        inputs.push(&args.glossary);
        nazir::review::check_output_against(out, &inputs, args.force)?;
        if args.force {
            nazir::review::backup_if_reviewed(out)?;
        }
    }
    let glossary = nazir::review::read_glossary(&args.glossary)
        .with_context(|| format!("reading the glossary {}", args.glossary.display()))?;
    let mut skipped = 0;
    let on_problem = nazir::input::OnProblem::Continue;
    let report = check_texts(&glossary, CheckOptions::default(), &args.inputs, on_problem, |p| {
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

fn run_transliterate(args: &TransliterateArgs) -> anyhow::Result<ExitCode> {
    use nazir::transliterate::{Transliterator, write_guesses_csv};
    let terms = match args.terms.as_slice() {
        [] => nazir::text::read_lines(std::path::Path::new("-"))?,
        [dash] if dash == "-" => nazir::text::read_lines(std::path::Path::new("-"))?,
        terms => terms.to_vec(),
    };
    if let Some(out) = args.output.as_deref() {
        check_output_path(out)?;
    }
    let guesser = Transliterator::shipped();
    if let (Some(names), false) = (guesser.names(), args.letters_only) {
        names.prepare_search();
    }
    let guesses = guesser.guess_all(&terms, usize::from(args.top_k), args.letters_only);
    emit(args.output.as_deref(), |w| write_guesses_csv(&terms, &guesses, w))?;
    Ok(ExitCode::SUCCESS)
}

fn run_romanize(args: &RomanizeArgs) -> anyhow::Result<ExitCode> {
    emit(None, |w| args.terms.iter().try_for_each(|t| writeln!(w, "{}", nazir::romanize::describe(t))))?;
    Ok(ExitCode::SUCCESS)
}
