//! Exit codes (0 clean, 1 bad inputs skipped, 2 usage or fatal error), bad
//! inputs, reviewed glossaries and atomic output.

use crate::util::{ENGLISH, assert_code, csv_rows, dir_entries, renderings, row_for, run, stderr, stdout, tempdir};
use std::path::Path;

fn build_args<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend_from_slice(&ENGLISH);
    all
}

/// Asserts that `dir` holds exactly `names` (no temporary files left).
fn assert_only(dir: &Path, names: &[&str]) {
    assert_eq!(
        dir_entries(dir),
        names.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        "files left in {}",
        dir.display()
    );
}

#[test]
fn clean_run_exits_0() {
    let args = build_args(&["tests/data/articles"]);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    let err = stderr(&out);
    assert!(!err.contains("skipped"), "{err}");
    assert!(err.contains("5 articles"), "summary on stderr: {err}");
    // --quiet silences the summary.
    let mut quiet = args.clone();
    quiet.push("--quiet");
    let out = run(&quiet, None);
    assert_code(&out, 0, &quiet);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let args = build_args(&["tests/data/bad"]);
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    let err = stderr(&out);
    assert!(err.contains("latin1.txt:3"), "stderr names latin1.txt:3: {err}");
    assert!(err.contains("byte 281"), "stderr gives the byte offset: {err}");
    assert!(err.contains("broken.jsonl:2"), "stderr names broken.jsonl:2: {err}");
    assert!(!err.contains("broken.jsonl:1") && !err.contains("broken.jsonl:3"));
    assert!(!err.contains("good.txt"), "good.txt is fine: {err}");

    let rows = csv_rows(&stdout(&out));
    // good.txt mentions جوجل and أمازون.
    let amazon = row_for(&rows, "Amazon").expect("Amazon from good.txt");
    assert_eq!(amazon["source"], "good.txt:1");
    assert!(renderings(amazon).contains(&"أمازون".to_string()));
    assert!(row_for(&rows, "Google").is_some(), "Google from good.txt and g1");
    // broken.jsonl lines 1 (g1) and 3 (g3) are read, line 2 (g2) is not.
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str()).collect();
    assert!(sources.iter().any(|s| s.starts_with("g1:")), "{sources:?}");
    assert!(sources.iter().any(|s| s.starts_with("g3:")), "{sources:?}");
    assert!(!sources.iter().any(|s| s.starts_with("g2:")), "{sources:?}");
    assert!(row_for(&rows, "Android").is_some(), "Android from g1");
    let microsoft = row_for(&rows, "Microsoft").expect("Microsoft from g3");
    assert!(microsoft["source"].starts_with("g3:"));
    assert!(row_for(&rows, "London").is_some(), "London from g3");
    // Nothing from latin1.txt.
    assert!(!sources.iter().any(|s| s.starts_with("latin1.txt")));
}

