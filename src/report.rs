//! What the binary tells a person on stderr when a run ends: the inputs it
//! skipped, a one-line summary with counts in words (`1 article`,
//! `2 articles`), and the exit code that goes with them.

use nazir::error::InputProblem;
use std::process::ExitCode;

/// Reports the inputs a run skipped, as soon as the work is done.
pub fn report_skipped(problems: &[InputProblem]) {
    for p in problems {
        eprintln!("nazir: skipped {p}");
    }
}

/// Prints a run's summary (unless quiet) and picks its exit code: 1 when
/// inputs were skipped.
pub fn finish_run(quiet: bool, summary: std::fmt::Arguments<'_>, skipped: usize) -> ExitCode {
    if !quiet {
        let skipped =
            if skipped == 0 { String::new() } else { format!(", {} skipped", plural(skipped, "input", "inputs")) };
        eprintln!("nazir: {summary}{skipped}");
    }
    if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `1 review`, `2 reviews`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn articles(n: usize) -> String {
    plural(n, "article", "articles")
}

pub fn candidates(n: usize) -> String {
    plural(n, "candidate", "candidates")
}

pub fn entries(n: usize) -> String {
    plural(n, "entry", "entries")
}
