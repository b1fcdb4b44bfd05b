//! Hostile inputs stay within bounded time and memory, and are reported.

use crate::util::*;
use std::process::Command;

/// Runs the binary under a limit of address space (`ulimit -v`, in KiB), so
/// that a run that would need more memory fails instead of passing.
fn run_limited(kib: u64, args: &[&str]) -> std::process::Output {
    let mut script = format!("ulimit -v {kib}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh").arg("-c").arg(script).arg(bin()).args(args).current_dir(repo()).output().expect("sh runs")
}

#[test]
fn one_enormous_word_is_not_aligned_and_costs_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    // 20,000 letters without a space, between ordinary words and a name.
    let text = format!("قالت شركة جوجل {} ثم قالت جوجل", "بلمك".repeat(5_000));
    std::fs::write(&path, text).unwrap();
    let out = run_limited(700_000, &["build", path.to_str().unwrap(), "-q"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&String::from_utf8(out.stdout).unwrap());
    let google = rows.iter().find(|r| r["en"] == "Google").expect("the name around the long word is still found");
    assert_eq!(google["count"], "2");
}

#[test]
fn numeric_options_out_of_range_are_usage_errors() {
    for args in [
        vec!["match", "--against", "tests/data/english.txt", "--top-k", "18446744073709551615"],
        vec!["match", "--against", "tests/data/english.txt", "--top-k", "1001"],
        vec!["build", "tests/data/articles", "--threads", "20000"],
        vec!["build", "tests/data/articles", "--threads", "0"],
    ] {
        let out = run(&args, Some("غوغل\n".as_bytes()));
        assert_code(&out, 2, &args);
        let err = stderr(&out);
        assert!(err.contains("not in 1..=") || err.contains("too large"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The largest top-k allowed asks for more than the list holds: fine.
    let out = run(&["match", "--against", "tests/data/english.txt", "--top-k", "1000"], Some("غوغل\n".as_bytes()));
    assert_success(&out, &["match", "--top-k", "1000"]);
}