#[test]
fn bad_inputs_with_output_file_still_write_it() {
    let dir = tempdir();
    let path = dir.path().join("g.csv");
    let args = build_args(&["tests/data/bad", "-o", path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    let rows = csv_rows(&std::fs::read_to_string(&path).expect("glossary written"));
    assert!(row_for(&rows, "Amazon").is_some());
    assert_only(dir.path(), &["g.csv"]);
}

#[test]
fn strict_stops_at_the_first_bad_input() {
    let dir = tempdir();
    let path = dir.path().join("g.csv");
    let args = build_args(&["tests/data/bad", "--strict", "-o", path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    // Sorted order: broken.jsonl comes before latin1.txt.
    assert!(err.contains("broken.jsonl:2"), "{err}");
    assert!(!err.contains("latin1.txt"), "stopped at the first: {err}");
    assert!(!path.exists(), "no output file with --strict failure");
    assert_only(dir.path(), &[]);
    // Without -o, nothing on stdout either.
    let args = build_args(&["tests/data/bad/latin1.txt", "--strict"]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("latin1.txt:3"));
    // --strict on clean input is fine.
    let args = build_args(&["tests/data/bad/good.txt", "--strict"]);
    assert_code(&run(&args, None), 0, &args);
}

#[test]
fn missing_output_folder_is_an_error_and_creates_nothing() {
    let dir = tempdir();
    let path = dir.path().join("missing/sub/g.csv");
    let args = build_args(&["tests/data/articles", "-o", path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("missing"), "names the folder: {err}");
    assert!(out.stdout.is_empty());
    assert_only(dir.path(), &[]);
}

#[test]
fn missing_input_exits_2_and_names_it() {
    let dir = tempdir();
    let out_path = dir.path().join("g.csv");
    let args = build_args(&["tests/data/no-such-article.txt", "-o", out_path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("tests/data/no-such-article.txt"), "{}", stderr(&out));
    assert_only(dir.path(), &[]);
    // Also next to good inputs.
    let args = build_args(&["tests/data/articles", "no-such-dir"]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("no-such-dir"));
    assert!(out.stdout.is_empty());
    // A missing English list too.
    let args = ["build", "tests/data/articles", "--english", "no-such-list.txt"];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("no-such-list.txt"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "tests/data/articles", "--no-such-flag"][..],
        &["build"][..],
        &["no-such-command"][..],
        &[][..],
        &["build", "tests/data/articles", "--min-count", "many"][..],
    ] {
        let out = run(args, None);
        assert_code(&out, 2, args);
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = run(&["build", "tests/data/articles", "--no-such-flag"], None);
    assert!(stderr(&out).contains("--no-such-flag"));
}

#[test]
fn reviewed_glossary_is_not_overwritten_without_force() {
    let dir = tempdir();
    let path = dir.path().join("g.csv");
    let reviewed = "en,ar,variants,score,count,docs,method,kind,context,source,status\n\
                    Google,جوجل,,1.000,1,1,transliteration,,جوجل,a.txt:1,approved\n\
                    Amazon,أمازون,,1.000,1,1,transliteration,,أمازون,a.txt:1,\n";
    std::fs::write(&path, reviewed).unwrap();
    let args = build_args(&["tests/data/articles", "-o", path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("--force"), "tells how to go on: {err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), reviewed);
    assert_only(dir.path(), &["g.csv"]);

    // The same file saved by Excel (BOM, CRLF) is protected too.
    let excel = format!("\u{FEFF}{}", reviewed.replace('\n', "\r\n"));
    std::fs::write(&path, &excel).unwrap();
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), excel);

    // --force overwrites it, and keeps what it overwrote.
    let mut forced = args.clone();
    forced.push("--force");
    let out = run(&forced, None);
    assert_code(&out, 0, &forced);
    let rows = csv_rows(&std::fs::read_to_string(&path).unwrap());
    assert!(rows.len() > 10);
    assert!(rows.iter().all(|r| r["status"].is_empty()));
    assert_only(dir.path(), &["g.bak.csv", "g.csv"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("g.bak.csv")).unwrap(), excel);
}

#[test]
fn unreviewed_glossary_is_overwritten() {
    let dir = tempdir();
    let path = dir.path().join("g.csv");
    // A previous nazir output: no status filled in.
    let args = build_args(&["tests/data/articles/tech_ai.txt", "-o", path.to_str().unwrap()]);
    assert_code(&run(&args, None), 0, &args);
    let first = std::fs::read_to_string(&path).unwrap();
    let args = build_args(&["tests/data/articles", "-o", path.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    let second = std::fs::read_to_string(&path).unwrap();
    assert_ne!(first, second, "the file is replaced");
    assert!(csv_rows(&second).len() > csv_rows(&first).len());
    // Any other file (no status column) is overwritten as well.
    std::fs::write(&path, "just some notes\n").unwrap();
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), second);
    assert_only(dir.path(), &["g.csv"]);
}

#[test]
fn no_temporary_files_are_left() {
    let dir = tempdir();
    let path = dir.path().join("g.csv");
    let p = path.to_str().unwrap();
    // Success.
    let args = build_args(&["tests/data/articles", "-o", p]);
    assert_code(&run(&args, None), 0, &args);
    assert_only(dir.path(), &["g.csv"]);
    // Some inputs bad.
    let args = build_args(&["tests/data/bad", "-o", p]);
    assert_code(&run(&args, None), 1, &args);
    assert_only(dir.path(), &["g.csv"]);
    // Fatal errors after the output was named.
    let before = std::fs::read(&path).unwrap();
    for args in [build_args(&["tests/data/bad", "--strict", "-o", p]), build_args(&["no-such-input", "-o", p])] {
        assert_code(&run(&args, None), 2, &args);
        assert_only(dir.path(), &["g.csv"]);
        assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
    }
    // match -o also writes atomically.
    let m = dir.path().join("m.csv");
    let args = ["match", "--against", "tests/data/english.txt", "-o", m.to_str().unwrap()];
    let out = run(&args, Some("جوجل\n".as_bytes()));
    assert_code(&out, 0, &args);
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&m).unwrap().starts_with("ar,rank,en,score\n"));
    assert_only(dir.path(), &["g.csv", "m.csv"]);
}

#[test]
fn relative_output_in_the_current_folder() {
    let dir = tempdir();
    let article = crate::util::data("bad/good.txt");
    let args = ["build", article.to_str().unwrap(), "-o", "g.csv", "--quiet"];
    let out = crate::util::run_in(dir.path(), &args, None);
    assert_code(&out, 0, &args);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(csv_rows(&std::fs::read_to_string(dir.path().join("g.csv")).unwrap()).len() >= 2);
    assert_only(dir.path(), &["g.csv"]);
}

#[test]
fn io_error_is_reported_once() {
    let args = build_args(&["tests/data/no-such-article.txt"]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert_eq!(err.matches("os error").count(), 1, "the OS error appears once: {err}");
}
